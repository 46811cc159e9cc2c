"""Where a student's layer keeps its parameters, and where its gradients come from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# attribute names that plainly hold parameters (lower case)
PARAM_NAMES = (
    "w",
    "weights",
    "weight",
    "kernel",
    "theta",
    "a",
    "b",
    "bias",
    "biases",
    "beta",
    "gamma",
)
# name patterns of a parameter's gradient attribute, {p} the parameter's name
GRAD_PATTERNS = (
    "d{p}",
    "d_{p}",
    "grad_{p}",
    "grad{p}",
    "{p}_grad",
    "{p}grad",
    "g_{p}",
    "g{p}",
    "delta_{p}",
    "gradient_{p}",
    "gradient{p}",
    "{p}_gradient",
    "grad_{p}s",
    "d{p}s",
    "gradients_{p}",
    "{p}_d",
    "{p}_delta",
)


@dataclass(frozen=True)
class Slot:
    """One parameter of the student's object: how to read it and how to put an array back."""

    name: str
    get: Callable[[], np.ndarray]
    put: Callable[[np.ndarray], None]


def attr_slot(obj, name: str) -> Slot:
    return Slot(name, lambda: getattr(obj, name), lambda a: setattr(obj, name, a))


def item_slot(obj, attr: str, key, name: str) -> Slot:
    def put(a):
        getattr(obj, attr)[key] = a

    return Slot(name, lambda: getattr(obj, attr)[key], put)


def is_array(a) -> bool:
    return isinstance(a, np.ndarray) and a.dtype.kind == "f" and a.size > 0


def container(obj, name: str):
    """obj.name as a list, tuple or dict of arrays (a method is called), else None."""
    value = getattr(obj, name, None)
    if callable(value) and not isinstance(value, (list, tuple, dict)):
        try:
            value = value()
        except Exception:  # noqa: BLE001 - a method that needs arguments: not a container
            return None
    if isinstance(value, dict) and value and all(is_array(v) for v in value.values()):
        return value
    if isinstance(value, (list, tuple)) and value and all(is_array(v) for v in value):
        return value
    return None


def slots(obj, names: tuple[str, ...] | None = None) -> tuple[list[Slot], str]:
    """The parameters: given names, params list/dict, get_params(), or named attributes."""
    if names:
        return [attr_slot(obj, n) for n in names], "parameters " + ", ".join(names)
    for attr in ("params", "parameters", "get_params", "get_parameters", "param"):
        found = container(obj, attr)
        if found is None:
            continue
        keys = list(found) if isinstance(found, dict) else list(range(len(found)))
        live = not callable(getattr(obj, attr))
        arrays = list(found.values()) if isinstance(found, dict) else list(found)
        names = _names_of(obj, arrays)
        if live and isinstance(found, (list, dict)):
            labels = (
                [str(k) for k in keys]
                if isinstance(found, dict)
                else (names or [f"p{k}" for k in keys])
            )
            return (
                [item_slot(obj, attr, k, n) for k, n in zip(keys, labels, strict=True)],
                f"the {attr} {'dict' if isinstance(found, dict) else 'list'}",
            )
        if names:
            return [attr_slot(obj, n) for n in names], f"{attr}() ({', '.join(names)})"
        return [_fixed(a, f"p{k}") for k, a in enumerate(arrays)], f"{attr}"
    named = [n for n in vars(obj) if n.lower() in PARAM_NAMES and is_array(getattr(obj, n))]
    named.sort(key=lambda n: PARAM_NAMES.index(n.lower()))
    return [attr_slot(obj, n) for n in named], ", ".join(named)


def _names_of(obj, arrays) -> list[str] | None:
    """The attribute names of these array objects, if each is an attribute of obj."""
    by_id = {id(v): k for k, v in vars(obj).items() if isinstance(v, np.ndarray)}
    names = [by_id.get(id(a)) for a in arrays]
    return names if all(names) else None


def _fixed(a: np.ndarray, name: str) -> Slot:
    def put(b):
        a[...] = b

    return Slot(name, lambda: a, put)


def grad_attr(obj, name: str, shape) -> str | None:
    """The attribute holding the gradient of parameter `name`: dW, grad_W, weights_grad, ..."""
    have = {k.lower(): k for k, v in vars(obj).items() if isinstance(v, np.ndarray)}
    for pattern in GRAD_PATTERNS:
        key = pattern.format(p=name.lower())
        if key in have and (
            shape is None or np.size(getattr(obj, have[key])) == int(np.prod(shape))
        ):
            return have[key]
    return None


def grads_dict_key(obj, name: str, shape):
    """obj.grads[key] (or gradients, dparams) for parameter `name`, as (attr, key), or None."""
    for attr in ("grads", "gradients", "grad", "dparams", "d_params", "param_grads"):
        found = getattr(obj, attr, None)
        if not isinstance(found, dict):
            continue
        for key in (name, name.lower(), f"d{name}", f"grad_{name}", "d" + name.lower()):
            if key in found and (shape is None or np.size(found[key]) == int(np.prod(shape))):
                return attr, key
    return None
