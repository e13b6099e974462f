"""'Open now, or next': with a theme, the next time someone for that theme is there."""

from datetime import datetime

import pytest

from naober.places.models import Theme
from naober.schedules.openings import current_or_next
from naober.schedules.recurrence import AMSTERDAM

# The first Monday of March 2026, during the morning opening: Andes, Lefier and the police.
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=AMSTERDAM)


def next_for(place, theme=""):
    return current_or_next([place], now=MONDAY, theme=theme)[place.pk]


def test_without_a_theme_the_opening_going_on_now(nieuw_buinen):
    assert next_for(nieuw_buinen).start == datetime(2026, 3, 2, 9, 0, tzinfo=AMSTERDAM)


def test_language_help_is_next_there_on_thursday_morning(nieuw_buinen):
    found = next_for(nieuw_buinen, "language")
    assert found.start == datetime(2026, 3, 5, 9, 0, tzinfo=AMSTERDAM)
    assert "language" in found.themes


def test_the_police_are_there_now_on_the_first_monday(nieuw_buinen):
    assert next_for(nieuw_buinen, "safety").start.date() == MONDAY.date()


@pytest.mark.parametrize("theme", ["carers", "youth"])
def test_a_theme_nobody_brings_falls_back_to_the_next_opening(nieuw_buinen, theme):
    assert next_for(nieuw_buinen, theme).start.date() == MONDAY.date()


def test_a_theme_the_place_takes_at_every_opening_needs_no_presence(nieuw_buinen):
    nieuw_buinen.themes.add(Theme.objects.get(code="language"))
    assert next_for(nieuw_buinen, "language").start.date() == MONDAY.date()


def test_after_the_morning_the_next_opening_is_tomorrow(nieuw_buinen):
    afternoon = MONDAY.replace(hour=13)
    found = current_or_next([nieuw_buinen], now=afternoon)[nieuw_buinen.pk]
    assert found.start == datetime(2026, 3, 3, 9, 0, tzinfo=AMSTERDAM)
