"""Load and check a data folder, with a cache of the result keyed by the files' content.

Validating means reading YAML and pydantic, and importing pydantic alone takes longer than the
rest of a ``summary`` run. The result of loading and checking (the domain values and every problem)
depends only on the files' bytes, their paths as shown in messages, and this program's version,
so it is stored under a hash of exactly those. A run with no file changed reads the stored
result and never imports YAML or pydantic.

A result is stored in two parts: what every run needs (the problems, the areas, each proposal's
figures: ``validate`` and ``summary`` read only this) and the whole budget (descriptions,
allocations, staffing: ``show``, ``diff`` and ``forecast`` read it too), ten times the size.

* Where: ``$BUDGETCLI_CACHE_DIR``, else ``$XDG_CACHE_HOME/budgetcli``, else ``~/.cache/budgetcli``.
* A corrupt, unreadable or foreign entry is ignored and rebuilt; the cache is never required.
* Writes are atomic (temporary file + rename), so concurrent runs never read a half-written entry.
* ``--no-cache`` or ``BUDGETCLI_NO_CACHE=1`` turns it off. The newest ``KEEP`` entries are kept.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import os
import pickle
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from budgetcli import __version__
from budgetcli.core.calc import StatusSums, lines_from_rows
from budgetcli.core.diagnostics import Problem, Source
from budgetcli.core.domain import Budget, LoadedProposal, Meta, Proposal
from budgetcli.core.errors import UsageError
from budgetcli.files.listing import (
    DataFile,
    check_data_dir,
    data_files_with_stat,
    display_path,
    read_folder,
)
from budgetcli.store import codec
from budgetcli.store.load import Checked, MemoryParts, Parts, compute, mark, no_gc

PROTOCOL = pickle.HIGHEST_PROTOCOL
#: bump when the cached shapes change, so old entries are never read as new ones
FORMAT = 7
#: files kept (an entry is two: its result and its budget; plus the listing indexes)
KEEP = 128


class StoredParts:
    """A budget as ``_dump_parts`` stored it in ``path``: each proposal is bytes of its own
    at ``offsets[i]`` whose BLAKE2 digest is ``marks[i]``, so one is read without the others
    and two with the same mark are known equal unread. Any stored proposal is checked against
    its mark when read; if the file is gone or does not match, ``rebuild`` (loading the files
    again) gives the parts instead."""

    def __init__(
        self,
        path: Path,
        offsets: tuple[int, ...],
        marks: tuple[bytes, ...],
        rebuild: Callable[[], Parts],
    ) -> None:
        self._path, self._offsets, self._marks = path, offsets, marks
        self._rebuild = rebuild
        self._rebuilt: Parts | None = None
        self._file: BinaryIO | None = None  # open while proposals are read one by one

    def proposal(self, i: int) -> Proposal:
        if self._rebuilt is None:
            try:
                if self._file is None:
                    self._file = self._path.open("rb")  # closed with this object
                f = self._file
                f.seek(self._offsets[i])
                blob = f.read(int.from_bytes(f.read(8), "little"))
                if mark(blob) == self._marks[i]:
                    return codec.loads(blob)
            except Exception:  # gone, cut short or not ours: rebuilt below
                pass
        return self._fallback().proposal(i)

    def __del__(self) -> None:
        if self._file is not None:
            self._file.close()

    @property
    def marks(self) -> tuple[bytes, ...]:
        return self._marks

    def budget(self) -> Budget:
        if self._rebuilt is None:
            stored = _read_parts(self._path, self._marks)
            if stored is not None:
                return stored
        return self._fallback().budget()

    def _fallback(self) -> Parts:
        if self._rebuilt is None:
            self._rebuilt = self._rebuild()
        return self._rebuilt


@dataclass(frozen=True)
class _Entry:
    """The part of a result stored to be read on every run (the budget is stored apart)."""

    problems: list[Problem]
    files: int
    meta: Meta | None
    lines: tuple[tuple[Any, ...], ...]  # each ``ProposalLine`` as a plain tuple
    offsets: tuple[int, ...] = ()  # where each proposal is in the budget file
    marks: tuple[bytes, ...] = ()  # the digest of each proposal's bytes
    sums: StatusSums | None = None  # the lines added up per status


def cache_dir() -> Path:
    explicit = os.environ.get("BUDGETCLI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "budgetcli"


def cache_disabled() -> bool:
    return os.environ.get("BUDGETCLI_NO_CACHE", "").lower() not in ("", "0", "false", "no")


#: a file changed less than this long before the index is written may change again within
#: the same mtime tick: such a listing is not indexed (git's "racily clean" rule)
RACY_NS = 2_000_000_000


def load_checked(data_dir: Path, use_cache: bool = True) -> Checked:
    """Load and check a data folder (``UsageError`` if it holds no data).

    The cache is keyed by the files' content. To find that key without reading every file,
    a small index maps the folder's listing (names, sizes, mtimes, inodes, as git's index
    does) to the content key it had; any change to the listing reads the files again."""
    check_data_dir(data_dir)
    if not use_cache or cache_disabled():
        return compute(read_folder(data_dir))
    listing = data_files_with_stat(data_dir)
    shown = display_path(data_dir)
    about = (__version__, FORMAT, sys.version_info[:2], shown, os.path.abspath(data_dir), listing)
    signature = hashlib.sha256(pickle.dumps(about, protocol=5)).hexdigest()  # repr: 3x slower
    index = cache_dir() / f"listing-{signature}.pickle"
    known = _read_any(index)
    if isinstance(known, str):
        cached = _from_cache(known, lambda: read_folder(data_dir))
        if cached is not None:
            return cached
    files = read_folder(data_dir, listing)
    key = _key(files)
    result = check_files(files, use_cache=True, key=key)
    newest = max((found[1] for _, found in listing if not isinstance(found, str)), default=0)
    if time.time_ns() - newest > RACY_NS:
        _write(index, key)
    return result


def check_files(files: list[DataFile], use_cache: bool = True, key: str | None = None) -> Checked:
    """Load and check a data set read from a folder or from git."""
    if not use_cache or cache_disabled():
        return compute(files)
    key = key or _key(files)
    cached = _from_cache(key, lambda: files)
    if cached is not None:
        return cached
    result = compute(files)
    _store(key, result)
    return result


def _from_cache(key: str, files: Callable[[], list[DataFile]]) -> Checked | None:
    """The stored result of ``key``, its budget read when first asked for; if that part is
    gone or corrupt, the files are loaded again (``files``: how to read them)."""
    entry = _read_any(cache_dir() / f"{key}.pickle")
    if not isinstance(entry, _Entry):
        return None

    def rebuild() -> Parts:
        """The parts again from the files, when the stored ones are gone or damaged: only if
        the files are still those the entry was made from, or its lines would not match."""
        now = files()
        if _key(now) != key:
            raise UsageError(
                "the data changed while budgetcli was reading it (its stored copy was "
                "incomplete); run the command again"
            )
        again = compute(now)
        _store(key, again)
        assert again.parts is not None, "the same files as the entry's: it had areas"
        return again.parts

    def parts() -> Parts | None:
        if entry.meta is None:
            return None
        if len(entry.marks) != len(entry.lines):  # the budget could not be stored
            return rebuild()
        return StoredParts(cache_dir() / f"{key}.budget", entry.offsets, entry.marks, rebuild)

    lines = lines_from_rows(entry.lines)
    return Checked(entry.problems, entry.files, entry.meta, lines, parts, entry.sums)


def _store(key: str, result: Checked) -> None:
    """The budget first: an entry whose result is there has its budget there too (unless
    pruned or lost, which ``StoredParts`` survives). The proposals are stored as the load
    wrote them (``codec``)."""
    parts = result.parts
    index: list[tuple[int, bytes]] = []
    if isinstance(parts, MemoryParts) and not _write(
        cache_dir() / f"{key}.budget", functools.partial(_dump_parts, parts, index)
    ):
        index = []
    with no_gc():
        _write(
            cache_dir() / f"{key}.pickle",
            _Entry(
                result.problems,
                result.files,
                result.meta,
                tuple(map(tuple, result.lines)),
                tuple(at for at, _ in index),
                tuple(m for _, m in index),
                result.sums,
            ),
        )


def _key(files: list[DataFile]) -> str:
    h = hashlib.sha256()
    h.update(f"budgetcli {__version__} format {FORMAT} python {sys.version_info[:2]}\0".encode())
    for file in files:
        data = file.data if file.data is not None else f"unreadable: {file.error}".encode()
        h.update(f"{file.name}\0{file.stem}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        h.update(data)
    return h.hexdigest()


def _read_any(entry: Path) -> object:
    try:
        with entry.open("rb") as f, no_gc():
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # corrupt or from an incompatible version: rebuild
        return None


def _dump_parts(parts: MemoryParts, index: list[tuple[int, bytes]], f: BinaryIO) -> None:
    """A budget as stored: a pickle of the budget without its proposals and of their origins,
    then each proposal's bytes after their length; ``index`` gets each one's offset and mark."""
    pickle.dump((FORMAT, parts.shell, parts.origins), f, protocol=PROTOCOL)
    at = f.tell()
    heads = [len(blob).to_bytes(8, "little") for blob in parts.blobs]
    for blob, m in zip(parts.blobs, parts.marks, strict=True):
        index.append((at, m))
        at += 8 + len(blob)
    f.writelines(itertools.chain.from_iterable(zip(heads, parts.blobs, strict=True)))


def _read_parts(path: Path, marks: tuple[bytes, ...]) -> Budget | None:
    """The whole budget ``_dump_parts`` wrote, or None if it is missing, cut short, not ours
    or not the one whose proposals have ``marks``."""
    try:
        with path.open("rb") as f, no_gc():
            head = pickle.load(f)
            rest = f.read()
            if not (isinstance(head, tuple) and len(head) == 3 and head[0] == FORMAT):
                return None
            _, shell, origins = head
            view = memoryview(rest)  # each blob a view of the file's bytes, never copied
            proposals, at = [], 0
            for expected, (name, stem) in zip(marks, origins, strict=True):
                size = int.from_bytes(view[at : at + 8], "little")
                blob = view[at + 8 : at + 8 + size]
                if len(blob) != size or mark(blob) != expected:
                    return None
                proposals.append(LoadedProposal(codec.loads(blob), Source(name), stem))
                at += 8 + size
    except Exception:  # missing, corrupt or from an incompatible version: rebuild
        return None
    if at != len(rest) or not isinstance(shell, Budget):
        return None
    return replace(shell, proposals=tuple(proposals))


def _write(entry: Path, result: object) -> bool:
    """Store ``result`` (pickled; or a function that writes to the file) atomically; False
    if it could not be."""
    import tempfile  # here: a run that only reads the cache never needs it (5 ms to import)

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                if callable(result):
                    result(f)
                else:
                    pickle.dump(result, f, protocol=PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False  # a read-only or full cache directory must never fail a command
    _prune(entry.parent)
    return True


def _prune(folder: Path) -> None:
    """Keep the ``KEEP`` newest files. Another run may be pruning or replacing them at the same
    time: a file gone between the listing and its stat or unlink is simply not counted."""
    dated = []
    for path in [*folder.glob("*.pickle"), *folder.glob("*.budget")]:
        with contextlib.suppress(OSError):
            dated.append((path.stat().st_mtime_ns, path))
    dated.sort(reverse=True)
    for _, old in dated[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
