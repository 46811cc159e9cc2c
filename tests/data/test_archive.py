"""Safe unpacking: links, absolute paths and '..' are refused before anything is written."""

import tarfile

import pytest

from gradcheck.data.archive import extract
from gradcheck.errors import GradcheckError
from tests.data.data_writers import tar_gz, write


def _member(name: str, kind=tarfile.REGTYPE, size: int = 0, link: str = "") -> tarfile.TarInfo:
    """A TarInfo of the given type."""
    info = tarfile.TarInfo(name)
    info.type, info.size, info.linkname = kind, size, link
    return info


@pytest.fixture
def target(tmp_path):
    """An empty folder to unpack into, inside tmp_path."""
    folder = tmp_path / "target"
    folder.mkdir()
    return folder


def test_unpacks_files_and_folders(tmp_path, target):
    archive = tar_gz(tmp_path / "a.tar.gz", {"top/one.bin": b"1", "top/sub/two.bin": b"22"})
    extract(archive, target)
    assert (target / "top" / "sub" / "two.bin").read_bytes() == b"22"
    assert [p.name for p in target.iterdir()] == ["top"]  # no temporary folder left


@pytest.mark.parametrize(
    ("member", "why"),
    [
        (_member("../evil", size=4), "its path leaves"),
        (_member("top/../../evil", size=4), "its path leaves"),
        (_member("/tmp/gradcheck-evil-absolute", size=4), "its path leaves"),
        (_member("top/link", tarfile.SYMTYPE, link="/etc/passwd"), "a link or special file"),
        (_member("top/hard", tarfile.LNKTYPE, link="top/ok.bin"), "a link or special file"),
        (_member("top/fifo", tarfile.FIFOTYPE), "a link or special file"),
    ],
)
def test_unsafe_member_refused_before_writing(tmp_path, target, member, why):
    archive = tar_gz(tmp_path / "evil.tar.gz", {"top/ok.bin": b"ok"}, extra=(member,))
    with pytest.raises(GradcheckError, match=why) as info:
        extract(archive, target)
    assert f"unsafe member {member.name!r}" in str(info.value)
    assert list(target.iterdir()) == []
    assert not (tmp_path / "evil").exists()


def test_truncated_archive(tmp_path, target):
    whole = tar_gz(tmp_path / "a.tar.gz", {"top/one.bin": bytes(range(256)) * 40}).read_bytes()
    archive = write(tmp_path / "cut.tar.gz", whole[: len(whole) // 2])
    with pytest.raises(GradcheckError, match="cut.tar.gz: cannot unpack"):
        extract(archive, target)


def test_not_an_archive(tmp_path, target):
    archive = write(tmp_path / "junk.tar.gz", b"this is not a tar file")
    with pytest.raises(GradcheckError, match="junk.tar.gz: cannot unpack"):
        extract(archive, target)
