"""The roster problem in Timefold's Python solver (`pip install timefold`, needs Java 17+), for the
benchmark only: the same instance, rules and weights as rosters.scoring, in Timefold's style
(the employee-scheduling quickstart's): a planning entity per seat (one of an opening's
`people`), its person the planning variable, the rules as constraint streams.

Hard: skills, promised organisations, availability/absence/exclusion, one person twice on an
opening, overlap, distance on one day, weekly and monthly caps. Every seat gets a person, so
coverage always holds. Soft: shares, fairness, continuity, preferences with the instance's
weights (repairs are not run in Timefold).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from timefold.solver import SolverFactory
from timefold.solver.config import (
    Duration,
    EnvironmentMode,
    MoveThreadCount,
    ScoreDirectorFactoryConfig,
    SolverConfig,
    TerminationConfig,
)
from timefold.solver.domain import (
    PlanningEntityCollectionProperty,
    PlanningId,
    PlanningScore,
    PlanningVariable,
    ProblemFactCollectionProperty,
    ValueRangeProvider,
    planning_entity,
    planning_solution,
)
from timefold.solver.score import (
    ConstraintCollectors,
    ConstraintFactory,
    HardSoftScore,
    Joiners,
    constraint_provider,
)

from naober.rosters.scoring import absent, available, eligible, share_target
from naober.rosters.solver import Assignment, Instance

EPOCH = datetime(2000, 1, 1)


@dataclass
class Worker:
    id: Annotated[str, PlanningId]
    organisation: str  # "" for a volunteer
    skills: frozenset
    volunteer: bool
    max_per_week: int
    max_per_month: int
    preferred: frozenset


@dataclass
class Need:
    """A skill (or, with `organisation`, a promised organisation) an opening needs."""

    id: Annotated[str, PlanningId]
    opening: str
    skill: str
    organisation: str
    count: int


@dataclass
class Quota:
    id: Annotated[str, PlanningId]
    organisation: str
    places: frozenset  # empty: all places
    target: int


@planning_entity
@dataclass
class Seat:
    id: Annotated[str, PlanningId]
    opening: str
    place: str
    start: int  # minutes since 2000
    end: int
    day: int
    week: int
    month: int
    allowed: frozenset  # people who may take it
    far: frozenset  # places too far away to work at on the same day
    # Only the people who may take it are tried (Timefold's entity-specific value range).
    candidates: Annotated[list[Worker], ValueRangeProvider(id="candidates")] = field(
        default_factory=list
    )
    worker: Annotated[Worker | None, PlanningVariable(value_range_provider_refs=["candidates"])] = (
        field(default=None)
    )


@planning_solution
@dataclass
class Plan:
    workers: Annotated[list[Worker], ProblemFactCollectionProperty]
    needs: Annotated[list[Need], ProblemFactCollectionProperty]
    quotas: Annotated[list[Quota], ProblemFactCollectionProperty]
    seats: Annotated[list[Seat], PlanningEntityCollectionProperty]
    score: Annotated[HardSoftScore | None, PlanningScore] = field(default=None)


# Set before the solver is built: the constraint provider reads them (Timefold compiles it).
WEIGHTS = {"shares": 10, "fairness": 3, "continuity": 2, "preferences": 1, "volunteers": 0}


@constraint_provider
def rules(factory: ConstraintFactory):
    return [
        factory.for_each(Seat)
        .filter(lambda seat: seat.worker.id not in seat.allowed)
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("availability"),
        factory.for_each_unique_pair(
            Seat, Joiners.equal(lambda seat: seat.opening), Joiners.equal(lambda seat: seat.worker)
        )
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("duplicate"),
        factory.for_each_unique_pair(
            Seat,
            Joiners.equal(lambda seat: seat.worker),
            Joiners.overlapping(lambda seat: seat.start, lambda seat: seat.end),
        )
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("overlap"),
        factory.for_each_unique_pair(
            Seat, Joiners.equal(lambda seat: seat.worker), Joiners.equal(lambda seat: seat.day)
        )
        .filter(lambda a, b: b.place in a.far)
        .penalize(HardSoftScore.ONE_HARD)
        .as_constraint("distance"),
        factory.for_each(Need)
        .join(Seat, Joiners.equal(lambda need: need.opening, lambda seat: seat.opening))
        .group_by(
            lambda need, seat: need,
            ConstraintCollectors.sum(
                lambda need, seat: (
                    1
                    if (
                        need.skill in seat.worker.skills
                        if len(need.skill) > 0
                        else seat.worker.organisation == need.organisation
                    )
                    else 0
                )
            ),
        )
        .filter(lambda need, having: having < need.count)
        .penalize(HardSoftScore.ONE_HARD, lambda need, having: need.count - having)
        .as_constraint("skills and organisations"),
        factory.for_each(Seat)
        .group_by(lambda seat: seat.worker, lambda seat: seat.week, ConstraintCollectors.count())
        .filter(lambda worker, week, count: count > worker.max_per_week)
        .penalize(HardSoftScore.ONE_HARD, lambda worker, week, count: count - worker.max_per_week)
        .as_constraint("max_per_week"),
        factory.for_each(Seat)
        .group_by(lambda seat: seat.worker, lambda seat: seat.month, ConstraintCollectors.count())
        .filter(lambda worker, month, count: count > worker.max_per_month)
        .penalize(HardSoftScore.ONE_HARD, lambda worker, month, count: count - worker.max_per_month)
        .as_constraint("max_per_month"),
        factory.for_each(Quota)
        .join(
            Seat,
            Joiners.filtering(
                lambda quota, seat: len(quota.places) == 0 or seat.place in quota.places
            ),
        )
        .group_by(
            lambda quota, seat: quota,
            ConstraintCollectors.sum(
                lambda quota, seat: 1 if seat.worker.organisation == quota.organisation else 0
            ),
        )
        .filter(lambda quota, given: given != quota.target)
        .penalize(
            HardSoftScore.ONE_SOFT,
            lambda quota, given: WEIGHTS["shares"] * abs(given - quota.target),
        )
        .as_constraint("shares"),
        # Fairness: the busiest volunteer's shifts less the least busy one's (0 when some
        # volunteer has none).
        factory.for_each(Seat)
        .filter(lambda seat: seat.worker.volunteer)
        .group_by(lambda seat: seat.worker, ConstraintCollectors.count())
        .group_by(
            ConstraintCollectors.max(lambda worker, count: count),
            ConstraintCollectors.min(lambda worker, count: count),
            ConstraintCollectors.count_bi(),
        )
        .penalize(
            HardSoftScore.ONE_SOFT,
            lambda most, least, busy: (
                WEIGHTS["fairness"] * (most - (least if busy == WEIGHTS["volunteers"] else 0))
            ),
        )
        .as_constraint("fairness"),
        factory.for_each(Seat)
        .group_by(lambda seat: seat.worker, lambda seat: seat.place)
        .penalize(HardSoftScore.ONE_SOFT, lambda worker, place: WEIGHTS["continuity"])
        .as_constraint("continuity"),
        factory.for_each(Seat)
        .filter(
            lambda seat: len(seat.worker.preferred) > 0 and seat.place not in seat.worker.preferred
        )
        .penalize(HardSoftScore.ONE_SOFT, lambda seat: WEIGHTS["preferences"])
        .as_constraint("preferences"),
    ]


@dataclass
class TimefoldResult:
    assignments: list[Assignment]
    seconds: float  # wall time, JVM start and model building included
    build_seconds: float
    first_feasible_seconds: float | None  # best solution with 0 hard, counted from the start
    score: str
    timeline: list[tuple[float, str]]


def plan_for(instance: Instance) -> Plan:
    places = {place.id: place for place in instance.places}
    far = {
        a: frozenset(
            b
            for b, pb in places.items()
            if math.hypot(pa.x - pb.x, pa.y - pb.y) > instance.max_distance_m
        )
        for a, pa in places.items()
    }
    workers = [
        Worker(
            id=p.id,
            organisation=p.organisation or "",
            skills=frozenset(p.skills),
            # Fairness counts the volunteers who could take at least one shift.
            volunteer=p.volunteer and any(eligible(p, o) for o in instance.openings),
            max_per_week=p.max_per_week,
            max_per_month=p.max_per_month,
            preferred=frozenset(p.preferred_places),
        )
        for p in instance.people
    ]
    seats, needs = [], []
    for o in instance.openings:
        allowed = frozenset(
            p.id
            for p in instance.people
            if available(p, o) and not absent(p, o) and p.id not in o.excluded
        )
        day = o.start.date()
        for index in range(o.people):
            seats.append(
                Seat(
                    id=f"{o.id}#{index}",
                    opening=o.id,
                    place=o.place,
                    start=int((o.start - EPOCH).total_seconds() // 60),
                    end=int((o.end - EPOCH).total_seconds() // 60),
                    day=day.toordinal(),
                    week=day.toordinal() // 7,  # ordinal 1 is a Monday: weeks start on Monday
                    month=day.year * 12 + day.month,
                    allowed=allowed,
                    far=far[o.place],
                    candidates=[w for w in workers if w.id in allowed],
                )
            )
        for skill, count in sorted(o.skills.items()):
            needs.append(Need(f"{o.id}/{skill}", o.id, skill, "", count))
        for organisation in o.organisations:
            needs.append(Need(f"{o.id}/{organisation}", o.id, "", organisation, 1))
    quotas = []
    for i, share in enumerate(instance.shares):
        asked = sum(
            o.people for o in instance.openings if not share.places or o.place in share.places
        )
        quotas.append(
            Quota(
                f"share-{i}",
                share.organisation,
                frozenset(share.places),
                share_target(share.share, asked),
            )
        )
    return Plan(workers=workers, needs=needs, quotas=quotas, seats=seats)


def solve_timefold(
    instance: Instance, *, time_limit: float, seed: int = 0, threads: int = 2
) -> TimefoldResult:
    started = time.perf_counter()
    weights = instance.weights
    WEIGHTS.update(
        shares=weights.shares,
        fairness=weights.fairness,
        continuity=weights.continuity,
        preferences=weights.preferences,
    )
    plan = plan_for(instance)
    WEIGHTS["volunteers"] = sum(worker.volunteer for worker in plan.workers)
    config = SolverConfig(
        solution_class=Plan,
        entity_class_list=[Seat],
        score_director_factory_config=ScoreDirectorFactoryConfig(
            constraint_provider_function=rules
        ),
        termination_config=TerminationConfig(
            spent_limit=Duration(milliseconds=int(time_limit * 1000))
        ),
        environment_mode=EnvironmentMode.NO_ASSERT,
        random_seed=seed,
        # Multithreaded solving needs Timefold's enterprise edition: one thread here.
        move_thread_count=MoveThreadCount.NONE,
    )
    solver = SolverFactory.create(config).build_solver()
    built = time.perf_counter() - started
    timeline: list[tuple[float, str]] = []
    first = []

    def on_best(event) -> None:
        now = time.perf_counter() - started
        timeline.append((now, str(event.new_best_score)))
        if (
            not first
            and event.is_new_best_solution_initialized
            and event.new_best_score.hard_score == 0
        ):
            first.append(now)

    solver.add_event_listener(on_best)
    solved = solver.solve(plan)
    assignments = [
        Assignment(opening=seat.opening, person=seat.worker.id)
        for seat in solved.seats
        if seat.worker
    ]
    return TimefoldResult(
        assignments=assignments,
        seconds=time.perf_counter() - started,
        build_seconds=built,
        first_feasible_seconds=first[0] if first else None,
        score=str(solved.score),
        timeline=timeline,
    )
