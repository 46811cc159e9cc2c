"""derive(): names, sizes, caching, the records' shape, and no SymPy at import time."""

import dataclasses
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

from gradcheck.derivations import COMPOSITES, Derivation, Identity, Step, derive, names
from gradcheck.errors import GradcheckError
from gradcheck.modules import registry

EXERCISE = ("Linear", "Tanh", "ReLU", "SoftMax", "LogSoftMax", "CrossEntropy", "CrossEntropyLog")


def test_names_are_the_registered_modules_the_seven_first_and_the_composites():
    assert names() == registry.names() + COMPOSITES
    assert names()[:7] == EXERCISE


def test_unknown_name_raises_naming_the_choices():
    with pytest.raises(
        GradcheckError, match=r"no derivation for 'Foo': expected one of Linear, Tanh"
    ):
        derive("Foo")


@pytest.mark.parametrize("size", [0, 1, 7, 100, 3.0, "3", True])
def test_bad_size_raises(size):
    with pytest.raises(GradcheckError, match=r"from 2 to 6 \(explicit matrices get slow"):
        derive("SoftMax", size)


def test_derive_is_cached_and_defaults_to_size_3():
    assert derive("SoftMax") is derive("SoftMax", 3) is derive("SoftMax", np.int64(3))
    assert derive("SoftMax", 2).size == 2


@pytest.mark.parametrize("name", names())
def test_record_fields(name):
    d = derive(name)
    assert isinstance(d, Derivation) and d.name == name and d.size == 3
    assert d.kind == ("criterion" if "Cross" in name else "module")
    assert d.formula and d.structure and all(isinstance(f, str) for f in d.structure)
    assert all(isinstance(s, Step) for s in d.steps) and len(d.steps) >= 3
    assert all(isinstance(i, Identity) for i in d.identities)
    assert len({i.key for i in d.identities}) == len(d.identities)
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.size = 4
    assert hash(d) == hash(derive(name))  # immutable all the way down: matrices too


@pytest.mark.parametrize("name", names())
def test_everything_prints(name):
    d = derive(name)
    for e in (d.forward, d.jacobian_index, d.jacobian_matrix, *(s.expr for s in d.steps)):
        assert sp.pretty(e) and sp.latex(e)


def test_identity_lookup():
    assert derive("SoftMax").identity("1b").key == "1b"
    with pytest.raises(GradcheckError, match="no identity '9z'"):
        derive("SoftMax").identity("9z")


def test_import_does_not_import_sympy():
    code = "import sys, gradcheck.derivations; print('sympy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
