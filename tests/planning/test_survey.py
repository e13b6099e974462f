"""The needs survey: residents answer anonymously without JavaScript; results count per village."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from naober.places.constants import ThemeCode
from naober.planning import surveys
from naober.planning.models import Survey, SurveyResponse


@pytest.fixture
def buinen_survey(borger_odoorn) -> Survey:
    return Survey.objects.create(
        municipality=borger_odoorn, village="Nieuw-Buinen", slug="nieuw-buinen"
    )


@pytest.fixture
def exloo_survey(borger_odoorn) -> Survey:
    return Survey.objects.create(municipality=borger_odoorn, village="Exloo", slug="exloo")


def answer(survey, *, themes=(), activities=(), horizon="now", transport="walk", wish=""):
    return SurveyResponse.objects.create(
        survey=survey,
        submitted_on=date(2026, 12, 1),
        themes=list(themes),
        activities=list(activities),
        horizon=horizon,
        transport=transport,
        wish=wish,
    )


# --- results -----------------------------------------------------------------------------------


def test_results_count_answers_per_village_and_theme(buinen_survey, exloo_survey):
    answer(buinen_survey, themes=["money", "care"], activities=["coffee"], horizon="3")
    answer(buinen_survey, themes=["money"], activities=["coffee", "meal"], transport="bus")
    answer(buinen_survey, themes=["care", "money"], horizon="3", transport="bus")
    answer(exloo_survey, themes=["youth"], horizon="10")
    with translation.override("en"):
        found = surveys.results(buinen_survey.municipality)
    assert [r.village for r in found] == ["Exloo", "Nieuw-Buinen"]
    exloo, buinen = found
    assert exloo.responses == 1
    assert exloo.themes == [("Young people", 1)]
    assert buinen.survey == buinen_survey
    assert buinen.responses == 3
    assert buinen.themes == [("Money and debt", 3), ("Care and WMO", 2)]
    assert buinen.activities == [("Coffee and a chat", 2), ("Eating together", 1)]
    assert buinen.horizons == [("In about 3 years", 2), ("Now", 1)]
    # Ties go by label.
    assert buinen.transport == [("By bus or a transport service", 2), ("On foot", 1)]


def test_results_translate_labels(buinen_survey):
    answer(buinen_survey, themes=["money"])
    with translation.override("nl"):
        (buinen,) = surveys.results(buinen_survey.municipality)
        dutch = str(ThemeCode.MONEY.label)
    assert dutch != "Money and debt"
    assert buinen.themes == [(dutch, 1)]


def test_results_list_a_village_without_answers_and_leave_out_other_networks(
    buinen_survey, exloo_survey
):
    from naober.places.models import Municipality

    noordenveld = Municipality.objects.create(name="Noordenveld", slug="noordenveld")
    roden = Survey.objects.create(municipality=noordenveld, village="Roden", slug="roden")
    answer(roden, themes=["money"])
    answer(buinen_survey, themes=["care"])
    found = {r.village: r for r in surveys.results(buinen_survey.municipality)}
    assert set(found) == {"Exloo", "Nieuw-Buinen"}
    assert found["Exloo"].responses == 0
    assert found["Exloo"].themes == found["Exloo"].horizons == []
    assert found["Nieuw-Buinen"].responses == 1


def test_results_take_two_queries_however_many_villages(
    buinen_survey, exloo_survey, django_assert_num_queries
):
    for survey in (buinen_survey, exloo_survey):
        for _ in range(5):
            answer(survey, themes=["money", "care"], activities=["meal"])
    with django_assert_num_queries(2):
        found = surveys.results(buinen_survey.municipality)
    assert sum(r.responses for r in found) == 10


# --- the public page ---------------------------------------------------------------------------

GOOD = {
    "themes": ["money", "care"],
    "activities": ["coffee"],
    "horizon": "5",
    "transport": "bicycle",
    "wish": "Een plek om samen te koken.",
}


def url(survey, language="en"):
    prefix = "/en" if language == "en" else ""
    return f"{prefix}/enquete/{survey.slug}/"


def test_survey_page_names_the_village_and_municipality_and_what_happens(client, buinen_survey):
    response = client.get(url(buinen_survey))
    assert response.status_code == 200
    page = response.content.decode()
    assert "A meeting place in Nieuw-Buinen" in page
    assert "The municipality of Borger-Odoorn" in page
    assert "Nobody can see who answered" in page
    assert "<script" not in page
    # Nothing is kept about the visitor but the form's CSRF token.
    assert set(response.cookies) <= {"csrftoken"}
    # Every question is a fieldset with a legend, or a label bound to its text box.
    assert page.count("<legend>") == 4
    assert '<label for="id_wish">' in page


def test_survey_page_is_in_dutch_at_the_root(client, buinen_survey):
    response = client.get(url(buinen_survey, "nl"))
    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    assert "Nieuw-Buinen" in response.content.decode()


def test_a_good_answer_is_stored_with_only_the_date_and_leads_to_thanks(client, buinen_survey):
    response = client.post(url(buinen_survey), GOOD)
    assert response.status_code == 303
    assert response["Location"] == "/en/enquete/nieuw-buinen/bedankt/"
    (stored,) = SurveyResponse.objects.all()
    assert stored.survey == buinen_survey
    assert stored.submitted_on == timezone.localdate()
    assert stored.themes == ["care", "money"]
    assert stored.activities == ["coffee"]
    assert (stored.horizon, stored.transport) == ("5", "bicycle")
    assert stored.wish == "Een plek om samen te koken."
    # No cookie but the CSRF token's.
    assert set(response.cookies) <= {"csrftoken"}
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "Thank you for your answers" in thanks.content.decode()


def test_only_when_and_how_are_required(client, buinen_survey):
    response = client.post(url(buinen_survey), {"horizon": "unsure", "transport": "cannot"})
    assert response.status_code == 303
    stored = SurveyResponse.objects.get()
    assert (stored.themes, stored.activities, stored.wish) == ([], [], "")


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"horizon": ""}, "horizon", "Choose when you think you will need a meeting place."),
        ({"transport": "rocket"}, "transport", "Choose one of the answers in the list."),
        ({"wish": "x" * 501}, "wish", "Write at most 500 characters. You wrote 501 characters."),
        ({"themes": ["money", "astrology"]}, "themes", "Choose only subjects from the list."),
        ({"activities": ["bingo"]}, "activities", "Choose only activities from the list."),
    ],
)
def test_a_bad_answer_is_named_and_nothing_is_stored(client, buinen_survey, change, field, message):
    response = client.post(url(buinen_survey), {**GOOD, **change})
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()
    page = response.content.decode()
    first = f"id_{field}" if field == "wish" else f"id_{field}_0"
    # Listed at the top, linking to the field ...
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert f'href="#{first}"' in summary
    assert message in summary
    # ... and on the field, tied to it for screen readers.
    assert f'<p class="error" id="id_{field}_error">' in page
    widget = re.search(rf'<(input|textarea)[^>]*id="{first}"[^>]*>', page).group(0)
    assert f"id_{field}_error" in widget
    assert 'aria-invalid="true"' in widget
    # What the resident gave is kept.
    if field != "wish":
        assert "Een plek om samen te koken." in page
    if field != "themes":
        assert checked(page, "themes", "money") and checked(page, "themes", "care")
    if field != "transport":
        assert checked(page, "transport", "bicycle")


def checked(page: str, name: str, value: str) -> bool:
    return bool(re.search(rf'<input[^>]*name="{name}" value="{value}"[^>]*checked', page))


def test_a_long_wish_counts_a_line_break_once(client, buinen_survey):
    wish = "a" * 249 + "\r\n" + "b" * 250
    response = client.post(url(buinen_survey), {**GOOD, "wish": wish})
    assert response.status_code == 303
    assert len(SurveyResponse.objects.get().wish) == 500


def test_an_unknown_survey_is_not_found(client, db):
    assert client.get("/en/enquete/nergens/").status_code == 404
    assert client.post("/en/enquete/nergens/", GOOD).status_code == 404
    assert client.get("/en/enquete/nergens/bedankt/").status_code == 404


@pytest.mark.parametrize("closed", ["switched_off", "past_closing_day"])
def test_a_closed_survey_says_so_and_takes_nothing(client, buinen_survey, closed):
    if closed == "switched_off":
        buinen_survey.is_open = False
    else:
        buinen_survey.closes_on = timezone.localdate() - timedelta(days=1)
    buinen_survey.save()
    for response in (client.get(url(buinen_survey)), client.post(url(buinen_survey), GOOD)):
        assert response.status_code == 200
        page = response.content.decode()
        assert "This survey is closed." in page
        assert "<form" not in page.split("<main")[1]
    assert not SurveyResponse.objects.exists()


def test_a_survey_is_open_on_its_closing_day(buinen_survey):
    buinen_survey.closes_on = date(2026, 12, 31)
    assert surveys.is_open(buinen_survey, today=date(2026, 12, 31))
    assert not surveys.is_open(buinen_survey, today=date(2027, 1, 1))


def test_too_many_answers_from_one_address_get_a_readable_429(client, buinen_survey, settings):
    settings.NAOBER_SIGNUP_RATE = "2/h"
    for _ in range(2):
        assert client.post(url(buinen_survey), GOOD).status_code == 303
    response = client.post(url(buinen_survey), GOOD)
    assert response.status_code == 429
    assert "Too many answers" in response.content.decode()
    assert SurveyResponse.objects.count() == 2
