"""The demo data set, loaded as if on Monday 2 March 2026."""

from datetime import date

import pytest

from naober.demo.load import load

LOADED_ON = date(2026, 3, 2)


@pytest.fixture
def demo(db):
    return load(today=LOADED_ON)
