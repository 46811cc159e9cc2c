"""Any module by formula: y_i from a SymPy expression, elementwise in x or row-wise in x[i], x[j].

Elementwise: y_i = f(x_i), e.g. `1/(1+exp(-x))`. Row-wise: output entry i in terms of x[i],
x[j] (j only inside `Sum(..., (j, 0, N-1))`) and N, e.g. `x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))`.
SymPy derives ∂y_i/∂x_j for general N (Kronecker deltas summed out), which numpy evaluates at
any N; Matrix.jacobian of the explicit forward at N = size is proved equal to it.
"""

from __future__ import annotations

import signal
from functools import cache, partial

import numpy as np
import sympy as sp

from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.formula_parse import Formula, parse
from gradcheck.derivations.index import N, explicit, i, j, jac, k, x, y
from gradcheck.derivations.prove import identity
from gradcheck.errors import GradcheckError
from gradcheck.timelimit import Timeout, alarm, can_limit

PREFIX = "formula: "  # a reference label "formula: EXPR" names the derivation of EXPR
DEFAULT_SIZE = 3  # explicit matrices at N = 3, as the built-ins'
SOLVE_SECONDS = 1.0  # how long SymPy may try to write f' in terms of the output y
_SOLVED: dict = {}  # f(x) -> (f'(x), g(y)) or None, once SymPy has finished
# structural facts proved on the explicit Jacobian; the names are gradcheck.threeway.structure's
FACTS = (
    (
        "diagonal: y_i depends on x_i only",
        "formula-diagonal",
        lambda jm: (jm - sp.diag(*jm.diagonal()), sp.zeros(*jm.shape)),
    ),
    ("symmetric: J = Jᵀ", "formula-symmetric", lambda jm: (jm, jm.T)),
    (
        "each row sums to 0",
        "formula-rows",
        lambda jm: (jm * sp.ones(jm.cols, 1), sp.zeros(jm.rows, 1)),
    ),
)


def is_formula(reference) -> bool:
    """Whether a reference label names a formula ("formula: EXPR") rather than a built-in."""
    return isinstance(reference, str) and reference.startswith(PREFIX)


def reference(text: str) -> str:
    """The reference label of a formula, "formula: EXPR", once the formula reads."""
    return PREFIX + parse(text).text


def derivation_of(ref: str, size: int | None = None) -> Derivation:
    """The Derivation a reference label names: a formula's, or a built-in's (derive)."""
    if is_formula(ref):
        return from_formula(ref[len(PREFIX) :], size or DEFAULT_SIZE)
    from gradcheck.derivations import derive

    return derive(ref, size)


def require_finite(text: str, xb: np.ndarray) -> None:
    """A GradcheckError unless y and ∂y/∂x of the formula are finite at every sample of xb."""
    f = parse(text)
    for b, row in enumerate(np.asarray(xb, np.float64)):
        yv, jv = f.values(row), f.jacobian_at(row)  # (N,), (N, N)
        bad = np.argwhere(~np.isfinite(np.column_stack([yv, jv])))  # (K, 2): output, column
        if bad.size:
            a, c = (int(v) for v in bad[0])
            what = f"y_{a} = {yv[a]}" if c == 0 else f"∂y_{a}/∂x_{c - 1} = {jv[a, c - 1]}"
            at = (
                f"x_{a} = {row[a]:.4g}"
                if f.kind == "elementwise"
                else f"x = ({', '.join(f'{v:.4g}' for v in row[:6])}{', ...' * (row.size > 6)})"
            )
            raise GradcheckError(
                f"formula {f.text!r} is not finite at the drawn input: at sample {b}, {at} "
                f"gives {what} (the domain is yours: inputs are standard normal × 2; give "
                "others with verify(..., x=...))"
            )


def from_formula(expr_text: str, size: int = DEFAULT_SIZE) -> Derivation:
    """The Derivation of a module given by formula, explicit matrices at N = size (2..6)."""
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or not 2 <= size <= 6:
        raise GradcheckError(f"derivation size must be an integer from 2 to 6, got {size!r}")
    return _derivation(parse(expr_text), int(size))


def written_out(expr, n: int, a: int, b: int = 0):
    """expr at N = n, i = a, j = b, its sums written out (the dummy k made a plain integer
    first: an Idx keeps its symbolic range, and the sum would not expand)."""
    kk = sp.Symbol("k", integer=True)
    return expr.xreplace({k: kk, i: sp.Integer(a), j: sp.Integer(b)}).subs(N, n).doit()


@cache
def _derivation(f: Formula, n: int) -> Derivation:
    yx = sp.ImmutableMatrix([written_out(f.forward, n, a) for a in range(n)])
    jm = sp.ImmutableMatrix(yx.jacobian(explicit(x, n)))
    at_n = sp.ImmutableMatrix(n, n, lambda a, b: written_out(f.jacobian, n, a, b))
    at = f"proved at N = {n}"
    ids = (
        identity(
            "formula-matrix",
            f"∂y_i/∂x_j for general N, at N = {n}, equals Matrix.jacobian of the explicit forward",
            at_n,
            jm,
            at,
        ),
    )
    facts = tuple(identity(key, name, *sides(jm), at) for name, key, sides in FACTS)
    facts = tuple(ident for ident in facts if ident.proved)
    output = in_terms_of_output(f)
    ids += () if output is None else (output,)
    forward = sp.Eq(y[i], f.forward if f.kind == "elementwise" else f.written)
    structure = (
        f"{f.kind}: "
        + ("y_i = f(x_i)" if f.kind == "elementwise" else "y_i may depend on every x_j"),
        *(fact.statement for fact in facts),
    )
    return Derivation(
        PREFIX + f.text,
        "module",
        n,
        f"y_i = {sp.sstr(forward.rhs)}",
        forward,
        sp.Eq(jac(y[i], x[j]), f.jacobian),
        jm,
        _steps(f, n, forward, yx, jm, output),
        ids + facts,
        structure,
        partial(_evaluate, f),
    )


def in_terms_of_output(f: Formula, seconds: float = SOLVE_SECONDS):
    """For an elementwise f: the Identity f'(x) = g(f(x)), g found by solving y = f(x) for x and
    proved by SymPy, so that bprop may use the cached output (σ' = y (1 - y)); None when f is
    row-wise, when y = f(x) has no single real solution whose g is free of x, or when SymPy
    takes longer than seconds (it can, on a formula it cannot invert)."""
    if f.kind != "elementwise":
        return None
    xs, ys = sp.Symbol("x", real=True), sp.Symbol("y", real=True)  # xs: formula_parse's x
    fx = f.written
    if fx not in _SOLVED:  # what SymPy finished is kept; a time-out is tried again next time
        if not can_limit() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
            return None  # no limit can be set, or someone else's timer runs: leave it be
        try:
            with alarm(seconds):
                _SOLVED[fx] = _output_form(fx, xs, ys)
        except Timeout:
            return None
        except (NotImplementedError, ValueError, TypeError):  # SymPy cannot invert f
            _SOLVED[fx] = None
    found = _SOLVED[fx]
    if found is None:
        return None
    derivative, g = found
    return identity(
        "formula-output",
        "in terms of the output y = f(x): bprop may use the cached y",
        derivative,
        g.xreplace({ys: fx}),
        "g solved from y = f(x) by SymPy, proved for every real x in f's domain",
        shown=(sp.Eq(sp.Symbol("f'(x)"), g),),
    )


def _output_form(fx, xs, ys):
    """(f'(x), g(y)) with f'(x) = g(f(x)) proved, or None."""
    derivative = sp.diff(fx, xs)
    forms = {sp.simplify(derivative.xreplace({xs: root})) for root in sp.solve(sp.Eq(ys, fx), xs)}
    forms = {g for g in forms if g.is_real is not False and not g.has(sp.I, sp.Piecewise, xs)}
    if len(forms) != 1:
        return None
    g = forms.pop()
    if sp.simplify(derivative - g.xreplace({ys: fx})) != 0:
        return None
    return derivative, g


def _steps(f: Formula, n: int, forward, yx, jm, output) -> tuple[Step, ...]:
    """output: the identity of in_terms_of_output(f), or None."""
    derivative = ()
    if f.kind == "elementwise":
        xs = sp.Symbol("x", real=True)
        derivative = (
            Step(
                "the derivative of f, by SymPy",
                sp.Eq(sp.Derivative(f.written, xs), sp.diff(f.written, xs)),
            ),
        )
        if output is not None:
            derivative += (
                Step(
                    "in terms of the output y = f(x) (what bprop caches)",
                    sp.Eq(sp.Symbol("f'(x)"), output.shown[0].rhs),
                ),
            )
    return (
        Step(f"definition ({f.kind})", forward),
        *derivative,
        Step("differentiate (Σ_k δ_jk g(k) = g(j))", sp.Eq(jac(y[i], x[j]), f.jacobian)),
        Step(f"at N = {n}, the explicit forward", yx),
        Step(f"at N = {n}, by Matrix.jacobian of the explicit forward", jm),
    )


def _evaluate(f: Formula, xv, params, t) -> dict[str, np.ndarray]:
    """J_ij = ∂y_i/∂x_j at one sample, from the general-N index form."""
    return {"x": f.jacobian_at(xv)}
