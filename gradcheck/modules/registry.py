"""Every built-in module, discovered: each file of this package that ends with SPEC = Spec(...).

A new built-in is one file here (and its test); nothing else is edited. No SymPy is imported.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from gradcheck.errors import GradcheckError
from gradcheck.modules.domains import Draw
from gradcheck.modules.spec import Bug, Spec

# the exercise's modules come first, in its order; any other file follows, sorted by name
EXERCISE = (
    "linear",
    "tanh",
    "relu",
    "softmax",
    "log_softmax",
    "cross_entropy",
    "cross_entropy_log",
)


@cache
def specs() -> dict[str, Spec]:
    """{class name: Spec} of every module file of gradcheck.modules, in a fixed order."""
    import gradcheck.modules as package

    files = sorted(m.name for m in pkgutil.iter_modules(package.__path__))
    ordered = [f for f in EXERCISE if f in files] + [f for f in files if f not in EXERCISE]
    found = [
        getattr(importlib.import_module(f"gradcheck.modules.{f}"), "SPEC", None) for f in ordered
    ]
    return {s.name: s for s in found if isinstance(s, Spec)}


def names() -> tuple[str, ...]:
    return tuple(specs())


def spec(name: str) -> Spec:
    """The Spec of a built-in, or one GradcheckError line naming the built-ins."""
    found = specs().get(name) if isinstance(name, str) else None
    if found is None:
        raise GradcheckError(f"expected a built-in module ({', '.join(specs())}), got {name!r}")
    return found


def of_class(cls: type) -> Spec | None:
    """The Spec of the built-in a class is or derives from (a planted bug's), else None."""
    by_cls = {s.cls: s for s in specs().values()}
    return next((by_cls[c] for c in cls.__mro__ if c in by_cls), None)


def bugs() -> tuple[Bug, ...]:
    """The planted bugs of every built-in, in registry order."""
    return tuple(b for s in specs().values() for b in s.planted)


def traps() -> tuple[Bug, ...]:
    """Correct built-ins under conditions that fool a single central difference."""
    return tuple(b for s in specs().values() for b in s.traps)


def domain_of(reference: str | None, default: str) -> str | Draw:
    """The registered built-in's Spec.domain, else default (a formula, a composite, none)."""
    found = specs().get(reference) if reference else None
    return found.domain if found is not None else default


def activations() -> dict[str, Spec]:
    """{activation name: Spec} of the layers training presets may use as hidden activation."""
    return {s.activation: s for s in specs().values() if s.activation}
