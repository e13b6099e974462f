"""The public activities in the API: the list with its filters, and each activity's sessions
with their seats and waiting list.

At Wolfsbos (tests/activities/conftest.py): the lunch on the last Thursday of the month (10
seats), the sports morning every Thursday (walk in) and the music workshop on Thursday
afternoons until 17 December. It is Monday 23 November 2026, 10:00."""

import json
from datetime import datetime, time

import pytest
import time_machine

from naober.activities.models import Activity, Session
from naober.activities.sessions import cancel_session, plan_sessions
from naober.activities.signup import Person, sign_up
from naober.places.models import Organisation
from naober.schedules.recurrence import AMSTERDAM
from tests.activities import conftest as activity_fixtures

frozen_now = activity_fixtures.frozen_now
lunch = activity_fixtures.lunch
next_lunch = activity_fixtures.next_lunch
sports = activity_fixtures.sports
workshop = activity_fixtures.workshop

LIST = "/api/v1/activities"


def sessions_path(activity) -> str:
    return f"/api/v1/activities/{activity.pk}/sessions"


def get_json(client, path, params=None, *, language=None, status=200):
    headers = {"accept-language": language} if language else {}
    response = client.get(path, params or {}, headers=headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def titles(client, **params) -> list[str]:
    return [a["title"] for a in get_json(client, LIST, params)["results"]]


def fill(session: Session, seats: int, *, first: int = 0) -> None:
    for n in range(first, first + seats):
        sign_up(session, Person(name=f"Bewoner {n}", phone=f"06 123456{n:02d}"))


@pytest.fixture
def everything(lunch, sports, workshop):
    return lunch, sports, workshop


def test_an_activity_tells_a_resident_what_when_where_and_for_how_much(client, lunch, workshop):
    page = get_json(client, LIST, language="en")
    assert page["count"] == 2
    assert (page["next"], page["previous"]) == (None, None)
    food, music = sorted(page["results"], key=lambda a: a["theme"])
    assert food == {
        "id": lunch.pk,
        "title": "Samen eten",
        "description": "Elke laatste donderdag van de maand eten we samen. Iedereen is welkom.",
        "theme": "food",
        "place": {"slug": "huis-van-de-buurt-wolfsbos", "name": "Huis van de Buurt Wolfsbos"},
        "organisation": None,
        "rule": "the last Thursday of the month",
        "start_time": "12:00:00",
        "duration": 90,
        "capacity": 10,
        "signup_required": True,
        "cost": "0.00",
        "accessibility_notes": "Rolstoeltoegankelijk. Geef uw dieet door.",
        "url": f"http://testserver/en/activiteit/{lunch.pk}/",
    }
    assert music["cost"] == "2.50"
    assert music["rule"] == "every Thursday"


def test_the_rule_is_in_dutch_by_default_and_the_organisation_is_named(client, lunch):
    lunch.organisation = Organisation.objects.get(name="Stichting Welzijnswerk")
    lunch.save()
    (food,) = get_json(client, LIST)["results"]
    assert food["rule"] == "de laatste donderdag van de maand"
    assert food["organisation"] == "Stichting Welzijnswerk"
    assert food["url"] == f"http://testserver/activiteit/{lunch.pk}/"


def test_hidden_activities_and_activities_at_hidden_places_are_not_listed(
    client, lunch, sports, wolfsbos
):
    Activity.objects.filter(pk=sports.pk).update(is_public=False)
    assert titles(client) == ["Samen eten"]
    wolfsbos.is_public = False
    wolfsbos.save()
    assert get_json(client, LIST) == {"count": 0, "next": None, "previous": None, "results": []}


def test_the_list_is_filtered_by_place_and_theme(client, everything, nieuw_buinen, wolfsbos):
    Activity.objects.create(
        place=nieuw_buinen,
        title="Koffieochtend",
        weekdays=[0],
        valid_from=datetime(2026, 1, 1).date(),
        start_time=time(10),
        capacity=None,
        signup_required=False,
    )
    assert titles(client, place=wolfsbos.slug) == ["Muziekworkshop", "Samen eten", "Sportochtend"]
    assert titles(client, place=nieuw_buinen.slug) == ["Koffieochtend"]
    assert titles(client, theme="exercise") == ["Sportochtend"]
    assert titles(client, theme="meeting") == ["Koffieochtend"]
    assert titles(client, place=wolfsbos.slug, theme="meeting") == []


@pytest.mark.parametrize(
    "start, end, expected",
    [
        # This week: every activity has its Thursday.
        ("2026-11-23", "2026-11-29", ["Muziekworkshop", "Samen eten", "Sportochtend"]),
        # The week after the workshop's last session, before the lunch of 31 December.
        ("2026-12-21", "2026-12-27", ["Sportochtend"]),
        # One day, the end day included.
        ("2026-11-26", "2026-11-26", ["Muziekworkshop", "Samen eten", "Sportochtend"]),
        # Thursday afternoon after the lunch (which ends at 13:30).
        ("2026-11-26T13:45:00+01:00", "2026-11-26T23:00:00+01:00", ["Muziekworkshop"]),
        # Without an offset the time is Amsterdam's; in UTC 12:45 is 13:45 there.
        ("2026-11-26T13:45", "2026-11-26T22:00:00Z", ["Muziekworkshop"]),
        ("2026-11-26T12:45:00Z", None, ["Muziekworkshop", "Samen eten", "Sportochtend"]),
        # An unescaped + in the query string arrives as a space.
        ("2026-11-26T13:45:00 01:00", "2026-11-26T23:00:00 01:00", ["Muziekworkshop"]),
        # Only an end: from now.
        (None, "2026-11-26T11:30", ["Sportochtend"]),
        # Only a start: everything after it.
        ("2026-12-18", None, ["Samen eten", "Sportochtend"]),
    ],
)
def test_dates_find_the_activities_with_a_session_in_that_window(
    client, everything, start, end, expected
):
    params = {key: value for key, value in (("start", start), ("end", end)) if value}
    assert titles(client, **params) == expected


def test_a_cancelled_session_does_not_make_the_activity_happen_that_week(client, lunch):
    session = lunch.sessions.get(start=datetime(2026, 11, 26, 12, tzinfo=AMSTERDAM))
    cancel_session(session, "De kok is ziek")
    assert titles(client, start="2026-11-23", end="2026-11-29") == []


def test_the_list_is_paginated_like_the_places(client, everything):
    first = get_json(client, LIST, {"page_size": 2})
    assert first["count"] == 3
    assert first["next"] == "http://testserver/api/v1/activities?page_size=2&page=2"
    second = get_json(client, LIST, {"page_size": 2, "page": 2})
    assert second["previous"] == "http://testserver/api/v1/activities?page_size=2&page=1"
    assert [a["title"] for a in first["results"] + second["results"]] == [
        "Muziekworkshop",
        "Samen eten",
        "Sportochtend",
    ]
    assert get_json(client, LIST, {"page": 3, "page_size": 2}, language="en", status=404) == {
        "detail": "There is no page 3: the last page is 2."
    }


@pytest.mark.parametrize(
    "params, words",
    [
        ({"theme": "astrology"}, "theme cannot be “astrology”. Choose one of: exercise, music"),
        ({"theme": "<b>food</b>"}, "theme contains characters that are not allowed"),
        ({"place": "nergens"}, "There is no place “nergens”."),
        ({"place": "a\x00b"}, "place contains characters that are not allowed"),
        ({"start": "yesterday"}, "start must be a date (2026-12-07) or a date and time"),
        ({"start": "2026-13-45"}, "start must be a date"),
        ({"end": "2026-11-26T25:00"}, "end must be a date"),
        ({"end": "26-11-2026"}, "end must be a date"),
        ({"start": "<script>"}, "start must be a date"),
        ({"start": "2" * 5000}, "start must be a date"),
        ({"start": "1999-12-31"}, "start must lie between 2000-01-01 and 2100-12-31."),
        ({"start": "2026-11-30", "end": "2026-11-23"}, "end must be after start."),
        ({"page": "0"}, "page must be 1 or more"),
        ({"page_size": "101"}, "page_size must be 100 or less"),
    ],
)
def test_bad_filters_get_400_with_a_sentence(client, lunch, params, words):
    answer = get_json(client, LIST, params, language="en", status=400)
    assert words in answer["detail"]
    assert "<" not in json.dumps(answer)


def test_a_session_has_its_times_with_offset_and_its_seats(client, lunch, next_lunch):
    sessions = get_json(client, sessions_path(lunch), {"end": "2026-12-31"})
    assert sessions == [
        {
            "id": next_lunch.pk,
            "start": "2026-11-26T12:00:00+01:00",
            "end": "2026-11-26T13:30:00+01:00",
            "capacity": 10,
            "seats_left": 10,
            "waiting": 0,
            "status": "open",
            "cancel_reason": None,
        },
        {
            "id": lunch.sessions.get(start__date="2026-12-31").pk,
            "start": "2026-12-31T12:00:00+01:00",
            "end": "2026-12-31T13:30:00+01:00",
            "capacity": 10,
            "seats_left": 10,
            "waiting": 0,
            "status": "open",
            "cancel_reason": None,
        },
    ]


def test_seats_left_go_down_and_a_full_session_says_so_with_its_waiting_list(
    client, lunch, next_lunch
):
    fill(next_lunch, 3)
    (session,) = get_json(client, sessions_path(lunch), {"end": "2026-11-30"})
    assert (session["seats_left"], session["status"]) == (7, "open")
    fill(next_lunch, 9, first=3)
    (session,) = get_json(client, sessions_path(lunch), {"end": "2026-11-30"})
    assert session["seats_left"] == 0
    assert session["status"] == "full"
    assert session["waiting"] == 2


def test_a_session_without_a_limit_has_null_seats(client, sports):
    first = get_json(client, sessions_path(sports))[0]
    assert (first["capacity"], first["seats_left"], first["status"]) == (None, None, "open")


def test_a_cancelled_session_is_listed_with_its_reason(client, lunch, next_lunch):
    cancel_session(next_lunch, "De kok is ziek")
    first = get_json(client, sessions_path(lunch))[0]
    assert (first["status"], first["cancel_reason"]) == ("cancelled", "De kok is ziek")


def test_by_default_only_the_coming_sessions_are_listed_and_one_under_way_is_started(
    client, sports
):
    coming = get_json(client, sessions_path(sports))
    assert coming[0]["start"] == "2026-11-26T10:00:00+01:00"
    assert all(s["start"] > "2026-11-23" for s in coming)
    with time_machine.travel(datetime(2026, 11, 26, 10, 30, tzinfo=AMSTERDAM)):
        under_way = get_json(client, sessions_path(sports))[0]
    assert (under_way["start"], under_way["status"]) == ("2026-11-26T10:00:00+01:00", "started")


def test_past_sessions_can_be_asked_for_by_date(client, workshop):
    # A session planned in the past (the workshop ran in November too).
    Session.objects.create(
        activity=workshop,
        start=datetime(2026, 11, 19, 14, tzinfo=AMSTERDAM),
        end=datetime(2026, 11, 19, 15, 30, tzinfo=AMSTERDAM),
        capacity=8,
    )
    found = get_json(client, sessions_path(workshop), {"start": "2026-11-19", "end": "2026-11-26"})
    assert [s["start"][:10] for s in found] == ["2026-11-19", "2026-11-26"]
    assert found[0]["status"] == "started"


def test_the_sessions_of_an_unknown_or_hidden_activity_are_not_found(client, lunch, sports):
    Activity.objects.filter(pk=sports.pk).update(is_public=False)
    for id in (sports.pk, 987654, 0, -1, int("9" * 30)):
        answer = get_json(client, f"/api/v1/activities/{id}/sessions", language="en", status=404)
        assert answer == {"detail": f"There is no activity with id {id}."}
    answer = get_json(client, "/api/v1/activities/abc/sessions", language="en", status=400)
    assert answer == {"detail": "id must be a whole number."}
    answer = get_json(client, sessions_path(lunch), {"start": "morgen"}, language="en", status=400)
    assert "start must be a date" in answer["detail"]


def test_a_new_activity_shows_up_once_its_sessions_are_planned(client, wolfsbos, frozen_now):
    activity = Activity.objects.create(
        place=wolfsbos,
        title="Fietsen",
        weekdays=[1],
        valid_from=datetime(2026, 11, 1).date(),
        start_time=time(9),
        capacity=12,
    )
    assert titles(client, start="2026-11-23", end="2026-11-29") == []
    plan_sessions(activity)
    assert titles(client, start="2026-11-23", end="2026-11-29") == ["Fietsen"]


def test_the_openapi_document_describes_the_activity_operations(client, db):
    schema = get_json(client, "/api/v1/openapi.json")
    paths, components = schema["paths"], schema["components"]["schemas"]

    def operation(method: str, path: str) -> dict:
        return paths[path][method]

    def fields(name: str) -> set[str]:
        return set(components[name]["properties"])

    def parameters(method: str, path: str) -> set[str]:
        return {p["name"] for p in operation(method, path).get("parameters", [])}

    assert parameters("get", "/api/v1/activities") == {
        "place",
        "theme",
        "start",
        "end",
        "page",
        "page_size",
    }
    assert parameters("get", "/api/v1/activities/{id}/sessions") == {"id", "start", "end"}
    assert {"count", "next", "previous", "results"} <= fields("ActivityPage")
    assert {
        "id",
        "title",
        "description",
        "theme",
        "place",
        "organisation",
        "rule",
        "duration",
        "capacity",
        "signup_required",
        "cost",
        "accessibility_notes",
        "url",
    } <= fields("ActivityOut")
    assert components["ActivityOut"]["properties"]["theme"]["enum"][:2] == ["exercise", "music"]
    session = components["SessionOut"]["properties"]
    assert set(session) == {
        "id",
        "start",
        "end",
        "capacity",
        "seats_left",
        "waiting",
        "status",
        "cancel_reason",
    }
    assert session["start"]["format"] == "date-time"
    assert session["status"]["enum"] == ["open", "full", "cancelled", "started"]

    sign_up = operation("post", "/api/v1/sessions/{id}/signups")
    assert sign_up["operationId"] == "signUp"
    assert "security" not in sign_up
    assert set(sign_up["responses"]) == {"201", "400", "404", "429"}
    assert fields("SignUpIn") == {"name", "phone", "email", "people", "note", "series"}
    assert {"status", "position", "cancel_token", "series"} <= fields("SignUpOut")
    assert components["SignUpOut"]["properties"]["status"]["enum"] == ["confirmed", "waitlisted"]
    for path in ("/api/v1/signups/cancel", "/api/v1/signups/confirm"):
        assert "security" not in operation("post", path)
        assert "429" in operation("post", path)["responses"]
    assert fields("CancelIn") == {"token", "series"}

    for method in ("get", "post"):
        attendance = operation(method, "/api/v1/sessions/{id}/attendance")
        assert attendance["security"] == [{"StaffSessionAuth": []}, {"ApiTokenAuth": []}]
        assert "401" in attendance["responses"]
    assert fields("AttendanceIn") == {"signup", "attended"}
    assert {"id", "name", "phone", "people", "note", "status", "attended"} <= fields("AttendeeOut")
    assert {"session", "signups", "waiting_list", "totals"} <= fields("AttendanceOut")
    assert "Activities and their sessions are public" in schema["info"]["description"]
