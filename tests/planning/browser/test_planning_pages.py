"""The policy maker's planning pages in Chromium: the overview with its map and the tables beside
it, a scenario asked with the keyboard alone and followed until it is done, and every page
axe-core clean (WCAG 2.2 AA) in Dutch and English: overview, scenario form with errors, the
finished scenario, buildings and the report; the report on paper.

No request leaves the live server (tests/browser/conftest.py), so the map's tiles fail: the map
must still show its markers and say in words that the background could not load."""

# The browser fixtures (Chromium, axe, a page logged in as the policy maker) come from the
# conftest beside this file.

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from naober.planning.constants import Method, ScenarioStatus
from naober.planning.models import Scenario
from tests.activities.background import run_worker
from tests.planning.toy_network import done_scenario

pytestmark = pytest.mark.browser

PREFIX = {"nl": "", "en": "/en"}
# The header links, the planning menu and the form; more Tabs means it is not reachable.
MAX_TABS = 40
# progress.js asks every 2 s; allow for a few.
FINISHED_MS = 10_000


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the keyboard focus, as a keyboard user would."""
    expect(target).to_be_visible()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {target}")


def test_the_overview_shows_the_map_beside_the_tables(planner, live_network):
    page = planner()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))

    page.goto("/en/planning/")

    expect(page).to_have_url(re.compile(r"/en/planning/noordenveld/$"))
    expect(page.locator("#headline")).to_have_text(
        "79 % of residents live within 1,500 m of a place open at least once a week."
    )
    the_map = page.get_by_role("region", name=re.compile("^Map of where residents live"))
    expect(the_map).to_be_visible()
    # Three circles for the three demand points; a pin for Norg's place; the candidate building.
    expect(the_map.locator("path.leaflet-interactive")).to_have_count(3)
    expect(the_map.locator("img.leaflet-marker-icon")).to_have_count(1)
    expect(the_map.locator(".planning-icon--candidate")).to_have_count(1)
    expect(page.locator("#planning-map-status")).to_have_text(
        re.compile("background map could not be loaded")
    )
    expect(page.get_by_role("heading", name="Legend")).to_be_visible()
    gap_row = page.locator("#figures tr", has_text="Peest")
    expect(gap_row).to_contain_text("Gap: no place near enough")
    expect(page.locator("#points tbody tr")).to_have_count(3)
    expect(page.get_by_text("Bron: CBS, PDOK (CC BY 4.0)")).to_be_visible()
    assert errors == []


def test_without_javascript_the_overview_is_the_tables(planner, live_network):
    page = planner(javascript=False)
    page.goto("/en/planning/noordenveld/")

    expect(page.locator("#planning-map")).to_be_hidden()
    expect(page.locator("#planning-map-status")).to_have_text(re.compile("needs JavaScript"))
    expect(page.locator("#figures")).to_contain_text("Within 1,500 m")
    # The settings form works without a script: a month is often enough for Peest's coffee.
    page.get_by_label("A place counts when it is open at least").select_option("monthly")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.locator("#headline")).to_contain_text("100 % of residents")


def test_a_policy_maker_asks_a_scenario_with_the_keyboard_and_sees_it_finish(
    planner, assert_accessible, live_network
):
    page = planner()
    page.goto("/en/planning/noordenveld/scenario/nieuw/")

    # A mistake first: more new places than there are candidate buildings.
    tab_to(page, page.get_by_label("New places (k)"))
    page.keyboard.type("3")
    tab_to(page, page.get_by_role("button", name="Start the calculation"))
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        "This network has 1 candidate building: choose at most 1 new place."
    )
    assert not Scenario.objects.exists()
    tab_to(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    field = page.get_by_label("New places (k)")
    expect(field).to_be_focused()
    expect(field).to_have_value("3")
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    tab_to(page, page.get_by_label("Name (optional)"))
    page.keyboard.type("Peest")
    tab_to(page, page.get_by_role("button", name="Start the calculation"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("progressbar", name="Progress")).to_be_visible()
    scenario = Scenario.objects.get()
    expect(page).to_have_url(re.compile(rf"/en/planning/noordenveld/scenario/{scenario.pk}/$"))
    assert (scenario.name, scenario.new_places, scenario.radius_m) == ("Peest", 1, 1500)
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    # The script checks by itself: the link to do it by hand is hidden.
    expect(page.get_by_role("link", name="Check again")).to_be_hidden()
    assert_accessible(page)

    run_worker()

    expect(page.get_by_text("Proven best:")).to_be_visible(timeout=FINISHED_MS)
    expect(page.locator("#chosen")).to_contain_text("Sportpark Peest")
    expect(page.get_by_text("40 more residents of 190 are reached.")).to_be_visible()
    expect(page.locator("#planning-map .planning-icon--chosen")).to_have_count(1)


def test_without_javascript_the_progress_page_has_a_link_to_check_again(planner, live_network):
    running = Scenario.objects.create(
        municipality=live_network.municipality,
        method=Method.MAXIMAL_COVERING,
        new_places=1,
        radius_m=1500,
        status=ScenarioStatus.RUNNING,
        progress=30,
    )
    page = planner(javascript=False)
    page.goto(f"/en/planning/noordenveld/scenario/{running.pk}/")

    expect(page.get_by_role("progressbar", name="Progress")).to_have_attribute("value", "30")
    Scenario.objects.filter(pk=running.pk).update(progress=60)
    page.get_by_role("link", name="Check again").click()
    expect(page.get_by_role("progressbar", name="Progress")).to_have_attribute("value", "60")


@pytest.mark.parametrize("language", PREFIX)
def test_the_overview_buildings_and_report_have_no_wcag_violations(
    planner, assert_accessible, live_network, language
):
    done_scenario(live_network)
    page = planner()
    for path in ("", "gebouwen/", "rapport/"):
        assert page.goto(f"{PREFIX[language]}/planning/noordenveld/{path}").status == 200
        expect(page.locator("html")).to_have_attribute("lang", language)
        if not path:
            expect(page.locator("#planning-map")).to_be_visible()
        assert_accessible(page)


@pytest.mark.parametrize("language", PREFIX)
def test_the_scenario_form_with_errors_and_a_finished_scenario_have_no_wcag_violations(
    planner, assert_accessible, live_network, language
):
    scenario = done_scenario(live_network)
    page = planner()

    page.goto(f"{PREFIX[language]}/planning/noordenveld/scenario/nieuw/")
    page.locator("#id_radius_m").fill("0")
    page.locator("#id_new_places").fill("")
    page.locator("#id_radius_m").press("Enter")
    expect(page.locator("#id_radius_m")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_new_places")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.goto(f"{PREFIX[language]}/planning/noordenveld/scenario/{scenario.pk}/")
    expect(page.locator("#chosen")).to_contain_text("Sportpark Peest")
    expect(page.locator("#planning-map")).to_be_visible()
    assert_accessible(page)


def test_on_paper_the_report_shows_its_tables_without_menus_or_map(planner, live_network):
    done_scenario(live_network)
    page = planner()
    page.goto("/en/planning/noordenveld/rapport/")
    expect(page.get_by_role("button", name="Print this report")).to_be_visible()

    page.emulate_media(media="print")

    expect(page.locator("#report-figures")).to_be_visible()
    expect(page.get_by_text("Bron: CBS, PDOK (CC BY 4.0)")).to_be_visible()
    expect(page.get_by_text("Report of 2 March 2026")).to_be_visible()
    for hidden in (
        page.get_by_role("button", name="Print this report"),
        page.get_by_role("navigation", name="Network planning"),
        page.get_by_role("button", name="Log out"),
    ):
        expect(hidden).to_be_hidden()
