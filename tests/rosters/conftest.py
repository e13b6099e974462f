"""The roster of the Borger-Odoorn network: the buurtkamer in Nieuw-Buinen (weekdays 9–12; Andes
always there, Lefier on Mondays, the police on the first Monday of the month).

People: Anke (Andes, hosting and WMO questions, weekdays 9–12), Lars (Lefier, hosting and money
matters, Mondays), Vera (volunteer, hosting and cooking, Tuesdays and Thursdays) and Wim
(volunteer, hosting, computer and language help, Wednesdays to Fridays). Anke and Vera log in.

`week_roster` is a published roster for Monday 30 November to Friday 4 December 2026, made by
hand (not by the solver), so pages can be tested without solving: each morning needs 2 people.
Time is frozen at Monday 23 November 2026, 10:00 in Amsterdam.
"""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model

from naober.rosters.constants import RosterStatus
from naober.rosters.models import Assignment, Availability, Person, Roster, Shift
from naober.schedules.recurrence import AMSTERDAM
from tests.staff import STAFF_PASSWORD

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=True):
        yield NOW


def make_person(municipality, name, organisation, skills, windows, *, login=False, **fields):
    """A person on the roster with weekly availability [(weekday, "09:00", "12:00"), ...]; with
    login=True also an account (username: the name in lower case) for self-service."""
    user = None
    if login:
        user = get_user_model().objects.create_user(
            username=name.lower(),
            email=f"{name.lower()}@naober.example",
            password=STAFF_PASSWORD,
            first_name=name,
        )
    person = Person.objects.create(
        municipality=municipality,
        name=name,
        organisation=organisation,
        skills=list(skills),
        user=user,
        email=f"{name.lower()}@naober.example",
        **fields,
    )
    for weekday, start, end in windows:
        Availability.objects.create(
            person=person,
            weekday=weekday,
            start_time=time.fromisoformat(start),
            end_time=time.fromisoformat(end),
        )
    return person


@pytest.fixture
def anke(borger_odoorn, andes):
    return make_person(
        borger_odoorn,
        "Anke",
        andes,
        ["hosting", "wmo"],
        [(d, "09:00", "12:00") for d in range(5)],
        login=True,
        max_per_week=5,
        max_per_month=20,
    )


@pytest.fixture
def lars(borger_odoorn, lefier):
    return make_person(borger_odoorn, "Lars", lefier, ["hosting", "money"], [(0, "08:30", "12:30")])


@pytest.fixture
def vera(borger_odoorn):
    return make_person(
        borger_odoorn,
        "Vera",
        None,
        ["hosting", "cooking"],
        [(1, "09:00", "12:00"), (3, "09:00", "12:00")],
        login=True,
    )


@pytest.fixture
def wim(borger_odoorn):
    return make_person(
        borger_odoorn,
        "Wim",
        None,
        ["hosting", "computer", "language"],
        [(d, "09:00", "12:00") for d in (2, 3, 4)],
    )


@pytest.fixture
def team(anke, lars, vera, wim):
    return {"anke": anke, "lars": lars, "vera": vera, "wim": wim}


WEEK = [date(2026, 11, 30) + timedelta(days=i) for i in range(5)]
# Who works which morning of the week of 30 November: Anke every day, with Lars on Monday,
# Vera on Tuesday and Thursday, Wim on Wednesday and Friday.
WEEK_PLAN = {
    0: ["anke", "lars"],
    1: ["anke", "vera"],
    2: ["anke", "wim"],
    3: ["anke", "vera"],
    4: ["anke", "wim"],
}


@pytest.fixture
def week_roster(frozen_now, nieuw_buinen, team, andes, lefier, police) -> Roster:
    roster = Roster.objects.create(
        municipality=nieuw_buinen.municipality,
        start_date=WEEK[0],
        end_date=WEEK[-1],
        status=RosterStatus.PUBLISHED,
        published_at=NOW,
        solver_status="optimal",
    )
    rule = nieuw_buinen.opening_rules.get()
    for index, day in enumerate(WEEK):
        shift = Shift.objects.create(
            roster=roster,
            place=nieuw_buinen,
            opening_key=f"opening-{rule.pk}-{day:%Y%m%d}",
            start=datetime.combine(day, time(9), tzinfo=AMSTERDAM),
            end=datetime.combine(day, time(12), tzinfo=AMSTERDAM),
            people=2,
            skills={"hosting": 1},
        )
        shift.organisations.add(andes)
        if day.weekday() == 0:
            shift.organisations.add(lefier)
        for name in WEEK_PLAN[index]:
            Assignment.objects.create(shift=shift, person=team[name])
    return roster
