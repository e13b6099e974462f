"""The coordinator's roster pages: generate, check, publish, mend, approve.

A network comes from accounts.access.network(user), a roster from rosters.access.rosters(user),
an assignment or a change from the rosters behind it: another network's is simply not there
(404). Every change is a POST answered with 303, so reloading a page never posts it again.

Publishing a roster replaces a published roster of the same network whose period overlaps it:
that one becomes a draft again (kept, and can be published again), so the guide's "who is
present" never reads two rosters for one opening."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from naober.accounts import access
from naober.accounts.decorators import staff_required
from naober.places.models import Organisation, Place
from naober.responses import see_other
from naober.schedules.openings import today

from .. import access as roster_access
from .. import changes as change_rules
from .. import explain, publishing, repair, tasks
from ..constants import AssignmentStatus, ChangeStatus, RosterStatus, Skill
from ..coordinator_forms import AbsenceForm, GenerateForm, RosterFilterForm
from ..models import Absence, Assignment, Person, Roster, Share, Shift, ShiftChange

# The progress page reloads itself this often (no JavaScript needed), unless asked not to.
REFRESH_SECONDS = 3
IN_PROGRESS = (RosterStatus.QUEUED, RosterStatus.SOLVING)
# A roster that can be mended: someone cancelled, or became ill.
MENDABLE = (RosterStatus.DRAFT, RosterStatus.PUBLISHED)

# The admin's lists where a coordinator keeps what the solver works from.
ADMIN_LISTS = [
    ("person", gettext_lazy("People on the roster, their skills and caps")),
    ("availability", gettext_lazy("Availability: when someone can work")),
    ("absence", gettext_lazy("Absences")),
    ("share", gettext_lazy("Agreed shares of the partners")),
    ("staffingneed", gettext_lazy("Staffing needs per place and opening")),
    ("rosterpolicy", gettext_lazy("Roster rules: approval of changes, distance")),
]


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _network(request, slug):
    return get_object_or_404(access.network(request.user), slug=slug)


def _roster(request, pk) -> Roster:
    return get_object_or_404(
        roster_access.rosters(request.user).select_related("municipality"), pk=pk
    )


# Before generating: what will make the roster worse than the coordinator expects.


def warnings(municipality, on: date) -> list[str]:
    """Plain sentences about the network's data that the solver would stumble over."""
    found = []
    people = Person.objects.filter(municipality=municipality, is_active=True)
    if not people.exists():
        found.append(_("Nobody is on this network's roster yet: add people first."))
    idle = list(
        people.filter(availability__isnull=True).order_by("name").values_list("name", flat=True)
    )
    if idle:
        found.append(
            ngettext(
                "%(names)s has no availability yet, so is never put on a shift.",
                "%(names)s have no availability yet, so are never put on a shift.",
                len(idle),
            )
            % {"names": ", ".join(idle)}
        )
    promised = (
        Organisation.objects.filter(
            Q(presence_rules__valid_until__isnull=True) | Q(presence_rules__valid_until__gte=on),
            presence_rules__place__municipality=municipality,
        )
        .exclude(roster_people__in=people)
        .distinct()
        .order_by("name")
    )
    for organisation in promised:
        found.append(
            _(
                "%(organisation)s is promised at openings, but nobody of %(organisation)s is "
                "on the roster: those openings cannot be covered."
            )
            % {"organisation": organisation.name}
        )
    places = list(Place.objects.filter(municipality=municipality).order_by("name"))
    totals = {place.pk: 0 for place in places}
    for share in Share.objects.filter(municipality=municipality).prefetch_related("places"):
        for pk in [place.pk for place in share.places.all()] or list(totals):
            totals[pk] = totals.get(pk, 0) + share.percent
    for place in places:
        if totals[place.pk] > 100:
            found.append(
                _(
                    "The agreed shares at %(place)s add up to %(total)s %%: together they can "
                    "be at most 100 %%."
                )
                % {"place": place.name, "total": totals[place.pk]}
            )
    return found


def _admin_links(user) -> list[tuple[str, str]]:
    """The admin lists this coordinator may open; none when the admin has not got them."""
    if not user.is_staff:
        return []
    links = []
    for model, label in ADMIN_LISTS:
        if not user.has_perm(f"rosters.view_{model}"):
            continue
        try:
            links.append((str(label), reverse(f"admin:rosters_{model}_changelist")))
        except NoReverseMatch:
            continue
    return links


def _pending(municipality):
    return ShiftChange.objects.filter(
        status=ChangeStatus.PENDING,
        shift__roster__municipality=municipality,
        shift__roster__status=RosterStatus.PUBLISHED,
    )


def _rosters_page(request, municipality, form, status=200):
    context = {
        "municipality": municipality,
        "rosters": municipality.rosters.order_by("-start_date", "-created_at"),
        "form": form,
        "warnings": warnings(municipality, today()),
        "admin_links": _admin_links(request.user),
        "pending": _pending(municipality).count(),
        "in_progress": IN_PROGRESS,
    }
    return render(request, "rosters/coordinator_rosters.html", context, status=status)


@staff_required
def rosters(request, slug):
    municipality = _network(request, slug)
    return _rosters_page(request, municipality, GenerateForm(today=today()))


@staff_required
@require_POST
def generate(request, slug):
    municipality = _network(request, slug)
    form = GenerateForm(request.POST, today=today())
    if not form.is_valid():
        return _rosters_page(request, municipality, form, status=400)
    roster = tasks.start_generation(
        municipality,
        form.cleaned_data["start"],
        form.cleaned_data["end"],
        by=request.user,
        seed=form.cleaned_data["seed"],
    )
    return see_other(reverse("rosters:roster", args=[roster.pk]))


# The roster page: progress while it is made, then the roster per place and week.


@dataclass
class Row:
    """One opening of a place as the roster table shows it."""

    shift: Shift
    assignments: list[Assignment]
    confirmed: int
    missing: int
    covered: bool
    reasons: list = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    can_cancel: bool = False


def _mondays(start: date, end: date) -> list[date]:
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def _needs(shift: Shift) -> list[str]:
    labels = dict(Skill.choices)
    needs = [
        ngettext("%(count)s person", "%(count)s people", shift.people) % {"count": shift.people}
    ]
    for code, count in sorted((shift.skills or {}).items()):
        needs.append(
            _("%(skill)s: at least %(count)s") % {"count": count, "skill": labels.get(code, code)}
        )
    return needs


def _rows(roster, shifts, uncovered: dict, now) -> list[Row]:
    rows = []
    mendable = roster.status in MENDABLE
    for shift in shifts:
        assignments = list(shift.assignments.all())
        confirmed = sum(1 for a in assignments if a.status == AssignmentStatus.CONFIRMED)
        missing = max(0, shift.people - confirmed)
        rows.append(
            Row(
                shift=shift,
                assignments=assignments,
                confirmed=confirmed,
                missing=missing,
                covered=missing == 0 and shift.pk not in uncovered,
                reasons=uncovered.get(shift.pk, []),
                needs=_needs(shift),
                can_cancel=mendable and shift.end > now,
            )
        )
    return rows


@staff_required
def roster(request, pk):
    roster = _roster(request, pk)
    if roster.status in IN_PROGRESS:
        auto = request.GET.get("auto") == "1"
        context = {"roster": roster, "auto": auto, "refresh": REFRESH_SECONDS}
        return render(request, "rosters/coordinator_progress.html", context)
    if roster.status == RosterStatus.FAILED:
        return render(request, "rosters/coordinator_roster.html", {"roster": roster})
    return _ready(request, roster)


def _ready(request, roster):
    places = Place.objects.filter(shifts__roster=roster).distinct().order_by("name")
    weeks = _mondays(roster.start_date, roster.end_date)
    first = today()
    this_week = first - timedelta(days=first.weekday())
    default_week = this_week if this_week in weeks else weeks[0]
    asked = RosterFilterForm(request.GET or None, places=places, weeks=weeks)
    place_id, week = "", default_week.isoformat()
    # A place or week not in this roster (an address typed by hand) shows the default instead.
    if asked.is_bound and asked.is_valid():
        place_id = asked.cleaned_data["place"]
        week = asked.cleaned_data["week"] or week
    # The form shows what the page shows, also where the address left something out.
    filters = RosterFilterForm(
        initial={"place": place_id, "week": week}, places=places, weeks=weeks
    )

    shifts = roster.shifts.select_related("place").prefetch_related(
        "organisations",
        Prefetch(
            "assignments",
            Assignment.objects.select_related("person__organisation").order_by("person__name"),
        ),
    )
    if place_id:
        shifts = shifts.filter(place_id=place_id)
    if week != RosterFilterForm.ALL:
        monday = date.fromisoformat(week)
        shifts = shifts.filter(start__date__gte=monday, start__date__lt=monday + timedelta(7))
    shifts = shifts.order_by("place__name", "start")

    gaps = explain.uncovered(roster)
    uncovered = {shift.pk: reasons for shift, reasons in gaps}
    rows = _rows(roster, shifts, uncovered, timezone.now())
    by_place: dict[Place, list[Row]] = {}
    for row in rows:
        by_place.setdefault(row.shift.place, []).append(row)

    replaces = []
    if roster.status == RosterStatus.DRAFT:
        replaces = list(publishing.overlapping_published(roster))
    context = {
        "roster": roster,
        "score_lines": explain.score_lines(roster),
        "gaps": gaps,
        "filters": filters,
        "by_place": list(by_place.items()),
        "week_label": dict(filters.fields["week"].choices).get(week, ""),
        "replaces": replaces,
        "query": urlencode({"place": place_id, "week": week}),
        "place_id": place_id,
        "week": week,
    }
    return render(request, "rosters/coordinator_roster.html", context)


def _roster_url(roster: Roster, request=None, anchor: str = "") -> str:
    """The roster page, at the place and week the coordinator was looking at."""
    url = reverse("rosters:roster", args=[roster.pk])
    if request is not None:
        kept = {key: request.POST.get(key, "") for key in ("place", "week")}
        if any(kept.values()):
            url += "?" + urlencode(kept)
    return url + (f"#{anchor}" if anchor else "")


@staff_required
@require_POST
def publish(request, pk):
    roster = _roster(request, pk)
    try:
        replaced = publishing.publish(roster)
    except publishing.NotADraft:
        roster.refresh_from_db()
        messages.error(
            request,
            _("Only a draft can be published; this roster is: %(status)s.")
            % {"status": roster.get_status_display().lower()},
        )
        return see_other(_roster_url(roster))
    text = _(
        "The roster from %(start)s until %(end)s is published: staff see their shifts and the "
        "guide shows who is present."
    ) % {"start": _day(roster.start_date), "end": _day(roster.end_date)}
    for old in replaced:
        text += " " + _(
            "It replaces the roster from %(start)s until %(end)s, which is a draft again."
        ) % {"start": _day(old.start_date), "end": _day(old.end_date)}
    messages.success(request, text)
    return see_other(_roster_url(roster))


def _outcome(report) -> tuple[str, int]:
    """What a repair did, in words, and the message level to say it with."""
    if report.changes:
        text = ngettext(
            "Repaired with %(count)s change.", "Repaired with %(count)s changes.", report.changes
        ) % {"count": report.changes}
    else:
        text = _("Nothing else on the roster changed.")
    gaps = len(report.gaps)
    if gaps:
        text += " " + ngettext(
            "%(count)s opening still lacks people: see the top of the roster.",
            "%(count)s openings still lack people: see the top of the roster.",
            gaps,
        ) % {"count": gaps}
        return text, messages.WARNING
    return text + " " + _("Every opening is covered."), messages.SUCCESS


@staff_required
@require_POST
def cancel(request, pk):
    assignment = get_object_or_404(
        Assignment.objects.filter(
            shift__roster__in=roster_access.rosters(request.user)
        ).select_related("person", "shift__roster", "shift__place"),
        pk=pk,
    )
    shift, roster = assignment.shift, assignment.shift.roster
    anchor = f"shift-{shift.pk}"
    if roster.status not in MENDABLE:
        messages.error(request, _("This roster is not ready yet: nothing can be cancelled."))
        return see_other(_roster_url(roster, request, anchor))
    if shift.end <= timezone.now():
        messages.error(
            request,
            _("This shift is over: %(name)s cannot be taken off it any more.")
            % {"name": assignment.person.name},
        )
        return see_other(_roster_url(roster, request, anchor))
    name = assignment.person.name
    report = repair.cancel_assignment(assignment, actor=request.user)
    outcome, level = _outcome(report)
    messages.add_message(
        request, level, _("%(name)s is off the shift.") % {"name": name} + " " + outcome
    )
    return see_other(_roster_url(roster, request, anchor))


@staff_required
def absence(request, slug):
    municipality = _network(request, slug)
    data = request.POST if request.method == "POST" else None
    form = AbsenceForm(data, municipality=municipality, today=today())
    if form.is_bound and form.is_valid():
        person = form.cleaned_data["person"]
        start, end = form.cleaned_data["start_date"], form.cleaned_data["end_date"]
        with transaction.atomic():
            made = Absence.objects.create(person=person, start_date=start, end_date=end)
            report = repair.absence_added(made, actor=request.user)
        outcome, level = _outcome(report)
        said = _("%(name)s is away from %(start)s until %(end)s.") % {
            "name": person.name,
            "start": _day(start),
            "end": _day(end),
        }
        messages.add_message(request, level, said + " " + outcome)
        return see_other(_after_absence(municipality, start, end))
    context = {"municipality": municipality, "form": form}
    return render(
        request,
        "rosters/coordinator_absence.html",
        context,
        status=400 if form.is_bound else 200,
    )


def _after_absence(municipality, start: date, end: date) -> str:
    """The published roster the absence fell in, at its first week; else the network's page."""
    published = (
        municipality.rosters.filter(
            status=RosterStatus.PUBLISHED, start_date__lte=end, end_date__gte=start
        )
        .order_by("start_date")
        .first()
    )
    if published is None:
        return reverse("rosters:rosters", args=[municipality.slug])
    first = max(start, published.start_date)
    monday = first - timedelta(days=first.weekday())
    return reverse("rosters:roster", args=[published.pk]) + "?" + urlencode({"week": monday})


@staff_required
def changes(request, slug):
    municipality = _network(request, slug)
    pending = _pending(municipality).select_related(
        "shift__place", "swap_shift__place", "from_person", "to_person"
    )
    context = {"municipality": municipality, "changes": pending.order_by("shift__start")}
    return render(request, "rosters/coordinator_changes.html", context)


DECISIONS = {"approve": True, "refuse": False}


@staff_required
@require_POST
def decide(request, pk):
    change = get_object_or_404(
        ShiftChange.objects.filter(
            shift__roster__in=roster_access.rosters(request.user)
        ).select_related("shift__roster__municipality", "from_person", "to_person"),
        pk=pk,
    )
    back = reverse("rosters:changes", args=[change.shift.roster.municipality.slug])
    decision = request.POST.get("decision")
    if decision not in DECISIONS:
        messages.error(request, _("Nothing was decided: choose “Approve” or “Refuse”."))
        return see_other(back)
    try:
        change_rules.decide(change, approve=DECISIONS[decision], by=request.user)
    except change_rules.ChangeError as error:
        messages.error(
            request,
            _("This change could not be decided: %(reason)s") % {"reason": error.message},
        )
        return see_other(back)
    if DECISIONS[decision]:
        messages.success(request, _("Approved: the roster has changed."))
    else:
        messages.success(request, _("Refused: the roster stays as it was."))
    return see_other(back)
