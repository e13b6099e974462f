"""Signing up, cancelling and confirming through the API, without an account: the rules of
naober.activities.signup, answered in JSON. Bad input gets 400 with a sentence and nothing
written; too many tries from one address get 429.

The lunch at Wolfsbos on Thursday 26 November 2026 has 10 seats; it is Monday 23 November."""

import json
from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client, override_settings
from django.utils import translation
from django.utils.translation import gettext

from naober.activities.constants import Channel, SignUpStatus
from naober.activities.links import make_token
from naober.activities.models import Activity, SignUp
from naober.activities.signup import Person, sign_up
from naober.schedules.recurrence import AMSTERDAM
from tests.activities import conftest as activity_fixtures
from tests.staff import login

frozen_now = activity_fixtures.frozen_now
lunch = activity_fixtures.lunch
next_lunch = activity_fixtures.next_lunch
sports = activity_fixtures.sports
workshop = activity_fixtures.workshop

CANCEL = "/api/v1/signups/cancel"
CONFIRM = "/api/v1/signups/confirm"
MRS_JANSEN = {"name": "Mevrouw Jansen", "phone": "06 12345678", "note": "Geen vlees"}


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def signups_path(session) -> str:
    return f"/api/v1/sessions/{session.pk}/signups"


def post(client, path, body, *, language="en", status=None):
    headers = {"accept-language": language} if language else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    response = client.post(path, data, content_type="application/json", headers=headers)
    if status is not None:
        assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response


def fill(session, seats: int) -> None:
    for n in range(seats):
        sign_up(session, Person(name=f"Bewoner {n}", phone=f"06 123450{n:02d}"))


def test_a_resident_signs_up_with_a_phone_number_and_gets_a_seat(client, next_lunch):
    answer = post(client, signups_path(next_lunch), MRS_JANSEN, status=201).json()
    signup = SignUp.objects.get()
    assert answer == {
        "status": "confirmed",
        "position": None,
        "cancel_token": make_token(signup),
        "session": next_lunch.pk,
        "series": None,
    }
    assert (signup.name, signup.phone, signup.people, signup.note) == (
        "Mevrouw Jansen",
        "+31612345678",
        1,
        "Geen vlees",
    )
    assert (signup.channel, signup.language, signup.created_by) == (Channel.API, "en", None)


def test_the_language_of_the_sign_up_is_dutch_without_accept_language(client, next_lunch):
    body = {"name": "Ahmed", "email": "Ahmed@Example.nl", "people": 2}
    post(client, signups_path(next_lunch), body, language=None, status=201)
    signup = SignUp.objects.get()
    assert (signup.language, signup.email, signup.phone, signup.people) == (
        "nl",
        "ahmed@example.nl",
        "",
        2,
    )


def test_a_full_session_puts_the_resident_on_the_waiting_list_with_their_place(client, next_lunch):
    fill(next_lunch, 10)
    first = post(client, signups_path(next_lunch), MRS_JANSEN, status=201).json()
    second = post(
        client, signups_path(next_lunch), {"name": "Ahmed", "email": "ahmed@example.nl"}
    ).json()
    assert (first["status"], first["position"]) == ("waitlisted", 1)
    assert (second["status"], second["position"]) == ("waitlisted", 2)
    assert SignUp.objects.filter(status=SignUpStatus.WAITLISTED).count() == 2


def test_a_series_sign_up_takes_a_seat_where_there_is_one_and_waits_where_it_is_full(
    client, workshop
):
    sessions = list(workshop.sessions.order_by("start"))
    fill(sessions[1], 8)
    answer = post(
        client, signups_path(sessions[0]), {**MRS_JANSEN, "series": True}, status=201
    ).json()
    assert (answer["status"], answer["position"], answer["session"]) == (
        "confirmed",
        None,
        sessions[0].pk,
    )
    assert answer["series"] == [
        {"session": sessions[0].pk, "start": "2026-11-26T14:00:00+01:00", "status": "confirmed", "position": None},
        {"session": sessions[1].pk, "start": "2026-12-03T14:00:00+01:00", "status": "waitlisted", "position": 1},
        {"session": sessions[2].pk, "start": "2026-12-10T14:00:00+01:00", "status": "confirmed", "position": None},
        {"session": sessions[3].pk, "start": "2026-12-17T14:00:00+01:00", "status": "confirmed", "position": None},
    ]  # fmt: skip
    assert SignUp.objects.filter(phone="+31612345678").values("series").distinct().count() == 1


def test_anonymous_clients_are_not_asked_for_a_csrf_token(next_lunch):
    browserless = Client(enforce_csrf_checks=True)
    post(browserless, signups_path(next_lunch), MRS_JANSEN, status=201)
    token = make_token(SignUp.objects.get())
    post(browserless, CANCEL, {"token": token}, status=200)


def test_a_logged_in_host_can_use_the_public_sign_up_too(host_wolfsbos, next_lunch):
    staff = login(Client(enforce_csrf_checks=True), host_wolfsbos)
    post(staff, signups_path(next_lunch), MRS_JANSEN, status=201)
    # Signed up as a resident would be: not on the host's name.
    assert SignUp.objects.get().created_by is None


@pytest.mark.parametrize(
    "body, field, code, words",
    [
        ({**MRS_JANSEN, "people": 0}, "people", "people", "Sign up for 1 to 6 people."),
        ({**MRS_JANSEN, "people": 500}, "people", "people", "Sign up for 1 to 6 people."),
        ({**MRS_JANSEN, "people": -1}, "people", "people", "Sign up for 1 to 6 people."),
        ({**MRS_JANSEN, "phone": "06 1234"}, "phone", "phone", "not a phone number we can reach"),
        ({**MRS_JANSEN, "phone": "call me"}, "phone", "phone", "not a phone number"),
        ({**MRS_JANSEN, "email": "ahmed@"}, "email", "email", "This is not an e-mail address."),
        ({"name": "Mevrouw Jansen"}, "phone", "contact", "Write a phone number or an e-mail"),
        ({**MRS_JANSEN, "name": "   "}, "name", "invalid", "Write your name"),
        ({**MRS_JANSEN, "name": "x" * 101}, "name", "invalid", "at most 100 letters"),
        ({**MRS_JANSEN, "note": "x" * 201}, "note", "invalid", "at most 200 letters"),
        ({**MRS_JANSEN, "name": "Jan\x00"}, "name", "invalid", "not allowed"),
        ({**MRS_JANSEN, "note": "\x1b[31m"}, "note", "invalid", "not allowed"),
    ],
)
def test_a_sign_up_that_cannot_be_made_gets_400_naming_the_field_and_nothing_is_written(
    client, next_lunch, body, field, code, words
):
    answer = post(client, signups_path(next_lunch), body, status=400).json()
    assert set(answer) == {"detail", "field", "code"}
    assert words in answer["detail"]
    assert (answer["field"], answer["code"]) == (field, code)
    assert not SignUp.objects.exists()


def test_the_same_person_twice_is_refused(client, next_lunch):
    post(client, signups_path(next_lunch), MRS_JANSEN, status=201)
    # The same number written another way is the same person.
    again = post(client, signups_path(next_lunch), {**MRS_JANSEN, "phone": "+31 6 1234 5678"})
    assert again.status_code == 400
    assert again.json() == {
        "detail": "You are already signed up for this session (26-11-2026 12:00).",
        "field": None,
        "code": "duplicate",
    }
    assert SignUp.objects.count() == 1


def test_signing_up_after_the_start_is_refused(client, next_lunch):
    with time_machine.travel(datetime(2026, 11, 26, 12, 5, tzinfo=AMSTERDAM)):
        answer = post(client, signups_path(next_lunch), MRS_JANSEN, status=400).json()
    assert answer["code"] == "started"
    assert "has already started" in answer["detail"]
    assert not SignUp.objects.exists()


def test_a_walk_in_activity_needs_no_sign_up(client, sports):
    answer = post(client, signups_path(sports.sessions.first()), MRS_JANSEN, status=400).json()
    assert answer["detail"] == "No need to sign up for this activity: just walk in."


def test_the_refusal_is_in_dutch_by_default(client, next_lunch):
    response = post(client, signups_path(next_lunch), {"name": ""}, language=None, status=400)
    assert response["Content-Language"] == "nl"
    assert response.json() == {
        "detail": in_language("nl", "Write your name, so the host knows who is coming."),
        "field": "name",
        "code": "invalid",
    }


@pytest.mark.parametrize(
    "body, words",
    [
        ("{not json", "not valid JSON"),
        ('{"name": "Jan", "phone": "0612345678", "people": "many"}', "people must be a whole number."),
        ('{"name": "Jan", "phone": "0612345678", "people": 1.5}', "people must be a whole number."),
        ('{"name": "Jan", "phone": "0612345678", "people": true}', "people must be a whole number."),
        ('{"name": "Jan", "phone": "0612345678", "people": "2"}', "people must be a whole number."),
        ('{"name": null, "phone": "0612345678"}', "name is not valid."),
        ('{"phone": "0612345678"}', "name is required."),
        ('{"name": ["Jan"], "phone": "0612345678"}', "name is not valid."),
        ('{"name": "Jan", "phone": "0612345678", "series": "often"}', "series is not valid."),
        ("[1, 2]", "name is required."),
        ("", "required"),
    ],
)  # fmt: skip
def test_bad_json_and_wrong_types_get_400_with_a_sentence(client, next_lunch, body, words):
    answer = post(client, signups_path(next_lunch), body, status=400).json()
    assert words in answer["detail"]
    assert not SignUp.objects.exists()


def test_unknown_sessions_and_sessions_of_hidden_activities_are_not_found(client, lunch):
    Activity.objects.filter(pk=lunch.pk).update(is_public=False)
    for id in (lunch.sessions.first().pk, 987654, 0, int("9" * 30)):
        answer = post(client, f"/api/v1/sessions/{id}/signups", MRS_JANSEN, status=404).json()
        assert answer == {"detail": f"There is no session with id {id}."}
    assert not SignUp.objects.exists()


def test_a_get_is_answered_in_json_with_the_allowed_method(client, next_lunch):
    response = client.get(signups_path(next_lunch), headers={"accept-language": "en"})
    assert response.status_code == 405
    assert response.json() == {"detail": "This address only answers POST requests."}


@override_settings(NAOBER_SIGNUP_RATE="2/h")
def test_signing_up_is_rate_limited_per_address(client, lunch, workshop):
    sessions = list(workshop.sessions.order_by("start"))
    post(client, signups_path(sessions[0]), MRS_JANSEN, status=201)
    post(client, signups_path(sessions[1]), MRS_JANSEN, status=201)
    answer = post(client, signups_path(sessions[2]), MRS_JANSEN, status=429).json()
    assert answer == {"detail": "Too many requests from your address. Please try again later."}
    assert SignUp.objects.count() == 2
    # Cancelling counts against the same limit.
    post(client, CANCEL, {"token": make_token(SignUp.objects.first())}, status=429)
    # Another address may still sign up.
    other = Client(REMOTE_ADDR="192.0.2.7")
    post(other, signups_path(sessions[2]), MRS_JANSEN, status=201)


def test_a_resident_cancels_with_the_token_and_the_first_in_line_is_offered_the_seat(
    client, next_lunch
):
    fill(next_lunch, 9)
    token = post(client, signups_path(next_lunch), MRS_JANSEN, status=201).json()["cancel_token"]
    waiting = post(
        client, signups_path(next_lunch), {"name": "Ahmed", "email": "ahmed@example.nl"}
    ).json()
    assert waiting["status"] == "waitlisted"
    answer = post(client, CANCEL, {"token": token}, status=200).json()
    assert answer == {"status": "cancelled", "sessions": [next_lunch.pk]}
    assert SignUp.objects.get(phone="+31612345678").status == SignUpStatus.CANCELLED
    ahmed = SignUp.objects.get(email="ahmed@example.nl")
    assert ahmed.status == SignUpStatus.OFFERED
    # Ahmed takes the seat with his own token.
    confirmed = post(client, CONFIRM, {"token": waiting["cancel_token"]}, status=200).json()
    assert confirmed == {"status": "confirmed", "session": next_lunch.pk}
    ahmed.refresh_from_db()
    assert ahmed.status == SignUpStatus.CONFIRMED


def test_cancelling_twice_says_it_was_already_cancelled(client, next_lunch):
    token = post(client, signups_path(next_lunch), MRS_JANSEN, status=201).json()["cancel_token"]
    post(client, CANCEL, {"token": token}, status=200)
    answer = post(client, CANCEL, {"token": token}, status=400).json()
    assert answer == {
        "detail": "This sign-up was already cancelled.",
        "field": None,
        "code": "not_active",
    }


def test_a_series_is_cancelled_from_this_session_on(client, workshop):
    sessions = list(workshop.sessions.order_by("start"))
    answer = post(client, signups_path(sessions[0]), {**MRS_JANSEN, "series": True}).json()
    second = SignUp.objects.get(session=sessions[1])
    cancelled = post(client, CANCEL, {"token": make_token(second), "series": True}).json()
    assert cancelled == {"status": "cancelled", "sessions": [s.pk for s in sessions[1:]]}
    statuses = dict(SignUp.objects.values_list("session_id", "status"))
    assert statuses[sessions[0].pk] == SignUpStatus.CONFIRMED
    # The first one on its own.
    post(client, CANCEL, {"token": answer["cancel_token"]}, status=200)
    assert not SignUp.objects.active().exists()


def test_cancelling_after_the_start_is_refused(client, next_lunch):
    token = post(client, signups_path(next_lunch), MRS_JANSEN, status=201).json()["cancel_token"]
    with time_machine.travel(datetime(2026, 11, 26, 12, 5, tzinfo=AMSTERDAM)):
        answer = post(client, CANCEL, {"token": token}, status=400).json()
    assert answer["code"] == "started"
    assert SignUp.objects.get().status == SignUpStatus.CONFIRMED


@pytest.mark.parametrize("path", [CANCEL, CONFIRM])
def test_a_forged_or_damaged_token_changes_nothing(client, next_lunch, path):
    token = post(client, signups_path(next_lunch), MRS_JANSEN, status=201).json()["cancel_token"]
    message = "This link is not complete or not right. Copy the whole link from your message."
    for forged in (token[:-2] + "xx", token[:20], "nbr_" + "a" * 40, "", "\x00", "x" * 10_000):
        answer = post(client, path, {"token": forged}, status=400).json()
        assert answer == {"detail": message}
    assert SignUp.objects.get().status == SignUpStatus.CONFIRMED


def test_an_expired_token_says_so(client, next_lunch):
    token = post(client, signups_path(next_lunch), MRS_JANSEN, status=201).json()["cancel_token"]
    with time_machine.travel(datetime(2026, 11, 23, 10, tzinfo=AMSTERDAM) + timedelta(days=181)):
        answer = post(client, CANCEL, {"token": token}, status=400).json()
    assert answer == {
        "detail": "This link has expired. Call the place if you want to change your sign-up."
    }


def test_confirming_without_an_offered_seat_is_refused(client, next_lunch):
    token = post(client, signups_path(next_lunch), MRS_JANSEN, status=201).json()["cancel_token"]
    # A confirmed seat stays confirmed: confirming again is no error.
    assert post(client, CONFIRM, {"token": token}, status=200).json()["status"] == "confirmed"
    fill(next_lunch, 9)
    waiting = post(client, signups_path(next_lunch), {"name": "Ahmed", "email": "a@example.nl"})
    answer = post(client, CONFIRM, {"token": waiting.json()["cancel_token"]}, status=400).json()
    assert (answer["code"], answer["field"]) == ("not_offered", None)


def test_an_offer_confirmed_too_late_goes_to_the_next_in_line(client, next_lunch):
    fill(next_lunch, 10)
    late = post(client, signups_path(next_lunch), MRS_JANSEN).json()["cancel_token"]
    post(client, signups_path(next_lunch), {"name": "Ahmed", "email": "a@example.nl"})
    first = SignUp.objects.filter(status=SignUpStatus.CONFIRMED).first()
    post(client, CANCEL, {"token": make_token(first)}, status=200)
    with time_machine.travel(datetime(2026, 11, 24, 11, tzinfo=AMSTERDAM)):
        answer = post(client, CONFIRM, {"token": late}, status=400).json()
    assert answer["code"] == "offer_expired"
    assert SignUp.objects.get(email="a@example.nl").status == SignUpStatus.OFFERED


def test_a_missing_token_is_named(client, db):
    answer = post(client, CANCEL, {"series": True}, status=400).json()
    assert answer == {"detail": "token is required."}


def test_a_body_too_large_gets_413_not_a_server_error(client, next_lunch, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"name": "x" * 2000, "phone": "0612345678"})
    response = client.post(
        f"/api/v1/sessions/{next_lunch.pk}/signups",
        body,
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}
    assert not SignUp.objects.exists()
