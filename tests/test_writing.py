"""What ``folder.writing`` leaves: the whole file or none, with the user's permissions."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from budgetcli.folder.writing import (
    create_exclusively,
    write_atomically,
    write_bytes_atomically,
    write_folder_atomically,
    write_folder_streamed,
)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_and_folders_get_the_permissions_the_umask_gives(
    tmp_path: Path, umask_022: None
) -> None:
    """Not tempfile's owner-only 0600 and 0700: a catalogue a web server serves, a proposal
    git checks in, are readable as any file the user makes."""
    write_atomically(tmp_path / "a.yaml", "a: 1\n")
    write_bytes_atomically(tmp_path / "b.xlsx", b"x")
    assert create_exclusively(tmp_path / "c.yaml", "c: 1\n")
    write_folder_atomically(tmp_path / "site", {"index.html": b"<p>", "p/x.html": b"<p>"})
    assert [mode(tmp_path / n) for n in ("a.yaml", "b.xlsx", "c.yaml")] == [0o644] * 3
    assert mode(tmp_path / "site") == 0o755 and mode(tmp_path / "site" / "p") == 0o755


def test_a_file_that_is_there_is_kept_by_create_and_replaced_by_write(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("old\n", encoding="utf-8")
    assert not create_exclusively(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    write_atomically(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    write_folder_atomically(tmp_path / "site", {"a.html": b"1"})
    write_folder_atomically(tmp_path / "site", {"b.html": b"2"})
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["b.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.yaml", "site"]  # no temporary left


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_bytes_atomically(tmp_path / "no" / "such" / "folder.xlsx", b"x")
    with pytest.raises(TypeError):
        write_folder_atomically(tmp_path / "site", {"a.html": "not bytes"})  # type: ignore[dict-item]
    assert list(tmp_path.iterdir()) == []


def test_a_folder_whose_files_fail_while_they_are_made_is_not_written(tmp_path: Path) -> None:
    """``report`` hands each page on as it is rendered: a failure in the middle of a file (an
    error while rendering, Ctrl-C) leaves the folder that was there as it was, and nothing
    beside it."""
    write_folder_atomically(tmp_path / "site", {"a.html": b"old"})

    def pieces() -> Iterator[bytes]:
        yield b"<p>half"
        raise KeyboardInterrupt

    files = iter([("index.html", [b"<p>whole"]), ("p/x.html", pieces())])
    with pytest.raises(KeyboardInterrupt):
        write_folder_streamed(tmp_path / "site", files)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["a.html"]
    assert (tmp_path / "site" / "a.html").read_bytes() == b"old"
