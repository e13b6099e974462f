"""Who is present, on the guide: a published roster says who comes, instead of the presence
rules' promise; a draft says nothing yet; a partner whose person cancelled and was not replaced
is no longer shown."""

import re
from datetime import date, datetime, time

import pytest
from django.core.cache import cache

from naober.rosters import presence, repair
from naober.rosters.constants import AssignmentStatus, RosterStatus
from naober.rosters.models import Assignment, Shift
from naober.schedules.openings import openings_for
from naober.schedules.recurrence import AMSTERDAM
from tests.rosters.conftest import make_person

PLACE_PAGE = "/en/plek/buurtkamer-nieuw-buinen/"


def who_on(client, day: date) -> str:
    """The "Present:" line of one day on the place page ("" when there is none)."""
    cache.clear()
    html = client.get(PLACE_PAGE).content.decode()
    days = html.split('<li class="day')
    [found] = [d for d in days if f'<time datetime="{day:%Y-%m-%d}">' in d]
    match = re.search(r'<span class="who">(Present: [^<]*)</span>', found)
    return match.group(1) if match else ""


def test_the_guide_shows_who_the_published_roster_puts_there(client, week_roster):
    # Monday: Anke (Andes) and Lars (Lefier), as promised.
    assert who_on(client, date(2026, 11, 30)) == "Present: Andes, Lefier"
    # Tuesday: Andes is promised; the roster adds Vera, a volunteer.
    assert who_on(client, date(2026, 12, 1)) == "Present: Andes, 1 volunteer"


def test_volunteers_are_counted(client, week_roster, team, borger_odoorn):
    tuesday = week_roster.shifts.get(start__date=date(2026, 12, 1))
    Assignment.objects.create(
        shift=tuesday, person=make_person(borger_odoorn, "Bram", None, ["hosting"], [])
    )

    assert who_on(client, date(2026, 12, 1)) == "Present: Andes, 2 volunteers"


def test_a_draft_roster_leaves_the_promise_of_the_presence_rules(client, week_roster):
    week_roster.status = RosterStatus.DRAFT
    week_roster.save()

    assert who_on(client, date(2026, 12, 1)) == "Present: Andes"


def test_someone_asked_but_not_yet_agreed_is_not_shown(client, week_roster, team):
    tuesday = week_roster.shifts.get(start__date=date(2026, 12, 1))
    Assignment.objects.filter(shift=tuesday, person=team["vera"]).update(
        status=AssignmentStatus.ASKED
    )

    assert who_on(client, date(2026, 12, 1)) == "Present: Andes"


def test_a_partner_whose_person_cancelled_without_a_replacement_disappears(
    client, week_roster, team, django_capture_on_commit_callbacks
):
    monday = date(2026, 11, 30)
    assert who_on(client, monday) == "Present: Andes, Lefier"
    lars = Assignment.objects.get(shift__start__date=monday, person=team["lars"])

    with django_capture_on_commit_callbacks(execute=True):
        report = repair.cancel_assignment(lars)

    assert [s.start.date() for s in report.gaps] == [monday]
    assert who_on(client, monday) == "Present: Andes"


def test_an_opening_on_the_roster_with_nobody_confirmed_shows_nobody(client, week_roster):
    Assignment.objects.filter(shift__start__date=date(2026, 12, 1)).delete()

    assert who_on(client, date(2026, 12, 1)) == ""


def test_the_search_page_shows_who_is_there_now(client, week_roster, nieuw_buinen, team, andes):
    # Today, Monday 23 November, on the roster too: Vera with Anke.
    today = date(2026, 11, 23)
    rule = nieuw_buinen.opening_rules.get()
    shift = Shift.objects.create(
        roster=week_roster,
        place=nieuw_buinen,
        opening_key=f"opening-{rule.pk}-{today:%Y%m%d}",
        start=datetime.combine(today, time(9), tzinfo=AMSTERDAM),
        end=datetime.combine(today, time(12), tzinfo=AMSTERDAM),
        people=2,
    )
    for name in ("anke", "vera"):
        Assignment.objects.create(shift=shift, person=team[name])

    html = client.get("/en/", {"q": "Nieuw-Buinen"}).content.decode()

    assert '<p class="who">Present: Andes, 1 volunteer</p>' in html


def test_two_queries_answer_for_many_places(week_roster, nieuw_buinen, django_assert_num_queries):
    # The shifts with who is on them, and which organisations staff through the roster.
    with django_assert_num_queries(2):
        found = presence.rostered(
            [nieuw_buinen.pk, nieuw_buinen.pk + 1000], date(2026, 11, 30), date(2026, 12, 6)
        )

    assert len(found) == 5
    monday = next(v for k, v in found.items() if k.endswith("20261130"))
    assert [o.name for o in monday.organisations] == ["Andes", "Lefier"]
    assert monday.volunteers == 0
    # The themes of those present go with them (Lefier: housing).
    assert "housing" in monday.themes


def test_an_organisation_not_on_the_roster_is_still_shown_as_promised(
    week_roster, nieuw_buinen, police
):
    """The police come on the first Monday of the month but staff no shifts through the roster:
    the published roster does not make them disappear from the guide."""
    rule = nieuw_buinen.opening_rules.get()
    monday = date(2026, 12, 7)
    Shift.objects.create(
        roster=week_roster,
        place=nieuw_buinen,
        opening_key=f"opening-{rule.pk}-{monday:%Y%m%d}",
        start=datetime.combine(monday, time(9), tzinfo=AMSTERDAM),
        end=datetime.combine(monday, time(12), tzinfo=AMSTERDAM),
    )

    shown = openings_for([nieuw_buinen], monday, monday)[nieuw_buinen.pk][0]

    # Nobody is on that shift: Andes and Lefier (on the roster) are not shown; the police are.
    assert [o.name for o in shown.organisations] == ["Politie Drenthe"]


def test_the_roster_itself_plans_from_the_presence_rules(week_roster, nieuw_buinen):
    """A new roster must not take the published one's people for the promise."""
    tuesday = date(2026, 12, 1)

    shown = openings_for([nieuw_buinen], tuesday, tuesday)[nieuw_buinen.pk][0]
    promised = openings_for([nieuw_buinen], tuesday, tuesday, rostered=False)[nieuw_buinen.pk][0]

    assert shown.volunteers == 1
    assert promised.volunteers == 0
    assert [o.name for o in promised.organisations] == ["Andes"]


@pytest.mark.parametrize("status", [RosterStatus.DRAFT, RosterStatus.FAILED])
def test_only_published_rosters_count(week_roster, nieuw_buinen, status):
    week_roster.status = status
    week_roster.save()

    assert presence.rostered([nieuw_buinen.pk], date(2026, 11, 30), date(2026, 12, 6)) == {}


def test_the_hosts_desk_shows_who_the_roster_puts_there(client, week_roster, host_nieuw_buinen):
    """Tuesday 1 December at the desk in Nieuw-Buinen: Andes, and Vera as a volunteer."""
    from tests.staff import login

    login(client, host_nieuw_buinen)
    response = client.get("/en/balie/buurtkamer-nieuw-buinen/2026-12-01/")

    assert response.status_code == 200
    html = response.content.decode()
    page = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Present: Andes, 1 volunteer" in page
