"""Organisations are filtered by kind and get their themes as checkboxes."""

from django.urls import reverse
from django.utils import translation

from naober.places.models import Organisation, Theme

from .browser import form_data


def url(name: str, *args) -> str:
    with translation.override("nl"):
        return reverse(f"admin:places_organisation_{name}", args=args)


def test_changelist_filters_by_kind(staff, andes, lefier):
    response = staff.get(url("changelist"), {"kind__exact": "housing"})
    assert [o.name for o in response.context["cl"].result_list] == ["Lefier"]


def test_themes_are_ticked_checkboxes(staff, andes):
    response = staff.get(url("change", andes.pk))
    welfare = Theme.objects.get(code="welfare")
    assert form_data(response, "organisation_form")["themes"] == [str(welfare.pk)]
    assert response.content.decode().count('<input type="checkbox" name="themes"') == 10


def test_ticking_a_theme_saves_it(staff, andes):
    data = form_data(staff.get(url("change", andes.pk)), "organisation_form")
    money = Theme.objects.get(code="money")
    data["themes"].append(str(money.pk))
    assert staff.post(url("change", andes.pk), data).status_code == 302
    assert set(Organisation.objects.get(pk=andes.pk).themes.values_list("code", flat=True)) == {
        "welfare",
        "money",
    }
