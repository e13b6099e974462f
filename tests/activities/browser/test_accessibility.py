"""axe-core finds no WCAG 2.1 A/AA or 2.2 AA violation on the activities pages, in Dutch and
English: the list, an activity, the sign-up form (also with its errors shown) and a sign-up's
own page, for a seat and for a place on the waiting list."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from naober.activities.links import make_token
from naober.activities.signup import Person, sign_up

pytestmark = pytest.mark.browser

PREFIX = {"nl": "", "en": "/en"}


def signup_page(signup, language: str) -> str:
    with translation.override(language):
        return reverse("activities:signup", args=[make_token(signup)])


@pytest.mark.parametrize("language", PREFIX)
@pytest.mark.parametrize("name", ["list", "search", "activity", "sign_up"])
def test_page_has_no_wcag_violations(page, live_lunch, assert_accessible, name, language):
    session = live_lunch.sessions.order_by("start").first()
    path = {
        "list": "/activiteiten/",
        "search": "/activiteiten/?q=7908&theme=food",
        "activity": f"/activiteit/{live_lunch.pk}/",
        "sign_up": f"/sessie/{session.pk}/aanmelden/",
    }[name]

    response = page.goto(PREFIX[language] + path)

    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", PREFIX)
def test_the_list_with_a_bad_filter_has_no_wcag_violations(
    page, live_lunch, assert_accessible, language
):
    response = page.goto(PREFIX[language] + "/activiteiten/?q=95")

    assert response.status == 400
    expect(page.get_by_role("search").get_by_role("textbox")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible(page)


@pytest.mark.parametrize("language", PREFIX)
def test_the_sign_up_form_with_its_errors_has_no_wcag_violations(
    page, live_lunch, assert_accessible, language
):
    session = live_lunch.sessions.order_by("start").first()
    page.goto(f"{PREFIX[language]}/sessie/{session.pk}/aanmelden/")
    page.locator("#id_people").fill("0")

    page.locator("form.signup-form button[type=submit]").click()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_people")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


@pytest.mark.parametrize("language", PREFIX)
def test_a_sign_ups_page_has_no_wcag_violations(page, live_lunch, assert_accessible, language):
    session = live_lunch.sessions.order_by("start").first()
    seat = sign_up(session, Person(name="Grote familie", phone="06 11111111", people=6))
    sign_up(session, Person(name="Buren", phone="06 22222222", people=4))
    waiting = sign_up(session, Person(name="Mevrouw Jansen", email="jansen@example.nl"))

    for signup in (seat, waiting):
        response = page.goto(signup_page(signup, language))
        assert response.status == 200
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)


@pytest.mark.parametrize("language", PREFIX)
def test_a_broken_link_page_has_no_wcag_violations(page, live_lunch, assert_accessible, language):
    response = page.goto(f"{PREFIX[language]}/aanmelding/not-a-real-link/")
    assert response.status == 400
    assert_accessible(page)
