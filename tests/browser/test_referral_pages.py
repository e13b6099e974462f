"""The referral pages in a real browser: axe-core finds no WCAG 2.2 AA fault in the inbox, in a
referral's page or in the form at the desk with its errors shown, and a host can refer a question
with the keyboard and the form alone."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# In English: the Dutch words of these pages come with the translation catalogue.
INBOX = "/en/verwijzingen/"
REFER = "/en/balie/buurtkamer-nieuw-buinen/vraag/"


def test_the_inbox_has_no_wcag_violations(
    page_as, assert_accessible, lefier_consultant, referral_to_lefier
):
    page = page_as(lefier_consultant)

    page.goto(INBOX)

    expect(page.get_by_role("heading", name="Sent to us")).to_be_visible()
    expect(page.get_by_role("link", name=f"Referral {referral_to_lefier.pk}")).to_be_visible()
    assert_accessible(page)


def test_a_referrals_page_has_no_wcag_violations_also_with_an_error(
    page_as, assert_accessible, lefier_consultant, referral_to_lefier
):
    page = page_as(lefier_consultant)
    page.goto(INBOX)
    page.get_by_role("link", name=f"Referral {referral_to_lefier.pk}").click()

    expect(page.get_by_text("Het dak lekt al drie weken boven de slaapkamer.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Accept: we take this up").click()
    expect(page.get_by_text("The referral is now “Accepted”.")).to_be_visible()
    # Closing without an outcome: the error is announced and tied to the outcome's radios.
    page.get_by_role("button", name="Close the referral").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose the outcome before closing.")
    expect(page.get_by_role("radio", name="Helped")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_the_form_with_its_errors_has_no_wcag_violations(
    page_as, assert_accessible, host_nieuw_buinen, lefier_consultant
):
    page = page_as(host_nieuw_buinen)
    page.goto(REFER)

    page.get_by_role("button", name="Refer the question").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Ask the resident first")
    # The summary's link takes the keyboard to the field.
    summary.get_by_role("link", name="Theme: Choose the theme of the question.").click()
    expect(page.get_by_role("radio", name="Housing")).to_be_focused()
    assert_accessible(page)


def test_a_host_refers_a_question_without_javascript(page_as, host_nieuw_buinen, lefier_consultant):
    page = page_as(host_nieuw_buinen, javascript=False)
    page.goto(REFER)

    page.get_by_role("radio", name="Housing").check()
    page.get_by_label("The question, in short").fill("Het dak lekt boven de slaapkamer.")
    page.get_by_role("radio", name="This week").check()
    page.get_by_role("radio", name="By phone").check()
    page.get_by_label("Resident's name").fill("Mevrouw Jansen")
    page.get_by_label("Phone", exact=True).fill("06-12345678")
    page.get_by_label("Refer to").select_option(label="Lefier")
    page.get_by_label("The resident agrees that I pass this question on to this partner").check()
    page.get_by_role("radio", name="The resident's explicit consent").check()
    page.get_by_role("button", name="Refer the question").click()

    expect(page.get_by_role("status")).to_contain_text("Referred to Lefier.")
    expect(page.get_by_role("heading", name="Sent by us")).to_be_visible()
    expect(page.get_by_text("Het dak lekt")).to_have_count(0)
