"""One writer per output file: a lock file .NAME.lock beside NAME holding the writer's PID.

Created with its PID in it at once (a temp file made with O_EXCL, then a hard link, which
fails if the lock exists), so two runs cannot both take it and no reader sees it empty; a
lock whose PID is no longer alive (a run killed with SIGKILL) is taken over.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from gradcheck.atomic import ensure_parent, pid_alive, temp_name
from gradcheck.errors import GradcheckError


def lock_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextmanager
def locked(paths):
    """Hold the lock of every path (None entries skipped) for the duration of the block."""
    taken = []
    try:
        for p in (Path(p) for p in paths if p is not None):
            acquire(p)
            taken.append(p)
        yield
    finally:
        for p in taken:
            release(p)


def acquire(path: Path) -> None:
    """Take path's lock, or a GradcheckError naming the live process that holds it."""
    ensure_parent(path)
    lock = lock_name(path)
    for _ in range(2):  # a second try after removing a dead writer's lock
        if _create(lock):
            return
        pid = holder(lock)
        if pid is not None and pid_alive(pid):
            raise GradcheckError(
                f"{path}: another run (PID {pid}) is writing it (lock {lock.name}); wait "
                "for it to finish or choose another path"
            )
        lock.unlink(missing_ok=True)  # its writer is gone
    raise GradcheckError(f"{path}: another run took its lock {lock.name} at the same time")


def _create(lock: Path) -> bool:
    """Create the lock with our PID in it, all at once (a hard link fails if it exists)."""
    tmp = temp_name(lock)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w") as f:
            f.write(f"{os.getpid()}\n")
        os.link(tmp, lock)
        return True
    except FileExistsError:
        return False
    except OSError as e:
        raise GradcheckError(f"cannot create the lock {lock}: {e.strerror or e}") from None
    finally:
        tmp.unlink(missing_ok=True)


def release(path: Path) -> None:
    """Remove path's lock if it is ours."""
    lock = lock_name(path)
    if holder(lock) == os.getpid():
        lock.unlink(missing_ok=True)


def holder(lock: Path) -> int | None:
    """The PID in a lock file, None if it is unreadable (a writer that died mid-write)."""
    try:
        return int(lock.read_text().strip())
    except (OSError, ValueError):
        return None
