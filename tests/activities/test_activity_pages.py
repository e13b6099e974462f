"""The activities list and an activity's page: what there is to do, where and when, and whether
there is still a seat. Texts are checked on the English pages (/en/): the Dutch words come with
the translation catalogue."""

from datetime import date, time

import pytest

from naober.activities.constants import ActivityTheme
from naober.activities.models import Activity
from naober.activities.sessions import cancel_session, plan_sessions
from naober.activities.signup import Person, sign_up

LIST = "/en/activiteiten/"


@pytest.fixture
def coffee(frozen_now, nieuw_buinen, andes) -> Activity:
    """Coffee morning at the buurtkamer in Nieuw-Buinen, 40 km from Wolfsbos, run by Andes."""
    activity = Activity.objects.create(
        place=nieuw_buinen,
        organisation=andes,
        title="Koffieochtend",
        theme=ActivityTheme.MEETING,
        weekdays=[1],
        valid_from=date(2026, 1, 1),
        start_time=time(10),
        duration=60,
        capacity=None,
        signup_required=False,
    )
    plan_sessions(activity)
    return activity


def get(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    return response.content.decode()


def fill(session, seats: int) -> None:
    for number in range(seats):
        sign_up(session, Person(name=f"Buur {number}", phone=f"06 1234 56{number:02d}"))


def test_the_list_shows_each_coming_session_with_date_time_place_and_seats_left(
    client, lunch, workshop
):
    html = get(client, LIST)
    assert "Samen eten" in html and "Muziekworkshop" in html
    assert "Thursday 26 November" in html
    assert "12:00–13:30" in html and "14:00–15:30" in html
    assert "Huis van de Buurt Wolfsbos" in html
    assert "10 seats left" in html and "8 seats left" in html


def test_a_full_session_says_full_waiting_list_and_a_nearly_full_one_the_seats_left(
    client, next_lunch, workshop
):
    fill(next_lunch, 10)
    fill(workshop.sessions.order_by("start").first(), 7)
    html = get(client, LIST + "?when=week")
    assert "full — waiting list" in html
    assert "1 seat left" in html


def test_a_walk_in_activity_says_walk_in(client, sports):
    html = get(client, LIST)
    assert "Sportochtend" in html
    assert "Walk in" in html
    assert "seats left" not in html


def test_a_cancelled_session_is_shown_with_its_reason(client, next_lunch):
    cancel_session(next_lunch, "The kitchen is being renovated")
    html = get(client, LIST)
    assert "Cancelled</span> The kitchen is being renovated" in html


def test_near_a_postcode_shows_the_activities_nearby_with_their_distance(client, lunch, coffee):
    html = get(client, LIST + "?q=7908")
    assert "Samen eten" in html
    # Nieuw-Buinen is 40 km away from Hoogeveen: not "near".
    assert "Koffieochtend" not in html
    assert " away" in html

    html = get(client, LIST + "?q=Nieuw-Buinen")
    assert "Koffieochtend" in html and "Samen eten" not in html


def test_at_one_place_this_week_and_by_theme(client, lunch, sports, workshop, coffee):
    html = get(client, LIST + "?place=buurtkamer-nieuw-buinen")
    assert "Koffieochtend" in html and "Samen eten" not in html

    html = get(client, LIST + "?theme=music")
    assert "Muziekworkshop" in html and "Sportochtend" not in html and "Koffieochtend" not in html

    html = get(client, LIST + "?when=week&place=huis-van-de-buurt-wolfsbos")
    # This week: Thursday 26 November; the next Thursday, 3 December, is further than 7 days.
    assert "Thursday 26 November" in html
    assert "Thursday 3 December" not in html
    assert "3 sessions coming up" in html


@pytest.mark.parametrize(
    "query, message",
    [
        ("theme=dancing", "Choose a theme from the list."),
        ("place=nowhere", "Choose a place from the list."),
        ("when=month", "Choose “all coming sessions” or “the coming 7 days”."),
        ("q=95", "is not a postcode"),
        ("q=" + "x" * 101, "Your search is too long"),
    ],
)
def test_a_filter_that_cannot_be_used_gets_a_message_not_an_error_page(
    client, lunch, query, message
):
    html = get(client, f"{LIST}?{query}", status=400)
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "Samen eten" not in html


def test_a_long_list_comes_in_pages_that_keep_the_filters(client, lunch, sports, workshop):
    html = get(client, LIST + "?place=huis-van-de-buurt-wolfsbos")
    assert "Page 1 of 2" in html
    assert "?place=huis-van-de-buurt-wolfsbos&amp;page=2" in html
    html = get(client, LIST + "?place=huis-van-de-buurt-wolfsbos&page=2")
    assert "Page 2 of 2" in html
    # An impossible page number shows the last page, not an error.
    assert "Page 2 of 2" in get(client, LIST + "?place=huis-van-de-buurt-wolfsbos&page=99")


def test_an_activity_not_shown_to_residents_is_nowhere_in_the_list(client, lunch, workshop):
    workshop.is_public = False
    workshop.save()
    html = get(client, LIST)
    assert "Samen eten" in html and "Muziekworkshop" not in html


def test_the_activity_page_says_what_where_who_cost_and_how_often(client, workshop):
    html = get(client, f"/en/activiteit/{workshop.pk}/")
    assert "<h1>Muziekworkshop</h1>" in html
    assert "Samen zingen en muziek maken." in html
    assert "Every Thursday" in html and "14:00–15:30" in html
    assert 'href="/en/plek/huis-van-de-buurt-wolfsbos/"' in html
    assert "Volunteers" in html
    assert "€ 2.50" in html


def test_the_activity_page_lists_the_coming_sessions_each_with_a_sign_up_link(
    client, lunch, next_lunch
):
    fill(next_lunch, 10)
    html = get(client, f"/en/activiteit/{lunch.pk}/")
    assert "The last Thursday of the month" in html
    assert "Free" in html
    assert "Rolstoeltoegankelijk. Geef uw dieet door." in html
    assert "full — waiting list" in html
    assert f'href="/en/sessie/{next_lunch.pk}/aanmelden/"' in html
    assert "Join the waiting list" in html
    later = lunch.sessions.order_by("start")[1]
    assert f'href="/en/sessie/{later.pk}/aanmelden/"' in html
    assert "10 seats left" in html


def test_the_activity_page_names_the_organisation_that_runs_it(client, coffee):
    html = get(client, f"/en/activiteit/{coffee.pk}/")
    assert "Andes" in html
    assert "No need to sign up: just walk in." in html
    assert "/aanmelden/" not in html


def test_an_activity_not_shown_to_residents_has_no_page(client, lunch, nieuw_buinen):
    lunch.is_public = False
    lunch.save()
    get(client, f"/en/activiteit/{lunch.pk}/", status=404)
    get(client, "/en/activiteit/99999/", status=404)


def test_the_menu_links_to_the_activities(client, lunch):
    html = get(client, "/en/")
    assert 'href="/en/activiteiten/"' in html
