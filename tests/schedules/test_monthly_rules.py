"""The n-th or the last weekday of a month: the lunch, the gebiedsteam day, the police."""

from calendar import monthrange
from datetime import date, time

from naober.schedules.models import OpeningRule
from naober.schedules.openings import openings
from naober.schedules.recurrence import MONTHLY, Rule

from .helpers import hours

YEAR_2026 = (date(2026, 1, 1), date(2026, 12, 31))
MONDAY, TUESDAY, THURSDAY, FRIDAY = 0, 1, 3, 4


def monthly(weekday: int, week: int, **kwargs) -> Rule:
    return Rule(MONTHLY, (weekday,), date(2026, 1, 1), week_of_month=week, **kwargs)


def test_the_last_thursday_of_each_month_of_2026():
    assert monthly(THURSDAY, -1).dates(*YEAR_2026) == [
        date(2026, 1, 29),
        date(2026, 2, 26),
        date(2026, 3, 26),
        date(2026, 4, 30),
        date(2026, 5, 28),
        date(2026, 6, 25),
        date(2026, 7, 30),
        date(2026, 8, 27),
        date(2026, 9, 24),
        date(2026, 10, 29),
        date(2026, 11, 26),
        date(2026, 12, 31),
    ]


def test_in_a_month_with_five_thursdays_the_last_is_the_fifth_not_the_fourth():
    # January, April, July, October and December 2026 have five Thursdays.
    last = monthly(THURSDAY, -1)
    fourth = monthly(THURSDAY, 4)

    for month, fifth in ((1, 29), (4, 30), (7, 30), (10, 29), (12, 31)):
        start, end = date(2026, month, 1), date(2026, month, monthrange(2026, month)[1])
        assert last.dates(start, end) == [date(2026, month, fifth)]
        assert fourth.dates(start, end) == [date(2026, month, fifth - 7)]
    # In a month with four Thursdays the fourth is the last.
    assert fourth.dates(date(2026, 2, 1), date(2026, 2, 28)) == [date(2026, 2, 26)]


def test_the_second_tuesday_of_each_month_of_2026_is_the_gebiedsteam_day():
    assert monthly(TUESDAY, 2).dates(*YEAR_2026) == [
        date(2026, 1, 13),
        date(2026, 2, 10),
        date(2026, 3, 10),
        date(2026, 4, 14),
        date(2026, 5, 12),
        date(2026, 6, 9),
        date(2026, 7, 14),
        date(2026, 8, 11),
        date(2026, 9, 8),
        date(2026, 10, 13),
        date(2026, 11, 10),
        date(2026, 12, 8),
    ]


def test_the_first_monday_of_each_month_of_2026():
    assert monthly(MONDAY, 1).dates(*YEAR_2026) == [
        date(2026, 1, 5),
        date(2026, 2, 2),
        date(2026, 3, 2),
        date(2026, 4, 6),
        date(2026, 5, 4),
        date(2026, 6, 1),
        date(2026, 7, 6),
        date(2026, 8, 3),
        date(2026, 9, 7),
        date(2026, 10, 5),
        date(2026, 11, 2),
        date(2026, 12, 7),
    ]


def test_the_third_friday_of_every_other_month_counts_from_the_first_month():
    rule = Rule(MONTHLY, (FRIDAY,), date(2026, 2, 1), week_of_month=3, interval=2)

    assert rule.dates(*YEAR_2026) == [
        date(2026, 2, 20),
        date(2026, 4, 17),
        date(2026, 6, 19),
        date(2026, 8, 21),
        date(2026, 10, 16),
        date(2026, 12, 18),
    ]
    # Asking for a later stretch alone gives the same months.
    assert rule.dates(date(2026, 9, 1), date(2026, 12, 31)) == [
        date(2026, 10, 16),
        date(2026, 12, 18),
    ]


def test_a_monthly_rule_that_starts_mid_month_skips_that_month_s_earlier_day():
    # Valid from 15 January: the second Tuesday of January (13th) is before it.
    rule = Rule(MONTHLY, (TUESDAY,), date(2026, 1, 15), week_of_month=2)

    assert rule.dates(date(2026, 1, 1), date(2026, 3, 31)) == [
        date(2026, 2, 10),
        date(2026, 3, 10),
    ]


def test_the_huis_van_de_buurt_lists_its_last_thursday_lunch_beside_the_thursday_opening(
    make_place,
):
    wolfsbos = make_place(
        "huis-van-de-buurt-wolfsbos",
        opening_rules=[{"weekdays": [THURSDAY], **hours(10, 16)}],
    )
    OpeningRule.objects.create(
        place=wolfsbos,
        frequency="monthly",
        week_of_month=-1,
        weekdays=[THURSDAY],
        valid_from=date(2026, 1, 1),
        start_time=time(12),
        end_time=time(13, 30),
        note="Shared lunch",
    )

    found = openings(wolfsbos, date(2026, 4, 20), date(2026, 5, 3))

    assert [(o.start.isoformat(), o.end.isoformat(), o.note) for o in found] == [
        ("2026-04-23T10:00:00+02:00", "2026-04-23T16:00:00+02:00", ""),
        ("2026-04-30T10:00:00+02:00", "2026-04-30T16:00:00+02:00", ""),
        ("2026-04-30T12:00:00+02:00", "2026-04-30T13:30:00+02:00", "Shared lunch"),
    ]


def test_a_gebiedsteam_walk_in_on_the_second_tuesday_appears_once_a_month(make_place):
    exloo = make_place(
        "gebiedsteam-exloo",
        opening_rules=[
            {"frequency": "monthly", "week_of_month": 2, "weekdays": [TUESDAY], **hours(13, 15)}
        ],
    )

    found = openings(exloo, date(2026, 9, 1), date(2026, 11, 30))

    assert [o.start.isoformat() for o in found] == [
        "2026-09-08T13:00:00+02:00",
        "2026-10-13T13:00:00+02:00",
        "2026-11-10T13:00:00+01:00",
    ]
