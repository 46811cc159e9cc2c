"""Every Jacobian of a module three ways, per entry, for every sample of a batch.

Dense (B·M, P) parameter Jacobians when the reference knows no sparsity, within the memory
budget; row-sparse ones, streamed against bprop (threeway/streamed.py), when it does (Linear).
"""

from __future__ import annotations

import numpy as np

from gradcheck.checker import jacobian as jac
from gradcheck.checker.check import param_names
from gradcheck.checker.compare import block_label, dense_label
from gradcheck.checker.ladder import Ladder
from gradcheck.checker.sides import criterion_sides, input_sides, param_sides
from gradcheck.checker.sparse import RowSparse
from gradcheck.checker.sparse_fd import param_fd_sparse
from gradcheck.checker.stepsize import default_rel, infer_domain, steps
from gradcheck.errors import GradcheckError
from gradcheck.threeway import budget
from gradcheck.threeway.streamed import SparseTriple, Stream
from gradcheck.threeway.three import Triple

INPUT_COPIES = 6  # (B, M, N) arrays at once: symbolic, bprop, FD, FD again, kinks, a difference
DENSE_COPIES = 5  # (B·M, P) arrays at once: symbolic, bprop, FD, its hint, FD again
SPARSE_BYTES = 6 * 16  # per stored entry: cols and vals of symbolic, FD, FD again


def module_triples(module, x: np.ndarray, deriv, rel: float | None) -> list:
    """x, then each parameter: symbolic (None without deriv), bprop and finite differences."""
    m = np.asarray(module.fprop(x[:1])).shape[1]
    params = params_of(module)
    if getattr(module, "requires_input_grad", True):
        budget.require(
            INPUT_COPIES * 8 * x.size * m,
            f"the input Jacobians (batch {len(x)}, {x.shape[1]} → {m})",
        )
    if params and sparse_of(deriv) is not None:
        return sparse_triples(module, x, m, deriv, rel)
    if params:
        size = sum(np.size(p) for p in params)
        budget.require(
            DENSE_COPIES * 8 * len(x) * m * size,
            f"the dense parameter Jacobians (batch {len(x)}, {m} outputs, "
            f"{size:,} parameter entries; with --as Linear a Linear's are row-sparse)",
        )
    syms = [symbolic(deriv, x[b], params) for b in range(len(x))] if deriv else None
    triples = []
    if getattr(module, "requires_input_grad", True):
        sym = None if syms is None else np.stack([s["x"] for s in syms])
        triples.append(input_triple(module, x, m, sym, rel))
    if params:
        triples += param_triples(module, x, m, syms, rel)
    return triples


def sparse_triples(module, x, m, deriv, rel) -> list:
    """The input's Triple, and each parameter's SparseTriple sharing one bprop stream."""
    params = params_of(module)
    sym = symbolic_sparse(deriv, x, params)
    names = [k for k in sym if k != "x"]
    _check_names(names, {k: v[0].shape for k, v in sym.items() if k != "x"}, params, len(x) * m)
    rows = sum(v[0].size for k, v in sym.items() if k != "x")
    budget.require(SPARSE_BYTES * rows, f"the row-sparse parameter Jacobians ({rows:,} entries)")
    triples = []
    if getattr(module, "requires_input_grad", True):
        triples.append(input_triple(module, x, m, sym["x"], rel))
    syms = [RowSparse(*sym[n], np.size(p)) for n, p in zip(names, params, strict=True)]
    fds = [
        param_fd_sparse(module, x, k, s.cols, rel=rel, budget=budget.budget_bytes())
        for k, s in enumerate(syms)
    ]
    stream = Stream(module, x, names, syms, fds)
    again = other_step(rel, x.dtype)
    for k, (name, p) in enumerate(zip(names, params, strict=True)):
        triples.append(
            SparseTriple(
                name,
                syms[k],
                fds[k],
                dense_label((len(x), m), np.shape(p)),
                np.shape(p),
                stream,
                lambda k=k, r=again, s=syms[k]: param_fd_sparse(
                    module, x, k, s.cols, rel=r, budget=budget.budget_bytes()
                ),
            )
        )
    return triples


def input_triple(module, x, m, sym, rel) -> Triple:
    def fd_at(r):
        fds = [jac.input_jacobian_fd(module, x, b, r) for b in range(len(x))]
        return np.stack(fds)  # (B, M, N)

    bp = np.stack([jac.input_jacobian_bprop(module, x, b, m) for b in range(len(x))])  # (B, M, N)
    k = module.kinks(x, steps(x, rel)) if hasattr(module, "kinks") else None
    kinks = None if k is None else np.broadcast_to(np.asarray(k)[:, None, :], bp.shape)
    return Triple(
        "x",
        sym,
        bp,
        fd_at(rel),
        block_label(m, x.shape[1]),
        x.shape,
        kinks,
        lambda: fd_at(other_step(rel, x.dtype)),
        Ladder(input_sides(module, x), rel or default_rel(x.dtype), bp.shape),
    )


def param_triples(module, x, m, syms, rel) -> list[Triple]:
    names = sym_param_names(syms, module) if syms else param_names(module)
    bps = jac.param_jacobians_bprop(module, x)  # each (B·M, P)
    triples = []
    for k, (name, p) in enumerate(zip(names, module.params, strict=True)):
        sym = None if syms is None else np.vstack([s[name].reshape(m, -1) for s in syms])
        label = dense_label((len(x), m), np.shape(p))
        again, hint = other_step(rel, x.dtype), bps[k] != 0
        fdj = jac.param_jacobian_fd(module, x, k, hint, rel=rel)
        triples.append(
            Triple(
                name,
                sym,
                bps[k],
                fdj,
                label,
                np.shape(p),
                None,
                lambda k=k, r=again, h=hint: jac.param_jacobian_fd(module, x, k, h, rel=r),
                Ladder(param_sides(module, x, k), rel or default_rel(x.dtype), fdj.shape),
            )
        )
    return triples


def criterion_triple(
    criterion, z: np.ndarray, t_rows: np.ndarray, deriv, rel: float | None
) -> Triple:
    """∂cost/∂z three ways; the symbolic per-sample gradient divided by the batch size."""
    bp = jac.criterion_gradient_bprop(criterion, z)
    fdg = jac.criterion_gradient_fd(criterion, z, rel)
    sym = None
    if deriv is not None:
        sym = np.stack([deriv.jacobians(z[b], t=t_rows[b])["z"] for b in range(len(z))]) / len(z)
    again = other_step(rel, z.dtype)
    ladder = Ladder(
        criterion_sides(criterion, z, infer_domain(z)), rel or default_rel(z.dtype), z.shape
    )
    return Triple(
        "z",
        sym,
        bp,
        fdg,
        dense_label((), z.shape),
        z.shape,
        None,
        lambda: jac.criterion_gradient_fd(criterion, z, again),
        ladder,
    )


def symbolic(deriv, xb: np.ndarray, params) -> dict[str, np.ndarray]:
    """The symbolic Jacobians at one sample, in float64 whatever the module's dtype."""
    try:
        return deriv.jacobians(np.asarray(xb, np.float64), [np.asarray(p) for p in params])
    except GradcheckError as e:
        raise GradcheckError(f"the module does not fit the symbolic {deriv.name}: {e}") from None


def symbolic_sparse(deriv, x: np.ndarray, params) -> dict:
    """The reference's row-sparse Jacobians for the batch x, in float64."""
    try:
        return sparse_of(deriv)(np.asarray(x, np.float64), [np.asarray(p) for p in params])
    except GradcheckError as e:
        raise GradcheckError(f"the module does not fit the symbolic {deriv.name}: {e}") from None


def symbolic_input(deriv, xb: np.ndarray, params) -> np.ndarray:
    """∂y/∂x (M, N) of the reference at one sample, without its parameter Jacobians."""
    if sparse_of(deriv) is not None:
        return symbolic_sparse(deriv, xb[None], params)["x"][0]
    return symbolic(deriv, xb, params)["x"]


def sparse_of(deriv):
    """The derivation's row-sparse evaluator, if its Jacobians have a known sparsity."""
    return getattr(getattr(deriv, "evaluate", None), "sparse", None)


def _check_names(names, shapes, params, n_rows) -> None:
    if len(names) != len(params):
        raise GradcheckError(
            f"the symbolic reference has {len(names)} parameters "
            f"({', '.join(names)}), the module has {len(params)} in params"
        )
    for name in names:
        if shapes[name][0] != n_rows:
            raise GradcheckError(
                f"parameter {name} of the symbolic reference has "
                f"{shapes[name][0]} output rows, expected {n_rows}"
            )


def params_of(module) -> list:
    """The module's parameters; none if it has no params attribute (duck typing)."""
    return list(getattr(module, "params", None) or [])


def sym_param_names(syms, module) -> list[str]:
    """The reference's parameter names, checked against the module's parameters."""
    names = [k for k in syms[0] if k != "x"]
    params = params_of(module)
    if len(names) != len(params):
        raise GradcheckError(
            f"the symbolic reference has {len(names)} parameters "
            f"({', '.join(names) or 'none'}), the module has "
            f"{len(params)} in params"
        )
    for name, p in zip(names, params, strict=True):
        want = syms[0][name].shape[1:]
        if np.shape(p) != want:
            raise GradcheckError(
                f"parameter {name} of the symbolic reference has shape {want}, "
                f"the module's has {np.shape(p)}"
            )
    return names


def other_step(rel: float | None, dtype) -> float | None:
    """A second step to tell a step problem from a wrong fprop: the default, or a quarter of it."""
    return float(np.cbrt(np.finfo(dtype).eps)) / 4 if rel is None else None
