"""`naober demo`: migrate, load the places, the people and their desk work, then serve."""

import os
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core import management
from django.core.management import CommandError, call_command
from django.test import override_settings

from naober.__main__ import main
from naober.demo import data
from naober.demo.management.commands import demo as demo_command
from naober.desk.models import Referral, Visit
from naober.places.models import Place


def run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
@override_settings(NAOBER_DEMO_PASSWORD="gekozen-demo-wachtwoord")
def test_demo_without_serving_loads_an_empty_database_and_prints_the_logins():
    assert not Place.objects.exists()

    output = run("--no-serve")

    assert Place.objects.count() == len(data.PLACES)
    assert "http://127.0.0.1:8000/accounts/login/" in output
    assert "http://127.0.0.1:8000/beheer/" in output
    for username in [person["username"] for person in data.PEOPLE] + ["admin"]:
        assert username in output
        user = get_user_model().objects.get(username=username)
        assert user.check_password("gekozen-demo-wachtwoord")
    assert "gekozen-demo-wachtwoord" in output
    assert Referral.objects.filter(invented=True).count() == len(data.REFERRALS)
    assert Visit.objects.filter(invented=True).exists()


@pytest.mark.django_db
@override_settings(NAOBER_DEMO_PASSWORD="")
def test_running_the_demo_twice_keeps_the_accounts_with_the_new_password_it_prints():
    run("--no-serve")
    first = dict(get_user_model().objects.values_list("username", "pk"))
    referrals, visits = Referral.objects.count(), Visit.objects.count()

    output = run("--no-serve")

    assert dict(get_user_model().objects.values_list("username", "pk")) == first
    password = re.search(r": (\w{16})$", output, re.MULTILINE).group(1)
    for user in get_user_model().objects.all():
        assert user.check_password(password), user.username
    assert (Referral.objects.count(), Visit.objects.count()) == (referrals, visits)


@pytest.mark.django_db
@override_settings(HTTPS=True)
def test_the_demo_refuses_production_settings():
    with pytest.raises(CommandError, match="NAOBER_HTTPS"):
        run("--no-serve")

    assert not Place.objects.exists()
    assert not get_user_model().objects.exists()


def test_the_console_script_turns_demo_mode_on_for_the_demo_only(monkeypatch):
    seen = {}

    def fake_execute(argv):
        seen[argv[1]] = os.environ.get("NAOBER_DEMO_MODE")

    # Through monkeypatch, so the variable main() sets is taken away again after the test.
    monkeypatch.setenv("NAOBER_DEMO_MODE", "false")
    monkeypatch.setattr(management, "execute_from_command_line", fake_execute)

    main(["migrate"])
    main(["demo", "--no-serve"])

    assert seen == {"migrate": "false", "demo": "true"}


@pytest.mark.django_db
def test_loading_alone_creates_no_login(demo):
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_it_serves_on_the_given_address_without_the_reloader_and_with_plain_static_names(
    monkeypatch,
):
    served = {}
    real_call_command = demo_command.call_command

    def fake_call_command(name, *args, **options):
        if name != "runserver":
            return real_call_command(name, *args, **options)
        served.update(args=args, options=options, css=staticfiles_storage.url("guide/guide.css"))

    monkeypatch.setattr(demo_command, "call_command", fake_call_command)

    output = run("127.0.0.1:8799")

    assert served["args"] == ("127.0.0.1:8799",)
    assert served["options"] == {"use_reloader": False}
    # Without `collectstatic` a manifest storage would fail here; a fresh checkout uses plain names.
    assert served["css"] == "/static/guide/guide.css"
    assert "http://127.0.0.1:8799/" in output


@pytest.mark.parametrize("addrport", ["127.0.0.1:http", "127.0.0.1:70000", "localhost:"])
@pytest.mark.django_db
def test_a_wrong_address_is_named_before_anything_happens(addrport):
    with pytest.raises(CommandError, match="127.0.0.1:PORT"):
        run(addrport)

    assert not Place.objects.exists()
