"""The first login: the person scans a QR code with an authenticator app and types its code."""

import re
from base64 import b32decode
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from naober.accounts.constants import AuditAction, AuditResult
from naober.accounts.models import AuditEvent
from tests.accounts.logging_in import text, type_code, type_password
from tests.staff import totp_device

TOKENS = "/accounts/tokens/"


def typed_secret(page: str) -> str:
    """The key as the page shows it for typing by hand, without the spaces."""
    groups = re.findall(r'<span class="secret__group">([A-Z2-7]{4})</span>', page)
    assert groups, "the page shows the key in groups of four"
    return "".join(groups)


def code_for(secret: str) -> str:
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


@pytest.fixture
def setup_page(client, clock, host_nieuw_buinen):
    response = type_password(client, "host-nieuw-buinen", next_page=TOKENS)
    assert response["Location"].startswith(reverse("accounts:setup"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    return text(page)


def test_the_page_shows_a_qr_code_drawn_on_the_page_and_the_key_to_type(setup_page):
    assert re.search(r'<svg [^>]*role="img"', setup_page)
    assert "<img" not in setup_page.split("<main", 1)[1]
    assert "<script" not in setup_page
    assert len(typed_secret(setup_page)) == 32


def test_looking_at_the_page_enrols_nothing(setup_page, host_nieuw_buinen):
    assert not TOTPDevice.objects.filter(user=host_nieuw_buinen).exists()


def test_reloading_the_page_keeps_the_same_key(client, setup_page):
    again = text(client.get(reverse("accounts:setup"), {"next": TOKENS}))
    assert typed_secret(again) == typed_secret(setup_page)


def test_the_first_good_code_confirms_the_app_and_opens_the_page_asked_for(
    client, setup_page, host_nieuw_buinen
):
    response = type_code(
        client, code_for(typed_secret(setup_page)), next_page=TOKENS, page="accounts:setup"
    )
    assert response.status_code == 302
    assert response["Location"] == TOKENS
    assert client.get(TOKENS).status_code == 200
    device = TOTPDevice.objects.get(user=host_nieuw_buinen)
    assert device.confirmed
    event = AuditEvent.objects.filter(action=AuditAction.SECOND_FACTOR).get()
    assert (event.actor, event.result, event.detail) == (
        "host-nieuw-buinen",
        AuditResult.OK,
        {"step": "setup"},
    )


def test_the_qr_code_holds_the_same_key(setup_page, host_nieuw_buinen):
    from naober.accounts.views import qr_svg

    secret = typed_secret(setup_page)
    device = TOTPDevice(user=host_nieuw_buinen, key=b32decode(secret).hex())
    uri = device.config_url
    assert parse_qs(urlsplit(uri).query)["secret"] == [secret]
    assert qr_svg(uri) in setup_page


def test_a_wrong_code_enrols_nothing_and_the_page_says_so(client, setup_page, host_nieuw_buinen):
    right = code_for(typed_secret(setup_page))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = type_code(client, wrong, page="accounts:setup")
    assert response.status_code == 200
    assert response.context["form"].refusal() == "wrong"
    assert typed_secret(text(response)) == typed_secret(setup_page)
    assert not TOTPDevice.objects.filter(user=host_nieuw_buinen, confirmed=True).exists()
    still_out = client.get(reverse("accounts:home"), follow=True)
    assert still_out.request["PATH_INFO"] == reverse("accounts:setup")


def test_a_person_who_has_an_app_cannot_enrol_another_with_the_password_alone(
    client, clock, host_nieuw_buinen
):
    totp_device(host_nieuw_buinen)
    type_password(client, "host-nieuw-buinen")
    response = client.get(reverse("accounts:setup"))
    assert response["Location"].startswith(reverse("accounts:verify"))
    response = client.post(reverse("accounts:setup"), {"code": "123456"})
    assert response["Location"].startswith(reverse("accounts:verify"))
    assert TOTPDevice.objects.filter(user=host_nieuw_buinen).count() == 1


def test_the_setup_page_without_a_password_sends_to_the_login(clock):
    response = Client().get(reverse("accounts:setup"))
    assert response["Location"].startswith(reverse("accounts:login"))
