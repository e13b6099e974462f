"""A resident who signed up for activities asks the coordinator what naober holds about them, or to
erase it. The coordinator's search by phone number or e-mail address finds their sign-ups in the
network beside their referrals; the export holds them, and erasure blanks them."""

import json
import logging
from datetime import date, time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from naober.accounts import access
from naober.accounts.audit import pseudonym
from naober.accounts.constants import AuditAction
from naober.accounts.models import AuditEvent
from naober.activities.constants import ActivityTheme, SignUpStatus
from naober.activities.models import Activity, SignUp
from naober.activities.sessions import plan_sessions
from naober.activities.signup import Person, sign_up
from naober.desk import rights
from naober.desk.constants import ContactMethod, LegalBasis, Urgency
from naober.desk.referrals import Contact, refer
from naober.places.models import Theme
from tests.activities.background import run_worker, sms_outbox  # noqa: F401
from tests.desk.test_erasure_leaves_no_trace import everything_in_the_database
from tests.staff import login

PHONE = "06 12345678"


def english(name) -> str:
    with translation.override("en"):
        return reverse(name)


@pytest.fixture
def computer_class(frozen_now, nieuw_buinen) -> Activity:
    """Thursday mornings at the buurtkamer in Nieuw-Buinen: 4 seats, sign-up needed."""
    activity = Activity.objects.create(
        place=nieuw_buinen,
        title="Computerles",
        theme=ActivityTheme.COMPUTERS,
        weekdays=[3],
        valid_from=date(2026, 1, 1),
        start_time=time(10),
        duration=90,
        capacity=4,
    )
    plan_sessions(activity)
    return activity


@pytest.fixture
def classes(computer_class):
    """The next two computer classes: Thursday 26 November and 3 December 2026."""
    return list(computer_class.sessions.order_by("start")[:2])


@pytest.fixture
def jansen(classes, resident, next_lunch) -> list[SignUp]:
    """Mevrouw Jansen, phone only, in both classes in Nieuw-Buinen; and, with the same number,
    at the lunch in Wolfsbos (Hoogeveen), which is another coordinator's network."""
    sign_up(next_lunch, resident)
    return [sign_up(session, resident) for session in classes]


@pytest.fixture
def network(coordinator_andes):
    return access.network(coordinator_andes)


@pytest.mark.parametrize("typed", [PHONE, "+31 6 1234 5678", "0031612345678", "06-12345678"])
def test_the_sign_ups_in_the_network_are_found_however_the_number_is_typed(
    typed, jansen, network, coordinator_andes
):
    found = rights.find(typed, network, by=coordinator_andes)

    assert found == []
    assert found.signups == jansen
    assert found


def test_sign_ups_are_found_by_email_address_whatever_its_capitals(
    classes, resident_with_email, network, coordinator_andes
):
    signup = sign_up(classes[0], resident_with_email)

    found = rights.find("  Ahmed@Example.NL ", network, by=coordinator_andes)

    assert found.signups == [signup]


def test_a_number_the_phone_check_refuses_still_finds_the_referral_and_no_sign_up(
    jansen, network, coordinator_andes, host_nieuw_buinen, lefier_consultant, nieuw_buinen, lefier
):
    referral, _ = refer(
        place=nieuw_buinen,
        to_organisation=lefier,
        theme=Theme.objects.get(code="housing"),
        description="Schimmel.",
        urgency=Urgency.NORMAL,
        contact_method=ContactMethod.PHONE,
        contact=Contact(name="Meneer Proef", phone="06-00000001"),
        resident_agreed=True,
        legal_basis=LegalBasis.CONSENT,
        by=host_nieuw_buinen,
    )

    found = rights.find("06-00000001", network, by=coordinator_andes)

    assert found == [referral]
    assert found.signups == []


def test_the_search_is_in_the_audit_trail_with_the_number_of_sign_ups(
    jansen, network, coordinator_andes
):
    rights.find(PHONE, network, by=coordinator_andes)

    line = AuditEvent.objects.get(action=AuditAction.RIGHTS_SEARCH)
    assert line.subject == pseudonym("0612345678")
    assert line.detail == {"kind": "phone", "found": 0, "signups": 2}


def test_the_export_holds_each_sign_up_with_its_session_people_note_status_and_attendance(
    jansen, network, coordinator_andes
):
    jansen[0].attended = True
    jansen[0].save()
    found = rights.find(PHONE, network, by=coordinator_andes)

    data = rights.export(found, contact=PHONE, by=coordinator_andes)

    assert data["referrals"] == []
    first, second = data["signups"]
    assert first["activity"] == "Computerles"
    assert first["place"] == "Buurtkamer Nieuw-Buinen (Nieuw-Buinen)"
    assert first["session_start"] == "2026-11-26T10:00:00+01:00"
    assert (first["name"], first["phone"], first["people"], first["note"]) == (
        "Mevrouw Jansen",
        "+31612345678",
        1,
        "Geen vlees",
    )
    assert first["status"] == str(SignUpStatus.CONFIRMED.label)
    assert (first["attended"], second["attended"]) == (True, None)
    assert second["session_start"] == "2026-12-03T10:00:00+01:00"
    assert first["personal_data_deleted_after"] == "2026-12-26T11:30:00+01:00"
    assert json.loads(json.dumps(data)) == data
    lines = AuditEvent.objects.filter(action=AuditAction.EXPORT)
    assert sorted(line.object_id for line in lines) == sorted(str(s.pk) for s in jansen)
    assert {line.subject for line in lines} == {pseudonym("0612345678")}


def test_erasing_blanks_the_sign_ups_and_leaves_other_networks_alone(
    jansen, network, coordinator_andes, next_lunch
):
    found = rights.find(PHONE, network, by=coordinator_andes)

    erased = rights.erase(found, coordinator_andes, contact=PHONE)

    assert (erased, erased.referrals, erased.signups) == (2, 0, 2)
    for signup in SignUp.objects.filter(pk__in=[s.pk for s in jansen]):
        assert (signup.name, signup.phone, signup.email, signup.note) == ("", "", "", "")
        assert signup.personal_data_erased_at is not None
        assert signup.people == 1
    # The same number at Wolfsbos is another coordinator's business.
    assert next_lunch.signups.get().name == "Mevrouw Jansen"
    lines = AuditEvent.objects.filter(action=AuditAction.ERASURE)
    assert sorted(line.object_id for line in lines) == sorted(str(s.pk) for s in jansen)
    assert {line.subject for line in lines} == {pseudonym("0612345678")}
    assert rights.find(PHONE, network, by=coordinator_andes).signups == []


def test_erasing_gives_a_seat_still_to_come_to_the_next_in_line(
    classes, resident, network, coordinator_andes
):
    session = classes[0]
    mine = sign_up(session, Person(name="Mevrouw Jansen", phone=PHONE, people=4))
    waiting = sign_up(session, Person(name="Meneer de Vries", phone="06 87654321"))
    assert waiting.status == SignUpStatus.WAITLISTED

    rights.erase(rights.find(PHONE, network), coordinator_andes, contact=PHONE)

    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == SignUpStatus.CANCELLED
    assert waiting.status == SignUpStatus.OFFERED


def test_a_past_sign_up_keeps_its_status_and_attendance_for_the_figures(
    classes, resident, network, coordinator_andes, time_machine
):
    signup = sign_up(classes[0], resident)
    signup.attended = True
    signup.save()
    time_machine.move_to(classes[0].end)

    rights.erase(rights.find(PHONE, network), coordinator_andes, contact=PHONE)

    signup.refresh_from_db()
    assert (signup.status, signup.attended, signup.name) == (SignUpStatus.CONFIRMED, True, "")


def test_the_page_shows_the_sign_ups_without_name_or_note_and_offers_export_and_erasure(
    client, coordinator_andes, jansen
):
    login(client, coordinator_andes)

    response = client.post(english("desk:rights"), {"contact": PHONE})

    page = response.content.decode()
    assert "0 referrals found, 2 sign-ups for activities" in page
    assert "Sign-ups for activities with this phone number or e-mail address" in page
    assert "Computerles" in page and "26 November 2026, 10:00" in page
    assert "Samen eten" not in page
    for hidden in ("Jansen", "Geen vlees", "+31612345678"):
        assert hidden not in page
    assert english("desk:rights_export") in page
    assert english("desk:rights_erase") in page


def test_a_resident_with_only_sign_ups_downloads_and_erases_them_through_the_pages(
    client, coordinator_andes, jansen
):
    login(client, coordinator_andes)

    export = client.post(english("desk:rights_export"), {"contact": PHONE})
    assert export.status_code == 200
    assert [s["name"] for s in json.loads(export.content)["signups"]] == ["Mevrouw Jansen"] * 2

    erased = client.post(english("desk:rights_erase"), {"contact": PHONE, "confirm": "yes"})
    assert erased.status_code == 200
    assert erased.context["erased"] == 2
    assert not SignUp.objects.filter(pk__in=[s.pk for s in jansen]).with_personal_data()


CANARY = "Kanarie-7f3a"
CANARY_PHONE = "06-395 172 84"
TRACES = (CANARY.lower(), "639517284", "39517284", "395 172 84")


def test_an_erased_sign_up_leaves_no_trace_in_the_database_or_the_logs(
    client,
    caplog,
    coordinator_andes,
    classes,
    django_capture_on_commit_callbacks,
    sms_outbox,  # noqa: F811
):
    caplog.set_level(logging.DEBUG)

    # The resident signs up on the public page; the confirmation goes out.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/sessie/{classes[0].pk}/aanmelden/",
            {
                "name": f"Mevrouw {CANARY}",
                "phone": CANARY_PHONE,
                "email": f"{CANARY}@example.nl",
                "people": "2",
                "note": f"Neemt een tablet mee ({CANARY})",
                "which": "series",
            },
        )
    assert response.status_code == 303
    run_worker()
    assert mail.outbox or sms_outbox, "no confirmation was sent, so nothing was checked"
    assert SignUp.objects.filter(name=f"Mevrouw {CANARY}").count() >= 2

    # The resident asks the coordinator for their data, then to erase it.
    login(client, coordinator_andes)
    export = client.post(english("desk:rights_export"), {"contact": "+31 6 39517284"})
    assert CANARY in export.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        erased = client.post(
            english("desk:rights_erase"), {"contact": CANARY_PHONE, "confirm": "yes"}
        )
    assert erased.context["erased"] >= 2
    run_worker()

    database = everything_in_the_database()
    for trace in TRACES:
        assert trace not in database, f"{trace!r} is still in the database"
    # Proof that the dump reads what it should: the sign-ups and their audit lines are there.
    assert "activities_signup.people=2" in database
    assert f"accounts_auditevent.subject={pseudonym('0639517284')}" in database

    logged = caplog.text.lower() + "\n".join(
        record.getMessage().lower() + repr(record.args).lower() for record in caplog.records
    )
    for trace in TRACES:
        assert trace not in logged, f"{trace!r} was logged"
