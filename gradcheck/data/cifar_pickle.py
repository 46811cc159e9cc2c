"""The python version of CIFAR (pickled dicts) read by an unpickler that runs no pickled code."""

import pickle
from pathlib import Path

import numpy as np

from gradcheck.errors import GradcheckError

# Why this is safe: unpickling runs code only through the globals that find_class returns.
# An official batch names three numpy globals (array reconstruction); they are mapped to the inert
# stand-ins below, which only record their arguments. Numpy never sees the pickled state: the
# array is built afterwards with np.frombuffer, once the dtype is uint8, the shape is (N, 3072)
# and the byte count fits. Any other global (os.system, builtins.eval, ...) is refused.


class _Array:
    """Stand-in for numpy's _reconstruct and ndarray: it records the array's pickled state."""

    state = None

    def __init__(self, *args):
        self.state = None

    def __setstate__(self, state):
        self.state = state


class _Dtype:
    """Stand-in for numpy.dtype: it records the type code ('u1' for uint8)."""

    code = None

    def __init__(self, code, *args):
        self.code = code

    def __setstate__(self, state):
        pass


def _encode(text, encoding):
    """Stand-in for _codecs.encode, which Python 3 protocol-2 pickles use to store bytes."""
    if not isinstance(text, str) or encoding != "latin1":
        raise GradcheckError("pickled _codecs.encode call is not a latin1 string")
    return text.encode("latin1")


ALLOWED = {
    "numpy.core.multiarray._reconstruct": _Array,  # numpy 1.x names (the official files)
    "numpy._core.multiarray._reconstruct": _Array,  # numpy 2.x names
    "numpy.ndarray": _Array,
    "numpy.dtype": _Dtype,
    "_codecs.encode": _encode,
}


class SafeUnpickler(pickle.Unpickler):
    """Unpickler that admits only numpy's array-reconstruction globals, as inert stand-ins."""

    def __init__(self, file, path: Path):
        super().__init__(file, encoding="latin1")  # Python 2 str -> str, as numpy advises
        self.path = path

    def find_class(self, module, name):
        """The stand-in for an allowed global; GradcheckError for any other."""
        key = f"{module}.{name}"
        if key not in ALLOWED:
            raise GradcheckError(
                f"{self.path}: refused pickle global {key}: a CIFAR batch "
                "needs only numpy's array reconstruction"
            )
        return ALLOWED[key]


def load(path: Path) -> dict:
    """The pickled dict of one batch file, with str keys."""
    try:
        with open(path, "rb") as f:
            obj = SafeUnpickler(f, path).load()
    except GradcheckError:
        raise
    except Exception as e:  # noqa: BLE001 - a corrupt pickle can raise nearly anything
        msg = f"{path}: not a readable CIFAR pickle: {type(e).__name__}: {e}"
        raise GradcheckError(msg) from None
    if not isinstance(obj, dict):
        raise GradcheckError(f"{path}: expected a pickled dict, found {type(obj).__name__}")
    return {k.decode("latin1") if isinstance(k, bytes) else k: v for k, v in obj.items()}


def read_batch(path: Path, label_keys: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Pixels (N, 3072) and labels (N, len(label_keys)), both uint8, of one batch file."""
    batch = load(path)
    missing = [k for k in ("data", *label_keys) if k not in batch]
    if missing:
        raise GradcheckError(
            f"{path}: missing {', '.join(missing)}: found keys {', '.join(map(str, batch))}"
        )
    x = to_array(batch["data"], path)
    labels = [_labels(batch[k], len(x), path, k) for k in label_keys]
    return x, np.stack(labels, axis=1)


def to_array(obj, path: Path) -> np.ndarray:
    """The uint8 (N, 3072) array a stand-in describes, built with np.frombuffer after checks."""
    state = obj.state if isinstance(obj, _Array) else None
    if not (isinstance(state, tuple) and len(state) == 5):
        raise GradcheckError(f"{path}: 'data' is not a pickled numpy array")
    _, shape, dtype, fortran, raw = state
    raw = raw.encode("latin1") if isinstance(raw, str) else raw
    ok = (
        isinstance(dtype, _Dtype)
        and dtype.code in ("u1", b"u1")
        and not fortran
        and isinstance(raw, bytes)
        and isinstance(shape, tuple)
        and len(shape) == 2
        and all(type(n) is int for n in shape)
        and shape[1] == 3072
        and len(raw) == shape[0] * 3072
    )
    if not ok:
        raise GradcheckError(f"{path}: 'data' is not a C-ordered uint8 N×3072 array")
    return np.frombuffer(raw, np.uint8).reshape(shape)


def _labels(values, n: int, path: Path, key: str) -> np.ndarray:
    """A pickled list of n small ints as uint8."""
    if not (
        isinstance(values, list)
        and len(values) == n
        and all(type(v) is int and 0 <= v < 256 for v in values)
    ):
        raise GradcheckError(f"{path}: '{key}' is not a list of {n} labels 0..255")
    return np.array(values, dtype=np.uint8)
