"""The roster solver: plain data in, plain data out, OR-Tools CP-SAT inside. No Django here.

An `Instance` holds the places, the people (organisation or volunteer, skills, weekly
availability, absences, caps, preferences), the openings that need staff (how many people, which
skills at least, which organisations' presence is promised) and each partner's agreed share.
`solve()` returns a `Result`: the assignments, what could not be covered and why, and the score
broken down rule by rule. The instance and roster format (JSON) is documented in docs/rosters.md;
`instance_from_dict` / `instance_to_dict` / `result_to_dict` read and write it.

Hard rules: every need covered with its skills and promised organisations; availability and
absences respected; nobody in two places at once; no two places on one day further apart than
`max_distance_m`; at most `max_per_week` and `max_per_month` shifts. When no full roster exists,
the shortfall is reported per opening (`Uncovered`, with reason codes), never raised.

Soft rules, weighted (`Weights`) and reported one by one: partner shares, fair load among
volunteers, continuity (few distinct faces per place), preferences, and in a repair the changes
to the current roster (changed assignments and people affected).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

# The controlled list of skills (constants.Skill lists the same codes with their labels).
SKILLS = ("hosting", "wmo", "money", "language", "computer", "first_aid", "cooking")

# Result.status
OPTIMAL = "optimal"  # proven best for the weights
FEASIBLE = "feasible"  # the best roster found within the time limit, not proven best
NO_ROSTER = "no_roster"  # the time limit passed before any roster was found


class InstanceError(ValueError):
    """The instance cannot be solved as given: no people, a person without availability, a share
    over 100 %, an unknown skill, place, organisation or person. `code` and `params` let a caller
    say it in its own words and language; str() is a plain English message."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    x: float  # RD New metres (EPSG:28992)
    y: float


@dataclass(frozen=True)
class Window:
    """A weekly availability window: weekday 0 (Monday) to 6, local times."""

    weekday: int
    start: time
    end: time


@dataclass(frozen=True)
class Absence:
    start: date  # both inclusive
    end: date


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    organisation: str | None  # None: a volunteer
    skills: frozenset[str] = frozenset()
    availability: tuple[Window, ...] = ()
    absences: tuple[Absence, ...] = ()
    max_per_week: int = 2
    max_per_month: int = 8
    home: tuple[float, float] | None = None  # RD New metres, optional
    preferred_places: frozenset[str] = frozenset()

    @property
    def volunteer(self) -> bool:
        return self.organisation is None


@dataclass(frozen=True)
class Opening:
    """One opening that needs staff. Times are local (Europe/Amsterdam), naive."""

    id: str
    place: str
    start: datetime
    end: datetime
    people: int = 1
    skills: dict[str, int] = field(default_factory=dict)  # skill -> at least this many
    organisations: tuple[str, ...] = ()  # someone of each of these must be there


@dataclass(frozen=True)
class Share:
    """An organisation's agreed share of the staffing (person-shifts) of the openings at
    `places` (all places when empty) over the instance's period: 0.2 is 20 %."""

    organisation: str
    share: float
    places: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Weights:
    shares: int = 10
    fairness: int = 3
    continuity: int = 2
    preferences: int = 1
    changes: int = 20  # per changed assignment, in a repair
    people_affected: int = 10  # per person whose shifts change, in a repair


@dataclass(frozen=True)
class Assignment:
    opening: str
    person: str


@dataclass
class Instance:
    places: list[Place]
    people: list[Person]
    openings: list[Opening]
    shares: list[Share] = field(default_factory=list)
    max_distance_m: float = 15_000
    weights: Weights = field(default_factory=Weights)
    organisations: dict[str, str] = field(default_factory=dict)  # id -> name, for messages
    name: str = ""


@dataclass(frozen=True)
class Uncovered:
    """An opening that lacks people. `reasons` are codes with their parameters, e.g.
    {"code": "skill", "skill": "first_aid"}, {"code": "organisation", "organisation": "lefier"},
    {"code": "people", "available": 1, "needed": 2}; docs/rosters.md lists them all."""

    opening: str
    missing: int
    reasons: tuple[dict, ...] = ()


@dataclass
class Score:
    """Hard violations (counts, should all be 0) and soft penalties, each by rule name."""

    hard: dict[str, int] = field(default_factory=dict)
    soft: dict[str, int] = field(default_factory=dict)

    @property
    def hard_total(self) -> int:
        return sum(self.hard.values())

    @property
    def soft_total(self) -> int:
        return sum(self.soft.values())


@dataclass
class Result:
    status: str  # OPTIMAL, FEASIBLE or NO_ROSTER
    assignments: list[Assignment]
    uncovered: list[Uncovered]
    score: Score
    seconds: float  # wall time of the solve
    first_full_seconds: float | None = None  # when the first roster without a gap was found
    changes: int = 0  # in a repair: assignments added plus removed
    people_affected: int = 0  # in a repair: people whose shifts changed


def solve(
    instance: Instance,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    threads: int = 2,
    current: list[Assignment] | None = None,
    keep_before: datetime | None = None,
    on_progress=None,
) -> Result:
    """The best roster found within `time_limit` seconds, deterministic for a seed and thread
    count. With `current` (a repair), changes to it are penalised, so the answer stays close;
    assignments to openings starting before `keep_before` are kept as they are. `on_progress`
    is called with a fraction 0..1 now and then (for a progress bar)."""
    raise NotImplementedError


def instance_from_dict(data: dict) -> Instance:
    """Read the JSON instance format (docs/rosters.md); InstanceError names what is wrong."""
    raise NotImplementedError


def instance_to_dict(instance: Instance) -> dict:
    raise NotImplementedError


def result_to_dict(result: Result) -> dict:
    raise NotImplementedError
