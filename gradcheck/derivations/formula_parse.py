"""A formula read: a whitelisted SymPy expression, elementwise in x or row-wise in x[i], x[j], N.

Python's ast checks the text before SymPy evaluates anything: numbers, x, x[i], x[j] inside
`Sum(..., (j, 0, N-1))`, N, pi, E, arithmetic and the FUNCTIONS; anything else is one
GradcheckError line. SymPy then differentiates y_i by x_j for general N.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache

import numpy as np
import sympy as sp
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

from gradcheck.derivations.index import N, grid, i, j, k, numpy_fn, x
from gradcheck.derivations.prove import collapse
from gradcheck.errors import GradcheckError

FUNCTIONS = (
    "exp",
    "log",
    "sqrt",
    "tanh",
    "sinh",
    "cosh",
    "sin",
    "cos",
    "tan",
    "atan",
    "asinh",
    "Abs",
    "Max",
    "Min",
    "Sum",
)
CONSTANTS = ("pi", "E")
OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.BitXor, ast.USub, ast.UAdd)
LIMITS = "(j, 0, N - 1)"
EXPECTED = (
    "expected an expression in x (elementwise) or in x[i], x[j] and N (row-wise, x[j] "
    f"inside Sum(..., {LIMITS})), numbers, {', '.join(CONSTANTS)} and "
    f"{', '.join(FUNCTIONS)}"
)


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


def parse(text: str) -> Formula:
    """The formula read and differentiated, or one GradcheckError line saying what is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise GradcheckError(f"formula: {EXPECTED}, got {text!r}")
    return _parse(text.strip())


@cache
def _parse(text: str) -> Formula:
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as e:
        where = f" at column {e.offset}" if e.offset else ""
        raise GradcheckError(f"formula {text!r}: syntax error{where}: {e.msg}") from None
    kind = _kind(text, set(_uses(tree.body, text, in_sum=False)))
    xs = sp.Symbol("x", real=True)
    names = {
        **{n: getattr(sp, n) for n in FUNCTIONS + CONSTANTS},
        "N": N,
        "i": i,
        "j": j,
        "x": xs if kind == "elementwise" else x,
    }
    try:
        written = parse_expr(
            text, local_dict=names, transformations=(*standard_transformations, convert_xor)
        )
    except Exception as e:  # noqa: BLE001 - SymPy's errors vary (TypeError for exp(x, 2), ...)
        raise GradcheckError(
            f"formula {text!r}: SymPy cannot read it: {' '.join(str(e).split())}"
        ) from None
    if not isinstance(written, sp.Expr) or not written.has(xs if kind == "elementwise" else x):
        raise GradcheckError(f"formula {text!r} does not depend on x: {EXPECTED}")
    forward = written.subs(xs, x[i]) if kind == "elementwise" else written.xreplace({j: k})
    return Formula(text, kind, written, forward, collapse(sp.diff(forward, x[j])))


def _kind(text: str, uses: set[str]) -> str:
    """ "elementwise" (x alone) or "row-wise" (x[i], x[j], N), or a GradcheckError."""
    if "x" in uses and uses & {"x[i]", "x[j]"}:
        raise GradcheckError(
            f"formula {text!r} uses x both alone (elementwise) and indexed "
            "(row-wise): write x[i] throughout"
        )
    if "x" in uses and "N" in uses:
        raise GradcheckError(
            f"formula {text!r}: an elementwise formula is in x alone; N "
            "belongs to row-wise formulas in x[i] and x[j]"
        )
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
