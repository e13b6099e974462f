"""A closure period, a one-off cancellation and an extra opening, each with the reason residents see."""

from datetime import date, time

from naober.places.models import Place
from naober.schedules.models import Closure, ExtraOpening
from naober.schedules.openings import openings

from .helpers import by_day


def test_the_summer_break_closes_every_weekday_from_20_july_to_14_august_with_its_reason(
    nieuw_buinen,
):
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 7, 20),
        end_date=date(2026, 8, 14),
        reason="Summer break",
    )

    days = by_day(openings(nieuw_buinen, date(2026, 7, 13), date(2026, 8, 21)))

    closed = sorted(day for day, o in days.items() if not o.is_open)
    assert closed[0] == date(2026, 7, 20)
    assert closed[-1] == date(2026, 8, 14)
    # Four whole weeks of weekdays, all with the reason, none dropped.
    assert len(closed) == 20
    assert {days[day].reason for day in closed} == {"Summer break"}
    assert days[date(2026, 7, 17)].is_open
    assert days[date(2026, 8, 17)].is_open
    assert days[date(2026, 8, 17)].reason == ""


def test_a_one_off_cancellation_closes_only_that_day_and_says_why(nieuw_buinen):
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 9, 10),
        end_date=date(2026, 9, 10),
        reason="The host is ill",
    )

    days = by_day(openings(nieuw_buinen, date(2026, 9, 9), date(2026, 9, 11)))

    assert [(day.day, o.status, o.reason) for day, o in sorted(days.items())] == [
        (9, "open", ""),
        (10, "closed", "The host is ill"),
        (11, "open", ""),
    ]
    assert days[date(2026, 9, 10)].organisations == []


def test_a_closure_over_a_holiday_gives_the_closure_s_reason(nieuw_buinen):
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 4, 27),
        end_date=date(2026, 5, 1),
        reason="Renovation",
    )

    days = by_day(openings(nieuw_buinen, date(2026, 4, 27), date(2026, 4, 27)))

    assert days[date(2026, 4, 27)].reason == "Renovation"


def test_an_extra_opening_on_a_saturday_is_listed_open_with_its_reason(nieuw_buinen):
    ExtraOpening.objects.create(
        place=nieuw_buinen,
        date=date(2026, 9, 12),
        start_time=time(10),
        end_time=time(13),
        reason="Open day of the MFA",
    )

    found = openings(nieuw_buinen, date(2026, 9, 11), date(2026, 9, 14))

    assert [(o.start.isoformat(), o.is_open, o.extra, o.note) for o in found] == [
        ("2026-09-11T09:00:00+02:00", True, False, ""),
        ("2026-09-12T10:00:00+02:00", True, True, "Open day of the MFA"),
        ("2026-09-14T09:00:00+02:00", True, False, ""),
    ]
    # Saturday is not one of Lefier's or the police's days; Andes comes on weekdays only.
    assert found[1].organisations == []


def test_an_extra_opening_outside_the_range_is_left_out(nieuw_buinen):
    ExtraOpening.objects.create(
        place=nieuw_buinen, date=date(2026, 9, 12), start_time=time(10), end_time=time(13)
    )

    assert not any(o.extra for o in openings(nieuw_buinen, date(2026, 9, 13), date(2026, 9, 30)))


def test_a_closed_opening_keeps_its_own_key_so_calendars_can_cancel_it(nieuw_buinen):
    before = openings(nieuw_buinen, date(2026, 9, 10), date(2026, 9, 10))[0]
    Closure.objects.create(
        place=nieuw_buinen, start_date=date(2026, 9, 10), end_date=date(2026, 9, 10), reason="Ill"
    )
    fresh = Place.objects.get(pk=nieuw_buinen.pk)
    after = openings(fresh, date(2026, 9, 10), date(2026, 9, 10))[0]

    assert before.key == after.key
    assert (before.is_open, after.is_open) == (True, False)
