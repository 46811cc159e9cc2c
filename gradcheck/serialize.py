"""Plain data as JSON, one policy everywhere: tuples as lists, dataclasses as their fields,
non-finite floats as the strings "inf", "-inf", "nan" (JSON has no such numbers), and back.

Used by the reports (--json, train --metrics), the checkpoints' metadata and the config file;
not a renderer: computation may import it. The --json envelope is report/serialize.py's.
"""

from __future__ import annotations

import dataclasses
import json
import math
import typing

NON_FINITE = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


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
    """data as strict JSON text (plain's leaves; a leaf JSON cannot hold is a TypeError)."""
    return json.dumps(plain(data), indent=indent, ensure_ascii=False, allow_nan=False)


def real(value):
    """A float field read back: "nan", "inf", "-inf" as floats; numbers (and the bare NaN of
    files written before this policy, which json.loads reads) as they are."""
    if isinstance(value, str):
        if value not in NON_FINITE:
            raise ValueError(f"expected a number or one of nan, inf, -inf, got {value!r}")
        return NON_FINITE[value]
    return value


def from_fields(cls, data: dict):
    """cls(**data) of a flat dataclass, its float fields read back by real: plain's inverse."""
    if not isinstance(data, dict):
        raise TypeError(f"expected an object of {cls.__name__}'s fields, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    return cls(**{k: real(v) if hints.get(k) is float else v for k, v in data.items()})
