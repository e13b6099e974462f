"""Choose where new meeting places should go, on a sparse coverage matrix.

The flow: ``coverage_matrix`` turns demand points and candidate buildings (RD New metres) into a
sparse demand x candidate 0/1 matrix; one of the solvers picks candidates:

- ``maximal_covering``: k new places that reach the most residents not yet reached by the
  existing (fixed) places; an exact MIP in HiGHS, warm-started with the greedy answer.
- ``set_covering``: the fewest places that reach everyone who can be reached at all.
- ``p_median``: k places that minimise the person-weighted mean distance (small and medium
  instances: the model has one variable and one row per allowed demand-candidate pair).
- ``greedy_maximal_covering``: the fallback, with the LP bound so its gap is known.

Pure numpy/scipy/highspy, no Django: the planning app adapts its models to these arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import highspy
import numpy as np
import scipy.sparse as sp
from scipy.spatial import cKDTree

__all__ = [
    "Siting",
    "coverage_matrix",
    "greedy_maximal_covering",
    "maximal_covering",
    "p_median",
    "set_covering",
]

DEFAULT_TIME_LIMIT = 60.0
# Dominated candidates are looked for (one sparse product) up to this many matrix entries.
DOMINANCE_MAX_PAIRS = 2_000_000


@dataclass
class Siting:
    """The chosen candidates (column indices) and what they achieve.

    ``covered_population`` includes demand already covered by the fixed places. ``bound`` is an
    upper bound on ``covered_population`` for maximal covering, a lower bound on the number of
    places for set covering and a lower bound on ``mean_distance`` for p-median.
    """

    chosen: list[int]
    covered_population: float
    total_population: float
    share: float
    optimal: bool
    bound: float | None
    method: str
    uncoverable: list[int] = field(default_factory=list)
    mean_distance: float | None = None

    @property
    def gap(self) -> float | None:
        """Relative distance between the answer and the bound (0.0 when proven optimal)."""
        if self.bound is None:
            return None
        if self.mean_distance is not None:
            value = self.mean_distance
        elif self.method.startswith("set_covering"):
            value = float(len(self.chosen))
        else:
            value = self.covered_population
        scale = max(abs(self.bound), abs(value), 1e-12)
        return abs(self.bound - value) / scale


# --- input checks ---------------------------------------------------------------------------


def _points(xy, name: str) -> np.ndarray:
    arr = np.asarray(xy, dtype=float)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(f"{name} must be an array of (x, y) pairs, got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise ValueError(f"no {name}: at least one point is needed")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contain missing or infinite coordinates")
    return arr


def _population(population, n_demand: int) -> np.ndarray:
    w = np.asarray(population, dtype=float).ravel()
    if w.shape[0] != n_demand:
        raise ValueError(
            f"population has {w.shape[0]} values but the matrix has {n_demand} demand rows"
        )
    if not np.isfinite(w).all():
        raise ValueError("population contains missing or infinite values")
    if (w < 0).any():
        first = int(np.flatnonzero(w < 0)[0])
        raise ValueError(f"population must not be negative (demand row {first}: {w[first]})")
    return w


def _matrix(matrix) -> sp.csr_matrix:
    m = sp.csr_matrix(matrix, dtype=float)
    if m.shape[1] == 0:
        raise ValueError("no candidates: the coverage matrix has no columns")
    m.eliminate_zeros()
    m.data[:] = 1.0
    return m


def _fixed(fixed_covered, n_demand: int) -> np.ndarray:
    if fixed_covered is None:
        return np.zeros(n_demand, dtype=bool)
    f = np.asarray(fixed_covered, dtype=bool).ravel()
    if f.shape[0] != n_demand:
        raise ValueError(
            f"fixed_covered has {f.shape[0]} values but the matrix has {n_demand} demand rows"
        )
    return f


def _k(k, n_candidates: int) -> int:
    if int(k) != k or k < 1:
        raise ValueError(f"k must be a whole number of at least 1, got {k}")
    if k > n_candidates:
        raise ValueError(f"k={k} is more than the {n_candidates} candidates")
    return int(k)


# --- coverage -------------------------------------------------------------------------------


def coverage_matrix(demand_xy, candidate_xy, radius_m: float, detour: float = 1.0) -> sp.csr_matrix:
    """Demand x candidate matrix with 1 where the candidate is within ``radius_m / detour``.

    Coordinates are metres in a projected system (RD New). The detour factor turns the walking
    or cycling radius into the straight-line reach that approximates it.
    """
    if not radius_m > 0:
        raise ValueError(f"radius must be more than 0 metres, got {radius_m}")
    if not detour >= 1.0:
        raise ValueError(f"detour factor must be at least 1.0, got {detour}")
    demand = _points(demand_xy, "demand points")
    candidates = _points(candidate_xy, "candidates")
    reach = radius_m / detour
    # Both trees: a dual-tree search returns all pairs as arrays, no per-point Python lists.
    pairs = cKDTree(demand).sparse_distance_matrix(
        cKDTree(candidates), reach, output_type="ndarray"
    )
    rows = pairs["i"].astype(np.int64)
    cols = pairs["j"].astype(np.int64)
    data = np.ones(rows.shape[0], dtype=np.int8)
    return sp.csr_matrix((data, (rows, cols)), shape=(demand.shape[0], candidates.shape[0]))


# --- HiGHS ----------------------------------------------------------------------------------


@dataclass
class _Result:
    status: highspy.HighsModelStatus
    x: np.ndarray | None
    objective: float | None
    bound: float | None


def _solve(
    cost,
    col_upper,
    integer,
    a_matrix,
    row_lower,
    row_upper,
    *,
    maximize: bool,
    time_limit: float,
    mip_rel_gap: float = 0.0,
    start=None,
    presolve: bool = True,
) -> _Result:
    """Solve one model given as arrays; integer is a boolean mask over the columns."""
    a = sp.csc_matrix(a_matrix, dtype=float)
    lp = highspy.HighsLp()
    lp.num_col_ = a.shape[1]
    lp.num_row_ = a.shape[0]
    lp.col_cost_ = np.asarray(cost, dtype=float)
    lp.col_lower_ = np.zeros(a.shape[1])
    lp.col_upper_ = np.asarray(col_upper, dtype=float)
    lp.row_lower_ = np.asarray(row_lower, dtype=float)
    lp.row_upper_ = np.asarray(row_upper, dtype=float)
    lp.sense_ = highspy.ObjSense.kMaximize if maximize else highspy.ObjSense.kMinimize
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.num_col_ = a.shape[1]
    lp.a_matrix_.num_row_ = a.shape[0]
    lp.a_matrix_.start_ = a.indptr.astype(np.int32)
    lp.a_matrix_.index_ = a.indices.astype(np.int32)
    lp.a_matrix_.value_ = a.data
    is_mip = bool(np.any(integer))
    if is_mip:
        lp.integrality_ = [
            highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
            for flag in integer
        ]
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", float(mip_rel_gap))
    if not presolve:
        h.setOptionValue("presolve", "off")
    h.passModel(lp)
    if start is not None and is_mip:
        solution = highspy.HighsSolution()
        solution.col_value = np.asarray(start, dtype=float)
        h.setSolution(solution)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    x = np.asarray(h.getSolution().col_value) if has_solution else None
    objective = float(info.objective_function_value) if has_solution else None
    if is_mip:
        bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else None
    else:
        bound = objective if status == highspy.HighsModelStatus.kOptimal else None
    return _Result(status, x, objective, bound)


def _chosen(x: np.ndarray, n_candidates: int) -> list[int]:
    return [int(j) for j in np.flatnonzero(x[:n_candidates] > 0.5)]


# --- maximal covering -----------------------------------------------------------------------


def _mclp_parts(population, matrix, k, fixed_covered):
    m = _matrix(matrix)
    w = _population(population, m.shape[0])
    k = _k(k, m.shape[1])
    fixed = _fixed(fixed_covered, m.shape[0])
    reachable = np.diff(m.indptr) > 0
    # Only demand that the new places can still change enters the model.
    open_rows = np.flatnonzero(~fixed & reachable & (w > 0))
    uncoverable = [int(i) for i in np.flatnonzero(~fixed & ~reachable)]
    return m, w, k, fixed, open_rows, uncoverable


def _covered_by(m: sp.csr_matrix, chosen: list[int]) -> np.ndarray:
    if not chosen:
        return np.zeros(m.shape[0], dtype=bool)
    return np.asarray(m[:, chosen].sum(axis=1)).ravel() > 0


def _siting(w, fixed, m, chosen, *, optimal, bound, method, uncoverable) -> Siting:
    covered = fixed | _covered_by(m, chosen)
    total = float(w.sum())
    value = float(w[covered].sum())
    return Siting(
        chosen=sorted(chosen),
        covered_population=value,
        total_population=total,
        share=value / total if total > 0 else 0.0,
        optimal=optimal,
        bound=bound,
        method=method,
        uncoverable=uncoverable,
    )


def _greedy(m_open: sp.csr_matrix, w_open: np.ndarray, k: int) -> list[int]:
    m_csc = m_open.tocsc()
    weight = w_open.copy()
    chosen: list[int] = []
    taken = np.zeros(m_open.shape[1], dtype=bool)
    for _ in range(k):
        gains = m_csc.T @ weight
        gains[taken] = -1.0
        j = int(np.argmax(gains))
        chosen.append(j)
        taken[j] = True
        # Demand reached by j no longer counts for later picks.
        weight[m_csc.indices[m_csc.indptr[j] : m_csc.indptr[j + 1]]] = 0.0
    return chosen


def _reduced(m_open: sp.csr_matrix, w_open: np.ndarray):
    """The same maximal covering problem, smaller: demand rows reached by the same candidates
    become one row with their population summed, and a candidate whose demand is all reached by
    one other candidate too (a subset: never better to choose) is left out. Returns the smaller
    matrix, its population and the original column of each remaining column.

    On the three provinces' postcode areas this leaves about a third of the 2,433 candidates and
    roughly halves HiGHS's time (docs/performance.md)."""
    m = m_open.tocsr(copy=True)
    m.sort_indices()
    rows: dict[bytes, int] = {}
    first, weight = [], []
    for i in range(m.shape[0]):
        key = m.indices[m.indptr[i] : m.indptr[i + 1]].tobytes()
        at = rows.get(key)
        if at is None:
            rows[key] = len(first)
            first.append(i)
            weight.append(w_open[i])
        else:
            weight[at] += w_open[i]
    m = m[np.asarray(first, dtype=np.int64)]
    columns = m.tocsc().astype(np.int32)
    size = np.diff(columns.indptr)
    keep = size > 0
    if m.nnz <= DOMINANCE_MAX_PAIRS:
        # overlap[j, h] = demand rows j and h both reach; j is dominated when that is all of j's,
        # and h reaches more (or as much, and comes first).
        overlap = (columns.T @ columns).tocoo()
        j, h = overlap.row, overlap.col
        dominated = (
            (j != h)
            & (overlap.data == size[j])
            & ((size[h] > size[j]) | ((size[h] == size[j]) & (h < j)))
        )
        keep[j[dominated]] = False
    cols = np.flatnonzero(keep)
    return m[:, cols].tocsr(), np.asarray(weight, dtype=float), cols


def _padded(chosen: list[int], m_open: sp.csr_matrix, k: int) -> list[int]:
    """k candidates: when fewer useful ones exist, the rest by what they reach on their own
    (they add nobody new, but the question asked for k)."""
    if len(chosen) >= k:
        return chosen
    reach = np.diff(m_open.tocsc().indptr).astype(float)
    reach[chosen] = -1.0
    extra = np.argsort(-reach, kind="stable")[: k - len(chosen)]
    return chosen + [int(j) for j in extra]


def _mclp_model(m_open: sp.csr_matrix, w_open: np.ndarray, k: int):
    """Columns x (candidates, binary) then y (open demand, [0, 1]); y_i <= sum_j a_ij x_j."""
    n, r = m_open.shape[1], m_open.shape[0]
    a = sp.bmat(
        [
            [-m_open, sp.identity(r, format="csr")],
            [sp.csr_matrix(np.ones((1, n))), None],
        ],
        format="csc",
    )
    cost = np.concatenate([np.zeros(n), w_open])
    upper = np.ones(n + r)
    integer = np.concatenate([np.ones(n, dtype=bool), np.zeros(r, dtype=bool)])
    row_lower = np.concatenate([np.full(r, -np.inf), [k]])
    row_upper = np.concatenate([np.zeros(r), [k]])
    return cost, upper, integer, a, row_lower, row_upper


def greedy_maximal_covering(
    population,
    matrix,
    k: int,
    fixed_covered=None,
    *,
    lp_bound: bool = True,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Siting:
    """Pick k candidates one at a time by largest newly covered population.

    With ``lp_bound`` the LP relaxation is solved too, so ``bound`` and ``gap`` say how far
    from optimal the greedy answer can at most be.
    """
    m, w, k, fixed, open_rows, uncoverable = _mclp_parts(population, matrix, k, fixed_covered)
    m_open, w_open = m[open_rows], w[open_rows]
    chosen = _greedy(m_open, w_open, k)
    bound = None
    if lp_bound:
        cost, upper, integer, a, row_lower, row_upper = _mclp_model(m_open, w_open, k)
        lp = _solve(
            cost,
            upper,
            np.zeros_like(integer),
            a,
            row_lower,
            row_upper,
            maximize=True,
            time_limit=time_limit,
        )
        if lp.bound is not None:
            bound = lp.bound + float(w[fixed].sum())
    result = _siting(
        w, fixed, m, chosen, optimal=False, bound=bound, method="greedy", uncoverable=uncoverable
    )
    if bound is not None and result.covered_population >= bound - 1e-9 * max(1.0, bound):
        result.optimal = True
    return result


def maximal_covering(
    population,
    matrix,
    k: int,
    fixed_covered=None,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    mip_rel_gap: float = 0.0,
) -> Siting:
    """Choose k candidates that cover the most population not covered by the fixed places.

    ``fixed_covered`` is a boolean mask over the demand rows: demand the existing places already
    reach. The exact MIP runs in HiGHS, started from the greedy answer; when the time limit
    stops it, the better of incumbent and greedy is returned with the MIP bound and
    ``optimal=False``.
    """
    m, w, k, fixed, open_rows, uncoverable = _mclp_parts(population, matrix, k, fixed_covered)
    m_open, w_open = m[open_rows], w[open_rows]
    m_small, w_small, cols = _reduced(m_open, w_open)
    k_small = min(k, m_small.shape[1])
    if k_small == 0:
        # Nobody left that a candidate could reach: any k candidates are as good as the best.
        return _siting(
            w,
            fixed,
            m,
            _padded([], m_open, k),
            optimal=True,
            bound=float(w[fixed].sum()),
            method="mip",
            uncoverable=uncoverable,
        )
    greedy_small = _greedy(m_small, w_small, k_small)
    greedy = _padded([int(cols[j]) for j in greedy_small], m_open, k)
    start = np.concatenate(
        [np.zeros(m_small.shape[1]), _covered_by(m_small, greedy_small).astype(float)]
    )
    start[greedy_small] = 1.0
    res = _solve(
        *_mclp_model(m_small, w_small, k_small),
        maximize=True,
        time_limit=time_limit,
        mip_rel_gap=mip_rel_gap,
        start=start,
        # _reduced already did what HiGHS's presolve finds in this model, and its presolve
        # costs more than it saves here: 30-50 ms instead of 160-200 ms on the provinces' data.
        presolve=False,
    )
    fixed_pop = float(w[fixed].sum())
    # Everyone the candidates can reach is a valid bound when HiGHS stopped before finding one.
    bound = fixed_pop + float(w_open.sum())
    if res.bound is not None:
        bound = min(bound, res.bound + fixed_pop)
    optimal = res.status == highspy.HighsModelStatus.kOptimal and mip_rel_gap == 0.0
    exact = None
    if res.x is not None:
        chosen = [int(cols[j]) for j in _chosen(res.x, m_small.shape[1])]
        exact = _siting(
            w,
            fixed,
            m,
            _padded(chosen, m_open, k),
            optimal=optimal,
            bound=bound,
            method="mip",
            uncoverable=uncoverable,
        )
    fallback = _siting(
        w, fixed, m, greedy, optimal=False, bound=bound, method="greedy", uncoverable=uncoverable
    )
    if exact is None or fallback.covered_population > exact.covered_population:
        return fallback
    return exact


# --- set covering ---------------------------------------------------------------------------


def set_covering(
    matrix,
    fixed_covered=None,
    *,
    population=None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Siting:
    """The fewest candidates that cover every demand point any candidate can reach.

    Demand no candidate reaches (and not covered by a fixed place) is listed in
    ``uncoverable`` instead of making the problem infeasible. ``population`` only feeds the
    reported figures; by default every demand point counts as one.
    """
    m = _matrix(matrix)
    w = np.ones(m.shape[0]) if population is None else _population(population, m.shape[0])
    fixed = _fixed(fixed_covered, m.shape[0])
    reachable = np.diff(m.indptr) > 0
    uncoverable = [int(i) for i in np.flatnonzero(~fixed & ~reachable)]
    open_rows = np.flatnonzero(~fixed & reachable)
    n = m.shape[1]
    if len(open_rows) == 0:
        return _siting(
            w, fixed, m, [], optimal=True, bound=0.0, method="set_covering", uncoverable=uncoverable
        )
    # Identical demand rows give identical constraints; keep one of each.
    m_open = m[open_rows]
    m_open.sort_indices()
    keys = {}
    for i in range(m_open.shape[0]):
        keys.setdefault(m_open.indices[m_open.indptr[i] : m_open.indptr[i + 1]].tobytes(), i)
    m_rows = m_open[np.fromiter(keys.values(), dtype=np.int64)]
    r = m_rows.shape[0]
    res = _solve(
        np.ones(n),
        np.ones(n),
        np.ones(n, dtype=bool),
        m_rows,
        np.ones(r),
        np.full(r, np.inf),
        maximize=False,
        time_limit=time_limit,
    )
    if res.x is None:
        raise RuntimeError(f"set covering found no solution within {time_limit} s")
    chosen = _chosen(res.x, n)
    bound = float(np.ceil(res.bound - 1e-6)) if res.bound is not None else None
    return _siting(
        w,
        fixed,
        m,
        chosen,
        optimal=res.status == highspy.HighsModelStatus.kOptimal,
        bound=bound,
        method="set_covering",
        uncoverable=uncoverable,
    )


# --- p-median -------------------------------------------------------------------------------


def p_median(
    population,
    distances,
    k: int,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Siting:
    """k candidates minimising the person-weighted mean distance to the nearest chosen one.

    ``distances`` is demand x candidate: a dense array (``inf`` or ``nan`` where not allowed) or
    a sparse matrix whose stored entries are the allowed pairs (keep explicit zeros for a
    distance of 0; a cap such as 5 km keeps the model small). The model has a variable and a
    row per allowed pair, so it suits up to some hundred thousand pairs. Demand with no
    allowed candidate is listed in ``uncoverable`` and left out of the mean.
    """
    if sp.issparse(distances):
        coo = sp.coo_matrix(distances)
        rows, cols, dist = coo.row, coo.col, coo.data.astype(float)
        shape = coo.shape
    else:
        dense = np.asarray(distances, dtype=float)
        if dense.ndim != 2:
            raise ValueError(f"distances must be a demand x candidate matrix, got {dense.shape}")
        rows, cols = np.nonzero(np.isfinite(dense))
        dist = dense[rows, cols]
        shape = dense.shape
    if shape[1] == 0:
        raise ValueError("no candidates: the distance matrix has no columns")
    if (dist < 0).any():
        raise ValueError("distances must not be negative")
    w = _population(population, shape[0])
    k = _k(k, shape[1])
    n = shape[1]
    keep = w[rows] > 0
    rows, cols, dist = rows[keep], cols[keep], dist[keep]
    served = np.zeros(shape[0], dtype=bool)
    served[rows] = True
    uncoverable = [int(i) for i in np.flatnonzero(~served & (w > 0))]
    demand = np.flatnonzero(served)
    local = np.full(shape[0], -1, dtype=np.int64)
    local[demand] = np.arange(len(demand))
    r, p = len(demand), len(rows)
    pair = np.arange(p)
    # Columns: x (n candidates) then z (one per allowed pair); rows: assignment, link, count.
    assign = sp.csr_matrix((np.ones(p), (local[rows], n + pair)), shape=(r, n + p))
    link = sp.csr_matrix(
        (
            np.concatenate([np.ones(p), -np.ones(p)]),
            (np.tile(pair, 2), np.concatenate([n + pair, cols])),
        ),
        shape=(p, n + p),
    )
    count = sp.csr_matrix(
        (np.ones(n), (np.zeros(n, dtype=np.int64), np.arange(n))), shape=(1, n + p)
    )
    a = sp.vstack([assign, link, count])
    cost = np.concatenate([np.zeros(n), w[rows] * dist])
    res = _solve(
        cost,
        np.ones(n + p),
        np.concatenate([np.ones(n, dtype=bool), np.zeros(p, dtype=bool)]),
        a,
        np.concatenate([np.ones(r), np.full(p, -np.inf), [k]]),
        np.concatenate([np.ones(r), np.zeros(p), [k]]),
        maximize=False,
        time_limit=time_limit,
    )
    if res.status == highspy.HighsModelStatus.kInfeasible:
        raise ValueError(
            f"{k} places cannot serve every demand point within the allowed distances; "
            "raise k or the distance cap"
        )
    if res.x is None:
        raise RuntimeError(f"p-median found no solution within {time_limit} s")
    chosen = _chosen(res.x, n)
    served_pop = float(w[demand].sum())
    total = float(w.sum())
    # Recompute from the chosen set: each demand point goes to its nearest chosen candidate.
    nearest = np.full(shape[0], np.inf)
    open_pair = np.isin(cols, chosen)
    np.minimum.at(nearest, rows[open_pair], dist[open_pair])
    mean = float((w[demand] * nearest[demand]).sum() / served_pop) if served_pop > 0 else 0.0
    bound = res.bound / served_pop if res.bound is not None and served_pop > 0 else None
    return Siting(
        chosen=chosen,
        covered_population=served_pop,
        total_population=total,
        share=served_pop / total if total > 0 else 0.0,
        optimal=res.status == highspy.HighsModelStatus.kOptimal,
        bound=bound,
        method="p_median",
        uncoverable=uncoverable,
        mean_distance=mean,
    )
