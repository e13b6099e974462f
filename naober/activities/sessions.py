"""An activity's rule to session rows, NAOBER_SESSION_HORIZON_DAYS ahead.

Sessions are rows because each has its own seats, sign-ups and waiting list. `plan_sessions`
expands the activity's rule with the same calendar as the openings (schedules/calendar.py): a
day on a public holiday the place closes on, or inside one of its closures, becomes a cancelled
session with the reason residents read. Planning again (after an edit, or daily with
`naober plan_sessions`) adds what is new, cancels a future session the rule no longer has (or
deletes it when nobody signed up), and restores one whose closure was taken away. Sessions added
by hand (`extra`) and sessions cancelled by hand are left alone.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from naober.schedules import calendar
from naober.schedules.recurrence import RuleError

from . import notify
from .constants import ACTIVE
from .models import Activity, Session


@dataclass
class Plan:
    created: list[Session] = field(default_factory=list)
    cancelled: list[Session] = field(default_factory=list)
    restored: list[Session] = field(default_factory=list)
    deleted: int = 0


def planned(activity: Activity, start: date, end: date) -> list[calendar.Occurrence]:
    """The occurrences of the activity's rule from start to end, open and closed."""
    place = activity.place
    spec = calendar.OpeningSpec(
        id=activity.pk or 0,
        rule=activity.rule(),
        start=activity.start_time,
        end=activity.end_time,
    )
    closures = [
        calendar.ClosureSpec(start=c.start_date, end=c.end_date, reason=c.reason)
        for c in place.closures.all()
    ]
    return calendar.expand(
        [spec],
        start,
        end,
        closures=closures,
        closed_on_holidays=place.closed_on_holidays or [],
        language=settings.LANGUAGE_CODE,
    )


def plan_sessions(activity: Activity, *, today: date | None = None) -> Plan:
    """Bring the activity's future sessions in line with its rule, up to the horizon."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.NAOBER_SESSION_HORIZON_DAYS)
    now = timezone.now()
    plan = Plan()
    try:
        occurrences = planned(activity, today, horizon)
    except RuleError:
        occurrences = []
    wanted = {o.start: o for o in occurrences if o.start > now}
    with transaction.atomic():
        existing = {
            s.start: s for s in activity.sessions.filter(start__gt=now).select_for_update()
        }
        for start, occurrence in wanted.items():
            session = existing.get(start)
            closed = "" if occurrence.is_open else occurrence.reason or _("closed")
            if session is None:
                plan.created.append(
                    Session.objects.create(
                        activity=activity,
                        start=occurrence.start,
                        end=occurrence.end,
                        capacity=activity.capacity,
                        cancel_reason=closed,
                        cancelled_by_calendar=bool(closed),
                    )
                )
            elif closed and not session.is_cancelled:
                _cancel(session, closed, by_calendar=True)
                plan.cancelled.append(session)
            elif not closed and session.cancelled_by_calendar:
                session.cancel_reason = ""
                session.cancelled_by_calendar = False
                session.save(update_fields=["cancel_reason", "cancelled_by_calendar"])
                plan.restored.append(session)
            elif session.end != occurrence.end and not session.extra:
                session.end = occurrence.end
                session.save(update_fields=["end"])
        for start, session in existing.items():
            if start in wanted or session.extra:
                continue
            if session.signups.filter(status__in=ACTIVE).exists():
                if not session.is_cancelled:
                    _cancel(session, _("no longer on the schedule"), by_calendar=False)
                    plan.cancelled.append(session)
            else:
                session.delete()
                plan.deleted += 1
    return plan


def cancel_session(session: Session, reason: str) -> Session:
    """Cancel one session by hand, with the reason residents read; everyone signed up is told."""
    with transaction.atomic():
        locked = Session.objects.select_for_update().get(pk=session.pk)
        _cancel(locked, reason, by_calendar=False)
    session.cancel_reason = locked.cancel_reason
    session.cancelled_by_calendar = False
    return session


def _cancel(session: Session, reason: str, *, by_calendar: bool) -> None:
    session.cancel_reason = reason[:200]
    session.cancelled_by_calendar = by_calendar
    session.save(update_fields=["cancel_reason", "cancelled_by_calendar"])
    signed_up = list(session.signups.filter(status__in=ACTIVE))
    if signed_up:
        transaction.on_commit(lambda: notify.session_cancelled(signed_up, session.cancel_reason))


def plan_all(*, today: date | None = None) -> int:
    """Plan every activity still running; the number of sessions created."""
    today = today or timezone.localdate()
    created = 0
    activities = Activity.objects.filter(valid_from__lte=today + timedelta(
        days=settings.NAOBER_SESSION_HORIZON_DAYS
    )).exclude(valid_until__lt=today).select_related("place").prefetch_related("place__closures")
    for activity in activities:
        created += len(plan_sessions(activity, today=today).created)
    return created
