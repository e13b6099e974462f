"""An absence is deleted NAOBER_ABSENCE_RETENTION_DAYS (90) after it ended, by the daily
`naober purge_personal_data`; a recent or coming absence stays."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from naober.accounts.models import AuditEvent
from naober.rosters.models import Absence


def test_old_absences_go_and_recent_ones_stay(frozen_now, vera):
    # Today is 23 November 2026: 90 days before is 25 August.
    old = Absence.objects.create(
        person=vera, start_date=date(2026, 8, 1), end_date=date(2026, 8, 24)
    )
    recent = Absence.objects.create(
        person=vera, start_date=date(2026, 8, 1), end_date=date(2026, 8, 25)
    )
    coming = Absence.objects.create(
        person=vera, start_date=date(2026, 12, 24), end_date=date(2026, 12, 31)
    )

    out = StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "1 " in out.getvalue().splitlines()[-1]
    assert Absence.objects.count() == 3

    call_command("purge_personal_data", stdout=StringIO())

    assert set(Absence.objects.all()) == {recent, coming}
    line = AuditEvent.objects.get(object_type="rosters.absence")
    assert line.object_id == str(old.pk)
    assert line.detail == {"reason": "retention"}
