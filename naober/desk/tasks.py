"""Background tasks (Django tasks framework via django-tasks, stored by django-tasks-db)."""

from django.utils import timezone
from django_tasks import task

from naober.accounts.constants import Channel

from .constants import Erasure
from .models import Referral
from .retention import erase_personal_data, purge_due, retention_period


@task()
def erase_when_due(referral_id: int) -> bool:
    """Erase one referral's personal data once its retention period has passed. Checks again
    when it runs: a referral reopened, already erased or not yet due is left alone."""
    referral = Referral.objects.filter(pk=referral_id).first()
    if referral is None or not referral.is_finished or referral.finished_at is None:
        return False
    if referral.finished_at + retention_period() > timezone.now():
        return False
    return erase_personal_data(referral, reason=Erasure.RETENTION, channel=Channel.TASK)


@task()
def purge_overdue() -> int:
    """The sweep: every referral past its retention period."""
    return purge_due(channel=Channel.TASK)
