"""Generating a roster in the background (Django tasks framework via django-tasks, stored by
django-tasks-db): the coordinator's page asks for it and shows the progress while it runs.

The queue holds the roster's id only. The task takes a QUEUED roster to SOLVING, reports the
solver's progress on the roster (0..100, saved now and then), and ends it DRAFT or FAILED; an
unexpected error is logged and the roster FAILED with a message, never left SOLVING.
"""

import logging
import secrets
import time
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from naober.places.models import Municipality

from . import build
from .constants import RosterStatus
from .models import Roster

logger = logging.getLogger(__name__)

# Progress is saved at most this often, and only when it moved by a few per cent.
PROGRESS_SECONDS = 1.0
PROGRESS_STEP = 5


def start_generation(
    municipality: Municipality, start: date, end: date, *, by, seed: int | None = None
) -> Roster:
    """A new roster for the period, QUEUED, with its generation queued once it is saved."""
    roster = Roster.objects.create(
        municipality=municipality,
        start_date=start,
        end_date=end,
        status=RosterStatus.QUEUED,
        seed=secrets.randbelow(2**31) if seed is None else seed,
        time_limit=settings.NAOBER_ROSTER_TIME_LIMIT,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: _enqueue(roster.pk))
    return roster


def _enqueue(roster_id: int) -> None:
    try:
        generate_roster.enqueue(roster_id)
    except Exception:
        logger.exception("Could not queue the generation of roster %s.", roster_id)
        Roster.objects.filter(pk=roster_id, status=RosterStatus.QUEUED).update(
            status=RosterStatus.FAILED,
            message=_("The roster could not be queued for generation. Try again later."),
        )


@task()
def generate_roster(roster_id: int) -> str:
    """Solve the roster's period; the roster's status when done."""
    # Claim the roster: a second task for the same roster finds it taken and does nothing.
    claimed = Roster.objects.filter(pk=roster_id, status=RosterStatus.QUEUED).update(
        status=RosterStatus.SOLVING, progress=0
    )
    if not claimed:
        return ""
    roster = Roster.objects.select_related("municipality").get(pk=roster_id)
    try:
        build.generate(roster, on_progress=_progress(roster_id))
    except Exception:
        logger.exception("Could not generate roster %s.", roster_id)
        Roster.objects.filter(pk=roster_id).update(
            status=RosterStatus.FAILED,
            message=_(
                "Something went wrong while generating the roster. Try again; if it happens "
                "again, tell the administrator."
            ),
        )
    status = Roster.objects.filter(pk=roster_id).values_list("status", flat=True).first()
    if status == RosterStatus.SOLVING:
        # generate() returned without an outcome: say so rather than spin forever.
        Roster.objects.filter(pk=roster_id).update(status=RosterStatus.FAILED)
        status = RosterStatus.FAILED
    return status or ""


def _progress(roster_id: int):
    """on_progress for the solver: the fraction 0..1 as a percentage on the roster, saved when
    it moved at least PROGRESS_STEP and at most once per PROGRESS_SECONDS."""
    last = {"percent": 0, "at": time.monotonic()}

    def on_progress(fraction: float) -> None:
        percent = max(0, min(99, int(fraction * 100)))
        now = time.monotonic()
        if percent - last["percent"] < PROGRESS_STEP or now - last["at"] < PROGRESS_SECONDS:
            return
        last.update(percent=percent, at=now)
        try:
            Roster.objects.filter(pk=roster_id, status=RosterStatus.SOLVING).update(
                progress=percent
            )
        except Exception:
            # A progress bar that sticks is better than a roster that is not made.
            logger.warning("Could not save the progress of roster %s.", roster_id, exc_info=True)

    return on_progress
