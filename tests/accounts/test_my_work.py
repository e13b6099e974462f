""" "My work": after logging in, each person sees a way in for each role they hold, and no other."""

from django.urls import reverse

from naober.accounts.constants import Role
from naober.accounts.models import Membership
from tests.staff import login

HOME = "/accounts/"


def links(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


DESK = reverse("desk:desk_today", kwargs={"slug": "buurtkamer-nieuw-buinen"})
INBOX = reverse("desk:referrals")
FIGURES = reverse("desk:figures")
RIGHTS = reverse("desk:rights")
TOKENS = reverse("accounts:tokens")
ADMIN = reverse("admin:index")


def test_a_host_sees_her_desk(client, host_nieuw_buinen):
    page = links(login(client, host_nieuw_buinen))
    assert f'href="{DESK}"' in page
    assert f'href="{TOKENS}"' in page
    for other in (INBOX, FIGURES, RIGHTS, ADMIN):
        assert f'href="{other}"' not in page


def test_a_partner_sees_the_inbox(client, lefier_consultant):
    page = links(login(client, lefier_consultant))
    assert f'href="{INBOX}"' in page and "Lefier" in page
    for other in (DESK, FIGURES, RIGHTS, ADMIN):
        assert f'href="{other}"' not in page


def test_a_coordinator_sees_figures_and_residents_requests(client, coordinator_andes):
    page = links(login(client, coordinator_andes))
    assert f'href="{FIGURES}"' in page and f'href="{RIGHTS}"' in page
    assert "Borger-Odoorn" in page
    for other in (DESK, INBOX, ADMIN):
        assert f'href="{other}"' not in page


def test_a_person_with_two_roles_sees_both(client, host_nieuw_buinen, lefier):
    Membership.objects.create(user=host_nieuw_buinen, organisation=lefier, role=Role.PARTNER)
    page = links(login(client, host_nieuw_buinen))
    assert f'href="{DESK}"' in page and f'href="{INBOX}"' in page


def test_a_superuser_sees_the_admin(client, superuser):
    page = links(login(client, superuser))
    assert f'href="{ADMIN}"' in page


def test_someone_without_a_role_is_refused(client, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="Lang-genoeg-2026")
    response = login(client, nobody).get(HOME)
    assert response.status_code == 403


def test_my_work_is_never_stored_by_the_browser(client, host_nieuw_buinen):
    response = login(client, host_nieuw_buinen).get(HOME)
    assert "no-store" in response["Cache-Control"]
