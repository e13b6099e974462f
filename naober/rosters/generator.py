"""Benchmark instances with a planted roster: a quarter of openings, people and shares for which
a roster with no hard violation is known to exist. No Django here.

The flow, for `generate(size, seed)`:

1. Places in villages clustered by municipality in the north of the Netherlands (RD New metres;
   a cluster's places lie within 5 km of its centre, clusters lie 15 to 80 km apart, so some
   pairs of places are further apart than `max_distance_m`).
2. Openings over 2027-01-01..2027-03-31: each place opens on a few weekday mornings,
   afternoons or evenings (public holidays closed) and some hold a monthly village day; each
   opening needs 1 to 3 people, some skills, and sometimes an organisation's promised presence.
3. People (organisation staff and volunteers) with a home cluster, a few skills, weekly and
   monthly caps and a habit of weekdays; then the roster is planted: openings in time order,
   each filled by people of its cluster (else of another) who are free, under their caps, and
   preferably regulars of that slot and of an organisation still short of its aim. A need no
   free person has the skill for gives the skill to one; when nobody at all is free, a new
   person is taken on; no one gets a shift that would break a hard rule.
4. From the planted roster: availability (each person's habit plus every window they work in),
   absences (only where they have no shift), shares (what the planted roster gives each
   organisation, to a hundredth of a percent, so the planted roster meets them) and preferred
   places (where they work most).
5. Noise: extra availability for some people, and people who are in no planted shift.

The same size and seed always give the same instance and roster.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from .solver import (
    SKILLS,
    Absence,
    Assignment,
    Instance,
    Opening,
    Person,
    Place,
    Share,
    Window,
)


@dataclass(frozen=True)
class Size:
    places: int
    clusters: int
    openings: int  # about
    people: int  # about, including the ones in no planted shift


SIZES = {
    "S": Size(places=5, clusters=2, openings=185, people=30),
    "M": Size(places=20, clusters=4, openings=730, people=95),
    "L": Size(places=50, clusters=10, openings=1400, people=175),
}

QUARTER_START = date(2027, 1, 1)
QUARTER_END = date(2027, 3, 31)
# New Year's Day and Easter Monday 2027: every place is closed.
HOLIDAYS = frozenset({date(2027, 1, 1), date(2027, 3, 29)})
MAX_DISTANCE_M = 15_000.0

# Parts of the day: the opening's hours and the availability window that covers them.
PARTS = {
    "morning": ((time(9, 30), time(12, 0)), (time(9, 0), time(12, 30))),
    "afternoon": ((time(13, 30), time(16, 0)), (time(12, 30), time(17, 0))),
    "evening": ((time(19, 0), time(21, 30)), (time(18, 30), time(22, 0))),
}
# The monthly village day, on the first given weekday of the month: morning and afternoon.
VILLAGE_DAY = (time(10, 0), time(15, 0))

# Municipalities of the north: (name, RD x, RD y, villages).
CLUSTERS = (
    ("Borger-Odoorn", 253_000, 548_000, ("Nieuw-Buinen", "Borger", "Exloo", "Valthermond", "Odoorn")),
    ("Steenwijkerland", 203_000, 524_000, ("Steenwijk", "Giethoorn", "Vollenhove", "Oldemarkt", "Blokzijl")),
    ("Leeuwarden", 182_000, 579_000, ("Stiens", "Grou", "Wirdum", "Jirnsum", "Goutum")),
    ("Emmen", 258_000, 530_000, ("Klazienaveen", "Emmer-Compascuum", "Nieuw-Amsterdam", "Schoonebeek", "Erica")),
    ("Assen", 233_000, 557_000, ("Assen-Oost", "Pittelo", "Kloosterveen", "Marsdijk", "Loon")),
    ("Smallingerland", 199_000, 573_000, ("Drachten", "Opeinde", "Boornbergum", "Oudega", "Rottevalle")),
    ("Súdwest-Fryslân", 167_000, 565_000, ("Sneek", "IJlst", "Workum", "Bolsward", "Makkum")),
    ("Heerenveen", 188_000, 551_000, ("Heerenveen", "Akkrum", "Oranjewoud", "Jubbega", "Tjalleberd")),
    ("Westerkwartier", 213_000, 585_000, ("Zuidhorn", "Leek", "Grootegast", "Marum", "Aduard")),
    ("Hoogeveen", 234_000, 527_000, ("Hoogeveen", "Hollandscheveld", "Elim", "Pesse", "Tiendeveen")),
)  # fmt: skip
CLUSTER_RADIUS_M = 5_000.0

# Six partners and the share of all person-shifts each aims at; volunteers do the rest.
ORGANISATIONS = {
    "welfare": ("Welzijnswerk Noord", 0.20),
    "municipality": ("Gemeente", 0.10),
    "lefier": ("Lefier", 0.10),
    "domesta": ("Domesta", 0.08),
    "library": ("Bibliotheek", 0.07),
    "police": ("Politie", 0.05),
}
# Which skills staff of an organisation (None: volunteers) tend to have.
SKILL_BIAS = {
    "welfare": ("hosting", "wmo", "money"),
    "municipality": ("wmo", "money"),
    "lefier": ("hosting", "money"),
    "domesta": ("hosting", "money"),
    "library": ("computer", "language"),
    "police": ("first_aid",),
    None: ("hosting", "cooking", "computer", "language", "first_aid"),
}
FIRST_NAMES = (
    "Anke Bram Carla Dirk Eline Freek Greetje Hidde Ilse Jan Klaas Lies Marten Nienke Oene "
    "Pieter Roelie Sjoerd Tineke Ubbo Vera Wim Yvonne Zwaan Albert Baukje Cor Durk Enne Fokje "
    "Geert Hilje Jelle Kees Lammert Mieke Nynke Otto Rinske Sietske Tjeerd Wietske"
).split()
LAST_NAMES = (
    "de Vries|Bakker|Hoekstra|Dijkstra|Visser|Jansen|Postma|Mulder|van der Meer|Bosma|Kuipers|"
    "Hofstra|Boersma|Wiersma|Smit|Schuurman|Zwart|Veenstra|Kramer|Brouwer"
).split("|")


@dataclass
class _Draft:
    """A person while the roster is planted: what is known before, and what the roster adds."""

    id: str
    name: str
    organisation: str | None
    cluster: int
    skills: set[str]
    habit: set[tuple[int, str]]  # (weekday, part) they would usually be free
    max_per_week: int
    max_per_month: int
    home: tuple[float, float]
    shifts: list[Opening] = field(default_factory=list)
    parts: set[tuple[int, str]] = field(default_factory=set)  # (weekday, part) worked
    per_week: Counter = field(default_factory=Counter)
    per_month: Counter = field(default_factory=Counter)
    regular: Counter = field(default_factory=Counter)  # (place, weekday, part) -> shifts


def generate(size: str, seed: int) -> tuple[Instance, list[Assignment]]:
    """An instance of the given size ("S", "M" or "L") and a roster for it with no hard
    violation; the same for the same size and seed."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, not {size!r}")
    spec = SIZES[size]
    rng = random.Random(f"naober-rosters-{size}-{seed}")
    places, cluster_of = _places(rng, spec)
    openings, parts_of = _openings(rng, spec, places)
    demand = Counter()
    for opening in openings:
        demand[cluster_of[opening.place]] += opening.people
    drafts = _people(rng, round(spec.people * 0.88), spec.clusters, demand, places, cluster_of)
    assignments = _Planter(rng, openings, parts_of, drafts, cluster_of, places).plant(openings)
    extra = [
        _extra_person(rng, index, spec.clusters, places, cluster_of)
        for index in range(len(drafts), max(len(drafts) + 2, spec.people))
    ]
    people = [_person(rng, draft) for draft in drafts] + extra
    shares = _shares(openings, assignments, {d.id: d.organisation for d in drafts})
    instance = Instance(
        places=places,
        people=people,
        openings=openings,
        shares=shares,
        max_distance_m=MAX_DISTANCE_M,
        organisations={key: name for key, (name, _) in ORGANISATIONS.items()},
        name=f"generated {size}, seed {seed}",
    )
    return instance, assignments


def _places(rng: random.Random, spec: Size) -> tuple[list[Place], dict[str, int]]:
    counts = [spec.places // spec.clusters] * spec.clusters
    for index in range(spec.places % spec.clusters):
        counts[index] += 1
    places, cluster_of = [], {}
    for cluster, count in enumerate(counts):
        _, cx, cy, villages = CLUSTERS[cluster]
        for village in villages[:count]:
            # Uniform in a disc, so any two places of one cluster are within 10 km.
            angle = rng.uniform(0, 2 * math.pi)
            radius = CLUSTER_RADIUS_M * math.sqrt(rng.random())
            place = Place(
                id=f"place-{len(places) + 1:02d}",
                name=village,
                x=round(cx + radius * math.cos(angle)),
                y=round(cy + radius * math.sin(angle)),
            )
            places.append(place)
            cluster_of[place.id] = cluster
    return places, cluster_of


def _days() -> list[date]:
    days, day = [], QUARTER_START
    while day <= QUARTER_END:
        if day not in HOLIDAYS:
            days.append(day)
        day += timedelta(days=1)
    return days


def _openings(
    rng: random.Random, spec: Size, places: list[Place]
) -> tuple[list[Opening], dict[str, tuple[str, ...]]]:
    """The quarter's openings and, for each, the parts of the day it takes."""
    days = _days()
    weeks = sum(1 for day in days if day.weekday() == 0) or 1
    village_places = [place for place in places if rng.random() < 0.6]
    # Weekly slots in all, so that slots x weeks + village days comes near the target.
    slots = max(len(places), round((spec.openings - 3 * len(village_places)) / weeks))
    per_place = [1] * len(places)
    for _ in range(slots - len(places)):
        per_place[rng.randrange(len(places))] += 1
    organisations = sorted(ORGANISATIONS)
    # Promised presence follows the shares: the police is promised less often than welfare.
    weights = [ORGANISATIONS[key][1] for key in organisations]
    openings, parts_of = [], {}
    for place, count in zip(places, per_place, strict=True):
        pattern = set()
        while len(pattern) < min(count, 15):
            part = rng.choices(("morning", "afternoon", "evening"), (6, 3, 1))[0]
            pattern.add((rng.randrange(5), part))
        place_skill = rng.choice(SKILLS[1:])
        slot_needs = {}
        for weekday, part in sorted(pattern):
            people = rng.choices((1, 2, 3), (55, 35, 10))[0]
            skills = {"hosting": 1} if rng.random() < 0.8 else {}
            if rng.random() < 0.4:
                skill = place_skill if rng.random() < 0.7 else rng.choice(SKILLS[1:])
                if sum(skills.values()) < people:
                    skills[skill] = 1
            promised = (rng.choices(organisations, weights)[0],) if rng.random() < 0.15 else ()
            slot_needs[weekday, part] = (people, skills, promised)
        for day in days:
            for (weekday, part), (people, skills, promised) in sorted(slot_needs.items()):
                if day.weekday() != weekday:
                    continue
                start, end = PARTS[part][0]
                opening = Opening(
                    id=f"{place.id}-{day:%Y%m%d}-{part}",
                    place=place.id,
                    start=datetime.combine(day, start),
                    end=datetime.combine(day, end),
                    people=people,
                    skills=dict(skills),
                    organisations=promised,
                )
                openings.append(opening)
                parts_of[opening.id] = (part,)
        if place in village_places:
            weekday = rng.randrange(5)
            promised = tuple(sorted({"municipality", rng.choices(organisations, weights)[0]}))
            for month in (1, 2, 3):
                day = date(2027, month, 1)
                while day.weekday() != weekday or day in HOLIDAYS:
                    day += timedelta(days=1)
                opening = Opening(
                    id=f"{place.id}-{day:%Y%m%d}-village-day",
                    place=place.id,
                    start=datetime.combine(day, VILLAGE_DAY[0]),
                    end=datetime.combine(day, VILLAGE_DAY[1]),
                    people=3,
                    skills={"wmo": 1, "money": 1},
                    organisations=promised,
                )
                openings.append(opening)
                parts_of[opening.id] = ("morning", "afternoon")
    openings.sort(key=lambda opening: (opening.start, opening.place, opening.id))
    return openings, parts_of


def _people(
    rng: random.Random,
    count: int,
    clusters: int,
    demand: Counter,
    places: list[Place],
    cluster_of: dict[str, int],
) -> list[_Draft]:
    """People before the roster, spread over the clusters by the work there: in each cluster
    someone of every organisation first (promised presence needs them), then by shares."""
    total = sum(demand.values())
    per_cluster = [
        max(len(ORGANISATIONS) + 1, round(count * demand[c] / total)) for c in range(clusters)
    ]
    weights = [share for _, share in ORGANISATIONS.values()]
    kinds: list[str | None] = [*ORGANISATIONS, None]
    drafts = []
    for cluster in range(clusters):
        cluster_places = [p for p in places if cluster_of[p.id] == cluster]
        for index in range(per_cluster[cluster]):
            if index < len(kinds):
                organisation = kinds[index]
            else:
                # About 40 % of the work is for volunteers: as many volunteers as staff.
                organisation = rng.choices(kinds, [*weights, sum(weights) * 0.75])[0]
            drafts.append(_draft(rng, len(drafts), organisation, cluster, cluster_places))
    return drafts


def _draft(
    rng: random.Random, index: int, organisation: str | None, cluster: int, places: list[Place]
) -> _Draft:
    bias = SKILL_BIAS[organisation]
    skills = set(rng.sample(bias, min(len(bias), rng.choice((1, 2, 2, 3)))))
    if rng.random() < 0.5:
        skills.add("hosting")
    habit = set()
    while len(habit) < rng.choice((3, 4, 5, 6)):
        habit.add(
            (rng.randrange(5), rng.choices(("morning", "afternoon", "evening"), (5, 3, 1))[0])
        )
    week = rng.choices((1, 2, 3), (15, 50, 35))[0]
    month = max(week + 1, rng.choice((5, 6, 6, 8, 10)))
    home = rng.choice(places)
    return _Draft(
        id=f"person-{index + 1:03d}",
        name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        organisation=organisation,
        cluster=cluster,
        skills=skills,
        habit=habit,
        max_per_week=week,
        max_per_month=month,
        home=(home.x + rng.uniform(-800, 800), home.y + rng.uniform(-800, 800)),
    )


class _Planter:
    """Fills every opening, in time order, with people for whom it breaks no hard rule."""

    def __init__(self, rng, openings, parts_of, drafts, cluster_of, places):
        self.rng = rng
        self.parts_of = parts_of
        self.drafts = drafts
        self.cluster_of = cluster_of
        self.places = places
        self.place_xy = {place.id: (place.x, place.y) for place in places}
        total = sum(opening.people for opening in openings)
        self.quota = {key: round(share * total) for key, (_, share) in ORGANISATIONS.items()}
        self.load = Counter()  # person-shifts per organisation so far
        self.assignments: list[Assignment] = []

    def plant(self, openings: list[Opening]) -> list[Assignment]:
        for opening in openings:
            self.fill(opening)
        return self.assignments

    def fill(self, opening: Opening) -> None:
        chosen: list[_Draft] = []
        for organisation in opening.organisations:
            if not any(d.organisation == organisation for d in chosen):
                # Someone of the organisation who also brings a skill asked for, if anyone.
                wanted = set(opening.skills)
                member = self.best(
                    opening,
                    chosen,
                    lambda d, o=organisation, w=wanted: d.organisation == o and d.skills & w,
                )
                chosen.append(
                    member
                    or self.best(opening, chosen, lambda d, o=organisation: d.organisation == o)
                    or self.hire(opening, organisation)
                )
        for skill, needed in sorted(opening.skills.items()):
            while sum(skill in d.skills for d in chosen) < needed:
                if len(chosen) >= opening.people:
                    # Promised organisations took every seat: one of them learns the skill.
                    next(d for d in chosen if skill not in d.skills).skills.add(skill)
                    continue
                draft = self.best(opening, chosen, lambda d, s=skill: s in d.skills)
                if draft is None:
                    # Nobody free has the skill: teach it to someone who is (a planted fact).
                    draft = self.best(opening, chosen, lambda d: True) or self.hire(opening, None)
                    draft.skills.add(skill)
                chosen.append(draft)
        while len(chosen) < opening.people:
            chosen.append(self.best(opening, chosen, lambda d: True) or self.hire(opening, None))
        day = opening.start.date()
        for draft in chosen:
            draft.shifts.append(opening)
            draft.per_week[_week(day)] += 1
            draft.per_month[day.month] += 1
            draft.regular[(opening.place, *self.slot(opening))] += 1
            for part in self.parts_of[opening.id]:
                draft.parts.add((day.weekday(), part))
            if draft.organisation:
                self.load[draft.organisation] += 1
            self.assignments.append(Assignment(opening=opening.id, person=draft.id))

    def best(self, opening: Opening, chosen: list[_Draft], wanted) -> _Draft | None:
        """The best free person who is wanted: of the opening's cluster first, else anyone."""
        cluster = self.cluster_of[opening.place]
        for pool in (
            [d for d in self.drafts if d.cluster == cluster],
            [d for d in self.drafts if d.cluster != cluster],
        ):
            candidates = [
                d for d in pool if d not in chosen and wanted(d) and self.free(d, opening)
            ]
            if candidates:
                return min(candidates, key=lambda d: self.rank(d, opening))
        return None

    def hire(self, opening: Opening, organisation: str | None) -> _Draft:
        """A new person in the opening's cluster, when everyone who could take it is full."""
        cluster = self.cluster_of[opening.place]
        places = [p for p in self.places if self.cluster_of[p.id] == cluster]
        draft = _draft(self.rng, len(self.drafts), organisation, cluster, places)
        self.drafts.append(draft)
        return draft

    def free(self, draft: _Draft, opening: Opening) -> bool:
        day = opening.start.date()
        if draft.per_week[_week(day)] >= draft.max_per_week:
            return False
        if draft.per_month[day.month] >= draft.max_per_month:
            return False
        here = self.place_xy[opening.place]
        for other in draft.shifts:
            if other.start < opening.end and opening.start < other.end:
                return False
            if (
                other.start.date() == day
                and _distance(self.place_xy[other.place], here) > MAX_DISTANCE_M
            ):
                return False
        return True

    def slot(self, opening: Opening) -> tuple[int, str]:
        return opening.start.weekday(), self.parts_of[opening.id][0]

    def rank(self, draft: _Draft, opening: Opening) -> tuple:
        weekday, part = self.slot(opening)
        habit = all((weekday, p) in draft.habit for p in self.parts_of[opening.id])
        organisation = draft.organisation
        short = organisation is None or self.load[organisation] < self.quota[organisation]
        # Regulars first (familiar faces), then people whose habit fits, then those whose
        # organisation is short of its share, then the least loaded; ties at random.
        return (
            -min(draft.regular[opening.place, weekday, part], 3),
            not habit,
            not short,
            len(draft.shifts) // 3,
            self.rng.random(),
        )


def _person(rng: random.Random, draft: _Draft) -> Person:
    parts = draft.parts or draft.habit
    # Noise: half of the people are free at a time or two they never work.
    for _ in range(rng.choice((0, 0, 1, 2))):
        parts = parts | {(rng.randrange(5), rng.choice(tuple(PARTS)))}
    worked_days = {shift.start.date() for shift in draft.shifts}
    absences = []
    if rng.random() < 0.3:
        length = rng.randint(4, 14)
        # Only where they have no shift, so the planted roster stays feasible.
        starts = [
            day
            for day in _all_days()
            if all(day + timedelta(days=i) not in worked_days for i in range(length))
            and day + timedelta(days=length - 1) <= QUARTER_END
        ]
        if starts:
            start = rng.choice(starts)
            absences.append(Absence(start, start + timedelta(days=length - 1)))
    places = Counter(shift.place for shift in draft.shifts)
    preferred = (
        frozenset(place for place, _ in places.most_common(2))
        if rng.random() < 0.6
        else frozenset()
    )
    return Person(
        id=draft.id,
        name=draft.name,
        organisation=draft.organisation,
        skills=frozenset(draft.skills),
        availability=_windows(parts),
        absences=tuple(absences),
        max_per_week=draft.max_per_week,
        max_per_month=draft.max_per_month,
        home=(round(draft.home[0]), round(draft.home[1])),
        preferred_places=preferred,
    )


def _extra_person(
    rng: random.Random, index: int, clusters: int, places: list[Place], cluster_of: dict[str, int]
) -> Person:
    """Someone in no planted shift: a new volunteer, or staff with little time."""
    kinds: list[str | None] = [*ORGANISATIONS, None, None, None]
    cluster = rng.randrange(clusters)
    draft = _draft(
        rng, index, rng.choice(kinds), cluster, [p for p in places if cluster_of[p.id] == cluster]
    )
    absences = ()
    if rng.random() < 0.3:
        start = QUARTER_START + timedelta(days=rng.randrange(80))
        absences = (Absence(start, min(QUARTER_END, start + timedelta(days=rng.randint(3, 20)))),)
    return Person(
        id=draft.id,
        name=draft.name,
        organisation=draft.organisation,
        skills=frozenset(draft.skills),
        availability=_windows(draft.habit),
        absences=absences,
        max_per_week=draft.max_per_week,
        max_per_month=draft.max_per_month,
        home=(round(draft.home[0]), round(draft.home[1])),
    )


def _windows(parts: set[tuple[int, str]]) -> tuple[Window, ...]:
    """Weekly windows for (weekday, part) pairs; a morning and afternoon make one window."""
    windows = []
    for weekday in range(7):
        spans = sorted(PARTS[part][1] for day, part in parts if day == weekday)
        merged: list[list[time]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        windows.extend(Window(weekday, start, end) for start, end in merged)
    return tuple(windows)


def _shares(
    openings: list[Opening], assignments: list[Assignment], organisation_of: dict
) -> list[Share]:
    """Each organisation's share as the planted roster gives it, to a hundredth of a percent: near
    enough that the planted roster meets every share to the person-shift."""
    total = sum(opening.people for opening in openings)
    load = Counter(organisation_of[a.person] for a in assignments)
    return [
        Share(organisation=key, share=round(load[key] / total, 4))
        for key in ORGANISATIONS
        if load[key]
    ]


def _all_days() -> list[date]:
    return [
        QUARTER_START + timedelta(days=i) for i in range((QUARTER_END - QUARTER_START).days + 1)
    ]


def _week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])
