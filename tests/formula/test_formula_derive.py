"""from_formula: the Jacobian against SymPy's explicit one and closed forms, computed here."""

import dataclasses

import numpy as np
import pytest
import sympy as sp

from gradcheck import GradcheckError
from gradcheck.derivations.formula import _derivation, from_formula
from gradcheck.derivations.formula_parse import parse

E = sp.exp


def l2(xs, a):
    return xs[a] / sp.sqrt(sum(v**2 for v in xs))


def softmax(xs, a):
    return E(xs[a]) / sum(E(v) for v in xs)


def center(xs, a):
    return xs[a] - sum(xs) / len(xs)


ELEMENTWISE = {  # formula -> f written here with sympy
    "1/(1+exp(-x))": lambda v: 1 / (1 + E(-v)),
    "log(1+exp(x))": lambda v: sp.log(1 + E(v)),
    "x*tanh(log(1+exp(x)))": lambda v: v * sp.tanh(sp.log(1 + E(v))),
    "Max(x, 0)**2 - x^3": lambda v: sp.Max(v, 0) ** 2 - v**3,
}
ROWWISE = {
    "x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))": l2,
    "exp(x[i])/Sum(exp(x[j]), (j, 0, N-1))": softmax,
    "x[i] - Sum(x[j], (j, 0, N-1))/N": center,
}


def explicit_jacobian(forward, n: int, xv: np.ndarray) -> np.ndarray:
    """Matrix.jacobian of the forward written out at N = n, evaluated at xv."""
    xs = sp.symbols(f"a0:{n}", real=True)
    ys = sp.Matrix([forward(xs, a) for a in range(n)])
    return np.array(sp.lambdify([xs], ys.jacobian(xs), "numpy")(xv), dtype=float)


@pytest.mark.parametrize("n", [2, 5, 8])
@pytest.mark.parametrize("text", list(ELEMENTWISE) + list(ROWWISE))
def test_the_jacobian_equals_sympys_explicit_one(text, n, rng):
    xv = rng.standard_normal(n) * 2
    f = ELEMENTWISE.get(text)
    forward = (lambda xs, a: f(xs[a])) if f else ROWWISE[text]
    got = from_formula(text).jacobians(xv)["x"]
    np.testing.assert_allclose(got, explicit_jacobian(forward, n, xv), rtol=1e-12, atol=1e-14)


def test_at_large_n_the_closed_forms(rng):
    xv = rng.standard_normal(300) * 2
    yv = xv / np.linalg.norm(xv)
    want = (np.eye(300) - np.outer(yv, yv)) / np.linalg.norm(xv)  # (I - y yᵀ)/||x||
    got = from_formula("x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))").jacobians(xv)["x"]
    np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-15)
    s = np.exp(xv - xv.max()) / np.exp(xv - xv.max()).sum()
    got = from_formula("exp(x[i])/Sum(exp(x[j]), (j, 0, N-1))").jacobians(xv)["x"]
    np.testing.assert_allclose(got, np.diag(s) - np.outer(s, s), rtol=1e-10, atol=1e-15)


def test_the_forward_values(rng):
    xv = rng.standard_normal(6)
    np.testing.assert_allclose(parse("1/(1+exp(-x))").values(xv), 1 / (1 + np.exp(-xv)))
    np.testing.assert_allclose(
        parse("x[i] - Sum(x[j], (j, 0, N-1))/N").values(xv), xv - xv.mean(), atol=1e-15
    )


def test_structure_facts_are_those_the_formula_has():
    def facts(text):
        return set(from_formula(text).structure[1:])

    diagonal, symmetric, rows = (
        "diagonal: y_i depends on x_i only",
        "symmetric: J = Jᵀ",
        "each row sums to 0",
    )
    assert facts("1/(1+exp(-x))") == {diagonal, symmetric}  # diag(f'(x))
    assert facts("x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))") == {symmetric}  # (I - y yᵀ)/||x||
    assert facts("exp(x[i])/Sum(exp(x[j]), (j, 0, N-1))") == {symmetric, rows}  # diag(s) - s sᵀ
    assert facts("x[i] - Sum(x[j], (j, 0, N-1))/N") == {symmetric, rows}  # I - 1/N
    assert facts("x[i]*Sum(x[j], (j, 0, N-1))") == set()  # δ_ij S + x_i: not symmetric
    assert all(i.proved for i in from_formula("x[i]*Sum(x[j], (j, 0, N-1))").identities)


def test_a_wrong_general_n_jacobian_is_not_proved_equal_to_the_explicit_one():
    f = parse("x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))")
    assert _derivation(f, 3).identity("formula-matrix").proved
    broken = dataclasses.replace(f, jacobian=f.jacobian.subs(sp.Rational(3, 2), 1))
    assert broken.jacobian != f.jacobian
    assert not _derivation(broken, 3).identity("formula-matrix").proved


def test_the_explicit_matrix_is_at_the_size_asked():
    d = from_formula("exp(x[i])/Sum(exp(x[j]), (j, 0, N-1))", size=5)
    assert d.size == 5 and d.jacobian_matrix.shape == (5, 5)
    for bad in (1, 7, 2.5, True, "3"):
        with pytest.raises(GradcheckError, match="from 2 to 6"):
            from_formula("tanh(x)", size=bad)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("x +", "syntax error"),
        ("1/(1+exp(-x)))", "syntax error"),
        ("x*y", "unknown name 'y'"),
        ("foo(x)", "unknown function 'foo'"),
        ("exp(x[k])", "x[k] has a foreign index"),
        ("x[i+1]", "x[i + 1] has a foreign index"),
        ("x[j]", "x[j] outside a Sum over j"),
        ("Sum(x[j], (j, 1, N))", "Sum over (j, 1, N)"),
        ("Sum(x[k], (k, 0, N-1))", "Sum over (k, 0, N - 1)"),
        ("x*x[i]", "both alone (elementwise) and indexed"),
        ("x**N", "elementwise formula is in x alone"),
        ("2 + N", "does not depend on x"),
        ("x - x", "does not depend on x"),
        ("exp(x, 2)", "SymPy cannot read it"),
        ("x.conjugate()", "is not allowed"),
        ("__import__('os').system('true')", "is not allowed"),
        ("", "expected an expression in x"),
    ],
)
def test_a_malformed_formula_is_one_line(text, says):
    with pytest.raises(GradcheckError) as e:
        from_formula(text)
    assert says in str(e.value) and "\n" not in str(e.value)
