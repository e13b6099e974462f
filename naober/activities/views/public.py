"""The residents' pages: activities near me, an activity, signing up, and a sign-up's own page."""

from django.http import HttpResponse


def _todo(*args, **kwargs):
    return HttpResponse("todo")


activities = activity = sign_up = signup = cancel = confirm = place_calendar = _todo


def rate_limited(request, exception):
    return HttpResponse("todo", status=429)
