"""Recurring rules to dates and times, without Django.

A rule says on which days something happens, with RFC 5545 semantics (python-dateutil expands
it): weekly on given weekdays, or monthly on the n-th or last given weekday, every `interval`
weeks or months, from `valid_from` until `valid_until` (both inclusive). Times are wall-clock
times in Europe/Amsterdam: 9:00 stays 9:00 on both sides of a daylight-saving change.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
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

    def _first_needed(self, start: date | None) -> date:
        """A day on or before `start` from which the rule runs exactly as from valid_from.

        dateutil walks every week or month from DTSTART, so a rule valid since 2020 would walk
        six years to reach 2026. Moving DTSTART forward by whole intervals keeps the rhythm
        (every other week stays on the same weeks) and skips that walk.
        """
        if start is None or start <= self.valid_from:
            return self.valid_from
        if self.frequency == WEEKLY:
            # Whole intervals of weeks, counted from the Monday of valid_from's week.
            monday = self.valid_from - timedelta(days=self.valid_from.weekday())
            steps = (start - monday).days // (7 * self.interval)
            return max(self.valid_from, monday + timedelta(weeks=steps * self.interval))
        months = (start.year - self.valid_from.year) * 12 + start.month - self.valid_from.month
        steps = months // self.interval
        if steps == 0:
            return self.valid_from
        index = self.valid_from.year * 12 + self.valid_from.month - 1 + steps * self.interval
        return date(index // 12, index % 12 + 1, 1)

    def dates(self, start: date, end: date) -> list[date]:
        """The days, from start to end inclusive, on which the rule happens."""
        if end < start or end < self.valid_from:
            return []
        if self.valid_until is not None and self.valid_until < start:
            return []
        # Only what matters from start to end goes into the cache key: a later first day in the
        # same rhythm, no end beyond `end`. Rules that agree on those days then share one entry,
        # as the weekday mornings of a thousand places do.
        last = self.valid_until if self.valid_until and self.valid_until < end else None
        key = (self.frequency, tuple(self.weekdays), self.week_of_month, self.interval)
        return list(_dates(key, self._first_needed(start), last, start, end))

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
            # With a DTSTART in a time zone, RFC 5545 wants UNTIL in UTC.
            last = datetime.combine(self.valid_until, time(23, 59, 59), AMSTERDAM)
            value["UNTIL"] = last.astimezone(UTC)
        return value


# Many places share the same rule (weekdays 9-12 since January) and a page asks for the same
# weeks again and again: remember recent answers instead of walking the rule each time.
@lru_cache(maxsize=4096)
def _dates(
    key: tuple[str, tuple[int, ...], int | None, int],
    first: date,
    last: date | None,
    start: date,
    end: date,
) -> tuple[date, ...]:
    frequency, weekdays, week_of_month, interval = key
    if frequency == MONTHLY:
        byweekday = [RRULE_WEEKDAYS[d](week_of_month) for d in weekdays]
    else:
        byweekday = [RRULE_WEEKDAYS[d] for d in weekdays]
    series = rrule.rrule(
        FREQUENCIES[frequency],
        interval=interval,
        byweekday=byweekday,
        wkst=rrule.MO,
        dtstart=datetime.combine(first, time()),
        until=datetime.combine(min(last or end, end), time()),
        cache=False,
    )
    found = series.between(datetime.combine(start, time()), datetime.combine(end, time()), inc=True)
    return tuple(moment.date() for moment in found)


def problems(rule: Rule) -> list[str]:
    """What makes a rule impossible, in words a coordinator understands; empty when it is fine."""
    found = []
    if rule.frequency not in FREQUENCIES:
        found.append(f"Unknown frequency {rule.frequency!r}: choose weekly or monthly.")
    if not rule.weekdays:
        found.append("Choose at least one day of the week.")
    if any(not isinstance(d, int) or not 0 <= d <= 6 for d in rule.weekdays):
        found.append("Days of the week are numbered 0 (Monday) to 6 (Sunday).")
    if not isinstance(rule.interval, int) or rule.interval < 1:
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


# A province's places open at the same few hours on the same days: build each moment once.
@lru_cache(maxsize=8192)
def span(day: date, start: time, end: time) -> tuple[datetime, datetime]:
    """Start and end of something on a day, as aware Europe/Amsterdam datetimes."""
    return local_datetime(day, start), local_datetime(day, end)
