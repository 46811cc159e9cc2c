"""Results as JSON: tuples as lists, non-finite floats as the strings "inf", "-inf", "nan"."""

from __future__ import annotations

import json
import math


def plain(value):
    """value with JSON-safe leaves: finite floats stay numbers."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        return plain(value.item())
    return value


def to_json(data: dict, indent: int | None = 2) -> str:
    return json.dumps(plain(data), indent=indent, ensure_ascii=False, allow_nan=False)
