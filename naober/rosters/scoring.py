"""An independent scorer: any roster (the solver's, the benchmark baseline's, another tool's)
re-scored from the rules alone, without the solver's model. No Django here.

`score(instance, assignments, current=None)` counts hard violations per rule (all 0 in a valid
roster) and the soft penalties per rule, weighted by `instance.weights`, with the definitions of
docs/rosters.md. Two hard counts go beyond the solver's own: an assignment that names an unknown
opening or person, or repeats one already made ("unknown", "duplicate"); such an assignment is
left out of every other rule.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, time, timedelta

from .solver import Assignment, Instance, Opening, Person, Score

# Hard rules, in the order a report lists them.
HARD_RULES = (
    "coverage",  # people missing from openings (summed over openings)
    "too_many",  # people on an opening beyond the number it needs
    "skills",  # skill places missing (an opening needing 2 first aiders with 1 lacks 1)
    "organisations",  # promised organisations with nobody there
    "availability",  # assignments outside the person's weekly availability
    "absence",  # assignments on a day of the person's absence
    "excluded",  # assignments of a person excluded from that opening
    "overlap",  # pairs of a person's assignments that overlap in time
    "distance",  # pairs of a person's assignments on one day too far apart
    "max_per_week",  # shifts over a person's weekly maximum (Monday to Sunday)
    "max_per_month",  # shifts over a person's monthly maximum (calendar months)
    "unknown",  # assignments to an opening or of a person the instance does not have
    "duplicate",  # the same person on the same opening more than once
)
SOFT_RULES = ("shares", "fairness", "continuity", "preferences", "changes", "people_affected")


def score(
    instance: Instance, assignments: list[Assignment], current: list[Assignment] | None = None
) -> Score:
    """The roster's hard violations and weighted soft penalties, each by rule name. With
    `current`, the changes from it count too (a repair)."""
    openings = {opening.id: opening for opening in instance.openings}
    people = {person.id: person for person in instance.people}
    hard = dict.fromkeys(HARD_RULES, 0)

    staff: dict[str, list[Person]] = defaultdict(list)  # opening -> people on it
    shifts: dict[str, list[Opening]] = defaultdict(list)  # person -> their openings
    seen = set()
    for assignment in assignments:
        if assignment.opening not in openings or assignment.person not in people:
            hard["unknown"] += 1
            continue
        if (assignment.opening, assignment.person) in seen:
            hard["duplicate"] += 1
            continue
        seen.add((assignment.opening, assignment.person))
        staff[assignment.opening].append(people[assignment.person])
        shifts[assignment.person].append(openings[assignment.opening])

    for opening in instance.openings:
        there = staff[opening.id]
        hard["coverage"] += max(0, opening.people - len(there))
        hard["too_many"] += max(0, len(there) - opening.people)
        for skill, needed in opening.skills.items():
            hard["skills"] += max(0, needed - sum(skill in p.skills for p in there))
        for organisation in opening.organisations:
            hard["organisations"] += not any(p.organisation == organisation for p in there)
        hard["excluded"] += sum(p.id in opening.excluded for p in there)

    places = {place.id: place for place in instance.places}
    for person_id, theirs in shifts.items():
        person = people[person_id]
        theirs.sort(key=lambda opening: (opening.start, opening.id))
        for opening in theirs:
            hard["availability"] += not available(person, opening)
            hard["absence"] += absent(person, opening)
        for i, first in enumerate(theirs):
            for second in theirs[i + 1 :]:
                if second.start >= first.end and second.start.date() > first.end.date():
                    break
                if first.start < second.end and second.start < first.end:
                    hard["overlap"] += 1
                if _days(first) & _days(second):
                    a, b = places.get(first.place), places.get(second.place)
                    if a and b and math.hypot(a.x - b.x, a.y - b.y) > instance.max_distance_m:
                        hard["distance"] += 1
        weeks = Counter(_monday(o.start.date()) for o in theirs)
        months = Counter((o.start.year, o.start.month) for o in theirs)
        hard["max_per_week"] += sum(max(0, n - person.max_per_week) for n in weeks.values())
        hard["max_per_month"] += sum(max(0, n - person.max_per_month) for n in months.values())

    weights = instance.weights
    pairs = sorted(seen)
    soft = {
        "shares": weights.shares * shares_deviation(instance, staff),
        "fairness": weights.fairness * fairness_spread(instance, shifts),
        "continuity": weights.continuity * distinct_faces(pairs, openings),
        "preferences": weights.preferences * off_preference(instance, shifts),
        "changes": 0,
        "people_affected": 0,
    }
    if current is not None:
        # A current assignment to an opening no longer in the instance is ignored; one of a
        # person no longer in it counts as a change.
        was = {(a.opening, a.person) for a in current if a.opening in openings}
        changed = set(pairs) ^ was
        soft["changes"] = weights.changes * len(changed)
        soft["people_affected"] = weights.people_affected * len({p for _, p in changed})
    return Score(hard=hard, soft=soft)


def available(person: Person, opening: Opening) -> bool:
    """Whether one of the person's weekly windows on the opening's weekday holds it from start
    to end; an opening past midnight needs a window to 23:59 (docs/rosters.md). Two windows
    that join up (9-12 and 12-17) do not hold 10-15 together."""
    start, end = opening.start, opening.end
    for window in person.availability:
        if window.weekday != start.weekday() or window.start > start.time():
            continue
        if end.date() == start.date():
            if end.time() <= window.end:
                return True
        elif (window.end.hour, window.end.minute) == (23, 59):
            return True
    return False


def absent(person: Person, opening: Opening) -> bool:
    days = _days(opening)
    return any(a.start <= day <= a.end for a in person.absences for day in days)


def shares_deviation(instance: Instance, staff: dict[str, list[Person]]) -> int:
    """Per share: how many person-shifts the organisation's people have at the share's places
    more or fewer than its target, the share of the person-shifts those openings need rounded
    to a whole shift (halves up); summed over shares."""
    total = 0
    for share in instance.shares:
        at = [o for o in instance.openings if not share.places or o.place in share.places]
        given = sum(p.organisation == share.organisation for o in at for p in staff[o.id])
        total += abs(given - share_target(share.share, sum(o.people for o in at)))
    return total


def share_target(share: float, needed: int) -> int:
    """`share` of `needed` person-shifts, rounded to the nearest whole shift, halves up."""
    return math.floor(share * needed + 0.5)


def fairness_spread(instance: Instance, shifts: dict[str, list[Opening]]) -> int:
    """Among volunteers who could take at least one shift: the most shifts any of them has
    minus the fewest."""
    loads = [
        len(shifts.get(p.id, ()))
        for p in instance.people
        if p.volunteer and any(eligible(p, o) for o in instance.openings)
    ]
    return max(loads) - min(loads) if loads else 0


def eligible(person: Person, opening: Opening) -> bool:
    """Whether the person may be put on the opening at all: within their hours, not away, not
    excluded from it, and with caps above 0."""
    return (
        person.max_per_week > 0
        and person.max_per_month > 0
        and person.id not in opening.excluded
        and available(person, opening)
        and not absent(person, opening)
    )


def distinct_faces(pairs: list[tuple[str, str]], openings: dict[str, Opening]) -> int:
    """Distinct people per place, summed over places."""
    return len({(openings[o].place, p) for o, p in pairs})


def off_preference(instance: Instance, shifts: dict[str, list[Opening]]) -> int:
    """Shifts at a place that is not among the person's preferred places (if they named any)."""
    return sum(
        opening.place not in person.preferred_places
        for person in instance.people
        if person.preferred_places
        for opening in shifts.get(person.id, ())
    )


def _days(opening: Opening) -> set[date]:
    """The days an opening touches (an opening ending at midnight does not touch the next)."""
    last = opening.end.date()
    if opening.end.time() == time.min and last > opening.start.date():
        last -= timedelta(days=1)
    days, day = set(), opening.start.date()
    while day <= last:
        days.add(day)
        day += timedelta(days=1)
    return days


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())
