"""A sign-up's personal data goes when the activity is long over.

NAOBER_SIGNUP_RETENTION_DAYS after its session ended, a sign-up's name, phone number, e-mail
address and note are blanked. Signing up schedules a background task for that moment
(activities/tasks.py; run `naober db_worker`), and `naober purge_personal_data` sweeps whatever
is overdue, daily and as a safety net. What stays, for the figures: the session, the number of
people, the status and whether they came; and an audit line without personal data for each
erasure.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from naober.accounts.audit import record
from naober.accounts.constants import AuditAction, Channel

from .models import SignUp, SignUpQuerySet

PERSONAL_FIELDS = ("name", "phone", "email", "note")


def retention_period() -> timedelta:
    return timedelta(days=settings.NAOBER_SIGNUP_RETENTION_DAYS)


def erase_signup_personal_data(
    signup: SignUp,
    *,
    channel=None,
    by=None,
    request=None,
    action: str = AuditAction.RETENTION,
    subject: str = "",
) -> bool:
    """Blank the name, phone number, e-mail address and note of one sign-up; False when they
    were already gone. The audit line says why: after the retention period, or (with
    `action=AuditAction.ERASURE` and the resident's pseudonym as `subject`) at their request."""
    reason = "retention" if action == AuditAction.RETENTION else "request"
    with transaction.atomic():
        current = SignUp.objects.select_for_update().get(pk=signup.pk)
        if current.personal_data_erased_at is not None:
            return False
        for field in PERSONAL_FIELDS:
            setattr(current, field, "")
        current.personal_data_erased_at = timezone.now()
        current.save(update_fields=[*PERSONAL_FIELDS, "personal_data_erased_at"])
        record(
            action,
            request=request,
            actor=by,
            obj=current,
            channel=channel,
            subject=subject,
            detail={"reason": reason},
        )
    for field in PERSONAL_FIELDS:
        setattr(signup, field, "")
    signup.personal_data_erased_at = current.personal_data_erased_at
    return True


def due(now: datetime | None = None) -> SignUpQuerySet:
    """The sign-ups whose personal data should be gone by now: their session ended at least
    the retention period ago, and they still hold personal data."""
    moment = (now or timezone.now()) - retention_period()
    return SignUp.objects.with_personal_data().filter(session__end__lte=moment)


def purge_due(now: datetime | None = None, *, channel=Channel.COMMAND) -> int:
    """Erase the personal data of every sign-up that is due; the number erased."""
    erased = 0
    for signup in due(now).only("pk").order_by("pk"):
        if erase_signup_personal_data(signup, channel=channel):
            erased += 1
    return erased


def schedule_erasure(signup: SignUp) -> None:
    """Enqueue the background task that erases this sign-up's personal data when it is due."""
    from .tasks import erase_signup_when_due

    erase_signup_when_due.using(run_after=signup.session.end + retention_period()).enqueue(
        signup.pk
    )
