"""Small helpers shared by the schedules tests."""

from datetime import date, time

from naober.schedules.openings import Opening


def hours(start: int, end: int) -> dict:
    return {"start_time": time(start), "end_time": time(end)}


def by_day(openings: list[Opening]) -> dict[date, Opening]:
    """The openings of a place with one opening a day, by local date."""
    found = {o.start.date(): o for o in openings}
    assert len(found) == len(openings), "expected one opening a day"
    return found
