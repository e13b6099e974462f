"""Coverage: how far every resident lives from the nearest meeting place. No Django here.

Points and places in, figures out. The flow:

1. The caller hands over `DemandPoints` (id, RD New coordinates in metres, population and an
   optional area key such as a municipality code) and `Places` (id, RD coordinates, openings per
   week). Callers with WGS84 coordinates convert them first with
   `naober.places.geo.to_rd(latitude, longitude)` (pyproj, no Django).
2. The reach rule drops the places that are not open often enough (see below).
3. A `Distance` finds, for every demand point, the nearest remaining place and how far it is.
4. `coverage()` returns a `CoverageResult`: per point the distance and the nearest place's id, and
   the figures CBS uses for its nearness statistics ("nabijheid voorzieningen"): the
   person-weighted mean distance and the share of residents within 500 m, 1 km, 1.5 km and 3 km,
   for all points together and per area.

Distance. The default, `StraightLine`, is the straight-line distance in RD New times a detour
factor. The default factor 1.3 is a common ratio of road distance to straight-line distance in
the Dutch countryside (villages joined by a fairly fine road grid; ratios of 1.2-1.4 are usual,
higher where water or rail must be crossed). It is a parameter, so an analyst can state the one
they use. A road network plugs in through the `Distance` protocol: any object with
`nearest(demand_xy, place_xy) -> (distance_m, place_index)` will do. A road-network
implementation would snap both point sets to network nodes and run one multi-source Dijkstra
from the places (scipy.sparse.csgraph.dijkstra with `min_only=True` returns the nearest source
per node), so the rest of this module does not change.

Reach by how often a place is open. One morning a month does not serve a village the way a
buurtkamer open every weekday does. The rule is a plain threshold: `min_openings_per_week`.
Places open less often than that do not count at all. Tiers come from running coverage once per
threshold, e.g. `WEEKLY` (1.0: at least once a week) and `MONTHLY` (12/52: at least about once a
month). We chose a threshold over scaling each place's radius by its openings because a scaled
radius makes "the nearest place" and the CBS-style figures hard to read: a resident 800 m from a
monthly place and 1,200 m from a daily one would have no single distance to report.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from scipy.spatial import cKDTree

# The distances CBS reports nearness figures for, in metres.
THRESHOLDS_M = (500, 1000, 1500, 3000)

# Road distance over straight-line distance; see the module docstring.
DEFAULT_DETOUR = 1.3

# Reach tiers for `min_openings_per_week`.
WEEKLY = 1.0
MONTHLY = 12 / 52


@dataclass(frozen=True)
class DemandPoints:
    """Where residents live: one row per point (a PC4 centroid, a 100 m grid cell, an address)."""

    ids: Sequence[Hashable]
    x_rd: Sequence[float]
    y_rd: Sequence[float]
    population: Sequence[float]
    # A group key per point (municipality code, village); None when there are no areas.
    area: Sequence[Hashable] | None = None

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True)
class Places:
    """The meeting places: one row per place, with how often it is open."""

    ids: Sequence[Hashable]
    x_rd: Sequence[float]
    y_rd: Sequence[float]
    openings_per_week: Sequence[float]

    def __len__(self) -> int:
        return len(self.ids)


class Distance(Protocol):
    """How far a demand point is from a place, in metres along whatever it models."""

    def nearest(self, demand_xy: np.ndarray, place_xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For arrays of shape (n, 2) and (m, 2) with m >= 1: the distance to the nearest place
        and that place's row index, both of shape (n,)."""
        ...


@dataclass(frozen=True)
class StraightLine:
    """Straight-line distance in RD New times a detour factor (default 1.3, see the module)."""

    detour: float = DEFAULT_DETOUR

    def __post_init__(self):
        if not (math.isfinite(self.detour) and self.detour >= 1.0):
            raise ValueError(f"the detour factor must be 1 or more, not {self.detour}")

    def nearest(self, demand_xy: np.ndarray, place_xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # A constant factor does not change which place is nearest, so the tree stays straight.
        straight, index = cKDTree(place_xy).query(demand_xy, k=1)
        return np.asarray(straight, dtype=float) * self.detour, np.asarray(index, dtype=np.intp)


@dataclass(frozen=True)
class Summary:
    """CBS-style nearness figures for a group of demand points."""

    population: float
    mean_distance_m: float
    # threshold in metres -> share of residents (0..1) living at most that far away
    share_within: dict[int, float]


@dataclass(frozen=True)
class CoverageResult:
    demand_ids: list[Hashable]
    # Per demand point, in the order given: distance in metres and the nearest place's id.
    distance_m: np.ndarray
    nearest_place: list[Hashable]
    overall: Summary
    by_area: dict[Hashable, Summary] = field(default_factory=dict)


def coverage(
    demand: DemandPoints,
    places: Places,
    *,
    distance: Distance | None = None,
    min_openings_per_week: float = 0.0,
    thresholds: Sequence[int] = THRESHOLDS_M,
) -> CoverageResult:
    """Distance from every demand point to the nearest place open at least
    `min_openings_per_week`, with the person-weighted summaries overall and per area."""
    distance = distance if distance is not None else StraightLine()
    population = _population(demand)
    demand_xy = _coordinates(demand, "demand point")
    place_xy = _coordinates(places, "place")
    openings = _openings(places)

    qualifying = np.flatnonzero(openings >= min_openings_per_week)
    if len(qualifying) == 0:
        reason = (
            f" open at least {min_openings_per_week:g} times a week"
            if len(places) and min_openings_per_week > 0
            else ""
        )
        raise ValueError(f"no places to measure distance to{reason}")

    if len(demand):
        dist, index = distance.nearest(demand_xy, place_xy[qualifying])
        place_ids = list(places.ids)
        nearest_place = [place_ids[qualifying[i]] for i in index]
    else:
        dist, nearest_place = np.zeros(0), []

    by_area: dict[Hashable, Summary] = {}
    if demand.area is not None:
        areas = list(demand.area)
        if len(areas) != len(demand):
            raise ValueError("demand points: ids and area differ in length")
        # Number the keys once so each area is one vectorised comparison, not a Python loop.
        numbers: dict[Hashable, int] = {}
        codes = np.array([numbers.setdefault(a, len(numbers)) for a in areas], dtype=np.intp)
        for key, number in numbers.items():
            mask = codes == number
            by_area[key] = _summary(dist[mask], population[mask], thresholds)

    return CoverageResult(
        demand_ids=list(demand.ids),
        distance_m=dist,
        nearest_place=nearest_place,
        overall=_summary(dist, population, thresholds),
        by_area=by_area,
    )


def _summary(dist: np.ndarray, population: np.ndarray, thresholds: Sequence[int]) -> Summary:
    total = float(population.sum())
    if total == 0:
        # Nobody lives here (or no points at all): report zeros rather than divide by zero.
        return Summary(0.0, 0.0, {int(t): 0.0 for t in thresholds})
    return Summary(
        population=total,
        mean_distance_m=float((population * dist).sum() / total),
        share_within={int(t): float(population[dist <= t].sum() / total) for t in thresholds},
    )


def _population(demand: DemandPoints) -> np.ndarray:
    population = np.asarray(demand.population, dtype=float).reshape(-1)
    if len(population) != len(demand):
        raise ValueError("demand points: ids and population differ in length")
    bad = ~np.isfinite(population) | (population < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"demand point {demand.ids[i]!r}: population must be a number of 0 or more, "
            f"not {population[i]}"
        )
    return population


def _coordinates(rows: DemandPoints | Places, what: str) -> np.ndarray:
    x = np.asarray(rows.x_rd, dtype=float).reshape(-1)
    y = np.asarray(rows.y_rd, dtype=float).reshape(-1)
    if not len(x) == len(y) == len(rows):
        raise ValueError(f"{what}s: ids, x_rd and y_rd differ in length")
    bad = ~(np.isfinite(x) & np.isfinite(y))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(f"{what} {rows.ids[i]!r}: coordinates missing")
    return np.column_stack([x, y])


def _openings(places: Places) -> np.ndarray:
    openings = np.asarray(places.openings_per_week, dtype=float).reshape(-1)
    if len(openings) != len(places):
        raise ValueError("places: ids and openings_per_week differ in length")
    bad = ~np.isfinite(openings) | (openings < 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"place {places.ids[i]!r}: openings per week must be 0 or more, not {openings[i]}"
        )
    return openings
