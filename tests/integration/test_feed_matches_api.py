"""The calendar feed and the API tell the same story.

A resident's calendar app reads the feed, an app reads the API: for the same range both must give
exactly the same openings, open and closed, at the same instants. The feed is parsed the way a
client would, with `icalendar` and `recurring_ical_events`.
"""

from datetime import date, datetime, time

import icalendar
import pytest
import recurring_ical_events
import time_machine

from naober.places.models import Place
from naober.schedules.models import Closure, ExtraOpening
from naober.schedules.recurrence import AMSTERDAM

# A window across the clocks going back (25 October 2026), a closure, a cancellation, an extra
# opening and two public holidays (Christmas).
START, END = date(2026, 10, 12), date(2026, 12, 31)


@pytest.fixture
def network(nieuw_buinen, borger_odoorn):
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 10, 19),
        end_date=date(2026, 10, 23),
        reason="Herfstvakantie",
    )
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 11, 12),
        end_date=date(2026, 11, 12),
        reason="Studiedag van de medewerkers",
    )
    ExtraOpening.objects.create(
        place=nieuw_buinen,
        date=date(2026, 11, 14),
        start_time=time(10),
        end_time=time(12),
        reason="Hulp bij de energietoeslag",
    )
    return nieuw_buinen


def api_openings(client, place: Place) -> set[tuple[str, str, str]]:
    response = client.get(
        f"/api/v1/places/{place.pk}/openings", {"start": START.isoformat(), "end": END.isoformat()}
    )
    assert response.status_code == 200
    return {(o["start"], o["end"], o["status"]) for o in response.json()}


def feed_openings(client, url: str) -> set[tuple[str, str, str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = recurring_ical_events.of(calendar).between(
        datetime.combine(START, time(), AMSTERDAM), datetime.combine(END, time(23, 59), AMSTERDAM)
    )
    found = set()
    for event in events:
        start = event["DTSTART"].dt.astimezone(AMSTERDAM)
        end = event["DTEND"].dt.astimezone(AMSTERDAM)
        status = "closed" if str(event.get("STATUS", "")).upper() == "CANCELLED" else "open"
        found.add((start.isoformat(), end.isoformat(), status))
    return found


@time_machine.travel(datetime(2026, 10, 12, 8, 0, tzinfo=AMSTERDAM), tick=False)
def test_place_feed_holds_exactly_the_openings_the_api_returns(client, network):
    from_api = api_openings(client, network)
    from_feed = feed_openings(client, network.get_absolute_url() + "agenda.ics")

    assert from_feed == from_api
    # Not two empty sets agreeing: the range holds open days, both clock offsets and the
    # listed closures.
    assert ("2026-10-12T09:00:00+02:00", "2026-10-12T12:00:00+02:00", "open") in from_api
    assert ("2026-10-26T09:00:00+01:00", "2026-10-26T12:00:00+01:00", "open") in from_api
    assert ("2026-11-12T09:00:00+01:00", "2026-11-12T12:00:00+01:00", "closed") in from_api
    assert ("2026-12-25T09:00:00+01:00", "2026-12-25T12:00:00+01:00", "closed") in from_api
    assert ("2026-11-14T10:00:00+01:00", "2026-11-14T12:00:00+01:00", "open") in from_api
    # 59 weekdays from Monday 12 October to Thursday 31 December, and the extra Saturday.
    assert len(from_api) == 60


@time_machine.travel(datetime(2026, 10, 12, 8, 0, tzinfo=AMSTERDAM), tick=False)
def test_municipality_feed_holds_the_openings_of_each_of_its_places(client, network):
    from_api = api_openings(client, network)
    from_feed = feed_openings(client, network.municipality.get_absolute_url() + "agenda.ics")

    assert from_feed == from_api
