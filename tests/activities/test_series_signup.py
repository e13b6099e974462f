"""Signing up for the whole series: every lunch this season at Wolfsbos (the last Thursday of the
month, seen from Monday 1 September 2025: 25 September, 30 October, 27 November, and Christmas,
which is cancelled). A seat in each future session where there is one, the waiting list where
there is not; cancelling the series cancels only what is still to come."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from naober.activities.constants import ActivityTheme, SignUpStatus
from naober.activities.models import Activity, Session, SignUp
from naober.activities.sessions import plan_sessions
from naober.activities.signup import (
    Person,
    SignUpError,
    cancel_series,
    sign_up,
    sign_up_series,
)
from naober.schedules.recurrence import AMSTERDAM

SEPTEMBER_1 = datetime(2025, 9, 1, 10, 0, tzinfo=AMSTERDAM)
SEPTEMBER_25 = date(2025, 9, 25)
OCTOBER_30 = date(2025, 10, 30)
NOVEMBER_27 = date(2025, 11, 27)
CHRISTMAS = date(2025, 12, 25)


@pytest.fixture
def autumn():
    with time_machine.travel(SEPTEMBER_1, tick=True):
        yield SEPTEMBER_1


@pytest.fixture
def lunch(autumn, wolfsbos) -> Activity:
    activity = Activity.objects.create(
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
    plan_sessions(activity)
    return activity


@pytest.fixture
def jansen() -> Person:
    return Person(name="Mevrouw Jansen", phone="06 12345678", note="Geen vlees")


def session_on(activity: Activity, day: date) -> Session:
    return next(s for s in activity.sessions.all() if timezone.localdate(s.start) == day)


def by_day(signups: list[SignUp]) -> dict[date, str]:
    return {timezone.localdate(s.session.start): s.status for s in signups}


def fill(session: Session) -> None:
    for n in range(10):
        sign_up(session, Person(name=f"Buur {n}", phone=f"06 2000 {n:04d}"))


def test_a_series_sign_up_takes_a_seat_in_each_future_session_and_skips_christmas(lunch, jansen):
    assert session_on(lunch, CHRISTMAS).is_cancelled

    made = sign_up_series(lunch, jansen)

    assert by_day(made) == {
        SEPTEMBER_25: SignUpStatus.CONFIRMED,
        OCTOBER_30: SignUpStatus.CONFIRMED,
        NOVEMBER_27: SignUpStatus.CONFIRMED,
    }
    assert len({s.series for s in made}) == 1
    assert made[0].series is not None
    assert not session_on(lunch, CHRISTMAS).signups.exists()
    assert all(s.note == "Geen vlees" and s.phone == "+31612345678" for s in made)


def test_a_series_sign_up_waits_where_a_session_is_full(lunch, jansen):
    fill(session_on(lunch, OCTOBER_30))

    made = sign_up_series(lunch, jansen)

    assert by_day(made) == {
        SEPTEMBER_25: SignUpStatus.CONFIRMED,
        OCTOBER_30: SignUpStatus.WAITLISTED,
        NOVEMBER_27: SignUpStatus.CONFIRMED,
    }
    assert session_on(lunch, OCTOBER_30).seats_taken() == 10


def test_a_series_sign_up_leaves_sessions_already_signed_up_for(lunch, jansen):
    single = sign_up(session_on(lunch, OCTOBER_30), jansen)

    made = sign_up_series(lunch, Person(name="Jansen", phone="+31 6 12345678"))

    assert set(by_day(made)) == {SEPTEMBER_25, NOVEMBER_27}
    assert list(session_on(lunch, OCTOBER_30).signups.all()) == [single]


def test_a_series_sign_up_skips_a_session_that_has_started(lunch, jansen):
    with time_machine.travel(datetime(2025, 9, 25, 12, 30, tzinfo=AMSTERDAM)):
        made = sign_up_series(lunch, jansen)

    assert set(by_day(made)) == {OCTOBER_30, NOVEMBER_27}


def test_signed_up_for_every_session_already_is_said_so(lunch, jansen):
    sign_up_series(lunch, jansen)
    count = SignUp.objects.count()

    with pytest.raises(SignUpError) as caught:
        sign_up_series(lunch, jansen)

    assert caught.value.code == "duplicate"
    assert SignUp.objects.count() == count


def test_with_no_session_left_to_sign_up_for_the_series_says_so(lunch, jansen):
    # After the November lunch only Christmas is left, and it is cancelled.
    with time_machine.travel(datetime(2025, 11, 28, 9, tzinfo=AMSTERDAM)):
        with pytest.raises(SignUpError) as caught:
            sign_up_series(lunch, jansen)

    assert caught.value.code == "no_sessions"
    assert not SignUp.objects.exists()


def test_bad_input_for_a_series_writes_nothing(lunch, jansen):
    with pytest.raises(SignUpError) as caught:
        sign_up_series(lunch, Person(name="Mevrouw Jansen", phone="06 1234"))

    assert (caught.value.field, caught.value.code) == ("phone", "phone")
    assert not SignUp.objects.exists()


def test_a_group_too_big_for_one_session_writes_no_session_of_the_series(lunch):
    Session.objects.filter(pk=session_on(lunch, NOVEMBER_27).pk).update(capacity=3)

    with pytest.raises(SignUpError) as caught:
        sign_up_series(lunch, Person(name="Familie Bakker", phone="06 12345678", people=4))

    assert (caught.value.field, caught.value.code) == ("people", "people")
    assert not SignUp.objects.exists()


def test_a_walk_in_activity_has_no_series_to_sign_up_for(sports, jansen):
    with pytest.raises(SignUpError) as caught:
        sign_up_series(sports, jansen)

    assert caught.value.code == "walk_in"
    assert not SignUp.objects.exists()


def test_cancelling_the_series_cancels_only_the_sessions_still_to_come(lunch, jansen):
    made = sign_up_series(lunch, jansen)
    september, october, november = made

    with time_machine.travel(datetime(2025, 10, 1, 9, tzinfo=AMSTERDAM)):
        cancelled = cancel_series(september)

    assert [s.pk for s in cancelled] == [october.pk, november.pk]
    statuses = {s.pk: s.status for s in SignUp.objects.all()}
    assert statuses == {
        september.pk: SignUpStatus.CONFIRMED,
        october.pk: SignUpStatus.CANCELLED,
        november.pk: SignUpStatus.CANCELLED,
    }


def test_cancelling_the_series_from_a_later_session_keeps_the_earlier_ones(lunch, jansen):
    september, october, november = sign_up_series(lunch, jansen)

    cancel_series(october)

    assert october.status == SignUpStatus.CANCELLED
    statuses = {s.pk: s.status for s in SignUp.objects.all()}
    assert statuses[september.pk] == SignUpStatus.CONFIRMED
    assert statuses[november.pk] == SignUpStatus.CANCELLED


def test_cancelling_the_series_gives_the_freed_seat_to_the_first_in_line(lunch, jansen):
    october = session_on(lunch, OCTOBER_30)
    for n in range(9):
        sign_up(october, Person(name=f"Buur {n}", phone=f"06 2000 {n:04d}"))
    made = sign_up_series(lunch, jansen)
    waiting = sign_up(october, Person(name="Meneer Bakker", phone="06 87654321"))
    assert waiting.status == SignUpStatus.WAITLISTED

    cancel_series(made[0])

    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.OFFERED
    assert waiting.offered_until <= october.start


def test_nothing_left_to_cancel_in_a_series_is_said_so(lunch, jansen):
    made = sign_up_series(lunch, jansen)
    cancel_series(made[0])

    with pytest.raises(SignUpError) as caught:
        cancel_series(made[0])

    assert caught.value.code == "not_active"


def test_a_single_sign_up_is_cancelled_alone_by_cancel_series(lunch, jansen):
    single = sign_up(session_on(lunch, OCTOBER_30), jansen)

    assert cancel_series(single) == [single]
    single.refresh_from_db()
    assert single.status == SignUpStatus.CANCELLED
    assert timedelta(0) <= timezone.now() - single.cancelled_at < timedelta(minutes=1)
