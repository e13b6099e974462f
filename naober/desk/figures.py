"""The coordinator's figures for the council: visits per place and theme in a quarter, the
sessions of activities held per place with the people signed up and the people who came, and the
referrals made in the network per receiving organisation and status.

Counts only: nothing here reads a referral's question, a sign-up's name or contact details.
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from naober.activities.constants import HOLDING, SignUpStatus
from naober.activities.models import Session, SignUp
from naober.places.constants import ThemeCode
from naober.places.models import Place

from .constants import Status
from .models import Referral, Visit

QUARTER = re.compile(r"^\s*([0-9]{4})-[Qq]([1-4])\s*$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, value: str) -> "Quarter":
        """ "2026-Q4" to Quarter(2026, 4); ValueError for anything else."""
        match = QUARTER.match(value or "")
        if match is None or not 1900 <= int(match[1]) <= 9998:
            raise ValueError(value)
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def containing(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def label(self) -> str:
        return _("Q%(number)d %(year)d") % {"number": self.number, "year": self.year}

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def previous(self) -> "Quarter":
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )


@dataclass(frozen=True)
class Column:
    code: str  # a theme code; "" for visits without a theme
    label: str


@dataclass(frozen=True)
class PlaceRow:
    place: Place
    counts: list[int]  # one per column
    total: int


@dataclass(frozen=True)
class ActivityRow:
    place: Place
    sessions: int
    signed_up: int  # people, not sign-ups
    came: int


@dataclass(frozen=True)
class ActivityTable:
    rows: list[ActivityRow]
    sessions: int
    signed_up: int
    came: int


@dataclass(frozen=True)
class VisitTable:
    columns: list[Column]
    rows: list[PlaceRow]
    totals: list[int]
    total: int


@dataclass(frozen=True)
class OrganisationRow:
    organisation: str
    counts: list[int]  # one per status
    total: int


@dataclass(frozen=True)
class ReferralTable:
    statuses: list[str]  # labels
    rows: list[OrganisationRow]
    totals: list[int]
    total: int


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def visits(places, quarter: Quarter) -> VisitTable:
    """Visits counted (and not undone) per place and theme. Columns: the themes with at least
    one visit in the quarter, in the usual theme order, then visits without a theme."""
    places = list(places)
    counted = Counter(
        {
            (row["place"], row["theme__code"] or ""): row["n"]
            for row in Visit.objects.counted()
            .filter(place__in=places, day__gte=quarter.first_day, day__lt=quarter.next.first_day)
            .values("place", "theme__code")
            .annotate(n=Count("id"))
        }
    )
    seen = {code for _place, code in counted}
    columns = [Column(code, str(label)) for code, label in ThemeCode.choices if code in seen]
    if "" in seen:
        columns.append(Column("", _("No theme")))
    rows = []
    for place in places:
        counts = [counted[(place.pk, column.code)] for column in columns]
        rows.append(PlaceRow(place, counts, sum(counts)))
    totals = [sum(row.counts[i] for row in rows) for i in range(len(columns))]
    return VisitTable(columns, rows, totals, sum(totals))


def activities(places, quarter: Quarter, now: datetime | None = None) -> ActivityTable:
    """Per place, the sessions of its activities held in the quarter (started by now and not
    cancelled), the people signed up for them and the people who came. Counted as the host's
    attendance list counts (activities/attendance.py): everyone with a seat, and someone from the
    waiting list who came anyway. Places without a session held are left out."""
    places = list(places)
    held = Session.objects.filter(
        activity__place__in=places,
        start__gte=_start(quarter.first_day),
        start__lt=_start(quarter.next.first_day),
        start__lte=now or timezone.now(),
        cancel_reason="",
    )
    sessions = Counter(
        {
            row["activity__place"]: row["n"]
            for row in held.values("activity__place").annotate(n=Count("id"))
        }
    )
    counts = Q(status__in=HOLDING) | Q(status=SignUpStatus.WAITLISTED, attended=True)
    people = {
        row["session__activity__place"]: row
        for row in SignUp.objects.filter(counts, session__in=held)
        .values("session__activity__place")
        .annotate(signed_up=Sum("people"), came=Sum("people", filter=Q(attended=True)))
    }
    rows = []
    for place in places:
        if not sessions[place.pk]:
            continue
        found = people.get(place.pk, {})
        rows.append(
            ActivityRow(
                place, sessions[place.pk], found.get("signed_up") or 0, found.get("came") or 0
            )
        )
    return ActivityTable(
        rows,
        sum(row.sessions for row in rows),
        sum(row.signed_up for row in rows),
        sum(row.came for row in rows),
    )


def referrals(municipalities, quarter: Quarter) -> ReferralTable:
    """Referrals recorded at places in these municipalities during the quarter, per receiving
    organisation, by their status now."""
    counted = Counter(
        {
            (row["to_organisation__name"], row["status"]): row["n"]
            for row in Referral.objects.in_network(municipalities)
            .filter(
                created_at__gte=_start(quarter.first_day),
                created_at__lt=_start(quarter.next.first_day),
            )
            .values("to_organisation__name", "status")
            .annotate(n=Count("id"))
        }
    )
    rows = []
    for organisation in sorted({name for name, _status in counted}):
        counts = [counted[(organisation, status)] for status in Status.values]
        rows.append(OrganisationRow(organisation, counts, sum(counts)))
    totals = [sum(row.counts[i] for row in rows) for i in range(len(Status.values))]
    return ReferralTable([str(label) for label in Status.labels], rows, totals, sum(totals))


def for_network(
    municipalities, quarter: Quarter
) -> tuple[VisitTable, ReferralTable, ActivityTable]:
    """The visits, the referrals and the activities of the network's places in the quarter."""
    places = list(
        Place.objects.filter(municipality__in=municipalities).select_related("municipality")
    )
    return (
        visits(places, quarter),
        referrals(municipalities, quarter),
        activities(places, quarter),
    )


def recent_quarters(today: date, count: int = 8) -> list[Quarter]:
    """The current quarter and the ones before it, newest first: the choices on the page."""
    quarters = [Quarter.containing(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous)
    return quarters
