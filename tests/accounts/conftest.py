from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

# A Monday morning at the buurtkamer.
MONDAY_MORNING = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """These tests type passwords hundreds of times: a quick hash, set before anyone is made."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock():
    """Time stands still at Monday 9:00 until the test moves it (codes, lockouts, idle time)."""
    with time_machine.travel(MONDAY_MORNING, tick=False) as traveller:
        yield traveller
