"""Absences are about staff and volunteers' lives (holidays, illness): they go when they no longer
matter. NAOBER_ABSENCE_RETENTION_DAYS after an absence ended it is deleted, by `naober
purge_personal_data` (daily), with an audit line that says no more than that. Rosters keep who
worked which shift, for the figures; an absence never had a reason field to begin with."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from naober.accounts.audit import record
from naober.accounts.constants import AuditAction, Channel
from naober.schedules.openings import today

from .models import Absence


def due():
    cutoff = today() - timedelta(days=settings.NAOBER_ABSENCE_RETENTION_DAYS)
    return Absence.objects.filter(end_date__lt=cutoff)


def purge_due() -> int:
    count = 0
    for absence in due().iterator():
        with transaction.atomic():
            record(
                AuditAction.RETENTION,
                obj=absence,
                channel=Channel.COMMAND,
                detail={"reason": "retention"},
            )
            absence.delete()
        count += 1
    return count
