"""The policy maker's pages: coverage map and tables, scenarios, exports, the printable report.

For coordinators and policy makers of the network (accounts.access.planning_network); a network
they do not plan for answers 404. Thin views: the figures come from analysis.py, the scenario
runs in tasks.py, the files from exports.py, the survey answers from surveys.py. What is here
only puts those figures in the words and rows the templates show.

Every page is complete without JavaScript: the map (planning/map.js) reads the same figures as
the tables beside it from a JSON data island, and a scenario's progress page has a link to check
again where planning/progress.js would update it in place.
"""

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from naober.accounts import access
from naober.accounts.decorators import staff_required
from naober.responses import see_other

from .. import analysis, exports, surveys, tasks
from ..constants import CBS_ATTRIBUTION, BuildingKind, ScenarioStatus
from ..coverage import THRESHOLDS_M
from ..forms import CoverageSettingsForm, ScenarioForm, defaults, open_code, open_label
from ..models import CandidateBuilding, Scenario

# The distance of the headline figure: about a 20-minute walk.
HEADLINE_M = 1500
# A longer table of points helps nobody on screen or paper; the CSV export holds all of them.
MAX_POINT_ROWS = 1000
# The map draws at most this many demand points (the farthest first).
MAX_MAP_POINTS = 10_000
RECENT_SCENARIOS = 10
REPORT_SCENARIOS = 3
IN_PROGRESS = (ScenarioStatus.QUEUED, ScenarioStatus.RUNNING)
FINISHED = (ScenarioStatus.DONE, ScenarioStatus.FAILED)
# How often planning/progress.js asks how far a scenario is.
POLL_MILLISECONDS = 2000

# Distance bands for the map's shading and its legend: (upper bound in metres, words).
BANDS = [
    (500, gettext_lazy("within 500 m")),
    (1000, gettext_lazy("500 to 1,000 m")),
    (1500, gettext_lazy("1,000 to 1,500 m")),
    (3000, gettext_lazy("1,500 to 3,000 m")),
    (None, gettext_lazy("more than 3,000 m")),
]


def _network(request, slug):
    return get_object_or_404(access.planning_network(request.user), slug=slug)


def _scenario(request, slug, pk) -> Scenario:
    municipality = _network(request, slug)
    return get_object_or_404(
        Scenario.objects.select_related("municipality", "created_by"),
        municipality=municipality,
        pk=pk,
    )


# Figures in words: the numbers the templates show.


def percent(share: float) -> str:
    """A share as a whole percentage; 0 % and 100 % only when it is exactly so, because "100 %"
    for 99.6 % would hide the residents a policy maker is looking for."""
    value = round(share * 100)
    if value == 100 and share < 1:
        value = 99
    elif value == 0 and share > 0:
        value = 1
    return f"{number_format(value, 0, use_l10n=True)} %"


def metres(distance: float | None) -> str:
    if distance is None:
        return ""
    return f"{number_format(round(distance), 0, use_l10n=True, force_grouping=True)} m"


def band_of(distance_m: float) -> int:
    """The index in BANDS of a distance: 0 within 500 m ... 4 beyond 3 km."""
    for index, (upper, _label) in enumerate(BANDS):
        if upper is not None and distance_m <= upper:
            return index
    return len(BANDS) - 1


@dataclass
class Figures:
    """One row of the CBS-style table: residents, mean distance and the shares within reach."""

    name: str
    population: int
    mean: str
    shares: list[str]
    headline_share: float
    places: int | None = None
    gap: bool = False
    code: str = ""
    survey: object = None  # surveys.VillageResults of this village, if it has a survey


def _figures(name: str, summary, **extra) -> Figures:
    return Figures(
        name=name,
        population=round(summary.population),
        mean=metres(summary.mean_distance_m),
        shares=[percent(summary.share_within.get(t, 0.0)) for t in THRESHOLDS_M],
        headline_share=summary.share_within.get(HEADLINE_M, 0.0),
        **extra,
    )


@dataclass
class Coverage:
    """What the overview and the report show of an analysis."""

    analysis: object
    headline: str
    often: str  # how often a place must be open to count, in words
    overall: Figures
    areas: list[Figures]
    gaps: list[Figures]
    places: list
    counting_places: int
    points: list[dict]
    points_total: int
    map_data: dict
    surveys: list = field(default_factory=list)
    # Survey results of villages that have no area row of their own.
    other_surveys: list = field(default_factory=list)


def _coverage(result, survey_results, candidates=()) -> Coverage:
    by_village = {r.village.casefold(): r for r in survey_results}
    areas = []
    for row in result.areas:
        areas.append(
            _figures(
                row.name,
                row.summary,
                places=row.places,
                gap=row.gap,
                code=row.code,
                survey=by_village.get(row.name.casefold()),
            )
        )
    matched = {a.name.casefold() for a in areas if a.survey is not None}
    farthest = sorted(result.points, key=lambda p: -p.distance_m)
    points = [
        {
            "code": p.code,
            "area": p.area,
            "population": p.population,
            "distance": metres(p.distance_m),
            "band": band_of(p.distance_m),
            "band_label": BANDS[band_of(p.distance_m)][1],
            "nearest_place": p.nearest_place,
        }
        for p in farthest[:MAX_POINT_ROWS]
    ]
    share = result.overall.share_within.get(HEADLINE_M, 0.0)
    headline = _(
        "%(share)s of residents live within %(distance)s of a place open at least %(often)s."
    ) % {
        "share": percent(share),
        "distance": metres(HEADLINE_M),
        "often": open_label(result.min_openings_per_week),
    }
    return Coverage(
        analysis=result,
        headline=headline,
        often=open_label(result.min_openings_per_week),
        overall=_figures(_("All residents"), result.overall),
        areas=areas,
        gaps=[a for a in areas if a.gap],
        places=result.places,
        counting_places=sum(1 for p in result.places if p.counts),
        points=points,
        points_total=len(result.points),
        map_data=_map_data(farthest[:MAX_MAP_POINTS], result.places, candidates),
        surveys=survey_results,
        other_surveys=[r for r in survey_results if r.village.casefold() not in matched],
    )


def _map_data(points, places, candidates=(), chosen=()) -> dict:
    """What planning/map.js draws; the tables on the page say the same in words."""
    return {
        "points": [
            {
                "lat": p.latitude,
                "lon": p.longitude,
                "population": p.population,
                "band": band_of(p.distance_m),
                "label": f"{p.area or p.code}: {p.population} · {metres(p.distance_m)}",
            }
            for p in points
        ],
        "places": [
            {"lat": p.latitude, "lon": p.longitude, "label": p.name, "counts": p.counts}
            for p in places
        ],
        "candidates": [
            {"lat": c.latitude, "lon": c.longitude, "label": f"{c.name} ({c.town})"}
            for c in candidates
        ],
        "chosen": [
            {"lat": c["latitude"], "lon": c["longitude"], "label": f"{c['name']} ({c['town']})"}
            for c in chosen
        ],
    }


def _map_context() -> dict:
    return {
        "map_tiles_url": settings.NAOBER_MAP_TILES_URL,
        "map_attribution": settings.NAOBER_MAP_ATTRIBUTION,
        "bands": [label for _upper, label in BANDS],
        "thresholds": THRESHOLDS_M,
        "attribution": CBS_ATTRIBUTION,
    }


def _settings(request, *, say: bool = True) -> tuple[CoverageSettingsForm, float, float]:
    """The settings asked in the address (defaults for what is missing or wrong); with `say`, a
    message when something was wrong."""
    asked = {k: v for k, v in request.GET.items() if k in ("detour", "open")}
    form = CoverageSettingsForm(asked or None)
    detour, min_openings = form.values()
    if say and form.is_bound and form.errors:
        messages.warning(request, _("Some settings were not valid: the default is used for those."))
        # The form shows the values the figures were calculated with, with the errors beside.
    return form, detour, min_openings


def _active_candidates(municipality):
    return CandidateBuilding.objects.filter(municipality=municipality, is_active=True)


def _recent_scenarios(municipality, limit=RECENT_SCENARIOS):
    return Scenario.objects.filter(municipality=municipality).select_related("created_by")[:limit]


# The pages.


@staff_required
def index(request):
    networks = list(access.planning_network(request.user).order_by("name"))
    if not networks:
        raise PermissionDenied
    if len(networks) == 1:
        return redirect("planning:overview", slug=networks[0].slug)
    return render(request, "planning/index.html", {"networks": networks})


@staff_required
def overview(request, slug):
    municipality = _network(request, slug)
    form, detour, min_openings = _settings(request)
    candidates = list(_active_candidates(municipality))
    context = {
        "municipality": municipality,
        "form": form,
        "scenarios": _recent_scenarios(municipality),
        "candidates": len(candidates),
        "query": _query(detour, min_openings),
        **_map_context(),
    }
    try:
        result = analysis.analyse(municipality, detour=detour, min_openings_per_week=min_openings)
    except analysis.NoData as problem:
        context["no_data"] = str(problem)
        context["survey_results"] = surveys.results(municipality)
        return render(request, "planning/overview.html", context)
    context["coverage"] = _coverage(result, surveys.results(municipality), candidates)
    return render(request, "planning/overview.html", context)


def _query(detour: float, min_openings: float) -> str:
    """The settings as an address query, for the export links (the figures of this page)."""
    if (detour, min_openings) == defaults():
        return ""
    return "?" + urlencode({"detour": f"{detour:g}", "open": open_code(min_openings)})


@staff_required
def buildings(request, slug):
    municipality = _network(request, slug)
    rows = CandidateBuilding.objects.filter(municipality=municipality).order_by(
        "-is_active", "town", "name"
    )
    admin = _admin_urls(request.user)
    context = {
        "municipality": municipality,
        "buildings": rows,
        "active": sum(1 for b in rows if b.is_active),
        "admin": admin,
    }
    return render(request, "planning/buildings.html", context)


def _admin_urls(user) -> dict:
    """Where this person adds and edits candidate buildings in the admin, when they may."""
    if not user.is_staff:
        return {}
    found = {}
    try:
        if user.has_perm("planning.view_candidatebuilding") or user.has_perm(
            "planning.change_candidatebuilding"
        ):
            found["list"] = reverse("admin:planning_candidatebuilding_changelist")
        if user.has_perm("planning.add_candidatebuilding"):
            found["add"] = reverse("admin:planning_candidatebuilding_add")
        found["change"] = user.has_perm("planning.change_candidatebuilding")
    except NoReverseMatch:
        return {}
    return found


@staff_required
def scenario_new(request, slug):
    municipality = _network(request, slug)
    candidates = _active_candidates(municipality).count()
    if request.method == "POST":
        form = ScenarioForm(request.POST, candidates=candidates)
        if form.is_valid():
            data = form.cleaned_data
            scenario = tasks.start_scenario(
                municipality,
                method=data["method"],
                new_places=data["new_places"],
                radius_m=data["radius_m"],
                detour=data["detour"],
                min_openings_per_week=data["min_openings_per_week"],
                name=data["name"],
                by=request.user,
            )
            return see_other(
                reverse("planning:scenario", kwargs={"slug": municipality.slug, "pk": scenario.pk})
            )
        status = 400
    else:
        form = ScenarioForm(candidates=candidates)
        status = 200
    context = {
        "municipality": municipality,
        "form": form,
        "candidates": candidates,
        "scenarios": _recent_scenarios(municipality),
    }
    return render(request, "planning/scenario_new.html", context, status=status)


@dataclass
class Outcome:
    """A finished scenario's result in words and rows."""

    chosen: list
    before_share: str
    after_share: str
    before_population: int | None
    after_population: int | None
    total_population: int | None
    gained: int | None
    uncoverable: int | None
    mean_distance: str
    optimal: bool
    gap: str
    greedy: bool
    seconds: str


def _outcome(result: dict) -> Outcome:
    before = result.get("before") or {}
    gap = result.get("gap")
    after_population = result.get("covered_population")
    before_population = before.get("covered_population")
    gained = None
    if after_population is not None and before_population is not None:
        gained = round(after_population - before_population)
    # The kind in the reader's language (the result was written in the worker's).
    chosen = [
        {**site, "kind_label": BuildingKind(site["kind"]).label}
        if site.get("kind") in BuildingKind.values
        else site
        for site in result.get("chosen") or []
    ]
    return Outcome(
        chosen=chosen,
        before_share=percent(before.get("share") or 0.0),
        after_share=percent(result.get("share") or 0.0),
        before_population=_whole(before_population),
        after_population=_whole(after_population),
        total_population=_whole(result.get("total_population")),
        gained=gained,
        uncoverable=_whole(result.get("uncoverable_population")),
        mean_distance=metres(result.get("mean_distance_m")),
        optimal=bool(result.get("optimal")),
        gap=percent(gap) if gap is not None else "",
        greedy=result.get("method") == "greedy",
        seconds=number_format(result.get("seconds") or 0, 1, use_l10n=True),
    )


def _whole(value) -> int | None:
    return None if value is None else round(value)


def _settings_words(scenario: Scenario) -> dict:
    return {
        "open": open_label(scenario.min_openings_per_week),
        "radius": metres(scenario.radius_m),
        "detour": number_format(scenario.detour, 1, use_l10n=True),
    }


@staff_required
def scenario(request, slug, pk):
    scenario = _scenario(request, slug, pk)
    context = {
        "municipality": scenario.municipality,
        "scenario": scenario,
        "words": _settings_words(scenario),
        "in_progress": scenario.status in IN_PROGRESS,
        "poll": POLL_MILLISECONDS,
    }
    if scenario.status == ScenarioStatus.DONE and scenario.result:
        outcome = _outcome(scenario.result)
        places = []
        try:
            places = analysis.analyse(
                scenario.municipality,
                detour=scenario.detour,
                min_openings_per_week=scenario.min_openings_per_week,
            ).places
        except analysis.NoData:
            # The data changed since the run: the suggested sites are still worth showing.
            pass
        context.update(
            outcome=outcome,
            map_data=_map_data([], [p for p in places if p.counts], chosen=outcome.chosen),
            **_map_context(),
        )
    return render(request, "planning/scenario.html", context)


@staff_required
def scenario_progress(request, slug, pk):
    scenario = _scenario(request, slug, pk)
    return JsonResponse(
        {
            "status": scenario.status,
            "status_label": str(scenario.get_status_display()),
            "progress": scenario.progress,
            "message": scenario.message,
            "done": scenario.status in FINISHED,
        }
    )


# Exports: the same figures as files, for a spreadsheet or a GIS.

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json"}


def _download(body, fmt: str, filename: str) -> HttpResponse:
    if fmt == "geojson":
        body = json.dumps(body, ensure_ascii=False)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_required
def export_demand(request, slug, fmt):
    municipality = _network(request, slug)
    if fmt not in CONTENT_TYPES:
        raise Http404("csv or geojson")
    _form, detour, min_openings = _settings(request, say=False)
    try:
        result = analysis.analyse(municipality, detour=detour, min_openings_per_week=min_openings)
    except analysis.NoData as problem:
        raise Http404(str(problem)) from problem
    body = exports.demand_csv(result) if fmt == "csv" else exports.demand_geojson(result)
    return _download(body, fmt, f"naober-{municipality.slug}-inwoners.{fmt}")


@staff_required
def export_scenario(request, slug, pk, fmt):
    scenario = _scenario(request, slug, pk)
    if fmt not in CONTENT_TYPES or scenario.status != ScenarioStatus.DONE or not scenario.result:
        raise Http404("a finished scenario, as csv or geojson")
    if fmt == "csv":
        body = exports.scenario_csv(scenario)
    else:
        body = exports.scenario_geojson(scenario)
    return _download(body, fmt, f"naober-{scenario.municipality.slug}-scenario-{scenario.pk}.{fmt}")


# The printable report.


@staff_required
def report(request, slug):
    municipality = _network(request, slug)
    _form, detour, min_openings = _settings(request)
    finished = Scenario.objects.filter(
        municipality=municipality, status=ScenarioStatus.DONE, result__isnull=False
    )[:REPORT_SCENARIOS]
    context = {
        "municipality": municipality,
        "today": timezone.localdate(),
        "detour": number_format(detour, 1, use_l10n=True),
        "open": open_label(min_openings),
        "scenarios": [
            {
                "scenario": s,
                "outcome": _outcome(s.result),
                "words": _settings_words(s),
                "prefix": f"scenario-{s.pk}-",
            }
            for s in finished
        ],
        "thresholds": THRESHOLDS_M,
        "attribution": CBS_ATTRIBUTION,
        "survey_results": surveys.results(municipality),
    }
    try:
        result = analysis.analyse(municipality, detour=detour, min_openings_per_week=min_openings)
    except analysis.NoData as problem:
        context["no_data"] = str(problem)
    else:
        context["coverage"] = _coverage(result, context["survey_results"])
    return render(request, "planning/report.html", context)
