"""A passkey is a second way through the second step, never a way around the password or the
app: adding one needs a session that passed the second factor, using one needs the password
first, and every attempt is in the audit trail. (The browser test makes and uses a real one.)"""

from naober.accounts.constants import AuditAction, AuditResult
from naober.accounts.models import AuditEvent
from tests.accounts.logging_in import text, type_password
from tests.passkeys import make_passkey
from tests.staff import login, totp_device
from tests.test_security_headers import InlineCode, policy

API = "/accounts/passkeys/api/"


def ask(client, step):
    return client.post(f"{API}{step}/", "{}", content_type="application/json")


def test_a_password_alone_cannot_add_a_passkey(client, host_nieuw_buinen):
    # Not even for a person without an app yet: the library alone would allow that, and count
    # the new passkey as the second factor.
    login(client, host_nieuw_buinen, verified=False)

    response = ask(client, "registration/begin")

    assert response.status_code == 403
    assert response.json()["code"] == "user_not_verified"
    assert ask(client, "registration/complete").status_code == 403


def test_a_person_without_a_role_cannot_add_a_passkey(client, django_user_model):
    nobody = django_user_model.objects.create_user("no-role", password="x-Lang-genoeg-1")
    login(client, nobody)
    assert ask(client, "registration/begin").status_code == 403


def test_after_the_second_factor_she_may_add_one_for_this_site(client, host_nieuw_buinen):
    login(client, host_nieuw_buinen)

    response = ask(client, "registration/begin")

    assert response.status_code == 200
    assert response.json()["rp"]["id"] == "localhost"
    assert response.json()["user"]["name"] == "host-nieuw-buinen"


def test_nobody_logs_in_with_a_passkey_alone(client, host_nieuw_buinen):
    make_passkey(host_nieuw_buinen)

    response = ask(client, "authentication/begin")

    assert response.status_code == 403
    assert response.json()["code"] == "passwordless_login_disabled"


def test_a_wrong_answer_is_refused_and_in_the_audit_trail(client, host_nieuw_buinen):
    make_passkey(host_nieuw_buinen)
    totp_device(host_nieuw_buinen)
    type_password(client, "host-nieuw-buinen")
    assert ask(client, "authentication/begin").status_code == 200

    response = ask(client, "authentication/complete")

    assert response.status_code >= 400
    event = AuditEvent.objects.get(action=AuditAction.SECOND_FACTOR)
    assert event.result == AuditResult.REFUSED
    assert event.detail["method"] == "passkey"
    # Still only the password: no staff page.
    assert "/accounts/login/verify/" in client.get("/accounts/")["Location"]


def test_the_code_step_offers_her_passkey_beside_the_code(client, host_nieuw_buinen):
    make_passkey(host_nieuw_buinen)
    totp_device(host_nieuw_buinen)
    type_password(client, "host-nieuw-buinen")

    response = client.get("/en/accounts/login/verify/")

    page = text(response)
    assert "Code from your app" in page
    assert "Use a passkey" in page
    assert policy(response)["script-src"] == ["'self'"]
    parser = InlineCode()
    parser.feed(response.content.decode())
    assert parser.found == []


def test_without_a_passkey_the_code_step_is_as_before(client, host_nieuw_buinen):
    totp_device(host_nieuw_buinen)
    type_password(client, "host-nieuw-buinen")

    page = client.get("/en/accounts/login/verify/").content.decode()

    assert "Use a passkey" not in page
    assert "otp_webauthn" not in page


def test_with_only_a_passkey_left_she_is_asked_for_it_not_to_set_up_an_app(
    client, host_nieuw_buinen
):
    # The app was removed in the admin, the passkey is still there: she must use the passkey;
    # a password alone must not be enough to set up a new app.
    make_passkey(host_nieuw_buinen)
    type_password(client, "host-nieuw-buinen")

    response = client.get("/en/accounts/login/verify/")

    assert response.status_code == 200
    assert "Use your passkey" in text(response)
    setup = client.get("/en/accounts/login/setup/")
    assert setup.status_code == 302
    assert "/accounts/login/verify/" in setup["Location"]
