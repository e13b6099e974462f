"""The planning pages' browser tests use the guide's browser fixtures (Chromium, a page per test,
axe, a page logged in as someone) and the toy Noordenveld network (tests/planning/
toy_network.py) with a sports club in Peest as candidate building. The clock stands on Monday
2 March 2026, for the live server too."""

from datetime import datetime

import pytest
import time_machine
from django.test import Client

from naober.accounts.constants import Role
from naober.places.constants import OrganisationKind
from naober.places.models import Organisation
from naober.planning.constants import BuildingKind
from naober.schedules.recurrence import AMSTERDAM
from tests.browser.conftest import (  # noqa: F401  (fixtures)
    assert_accessible,
    axe,
    browser,
    new_page,
    page,
    page_as,
)
from tests.planning.toy_network import candidate, make_network
from tests.staff import login, make_staff

NOW = datetime(2026, 3, 2, 10, tzinfo=AMSTERDAM)


@pytest.fixture
def live_network(django_db_serialized_rollback):
    """Live-server tests empty the database afterwards; the serialized rollback brings back the
    rows the migrations made (the question themes) before the next one."""
    with time_machine.travel(NOW, tick=True):
        network = make_network()
        candidate(
            network,
            "Sportpark Peest",
            5000,
            100,
            town="Peest",
            kind=BuildingKind.SPORTS_CLUB,
            kitchen=True,
            step_free_entrance=True,
            capacity=60,
        )
        yield network


@pytest.fixture
def policy_maker(live_network):
    """Bea, policy maker at the municipality of Noordenveld."""
    gemeente = Organisation.objects.create(
        name="Gemeente Noordenveld", kind=OrganisationKind.MUNICIPALITY
    )
    return make_staff(
        "beleid-noordenveld", gemeente, Role.POLICY, municipality=live_network.municipality
    )


@pytest.fixture
def planner(page_as, policy_maker):  # noqa: F811  (the fixture imported above)
    """A page logged in as Bea. The first answer of a fresh live server loads the templates and
    the calculation modules, which takes longer than a locator's wait on a busy machine: the
    overview is asked once before the browser opens it."""
    client = login(Client(), policy_maker)
    assert client.get("/en/planning/noordenveld/").status_code == 200

    def make(javascript: bool = True):
        return page_as(policy_maker, javascript=javascript)

    return make
