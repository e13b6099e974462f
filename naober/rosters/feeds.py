"""A person's own shifts as an iCalendar feed, to subscribe to in a calendar app.

Found by the person's secret feed token (no login: calendar apps cannot log in). It lists the
shifts they are confirmed on in published rosters, from NAOBER_FEED_DAYS_BACK days ago on. Each
shift keeps its UID (the opening's key, which stays the same when a roster is made again), so a
calendar app moves an event rather than adding it twice; a shift given away or swapped simply
leaves the feed, and the app removes it. Built as the other feeds are (schedules/feeds.py):
times with TZID=Europe/Amsterdam and a VTIMEZONE.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration

from naober.schedules.feeds import REFRESH, location
from naober.schedules.openings import today
from naober.schedules.recurrence import AMSTERDAM

from .changes import first_name, needs
from .constants import AssignmentStatus, RosterStatus
from .models import Assignment, Person, Shift


def shifts_in_feed(person: Person):
    since = timezone.now() - timedelta(days=settings.NAOBER_FEED_DAYS_BACK)
    return (
        Shift.objects.filter(
            roster__status=RosterStatus.PUBLISHED,
            end__gt=since,
            assignments__person=person,
            assignments__status=AssignmentStatus.CONFIRMED,
        )
        .select_related("place__building")
        .prefetch_related(
            "organisations",
            Prefetch(
                "assignments",
                queryset=Assignment.objects.filter(status=AssignmentStatus.CONFIRMED)
                .exclude(person=person)
                .select_related("person")
                .order_by("person__name"),
                to_attr="colleagues",
            ),
        )
        .order_by("start", "pk")
    )


def person_feed(person: Person, *, base_url: str | None = None) -> bytes:
    """The person's confirmed shifts in published rosters, as an iCalendar file."""
    base_url = (settings.SITE_URL if base_url is None else base_url).rstrip("/")
    page = base_url + reverse("rosters:mine")
    shifts = list(shifts_in_feed(person))
    stamp = timezone.now().astimezone(UTC)
    name = _("My shifts")
    cal = Calendar()
    cal.add("prodid", "-//naober//naober//" + (get_language() or "nl").upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add(
        "x-wr-caldesc",
        _("Your shifts on the roster of %(network)s.") % {"network": person.municipality.name},
    )
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    first = min([timezone.localdate(s.start) for s in shifts], default=today())
    last = max([timezone.localdate(s.end) for s in shifts], default=today())
    cal.add_component(
        Timezone.from_tzid(
            AMSTERDAM.key,
            first_date=first - timedelta(days=366),
            last_date=last + timedelta(days=366),
        )
    )
    for shift in shifts:
        cal.add_component(_event(shift, stamp, page))
    return cal.to_ical()


def _event(shift: Shift, stamp, page: str) -> Event:
    place = shift.place
    event = Event()
    event.add("uid", f"shift-{shift.opening_key}@{place.slug}.naober")
    event.add("dtstamp", stamp)
    event.add("dtstart", shift.start.astimezone(AMSTERDAM))
    event.add("dtend", shift.end.astimezone(AMSTERDAM))
    event.add("summary", _("Shift: %(place)s") % {"place": place.name})
    event.add("location", location(place))
    event.add("description", description(shift, page))
    event.add("url", page)
    event.add("geo", (place.building.latitude, place.building.longitude))
    event.add("status", "CONFIRMED")
    # A shift is work: the person is busy then.
    event.add("transp", "OPAQUE")
    return event


def description(shift: Shift, page: str) -> str:
    names = [first_name(a.person) for a in shift.colleagues]
    lines = [
        _("With: %(names)s.") % {"names": ", ".join(names)}
        if names
        else _("Nobody else is on this shift yet."),
        _("The shift needs: %(needs)s.") % {"needs": "; ".join(needs(shift))},
        _("Give it away or swap it: %(url)s") % {"url": page},
    ]
    return "\n".join(lines)
