"""axe-core finds no WCAG 2.1 A/AA or 2.2 AA violation on the guide's pages, in Dutch and English.

axe runs with JavaScript on, after the page has settled (on the place page: the map has tried its
tiles, which are blocked, so the page is checked as a resident without them would see it)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "search_results": "/?q=9521",
    "place": "/plek/buurtkamer-nieuw-buinen/",
    "overview": "/gemeente/borger-odoorn/",
}
PREFIX = {"nl": "", "en": "/en"}


@pytest.mark.parametrize("language", PREFIX)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violations(page, network, assert_accessible, name, language):
    response = page.goto(PREFIX[language] + PAGES[name])
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", language)
    if name == "search_results":
        expect(page.get_by_role("link", name="Buurtkamer Nieuw-Buinen")).to_be_visible()
    # Let late work finish (the map's failed tiles) so axe sees the page a resident sees.
    page.wait_for_load_state("networkidle")
    assert_accessible(page)
