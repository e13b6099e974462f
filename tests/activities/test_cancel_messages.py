"""Cancelling gets a short receipt; cancelling a series gets one receipt for all its dates. When
the session itself is cancelled, everyone still signed up hears it, with the reason."""

import pytest
from django.core import mail

from naober.activities.models import Session
from naober.activities.sessions import cancel_session, plan_sessions
from naober.activities.signup import Person, cancel, cancel_series, sign_up, sign_up_series
from naober.schedules.models import Closure
from tests.activities import background
from tests.activities.background import run_worker

# The locmem text-message outbox, emptied for each test that asks for it.
sms_outbox = background.sms_outbox

AHMED = Person(name="Ahmed Yilmaz", email="ahmed@example.nl", language="en")


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Run a rule function as a request would: messages are queued after it commits."""

    def told(function, *args):
        with django_capture_on_commit_callbacks(execute=True):
            result = function(*args)
        run_worker()
        return result

    return told


def test_cancelling_sends_a_short_receipt(told, next_lunch):
    signup = told(sign_up, next_lunch, AHMED)
    mail.outbox.clear()

    told(cancel, signup)

    [receipt] = mail.outbox
    assert receipt.subject == "Cancelled: Samen eten"
    assert "Your sign-up for Samen eten is cancelled:\n- Thursday 26 November, 12:00–13:30" in (
        receipt.body
    )
    assert receipt.attachments == []


def test_cancelling_a_series_sends_one_receipt_with_every_date(told, lunch):
    signups = told(sign_up_series, lunch, AHMED)
    mail.outbox.clear()

    told(cancel_series, signups[0])

    [receipt] = mail.outbox
    assert "Your sign-ups for Samen eten are cancelled:" in receipt.body
    assert receipt.body.count("\n- Thursday") == len(signups)


def test_a_cancelled_session_is_told_to_who_is_signed_up_not_to_who_cancelled(
    told, next_lunch, sms_outbox
):
    ahmed = told(sign_up, next_lunch, AHMED)
    told(sign_up, next_lunch, Person(name="Mevrouw Jansen", phone="06 12345678"))
    told(cancel, ahmed)
    mail.outbox.clear()
    sms_outbox.clear()

    told(cancel_session, next_lunch, "De keuken is kapot")

    assert mail.outbox == []
    [text] = sms_outbox
    assert text.to == "+31612345678"
    assert "donderdag 26 november" in text.text
    assert "De keuken is kapot" in text.text


def test_a_session_restored_before_the_message_goes_out_sends_nothing(
    next_lunch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(next_lunch, AHMED)
        cancel_session(next_lunch, "De keuken is kapot")
    Session.objects.filter(pk=next_lunch.pk).update(cancel_reason="")
    mail.outbox.clear()

    run_worker()

    assert [m.subject for m in mail.outbox] == ["Signed up: Samen eten, Thursday 26 November"]


def test_when_a_closure_is_taken_away_who_is_signed_up_hears_the_session_goes_ahead(
    told, lunch, next_lunch, wolfsbos
):
    told(sign_up, next_lunch, AHMED)
    day = next_lunch.start.date()
    closure = Closure.objects.create(place=wolfsbos, start_date=day, end_date=day, reason="Lekkage")
    told(plan_sessions, lunch)
    mail.outbox.clear()

    closure.delete()
    told(plan_sessions, lunch)

    [news] = mail.outbox
    assert news.subject == "Goes ahead after all: Samen eten, Thursday 26 November"
    assert "Your sign-up still stands." in news.body
    assert "/en/aanmelding/" in news.body
