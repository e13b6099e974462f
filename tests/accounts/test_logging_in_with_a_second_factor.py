"""A host logs in with her password and then the code from the app on her phone."""

from urllib.parse import urlencode

import pytest
from django.test import override_settings
from django.urls import reverse

from naober.accounts.forms import CodeForm, LoginForm
from tests.accounts.logging_in import is_logged_in, log_in, text, type_code, type_password
from tests.staff import current_code, totp_device

TOKENS = "/accounts/tokens/"


@pytest.fixture
def phone(host_nieuw_buinen):
    return totp_device(host_nieuw_buinen)


def test_the_password_leads_to_the_code_page_and_the_code_to_the_page_asked_for(
    client, clock, host_nieuw_buinen, phone
):
    response = type_password(client, "host-nieuw-buinen", next_page=TOKENS)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:verify')}?{urlencode({'next': TOKENS})}"

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f'name="next" value="{TOKENS}"' in page.content.decode()
    assert 'autocomplete="one-time-code"' in page.content.decode()

    response = type_code(client, current_code(phone), next_page=TOKENS)
    assert response.status_code == 302
    assert response["Location"] == TOKENS
    assert client.get(TOKENS).status_code == 200


def test_without_a_page_asked_for_she_arrives_at_my_work(client, clock, host_nieuw_buinen, phone):
    response = log_in(client, host_nieuw_buinen, phone)
    assert response["Location"] == reverse("accounts:home")


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/accounts/"])
def test_a_next_page_on_another_site_is_ignored(client, clock, host_nieuw_buinen, phone, elsewhere):
    response = log_in(client, host_nieuw_buinen, phone, next_page=elsewhere)
    assert response["Location"] == reverse("accounts:home")


def test_a_wrong_password_says_so_and_keeps_the_user_name(client, clock, host_nieuw_buinen):
    response = type_password(client, "host-nieuw-buinen", "Verkeerd-wachtwoord-1")
    assert response.status_code == 200
    page = text(response)
    message = LoginForm.error_messages["invalid_login"] % {"attempts": 11, "minutes": 60}
    assert str(message) in page
    assert 'value="host-nieuw-buinen"' in page
    assert "Verkeerd-wachtwoord-1" not in page
    # Both fields point screen readers at the message.
    assert page.count('aria-describedby="login-error"') == 2
    assert 'id="login-error"' in page
    assert not is_logged_in(client)


def test_a_switched_off_account_cannot_log_in(client, clock, host_nieuw_buinen):
    host_nieuw_buinen.is_active = False
    host_nieuw_buinen.save()
    response = type_password(client, "host-nieuw-buinen")
    assert response.status_code == 200
    assert not is_logged_in(client)


def test_a_wrong_code_says_so_and_she_can_try_again(client, clock, host_nieuw_buinen, phone):
    type_password(client, "host-nieuw-buinen")
    right = current_code(phone)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = type_code(client, wrong)
    assert response.status_code == 200
    assert response.context["form"].refusal() == "wrong"
    assert 'class="error" id="id_code_error"' in text(response)
    assert 'aria-invalid="true"' in text(response)
    assert client.get(reverse("accounts:home"))["Location"].startswith(reverse("accounts:verify"))

    # django-otp makes her wait a moment after a wrong code: at once, even the right one is refused.
    response = type_code(client, right)
    assert response.status_code == 200
    form = response.context["form"]
    assert isinstance(form, CodeForm) and form.refusal() == "throttled"

    clock.shift(2)
    response = type_code(client, current_code(phone))
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200


def test_letters_are_not_a_code(client, clock, host_nieuw_buinen, phone):
    type_password(client, "host-nieuw-buinen")
    response = type_code(client, "abcdef")
    assert response.context["form"].refusal() == "format"
    # A typo costs no waiting time: the right code works at once.
    assert type_code(client, current_code(phone)).status_code == 302


def test_the_code_may_be_typed_with_a_space_as_the_app_shows_it(
    client, clock, host_nieuw_buinen, phone
):
    type_password(client, "host-nieuw-buinen")
    code = current_code(phone)
    assert type_code(client, f"{code[:3]} {code[3:]}").status_code == 302


def test_the_same_code_does_not_open_a_second_session(client, clock, host_nieuw_buinen, phone):
    from django.test import Client

    code = current_code(phone)
    type_password(client, "host-nieuw-buinen")
    assert type_code(client, code).status_code == 302

    other = Client()
    type_password(other, "host-nieuw-buinen")
    assert type_code(other, code).status_code == 200


def test_the_code_page_without_a_password_sends_to_the_login(client):
    response = client.get(reverse("accounts:verify"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_person_without_an_app_is_sent_to_set_one_up(client, clock, host_nieuw_buinen):
    response = type_password(client, "host-nieuw-buinen", next_page=TOKENS)
    assert response["Location"] == f"{reverse('accounts:setup')}?{urlencode({'next': TOKENS})}"
    response = client.get(reverse("accounts:verify"), {"next": TOKENS})
    assert response["Location"] == f"{reverse('accounts:setup')}?{urlencode({'next': TOKENS})}"


@override_settings(NAOBER_REQUIRE_SECOND_FACTOR=False)
def test_in_the_demo_the_password_alone_is_enough(client, clock, host_nieuw_buinen):
    response = type_password(client, "host-nieuw-buinen", next_page=TOKENS)
    assert response["Location"] == TOKENS
    assert client.get(TOKENS).status_code == 200
    assert client.get(reverse("accounts:home")).status_code == 200
