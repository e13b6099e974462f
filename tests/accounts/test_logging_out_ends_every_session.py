"""Logging out on the tablet also logs the person out on the office PC; so does switching the
account off."""

from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from tests.staff import login

HOME = "/accounts/"


def is_sent_to_login(client) -> bool:
    response = client.get(HOME)
    return response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_logging_out_ends_the_session_on_the_other_device_too(host_nieuw_buinen):
    tablet, office = login(Client(), host_nieuw_buinen), login(Client(), host_nieuw_buinen)
    assert tablet.get(HOME).status_code == 200
    assert office.get(HOME).status_code == 200

    response = tablet.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]

    assert is_sent_to_login(tablet)
    assert is_sent_to_login(office)


def test_logging_out_leaves_other_people_logged_in(host_nieuw_buinen, lefier_consultant):
    host, partner = login(Client(), host_nieuw_buinen), login(Client(), lefier_consultant)
    host.post(reverse("accounts:logout"))
    assert partner.get(HOME).status_code == 200


def test_logging_out_needs_a_post(host_nieuw_buinen):
    client = login(Client(), host_nieuw_buinen)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(HOME).status_code == 200


def test_switching_an_account_off_ends_its_sessions(host_nieuw_buinen):
    tablet, office = login(Client(), host_nieuw_buinen), login(Client(), host_nieuw_buinen)
    host_nieuw_buinen.is_active = False
    host_nieuw_buinen.save()
    assert is_sent_to_login(tablet)
    assert is_sent_to_login(office)
    ended = AuditEvent.objects.get(action=AuditAction.SESSIONS_ENDED)
    assert (ended.actor, ended.detail) == ("host-nieuw-buinen", {"reason": "deactivated"})
