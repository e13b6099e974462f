"""The demo's rosters: each seed network has invented people and a published roster for the 13
weeks from the day of loading, and the guide shows who is present from it."""

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Q

from naober.demo import data
from naober.demo.load import load, load_people, load_rosters
from naober.places.models import Place
from naober.rosters.constants import AssignmentStatus, RosterStatus
from naober.rosters.models import Person, Roster, Share, Shift
from naober.schedules.openings import openings_for
from tests.staff import login

from .conftest import DEMO_PASSWORD, LOADED_AT, LOADED_ON

NEXT_MONDAY = LOADED_ON + timedelta(days=7)
NEXT_WEEK = [NEXT_MONDAY + timedelta(days=i) for i in range(7)]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo with its rosters, loaded once for this module as `naober demo` does, in a
    transaction that is rolled back after the module; each test runs in a savepoint inside it,
    so what one test changes the next does not see."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(LOADED_AT, tick=False):
            load(today=LOADED_ON)
            load_people(DEMO_PASSWORD)
            rosters = load_rosters(DEMO_PASSWORD, today=LOADED_ON)
        yield rosters
        transaction.set_rollback(True)


@pytest.fixture
def demo_rosters(loaded, db):
    return loaded


def nieuw_buinen() -> Place:
    return Place.objects.get(slug=data.NIEUW_BUINEN["slug"])


def test_every_seed_network_has_a_published_roster_for_the_13_weeks_from_loading(demo_rosters):
    assert not demo_rosters.failed
    published = Roster.objects.filter(status=RosterStatus.PUBLISHED)
    assert sorted(r.municipality.slug for r in published) == sorted(
        row["municipality"] for row in data.ROSTERS
    )
    for roster in published:
        assert (roster.start_date, roster.end_date) == (
            LOADED_ON,
            LOADED_ON + timedelta(weeks=13, days=-1),
        )
        assert roster.published_at is not None
        assert roster.shifts.filter(assignments__isnull=False).exists(), roster
    # Everyone on the roster is made up, and says so.
    people = Person.objects.all()
    assert people.count() == demo_rosters.people == sum(len(r["people"]) for r in data.ROSTERS)
    assert all(p.invented and "invented" in p.source.lower() for p in people)


def test_lefier_has_its_agreed_fifth_of_the_nieuw_buinen_mornings(demo_rosters):
    share = Share.objects.get(organisation__name="Lefier")

    assert share.percent == 20
    assert [p.slug for p in share.places.all()] == [data.NIEUW_BUINEN["slug"]]


def test_every_open_opening_next_week_in_nieuw_buinen_is_staffed_or_reported(demo_rosters):
    place = nieuw_buinen()
    roster = Roster.objects.get(municipality=place.municipality, status=RosterStatus.PUBLISHED)
    reported = {row["opening"] for row in roster.score.get("uncovered", [])}
    with time_machine.travel(LOADED_AT, tick=False):
        week = openings_for([place], NEXT_WEEK[0], NEXT_WEEK[-1], rostered=False)[place.pk]
    open_ = [opening for opening in week if opening.is_open]
    # Five mornings, less the invented study day, plus an extra Saturday morning: a real week.
    assert len(open_) >= 4

    for opening in open_:
        shift = roster.shifts.get(opening_key=opening.key)
        on_it = shift.assignments.filter(status=AssignmentStatus.CONFIRMED).select_related(
            "person__organisation"
        )
        there = {a.person.organisation_id for a in on_it}
        promised = {o.pk for o in opening.organisations}
        staffed = on_it.count() >= shift.people and promised <= there
        assert staffed or opening.key in reported, (
            f"{opening.key}: {[a.person.name for a in on_it]} of {shift.people}, not reported"
        )
        # Someone who hosts is there, so residents are welcomed.
        if staffed:
            assert any("hosting" in a.person.skills for a in on_it), opening.key


def present_on(page: str, day) -> str:
    """The "Present:" line of the guide's place page for a day, as a resident reads it."""
    match = re.search(
        rf'<time datetime="{day:%Y-%m-%d}">.*?</h3>(.*?)</li>\s*(?:<li class="day|</ul>)',
        page,
        re.DOTALL,
    )
    assert match, f"no {day} on the page"
    who = re.search(r'<span class="who">Present:(.*?)</span>', match.group(1), re.DOTALL)
    return " ".join(unescape(who.group(1)).split()) if who else ""


def test_the_guide_shows_the_organisations_on_the_roster_next_week(client, demo_rosters):
    place = nieuw_buinen()
    shifts = Shift.objects.filter(
        place=place, roster__status=RosterStatus.PUBLISHED, start__date__in=NEXT_WEEK
    )
    # Lefier's consultant drops out on Wednesday and nobody takes over: the promise of the
    # presence rules no longer holds, and the guide must not make it.
    wednesday = shifts.get(start__date=NEXT_MONDAY + timedelta(days=2))
    assert "Lefier" in [o.name for o in wednesday.organisations.all()]
    wednesday.assignments.filter(person__organisation__name="Lefier").delete()

    with time_machine.travel(LOADED_AT, tick=False):
        page = client.get(f"/en{place.get_absolute_url()}").content.decode()

    assert "Lefier" not in present_on(page, wednesday.start.date())
    shifts = shifts.annotate(
        volunteers=Count("assignments", filter=Q(assignments__person__organisation=None))
    ).prefetch_related("assignments__person__organisation")
    assert shifts
    for shift in shifts:
        names = sorted(
            {a.person.organisation.name for a in shift.assignments.all() if a.person.organisation}
        )
        if shift.volunteers:
            names.append(f"{shift.volunteers} volunteer" + ("s" if shift.volunteers > 1 else ""))
        assert present_on(page, shift.start.date()) == ", ".join(names)


def test_the_guide_counts_the_volunteers_on_the_roster_of_a_friesland_buurtkamer(
    client, demo_rosters
):
    place = Place.objects.get(slug=data.DOKKUM["slug"])
    with time_machine.travel(LOADED_AT, tick=False):
        page = client.get(f"/en{place.get_absolute_url()}").content.decode()

    shift = Shift.objects.filter(
        place=place, roster__status=RosterStatus.PUBLISHED, start__date__in=NEXT_WEEK
    ).first()
    assert shift is not None
    volunteers = shift.assignments.filter(person__organisation=None).count()
    assert volunteers
    assert re.search(rf"\b{volunteers} volunteers?\b", present_on(page, shift.start.date()))


def test_the_demo_volunteer_and_partners_see_their_shifts(client, demo_rosters):
    volunteer = get_user_model().objects.get(username="vrijwilliger-dokkum")
    sjoukje = Person.objects.get(user=volunteer)
    assert sjoukje.organisation is None
    assert sjoukje.municipality.slug == "noardeast-fryslan"
    assert volunteer.check_password(DEMO_PASSWORD)
    # Existing demo logins are on the roster where they work.
    assert Person.objects.get(user__username="lefier").organisation.name == "Lefier"
    assert Person.objects.get(user__username="host-nieuw-buinen").organisation.name == "Andes"

    login(client, volunteer)
    with time_machine.travel(LOADED_AT, tick=True):
        page = client.get("/en/rooster/")

    assert page.status_code == 200
    assert sjoukje.assignments.exists()
    assert "Buurtkamer Dokkum" in page.content.decode()


def test_loading_the_rosters_again_replaces_them_and_keeps_the_people(demo_rosters):
    people = dict(Person.objects.values_list("name", "pk"))

    with time_machine.travel(LOADED_AT, tick=False):
        again = load_rosters(DEMO_PASSWORD, today=LOADED_ON)

    assert dict(Person.objects.values_list("name", "pk")) == people
    assert Roster.objects.count() == len(data.ROSTERS) == len(again.rosters)
    assert get_user_model().objects.filter(username="vrijwilliger-dokkum").count() == 1
