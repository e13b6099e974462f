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
    closed_on = set(closed_on)
    result = {}
    for year in range(start.year, end.year + 1):
        keys = _calendar(year, "en")
        names = _calendar(year, language)
        for day, key in keys.items():
            # The package joins two holidays on one day with "; ".
            if start <= day <= end and closed_on.intersection(key.split("; ")):
                result[day] = names[day]
    return result
