"""Every command's --json is one envelope (SCHEMA below; README "### JSON output"):
    {"schema": 1, "command": "verify", "ok": true, "result": {...}}
    {"schema": 1, "command": "verify", "ok": false, "error": {"message", "kind", "exit_code"}}

Its leaves are written by the one serializer, gradcheck/serialize.py.
"""

from __future__ import annotations

SCHEMA = 1


def envelope(command: str | None, ok: bool, result=None) -> dict:
    """A command's result in the one top-level shape of every --json."""
    return {"schema": SCHEMA, "command": command, "ok": ok, "result": result}


def error_envelope(command: str | None, message: str, kind: str, exit_code: int) -> dict:
    """A command's error in the same shape: ok false, and error in place of result."""
    return {
        "schema": SCHEMA,
        "command": command,
        "ok": False,
        "error": {"message": message, "kind": kind, "exit_code": exit_code},
    }
