"""The cache on disk: entries that carry their key and a checksum, written atomically.

Two kinds of file, both named ``budgetcli-<kind>-<hex>.bin`` and both starting with ``MAGIC``:

* an **index** (``budgetcli-index-<key>.bin``): what ``load`` knew of one data set the last
  time it read it, each file's result included (see ``store/load.py``);
* a **pack** (``budgetcli-pack-<hex>.bin``): the proposals as ``codec`` wrote them, each one an
  entry of its own (its file's key, a checksum, its bytes), read one at a time by ``show`` and
  ``diff``.

Every read checks that the entry is the one asked for (its key) and whole (its checksum); one
that is not is ignored, as if it were not there, and the caller rebuilds it from the files. The
cache is never required: a folder that cannot be written is simply not used. Pruning keeps the
newest ``KEEP`` files (an index marks its packs used whenever it is written, so they are kept
with it; one that was pruned all the same is rebuilt from the files when next needed) and
deletes only files this program wrote (the name pattern *and* the magic), never another file
in the folder.

* Where: ``$BUDGETCLI_CACHE_DIR``, else ``$XDG_CACHE_HOME/budgetcli``, else ``~/.cache/budgetcli``.
* ``--no-cache`` or ``BUDGETCLI_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from budgetcli.store.digests import checksum

#: bump when what is stored changes shape, or a rule changes what a file is found to be
#: (issue 23: amounts beyond any budget refused; issue 25: problems' messages stored as
#: templates, said in the reader's language; issue 27: each row's terms for ``--prices``), so
#: old entries are never read as new ones
FORMAT = 16
#: what every file of the cache starts with (the first part: it is ours; then its format)
OWNED = b"budgetcli cache\x00"
MAGIC = OWNED + FORMAT.to_bytes(2, "little")
#: the files kept: indexes and packs together
KEEP = 128
#: the names of the files the cache writes (and the only ones it ever deletes)
OURS = re.compile(r"budgetcli-(index|pack)-[0-9a-f]{32,64}\.bin")
#: an entry: its key (32 bytes), a BLAKE2 checksum of its content (16), the content's length (8)
HEAD = 32 + 16 + 8


def cache_dir() -> Path:
    explicit = os.environ.get("BUDGETCLI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "budgetcli"


def cache_disabled() -> bool:
    return os.environ.get("BUDGETCLI_NO_CACHE", "").lower() not in ("", "0", "false", "no")


def entry(key: bytes, content: bytes) -> bytes:
    """``content`` framed as an entry under ``key``."""
    return key + checksum(content) + len(content).to_bytes(8, "little") + content


def unframe(data: bytes | memoryview, key: bytes) -> memoryview | None:
    """The content of the entry at the start of ``data`` if it is ``key``'s and whole."""
    view = memoryview(data)
    size = int.from_bytes(view[48:56], "little")
    content = view[HEAD : HEAD + size]
    if len(view) < HEAD or view[:32] != key or len(content) != size:
        return None
    return content if checksum(content) == view[32:48] else None


def index_path(key: bytes) -> Path:
    return cache_dir() / f"budgetcli-index-{key.hex()}.bin"


class Found(NamedTuple):
    """An index as read: its content, and the checksum it was stored with (what names it)."""

    content: memoryview
    checksum: bytes


def read_index(key: bytes) -> Found | None:
    """The index stored under ``key``, or None (none, or not whole)."""
    try:
        data = index_path(key).read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC):
        return None
    view = memoryview(data)[len(MAGIC) :]
    content = unframe(view, key)
    return Found(content, bytes(view[32:48])) if content is not None else None


def remove_index(key: bytes) -> None:
    """Delete the index stored under ``key``, if there is one (one no longer of use)."""
    with contextlib.suppress(OSError):
        index_path(key).unlink()


def write_index(key: bytes, content: bytes, packs: Iterable[str]) -> None:
    """Store an index; the packs it names are marked as used now, so pruning, which keeps the
    newest files, keeps them with it."""
    for pack in packs:
        with contextlib.suppress(OSError):
            os.utime(cache_dir() / pack)
    _write(index_path(key), [MAGIC, entry(key, content)])


def new_pack_name() -> str:
    """A name for a pack not written yet (random: concurrent runs never pick the same)."""
    return f"budgetcli-pack-{os.urandom(16).hex()}.bin"


def write_pack(name: str, entries: Iterable[tuple[bytes, bytes]]) -> bool:
    """A new pack ``name`` of ``(key, content)`` entries, one after the other after ``MAGIC``
    (each ``HEAD`` bytes and its content); False if it could not be written."""
    chunks = itertools.chain([MAGIC], (entry(key, content) for key, content in entries))
    return _write(cache_dir() / name, chunks, prune_after=False)  # pruned with its index


class Packs:
    """Entries read from packs, each file opened once (kept open while this object lives)."""

    def __init__(self) -> None:
        self._open: dict[str, BinaryIO] = {}

    def read(self, where: Any, key: bytes) -> bytes | None:
        """The content of ``key``'s entry at ``where`` (a pack's name and an offset in it), or
        None (gone, damaged, another's)."""
        try:
            pack, offset = where
            if not (isinstance(pack, str) and OURS.fullmatch(pack) and isinstance(offset, int)):
                return None
            f = self._open.get(pack)
            if f is None:
                f = self._open[pack] = (cache_dir() / pack).open("rb")
            f.seek(offset)
            head = f.read(HEAD)
            size = int.from_bytes(head[48:56], "little")
            content = unframe(head + f.read(size), key)
        except (OSError, ValueError, TypeError):
            return None
        return bytes(content) if content is not None else None

    def close(self) -> None:
        for f in self._open.values():
            with contextlib.suppress(OSError):
                f.close()
        self._open.clear()

    def __del__(self) -> None:
        self.close()


def _write(path: Path, chunks: Iterable[bytes], prune_after: bool = True) -> bool:
    """Write ``chunks`` to ``path`` atomically (a temporary file, then a rename: a concurrent
    run never reads half an entry); False if it could not be. ``chunks`` is written as it is
    made: a pack of 10,000 proposals is never held twice."""
    import tempfile  # here: a run that only reads the cache never needs it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".budgetcli-tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.writelines(chunks)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False  # a read-only or full cache directory must never fail a command
    if prune_after:
        prune(path.parent)
    return True


def prune(folder: Path) -> None:
    """Keep the ``KEEP`` newest of the cache's own files: regular files named as it names them
    and starting with its header (a file of the user's own, whatever its name, is never
    touched). Another run may be pruning at the same time: a file gone between the listing and
    its stat or unlink is simply not counted."""
    named = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for found in entries:
            with contextlib.suppress(OSError):
                if OURS.fullmatch(found.name) and found.is_file(follow_symlinks=False):
                    named.append((found.stat(follow_symlinks=False).st_mtime_ns, found.path))
    if len(named) <= KEEP:
        return
    ours = sorted(((mtime, path) for mtime, path in named if _owned(path)), reverse=True)
    for _, old in ours[KEEP:]:
        with contextlib.suppress(OSError):
            os.unlink(old)


def _owned(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(OWNED)) == OWNED
    except OSError:
        return False
