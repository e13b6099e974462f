"""The demo's activities: the sports morning, the singing, the workshop and the always-full lunch
at Wolfsbos, the Thursday-morning help in Nieuw-Buinen and the coffee morning in Dokkum, with
their sessions planned from the day of loading and invented residents signed up."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import time_machine

from naober.activities.constants import Channel, SignUpStatus
from naober.activities.models import Activity, Session, SignUp
from naober.demo import data
from naober.demo.load import load, load_desk
from naober.schedules.recurrence import AMSTERDAM
from tests.staff import login

from .conftest import LOADED_AT, LOADED_ON

WOLFSBOS = "huis-van-de-buurt-wolfsbos"


def activity(title: str) -> Activity:
    return Activity.objects.get(title=title)


def starts(activity: Activity, **filters) -> list[datetime]:
    return [
        session.start.astimezone(AMSTERDAM)
        for session in activity.sessions.filter(**filters).order_by("start")
    ]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def test_wolfsbos_has_the_sports_morning_the_singing_the_workshop_and_the_lunch(demo):
    titles = Activity.objects.filter(place__slug=WOLFSBOS).values_list("title", flat=True)
    assert sorted(titles) == [
        "Samen lunchen",
        "Samen zingen",
        "Sportochtend",
        "Workshop kaarten maken",
    ]

    sports = activity("Sportochtend")
    assert (sports.signup_required, sports.capacity, sports.is_free) == (False, None, True)
    assert starts(sports)[:3] == [at(date(2026, 3, day), 10) for day in (5, 12, 19)]
    assert sports.end_time == time(11)

    singing = activity("Samen zingen")
    assert (singing.signup_required, singing.capacity) == (True, 12)
    assert starts(singing)[:3] == [
        at(day, 11) for day in (date(2026, 3, 5), date(2026, 3, 19), date(2026, 4, 2))
    ]

    workshop = activity("Workshop kaarten maken")
    assert (workshop.signup_required, workshop.capacity, workshop.cost) == (
        True,
        8,
        Decimal("2.50"),
    )
    assert starts(workshop)[:2] == [at(date(2026, 3, 5), 13, 30), at(date(2026, 4, 2), 13, 30)]


def test_the_lunch_is_on_the_last_thursday_of_the_month_with_20_seats(demo):
    lunch = activity("Samen lunchen")

    assert (lunch.signup_required, lunch.capacity, lunch.end_time) == (True, 20, time(13, 30))
    # Planned up to the horizon, 120 days from Monday 2 March.
    assert starts(lunch) == [
        at(date(2026, 3, 26), 12),
        at(date(2026, 4, 30), 12),
        at(date(2026, 5, 28), 12),
        at(date(2026, 6, 25), 12),
    ]
    assert {session.capacity for session in lunch.sessions.all()} == {20}


def test_the_sports_morning_on_ascension_day_is_cancelled_with_the_reason(demo):
    ascension = Session.objects.get(activity__title="Sportochtend", start=at(date(2026, 5, 14), 10))

    assert ascension.is_cancelled
    assert ascension.cancelled_by_calendar


def test_nieuw_buinen_has_walk_in_help_with_language_and_computers_on_thursday_mornings(demo):
    (help_,) = Activity.objects.filter(place__slug="buurtkamer-nieuw-buinen")

    assert help_.theme == "computers"
    assert not help_.signup_required
    assert help_.organisation is None
    assert (help_.start_time, help_.end_time) == (time(9), time(12))
    assert {start.weekday() for start in starts(help_)} == {3}


def test_dokkum_has_a_coffee_morning_run_by_volunteers_even_on_good_friday(demo):
    coffee = Activity.objects.get(place__slug="buurtkamer-dokkum")

    assert (coffee.title, coffee.organisation, coffee.signup_required) == (
        "Koffieochtend",
        None,
        False,
    )
    # The buurtkamer in Dokkum stays open on Good Friday, and so does its coffee.
    good_friday = coffee.sessions.get(start=at(date(2026, 4, 3), 10))
    assert not good_friday.is_cancelled


def test_the_next_lunch_is_full_and_two_residents_wait(demo_desk):
    lunch = Session.objects.with_seats().get(
        activity__title="Samen lunchen", start=at(date(2026, 3, 26), 12)
    )

    assert (lunch.taken, lunch.waiting) == (20, 2)
    assert lunch.is_full()
    waiting = [signup.name for signup in lunch.signups.waiting_line()]
    assert waiting == ["Meneer V. Fictief", "Mevrouw W. Denkbeeld"]
    # The later lunches still have room.
    assert not SignUp.objects.filter(
        session__start__gt=lunch.start, session__activity=lunch.activity
    )


def test_every_invented_resident_is_marked_and_plainly_fake(demo_desk):
    signups = SignUp.objects.all()

    assert demo_desk.signups == signups.count() == sum(len(g["signups"]) for g in data.SIGNUPS)
    for signup in signups:
        assert signup.invented
        assert signup.phone or signup.email
        assert signup.phone == "" or signup.phone.startswith("+316123456")
        assert signup.email == "" or signup.email.endswith("@example.org")


def test_the_wolfsbos_host_signed_some_up_at_the_desk_and_keeps_their_lists(demo_desk, demo_people):
    host = demo_people["host-wolfsbos"]
    at_desk = SignUp.objects.filter(channel=Channel.DESK)

    assert at_desk.exists()
    assert {signup.created_by for signup in at_desk} == {host}
    kept = Session.objects.kept_by(host)
    assert set(SignUp.objects.values_list("session", flat=True)) <= set(
        kept.values_list("pk", flat=True)
    )
    assert not Session.objects.kept_by(demo_people["host-nieuw-buinen"]).filter(
        activity__place__slug=WOLFSBOS
    )


def test_the_singing_and_the_workshop_have_seats_left(demo_desk):
    singing = Session.objects.get(activity__title="Samen zingen", start=at(date(2026, 3, 5), 11))
    workshop = Session.objects.get(
        activity__title="Workshop kaarten maken", start=at(date(2026, 3, 5), 13, 30)
    )

    assert singing.seats_left() == 8
    assert workshop.seats_left() == 5
    assert not singing.signups.filter(status=SignUpStatus.WAITLISTED)


def everything() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Activity, Session, SignUp)}


def test_loading_the_activities_and_sign_ups_twice_adds_nothing(demo_desk):
    before = everything()

    with time_machine.travel(LOADED_AT + timedelta(hours=1), tick=False):
        load(today=LOADED_ON)
        load_desk(today=LOADED_ON)

    assert everything() == before


def test_a_reload_undoes_an_edit_to_an_activity_and_keeps_its_id_and_sign_ups(demo_desk):
    lunch = activity("Samen lunchen")
    lunch.capacity = 50
    lunch.description = "Iets anders."
    lunch.save()
    Activity.objects.create(
        place=lunch.place,
        title="Bedacht in de demo",
        weekdays=[3],
        valid_from=LOADED_ON,
        start_time=time(15),
    )

    with time_machine.travel(LOADED_AT, tick=False):
        load(today=LOADED_ON)

    again = activity("Samen lunchen")
    assert (again.pk, again.capacity) == (lunch.pk, 20)
    assert again.description.startswith("Elke laatste donderdag")
    assert not Activity.objects.filter(title="Bedacht in de demo").exists()
    assert again.sessions.get(start=at(date(2026, 3, 26), 12)).signups.count() == 15


def test_a_demo_loaded_a_month_later_fills_the_lunch_that_is_next_by_then(demo_desk):
    later = LOADED_AT + timedelta(days=28)

    with time_machine.travel(later, tick=False):
        load(today=later.date())
        load_desk(today=later.date())

    april = Session.objects.with_seats().get(
        activity__title="Samen lunchen", start=at(date(2026, 4, 30), 12)
    )
    assert (april.taken, april.waiting) == (20, 2)
    # The March lunch keeps its residents.
    march = Session.objects.get(activity__title="Samen lunchen", start=at(date(2026, 3, 26), 12))
    assert march.signups.count() == 15


def test_the_coordinator_edits_activities_and_sessions_in_the_admin_but_not_sign_ups(
    demo_people,
):
    coordinator = demo_people["coordinator-andes"]

    for right in ("add_activity", "change_activity", "delete_activity", "change_session"):
        assert coordinator.has_perm(f"activities.{right}"), right
    assert not coordinator.has_perm("activities.view_signup")
    assert not demo_people["host-wolfsbos"].has_perm("activities.change_activity")


def test_the_coordinator_opens_the_activities_in_the_admin(client, demo_people):
    login(client, demo_people["coordinator-andes"])
    lunch = activity("Samen lunchen")

    assert client.get("/beheer/activities/activity/").status_code == 200
    assert client.get(f"/beheer/activities/activity/{lunch.pk}/change/").status_code == 200
    assert client.get("/beheer/activities/session/").status_code == 200
