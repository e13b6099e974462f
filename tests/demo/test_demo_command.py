"""`naober demo`: migrate, load, a login for the admin, then serve."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import CommandError, call_command

from naober.demo import data
from naober.demo.management.commands import demo as demo_command
from naober.places.models import Place


def run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_without_serving_loads_an_empty_database_and_prints_the_login():
    assert not Place.objects.exists()

    output = run("--no-serve")

    assert Place.objects.count() == len(data.PLACES)
    assert "http://127.0.0.1:8000/beheer/" in output
    assert "coordinator" in output and "naober-demo" in output
    user = get_user_model().objects.get(username="coordinator")
    assert user.is_superuser and user.is_staff and user.check_password("naober-demo")


@pytest.mark.django_db
def test_running_the_demo_twice_keeps_one_login_with_the_demo_password():
    run("--no-serve")
    user = get_user_model().objects.get(username="coordinator")
    user.set_password("something-else")
    user.save()

    run("--no-serve")

    assert get_user_model().objects.get().check_password("naober-demo")


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
