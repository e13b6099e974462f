from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from .access import is_staff_member, second_factor_done


def staff_required(view):
    """A staff page: logged in with password *and* second factor, with a membership (or a
    superuser). Otherwise to the login (or the second-factor step); a person without any
    staff role gets 403. Never cached anywhere (Cache-Control: no-store)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect(
                f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}"
            )
        if not second_factor_done(request):
            return redirect(
                f"{reverse('accounts:verify')}?{urlencode({'next': request.get_full_path()})}"
            )
        if not is_staff_member(user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(wrapper)
