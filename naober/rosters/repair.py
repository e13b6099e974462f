"""Mending a roster after a change: someone cancels a shift, or an absence is added.

The solver runs again from the current roster with changes penalised (changed assignments and
people affected), on a window around the affected shifts, widened only when that window cannot
be covered. Nobody is put on a shift that starts within NAOBER_ROSTER_ASK_HOURS without saying
yes: such a shift gets an ASKED assignment (the person is asked, by mail and on "my shifts"), and
stays a gap until they accept. A gap that remains is shown to the coordinator, and the guide's
"who is present" follows the roster as it now is.

The flow: lock the roster; take the cancelled or absent person off; solve the ISO weeks of the
affected shifts (from today on, with what already started kept as it is, and with each person's
caps lowered by their shifts outside the window); when gaps remain there, solve the whole rest of
the roster; apply only the difference. Within the ask window nobody confirmed is taken off a
shift by the repair; later, who is added or taken off hears it by mail.
"""

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from naober.schedules.recurrence import AMSTERDAM

from . import build, solver
from .constants import AssignmentStatus, RosterStatus, Source
from .models import Absence, Assignment, Person, Roster, Shift

logger = logging.getLogger(__name__)

REPAIRABLE = (RosterStatus.DRAFT, RosterStatus.PUBLISHED)
# A repair answers a person or a coordinator who is waiting: seconds, not the quarter's minutes.
WINDOW_TIME_LIMIT = 1.0  # as measured in docs/performance.md (Rosters, repair)
WIDE_TIME_LIMIT = 5.0
# Changes cost far more than any other rule: the roster people know stays as it is.
WEIGHTS = solver.Weights(
    shares=1, fairness=1, continuity=1, preferences=1, changes=100, people_affected=50
)
TAKING = (AssignmentStatus.CONFIRMED, AssignmentStatus.ASKED)


@dataclass
class RepairReport:
    added: list[Assignment] = field(default_factory=list)  # confirmed or asked
    # Who was taken off: the cancelled or absent person first, then the repair's own moves.
    removed: list[Assignment] = field(default_factory=list)
    gaps: list = field(default_factory=list)  # Shifts still short of people

    @property
    def changes(self) -> int:
        return len(self.added) + len(self.removed)


def cancel_assignment(assignment: Assignment, *, actor=None) -> RepairReport:
    """Take someone off a shift (they fell ill, or the coordinator did it) and repair."""
    with transaction.atomic():
        roster = _lock(assignment.shift.roster_id)
        shift = Shift.objects.select_related("place").get(pk=assignment.shift_id)
        person = assignment.person
        assignment.delete()
        if roster.status == RosterStatus.PUBLISHED and not _by_themselves(person, actor):
            _tell_later(person, "removed", shift)
        report = RepairReport(removed=[assignment])
        if roster.status in REPAIRABLE:
            _merge(report, _repair(roster, [shift], exclude={(shift.pk, person.pk)}))
    return report


def absence_added(absence: Absence, *, actor=None) -> RepairReport:
    """An absence takes its person off every shift in it; the roster is repaired."""
    report = RepairReport()
    first = datetime.combine(absence.start_date, time.min, AMSTERDAM)
    after = datetime.combine(absence.end_date + timedelta(days=1), time.min, AMSTERDAM)
    with transaction.atomic():
        taken = list(
            Assignment.objects.filter(
                person=absence.person,
                shift__start__gte=max(first, timezone.now()),
                shift__start__lt=after,
                shift__roster__status__in=REPAIRABLE,
            )
            .select_related("shift__place", "shift__roster", "person")
            .order_by("shift__start")
        )
        by_roster = defaultdict(list)
        for assignment in taken:
            by_roster[assignment.shift.roster_id].append(assignment)
        for roster_id, assignments in sorted(by_roster.items()):
            roster = _lock(roster_id)
            for assignment in assignments:
                shift = assignment.shift
                assignment.delete()
                report.removed.append(assignment)
                if roster.status == RosterStatus.PUBLISHED and not _by_themselves(
                    absence.person, actor
                ):
                    _tell_later(absence.person, "removed", shift)
            shifts = [a.shift for a in assignments]
            _merge(report, _repair(roster, shifts, exclude=set()))
    return report


def repair(roster: Roster, *, actor=None, exclude=()) -> RepairReport:
    """Fill the roster's gaps with as few changes as possible. `exclude`: (shift, person) pairs
    never to put together (someone who said no to that shift)."""
    with transaction.atomic():
        roster = _lock(roster.pk)
        if roster.status not in REPAIRABLE:
            return RepairReport()
        upcoming = _upcoming(roster, timezone.now())
        short = [shift for shift in upcoming if shortfall(shift)]
        if not short:
            return RepairReport()
        pairs = {(shift.pk, person.pk) for shift, person in exclude}
        return _repair(roster, short, exclude=pairs)


# --- What is short ----------------------------------------------------------------------------


def shortfall(shift: Shift) -> list[dict]:
    """What the shift lacks with the people confirmed on it, as codes with parameters:
    {"code": "people", "have": 1, "need": 2}, {"code": "skill", "skill": "first_aid", ...},
    {"code": "organisation", "organisation": "Lefier"}. Empty: the shift is covered. Reads the
    shift's assignments, organisations and their people through prefetches when there are."""
    there = [a.person for a in shift.assignments.all() if a.status == AssignmentStatus.CONFIRMED]
    lacking = []
    if len(there) < shift.people:
        lacking.append({"code": "people", "have": len(there), "need": shift.people})
    for skill, need in sorted((shift.skills or {}).items()):
        have = sum(skill in (p.skills or ()) for p in there)
        if have < need:
            lacking.append({"code": "skill", "skill": skill, "have": have, "need": need})
    present = {p.organisation_id for p in there}
    for organisation in shift.organisations.all():
        if organisation.pk not in present:
            lacking.append({"code": "organisation", "organisation": organisation.name})
    return lacking


def shifts_with_people(queryset):
    """Shifts with what shortfall() and the pages read, in a fixed number of queries."""
    return queryset.select_related("place__building").prefetch_related(
        "organisations", "assignments__person"
    )


# --- The repair itself ------------------------------------------------------------------------


def _lock(roster_id: int) -> Roster:
    # One repair at a time per roster: a second waits for the first to finish.
    return Roster.objects.select_for_update().select_related("municipality").get(pk=roster_id)


def _upcoming(roster: Roster, now: datetime) -> list[Shift]:
    """The roster's shifts from the start of today (Amsterdam) on. Today's earlier shifts are in
    for the rules of one day (overlap, distance); what already started is kept as it is."""
    today = datetime.combine(now.astimezone(AMSTERDAM).date(), time.min, AMSTERDAM)
    return list(shifts_with_people(roster.shifts.filter(start__gte=today)).order_by("start", "pk"))


def _repair(roster: Roster, affected: list[Shift], *, exclude: set) -> RepairReport:
    now = timezone.now()
    upcoming = _upcoming(roster, now)
    weeks = {build.week_of(s.start) for s in affected if s.end > now}
    if not weeks:
        return RepairReport()
    window = [s for s in upcoming if build.week_of(s.start) in weeks]
    result = _solve(roster, window, exclude, now, WINDOW_TIME_LIMIT)
    if _missing(result, now, window) and len(window) < len(upcoming):
        wide = _solve(roster, upcoming, exclude, now, WIDE_TIME_LIMIT)
        if _missing(wide, now, upcoming) < _missing(result, now, window):
            window, result = upcoming, wide
    report = _apply(roster, window, result, now)
    _remember_uncovered(roster, window, result)
    fresh = shifts_with_people(Shift.objects.filter(pk__in=[s.pk for s in window], start__gt=now))
    report.gaps = [shift for shift in fresh.order_by("start", "pk") if shortfall(shift)]
    return report


def _missing(result: solver.Result | None, now: datetime, window: list[Shift]) -> int:
    """People still missing at shifts that have not started."""
    if result is None:
        return 10**9
    started = {s.opening_key for s in window if s.start <= now}
    return sum(u.missing for u in result.uncovered if u.opening not in started)


def _solve(roster, window, exclude, now, time_limit) -> solver.Result | None:
    instance = build.instance_for_shifts(roster, window)
    instance.weights = WEIGHTS
    keys = {s.pk: s.opening_key for s in window}
    excluded = defaultdict(set)
    for shift_pk, person_pk in exclude:
        if shift_pk in keys:
            excluded[keys[shift_pk]].add(build.person_id(person_pk))
    instance.openings = [
        replace(o, excluded=frozenset(excluded[o.id])) if o.id in excluded else o
        for o in instance.openings
    ]
    instance.people = _caps_left(roster, window, instance.people)
    known = {p.id for p in instance.people}
    current = [
        solver.Assignment(opening=s.opening_key, person=build.person_id(a.person_id))
        for s in window
        for a in s.assignments.all()
        if a.status == AssignmentStatus.CONFIRMED and build.person_id(a.person_id) in known
    ]
    try:
        return solver.solve(
            instance,
            time_limit=time_limit,
            seed=roster.seed,
            current=current,
            keep_before=build.local(now),
        )
    except solver.InstanceError:
        logger.exception("Could not repair roster %s.", roster.pk)
        return None


def _caps_left(roster, window, people: list[solver.Person]) -> list[solver.Person]:
    """Each person's weekly and monthly caps less the shifts they hold outside the window in
    the weeks and months it touches (the solver sees only the window)."""
    inside = [s.pk for s in window]
    weeks = {build.week_of(s.start) for s in window}
    months = {build.local(s.start).timetuple()[:2] for s in window}
    per_week, per_month = Counter(), Counter()
    for person, start in (
        Assignment.objects.filter(shift__roster=roster, status__in=TAKING)
        .exclude(shift__in=inside)
        .values_list("person_id", "shift__start")
    ):
        if build.week_of(start) in weeks:
            per_week[(person, build.week_of(start))] += 1
        if build.local(start).timetuple()[:2] in months:
            per_month[(person, build.local(start).timetuple()[:2])] += 1
    adjusted = []
    for person in people:
        pk = build.pk_of(person.id)
        week = max((per_week[(pk, w)] for w in weeks), default=0)
        month = max((per_month[(pk, m)] for m in months), default=0)
        adjusted.append(
            replace(
                person,
                max_per_week=max(0, person.max_per_week - week),
                max_per_month=max(0, person.max_per_month - month),
            )
        )
    return adjusted


def _apply(roster, window: list[Shift], result: solver.Result | None, now) -> RepairReport:
    report = RepairReport()
    if result is None:
        return report
    # A draft is seen by the coordinator alone: nobody to ask or tell yet.
    published = roster.status == RosterStatus.PUBLISHED
    ask_until = now + timedelta(hours=settings.NAOBER_ROSTER_ASK_HOURS) if published else now
    by_key = {s.opening_key: s for s in window}
    had = {
        (s.opening_key, a.person_id): a
        for s in window
        for a in s.assignments.all()
        if a.status in TAKING
    }
    confirmed = {pair for pair, a in had.items() if a.status == AssignmentStatus.CONFIRMED}
    wanted = {(a.opening, build.pk_of(a.person)) for a in result.assignments if a.opening in by_key}
    kept_days = set()
    for key, person in sorted(confirmed - wanted):
        shift = by_key[key]
        if shift.start <= now:
            continue
        if shift.start < ask_until:
            # Within the ask window the repair takes nobody off: they expect to come.
            kept_days.add((person, build.local(shift.start).date()))
            continue
        assignment = had[(key, person)]
        assignment.delete()
        report.removed.append(assignment)
        if published:
            _tell_later(assignment.person, "removed", shift)
    people = Person.objects.in_bulk({person for _, person in wanted - confirmed})
    for key, person in sorted(wanted - confirmed, key=lambda p: (by_key[p[0]].start, p)):
        shift = by_key[key]
        if shift.start <= now or (key, person) in had:
            continue  # Already asked: the question stands.
        if (person, build.local(shift.start).date()) in kept_days:
            continue  # The plan moved them from a shift they keep: not on the same day twice.
        asking = shift.start < ask_until
        assignment = Assignment.objects.create(
            shift=shift,
            person=people[person],
            status=AssignmentStatus.ASKED if asking else AssignmentStatus.CONFIRMED,
            source=Source.REPAIR,
        )
        report.added.append(assignment)
        if published:
            _tell_later(people[person], "asked" if asking else "added", shift)
    return report


def _remember_uncovered(roster: Roster, window: list[Shift], result) -> None:
    """The coordinator's list of uncovered openings keeps the solver's reasons for the window."""
    if result is None:
        return
    keys = {s.opening_key for s in window}
    score = dict(roster.score or {})
    kept = [u for u in score.get("uncovered", []) if u.get("opening") not in keys]
    score["uncovered"] = kept + [
        {"opening": u.opening, "missing": u.missing, "reasons": [dict(r) for r in u.reasons]}
        for u in result.uncovered
    ]
    roster.score = score
    roster.save(update_fields=["score"])


def _merge(report: RepairReport, more: RepairReport) -> None:
    report.added += more.added
    report.removed += more.removed
    report.gaps = [g for g in report.gaps if g.pk not in {s.pk for s in more.gaps}] + more.gaps


# --- Telling people ---------------------------------------------------------------------------


def _by_themselves(person: Person, actor) -> bool:
    return actor is not None and person.user_id is not None and actor.pk == person.user_id


def _tell_later(person: Person, what: str, shift: Shift) -> None:
    """Mail the person once the change is saved; a mail server that fails is logged."""
    address = person.email or (person.user.email if person.user_id else "")
    if not address:
        return
    transaction.on_commit(lambda: _send(address, person.name, what, shift))


def _send(address: str, name: str, what: str, shift: Shift) -> None:
    try:
        with translation.override(settings.LANGUAGE_CODE):
            subject, body = _letter(name, what, shift)
        EmailMessage(subject, body, to=[address]).send()
    except Exception:
        logger.exception("Could not mail about shift %s (%s).", shift.pk, what)


def _letter(name: str, what: str, shift: Shift) -> tuple[str, str]:
    start, end = build.local(shift.start), build.local(shift.end)
    when = {
        "place": shift.place.name,
        "day": formats.date_format(start, "l j F"),
        "start": formats.time_format(start, "G:i"),
        "end": formats.time_format(end, "G:i"),
    }
    link = settings.NAOBER_LINK_BASE + reverse("rosters:mine")
    greeting = _("Hello %(name)s,") % {"name": name}
    if what == "asked":
        subject = _("Can you come to %(place)s on %(day)s?") % when
        text = (
            _(
                "Someone cannot come to %(place)s on %(day)s from %(start)s to %(end)s. Can you "
                "take this shift? You are not on it until you say yes. Answer on your roster page:"
            )
            % when
        )
    elif what == "added":
        subject = _("You are on the roster: %(place)s, %(day)s") % when
        text = (
            _(
                "Someone cannot come, so the roster has changed: you are now on the shift at "
                "%(place)s on %(day)s from %(start)s to %(end)s. Cannot make it? Give the shift away "
                "on your roster page:"
            )
            % when
        )
    else:
        subject = _("You are off the roster: %(place)s, %(day)s") % when
        text = (
            _(
                "You are no longer on the shift at %(place)s on %(day)s from %(start)s to %(end)s. "
                "See your shifts on your roster page:"
            )
            % when
        )
    return subject, f"{greeting}\n\n{text}\n{link}\n"
