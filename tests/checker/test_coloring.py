"""Grouped parameter perturbations give exactly the one-at-a-time central differences."""

import numpy as np
import pytest

from gradcheck.checker import check_module, param_jacobian_fd, param_jacobians_bprop
from gradcheck.checker.coloring import color
from gradcheck.modules import Linear, Sequential, Tanh


def test_color_groups_have_disjoint_supports(rng):
    support = rng.random((12, 30)) < 0.2
    groups = color(support)
    assert sorted(np.concatenate(groups).tolist()) == list(range(30))
    for g in groups:
        assert support[:, g].sum(axis=1).max(initial=0) <= 1


def test_linear_weights_need_one_group_per_input_row(rng):
    lin = Linear(7, 5, rng=1)
    hint = param_jacobians_bprop(lin, rng.standard_normal((3, 7)))[0] != 0
    assert len(color(hint)) == 7


@pytest.mark.parametrize("hint", ["bprop", "identity", "none-true", "all-false"])
def test_any_hint_gives_the_plain_central_differences(rng, hint):
    lin = Linear(6, 5, rng=0)
    x = rng.standard_normal((3, 6))
    plain = param_jacobian_fd(lin, x, 0)
    true = param_jacobians_bprop(lin, x)[0] != 0
    support = {
        "bprop": true,
        "identity": np.eye(*true.shape, dtype=bool),
        "none-true": ~true,
        "all-false": np.zeros_like(true),
    }[hint]
    np.testing.assert_array_equal(param_jacobian_fd(lin, x, 0, support), plain)


def test_a_bprop_that_zeroes_true_entries_is_still_caught(rng):
    class HalfGrad(Linear):
        def bprop(self, grad_y):
            grad_x = super().bprop(grad_y)
            self.grad_W[::2] = 0
            return grad_x

    result = check_module(HalfGrad(6, 4, rng=0), rng.standard_normal((3, 6)))
    w = next(t for t in result.tensors if t.name == "W")
    assert not w.passed and w.n_failed == 3 * 4 * 3  # rows 0, 2, 4 of W: 3 rows × 4 cols × B·M/4


def test_structured_and_plain_checks_agree_on_a_network(rng):
    net = Sequential(Linear(4, 5, rng=1), Tanh(), Linear(5, 3, rng=2))
    x = rng.standard_normal((2, 4))
    a, b = check_module(net, x, structured=True), check_module(net, x, structured=False)
    assert a.passed and b.passed
    # structured=True takes the network fast path (checker/network.py): the same central
    # differences, rounded differently, so the errors agree to rounding, not to the bit
    assert [t.max_abs_err for t in a.tensors] == pytest.approx(
        [t.max_abs_err for t in b.tensors], abs=1e-10
    )


def test_a_transposed_parameter_view_is_perturbed_in_place(rng):
    """reshape(-1) of a non-contiguous array would copy: the check must still see the module."""
    from gradcheck.modules.module import Module

    class TransposedWeights(Module):
        def __init__(self):
            super().__init__()
            self.W = rng.standard_normal((3, 4)).T  # (4, 3), not C-contiguous
            self.grad_W = np.zeros((3, 4)).T
            self.params, self.grads = [self.W], [self.grad_W]

        def fprop(self, x):
            self.x = x
            return x @ self.W

        def bprop(self, grad_y):
            self.grad_W[...] = self.x.T @ grad_y
            return grad_y @ self.W.T

    module = TransposedWeights()
    x = rng.standard_normal((2, 4))
    assert not module.W.flags.c_contiguous
    assert check_module(module, x).passed
    np.testing.assert_allclose(
        param_jacobian_fd(module, x, 0).reshape(2, 3, 4, 3),
        np.einsum("bi,jk->bkij", x, np.eye(3)),
        atol=1e-9,
    )
