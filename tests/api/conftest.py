"""Places beside the buurtkamer in Nieuw-Buinen, for the API tests: one farther away in
Hoogeveen and one that coordinators have hidden from the guide."""

from datetime import date, time

import pytest

from naober.places.constants import OrganisationKind, PlaceKind
from naober.places.models import Building, Municipality, Organisation, Place, Theme
from naober.schedules.models import OpeningRule


@pytest.fixture
def wolfsbos(db) -> Place:
    """The Huis van de Buurt in Hoogeveen, open Thursdays 10–16, about 40 km from Nieuw-Buinen."""
    municipality = Municipality.objects.create(name="Hoogeveen", slug="hoogeveen")
    building = Building.objects.create(
        name="Wijkcentrum Wolfsbos",
        street_address="Schoolstraat 1",
        postcode="7908 AA",
        town="Hoogeveen",
        latitude=52.7329,
        longitude=6.4929,
        hearing_loop=True,
        computers=True,
    )
    welzijn = Organisation.objects.create(
        name="Stichting Welzijnswerk", kind=OrganisationKind.WELFARE
    )
    welzijn.themes.add(Theme.objects.get(code="welfare"))
    place = Place.objects.create(
        name="Huis van de Buurt Wolfsbos",
        slug="huis-van-de-buurt-wolfsbos",
        kind=PlaceKind.HUIS_VAN_DE_BUURT,
        building=building,
        municipality=municipality,
        village="Wolfsbos",
    )
    place.organisations.add(welzijn)
    place.themes.add(Theme.objects.get(code="care"))
    OpeningRule.objects.create(
        place=place,
        weekdays=[3],
        valid_from=date(2026, 1, 1),
        start_time=time(10),
        end_time=time(16),
    )
    return place


@pytest.fixture
def hidden_place(db, nieuw_buinen) -> Place:
    return Place.objects.create(
        name="Oude buurtkamer",
        slug="oude-buurtkamer",
        kind=PlaceKind.BUURTKAMER,
        building=nieuw_buinen.building,
        municipality=nieuw_buinen.municipality,
        village="Nieuw-Buinen",
        is_public=False,
    )
