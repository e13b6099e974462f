"""Benchmark of the public guide on a province-sized data set, served by gunicorn on PostgreSQL.

A benchmark, not a test: pytest never collects it (the test paths are tests/ only).

What it does, in order:

1. (Re)creates the PostgreSQL database `naober_bench` on 127.0.0.1:5432 (user postgres, trust
   authentication), migrates it and fills it with bulk_create: 2,000 places spread over the real
   postcode areas of Drenthe, Friesland and Overijssel (naober.places.postcodes.areas()),
   6,000 opening rules over a year, presence rules, summer closures, one-off cancellations and
   extra openings. `--keep-data` reuses the database of an earlier run.
2. Runs `collectstatic` into a temporary folder and starts gunicorn on 127.0.0.1 (a free port;
   gthread workers, one per core, 8 threads each) with DJANGO_SETTINGS_MODULE=bench.settings:
   naober's settings with bench/urls.py, which adds a bare view at /bench/bare/ beside naober's
   own URLs.
3. For each page, a warm-up and then a timed run of `wrk` with 32 connections:
   - bare:   /bench/bare/             (a view returning a small HttpResponse)
   - search: /?q=<postcode>           (varying postcodes of the three provinces)
   - place:  /plek/<slug>/            (varying places)
   and prints requests per second, latencies (p50, p95, p99) and the CPU each request cost in
   gunicorn and in PostgreSQL, as a Markdown table for docs/performance.md.

Needs `wrk` (Debian: `apt-get install -y wrk`) and a PostgreSQL server. The whole run takes
two to four minutes with the defaults (the warm-up lasts until every worker has served a few
pages, longer when the pages are slow).

    .venv/bin/python bench/guide.py                    # build the data and measure
    .venv/bin/python bench/guide.py --keep-data        # measure again on the same data
    .venv/bin/python bench/guide.py --profile          # where a search and a place page spend
                                                       # their time (in-process, no gunicorn)
    .venv/bin/python bench/guide.py --help
"""

import argparse
import json
import os
import platform
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
WRK_SCRIPT = BENCH / "wrk_report.lua"
PROVINCES = ("Drenthe", "Friesland", "Overijssel")
PAGES = ("bare", "search-uncached", "search", "place")


def parse_args(argv=None) -> argparse.Namespace:
    cpus = os.cpu_count() or 1
    parser = argparse.ArgumentParser(
        description="Benchmark naober's guide (search and place pages) against a bare Django "
        "view, served by gunicorn on PostgreSQL, measured with wrk.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    data = parser.add_argument_group("data")
    data.add_argument("--db-name", default="naober_bench", help="PostgreSQL database to use")
    data.add_argument(
        "--db-host", default="127.0.0.1:5432", help="PostgreSQL server (host:port, user postgres)"
    )
    data.add_argument(
        "--keep-data",
        action="store_true",
        help="reuse the database of an earlier run instead of dropping and rebuilding it",
    )
    data.add_argument("--places", type=int, default=2000)
    data.add_argument("--rules", type=int, default=6000, help="opening rules in all")
    data.add_argument("--seed", type=int, default=2026, help="random seed for the data and URLs")

    server = parser.add_argument_group("server")
    # Measured on the 2-core machine (docs/performance.md): gthread with one worker per core and
    # 8 threads beat 5 sync workers (keep-alive; fewer processes to warm) and 5 × 4 gthread.
    server.add_argument("--worker-class", choices=("sync", "gthread"), default="gthread")
    server.add_argument(
        "--workers",
        type=int,
        default=cpus,
        help="gunicorn workers (one per core; for sync workers use 2 × cores + 1)",
    )
    server.add_argument("--threads", type=int, default=8, help="threads per worker (gthread)")

    load = parser.add_argument_group("load")
    load.add_argument("--connections", type=int, default=32, help="concurrent clients")
    load.add_argument("--duration", type=int, default=15, help="seconds per page")
    load.add_argument(
        "--warmup",
        type=int,
        default=4,
        help="warm-up seconds per page, repeated until each worker has served about 10 pages",
    )
    load.add_argument(
        "--wrk-threads", type=int, default=2, help="wrk threads (wrk shares the machine)"
    )
    load.add_argument(
        "--pages", default=",".join(PAGES), help=f"which pages, comma-separated: {PAGES}"
    )
    load.add_argument("--json", type=Path, help="also write the figures to this JSON file")

    parser.add_argument(
        "--profile",
        action="store_true",
        help="instead of the load test: time and profile search and place pages in-process "
        "(query counts, SQL time, and the slowest functions; uses pyinstrument when installed, "
        "otherwise cProfile)",
    )
    parser.add_argument("--profile-requests", type=int, default=100)
    args = parser.parse_args(argv)
    args.pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    unknown = set(args.pages) - set(PAGES)
    if unknown:
        parser.error(f"unknown page(s) {sorted(unknown)}; choose from {PAGES}")
    return args


# --- the environment -------------------------------------------------------------------------


def database_url(args) -> str:
    return f"postgres://postgres@{args.db_host}/{args.db_name}"


def configure_django(args) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = database_url(args)
    os.environ.setdefault("NAOBER_DEBUG", "false")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def psql(args, sql: str) -> str:
    host, _, port = args.db_host.partition(":")
    result = subprocess.run(
        ["psql", "-h", host, "-p", port or "5432", "-U", "postgres", "-d", "postgres", "-tAc", sql],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        sys.exit(f"psql failed ({sql}): {result.stderr.strip()}")
    return result.stdout.strip()


def check_tools(args) -> None:
    if not args.profile and shutil.which("wrk") is None:
        sys.exit(
            "wrk is not installed. It is the load generator this benchmark uses.\n"
            "On Debian or Ubuntu: sudo apt-get install -y wrk"
        )
    if shutil.which("psql") is None:
        sys.exit("psql is not installed (Debian: sudo apt-get install -y postgresql-client).")


def prepare_database(args) -> bool:
    """Drop and create the database unless --keep-data finds it; True when it must be filled."""
    exists = psql(args, f"SELECT 1 FROM pg_database WHERE datname = '{args.db_name}'") == "1"
    if args.keep_data and exists:
        return False
    if args.keep_data:
        print(f"--keep-data: database {args.db_name} does not exist yet, building it.")
    psql(args, f'DROP DATABASE IF EXISTS "{args.db_name}" WITH (FORCE)')
    psql(args, f'CREATE DATABASE "{args.db_name}"')
    return True


# --- the data set ----------------------------------------------------------------------------

STREETS = (
    "Hoofdstraat", "Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg",
    "Brink", "Esweg", "Noorderdiep", "Zuiderdiep", "Markt", "Wijkweg", "Parkweg", "De Wending",
)  # fmt: skip
BUILDING_KINDS = (
    "MFA", "Dorpshuis", "Wijkcentrum", "Bibliotheek", "Kerkgebouw", "Sporthal", "Zorgcentrum",
)  # fmt: skip
HOUSING = (
    "Lefier", "Woonservice Drenthe", "Domesta", "Actium", "Woonconcept", "Wetland Wonen",
    "Omnia Wonen", "Elkien", "Accolade", "WoonFriesland", "Thús Wonen", "Domijn", "Mijande Wonen",
)  # fmt: skip
CARE = (
    ("GGZ Drenthe", "mental_health"), ("GGZ Friesland", "mental_health"),
    ("Dimence", "mental_health"), ("Verslavingszorg Noord Nederland", "addiction"),
    ("Tactus", "addiction"), ("Stichting AanZet", "volunteers"),
)  # fmt: skip
CLOSURE_REASONS = ("The host is ill.", "Staff training day.", "The building is in use.")


def build_data(args) -> dict:
    """Fill the database with a province-sized network; returns counts for the report."""
    from django.db import transaction
    from django.utils.text import slugify

    from naober.places import geo, postcodes
    from naober.places.constants import OrganisationKind, PlaceKind
    from naober.places.models import Building, Municipality, Organisation, Place, Theme
    from naober.schedules.holidays import default_closed_holidays
    from naober.schedules.models import Closure, ExtraOpening, OpeningRule, PresenceRule

    rng = random.Random(args.seed)
    today = date.today()
    areas = [a for a in postcodes.areas().values() if a.province in PROVINCES and a.population > 0]
    areas.sort(key=lambda a: a.pc4)
    themes = {t.code: t for t in Theme.objects.all()}
    holidays_closed = default_closed_holidays()

    with transaction.atomic():
        municipalities = {
            name: Municipality(name=name, slug=slugify(name))
            for name in sorted({a.municipality for a in areas})
        }
        Municipality.objects.bulk_create(municipalities.values())

        organisations: list[Organisation] = []
        org_themes: list[tuple[int, list[str]]] = []
        by_municipality: dict[str, dict[str, Organisation]] = {}

        def organisation(name, kind, codes):
            org = Organisation(name=name, kind=kind, invented=True, source="bench/guide.py")
            organisations.append(org)
            org_themes.append((len(organisations) - 1, codes))
            return org

        for name in municipalities:
            by_municipality[name] = {
                "welfare": organisation(f"Welzijn {name}", OrganisationKind.WELFARE, ["welfare"]),
                "social": organisation(
                    f"Sociaal team {name}", OrganisationKind.SOCIAL_TEAM, ["care", "money"]
                ),
                "municipality": organisation(
                    f"Gemeente {name}", OrganisationKind.MUNICIPALITY, ["money", "work"]
                ),
            }
        police = {
            p: organisation(f"Politie {p}", OrganisationKind.POLICE, ["safety"]) for p in PROVINCES
        }
        housing = [organisation(n, OrganisationKind.HOUSING, ["housing"]) for n in HOUSING]
        care = [
            organisation(n, kind, ["welfare"] if kind != "volunteers" else ["newcomers", "carers"])
            for n, kind in CARE
        ]
        Organisation.objects.bulk_create(organisations)
        OrgTheme = Organisation.themes.through
        OrgTheme.objects.bulk_create(
            OrgTheme(organisation_id=organisations[i].pk, theme_id=themes[c].pk)
            for i, codes in org_themes
            for c in codes
        )

        # Every inhabited postcode area gets a place where the count allows; the rest go where
        # people live (weighted by population), as a real network grows.
        chosen = list(areas) if args.places >= len(areas) else rng.sample(areas, args.places)
        extra = args.places - len(chosen)
        chosen += rng.choices(areas, weights=[a.population for a in areas], k=max(extra, 0))
        kinds = [
            (PlaceKind.BUURTKAMER, 35),
            (PlaceKind.MEETING_PLACE, 35),
            (PlaceKind.AREA_TEAM, 20),
            (PlaceKind.HUIS_VAN_DE_BUURT, 10),
        ]
        buildings: list[Building] = []
        places: list[Place] = []
        slugs: set[str] = set()
        building_in: dict[str, Building] = {}
        for area in chosen:
            kind = rng.choices([k for k, _ in kinds], weights=[w for _, w in kinds])[0]
            # A gebiedsteam often holds its walk-in in a building another place already uses.
            if kind == PlaceKind.AREA_TEAM and area.pc4 in building_in and rng.random() < 0.7:
                building = building_in[area.pc4]
            else:
                x = area.x_rd + rng.gauss(0, 500)
                y = area.y_rd + rng.gauss(0, 500)
                latitude, longitude = geo.to_wgs84(x, y)
                x_rd, y_rd = geo.to_rd(latitude, longitude)
                letters = "".join(rng.choice("ABCEGHJKLNPRTVWXZ") for _ in range(2))
                building = Building(
                    name=f"{rng.choice(BUILDING_KINDS)} {area.town}",
                    street_address=f"{rng.choice(STREETS)} {rng.randint(1, 120)}",
                    postcode=f"{area.pc4} {letters}",
                    town=area.town,
                    latitude=latitude,
                    longitude=longitude,
                    x_rd=x_rd,
                    y_rd=y_rd,
                    step_free_entrance=rng.random() < 0.8,
                    accessible_toilet=rng.random() < 0.6,
                    hearing_loop=rng.random() < 0.2,
                    parking=rng.random() < 0.7,
                    kitchen=rng.random() < 0.5,
                    computers=rng.random() < 0.3,
                    garden=rng.random() < 0.2,
                    invented=True,
                )
                buildings.append(building)
                building_in[area.pc4] = building
            name = f"{PlaceKind(kind).label} {area.town}"
            slug = base = slugify(name)
            n = 1
            while slug in slugs:
                n += 1
                slug = f"{base}-{n}"
            slugs.add(slug)
            places.append(
                Place(
                    name=name if n == 1 else f"{name} {n}",
                    slug=slug,
                    kind=kind,
                    building=building,
                    municipality=municipalities[area.municipality],
                    village=area.town,
                    description="A place to drop in with a question, or for coffee and a chat.",
                    closed_on_holidays=holidays_closed,
                    is_public=rng.random() < 0.98,
                    invented=True,
                    source="bench/guide.py",
                )
            )
            places[-1]._area = area
        Building.objects.bulk_create(buildings)
        for place in places:
            place.building_id = place.building.pk
        Place.objects.bulk_create(places)

        PlaceOrg = Place.organisations.through
        PlaceTheme = Place.themes.through
        place_orgs, place_themes = [], []
        runs_by: dict[int, list[Organisation]] = {}
        for place in places:
            local = by_municipality[place.municipality.name]
            runs = [local["welfare"]]
            if place.kind == PlaceKind.AREA_TEAM:
                runs += [local["social"], local["municipality"], rng.choice(housing)]
            elif rng.random() < 0.5:
                runs.append(rng.choice(housing))
            if rng.random() < 0.2:
                runs.append(rng.choice(care))
            runs_by[place.pk] = runs
            place_orgs += [PlaceOrg(place_id=place.pk, organisation_id=o.pk) for o in runs]
            for code in rng.sample(sorted(themes), rng.choice((0, 0, 1, 2))):
                place_themes.append(PlaceTheme(place_id=place.pk, theme_id=themes[code].pk))
        PlaceOrg.objects.bulk_create(place_orgs)
        PlaceTheme.objects.bulk_create(place_themes)

        opening_rules = make_opening_rules(rng, places, args.rules, today)
        OpeningRule.objects.bulk_create(opening_rules)

        rules_of: dict[int, list[OpeningRule]] = {}
        for each in opening_rules:
            rules_of.setdefault(each.place_id, []).append(each)
        presence_rules = []
        for place in places:
            runs = runs_by[place.pk]
            own = rules_of[place.pk]
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
                opening = rng.choice(own)
                org = rng.choice(runs + [police[place._area.province]])
                theme = None
                if rng.random() < 0.25:
                    theme, org = themes[rng.choice(("language", "work", "money", "carers"))], None
                monthly = rng.random() < 0.4
                presence_rules.append(
                    PresenceRule(
                        place=place,
                        organisation=org,
                        theme=theme,
                        frequency="monthly" if monthly else "weekly",
                        week_of_month=rng.choice((1, 2, 3, -1)) if monthly else None,
                        weekdays=[rng.choice(opening.weekdays)],
                        valid_from=opening.valid_from,
                        valid_until=opening.valid_until,
                        start_time=None if rng.random() < 0.6 else opening.start_time,
                        end_time=None,
                        invented=True,
                    )
                )
                if presence_rules[-1].start_time is not None:
                    start = presence_rules[-1].start_time
                    presence_rules[-1].end_time = clock(min(start.hour + 2, 23), start.minute)
        PresenceRule.objects.bulk_create(presence_rules)

        closures, extras = [], []
        summer = date(today.year if today.month < 9 else today.year + 1, 7, 13)
        for place in places:
            if rng.random() < 0.3:
                first = summer + timedelta(days=7 * rng.randint(0, 3))
                closures.append(
                    Closure(
                        place=place,
                        start_date=first,
                        end_date=first + timedelta(days=20),
                        reason="Summer break.",
                    )
                )
            if rng.random() < 0.15:
                day = today + timedelta(days=rng.randint(0, 90))
                closures.append(
                    Closure(
                        place=place,
                        start_date=day,
                        end_date=day,
                        reason=rng.choice(CLOSURE_REASONS),
                    )
                )
            if rng.random() < 0.05:
                day = today + timedelta(days=rng.randint(1, 60))
                extras.append(
                    ExtraOpening(
                        place=place,
                        date=day,
                        start_time=clock(14),
                        end_time=clock(16),
                        reason="Open afternoon.",
                    )
                )
        Closure.objects.bulk_create(closures)
        ExtraOpening.objects.bulk_create(extras)

    return {
        "municipalities": len(municipalities),
        "organisations": len(organisations),
        "buildings": len(buildings),
        "places": len(places),
        "public places": sum(p.is_public for p in places),
        "opening rules": len(opening_rules),
        "presence rules": len(presence_rules),
        "closures": len(closures),
        "extra openings": len(extras),
    }


def make_opening_rules(rng, places, total: int, today: date):
    """About total / places rules per place, in the patterns the seed documents describe."""
    from naober.places.constants import PlaceKind
    from naober.schedules.models import OpeningRule

    def rule(place, days, start, end, monthly=None, interval=1, note=""):
        # Running over the year: most rules began up to a year ago and go on; some end within
        # the coming year and some only start in it (a new timetable).
        valid_from = today - timedelta(days=rng.randint(30, 400))
        valid_until = None
        chance = rng.random()
        if chance < 0.1:
            valid_until = today + timedelta(days=rng.randint(30, 330))
        elif chance < 0.2:
            valid_from = today + timedelta(days=rng.randint(7, 300))
        return OpeningRule(
            place=place,
            frequency="monthly" if monthly else "weekly",
            weekdays=days,
            week_of_month=monthly,
            interval=interval,
            valid_from=valid_from,
            valid_until=valid_until,
            start_time=clock(*start),
            end_time=clock(*end),
            note=note,
            invented=True,
        )

    def patterns(place):
        if place.kind == PlaceKind.BUURTKAMER:
            return [
                rule(place, [0, 1, 2, 3, 4], (9, 0), (12, 0)),
                rule(place, [rng.choice((1, 3))], (13, 30), (16, 0)),
                rule(place, [3], (12, 0), (13, 30), monthly=-1, note="Shared lunch."),
                rule(place, [2], (19, 0), (21, 0), interval=2),
            ]
        if place.kind == PlaceKind.HUIS_VAN_DE_BUURT:
            return [
                rule(place, [3], (10, 0), (16, 0)),
                rule(place, [1], (9, 30), (12, 0)),
                rule(place, [3], (12, 0), (13, 30), monthly=-1, note="Shared lunch."),
                rule(place, [4], (14, 0), (16, 0)),
            ]
        if place.kind == PlaceKind.AREA_TEAM:
            day = rng.randint(0, 4)
            return [
                rule(place, [day], (9, 0), (12, 0), monthly=rng.choice((1, 2, 3, 4, -1))),
                rule(place, [day], (13, 0), (15, 0), monthly=rng.choice((1, 2, 3, 4, -1))),
                rule(place, [rng.randint(0, 4)], (18, 30), (20, 0), monthly=rng.choice((1, 3))),
            ]
        days = sorted(rng.sample(range(6), rng.choice((1, 2, 3))))
        return [
            rule(place, days, (10, 0), (12, 0)),
            rule(place, [rng.randint(0, 4)], (14, 0), (16, 30), interval=2),
            rule(place, [rng.randint(0, 5)], (10, 0), (12, 0), monthly=rng.choice((1, 2, 3, -1))),
        ]

    per_place = total / len(places)
    by_place = []
    for place in places:
        pool = patterns(place)
        # Vary the number a place has around the average, but always at least one.
        want = max(1, min(len(pool), round(rng.gauss(per_place, 0.8))))
        by_place.append(pool[:want])
    # Trim or top up to the exact total, with the simplest rule: one weekly evening.
    count = sum(len(own) for own in by_place)
    while count > total:
        own = rng.choice(by_place)
        if len(own) > 1:
            own.pop()
            count -= 1
    while count < total:
        own = rng.choice(by_place)
        own.append(rule(own[0].place, [rng.randint(0, 4)], (19, 0), (21, 0)))
        count += 1
    return [each for own in by_place for each in own]


def count_occurrences(start: date, days: int = 365) -> int:
    """Opening occurrences in the coming year, to show how big the data set really is."""
    from naober.schedules.models import OpeningRule

    end = start + timedelta(days=days - 1)
    return sum(len(r.rule().dates(start, end)) for r in OpeningRule.objects.all())


# --- the URLs --------------------------------------------------------------------------------


def url_lists(args) -> dict[str, list[str]]:
    from naober.places import postcodes
    from naober.places.models import Place

    rng = random.Random(args.seed + 1)
    areas = sorted(
        (a for a in postcodes.areas().values() if a.province in PROVINCES), key=lambda a: a.pc4
    )
    searches = []
    for area in rng.sample(areas, min(300, len(areas))):
        # Most people type four digits; some the whole postcode.
        if rng.random() < 0.25:
            searches.append(f"/?q={area.pc4}+{rng.choice(('AB', 'BE', 'CD', 'KL'))}")
        else:
            searches.append(f"/?q={area.pc4}")
    slugs = list(Place.objects.public().order_by("slug").values_list("slug", flat=True))
    places = [f"/plek/{slug}/" for slug in rng.sample(slugs, min(500, len(slugs)))]
    # The same searches, each URL made unique by a parameter the page ignores, so that the page
    # cache never answers: what every search costs the first time it is asked.
    uncached = [f"{searches[i % len(searches)]}&n={i}" for i in range(40_000)]
    return {
        "bare": ["/bench/bare/"],
        "search-uncached": uncached,
        "search": searches,
        "place": places,
    }


# --- the server and the load ------------------------------------------------------------------


def _children_cpu() -> float:
    """CPU seconds of this script's finished children (wrk, once it has exited)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(args, static_root: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url(args),
        NAOBER_DEBUG="false",
        NAOBER_STATIC_ROOT=str(static_root),
        NAOBER_STATIC_MANIFEST=os.environ.get("NAOBER_STATIC_MANIFEST", "true"),
        PYTHONPATH=str(ROOT),
    )
    return env


def collectstatic(args, static_root: Path) -> bool:
    """Collect static files as production does; False when the hashed manifest cannot be built
    (then the server uses plain file names, and the report says so)."""
    command = [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v", "0"]
    env = server_env(args, static_root)
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode == 0:
        return True
    problem = [line for line in done.stderr.splitlines() if "Error" in line][-1:]
    print(f"WARNING: collectstatic failed ({' '.join(problem).strip()}); using plain static files.")
    env["NAOBER_STATIC_MANIFEST"] = "false"
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return False


def start_gunicorn(args, port: int, static_root: Path, log: Path) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn) if gunicorn.exists() else "gunicorn",
        "naober.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--chdir",
        str(ROOT),
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--log-level",
        "warning",
        "--error-logfile",
        str(log),
        "--backlog",
        "2048",
    ]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads)]
    process = subprocess.Popen(command, cwd=ROOT, env=server_env(args, static_root))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {process.returncode}):\n{_tail(log)}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=2) as r:
                if r.status == 200:
                    return process
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    process.terminate()
    sys.exit(f"gunicorn did not answer within 120 seconds:\n{_tail(log)}")


def _tail(log: Path) -> str:
    return "\n".join(log.read_text().splitlines()[-30:]) if log.exists() else "(no log)"


def check_page(port: int, path: str, page: str) -> dict:
    """One request before the load: is it a real page, and does a search show results?"""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            status, body = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode("utf-8", "replace")
    result = {"path": path, "status": status, "bytes": len(body.encode())}
    if page.startswith("search"):
        result["result_links"] = body.count('href="/plek/')
    return result


def _proc_cpu(pid: str) -> tuple[str, int, float] | None:
    """(command name, parent pid, CPU seconds used) of a process, from /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    name = stat[stat.index("(") + 1 : stat.rindex(")")]
    fields = stat[stat.rindex(")") + 2 :].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return name, int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks


def cpu_by_role(server_pid: int, db_name: str) -> dict[str, dict[int, float]]:
    """CPU seconds used so far by each of gunicorn's processes and by each PostgreSQL backend
    serving our database (other databases on the same server are someone else's)."""
    used: dict[str, dict[int, float]] = {"gunicorn": {}, "postgres": {}}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        found = _proc_cpu(pid)
        if found is None:
            continue
        name, parent, seconds = found
        if int(pid) == server_pid or parent == server_pid:
            used["gunicorn"][int(pid)] = seconds
        elif name.startswith("postgres"):
            try:
                title = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if f" {db_name} " in title:
                used["postgres"][int(pid)] = seconds
    return used


def cpu_used(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds each role used between two cpu_by_role() snapshots."""
    return {
        role: sum(seconds - before[role].get(pid, 0.0) for pid, seconds in after[role].items())
        for role in after
    }


def run_wrk(args, port: int, paths_file: Path, seconds: int) -> dict:
    command = [
        "wrk",
        f"-t{args.wrk_threads}",
        f"-c{args.connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(WRK_SCRIPT),
        f"http://127.0.0.1:{port}",
        "--",
        str(paths_file),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.startswith("BENCH "):
            figures = json.loads(line[len("BENCH ") :])
            figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
            figures["errors"] = sum(v for k, v in figures.items() if k.startswith("errors_"))
            return figures
    sys.exit(f"wrk gave no figures:\n{output}")


def drain(server_pid: int, limit: float = 60) -> None:
    """Wait until gunicorn has finished the requests wrk left behind when it stopped, so they do
    not count against the next run."""
    started = time.monotonic()
    used = sum(cpu_by_role(server_pid, "")["gunicorn"].values())
    while time.monotonic() - started < limit:
        time.sleep(0.5)
        now = sum(cpu_by_role(server_pid, "")["gunicorn"].values())
        if now - used < 0.02:
            return
        used = now


def count_lines(path: Path) -> int:
    return sum(1 for line in path.read_text().splitlines() if line)


def warm_up(args, port: int, paths_file: Path, server_pid: int) -> None:
    """Load until every worker has served a few pages (each loads postcodes, templates and
    caches on its first requests), at least --warmup seconds and at most a minute."""
    if not args.warmup:
        return
    # A cached page is measured once every URL has been asked a few times, so that each worker
    # (each keeps its own cache) has most of them.
    wanted = max(
        10 * args.workers,
        0 if paths_file.stem.endswith("uncached") else 4 * count_lines(paths_file),
    )
    served, started = 0, time.monotonic()
    while served < wanted and time.monotonic() - started < 60:
        served += run_wrk(args, port, paths_file, args.warmup)["requests"]
        drain(server_pid)


def machine() -> dict[str, str]:
    import django

    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass

    def version(command):
        try:
            out = subprocess.run(command, capture_output=True, text=True)
            return (out.stdout or out.stderr).strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    import gunicorn

    return {
        "cpu": f"{cpu}, {os.cpu_count()} cores",
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "gunicorn": gunicorn.__version__,
        "postgresql": version(["psql", "--version"]),
        "wrk": version(["wrk", "--version"]),
    }


def benchmark(args) -> dict:
    from django.db import connections

    lists = url_lists(args)
    print(f"URLs: {len(lists['search'])} postcodes, {len(lists['place'])} places.")
    connections.close_all()
    results: dict = {"pages": {}}
    with tempfile.TemporaryDirectory(prefix="naober-bench-") as tmp:
        tmp_path = Path(tmp)
        static_root = tmp_path / "static"
        manifest = collectstatic(args, static_root)
        if not manifest:
            os.environ["NAOBER_STATIC_MANIFEST"] = "false"
        log = tmp_path / "gunicorn.log"
        port = free_port()
        workers = f"{args.workers} {args.worker_class} workers" + (
            f" × {args.threads} threads" if args.worker_class == "gthread" else ""
        )
        print(f"gunicorn on 127.0.0.1:{port} with {workers}")
        server = start_gunicorn(args, port, static_root, log)
        try:
            for page in args.pages:
                paths_file = tmp_path / f"{page}.txt"
                paths_file.write_text("\n".join(lists[page]) + "\n")
                check = check_page(port, lists[page][0], page)
                print(f"{page}: {check}")
                warm_up(args, port, paths_file, server.pid)
                before, wrk_before = cpu_by_role(server.pid, args.db_name), _children_cpu()
                figures = run_wrk(args, port, paths_file, args.duration)
                after, wrk_after = cpu_by_role(server.pid, args.db_name), _children_cpu()
                drain(server.pid)
                # Where the machine's CPU went during the timed run, in cores busy on average.
                wall = figures["duration_us"] / 1e6
                figures["cores_busy"] = {
                    role: seconds / wall for role, seconds in cpu_used(before, after).items()
                } | {"wrk": (wrk_after - wrk_before) / wall}
                figures["check"] = check
                results["pages"][page] = figures
                busy = ", ".join(f"{k} {v:.2f}" for k, v in figures["cores_busy"].items())
                print(
                    f"{page}: {figures['rps']:.1f} req/s, p50 {figures['p50_us'] / 1000:.1f} ms, "
                    f"p95 {figures['p95_us'] / 1000:.1f} ms, errors {figures['errors']}; "
                    f"cores busy: {busy}"
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        errors = log.read_text() if log.exists() else ""
        if "Traceback" in errors:
            print("gunicorn logged errors:\n" + errors[-4000:])
    results["server"] = workers
    results["static_manifest"] = manifest
    return results


def report(args, results: dict, counts: dict | None) -> str:
    pages = results["pages"]
    bare = pages.get("bare")
    lines = [
        f"Date: {date.today():%Y-%m-%d}",
        "Command: .venv/bin/python bench/guide.py " + " ".join(sys.argv[1:]),
        f"Server: gunicorn, {results['server']}; PostgreSQL on 127.0.0.1; "
        f"wrk -t{args.wrk_threads} -c{args.connections}, {args.warmup} s warm-up, "
        f"{args.duration} s per page",
        f"Load average (1 min) before the run: {results['load_before']:.2f}",
        "Static files: "
        + (
            "hashed manifest from collectstatic, as in production"
            if results["static_manifest"]
            else "plain names (collectstatic could not build the manifest)"
        ),
        "",
        "| page | URL | requests/s | vs bare | p50 ms | p95 ms | p99 ms | errors "
        "| CPU ms per request: gunicorn / PostgreSQL |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    urls = {
        "bare": "/bench/bare/",
        "search-uncached": "/?q=<postcode>&n=<unique>",
        "search": "/?q=<postcode>",
        "place": "/plek/<slug>/",
    }
    for page, f in pages.items():
        share = f"{100 * f['rps'] / bare['rps']:.0f}%" if bare and bare["rps"] else "–"
        lines.append(
            f"| {page} | `{urls[page]}` | {f['rps']:.1f} | {share} | {f['p50_us'] / 1000:.1f} | "
            f"{f['p95_us'] / 1000:.1f} | {f['p99_us'] / 1000:.1f} | {f['errors']} | "
            + " / ".join(
                f"{1000 * f['cores_busy'][role] / f['rps']:.1f}" if f["rps"] else "–"
                for role in ("gunicorn", "postgres")
            )
            + " |"
        )
    search = pages.get("search")
    if search and bare and bare["rps"]:
        share = search["rps"] / bare["rps"]
        p95 = search["p95_us"] / 1000
        met = share >= 0.5 and p95 <= 100 and search["errors"] == 0
        lines += [
            "",
            f"Target (search ≥ 50% of bare, p95 ≤ 100 ms): {'MET' if met else 'NOT MET'} "
            f"({100 * share:.0f}%, p95 {p95:.1f} ms).",
        ]
    if counts:
        lines += ["", "Data: " + ", ".join(f"{v:,} {k}" for k, v in counts.items())]
    return "\n".join(lines)


# --- the profile -----------------------------------------------------------------------------


def profile(args) -> None:
    """Time search and place pages in-process and show where the time goes."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    lists = url_lists(args)
    client = Client()
    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None
    for page in ("bare", "search", "place"):
        paths = lists[page]
        for path in paths[:20]:
            client.get(path)
        n = args.profile_requests
        started, cpu_started = time.perf_counter(), time.process_time()
        queries = sql_ms = 0.0
        for i in range(n):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(paths[i % len(paths)])
            queries += len(captured.captured_queries)
            sql_ms += sum(float(q["time"]) for q in captured.captured_queries) * 1000
        wall_ms = (time.perf_counter() - started) * 1000 / n
        cpu_ms = (time.process_time() - cpu_started) * 1000 / n
        print(
            f"\n== {page}: {wall_ms:.1f} ms a request in-process, {cpu_ms:.1f} ms of it on the "
            f"CPU in Python (status {response.status_code}); {queries / n:.1f} queries taking "
            f"{sql_ms / n:.1f} ms (round trips included)"
        )
        if page == "bare":
            continue
        if Profiler is not None:
            profiler = Profiler(interval=0.0005)
            profiler.start()
            for i in range(n):
                client.get(paths[i % len(paths)])
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False, show_all=False))
        else:
            import cProfile
            import pstats

            prof = cProfile.Profile(time.process_time)
            prof.enable()
            for i in range(n):
                client.get(paths[i % len(paths)])
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(30)


def main(argv=None) -> None:
    args = parse_args(argv)
    check_tools(args)
    started = time.monotonic()
    fresh = prepare_database(args)
    if args.profile:
        # In-process there is no collectstatic: static URLs without the hashed manifest.
        os.environ["NAOBER_STATIC_MANIFEST"] = "false"
    configure_django(args)
    from django.core.management import call_command

    counts = None
    if fresh:
        print(f"Building the data set in {args.db_name} ...")
        call_command("migrate", verbosity=0)
        t = time.monotonic()
        counts = build_data(args)
        counts["openings in the coming year"] = count_occurrences(date.today())
        print(f"Built in {time.monotonic() - t:.1f} s: {counts}")
    if args.profile:
        profile(args)
        return
    load = os.getloadavg()[0]
    if load > 0.5:
        print(
            f"WARNING: the machine is busy (load average {load:.1f} over the last minute): "
            "the figures will be lower than on a quiet machine."
        )
    results = benchmark(args)
    results["load_before"] = load
    results["machine"] = machine()
    results["data"] = counts
    text = report(args, results, counts)
    print("\nMachine: " + "; ".join(f"{k} {v}" for k, v in results["machine"].items()))
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))
    print(f"\n(whole run {time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
