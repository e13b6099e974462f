"""When a seat comes free, the first in line is told by mail and by text message, with the time
to confirm by (NAOBER_WAITLIST_CONFIRM_HOURS, 24). At that deadline a background task passes an
unconfirmed seat on to the next in line, who is told in turn; the first hears that the seat is
gone. Who confirms gets a confirmation with the calendar file."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django_tasks_db.models import DBTaskResult

from naober.activities.constants import SignUpStatus
from naober.activities.signup import Person, cancel, confirm_offer, sign_up
from naober.schedules.recurrence import AMSTERDAM
from tests.activities import background
from tests.activities.background import run_worker

# The locmem text-message outbox, emptied for each test that asks for it.
sms_outbox = background.sms_outbox

MILA = Person(name="Mila de Vries", phone="06 87654321", email="mila@example.nl", language="en")
JANSEN = Person(name="Mevrouw Jansen", phone="06 12345678")


@pytest.fixture
def full_lunch(next_lunch, django_capture_on_commit_callbacks, sms_outbox):
    """The lunch is full (6 + 3 + 1 people); Mila is first in line, Mrs Jansen second. The one
    who comes alone will cancel: one seat comes free."""
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(next_lunch, Person(name="Groep", phone="06 11111111", people=6))
        sign_up(next_lunch, Person(name="Groep 2", phone="06 22222222", people=3))
        neighbour = sign_up(next_lunch, Person(name="Buur", phone="06 33333333"))
        mila = sign_up(next_lunch, MILA)
        jansen = sign_up(next_lunch, JANSEN)
    run_worker()
    mail.outbox.clear()
    sms_outbox.clear()
    return neighbour, mila, jansen


def free_a_seat(neighbour, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return cancel(neighbour)


def test_the_first_in_line_is_told_by_mail_and_text_with_the_deadline(
    full_lunch, frozen_now, django_capture_on_commit_callbacks, sms_outbox
):
    neighbour, mila, _ = full_lunch
    free_a_seat(neighbour, django_capture_on_commit_callbacks)

    run_worker()

    [message] = [m for m in mail.outbox if m.to == ["mila@example.nl"]]
    assert message.subject == "A seat came free: Samen eten, Thursday 26 November"
    assert "confirm it before Tuesday 24 November at 10:00" in message.body
    [text] = [t for t in sms_outbox if t.to == "+31687654321"]
    assert "Confirm before Tuesday 24 November at 10:00" in text.text
    assert "http://localhost:8000/en/" in text.text


def test_the_seat_passes_on_at_the_deadline_and_both_are_told(
    full_lunch, django_capture_on_commit_callbacks, sms_outbox
):
    neighbour, mila, jansen = full_lunch
    free_a_seat(neighbour, django_capture_on_commit_callbacks)
    mila.refresh_from_db()
    deadline = mila.offered_until
    task = DBTaskResult.objects.get(task_path="naober.activities.tasks.expire_offers")
    assert task.run_after == deadline

    with time_machine.travel(deadline - timedelta(minutes=1), tick=False):
        run_worker()
    mila.refresh_from_db()
    assert mila.status == SignUpStatus.OFFERED

    # The worker commits for real: the expiry's messages are queued after its commit.
    with (
        time_machine.travel(deadline + timedelta(minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run_worker()
    with time_machine.travel(deadline + timedelta(minutes=2), tick=False):
        run_worker()

    mila.refresh_from_db()
    jansen.refresh_from_db()
    assert (mila.status, jansen.status) == (SignUpStatus.EXPIRED, SignUpStatus.OFFERED)
    [gone] = [m for m in mail.outbox if m.subject.startswith("Seat not confirmed")]
    assert gone.to == ["mila@example.nl"]
    assert "The seat went to the next person in line" in gone.body
    [offer] = [t for t in sms_outbox if t.to == "+31612345678"]
    assert "woensdag 25 november" in offer.text


def test_confirming_the_offer_sends_the_calendar_file_and_queues_the_reminder(
    full_lunch, django_capture_on_commit_callbacks
):
    neighbour, mila, _ = full_lunch
    free_a_seat(neighbour, django_capture_on_commit_callbacks)
    run_worker()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        confirm_offer(mila)
    run_worker()

    [message] = mail.outbox
    assert message.subject == "Signed up: Samen eten, Thursday 26 November"
    assert len(message.attachments) == 1
    reminder = DBTaskResult.objects.get(
        task_path="naober.activities.tasks.send_reminder", args_kwargs__args=[mila.pk]
    )
    assert reminder.run_after == datetime(2026, 11, 25, 12, 0, tzinfo=AMSTERDAM)


def test_an_offer_confirmed_in_time_is_not_passed_on(
    full_lunch, django_capture_on_commit_callbacks
):
    neighbour, mila, jansen = full_lunch
    free_a_seat(neighbour, django_capture_on_commit_callbacks)
    confirm_offer(mila)
    mila.refresh_from_db()

    with time_machine.travel(datetime(2026, 11, 24, 11, 0, tzinfo=AMSTERDAM), tick=False):
        run_worker()

    jansen.refresh_from_db()
    assert mila.status == SignUpStatus.CONFIRMED
    assert jansen.status == SignUpStatus.WAITLISTED
    assert not [m for m in mail.outbox if m.subject.startswith("Seat not confirmed")]
