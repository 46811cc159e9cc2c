"""What a check found, as plain data: no rendering here."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Entry:
    """One Jacobian entry: row is the output, col the input (or parameter entry)."""

    row: tuple[int, ...]
    col: tuple[int, ...]
    reference: float
    candidate: float
    abs_err: float
    kink: bool = False


@dataclass(frozen=True)
class TensorCheck:
    """The Jacobian with respect to one tensor, candidate against reference."""

    name: str  # "x", "W", "b", "z"
    reference: str  # e.g. "finite differences"
    candidate: str  # e.g. "bprop"
    shape: tuple[int, ...]  # of the tensor checked
    max_abs_err: float
    max_rel_err: float
    atol: float
    rtol: float
    passed: bool
    n_entries: int
    n_failed: int
    n_kinks: int = 0
    worst: tuple[Entry, ...] = ()
    kinks: tuple[Entry, ...] = ()
    n_unchecked: int = 0  # entries finite differences could not decide at any step: not judged
    unchecked: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class ContractCheck:
    """Whether rows are independent: perturbing one row changes no other row."""

    passed: bool
    detail: str


@dataclass(frozen=True)
class CheckResult:
    """All tensors of one module checked at one input."""

    module: str
    dtype: str
    batch: int
    tensors: tuple[TensorCheck, ...]
    contract: ContractCheck | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    error: str | None = None  # the module's code raised, hung or returned garbage: which call
    reading: str | None = None  # how a student's class was read (gradcheck.reading)
    gradients: tuple[TensorCheck, ...] = ()  # the whole batch: bprop(g) against g·J by FD

    @property
    def passed(self) -> bool:
        """No entry failed (unchecked entries are not failures: see n_unchecked)."""
        return (
            self.error is None
            and all(t.passed for t in self.tensors + self.gradients)
            and (self.contract is None or self.contract.passed)
        )

    @property
    def n_unchecked(self) -> int:
        """Entries finite differences could not decide: neither PASS nor FAIL."""
        return sum(t.n_unchecked for t in self.tensors + self.gradients)

    def to_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed, "n_unchecked": self.n_unchecked}


@dataclass(frozen=True)
class ProjectionCheck:
    """Directional derivatives <R, df> by finite differences against <bprop(R), d>."""

    module: str
    dtype: str
    reference: tuple[float, ...]
    candidate: tuple[float, ...]
    max_rel_err: float
    rtol: float
    passed: bool
    bounds: tuple[float, ...] = ()  # per direction: the tolerance |ref - cand| was held to
    fallback: CheckResult | None = None  # the per-entry check run before failing
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return asdict(self)
