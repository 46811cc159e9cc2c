"""What `gradcheck data` reports: per dataset, the folders searched, what was found there
(with SHA-256 and MD5, and whether the MD5 is the published one), and how to get the rest."""

import hashlib
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from gradcheck.data import cifar, mnist, sources
from gradcheck.data.catalog import SPECS, Spec

CHUNK = 1 << 20


@dataclass(frozen=True)
class Found:
    """One file (or unpacked folder) of a dataset; checksums only for files."""

    name: str
    path: str
    size: int | None  # bytes; None for a folder
    sha256: str | None
    md5: str | None
    expected_md5: str | None  # the published MD5 compared with, when there is one
    matches: bool | None  # a published MD5 matches; None when none can decide
    detail: str = ""  # which MD5 decided, or why none could
    content_md5: str | None = None  # of the unpacked content, when a .gz was checked by it


@dataclass(frozen=True)
class Folder:
    """One folder searched, in order, and why it is searched."""

    path: str
    source: str  # --data-dir, $GRADCHECK_DATA, gradcheck data --use, user cache, system
    exists: bool
    holds: bool  # the dataset's files are all there


@dataclass(frozen=True)
class DatasetStatus:
    name: str
    folders: tuple[Folder, ...]
    found: str | None  # the folder that is used: the first that holds the files
    files: tuple[Found, ...]
    how: str  # how to get it when missing; "" when found

    @property
    def ok(self) -> bool:
        return self.found is not None and all(f.matches is not False for f in self.files)


def status(name: str, data_dir=None) -> DatasetStatus:
    """Where name is looked for, what is there, and what to do if it is not."""
    spec = SPECS[name]
    folders = tuple(
        Folder(str(f), why, f.is_dir(), f.is_dir() and sources.present(spec, f))
        for f, why in sources.labelled(spec, data_dir)
    )
    found = next((Path(f.path) for f in folders if f.holds), None)
    files = () if found is None else tuple(found_files(spec, found))
    how = "" if found is not None else how_to_get(spec, data_dir)
    return DatasetStatus(name, folders, None if found is None else str(found), files, how)


def found_files(spec: Spec, folder: Path):
    """The dataset's files in folder, each with its checksums."""
    if spec.kind == "idx":
        paths = [mnist.file_for(folder, stem) for stem in mnist.STEMS]
    else:
        lay = cifar.LAYOUTS[spec.name]
        names = (lay.archive, lay.folder, lay.py_archive, lay.py_folder)
        paths = [folder / n for n in names if (folder / n).exists()]
    for path in paths:
        yield describe(path, spec.checksums)


def describe(path: Path, checksums: dict[str, str]) -> Found:
    """path's size and checksums (a folder: none), against the published MD5s.

    A .gz whose own MD5 differs is also checked by its unpacked content, when the unpacked
    file's MD5 is published: a recompressed archive of the right data is not a mismatch.
    """
    if path.is_dir():
        return Found(path.name, str(path), None, None, None, None, None, "unpacked folder")
    sha, md5 = digests(path)
    expected, raw = checksums.get(path.name), checksums.get(path.name.removesuffix(".gz"))
    raw = raw if path.suffix == ".gz" else None
    content = None
    if expected is not None and md5 == expected:
        verdict = (True, "the file's MD5 is the published one")
    elif raw is not None:
        content = digests(path, gzip=True)[1]
        expected = raw
        verdict = (
            content == raw,
            "unpacked, its MD5 is the published one (the .gz was recompressed)"
            if content == raw
            else "unpacked, its MD5 differs from the published one",
        )
    elif expected is not None and path.suffix == ".gz":
        verdict = (
            None,
            (
                "the .gz differs from the published one; no MD5 of the unpacked file "
                "is published to decide (recompressed?)"
            ),
        )
    elif expected is not None:
        verdict = (False, "the file's MD5 differs from the published one")
    else:
        verdict = (None, "no MD5 is published for this file")
    return Found(path.name, str(path), path.stat().st_size, sha, md5, expected, *verdict, content)


def digests(path: Path, gzip: bool = False) -> tuple[str, str]:
    """SHA-256 and MD5 hex digests of path's bytes (unpacked first if gzip)."""
    import gzip as gz

    sha, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
    with (gz.open if gzip else open)(path, "rb") as f:
        while chunk := f.read(CHUNK):
            sha.update(chunk)
            md5.update(chunk)
    return sha.hexdigest(), md5.hexdigest()


def how_to_get(spec: Spec, data_dir=None) -> str:
    """What to do when the dataset is not found: download, install, or point at a folder."""
    target = sources.download_dir(spec, data_dir)
    text = (
        f"`gradcheck train --dataset {spec.name}` downloads it into {target} (checked "
        f"against the published MD5); or put {spec.wanted} in a folder and run "
        f"`gradcheck data --use DIR` (DIR or DIR/{spec.name})"
    )
    return text + (f"; or: {spec.hint}" if spec.hint else "")


def inventory(names=tuple(SPECS), data_dir: str | os.PathLike | None = None):
    """status() of each named dataset."""
    return tuple(status(n, data_dir) for n in names)


@dataclass(frozen=True)
class Inventory:
    """`gradcheck data`: each dataset's status, the config file, the folder set by --use."""

    statuses: tuple  # of Status
    config: str
    configured: str | None

    @property
    def ok(self) -> bool:
        """No file found whose checksum is wrong (a dataset not found is not a failure)."""
        return all(s.files == () or s.ok for s in self.statuses)

    def to_dict(self) -> dict:
        return {
            "config": self.config,
            "configured": self.configured,
            "datasets": [{**asdict(s), "ok": s.ok} for s in self.statuses],
        }


@dataclass(frozen=True)
class DataFolderSet:
    """`gradcheck data --use DIR`: the folder every command now looks in, the file it is in."""

    folder: str
    config: str
