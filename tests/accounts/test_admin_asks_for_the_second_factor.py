"""The admin at /beheer/ asks for the same login as every staff page, and keeps the audit trail
and API tokens out of reach of changes."""

from django.contrib.admin.sites import site
from django.test import Client
from django.urls import reverse

from naober.accounts.constants import AuditAction
from naober.accounts.models import ApiToken, AuditEvent
from tests.accounts.logging_in import log_in, type_password
from tests.staff import login, totp_device

ADMIN = "/beheer/"


def test_a_superuser_with_password_and_code_gets_in(clock, superuser):
    phone = totp_device(superuser)
    client = Client()
    type_password(client, "admin", next_page=ADMIN)
    response = client.get(ADMIN, follow=True)
    assert response.request["PATH_INFO"] == reverse("accounts:verify")

    response = log_in(client, superuser, phone, next_page=ADMIN)
    assert response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_the_admins_own_login_page_sends_to_ours(client):
    response = client.get(ADMIN, follow=True)
    assert response.request["PATH_INFO"] == reverse("accounts:login")
    assert response.context["next"] == ADMIN
    assert "admin/login.html" not in [t.name for t in response.templates]


def test_a_logged_in_host_is_not_let_into_the_admin(client, host_nieuw_buinen):
    login(client, host_nieuw_buinen)
    response = client.get(ADMIN, follow=True)
    assert response.status_code == 403


def test_the_audit_trail_can_be_read_but_not_changed(client, superuser):
    login(client, superuser)
    event = AuditEvent.objects.filter(action=AuditAction.LOGIN).get()
    changelist = reverse("admin:accounts_auditevent_changelist")
    response = client.get(changelist, {"action__exact": "login"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert client.get(changelist, {"q": "admin"}).context["cl"].result_count == 1

    change = reverse("admin:accounts_auditevent_change", args=[event.pk])
    assert client.get(change).status_code == 200
    assert client.post(change, {"actor": "someone-else"}).status_code == 403
    assert client.get(reverse("admin:accounts_auditevent_add")).status_code == 403
    assert (
        client.post(reverse("admin:accounts_auditevent_delete", args=[event.pk])).status_code == 403
    )
    event.refresh_from_db()
    assert event.actor == "admin"


def test_a_superuser_revokes_a_lost_laptops_token(client, superuser, lefier_consultant):
    row, token = ApiToken.issue(lefier_consultant, "Laptop")
    login(client, superuser)
    changelist = reverse("admin:accounts_apitoken_changelist")
    response = client.post(
        changelist, {"action": "revoke", "_selected_action": [row.pk]}, follow=True
    )
    assert response.status_code == 200
    assert ApiToken.find(token) is None
    revoked = AuditEvent.objects.get(action=AuditAction.TOKEN_REVOKED)
    assert (revoked.actor, revoked.object_id) == ("admin", str(row.pk))
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403


def test_a_persons_roles_are_edited_on_their_page(client, superuser, host_nieuw_buinen):
    login(client, superuser)
    response = client.get(reverse("admin:auth_user_change", args=[host_nieuw_buinen.pk]))
    assert response.status_code == 200
    assert "memberships-TOTAL_FORMS" in response.content.decode()
    assert site.is_registered(ApiToken)
