"""The coordinator's roster pages: the network's rosters with what to fix before generating, making
a quarter's roster, watching it being made, the roster per place and week (on screen and on
paper), publishing, taking someone off a shift, recording an absence and approving changes.

Carla coordinates Borger-Odoorn; the week of 30 November is `week_roster` (tests/rosters/
conftest.py). The rules behind the buttons (generating, repairing, deciding) have tests of their
own: here they are mostly stand-ins that record what the page asked of them, so a test shows what
the coordinator sees and what the page passed on; a few let the real rule run."""

import html
import re
from datetime import date, datetime, time

import pytest
from django.contrib.auth.models import Permission
from django.contrib.staticfiles import finders
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from naober.accounts.constants import Role
from naober.places.models import Organisation
from naober.rosters import explain, repair, tasks
from naober.rosters.changes import ChangeError
from naober.rosters.constants import AssignmentStatus, ChangeKind, ChangeStatus, RosterStatus
from naober.rosters.models import Absence, Assignment, Roster, Share, Shift, ShiftChange
from naober.schedules.recurrence import AMSTERDAM
from tests.rosters.conftest import NOW, make_person
from tests.staff import login, make_staff

pytestmark = pytest.mark.django_db


def english(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def visible(fragment: str) -> str:
    """HTML as a person reads it on screen: tags and screen-reader-only words gone."""
    fragment = re.sub(r'<span class="visually-hidden">.*?</span>', "", fragment)
    fragment = re.sub(r"</?(?:a|span|strong|time|em|label)\b[^>]*>", "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def text(response) -> str:
    return visible(response.content.decode())


def section(response, title_id: str) -> str:
    """What a section of the page says, found by the id of its heading."""
    page = response.content.decode()
    return visible(page.split(f'aria-labelledby="{title_id}">', 1)[1].split("</section>")[0])


def rows(response) -> dict[str, str]:
    """The roster's table rows, by their day: {"Monday 30 November": "9:00–12:00 Anke ..."}."""
    found = {}
    for row in re.findall(r'<tr id="shift-\d+"[^>]*>(.*?)</tr>', response.content.decode(), re.S):
        day, rest = re.match(r'\s*<th scope="row">(.*?)</th>(.*)', row, re.S).groups()
        found[visible(day)] = visible(rest)
    return found


def said(response) -> list[str]:
    """The messages shown on the page a redirect leads to."""
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def carla(client, coordinator_andes):
    return login(client, coordinator_andes)


@pytest.fixture
def hoogeveen_coordinator(hoogeveen):
    welzijn = Organisation.objects.create(name="Welzijn Hoogeveen", kind="welfare")
    return make_staff("coordinator-hoogeveen", welzijn, Role.COORDINATOR, municipality=hoogeveen)


def shift_on(roster, day: date) -> Shift:
    return roster.shifts.get(start__date=day)


# Who may see what.


def test_a_coordinator_finds_her_networks_rosters(carla, week_roster):
    response = carla.get(english("rosters:rosters", "borger-odoorn"))

    assert response.status_code == 200
    assert reverse("rosters:roster", args=[week_roster.pk]) in response.content.decode()
    assert "30 November 2026 – 4 December 2026" in text(response)
    assert "no-store" in response["Cache-Control"]


def test_without_logging_in_the_roster_pages_lead_to_the_login(client, week_roster):
    response = client.get(reverse("rosters:roster", args=[week_roster.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def _every_page(roster, change):
    shift = roster.shifts.first()
    assignment = shift.assignments.first()
    return [
        ("get", reverse("rosters:rosters", args=["borger-odoorn"])),
        ("get", reverse("rosters:changes", args=["borger-odoorn"])),
        ("get", reverse("rosters:absence", args=["borger-odoorn"])),
        ("post", reverse("rosters:generate", args=["borger-odoorn"])),
        ("get", reverse("rosters:roster", args=[roster.pk])),
        ("post", reverse("rosters:publish", args=[roster.pk])),
        ("post", reverse("rosters:cancel", args=[assignment.pk])),
        ("post", reverse("rosters:decide", args=[change.pk])),
    ]


@pytest.fixture
def pending_swap(week_roster, team):
    """Vera asks to take Wim's Friday morning; it waits for Carla."""
    return ShiftChange.objects.create(
        kind=ChangeKind.GIVE_AWAY,
        status=ChangeStatus.PENDING,
        shift=shift_on(week_roster, date(2026, 12, 4)),
        from_person=team["wim"],
        to_person=team["vera"],
    )


@pytest.mark.parametrize(
    "who", ["hoogeveen_coordinator", "host_nieuw_buinen", "lefier_consultant", "anke"]
)
def test_nobody_but_the_networks_coordinator_finds_its_roster_pages(
    client, request, week_roster, pending_swap, monkeypatch, who
):
    person = request.getfixturevalue(who)
    user = getattr(person, "user", person)
    login(client, user)
    touched = []
    monkeypatch.setattr(repair, "cancel_assignment", lambda *a, **k: touched.append(a))

    for method, url in _every_page(week_roster, pending_swap):
        response = getattr(client, method)(url, {"decision": "approve", "period": "2027-1"})
        assert response.status_code == 404, url

    assert touched == []
    assert Roster.objects.get(pk=week_roster.pk).status == RosterStatus.PUBLISHED
    assert ShiftChange.objects.get(pk=pending_swap.pk).status == ChangeStatus.PENDING


def test_a_coordinator_without_the_second_factor_is_sent_to_it(client, coordinator_andes):
    login(client, coordinator_andes, verified=False)

    response = client.get(reverse("rosters:rosters", args=["borger-odoorn"]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:verify"))


def test_someone_without_any_staff_role_is_refused(client, db):
    from django.contrib.auth import get_user_model

    stranger = get_user_model().objects.create_user("stranger", password="x" * 20)
    login(client, stranger)

    assert client.get(reverse("rosters:rosters", args=["borger-odoorn"])).status_code == 403


# The network's page: rosters, what to fix first, where the data is kept.


def test_the_network_page_warns_of_what_would_leave_openings_uncovered(
    carla, nieuw_buinen, team, lefier, andes, borger_odoorn
):
    make_person(borger_odoorn, "Bram", None, ["hosting"], [])
    Share.objects.create(municipality=borger_odoorn, organisation=andes, percent=70)
    Share.objects.create(municipality=borger_odoorn, organisation=lefier, percent=45)

    page = text(carla.get(english("rosters:rosters", "borger-odoorn")))

    warnings = page.split("Check this first")[1].split("You can still make the roster")[0]
    assert "Bram has no availability yet" in warnings
    # The police are promised on the first Monday of the month; nobody of theirs is on the roster.
    assert "Politie Drenthe is promised at openings" in warnings
    assert "Andes" not in warnings and "Lefier is promised" not in warnings
    assert "Buurtkamer Nieuw-Buinen add up to 115 %" in warnings


def test_a_network_without_people_is_told_to_add_them_first(carla, nieuw_buinen):
    page = text(carla.get(english("rosters:rosters", "borger-odoorn")))

    assert "Nobody is on this network's roster yet" in page


def test_a_network_in_order_gets_no_warnings(carla, nieuw_buinen, team, police, borger_odoorn):
    make_person(borger_odoorn, "Petra", police, ["hosting"], [(0, "09:00", "12:00")])

    page = text(carla.get(english("rosters:rosters", "borger-odoorn")))

    assert "Check this first" not in page


def test_the_network_page_counts_the_changes_waiting_for_approval(carla, pending_swap):
    response = carla.get(english("rosters:rosters", "borger-odoorn"))

    assert "1 change waits for your approval" in text(response)
    assert english("rosters:changes", "borger-odoorn") in response.content.decode()


def test_the_admin_lists_are_linked_for_a_coordinator_who_may_open_them(
    carla, coordinator_andes, nieuw_buinen
):
    try:
        people = reverse("admin:rosters_person_changelist")
    except NoReverseMatch:
        pytest.fail("The admin has no list of people on the roster (rosters/admin.py)")
    coordinator_andes.is_staff = True
    coordinator_andes.save()
    coordinator_andes.user_permissions.add(Permission.objects.get(codename="view_person"))

    page = carla.get(reverse("rosters:rosters", args=["borger-odoorn"])).content.decode()

    assert f'href="{people}"' in page
    assert reverse("admin:rosters_share_changelist") not in page


def test_without_the_admin_the_page_says_whom_to_ask(carla, nieuw_buinen):
    page = text(carla.get(english("rosters:rosters", "borger-odoorn")))

    assert "Ask the administrator for access" in page
    assert "/beheer/" not in page


# Generating a roster.


@pytest.fixture
def started(monkeypatch, borger_odoorn):
    """The background task, standing in: records what it was asked and makes a queued roster."""
    calls = []

    def start_generation(municipality, start, end, *, by, **options):
        calls.append(
            {"municipality": municipality, "start": start, "end": end, "by": by, **options}
        )
        return Roster.objects.create(
            municipality=municipality, start_date=start, end_date=end, created_by=by
        )

    monkeypatch.setattr(tasks, "start_generation", start_generation)
    return calls


def test_the_form_offers_this_quarter_from_today_and_the_next_ones(carla, frozen_now, nieuw_buinen):
    response = carla.get(english("rosters:rosters", "borger-odoorn"))

    page = text(response)
    assert "Quarter 4 2026: from today until 31 December 2026" in page
    assert "Quarter 1 2027: 1 January 2027 until 31 March 2027" in page
    assert "Quarter 4 2027" in page
    assert re.search(r'value="2027-1"[^>]*checked', response.content.decode())


def test_generating_a_quarter_starts_the_task_and_shows_its_progress(
    carla, frozen_now, started, borger_odoorn, coordinator_andes
):
    response = carla.post(english("rosters:generate", "borger-odoorn"), {"period": "2027-1"})

    roster = Roster.objects.get()
    assert response.status_code == 303
    assert response["Location"] == english("rosters:roster", roster.pk)
    assert started == [
        {
            "municipality": borger_odoorn,
            "start": date(2027, 1, 1),
            "end": date(2027, 3, 31),
            "by": coordinator_andes,
            "seed": None,
        }
    ]


def test_the_real_task_queues_the_roster_and_the_page_follows_it(
    carla, frozen_now, borger_odoorn, nieuw_buinen
):
    response = carla.post(
        english("rosters:generate", "borger-odoorn"), {"period": "2027-1", "seed": "7"}, follow=True
    )

    roster = Roster.objects.get()
    assert (roster.status, roster.seed) == (RosterStatus.QUEUED, 7)
    assert (roster.start_date, roster.end_date) == (date(2027, 1, 1), date(2027, 3, 31))
    assert "Waiting for its turn" in text(response)


def test_this_quarters_roster_starts_today(carla, frozen_now, started):
    carla.post(reverse("rosters:generate", args=["borger-odoorn"]), {"period": "2026-4"})

    assert (started[0]["start"], started[0]["end"]) == (date(2026, 11, 23), date(2026, 12, 31))


def test_other_dates_and_a_seed_go_to_the_task(carla, frozen_now, started):
    carla.post(
        reverse("rosters:generate", args=["borger-odoorn"]),
        {"period": "other", "start_date": "2027-01-04", "end_date": "2027-02-26", "seed": "7"},
    )

    assert started[0]["start"] == date(2027, 1, 4)
    assert started[0]["end"] == date(2027, 2, 26)
    assert started[0]["seed"] == 7


@pytest.mark.parametrize(
    "data, field, message",
    [
        (
            {"period": "other", "start_date": "2027-02-01", "end_date": "2027-01-31"},
            "end_date",
            "The roster ends before it starts: choose 1 February 2027 or later.",
        ),
        (
            {"period": "other", "start_date": "2026-11-02", "end_date": "2026-12-31"},
            "start_date",
            "The roster cannot start in the past: choose 23 November 2026 or later.",
        ),
        (
            {"period": "other", "start_date": "2027-01-04", "end_date": ""},
            "end_date",
            "Give the last day of the roster.",
        ),
        (
            {"period": "other", "start_date": "2027-01-04", "end_date": "2028-06-30"},
            "end_date",
            "A roster covers at most 366 days",
        ),
        (
            {"period": "2027-1", "start_date": "2027-01-04", "end_date": "2027-02-26"},
            "period",
            "You filled in dates: choose “Other dates” to use them",
        ),
        ({"period": "2031-1"}, "period", "Choose one of the quarters in the list"),
        ({}, "period", "Choose a quarter, or “Other dates”."),
        ({"period": "2027-1", "seed": "-3"}, "seed", "The seed is a whole number, 0 or more."),
    ],
)
def test_a_period_that_cannot_be_generated_is_explained_at_its_field(
    carla, frozen_now, started, nieuw_buinen, data, field, message
):
    response = carla.post(english("rosters:generate", "borger-odoorn"), data)

    assert response.status_code == 400
    assert started == []
    assert message in " ".join(map(str, response.context["form"].errors[field]))
    html = response.content.decode()
    # The field is marked, named in the summary, and what was typed is still there.
    assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', html) or field == "period"
    assert f'href="#id_{field}' in html
    for name, value in data.items():
        if name != "period" and value:
            assert f'value="{value}"' in html


def test_generating_is_a_post(carla, started):
    assert carla.get(reverse("rosters:generate", args=["borger-odoorn"])).status_code == 405
    assert started == []


# While the roster is being made.


@pytest.fixture
def solving(borger_odoorn, frozen_now):
    return Roster.objects.create(
        municipality=borger_odoorn,
        start_date=date(2027, 1, 1),
        end_date=date(2027, 3, 31),
        status=RosterStatus.SOLVING,
        progress=40,
    )


def test_the_progress_page_reloads_itself_only_when_asked(carla, solving):
    response = carla.get(english("rosters:roster", solving.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'http-equiv="refresh"' not in html
    assert re.search(r'<progress id="roster-progress" max="100" value="40">', html)
    assert re.search(r'role="status"[^>]*>.*40 % done', html, re.S)
    assert "Check again" in text(response)
    # With JavaScript the progress updates in place; without, a reload is there to choose.
    assert "rosters/progress" in html
    assert 'href="?auto=1"' in html


def test_the_progress_page_reloads_every_few_seconds_without_javascript_on_request(carla, solving):
    response = carla.get(english("rosters:roster", solving.pk) + "?auto=1")

    html = response.content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert 'value="40"' in html
    assert "<script" not in html
    assert "Stop updating by itself" in text(response)


def test_a_queued_roster_says_it_waits_for_its_turn(carla, solving):
    solving.status, solving.progress = RosterStatus.QUEUED, 0
    solving.save()

    page = text(carla.get(english("rosters:roster", solving.pk)))

    assert "Waiting for its turn" in page
    assert "0 % done" in page


def test_a_roster_that_failed_says_why_in_words(carla, solving):
    solving.status = RosterStatus.FAILED
    solving.message = "Nobody can work on Wednesday mornings at Buurtkamer Nieuw-Buinen."
    solving.save()

    response = carla.get(english("rosters:roster", solving.pk))

    page = text(response)
    assert "This roster could not be generated" in page
    assert "Nobody can work on Wednesday mornings at Buurtkamer Nieuw-Buinen." in page
    assert 'http-equiv="refresh"' not in response.content.decode()


# The roster, ready.


def test_the_roster_shows_each_morning_with_who_works_and_what_it_needs(carla, week_roster):
    response = carla.get(english("rosters:roster", week_roster.pk))

    assert response.status_code == 200
    assert "Buurtkamer Nieuw-Buinen Week 49: 30 November until 6 December 2026" in text(response)
    week = rows(response)
    assert list(week) == [
        "Monday 30 November",
        "Tuesday 1 December",
        "Wednesday 2 December",
        "Thursday 3 December",
        "Friday 4 December",
    ]
    assert week["Monday 30 November"] == (
        "9:00–12:00 Anke (Andes) Cancel (ill) Lars (Lefier) Cancel (ill) "
        "2 people Hosting: at least 1 promised: Andes, Lefier ✓ covered"
    )
    assert "Vera (volunteer)" in week["Tuesday 1 December"]


def test_the_score_is_explained_in_words(carla, week_roster, andes, borger_odoorn):
    Share.objects.create(municipality=borger_odoorn, organisation=andes, percent=40)
    week_roster.seed = 7
    week_roster.save()

    response = carla.get(english("rosters:roster", week_roster.pk))

    with translation.override("en"):
        lines = explain.score_lines(week_roster)
    assert any("Andes" in line for line in lines)
    assert section(response, "score-title") == " ".join(
        [
            "How good this roster is",
            *lines,
            "Made with seed 7: the same seed with the same "
            "people and openings makes this roster again.",
        ]
    )


def test_openings_that_could_not_be_covered_come_first_with_their_reasons(carla, week_roster):
    friday = shift_on(week_roster, date(2026, 12, 4))
    friday.assignments.filter(person__name="Wim").delete()

    response = carla.get(english("rosters:roster", week_roster.pk))

    page = text(response)
    assert page.index("could not be covered") < page.index("Week 49")
    with translation.override("en"):
        [(gap, reasons)] = explain.uncovered(week_roster)
    assert gap == friday and reasons
    assert section(response, "gaps-title") == (
        "1 opening could not be covered Buurtkamer Nieuw-Buinen, Friday 4 December, "
        f"9:00–12:00: {' '.join(reasons)}"
    )
    assert rows(response)["Friday 4 December"].endswith("! 1 missing why")
    assert f'href="#gap-{friday.pk}"' in response.content.decode()


def test_a_roster_without_gaps_says_every_opening_is_covered(carla, week_roster):
    response = carla.get(english("rosters:roster", week_roster.pk))

    assert section(response, "gaps-title") == "Every opening is covered"


def test_someone_asked_without_an_answer_is_marked_and_not_counted(carla, week_roster):
    Assignment.objects.filter(person__name="Vera", shift__start__day=1).update(
        status=AssignmentStatus.ASKED
    )

    tuesday = rows(carla.get(english("rosters:roster", week_roster.pk)))["Tuesday 1 December"]

    assert "Vera (volunteer) asked, no answer" in tuesday
    assert "! 1 missing" in tuesday


def test_the_roster_opens_at_the_week_of_today_or_its_first_week(carla, week_roster):
    response = carla.get(english("rosters:roster", week_roster.pk))

    assert response.context["week"] == "2026-11-30"
    assert "selected>Week 49" in response.content.decode()


@pytest.fixture
def borger(borger_odoorn, andes, week_roster):
    """A second place in the network, with one opening in the week of 30 November and one in the
    week after it (the roster runs two weeks here)."""
    from naober.places.models import Building, Place

    building = Building.objects.create(
        name="Dorpshuis Borger",
        street_address="Hoofdstraat 1",
        postcode="9531 AA",
        town="Borger",
        latitude=52.9235,
        longitude=6.7933,
    )
    place = Place.objects.create(
        name="Ontmoetingsplek Borger",
        slug="ontmoetingsplek-borger",
        kind="meeting_place",
        building=building,
        municipality=borger_odoorn,
        village="Borger",
    )
    week_roster.end_date = date(2026, 12, 11)
    week_roster.save()
    for day in (date(2026, 12, 1), date(2026, 12, 8)):
        Shift.objects.create(
            roster=week_roster,
            place=place,
            opening_key=f"borger-{day:%Y%m%d}",
            start=datetime.combine(day, time(13, 30), tzinfo=AMSTERDAM),
            end=datetime.combine(day, time(15, 30), tzinfo=AMSTERDAM),
        )
    return place


def places_shown(response) -> dict[str, int]:
    return {place.name: len(rows) for place, rows in response.context["by_place"]}


def test_the_roster_shows_every_place_a_table_of_its_own(carla, week_roster, borger):
    response = carla.get(english("rosters:roster", week_roster.pk))

    assert places_shown(response) == {"Buurtkamer Nieuw-Buinen": 5, "Ontmoetingsplek Borger": 1}
    assert "Ontmoetingsplek Borger Week 49" in text(response)


def test_the_roster_can_show_one_place_and_every_week(carla, week_roster, borger):
    response = carla.get(
        english("rosters:roster", week_roster.pk), {"place": borger.pk, "week": "all"}
    )

    assert places_shown(response) == {"Ontmoetingsplek Borger": 2}
    assert list(rows(response)) == ["Tuesday 1 December", "Tuesday 8 December"]


def test_the_next_week_shows_only_its_openings(carla, week_roster, borger):
    response = carla.get(english("rosters:roster", week_roster.pk), {"week": "2026-12-07"})

    assert places_shown(response) == {"Ontmoetingsplek Borger": 1}
    assert "Week 50: 7 December until 13 December 2026" in text(response)


@pytest.mark.parametrize("query", [{"place": "99999"}, {"week": "2026-01-05"}, {"week": "x"}])
def test_a_place_or_week_not_in_the_roster_shows_the_roster_as_usual(carla, week_roster, query):
    response = carla.get(english("rosters:roster", week_roster.pk), query)

    assert response.status_code == 200
    assert len(response.context["by_place"][0][1]) == 5


def test_another_week_without_openings_says_so(carla, week_roster, borger):
    page = text(
        carla.get(
            english("rosters:roster", week_roster.pk),
            {"week": "2026-12-07", "place": week_roster.shifts.first().place_id},
        )
    )

    assert "No openings in this week at the chosen place." in page


def test_the_roster_prints_one_place_per_page_without_buttons(carla, week_roster):
    response = carla.get(english("rosters:roster", week_roster.pk))

    html = response.content.decode()
    stylesheet = finders.find("rosters/roster.css")
    assert stylesheet, "rosters/roster.css is not found"
    assert "/static/rosters/roster.css" in html
    with open(stylesheet) as css:
        printed = css.read().split("@media print")[1]
    assert ".no-print" in printed and "form" in printed and "display: none" in printed
    assert ".roster-place + .roster-place { break-before: page" in printed
    # What paper must not show carries the class the print rules hide.
    assert re.search(r'<form class="roster-filters no-print"', html)
    assert re.search(r'<form class="roster-cancel no-print"', html)


# Publishing.


@pytest.fixture
def draft(week_roster, nieuw_buinen):
    """A new draft for December, overlapping the published week of 30 November."""
    roster = Roster.objects.create(
        municipality=week_roster.municipality,
        start_date=date(2026, 12, 1),
        end_date=date(2026, 12, 31),
        status=RosterStatus.DRAFT,
    )
    Shift.objects.create(
        roster=roster,
        place=nieuw_buinen,
        opening_key="opening-draft-20261201",
        start=datetime.combine(date(2026, 12, 1), time(9), tzinfo=AMSTERDAM),
        end=datetime.combine(date(2026, 12, 1), time(12), tzinfo=AMSTERDAM),
        people=1,
    )
    return roster


def test_a_draft_says_which_published_roster_it_will_replace(carla, draft, week_roster):
    response = carla.get(english("rosters:roster", draft.pk))

    publish = section(response, "publish-title")
    assert "that one becomes a draft again: 30 November 2026 – 4 December 2026" in publish
    assert f'action="{english("rosters:publish", draft.pk)}"' in response.content.decode()


def test_publishing_replaces_the_overlapping_published_roster(carla, draft, week_roster):
    response = carla.post(english("rosters:publish", draft.pk), follow=True)

    draft.refresh_from_db()
    week_roster.refresh_from_db()
    assert draft.status == RosterStatus.PUBLISHED and draft.published_at >= NOW
    assert week_roster.status == RosterStatus.DRAFT and week_roster.published_at is None
    assert said(response) == [
        "The roster from 1 December 2026 until 31 December 2026 is published: staff see their "
        "shifts and the guide shows who is present. It replaces the roster from 30 November "
        "2026 until 4 December 2026, which is a draft again."
    ]


def test_a_published_roster_has_no_publish_button_and_cannot_be_published_again(carla, week_roster):
    assert "Publish this roster" not in text(carla.get(english("rosters:roster", week_roster.pk)))

    response = carla.post(english("rosters:publish", week_roster.pk), follow=True)

    assert said(response) == ["Only a draft can be published; this roster is: published."]


def test_a_roster_being_made_cannot_be_published(carla, solving):
    carla.post(reverse("rosters:publish", args=[solving.pk]))

    solving.refresh_from_db()
    assert solving.status == RosterStatus.SOLVING


# Someone falls ill.


@pytest.fixture
def repaired(monkeypatch):
    """The repair, standing in: takes the person off and finds Wim for one gap, not the other."""
    calls = []

    def cancel_assignment(assignment, *, actor=None):
        calls.append((assignment.pk, actor))
        assignment.delete()
        return repair.RepairReport(added=[object()], removed=[assignment], gaps=[assignment.shift])

    def absence_added(absence, *, actor=None):
        calls.append((absence, actor))
        return repair.RepairReport(added=[object(), object()], removed=[object(), object()])

    monkeypatch.setattr(repair, "cancel_assignment", cancel_assignment)
    monkeypatch.setattr(repair, "absence_added", absence_added)
    return calls


def test_cancelling_for_illness_repairs_and_says_what_changed(
    carla, week_roster, team, repaired, coordinator_andes
):
    monday = shift_on(week_roster, date(2026, 11, 30))
    lars = monday.assignments.get(person=team["lars"])

    response = carla.post(
        english("rosters:cancel", lars.pk), {"place": str(monday.place_id), "week": "2026-11-30"}
    )

    assert repaired == [(lars.pk, coordinator_andes)]
    assert response.status_code == 303
    assert response["Location"] == (
        english("rosters:roster", week_roster.pk)
        + f"?place={monday.place_id}&week=2026-11-30#shift-{monday.pk}"
    )
    assert said(carla.get(response["Location"])) == [
        "Lars is off the shift. Repaired with 2 changes. 1 opening still lacks people: see the "
        "top of the roster."
    ]


def test_when_nobody_can_step_in_the_real_repair_leaves_a_gap_the_page_shows(
    carla, week_roster, team
):
    tuesday = shift_on(week_roster, date(2026, 12, 1))
    vera = tuesday.assignments.get(person=team["vera"])

    response = carla.post(english("rosters:cancel", vera.pk), follow=True)

    [message] = said(response)
    assert message.startswith("Vera is off the shift. ")
    assert "1 opening still lacks people" in message
    row = rows(response)["Tuesday 1 December"]
    assert "Vera" not in row and "! 1 missing" in row
    assert "Buurtkamer Nieuw-Buinen, Tuesday 1 December" in section(response, "gaps-title")


def test_each_person_on_a_coming_shift_has_a_cancel_button(carla, week_roster):
    html = carla.get(english("rosters:roster", week_roster.pk)).content.decode()

    cancels = re.findall(r'action="/en/rooster/toewijzing/(\d+)/afmelden/"', html)
    assert sorted(map(int, cancels)) == sorted(
        Assignment.objects.filter(shift__roster=week_roster).values_list("pk", flat=True)
    )
    # Each button says, to a screen reader, whom and which day it takes off.
    assert 'Cancel (ill)<span class="visually-hidden">: Anke, Monday 30 November</span>' in html


def test_a_shift_that_is_over_cannot_be_cancelled(
    client, coordinator_andes, week_roster, team, repaired, time_machine
):
    time_machine.move_to(datetime(2026, 11, 30, 12, 30, tzinfo=AMSTERDAM))
    # Logged in on the day: a session from a week ago has run out.
    carla = login(client, coordinator_andes)
    lars = Assignment.objects.get(person=team["lars"])

    response = carla.post(english("rosters:cancel", lars.pk), follow=True)

    assert repaired == []
    assert Assignment.objects.filter(pk=lars.pk).exists()
    assert said(response) == ["This shift is over: Lars cannot be taken off it any more."]


def test_cancelling_is_a_post(carla, week_roster, team, repaired):
    lars = Assignment.objects.get(person=team["lars"])

    assert carla.get(reverse("rosters:cancel", args=[lars.pk])).status_code == 405
    assert repaired == []


# An absence.


def test_the_absence_form_offers_the_networks_people_only(carla, team, hoogeveen):
    make_person(hoogeveen, "Henk", None, ["hosting"], [(3, "10:00", "16:00")])

    response = carla.get(english("rosters:absence", "borger-odoorn"))

    options = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", response.content.decode())
    assert options == ["Anke", "Lars", "Vera", "Wim"]


def test_recording_an_absence_repairs_the_roster_and_says_so(
    carla, week_roster, team, repaired, coordinator_andes
):
    response = carla.post(
        english("rosters:absence", "borger-odoorn"),
        {"person": team["anke"].pk, "start_date": "2026-12-02", "end_date": "2026-12-03"},
    )

    absence = Absence.objects.get()
    assert (absence.person, absence.start_date, absence.end_date) == (
        team["anke"],
        date(2026, 12, 2),
        date(2026, 12, 3),
    )
    assert repaired == [(absence, coordinator_andes)]
    assert response.status_code == 303
    assert response["Location"] == english("rosters:roster", week_roster.pk) + "?week=2026-11-30"
    assert said(carla.get(english("rosters:rosters", "borger-odoorn"))) == [
        "Anke is away from 2 December 2026 until 3 December 2026. Repaired with 4 changes. "
        "Every opening is covered."
    ]


def test_an_absence_outside_any_published_roster_leads_back_to_the_network(
    carla, frozen_now, team, repaired
):
    response = carla.post(
        english("rosters:absence", "borger-odoorn"),
        {"person": team["wim"].pk, "start_date": "2027-02-01", "end_date": "2027-02-05"},
    )

    assert response["Location"] == english("rosters:rosters", "borger-odoorn")


@pytest.mark.parametrize(
    "dates, field, message",
    [
        (
            ("2026-12-04", "2026-12-02"),
            "end_date",
            "The absence ends before it starts: choose 4 December 2026 or later.",
        ),
        (
            ("2026-11-16", "2026-11-20"),
            "start_date",
            "16 November 2026 has passed: choose 23 November 2026 or later.",
        ),
        (("2026-11-16", "2026-11-20"), "end_date", "20 November 2026 has passed"),
        (("4-12", "2026-12-02"), "start_date", "Give the first day as a date"),
        (("2026-12-01", ""), "end_date", "Give the last day they are away."),
    ],
)
def test_an_absence_with_wrong_dates_is_explained_and_kept(
    carla, frozen_now, team, repaired, dates, field, message
):
    start, end = dates

    response = carla.post(
        english("rosters:absence", "borger-odoorn"),
        {"person": team["vera"].pk, "start_date": start, "end_date": end},
    )

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    html = response.content.decode()
    assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', html)
    assert f'value="{start}"' in html
    assert re.search(rf'<option value="{team["vera"].pk}" selected>', html)
    assert repaired == [] and not Absence.objects.exists()


def test_someone_of_another_network_cannot_be_recorded_absent(
    carla, frozen_now, team, hoogeveen, repaired
):
    henk = make_person(hoogeveen, "Henk", None, ["hosting"], [(3, "10:00", "16:00")])

    response = carla.post(
        english("rosters:absence", "borger-odoorn"),
        {"person": henk.pk, "start_date": "2026-12-01", "end_date": "2026-12-02"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["person"] == [
        "Choose a person on this network's roster from the list."
    ]
    assert not Absence.objects.exists()


# Changes waiting for approval.


def test_the_changes_page_lists_what_waits_with_approve_and_refuse(carla, pending_swap):
    response = carla.get(english("rosters:changes", "borger-odoorn"))

    page = text(response)
    assert (
        "Wim gives away Buurtkamer Nieuw-Buinen, Friday 4 December 9:00–12:00; taken by: Vera."
        in page
    )
    html = response.content.decode()
    assert html.count(f'action="{english("rosters:decide", pending_swap.pk)}"') == 2
    assert 'name="decision" value="approve"' in html and 'name="decision" value="refuse"' in html


def test_changes_already_decided_are_not_listed(carla, pending_swap):
    pending_swap.status = ChangeStatus.APPROVED
    pending_swap.save()

    assert "No changes wait for your approval." in text(
        carla.get(english("rosters:changes", "borger-odoorn"))
    )


@pytest.mark.parametrize("decision, approve", [("approve", True), ("refuse", False)])
def test_deciding_a_change_asks_the_rules(
    carla, pending_swap, monkeypatch, coordinator_andes, decision, approve
):
    calls = []
    monkeypatch.setattr(
        "naober.rosters.changes.decide",
        lambda change, *, approve, by: calls.append((change.pk, approve, by)) or change,
    )

    response = carla.post(english("rosters:decide", pending_swap.pk), {"decision": decision})

    assert calls == [(pending_swap.pk, approve, coordinator_andes)]
    assert response["Location"] == english("rosters:changes", "borger-odoorn")


def test_approving_what_the_rules_no_longer_allow_says_why_and_keeps_it_waiting(
    carla, pending_swap
):
    # Vera works Tuesdays and Thursdays: Wim's Friday does not fit her.
    response = carla.post(
        english("rosters:decide", pending_swap.pk), {"decision": "approve"}, follow=True
    )

    [message] = said(response)
    prefix = "This change could not be decided: "
    assert message.startswith(prefix) and len(message) > len(prefix) + 10
    pending_swap.refresh_from_db()
    assert pending_swap.status == ChangeStatus.PENDING
    assert "Wim gives away" in text(response)


def test_refusing_a_change_takes_it_off_the_list(carla, pending_swap):
    response = carla.post(
        english("rosters:decide", pending_swap.pk), {"decision": "refuse"}, follow=True
    )

    pending_swap.refresh_from_db()
    assert pending_swap.status == ChangeStatus.REFUSED
    assert said(response) == ["Refused: the roster stays as it was."]
    assert "No changes wait for your approval." in text(response)


def test_a_change_the_rules_refuse_says_why(carla, pending_swap, monkeypatch):
    def decide(change, *, approve, by):
        raise ChangeError("Vera already works at that time.", code="overlap")

    monkeypatch.setattr("naober.rosters.changes.decide", decide)

    response = carla.post(
        english("rosters:decide", pending_swap.pk), {"decision": "approve"}, follow=True
    )

    assert said(response) == ["This change could not be decided: Vera already works at that time."]


def test_a_decision_that_is_neither_approve_nor_refuse_changes_nothing(
    carla, pending_swap, monkeypatch
):
    calls = []
    monkeypatch.setattr("naober.rosters.changes.decide", lambda *a, **k: calls.append(a))

    response = carla.post(
        english("rosters:decide", pending_swap.pk), {"decision": "maybe"}, follow=True
    )

    assert calls == []
    assert said(response) == ["Nothing was decided: choose “Approve” or “Refuse”."]
