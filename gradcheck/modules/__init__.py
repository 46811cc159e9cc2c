"""The built-in modules, one per file, each registered by the SPEC at its end (registry.py).

The exercise's modules are imported by name below; any other built-in is found by the registry
(gradcheck.modules.Sigmoid works the same).
"""

from gradcheck.modules.criterion import Criterion
from gradcheck.modules.cross_entropy import CrossEntropy
from gradcheck.modules.cross_entropy_log import CrossEntropyLog
from gradcheck.modules.linear import Linear
from gradcheck.modules.log_softmax import LogSoftMax
from gradcheck.modules.module import Module
from gradcheck.modules.relu import ReLU
from gradcheck.modules.sequential import Sequential
from gradcheck.modules.softmax import SoftMax
from gradcheck.modules.spec import Bug, Spec
from gradcheck.modules.tanh import Tanh


def __getattr__(name: str):
    """A registered built-in that is not imported above, by its class name."""
    from gradcheck.modules.registry import specs

    if name in specs():
        return specs()[name].cls
    raise AttributeError(f"module 'gradcheck.modules' has no attribute {name!r}")


__all__ = [
    "Bug",
    "Criterion",
    "CrossEntropy",
    "CrossEntropyLog",
    "Linear",
    "LogSoftMax",
    "Module",
    "ReLU",
    "Sequential",
    "SoftMax",
    "Spec",
    "Tanh",
]
