"""Coverage: distance to the nearest meeting place and the CBS-style figures, on plain data.

Most instances put two places on a line so every answer can be checked by hand: place "west" at
x=0 and place "east" at x=2,000 (RD metres, y=0).
"""

import csv
import math
from pathlib import Path

import numpy as np
import pytest

import naober.places
from naober.places.geo import to_rd
from naober.planning.coverage import (
    MONTHLY,
    WEEKLY,
    DemandPoints,
    Places,
    StraightLine,
    coverage,
)

# CBS's population per postcode area with centroids, shipped with naober for postcode search
# (the same file as shared/data/pc4_nl_population_centroids.csv).
PC4_CSV = Path(naober.places.__file__).with_name("data") / "pc4_nl_population_centroids.csv"

NO_DETOUR = StraightLine(detour=1.0)


def two_places(west_openings=5.0, east_openings=5.0):
    return Places(
        ids=["west", "east"],
        x_rd=[0.0, 2000.0],
        y_rd=[0.0, 0.0],
        openings_per_week=[west_openings, east_openings],
    )


def points_on_line(xs, population, area=None):
    return DemandPoints(
        ids=[f"p{i}" for i in range(len(xs))],
        x_rd=xs,
        y_rd=[0.0] * len(xs),
        population=population,
        area=area,
    )


def test_each_point_gets_the_distance_to_its_nearest_place():
    result = coverage(points_on_line([300, 1200], [1, 1]), two_places(), distance=NO_DETOUR)

    assert result.distance_m.tolist() == pytest.approx([300, 800])
    assert result.nearest_place == ["west", "east"]
    assert result.demand_ids == ["p0", "p1"]


def test_detour_factor_stretches_every_distance():
    result = coverage(points_on_line([300, 1200], [1, 1]), two_places(), distance=StraightLine(1.3))

    assert result.distance_m.tolist() == pytest.approx([390, 1040])


def test_default_distance_is_straight_line_times_1_3():
    result = coverage(points_on_line([1000 / 1.3], [1]), two_places())

    assert result.distance_m[0] == pytest.approx(1000)


def test_a_road_network_plugs_in_through_the_distance_seam():
    class CityBlocks:
        """Manhattan distance, brute force: stands in for a road network."""

        def nearest(self, demand_xy, place_xy):
            d = np.abs(demand_xy[:, None, :] - place_xy[None, :, :]).sum(axis=2)
            return d.min(axis=1), d.argmin(axis=1)

    demand = DemandPoints(ids=["a"], x_rd=[300.0], y_rd=[400.0], population=[10])

    result = coverage(demand, two_places(), distance=CityBlocks())

    assert result.distance_m[0] == pytest.approx(700)
    assert result.nearest_place == ["west"]


def test_a_place_open_once_a_month_does_not_count_for_the_weekly_tier():
    monthly_west = two_places(west_openings=0.25)
    demand = points_on_line([300], [50])

    every_place = coverage(demand, monthly_west, distance=NO_DETOUR, min_openings_per_week=MONTHLY)
    weekly = coverage(demand, monthly_west, distance=NO_DETOUR, min_openings_per_week=WEEKLY)

    assert (every_place.nearest_place, every_place.distance_m[0]) == (["west"], 300)
    assert (weekly.nearest_place, weekly.distance_m[0]) == (["east"], 1700)


def test_mean_distance_is_weighted_by_population():
    # 300 people at 300 m and 100 people at 800 m: (300*300 + 100*800) / 400 = 425 m.
    result = coverage(points_on_line([300, 1200], [300, 100]), two_places(), distance=NO_DETOUR)

    assert result.overall.population == 400
    assert result.overall.mean_distance_m == pytest.approx(425)


def test_shares_within_thresholds_count_residents_not_points():
    # 200 people at 500 m exactly (within 500 m counts the edge), 100 at 800 m, 60 at 1,500 m
    # and 40 at 3,100 m (x=3,500 and x=5,100 lie past the east place at x=2,000).
    result = coverage(
        points_on_line([500, 1200, 3500, 5100], [200, 100, 60, 40]),
        two_places(),
        distance=NO_DETOUR,
    )

    assert result.distance_m.tolist() == pytest.approx([500, 800, 1500, 3100])
    assert result.overall.share_within == pytest.approx(
        {500: 0.5, 1000: 0.75, 1500: 0.9, 3000: 0.9}
    )


def test_figures_are_reported_per_area():
    demand = points_on_line([300, 1200, 1900], [100, 100, 300], area=["GM1699", "GM1681", "GM1681"])

    result = coverage(demand, two_places(), distance=NO_DETOUR)

    noordenveld, borger_odoorn = result.by_area["GM1699"], result.by_area["GM1681"]
    assert (noordenveld.population, noordenveld.mean_distance_m) == (100, pytest.approx(300))
    # 100 people at 800 m, 300 at 100 m: mean (80,000 + 30,000) / 400 = 275 m.
    assert (borger_odoorn.population, borger_odoorn.mean_distance_m) == (400, pytest.approx(275))
    assert borger_odoorn.share_within[500] == pytest.approx(0.75)
    assert result.overall.population == 500


def test_no_places_is_a_clear_error():
    nowhere = Places(ids=[], x_rd=[], y_rd=[], openings_per_week=[])

    with pytest.raises(ValueError, match="no places to measure distance to"):
        coverage(points_on_line([0], [1]), nowhere)


def test_no_place_open_often_enough_says_so():
    with pytest.raises(ValueError, match="no places to measure distance to open at least 1 times"):
        coverage(points_on_line([0], [1]), two_places(0.25, 0.25), min_openings_per_week=WEEKLY)


def test_empty_demand_gives_zeros():
    result = coverage(points_on_line([], []), two_places())

    assert len(result.distance_m) == 0
    assert result.nearest_place == []
    assert result.overall.population == 0
    assert result.overall.mean_distance_m == 0
    assert set(result.overall.share_within.values()) == {0.0}


@pytest.mark.parametrize("bad", [math.nan, -5])
def test_a_bad_population_names_the_point(bad):
    demand = DemandPoints(ids=["9301", "9331"], x_rd=[0, 1], y_rd=[0, 0], population=[10, bad])

    with pytest.raises(ValueError, match="demand point '9331': population"):
        coverage(demand, two_places())


def test_a_detour_below_one_is_refused():
    with pytest.raises(ValueError, match="detour factor must be 1 or more"):
        StraightLine(detour=0.8)


def test_wgs84_converts_to_the_rd_coordinates_cbs_gives():
    # PC4 1011 (Amsterdam) in the shared data: lat/lon and x_rd/y_rd of the same centroid.
    x, y = to_rd(52.371944, 4.90553)

    assert x == pytest.approx(122197.4, abs=1)
    assert y == pytest.approx(487227.5, abs=1)


# Real data: all 4,068 postcode areas of the Netherlands.


@pytest.fixture(scope="module")
def pc4():
    with PC4_CSV.open(newline="", encoding="utf-8") as f:
        # PC4 5028 has no polygon and so no centroid; it cannot be placed on a map.
        rows = [row for row in csv.DictReader(f) if row["x_rd"]]
    return DemandPoints(
        ids=[row["pc4"] for row in rows],
        x_rd=[float(row["x_rd"]) for row in rows],
        y_rd=[float(row["y_rd"]) for row in rows],
        # CBS leaves a few tiny areas without a figure; they count as nobody living there.
        population=[float(row["inwoners"] or 0) for row in rows],
        area=[row["provincie"] for row in rows],
    )


def places_at(demand, every=1):
    return Places(
        ids=demand.ids[::every],
        x_rd=demand.x_rd[::every],
        y_rd=demand.y_rd[::every],
        openings_per_week=[5.0] * len(demand.ids[::every]),
    )


def test_every_postcode_area_with_a_place_at_its_centroid_is_fully_covered(pc4):
    result = coverage(pc4, places_at(pc4))

    assert len(result.distance_m) == 4067
    assert result.distance_m.max() == 0
    assert result.nearest_place == list(pc4.ids)
    assert result.overall.share_within[500] == 1.0
    assert result.by_area["Drenthe"].population == 494_705


def test_fewer_places_never_bring_anyone_closer(pc4):
    half = coverage(pc4, places_at(pc4, every=2))
    quarter = coverage(pc4, places_at(pc4, every=4))

    assert np.all(quarter.distance_m >= half.distance_m)
    assert quarter.overall.mean_distance_m > half.overall.mean_distance_m
    shares = list(half.overall.share_within.values())
    assert shares == sorted(shares)
    assert 0 < shares[0] < shares[-1] < 1


def test_area_figures_add_up_to_the_national_ones(pc4):
    result = coverage(pc4, places_at(pc4, every=3))

    areas = result.by_area.values()
    total = sum(s.population for s in areas)
    assert total == result.overall.population == pytest.approx(17_472_870)
    weighted_mean = sum(s.population * s.mean_distance_m for s in areas) / total
    assert weighted_mean == pytest.approx(result.overall.mean_distance_m)
