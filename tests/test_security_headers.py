"""Every answer tells the browser to be strict: a Content Security Policy that allows nothing from
elsewhere and no framing, no MIME sniffing, no referrer to other sites; staff pages are never
stored; with production settings HTTPS is enforced (HSTS and a redirect from http)."""

import json
import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

import naober
from tests.staff import login

# Real answers of every kind: guide pages, a calendar feed, the API (JSON, its document, an
# error, its docs page), the 404 page, the staff login and the admin's redirect to its login.
ANSWERS = [
    ("/", 200),
    ("/?q=9521", 200),
    ("/plek/buurtkamer-nieuw-buinen/", 200),
    ("/gemeente/borger-odoorn/", 200),
    ("/plek/buurtkamer-nieuw-buinen/agenda.ics", 200),
    ("/api/v1/places", 200),
    ("/api/v1/openapi.json", 200),
    ("/api/v1/places/999999", 404),
    ("/api/v1/docs", 200),
    ("/bestaat-niet/", 404),
    ("/accounts/login/", 200),
    ("/beheer/", 302),
]


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineCode(HTMLParser):
    """Finds what the policy would block: inline scripts (data blocks in JSON are fine), event
    handler attributes, <style> elements and style attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.found.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        if "style" in attrs:
            self.found.append(f"style attribute on <{tag}> at line {self.getpos()[0]}")
        for name in attrs:
            if name.startswith("on"):
                self.found.append(f"{name} handler on <{tag}> at line {self.getpos()[0]}")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("path, status", ANSWERS)
def test_every_answer_carries_the_security_headers(client, nieuw_buinen, path, status):
    response = client.get(path)

    assert response.status_code == status
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    # Only with production settings, over HTTPS (below).
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize("path", [path for path, status in ANSWERS if status == 200])
def test_no_page_needs_inline_code_the_policy_would_block(client, nieuw_buinen, path):
    response = client.get(path)

    if response["Content-Type"].startswith("text/html"):
        assert inline_code(response.content.decode()) == []


def test_no_template_has_inline_scripts_or_styles():
    templates = sorted(Path(naober.__file__).parent.glob("**/templates/**/*.html"))
    assert templates

    found = {
        str(template): problems
        for template in templates
        if (problems := inline_code(template.read_text()))
    }

    assert found == {}


def test_the_admin_keeps_working_under_the_policy(client, superuser, nieuw_buinen):
    login(client, superuser)
    for path in (
        "/beheer/",
        "/beheer/places/place/",
        f"/beheer/places/place/{nieuw_buinen.pk}/change/",
        "/beheer/places/place/add/",
    ):
        response = client.get(path)

        assert response.status_code == 200, path
        assert policy(response)["script-src"] == ["'self'"]
        assert inline_code(response.content.decode()) == [], path


@pytest.mark.parametrize("path", ["/accounts/login/", "/balie/", "/beheer/"])
def test_staff_pages_are_never_stored(client, db, path):
    response = client.get(path)

    assert "no-store" in response["Cache-Control"]


def test_guide_pages_may_be_stored(client, nieuw_buinen):
    response = client.get("/plek/buurtkamer-nieuw-buinen/")

    assert "no-store" not in response.get("Cache-Control", "")


# With production settings, in a fresh Python: settings are read once per process.
PRODUCTION_SCRIPT = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "naober.settings"
import django
django.setup()
from django.core.management import call_command
from django.test import Client

call_command("migrate", verbosity=0)
client = Client(HTTP_HOST="naober.example")
answers = {}
for path in ("/", "/api/v1/places", "/accounts/login/"):
    for how, extra in (
        ("https", {"secure": True}),
        ("proxied https", {"HTTP_X_FORWARDED_PROTO": "https"}),
        ("http", {}),
        ("proxied http", {"HTTP_X_FORWARDED_PROTO": "http"}),
    ):
        response = client.get(path, **extra)
        answers[f"{how} {path}"] = {
            "status": response.status_code,
            "location": response.get("Location", ""),
            "hsts": response.get("Strict-Transport-Security", ""),
            "csp": response.get("Content-Security-Policy", ""),
            "secure_cookies": sorted(n for n, c in response.cookies.items() if c["secure"]),
            "cookies": sorted(response.cookies),
        }
print(json.dumps(answers))
"""


def production_env(tmp_path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NAOBER_", "DATABASE_URL"))}
    return {
        **clean,
        "NAOBER_HTTPS": "true",
        "NAOBER_SECRET_KEY": secrets.token_urlsafe(50),
        "NAOBER_ALLOWED_HOSTS": "naober.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'naober.sqlite3'}",
    }


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict[str, dict]:
    tmp_path = tmp_path_factory.mktemp("production")
    done = subprocess.run(
        [sys.executable, "-c", PRODUCTION_SCRIPT],
        env=production_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("path", ["/", "/api/v1/places", "/accounts/login/"])
def test_with_production_settings_https_answers_carry_hsts(production, path):
    for how in ("https", "proxied https"):
        answer = production[f"{how} {path}"]

        assert answer["status"] == 200
        assert answer["hsts"] == "max-age=63072000; includeSubDomains; preload"
        assert "frame-ancestors 'none'" in answer["csp"]


@pytest.mark.parametrize("path", ["/", "/api/v1/places", "/accounts/login/"])
def test_with_production_settings_plain_http_is_sent_to_https(production, path):
    for how in ("http", "proxied http"):
        answer = production[f"{how} {path}"]

        assert answer["status"] == 301
        assert answer["location"] == f"https://naober.example{path}"
        assert answer["hsts"] == ""


def test_with_production_settings_cookies_go_over_https_only(production):
    answer = production["https /accounts/login/"]

    assert "csrftoken" in answer["cookies"]
    assert answer["secure_cookies"] == answer["cookies"]
