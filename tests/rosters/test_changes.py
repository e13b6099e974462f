"""The self-service rules (rosters/changes.py): who may take which shift and why not, how a
shift given away, taken or swapped moves only once approved, by the coordinator or at once.

The week of 30 November 2026 (conftest.week_roster): Anke every morning, Lars on Monday, Vera
on Tuesday and Thursday, Wim on Wednesday and Friday; each morning needs 2 people. Here Wim may
work 4 shifts a week (not 2), so he can take an extra one. Messages are read in English."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import translation

from naober.accounts.constants import Role
from naober.places.constants import PlaceKind
from naober.places.models import Building, Place
from naober.rosters import changes
from naober.rosters.changes import ChangeError
from naober.rosters.constants import (
    Approval,
    AssignmentStatus,
    ChangeKind,
    ChangeStatus,
    RosterStatus,
    Source,
)
from naober.rosters.models import (
    Absence,
    Assignment,
    Availability,
    Roster,
    RosterPolicy,
    Shift,
    ShiftChange,
)
from naober.schedules.recurrence import AMSTERDAM
from tests.rosters.conftest import make_person
from tests.staff import make_staff

MON, TUE, WED, THU, FRI = (date(2026, 11, 30) + timedelta(days=i) for i in range(5))


def morning(day: date) -> Shift:
    return Shift.objects.get(start=datetime.combine(day, time(9), tzinfo=AMSTERDAM))


def on_shift(shift: Shift) -> set[str]:
    return set(
        shift.assignments.filter(status=AssignmentStatus.CONFIRMED).values_list(
            "person__name", flat=True
        )
    )


def add_shift(roster, place, day, names, team, *, start=9, end=12, people=2, skills=None):
    begin = datetime.combine(day, time(start), tzinfo=AMSTERDAM)
    shift = Shift.objects.create(
        roster=roster,
        place=place,
        opening_key=f"extra-{place.pk}-{day:%Y%m%d}-{start}",
        start=begin,
        end=begin.replace(hour=end),
        people=people,
        skills=skills if skills is not None else {"hosting": 1},
    )
    for name in names:
        Assignment.objects.create(shift=shift, person=team[name])
    return shift


def leave(shift: Shift, person) -> None:
    Assignment.objects.filter(shift=shift, person=person).delete()


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def team(team):
    team["wim"].max_per_week = 4
    team["wim"].save()
    return team


@pytest.fixture
def coordinator(andes, borger_odoorn):
    return make_staff("coordinator-andes", andes, Role.COORDINATOR, municipality=borger_odoorn)


@pytest.fixture
def automatic(borger_odoorn):
    return RosterPolicy.objects.create(municipality=borger_odoorn, approval=Approval.AUTOMATIC)


@pytest.fixture
def far_place(borger_odoorn, andes) -> Place:
    """A second meeting place of the network, about 24 km from Nieuw-Buinen."""
    building = Building.objects.create(
        name="Dorpshuis Zuid",
        street_address="Brink 1",
        postcode="7881 AA",
        town="Emmer-Compascuum",
        latitude=52.80,
        longitude=6.70,
    )
    return Place.objects.create(
        name="Ontmoetingsplek Zuid",
        slug="ontmoetingsplek-zuid",
        kind=PlaceKind.MEETING_PLACE,
        building=building,
        municipality=borger_odoorn,
        village="Zuid",
    )


@pytest.fixture
def swap_week(week_roster, team):
    """Thursday is Vera's and Wim's (Anke is off); Tuesday 8 December is Anke's alone (needs
    one person, nobody promised): Vera and Anke can swap these two."""
    leave(morning(THU), team["anke"])
    Assignment.objects.create(shift=morning(THU), person=team["wim"])
    tuesday = add_shift(
        week_roster, morning(TUE).place, TUE + timedelta(weeks=1), ["anke"], team, people=1
    )
    return morning(THU), tuesday


# Giving away and taking ----------------------------------------------------------------------


def test_a_shift_given_away_stays_with_the_giver_until_it_is_approved(
    week_roster, team, coordinator
):
    vera, wim = team["vera"], team["wim"]
    thursday = morning(THU)

    offer = changes.give_away(vera, thursday)
    assert (offer.kind, offer.status) == (ChangeKind.GIVE_AWAY, ChangeStatus.OPEN)
    assert "Vera" in on_shift(thursday)

    taken = changes.take(wim, offer)
    assert (taken.status, taken.to_person) == (ChangeStatus.PENDING, wim)
    assert on_shift(thursday) == {"Anke", "Vera"}

    decided = changes.decide(taken, approve=True, by=coordinator)

    assert decided.status == ChangeStatus.APPROVED
    assert decided.decided_by == coordinator
    assert on_shift(thursday) == {"Anke", "Wim"}
    assert Assignment.objects.get(shift=thursday, person=wim).source == Source.TAKEN


def test_without_a_policy_the_coordinator_approves(week_roster, team):
    leave(morning(FRI), team["wim"])

    change = changes.take(team["wim"], morning(FRI))

    assert change.status == ChangeStatus.PENDING
    assert on_shift(morning(FRI)) == {"Anke"}


def test_with_automatic_approval_a_taken_shift_moves_at_once(week_roster, team, automatic):
    offer = changes.give_away(team["vera"], morning(THU))

    change = changes.take(team["wim"], offer)

    assert change.status == ChangeStatus.APPROVED
    assert change.decided_by is None
    assert on_shift(morning(THU)) == {"Anke", "Wim"}


def test_taking_a_gap_adds_the_person_once_approved(week_roster, team, coordinator):
    friday = morning(FRI)
    leave(friday, team["wim"])

    change = changes.take(team["wim"], friday)
    changes.decide(change, approve=True, by=coordinator)

    assert (change.kind, change.from_person) == (ChangeKind.TAKE, None)
    assert on_shift(friday) == {"Anke", "Wim"}
    assert Assignment.objects.get(shift=friday, person=team["wim"]).source == Source.TAKEN


def test_a_refused_change_leaves_everyone_where_they_were(week_roster, team, coordinator):
    change = changes.take(team["wim"], changes.give_away(team["vera"], morning(THU)))

    changes.decide(change, approve=False, by=coordinator)

    change.refresh_from_db()
    assert change.status == ChangeStatus.REFUSED
    assert on_shift(morning(THU)) == {"Anke", "Vera"}


def test_approval_checks_the_rules_again_and_refuses_when_they_no_longer_hold(
    week_roster, team, coordinator
):
    change = changes.take(team["wim"], changes.give_away(team["vera"], morning(THU)))
    Absence.objects.create(person=team["wim"], start_date=THU, end_date=THU)

    with pytest.raises(ChangeError, match="Wim is absent"):
        changes.decide(change, approve=True, by=coordinator)

    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    assert on_shift(morning(THU)) == {"Anke", "Vera"}


def test_a_second_decision_is_refused_in_words(week_roster, team, coordinator):
    leave(morning(FRI), team["wim"])
    change = changes.take(team["wim"], morning(FRI))
    changes.decide(change, approve=True, by=coordinator)

    with pytest.raises(ChangeError, match="no longer going"):
        changes.decide(change, approve=False, by=coordinator)
    assert on_shift(morning(FRI)) == {"Anke", "Wim"}


def test_an_offer_nobody_takes_stays_with_the_giver_when_the_shift_starts(week_roster, team):
    changes.give_away(team["vera"], morning(TUE))

    with time_machine.travel(datetime(2026, 12, 1, 9, 30, tzinfo=AMSTERDAM)):
        assert changes.can_take(team["wim"], morning(TUE)) == "This shift has already started."
        assert changes.open_shifts(team["wim"]) == []

    assert "Vera" in on_shift(morning(TUE))


def test_clicking_twice_gives_a_message_and_writes_nothing_twice(week_roster, team):
    changes.give_away(team["vera"], morning(TUE))
    with pytest.raises(ChangeError, match="already part of a change"):
        changes.give_away(team["vera"], morning(TUE))

    leave(morning(FRI), team["wim"])
    changes.take(team["wim"], morning(FRI))
    with pytest.raises(ChangeError, match="already asked to take"):
        changes.take(team["wim"], morning(FRI))

    assert ShiftChange.objects.count() == 2


def test_a_shift_that_is_not_yours_cannot_be_given_away(week_roster, team):
    with pytest.raises(ChangeError, match="not on this shift"):
        changes.give_away(team["vera"], morning(MON))
    assert not ShiftChange.objects.exists()


def test_a_given_away_shift_is_taken_by_one_person_only(week_roster, team):
    offer = changes.give_away(team["vera"], morning(THU))
    changes.take(team["wim"], offer)
    other = make_person(
        team["anke"].municipality, "Otto", None, ["hosting"], [(3, "08:00", "13:00")]
    )

    with pytest.raises(ChangeError, match="Someone else took this shift"):
        changes.take(other, offer)


# Withdrawing ---------------------------------------------------------------------------------


def test_the_giver_withdraws_an_offer(week_roster, team):
    offer = changes.give_away(team["vera"], morning(TUE))

    changes.withdraw(team["vera"], offer)

    offer.refresh_from_db()
    assert offer.status == ChangeStatus.WITHDRAWN
    assert changes.open_shifts(team["wim"]) == []


def test_the_taker_who_withdraws_opens_the_shift_for_others_again(week_roster, team):
    offer = changes.give_away(team["vera"], morning(THU))
    changes.take(team["wim"], offer)

    changes.withdraw(team["wim"], offer)

    offer.refresh_from_db()
    assert (offer.status, offer.to_person) == (ChangeStatus.OPEN, None)
    assert [o.change for o in changes.open_shifts(team["wim"])] == [offer]


def test_someone_else_cannot_withdraw_a_change(week_roster, team):
    offer = changes.give_away(team["vera"], morning(TUE))

    with pytest.raises(ChangeError, match="not your change"):
        changes.withdraw(team["anke"], offer)
    offer.refresh_from_db()
    assert offer.status == ChangeStatus.OPEN


# Why a shift cannot be taken -----------------------------------------------------------------


def test_a_fitting_gap_can_be_taken(week_roster, team):
    leave(morning(FRI), team["wim"])
    assert changes.can_take(team["wim"], morning(FRI)) is None


def test_a_full_shift_cannot_be_taken(week_roster, team):
    assert changes.can_take(team["wim"], morning(THU)) == "This shift is already full."


def test_a_full_shift_given_away_can_be_taken_in_the_givers_place(week_roster, team):
    changes.give_away(team["vera"], morning(THU))

    assert changes.can_take(team["wim"], morning(THU)) is None


def test_a_promise_broken_before_does_not_stop_a_give_away(week_roster, team):
    # Thursday without Anke: nobody of Andes, though Andes is promised. Wim in Vera's place
    # makes that no worse.
    leave(morning(THU), team["anke"])
    Assignment.objects.create(shift=morning(THU), person=team["lars"])
    changes.give_away(team["vera"], morning(THU))

    assert changes.can_take(team["wim"], morning(THU)) is None


def test_nobody_takes_a_shift_they_are_already_on(week_roster, team):
    leave(morning(TUE), team["anke"])
    assert changes.can_take(team["vera"], morning(TUE)) == "Vera is already on this shift."


def test_a_missing_skill_is_named(week_roster, team):
    wednesday = morning(WED)
    wednesday.skills = {"hosting": 1, "first_aid": 1}
    wednesday.save()
    leave(wednesday, team["wim"])

    assert changes.can_take(team["wim"], wednesday) == (
        "The shift still needs someone with the skill “First aid”, and Wim does not have it."
    )


def test_a_skill_may_still_come_with_someone_else_when_places_are_left(week_roster, team):
    wednesday = morning(WED)
    wednesday.skills = {"hosting": 1, "first_aid": 1}
    wednesday.people = 3
    wednesday.save()
    leave(wednesday, team["wim"])

    assert changes.can_take(team["wim"], wednesday) is None


def test_a_promised_organisation_cannot_be_replaced_by_someone_else(week_roster, team):
    monday = morning(MON)
    volunteer = make_person(
        team["lars"].municipality, "Mieke", None, ["hosting"], [(0, "09:00", "12:00")]
    )
    changes.give_away(team["lars"], monday)

    assert changes.can_take(volunteer, monday) == (
        "Lefier is promised to residents at this shift, and Mieke is not from Lefier."
    )


def test_someone_not_available_that_day_is_refused(week_roster, team):
    leave(morning(WED), team["wim"])
    assert changes.can_take(team["vera"], morning(WED)) == (
        "Vera is not available on Wednesday from 9:00 to 12:00."
    )


def test_an_absence_is_respected(week_roster, team):
    leave(morning(WED), team["wim"])
    Absence.objects.create(person=team["wim"], start_date=WED, end_date=WED + timedelta(days=3))

    assert changes.can_take(team["wim"], morning(WED)) == (
        "Wim is absent on Wednesday 2 December 2026."
    )


def test_nobody_works_in_two_places_at_once(week_roster, team, far_place):
    Availability.objects.create(
        person=team["wim"], weekday=4, start_time=time(8), end_time=time(17)
    )
    elsewhere = add_shift(week_roster, far_place, FRI, [], team, start=11, end=14, people=1)

    assert changes.can_take(team["wim"], elsewhere) == (
        "Wim already works at Buurtkamer Nieuw-Buinen then, from 9:00 to 12:00."
    )


def test_places_too_far_apart_on_one_day_are_refused(week_roster, team, far_place):
    Availability.objects.create(
        person=team["wim"], weekday=4, start_time=time(8), end_time=time(17)
    )
    afternoon = add_shift(week_roster, far_place, FRI, [], team, start=13, end=16, people=1)

    assert changes.can_take(team["wim"], afternoon) == (
        "Ontmoetingsplek Zuid is 24 km from Buurtkamer Nieuw-Buinen, where Wim works that day; "
        "at most 15 km is allowed."
    )
    RosterPolicy.objects.create(municipality=far_place.municipality, max_distance_km=30)
    assert changes.can_take(team["wim"], afternoon) is None


def test_the_most_shifts_a_week_is_respected(week_roster, team):
    vera = team["vera"]  # Tuesday and Thursday already; at most 2 a week
    Availability.objects.create(person=vera, weekday=2, start_time=time(9), end_time=time(12))
    leave(morning(WED), team["wim"])

    assert changes.can_take(vera, morning(WED)) == (
        "Vera would have 3 shifts in the week of 30 November; the most is 2."
    )


def test_the_most_shifts_a_month_is_respected(week_roster, team):
    vera = team["vera"]  # 1 and 3 December already
    vera.max_per_month = 2
    vera.save()
    next_tuesday = add_shift(
        week_roster, morning(TUE).place, TUE + timedelta(weeks=1), [], team, people=1
    )

    assert changes.can_take(vera, next_tuesday) == (
        "Vera would have 3 shifts in December 2026; the most is 2."
    )


def test_a_shift_in_another_network_or_an_unpublished_roster_cannot_be_taken(
    week_roster, team, wolfsbos
):
    draft = Roster.objects.create(
        municipality=week_roster.municipality,
        start_date=TUE,
        end_date=TUE,
        status=RosterStatus.DRAFT,
    )
    unpublished = add_shift(draft, morning(TUE).place, TUE + timedelta(weeks=1), [], team)
    hoogeveen = Roster.objects.create(
        municipality=wolfsbos.municipality,
        start_date=THU,
        end_date=THU,
        status=RosterStatus.PUBLISHED,
    )
    elsewhere = add_shift(hoogeveen, wolfsbos, THU + timedelta(weeks=1), [], team)

    assert changes.can_take(team["vera"], unpublished) == (
        "This shift is not in a published roster."
    )
    assert changes.can_take(team["vera"], elsewhere) == "This shift belongs to another network."


def test_open_shifts_list_only_what_the_person_may_take(week_roster, team):
    leave(morning(FRI), team["wim"])  # a gap on Friday: Wim may, Vera (Tue/Thu) may not
    offer = changes.give_away(team["vera"], morning(THU))

    wims = changes.open_shifts(team["wim"])
    veras = changes.open_shifts(team["vera"])

    assert [(o.shift, o.change, o.missing) for o in wims] == [
        (morning(THU), offer, 0),
        (morning(FRI), None, 1),
    ]
    assert veras == []


# Swaps ---------------------------------------------------------------------------------------


def test_a_swap_moves_both_shifts_only_when_approved(
    swap_week, team, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    thursday, next_tuesday = swap_week
    vera, anke = team["vera"], team["anke"]

    with django_capture_on_commit_callbacks(execute=True):
        change = changes.propose_swap(vera, thursday, anke, next_tuesday)
    assert change.status == ChangeStatus.OPEN
    assert [m.to for m in mailoutbox] == [["anke@naober.example"]]

    changes.answer_swap(anke, change, accept=True)
    assert change.status == ChangeStatus.PENDING
    assert on_shift(thursday) == {"Vera", "Wim"} and on_shift(next_tuesday) == {"Anke"}

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        changes.decide(change, approve=True, by=coordinator)

    assert on_shift(thursday) == {"Anke", "Wim"}
    assert on_shift(next_tuesday) == {"Vera"}
    assert set(
        Assignment.objects.filter(source=Source.SWAP).values_list("person__name", flat=True)
    ) == {
        "Anke",
        "Vera",
    }
    assert sorted(m.to[0] for m in mailoutbox) == ["anke@naober.example", "vera@naober.example"]


def test_a_swap_with_automatic_approval_is_done_when_the_colleague_says_yes(
    swap_week, team, automatic
):
    thursday, next_tuesday = swap_week
    change = changes.propose_swap(team["vera"], thursday, team["anke"], next_tuesday)

    changes.answer_swap(team["anke"], change, accept=True)

    assert change.status == ChangeStatus.APPROVED
    assert on_shift(next_tuesday) == {"Vera"}


def test_a_swap_declined_changes_nothing(swap_week, team):
    thursday, next_tuesday = swap_week
    change = changes.propose_swap(team["vera"], thursday, team["anke"], next_tuesday)

    changes.answer_swap(team["anke"], change, accept=False)

    assert change.status == ChangeStatus.REFUSED
    assert on_shift(thursday) == {"Vera", "Wim"} and on_shift(next_tuesday) == {"Anke"}
    with pytest.raises(ChangeError, match="no longer going"):
        changes.answer_swap(team["anke"], change, accept=True)


def test_a_swap_the_colleague_cannot_take_is_refused_with_the_reason(week_roster, team):
    # Anke is on Thursday already: she cannot take Vera's Thursday in exchange.
    next_tuesday = add_shift(
        week_roster, morning(TUE).place, TUE + timedelta(weeks=1), ["anke"], team, people=1
    )

    with pytest.raises(ChangeError, match="Anke is already on this shift"):
        changes.propose_swap(team["vera"], morning(THU), team["anke"], next_tuesday)
    assert not ShiftChange.objects.exists()


def test_swap_options_are_the_colleagues_shifts_that_fit_both(swap_week, team):
    thursday, next_tuesday = swap_week

    options = changes.swap_options(team["vera"], thursday)

    # Wim has no login (he could not answer); Anke's Tuesday fits both.
    assert [(o.colleague, o.shift) for o in options] == [(team["anke"], next_tuesday)]


# Asked by the repair -------------------------------------------------------------------------


def test_a_person_asked_to_take_a_shift_says_yes(week_roster, team):
    friday = morning(FRI)
    leave(friday, team["wim"])
    Assignment.objects.create(
        shift=friday, person=team["wim"], status=AssignmentStatus.ASKED, source=Source.REPAIR
    )

    changes.answer_ask(team["wim"], friday, accept=True)

    assert on_shift(friday) == {"Anke", "Wim"}
    with pytest.raises(ChangeError, match="already said yes"):
        changes.answer_ask(team["wim"], friday, accept=True)


def test_a_person_asked_to_take_a_shift_says_no(week_roster, team):
    friday = morning(FRI)
    leave(friday, team["wim"])
    Assignment.objects.create(
        shift=friday, person=team["wim"], status=AssignmentStatus.ASKED, source=Source.REPAIR
    )

    assert changes.answer_ask(team["wim"], friday, accept=False) is None

    assert on_shift(friday) == {"Anke"}
    assert not Assignment.objects.filter(shift=friday, person=team["wim"]).exists()


def test_after_a_no_someone_else_is_put_on_the_shift_but_not_the_one_who_said_no(
    week_roster, team, borger_odoorn, django_capture_on_commit_callbacks
):
    bram = make_person(borger_odoorn, "Bram", None, ["hosting"], [(4, "09:00", "12:00")])
    friday = morning(FRI)
    leave(friday, team["wim"])
    Assignment.objects.create(
        shift=friday, person=team["wim"], status=AssignmentStatus.ASKED, source=Source.REPAIR
    )

    with django_capture_on_commit_callbacks(execute=True):
        changes.answer_ask(team["wim"], friday, accept=False)

    # Friday 4 December is more than 48 hours away: Bram is put on it (and told by mail).
    assert on_shift(friday) == {"Anke", "Bram"}
    assert not Assignment.objects.filter(shift=friday, person=team["wim"]).exists()
    assert bram.assignments.get().source == Source.REPAIR
