"""`naober planning import` and `naober planning site`, as an analyst runs them."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from naober.planning.models import Area, CandidateBuilding, Dataset, DemandPoint


@pytest.fixture(autouse=True)
def english():
    """These tests read the analyst's messages in English (the source text); one test in
    test_planning_command.py reads them in Dutch, as the command prints them by default."""
    with translation.override("en"):
        yield


DATA = Path(__file__).parent / "data"

# Three hamlets on a line near Roden (RD New): a and b 1 km apart, c 10 km away.
DEMAND = "id,x_rd,y_rd,population\na,220000,570000,10\nb,221000,570000,20\nc,230000,570000,5\n"
# A lies between a and b; B next to c.
CANDIDATES = "id,x_rd,y_rd\nA,220500,570000\nB,230000,570100\n"


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def site(tmp_path, *args, demand=DEMAND, candidates=CANDIDATES) -> dict:
    out, err = StringIO(), StringIO()
    call_command(
        "planning",
        "site",
        "--demand",
        write(tmp_path, "demand.csv", demand),
        "--candidates",
        write(tmp_path, "candidates.csv", candidates),
        *args,
        stdout=out,
        stderr=err,
    )
    return json.loads(out.getvalue())


def site_error(tmp_path, *args, **files) -> str:
    with pytest.raises(CommandError) as caught:
        site(tmp_path, *args, **files)
    return str(caught.value)


# --- site -----------------------------------------------------------------------------------


def test_one_new_place_goes_where_most_people_live(tmp_path):
    answer = site(tmp_path, "--radius", "1000", "--new", "1", "--detour", "1.0")

    assert answer["chosen"] == ["A"]
    assert answer["covered_population"] == 30
    assert answer["total_population"] == 35
    assert answer["share"] == pytest.approx(30 / 35, abs=1e-6)
    assert answer["optimal"] is True
    assert answer["gap"] == 0.0
    assert answer["method"] == "maximal_covering"
    assert (answer["radius_m"], answer["detour"]) == (1000.0, 1.0)


def test_an_existing_place_sends_the_new_one_elsewhere(tmp_path):
    fixed = write(tmp_path, "fixed.csv", "id,x_rd,y_rd\nbuurtkamer,220400,570000\n")

    answer = site(tmp_path, "--radius", "1000", "--new", "1", "--detour", "1.0", "--fixed", fixed)

    assert answer["chosen"] == ["B"]
    assert answer["covered_population"] == 35
    assert answer["share"] == 1.0


def test_the_detour_factor_shrinks_the_reach(tmp_path):
    # 500 m straight line is 650 m over the road with 1.3: out of reach of 600 m.
    answer = site(tmp_path, "--radius", "600", "--new", "1", "--detour", "1.3")

    assert answer["covered_population"] == 5
    assert answer["chosen"] == ["B"]


def test_set_covering_reports_who_cannot_be_reached(tmp_path):
    demand = DEMAND + "d,200000,570000,7\n"

    answer = site(
        tmp_path,
        "--radius",
        "1000",
        "--detour",
        "1.0",
        "--method",
        "set_covering",
        demand=demand,
    )

    assert sorted(answer["chosen"]) == ["A", "B"]
    assert answer["uncoverable_population"] == 7
    assert answer["covered_population"] == 35
    assert answer["optimal"] is True


def test_p_median_picks_the_place_nearest_to_most_people(tmp_path):
    answer = site(tmp_path, "--radius", "1000", "--new", "1", "--method", "p_median")

    assert answer["chosen"] == ["A"]
    # a and b are 500 m from A, c 9.5 km: (10*500 + 20*500 + 5*9500) / 35, times the detour.
    assert answer["mean_distance_m"] == pytest.approx((15000 + 47500) / 35 * 1.3, abs=1.0)


def test_lon_lat_files_are_accepted(tmp_path):
    demand = "id,lon,lat,population\na,6.4308,53.1361,100\nb,6.30,53.00,1\n"
    candidates = "id,lon,lat\nhuis,6.4310,53.1360\nver,6.20,52.90\n"

    answer = site(tmp_path, "--radius", "500", "--new", "1", demand=demand, candidates=candidates)

    assert answer["chosen"] == ["huis"]
    assert answer["covered_population"] == 100


@pytest.mark.parametrize(
    ("args", "files", "words"),
    [
        (("--radius", "1000", "--new", "3"), {}, "--new 3 is more than the 2 candidates"),
        (("--radius", "0", "--new", "1"), {}, "radius must be more than 0 metres"),
        (("--radius", "-50", "--new", "1"), {}, "radius must be more than 0 metres"),
        (("--radius", "1000", "--new", "0"), {}, "--new must be at least 1"),
        (
            (
                "--radius",
                "1000",
            ),
            {},
            "how many new places",
        ),
        (
            ("--radius", "1000", "--new", "1"),
            {"candidates": "id,x_rd,y_rd\n"},
            "There are no candidates",
        ),
        (
            ("--radius", "1000", "--new", "1"),
            {"demand": "id,x_rd,y_rd,inwoners\na,220000,570000,10\na,221000,570000,5\n"},
            "demand.csv, line 3: The id a appears twice in the file: first on line 2.",
        ),
        (
            ("--radius", "1000", "--new", "1"),
            {"demand": "id,x_rd,y_rd\na,220000,570000\n"},
            "demand.csv, line 1: Missing columns: population",
        ),
        (
            ("--radius", "1000", "--new", "1"),
            {"candidates": "id,lon,lat\nA,53.13,6.43\n"},
            "candidates.csv, line 2: Longitude and latitude seem to be swapped",
        ),
        (
            ("--radius", "1000", "--new", "1"),
            {"candidates": "id,x,y\nA,220500,570000\n"},
            "coordinate system is not stated",
        ),
    ],
)
def test_bad_input_gives_a_clear_message(tmp_path, args, files, words):
    assert words in site_error(tmp_path, *args, **files)


# --- import ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_import_demand_shows_progress_and_a_summary():
    out, err = StringIO(), StringIO()

    call_command(
        "planning",
        "import",
        "demand",
        str(DATA / "demand_noordenveld.csv"),
        "--name",
        "Noordenveld 2021",
        "--source",
        "Bron: CBS",
        "--municipality",
        "GM1699",
        stdout=out,
        stderr=err,
    )

    assert "\r6 / 6 rows" in err.getvalue()
    assert "1 row without coordinates was left out: line 6." in err.getvalue()
    assert "Imported 4 rows from" in out.getvalue()
    assert '"Noordenveld 2021"' in out.getvalue()
    dataset = Dataset.objects.get()
    assert (dataset.name, dataset.source, dataset.rows) == ("Noordenveld 2021", "Bron: CBS", 4)


@pytest.mark.django_db
def test_a_bad_line_stops_the_import_with_file_and_line(tmp_path):
    path = write(
        tmp_path,
        "bad.csv",
        "id,x_rd,y_rd,population\na,224838.3,572653.2,10\nb,572300.9,222997.8,20\n",
    )

    with pytest.raises(CommandError) as caught:
        call_command("planning", "import", "demand", path, stdout=StringIO(), stderr=StringIO())

    assert str(caught.value).startswith(f"{path}, line 3: x and y seem to be swapped")
    assert not Dataset.objects.exists()
    assert not Area.objects.exists()
    assert not DemandPoint.objects.exists()


@pytest.mark.django_db
def test_the_command_names_the_bad_line_in_dutch_by_default(tmp_path):
    path = write(
        tmp_path,
        "fout.csv",
        "id,x_rd,y_rd,population\na,224838.3,572653.2,10\nb,572300.9,222997.8,20\n",
    )

    with translation.override("nl"), pytest.raises(CommandError) as caught:
        call_command("planning", "import", "demand", path, stdout=StringIO(), stderr=StringIO())

    assert str(caught.value).startswith(f"{path}, regel 3: x en y lijken verwisseld")
    assert not DemandPoint.objects.exists()


@pytest.mark.django_db
def test_import_areas_needs_to_know_what_the_areas_are():
    with pytest.raises(CommandError, match="--area-kind"):
        call_command("planning", "import", "areas", str(DATA / "gemeenten.geojson"))

    call_command(
        "planning",
        "import",
        "areas",
        str(DATA / "gemeenten.geojson"),
        "--area-kind",
        "municipality",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert set(Area.objects.values_list("code", flat=True)) == {"GM1699", "GM0118"}


@pytest.mark.django_db
def test_import_candidates_for_a_network(borger_odoorn):
    path = str(DATA / "candidates_noordenveld.csv")
    with pytest.raises(CommandError, match="No network assen. Known: borger-odoorn"):
        call_command("planning", "import", "candidates", path, "--network", "assen")

    call_command(
        "planning",
        "import",
        "candidates",
        path,
        "--network",
        "borger-odoorn",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert CandidateBuilding.objects.filter(municipality=borger_odoorn).count() == 3
