"""Openings arranged for the page: day by day, and closed days merged into periods."""

from datetime import date, datetime

from naober.guide.agenda import closed_periods, days
from naober.schedules.openings import Opening
from naober.schedules.recurrence import AMSTERDAM


def opening(day: int, status: str = "open", reason: str = "") -> Opening:
    start = datetime(2026, 7, day, 9, tzinfo=AMSTERDAM)
    return Opening(
        key=f"o-{day}", start=start, end=start.replace(hour=12), status=status, reason=reason
    )


def test_a_summer_break_over_a_weekend_is_one_period():
    found = [opening(d, "closed", "Summer break") for d in (16, 17, 20, 21)] + [opening(22)]
    [period] = closed_periods(found)
    assert (period.first, period.last, period.reason) == (
        date(2026, 7, 16),
        date(2026, 7, 21),
        "Summer break",
    )


def test_closed_days_with_an_open_day_between_are_separate():
    found = [opening(6, "closed", "Ill"), opening(7), opening(8, "closed", "Ill")]
    assert [(p.first.day, p.last.day) for p in closed_periods(found)] == [(6, 6), (8, 8)]


def test_closed_days_before_today_are_left_out():
    found = [opening(6, "closed", "Ill"), opening(8, "closed", "Trip")]
    assert [p.reason for p in closed_periods(found, since=date(2026, 7, 7))] == ["Trip"]


def test_every_day_is_listed_even_without_openings():
    listed = days([opening(7)], date(2026, 7, 6), date(2026, 7, 12))
    assert [len(d.openings) for d in listed] == [0, 1, 0, 0, 0, 0, 0]
    assert not listed[1].is_closed
