"""The demo's desk work: invented visits for the weeks before it was loaded, and invented
referrals from Nieuw-Buinen, made through the desk's own rules and marked as invented."""

from datetime import timedelta

import time_machine

from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.demo import data
from naober.demo.load import load_desk
from naober.desk.constants import Status
from naober.desk.models import ContactDetails, Referral, StatusChange, Visit
from naober.desk.referrals import change_status

from .conftest import LOADED_AT, LOADED_ON


def test_nieuw_buinen_referred_to_lefier_the_social_team_and_the_police(demo_desk):
    found = sorted(
        Referral.objects.values_list(
            "place__slug",
            "from_organisation__name",
            "to_organisation__name",
            "theme__code",
            "status",
        )
    )

    nieuw_buinen = ("buurtkamer-nieuw-buinen", "Andes")
    assert found == [
        (*nieuw_buinen, "Lefier", "housing", Status.CLOSED),
        (*nieuw_buinen, "Lefier", "housing", Status.CONTACTED),
        (*nieuw_buinen, "Politie Noord-Nederland", "safety", Status.REFERRED),
        (*nieuw_buinen, "Sociale teams Borger-Odoorn", "money", Status.ACCEPTED),
    ]
    assert Referral.objects.get(status=Status.CLOSED).outcome == "helped"
    assert "energietoeslag" in Referral.objects.get(theme__code="money").description


def test_every_invented_referral_is_marked_and_its_resident_is_plainly_fake(demo_desk):
    assert demo_desk.referrals == len(data.REFERRALS) == Referral.objects.count()
    for referral in Referral.objects.all():
        assert referral.invented
        assert "invented" in referral.source.lower()
    for contact in ContactDetails.objects.all():
        assert contact.phone_normalised == "" or contact.phone_normalised.startswith("06000000")
        assert contact.email == "" or contact.email.endswith("@example.org")
        assert contact.phone or contact.email


def test_the_referrals_went_through_the_desks_rules_and_into_the_audit_trail(demo_desk):
    created = AuditEvent.objects.filter(action=AuditAction.REFERRAL_CREATED)
    assert {event.actor for event in created} == {"host-nieuw-buinen"}
    assert created.count() == len(data.REFERRALS)
    changes = StatusChange.objects.filter(referral__to_organisation__name="Lefier")
    assert {change.by.username for change in changes} == {"lefier"}
    closed = Referral.objects.get(status=Status.CLOSED)
    assert [c.to_status for c in closed.status_changes.all()] == ["accepted", "contacted", "closed"]
    assert closed.created_at == closed.finished_at == LOADED_AT


def test_visits_are_invented_counts_of_the_open_days_of_the_last_weeks(demo_desk):
    visits = Visit.objects.all()
    assert demo_desk.visits == visits.count() > 0
    assert all(visit.invented for visit in visits)
    first = LOADED_ON - timedelta(weeks=data.VISIT_WEEKS)
    assert all(first <= visit.day < LOADED_ON for visit in visits)
    nieuw_buinen = visits.filter(place__slug="buurtkamer-nieuw-buinen")
    wolfsbos = visits.filter(place__slug="huis-van-de-buurt-wolfsbos")
    # Open Monday to Friday, and Thursdays in Wolfsbos.
    assert {visit.day.weekday() for visit in nieuw_buinen} == {0, 1, 2, 3, 4}
    assert {visit.day.weekday() for visit in wolfsbos} == {3}
    assert {visit.counted_by.username for visit in nieuw_buinen} == {"host-nieuw-buinen"}
    assert {visit.counted_by.username for visit in wolfsbos} == {"host-wolfsbos"}
    assert nieuw_buinen.filter(theme__isnull=False).exists()


def everything() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Visit, Referral, ContactDetails, StatusChange, AuditEvent)
    }


def test_loading_the_desk_work_twice_adds_nothing(demo_desk):
    before = everything()

    with time_machine.travel(LOADED_AT + timedelta(hours=1), tick=False):
        load_desk(today=LOADED_ON)

    assert everything() == before


def test_a_referral_moved_on_in_the_demo_stays_as_it_is_on_a_reload(demo_desk, demo_people):
    police = Referral.objects.get(to_organisation__name="Politie Noord-Nederland")
    with time_machine.travel(LOADED_AT, tick=False):
        change_status(police, Status.ACCEPTED, by=demo_people["police-borger-odoorn"])

        load_desk(today=LOADED_ON)

    police.refresh_from_db()
    assert police.status == Status.ACCEPTED
    assert Referral.objects.count() == len(data.REFERRALS)
