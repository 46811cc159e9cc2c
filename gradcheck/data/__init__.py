"""Datasets for training: MNIST, Fashion-MNIST, CIFAR-10, CIFAR-100, found or downloaded.

Where data comes from, in order: the data_dir argument (the CLI's --data-dir), then the
GRADCHECK_DATA environment variable -- each may name the dataset's folder itself or a parent
holding <dataset>/ (both are searched, DIR first) -- then the user cache
$XDG_CACHE_HOME/gradcheck/<dataset> (default ~/.cache/gradcheck/<dataset>), then for
Fashion-MNIST Debian's /usr/share/datasets/fashion-mnist. If none has the files they are
downloaded, checked against the published MD5, into DIR/<dataset> of the first folder named by
the user, else into the cache.
"""

from gradcheck.data.catalog import SPECS
from gradcheck.data.dataset import Dataset
from gradcheck.data.download import DownloadProgress
from gradcheck.data.idx import IMAGES, LABELS, read_idx
from gradcheck.data.load import load_dataset
from gradcheck.data.preprocess import scale, standardize

NAMES = tuple(SPECS)

__all__ = [
    "IMAGES",
    "LABELS",
    "NAMES",
    "Dataset",
    "DownloadProgress",
    "load_dataset",
    "read_idx",
    "scale",
    "standardize",
]
