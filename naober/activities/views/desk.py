"""The host's pages: a place's coming sessions, the attendance list (on the tablet and on paper),
marking who came, and signing someone up, cancelling or confirming a seat for them.

Every object comes from Session.objects.kept_by(user), or from the places behind it: another
place's session is simply not there (404). Every change is a POST answered with 303, back to the
list at the person's row, so a reload never posts the touch again."""

from datetime import date, timedelta

import phonenumbers
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from naober.accounts import access
from naober.accounts.decorators import staff_required
from naober.desk.forms import DescribedForm
from naober.responses import see_other
from naober.schedules.openings import today

from .. import attendance as host
from ..constants import SignUpStatus
from ..contact import readable_phone
from ..forms import SignUpForm
from ..models import Session, SignUp
from ..signup import SignUpError

COMING_DAYS = 28
# Sessions of the last week stay on the place's page: attendance is often marked afterwards.
PAST_DAYS = 7
ATTENDED = {"yes": True, "no": False, "": None}


class HostSignUpForm(SignUpForm):
    """The sign-up form in the words of a host filling it in for someone else."""

    contact_required = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["name"].label = gettext_lazy("Name")
        fields["phone"].help_text = gettext_lazy(
            "Not needed at the desk. With a number, they get a text message the day before."
        )
        fields["email"].help_text = gettext_lazy(
            "Not needed at the desk. With an address, they get a confirmation by e-mail."
        )
        fields["people"].label = gettext_lazy("How many people?")
        fields["note"].label = gettext_lazy("Note for the host")
        fields["note"].help_text = gettext_lazy("For example: no meat, or comes with a walker.")
        if "which" in fields:
            fields["which"].choices = [
                (self.ONE, gettext_lazy("Only this session")),
                (self.SERIES, gettext_lazy("This session and every one after it")),
            ]


# DescribedForm first: it ties each field to its help and error once the words above are set.
class DeskSignUpForm(DescribedForm, HostSignUpForm):
    pass


def _session(request, pk) -> Session:
    return get_object_or_404(
        Session.objects.kept_by(request.user).select_related("activity__place"), pk=pk
    )


def _signup(request, pk) -> SignUp:
    kept = Session.objects.kept_by(request.user)
    return get_object_or_404(
        SignUp.objects.filter(session__in=kept).select_related("session__activity__place"),
        pk=pk,
    )


def _list_url(session: Session, signup: SignUp | None = None) -> str:
    url = reverse("activity_desk:attendance", args=[session.pk])
    return url + (f"#signup-{signup.pk}" if signup is not None else "")


def _phone(value: str) -> str:
    try:
        return readable_phone(value)
    except phonenumbers.NumberParseException:
        return value


def _session_day(session: Session) -> date:
    return timezone.localtime(session.start).date()


@staff_required
def sessions(request, slug):
    # A host's own desks only, as on the desk's pages; a coordinator opens a list by its session.
    place = get_object_or_404(access.desk_places(request.user), slug=slug)
    first = today()
    coming = host.sessions_between(place, first, first + timedelta(days=COMING_DAYS - 1))
    past = host.sessions_between(place, first - timedelta(days=PAST_DAYS), first - timedelta(1))
    context = {
        "place": place,
        "today": first,
        "coming": coming,
        "past": past.reverse(),
        "coming_days": COMING_DAYS,
        "past_days": PAST_DAYS,
    }
    return render(request, "activities/desk/sessions.html", context)


@staff_required
def attendance(request, pk):
    session = _session(request, pk)
    listing = host.attendance_list(session, user=request.user, request=request)
    for signup in (*listing.seated, *listing.waiting):
        signup.readable_phone = _phone(signup.phone)
    activity = session.activity
    context = {
        "session": session,
        "activity": activity,
        "place": activity.place,
        "listing": listing,
        "totals": listing.totals,
        "can_mark": not session.is_cancelled and _session_day(session) <= today(),
        "can_sign_up": (
            activity.signup_required and not session.is_cancelled and not session.has_started()
        ),
        "can_cancel": not session.has_started(),
        "offered": SignUpStatus.OFFERED,
        # The place's own page is a host's; a coordinator came here by the session.
        "at_desk": access.desk_places(request.user).filter(pk=activity.place_id).exists(),
    }
    return render(request, "activities/desk/attendance.html", context)


@staff_required
@require_POST
def mark(request, pk):
    session = _session(request, pk)
    try:
        signup = session.signups.get(pk=int(request.POST.get("signup", "")))
    except (ValueError, SignUp.DoesNotExist):
        raise Http404 from None
    value = request.POST.get("attended")
    if value not in ATTENDED:
        messages.error(request, _("Nothing was marked: choose “came” or “did not come”."))
        return see_other(_list_url(session))
    try:
        host.mark_attendance(signup, ATTENDED[value], by=request.user, request=request)
    except SignUpError as error:
        messages.error(request, error.message)
        return see_other(_list_url(session))
    return see_other(_list_url(session, signup))


@staff_required
def sign_up(request, pk):
    session = _session(request, pk)
    activity = session.activity
    # A series needs a later session to go on to.
    series_possible = activity.sessions.filter(start__gt=session.start, cancel_reason="").exists()
    data = request.POST if request.method == "POST" else None
    form = DeskSignUpForm(data, series_possible=series_possible)
    if form.is_bound and form.is_valid():
        try:
            made = host.sign_up_at_desk(
                session,
                form.person(settings.LANGUAGE_CODE),
                series=form.wants_series,
                by=request.user,
                request=request,
            )
        except SignUpError as error:
            form.add_rule_error(error)
        else:
            # Counts only: the resident's name never goes into a message.
            messages.success(request, _signed_up_message(made))
            here = next((s for s in made if s.session_id == session.pk), None)
            return see_other(_list_url(session, here))
    context = {"session": session, "activity": activity, "place": activity.place, "form": form}
    return render(
        request, "activities/desk/sign_up.html", context, status=400 if form.is_bound else 200
    )


def _signed_up_message(made: list[SignUp]) -> str:
    waiting = sum(1 for s in made if s.status == SignUpStatus.WAITLISTED)
    if len(made) == 1:
        if waiting:
            return _("Signed up: the session is full, so they are on the waiting list.")
        return ngettext(
            "Signed up: a seat for %(people)d person.",
            "Signed up: seats for %(people)d people.",
            made[0].people,
        ) % {"people": made[0].people}
    # A series is always two sessions or more.
    return _(
        "Signed up for %(count)d sessions: a seat in %(seats)d, the waiting list in %(waiting)d."
    ) % {"count": len(made), "seats": len(made) - waiting, "waiting": waiting}


@staff_required
@require_POST
def cancel(request, pk):
    signup = _signup(request, pk)
    try:
        promoted = host.cancel_at_desk(signup, by=request.user, request=request)
    except SignUpError as error:
        messages.error(request, error.message)
        return see_other(_list_url(signup.session, signup))
    message = _("The sign-up is cancelled.")
    if promoted:
        message += " " + ngettext(
            "The free seat is offered to %(count)d person on the waiting list.",
            "The free seats are offered to %(count)d people on the waiting list.",
            len(promoted),
        ) % {"count": len(promoted)}
    messages.success(request, message)
    return see_other(_list_url(signup.session))


@staff_required
@require_POST
def confirm(request, pk):
    signup = _signup(request, pk)
    try:
        host.confirm_at_desk(signup, by=request.user, request=request)
    except SignUpError as error:
        messages.error(request, error.message)
        return see_other(_list_url(signup.session))
    messages.success(request, _("The seat is confirmed."))
    return see_other(_list_url(signup.session, signup))
