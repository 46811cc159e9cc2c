"""The checker itself: its Jacobians against closed forms, its contract, kinks, steps, tolerances."""

import numpy as np
import pytest

from gradcheck.checker import (
    check_module,
    input_jacobian_bprop,
    input_jacobian_fd,
    param_jacobian_fd,
    steps,
    tolerance,
)
from gradcheck.checker.compare import compare, dense_label
from gradcheck.modules import Linear, ReLU, SoftMax, Tanh
from gradcheck.modules.module import Module


def softmax_jacobian(x):
    s = np.exp(x) / np.exp(x).sum()
    return np.diag(s) - np.outer(s, s)


def test_fd_jacobian_of_softmax_is_diag_s_minus_ssT(rng):
    x = rng.standard_normal((3, 5))
    for b in range(3):
        np.testing.assert_allclose(
            input_jacobian_fd(SoftMax(), x, b), softmax_jacobian(x[b]), atol=1e-10
        )


def test_bprop_jacobian_rows_are_outputs(rng):
    x = rng.standard_normal((2, 4))
    lin = Linear(4, 3, rng=1)
    np.testing.assert_allclose(input_jacobian_bprop(lin, x, 1, 3), lin.W.T, rtol=1e-15)


def test_fd_jacobian_of_linear_weights_is_sparse_x(rng):
    x = rng.standard_normal((2, 3))
    lin = Linear(3, 4, rng=1)
    jw = param_jacobian_fd(lin, x, 0).reshape(2, 4, 3, 4)  # (b, k, i, j) = δ_jk x_bi
    expected = np.einsum("bi,jk->bkij", x, np.eye(4))
    np.testing.assert_allclose(jw, expected, atol=1e-9)
    np.testing.assert_allclose(param_jacobian_fd(lin, x, 1), np.tile(np.eye(4), (2, 1)), atol=1e-9)


def test_parameters_are_restored_after_finite_differences(rng):
    lin = Linear(3, 2, rng=1)
    w, b = lin.W.copy(), lin.b.copy()
    check_module(lin, rng.standard_normal((2, 3)))
    np.testing.assert_array_equal(lin.W, w)
    np.testing.assert_array_equal(lin.b, b)


def test_steps_scale_with_magnitude_and_are_exact():
    x = np.array([0.0, 1e-3, 2.0, -1e6])
    h = steps(x)
    c = np.cbrt(np.finfo(float).eps)
    np.testing.assert_allclose(h, c * np.array([1, 1, 2, 1e6]), rtol=1e-9)
    np.testing.assert_array_equal((x + h) - x, h)
    assert steps(x.astype(np.float32)).dtype == np.float32
    assert steps(np.zeros(1, np.float32))[0] == pytest.approx(
        np.cbrt(np.finfo(np.float32).eps), rel=1e-6
    )


def test_tolerance_is_dtype_aware():
    assert tolerance(np.float32).rtol > tolerance(np.float64).rtol
    assert tolerance(np.float64, atol=1.0).atol == 1.0


def test_compare_fails_just_outside_the_tolerance():
    tol = tolerance(np.float64)
    ref = np.array([1.0, 2.0])
    label = dense_label((), (2,))
    inside = compare("x", ref, ref + 0.99 * tol.bound(ref), tol, label, shape=(2,))
    outside = compare("x", ref, ref + [0, 1.01 * tol.bound(ref)[1]], tol, label, shape=(2,))
    assert inside.passed and not outside.passed and outside.n_failed == 1
    assert outside.worst[0].col == (1,)


def test_nan_in_bprop_fails():
    tol = tolerance(np.float64)
    check = compare(
        "x", np.ones(2), np.array([1.0, np.nan]), tol, dense_label((), (2,)), shape=(2,)
    )
    assert not check.passed


class BatchSoftMax(Module):
    """Normalises over the whole batch: rows are not independent."""

    def fprop(self, x):
        e = np.exp(x - x.max())
        self.y = e / e.sum()
        return self.y

    def bprop(self, grad_y):
        v, s = grad_y, self.y
        return s * (v - (v * s).sum())


def test_row_contract_fails_for_a_module_that_mixes_rows(rng):
    result = check_module(BatchSoftMax(), rng.standard_normal((3, 4)))
    assert not result.contract.passed and not result.passed
    assert "other rows" in result.contract.detail


def test_row_contract_holds_for_tanh(rng):
    assert check_module(Tanh(), rng.standard_normal((1, 4))).contract.passed


def test_relu_kinks_are_reported_not_failed():
    x = np.array([[0.0, 1.0, -1.0], [2.0, 1e-9, -0.5]])
    result = check_module(ReLU(), x)
    tensor = result.tensors[0]
    assert result.passed and tensor.n_kinks == 2 * 3
    assert {e.col for e in tensor.kinks} <= {(0, 0), (1, 1)}


def test_a_real_bug_is_not_excused_as_a_kink(rng):
    class LeakyByMistake(ReLU):
        def bprop(self, grad_y):
            return grad_y * np.where(self.y > 0, 1.0, 0.5)

    x = np.array([[0.0, 1.0, -1.0]])
    result = check_module(LeakyByMistake(), x)
    assert not result.passed and result.tensors[0].n_kinks == 3


def test_cost_contract_fails_for_a_summed_cost(rng):
    from gradcheck.checker import check_criterion
    from gradcheck.modules import CrossEntropyLog

    class SummedCost(CrossEntropyLog):
        def fprop(self, z):
            return super().fprop(z) * len(z)

        def _bprop(self):
            return super()._bprop() * len(self.z)

    z = np.log(rng.dirichlet(np.ones(4), 3))
    result = check_criterion(SummedCost(), z, np.array([0, 1, 3]))
    assert result.tensors[0].passed  # its gradient is consistent with its (summed) cost ...
    assert not result.contract.passed and not result.passed  # ... but the cost is not the mean
    assert "not the mean" in result.contract.detail
