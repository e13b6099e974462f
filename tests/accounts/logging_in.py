"""Log in the way a browser does: the login form, then the code form."""

import html

from django.urls import reverse

from tests.staff import STAFF_PASSWORD, current_code


def type_password(client, username, password=STAFF_PASSWORD, *, next_page=None, **extra):
    data = {"username": username, "password": password}
    if next_page:
        data["next"] = next_page
    return client.post(reverse("accounts:login"), data, **extra)


def type_code(client, code, *, next_page=None, page="accounts:verify"):
    data = {"code": code}
    if next_page:
        data["next"] = next_page
    return client.post(reverse(page), data)


def log_in(client, user, device, *, next_page=None):
    """Password and code, as the person would; the answer to the code."""
    type_password(client, user.get_username(), next_page=next_page)
    return type_code(client, current_code(device), next_page=next_page)


def text(response) -> str:
    """The page as a person reads it: entities decoded."""
    return html.unescape(response.content.decode())


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session
