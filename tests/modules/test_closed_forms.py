"""Each module against values known in closed form, not against its own output."""

import math

import numpy as np
import pytest

from gradcheck.modules import (
    CrossEntropy,
    CrossEntropyLog,
    Linear,
    LogSoftMax,
    ReLU,
    Sequential,
    SoftMax,
    Tanh,
)


def test_softmax_of_equal_inputs_is_uniform(rng):
    n = int(rng.integers(2, 7))
    s = SoftMax().fprop(np.full((3, n), 2.5))
    np.testing.assert_allclose(s, 1 / n, rtol=1e-15)


def test_softmax_of_huge_spread_is_finite_one_hot():
    s = SoftMax().fprop(np.array([[1000.0, 0.0, -1000.0]]))
    np.testing.assert_allclose(s, [[1, 0, 0]], atol=np.finfo(float).eps)


def test_softmax_matches_the_definition(rng):
    x = rng.standard_normal((4, 5))
    expected = [[math.exp(v) / sum(math.exp(u) for u in row) for v in row] for row in x]
    np.testing.assert_allclose(SoftMax().fprop(x), expected, rtol=1e-13)


def test_log_softmax_of_huge_spread_is_exact():
    y = LogSoftMax().fprop(np.array([[1000.0, 0.0, -1000.0]]))
    np.testing.assert_allclose(y, [[0, -1000, -2000]], atol=1e-12)


def test_log_softmax_is_log_of_definition(rng):
    x = rng.standard_normal((3, 4))
    expected = [[v - math.log(sum(math.exp(u) for u in row)) for v in row] for row in x]
    np.testing.assert_allclose(LogSoftMax().fprop(x), expected, rtol=1e-13)


def test_tanh_slope_at_zero_is_one():
    t = Tanh()
    t.fprop(np.zeros((1, 3)))
    np.testing.assert_array_equal(t.bprop(np.ones((1, 3))), 1.0)


def test_tanh_slope_is_sech_squared(rng):
    x = rng.standard_normal((2, 4))
    t = Tanh()
    t.fprop(x)
    np.testing.assert_allclose(t.bprop(np.ones_like(x)), 1 / np.cosh(x) ** 2, rtol=1e-14)


def test_relu_values_and_subgradient_zero_at_zero():
    r = ReLU()
    y = r.fprop(np.array([[-2.0, 0.0, 3.0]]))
    np.testing.assert_array_equal(y, [[0, 0, 3]])
    np.testing.assert_array_equal(r.bprop(np.array([[5.0, 7.0, 11.0]])), [[0, 0, 11]])


def test_linear_by_hand():
    lin = Linear(2, 3, init="zeros")
    lin.W[...] = [[1, 2, 3], [4, 5, 6]]
    lin.b[...] = [0.5, -0.5, 1]
    y = lin.fprop(np.array([[1.0, -1.0], [2.0, 0.5]]))
    np.testing.assert_array_equal(y, [[-2.5, -3.5, -2], [4.5, 6, 10]])
    g = np.array([[1.0, 0.0, 2.0], [0.0, 3.0, -1.0]])
    grad_x = lin.bprop(g)
    np.testing.assert_array_equal(lin.grad_W, [[1, 6, 0], [-1, 1.5, -2.5]])
    np.testing.assert_array_equal(lin.grad_b, [1, 3, 1])
    np.testing.assert_array_equal(grad_x, [[7, 16], [3, 9]])


def test_linear_inits(rng):
    n_in, n_out = 300, 200
    w = Linear(n_in, n_out, rng=1).W
    a = math.sqrt(6 / (n_in + n_out))
    assert -a <= w.min() and w.max() <= a and w.std() == pytest.approx(a / math.sqrt(3), rel=0.02)
    assert Linear(n_in, n_out, init="normal", rng=1).W.std() == pytest.approx(
        1 / math.sqrt(n_in), rel=0.02
    )
    assert not Linear(n_in, n_out, init="zeros").W.any()


def test_linear_skips_the_input_gradient_when_asked(rng):
    lin = Linear(3, 2, rng=0, requires_input_grad=False)
    lin.fprop(rng.standard_normal((4, 3)))
    assert lin.bprop(rng.standard_normal((4, 2))) is None
    assert lin.grad_W.any()


@pytest.mark.parametrize("labels", [True, False])
def test_cross_entropy_exact_per_sample_cost(rng, labels):
    z = rng.dirichlet(np.ones(4), 3)
    t = np.array([2, 0, 3])
    target = t if labels else np.eye(4)[t]
    ce = CrossEntropy()
    ce.set_target(target)
    expected = -sum(math.log(z[b, t[b]]) for b in range(3)) / 3
    assert ce.fprop(z) == pytest.approx(expected, rel=1e-14)


def test_cross_entropy_soft_target(rng):
    z, t = rng.dirichlet(np.ones(3), 2), rng.dirichlet(np.ones(3), 2)
    ce = CrossEntropy()
    ce.set_target(t)
    expected = -sum(t[b, i] * math.log(z[b, i]) for b in range(2) for i in range(3)) / 2
    assert ce.fprop(z) == pytest.approx(expected, rel=1e-14)


def test_cross_entropy_gradient_closed_form(rng):
    z = rng.dirichlet(np.ones(4), 2)
    ce = CrossEntropy()
    ce.set_target(np.array([1, 3]))
    ce.fprop(z)
    expected = np.zeros((2, 4))
    expected[0, 1], expected[1, 3] = -1 / (2 * z[0, 1]), -1 / (2 * z[1, 3])
    np.testing.assert_allclose(ce.bprop(), expected, rtol=1e-15)


def test_cross_entropy_log_cost_and_gradient(rng):
    z = np.log(rng.dirichlet(np.ones(5), 4))
    t = np.array([4, 0, 2, 2])
    cel = CrossEntropyLog()
    cel.set_target(t)
    assert cel.fprop(z) == pytest.approx(-sum(z[b, t[b]] for b in range(4)) / 4, rel=1e-14)
    np.testing.assert_array_equal(cel.bprop(), -np.eye(5)[t] / 4)


def test_stable_and_naive_pairs_agree_on_the_cost(rng):
    x, t = rng.standard_normal((6, 7)), rng.integers(0, 7, 6)
    ce, cel = CrossEntropy(), CrossEntropyLog()
    ce.set_target(t)
    cel.set_target(t)
    assert ce.fprop(SoftMax().fprop(x)) == pytest.approx(
        cel.fprop(LogSoftMax().fprop(x)), rel=1e-13
    )


def test_cross_entropy_at_zero_probability_is_inf():
    ce = CrossEntropy()
    ce.set_target(np.array([1]))
    assert ce.fprop(np.array([[1.0, 0.0]])) == math.inf


def test_cross_entropy_ignores_zero_probability_of_other_classes():
    ce = CrossEntropy()
    ce.set_target(np.array([0]))
    assert ce.fprop(np.array([[1.0, 0.0]])) == 0.0
    np.testing.assert_array_equal(ce.bprop(), [[-1.0, 0.0]])


def test_sequential_composes_and_concatenates(rng):
    a, b = Linear(3, 4, rng=1), Linear(4, 2, rng=2)
    net = Sequential(a, Tanh(), b)
    x = rng.standard_normal((5, 3))
    np.testing.assert_allclose(net.fprop(x), np.tanh(x @ a.W + a.b) @ b.W + b.b, rtol=1e-14)
    assert net.params == [a.W, a.b, b.W, b.b] and net.grads == [
        a.grad_W,
        a.grad_b,
        b.grad_W,
        b.grad_b,
    ]


def test_zero_grad(rng):
    lin = Linear(3, 2, rng=0)
    lin.fprop(rng.standard_normal((2, 3)))
    lin.bprop(rng.standard_normal((2, 2)))
    lin.zero_grad()
    assert not lin.grad_W.any() and not lin.grad_b.any()
