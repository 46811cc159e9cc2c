"""The cost monitor: a NaN or inf stops the run at once, naming where and the likely cause."""

from __future__ import annotations

import math

from gradcheck.errors import GradcheckError
from gradcheck.train.config import Config


class Diverged(GradcheckError):
    """Training produced a non-finite number; .epoch and .batch say where (batch 0: validation)."""

    def __init__(self, epoch: int, batch: int, what: str, config: Config) -> None:
        self.epoch, self.batch = epoch, batch
        where = f"batch {batch}" if batch else "the validation pass"
        super().__init__(
            f"training diverged in epoch {epoch}, {where}: {what}; "
            f"likely cause: {likely_cause(config)}"
        )


def check_cost(cost: float, epoch: int, batch: int, config: Config) -> None:
    """Raise Diverged unless the batch's cost is finite."""
    if not math.isfinite(cost):
        raise Diverged(epoch, batch, f"the cost is {cost}", config)


def likely_cause(config: Config) -> str:
    """What usually makes this configuration blow up, and what to try."""
    if not config.stable:
        return (
            f"naive SoftMax + CrossEntropy at batch size {config.batch_size} in "
            f"{config.dtype}: a probability rounded to 0 and ln 0 = -inf; "
            "try --stable or a lower --lr"
        )
    return (
        f"learning rate {config.lr} too high at batch size {config.batch_size}: "
        "the weights grew until they overflowed; try a lower --lr"
    )
