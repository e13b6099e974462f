"""The roster solver on small hand-made instances whose answer is known: each hard rule, each
soft rule, what is reported when a roster cannot be full, and the score."""

from datetime import timedelta

import pytest

from naober.rosters.solver import FEASIBLE, OPTIMAL, Share, Weights, solve
from tests.rosters.solver_instances import (
    MONDAY,
    absent,
    instance,
    opening,
    person,
    week,
)

TUESDAY = MONDAY + timedelta(days=1)


def who(result, opening_id) -> list[str]:
    return sorted(a.person for a in result.assignments if a.opening == opening_id)


def uncovered(result) -> dict[str, object]:
    return {u.opening: u for u in result.uncovered}


def codes(result, opening_id) -> list[str]:
    return [reason["code"] for reason in uncovered(result)[opening_id].reasons]


# --- Hard rules -------------------------------------------------------------------------------


def test_the_person_with_the_needed_skill_is_chosen():
    people = [person("vera", skills=("hosting",)), person("anke", skills=("hosting", "first_aid"))]
    result = solve(instance(people, [opening("monday", skills={"first_aid": 1})]), time_limit=2)

    assert who(result, "monday") == ["anke"]
    assert result.status == OPTIMAL
    assert result.uncovered == []
    assert result.score.hard_total == 0


def test_an_absent_person_is_not_put_on_the_roster():
    people = [person("anke", absences=absent(MONDAY)), person("vera")]
    result = solve(instance(people, [opening("monday")]), time_limit=2)

    assert who(result, "monday") == ["vera"]


def test_nobody_works_outside_their_weekly_availability():
    # Anke is there on Monday mornings only; the opening is Monday afternoon.
    people = [person("anke", windows=week("09:00", "12:00", days=[0])), person("vera")]
    result = solve(
        instance(people, [opening("afternoon", start="13:00", end="16:00")]), time_limit=2
    )

    assert who(result, "afternoon") == ["vera"]


def test_a_window_must_hold_the_whole_opening():
    people = [person("anke", windows=week("09:30", "12:00"))]
    result = solve(instance(people, [opening("monday", start="09:00", end="12:00")]), time_limit=2)

    assert result.assignments == []
    assert codes(result, "monday") == ["no_one_available"]


def test_openings_at_the_same_time_at_two_places_get_two_people():
    people = [person("anke"), person("vera")]
    openings = [opening("nieuw-buinen"), opening("buinerveen", place="buinerveen", start="10:00")]
    # Continuity would rather have one face for everything; overlap forbids it.
    result = solve(
        instance(people, openings, weights=Weights(continuity=5, fairness=0)), time_limit=2
    )

    assert len(who(result, "nieuw-buinen")) == 1
    assert len(who(result, "buinerveen")) == 1
    assert who(result, "nieuw-buinen") != who(result, "buinerveen")


def test_nobody_works_at_two_places_too_far_apart_on_one_day():
    # Only Anke has first aid; Exloo is 20 km from Nieuw-Buinen, the limit is 15 km.
    people = [person("anke", skills=("hosting", "first_aid")), person("vera")]
    openings = [
        opening("morning", skills={"first_aid": 1}),
        opening("afternoon", place="exloo", start="14:00", end="16:00", skills={"first_aid": 1}),
    ]
    result = solve(instance(people, openings), time_limit=2)

    anke = [a.opening for a in result.assignments if a.person == "anke"]
    assert len(anke) == 1
    (short,) = result.uncovered
    assert short.missing == 0
    assert {"code": "skill", "skill": "first_aid", "available": 2 - 1, "needed": 1} in short.reasons
    assert {"code": "busy", "people": 1} in short.reasons


def test_places_near_each_other_can_share_a_person_on_one_day():
    people = [person("anke", skills=("hosting", "first_aid")), person("vera")]
    openings = [
        opening("morning", skills={"first_aid": 1}),
        opening(
            "afternoon", place="buinerveen", start="14:00", end="16:00", skills={"first_aid": 1}
        ),
    ]
    result = solve(instance(people, openings), time_limit=2)

    assert who(result, "morning") == ["anke"]
    assert who(result, "afternoon") == ["anke"]


def test_the_weekly_maximum_is_respected():
    people = [person("anke", max_per_week=2)]
    openings = [opening(f"day-{i}", day=MONDAY + timedelta(days=i)) for i in range(4)]
    result = solve(instance(people, openings), time_limit=2)

    assert len(result.assignments) == 2
    assert len(result.uncovered) == 2
    for short in result.uncovered:
        assert short.missing == 1
        assert {"code": "caps", "people": 1} in short.reasons


def test_the_weekly_maximum_counts_per_iso_week():
    # Sunday 10 January and Monday 11 January are in two ISO weeks.
    people = [person("anke", max_per_week=1)]
    sunday = MONDAY + timedelta(days=6)
    openings = [opening("sunday", day=sunday), opening("monday", day=sunday + timedelta(days=1))]
    result = solve(instance(people, openings), time_limit=2)

    assert len(result.assignments) == 2


def test_the_monthly_maximum_is_respected():
    # One opening a week in January; Anke may work three times a month.
    people = [person("anke", max_per_week=5, max_per_month=3)]
    openings = [opening(f"week-{i}", day=MONDAY + timedelta(weeks=i)) for i in range(4)]
    result = solve(instance(people, openings), time_limit=2)

    assert len(result.assignments) == 3
    (short,) = result.uncovered
    assert {"code": "caps", "people": 1} in short.reasons


def test_a_promised_organisation_is_there():
    # Anke (Andes) prefers this place and would win on preferences; Lefier is promised.
    people = [
        person("anke", "andes", preferred_places=frozenset({"nieuw-buinen"})),
        person("lars", "lefier", preferred_places=frozenset({"exloo"})),
    ]
    openings = [opening("monday", organisations=("lefier",))]
    result = solve(instance(people, openings, weights=Weights()), time_limit=2)

    assert who(result, "monday") == ["lars"]


def test_a_full_opening_lacking_a_skill_swaps_in_someone_who_has_it():
    people = [
        person("anke", skills=("hosting", "first_aid")),
        person("vera"),
        person("wim"),
    ]
    result = solve(
        instance(people, [opening("monday", people=2, skills={"first_aid": 1})]), time_limit=2
    )

    assert "anke" in who(result, "monday")
    assert len(who(result, "monday")) == 2


def test_excluded_people_are_not_put_on_the_opening():
    people = [person("anke"), person("vera")]
    result = solve(
        instance(people, [opening("monday", excluded=frozenset({"anke"}))]), time_limit=2
    )

    assert who(result, "monday") == ["vera"]


# --- When the roster cannot be full ---------------------------------------------------------


def test_more_needs_than_people_is_reported_not_raised():
    result = solve(instance([person("anke")], [opening("monday", people=3)]), time_limit=2)

    assert who(result, "monday") == ["anke"]
    (short,) = result.uncovered
    assert short.opening == "monday"
    assert short.missing == 2
    assert {"code": "people", "available": 1, "needed": 3} in short.reasons
    assert result.score.hard["coverage"] == 2


def test_a_skill_nobody_has_is_reported():
    result = solve(
        instance([person("anke")], [opening("monday", skills={"money": 1})]), time_limit=2
    )

    (short,) = result.uncovered
    assert short.missing == 0
    assert {"code": "skill", "skill": "money", "available": 0, "needed": 1} in short.reasons
    assert result.score.hard["skills"] == 1


def test_an_organisation_nobody_is_from_is_reported():
    result = solve(
        instance([person("anke", "andes")], [opening("monday", organisations=("police",))]),
        time_limit=2,
    )

    assert who(result, "monday") == ["anke"]
    (short,) = result.uncovered
    assert {"code": "organisation", "organisation": "police", "available": 0} in short.reasons
    assert result.score.hard["organisations"] == 1


def test_an_opening_nobody_can_staff_is_reported():
    people = [person("anke", windows=week("09:00", "12:00", days=[2]))]
    result = solve(instance(people, [opening("monday")]), time_limit=2)

    assert result.assignments == []
    assert uncovered(result)["monday"].missing == 1
    assert codes(result, "monday") == ["no_one_available"]


def test_an_instance_with_nothing_possible_still_gives_a_result():
    result = solve(instance([person("anke", max_per_week=0)], [opening("monday")]), time_limit=1)

    assert result.status == OPTIMAL
    assert result.assignments == []
    assert codes(result, "monday") == ["no_one_available"]


# --- Soft rules -------------------------------------------------------------------------------


def four_mornings(**fields):
    return [opening(f"day-{i}", day=MONDAY + timedelta(days=i), **fields) for i in range(4)]


def test_shares_divide_the_work_between_organisations():
    people = [person("anke", "andes"), person("lars", "lefier")]
    shares = [Share("andes", 0.5), Share("lefier", 0.5)]
    weights = Weights(shares=10, fairness=0, continuity=2, preferences=0)
    result = solve(instance(people, four_mornings(), shares=shares, weights=weights), time_limit=2)

    mine = [a.person for a in result.assignments]
    assert mine.count("anke") == 2
    assert mine.count("lars") == 2
    assert result.score.soft["shares"] == 0


def test_without_shares_continuity_keeps_one_face():
    people = [person("anke", "andes"), person("lars", "lefier")]
    weights = Weights(shares=10, fairness=0, continuity=2, preferences=0)
    result = solve(instance(people, four_mornings(), weights=weights), time_limit=2)

    assert len({a.person for a in result.assignments}) == 1
    assert result.score.soft["continuity"] == 2


def test_a_share_for_some_places_counts_only_those():
    # Lefier has all of Buinerveen; Nieuw-Buinen, which Anke prefers, is not in the share.
    people = [
        person("anke", "andes", preferred_places=frozenset({"nieuw-buinen"})),
        person("lars", "lefier", preferred_places=frozenset({"exloo"})),
    ]
    openings = [opening("nb"), opening("bv", place="buinerveen", day=TUESDAY)]
    weights = Weights(shares=10, fairness=0, continuity=0, preferences=1)

    in_buinerveen = [Share("lefier", 1.0, frozenset({"buinerveen"}))]
    result = solve(instance(people, openings, shares=in_buinerveen, weights=weights), time_limit=2)
    assert who(result, "bv") == ["lars"]
    assert who(result, "nb") == ["anke"]

    everywhere = [Share("lefier", 1.0)]
    result = solve(instance(people, openings, shares=everywhere, weights=weights), time_limit=2)
    assert who(result, "nb") == ["lars"]


def test_continuity_keeps_the_same_faces_at_each_place():
    people = [person("anke"), person("vera")]
    openings = [
        opening("nb-mon"),
        opening("bv-mon", place="buinerveen", start="10:00"),
        opening("nb-tue", day=TUESDAY),
        opening("bv-tue", place="buinerveen", day=TUESDAY, start="10:00"),
    ]
    weights = Weights(shares=0, fairness=0, continuity=2, preferences=0)
    result = solve(instance(people, openings, weights=weights), time_limit=2)

    assert who(result, "nb-mon") == who(result, "nb-tue")
    assert who(result, "bv-mon") == who(result, "bv-tue")
    assert result.score.soft["continuity"] == 2 * 2


def test_fairness_spreads_the_shifts_over_volunteers():
    people = [person("vera"), person("wim"), person("joke"), person("anke", "andes")]
    weights = Weights(shares=0, fairness=3, continuity=2, preferences=0)
    openings = [opening(f"day-{i}", day=MONDAY + timedelta(days=i)) for i in range(6)]
    result = solve(instance(people, openings, weights=weights), time_limit=2)

    volunteers = [a.person for a in result.assignments if a.person != "anke"]
    loads = [volunteers.count(name) for name in ("vera", "wim", "joke")]
    assert max(loads) - min(loads) <= 1
    assert result.score.soft["fairness"] == 3 * (max(loads) - min(loads))


def test_without_fairness_one_volunteer_may_do_everything():
    people = [person("vera"), person("wim"), person("joke")]
    weights = Weights(shares=0, fairness=0, continuity=2, preferences=0)
    openings = [opening(f"day-{i}", day=MONDAY + timedelta(days=i)) for i in range(4)]
    result = solve(instance(people, openings, weights=weights), time_limit=2)

    assert len({a.person for a in result.assignments}) == 1


def test_preferences_put_people_at_their_own_places():
    people = [
        person("anke", preferred_places=frozenset({"buinerveen"})),
        person("vera", preferred_places=frozenset({"nieuw-buinen"})),
        person("wim"),  # no preference: anywhere is fine
    ]
    openings = [
        opening("nb"),
        opening("bv", place="buinerveen"),
        opening("ex", place="exloo"),
    ]
    weights = Weights(shares=0, fairness=0, continuity=0, preferences=1)
    result = solve(instance(people, openings, weights=weights), time_limit=2)

    assert who(result, "nb") == ["vera"]
    assert who(result, "bv") == ["anke"]
    assert who(result, "ex") == ["wim"]
    assert result.score.soft["preferences"] == 0


def test_the_score_is_broken_down_rule_by_rule():
    # Anke (volunteer, the only first-aider) does both openings at two places, one not her
    # preference; Joke (volunteer) could have hosted but lacks first aid; Lars (Lefier, share
    # 50 %) cannot come.
    people = [
        person(
            "anke", skills=("hosting", "first_aid"), preferred_places=frozenset({"nieuw-buinen"})
        ),
        person("joke"),
        person("lars", "lefier", windows=week(days=[6])),
    ]
    openings = [
        opening("nb", skills={"first_aid": 1}),
        opening("bv", place="buinerveen", day=TUESDAY, skills={"first_aid": 1}),
    ]
    weights = Weights(shares=10, fairness=3, continuity=2, preferences=1)
    result = solve(
        instance(people, openings, shares=[Share("lefier", 0.5)], weights=weights), time_limit=2
    )

    assert result.score.soft == {
        "shares": 10 * 1,  # Lefier's target is 1 of the 2 person-shifts; it has 0
        "fairness": 3 * (2 - 0),  # Anke 2 shifts, Joke 0
        "continuity": 2 * 2,  # Anke at two places
        "preferences": 1 * 1,  # Buinerveen is not among Anke's places
    }
    assert result.score.soft_total == 21
    assert result.score.hard_total == 0


def test_a_roster_found_in_time_is_proven_optimal_when_small():
    people = [person("anke"), person("vera")]
    result = solve(instance(people, four_mornings()), time_limit=5)

    assert result.status == OPTIMAL
    assert result.first_full_seconds is not None
    assert result.first_full_seconds <= result.seconds


def test_a_status_is_always_one_of_the_three():
    result = solve(instance([person("anke")], four_mornings()), time_limit=0.5)

    assert result.status in (OPTIMAL, FEASIBLE)


@pytest.mark.parametrize("seed", [0, 7])
def test_seeds_give_valid_rosters(seed):
    people = [person("anke"), person("vera"), person("wim")]
    result = solve(instance(people, four_mornings(people=2)), time_limit=2, seed=seed)

    assert result.uncovered == []
    assert len(result.assignments) == 8
