"""Importing residents, areas and candidate buildings from CSV, GeoJSON and GeoPackage files."""

import csv
import json
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from django.utils import translation

from naober.places.models import Municipality
from naober.planning import importing
from naober.planning.constants import AreaKind, BuildingKind
from naober.planning.models import Area, CandidateBuilding, Dataset, DemandPoint


@pytest.fixture(autouse=True)
def english():
    """These tests read the analyst's messages in English (the source text); one test in
    test_planning_command.py reads them in Dutch, as the command prints them by default."""
    with translation.override("en"):
        yield


DATA = Path(__file__).parent / "data"
PC4 = Path(__file__).resolve().parents[2] / "naober/places/data/pc4_nl_population_centroids.csv"

pytestmark = pytest.mark.django_db


def write(tmp_path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def nothing_written() -> bool:
    return (
        Dataset.objects.count() == 0
        and Area.objects.count() == 0
        and DemandPoint.objects.count() == 0
        and CandidateBuilding.objects.count() == 0
    )


def problem_of(call, *args, **kwargs) -> importing.ImportProblem:
    with pytest.raises(importing.ImportProblem) as caught:
        call(*args, **kwargs)
    assert nothing_written()
    return caught.value


# --- the real PC4 file ----------------------------------------------------------------------


def pc4_rows(municipality: str) -> list[dict]:
    with PC4.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["gemeente"] == municipality]


def test_noordenveld_from_the_pc4_file_has_every_postcode_and_resident():
    rows = pc4_rows("Noordenveld")
    total = sum(int(float(row["inwoners"])) for row in rows if row["inwoners"])
    calls = []

    result = importing.import_demand(
        PC4,
        name="PC4 2021",
        source="Bron: CBS, PDOK (CC BY 4.0)",
        municipalities={"Noordenveld"},
        progress=lambda done, of: calls.append((done, of)),
    )

    assert result.dataset.rows == DemandPoint.objects.count() == len(rows) == 22
    assert sum(DemandPoint.objects.values_list("population", flat=True)) == total
    municipality = Area.objects.get(kind=AreaKind.MUNICIPALITY)
    assert municipality.name == "Noordenveld"
    assert municipality.population == total
    roden = Area.objects.get(kind=AreaKind.VILLAGE, name="Roden")
    assert roden.parent == municipality
    assert roden.population == sum(
        int(float(row["inwoners"])) for row in rows if row["plaats"] == "Roden"
    )
    point = DemandPoint.objects.get(code="9301")
    assert (point.x_rd, point.y_rd) == (224838.3, 572653.2)
    assert point.latitude == pytest.approx(53.136076, abs=1e-5)
    assert point.longitude == pytest.approx(6.430766, abs=1e-5)
    assert calls[-1] == (4068, 4068)
    assert len(calls) >= 5


def test_a_cbs_code_finds_a_name_only_file_through_the_network():
    noordenveld = Municipality.objects.create(
        name="Noordenveld", slug="noordenveld", cbs_code="GM1699"
    )

    result = importing.import_demand(PC4, municipalities={"GM1699"})

    area = importing.municipality_area(noordenveld)
    assert area.code == "GM1699"
    assert result.dataset.rows == DemandPoint.objects.filter(municipality=area).count() == 22


def test_a_name_only_municipality_is_found_by_name():
    importing.import_demand(PC4, municipalities={"Noordenveld"})
    network = Municipality(name="Noordenveld", slug="noordenveld", cbs_code="GM1699")

    area = importing.municipality_area(network)

    assert area.code == "name:Noordenveld"
    assert importing.municipality_area(Municipality(name="Assen", slug="assen")) is None


def test_rows_without_coordinates_or_population_are_left_out_and_counted():
    with PC4.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    no_xy = [row for row in rows if not row["x_rd"]]
    no_population = [row for row in rows if row["x_rd"] and not row["inwoners"]]

    result = importing.import_demand(PC4)

    # PC4 5028 has no geometry (nor population); eight more have no population figure.
    assert [row["pc4"] for row in no_xy] == ["5028"]
    assert len(no_population) == 8
    assert result.skipped == 9
    assert result.dataset.rows == len(rows) - 9 == DemandPoint.objects.count()
    assert result.warnings[0] == "1 row without coordinates was left out: line 1709."
    assert result.warnings[1].startswith("8 rows without a population figure were left out")
    assert not DemandPoint.objects.filter(code="5028").exists()


# --- demand from a small CSV ----------------------------------------------------------------


def test_demand_csv_with_codes_villages_and_age_groups():
    result = importing.import_demand(DATA / "demand_noordenveld.csv", name="Noordenveld")

    assert sorted(DemandPoint.objects.values_list("code", flat=True)) == [
        "9301",
        "9302",
        "9304",
        "9311",
    ]
    assert result.warnings == [
        "1 row without coordinates was left out: line 6.",
        "1 row without a population figure was left out: line 7.",
    ]
    municipality = Area.objects.get(kind=AreaKind.MUNICIPALITY)
    assert municipality.code == "GM1699"
    assert municipality.population == 11265 + 3390 + 235 + 4200
    assert sorted(Area.objects.filter(parent=municipality).values_list("code", flat=True)) == [
        "GM1699:Lieveren",
        "GM1699:Nietap",
        "GM1699:Roden",
    ]
    roden = DemandPoint.objects.get(code="9301")
    assert roden.area.code == "GM1699:Roden"
    assert (roden.aged_0_14, roden.aged_65_plus) == (1600, 2765)
    assert DemandPoint.objects.get(code="9304").aged_0_14 is None


def test_importing_the_same_file_again_reuses_the_areas():
    importing.import_demand(DATA / "demand_noordenveld.csv")
    areas = Area.objects.count()

    importing.import_demand(DATA / "demand_noordenveld.csv")

    assert Dataset.objects.count() == 2
    assert Area.objects.count() == areas
    assert DemandPoint.objects.count() == 8


def test_municipality_filter_keeps_only_that_municipality(tmp_path):
    path = write(
        tmp_path,
        "two.csv",
        "id,lon,lat,population,gemeentecode\na,6.43,53.13,10,GM1699\nb,6.48,52.72,20,GM0118\n",
    )

    result = importing.import_demand(path, municipalities={"GM0118"})

    assert list(DemandPoint.objects.values_list("code", flat=True)) == ["b"]
    assert result.dataset.crs == "EPSG:4326"


def test_semicolons_and_decimal_commas_as_a_dutch_spreadsheet_saves_them(tmp_path):
    path = write(
        tmp_path, "nl.csv", "Code;X_RD;Y_RD;Aantal_inwoners\n9301;224838,3;572653,2;11265\n"
    )

    importing.import_demand(path)

    point = DemandPoint.objects.get()
    assert (point.code, point.x_rd, point.population) == ("9301", 224838.3, 11265)


def test_plain_x_y_columns_need_a_stated_coordinate_system(tmp_path):
    path = write(tmp_path, "xy.csv", "id,x,y,population\na,224838.3,572653.2,10\n")

    problem = problem_of(importing.import_demand, path)
    assert "coordinate system is not stated" in problem.message

    importing.import_demand(path, crs="EPSG:28992")
    assert DemandPoint.objects.get().latitude == pytest.approx(53.136, abs=1e-3)


# --- bad input stops the import, nothing written --------------------------------------------

GOOD = "a,224838.3,572653.2,10\nb,222997.8,572300.9,20\n"


@pytest.mark.parametrize(
    ("header", "bad_row", "words"),
    [
        ("id,x_rd,y_rd,population", "c,572300.9,222997.8,5", "x and y seem to be swapped"),
        ("id,x_rd,y_rd,population", "c,400000,700000,5", "outside the Netherlands"),
        ("id,lon,lat,population", "c,53.13,6.43,5", "seem to be swapped"),
        ("id,lon,lat,population", "c,8.5,52.0,5", "outside the Netherlands"),
        ("id,x_rd,y_rd,population", "c,224000,572000,-5", "must not be negative"),
        ("id,x_rd,y_rd,population", "c,224000,572000,veel", "'veel' is not a number"),
        ("id,x_rd,y_rd,population", "c,224000,572000,2.5", "must be a whole number"),
        ("id,x_rd,y_rd,population", "c,224000,noord,5", "'noord' is not a number"),
        (
            "id,x_rd,y_rd,population",
            "a,224000,572000,5",
            "appears twice in the file: first on line 2",
        ),
        ("id,x_rd,y_rd,population", ",224000,572000,5", "The id is empty"),
    ],
)
def test_a_bad_row_stops_the_import_at_its_line(tmp_path, header, bad_row, words):
    if header.startswith("id,lon"):
        good = "a,6.43,53.13,10\nb,6.40,53.13,20\n"
    else:
        good = GOOD
    path = write(tmp_path, "bad.csv", f"{header}\n{good}{bad_row}\nd,224000,572000,5\n")

    problem = problem_of(importing.import_demand, path)

    assert problem.line == 4
    assert words in problem.message


def test_missing_columns_are_named_with_the_columns_found(tmp_path):
    path = write(tmp_path, "cols.csv", "code,x_rd,y_rd,people\na,224838.3,572653.2,10\n")

    problem = problem_of(importing.import_demand, path)

    assert problem.line == 1
    assert "population / inwoners" in problem.message
    assert "The file has: code, x_rd, y_rd, people." in problem.message


def test_a_file_without_coordinates_names_the_columns_it_needs(tmp_path):
    path = write(tmp_path, "nocoords.csv", "id,population\na,10\n")

    problem = problem_of(importing.import_demand, path)

    assert "x_rd and y_rd" in problem.message and "lon and lat" in problem.message


def test_a_failure_while_writing_leaves_nothing_behind(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DemandPoint.objects, "bulk_create", broken)

    with pytest.raises(RuntimeError):
        importing.import_demand(DATA / "demand_noordenveld.csv")

    assert nothing_written()


def test_a_filter_that_matches_nothing_says_so():
    problem = problem_of(
        importing.import_demand, DATA / "demand_noordenveld.csv", municipalities={"GM0118"}
    )

    assert "No rows for GM0118" in problem.message


# --- GeoJSON and GeoPackage -----------------------------------------------------------------


def test_municipality_outlines_from_geojson():
    result = importing.import_areas(DATA / "gemeenten.geojson", kind=AreaKind.MUNICIPALITY)

    assert result.dataset.rows == 2
    noordenveld = Area.objects.get(code="GM1699")
    assert (noordenveld.name, noordenveld.population) == ("Noordenveld", 31686)
    assert noordenveld.geometry["type"] == "Polygon"
    assert noordenveld.geometry["coordinates"][0][0] == [6.4, 53.1]
    assert Area.objects.get(code="GM0118").geometry["coordinates"]


def test_areas_are_reused_by_a_later_demand_import():
    importing.import_areas(DATA / "gemeenten.geojson", kind=AreaKind.MUNICIPALITY)

    importing.import_demand(DATA / "demand_noordenveld.csv")

    assert Area.objects.filter(kind=AreaKind.MUNICIPALITY).count() == 2
    assert DemandPoint.objects.filter(municipality__code="GM1699").count() == 4


def test_a_duplicate_area_stops_the_import(tmp_path):
    text = (DATA / "gemeenten.geojson").read_text().replace("GM0118", "GM1699")
    path = write(tmp_path, "twice.geojson", text)

    problem = problem_of(importing.import_areas, path, kind=AreaKind.MUNICIPALITY)

    assert problem.line == 2
    assert "GM1699 appears twice" in problem.message


def test_swapped_coordinates_in_geojson_name_the_feature(tmp_path):
    path = tmp_path / "swapped.geojson"
    data = json.loads((DATA / "gemeenten.geojson").read_text())
    # Hoogeveen's square, written latitude first.
    ring = data["features"][1]["geometry"]["coordinates"][0][0]
    data["features"][1]["geometry"]["coordinates"][0][0] = [[y, x] for x, y in ring]
    path.write_text(json.dumps(data))

    problem = problem_of(importing.import_areas, path, kind=AreaKind.MUNICIPALITY)

    assert problem.line == 2
    assert "swapped" in problem.message


def postcode_polygons(tmp_path, crs="EPSG:28992") -> Path:
    """A GeoPackage of two postcode areas around Roden in RD New, one without population."""
    squares = [
        shapely.box(224000, 572000, 225000, 573000),
        shapely.box(222000, 571500, 223500, 573000),
    ]
    path = tmp_path / "pc4.gpkg"
    pyogrio.raw.write(
        path,
        shapely.to_wkb(np.array(squares, dtype=object)),
        [
            np.array(["9301", "9302"], dtype=object),
            np.array([11265, 3390]),
            np.array(["Roden", "Roden"], dtype=object),
            np.array(["Noordenveld"] * 2, dtype=object),
        ],
        ["pc4", "inwoners", "plaats", "gemeente"],
        crs=crs,
        driver="GPKG",
        geometry_type="Polygon",
    )
    return path


def test_geopackage_polygons_become_demand_points_inside_them(tmp_path):
    path = postcode_polygons(tmp_path)

    importing.import_demand(path)

    point = DemandPoint.objects.get(code="9301")
    assert 224000 < point.x_rd < 225000 and 572000 < point.y_rd < 573000
    assert point.population == 11265
    assert point.area.code == "name:Noordenveld:Roden"
    assert DemandPoint.objects.get(code="9302").population == 3390


def test_geopackage_postcode_outlines_in_wgs84(tmp_path):
    importing.import_areas(postcode_polygons(tmp_path), kind=AreaKind.POSTCODE)

    area = Area.objects.get(kind=AreaKind.POSTCODE, code="9301")
    assert area.name == "9301 Roden"
    lon, lat = area.geometry["coordinates"][0][0]
    assert 6.4 < lon < 6.5 and 53.1 < lat < 53.2
    assert lon == round(lon, 5)
    assert area.parent.name == "Noordenveld"


@pytest.mark.filterwarnings("ignore:.crs. was not provided")
def test_a_geopackage_without_coordinate_system_needs_one(tmp_path):
    path = postcode_polygons(tmp_path, crs=None)

    problem = problem_of(importing.import_demand, path)
    assert "coordinate system is not stated" in problem.message

    importing.import_demand(path, crs="EPSG:28992")
    assert DemandPoint.objects.count() == 2


# --- candidate buildings --------------------------------------------------------------------


def test_candidate_buildings_with_dutch_kinds_and_yes_no(borger_odoorn):
    result = importing.import_candidates(DATA / "candidates_noordenveld.csv", borger_odoorn)

    assert result.dataset.rows == 3
    hoek = CandidateBuilding.objects.get(code="k1")
    assert hoek.kind == BuildingKind.COMMUNITY_CENTRE
    assert (hoek.step_free_entrance, hoek.kitchen, hoek.parking) == (True, True, False)
    assert hoek.capacity == 60
    assert hoek.x_rd == pytest.approx(224838, abs=50)
    kantine = CandidateBuilding.objects.get(code="k2")
    assert (kantine.kind, kantine.kitchen, kantine.notes) == (
        BuildingKind.SPORTS_CLUB,
        True,
        "evenings taken",
    )
    assert CandidateBuilding.objects.get(code="k3").capacity is None


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (
            "k9,Kroeg,cafe,Roden,,6.43,53.13,ja",
            "The kind 'cafe' is not known. Allowed: community_centre",
        ),
        ("k9,Kerk,kerk,Roden,,6.43,53.13,misschien", "'misschien' is not yes or no"),
        ("k9,Kerk,kerk,Roden,,,,ja", "no coordinates"),
        ("k1,Kerk,kerk,Roden,,6.43,53.13,ja", "appears twice"),
    ],
)
def test_a_bad_building_stops_the_import_at_its_line(tmp_path, borger_odoorn, row, words):
    path = write(
        tmp_path,
        "bad.csv",
        "id,name,kind,town,street_address,lon,lat,kitchen\n"
        "k1,Dorpshuis,buurthuis,Roden,,6.43,53.13,ja\n"
        f"{row}\n",
    )

    with pytest.raises(importing.ImportProblem) as caught:
        importing.import_candidates(path, borger_odoorn)

    assert caught.value.line == 3
    assert words in caught.value.message
    assert not CandidateBuilding.objects.exists() and not Dataset.objects.exists()


# --- point files without the database -------------------------------------------------------


def test_read_points_gives_rd_coordinates_from_lon_lat(tmp_path):
    path = write(tmp_path, "p.csv", "id,lon,lat,population\na,6.430766,53.136076,10\n")

    points = importing.read_points(path, population=True)

    assert points.ids == ["a"]
    assert points.xy[0] == pytest.approx([224838.3, 572653.2], abs=1.0)
    assert points.population.tolist() == [10.0]


def test_missing_columns_in_geojson_name_no_line(tmp_path):
    text = (DATA / "gemeenten.geojson").read_text().replace('"aantal_inwoners"', '"mensen"')
    text = text.replace('"gemeentecode"', '"gm"').replace('"gemeentenaam"', '"naam_"')
    path = write(tmp_path, "cols.geojson", text)

    problem = problem_of(importing.import_demand, path)

    assert problem.line is None
    assert "Missing columns: id / code" in problem.message
    assert "The file has: gm, naam_, mensen." in problem.message


def test_cbs_namesakes_are_matched_without_their_province(tmp_path):
    Area.objects.create(kind=AreaKind.MUNICIPALITY, code="GM0164", name="Hengelo (O.)")
    path = write(
        tmp_path, "h.csv", "pc4,x_rd,y_rd,inwoners,gemeente\n7551,250000,475000,100,Hengelo\n"
    )

    importing.import_demand(path, municipalities={"GM0164"})

    assert DemandPoint.objects.get().municipality.code == "GM0164"
