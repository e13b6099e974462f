"""Benchmark of network planning: maximal covering against PySAL spopt, coverage, a large instance.

A benchmark, not a test: pytest never collects it (the test paths are tests/ only). No database.

1. **Maximal covering on real data**, side by side with spopt's MCLP in the same run. Demand: the
   1,029 postcode areas (PC4) of Drenthe, Friesland and Overijssel (`pc4_dr_fr_ov.geojson`),
   each a representative point of its polygon (shapely's `point_on_surface`, in RD New) weighted
   by `inwoners`. Candidates: the 2,433 buurt label points of `buurt_2014_labelpoints_nl.csv`
   whose 2024 municipality (`gm_naam_2024_spatial`) carries the name of a municipality of the
   PC4 file. That is the issue's 2,433; it leaves out Hengelo's 62 points, because the PC4
   file calls it "Hengelo" and the 2024 file "Hengelo (O.)" (with them: 2,495). Straight-line
   distance, no existing places, radius 1,500 and 3,000 m, k 10 and 25.

   - naober: `siting.coverage_matrix(demand, candidates, radius, detour=1.0)` (the build) and
     `siting.maximal_covering(population, matrix, k)` (the solve), from coordinates.
   - spopt: `MCLP.from_cost_matrix(cost, population, radius, k)` (the build) and
     `.solve(pulp.PULP_CBC_CMD(msg=False), results=False)` (the solve), as spopt's
     documentation shows it, on the dense distance matrix of the same points (scipy's `cdist`,
     computed before the clock starts; `results=False` skips spopt's post-processing, which is
     not part of the model). `--spopt-solver highs` solves through PuLP's HiGHS interface.

   Both answers are scored again on our matrix (population of demand within reach of a chosen
   candidate), and spopt's 0/1 matrix is checked to be the same as ours.

2. **Coverage of the Netherlands**: `coverage.coverage()` of the PC4 areas of
   `pc4_nl_population_centroids.csv` (centroid, or the point inside the polygon where the
   centroid falls outside; municipality as area) against 2,000 places: PC4 points drawn at
   random and moved by a normal jitter of 1 km (seeded). PC4 5028 has no polygon and no
   residents, so 4,067 of the 4,068 rows have a point.

3. **A generated instance**: 100,000 demand points and 10,000 candidates clustered like
   villages in a 100 x 100 km box of RD New (seeded), radius 1,500 m, k 50: build and solve.

Every measurement is the best of `--repeat` runs (3); a spopt run, or a solve of the generated
instance, that takes more than 20 s runs once.

    .venv/bin/pip install spopt                # benchmark only, not one of naober's dependencies
    .venv/bin/python bench/planning.py         # everything: about 5 minutes
    .venv/bin/python bench/planning.py --parts mclp --spopt-solver highs
    .venv/bin/python bench/planning.py --help

spopt 0.7.0 brings PuLP (3.3.2 at the time of writing) and with it a CBC binary; PuLP's HiGHS
interface uses the installed highspy. Without spopt the spopt columns say so and the rest runs.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from naober.planning import coverage, siting  # noqa: E402

CASES = [(1500, 10), (1500, 25), (3000, 10), (3000, 25)]
SPEEDUP_TARGET = 100
COVERAGE_TARGET_S = 1.0
LARGE_TARGET_S = 10.0
SPOPT_ONCE_AFTER_S = 20.0
PROVINCES = ("Drenthe", "Friesland", "Overijssel")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark naober's maximal covering against PySAL spopt's MCLP, coverage "
        "of the Netherlands' postcode areas, and a generated large instance.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared" / "data", help="the data directory"
    )
    parser.add_argument(
        "--parts",
        nargs="+",
        default=["mclp", "coverage", "large"],
        choices=["mclp", "coverage", "large"],
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best kept)")
    parser.add_argument("--spopt-solver", choices=["cbc", "highs", "none"], default="cbc")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--large-demand", type=int, default=100_000)
    parser.add_argument("--large-candidates", type=int, default=10_000)
    parser.add_argument("--large-k", type=int, default=50)
    parser.add_argument("--large-radius", type=float, default=1500.0)
    parser.add_argument(
        "--large-time-limit", type=float, default=60.0, help="maximal_covering's time limit"
    )
    return parser.parse_args(argv)


def best_of(fn, repeat: int, once_after: float | None = None):
    """Best wall time of `repeat` calls and the last result; stops after a slow first call."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
        if once_after is not None and best > once_after:
            break
    return best, result


# --- data -----------------------------------------------------------------------------------


def three_provinces(data: Path):
    """PC4 representative points (RD), population, and the buurt candidates (RD)."""
    import pyogrio
    import shapely
    from pyproj import Transformer

    meta, _, wkb, fields = pyogrio.raw.read(data / "pc4_dr_fr_ov.geojson")
    columns = dict(zip(meta["fields"], fields, strict=True))
    to_rd = Transformer.from_crs("EPSG:4326", "EPSG:28992", always_xy=True)
    polygons = shapely.transform(
        shapely.from_wkb(wkb), lambda xy: np.column_stack(to_rd.transform(xy[:, 0], xy[:, 1]))
    )
    points = shapely.get_coordinates(shapely.point_on_surface(polygons))
    population = np.nan_to_num(np.asarray(columns["inwoners"], dtype=float))
    municipalities = {g for g in columns["gemeente"] if g}
    with open(data / "buurt_2014_labelpoints_nl.csv", newline="", encoding="utf-8") as f:
        buurten = [r for r in csv.DictReader(f) if r["gm_naam_2024_spatial"] in municipalities]
    candidates = np.array([[float(r["x_rd"]), float(r["y_rd"])] for r in buurten])
    return points, population, candidates


def netherlands(data: Path):
    with open(data / "pc4_nl_population_centroids.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    total = len(rows)
    rows = [r for r in rows if r["x_rd"]]
    inside = [r["centroid_inside"] == "True" for r in rows]
    x = [float(r["x_rd"] if ok else r["rep_x_rd"]) for r, ok in zip(rows, inside, strict=True)]
    y = [float(r["y_rd"] if ok else r["rep_y_rd"]) for r, ok in zip(rows, inside, strict=True)]
    demand = coverage.DemandPoints(
        ids=[r["pc4"] for r in rows],
        x_rd=x,
        y_rd=y,
        population=[float(r["inwoners"] or 0) for r in rows],
        area=[r["gemeente"] or "?" for r in rows],
    )
    return demand, total


def villages(seed: int, n_demand: int, n_candidates: int, box_m: float = 100_000.0):
    """Demand and candidates clustered like villages and towns in a square of RD New.

    Village centres are uniform in the box; sizes follow a Pareto law (a few towns, many
    hamlets); a tenth of the demand is scattered farmland. Candidates sit in the villages (a
    demand point moved by up to 200 m) with a tenth in the open country.
    """
    rng = np.random.default_rng(seed)
    x0, y0 = 200_000.0, 500_000.0
    n_villages = 600
    centres = rng.uniform(0, box_m, size=(n_villages, 2)) + (x0, y0)
    size = rng.pareto(1.2, n_villages) + 1.0
    spread = 250.0 + 120.0 * np.sqrt(size)  # metres: a town is wider than a hamlet
    n_village = int(n_demand * 0.9)
    which = rng.choice(n_villages, size=n_village, p=size / size.sum())
    in_village = centres[which] + rng.normal(size=(n_village, 2)) * spread[which, None]
    rural = rng.uniform(0, box_m, size=(n_demand - n_village, 2)) + (x0, y0)
    demand = np.vstack([in_village, rural])
    population = rng.poisson(2.2, n_demand).astype(float)  # people per address
    n_cand_village = int(n_candidates * 0.9)
    near = demand[rng.choice(n_village, size=n_cand_village)]
    candidates = np.vstack(
        [
            near + rng.uniform(-200, 200, size=near.shape),
            rng.uniform(0, box_m, size=(n_candidates - n_cand_village, 2)) + (x0, y0),
        ]
    )
    return demand, population, candidates


# --- spopt ----------------------------------------------------------------------------------


def spopt_available() -> str | None:
    try:
        import pulp  # noqa: F401
        import spopt  # noqa: F401
    except ImportError as e:
        return f"not installed ({e.name}): .venv/bin/pip install spopt"
    return None


def spopt_solver(name: str):
    import pulp

    if name == "highs":
        return pulp.HiGHS(msg=False)
    return pulp.PULP_CBC_CMD(msg=False)


@dataclass
class SpoptRun:
    build: float
    solve: float
    chosen: list[int]
    objective: float
    status: str
    runs: int


def run_spopt(cost, population, radius, k, solver_name, repeat) -> SpoptRun:
    import pulp
    from spopt.locate import MCLP

    best_build = best_solve = float("inf")
    runs = 0
    for _ in range(repeat):
        start = time.perf_counter()
        model = MCLP.from_cost_matrix(cost, population, service_radius=radius, p_facilities=k)
        built = time.perf_counter()
        model.solve(spopt_solver(solver_name), results=False)
        done = time.perf_counter()
        runs += 1
        best_build = min(best_build, built - start)
        best_solve = min(best_solve, done - built)
        if done - start > SPOPT_ONCE_AFTER_S:
            break
    chosen = [j for j, v in enumerate(model.fac_vars) if (v.value() or 0) > 0.5]
    return SpoptRun(
        build=best_build,
        solve=best_solve,
        chosen=chosen,
        objective=float(pulp.value(model.problem.objective)),
        status=pulp.LpStatus[model.problem.status],
        runs=runs,
    )


# --- parts ----------------------------------------------------------------------------------


def covered(matrix, population, chosen) -> float:
    hit = np.asarray(matrix[:, chosen].sum(axis=1)).ravel() > 0
    return float(population[hit].sum())


def part_mclp(args) -> list[str]:
    from scipy.spatial.distance import cdist

    demand, population, candidates = three_provinces(args.data)
    print(
        f"\n## Maximal covering: {len(demand):,} PC4 areas ({population.sum():,.0f} residents), "
        f"{len(candidates):,} buurt candidates\n"
    )
    missing = spopt_available() if args.spopt_solver != "none" else "skipped (--spopt-solver none)"
    cost = None
    if missing is None:
        start = time.perf_counter()
        cost = cdist(demand, candidates)
        print(f"dense distance matrix for spopt: {cost.shape}, {time.perf_counter() - start:.2f} s")
    lines = [
        "| radius | k | naober build | naober solve | naober total | naober covered "
        "| optimal | spopt build | spopt solve | spopt total | spopt covered | same optimum "
        "| spopt / naober |",
        "|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|",
    ]
    print(lines[0], lines[1], sep="\n", flush=True)
    for radius, k in CASES:
        t_build, matrix = best_of(
            lambda r=radius: siting.coverage_matrix(demand, candidates, r, detour=1.0),
            args.repeat,
        )
        t_solve, ours = best_of(
            lambda m=matrix, kk=k: siting.maximal_covering(population, m, kk), args.repeat
        )
        ours_total = t_build + t_solve
        ours_check = covered(matrix, population, ours.chosen)
        assert abs(ours_check - ours.covered_population) < 1e-6, "our own figure does not add up"
        opt = "yes" if ours.optimal else f"no, gap {ours.gap:.2%}"
        if cost is None:
            row = f"| – | – | – | – | – | {missing} |"
        else:
            differ = int(((cost <= radius) != (matrix.toarray() > 0)).sum())
            sp_run = run_spopt(cost, population, radius, k, args.spopt_solver, args.repeat)
            sp_total = sp_run.build + sp_run.solve
            sp_check = covered(matrix, population, sp_run.chosen)
            same = abs(sp_check - ours.covered_population) < 0.5
            verdict = (
                "yes" if same else f"**no**: {sp_check:,.0f} vs {ours.covered_population:,.0f}"
            )
            if differ:
                verdict += f" ({differ} matrix entries differ)"
            if sp_run.status != "Optimal":
                verdict += f" (spopt: {sp_run.status})"
            if abs(sp_run.objective - sp_check) > 0.5:
                verdict += f" (spopt's own objective {sp_run.objective:,.0f})"
            once = "" if sp_run.runs == args.repeat else f" ({sp_run.runs}×)"
            row = (
                f"| {sp_run.build:.2f} s{once} | {sp_run.solve:.2f} s | {sp_total:.2f} s "
                f"| {sp_check:,.0f} | {verdict} | **{sp_total / ours_total:,.0f} ×** |"
            )
        line = (
            f"| {radius:,} m | {k} | {t_build * 1000:.1f} ms | {t_solve * 1000:.0f} ms "
            f"| {ours_total * 1000:.0f} ms | {ours.covered_population:,.0f} "
            f"({ours.share:.1%}) | {opt} " + row
        )
        lines.append(line)
        print(line, flush=True)
        print(f"  nonzeros {matrix.nnz:,}; chosen {ours.chosen[:5]}...", file=sys.stderr)
    return lines


def part_coverage(args) -> list[str]:
    demand, total = netherlands(args.data)
    rng = np.random.default_rng(args.seed)
    pick = rng.choice(len(demand), size=2000, replace=True)
    xy = np.column_stack([demand.x_rd, demand.y_rd])[pick] + rng.normal(scale=1000, size=(2000, 2))
    places = coverage.Places(
        ids=list(range(2000)), x_rd=xy[:, 0], y_rd=xy[:, 1], openings_per_week=np.ones(2000)
    )
    seconds, result = best_of(
        lambda: coverage.coverage(demand, places, min_openings_per_week=coverage.WEEKLY),
        args.repeat,
    )
    o = result.overall
    met = "met" if seconds < COVERAGE_TARGET_S else "**not met**"
    line = (
        f"| coverage, {len(demand):,} of {total:,} PC4 areas × 2,000 places, "
        f"{len(result.by_area)} municipalities | {seconds * 1000:.0f} ms | < 1 s: {met} "
        f"| mean {o.mean_distance_m:,.0f} m; within 1,500 m {o.share_within[1500]:.1%} |"
    )
    print("\n## Coverage of the Netherlands\n")
    print(line, flush=True)
    return [line]


def part_large(args) -> list[str]:
    demand, population, candidates = villages(args.seed, args.large_demand, args.large_candidates)
    radius, k = args.large_radius, args.large_k
    t_build, matrix = best_of(
        lambda: siting.coverage_matrix(demand, candidates, radius, detour=1.0), args.repeat
    )
    t_solve, result = best_of(
        lambda: siting.maximal_covering(population, matrix, k, time_limit=args.large_time_limit),
        args.repeat,
        once_after=SPOPT_ONCE_AFTER_S,
    )
    total = t_build + t_solve
    met = "met" if total < LARGE_TARGET_S else "**not met**"
    state = "optimal" if result.optimal else f"not proven, gap {result.gap:.3%}"
    line = (
        f"| maximal covering, {len(demand):,} demand × {len(candidates):,} candidates, "
        f"{radius:,.0f} m, k {k} ({matrix.nnz:,} pairs) | {total:.2f} s "
        f"(build {t_build:.2f} + solve {t_solve:.2f}) | < 10 s: {met} "
        f"| {result.share:.1%} covered, {state} |"
    )
    print("\n## Generated instance\n")
    print(line, flush=True)
    return [line]


def machine() -> str:
    model = "?"
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                model = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for name in ("numpy", "scipy", "highspy", "spopt", "pulp"):
        try:
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
        except Exception:
            versions.append(f"{name} –")
    load = os.getloadavg()[0]
    return (
        f"{model}, {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"{', '.join(versions)}; load average {load:.1f}"
    )


def main(argv=None) -> int:
    args = parse_args(argv)
    print(f"# Network planning benchmark\n\n{machine()}")
    lines: list[str] = []
    if "mclp" in args.parts:
        lines += part_mclp(args)
    other = []
    if "coverage" in args.parts:
        other += part_coverage(args)
    if "large" in args.parts:
        other += part_large(args)
    if other:
        print("\n## Other targets (all together)\n")
        print("| what | time | target | result |\n|---|---:|---|---|")
        print("\n".join(other))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
