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

MODULES = {  # name -> file in this package
    "SoftMax": "softmax", "LogSoftMax": "log_softmax", "CrossEntropy": "cross_entropy",
    "CrossEntropyLog": "cross_entropy_log", "Tanh": "tanh", "Linear": "linear", "ReLU": "relu",
}
COMPOSITES = ("SoftMax+CrossEntropy", "LogSoftMax+CrossEntropyLog")  # criterion ∘ softmax
NAMES = tuple(MODULES) + COMPOSITES
SIZES = range(2, 7)
DEFAULT_SIZE = 3


def derive(name: str, size: int | None = None) -> Derivation:
    """The derivation of a module (or composite) with explicit matrices at N = size (2..6)."""
    if name not in NAMES:
        raise GradcheckError(f"no derivation for {name!r}: expected one of {', '.join(NAMES)}")
    n = DEFAULT_SIZE if size is None else _integer(size)
    if n not in SIZES:
        raise GradcheckError(
            f"derivation size must be an integer from {SIZES[0]} to {SIZES[-1]} (explicit "
            f"matrices get slow and unreadable beyond that), got {size!r}")
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

    if name in COMPOSITES:
        d = importlib.import_module("gradcheck.derivations.composite").derive(name, size)
    else:
        d = importlib.import_module(f"gradcheck.derivations.{MODULES[name]}").derive(size)
    return dataclasses.replace(d, answers=answers_for(name))


__all__ = [
    "COMPOSITES", "DEFAULT_SIZE", "NAMES", "SIZES", "Derivation", "Identity", "Step", "derive",
]
