"""Signing up for one session through the rules (activities/signup.py): a seat when there is
room, and for every kind of bad input a SignUpError naming the field, with nothing written."""

from dataclasses import replace
from datetime import timedelta

import pytest
import time_machine

from naober.activities.constants import Channel, SignUpStatus
from naober.activities.models import Session, SignUp
from naober.activities.sessions import cancel_session
from naober.activities.signup import Person, SignUpError, cancel, sign_up


def rows() -> tuple[int, list]:
    """Every sign-up row and what it says: to show a refused sign-up wrote nothing."""
    return SignUp.objects.count(), list(SignUp.objects.values_list("pk", "status", "people"))


def refused(session, person, *, channel=Channel.WEB, by=None) -> SignUpError:
    before = rows()
    with pytest.raises(SignUpError) as caught:
        sign_up(session, person, channel=channel, by=by)
    assert rows() == before
    assert caught.value.message
    return caught.value


def test_a_resident_with_only_a_phone_number_gets_a_seat(next_lunch, resident):
    made = sign_up(next_lunch, resident)

    assert made.status == SignUpStatus.CONFIRMED
    assert made.confirmed_at is not None
    assert made.phone == "+31612345678"
    assert made.email == ""
    assert made.note == "Geen vlees"
    assert made.channel == Channel.WEB
    assert next_lunch.seats_left() == 9


def test_the_email_address_is_kept_in_lower_case_and_the_name_without_extra_spaces(next_lunch):
    made = sign_up(next_lunch, Person(name="  Ahmed   Yilmaz ", email="Ahmed@Example.NL"))

    assert made.name == "Ahmed Yilmaz"
    assert made.email == "ahmed@example.nl"


def test_a_group_takes_a_seat_for_each_person(next_lunch, resident_with_email):
    sign_up(next_lunch, resident_with_email)

    assert Session.objects.with_seats().get(pk=next_lunch.pk).taken == 2
    assert next_lunch.seats_left() == 8


def test_a_host_can_sign_up_someone_without_phone_or_email_at_the_desk(next_lunch, host_wolfsbos):
    made = sign_up(
        next_lunch, Person(name="Meneer De Vries"), channel=Channel.DESK, by=host_wolfsbos
    )

    assert made.status == SignUpStatus.CONFIRMED
    assert made.channel == Channel.DESK
    assert made.created_by == host_wolfsbos


def test_an_activity_without_a_limit_always_has_a_seat(lunch, resident):
    session = lunch.sessions.order_by("start").first()
    Session.objects.filter(pk=session.pk).update(capacity=None)
    session.refresh_from_db()

    for number in range(20):
        made = sign_up(session, Person(name=f"Buur {number}", phone=f"06 2000 00{number:02d}"))
        assert made.status == SignUpStatus.CONFIRMED
    assert session.seats_left() is None


@pytest.mark.parametrize(
    "changes, field, code",
    [
        ({"name": "   "}, "name", "invalid"),
        ({"name": "x" * 101}, "name", "invalid"),
        ({"people": 0}, "people", "people"),
        ({"people": 7}, "people", "people"),
        ({"people": 500}, "people", "people"),
        ({"people": -1}, "people", "people"),
        ({"people": True}, "people", "people"),
        ({"people": "2"}, "people", "people"),
        ({"phone": "06 1234"}, "phone", "phone"),
        ({"phone": "abc"}, "phone", "phone"),
        ({"phone": "112"}, "phone", "phone"),
        ({"phone": "06 12345678 of 06 87654321"}, "phone", "phone"),
        ({"phone": "", "email": "ahmed@"}, "email", "email"),
        ({"phone": "", "email": "ahmed example.nl"}, "email", "email"),
        ({"phone": "", "email": ""}, "phone", "contact"),
        ({"note": "x" * 201}, "note", "invalid"),
    ],
)
def test_bad_input_is_refused_with_the_field_named_and_nothing_written(
    next_lunch, resident, changes, field, code
):
    error = refused(next_lunch, replace(resident, **changes))

    assert (error.field, error.code) == (field, code)


@pytest.mark.parametrize("channel", [Channel.WEB, Channel.API])
def test_without_phone_or_email_a_resident_cannot_sign_up_online(next_lunch, channel):
    error = refused(next_lunch, Person(name="Meneer De Vries"), channel=channel)

    assert (error.field, error.code) == ("phone", "contact")


def test_a_bad_phone_number_is_refused_at_the_desk_too(next_lunch, host_wolfsbos):
    error = refused(
        next_lunch,
        Person(name="Meneer De Vries", phone="06 1234"),
        channel=Channel.DESK,
        by=host_wolfsbos,
    )

    assert (error.field, error.code) == ("phone", "phone")


@pytest.mark.parametrize(
    "first, second",
    [
        (Person(name="Mevrouw Jansen", phone="06-12345678"), Person(name="Jansen", phone="+31 6 12345678")),
        (Person(name="Mevrouw Jansen", phone="0612345678"), Person(name="Jansen", phone="0031 6 1234 5678")),
        (Person(name="Ahmed Yilmaz", email="ahmed@example.nl"), Person(name="A. Yilmaz", email="AHMED@Example.nl")),
        (
            Person(name="Ahmed Yilmaz", phone="06 12345678", email="ahmed@example.nl"),
            Person(name="Ahmed Yilmaz", phone="06 87654321", email="ahmed@example.nl"),
        ),
    ],
)  # fmt: skip
def test_the_same_person_cannot_sign_up_twice_for_one_session(next_lunch, first, second):
    sign_up(next_lunch, first)

    error = refused(next_lunch, second)

    assert error.code == "duplicate"
    assert next_lunch.seats_left() == 9


def test_the_same_person_is_a_double_on_the_waiting_list_too(next_lunch, resident):
    Session.objects.filter(pk=next_lunch.pk).update(capacity=1)
    sign_up(next_lunch, Person(name="Buur", phone="06 20000001"))
    assert sign_up(next_lunch, resident).status == SignUpStatus.WAITLISTED

    assert refused(next_lunch, resident).code == "duplicate"


def test_after_cancelling_the_same_person_may_sign_up_again(next_lunch, resident):
    cancel(sign_up(next_lunch, resident))

    assert sign_up(next_lunch, resident).status == SignUpStatus.CONFIRMED


def test_a_group_larger_than_all_the_seats_is_told_to_call(next_lunch, resident):
    Session.objects.filter(pk=next_lunch.pk).update(capacity=4)
    next_lunch.refresh_from_db()

    error = refused(next_lunch, replace(resident, people=5))

    assert (error.field, error.code) == ("people", "people")
    assert "4" in error.message


def test_nobody_signs_up_once_the_session_has_started(next_lunch, resident):
    with time_machine.travel(next_lunch.start + timedelta(minutes=1)):
        error = refused(next_lunch, resident)

    assert error.code == "started"


def test_nobody_signs_up_for_a_cancelled_session(next_lunch, resident):
    cancel_session(next_lunch, "De kok is ziek")

    error = refused(next_lunch, resident)

    assert error.code == "cancelled"
    assert "De kok is ziek" in error.message


def test_a_session_cancelled_after_the_page_was_loaded_is_refused(next_lunch, resident):
    """The page's copy of the session still says it goes ahead; the rule reads the row."""
    Session.objects.filter(pk=next_lunch.pk).update(cancel_reason="De kok is ziek")

    assert refused(next_lunch, resident).code == "cancelled"


def test_nobody_signs_up_for_a_walk_in_activity(sports, resident):
    session = sports.sessions.order_by("start").first()

    error = refused(session, resident)

    assert error.code == "walk_in"
