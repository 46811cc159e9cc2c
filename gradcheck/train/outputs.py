"""A training run's output files, checked before epoch 1: writable, distinct, not its input."""

from __future__ import annotations

import os
from pathlib import Path

from gradcheck.atomic import probe_writable
from gradcheck.errors import GradcheckError


def check_outputs(outputs: dict[str, str | None], resume: str | None = None) -> None:
    """outputs maps an option to its path ({"--metrics": "m.json", ...}; None: not given).

    Each path is a file that can be written (its folder made if needed), no two are the same
    file, and none is the --resume checkpoint, except --checkpoint, which continues it.
    """
    given = {opt: Path(p) for opt, p in outputs.items() if p is not None}
    seen: dict[str, str] = {}
    for opt, p in given.items():
        if same(p) in seen:
            raise GradcheckError(
                f"{seen[same(p)]} and {opt} are the same file {p}: expected "
                "distinct paths, or one would overwrite the other"
            )
        seen[same(p)] = opt
    if resume is not None:
        clash = seen.get(same(Path(resume)))
        if clash is not None and clash != "--checkpoint":
            raise GradcheckError(
                f"{clash} {resume} is the checkpoint given to --resume: it "
                "would be overwritten; expected another path"
            )
    for p in given.values():
        probe_writable(p)


def same(path: Path) -> str:
    """A key equal for two paths to one file (symlinks and `..` resolved)."""
    return os.path.normcase(os.path.realpath(path))
