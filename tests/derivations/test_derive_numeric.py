"""jacobians() (the symbolic formulas, evaluated) against central differences of numpy
forwards written here; random seeded sizes 2-6 and values, float64."""

import numpy as np
import pytest

from gradcheck.derivations import derive
from gradcheck.errors import GradcheckError

SEEDS = range(5)


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def log_softmax(x):
    return x - x.max() - np.log(np.exp(x - x.max()).sum())


MODULES = {
    "SoftMax": softmax,
    "LogSoftMax": log_softmax,
    "Tanh": np.tanh,
    "ReLU": lambda x: np.maximum(x, 0),
}
CRITERIA = {
    "CrossEntropy": lambda z, t: -(t * np.log(z)).sum(),
    "CrossEntropyLog": lambda z, t: -(t * z).sum(),
    "SoftMax+CrossEntropy": lambda z, t: -(t * np.log(softmax(z))).sum(),
    "LogSoftMax+CrossEntropyLog": lambda z, t: -(t * log_softmax(z)).sum(),
}


def central(f, x, h=1e-6):
    """∂f/∂x by central differences, input axes last: (*f's shape, *x's shape)."""
    cols = []
    for a in range(x.size):
        e = np.zeros(x.size)
        e[a] = h
        e = e.reshape(x.shape)
        cols.append((f(x + e) - f(x - e)) / (2 * h))
    return np.stack(cols, axis=-1).reshape(np.shape(cols[0]) + x.shape)


def sample(seed, low=0.2, high=2.0):
    """A random size 2-6 and a vector of it, entries ±[low, high] (away from ReLU's kink)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 7))
    return rng, rng.uniform(low, high, n) * rng.choice([-1, 1], n)


def check(got, want):
    assert got.dtype == np.float64 and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", MODULES)
def test_module_jacobian_matches_central_differences(name, seed):
    _, x = sample(seed)
    check(derive(name).jacobians(x)["x"], central(MODULES[name], x))


@pytest.mark.parametrize("seed", SEEDS)
def test_linear_jacobians_match_central_differences(seed):
    rng, x = sample(seed)
    w = rng.normal(size=(x.size, int(rng.integers(2, 7))))  # (n_in, n_out)
    b = rng.normal(size=w.shape[1])  # (n_out,)
    got = derive("Linear").jacobians(x, [w, b])
    check(got["x"], central(lambda v: v @ w + b, x))
    check(got["W"], central(lambda v: x @ v + b, w))
    check(got["b"], central(lambda v: x @ w + v, b))


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("name", CRITERIA)
def test_criterion_gradient_matches_central_differences(name, seed):
    rng, z = sample(seed)
    z = np.abs(z) if name == "CrossEntropy" else z  # probabilities need not sum to 1 here
    t = rng.dirichlet(np.ones(z.size))  # a soft target, Σ t = 1
    check(derive(name).jacobians(z, t=t)["z"], central(lambda v: CRITERIA[name](v, t), z))


def test_any_size_works_softmax_10_and_linear_784_10():
    rng = np.random.default_rng(7)
    x = rng.normal(size=10)
    check(derive("SoftMax").jacobians(x)["x"], central(softmax, x))
    x, w, b = rng.normal(size=784), rng.normal(size=(784, 10)), rng.normal(size=10)
    got = derive("Linear").jacobians(x, [w, b])
    assert {k: v.shape for k, v in got.items()} == {
        "x": (10, 784),
        "W": (10, 784, 10),
        "b": (10, 10),
    }
    check(got["x"], w.T)
    check(got["W"], np.einsum("jk,i->kij", np.eye(10), x))  # ∂y_k/∂W_ij = δ_jk x_i
    check(got["b"], np.eye(10))


def test_softmax_is_exact_for_huge_inputs():
    got = derive("SoftMax").jacobians(np.array([1000.0, 1001.0, 999.0]))["x"]
    check(got, central(softmax, np.array([0.0, 1.0, -1.0])))


def test_relu_uses_subgradient_zero_at_zero():
    got = derive("ReLU").jacobians(np.array([-1.0, 0.0, 2.0]))["x"]
    check(got, np.diag([0.0, 0.0, 1.0]))


def test_cross_entropy_at_zero_is_minus_inf_without_warnings():
    got = derive("CrossEntropy").jacobians(np.array([0.0, 0.0, 1.0]), t=np.array([1.0, 0, 0]))
    assert got["z"][0] == -np.inf and np.all(got["z"][1:] == 0)


@pytest.mark.parametrize(
    ("name", "args", "match"),
    [
        ("SoftMax", (np.ones((2, 3)),), r"1-D float array \(N,\), got float64 of shape \(2, 3\)"),
        ("CrossEntropy", (np.ones(3),), "expects a target t, got None"),
        ("CrossEntropy", (np.ones(3), (), np.ones(2) / 2), r"t of shape \(3,\)"),
        ("Linear", (np.ones(3), [np.ones((2, 4)), np.ones(4)]), r"W \(3, n_out\)"),
        ("Linear", (np.ones(3),), r"params \[W, b\], got 0 arrays"),
    ],
)
def test_bad_arguments_raise(name, args, match):
    with pytest.raises(GradcheckError, match=match):
        derive(name).jacobians(*args)
