"""A referral's question and contact details go 90 days (NAOBER_REFERRAL_RETENTION_DAYS) after
it was closed or declined: through the background task that closing schedules, and through
`naober purge_personal_data`, the daily sweep. What the figures need stays."""

import logging
import signal
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.forms.models import model_to_dict
from django_tasks_db.models import DBTaskResult

from naober.accounts.constants import AuditAction, Channel
from naober.accounts.models import AuditEvent
from naober.desk.constants import ContactMethod, Erasure, LegalBasis, Outcome, Status, Urgency
from naober.desk.models import ContactDetails, Referral, StatusChange, Visit
from naober.desk.referrals import Contact, change_status, refer
from naober.places.models import Theme

# In UTC: ninety days are counted in elapsed time, across the change to summer time.
RECORDED_AT = datetime(2026, 2, 23, 9, 30, tzinfo=UTC)
CLOSED_AT = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
QUESTION = "Het dak lekt al drie weken boven de slaapkamer."


def refer_leaking_roof(host, place, lefier):
    referral, _ = refer(
        place=place,
        to_organisation=lefier,
        theme=Theme.objects.get(code="housing"),
        description=QUESTION,
        urgency=Urgency.SOON,
        contact_method=ContactMethod.PHONE,
        contact=Contact(name="Mevrouw Jansen", phone="06-12345678", note="Liefst 's ochtends"),
        resident_agreed=True,
        legal_basis=LegalBasis.CONSENT,
        by=host,
    )
    return referral


def close(referral, partner):
    change_status(referral, Status.ACCEPTED, by=partner)
    return change_status(referral, Status.CLOSED, by=partner, outcome=Outcome.HELPED)


def purge(*args) -> str:
    out = StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def run_worker() -> None:
    """django_tasks_db's worker as `naober db_worker --batch` runs it: every task that is due,
    then exit. It installs its own signal handlers and log levels; the test run gets its back."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    loggers = {name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")}
    try:
        call_command(
            "db_worker",
            batch=True,
            startup_delay=False,
            reload=False,
            interval=0,
            stdout=StringIO(),
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for name, level in loggers.items():
            logging.getLogger(name).setLevel(level)


@pytest.fixture
def closed_referral(
    time_machine,
    django_capture_on_commit_callbacks,
    host_nieuw_buinen,
    lefier_consultant,
    nieuw_buinen,
    lefier,
):
    """Hanna refers a leaking roof on 23 February; Lefier closes it on 2 March 2026."""
    time_machine.move_to(RECORDED_AT, tick=False)
    referral = refer_leaking_roof(host_nieuw_buinen, nieuw_buinen, lefier)
    time_machine.move_to(CLOSED_AT, tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        close(referral, lefier_consultant)
    referral.refresh_from_db()
    return referral


@pytest.fixture
def visits(nieuw_buinen):
    housing = Theme.objects.get(code="housing")
    return [
        Visit.objects.create(place=nieuw_buinen, day=date(2026, 2, 23), theme=housing),
        Visit.objects.create(place=nieuw_buinen, day=date(2026, 2, 23)),
    ]


def test_closing_a_referral_schedules_its_erasure_ninety_days_later(closed_referral):
    task = DBTaskResult.objects.get(task_path="naober.desk.tasks.erase_when_due")
    assert task.run_after == CLOSED_AT + timedelta(days=90)
    assert task.args_kwargs == {"args": [closed_referral.pk], "kwargs": {}}


def test_declining_a_referral_schedules_its_erasure_too(
    django_capture_on_commit_callbacks, referral_to_lefier, lefier_consultant
):
    with django_capture_on_commit_callbacks(execute=True):
        declined = change_status(referral_to_lefier, Status.DECLINED, by=lefier_consultant)
    task = DBTaskResult.objects.get(task_path="naober.desk.tasks.erase_when_due")
    assert task.run_after == declined.finished_at + timedelta(days=90)


def test_eighty_nine_days_after_closing_nothing_is_erased(closed_referral, time_machine):
    time_machine.move_to(CLOSED_AT + timedelta(days=89, hours=23), tick=False)

    assert purge().split()[0] == "0"

    closed_referral.refresh_from_db()
    assert closed_referral.description == QUESTION
    assert ContactDetails.objects.filter(referral=closed_referral).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RETENTION).exists()


def test_ninety_days_after_closing_the_question_and_contact_details_are_gone(
    closed_referral, visits, time_machine
):
    time_machine.move_to(CLOSED_AT + timedelta(days=90), tick=False)

    assert purge().split()[0] == "1"

    referral = Referral.objects.get(pk=closed_referral.pk)
    assert referral.description == ""
    assert not ContactDetails.objects.filter(referral=referral).exists()
    assert referral.personal_data_erased_at == CLOSED_AT + timedelta(days=90)
    assert referral.erasure == Erasure.RETENTION
    # What the figures need stays.
    assert referral.theme.code == "housing"
    assert referral.status == Status.CLOSED
    assert referral.outcome == Outcome.HELPED
    assert referral.created_at == RECORDED_AT
    assert referral.finished_at == CLOSED_AT
    assert referral.place.slug == "buurtkamer-nieuw-buinen"
    assert StatusChange.objects.filter(referral=referral).count() == 2
    assert Visit.objects.filter(pk__in=[visit.pk for visit in visits]).count() == 2


def test_each_erasure_leaves_one_audit_line_without_personal_data(closed_referral, time_machine):
    time_machine.move_to(CLOSED_AT + timedelta(days=120), tick=False)
    purge()
    purge()

    line = AuditEvent.objects.get(action=AuditAction.RETENTION)
    assert line.object_id == str(closed_referral.pk)
    assert line.channel == Channel.COMMAND
    assert line.subject == ""
    written = str(model_to_dict(line))
    for personal in (QUESTION, "Jansen", "12345678", "ochtends"):
        assert personal not in written


def test_a_referral_that_is_not_finished_is_never_erased(
    time_machine, host_nieuw_buinen, lefier_consultant, nieuw_buinen, lefier
):
    time_machine.move_to(RECORDED_AT, tick=False)
    referral = refer_leaking_roof(host_nieuw_buinen, nieuw_buinen, lefier)
    change_status(referral, Status.ACCEPTED, by=lefier_consultant)
    time_machine.move_to(RECORDED_AT + timedelta(days=1000), tick=False)

    assert purge().split()[0] == "0"

    referral.refresh_from_db()
    assert referral.description == QUESTION
    assert ContactDetails.objects.filter(referral=referral).exists()


def test_a_dry_run_says_how_many_would_be_erased_and_erases_none(closed_referral, time_machine):
    time_machine.move_to(CLOSED_AT + timedelta(days=91), tick=False)

    output = purge("--dry-run")

    assert output.split()[0] == "1"
    closed_referral.refresh_from_db()
    assert closed_referral.description == QUESTION
    assert not AuditEvent.objects.filter(action=AuditAction.RETENTION).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_background_worker_erases_the_personal_data_once_it_is_due(
    host_nieuw_buinen, lefier_consultant, nieuw_buinen, lefier
):
    # Real commits: closing enqueues the task when its transaction commits, as in production.
    with time_machine.travel(RECORDED_AT, tick=False):
        referral = refer_leaking_roof(host_nieuw_buinen, nieuw_buinen, lefier)
    with time_machine.travel(CLOSED_AT, tick=False):
        close(referral, lefier_consultant)

    with time_machine.travel(CLOSED_AT + timedelta(days=89), tick=False):
        run_worker()
    referral.refresh_from_db()
    assert referral.description == QUESTION
    assert ContactDetails.objects.filter(referral=referral).exists()

    with time_machine.travel(CLOSED_AT + timedelta(days=90, minutes=1), tick=False):
        run_worker()
    referral.refresh_from_db()
    assert referral.description == ""
    assert referral.erasure == Erasure.RETENTION
    assert not ContactDetails.objects.filter(referral=referral).exists()
    line = AuditEvent.objects.get(action=AuditAction.RETENTION)
    assert (line.object_id, line.channel) == (str(referral.pk), Channel.TASK)
    task = DBTaskResult.objects.get(task_path="naober.desk.tasks.erase_when_due")
    assert task.return_value is True


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_leaves_a_referral_alone_that_the_sweep_already_erased(
    host_nieuw_buinen, lefier_consultant, nieuw_buinen, lefier
):
    with time_machine.travel(RECORDED_AT, tick=False):
        referral = refer_leaking_roof(host_nieuw_buinen, nieuw_buinen, lefier)
    with time_machine.travel(CLOSED_AT, tick=False):
        close(referral, lefier_consultant)

    with time_machine.travel(CLOSED_AT + timedelta(days=95), tick=False):
        purge()
        run_worker()

    assert AuditEvent.objects.filter(action=AuditAction.RETENTION).count() == 1
    task = DBTaskResult.objects.get(task_path="naober.desk.tasks.erase_when_due")
    assert task.return_value is False
