from .layers import Linear, LogSoftMax, SoftMax, Tanh
from .losses import CrossEntropy, CrossEntropyLog

__all__ = ["CrossEntropy", "CrossEntropyLog", "Linear", "LogSoftMax", "SoftMax", "Tanh"]
