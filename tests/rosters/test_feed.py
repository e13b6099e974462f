"""A person's iCalendar feed: a valid calendar with their own confirmed shifts in published
rosters, each under a UID that stays the same; found by the secret token alone."""

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar

from naober.accounts.constants import Role
from naober.rosters import changes
from naober.rosters.constants import AssignmentStatus, RosterStatus, Source
from naober.rosters.models import Assignment, Roster, Shift
from naober.schedules.recurrence import AMSTERDAM
from tests.staff import make_staff

TUE, THU = date(2026, 12, 1), date(2026, 12, 3)


def feed_of(client, person, prefix="/en"):
    return client.get(f"{prefix}/rooster/agenda/{person.feed_token}.ics")


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return sorted(
        Calendar.from_ical(response.content).walk("VEVENT"), key=lambda e: e["DTSTART"].dt
    )


def morning(day: date) -> Shift:
    return Shift.objects.get(start=datetime.combine(day, time(9), tzinfo=AMSTERDAM))


def test_the_feed_lists_the_persons_own_shifts_with_place_and_colleagues(client, week_roster, team):
    found = events(feed_of(client, team["vera"]))

    assert [e["DTSTART"].dt for e in found] == [
        datetime.combine(TUE, time(9), tzinfo=AMSTERDAM),
        datetime.combine(THU, time(9), tzinfo=AMSTERDAM),
    ]
    first = found[0]
    assert first["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert first["DTEND"].dt == datetime.combine(TUE, time(12), tzinfo=AMSTERDAM)
    assert str(first["SUMMARY"]) == "Shift: Buurtkamer Nieuw-Buinen"
    assert str(first["LOCATION"]) == "MFA Noorderbreedte, Noorderdiep 60, 9521 BE Nieuw-Buinen"
    assert "With: Anke." in str(first["DESCRIPTION"])
    assert "Hosting: at least 1" in str(first["DESCRIPTION"])
    assert str(first["TRANSP"]) == "OPAQUE"


def test_uids_are_unique_and_stay_the_same(client, week_roster, team):
    first = [str(e["UID"]) for e in events(feed_of(client, team["anke"]))]
    again = [str(e["UID"]) for e in events(feed_of(client, team["anke"]))]

    assert len(first) == 5 == len(set(first))
    assert first == again


def test_only_confirmed_shifts_of_published_rosters_are_in_the_feed(client, week_roster, team):
    draft = Roster.objects.create(
        municipality=week_roster.municipality,
        start_date=date(2026, 12, 8),
        end_date=date(2026, 12, 8),
        status=RosterStatus.DRAFT,
    )
    start = datetime(2026, 12, 8, 9, tzinfo=AMSTERDAM)
    draft_shift = Shift.objects.create(
        roster=draft,
        place=morning(TUE).place,
        opening_key="draft",
        start=start,
        end=start + timedelta(hours=3),
    )
    Assignment.objects.create(shift=draft_shift, person=team["vera"])
    Assignment.objects.filter(shift=morning(THU), person=team["vera"]).update(
        status=AssignmentStatus.ASKED, source=Source.REPAIR
    )

    found = events(feed_of(client, team["vera"]))

    assert [e["DTSTART"].dt.date() for e in found] == [TUE]


def test_a_shift_given_away_leaves_the_givers_feed_and_joins_the_takers(
    client, week_roster, team, andes, borger_odoorn
):
    wim = team["wim"]
    wim.max_per_week = 4
    wim.save()
    taken = changes.take(wim, changes.give_away(team["vera"], morning(THU)))
    changes.decide(
        taken,
        approve=True,
        by=make_staff("coordinator-andes", andes, Role.COORDINATOR, municipality=borger_odoorn),
    )

    veras = events(feed_of(client, team["vera"]))
    wims = events(feed_of(client, wim))

    assert [e["DTSTART"].dt.date() for e in veras] == [TUE]
    assert THU in [e["DTSTART"].dt.date() for e in wims]


def test_the_feed_is_in_dutch_at_its_dutch_address(client, week_roster, team):
    found = events(feed_of(client, team["vera"], prefix=""))

    assert len(found) == 2
    assert str(found[0]["SUMMARY"]).endswith("Buurtkamer Nieuw-Buinen")


@pytest.mark.parametrize("token", ["not-a-token", "x" * 32])
def test_an_unknown_token_is_not_found(client, week_roster, token):
    assert client.get(f"/rooster/agenda/{token}.ics").status_code == 404


def test_someone_who_left_the_roster_has_no_feed_any_more(client, week_roster, team):
    vera = team["vera"]
    vera.is_active = False
    vera.save()

    assert feed_of(client, vera).status_code == 404
