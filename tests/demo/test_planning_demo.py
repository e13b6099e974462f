"""The demo's network planning: residents per postcode area for the seven demo municipalities,
Noordenveld's invented candidate buildings and needs surveys, and its policy maker's login; a
reload adds nothing twice."""

import pytest
import time_machine
from django.contrib.auth import get_user_model

from naober.accounts import access
from naober.accounts.constants import Role
from naober.accounts.models import Membership
from naober.demo import data
from naober.demo.load import load_planning
from naober.places.constants import ThemeCode
from naober.planning.constants import (
    AreaKind,
    DatasetKind,
    Horizon,
    Transport,
    WantedActivity,
)
from naober.planning.models import Area, CandidateBuilding, Dataset, DemandPoint, Survey

from .conftest import DEMO_PASSWORD, LOADED_AT, LOADED_ON


@pytest.fixture
def planning(demo):
    with time_machine.travel(LOADED_AT, tick=False):
        return load_planning(DEMO_PASSWORD, today=LOADED_ON)


def test_residents_of_the_seven_demo_municipalities_come_from_cbs(planning):
    dataset = Dataset.objects.get(kind=DatasetKind.DEMAND)
    assert dataset.source == "Bron: CBS, PDOK (CC BY 4.0)"
    municipalities = Area.objects.filter(kind=AreaKind.MUNICIPALITY)
    assert sorted(municipalities.values_list("code", flat=True)) == sorted(
        m["cbs_code"] for m in data.MUNICIPALITIES
    )
    noordenveld = municipalities.get(code="GM1699")
    # CBS's figures of 1 January 2021 for Noordenveld's 22 postcode areas.
    assert DemandPoint.objects.filter(municipality=noordenveld).count() == 22
    assert noordenveld.population == 31215
    assert planning.demand_points == dataset.points.count()


def test_noordenveld_has_invented_candidate_buildings_in_its_villages(planning):
    candidates = CandidateBuilding.objects.filter(municipality__slug="noordenveld")
    assert candidates.count() == planning.candidates == len(data.PLANNING_CANDIDATES["noordenveld"])
    assert len({c.town for c in candidates}) >= 8
    assert candidates.filter(kitchen=True).exists()
    assert len({c.kind for c in candidates}) >= 5
    for building in candidates:
        assert building.notes.startswith("Invented:"), building
        assert building.is_active
    # Near the CBS point of its postcode area, inside Noordenveld.
    assert all(53.0 < c.latitude < 53.2 and 6.3 < c.longitude < 6.6 for c in candidates)


def test_each_larger_village_has_a_survey_with_anonymous_answers(planning):
    surveys = Survey.objects.filter(municipality__slug="noordenveld")
    assert sorted(s.slug for s in surveys) == sorted(
        "noordenveld-" + row["village"].lower() for row in data.PLANNING_SURVEYS
    )
    for survey in surveys:
        answers = list(survey.responses.all())
        assert 5 <= len(answers) <= 15, survey
        for answer in answers:
            assert set(answer.themes) <= set(ThemeCode.values)
            assert set(answer.activities) <= set(WantedActivity.values)
            assert answer.horizon in Horizon.values
            assert answer.transport in Transport.values
            assert answer.submitted_on < LOADED_ON
    assert planning.answers == sum(row["answers"] for row in data.PLANNING_SURVEYS)


def test_the_policy_maker_plans_for_noordenveld_with_the_demo_password(planning):
    user = get_user_model().objects.get(username="beleid-noordenveld")

    assert user.check_password(DEMO_PASSWORD)
    assert not user.is_staff
    assert [
        (m.role, m.organisation.name, m.municipality.slug)
        for m in Membership.objects.filter(user=user)
    ] == [(Role.POLICY, "Welzijn in Noordenveld (WiN)", "noordenveld")]
    assert [m.slug for m in access.planning_network(user)] == ["noordenveld"]


def test_loading_again_adds_nothing_twice(planning):
    counts = (
        Dataset.objects.count(),
        DemandPoint.objects.count(),
        CandidateBuilding.objects.count(),
        Survey.objects.count(),
        sum(s.responses.count() for s in Survey.objects.all()),
        Membership.objects.filter(user__username="beleid-noordenveld").count(),
    )

    again = load_planning("een-ander-wachtwoord", today=LOADED_ON)

    assert (
        Dataset.objects.count(),
        DemandPoint.objects.count(),
        CandidateBuilding.objects.count(),
        Survey.objects.count(),
        sum(s.responses.count() for s in Survey.objects.all()),
        Membership.objects.filter(user__username="beleid-noordenveld").count(),
    ) == counts
    assert again.answers == 0
    user = get_user_model().objects.get(username="beleid-noordenveld")
    assert user.check_password("een-ander-wachtwoord")
