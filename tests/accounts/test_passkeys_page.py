"""A host keeps her passkeys on a page of her own: only after the second factor, only her own
passkeys, each removable (audited); the page says a passkey needs JavaScript, and the browser
gets the same strict policy as everywhere (the library's script is a file, its settings a JSON
data block)."""

from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.accounts.passkeys import Passkey
from tests.accounts.logging_in import text
from tests.passkeys import make_passkey
from tests.staff import login
from tests.test_security_headers import InlineCode, policy

PASSKEYS = "/en/accounts/passkeys/"


def remove_url(passkey) -> str:
    return f"/en/accounts/passkeys/{passkey.pk}/remove/"


def test_a_password_alone_does_not_open_the_passkeys_page(client, host_nieuw_buinen):
    passkey = make_passkey(host_nieuw_buinen)
    login(client, host_nieuw_buinen, verified=False)

    for response in (client.get(PASSKEYS), client.post(remove_url(passkey))):
        assert response.status_code == 302
        assert "/accounts/login/verify/" in response["Location"]
    assert Passkey.objects.filter(pk=passkey.pk).exists()


def test_the_page_lists_only_her_own_passkeys(client, host_nieuw_buinen, lefier_consultant):
    make_passkey(host_nieuw_buinen, "Laptop balie")
    make_passkey(lefier_consultant, "Sleutel Lefier")
    login(client, host_nieuw_buinen)

    page = text(client.get(PASSKEYS))

    assert "Laptop balie" in page
    assert "Sleutel Lefier" not in page
    assert "Add a passkey" in page
    assert "needs JavaScript" in page


def test_she_removes_a_passkey_and_the_audit_trail_says_so(client, host_nieuw_buinen):
    passkey = make_passkey(host_nieuw_buinen, "Oude telefoon")
    login(client, host_nieuw_buinen)

    response = client.post(remove_url(passkey), follow=True)

    assert "Oude telefoon" in text(response)  # the message says which one
    assert not Passkey.objects.filter(pk=passkey.pk).exists()
    assert "You have no passkeys yet." in text(response)
    event = AuditEvent.objects.get(action=AuditAction.PASSKEY_REMOVED)
    assert (event.actor, event.object_id) == ("host-nieuw-buinen", str(passkey.pk))


def test_another_persons_passkey_is_not_found(client, host_nieuw_buinen, lefier_consultant):
    theirs = make_passkey(lefier_consultant)
    login(client, host_nieuw_buinen)

    assert client.post(remove_url(theirs)).status_code == 404
    assert Passkey.objects.filter(pk=theirs.pk).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.PASSKEY_REMOVED).exists()


def test_removing_is_a_post(client, host_nieuw_buinen):
    passkey = make_passkey(host_nieuw_buinen)
    login(client, host_nieuw_buinen)

    assert client.get(remove_url(passkey)).status_code == 405
    assert Passkey.objects.filter(pk=passkey.pk).exists()


def test_the_page_keeps_the_strict_policy(client, host_nieuw_buinen):
    login(client, host_nieuw_buinen)
    response = client.get(PASSKEYS)

    assert policy(response)["script-src"] == ["'self'"]
    assert "no-store" in response["Cache-Control"]
    parser = InlineCode()
    parser.feed(response.content.decode())
    assert parser.found == []
    page = response.content.decode()
    assert 'id="otp_webauthn_config" type="application/json"' in page
    assert 'src="/static/django_otp_webauthn/otp_webauthn_register.js"' in page


def test_my_work_links_to_the_passkeys(client, host_nieuw_buinen):
    login(client, host_nieuw_buinen)
    assert 'href="/en/accounts/passkeys/"' in text(client.get("/en/accounts/"))
