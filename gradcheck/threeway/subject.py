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


def resolve(what, *, reference: str | None = None, args=(), size: int | None = None,
            seed: int = 0, dtype=np.float64) -> Subject:
    """The Subject for a built-in name, a spec file.py:ClassName, a class or an instance."""
    from gradcheck.modules import BUILTINS

    if size is not None and (int(size) != size or size < 1):
        raise GradcheckError(f"size must be a positive integer, got {size!r}")
    if isinstance(what, str) and what in BUILTINS:
        n = int(size or DEFAULT_SIZE)
        return _subject(make_builtin(what, n, seed, dtype), what, reference or what, n)
    if isinstance(what, str) and load.is_spec(what):
        module = load.instantiate(load.load_class(what), args, what)
        return _subject(module, what, reference, size)
    if isinstance(what, str):
        raise GradcheckError(f"expected a built-in ({', '.join(BUILTINS)}) or "
                             f"path/to/file.py:ClassName, got {what!r}")
    module = load.instantiate(what, args) if isinstance(what, type) else what
    load.check_contract(module, type(module).__name__)
    return _subject(module, _label(module), reference or builtin_of(module), size)


def make_builtin(name: str, n: int, seed: int, dtype):
    """A built-in at input width n; a Linear is n → n + 1 (a transpose cannot hide), with seeded
    weights and a non-zero bias."""
    from gradcheck.modules import BUILTINS, Linear

    if name != "Linear":
        return BUILTINS[name]()
    lin = Linear(n, n + 1, rng=seed, dtype=dtype)
    lin.b[...] = np.random.default_rng(seed).standard_normal(n + 1)
    return lin


def builtin_of(module) -> str | None:
    """The built-in a module derives from (a planted bug's), else None."""
    from gradcheck.modules import BUILTINS

    for cls in type(module).__mro__:
        if BUILTINS.get(cls.__name__) is cls:
            return cls.__name__
    return None


def _subject(module, label: str, reference: str | None, size: int | None) -> Subject:
    from gradcheck.modules import BUILTINS, Criterion

    if reference is not None and reference not in BUILTINS:
        raise GradcheckError(f"--as expects a built-in ({', '.join(BUILTINS)}), "
                             f"got {reference!r}")
    ref_cls = BUILTINS.get(reference)
    criterion = issubclass(ref_cls, Criterion) if ref_cls else callable(
        getattr(module, "set_target", None))
    if criterion and not callable(getattr(module, "set_target", None)):
        raise GradcheckError(f"{label} has no set_target method: expected one, like the "
                             f"criterion {reference}")
    n = int(size or _input_width(module) or DEFAULT_SIZE)
    return Subject(module, label, reference, "criterion" if criterion else "module", n)


def _input_width(module) -> int | None:
    """n_in, or the rows of the first 2-D parameter, if the module tells."""
    if getattr(module, "n_in", None):
        return int(module.n_in)
    params = getattr(module, "params", None) or []
    return int(np.shape(params[0])[0]) if params and np.ndim(params[0]) == 2 else None


def _label(module) -> str:
    return repr(module) if hasattr(module, "modules") else type(module).__name__
