"""One referral's page: only the receiving organisation reads the question and contact details,
and every time it does, the audit trail says so."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.desk.constants import Erasure
from naober.desk.retention import erase_personal_data
from tests.staff import login

QUESTION = "Het dak lekt al drie weken boven de slaapkamer."
PHONE = "06-12345678"


def english(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def test_the_lefier_consultant_reads_the_question_and_how_to_reach_the_resident(
    client, lefier_consultant, referral_to_lefier
):
    login(client, lefier_consultant)

    response = client.get(english("desk:referral", referral_to_lefier.pk))

    assert response.status_code == 200
    page = response.content.decode()
    for shown in (
        QUESTION,
        "Mevrouw Jansen",
        PHONE,
        'href="tel:0612345678"',
        "By phone",
        "This week",
        "Andes, Buurtkamer Nieuw-Buinen",
        "The resident&#x27;s explicit consent",
        "Yes, at the desk",
    ):
        assert shown in page
    assert response["Cache-Control"].count("no-store") == 1


def test_each_view_of_the_personal_data_is_in_the_audit_trail_without_the_data(
    client, lefier_consultant, referral_to_lefier
):
    login(client, lefier_consultant)

    client.get(english("desk:referral", referral_to_lefier.pk))
    client.get(english("desk:referral", referral_to_lefier.pk))

    views = AuditEvent.objects.filter(action=AuditAction.REFERRAL_VIEWED)
    assert [(line.actor, line.organisation, line.object_id) for line in views] == [
        ("lefier", "Lefier", str(referral_to_lefier.pk))
    ] * 2
    for line in views:
        written = str(line.detail) + line.subject
        assert QUESTION not in written and PHONE not in written and "Jansen" not in written


@pytest.mark.parametrize(
    "person",
    [
        "police_officer",
        "social_team_member",
        "host_nieuw_buinen",
        "host_wolfsbos",
        "coordinator_andes",
        "superuser",
    ],
)
def test_nobody_else_finds_the_page(client, request, person, referral_to_lefier):
    login(client, request.getfixturevalue(person))

    response = client.get(english("desk:referral", referral_to_lefier.pk))

    assert response.status_code == 404
    page = response.content.decode()
    assert QUESTION not in page and PHONE not in page
    assert not AuditEvent.objects.filter(action=AuditAction.REFERRAL_VIEWED).exists()


def test_a_referral_that_does_not_exist_is_not_found(client, lefier_consultant, referral_to_lefier):
    login(client, lefier_consultant)

    assert client.get(english("desk:referral", referral_to_lefier.pk + 1000)).status_code == 404


def test_after_erasure_the_page_says_plainly_that_the_data_is_gone(
    client, lefier_consultant, referral_to_lefier
):
    with time_machine.travel(datetime(2026, 12, 1, 9, 0, tzinfo=UTC), tick=False):
        erase_personal_data(referral_to_lefier, reason=Erasure.REQUEST)
    login(client, lefier_consultant)

    page = client.get(english("desk:referral", referral_to_lefier.pk)).content.decode()

    assert (
        "The question and the resident's contact details were deleted on 1 December 2026 "
        "(The resident asked)." in page
    )
    assert QUESTION not in page and PHONE not in page and "Jansen" not in page
    assert "Housing" in page
    # Nothing personal was shown, so there is no view to record.
    assert not AuditEvent.objects.filter(action=AuditAction.REFERRAL_VIEWED).exists()


def test_the_page_needs_the_second_factor(client, lefier_consultant, referral_to_lefier):
    login(client, lefier_consultant, verified=False)

    response = client.get(english("desk:referral", referral_to_lefier.pk))

    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditAction.REFERRAL_VIEWED).exists()
