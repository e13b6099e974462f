"""A roster's score, its gaps and the solver's complaints, in words for the coordinator.

The figures are read from the roster as it is now (shifts and confirmed assignments), so they
stay true after a repair or a swap; the solver's stored score adds only what the rows cannot
tell: whether the roster is proven best, broken hard rules, and why an opening stayed uncovered.
"""

from collections import defaultdict

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from naober.places.models import Organisation, Place

from . import solver
from .constants import AssignmentStatus, RosterStatus, Skill
from .models import Person, Share, Shift
from .repair import shifts_with_people, shortfall


def score_lines(roster) -> list[str]:
    """The score, one sentence per rule: coverage, broken rules, each partner's share, fair
    load among volunteers, continuity, preferences, and whether a better roster may exist."""
    if roster.status in (RosterStatus.QUEUED, RosterStatus.SOLVING):
        return []
    if roster.status == RosterStatus.FAILED:
        return [roster.message or _("The roster could not be generated.")]
    shifts = list(shifts_with_people(roster.shifts.all()))
    confirmed = [
        (shift, a.person)
        for shift in shifts
        for a in shift.assignments.all()
        if a.status == AssignmentStatus.CONFIRMED
    ]
    lines = [_coverage(shifts)]
    lines += _broken(roster.score or {})
    lines += _shares(roster, shifts, confirmed)
    lines += _fairness(roster, confirmed)
    lines += _continuity(confirmed)
    lines += _preferences(roster, confirmed)
    lines += _solver_status(roster)
    lines += warning_lines((roster.score or {}).get("warnings", []))
    return [line for line in lines if line]


def uncovered(roster) -> list[tuple[Shift, list[str]]]:
    """The shifts short of people now, by start, each with what it lacks and (where the solver
    said so) why nobody could be found."""
    stored = {u.get("opening"): u for u in (roster.score or {}).get("uncovered", [])}
    shifts = shifts_with_people(roster.shifts.all()).order_by("start", "place__name", "pk")
    found = []
    names = _names([u for u in stored.values()])
    for shift in shifts:
        lacking = shortfall(shift)
        if not lacking:
            continue
        reasons = [_lacking(item) for item in lacking]
        asked = [
            a.person.name for a in shift.assignments.all() if a.status == AssignmentStatus.ASKED
        ]
        if asked:
            reasons.append(
                ngettext(
                    "Asked, no answer yet: %(names)s.",
                    "Asked, no answer yet: %(names)s.",
                    len(asked),
                )
                % {"names": ", ".join(asked)}
            )
        for reason in stored.get(shift.opening_key, {}).get("reasons", []):
            text = reason_text(reason, names)
            if text not in reasons:
                reasons.append(text)
        found.append((shift, reasons))
    return found


def problem(error: solver.InstanceError) -> str:
    """Why a roster could not be generated, in words that say what to fix."""
    params = error.params
    code = error.code
    if code == "no_people":
        return _(
            "Nobody is on the roster of this network yet: add the people who staff the places "
            "first."
        )
    if code == "no_availability":
        return _(
            "%(person)s has no availability: give at least one weekly time at which they can "
            "work, or take them off the roster."
        ) % {"person": _person_name(params.get("person"))}
    if code == "share_over_100":
        return _(
            "The agreed share of %(organisation)s is %(percent)s %%; a share can be at most 100 %%."
        ) % {
            "organisation": _organisation_name(params.get("organisation")),
            "percent": _percent(params.get("share", 0)),
        }
    if code == "shares_over_100":
        return _(
            "The agreed shares add up to %(percent)s %%; together they can be at most 100 %%. "
            "Lower one of them."
        ) % {"percent": _percent(params.get("total", 0))}
    if code == "unknown_skill":
        return _("The skill “%(skill)s” is not on the list of skills: choose from %(known)s.") % {
            "skill": params.get("skill", ""),
            "known": ", ".join(str(label) for label in Skill.labels),
        }
    if code == "end_before_start":
        if params.get("person"):
            return _("%(person)s has an availability or absence that ends before it starts.") % {
                "person": _person_name(params["person"])
            }
        return _("An opening ends before it starts: check the opening hours of the places.")
    if code == "unknown_organisation":
        return _(
            "An organisation is named that is not part of this network's roster (%(detail)s)."
        ) % {"detail": error}
    if code == "unknown_place":
        return _("A place is named that is not part of this network (%(detail)s).") % {
            "detail": error
        }
    return _("The roster could not be generated: %(detail)s") % {"detail": error}


def no_roster(seconds: int) -> str:
    return ngettext(
        "No roster was found within %(seconds)s second. Try again with more time, or ask for "
        "fewer people per opening.",
        "No roster was found within %(seconds)s seconds. Try again with more time, or ask for "
        "fewer people per opening.",
        seconds,
    ) % {"seconds": seconds}


def warning_lines(warnings: list[dict]) -> list[str]:
    """What the coordinator should know although the roster could be made."""
    lines = []
    for warning in warnings:
        code = warning.get("code")
        if code == "organisation_without_people":
            count = warning.get("openings", 0)
            lines.append(
                ngettext(
                    "%(organisation)s is promised at %(count)s opening, but nobody of theirs is "
                    "on the roster: the roster does not plan them, and the guide shows them as "
                    "promised.",
                    "%(organisation)s is promised at %(count)s openings, but nobody of theirs is "
                    "on the roster: the roster does not plan them, and the guide shows them as "
                    "promised.",
                    count,
                )
                % {"organisation": warning.get("organisation", ""), "count": count}
            )
        elif code == "no_availability":
            lines.append(
                _(
                    "%(person)s has no availability yet and is left out of the roster: add the "
                    "days and hours they can work."
                )
                % {"person": warning.get("person", "")}
            )
        elif code == "share_without_people":
            lines.append(
                _("%(organisation)s has an agreed share, but nobody of theirs is on the roster.")
                % {"organisation": warning.get("organisation", "")}
            )
    return lines


def reason_text(reason: dict, names: dict[str, str] | None = None) -> str:
    """One of the solver's reason codes for an uncovered opening (docs/rosters.md), in words."""
    names = names or {}
    code = reason.get("code")
    count = reason.get("people", 0)
    if code == "no_one_available":
        return _("Nobody is available then: everyone is away, has other hours or said no.")
    if code == "people":
        available, needed = reason.get("available", 0), reason.get("needed", 0)
        return ngettext(
            "Only %(available)s person is available of the %(needed)s needed.",
            "Only %(available)s people are available of the %(needed)s needed.",
            available,
        ) % {"available": available, "needed": needed}
    if code == "skill":
        available = reason.get("available", 0)
        return ngettext(
            "%(available)s available person has the skill %(skill)s.",
            "%(available)s available people have the skill %(skill)s.",
            available,
        ) % {"available": available, "skill": _skill(reason.get("skill", ""))}
    if code == "organisation":
        organisation = reason.get("organisation", "")
        return _("Nobody from %(organisation)s is available.") % {
            "organisation": names.get(organisation, organisation)
        }
    if code == "caps":
        return ngettext(
            "%(count)s person could come but already has as many shifts as agreed.",
            "%(count)s people could come but already have as many shifts as agreed.",
            count,
        ) % {"count": count}
    if code == "busy":
        return ngettext(
            "%(count)s person could come but works elsewhere then, or too far away that day.",
            "%(count)s people could come but work elsewhere then, or too far away that day.",
            count,
        ) % {"count": count}
    if code == "search_stopped":
        return ngettext(
            "%(count)s person is still free: a longer search may fit them in.",
            "%(count)s people are still free: a longer search may fit them in.",
            count,
        ) % {"count": count}
    if code == "kept":
        return _("This opening has started: the roster keeps it as it was.")
    return _("No one could be found (%(code)s).") % {"code": code}


# --- The parts of the score -------------------------------------------------------------------


def _coverage(shifts: list[Shift]) -> str:
    if not shifts:
        return _("There are no openings in this period.")
    short = sum(1 for shift in shifts if shortfall(shift))
    if not short:
        return _("Every opening is covered.")
    return ngettext("%(count)s opening lacks people.", "%(count)s openings lack people.", short) % {
        "count": short
    }


# Hard rules the solver never breaks when a roster exists; coverage is said above.
BROKEN = {
    "availability": gettext_lazy("Someone works outside their availability (%(count)s times)."),
    "absence": gettext_lazy("Someone works while away (%(count)s times)."),
    "excluded": gettext_lazy("Someone works a shift they said no to (%(count)s times)."),
    "overlap": gettext_lazy("Someone works in two places at once (%(count)s times)."),
    "distance": gettext_lazy(
        "Someone works at two places too far apart on one day (%(count)s times)."
    ),
    "max_per_week": gettext_lazy(
        "Someone has more shifts in a week than agreed (%(count)s too many)."
    ),
    "max_per_month": gettext_lazy(
        "Someone has more shifts in a month than agreed (%(count)s too many)."
    ),
}


def _broken(score: dict) -> list[str]:
    hard = score.get("hard", {}) or {}
    return [str(text) % {"count": hard[rule]} for rule, text in BROKEN.items() if hard.get(rule, 0)]


def _shares(roster, shifts: list[Shift], confirmed) -> list[str]:
    lines = []
    shares = (
        Share.objects.filter(municipality_id=roster.municipality_id)
        .select_related("organisation")
        .prefetch_related("places")
        .order_by("organisation__name")
    )
    for share in shares:
        places = {p.pk for p in share.places.all()}
        at = [s for s in shifts if not places or s.place_id in places]
        asked = sum(s.people for s in at)
        if not asked:
            continue
        keys = {s.pk for s in at}
        given = sum(
            1
            for shift, person in confirmed
            if shift.pk in keys and person.organisation_id == share.organisation_id
        )
        target = round(share.percent / 100 * asked)
        values = {
            "organisation": share.organisation.name,
            "given": round(100 * given / asked),
            "agreed": share.percent,
        }
        if given < target:
            values["count"] = target - given
            lines.append(
                ngettext(
                    "%(organisation)s: %(given)s of the %(agreed)s %% agreed (%(count)s shift "
                    "short).",
                    "%(organisation)s: %(given)s of the %(agreed)s %% agreed (%(count)s shifts "
                    "short).",
                    values["count"],
                )
                % values
            )
        elif given > target:
            values["count"] = given - target
            lines.append(
                ngettext(
                    "%(organisation)s: %(given)s of the %(agreed)s %% agreed (%(count)s shift "
                    "more).",
                    "%(organisation)s: %(given)s of the %(agreed)s %% agreed (%(count)s shifts "
                    "more).",
                    values["count"],
                )
                % values
            )
        else:
            lines.append(_("%(organisation)s: %(given)s %% as agreed.") % values)
    return lines


def _fairness(roster, confirmed) -> list[str]:
    volunteers = list(
        Person.objects.filter(
            municipality_id=roster.municipality_id, is_active=True, organisation__isnull=True
        ).values_list("pk", flat=True)
    )
    if len(volunteers) < 2:
        return []
    loads = dict.fromkeys(volunteers, 0)
    for _shift, person in confirmed:
        if person.pk in loads:
            loads[person.pk] += 1
    spread = max(loads.values()) - min(loads.values())
    if not spread:
        return [_("Every volunteer has the same number of shifts.")]
    return [
        ngettext(
            "Volunteers' load differs by at most %(count)s shift.",
            "Volunteers' load differs by at most %(count)s shifts.",
            spread,
        )
        % {"count": spread}
    ]


def _continuity(confirmed) -> list[str]:
    faces = defaultdict(set)
    for shift, person in confirmed:
        faces[shift.place_id].add(person.pk)
    if not faces:
        return []
    average = sum(len(people) for people in faces.values()) / len(faces)
    return [
        _("On average %(average)s different people per place.")
        % {"average": number_format(average, 1)}
    ]


def _preferences(roster, confirmed) -> list[str]:
    """Shifts at a place the person did not choose (their home village's places when they
    chose none), as the solver counts them."""
    people = {person.pk for _shift, person in confirmed}
    if not people:
        return []
    chosen = defaultdict(set)
    for person_pk, place_pk in Person.preferred_places.through.objects.filter(
        person_id__in=people
    ).values_list("person_id", "place_id"):
        chosen[person_pk].add(place_pk)
    villages = defaultdict(set)
    for pk, village in Place.objects.filter(municipality_id=roster.municipality_id).values_list(
        "pk", "village"
    ):
        villages[village.strip().casefold()].add(pk)
    with_wishes, off = 0, 0
    for shift, person in confirmed:
        wishes = chosen.get(person.pk) or villages.get(person.home_village.strip().casefold())
        if not wishes:
            continue
        with_wishes += 1
        off += shift.place_id not in wishes
    if not with_wishes:
        return []
    if not off:
        return [_("Everyone works at the places they prefer.")]
    return [
        ngettext(
            "%(count)s shift is at a place the person did not prefer.",
            "%(count)s shifts are at a place the person did not prefer.",
            off,
        )
        % {"count": off}
    ]


def _solver_status(roster) -> list[str]:
    seconds = roster.time_limit
    if roster.solver_status == solver.FEASIBLE:
        return [
            ngettext(
                "Best roster found within %(seconds)s second; a better one may exist.",
                "Best roster found within %(seconds)s seconds; a better one may exist.",
                seconds,
            )
            % {"seconds": seconds}
        ]
    if roster.solver_status == solver.OPTIMAL:
        return [_("No better roster exists for these rules.")]
    return []


# --- Names ------------------------------------------------------------------------------------


def _lacking(item: dict) -> str:
    code = item["code"]
    if code == "people":
        return ngettext(
            "%(have)s of the %(need)s people needed.",
            "%(have)s of the %(need)s people needed.",
            item["need"],
        ) % {"have": item["have"], "need": item["need"]}
    if code == "skill":
        return _("Nobody with the skill %(skill)s.") % {"skill": _skill(item["skill"])}
    return _("Nobody from %(organisation)s.") % {"organisation": item["organisation"]}


def _names(uncovered: list[dict]) -> dict[str, str]:
    """Solver ids of organisations in the reasons ("o12") -> their names."""
    ids = {
        r["organisation"]
        for u in uncovered
        for r in u.get("reasons", [])
        if r.get("code") == "organisation" and str(r.get("organisation", "")).startswith("o")
    }
    pks = [int(i[1:]) for i in ids if i[1:].isdigit()]
    return (
        {
            f"o{pk}": name
            for pk, name in Organisation.objects.filter(pk__in=pks).values_list("pk", "name")
        }
        if pks
        else {}
    )


def _skill(code: str) -> str:
    return str(Skill(code).label) if code in Skill.values else code


def _percent(fraction) -> str:
    return str(round(float(fraction) * 100))


def _person_name(solver_id) -> str:
    text = str(solver_id or "")
    digits = text.rsplit("-", 1)[-1]
    if text.startswith("person-") and digits.isdigit():
        person = Person.objects.filter(pk=int(digits)).only("name").first()
        if person is not None:
            return person.name
    return text


def _organisation_name(solver_id) -> str:
    text = str(solver_id or "")
    if text.startswith("o") and text[1:].isdigit():
        organisation = Organisation.objects.filter(pk=int(text[1:])).only("name").first()
        if organisation is not None:
            return organisation.name
    return text
