"""Production settings pass Django's deployment checklist, and the demo refuses to run with them."""

import os
import secrets
import subprocess
import sys

import pytest


def naober(tmp_path, *args, **env) -> subprocess.CompletedProcess:
    """Run the `naober` console script in a fresh Python with only these NAOBER_ variables set."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NAOBER_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-m", "naober", *args],
        env={**clean, "DATABASE_URL": f"sqlite:///{tmp_path / 'naober.sqlite3'}", **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def production() -> dict[str, str]:
    return {
        "NAOBER_HTTPS": "true",
        "NAOBER_SECRET_KEY": secrets.token_urlsafe(50),
        "NAOBER_ALLOWED_HOSTS": "naober.example",
        "NAOBER_SITE_URL": "https://naober.example",
    }


def test_production_settings_pass_the_deployment_checklist(tmp_path, production):
    done = naober(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **production)

    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_the_checklist_asks_for_the_site_address_for_passkeys(tmp_path, production):
    without_site = {key: value for key, value in production.items() if key != "NAOBER_SITE_URL"}

    done = naober(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **without_site)

    assert done.returncode != 0
    assert "naober.W001" in done.stderr and "NAOBER_SITE_URL" in done.stderr


def test_the_checklist_fails_without_https(tmp_path, production):
    plain_http = {**production, "NAOBER_HTTPS": "false"}

    done = naober(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **plain_http)

    assert done.returncode != 0
    assert "SECURE_SSL_REDIRECT" in done.stderr


def test_demo_mode_refuses_production_settings_in_one_sentence(tmp_path, production):
    done = naober(tmp_path, "check", **production, NAOBER_DEMO_MODE="true")

    assert done.returncode != 0
    assert "NAOBER_DEMO_MODE" in done.stderr and "NAOBER_HTTPS" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_demo_refuses_production_settings_before_touching_the_database(tmp_path, production):
    done = naober(tmp_path, "demo", "--no-serve", **production)

    assert done.returncode != 0
    assert "NAOBER_HTTPS" in done.stderr
    assert not (tmp_path / "naober.sqlite3").exists()
