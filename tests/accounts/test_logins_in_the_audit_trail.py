"""Every login, failed login, second factor and logout is a line in the audit trail: who, with
what result, from where; never the password."""

import json

from django.urls import reverse

from naober.accounts.constants import AuditAction, AuditResult
from naober.accounts.models import AuditEvent
from tests.accounts.logging_in import type_code, type_password
from tests.staff import STAFF_PASSWORD, current_code, totp_device

WRONG = "Verkeerd-wachtwoord-1"


def lines():
    return [
        (e.action, e.actor, e.result, e.origin) for e in AuditEvent.objects.order_by("at", "id")
    ]


def test_a_failed_and_a_good_login_with_a_wrong_and_a_right_code(clock, client, host_nieuw_buinen):
    phone = totp_device(host_nieuw_buinen)
    type_password(client, "host-nieuw-buinen", WRONG, REMOTE_ADDR="192.0.2.10")
    type_password(client, "host-nieuw-buinen", REMOTE_ADDR="192.0.2.10")
    type_code(client, f"{(int(current_code(phone)) + 1) % 1_000_000:06d}")
    clock.shift(2)
    type_code(client, current_code(phone))
    client.post(reverse("accounts:logout"))

    host = "host-nieuw-buinen"
    assert lines() == [
        (AuditAction.LOGIN_FAILED, host, AuditResult.REFUSED, "192.0.2.10"),
        (AuditAction.LOGIN, host, AuditResult.OK, "192.0.2.10"),
        (AuditAction.SECOND_FACTOR, host, AuditResult.REFUSED, "127.0.0.1"),
        (AuditAction.SECOND_FACTOR, host, AuditResult.OK, "127.0.0.1"),
        (AuditAction.LOGOUT, host, AuditResult.OK, "127.0.0.1"),
    ]
    good_login = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert good_login.actor_id == host_nieuw_buinen.pk
    assert good_login.organisation == "Andes"


def test_a_user_name_that_does_not_exist_is_recorded_as_typed(clock, client, db):
    type_password(client, "onbekend", WRONG)
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.actor_id) == (
        AuditAction.LOGIN_FAILED,
        "onbekend",
        None,
    )


def test_no_password_ever_reaches_the_audit_trail(clock, client, host_nieuw_buinen):
    for _ in range(11):
        type_password(client, "host-nieuw-buinen", WRONG)
    type_password(client, "host-nieuw-buinen")
    assert AuditEvent.objects.count() >= 12
    everything = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert WRONG not in everything
    assert STAFF_PASSWORD not in everything
