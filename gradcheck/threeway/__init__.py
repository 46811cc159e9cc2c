"""The three-way check: SymPy's Jacobian, bprop and finite differences, and which disagrees."""

from gradcheck.threeway.api import verify, verify_many
from gradcheck.threeway.result import (
    Entry3,
    Fact,
    ModuleVerification,
    Stability,
    ThreeWay,
    VerifyReport,
)
from gradcheck.threeway.triage import SENTENCES, triage

__all__ = [
    "SENTENCES",
    "Entry3",
    "Fact",
    "ModuleVerification",
    "Stability",
    "ThreeWay",
    "VerifyReport",
    "triage",
    "verify",
    "verify_many",
]
