"""Downloads checked against a published MD5, written atomically, reporting their progress
through a DownloadProgress (quiet by default; the CLI supplies a bar: report/download.py)."""

import hashlib
import http.client
from pathlib import Path
from urllib import error, request

from gradcheck.atomic import atomic_write
from gradcheck.errors import GradcheckError

TIMEOUT = 10.0  # seconds without an answer before a mirror counts as unreachable
CHUNK = 1 << 16


class DownloadError(GradcheckError):
    """No mirror delivered the file with its published checksum."""


class DownloadProgress:
    """How a download reports: methods that do nothing unless overridden (so: quiet)."""

    def on_start(self, label: str, total: int | None) -> None:
        """Before the first byte of a file; total: its size in bytes, None if unknown."""

    def on_bytes(self, n: int) -> None:
        """After each chunk of n bytes is written."""

    def on_end(self) -> None:
        """After the file, whether it arrived or not."""


def fetch(
    urls: list[str],
    dest: Path,
    md5: str,
    timeout: float = TIMEOUT,
    progress: DownloadProgress | None = None,
) -> None:
    """Download dest from the first mirror whose file has the MD5; a timeout stops at once."""
    problems = []
    for url in urls:
        try:
            _fetch_one(url, dest, md5, timeout, progress or DownloadProgress())
            return
        except (OSError, http.client.HTTPException, DownloadError) as e:
            problems.append(f"{url}: {_reason(e)}")
            if _timed_out(e):
                break
    raise DownloadError("; ".join(problems))


def _reason(e: Exception) -> str:
    """The short cause of a failed download."""
    if isinstance(e, error.URLError) and not isinstance(e, error.HTTPError):
        return str(e.reason)
    return str(e) or type(e).__name__


def _timed_out(e: Exception) -> bool:
    """Whether the failure was a timeout (then other mirrors would only make the user wait)."""
    return isinstance(e, TimeoutError) or isinstance(getattr(e, "reason", None), TimeoutError)


def _fetch_one(url: str, dest: Path, md5: str, timeout: float, progress: DownloadProgress) -> None:
    """Stream url into a temporary file beside dest, check its MD5, then rename it to dest."""

    def write(out) -> None:
        with request.urlopen(url, timeout=timeout) as response:
            digest = _copy(response, out, dest.name, progress)
        if digest != md5:
            raise DownloadError(f"MD5 {digest} differs from the published {md5}")

    atomic_write(dest, write)


def _copy(response, out, label: str, progress: DownloadProgress) -> str:
    """Copy response to out, reporting each chunk to progress; return the MD5 hex digest."""
    digest = hashlib.md5(usedforsecurity=False)
    size = response.headers.get("Content-Length")
    progress.on_start(label, int(size) if size else None)
    try:
        while chunk := response.read(CHUNK):
            out.write(chunk)
            digest.update(chunk)
            progress.on_bytes(len(chunk))
    finally:
        progress.on_end()
    return digest.hexdigest()
