"""Planning the sessions of an activity from its rule (activities/sessions.py): the monthly lunch
at Wolfsbos on the last Thursday of the month, seen from Monday 1 September 2025, with the
horizon (120 days) reaching Christmas, which is that month's last Thursday."""

import calendar
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from naober.activities.constants import ActivityTheme, SignUpStatus
from naober.activities.models import Activity, Session
from naober.activities.sessions import cancel_session, plan_sessions
from naober.activities.signup import Person, sign_up
from naober.schedules.models import Closure
from naober.schedules.recurrence import AMSTERDAM

SEPTEMBER_1 = datetime(2025, 9, 1, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def autumn():
    with time_machine.travel(SEPTEMBER_1, tick=True):
        yield SEPTEMBER_1


@pytest.fixture
def lunch(autumn, wolfsbos) -> Activity:
    """The shared lunch this season: the last Thursday of the month, 12:00–13:30, 10 seats."""
    return Activity.objects.create(
        place=wolfsbos,
        title="Samen eten",
        theme=ActivityTheme.FOOD,
        frequency="monthly",
        week_of_month=-1,
        weekdays=[3],
        valid_from=date(2025, 9, 1),
        valid_until=date(2026, 6, 30),
        start_time=time(12),
        duration=90,
        capacity=10,
    )


def days(activity: Activity) -> list[date]:
    return [timezone.localdate(s.start) for s in activity.sessions.order_by("start")]


def session_on(activity: Activity, day: date) -> Session:
    return next(s for s in activity.sessions.all() if timezone.localdate(s.start) == day)


def last_thursday(year: int, month: int) -> date:
    return max(
        date(year, month, week[calendar.THURSDAY])
        for week in calendar.monthcalendar(year, month)
        if week[calendar.THURSDAY]
    )


def test_the_monthly_lunch_falls_on_the_last_thursday_of_each_month(lunch):
    plan_sessions(lunch)

    assert days(lunch) == [
        date(2025, 9, 25),
        date(2025, 10, 30),
        date(2025, 11, 27),
        date(2025, 12, 25),
    ]
    assert days(lunch) == [last_thursday(2025, month) for month in (9, 10, 11, 12)]
    for session in lunch.sessions.all():
        start, end = timezone.localtime(session.start), timezone.localtime(session.end)
        assert (start.time(), end.time()) == (time(12), time(13, 30))
        assert session.capacity == 10


def test_christmas_is_a_cancelled_lunch_with_the_holidays_name(lunch):
    plan_sessions(lunch)

    christmas = session_on(lunch, date(2025, 12, 25))
    assert christmas.is_cancelled
    assert christmas.cancel_reason == "Eerste kerstdag"
    assert [s.is_cancelled for s in lunch.sessions.order_by("start")] == [
        False,
        False,
        False,
        True,
    ]


def test_a_place_open_on_christmas_holds_the_lunch(lunch, wolfsbos):
    wolfsbos.closed_on_holidays = []
    wolfsbos.save()

    plan_sessions(lunch)

    assert not session_on(lunch, date(2025, 12, 25)).is_cancelled


def test_the_time_of_day_stays_the_same_when_the_clocks_go_back(lunch):
    plan_sessions(lunch)

    # Summer time in September, winter time from Sunday 26 October.
    september, october = lunch.sessions.order_by("start")[:2]
    assert september.start.astimezone(UTC).hour == 10
    assert october.start.astimezone(UTC).hour == 11


def test_a_weekend_activity_keeps_its_hour_on_both_days_of_the_clock_change(autumn, wolfsbos):
    walk = Activity.objects.create(
        place=wolfsbos,
        title="Wandelen",
        theme=ActivityTheme.OUTDOORS,
        weekdays=[5, 6],
        valid_from=date(2025, 10, 25),
        valid_until=date(2025, 10, 26),
        start_time=time(10),
        duration=60,
        signup_required=False,
    )

    plan_sessions(walk)

    saturday, sunday = walk.sessions.order_by("start")
    assert [timezone.localtime(s.start).time() for s in (saturday, sunday)] == [time(10)] * 2
    assert [timezone.localtime(s.end).time() for s in (saturday, sunday)] == [time(11)] * 2
    assert sunday.start - saturday.start == timedelta(hours=25)


def test_a_closure_cancels_the_session_and_taking_it_away_brings_it_back(lunch, wolfsbos):
    plan_sessions(lunch)
    november = session_on(lunch, date(2025, 11, 27))
    coming = sign_up(november, Person(name="Mevrouw Jansen", phone="06 12345678"))
    closure = Closure.objects.create(
        place=wolfsbos,
        start_date=date(2025, 11, 24),
        end_date=date(2025, 11, 28),
        reason="Verbouwing",
    )

    plan = plan_sessions(lunch)

    assert plan.cancelled == [november]
    november.refresh_from_db()
    assert november.cancel_reason == "Verbouwing"

    closure.delete()
    plan = plan_sessions(lunch)

    assert plan.restored == [november]
    november.refresh_from_db()
    assert not november.is_cancelled
    coming.refresh_from_db()
    assert coming.status == SignUpStatus.CONFIRMED


def test_a_closures_new_reason_reaches_the_cancelled_session(lunch, wolfsbos):
    closure = Closure.objects.create(
        place=wolfsbos, start_date=date(2025, 10, 30), end_date=date(2025, 10, 30), reason="Ziek"
    )
    plan_sessions(lunch)
    closure.reason = "De kok is ziek"
    closure.save()

    plan_sessions(lunch)

    assert session_on(lunch, date(2025, 10, 30)).cancel_reason == "De kok is ziek"


def test_a_session_people_signed_up_for_is_cancelled_not_deleted_when_the_rule_drops_it(lunch):
    plan_sessions(lunch)
    november = session_on(lunch, date(2025, 11, 27))
    coming = sign_up(november, Person(name="Mevrouw Jansen", phone="06 12345678"))
    lunch.valid_until = date(2025, 10, 31)
    lunch.save()

    plan = plan_sessions(lunch)

    assert plan.cancelled == [november]
    assert plan.deleted == 1
    assert days(lunch) == [date(2025, 9, 25), date(2025, 10, 30), date(2025, 11, 27)]
    november.refresh_from_db()
    assert november.is_cancelled
    coming.refresh_from_db()
    assert coming.status == SignUpStatus.CONFIRMED

    # The end date moved back: the lunch of November is on again, Christmas cancelled again.
    lunch.valid_until = date(2026, 6, 30)
    lunch.save()
    plan = plan_sessions(lunch)

    assert plan.restored == [november]
    assert session_on(lunch, date(2025, 12, 25)).cancel_reason == "Eerste kerstdag"


def test_a_session_cancelled_by_hand_stays_cancelled(lunch):
    plan_sessions(lunch)
    october = session_on(lunch, date(2025, 10, 30))
    cancel_session(october, "De kok is ziek")

    plan = plan_sessions(lunch)

    assert plan.restored == []
    october.refresh_from_db()
    assert october.cancel_reason == "De kok is ziek"


def test_an_extra_session_is_left_alone(lunch):
    plan_sessions(lunch)
    start = datetime(2025, 10, 14, 12, tzinfo=AMSTERDAM)
    extra = Session.objects.create(
        activity=lunch, start=start, end=start + timedelta(hours=2), capacity=20, extra=True
    )

    plan_sessions(lunch)

    extra.refresh_from_db()
    assert (extra.capacity, extra.is_cancelled) == (20, False)


def test_planning_again_changes_nothing(lunch):
    plan_sessions(lunch)
    before = list(lunch.sessions.values_list("pk", "start", "end", "cancel_reason"))

    plan = plan_sessions(lunch)

    assert (plan.created, plan.cancelled, plan.restored, plan.deleted) == ([], [], [], 0)
    assert list(lunch.sessions.values_list("pk", "start", "end", "cancel_reason")) == before


def test_a_longer_lunch_moves_the_end_of_the_sessions_planned(lunch):
    plan_sessions(lunch)
    lunch.duration = 120
    lunch.save()

    plan_sessions(lunch)

    assert {timezone.localtime(s.end).time() for s in lunch.sessions.all()} == {time(14)}


def test_sessions_come_into_view_as_the_days_pass(lunch):
    plan_sessions(lunch)

    with time_machine.travel(datetime(2025, 12, 1, 3, tzinfo=AMSTERDAM)):
        plan = plan_sessions(lunch)

    assert [timezone.localdate(s.start) for s in plan.created] == [
        date(2026, 1, 29),
        date(2026, 2, 26),
        date(2026, 3, 26),
    ]
    # The lunches already held stay, for the attendance figures.
    assert days(lunch)[:3] == [date(2025, 9, 25), date(2025, 10, 30), date(2025, 11, 27)]


def test_a_shorter_horizon_leaves_sessions_further_ahead_alone(lunch):
    plan_sessions(lunch)

    with override_settings(NAOBER_SESSION_HORIZON_DAYS=30):
        plan = plan_sessions(lunch)

    assert plan.deleted == 0
    assert len(days(lunch)) == 4


def test_a_rule_that_cannot_happen_cancels_nothing(lunch):
    plan_sessions(lunch)
    Activity.objects.filter(pk=lunch.pk).update(weekdays=[])
    lunch.refresh_from_db()

    plan = plan_sessions(lunch)

    assert (plan.cancelled, plan.deleted) == ([], 0)
    assert len(days(lunch)) == 4
