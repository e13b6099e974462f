"""The waiting list of the shared lunch of Thursday 26 November 2026 (10 seats): a full session
puts people in line; a freed seat is offered to the first in line for whom there is room, for
NAOBER_WAITLIST_CONFIRM_HOURS but never past the start; an offer not confirmed in time goes to
the next."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings

from naober.activities.constants import SignUpStatus
from naober.activities.models import Session, SignUp
from naober.activities.signup import (
    Person,
    SignUpError,
    cancel,
    confirm_offer,
    expire_offers,
    offer_free_seats,
    sign_up,
)

pytestmark = pytest.mark.usefixtures("frozen_now")


def at(moment):
    """Stand still at a moment, to compare deadlines exactly."""
    return time_machine.travel(moment, tick=False)


def neighbour(number: int, people: int = 1) -> Person:
    return Person(name=f"Buur {number}", phone=f"06 2000 {number:04d}", people=people)


def fill(session: Session, first: int = 0) -> list[SignUp]:
    """Ten neighbours take the ten seats."""
    return [sign_up(session, neighbour(first + n)) for n in range(10)]


def status(signup: SignUp) -> str:
    signup.refresh_from_db()
    return signup.status


def test_a_full_session_puts_the_next_person_on_the_waiting_list_and_says_so(next_lunch, resident):
    fill(next_lunch)

    made = sign_up(next_lunch, resident)

    assert made.status == SignUpStatus.WAITLISTED
    assert made.confirmed_at is None
    assert next_lunch.is_full()
    seats = Session.objects.with_seats().get(pk=next_lunch.pk)
    assert (seats.taken, seats.waiting) == (10, 1)


def test_a_group_that_does_not_fit_the_last_seats_waits(next_lunch):
    for n in range(8):
        sign_up(next_lunch, neighbour(n))

    assert sign_up(next_lunch, neighbour(100, people=3)).status == SignUpStatus.WAITLISTED
    assert sign_up(next_lunch, neighbour(101, people=2)).status == SignUpStatus.CONFIRMED
    assert next_lunch.is_full()


def test_a_cancellation_offers_the_seat_to_the_first_in_line_for_a_day(frozen_now, next_lunch):
    seated = fill(next_lunch)
    first, second, third = (sign_up(next_lunch, neighbour(50 + n)) for n in range(3))
    moment = frozen_now + timedelta(hours=1)

    with override_settings(NAOBER_WAITLIST_CONFIRM_HOURS=24), at(moment):
        promoted = cancel(seated[0])

    assert promoted == [first]
    first.refresh_from_db()
    assert first.status == SignUpStatus.OFFERED
    assert first.offered_until == moment + timedelta(hours=24)
    assert (status(second), status(third)) == (SignUpStatus.WAITLISTED, SignUpStatus.WAITLISTED)
    # The offered seat is held: a newcomer still waits.
    assert next_lunch.is_full()
    assert sign_up(next_lunch, neighbour(99)).status == SignUpStatus.WAITLISTED


def test_the_time_to_confirm_follows_the_setting(frozen_now, next_lunch):
    seated = fill(next_lunch)
    first = sign_up(next_lunch, neighbour(50))

    with override_settings(NAOBER_WAITLIST_CONFIRM_HOURS=4), at(frozen_now):
        cancel(seated[0])

    first.refresh_from_db()
    assert first.offered_until == frozen_now + timedelta(hours=4)


def test_an_offer_made_shortly_before_the_session_runs_until_the_start(next_lunch):
    seated = fill(next_lunch)
    first = sign_up(next_lunch, neighbour(50))

    with at(next_lunch.start - timedelta(hours=6)):
        cancel(seated[0])

    first.refresh_from_db()
    assert first.status == SignUpStatus.OFFERED
    assert first.offered_until == next_lunch.start


def test_a_group_that_does_not_fit_is_passed_over_for_someone_who_fits(next_lunch):
    seated = fill(next_lunch)
    group = sign_up(next_lunch, neighbour(50, people=3))
    single = sign_up(next_lunch, neighbour(51))

    assert cancel(seated[0]) == [single]
    assert status(group) == SignUpStatus.WAITLISTED

    # Once three seats are free, the group's turn comes.
    assert cancel(seated[1]) == []
    assert cancel(seated[2]) == []
    assert cancel(seated[3]) == [group]
    assert status(group) == SignUpStatus.OFFERED


def test_confirming_an_offer_in_time_gives_the_seat(frozen_now, next_lunch):
    seated = fill(next_lunch)
    first = sign_up(next_lunch, neighbour(50))
    with at(frozen_now):
        cancel(seated[0])
    first.refresh_from_db()
    moment = first.offered_until - timedelta(minutes=1)

    with at(moment):
        confirmed = confirm_offer(first)

    assert confirmed.status == SignUpStatus.CONFIRMED
    first.refresh_from_db()
    assert first.status == SignUpStatus.CONFIRMED
    assert first.confirmed_at == moment
    assert first.offered_until is None


def test_an_offer_confirmed_too_late_is_gone_and_goes_to_the_next_in_line(frozen_now, next_lunch):
    seated = fill(next_lunch)
    first, second, third = (sign_up(next_lunch, neighbour(50 + n)) for n in range(3))
    with at(frozen_now):
        cancel(seated[0])
    first.refresh_from_db()
    late = first.offered_until + timedelta(minutes=1)

    with at(late), pytest.raises(SignUpError) as caught:
        confirm_offer(first)

    assert caught.value.code == "offer_expired"
    assert status(first) == SignUpStatus.EXPIRED
    second.refresh_from_db()
    assert second.status == SignUpStatus.OFFERED
    assert second.offered_until == late + timedelta(hours=24)
    assert status(third) == SignUpStatus.WAITLISTED
    assert next_lunch.seats_taken() == 10


def test_expire_offers_passes_unconfirmed_offers_on(frozen_now, next_lunch):
    seated = fill(next_lunch)
    first, second = (sign_up(next_lunch, neighbour(50 + n)) for n in range(2))
    with at(frozen_now):
        cancel(seated[0])
    first.refresh_from_db()

    with at(first.offered_until - timedelta(minutes=1)):
        assert expire_offers() == []
    assert status(first) == SignUpStatus.OFFERED

    with at(first.offered_until + timedelta(minutes=1)):
        assert expire_offers() == [second]
    assert status(first) == SignUpStatus.EXPIRED
    assert status(second) == SignUpStatus.OFFERED


def test_a_newcomer_does_not_take_a_seat_owed_to_the_waiting_list(frozen_now, next_lunch):
    """expire_offers runs once a day; until then an offer past its deadline still holds its
    seat on paper. Whoever signs up next finds it passed on to the next in line, not free."""
    seated = fill(next_lunch)
    first, second = (sign_up(next_lunch, neighbour(50 + n)) for n in range(2))
    with at(frozen_now):
        cancel(seated[0])
    first.refresh_from_db()

    with at(first.offered_until + timedelta(minutes=1)):
        newcomer = sign_up(next_lunch, neighbour(99))

    assert newcomer.status == SignUpStatus.WAITLISTED
    assert status(first) == SignUpStatus.EXPIRED
    assert status(second) == SignUpStatus.OFFERED


def test_more_seats_are_offered_to_the_waiting_list_in_order(next_lunch):
    fill(next_lunch)
    line = [sign_up(next_lunch, neighbour(50 + n)) for n in range(3)]
    Session.objects.filter(pk=next_lunch.pk).update(capacity=12)

    assert offer_free_seats(next_lunch) == line[:2]
    assert status(line[2]) == SignUpStatus.WAITLISTED


def test_leaving_the_waiting_list_offers_nothing(next_lunch):
    fill(next_lunch)
    first, second = (sign_up(next_lunch, neighbour(50 + n)) for n in range(2))

    assert cancel(first) == []
    assert status(first) == SignUpStatus.CANCELLED
    assert status(second) == SignUpStatus.WAITLISTED


def test_an_offer_can_be_cancelled_and_passes_on(next_lunch):
    seated = fill(next_lunch)
    first, second = (sign_up(next_lunch, neighbour(50 + n)) for n in range(2))
    cancel(seated[0])

    assert cancel(first) == [second]
    assert status(second) == SignUpStatus.OFFERED


def test_only_an_offer_can_be_confirmed(next_lunch):
    fill(next_lunch)
    waiting = sign_up(next_lunch, neighbour(50))

    with pytest.raises(SignUpError) as caught:
        confirm_offer(waiting)

    assert caught.value.code == "not_offered"
    assert status(waiting) == SignUpStatus.WAITLISTED


def test_a_cancelled_sign_up_cannot_be_cancelled_again(next_lunch, resident):
    made = sign_up(next_lunch, resident)
    cancel(made)

    with pytest.raises(SignUpError) as caught:
        cancel(made)

    assert caught.value.code == "not_active"


def test_an_expired_offer_cannot_be_cancelled_and_says_why(frozen_now, next_lunch):
    seated = fill(next_lunch)
    first = sign_up(next_lunch, neighbour(50))
    with at(frozen_now):
        cancel(seated[0])
    first.refresh_from_db()
    with at(first.offered_until + timedelta(minutes=1)):
        expire_offers()

        with pytest.raises(SignUpError) as caught:
            cancel(first)

    assert caught.value.code == "not_active"
    assert caught.value.message == (
        "Deze aanmelding is voorbij: de aangeboden plek is niet op tijd bevestigd."
    )
    assert status(first) == SignUpStatus.EXPIRED


def test_nobody_cancels_once_the_session_has_started(next_lunch, resident):
    made = sign_up(next_lunch, resident)

    with at(next_lunch.start + timedelta(minutes=5)), pytest.raises(SignUpError) as caught:
        cancel(made)

    assert caught.value.code == "started"
    assert status(made) == SignUpStatus.CONFIRMED
