from datetime import date

import time_machine

from naober.schedules.models import Closure


def get_openings(client, place, **params):
    response = client.get(f"/api/v1/places/{place.pk}/openings", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_an_opening_has_its_times_with_offset_and_who_is_present(client, nieuw_buinen):
    (monday,) = get_openings(client, nieuw_buinen, start="2026-12-07", end="2026-12-07")
    assert monday == {
        "start": "2026-12-07T09:00:00+01:00",
        "end": "2026-12-07T12:00:00+01:00",
        "status": "open",
        "reason": "",
        "note": "",
        "organisations": [
            {"id": o.pk, "name": o.name} for o in nieuw_buinen.organisations.order_by("name")
        ],
        "themes": ["housing", "welfare", "safety"],
    }


def test_both_dates_are_included(client, nieuw_buinen):
    week = get_openings(client, nieuw_buinen, start="2026-12-07", end="2026-12-11")
    assert [o["start"][:10] for o in week] == [
        "2026-12-07",
        "2026-12-08",
        "2026-12-09",
        "2026-12-10",
        "2026-12-11",
    ]
    # Thursday morning brings the language and computer help.
    assert week[3]["themes"] == ["welfare", "language"]


def test_a_public_holiday_is_listed_as_closed_with_its_name(client, nieuw_buinen):
    christmas = get_openings(client, nieuw_buinen, start="2026-12-24", end="2026-12-28")
    assert [(o["start"][:10], o["status"]) for o in christmas] == [
        ("2026-12-24", "open"),
        ("2026-12-25", "closed"),
        ("2026-12-28", "open"),
    ]
    closed = christmas[1]
    assert closed["reason"] == "Eerste kerstdag"
    assert closed["organisations"] == [] and closed["themes"] == []


def test_a_cancellation_is_listed_as_closed_with_its_reason(client, nieuw_buinen):
    Closure.objects.create(
        place=nieuw_buinen,
        start_date=date(2026, 12, 9),
        end_date=date(2026, 12, 9),
        reason="De gastvrouw is ziek",
    )
    (wednesday,) = get_openings(client, nieuw_buinen, start="2026-12-09", end="2026-12-09")
    assert wednesday["status"] == "closed"
    assert wednesday["reason"] == "De gastvrouw is ziek"


def test_times_keep_their_local_hour_across_the_change_to_summer_time(client, nieuw_buinen):
    # Summer time starts on Sunday 29 March 2026.
    days = get_openings(client, nieuw_buinen, start="2026-03-27", end="2026-03-30")
    assert [o["start"] for o in days] == [
        "2026-03-27T09:00:00+01:00",
        "2026-03-30T09:00:00+02:00",
    ]


@time_machine.travel("2026-12-07 10:00 +01:00", tick=False)
def test_without_dates_it_gives_two_weeks_from_today(client, nieuw_buinen):
    days = get_openings(client, nieuw_buinen)
    assert days[0]["start"] == "2026-12-07T09:00:00+01:00"
    assert days[-1]["start"] == "2026-12-18T09:00:00+01:00"
    assert len(days) == 10


def test_with_only_a_start_it_gives_two_weeks_from_that_day(client, nieuw_buinen):
    days = get_openings(client, nieuw_buinen, start="2026-12-14")
    assert days[0]["start"][:10] == "2026-12-14"
    assert days[-1]["start"][:10] == "2026-12-25"


def test_a_whole_year_can_be_asked_for_at_once(client, nieuw_buinen):
    year = get_openings(client, nieuw_buinen, start="2026-01-01", end="2026-12-31")
    assert len(year) == 261  # the weekdays of 2026, holidays included as closed
    assert {o["start"][:4] for o in year} == {"2026"}
