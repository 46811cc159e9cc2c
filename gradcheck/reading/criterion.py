"""A student's cost seen through gradcheck's criterion contract: set_target(t), fprop(z) -> the
batch mean, bprop() -> its gradient."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.modules import criterion as base
from gradcheck.reading import methods
from gradcheck.reading.calls import Sandbox, StudentError
from gradcheck.reading.hints import Hints

COST = ("fprop", "forward", "__call__", "loss", "cost", "compute_loss", "compute", "evaluate")
BACK = (
    "bprop",
    "backward",
    "back",
    "backprop",
    "grad",
    "gradient",
    "derivative",
    "dloss",
    "loss_grad",
    "backward_pass",
)
WORDS = {
    "mean": "the batch mean",
    "sum": "summed over the batch",
    "per-sample": "one loss per sample",
}


class Criterion(base.Criterion):
    """The student's criterion, read: fprop returns the batch mean whatever they return, bprop()
    its gradient whatever their backward takes. Targets and inputs are checked as gradcheck's
    own criteria check them (base.Criterion)."""

    def __init__(self, obj, label: str, sandbox: Sandbox) -> None:
        super().__init__()
        self.obj, self.name, self.sandbox = obj, label, sandbox
        self.setter = None  # (name, method) taking the target, or None: cost(z, t)
        self.cost = self.back = None  # (name, method)
        self.back_style = "none"  # "none": back(); "g": back(upstream); "z,t": back(z, t)
        self.target = "one-hot"  # what the student's code takes
        self.reduction = "mean"
        self.single = False  # one sample (z of shape (N,)) at a time
        self.target_first = False  # cost(t, z), as in forward(y_true, y_pred)
        self.back_target_first = False
        self.reading = ""
        self.notes: list[str] = []

    def student_target(self, t: np.ndarray, n: int) -> np.ndarray:
        """t as the student's code takes it: (B,) labels or (B, N) one-hot rows."""
        if self.target == "one-hot":
            if t.ndim == 2:
                return t
            rows = np.zeros((len(t), n))  # (B, N)
            rows[np.arange(len(t)), t] = 1
            return rows
        if t.ndim == 2:
            if not ((t == 0) | (t == 1)).all():
                raise GradcheckError(
                    f"{self.name} takes integer labels: soft target rows cannot be given to it"
                )
            return t.argmax(axis=1)
        return t

    def fprop(self, z: np.ndarray) -> float:
        z = self._input_z(z)
        return self.reduce(self.raw_cost(z, self.student_target(self.t, z.shape[1])), len(z))

    def raw_cost(self, z: np.ndarray, t: np.ndarray):
        if self.single:
            return np.array(
                [_scalar(self._cost(zb, tb), self.cost[0]) for zb, tb in zip(z, t, strict=True)]
            )
        return self._cost(z, t)

    def _cost(self, z: np.ndarray, t: np.ndarray):
        name, fn = self.cost
        if self.setter is not None:
            self.sandbox.call(self.setter[0], self.setter[1], t)
            return self.sandbox.call(name, fn, z)
        return self.sandbox.call(name, fn, *((t, z) if self.target_first else (z, t)))

    def reduce(self, cost, b: int) -> float:
        """The batch mean from the student's cost (per-sample vector, sum or mean)."""
        name = self.cost[0]
        value = np.asarray(cost, dtype=np.float64) if _numeric(cost) else None
        if value is None:
            raise StudentError(
                name,
                f"{name} returned {type(cost).__name__}, expected a "
                "number (or one loss per sample)",
            )
        if self.reduction == "per-sample":
            if value.size != b:
                raise StudentError(
                    name, f"{name} returned {value.size} values, expected one loss per sample ({b})"
                )
            return float(value.mean())
        if value.size != 1:
            raise StudentError(name, f"{name} returned shape {value.shape}, expected a number")
        return float(value.reshape(())) / (b if self.reduction == "sum" else 1)

    def _bprop(self) -> np.ndarray:
        z, b = self.z, len(self.z)
        name, fn = self.back
        call = f"{self.sandbox.label}.{name}"
        upstream = np.full(b, 1.0 / b) if self.reduction == "per-sample" else 1.0
        if self.single:
            g = (
                np.stack(
                    [
                        self._one_gradient(zb, tb)
                        for zb, tb in zip(z, self.student_target(self.t, z.shape[1]), strict=True)
                    ]
                )
                / b
            )
            return g
        if self.back_style == "z,t":
            t = self.student_target(self.t, z.shape[1])
            g = self.sandbox.call(name, fn, *((t, z) if self.back_target_first else (z, t)))
        elif self.back_style == "g":
            g = self.sandbox.call(name, fn, upstream)
        else:
            g = self.sandbox.call(name, fn)
        if not isinstance(g, np.ndarray):
            kind = "None" if g is None else f"a {type(g).__name__}"
            raise StudentError(
                name,
                f"{call} returned {kind}, expected the gradient as a "
                f"numpy array of shape {z.shape}",
            )
        if g.shape != z.shape:
            raise StudentError(
                name, f"{call} returned shape {g.shape}, expected {z.shape} (the input's shape)"
            )
        if g.dtype.kind != "f":
            raise StudentError(
                name, f"{call} returned an array of dtype {g.dtype}, expected floats"
            )
        if self.back_style != "g" and self.reduction != "mean":
            g = g / b  # the gradient of the sum (or of each sample's loss): of the mean is 1/B
        elif self.back_style == "g" and self.reduction == "sum":
            g = g / b
        return g

    def _one_gradient(self, zb: np.ndarray, tb) -> np.ndarray:
        """The gradient of one sample's loss, after its own forward call."""
        name, fn = self.back
        self._cost(zb, tb)
        args = {"z,t": (tb, zb) if self.back_target_first else (zb, tb), "g": (1.0,), "none": ()}[
            self.back_style
        ]
        g = self.sandbox.call(name, fn, *args)
        if not isinstance(g, np.ndarray) or g.shape != zb.shape:
            got = f"shape {g.shape}" if isinstance(g, np.ndarray) else type(g).__name__
            raise StudentError(
                name,
                f"{self.sandbox.label}.{name} returned {got}, expected "
                f"the gradient of one sample, shape {zb.shape}",
            )
        return g


def _scalar(cost, name: str) -> float:
    value = np.asarray(cost, dtype=np.float64) if _numeric(cost) else np.zeros(0)
    if value.size != 1:
        raise StudentError(
            name,
            f"{name} returned {type(cost).__name__} of size {value.size}, "
            "expected one sample's loss",
        )
    return float(value.reshape(()))


def _numeric(cost) -> bool:
    return isinstance(cost, (int, float, np.ndarray, np.number)) and not isinstance(cost, bool)


def read_criterion(
    obj,
    label: str,
    *,
    reference: str | None,
    z: np.ndarray,
    labels: np.ndarray,
    reference_cost,
    hints: Hints,
) -> Criterion:
    """Decide how to call the student's cost and gradient, and what the cost is, by probing
    at z (B, N) and integer labels (B,); reference_cost(z, t_rows) -> per-sample losses."""
    c = Criterion(obj, label, Sandbox(hints.time_limit, label))
    c.setter = _optional(obj, methods.TARGET)
    c.cost = methods.find(obj, COST, hints.forward, "cost (forward)", label, "--forward")
    needs = len(methods.parameters(c.cost[1])[0])
    if needs >= 2:
        c.setter = None
    elif c.setter is None:
        raise GradcheckError(
            f"{label}.{c.cost[0]} takes only z and the class has no "
            f"set_target or set_targets: expected one of them, or "
            f"{c.cost[0]}(z, t)"
        )
    backs = tuple(b for b in BACK if b != c.cost[0])
    c.back = methods.find(obj, backs, hints.backward, "gradient (backward)", label, "--backward")
    c.back_style = _back_style(c.back[1])
    c.target_first = c.setter is None and target_first(c.cost[1])
    c.back_target_first = c.back_style == "z,t" and target_first(c.back[1])
    c.sandbox.convention = f"{c.cost[0]}/{c.back[0]}"
    _target_and_reduction(c, z, labels, reference_cost, hints)
    c.reading = _describe(c)
    return c


def _optional(obj, names):
    for name in names:
        fn = methods.own(obj, name)
        if fn is not None:
            return name, fn
    return None


TARGET_NAMES = {
    "y_true",
    "ytrue",
    "target",
    "targets",
    "t",
    "label",
    "labels",
    "y",
    "truth",
    "y_target",
    "onehot",
    "one_hot",
    "expected",
    "true",
    "actual",
    "gold",
}


def target_first(fn) -> bool:
    """cost(y_true, y_pred): the first argument's name says it is the target."""
    required = methods.parameters(fn)[0]
    return (
        len(required) >= 2
        and required[0].lower() in TARGET_NAMES
        and required[1].lower() not in TARGET_NAMES
    )


def _back_style(fn) -> str:
    required, _ = methods.parameters(fn)
    if len(required) >= 2:
        return "z,t"
    if len(required) == 1:
        return "g"
    return "none"


def _target_and_reduction(c: Criterion, z, labels, reference_cost, hints: Hints) -> None:
    """The target format the class takes and how its cost reduces, probed at z."""
    n = z.shape[1]
    formats = (hints.target,) if hints.target else ("one-hot", "labels")
    tried, error = [], None
    for fmt in formats:
        c.target = fmt
        try:
            cost = c.raw_cost(z, c.student_target(labels, n))
            singles = [
                c.raw_cost(z[b : b + 1], c.student_target(labels[b : b + 1], n))
                for b in range(len(z))
            ]
        except StudentError as e:
            error = error or e
            continue
        if (
            not (_numeric(cost) and all(_numeric(s) for s in singles))
            or np.size(cost) not in (1, len(z))
            or any(np.size(s) != 1 for s in singles)
        ):
            continue  # not a cost of this batch: a number, or one per sample
        tried.append(
            (
                fmt,
                np.asarray(cost, np.float64),
                np.array([np.asarray(s, np.float64).sum() for s in singles]),
            )
        )
    if not tried and hints.single is not False:
        tried = _single_sample(c, z, labels, formats)
    if not tried:
        if error is not None:
            raise error
        raise StudentError(
            c.cost[0], f"{c.cost[0]} returned no number for labels nor one-hot targets"
        )
    ref = None if reference_cost is None else reference_cost(z, np.eye(n)[labels])
    fmt, cost, singles = _pick(tried, ref)
    c.target = fmt
    c.reduction = hints.reduction or _reduction(cost, singles)


def _single_sample(c: Criterion, z, labels, formats) -> list:
    """A criterion of one sample (z of shape (N,)) at a time: its per-sample losses."""
    c.single = True
    tried = []
    for fmt in formats:
        c.target = fmt
        try:
            losses = c.raw_cost(z, c.student_target(labels, z.shape[1]))
        except StudentError:
            continue
        tried.append((fmt, losses, losses))
    c.single = bool(tried)
    return tried


def _pick(tried, ref):
    """The format whose per-sample costs match the reference's (labels, the cheaper, when
    both do), else the first that worked."""
    if ref is not None:
        match = [tr for tr in tried if np.allclose(tr[2], ref, rtol=1e-6, atol=1e-9)]
        if match:
            return next((tr for tr in match if tr[0] == "labels"), match[0])
    return tried[0]


def _reduction(cost: np.ndarray, singles: np.ndarray) -> str:
    if cost.size == len(singles) and cost.size > 1:
        return "per-sample"
    value = float(cost.reshape(-1)[0]) if cost.size == 1 else float(cost.sum())
    if np.isclose(value, singles.sum(), rtol=1e-9, atol=1e-12) and not np.isclose(
        value, singles.mean(), rtol=1e-9, atol=1e-12
    ):
        return "sum"
    return "mean"


def _describe(c: Criterion) -> str:
    calls = {"none": f"{c.back[0]}()", "g": f"{c.back[0]}(grad_out)", "z,t": f"{c.back[0]}(z, t)"}[
        c.back_style
    ]
    head = (
        f"{c.setter[0]}(t), {c.cost[0]}(z)"
        if c.setter
        else f"{c.cost[0]}(t, z)"
        if c.target_first
        else f"{c.cost[0]}(z, t)"
    )
    if c.back_target_first:
        calls = f"{c.back[0]}(t, z)"
    parts = [f"{head}, {calls}", f"target {c.target}", f"cost {WORDS[c.reduction]}"]
    if c.single:
        parts.insert(1, "single-sample (z of shape (N,)), checked one sample at a time")
    if c.reduction == "sum":
        c.notes.append(
            "the cost is summed over the batch: a learning rate acts B times "
            "larger than with the batch mean; gradcheck compares cost / B"
        )
    if c.reduction == "per-sample":
        c.notes.append(
            "one loss per sample: gradcheck takes their mean"
            + (", and passes grad_out = 1/B to the gradient" if c.back_style == "g" else "")
        )
    return "read as: " + "; ".join(parts)
