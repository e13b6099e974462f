"""The host's side of a session: who is coming, who came, and signing someone up at the desk.

Names, phone numbers and notes on the attendance list are personal data: `attendance_list`
writes one audit line each time a host opens it, and every change a host makes for a resident
writes one too, with codes and ids only, never a name. The seats and the waiting list stay the
business of signup.py: the desk's acts below call its rules and add the audit line.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from naober.accounts.audit import record
from naober.accounts.constants import AuditAction
from naober.places.models import Place
from naober.schedules.openings import today as local_today
from naober.schedules.recurrence import AMSTERDAM

from . import signup as rules
from .constants import ACTIVE, HOLDING, Channel, SignUpStatus
from .models import Session, SignUp


@dataclass
class Totals:
    """People, not sign-ups: a sign-up for three is three chairs at the table."""

    signed_up: int = 0
    came: int = 0
    did_not_come: int = 0
    not_marked: int = 0


@dataclass
class AttendanceList:
    session: Session
    # Confirmed and offered seats, by name, so the host finds a person at the door.
    seated: list[SignUp] = field(default_factory=list)
    # The waiting list in order: first in line first.
    waiting: list[SignUp] = field(default_factory=list)
    totals: Totals = field(default_factory=Totals)


def sessions_between(place: Place, first: date, last: date) -> QuerySet[Session]:
    """The place's sessions from the first day to the last (both included, Amsterdam days),
    with seats taken and waiting counts."""
    start = datetime.combine(first, time.min, tzinfo=AMSTERDAM)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=AMSTERDAM)
    return (
        Session.objects.filter(activity__place=place, start__gte=start, start__lt=end)
        .select_related("activity")
        .with_seats()
        .order_by("start", "activity__title")
    )


def sessions_of_day(place: Place, day: date) -> QuerySet[Session]:
    return sessions_between(place, day, day)


def totals(signups: list[SignUp]) -> Totals:
    """The counts for the report: everyone with a seat, and someone from the waiting list who
    came anyway (a chair was free after all)."""
    result = Totals()
    for signup in signups:
        counts = signup.status in HOLDING or (
            signup.status == SignUpStatus.WAITLISTED and signup.attended is True
        )
        if not counts:
            continue
        result.signed_up += signup.people
        if signup.attended is True:
            result.came += signup.people
        elif signup.attended is False:
            result.did_not_come += signup.people
        else:
            result.not_marked += signup.people
    return result


def attendance_list(session: Session, *, user, request=None) -> AttendanceList:
    """Who is coming to this session, for a host who keeps it; the look is written to the audit
    trail. Call it only for a session from Session.objects.kept_by(user)."""
    signups = list(session.signups.filter(status__in=ACTIVE).order_by("created_at", "id"))
    record(
        AuditAction.SIGNUPS_VIEWED,
        request=request,
        actor=user,
        obj=session,
        detail={"signups": len(signups)},
    )
    seated = sorted(
        (s for s in signups if s.status in HOLDING), key=lambda s: (s.name.casefold(), s.pk)
    )
    waiting = [s for s in signups if s.status == SignUpStatus.WAITLISTED]
    return AttendanceList(session=session, seated=seated, waiting=waiting, totals=totals(signups))


def mark_attendance(
    signup: SignUp,
    attended: bool | None,
    *,
    by,
    request=None,
    channel=None,
    today: date | None = None,
) -> SignUp:
    """Mark whether the person came (True), did not (False), or take the mark back (None).
    Possible from the session's day on, for a sign-up still in the running. `channel` is the
    audit trail's (web, API); None lets the request decide."""
    session = signup.session
    if session.is_cancelled:
        raise rules.SignUpError(
            _("This session did not go ahead, so nobody can be marked."), code="cancelled"
        )
    if timezone.localtime(session.start, AMSTERDAM).date() > (today or local_today()):
        raise rules.SignUpError(
            _("The session has not come yet. Mark who came on the day itself."),
            code="not_yet",
        )
    with transaction.atomic():
        current = SignUp.objects.select_for_update().get(pk=signup.pk)
        if current.status not in ACTIVE:
            raise rules.SignUpError(
                _("This sign-up was cancelled, so it cannot be marked."), code="not_active"
            )
        current.attended = attended
        current.save(update_fields=["attended"])
        record(
            AuditAction.ATTENDANCE_MARKED,
            request=request,
            actor=by,
            obj=current,
            channel=channel,
            detail={"session": current.session_id, "attended": attended},
        )
    signup.attended = attended
    return signup


def sign_up_at_desk(
    session: Session, person: rules.Person, *, series: bool, by, request=None
) -> list[SignUp]:
    """The host signs someone up (a phone number or e-mail address may stay empty at the desk):
    for this session, or for this one and every later session of the activity."""
    with transaction.atomic():
        if series:
            made = rules.sign_up_series(
                session.activity, person, channel=Channel.DESK, by=by, first=session
            )
        else:
            made = [rules.sign_up(session, person, channel=Channel.DESK, by=by)]
        for signup in made:
            _changed(signup, "signed_up", by=by, request=request)
    return made


def cancel_at_desk(signup: SignUp, *, by, request=None) -> list[SignUp]:
    """The host cancels a sign-up for the resident (after a phone call, say); the sign-ups that
    were offered the freed seats."""
    try:
        with transaction.atomic():
            promoted = rules.cancel(signup)
            _changed(signup, "cancelled", by=by, request=request)
    except rules.SignUpError as error:
        if error.code != "started":
            raise
        # The rule speaks to the resident; the host has a better way to say they stayed away.
        raise rules.SignUpError(
            _("The session has started: mark them as “did not come” instead."), code="started"
        ) from None
    return promoted


def confirm_at_desk(signup: SignUp, *, by, request=None) -> SignUp:
    """The host confirms an offered seat for the resident."""
    refusal = None
    with transaction.atomic():
        try:
            confirmed = rules.confirm_offer(signup)
        except rules.SignUpError as error:
            # Raised after the commit: an offer found past its deadline stays expired and its
            # seat stays offered to the next in line (see signup.confirm_offer).
            refusal = error
        else:
            _changed(signup, "confirmed", by=by, request=request)
    if refusal is not None:
        raise refusal
    return confirmed


def _changed(signup: SignUp, change: str, *, by, request) -> None:
    record(
        AuditAction.SIGNUP_CHANGED,
        request=request,
        actor=by,
        obj=signup,
        detail={"session": signup.session_id, "change": change, "status": signup.status},
    )
