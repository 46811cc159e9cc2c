"""The one writer: a command's result on stdout or into --output FILE, in the format asked for.

Formats: rich (the terminal, coloured unless --no-color or NO_COLOR), text (the same rendered
plainly; what rich becomes in a file), json (the envelope of report.serialize), latex and
markdown (derivations only). A file is written atomically.
"""

from __future__ import annotations

import sys

from gradcheck.atomic import atomic_write
from gradcheck.report.render import document, json_of, rich


def write(
    result,
    fmt: str = "rich",
    output: str | None = None,
    no_color: bool = False,
    *,
    command: str | None = None,
    ok: bool = True,
) -> None:
    """result rendered in fmt, printed, or written to the file output (atomically)."""
    if fmt == "rich" and output is None:
        from rich.text import Text

        from gradcheck.report.console import terminal

        shown = rich(result)
        soft = isinstance(shown, Text) and shown.no_wrap  # lines kept whole, as print() does
        terminal(no_color).print(shown, soft_wrap=soft)
        return
    emit(render(result, fmt, command, ok), output)


def render(result, fmt: str, command: str | None = None, ok: bool = True) -> str:
    """result as the text of format fmt (rich becomes plain text)."""
    if fmt == "json":
        from gradcheck.report.serialize import envelope
        from gradcheck.serialize import to_json

        return to_json(envelope(command, ok, json_of(result))) + "\n"
    if fmt in ("latex", "markdown"):
        return document(result, fmt)
    from gradcheck.report.console import plain_text

    return plain_text(rich(result))


def write_json(result, path) -> None:
    """result's JSON data alone (no envelope) into the file path, atomically: train's --metrics."""
    from gradcheck.serialize import to_json

    emit(to_json(result) + "\n", str(path))


def emit(text: str, output: str | None) -> None:
    """text on stdout, or into the file output, written atomically."""
    if output is None:
        sys.stdout.write(text)
        return
    atomic_write(output, lambda f: f.write(text.encode("utf-8")))
