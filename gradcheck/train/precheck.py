"""Before training: each module type of the network checked numerically, small and float64."""

from __future__ import annotations

import numpy as np

from gradcheck.checker import CheckResult, check_criterion, check_module
from gradcheck.errors import GradcheckError
from gradcheck.modules import Module
from gradcheck.train.network import Network

B, N_IN, N_OUT = 3, 5, 4  # small sizes: the whole check takes milliseconds


class PrecheckError(GradcheckError):
    """A module's bprop disagrees with finite differences; .results has the full story."""

    def __init__(self, results: tuple[CheckResult, ...]) -> None:
        self.results = results
        failed = ", ".join(r.module for r in results if not r.passed)
        super().__init__(
            f"bprop check failed before training for {failed}; "
            "fix the module's bprop (report above)"
        )


def precheck(network: Network, seed: int = 0) -> tuple[CheckResult, ...]:
    """check_module for each module type of the model, then check_criterion; all seeded."""
    rng = np.random.default_rng(seed)
    results = []
    for cls in _module_types(network):
        x = rng.standard_normal((B, N_IN if _widths(cls) else N_OUT))  # (B, N)
        results.append(check_module(_small(cls, rng), x, rng=rng))
    results.append(_check_criterion(type(network.criterion), rng))
    return tuple(results)


class SymbolicPrecheckError(GradcheckError):
    """A module disagrees with its SymPy derivation; .report is the three-way report."""

    def __init__(self, report) -> None:
        self.report = report
        failed = ", ".join(r.module for r in report.results if not r.passed)
        super().__init__(
            f"three-way check failed before training for {failed}; see the report above"
        )


def symbolic_precheck(network: Network, seed: int = 0):
    """Each module type three ways (SymPy, bprop, finite differences), small and float64."""
    from gradcheck.threeway import VerifyReport, verify

    rng = np.random.default_rng(seed)
    subjects = [_small(cls, rng) for cls in _module_types(network)] + [type(network.criterion)()]
    return VerifyReport(tuple(r for m in subjects for r in verify(m, seed=seed).results))


def require_passed(results: tuple[CheckResult, ...]) -> None:
    if not all(r.passed for r in results):
        raise PrecheckError(results)


def _module_types(network: Network) -> list[type]:
    """The model's module types, each once, in order of first use."""
    return list(dict.fromkeys(type(m) for m in network.model.modules))


def _small(cls: type, rng: np.random.Generator) -> Module:
    """A fresh, small float64 instance of a module type."""
    return cls(N_IN, N_OUT, rng=rng) if _widths(cls) else cls()


def _widths(cls: type) -> bool:
    """Whether the module type is built with widths (Spec.args: a Linear's n_in, n_out)."""
    from gradcheck.modules.registry import of_class

    spec = of_class(cls)
    return spec is not None and bool(spec.args)


def _check_criterion(cls: type, rng: np.random.Generator) -> CheckResult:
    """Probabilities where the built-in's domain says so (CrossEntropy), else
    log-probabilities; integer labels."""
    from gradcheck.modules.registry import of_class

    x = rng.standard_normal((B, N_OUT))  # (B, N)
    logp = x - np.log(np.exp(x).sum(axis=1, keepdims=True))  # (B, N)
    spec = of_class(cls)
    z = np.exp(logp) if spec is not None and spec.domain == "probabilities" else logp
    return check_criterion(cls(), z, rng.integers(0, N_OUT, B))
