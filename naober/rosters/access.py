"""Who sees which roster: a person their own shifts; a coordinator their network's rosters."""

from django.db.models import QuerySet

from naober.accounts import access

from .models import Person, Roster


def person_for(user) -> Person | None:
    """The active roster person this login belongs to, if any."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return Person.objects.filter(user=user, is_active=True).select_related("municipality").first()


def rosters(user) -> QuerySet[Roster]:
    """The rosters of the networks this person coordinates."""
    return Roster.objects.filter(municipality__in=access.network(user))
