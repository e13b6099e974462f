"""The activities' browser tests use the guide's browser fixtures (Chromium, a page per test, axe)
and a lunch planned from today, as the live server runs on the real clock."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from naober.activities.constants import ActivityTheme
from naober.activities.models import Activity, Session
from naober.schedules.recurrence import AMSTERDAM
from tests.browser.conftest import (  # noqa: F401  (fixtures)
    assert_accessible,
    axe,
    browser,
    new_page,
    page,
    page_as,
)


@pytest.fixture
def live_lunch(django_db_serialized_rollback, wolfsbos) -> Activity:
    """The shared lunch at Wolfsbos, weekly on the day after tomorrow, 12:00–13:30, 10 seats: two
    sessions, made by hand so no public holiday can cancel one. Live-server tests empty the
    database afterwards; the serialized rollback brings back the question themes."""
    day = timezone.localdate() + timedelta(days=2)
    activity = Activity.objects.create(
        place=wolfsbos,
        title="Samen eten",
        description="Elke week eten we samen. Iedereen is welkom.",
        theme=ActivityTheme.FOOD,
        weekdays=[day.weekday()],
        valid_from=timezone.localdate(),
        start_time=time(12),
        duration=90,
        capacity=10,
        accessibility_notes="Rolstoeltoegankelijk.",
    )
    for week in (0, 1):
        start = datetime.combine(day + timedelta(weeks=week), time(12), tzinfo=AMSTERDAM)
        Session.objects.create(
            activity=activity, start=start, end=start + timedelta(minutes=90), capacity=10
        )
    return activity
