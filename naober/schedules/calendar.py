"""A place's calendar: opening rules, presence rules and exceptions to occurrences, without Django.

The flow: each opening rule gives its days (recurrence.Rule); a day on a chosen public holiday or
inside a closure is kept but marked closed with the reason a resident can read; extra openings
are added as they are; then each open occurrence learns who is present, from the presence rules
whose days include it and whose hours (if any) overlap it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from . import holidays
from .recurrence import Rule, span

OPEN = "open"
CLOSED = "closed"


@dataclass(frozen=True)
class OpeningSpec:
    id: int
    rule: Rule
    start: time
    end: time
    note: str = ""


@dataclass(frozen=True)
class PresenceSpec:
    rule: Rule
    organisation: int | None = None
    theme: str | None = None
    # Without hours, the presence covers the whole of each opening on its days.
    start: time | None = None
    end: time | None = None
    note: str = ""


@dataclass(frozen=True)
class ClosureSpec:
    start: date
    end: date
    reason: str


@dataclass(frozen=True)
class ExtraSpec:
    id: int
    day: date
    start: time
    end: time
    reason: str = ""


@dataclass
class Occurrence:
    key: str
    start: datetime
    end: datetime
    status: str = OPEN
    reason: str = ""
    note: str = ""
    organisations: list[int] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    extra: bool = False

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


def expand(
    openings: list[OpeningSpec],
    start: date,
    end: date,
    *,
    presences: list[PresenceSpec] = (),
    closures: list[ClosureSpec] = (),
    extras: list[ExtraSpec] = (),
    closed_on_holidays: list[str] = (),
    language: str = "nl",
) -> list[Occurrence]:
    """Every occurrence from start to end (both inclusive), open and closed, by start time."""
    holiday_names = holidays.closing_days(start, end, closed_on_holidays, language)
    found = []
    for opening in openings:
        for day in opening.rule.dates(start, end):
            begins, ends = span(day, opening.start, opening.end)
            occurrence = Occurrence(
                key=f"opening-{opening.id}-{day:%Y%m%d}", start=begins, end=ends, note=opening.note
            )
            reason = _closed_because(day, closures, holiday_names)
            if reason is not None:
                occurrence.status, occurrence.reason = CLOSED, reason
            found.append(occurrence)
    for extra in extras:
        if start <= extra.day <= end:
            begins, ends = span(extra.day, extra.start, extra.end)
            found.append(
                Occurrence(
                    key=f"extra-{extra.id}-{extra.day:%Y%m%d}",
                    start=begins,
                    end=ends,
                    note=extra.reason,
                    extra=True,
                )
            )
    # Expand each presence rule once for the whole range, not once per occurrence.
    presence_days = [(presence, set(presence.rule.dates(start, end))) for presence in presences]
    for occurrence in found:
        if occurrence.is_open:
            _add_presence(occurrence, presence_days)
    found.sort(key=lambda o: (o.start, o.end, o.key))
    return found


def _closed_because(
    day: date, closures: list[ClosureSpec], holiday_names: dict[date, str]
) -> str | None:
    for closure in closures:
        if closure.start <= day <= closure.end:
            return closure.reason
    return holiday_names.get(day)


def _add_presence(
    occurrence: Occurrence, presence_days: list[tuple[PresenceSpec, set[date]]]
) -> None:
    day = occurrence.start.date()
    for presence, days in presence_days:
        if day not in days:
            continue
        if presence.start is not None and presence.end is not None:
            window_start, window_end = span(day, presence.start, presence.end)
            if window_end <= occurrence.start or window_start >= occurrence.end:
                continue
        if (
            presence.organisation is not None
            and presence.organisation not in occurrence.organisations
        ):
            occurrence.organisations.append(presence.organisation)
        if presence.theme and presence.theme not in occurrence.themes:
            occurrence.themes.append(presence.theme)
