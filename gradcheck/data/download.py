"""Downloads checked against a published MD5, written atomically, with a progress bar."""

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


def fetch(urls: list[str], dest: Path, md5: str, timeout: float = TIMEOUT) -> None:
    """Download dest from the first mirror whose file has the MD5; a timeout stops at once."""
    problems = []
    for url in urls:
        try:
            _fetch_one(url, dest, md5, timeout)
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


def _fetch_one(url: str, dest: Path, md5: str, timeout: float) -> None:
    """Stream url into a temporary file beside dest, check its MD5, then rename it to dest."""

    def write(out) -> None:
        with request.urlopen(url, timeout=timeout) as response:
            digest = _copy(response, out, dest.name)
        if digest != md5:
            raise DownloadError(f"MD5 {digest} differs from the published {md5}")

    atomic_write(dest, write)


def _copy(response, out, label: str) -> str:
    """Copy response to out with a progress bar on stderr; return the MD5 hex digest."""
    from rich.console import Console  # lazy: the CLI must start fast
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    digest = hashlib.md5(usedforsecurity=False)
    size = response.headers.get("Content-Length")
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=int(size) if size else None)
        while chunk := response.read(CHUNK):
            out.write(chunk)
            digest.update(chunk)
            bar.advance(task, len(chunk))
    return digest.hexdigest()
