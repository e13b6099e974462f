"""`naober plan_sessions`, the daily cron job: every activity's sessions planned up to the
horizon, offers not confirmed in time passed on, and one line saying what changed."""

from datetime import date, time, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone, translation

from naober.activities.constants import ActivityTheme, SignUpStatus
from naober.activities.models import Activity
from naober.activities.signup import Person, cancel, sign_up

pytestmark = pytest.mark.usefixtures("frozen_now")


def run() -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("plan_sessions", stdout=out)
    return out.getvalue()


@pytest.fixture
def quiz(frozen_now, wolfsbos) -> Activity:
    """A monthly quiz on the first Tuesday, not planned yet."""
    return Activity.objects.create(
        place=wolfsbos,
        title="Buurtquiz",
        theme=ActivityTheme.MEETING,
        frequency="monthly",
        week_of_month=1,
        weekdays=[1],
        valid_from=date(2026, 11, 1),
        start_time=time(19, 30),
        capacity=30,
    )


def test_the_daily_run_plans_every_activity_and_says_so_in_one_line(quiz):
    output = run()

    assert [timezone.localdate(s.start) for s in quiz.sessions.order_by("start")] == [
        date(2026, 12, 1),
        date(2027, 1, 5),
        date(2027, 2, 2),
        date(2027, 3, 2),
    ]
    assert output.count("\n") == 1
    assert "Sessions added: 4, cancelled: 0, back on: 0, removed: 0." in output
    assert "Offers expired: 0, new offers to the waiting list: 0." in output


def test_running_it_twice_adds_nothing(quiz):
    run()

    assert "Sessions added: 0," in run()
    assert quiz.sessions.count() == 4


def test_an_activity_that_ended_early_loses_its_future_sessions(quiz):
    run()
    december = quiz.sessions.order_by("start").first()
    sign_up(december, Person(name="Mevrouw Jansen", phone="06 12345678"))
    quiz.valid_until = date(2026, 11, 22)
    quiz.save()

    output = run()

    assert "cancelled: 1," in output
    assert "removed: 3." in output
    december.refresh_from_db()
    assert december.is_cancelled


def test_an_offer_not_confirmed_in_time_goes_to_the_next_in_line(next_lunch):
    seated = [
        sign_up(next_lunch, Person(name=f"Buur {n}", phone=f"06 2000 {n:04d}")) for n in range(10)
    ]
    first, second = (
        sign_up(next_lunch, Person(name=f"Buur {n}", phone=f"06 3000 {n:04d}")) for n in range(2)
    )
    cancel(seated[0])
    first.refresh_from_db()

    with time_machine.travel(first.offered_until + timedelta(minutes=1)):
        output = run()

    assert "Offers expired: 1, new offers to the waiting list: 1." in output
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SignUpStatus.EXPIRED, SignUpStatus.OFFERED)
