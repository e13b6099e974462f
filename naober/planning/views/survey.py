"""The public needs survey: one short form per village, anonymous, works without JavaScript."""

from django.http import Http404


def _todo(*args, **kwargs):
    raise Http404("not built yet")


survey = thanks = _todo
