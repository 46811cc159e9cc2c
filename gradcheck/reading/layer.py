"""A student's layer seen through gradcheck's contract: fprop(x), bprop(g), params, grads."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.reading import methods, params
from gradcheck.reading.calls import Sandbox, StudentError
from gradcheck.reading.hints import Hints
from gradcheck.reading.layout import linear_layout
from gradcheck.reading.sources import call_args, find_source

CALLS = {
    "g": "backward(grad_y)",
    "x,g": "backward(x, grad_y)",
    "x,y,g": "bprop(inputs, outputs, grads_wrt_outputs)",
    "g,lr": "backward(grad_y, lr): an SGD step inside backward",
}


class Layer:
    """fprop(x) (B, N) -> (B, M) and bprop(grad_y) -> grad_x through the student's methods;
    params and grads in gradcheck's layout, as views of the student's own arrays."""

    def __init__(self, obj, label: str, sandbox: Sandbox) -> None:
        self.obj, self.name, self.sandbox = obj, label, sandbox
        self.single = False
        self.style = "g"
        self.slots: list[params.Slot] = []
        self.source = None  # how the parameter gradients are read after backward
        self.views = list  # student arrays -> gradcheck's layout
        self.param_names: tuple[str, ...] = ()
        self.zero = None  # (name, method) called before each backward: accumulating gradients
        self.lr = None  # the name (or position) of backward's learning rate: "g,lr"
        self.unzeroed = False  # its gradients accumulate, and nothing zeroes them
        self.reference_kinks = None
        self.requires_input_grad = True
        self.reading = self.where = self.source_text = ""
        self.dtype = np.dtype(np.float64)  # of the probing inputs: the parameters' dtype
        self.notes: list[str] = []
        self.x = self.y = None
        self._grads: list[np.ndarray] = []

    @property
    def params(self) -> list[np.ndarray]:
        return self.views([s.get() for s in self.slots]) if self.slots else []

    @property
    def grads(self) -> list[np.ndarray]:
        return self._grads

    def zero_grad(self) -> None:
        for g in self._grads:
            g.fill(0)

    def kinks(self, x, h):
        own = methods.own(self.obj, "kinks")
        if own is not None:
            return self.sandbox.call("kinks", own, x, h)
        return None if self.reference_kinks is None else self.reference_kinks(x, h)

    def fprop(self, x: np.ndarray) -> np.ndarray:
        if self.single:
            y = np.stack([self._forward(xb, 1) for xb in x])  # (B, M)
        else:
            y = self._forward(x, 2)
        self.x, self.y = x, y
        return y

    def bprop(self, grad_y: np.ndarray):
        if self.x is None:
            raise GradcheckError(f"{self.name}.bprop called before fprop: nothing is cached")
        if not self.single:
            grad_x, grads = self._backward(self.x, self.y, grad_y)
            self._grads = self._layout(grads)
            return grad_x
        rows, total = [], None
        for xb, gb in zip(self.x, grad_y, strict=True):
            yb = self._forward(xb, 1)
            gx, grads = self._backward(xb, yb, gb)
            rows.append(gx)
            grads = [np.array(a, dtype=np.float64) for a in grads]
            total = grads if total is None else [t + a for t, a in zip(total, grads, strict=True)]
        self._grads = self._layout(total or [])
        return None if rows[0] is None else np.stack(rows)

    def _forward(self, x: np.ndarray, ndim: int) -> np.ndarray:
        name, fn = self.forward
        y = self.sandbox.call(name, fn, x)
        return output(y, f"{self.sandbox.label}.{name}", ndim, len(x) if ndim == 2 else None)

    def _backward(self, x, y, g):
        """(grad_x, the parameter gradients in the student's layout) of one backward call."""
        if self.zero is not None:
            self.sandbox.call(*self.zero)
        name, fn = self.backward
        keep = [s.get() for s in self.slots] if self.style == "g,lr" else []
        saved = [a.copy() for a in keep]
        args = (g,) if self.style == "g,lr" else call_args(self.style, x, y, g)
        kwargs = {self.lr: 1.0} if self.style == "g,lr" else {}
        result = self.sandbox.call(name, fn, *args, **kwargs)
        grad_x, tail = split(result)
        if self.style == "g,lr":
            grads = [
                s0 - np.asarray(s.get(), np.float64)
                for s0, s in zip(saved, self.slots, strict=True)
            ]
            for s, a, a0 in zip(self.slots, keep, saved, strict=True):
                a[...] = a0
                if s.get() is not a:
                    s.put(a)
        else:
            grads = self.source(tail, x, g) if self.slots else []
        call = f"{self.sandbox.label}.{name}"
        if grad_x is None and self.requires_input_grad:
            raise StudentError(
                name,
                f"{call} returned None, expected grad_x of the input's shape {tuple(np.shape(x))}",
            )
        if grad_x is not None:
            grad_x = output(grad_x, call, np.ndim(x), None, want=np.shape(x), what="grad_x")
        return grad_x, grads

    def _layout(self, grads: list) -> list[np.ndarray]:
        """The gradients in gradcheck's layout, each shaped like its parameter."""
        shaped = []
        for s, g in zip(self.slots, grads, strict=True):
            p = s.get()
            g = np.asarray(g)
            if g.shape != p.shape:
                if g.size != p.size or not (vector(g) and vector(p)):
                    raise StudentError(
                        "gradients",
                        f"the gradient read for {s.name} "
                        f"({self.source_text}) has shape {tuple(g.shape)}, the "
                        f"parameter {tuple(p.shape)}: {shape_hint(g, p)}",
                    )
                g = g.reshape(p.shape)
            shaped.append(g)
        return self.views(shaped)


def shape_hint(g: np.ndarray, p: np.ndarray) -> str:
    """What a gradient of the wrong shape most likely is."""
    if g.ndim == 2 and p.ndim == 2 and g.shape == p.shape[::-1]:
        return "the gradient transposed?"
    if g.ndim == 2 and vector(p) and g.shape[1] == p.size:
        return f"one row per sample ({g.shape[0]}): not summed over the batch?"
    if g.size == p.size + int(np.prod(p.shape[1:])) or (
        g.ndim == 2 and p.ndim == 2 and g.shape[1:] == p.shape[1:] and g.shape[0] == p.shape[0] + 1
    ):
        return "one row too many: the column of ones (the folded bias) included?"
    return "not in the same order as the parameters?"


def vector(a) -> bool:
    return sum(d > 1 for d in np.shape(a)) <= 1


def split(result):
    """(grad_x, the rest) of what backward returned: an array, or a tuple (dx, dW, db)."""
    if isinstance(result, (tuple, list)) and result and not all(np.isscalar(r) for r in result):
        return result[0], list(result[1:])
    return result, []


def output(y, name: str, ndim: int, rows: int | None, want=None, what: str = "y"):
    """y as a float array of ndim dimensions (rows first, or the shape want), else a
    StudentError naming what came."""
    if y is None or not isinstance(y, np.ndarray):
        kind = "None" if y is None else f"a {type(y).__name__}"
        raise StudentError(
            name,
            f"{name} returned {kind}, expected {what} as a numpy array"
            + (f" of shape {tuple(want)}" if want is not None else ""),
        )
    if y.dtype.kind not in "fc":
        raise StudentError(name, f"{name} returned an array of dtype {y.dtype}, expected floats")
    if want is not None and y.shape != tuple(want):
        raise StudentError(
            name,
            f"{name} returned {what} of shape {tuple(y.shape)}, expected "
            f"{tuple(want)} (the input's shape)",
        )
    if y.ndim != ndim or (rows is not None and y.shape[0] != rows):
        expected = f"({rows}, M)" if ndim == 2 else "(M,)"
        raise StudentError(
            name, f"{name} returned {what} of shape {tuple(y.shape)}, expected {expected}"
        )
    return y


def read_layer(
    obj,
    label: str,
    *,
    reference: str | None,
    n: int | None,
    hints: Hints,
    rng: np.random.Generator,
    randomize: bool = True,
) -> Layer:
    """The Layer of a student's object, every decision probed on seeded random inputs."""
    lay = Layer(obj, label, Sandbox(hints.time_limit, label))
    _initialize(obj, lay)
    lay.forward = methods.find(obj, methods.FORWARD, hints.forward, "forward", label, "--forward")
    backs = tuple(b for b in methods.BACKWARD if b != lay.forward[0])
    lay.backward = methods.find(obj, backs, hints.backward, "backward", label, "--backward")
    lay.style = hints.backward_call or methods.backward_style(
        lay.backward[1], lay.backward[0], label
    )
    lay.lr = methods.lr_name(lay.backward[1]) if lay.style == "g,lr" else None
    lay.sandbox.convention = f"{lay.forward[0]}/{lay.backward[0]}"
    lay.requires_input_grad = bool(getattr(obj, "requires_input_grad", True))
    lay.slots, where = params.slots(obj, hints.params)
    lay.where = where
    lay.dtype = next((s.get().dtype for s in lay.slots), np.dtype(np.float64))  # probe in it
    if randomize:
        _randomize(lay, rng)
    n = lay.n_in = n or _width(lay)
    x = rng.standard_normal((3, n)).astype(lay.dtype)  # (3, N)
    lay.single = _single(lay, x) if hints.single is None else hints.single
    if lay.slots:
        lay.source = find_source(lay, x, rng, hints)
    from gradcheck.reading import with_widths

    if with_widths(reference):
        _linear(lay, n, hints.layout)
    else:
        lay.param_names = tuple(s.name for s in lay.slots)
    lay.reading = _describe(lay, where)
    return lay


def _initialize(obj, lay: Layer) -> None:
    """Call the init method when the weights are still None after construction."""
    pending = [
        k
        for k, v in vars(obj).items()
        if v is None and k.lower() in params.PARAM_NAMES + ("params", "parameters")
    ]
    if not pending:
        return
    for name in methods.INIT:
        fn = methods.own(obj, name)
        if fn is not None and not methods.parameters(fn)[0]:
            lay.sandbox.call(name, fn)
            lay.notes.append(f"{name}() called: {', '.join(pending)} were None")
            return


def _randomize(lay: Layer, rng) -> None:
    """All-zero parameters drawn at random, so that a missing + b or a zero W cannot hide."""
    drawn = []
    for s in lay.slots:
        p = s.get()
        if not p.any():
            p[...] = rng.standard_normal(p.shape)
            drawn.append(s.name)
    if drawn:
        lay.notes.append(
            f"{', '.join(drawn)} {'was' if len(drawn) == 1 else 'were'} all zero: "
            "drawn at random for the check"
        )


def _width(lay: Layer) -> int:
    """The input width of a layer built without arguments: the first dimension of a 2-D
    parameter (or one less: a folded bias) that fprop accepts; 4 for a layer without any."""
    dims = [d for s in lay.slots if s.get().ndim == 2 for d in s.get().shape]
    for d in dict.fromkeys(dims + [d - 1 for d in dims if d > 1]):
        for ndim in (2, 1):
            if _try(lay, np.zeros((1, d) if ndim == 2 else d, lay.dtype), ndim) is not None:
                return d
    if dims:
        raise GradcheckError(
            f"{lay.name}: fprop accepts no input width its parameters "
            f"suggest ({', '.join(map(str, dict.fromkeys(dims)))}): give the "
            "constructor arguments with --args"
        )
    return 4


def _single(lay: Layer, x: np.ndarray) -> bool:
    """A single-sample module: it fails on a batch, or treats the whole batch as one sample."""
    try:
        y = lay._forward(x, 2)
    except (StudentError, GradcheckError) as batch_error:
        try:
            lay._forward(x[0], 1)
        except (StudentError, GradcheckError):
            raise batch_error from None
        return True
    singles = [_try(lay, xb) for xb in x]
    if any(s is None for s in singles) or all(
        s.shape == y[b].shape and np.allclose(s, y[b]) for b, s in enumerate(singles)
    ):
        return False
    flat = _try(lay, x.ravel())
    return flat is not None and flat.size == y.size and np.allclose(flat.reshape(y.shape), y)


def _try(lay: Layer, xb, ndim: int = 1):
    try:
        return lay._forward(xb, ndim)
    except (StudentError, GradcheckError):
        return None


def _linear(lay: Layer, n_in: int, only: str | None = None) -> None:
    """Map the student's W and b (any layout) onto gradcheck's W (n_in, n_out), b (n_out,)."""
    arrays = [s.get() for s in lay.slots]
    n_out = lay.fprop(np.zeros((1, n_in), lay.dtype)).shape[1]
    layout = linear_layout(arrays, n_in, n_out, lambda x: lay.fprop(x), only)
    if layout is None:
        layout = linear_layout(arrays, n_in, n_out, None, only)
        if layout is not None:
            lay.notes.append(
                "layout read from the shapes alone: fprop at 0 and at the unit "
                "vectors matches no W and b of the class"
            )
    if layout is None:
        shapes = ", ".join(
            f"{s.name} {tuple(a.shape)}" for s, a in zip(lay.slots, arrays, strict=True)
        )
        raise GradcheckError(
            f"{lay.name} as a Linear({n_in}, {n_out}): expected W of shape "
            f"({n_in}, {n_out}) or ({n_out}, {n_in}) and a bias of {n_out} "
            f"(or folded into W), got {shapes or 'no parameters'}"
        )
    lay.views, lay.param_names = layout.views, ("W", "b")
    lay.layout = layout.text


def _describe(lay: Layer, where: str) -> str:
    parts = [f"{lay.forward[0]}/{lay.backward[0]}"]
    if lay.style != "g":
        parts.append(CALLS[lay.style])
    if lay.single:
        parts.append("single-sample (1-D input), checked one sample at a time")
    if getattr(lay, "layout", None):
        parts.append(lay.layout)
    if lay.slots:
        parts.append(f"parameters from {where}")
        parts.append(f"gradients from {lay.source_text}")
    return "read as: " + "; ".join(parts)
