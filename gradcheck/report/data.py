"""`gradcheck data` as rich tables: per dataset the folders searched, the files found, checksums."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from gradcheck.report.parts import mark, table


def render_inventory(inv):
    """One block per dataset, then where `gradcheck data --use` keeps its folder."""
    use = (
        f"set by gradcheck data --use: {inv.configured}"
        if inv.configured
        else "no folder set by gradcheck data --use"
    )
    return Group(
        *(render_status(s) for s in inv.statuses), Text(f"config file: {inv.config} ({use})")
    )


def render_folder_set(r) -> Text:
    """The answer to `gradcheck data --use DIR`."""
    return Text(
        f"every command now looks in {r.folder} (after --data-dir and $GRADCHECK_DATA); "
        f"written to {r.config}; `gradcheck data` shows what is there",
        no_wrap=True,
    )  # paths whole: the writer prints it soft-wrapped


def render_status(s):
    """Folders in search order (→ marks the one used), then the files and their checksums."""
    head = Text.assemble(
        mark(s.ok), " ", (s.name, "bold"), " ", f"found in {s.found}" if s.found else "not found"
    )
    folders = table("", "folder searched", "because", "", title=None)
    for f in s.folders:
        state = (
            "holds the files"
            if f.holds
            else "exists, files missing"
            if f.exists
            else "no such folder"
        )
        folders.add_row("→" if f.path == s.found else "", Text(f.path), f.source, state)
    parts = [head, folders]
    if s.files:
        files = table("", "file", "bytes", "sha256", "md5", "checked")
        for f in s.files:
            files.add_row(
                Text("?") if f.matches is None else mark(f.matches),
                f.name,
                "folder" if f.size is None else f"{f.size:,}",
                short(f.sha256),
                f.md5 or "—",
                Text(f.detail),
            )
        parts.append(files)
    if s.how:
        parts.append(Text(f"how to get it: {s.how}"))
    return Group(*parts, Text(""))


def short(digest: str | None) -> str:
    """The first 16 hex digits of a SHA-256 (all 64 are in --json)."""
    return "—" if digest is None else digest[:16] + "…"
