"""The demo data set, loaded as if on Monday 2 March 2026 at 10:00."""

from datetime import date, datetime

import pytest
import time_machine

from naober.demo.load import load, load_desk, load_people
from naober.schedules.recurrence import AMSTERDAM

LOADED_ON = date(2026, 3, 2)
LOADED_AT = datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)
DEMO_PASSWORD = "demo-wachtwoord-voor-de-tests"


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """The demo sets seven passwords per load; a slow hash would only slow the tests down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    # On the clock of that day too: the activities' sessions are planned from that moment on.
    with time_machine.travel(LOADED_AT, tick=False):
        return load(today=LOADED_ON)


@pytest.fixture
def demo_people(demo):
    """The demo's staff accounts, all with DEMO_PASSWORD."""
    return {user.username: user for user in load_people(DEMO_PASSWORD)}


@pytest.fixture
def demo_desk(demo_people):
    """The invented visits of the four weeks before 2 March, the invented referrals, and the
    invented sign-ups for the next sessions of the Wolfsbos activities."""
    with time_machine.travel(LOADED_AT, tick=False):
        yield load_desk(today=LOADED_ON)
