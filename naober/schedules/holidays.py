"""Dutch public holidays, from the `holidays` package, without Django.

A holiday is known by its English name in that package ("King's Day"), which stays the same
whatever language the page is in. Places are closed on all of them unless they choose otherwise:
Good Friday and Liberation Day (5 May) differ per organisation.
"""

from datetime import date
from functools import lru_cache

import holidays

CATEGORIES = ("public", "optional")


@lru_cache(maxsize=64)
def _calendar(year: int, language: str) -> dict[date, str]:
    lang = "nl" if language.startswith("nl") else "en_US"
    return dict(holidays.NL(years=year, language=lang, categories=CATEGORIES))


def holiday_keys() -> list[str]:
    """Every holiday a place can choose to close on, in calendar order."""
    return list(_calendar(2025, "en").values())


def default_closed_holidays() -> list[str]:
    return holiday_keys()


def holiday_choices(language: str = "nl") -> list[tuple[str, str]]:
    """(key, name in the language) for every holiday, for a form's checkboxes."""
    return list(
        zip(_calendar(2025, "en").values(), _calendar(2025, language).values(), strict=True)
    )


def closing_days(
    start: date, end: date, closed_on: list[str] | set[str], language: str = "nl"
) -> dict[date, str]:
    """The days between start and end (inclusive) on which a place that closes on the holidays
    named in `closed_on` is closed, each with the holiday's name in `language`."""
    return dict(_closing_days(start, end, frozenset(closed_on or ()), language))


@lru_cache(maxsize=256)
def _closing_days(
    start: date, end: date, closed_on: frozenset[str], language: str
) -> tuple[tuple[date, str], ...]:
    result = []
    for year in range(start.year, end.year + 1):
        for day, key in sorted(_calendar(year, "en").items()):
            if not start <= day <= end:
                continue
            # The package joins two holidays on one day with "; " (Ascension Day fell on
            # Liberation Day in 2016), sorted per language: name only those the place closes for.
            shown = [each for each in key.split("; ") if each in closed_on]
            if shown:
                names = _names(language)
                result.append((day, "; ".join(names.get(each, each) for each in shown)))
    return tuple(result)


@lru_cache(maxsize=8)
def _names(language: str) -> dict[str, str]:
    """Each holiday's name in `language`, by its English key."""
    names = {}
    for year in (2024, 2025, 2026):
        for day, key in _calendar(year, "en").items():
            if "; " not in key:
                names[key] = _calendar(year, language)[day]
    return names
