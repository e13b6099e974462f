"""The attendance list in the API, for staff: Willem, host at Wolfsbos, sees who is coming to
the lunch and marks who came; Hanna, host at Nieuw-Buinen, sees nothing of it. Every look at
the names and every mark is written to the audit trail, without a name in it.

The lunch at Wolfsbos is on Thursday 26 November 2026 at 12:00; it is Monday 23 November."""

import json
from datetime import datetime

import pytest
import time_machine
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from naober.accounts.models import ApiToken, AuditEvent
from naober.activities.constants import SignUpStatus
from naober.activities.models import SignUp
from naober.activities.signup import Person, cancel, sign_up
from naober.schedules.recurrence import AMSTERDAM
from tests.activities import conftest as activity_fixtures
from tests.staff import login

frozen_now = activity_fixtures.frozen_now
lunch = activity_fixtures.lunch
next_lunch = activity_fixtures.next_lunch
resident = activity_fixtures.resident

LUNCH_TIME = datetime(2026, 11, 26, 12, 30, tzinfo=AMSTERDAM)


def attendance_path(session) -> str:
    return f"/api/v1/sessions/{session.pk}/attendance"


@pytest.fixture
def signed_up(next_lunch, resident):
    """Mrs Jansen and Ahmed (with his wife) have seats; the lunch is then full and Piet waits."""
    jansen = sign_up(next_lunch, resident)
    ahmed = sign_up(next_lunch, Person(name="Ahmed Yilmaz", email="ahmed@example.nl", people=2))
    for n in range(7):
        sign_up(next_lunch, Person(name=f"Bewoner {n}", phone=f"06 123450{n:02d}"))
    piet = sign_up(next_lunch, Person(name="Piet", phone="06 87654321"))
    assert piet.status == SignUpStatus.WAITLISTED
    return {"jansen": jansen, "ahmed": ahmed, "piet": piet}


@pytest.fixture
def willem(client, host_wolfsbos):
    return login(client, host_wolfsbos)


@pytest.fixture
def willem_at_lunch(signed_up, client, host_wolfsbos):
    """Willem on the day, during the lunch (his login of Monday would have run out by then)."""
    with time_machine.travel(LUNCH_TIME):
        yield login(client, host_wolfsbos)


def mark(client, session, body, **headers):
    return client.post(
        attendance_path(session), json.dumps(body), content_type="application/json", headers=headers
    )


def test_the_host_of_wolfsbos_sees_who_is_coming_and_who_waits(willem, next_lunch, signed_up):
    response = willem.get(attendance_path(next_lunch))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    answer = response.json()
    assert answer["session"] == {
        "id": next_lunch.pk,
        "activity": "Samen eten",
        "place": {"slug": "huis-van-de-buurt-wolfsbos", "name": "Huis van de Buurt Wolfsbos"},
        "start": "2026-11-26T12:00:00+01:00",
        "end": "2026-11-26T13:30:00+01:00",
        "capacity": 10,
        "seats_left": 0,
        "waiting": 1,
        "status": "full",
        "cancel_reason": None,
    }
    # By name, so the host finds a person at the door.
    assert [s["name"] for s in answer["signups"]][:2] == ["Ahmed Yilmaz", "Bewoner 0"]
    jansen = next(s for s in answer["signups"] if s["name"] == "Mevrouw Jansen")
    assert jansen == {
        "id": signed_up["jansen"].pk,
        "name": "Mevrouw Jansen",
        "phone": "+31612345678",
        "email": "",
        "people": 1,
        "note": "Geen vlees",
        "status": "confirmed",
        "attended": None,
    }
    assert [s["name"] for s in answer["waiting_list"]] == ["Piet"]
    assert answer["totals"] == {"signed_up": 10, "came": 0, "did_not_come": 0, "not_marked": 10}


def test_each_look_at_the_list_is_in_the_audit_trail_without_a_name(willem, next_lunch, signed_up):
    willem.get(attendance_path(next_lunch))
    willem.get(attendance_path(next_lunch))
    lines = AuditEvent.objects.filter(object_type="activities.session")
    assert lines.count() == 2
    line = lines.first()
    assert (line.actor, line.channel, line.object_id) == (
        "host-wolfsbos",
        "api",
        str(next_lunch.pk),
    )
    assert line.action == "signups_viewed"
    written = json.dumps(line.detail)
    assert "Jansen" not in written and "612345678" not in written


def test_a_cancelled_sign_up_is_not_on_the_list(willem, next_lunch, signed_up):
    cancel(signed_up["jansen"])
    answer = willem.get(attendance_path(next_lunch)).json()
    assert "Mevrouw Jansen" not in [s["name"] for s in answer["signups"]]
    # Piet was offered the freed seat: he is on the list, not yet confirmed.
    piet = next(s for s in answer["signups"] if s["name"] == "Piet")
    assert piet["status"] == "offered"
    assert answer["waiting_list"] == []


@pytest.mark.parametrize("persona", ["host_nieuw_buinen", "coordinator_andes"])
def test_staff_of_another_place_get_404_and_nothing_is_logged(
    client, request, next_lunch, signed_up, persona
):
    login(client, request.getfixturevalue(persona))
    response = client.get(attendance_path(next_lunch), headers={"accept-language": "en"})
    assert response.status_code == 404
    assert response.json() == {"detail": f"You keep no session with id {next_lunch.pk}."}
    body = {"signup": signed_up["jansen"].pk, "attended": True}
    assert mark(client, next_lunch, body).status_code == 404
    assert not AuditEvent.objects.filter(object_type__startswith="activities.").exists()


def test_an_unknown_session_is_not_found(willem, db):
    for id in (987654, 0, int("9" * 30)):
        assert willem.get(f"/api/v1/sessions/{id}/attendance").status_code == 404
    assert willem.get("/api/v1/sessions/abc/attendance").status_code == 400


def test_without_a_session_or_token_the_answer_is_401(client, next_lunch, signed_up):
    response = client.get(attendance_path(next_lunch))
    assert response.status_code == 401
    assert "no-store" in response["Cache-Control"]
    assert set(response.json()) == {"detail"}
    assert mark(client, next_lunch, {"signup": signed_up["jansen"].pk, "attended": True}).status_code == 401  # fmt: skip
    signed_up["jansen"].refresh_from_db()
    assert signed_up["jansen"].attended is None


def test_a_password_without_the_second_factor_is_not_enough(client, host_wolfsbos, next_lunch):
    login(client, host_wolfsbos, verified=False)
    assert client.get(attendance_path(next_lunch)).status_code == 401


def test_a_host_with_a_token_reads_and_marks(client, host_wolfsbos, next_lunch, signed_up):
    _, token = ApiToken.issue(host_wolfsbos, "Tablet")
    bearer = {"authorization": f"Bearer {token}"}
    response = client.get(attendance_path(next_lunch), headers=bearer)
    assert response.status_code == 200
    assert len(response.json()["signups"]) == 9
    with time_machine.travel(LUNCH_TIME):
        body = {"signup": signed_up["ahmed"].pk, "attended": True}
        response = mark(client, next_lunch, body, **bearer)
    assert response.status_code == 200
    assert response.json()["attended"] is True


def test_the_host_marks_who_came_on_the_day(willem_at_lunch, next_lunch, signed_up):
    willem, jansen, ahmed = willem_at_lunch, signed_up["jansen"], signed_up["ahmed"]
    came = mark(willem, next_lunch, {"signup": jansen.pk, "attended": True})
    stayed_away = mark(willem, next_lunch, {"signup": ahmed.pk, "attended": False})
    answer = willem.get(attendance_path(next_lunch)).json()
    assert came.status_code == 200
    assert came.json()["attended"] is True
    assert stayed_away.json()["attended"] is False
    assert answer["totals"] == {"signed_up": 10, "came": 1, "did_not_come": 2, "not_marked": 7}
    marks = AuditEvent.objects.filter(action="attendance_marked").order_by("id")
    assert [(m.object_id, m.detail["attended"]) for m in marks] == [
        (str(jansen.pk), True),
        (str(ahmed.pk), False),
    ]
    # A mark taken back.
    undone = mark(willem, next_lunch, {"signup": jansen.pk, "attended": None})
    assert undone.json()["attended"] is None
    jansen.refresh_from_db()
    assert jansen.attended is None


def test_marking_before_the_day_is_refused(willem, next_lunch, signed_up):
    body = {"signup": signed_up["jansen"].pk, "attended": True}
    response = mark(willem, next_lunch, body, accept_language="en")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The session has not come yet. Mark who came on the day itself.",
        "field": None,
        "code": "not_yet",
    }
    signed_up["jansen"].refresh_from_db()
    assert signed_up["jansen"].attended is None


def test_a_cancelled_sign_up_cannot_be_marked(client, host_wolfsbos, next_lunch, signed_up):
    cancel(signed_up["jansen"])
    with time_machine.travel(LUNCH_TIME):
        login(client, host_wolfsbos)
        response = mark(client, next_lunch, {"signup": signed_up["jansen"].pk, "attended": True})
    assert response.status_code == 400
    assert response.json()["code"] == "not_active"


def test_a_sign_up_of_another_session_is_not_found(
    client, host_wolfsbos, lunch, next_lunch, signed_up
):
    later = lunch.sessions.exclude(pk=next_lunch.pk).first()
    other = sign_up(later, Person(name="Kees", phone="06 11122233"))
    with time_machine.travel(LUNCH_TIME):
        login(client, host_wolfsbos)
        for id in (other.pk, 987654, int("9" * 30)):
            body = {"signup": id, "attended": True}
            response = mark(client, next_lunch, body, accept_language="en")
            assert response.status_code == 404
            assert response.json() == {"detail": f"This session has no sign-up with id {id}."}
    other.refresh_from_db()
    assert other.attended is None


@pytest.mark.parametrize(
    "body, words",
    [
        ({"signup": "abc", "attended": True}, "signup must be a whole number."),
        ({"attended": True}, "signup is required."),
        ({"signup": 1}, "attended is required."),
        ({"signup": 1, "attended": "maybe"}, "attended is not valid."),
        ({"signup": 1, "attended": 1}, "attended is not valid."),
    ],
)
def test_a_bad_mark_gets_400_with_a_sentence(willem, next_lunch, body, words):
    response = mark(willem, next_lunch, body, accept_language="en")
    assert response.status_code == 400
    assert words in response.json()["detail"]


def test_a_session_post_needs_the_csrf_token(host_wolfsbos, next_lunch, signed_up):
    body = {"signup": signed_up["jansen"].pk, "attended": True}
    with time_machine.travel(LUNCH_TIME):
        browser = login(Client(enforce_csrf_checks=True), host_wolfsbos)
        assert mark(browser, next_lunch, body).status_code == 403
        secret = _get_new_csrf_string()
        browser.cookies["csrftoken"] = secret
        assert mark(browser, next_lunch, body, x_csrftoken=secret).status_code == 200
    assert SignUp.objects.get(pk=signed_up["jansen"].pk).attended is True
