"""iCalendar feeds a calendar app can subscribe to: one per place, one per municipality.

Each opening from openings.openings_for() becomes one event (expanded, no RRULE), so what a
calendar app shows is exactly what the guide and the API show, holidays and closures included:
a closed day is an event with STATUS:CANCELLED and the reason in its title. Times carry
TZID=Europe/Amsterdam with a VTIMEZONE, so 9:00 stays 9:00 across daylight-saving changes.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration

from naober.places.models import Municipality, Place

from .openings import Opening, openings_for
from .openings import today as local_today
from .recurrence import AMSTERDAM

# How often a subscribed calendar app should fetch the feed again.
REFRESH = timedelta(hours=12)


def feed_window(today: date | None = None) -> tuple[date, date]:
    """The days a feed covers: from NAOBER_FEED_DAYS_BACK before today to NAOBER_FEED_DAYS_AHEAD
    after it, both inclusive."""
    today = today or local_today()
    return (
        today - timedelta(days=settings.NAOBER_FEED_DAYS_BACK),
        today + timedelta(days=settings.NAOBER_FEED_DAYS_AHEAD),
    )


def place_feed(place: Place, start: date, end: date, *, base_url: str | None = None) -> bytes:
    """The openings of one place from start to end (both inclusive), as an iCalendar file.

    Links to the place's page start with `base_url` ("https://naober.example"), by default
    NAOBER_SITE_URL; without either they are paths."""
    return _feed(place.name, [place], start, end, base_url)


def municipality_feed(
    municipality: Municipality, start: date, end: date, *, base_url: str | None = None
) -> bytes:
    """The openings of every public place in a municipality, as one iCalendar file."""
    places = Place.objects.public().filter(municipality=municipality).select_related("building")
    name = _("Meeting places in %(municipality)s") % {"municipality": municipality.name}
    return _feed(name, places, start, end, base_url)


def _feed(
    name: str, places: Iterable[Place], start: date, end: date, base_url: str | None
) -> bytes:
    places = list(places)
    # One query for the addresses, whatever the number of places.
    _with_buildings(places)
    found = openings_for(places, start, end)
    base_url = (settings.SITE_URL if base_url is None else base_url).rstrip("/")
    stamp = timezone.now().astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//naober//naober//" + (get_language() or "nl").upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-caldesc", _("When the meeting places are open, and who is there."))
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    # The VTIMEZONE for Europe/Amsterdam, with the changes around the feed's days, before the
    # events that refer to it.
    cal.add_component(
        Timezone.from_tzid(
            AMSTERDAM.key,
            first_date=start - timedelta(days=366),
            last_date=end + timedelta(days=366),
        )
    )
    urls = {place.pk: base_url + place.get_absolute_url() for place in places}
    events = [(opening, place) for place in places for opening in found.get(place.pk, [])]
    events.sort(key=lambda pair: (pair[0].start, pair[1].name, pair[0].key))
    encoded = _Encoded()
    for opening, place in events:
        cal.add_component(_event(place, opening, stamp, urls[place.pk], encoded))
    return cal.to_ical()


class _Encoded(dict):
    """Property values encoded once per feed: a place's address and link, and its few titles
    and descriptions, repeat in every event (icalendar spends most of a feed's time encoding)."""

    def __missing__(self, key: tuple[str, object]):
        name, value = key
        self[key] = Event.types_factory.for_property(name)(value)
        return self[key]


def _with_buildings(places: list[Place]) -> None:
    missing = [p for p in places if not Place.building.is_cached(p)]
    if missing:
        prefetch_related_objects(missing, "building")


def _event(place: Place, opening: Opening, stamp: datetime, url: str, encoded: _Encoded) -> Event:
    event = Event()
    event.add("uid", f"{opening.key}@{place.slug}.naober")
    event.add("dtstamp", stamp)
    event.add("dtstart", opening.start)
    event.add("dtend", opening.end)
    shared = {
        "summary": summary(place, opening),
        "location": location(place),
        "description": description(opening, url),
        "url": url,
        "geo": (place.building.latitude, place.building.longitude),
        "status": "CONFIRMED" if opening.is_open else "CANCELLED",
        # An opening is an invitation, not an appointment: it does not make the resident busy.
        "transp": "TRANSPARENT",
    }
    for name, value in shared.items():
        event.add(name, encoded[name, value], encode=False)
    return event


def summary(place: Place, opening: Opening) -> str:
    """The event's title: the place, with the note or the reason it is closed."""
    if not opening.is_open:
        if opening.reason:
            return _("Closed: %(reason)s – %(place)s") % {
                "reason": opening.reason,
                "place": place.name,
            }
        return _("Closed – %(place)s") % {"place": place.name}
    if opening.note:
        return f"{place.name}: {opening.note}"
    return place.name


def location(place: Place) -> str:
    building = place.building
    return f"{building.name}, {building.street_address}, {building.postcode} {building.town}"


def description(opening: Opening, url: str) -> str:
    """Who is there and which questions you can bring, in words, then where to read more."""
    lines = []
    if not opening.is_open:
        if opening.reason:
            lines.append(_("Closed: %(reason)s.") % {"reason": opening.reason})
        else:
            lines.append(_("Closed."))
    else:
        if opening.note:
            lines.append(opening.note)
        if opening.organisations:
            names = ", ".join(o.name for o in opening.organisations)
            lines.append(_("Present: %(organisations)s.") % {"organisations": names})
        if opening.themes:
            lines.append(
                _("You can come with questions about: %(themes)s.")
                % {"themes": ", ".join(opening.theme_labels)}
            )
    lines.append(_("More information: %(url)s") % {"url": url})
    return "\n".join(lines)
