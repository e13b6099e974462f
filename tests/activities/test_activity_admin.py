"""The coordinator keeps activities in the admin: a new activity gets its sessions planned at
once, an impossible rule is refused at its field with nothing saved, and a session is cancelled
(with the reason residents read) or given more seats through the same rules as everywhere."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from naober.activities.constants import SignUpStatus
from naober.activities.models import Activity, Session
from naober.activities.signup import Person, sign_up
from tests.admin.browser import errors_next_to, form_data
from tests.admin.editing import in_dutch
from tests.staff import login


def dutch(name, *args) -> str:
    with translation.override("nl"):
        return reverse(name, args=args)


def text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def staff(client, superuser):
    return login(client, superuser)


@pytest.fixture
def add_page(staff, frozen_now, wolfsbos):
    url = dutch("admin:activities_activity_add")
    response = staff.get(url)
    assert response.status_code == 200
    return url, form_data(response, "activity_form")


def a_lunch(data: dict, wolfsbos, **changes) -> dict:
    data.update(
        title=["Samen eten"],
        place=[str(wolfsbos.pk)],
        theme=["food"],
        description=["Elke laatste donderdag eten we samen."],
        frequency=["monthly"],
        interval=["1"],
        week_of_month=["-1"],
        weekdays=["3"],
        start_time=["12:00"],
        duration=["90"],
        valid_from=["01-11-2026"],
        capacity=["10"],
        signup_required=["on"],
        cost=["0"],
    )
    data.update({name: [value] for name, value in changes.items()})
    return data


def test_the_days_of_the_week_are_checkboxes_as_for_openings(staff, frozen_now, wolfsbos):
    page = staff.get(dutch("admin:activities_activity_add")).content.decode()

    for day in range(7):
        assert f'<input type="checkbox" name="weekdays" value="{day}"' in page


def test_adding_an_activity_plans_its_sessions_and_says_how_many(staff, add_page, wolfsbos):
    url, data = add_page

    response = staff.post(url, a_lunch(data, wolfsbos), follow=True)

    activity = Activity.objects.get(title="Samen eten")
    planned = activity.sessions.count()
    # The last Thursdays in the 120 days from 23 November 2026: November to February.
    assert planned == 4
    assert [s.start.day for s in activity.sessions.order_by("start")][:2] == [26, 31]
    with translation.override("nl"):
        message = translation.ngettext(
            "%(count)d new session planned.", "%(count)d new sessions planned.", planned
        ) % {"count": planned}
    assert message in text(response)
    assert all(session.capacity == 10 for session in activity.sessions.all())


def test_a_monthly_rule_without_the_week_is_refused_at_its_field_and_nothing_is_saved(
    staff, add_page, wolfsbos
):
    url, data = add_page

    response = staff.post(url, a_lunch(data, wolfsbos, week_of_month=""))

    assert response.status_code == 200
    assert errors_next_to(response, "week_of_month") == [
        in_dutch("A monthly rule needs the week: for example the first or the last.")
    ]
    assert not Activity.objects.exists()
    assert not Session.objects.exists()


def test_an_activity_that_ends_after_midnight_is_refused_at_the_duration(staff, add_page, wolfsbos):
    url, data = add_page

    response = staff.post(url, a_lunch(data, wolfsbos, start_time="23:00", duration="120"))

    assert errors_next_to(response, "duration") == [
        in_dutch("The activity would end after midnight: shorten it or start earlier.")
    ]
    assert not Activity.objects.exists()


def test_the_activity_page_previews_its_next_sessions(staff, lunch):
    response = staff.get(dutch("admin:activities_activity_change", lunch.pk))

    page = text(response)
    assert "26 november 2026 12:00–13:30" in page
    assert "31 december 2026" in page


def test_cancelling_a_session_with_a_reason_sets_it_and_tells_who_signed_up(
    staff, next_lunch, resident, monkeypatch, django_capture_on_commit_callbacks
):
    told = []
    monkeypatch.setattr(
        "naober.activities.notify.session_cancelled",
        lambda signups, reason: told.append(([s.name for s in signups], reason)),
    )
    sign_up(next_lunch, resident)
    url = dutch("admin:activities_session_change", next_lunch.pk)
    data = form_data(staff.get(url), "session_form")
    data["cancel_reason"] = ["De kok is ziek"]

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(url, data)

    assert response.status_code == 302
    next_lunch.refresh_from_db()
    assert next_lunch.cancel_reason == "De kok is ziek"
    assert told == [(["Mevrouw Jansen"], "De kok is ziek")]


def test_the_cancel_action_asks_for_the_reason_then_cancels_every_chosen_session(staff, lunch):
    chosen = list(lunch.sessions.order_by("start")[:2])
    url = dutch("admin:activities_session_changelist")
    ask = {"action": ["cancel_sessions"], "_selected_action": [str(s.pk) for s in chosen]}

    question = staff.post(url, ask)
    assert question.status_code == 200
    assert 'name="reason"' in question.content.decode()
    assert not Session.objects.exclude(cancel_reason="").exists()

    staff.post(url, {**ask, "apply": ["1"], "reason": ["Verbouwing"]})

    assert sorted(Session.objects.exclude(cancel_reason="").values_list("pk", flat=True)) == sorted(
        s.pk for s in chosen
    )
    assert Session.objects.get(pk=chosen[0].pk).cancel_reason == "Verbouwing"


def test_the_cancel_action_without_a_reason_cancels_nothing(staff, lunch):
    chosen = lunch.sessions.order_by("start").first()
    url = dutch("admin:activities_session_changelist")

    response = staff.post(
        url,
        {
            "action": ["cancel_sessions"],
            "_selected_action": [str(chosen.pk)],
            "apply": ["1"],
            "reason": [""],
        },
    )

    assert response.status_code == 200
    assert not Session.objects.exclude(cancel_reason="").exists()


def test_more_seats_for_a_full_session_go_to_the_first_in_line(staff, next_lunch, resident):
    next_lunch.capacity = 1
    next_lunch.save()
    sign_up(next_lunch, resident)
    waiting = sign_up(next_lunch, Person(name="Bep de Vries", phone="06 11112222"))
    url = dutch("admin:activities_session_change", next_lunch.pk)
    data = form_data(staff.get(url), "session_form")
    data["capacity"] = ["2"]

    staff.post(url, data)

    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.OFFERED


def test_fewer_seats_than_people_already_seated_is_refused(staff, next_lunch, resident_with_email):
    sign_up(next_lunch, resident_with_email)
    url = dutch("admin:activities_session_change", next_lunch.pk)
    data = form_data(staff.get(url), "session_form")
    data["capacity"] = ["1"]

    response = staff.post(url, data)

    assert response.status_code == 200
    assert errors_next_to(response, "capacity")
    next_lunch.refresh_from_db()
    assert next_lunch.capacity == 10


def test_the_session_list_shows_seats_taken_but_no_names(staff, next_lunch, resident):
    sign_up(next_lunch, resident)

    response = staff.get(dutch("admin:activities_session_changelist"))

    page = text(response)
    assert "1 of 10" in page or "1 van 10" in page
    assert "Jansen" not in response.content.decode()
    change = staff.get(dutch("admin:activities_session_change", next_lunch.pk))
    assert "Jansen" not in change.content.decode()
    assert 'name="name"' not in change.content.decode()


def test_the_activity_list_says_when_each_activity_is_in_words(staff, lunch, sports):
    response = staff.get(dutch("admin:activities_activity_changelist"))

    page = text(response)
    with translation.override("nl"):
        assert lunch.describe() in page and sports.describe() in page
    assert "Samen eten" in page and "Sportochtend" in page


def test_more_seats_for_the_activity_reach_its_coming_sessions_and_their_waiting_lists(
    staff, lunch, next_lunch
):
    next_lunch.capacity = 1
    next_lunch.save()
    sign_up(next_lunch, Person(name="Eerste", phone="0612345601"))
    waiting = sign_up(next_lunch, Person(name="Tweede", phone="0612345602"))
    url = dutch("admin:activities_activity_change", lunch.pk)
    data = form_data(staff.get(url), "activity_form")
    data["capacity"] = ["12"]

    response = staff.post(url, data, follow=True)

    assert response.status_code == 200
    later = lunch.sessions.exclude(pk=next_lunch.pk)
    # The lunches that still had the activity's 10 seats now have 12; the one given its own
    # number (1) keeps it, and its waiting list is untouched.
    assert {s.capacity for s in later} == {12}
    next_lunch.refresh_from_db()
    assert next_lunch.capacity == 1
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.WAITLISTED


def test_fewer_seats_than_people_signed_up_leave_that_session_as_it_was(staff, lunch, next_lunch):
    for number in range(3):
        sign_up(next_lunch, Person(name=f"Gast {number}", phone=f"061234560{number}"))
    url = dutch("admin:activities_activity_change", lunch.pk)
    data = form_data(staff.get(url), "activity_form")
    data["capacity"] = ["2"]

    staff.post(url, data, follow=True)

    next_lunch.refresh_from_db()
    assert next_lunch.capacity == 10
    assert {s.capacity for s in lunch.sessions.exclude(pk=next_lunch.pk)} == {2}
