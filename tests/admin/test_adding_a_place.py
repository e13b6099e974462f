"""A coordinator adds a place with its hours in one go, choosing the holidays it is closed on."""

import html
from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import translation

from naober.places.models import Place
from naober.schedules.holidays import holiday_choices, holiday_keys

from .browser import form_data
from .editing import fill


@pytest.fixture
def add_page(staff, borger_odoorn, noorderbreedte, andes):
    with translation.override("nl"):
        url = reverse("admin:places_place_add")
    response = staff.get(url)
    assert response.status_code == 200
    return url, response


def test_new_place_is_closed_on_every_holiday_until_unticked(add_page):
    _, response = add_page
    assert form_data(response, "place_form")["closed_on_holidays"] == holiday_keys()


def test_holidays_carry_their_dutch_names(add_page):
    page = add_page[1].content.decode()
    for _key, name in holiday_choices("nl"):
        assert name in page
    assert "Koningsdag" in page
    assert "Tweede pinksterdag" in page


def test_name_fills_in_the_slug(add_page):
    page = html.unescape(add_page[1].content.decode())
    assert '"id": "#id_slug", "name": "slug", "dependency_ids": ["#id_name"]' in page


def test_place_is_saved_with_its_hours_and_chosen_holidays(
    staff, add_page, borger_odoorn, noorderbreedte, andes
):
    url, response = add_page
    data = form_data(response, "place_form")
    data.update(
        name=["Buurtkamer Buinen"],
        slug=["buurtkamer-buinen"],
        kind=["buurtkamer"],
        municipality=[str(borger_odoorn.pk)],
        village=["Buinen"],
        building=[str(noorderbreedte.pk)],
        organisations=[str(andes.pk)],
        closed_on_holidays=[
            k for k in holiday_keys() if k not in {"Good Friday", "Liberation Day"}
        ],
    )
    data["opening_rules-TOTAL_FORMS"] = ["1"]
    fill(
        data,
        "opening_rules-0",
        frequency="monthly",
        interval="1",
        week_of_month="-1",
        weekdays=[3],
        start_time="12:00",
        end_time="13:30",
        valid_from="01-01-2026",
        note="Lunch",
    )

    response = staff.post(url, data)

    assert response.status_code == 302, response.context["errors"]
    place = Place.objects.get(slug="buurtkamer-buinen")
    assert list(place.organisations.all()) == [andes]
    assert "Good Friday" not in place.closed_on_holidays
    assert "King's Day" in place.closed_on_holidays
    rule = place.opening_rules.get()
    assert (rule.frequency, rule.week_of_month, rule.weekdays) == ("monthly", -1, [3])
    assert (rule.start_time, rule.end_time, rule.valid_from) == (
        time(12),
        time(13, 30),
        date(2026, 1, 1),
    )


def test_organisations_and_themes_are_checkboxes(add_page, andes):
    page = add_page[1].content.decode()
    assert f'<input type="checkbox" name="organisations" value="{andes.pk}"' in page
    assert '<input type="checkbox" name="themes"' in page
