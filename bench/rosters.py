"""Benchmark of the roster solver against a straightforward CP-SAT model and Timefold.

A benchmark, not a test: pytest never collects it (the test paths are tests/ only). No database.

For each size (S, M, L; rosters.generator, seeded, a planted feasible roster):

1. naober's solver (`solver.solve`, 2 threads), the baseline (bench/rosters_baseline.py: one
   boolean per person × opening, the rules added one by one, no hint) and, if `timefold` is
   installed, Timefold (bench/rosters_timefold.py; one thread: more needs its enterprise
   edition), each with the same time limit on the same instance.
2. Every roster is re-scored by rosters.scoring, the independent scorer: hard violations and
   the soft total. Time to the first full roster is each solver's own report (ours:
   Result.first_full_seconds; the baseline: its first solution; Timefold: its first best
   solution with 0 hard); a check run of ours with the target as its time limit says whether
   a roster without violations comes out within the target.
3. Repair after one cancellation: one person taken off one shift in the middle of the quarter
   (excluded from it), ours solving again from the roster with `current`, 1 s limit; the
   baseline the same way with its own limit.

    .venv/bin/python bench/rosters.py                      # S, M, L: about 10 minutes
    .venv/bin/python bench/rosters.py --sizes S M --solvers naober baseline
    .venv/bin/python bench/rosters.py --solvers baseline --baseline-time-limit 600
    .venv/bin/python bench/rosters.py --nurse              # Curtois instances, 60 s each
    .venv/bin/python bench/rosters.py --help

Timefold: `.venv/bin/pip install timefold` (1.24.0b0 at the time of writing; needs Java 17+ on
the PATH). It is not one of naober's dependencies.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(BENCH)]

from naober.rosters import generator, scoring, solver  # noqa: E402

# The targets: first roster without violations within these seconds; at least 4 times
# faster than the baseline; a repair within 1 s with at most 6 changed assignments.
FIRST_TARGET = {"S": 0.5, "M": 2.0, "L": 5.0}
SPEEDUP_TARGET = 4
REPAIR_SECONDS, REPAIR_CHANGES = 1.0, 6
TIME_LIMIT = {"S": 10.0, "M": 30.0, "L": 60.0}


@dataclass
class Row:
    size: str
    who: str
    first: float | None  # seconds to the first full roster
    seconds: float  # wall time of the run
    hard: int | None  # re-scored
    soft: int | None  # re-scored
    note: str = ""


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark naober's roster solver against a straightforward CP-SAT model and "
        "Timefold on generated instances, or run the nurse-rostering yardstick.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--sizes", nargs="+", default=["S", "M", "L"], choices=["S", "M", "L"])
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated instances")
    parser.add_argument("--solver-seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--time-limit",
        type=float,
        help="seconds for every solver run (default: S 10, M 30, L 60)",
    )
    parser.add_argument(
        "--solvers",
        nargs="+",
        default=["naober", "baseline", "timefold"],
        choices=["naober", "baseline", "timefold"],
    )
    parser.add_argument(
        "--baseline-time-limit",
        type=float,
        help="seconds for the baseline (default: the same as the others); it needs far more",
    )
    parser.add_argument("--nurse", action="store_true", help="run the Curtois yardstick instead")
    parser.add_argument("--nurse-instances", nargs="+", type=int, default=[1, 2, 3, 4, 5, 10])
    parser.add_argument("--nurse-time-limit", type=float, default=60.0)
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    print(machine())
    if args.nurse:
        nurse(args)
        return
    rows, repairs, checks = [], [], []
    for size in args.sizes:
        limit = args.time_limit or TIME_LIMIT[size]
        instance, planted = generator.generate(size, args.seed)
        print(
            f"\n== {size}: {len(instance.places)} places, {len(instance.openings)} openings "
            f"({sum(o.people for o in instance.openings)} person-shifts), "
            f"{len(instance.people)} people; time limit {limit:g} s; load {load()}",
            flush=True,
        )
        planted_score = scoring.score(instance, planted)
        rows.append(
            Row(
                size,
                "planted roster",
                None,
                0,
                planted_score.hard_total,
                planted_score.soft_total,
                "the generator's own roster: proof that one without violations exists",
            )
        )

        if "naober" in args.solvers:
            ours = solver.solve(
                instance, time_limit=limit, seed=args.solver_seed, threads=args.threads
            )
            rows.append(_ours_row(size, instance, ours))
            print(_format_row(rows[-1]), flush=True)
            checks.append(_check_first(size, instance, args))
            print(checks[-1], flush=True)
            repairs.append(_repair_ours(size, instance, ours, args))
            print(repairs[-1], flush=True)

        if "baseline" in args.solvers:
            from rosters_baseline import solve_baseline

            base_limit = args.baseline_time_limit or limit
            base = solve_baseline(
                instance, time_limit=base_limit, seed=args.solver_seed, threads=args.threads
            )
            rescored = scoring.score(instance, base.assignments) if base.assignments else None
            rows.append(
                Row(
                    size,
                    "baseline CP-SAT",
                    base.first_full_seconds,
                    base.seconds,
                    rescored.hard_total if rescored else None,
                    rescored.soft_total if rescored else None,
                    f"{base.status}; model built in {base.build_seconds:.1f} s, "
                    f"{base.constraints:,} constraints"
                    + (
                        ""
                        if rescored is None or base.objective == rescored.soft_total
                        else f"; its objective {base.objective:g} (slack not yet tight) ≠ re-scored"
                    ),
                )
            )
            print(_format_row(rows[-1]), flush=True)
            # The repair gets at most a minute: the comparison is with ours at 1 s.
            repairs.append(_repair_baseline(size, instance, base, args, min(base_limit, 60)))
            print(repairs[-1], flush=True)

        if "timefold" in args.solvers:
            rows.append(_timefold_row(size, instance, limit, args))
            print(_format_row(rows[-1]), flush=True)

    print("\n## Results\n")
    print(
        "| size | solver | first full roster | run | hard (re-scored) | soft (re-scored) | notes |"
    )
    print("|---|---|---:|---:|---:|---:|---|")
    for row in rows:
        print(_format_row(row))
    print("\n## First roster within the target (ours, time limit = target)\n")
    for line in checks:
        print(f"- {line}")
    print("\n## Repair after one cancellation\n")
    for line in repairs:
        print(f"- {line}")
    print("\n## Targets\n")
    for line in targets(rows, checks):
        print(f"- {line}")


def _ours_row(size, instance, result) -> Row:
    rescored = scoring.score(instance, result.assignments)
    agrees = (
        rescored.hard_total == result.score.hard_total
        and all(rescored.hard.get(rule) == count for rule, count in result.score.hard.items())
        and all(rescored.soft.get(rule, 0) == value for rule, value in result.score.soft.items())
    )
    own = f"its own score: {result.score.hard_total} hard, {result.score.soft_total} soft"
    return Row(
        size,
        "naober",
        result.first_full_seconds,
        result.seconds,
        rescored.hard_total,
        rescored.soft_total,
        f"{result.status}; {len(result.uncovered)} uncovered; "
        + (
            "scorer agrees"
            if agrees
            else f"scorer disagrees ({own}; re-scored {rescored.hard} {rescored.soft})"
        ),
    )


def _check_first(size, instance, args) -> str:
    """Ours with the target as time limit: does a roster without violations come out?"""
    target = FIRST_TARGET[size]
    started = time.perf_counter()
    result = solver.solve(instance, time_limit=target, seed=args.solver_seed, threads=args.threads)
    wall = time.perf_counter() - started
    rescored = scoring.score(instance, result.assignments)
    return (
        f"{size}: time limit {target:g} s → returned after {wall:.2f} s with {rescored.hard_total} hard "
        f"violations (re-scored), soft {rescored.soft_total}; first full roster at "
        + (
            f"{result.first_full_seconds:.2f} s"
            if result.first_full_seconds is not None
            else "never"
        )
    )


def _cancellation(instance, roster, seed, where=0.5):
    """One assignment, `where` through the quarter (0.5: the middle), the same for a seed:
    (the instance with its person excluded from that opening, the roster without it, the
    assignment)."""
    openings = {o.id: o for o in instance.openings}
    ordered = sorted(roster, key=lambda a: (openings[a.opening].start, a.opening, a.person))
    index = int(len(ordered) * where) + random.Random(f"{seed}-{where}").randrange(-5, 6)
    chosen = ordered[max(0, min(len(ordered) - 1, index))]
    changed = [
        replace(o, excluded=o.excluded | {chosen.person}) if o.id == chosen.opening else o
        for o in instance.openings
    ]
    return replace(instance, openings=changed), [a for a in roster if a != chosen], chosen


def _repair_ours(size, instance, result, args) -> str:
    """Five cancellations, each alone, spread over the quarter: the worst and each in turn."""
    if scoring.score(instance, result.assignments).hard_total:
        return f"{size} naober: no repair measured, the roster it repairs has hard violations"
    lines, walls, changes = [], [], []
    for where in (0.5, 0.1, 0.3, 0.7, 0.9):
        cancelled, rest, chosen = _cancellation(instance, result.assignments, args.seed, where)
        started = time.perf_counter()
        repaired = solver.solve(
            cancelled,
            time_limit=REPAIR_SECONDS,
            seed=args.solver_seed,
            threads=args.threads,
            current=rest,
        )
        wall = time.perf_counter() - started
        rescored = scoring.score(cancelled, repaired.assignments, current=rest)
        changed = {(a.opening, a.person) for a in repaired.assignments} ^ {
            (a.opening, a.person) for a in rest
        }
        walls.append(wall)
        changes.append(len(changed))
        lines.append(
            f"{chosen.person} off {chosen.opening}: {wall:.2f} s ({repaired.status}), gap filled "
            f"at {_seconds(repaired.first_full_seconds)}, {len(changed)} changed "
            f"(solver says {repaired.changes}), {len({p for _, p in changed})} people affected, "
            f"{rescored.hard_total} hard violations re-scored, {len(repaired.uncovered)} uncovered"
        )
    return (
        f"{size} naober, 5 cancellations with a {REPAIR_SECONDS:g} s limit: at most "
        f"{max(walls):.2f} s and {max(changes)} changed assignments. " + "; ".join(lines)
    )


def _repair_baseline(size, instance, base, args, limit) -> str:
    from rosters_baseline import solve_baseline

    if not base.assignments or scoring.score(instance, base.assignments).hard_total:
        return f"{size} baseline: no repair measured, it has no roster without violations"
    cancelled, rest, chosen = _cancellation(instance, base.assignments, args.seed)
    repaired = solve_baseline(
        cancelled, time_limit=limit, seed=args.solver_seed, threads=args.threads, current=rest
    )
    if not repaired.assignments:
        return f"{size} baseline: no repaired roster within {limit:g} s ({repaired.status})"
    rescored = scoring.score(cancelled, repaired.assignments, current=rest)
    changed = {(a.opening, a.person) for a in repaired.assignments} ^ {
        (a.opening, a.person) for a in rest
    }
    return (
        f"{size} baseline: {chosen.person} off {chosen.opening}; first repaired roster after "
        f"{repaired.first_full_seconds:.2f} s, best at {repaired.seconds:.1f} s ({repaired.status}) "
        f"with {len(changed)} changed assignments; {rescored.hard_total} hard violations (re-scored)"
    )


def _timefold_row(size, instance, limit, args) -> Row:
    try:
        from rosters_timefold import solve_timefold
    except ImportError as error:
        return Row(
            size, "Timefold", None, 0, None, None, f"not installed ({error}): pip install timefold"
        )
    try:
        result = solve_timefold(instance, time_limit=limit, seed=args.solver_seed)
    except Exception as error:  # noqa: BLE001 - a peer's failure is a finding, not a crash
        return Row(
            size, "Timefold", None, 0, None, None, f"failed: {type(error).__name__}: {error}"
        )
    rescored = scoring.score(instance, result.assignments)
    return Row(
        size,
        "Timefold 1.24.0b0 (1 thread)",
        result.first_feasible_seconds,
        result.seconds,
        rescored.hard_total,
        rescored.soft_total,
        f"its own score {result.score}; JVM and model {result.build_seconds:.1f} s; "
        f"first best solution at {result.timeline[0][0]:.1f} s"
        if result.timeline
        else "no solution",
    )


def targets(rows: list[Row], checks: list[str]) -> list[str]:
    lines = []
    by = {(row.size, row.who.split()[0]): row for row in rows}
    for size in FIRST_TARGET:
        ours, base = by.get((size, "naober")), by.get((size, "baseline"))
        if ours is None:
            continue
        first = ours.first
        met = first is not None and first <= FIRST_TARGET[size] and ours.hard == 0
        lines.append(
            f"{size}: first full roster {_seconds(first)} (target {FIRST_TARGET[size]:g} s): "
            + ("met" if met else "NOT met")
            + f"; hard violations at the limit: {ours.hard}"
        )
        if base is not None:
            if base.first is None:
                lines.append(
                    f"{size}: baseline found no roster within {base.seconds:.0f} s: at least "
                    f"{base.seconds / first:.0f}× faster"
                    if first
                    else f"{size}: neither found a roster"
                )
            elif first:
                ratio = base.first / first
                lines.append(
                    f"{size}: {ratio:.1f}× faster than the baseline to a first full roster "
                    f"(target {SPEEDUP_TARGET}×): "
                    + ("met" if ratio >= SPEEDUP_TARGET else "NOT met")
                )
    return lines


def _format_row(row: Row) -> str:
    return (
        f"| {row.size} | {row.who} | {_seconds(row.first)} | {row.seconds:.1f} s | "
        f"{'–' if row.hard is None else row.hard} | {'–' if row.soft is None else row.soft} | {row.note} |"
    )


def _seconds(value: float | None) -> str:
    return "none" if value is None else f"{value:.2f} s"


def nurse(args) -> None:
    import nurse_rostering

    print(
        f"\n== Curtois instances, {args.nurse_time_limit:g} s each, {args.threads} threads; load {load()}\n"
    )
    print(
        "| instance | penalty at the limit | best known | gap | lower bound | first roster | status | hard violations (re-checked) |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    for result in nurse_rostering.run(
        args.nurse_instances,
        time_limit=args.nurse_time_limit,
        seed=args.solver_seed,
        threads=args.threads,
    ):
        gap = (
            f"{100 * (result.penalty - result.best_known) / result.best_known:+.1f} %"
            if result.penalty is not None and result.best_known
            else "–"
        )
        assert result.check in (None, result.penalty), (
            f"{result.name}: model {result.penalty}, rules {result.check}"
        )
        print(
            f"| {result.name} | {result.penalty if result.penalty is not None else 'none'} | "
            f"{result.best_known} | {gap} | {result.bound:.0f} | {_seconds(result.first_seconds)} | "
            f"{result.status} | {result.violations if result.violations is not None else '–'} |",
            flush=True,
        )


def load() -> str:
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def machine() -> str:
    import ortools

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    java = "none"
    try:
        out = subprocess.run(["java", "-version"], capture_output=True, text=True)
        java = (out.stderr or out.stdout).strip().splitlines()[0]
    except OSError:
        pass
    try:
        from importlib.metadata import version

        timefold = version("timefold")
    except Exception:  # noqa: BLE001
        timefold = "not installed"
    return (
        f"Machine: {cpu}, {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"OR-Tools {ortools.__version__}; timefold {timefold}; Java: {java}; load {load()}"
    )


if __name__ == "__main__":
    main()
