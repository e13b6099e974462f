"""Ten wrong passwords in a row are allowed; the eleventh locks the account for an hour, so even
the right password is refused. django-axes counts, through the real login page."""

import pytest
from django.test import Client
from django.urls import reverse

from naober.accounts.constants import AuditAction, AuditResult
from naober.accounts.models import AuditEvent
from tests.accounts.logging_in import is_logged_in, text, type_password

WRONG = "Verkeerd-wachtwoord-1"


def wrong_passwords(client, times, username="host-nieuw-buinen", **extra):
    return [type_password(client, username, WRONG, **extra).status_code for _ in range(times)]


def test_ten_wrong_passwords_then_the_right_one_logs_in(client, clock, host_nieuw_buinen):
    assert wrong_passwords(client, 10) == [200] * 10
    response = type_password(client, "host-nieuw-buinen")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:setup"))
    assert is_logged_in(client)


def test_eleven_wrong_passwords_lock_the_account_even_against_the_right_one(
    client, clock, host_nieuw_buinen
):
    assert wrong_passwords(client, 11) == [200] * 10 + [403]
    response = type_password(client, "host-nieuw-buinen")
    assert response.status_code == 403
    assert not is_logged_in(client)
    page = text(response)
    assert "<h1>" in page and "60" in page
    assert 'action="/accounts/login/"' not in page


def test_the_lockout_is_in_the_audit_trail_under_the_accounts_name(
    client, clock, host_nieuw_buinen
):
    wrong_passwords(client, 11)
    type_password(client, "host-nieuw-buinen")
    events = AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT)
    assert events.count() == 2
    for event in events:
        assert (event.actor, event.actor_id, event.result, event.origin) == (
            "host-nieuw-buinen",
            host_nieuw_buinen.pk,
            AuditResult.REFUSED,
            "127.0.0.1",
        )


def test_the_account_is_locked_from_every_address(client, clock, host_nieuw_buinen):
    wrong_passwords(client, 11, REMOTE_ADDR="192.0.2.10")
    response = type_password(Client(), "host-nieuw-buinen", REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 403


def test_an_address_that_tries_many_accounts_is_locked_for_all_of_them(
    client, clock, host_nieuw_buinen
):
    for number in range(11):
        type_password(client, f"guess-{number}", WRONG, REMOTE_ADDR="192.0.2.10")
    assert type_password(Client(), "host-nieuw-buinen", REMOTE_ADDR="192.0.2.10").status_code == 403
    # From the office, the host is not affected.
    assert (
        type_password(Client(), "host-nieuw-buinen", REMOTE_ADDR="198.51.100.7").status_code == 302
    )


@pytest.mark.parametrize(("minutes", "status"), [(59, 403), (61, 302)])
def test_the_lock_ends_after_an_hour(client, clock, host_nieuw_buinen, minutes, status):
    wrong_passwords(client, 11)
    clock.shift(minutes * 60)
    assert type_password(client, "host-nieuw-buinen").status_code == status


def test_a_good_login_starts_the_count_again(client, clock, host_nieuw_buinen):
    wrong_passwords(client, 10)
    type_password(client, "host-nieuw-buinen")
    assert wrong_passwords(Client(), 10) == [200] * 10
    assert type_password(Client(), "host-nieuw-buinen").status_code == 302
