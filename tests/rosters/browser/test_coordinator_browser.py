"""The coordinator's roster pages in Chromium: making a quarter's roster with the keyboard alone,
the roster per place and week, and its errors, axe-core clean (WCAG 2.2 AA) in Dutch and English;
the progress page following the generation without JavaScript; the roster on paper.

The roster is `week_roster` (tests/rosters/conftest.py, with time frozen at 23 November 2026),
with one gap (nobody for Vera on Tuesday) and one person asked who has not answered, so every
state of a row is on the page."""

# The browser fixtures (Chromium, axe, page_as) come from the conftest beside this file.

import re
from datetime import date

import pytest
from playwright.sync_api import Locator, Page, expect

from naober.rosters.constants import AssignmentStatus, ChangeKind, ChangeStatus, RosterStatus
from naober.rosters.models import Assignment, Roster, ShiftChange

pytestmark = pytest.mark.browser

PREFIX = {"nl": "", "en": "/en"}
# Header links, the list of rosters and the form; more Tabs than this means the target is not
# reachable by keyboard.
MAX_TABS = 40
# The progress page reloads itself every 3 seconds; allow for two reloads.
RELOADED_MS = 10_000


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the keyboard focus, as a keyboard user would."""
    expect(target).to_be_visible()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {target}")


@pytest.fixture
def live_roster(django_db_serialized_rollback, week_roster, team):
    """The week of 30 November with Vera off Tuesday (a gap) and Wim asked for Friday instead of
    confirmed. Live-server tests empty the database afterwards; the serialized rollback brings
    back the rows the migrations made."""
    Assignment.objects.filter(person=team["vera"], shift__start__date=date(2026, 12, 1)).delete()
    Assignment.objects.filter(person=team["wim"], shift__start__date=date(2026, 12, 4)).update(
        status=AssignmentStatus.ASKED
    )
    return week_roster


@pytest.mark.parametrize("language", PREFIX)
def test_the_roster_page_has_no_wcag_violations(
    page_as, assert_accessible, coordinator_andes, live_roster, language
):
    page = page_as(coordinator_andes)

    assert page.goto(f"{PREFIX[language]}/rooster/{live_roster.pk}/").status == 200

    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(f"#shift-{live_roster.shifts.get(start__day=4).pk}")).to_contain_text("Wim")
    assert_accessible(page)


@pytest.mark.parametrize("language", PREFIX)
def test_the_network_page_and_the_generate_form_with_errors_have_no_wcag_violations(
    page_as, assert_accessible, coordinator_andes, live_roster, language
):
    page = page_as(coordinator_andes)
    assert page.goto(f"{PREFIX[language]}/rooster/netwerk/borger-odoorn/").status == 200
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)

    page.locator("#id_period_5").check()
    page.locator("#id_start_date").fill("2027-02-01")
    page.locator("#id_end_date").fill("2027-01-31")
    page.locator("#id_end_date").press("Enter")

    expect(page.locator("#id_end_date")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_start_date")).to_have_value("2027-02-01")
    assert_accessible(page)


@pytest.mark.parametrize("language", PREFIX)
def test_the_absence_form_and_the_changes_page_have_no_wcag_violations(
    page_as, assert_accessible, coordinator_andes, live_roster, team, language
):
    ShiftChange.objects.create(
        kind=ChangeKind.GIVE_AWAY,
        status=ChangeStatus.PENDING,
        shift=live_roster.shifts.get(start__day=2),
        from_person=team["wim"],
        to_person=team["vera"],
    )
    page = page_as(coordinator_andes)
    page.goto(f"{PREFIX[language]}/rooster/netwerk/borger-odoorn/afwezig/")
    page.locator("#id_start_date").fill("2026-11-02")
    page.locator("#id_start_date").press("Enter")
    expect(page.locator("#id_person")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    assert page.goto(f"{PREFIX[language]}/rooster/netwerk/borger-odoorn/wijzigingen/").ok
    expect(page.get_by_role("button", name=re.compile("Approve|Goedkeuren"))).to_be_visible()
    assert_accessible(page)


def test_a_coordinator_makes_a_quarters_roster_with_the_keyboard_alone(
    page_as, coordinator_andes, live_roster
):
    page = page_as(coordinator_andes)
    page.goto("/en/rooster/netwerk/borger-odoorn/")

    # A mistake first: other dates, the last before the first. Day and month are the same
    # number, so the dates read alike in any order the browser's date field asks them in.
    tab_to(page, page.get_by_role("radio", name=re.compile(r"^Quarter 1 2027")))
    for _ in range(4):
        page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="Other dates")).to_be_checked()
    tab_to(page, page.get_by_label("From", exact=True))
    page.keyboard.type("02022027")
    tab_to(page, page.get_by_label("Until", exact=True))
    page.keyboard.type("01012027")
    tab_to(page, page.get_by_role("button", name="Make the roster"))
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("The roster ends before it starts")
    tab_to(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Until", exact=True)).to_be_focused()

    # Then the next quarter, as offered.
    tab_to(page, page.get_by_role("radio", name="Other dates"))
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("radio", name=re.compile(r"^Quarter 2 2027"))).to_be_checked()
    for field in ("From", "Until"):
        tab_to(page, page.get_by_label(field, exact=True))
        # One emptied part of a date empties the date.
        page.keyboard.press("Backspace")
    tab_to(page, page.get_by_role("button", name="Make the roster"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("% done")
    made = Roster.objects.exclude(pk=live_roster.pk).get()
    assert (made.start_date, made.end_date) == (date(2027, 4, 1), date(2027, 6, 30))
    expect(page).to_have_url(re.compile(rf"/en/rooster/{made.pk}/$"))


def test_the_progress_page_follows_the_generation_without_javascript_when_asked(
    page_as, coordinator_andes, live_roster, borger_odoorn
):
    making = Roster.objects.create(
        municipality=borger_odoorn,
        start_date=date(2027, 1, 1),
        end_date=date(2027, 3, 31),
        status=RosterStatus.SOLVING,
        progress=40,
    )
    page = page_as(coordinator_andes, javascript=False)
    page.goto(f"/en/rooster/{making.pk}/")

    progress = page.get_by_role("progressbar", name="Progress")
    expect(progress).to_have_attribute("value", "40")
    expect(page.get_by_role("status")).to_contain_text("40 % done")
    # Nothing reloads unasked; the coordinator asks for it.
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    page.get_by_role("link", name="Update by itself every few seconds").click()
    expect(page).to_have_url(re.compile(r"\?auto=1$"))

    Roster.objects.filter(pk=making.pk).update(progress=85)
    expect(page.get_by_role("status")).to_contain_text("85 % done", timeout=RELOADED_MS)

    # Done: the next reload shows the roster. (This draft has no openings of its own.)
    Roster.objects.filter(pk=making.pk).update(status=RosterStatus.DRAFT, progress=100)
    expect(page.get_by_role("button", name="Publish this roster")).to_be_visible(
        timeout=RELOADED_MS
    )


def test_with_javascript_the_progress_updates_in_place_and_has_no_wcag_violations(
    new_page, page_as, assert_accessible, coordinator_andes, live_roster, borger_odoorn
):
    making = Roster.objects.create(
        municipality=borger_odoorn,
        start_date=date(2027, 1, 1),
        end_date=date(2027, 3, 31),
        status=RosterStatus.SOLVING,
        progress=40,
    )
    page = page_as(coordinator_andes)
    page.goto(f"/en/rooster/{making.pk}/")

    expect(page.get_by_role("status")).to_contain_text("40 % done")
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert_accessible(page)

    Roster.objects.filter(pk=making.pk).update(progress=85)
    expect(page.get_by_role("status")).to_contain_text("85 % done", timeout=RELOADED_MS)
    Roster.objects.filter(pk=making.pk).update(status=RosterStatus.DRAFT, progress=100)
    expect(page.get_by_role("button", name="Publish this roster")).to_be_visible(
        timeout=RELOADED_MS
    )


def test_on_paper_the_roster_shows_its_tables_without_buttons_or_menus(
    page_as, coordinator_andes, live_roster
):
    page = page_as(coordinator_andes)
    page.goto(f"/en/rooster/{live_roster.pk}/")
    expect(page.get_by_role("button", name=re.compile(r"^Cancel \(ill\)")).first).to_be_visible()

    page.emulate_media(media="print")

    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_text("Anke").first).to_be_visible()
    expect(page.get_by_text("1 missing").first).to_be_visible()
    for hidden in (
        page.get_by_role("button", name=re.compile(r"^Cancel \(ill\)")).first,
        page.get_by_role("button", name="Show"),
        page.get_by_role("navigation"),
        page.get_by_role("button", name="Log out"),
    ):
        expect(hidden).to_be_hidden()
