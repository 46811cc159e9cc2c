"""Run every planted bug through the three-way check: each must FAIL with its expected triage."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from gradcheck.threeway.api import verify
from gradcheck.threeway.result import ModuleVerification


@dataclass(frozen=True)
class BugOutcome:
    """One planted bug, what it should be diagnosed as, and what the check found."""

    key: str
    module_name: str
    description: str
    expected: str  # a triage key
    found: ModuleVerification

    @property
    def caught(self) -> bool:
        return not self.found.passed and self.found.triage == self.expected

    def to_dict(self) -> dict:
        return {**asdict(self), "found": self.found.to_dict(), "caught": self.caught}


@dataclass(frozen=True)
class BugDemo:
    """The planted-bugs demo: every outcome; it passes when each bug was caught as expected."""

    outcomes: tuple[BugOutcome, ...]

    @property
    def caught(self) -> bool:
        return all(o.caught for o in self.outcomes)

    def to_dict(self) -> dict:
        return {"caught": self.caught, "bugs": [o.to_dict() for o in self.outcomes]}


def run_bug(bug, *, seed: int = 0, size: int = 4, batch: int = 3) -> BugOutcome:
    """The bug's module at its dtype, step and inputs, against its built-in's derivation."""
    rng = np.random.default_rng(seed)
    dtype = np.dtype(bug.dtype)
    module = bug.make(size, rng)
    x = bug.inputs(rng, batch, size, dtype) if bug.inputs else None
    report = verify(
        module,
        reference=bug.module_name,
        seed=seed,
        dtype=str(dtype),
        batch=batch,
        size=size,
        step=bug.step,
        x=x,
    )
    return BugOutcome(bug.key, bug.module_name, bug.description, bug.triage, report.results[0])


def run_bugs(bugs=None, **options) -> tuple[BugOutcome, ...]:
    """Every bug given (default: every built-in's planted bugs, gradcheck.modules.registry)."""
    if bugs is None:
        from gradcheck.modules.registry import bugs as planted

        bugs = planted()
    return tuple(run_bug(bug, **options) for bug in bugs)
