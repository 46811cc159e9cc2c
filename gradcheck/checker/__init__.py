"""The numerical checker: bprop against central differences. Plain data, no rendering."""

from gradcheck.checker.check import check_criterion, check_module
from gradcheck.checker.jacobian import (
    criterion_gradient_bprop,
    criterion_gradient_fd,
    input_jacobian_bprop,
    input_jacobian_fd,
    param_jacobian_fd,
    param_jacobians_bprop,
)
from gradcheck.checker.projection import check_projection
from gradcheck.checker.result import CheckResult, ContractCheck, Entry, ProjectionCheck, TensorCheck
from gradcheck.checker.stepsize import Tolerance, steps, tolerance

__all__ = [
    "CheckResult",
    "ContractCheck",
    "Entry",
    "ProjectionCheck",
    "TensorCheck",
    "Tolerance",
    "check_criterion",
    "check_module",
    "check_projection",
    "criterion_gradient_bprop",
    "criterion_gradient_fd",
    "input_jacobian_bprop",
    "input_jacobian_fd",
    "param_jacobian_fd",
    "param_jacobians_bprop",
    "steps",
    "tolerance",
]
