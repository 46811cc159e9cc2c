"""Safe unpacking of a .tar.gz: only plain files and folders, none of them outside the target."""

import os
import posixpath
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path

from gradcheck.errors import GradcheckError


def check_member(member: tarfile.TarInfo, archive: Path) -> None:
    """Refuse a link, device or fifo, an absolute path, or a path that climbs out with '..'."""
    name = member.name
    norm = posixpath.normpath(name)
    if posixpath.isabs(name) or norm == ".." or norm.startswith("../"):
        raise GradcheckError(
            f"{archive}: unsafe member {name!r}: its path leaves the folder it is unpacked into"
        )
    if not (member.isfile() or member.isdir()):
        raise GradcheckError(
            f"{archive}: unsafe member {name!r}: a link or special file, "
            "expected only plain files and folders"
        )


def extract(archive: Path, target: Path) -> None:
    """Unpack archive into target after checking every member; its entries appear whole or not."""
    try:
        with tarfile.open(archive, "r:*") as tar:
            members = tar.getmembers()
            for member in members:
                check_member(member, archive)
            _extract_via_temp(tar, members, target)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as e:
        raise GradcheckError(f"{archive}: cannot unpack: {e}") from None


def _extract_via_temp(tar: tarfile.TarFile, members: list, target: Path) -> None:
    """Extract into a temporary folder inside target, then move each top-level entry in place."""
    tmp = Path(tempfile.mkdtemp(dir=target, prefix=".unpack-"))
    try:
        if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4 / 3.12: the stdlib's own checks too
            tar.extractall(tmp, members=members, filter="data")
        else:
            tar.extractall(tmp, members=members)  # every member checked above
        for entry in tmp.iterdir():
            os.replace(entry, target / entry.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
