"""Any module by formula: y_i from a SymPy expression, elementwise in x or row-wise in x[i], x[j].

Elementwise: y_i = f(x_i), e.g. `1/(1+exp(-x))`. Row-wise: output entry i in terms of x[i],
x[j] (j only inside `Sum(..., (j, 0, N-1))`) and N, e.g. `x[i]/sqrt(Sum(x[j]**2, (j, 0, N-1)))`.
SymPy derives ∂y_i/∂x_j for general N (Kronecker deltas summed out), which numpy evaluates at
any N; Matrix.jacobian of the explicit forward at N = size is proved equal to it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache, partial

import numpy as np
import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

from gradcheck.derivations.base import Derivation, Step
from gradcheck.derivations.index import N, explicit, grid, i, j, jac, k, numpy_fn, x, y
from gradcheck.derivations.prove import collapse, identity
from gradcheck.errors import GradcheckError

PREFIX = "formula: "  # a reference label "formula: EXPR" names the derivation of EXPR
FUNCTIONS = ("exp", "log", "sqrt", "tanh", "sinh", "cosh", "sin", "cos", "tan", "atan", "asinh",
             "Abs", "Max", "Min", "Sum")
CONSTANTS = ("pi", "E")
OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.BitXor, ast.USub, ast.UAdd)
LIMITS = "(j, 0, N - 1)"
EXPECTED = ("expected an expression in x (elementwise) or in x[i], x[j] and N (row-wise, x[j] "
            f"inside Sum(..., {LIMITS})), numbers, {', '.join(CONSTANTS)} and "
            f"{', '.join(FUNCTIONS)}")
# structural facts proved on the explicit Jacobian; the names are gradcheck.threeway.structure's
FACTS = (
    ("diagonal: y_i depends on x_i only", "formula-diagonal",
     lambda jm: (jm - sp.diag(*jm.diagonal()), sp.zeros(*jm.shape))),
    ("symmetric: J = Jᵀ", "formula-symmetric", lambda jm: (jm, jm.T)),
    ("each row sums to 0", "formula-rows", lambda jm: (jm * sp.ones(jm.cols, 1),
                                                      sp.zeros(jm.rows, 1))))


@dataclass(frozen=True)
class Formula:
    """A formula read: y_i for general N (sums over k) and ∂y_i/∂x_j derived by SymPy."""

    text: str
    kind: str  # "elementwise" or "row-wise"
    written: object  # as written: f(x) with x a real Symbol, or in x[i], x[j] and N
    forward: object  # y_i in x[i], x[k], N
    jacobian: object  # ∂y_i/∂x_j for general N

    def values(self, xv: np.ndarray) -> np.ndarray:
        """y at one sample x (N,), float64; inf or NaN outside the formula's domain."""
        with np.errstate(all="ignore"):
            return grid(_numeric(self)[0], (xv.size,), xv, xv.size)  # (N,)

    def jacobian_at(self, xv: np.ndarray) -> np.ndarray:
        """J_ij = ∂y_i/∂x_j at one sample x (N,), float64, rows = outputs."""
        with np.errstate(all="ignore"):
            return grid(_numeric(self)[1], (xv.size, xv.size), xv, xv.size)  # (N, N)


def is_formula(reference) -> bool:
    """Whether a reference label names a formula ("formula: EXPR") rather than a built-in."""
    return isinstance(reference, str) and reference.startswith(PREFIX)


def reference(text: str) -> str:
    """The reference label of a formula, "formula: EXPR", once the formula reads."""
    return PREFIX + parse(text).text


def derivation_of(ref: str, size: int | None = None) -> Derivation:
    """The Derivation a reference label names: a formula's, or a built-in's (derive)."""
    if is_formula(ref):
        return from_formula(ref[len(PREFIX):], size or DEFAULT_SIZE)
    from gradcheck.derivations import derive

    return derive(ref, size)


@cache
def parse(text: str) -> Formula:
    """The formula read and differentiated, or one GradcheckError line saying what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise GradcheckError(f"formula: {EXPECTED}, got {text!r}")
    text = text.strip()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as e:
        where = f" at column {e.offset}" if e.offset else ""
        raise GradcheckError(f"formula {text!r}: syntax error{where}: {e.msg}") from None
    kind = _kind(text, set(_uses(tree.body, text, in_sum=False)))
    xs = sp.Symbol("x", real=True)
    names = {**{n: getattr(sp, n) for n in FUNCTIONS + CONSTANTS}, "N": N, "i": i, "j": j,
             "x": xs if kind == "elementwise" else x}
    try:
        written = parse_expr(text, local_dict=names,
                             transformations=(*standard_transformations, convert_xor))
    except Exception as e:  # noqa: BLE001 - SymPy's errors vary (TypeError for exp(x, 2), ...)
        raise GradcheckError(f"formula {text!r}: SymPy cannot read it: "
                             f"{' '.join(str(e).split())}") from None
    if not isinstance(written, sp.Expr) or not written.has(xs if kind == "elementwise" else x):
        raise GradcheckError(f"formula {text!r} does not depend on x: {EXPECTED}")
    forward = written.subs(xs, x[i]) if kind == "elementwise" else written.xreplace({j: k})
    return Formula(text, kind, written, forward, collapse(sp.diff(forward, x[j])))


def _kind(text: str, uses: set[str]) -> str:
    """"elementwise" (x alone) or "row-wise" (x[i], x[j], N), or a GradcheckError."""
    if "x" in uses and uses & {"x[i]", "x[j]"}:
        raise GradcheckError(f"formula {text!r} uses x both alone (elementwise) and indexed "
                             "(row-wise): write x[i] throughout")
    if "x" in uses and "N" in uses:
        raise GradcheckError(f"formula {text!r}: an elementwise formula is in x alone; N "
                             "belongs to row-wise formulas in x[i] and x[j]")
    if not uses & {"x", "x[i]", "x[j]"}:
        raise GradcheckError(f"formula {text!r} does not depend on x: {EXPECTED}")
    return "elementwise" if "x" in uses else "row-wise"


def _uses(node, text: str, in_sum: bool):
    """What the expression uses ("x", "x[i]", "x[j]", "N"); anything not allowed: an error."""
    def bad(what: str):
        return GradcheckError(f"formula {text!r}: {what}; {EXPECTED}")

    match node:
        case ast.Constant(value=v) if type(v) in (int, float):
            return
        case ast.Name(id="x" | "N" as name):
            yield name
        case ast.Name(id=name) if name in CONSTANTS:
            return
        case ast.Name(id="i" | "j" as name):
            raise bad(f"the index {name} outside x[...]")
        case ast.Name(id=name) if name in FUNCTIONS:
            raise bad(f"the function {name} without arguments")
        case ast.Name(id=name):
            raise bad(f"unknown name {name!r}")
        case ast.Subscript(value=ast.Name(id="x"), slice=ast.Name(id="i")):
            yield "x[i]"
        case ast.Subscript(value=ast.Name(id="x"), slice=ast.Name(id="j")):
            if not in_sum:
                raise bad(f"x[j] outside a Sum over j (write Sum(..., {LIMITS}))")
            yield "x[j]"
        case ast.Subscript(value=ast.Name(id="x")):
            raise bad(f"x[{ast.unparse(node.slice)}] has a foreign index (x[i] or x[j] only)")
        case ast.Call(func=ast.Name(id="Sum"), args=[body, limits], keywords=[]):
            if in_sum:
                raise bad("a Sum inside a Sum")
            if ast.unparse(limits) != LIMITS:
                raise bad(f"Sum over {ast.unparse(limits)} (only {LIMITS})")
            yield from _uses(body, text, in_sum=True)
        case ast.Call(func=ast.Name(id=name), args=args, keywords=[]) if name in FUNCTIONS[:-1]:
            for a in args:
                yield from _uses(a, text, in_sum)
        case ast.Call(func=ast.Name(id=name)) if name not in FUNCTIONS:
            raise bad(f"unknown function {name!r}")
        case ast.BinOp(op=op) if isinstance(op, OPERATORS):
            yield from _uses(node.left, text, in_sum)
            yield from _uses(node.right, text, in_sum)
        case ast.UnaryOp(op=op) if isinstance(op, OPERATORS):
            yield from _uses(node.operand, text, in_sum)
        case _:
            raise bad(f"{ast.unparse(node)!r} is not allowed")


@cache
def _numeric(f: Formula):
    """The index forms as numpy functions: y(x, N, i) and J(x, N, i, j)."""
    return numpy_fn(f.forward, (x, N, i)), numpy_fn(f.jacobian, (x, N, i, j))


def require_finite(text: str, xb: np.ndarray) -> None:
    """A GradcheckError unless y and ∂y/∂x of the formula are finite at every sample of xb."""
    f = parse(text)
    for b, row in enumerate(np.asarray(xb, np.float64)):
        yv, jv = f.values(row), f.jacobian_at(row)  # (N,), (N, N)
        bad = np.argwhere(~np.isfinite(np.column_stack([yv, jv])))  # (K, 2): output, column
        if bad.size:
            a, c = (int(v) for v in bad[0])
            what = f"y_{a} = {yv[a]}" if c == 0 else f"∂y_{a}/∂x_{c - 1} = {jv[a, c - 1]}"
            at = f"x_{a} = {row[a]:.4g}" if f.kind == "elementwise" else \
                f"x = ({', '.join(f'{v:.4g}' for v in row[:6])}{', ...' * (row.size > 6)})"
            raise GradcheckError(
                f"formula {f.text!r} is not finite at the drawn input: at sample {b}, {at} "
                f"gives {what} (the domain is yours: inputs are standard normal × 2; give "
                "others with verify(..., x=...))")


DEFAULT_SIZE = 3


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
    ids = (identity("formula-matrix", f"∂y_i/∂x_j for general N, at N = {n}, equals "
                    "Matrix.jacobian of the explicit forward", at_n, jm, at),)
    facts = tuple(identity(key, name, *sides(jm), at) for name, key, sides in FACTS)
    facts = tuple(ident for ident in facts if ident.proved)
    forward = sp.Eq(y[i], f.forward if f.kind == "elementwise" else f.written)
    structure = (f"{f.kind}: " + ("y_i = f(x_i)" if f.kind == "elementwise" else
                                  "y_i may depend on every x_j"), *(fact.statement for fact in facts))
    return Derivation(PREFIX + f.text, "module", n, f"y_i = {sp.sstr(forward.rhs)}", forward,
                      sp.Eq(jac(y[i], x[j]), f.jacobian), jm, _steps(f, n, forward, yx, jm),
                      ids + facts, structure, partial(_evaluate, f))


def _steps(f: Formula, n: int, forward, yx, jm) -> tuple[Step, ...]:
    derivative = ()
    if f.kind == "elementwise":
        xs = sp.Symbol("x", real=True)
        derivative = (Step("the derivative of f, by SymPy", sp.Eq(
            sp.Derivative(f.written, xs), sp.diff(f.written, xs))),)
    return (
        Step(f"definition ({f.kind})", forward),
        *derivative,
        Step("differentiate (Σ_k δ_jk g(k) = g(j))", sp.Eq(jac(y[i], x[j]), f.jacobian)),
        Step(f"at N = {n}, the explicit forward", yx),
        Step(f"at N = {n}, by Matrix.jacobian of the explicit forward", jm))


def _evaluate(f: Formula, xv, params, t) -> dict[str, np.ndarray]:
    """J_ij = ∂y_i/∂x_j at one sample, from the general-N index form."""
    return {"x": f.jacobian_at(xv)}
