"""The guide's tests look at the buurtkamer in Nieuw-Buinen on Monday 2 March 2026 at 10:00,
the first Monday of the month: open now, with Andes, Lefier and the police."""

from datetime import datetime

import pytest
import time_machine

from naober.schedules.recurrence import AMSTERDAM

MONDAY_MORNING = datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def monday_morning():
    with time_machine.travel(MONDAY_MORNING, tick=False):
        yield MONDAY_MORNING
