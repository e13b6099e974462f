"""The planning figures as CSV and GeoJSON: they read back with the same numbers as the analysis,
say where the data comes from, and a name that looks like a formula stays text."""

import csv
import io
import json

import pytest

from naober.planning import exports
from naober.planning.analysis import analyse, run_scenario
from naober.planning.constants import Method, ScenarioStatus
from naober.planning.models import Scenario

from .toy_network import SOURCE, TODAY, candidate, make_network


@pytest.fixture
def network(db):
    return make_network()


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_demand_csv_reads_back_with_the_analysis_figures(network):
    analysis = analyse(network.municipality, detour=1.0, min_openings_per_week=1.0, today=TODAY)

    found = rows(exports.demand_csv(analysis))

    assert list(found[0]) == exports.DEMAND_COLUMNS
    assert [
        (
            r["code"],
            r["area"],
            int(r["population"]),
            int(r["distance_m"]),
            r["nearest_place"],
            r["within_500"],
            r["within_1000"],
            r["within_1500"],
            r["within_3000"],
        )
        for r in found
    ] == [
        ("N1", "Norg", 100, 300, "Ontmoetingsplek Norg", "1", "1", "1", "1"),
        ("N2", "Norg", 50, 1000, "Ontmoetingsplek Norg", "0", "1", "1", "1"),
        ("P1", "Peest", 40, 5000, "Ontmoetingsplek Norg", "0", "0", "0", "0"),
    ]
    assert {r["source"] for r in found} == {SOURCE}
    point = analysis.points[0]
    assert (float(found[0]["latitude"]), float(found[0]["longitude"])) == (
        point.latitude,
        point.longitude,
    )
    # The share within 1,000 m from the file is the analysis's.
    within = sum(int(r["population"]) for r in found if r["within_1000"] == "1")
    assert within / sum(int(r["population"]) for r in found) == pytest.approx(
        analysis.overall.share_within[1000]
    )


def test_the_demand_geojson_has_points_places_and_the_attribution(network):
    analysis = analyse(network.municipality, detour=1.0, min_openings_per_week=1.0, today=TODAY)

    found = json.loads(json.dumps(exports.demand_geojson(analysis)))

    assert found["type"] == "FeatureCollection"
    assert found["attribution"] == SOURCE
    demand = [f for f in found["features"] if f["properties"]["kind"] == "demand"]
    places = [f for f in found["features"] if f["properties"]["kind"] == "place"]
    assert [(f["properties"]["code"], f["properties"]["distance_m"]) for f in demand] == [
        ("N1", 300),
        ("N2", 1000),
        ("P1", 5000),
    ]
    assert demand[0]["geometry"]["coordinates"] == [
        analysis.points[0].longitude,
        analysis.points[0].latitude,
    ]
    assert sorted((f["properties"]["name"], f["properties"]["counts"]) for f in places) == [
        ("Koffieochtend Peest", False),
        ("Ontmoetingsplek Norg", True),
    ]


def test_a_name_that_starts_like_a_formula_stays_text(network):
    network.norg.name = '=HYPERLINK("http://evil.example")'
    network.norg.save()
    analysis = analyse(network.municipality, detour=1.0, min_openings_per_week=1.0, today=TODAY)

    found = rows(exports.demand_csv(analysis))

    assert {r["nearest_place"] for r in found} == {'\'=HYPERLINK("http://evil.example")'}
    assert exports.safe_cell("-1") == "'-1"
    assert exports.safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert exports.safe_cell(-1) == -1
    assert exports.safe_cell("Norg") == "Norg"


@pytest.fixture
def done(network, time_machine):
    time_machine.move_to("2026-03-02 10:00 +01:00")
    candidate(network, "Sportkantine Peest", 5200, 0, town="Peest", kitchen=True)
    candidate(network, "+31 Kerk", 0, -6100, kind="church", town="Westervelde")
    scenario = Scenario.objects.create(
        municipality=network.municipality,
        method=Method.MAXIMAL_COVERING,
        new_places=2,
        radius_m=1500,
        detour=1.0,
        min_openings_per_week=1.0,
    )
    scenario.result = run_scenario(scenario)
    scenario.status = ScenarioStatus.DONE
    scenario.save()
    return scenario


def test_the_scenario_csv_lists_the_chosen_sites_with_what_they_add(done):
    found = rows(exports.scenario_csv(done))

    assert list(found[0]) == exports.SCENARIO_COLUMNS
    assert [(r["name"], r["town"], int(r["newly_covered"]), r["kitchen"]) for r in found] == [
        ("Sportkantine Peest", "Peest", 40, "1"),
        ("'+31 Kerk", "Westervelde", 0, "0"),
    ]
    assert {r["source"] for r in found} == {SOURCE}


def test_the_scenario_geojson_has_the_sites_and_the_figures(done):
    found = json.loads(json.dumps(exports.scenario_geojson(done)))

    assert found["attribution"] == SOURCE
    assert found["scenario"]["covered_population"] == done.result["covered_population"] == 190
    assert [f["properties"]["name"] for f in found["features"]] == [
        "Sportkantine Peest",
        "+31 Kerk",
    ]
    site = done.result["chosen"][0]
    assert found["features"][0]["geometry"]["coordinates"] == [site["longitude"], site["latitude"]]
