"""My shifts: what staff and volunteers see of the roster, and the changes they can make.

Every page starts from the roster person of the login (access.person_for); a login without one
gets a page that says so. Shifts and changes come from that person's own (or, to take one, their
network's published rosters): another's is simply not there (404). Every change is a POST,
answered with 303 back to "my shifts" with a message naming what happened or what stood in the
way, so a reload never posts twice and a rule never ends in an error page.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from naober.accounts.decorators import staff_required
from naober.responses import see_other

from .. import access, changes, feeds
from ..changes import ChangeError
from ..constants import Approval, ChangeKind, ChangeStatus, RosterStatus
from ..forms import SwapForm
from ..models import Person, Shift, ShiftChange

ANSWERS = {"yes": True, "no": False}


def self_service(view):
    """Logged in with the second factor, and on a roster: the view gets the Person."""

    @staff_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        person = access.person_for(request.user)
        if person is None:
            return render(request, "rosters/mine_none.html", status=403)
        return view(request, person, *args, **kwargs)

    return wrapper


def _back(anchor: str = "") -> HttpResponseRedirect:
    return see_other(reverse("rosters:mine") + (f"#{anchor}" if anchor else ""))


def _own_shift(person: Person, pk) -> Shift:
    return get_object_or_404(
        Shift.objects.filter(assignments__person=person).select_related("place", "roster"),
        pk=pk,
    )


def _network_shift(person: Person, pk) -> Shift:
    return get_object_or_404(
        Shift.objects.filter(
            roster__municipality_id=person.municipality_id, roster__status=RosterStatus.PUBLISHED
        ).select_related("place", "roster"),
        pk=pk,
    )


def _answer(request) -> bool | None:
    return ANSWERS.get(request.POST.get("answer", ""))


@self_service
def my_shifts(request, person):
    feed_path = reverse("rosters:feed", args=[person.feed_token])
    feed_url = request.build_absolute_uri(feed_path)
    overview = changes.overview(person)
    context = {
        "person": person,
        "overview": overview,
        "automatic": overview.approval == Approval.AUTOMATIC,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1],
        "ask_hours": settings.NAOBER_ROSTER_ASK_HOURS,
    }
    return render(request, "rosters/mine.html", context)


@self_service
@require_POST
def give_away(request, person, pk):
    shift = _own_shift(person, pk)
    try:
        changes.give_away(person, shift)
    except ChangeError as error:
        messages.error(request, error.message)
        return _back(f"shift-{shift.pk}")
    messages.success(
        request,
        _(
            "You offered your shift of %(when)s to your colleagues. It stays yours until "
            "someone takes it."
        )
        % {"when": changes.when(shift)},
    )
    return _back(f"shift-{shift.pk}")


@self_service
@require_POST
def take(request, person, pk):
    shift = _network_shift(person, pk)
    offered = request.POST.get("change", "")
    if offered:
        try:
            target = ShiftChange.objects.get(
                pk=int(offered), shift=shift, kind=ChangeKind.GIVE_AWAY
            )
        except (ValueError, ShiftChange.DoesNotExist):
            raise Http404 from None
    else:
        target = shift
    try:
        change = changes.take(person, target)
    except ChangeError as error:
        messages.error(
            request, _("You cannot take this shift: %(reason)s") % {"reason": error.message}
        )
        return _back("open-shifts")
    messages.success(request, _decided_message(change, shift))
    return _back()


def _decided_message(change: ShiftChange, shift: Shift) -> str:
    if change.status == ChangeStatus.APPROVED:
        return _("The shift of %(when)s is now yours.") % {"when": changes.when(shift)}
    return _("You asked for the shift of %(when)s. The coordinator decides; you get a mail.") % {
        "when": changes.when(shift)
    }


@self_service
def swap(request, person, pk):
    shift = _own_shift(person, pk)
    options = changes.swap_options(person, shift)
    data = request.POST if request.method == "POST" else None
    form = SwapForm(data, options=options)
    if form.is_bound and form.is_valid():
        option = form.chosen()
        try:
            changes.propose_swap(person, shift, option.colleague, option.shift)
        except ChangeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("You proposed the swap to %(name)s. You get a mail when they answer.")
                % {"name": option.colleague.name},
            )
            return _back(f"shift-{shift.pk}")
    context = {
        "person": person,
        "item": changes.my_shift(person, shift),
        "form": form,
        "has_options": bool(options),
        "automatic": changes.approval(person.municipality_id) == Approval.AUTOMATIC,
        "started": shift.start <= timezone.now(),
    }
    return render(request, "rosters/swap.html", context, status=400 if form.is_bound else 200)


@self_service
@require_POST
def answer_ask(request, person, pk):
    shift = _network_shift(person, pk)
    accept = _answer(request)
    if accept is None:
        messages.error(request, _("Nothing was answered: choose yes or no."))
        return _back()
    try:
        changes.answer_ask(person, shift, accept=accept)
    except ChangeError as error:
        messages.error(request, error.message)
        return _back()
    if accept:
        messages.success(
            request, _("Thank you: the shift of %(when)s is yours.") % {"when": changes.when(shift)}
        )
        return _back(f"shift-{shift.pk}")
    messages.success(
        request,
        _("You said no to the shift of %(when)s. The coordinator looks for someone else.")
        % {"when": changes.when(shift)},
    )
    return _back()


@self_service
@require_POST
def answer_swap(request, person, pk):
    change = get_object_or_404(
        ShiftChange.objects.filter(kind=ChangeKind.SWAP, to_person=person).select_related(
            "from_person", "shift__place", "swap_shift__place"
        ),
        pk=pk,
    )
    accept = _answer(request)
    if accept is None:
        messages.error(request, _("Nothing was answered: choose yes or no."))
        return _back()
    try:
        change = changes.answer_swap(person, change, accept=accept)
    except ChangeError as error:
        messages.error(request, error.message)
        return _back()
    if not accept:
        messages.success(
            request,
            _("You said no to the swap. %(name)s gets a mail.") % {"name": change.from_person.name},
        )
    elif change.status == ChangeStatus.APPROVED:
        messages.success(
            request,
            _("The swap is done: the shift of %(when)s is now yours.")
            % {"when": changes.when(change.shift)},
        )
    else:
        messages.success(
            request, _("You said yes to the swap. The coordinator decides; you both get a mail.")
        )
    return _back()


@self_service
@require_POST
def withdraw(request, person, pk):
    change = get_object_or_404(
        ShiftChange.objects.filter(Q(from_person=person) | Q(to_person=person)).select_related(
            "shift__place"
        ),
        pk=pk,
    )
    try:
        changes.withdraw(person, change)
    except ChangeError as error:
        messages.error(request, error.message)
        return _back()
    messages.success(request, _("Withdrawn: %(when)s.") % {"when": changes.when(change.shift)})
    return _back()


@require_safe
@never_cache
def feed(request, token):
    person = get_object_or_404(
        Person.objects.select_related("municipality"), feed_token=token, is_active=True
    )
    body = feeds.person_feed(person, base_url=settings.SITE_URL or request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="shifts.ics"'
    # The link is secret: search engines must not keep it.
    response["X-Robots-Tag"] = "noindex"
    return response
