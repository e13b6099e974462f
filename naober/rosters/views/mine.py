"""My shifts: what staff and volunteers see of the roster, and the changes they can make."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse(status=501)


my_shifts = give_away = take = swap = answer_ask = answer_swap = withdraw = feed = _todo
