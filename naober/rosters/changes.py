"""Self-service rules: giving a shift away, taking an open shift, swapping, and approving.

Plain functions; views and the API call them. Each refuses with ChangeError (a message for the
person, in their language) when a rule would be broken: the taker lacks a skill the shift still
needs, is absent or unavailable, already works elsewhere at that time, would pass their caps or
the distance between places on one day, or the shift has already started.
Approval follows the network's RosterPolicy: by the coordinator, or at once when the rules hold.

The flow of a change (ShiftChange.status, moves checked in one table, ALLOWED):

- give away: OPEN (anyone eligible may take it) → someone takes it → PENDING → APPROVED or
  REFUSED. The shift stays the giver's until the change is approved: a give-away that nobody
  takes before the shift starts simply stays theirs (nobody is moved without saying yes).
- swap: OPEN (proposed to one colleague) → the colleague says yes → PENDING → APPROVED or
  REFUSED; the colleague's no → REFUSED. Both assignments change only when approved.
- take an open shift (one with a gap): PENDING → APPROVED or REFUSED.

Under RosterPolicy.approval AUTOMATIC a PENDING change is approved at once (the rules were just
checked); under COORDINATOR (also when a network has no policy) it waits for decide(). Approval
checks the rules again, as they are at that moment. Whoever started a change, or took it, may
withdraw it while it is going. Mails tell the other party: a swap proposed, a swap answered,
a change decided.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from math import hypot

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from naober.schedules.recurrence import AMSTERDAM

from . import repair
from .constants import (
    CHANGE_ACTIVE,
    Approval,
    AssignmentStatus,
    ChangeKind,
    ChangeStatus,
    RosterStatus,
    Skill,
    Source,
)
from .models import Assignment, Person, RosterPolicy, Shift, ShiftChange

# The one table of allowed status changes. OPEN ← PENDING: the taker of a given-away shift
# withdraws, and the shift is open for others again.
ALLOWED = {
    ChangeStatus.OPEN: {ChangeStatus.PENDING, ChangeStatus.REFUSED, ChangeStatus.WITHDRAWN},
    ChangeStatus.PENDING: {
        ChangeStatus.OPEN,
        ChangeStatus.APPROVED,
        ChangeStatus.REFUSED,
        ChangeStatus.WITHDRAWN,
    },
}

# What a person's shifts are counted from: the week or month of a shift may begin this long ago.
_LOOK_BACK = timedelta(days=40)
# RosterPolicy.max_distance_km when a network has no policy (the model's default).
_DEFAULT_DISTANCE_KM = 15


class ChangeError(Exception):
    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


# Reading: what the pages show ---------------------------------------------------------------


def first_name(person: Person) -> str:
    """Among colleagues a first name is enough."""
    return (person.name.split() or [""])[0]


def approval(municipality_id: int) -> str:
    """Who approves changes in this network: Approval.COORDINATOR unless its policy says so."""
    policy = RosterPolicy.objects.filter(municipality_id=municipality_id).first()
    return policy.approval if policy else Approval.COORDINATOR


def _published() -> Q:
    return Q(roster__status=RosterStatus.PUBLISHED)


def _with_details(shifts):
    """Shifts with what a page or a rule reads of them, in a few queries."""
    return shifts.select_related("place__building", "roster").prefetch_related(
        "organisations",
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(status=AssignmentStatus.CONFIRMED)
            .select_related("person")
            .order_by("person__name"),
            to_attr="confirmed",
        ),
        Prefetch(
            "changes",
            queryset=ShiftChange.objects.filter(status__in=CHANGE_ACTIVE).select_related(
                "from_person", "to_person"
            ),
            to_attr="active_changes",
        ),
    )


def needs(shift: Shift) -> list[str]:
    """What a shift asks for, in words: people, skills, organisations promised to residents."""
    labels = dict(Skill.choices)
    said = [
        ngettext("%(count)s person", "%(count)s people", shift.people) % {"count": shift.people}
    ]
    for code, count in sorted((shift.skills or {}).items()):
        said.append(
            _("%(skill)s: at least %(count)s") % {"skill": labels.get(code, code), "count": count}
        )
    names = sorted(o.name for o in shift.organisations.all())
    if names:
        said.append(_("promised present: %(organisations)s") % {"organisations": ", ".join(names)})
    return said


@dataclass
class MyShift:
    shift: Shift
    colleagues: list[str]  # first names of the others on it
    needs: list[str]
    change: ShiftChange | None = None  # the change of this person's that is going, if any


@dataclass
class OpenShift:
    shift: Shift
    colleagues: list[str]
    needs: list[str]
    change: ShiftChange | None = None  # a give-away; None: a gap in the roster
    missing: int = 0  # for a gap: how many people are still needed


@dataclass
class MyChange:
    change: ShiftChange
    text: str  # what it is and where it stands, in words (describe())


@dataclass
class Overview:
    """Everything on "my shifts": coming shifts, questions to answer, changes going, and the
    open shifts this person may take."""

    person: Person
    approval: str
    shifts: list[MyShift] = field(default_factory=list)
    asked: list[MyShift] = field(default_factory=list)
    swaps_to_me: list[MyChange] = field(default_factory=list)
    mine: list[MyChange] = field(default_factory=list)
    open_shifts: list[OpenShift] = field(default_factory=list)


def _coming(person: Person, status: str):
    shifts = Shift.objects.filter(
        _published(),
        start__gt=timezone.now(),
        assignments__person=person,
        assignments__status=status,
    )
    return list(_with_details(shifts).order_by("start", "place__name"))


def _others(shift: Shift, person: Person) -> list[str]:
    return [first_name(a.person) for a in shift.confirmed if a.person_id != person.pk]


def active_changes(person: Person):
    """The changes going that this person started or took on: their offers and requests."""
    return (
        ShiftChange.objects.filter(status__in=CHANGE_ACTIVE, shift__start__gt=timezone.now())
        .filter(Q(from_person=person) | Q(to_person=person))
        # A swap proposed to them and not yet answered is a question, not their request.
        .exclude(kind=ChangeKind.SWAP, status=ChangeStatus.OPEN, to_person=person)
        .select_related("shift__place", "swap_shift__place", "from_person", "to_person")
        .order_by("shift__start", "pk")
    )


def when(shift: Shift) -> str:
    """A shift in a few words: "Tuesday 1 December, 9:00–12:00 at Buurtkamer Nieuw-Buinen"."""
    return _("%(day)s, %(start)s–%(end)s at %(place)s") % {
        "day": formats.date_format(_local(shift.start), "l j F"),
        "start": _clock(shift.start),
        "end": _clock(shift.end),
        "place": shift.place.name,
    }


def describe(change: ShiftChange, person: Person) -> str:
    """A change going, as `person` (who started it or takes part in it) reads it."""
    shift = when(change.shift)
    waiting = _("Waiting for the coordinator.")
    if change.kind == ChangeKind.TAKE:
        return _("You asked for the open shift of %(shift)s.") % {"shift": shift} + " " + waiting
    if change.kind == ChangeKind.GIVE_AWAY:
        if change.to_person_id == person.pk:
            said = _("You take the shift of %(shift)s from %(name)s.") % {
                "shift": shift,
                "name": first_name(change.from_person),
            }
            return f"{said} {waiting}"
        if change.status == ChangeStatus.OPEN:
            return _(
                "You gave away your shift of %(shift)s. Nobody has taken it yet: until someone "
                "does, it stays yours."
            ) % {"shift": shift}
        said = _("You gave away your shift of %(shift)s; %(name)s takes it.") % {
            "shift": shift,
            "name": first_name(change.to_person),
        }
        return f"{said} {waiting}"
    other = when(change.swap_shift)
    if change.from_person_id == person.pk:
        said = _("You proposed a swap to %(name)s: they take %(mine)s, you take %(theirs)s.") % {
            "name": first_name(change.to_person),
            "mine": shift,
            "theirs": other,
        }
        if change.status == ChangeStatus.OPEN:
            return said + " " + _("Waiting for their answer.")
        return said + " " + _("They said yes.") + " " + waiting
    said = _("You swap with %(name)s: you take %(theirs)s, they take %(mine)s.") % {
        "name": first_name(change.from_person),
        "theirs": shift,
        "mine": other,
    }
    return f"{said} {waiting}"


def proposal(change: ShiftChange) -> str:
    """A swap proposed to someone, as they read it."""
    return _("%(name)s asks to swap: you take %(theirs)s, and they take yours, %(mine)s.") % {
        "name": change.from_person.name,
        "theirs": when(change.shift),
        "mine": when(change.swap_shift),
    }


def overview(person: Person) -> Overview:
    view = Overview(person=person, approval=approval(person.municipality_id))
    mine = list(active_changes(person))
    # The change each of their own shifts is part of: given away, or swapped either way.
    own = {c.shift_id: c for c in mine if c.from_person_id == person.pk}
    own.update(
        {
            c.swap_shift_id: c
            for c in mine
            if c.kind == ChangeKind.SWAP and c.to_person_id == person.pk
        }
    )
    for shift in _coming(person, AssignmentStatus.CONFIRMED):
        view.shifts.append(
            MyShift(shift, _others(shift, person), needs(shift), change=own.get(shift.pk))
        )
    for shift in _coming(person, AssignmentStatus.ASKED):
        view.asked.append(MyShift(shift, _others(shift, person), needs(shift)))
    view.swaps_to_me = [
        MyChange(c, proposal(c))
        for c in ShiftChange.objects.filter(
            kind=ChangeKind.SWAP,
            status=ChangeStatus.OPEN,
            to_person=person,
            shift__start__gt=timezone.now(),
        )
        .select_related("shift__place__building", "swap_shift__place__building", "from_person")
        .order_by("shift__start", "pk")
    ]
    view.mine = [MyChange(c, describe(c, person)) for c in mine]
    view.open_shifts = open_shifts(person)
    return view


def my_shift(person: Person, shift: Shift) -> MyShift:
    """One shift as "my shifts" shows it."""
    shift = _with_details(Shift.objects.filter(pk=shift.pk)).get()
    return MyShift(shift, _others(shift, person), needs(shift))


def open_shifts(person: Person) -> list[OpenShift]:
    """Coming shifts of the person's network that they may take: given away by someone, or
    short of people; only those the rules allow them (can_take)."""
    if not person.is_active:
        return []
    facts = _Facts(person)
    shifts = _with_details(
        Shift.objects.filter(
            _published(),
            roster__municipality_id=person.municipality_id,
            start__gt=timezone.now(),
        )
    ).order_by("start", "place__name")
    found = []
    for shift in shifts:
        for change in shift.active_changes:
            if (
                change.kind == ChangeKind.GIVE_AWAY
                and change.status == ChangeStatus.OPEN
                and change.from_person_id != person.pk
                and _problem(facts, shift, replacing=change.from_person) is None
            ):
                found.append(OpenShift(shift, _others(shift, person), needs(shift), change=change))
        missing = shift.people - len(shift.confirmed) - _reserved(shift)
        if missing > 0 and _problem(facts, shift) is None:
            found.append(OpenShift(shift, _others(shift, person), needs(shift), missing=missing))
    return found


@dataclass(frozen=True)
class SwapOption:
    """A colleague's shift this person could take in exchange for theirs."""

    assignment: Assignment  # the colleague's, on their shift

    @property
    def shift(self) -> Shift:
        return self.assignment.shift

    @property
    def colleague(self) -> Person:
        return self.assignment.person


def swap_options(person: Person, shift: Shift) -> list[SwapOption]:
    """Colleagues' coming shifts this person may take in exchange for `shift`, where the
    colleague may take `shift` in turn. Only colleagues who log in: they must answer."""
    if shift.start <= timezone.now():
        return []
    theirs = (
        Assignment.objects.filter(
            status=AssignmentStatus.CONFIRMED,
            shift__roster__status=RosterStatus.PUBLISHED,
            shift__roster__municipality_id=person.municipality_id,
            shift__start__gt=timezone.now(),
            person__is_active=True,
            person__user__isnull=False,
            person__user__is_active=True,
        )
        .exclude(person=person)
        .exclude(shift=shift)
        .select_related("person", "shift__place__building", "shift__roster")
        .order_by("shift__start", "person__name")
    )
    mine = _Facts(person)
    colleagues: dict[int, _Facts] = {}
    options = []
    for assignment in theirs:
        other = assignment.person
        if other.pk not in colleagues:
            colleagues[other.pk] = _Facts(other)
        if (
            _problem(mine, assignment.shift, replacing=other, instead_of=shift) is None
            and _problem(colleagues[other.pk], shift, replacing=person, instead_of=assignment.shift)
            is None
        ):
            options.append(SwapOption(assignment))
    return options


# The rules -----------------------------------------------------------------------------------


class _Facts:
    """What the rules read about one person, read once: weekly windows, absences, and the
    shifts they work in published rosters (from a little before this month)."""

    def __init__(self, person: Person):
        self.person = person
        self.windows = list(person.availability.all())
        self.absences = list(person.absences.all())
        self.work = list(
            Assignment.objects.filter(
                person=person,
                status=AssignmentStatus.CONFIRMED,
                shift__roster__status=RosterStatus.PUBLISHED,
                shift__end__gt=timezone.now() - _LOOK_BACK,
            ).select_related("shift__place__building")
        )
        self.asked = set(
            Assignment.objects.filter(person=person, status=AssignmentStatus.ASKED).values_list(
                "shift_id", flat=True
            )
        )
        self._km = None

    @property
    def max_km(self) -> int:
        if self._km is None:
            policy = RosterPolicy.objects.filter(municipality_id=self.person.municipality_id)
            self._km = policy.values_list("max_distance_km", flat=True).first()
            if self._km is None:
                self._km = _DEFAULT_DISTANCE_KM
        return self._km


def _local(moment: datetime) -> datetime:
    return moment.astimezone(AMSTERDAM)


def _day(moment: datetime) -> str:
    return formats.date_format(_local(moment), "l j F Y")


def _clock(moment: datetime) -> str:
    return formats.time_format(_local(moment), "G:i")


def _confirmed(shift: Shift) -> list[Assignment]:
    found = getattr(shift, "confirmed", None)
    if found is None:
        found = list(
            shift.assignments.filter(status=AssignmentStatus.CONFIRMED).select_related("person")
        )
    return found


def _active(shift: Shift) -> list[ShiftChange]:
    active = getattr(shift, "active_changes", None)
    if active is None:
        active = list(shift.changes.filter(status__in=CHANGE_ACTIVE))
    return active


def _reserved(shift: Shift, ignore: ShiftChange | None = None) -> int:
    """Places in a shift already asked for by someone taking it, waiting for approval."""
    return sum(
        1
        for c in _active(shift)
        if c.kind == ChangeKind.TAKE
        and c.status == ChangeStatus.PENDING
        and (ignore is None or c.pk != ignore.pk)
    )


def _span(first: date, days: int) -> tuple[datetime, datetime]:
    start = datetime.combine(first, time.min, tzinfo=AMSTERDAM)
    return start, datetime.combine(first + timedelta(days=days), time.min, tzinfo=AMSTERDAM)


def _month(day: date) -> tuple[datetime, datetime]:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return _span(day.replace(day=1), (following - day.replace(day=1)).days)


def _distance_km(a, b) -> float:
    return hypot(a.building.x_rd - b.building.x_rd, a.building.y_rd - b.building.y_rd) / 1000


def can_take(
    person: Person,
    shift: Shift,
    *,
    replacing: Person | None = None,
    instead_of: Shift | None = None,
) -> str | None:
    """None when `person` may take `shift`; otherwise the reason, in words.

    `replacing`: the person whose place they take (a give-away or a swap); without it the
    shift must have a place free (a gap), or, when it is full, someone must have given it away
    (their place is the one taken). `instead_of`: the shift they leave in the same change (a
    swap), which no longer counts for their time, caps or distance."""
    if replacing is None and _room(shift) <= 0:
        offered = shift.changes.filter(kind=ChangeKind.GIVE_AWAY, status=ChangeStatus.OPEN).exclude(
            from_person=person
        )
        change = offered.select_related("from_person").first()
        if change is not None:
            replacing = change.from_person
    return _problem(_Facts(person), shift, replacing=replacing, instead_of=instead_of)


def _room(shift: Shift, ignore: ShiftChange | None = None) -> int:
    return shift.people - len(_confirmed(shift)) - _reserved(shift, ignore)


def _short(needed: int, people: list[Person], has, free: int) -> int:
    """How many of `needed` neither these people nor the free places can bring."""
    return max(0, needed - sum(1 for p in people if has(p)) - max(free, 0))


def _problem(
    facts: _Facts,
    shift: Shift,
    *,
    replacing: Person | None = None,
    instead_of: Shift | None = None,
    ignore: ShiftChange | None = None,
) -> str | None:
    person = facts.person
    name = {"name": person.name}
    if shift.start <= timezone.now():
        return _("This shift has already started.")
    if shift.roster.status != RosterStatus.PUBLISHED:
        return _("This shift is not in a published roster.")
    if shift.roster.municipality_id != person.municipality_id:
        return _("This shift belongs to another network.")
    if not person.is_active:
        return _("%(name)s is no longer on the roster.") % name
    on = [a.person for a in _confirmed(shift)]
    if any(p.pk == person.pk for p in on):
        return _("%(name)s is already on this shift.") % name
    if shift.pk in facts.asked:
        return _("%(name)s has already been asked to take this shift.") % name
    if any(
        c.to_person_id == person.pk and (ignore is None or c.pk != ignore.pk)
        for c in _active(shift)
    ):
        return _("%(name)s has already asked to take this shift.") % name
    if replacing is not None:
        if not any(p.pk == replacing.pk for p in on):
            return _("%(name)s is no longer on this shift.") % {"name": replacing.name}
        others = [p for p in on if p.pk != replacing.pk]
    else:
        if _room(shift, ignore) <= 0:
            return _("This shift is already full.")
        others = on
    # A change may not make what the shift needs less reachable than it was: what the people
    # on it bring, plus the places still free (someone may bring it there), before and after.
    after = [*others, person]
    free_before = shift.people - len(on)
    free_after = shift.people - len(after)
    labels = dict(Skill.choices)
    for skill, needed in sorted((shift.skills or {}).items()):

        def has(p, skill=skill):
            return skill in (p.skills or [])

        if _short(needed, after, has, free_after) > _short(needed, on, has, free_before):
            return _(
                "The shift still needs someone with the skill “%(skill)s”, and %(name)s does "
                "not have it."
            ) % {"skill": labels.get(skill, skill), **name}
    for organisation in sorted(shift.organisations.all(), key=lambda o: o.name):

        def belongs(p, pk=organisation.pk):
            return p.organisation_id == pk

        if _short(1, after, belongs, free_after) > _short(1, on, belongs, free_before):
            return _(
                "%(organisation)s is promised to residents at this shift, and %(name)s is "
                "not from %(organisation)s."
            ) % {"organisation": organisation.name, **name}

    start, end = _local(shift.start), _local(shift.end)
    until = end.time() if end.date() == start.date() else time.max
    if not any(
        w.weekday == start.weekday() and w.start_time <= start.time() and until <= w.end_time
        for w in facts.windows
    ):
        return _("%(name)s is not available on %(weekday)s from %(start)s to %(end)s.") % {
            "weekday": formats.date_format(start, "l"),
            "start": _clock(shift.start),
            "end": _clock(shift.end),
            **name,
        }
    if any(a.start_date <= start.date() <= a.end_date for a in facts.absences):
        return _("%(name)s is absent on %(day)s.") % {"day": _day(shift.start), **name}

    left = instead_of.pk if instead_of is not None else None
    work = [a.shift for a in facts.work if a.shift_id != left]
    for other in work:
        if other.start < shift.end and shift.start < other.end:
            return _("%(name)s already works at %(place)s then, from %(start)s to %(end)s.") % {
                "place": other.place.name,
                "start": _clock(other.start),
                "end": _clock(other.end),
                **name,
            }
    week = _span(start.date() - timedelta(days=start.weekday()), 7)
    in_week = 1 + sum(1 for s in work if week[0] <= s.start < week[1])
    if in_week > person.max_per_week:
        return _(
            "%(name)s would have %(count)s shifts in the week of %(monday)s; the most is %(max)s."
        ) % {
            "count": in_week,
            "monday": formats.date_format(week[0], "j F"),
            "max": person.max_per_week,
            **name,
        }
    month = _month(start.date())
    in_month = 1 + sum(1 for s in work if month[0] <= s.start < month[1])
    if in_month > person.max_per_month:
        return _("%(name)s would have %(count)s shifts in %(month)s; the most is %(max)s.") % {
            "count": in_month,
            "month": formats.date_format(month[0], "F Y"),
            "max": person.max_per_month,
            **name,
        }
    for other in work:
        if _local(other.start).date() != start.date() or other.place_id == shift.place_id:
            continue
        km = _distance_km(shift.place, other.place)
        if km > facts.max_km:
            return _(
                "%(place)s is %(km)s km from %(other)s, where %(name)s works that day; at most "
                "%(max)s km is allowed."
            ) % {
                "place": shift.place.name,
                "km": formats.number_format(km, 0),
                "other": other.place.name,
                "max": facts.max_km,
                **name,
            }
    return None


# Writing -------------------------------------------------------------------------------------


def _lock(people: Iterable[Person | None] = (), shifts: Iterable[Shift | None] = ()) -> None:
    """Lock the rows a change reads and writes, always in the same order (people, then shifts,
    each by id), so two requests at once wait for each other instead of both passing."""
    people_ids = sorted({p.pk for p in people if p is not None})
    shift_ids = sorted({s.pk for s in shifts if s is not None})
    list(Person.objects.select_for_update().filter(pk__in=people_ids).values_list("pk"))
    list(Shift.objects.select_for_update().filter(pk__in=shift_ids).values_list("pk"))


def _fresh_shift(pk: int) -> Shift:
    return Shift.objects.select_related("roster", "place__building").get(pk=pk)


def _locked(change: ShiftChange, *people: Person) -> ShiftChange:
    """The change as it is now, with its people and shifts locked (and these `people`)."""
    seen = ShiftChange.objects.select_related("from_person", "to_person").get(pk=change.pk)
    _lock(
        [seen.from_person, seen.to_person, *people],
        [Shift(pk=seen.shift_id), Shift(pk=seen.swap_shift_id) if seen.swap_shift_id else None],
    )
    return _fresh_change(change)


def _fresh_change(change: ShiftChange) -> ShiftChange:
    return (
        # of=self: PostgreSQL locks no row on the nullable side of the joins.
        ShiftChange.objects.select_for_update(of=("self",))
        .select_related("from_person", "to_person")
        .get(pk=change.pk)
    )


def _set_status(change: ShiftChange, status: str, *, by=None) -> None:
    if status not in ALLOWED.get(change.status, ()):
        raise ChangeError(_closed(change), code="closed")
    change.status = status
    if status in (ChangeStatus.APPROVED, ChangeStatus.REFUSED, ChangeStatus.WITHDRAWN):
        change.decided_at = timezone.now()
        change.decided_by = by if getattr(by, "is_authenticated", False) else None
    change.save(update_fields=["status", "to_person", "decided_at", "decided_by"])


def _sync(caller: ShiftChange, fresh: ShiftChange) -> ShiftChange:
    """The caller's object follows what was saved, so either may be read afterwards."""
    for name in ("status", "to_person", "decided_at", "decided_by"):
        setattr(caller, name, getattr(fresh, name))
    return fresh


def _closed(change: ShiftChange) -> str:
    return _("This change is no longer going: %(status)s.") % {
        "status": str(change.get_status_display()).lower()
    }


def _assignment(person: Person, shift: Shift) -> Assignment | None:
    return Assignment.objects.filter(
        person=person, shift=shift, status=AssignmentStatus.CONFIRMED
    ).first()


def _going_from(person: Person, shift: Shift) -> ShiftChange | None:
    """A change going in which this person gives this shift away (or swaps it)."""
    return (
        ShiftChange.objects.filter(status__in=CHANGE_ACTIVE)
        .filter(
            Q(from_person=person, shift=shift) | Q(to_person=person, swap_shift=shift),
        )
        .first()
    )


def _own_coming_shift(person: Person, shift: Shift) -> None:
    if shift.start <= timezone.now():
        raise ChangeError(_("This shift has already started."), code="started")
    if shift.roster.status != RosterStatus.PUBLISHED:
        raise ChangeError(_("This shift is not in a published roster."), code="not_published")
    if _assignment(person, shift) is None:
        raise ChangeError(_("You are not on this shift."), code="not_yours")
    if _going_from(person, shift) is not None:
        raise ChangeError(
            _(
                "This shift is already part of a change that is going: withdraw or answer "
                "that first."
            ),
            code="already_offered",
        )


def give_away(person: Person, shift: Shift) -> ShiftChange:
    """Offer one's own shift: it stays theirs until someone takes it (and it is approved)."""
    with transaction.atomic():
        _lock([person], [shift])
        shift = _fresh_shift(shift.pk)
        _own_coming_shift(person, shift)
        return ShiftChange.objects.create(
            kind=ChangeKind.GIVE_AWAY, status=ChangeStatus.OPEN, shift=shift, from_person=person
        )


def take(person: Person, change_or_shift) -> ShiftChange:
    """Take a shift someone gave away (a ShiftChange) or an open shift (a Shift with a gap)."""
    if isinstance(change_or_shift, ShiftChange):
        return _sync(change_or_shift, _take_given(person, change_or_shift))
    with transaction.atomic():
        _lock([person], [change_or_shift])
        shift = _fresh_shift(change_or_shift.pk)
        problem = _problem(_Facts(person), shift)
        if problem:
            raise ChangeError(problem)
        change = ShiftChange.objects.create(
            kind=ChangeKind.TAKE, status=ChangeStatus.PENDING, shift=shift, to_person=person
        )
        return _approve_if_automatic(change)


def _take_given(person: Person, change: ShiftChange) -> ShiftChange:
    with transaction.atomic():
        change = _locked(change, person)
        if change.kind != ChangeKind.GIVE_AWAY:
            raise ChangeError(_("This shift was not given away."), code="not_offered")
        if change.status != ChangeStatus.OPEN:
            if change.to_person_id == person.pk:
                raise ChangeError(_("You already took this shift."), code="already_taken")
            raise ChangeError(_("Someone else took this shift already."), code="taken")
        if change.from_person_id == person.pk:
            raise ChangeError(_("This is your own shift."), code="own")
        shift = _fresh_shift(change.shift_id)
        problem = _problem(_Facts(person), shift, replacing=change.from_person)
        if problem:
            raise ChangeError(problem)
        change.to_person = person
        _set_status(change, ChangeStatus.PENDING)
        return _approve_if_automatic(change)


def propose_swap(person: Person, shift: Shift, other: Person, other_shift: Shift) -> ShiftChange:
    """Propose to `other`: they take `shift` (this person's), this person takes `other_shift`
    (theirs). The colleague answers; then approval as for any change."""
    with transaction.atomic():
        _lock([person, other], [shift, other_shift])
        shift, other_shift = _fresh_shift(shift.pk), _fresh_shift(other_shift.pk)
        _own_coming_shift(person, shift)
        if other.pk == person.pk or _assignment(other, other_shift) is None:
            raise ChangeError(
                _("%(name)s is no longer on that shift.") % {"name": other.name},
                code="not_theirs",
            )
        if other.user_id is None:
            raise ChangeError(
                _("%(name)s cannot answer here: ask the coordinator.") % {"name": other.name},
                code="no_login",
            )
        _check_swap(person, shift, other, other_shift)
        change = ShiftChange.objects.create(
            kind=ChangeKind.SWAP,
            status=ChangeStatus.OPEN,
            shift=shift,
            from_person=person,
            to_person=other,
            swap_shift=other_shift,
        )
        _mail_swap_proposed(change)
        return change


def _check_swap(
    person: Person,
    shift: Shift,
    other: Person,
    other_shift: Shift,
    ignore: ShiftChange | None = None,
) -> None:
    """`person` gives `shift` to `other` and takes `other_shift` from them."""
    problem = _problem(
        _Facts(person), other_shift, replacing=other, instead_of=shift, ignore=ignore
    ) or _problem(_Facts(other), shift, replacing=person, instead_of=other_shift, ignore=ignore)
    if problem:
        raise ChangeError(problem, code="rules")


def answer_swap(person: Person, change: ShiftChange, *, accept: bool) -> ShiftChange:
    """The colleague's yes or no to a swap proposed to them."""
    return _sync(change, _answer_swap(person, change, accept=accept))


def _answer_swap(person: Person, change: ShiftChange, *, accept: bool) -> ShiftChange:
    with transaction.atomic():
        change = _locked(change)
        if change.kind != ChangeKind.SWAP or change.to_person_id != person.pk:
            raise ChangeError(_("This swap was not proposed to you."), code="not_yours")
        if change.status != ChangeStatus.OPEN:
            raise ChangeError(_closed(change), code="closed")
        if not accept:
            _set_status(change, ChangeStatus.REFUSED, by=person.user)
            _mail_swap_answered(change)
            return change
        _check_swap(
            change.from_person,
            _fresh_shift(change.shift_id),
            person,
            _fresh_shift(change.swap_shift_id),
            ignore=change,
        )
        _set_status(change, ChangeStatus.PENDING)
        change = _approve_if_automatic(change)
        if change.status == ChangeStatus.PENDING:
            _mail_swap_answered(change)
        return change


def withdraw(person: Person, change: ShiftChange) -> ShiftChange:
    """Withdraw one's own offer or request. The taker of a given-away shift who withdraws opens
    it for others again; a swap proposed to someone is answered with no, not withdrawn."""
    return _sync(change, _withdraw(person, change))


def _withdraw(person: Person, change: ShiftChange) -> ShiftChange:
    with transaction.atomic():
        change = _locked(change)
        if person.pk not in (change.from_person_id, change.to_person_id):
            raise ChangeError(_("This is not your change."), code="not_yours")
        if change.status not in CHANGE_ACTIVE:
            raise ChangeError(_closed(change), code="closed")
        if change.kind == ChangeKind.GIVE_AWAY and change.to_person_id == person.pk:
            change.to_person = None
            _set_status(change, ChangeStatus.OPEN)
            return change
        if (
            change.kind == ChangeKind.SWAP
            and change.to_person_id == person.pk
            and change.status == ChangeStatus.OPEN
        ):
            raise ChangeError(
                _("This swap was proposed to you: say yes or no to it."), code="answer"
            )
        _set_status(change, ChangeStatus.WITHDRAWN, by=person.user)
        return change


def decide(change: ShiftChange, *, approve: bool, by) -> ShiftChange:
    """The coordinator's approval or refusal. Approval checks the rules again, as they are
    now, and refuses with ChangeError when they no longer hold (the change stays pending).
    Both people get a mail."""
    return _sync(change, _decide(change, approve=approve, by=by))


def _decide(change: ShiftChange, *, approve: bool, by) -> ShiftChange:
    with transaction.atomic():
        change = _locked(change)
        if change.status != ChangeStatus.PENDING:
            if change.status == ChangeStatus.OPEN:
                raise ChangeError(
                    _("Nobody has said yes to this change yet: there is nothing to decide."),
                    code="open",
                )
            raise ChangeError(_closed(change), code="closed")
        if approve:
            _apply(change, by=by)
        else:
            _set_status(change, ChangeStatus.REFUSED, by=by)
        _mail_decided(change)
        return change


def _approve_if_automatic(change: ShiftChange) -> ShiftChange:
    if approval(change.shift.roster.municipality_id) == Approval.AUTOMATIC:
        _apply(change, by=None)
        _mail_decided(change)
    return change


def _apply(change: ShiftChange, *, by) -> None:
    """Check the rules again and move the assignments. The caller holds the locks."""
    shift = _fresh_shift(change.shift_id)
    taker, giver = change.to_person, change.from_person
    if change.kind == ChangeKind.TAKE:
        problem = _problem(_Facts(taker), shift, ignore=change)
        if problem:
            raise ChangeError(problem, code="rules")
        Assignment.objects.create(shift=shift, person=taker, source=Source.TAKEN)
    elif change.kind == ChangeKind.GIVE_AWAY:
        problem = _problem(_Facts(taker), shift, replacing=giver, ignore=change)
        if problem:
            raise ChangeError(problem, code="rules")
        _move(giver, shift, taker, Source.TAKEN, change)
    else:
        other_shift = _fresh_shift(change.swap_shift_id)
        _check_swap(giver, shift, taker, other_shift, ignore=change)
        _move(giver, shift, taker, Source.SWAP, change)
        _move(taker, other_shift, giver, Source.SWAP, change)
    _set_status(change, ChangeStatus.APPROVED, by=by)


def _move(person: Person, shift: Shift, to: Person, source: str, change: ShiftChange) -> None:
    Assignment.objects.filter(person=person, shift=shift, status=AssignmentStatus.CONFIRMED).update(
        person=to, source=source, created_at=timezone.now()
    )
    # Their other offers of this shift can no longer be kept: it is not theirs any more.
    ShiftChange.objects.filter(status__in=CHANGE_ACTIVE).exclude(pk=change.pk).filter(
        Q(from_person=person, shift=shift) | Q(to_person=person, swap_shift=shift)
    ).update(status=ChangeStatus.WITHDRAWN, decided_at=timezone.now())


def answer_ask(person: Person, shift: Shift, *, accept: bool) -> Assignment | None:
    """Yes or no to a shift the repair asked this person to take. Yes confirms the assignment
    (the rules are checked again); no removes it, and the roster is repaired without them for
    that shift (someone else may be asked), any gap that stays is shown to the coordinator."""
    with transaction.atomic():
        _lock([person], [shift])
        shift = _fresh_shift(shift.pk)
        asked = Assignment.objects.filter(
            person=person, shift=shift, status=AssignmentStatus.ASKED
        ).first()
        if asked is None:
            if _assignment(person, shift) is not None:
                raise ChangeError(_("You already said yes to this shift."), code="answered")
            raise ChangeError(
                _("There is no question for you about this shift any more."), code="not_asked"
            )
        if shift.start <= timezone.now():
            raise ChangeError(_("This shift has already started."), code="started")
        if not accept:
            asked.delete()
            transaction.on_commit(lambda: repair.repair(shift.roster, exclude=[(shift, person)]))
            return None
        facts = _Facts(person)
        facts.asked.discard(shift.pk)
        problem = _problem(facts, shift)
        if problem:
            raise ChangeError(problem)
        asked.status = AssignmentStatus.CONFIRMED
        asked.save(update_fields=["status"])
        return asked


# Mails ---------------------------------------------------------------------------------------


def _describe(shift: Shift) -> str:
    return _("%(day)s from %(start)s to %(end)s at %(place)s") % {
        "day": _day(shift.start),
        "start": _clock(shift.start),
        "end": _clock(shift.end),
        "place": shift.place.name,
    }


def _mail(person: Person | None, subject: str, lines: list[str]) -> None:
    """A short plain-text mail, sent once the change is saved; a failing mail server never
    undoes a change. In the site's language: people have no language of their own yet."""
    if person is None or not person.email:
        return
    link = settings.NAOBER_LINK_BASE.rstrip("/") + reverse("rosters:mine")
    body = "\n\n".join(
        [
            _("Hello %(name)s,") % {"name": first_name(person)},
            *lines,
            _("Your shifts: %(link)s") % {"link": link},
        ]
    )
    address = person.email
    transaction.on_commit(
        lambda: send_mail(subject, body + "\n", None, [address], fail_silently=True)
    )


def _mail_swap_proposed(change: ShiftChange) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        who = first_name(change.from_person)
        _mail(
            change.to_person,
            _("%(name)s asks to swap shifts with you") % {"name": who},
            [
                _(
                    "%(name)s would like to swap: you take %(theirs)s, and %(name)s takes "
                    "yours, %(yours)s."
                )
                % {
                    "name": who,
                    "theirs": _describe(change.shift),
                    "yours": _describe(change.swap_shift),
                },
                _("Say yes or no on your shifts page."),
            ],
        )


def _mail_swap_answered(change: ShiftChange) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        who = first_name(change.to_person)
        if change.status == ChangeStatus.REFUSED:
            subject = _("%(name)s said no to your swap") % {"name": who}
            line = _("You keep your shift: %(shift)s.") % {"shift": _describe(change.shift)}
        else:
            subject = _("%(name)s said yes to your swap") % {"name": who}
            line = _("The swap is waiting for approval.")
        _mail(change.from_person, subject, [line])


def _mail_decided(change: ShiftChange) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        approved = change.status == ChangeStatus.APPROVED
        if change.kind == ChangeKind.SWAP:
            what = _("The swap of %(first)s and %(second)s") % {
                "first": _describe(change.shift),
                "second": _describe(change.swap_shift),
            }
        else:
            what = _("The shift of %(shift)s") % {"shift": _describe(change.shift)}
        if approved:
            subject = _("Shift change approved")
            line = _("%(what)s is approved: your shifts page shows your roster as it now is.")
        else:
            subject = _("Shift change refused")
            line = _("%(what)s is refused: everyone keeps the shifts they had.")
        for person in (change.from_person, change.to_person):
            _mail(person, subject, [line % {"what": what}])
