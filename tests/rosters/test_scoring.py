"""The independent scorer on small hand-made rosters whose violations are known.

The network: the buurtkamer in Nieuw-Buinen and the one in Borger, 8 km apart, and the
dorpshuis in Steenwijk, 60 km away (further than the 15 km allowed on one day). Anke (Lefier,
hosting) is free on weekday mornings; Bram (volunteer, first aid) on Mondays and Tuesdays all day;
Carla (Andes, WMO questions) on Mondays 9-12 and 12-17 (two windows that join up).
"""

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from naober.rosters import generator, solver
from naober.rosters.scoring import HARD_RULES, SOFT_RULES, score
from naober.rosters.solver import (
    Absence,
    Assignment,
    Instance,
    Opening,
    Person,
    Place,
    Share,
    Weights,
    Window,
)

MONDAY = date(2027, 1, 4)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment on the day'th day after Monday 4 January 2027."""
    return datetime.combine(MONDAY + timedelta(days=day), time(hour, minute))


def opening(id, place="nieuw-buinen", day=0, start=9, end=12, **needs):
    return Opening(id=id, place=place, start=at(day, start), end=at(day, end), **needs)


ANKE = Person(
    "anke",
    "Anke",
    "lefier",
    frozenset({"hosting"}),
    tuple(Window(d, time(9), time(12)) for d in range(5)),
    max_per_week=3,
    max_per_month=10,
)
BRAM = Person(
    "bram",
    "Bram",
    None,
    frozenset({"first_aid"}),
    (Window(0, time(8), time(22)), Window(1, time(8), time(22))),
    max_per_week=5,
    max_per_month=20,
)
CARLA = Person(
    "carla",
    "Carla",
    "andes",
    frozenset({"wmo"}),
    (Window(0, time(9), time(12)), Window(0, time(12), time(17))),
)
PLACES = [
    Place("nieuw-buinen", "Nieuw-Buinen", 257_500, 549_000),
    Place("borger", "Borger", 250_000, 552_000),
    Place("steenwijk", "Steenwijk", 202_500, 524_000),
]


def instance(openings, people=(ANKE, BRAM, CARLA), **fields) -> Instance:
    return Instance(places=PLACES, people=list(people), openings=list(openings), **fields)


def roster(*pairs: str) -> list[Assignment]:
    """roster("o1 anke", "o2 bram") -> assignments."""
    return [Assignment(*pair.split()) for pair in pairs]


def broken(score_) -> dict[str, int]:
    return {rule: count for rule, count in score_.hard.items() if count}


def test_a_valid_roster_breaks_no_hard_rule():
    result = score(
        instance([opening("o1", people=2, skills={"hosting": 1}, organisations=("lefier",))]),
        roster("o1 anke", "o1 bram"),
    )
    assert result.hard_total == 0
    assert set(result.hard) == set(HARD_RULES)
    assert set(result.soft) == set(SOFT_RULES)


def test_missing_people_are_counted_per_person():
    result = score(instance([opening("o1", people=3), opening("o2", day=1)]), roster("o1 anke"))
    assert broken(result) == {"coverage": 3}


def test_more_people_than_an_opening_needs():
    result = score(instance([opening("o1", people=1)]), roster("o1 anke", "o1 bram"))
    assert broken(result) == {"too_many": 1}


def test_a_missing_skill_is_counted_even_when_the_opening_is_full():
    result = score(
        instance([opening("o1", people=2, skills={"first_aid": 1, "wmo": 1})]),
        roster("o1 anke", "o1 bram"),
    )
    assert broken(result) == {"skills": 1}


def test_a_promised_organisation_nobody_of_which_is_there():
    result = score(
        instance([opening("o1", people=1, organisations=("andes", "lefier"))]),
        roster("o1 anke"),
    )
    assert broken(result) == {"organisations": 1}


def test_a_shift_outside_the_weekly_availability():
    # Anke is free in the morning only; the afternoon opening runs 13-16.
    result = score(instance([opening("o1", start=13, end=16)]), roster("o1 anke"))
    assert broken(result) == {"availability": 1}


def test_a_shift_that_runs_past_the_end_of_the_window():
    result = score(instance([opening("o1", start=11, end=13)]), roster("o1 anke"))
    assert broken(result) == {"availability": 1}


def test_one_window_must_hold_the_whole_shift():
    # docs/rosters.md: windows of 9-12 and 12-17 that join up do not hold 10-15 together.
    result = score(instance([opening("o1", start=10, end=15)]), roster("o1 carla"))
    assert broken(result) == {"availability": 1}


def test_a_shift_past_midnight_needs_a_window_to_the_end_of_the_day():
    late = Opening("late", "borger", at(0, 20), at(1, 1))
    night_owl = replace(BRAM, availability=(Window(0, time(18), time(23, 59)),))
    assert score(instance([late], people=[night_owl]), roster("late bram")).hard_total == 0
    # Bram's own Monday window ends at 22:00.
    assert broken(score(instance([late]), roster("late bram"))) == {"availability": 1}


def test_a_shift_on_a_day_of_absence():
    away = replace(ANKE, absences=(Absence(MONDAY, MONDAY),))
    result = score(
        instance([opening("o1"), opening("o2", day=1)], people=[away]),
        roster("o1 anke", "o2 anke"),
    )
    assert broken(result) == {"absence": 1}


def test_a_person_excluded_from_an_opening():
    result = score(instance([opening("o1", excluded=frozenset({"anke"}))]), roster("o1 anke"))
    assert broken(result) == {"excluded": 1}


def test_two_shifts_at_the_same_time_are_one_overlap():
    result = score(
        instance([opening("o1", start=9, end=12), opening("o2", place="borger", start=11, end=14)]),
        roster("o1 bram", "o2 bram"),
    )
    assert broken(result) == {"overlap": 1}


def test_shifts_one_after_the_other_do_not_overlap():
    result = score(
        instance([opening("o1", start=9, end=12), opening("o2", place="borger", start=12, end=15)]),
        roster("o1 bram", "o2 bram"),
    )
    assert result.hard_total == 0


def test_two_places_on_one_day_further_apart_than_allowed():
    result = score(
        instance(
            [opening("o1", start=9, end=12), opening("o2", place="steenwijk", start=14, end=17)]
        ),
        roster("o1 bram", "o2 bram"),
    )
    assert broken(result) == {"distance": 1}


def test_far_places_on_different_days_are_allowed():
    result = score(
        instance([opening("o1"), opening("o2", place="steenwijk", day=1)]),
        roster("o1 bram", "o2 bram"),
    )
    assert result.hard_total == 0


def test_shifts_over_the_weekly_maximum():
    # Anke may work 3 shifts a week: 5 mornings this week is 2 too many, next Monday is fine.
    openings = [opening(f"o{day}", day=day) for day in (0, 1, 2, 3, 4, 7)]
    result = score(instance(openings), roster(*(f"o{day} anke" for day in (0, 1, 2, 3, 4, 7))))
    assert broken(result) == {"max_per_week": 2}


def test_shifts_over_the_monthly_maximum():
    # Carla works every Monday from 4 January to 22 February: 4 in each month, one over her
    # cap of 3 in January and one in February.
    capped = replace(CARLA, max_per_week=2, max_per_month=3)
    days = [0, 7, 14, 21, 28, 35, 42, 49]  # Mondays from 4 January to 22 February
    openings = [opening(f"o{day}", day=day) for day in days]
    result = score(instance(openings, people=[capped]), roster(*(f"o{day} carla" for day in days)))
    assert broken(result) == {"max_per_month": 1 + 1}


def test_unknown_openings_and_people_are_counted_and_left_out():
    result = score(instance([opening("o1")]), roster("o1 anke", "o9 anke", "o1 zoe"))
    assert broken(result) == {"unknown": 2}


def test_the_same_person_twice_on_an_opening_counts_once_for_it():
    result = score(instance([opening("o1", people=2)]), roster("o1 anke", "o1 anke"))
    assert broken(result) == {"duplicate": 1, "coverage": 1}


def test_shares_count_person_shifts_away_from_the_agreed_share():
    # Lefier agreed to half of the staffing at Nieuw-Buinen: 2 of 4 person-shifts; it has 1.
    # At Borger nothing was agreed, so Borger's opening does not count.
    openings = [
        opening("o1", people=2),
        opening("o2", day=1, people=2),
        opening("o3", place="borger", day=2),
    ]
    shares = [Share("lefier", 0.5, frozenset({"nieuw-buinen"}))]
    result = score(
        instance(openings, shares=shares, weights=Weights(shares=10)),
        roster("o1 anke", "o1 bram", "o2 bram", "o2 carla", "o3 anke"),
    )
    assert result.soft["shares"] == 10 * 1


def test_a_share_target_rounds_halves_up():
    # Half of 5 person-shifts is 2.5, a target of 3: Lefier's 3 meet it exactly.
    openings = [opening(f"o{day}", day=day) for day in range(5)]
    shares = [Share("lefier", 0.5)]
    result = score(
        instance(openings, shares=shares),
        roster("o0 anke", "o1 anke", "o2 anke", "o3 bram", "o4 bram"),
    )
    assert result.soft["shares"] == 0


def test_fairness_is_the_spread_between_volunteers():
    dirk = Person("dirk", "Dirk", None, frozenset(), BRAM.availability)
    openings = [opening(f"o{day}", day=day) for day in (0, 1, 7)]
    result = score(
        instance(openings, people=[ANKE, BRAM, dirk], weights=Weights(fairness=3)),
        roster("o0 bram", "o1 bram", "o7 bram", "o0 anke"),
    )
    # Bram 3 shifts, Dirk none; Anke is staff, not a volunteer.
    assert result.soft["fairness"] == 3 * 3


def test_fairness_leaves_out_volunteers_who_could_take_no_shift():
    # Eddy is only free on Sundays, when nothing is open: his 0 shifts are not unfair.
    eddy = Person("eddy", "Eddy", None, frozenset(), (Window(6, time(9), time(17)),))
    dirk = Person("dirk", "Dirk", None, frozenset(), BRAM.availability)
    openings = [opening(f"o{day}", day=day) for day in (0, 1)]
    result = score(
        instance(openings, people=[BRAM, dirk, eddy], weights=Weights(fairness=3)),
        roster("o0 bram", "o1 dirk"),
    )
    assert result.soft["fairness"] == 0


def test_continuity_counts_distinct_faces_per_place():
    openings = [opening("o1"), opening("o2", day=1), opening("o3", place="borger", day=2)]
    result = score(
        instance(openings, weights=Weights(continuity=2)),
        roster("o1 anke", "o2 anke", "o3 anke"),
    )
    # Anke at Nieuw-Buinen and Anke at Borger: two faces in all.
    assert result.soft["continuity"] == 2 * 2


def test_preferences_count_shifts_away_from_the_preferred_places():
    fond = replace(ANKE, preferred_places=frozenset({"borger"}))
    openings = [opening("o1"), opening("o2", place="borger", day=1)]
    result = score(
        instance(openings, people=[fond, BRAM], weights=Weights(preferences=1)),
        roster("o1 anke", "o2 anke", "o1 bram"),
    )
    # Bram named no place, so he is never away from one.
    assert result.soft["preferences"] == 1


def test_a_repair_counts_changed_assignments_and_the_people_affected():
    openings = [opening("o1", people=2), opening("o2", day=1)]
    current = roster("o1 anke", "o1 bram", "o2 anke")
    repaired = roster("o1 anke", "o1 carla", "o2 bram")
    result = score(
        instance(openings, weights=Weights(changes=20, people_affected=10)), repaired, current
    )
    # Bram off o1, Carla on o1, Anke off o2, Bram on o2: four changes to three people.
    assert result.soft["changes"] == 20 * 4
    assert result.soft["people_affected"] == 10 * 3


def test_a_repair_ignores_openings_gone_and_counts_people_gone():
    current = roster("o1 anke", "gone anke", "o1 zoe")
    result = score(instance([opening("o1", people=2)]), roster("o1 anke", "o1 bram"), current)
    # Zoe (no longer in the instance) off o1 and Bram on it; the opening "gone" does not count.
    assert result.soft["changes"] == 20 * 2
    assert result.soft["people_affected"] == 10 * 2


def test_without_a_current_roster_nothing_counts_as_a_change():
    result = score(instance([opening("o1")]), roster("o1 anke"))
    assert result.soft["changes"] == result.soft["people_affected"] == 0


def test_the_scorer_agrees_with_the_solver_on_a_generated_roster_and_its_repair():
    generated, _ = generator.generate("S", 5)
    result = solver.solve(generated, time_limit=0.5, seed=1)
    rescored = score(generated, result.assignments)
    assert {rule: rescored.hard[rule] for rule in result.score.hard} == result.score.hard
    assert {rule: rescored.soft[rule] for rule in result.score.soft} == result.score.soft

    # Someone cancels a shift: the repair's changes are counted alike too.
    cancelled = result.assignments[len(result.assignments) // 2]
    openings = [
        replace(o, excluded=frozenset({cancelled.person})) if o.id == cancelled.opening else o
        for o in generated.openings
    ]
    repaired_instance = replace(generated, openings=openings)
    repaired = solver.solve(repaired_instance, time_limit=0.5, seed=1, current=result.assignments)
    rescored = score(repaired_instance, repaired.assignments, result.assignments)
    assert {rule: rescored.hard[rule] for rule in repaired.score.hard} == repaired.score.hard
    assert {rule: rescored.soft[rule] for rule in repaired.score.soft} == repaired.score.soft
    assert repaired.score.soft["changes"] > 0
