"""The whole first login in Chromium, by keyboard: password, setting up the app from the key on
the page, "My work", a new API token; axe-core finds no WCAG 2.2 AA violation on the way, nor on
the pages that say something went wrong. In English (/en/), so the labels read the same before
and after the Dutch catalogue is translated."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.staff import STAFF_PASSWORD

pytestmark = pytest.mark.browser


def code_for(secret: str) -> str:
    return f"{totp(b32decode(secret + '=' * (-len(secret) % 8))):06d}"


@pytest.fixture
def host(django_db_serialized_rollback, host_nieuw_buinen):
    return host_nieuw_buinen


def test_first_login_by_keyboard(new_page, assert_accessible, host):
    page = new_page()
    page.goto("/en/accounts/")
    expect(page).to_have_url(re.compile(r"/en/accounts/login/\?next=%2Fen%2Faccounts%2F$"))
    assert_accessible(page)

    page.keyboard.press("Tab")  # the skip link first
    page.get_by_label("User name").fill("host-nieuw-buinen")
    page.get_by_label("Password").fill("Verkeerd-wachtwoord-1")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_label("User name")).to_have_value("host-nieuw-buinen")
    expect(page.get_by_label("Password")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page).to_have_url(re.compile(r"/en/accounts/login/setup/"))
    expect(page.get_by_role("img")).to_be_visible()
    assert_accessible(page)

    secret = page.locator(".secret").inner_text().replace(" ", "")
    code = page.get_by_role("textbox", name="Code")
    code.fill(f"{(int(code_for(secret)) + 1) % 1_000_000:06d}")
    code.press("Enter")
    expect(code).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.wait_for_timeout(1_100)  # django-otp's wait after a wrong code
    code.fill(code_for(secret))
    code.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/accounts/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    assert_accessible(page)

    page.get_by_role("link", name="My API tokens").click()
    page.get_by_label("Name").fill("Zaaksysteem")
    page.get_by_label("Name").press("Enter")
    expect(page.locator(".new-token__value")).to_contain_text("nbr_")
    assert_accessible(page)


def test_the_locked_page_is_accessible(new_page, assert_accessible, host):
    page = new_page()
    page.goto("/en/accounts/login/")
    for _ in range(11):
        page.get_by_label("User name").fill("host-nieuw-buinen")
        page.get_by_label("Password").fill("Verkeerd-wachtwoord-1")
        with page.expect_navigation():
            page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.get_by_label("Password").count() == 0
    assert_accessible(page)
