"""The Django side of a place's calendar: rows in, occurrences with organisations and themes out.

Views, the API and the feeds all ask here; the calculation itself is in calendar.py.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import get_language

from naober.places.constants import ThemeCode
from naober.places.models import Organisation, Place
from naober.rosters.presence import rostered as on_roster

from . import calendar
from .models import PresenceRule
from .recurrence import AMSTERDAM, RuleError

logger = logging.getLogger(__name__)
THEME_ORDER = {code: index for index, code in enumerate(ThemeCode.values)}
PREFETCH = (
    "opening_rules",
    Prefetch("presence_rules", PresenceRule.objects.select_related("organisation", "theme")),
    "presence_rules__organisation__themes",
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
    # Volunteers on a published roster for this opening (organisations are named above).
    volunteers: int = 0

    @property
    def is_open(self) -> bool:
        return self.status == calendar.OPEN

    @property
    def theme_labels(self) -> list[str]:
        return [str(ThemeCode(code).label) for code in self.themes]

    def is_now(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.is_open and self.start <= now < self.end


def _valid(rules):
    """Each rule with its recurrence.Rule, leaving out (and logging) one that cannot happen, so
    one bad row saved around the admin's checks does not take the whole guide down."""
    for row in rules:
        try:
            yield row, row.rule()
        except RuleError as error:
            logger.warning("Skipping %s %s: %s", type(row).__name__, row.pk, error)


def _within(rules, start: date, end: date):
    """The rules valid on at least one day from start to end."""
    return [
        r
        for r in rules
        if r.valid_from <= end and (r.valid_until is None or r.valid_until >= start)
    ]


def _specs(place: Place, start: date, end: date):
    openings = [
        calendar.OpeningSpec(id=r.pk, rule=rule, start=r.start_time, end=r.end_time, note=r.note)
        for r, rule in _valid(_within(place.opening_rules.all(), start, end))
    ]
    presences = [
        calendar.PresenceSpec(
            rule=rule,
            organisation=r.organisation_id,
            theme=r.theme.code if r.theme_id else None,
            start=r.start_time,
            end=r.end_time,
            note=r.note,
        )
        for r, rule in _valid(_within(place.presence_rules.all(), start, end))
    ]
    closures = [
        calendar.ClosureSpec(c.start_date, c.end_date, c.reason)
        for c in place.closures.all()
        if c.start_date <= end and c.end_date >= start
    ]
    extras = [
        calendar.ExtraSpec(id=e.pk, day=e.date, start=e.start_time, end=e.end_time, reason=e.reason)
        for e in place.extra_openings.all()
        if start <= e.date <= end
    ]
    return openings, presences, closures, extras


def openings_for(
    places: Iterable[Place], start: date, end: date, *, rostered: bool = True
) -> dict[int, list[Opening]]:
    """Every opening, open and closed, of each place from start to end (both inclusive).

    Who is present comes from the presence rules, or, for an opening on a published roster
    (and `rostered`), from the people confirmed on it (rosters.presence).

    A fixed number of queries whatever the number of places: the rules are prefetched onto the
    places (so a page can list them afterwards without asking again)."""
    places = list(places)
    prefetch_related_objects(places, *PREFETCH)
    present = on_roster([p.pk for p in places], start, end) if rostered and places else {}
    language = get_language() or "nl"
    # Organisations work at many places: read each one's themes once.
    theme_codes: dict[int, list[str]] = {}
    result = {}
    for place in places:
        openings, presences, closures, extras = _specs(place, start, end)
        organisations = {}
        for rule in place.presence_rules.all():
            if rule.organisation_id and rule.organisation_id not in organisations:
                organisations[rule.organisation_id] = rule.organisation
                if rule.organisation_id not in theme_codes:
                    theme_codes[rule.organisation_id] = [
                        theme.code for theme in rule.organisation.themes.all()
                    ]
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
        result[place.pk] = [
            _opening(o, organisations, theme_codes, present.get(o.key) if o.is_open else None)
            for o in occurrences
        ]
    return result


def _opening(
    occurrence: calendar.Occurrence,
    organisations: dict[int, Organisation],
    theme_codes: dict[int, list[str]],
    rostered=None,
) -> Opening:
    themes = set(occurrence.themes)
    volunteers = 0
    if rostered is None:
        present = [organisations[pk] for pk in occurrence.organisations]
        for pk in occurrence.organisations:
            themes.update(theme_codes[pk])
    else:
        # The published roster says who comes: the presence rules' promise gives way to it,
        # except for organisations that staff no shifts through the roster.
        present, volunteers = list(rostered.organisations), rostered.volunteers
        themes.update(rostered.themes)
        named = {organisation.pk for organisation in present}
        for pk in occurrence.organisations:
            if pk not in rostered.on_roster and pk not in named:
                present.append(organisations[pk])
                themes.update(theme_codes[pk])
    return Opening(
        key=occurrence.key,
        start=occurrence.start,
        end=occurrence.end,
        status=occurrence.status,
        reason=occurrence.reason,
        note=occurrence.note,
        extra=occurrence.extra,
        organisations=sorted(present, key=lambda o: o.name),
        themes=sorted(themes, key=THEME_ORDER.__getitem__),
        volunteers=volunteers,
    )


def openings(place: Place, start: date, end: date) -> list[Opening]:
    return openings_for([place], start, end)[place.pk]


def today() -> date:
    return timezone.now().astimezone(AMSTERDAM).date()


def current_or_next(
    places: Iterable[Place], days: int = 28, now: datetime | None = None, theme: str = ""
) -> dict[int, Opening | None]:
    """For each place the opening going on now, else the next open one within `days`.

    With a theme, the first opening where someone for that theme is there; a place that takes the
    theme at every opening, or has no such opening in `days`, gives its first opening."""
    now = now or timezone.now()
    first = now.astimezone(AMSTERDAM).date()
    places = list(places)
    wanted = _theme_filter(places, theme)
    # Most places open within a week: look that far first, further only for those that do not.
    week = openings_for(places, first, first + timedelta(days=min(days, 7)))
    result = {pk: _first_open(items, now, wanted.get(pk)) for pk, items in week.items()}
    later = [place for place in places if result[place.pk] is None]
    if later and days > 7:
        rest = openings_for(later, first + timedelta(days=8), first + timedelta(days=days))
        result.update({pk: _first_open(items, now, wanted.get(pk)) for pk, items in rest.items()})
    if theme:
        # No opening with the theme: say when the place is open at all.
        missing = [place for place in places if result[place.pk] is None]
        if missing:
            result.update(current_or_next(missing, days=days, now=now))
    return result


def _theme_filter(places: list[Place], theme: str) -> dict[int, str | None]:
    """Per place the theme to look for in its openings, or None when any opening will do."""
    if not theme:
        return {}
    prefetch_related_objects(places, "themes")
    return {
        place.pk: None if any(t.code == theme for t in place.themes.all()) else theme
        for place in places
    }


def _first_open(items: list[Opening], now: datetime, theme: str | None) -> Opening | None:
    return next(
        (o for o in items if o.is_open and o.end > now and (theme is None or theme in o.themes)),
        None,
    )
