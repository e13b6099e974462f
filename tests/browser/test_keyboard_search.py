"""A resident searches by postcode and opens a place with the keyboard alone, with and without
JavaScript: the guide must not depend on a mouse or on scripts."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

# A page has a handful of links before the search field and the results; more Tabs than this
# means the target is not reachable by keyboard.
MAX_TABS = 40


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the keyboard focus, as a keyboard user would."""
    expect(target).to_be_visible()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab from the top never reached {target}")


@pytest.mark.parametrize("javascript", [True, False], ids=["with_javascript", "without_javascript"])
def test_resident_finds_a_place_by_postcode_and_opens_it_with_the_keyboard_alone(
    new_page, network, javascript
):
    page = new_page(javascript=javascript)
    page.goto("/")

    # The label names the field for screen readers; "postcode" is the same word in Dutch.
    search_field = page.get_by_role("search").get_by_role(
        "textbox", name=re.compile("postcode", re.IGNORECASE)
    )
    tab_to(page, search_field)
    page.keyboard.type("9521")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=9521(&|$)"))

    results = page.get_by_role("main").get_by_role("list").first
    first_result = results.get_by_role("listitem").first.get_by_role("link")
    expect(first_result).to_have_text("Buurtkamer Nieuw-Buinen")
    tab_to(page, first_result)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/plek/buurtkamer-nieuw-buinen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtkamer Nieuw-Buinen")
    expect(page.get_by_text("Noorderdiep 60")).to_be_visible()
