"""Signing up on a session's page, without an account: a seat or the waiting list, a clear message
for what cannot be, what was typed kept, and never personal data in an address."""

import pytest
from django.test import override_settings

from naober.activities.constants import SignUpStatus
from naober.activities.links import signup_from_token
from naober.activities.models import SignUp
from naober.activities.sessions import cancel_session
from naober.activities.signup import Person, sign_up


def page(session) -> str:
    return f"/en/sessie/{session.pk}/aanmelden/"


def form(**changes) -> dict:
    data = {"name": "Mevrouw Jansen", "phone": "06 12345678", "email": "", "people": "1"}
    data["note"] = "Geen vlees"
    return data | changes


def token_of(response) -> str:
    assert response.status_code == 303
    location = response["Location"]
    assert location.startswith("/en/aanmelding/")
    return location.removeprefix("/en/aanmelding/").rstrip("/")


def test_the_page_shows_the_session_and_a_form_with_a_label_for_every_field(client, next_lunch):
    response = client.get(page(next_lunch))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sign up: Samen eten" in html
    assert "Thursday 26 November" in html and "12:00–13:30" in html
    assert "10 seats left" in html
    for field, label in [
        ("name", "Your name"),
        ("phone", "Phone number"),
        ("email", "E-mail address"),
        ("people", "How many people, including you?"),
        ("note", "Anything we should know?"),
    ]:
        assert f'<label for="id_{field}">{label}</label>' in html
    # The next lunch has lunches after it: one sign-up can be for all of them.
    assert "This one and every one after it" in html


def test_signing_up_takes_a_seat_and_goes_to_the_sign_ups_own_page(client, next_lunch):
    response = client.post(page(next_lunch), form())

    token = token_of(response)
    # The address carries a signed key, nothing the resident typed.
    assert "Jansen" not in response["Location"] and "612345678" not in response["Location"]
    made = signup_from_token(token)
    assert made.session == next_lunch
    assert made.status == SignUpStatus.CONFIRMED
    assert (made.name, made.phone, made.note, made.language) == (
        "Mevrouw Jansen",
        "+31612345678",
        "Geen vlees",
        "en",
    )
    html = client.get(response["Location"]).content.decode()
    assert "You are signed up" in html


def test_a_full_session_says_so_beforehand_and_signing_up_joins_the_waiting_list(
    client, next_lunch
):
    sign_up(next_lunch, Person(name="Grote familie", phone="06 11111111", people=6))
    sign_up(next_lunch, Person(name="Buren", phone="06 22222222", people=4))

    html = client.get(page(next_lunch)).content.decode()
    assert "This session is full." in html
    assert "you join the waiting list" in html
    assert "Join the waiting list</button>" in html

    response = client.post(page(next_lunch), form())
    made = signup_from_token(token_of(response))
    assert made.status == SignUpStatus.WAITLISTED
    html = client.get(response["Location"]).content.decode()
    assert "You are on the waiting list, number 1" in html


def test_a_series_sign_up_takes_a_seat_in_every_coming_session(client, lunch, next_lunch):
    response = client.post(page(next_lunch), form(which="series"))

    made = signup_from_token(token_of(response))
    assert made.session == next_lunch
    rows = SignUp.objects.filter(series=made.series)
    assert rows.count() == lunch.sessions.filter(cancel_reason="").count() > 1
    assert set(rows.values_list("status", flat=True)) == {SignUpStatus.CONFIRMED}


def test_a_series_from_a_later_session_leaves_the_earlier_ones_alone(client, lunch, next_lunch):
    later = lunch.sessions.order_by("start")[1]
    assert "Which sessions?" in client.get(page(later)).content.decode()

    response = client.post(page(later), form(which="series"))

    made = signup_from_token(token_of(response))
    assert made.session == later
    taken = SignUp.objects.filter(series=made.series).values_list("session__start", flat=True)
    assert min(taken) == later.start
    assert not next_lunch.signups.exists()


def test_the_last_session_offers_no_series(client, lunch):
    last = lunch.sessions.order_by("start").last()
    assert "Which sessions?" not in client.get(page(last)).content.decode()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"phone": "06 1234"}, "phone", "This is not a phone number we can reach."),
        ({"phone": "", "email": ""}, "phone", "Write a phone number or an e-mail address"),
        ({"email": "jansen@"}, "email", "This is not an e-mail address."),
        ({"people": "0"}, "people", "Ensure this value is greater than or equal to 1."),
        ({"people": "500"}, "people", "Sign up for 1 to 6 people."),
        ({"people": "veel"}, "people", "Enter a whole number."),
        ({"name": "   "}, "name", "This field is required."),
    ],
)
def test_what_cannot_be_signed_up_gets_a_message_on_its_field_and_nothing_is_written(
    client, next_lunch, changes, field, message
):
    response = client.post(page(next_lunch), form(**changes))

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'id="id_{field}_error"' in html
    assert 'aria-invalid="true"' in html
    # The summary links to the field, and what was typed is still there.
    assert f'href="#id_{field}"' in html
    assert 'value="Geen vlees"' in html
    assert not SignUp.objects.exists()


def test_the_same_person_twice_is_told_they_are_already_signed_up(client, next_lunch):
    client.post(page(next_lunch), form())
    response = client.post(page(next_lunch), form(phone="+31 6 12345678", name="M. Jansen"))

    assert response.status_code == 400
    assert "You are already signed up for this session" in response.content.decode()
    assert 'value="M. Jansen"' in response.content.decode()
    assert SignUp.objects.count() == 1


def test_a_bigger_group_than_the_session_has_seats_is_sent_to_call_the_place(
    client, workshop, settings
):
    settings.NAOBER_SIGNUP_MAX_PEOPLE = 20
    session = workshop.sessions.order_by("start").first()
    response = client.post(page(session), form(people="9"))
    assert response.status_code == 400
    assert "This session has 8 seats in all." in response.content.decode()
    assert not SignUp.objects.exists()


def test_a_cancelled_session_says_why_and_shows_no_form(client, next_lunch):
    cancel_session(next_lunch, "The kitchen is being renovated")

    html = client.get(page(next_lunch)).content.decode()
    assert "This session does not go ahead: The kitchen is being renovated" in html
    assert "<form" not in html.split("<main")[1]

    response = client.post(page(next_lunch), form())
    assert response.status_code == 400
    assert not SignUp.objects.exists()


def test_a_walk_in_session_says_just_walk_in_and_shows_no_form(client, sports):
    session = sports.sessions.order_by("start").first()
    html = client.get(page(session)).content.decode()
    assert "No need to sign up for this activity: just walk in." in html
    assert 'name="name"' not in html


def test_a_session_that_has_started_says_so_and_shows_no_form(client, next_lunch, time_machine):
    time_machine.move_to(next_lunch.start.replace(minute=15))

    html = client.get(page(next_lunch)).content.decode()
    assert "This session has already started." in html
    assert 'name="name"' not in html
    assert client.post(page(next_lunch), form()).status_code == 400
    assert not SignUp.objects.exists()


def test_a_session_of_an_activity_not_shown_to_residents_has_no_page(client, lunch, next_lunch):
    lunch.is_public = False
    lunch.save()
    assert client.get(page(next_lunch)).status_code == 404
    assert client.post(page(next_lunch), form()).status_code == 404
    assert client.get("/en/sessie/99999/aanmelden/").status_code == 404


@override_settings(NAOBER_SIGNUP_RATE="2/h")
def test_too_many_sign_ups_from_one_connection_are_refused_for_a_while(client, lunch):
    first, second, third = lunch.sessions.order_by("start")[:3]
    assert client.post(page(first), form()).status_code == 303
    assert client.post(page(second), form()).status_code == 303

    response = client.post(page(third), form())

    assert response.status_code == 429
    assert "Too many sign-ups from this connection." in response.content.decode()
    assert SignUp.objects.count() == 2
    # Looking is not limited.
    assert client.get(page(third)).status_code == 200


def test_a_missing_name_and_an_impossible_number_are_shown_together(client, next_lunch):
    response = client.post(page(next_lunch), form(name="", phone="06 1234"))

    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html
    assert "This is not a phone number we can reach" in html
    assert 'value="06 1234"' in html
    assert not next_lunch.signups.exists()
