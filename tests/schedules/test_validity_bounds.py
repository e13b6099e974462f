"""valid_from and valid_until are both inclusive: winter hours hand over to summer hours cleanly."""

from datetime import date

from naober.schedules.openings import openings
from naober.schedules.recurrence import MONTHLY, WEEKLY, Rule

from .helpers import hours

EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def test_a_rule_happens_on_its_first_and_its_last_valid_day():
    rule = Rule(WEEKLY, EVERY_DAY, date(2026, 3, 2), valid_until=date(2026, 3, 6))

    assert rule.dates(date(2026, 2, 1), date(2026, 3, 31)) == [
        date(2026, 3, 2),
        date(2026, 3, 3),
        date(2026, 3, 4),
        date(2026, 3, 5),
        date(2026, 3, 6),
    ]


def test_a_rule_valid_for_one_day_happens_on_that_day_only():
    rule = Rule(WEEKLY, (3,), date(2026, 4, 30), valid_until=date(2026, 4, 30))

    assert rule.dates(date(2026, 1, 1), date(2026, 12, 31)) == [date(2026, 4, 30)]
    assert rule.includes(date(2026, 4, 30))
    assert not rule.includes(date(2026, 5, 7))


def test_the_range_asked_for_is_inclusive_at_both_ends():
    rule = Rule(WEEKLY, EVERY_DAY, date(2026, 1, 1))

    assert rule.dates(date(2026, 6, 1), date(2026, 6, 1)) == [date(2026, 6, 1)]
    assert rule.dates(date(2026, 6, 1), date(2026, 6, 3)) == [
        date(2026, 6, 1),
        date(2026, 6, 2),
        date(2026, 6, 3),
    ]
    assert rule.dates(date(2026, 6, 3), date(2026, 6, 1)) == []


def test_a_monthly_rule_ending_on_its_own_day_still_happens_that_day():
    rule = Rule(MONTHLY, (3,), date(2026, 1, 1), valid_until=date(2026, 3, 26), week_of_month=-1)

    assert rule.dates(date(2026, 1, 1), date(2026, 12, 31)) == [
        date(2026, 1, 29),
        date(2026, 2, 26),
        date(2026, 3, 26),
    ]


def test_nothing_happens_before_a_rule_starts_or_after_it_ends():
    rule = Rule(WEEKLY, EVERY_DAY, date(2026, 3, 2), valid_until=date(2026, 3, 6))

    assert rule.dates(date(2026, 1, 1), date(2026, 3, 1)) == []
    assert rule.dates(date(2026, 3, 7), date(2026, 12, 31)) == []


def test_winter_hours_end_on_31_march_and_summer_hours_start_on_1_april(make_place):
    place = make_place(
        opening_rules=[
            {"weekdays": [1], "valid_until": date(2026, 3, 31), **hours(13, 16)},
            {"weekdays": [1], "valid_from": date(2026, 4, 1), **hours(9, 12)},
            # The last Tuesday of March is the 31st: the winter rule's last day.
        ]
    )

    found = openings(place, date(2026, 3, 24), date(2026, 4, 14))

    assert [o.start.isoformat() for o in found] == [
        "2026-03-24T13:00:00+01:00",
        "2026-03-31T13:00:00+02:00",
        "2026-04-07T09:00:00+02:00",
        "2026-04-14T09:00:00+02:00",
    ]
