"""Settings come from environment variables; a wrong value is named, not guessed."""

import os
import subprocess
import sys

import pytest


def settings_with(**env) -> subprocess.CompletedProcess:
    """Load naober's settings in a fresh Python with only these NAOBER_ variables set."""
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'naober.settings'; "
        "from django.conf import settings; "
        "print(settings.CACHES['default']['BACKEND'], settings.DEBUG, "
        "settings.DATABASES['default']['ENGINE'])"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NAOBER_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_defaults_need_nothing_but_python():
    assert settings_with().stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "False",
        "django.db.backends.sqlite3",
    ]


@pytest.mark.parametrize(
    "env, message",
    [
        ({"NAOBER_DEBUG": "maybe"}, "NAOBER_DEBUG must be true or false, not 'maybe'"),
        ({"NAOBER_GUIDE_CACHE_SECONDS": "a minute"}, "must be a whole number, not 'a minute'"),
    ],
)
def test_a_wrong_value_is_named(env, message):
    done = settings_with(**env)
    assert done.returncode != 0
    assert message in done.stderr
