"""axe-core finds no WCAG 2.2 AA fault on the host's activity pages: the place's coming sessions,
the attendance list with people and a waiting list, and the desk's sign-up form with its errors
shown, in Dutch and in English."""

import pytest
from playwright.sync_api import expect

from naober.activities.signup import Person, sign_up

pytestmark = pytest.mark.browser

PREFIX = {"nl": "", "en": "/en"}


@pytest.fixture
def full_lunch(live_lunch):
    session = live_lunch.sessions.order_by("start").first()
    session.capacity = 2
    session.save()
    sign_up(session, Person(name="Mevrouw Jansen", phone="06 12345601", note="Geen vlees"))
    sign_up(session, Person(name="Meneer de Vries", phone="06 12345602"))
    sign_up(session, Person(name="Mevrouw Bakker", email="bakker@example.org", people=2))
    return session


@pytest.mark.parametrize("language", PREFIX)
def test_the_coming_sessions_and_the_attendance_list_have_no_wcag_violations(
    page_as, assert_accessible, host_wolfsbos, full_lunch, language
):
    page = page_as(host_wolfsbos)
    place = full_lunch.activity.place

    assert page.goto(f"{PREFIX[language]}/balie/{place.slug}/activiteiten/").status == 200
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)

    assert page.goto(f"{PREFIX[language]}/balie/sessie/{full_lunch.pk}/").status == 200
    expect(page.get_by_role("rowheader", name="Mevrouw Bakker")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", PREFIX)
def test_the_desk_sign_up_form_with_its_errors_has_no_wcag_violations(
    page_as, assert_accessible, host_wolfsbos, full_lunch, language
):
    page = page_as(host_wolfsbos)
    page.goto(f"{PREFIX[language]}/balie/sessie/{full_lunch.pk}/aanmelden/")
    assert_accessible(page)

    page.locator("#id_phone").fill("06 1234")
    page.locator("#id_phone").press("Enter")

    expect(page.locator("#id_phone")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_phone")).to_have_value("06 1234")
    assert_accessible(page)
