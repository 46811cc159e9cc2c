"""The memory budget of a check: set around verify(), read where Jacobians are allocated."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from gradcheck.errors import GradcheckError

DEFAULT_MB = 1024
_BUDGET: ContextVar[int] = ContextVar("memory_budget", default=DEFAULT_MB)


@contextmanager
def limit(mb: float | None) -> Iterator[None]:
    """Run a check within mb megabytes (None: the default)."""
    mb = DEFAULT_MB if mb is None else mb
    if isinstance(mb, bool) or not isinstance(mb, (int, float)) or not mb > 0:
        raise GradcheckError(f"the memory budget must be a number of MB > 0, got {mb!r}")
    token = _BUDGET.set(mb)
    try:
        yield
    finally:
        _BUDGET.reset(token)


def budget_bytes() -> int:
    return int(_BUDGET.get() * 2**20)


def require(need: int, what: str) -> None:
    """Refuse, before allocating, a request of need bytes over the budget; what names it."""
    if need > budget_bytes():
        raise GradcheckError(
            f"{what} need about {need / 2**20:,.0f} MB, over the memory budget of "
            f"{_BUDGET.get():,.0f} MB: raise it with --memory-budget MB (memory_budget= in "
            "verify()), or check a smaller --size or --batch"
        )
