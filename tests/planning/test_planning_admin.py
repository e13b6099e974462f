"""Planning in the admin: imported data to look at, buildings and surveys kept per network."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from naober.accounts.constants import Role
from naober.places.constants import OrganisationKind
from naober.places.models import Organisation
from naober.planning.models import (
    Area,
    CandidateBuilding,
    Dataset,
    DemandPoint,
    Scenario,
    Survey,
    SurveyResponse,
)
from tests.admin.browser import errors_next_to, form_data
from tests.staff import login, make_staff

# What a coordinator needs to keep the network's buildings and surveys (the demo's
# COORDINATOR_ADMIN_MODELS would list these).
PLANNING_RIGHTS = [
    ("candidatebuilding", ("view", "add", "change", "delete")),
    ("survey", ("view", "add", "change", "delete")),
    ("surveyresponse", ("view", "delete")),
    ("scenario", ("view",)),
]


def url(name: str, *args) -> str:
    with translation.override("nl"):
        return reverse(f"admin:planning_{name}", args=args)


def with_planning_rights(user):
    user.is_staff = True
    user.save()
    codenames = [f"{right}_{model}" for model, rights in PLANNING_RIGHTS for right in rights]
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="planning", codename__in=codenames)
    )
    return user


@pytest.fixture
def carla(client, coordinator_andes):
    """Coordinator of Borger-Odoorn, with the planning rights in the admin."""
    return login(client, with_planning_rights(coordinator_andes))


@pytest.fixture
def hoogeveen_coordinator(client, hoogeveen):
    org = Organisation.objects.create(name="Stichting Hoogeveen", kind=OrganisationKind.WELFARE)
    user = make_staff("coordinator-hoogeveen", org, Role.COORDINATOR, municipality=hoogeveen)
    return login(client, with_planning_rights(user))


@pytest.fixture
def admin_client_(client, superuser):
    return login(client, superuser)


@pytest.fixture
def survey(borger_odoorn):
    found = Survey.objects.create(
        municipality=borger_odoorn, village="Nieuw-Buinen", slug="nieuw-buinen"
    )
    for horizon in ("now", "3"):
        SurveyResponse.objects.create(
            survey=found,
            submitted_on=date(2026, 12, 1),
            themes=["money"],
            horizon=horizon,
            transport="walk",
        )
    return found


@pytest.fixture
def church(borger_odoorn):
    return CandidateBuilding.objects.create(
        municipality=borger_odoorn,
        name="Kerk Buinen",
        kind="church",
        town="Buinen",
        latitude=52.93,
        longitude=6.86,
        kitchen=True,
    )


@pytest.fixture
def imported(db):
    """A small imported dataset: one municipality, two villages, three demand points."""
    dataset = Dataset.objects.create(kind="demand", name="Postcodes Drenthe", rows=3)
    municipality = Area.objects.create(
        dataset=dataset, kind="municipality", code="GM1681", name="Borger-Odoorn"
    )
    for i, village in enumerate(("Buinen", "Exloo")):
        area = Area.objects.create(
            dataset=dataset,
            kind="village",
            code=f"GM1681:{village}",
            name=village,
            parent=municipality,
        )
        DemandPoint.objects.create(
            dataset=dataset,
            code=f"952{i}",
            municipality=municipality,
            area=area,
            x_rd=250000,
            y_rd=550000,
            latitude=52.9,
            longitude=6.9,
            population=800,
        )
    DemandPoint.objects.create(
        dataset=dataset,
        code="9530",
        municipality=municipality,
        x_rd=250000,
        y_rd=551000,
        latitude=52.91,
        longitude=6.9,
        population=400,
    )
    return dataset


def test_every_planning_page_renders_for_a_superuser(admin_client_, survey, church, imported):
    scenario = Scenario.objects.create(
        municipality=survey.municipality, method="maximal_covering", new_places=2, radius_m=1500
    )
    answer = survey.responses.first()
    pages = [
        url(f"{model}_changelist")
        for model in (
            "dataset",
            "area",
            "demandpoint",
            "candidatebuilding",
            "scenario",
            "survey",
            "surveyresponse",
        )
    ]
    pages += [
        url("candidatebuilding_add"),
        url("survey_add"),
        url("dataset_change", imported.pk),
        url("area_change", Area.objects.first().pk),
        url("demandpoint_change", DemandPoint.objects.first().pk),
        url("candidatebuilding_change", church.pk),
        url("scenario_change", scenario.pk),
        url("survey_change", survey.pk),
        url("surveyresponse_change", answer.pk),
        url("dataset_delete", imported.pk),
    ]
    for page in pages:
        assert admin_client_.get(page).status_code == 200, page
    # Areas are found by name or code and filtered by kind.
    found = admin_client_.get(url("area_changelist"), {"q": "GM1681:Exl", "kind__exact": "village"})
    assert "Exloo" in found.content.decode() and "Buinen</" not in found.content.decode()


def test_imported_rows_and_answers_cannot_be_added_or_changed(admin_client_, survey, imported):
    for model in ("dataset", "area", "demandpoint", "scenario", "surveyresponse"):
        assert admin_client_.get(url(f"{model}_add")).status_code == 403
    answer = survey.responses.first()
    page = admin_client_.get(url("surveyresponse_change", answer.pk)).content.decode()
    assert 'name="_save"' not in page
    assert "Money and debt" in page or "Geld" in page
    page = admin_client_.get(url("area_change", Area.objects.first().pk)).content.decode()
    assert 'name="_save"' not in page


def test_deleting_a_dataset_says_how_many_rows_go_with_it(admin_client_, imported):
    page = admin_client_.get(url("dataset_delete", imported.pk)).content.decode()
    # 3 areas and 3 demand points, counted, not listed one by one.
    with translation.override("nl"):
        for model in (Area, DemandPoint):
            assert f"<li>{capfirst(model._meta.verbose_name_plural)}: 3</li>" in page
    assert "Postcodes Drenthe" in page
    assert "9521" not in page
    response = admin_client_.post(url("dataset_delete", imported.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Area.objects.exists() and not DemandPoint.objects.exists()


def test_the_survey_list_shows_answers_and_the_public_page(carla, survey):
    page = carla.get(url("survey_changelist")).content.decode()
    assert "Nieuw-Buinen" in page
    assert f'href="{url("surveyresponse_changelist")}?survey__id__exact={survey.pk}">2</a>' in page
    assert 'href="/enquete/nieuw-buinen/"' in page


def test_a_coordinator_sees_their_own_network_only(
    hoogeveen_coordinator, survey, church, hoogeveen
):
    Survey.objects.create(municipality=hoogeveen, village="Elim", slug="elim")
    client = hoogeveen_coordinator
    surveys_page = client.get(url("survey_changelist")).content.decode()
    assert "Elim" in surveys_page and "Nieuw-Buinen" not in surveys_page
    assert "Kerk Buinen" not in client.get(url("candidatebuilding_changelist")).content.decode()
    assert "Nieuw-Buinen" not in client.get(url("surveyresponse_changelist")).content.decode()
    # Opening another network's row by its address finds nothing.
    for page in (
        url("survey_change", survey.pk),
        url("candidatebuilding_change", church.pk),
        url("surveyresponse_change", survey.responses.first().pk),
    ):
        response = client.get(page)
        assert response.status_code == 302
        with translation.override("nl"):
            assert response["Location"] == reverse("admin:index")
    assert client.post(url("survey_delete", survey.pk), {"post": "yes"}).status_code == 302
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_a_coordinator_enters_a_building_by_hand_for_their_network(carla, borger_odoorn, hoogeveen):
    data = form_data(carla.get(url("candidatebuilding_add")), "candidatebuilding_form")
    # One network: chosen already, and the only one to choose.
    assert data["municipality"] == [str(borger_odoorn.pk)]
    data.update(
        name=["Sporthal De Boerhoorn"],
        kind=["sports_club"],
        street_address=["Boerhoorn 1"],
        town=["Exloo"],
        latitude=["52.8813"],
        longitude=["6.8651"],
        step_free_entrance=["on"],
        kitchen=["on"],
        capacity=["60"],
    )
    response = carla.post(url("candidatebuilding_add"), data)
    assert response.status_code == 302
    building = CandidateBuilding.objects.get()
    assert building.municipality == borger_odoorn
    assert building.kitchen and building.step_free_entrance and not building.parking
    assert building.x_rd > 200_000
    # Another network cannot be chosen.
    data["municipality"] = [str(hoogeveen.pk)]
    data["name"] = ["Elders"]
    response = carla.post(url("candidatebuilding_add"), data)
    assert response.status_code == 200
    assert errors_next_to(response, "municipality")
    assert CandidateBuilding.objects.count() == 1


def test_a_building_outside_the_country_is_refused_in_words(carla, borger_odoorn):
    data = form_data(carla.get(url("candidatebuilding_add")), "candidatebuilding_form")
    data.update(
        name=["Ergens"], kind=["church"], town=["Exloo"], latitude=["6.86"], longitude=["52.93"]
    )
    response = carla.post(url("candidatebuilding_add"), data)
    assert response.status_code == 200
    assert errors_next_to(response, "latitude") or errors_next_to(response, "longitude")
    assert not CandidateBuilding.objects.exists()


def test_a_policy_maker_with_admin_rights_keeps_their_own_networks_surveys(
    client, borger_odoorn, survey, hoogeveen
):
    org = Organisation.objects.create(
        name="Gemeente Borger-Odoorn", kind=OrganisationKind.MUNICIPALITY
    )
    policy = make_staff("beleid-bo", org, Role.POLICY, municipality=borger_odoorn)
    login(client, with_planning_rights(policy))
    Survey.objects.create(municipality=hoogeveen, village="Elim", slug="elim")
    page = client.get(url("survey_changelist")).content.decode()
    assert "Nieuw-Buinen" in page and "Elim" not in page
