"""Background tasks (Django tasks framework via django-tasks, stored by django-tasks-db): telling
residents, the reminder the day before, a freed seat's deadline, and the erasure of a sign-up's
personal data.

The queue holds ids only. Each task looks again when it runs: a sign-up cancelled, erased or
already reminded in the meantime is left alone, and the message says what is true then. A mail
server or text-message provider that fails is logged, never raised: the resident's sign-up
stands, and the host's list is right either way.
"""

import logging

from django.utils import timezone
from django_tasks import task

from naober.accounts.constants import Channel
from naober.sms import send_sms

from . import mail
from .constants import ACTIVE, SignUpStatus
from .models import Session, SignUp
from .retention import erase_signup_personal_data, retention_period

logger = logging.getLogger(__name__)


def _signups(ids):
    return (
        SignUp.objects.filter(pk__in=ids)
        .with_personal_data()
        .select_related("session__activity__place__building")
        .order_by("session__start", "pk")
    )


def deliver(letter: mail.Letter, *, both: bool, what: str, pk: int) -> int:
    """Send the letter by mail, and by text message when `both` or when there is no address;
    the number of messages sent. A failure is logged (with the sign-up's id, not its address)."""
    sent = 0
    if letter.email:
        try:
            sent += letter.email_message().send()
        except Exception:
            logger.exception("Could not mail the %s for sign-up %s.", what, pk)
    if letter.phone and (both or not letter.email):
        try:
            sent += send_sms(letter.phone, letter.text)
        except Exception:
            logger.exception("Could not text the %s for sign-up %s.", what, pk)
    return sent


@task()
def send_confirmation(signup_ids: list[int]) -> int:
    """The confirmation of a sign-up or a series, for the sessions still signed up for."""
    signups = [s for s in _signups(signup_ids) if s.status in ACTIVE]
    if not signups:
        return 0
    return deliver(mail.confirmation(signups), both=False, what="confirmation", pk=signups[0].pk)


@task()
def send_reminder(signup_id: int) -> bool:
    """The day before: by mail and by text message, once, to someone who still has a seat."""
    now = timezone.now()
    signup = _signups([signup_id]).first()
    if (
        signup is None
        or signup.status != SignUpStatus.CONFIRMED
        or signup.reminded_at is not None
        or signup.session.is_cancelled
        or signup.session.has_started(now)
    ):
        return False
    # Claim the reminder first: a second task for the same sign-up finds it taken.
    claimed = SignUp.objects.filter(
        pk=signup.pk, reminded_at__isnull=True, status=SignUpStatus.CONFIRMED
    ).update(reminded_at=now)
    if not claimed:
        return False
    signup.reminded_at = now
    if deliver(mail.reminder(signup), both=True, what="reminder", pk=signup.pk):
        return True
    # Nothing got through (or there is nothing to send to): the reminder was not given.
    SignUp.objects.filter(pk=signup.pk).update(reminded_at=None)
    return False


@task()
def send_offer(signup_id: int) -> int:
    """A seat came free: by mail and by text message, while the offer is open."""
    signup = _signups([signup_id]).first()
    if (
        signup is None
        or signup.status != SignUpStatus.OFFERED
        or signup.offered_until is None
        or signup.offered_until <= timezone.now()
    ):
        return 0
    return deliver(mail.offer(signup), both=True, what="offer", pk=signup.pk)


@task()
def expire_offers(session_id: int) -> int:
    """At an offer's deadline: unconfirmed offers expire and their seats go to the next in line
    (who are told through notify.offered); the number newly offered a seat."""
    from .signup import expire_offers as expire

    session = Session.objects.filter(pk=session_id).first()
    if session is None:
        return 0
    return len(expire(session=session))


@task()
def send_expired(signup_id: int) -> int:
    signup = _signups([signup_id]).first()
    if signup is None or signup.status != SignUpStatus.EXPIRED:
        return 0
    return deliver(mail.expiry(signup), both=False, what="expiry", pk=signup.pk)


@task()
def send_cancelled(signup_id: int) -> int:
    """A receipt for a cancellation. Cancelling a series cancels its sessions one by one, at
    one moment: the first of them sends one message for all, the others send none."""
    signup = _signups([signup_id]).first()
    if signup is None or signup.status != SignUpStatus.CANCELLED:
        return 0
    together = [signup]
    if signup.series is not None and signup.cancelled_at is not None:
        together = list(
            _signups(
                SignUp.objects.filter(
                    series=signup.series,
                    status=SignUpStatus.CANCELLED,
                    cancelled_at=signup.cancelled_at,
                ).values("pk")
            )
        )
        if min(s.pk for s in together) != signup.pk:
            return 0
    return deliver(mail.cancellation(together), both=False, what="cancellation", pk=signup.pk)


@task()
def send_session_cancelled(signup_id: int) -> int:
    """The session does not go ahead: by mail and by text message, with the reason."""
    signup = _signups([signup_id]).first()
    if signup is None or signup.status not in ACTIVE or not signup.session.is_cancelled:
        return 0
    return deliver(
        mail.session_cancellation(signup), both=True, what="session cancellation", pk=signup.pk
    )


@task()
def send_session_restored(signup_id: int) -> int:
    """A cancelled session goes ahead after all: by mail and by text message."""
    signup = _signups([signup_id]).first()
    if signup is None or signup.status not in ACTIVE or signup.session.is_cancelled:
        return 0
    return deliver(
        mail.session_restoration(signup), both=True, what="session restored", pk=signup.pk
    )


@task()
def erase_signup_when_due(signup_id: int) -> bool:
    """Erase one sign-up's personal data once its session ended NAOBER_SIGNUP_RETENTION_DAYS
    ago. Checks again when it runs: already erased, or not due yet, is left alone."""
    signup = SignUp.objects.select_related("session").filter(pk=signup_id).first()
    if signup is None or signup.personal_data_erased_at is not None:
        return False
    if signup.session.end + retention_period() > timezone.now():
        return False
    return erase_signup_personal_data(signup, channel=Channel.TASK)
