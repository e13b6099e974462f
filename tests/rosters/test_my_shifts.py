"""The "my shifts" pages with the test client: what Vera and Anke see of the published roster of
the week of 30 November 2026, and giving away, taking, swapping, answering and withdrawing by
the page; mistakes come back as a message on the page, another's shift or change is not found.
Requests go to the English pages (/en/), so the words are the source strings."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from naober.accounts.constants import Role
from naober.rosters.constants import (
    Approval,
    AssignmentStatus,
    ChangeKind,
    ChangeStatus,
    RosterStatus,
    Source,
)
from naober.rosters.models import Assignment, Roster, RosterPolicy, Shift, ShiftChange
from naober.schedules.recurrence import AMSTERDAM
from tests.staff import STAFF_PASSWORD, login, make_staff

MON, TUE, WED, THU, FRI = (date(2026, 11, 30) + timedelta(days=i) for i in range(5))
MINE = "/en/rooster/"


def morning(day: date) -> Shift:
    return Shift.objects.get(start=datetime.combine(day, time(9), tzinfo=AMSTERDAM))


def on_shift(shift: Shift) -> set[str]:
    return set(
        shift.assignments.filter(status=AssignmentStatus.CONFIRMED).values_list(
            "person__name", flat=True
        )
    )


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"rosters:{name}", args=args)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def vera_client(client, week_roster, team):
    return login(client, team["vera"].user)


@pytest.fixture
def wim_client(week_roster, team):
    """Wim with a login of his own (and up to 4 shifts a week), in a second browser."""
    wim = team["wim"]
    wim.user = get_user_model().objects.create_user(
        username="wim", email="wim@naober.example", password=STAFF_PASSWORD, first_name="Wim"
    )
    wim.max_per_week = 4
    wim.save()
    return login(Client(), wim.user)


@pytest.fixture
def anke_client(week_roster, team):
    return login(Client(), team["anke"].user)


@pytest.fixture
def swap_week(week_roster, team):
    """Thursday is Vera's and Wim's (Anke is off); Tuesday 8 December is Anke's alone."""
    thursday = morning(THU)
    Assignment.objects.filter(shift=thursday, person=team["anke"]).delete()
    Assignment.objects.create(shift=thursday, person=team["wim"])
    start = datetime.combine(TUE + timedelta(weeks=1), time(9), tzinfo=AMSTERDAM)
    tuesday = Shift.objects.create(
        roster=week_roster,
        place=thursday.place,
        opening_key="extra-tuesday",
        start=start,
        end=start + timedelta(hours=3),
        people=1,
        skills={"hosting": 1},
    )
    Assignment.objects.create(shift=tuesday, person=team["anke"])
    return thursday, tuesday


# Seeing ---------------------------------------------------------------------------------------


def test_my_shifts_show_when_where_with_whom_and_what_is_needed(vera_client):
    response = vera_client.get(MINE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tuesday 1 December 2026" in page and "Thursday 3 December 2026" in page
    assert "Monday 30 November" not in page  # not hers
    assert "Buurtkamer Nieuw-Buinen" in page and "Noorderdiep 60, 9521 BE Nieuw-Buinen" in page
    assert "Anke" in page
    assert "2 people; Hosting: at least 1; promised present: Andes" in page
    assert "no-store" in response["Cache-Control"]


def test_the_page_is_in_dutch_at_its_dutch_address(vera_client):
    response = vera_client.get("/rooster/")

    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()


def test_the_feed_link_is_on_the_page(vera_client, team):
    page = vera_client.get(MINE).content.decode()

    assert f"/rooster/agenda/{team['vera'].feed_token}.ics" in page
    assert "webcal://" in page


def test_a_login_without_a_place_on_a_roster_is_told_so(client, week_roster, andes):
    coordinator = make_staff(
        "coordinator-andes", andes, Role.COORDINATOR, municipality=week_roster.municipality
    )
    response = login(client, coordinator).get(MINE)

    assert response.status_code == 403
    assert "You are not on a roster" in response.content.decode()


def test_without_a_login_the_page_asks_for_one(client, week_roster):
    response = client.get(MINE)

    assert response.status_code == 302
    with translation.override("en"):
        assert response["Location"].startswith(reverse("accounts:login") + "?next=")


def test_a_password_alone_is_not_enough(client, week_roster, team):
    response = login(client, team["vera"].user, verified=False).get(MINE)

    assert response.status_code == 302
    with translation.override("en"):
        assert response["Location"].startswith(reverse("accounts:verify") + "?next=")


# Giving away and taking ----------------------------------------------------------------------


def test_vera_gives_a_shift_away_and_wim_sees_it_among_the_open_shifts(
    vera_client, wim_client, team
):
    thursday = morning(THU)

    response = vera_client.post(url("give_away", thursday.pk))

    assert response.status_code == 303
    assert response["Location"] == f"{MINE}#shift-{thursday.pk}"
    change = ShiftChange.objects.get()
    assert (change.kind, change.status, change.from_person) == (
        ChangeKind.GIVE_AWAY,
        ChangeStatus.OPEN,
        team["vera"],
    )
    page = vera_client.get(MINE)
    assert "You offered your shift of Thursday 3 December" in messages_of(page)[0]
    assert "Nobody has taken it yet: until someone does, it stays yours." in page.content.decode()
    assert "Vera" in on_shift(thursday)

    wims = wim_client.get(MINE).content.decode()
    assert "Given away by Vera." in wims
    assert f'name="change" value="{change.pk}"' in wims


def test_taking_a_given_away_shift_waits_for_the_coordinator(vera_client, wim_client, team):
    thursday = morning(THU)
    vera_client.post(url("give_away", thursday.pk))
    change = ShiftChange.objects.get()

    response = wim_client.post(url("take", thursday.pk), {"change": change.pk}, follow=True)

    assert "The coordinator decides" in messages_of(response)[-1]
    change.refresh_from_db()
    assert (change.status, change.to_person) == (ChangeStatus.PENDING, team["wim"])
    assert on_shift(thursday) == {"Anke", "Vera"}
    assert "You take the shift of Thursday 3 December" in response.content.decode()


def test_with_automatic_approval_the_taken_shift_is_yours_at_once(
    vera_client, wim_client, team, borger_odoorn
):
    RosterPolicy.objects.create(municipality=borger_odoorn, approval=Approval.AUTOMATIC)
    thursday = morning(THU)
    vera_client.post(url("give_away", thursday.pk))
    change = ShiftChange.objects.get()

    response = wim_client.post(url("take", thursday.pk), {"change": change.pk}, follow=True)

    assert "is now yours" in messages_of(response)[-1]
    assert on_shift(thursday) == {"Anke", "Wim"}
    assert Assignment.objects.get(shift=thursday, person=team["wim"]).source == Source.TAKEN


def test_taking_a_gap_by_the_page(wim_client, team):
    friday = morning(FRI)
    Assignment.objects.filter(shift=friday, person=team["wim"]).delete()
    assert "1 more person needed." in wim_client.get(MINE).content.decode()

    response = wim_client.post(url("take", friday.pk), follow=True)

    assert "The coordinator decides" in messages_of(response)[-1]
    assert ShiftChange.objects.get().kind == ChangeKind.TAKE


def test_taking_a_full_shift_says_why_and_writes_nothing(wim_client):
    response = wim_client.post(url("take", morning(THU).pk), follow=True)

    assert response.status_code == 200
    assert messages_of(response) == ["You cannot take this shift: This shift is already full."]
    assert not ShiftChange.objects.exists()


def test_a_double_click_on_give_away_gives_a_message_not_a_second_offer(vera_client):
    thursday = morning(THU)
    vera_client.post(url("give_away", thursday.pk))

    response = vera_client.post(url("give_away", thursday.pk), follow=True)

    assert "already part of a change" in messages_of(response)[-1]
    assert ShiftChange.objects.count() == 1


def test_a_shift_that_has_started_cannot_be_given_away(vera_client):
    tuesday = morning(TUE)
    with time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=AMSTERDAM)):
        # A staff session does not last a week: log in again on the day.
        login(vera_client, tuesday.assignments.get(person__name="Vera").person.user)
        response = vera_client.post(url("give_away", tuesday.pk), follow=True)

    assert messages_of(response) == ["This shift has already started."]
    assert not ShiftChange.objects.exists()


def test_another_persons_shift_or_another_networks_is_not_found(vera_client, team, wolfsbos):
    monday = morning(MON)  # Anke's and Lars's
    assert vera_client.post(url("give_away", monday.pk)).status_code == 404
    assert vera_client.get(url("swap", monday.pk)).status_code == 404

    roster = Roster.objects.create(
        municipality=wolfsbos.municipality,
        start_date=THU,
        end_date=THU,
        status=RosterStatus.PUBLISHED,
    )
    start = datetime.combine(THU, time(10), tzinfo=AMSTERDAM)
    elsewhere = Shift.objects.create(
        roster=roster, place=wolfsbos, opening_key="w", start=start, end=start + timedelta(hours=6)
    )
    assert vera_client.post(url("take", elsewhere.pk)).status_code == 404
    assert not ShiftChange.objects.exists()


def test_a_change_of_someone_else_is_not_found(vera_client, anke_client, team):
    vera_client.post(url("give_away", morning(THU).pk))
    change = ShiftChange.objects.get()

    assert anke_client.post(url("withdraw", change.pk)).status_code == 404
    assert anke_client.post(url("answer_swap", change.pk), {"answer": "yes"}).status_code == 404
    change.refresh_from_db()
    assert change.status == ChangeStatus.OPEN


def test_changes_are_made_with_post_only(vera_client):
    assert vera_client.get(url("give_away", morning(THU).pk)).status_code == 405
    assert not ShiftChange.objects.exists()


def test_vera_withdraws_her_offer(vera_client):
    vera_client.post(url("give_away", morning(THU).pk))
    change = ShiftChange.objects.get()

    response = vera_client.post(url("withdraw", change.pk), follow=True)

    assert messages_of(response)[-1].startswith("Withdrawn:")
    change.refresh_from_db()
    assert change.status == ChangeStatus.WITHDRAWN
    again = vera_client.post(url("withdraw", change.pk), follow=True)
    assert "no longer going" in messages_of(again)[0]


# Swapping ------------------------------------------------------------------------------------


def test_vera_proposes_a_swap_and_anke_says_yes(
    vera_client, anke_client, swap_week, team, mailoutbox, django_capture_on_commit_callbacks
):
    thursday, next_tuesday = swap_week
    anke_tuesday = Assignment.objects.get(shift=next_tuesday, person=team["anke"])

    form = vera_client.get(url("swap", thursday.pk))
    assert form.status_code == 200
    assert "Anke: Tuesday 8 December 2026, 9:00–12:00, Buurtkamer Nieuw-Buinen" in (
        form.content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = vera_client.post(url("swap", thursday.pk), {"their_shift": anke_tuesday.pk})

    assert response.status_code == 303
    change = ShiftChange.objects.get()
    assert (change.kind, change.status, change.to_person) == (
        ChangeKind.SWAP,
        ChangeStatus.OPEN,
        team["anke"],
    )
    assert mailoutbox[0].to == ["anke@naober.example"]

    ankes = anke_client.get(MINE).content.decode()
    assert "Vera asks to swap" in ankes
    response = anke_client.post(url("answer_swap", change.pk), {"answer": "yes"}, follow=True)

    assert "You said yes to the swap" in messages_of(response)[-1]
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    # Nothing moves before the coordinator approves.
    assert on_shift(thursday) == {"Vera", "Wim"} and on_shift(next_tuesday) == {"Anke"}


def test_a_swap_choice_that_is_not_offered_is_an_error_on_the_form(vera_client, swap_week):
    thursday, _ = swap_week

    response = vera_client.post(url("swap", thursday.pk), {"their_shift": "999999"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "That shift can no longer be swapped: choose one in the list." in page
    assert 'aria-invalid="true"' in page
    assert not ShiftChange.objects.exists()


def test_the_swap_form_says_so_when_nothing_fits(vera_client):
    # In the plain week Anke is on every shift of Vera's: nothing fits both.
    response = vera_client.get(url("swap", morning(THU).pk))

    assert response.status_code == 200
    assert "No colleague has a coming shift that fits you both" in response.content.decode()


def test_anke_says_no_to_a_swap(vera_client, anke_client, swap_week, team):
    thursday, next_tuesday = swap_week
    anke_tuesday = Assignment.objects.get(shift=next_tuesday, person=team["anke"])
    vera_client.post(url("swap", thursday.pk), {"their_shift": anke_tuesday.pk})
    change = ShiftChange.objects.get()

    response = anke_client.post(url("answer_swap", change.pk), {"answer": "no"}, follow=True)

    assert "You said no to the swap" in messages_of(response)[-1]
    change.refresh_from_db()
    assert change.status == ChangeStatus.REFUSED


# Asked by the repair -------------------------------------------------------------------------


def test_a_shift_asked_of_wim_is_answered_on_the_page(wim_client, team):
    friday = morning(FRI)
    Assignment.objects.filter(shift=friday, person=team["wim"]).update(
        status=AssignmentStatus.ASKED, source=Source.REPAIR
    )
    page = wim_client.get(MINE).content.decode()
    assert "Will you take these shifts?" in page

    nonsense = wim_client.post(url("answer_ask", friday.pk), {"answer": "maybe"}, follow=True)
    assert messages_of(nonsense) == ["Nothing was answered: choose yes or no."]

    response = wim_client.post(url("answer_ask", friday.pk), {"answer": "yes"}, follow=True)

    assert "Thank you" in messages_of(response)[-1]
    assert on_shift(friday) == {"Anke", "Wim"}
