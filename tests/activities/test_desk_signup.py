"""At the desk the host signs someone up (a phone number is not needed there), cancels a sign-up
for them, or confirms a seat offered to them, say after a phone call. The rules are the same as
on the residents' pages; every change is in the audit trail, without the name."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.activities.constants import Channel, SignUpStatus
from naober.activities.models import SignUp
from naober.activities.signup import Person, sign_up
from tests.staff import login

IMPOSSIBLE_PHONE = "This is not a phone number we can reach. Write it like 06 12345678."


def english(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def host(client, host_wolfsbos):
    return login(client, host_wolfsbos)


def test_the_host_signs_up_someone_without_phone_or_email(host, host_wolfsbos, next_lunch):
    response = host.post(
        english("activity_desk:sign_up", next_lunch.pk),
        {"name": "Meneer Hoekstra", "phone": "", "email": "", "people": "1", "note": "Zoutloos"},
    )

    signup = SignUp.objects.get(session=next_lunch)
    assert (signup.name, signup.phone, signup.email, signup.note) == (
        "Meneer Hoekstra",
        "",
        "",
        "Zoutloos",
    )
    assert (signup.status, signup.channel, signup.created_by) == (
        SignUpStatus.CONFIRMED,
        Channel.DESK,
        host_wolfsbos,
    )
    list_url = english("activity_desk:attendance", next_lunch.pk)
    assert response.status_code == 303
    assert response["Location"] == f"{list_url}#signup-{signup.pk}"
    page = text(host.get(list_url))
    assert "Signed up: a seat for 1 person." in page
    assert "Meneer Hoekstra" in page.split("With a seat")[1]


def test_an_impossible_phone_number_is_shown_at_the_field_with_everything_typed_kept(
    host, next_lunch
):
    response = host.post(
        english("activity_desk:sign_up", next_lunch.pk),
        {"name": "Meneer Hoekstra", "phone": "06 1234", "people": "2", "note": "Zoutloos"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert (
        f'<p class="error" id="id_phone_error"><strong>Error:</strong> {IMPOSSIBLE_PHONE}' in html
    )
    phone_input = re.search(r"<input[^>]*name=\"phone\"[^>]*>", html).group(0)
    assert 'value="06 1234"' in phone_input
    assert 'aria-invalid="true"' in phone_input and "id_phone_error" in phone_input
    assert 'value="Meneer Hoekstra"' in html and 'value="Zoutloos"' in html
    assert '<a href="#id_phone">' in html
    assert not SignUp.objects.exists()


def test_a_missing_name_and_a_wrong_number_are_shown_together(host, next_lunch):
    response = host.post(
        english("activity_desk:sign_up", next_lunch.pk),
        {"name": "", "phone": "06 1234", "people": "1"},
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_name_error"' in html and 'id="id_phone_error"' in html
    assert not SignUp.objects.exists()


def test_the_sign_up_page_asks_for_a_name_and_says_phone_is_not_needed(host, next_lunch):
    page = text(host.get(english("activity_desk:sign_up", next_lunch.pk)))

    assert "Sign someone up Samen eten" in page
    assert "10 seats left." in page
    assert "Not needed at the desk." in page


def test_when_the_lunch_is_full_the_host_reads_they_are_on_the_waiting_list(
    host, next_lunch, resident
):
    next_lunch.capacity = 1
    next_lunch.save()
    sign_up(next_lunch, resident)

    response = host.post(
        english("activity_desk:sign_up", next_lunch.pk),
        {"name": "Meneer Hoekstra", "people": "1"},
        follow=True,
    )

    assert "the session is full, so they are on the waiting list" in text(response)
    assert SignUp.objects.get(name="Meneer Hoekstra").status == SignUpStatus.WAITLISTED


def test_the_series_option_signs_up_for_every_coming_lunch(host, lunch, next_lunch):
    response = host.post(
        english("activity_desk:sign_up", next_lunch.pk),
        {"name": "Meneer Hoekstra", "people": "1", "which": "series"},
        follow=True,
    )

    coming = lunch.sessions.filter(cancel_reason="").count()
    made = SignUp.objects.filter(name="Meneer Hoekstra")
    assert made.count() == coming > 1
    assert len({signup.series for signup in made}) == 1
    assert f"Signed up for {coming} sessions: a seat in {coming}, the waiting list in 0." in text(
        response
    )


def test_the_same_person_twice_is_refused_above_the_form(host, next_lunch, resident):
    sign_up(next_lunch, resident)

    response = host.post(
        english("activity_desk:sign_up", next_lunch.pk),
        {"name": "Mevrouw Jansen", "phone": "06-12345678", "people": "1"},
    )

    assert response.status_code == 400
    assert "You are already signed up for this session (26-11-2026 12:00)." in text(response)
    assert SignUp.objects.count() == 1


def test_a_walk_in_activity_needs_no_sign_up_and_says_so(host, sports):
    morning = sports.sessions.order_by("start").first()

    response = host.post(
        english("activity_desk:sign_up", morning.pk), {"name": "Meneer Hoekstra", "people": "1"}
    )

    assert response.status_code == 400
    assert "No need to sign up for this activity: just walk in." in text(response)
    assert not SignUp.objects.exists()


def test_another_places_host_cannot_sign_anyone_up_here(client, host_nieuw_buinen, next_lunch):
    login(client, host_nieuw_buinen)

    assert client.get(english("activity_desk:sign_up", next_lunch.pk)).status_code == 404
    response = client.post(
        english("activity_desk:sign_up", next_lunch.pk), {"name": "Iemand", "people": "1"}
    )
    assert response.status_code == 404
    assert not SignUp.objects.exists()


def test_the_host_cancels_for_a_resident_and_the_first_in_line_is_offered_the_seat(
    host, next_lunch, resident
):
    next_lunch.capacity = 1
    next_lunch.save()
    jansen = sign_up(next_lunch, resident)
    waiting = sign_up(next_lunch, Person(name="Bep de Vries", phone="06 11112222"))

    response = host.post(english("activity_desk:cancel", jansen.pk), follow=True)

    jansen.refresh_from_db()
    waiting.refresh_from_db()
    assert jansen.status == SignUpStatus.CANCELLED
    assert waiting.status == SignUpStatus.OFFERED
    page = text(response)
    assert (
        "The sign-up is cancelled. The free seat is offered to 1 person on the waiting list."
        in page
    )
    assert "Mevrouw Jansen" not in page
    assert "Bep de Vries Seat offered, until" in page


def test_the_host_confirms_an_offered_seat_after_a_phone_call(host, next_lunch, resident):
    next_lunch.capacity = 1
    next_lunch.save()
    jansen = sign_up(next_lunch, resident)
    waiting = sign_up(next_lunch, Person(name="Bep de Vries", phone="06 11112222"))
    host.post(english("activity_desk:cancel", jansen.pk))

    response = host.post(english("activity_desk:confirm", waiting.pk))

    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.CONFIRMED
    assert response.status_code == 303
    assert response["Location"].endswith(f"#signup-{waiting.pk}")


def test_confirming_a_seat_that_was_not_offered_says_so_and_changes_nothing(
    host, next_lunch, resident
):
    next_lunch.capacity = 1
    next_lunch.save()
    sign_up(next_lunch, resident)
    waiting = sign_up(next_lunch, Person(name="Bep de Vries", phone="06 11112222"))

    response = host.post(english("activity_desk:confirm", waiting.pk), follow=True)

    assert "There is no seat waiting for you to confirm on this sign-up." in text(response)
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.WAITLISTED


def test_another_places_host_cannot_cancel_here(client, host_nieuw_buinen, next_lunch, resident):
    jansen = sign_up(next_lunch, resident)
    login(client, host_nieuw_buinen)

    assert client.post(english("activity_desk:cancel", jansen.pk)).status_code == 404
    assert client.post(english("activity_desk:confirm", jansen.pk)).status_code == 404
    jansen.refresh_from_db()
    assert jansen.status == SignUpStatus.CONFIRMED


def test_each_change_at_the_desk_is_in_the_audit_trail_without_the_name(host, next_lunch):
    host.post(
        english("activity_desk:sign_up", next_lunch.pk),
        {"name": "Meneer Hoekstra", "phone": "06 55556666", "people": "1"},
    )
    signup = SignUp.objects.get()
    host.post(english("activity_desk:cancel", signup.pk))

    lines = AuditEvent.objects.filter(action=AuditAction.SIGNUP_CHANGED).order_by("id")
    assert [(line.actor, line.object_id, line.detail["change"]) for line in lines] == [
        ("host-wolfsbos", str(signup.pk), "signed_up"),
        ("host-wolfsbos", str(signup.pk), "cancelled"),
    ]
    written = json.dumps([line.detail for line in lines])
    assert "Hoekstra" not in written and "55556666" not in written


def test_a_series_from_a_later_lunch_leaves_the_earlier_one_alone(host, lunch, next_lunch):
    second = lunch.sessions.order_by("start")[1]

    host.post(
        english("activity_desk:sign_up", second.pk),
        {"name": "Meneer Hoekstra", "people": "1", "which": "series"},
    )

    made = SignUp.objects.filter(name="Meneer Hoekstra")
    assert made.count() == lunch.sessions.filter(cancel_reason="").count() - 1
    assert not made.filter(session=next_lunch).exists()


def test_an_offer_past_its_deadline_cannot_be_confirmed_and_goes_to_the_next_in_line(
    client, host_wolfsbos, next_lunch, resident
):
    next_lunch.capacity = 1
    next_lunch.save()
    jansen = sign_up(next_lunch, resident)
    first = sign_up(next_lunch, Person(name="Bep de Vries", phone="06 11112222"))
    second = sign_up(next_lunch, Person(name="Anton Bakker", phone="06 33334444"))
    login(client, host_wolfsbos)
    client.post(english("activity_desk:cancel", jansen.pk))
    first.refresh_from_db()

    with time_machine.travel(first.offered_until + timedelta(minutes=1), tick=False):
        login(client, host_wolfsbos)
        response = client.post(english("activity_desk:confirm", first.pk), follow=True)

    assert "Sorry, the time to confirm has passed: the seat went to the next in line." in text(
        response
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (SignUpStatus.EXPIRED, SignUpStatus.OFFERED)
