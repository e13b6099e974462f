"""Many residents have no e-mail address: they hear about their sign-up by text message, through
the backend NAOBER_SMS_BACKEND names (locmem in these tests). A message is short: what, the
date and time, and the link to see or cancel it."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from naober import sms
from naober.activities.constants import SignUpStatus
from naober.activities.links import signup_from_token
from naober.activities.sessions import cancel_session
from naober.activities.signup import Person, sign_up, sign_up_series
from naober.sms.backends import BaseBackend
from tests.activities import background
from tests.activities.background import run_worker

# The locmem text-message outbox, emptied for each test that asks for it.
sms_outbox = background.sms_outbox

JANSEN_IN_ENGLISH = Person(name="Mrs Jansen", phone="06 12345678", language="en")


@pytest.fixture
def sign(django_capture_on_commit_callbacks):
    def sign(session, person):
        with django_capture_on_commit_callbacks(execute=True):
            return sign_up(session, person)

    return sign


def link_in(text: str) -> str:
    [link] = re.findall(r"https?://\S+", text)
    return link


def opens(link: str):
    return signup_from_token(link.rstrip("/").rsplit("/", 1)[1])


def test_a_seat_is_confirmed_by_text_message_with_the_date_time_place_and_link(
    sign, next_lunch, sms_outbox
):
    signup = sign(next_lunch, JANSEN_IN_ENGLISH)

    run_worker()

    [message] = sms_outbox
    assert message.to == "+31612345678"
    assert message.text.startswith(
        "Signed up: Samen eten, Thursday 26 November at 12:00, Huis van de Buurt Wolfsbos."
    )
    assert opens(link_in(message.text)) == signup
    assert mail.outbox == []


def test_the_waiting_list_text_gives_the_place_in_line(sign, next_lunch, sms_outbox):
    sign(next_lunch, Person(name="Groep", phone="06 11111111", people=6))
    sign(next_lunch, Person(name="Groep 2", phone="06 22222222", people=4))
    signup = sign(next_lunch, JANSEN_IN_ENGLISH)
    assert signup.status == SignUpStatus.WAITLISTED

    run_worker()

    [message] = [m for m in sms_outbox if m.to == "+31612345678"]
    assert "Waiting list for Samen eten, Thursday 26 November at 12:00: you are number 1" in (
        message.text
    )


def test_a_series_gets_one_text_with_every_date(
    lunch, sms_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signups = sign_up_series(lunch, JANSEN_IN_ENGLISH)

    run_worker()

    [message] = sms_outbox
    assert "26 November (seat confirmed), 31 December (seat confirmed)" in message.text
    assert opens(link_in(message.text)) == signups[0]


def test_a_dutch_sign_up_gets_a_dutch_date(sign, next_lunch, resident, sms_outbox):
    sign(next_lunch, resident)

    run_worker()

    assert "donderdag 26 november" in sms_outbox[0].text


def test_who_gave_both_hears_about_a_cancelled_session_by_mail_and_text_with_the_reason(
    sign, next_lunch, sms_outbox, django_capture_on_commit_callbacks
):
    sign(
        next_lunch, Person(name="Mila", phone="06 87654321", email="mila@example.nl", language="en")
    )
    run_worker()
    mail.outbox.clear()
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_session(next_lunch, "the kitchen is broken")
    run_worker()

    [text] = sms_outbox
    assert text.text == (
        "Samen eten on Thursday 26 November does not go ahead: the kitchen is broken. Sorry!"
    )
    [message] = mail.outbox
    assert "Why: the kitchen is broken" in message.body


@override_settings(NAOBER_SMS_BACKEND="naober.sms.backends.DummyBackend")
def test_the_backend_in_the_settings_is_the_one_used(sign, next_lunch, resident):
    sms.outbox.clear()
    sign(next_lunch, resident)

    run_worker()

    assert sms.outbox == []


class BrokenProvider(BaseBackend):
    def send_messages(self, messages):
        raise TimeoutError("The provider does not answer")


@override_settings(NAOBER_SMS_BACKEND="tests.activities.test_text_messages.BrokenProvider")
def test_a_provider_that_fails_is_logged_and_the_sign_up_stands(sign, next_lunch, resident, caplog):
    signup = sign(next_lunch, resident)

    run_worker()

    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CONFIRMED
    assert f"Could not text the confirmation for sign-up {signup.pk}." in caplog.text
    assert "12345678" not in caplog.text
