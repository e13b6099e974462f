from importlib import import_module

from django.conf import settings

from .models import StaffSession


def end_all_sessions(user) -> int:
    """End every session this person is logged in with; the number ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(StaffSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    StaffSession.objects.filter(user=user).delete()
    return len(keys)
