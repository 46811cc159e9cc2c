"""f' in terms of the output y = f(x), for bprop from the cached output: against closed forms
written here, and None wherever no single such form exists or SymPy takes too long."""

import threading

import pytest
import sympy as sp

from gradcheck.derivations import formula
from gradcheck.derivations.formula_parse import parse

Y = sp.Symbol("y", real=True)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("1/(1+exp(-x))", Y * (1 - Y)),  # the sigmoid's σ' = σ (1 - σ)
        ("log(1+exp(x))", 1 - sp.exp(-Y)),  # softplus' = sigmoid(x) = 1 - e^(-y)
        ("exp(x)", Y),
        ("atan(x)", sp.cos(Y) ** 2),
    ],
)
def test_the_output_form_is_the_closed_form_and_proved(text, want):
    found = formula.in_terms_of_output(parse(text))
    assert found is not None and found.proved
    assert sp.simplify(found.shown[0].rhs - want) == 0


@pytest.mark.parametrize("text", ["x**2", "x**3 - x", "x[i] - Sum(x[j], (j, 0, N-1))/N"])
def test_no_single_output_form_means_none(text):
    """x² = y has two roots (f' = ±2√y); a row-wise formula has no scalar inverse."""
    assert formula.in_terms_of_output(parse(text)) is None


def test_a_solve_past_its_time_limit_gives_none():
    assert formula.in_terms_of_output(parse("1/(1+exp(-x)) + x/7"), seconds=1e-4) is None


def test_outside_the_main_thread_there_is_no_limit_to_set_so_none():
    found = []
    worker = threading.Thread(
        target=lambda: found.append(formula.in_terms_of_output(parse("exp(2*x)")))
    )
    worker.start()
    worker.join()
    assert found == [None]


def test_a_wrong_root_is_not_taken(monkeypatch):
    """The form is proved against f before it is shown: a root that is not one is refused."""
    monkeypatch.setattr(formula.sp, "solve", lambda *a, **k: [sp.Symbol("y", real=True) + 1])
    assert formula.in_terms_of_output(parse("exp(3*x)")) is None


def test_derive_shows_the_step_for_sigmoid():
    d = formula.from_formula("1/(1+exp(-x))")
    step = next(s for s in d.steps if s.title.startswith("in terms of the output"))
    assert sp.simplify(step.expr.rhs - Y * (1 - Y)) == 0


def test_a_timer_already_running_is_left_alone():
    import signal

    signal.setitimer(signal.ITIMER_REAL, 30)
    try:
        assert formula.in_terms_of_output(parse("exp(5*x)")) is None
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 29  # still armed, not reset
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
