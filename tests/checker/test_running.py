"""Running (streamed) comparison against compare() on the whole arrays; RowSparse by hand."""

import numpy as np
import pytest

from gradcheck.checker.compare import compare, dense_label
from gradcheck.checker.running import Running
from gradcheck.checker.sparse import RowSparse, stored
from gradcheck.checker.stepsize import Tolerance

TOL = Tolerance(1e-6, 1e-5)


@pytest.mark.parametrize("seed", range(5))
def test_pieces_give_the_whole_arrays_verdict(seed):
    rng = np.random.default_rng(seed)
    ref = rng.standard_normal((6, 35))
    cand = ref + rng.standard_normal(ref.shape) * 1e-9
    bad = rng.choice(ref.size, 9, replace=False)
    cand.flat[bad] += rng.uniform(1e-4, 1, 9)  # distinct errors: no ties among the failures
    cand.flat[bad[0]] = np.nan
    label = dense_label((2, 3), (5, 7))
    want = compare("W", ref, cand, TOL, label, shape=(5, 7))
    run = Running(TOL, 5)
    cuts = np.sort(rng.choice(np.arange(1, ref.size), 4, replace=False))
    for idx in np.split(np.arange(ref.size), cuts):
        run.add(ref.ravel()[idx], cand.ravel()[idx], idx)
    got = run.result("W", (5, 7), label, "finite differences", "bprop")
    assert repr(got) == repr(want)  # NaN != NaN: compare the printed values


def test_equal_zeros_count_as_entries_only():
    run = Running(TOL, 3)
    run.add(np.array([1.0, 2.0]), np.array([1.0, 2.5]), np.array([4, 9]))
    run.add_equal(10)
    got = run.result("b", (12,), dense_label((), (12,)), "symbolic", "bprop")
    assert (got.n_entries, got.n_failed, got.max_abs_err) == (12, 1, 0.5)
    assert got.worst[0].col == (9,)


def test_row_sparse_rows_contract_and_stored_positions():
    cols = np.array([[0, 2], [1, 3], [0, 3]])
    vals = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    extra = np.array([[7.0], [8.0], [9.0]])
    j = RowSparse(cols, vals, 4, np.array([1]), extra)
    want = np.array([[1.0, 7, 2, 0], [0, 8, 0, 4], [5, 9, 0, 6]])
    np.testing.assert_array_equal(j.dense(), want)
    g = np.array([0.5, -1.0, 2.0])
    np.testing.assert_allclose(j.contract(g), g @ want)
    local = stored([j], 1, 3)
    np.testing.assert_array_equal(local, [1, 3, 4, 5, 7])
    np.testing.assert_array_equal(j.at(local, 1, 3), want[1:3].ravel()[local])
    with pytest.raises(ValueError, match="ascend"):
        RowSparse(np.array([[2, 0]]), np.ones((1, 2)), 3)
