"""A scenario runs in the background: the policy maker asks, the scenario waits in the queue, the
worker runs it, saving its stage as it goes, and leaves it done with its answer or failed with a
message that says why; never one stuck "running"."""

from datetime import datetime
from unittest import mock

import pytest
import time_machine
from django.utils import translation

from naober.accounts.constants import Role
from naober.places.constants import OrganisationKind
from naober.places.models import Organisation
from naober.planning import siting, tasks
from naober.planning.constants import Method, ScenarioStatus
from naober.planning.models import Scenario
from naober.schedules.recurrence import AMSTERDAM
from tests.activities.background import run_worker
from tests.staff import make_staff

from .toy_network import candidate, make_network


@pytest.fixture
def network(db):
    with time_machine.travel(datetime(2026, 3, 2, 10, tzinfo=AMSTERDAM), tick=True):
        yield make_network()


@pytest.fixture
def policy_maker(network):
    municipality = Organisation.objects.create(
        name="Gemeente Noordenveld", kind=OrganisationKind.MUNICIPALITY
    )
    return make_staff(
        "beleid-noordenveld", municipality, Role.POLICY, municipality=network.municipality
    )


@pytest.fixture
def ask(django_capture_on_commit_callbacks, network, policy_maker):
    """Ask for a scenario as the policy maker's page does, then let the worker run."""

    def ask(**options) -> Scenario:
        values = {
            "method": Method.MAXIMAL_COVERING,
            "new_places": 1,
            "radius_m": 1500,
            "detour": 1.0,
            "min_openings_per_week": 1.0,
            **options,
        }
        with django_capture_on_commit_callbacks(execute=True):
            scenario = tasks.start_scenario(
                network.municipality, name="Peest", by=policy_maker, **values
            )
        assert Scenario.objects.get(pk=scenario.pk).status == ScenarioStatus.QUEUED
        run_worker()
        scenario.refresh_from_db()
        return scenario

    return ask


def test_a_scenario_is_run_in_the_background_and_keeps_its_answer(network, policy_maker, ask):
    candidate(network, "Sportkantine Peest", 5200, 0, town="Peest")
    seen = []
    solve = siting.maximal_covering

    def watched(*args, **kwargs):
        # What the policy maker's page would read while the solver works.
        seen.append(Scenario.objects.values_list("status", "progress").get())
        return solve(*args, **kwargs)

    with mock.patch.object(siting, "maximal_covering", watched):
        scenario = ask()

    assert seen == [(ScenarioStatus.RUNNING, 60)]
    assert scenario.status == ScenarioStatus.DONE
    assert scenario.progress == 100
    assert scenario.message == ""
    assert scenario.finished_at is not None
    assert scenario.created_by == policy_maker
    assert scenario.name == "Peest"
    assert [(c["name"], c["newly_covered"]) for c in scenario.result["chosen"]] == [
        ("Sportkantine Peest", 40)
    ]
    assert scenario.result["covered_population"] == 190


def test_a_question_that_cannot_be_answered_fails_with_its_reason(network, ask):
    candidate(network, "Sportkantine Peest", 5200, 0, town="Peest")

    with translation.override("en"):
        scenario = ask(new_places=3)

    assert scenario.status == ScenarioStatus.FAILED
    assert scenario.message == (
        "You asked for 3 new places, but there is only 1 candidate building."
    )
    assert scenario.result is None
    assert scenario.finished_at is not None


def test_a_network_without_population_data_fails_with_how_to_import_it(network, ask):
    candidate(network, "Sportkantine Peest", 5200, 0, town="Peest")
    network.dataset.delete()

    with translation.override("en"):
        scenario = ask()

    assert scenario.status == ScenarioStatus.FAILED
    assert scenario.message.startswith("No population data for Noordenveld yet")


def test_an_unexpected_error_fails_the_scenario_instead_of_leaving_it_running(network, ask):
    candidate(network, "Sportkantine Peest", 5200, 0, town="Peest")

    with (
        mock.patch.object(siting, "maximal_covering", side_effect=RuntimeError("boom")),
        translation.override("en"),
    ):
        scenario = ask()

    assert scenario.status == ScenarioStatus.FAILED
    assert "Something went wrong while running the scenario" in scenario.message
    assert "boom" not in scenario.message


def test_a_scenario_already_taken_is_not_run_twice(network, ask):
    candidate(network, "Sportkantine Peest", 5200, 0, town="Peest")
    scenario = ask()
    finished = scenario.finished_at

    assert tasks.run_scenario_task.call(scenario.pk) == ""

    scenario.refresh_from_db()
    assert (scenario.status, scenario.finished_at) == (ScenarioStatus.DONE, finished)
