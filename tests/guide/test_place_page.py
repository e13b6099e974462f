"""A place's page: where it is, whether a wheelchair gets in, when it is open and who is there."""

from datetime import date, time

import pytest

from naober.schedules.models import Closure, ExtraOpening


@pytest.fixture
def page(client, nieuw_buinen, monday_morning):
    def get(url=None):
        response = client.get(url or "/plek/buurtkamer-nieuw-buinen/")
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_the_page_shows_the_address_and_how_to_get_in(page):
    html = page("/en/plek/buurtkamer-nieuw-buinen/")
    assert "<h1>Buurtkamer Nieuw-Buinen</h1>" in html
    assert "Noorderdiep 60" in html
    assert "9521 BE Nieuw-Buinen" in html
    assert "Step-free entrance" in html
    assert "Accessible toilet" in html
    assert "Kitchen" in html
    assert "Hearing loop" not in html


def test_the_page_says_who_runs_it_and_the_regular_hours_in_words(page):
    html = page("/en/plek/buurtkamer-nieuw-buinen/")
    assert "Andes" in html and "Lefier" in html
    assert "Every Monday to Friday, 9:00–12:00" in html
    assert "<strong>Politie Drenthe</strong>: The first Monday of the month" in html
    assert "Language, numeracy and computers</strong>: Every Thursday, 9:00–12:00" in html


def test_this_week_and_next_are_shown_day_by_day_with_who_is_present(page):
    html = page("/en/plek/buurtkamer-nieuw-buinen/")
    assert "This week" in html and "Next week" in html
    assert "Monday 2 March" in html and "Sunday 15 March" in html
    # The police come on the first Monday only, so once in these two weeks.
    assert html.count("Present: Andes, Lefier, Politie Drenthe") == 1
    assert html.count("Present: Andes, Lefier</span>") == 1
    assert "Questions about: Welfare and loneliness, Language, numeracy and computers" in html


def test_a_cancelled_day_shows_closed_with_its_reason_in_words(page, nieuw_buinen):
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 3, 11),
        end_date=date(2026, 3, 11),
        reason="The host is ill",
    )
    html = page("/en/plek/buurtkamer-nieuw-buinen/")
    assert "Closed</span> <del>9:00–12:00</del>: The host is ill" in html
    assert "Wednesday 11 March: The host is ill" in html


def test_a_closure_period_in_the_coming_months_is_listed_once_with_its_reason(page, nieuw_buinen):
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 5, 18),
        end_date=date(2026, 5, 29),
        reason="Building works",
    )
    html = page("/en/plek/buurtkamer-nieuw-buinen/")
    assert html.count("Building works") == 1
    assert "18 May to 29 May: Building works" in html
    # Public holidays are closed days too, with their name.
    assert "Easter Monday" in html
    assert "King's Day" in html or "King&#x27;s Day" in html


def test_an_extra_opening_is_marked_as_extra(page, nieuw_buinen):
    ExtraOpening.objects.create(
        place=nieuw_buinen,
        date=date(2026, 3, 7),
        start_time=time(13),
        end_time=time(15),
        reason="Open day",
    )
    html = page("/en/plek/buurtkamer-nieuw-buinen/")
    assert '13:00–15:00</span> <span class="badge">Extra</span> (Open day)' in html


def test_the_calendar_is_offered_as_a_link_and_in_the_head(page):
    html = page()
    head = html.split("</head>")[0]
    assert (
        '<link rel="alternate" type="text/calendar" '
        'href="/plek/buurtkamer-nieuw-buinen/agenda.ics"' in head
    )
    assert 'href="/plek/buurtkamer-nieuw-buinen/agenda.ics">' in html.split("</head>")[1]


def test_the_map_works_without_javascript_through_text_and_a_link(page):
    html = page("/en/plek/buurtkamer-nieuw-buinen/")
    assert 'id="map" class="map" hidden role="region"' in html
    assert 'aria-label="Map with the location of Buurtkamer Nieuw-Buinen"' in html
    assert "The map needs JavaScript." in html
    assert "https://www.openstreetmap.org/?mlat=52.962700&amp;mlon=6.939600" in html
    assert "guide/vendor/leaflet/leaflet.js" in html


def test_the_place_page_needs_few_queries(
    client, nieuw_buinen, monday_morning, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        client.get("/plek/buurtkamer-nieuw-buinen/")
