"""A resident searches on the home page by postcode, town or theme word."""

import pytest
import time_machine
from django.urls import reverse

from naober.places.models import Building, Place

from .conftest import MONDAY_MORNING


def test_postcode_search_shows_the_place_with_distance_opening_and_who_is_there(
    client, nieuw_buinen, monday_morning
):
    response = client.get("/", {"q": "9521 AB"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 plek in de buurt van 9521 Nieuw-Buinen" in html
    assert 'href="/plek/buurtkamer-nieuw-buinen/"' in html
    # Dutch formatting of the distance: a comma, not a point.
    assert "1,4 km" in html
    assert "Nu open" in html
    assert "tot 12:00" in html
    assert "Andes, Lefier, Politie Drenthe" in html
    assert "Veiligheid" in html


def test_after_closing_time_the_next_opening_is_given_with_its_day(client, nieuw_buinen):
    with time_machine.travel(MONDAY_MORNING.replace(hour=13), tick=False):
        html = client.get("/", {"q": "9521"}).content.decode()
    assert "Nu open" not in html
    assert "Volgende keer open" in html
    # Tuesday: Andes only, no police (that was the first Monday).
    assert "dinsdag 3 maart, 9:00–12:00" in html
    assert "Aanwezig: Andes" in html
    assert "Politie Drenthe" not in html


def test_a_town_finds_the_places_near_it(client, nieuw_buinen, monday_morning):
    html = client.get("/", {"q": "Nieuw-Buinen"}).content.decode()
    assert "1 plek in de buurt van Nieuw-Buinen" in html
    assert "Buurtkamer Nieuw-Buinen" in html


def test_a_theme_word_finds_places_for_that_theme(client, nieuw_buinen, monday_morning):
    html = client.get("/en/", {"q": "huur"}).content.decode()
    assert "Theme:" in html
    assert "Housing" in html
    assert "Buurtkamer Nieuw-Buinen" in html


def test_a_theme_nobody_offers_finds_nothing_and_says_what_to_try(
    client, nieuw_buinen, monday_morning
):
    html = client.get("/", {"q": "9521", "theme": "youth"}).content.decode()
    assert "0 plekken in de buurt van 9521 Nieuw-Buinen" in html
    assert "Buurtkamer Nieuw-Buinen" not in html
    assert "Probeer uw postcode" in html


def test_what_the_resident_typed_stays_in_the_field(client, nieuw_buinen, monday_morning):
    html = client.get("/", {"q": "9521 AB", "theme": "housing"}).content.decode()
    assert 'value="9521 AB"' in html
    assert '<option value="housing" selected>' in html


@pytest.fixture
def twelve_places(nieuw_buinen):
    for n in range(11):
        Place.objects.create(
            name=f"Ontmoetingsplek {n:02d}",
            slug=f"ontmoetingsplek-{n:02d}",
            kind="meeting_place",
            building=Building.objects.create(
                name=f"Dorpshuis {n}",
                street_address="Hoofdstraat 1",
                postcode="9521 AA",
                town="Nieuw-Buinen",
                latitude=52.97 + n / 100,
                longitude=6.94,
            ),
            municipality=nieuw_buinen.municipality,
            village="Nieuw-Buinen",
        ).organisations.add(*nieuw_buinen.organisations.all())


def test_more_than_ten_places_are_paged_with_a_more_link(client, twelve_places, monday_morning):
    response = client.get("/", {"q": "9521"})
    html = response.content.decode()
    assert "12 plekken in de buurt van 9521 Nieuw-Buinen" in html
    assert html.count('class="card"') == 10
    assert "page=2" in html and "Meer plekken" in html
    second = client.get("/", {"q": "9521", "page": "2"}).content.decode()
    assert second.count('class="card"') == 2
    assert "Ontmoetingsplek 10" in second


def test_the_number_of_queries_does_not_grow_with_the_results(
    client, twelve_places, monday_morning, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        client.get("/", {"q": "9521"})


def test_without_a_search_the_municipalities_are_listed(client, nieuw_buinen, monday_morning):
    html = client.get(reverse("guide:home")).content.decode()
    assert 'href="/gemeente/borger-odoorn/"' in html
    assert "Borger-Odoorn" in html
    assert "1 plek" in html


def test_the_postcode_source_is_credited(client, db):
    html = client.get("/en/").content.decode()
    assert "CBS, PDOK (CC BY 4.0)" in html


def test_an_opening_later_today_says_today(client, nieuw_buinen):
    with time_machine.travel(MONDAY_MORNING.replace(hour=7), tick=False):
        html = client.get("/en/", {"q": "9521"}).content.decode()
    assert "Next open" in html
    assert "today, 9:00–12:00" in html
