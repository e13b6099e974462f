"""The benchmark's baseline: a straightforward CP-SAT model of the roster problem, built the way
OR-Tools' `shift_scheduling_sat.py` sample builds its model.

One boolean per person × opening; the rules added one by one as plain constraints: availability,
absences and exclusions as x == 0; each opening's people, skills and promised organisations as
sums; every pair of one person's openings on one day that overlap in time or lie too far apart
as x1 + x2 <= 1; weekly and monthly caps as sums. The objective has the same terms and weights
as rosters.scoring (shares, fairness, continuity, preferences, and in a repair the changes and
people affected), so its value equals the scorer's soft total. No hint, no greedy start.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from naober.rosters.scoring import absent, available, eligible, share_target
from naober.rosters.solver import Assignment, Instance


@dataclass
class BaselineResult:
    assignments: list[Assignment]
    status: str  # CP-SAT's status name
    seconds: float  # wall time, model building included
    build_seconds: float
    first_full_seconds: float | None  # every solution covers every opening: the first one
    objective: float | None
    constraints: int
    timeline: list[tuple[float, float]] = field(default_factory=list)  # (seconds, objective)


class _Timeline(cp_model.CpSolverSolutionCallback):
    def __init__(self, started: float):
        super().__init__()
        self.started = started
        self.points: list[tuple[float, float]] = []

    def on_solution_callback(self) -> None:
        self.points.append((time.perf_counter() - self.started, self.objective_value))


def solve_baseline(
    instance: Instance,
    *,
    time_limit: float,
    seed: int = 0,
    threads: int = 2,
    current: list[Assignment] | None = None,
) -> BaselineResult:
    started = time.perf_counter()
    model = cp_model.CpModel()
    people, openings = instance.people, instance.openings
    places = {place.id: place for place in instance.places}
    x = {(p.id, o.id): model.new_bool_var(f"x[{p.id},{o.id}]") for p in people for o in openings}

    # Availability, absences, exclusions.
    for p in people:
        for o in openings:
            if not available(p, o) or absent(p, o) or p.id in o.excluded:
                model.add(x[p.id, o.id] == 0)

    # Each opening: its people, its skills, its promised organisations.
    for o in openings:
        model.add(sum(x[p.id, o.id] for p in people) == o.people)
        for skill, needed in o.skills.items():
            model.add(sum(x[p.id, o.id] for p in people if skill in p.skills) >= needed)
        for organisation in o.organisations:
            model.add(sum(x[p.id, o.id] for p in people if p.organisation == organisation) >= 1)

    # Nobody in two places at once, nor in two places too far apart on one day.
    by_day = defaultdict(list)
    for o in openings:
        by_day[o.start.date()].append(o)
    conflicts = []
    for day_openings in by_day.values():
        for i, a in enumerate(day_openings):
            for b in day_openings[i + 1 :]:
                overlap = a.start < b.end and b.start < a.end
                pa, pb = places[a.place], places[b.place]
                far = math.hypot(pa.x - pb.x, pa.y - pb.y) > instance.max_distance_m
                if overlap or far:
                    conflicts.append((a.id, b.id))
    for p in people:
        for a, b in conflicts:
            model.add(x[p.id, a] + x[p.id, b] <= 1)

    # Weekly and monthly caps.
    weeks, months = defaultdict(list), defaultdict(list)
    for o in openings:
        day = o.start.date()
        weeks[day.isocalendar()[:2]].append(o.id)
        months[day.year, day.month].append(o.id)
    for p in people:
        for ids in weeks.values():
            model.add(sum(x[p.id, o] for o in ids) <= p.max_per_week)
        for ids in months.values():
            model.add(sum(x[p.id, o] for o in ids) <= p.max_per_month)

    # The objective: the scorer's soft rules with the instance's weights.
    weights = instance.weights
    terms = []
    for i, share in enumerate(instance.shares):
        at = [o for o in openings if not share.places or o.place in share.places]
        target = share_target(share.share, sum(o.people for o in at))
        given = sum(
            x[p.id, o.id] for p in people if p.organisation == share.organisation for o in at
        )
        deviation = model.new_int_var(0, len(at) * 3 + target, f"share[{i}]")
        model.add(deviation >= given - target)
        model.add(deviation >= target - given)
        terms.append(weights.shares * deviation)
    # Fairness counts the volunteers who could take at least one shift (docs/rosters.md).
    volunteers = [p for p in people if p.volunteer and any(eligible(p, o) for o in openings)]
    if volunteers:
        most = model.new_int_var(0, len(openings), "most")
        least = model.new_int_var(0, len(openings), "least")
        for p in volunteers:
            load = sum(x[p.id, o.id] for o in openings)
            model.add(most >= load)
            model.add(least <= load)
        terms.append(weights.fairness * (most - least))
    for p in people:
        for place in instance.places:
            here = [o for o in openings if o.place == place.id]
            if not here:
                continue
            face = model.new_bool_var(f"face[{p.id},{place.id}]")
            for o in here:
                model.add(face >= x[p.id, o.id])
            terms.append(weights.continuity * face)
    for p in people:
        if p.preferred_places:
            terms.extend(
                weights.preferences * x[p.id, o.id]
                for o in openings
                if o.place not in p.preferred_places
            )
    if current is not None:
        was = {(a.person, a.opening) for a in current}
        for p in people:
            changed = []
            for o in openings:
                key = (p.id, o.id)
                change = (1 - x[key]) if key in was else x[key]
                changed.append(change)
                terms.append(weights.changes * change)
            affected = model.new_bool_var(f"affected[{p.id}]")
            for change in changed:
                model.add(affected >= change)
            terms.append(weights.people_affected * affected)
    model.minimize(sum(terms))
    built = time.perf_counter() - started

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, time_limit - built)
    solver.parameters.num_workers = threads
    solver.parameters.random_seed = seed
    timeline = _Timeline(started)
    status = solver.solve(model, timeline)
    assignments = []
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        assignments = [
            Assignment(opening=o.id, person=p.id)
            for o in openings
            for p in people
            if solver.boolean_value(x[p.id, o.id])
        ]
    return BaselineResult(
        assignments=assignments,
        status=solver.status_name(status),
        seconds=time.perf_counter() - started,
        build_seconds=built,
        first_full_seconds=timeline.points[0][0] if timeline.points else None,
        objective=solver.objective_value if assignments else None,
        constraints=len(model.proto.constraints),
        timeline=timeline.points,
    )
