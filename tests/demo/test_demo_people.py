"""The demo's people: one per role, fixed user names, one password, and a reload resets them."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import override_settings

from naober.accounts import access
from naober.accounts.constants import Role
from naober.accounts.models import Membership
from naober.demo import data
from naober.demo.load import demo_password, load_people
from naober.places.models import Organisation, Place
from tests.staff import login

from .conftest import DEMO_PASSWORD

USERNAMES = [
    "coordinator-andes",
    "host-nieuw-buinen",
    "lefier",
    "police-borger-odoorn",
    "social-team-borger-odoorn",
    "host-wolfsbos",
    "admin",
]


def roles(user) -> list[tuple[str, str]]:
    return [(m.role, m.organisation.name) for m in Membership.objects.filter(user=user)]


def test_every_person_logs_in_with_the_one_demo_password(demo_people):
    assert sorted(demo_people) == sorted(USERNAMES)
    for user in demo_people.values():
        assert user.is_active
        assert get_user_model().objects.get(pk=user.pk).check_password(DEMO_PASSWORD)


def test_each_person_has_the_role_the_readme_promises(demo_people):
    assert roles(demo_people["coordinator-andes"]) == [(Role.COORDINATOR, "Andes")]
    assert roles(demo_people["host-nieuw-buinen"]) == [(Role.HOST, "Andes")]
    assert roles(demo_people["lefier"]) == [(Role.PARTNER, "Lefier")]
    assert roles(demo_people["police-borger-odoorn"]) == [(Role.PARTNER, "Politie Noord-Nederland")]
    assert roles(demo_people["social-team-borger-odoorn"]) == [
        (Role.PARTNER, "Sociale teams Borger-Odoorn")
    ]
    assert roles(demo_people["host-wolfsbos"]) == [(Role.HOST, "Stichting Welzijnswerk")]
    assert roles(demo_people["admin"]) == []
    assert demo_people["admin"].is_superuser


def test_the_social_team_is_a_social_team(demo):
    assert Organisation.objects.get(name="Sociale teams Borger-Odoorn").kind == "social_team"


def test_the_hosts_keep_the_desk_of_their_own_place_only(demo_people):
    assert [p.slug for p in access.desk_places(demo_people["host-nieuw-buinen"])] == [
        "buurtkamer-nieuw-buinen"
    ]
    assert [p.slug for p in access.desk_places(demo_people["host-wolfsbos"])] == [
        "huis-van-de-buurt-wolfsbos"
    ]


def test_the_coordinator_coordinates_borger_odoorn(demo_people):
    assert [m.slug for m in access.network(demo_people["coordinator-andes"])] == ["borger-odoorn"]


def test_the_coordinator_edits_places_in_the_admin_but_not_accounts(client, demo_people):
    login(client, demo_people["coordinator-andes"])
    place = Place.objects.get(slug="buurtkamer-nieuw-buinen")

    page = client.get(f"/beheer/places/place/{place.pk}/change/")

    assert page.status_code == 200
    # The opening hours and closures are there to edit, not only to read.
    assert b'name="opening_rules-TOTAL_FORMS"' in page.content
    assert b'name="closures-TOTAL_FORMS"' in page.content
    assert client.get("/beheer/auth/user/").status_code == 403


@pytest.mark.parametrize("username", ["host-nieuw-buinen", "lefier", "host-wolfsbos"])
def test_hosts_and_partners_have_no_admin(client, demo_people, username):
    user = demo_people[username]
    login(client, user)

    assert not user.is_staff
    assert client.get("/beheer/places/place/").status_code != 200


def test_loading_the_people_again_keeps_the_accounts_and_resets_them(demo_people):
    lefier = demo_people["lefier"]
    lefier.set_password("iets-anders-2026")
    lefier.is_active = False
    lefier.save()
    Membership.objects.filter(user=demo_people["host-nieuw-buinen"]).delete()
    Membership.objects.create(
        user=demo_people["lefier"],
        organisation=Organisation.objects.get(name="Andes"),
        role=Role.HOST,
    )
    AccessAttempt.objects.create(
        username="lefier",
        ip_address="127.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/accounts/login/",
        failures_since_start=11,
    )

    again = {user.username: user for user in load_people("een-nieuw-wachtwoord")}

    assert {u: user.pk for u, user in again.items()} == {u: p.pk for u, p in demo_people.items()}
    assert get_user_model().objects.count() == len(USERNAMES)
    assert Membership.objects.count() == len(data.PEOPLE)
    lefier.refresh_from_db()
    assert lefier.is_active and lefier.check_password("een-nieuw-wachtwoord")
    assert roles(lefier) == [(Role.PARTNER, "Lefier")]
    assert roles(demo_people["host-nieuw-buinen"]) == [(Role.HOST, "Andes")]
    assert not AccessAttempt.objects.filter(username="lefier").exists()


def test_the_password_is_the_setting_or_a_new_random_one():
    with override_settings(NAOBER_DEMO_PASSWORD="gekozen-wachtwoord"):
        assert demo_password() == "gekozen-wachtwoord"
    with override_settings(NAOBER_DEMO_PASSWORD=""):
        first, second = demo_password(), demo_password()

    assert first != second
    assert len(first) == 16 and first.isalnum()
