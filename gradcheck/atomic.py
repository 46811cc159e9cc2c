"""Write a file all at once: a temp file in the same folder, then os.replace.

Temp files are named .NAME.PID.HEX.tmp beside NAME; one left behind by a killed run (its PID
no longer alive) is removed by the next write to NAME.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from gradcheck.errors import GradcheckError

# What a write to a file can meet from the disk itself (a writer's other OSErrors pass through).
DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EROFS}


def atomic_write(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> Path:
    """write(f) into a temp file beside path, then rename it over path; no temp file is left.

    A disk's OSError (full, read-only, failing; or the temp file cannot be made or renamed) is
    a GradcheckError; the previous file at path, if any, is untouched.
    """
    path = Path(path)
    ensure_parent(path)
    remove_stale_temps(path)
    tmp, stage = temp_name(path), "create"
    try:
        with open(tmp, "xb") as f:
            stage = "write"
            write(f)
            stage = "close"
        stage = "replace"
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        if stage == "write" and e.errno not in DISK_ERRNOS:
            raise  # the writer's own error (a download's timeout), not the disk's
        raise GradcheckError(
            f"{path}: cannot write it: {e.strerror or e} (the previous file, if any, is intact)"
        ) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def ensure_parent(path: str | os.PathLike) -> None:
    """Create path's folder if needed; a GradcheckError if path cannot be a file there."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GradcheckError(f"{path}: cannot create its folder: {e.strerror}") from None
    if path.is_dir():
        raise GradcheckError(f"{path}: is a folder, expected a file path")


def probe_writable(path: str | os.PathLike) -> None:
    """path can be written: its folder exists (or is made) and takes a new file; else a
    GradcheckError. Stale temp files of path are removed on the way."""
    path = Path(path)
    ensure_parent(path)
    if path.exists() and not os.access(path, os.W_OK):
        raise GradcheckError(f"{path}: exists and is not writable")
    remove_stale_temps(path)
    tmp = temp_name(path)
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        tmp.unlink()
    except OSError as e:
        raise GradcheckError(
            f"{path}: cannot write in its folder {path.parent}: {e.strerror or e}"
        ) from None


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove path's temp files whose writer (by the PID in the name) is no longer alive."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(\d+)\.[0-9a-f]+\.tmp")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    stale = [
        path.parent / n
        for n in names
        if (m := pattern.fullmatch(n)) and not pid_alive(int(m.group(1)))
    ]
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


def pid_alive(pid: int) -> bool:
    """A process with this PID exists (ours included; another user's counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
