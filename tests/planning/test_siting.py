"""Siting: known answers on tiny instances, clear errors, and a random instance solved to proof."""

import numpy as np
import pytest
import scipy.sparse as sp

from naober.planning.siting import (
    coverage_matrix,
    greedy_maximal_covering,
    maximal_covering,
    p_median,
    set_covering,
)

# Five demand points on a line (metres): a village of three and a hamlet of two.
DEMAND_XY = [(0, 0), (100, 0), (200, 0), (1000, 0), (1100, 0)]
POPULATION = [10, 10, 10, 25, 1]
# Candidate 0 in the village, 1 in the hamlet, 2 far away from everyone.
CANDIDATE_XY = [(100, 0), (1050, 0), (5000, 0)]
RADIUS = 150


@pytest.fixture
def matrix():
    return coverage_matrix(DEMAND_XY, CANDIDATE_XY, RADIUS)


def test_coverage_matrix_marks_candidates_within_the_radius(matrix):
    assert matrix.toarray().tolist() == [[1, 0, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0]]


def test_detour_factor_shrinks_the_straight_line_reach():
    m = coverage_matrix(DEMAND_XY, CANDIDATE_XY, RADIUS, detour=2.0)
    # 150 m on foot with detour 2.0 reaches 75 m straight-line: only the home at the site.
    assert m.toarray()[:, 0].tolist() == [0, 1, 0, 0, 0]


def test_a_point_exactly_on_the_radius_is_covered():
    assert coverage_matrix([(0, 0)], [(1000, 0)], 1000).toarray().tolist() == [[1]]


def test_best_single_site_covers_the_village(matrix):
    result = maximal_covering(POPULATION, matrix, 1)
    assert result.chosen == [0]
    assert result.covered_population == 30
    assert result.total_population == 56
    assert result.share == pytest.approx(30 / 56)
    assert result.optimal
    assert result.bound == pytest.approx(30)


def test_an_existing_place_moves_the_new_site_to_the_hamlet(matrix):
    # An existing place already reaches the first two village homes.
    fixed = [True, True, False, False, False]
    result = maximal_covering(POPULATION, matrix, 1, fixed_covered=fixed)
    assert result.chosen == [1]
    assert result.covered_population == 10 + 10 + 25 + 1
    assert result.optimal


def test_greedy_can_miss_the_optimum_and_says_how_far_it_may_be():
    # Candidate 1 looks best alone, but candidates 0 and 2 together cover everyone.
    m = sp.csr_matrix(np.array([[1, 0, 0], [1, 1, 0], [0, 1, 1], [0, 0, 1]]))
    population = [3, 4, 4, 3]
    greedy = greedy_maximal_covering(population, m, 2)
    exact = maximal_covering(population, m, 2)
    assert greedy.covered_population == 11
    assert not greedy.optimal
    assert greedy.bound >= 14
    assert greedy.gap > 0
    assert exact.chosen == [0, 2]
    assert exact.covered_population == 14
    assert exact.optimal
    assert exact.gap == pytest.approx(0)


def test_set_covering_picks_the_known_minimum(matrix):
    result = set_covering(matrix, population=POPULATION)
    assert result.chosen == [0, 1]
    assert result.share == 1.0
    assert result.uncoverable == []
    assert result.optimal


def test_set_covering_reports_unreachable_demand_instead_of_failing():
    m = coverage_matrix([*DEMAND_XY, (20000, 0)], CANDIDATE_XY, RADIUS)
    result = set_covering(m, population=[*POPULATION, 7])
    assert result.chosen == [0, 1]
    assert result.uncoverable == [5]
    assert result.covered_population == 56
    assert result.total_population == 63


def test_set_covering_needs_fewer_sites_when_existing_places_cover_the_hamlet(matrix):
    result = set_covering(matrix, fixed_covered=[False, False, False, True, True])
    assert result.chosen == [0]


def test_maximal_covering_lists_demand_no_candidate_reaches():
    m = coverage_matrix([*DEMAND_XY, (20000, 0)], CANDIDATE_XY, RADIUS)
    result = maximal_covering([*POPULATION, 7], m, 2)
    assert result.uncoverable == [5]
    assert result.covered_population == 56


def test_p_median_on_a_line_picks_the_median():
    positions = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    distances = np.abs(positions[:, None] - positions[None, :])
    result = p_median([1, 1, 1, 1, 1], distances, 1)
    assert result.chosen == [2]
    assert result.mean_distance == pytest.approx(6 / 5)
    assert result.optimal


def test_p_median_follows_where_the_people_are():
    positions = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    distances = np.abs(positions[:, None] - positions[None, :])
    assert p_median([1, 1, 1, 1, 10], distances, 1).chosen == [4]
    two = p_median([1, 1, 1, 1, 1], distances, 2)
    assert two.mean_distance == pytest.approx(3 / 5)


def test_p_median_with_a_sparse_distance_cap_keeps_zero_distances():
    # Two clusters far apart; only pairs within the cap are stored (zeros kept explicitly).
    rows = [0, 0, 1, 1, 2, 3]
    cols = [0, 1, 0, 1, 2, 2]
    dist = [0.0, 50.0, 40.0, 0.0, 10.0, 30.0]
    distances = sp.coo_matrix((dist, (rows, cols)), shape=(5, 3))
    result = p_median([5, 1, 2, 2, 4], distances, 2)
    assert result.chosen == [0, 2]
    assert result.uncoverable == [4]
    assert result.mean_distance == pytest.approx((0 * 5 + 40 * 1 + 10 * 2 + 30 * 2) / 10)


def test_p_median_says_when_k_places_cannot_serve_everyone():
    distances = np.array([[0.0, np.inf], [np.inf, 0.0]])
    with pytest.raises(ValueError, match="cannot serve every demand point"):
        p_median([1, 1], distances, 1)


@pytest.mark.parametrize(
    ("k", "message"),
    [(4, "more than the 3 candidates"), (0, "at least 1"), (1.5, "whole number")],
)
def test_an_impossible_number_of_new_places_is_refused(matrix, k, message):
    with pytest.raises(ValueError, match=message):
        maximal_covering(POPULATION, matrix, k)
    with pytest.raises(ValueError, match=message):
        greedy_maximal_covering(POPULATION, matrix, k)


@pytest.mark.parametrize("radius", [0, -100])
def test_a_radius_of_zero_or_less_is_refused(radius):
    with pytest.raises(ValueError, match="radius must be more than 0"):
        coverage_matrix(DEMAND_XY, CANDIDATE_XY, radius)


def test_no_candidates_is_refused():
    with pytest.raises(ValueError, match="no candidates"):
        coverage_matrix(DEMAND_XY, np.empty((0, 2)), RADIUS)
    with pytest.raises(ValueError, match="no candidates"):
        maximal_covering(POPULATION, sp.csr_matrix((5, 0)), 1)
    with pytest.raises(ValueError, match="no candidates"):
        set_covering(sp.csr_matrix((5, 0)))


def test_negative_population_is_refused_with_the_row(matrix):
    with pytest.raises(ValueError, match=r"must not be negative \(demand row 3"):
        maximal_covering([10, 10, 10, -1, 1], matrix, 1)


def test_population_and_mask_must_match_the_matrix(matrix):
    with pytest.raises(ValueError, match="population has 4 values"):
        maximal_covering([1, 2, 3, 4], matrix, 1)
    with pytest.raises(ValueError, match="fixed_covered has 2 values"):
        maximal_covering(POPULATION, matrix, 1, fixed_covered=[True, False])


def test_a_random_instance_is_solved_to_proven_optimality():
    rng = np.random.default_rng(6)
    demand = rng.uniform(0, 20_000, (2_000, 2))
    candidates = rng.uniform(0, 20_000, (300, 2))
    population = rng.integers(0, 400, 2_000)
    m = coverage_matrix(demand, candidates, 1_500, detour=1.2)
    fixed = np.asarray(m[:, :5].sum(axis=1)).ravel() > 0

    exact = maximal_covering(population, m[:, 5:], 15, fixed_covered=fixed)
    greedy = greedy_maximal_covering(population, m[:, 5:], 15, fixed_covered=fixed)

    assert exact.optimal
    assert len(exact.chosen) == 15
    assert greedy.covered_population <= exact.covered_population + 1e-6
    assert exact.covered_population <= exact.bound + 1e-6
    assert exact.covered_population <= greedy.bound + 1e-6
    # The reported figure is what the chosen sites really cover, existing places included.
    covered = fixed | (np.asarray(m[:, 5:][:, exact.chosen].sum(axis=1)).ravel() > 0)
    assert exact.covered_population == pytest.approx(population[covered].sum())


@pytest.mark.parametrize("seed", range(6))
def test_the_optimum_matches_trying_every_choice(seed):
    """Small clustered instances with many nested candidates (one inside another's reach) and
    demand reached by the same candidates: the smaller model the solver builds must not lose
    the best choice."""
    from itertools import combinations

    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 6_000, (4, 2))
    demand = centres[rng.integers(0, 4, 40)] + rng.normal(0, 300, (40, 2))
    candidates = centres[rng.integers(0, 4, 12)] + rng.normal(0, 400, (12, 2))
    population = rng.integers(1, 50, 40)
    m = coverage_matrix(demand, candidates, 700)
    k = 3

    def reach(choice):
        return population[np.asarray(m[:, list(choice)].sum(axis=1)).ravel() > 0].sum()

    best = max(reach(choice) for choice in combinations(range(12), k))
    found = maximal_covering(population, m, k)

    assert found.optimal
    assert len(found.chosen) == k
    assert found.covered_population == best
    assert reach(found.chosen) == best


def test_more_new_places_than_useful_candidates_still_names_k():
    m = sp.csr_matrix(np.array([[1, 0, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0]]))

    found = maximal_covering([4, 5, 6], m, 3)

    # Candidate 1 reaches a subset of what candidate 0 reaches; 2 and 3 reach nobody.
    assert found.optimal
    assert len(found.chosen) == 3
    assert 0 in found.chosen
    assert found.covered_population == 9
    assert found.uncoverable == [2]
