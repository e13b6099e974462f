"""axe-core finds no WCAG 2.1 A/AA or 2.2 AA violation on the guide's pages, in Dutch and English.

axe runs with JavaScript on, after the page has settled: on the place page the map has tried its
tiles (blocked here), so axe sees what a resident sees when the tiles do not load."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "search_results": "/?q=9521",
    # A search that cannot be answered: the message must reach a screen reader too.
    "search_error": "/?q=95",
    "place": "/plek/buurtkamer-nieuw-buinen/",
    "overview": "/gemeente/borger-odoorn/",
}
PREFIX = {"nl": "", "en": "/en"}


@pytest.mark.parametrize("language", PREFIX)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_wcag_violations(page, network, assert_accessible, name, language):
    response = page.goto(PREFIX[language] + PAGES[name])
    assert response.status == (400 if name == "search_error" else 200)
    expect(page.locator("html")).to_have_attribute("lang", language)
    if name == "search_results":
        expect(page.get_by_role("link", name="Buurtkamer Nieuw-Buinen")).to_be_visible()
    if name == "search_error":
        search_field = page.get_by_role("search").get_by_role("textbox").first
        expect(search_field).to_have_attribute("aria-invalid", "true")
    if name == "place":
        # The map script empties its status line, then says so when the tiles fail.
        expect(page.get_by_role("status")).not_to_be_empty()
    assert_accessible(page)


def test_accessibility_check_names_the_rule_and_the_element_it_fails_on(browser, assert_accessible):
    # Guards the check itself: with a wrong tag list axe would run no rules and pass everything.
    page = browser.new_page()
    try:
        page.set_content(
            '<html lang="en"><head><title>Search</title></head>'
            '<body><main><h1>Search</h1><input id="postcode"></main></body></html>'
        )
        with pytest.raises(AssertionError, match=r"(?s)label - .*#postcode"):
            assert_accessible(page)
    finally:
        page.close()
