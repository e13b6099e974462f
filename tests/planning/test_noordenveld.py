"""Noordenveld on the real data: the share of its residents within 1,500 m of the demo's meeting
places (Norg, Roden, Peize), computed by analyse() on the demo and, independently, with plain
Python over CBS's postcode areas (the file naober ships) and the CBS points the demo buildings
stand on."""

import csv
import math
from datetime import date

import pytest
import time_machine
from django.db import transaction

from naober.demo import data
from naober.demo.load import load, load_planning
from naober.places.models import Municipality
from naober.places.postcodes import DATA as PC4_CSV
from naober.planning.analysis import analyse
from naober.planning.constants import CBS_ATTRIBUTION
from naober.planning.coverage import WEEKLY
from tests.demo.conftest import DEMO_PASSWORD, LOADED_AT, LOADED_ON

# A Monday when all three demo places are open (Peize's opens in September 2026).
ON = date(2026, 12, 7)
DETOUR = 1.3


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo with its planning data, loaded once for this module in a transaction that is
    rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(LOADED_AT, tick=False):
            load(today=LOADED_ON)
            load_planning(DEMO_PASSWORD, today=LOADED_ON)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def noordenveld(loaded, db):
    return Municipality.objects.get(slug="noordenveld")


def _point(row: dict) -> tuple[float, float]:
    # Where the centroid falls outside its area, CBS's point inside it (as naober uses it).
    if row["centroid_inside"] == "True":
        return float(row["x_rd"]), float(row["y_rd"])
    return float(row["rep_x_rd"]), float(row["rep_y_rd"])


def by_hand() -> tuple[int, int]:
    """Residents of Noordenveld within 1,500 m (straight line x 1.3) of a demo meeting place,
    and all its residents."""
    with PC4_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_pc4 = {row["pc4"]: row for row in rows}
    buildings = {row["key"]: row for row in data.BUILDINGS}
    places = [
        _point(by_pc4[buildings[place["building"]]["postcode"][:4]])
        for place in data.MEETING_PLACES
    ]
    near = total = 0
    for row in rows:
        if row["gemeente"] != "Noordenveld" or not row["inwoners"]:
            continue
        residents = int(float(row["inwoners"]))
        x, y = _point(row)
        nearest = min(math.hypot(x - px, y - py) * DETOUR for px, py in places)
        total += residents
        if nearest <= 1500:
            near += residents
    return near, total


def test_the_share_within_1500_m_of_the_demo_places_matches_a_calculation_by_hand(noordenveld):
    result = analyse(noordenveld, detour=DETOUR, min_openings_per_week=WEEKLY, today=ON)

    near, total = by_hand()
    assert [p.name for p in result.places if p.counts] == [
        "Ontmoetingsplek Norg",
        "Ontmoetingsplek Peize",
        "Ontmoetingsplek Roden",
    ]
    assert result.overall.population == total
    assert result.overall.share_within[1500] == pytest.approx(near / total, abs=1e-9)
    # The postcode areas 9301 (Roden), 9321 (Peize) and 9331 (Norg): 20,525 of 31,215.
    assert (near, total) == (20525, 31215)
    assert result.sources == [CBS_ATTRIBUTION]


def test_the_villages_without_a_place_nearby_are_the_gaps(noordenveld):
    result = analyse(noordenveld, detour=DETOUR, min_openings_per_week=WEEKLY, today=ON)

    gaps = {a.name for a in result.areas if a.gap}
    assert {"Nieuw-Roden", "Veenhuizen", "Een", "Nietap"} <= gaps
    assert not gaps & {"Roden", "Norg", "Peize"}
    # Worst first: Een-West is the farthest from any place.
    assert result.areas[0].name == "Een-West"
