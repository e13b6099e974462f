"""The roster's people, needs and shares in the admin: a coordinator keeps their own network's,
and the admin refuses in words what the roster could not use."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from naober.rosters.models import (
    Absence,
    Assignment,
    Person,
    Roster,
    RosterPolicy,
    Share,
    StaffingNeed,
)
from tests.admin.browser import all_errors, errors_next_to, form_data
from tests.staff import login

from .conftest import make_person

# As the demo gives coordinators (naober/demo/data.py, COORDINATOR_ADMIN_MODELS).
ROSTER_MODELS = [
    "person",
    "availability",
    "absence",
    "staffingneed",
    "share",
    "rosterpolicy",
    "roster",
]


def url(name: str, *args) -> str:
    with translation.override("nl"):
        return reverse(f"admin:rosters_{name}", args=args)


@pytest.fixture
def coordinator(coordinator_andes):
    """Carla, coordinator of Borger-Odoorn, with the admin rights the demo gives coordinators."""
    coordinator_andes.is_staff = True
    coordinator_andes.save()
    coordinator_andes.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="rosters", content_type__model__in=ROSTER_MODELS
        )
    )
    return coordinator_andes


@pytest.fixture
def carla(client, coordinator):
    return login(client, coordinator)


@pytest.fixture
def hoogeveen_person(wolfsbos, hoogeveen):
    return make_person(hoogeveen, "Henk", None, ["hosting"], [(3, "10:00", "16:00")])


def choices(page: str, name: str) -> list[str]:
    """The values a select on the page offers, the empty one left out."""
    select = re.search(rf'<select name="{name}".*?</select>', page, re.DOTALL).group(0)
    return [v for v in re.findall(r'<option value="([^"]*)"', select) if v]


def opened(client, page: str, form_id: str):
    response = client.get(page)
    assert response.status_code == 200
    return form_data(response, form_id)


def test_a_coordinator_adds_a_person_with_skills_and_weekly_availability(
    carla, nieuw_buinen, borger_odoorn, lefier
):
    data = opened(carla, url("person_add"), "person_form")
    # One network: it is chosen already.
    assert data["municipality"] == [str(borger_odoorn.pk)]
    data.update(
        name=["Lotte"],
        organisation=[str(lefier.pk)],
        skills=["hosting", "money"],
        max_per_week=["2"],
        max_per_month=["8"],
        home_village=["Nieuw-Buinen"],
        preferred_places=[str(nieuw_buinen.pk)],
        **{
            "availability-0-weekday": ["0"],
            "availability-0-start_time": ["09:00"],
            "availability-0-end_time": ["12:00"],
        },
    )

    response = carla.post(url("person_add"), data)

    assert response.status_code == 302, all_errors(response)
    lotte = Person.objects.get(name="Lotte")
    assert (lotte.municipality, lotte.organisation) == (borger_odoorn, lefier)
    assert lotte.skills == ["hosting", "money"]
    assert [
        (a.weekday, f"{a.start_time:%H:%M}", f"{a.end_time:%H:%M}")
        for a in lotte.availability.all()
    ] == [(0, "09:00", "12:00")]
    assert list(lotte.preferred_places.all()) == [nieuw_buinen]


def test_the_skills_are_checkboxes_of_the_controlled_list(carla, nieuw_buinen):
    page = carla.get(url("person_add")).content.decode()

    assert 'type="checkbox" name="skills" value="first_aid"' in page
    assert 'type="checkbox" name="skills" value="cooking"' in page


def test_an_unknown_skill_is_not_saved(carla, nieuw_buinen):
    data = opened(carla, url("person_add"), "person_form")
    data.update(name=["Lotte"], skills=["hosting", "juggling"])

    response = carla.post(url("person_add"), data)

    assert response.status_code == 200
    [message] = errors_next_to(response, "skills")
    assert "juggling" in message
    assert not Person.objects.filter(name="Lotte").exists()


def test_a_coordinator_sees_only_the_people_of_their_own_network(
    carla, team, hoogeveen_person, borger_odoorn, nieuw_buinen
):
    page = carla.get(url("person_changelist")).content.decode()

    assert "Anke" in page and "Wim" in page
    assert "Henk" not in page
    # Another network's person is not there to open, nor its network or places to choose.
    assert carla.get(url("person_change", hoogeveen_person.pk)).status_code == 302
    add_page = carla.get(url("person_add")).content.decode()
    assert choices(add_page, "municipality") == [str(borger_odoorn.pk)]
    assert f'name="preferred_places" value="{nieuw_buinen.pk}"' in add_page
    assert "Huis van de Buurt Wolfsbos" not in add_page


def test_a_coordinator_cannot_save_a_person_into_another_network(
    carla, nieuw_buinen, hoogeveen, wolfsbos
):
    data = opened(carla, url("person_add"), "person_form")
    data.update(name=["Lotte"], municipality=[str(hoogeveen.pk)])

    response = carla.post(url("person_add"), data)

    assert response.status_code == 200
    assert errors_next_to(response, "municipality")
    assert not Person.objects.filter(name="Lotte").exists()


def test_a_person_cannot_prefer_a_place_of_another_network(
    client, superuser, team, wolfsbos, nieuw_buinen
):
    login(client, superuser)
    anke = team["anke"]
    data = opened(client, url("person_change", anke.pk), "person_form")
    data["preferred_places"] = [str(wolfsbos.pk)]

    response = client.post(url("person_change", anke.pk), data)

    assert response.status_code == 200
    [message] = errors_next_to(response, "preferred_places")
    assert "Huis van de Buurt Wolfsbos" in message and "Borger-Odoorn" in message
    assert not anke.preferred_places.exists()


def share(municipality, organisation, percent, places=()):
    row = Share.objects.create(
        municipality=municipality, organisation=organisation, percent=percent
    )
    row.places.set(places)
    return row


def test_a_share_that_takes_a_network_over_100_percent_is_refused_with_the_total(
    carla, borger_odoorn, nieuw_buinen, andes, lefier, police
):
    share(borger_odoorn, andes, 60)
    share(borger_odoorn, lefier, 30)
    data = opened(carla, url("share_add"), "share_form")
    data.update(organisation=[str(police.pk)], percent=["20"])

    response = carla.post(url("share_add"), data)

    assert response.status_code == 200
    [message] = errors_next_to(response, "percent")
    assert "110" in message and "10" in message
    assert not Share.objects.filter(organisation=police).exists()


def test_shares_for_different_places_are_added_up_separately(
    carla, borger_odoorn, nieuw_buinen, andes, lefier, police
):
    share(borger_odoorn, andes, 60)
    share(borger_odoorn, lefier, 30)
    data = opened(carla, url("share_add"), "share_form")
    data.update(organisation=[str(police.pk)], percent=["20"], places=[str(nieuw_buinen.pk)])

    response = carla.post(url("share_add"), data)

    assert response.status_code == 302, all_errors(response)
    assert [p.slug for p in Share.objects.get(organisation=police).places.all()] == [
        nieuw_buinen.slug
    ]


def test_changing_a_share_counts_it_once(carla, borger_odoorn, nieuw_buinen, andes, lefier):
    share(borger_odoorn, andes, 60)
    lefiers = share(borger_odoorn, lefier, 30)
    data = opened(carla, url("share_change", lefiers.pk), "share_form")
    data["percent"] = ["40"]

    response = carla.post(url("share_change", lefiers.pk), data)

    assert response.status_code == 302, all_errors(response)
    lefiers.refresh_from_db()
    assert lefiers.percent == 40


def test_a_need_with_more_skilled_people_than_people_is_refused_in_words(carla, nieuw_buinen):
    data = opened(carla, url("staffingneed_add"), "staffingneed_form")
    data.update(
        place=[str(nieuw_buinen.pk)], people=["2"], skill_hosting=["1"], skill_first_aid=["3"]
    )

    response = carla.post(url("staffingneed_add"), data)

    assert response.status_code == 200
    [message] = errors_next_to(response, "skill_first_aid")
    assert "2" in message
    assert not StaffingNeed.objects.exists()


def test_a_need_is_saved_with_its_skills_and_a_second_one_for_every_opening_is_refused(
    carla, nieuw_buinen
):
    data = opened(carla, url("staffingneed_add"), "staffingneed_form")
    data.update(place=[str(nieuw_buinen.pk)], people=["2"], skill_hosting=["1"], skill_wmo=["1"])

    assert carla.post(url("staffingneed_add"), data).status_code == 302
    assert StaffingNeed.objects.get().skills == {"hosting": 1, "wmo": 1}

    response = carla.post(url("staffingneed_add"), data)

    assert response.status_code == 200
    [message] = errors_next_to(response, "opening_rule")
    assert "Buurtkamer Nieuw-Buinen" in message
    assert StaffingNeed.objects.count() == 1


def test_a_new_absence_takes_the_person_off_their_shift_and_the_roster_is_mended(
    carla, week_roster, team
):
    vera, wim = team["vera"], team["wim"]
    # Room in Wim's week for one more morning: he is the one who can take over on Thursday.
    Person.objects.filter(pk=wim.pk).update(max_per_week=3)
    thursday = week_roster.shifts.get(start__date=date(2026, 12, 3))
    data = opened(carla, url("person_change", vera.pk), "person_form")
    data.update({"absences-0-start_date": ["03-12-2026"], "absences-0-end_date": ["03-12-2026"]})

    response = carla.post(url("person_change", vera.pk), data, follow=True)

    assert response.status_code == 200
    assert Absence.objects.filter(person=vera).count() == 1
    on_thursday = set(
        Assignment.objects.filter(shift=thursday).values_list("person__name", flat=True)
    )
    assert on_thursday == {"Anke", "Wim"}
    # Besides "changed": what the absence did to the roster, naming her and the days.
    shown = [str(m) for m in response.context["messages"]]
    assert any("Vera" in m and "2026" in m for m in shown), shown


def test_a_coordinator_sees_the_needs_shares_and_rules_of_their_own_network_only(
    carla, nieuw_buinen, wolfsbos, borger_odoorn, hoogeveen, andes, lefier
):
    StaffingNeed.objects.create(place=nieuw_buinen, people=2, skills={"hosting": 1})
    StaffingNeed.objects.create(place=wolfsbos, people=3, skills={"cooking": 1})
    share(borger_odoorn, lefier, 20, [nieuw_buinen])
    share(hoogeveen, andes, 40)
    RosterPolicy.objects.create(municipality=borger_odoorn, max_distance_km=15)
    RosterPolicy.objects.create(municipality=hoogeveen, max_distance_km=25)

    needs = carla.get(url("staffingneed_changelist")).content.decode()
    shares = carla.get(url("share_changelist")).content.decode()
    policies = carla.get(url("rosterpolicy_changelist")).content.decode()

    assert "Buurtkamer Nieuw-Buinen" in needs and "Wolfsbos" not in needs
    assert "Lefier" in shares and "Andes" not in shares
    assert "Borger-Odoorn" in policies and "Hoogeveen" not in policies


def test_a_roster_is_only_looked_at_in_the_admin(carla, week_roster, hoogeveen):
    other = Roster.objects.create(
        municipality=hoogeveen, start_date=date(2026, 11, 30), end_date=date(2026, 12, 4)
    )

    listed = carla.get(url("roster_changelist")).content.decode()
    page = carla.get(url("roster_change", week_roster.pk))

    assert url("roster_change", week_roster.pk) in listed
    assert url("roster_change", other.pk) not in listed
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert carla.get(url("roster_add")).status_code == 403
    assert carla.get(url("roster_delete", week_roster.pk)).status_code == 403


def test_an_absence_nobody_can_fill_is_shown_as_a_gap_with_a_link_to_the_roster(
    carla, week_roster, team
):
    wim = team["wim"]
    friday = week_roster.shifts.get(start__date=date(2026, 12, 4))
    data = opened(carla, url("person_change", wim.pk), "person_form")
    data.update({"absences-0-start_date": ["04-12-2026"], "absences-0-end_date": ["04-12-2026"]})

    response = carla.post(url("person_change", wim.pk), data, follow=True)

    # Nobody else works Fridays: Anke stays alone, and the coordinator is told where.
    assert list(friday.assignments.values_list("person__name", flat=True)) == ["Anke"]
    [shown] = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert "Wim" in str(shown)
    assert f'href="/rooster/{week_roster.pk}/"' in str(shown)
    assert "Buurtkamer Nieuw-Buinen" in str(shown)
    assert f'href="/rooster/{week_roster.pk}/"' in response.content.decode()
