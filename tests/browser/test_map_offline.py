"""The place page stays usable when the map's tiles cannot load: the address and the way there are
still on the page, and the page says in words that the map failed."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_place_page_says_the_map_failed_and_keeps_the_address_when_tiles_cannot_load(page, network):
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto("/en/plek/buurtkamer-nieuw-buinen/")

    expect(page.get_by_role("status")).to_have_text(re.compile("map could not be loaded"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtkamer Nieuw-Buinen")
    expect(page.get_by_text("Noorderdiep 60")).to_be_visible()
    expect(page.get_by_role("link", name="Open this address in OpenStreetMap")).to_be_visible()
    assert errors == []


def test_place_page_without_javascript_explains_the_missing_map(new_page, network):
    page = new_page(javascript=False)
    page.goto("/en/plek/buurtkamer-nieuw-buinen/")

    expect(page.get_by_role("status")).to_have_text(re.compile("map needs JavaScript"))
    expect(page.get_by_text("Noorderdiep 60")).to_be_visible()
