"""What each dataset is: its files, its download mirrors and their published MD5 checksums."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Spec:
    """One dataset: what to look for, where to download it, and the MD5 of each download."""

    name: str
    kind: str  # "idx" (MNIST-like) or "cifar"
    n_classes: int
    md5: dict[str, str]  # file to download -> its published MD5
    mirrors: tuple[str, ...]  # base URLs, tried in order
    wanted: str  # the files, said for a person
    n_coarse: int = 0  # CIFAR-100's 20 superclasses
    system_dirs: tuple[str, ...] = ()
    hint: str = ""
    also_md5: dict[str, str] = field(default_factory=dict)  # other published files' MD5

    @property
    def checksums(self) -> dict[str, str]:
        """Every file whose published MD5 we know: the downloads, and the other versions."""
        return {**self.md5, **self.also_md5}


IDX_FILES = (
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
)
IDX_WANTED = ", ".join(IDX_FILES) + " (or the same without .gz)"

# MD5s as published by the datasets' authors (torchvision uses the same), checked in the report.
MNIST_MD5 = (
    "f68b3c2dcbeaaa9fbdd348bbdeb94873",
    "d53e105ee54ea40749a09fcbcd1e9432",
    "9fb629c4189551a2d022fa330f9573f3",
    "ec29112dd5afa0611ce80d1b7f02629c",
)
FASHION_MD5 = (
    "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
    "25c81989df183df01b3e8a0aad5dffbe",
    "bef4ecab320f06d8554ea6380940ec79",
    "bb300cfdad3c16e7a12a480ee83cd310",
)
# MD5s of the unpacked MNIST files, as published with the dataset's mirrors: a .gz that was
# recompressed (shared/data's) no longer has the published .gz MD5, but its content still does.
MNIST_RAW_MD5 = (
    "6bbc9ace898e44ae57da46a324031adb",
    "a25bea736e30d166cdddb491f175f624",
    "2646ac647ad5339dbf082846283269ea",
    "27ae3e4e09519cfbb04c329615203637",
)
KRIZ = ("https://www.cs.toronto.edu/~kriz/",)


def _cifar_wanted(archive: str, folder: str, py_archive: str, py_folder: str) -> str:
    """The CIFAR files, said for a person."""
    return (
        f"{archive} (or its unpacked {folder}/, or the python version {py_archive} or {py_folder}/)"
    )


SPECS = {
    "mnist": Spec(
        "mnist",
        "idx",
        10,
        dict(zip(IDX_FILES, MNIST_MD5, strict=True)),
        (
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
        ),
        IDX_WANTED,
        also_md5={f.removesuffix(".gz"): m for f, m in zip(IDX_FILES, MNIST_RAW_MD5, strict=True)},
    ),
    "fashion-mnist": Spec(
        "fashion-mnist",
        "idx",
        10,
        dict(zip(IDX_FILES, FASHION_MD5, strict=True)),
        ("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",),
        IDX_WANTED,
        system_dirs=("/usr/share/datasets/fashion-mnist",),
        hint="apt-get install dataset-fashion-mnist (puts them in "
        "/usr/share/datasets/fashion-mnist)",
    ),
    "cifar10": Spec(
        "cifar10",
        "cifar",
        10,
        {"cifar-10-binary.tar.gz": "c32a1d4ab5d03f1284b67883e8d87530"},
        KRIZ,
        _cifar_wanted(
            "cifar-10-binary.tar.gz",
            "cifar-10-batches-bin",
            "cifar-10-python.tar.gz",
            "cifar-10-batches-py",
        ),
        also_md5={"cifar-10-python.tar.gz": "c58f30108f718f92721af3b95e74349a"},
    ),
    "cifar100": Spec(
        "cifar100",
        "cifar",
        100,
        {"cifar-100-binary.tar.gz": "03b5dce01913d631647c71ecec9e9cb8"},
        KRIZ,
        _cifar_wanted(
            "cifar-100-binary.tar.gz",
            "cifar-100-binary",
            "cifar-100-python.tar.gz",
            "cifar-100-python",
        ),
        n_coarse=20,
        also_md5={"cifar-100-python.tar.gz": "eb9058c3a382ffc7106e4002c42a8d85"},
    ),
}
