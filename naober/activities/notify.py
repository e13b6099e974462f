"""Telling residents: confirmation, a freed seat, an expired offer, the reminder.

Called by activities/signup.py after its transaction commits; each function enqueues background
tasks (activities/tasks.py) so a slow mail server never holds up a sign-up. The tasks hold ids
only and look again when they run. Nothing here raises: the sign-up has been committed by now,
and a failure to queue a message must not turn it into an error page (it is logged instead;
`naober purge_personal_data` still sweeps what an unqueued erasure would have done).
"""

import logging
from datetime import datetime, timedelta

from django.utils import timezone

from .constants import SignUpStatus
from .models import SignUp

logger = logging.getLogger(__name__)

# The reminder goes out this long before the session starts.
REMINDER_BEFORE = timedelta(days=1)


def signed_up(signups: list[SignUp]) -> None:
    """A new sign-up (one, or one per session of a series): the confirmation by mail (with an
    .ics) or text message, the reminder the day before, and the erasure of its personal data.

    A series gets one confirmation listing all its sessions, not one per session: five mails at
    once for the lunches of a season read as a mistake, and one calendar file holds them all."""
    from . import tasks
    from .retention import retention_period

    if not signups:
        return
    if _reachable(signups[0]):
        _enqueue(tasks.send_confirmation, [s.pk for s in signups])
    for signup in signups:
        if signup.status == SignUpStatus.CONFIRMED:
            _schedule_reminder(signup)
        _enqueue(
            tasks.erase_signup_when_due,
            signup.pk,
            run_after=signup.session.end + retention_period(),
        )


def offered(signups: list[SignUp]) -> None:
    """A seat came free for these people on the waiting list: tell them, with the deadline, and
    pass the seat on at the deadline if they do not confirm."""
    from . import tasks

    deadlines: set[tuple[int, datetime]] = set()
    for signup in signups:
        if _reachable(signup):
            _enqueue(tasks.send_offer, signup.pk)
        if signup.offered_until is not None:
            deadlines.add((signup.session_id, signup.offered_until))
    for session_id, deadline in sorted(deadlines):
        _enqueue(tasks.expire_offers, session_id, run_after=deadline)


def confirmed(signups: list[SignUp]) -> None:
    """An offered seat was confirmed: a confirmation with the calendar file, and the reminder
    the day before."""
    from . import tasks

    for signup in signups:
        if _reachable(signup):
            _enqueue(tasks.send_confirmation, [signup.pk])
        _schedule_reminder(signup)


def expired(signups: list[SignUp]) -> None:
    """An offer was not confirmed in time: tell them the seat went to the next in line."""
    from . import tasks

    for signup in signups:
        if _reachable(signup):
            _enqueue(tasks.send_expired, signup.pk)


def cancelled(signups: list[SignUp]) -> None:
    """The resident (or a host) cancelled: a short confirmation that it is done."""
    from . import tasks

    for signup in signups:
        if _reachable(signup):
            _enqueue(tasks.send_cancelled, signup.pk)


def session_cancelled(signups: list[SignUp], reason: str) -> None:
    """The session itself was cancelled (a closure, by hand): tell everyone still signed up.
    The task reads the reason from the session when it runs, so a session restored in the
    meantime sends nothing."""
    from . import tasks

    for signup in signups:
        if _reachable(signup):
            _enqueue(tasks.send_session_cancelled, signup.pk)


def session_restored(signups: list[SignUp]) -> None:
    """A cancelled session goes ahead after all (its closure was taken away): tell everyone still
    signed up that their sign-up stands."""
    from . import tasks

    for signup in signups:
        if _reachable(signup):
            _enqueue(tasks.send_session_restored, signup.pk)


def _reachable(signup: SignUp) -> bool:
    # The demo's invented residents have made-up numbers and addresses: nobody to tell.
    return bool(signup.email or signup.phone) and not signup.invented


def _schedule_reminder(signup: SignUp) -> None:
    from . import tasks

    if not _reachable(signup):
        return
    moment = signup.session.start - REMINDER_BEFORE
    if moment <= timezone.now():
        return
    _enqueue(tasks.send_reminder, signup.pk, run_after=moment)


def _enqueue(task, *args, run_after: datetime | None = None) -> None:
    try:
        task.using(run_after=run_after).enqueue(*args)
    except Exception:
        logger.exception("Could not queue %s for %s.", task.name, args)
