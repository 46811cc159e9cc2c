"""`gradcheck list` as text: one line per built-in, its name and its fprop."""

from __future__ import annotations

from rich.text import Text


def render_listing(listing) -> Text:
    width = max((len(r.name) for r in listing.rows), default=0)
    return Text("\n".join(f"{r.name:<{width}}  {r.formula}" for r in listing.rows), no_wrap=True)
