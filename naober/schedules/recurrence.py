"""Recurring rules to dates and times, without Django.

A rule says on which days something happens, with RFC 5545 semantics (python-dateutil expands
it): weekly on given weekdays, or monthly on the n-th or last given weekday, every `interval`
weeks or months, from `valid_from` until `valid_until` (both inclusive). Times are wall-clock
times in Europe/Amsterdam: 9:00 stays 9:00 on both sides of a daylight-saving change.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil import rrule

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

WEEKLY = "weekly"
MONTHLY = "monthly"
FREQUENCIES = {WEEKLY: rrule.WEEKLY, MONTHLY: rrule.MONTHLY}
RRULE_WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
ICAL_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class RuleError(ValueError):
    """A rule that cannot happen, with a message that says why."""


@dataclass(frozen=True)
class Rule:
    frequency: str
    weekdays: tuple[int, ...]
    valid_from: date
    valid_until: date | None = None
    # Monthly only: 1 to 4 for the first to fourth, -1 for the last given weekday of the month.
    week_of_month: int | None = None
    interval: int = 1

    def __post_init__(self) -> None:
        for problem in problems(self):
            raise RuleError(problem)

    def _rrule(self, until: date | None = None) -> rrule.rrule:
        if self.frequency == MONTHLY:
            byweekday = [RRULE_WEEKDAYS[d](self.week_of_month) for d in self.weekdays]
        else:
            byweekday = [RRULE_WEEKDAYS[d] for d in self.weekdays]
        ends = [d for d in (self.valid_until, until) if d is not None]
        return rrule.rrule(
            FREQUENCIES[self.frequency],
            interval=self.interval,
            byweekday=byweekday,
            dtstart=datetime.combine(self.valid_from, time()),
            until=datetime.combine(min(ends), time()) if ends else None,
            cache=False,
        )

    def dates(self, start: date, end: date) -> list[date]:
        """The days, from start to end inclusive, on which the rule happens."""
        if end < start:
            return []
        found = self._rrule(until=end).between(
            datetime.combine(start, time()), datetime.combine(end, time()), inc=True
        )
        return [moment.date() for moment in found]

    def includes(self, day: date) -> bool:
        return bool(self.dates(day, day))

    def ical(self) -> dict:
        """The rule as an RRULE value for the `icalendar` package (vRecur keys)."""
        value: dict = {"FREQ": self.frequency.upper(), "INTERVAL": self.interval}
        days = [ICAL_WEEKDAYS[d] for d in self.weekdays]
        if self.frequency == MONTHLY:
            days = [f"{self.week_of_month}{d}" for d in days]
        value["BYDAY"] = days
        if self.valid_until:
            value["UNTIL"] = datetime.combine(self.valid_until, time(23, 59, 59), AMSTERDAM)
        return value


def problems(rule: Rule) -> list[str]:
    """What makes a rule impossible, in words a coordinator understands; empty when it is fine."""
    found = []
    if rule.frequency not in FREQUENCIES:
        found.append(f"Unknown frequency {rule.frequency!r}: choose weekly or monthly.")
    if not rule.weekdays:
        found.append("Choose at least one day of the week.")
    if any(not isinstance(d, int) or not 0 <= d <= 6 for d in rule.weekdays):
        found.append("Days of the week are numbered 0 (Monday) to 6 (Sunday).")
    if rule.interval < 1:
        found.append("The interval is at least 1.")
    if rule.frequency == MONTHLY and rule.week_of_month not in (1, 2, 3, 4, -1):
        found.append("A monthly rule needs the week of the month: first to fourth, or last.")
    if rule.frequency == WEEKLY and rule.week_of_month is not None:
        found.append("A week of the month only goes with a monthly rule.")
    if rule.valid_until is not None and rule.valid_until < rule.valid_from:
        found.append("The rule ends before it starts.")
    return found


def local_datetime(day: date, at: time) -> datetime:
    """A wall-clock time on a day in Europe/Amsterdam, as an aware datetime.

    zoneinfo gives each day its own offset: +01:00 in winter, +02:00 in summer. A time that
    exists twice (02:30 when clocks go back) is the first, summer-time one (fold 0).
    """
    return datetime.combine(day, at, tzinfo=AMSTERDAM)


def span(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Start and end of something on a day, as aware Europe/Amsterdam datetimes."""
    return local_datetime(day, start), local_datetime(day, end)
