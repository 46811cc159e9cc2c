"""Every identity is proved by SymPy, and the same prover says False to wrong ones."""

import doctest

import numpy as np
import pytest
import sympy as sp

from gradcheck.derivations import derive, names, prove
from gradcheck.derivations.index import N, delta, i, j, m, s, softmax_of, t, total, v, x, z
from gradcheck.derivations.prove import identity
from gradcheck.derivations.tanh import tanh_of

EXERCISE = {
    "SoftMax": {"1a", "1b", "4a"},
    "CrossEntropy": {"1c", "1d"},
    "Tanh": {"3a"},
    "LogSoftMax": {"4b", "4c"},
    "CrossEntropyLog": {"4d"},
    "Linear": {"linear-W", "linear-b", "linear-x", "linear-dW"},
    "ReLU": {"relu"},
    "SoftMax+CrossEntropy": {"composite-ce"},
    "LogSoftMax+CrossEntropyLog": {"composite-ce-log"},
}


@pytest.mark.parametrize("size", [2, 3])
@pytest.mark.parametrize("name", names())
def test_every_identity_is_proved(name, size):
    d = derive(name, size)
    assert EXERCISE.get(name, set()) <= {
        ident.key for ident in d.identities
    }  # a formula's: its own
    assert [ident.key for ident in d.identities if not ident.proved] == []


@pytest.mark.parametrize("name", names())
def test_recorded_flags_are_reproduced_from_lhs_and_rhs(name):
    for ident in derive(name).identities:
        assert prove.prove(ident.lhs, ident.rhs) is True, ident.key


def _sides(name, key):
    ident = derive(name).identity(key)
    return ident.lhs, ident.rhs


def _tanh_prime():
    a = sp.Symbol("a", real=True)
    return sp.diff(tanh_of(a), a), 1 - tanh_of(a) ** 2, 1 + tanh_of(a) ** 2


def _ce_gradient():
    lhs = sp.diff(-total(t[i] * sp.log(z[i]), i), z[j])
    return lhs, -t[j] / z[j], t[j] / z[j]


BROKEN = {  # name -> (lhs, right rhs, deliberately wrong rhs)
    "softmax bprop without the v·s term": lambda: (
        total(v[i] * derive("SoftMax").jacobian_index.rhs, i),
        s[j] * (v[j] - total(v[i] * s[i], i)),
        s[j] * v[j],
    ),
    "softmax Jacobian without the diagonal": lambda: (
        *_sides("SoftMax", "1a"),
        -softmax_of(x, i) * softmax_of(x, j),
    ),
    "tanh' = 1 + tanh²": _tanh_prime,
    "cross-entropy gradient with the wrong sign": _ce_gradient,
    "log-softmax Jacobian with s_i for s_j": lambda: (
        *_sides("LogSoftMax", "4b"),
        delta(i, j) - softmax_of(x, i),
    ),
    "composite gradient t - s": lambda: (
        *_sides("SoftMax+CrossEntropy", "composite-ce"),
        t[j] - softmax_of(z, j, m),
    ),
    "softmax(x + c) = 2 softmax(x) at N = 3": lambda: (
        *_sides("SoftMax", "4a-matrix"),
        2 * _sides("SoftMax", "4a-matrix")[1],
    ),
    "∂ℓ/∂W = (xᵀ g)ᵀ, shapes differ": lambda: (
        *_sides("Linear", "linear-W"),
        _sides("Linear", "linear-W")[1].T,
    ),
    "ReLU' = H(x) + 1": lambda: (*_sides("ReLU", "relu"), _sides("ReLU", "relu")[1] + 1),
}


@pytest.mark.parametrize("case", BROKEN)
def test_the_prover_fails_a_broken_identity(case):
    lhs, right, wrong = BROKEN[case]()
    assert prove.prove(lhs, right) is True
    assert prove.prove(lhs, wrong) is False
    assert identity("broken", case, lhs, wrong).proved is False


def test_proofs_hold_for_general_n():
    d = derive("SoftMax")
    assert d.identity("1b").lhs.has(N) and "general N" in d.identity("1b").note


def test_1d_limit_is_minus_infinity_and_float_numbers_are_recorded():
    ident = derive("CrossEntropy").identity("1d")
    assert ident.proved and ident.rhs == -sp.oo and ident.lhs.doit() == -sp.oo
    data = dict(ident.data)
    assert data["float64 z = 0"] == -np.inf and data["float32 z = 0"] == -np.inf
    assert data["float64 z = 4.941e-324 (smallest subnormal)"] == -np.inf
    assert np.isfinite(data["float32 z = 1.175e-38 (smallest normal)"])
    edge = np.float32(data["float32 -inf for z <="])
    with np.errstate(divide="ignore", over="ignore"):
        assert np.isinf(-1 / edge) and np.isfinite(-1 / np.nextafter(edge, np.float32(1)))
    assert edge < np.finfo(np.float32).smallest_normal  # only subnormal z overflow float32


def test_prove_doctests():
    assert doctest.testmod(prove).failed == 0
