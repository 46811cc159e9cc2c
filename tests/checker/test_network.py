"""The network fast path: output perturbations equal plain per-entry central differences.

The reference is computed here: each parameter entry moved by ±h, the whole network's fprop
run twice, one entry at a time.
"""

import numpy as np
import pytest

from gradcheck.checker import check_module
from gradcheck.checker.network import kind, network_param_fd
from gradcheck.checker.stepsize import steps
from gradcheck.modules import Linear, LogSoftMax, ReLU, Sequential, SoftMax, Tanh
from gradcheck.modules.linear import (
    LinearAccumulate,
    LinearFirstRowBias,
    LinearNoBias,
    LinearTransposed,
    LinearUntransposed,
)


def plain_fd(net, x, p):
    """(B·M, P): (f(p + h e_c) - f(p - h e_c)) / 2h, one entry c at a time."""
    h = steps(np.ravel(p)).astype(np.float64)
    out = np.zeros((net.fprop(x).size, p.size))
    for c in range(p.size):
        old = p.flat[c]
        p.flat[c] = old + h[c]
        up = net.fprop(x).ravel()
        p.flat[c] = old - h[c]
        down = net.fprop(x).ravel()
        p.flat[c] = old
        out[:, c] = (up - down) / (2 * h[c])
    return out


def nets(rng):
    return [
        Sequential(Linear(5, 6, rng=rng), Tanh(), Linear(6, 4, rng=rng), SoftMax()),
        Sequential(Linear(4, 7, rng=rng), ReLU(), Linear(7, 3, rng=rng), LogSoftMax()),
        Sequential(Linear(3, 5, rng=rng), Tanh(), Linear(5, 5, rng=rng), Tanh()),
        Sequential(Linear(4, 3, rng=rng), SoftMax(), Linear(3, 2, rng=rng)),
    ]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("which", range(4))
def test_equals_plain_per_entry_central_differences(seed, which):
    rng = np.random.default_rng(seed)
    net = nets(rng)[which]
    for m in net.modules:
        if isinstance(m, Linear):
            m.b[...] = rng.standard_normal(m.b.shape)
    x = rng.standard_normal((int(rng.integers(2, 5)), net.modules[0].n_in)) * 2
    fast = network_param_fd(net, x)
    assert all(f is not None for f in fast)
    for f, p in zip(fast, net.params, strict=True):
        want = plain_fd(net, x, p)
        assert f.shape == want.shape
        np.testing.assert_allclose(f, want, rtol=1e-7, atol=1e-9)


def test_a_layer_with_its_own_fprop_is_not_understood_and_falls_back():
    rng = np.random.default_rng(0)
    net = Sequential(LinearNoBias(4, 4, rng=rng), Tanh(), Linear(4, 3, rng=rng), SoftMax())
    assert kind(net.modules[0]) is None and kind(net.modules[2]) == "linear"
    assert kind(SoftMax()) is None and kind(Tanh()) == "elementwise"
    fast = network_param_fd(net, rng.standard_normal((2, 4)))
    assert fast[0] is None and fast[1] is None and fast[2] is not None
    x = rng.standard_normal((3, 4))
    got, plain = check_module(net, x, rng=0), check_module(net, x, rng=0, structured=False)
    assert [t.passed for t in got.tensors] == [t.passed for t in plain.tensors]


@pytest.mark.parametrize(
    "bug",
    [LinearTransposed, LinearFirstRowBias, LinearAccumulate, LinearUntransposed],
    ids=lambda c: c.__name__,
)
@pytest.mark.parametrize("layer", [0, 2])
def test_every_planted_linear_bug_still_fails(bug, layer):
    rng = np.random.default_rng(1)
    sizes = [(6, 6), (6, 6)]
    made = [
        bug(*s, rng=rng) if i == layer // 2 else Linear(*s, rng=rng) for i, s in enumerate(sizes)
    ]
    net = Sequential(made[0], Tanh(), made[1], SoftMax())
    assert kind(made[layer // 2]) == "linear"  # the fast path does run on the broken layer
    x = rng.standard_normal((3, 6))
    fast, plain = check_module(net, x, rng=0), check_module(net, x, rng=0, structured=False)
    assert not fast.passed
    assert [t.passed for t in fast.tensors] == [t.passed for t in plain.tensors]


def test_the_exercise_network_at_real_size():
    rng = np.random.default_rng(0)
    net = Sequential(Linear(784, 200, rng=rng), Tanh(), Linear(200, 10, rng=rng), SoftMax())
    x = rng.standard_normal((2, 784))
    result = check_module(net, x, rng=0)
    assert result.passed
    assert [t.n_entries for t in result.tensors[1:]] == [20 * 156800, 20 * 200, 20 * 2000, 200]
    broken = Sequential(
        LinearFirstRowBias(784, 200, rng=0), Tanh(), Linear(200, 10, rng=0), SoftMax()
    )
    found = check_module(broken, x, rng=0)
    assert [t.passed for t in found.tensors] == [True, True, False, True, True]
