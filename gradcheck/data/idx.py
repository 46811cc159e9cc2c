"""IDX files (MNIST, Fashion-MNIST), raw or gzipped, read into uint8 arrays after strict checks."""

import gzip
import struct
import zlib
from pathlib import Path

import numpy as np

from gradcheck.errors import GradcheckError

GZIP_MAGIC = b"\x1f\x8b"
LABELS, IMAGES = 2049, 2051  # 0x00000801, 0x00000803: uint8 data (0x08), 1 or 3 dimensions
KIND = {LABELS: "labels", IMAGES: "pixels"}


def read_bytes(path: Path) -> bytes:
    """The file's content, gunzipped when it starts with the gzip magic bytes 1f 8b."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise GradcheckError(f"{path}: cannot read: {e.strerror}") from None
    if raw[:2] != GZIP_MAGIC:
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error) as e:
        raise GradcheckError(f"{path}: bad gzip data: {e}") from None


def read_idx(path: Path, magic: int) -> np.ndarray:
    """The uint8 array of an IDX file whose big-endian magic number must be `magic`."""
    data = read_bytes(path)
    _check_magic(path, data[:4], magic)
    ndim = magic & 0xFF
    start = 4 + 4 * ndim
    if len(data) < start:
        raise GradcheckError(
            f"{path}: truncated: the header needs {start} bytes, file has {len(data)}"
        )
    dims = struct.unpack(f">{ndim}I", data[4:start])
    _check_length(path, dims, len(data) - start, KIND[magic])
    return np.frombuffer(data, np.uint8, offset=start).reshape(dims)


def _check_magic(path: Path, head: bytes, magic: int) -> None:
    """Raise unless the first four bytes are the expected magic number."""
    if len(head) < 4:
        raise GradcheckError(
            f"{path}: not an IDX file: {len(head)} bytes, too short for the 4-byte magic number"
        )
    found = int.from_bytes(head, "big")
    if found != magic:
        raise GradcheckError(
            f"{path}: wrong magic number 0x{found:08x} ({found}): expected 0x{magic:08x} "
            f"({magic}, IDX {KIND[magic]} of type 0x08 uint8)"
        )


def _check_length(path: Path, dims: tuple[int, ...], have: int, kind: str) -> None:
    """Raise unless exactly prod(dims) data bytes follow the header."""
    need = int(np.prod(dims, dtype=np.int64))
    if have == need:
        return
    problem = "truncated" if have < need else "trailing garbage"
    shape = "×".join(map(str, dims))
    raise GradcheckError(
        f"{path}: {problem}: header says {shape} = {need} bytes of {kind}, file has {have}"
    )
