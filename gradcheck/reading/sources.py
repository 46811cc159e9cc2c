"""Where a layer's parameter gradients come from after backward, found by probing once."""

from __future__ import annotations

import numpy as np

from gradcheck.errors import GradcheckError
from gradcheck.reading import methods, params
from gradcheck.reading.calls import StudentError

BY_NAME = " (by name; their shapes differ from the parameters')"
GETTERS = (
    "get_grad_param",
    "get_grad_params",
    "get_grads",
    "get_gradients",
    "get_param_grads",
    "grads_wrt_params",
)


def find_source(lay, x: np.ndarray, rng, hints):
    """Probe one fprop/backward pair and find the gradients; sets lay.source and its text.

    Tried in order: --grads; a tuple returned by backward; get_grad_param(grad_y) and kin
    (grads_wrt_params(inputs, grads) for the mlp framework); grads / gradients lists or dicts;
    an attribute per parameter (dW, grad_W, weights_grad, ...); an SGD step inside backward.
    """
    if lay.style == "g,lr":
        lay.source_text = "the step backward takes (lr = 1: gradient = p before - p after)"
        return None
    x, y = (x[0], lay._forward(x[0], 1)) if lay.single else (x, lay.fprop(x))
    g = rng.standard_normal(y.shape).astype(y.dtype)  # (B, M), or (M,) for one sample
    names = [s.name for s in lay.slots]
    shapes = [s.get().shape for s in lay.slots]
    before = [s.get().copy() for s in lay.slots]
    name, fn = lay.backward
    result = lay.sandbox.call(name, fn, *call_args(lay.style, x, y, g))
    if any(not np.array_equal(b, s.get()) for b, s in zip(before, lay.slots, strict=True)):
        for b, s in zip(before, lay.slots, strict=True):
            s.get()[...] = b
        raise GradcheckError(
            f"{lay.name}.{name} changes the parameters itself (an SGD step "
            "with its own learning rate): give backward a learning-rate "
            "argument (lr) or name the gradients with --grads W=dW,..."
        )
    tail = _tail(result)
    listed = getattr(lay.obj, "grads", None)
    if isinstance(listed, (list, tuple)) and "params list" in lay.where and not hints.grads:
        if len(listed) != len(names):  # gradcheck's own convention: the lists must pair up
            raise GradcheckError(
                f"{lay.name} has {len(names)} params ({', '.join(names)}) "
                f"but {len(listed)} grads: expected one gradient per parameter"
            )
        lay.source, lay.source_text = (lambda t, x, g: list(lay.obj.grads)), "the grads list"
        _accumulation(lay, x, g, list(listed))
        return lay.source
    for source, text in _candidates(lay, hints, tail, names, shapes):
        try:
            found = source(tail, x, g)
        except StudentError:
            continue
        if _fits(found, shapes, strict=not text.endswith(BY_NAME)):
            lay.source, lay.source_text = source, text
            _accumulation(lay, x, g, found)
            return source
    plain = ", ".join(names)
    raise GradcheckError(
        f"{lay.name} has parameters {plain} but no gradients for them were found (looked for "
        "a tuple returned by backward, get_grad_param(), grads_wrt_params(), grads, and "
        f"attributes such as d{names[0]} or grad_{names[0]}): name them with --grads "
        + ",".join(f"{n}=ATTR" for n in names)
    )


def call_args(style: str, x, y, g) -> tuple:
    return {"g": (g,), "x,g": (x, g), "x,y,g": (x, y, g)}[style]


def _tail(result):
    if isinstance(result, (tuple, list)) and len(result) > 1:
        return list(result[1:])
    return []


def _candidates(lay, hints, tail, names, shapes):
    """(source(tail, x, g) -> list of arrays, description), most explicit first."""
    obj, call = lay.obj, lay.sandbox.call
    if hints.grads:
        yield (
            lambda t, x, g: [getattr(obj, a) for a in hints.grads],
            "attributes " + ", ".join(hints.grads) + " (--grads)",
        )
        return
    if tail:
        yield (
            lambda t, x, g: t,
            "the tuple backward returns (grad_x, " + ", ".join(f"d{n}" for n in names) + ")",
        )
    for getter in GETTERS:
        fn = methods.own(obj, getter)
        if fn is None:
            continue
        needs = len(methods.parameters(fn)[0])
        if needs == 2:
            yield (
                lambda t, x, g, fn=fn, n=getter: _listed(call(n, fn, x, g), names),
                f"{getter}(inputs, grads_wrt_outputs)",
            )
        elif needs == 1:
            yield (
                lambda t, x, g, fn=fn, n=getter: _listed(call(n, fn, g), names),
                f"{getter}(grad_out)",
            )
        elif needs == 0:
            yield (lambda t, x, g, fn=fn, n=getter: _listed(call(n, fn), names), f"{getter}()")
    for attr in ("grads", "gradients", "grad_params", "dparams", "param_grads"):
        if isinstance(getattr(obj, attr, None), (list, tuple)):
            yield (lambda t, x, g, a=attr: list(getattr(obj, a)), f"the {attr} list")
    attrs = [params.grad_attr(obj, n, s) for n, s in zip(names, shapes, strict=True)]
    if all(attrs):
        yield (lambda t, x, g: [getattr(obj, a) for a in attrs], ", ".join(attrs))
    named = [params.grad_attr(obj, n, None) for n in names]  # by name, whatever their shape
    if all(named):
        yield (lambda t, x, g: [getattr(obj, a) for a in named], ", ".join(named) + BY_NAME)
    keys = [params.grads_dict_key(obj, n, s) for n, s in zip(names, shapes, strict=True)]
    if all(keys):
        text = ", ".join(f"{a}[{k!r}]" for a, k in keys)
        yield (lambda t, x, g: [getattr(obj, a)[k] for a, k in keys], text)
    loose = [params.grads_dict_key(obj, n, None) for n in names]
    if all(loose):
        text = ", ".join(f"{a}[{k!r}]" for a, k in loose) + BY_NAME
        yield (lambda t, x, g: [getattr(obj, a)[k] for a, k in loose], text)


def _listed(found, names):
    """A getter's result as a list in the parameters' order (a dict by their names)."""
    if isinstance(found, dict):
        return [found.get(n, found.get(f"d{n}", found.get(f"grad_{n}"))) for n in names]
    return list(found) if isinstance(found, (list, tuple)) else [found]


def _fits(found, shapes, strict: bool = True) -> bool:
    """One array per parameter, each of its size (strict; else any size: the check then names
    the wrong shape as the student's mistake)."""
    return (
        isinstance(found, list)
        and len(found) == len(shapes)
        and all(
            isinstance(a, np.ndarray) and (not strict or a.size == int(np.prod(s)))
            for a, s in zip(found, shapes, strict=True)
        )
    )


def _accumulation(lay, x, g, first) -> None:
    """A second identical backward: gradients that doubled accumulate (+=)."""
    first = [np.array(a, dtype=np.float64) for a in first]
    if not any(a.any() for a in first):
        return
    y = lay._forward(x, 1) if lay.single else lay.fprop(x)
    name, fn = lay.backward
    result = lay.sandbox.call(name, fn, *call_args(lay.style, x, y, g))
    second = [np.asarray(a, dtype=np.float64) for a in lay.source(_tail(result), x, g)]
    doubled = all(np.allclose(b, 2 * a) for a, b in zip(first, second, strict=True))
    if not doubled or all(np.allclose(a, b) for a, b in zip(first, second, strict=True)):
        return
    for zname in methods.ZERO:
        fn = methods.own(lay.obj, zname)
        if fn is not None and not methods.parameters(fn)[0]:
            lay.zero = (zname, fn)
            lay.notes.append(f"gradients accumulate (+=): {zname}() called before each backward")
            return
    lay.unzeroed = True
    lay.notes.append(
        "gradients accumulate (+=) across backward calls, and the class has no "
        "method to zero them (zero_grad)"
    )
