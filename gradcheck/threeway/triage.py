"""Which of the three disagrees: the verdict of three pairwise comparisons, as a sentence."""

from __future__ import annotations

SENTENCES = {
    "ok": "symbolic, bprop and finite differences agree",
    "bprop": "bprop is wrong: the symbolic Jacobian and finite differences agree, bprop differs",
    "step": "finite differences are unreliable here (step, precision or a kink): "
    "the symbolic Jacobian and bprop agree",
    "fprop": "fprop does not compute the formula it claims: bprop matches finite differences "
    "of fprop, but both differ from the symbolic Jacobian",
    "fprop-only": "fprop does not compute the formula it claims: bprop matches the symbolic "
    "Jacobian, but finite differences of fprop differ from both, at two steps",
    "all": "all three differ: bprop is wrong, and fprop does not compute the formula "
    "(or finite differences are unreliable)",
    "borderline": "a small disagreement that finite differences are too coarse to attribute: "
    "one pair differs, the other two agree",
    "mismatch": "bprop and finite differences differ (no symbolic reference: "
    "give --as NAME to tell whether bprop or fprop is wrong)",
    "rows": "rows are not independent: one sample's input changes another's output",
    "unstable": "not stable at large inputs: overflow, NaN, or a wrong Jacobian there",
    "structure": "bprop's Jacobian breaks a structural fact of the formula",
    "crash": "the module's code raised, hung or returned something unusable (the line above "
    "names the call)",
}


def triage(sym_fd: bool | None, bprop_sym: bool | None, bprop_fd: bool) -> str:
    """The key of SENTENCES for the three verdicts (None: no symbolic reference).

    >>> triage(True, False, False), triage(False, True, False), triage(False, False, True)
    ('bprop', 'step', 'fprop')
    """
    if sym_fd is None or bprop_sym is None:
        return "ok" if bprop_fd else "mismatch"
    agree = (sym_fd, bprop_sym, bprop_fd)
    if all(agree):
        return "ok"
    if sum(agree) == 2:
        return "borderline"
    return {
        (True, False, False): "bprop",
        (False, True, False): "step",
        (False, False, True): "fprop",
    }.get(agree, "all")
