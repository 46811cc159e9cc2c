"""Check a module's bprop against central differences: inputs, parameters, criteria."""

from __future__ import annotations

import numpy as np

from gradcheck.checker import jacobian as jac
from gradcheck.checker.batch import batch_gradients
from gradcheck.checker.compare import block_label, compare, dense_label
from gradcheck.checker.contract import cost_contract, row_contract
from gradcheck.checker.ladder import Ladder
from gradcheck.checker.result import CheckResult
from gradcheck.checker.sides import criterion_sides, input_sides, param_sides
from gradcheck.checker.stepsize import default_rel, infer_domain, steps, tolerance
from gradcheck.errors import GradcheckError
from gradcheck.reading import CRITERION, MODULE
from gradcheck.reading.calls import StudentError


def check_module(
    module,
    x: np.ndarray,
    *,
    rng=None,
    params: bool = True,
    atol: float | None = None,
    rtol: float | None = None,
    worst: int = 5,
    structured: bool = True,
    hints=None,
) -> CheckResult:
    """bprop against central differences for the input and (optionally) every parameter.

    module: gradcheck's own, or a student's class in any convention gradcheck.reading reads
    (hints: a gradcheck.reading.Hints overriding what it detects).

    structured: perturb parameter entries with disjoint outputs together (verified, see
    checker/coloring.py), and for a Sequential of understood layers perturb each Linear's
    output as its entries would, all entries in batched fprop calls (checker/network.py);
    False perturbs one entry per fprop pair. An entry out of tolerance is looked at again at
    smaller steps before it fails (checker/ladder.py). Then the whole batch: bprop of one
    random incoming gradient against the finite differences contracted.
    """
    rng = np.random.default_rng(rng)
    x = _as_batch(x)
    return _guarded(
        module,
        x,
        MODULE,
        hints,
        lambda m: _check_module(m, x, rng, params, atol, rtol, worst, structured),
    )


def _check_module(module, x, rng, params, atol, rtol, worst, structured) -> CheckResult:
    tol = tolerance(x.dtype, atol, rtol)
    contract = row_contract(module, x, rng)
    m = np.asarray(module.fprop(x[:1])).shape[1]
    tensors, fds, rel = [], {}, default_rel(x.dtype)
    if _has_input_grad(module):
        ref = np.stack([jac.input_jacobian_fd(module, x, b) for b in range(len(x))])
        cand = np.stack([jac.input_jacobian_bprop(module, x, b, m) for b in range(len(x))])
        k = module.kinks(x, steps(x))
        kinks = None if k is None else np.broadcast_to(k[:, None, :], ref.shape)
        fds["x"] = (ref, cand, Ladder(input_sides(module, x), rel, ref.shape), kinks)
        tensors.append(
            compare(
                "x",
                ref,
                cand,
                tol,
                block_label(m, x.shape[1]),
                shape=x.shape,
                kinks=kinks,
                worst=worst,
                ladder=fds["x"][2],
            )
        )
    if params and module.params:
        names = param_names(module)
        cands = jac.param_jacobians_bprop(module, x)
        out_shape = (len(x), m)
        fast = _network_fd(module, x, structured and contract.passed)
        for k, p in enumerate(module.params):
            hint = cands[k] != 0 if structured else None
            ref = fast[k] if fast[k] is not None else jac.param_jacobian_fd(module, x, k, hint, tol)
            fds[names[k]] = (ref, cands[k], Ladder(param_sides(module, x, k), rel, ref.shape), None)
            tensors.append(
                compare(
                    names[k],
                    ref,
                    cands[k],
                    tol,
                    dense_label(out_shape, p.shape),
                    shape=p.shape,
                    worst=worst,
                    ladder=fds[names[k]][2],
                )
            )
    gradients = batch_gradients(module, x, rng.standard_normal((len(x), m)), fds, tol, worst)
    return CheckResult(
        module_name(module),
        str(x.dtype),
        len(x),
        tuple(tensors),
        contract,
        reading=getattr(module, "reading", None),
        gradients=gradients,
    )


def _guarded(obj, x: np.ndarray, kind: str, hints, run) -> CheckResult:
    """run(obj as gradcheck calls it); an error of the student's code is the result."""
    try:
        obj = _read(obj, kind, x.shape[1], hints)
        return run(obj)
    except StudentError as e:
        return CheckResult(
            module_name(obj),
            str(x.dtype),
            len(x),
            (),
            error=e.line,
            reading=getattr(obj, "reading", None),
        )


def _read(obj, kind: str, n: int, hints):
    """A student's object read as `kind` (gradcheck.reading); gradcheck's own as it is, if it
    is of that kind."""
    from gradcheck.reading import kind_of, native, read

    if not native(obj):
        return read(
            obj, n=n, reference=None, criterion=kind == CRITERION, randomize=False, hints=hints
        )
    if kind_of(obj) != kind:
        other = "check_criterion" if kind_of(obj) == CRITERION else "check_module"
        raise GradcheckError(
            f"{module_name(obj)} is a {kind_of(obj)}, expected a {kind}: check it with {other}"
        )
    return obj


def check_criterion(
    criterion,
    z: np.ndarray,
    t,
    *,
    atol: float | None = None,
    rtol: float | None = None,
    worst: int = 5,
    hints=None,
) -> CheckResult:
    """The gradient of the scalar cost with respect to z against central differences.

    criterion: gradcheck's own, or a student's in any convention gradcheck.reading reads
    (hints: a gradcheck.reading.Hints overriding what it detects).

    When every z >= 0 (probabilities), steps are relative and never cross 0 (stepsize.py).
    """
    z = _as_batch(z)
    return _guarded(
        criterion, z, CRITERION, hints, lambda c: _check_criterion(c, z, t, atol, rtol, worst)
    )


def _check_criterion(criterion, z, t, atol, rtol, worst) -> CheckResult:
    criterion.set_target(t)
    tol = tolerance(z.dtype, atol, rtol)
    domain = infer_domain(z)
    ref = jac.criterion_gradient_fd(criterion, z, domain=domain)
    cand = jac.criterion_gradient_bprop(criterion, z)
    label = dense_label((), z.shape)
    ladder = Ladder(criterion_sides(criterion, z, domain), default_rel(z.dtype), z.shape)
    check = compare("z", ref, cand, tol, label, shape=z.shape, worst=worst, ladder=ladder)
    return CheckResult(
        module_name(criterion),
        str(z.dtype),
        len(z),
        (check,),
        cost_contract(criterion, z),
        reading=getattr(criterion, "reading", None),
    )


def _network_fd(module, x: np.ndarray, use: bool) -> list:
    """The fast per-entry differences of a Sequential's understood layers; None elsewhere."""
    from gradcheck.modules import Sequential

    if not (use and isinstance(module, Sequential)):
        return [None] * len(module.params)
    from gradcheck.checker.network import network_param_fd

    return network_param_fd(module, x)


def param_names(module) -> tuple[str, ...]:
    """Names of the parameters: W, b for a Linear, p0, p1, ... otherwise."""
    if getattr(module, "param_names", None):
        return tuple(module.param_names)
    if hasattr(module, "modules"):
        return tuple(f"{i}.{n}" for i, m in enumerate(module.modules) for n in param_names(m))
    from gradcheck.modules.registry import of_class

    spec, n = of_class(type(module)), len(module.params)
    named = spec.params if spec is not None and len(spec.params) == n else None
    return named or tuple(f"p{k}" for k in range(n))


def module_name(module) -> str:
    if hasattr(module, "modules"):
        return repr(module)
    from gradcheck.reading import native

    return module.name if native(module) and hasattr(module, "sandbox") else type(module).__name__


def _has_input_grad(module) -> bool:
    """False when the module says it computes no input gradient (a first Linear)."""
    return getattr(module, "requires_input_grad", True)


def _as_batch(x) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim != 2 or x.dtype.kind != "f":
        raise GradcheckError(
            f"the checker expects a float batch of shape (B, N), got {x.dtype} of shape {x.shape}"
        )
    tolerance(x.dtype)  # refuses float16, in one line
    return x
