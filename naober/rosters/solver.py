"""The roster solver: plain data in, plain data out, OR-Tools CP-SAT inside. No Django here.

An `Instance` holds the places, the people (organisation or volunteer, skills, weekly
availability, absences, caps, preferences), the openings that need staff (how many people, which
skills at least, which organisations' presence is promised) and each partner's agreed share.
`solve()` returns a `Result`: the assignments, what could not be covered and why, and the score
broken down rule by rule. The instance and roster format (JSON) is documented in docs/rosters.md;
`instance_from_dict` / `instance_to_dict` / `result_to_dict` / `result_from_dict` read and write
it, `current_from_dict` reads the repair part of an instance file. `validate` holds every check
of an instance (InstanceError); the CP-SAT model itself lives in `_model.py`.

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
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

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
    # People who must not be put on it (they cancelled it or said no), e.g. in a repair.
    excluded: frozenset[str] = frozenset()


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
    validate(instance)
    # The model lives in its own module, loaded on the first solve: OR-Tools (with pandas) takes
    # half a second and 70 MB, which processes that never solve (the web pages) need not pay.
    from . import _model

    if keep_before is not None and keep_before.tzinfo is not None:
        keep_before = keep_before.astimezone(AMSTERDAM).replace(tzinfo=None)

    return _model.solve(
        instance,
        time_limit=time_limit,
        seed=seed,
        threads=threads,
        current=current,
        keep_before=keep_before,
        on_progress=on_progress,
    )


# --- Checking an instance -------------------------------------------------------------------


def _label(kind: str, item) -> str:
    name = getattr(item, "name", "")
    if name and name != item.id:
        return f"{kind} {name!r} ({item.id})"
    return f"{kind} {item.id!r}"


def validate(instance: Instance) -> None:
    """Raise InstanceError for the first thing that makes `instance` unsolvable as given."""
    if not instance.people:
        raise InstanceError("no_people", "The instance has no people to put on the roster.")
    if instance.max_distance_m < 0:
        raise InstanceError(
            "negative",
            f"max_distance_m is negative ({instance.max_distance_m}).",
            field="max_distance_m",
            value=instance.max_distance_m,
        )
    for name in ("shares", "fairness", "continuity", "preferences", "changes", "people_affected"):
        value = getattr(instance.weights, name)
        if value < 0:
            raise InstanceError(
                "negative",
                f"The weight for {name} is negative ({value}).",
                field=f"weights.{name}",
                value=value,
            )

    places = _unique("place", instance.places)
    _unique("person", instance.people)
    _unique("opening", instance.openings)
    # Without a list of organisations, the people's organisations are the known ones.
    organisations = set(instance.organisations) or {
        p.organisation for p in instance.people if p.organisation is not None
    }

    for person in instance.people:
        label = _label("Person", person)
        if person.organisation is not None and person.organisation not in organisations:
            raise _unknown_organisation(person.organisation, label)
        for skill in person.skills:
            if skill not in SKILLS:
                raise _unknown_skill(skill, label)
        if not person.availability:
            raise InstanceError(
                "no_availability",
                f"{label} has no availability: give at least one weekly window.",
                person=person.id,
            )
        for window in person.availability:
            if not 0 <= window.weekday <= 6:
                raise InstanceError(
                    "malformed",
                    f"{label} has an availability window on weekday {window.weekday}; "
                    "weekdays run from 0 (Monday) to 6 (Sunday).",
                    field="weekday",
                    value=window.weekday,
                    person=person.id,
                )
            if window.end <= window.start:
                raise _end_before_start(
                    f"{label} has an availability window that ends "
                    f"({window.end:%H:%M}) before it starts ({window.start:%H:%M}).",
                    person=person.id,
                )
        for absence in person.absences:
            if absence.end < absence.start:
                raise _end_before_start(
                    f"{label} has an absence that ends ({absence.end}) "
                    f"before it starts ({absence.start}).",
                    person=person.id,
                )
        for cap in ("max_per_week", "max_per_month"):
            _not_negative(getattr(person, cap), cap, label, person=person.id)
        for place in person.preferred_places:
            if place not in places:
                raise _unknown_place(place, f"{label} prefers", person=person.id)

    for opening in instance.openings:
        label = _label("Opening", opening)
        if opening.place not in places:
            raise _unknown_place(opening.place, f"{label} is", opening=opening.id)
        if opening.start.tzinfo is not None or opening.end.tzinfo is not None:
            raise InstanceError(
                "malformed",
                f"{label} has a time with a time zone ({opening.start.isoformat()}); give local "
                "times (Europe/Amsterdam) without a zone.",
                field="start",
                value=opening.start.isoformat(),
                opening=opening.id,
            )
        if opening.end <= opening.start:
            raise _end_before_start(
                f"{label} ends ({opening.end:%Y-%m-%d %H:%M}) "
                f"before it starts ({opening.start:%Y-%m-%d %H:%M}).",
                opening=opening.id,
            )
        _not_negative(opening.people, "people", label, opening=opening.id)
        for skill, count in opening.skills.items():
            if skill not in SKILLS:
                raise _unknown_skill(skill, label)
            _not_negative(count, f"skills.{skill}", label, opening=opening.id)
        for organisation in opening.organisations:
            if organisation not in organisations:
                raise _unknown_organisation(organisation, label)

    totals: dict[frozenset[str], float] = {}
    for share in instance.shares:
        label = f"The share of {_organisation_name(instance, share.organisation)}"
        if share.organisation not in organisations:
            raise _unknown_organisation(share.organisation, "A share")
        for place in share.places:
            if place not in places:
                raise _unknown_place(place, f"{label} counts", organisation=share.organisation)
        if share.share < 0:
            raise InstanceError(
                "negative",
                f"{label} is negative ({share.share:.0%}).",
                field="share",
                value=share.share,
                organisation=share.organisation,
            )
        if share.share > 1:
            raise InstanceError(
                "share_over_100",
                f"{label} is {share.share:.0%}; a share can be at most 100 %.",
                organisation=share.organisation,
                share=share.share,
            )
        scope = frozenset(share.places)
        totals[scope] = totals.get(scope, 0.0) + share.share
        # A little slack for shares such as 1/3 + 1/3 + 1/3 written as decimals.
        if totals[scope] > 1 + 1e-6:
            where = "all places" if not scope else "places " + ", ".join(sorted(scope))
            raise InstanceError(
                "shares_over_100",
                f"The shares of {where} add up to {totals[scope]:.0%}; "
                "together they can be at most 100 %.",
                places=sorted(scope),
                total=totals[scope],
            )


def _unique(kind: str, items) -> set[str]:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InstanceError(
                "duplicate_id", f"There are two {kind}s with id {item.id!r}.", kind=kind, id=item.id
            )
        seen.add(item.id)
    return seen


def _organisation_name(instance: Instance, organisation: str) -> str:
    name = instance.organisations.get(organisation)
    return f"{name!r} ({organisation})" if name else repr(organisation)


def _unknown_organisation(organisation, where: str) -> InstanceError:
    return InstanceError(
        "unknown_organisation",
        f"{where} names organisation {organisation!r}, which is not in the instance.",
        organisation=organisation,
    )


def _unknown_skill(skill, where: str) -> InstanceError:
    return InstanceError(
        "unknown_skill",
        f"{where} has skill {skill!r}, which is not on the list ({', '.join(SKILLS)}).",
        skill=skill,
    )


def _unknown_place(place, where: str, **params) -> InstanceError:
    return InstanceError(
        "unknown_place",
        f"{where} at place {place!r}, which is not in the instance.",
        place=place,
        **params,
    )


def _end_before_start(message: str, **params) -> InstanceError:
    return InstanceError("end_before_start", message, **params)


def _not_negative(value, field_name: str, label: str, **params) -> None:
    if value < 0:
        raise InstanceError(
            "negative",
            f"{label} has a negative {field_name} ({value}).",
            field=field_name,
            value=value,
            **params,
        )


# --- The JSON format (docs/rosters.md) ------------------------------------------------------


def instance_from_dict(data: dict) -> Instance:
    """Read the JSON instance format (docs/rosters.md); InstanceError names what is wrong."""
    if not isinstance(data, dict):
        raise InstanceError("malformed", "An instance is a JSON object.", field="", value=data)
    reader = _Reader()
    weights_data = reader.get(data, "weights", dict, "weights", {})
    weights = Weights(
        **{
            name: reader.get(weights_data, name, int, f"weights.{name}", getattr(Weights, name))
            for name in Weights.__dataclass_fields__
        }
    )
    unknown_weights = set(weights_data) - set(Weights.__dataclass_fields__)
    if unknown_weights:
        name = sorted(unknown_weights)[0]
        raise InstanceError(
            "malformed", f"There is no weight called {name!r}.", field="weights", value=name
        )
    places = [
        Place(
            id=reader.id(item, "places"),
            name=reader.get(item, "name", str, "places[].name", ""),
            x=reader.number(item, "x", "places[].x"),
            y=reader.number(item, "y", "places[].y"),
        )
        for item in reader.items(data, "places")
    ]
    people = [reader.person(item) for item in reader.items(data, "people")]
    openings = [reader.opening(item) for item in reader.items(data, "openings")]
    shares = [
        Share(
            organisation=reader.get(item, "organisation", str, "shares[].organisation"),
            share=reader.number(item, "share", "shares[].share"),
            places=frozenset(reader.strings(item, "places", "shares[].places")),
        )
        for item in reader.items(data, "shares")
    ]
    organisations = reader.get(data, "organisations", dict, "organisations", {})
    instance = Instance(
        places=places,
        people=people,
        openings=openings,
        shares=shares,
        max_distance_m=reader.number(data, "max_distance_m", "max_distance_m", 15_000),
        weights=weights,
        organisations={str(key): str(value) for key, value in organisations.items()},
        name=reader.get(data, "name", str, "name", ""),
    )
    validate(instance)
    return instance


def current_from_dict(data: dict) -> tuple[list[Assignment] | None, datetime | None]:
    """The optional repair part of an instance file: "current" (the roster as it is) and
    "keep_before"; (None, None) when the file has neither."""
    reader = _Reader()
    current = None
    if data.get("current") is not None:
        current = [
            Assignment(
                opening=reader.get(item, "opening", str, "current[].opening"),
                person=reader.get(item, "person", str, "current[].person"),
            )
            for item in reader.items(data, "current")
        ]
    keep_before = None
    if data.get("keep_before") is not None:
        keep_before = reader.parse(data["keep_before"], "datetime", "keep_before")
    return current, keep_before


def instance_to_dict(instance: Instance) -> dict:
    return {
        "name": instance.name,
        "max_distance_m": instance.max_distance_m,
        "weights": {name: getattr(instance.weights, name) for name in Weights.__dataclass_fields__},
        "organisations": dict(instance.organisations),
        "places": [{"id": p.id, "name": p.name, "x": p.x, "y": p.y} for p in instance.places],
        "people": [_person_to_dict(p) for p in instance.people],
        "openings": [_opening_to_dict(o) for o in instance.openings],
        "shares": [
            {"organisation": s.organisation, "share": s.share, "places": sorted(s.places)}
            for s in instance.shares
        ],
    }


def _person_to_dict(person: Person) -> dict:
    return {
        "id": person.id,
        "name": person.name,
        "organisation": person.organisation,
        "skills": sorted(person.skills),
        "availability": [
            {"weekday": w.weekday, "start": f"{w.start:%H:%M}", "end": f"{w.end:%H:%M}"}
            for w in person.availability
        ],
        "absences": [
            {"start": a.start.isoformat(), "end": a.end.isoformat()} for a in person.absences
        ],
        "max_per_week": person.max_per_week,
        "max_per_month": person.max_per_month,
        "home": list(person.home) if person.home is not None else None,
        "preferred_places": sorted(person.preferred_places),
    }


def _opening_to_dict(opening: Opening) -> dict:
    data = {
        "id": opening.id,
        "place": opening.place,
        "start": f"{opening.start:%Y-%m-%dT%H:%M}",
        "end": f"{opening.end:%Y-%m-%dT%H:%M}",
        "people": opening.people,
        "skills": dict(opening.skills),
        "organisations": list(opening.organisations),
    }
    if opening.excluded:
        data["excluded"] = sorted(opening.excluded)
    return data


def result_to_dict(result: Result) -> dict:
    return {
        "status": result.status,
        "seconds": round(result.seconds, 3),
        "first_full_seconds": (
            None if result.first_full_seconds is None else round(result.first_full_seconds, 3)
        ),
        "score": {
            "hard": dict(result.score.hard),
            "hard_total": result.score.hard_total,
            "soft": dict(result.score.soft),
            "soft_total": result.score.soft_total,
        },
        "changes": result.changes,
        "people_affected": result.people_affected,
        "uncovered": [
            {"opening": u.opening, "missing": u.missing, "reasons": [dict(r) for r in u.reasons]}
            for u in result.uncovered
        ],
        "assignments": [{"opening": a.opening, "person": a.person} for a in result.assignments],
    }


def result_from_dict(data: dict) -> Result:
    """The inverse of result_to_dict (for tools that read a roster file back)."""
    score = data.get("score", {})
    return Result(
        status=data["status"],
        assignments=[Assignment(a["opening"], a["person"]) for a in data.get("assignments", [])],
        uncovered=[
            Uncovered(u["opening"], u["missing"], tuple(u.get("reasons", ())))
            for u in data.get("uncovered", [])
        ],
        score=Score(hard=dict(score.get("hard", {})), soft=dict(score.get("soft", {}))),
        seconds=data.get("seconds", 0.0),
        first_full_seconds=data.get("first_full_seconds"),
        changes=data.get("changes", 0),
        people_affected=data.get("people_affected", 0),
    )


_FORMATS = {"date": "YYYY-MM-DD", "time": "HH:MM", "datetime": "YYYY-MM-DDTHH:MM"}


class _Reader:
    """Reads the parts of an instance, raising InstanceError that names the field and value."""

    def get(self, data: dict, key: str, kind, field_name: str, default=...):
        if key not in data or data[key] is None:
            if default is ...:
                raise InstanceError(
                    "missing_field", f"{field_name} is missing.", field=field_name, value=None
                )
            return default
        value = data[key]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            raise InstanceError(
                "malformed",
                f"{field_name} should be {_KIND_WORDS[kind]}, not {value!r}.",
                field=field_name,
                value=value,
            )
        return value

    def number(self, data: dict, key: str, field_name: str, default=...) -> float:
        value = self.get(data, key, (int, float), field_name, default)
        if isinstance(value, bool):
            raise InstanceError(
                "malformed",
                f"{field_name} should be a number, not {value!r}.",
                field=field_name,
                value=value,
            )
        return value

    def items(self, data: dict, key: str) -> list[dict]:
        items = self.get(data, key, list, key, [])
        for item in items:
            if not isinstance(item, dict):
                raise InstanceError(
                    "malformed",
                    f"Each item of {key} should be an object, not {item!r}.",
                    field=key,
                    value=item,
                )
        return items

    def strings(self, data: dict, key: str, field_name: str) -> list[str]:
        values = self.get(data, key, list, field_name, [])
        for value in values:
            if not isinstance(value, str):
                raise InstanceError(
                    "malformed",
                    f"{field_name} should hold texts, not {value!r}.",
                    field=field_name,
                    value=value,
                )
        return values

    def id(self, data: dict, kind: str) -> str:
        return self.get(data, "id", str, f"{kind}[].id")

    def parse(self, value, kind: str, field_name: str):
        parsers = {"date": date.fromisoformat, "time": time.fromisoformat}
        try:
            if not isinstance(value, str):
                raise ValueError
            if kind == "datetime":
                parsed = datetime.strptime(value, "%Y-%m-%dT%H:%M")
            else:
                parsed = parsers[kind](value)
        except ValueError:
            raise InstanceError(
                "malformed",
                f"{field_name} is {value!r}, which is not a {kind} ({_FORMATS[kind]}).",
                field=field_name,
                value=value,
            ) from None
        return parsed

    def person(self, item: dict) -> Person:
        person_id = self.id(item, "people")
        where = f"people[{person_id}]"
        home = self.get(item, "home", list, f"{where}.home", None)
        if home is not None and (
            len(home) != 2 or not all(isinstance(v, (int, float)) for v in home)
        ):
            raise InstanceError(
                "malformed",
                f"{where}.home should be [x, y] in metres, not {home!r}.",
                field=f"{where}.home",
                value=home,
            )
        return Person(
            id=person_id,
            name=self.get(item, "name", str, f"{where}.name", ""),
            organisation=self.get(item, "organisation", str, f"{where}.organisation", None),
            skills=frozenset(self.strings(item, "skills", f"{where}.skills")),
            availability=tuple(
                Window(
                    weekday=self.get(window, "weekday", int, f"{where}.availability.weekday"),
                    start=self.parse(window.get("start"), "time", f"{where}.availability.start"),
                    end=self.parse(window.get("end"), "time", f"{where}.availability.end"),
                )
                for window in self.items(item, "availability")
            ),
            absences=tuple(
                Absence(
                    start=self.parse(absence.get("start"), "date", f"{where}.absences.start"),
                    end=self.parse(absence.get("end"), "date", f"{where}.absences.end"),
                )
                for absence in self.items(item, "absences")
            ),
            max_per_week=self.get(item, "max_per_week", int, f"{where}.max_per_week", 2),
            max_per_month=self.get(item, "max_per_month", int, f"{where}.max_per_month", 8),
            home=tuple(home) if home is not None else None,
            preferred_places=frozenset(
                self.strings(item, "preferred_places", f"{where}.preferred_places")
            ),
        )

    def opening(self, item: dict) -> Opening:
        opening_id = self.id(item, "openings")
        where = f"openings[{opening_id}]"
        skills = self.get(item, "skills", dict, f"{where}.skills", {})
        for skill, count in skills.items():
            if not isinstance(count, int) or isinstance(count, bool):
                raise InstanceError(
                    "malformed",
                    f"{where}.skills.{skill} should be a whole number, not {count!r}.",
                    field=f"{where}.skills.{skill}",
                    value=count,
                )
        return Opening(
            id=opening_id,
            place=self.get(item, "place", str, f"{where}.place"),
            start=self.parse(item.get("start"), "datetime", f"{where}.start"),
            end=self.parse(item.get("end"), "datetime", f"{where}.end"),
            people=self.get(item, "people", int, f"{where}.people", 1),
            skills=dict(skills),
            organisations=tuple(self.strings(item, "organisations", f"{where}.organisations")),
            excluded=frozenset(self.strings(item, "excluded", f"{where}.excluded")),
        )


_KIND_WORDS = {
    str: "a text",
    int: "a whole number",
    list: "a list",
    dict: "an object",
    (int, float): "a number",
}
