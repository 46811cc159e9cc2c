"""The derivation records: plain frozen data, rendered elsewhere. No SymPy (nor numpy) import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gradcheck.errors import GradcheckError

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Step:
    """One displayed step of a derivation: a title and a sympy object."""

    title: str
    expr: object
    note: str = ""


@dataclass(frozen=True)
class Identity:
    """A claim lhs = rhs of the exercise, with proved computed by SymPy (see prove.prove)."""

    key: str
    statement: str
    lhs: object
    rhs: object
    proved: bool
    note: str = ""
    data: tuple[tuple[str, float], ...] = ()  # numbers that go with it, as (label, value)
    shown: tuple = ()  # the chain displayed, a = b = ...; () shows lhs = rhs

    @property
    def chain(self) -> tuple:
        """What a renderer displays, joined by '=': shown, else (lhs, rhs)."""
        return self.shown or (self.lhs, self.rhs)


@dataclass(frozen=True)
class Answer:
    """An exercise question answered in words: paragraphs and displayed equation chains.

    parts: each a str (a paragraph) or a tuple of sympy objects displayed as a = b = ...;
    identities: the SymPy proofs the words rest on; data: the numbers, computed, as (label, value).
    """

    key: str
    question: str
    parts: tuple
    identities: tuple[Identity, ...] = ()
    data: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, repr=False)
class Derivation:
    """A module's forward in SymPy and what SymPy derives from it."""

    name: str
    kind: str  # "module" or "criterion"
    size: int
    formula: str
    forward: object
    jacobian_index: object  # Eq(derivative, formula), or a Tuple of them (Linear: x, W, b)
    jacobian_matrix: object
    steps: tuple[Step, ...]
    identities: tuple[Identity, ...]
    structure: tuple[str, ...]
    evaluate: Callable[..., dict] | None = field(default=None, repr=False, compare=False)
    answers: tuple = ()  # answers in words to the exercise's questions (answers.Answer)

    def jacobians(self, x, params=(), t=None) -> dict[str, np.ndarray]:
        """The symbolic Jacobians at one sample x (N,), as float64 arrays, rows = outputs.

        Modules: {"x": (M, N)}, Linear also {"W": (M, n_in, n_out), "b": (M, n_out)} from
        params [W, b]. Criteria (composites too): {"z": (N,)}, the gradient of the per-sample
        loss at input z = x and target row t; -inf where z_i = 0 < t_i.
        """
        import numpy as np

        if self.evaluate is None:
            raise GradcheckError(f"{self.name} has no numeric Jacobians (no evaluate given)")
        what = "z" if self.kind == "criterion" else "x"
        x = _row(x, f"{self.name}.jacobians {what}")
        if self.kind == "criterion":
            if t is None:
                raise GradcheckError(f"{self.name}.jacobians expects a target t, got None")
            t = _row(t, f"{self.name}.jacobians t")
            if t.shape != x.shape:
                raise GradcheckError(
                    f"{self.name}.jacobians expects t of shape {x.shape} "
                    f"(like {what}), got {t.shape}"
                )
        return self.evaluate(x, [np.asarray(p, dtype=np.float64) for p in params], t)

    def __repr__(self) -> str:
        proved = sum(i.proved for i in self.identities)
        return (
            f"<Derivation {self.name}: {self.formula}; {len(self.steps)} steps, "
            f"{proved} of {len(self.identities)} identities proved, N = {self.size}>"
        )

    def identity(self, key: str) -> Identity:
        """The identity recorded under key."""
        for ident in self.identities:
            if ident.key == key:
                return ident
        keys = ", ".join(ident.key for ident in self.identities)
        raise GradcheckError(f"{self.name} has no identity {key!r}: expected one of {keys}")


def _row(a, what: str) -> np.ndarray:
    """a as a non-empty 1-D float64 array, or a GradcheckError naming what came."""
    import numpy as np

    a = np.asarray(a)
    if a.ndim != 1 or a.size == 0 or a.dtype.kind not in "fiu":
        raise GradcheckError(
            f"{what} must be one sample, a 1-D float array (N,), got {a.dtype} of shape {a.shape}"
        )
    return a.astype(np.float64)
