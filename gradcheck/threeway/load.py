"""A student's own module from path/to/file.py:ClassName, duck-typed: fprop and bprop suffice."""

from __future__ import annotations

import ast
import importlib.util
import itertools
import sys
import traceback
from pathlib import Path

import numpy as np

from gradcheck.errors import GradcheckError

_count = itertools.count()


def is_spec(text: str) -> bool:
    """Whether text looks like file.py:ClassName rather than a built-in name."""
    return ":" in text or text.endswith(".py")


def load_class(spec: str) -> type:
    """The class ClassName from file.py, imported under a unique module name."""
    path, name = parse_spec(spec)
    module = _import(path)
    cls = getattr(module, name, None)
    if not isinstance(cls, type):
        found = sorted(k for k, v in vars(module).items()
                       if isinstance(v, type) and v.__module__ == module.__name__)
        what = "no class" if cls is None else f"{name} is a {type(cls).__name__}, not a class:"
        raise GradcheckError(f"{path} has {what} {name}: expected one of "
                             f"{', '.join(found) or '(no classes defined)'}")
    return cls


def parse_spec(spec: str) -> tuple[Path, str]:
    path, sep, name = spec.rpartition(":")
    if not sep or not path.endswith(".py") or not name.isidentifier():
        raise GradcheckError(f"expected path/to/file.py:ClassName, got {spec!r}")
    path = Path(path)
    if not path.is_file():
        raise GradcheckError(f"{path}: no such file")
    return path, name


def _import(path: Path):
    """Execute the file as a fresh module; its directory is importable meanwhile."""
    name = f"gradcheck_student_{next(_count)}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look the module up here
    sys.path.insert(0, str(path.resolve().parent))
    try:
        spec.loader.exec_module(module)
    except SyntaxError as e:
        del sys.modules[name]
        raise GradcheckError(f"{path}:{e.lineno}: syntax error: {e.msg}") from None
    except (Exception, SystemExit) as e:  # noqa: BLE001 - any failure at import is the user's
        del sys.modules[name]
        raise GradcheckError(f"{path}{_where(e, path)} raised {type(e).__name__} at import: "
                             f"{e}") from None
    finally:
        sys.path.remove(str(path.resolve().parent))
    return module


def _where(e: BaseException, path: Path) -> str:
    """':line' of the deepest frame in the student's file, or ''."""
    lines = [f.lineno for f in traceback.extract_tb(e.__traceback__)
             if Path(f.filename).resolve() == path.resolve()]
    return f":{lines[-1]}" if lines else ""


def instantiate(cls: type, args=(), label: str = "") -> object:
    """cls(*args), any exception a one-line GradcheckError."""
    label = label or cls.__name__
    try:
        obj = cls(*args)
    except Exception as e:  # noqa: BLE001
        shown = ", ".join(map(repr, args))
        raise GradcheckError(f"{label}({shown}) raised {type(e).__name__}: {e}") from None
    return obj


def check_contract(obj, label: str) -> None:
    """fprop and bprop; params and grads paired, each grad shaped like its parameter."""
    for method in ("fprop", "bprop"):
        if not callable(getattr(obj, method, None)):
            raise GradcheckError(f"{label} has no {method} method: expected fprop and bprop")
    params, grads = getattr(obj, "params", []), getattr(obj, "grads", [])
    if callable(params) or callable(grads):
        raise GradcheckError(f"{label}.params and .grads must be lists of arrays, got a method")
    if len(params) != len(grads):
        raise GradcheckError(f"{label} has {len(params)} params but {len(grads)} grads: "
                             "expected one gradient per parameter")
    for k, (p, g) in enumerate(zip(params, grads, strict=True)):
        if not isinstance(p, np.ndarray) or np.shape(p) != np.shape(g):
            raise GradcheckError(f"{label}.grads[{k}] must be an array of params[{k}]'s shape "
                                 f"{np.shape(p)}, got {np.shape(g)}")


def parse_args(words) -> tuple:
    """Constructor arguments from the command line: 784 → int, 0.5 → float, else the text."""
    return tuple(_literal(w) for w in words or ())


def _literal(word: str):
    try:
        return ast.literal_eval(word)
    except (ValueError, SyntaxError):
        return word
