"""Who is present: the police on the first Monday, language help on Thursday mornings only, and
the themes an organisation brings."""

from datetime import date, time

from django.utils import translation

from naober.places.models import Theme
from naober.schedules.models import OpeningRule, PresenceRule
from naober.schedules.openings import openings

from .helpers import by_day


def names(opening) -> list[str]:
    return [o.name for o in opening.organisations]


def test_the_police_come_on_the_first_monday_of_the_month_and_not_on_other_mondays(nieuw_buinen):
    days = by_day(openings(nieuw_buinen, date(2026, 12, 1), date(2026, 12, 31)))

    mondays = {day: names(o) for day, o in days.items() if day.weekday() == 0}
    assert mondays == {
        date(2026, 12, 7): ["Andes", "Lefier", "Politie Drenthe"],
        date(2026, 12, 14): ["Andes", "Lefier"],
        date(2026, 12, 21): ["Andes", "Lefier"],
        date(2026, 12, 28): ["Andes", "Lefier"],
    }


def test_the_police_first_monday_falls_on_easter_monday_and_nobody_is_there(nieuw_buinen):
    days = by_day(openings(nieuw_buinen, date(2026, 4, 6), date(2026, 5, 4)))

    assert not days[date(2026, 4, 6)].is_open
    assert names(days[date(2026, 4, 6)]) == []
    assert names(days[date(2026, 5, 4)]) == ["Andes", "Lefier", "Politie Drenthe"]


def test_organisations_bring_their_themes_to_the_opening(nieuw_buinen):
    days = by_day(openings(nieuw_buinen, date(2026, 12, 7), date(2026, 12, 8)))

    # The police bring safety, Lefier housing, Andes welfare; in the list's fixed order.
    assert days[date(2026, 12, 7)].themes == ["housing", "welfare", "safety"]
    assert days[date(2026, 12, 8)].themes == ["welfare"]
    with translation.override("en"):
        assert days[date(2026, 12, 8)].theme_labels == ["Welfare and loneliness"]


def test_language_help_is_there_on_thursday_mornings(nieuw_buinen):
    days = by_day(openings(nieuw_buinen, date(2026, 12, 9), date(2026, 12, 11)))

    assert days[date(2026, 12, 10)].themes == ["welfare", "language"]
    assert "language" not in days[date(2026, 12, 9)].themes
    assert "language" not in days[date(2026, 12, 11)].themes


def test_morning_language_help_does_not_apply_to_a_thursday_afternoon_opening(nieuw_buinen):
    OpeningRule.objects.create(
        place=nieuw_buinen,
        weekdays=[3],
        valid_from=date(2026, 1, 1),
        start_time=time(13),
        end_time=time(16),
        note="Afternoon",
    )

    morning, afternoon = openings(nieuw_buinen, date(2026, 12, 10), date(2026, 12, 10))

    assert morning.start.hour == 9 and "language" in morning.themes
    assert afternoon.start.hour == 13 and afternoon.note == "Afternoon"
    assert "language" not in afternoon.themes
    # Andes has no hours on its rule, so it is there at both.
    assert names(afternoon) == ["Andes"]


def test_a_presence_window_that_overlaps_part_of_an_opening_applies_to_it(nieuw_buinen, lefier):
    # The WMO consultant comes on Tuesdays from 11 to 13: the morning opening (9–12) has them.
    PresenceRule.objects.create(
        place=nieuw_buinen,
        theme=Theme.objects.get(code="care"),
        weekdays=[1],
        valid_from=date(2026, 1, 1),
        start_time=time(11),
        end_time=time(13),
    )
    # A window that ends when the opening starts does not overlap it.
    PresenceRule.objects.create(
        place=nieuw_buinen,
        theme=Theme.objects.get(code="money"),
        weekdays=[1],
        valid_from=date(2026, 1, 1),
        start_time=time(7),
        end_time=time(9),
    )

    (tuesday,) = openings(nieuw_buinen, date(2026, 12, 8), date(2026, 12, 8))

    assert tuesday.themes == ["care", "welfare"]


def test_a_presence_rule_ends_on_its_valid_until(nieuw_buinen, lefier):
    PresenceRule.objects.filter(place=nieuw_buinen, organisation=lefier).update(
        valid_until=date(2026, 12, 14)
    )

    days = by_day(openings(nieuw_buinen, date(2026, 12, 14), date(2026, 12, 21)))

    assert "Lefier" in names(days[date(2026, 12, 14)])
    assert "Lefier" not in names(days[date(2026, 12, 21)])


def test_an_organisation_present_twice_is_listed_once(nieuw_buinen, andes):
    PresenceRule.objects.create(
        place=nieuw_buinen, organisation=andes, weekdays=[0], valid_from=date(2026, 1, 1)
    )

    (monday,) = openings(nieuw_buinen, date(2026, 12, 14), date(2026, 12, 14))

    assert names(monday) == ["Andes", "Lefier"]
