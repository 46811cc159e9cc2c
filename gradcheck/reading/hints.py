"""What the user tells the reading layer, overriding what it would detect."""

from __future__ import annotations

from dataclasses import dataclass

from gradcheck.errors import GradcheckError
from gradcheck.reading.calls import TIME_LIMIT

CALLS = ("g", "x,g", "x,y,g", "g,lr")
LAYOUTS = ("in,out", "out,in", "folded")
REDUCTIONS = ("mean", "sum", "per-sample")
TARGETS = ("labels", "one-hot")


@dataclass(frozen=True)
class Hints:
    """Overrides, each None for 'detect it'. Names are the student's own."""

    forward: str | None = None  # the forward method's name
    backward: str | None = None  # the backward method's name
    backward_call: str | None = None  # one of CALLS
    params: tuple[str, ...] | None = None  # attribute names of the parameters, in order
    grads: tuple[str, ...] | None = None  # attribute names of their gradients, same order
    reduction: str | None = None  # a criterion's cost: one of REDUCTIONS
    target: str | None = None  # what a criterion's target is: one of TARGETS
    single: bool | None = None  # one sample (1-D input) at a time
    layout: str | None = None  # a Linear's W: one of LAYOUTS
    time_limit: float | None = TIME_LIMIT  # seconds per call of the student's code

    def __post_init__(self) -> None:
        for name, value, choices in (
            ("--backward-call", self.backward_call, CALLS),
            ("--reduction", self.reduction, REDUCTIONS),
            ("--target", self.target, TARGETS),
            ("--layout", self.layout, LAYOUTS),
        ):
            if value is not None and value not in choices:
                raise GradcheckError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
        if (self.params is None) != (self.grads is None) or (
            self.params and len(self.params) != len(self.grads or ())
        ):
            raise GradcheckError(
                f"--params and --grads name the same number of attributes, "
                f"got {self.params or ()} and {self.grads or ()}"
            )
        if self.time_limit is not None and not (0 < self.time_limit <= 3600):
            raise GradcheckError(
                f"--time-limit must be seconds in (0, 3600], got {self.time_limit!r}"
            )


def pairs(text: str | None) -> tuple[tuple[str, ...], tuple[str, ...]] | tuple[None, None]:
    """'W=dW,b=db' as (('W', 'b'), ('dW', 'db'))."""
    if not text:
        return None, None
    items = [p.split("=", 1) for p in text.split(",")]
    if any(len(p) != 2 or not p[0].isidentifier() or not p[1].isidentifier() for p in items):
        raise GradcheckError(f"--grads expects PARAM=GRAD pairs like W=dW,b=db, got {text!r}")
    return tuple(p[0] for p in items), tuple(p[1] for p in items)
