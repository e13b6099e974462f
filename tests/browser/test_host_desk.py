"""A host at the door with a tablet: counts visits and their themes with the keyboard alone, with
and without JavaScript, on a page axe finds no WCAG 2.2 AA fault in, with targets a finger hits."""

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from naober.schedules.openings import today
from tests.staff import login

pytestmark = pytest.mark.browser

PORTRAIT = {"width": 800, "height": 1280}
LANDSCAPE = {"width": 1280, "height": 800}
# In English: the Dutch words of these pages come with the translation catalogue.
DESK = "/en/balie/buurtkamer-nieuw-buinen/"


@pytest.fixture
def desk_page(new_page, live_server, django_db_serialized_rollback, host_nieuw_buinen):
    """A page logged in as Hanna, host in Nieuw-Buinen, past her second factor: the session is
    made by the test client and its cookie handed to the browser."""

    def make(javascript: bool = True, viewport: dict = PORTRAIT):
        client = login(Client(), host_nieuw_buinen)
        page = new_page(javascript=javascript, locale="en-GB")
        page.set_viewport_size(viewport)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return page

    return make


def focused_text(page) -> str:
    # A locator, not page.evaluate: with JavaScript off, page scripts never run.
    focused = page.locator(":focus")
    return (focused.text_content() or "").strip() if focused.count() == 1 else ""


def tab_to(page, text: str, limit: int = 30) -> None:
    """Press Tab until the focus is on the control with this text, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_text(page) == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_host_counts_three_visits_with_their_themes_by_keyboard_alone(
    desk_page, assert_accessible, javascript
):
    # axe runs inside the page, so only with JavaScript on; desk.js changes nothing on load, so
    # it checks the same page the browser without JavaScript shows.
    def check_accessible(page):
        if javascript:
            assert_accessible(page)

    page = desk_page(javascript=javascript)
    page.goto(DESK)
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtkamer Nieuw-Buinen")
    check_accessible(page)
    if javascript:
        # Gone if a touch reloads the page instead of desk.js updating it in place.
        page.evaluate("window.sameDocument = true")

    # The nth theme button, reached with Tab right after counting; Enter or Space presses.
    for visit, (tabs, theme, key) in enumerate(
        [(1, "Housing", "Enter"), (2, "Care and WMO", "Space"), (4, "Money and debt", "Enter")]
    ):
        if visit == 0:
            tab_to(page, "Visit +1")
        else:
            page.keyboard.press("Tab")
            assert focused_text(page) == "Visit +1"
        page.keyboard.press(key)
        page.wait_for_url("**?visit=*#theme")
        expect(page.locator("#theme legend")).to_contain_text("What was the question about?")
        if visit == 0:
            check_accessible(page)
        for _ in range(tabs):
            page.keyboard.press("Tab")
        assert focused_text(page) == theme
        page.keyboard.press(key)
        page.wait_for_url(f"**{today().isoformat()}/#counter")
        expect(page.locator("#theme")).to_have_count(0)

    expect(page.locator(".total")).to_have_text("3 visits")
    per_theme = page.get_by_role("table", name="Visits per theme")
    for theme in ["Housing", "Care and WMO", "Money and debt"]:
        expect(per_theme.get_by_role("row", name=f"{theme} 1")).to_be_visible()
    expect(page.get_by_role("table").last.get_by_role("row")).to_have_count(4)
    check_accessible(page)
    if javascript:
        assert page.evaluate("window.sameDocument") is True


def test_a_touch_lost_on_the_network_is_sent_again_with_the_same_key_and_counts_once(
    desk_page, nieuw_buinen
):
    page = desk_page()
    sent = []

    def first_one_lost(route):
        sent.append(route.request.post_data_buffer)
        if len(sent) == 1:
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/bezoek/", first_one_lost)
    page.goto(DESK)
    page.get_by_role("button", name="Visit +1").click()

    expect(page.locator("#theme")).to_be_focused()
    keys = [re.search(rb'name="key"\r\n\r\n([-0-9a-f]{36})', body).group(1) for body in sent]
    assert len(keys) == 2 and keys[0] == keys[1]
    expect(page.locator(".total")).to_have_text("1 visit")
    # The page now offers a fresh key for the next visitor.
    fresh = page.locator("input[name=key]").get_attribute("value")
    assert fresh.encode() != keys[0]
    assert nieuw_buinen.visits.count() == 1


@pytest.mark.parametrize("viewport", [PORTRAIT, LANDSCAPE], ids=["portrait", "landscape"])
def test_the_buttons_are_big_enough_for_a_finger_and_the_themes_sit_side_by_side(
    desk_page, viewport
):
    page = desk_page(javascript=False, viewport=viewport)
    page.goto(DESK)
    page.get_by_role("button", name="Visit +1").press("Enter")
    page.wait_for_url("**#theme")

    targets = page.locator(".desk").locator("button, a")
    # Visit +1, ten themes, no theme, undo; the recent visit's theme and undo; the links.
    assert targets.count() >= 15
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48, targets.nth(index).text_content()
    themes = page.locator(".theme-button")
    tops = {round(themes.nth(index).bounding_box()["y"]) for index in range(themes.count())}
    # Eleven buttons in rows of at least two (portrait) or three (landscape).
    assert len(tops) <= (6 if viewport is PORTRAIT else 4)


def test_my_desks_has_no_wcag_violations(desk_page, assert_accessible):
    page = desk_page()
    page.goto("/en/balie/")
    page.get_by_role("link", name="Today's desk").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtkamer Nieuw-Buinen")
    page.go_back()
    assert_accessible(page)
