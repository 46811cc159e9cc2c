"""A student's own module from path/to/file.py:ClassName, duck-typed: fprop and bprop suffice."""

from __future__ import annotations

import ast
import contextlib
import importlib
import importlib.util
import itertools
import os
import sys
import traceback
from pathlib import Path

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.reading.calls import TIME_LIMIT
from gradcheck.timelimit import Timeout, alarm

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
        found = sorted(
            k
            for k, v in vars(module).items()
            if isinstance(v, type) and v.__module__ == module.__name__
        )
        what = "no class" if cls is None else f"{name} is a {type(cls).__name__}, not a class:"
        raise GradcheckError(
            f"{path} has {what} {name}: expected one of "
            f"{', '.join(found) or '(no classes defined)'}"
        )
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
    """Execute the file as a fresh module. A file inside a package (folders with __init__.py)
    is imported as part of its package, so relative imports work; the file's folder, the
    package's parent and the current directory are importable meanwhile (as with python -m).
    Its prints go to stderr, never into --json; an import that hangs meets the time limit."""
    package, root = _package(path)
    if package:
        name = f"{package}.{path.stem}" if path.stem != "__init__" else package
        for key in [
            k
            for k in sys.modules
            if k == package.split(".")[0] or k.startswith(package.split(".")[0] + ".")
        ]:
            del sys.modules[key]  # fresh, like a plain file: the student may have edited it
    else:
        name = f"gradcheck_student_{next(_count)}_{path.stem}"
    folders = list(dict.fromkeys([str(path.resolve().parent), str(root), os.getcwd()]))
    sys.path[:0] = folders
    try:
        with contextlib.redirect_stdout(sys.stderr), alarm(TIME_LIMIT):
            module = _exec(name, path) if not package else importlib.import_module(name)
    except Timeout:
        raise GradcheckError(
            f"{path}: importing it did not finish within {TIME_LIMIT:g} s"
        ) from None
    except SyntaxError as e:
        raise GradcheckError(
            f"{Path(e.filename or path).name}:{e.lineno}: syntax error: {e.msg}"
        ) from None
    except (Exception, SystemExit) as e:  # noqa: BLE001 - any failure at import is the user's
        raise GradcheckError(
            f"{path}{_where(e, path)} raised {type(e).__name__} at import: {e}"
        ) from None
    finally:
        for folder in folders:
            sys.path.remove(folder)
    return module


def _exec(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look the module up here
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def _package(path: Path) -> tuple[str, Path]:
    """('pkg.sub', the folder above pkg) for a file inside packages, else ('', its folder)."""
    folder, parts = path.resolve().parent, []
    while (folder / "__init__.py").is_file():
        parts.insert(0, folder.name)
        folder = folder.parent
    if parts and not all(p.isidentifier() for p in parts):
        return "", path.resolve().parent
    return ".".join(parts), folder


def _where(e: BaseException, path: Path) -> str:
    """':line' of the deepest frame in the student's file, or ''."""
    lines = [
        f.lineno
        for f in traceback.extract_tb(e.__traceback__)
        if Path(f.filename).resolve() == path.resolve()
    ]
    return f":{lines[-1]}" if lines else ""


def instantiate(cls: type, args=(), label: str = "") -> object:
    """cls(*args), any exception a one-line GradcheckError."""
    label = label or cls.__name__
    try:
        with contextlib.redirect_stdout(sys.stderr), alarm(TIME_LIMIT):
            obj = cls(*args)
    except Timeout:
        raise GradcheckError(
            f"{label}({', '.join(map(repr, args))}) did not return within {TIME_LIMIT:g} s"
        ) from None
    except (Exception, SystemExit) as e:  # noqa: BLE001
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
        raise GradcheckError(
            f"{label} has {len(params)} params but {len(grads)} grads: "
            "expected one gradient per parameter"
        )
    for k, (p, g) in enumerate(zip(params, grads, strict=True)):
        if not isinstance(p, np.ndarray) or np.shape(p) != np.shape(g):
            raise GradcheckError(
                f"{label}.grads[{k}] must be an array of params[{k}]'s shape "
                f"{np.shape(p)}, got {np.shape(g)}"
            )


def parse_args(words) -> tuple:
    """Constructor arguments from the command line: 784 → int, 0.5 → float, else the text."""
    return tuple(_literal(w) for w in words or ())


def _literal(word: str):
    try:
        return ast.literal_eval(word)
    except (ValueError, SyntaxError):
        return word
