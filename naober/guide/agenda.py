"""A place's openings arranged the way the guide shows them: day by day, closed periods merged,
and the regular hours in words.

The openings come from naober.schedules.openings; this module only groups and sorts them, so the
views stay thin and the grouping can be tested with plain data.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from naober.schedules.openings import Opening
from naober.schedules.recurrence import AMSTERDAM


@dataclass
class Day:
    date: date
    openings: list[Opening] = field(default_factory=list)

    @property
    def is_closed(self) -> bool:
        """Every opening on this day is cancelled (a holiday, a closure)."""
        return bool(self.openings) and not any(o.is_open for o in self.openings)


@dataclass
class ClosedPeriod:
    first: date
    last: date
    reason: str

    @property
    def is_one_day(self) -> bool:
        return self.first == self.last


@dataclass
class RegularHours:
    """One rule in words: "every Monday to Friday", 9:00–12:00, with whom or what."""

    words: str
    start: time | None = None
    end: time | None = None
    who: str = ""
    note: str = ""
    valid_from: date | None = None
    valid_until: date | None = None


def local_date(opening: Opening) -> date:
    return opening.start.astimezone(AMSTERDAM).date()


def days(openings: Iterable[Opening], first: date, last: date) -> list[Day]:
    """Every day from first to last (inclusive), each with its openings in order."""
    by_day = {
        first + timedelta(n): Day(first + timedelta(n)) for n in range((last - first).days + 1)
    }
    for opening in openings:
        day = by_day.get(local_date(opening))
        if day is not None:
            day.openings.append(opening)
    return list(by_day.values())


def weeks(openings: Iterable[Opening], monday: date, count: int = 2) -> list[list[Day]]:
    """`count` weeks of seven days from `monday`."""
    all_days = days(openings, monday, monday + timedelta(days=7 * count - 1))
    return [all_days[n * 7 : n * 7 + 7] for n in range(count)]


def closed_periods(openings: Iterable[Opening], since: date | None = None) -> list[ClosedPeriod]:
    """Cancelled openings merged into periods: back-to-back closed days with the same reason
    (a summer break, no open day between them) become one period from first to last."""
    periods: list[ClosedPeriod] = []
    previous_closed = False
    for opening in sorted(openings, key=lambda o: o.start):
        day = local_date(opening)
        if since is not None and day < since:
            continue
        if opening.is_open:
            previous_closed = False
            continue
        if previous_closed and periods and periods[-1].reason == opening.reason:
            periods[-1].last = day
        else:
            periods.append(ClosedPeriod(day, day, opening.reason))
        previous_closed = True
    return periods


def _current(rule, first: date, last: date) -> bool:
    """The rule applies on some day from first to last."""
    return rule.valid_from <= last and (rule.valid_until is None or rule.valid_until >= first)


def regular_hours(place, first: date, last: date) -> list[RegularHours]:
    """The place's opening rules that apply between first and last, in words."""
    return [
        RegularHours(
            words=rule.describe(),
            start=rule.start_time,
            end=rule.end_time,
            note=rule.note,
            valid_from=rule.valid_from if rule.valid_from > first else None,
            valid_until=rule.valid_until,
        )
        for rule in sorted(place.opening_rules.all(), key=lambda r: (r.valid_from, r.start_time))
        if _current(rule, first, last)
    ]


def presence(place, first: date, last: date) -> list[RegularHours]:
    """Who or what is present, in words: "Politie Drenthe: the first Monday of the month".
    Organisations that come on the same days at the same hours share one line."""
    rows: dict[tuple, RegularHours] = {}
    for rule in sorted(place.presence_rules.all(), key=lambda r: str(r.organisation or r.theme)):
        if not _current(rule, first, last):
            continue
        who = " – ".join(str(x) for x in (rule.organisation, rule.theme) if x is not None)
        row = RegularHours(
            words=rule.describe(),
            start=rule.start_time,
            end=rule.end_time,
            who=who,
            note=rule.note,
            valid_from=rule.valid_from if rule.valid_from > first else None,
            valid_until=rule.valid_until,
        )
        key = (row.words, row.start, row.end, row.note, row.valid_from, row.valid_until)
        if key in rows:
            rows[key].who = f"{rows[key].who}, {who}"
        else:
            rows[key] = row
    return sorted(rows.values(), key=lambda row: row.who)
