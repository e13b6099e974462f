"""The bridge between the planning rows and the pure modules (coverage.py, siting.py).

analyse(municipality) answers the policy maker's first question: how far does every resident of
this network live from a place that is open often enough? run_scenario(scenario) answers the
second: where would new places reach the most residents?

The flow of both: the demand points of the municipality's most recent demand dataset (where
residents live), the network's public places with how often they open in the coming four weeks
(places_for), then coverage.coverage or siting's solvers on plain arrays.
"""

import math
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from naober.places.models import Place
from naober.schedules.openings import openings_for
from naober.schedules.openings import today as amsterdam_today

from . import importing, siting
from .constants import AreaKind, BuildingKind, DatasetKind, Method
from .coverage import DemandPoints, Places, StraightLine, Summary, coverage
from .models import CandidateBuilding, Dataset, DemandPoint

# Openings per week are counted over the coming four weeks, so a monthly opening counts once.
WINDOW_DAYS = 28
# A village is a gap when nobody in it lives this close to a counting place (CBS's middle
# nearness figure; about 20 minutes on foot).
GAP_DISTANCE_M = 1500
# p-median builds a dense candidates x demand model; past this many cells it would not fit a
# background task's memory and time.
P_MEDIAN_MAX_CELLS = 5_000_000


class NoData(Exception):
    """There is nothing to calculate with; the message says what is missing, in words."""


@dataclass(frozen=True)
class PlaceRow:
    id: int
    name: str
    village: str
    latitude: float
    longitude: float
    openings_per_week: float
    # Open often enough to count (min_openings_per_week).
    counts: bool
    url: str
    x_rd: float = 0.0
    y_rd: float = 0.0
    town: str = ""  # the building's town


@dataclass(frozen=True)
class PointRow:
    code: str
    area: str  # village or neighbourhood name, "" when unknown
    latitude: float
    longitude: float
    population: int
    distance_m: float
    nearest_place: str  # the nearest counting place's name


@dataclass(frozen=True)
class AreaRow:
    code: str
    name: str
    summary: Summary
    places: int  # counting places in this area
    # Nobody here lives within the reach distance of a place (NAOBER gap per village).
    gap: bool


@dataclass
class Analysis:
    municipality: object  # places.Municipality
    detour: float
    min_openings_per_week: float
    today: date
    overall: Summary
    points: list[PointRow]
    places: list[PlaceRow]
    areas: list[AreaRow]
    sources: list[str] = field(default_factory=list)  # attributions of the datasets used


# --- reading the rows -----------------------------------------------------------------------


@dataclass
class _Demand:
    points: list  # DemandPoint rows, with area and area.parent
    dataset: object
    xy: np.ndarray
    population: np.ndarray

    @property
    def sources(self) -> list[str]:
        return [self.dataset.source] if self.dataset.source else []


def _demand(municipality) -> _Demand:
    area = importing.municipality_area(municipality)
    points = DemandPoint.objects.none()
    if area is not None:
        rows = DemandPoint.objects.filter(municipality=area, dataset__kind=DatasetKind.DEMAND)
        latest = rows.order_by("-dataset__imported_at", "-dataset_id").values("dataset_id").first()
        if latest is not None:
            points = rows.filter(dataset_id=latest["dataset_id"])
    points = list(points.select_related("dataset", "area__parent").order_by("code"))
    if not points:
        raise NoData(
            _(
                "No population data for %(municipality)s yet: import it with naober planning "
                "import demand FILE."
            )
            % {"municipality": municipality.name}
        )
    return _Demand(
        points=points,
        dataset=points[0].dataset,
        xy=np.array([(p.x_rd, p.y_rd) for p in points], dtype=float),
        population=np.array([p.population for p in points], dtype=float),
    )


def _village(point):
    """The village Area a demand point lies in: its own area, or the village its neighbourhood
    is part of; None when the data names no village."""
    area = point.area
    if area is None:
        return None
    if area.kind != AreaKind.VILLAGE and area.parent and area.parent.kind == AreaKind.VILLAGE:
        return area.parent
    return area


def places_for(municipality, *, today=None, min_openings_per_week) -> list[PlaceRow]:
    """The network's public places with how often they open: the OPEN openings of the 28 days
    from `today` on, divided by 4. A place counts when that is at least min_openings_per_week."""
    today = today or amsterdam_today()
    places = list(
        Place.objects.public().filter(municipality=municipality).select_related("building")
    )
    found = openings_for(places, today, today + timedelta(days=WINDOW_DAYS - 1), rostered=False)
    rows = []
    for place in places:
        per_week = sum(1 for o in found.get(place.pk, []) if o.is_open) / (WINDOW_DAYS / 7)
        building = place.building
        rows.append(
            PlaceRow(
                id=place.pk,
                name=place.name,
                village=place.village,
                latitude=building.latitude,
                longitude=building.longitude,
                openings_per_week=per_week,
                counts=per_week >= min_openings_per_week,
                url=place.get_absolute_url(),
                x_rd=building.x_rd,
                y_rd=building.y_rd,
                town=building.town,
            )
        )
    return rows


def _counting(rows: list[PlaceRow], min_openings_per_week: float) -> list[PlaceRow]:
    counting = [row for row in rows if row.counts]
    if not counting:
        if min_openings_per_week == 1:
            raise NoData(_("No place of this network is open at least once a week."))
        raise NoData(
            _("No place of this network is open at least %(times)s times a week.")
            % {"times": _times(min_openings_per_week)}
        )
    return counting


def _times(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


# --- analyse --------------------------------------------------------------------------------


def analyse(municipality, *, detour=None, min_openings_per_week=None, today=None) -> Analysis:
    """Distance from every demand point of the municipality to the nearest place open at least
    `min_openings_per_week` times a week, with CBS-style figures overall and per village.

    A village is a gap when nobody in it lives within GAP_DISTANCE_M (1,500 m, after the detour
    factor) of a counting place: its share within 1,500 m is 0. Villages come worst first, by
    person-weighted mean distance. Raises NoData when there are no demand points for the
    municipality or no place that counts.
    """
    detour = settings.NAOBER_PLANNING_DETOUR if detour is None else float(detour)
    if min_openings_per_week is None:
        min_openings_per_week = settings.NAOBER_PLANNING_MIN_OPENINGS_PER_WEEK
    today = today or amsterdam_today()
    demand = _demand(municipality)
    places = places_for(municipality, today=today, min_openings_per_week=min_openings_per_week)
    counting = _counting(places, min_openings_per_week)

    villages = [_village(p) for p in demand.points]
    result = coverage(
        DemandPoints(
            ids=[p.pk for p in demand.points],
            x_rd=demand.xy[:, 0],
            y_rd=demand.xy[:, 1],
            population=demand.population,
            area=[v.pk if v else None for v in villages],
        ),
        Places(
            ids=[row.id for row in counting],
            x_rd=[row.x_rd for row in counting],
            y_rd=[row.y_rd for row in counting],
            openings_per_week=[row.openings_per_week for row in counting],
        ),
        distance=StraightLine(detour),
        min_openings_per_week=min_openings_per_week,
    )
    names = {row.id: row.name for row in counting}
    points = [
        PointRow(
            code=point.code,
            area=point.area.name if point.area else "",
            latitude=point.latitude,
            longitude=point.longitude,
            population=point.population,
            distance_m=float(distance),
            nearest_place=names[nearest],
        )
        for point, distance, nearest in zip(
            demand.points, result.distance_m, result.nearest_place, strict=True
        )
    ]

    by_village = {v.pk: v for v in villages if v is not None}
    areas = [
        AreaRow(
            code=village.code,
            name=village.name,
            summary=result.by_area[pk],
            places=sum(1 for row in counting if _in_village(row, village.name)),
            gap=result.by_area[pk].share_within[GAP_DISTANCE_M] == 0,
        )
        for pk, village in by_village.items()
    ]
    areas.sort(key=lambda a: (-a.summary.mean_distance_m, a.name))

    sources = list(demand.sources)
    # Villages imported from an areas file bring that file's attribution too.
    area_datasets = {v.dataset_id for v in by_village.values() if v.dataset_id}
    for source in Dataset.objects.filter(pk__in=area_datasets).values_list("source", flat=True):
        if source and source not in sources:
            sources.append(source)
    return Analysis(
        municipality=municipality,
        detour=detour,
        min_openings_per_week=min_openings_per_week,
        today=today,
        overall=result.overall,
        points=points,
        places=places,
        areas=areas,
        sources=sources,
    )


def _in_village(row: PlaceRow, village: str) -> bool:
    wanted = village.casefold()
    return row.village.casefold() == wanted or row.town.casefold() == wanted


# --- scenarios ------------------------------------------------------------------------------


def run_scenario(scenario, progress=None) -> dict:
    """Choose new places among the network's active candidate buildings, with its counting
    places fixed; the answer as plain JSON for Scenario.result (see RESULT_KEYS).

    `progress(percent, words)` hears of each stage. Bad input (no candidates, more new places
    than candidates, a radius of 0, no demand data) raises ValueError or NoData with a message
    for the policy maker.

    `newly_covered` of a chosen site: the residents it brings within the radius who were not
    within reach of an existing place or of a site listed before it; the chosen sites are
    listed in the order that gives the largest such number first.
    """
    started = time.monotonic()
    report = progress or (lambda percent, words: None)
    method = scenario.method
    radius = scenario.radius_m
    detour = float(scenario.detour)
    k = scenario.new_places
    if not radius or radius <= 0:
        raise ValueError(_("Give a distance of more than 0 metres."))
    if not (math.isfinite(detour) and detour >= 1.0):
        raise ValueError(_("The detour factor must be 1 or more."))
    if method not in Method.values:
        raise ValueError(_("Choose one of the questions to ask."))

    report(10, _("Reading the residents, places and candidate buildings"))
    demand = _demand(scenario.municipality)
    places = places_for(scenario.municipality, min_openings_per_week=scenario.min_openings_per_week)
    fixed = [row for row in places if row.counts]
    candidates = list(
        CandidateBuilding.objects.filter(municipality=scenario.municipality, is_active=True)
    )
    if not candidates:
        raise ValueError(
            _("This network has no candidate buildings yet. Add buildings to choose from first.")
        )
    if method != Method.SET_COVERING:
        if not k or k < 1:
            raise ValueError(_("Say how many new places to choose: 1 or more."))
        if k > len(candidates):
            raise ValueError(
                ngettext(
                    "You asked for %(k)d new places, but there is only %(n)d candidate building.",
                    "You asked for %(k)d new places, but there are only %(n)d candidate buildings.",
                    len(candidates),
                )
                % {"k": k, "n": len(candidates)}
            )
    if method == Method.P_MEDIAN and len(candidates) * len(demand.points) > P_MEDIAN_MAX_CELLS:
        raise ValueError(
            _(
                "Too many residents' points and buildings for the shortest mean distance "
                "(%(cells)d pairs). Ask for the most residents reached instead."
            )
            % {"cells": len(candidates) * len(demand.points)}
        )

    report(30, _("Measuring distances"))
    candidate_xy = np.array([(c.x_rd, c.y_rd) for c in candidates], dtype=float)
    matrix = siting.coverage_matrix(demand.xy, candidate_xy, radius, detour)
    population = demand.population
    if fixed:
        fixed_xy = np.array([(row.x_rd, row.y_rd) for row in fixed], dtype=float)
        fixed_covered = (
            np.asarray(
                siting.coverage_matrix(demand.xy, fixed_xy, radius, detour).sum(axis=1)
            ).ravel()
            > 0
        )
    else:
        fixed_covered = np.zeros(len(population), dtype=bool)

    report(60, _("Choosing the sites"))
    time_limit = settings.NAOBER_PLANNING_TIME_LIMIT
    mean_distance = None
    if method == Method.MAXIMAL_COVERING:
        found = siting.maximal_covering(population, matrix, k, fixed_covered, time_limit=time_limit)
    elif method == Method.SET_COVERING:
        found = siting.set_covering(
            matrix, fixed_covered, population=population, time_limit=time_limit
        )
    else:
        found = siting.p_median(
            population, _distances(demand.xy, candidate_xy, fixed, detour), k, time_limit=time_limit
        )
        mean_distance = found.mean_distance

    total = float(population.sum())
    covered_before = float(population[fixed_covered].sum())
    chosen = []
    for j, newly in _in_order(matrix, population, fixed_covered, found.chosen):
        c = candidates[j]
        chosen.append(
            {
                "id": c.pk,
                "name": c.name,
                "kind": c.kind,
                "kind_label": str(BuildingKind(c.kind).label),
                "town": c.town,
                "latitude": c.latitude,
                "longitude": c.longitude,
                "newly_covered": _whole(newly),
                "kitchen": c.kitchen,
                "step_free_entrance": c.step_free_entrance,
                "accessible_toilet": c.accessible_toilet,
            }
        )
    reachable = np.diff(matrix.tocsr().indptr) > 0
    reached = fixed_covered.copy()
    if found.chosen:
        reached |= np.asarray(matrix.tocsc()[:, found.chosen].sum(axis=1)).ravel() > 0
    covered = float(population[reached].sum())
    uncoverable = float(population[~fixed_covered & ~reachable].sum())
    report(100, _("Done"))
    return {
        "chosen": chosen,
        "covered_population": _whole(covered),
        "total_population": _whole(total),
        "share": covered / total if total else 0.0,
        "before": {
            "covered_population": _whole(covered_before),
            "share": covered_before / total if total else 0.0,
        },
        "optimal": bool(found.optimal),
        "gap": None if found.optimal or found.gap is None else float(found.gap),
        # The question asked, or "greedy" when the exact solver gave way to the fallback.
        "method": "greedy" if found.method == "greedy" else method,
        "uncoverable_population": _whole(uncoverable),
        "mean_distance_m": None if mean_distance is None else round(float(mean_distance), 1),
        "seconds": round(time.monotonic() - started, 3),
        "radius_m": radius,
        "detour": detour,
        "min_openings_per_week": float(scenario.min_openings_per_week),
    }


# The keys of run_scenario's answer; the pages and exports read these.
RESULT_KEYS = (
    "chosen",
    "covered_population",
    "total_population",
    "share",
    "before",
    "optimal",
    "gap",
    "method",
    "uncoverable_population",
    "mean_distance_m",
    "seconds",
    "radius_m",
    "detour",
    "min_openings_per_week",
)


def _distances(demand_xy, candidate_xy, fixed: list[PlaceRow], detour: float) -> np.ndarray:
    """Demand x candidate distances (straight line times detour), each capped at the distance
    to the nearest existing place: the mean of the nearest chosen one is then the mean distance
    to the nearest of existing and chosen places together."""
    diff = demand_xy[:, None, :] - candidate_xy[None, :, :]
    distances = np.hypot(diff[..., 0], diff[..., 1]) * detour
    if fixed:
        fixed_xy = np.array([(row.x_rd, row.y_rd) for row in fixed], dtype=float)
        nearest, _index = StraightLine(detour).nearest(demand_xy, fixed_xy)
        distances = np.minimum(distances, nearest[:, None])
    return distances


def _in_order(matrix, population, fixed_covered, chosen):
    """The chosen columns, each with the population it newly reaches, largest first."""
    columns = matrix.tocsc()
    reached = fixed_covered.copy()
    left = list(chosen)
    while left:
        gains = [
            float(population[_rows(columns, j)][~reached[_rows(columns, j)]].sum()) for j in left
        ]
        best = int(np.argmax(gains))
        j = left.pop(best)
        reached[_rows(columns, j)] = True
        yield j, gains[best]


def _rows(columns, j: int) -> np.ndarray:
    return columns.indices[columns.indptr[j] : columns.indptr[j + 1]]


def _whole(value: float):
    """Residents are whole people; keep a fraction only when the data has one."""
    return int(round(value)) if abs(value - round(value)) < 1e-6 else float(value)


def sources_for(municipality) -> list[str]:
    """The attributions of the demand dataset analyse and run_scenario use for this network."""
    try:
        return _demand(municipality).sources
    except NoData:
        return []
