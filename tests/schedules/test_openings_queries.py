"""openings_for() serves search pages and the province-wide benchmark: a fixed number of queries
whatever the number of places, and each distinct rule walked once."""

from datetime import date, time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from naober.places.models import Place, Theme
from naober.schedules import recurrence
from naober.schedules.models import Closure, ExtraOpening, PresenceRule
from naober.schedules.openings import openings_for

from .helpers import hours

FOUR_WEEKS = (date(2026, 4, 1), date(2026, 4, 28))


def _places(make_place, andes, police, count: int) -> list[Place]:
    language = Theme.objects.get(code="language")
    made = []
    for n in range(count):
        place = make_place(
            f"plek-{len(Place.objects.all()) + 1}",
            opening_rules=[
                {"weekdays": [0, 1, 2, 3, 4], **hours(9, 12)},
                {"frequency": "monthly", "week_of_month": -1, "weekdays": [3], **hours(12, 14)},
            ],
        )
        PresenceRule.objects.create(
            place=place, organisation=andes, weekdays=[0, 2], valid_from=date(2026, 1, 1)
        )
        PresenceRule.objects.create(
            place=place,
            organisation=police,
            frequency="monthly",
            week_of_month=1,
            weekdays=[0],
            valid_from=date(2026, 1, n % 3 + 1),
        )
        PresenceRule.objects.create(
            place=place,
            theme=language,
            weekdays=[3],
            valid_from=date(2026, 1, 1),
            start_time=time(9),
            end_time=time(11),
        )
        Closure.objects.create(
            place=place, start_date=date(2026, 4, 14), end_date=date(2026, 4, 14), reason="Ill"
        )
        ExtraOpening.objects.create(
            place=place, date=date(2026, 4, 11), start_time=time(10), end_time=time(12)
        )
        made.append(place)
    return made


def _queries(places) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        found = openings_for(Place.objects.filter(pk__in=[p.pk for p in places]), *FOUR_WEEKS)
    return len(queries), found


def test_twenty_places_take_as_few_queries_as_two(make_place, andes, police):
    few = _places(make_place, andes, police, 2)
    many = _places(make_place, andes, police, 20)

    few_queries, few_found = _queries(few)
    many_queries, many_found = _queries(many)

    assert many_queries == few_queries
    assert len(many_found) == 20
    # Each place got its full four weeks, with people and themes, not an empty list.
    for items in many_found.values():
        assert len(items) == 21
        assert [o.reason for o in items if not o.is_open] == [
            "Goede vrijdag",
            "Tweede paasdag",
            "Ill",
            "Koningsdag",
        ]
        assert any("language" in o.themes for o in items)


def test_a_search_page_of_twenty_places_needs_at_most_eight_queries(
    make_place, andes, police, django_assert_max_num_queries
):
    places = _places(make_place, andes, police, 20)

    with django_assert_max_num_queries(8):
        found = openings_for(Place.objects.filter(pk__in=[p.pk for p in places]), *FOUR_WEEKS)
        # Reading who is present and their themes needs no further query.
        shown = [
            ([o.name for o in opening.organisations], opening.theme_labels)
            for items in found.values()
            for opening in items
        ]

    assert len(shown) == 20 * 21


def test_places_that_share_a_rule_have_it_walked_once(make_place, andes, police):
    places = _places(make_place, andes, police, 12)
    recurrence._dates.cache_clear()

    openings_for(places, *FOUR_WEEKS)

    # Two opening rules and three presence rules, whatever the number of places: the police's
    # rules start on different days in January, but agree on every day in April.
    assert recurrence._dates.cache_info().misses == 2 + 3
    assert recurrence._dates.cache_info().hits == 12 * 5 - 5
