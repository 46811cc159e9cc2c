"""The exercise's modules, one per file."""

from gradcheck.modules.criterion import Criterion
from gradcheck.modules.cross_entropy import CrossEntropy
from gradcheck.modules.cross_entropy_log import CrossEntropyLog
from gradcheck.modules.linear import Linear
from gradcheck.modules.log_softmax import LogSoftMax
from gradcheck.modules.module import Module
from gradcheck.modules.relu import ReLU
from gradcheck.modules.sequential import Sequential
from gradcheck.modules.softmax import SoftMax
from gradcheck.modules.tanh import Tanh

BUILTINS = {
    m.__name__: m
    for m in (Linear, Tanh, ReLU, SoftMax, LogSoftMax, CrossEntropy, CrossEntropyLog)
}

__all__ = [
    "BUILTINS", "Criterion", "CrossEntropy", "CrossEntropyLog", "Linear", "LogSoftMax",
    "Module", "ReLU", "Sequential", "SoftMax", "Tanh",
]
