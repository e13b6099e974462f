"""9:00 stays 9:00 when the clocks change (29 March and 25 October 2026)."""

from datetime import UTC, date, time, timedelta

from naober.schedules.openings import openings
from naober.schedules.recurrence import WEEKLY, Rule, span

from .helpers import by_day, hours

THREE_HOURS = timedelta(hours=3)


def test_the_monday_opening_is_at_nine_local_on_both_sides_of_the_spring_change(nieuw_buinen):
    days = by_day(openings(nieuw_buinen, date(2026, 3, 23), date(2026, 3, 30)))

    before, after = days[date(2026, 3, 23)], days[date(2026, 3, 30)]
    assert before.start.isoformat() == "2026-03-23T09:00:00+01:00"
    assert before.end.isoformat() == "2026-03-23T12:00:00+01:00"
    assert after.start.isoformat() == "2026-03-30T09:00:00+02:00"
    assert after.end.isoformat() == "2026-03-30T12:00:00+02:00"
    # In UTC the opening moves an hour earlier, and still lasts three hours.
    assert before.start.astimezone(UTC).strftime("%H:%M") == "08:00"
    assert after.start.astimezone(UTC).strftime("%H:%M") == "07:00"
    assert {o.end.astimezone(UTC) - o.start.astimezone(UTC) for o in days.values()} == {THREE_HOURS}


def test_the_monday_opening_is_at_nine_local_on_both_sides_of_the_autumn_change(nieuw_buinen):
    days = by_day(openings(nieuw_buinen, date(2026, 10, 19), date(2026, 10, 26)))

    before, after = days[date(2026, 10, 19)], days[date(2026, 10, 26)]
    assert before.start.isoformat() == "2026-10-19T09:00:00+02:00"
    assert after.start.isoformat() == "2026-10-26T09:00:00+01:00"
    assert after.end.isoformat() == "2026-10-26T12:00:00+01:00"
    assert before.start.astimezone(UTC).strftime("%H:%M") == "07:00"
    assert after.start.astimezone(UTC).strftime("%H:%M") == "08:00"
    assert {o.end.astimezone(UTC) - o.start.astimezone(UTC) for o in days.values()} == {THREE_HOURS}


def test_the_weekend_of_a_change_has_no_opening_and_the_friday_before_keeps_its_offset(
    nieuw_buinen,
):
    found = openings(nieuw_buinen, date(2026, 3, 27), date(2026, 3, 29))

    assert [o.start.isoformat() for o in found] == ["2026-03-27T09:00:00+01:00"]


def test_an_every_other_week_rule_keeps_its_rhythm_across_the_spring_change(make_place):
    place = make_place(
        opening_rules=[
            {"weekdays": [0], "interval": 2, "valid_from": date(2026, 3, 16), **hours(9, 12)}
        ]
    )

    found = openings(place, date(2026, 3, 1), date(2026, 4, 30))

    assert [o.start.isoformat() for o in found] == [
        "2026-03-16T09:00:00+01:00",
        "2026-03-30T09:00:00+02:00",
        "2026-04-13T09:00:00+02:00",
        "2026-04-27T09:00:00+02:00",
    ]
    # King's Day falls on the last of them.
    assert [o.is_open for o in found] == [True, True, True, False]


def test_an_every_other_week_rule_keeps_its_rhythm_across_the_autumn_change():
    rule = Rule(WEEKLY, (0,), date(2026, 10, 12), interval=2)

    spans = [
        span(day, time(9), time(12)) for day in rule.dates(date(2026, 10, 1), date(2026, 11, 30))
    ]

    assert [start.isoformat() for start, _ in spans] == [
        "2026-10-12T09:00:00+02:00",
        "2026-10-26T09:00:00+01:00",
        "2026-11-09T09:00:00+01:00",
        "2026-11-23T09:00:00+01:00",
    ]
    assert {end.astimezone(UTC) - start.astimezone(UTC) for start, end in spans} == {THREE_HOURS}


def test_an_opening_on_the_night_of_the_change_itself_is_three_hours_of_real_time():
    # A Sunday opening 9–12 on the day the clocks go forward (at 2:00 that night).
    start, end = span(date(2026, 3, 29), time(9), time(12))

    assert start.isoformat() == "2026-03-29T09:00:00+02:00"
    assert end.astimezone(UTC) - start.astimezone(UTC) == THREE_HOURS
