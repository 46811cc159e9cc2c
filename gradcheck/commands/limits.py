"""Bounds on every numeric option, so that memory and time stay bounded; checked before work.

Each refusal is one line naming what was expected and what came. The bounds, measured
(benchmarks/option_limits.py prints the figures): a three-way check holds about 100 bytes per
Jacobian entry (symbolic, bprop and finite differences, per entry and per sample), so
`verify` refuses more entries than the memory budget holds (--memory-budget, default 1024 MB;
a Linear's parameter Jacobians are held row-sparse: n_in entries of W per output, not n_in·n_out).
"""

from __future__ import annotations

import argparse
import math

import numpy as np

from gradcheck.errors import GradcheckError

MAX_SEED = 2**32 - 1
BYTES_PER_ENTRY = 100
DEFAULT_MB = 1024  # as gradcheck.threeway.budget
# The relative step of central differences, as a factor of the default cbrt(eps): below
# 1/100 rounding error, above 4 truncation error exceed the tolerance (a correct module FAILs).
STEP_RANGE = (0.01, 4.0)


def integer(low: int, high: int):
    """An argparse type: an integer from low to high."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"expected an integer from {low} to {high}, got {text!r}"
            )
        return value

    return parse


def real(low: float, high: float):
    """An argparse type: a finite number x with low < x <= high."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and low < value <= high):
            raise argparse.ArgumentTypeError(
                f"expected a finite number > {low:g} and <= {high:g}, got {text!r}"
            )
        return value

    return parse


def step_range(dtype: str) -> tuple[float, float]:
    """The relative finite-difference steps a correct module passes with, in this dtype."""
    default = float(np.cbrt(np.finfo(dtype).eps))
    return STEP_RANGE[0] * default, STEP_RANGE[1] * default


def check_step(step: float | None, dtype: str) -> None:
    """--step within step_range(dtype), or a GradcheckError."""
    low, high = step_range(dtype)
    if step is not None and not low <= step <= high:
        raise GradcheckError(
            f"--step in {dtype} must be from {low:.3g} to {high:.3g} "
            f"(1/100 to 4 times the default cbrt(eps)), got {step:g}"
        )


def entries(name: str, n: int, batch: int, args=()) -> int:
    """Jacobian entries a three-way check of built-in `name` at width n holds."""
    from gradcheck.modules.registry import spec

    s = spec(name)
    if s.args:  # W row-sparse: an output row touches n_in entries of W and one of b
        n_in, n_out = args if len(args) == 2 else (n, n + 1)
        return module_entries(batch, n_in, n_out, n_in + 1)
    return module_entries(batch, n, 1 if s.kind == "criterion" else n, 0)


def module_entries(batch: int, n: int, m: int, n_params: int) -> int:
    """B · M · (N + P): per sample, an M × N input Jacobian and an M × P one for the
    parameters (any module, once its widths and parameter count are known)."""
    return batch * m * (n + n_params)


def require_budget(label: str, e: int, options: str, mb: float | None = None) -> None:
    """Refuse a check whose Jacobian entries do not fit the memory budget (MB)."""
    mb = DEFAULT_MB if mb is None else mb
    if e * BYTES_PER_ENTRY > mb * 1e6:
        raise GradcheckError(
            f"{label} at {options} needs {e:,} Jacobian entries (about "
            f"{e * BYTES_PER_ENTRY / 1e6:,.0f} MB), more than the memory budget of {mb:g} MB: "
            "lower --size or --batch, or raise --memory-budget"
        )


def check_budget(names: list[str], n: int, batch: int, args=(), mb: float | None = None) -> None:
    """Refuse a built-in whose check would not fit the memory budget."""
    from gradcheck.modules.registry import specs

    for name in (x for x in names if x in specs()):
        shown = (
            f"--args {' '.join(map(str, args))}" if args and specs()[name].args else f"--size {n}"
        )
        require_budget(name, entries(name, n, batch, args), f"{shown} --batch {batch}", mb)
