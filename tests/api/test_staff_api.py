"""The staff operations: a partner reads and follows up the referrals sent to their organisation,
the referring side sees only the status, and a host counts visits at their own desk.

Hanna (host at Nieuw-Buinen for Andes) refers a leaking roof to Lefier, where Lars reads it.
Petra of the police and Willem of Wolfsbos see none of it."""

import json
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation
from django.utils.translation import gettext

from naober.accounts.constants import AuditAction, Channel, Role
from naober.accounts.models import ApiToken, AuditEvent
from naober.desk.constants import ContactMethod, LegalBasis, Urgency
from naober.desk.models import Visit
from naober.desk.referrals import Contact, refer
from naober.places.models import Theme
from tests.staff import make_staff

REFERRALS = "/api/v1/referrals"
VISITS = "/api/v1/visits"
# What the resident told the host (tests/conftest.py: referral_to_lefier).
RESIDENT_TEXT = ("Het dak lekt", "Mevrouw Jansen", "06-12345678", "Liefst 's ochtends")

SENT_FIELDS = {
    "id",
    "direction",
    "status",
    "status_changed_at",
    "theme",
    "created_at",
    "place",
    "to_organisation",
}


@pytest.fixture(autouse=True)
def thursday_morning():
    """Thursday 5 March 2026, 10:00 in Nieuw-Buinen."""
    with time_machine.travel(
        datetime(2026, 3, 5, 10, tzinfo=ZoneInfo("Europe/Amsterdam")), tick=False
    ):
        yield


def in_language(language: str, message: str) -> str:
    with translation.override(language):
        return gettext(message)


class ApiClient:
    """A script that calls the API with the person's own token."""

    def __init__(self, client, user):
        self.client = client
        _, self.token = ApiToken.issue(user, "Test script")

    def headers(self, language: str | None) -> dict:
        headers = {"authorization": f"Bearer {self.token}"}
        if language:
            headers["accept-language"] = language
        return headers

    def get(self, path, data=None, *, language=None):
        return self.client.get(path, data, headers=self.headers(language))

    def post(self, path, body, *, language=None):
        return self.client.post(
            path, json.dumps(body), content_type="application/json", headers=self.headers(language)
        )


@pytest.fixture
def as_lefier(client, lefier_consultant):
    return ApiClient(client, lefier_consultant)


@pytest.fixture
def as_host(client, host_nieuw_buinen):
    return ApiClient(client, host_nieuw_buinen)


@pytest.fixture
def as_police(client, police_officer):
    return ApiClient(client, police_officer)


@pytest.fixture
def referral_to_police(host_nieuw_buinen, police_officer, nieuw_buinen, police):
    referral, _ = refer(
        place=nieuw_buinen,
        to_organisation=police,
        theme=Theme.objects.get(code="safety"),
        description="Er wordt 's nachts ingebroken in schuurtjes.",
        urgency=Urgency.NORMAL,
        contact_method=ContactMethod.AT_PLACE,
        contact=Contact(name="Meneer De Vries"),
        resident_agreed=True,
        legal_basis=LegalBasis.CONSENT,
        by=host_nieuw_buinen,
    )
    return referral


def audit_text() -> str:
    return " ".join(
        json.dumps([e.actor, e.organisation, e.object_id, e.origin, e.subject, e.detail])
        for e in AuditEvent.objects.all()
    )


# Listing referrals


def test_a_partner_sees_what_was_referred_to_them_without_the_question(
    as_lefier, referral_to_lefier
):
    response = as_lefier.get(REFERRALS)
    assert response.status_code == 200
    page = response.json()
    assert (page["count"], page["next"], page["previous"]) == (1, None, None)
    assert page["results"] == [
        {
            "id": referral_to_lefier.pk,
            "direction": "received",
            "status": "referred",
            "status_changed_at": "2026-03-05T10:00:00+01:00",
            "theme": {"code": "housing", "label": in_language("nl", "Housing")},
            "urgency": "soon",
            "contact_method": "phone",
            "created_at": "2026-03-05T10:00:00+01:00",
            "place": {"slug": "buurtkamer-nieuw-buinen", "name": "Buurtkamer Nieuw-Buinen"},
            "from_organisation": "Andes",
            "to_organisation": "Lefier",
        }
    ]
    assert not any(text in response.content.decode() for text in RESIDENT_TEXT)


def test_the_referring_side_sees_the_status_only(as_host, referral_to_lefier):
    (sent,) = as_host.get(REFERRALS).json()["results"]
    assert set(sent) == SENT_FIELDS
    assert (sent["direction"], sent["status"], sent["to_organisation"]) == (
        "sent",
        "referred",
        "Lefier",
    )


def test_another_organisation_sees_none_of_it(as_police, referral_to_lefier):
    assert as_police.get(REFERRALS).json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


def test_the_list_filters_by_direction_and_status(
    client, referral_to_lefier, referral_to_police, lefier, lefier_consultant
):
    # Lars refers a question on from Lefier to the police: he sent one and received one.
    refer(
        place=referral_to_lefier.place,
        to_organisation=referral_to_police.to_organisation,
        theme=Theme.objects.get(code="safety"),
        description="Buren maken zich zorgen.",
        urgency=Urgency.NORMAL,
        contact_method=ContactMethod.PHONE,
        contact=Contact(name="Mevrouw Jansen", phone="06-12345678"),
        resident_agreed=True,
        legal_basis=LegalBasis.CONSENT,
        by=lefier_consultant,
    )
    lars = ApiClient(client, lefier_consultant)

    def directions(**query):
        return [r["direction"] for r in lars.get(REFERRALS, query).json()["results"]]

    assert directions() == ["sent", "received"]
    assert directions(direction="received") == ["received"]
    assert directions(direction="sent") == ["sent"]
    assert directions(status="referred") == ["sent", "received"]
    assert directions(status="accepted") == []


def test_an_unknown_status_filter_names_the_allowed_ones(as_lefier, referral_to_lefier):
    response = as_lefier.get(REFERRALS, {"status": "open"})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "open" in detail
    assert "referred, accepted, contacted, closed, declined" in detail


def test_the_list_is_paginated_like_the_places(
    client, referral_to_lefier, referral_to_police, host_nieuw_buinen
):
    hanna = ApiClient(client, host_nieuw_buinen)
    first = hanna.get(REFERRALS, {"page_size": 1}).json()
    assert first["count"] == 2
    assert first["next"] == "http://testserver/api/v1/referrals?page_size=1&page=2"
    second = hanna.get(REFERRALS, {"page_size": 1, "page": 2}).json()
    assert second["previous"] == "http://testserver/api/v1/referrals?page_size=1&page=1"
    assert {first["results"][0]["id"], second["results"][0]["id"]} == {
        referral_to_lefier.pk,
        referral_to_police.pk,
    }
    too_far = hanna.get(REFERRALS, {"page": 3, "page_size": 1})
    assert too_far.status_code == 404
    # An already translated sentence: the answer really is Dutch.
    assert too_far.json() == {"detail": "Pagina 3 bestaat niet: de laatste pagina is 2."}
    assert hanna.get(REFERRALS, {"page_size": 101}).status_code == 400


# One referral


def test_the_receiving_partner_reads_the_question_and_contact_details(
    as_lefier, referral_to_lefier
):
    response = as_lefier.get(f"{REFERRALS}/{referral_to_lefier.pk}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    referral = response.json()
    assert referral["direction"] == "received"
    assert referral["description"] == "Het dak lekt al drie weken boven de slaapkamer."
    assert referral["contact"] == {
        "name": "Mevrouw Jansen",
        "phone": "06-12345678",
        "email": "",
        "address": "",
        "note": "Liefst 's ochtends",
    }
    assert (referral["legal_basis"], referral["resident_agreed"]) == ("consent", True)
    assert (referral["outcome"], referral["history"]) == (None, [])
    assert referral["allowed_next"] == ["accepted", "declined"]


def test_reading_the_details_is_written_to_the_audit_trail_without_them(
    as_lefier, referral_to_lefier
):
    as_lefier.get(f"{REFERRALS}/{referral_to_lefier.pk}")
    viewed = AuditEvent.objects.get(action=AuditAction.REFERRAL_VIEWED)
    assert (viewed.actor, viewed.organisation, viewed.channel) == ("lefier", "Lefier", Channel.API)
    assert viewed.object_id == str(referral_to_lefier.pk)
    assert not any(text in audit_text() for text in RESIDENT_TEXT)


def test_the_details_are_null_once_erased(as_lefier, referral_to_lefier):
    from naober.desk.constants import Erasure
    from naober.desk.retention import erase_personal_data

    erase_personal_data(referral_to_lefier, reason=Erasure.REQUEST)
    referral = as_lefier.get(f"{REFERRALS}/{referral_to_lefier.pk}").json()
    assert (referral["description"], referral["contact"]) == (None, None)
    assert referral["personal_data_erased_at"] is not None


def test_the_referring_side_reads_the_status_and_its_history_only(
    as_host, as_lefier, referral_to_lefier
):
    as_lefier.post(f"{REFERRALS}/{referral_to_lefier.pk}/status", {"status": "accepted"})
    response = as_host.get(f"{REFERRALS}/{referral_to_lefier.pk}")
    assert response.status_code == 200
    referral = response.json()
    assert set(referral) == SENT_FIELDS | {"history"}
    assert referral["status"] == "accepted"
    assert referral["history"] == [
        {"from_status": "referred", "to_status": "accepted", "at": "2026-03-05T10:00:00+01:00"}
    ]
    assert not any(text in response.content.decode() for text in RESIDENT_TEXT)
    # Seeing a status is not seeing personal data.
    assert not AuditEvent.objects.filter(actor="host-nieuw-buinen", action="referral_viewed")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_another_organisations_referral_is_not_found(as_police, referral_to_lefier, language):
    response = as_police.get(f"{REFERRALS}/{referral_to_lefier.pk}", language=language)
    assert response.status_code == 404
    assert response["Content-Language"] == language
    message = in_language(language, "You have no referral with id %(id)d.")
    assert response.json() == {"detail": message % {"id": referral_to_lefier.pk}}
    assert not AuditEvent.objects.filter(action="referral_viewed").exists()


@pytest.mark.parametrize("id", ["999999", "0", "-1", "99999999999999999999"])
def test_an_id_that_is_no_referral_is_not_found(as_lefier, referral_to_lefier, id):
    response = as_lefier.get(f"{REFERRALS}/{id}", language="en")
    assert response.status_code == 404
    assert response.json() == {"detail": f"You have no referral with id {id}."}


def test_an_id_that_is_no_number_is_refused(as_lefier, referral_to_lefier):
    response = as_lefier.get(f"{REFERRALS}/abc")
    assert response.status_code == 400
    assert response.json() == {"detail": "id moet een heel getal zijn."}


# Changing the status


def test_the_partner_accepts_and_closes_a_referral(as_lefier, referral_to_lefier):
    url = f"{REFERRALS}/{referral_to_lefier.pk}/status"
    accepted = as_lefier.post(url, {"status": "accepted"})
    assert accepted.status_code == 200
    assert accepted.json() == {
        "id": referral_to_lefier.pk,
        "status": "accepted",
        "status_changed_at": "2026-03-05T10:00:00+01:00",
        "outcome": None,
        "allowed_next": ["contacted", "closed"],
    }
    closed = as_lefier.post(url, {"status": "closed", "outcome": "helped"})
    assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "helped")
    assert closed.json()["allowed_next"] == []
    changes = AuditEvent.objects.filter(action=AuditAction.REFERRAL_STATUS, result="ok")
    assert changes.count() == 2
    assert not any(text in audit_text() for text in RESIDENT_TEXT)


def test_a_change_outside_the_allowed_steps_is_refused_with_the_reason(
    as_lefier, referral_to_lefier
):
    response = as_lefier.post(
        f"{REFERRALS}/{referral_to_lefier.pk}/status", {"status": "contacted"}, language="en"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A referral that is “Referred” cannot become “Resident contacted”."
    }
    referral_to_lefier.refresh_from_db()
    assert referral_to_lefier.status == "referred"


def test_closing_needs_an_outcome(as_lefier, referral_to_lefier):
    url = f"{REFERRALS}/{referral_to_lefier.pk}/status"
    as_lefier.post(url, {"status": "accepted"})
    response = as_lefier.post(url, {"status": "closed"})
    assert response.status_code == 400
    assert response.json() == {"detail": in_language("nl", "Choose the outcome before closing.")}


def test_a_status_change_without_a_status_says_what_is_missing(as_lefier, referral_to_lefier):
    response = as_lefier.post(f"{REFERRALS}/{referral_to_lefier.pk}/status", {})
    assert response.status_code == 400
    assert response.json() == {"detail": "status is verplicht."}


def test_the_referring_side_cannot_change_the_status(as_host, referral_to_lefier):
    response = as_host.post(f"{REFERRALS}/{referral_to_lefier.pk}/status", {"status": "closed"})
    assert response.status_code == 404
    referral_to_lefier.refresh_from_db()
    assert referral_to_lefier.status == "referred"


def test_another_organisation_cannot_change_the_status(as_police, referral_to_lefier):
    response = as_police.post(f"{REFERRALS}/{referral_to_lefier.pk}/status", {"status": "accepted"})
    assert response.status_code == 404
    assert response.json()["detail"]


# Counting visits


def test_a_host_counts_a_visit_once_however_often_it_is_sent(as_host, nieuw_buinen):
    key = str(uuid.uuid4())
    body = {"place": "buurtkamer-nieuw-buinen", "theme": "money", "key": key}
    first = as_host.post(VISITS, body)
    assert first.status_code == 201
    assert "no-store" in first["Cache-Control"]
    visit = first.json()
    assert visit["place"] == {"slug": "buurtkamer-nieuw-buinen", "name": "Buurtkamer Nieuw-Buinen"}
    assert (visit["day"], visit["key"], visit["undone_at"]) == ("2026-03-05", key, None)
    assert visit["theme"]["code"] == "money"

    again = as_host.post(VISITS, body)
    assert again.status_code == 200
    assert again.json() == visit
    assert Visit.objects.filter(place=nieuw_buinen).count() == 1
    counted = AuditEvent.objects.get(action=AuditAction.VISIT_COUNTED)
    assert (counted.actor, counted.channel) == ("host-nieuw-buinen", Channel.API)


def test_a_visit_can_be_counted_for_an_earlier_day_without_a_theme(as_host, nieuw_buinen):
    body = {"place": "buurtkamer-nieuw-buinen", "day": "2026-03-04", "key": str(uuid.uuid4())}
    response = as_host.post(VISITS, body)
    assert response.status_code == 201
    assert (response.json()["day"], response.json()["theme"]) == ("2026-03-04", None)


def test_a_visit_is_not_counted_for_a_day_to_come(as_host, nieuw_buinen):
    body = {"place": "buurtkamer-nieuw-buinen", "day": "2026-03-06", "key": str(uuid.uuid4())}
    response = as_host.post(VISITS, body)
    assert response.status_code == 400
    assert not Visit.objects.exists()


def test_a_visit_at_a_place_whose_desk_one_does_not_keep_is_not_found(as_host, as_lefier, wolfsbos):
    body = {"place": "huis-van-de-buurt-wolfsbos", "key": str(uuid.uuid4())}
    assert as_host.post(VISITS, body).status_code == 404
    # A partner professional keeps no desk at all.
    body["place"] = "buurtkamer-nieuw-buinen"
    response = as_lefier.post(VISITS, body)
    assert response.status_code == 404
    assert response.json()["detail"]
    assert not Visit.objects.exists()


def test_an_unknown_theme_is_refused(as_host, nieuw_buinen):
    body = {"place": "buurtkamer-nieuw-buinen", "theme": "weather", "key": str(uuid.uuid4())}
    response = as_host.post(VISITS, body, language="en")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("theme cannot be “weather”. Choose one of: housing")
    assert not Visit.objects.exists()


def test_a_visit_without_a_key_is_refused_in_dutch_or_english(as_host, nieuw_buinen):
    body = {"place": "buurtkamer-nieuw-buinen"}
    assert as_host.post(VISITS, body).json() == {"detail": "key is verplicht."}
    assert as_host.post(VISITS, body, language="en").json() == {"detail": "key is required."}


def test_a_key_used_at_another_place_is_a_conflict(client, nieuw_buinen, wolfsbos, andes):
    both = make_staff("host-both", andes, Role.HOST, places=[nieuw_buinen, wolfsbos])
    host = ApiClient(client, both)
    key = str(uuid.uuid4())
    assert host.post(VISITS, {"place": "buurtkamer-nieuw-buinen", "key": key}).status_code == 201
    response = host.post(VISITS, {"place": "huis-van-de-buurt-wolfsbos", "key": key})
    assert response.status_code == 409
    assert Visit.objects.count() == 1
