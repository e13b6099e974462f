"""Every admin page answers, in Dutch at /beheer/ and in English at /en/beheer/."""

import pytest
from django.urls import reverse
from django.utils import translation

from naober.places.models import Municipality

MODELS = ["municipality", "organisation", "building", "place"]


def admin_url(name: str, *args, language: str = "nl") -> str:
    with translation.override(language):
        return reverse(f"admin:{name}", args=args)


@pytest.fixture
def objects(nieuw_buinen):
    return {
        "municipality": nieuw_buinen.municipality,
        "organisation": nieuw_buinen.organisations.get(name="Andes"),
        "building": nieuw_buinen.building,
        "place": nieuw_buinen,
    }


def test_admin_lives_at_beheer_in_dutch_and_at_en_beheer_in_english():
    assert admin_url("index") == "/beheer/"
    assert admin_url("index", language="en") == "/en/beheer/"


def test_index_is_dutch_with_naober_titles(staff):
    response = staff.get("/beheer/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="nl"' in page
    assert "Uitloggen" in page
    assert "naober beheer" in page
    assert "Django" not in page


def test_admin_stays_dutch_for_a_browser_that_asks_for_english(staff):
    page = staff.get("/beheer/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="nl"' in page


def test_english_admin_is_english(staff):
    page = staff.get("/en/beheer/").content.decode()
    assert '<html lang="en"' in page
    assert "Log out" in page


@pytest.mark.parametrize("model", MODELS)
def test_changelist_answers_in_dutch(staff, objects, model):
    response = staff.get(admin_url(f"places_{model}_changelist"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "om te wijzigen" in page  # "Selecteer ... om te wijzigen"
    assert str(objects[model]) in page


@pytest.mark.parametrize("model", MODELS)
def test_add_page_answers_in_dutch(staff, model):
    response = staff.get(admin_url(f"places_{model}_add"))
    assert response.status_code == 200
    assert "Opslaan" in response.content.decode()


@pytest.mark.parametrize("model", MODELS)
def test_change_page_answers_in_dutch(staff, objects, model):
    response = staff.get(admin_url(f"places_{model}_change", objects[model].pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Opslaan en opnieuw bewerken" in page
    assert "Verwijderen" in page


def test_changelist_search_finds_a_place_by_village(staff, nieuw_buinen):
    response = staff.get(admin_url("places_place_changelist"), {"q": "nieuw-buinen"})
    assert response.context["cl"].result_count == 1
    response = staff.get(admin_url("places_place_changelist"), {"q": "Wolfsbos"})
    assert response.context["cl"].result_count == 0


def test_place_changelist_filters_by_municipality_and_kind(staff, nieuw_buinen):
    hoogeveen = Municipality.objects.create(name="Hoogeveen", slug="hoogeveen")
    url = admin_url("places_place_changelist")
    page = staff.get(url).content.decode()
    assert f"?municipality__id__exact={hoogeveen.pk}" in page
    assert "?kind__exact=buurtkamer" in page
    assert staff.get(url, {"municipality__id__exact": hoogeveen.pk}).context["cl"].result_count == 0
    assert staff.get(url, {"kind": "area_team"}).context["cl"].result_count == 0
    assert staff.get(url, {"kind": "buurtkamer"}).context["cl"].result_count == 1
