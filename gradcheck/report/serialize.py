"""Results as JSON, one policy everywhere: tuples as lists, dataclasses as their fields,
non-finite floats as the strings "inf", "-inf", "nan" (JSON has no such numbers).

Every command's --json is one envelope (SCHEMA below; README "### JSON output"):
    {"schema": 1, "command": "verify", "ok": true, "result": {...}}
    {"schema": 1, "command": "verify", "ok": false, "error": {"message", "kind", "exit_code"}}
"""

from __future__ import annotations

import dataclasses
import json
import math

SCHEMA = 1


def plain(value):
    """value with JSON-safe leaves: finite floats stay numbers, results become dicts."""
    if hasattr(value, "to_dict"):
        return plain(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return plain(value.item())
    return value


def to_json(data, indent: int | None = 2) -> str:
    return json.dumps(plain(data), indent=indent, ensure_ascii=False, allow_nan=False)


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
