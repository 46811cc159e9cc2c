"""The reading layer: how gradcheck sees a student's module, whatever convention it follows.

    lay = read(MyLinear(784, 10), reference="Linear", args=(784, 10))
    lay.reading   # 'read as: forward/backward; W stored (out, in); bias (1, n); ...'

A family of conventions is one small reader (methods.py: which methods; params.py and
sources.py: where parameters and gradients live; layout.py: a Linear's layout;
criterion.py: targets and the cost's reduction), each decision probed on seeded inputs,
stated in .reading, and overridable with Hints. gradcheck's own modules are not read: they
follow its contract already.
"""

from __future__ import annotations

import inspect

import numpy as np

from gradcheck.modules import Criterion as Base
from gradcheck.modules import Module
from gradcheck.reading.calls import TIME_LIMIT, Sandbox, StudentError
from gradcheck.reading.criterion import Criterion, read_criterion
from gradcheck.reading.hints import Hints
from gradcheck.reading.layer import Layer, read_layer

COMPOSITES = ("SoftMax+CrossEntropy", "LogSoftMax+CrossEntropyLog")
IN_NAMES = (
    "n_in",
    "nin",
    "in_features",
    "input_dim",
    "input_size",
    "in_dim",
    "dim_in",
    "fan_in",
    "n_inputs",
    "num_inputs",
    "inputs",
    "in_size",
    "n_input",
    "input_units",
    "in_channels",
    "input_shape",
    "d_in",
    "indim",
    "insize",
)


MODULE, CRITERION = "module", "criterion"  # the two kinds, each with its own contract


def criteria() -> tuple[str, ...]:
    """The references read as criteria: the registered criteria (Spec.kind), the composites."""
    from gradcheck.modules.registry import specs

    return (*(n for n, s in specs().items() if s.kind == "criterion"), *COMPOSITES)


def with_widths(reference: str | None) -> bool:
    """A built-in made with widths (Spec.args: a Linear's n_in, n_out): its weights' layout is
    read, and its input width comes from its constructor's arguments."""
    from gradcheck.modules.registry import specs

    found = specs().get(reference) if reference else None
    return bool(found and found.args)


def native(obj) -> bool:
    """gradcheck's own modules (and subclasses, such as the planted bugs) need no reading;
    nor does what reading made (a Layer, a Criterion)."""
    return isinstance(obj, (Module, Layer, Base))


def kind_of(obj, reference: str | None = None) -> str:
    """CRITERION or MODULE, decided here once: gradcheck's own (and what reading made) by its
    base class; a student's by its reference, else by its methods."""
    if native(obj):
        return CRITERION if isinstance(obj, Base) else MODULE
    if reference is not None:
        return reference_kind(reference)
    return CRITERION if _has_cost_methods(obj) else MODULE


def reference_kind(reference: str | None) -> str:
    """The kind of a reference: a criterion (or one on logits), else a module (a formula's, or
    none, too)."""
    return CRITERION if reference in criteria() else MODULE


def _has_cost_methods(obj) -> bool:
    """A target setter, or a cost(z, t) signature."""
    from gradcheck.reading import methods

    if any(methods.own(obj, n) for n in methods.TARGET):
        return True
    for name in ("fprop", "forward", "__call__", "loss"):
        fn = methods.own(obj, name)
        if fn is not None:
            return len(methods.parameters(fn)[0]) >= 2
    return False


def read(
    obj,
    *,
    reference: str | None = None,
    n: int | None = None,
    args=(),
    hints: Hints | None = None,
    seed: int = 0,
    randomize: bool = True,
    criterion: bool | None = None,
):
    """A Layer or Criterion wrapping obj (obj itself when it is gradcheck's own).

    reference: the built-in obj implements (its layout, domain and cost guide the reading);
    n: the input width; randomize: draw all-zero parameters at random (for checks, not for
    training); criterion: read as a criterion (None: decide from reference and methods).
    """
    if native(obj):
        return obj
    hints = hints or Hints()
    rng = np.random.default_rng(seed)
    label = type(obj).__name__
    if criterion if criterion is not None else kind_of(obj, reference) == CRITERION:
        n = n or 4
        z, labels = _criterion_probe(reference, rng, n)
        return read_criterion(
            obj,
            label,
            reference=reference,
            z=z,
            labels=labels,
            reference_cost=reference_cost(reference),
            hints=hints,
        )
    if with_widths(reference) and n is None:
        n = linear_width(obj, args)
    return read_layer(
        obj, label, reference=reference, n=n, hints=hints, rng=rng, randomize=randomize
    )


def _criterion_probe(reference, rng, n):
    """A probe in the reference's domain (Spec.domain; logits for a composite) and labels."""
    from gradcheck.modules.domains import draw
    from gradcheck.modules.registry import domain_of

    b = 3 if n != 3 else 4  # B != N: a (B,) target cannot broadcast against (B, N) unnoticed
    guess = "normal" if reference in COMPOSITES else "probabilities"  # logits, or a guess
    return draw(domain_of(reference, guess), rng, b, n, np.float64), rng.integers(0, n, b)


def reference_cost(reference: str | None):
    """Per-sample losses of the reference criterion, computed by gradcheck's own modules."""
    if reference not in criteria():
        return None
    from gradcheck.modules import CrossEntropyLog, LogSoftMax
    from gradcheck.modules.registry import spec

    def cost(z, t_rows):
        out = []
        for zb, tb in zip(z, t_rows, strict=True):
            zb, tb = zb[None], tb[None]
            if reference in COMPOSITES:
                zb, crit = LogSoftMax().fprop(zb), CrossEntropyLog()
            else:
                crit = spec(reference).cls()
            crit.set_target(tb)
            out.append(crit.fprop(zb))
        return np.array(out)

    return cost


def linear_width(obj, args) -> int | None:
    """n_in from the constructor's arguments, by the parameter's name (n_in, input_dim, ...),
    else the first integer argument; None without arguments."""
    ints = [a for a in args if isinstance(a, int) and not isinstance(a, bool)]
    if not ints:
        return None
    try:
        sig = inspect.signature(type(obj).__init__)
        bound = sig.bind_partial(None, *args).arguments
    except (TypeError, ValueError):
        return ints[0]
    for name, value in bound.items():
        if name.lower() in IN_NAMES and isinstance(value, int):
            return value
    return ints[0]


__all__ = [
    "CRITERION",
    "MODULE",
    "TIME_LIMIT",
    "Criterion",
    "Hints",
    "Layer",
    "Sandbox",
    "StudentError",
    "kind_of",
    "native",
    "read",
    "reference_cost",
    "reference_kind",
]
