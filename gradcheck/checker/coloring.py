"""Group parameter entries that touch disjoint outputs, so one fprop perturbs a whole group.

Curtis-Powell-Reid column colouring: entries whose output supports are disjoint can be
perturbed together and their finite differences read apart. The support is a *hint* (taken
from bprop); finite_differences() re-measures each group with other weights and falls back to
one entry at a time wherever the hint was wrong, so the values stay those of plain central
differences.
"""

from __future__ import annotations

import numpy as np

MAX_SIGNATURES = 512  # beyond this many distinct output patterns, colouring is not worth it


def color(support: np.ndarray) -> list[np.ndarray]:
    """Column groups of a (rows, cols) boolean support, pairwise disjoint within a group."""
    cols = support.shape[1]
    packed = np.ascontiguousarray(np.packbits(support, axis=0).T)  # (cols, rows/8)
    keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()  # one signature per column
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    sigs = support.T[first]  # (S, rows)
    if len(sigs) > MAX_SIGNATURES:
        return [np.array([j]) for j in range(cols)]
    classes: list[tuple[np.ndarray, list[int]]] = []
    for s, sig in enumerate(sigs):
        home = next((c for c in classes if not (c[0] & sig).any()), None)
        if home is None:
            classes.append((sig.copy(), [s]))
        else:
            home[0][...] |= sig
            home[1].append(s)
    groups = []
    for _, members in classes:
        buckets = [np.flatnonzero(inverse == s) for s in members]
        for g in range(max(len(b) for b in buckets)):
            groups.append(np.array([b[g] for b in buckets if len(b) > g]))
    return groups


def owners(support: np.ndarray, group: np.ndarray) -> np.ndarray:
    """For each output row, the position in the group of the column touching it, or -1."""
    sub = support[:, group]  # (rows, |group|), at most one True per row
    return np.where(sub.any(axis=1), sub.argmax(axis=1), -1)
