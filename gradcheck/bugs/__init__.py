"""Planted, realistic bprop bugs: each one must be caught. A checker that cannot fail proves nothing."""

from gradcheck.bugs.catalogue import BUGS, Bug

__all__ = ["BUGS", "Bug"]
