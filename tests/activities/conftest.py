"""Activities at the Huis van de Buurt Wolfsbos (Hoogeveen): the shared lunch on the last Thursday
of the month (12:00–13:30, 10 seats, sign-up needed), the sports morning every Thursday (walk-in),
and a music workshop on Thursday afternoons (8 seats). Time is frozen at Monday 23 November 2026,
10:00 in Amsterdam, so "the next lunch" is Thursday 26 November."""

from datetime import date, datetime, time

import pytest
import time_machine

from naober.activities.constants import ActivityTheme
from naober.activities.models import Activity, Session
from naober.activities.sessions import plan_sessions
from naober.activities.signup import Person
from naober.schedules.recurrence import AMSTERDAM

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def frozen_now():
    """Monday 23 November 2026, 10:00 in Amsterdam; ticking, so timestamps still differ."""
    with time_machine.travel(NOW, tick=True):
        yield NOW


@pytest.fixture
def lunch(frozen_now, wolfsbos) -> Activity:
    activity = Activity.objects.create(
        place=wolfsbos,
        title="Samen eten",
        description="Elke laatste donderdag van de maand eten we samen. Iedereen is welkom.",
        theme=ActivityTheme.FOOD,
        frequency="monthly",
        week_of_month=-1,
        weekdays=[3],
        valid_from=date(2025, 1, 1),
        start_time=time(12),
        duration=90,
        capacity=10,
        signup_required=True,
        cost=0,
        accessibility_notes="Rolstoeltoegankelijk. Geef uw dieet door.",
    )
    plan_sessions(activity)
    return activity


@pytest.fixture
def next_lunch(lunch) -> Session:
    """Thursday 26 November 2026, 12:00–13:30, 10 seats."""
    return lunch.sessions.order_by("start").first()


@pytest.fixture
def sports(frozen_now, wolfsbos) -> Activity:
    activity = Activity.objects.create(
        place=wolfsbos,
        title="Sportochtend",
        description="Rustig bewegen op donderdagochtend. Gewoon binnenlopen.",
        theme=ActivityTheme.EXERCISE,
        weekdays=[3],
        valid_from=date(2025, 1, 1),
        start_time=time(10),
        duration=60,
        capacity=None,
        signup_required=False,
    )
    plan_sessions(activity)
    return activity


@pytest.fixture
def workshop(frozen_now, wolfsbos) -> Activity:
    activity = Activity.objects.create(
        place=wolfsbos,
        title="Muziekworkshop",
        description="Samen zingen en muziek maken. Geen ervaring nodig.",
        theme=ActivityTheme.MUSIC,
        weekdays=[3],
        valid_from=date(2026, 11, 1),
        valid_until=date(2026, 12, 17),
        start_time=time(14),
        duration=90,
        capacity=8,
        cost="2.50",
    )
    plan_sessions(activity)
    return activity


@pytest.fixture
def resident() -> Person:
    """Mrs Jansen: a phone number, no e-mail address."""
    return Person(name="Mevrouw Jansen", phone="06 12345678", people=1, note="Geen vlees")


@pytest.fixture
def resident_with_email() -> Person:
    return Person(name="Ahmed Yilmaz", email="ahmed@example.nl", people=2, language="nl")
