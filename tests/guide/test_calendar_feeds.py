"""A resident's calendar app subscribes to a place's or a municipality's openings."""

from datetime import date, datetime

import icalendar
import recurring_ical_events

from naober.schedules.recurrence import AMSTERDAM


def test_the_place_feed_is_an_icalendar_file_with_the_openings(
    client, nieuw_buinen, monday_morning
):
    response = client.get("/plek/buurtkamer-nieuw-buinen/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="buurtkamer-nieuw-buinen.ics"' in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    [monday] = recurring_ical_events.of(calendar).at(date(2026, 3, 2))
    assert monday.decoded("dtstart") == datetime(2026, 3, 2, 9, tzinfo=AMSTERDAM)


def test_the_municipality_feed_is_an_icalendar_file(client, nieuw_buinen, monday_morning):
    response = client.get("/gemeente/borger-odoorn/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar.walk("VEVENT")
