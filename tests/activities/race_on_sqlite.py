"""Fifty neighbours race for ten seats on a real SQLite file, then three seated ones cancel at once.

Run by tests/activities/test_concurrent_signups.py in a subprocess with DATABASE_URL pointing at
a fresh file: the test database of the suite lives in memory, where threads cannot write at the
same time. Prints one JSON object with what a host would count."""

import json
import os
import sys
import threading
import time
from collections import Counter
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naober.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from naober.activities import notify  # noqa: E402
from naober.activities.models import Activity, Session, SignUp  # noqa: E402
from naober.activities.signup import Person, cancel, sign_up  # noqa: E402
from naober.places.constants import PlaceKind  # noqa: E402
from naober.places.models import Building, Municipality, Place  # noqa: E402

PEOPLE = 50
SEATS = 10
CANCELLING = 3


def race(count: int, work) -> list[str]:
    """Run work(n) in `count` threads released at once; the errors, as text."""
    barrier = threading.Barrier(count)
    errors: list[str] = []

    def run(number: int) -> None:
        try:
            barrier.wait()
            work(number)
        except Exception as error:  # noqa: BLE001 - reported to the test, not hidden
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def main() -> None:
    # What is counted is the rule, not the mail it would send.
    for hook in ("signed_up", "offered", "confirmed", "expired", "cancelled"):
        setattr(notify, hook, lambda *args, **kwargs: None)
    began = time.monotonic()
    # Building the empty database need not wait for the disk after every migration; the race
    # below runs on fresh connections with SQLite's own, safe setting.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = OFF")
    call_command("migrate", verbosity=0)
    migrated = time.monotonic() - began
    municipality = Municipality.objects.create(
        name="Hoogeveen", slug="hoogeveen", cbs_code="GM0118"
    )
    building = Building.objects.create(
        name="Wijkcentrum Wolfsbos", street_address="Schoolstraat 1", postcode="7908 AA",
        town="Hoogeveen", latitude=52.7329, longitude=6.4929,
    )  # fmt: skip
    place = Place.objects.create(
        name="Huis van de Buurt Wolfsbos",
        slug="wolfsbos",
        kind=PlaceKind.HUIS_VAN_DE_BUURT,
        building=building,
        municipality=municipality,
    )
    activity = Activity.objects.create(
        place=place, title="Samen eten", weekdays=[3], valid_from=date(2025, 1, 1),
        start_time=clock(12), capacity=SEATS,
    )  # fmt: skip
    start = timezone.now() + timedelta(days=2)
    session = Session.objects.create(
        activity=activity, start=start, end=start + timedelta(hours=2), capacity=SEATS
    )
    connection.close()

    began = time.monotonic()
    errors = race(
        PEOPLE,
        lambda n: sign_up(session, Person(name=f"Buur {n}", phone=f"06 2000 {n:04d}")),
    )
    statuses = Counter(SignUp.objects.values_list("status", flat=True))
    line = list(SignUp.objects.filter(session=session).waiting_line().values_list("pk", flat=True))
    seated = list(SignUp.objects.filter(status="confirmed").order_by("pk")[:CANCELLING])
    connection.close()

    errors += race(CANCELLING, lambda n: cancel(seated[n]))
    offered = set(SignUp.objects.filter(status="offered").values_list("pk", flat=True))
    print(
        json.dumps(
            {
                "confirmed": statuses["confirmed"],
                "waitlisted": statuses["waitlisted"],
                "rows": sum(statuses.values()),
                "phones": SignUp.objects.values("phone").distinct().count(),
                "taken": Session.objects.with_seats().get(pk=session.pk).taken,
                "errors": errors,
                "offered_first_in_line": offered == set(line[:CANCELLING]),
                "still_waiting": SignUp.objects.filter(status="waitlisted").count(),
                "migrate_seconds": round(migrated, 2),
                "race_seconds": round(time.monotonic() - began, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
