"""The host's attendance list: who is coming to the lunch, on the tablet and on paper; marking
who came. Only the hosts of the place see it (coordinators see counts), and every
look at the names is in the audit trail, without the names."""

import json
import re
from datetime import datetime

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from naober.accounts.constants import AuditAction, Role
from naober.accounts.models import AuditEvent
from naober.activities.constants import SignUpStatus
from naober.activities.signup import Person, sign_up
from naober.places.models import Organisation
from naober.schedules.recurrence import AMSTERDAM
from tests.staff import login, make_staff

LUNCH_DAY = datetime(2026, 11, 26, 12, 30, tzinfo=AMSTERDAM)


def english(name, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def text(response) -> str:
    """The page as a person reads it: tags gone, spaces collapsed."""
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def totals(page: str) -> str:
    return page.split("Totals")[1].split("With a seat")[0]


@pytest.fixture
def host(client, host_wolfsbos):
    return login(client, host_wolfsbos)


@pytest.fixture
def on_lunch_day(client, host_wolfsbos, jansen, yilmaz):
    """Thursday 26 November, 12:30: the lunch is on; the host logs in at the door."""
    with time_machine.travel(LUNCH_DAY, tick=False):
        yield login(client, host_wolfsbos)


@pytest.fixture
def jansen(next_lunch, resident):
    return sign_up(next_lunch, resident)


@pytest.fixture
def yilmaz(next_lunch, resident_with_email):
    return sign_up(next_lunch, resident_with_email)


@pytest.fixture
def full_lunch(next_lunch, jansen, yilmaz):
    """Three seats, all taken: Mrs Jansen, and Mr Yilmaz for two. Two more wait in line."""
    next_lunch.capacity = 3
    next_lunch.save()
    first = sign_up(next_lunch, Person(name="Bep de Vries", phone="06 11112222"))
    second = sign_up(next_lunch, Person(name="Anton Bakker", phone="06 33334444"))
    assert first.status == second.status == SignUpStatus.WAITLISTED
    return next_lunch


def test_the_host_of_wolfsbos_sees_the_lunch_with_names_notes_and_totals(
    host, next_lunch, jansen, yilmaz
):
    page = text(host.get(english("activity_desk:attendance", next_lunch.pk)))

    assert "Samen eten" in page
    assert "Thursday 26 November 2026, 12:00–13:30" in page
    assert "Mevrouw Jansen" in page and "Geen vlees" in page
    assert "Ahmed Yilmaz" in page and "ahmed@example.nl" in page
    assert "Signed up 3 people Came 0 Did not come 0 Not marked 3" in totals(page)
    assert "Seats 10, 7 left" in totals(page)


def test_phone_numbers_read_as_a_dutch_host_writes_them_and_can_be_called(host, next_lunch, jansen):
    response = host.get(english("activity_desk:attendance", next_lunch.pk))

    assert "06 12345678" in text(response)
    assert 'href="tel:+31612345678"' in response.content.decode()


def test_seats_come_first_by_name_then_the_waiting_list_in_line(host, full_lunch):
    page = text(host.get(english("activity_desk:attendance", full_lunch.pk)))

    seated, waiting = page.split("With a seat")[1].split("Waiting list")[-2:]
    assert seated.index("Ahmed Yilmaz") < seated.index("Mevrouw Jansen")
    assert "Bep de Vries" not in seated
    assert waiting.index("1 Bep de Vries") < waiting.index("2 Anton Bakker")
    assert "Seats 3, 0 left" in totals(page)
    assert "Waiting list 2" in totals(page)


@pytest.mark.parametrize("other", ["host_nieuw_buinen", "lefier_consultant", "coordinator_andes"])
def test_anyone_outside_wolfsbos_finds_no_such_list(client, request, other, next_lunch, jansen):
    login(client, request.getfixturevalue(other))

    response = client.get(english("activity_desk:attendance", next_lunch.pk))

    assert response.status_code == 404
    assert "Mevrouw Jansen" not in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.SIGNUPS_VIEWED).exists()


def test_the_coordinator_of_the_network_sees_no_names_either(client, hoogeveen, next_lunch, jansen):
    welzijn = Organisation.objects.get(name="Stichting Welzijnswerk")
    coordinator = make_staff("coord-hv", welzijn, Role.COORDINATOR, municipality=hoogeveen)
    login(client, coordinator)

    response = client.get(english("activity_desk:attendance", next_lunch.pk))

    assert response.status_code == 404
    assert "Mevrouw Jansen" not in response.content.decode()


def test_a_password_without_the_second_factor_is_sent_to_the_second_step(
    client, host_wolfsbos, next_lunch, jansen
):
    login(client, host_wolfsbos, verified=False)

    response = client.get(english("activity_desk:attendance", next_lunch.pk))

    assert response.status_code == 302
    assert response["Location"].startswith(english("accounts:verify"))


def test_every_look_at_the_list_is_in_the_audit_trail_without_names(
    host, next_lunch, jansen, yilmaz
):
    host.get(english("activity_desk:attendance", next_lunch.pk))
    host.get(english("activity_desk:attendance", next_lunch.pk))

    lines = AuditEvent.objects.filter(action=AuditAction.SIGNUPS_VIEWED).order_by("id")
    assert [(line.actor, line.object_type, line.object_id) for line in lines] == [
        ("host-wolfsbos", "activities.session", str(next_lunch.pk)),
    ] * 2
    assert lines[0].detail == {"signups": 2}
    assert "Jansen" not in json.dumps(lines[0].detail)


def test_the_list_is_never_stored_by_a_browser_or_proxy(host, next_lunch):
    response = host.get(english("activity_desk:attendance", next_lunch.pk))

    assert "no-store" in response["Cache-Control"]


def test_on_the_day_marking_who_came_changes_the_totals_and_comes_back_at_the_row(
    on_lunch_day, next_lunch, jansen, yilmaz
):
    url = english("activity_desk:attendance", next_lunch.pk)
    came = on_lunch_day.post(
        english("activity_desk:mark", next_lunch.pk), {"signup": jansen.pk, "attended": "yes"}
    )
    away = on_lunch_day.post(
        english("activity_desk:mark", next_lunch.pk), {"signup": yilmaz.pk, "attended": "no"}
    )
    page = text(on_lunch_day.get(url))

    assert came.status_code == away.status_code == 303
    assert came["Location"] == f"{url}#signup-{jansen.pk}"
    assert "Signed up 3 people Came 1 Did not come 2 Not marked 0" in totals(page)
    jansen.refresh_from_db()
    assert jansen.attended is True


def test_a_mark_can_be_taken_back(on_lunch_day, next_lunch, jansen):
    for value in ("yes", ""):
        on_lunch_day.post(
            english("activity_desk:mark", next_lunch.pk), {"signup": jansen.pk, "attended": value}
        )
    page = text(on_lunch_day.get(english("activity_desk:attendance", next_lunch.pk)))

    assert "Came 0 Did not come 0 Not marked 3" in totals(page)


def test_each_mark_writes_an_audit_line_without_the_name(on_lunch_day, next_lunch, jansen):
    on_lunch_day.post(
        english("activity_desk:mark", next_lunch.pk), {"signup": jansen.pk, "attended": "yes"}
    )

    line = AuditEvent.objects.get(action=AuditAction.ATTENDANCE_MARKED)
    assert (line.actor, line.object_type, line.object_id) == (
        "host-wolfsbos",
        "activities.signup",
        str(jansen.pk),
    )
    assert line.detail == {"session": next_lunch.pk, "attended": True}
    assert "Jansen" not in json.dumps(line.detail) and "0612345678" not in json.dumps(line.detail)


def test_before_the_day_nobody_can_be_marked_and_the_host_reads_why(host, next_lunch, jansen):
    response = host.post(
        english("activity_desk:mark", next_lunch.pk),
        {"signup": jansen.pk, "attended": "yes"},
        follow=True,
    )

    assert "The session has not come yet. Mark who came on the day itself." in text(response)
    jansen.refresh_from_db()
    assert jansen.attended is None
    assert not AuditEvent.objects.filter(action=AuditAction.ATTENDANCE_MARKED).exists()


def test_a_sign_up_of_another_session_cannot_be_marked_through_this_one(
    lunch, next_lunch, resident, on_lunch_day
):
    later = lunch.sessions.order_by("start")[1]
    elsewhere = sign_up(later, resident)

    response = on_lunch_day.post(
        english("activity_desk:mark", next_lunch.pk), {"signup": elsewhere.pk, "attended": "yes"}
    )

    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.attended is None


def test_marking_is_a_post_only(host, next_lunch, jansen):
    response = host.get(english("activity_desk:mark", next_lunch.pk))

    assert response.status_code == 405


def test_the_page_prints_with_its_own_style_sheet(host, next_lunch, jansen):
    page = host.get(english("activity_desk:attendance", next_lunch.pk)).content.decode()

    link = re.search(r'<link rel="stylesheet" href="([^"]+desk-print\.css)" media="print">', page)
    assert link, "the attendance list links a style sheet for paper"
    sheet = open(finders.find("activities/desk-print.css"), encoding="utf-8").read()
    # On paper: no menu, no buttons; an empty box to tick for everyone not marked yet.
    assert "form, button" in sheet and ".print-box" in sheet
    assert 'class="print-box"' in page


def test_the_place_shows_its_coming_sessions_with_seats_and_waiting(host, wolfsbos, full_lunch):
    page = text(host.get(english("activity_desk:sessions", wolfsbos.slug)))

    # Seats taken, seats left, waiting.
    lunch_row = page.split("Thursday 26 November")[1]
    assert lunch_row.split("Samen eten")[1].split()[:5] == ["3", "of", "3", "0", "2"]


def test_the_hosts_day_page_links_to_todays_attendance_lists(on_lunch_day, wolfsbos, next_lunch):
    response = on_lunch_day.get(english("desk:desk_today", wolfsbos.slug))
    page = text(response)

    assert "Activities today" in page
    assert "12:00 Samen eten" in page and "Signed up: 3 of 10" in page
    html = response.content.decode()
    assert f'href="{english("activity_desk:attendance", next_lunch.pk)}"' in html
    assert f'href="{english("activity_desk:sessions", wolfsbos.slug)}"' in html
