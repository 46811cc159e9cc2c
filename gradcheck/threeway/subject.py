"""What to verify: a built-in name, a module instance or class, or file.py:ClassName."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.threeway import load

DEFAULT_SIZE = 4


@dataclass(frozen=True)
class Subject:
    """A module instance ready to check, and the built-in whose derivation is its reference."""

    module: object
    label: str
    reference: str | None
    kind: str  # "module" or "criterion"
    n: int  # input width of one sample


def references() -> tuple[str, ...]:
    """What --as accepts: the built-ins, and the fused criteria on logits."""
    from gradcheck.modules.registry import names
    from gradcheck.reading import COMPOSITES

    return (*names(), *COMPOSITES)


def resolve(
    what,
    *,
    reference: str | None = None,
    args=(),
    size: int | None = None,
    seed: int = 0,
    dtype=np.float64,
    hints=None,
) -> Subject:
    """The Subject for a built-in name, a spec file.py:ClassName, a class or an instance.

    Student objects are read by gradcheck.reading (their conventions mapped onto gradcheck's
    contract); a StudentError from their code while reading propagates to the caller.
    """
    from gradcheck.modules.registry import names

    if size is not None and (int(size) != size or size < 1):
        raise GradcheckError(f"size must be a positive integer, got {size!r}")
    if reference is not None and reference not in references() and not _formula(reference):
        raise GradcheckError(
            f"--as expects a built-in ({', '.join(references())}), got {reference!r}"
        )
    if isinstance(what, str) and what in names():
        module = make_builtin(what, size, seed, dtype, args)
        n = int(size or _input_width(module) or DEFAULT_SIZE)
        return _subject(module, what, reference or what, n)
    if isinstance(what, str) and load.is_spec(what):
        module, label = load.instantiate(load.load_class(what), args, what), what
    elif isinstance(what, str):
        raise GradcheckError(
            f"expected a built-in ({', '.join(names())}) or path/to/file.py:ClassName, got {what!r}"
        )
    else:
        module = load.instantiate(what, args) if isinstance(what, type) else what
        label = _label(module)
    reference = reference or builtin_of(module)
    from gradcheck.modules import Module
    from gradcheck.reading import native, read

    if isinstance(module, Module):
        load.check_contract(module, label)
    elif not native(module):
        module = read(module, reference=reference, n=size, args=args, hints=hints, seed=seed)
        module.name = label
    return _subject(module, label, reference, int(size or _input_width(module) or DEFAULT_SIZE))


def _formula(reference: str) -> bool:
    """A formula's label ("formula: EXPR", see gradcheck.derivations.formula): no --as name."""
    from gradcheck.derivations.formula import is_formula

    return is_formula(reference)


def make_builtin(name: str, size: int | None, seed: int, dtype, args=()):
    """A built-in; one with widths (Spec.args, a Linear's n_in, n_out) is built from --args,
    or N → N + 1 for --size N (a transpose cannot hide), seeded, its bias non-zero."""
    from gradcheck.modules.registry import spec

    s = spec(name)
    shown = " ".join(map(str, args))
    if not s.args:
        if args:
            raise GradcheckError(f"{name} takes no constructor arguments, got --args {shown}")
        return s.cls()
    if args and (len(args) != len(s.args) or size is not None):
        raise GradcheckError(
            f"{name} takes --args {' '.join(a.upper() for a in s.args)} (and "
            f"then no --size), got --args {shown}"
            + (f" and --size {size}" if size is not None else "")
        )
    n_in, n_out = args if args else (size or DEFAULT_SIZE, (size or DEFAULT_SIZE) + 1)
    module = s.cls(n_in, n_out, rng=seed, dtype=dtype)
    module.params[-1][...] = np.random.default_rng(seed).standard_normal(n_out)  # the bias
    return module


def builtin_of(module) -> str | None:
    """The built-in a module derives from (a planted bug's), else None."""
    from gradcheck.modules.registry import of_class

    found = of_class(type(module))
    return found.name if found else None


def _subject(module, label: str, reference: str | None, n: int) -> Subject:
    """The Subject of a module gradcheck can call (its own, or read): its kind by its base."""
    from gradcheck.reading import kind_of, reference_kind

    kind = kind_of(module)
    if reference is not None and reference_kind(reference) != kind:
        raise GradcheckError(
            f"{label} is a {kind} but its reference {reference} is a "
            f"{reference_kind(reference)}: expected a reference of its kind"
        )
    return Subject(module, label, reference, kind, n)


def _input_width(module) -> int | None:
    """n_in, or the rows of the first 2-D parameter, if the module tells."""
    if getattr(module, "n_in", None):
        return int(module.n_in)
    params = getattr(module, "params", None) or []
    return int(np.shape(params[0])[0]) if params and np.ndim(params[0]) == 2 else None


def _label(module) -> str:
    if getattr(module, "sandbox", None) is not None:  # already read: its own class's name
        return module.name
    return repr(module) if hasattr(module, "modules") else type(module).__name__
