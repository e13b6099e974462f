"""The policy maker's planning pages: who may see them, the coverage figures and their settings,
asking for a scenario and following it, the exports and the printable report.

The network is the toy Noordenveld of toy_network.py (Norg's weekly place; Peest's monthly
coffee morning, which does not count once a week), with the clock on Monday 2 March 2026. At
the default detour factor 1.3 Norg's residents live 390 m and 1,300 m from the Norg place and
Peest's 40 residents 6,500 m: 150 of 190 residents (79 %) live within 1,500 m."""

import csv
import io
import json
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from naober.accounts.constants import Role
from naober.places.constants import OrganisationKind
from naober.places.models import Municipality, Organisation
from naober.planning.constants import BuildingKind, Method, ScenarioStatus
from naober.planning.models import Scenario, Survey, SurveyResponse
from naober.schedules.recurrence import AMSTERDAM
from tests.activities.background import run_worker
from tests.staff import login, make_staff

from .toy_network import TODAY, candidate, done_scenario, make_network

HEADLINE = "79 % of residents live within 1,500 m of a place open at least once a week."


@pytest.fixture
def network(db):
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=AMSTERDAM), tick=True):
        yield make_network()


@pytest.fixture
def policy_maker(network):
    """Bea, policy maker at the municipality of Noordenveld."""
    gemeente = Organisation.objects.create(
        name="Gemeente Noordenveld", kind=OrganisationKind.MUNICIPALITY
    )
    return make_staff(
        "beleid-noordenveld", gemeente, Role.POLICY, municipality=network.municipality
    )


@pytest.fixture
def bea(client, policy_maker):
    return login(client, policy_maker)


@pytest.fixture
def sports_club(network):
    """A sports club in Peest, 5,000 m east of Norg: reaches Peest's 40 residents."""
    return candidate(
        network,
        "Sportpark Peest",
        5000,
        100,
        town="Peest",
        kind=BuildingKind.SPORTS_CLUB,
        kitchen=True,
        step_free_entrance=True,
        capacity=60,
        available="Weekday mornings",
    )


def url(name, network, **kwargs):
    """The page's English address."""
    with translation.override("en"):
        return reverse(f"planning:{name}", kwargs={"slug": network.municipality.slug, **kwargs})


def en(name):
    with translation.override("en"):
        return reverse(name)


# Who may see the pages.


def test_anonymous_visitors_are_sent_to_the_login(client, network):
    response = client.get(url("overview", network))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_a_coordinator_of_another_network_finds_nothing(client, network, coordinator_andes):
    login(client, coordinator_andes)
    scenario = done_scenario(network)

    for name, kwargs in [
        ("overview", {}),
        ("buildings", {}),
        ("report", {}),
        ("scenario_new", {}),
        ("scenario", {"pk": scenario.pk}),
        ("scenario_progress", {"pk": scenario.pk}),
        ("export_demand", {"fmt": "csv"}),
        ("export_scenario", {"pk": scenario.pk, "fmt": "csv"}),
    ]:
        assert client.get(url(name, network, **kwargs)).status_code == 404, name


def test_a_host_has_no_planning_pages(client, network, host_nieuw_buinen):
    login(client, host_nieuw_buinen)

    assert client.get(en("planning:index")).status_code == 403
    assert client.get(url("overview", network)).status_code == 404


def test_a_scenario_of_another_network_is_not_found_in_this_one(bea, network, borger_odoorn):
    other = Scenario.objects.create(
        municipality=borger_odoorn, method=Method.SET_COVERING, radius_m=1500
    )

    assert bea.get(url("scenario", network, pk=other.pk)).status_code == 404


def test_the_coordinator_of_the_network_sees_its_planning(client, network):
    win = Organisation.objects.get(name="WiN")
    coordinator = make_staff(
        "coordinator-win", win, Role.COORDINATOR, municipality=network.municipality
    )
    login(client, coordinator)

    assert client.get(url("overview", network)).status_code == 200


def test_with_one_network_the_index_goes_straight_to_it(bea, network):
    response = bea.get(en("planning:index"))

    assert response.status_code == 302
    assert response["Location"] == url("overview", network)


def test_with_two_networks_the_index_lists_both(bea, network, policy_maker, borger_odoorn):
    policy_maker.memberships.create(
        organisation=Organisation.objects.get(name="WiN"),
        role=Role.POLICY,
        municipality=borger_odoorn,
    )

    response = bea.get(en("planning:index"))

    assert response.status_code == 200
    assert b'href="/en/planning/noordenveld/"' in response.content
    assert b'href="/en/planning/borger-odoorn/"' in response.content


def test_the_staff_home_page_links_to_network_planning(bea, network):
    response = bea.get(en("accounts:home"))

    assert b'href="/en/planning/noordenveld/"' in response.content
    assert "Network planning Noordenveld" in response.content.decode()


# The overview.


def test_the_overview_says_how_many_residents_live_near_a_place(bea, network):
    response = bea.get(url("overview", network))

    page = response.content.decode()
    assert response.status_code == 200
    assert HEADLINE in page
    assert "Bron: CBS, PDOK (CC BY 4.0)" in page
    # Peest is the gap, in words.
    assert "Gap: no place near enough" in page
    gaps = page[page.index('id="gaps-title"') : page.index('id="figures-title"')]
    assert "Peest" in gaps and "Norg" not in gaps
    # The places and whether they count: the monthly coffee morning does not.
    places = page[page.index('id="places"') :]
    assert "Koffieochtend Peest" in places
    assert "No: not open often enough" in places
    # The map's data island and the table beside it.
    assert 'id="planning-map-data"' in page
    assert "The tables on this page hold the same figures" in page


def test_the_map_data_holds_the_points_shaded_by_distance_band(bea, network, sports_club):
    response = bea.get(url("overview", network))

    data = json.loads(
        response.content.decode()
        .split('id="planning-map-data" type="application/json">')[1]
        .split("</script>")[0]
    )
    bands = sorted(point["band"] for point in data["points"])
    # 390 m (within 500), 1,300 m (1,000-1,500), 6,500 m (beyond 3 km).
    assert bands == [0, 2, 4]
    assert [c["label"] for c in data["candidates"]] == ["Sportpark Peest (Peest)"]
    assert {p["label"]: p["counts"] for p in data["places"]} == {
        "Ontmoetingsplek Norg": True,
        "Koffieochtend Peest": False,
    }


def test_counting_monthly_places_closes_the_gap(bea, network):
    response = bea.get(url("overview", network), {"open": "monthly", "detour": "1.3"})

    page = response.content.decode()
    assert "100 % of residents live within 1,500 m of a place open at least once a month." in page
    assert "Gap: no place near enough" not in page
    # The exports give the same figures as the page.
    assert "inwoners.csv?detour=1.3&amp;open=monthly" in page


@pytest.mark.parametrize(
    "asked",
    [{"detour": "9"}, {"detour": "far"}, {"open": "yearly"}, {"detour": "0.5", "open": "x"}],
)
def test_bad_settings_get_a_message_and_the_defaults(bea, network, asked):
    response = bea.get(url("overview", network), asked)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Some settings were not valid: the default is used for those." in page
    assert HEADLINE in page
    assert 'aria-invalid="true"' in page


def test_a_dutch_decimal_comma_is_read(bea, network):
    response = bea.get(url("overview", network), {"detour": "1,0"})

    page = response.content.decode()
    assert "not valid" not in page
    assert "Distances are straight lines times a detour factor of 1.0." in page


def test_without_residents_the_page_says_what_to_import(bea, network):
    network.dataset.delete()

    response = bea.get(url("overview", network))

    page = response.content.decode()
    assert response.status_code == 200
    assert "No population data for Noordenveld yet" in page
    assert "naober planning import demand FILE" in page
    assert 'id="planning-map"' not in page


def test_the_survey_answers_stand_beside_the_village(bea, network):
    survey = Survey.objects.create(municipality=network.municipality, village="Peest", slug="peest")
    for horizon in ("3", "3", "10"):
        SurveyResponse.objects.create(
            survey=survey,
            submitted_on=TODAY,
            themes=["loneliness"],
            activities=["meal"],
            horizon=horizon,
            transport="bicycle",
        )

    page = bea.get(url("overview", network)).content.decode()

    assert '<a href="#survey-peest">3 answers' in page
    results = page[page.index('id="survey-peest"') :]
    assert "Eating together: 3" in results
    assert "In about 3 years: 2" in results


# The buildings inventory.


def test_the_buildings_page_lists_the_candidates_with_what_they_offer(bea, network, sports_club):
    candidate(network, "Oude school", 200, 0, kind=BuildingKind.SCHOOL, is_active=False)

    response = bea.get(url("buildings", network))

    page = response.content.decode()
    assert response.status_code == 200
    row = page[page.index("Sportpark Peest") :].split("</tr>")[0]
    for words in ("Sports club", "Peest", "Step-free entrance", "No accessible toilet", "60"):
        assert words in row
    assert "Weekday mornings" in row
    assert "1 building is still a candidate" in page
    assert "No longer" in page[page.index("Oude school") :].split("</tr>")[0]


# Scenarios.


def test_a_scenario_asked_for_runs_in_the_background(
    bea, network, sports_club, policy_maker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = bea.post(
            url("scenario_new", network),
            {
                "name": "Peest",
                "method": Method.MAXIMAL_COVERING,
                "new_places": "1",
                "radius_m": "1500",
                "detour": "1.3",
                "open": "weekly",
            },
        )

    scenario = Scenario.objects.get()
    assert response.status_code == 303
    assert response["Location"] == url("scenario", network, pk=scenario.pk)
    assert (scenario.status, scenario.new_places, scenario.radius_m) == ("queued", 1, 1500)
    assert scenario.created_by == policy_maker
    waiting = bea.get(response["Location"]).content.decode()
    assert "Waiting for its turn" in waiting
    assert '<progress id="scenario-progress" max="100" value="0">' in waiting
    assert 'http-equiv="refresh"' not in waiting

    run_worker()

    progress = bea.get(url("scenario_progress", network, pk=scenario.pk)).json()
    assert progress["done"] is True
    assert (progress["status"], progress["progress"]) == ("done", 100)
    page = bea.get(response["Location"]).content.decode()
    assert "Sportpark Peest" in page
    assert "Proven best:" in page
    assert "40 more residents of 190 are reached." in page


def test_the_progress_answers_in_json_while_it_runs(bea, network):
    scenario = Scenario.objects.create(
        municipality=network.municipality,
        method=Method.MAXIMAL_COVERING,
        new_places=1,
        radius_m=1500,
        status=ScenarioStatus.RUNNING,
        progress=30,
        message="Measuring distances",
    )

    answer = bea.get(url("scenario_progress", network, pk=scenario.pk)).json()

    assert answer == {
        "status": "running",
        "status_label": "Running",
        "progress": 30,
        "message": "Measuring distances",
        "done": False,
    }
    page = bea.get(url("scenario", network, pk=scenario.pk)).content.decode()
    assert "Check again" in page
    assert "30 % done" in page


def test_a_failed_scenario_says_why(bea, network):
    scenario = Scenario.objects.create(
        municipality=network.municipality,
        method=Method.MAXIMAL_COVERING,
        new_places=1,
        radius_m=1500,
        status=ScenarioStatus.FAILED,
        message="This network has no candidate buildings yet.",
    )

    page = bea.get(url("scenario", network, pk=scenario.pk)).content.decode()

    assert "The calculation did not succeed" in page
    assert "This network has no candidate buildings yet." in page


def post_scenario(client, network, **values):
    data = {
        "method": Method.MAXIMAL_COVERING,
        "new_places": "1",
        "radius_m": "1500",
        "detour": "1.3",
        "open": "weekly",
        **values,
    }
    return client.post(url("scenario_new", network), data)


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        (
            {"new_places": "2"},
            "new_places",
            "This network has 1 candidate building: choose at most 1 new place.",
        ),
        ({"radius_m": "0"}, "radius_m", "The distance must be at least 100 m."),
        ({"radius_m": "20000"}, "radius_m", "The distance can be at most 10000 m."),
        ({"new_places": ""}, "new_places", "Give how many new places to choose"),
        ({"detour": "0.8"}, "detour", "The detour factor is a number from 1 to 3"),
        ({"method": "best"}, "method", "Choose one of the questions in the list."),
    ],
)
def test_bad_scenario_input_writes_nothing_and_keeps_the_answers(
    bea, network, sports_club, values, field, message
):
    response = post_scenario(bea, network, name="Mijn vraag", **values)

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert f'aria-invalid="true" aria-describedby="id_{field}' in page or (
        f'id="id_{field}_error"' in page
    )
    assert 'value="Mijn vraag"' in page
    assert not Scenario.objects.exists()


def test_without_candidate_buildings_no_scenario_can_be_asked(bea, network):
    response = post_scenario(bea, network)

    assert response.status_code == 400
    assert "This network has no candidate buildings yet" in response.content.decode()
    assert not Scenario.objects.exists()


def test_the_fewest_places_needs_no_number(
    bea, network, sports_club, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_scenario(bea, network, method=Method.SET_COVERING, new_places="")

    assert response.status_code == 303
    assert Scenario.objects.get().new_places is None


# Exports.


def test_the_residents_export_as_csv(bea, network):
    response = bea.get(url("export_demand", network, fmt="csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"] == 'attachment; filename="naober-noordenveld-inwoners.csv"'
    )
    text = response.content.decode("utf-8-sig")
    codes = [row[0] for row in csv.reader(io.StringIO(text))]
    assert {"N1", "N2", "P1"} <= set(codes)


def test_the_residents_export_as_geojson(bea, network):
    response = bea.get(url("export_demand", network, fmt="geojson"))

    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"].endswith(
        'filename="naober-noordenveld-inwoners.geojson"'
    )
    assert response.json()["type"] == "FeatureCollection"


def test_an_export_in_another_format_is_not_found(bea, network):
    assert bea.get(url("export_demand", network, fmt="xlsx")).status_code == 404


def test_a_scenario_exports_only_when_done(bea, network):
    scenario = done_scenario(network)
    running = Scenario.objects.create(
        municipality=network.municipality,
        method=Method.SET_COVERING,
        radius_m=1500,
        status=ScenarioStatus.RUNNING,
    )

    response = bea.get(url("export_scenario", network, pk=scenario.pk, fmt="csv"))
    geojson = bea.get(url("export_scenario", network, pk=scenario.pk, fmt="geojson"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="naober-noordenveld-scenario-{scenario.pk}.csv"'
    )
    assert "Sportpark Peest" in response.content.decode("utf-8-sig")
    assert geojson["Content-Type"] == "application/geo+json"
    assert bea.get(url("export_scenario", network, pk=running.pk, fmt="csv")).status_code == 404
    assert bea.get(url("export_scenario", network, pk=scenario.pk, fmt="pdf")).status_code == 404


# The report.


def test_the_report_holds_the_figures_gaps_surveys_and_scenarios(bea, network):
    done_scenario(network)
    Survey.objects.create(municipality=network.municipality, village="Norg", slug="norg")

    response = bea.get(url("report", network))

    page = response.content.decode()
    assert response.status_code == 200
    assert HEADLINE in page
    assert "Report of 2 March 2026" in page
    assert 'id="report-figures"' in page
    assert "Peest" in page[page.index('id="gaps-title"') : page.index('id="figures-title"')]
    assert 'id="survey-norg"' in page
    assert "Peest gets a place" in page and "Proven best:" in page
    assert "Bron: CBS, PDOK (CC BY 4.0)" in page
    assert "planning/planning.css" in page


def test_pages_are_never_stored_by_the_browser(bea, network):
    response = bea.get(url("overview", network))

    assert "no-store" in response["Cache-Control"]


def test_the_overview_of_a_network_nobody_plans_is_not_found(bea, network):
    Municipality.objects.create(name="Tynaarlo", slug="tynaarlo")

    assert bea.get("/en/planning/tynaarlo/").status_code == 404
