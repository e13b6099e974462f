"""A sign-up's own page, reached by the signed link the resident keeps: what they signed up for,
their place in line, and the buttons to confirm an offered seat or to cancel. Only a POST changes
anything; a forged or expired link gets a clear page."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from naober.activities.constants import SignUpStatus
from naober.activities.links import make_token
from naober.activities.signup import Person, cancel, sign_up, sign_up_series


def url(signup, action: str = "") -> str:
    with translation.override("en"):
        path = reverse("activities:signup", args=[make_token(signup)])
    return path + (f"{action}/" if action else "")


def neighbour(number: int, people: int = 1) -> Person:
    return Person(name=f"Buur {number}", phone=f"06 1234 56{number:02d}", people=people)


@pytest.fixture
def full_lunch(next_lunch):
    """The next lunch with its 10 seats taken by two sign-ups of 5."""
    return [sign_up(next_lunch, neighbour(number, people=5)) for number in (1, 2)]


def test_the_page_says_you_are_signed_up_for_what_where_and_when(client, next_lunch, resident):
    signup = sign_up(next_lunch, resident)

    response = client.get(url(signup))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>You are signed up</h1>" in html
    assert "Samen eten" in html and "Thursday 26 November" in html and "12:00–13:30" in html
    assert "Huis van de Buurt Wolfsbos" in html
    assert "Mevrouw Jansen" in html and "06 12345678" in html and "Geen vlees" in html
    assert "Cancel my sign-up</button>" in html


def test_the_page_with_personal_data_is_kept_by_no_browser_or_proxy(client, next_lunch, resident):
    response = client.get(url(sign_up(next_lunch, resident)))
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_someone_on_the_waiting_list_sees_their_number(client, full_lunch, next_lunch):
    sign_up(next_lunch, neighbour(3))
    fourth = sign_up(next_lunch, neighbour(4))

    html = client.get(url(fourth)).content.decode()

    assert "You are on the waiting list, number 2" in html
    assert "Confirm my seat" not in html


def test_cancelling_frees_the_seat_for_the_first_in_line_who_confirms_it(
    client, full_lunch, next_lunch
):
    waiting = sign_up(next_lunch, neighbour(3, people=2))

    response = client.post(url(full_lunch[0], "afmelden"))

    assert response.status_code == 303
    assert response["Location"] == url(full_lunch[0])
    assert "Your sign-up is cancelled" in client.get(response["Location"]).content.decode()
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.OFFERED

    html = client.get(url(waiting)).content.decode()
    assert "A seat is waiting for you" in html
    assert "Confirm before" in html
    response = client.post(url(waiting, "bevestigen"))
    assert response.status_code == 303
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.CONFIRMED
    assert "You are signed up" in client.get(response["Location"]).content.decode()


def test_an_offer_past_its_deadline_cannot_be_confirmed(
    client, full_lunch, next_lunch, time_machine
):
    waiting = sign_up(next_lunch, neighbour(3))
    cancel(full_lunch[0])
    time_machine.move_to(next_lunch.start - timedelta(minutes=1))

    response = client.post(url(waiting, "bevestigen"))

    assert response.status_code == 400
    assert "the time to confirm has passed" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.EXPIRED


def test_cancelling_twice_says_it_was_already_cancelled(client, next_lunch, resident):
    signup = sign_up(next_lunch, resident)
    client.post(url(signup, "afmelden"))

    response = client.post(url(signup, "afmelden"))

    assert response.status_code == 400
    assert "This sign-up was already cancelled." in response.content.decode()


def test_a_series_page_lists_every_session_and_cancels_the_rest_of_the_series(
    client, lunch, resident
):
    rows = sign_up_series(lunch, resident)
    assert len(rows) > 2
    first = rows[0]

    html = client.get(url(first)).content.decode()
    assert "All sessions you signed up for" in html
    assert html.count("Seat confirmed") == len(rows)
    assert "Cancel this and all later sessions</button>" in html

    response = client.post(url(rows[1], "afmelden"), {"which": "series"})
    assert response.status_code == 303
    statuses = [row.status for row in type(first).objects.filter(series=first.series)]
    assert statuses.count(SignUpStatus.CANCELLED) == len(rows) - 1
    first.refresh_from_db()
    assert first.status == SignUpStatus.CONFIRMED


def test_opening_the_link_changes_nothing_only_the_buttons_do(client, next_lunch, resident):
    signup = sign_up(next_lunch, resident)
    assert client.get(url(signup, "afmelden")).status_code == 405
    assert client.get(url(signup, "bevestigen")).status_code == 405
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CONFIRMED


def test_a_forged_link_gets_a_clear_page(client, next_lunch, resident):
    signup = sign_up(next_lunch, resident)
    forged = url(signup).replace("/aanmelding/", "/aanmelding/x")

    for response in (client.get(forged), client.post(forged + "afmelden/")):
        assert response.status_code == 400
        assert "This link is not complete or not right." in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CONFIRMED


def test_an_expired_link_gets_a_clear_page(client, next_lunch, resident, time_machine):
    signup = sign_up(next_lunch, resident)
    link = url(signup)
    time_machine.move_to(next_lunch.start + timedelta(days=181))

    response = client.get(link)

    assert response.status_code == 400
    assert "This link has expired." in response.content.decode()


def test_the_link_of_a_sign_up_that_is_gone_is_not_found(client, next_lunch, resident):
    signup = sign_up(next_lunch, resident)
    link = url(signup)
    next_lunch.delete()

    response = client.get(link)

    assert response.status_code == 404
    assert "We cannot find this sign-up any more." in response.content.decode()


@override_settings(NAOBER_SIGNUP_RATE="2/h")
def test_too_many_cancellations_from_one_connection_are_refused_for_a_while(
    client, next_lunch, resident
):
    signup = sign_up(next_lunch, resident)
    assert client.post(url(signup, "bevestigen")).status_code == 303
    assert client.post(url(signup, "bevestigen")).status_code == 303

    response = client.post(url(signup, "afmelden"))

    assert response.status_code == 429
    assert "Too many sign-ups from this connection." in response.content.decode()
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CONFIRMED
