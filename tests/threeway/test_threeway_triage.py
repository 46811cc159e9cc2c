"""The triage: which of symbolic, bprop and finite differences disagrees, from synthetic Jacobians."""

import numpy as np
import pytest

from gradcheck.checker.compare import dense_label
from gradcheck.threeway.three import Triple, three_way
from gradcheck.threeway.tolerances import tolerances_for
from gradcheck.threeway.triage import SENTENCES, triage

TOLS = tolerances_for(np.float64)


@pytest.mark.parametrize(
    ("verdicts", "key"),
    [
        ((True, True, True), "ok"),
        ((True, False, False), "bprop"),
        ((False, True, False), "step"),
        ((False, False, True), "fprop"),
        ((False, False, False), "all"),
        ((True, True, False), "borderline"),
        ((None, None, True), "ok"),
        ((None, None, False), "mismatch"),
    ],
)
def test_triage_of_the_three_verdicts(verdicts, key):
    assert triage(*verdicts) == key
    assert key in SENTENCES


def triple(sym, bprop, fd, refd=None):
    j = np.array(sym, float)
    return Triple(
        "x",
        j,
        np.array(bprop, float),
        np.array(fd, float),
        dense_label((), j.shape),
        j.shape,
        None,
        refd,
    )


def test_bprop_off_is_blamed_on_bprop_with_all_three_values():
    tw = three_way(triple([1.0, 2.0], [1.0, 3.0], [1.0, 2.0]), TOLS)
    assert tw.triage == "bprop" and not tw.passed
    assert (tw.sym_fd.passed, tw.bprop_sym.passed, tw.bprop_fd.passed) == (True, False, False)
    worst = tw.worst[0]
    assert (worst.col, worst.symbolic, worst.bprop, worst.fd) == ((1,), 2.0, 3.0, 2.0)


def test_fd_off_that_recovers_at_another_step_is_a_step_problem():
    tw = three_way(
        triple([1.0, 2.0], [1.0, 2.0], [1.0, 2.5], refd=lambda: np.array([1.0, 2.0])), TOLS
    )
    assert tw.triage == "step"
    assert tw.worst[0].fd == 2.5


def test_fd_off_at_every_step_means_fprop_is_not_the_formula():
    tw = three_way(
        triple([1.0, 2.0], [1.0, 2.0], [1.0, 2.5], refd=lambda: np.array([1.0, 2.5])), TOLS
    )
    assert tw.triage == "fprop-only"


def test_fprop_and_bprop_consistent_but_not_the_formula():
    tw = three_way(triple([1.0, 2.0], [1.0, 2.5], [1.0, 2.5]), TOLS)
    assert tw.triage == "fprop"


def test_nan_in_bprop_fails():
    tw = three_way(triple([1.0, 2.0], [1.0, np.nan], [1.0, 2.0]), TOLS)
    assert tw.triage == "bprop"
    assert np.isnan(tw.worst[0].bprop)


def test_without_a_symbolic_reference_only_fd_and_bprop():
    tr = Triple("x", None, np.array([1.0]), np.array([2.0]), dense_label((), (1,)), (1,))
    tw = three_way(tr, TOLS)
    assert tw.triage == "mismatch" and tw.sym_fd is None and tw.bprop_sym is None
    assert tw.worst[0].symbolic is None
