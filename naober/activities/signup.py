"""Signing up for a session, the waiting list, and cancelling.

The flow: `sign_up` locks the session's row (SELECT ... FOR UPDATE on PostgreSQL; on SQLite each
transaction takes the database's write lock when it begins, see settings.py), counts the seats
held, and writes one sign-up: confirmed when the people fit, on the waiting list when they do not.
So the last seat goes to exactly one person, however many ask at once. `cancel` frees seats and
offers them to the first in line for whom there is room (status offered, until a deadline);
`confirm_offer` turns an offer into a seat and `expire_offers` passes an unconfirmed one on to the
next. Whoever touches a session settles its line first (an offer past its deadline expires, free
seats are offered), so the daily `expire_offers` is a sweep, not the only way an offer ends.
Residents are told after the transaction commits (notify.py).
"""

import uuid
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from . import notify
from .constants import ACTIVE, ALLOWED_TRANSITIONS, HOLDING, Channel, SignUpStatus
from .contact import clean_email, clean_phone
from .models import Activity, Session, SignUp


class SignUpError(Exception):
    """A sign-up that cannot be made or changed, with a message for the resident. `field` names
    the form field the message belongs to (None: the whole form); `code` is for the API."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


@dataclass(frozen=True)
class Person:
    """Who signs up, as typed: checked and normalised by `check_person`."""

    name: str
    phone: str = ""
    email: str = ""
    people: int = 1
    note: str = ""
    language: str = "nl"


def check_person(person: Person, *, channel: str = Channel.WEB) -> Person:
    """The person with a clean name, phone number (+31…) and e-mail address; SignUpError for the
    first problem. A host at the desk may sign up someone without a phone or e-mail address."""
    name = " ".join((person.name or "").split())
    if not name:
        raise SignUpError(_("Write your name, so the host knows who is coming."), field="name")
    if len(name) > 100:
        raise SignUpError(_("Write a name of at most 100 letters."), field="name")
    try:
        phone = clean_phone(person.phone)
    except ValidationError as error:
        raise SignUpError(error.messages[0], field="phone", code="phone") from None
    try:
        email = clean_email(person.email)
    except ValidationError as error:
        raise SignUpError(error.messages[0], field="email", code="email") from None
    if not phone and not email and channel != Channel.DESK:
        raise SignUpError(
            _("Write a phone number or an e-mail address, so we can reach you if it changes."),
            field="phone",
            code="contact",
        )
    most = settings.NAOBER_SIGNUP_MAX_PEOPLE
    people = person.people
    if isinstance(people, bool) or not isinstance(people, int) or not 1 <= people <= most:
        raise SignUpError(
            _("Sign up for 1 to %(most)s people. For a bigger group, call the place.")
            % {"most": most},
            field="people",
            code="people",
        )
    note = (person.note or "").strip()
    if len(note) > 200:
        raise SignUpError(_("Keep the note to at most 200 letters."), field="note")
    return replace(person, name=name, phone=phone, email=email, note=note)


def sign_up(
    session: Session,
    person: Person,
    *,
    channel: str = Channel.WEB,
    by=None,
    now: datetime | None = None,
) -> SignUp:
    """Sign a person up for one session: a seat when there is room, else the waiting list."""
    person = check_person(person, channel=channel)
    with transaction.atomic():
        locked = _lock(session.pk)
        # Read the clock once the lock is held: the order of `created_at` is then the order in
        # which seats were given, and the waiting list is served in that order.
        now = now or timezone.now()
        _settle(locked, now)
        signup = _place(locked, person, channel=channel, by=by, now=now)
        transaction.on_commit(lambda: notify.signed_up([signup]))
    return signup


def sign_up_series(
    activity: Activity,
    person: Person,
    *,
    channel: str = Channel.WEB,
    by=None,
    now: datetime | None = None,
    first: Session | None = None,
) -> list[SignUp]:
    """Sign a person up for every future session of an activity (from `first` on, when given): a
    seat where there is room, the waiting list where there is not. Sessions they are already
    signed up for are left as they are; cancelled and started sessions are skipped."""
    person = check_person(person, channel=channel)
    series = uuid.uuid4()
    with transaction.atomic():
        now = now or timezone.now()
        # Lock in start order, as every other series sign-up does: no two wait for each other.
        coming = activity.sessions.filter(start__gt=now, cancel_reason="")
        if first is not None:
            coming = coming.filter(start__gte=first.start)
        ids = list(coming.order_by("start", "pk").values_list("pk", flat=True))
        if not ids:
            raise SignUpError(
                _("There are no more sessions of this activity to sign up for."), code="no_sessions"
            )
        made = []
        for pk in ids:
            locked = _lock(pk)
            # Cancelled or started since the list above was read: skipped like the others.
            if locked.is_cancelled or locked.has_started(now):
                continue
            if _already_signed_up(locked, person):
                continue
            _settle(locked, now)
            made.append(_place(locked, person, channel=channel, by=by, now=now, series=series))
        if not made:
            raise SignUpError(
                _("You are already signed up for every session of this activity."),
                code="duplicate",
            )
        transaction.on_commit(lambda: notify.signed_up(made))
    return made


def cancel(signup: SignUp, *, now: datetime | None = None) -> list[SignUp]:
    """Cancel one sign-up; the freed seats go to the waiting list. Returns the sign-ups that were
    offered a seat."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(signup.session_id)
        current = SignUp.objects.get(pk=signup.pk)
        if current.status == SignUpStatus.EXPIRED:
            raise SignUpError(
                _("This sign-up has ended: the seat offered was not confirmed in time."),
                code="not_active",
            )
        if current.status not in ACTIVE:
            raise SignUpError(_("This sign-up was already cancelled."), code="not_active")
        if locked.has_started(now):
            raise SignUpError(
                _("This session has already started. Tell the host if you cannot come."),
                code="started",
            )
        _move(current, SignUpStatus.CANCELLED)
        current.cancelled_at = now
        current.offered_until = None
        current.save(update_fields=["status", "cancelled_at", "offered_until"])
        transaction.on_commit(lambda: notify.cancelled([current]))
        promoted = _settle(locked, now)
    _refresh(signup, current)
    return promoted


def cancel_series(signup: SignUp, *, now: datetime | None = None) -> list[SignUp]:
    """Cancel this sign-up and every later one of the same series that has not started; the
    sign-ups cancelled."""
    now = now or timezone.now()
    if signup.series is None:
        cancel(signup, now=now)
        return [signup]
    rows = (
        SignUp.objects.filter(series=signup.series, status__in=ACTIVE, session__start__gt=now)
        .filter(session__start__gte=signup.session.start)
        .order_by("session__start", "pk")
    )
    done = []
    with transaction.atomic():
        for row in rows:
            try:
                cancel(row, now=now)
            except SignUpError:
                # Cancelled on its own page a moment ago: nothing left to do for this one.
                continue
            done.append(row)
            if row.pk == signup.pk:
                _refresh(signup, row)
    if not done:
        raise SignUpError(_("There is nothing left to cancel in this series."), code="not_active")
    return done


def confirm_offer(signup: SignUp, *, now: datetime | None = None) -> SignUp:
    """The resident takes the seat offered to them; an offer past its deadline is gone."""
    now = now or timezone.now()
    too_late = False
    with transaction.atomic():
        locked = _lock(signup.session_id)
        current = SignUp.objects.get(pk=signup.pk)
        if current.status == SignUpStatus.CONFIRMED:
            _refresh(signup, current)
            return current
        if current.status != SignUpStatus.OFFERED:
            raise SignUpError(
                _("There is no seat waiting for you to confirm on this sign-up."),
                code="not_offered",
            )
        if locked.is_cancelled:
            when = timezone.localtime(locked.start).strftime("%d-%m-%Y %H:%M")
            raise SignUpError(
                _("The session of %(when)s does not go ahead: %(reason)s")
                % {"when": when, "reason": locked.cancel_reason},
                code="cancelled",
            )
        if current.offered_until is not None and current.offered_until <= now:
            # Expire and pass the seat on here, and raise only after the commit: raising
            # inside the transaction would roll the expiry back.
            _expire(locked, [current], now)
            too_late = True
        else:
            _move(current, SignUpStatus.CONFIRMED)
            current.confirmed_at = now
            current.offered_until = None
            current.save(update_fields=["status", "confirmed_at", "offered_until"])
            transaction.on_commit(lambda: notify.confirmed([current]))
    _refresh(signup, current)
    if too_late:
        raise SignUpError(
            _("Sorry, the time to confirm has passed: the seat went to the next in line."),
            code="offer_expired",
        )
    return current


def expire_offers(*, now: datetime | None = None, session: Session | None = None) -> list[SignUp]:
    """Offers past their deadline expire and their seats go to the next in line; returns the
    sign-ups newly offered a seat."""
    now = now or timezone.now()
    late = SignUp.objects.filter(status=SignUpStatus.OFFERED, offered_until__lte=now)
    if session is not None:
        late = late.filter(session=session)
    promoted = []
    for session_id in sorted(set(late.values_list("session_id", flat=True))):
        with transaction.atomic():
            locked = _lock(session_id)
            rows = list(late.filter(session_id=session_id))
            promoted += _expire(locked, rows, now)
    return promoted


def offer_free_seats(session: Session, *, now: datetime | None = None) -> list[SignUp]:
    """Offer seats that are free (more seats given, a sign-up removed) to the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(session.pk)
        promoted = _settle(locked, now)
    return promoted


def _lock(session_id: int) -> Session:
    # Only the session's row: FOR UPDATE over the join would lock the activity's row too, one
    # row shared by every session, and a series sign-up could then deadlock with a single one.
    return (
        Session.objects.select_for_update(of=("self",))
        .select_related("activity")
        .get(pk=session_id)
    )


def _settle(session: Session, now: datetime) -> list[SignUp]:
    """Offers of a locked session past their deadline expire, and free seats go to the first in
    line for whom there is room; the sign-ups newly offered a seat. Done before anyone new is
    given a seat, so nobody takes one owed to the waiting list (expire_offers runs daily)."""
    late = list(session.signups.filter(status=SignUpStatus.OFFERED, offered_until__lte=now))
    if late:
        return _expire(session, late, now)
    promoted = _offer_free_seats(session, now)
    if promoted:
        transaction.on_commit(lambda: notify.offered(promoted))
    return promoted


def _seats_taken(session: Session) -> int:
    return session.signups.filter(status__in=HOLDING).aggregate(n=Sum("people"))["n"] or 0


def _already_signed_up(session: Session, person: Person) -> bool:
    same = Q()
    if person.phone:
        same |= Q(phone=person.phone)
    if person.email:
        same |= Q(email=person.email)
    if not same:
        return False
    return session.signups.filter(status__in=ACTIVE).filter(same).exists()


def _place(
    session: Session,
    person: Person,
    *,
    channel: str,
    by,
    now: datetime,
    series: uuid.UUID | None = None,
) -> SignUp:
    """Write one sign-up for a locked session: confirmed or waitlisted."""
    when = timezone.localtime(session.start).strftime("%d-%m-%Y %H:%M")
    if session.is_cancelled:
        raise SignUpError(
            _("The session of %(when)s does not go ahead: %(reason)s")
            % {"when": when, "reason": session.cancel_reason},
            code="cancelled",
        )
    if session.has_started(now):
        raise SignUpError(
            _("The session of %(when)s has already started: you can no longer sign up for it.")
            % {"when": when},
            code="started",
        )
    if not session.activity.signup_required:
        raise SignUpError(_("No need to sign up for this activity: just walk in."), code="walk_in")
    if session.capacity is not None and person.people > session.capacity:
        raise SignUpError(
            _("This session has %(seats)s seats in all. For a group this size, call the place.")
            % {"seats": session.capacity},
            field="people",
            code="people",
        )
    if _already_signed_up(session, person):
        raise SignUpError(
            _("You are already signed up for this session (%(when)s).") % {"when": when},
            code="duplicate",
        )
    fits = session.capacity is None or _seats_taken(session) + person.people <= session.capacity
    signup = SignUp(
        session=session,
        series=series,
        name=person.name,
        phone=person.phone,
        email=person.email,
        people=person.people,
        note=person.note,
        language=person.language,
        status=SignUpStatus.CONFIRMED if fits else SignUpStatus.WAITLISTED,
        created_at=now,
        confirmed_at=now if fits else None,
        channel=channel,
        created_by=by,
    )
    try:
        with transaction.atomic():
            signup.save()
    except IntegrityError:
        # The database's own guard against doubles (activities/models.py), should the check
        # above ever be passed by two requests at once.
        raise SignUpError(
            _("You are already signed up for this session (%(when)s).") % {"when": when},
            code="duplicate",
        ) from None
    return signup


def _offer_free_seats(session: Session, now: datetime) -> list[SignUp]:
    """Offer free seats of a locked session to the first in line for whom there is room."""
    if session.capacity is None or session.is_cancelled or session.has_started(now):
        return []
    free = session.capacity - _seats_taken(session)
    if free <= 0:
        return []
    deadline = min(now + timedelta(hours=settings.NAOBER_WAITLIST_CONFIRM_HOURS), session.start)
    promoted = []
    for waiting in session.signups.waiting_line():
        if free <= 0:
            break
        if waiting.people > free:
            continue
        _move(waiting, SignUpStatus.OFFERED)
        waiting.offered_until = deadline
        waiting.save(update_fields=["status", "offered_until"])
        free -= waiting.people
        promoted.append(waiting)
    return promoted


def _expire(session: Session, rows: list[SignUp], now: datetime) -> list[SignUp]:
    for row in rows:
        _move(row, SignUpStatus.EXPIRED)
        row.save(update_fields=["status"])
    promoted = _offer_free_seats(session, now)
    transaction.on_commit(lambda: (notify.expired(rows), notify.offered(promoted)))
    return promoted


def _move(signup: SignUp, status: str) -> None:
    if status not in ALLOWED_TRANSITIONS[signup.status]:
        raise SignUpError(
            _("A sign-up that is “%(current)s” cannot become “%(new)s”.")
            % {
                "current": SignUpStatus(signup.status).label,
                "new": SignUpStatus(status).label,
            },
            code="transition",
        )
    signup.status = status


def _refresh(signup: SignUp, current: SignUp) -> None:
    for field in ("status", "confirmed_at", "cancelled_at", "offered_until"):
        setattr(signup, field, getattr(current, field))
