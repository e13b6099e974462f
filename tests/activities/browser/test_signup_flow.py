"""A resident finds the lunch in the list, opens it, signs up, reaches the confirmation page and
cancels, with the keyboard alone, with and without JavaScript: signing up must need neither a
mouse nor scripts. In English: the Dutch words come with the translation catalogue."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from naober.activities.constants import SignUpStatus
from naober.activities.models import SignUp

pytestmark = pytest.mark.browser

# Header links, the four filters and a few cards; more Tabs than this means the target is not
# reachable by keyboard.
MAX_TABS = 40


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the keyboard focus, as a keyboard user would."""
    expect(target).to_be_visible()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {target}")


@pytest.mark.parametrize("javascript", [True, False], ids=["with_javascript", "without_javascript"])
def test_a_resident_signs_up_for_the_lunch_and_cancels_with_the_keyboard_alone(
    new_page, live_lunch, javascript
):
    page = new_page(javascript=javascript, locale="en-GB")
    page.goto("/en/activiteiten/")

    first_card = page.get_by_role("main").get_by_role("listitem").first
    tab_to(page, first_card.get_by_role("link", name="Samen eten"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Samen eten")
    sign_up_link = page.get_by_role("link", name=re.compile(r"^Sign up")).first
    tab_to(page, sign_up_link)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up: Samen eten")
    tab_to(page, page.get_by_label("Your name"))
    page.keyboard.type("Mevrouw Jansen")
    tab_to(page, page.get_by_label("Phone number"))
    page.keyboard.type("06 12345678")
    tab_to(page, page.get_by_label("Anything we should know?"))
    page.keyboard.type("Geen vlees")
    tab_to(page, page.get_by_role("button", name="Sign up"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("You are signed up")
    expect(page).to_have_url(re.compile(r"/en/aanmelding/[^/]+/$"))
    expect(page.get_by_text("Mevrouw Jansen")).to_be_visible()
    signup = SignUp.objects.get()
    assert (signup.status, signup.phone, signup.note) == (
        SignUpStatus.CONFIRMED,
        "+31612345678",
        "Geen vlees",
    )

    tab_to(page, page.get_by_role("button", name="Cancel my sign-up"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your sign-up is cancelled")
    signup.refresh_from_db()
    assert signup.status == SignUpStatus.CANCELLED


@pytest.mark.parametrize("javascript", [True, False], ids=["with_javascript", "without_javascript"])
def test_a_mistake_is_announced_and_its_link_takes_the_keyboard_to_the_field(
    new_page, live_lunch, javascript
):
    session = live_lunch.sessions.order_by("start").first()
    page = new_page(javascript=javascript, locale="en-GB")
    page.goto(f"/en/sessie/{session.pk}/aanmelden/")

    tab_to(page, page.get_by_label("Your name"))
    page.keyboard.type("Mevrouw Jansen")
    tab_to(page, page.get_by_label("Phone number"))
    page.keyboard.type("06 1234")
    tab_to(page, page.get_by_role("button", name="Sign up"))
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("This is not a phone number we can reach.")
    expect(page.get_by_label("Your name")).to_have_value("Mevrouw Jansen")
    phone = page.get_by_label("Phone number")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(phone).to_have_value("06 1234")
    tab_to(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    expect(phone).to_be_focused()
    assert not SignUp.objects.exists()
