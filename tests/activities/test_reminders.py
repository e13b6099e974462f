"""The day before the session, everyone who still has a seat gets a reminder: by mail and by text
message, to whichever they gave. Once, and not to who cancelled or whose session was cancelled.
The reminder is a background task queued at the sign-up; the worker sends it when it is due."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django_tasks_db.models import DBTaskResult

from naober.activities.constants import SignUpStatus
from naober.activities.retention import erase_signup_personal_data
from naober.activities.sessions import cancel_session
from naober.activities.signup import Person, cancel, sign_up
from naober.activities.tasks import send_reminder
from naober.schedules.recurrence import AMSTERDAM
from tests.activities import background
from tests.activities.background import run_worker

# The locmem text-message outbox, emptied for each test that asks for it.
sms_outbox = background.sms_outbox

# The lunch starts on Thursday 26 November 2026 at 12:00; the reminder is due a day before.
DUE = datetime(2026, 11, 25, 12, 0, tzinfo=AMSTERDAM)
MILA = Person(name="Mila de Vries", phone="06 87654321", email="mila@example.nl", language="en")


@pytest.fixture
def mila(next_lunch, django_capture_on_commit_callbacks, sms_outbox):
    with django_capture_on_commit_callbacks(execute=True):
        signup = sign_up(next_lunch, MILA)
    run_worker()  # The confirmation.
    mail.outbox.clear()
    sms_outbox.clear()
    return signup


def run_worker_at(moment: datetime) -> None:
    with time_machine.travel(moment, tick=False):
        run_worker()


# Reminders start with this word, in the language the resident signed up in.
REMINDER = ("Reminder", "Herinnering")


def reminders(sms_outbox) -> tuple[list, list]:
    mails = [m for m in mail.outbox if m.subject.startswith(REMINDER)]
    texts = [t for t in sms_outbox if t.text.startswith(REMINDER)]
    return mails, texts


def test_the_reminder_is_queued_for_the_day_before(mila):
    task = DBTaskResult.objects.get(task_path="naober.activities.tasks.send_reminder")
    assert task.run_after == DUE
    assert task.args_kwargs == {"args": [mila.pk], "kwargs": {}}


def test_the_reminder_goes_out_the_day_before_by_mail_and_text_message(mila, sms_outbox):
    run_worker_at(DUE - timedelta(minutes=1))
    assert reminders(sms_outbox) == ([], [])

    run_worker_at(DUE + timedelta(minutes=1))

    [message], [text] = reminders(sms_outbox)
    assert message.to == ["mila@example.nl"]
    assert message.subject == "Reminder: Samen eten, Thursday 26 November"
    assert "Thursday 26 November, 12:00–13:30" in message.body
    assert "Schoolstraat 1, 7908 AA Hoogeveen" in message.body
    assert text.to == "+31687654321"
    assert "Thursday 26 November at 12:00" in text.text
    mila.refresh_from_db()
    assert mila.reminded_at == DUE + timedelta(minutes=1)


def test_the_reminder_is_in_dutch_for_a_dutch_sign_up(
    next_lunch, resident, django_capture_on_commit_callbacks, sms_outbox
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(next_lunch, resident)

    run_worker_at(DUE + timedelta(minutes=1))

    assert "donderdag 26 november" in sms_outbox[-1].text
    assert "12:00" in sms_outbox[-1].text


def test_the_reminder_is_sent_once(mila, sms_outbox):
    run_worker_at(DUE + timedelta(minutes=1))
    # A second task for the same sign-up (say, queued again by a confirmation) finds it done.
    with time_machine.travel(DUE + timedelta(hours=1), tick=False):
        assert send_reminder.call(mila.pk) is False
        run_worker()

    mails, texts = reminders(sms_outbox)
    assert (len(mails), len(texts)) == (1, 1)


def test_who_cancelled_gets_no_reminder(mila, sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cancel(mila)

    run_worker_at(DUE + timedelta(minutes=1))

    assert reminders(sms_outbox) == ([], [])
    task = DBTaskResult.objects.get(task_path="naober.activities.tasks.send_reminder")
    assert task.return_value is False


def test_a_cancelled_session_sends_no_reminder(mila, next_lunch, sms_outbox):
    cancel_session(next_lunch, "De keuken is kapot")

    run_worker_at(DUE + timedelta(minutes=1))

    assert reminders(sms_outbox) == ([], [])
    mila.refresh_from_db()
    assert mila.reminded_at is None


def test_who_is_on_the_waiting_list_gets_no_reminder(
    next_lunch, django_capture_on_commit_callbacks, sms_outbox
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(next_lunch, Person(name="Groep", phone="06 11111111", people=6))
        sign_up(next_lunch, Person(name="Groep 2", phone="06 22222222", people=4))
        waiting = sign_up(next_lunch, MILA)
    assert waiting.status == SignUpStatus.WAITLISTED

    run_worker_at(DUE + timedelta(minutes=1))

    assert [t.to for t in reminders(sms_outbox)[1]] == ["+31611111111", "+31622222222"]


def test_no_reminder_is_queued_when_the_session_is_less_than_a_day_away(
    next_lunch, django_capture_on_commit_callbacks
):
    with time_machine.travel(DUE + timedelta(hours=2), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            sign_up(next_lunch, MILA)

    assert not DBTaskResult.objects.filter(
        task_path="naober.activities.tasks.send_reminder"
    ).exists()


def test_no_reminder_once_the_personal_data_is_erased(mila, sms_outbox):
    erase_signup_personal_data(mila)

    run_worker_at(DUE + timedelta(minutes=1))

    assert reminders(sms_outbox) == ([], [])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_real_commits_the_worker_reminds_once_at_the_right_time(next_lunch, sms_outbox):
    # No captured callbacks: the sign-up commits and queues its tasks, as in production.
    sign_up(next_lunch, MILA)

    run_worker_at(DUE - timedelta(hours=1))
    assert reminders(sms_outbox) == ([], [])
    run_worker_at(DUE + timedelta(minutes=5))
    run_worker_at(DUE + timedelta(hours=5))

    mails, texts = reminders(sms_outbox)
    assert (len(mails), len(texts)) == (1, 1)
