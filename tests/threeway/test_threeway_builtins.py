"""Every correct built-in PASSES three ways, over many seeds and sizes: no false alarms."""

import numpy as np
import pytest

from gradcheck.modules.registry import names
from gradcheck.threeway import verify

SEEDS = range(20)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name", list(names()))
def test_builtin_passes_over_many_seeds(name, dtype):
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        size, batch = int(rng.integers(2, 7)), int(rng.integers(1, 5))
        mv = verify(name, seed=seed, dtype=dtype, size=size, batch=batch).results[0]
        assert mv.passed, (seed, mv.triage, [c.name for c in mv.checks if not c.passed])
        assert mv.reference == name and mv.dtype == dtype


@pytest.mark.parametrize("name", list(names()))
def test_every_pair_is_checked(name):
    mv = verify(name).results[0]
    for check in mv.checks:
        assert {(p.candidate, p.reference) for p in check.pairs} == {
            ("finite differences", "symbolic"),
            ("bprop", "symbolic"),
            ("bprop", "finite differences"),
        }
    names = [c.name for c in mv.checks]
    expected = {"Linear": ["x", "W", "b", "grad_x", "grad_W", "grad_b"]}
    kind = "criterion" if name.startswith("Cross") else "module"
    assert names == expected.get(name, ["z"] if kind == "criterion" else ["x", "grad_x"])
    assert mv.kind == kind and mv.contract.passed and mv.facts
    assert (mv.stability is None) == (kind == "criterion")


def test_linear_is_n_to_n_plus_1_so_a_transpose_cannot_hide():
    mv = verify("Linear", size=3).results[0]
    assert mv.shape == (3, 4)


@pytest.mark.parametrize("name", ["SoftMax", "LogSoftMax", "Tanh"])
def test_large_inputs_are_finite_and_match_the_symbolic_jacobian(name):
    stab = verify(name, dtype="float32").results[0].stability
    assert stab.passed and stab.scale == 1000
    assert stab.check is not None and stab.check.passed


def test_relu_kinks_are_reported_not_judged():
    x = np.array([[1e-7, 1.0, -2.0]])
    mv = verify("ReLU", x=x).results[0]
    assert mv.passed
    assert mv.jacobians[0].bprop_fd.n_kinks == 3  # column 0 of the 3×3 block, in every row
