"""The host's pages: a place's coming sessions, the attendance list, signing someone up."""

from django.http import HttpResponse

from naober.accounts.decorators import staff_required


@staff_required
def _todo(request, *args, **kwargs):
    return HttpResponse("todo")


sessions = attendance = mark = sign_up = cancel = confirm = _todo
