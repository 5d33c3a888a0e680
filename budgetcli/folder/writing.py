"""Writing a user's file: atomically, so nothing is ever half-written (``import``, ``new``,
``export``, ``report``).

Each file is written to a temporary name beside its place, flushed to disk, and then put in
place by a rename (or, where a file that is there must be kept, a link); a failure leaves no
temporary file behind. Temporary files and folders are made with the permissions ``open`` and
``mkdir`` give under the user's umask (not ``tempfile``'s owner-only ones), so what is written
can be read as any file the user makes.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


def _written_beside(path: Path, content: bytes) -> Path:
    """``content`` in a new temporary file beside ``path``, on disk: its name."""
    tmp = _temporary_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_bytes_atomically(path: Path, content: bytes) -> None:
    """``content`` to ``path``, replacing a file that is there: the old file or the new one,
    never a part. ``OSError`` if it cannot be written."""
    tmp = _written_beside(path, content)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_made_atomically(path: Path, make: Callable[[Path], None]) -> None:
    """The file ``make`` makes, put at ``path`` as ``write_bytes_atomically`` puts bytes (the
    old file or the new one, never a part): ``make`` is given a new empty file beside ``path``
    to fill (a database too large to hold in memory and then copy), which is then flushed to
    disk and renamed into place; removed if ``make`` fails. ``OSError`` if it cannot be."""
    tmp = _temporary_name(path)
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        make(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomically(path: Path, text: str) -> None:
    """``text`` to ``path`` as UTF-8, atomically; the folder is made if it is not there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(path, text.encode("utf-8"))


def create_exclusively(path: Path, text: str) -> bool:
    """``text`` to ``path`` if no file is there (``False`` if one is: it is left as it is),
    atomically; a file that appears meanwhile is not replaced (a link, unlike a rename, fails
    on a name that is taken)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return _created(path, text.encode("utf-8"))


def write_folder_atomically(path: Path, files: dict[str, bytes]) -> None:
    """A folder of ``files`` (relative path -> content) at ``path``, as
    ``write_folder_streamed`` writes it."""
    write_folder_streamed(path, ((name, (content,)) for name, content in files.items()))


def write_folder_streamed(path: Path, files: Iterable[tuple[str, Iterable[bytes]]]) -> None:
    """A folder of ``files`` (each a relative path and its content in pieces, written as they
    come, so no file need be held whole) at ``path``: written into a new folder beside it, then
    put in its place (a folder that was there moved aside, and removed once the new one is in
    place; put back if it cannot be), so ``path`` is never a half-written folder, and a failure
    while the files are made (or written) leaves nothing. Which folder may be replaced is
    ``folder.outputs``'s to judge, before."""
    made = _temporary_name(path)
    os.mkdir(made)
    try:
        for name, content in files:
            target = made / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                for piece in content:
                    out.write(piece)
        _put_in_place(made, path)
    except BaseException:
        shutil.rmtree(made, ignore_errors=True)
        raise


def _put_in_place(made: Path, path: Path) -> None:
    """The folder ``made`` renamed to ``path``; a folder there is moved aside first and removed
    after, or moved back if ``made`` cannot take its place."""
    if not path.exists():
        os.replace(made, path)
        return
    old = _temporary_name(path)
    os.replace(path, old)
    try:
        os.replace(made, path)
    except BaseException:
        os.replace(old, path)
        raise
    shutil.rmtree(old, ignore_errors=True)


class NotWritten(OSError):
    """A set of files that could not be written: what failed and why, and what is left as it
    was (every file written before it undone)."""

    def __init__(self, path: Path, reason: str, left: list[Path]) -> None:
        super().__init__(reason)
        self.path = path
        self.reason = reason
        #: files that could not be undone: written, though the rest was not
        self.left = left


def write_all(files: list[tuple[Path, bytes, bytes | None]]) -> None:
    """Each file written atomically, in order, if it is still as it was (``expected``: its
    bytes; ``None``: not there, and then it is made so that a file made meanwhile is never
    replaced); if one cannot be, or the write is interrupted (Ctrl-C), those written before are
    undone (a file made is removed, a file replaced gets its old bytes back), and
    ``NotWritten`` says why, or the interruption goes on: all of them, or none."""
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, content, expected in files:
            _put(path, content, expected)
            done.append((path, expected))
    except OSError as exc:
        left = _undone(done)
        if isinstance(exc, NotWritten):
            raise NotWritten(exc.path, exc.reason, left) from None
        raise NotWritten(path, exc.strerror or str(exc), left) from None
    except BaseException:
        _undone(done)
        raise


def _put(path: Path, content: bytes, expected: bytes | None) -> None:
    """``content`` to ``path`` if it is as ``expected`` (``NotWritten`` if not)."""
    changed = "it changed while the import was planned: nothing was written; run it again"
    path.parent.mkdir(parents=True, exist_ok=True)
    if expected is None:
        if not _created(path, content):
            raise NotWritten(path, f"a file of that name was made meanwhile: {changed}", [])
        return
    if path.read_bytes() != expected:
        raise NotWritten(path, changed, [])
    write_bytes_atomically(path, content)


def _created(path: Path, content: bytes) -> bool:
    """``content`` as the new file ``path``, atomically (``False``: one is there)."""
    tmp = _written_beside(path, content)
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return True


def _undone(done: list[tuple[Path, bytes | None]]) -> list[Path]:
    """The files ``done`` put back as they were; those that could not be."""
    left = []
    for path, before in reversed(done):
        try:
            if before is None:
                path.unlink()
            else:
                write_bytes_atomically(path, before)
        except OSError:
            left.append(path)
    return left


#: a temporary file's name as ``_temporary_name`` makes it
_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{12}\.tmp")
#: a temporary file older than this was left by a write that was interrupted (a write takes
#: well under a second; one running now is never this old)
STALE_SECONDS = 600


def remove_stale_temporaries(folder: Path) -> None:
    """The temporary files an interrupted write left in ``folder`` (named as this module
    names them, regular files, older than ``STALE_SECONDS``) removed; nothing else is
    touched, and a folder that cannot be listed is left as it is."""
    now = time.time()
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not _TEMPORARY.fullmatch(name):
            continue
        path = folder / name
        with contextlib.suppress(OSError):
            st = path.lstat()
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_SECONDS:
                path.unlink()
