"""What a finished run can tell about itself: hidden units that never became different."""

from __future__ import annotations

from gradcheck.train.network import Network


def identical_hidden_units(network: Network) -> str | None:
    """A note when all hidden units have the same incoming weights and bias, else None."""
    linears = network.linears
    if len(linears) < 2:
        return None
    W, b = linears[0].params  # (D, H), (H,): gradcheck's layout, a student's Linear too
    if W.shape[1] < 2:
        return None
    if not ((W == W[:, :1]).all() and (b == b[0]).all()):
        return None
    why = (
        "equal initial weights give every hidden unit the same gradient, so the "
        "symmetry never breaks"
    )
    if not W.any():
        why += (
            "; here they stayed 0: the activation of 0 is 0, which cuts the gradient of "
            "both layers' weights, and only the output bias learned"
        )
    return (
        f"hidden units stayed identical: all {W.shape[1]} columns of the first Linear's W "
        f"are equal ({why})"
    )


def notes(network: Network) -> tuple[str, ...]:
    return tuple(n for n in (identical_hidden_units(network),) if n)
