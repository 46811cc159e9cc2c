"""Where a dataset's files are looked for, in order, and where downloads go."""

import os
from pathlib import Path

from gradcheck.data import cifar, mnist
from gradcheck.data.catalog import Spec
from gradcheck.data.config import configured_data_dir

ENV = "GRADCHECK_DATA"


def cache_root() -> Path:
    """The user cache: $XDG_CACHE_HOME/gradcheck, else ~/.cache/gradcheck."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "gradcheck"


def user_roots(data_dir: str | os.PathLike | None) -> list[Path]:
    """The folders the user named: data_dir, $GRADCHECK_DATA, then `gradcheck data --use`'s."""
    return [root for root, _ in named_roots(data_dir)]


def named_roots(data_dir: str | os.PathLike | None) -> list[tuple[Path, str]]:
    """user_roots with where each came from: --data-dir, $GRADCHECK_DATA, the config file."""
    named = [
        (data_dir, "--data-dir"),
        (os.environ.get(ENV) or None, f"${ENV}"),
        (configured_data_dir(), "gradcheck data --use"),
    ]
    return [(Path(d).expanduser(), why) for d, why in named if d is not None]


def labelled(spec: Spec, data_dir: str | os.PathLike | None = None) -> list[tuple[Path, str]]:
    """candidates(spec, data_dir), each with where it comes from, in the same order."""
    folders = [(f, why) for root, why in named_roots(data_dir) for f in (root, root / spec.name)]
    folders += [(cache_root() / spec.name, "user cache")]
    folders += [(Path(d), "system") for d in spec.system_dirs]
    first: dict[Path, str] = {}
    for f, why in folders:
        first.setdefault(f, why)  # a folder named twice keeps its first place and label
    return list(first.items())


def candidates(spec: Spec, data_dir: str | os.PathLike | None = None) -> list[Path]:
    """Every folder searched, in order: DIR then DIR/<name> for each user root, cache, system."""
    return [f for f, _ in labelled(spec, data_dir)]


def present(spec: Spec, folder: Path) -> bool:
    """Whether folder holds the dataset's files."""
    if spec.kind == "idx":
        return mnist.present(folder)
    return cifar.present(folder, spec.name)


def locate(spec: Spec, data_dir: str | os.PathLike | None = None) -> Path | None:
    """The first candidate folder holding the files, or None."""
    return next((f for f in candidates(spec, data_dir) if present(spec, f)), None)


def download_dir(spec: Spec, data_dir: str | os.PathLike | None = None) -> Path:
    """Where downloads go: DIR/<name> for the first user root, else the cache (DIR if named so)."""
    root = next(iter(user_roots(data_dir)), cache_root())
    return root if root.name == spec.name else root / spec.name


def missing_message(spec: Spec, data_dir, why: str) -> str:
    """One line that says where to put which files."""
    where = ", ".join(map(str, candidates(spec, data_dir)))
    text = (
        f"{spec.name}: data not found ({why}); put {spec.wanted} in one of: {where}; "
        f"or point --data-dir DIR, {ENV}=DIR or once for every command "
        f"`gradcheck data --use DIR` at a folder holding them (directly or in "
        f"DIR/{spec.name})"
    )
    return text + (f"; or: {spec.hint}" if spec.hint else "")
