"""The municipality's overview of fixed days and times per village, for the paper and the notice
board."""

from datetime import date, time

import pytest

from naober.places.models import Building, Place
from naober.schedules.models import Closure, OpeningRule, PresenceRule


@pytest.fixture
def valthe(nieuw_buinen, police):
    """A gebiedsteam walk-in in Valthe: the second Tuesday of the month, 13:30–15:00."""
    place = Place.objects.create(
        name="Gebiedsteam Valthe",
        slug="gebiedsteam-valthe",
        kind="area_team",
        building=Building.objects.create(
            name="Dorpshuis Valthe",
            street_address="Hoofdweg 1",
            postcode="7872 PA",
            town="Valthe",
            latitude=52.84,
            longitude=6.88,
        ),
        municipality=nieuw_buinen.municipality,
        village="Valthe",
    )
    OpeningRule.objects.create(
        place=place,
        frequency="monthly",
        week_of_month=2,
        weekdays=[1],
        valid_from=date(2026, 1, 1),
        start_time=time(13, 30),
        end_time=time(15),
    )
    PresenceRule.objects.create(
        place=place, organisation=police, weekdays=[1], valid_from=date(2026, 1, 1)
    )
    return place


def test_each_village_has_its_places_with_days_in_words_and_dates(client, valthe, monday_morning):
    response = client.get("/en/gemeente/borger-odoorn/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "March 2026" in html
    assert '<h2 id="village-1">Nieuw-Buinen</h2>' in html
    assert '<h2 id="village-2">Valthe</h2>' in html
    assert "Every Monday to Friday, 9:00–12:00" in html
    assert "The second Tuesday of the month, 13:30–15:00" in html
    assert "Tue 10 Mar 13:30–15:00" in html
    assert "Mon 2 Mar 9:00–12:00" in html and "Tue 31 Mar 9:00–12:00" in html


def test_a_quarter_shows_three_months_with_closed_dates_and_reasons(client, valthe, monday_morning):
    Closure.objects.create(
        place=valthe, start_date=date(2026, 5, 12), end_date=date(2026, 5, 12), reason="Moving"
    )
    html = client.get("/en/gemeente/borger-odoorn/", {"start": "2026-04", "months": "3"}).content
    html = html.decode()
    assert "April 2026 to June 2026" in html
    assert "Tue 14 Apr 13:30–15:00" in html
    assert "Tue 9 Jun 13:30–15:00" in html
    assert "Tue 12 May: Moving" in html
    assert "Mon 6 Apr: Easter Monday" in html
    assert "Thu 14 May: Ascension Day" in html


def test_the_overview_prints_on_a4_without_the_search_and_with_its_address(
    client, nieuw_buinen, monday_morning
):
    html = client.get("/gemeente/borger-odoorn/").content.decode()
    assert 'class="period no-print"' in html
    assert "http://testserver/gemeente/borger-odoorn/" in html
    css = client.get("/static/guide/guide.css")
    body = b"".join(css.streaming_content) if css.streaming else css.content
    assert b"@page { size: A4; margin: 15mm; }" in body


def test_the_overview_links_earlier_and_later_months(client, nieuw_buinen, monday_morning):
    html = client.get("/gemeente/borger-odoorn/", {"start": "2026-12", "months": "3"}).content
    assert b"?start=2026-09&amp;months=3" in html
    assert b"?start=2027-03&amp;months=3" in html


def test_the_overview_needs_few_queries_however_many_places(
    client, valthe, monday_morning, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get("/gemeente/borger-odoorn/")
