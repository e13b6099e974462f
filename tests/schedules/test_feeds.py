"""The iCalendar feeds: a calendar app shows exactly the openings the guide shows."""

from datetime import UTC, date, datetime, time, timedelta

import icalendar
import recurring_ical_events
import time_machine
from django.utils import translation

from naober.places.models import Municipality, Place
from naober.schedules.feeds import feed_window, municipality_feed, place_feed
from naober.schedules.models import Closure, ExtraOpening
from naober.schedules.openings import openings_for

from .helpers import hours

SPRING = (date(2026, 3, 23), date(2026, 4, 10))
AUTUMN = (date(2026, 10, 19), date(2026, 10, 30))


def parse(feed: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(feed)


def events_between(feed: bytes, start: date, end: date) -> list:
    """The events a calendar app shows from start to end (inclusive), as recurring_ical_events
    expands them."""
    found = recurring_ical_events.of(parse(feed)).between(start, end + timedelta(days=1))
    return sorted(found, key=lambda e: (e.start, str(e["UID"])))


def as_seen(event) -> tuple[str, str, str, str]:
    return (str(event["UID"]), event.start.isoformat(), event.end.isoformat(), str(event["STATUS"]))


def as_listed(place: Place, opening) -> tuple[str, str, str, str]:
    status = "CONFIRMED" if opening.is_open else "CANCELLED"
    uid = f"{opening.key}@{place.slug}.naober"
    return (uid, opening.start.isoformat(), opening.end.isoformat(), status)


def test_the_feed_has_exactly_the_openings_of_the_guide_across_the_spring_change(nieuw_buinen):
    Closure.objects.create(
        place=nieuw_buinen, start_date=date(2026, 3, 25), end_date=date(2026, 3, 25), reason="Ill"
    )
    ExtraOpening.objects.create(
        place=nieuw_buinen, date=date(2026, 3, 28), start_time=time(10), end_time=time(12)
    )

    seen = [as_seen(e) for e in events_between(place_feed(nieuw_buinen, *SPRING), *SPRING)]
    listed = [
        as_listed(nieuw_buinen, o) for o in openings_for([nieuw_buinen], *SPRING)[nieuw_buinen.pk]
    ]

    assert seen == listed
    assert len(seen) == 16
    by_start = {start: status for _, start, _, status in seen}
    assert by_start["2026-03-23T09:00:00+01:00"] == "CONFIRMED"
    assert by_start["2026-03-25T09:00:00+01:00"] == "CANCELLED"
    assert by_start["2026-03-28T10:00:00+01:00"] == "CONFIRMED"
    assert by_start["2026-03-30T09:00:00+02:00"] == "CONFIRMED"
    assert by_start["2026-04-03T09:00:00+02:00"] == "CANCELLED"
    assert by_start["2026-04-06T09:00:00+02:00"] == "CANCELLED"


def test_the_feed_keeps_nine_o_clock_across_the_autumn_change(nieuw_buinen):
    events = events_between(place_feed(nieuw_buinen, *AUTUMN), *AUTUMN)

    mondays = [e for e in events if e.start.weekday() == 0]
    assert [e.start.isoformat() for e in mondays] == [
        "2026-10-19T09:00:00+02:00",
        "2026-10-26T09:00:00+01:00",
    ]
    assert [e.end.astimezone(UTC) - e.start.astimezone(UTC) for e in mondays] == [
        timedelta(hours=3)
    ] * 2
    assert len(events) == 10


def test_a_closed_day_is_a_cancelled_event_named_for_its_reason(nieuw_buinen):
    with translation.override("en"):
        feed = place_feed(nieuw_buinen, date(2026, 4, 27), date(2026, 4, 27))

    (event,) = parse(feed).walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"
    assert event["SUMMARY"] == "Closed: King's Day – Buurtkamer Nieuw-Buinen"
    assert event["DESCRIPTION"].startswith("Closed: King's Day.")
    assert "Present" not in event["DESCRIPTION"]


def test_an_open_event_says_who_is_there_which_questions_and_where(nieuw_buinen):
    with translation.override("en"):
        feed = place_feed(nieuw_buinen, date(2026, 12, 7), date(2026, 12, 7))

    (event,) = parse(feed).walk("VEVENT")
    assert event["SUMMARY"] == "Buurtkamer Nieuw-Buinen"
    assert event["STATUS"] == "CONFIRMED"
    assert event["LOCATION"] == "MFA Noorderbreedte, Noorderdiep 60, 9521 BE Nieuw-Buinen"
    assert event["DESCRIPTION"].splitlines() == [
        "Present: Andes, Lefier, Politie Drenthe.",
        "You can come with questions about: Housing, Welfare and loneliness, Safety.",
        "More information: /en/plek/buurtkamer-nieuw-buinen/",
    ]
    assert event["URL"] == "/en/plek/buurtkamer-nieuw-buinen/"
    rule = nieuw_buinen.opening_rules.get()
    assert event["UID"] == f"opening-{rule.pk}-20261207@buurtkamer-nieuw-buinen.naober"


def test_an_opening_with_a_note_shows_it_in_the_title(make_place):
    place = make_place(
        "huis-van-de-buurt-wolfsbos",
        name="Huis van de Buurt Wolfsbos",
        opening_rules=[
            {"frequency": "monthly", "week_of_month": -1, "weekdays": [3], "note": "Shared lunch"}
            | hours(12, 13)
        ],
    )

    (event,) = parse(place_feed(place, date(2026, 4, 1), date(2026, 4, 30))).walk("VEVENT")

    assert event["SUMMARY"] == "Huis van de Buurt Wolfsbos: Shared lunch"
    assert event.start.isoformat() == "2026-04-30T12:00:00+02:00"


def test_links_are_absolute_when_the_site_address_is_known(nieuw_buinen, settings):
    settings.SITE_URL = "https://naober.example"

    (event,) = parse(place_feed(nieuw_buinen, date(2026, 12, 7), date(2026, 12, 7))).walk("VEVENT")

    assert event["URL"] == "https://naober.example/plek/buurtkamer-nieuw-buinen/"
    assert "https://naober.example/plek/buurtkamer-nieuw-buinen/" in event["DESCRIPTION"]


def test_a_view_can_give_the_address_it_was_asked_on(nieuw_buinen):
    feed = place_feed(
        nieuw_buinen, date(2026, 12, 7), date(2026, 12, 7), base_url="http://127.0.0.1:8000/"
    )

    (event,) = parse(feed).walk("VEVENT")
    assert event["URL"] == "http://127.0.0.1:8000/plek/buurtkamer-nieuw-buinen/"


def test_the_feed_carries_a_timezone_definition_that_gives_the_right_offsets(nieuw_buinen):
    cal = parse(place_feed(nieuw_buinen, date(2026, 1, 1), date(2026, 12, 31)))

    (zone,) = cal.timezones
    assert zone.tz_name == "Europe/Amsterdam"
    assert cal.get_missing_tzids() == set()
    # The VTIMEZONE alone, not the computer's own time zone data, knows summer and winter.
    tz = zone.to_tz()
    assert datetime(2026, 1, 5, 9, tzinfo=tz).utcoffset() == timedelta(hours=1)
    assert datetime(2026, 7, 6, 9, tzinfo=tz).utcoffset() == timedelta(hours=2)
    assert datetime(2026, 12, 28, 9, tzinfo=tz).utcoffset() == timedelta(hours=1)
    events = cal.walk("VEVENT")
    assert {e["DTSTART"].params["TZID"] for e in events} == {"Europe/Amsterdam"}
    assert {e["DTEND"].params["TZID"] for e in events} == {"Europe/Amsterdam"}


def test_the_feed_says_what_it_is_and_how_often_to_fetch_it(nieuw_buinen):
    feed = place_feed(nieuw_buinen, date(2026, 12, 1), date(2026, 12, 31))
    cal = parse(feed)

    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"].startswith("-//naober//")
    assert cal["X-WR-CALNAME"] == "Buurtkamer Nieuw-Buinen"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT12H" in feed
    assert b"X-PUBLISHED-TTL:PT12H" in feed
    # Every event has the fields RFC 5545 requires.
    for event in cal.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} <= set(event)


@time_machine.travel(datetime(2026, 12, 1, 8, 30, tzinfo=UTC), tick=False)
def test_events_are_stamped_with_the_time_the_feed_was_made_in_utc(nieuw_buinen):
    feed = place_feed(nieuw_buinen, date(2026, 12, 7), date(2026, 12, 7))

    assert b"DTSTAMP:20261201T083000Z" in feed


def test_an_event_keeps_its_uid_when_the_day_is_cancelled_later(nieuw_buinen):
    day = date(2026, 12, 8)
    before = parse(place_feed(nieuw_buinen, day, day)).walk("VEVENT")[0]
    Closure.objects.create(place=nieuw_buinen, start_date=day, end_date=day, reason="Ill")
    fresh = Place.objects.get(pk=nieuw_buinen.pk)
    after = parse(place_feed(fresh, day, day)).walk("VEVENT")[0]

    assert before["UID"] == after["UID"]
    assert (before["STATUS"], after["STATUS"]) == ("CONFIRMED", "CANCELLED")


def test_the_municipality_feed_has_the_openings_of_its_public_places_only(nieuw_buinen, make_place):
    exloo = make_place(
        "gebiedsteam-exloo",
        name="Gebiedsteam Exloo",
        opening_rules=[
            {"frequency": "monthly", "week_of_month": 2, "weekdays": [1]} | hours(13, 15)
        ],
    )
    make_place("verborgen", is_public=False, opening_rules=[{"weekdays": [1]} | hours(9, 10)])
    elsewhere = Municipality.objects.create(name="Hoogeveen", slug="hoogeveen")
    make_place("wolfsbos", municipality=elsewhere, opening_rules=[{"weekdays": [3]} | hours(9, 10)])
    days = (date(2026, 10, 12), date(2026, 10, 16))

    with translation.override("en"):
        feed = municipality_feed(nieuw_buinen.municipality, *days)

    assert parse(feed)["X-WR-CALNAME"] == "Meeting places in Borger-Odoorn"
    seen = [as_seen(e) for e in events_between(feed, *days)]
    found = openings_for([nieuw_buinen, exloo], *days)
    listed = sorted(
        [as_listed(nieuw_buinen, o) for o in found[nieuw_buinen.pk]]
        + [as_listed(exloo, o) for o in found[exloo.pk]],
        key=lambda row: (row[1], row[0]),
    )
    assert seen == listed
    assert [start for uid, start, _, _ in seen if "exloo" in uid] == ["2026-10-13T13:00:00+02:00"]
    assert not any("verborgen" in uid or "wolfsbos" in uid for uid, *_ in seen)


def test_the_municipality_feed_takes_a_fixed_number_of_queries(
    nieuw_buinen, make_place, django_assert_max_num_queries
):
    for n in range(10):
        make_place(f"plek-{n}", opening_rules=[{"weekdays": [0, 3]} | hours(9, 12)])

    with django_assert_max_num_queries(9):
        municipality_feed(nieuw_buinen.municipality, date(2026, 1, 1), date(2026, 6, 30))


def test_the_feed_window_reaches_back_and_ahead_as_configured(settings):
    settings.NAOBER_FEED_DAYS_BACK = 31
    settings.NAOBER_FEED_DAYS_AHEAD = 183

    assert feed_window(date(2026, 3, 1)) == (date(2026, 1, 29), date(2026, 8, 31))

    settings.NAOBER_FEED_DAYS_BACK = 0
    settings.NAOBER_FEED_DAYS_AHEAD = 7
    assert feed_window(date(2026, 3, 1)) == (date(2026, 3, 1), date(2026, 3, 8))


@time_machine.travel(datetime(2026, 3, 28, 23, 30, tzinfo=UTC), tick=False)
def test_the_feed_window_starts_from_today_in_amsterdam(settings):
    # 23:30 UTC on 28 March is already 29 March in Amsterdam.
    settings.NAOBER_FEED_DAYS_BACK = 1
    settings.NAOBER_FEED_DAYS_AHEAD = 1

    assert feed_window() == (date(2026, 3, 28), date(2026, 3, 30))


def test_an_empty_range_gives_a_calendar_without_events(nieuw_buinen):
    cal = parse(place_feed(nieuw_buinen, date(2026, 4, 10), date(2026, 4, 1)))

    assert cal.walk("VEVENT") == []
    assert cal["X-WR-CALNAME"] == "Buurtkamer Nieuw-Buinen"
