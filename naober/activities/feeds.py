"""The iCalendar feed of a place's activities: one event per coming session.

Built as the openings' feeds are (schedules/feeds.py): times with TZID=Europe/Amsterdam and a
VTIMEZONE, one UID per session so a calendar app updates an event rather than adding it twice,
and a cancelled session kept as STATUS:CANCELLED with its reason, so it disappears from a
resident's calendar with an explanation. Seats left are not in the feed: it is fetched twice a
day, and a count that old would mislead; the event links to the page that has them.
"""

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration

from naober.places.models import Place
from naober.schedules.feeds import REFRESH, location
from naober.schedules.recurrence import AMSTERDAM

from .models import Session


def place_activities_feed(place: Place, today: date, *, base_url: str | None = None) -> bytes:
    """The coming sessions of the public activities at this place, as an iCalendar file. Links
    start with `base_url`, by default NAOBER_SITE_URL; without either they are paths."""
    base_url = (settings.SITE_URL if base_url is None else base_url).rstrip("/")
    sessions = list(
        Session.objects.public()
        .filter(activity__place=place)
        .upcoming()
        .select_related("activity__organisation")
        .order_by("start", "activity__title", "pk")
    )
    stamp = timezone.now().astimezone(UTC)
    name = _("Activities at %(place)s") % {"place": place.name}
    cal = Calendar()
    cal.add("prodid", "-//naober//naober//" + (get_language() or "nl").upper())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-caldesc", _("What you can do at %(place)s.") % {"place": place.name})
    cal.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    last_day = max([timezone.localdate(s.end) for s in sessions], default=today)
    cal.add_component(
        Timezone.from_tzid(
            AMSTERDAM.key,
            first_date=today - timedelta(days=366),
            last_date=last_day + timedelta(days=366),
        )
    )
    where = location(place)
    for session in sessions:
        cal.add_component(_event(place, session, stamp, where, base_url))
    return cal.to_ical()


def _event(place: Place, session: Session, stamp: datetime, where: str, base_url: str) -> Event:
    activity = session.activity
    url = base_url + activity.get_absolute_url()
    event = Event()
    event.add("uid", f"session-{session.pk}@{place.slug}.naober")
    event.add("dtstamp", stamp)
    event.add("dtstart", session.start.astimezone(AMSTERDAM))
    event.add("dtend", session.end.astimezone(AMSTERDAM))
    event.add("summary", summary(session))
    event.add("location", where)
    event.add("description", description(session, url))
    event.add("url", url)
    event.add("geo", (place.building.latitude, place.building.longitude))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    # An activity is an invitation, not an appointment: it does not make the resident busy.
    event.add("transp", "TRANSPARENT")
    return event


def summary(session: Session) -> str:
    title = session.activity.title
    if session.is_cancelled:
        return _("Cancelled: %(title)s (%(reason)s)") % {
            "title": title,
            "reason": session.cancel_reason,
        }
    return title


def description(session: Session, url: str) -> str:
    activity = session.activity
    lines = []
    if session.is_cancelled:
        lines.append(_("Does not go ahead: %(reason)s.") % {"reason": session.cancel_reason})
    if activity.description:
        lines.append(activity.description)
    if not activity.signup_required:
        lines.append(_("Just walk in, no need to sign up."))
    else:
        lines.append(_("Sign up on the page below, or call the place."))
    lines.append(_("Free") if activity.is_free else _cost(activity.cost))
    lines.append(_("More information: %(url)s") % {"url": url})
    return "\n".join(lines)


def _cost(cost) -> str:
    return _("Cost: € %(amount)s") % {"amount": number_format(cost, 2)}
