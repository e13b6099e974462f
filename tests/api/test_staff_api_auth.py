"""Who may use the staff part of the API: a staff session that passed the second factor, or a
personal API token. Everyone else gets 401 in JSON, and the public part stays open."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from naober.accounts.constants import AuditAction, Channel
from naober.accounts.models import ApiToken, AuditEvent
from tests.staff import login

REFERRALS = "/api/v1/referrals"
NOT_LOGGED_IN = (
    "Log in first: send an API token as “Authorization: Bearer <token>”, or use a staff "
    "session that has passed the second factor."
)


@pytest.fixture(autouse=True)
def thursday_morning():
    with time_machine.travel(
        datetime(2026, 3, 5, 10, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    ):
        yield


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


def bearer(token: str) -> dict:
    return {"authorization": f"Bearer {token}"}


def test_without_a_session_or_token_the_answer_is_401_in_json(client, db):
    response = client.get(REFERRALS)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Language"] == "nl"
    assert response.json() == {"detail": in_language("nl", NOT_LOGGED_IN)}
    # Nothing a staff answer says may be kept by a browser or proxy, refusals included.
    assert "no-store" in response["Cache-Control"]


def test_the_401_is_in_english_when_the_client_asks_for_it(client, db):
    response = client.get(REFERRALS, headers={"accept-language": "en"})
    assert response.status_code == 401
    assert response["Content-Language"] == "en"
    assert response.json() == {"detail": NOT_LOGGED_IN}


def test_a_personal_token_lets_a_partner_read_their_referrals(
    client, referral_to_lefier, lefier_consultant
):
    _, token = ApiToken.issue(lefier_consultant, "Script")
    response = client.get(REFERRALS, headers=bearer(token))
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [referral_to_lefier.pk]
    assert ApiToken.objects.get().last_used_at == timezone.now()


def test_the_token_holder_is_the_one_in_the_audit_trail(
    client, referral_to_lefier, lefier_consultant
):
    _, token = ApiToken.issue(lefier_consultant, "Script")
    client.get(f"{REFERRALS}/{referral_to_lefier.pk}", headers=bearer(token))
    viewed = AuditEvent.objects.get(action=AuditAction.REFERRAL_VIEWED)
    assert (viewed.actor, viewed.channel) == ("lefier", Channel.API)


@pytest.mark.parametrize("header", ["Bearer nbr_not-a-real-token", "Bearer ", "Bearer"])
def test_a_wrong_token_gets_401(client, lefier_consultant, header):
    response = client.get(REFERRALS, headers={"authorization": header})
    assert response.status_code == 401
    assert response.json()["detail"]


def test_a_revoked_token_no_longer_works(client, lefier_consultant):
    row, token = ApiToken.issue(lefier_consultant, "Script")
    row.revoked_at = timezone.now()
    row.save()
    response = client.get(REFERRALS, headers=bearer(token))
    assert response.status_code == 401
    assert response.json() == {
        "detail": in_language("nl", "This API token is not valid, or it has been revoked.")
    }


def test_the_token_of_a_deactivated_person_no_longer_works(client, lefier_consultant):
    _, token = ApiToken.issue(lefier_consultant, "Script")
    lefier_consultant.is_active = False
    lefier_consultant.save()
    assert client.get(REFERRALS, headers=bearer(token)).status_code == 401


def test_a_staff_session_with_the_second_factor_is_enough(
    client, referral_to_lefier, lefier_consultant
):
    login(client, lefier_consultant)
    response = client.get(REFERRALS)
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_a_session_with_only_a_password_gets_401(client, referral_to_lefier, lefier_consultant):
    login(client, lefier_consultant, verified=False)
    response = client.get(REFERRALS)
    assert response.status_code == 401
    assert response.json() == {
        "detail": in_language(
            "nl", "Finish logging in first: enter the code from your authenticator app."
        )
    }


def test_a_logged_in_person_without_a_staff_role_gets_403(client, db):
    from django.contrib.auth import get_user_model

    resident = get_user_model().objects.create_user("someone", password="x-y-z-1-2-3-4")
    login(client, resident)
    response = client.get(REFERRALS)
    assert response.status_code == 403
    assert response.json()["detail"]


@pytest.fixture
def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def accept(client, referral, **headers):
    return client.post(
        f"{REFERRALS}/{referral.pk}/status",
        {"status": "accepted"},
        content_type="application/json",
        headers=headers,
    )


def test_a_session_post_without_the_csrf_token_is_refused(
    csrf_client, referral_to_lefier, lefier_consultant
):
    login(csrf_client, lefier_consultant)
    response = accept(csrf_client, referral_to_lefier)
    assert response.status_code == 403
    assert response.json() == {
        "detail": in_language(
            "nl", "The CSRF token is missing or wrong. Reload the page and try again."
        )
    }
    referral_to_lefier.refresh_from_db()
    assert referral_to_lefier.status == "referred"


def test_a_session_post_with_the_csrf_token_goes_through(
    csrf_client, referral_to_lefier, lefier_consultant
):
    login(csrf_client, lefier_consultant)
    secret = _get_new_csrf_string()
    csrf_client.cookies["csrftoken"] = secret
    response = accept(csrf_client, referral_to_lefier, x_csrftoken=secret)
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"


def test_a_token_client_needs_no_csrf_token(csrf_client, referral_to_lefier, lefier_consultant):
    _, token = ApiToken.issue(lefier_consultant, "Script")
    response = accept(csrf_client, referral_to_lefier, **bearer(token))
    assert response.status_code == 200


def test_the_openapi_document_marks_the_staff_operations_as_secured(client, db):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["ApiTokenAuth"]["description"],
    }
    assert schemes["StaffSessionAuth"]["in"] == "cookie"
    both = [{"StaffSessionAuth": []}, {"ApiTokenAuth": []}]
    paths = schema["paths"]
    staff = {
        ("/api/v1/referrals", "get"): "listReferrals",
        ("/api/v1/referrals/{id}", "get"): "getReferral",
        ("/api/v1/referrals/{id}/status", "post"): "changeReferralStatus",
        ("/api/v1/visits", "post"): "countVisit",
    }
    for (path, method), operation_id in staff.items():
        operation = paths[path][method]
        assert operation["operationId"] == operation_id
        assert operation["security"] == both
        assert "401" in operation["responses"]
    # The public part stays open.
    for path in ("/api/v1/places", "/api/v1/places/{id}", "/api/v1/places/{id}/openings"):
        assert "security" not in paths[path]["get"]
