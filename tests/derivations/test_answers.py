"""The answers in words: their numbers against independent references, their proofs can fail."""

import math

import numpy as np
import pytest
import sympy as sp

from gradcheck.derivations import derive, floats, names
from gradcheck.derivations.prove import prove
from gradcheck.derivations.questions import QUESTIONS, beyond, parts, questions_for


def answer(name, key):
    return next(a for a in derive(name).answers if a.key == key)


@pytest.mark.parametrize(("dtype", "bits"), [(np.float32, 150), (np.float64, 1075)])
def test_underflow_edge_is_ln_of_half_the_smallest_subnormal(dtype, bits):
    edge = floats.underflow(dtype)
    assert edge == pytest.approx(-bits * math.log(2), abs=1e-4)
    with np.errstate(under="ignore"):
        assert np.exp(dtype(edge - 1e-3)) == 0 and np.exp(dtype(edge + 1e-3)) > 0


@pytest.mark.parametrize(("dtype", "first_inf"), [(np.float32, 89), (np.float64, 710)])
def test_overflow_edge(dtype, first_inf):
    edge = floats.overflow(dtype)
    assert edge == pytest.approx(math.log(float(np.finfo(dtype).max)), abs=1e-4)
    assert math.ceil(edge) == first_inf
    with np.errstate(over="ignore"):
        assert np.isinf(np.exp(dtype(first_inf))) and np.isfinite(np.exp(dtype(first_inf - 1)))


def test_1d_numbers_and_words():
    a = answer("CrossEntropy", "1d")
    data = dict(a.data)
    assert data["float32: exp(x) = 0 for x below"] == pytest.approx(-103.972, abs=1e-3)
    assert data["float64: exp(x) = 0 for x below"] == pytest.approx(-745.133, abs=1e-3)
    assert data["float32: softmax of (0, -104), class 1"] == 0
    assert data["its cost -ln s_1"] == math.inf
    assert data["float32: log-softmax of (0, -104), class 1"] == -104.0
    assert data["gradient s_1 - t_1 of 4e"] == -1.0
    words = " ".join(p for p in a.parts if isinstance(p, str))
    for phrase in ("float32", "float64", "batch size 1", "-ln 0", "4a", "4e", "s - t"):
        assert phrase in words
    assert derive("CrossEntropy").identity("1d").proved  # the limit the words rest on


def test_4a_steps_are_proved_and_a_wrong_step_is_not():
    a = answer("SoftMax", "4a")
    ident = a.identities[0]
    assert ident.proved and len(ident.chain) == 3
    assert all(prove(ident.chain[0], e) for e in ident.chain[1:])
    lhs, rhs = ident.chain[0], ident.chain[1]
    c = sp.Symbol("c", real=True)
    assert not prove(lhs, rhs * sp.exp(c))  # e^c left uncancelled
    data = dict(a.data)
    assert data["float64 exp(710)"] == math.inf and data["float32 exp(89)"] == math.inf
    assert math.isnan(data["naive softmax((1000, 0))_0"])
    assert data["max-shifted softmax((1000, 0))_0"] == 1.0


def test_1c_batch_is_the_mean_and_the_per_sample_form_is_not():
    ident = answer("CrossEntropy", "1c").identities[0]
    assert ident.proved
    B = sp.Symbol("B", integer=True, positive=True)
    assert not prove(ident.lhs, ident.rhs * B)  # -t/z, the per-sample gradient


def test_the_module_returns_the_batch_form():
    from gradcheck.modules import CrossEntropy

    rng = np.random.default_rng(0)
    z = rng.uniform(0.1, 1.0, (4, 3))  # (B, N)
    t = np.eye(3)[[0, 2, 1, 2]]  # (B, N)
    ce = CrossEntropy()
    ce.set_target(t)
    ce.fprop(z)
    assert np.allclose(ce.bprop(), -t / (4 * z), rtol=1e-15, atol=0)


@pytest.mark.parametrize("name", names())
def test_questions_cover_every_step_and_identity_once(name):
    d = derive(name)
    steps, keys, answers = [], [], []
    for q in [q for q in QUESTIONS if q.name == name] or [beyond(name)]:
        s, i, a = parts(q, d)
        steps += s
        keys += [ident.key for ident in i]
        answers += [x.key for x in a]
    assert sorted(map(id, steps)) == sorted(map(id, d.steps))
    assert sorted(keys) == sorted(i.key for i in d.identities)
    assert sorted(answers) == sorted(a.key for a in d.answers)


def test_every_sheet_question_points_at_a_derivation():
    assert {q.name for q in QUESTIONS} <= set(names())
    numbered = [q for q in QUESTIONS if q.number]
    assert len(numbered) == len(QUESTIONS)  # the sheet's own; the rest is "Beyond the sheet"


def test_a_module_beyond_the_sheet_gets_a_section_of_its_own():
    asked = questions_for(names())
    assert [q.title for q in asked if not q.number] == [
        f"Beyond the sheet: {n}" for n in names() if all(q.name != n for q in QUESTIONS)
    ]
    assert "Beyond the sheet: ReLU" in [q.title for q in asked]


def test_derivation_repr_is_short_and_notebooks_get_markdown():
    import gradcheck

    d = gradcheck.derive("SoftMax")  # the public entry point teaches results to display
    assert len(repr(d)) < 200 and "7 of 7 identities proved" in repr(d)
    bundle = d._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/markdown"}
    assert bundle["text/markdown"].startswith("## 1a. The softmax Jacobian")
