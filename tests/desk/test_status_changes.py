"""Following a referral up: the receiving organisation accepts, contacts and closes it (or
declines it); only along the allowed steps, and never by the side that referred it."""

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from naober.accounts.constants import AuditAction, AuditResult
from naober.accounts.models import AuditEvent
from naober.desk.constants import Outcome, Status
from naober.desk.models import Referral, StatusChange
from tests.staff import login

QUESTION = "Het dak lekt al drie weken boven de slaapkamer."
PHONE = "06-12345678"


def english(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def as_lefier(client, lefier_consultant):
    return login(client, lefier_consultant)


def post_status(client, referral, status, outcome=None):
    data = {"status": status, **({"outcome": outcome} if outcome else {})}
    return client.post(english("desk:referral_status", referral.pk), data, follow=True)


def test_lefier_accepts_contacts_and_closes_with_an_outcome(
    client, lefier_consultant, referral_to_lefier
):
    with time_machine.travel(datetime(2026, 11, 24, 9, 0, tzinfo=UTC), tick=False) as clock:
        login(client, lefier_consultant)
        page = client.get(english("desk:referral", referral_to_lefier.pk)).content.decode()
        assert "Accept: we take this up" in page and "Decline: not for us" in page

        accepted = post_status(client, referral_to_lefier, Status.ACCEPTED)
        clock.shift(600)
        contacted = post_status(client, referral_to_lefier, Status.CONTACTED)
        clock.shift(600)
        closed = post_status(client, referral_to_lefier, Status.CLOSED, Outcome.HELPED)

    assert accepted.redirect_chain == [(english("desk:referral", referral_to_lefier.pk), 303)]
    assert "The referral is now “Accepted”." in accepted.content.decode()
    assert "We have contacted the resident" in accepted.content.decode()
    assert "The referral is now “Resident contacted”." in contacted.content.decode()
    page = closed.content.decode()
    assert "The referral is now “Closed”." in page
    assert "This referral is finished. Nothing more to do." in page
    assert "24 November 2026, 10:20: Closed – Helped (Lefier)" in re.sub(r"<[^>]+>", "", page)
    referral = Referral.objects.get()
    assert (referral.status, referral.outcome) == (Status.CLOSED, Outcome.HELPED)
    assert [(c.from_status, c.to_status) for c in StatusChange.objects.all()] == [
        (Status.REFERRED, Status.ACCEPTED),
        (Status.ACCEPTED, Status.CONTACTED),
        (Status.CONTACTED, Status.CLOSED),
    ]
    # When the question and contact details go (the retention period after closing).
    assert "The question and contact details are deleted on" in page


def test_a_closed_referral_cannot_be_accepted_again(
    as_lefier, lefier_consultant, referral_to_lefier
):
    from naober.desk.referrals import change_status

    change_status(referral_to_lefier, Status.ACCEPTED, by=lefier_consultant)
    change_status(referral_to_lefier, Status.CLOSED, by=lefier_consultant, outcome=Outcome.HELPED)
    changes = StatusChange.objects.count()

    response = post_status(as_lefier, referral_to_lefier, Status.ACCEPTED)

    assert response.status_code == 400
    assert "A referral that is “Closed” cannot become “Accepted”." in response.content.decode()
    assert Referral.objects.get().status == Status.CLOSED
    assert StatusChange.objects.count() == changes


def test_closing_needs_the_outcome_and_says_so_at_the_outcome(as_lefier, referral_to_lefier):
    post_status(as_lefier, referral_to_lefier, Status.ACCEPTED)

    response = post_status(as_lefier, referral_to_lefier, Status.CLOSED)

    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_outcome_error"' in page
    assert "Choose the outcome before closing." in page
    assert 'aria-describedby="id_outcome_error"' in page
    assert 'href="#id_outcome_0"' in page
    assert Referral.objects.get().status == Status.ACCEPTED


@pytest.mark.parametrize("status", ["finished", ""])
def test_an_unknown_status_changes_nothing(as_lefier, referral_to_lefier, status):
    response = post_status(as_lefier, referral_to_lefier, status)

    assert response.status_code == 400
    assert Referral.objects.get().status == Status.REFERRED
    assert not StatusChange.objects.exists()


@pytest.mark.parametrize(
    "person", ["host_nieuw_buinen", "police_officer", "social_team_member", "coordinator_andes"]
)
def test_nobody_but_the_receiving_organisation_can_change_the_status(
    client, request, person, referral_to_lefier
):
    login(client, request.getfixturevalue(person))

    response = client.post(
        english("desk:referral_status", referral_to_lefier.pk), {"status": Status.DECLINED}
    )

    assert response.status_code == 404
    assert Referral.objects.get().status == Status.REFERRED
    assert not StatusChange.objects.exists()


def test_opening_the_status_address_changes_nothing(as_lefier, referral_to_lefier):
    response = as_lefier.get(english("desk:referral_status", referral_to_lefier.pk))

    assert response.status_code == 405
    assert not StatusChange.objects.exists()


def test_each_status_change_is_in_the_audit_trail_without_resident_text(
    as_lefier, referral_to_lefier
):
    post_status(as_lefier, referral_to_lefier, Status.ACCEPTED)
    post_status(as_lefier, referral_to_lefier, Status.CLOSED, Outcome.NO_CONTACT)
    post_status(as_lefier, referral_to_lefier, Status.ACCEPTED)

    lines = AuditEvent.objects.filter(action=AuditAction.REFERRAL_STATUS).order_by("pk")
    assert [(line.actor, line.result, line.detail) for line in lines] == [
        ("lefier", AuditResult.OK, {"from": "referred", "to": "accepted"}),
        ("lefier", AuditResult.OK, {"from": "accepted", "to": "closed", "outcome": "no_contact"}),
    ]
    everything = " ".join(str(line.detail) + line.subject for line in AuditEvent.objects.all())
    assert QUESTION not in everything and PHONE not in everything and "Jansen" not in everything


def test_the_referring_host_sees_the_decline(
    client, as_lefier, referral_to_lefier, host_nieuw_buinen
):
    post_status(as_lefier, referral_to_lefier, Status.DECLINED)
    as_lefier.logout()
    login(client, host_nieuw_buinen)

    page = client.get(english("desk:referrals")).content.decode()

    assert "Declined" in page
