"""A password alone opens no staff page: every page of the staff namespaces, and the admin, sends
a session that has not passed the second factor to the code page, whatever the method.

The pages come from the URL resolver, so a page added later is checked without anyone
remembering to add it here."""

from datetime import date

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from naober.accounts.models import ApiToken
from naober.desk.models import Visit
from tests.accounts.logging_in import type_password
from tests.staff import totp_device

# The login steps themselves: a password-only session is meant to reach these.
LOGIN_STEPS = {"accounts:login", "accounts:verify", "accounts:logout"}
DAY = date(2026, 11, 23)


def staff_url_names() -> list[tuple[str, list[str]]]:
    """(namespace:name, its parameters) for every route in the accounts and desk namespaces."""
    found = []
    for namespace in ("accounts", "desk"):
        _prefix, resolver = get_resolver().namespace_dict[namespace]
        for pattern in resolver.url_patterns:
            found.append((f"{namespace}:{pattern.name}", list(pattern.pattern.converters)))
    return found


@pytest.fixture
def arguments(nieuw_buinen, referral_to_lefier, host_nieuw_buinen):
    token, _ = ApiToken.issue(host_nieuw_buinen, "Laptop")
    visit = Visit.objects.create(place=nieuw_buinen, day=DAY)

    def fill(name: str, parameters: list[str]) -> dict:
        values = {
            "slug": nieuw_buinen.slug,
            "day": DAY,
            "visit": visit.pk,
            "pk": token.pk if name.startswith("accounts:") else referral_to_lefier.pk,
        }
        unknown = set(parameters) - set(values)
        assert not unknown, f"{name}: give a real value for {sorted(unknown)} here"
        return {parameter: values[parameter] for parameter in parameters}

    return fill


@pytest.fixture(params=["host_nieuw_buinen", "lefier_consultant", "coordinator_andes", "superuser"])
def password_only(request, clock, referral_to_lefier):
    """A client that typed the right password, and nothing more."""
    user = request.getfixturevalue(request.param)
    totp_device(user)
    client = Client()
    assert type_password(client, user.get_username()).status_code == 302
    return client


def test_the_login_steps_are_the_only_staff_routes_left_out():
    names = {name for name, _ in staff_url_names()}
    assert LOGIN_STEPS <= names
    assert len(names - LOGIN_STEPS) >= 15


def test_a_password_only_session_reaches_no_staff_page(password_only, arguments):
    paths = [
        reverse(name, kwargs=arguments(name, parameters))
        for name, parameters in staff_url_names()
        if name not in LOGIN_STEPS
    ]
    paths += [reverse("admin:index"), reverse("admin:accounts_auditevent_changelist")]
    for path in paths:
        for method in ("get", "post"):
            response = getattr(password_only, method)(path, follow=True)
            first_status = response.redirect_chain[0][1] if response.redirect_chain else None
            assert first_status == 302, f"{method.upper()} {path} answered {response.status_code}"
            assert response.request["PATH_INFO"] == reverse("accounts:verify"), (
                f"{method.upper()} {path} ended at {response.request['PATH_INFO']}"
            )


def test_after_the_code_the_same_session_gets_in(clock, host_nieuw_buinen):
    from tests.accounts.logging_in import log_in

    client = Client()
    log_in(client, host_nieuw_buinen, totp_device(host_nieuw_buinen))
    assert client.get(reverse("accounts:home")).status_code == 200
    assert (
        client.get(
            reverse("desk:desk_today", kwargs={"slug": "buurtkamer-nieuw-buinen"})
        ).status_code
        == 200
    )
