"""SGD: p ← p - lr·g, checked against numbers worked out by hand."""

import numpy as np

from gradcheck.modules import Linear
from gradcheck.train import SGD


def test_step_matches_a_hand_computed_update():
    w = np.array([[1.0, -2.0], [0.5, 3.0]])
    b = np.array([0.25, -0.75])
    SGD(0.1).step([w, b], [np.array([[0.5, 4.0], [-1.0, 0.0]]), np.array([2.0, -0.5])])
    # 1 - 0.1·0.5 = 0.95, -2 - 0.1·4 = -2.4, 0.5 + 0.1 = 0.6, 3 - 0 = 3
    np.testing.assert_array_equal(w, [[0.95, -2.4], [0.6, 3.0]])
    np.testing.assert_allclose(b, [0.05, -0.7], rtol=0, atol=1e-15)  # 0.25 - 0.2, -0.75 + 0.05


def test_step_updates_a_linear_in_place_and_keeps_float32():
    lin = Linear(2, 1, init="zeros", dtype=np.float32)
    x = np.array([[1.0, 2.0], [3.0, -1.0]], np.float32)  # (B, 2)
    lin.fprop(x)
    lin.bprop(np.array([[1.0], [0.5]], np.float32))  # grad_W = xᵀ g = [[2.5], [1.5]], grad_b = 1.5
    SGD(0.5).step(lin.params, lin.grads)
    assert lin.W.dtype == np.float32
    np.testing.assert_array_equal(lin.W, [[-1.25], [-0.75]])
    np.testing.assert_array_equal(lin.b, [-0.75])
