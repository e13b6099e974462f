"""Personal data goes when it is no longer needed.

A referral's question and contact details are deleted NAOBER_REFERRAL_RETENTION_DAYS after it
was closed or declined. Closing schedules a background task for that moment (Django tasks,
database backend; run `naober db_worker`), and `naober purge_personal_data` sweeps everything
overdue, for a daily cron job and as a safety net. What stays: the referral's theme, place,
organisations, dates and status (for the figures), visit counts, and an audit line without
personal data for each deletion.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from naober.accounts.audit import record
from naober.accounts.constants import AuditAction, Channel

from .constants import Erasure
from .models import ContactDetails, Referral, ReferralQuerySet


def retention_period() -> timedelta:
    return timedelta(days=settings.NAOBER_REFERRAL_RETENTION_DAYS)


def erase_personal_data(
    referral: Referral, *, reason: Erasure, by=None, request=None, channel=None, subject=""
) -> bool:
    """Delete the question and contact details of one referral; False when already gone."""
    with transaction.atomic():
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        if current.personal_data_erased_at is not None:
            return False
        ContactDetails.objects.filter(referral=current).delete()
        current.description = ""
        current.personal_data_erased_at = timezone.now()
        current.erasure = reason
        current.save(update_fields=["description", "personal_data_erased_at", "erasure"])
        record(
            AuditAction.RETENTION if reason == Erasure.RETENTION else AuditAction.ERASURE,
            request=request,
            actor=by,
            obj=current,
            channel=channel,
            subject=subject,
            detail={"reason": str(reason)},
        )
    referral.description = ""
    referral.personal_data_erased_at = current.personal_data_erased_at
    referral.erasure = reason
    return True


def due(now=None) -> ReferralQuerySet:
    """The referrals whose personal data should be gone by now: finished longer ago than the
    retention period and not erased yet. A referral still in progress is never due."""
    moment = (now or timezone.now()) - retention_period()
    return Referral.objects.finished_before(moment).with_personal_data()


def purge_due(now=None, *, channel=Channel.COMMAND) -> int:
    """Erase the personal data of every referral finished longer ago than the retention period;
    the number erased."""
    erased = 0
    for referral in due(now).only("pk").order_by("pk"):
        if erase_personal_data(referral, reason=Erasure.RETENTION, channel=channel):
            erased += 1
    return erased


def schedule_erasure(referral: Referral) -> None:
    """Enqueue the background task that erases this referral's personal data when its retention
    period has passed."""
    from .tasks import erase_when_due

    erase_when_due.using(run_after=referral.finished_at + retention_period()).enqueue(referral.pk)
