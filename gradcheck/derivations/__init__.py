"""SymPy derivations of each module's Jacobian, one file per module; derive(name) -> Derivation.

Importing this package does not import SymPy: derive() imports a module's file on first use.
"""

from __future__ import annotations

import dataclasses
import importlib
import operator
from functools import cache

from gradcheck.derivations.base import Derivation, Identity, Step
from gradcheck.errors import GradcheckError
from gradcheck.modules.registry import names as _registered

COMPOSITES = ("SoftMax+CrossEntropy", "LogSoftMax+CrossEntropyLog")  # criterion ∘ softmax
SIZES = range(2, 7)
DEFAULT_SIZE = 3


def names() -> tuple[str, ...]:
    """Every registered built-in (gradcheck.modules), then the composites."""
    return _registered() + COMPOSITES


def derive(name: str, size: int | None = None) -> Derivation:
    """The derivation of a module (or composite) with explicit matrices at N = size (2..6)."""
    if name not in names():
        raise GradcheckError(f"no derivation for {name!r}: expected one of {', '.join(names())}")
    n = DEFAULT_SIZE if size is None else _integer(size)
    if n not in SIZES:
        raise GradcheckError(
            f"derivation size must be an integer from {SIZES[0]} to {SIZES[-1]} (explicit "
            f"matrices get slow and unreadable beyond that), got {size!r}"
        )
    return _derive(name, n)


def _integer(size) -> int | None:
    """size as an int (numpy integers too), or None for bools, floats, strings."""
    if isinstance(size, bool):
        return None
    try:
        return operator.index(size)
    except TypeError:
        return None


@cache
def _derive(name: str, size: int) -> Derivation:
    from gradcheck.derivations.answers import answers_for
    from gradcheck.modules.registry import spec

    if name in COMPOSITES:
        d = importlib.import_module("gradcheck.derivations.composite").derive(name, size)
    elif spec(name).derivation:
        d = importlib.import_module(spec(name).derivation).derive(size)
    else:  # a built-in defined by its formula: the formula's derivation, under its name
        from gradcheck.derivations.formula import from_formula

        d = dataclasses.replace(from_formula(spec(name).expr, size), name=name)
    return dataclasses.replace(d, answers=answers_for(name))


__all__ = [
    "COMPOSITES",
    "DEFAULT_SIZE",
    "SIZES",
    "Derivation",
    "Identity",
    "Step",
    "derive",
    "names",
]
