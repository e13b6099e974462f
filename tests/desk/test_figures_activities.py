"""The coordinator's figures count the activities too: per place, the sessions held in the quarter,
the people signed up for them and the people who came. Counts only, never a name."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from naober.activities.constants import ActivityTheme
from naober.activities.models import Activity
from naober.activities.sessions import cancel_session, plan_sessions
from naober.activities.signup import Person, cancel, sign_up
from tests.staff import login

from .test_figures import Tables, borger, figures  # noqa: F401

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Monday 23 November 2026, in the fourth quarter.
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=AMSTERDAM)
# The activities were planned on Sunday 20 September, in the third quarter.
PLANNED = datetime(2026, 9, 20, 10, 0, tzinfo=AMSTERDAM)


def activity(place, title, weekday, *, capacity=None, signup_required=False) -> Activity:
    return Activity.objects.create(
        place=place,
        title=title,
        theme=ActivityTheme.COMPUTERS,
        weekdays=[weekday],
        valid_from=date(2026, 1, 1),
        start_time=time(10),
        duration=90,
        capacity=capacity,
        signup_required=signup_required,
    )


def session_on(activity: Activity, day: date):
    return activity.sessions.get(start=datetime.combine(day, time(10), tzinfo=AMSTERDAM))


def person(name: str, number: int, people: int = 1) -> Person:
    return Person(name=name, phone=f"06 1111110{number}", people=people)


@pytest.fixture
def sessions(time_machine, nieuw_buinen, borger, wolfsbos):  # noqa: F811
    """Computer classes on Thursdays in Nieuw-Buinen (4 seats; the one of 15 October cancelled),
    a walk-in coffee morning on Tuesdays in Borger, and sports at Wolfsbos in another network,
    planned in September. On 1 October: Mevrouw Jansen with her husband and Meneer de Vries came,
    Mevrouw Bos did not, Meneer Smit's seat was not marked, Mevrouw Visser came from the waiting
    list and Meneer Bakker cancelled. On 24 September (the third quarter): one who came."""
    time_machine.move_to(PLANNED, tick=False)
    computers = activity(nieuw_buinen, "Computerles", 3, capacity=5, signup_required=True)
    coffee = activity(borger, "Koffieochtend", 1)
    sports = activity(wolfsbos, "Sportochtend", 3)
    for planned in (computers, coffee, sports):
        plan_sessions(planned)

    first = session_on(computers, date(2026, 10, 1))
    came = [
        sign_up(first, person("Mevrouw Jansen", 1, people=2)),
        sign_up(first, person("Meneer de Vries", 2)),
    ]
    stayed_home = sign_up(first, person("Mevrouw Bos", 3))
    sign_up(first, person("Meneer Smit", 4))
    waited = sign_up(first, person("Mevrouw Visser", 5))
    cancelled = sign_up(first, person("Meneer Bakker", 6))
    cancel(cancelled)
    september = sign_up(session_on(computers, date(2026, 9, 24)), person("Meneer Dijk", 7))
    cancel_session(session_on(computers, date(2026, 10, 15)), "De docent is ziek")
    # A sign-up for a class still to come is not counted yet.
    sign_up(session_on(computers, date(2026, 11, 26)), person("Mevrouw Mulder", 8))

    time_machine.move_to(NOW, tick=False)
    for signup in [*came, waited, september]:
        signup.attended = True
        signup.save()
    stayed_home.attended = False
    stayed_home.save()
    cancelled.attended = True
    cancelled.save()
    return computers


def test_the_coordinator_sees_sessions_held_people_signed_up_and_people_who_came(
    client, coordinator_andes, sessions
):
    login(client, coordinator_andes)

    response, tables = figures(client, quarter="2026-Q4")

    # Thursdays 1 October to 19 November less the cancelled one; Tuesdays 6 October to 17
    # November. Signed up: 2 + 1 + 1 + 1, and Mevrouw Visser from the waiting list; came: 2 + 1 + 1.
    assert sorted(tables.table("Activity sessions per place, Q4 2026")) == sorted(
        [
            ["Place", "Sessions held", "People signed up", "People who came"],
            ["Ontmoetingsplek Borger (Borger)", "7", "0", "0"],
            ["Buurtkamer Nieuw-Buinen (Nieuw-Buinen)", "7", "6", "4"],
            ["Total", "14", "6", "4"],
        ]
    )
    (table,) = [t for t in tables.tables if t["caption"].startswith("Activity sessions")]
    header, *rows = table["rows"]
    assert {scope for _, scope, _ in header} == {"col"}
    assert all(row[0][:2] == ("th", "row") for row in rows)
    page = response.content.decode()
    for personal in ("Jansen", "Visser", "11111101", "Computerles", "Wolfsbos"):
        assert personal not in page


def test_another_quarter_counts_its_own_sessions(client, coordinator_andes, sessions):
    login(client, coordinator_andes)

    _, tables = figures(client, quarter="2026-Q3")

    # Planned from 20 September: Tuesdays 22 and 29 in Borger, Thursday 24 in Nieuw-Buinen.
    assert tables.table("Activity sessions per place, Q3 2026")[-1] == ["Total", "3", "1", "1"]


def test_a_quarter_without_sessions_held_says_so(client, coordinator_andes, sessions):
    login(client, coordinator_andes)

    response, tables = figures(client, quarter="2027-Q1")

    assert "No sessions of activities were held in this quarter." in response.content.decode()
    assert not [t for t in tables.tables if t["caption"].startswith("Activity sessions")]
