"""The survey's browser tests use the guide's browser fixtures (Chromium, a page per test, axe) and
an open survey for Nieuw-Buinen."""

import pytest

from naober.planning.models import Survey
from tests.browser.conftest import (  # noqa: F401  (fixtures)
    assert_accessible,
    axe,
    browser,
    new_page,
    page,
)


@pytest.fixture
def live_survey(django_db_serialized_rollback, borger_odoorn) -> Survey:
    """Live-server tests empty the database afterwards; the serialized rollback brings back the
    question themes before the next one."""
    return Survey.objects.create(
        municipality=borger_odoorn,
        village="Nieuw-Buinen",
        slug="nieuw-buinen",
        introduction="Wij willen weten wat u nodig hebt.",
    )
