"""Helpers for the schedules tests: a place with rules made in one line."""

from datetime import date

import pytest
from django.utils import translation

from naober.places.constants import PlaceKind
from naober.places.models import Place
from naober.schedules.models import OpeningRule


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in Dutch, the guide's default, whatever a test before it left active."""
    with translation.override("nl"):
        yield


@pytest.fixture
def make_place(borger_odoorn, noorderbreedte):
    """A place in Borger-Odoorn with no rules yet; pass `opening_rules` as dicts to add some."""
    made = []

    def make(slug: str = "", *, opening_rules=(), **fields) -> Place:
        slug = slug or f"plek-{len(made) + 1}"
        place = Place.objects.create(
            name=fields.pop("name", slug.replace("-", " ").title()),
            slug=slug,
            kind=fields.pop("kind", PlaceKind.MEETING_PLACE),
            building=fields.pop("building", noorderbreedte),
            municipality=fields.pop("municipality", borger_odoorn),
            village=fields.pop("village", "Nieuw-Buinen"),
            **fields,
        )
        for rule in opening_rules:
            OpeningRule.objects.create(place=place, **{"valid_from": date(2026, 1, 1), **rule})
        made.append(place)
        return place

    return make
