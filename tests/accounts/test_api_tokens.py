"""A partner makes an API token for her organisation's case system: it is shown once, and she
can revoke it; nobody else can."""

from django.test import Client
from django.urls import reverse

from naober.accounts.constants import AuditAction
from naober.accounts.models import ApiToken, AuditEvent
from tests.accounts.logging_in import text
from tests.staff import login

TOKENS = "/accounts/tokens/"


def test_a_new_token_is_shown_once_and_never_again(client, lefier_consultant):
    login(client, lefier_consultant)
    response = client.post(TOKENS, {"name": "Zaaksysteem"})
    assert response.status_code == 200
    page = text(response)
    token = response.context["token"]
    assert token.startswith("nbr_") and token in page
    assert ApiToken.find(token).user == lefier_consultant
    # Not in a message that could show up on the next page.
    assert token not in "".join(str(m) for m in response.context["messages"])

    later = text(client.get(TOKENS))
    assert "Zaaksysteem" in later
    assert token[:8] in later
    assert token not in later
    event = AuditEvent.objects.get(action=AuditAction.TOKEN_CREATED)
    assert (event.actor, event.object_id) == ("lefier", str(ApiToken.objects.get().pk))
    assert token not in str(event.detail)


def test_a_token_needs_a_name(client, lefier_consultant):
    login(client, lefier_consultant)
    response = client.post(TOKENS, {"name": ""})
    assert response.status_code == 200
    assert response.context["token"] is None
    assert 'aria-invalid="true"' in text(response)
    assert not ApiToken.objects.exists()


def test_she_revokes_her_token_and_it_no_longer_opens_the_api(client, lefier_consultant):
    login(client, lefier_consultant)
    row, token = ApiToken.issue(lefier_consultant, "Laptop")
    response = client.post(reverse("accounts:revoke_token", kwargs={"pk": row.pk}))
    assert response.status_code == 302
    assert response["Location"] == TOKENS
    assert ApiToken.find(token) is None
    assert AuditEvent.objects.filter(action=AuditAction.TOKEN_REVOKED, object_id=row.pk).exists()
    # No revoke button for it any more.
    assert reverse("accounts:revoke_token", kwargs={"pk": row.pk}) not in text(client.get(TOKENS))


def test_another_persons_token_cannot_be_revoked(client, lefier_consultant, police_officer):
    row, token = ApiToken.issue(lefier_consultant, "Laptop")
    login(client, police_officer)
    response = client.post(reverse("accounts:revoke_token", kwargs={"pk": row.pk}))
    assert response.status_code == 404
    assert ApiToken.find(token) is not None
    assert not AuditEvent.objects.filter(action=AuditAction.TOKEN_REVOKED).exists()


def test_the_list_shows_only_her_own_tokens(client, lefier_consultant, police_officer):
    ApiToken.issue(police_officer, "Politie-laptop")
    login(client, lefier_consultant)
    assert "Politie-laptop" not in text(client.get(TOKENS))


def test_revoking_needs_a_post(lefier_consultant):
    row, token = ApiToken.issue(lefier_consultant, "Laptop")
    client = login(Client(), lefier_consultant)
    assert client.get(reverse("accounts:revoke_token", kwargs={"pk": row.pk})).status_code == 405
    assert ApiToken.find(token) is not None
