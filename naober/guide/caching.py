"""A short-lived cache for the guide's public pages.

Working out "open now or next" for ten places and rendering them costs tens of milliseconds;
residents of one village search the same few postcodes. A page is kept for
NAOBER_GUIDE_CACHE_SECONDS (default 60): a change by staff shows within that time, and "open now"
is never more than a minute behind. Only successful pages are kept (a 400 with a message is not),
and Django's cache varies on the Vary headers, so a page never crosses languages or sessions.
"""

from functools import lru_cache, wraps

from django.conf import settings
from django.views.decorators.cache import cache_page


def public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.NAOBER_GUIDE_CACHE_SECONDS
        if seconds <= 0:
            return view(request, *args, **kwargs)
        return _kept(view, seconds)(request, *args, **kwargs)

    return wrapper


@lru_cache(maxsize=32)
def _kept(view, seconds: int):
    # Built once per view and setting, not on every request.
    return cache_page(seconds, key_prefix="guide")(view)
