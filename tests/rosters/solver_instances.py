"""Small hand-made solver instances for the solver tests: places a few kilometres apart in
Borger-Odoorn, a week in January 2027 (Monday 4 January), people with weekly windows."""

import random
from datetime import date, datetime, time, timedelta

from naober.rosters.solver import (
    Absence,
    Instance,
    Opening,
    Person,
    Place,
    Share,
    Weights,
    Window,
)

MONDAY = date(2027, 1, 4)
# Nieuw-Buinen and Buinerveen are 4 km apart; Exloo lies 20 km from both.
PLACES = [
    Place("nieuw-buinen", "Buurtkamer Nieuw-Buinen", 250_000, 545_000),
    Place("buinerveen", "Dorpshuis Buinerveen", 253_000, 547_500),
    Place("exloo", "Ons Dorpshuis Exloo", 250_000, 565_000),
]
ORGANISATIONS = {"andes": "Andes", "lefier": "Lefier", "police": "Politie"}
# Only the rule a test is about counts, unless it says otherwise.
NO_SOFT = Weights(shares=0, fairness=0, continuity=0, preferences=0)


def at(day: date, hhmm: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm))


def week(start="09:00", end="12:00", days=range(7)) -> tuple[Window, ...]:
    return tuple(Window(d, time.fromisoformat(start), time.fromisoformat(end)) for d in days)


def person(pid, organisation=None, skills=("hosting",), windows=None, **fields) -> Person:
    return Person(
        id=pid,
        name=pid.title(),
        organisation=organisation,
        skills=frozenset(skills),
        availability=windows if windows is not None else week("08:00", "22:00"),
        max_per_week=fields.pop("max_per_week", 5),
        max_per_month=fields.pop("max_per_month", 20),
        **fields,
    )


def opening(oid, place="nieuw-buinen", day=MONDAY, start="09:00", end="12:00", **fields):
    return Opening(id=oid, place=place, start=at(day, start), end=at(day, end), **fields)


def instance(people, openings, **fields) -> Instance:
    fields.setdefault("weights", NO_SOFT)
    fields.setdefault("organisations", dict(ORGANISATIONS))
    return Instance(places=list(PLACES), people=list(people), openings=list(openings), **fields)


def absent(day: date, last: date | None = None) -> tuple[Absence, ...]:
    return (Absence(day, last or day),)


def network(places=12, weeks=4, people=40, seed=1) -> Instance:
    """A made-up network big enough that the search works in neighbourhoods: places along a
    30 km line, two or three openings a week each, people who live near one of them."""
    rng = random.Random(seed)
    sites = [Place(f"p{i}", f"Place {i}", 240_000 + i * 2_500, 550_000) for i in range(places)]
    slots = [("09:00", "12:00"), ("13:30", "16:30"), ("19:00", "21:00")]
    openings = []
    for site in sites:
        pattern = rng.sample([(d, s) for d in range(5) for s in range(3)], 3)
        for w in range(weeks):
            for d, s in pattern:
                day = MONDAY + timedelta(weeks=w, days=d)
                openings.append(
                    Opening(
                        f"{site.id}-{day:%m%d}-{s}",
                        site.id,
                        at(day, slots[s][0]),
                        at(day, slots[s][1]),
                        people=rng.choice([1, 2]),
                        skills={"hosting": 1} | ({"first_aid": 1} if rng.random() < 0.2 else {}),
                    )
                )
    organisations = {"andes": "Andes", "lefier": "Lefier"}
    crowd = []
    for i in range(people):
        home = rng.randrange(places)
        windows = {(rng.randrange(5), rng.randrange(3)) for _ in range(5)}
        crowd.append(
            Person(
                f"person-{i}",
                f"Person {i}",
                rng.choice([None, "andes", "lefier"]),
                frozenset({"hosting"} | ({"first_aid"} if rng.random() < 0.4 else set())),
                tuple(Window(d, *map(time.fromisoformat, slots[s])) for d, s in sorted(windows)),
                max_per_week=2,
                max_per_month=6,
                home=(sites[home].x, sites[home].y),
                preferred_places=frozenset({sites[home].id}),
            )
        )
    return Instance(
        places=sites,
        people=crowd,
        openings=openings,
        shares=[Share("andes", 0.3), Share("lefier", 0.3)],
        organisations=organisations,
        name="made-up network",
    )
