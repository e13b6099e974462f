"""The coordinator's roster pages: generate, check, publish, mend, approve."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse(status=501)


rosters = generate = changes = absence = roster = publish = cancel = decide = _todo
