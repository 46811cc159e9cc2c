"""What a three-way check found, as plain data; the checker's results, composed."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from gradcheck.checker import ContractCheck, TensorCheck
from gradcheck.threeway.triage import SENTENCES


@dataclass(frozen=True)
class Entry3:
    """One Jacobian entry three ways: row is the output, col the input (or parameter entry)."""

    row: tuple[int, ...]
    col: tuple[int, ...]
    symbolic: float | None  # None without a symbolic reference
    bprop: float
    fd: float
    kink: bool = False


@dataclass(frozen=True)
class ThreeWay:
    """One tensor's Jacobian (or contracted gradient) from SymPy, bprop and finite differences."""

    name: str  # "x", "W", "b", "z"; "grad_x", "grad_W", ... for the batch gradients
    sym_fd: TensorCheck | None  # finite differences against the symbolic Jacobian
    bprop_sym: TensorCheck | None  # bprop against the symbolic Jacobian
    bprop_fd: TensorCheck  # bprop against finite differences
    triage: str  # a key of gradcheck.threeway.triage.SENTENCES
    worst: tuple[Entry3, ...] = ()
    n_unchecked: int = 0  # entries finite differences could not decide at any step
    note: str = ""  # what the unchecked entries mean for the verdict

    @property
    def passed(self) -> bool:
        return self.triage == "ok"

    @property
    def pairs(self) -> tuple[TensorCheck, ...]:
        return tuple(p for p in (self.sym_fd, self.bprop_sym, self.bprop_fd) if p is not None)


@dataclass(frozen=True)
class Fact:
    """A structural fact of the Jacobian (symmetric, diagonal, ...), checked on bprop's."""

    name: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class Stability:
    """fprop and bprop at large-magnitude inputs: finite, and bprop still the symbolic Jacobian."""

    scale: float
    passed: bool
    detail: str
    check: TensorCheck | None = None


@dataclass(frozen=True)
class ModuleVerification:
    """Everything checked on one module: per-entry Jacobians, batch gradients, stability, facts."""

    module: str  # what was checked: a built-in name, a class, file.py:Class
    reference: str | None  # the built-in whose derivation is the symbolic reference
    kind: str  # "module" or "criterion"
    formula: str
    dtype: str
    seed: int
    batch: int
    shape: tuple[int, int]  # (inputs, outputs) per sample; outputs 1 for a criterion
    size: int | None = None  # the size given to derive(), when there is a reference
    step: float | None = None  # relative finite-difference step, None for the default
    jacobians: tuple[ThreeWay, ...] = ()  # per entry, every sample of the batch
    gradients: tuple[ThreeWay, ...] = ()  # one random incoming gradient for the whole batch
    contract: ContractCheck | None = None
    stability: Stability | None = None
    facts: tuple[Fact, ...] = ()
    error: str | None = None  # fprop or bprop raised: the exception, one line
    reading: str | None = None  # how a student's class was read: "read as: forward/backward; ..."
    notes: tuple[str, ...] = ()  # what the reading decided that the student should know
    output: str = ""  # what the student's code printed during the check
    mistakes: tuple[str, ...] = ()  # the mistake named: a factor, a sign, a known bug
    traceback: str = ""  # the student's traceback of `error`, shown with --debug

    @property
    def checks(self) -> tuple[ThreeWay, ...]:
        return self.jacobians + self.gradients

    @property
    def passed(self) -> bool:
        return self.error is None and self.triage == "ok"

    @property
    def triage(self) -> str:
        """The first finding, in the order a student should fix them."""
        if self.error is not None:
            return "crash"
        if self.contract is not None and not self.contract.passed:
            return "rows"  # the per-entry checks assume independent rows
        for check in self.checks:
            if not check.passed:
                return check.triage
        if self.stability is not None and not self.stability.passed:
            return "unstable"
        if not all(f.passed for f in self.facts):
            return "structure"
        return "ok"

    @property
    def sentence(self) -> str:
        return SENTENCES[self.triage]

    @property
    def n_unchecked(self) -> int:
        """Entries finite differences could not decide (not failures; see each check's note)."""
        return sum(c.n_unchecked for c in self.checks)

    @property
    def fd_notes(self) -> tuple[str, ...]:
        """Where finite differences could not decide, per check: what the verdict rests on."""
        return tuple(f"{c.name}: {c.note}" for c in self.checks if c.note)

    def to_dict(self) -> dict:
        return {
            **asdict(self),
            "passed": self.passed,
            "triage": self.triage,
            "sentence": self.sentence,
            "n_unchecked": self.n_unchecked,
            "fd_notes": self.fd_notes,
        }


@dataclass(frozen=True)
class VerifyReport:
    """The verification of one or more modules (report.display teaches it to display itself)."""

    results: tuple[ModuleVerification, ...]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.results)

    def to_dict(self) -> dict:
        return {"passed": self.passed, "results": [r.to_dict() for r in self.results]}
