"""A resident fills the needs survey with the keyboard alone, with and without JavaScript, in
Dutch and English; a mistake is announced and its link takes the keyboard to the question; axe
finds no WCAG 2.2 AA violation on the survey (empty and with errors) and the thanks page.

Fields are found by their ids, so the Dutch run does not depend on the translations."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from naober.planning.models import SurveyResponse

pytestmark = pytest.mark.browser

PREFIX = {"nl": "", "en": "/en"}
LOCALE = {"nl": "nl-NL", "en": "en-GB"}
# Header links, ten themes and nine activities, two radio groups: more Tabs than this means the
# target is not reachable by keyboard.
MAX_TABS = 50


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until `target` has the keyboard focus, as a keyboard user would."""
    expect(target).to_be_visible()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{MAX_TABS} presses of Tab never reached {target}")


@pytest.mark.parametrize("language", PREFIX)
@pytest.mark.parametrize("javascript", [True, False], ids=["with_javascript", "without_javascript"])
def test_a_resident_answers_the_survey_with_the_keyboard_alone(
    new_page, live_survey, language, javascript
):
    page = new_page(javascript=javascript, locale=LOCALE[language])
    page.goto(f"{PREFIX[language]}/enquete/nieuw-buinen/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Nieuw-Buinen")
    expect(page.get_by_role("main")).to_contain_text("Borger-Odoorn")

    # Two themes and an activity: Tab to each box, Space ticks it.
    for box in ("#id_themes_3", "#id_themes_5", "#id_activities_1"):
        tab_to(page, page.locator(box))
        page.keyboard.press("Space")
    # A radio group is one Tab stop; the arrow keys choose within it.
    tab_to(page, page.locator("#id_horizon_0"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_horizon_2")).to_be_checked()
    tab_to(page, page.locator("#id_transport_0"))
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_transport_1")).to_be_checked()
    tab_to(page, page.locator("#id_wish"))
    page.keyboard.type("Graag een plek met een keuken.")
    tab_to(page, page.locator("form.survey-form button[type=submit]"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"{PREFIX[language]}/enquete/nieuw-buinen/bedankt/$"))
    if language == "en":
        expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answers")
    stored = SurveyResponse.objects.get()
    assert stored.survey == live_survey
    assert stored.themes == ["money", "work"]
    assert stored.activities == ["meal"]
    assert (stored.horizon, stored.transport) == ("5", "bicycle")
    assert stored.wish == "Graag een plek met een keuken."


@pytest.mark.parametrize("javascript", [True, False], ids=["with_javascript", "without_javascript"])
def test_a_missing_answer_is_announced_and_its_link_takes_the_keyboard_to_the_question(
    new_page, live_survey, javascript
):
    page = new_page(javascript=javascript, locale="en-GB")
    page.goto("/en/enquete/nieuw-buinen/")
    tab_to(page, page.get_by_label("Money and debt"))
    page.keyboard.press("Space")
    tab_to(page, page.locator("#id_transport_0"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Send my answers"))
    page.keyboard.press("Enter")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Choose when you think you will need a meeting place.")
    # What was given is kept.
    expect(page.get_by_label("Money and debt")).to_be_checked()
    expect(page.locator("#id_transport_0")).to_be_checked()
    first = page.locator("#id_horizon_0")
    expect(first).to_have_attribute("aria-invalid", "true")
    tab_to(page, summary.get_by_role("link"))
    page.keyboard.press("Enter")
    expect(first).to_be_focused()
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("language", PREFIX)
def test_the_survey_pages_have_no_wcag_violations(page, live_survey, assert_accessible, language):
    # axe runs in the page, so this context has JavaScript; the pages themselves have none.
    response = page.goto(f"{PREFIX[language]}/enquete/nieuw-buinen/")
    assert response.status == 200
    assert_accessible(page)

    page.locator("form.survey-form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_horizon_0")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.locator("#id_horizon_1").check()
    page.locator("#id_transport_2").check()
    page.locator("form.survey-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/bedankt/$"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize("language", PREFIX)
def test_a_closed_survey_has_no_wcag_violations(page, live_survey, assert_accessible, language):
    live_survey.is_open = False
    live_survey.save()
    response = page.goto(f"{PREFIX[language]}/enquete/nieuw-buinen/")
    assert response.status == 200
    expect(page.locator("form.survey-form")).to_have_count(0)
    assert_accessible(page)
