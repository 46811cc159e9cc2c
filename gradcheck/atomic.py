"""Write a file all at once: a temp file in the same folder, then os.replace."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from gradcheck.errors import GradcheckError


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """write(f) into a temp file beside path, then rename it over path; no temp file is left."""
    path = Path(path)
    ensure_parent(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, "xb") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def ensure_parent(path: str | os.PathLike) -> None:
    """Create path's folder if needed; a GradcheckError if path cannot be a file there."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GradcheckError(f"{path}: cannot create its folder: {e.strerror}") from None
    if path.is_dir():
        raise GradcheckError(f"{path}: is a folder, expected a file path")
