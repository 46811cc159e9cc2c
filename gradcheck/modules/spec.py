"""What gradcheck knows of a built-in module, registered once at the end of its own file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from gradcheck.modules.domains import Draw


@dataclass(frozen=True)
class Bug:
    """A broken variant of a built-in (a subclass), what is wrong, the triage it must get."""

    key: str
    description: str
    cls: type  # a subclass of the built-in it pretends to be
    triage: str = "bprop"  # which of fprop/bprop/symbolic is wrong; "ok": a correct module
    dtype: str = "float64"
    step: float | None = None  # relative finite-difference step; None: cbrt(eps)
    inputs: Callable | None = None  # inputs(rng, b, n, dtype) -> x; None: the domain's

    @property
    def module_name(self) -> str:
        """The registered built-in the bug's class derives from."""
        return self._spec().name

    def make(self, n: int, rng) -> object:
        """An instance at width n (n -> n, seeded by rng, for a built-in with widths)."""
        return self.cls(n, n, rng=rng) if self._spec().args else self.cls()

    def _spec(self) -> Spec:
        from gradcheck.modules.registry import of_class

        found = of_class(self.cls)
        if found is None:
            raise TypeError(f"{self.cls.__name__} derives from no registered built-in")
        return found


@dataclass(frozen=True)
class Spec:
    """A built-in's whole story: class, kind, SymPy definition, domain, facts, bugs, roles.

    Exactly one of derivation (the dotted path of a hand-written file in
    gradcheck.derivations with derive(size)) and expr (a formula_parse expression, from
    which the derivation and the structure facts are proved) defines fprop.
    """

    cls: type
    kind: str = "layer"  # or "criterion"
    derivation: str = ""
    expr: str = ""
    domain: str | Draw = "normal"  # how valid inputs are drawn: a name in domains.DOMAINS, or
    # a draw(rng, b, n, dtype) -> (B, N) function of the module's own
    facts: tuple[str, ...] = ()  # names in gradcheck.threeway.structure.FACTS
    bugs: tuple[Bug, ...] = ()  # planted bugs; triage "ok": correct under a trap
    activation: str = ""  # name of the hidden layer's activation in training presets
    aliases: tuple[str, ...] = ()  # students' usual class names, lower case, no underscores
    hint: str = ""  # why its output may go non-finite in training
    args: tuple[str, ...] = ()  # constructor widths, e.g. ("n_in", "n_out")
    params: tuple[str, ...] = ()  # parameter names, in params order

    def __post_init__(self) -> None:
        if bool(self.derivation) == bool(self.expr):
            raise ValueError(f"{self.cls.__name__}: give a derivation or an expr, one of them")
        if self.kind not in ("layer", "criterion"):
            raise ValueError(f"{self.cls.__name__}: kind must be layer or criterion")

    @property
    def name(self) -> str:
        return self.cls.__name__

    @property
    def traps(self) -> tuple[Bug, ...]:
        """Correct modules under conditions that fool a single central difference."""
        return tuple(b for b in self.bugs if b.triage == "ok")

    @property
    def planted(self) -> tuple[Bug, ...]:
        """The broken variants: each must FAIL with its triage."""
        return tuple(b for b in self.bugs if b.triage != "ok")
