"""A building needs a Dutch postcode and coordinates inside the Netherlands; a mistake is named
next to its field and nothing is saved."""

import pytest
from django.urls import reverse
from django.utils import translation

from naober.places.models import Building

from .browser import errors_next_to, form_data
from .editing import in_dutch

GOOD = {
    "name": "Huis van de Buurt Wolfsbos",
    "street_address": "Wolfsbos 1",
    "postcode": "7908 AA",
    "town": "Hoogeveen",
    "latitude": "52.7276",
    "longitude": "6.4929",
    "source": "",
}


def add_url() -> str:
    with translation.override("nl"):
        return reverse("admin:places_building_add")


def add_building(client, **changes):
    data = {**GOOD, **changes}
    return client.post(add_url(), {key: value for key, value in data.items() if value is not None})


def test_a_correct_building_is_saved_with_its_postcode_tidied(staff):
    response = add_building(staff, postcode="7908aa")
    assert response.status_code == 302
    building = Building.objects.get()
    assert building.postcode == "7908 AA"
    assert building.x_rd > 0


def test_a_building_without_coordinates_is_refused(staff):
    response = add_building(staff, latitude="", longitude=None)
    assert response.status_code == 200
    assert errors_next_to(response, "latitude") == [
        in_dutch(
            "Give the latitude, so residents can find the building on the map and by distance."
        )
    ]
    assert errors_next_to(response, "longitude") == [
        in_dutch(
            "Give the longitude, so residents can find the building on the map and by distance."
        )
    ]
    assert not Building.objects.exists()


def test_swapped_latitude_and_longitude_are_named_as_swapped(staff):
    response = add_building(staff, latitude="6.4929", longitude="52.7276")
    [at_latitude] = errors_next_to(response, "latitude")
    [at_longitude] = errors_next_to(response, "longitude")
    assert "swapped" in at_latitude or "verwisseld" in at_latitude
    assert at_latitude == in_dutch(
        "This looks like a longitude: latitude and longitude seem to be swapped. "
        "In the Netherlands the latitude lies between %(low)s and %(high)s, for example 52.95.",
        low=50.7,
        high=53.7,
    )
    assert at_longitude.startswith("Dit lijkt een breedtegraad:")
    assert not Building.objects.exists()


@pytest.mark.parametrize(
    "latitude, longitude, wrong",
    [("48.8566", "6.4929", "latitude"), ("52.7276", "13.4050", "longitude")],
)
def test_coordinates_outside_the_netherlands_are_refused_at_the_wrong_one(
    staff, latitude, longitude, wrong
):
    response = add_building(staff, latitude=latitude, longitude=longitude)
    [message] = errors_next_to(response, wrong)
    assert message.startswith("Dit ligt buiten Nederland:")
    right = "longitude" if wrong == "latitude" else "latitude"
    assert errors_next_to(response, right) == []
    assert not Building.objects.exists()


@pytest.mark.parametrize("postcode", ["952 BE", "09521 BE", "9521-BE", "BE 9521", "0521 BE"])
def test_a_malformed_postcode_is_refused_at_the_postcode(staff, postcode):
    response = add_building(staff, postcode=postcode)
    assert errors_next_to(response, "postcode") == [
        in_dutch("Enter a Dutch postcode such as 9521 AB.")
    ]
    assert not Building.objects.exists()


def test_what_was_typed_stays_in_the_form(staff):
    response = add_building(staff, latitude="6.4929", longitude="52.7276", town="Hoogeveen")
    shown = form_data(response, "building_form")
    assert shown["latitude"] == ["6.4929"]
    assert shown["longitude"] == ["52.7276"]
    assert shown["town"] == ["Hoogeveen"]


def test_a_change_to_swapped_coordinates_leaves_the_building_as_it_was(staff, noorderbreedte):
    with translation.override("nl"):
        url = reverse("admin:places_building_change", args=[noorderbreedte.pk])
    data = form_data(staff.get(url), "building_form")
    data["latitude"], data["longitude"] = data["longitude"], data["latitude"]
    response = staff.post(url, data)
    assert errors_next_to(response, "latitude")
    noorderbreedte.refresh_from_db()
    assert (noorderbreedte.latitude, noorderbreedte.longitude) == (52.9627, 6.9396)
