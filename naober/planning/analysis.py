"""The bridge between the planning rows and the pure modules (coverage.py, siting.py).

analyse(municipality) answers the policy maker's first question: how far does every resident of
this network live from a place that is open often enough? run_scenario(scenario) answers the
second: where would new places reach the most residents?
"""

from dataclasses import dataclass, field
from datetime import date

from .coverage import Summary


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


def analyse(municipality, *, detour=None, min_openings_per_week=None, today=None) -> Analysis:
    raise NotImplementedError


def run_scenario(scenario, progress=None) -> dict:
    raise NotImplementedError
