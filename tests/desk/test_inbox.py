"""The list of referrals: the receiving organisation's inbox, and the status of what we sent."""

import pytest
from django.urls import reverse
from django.utils import translation

from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.desk.constants import Status
from naober.desk.referrals import change_status
from tests.staff import login

QUESTION = "Het dak lekt al drie weken boven de slaapkamer."


def english(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def sections(page: str) -> tuple[str, str]:
    """(sent to us, sent by us) of the list page; "" for a section that is not there."""
    main = page.split('<main id="main"', 1)[1]
    before, sent_by_us = main.split('id="sent-title"', 1)
    received = before.split('id="received-title"', 1)[1] if 'id="received-title"' in before else ""
    return received, sent_by_us


def test_the_lefier_consultant_finds_the_referral_in_the_inbox(
    client, lefier_consultant, referral_to_lefier
):
    login(client, lefier_consultant)

    received, _ = sections(client.get(english("desk:referrals")).content.decode())

    assert "Sent to us" in client.get(english("desk:referrals")).content.decode()
    assert f'href="{english("desk:referral", referral_to_lefier.pk)}"' in received
    for shown in ("Housing", "This week", "Buurtkamer Nieuw-Buinen", "Referred"):
        assert shown in received


@pytest.mark.parametrize("person", ["police_officer", "social_team_member"])
def test_other_partners_do_not_see_lefiers_referral(client, request, person, referral_to_lefier):
    login(client, request.getfixturevalue(person))

    page = client.get(english("desk:referrals")).content.decode()

    assert "Sent to us" in page
    assert "Nothing has been referred to you yet." in page
    assert "Buurtkamer Nieuw-Buinen" not in page
    assert english("desk:referral", referral_to_lefier.pk) not in page


def test_the_host_sees_only_the_status_of_what_they_referred(
    client, host_nieuw_buinen, referral_to_lefier
):
    login(client, host_nieuw_buinen)

    page = client.get(english("desk:referrals")).content.decode()

    received, sent = sections(page)
    assert received == ""
    for shown in ("Referred", "Housing", "Lefier"):
        assert shown in sent
    for hidden in (QUESTION, "06-12345678", "Jansen", "Liefst", "This week"):
        assert hidden not in page
    assert english("desk:referral", referral_to_lefier.pk) not in page


def test_the_status_flows_back_to_the_host(
    client, host_nieuw_buinen, lefier_consultant, referral_to_lefier
):
    change_status(referral_to_lefier, Status.ACCEPTED, by=lefier_consultant)
    login(client, host_nieuw_buinen)

    _, sent = sections(client.get(english("desk:referrals")).content.decode())

    assert "Accepted" in sent


def test_the_inbox_can_show_one_status(client, lefier_consultant, referral_to_lefier):
    login(client, lefier_consultant)
    inbox = english("desk:referrals")

    accepted, _ = sections(client.get(inbox, {"status": "accepted"}).content.decode())
    referred, _ = sections(client.get(inbox, {"status": "referred"}).content.decode())

    assert "No referrals with this status were sent to you." in accepted
    assert english("desk:referral", referral_to_lefier.pk) in referred


def test_an_unknown_status_in_the_address_shows_everything_and_says_so(
    client, lefier_consultant, referral_to_lefier
):
    login(client, lefier_consultant)

    response = client.get(english("desk:referrals"), {"status": "<script>"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is no such status; showing all referrals." in page
    assert english("desk:referral", referral_to_lefier.pk) in page
    assert "<script>" not in page.split('<main id="main"', 1)[1]


def test_reading_the_list_writes_no_audit_line(client, lefier_consultant, referral_to_lefier):
    login(client, lefier_consultant)
    before = AuditEvent.objects.count()

    client.get(english("desk:referrals"))

    assert AuditEvent.objects.count() == before
    assert not AuditEvent.objects.filter(action=AuditAction.REFERRAL_VIEWED).exists()


def test_the_list_needs_a_staff_login(client, referral_to_lefier):
    response = client.get(english("desk:referrals"))

    assert response.status_code == 302
    assert response["Location"].startswith(english("accounts:login"))
