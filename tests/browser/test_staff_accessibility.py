"""axe-core finds no WCAG 2.2 AA fault on the coordinator's and everyone's own staff pages:
"My work", the figures, a resident's request with what was found, and the API tokens page, in
Dutch and in English."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PREFIX = {"nl": "", "en": "/en"}


@pytest.mark.parametrize("language", PREFIX)
@pytest.mark.parametrize("path", ["/accounts/", "/cijfers/", "/accounts/tokens/"])
def test_coordinator_pages_have_no_wcag_violations(
    page_as, assert_accessible, coordinator_andes, referral_to_lefier, language, path
):
    page = page_as(coordinator_andes)

    response = page.goto(PREFIX[language] + path)

    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


def test_a_residents_request_with_its_findings_has_no_wcag_violations(
    page_as, assert_accessible, coordinator_andes, referral_to_lefier
):
    page = page_as(coordinator_andes)
    page.goto("/en/inzage/")

    page.get_by_label("Phone number or e-mail address").fill("06 12 34 56 78")
    page.get_by_label("Phone number or e-mail address").press("Enter")

    expect(page.get_by_role("heading", name="1 referral found")).to_be_visible()
    assert_accessible(page)
