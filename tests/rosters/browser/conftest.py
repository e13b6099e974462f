"""The roster's browser tests use the guide's browser fixtures (Chromium, a page per test, axe,
a page logged in as someone) and the published week of 30 November 2026 (tests/rosters/
conftest.py). The clock is frozen at Monday 23 November 2026 for the live server too.

`live_week` adds what the self-service flows need: Wim logs in too and may work 4 shifts a week
(so he can take Vera's Thursday), and Tuesday 8 December is Anke's alone, a shift Vera and Anke
can swap for Vera's Thursday once Wim stands in for Anke on that Thursday (`swappable`)."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model

from naober.rosters.models import Assignment, Shift
from naober.schedules.recurrence import AMSTERDAM
from tests.browser.conftest import (  # noqa: F401  (fixtures)
    assert_accessible,
    axe,
    browser,
    new_page,
    page,
    page_as,
)
from tests.staff import STAFF_PASSWORD

THURSDAY = datetime(2026, 12, 3, 9, tzinfo=AMSTERDAM)
NEXT_TUESDAY = datetime(2026, 12, 8, 9, tzinfo=AMSTERDAM)


@pytest.fixture
def live_week(django_db_serialized_rollback, week_roster, team):
    """Live-server tests empty the database afterwards; the serialized rollback brings back the
    question themes before the next one."""
    wim = team["wim"]
    wim.user = get_user_model().objects.create_user(
        username="wim", email="wim@naober.example", password=STAFF_PASSWORD, first_name="Wim"
    )
    wim.max_per_week = 4
    wim.save()
    thursday = Shift.objects.get(start=THURSDAY)
    tuesday = Shift.objects.create(
        roster=week_roster,
        place=thursday.place,
        opening_key="extra-20261208",
        start=NEXT_TUESDAY,
        end=NEXT_TUESDAY + timedelta(hours=3),
        people=1,
        skills={"hosting": 1},
    )
    Assignment.objects.create(shift=tuesday, person=team["anke"])
    return {"roster": week_roster, "thursday": thursday, "next_tuesday": tuesday, **team}


@pytest.fixture
def swappable(live_week):
    """Thursday 3 December is Vera's and Wim's: Anke is free to take Vera's place there."""
    thursday = live_week["thursday"]
    Assignment.objects.filter(shift=thursday, person=live_week["anke"]).delete()
    Assignment.objects.create(shift=thursday, person=live_week["wim"])
    return live_week
