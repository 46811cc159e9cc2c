"""Writers of small files in the official formats: IDX, CIFAR binary, CIFAR python, tar.gz."""

import gzip
import io
import struct
import tarfile
from pathlib import Path

import numpy as np

IDX_NAMES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "t10k": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


def idx_bytes(array: np.ndarray, magic: int | None = None) -> bytes:
    """An IDX file: big-endian magic (0x08 uint8, ndim), big-endian dims, then the bytes."""
    a = np.asarray(array, np.uint8)
    magic = 0x0800 | a.ndim if magic is None else magic
    return struct.pack(f">I{a.ndim}I", magic, *a.shape) + a.tobytes()


def write(path: Path, data: bytes, gz: bool = False) -> Path:
    """Write data, gzipped if asked, and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def write_mnist(folder: Path, seed: int = 0, n: tuple[int, int] = (6, 4), gz: bool = True):
    """Four small MNIST-format files; returns train images, labels, test images, labels."""
    rng = np.random.default_rng(seed)
    arrays = []
    for split, count in zip(("train", "t10k"), n, strict=True):
        images = rng.integers(0, 256, (count, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, count, dtype=np.uint8)
        for name, a in zip(IDX_NAMES[split], (images, labels), strict=True):
            write(folder / (name + (".gz" if gz else "")), idx_bytes(a), gz)
        arrays += [images, labels]
    return arrays


def cifar_records(labels: np.ndarray, pixels: np.ndarray) -> bytes:
    """CIFAR binary records: each one's label byte(s), then its 3072 pixel bytes."""
    return np.hstack([labels, pixels]).astype(np.uint8).tobytes()


def tar_gz(path: Path, members: dict[str, bytes], extra: tuple = ()) -> Path:
    """A .tar.gz of the given files, plus any extra TarInfo members (links, evil paths)."""
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        for info in extra:
            tar.addfile(info, io.BytesIO(b"x" * info.size))
    return path


def _str(b: bytes) -> bytes:
    """A Python 2 str: SHORT_BINSTRING or BINSTRING."""
    if len(b) < 256:
        return b"U" + bytes([len(b)]) + b
    return b"T" + struct.pack("<i", len(b)) + b


def _int(n: int) -> bytes:
    """A small int: BININT1, BININT2 or BININT."""
    if n < 256:
        return b"K" + bytes([n])
    return b"M" + struct.pack("<H", n) if n < 65536 else b"J" + struct.pack("<i", n)


def _array(a: np.ndarray) -> bytes:
    """A uint8 ndarray as numpy 1.x under Python 2 pickled it (protocol 2)."""
    shape = b"".join(map(_int, a.shape)) + {1: b"\x85", 2: b"\x86"}[a.ndim]
    dtype = (
        b"cnumpy\ndtype\n"
        + _str(b"u1")
        + b"K\x00K\x01\x87R(K\x03"
        + _str(b"|")
        + b"NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb"
    )
    return (
        b"cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\x00\x85"
        + _str(b"b")
        + b"\x87R(K\x01"
        + shape
        + dtype
        + b"\x89"
        + _str(a.tobytes())
        + b"tb"
    )


def _value(v) -> bytes:
    """A dict value: ndarray, list of ints, str or bytes."""
    if isinstance(v, np.ndarray):
        return _array(v)
    if isinstance(v, list):
        return b"](" + b"".join(_int(x) if isinstance(x, int) else _value(x) for x in v) + b"e"
    return _str(v.encode() if isinstance(v, str) else v)


def py2_pickle(batch: dict) -> bytes:
    """A batch dict pickled the way Python 2's cPickle wrote the official CIFAR files."""
    items = b"".join(_str(k.encode()) + _value(v) for k, v in batch.items())
    return b"\x80\x02}(" + items + b"u."


def evil_pickle(module: str, name: str, argument: str) -> bytes:
    """A protocol-2 pickle whose 'data' is module.name(argument), called on loading."""
    call = f"c{module}\n{name}\n".encode() + _str(argument.encode()) + b"\x85R"
    return b"\x80\x02}(" + _str(b"data") + call + b"u."
