"""A yardstick for the CP-SAT engine: Curtois's nurse-rostering benchmark instances
(schedulingbenchmarks.org, "Employee Shift Scheduling Benchmark Data Sets"; the copies in
../shared/rostering-data/curtois-nrp/) solved by a compact CP-SAT model, and the penalty found
within the time limit set against the best known.

The rules, as the benchmark states them (hard unless said otherwise):
- at most one shift a day; no shift on a day off; shifts that may not follow each other
  (a shift on day d and a forbidden one on day d + 1);
- per employee: at most MaxShifts of each shift type, total minutes between MinTotalMinutes and
  MaxTotalMinutes, at most MaxConsecutiveShifts working days in a row, at least
  MinConsecutiveShifts in a row (also a run that touches the start or end of the horizon), at
  least MinConsecutiveDaysOff days off between two runs of work, at most MaxWeekends weekends
  worked (Saturday or Sunday; the horizon starts on a Monday);
- soft: a shift-on request not met costs its weight, a shift-off request not met costs its
  weight, and each shift of each day costs "weight for under" per person short of the
  requirement and "weight for over" per person above it.

The model follows OR-Tools' shift_scheduling_sat.py: one boolean per employee × day × shift,
runs of work and of days off forbidden by clauses over their bounding days. The roster
naober's own solver builds is a different problem (openings, skills, shares), so its model
cannot take these instances; what is measured here is the engine and this way of modelling.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ortools.sat.python import cp_model

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "rostering-data" / "curtois-nrp"
# wssuite/NurseScheduler benchmark/nrp.yml, as ../shared/rostering-data/README.md lists them.
BEST_KNOWN = {1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 10: 4631}


@dataclass
class Employee:
    id: str
    max_shifts: dict[str, int]
    max_minutes: int
    min_minutes: int
    max_consecutive: int
    min_consecutive: int
    min_days_off: int
    max_weekends: int
    days_off: set[int] = field(default_factory=set)


@dataclass
class NurseInstance:
    name: str
    days: int
    shifts: dict[str, int]  # id -> minutes
    forbidden: dict[str, set[str]]  # shift -> shifts that may not follow it the next day
    employees: list[Employee]
    on_requests: list[tuple[str, int, str, int]]  # employee, day, shift, weight
    off_requests: list[tuple[str, int, str, int]]
    cover: list[tuple[int, str, int, int, int]]  # day, shift, requirement, under, over


def read(path: Path) -> NurseInstance:
    sections: dict[str, list[list[str]]] = {}
    current = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = line
            sections[current] = []
        else:
            sections[current].append([part.strip() for part in line.split(",")])
    days = int(sections["SECTION_HORIZON"][0][0])
    shifts, forbidden = {}, {}
    for row in sections["SECTION_SHIFTS"]:
        shifts[row[0]] = int(row[1])
        forbidden[row[0]] = {s for s in (row[2].split("|") if len(row) > 2 else []) if s}
    employees = {}
    for row in sections["SECTION_STAFF"]:
        limits = dict(item.split("=") for item in row[1].split("|") if item)
        employees[row[0]] = Employee(
            id=row[0],
            max_shifts={s: int(n) for s, n in limits.items()},
            max_minutes=int(row[2]),
            min_minutes=int(row[3]),
            max_consecutive=int(row[4]),
            min_consecutive=int(row[5]),
            min_days_off=int(row[6]),
            max_weekends=int(row[7]),
        )
    for row in sections.get("SECTION_DAYS_OFF", []):
        employees[row[0]].days_off.update(int(day) for day in row[1:] if day)

    def requests(name):
        return [(r[0], int(r[1]), r[2], int(r[3])) for r in sections.get(name, [])]

    return NurseInstance(
        name=path.stem,
        days=days,
        shifts=shifts,
        forbidden=forbidden,
        employees=list(employees.values()),
        on_requests=requests("SECTION_SHIFT_ON_REQUESTS"),
        off_requests=requests("SECTION_SHIFT_OFF_REQUESTS"),
        cover=[
            (int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4])) for r in sections["SECTION_COVER"]
        ],
    )


@dataclass
class NurseResult:
    name: str
    penalty: int | None
    bound: float
    status: str
    seconds: float
    best_known: int | None
    first_seconds: float | None
    check: int | None  # the penalty re-computed from the roster by `penalty()`
    violations: int | None  # hard rules the roster breaks, counted by `violations()`


class _First(cp_model.CpSolverSolutionCallback):
    def __init__(self, started):
        super().__init__()
        self.started = started
        self.first = None

    def on_solution_callback(self):
        if self.first is None:
            self.first = time.perf_counter() - self.started


def solve(
    instance: NurseInstance, *, time_limit: float, seed: int = 0, threads: int = 2
) -> NurseResult:
    started = time.perf_counter()
    model = cp_model.CpModel()
    n, shifts = instance.days, list(instance.shifts)
    x = {
        (e.id, d, s): model.new_bool_var(f"x[{e.id},{d},{s}]")
        for e in instance.employees
        for d in range(n)
        for s in shifts
    }
    work = {}
    for e in instance.employees:
        for d in range(n):
            day = [x[e.id, d, s] for s in shifts]
            work[e.id, d] = model.new_bool_var(f"work[{e.id},{d}]")
            model.add(sum(day) == work[e.id, d])
            if d in e.days_off:
                model.add(work[e.id, d] == 0)
            if d + 1 < n:
                for s, banned in instance.forbidden.items():
                    for t in banned:
                        model.add_bool_or([x[e.id, d, s].Not(), x[e.id, d + 1, t].Not()])
        for s in shifts:
            model.add(sum(x[e.id, d, s] for d in range(n)) <= e.max_shifts.get(s, n))
        minutes = sum(instance.shifts[s] * x[e.id, d, s] for d in range(n) for s in shifts)
        model.add_linear_constraint(minutes, e.min_minutes, e.max_minutes)
        runs = [work[e.id, d] for d in range(n)]
        for start in range(n - e.max_consecutive):
            model.add(sum(runs[start : start + e.max_consecutive + 1]) <= e.max_consecutive)
        _forbid_short_runs(model, runs, e.min_consecutive, boundaries=True)
        _forbid_short_runs(model, [r.Not() for r in runs], e.min_days_off, boundaries=False)
        weekends = []
        for w in range(n // 7):
            worked = model.new_bool_var(f"weekend[{e.id},{w}]")
            model.add_max_equality(worked, [runs[7 * w + 5], runs[7 * w + 6]])
            weekends.append(worked)
        model.add(sum(weekends) <= e.max_weekends)

    terms = []
    for employee, day, shift, weight in instance.on_requests:
        terms.append(weight * (1 - x[employee, day, shift]))
    for employee, day, shift, weight in instance.off_requests:
        terms.append(weight * x[employee, day, shift])
    for day, shift, requirement, under_weight, over_weight in instance.cover:
        staff = len(instance.employees)
        under = model.new_int_var(0, requirement, f"under[{day},{shift}]")
        over = model.new_int_var(0, staff, f"over[{day},{shift}]")
        model.add(
            sum(x[e.id, day, shift] for e in instance.employees) - requirement == over - under
        )
        terms.append(under_weight * under + over_weight * over)
    model.minimize(sum(terms))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(1.0, time_limit - (time.perf_counter() - started))
    solver.parameters.num_workers = threads
    solver.parameters.random_seed = seed
    first = _First(started)
    status = solver.solve(model, first)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    roster = None
    if found:
        roster = {
            (e.id, d): s
            for e in instance.employees
            for d in range(n)
            for s in shifts
            if solver.boolean_value(x[e.id, d, s])
        }
    number = (
        int(instance.name.removeprefix("Instance"))
        if instance.name.startswith("Instance")
        else None
    )
    return NurseResult(
        name=instance.name,
        penalty=round(solver.objective_value) if found else None,
        bound=solver.best_objective_bound,
        status=solver.status_name(status),
        seconds=time.perf_counter() - started,
        best_known=BEST_KNOWN.get(number),
        first_seconds=first.first,
        check=penalty(instance, roster) if roster is not None else None,
        violations=violations(instance, roster) if roster is not None else None,
    )


def _forbid_short_runs(model, literals, minimum: int, *, boundaries: bool) -> None:
    """No run of true literals shorter than `minimum`: for each start and each length below the
    minimum, the run must not be bounded on both sides (by a false literal, or by the start or
    end of the horizon when `boundaries`)."""
    n = len(literals)
    for length in range(1, minimum):
        for start in range(n - length + 1):
            end = start + length  # first literal after the run
            if not boundaries and (start == 0 or end == n):
                continue
            clause = [literals[i].Not() for i in range(start, end)]
            if start > 0:
                clause.append(literals[start - 1])
            if end < n:
                clause.append(literals[end])
            model.add_bool_or(clause)


def penalty(instance: NurseInstance, roster: dict[tuple[str, int], str]) -> int:
    """The soft penalty of a roster ((employee, day) -> shift), computed from the rules."""
    total = 0
    for employee, day, shift, weight in instance.on_requests:
        total += weight * (roster.get((employee, day)) != shift)
    for employee, day, shift, weight in instance.off_requests:
        total += weight * (roster.get((employee, day)) == shift)
    for day, shift, requirement, under, over in instance.cover:
        staffed = sum(roster.get((e.id, day)) == shift for e in instance.employees)
        total += under * max(0, requirement - staffed) + over * max(0, staffed - requirement)
    return total


def violations(instance: NurseInstance, roster: dict[tuple[str, int], str]) -> int:
    """How many hard rules the roster breaks (each rule once per employee, each day off and
    each forbidden succession once), counted from the rules without the model."""
    count = 0
    n = instance.days
    for e in instance.employees:
        plan = [roster.get((e.id, d)) for d in range(n)]
        count += sum(plan[d] is not None for d in e.days_off)
        count += sum(
            plan[d] is not None and plan[d + 1] in instance.forbidden.get(plan[d], ())
            for d in range(n - 1)
        )
        count += sum(plan.count(s) > e.max_shifts.get(s, n) for s in instance.shifts)
        minutes = sum(instance.shifts[s] for s in plan if s is not None)
        count += not e.min_minutes <= minutes <= e.max_minutes
        runs = _runs([s is not None for s in plan])
        work = [length for value, start, length in runs if value]
        off = [
            length
            for value, start, length in runs
            if not value and start > 0 and start + length < n
        ]
        count += any(length > e.max_consecutive for length in work)
        count += any(length < e.min_consecutive for length in work)
        count += any(length < e.min_days_off for length in off)
        weekends = sum(
            plan[7 * w + 5] is not None or plan[7 * w + 6] is not None for w in range(n // 7)
        )
        count += weekends > e.max_weekends
    return count


def _runs(values: list[bool]) -> list[tuple[bool, int, int]]:
    """(value, start, length) of each run of equal values."""
    runs = []
    for i, value in enumerate(values):
        if runs and runs[-1][0] == value:
            runs[-1][2] += 1
        else:
            runs.append([value, i, 1])
    return [tuple(run) for run in runs]


def run(names=(1, 2, 3, 4, 5, 10), *, time_limit: float = 60, seed: int = 0, threads: int = 2):
    for number in names:
        instance = read(DATA / f"Instance{number}.txt")
        yield solve(instance, time_limit=time_limit, seed=seed, threads=threads)
