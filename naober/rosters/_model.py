"""Inside solver.solve(): who may take which opening, a quick greedy roster, CP-SAT to improve
it, and afterwards the score and the reasons for every gap.

The flow:
1. `_Prep` works out the eligible (person, opening) pairs; only those can ever be chosen.
2. `_greedy` builds a roster in a fraction of a second, scarcest openings first, and mends its
   gaps by moving people; in a repair it starts from the current roster. It is often already
   without gaps, and it is where the search starts.
3. `_Search` improves it with CP-SAT. The objective is lexicographic: every gap (a missing
   person, skill or promised organisation) weighs more than all soft penalties together. A
   small instance is solved as one model (and can be proven optimal); a big one by large
   neighbourhood search: again and again a few days or a few places are opened up, everything
   else stays as it is and enters the model as constants, and CP-SAT finds the best roster for
   what is open. In a repair only the weeks with a gap are opened, then their months, then
   everything, and only as long as gaps remain.
4. `_evaluate` scores the roster in plain Python, independent of the model, and `_diagnose`
   explains each gap from the instance and the roster.

Determinism: each CP-SAT solve runs on one worker with a deterministic time limit, the
neighbourhoods come from a generator seeded with the seed, and the search stops when a
deterministic budget (DETERMINISTIC_PER_SECOND x time_limit) is spent. With `threads` > 1,
that many neighbourhoods are solved side by side and merged in a fixed order. The wall-clock
limit is only a backstop (on a heavily loaded machine it can cut the search short).
"""

from __future__ import annotations

import math
import random
import threading
import time as clock
from collections import defaultdict
from datetime import datetime, timedelta

from ortools.sat.python import cp_model

from . import solver as s

SOFT = ("shares", "fairness", "continuity", "preferences")
HARD = (
    "coverage",
    "too_many",
    "skills",
    "organisations",
    "availability",
    "absence",
    "excluded",
    "overlap",
    "distance",
    "max_per_week",
    "max_per_month",
)
# Deterministic time units (CP-SAT's, about a second of work on one core each) that the
# search may spend per second of time limit.
DETERMINISTIC_PER_SECOND = 0.25
# Up to this many eligible pairs the open openings form one model; above it, neighbourhoods
# of about NEIGHBOURHOOD_PAIRS pairs each.
FULL_MODEL_PAIRS = 600
NEIGHBOURHOOD_PAIRS = 700
NEIGHBOURHOOD_DTIME = 0.15
# How often a neighbourhood around one gap is tried before the search gives up on it.
GAP_TRIES = 3
# How many people the greedy roster may move, one after the other, to fill one gap.
MEND_DEPTH = 2
# A repair stops after this many neighbourhoods in a row without a better roster.
REPAIR_STALL = 8
CP_SAT_PARAMETERS = {
    # The LP with cuts proves small roster models optimal many times faster.
    "linearization_level": 2,
    # Small models need little presolve; the time goes to the search instead.
    "symmetry_level": 0,
    "cp_model_probing_level": 0,
    "max_presolve_iterations": 1,
}
# What building a model in Python costs, in deterministic units per variable.
BUILD_DTIME_PER_VAR = 1e-5
_EPOCH = datetime(2000, 1, 1)
# In the greedy roster: what serving one more of an opening's needs is worth.
NEED_BONUS = 5
UNWANTED_EXTRA = 1.5
# In a neighbourhood, an opening away from any gap offers this many candidates.
HOOD_CANDIDATES = 8


def solve(instance, *, time_limit, seed, threads, current, keep_before, on_progress):
    timer = _Timer(time_limit)
    prep = _Prep(instance, current, keep_before)
    roster = _greedy(prep, seed)
    evaluation = _evaluate(prep, roster)
    first_full = timer.elapsed() if evaluation.shortage == 0 else None
    proven = not any(prep.by_opening[o] for o in prep.changeable)
    if not proven and timer.left() > 0.02:
        search = _Search(prep, seed, threads, timer, on_progress)
        roster, evaluation, proven = search.run(roster, evaluation)
        if search.first_full is not None and (first_full is None or search.first_full < first_full):
            first_full = search.first_full
    if on_progress is not None:
        on_progress(1.0)
    return s.Result(
        status=s.OPTIMAL if proven else s.FEASIBLE,
        assignments=[
            s.Assignment(prep.openings[o].id, prep.people[p].id)
            for p, o in sorted((prep.pairs[k] for k in roster), key=lambda po: (po[1], po[0]))
        ],
        uncovered=_diagnose(prep, roster, evaluation),
        score=evaluation.score(prep),
        seconds=timer.elapsed(),
        first_full_seconds=first_full,
        changes=evaluation.changes,
        people_affected=evaluation.people_affected,
    )


class _Timer:
    def __init__(self, limit: float):
        self.started = clock.perf_counter()
        self.limit = limit

    def elapsed(self) -> float:
        return clock.perf_counter() - self.started

    def left(self) -> float:
        return self.limit - self.elapsed()


def _minutes(moment: datetime) -> int:
    return int((moment - _EPOCH).total_seconds() // 60)


class _Prep:
    """The instance as indexes: people p, openings o, eligible pairs k = (p, o)."""

    def __init__(self, instance, current, keep_before):
        self.instance = instance
        self.people = people = instance.people
        self.openings = openings = instance.openings
        self.weights = instance.weights
        self.repair = current is not None
        place_index = {place.id: i for i, place in enumerate(instance.places)}
        person_index = {person.id: i for i, person in enumerate(people)}
        opening_index = {opening.id: i for i, opening in enumerate(openings)}
        self.o_place = [place_index[o.place] for o in openings]
        self.o_start = [_minutes(o.start) for o in openings]
        self.o_end = [_minutes(o.end) for o in openings]
        self.o_day = [o.start.toordinal() for o in openings]
        self.o_last_day = [(o.end - timedelta(seconds=1)).toordinal() for o in openings]
        self.o_week = [o.start.isocalendar()[:2] for o in openings]
        self.o_month = [(o.start.year, o.start.month) for o in openings]
        self.frozen = [keep_before is not None and o.start < keep_before for o in openings]
        self.changeable = [o for o in range(len(openings)) if not self.frozen[o]]
        self.xy = xy = [(place.x, place.y) for place in instance.places]
        limit = instance.max_distance_m
        self.far = [[math.dist(a, b) > limit for b in xy] for a in xy]
        self.p_skills = [frozenset(person.skills) for person in people]
        self.p_prefs = [
            frozenset(place_index[x] for x in person.preferred_places) for person in people
        ]
        self.p_org = [person.organisation for person in people]
        self.p_week = [person.max_per_week for person in people]
        self.p_month = [person.max_per_month for person in people]

        # The current roster: pairs still possible, and assignments of people who are gone.
        self.current: set[tuple[int, int]] = set()
        self.gone_assignments = 0
        self.gone_people: set[str] = set()
        for assignment in current or ():
            o = opening_index.get(assignment.opening)
            if o is None:
                continue
            p = person_index.get(assignment.person)
            if p is None:
                self.gone_assignments += 1
                self.gone_people.add(assignment.person)
            else:
                self.current.add((p, o))

        # Eligible pairs; an opening before keep_before keeps exactly its current people.
        self.eligible = self._eligibility()
        self.pairs: list[tuple[int, int]] = []
        self.fixed: set[int] = set()
        self.pair_index: dict[tuple[int, int], int] = {}
        self.by_opening: list[list[int]] = [[] for _ in openings]
        self.by_person: list[list[int]] = [[] for _ in people]
        for o in range(len(openings)):
            if self.frozen[o]:
                chosen = sorted(p for p, oo in self.current if oo == o)
            else:
                chosen = self.eligible[o]
            for p in chosen:
                k = len(self.pairs)
                self.pairs.append((p, o))
                self.pair_index[p, o] = k
                self.by_person[p].append(k)
                if self.frozen[o]:
                    self.fixed.add(k)
                else:
                    self.by_opening[o].append(k)
        self.k_unwanted = [
            bool(self.p_prefs[p]) and self.o_place[o] not in self.p_prefs[p] for p, o in self.pairs
        ]

        # Share targets: the share of the person-shifts the openings in scope need.
        self.share_org = [share.organisation for share in instance.shares]
        self.share_scope: list[list[int]] = []
        self.share_target: list[int] = []
        for share in instance.shares:
            places = {place_index[x] for x in share.places} or set(range(len(xy)))
            scope = [o for o in range(len(openings)) if self.o_place[o] in places]
            demand = sum(openings[o].people for o in scope)
            self.share_scope.append(scope)
            self.share_target.append(math.floor(share.share * demand + 0.5))
        self.shares_of_opening: list[list[int]] = [[] for _ in openings]
        for i, scope in enumerate(self.share_scope):
            for o in scope:
                self.shares_of_opening[o].append(i)
        self.volunteers = [
            p for p, person in enumerate(people) if person.volunteer and self.by_person[p]
        ]

    def _eligibility(self) -> list[list[int]]:
        people = self.people
        by_slot: dict[tuple, list[int]] = {}
        result = []
        for o, opening in enumerate(self.openings):
            start, end = opening.start, opening.end
            key = (start.weekday(), start.time(), end.time(), end.date() > start.date())
            if key not in by_slot:
                by_slot[key] = [
                    p
                    for p, person in enumerate(people)
                    if person.max_per_week > 0 and person.max_per_month > 0 and self.available(p, o)
                ]
            result.append(
                [
                    p
                    for p in by_slot[key]
                    if people[p].id not in opening.excluded and not self.absent(p, o)
                ]
            )
        return result

    def available(self, p, o) -> bool:
        opening = self.openings[o]
        start, end = opening.start, opening.end
        for window in self.people[p].availability:
            if window.weekday != start.weekday() or window.start > start.time():
                continue
            if end.date() == start.date() and end.time() <= window.end:
                return True
            # An opening that runs past midnight needs a window to the end of the day.
            if end.date() > start.date() and (window.end.hour, window.end.minute) == (23, 59):
                return True
        return False

    def absent(self, p, o) -> bool:
        opening = self.openings[o]
        first, last = opening.start.date(), (opening.end - timedelta(seconds=1)).date()
        return any(a.start <= last and first <= a.end for a in self.people[p].absences)

    def overlap(self, a: int, b: int) -> bool:
        return self.o_start[a] < self.o_end[b] and self.o_start[b] < self.o_end[a]

    def clash(self, a: int, b: int) -> bool:
        """One person cannot take both openings: at the same time, or far apart on one day."""
        if self.o_start[a] < self.o_end[b] and self.o_start[b] < self.o_end[a]:
            return True
        return self.o_day[a] == self.o_day[b] and self.far[self.o_place[a]][self.o_place[b]]

    def serves(self, p: int, need) -> bool:
        kind, value = need
        if kind == "organisation":
            return self.p_org[p] == value
        if kind == "skill":
            return value in self.p_skills[p]
        return True


# --- The greedy roster ----------------------------------------------------------------------


class _State:
    """A roster being built: who is on what, and the counts the rules need."""

    def __init__(self, prep: _Prep, chosen=()):
        self.prep = prep
        self.chosen: set[int] = set()
        self.on: list[list[int]] = [[] for _ in prep.openings]  # people per opening
        self.shifts: list[list[int]] = [[] for _ in prep.people]  # openings per person
        self.days: list[dict[int, list[int]]] = [defaultdict(list) for _ in prep.people]
        self.week: dict[tuple, int] = defaultdict(int)
        self.month: dict[tuple, int] = defaultdict(int)
        self.places: dict[tuple[int, int], int] = defaultdict(int)
        self.share_count = [0] * len(prep.share_target)
        self.load = [0] * len(prep.people)
        self.journal: list[tuple[bool, int]] = []  # (added, pair), to roll back
        for k in sorted(chosen):
            self.add(k)
        self.journal.clear()

    def mark(self) -> int:
        return len(self.journal)

    def rollback(self, mark: int) -> None:
        while len(self.journal) > mark:
            added, k = self.journal.pop()
            if added:
                self.remove(k)
            else:
                self.add(k)
            self.journal.pop()

    def fits(self, p: int, o: int) -> bool:
        prep = self.prep
        if self.week[p, prep.o_week[o]] >= prep.p_week[p]:
            return False
        if self.month[p, prep.o_month[o]] >= prep.p_month[p]:
            return False
        return not self.clashes(p, o)

    def clashes(self, p: int, o: int) -> bool:
        prep = self.prep
        days = self.days[p]
        for day in range(prep.o_day[o] - 1, prep.o_last_day[o] + 1):
            for other in days.get(day, ()):
                if prep.clash(o, other):
                    return True
        return False

    def add(self, k: int) -> None:
        p, o = self.prep.pairs[k]
        self.journal.append((True, k))
        self._count(p, o, 1)
        self.chosen.add(k)
        self.on[o].append(p)
        self.shifts[p].append(o)
        self.days[p][self.prep.o_day[o]].append(o)

    def remove(self, k: int) -> None:
        p, o = self.prep.pairs[k]
        self.journal.append((False, k))
        self._count(p, o, -1)
        self.chosen.discard(k)
        self.on[o].remove(p)
        self.shifts[p].remove(o)
        self.days[p][self.prep.o_day[o]].remove(o)

    def _count(self, p, o, step) -> None:
        prep = self.prep
        self.week[p, prep.o_week[o]] += step
        self.month[p, prep.o_month[o]] += step
        self.places[p, prep.o_place[o]] += step
        self.load[p] += step
        for i in prep.shares_of_opening[o]:
            if prep.share_org[i] == prep.p_org[p]:
                self.share_count[i] += step

    def needs(self, o: int) -> list[tuple[str, object]]:
        """What the opening still lacks: ("organisation", id), ("skill", code), ("seat", None);
        one entry per missing unit, organisations and skills first."""
        prep = self.prep
        opening = prep.openings[o]
        on = self.on[o]
        missing = []
        for organisation in opening.organisations:
            if not any(prep.p_org[p] == organisation for p in on):
                missing.append(("organisation", organisation))
        for skill, count in opening.skills.items():
            have = sum(1 for p in on if skill in prep.p_skills[p])
            missing.extend([("skill", skill)] * max(0, count - have))
        missing.extend([("seat", None)] * max(0, opening.people - len(on)))
        return missing


class _Greedy:
    """Builds a roster one opening at a time, scarcest first, then mends the gaps by moving
    people (one move deep)."""

    def __init__(self, prep: _Prep, seed: int):
        self.prep = prep
        self.state = _State(prep, prep.fixed)
        self.rank = _seeded_rank(len(prep.people), seed)
        self.most = 0  # the most shifts any volunteer has
        scarcity = _scarcity(prep)
        self.scarcity = scarcity
        self.p_scarcity = [
            sum(scarcity.get(x, 0.0) for x in prep.p_skills[p])
            + (scarcity.get("org:" + prep.p_org[p], 0.0) if prep.p_org[p] else 0.0)
            for p in range(len(prep.people))
        ]

    def run(self) -> set[int]:
        prep, state = self.prep, self.state
        # In a repair, start from the current roster: what still fits stays.
        for p, o in sorted(prep.current):
            k = prep.pair_index.get((p, o))
            if k is None or k in state.chosen or not state.fits(p, o):
                continue
            if len(state.on[o]) < prep.openings[o].people:
                state.add(k)
        slacks = _slacks(prep)
        order = sorted(prep.changeable, key=lambda o: (slacks[o], prep.o_start[o], o))
        for o in order:
            self.fill(o)
        for o in order:
            if state.needs(o):
                self.mend(o)
        state.journal.clear()
        return state.chosen

    def cost(self, p: int, o: int) -> tuple:
        prep, state = self.prep, self.state
        weights = prep.weights
        opening = prep.openings[o]
        place = prep.o_place[o]
        cost = 0.0 if state.places[p, place] else weights.continuity
        if prep.k_unwanted[prep.pair_index[p, o]]:
            # Away from their own places, a person is also likely to be a new face there.
            cost += weights.preferences + UNWANTED_EXTRA * weights.continuity
        organisation = prep.p_org[p]
        if organisation is None:
            # Fairness grows only when the busiest volunteer gets busier; a little spreading
            # below that keeps room for later.
            cost += weights.fairness * (
                max(0, state.load[p] + 1 - self.most) + 0.05 * state.load[p]
            )
        else:
            for i in prep.shares_of_opening[o]:
                if prep.share_org[i] == organisation:
                    below = state.share_count[i] < prep.share_target[i]
                    cost += -weights.shares if below else weights.shares
        if prep.repair and (p, o) not in prep.current:
            cost += weights.changes
            if not any((p, other) in prep.current for other in state.shifts[p]):
                cost += weights.people_affected
        # Keep people with scarce skills or a promised organisation for the openings that
        # need them.
        spare = self.p_scarcity[p]
        for skill in opening.skills:
            if skill in prep.p_skills[p]:
                spare -= self.scarcity.get(skill, 0.0)
        if organisation and organisation in opening.organisations:
            spare -= self.scarcity.get("org:" + organisation, 0.0)
        return (cost + spare, self.rank[p])

    def choice(self, p: int, o: int, needs) -> tuple:
        prep = self.prep
        # Serving several needs at once saves a seat for someone else.
        served = sum(1 for need in needs if prep.serves(p, need))
        cost, rank = self.cost(p, o)
        return (cost - NEED_BONUS * served, rank)

    def fill(self, o: int) -> None:
        prep, state = self.prep, self.state
        needed = prep.openings[o].people
        if len(state.on[o]) >= needed:
            return
        candidates = [
            k for k in prep.by_opening[o] if state.fits(prep.pairs[k][0], o)
        ]  # people already on o do not fit (they clash with o itself)
        while len(state.on[o]) < needed and candidates:
            needs = state.needs(o)
            best = None
            # The first need someone can serve; a person serving more needs at once wins.
            for need in needs:
                serving = [k for k in candidates if prep.serves(prep.pairs[k][0], need)]
                if serving:
                    best = min(serving, key=lambda k: self.choice(prep.pairs[k][0], o, needs))
                    break
            if best is None:
                return
            state.add(best)
            candidates.remove(best)
            if prep.p_org[prep.pairs[best][0]] is None:
                self.most = max(self.most, state.load[prep.pairs[best][0]])

    def mend(self, o: int) -> None:
        """Lower what o lacks, one unit at a time, by moving people (MEND_DEPTH moves deep)."""
        state = self.state
        while state.needs(o):
            if not self.lower(o, MEND_DEPTH, {o}):
                return

    def lower(self, o: int, depth: int, chain: set[int]) -> bool:
        """Lower what o lacks by at least one; on failure leave everything as it was."""
        prep, state = self.prep, self.state
        before = len(state.needs(o))
        for need in dict.fromkeys(state.needs(o)):
            helpers = [
                prep.pairs[k][0]
                for k in prep.by_opening[o]
                if prep.pairs[k][0] not in state.on[o] and prep.serves(prep.pairs[k][0], need)
            ]
            for p in helpers:
                mark = state.mark()
                if self.place(p, o, before, depth, chain):
                    return True
                state.rollback(mark)
        return False

    def place(self, p: int, o: int, before: int, depth: int, chain: set[int]) -> bool:
        prep, state = self.prep, self.state
        if len(state.on[o]) < prep.openings[o].people:
            return self.put(p, o, before, depth, chain)
        # Full: p takes someone's seat.
        for q in list(state.on[o]):
            kq = prep.pair_index[q, o]
            if kq in prep.fixed:
                continue
            mark = state.mark()
            state.remove(kq)
            if self.put(p, o, before, depth, chain):
                return True
            state.rollback(mark)
        return False

    def put(self, p: int, o: int, before: int, depth: int, chain: set[int]) -> bool:
        prep, state = self.prep, self.state
        k = prep.pair_index[p, o]
        if state.fits(p, o):
            state.add(k)
            return len(state.needs(o)) < before
        if depth == 0:
            return False
        # Free p from one of their openings, and find someone else for that one.
        for other in list(state.shifts[p]):
            k_other = prep.pair_index[p, other]
            if k_other in prep.fixed or other in chain:
                continue
            mark = state.mark()
            lacked = len(state.needs(other))
            state.remove(k_other)
            if state.fits(p, o):
                state.add(k)
                if len(state.needs(o)) < before:
                    self.fill(other)
                    if self.restore(other, lacked, depth - 1, chain | {o}):
                        return True
            state.rollback(mark)
        return False

    def restore(self, o: int, lacked: int, depth: int, chain: set[int]) -> bool:
        while len(self.state.needs(o)) > lacked:
            if depth == 0 or not self.lower(o, depth, chain):
                return False
        return True


def _greedy(prep: _Prep, seed: int) -> set[int]:
    return _Greedy(prep, seed).run()


def _slacks(prep: _Prep) -> dict[int, int]:
    """For each opening, how many spare candidates its tightest need has, counting the
    openings at the same time that need the same (they compete for the same people)."""
    by_day = defaultdict(list)
    for o in prep.changeable:
        by_day[prep.o_day[o]].append(o)
    slacks = {}
    for day_openings in by_day.values():
        for o in day_openings:
            opening = prep.openings[o]
            eligible = prep.eligible[o]
            rivals = [r for r in day_openings if prep.overlap(o, r)]
            slack = len(eligible) - sum(prep.openings[r].people for r in rivals)
            for skill in opening.skills:
                demand = sum(prep.openings[r].skills.get(skill, 0) for r in rivals)
                supply = sum(1 for p in eligible if skill in prep.p_skills[p])
                slack = min(slack, supply - demand)
            for organisation in opening.organisations:
                demand = sum(1 for r in rivals if organisation in prep.openings[r].organisations)
                supply = sum(1 for p in eligible if prep.p_org[p] == organisation)
                slack = min(slack, supply - demand)
            slacks[o] = slack
    return slacks


def _seeded_rank(n: int, seed: int) -> list[int]:
    """A shuffle of the people that depends on the seed only."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    rank = [0] * n
    for position, i in enumerate(order):
        rank[i] = position
    return rank


def _scarcity(prep: _Prep) -> dict[str, float]:
    """How tight each skill (and promised organisation) is: what the openings ask for over
    what the people who have it could give, squared and scaled so that only tight ones count."""
    demand: dict[str, int] = defaultdict(int)
    supply: dict[str, float] = defaultdict(float)
    for opening in prep.openings:
        for skill, count in opening.skills.items():
            demand[skill] += count
        for organisation in opening.organisations:
            demand["org:" + organisation] += 1
    weeks = len(set(prep.o_week)) or 1
    months = len(set(prep.o_month)) or 1
    for p, person in enumerate(prep.people):
        capacity = min(
            len(prep.by_person[p]), person.max_per_week * weeks, person.max_per_month * months
        )
        for skill in person.skills:
            supply[skill] += capacity
        if person.organisation:
            supply["org:" + person.organisation] += capacity
    return {key: 10 * min(1.0, demand[key] / max(1.0, supply[key])) ** 2 for key in demand}


# --- The CP-SAT search ----------------------------------------------------------------------


class _Search:
    def __init__(self, prep: _Prep, seed: int, threads: int, timer: _Timer, on_progress):
        self.prep = prep
        self.seed = seed
        self.threads = max(1, threads)
        self.timer = timer
        self.on_progress = on_progress
        self.first_full = None
        self.budget = timer.limit * DETERMINISTIC_PER_SECOND
        self.random = random.Random(seed)
        # Time kept back for building the last model and scoring the roster at the end.
        self.reserve = 0.1 + 0.05 * timer.limit

    def running(self) -> bool:
        return self.budget > 0 and self.timer.left() > self.reserve

    def run(self, roster: set[int], best: _Evaluation):
        prep = self.prep
        self.roster, self.best, self.state = roster, best, _State(prep, roster)
        proven = False
        windows = self._windows()
        for number, free in enumerate(windows):
            if not self.running():
                break
            size = sum(len(prep.by_opening[o]) for o in free)
            if size <= FULL_MODEL_PAIRS:
                found, status = self._solve([self._model(free)], self.budget)[0]
                self._accept(found)
                proven = number == len(windows) - 1 and status == cp_model.OPTIMAL
            else:
                self._neighbourhoods(sorted(free))
            if self.best.shortage == 0:
                break
        return self.roster, self.best, proven

    def _model(self, free, candidates=None) -> _Model:
        return _Model(self.prep, set(free), self.roster, self.state, self.best, candidates)

    def _candidates(self, o: int) -> list[int]:
        """The pairs a neighbourhood offers an opening: its people now, and the most suitable
        others (their own places first, then those who work there already, then the nearest)."""
        prep, state = self.prep, self.state
        ks = prep.by_opening[o]
        if len(ks) <= HOOD_CANDIDATES:
            return ks
        place = prep.o_place[o]
        here = prep.xy[place]

        def suitability(k):
            p = prep.pairs[k][0]
            home = prep.people[p].home
            return (
                p not in state.on[o],
                prep.k_unwanted[k],
                not state.places[p, place],
                math.dist(home, here) if home is not None else 0.0,
                k,
            )

        chosen = sorted(ks, key=suitability)[:HOOD_CANDIDATES]
        # And the best few for each skill and organisation it asks for.
        opening = prep.openings[o]
        for need in [("skill", x) for x in opening.skills] + [
            ("organisation", x) for x in opening.organisations
        ]:
            serving = sorted(
                (k for k in ks if prep.serves(prep.pairs[k][0], need)), key=suitability
            )
            chosen += serving[:3]
        return sorted(set(chosen))

    def _accept(self, found) -> bool:
        """Take `found` if it is better: fewer gaps, or as few and a lower soft penalty."""
        if found is None:
            return False
        evaluation = _evaluate(self.prep, found)
        best = self.best
        if evaluation.hard_breaches > best.hard_breaches:
            return False
        if (evaluation.shortage, evaluation.objective) >= (best.shortage, best.objective):
            return False
        for k in self.roster - found:
            self.state.remove(k)
        for k in found - self.roster:
            self.state.add(k)
        self.state.journal.clear()
        self.roster, self.best = found, evaluation
        return True

    def _windows(self) -> list[set[int]]:
        """The openings the search may change: everything, or in a repair first the weeks with
        a gap, then their months, then everything."""
        prep = self.prep
        everything = set(prep.changeable)
        if not prep.repair:
            return [everything]
        state = _State(prep, [prep.pair_index[po] for po in prep.current if po in prep.pair_index])
        gaps = [o for o in prep.changeable if state.needs(o)]
        if not gaps:
            return [everything]
        windows = []
        for key in (prep.o_week, prep.o_month):
            marked = {key[o] for o in gaps}
            window = {o for o in prep.changeable if key[o] in marked}
            if window != everything and (not windows or window != windows[-1]):
                windows.append(window)
        return [*windows, everything]

    def _neighbourhoods(self, free: list[int]) -> None:
        prep = self.prep
        number = stalled = 0
        self.free = set(free)
        self.tries: dict[int, int] = defaultdict(int)
        # Neighbourhoods grow while CP-SAT proves them optimal in time, and shrink when not.
        total = sum(len(prep.by_opening[o]) for o in free)
        self.hood_pairs = min(NEIGHBOURHOOD_PAIRS, total // 3)
        while self.running():
            hoods = []
            for _ in range(self.threads):
                hoods.append(self._neighbourhood(free, number))
                number += 1
            models = [self._model(hood, hood) for hood in hoods]
            self.budget -= sum(len(m.var) for m in models) * BUILD_DTIME_PER_VAR
            solved = self._solve(models, NEIGHBOURHOOD_DTIME)
            results = [found for found, _ in solved]
            if all(status == cp_model.OPTIMAL for _, status in solved):
                self.hood_pairs = min(2 * NEIGHBOURHOOD_PAIRS, int(self.hood_pairs * 1.1))
            else:
                self.hood_pairs = max(100, int(self.hood_pairs * 0.8))
            before = self.roster
            # Each answer on its own, then all of them together (they may get in each other's
            # way; then the merge is refused); in a fixed order, so timing does not matter.
            improved = False
            for found in results:
                improved |= self._accept(found)
            disjoint = len({o for m in models for o in m.free}) == sum(len(m.free) for m in models)
            if disjoint and sum(1 for found in results if found is not None) > 1:
                merged = set(before)
                for model, found in zip(models, results, strict=True):
                    if found is not None:
                        merged.difference_update(
                            [k for k in before if prep.pairs[k][1] in model.free]
                        )
                        merged.update(k for k in found if prep.pairs[k][1] in model.free)
                improved |= self._accept(merged)
            stalled = 0 if improved else stalled + len(models)
            # A repair is done when nothing nearby gets better any more and no gap is left
            # to try.
            if prep.repair and stalled >= REPAIR_STALL and not self._open_gaps():
                return
            if self.on_progress is not None:
                self.on_progress(min(0.99, self.timer.elapsed() / self.timer.limit))

    def _open_gaps(self) -> list[int]:
        """Gaps not yet tried in vain too often (some cannot be filled at all)."""
        prep = self.prep
        return [
            o
            for o in sorted(self.best.short)
            if not prep.frozen[o] and self.tries[o] < GAP_TRIES and o in self.free
        ]

    def _neighbourhood(self, free: list[int], number: int) -> dict[int, list[int]]:
        """Openings, each with the pairs it offers, about self.hood_pairs pairs in all: around
        a gap (the gap, the openings of the people who could fill it that month, the days
        around it), or a few days across all places, or a few places across the weeks."""
        prep, state, rng = self.prep, self.state, self.random
        gaps = self._open_gaps()
        kinds = ("gap", "days", "gap", "places") if gaps else ("days", "places")
        kind = kinds[number % len(kinds)]
        centre = rng.choice(gaps) if kind == "gap" else rng.choice(free)
        if kind == "gap":
            self.tries[centre] += 1
        here = prep.xy[prep.o_place[centre]]

        def days(o):
            place_gap = math.dist(prep.xy[prep.o_place[o]], here)
            return (abs(prep.o_day[o] - prep.o_day[centre]), place_gap, o)

        def places(o):
            place_gap = math.dist(prep.xy[prep.o_place[o]], here)
            return (round(place_gap / 1000), abs(prep.o_day[o] - prep.o_day[centre]), o)

        first = []
        if kind == "gap":
            needs = state.needs(centre)
            helpers = [p for p in prep.eligible[centre] if any(prep.serves(p, n) for n in needs)]
            month = prep.o_month[centre]
            taken = {o for p in helpers for o in state.shifts[p] if prep.o_month[o] == month}
            first = [centre, *sorted(taken & set(free), key=days)]
        hood: dict[int, list[int]] = {}
        size = 0
        for o in [*first, *sorted(free, key=places if kind == "places" else days)]:
            if o in hood:
                continue
            # Around a gap every candidate counts; elsewhere the most suitable ones.
            offer = prep.by_opening[o] if o in first else self._candidates(o)
            size += len(offer)
            if size > self.hood_pairs and hood:
                break
            hood[o] = offer
        return hood

    def _solve(self, models, dtime):
        """Solve the models side by side (one worker each); for each (the roster found, or None
        when it is no better than the one the model started from; the status)."""
        results = [(None, cp_model.UNKNOWN)] * len(models)
        solvers = []

        def run(index, model):
            solver = cp_model.CpSolver()
            params = solver.parameters
            params.num_workers = 1
            params.random_seed = self.seed
            for name, value in CP_SAT_PARAMETERS.items():
                setattr(params, name, value)
            params.max_time_in_seconds = max(0.01, self.timer.left() - self.reserve)
            params.max_deterministic_time = max(0.001, min(dtime, self.budget))
            solvers.append(solver)
            status = solver.solve(model.model, _Progress(model, self))
            better = solver.objective_value < model.start_objective - 0.5
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and better:
                results[index] = (model.chosen(solver.response_proto.solution), status)
            else:
                results[index] = (None, status)
            model.dtime = solver.deterministic_time

        threads = [
            threading.Thread(target=run, args=(i, model), daemon=True)
            for i, model in enumerate(models)
        ]
        for thread in threads:
            thread.start()
        # Wait here, so that on_progress is called from the caller's own thread.
        while alive := [thread for thread in threads if thread.is_alive()]:
            alive[0].join(0.25)
            if self.on_progress is not None:
                self.on_progress(min(0.99, self.timer.elapsed() / self.timer.limit))
        self.budget -= max(getattr(model, "dtime", 0.0) for model in models)
        return results


class _Progress(cp_model.CpSolverSolutionCallback):
    def __init__(self, model: _Model, search: _Search):
        super().__init__()
        self.model = model
        self.search = search

    def on_solution_callback(self) -> None:
        search = self.search
        if search.first_full is None and self.model.outside_shortage == 0:
            if self.value(self.model.total_shortage) == 0:
                search.first_full = search.timer.elapsed()


class _Model:
    """The rules for the free openings, with everything else as in `roster`, entering as
    constants. Objective: gaps first (each weighs more than all soft penalties together),
    then the soft penalties; it equals _evaluate's for the same roster."""

    def __init__(self, prep: _Prep, free: set[int], roster, state: _State, evaluation, candidates):
        """`state` is the roster's _State (left as it was), `evaluation` its _evaluate;
        `candidates` the pairs each free opening may use (all eligible ones when None)."""
        self.prep = prep
        self.free = free
        self.model = cp_model.CpModel()
        self.dtime = 0.0
        self.inside = sum(len(state.needs(o)) for o in free)
        self.outside_shortage = evaluation.shortage - self.inside
        self.start_soft = evaluation.objective
        # What stays: the roster's people on every opening that is not free.
        removed = [prep.pair_index[p, o] for o in sorted(free) for p in state.on[o]]
        self.fixed = set(roster).difference(removed)
        for k in removed:
            state.remove(k)
        try:
            self._build(free, state, roster, candidates or prep.by_opening)
        finally:
            for k in removed:
                state.add(k)
            state.journal.clear()

    def _build(self, free: set[int], kept: _State, roster: set[int], candidates) -> None:
        prep, m = self.prep, self.model
        pairs = prep.pairs
        self.kept = kept

        # A variable for each eligible pair that the kept assignments leave possible.
        self.var: dict[int, object] = {}
        for o in sorted(free):
            for k in candidates[o]:
                if kept.fits(pairs[k][0], o):
                    self.var[k] = m.new_bool_var("")
        x = self.var
        self.by_opening: dict[int, list[int]] = defaultdict(list)
        self.by_person: dict[int, list[int]] = defaultdict(list)
        for k in x:
            p, o = pairs[k]
            self.by_opening[o].append(k)
            self.by_person[p].append(k)

        # Coverage, skills and promised organisations, each with a shortage variable.
        self.shortages: list[tuple[object, list[int], int]] = []  # (var, pairs, needed)
        for o in sorted(free):
            opening = prep.openings[o]
            ks = self.by_opening[o]
            short = m.new_int_var(0, opening.people, "")
            m.add(_sum(x[k] for k in ks) + short == opening.people)
            self.shortages.append((short, ks, opening.people))
            for skill, count in opening.skills.items():
                having = [k for k in ks if skill in prep.p_skills[pairs[k][0]]]
                self._need(having, count)
            for organisation in opening.organisations:
                having = [k for k in ks if prep.p_org[pairs[k][0]] == organisation]
                self._need(having, 1)
        self.total_shortage = m.new_int_var(0, sum(n for _, _, n in self.shortages), "")
        m.add(self.total_shortage == _sum(v for v, _, _ in self.shortages))

        # Per person: one place at a time, not too far apart on a day, caps.
        for p, ks in self.by_person.items():
            cliques = _cliques(prep, ks)
            for clique in cliques:
                if len(clique) > 1:
                    m.add_at_most_one(x[k] for k in clique)
            self._distance(cliques)
            for cap, key, counts in (
                (prep.p_week[p], prep.o_week, kept.week),
                (prep.p_month[p], prep.o_month, kept.month),
            ):
                groups = defaultdict(list)
                for k in ks:
                    groups[key[pairs[k][1]]].append(k)
                for period, group in groups.items():
                    room = cap - counts[p, period]
                    if len(group) > room:
                        m.add(_sum(x[k] for k in group) <= room)

        self.aux: list[tuple[object, object]] = []  # (variable, roster -> its value)
        soft, bound = self._soft_terms(self.fixed)
        self.gap_weight = bound + 1
        m.minimize(self.gap_weight * self.total_shortage + soft)
        # The roster it starts from, in the model's terms: only a lower objective is better.
        self.start_objective = self.gap_weight * self.inside + self.start_soft
        self._hint(roster)

    def _need(self, having, count) -> None:
        if count <= 0:
            return
        short = self.model.new_int_var(0, count, "")
        self.model.add(_sum(self.var[k] for k in having) + short >= count)
        self.shortages.append((short, having, count))

    def _distance(self, cliques) -> None:
        """For each opening and each later group of overlapping openings that day: at most one
        of the opening and the group's far-away members. At most one of a group is taken
        anyway, so this says exactly "not both" for every pair of places too far apart."""
        prep = self.prep
        pairs = prep.pairs
        by_day = defaultdict(list)
        for clique in cliques:
            by_day[prep.o_day[pairs[clique[0]][1]]].append(clique)
        seen = set()
        for day_cliques in by_day.values():
            if len(day_cliques) < 2:
                continue
            for k in sorted({k for clique in day_cliques for k in clique}):
                o = pairs[k][1]
                end = prep.o_end[o]
                far = prep.far[prep.o_place[o]]
                for clique in day_cliques:
                    later = tuple(
                        j
                        for j in clique
                        if prep.o_start[pairs[j][1]] >= end and far[prep.o_place[pairs[j][1]]]
                    )
                    if later and (k, later) not in seen:
                        seen.add((k, later))
                        self.model.add_at_most_one(self.var[j] for j in (k, *later))

    def _soft_terms(self, fixed: set[int]):
        """Each soft rule as a weighted expression, with what stays fixed as constants; returns
        the sum and an upper bound of it."""
        prep, kept = self.prep, self.kept
        m, x, pairs, weights = self.model, self.var, prep.pairs, prep.weights
        terms, bound = [], 0

        deviations = []
        for i, target in enumerate(prep.share_target):
            organisation = prep.share_org[i]
            scope = set(prep.share_scope[i])
            ks = [k for k in x if pairs[k][1] in scope and prep.p_org[pairs[k][0]] == organisation]
            constant = kept.share_count[i]
            count = m.new_int_var(0, constant + len(ks), "")
            m.add(count == _sum(x[k] for k in ks) + constant)
            top = max(target, constant + len(ks))
            deviation = m.new_int_var(0, top, "")
            m.add_abs_equality(deviation, count - target)
            self.aux.append((count, lambda r, ks=ks, c=constant: _count(r, ks) + c))
            self.aux.append(
                (deviation, lambda r, ks=ks, c=constant, t=target: abs(_count(r, ks) + c - t))
            )
            deviations.append(deviation)
            bound += weights.shares * top
        terms.append(weights.shares * _sum(deviations))

        if len(prep.volunteers) >= 2 and weights.fairness:
            top = max(len(prep.by_person[p]) for p in prep.volunteers)
            most, least = m.new_int_var(0, top, ""), m.new_int_var(0, top, "")
            loads = []
            for p in prep.volunteers:
                ks = self.by_person.get(p, [])
                constant = kept.load[p]
                if ks:
                    load = m.new_int_var(0, constant + len(ks), "")
                    m.add(load == _sum(x[k] for k in ks) + constant)
                    self.aux.append((load, lambda r, ks=ks, c=constant: _count(r, ks) + c))
                else:
                    load = constant
                m.add(most >= load)
                m.add(least <= load)
                loads.append((ks, constant))
            self.aux.append((most, lambda r: max(_count(r, ks) + c for ks, c in loads)))
            self.aux.append((least, lambda r: min(_count(r, ks) + c for ks, c in loads)))
            terms.append(weights.fairness * (most - least))
            bound += weights.fairness * top

        groups = defaultdict(list)
        for k in x:
            p, o = pairs[k]
            if not kept.places[p, prep.o_place[o]]:
                groups[p, prep.o_place[o]].append(k)
        used = []
        for group in groups.values():
            if len(group) == 1:
                used.append(x[group[0]])
                continue
            flag = m.new_bool_var("")
            m.add(_sum(x[k] for k in group) <= len(group) * flag)
            self.aux.append((flag, lambda r, group=group: int(_count(r, group) > 0)))
            used.append(flag)
        places_kept = sum(1 for n in kept.places.values() if n)
        terms.append(weights.continuity * (_sum(used) + places_kept))
        bound += weights.continuity * (len(used) + places_kept)

        unwanted = [k for k in x if prep.k_unwanted[k]]
        unwanted_kept = sum(1 for k in fixed if prep.k_unwanted[k])
        terms.append(weights.preferences * (_sum(x[k] for k in unwanted) + unwanted_kept))
        bound += weights.preferences * (len(unwanted) + unwanted_kept)

        if prep.repair:
            bound += self._repair_terms(fixed, terms)
        return _sum(terms), bound

    def _repair_terms(self, fixed, terms) -> int:
        prep = self.prep
        m, x, pairs, weights = self.model, self.var, prep.pairs, prep.weights
        # Pairs that end up different from the current roster whatever the model chooses.
        possible = {pairs[k] for k in x} | {pairs[k] for k in fixed}
        kept = {pairs[k] for k in fixed}
        constant = {po for po in prep.current if po not in possible} | (kept - prep.current)
        changed = defaultdict(list)
        for k in x:
            p, o = pairs[k]
            changed[p].append((k, 1 - x[k] if (p, o) in prep.current else x[k]))
        count = len(x) + len(constant) + prep.gone_assignments
        terms.append(
            weights.changes
            * (
                _sum(e for items in changed.values() for _, e in items)
                + len(constant)
                + prep.gone_assignments
            )
        )
        touched = {p for p, _ in constant}
        flags = []
        for p, items in changed.items():
            if p in touched:
                continue
            flag = m.new_bool_var("")
            for _, expression in items:
                m.add(flag >= expression)
            self.aux.append(
                (
                    flag,
                    lambda r, items=items: int(
                        any((k in r) != (pairs[k] in prep.current) for k, _ in items)
                    ),
                )
            )
            flags.append(flag)
        people = len(touched) + len(prep.gone_people)
        terms.append(weights.people_affected * (_sum(flags) + people))
        return weights.changes * count + weights.people_affected * (len(flags) + people)

    def _hint(self, roster) -> None:
        m = self.model
        for k, var in self.var.items():
            m.add_hint(var, k in roster)
        total = 0
        for var, ks, needed in self.shortages:
            value = max(0, needed - _count(roster, ks))
            m.add_hint(var, value)
            total += value
        m.add_hint(self.total_shortage, total)
        for var, value in self.aux:
            m.add_hint(var, value(roster))

    def chosen(self, solution) -> set[int]:
        picked = {k for k, var in self.var.items() if solution[var.index]}
        return picked | self.fixed


def _cliques(prep: _Prep, ks) -> list[list[int]]:
    """The pairs as maximal groups of openings that overlap in time, singletons included."""
    pairs = prep.pairs
    ordered = sorted(ks, key=lambda k: prep.o_start[pairs[k][1]])
    cliques, active, added = [], [], False
    for k in ordered:
        start = prep.o_start[pairs[k][1]]
        still = [a for a in active if prep.o_end[pairs[a][1]] > start]
        if len(still) < len(active) and added:
            cliques.append(active)
            added = False
        active = [*still, k]
        added = True
    if added:
        cliques.append(active)
    return cliques


def _sum(items):
    return cp_model.LinearExpr.sum(list(items))


def _count(roster, ks) -> int:
    return sum(1 for k in ks if k in roster)


# --- Scoring and diagnosis ------------------------------------------------------------------


class _Evaluation:
    def __init__(self):
        self.hard = dict.fromkeys(HARD, 0)
        self.soft = dict.fromkeys(SOFT, 0)
        self.changes = 0
        self.people_affected = 0
        self.short: dict[int, dict] = {}  # opening -> {"seats", "skills", "organisations"}
        self.shortage = 0  # seats, skill units and organisations missing where we may change
        self.objective = 0  # the soft total, repair terms included

    @property
    def hard_breaches(self) -> int:
        """Hard rules broken other than gaps (only kept assignments can do that)."""
        gaps = ("coverage", "skills", "organisations")
        return sum(n for rule, n in self.hard.items() if rule not in gaps)

    def score(self, prep: _Prep) -> s.Score:
        soft = dict(self.soft)
        if prep.repair:
            soft["changes"] = prep.weights.changes * self.changes
            soft["people_affected"] = prep.weights.people_affected * self.people_affected
        return s.Score(hard=dict(self.hard), soft=soft)


def _evaluate(prep: _Prep, roster: set[int]) -> _Evaluation:
    """Score a roster from scratch, rule by rule, as docs/rosters.md describes."""
    result = _Evaluation()
    weights = prep.weights
    on = [[] for _ in prep.openings]
    shifts = [[] for _ in prep.people]
    for k in roster:
        p, o = prep.pairs[k]
        on[o].append(p)
        shifts[p].append(o)

    for o, opening in enumerate(prep.openings):
        people = on[o]
        seats = max(0, opening.people - len(people))
        skills = {}
        for skill, count in opening.skills.items():
            lack = count - sum(1 for p in people if skill in prep.p_skills[p])
            if lack > 0:
                skills[skill] = lack
        organisations = [
            org for org in opening.organisations if not any(prep.p_org[p] == org for p in people)
        ]
        result.hard["coverage"] += seats
        result.hard["too_many"] += max(0, len(people) - opening.people)
        result.hard["skills"] += sum(skills.values())
        result.hard["organisations"] += len(organisations)
        if seats or skills or organisations:
            result.short[o] = {"seats": seats, "skills": skills, "organisations": organisations}
            if not prep.frozen[o]:
                result.shortage += seats + sum(skills.values()) + len(organisations)
        if prep.frozen[o]:
            # Kept assignments were checked when they were made; say what they break now.
            for p in people:
                result.hard["availability"] += not prep.available(p, o)
                result.hard["absence"] += prep.absent(p, o)
                result.hard["excluded"] += prep.people[p].id in opening.excluded

    for p, person in enumerate(prep.people):
        mine = sorted(shifts[p], key=lambda o: prep.o_start[o])
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                if prep.overlap(a, b):
                    result.hard["overlap"] += 1
                elif prep.o_day[b] != prep.o_day[a]:
                    break
                elif prep.far[prep.o_place[a]][prep.o_place[b]]:
                    result.hard["distance"] += 1
        for rule, cap, key in (
            ("max_per_week", person.max_per_week, prep.o_week),
            ("max_per_month", person.max_per_month, prep.o_month),
        ):
            counts = defaultdict(int)
            for o in mine:
                counts[key[o]] += 1
            result.hard[rule] += sum(max(0, n - cap) for n in counts.values())

    deviation = 0
    for i, target in enumerate(prep.share_target):
        organisation = prep.share_org[i]
        count = sum(1 for o in prep.share_scope[i] for p in on[o] if prep.p_org[p] == organisation)
        deviation += abs(count - target)
    result.soft["shares"] = weights.shares * deviation
    loads = [len(shifts[p]) for p in prep.volunteers]
    if len(loads) >= 2:
        result.soft["fairness"] = weights.fairness * (max(loads) - min(loads))
    result.soft["continuity"] = weights.continuity * len(
        {(p, prep.o_place[o]) for p in range(len(prep.people)) for o in shifts[p]}
    )
    result.soft["preferences"] = weights.preferences * sum(1 for k in roster if prep.k_unwanted[k])
    result.objective = sum(result.soft.values())

    if prep.repair:
        changed = {prep.pairs[k] for k in roster} ^ prep.current
        result.changes = len(changed) + prep.gone_assignments
        result.people_affected = len({p for p, _ in changed}) + len(prep.gone_people)
        result.objective += (
            weights.changes * result.changes + weights.people_affected * result.people_affected
        )
    return result


def _diagnose(prep: _Prep, roster: set[int], evaluation: _Evaluation) -> list[s.Uncovered]:
    """Why each opening that lacks something does: reasons from the instance and the roster."""
    state = _State(prep, roster)
    uncovered = []
    for o in sorted(evaluation.short, key=lambda o: (prep.o_start[o], o)):
        short = evaluation.short[o]
        opening = prep.openings[o]
        reasons: list[dict] = []
        if prep.frozen[o]:
            reasons.append({"code": "kept"})
            uncovered.append(s.Uncovered(opening.id, short["seats"], tuple(reasons)))
            continue
        eligible = prep.eligible[o]
        if not eligible:
            reasons.append({"code": "no_one_available"})
        elif len(eligible) < opening.people:
            reasons.append({"code": "people", "available": len(eligible), "needed": opening.people})
        lacking = [("skill", x) for x in short["skills"]]
        lacking += [("organisation", x) for x in short["organisations"]]
        for kind, value in lacking:
            having = sum(1 for p in eligible if prep.serves(p, (kind, value)))
            if kind == "skill":
                needed = opening.skills[value]
                reasons.append(
                    {"code": "skill", "skill": value, "available": having, "needed": needed}
                )
            else:
                reasons.append({"code": "organisation", "organisation": value, "available": having})
        if short["seats"]:
            lacking.append(("seat", None))
        # The eligible people who could give what is lacking, and why they are not on it.
        busy = capped = free = 0
        for p in eligible:
            if p in state.on[o] or not any(prep.serves(p, need) for need in lacking):
                continue
            if state.clashes(p, o):
                busy += 1
            elif not state.fits(p, o):
                capped += 1
            else:
                free += 1
        if capped:
            reasons.append({"code": "caps", "people": capped})
        if busy:
            reasons.append({"code": "busy", "people": busy})
        if free and short["seats"]:
            reasons.append({"code": "search_stopped", "people": free})
        uncovered.append(s.Uncovered(opening.id, short["seats"], tuple(reasons)))
    return uncovered
