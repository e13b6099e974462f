"""Solving again from a current roster: a cancellation changes at most what it must, assignments
before keep_before stay, and the same seed gives the same roster."""

from dataclasses import replace
from datetime import timedelta

import pytest

from naober.rosters import _model
from naober.rosters.solver import FEASIBLE, Assignment, Weights, solve
from tests.rosters.solver_instances import MONDAY, at, instance, network, opening, person

WEIGHTS = Weights(shares=0, fairness=3, continuity=2, preferences=1)


def mornings(days=5):
    return [opening(f"day-{i}", day=MONDAY + timedelta(days=i), people=2) for i in range(days)]


def pairs(assignments) -> set[tuple[str, str]]:
    return {(a.opening, a.person) for a in assignments}


def test_a_person_who_leaves_is_replaced_with_the_fewest_changes():
    # Anke and Vera cover the week, Wim covers Monday to Wednesday with Anke; Joke is spare.
    people = [person("anke"), person("vera"), person("wim"), person("joke")]
    current = [
        Assignment("day-0", "anke"),
        Assignment("day-0", "wim"),
        Assignment("day-1", "anke"),
        Assignment("day-1", "wim"),
        Assignment("day-2", "vera"),
        Assignment("day-2", "wim"),
        Assignment("day-3", "anke"),
        Assignment("day-3", "vera"),
        Assignment("day-4", "anke"),
        Assignment("day-4", "vera"),
    ]
    # Wim leaves: his three shifts are gone, and three must be filled.
    without_wim = [p for p in people if p.id != "wim"]
    result = solve(
        instance(without_wim, mornings(), weights=WEIGHTS), current=current, time_limit=2
    )

    assert result.uncovered == []
    assert result.changes == 3 + 3
    kept = pairs(current) - {(o, p) for o, p in pairs(current) if p == "wim"}
    assert kept <= pairs(result.assignments)
    assert result.score.soft["changes"] == 20 * 6


def test_a_cancelled_shift_is_refilled_by_one_new_person():
    people = [person("anke"), person("vera"), person("wim")]
    current = [Assignment(f"day-{i}", name) for i in range(5) for name in ("anke", "vera")]
    # Vera cancels Wednesday: she may not be put back on it.
    openings = mornings()
    openings[2] = replace(openings[2], excluded=frozenset({"vera"}))
    still = [a for a in current if (a.opening, a.person) != ("day-2", "vera")]
    result = solve(instance(people, openings, weights=WEIGHTS), current=still, time_limit=2)

    assert pairs(result.assignments) == pairs(still) | {("day-2", "wim")}
    assert result.changes == 1
    assert result.people_affected == 1
    assert result.uncovered == []


def test_an_absence_moves_only_the_absent_persons_shift():
    people = [person("anke"), person("vera"), person("wim")]
    current = [Assignment(f"day-{i}", name) for i in range(5) for name in ("anke", "vera")]
    # Vera falls ill on Thursday.
    people[1] = replace(
        people[1], absences=(_model.s.Absence(MONDAY + timedelta(days=3), MONDAY + timedelta(3)),)
    )
    result = solve(instance(people, mornings(), weights=WEIGHTS), current=current, time_limit=2)

    assert pairs(pairs_of := result.assignments) - pairs(current) == {("day-3", "wim")}
    assert pairs(current) - pairs(pairs_of) == {("day-3", "vera")}
    assert result.changes == 2
    assert result.people_affected == 2


def test_assignments_before_keep_before_stay_as_they_are():
    people = [person("anke"), person("vera"), person("wim")]
    current = [Assignment("day-0", "anke"), Assignment("day-1", "anke")]
    # Anke now prefers Buinerveen and may work only once a week; Monday has passed.
    people[0] = replace(people[0], max_per_week=1)
    openings = [opening(f"day-{i}", day=MONDAY + timedelta(days=i), people=2) for i in range(2)]
    result = solve(
        instance(people, openings, weights=WEIGHTS),
        current=current,
        keep_before=at(MONDAY + timedelta(days=1), "00:00"),
        time_limit=2,
    )

    # Monday keeps exactly Anke, even though a seat is empty; Tuesday is filled by others.
    assert [a.person for a in result.assignments if a.opening == "day-0"] == ["anke"]
    assert sorted(a.person for a in result.assignments if a.opening == "day-1") == ["vera", "wim"]
    monday = next(u for u in result.uncovered if u.opening == "day-0")
    assert monday.reasons == ({"code": "kept"},)
    assert monday.missing == 1


def test_a_current_roster_with_unknown_people_and_openings_is_read_gracefully():
    people = [person("anke"), person("vera")]
    current = [
        Assignment("day-0", "anke"),
        Assignment("day-0", "ghost"),  # no longer on the list: counts as a change
        Assignment("gone-opening", "vera"),  # the opening is gone: ignored
    ]
    result = solve(
        instance(people, [opening("day-0", people=2)], weights=WEIGHTS),
        current=current,
        time_limit=2,
    )

    assert pairs(result.assignments) == {("day-0", "anke"), ("day-0", "vera")}
    assert result.changes == 2  # the ghost's shift removed, Vera's added
    assert result.people_affected == 2


@pytest.fixture
def small_budget(monkeypatch):
    # A small deterministic budget, so the search ends on it (not on the wall clock) even on a
    # busy machine; that is what makes a seed give the same roster.
    monkeypatch.setattr(_model, "DETERMINISTIC_PER_SECOND", 0.02)


def test_the_same_seed_gives_the_same_roster(small_budget):
    made_up = network()
    first = solve(made_up, time_limit=20, seed=3, threads=2)
    second = solve(made_up, time_limit=20, seed=3, threads=2)

    assert first.assignments == second.assignments
    assert first.score == second.score


def test_a_big_instance_cut_short_is_marked_not_proven():
    made_up = network(places=12, weeks=6, people=50)
    result = solve(made_up, time_limit=0.05, seed=1)

    assert result.status == FEASIBLE
    assert result.assignments
    assert (
        result.score.hard_total
        - result.score.hard["coverage"]
        - result.score.hard["skills"]
        - result.score.hard["organisations"]
        == 0
    )


def test_the_search_improves_on_the_quick_first_roster(small_budget):
    made_up = network()
    prep = _model._Prep(made_up, None, None)
    # Big enough to be solved in neighbourhoods, not as one model.
    assert sum(len(ks) for ks in prep.by_opening) > _model.FULL_MODEL_PAIRS
    first = _model._evaluate(prep, _model._greedy(prep, 1))

    result = solve(made_up, time_limit=20, seed=1, threads=2)

    gaps = ("coverage", "skills", "organisations")
    assert sum(result.score.hard[rule] for rule in gaps) <= first.shortage
    assert result.score.hard_total == sum(result.score.hard[rule] for rule in gaps)
    assert result.score.soft_total < first.objective


@pytest.mark.parametrize("repair", [False, True])
def test_the_model_and_the_independent_score_agree(repair):
    # The search only keeps a roster the plain-Python scorer finds better, and it trusts the
    # model's objective to say when that is worth checking: the two must be the same number.
    made_up = network(places=4, weeks=2, people=12, seed=5)
    prep = _model._Prep(made_up, [] if repair else None, None)
    if repair:
        some = sorted(_model._greedy(prep, 2))[::3]
        prep = _model._Prep(made_up, [_assignment(prep, k) for k in some], None)
    start = _model._greedy(prep, 1)
    evaluation = _model._evaluate(prep, start)
    state = _model._State(prep, start)
    free = set(prep.changeable[: len(prep.changeable) // 2])
    model = _model._Model(prep, free, start, state, evaluation, None)
    solver = _model.cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model.model) == _model.cp_model.OPTIMAL

    found = model.chosen(solver.response_proto.solution)
    scored = _model._evaluate(prep, found)
    gaps_inside = scored.shortage - model.outside_shortage
    assert solver.objective_value == model.gap_weight * gaps_inside + scored.objective
    assert scored.objective <= evaluation.objective
    assert scored.hard_breaches == 0


def _assignment(prep, k) -> Assignment:
    p, o = prep.pairs[k]
    return Assignment(prep.openings[o].id, prep.people[p].id)
