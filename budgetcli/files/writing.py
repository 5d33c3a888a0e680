"""Writing a user's file: atomically, so nothing is ever half-written (``import``, ``new``)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str) -> None:
    """``text`` to ``path`` as UTF-8: written to a temporary file beside it, flushed to disk,
    then renamed over it, so a reader sees the old file or the new one, never a part; a
    failure leaves no temporary file behind. ``OSError`` if it cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def create_exclusively(path: Path, text: str) -> bool:
    """``text`` to ``path`` if no file is there (``False`` if one is: it is left as it is);
    atomic as ``write_atomically``, and a file that appears meanwhile is not replaced."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(tmp, path)  # fails if the name is taken, unlike a rename
        except FileExistsError:
            return False
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def write_bytes_atomically(path: Path, content: bytes) -> None:
    """``content`` to ``path``, atomically as ``write_atomically``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_folder_atomically(path: Path, files: dict[str, bytes]) -> None:
    """A folder of ``files`` (relative path -> content) at ``path``: written into a new folder
    beside it, then put in its place (a folder that was there moved aside and removed after),
    so ``path`` is never a half-written folder."""
    import shutil

    made = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    umask = os.umask(0)
    os.umask(umask)
    made.chmod(0o777 & ~umask)  # a folder as mkdir makes it (mkdtemp's is the owner's only)
    try:
        for name, content in files.items():
            target = made / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        old = None
        if path.exists():
            old = path.with_name(f".{path.name}.old-{os.getpid()}")
            os.replace(path, old)
        os.replace(made, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(made, ignore_errors=True)
        raise
