"""Beside the buurtkamer in Nieuw-Buinen and Wolfsbos in Hoogeveen (tests/conftest.py), a place
that coordinators have hidden from the guide."""

import pytest

from naober.places.constants import PlaceKind
from naober.places.models import Place


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
