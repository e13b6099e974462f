"""Properties every rule keeps, whatever its days, rhythm and validity (hypothesis)."""

from datetime import date, datetime, time, timedelta

import pytest
from dateutil import rrule
from hypothesis import given, settings
from hypothesis import strategies as st

from naober.schedules import calendar
from naober.schedules.recurrence import MONTHLY, RRULE_WEEKDAYS, WEEKLY, Rule, RuleError, problems

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31))


@st.composite
def rules(draw) -> Rule:
    frequency = draw(st.sampled_from([WEEKLY, MONTHLY]))
    weekdays = tuple(sorted(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))))
    valid_from = draw(days)
    valid_until = draw(st.none() | st.dates(valid_from, valid_from + timedelta(days=900)))
    return Rule(
        frequency=frequency,
        weekdays=weekdays,
        valid_from=valid_from,
        valid_until=valid_until,
        week_of_month=draw(st.sampled_from([1, 2, 3, 4, -1])) if frequency == MONTHLY else None,
        interval=draw(st.integers(1, 4)),
    )


@st.composite
def ranges(draw) -> tuple[date, date]:
    start = draw(days)
    return start, start + timedelta(days=draw(st.integers(0, 120)))


@settings(max_examples=300, deadline=None)
@given(rules(), ranges(), st.sampled_from([(time(9), time(12)), (time(13, 30), time(16))]))
def test_every_occurrence_is_on_a_rule_day_inside_its_validity_and_ends_after_it_starts(
    rule, window, hours
):
    start, end = window
    opening = calendar.OpeningSpec(id=1, rule=rule, start=hours[0], end=hours[1])

    for occurrence in calendar.expand([opening], start, end, closed_on_holidays=()):
        day = occurrence.start.date()
        assert occurrence.start.weekday() in rule.weekdays
        assert start <= day <= end
        assert rule.valid_from <= day
        assert rule.valid_until is None or day <= rule.valid_until
        assert occurrence.end > occurrence.start
        assert (occurrence.start.hour, occurrence.start.minute) == (hours[0].hour, hours[0].minute)
        assert occurrence.start.utcoffset() in (timedelta(hours=1), timedelta(hours=2))


def _full_series(rule: Rule, start: date, end: date) -> list[date]:
    """The rule walked by dateutil from its very first day, as RFC 5545 reads it."""
    if rule.frequency == MONTHLY:
        byweekday = [RRULE_WEEKDAYS[d](rule.week_of_month) for d in rule.weekdays]
    else:
        byweekday = [RRULE_WEEKDAYS[d] for d in rule.weekdays]
    last = min(d for d in (rule.valid_until, end) if d is not None)
    series = rrule.rrule(
        rrule.MONTHLY if rule.frequency == MONTHLY else rrule.WEEKLY,
        interval=rule.interval,
        byweekday=byweekday,
        wkst=rrule.MO,
        dtstart=datetime.combine(rule.valid_from, time()),
        until=datetime.combine(last, time()),
    )
    return [d.date() for d in series if d.date() >= start]


@settings(max_examples=300, deadline=None)
@given(rules(), ranges())
def test_a_window_gives_the_same_days_as_the_rule_walked_from_its_first_day(rule, window):
    # The engine skips ahead to the window instead of walking from valid_from; this checks the
    # shortcut keeps every other week and every other month on the right weeks and months.
    assert rule.dates(*window) == _full_series(rule, *window)


@settings(max_examples=100, deadline=None)
@given(rules(), ranges())
def test_dates_come_in_order_without_repeats(rule, window):
    found = rule.dates(*window)
    assert found == sorted(set(found))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"frequency": "daily"}, "Unknown frequency"),
        ({"weekdays": ()}, "at least one day"),
        ({"weekdays": (7,)}, "numbered 0 (Monday) to 6 (Sunday)"),
        ({"interval": 0}, "interval is at least 1"),
        ({"frequency": MONTHLY}, "needs the week of the month"),
        ({"frequency": MONTHLY, "week_of_month": 5}, "needs the week of the month"),
        ({"week_of_month": 1}, "only goes with a monthly rule"),
        ({"valid_until": date(2025, 12, 31)}, "ends before it starts"),
    ],
)
def test_an_impossible_rule_is_refused_with_a_message_that_says_why(fields, message):
    values = {"frequency": WEEKLY, "weekdays": (0,), "valid_from": date(2026, 1, 1), **fields}

    with pytest.raises(RuleError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Rule(**values)


def test_a_sound_rule_has_no_problems():
    rule = Rule(MONTHLY, (3,), date(2026, 1, 1), week_of_month=-1)

    assert problems(rule) == []


def test_a_rule_as_an_rrule_for_icalendar_says_the_same_days():
    rule = Rule(MONTHLY, (3,), date(2026, 1, 1), valid_until=date(2026, 6, 30), week_of_month=-1)

    value = rule.ical()

    assert value["FREQ"] == "MONTHLY"
    assert value["BYDAY"] == ["-1TH"]
    assert value["UNTIL"].isoformat() == "2026-06-30T21:59:59+00:00"
