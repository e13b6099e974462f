"""The demo's openings as a resident sees them, through the same calendar as the guide."""

from datetime import date, time, timedelta

import pytest

from naober.places.models import Place
from naober.schedules.openings import openings
from naober.schedules.recurrence import AMSTERDAM

from .conftest import LOADED_ON

# A week without public holidays or demo exceptions.
WEEK = (date(2026, 3, 23), date(2026, 3, 29))


def local_hours(opening) -> tuple[time, time]:
    return opening.start.astimezone(AMSTERDAM).time(), opening.end.astimezone(AMSTERDAM).time()


def place(slug: str) -> Place:
    return Place.objects.get(slug=slug)


def test_nieuw_buinen_is_open_every_weekday_from_9_to_12(demo):
    found = openings(place("buurtkamer-nieuw-buinen"), *WEEK)

    assert [o.start.date() for o in found] == [WEEK[0] + timedelta(days=d) for d in range(5)]
    assert all(o.is_open and local_hours(o) == (time(9), time(12)) for o in found)


def test_nieuw_buinen_offers_language_and_job_help_on_thursday_mornings_only(demo):
    found = openings(place("buurtkamer-nieuw-buinen"), *WEEK)

    with_language = [o.start.weekday() for o in found if "language" in o.themes]
    with_work = [o.start.weekday() for o in found if "work" in o.themes]
    assert with_language == with_work == [3]


def test_the_police_is_at_nieuw_buinen_on_the_first_monday_of_the_month_only(demo):
    found = openings(place("buurtkamer-nieuw-buinen"), date(2026, 3, 1), date(2026, 3, 31))

    with_police = [
        o.start.date() for o in found if any(org.kind == "police" for org in o.organisations)
    ]
    assert with_police == [date(2026, 3, 2)]


def test_huis_van_de_buurt_wolfsbos_is_open_on_thursdays_from_10_to_16(demo):
    found = openings(place("huis-van-de-buurt-wolfsbos"), date(2026, 3, 1), date(2026, 3, 31))

    assert [o.start.date() for o in found] == [date(2026, 3, d) for d in (5, 12, 19, 26)]
    assert {local_hours(o) for o in found} == {(time(10), time(16))}


@pytest.mark.parametrize(
    ("slug", "is_open"), [("buurtkamer-dokkum", True), ("buurtkamer-nieuw-buinen", False)]
)
def test_dokkum_stays_open_on_good_friday_where_nieuw_buinen_closes(demo, slug, is_open):
    good_friday = date(2026, 4, 3)

    [found] = openings(place(slug), good_friday, good_friday)

    assert found.is_open is is_open


def test_a_cancellation_with_its_reason_comes_up_within_three_weeks_of_loading(demo):
    found = openings(place("buurtkamer-nieuw-buinen"), LOADED_ON, LOADED_ON + timedelta(days=21))

    cancelled = [o for o in found if not o.is_open]
    assert [o.reason for o in cancelled] == ["Studiedag van de medewerkers"]
    assert cancelled[0].start.date() > LOADED_ON


def test_an_extra_saturday_opening_comes_up_within_two_weeks_of_loading(demo):
    found = openings(place("buurtkamer-nieuw-buinen"), LOADED_ON, LOADED_ON + timedelta(days=14))

    [extra] = [o for o in found if o.extra]
    assert extra.start.weekday() == 5
    assert "energietoeslag" in extra.note


def test_the_friesland_buurtkamers_close_for_the_coming_summer(demo):
    for slug in ("buurtkamer-burgum", "buurtkamer-dokkum", "buurtkamer-kollum"):
        found = openings(place(slug), date(2026, 8, 1), date(2026, 8, 15))

        assert found and all(not o.is_open and "Zomerstop" in o.reason for o in found), slug


def test_each_steenwijkerland_village_has_its_own_monthly_day_with_all_partners(demo):
    places = Place.objects.filter(municipality__slug="steenwijkerland")
    days = {}
    for area_team in places:
        found = openings(area_team, date(2026, 3, 1), date(2026, 3, 31))
        assert len(found) == 1, area_team.name
        assert len(found[0].organisations) == 7, area_team.name
        days[area_team.village] = found[0].start.date()

    assert days["Steenwijk-Noord"] == date(2026, 3, 10)
    # Spread over the month, not all on one day.
    assert len(set(days.values())) == len(days)
