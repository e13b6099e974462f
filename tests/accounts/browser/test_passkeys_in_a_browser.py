"""A host adds a passkey in Chromium (its virtual authenticator stands in for a phone or a
security key), logs out, and logs in again with her password and the passkey instead of a code.
axe-core finds no WCAG 2.2 AA violation on the passkeys page. In English (/en/)."""

import re

import pytest
from playwright.sync_api import expect

from naober.accounts.constants import AuditAction, AuditResult
from naober.accounts.models import AuditEvent
from naober.accounts.passkeys import Passkey
from tests.staff import STAFF_PASSWORD, current_code, totp_device

pytestmark = pytest.mark.browser


@pytest.fixture
def host(django_db_serialized_rollback, host_nieuw_buinen, live_server, settings):
    # Passkeys belong to a host name; the live server is http://localhost:<port>, which
    # browsers count as secure.
    assert live_server.url.startswith("http://localhost:")
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    return host_nieuw_buinen


def virtual_authenticator(page):
    """A platform authenticator that says yes to every fingerprint."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def type_password(page):
    page.get_by_label("User name").fill("host-nieuw-buinen")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page).to_have_url(re.compile(r"/en/accounts/login/verify/"))


def test_she_adds_a_passkey_and_logs_in_with_it(new_page, assert_accessible, host):
    device = totp_device(host)
    page = new_page(locale="en-GB")
    virtual_authenticator(page)

    page.goto("/en/accounts/passkeys/")
    type_password(page)
    page.get_by_role("textbox", name="Code").fill(current_code(device))
    page.get_by_role("textbox", name="Code").press("Enter")
    expect(page).to_have_url(re.compile(r"/en/accounts/passkeys/$"))
    expect(page.get_by_text("You have no passkeys yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Add a passkey").click()
    expect(page.get_by_role("rowheader", name="Passkey 1")).to_be_visible()
    assert_accessible(page)
    passkey = Passkey.objects.get(user=host)
    assert AuditEvent.objects.filter(
        action=AuditAction.PASSKEY_ADDED, object_id=str(passkey.pk)
    ).exists()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto("/en/accounts/tokens/")
    type_password(page)
    expect(page.get_by_role("textbox", name="Code")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Use a passkey").click()

    expect(page).to_have_url(re.compile(r"/en/accounts/tokens/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    event = AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR).latest("pk")
    assert (event.result, event.detail["method"]) == (AuditResult.OK, "passkey")
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None


def test_without_javascript_the_page_says_the_app_keeps_working(new_page, host):
    device = totp_device(host)
    page = new_page(javascript=False, locale="en-GB")
    page.goto("/en/accounts/passkeys/")
    type_password(page)
    page.get_by_role("textbox", name="Code").fill(current_code(device))
    page.get_by_role("textbox", name="Code").press("Enter")

    expect(page).to_have_url(re.compile(r"/en/accounts/passkeys/$"))
    expect(page.get_by_text("Adding a passkey needs JavaScript")).to_be_visible()
    expect(page.get_by_role("button", name="Add a passkey")).to_have_count(0)
