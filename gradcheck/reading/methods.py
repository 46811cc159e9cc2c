"""Which of a class's methods are its forward and backward passes, and how to call them."""

from __future__ import annotations

import inspect

from gradcheck.errors import GradcheckError

FORWARD = ("fprop", "forward", "forward_pass", "forward_prop", "fwd", "__call__")
BACKWARD = (
    "bprop",
    "backward",
    "back",
    "backprop",
    "backward_pass",
    "backward_prop",
    "bwd",
    "grad",
    "gradient",
)
TARGET = ("set_target", "set_targets", "set_labels", "set_label")
LR = {"lr", "learning_rate", "learningrate", "eta", "alpha", "step_size", "rate", "lrate"}
INPUT = {"x", "inputs", "input", "a", "a_prev", "x_in", "data", "z", "logits", "h"}
ZERO = (
    "zero_grad",
    "zero_grads",
    "zero_grad_parameters",
    "zeroGradParameters",
    "zero_gradients",
    "zero_grad_params",
    "reset_grad",
    "reset_grads",
    "clear_grad",
    "clear_grads",
    "zerograd",
)
INIT = (
    "initialize_parameter",
    "initialize_parameters",
    "initialise_parameters",
    "init_params",
    "init_parameters",
    "initialize",
    "initialise",
    "init_weights",
    "reset_parameters",
    "reset",
)


def own(obj, name: str):
    """obj.name if it is a callable the student wrote (not object's __call__), else None."""
    if name == "__call__" and type(obj).__call__ is object.__call__:
        return None
    if name == "__call__" and not any("__call__" in vars(c) for c in type(obj).__mro__[:-1]):
        return None
    fn = getattr(obj, name, None)
    return fn if callable(fn) and not isinstance(fn, type) else None


def find(obj, names, given: str | None, what: str, label: str, option: str):
    """(name, method): the given name, else the first of names the class has."""
    if given:
        fn = own(obj, given)
        if fn is None:
            raise GradcheckError(
                f"{label} has no method {given} (from {option}): expected the {what} pass"
            )
        return given, fn
    for name in names:
        fn = own(obj, name)
        if fn is not None:
            return name, fn
    raise GradcheckError(
        f"{label} has no {what} method: looked for {', '.join(names)}; "
        f"name yours with {option} NAME"
    )


def parameters(fn) -> tuple[list[str], list[str]]:
    """(required positional names, all positional names) of a bound method."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return ["x"], ["x"]
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    pos = [p for p in sig.parameters.values() if p.kind in kinds]
    if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in sig.parameters.values()):
        return [p.name for p in pos if p.default is p.empty], [p.name for p in pos] + ["*"]
    return [p.name for p in pos if p.default is p.empty], [p.name for p in pos]


def lr_name(fn) -> str | None:
    """The name of a learning-rate parameter of fn (backward(grad, lr)), or None."""
    _, names = parameters(fn)
    return next((n for n in names if n.lower() in LR), None)


def backward_style(fn, name: str, label: str) -> str:
    """How a layer's backward wants to be called.

    "g": backward(grad_y); "x,g": backward(x, grad_y); "x,y,g": bprop(inputs, outputs, grads)
    (the three-argument style of the Edinburgh mlp framework); "g,lr": a step inside backward.
    """
    required, _ = parameters(fn)
    lr = lr_name(fn)
    rest = [n for n in required if n != lr]
    if lr is not None and len(rest) == 1:
        return "g,lr"
    if len(rest) == 1 or (not rest and required == []):
        return "g"
    if len(rest) == 2:
        if rest[0].lower() in INPUT or "input" in rest[0].lower():
            return "x,g"
        raise GradcheckError(
            f"{label}.{name}{tuple(required)} takes two arguments; read "
            "as backward(x, grad_y) only when the first names the input: "
            "use --backward-call x,g"
        )
    if len(rest) == 3:
        return "x,y,g"
    raise GradcheckError(
        f"{label}.{name} takes {len(required)} arguments {tuple(required)}: "
        "expected backward(grad_y), backward(x, grad_y) or "
        "bprop(inputs, outputs, grads_wrt_outputs)"
    )
