"""Students' files in many conventions (fixtures/), loaded by path as a student's would be."""

from pathlib import Path

import numpy as np
import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CONVENTIONS = FIXTURES / "conventions.py"
MISTAKES = FIXTURES / "mistakes.py"


@pytest.fixture(autouse=True)
def _seeded_global_numpy():
    """Students' constructors call np.random.* directly."""
    np.random.seed(0)  # noqa: NPY002 - the global generator is what their code uses


def spec(path: Path, cls: str) -> str:
    return f"{path}:{cls}"
