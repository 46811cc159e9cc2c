"""What `derive` produced: one or more derivations, as one result."""

from __future__ import annotations

from dataclasses import dataclass

from gradcheck.derivations.base import Derivation


@dataclass(frozen=True)
class DerivationSet:
    """Derivations in the order asked for; proved when every identity of each was proved."""

    derivations: tuple[Derivation, ...]

    @property
    def proved(self) -> bool:
        return all(i.proved for d in self.derivations for i in d.identities)
