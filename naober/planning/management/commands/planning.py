"""`naober planning import|site`: load planning data from files, or site new places from files.

    naober planning import demand pc4.csv --municipality GM1699 --source "Bron: CBS"
    naober planning import areas gemeenten.geojson --area-kind municipality
    naober planning import candidates gebouwen.csv --network noordenveld
    naober planning site --demand DEMAND.csv --candidates CANDIDATES.csv --radius 1500 --new 3

`import` writes one Dataset (all of the file or nothing) and shows progress on standard error;
a problem stops it with the file and line. `site` reads its files without the database and
prints JSON: the chosen candidate ids, covered_population, total_population, share, whether the
answer is proven optimal, the method, the gap to the bound, radius_m and detour.
"""

import contextlib
import json
import os
import sys

import numpy as np
import scipy.sparse as sp
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from scipy.spatial import cKDTree
from scipy.spatial.distance import cdist

from naober.planning import importing, siting
from naober.planning.constants import AreaKind, Method
from naober.planning.coverage import DEFAULT_DETOUR

MAX_DENSE_PAIRS = 2_000_000


class Command(BaseCommand):
    # Plain strings: argparse cannot print a lazy translation (`--help` would crash).
    help = "Import planning data (areas, residents, candidate buildings) or site new places."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="import|site")
        load = actions.add_parser(
            "import", help="Import a CSV, GeoJSON or GeoPackage file as one dataset."
        )
        load.add_argument("what", choices=["demand", "areas", "candidates"])
        load.add_argument("file")
        load.add_argument("--name", default="", help="Dataset name (default: the file name).")
        load.add_argument("--source", default="", help="Who made the data, and its licence.")
        load.add_argument(
            "--crs",
            help="Coordinate system when the file does not state it: EPSG:28992 or EPSG:4326.",
        )
        load.add_argument("--layer", help="The layer of a GeoPackage with several.")
        load.add_argument(
            "--municipality",
            action="append",
            default=[],
            help="Keep only this municipality, by CBS code (GM1699) or name; may be repeated.",
        )
        load.add_argument(
            "--network", help="Slug of the network (municipality) the candidate buildings are for."
        )
        load.add_argument(
            "--area-kind",
            choices=AreaKind.values,
            help="areas: what the file's areas are (required); demand: what its village column "
            "names (default village).",
        )
        site = actions.add_parser(
            "site", help="Choose new places from demand and candidate files (no database)."
        )
        site.add_argument("--demand", required=True, help="id,x_rd,y_rd,population (or lon,lat)")
        site.add_argument("--candidates", required=True, help="id,x_rd,y_rd (or lon,lat)")
        site.add_argument("--fixed", help="Existing places: id,x_rd,y_rd (or lon,lat)")
        site.add_argument("--radius", type=float, required=True, help="Reach in metres.")
        site.add_argument("--new", type=int, help="k: how many new places to choose.")
        site.add_argument("--detour", type=float, default=DEFAULT_DETOUR)
        site.add_argument("--method", choices=Method.values, default=Method.MAXIMAL_COVERING)
        site.add_argument("--time-limit", type=float, default=siting.DEFAULT_TIME_LIMIT)
        site.add_argument(
            "--max-distance",
            type=float,
            help="p_median: only pairs within this many metres (detour included) are allowed; "
            "default all pairs, for up to 2 million demand x candidate pairs.",
        )
        site.add_argument("--crs", help="Coordinate system of x/y columns, when not named.")

    def handle(self, *args, action: str, **options):
        if action == "import":
            self.load(options)
        else:
            self.site(options)

    # --- import ---------------------------------------------------------------------------

    def progress(self, done: int, total: int) -> None:
        self.stderr.write(
            "\r" + _("%(done)s / %(total)s rows") % {"done": f"{done:,}", "total": f"{total:,}"},
            ending="",
        )
        self.stderr.flush()

    def load(self, options: dict) -> None:
        what, path = options["what"], options["file"]
        common = {
            "name": options["name"],
            "source": options["source"],
            "crs": options["crs"],
            "layer": options["layer"],
            "progress": self.progress,
        }
        try:
            if what == "demand":
                result = importing.import_demand(
                    path,
                    municipalities=set(options["municipality"]) or None,
                    area_kind=options["area_kind"] or AreaKind.VILLAGE,
                    **common,
                )
            elif what == "areas":
                if not options["area_kind"]:
                    raise CommandError(
                        _("Say what the areas are: --area-kind %(kinds)s.")
                        % {"kinds": "|".join(AreaKind.values)}
                    )
                result = importing.import_areas(
                    path,
                    kind=options["area_kind"],
                    municipalities=set(options["municipality"]) or None,
                    **common,
                )
            else:
                result = importing.import_candidates(
                    path, self.network(options["network"]), **common
                )
        except importing.ImportProblem as problem:
            self.stderr.write("")
            raise CommandError(where(path, problem)) from None
        self.stderr.write("")
        for warning in result.warnings:
            self.stderr.write(warning)
        self.stdout.write(
            _('Imported %(rows)s rows from %(file)s as dataset "%(name)s".')
            % {"rows": f"{result.dataset.rows:,}", "file": path, "name": result.dataset.name}
        )

    def network(self, slug: str | None):
        from naober.places.models import Municipality

        if not slug:
            raise CommandError(_("Say which network the buildings are for: --network SLUG."))
        try:
            return Municipality.objects.get(slug=slug)
        except Municipality.DoesNotExist:
            known = ", ".join(Municipality.objects.values_list("slug", flat=True)) or "-"
            raise CommandError(
                _("No network %(slug)s. Known: %(known)s.") % {"slug": slug, "known": known}
            ) from None

    # --- site -----------------------------------------------------------------------------

    def site(self, options: dict) -> None:
        answer = run_site(
            options["demand"],
            options["candidates"],
            radius=options["radius"],
            new=options["new"],
            fixed=options["fixed"],
            detour=options["detour"],
            method=options["method"],
            time_limit=options["time_limit"],
            crs=options["crs"],
            max_distance=options["max_distance"],
            warn=self.stderr.write,
        )
        self.stdout.write(json.dumps(answer, indent=1, ensure_ascii=False))


def where(path, problem: importing.ImportProblem) -> str:
    """FILE, line N: message (the file as a whole: FILE: message)."""
    if problem.line:
        return _("%(file)s, line %(line)d: %(message)s") % {
            "file": path,
            "line": problem.line,
            "message": problem.message,
        }
    return f"{path}: {problem.message}"


def _read(path: str, what: str, crs, population=False) -> importing.Points:
    try:
        return importing.read_points(path, population=population, crs=crs)
    except importing.ImportProblem as problem:
        raise CommandError(f"{what}: {where(path, problem)}") from None


def run_site(
    demand_path,
    candidates_path,
    *,
    radius,
    new=None,
    fixed=None,
    detour=DEFAULT_DETOUR,
    method=Method.MAXIMAL_COVERING,
    time_limit=siting.DEFAULT_TIME_LIMIT,
    crs=None,
    max_distance=None,
    warn=None,
) -> dict:
    """The `site` subcommand as a function: files in, the JSON-ready answer out."""
    if not radius > 0:
        raise CommandError(_("The radius must be more than 0 metres, got %(r)s.") % {"r": radius})
    if not detour >= 1.0:
        raise CommandError(_("The detour factor must be at least 1.0, got %(d)s.") % {"d": detour})
    if time_limit <= 0:
        raise CommandError(_("The time limit must be more than 0 seconds."))
    if method != Method.SET_COVERING:
        if new is None:
            raise CommandError(_("Say how many new places to choose: --new K."))
        if new < 1:
            raise CommandError(_("--new must be at least 1, got %(k)s.") % {"k": new})
    demand = _read(demand_path, _("demand"), crs, population=True)
    candidates = _read(candidates_path, _("candidates"), crs)
    places = _read(fixed, _("fixed places"), crs) if fixed else None
    for points in (demand, candidates, places):
        for warning in points.warnings if points and warn else ():
            warn(warning)
    if not demand.ids:
        raise CommandError(_("The demand file has no points with coordinates and population."))
    if not candidates.ids:
        raise CommandError(_("There are no candidates: the candidates file has no points."))
    if method != Method.SET_COVERING and new > len(candidates.ids):
        raise CommandError(
            _("--new %(k)d is more than the %(n)d candidates.")
            % {"k": new, "n": len(candidates.ids)}
        )
    matrix = siting.coverage_matrix(demand.xy, candidates.xy, radius, detour)
    fixed_covered = None
    if places is not None and places.ids:
        fixed_covered = (
            np.asarray(siting.coverage_matrix(demand.xy, places.xy, radius, detour).sum(axis=1))
            .ravel()
            .astype(bool)
        )
    try:
        with _solver_banner_to_stderr():
            result = _solve(
                method,
                demand,
                candidates,
                places,
                matrix,
                fixed_covered,
                new=new,
                cap=max_distance,
                detour=detour,
                time_limit=time_limit,
            )
    except (ValueError, RuntimeError) as error:
        raise CommandError(str(error)) from None
    covered = result.covered_population
    if method == Method.P_MEDIAN:
        # p_median's own figure is everyone served at any distance; report reach as the others do.
        reached = np.asarray(matrix[:, result.chosen].sum(axis=1)).ravel() > 0
        covered = float(demand.population[reached].sum())
    total = result.total_population
    answer = {
        "chosen": [candidates.ids[j] for j in result.chosen],
        "covered_population": _plain(covered),
        "total_population": _plain(total),
        "share": round(covered / total, 6) if total > 0 else 0.0,
        "optimal": bool(result.optimal),
        "method": str(method),
        # How siting found it: the exact model, or the greedy fallback with its gap.
        "solver": result.method,
        "gap": None if result.gap is None else round(result.gap, 6),
        "radius_m": radius,
        "detour": detour,
    }
    if method == Method.SET_COVERING:
        answer["uncoverable_population"] = _plain(demand.population[result.uncoverable].sum())
    if result.mean_distance is not None:
        answer["mean_distance_m"] = round(result.mean_distance, 1)
    if fixed_covered is not None:
        answer["fixed"] = len(places.ids)
    return answer


def _plain(value) -> int | float:
    """Residents are counted in whole people; keep 31215 rather than 31215.0 in the JSON."""
    value = float(value)
    return int(value) if value.is_integer() else value


def _solve(
    method, demand, candidates, places, matrix, fixed_covered, *, new, cap, detour, time_limit
) -> siting.Siting:
    if method == Method.MAXIMAL_COVERING:
        return siting.maximal_covering(
            demand.population, matrix, new, fixed_covered, time_limit=time_limit
        )
    if method == Method.SET_COVERING:
        return siting.set_covering(
            matrix, fixed_covered, population=demand.population, time_limit=time_limit
        )
    if places is not None:
        raise CommandError(_("p_median does not take fixed places (--fixed)."))
    return siting.p_median(
        demand.population,
        _distances(demand.xy, candidates.xy, cap, detour),
        new,
        time_limit=time_limit,
    )


@contextlib.contextmanager
def _solver_banner_to_stderr():
    """HiGHS prints its banner on standard output from C when a model is made; send it to
    standard error so standard output stays pure JSON (`| jq` works)."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real file descriptor 1 (embedded); nothing to protect
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def _distances(demand_xy, candidate_xy, cap, detour):
    """Demand x candidate distances (straight line x detour): every pair (dense) without a
    cap, else the pairs within the cap (sparse, explicit zeros kept: p_median reads the stored
    pairs)."""
    if cap is None:
        if len(demand_xy) * len(candidate_xy) > MAX_DENSE_PAIRS:
            raise CommandError(
                _(
                    "%(pairs)s demand x candidate pairs is too many for p_median without "
                    "--max-distance."
                )
                % {"pairs": f"{len(demand_xy) * len(candidate_xy):,}"}
            )
        return cdist(demand_xy, candidate_xy) * detour
    if not cap > 0:
        raise CommandError(_("--max-distance must be more than 0 metres."))
    pairs = cKDTree(demand_xy).sparse_distance_matrix(
        cKDTree(candidate_xy), cap / detour, output_type="ndarray"
    )
    return sp.coo_matrix(
        (pairs["v"] * detour, (pairs["i"], pairs["j"])),
        shape=(len(demand_xy), len(candidate_xy)),
    )
