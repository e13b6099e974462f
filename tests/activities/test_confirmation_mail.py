"""Who signs up with an e-mail address gets a confirmation mail in the language they signed up
in: seat or waiting list, when, where, what it costs, their note, the link to see or cancel it,
and a calendar file (.ics) with the session. The mail goes from a background task, so a mail
server that is down never breaks the sign-up."""

import email
import re
from datetime import datetime

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from icalendar import Calendar

from naober.activities.constants import SignUpStatus
from naober.activities.links import signup_from_token
from naober.activities.signup import Person, cancel, sign_up, sign_up_series
from naober.schedules.recurrence import AMSTERDAM
from tests.activities import background
from tests.activities.background import run_worker

# The locmem text-message outbox, emptied for each test that asks for it.
sms_outbox = background.sms_outbox

AHMED_IN_ENGLISH = Person(name="Ahmed Yilmaz", email="ahmed@example.nl", people=2, language="en")


@pytest.fixture
def sign(django_capture_on_commit_callbacks):
    """Sign up as the public page does: residents are told after the sign-up commits."""

    def sign(session, person, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return sign_up(session, person, **kwargs)

    return sign


def the_mail() -> mail.EmailMessage:
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    return mail.outbox[0]


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


def calendar_of(message: mail.EmailMessage):
    """The .ics part as a mail program sees it, and the calendar it holds."""
    parsed = email.message_from_bytes(message.message().as_bytes())
    parts = [part for part in parsed.walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0], Calendar.from_ical(parts[0].get_payload(decode=True))


def fill(session, django_capture_on_commit_callbacks, seats_left: int = 0):
    """Other residents take the session's seats until `seats_left` are free."""
    taken = session.capacity - seats_left
    number = 0
    while taken > 0:
        number += 1
        people = min(taken, 6)
        with django_capture_on_commit_callbacks(execute=False):
            sign_up(
                session, Person(name=f"Buur {number}", phone=f"0612{number:06d}", people=people)
            )
        taken -= people


def test_a_seat_is_confirmed_by_mail_with_the_dutch_date_and_the_address(
    sign, next_lunch, resident_with_email
):
    sign(next_lunch, resident_with_email)
    assert mail.outbox == []  # Nothing is sent from the sign-up itself.

    run_worker()

    message = the_mail()
    assert message.to == ["ahmed@example.nl"]
    assert "Samen eten" in message.subject
    assert "donderdag 26 november" in message.subject
    assert "donderdag 26 november, 12:00–13:30" in message.body
    assert "Huis van de Buurt Wolfsbos, Schoolstraat 1, 7908 AA Hoogeveen" in message.body
    assert "Ahmed Yilmaz" in message.body
    assert "Thursday" not in message.body


def test_the_mail_is_in_english_for_a_resident_who_signed_up_in_english(sign, next_lunch):
    sign(next_lunch, AHMED_IN_ENGLISH)

    run_worker()

    message = the_mail()
    assert message.subject == "Signed up: Samen eten, Thursday 26 November"
    assert "Your seat is confirmed." in message.body
    assert "Thursday 26 November, 12:00–13:30" in message.body
    assert "People: 2" in message.body
    assert "Cost: free" in message.body
    assert "donderdag" not in message.body


def test_the_link_in_the_mail_opens_this_sign_up_in_the_residents_language(sign, next_lunch):
    signup = sign(next_lunch, AHMED_IN_ENGLISH)

    run_worker()

    [link] = links_in(the_mail().body)
    assert link.startswith("http://localhost:8000/en/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert signup_from_token(token) == signup


def test_the_calendar_file_holds_the_lunch_at_noon_in_amsterdam(sign, next_lunch):
    signup = sign(next_lunch, AHMED_IN_ENGLISH)

    run_worker()

    part, calendar = calendar_of(the_mail())
    assert part.get_param("method") == "PUBLISH"
    assert part.get_filename() == "samen-eten.ics"
    assert calendar["METHOD"] == "PUBLISH"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    [event] = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == datetime(2026, 11, 26, 12, 0, tzinfo=AMSTERDAM)
    assert start.utcoffset() is not None and start.hour == 12
    assert event.decoded("DTEND") == datetime(2026, 11, 26, 13, 30, tzinfo=AMSTERDAM)
    assert event["SUMMARY"] == "Samen eten"
    assert event["LOCATION"] == "Huis van de Buurt Wolfsbos, Schoolstraat 1, 7908 AA Hoogeveen"
    assert event["UID"] == f"{signup.key}@naober"
    assert links_in(the_mail().body)[0] in str(event["DESCRIPTION"])


def test_the_calendar_event_keeps_its_uid_when_a_second_file_is_sent(
    sign, next_lunch, django_capture_on_commit_callbacks
):
    """Confirming a seat later sends the file again; the calendar app updates the event."""
    signup = sign(next_lunch, AHMED_IN_ENGLISH)
    run_worker()
    _, first = calendar_of(the_mail())
    mail.outbox.clear()

    from naober.activities import notify

    notify.confirmed([signup])
    run_worker()

    _, second = calendar_of(the_mail())
    assert first.walk("VEVENT")[0]["UID"] == second.walk("VEVENT")[0]["UID"]


def test_the_waiting_list_mail_says_so_with_the_place_in_line_and_has_no_calendar_file(
    sign, next_lunch, django_capture_on_commit_callbacks
):
    fill(next_lunch, django_capture_on_commit_callbacks)
    sign(next_lunch, Person(name="Eerste", email="eerste@example.nl", language="en"))
    signup = sign(next_lunch, AHMED_IN_ENGLISH)
    assert signup.status == SignUpStatus.WAITLISTED

    run_worker()

    ahmed = [m for m in mail.outbox if m.to == ["ahmed@example.nl"]]
    assert len(ahmed) == 1
    assert ahmed[0].subject == "Waiting list: Samen eten, Thursday 26 November"
    assert "you are on the waiting list. You are number 2 in line." in ahmed[0].body
    assert ahmed[0].attachments == []


def test_a_series_gets_one_mail_listing_every_session_and_a_calendar_with_the_seats(
    lunch, next_lunch, django_capture_on_commit_callbacks
):
    fill(next_lunch, django_capture_on_commit_callbacks, seats_left=1)
    with django_capture_on_commit_callbacks(execute=True):
        signups = sign_up_series(lunch, AHMED_IN_ENGLISH)
    assert [s.status for s in signups][:2] == [SignUpStatus.WAITLISTED, SignUpStatus.CONFIRMED]

    run_worker()

    message = the_mail()
    assert message.subject == f"Signed up: Samen eten, {len(signups)} times"
    assert "Thursday 26 November, 12:00–13:30\nWaiting list: number 1 in line." in message.body
    assert "Thursday 31 December, 12:00–13:30\nSeat confirmed." in message.body
    assert len(links_in(message.body)) == len(signups)
    _, calendar = calendar_of(message)
    events = calendar.walk("VEVENT")
    assert [e["UID"] for e in events] == [f"{s.key}@naober" for s in signups[1:]]
    assert events[0].decoded("DTSTART") == datetime(2026, 12, 31, 12, 0, tzinfo=AMSTERDAM)


def test_the_cost_and_the_note_are_in_the_mail(sign, workshop):
    session = workshop.sessions.order_by("start").first()
    sign(
        session,
        Person(name="Ahmed Yilmaz", email="ahmed@example.nl", note="Ik neem een gitaar mee"),
    )
    sign(session, Person(name="Mila", email="mila@example.nl", language="en"))

    run_worker()

    dutch, english = sorted(mail.outbox, key=lambda m: m.to)
    assert "€ 2,50" in dutch.body
    assert "Ik neem een gitaar mee" in dutch.body
    assert "Cost: € 2.50 per person" in english.body
    assert "donderdag 26 november, 14:00–15:30" in dutch.body


def test_a_resident_with_only_a_phone_number_gets_a_text_message_not_a_mail(
    sign, next_lunch, resident, sms_outbox
):
    signup = sign(next_lunch, resident)

    run_worker()

    assert mail.outbox == []
    [message] = sms_outbox
    assert message.to == "+31612345678"
    assert "donderdag 26 november" in message.text
    assert "12:00" in message.text
    [link] = links_in(message.text)
    assert signup_from_token(link.rstrip("/").rsplit("/", 1)[1]) == signup


def test_a_sign_up_cancelled_before_the_mail_goes_out_gets_no_confirmation(
    sign, next_lunch, resident_with_email
):
    signup = sign(next_lunch, resident_with_email)
    cancel(signup)

    run_worker()

    assert mail.outbox == []


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server is down")


@override_settings(EMAIL_BACKEND="tests.activities.test_confirmation_mail.BrokenBackend")
def test_a_mail_server_that_is_down_does_not_undo_the_sign_up(
    sign, next_lunch, resident_with_email, caplog
):
    signup = sign(next_lunch, resident_with_email)

    run_worker()

    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CONFIRMED
    assert f"Could not mail the confirmation for sign-up {signup.pk}." in caplog.text
    assert "ahmed@example.nl" not in caplog.text
