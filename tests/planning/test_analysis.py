"""analyse(): how far every resident of a network lives from a place open often enough, per
village, on the toy network of toy_network.py whose distances are known."""

import json
from datetime import datetime
from unittest import mock

import highspy
import pytest
import time_machine
from django.utils import translation

from naober.planning import siting
from naober.planning.analysis import RESULT_KEYS, NoData, analyse, places_for, run_scenario
from naober.planning.constants import DatasetKind, Method
from naober.planning.coverage import MONTHLY, WEEKLY
from naober.planning.models import Dataset, Scenario
from naober.schedules.recurrence import AMSTERDAM

from .toy_network import SOURCE, TODAY, candidate, demand_point, make_network


@pytest.fixture
def network(db):
    return make_network()


def test_openings_per_week_count_the_coming_four_weeks(network):
    rows = {
        row.name: row
        for row in places_for(network.municipality, today=TODAY, min_openings_per_week=WEEKLY)
    }

    # Four Tuesdays from 2 March; one first Wednesday (4 March).
    assert rows["Ontmoetingsplek Norg"].openings_per_week == 1.0
    assert rows["Koffieochtend Peest"].openings_per_week == 0.25
    assert rows["Ontmoetingsplek Norg"].counts
    assert not rows["Koffieochtend Peest"].counts
    assert rows["Koffieochtend Peest"].url == network.peest.get_absolute_url()


def test_each_resident_gets_the_distance_to_the_nearest_weekly_place(network):
    result = analyse(network.municipality, detour=1.0, min_openings_per_week=WEEKLY, today=TODAY)

    distances = {p.code: (round(p.distance_m), p.nearest_place) for p in result.points}
    assert distances == {
        "N1": (300, "Ontmoetingsplek Norg"),
        "N2": (1000, "Ontmoetingsplek Norg"),
        "P1": (5000, "Ontmoetingsplek Norg"),
    }
    assert result.overall.population == 190
    assert result.overall.mean_distance_m == pytest.approx(
        (100 * 300 + 50 * 1000 + 40 * 5000) / 190, abs=0.5
    )
    assert result.overall.share_within == pytest.approx(
        {500: 100 / 190, 1000: 150 / 190, 1500: 150 / 190, 3000: 150 / 190}
    )
    assert result.sources == [SOURCE]


def test_a_village_nobody_can_reach_within_1500_m_is_a_gap_and_comes_first(network):
    result = analyse(network.municipality, detour=1.0, min_openings_per_week=WEEKLY, today=TODAY)

    assert [(a.name, a.places, a.gap) for a in result.areas] == [
        ("Peest", 0, True),
        ("Norg", 1, False),
    ]
    norg = result.areas[1].summary
    assert norg.mean_distance_m == pytest.approx((100 * 300 + 50 * 1000) / 150, abs=0.5)
    assert norg.share_within[500] == pytest.approx(100 / 150)


def test_the_monthly_coffee_morning_counts_with_the_monthly_rule(network):
    result = analyse(network.municipality, detour=1.0, min_openings_per_week=MONTHLY, today=TODAY)

    peest = next(p for p in result.points if p.code == "P1")
    assert (round(peest.distance_m), peest.nearest_place) == (0, "Koffieochtend Peest")
    assert [(a.name, a.places, a.gap) for a in result.areas] == [
        ("Norg", 1, False),
        ("Peest", 1, False),
    ]
    assert result.overall.share_within[500] == pytest.approx(140 / 190)


def test_the_detour_factor_and_the_rule_default_to_the_settings(network, settings):
    settings.NAOBER_PLANNING_DETOUR = 1.5
    settings.NAOBER_PLANNING_MIN_OPENINGS_PER_WEEK = MONTHLY

    result = analyse(network.municipality, today=TODAY)

    assert (result.detour, result.min_openings_per_week) == (1.5, MONTHLY)
    assert {p.code: round(p.distance_m) for p in result.points} == {
        "N1": 450,
        "N2": 1500,
        "P1": 0,
    }


def test_hidden_places_are_left_out(network):
    network.norg.is_public = False
    network.norg.save()

    result = analyse(network.municipality, detour=1.0, min_openings_per_week=MONTHLY, today=TODAY)

    assert [p.name for p in result.places] == ["Koffieochtend Peest"]
    assert {p.nearest_place for p in result.points} == {"Koffieochtend Peest"}


def test_the_most_recent_dataset_is_used(network):
    newer = Dataset.objects.create(kind=DatasetKind.DEMAND, name="Newer", source="Gemeente")
    old_point = network.dataset.points.get(code="N1")
    demand_point(
        newer, "N9", old_point.municipality, old_point.area, old_point.x_rd, old_point.y_rd, 7
    )

    result = analyse(network.municipality, detour=1.0, today=TODAY)

    assert [(p.code, p.population) for p in result.points] == [("N9", 7)]
    assert result.sources == ["Gemeente"]


def test_no_population_data_says_how_to_import_it(network):
    Dataset.objects.all().delete()

    with translation.override("en"), pytest.raises(NoData) as raised:
        analyse(network.municipality, today=TODAY)

    assert str(raised.value) == (
        "No population data for Noordenveld yet: import it with naober planning import demand FILE."
    )


def test_no_place_open_often_enough_says_so(network):
    network.norg.delete()

    with translation.override("en"), pytest.raises(NoData) as raised:
        analyse(network.municipality, min_openings_per_week=WEEKLY, today=TODAY)

    assert str(raised.value) == "No place of this network is open at least once a week."


# --- run_scenario ---------------------------------------------------------------------------
# The toy network plus 30 residents 6,000 m south of Norg's place, with no village. Within
# 1,500 m (detour 1.0) Norg's place reaches N1 and N2 (150 of 220 residents); a sports canteen
# by the Peest building would add P1 (40), a church in the south V1 (30), a school far away
# nobody, and a gym beside Norg's place nobody new.


@pytest.fixture
def sites(network, frozen_today):
    gm = network.villages["Norg"].parent
    x0, y0 = network.origin
    demand_point(network.dataset, "V1", gm, None, x0, y0 - 6000, 30)
    return {
        "peest": candidate(network, "Sportkantine Peest", 5200, 0, town="Peest", kitchen=True),
        "south": candidate(network, "Kerk Zuid", 0, -6100, kind="church", town="Westervelde"),
        "far": candidate(network, "School Ver Weg", 20000, 20000, kind="school"),
        "gym": candidate(network, "Gymzaal Norg", 100, 0),
    }


@pytest.fixture
def frozen_today():
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=AMSTERDAM), tick=False):
        yield


def scenario(network, method=Method.MAXIMAL_COVERING, new_places=1, radius_m=1500, **fields):
    return Scenario.objects.create(
        municipality=network.municipality,
        method=method,
        new_places=new_places,
        radius_m=radius_m,
        detour=fields.pop("detour", 1.0),
        min_openings_per_week=fields.pop("min_openings_per_week", WEEKLY),
        **fields,
    )


def test_one_new_place_goes_where_it_reaches_the_most_residents(network, sites):
    stages = []

    result = run_scenario(scenario(network), progress=lambda p, words: stages.append(p))

    assert set(result) == set(RESULT_KEYS)
    assert [(c["name"], c["newly_covered"]) for c in result["chosen"]] == [
        ("Sportkantine Peest", 40)
    ]
    peest = result["chosen"][0]
    assert (peest["id"], peest["kind"], peest["town"], peest["kitchen"]) == (
        sites["peest"].pk,
        "sports_club",
        "Peest",
        True,
    )
    assert (result["covered_population"], result["total_population"]) == (190, 220)
    assert result["share"] == pytest.approx(190 / 220)
    assert result["before"] == {"covered_population": 150, "share": pytest.approx(150 / 220)}
    assert result["optimal"] is True
    assert result["gap"] is None
    assert result["uncoverable_population"] == 0
    assert result["mean_distance_m"] is None
    assert (result["radius_m"], result["detour"], result["method"]) == (
        1500,
        1.0,
        "maximal_covering",
    )
    assert stages == [10, 30, 60, 100]
    # Plain JSON: what the Scenario row stores.
    assert json.loads(json.dumps(result)) == result


def test_two_new_places_list_the_biggest_gain_first(network, sites):
    result = run_scenario(scenario(network, new_places=2))

    assert [(c["name"], c["newly_covered"]) for c in result["chosen"]] == [
        ("Sportkantine Peest", 40),
        ("Kerk Zuid", 30),
    ]
    assert result["covered_population"] == 220


def test_set_covering_takes_the_fewest_sites_and_names_who_stays_out_of_reach(network, sites):
    sites["south"].is_active = False
    sites["south"].save()

    result = run_scenario(scenario(network, Method.SET_COVERING, new_places=None))

    assert [c["name"] for c in result["chosen"]] == ["Sportkantine Peest"]
    assert result["uncoverable_population"] == 30
    assert result["covered_population"] == 190


def test_p_median_minimises_the_mean_distance_to_old_and_new_places(network, sites):
    result = run_scenario(scenario(network, Method.P_MEDIAN))

    assert [c["name"] for c in result["chosen"]] == ["Sportkantine Peest"]
    # N1 300 and N2 1,000 m from Norg's place, P1 200 m from the canteen, V1 6,000 m from Norg.
    assert result["mean_distance_m"] == pytest.approx(
        (100 * 300 + 50 * 1000 + 40 * 200 + 30 * 6000) / 220, abs=1
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"new_places": 5},
            "You asked for 5 new places, but there are only 4 candidate buildings.",
        ),
        ({"radius_m": 0}, "Give a distance of more than 0 metres."),
        ({"new_places": 0}, "Say how many new places to choose: 1 or more."),
    ],
)
def test_impossible_questions_are_refused_in_words(network, sites, fields, message):
    with translation.override("en"), pytest.raises(ValueError) as raised:
        run_scenario(scenario(network, **fields))

    assert str(raised.value) == message


def test_a_network_without_candidate_buildings_is_told_to_add_some(network, frozen_today):
    with translation.override("en"), pytest.raises(ValueError) as raised:
        run_scenario(scenario(network))

    assert "no candidate buildings yet" in str(raised.value)


def test_when_the_exact_solver_finds_nothing_in_time_the_greedy_answer_says_its_gap(network, sites):
    out_of_time = siting._Result(highspy.HighsModelStatus.kTimeLimit, None, None, None)

    with mock.patch.object(siting, "_solve", return_value=out_of_time):
        result = run_scenario(scenario(network))

    assert [c["name"] for c in result["chosen"]] == ["Sportkantine Peest"]
    assert (result["method"], result["optimal"]) == ("greedy", False)
    # Bound: everyone the candidates could reach, 220; the greedy answer reaches 190.
    assert result["gap"] == pytest.approx(30 / 220)
