"""The registry's invariants: every built-in registered once, in its own file, and whatever a
Spec names exists and is right (its derivation against finite differences of its class)."""

import subprocess
import sys

import numpy as np
import pytest

from gradcheck.derivations import derive
from gradcheck.errors import GradcheckError
from gradcheck.modules import Spec, Tanh
from gradcheck.modules.registry import activations, bugs, of_class, spec, specs
from gradcheck.modules.tanh import TanhIsSigmoid
from gradcheck.threeway.inputs import DOMAINS, draw
from gradcheck.threeway.structure import FACTS

EXERCISE = ("Linear", "Tanh", "ReLU", "SoftMax", "LogSoftMax", "CrossEntropy", "CrossEntropyLog")


def central(f, x, h=1e-6):
    """∂f/∂x (M, N) of a vector function at x (N,), by central differences written here."""
    e = np.eye(x.size) * h
    return np.stack([(f(x + e[a]) - f(x - e[a])) / (2 * h) for a in range(x.size)], axis=-1)


def derivation_error(name: str, cls: type, seed: int) -> float:
    """max |symbolic Jacobian of name - finite differences of cls's fprop| at a drawn sample."""
    s, rng = spec(name), np.random.default_rng(seed)
    n = int(rng.integers(2, 7))
    x = draw(s.domain, rng, 1, n, np.float64)[0]  # (N,)
    if s.kind == "criterion":
        t = np.eye(n)[rng.integers(0, n)]  # (N,)

        def cost(z):
            c = cls()
            c.set_target(t[None])
            return np.array([c.fprop(z[None])])

        return float(np.abs(derive(name).jacobians(x, t=t)["z"] - central(cost, x)[0]).max())
    m = cls(n, n + 1, rng=seed) if s.args else cls()
    want = central(lambda v: m.fprop(v[None])[0], x)  # (M, N)
    got = derive(name).jacobians(x, [np.array(p) for p in m.params])["x"]
    return float(np.abs(got - want).max())


def test_the_seven_exercise_modules_come_first_in_order():
    assert tuple(specs())[:7] == EXERCISE
    assert all(spec(n).cls.__name__ == n for n in specs())


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("name", list(specs()))
def test_every_derivation_equals_finite_differences_of_its_class(name, seed):
    assert derivation_error(name, spec(name).cls, seed) < 1e-6


def test_the_invariant_fails_for_a_class_that_computes_something_else():
    assert derivation_error("Tanh", TanhIsSigmoid, 0) > 1e-2


@pytest.mark.parametrize("name", list(specs()))
def test_what_a_spec_names_exists(name):
    s = spec(name)
    assert s.domain in DOMAINS and set(s.facts) <= set(FACTS)
    assert all(
        b.module_name == name and isinstance(b.make(3, np.random.default_rng(0)), s.cls)
        for b in s.bugs
    )
    assert of_class(s.cls) is s and all(
        of_class(type(b.make(3, np.random.default_rng(0)))) is s for b in s.bugs
    )


def test_bug_keys_are_unique_and_activations_are_layers():
    keys = [b.key for b in bugs()]
    assert len(keys) == len(set(keys))
    assert {"tanh", "relu"} <= set(activations())
    assert all(s.kind == "layer" for s in activations().values())


def test_an_unknown_name_or_domain_is_one_clear_error():
    with pytest.raises(GradcheckError, match=r"expected a built-in module \(Linear, Tanh"):
        spec("Softmax")
    with pytest.raises(GradcheckError, match=r"domain must be one of normal, probabilities"):
        draw("positive", np.random.default_rng(0), 2, 3, np.float64)


def test_a_spec_has_exactly_one_definition_of_fprop():
    with pytest.raises(ValueError, match="a derivation or an expr"):
        Spec(Tanh)
    with pytest.raises(ValueError, match="a derivation or an expr"):
        Spec(Tanh, derivation="gradcheck.derivations.tanh", expr="tanh(x)")


def test_importing_the_modules_and_the_registry_does_not_import_sympy():
    code = "import sys, gradcheck.modules.registry as r; r.specs(); print('sympy' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
