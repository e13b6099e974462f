"""An activity's rule to session rows, NAOBER_SESSION_HORIZON_DAYS ahead.

Sessions are rows because each has its own seats, sign-ups and waiting list. `plan_sessions`
expands the activity's rule with the same calendar as the openings (schedules/calendar.py): a
day on a public holiday the place closes on, or inside one of its closures, becomes a cancelled
session with the reason residents read. Planning again (after an edit, or daily with
`naober plan_sessions`) adds what is new, cancels a future session the rule no longer has (or
deletes it when nobody signed up), and restores one it cancelled itself once the reason is gone
(a closure taken away, the rule changed back). Sessions added by hand (`extra`), sessions
cancelled by hand, and days before `today` or past the horizon are left alone. `naober
plan_sessions` does this for every activity.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from naober.schedules import calendar
from naober.schedules.recurrence import RuleError, local_datetime

from . import notify
from .constants import ACTIVE
from .models import Activity, Session


@dataclass
class Plan:
    created: list[Session] = field(default_factory=list)
    cancelled: list[Session] = field(default_factory=list)
    restored: list[Session] = field(default_factory=list)
    deleted: int = 0

    def add(self, other: "Plan") -> "Plan":
        self.created += other.created
        self.cancelled += other.cancelled
        self.restored += other.restored
        self.deleted += other.deleted
        return self


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
    """Bring the activity's future sessions in line with its rule, from today up to the horizon."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.NAOBER_SESSION_HORIZON_DAYS)
    now = timezone.now()
    plan = Plan()
    try:
        occurrences = planned(activity, today, horizon)
    except RuleError:
        # A rule that cannot happen is a mistake being fixed, not a reason to cancel every
        # session people signed up for.
        return plan
    wanted = {o.start: o for o in occurrences if o.start > now}
    # Only the days planned here: a session before `today` or past the horizon is left alone.
    first = max(now, local_datetime(today, time()))
    after = local_datetime(horizon + timedelta(days=1), time())
    with transaction.atomic():
        existing = {
            s.start: s
            for s in activity.sessions.filter(start__gte=first, start__gt=now, start__lt=after)
            .order_by("start")
            .select_for_update()
        }
        for start, occurrence in wanted.items():
            session = existing.get(start)
            if session is not None and session.extra:
                continue
            closed = "" if occurrence.is_open else (occurrence.reason or _("closed"))[:200]
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
                continue
            if closed and not session.is_cancelled:
                _cancel(session, closed, by_calendar=True)
                plan.cancelled.append(session)
            elif closed and session.cancelled_by_calendar and session.cancel_reason != closed:
                # The closure's reason was edited: residents read the new one.
                session.cancel_reason = closed
                session.save(update_fields=["cancel_reason"])
            elif not closed and session.cancelled_by_calendar:
                _restore(session)
                plan.restored.append(session)
            if session.end != occurrence.end:
                session.end = occurrence.end
                session.save(update_fields=["end"])
        for start, session in existing.items():
            if start in wanted or session.extra:
                continue
            if session.signups.filter(status__in=ACTIVE).exists():
                if not session.is_cancelled:
                    # Cancelled by planning, not by hand: should the rule bring the day back
                    # (an end date moved and moved back), planning restores it.
                    _cancel(session, _("no longer on the schedule"), by_calendar=True)
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


def _restore(session: Session) -> None:
    session.cancel_reason = ""
    session.cancelled_by_calendar = False
    session.save(update_fields=["cancel_reason", "cancelled_by_calendar"])
    signed_up = list(session.signups.filter(status__in=ACTIVE))
    if signed_up:
        transaction.on_commit(lambda: notify.session_restored(signed_up))


def plan_every_activity(*, today: date | None = None) -> Plan:
    """Plan every activity still running, and every one with future sessions (an activity that
    ended early still has sessions to cancel); what changed, added up."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.NAOBER_SESSION_HORIZON_DAYS)
    running = Q(valid_from__lte=horizon) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    with_future = Q(pk__in=Session.objects.filter(start__gt=timezone.now()).values("activity"))
    activities = (
        Activity.objects.filter(running | with_future)
        .select_related("place")
        .prefetch_related("place__closures")
        .order_by("pk")
    )
    total = Plan()
    for activity in activities:
        total.add(plan_sessions(activity, today=today))
    return total


def plan_all(*, today: date | None = None) -> int:
    """Plan every activity still running; the number of sessions created."""
    return len(plan_every_activity(today=today).created)


def carry_over_seats(activity: Activity, old: int | None, *, now=None) -> tuple[int, int]:
    """After the activity's seats changed from `old`: give every coming session that still had
    the old number the new one, and offer the extra seats to its waiting list. A session with its
    own number is left alone, as is one where more people already hold a seat than the new
    number. Returns (sessions changed, sessions left as they were)."""
    from .signup import offer_free_seats

    now = now or timezone.now()
    new = activity.capacity
    changed = kept = 0
    coming = activity.sessions.filter(start__gt=now, cancel_reason="", capacity=old)
    if old is None:
        coming = activity.sessions.filter(start__gt=now, cancel_reason="", capacity__isnull=True)
    for session in coming.with_seats():
        if new is not None and session.taken > new:
            kept += 1
            continue
        Session.objects.filter(pk=session.pk).update(capacity=new)
        changed += 1
        if new is None or old is None or new > old:
            offer_free_seats(session, now=now)
    return changed, kept
