"""What `gradcheck list` shows: each built-in's name and its fprop formula, as plain data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ListRow:
    name: str
    formula: str


@dataclass(frozen=True)
class Listing:
    """The built-in modules, in their registration order."""

    rows: tuple[ListRow, ...]

    @classmethod
    def of(cls, classes: dict) -> Listing:
        """{name: class with a .formula} as a Listing."""
        return cls(tuple(ListRow(name, c.formula) for name, c in classes.items()))
