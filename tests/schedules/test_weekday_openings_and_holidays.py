"""Every weekday 9–12, and the Dutch public holidays: listed as closed with their name, not dropped."""

from datetime import date, timedelta

from django.utils import translation

from naober.schedules import holidays
from naober.schedules.openings import openings

from .helpers import by_day

APRIL_2026_WEEKDAYS = [
    date(2026, 4, d) for d in (1, 2, 3, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24)
] + [date(2026, 4, d) for d in (27, 28, 29, 30)]


def test_every_weekday_of_april_2026_is_listed_from_9_to_12_and_no_weekend_day(nieuw_buinen):
    found = openings(nieuw_buinen, date(2026, 4, 1), date(2026, 4, 30))

    assert [o.start.date() for o in found] == APRIL_2026_WEEKDAYS
    assert {(o.start.strftime("%H:%M"), o.end.strftime("%H:%M")) for o in found} == {
        ("09:00", "12:00")
    }


def test_good_friday_easter_monday_and_kings_day_are_closed_with_the_holiday_name(nieuw_buinen):
    with translation.override("nl"):
        days = by_day(openings(nieuw_buinen, date(2026, 4, 1), date(2026, 4, 30)))

    closed = {day: o.reason for day, o in days.items() if not o.is_open}
    assert closed == {
        date(2026, 4, 3): "Goede vrijdag",
        date(2026, 4, 6): "Tweede paasdag",
        date(2026, 4, 27): "Koningsdag",
    }
    assert days[date(2026, 4, 7)].is_open
    assert days[date(2026, 4, 28)].is_open


def test_liberation_day_and_ascension_day_are_named_in_english_on_the_english_pages(nieuw_buinen):
    with translation.override("en"):
        days = by_day(openings(nieuw_buinen, date(2026, 5, 4), date(2026, 5, 15)))

    assert {day: o.reason for day, o in days.items() if not o.is_open} == {
        date(2026, 5, 5): "Liberation Day",
        date(2026, 5, 14): "Ascension Day",
    }
    # Nobody is listed as present on a closed day.
    assert days[date(2026, 5, 14)].organisations == []


def test_a_place_that_stays_open_on_good_friday_is_open_then_with_its_usual_people(nieuw_buinen):
    nieuw_buinen.closed_on_holidays = [
        key for key in holidays.default_closed_holidays() if key != "Good Friday"
    ]
    nieuw_buinen.save()

    days = by_day(openings(nieuw_buinen, date(2026, 4, 3), date(2026, 4, 6)))

    assert days[date(2026, 4, 3)].is_open
    assert [o.name for o in days[date(2026, 4, 3)].organisations] == ["Andes"]
    assert not days[date(2026, 4, 6)].is_open


def test_a_place_that_closes_on_no_holiday_is_open_on_kings_day(nieuw_buinen):
    nieuw_buinen.closed_on_holidays = []
    nieuw_buinen.save()

    assert all(o.is_open for o in openings(nieuw_buinen, date(2026, 4, 1), date(2026, 5, 31)))


def test_a_new_place_closes_on_every_public_holiday_by_default(make_place):
    place = make_place()

    assert set(place.closed_on_holidays) == {
        "New Year's Day",
        "Good Friday",
        "Easter Sunday",
        "Easter Monday",
        "King's Day",
        "Liberation Day",
        "Ascension Day",
        "Pentecost",
        "Pentecost Monday",
        "Christmas Day",
        "Second Day of Christmas",
    }


def test_holidays_of_a_range_over_new_year_come_from_both_years():
    found = holidays.closing_days(
        date(2026, 12, 24), date(2027, 1, 2), holidays.default_closed_holidays(), "en"
    )

    assert found == {
        date(2026, 12, 25): "Christmas Day",
        date(2026, 12, 26): "Second Day of Christmas",
        date(2027, 1, 1): "New Year's Day",
    }


def test_two_holidays_on_one_day_name_only_the_ones_the_place_closes_for():
    # In 2016 Ascension Day fell on Liberation Day, 5 May.
    day = date(2016, 5, 5)

    assert holidays.closing_days(day, day, ["Ascension Day"], "nl") == {day: "Hemelvaartsdag"}
    assert holidays.closing_days(day, day, ["Liberation Day"], "en") == {day: "Liberation Day"}
    assert holidays.closing_days(day, day, ["Good Friday"], "en") == {}
    assert holidays.closing_days(day, day, ["Ascension Day", "Liberation Day"], "nl") == {
        day: "Hemelvaartsdag; Bevrijdingsdag"
    }


def test_a_reversed_range_has_no_holidays():
    assert holidays.closing_days(date(2026, 5, 1), date(2026, 4, 1), ["King's Day"]) == {}


def test_holiday_choices_pair_each_key_with_its_dutch_name():
    choices = dict(holidays.holiday_choices("nl"))

    assert choices["King's Day"] == "Koningsdag"
    assert choices["Good Friday"] == "Goede vrijdag"
    assert len(choices) == len(holidays.holiday_keys()) == 11


def test_a_whole_year_of_weekday_mornings_has_each_weekday_once(nieuw_buinen):
    found = openings(nieuw_buinen, date(2026, 1, 1), date(2026, 12, 31))

    weekdays = [
        date(2026, 1, 1) + timedelta(days=n)
        for n in range(365)
        if (date(2026, 1, 1) + timedelta(days=n)).weekday() < 5
    ]
    assert [o.start.date() for o in found] == weekdays
    # 2026's holidays on a weekday: 1 Jan, Good Friday, Easter Monday, King's Day, 5 May,
    # Ascension, Whit Monday, Christmas Day (Friday); 26 December is a Saturday.
    assert sum(not o.is_open for o in found) == 8
