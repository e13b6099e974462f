"""A sign-up's name, phone number, e-mail address and note go NAOBER_SIGNUP_RETENTION_DAYS (30)
after its session ended: through the background task that signing up queues, and through
`naober purge_personal_data`, the daily sweep. The counts the reports need stay."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from naober.accounts.constants import AuditAction, Channel
from naober.accounts.models import AuditEvent
from naober.activities.constants import SignUpStatus
from naober.activities.models import SignUp
from naober.activities.signup import Person, sign_up
from naober.schedules.recurrence import AMSTERDAM
from tests.activities.background import run_worker

# The lunch of Thursday 26 November 2026 ends at 13:30.
ENDED = datetime(2026, 11, 26, 13, 30, tzinfo=AMSTERDAM)
DUE = ENDED + timedelta(days=30)


@pytest.fixture
def came(next_lunch, resident, resident_with_email, django_capture_on_commit_callbacks):
    """Mrs Jansen came to the lunch; Ahmed brought one more but did not come."""
    with django_capture_on_commit_callbacks(execute=True):
        jansen = sign_up(next_lunch, resident)
        ahmed = sign_up(next_lunch, resident_with_email)
    SignUp.objects.filter(pk=jansen.pk).update(attended=True)
    SignUp.objects.filter(pk=ahmed.pk).update(attended=False)
    return jansen, ahmed


def purge(*args) -> list[str]:
    out = StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue().splitlines()


def test_signing_up_queues_the_erasure_thirty_days_after_the_session(came):
    jansen, _ = came
    task = DBTaskResult.objects.get(
        task_path="naober.activities.tasks.erase_signup_when_due", args_kwargs__args=[jansen.pk]
    )
    assert task.run_after == DUE


def test_a_day_before_the_thirty_days_nothing_is_erased(came):
    with time_machine.travel(DUE - timedelta(days=1), tick=False):
        assert purge()[1].split()[0] == "0"
        run_worker()

    jansen = SignUp.objects.get(pk=came[0].pk)
    assert (jansen.name, jansen.phone, jansen.note) == (
        "Mevrouw Jansen",
        "+31612345678",
        "Geen vlees",
    )
    assert jansen.personal_data_erased_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.RETENTION).exists()


def test_thirty_days_after_the_session_the_personal_data_is_gone_and_the_counts_stay(
    came, next_lunch
):
    with time_machine.travel(DUE, tick=False):
        lines = purge()

    assert lines[1].split()[0] == "2"
    jansen, ahmed = SignUp.objects.filter(session=next_lunch).order_by("pk")
    for signup in (jansen, ahmed):
        assert (signup.name, signup.phone, signup.email, signup.note) == ("", "", "", "")
        assert signup.personal_data_erased_at == DUE
        assert signup.status == SignUpStatus.CONFIRMED
    assert (jansen.people, jansen.attended) == (1, True)
    assert (ahmed.people, ahmed.attended) == (2, False)
    assert next_lunch.seats_taken() == 3


def test_each_erasure_leaves_one_audit_line_without_personal_data(came):
    with time_machine.travel(DUE + timedelta(days=5), tick=False):
        purge()
        purge()

    lines = AuditEvent.objects.filter(action=AuditAction.RETENTION).order_by("object_id")
    assert [line.object_id for line in lines] == sorted(str(s.pk) for s in came)
    assert {line.object_type for line in lines} == {"activities.signup"}
    assert {line.channel for line in lines} == {Channel.COMMAND}
    written = str([model_to_dict(line) for line in lines])
    for personal in ("Jansen", "Yilmaz", "12345678", "ahmed@", "vlees"):
        assert personal not in written


def test_the_background_worker_erases_one_sign_up_when_it_is_due(came):
    with time_machine.travel(DUE - timedelta(minutes=1), tick=False):
        run_worker()
    assert SignUp.objects.with_personal_data().count() == 2

    with time_machine.travel(DUE + timedelta(minutes=1), tick=False):
        run_worker()

    assert SignUp.objects.with_personal_data().count() == 0
    assert set(
        AuditEvent.objects.filter(action=AuditAction.RETENTION).values_list("channel", flat=True)
    ) == {Channel.TASK}
    tasks = DBTaskResult.objects.filter(task_path="naober.activities.tasks.erase_signup_when_due")
    assert [task.return_value for task in tasks] == [True, True]


def test_the_worker_leaves_a_sign_up_alone_that_the_sweep_already_erased(came):
    with time_machine.travel(DUE + timedelta(days=2), tick=False):
        purge()
        run_worker()

    assert AuditEvent.objects.filter(action=AuditAction.RETENTION).count() == 2
    tasks = DBTaskResult.objects.filter(task_path="naober.activities.tasks.erase_signup_when_due")
    assert [task.return_value for task in tasks] == [False, False]


@override_settings(NAOBER_SIGNUP_RETENTION_DAYS=7)
def test_the_retention_period_is_a_setting(came):
    with time_machine.travel(ENDED + timedelta(days=6), tick=False):
        assert purge()[1].split()[0] == "0"
    with time_machine.travel(ENDED + timedelta(days=7), tick=False):
        assert purge()[1].split()[0] == "2"


def test_a_dry_run_says_how_many_sign_ups_would_be_erased_and_erases_none(came):
    with time_machine.travel(DUE + timedelta(days=1), tick=False):
        lines = purge("--dry-run")

    assert lines[1].split()[0] == "2"
    assert SignUp.objects.with_personal_data().count() == 2


def test_a_sign_up_for_a_session_still_to_come_is_never_due(came, lunch):
    later = lunch.sessions.order_by("start")[1]
    sign_up(later, Person(name="Later", phone="06 44444444"))
    with time_machine.travel(DUE, tick=False):
        purge()

    assert SignUp.objects.get(session=later).name == "Later"
