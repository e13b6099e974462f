"""The Django side of a place's calendar: rows in, occurrences with organisations and themes out.

Views, the API and the feeds all ask here; the calculation itself is in calendar.py.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import get_language

from naober.places.constants import ThemeCode
from naober.places.models import Organisation, Place

from . import calendar
from .recurrence import AMSTERDAM

PREFETCH = (
    "opening_rules",
    "presence_rules__organisation__themes",
    "presence_rules__theme",
    "closures",
    "extra_openings",
)


@dataclass
class Opening:
    key: str
    start: datetime
    end: datetime
    status: str
    reason: str = ""
    note: str = ""
    extra: bool = False
    organisations: list[Organisation] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status == calendar.OPEN

    @property
    def theme_labels(self) -> list[str]:
        return [str(ThemeCode(code).label) for code in self.themes]

    def is_now(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.is_open and self.start <= now < self.end


def _specs(place: Place):
    openings = [
        calendar.OpeningSpec(
            id=r.pk, rule=r.rule(), start=r.start_time, end=r.end_time, note=r.note
        )
        for r in place.opening_rules.all()
    ]
    presences = [
        calendar.PresenceSpec(
            rule=r.rule(),
            organisation=r.organisation_id,
            theme=r.theme.code if r.theme_id else None,
            start=r.start_time,
            end=r.end_time,
            note=r.note,
        )
        for r in place.presence_rules.all()
    ]
    closures = [
        calendar.ClosureSpec(c.start_date, c.end_date, c.reason) for c in place.closures.all()
    ]
    extras = [
        calendar.ExtraSpec(id=e.pk, day=e.date, start=e.start_time, end=e.end_time, reason=e.reason)
        for e in place.extra_openings.all()
    ]
    return openings, presences, closures, extras


def openings_for(places: Iterable[Place], start: date, end: date) -> dict[int, list[Opening]]:
    """Every opening, open and closed, of each place from start to end (both inclusive)."""
    places = list(places)
    prefetch_related_objects(places, *PREFETCH)
    language = get_language() or "nl"
    result = {}
    for place in places:
        openings, presences, closures, extras = _specs(place)
        organisations = {
            r.organisation_id: r.organisation
            for r in place.presence_rules.all()
            if r.organisation_id
        }
        occurrences = calendar.expand(
            openings,
            start,
            end,
            presences=presences,
            closures=closures,
            extras=extras,
            closed_on_holidays=place.closed_on_holidays,
            language=language,
        )
        result[place.pk] = [_opening(o, organisations) for o in occurrences]
    return result


def _opening(occurrence: calendar.Occurrence, organisations: dict[int, Organisation]) -> Opening:
    present = [organisations[pk] for pk in occurrence.organisations]
    themes = list(occurrence.themes)
    for organisation in present:
        for theme in organisation.themes.all():
            if theme.code not in themes:
                themes.append(theme.code)
    return Opening(
        key=occurrence.key,
        start=occurrence.start,
        end=occurrence.end,
        status=occurrence.status,
        reason=occurrence.reason,
        note=occurrence.note,
        extra=occurrence.extra,
        organisations=sorted(present, key=lambda o: o.name),
        themes=sorted(themes, key=ThemeCode.values.index),
    )


def openings(place: Place, start: date, end: date) -> list[Opening]:
    return openings_for([place], start, end)[place.pk]


def today() -> date:
    return timezone.now().astimezone(AMSTERDAM).date()


def current_or_next(
    places: Iterable[Place], days: int = 28, now: datetime | None = None
) -> dict[int, Opening | None]:
    """For each place the opening going on now, else the next open one within `days`."""
    now = now or timezone.now()
    first = now.astimezone(AMSTERDAM).date()
    found = openings_for(places, first, first + timedelta(days=days))
    return {
        pk: next((o for o in items if o.is_open and o.end > now), None)
        for pk, items in found.items()
    }
