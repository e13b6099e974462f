"""A place's activities as an iCalendar feed, read back with icalendar as a calendar app would, and
the place's page pointing to the activities and their feed."""

from datetime import datetime

from icalendar import Calendar

from naober.activities.sessions import cancel_session
from naober.schedules.recurrence import AMSTERDAM

FEED = "/en/plek/huis-van-de-buurt-wolfsbos/activiteiten.ics"


def read(client, url=FEED) -> Calendar:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> list:
    return [c for c in calendar.walk("VEVENT")]


def test_every_coming_session_is_one_event_at_its_local_time(client, lunch, workshop, next_lunch):
    calendar = read(client)

    assert calendar["X-WR-CALNAME"] == "Activities at Huis van de Buurt Wolfsbos"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    found = events(calendar)
    assert len(found) == lunch.sessions.count() + workshop.sessions.count()
    first = next(
        e for e in found if e["UID"] == f"session-{next_lunch.pk}@huis-van-de-buurt-wolfsbos.naober"
    )
    assert first.decoded("DTSTART") == datetime(2026, 11, 26, 12, 0, tzinfo=AMSTERDAM)
    assert first["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert first.decoded("DTEND") == datetime(2026, 11, 26, 13, 30, tzinfo=AMSTERDAM)
    assert str(first["SUMMARY"]) == "Samen eten"
    assert str(first["STATUS"]) == "CONFIRMED"
    assert "Schoolstraat 1" in str(first["LOCATION"])
    assert str(first["URL"]).endswith(f"/en/activiteit/{lunch.pk}/")
    workshop_event = next(e for e in found if str(e["SUMMARY"]) == "Muziekworkshop")
    assert "Cost: € 2.50" in str(workshop_event["DESCRIPTION"])
    assert len({str(e["UID"]) for e in found}) == len(found)


def test_a_cancelled_session_stays_in_the_feed_as_cancelled_with_its_reason(client, next_lunch):
    cancel_session(next_lunch, "The kitchen is being renovated")

    event = events(read(client))[0]

    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]) == "Cancelled: Samen eten (The kitchen is being renovated)"


def test_activities_not_shown_to_residents_are_not_in_the_feed(client, lunch, workshop):
    workshop.is_public = False
    workshop.save()
    summaries = {str(e["SUMMARY"]) for e in events(read(client))}
    assert summaries == {"Samen eten"}


def test_an_unknown_or_hidden_place_has_no_feed(client, wolfsbos):
    assert client.get("/plek/nergens/activiteiten.ics").status_code == 404
    wolfsbos.is_public = False
    wolfsbos.save()
    assert client.get(FEED).status_code == 404


def test_the_place_page_lists_the_coming_activities_and_links_their_feed(client, lunch, sports):
    html = client.get("/en/plek/huis-van-de-buurt-wolfsbos/").content.decode()

    assert '<h2 id="activities-heading">Activities</h2>' in html
    assert f'<a href="/en/activiteit/{lunch.pk}/">Samen eten</a>' in html
    assert f'<a href="/en/activiteit/{sports.pk}/">Sportochtend</a>' in html
    # The page is cached for a minute: it says whether to sign up, not how many seats are left.
    assert "sign-up needed" in html and "walk in" in html
    assert "seats left" not in html
    assert (
        '<link rel="alternate" type="text/calendar" '
        'href="/en/plek/huis-van-de-buurt-wolfsbos/activiteiten.ics"'
    ) in html
    assert 'href="/en/activiteiten/?place=huis-van-de-buurt-wolfsbos"' in html


def test_a_place_without_activities_has_no_activities_section(client, nieuw_buinen):
    html = client.get("/en/plek/buurtkamer-nieuw-buinen/").content.decode()
    assert "activities-heading" not in html
    assert "activiteiten.ics" not in html


def test_the_activity_page_links_the_places_feed(client, lunch):
    html = client.get(f"/en/activiteit/{lunch.pk}/").content.decode()
    assert (
        '<link rel="alternate" type="text/calendar" '
        'href="/en/plek/huis-van-de-buurt-wolfsbos/activiteiten.ics"'
    ) in html
