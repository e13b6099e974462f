"""Between the database and the solver: a network's openings, needs, people and shares become a
solver.Instance; a solver.Result becomes Shift and Assignment rows.

- Openings come from the places' calendars (schedules.openings.openings_for), open ones only;
  each becomes a Shift keyed by the calendar's opening key.
- Needs: the StaffingNeed of the opening's rule, else the place's default need, else
  NAOBER_ROSTER_DEFAULT_PEOPLE people with the hosting skill. Promised organisations: the
  organisations the presence rules put at that opening, as far as the network has people of
  theirs on the roster; one promised without anybody is a warning for the coordinator, not an
  impossible rule. An opening needs at least one person per promised organisation.
- People: active Persons of the network with their availability, absences, caps, preferences
  (their home village's places when they chose none).
- Shares: the network's Share rows; distance: RosterPolicy.max_distance_km.

A repair (repair.py) builds its instance from the roster's Shift rows instead of the calendar
(`instance_for_shifts`): the roster as it was published is what gets mended.
"""

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from naober.places.models import Municipality, Organisation, Place
from naober.schedules.openings import openings_for
from naober.schedules.recurrence import AMSTERDAM

from . import solver
from .constants import AssignmentStatus, RosterStatus, Source
from .models import Absence, Assignment, Person, RosterPolicy, Share, Shift, StaffingNeed

logger = logging.getLogger(__name__)

# The calendar's key of an occurrence of an opening rule: "opening-<rule pk>-<yyyymmdd>".
RULE_KEY = re.compile(r"^opening-(\d+)-\d{8}$")
DEFAULT_SKILLS = {"hosting": 1}
DEFAULT_DISTANCE_KM = RosterPolicy._meta.get_field("max_distance_km").default


def place_id(pk: int) -> str:
    return f"p{pk}"


def person_id(pk: int) -> str:
    return f"person-{pk}"


def organisation_id(pk: int) -> str:
    return f"o{pk}"


def pk_of(solver_id: str) -> int:
    """The database key in a solver id: "person-12" -> 12, "p3" -> 3."""
    return int(re.sub(r"^\D+", "", solver_id))


def local(moment: datetime) -> datetime:
    """The solver works in naive Europe/Amsterdam wall-clock times."""
    return moment.astimezone(AMSTERDAM).replace(tzinfo=None)


@dataclass
class ShiftSpec:
    """What one opening becomes in the roster: a Shift row and a solver.Opening."""

    place: Place
    key: str
    start: datetime  # aware
    end: datetime
    people: int
    skills: dict[str, int]
    organisations: list[Organisation]


@dataclass
class Prepared:
    instance: solver.Instance
    shifts: list[ShiftSpec]
    # Things to tell the coordinator, as codes with parameters (explain.py words them).
    warnings: list[dict] = field(default_factory=list)


def instance_for(municipality: Municipality, start: date, end: date) -> solver.Instance:
    """The solver's instance for a network from start to end (both inclusive). Ids in the
    instance are strings: places "p<pk>", people "person-<pk>", organisations "o<pk>",
    openings the calendar's opening key."""
    return prepare(municipality, start, end).instance


def prepare(municipality: Municipality, start: date, end: date) -> Prepared:
    """The instance with the shifts it stands for and the warnings for the coordinator."""
    places = list(Place.objects.filter(municipality=municipality).select_related("building"))
    everyone = _people(municipality, start, end)
    # Someone without any availability cannot be planned; that is for the coordinator to know,
    # not a reason to make no roster at all.
    people = [person for person in everyone if person.availability.all()]
    staffed = {p.organisation_id for p in people if p.organisation_id}
    needs = _needs(places)
    # The roster makes its own promises: read the presence rules, not a published roster.
    calendars = openings_for(places, start, end, rostered=False)
    shifts, unstaffed = [], Counter()
    for place in places:
        for opening in calendars[place.pk]:
            if not opening.is_open:
                continue
            people_needed, skills = needs(place, opening.key)
            promised = [o for o in opening.organisations if o.pk in staffed]
            unstaffed.update(o for o in opening.organisations if o.pk not in staffed)
            shifts.append(
                ShiftSpec(
                    place=place,
                    key=opening.key,
                    start=opening.start,
                    end=opening.end,
                    people=max(people_needed, len(promised)),
                    skills=skills,
                    organisations=promised,
                )
            )
    warnings = [
        {"code": "no_availability", "person": person.name}
        for person in everyone
        if person not in people
    ]
    warnings += [
        {"code": "organisation_without_people", "organisation": o.name, "openings": count}
        for o, count in sorted(unstaffed.items(), key=lambda item: item[0].name)
    ]
    shares = list(Share.objects.filter(municipality=municipality).select_related("organisation"))
    warnings += [
        {"code": "share_without_people", "organisation": s.organisation.name}
        for s in shares
        if s.organisation_id not in staffed
    ]
    instance = _instance(municipality, places, people, shifts, shares, start, end)
    return Prepared(instance=instance, shifts=shifts, warnings=warnings)


def instance_for_shifts(roster, shifts: list[Shift]) -> solver.Instance:
    """The instance for mending these shifts of a roster (with their organisations and place
    prefetched): the people as they are now, with their current availability and absences."""
    municipality = roster.municipality
    places = list(Place.objects.filter(municipality=municipality).select_related("building"))
    days = [local(s.start).date() for s in shifts] or [roster.start_date]
    people = [p for p in _people(municipality, min(days), max(days)) if p.availability.all()]
    staffed = {p.organisation_id for p in people if p.organisation_id}
    specs = []
    for shift in shifts:
        promised = [o for o in shift.organisations.all() if o.pk in staffed]
        specs.append(
            ShiftSpec(
                place=shift.place,
                key=shift.opening_key,
                start=shift.start,
                end=shift.end,
                people=shift.people,
                skills=dict(shift.skills or {}),
                organisations=promised,
            )
        )
    shares = list(Share.objects.filter(municipality=municipality).select_related("organisation"))
    return _instance(municipality, places, people, specs, shares, min(days), max(days))


def _needs(places: list[Place]):
    """A function (place, opening key) -> (people, skills) after the rules in the docstring."""
    by_rule, by_place = {}, {}
    for need in StaffingNeed.objects.filter(place__in=places):
        if need.opening_rule_id:
            by_rule[need.opening_rule_id] = need
        else:
            by_place[need.place_id] = need

    def need_for(place: Place, key: str) -> tuple[int, dict[str, int]]:
        match = RULE_KEY.match(key)
        need = by_rule.get(int(match.group(1))) if match else None
        need = need or by_place.get(place.pk)
        if need is None:
            return settings.NAOBER_ROSTER_DEFAULT_PEOPLE, dict(DEFAULT_SKILLS)
        return need.people, dict(need.skills or {})

    return need_for


def _people(municipality, start: date, end: date) -> list[Person]:
    return list(
        Person.objects.filter(municipality=municipality, is_active=True)
        .select_related("organisation")
        .prefetch_related(
            "availability",
            "preferred_places",
            Prefetch(
                "absences",
                Absence.objects.filter(start_date__lte=end, end_date__gte=start),
            ),
        )
        .order_by("name", "pk")
    )


def _instance(municipality, places, people, shifts, shares, start, end) -> solver.Instance:
    by_village = defaultdict(list)
    for place in places:
        by_village[place.village.strip().casefold()].append(place)
    organisations = {}
    for person in people:
        if person.organisation_id:
            organisations[organisation_id(person.organisation_id)] = person.organisation.name
    for spec in shifts:
        for org in spec.organisations:
            organisations[organisation_id(org.pk)] = org.name
    for share in shares:
        organisations[organisation_id(share.organisation_id)] = share.organisation.name
    policy = RosterPolicy.objects.filter(municipality=municipality).first()
    distance_km = policy.max_distance_km if policy else DEFAULT_DISTANCE_KM
    return solver.Instance(
        places=[
            solver.Place(id=place_id(p.pk), name=p.name, x=p.building.x_rd, y=p.building.y_rd)
            for p in places
        ],
        people=[_person(person, by_village) for person in people],
        openings=[
            solver.Opening(
                id=spec.key,
                place=place_id(spec.place.pk),
                start=local(spec.start),
                end=local(spec.end),
                people=spec.people,
                skills=dict(spec.skills),
                organisations=tuple(organisation_id(o.pk) for o in spec.organisations),
            )
            for spec in shifts
        ],
        shares=[
            solver.Share(
                organisation=organisation_id(share.organisation_id),
                share=share.percent / 100,
                places=frozenset(place_id(p.pk) for p in share.places.all()),
            )
            for share in shares
        ],
        max_distance_m=distance_km * 1000,
        organisations=organisations,
        name=f"{municipality.name} {start:%Y-%m-%d}–{end:%Y-%m-%d}",
    )


def _person(person: Person, by_village) -> solver.Person:
    home_places = by_village.get(person.home_village.strip().casefold(), [])
    preferred = list(person.preferred_places.all()) or home_places
    home = None
    if home_places:
        home = (
            sum(p.building.x_rd for p in home_places) / len(home_places),
            sum(p.building.y_rd for p in home_places) / len(home_places),
        )
    return solver.Person(
        id=person_id(person.pk),
        name=person.name,
        organisation=organisation_id(person.organisation_id) if person.organisation_id else None,
        skills=frozenset(person.skills or ()),
        availability=tuple(
            solver.Window(weekday=w.weekday, start=w.start_time, end=w.end_time)
            for w in person.availability.all()
        ),
        absences=tuple(
            solver.Absence(start=a.start_date, end=a.end_date) for a in person.absences.all()
        ),
        max_per_week=person.max_per_week,
        max_per_month=person.max_per_month,
        home=home,
        preferred_places=frozenset(place_id(p.pk) for p in preferred),
    )


def generate(roster, *, on_progress=None) -> solver.Result | None:
    """Solve the roster's period and store the outcome on it: shifts, assignments, score,
    solver status, message; status DRAFT (or FAILED with a message a coordinator can read, and
    None returned)."""
    from . import explain

    prepared = prepare(roster.municipality, roster.start_date, roster.end_date)
    try:
        result = solver.solve(
            prepared.instance,
            time_limit=roster.time_limit or settings.NAOBER_ROSTER_TIME_LIMIT,
            seed=roster.seed,
            on_progress=on_progress,
        )
    except solver.InstanceError as error:
        roster.status = RosterStatus.FAILED
        roster.message = explain.problem(error)
        roster.score = {"error": {"code": error.code, **_plain(error.params)}}
        roster.save(update_fields=["status", "message", "score"])
        return None
    if result.status == solver.NO_ROSTER:
        roster.status = RosterStatus.FAILED
        roster.solver_status = result.status
        roster.message = explain.no_roster(roster.time_limit)
        roster.save(update_fields=["status", "solver_status", "message"])
        return None
    with transaction.atomic():
        roster.shifts.all().delete()
        _store(roster, prepared.shifts, result.assignments)
        score = solver.result_to_dict(result).get("score", {})
        roster.score = {
            **score,
            "uncovered": [_uncovered_dict(u) for u in result.uncovered],
            "warnings": prepared.warnings,
            "seconds": round(result.seconds, 2),
        }
        roster.solver_status = result.status
        roster.status = RosterStatus.DRAFT
        roster.progress = 100
        roster.message = "\n".join(explain.warning_lines(prepared.warnings))
        roster.save(update_fields=["score", "solver_status", "status", "progress", "message"])
    return result


def _plain(params: dict) -> dict:
    """An error's parameters as JSON can hold them."""
    return {
        key: value if isinstance(value, int | float | bool) else str(value)
        for key, value in params.items()
    }


def _uncovered_dict(uncovered: solver.Uncovered) -> dict:
    return {
        "opening": uncovered.opening,
        "missing": uncovered.missing,
        "reasons": [dict(r) for r in uncovered.reasons],
    }


def _store(roster, shifts: list[ShiftSpec], assignments: list[solver.Assignment]) -> None:
    """Shift rows for every opening (covered or not) and an Assignment per solver assignment."""
    Shift.objects.bulk_create(
        [
            Shift(
                roster=roster,
                place=spec.place,
                opening_key=spec.key,
                start=spec.start,
                end=spec.end,
                people=spec.people,
                skills=spec.skills,
            )
            for spec in shifts
        ]
    )
    by_key = dict(Shift.objects.filter(roster=roster).values_list("opening_key", "pk"))
    through = Shift.organisations.through
    through.objects.bulk_create(
        [
            through(shift_id=by_key[spec.key], organisation_id=org.pk)
            for spec in shifts
            for org in spec.organisations
        ]
    )
    now = timezone.now()
    Assignment.objects.bulk_create(
        [
            Assignment(
                shift_id=by_key[a.opening],
                person_id=pk_of(a.person),
                status=AssignmentStatus.CONFIRMED,
                source=Source.SOLVER,
                created_at=now,
            )
            for a in assignments
        ]
    )


def current_assignments(roster) -> list[solver.Assignment]:
    """The roster's confirmed assignments in the solver's terms."""
    return [
        solver.Assignment(opening=key, person=person_id(pk))
        for key, pk in Assignment.objects.filter(
            shift__roster=roster, status=AssignmentStatus.CONFIRMED
        )
        .order_by("shift__start", "shift__opening_key", "person_id")
        .values_list("shift__opening_key", "person_id")
    ]


def week_of(moment: datetime) -> tuple[int, int]:
    """The ISO (year, week) of a moment in Amsterdam."""
    year, week, _ = local(moment).isocalendar()
    return year, week
