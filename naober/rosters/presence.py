"""Who is present, as the guide shows it: from the published roster where there is one.

An opening covered by a published roster shows the organisations of the people confirmed on it
(and "volunteers" when volunteers are there), instead of what the presence rules promise; a
promised organisation whose person dropped out and was not replaced is no longer shown. An
organisation that staffs no shifts through the roster (nobody of it is on the network's roster,
the police in Nieuw-Buinen say) is still shown as its presence rules promise.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import FilteredRelation, Q

from naober.places.models import Organisation
from naober.schedules.recurrence import AMSTERDAM

from .constants import AssignmentStatus, RosterStatus
from .models import Person, Shift


@dataclass
class Present:
    organisations: list[Organisation] = field(default_factory=list)
    volunteers: int = 0
    # The question themes of those organisations (ThemeCode values).
    themes: list[str] = field(default_factory=list)
    # The organisations with people on the network's roster: only their presence follows it.
    on_roster: frozenset[int] = frozenset()


def rostered(place_ids, start: date, end: date) -> dict[str, Present]:
    """Opening key -> who is present, for the published shifts of these places.

    One query for any number of places: the shifts joined with the people confirmed on them,
    their organisations and those organisations' themes. Where two published rosters hold the
    same opening, the one published last speaks."""
    rows = (
        Shift.objects.filter(
            place_id__in=list(place_ids),
            roster__status=RosterStatus.PUBLISHED,
            start__gte=datetime.combine(start, time.min, AMSTERDAM),
            start__lt=datetime.combine(end + timedelta(days=1), time.min, AMSTERDAM),
        )
        .annotate(
            confirmed=FilteredRelation(
                "assignments", condition=Q(assignments__status=AssignmentStatus.CONFIRMED)
            )
        )
        .order_by("roster__published_at", "roster_id", "confirmed__person_id")
        .values_list(
            "opening_key",
            "roster_id",
            "roster__municipality_id",
            "confirmed__person_id",
            "confirmed__person__organisation_id",
            "confirmed__person__organisation__name",
            "confirmed__person__organisation__kind",
            "confirmed__person__organisation__website",
            "confirmed__person__organisation__themes__code",
        )
    )
    found: dict[str, tuple[int, dict]] = {}
    for key, roster, network, person, org, name, kind, website, theme in rows:
        if key not in found or found[key][0] != roster:
            # A later published roster replaces what an earlier one said about this opening.
            found[key] = (
                roster,
                {"network": network, "people": {}, "organisations": {}, "themes": set()},
            )
        seen = found[key][1]
        if person is None:
            continue
        seen["people"][person] = org
        if org is not None:
            if org not in seen["organisations"]:
                seen["organisations"][org] = Organisation(
                    pk=org, name=name, kind=kind, website=website
                )
            if theme:
                seen["themes"].add(theme)
    staffing = _organisations_on_roster({seen["network"] for _, seen in found.values()})
    return {
        key: Present(
            organisations=sorted(seen["organisations"].values(), key=lambda o: o.name),
            volunteers=sum(1 for org in seen["people"].values() if org is None),
            themes=sorted(seen["themes"]),
            on_roster=staffing.get(seen["network"], frozenset()),
        )
        for key, (_, seen) in found.items()
    }


def _organisations_on_roster(networks: set[int]) -> dict[int, frozenset[int]]:
    """Per network, the organisations with active people on its roster (one query)."""
    if not networks:
        return {}
    pairs = (
        Person.objects.filter(
            municipality_id__in=networks, is_active=True, organisation__isnull=False
        )
        .values_list("municipality_id", "organisation_id")
        .distinct()
    )
    found: dict[int, set[int]] = {}
    for network, organisation in pairs:
        found.setdefault(network, set()).add(organisation)
    return {network: frozenset(orgs) for network, orgs in found.items()}
