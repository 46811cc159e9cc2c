"""verify(..., formula=EXPR): students' modules checked against a formula, triage and facts."""

from pathlib import Path

import numpy as np
import pytest

from gradcheck import GradcheckError
from gradcheck.threeway import verify

STUDENTS = Path(__file__).parent / "students"
SIGMOID = "1/(1+exp(-x))"
L2 = "x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))"
SOFTMAX = "exp(x[i])/Sum(exp(x[j]), (j, 0, N-1))"
CENTER = "x[i] - Sum(x[j], (j, 0, N-1))/N"


def check(spec: str, formula: str, **options):
    return verify(f"{STUDENTS / spec}", formula=formula, **options).results[0]


def triages(result) -> set[str]:
    return {c.triage for c in result.checks}


@pytest.mark.parametrize(
    ("spec", "formula"),
    [
        ("elementwise.py:Sigmoid", SIGMOID),
        ("elementwise.py:Softplus", "log(1+exp(x))"),
        ("elementwise.py:Mish", "x*tanh(log(1+exp(x)))"),
        ("rowwise.py:L2Normalize", L2),
        ("rowwise.py:StudentSoftmax", SOFTMAX),
        ("rowwise.py:Center", CENTER),
    ],
)
def test_a_correct_module_passes_against_its_formula(spec, formula):
    r = check(spec, formula, seed=1)
    assert r.passed, (r.sentence, [c.triage for c in r.checks])
    assert r.reference == f"formula: {formula}" and r.error is None
    assert all(c.bprop_sym is not None for c in r.checks)  # the symbolic leg was there


def test_float32_and_other_sizes_pass_too():
    assert check("elementwise.py:Sigmoid", SIGMOID, dtype="float32", size=7).passed
    assert check("rowwise.py:L2Normalize", L2, size=2, batch=5).passed
    assert check("rowwise.py:StudentSoftmax", SOFTMAX, size=40, batch=2).passed


def test_a_wrong_bprop_is_triaged_bprop():
    r = check("elementwise.py:SigmoidPlusSign", SIGMOID)
    assert not r.passed and triages(r) == {"bprop"}


def test_an_fprop_that_computes_another_function_is_triaged_fprop():
    r = check("elementwise.py:TanhCalledSigmoid", SIGMOID)
    assert not r.passed and triages(r) == {"fprop"}


def test_a_row_wise_bprop_without_its_projection_term_fails():
    r = check("rowwise.py:L2NormalizeNoProjection", L2)
    assert not r.passed and triages(r) == {"bprop"}


def test_the_facts_proved_for_the_formula_are_checked_on_bprop():
    ok = check("rowwise.py:Center", CENTER)
    assert {f.name: f.passed for f in ok.facts} == {
        "symmetric: J = Jᵀ": True,
        "each row sums to 0": True,
    }
    assert {f.name for f in check("elementwise.py:Sigmoid", SIGMOID).facts} >= {
        "diagonal: y_i depends on x_i only"
    }
    assert {f.name for f in check("rowwise.py:L2Normalize", L2).facts} == {"symmetric: J = Jᵀ"}


def test_a_fact_fails_for_a_bprop_that_breaks_it():
    r = check("rowwise.py:CenterNoMean", CENTER)
    facts = {f.name: f.passed for f in r.facts}
    assert not r.passed and facts["each row sums to 0"] is False  # J = I: rows sum to 1


def test_a_formula_not_finite_at_the_drawn_input_is_one_line():
    with pytest.raises(GradcheckError, match=r"not finite at the drawn input.*y_\d = nan") as e:
        verify("Tanh", formula="log(x)")
    assert "\n" not in str(e.value)
    with pytest.raises(GradcheckError, match=r"∂y_\d/∂x_\d = (-?inf|nan)"):
        verify("Tanh", formula="sqrt(Abs(x))", x=np.zeros((1, 3)))  # y = 0, J = 0/0


# the reading layer probes the class with its own standard normal inputs first: np.log warns
@pytest.mark.filterwarnings("ignore:invalid value encountered in log:RuntimeWarning")
def test_inside_its_domain_the_same_formula_checks():
    x = np.random.default_rng(0).uniform(0.5, 3.0, (3, 4))
    assert check("elementwise.py:Log", "log(x)", x=x).passed


def test_formula_and_a_builtin_reference_are_exclusive():
    with pytest.raises(GradcheckError, match="not both"):
        check("elementwise.py:Sigmoid", SIGMOID, reference="Tanh")


def test_a_builtin_checks_against_a_formula():
    assert verify("Tanh", formula="tanh(x)").passed
    assert verify("SoftMax", formula=SOFTMAX, size=6).passed
    r = verify("Tanh", formula=SIGMOID).results[0]
    assert not r.passed and triages(r) == {"fprop"}
