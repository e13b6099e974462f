"""The last seat goes to exactly one person, also when fifty ask at once: ten seats, fifty
neighbours released together by a barrier, each in their own thread and database connection.
Then three seated neighbours cancel at once, and exactly the first three in line are offered a
seat. On PostgreSQL in the test database (row locks); on SQLite in a subprocess with a real
database file, as the suite's in-memory database cannot take writers from several threads."""

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from naober.activities import notify
from naober.activities.constants import SignUpStatus
from naober.activities.models import Activity, Session, SignUp
from naober.activities.signup import Person, cancel, sign_up

PEOPLE = 50
SEATS = 10
CANCELLING = 3
RACE_ON_SQLITE = Path(__file__).with_name("race_on_sqlite.py")


def race(count: int, work) -> list[Exception]:
    """Run work(n) in `count` threads released at once by a barrier; the errors raised."""
    barrier = threading.Barrier(count, timeout=30)
    errors: list[Exception] = []

    def run(number: int) -> None:
        try:
            barrier.wait()
            work(number)
        except Exception as error:  # noqa: BLE001 - the test reports every one
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a sign-up never finished"
    return errors


@pytest.fixture
def quiet(monkeypatch):
    """What is counted here is the rule, not the messages it sends afterwards."""
    for hook in ("signed_up", "offered", "confirmed", "expired", "cancelled"):
        monkeypatch.setattr(notify, hook, lambda *args, **kwargs: None)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks need PostgreSQL; SQLite races in a subprocess in the test below.",
)
# serialized_rollback: the flush afterwards must leave the data the migrations wrote (themes,
# content types) for the tests that come next, as the suite's other transactional tests do.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_neighbours_race_for_ten_seats_and_three_cancellations_promote_the_first_three(
    wolfsbos, quiet
):
    activity = Activity.objects.create(
        place=wolfsbos,
        title="Samen eten",
        weekdays=[3],
        valid_from=date(2025, 1, 1),
        start_time=time(12),
        capacity=SEATS,
    )
    start = timezone.now() + timedelta(days=2)
    session = Session.objects.create(
        activity=activity, start=start, end=start + timedelta(hours=2), capacity=SEATS
    )

    errors = race(
        PEOPLE,
        lambda n: sign_up(session, Person(name=f"Buur {n}", phone=f"06 2000 {n:04d}")),
    )

    assert errors == []
    statuses = Counter(SignUp.objects.values_list("status", flat=True))
    assert statuses == {SignUpStatus.CONFIRMED: SEATS, SignUpStatus.WAITLISTED: PEOPLE - SEATS}
    assert SignUp.objects.values("phone").distinct().count() == PEOPLE
    assert Session.objects.with_seats().get(pk=session.pk).taken == SEATS
    line = list(session.signups.waiting_line())
    seated = list(session.signups.filter(status=SignUpStatus.CONFIRMED)[:CANCELLING])

    errors = race(CANCELLING, lambda n: cancel(seated[n]))

    assert errors == []
    offered = session.signups.filter(status=SignUpStatus.OFFERED)
    assert set(offered) == set(line[:CANCELLING])
    assert set(session.signups.filter(status=SignUpStatus.WAITLISTED)) == set(line[CANCELLING:])
    assert Session.objects.with_seats().get(pk=session.pk).taken == SEATS


def test_fifty_neighbours_race_for_ten_seats_on_a_sqlite_file(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "naober.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path}/race.sqlite3",
    }

    done = subprocess.run(
        [sys.executable, str(RACE_ON_SQLITE)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert counts["errors"] == []
    assert (counts["confirmed"], counts["waitlisted"]) == (SEATS, PEOPLE - SEATS)
    assert (counts["rows"], counts["phones"], counts["taken"]) == (PEOPLE, PEOPLE, SEATS)
    assert counts["offered_first_in_line"]
    assert counts["still_waiting"] == PEOPLE - SEATS - CANCELLING
