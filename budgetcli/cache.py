"""Load and check a data folder, with a cache of the result keyed by the files' content.

Validating means PyYAML and pydantic, and importing pydantic alone takes longer than the rest
of a ``summary`` run. The result of loading and checking (the domain values and every problem)
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
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from budgetcli import __version__
from budgetcli.calc import Catalogue, ProposalLine
from budgetcli.diagnostics import Problem, Source, sort_problems
from budgetcli.domain import Meta, Proposal
from budgetcli.loading import (
    Budget,
    DataFile,
    LoadedProposal,
    check_data_dir,
    data_files_with_stat,
    display_path,
    read_folder,
)

#: bump when the cached shapes change, so old entries are never read as new ones
FORMAT = 3
#: files kept (an entry is two: its result and its budget; plus the listing indexes)
KEEP = 128


class Parts:
    """A budget in memory (``budget``), or as stored by ``_dump_parts`` in ``path``: there
    each proposal is a pickle of its own at ``offsets[i]`` whose BLAKE2 digest is ``marks[i]``,
    so one is read without the others and two with the same mark are known equal unread. Any
    stored proposal is checked against its mark when read; if the file is gone or does not
    match, ``rebuild`` (loading the files again) gives the parts instead."""

    def __init__(
        self,
        budget: Budget | None = None,
        path: Path | None = None,
        offsets: tuple[int, ...] = (),
        marks: tuple[bytes, ...] = (),
        rebuild: Callable[[], Parts] | None = None,
    ) -> None:
        self._budget, self._path, self._offsets, self._marks = budget, path, offsets, marks
        self._rebuild = rebuild
        self._rebuilt: Parts | None = None

    def proposal(self, i: int) -> Proposal:
        if self._budget is not None:
            return self._budget.proposals[i].proposal
        if self._rebuilt is None and self._path is not None:
            try:
                with self._path.open("rb") as f:
                    f.seek(self._offsets[i])
                    blob = f.read(int.from_bytes(f.read(8), "little"))
                if _mark(blob) == self._marks[i]:
                    loaded: Proposal = pickle.loads(blob)
                    return loaded
            except Exception:  # gone, cut short or not ours: rebuilt below
                pass
        return self._fallback().proposal(i)

    def fingerprint(self, i: int) -> bytes | None:
        return self._marks[i] if self._budget is None and self._rebuilt is None else None

    def budget(self) -> Budget:
        if self._budget is not None:
            return self._budget
        if self._rebuilt is None and self._path is not None:
            stored = _read_parts(self._path, self._marks)
            if stored is not None:
                return stored
        return self._fallback().budget()

    def _fallback(self) -> Parts:
        if self._rebuilt is None:
            assert self._rebuild is not None, "stored parts know how to rebuild"
            self._rebuilt = self._rebuild()
        return self._rebuilt


def _mark(blob: bytes | memoryview) -> bytes:
    return hashlib.blake2b(blob, digest_size=16).digest()


@dataclass(frozen=True)
class Checked:
    """A data folder loaded and cross-checked: what ``validate`` and ``summary`` need at hand
    (the problems, the areas and each proposal's figures), the rest read on first use.

    ``meta`` is None, and so are ``budget`` and ``catalogue``, if ``areas.yaml`` is unusable."""

    problems: list[Problem]
    files: int
    meta: Meta | None
    lines: tuple[ProposalLine, ...]
    load_parts: Callable[[], Parts | None] = field(repr=False, compare=False)

    @functools.cached_property
    def parts(self) -> Parts | None:
        return self.load_parts()

    @functools.cached_property
    def budget(self) -> Budget | None:
        """The budget with every proposal whole."""
        return self.parts.budget() if self.parts is not None else None

    @functools.cached_property
    def catalogue(self) -> Catalogue | None:
        """The budget as ``diff`` reads it: a proposal read only when it may have changed."""
        if self.meta is None or self.parts is None:
            return None
        return Catalogue(self.meta, self.lines, self.parts.proposal, self.parts.fingerprint)

    @property
    def valid(self) -> bool:
        return self.meta is not None and not any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class _Entry:
    """The part of a result stored to be read on every run (the budget is stored apart)."""

    problems: list[Problem]
    files: int
    meta: Meta | None
    lines: tuple[ProposalLine, ...]
    offsets: tuple[int, ...] = ()  # where each proposal is in the budget file
    marks: tuple[bytes, ...] = ()  # the digest of each proposal's pickle


def _checked(budget: Budget | None, problems: list[Problem], files: int) -> Checked:
    from budgetcli.calc import proposal_lines

    if budget is None:
        return Checked(problems, files, None, (), lambda: None)
    parts = Parts(budget)
    return Checked(problems, files, budget.meta, proposal_lines(budget), lambda: parts)


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
        return _compute(read_folder(data_dir))
    listing = data_files_with_stat(data_dir)
    shown = display_path(data_dir)
    about = (__version__, FORMAT, shown, os.path.abspath(data_dir), listing)
    signature = hashlib.sha256(pickle.dumps(about, protocol=5)).hexdigest()  # repr: 3x slower
    index = cache_dir() / f"listing-{signature}.pickle"
    known = _read_any(index)
    if isinstance(known, str):
        cached = _from_cache(known, lambda: read_folder(data_dir))
        if cached is not None:
            return cached
    files = read_folder(data_dir)
    key = _key(files)
    result = check_files(files, use_cache=True, key=key)
    newest = max((stat[1] for _, stat in listing), default=0)
    if time.time_ns() - newest > RACY_NS:
        _write(index, key)
    return result


def check_files(files: list[DataFile], use_cache: bool = True, key: str | None = None) -> Checked:
    """Load and check a data set read from a folder or from git."""
    if not use_cache or cache_disabled():
        return _compute(files)
    key = key or _key(files)
    cached = _from_cache(key, lambda: files)
    if cached is not None:
        return cached
    result = _compute(files)
    _store(key, result)
    return result


def _from_cache(key: str, files: Callable[[], list[DataFile]]) -> Checked | None:
    """The stored result of ``key``, its budget read when first asked for; if that part is
    gone or corrupt, the files are loaded again (``files``: how to read them)."""
    entry = _read_any(cache_dir() / f"{key}.pickle")
    if not isinstance(entry, _Entry):
        return None

    def rebuild() -> Parts:
        again = _compute(files())
        _store(key, again)
        assert again.parts is not None, "the cached entry had areas, so do the files"
        return again.parts

    def parts() -> Parts | None:
        if entry.meta is None:
            return None
        if len(entry.marks) != len(entry.lines):  # the budget could not be stored
            return rebuild()
        path = cache_dir() / f"{key}.budget"
        return Parts(None, path, entry.offsets, entry.marks, rebuild)

    return Checked(entry.problems, entry.files, entry.meta, entry.lines, parts)


def _store(key: str, result: Checked) -> None:
    """The budget first: an entry whose result is there has its budget there too (unless
    pruned or lost, which ``Parts`` survives). Without the cyclic collector, as ``_compute``:
    nothing made here is garbage, and walking the whole budget for nothing took half the time."""
    with _no_gc():
        _store_all(key, result)


def _store_all(key: str, result: Checked) -> None:
    budget = result.budget
    index: list[tuple[int, bytes]] = []
    if budget is not None and not _write(
        cache_dir() / f"{key}.budget", functools.partial(_dump_parts, budget, index)
    ):
        index = []
    _write(
        cache_dir() / f"{key}.pickle",
        _Entry(
            result.problems,
            result.files,
            result.meta,
            result.lines,
            tuple(at for at, _ in index),
            tuple(mark for _, mark in index),
        ),
    )


def _compute(files: list[DataFile], workers: int | None = None) -> Checked:
    """Load and check; the proposal files in ``workers`` processes when there are many."""
    workers = workers if workers is not None else _workers(files)
    with _no_gc():
        return _compute_with(files, workers)


def _compute_with(files: list[DataFile], workers: int) -> Checked:
    from budgetcli.checks import check_budget
    from budgetcli.loading import load_files

    if workers > 1:
        return _compute_in_parallel(files, workers)
    loaded = load_files(files)
    problems = list(loaded.problems)
    budget = loaded.budget
    if budget is not None:
        problems += check_budget(budget)
        budget = budget.without_positions()
    return _checked(budget, sort_problems(problems), loaded.files)


#: below this many proposal files, starting processes costs more than it saves
PARALLEL_FROM = 400


def _workers(files: list[DataFile]) -> int:
    proposals = sum(1 for f in files if f.kind == "proposal")
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
    return min(cores, 8) if proposals >= PARALLEL_FROM else 1


def _compute_in_parallel(files: list[DataFile], workers: int) -> Checked:
    """The same as the sequential load (a property test says so), with the proposal files,
    the bulk of the work, read, validated and checked file by file in worker processes."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from budgetcli.checks import check_across_files
    from budgetcli.loading import load_files, years_of

    base = load_files(files, with_proposals=False)
    problems = list(base.problems)
    proposal_files = [f for f in files if f.kind == "proposal"]
    if base.budget is None:  # no areas: the proposals can still be checked against the model
        results = [_proposal_job(chunk, years_of(files), None) for chunk in [proposal_files]]
        problems += [p for _, found in results for p in found]
        return _checked(None, sort_problems(problems), len(files))
    size = -(-len(proposal_files) // (workers * 4))
    spans = [(i, min(i + size, len(proposal_files))) for i in range(0, len(proposal_files), size)]
    global _JOB  # noqa: PLW0603 - handed to forked workers without pickling the files
    _JOB = (proposal_files, base.budget.years, base.budget)
    try:
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                results = list(pool.map(_proposal_span, spans))
        else:  # pragma: no cover - no fork (Windows): the files travel to the workers
            with ProcessPoolExecutor(workers) as pool:
                results = list(
                    pool.map(
                        _proposal_job,
                        [proposal_files[a:b] for a, b in spans],
                        [base.budget.years] * len(spans),
                        [base.budget] * len(spans),
                    )
                )
    finally:
        _JOB = None
    by_name = {f.name: f for f in proposal_files}
    proposals = tuple(
        replace(lp, source=_relocatable(lp.source.path, by_name[lp.source.path]))
        for loaded, _ in results
        for lp in loaded
    )
    problems += [p for _, found in results for p in found]
    budget = replace(base.budget, proposals=proposals)
    problems += check_across_files(budget)
    return _checked(budget.without_positions(), sort_problems(problems), len(files))


#: the work of a parallel load, set in the parent just before the workers are forked
_JOB: tuple[list[DataFile], list[int], Budget] | None = None


def _proposal_span(span: tuple[int, int]) -> tuple[list[LoadedProposal], list[Problem]]:
    assert _JOB is not None, "set before the workers are forked"
    files, years, budget = _JOB
    return _proposal_job(files[span[0] : span[1]], years, budget)


def _relocatable(path: str, file: DataFile) -> Source:
    from functools import partial

    from budgetcli.yamlsafe import positions_of

    return Source(path, locate=partial(positions_of, file.data or b"", file.name))


def _proposal_job(
    chunk: list[DataFile], years: list[int] | None, budget: Budget | None
) -> tuple[list[LoadedProposal], list[Problem]]:
    """A worker's share: load and check each file; the result travels without positions (the
    parent makes them again for a file if a check across files needs one)."""
    from budgetcli.checks import check_proposal
    from budgetcli.loading import load_proposal

    loaded_all, problems = [], []
    memo: dict[str, object] = {}
    for file in chunk:
        loaded, found = load_proposal(file, years, memo)
        problems += found
        if loaded is None:
            continue
        if budget is not None:
            problems += check_proposal(loaded, budget.meta)
        loaded_all.append(replace(loaded, source=Source(loaded.source.path)))
    return loaded_all, problems


def _key(files: list[DataFile]) -> str:
    h = hashlib.sha256()
    h.update(f"budgetcli {__version__} format {FORMAT} python {sys.version_info[:2]}\0".encode())
    for file in files:
        data = file.data if file.data is not None else f"unreadable: {file.error}".encode()
        h.update(f"{file.name}\0{file.stem}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Building a large graph of objects that are all kept: the cyclic collector would walk it
    again and again for nothing (a third of the time of reading 10,000 proposals). Afterwards
    the objects are frozen (``gc.freeze``): kept to the end of the command, they would
    otherwise all be walked by the first collections after, whatever allocates next paying
    (a third of a second in a diff of 100,000 proposals)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.enable()


def _read_any(entry: Path) -> object:
    try:
        with entry.open("rb") as f, _no_gc():
            return pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # corrupt or from an incompatible version: rebuild
        return None


def _dump_parts(budget: Budget, index: list[tuple[int, bytes]], f: BinaryIO) -> None:
    """A budget as stored: a pickle of the budget without its proposals and of their files,
    then each proposal's pickle after its length, written one by one (never all held at
    once); ``index`` gets each one's offset and mark."""
    protocol = pickle.HIGHEST_PROTOCOL
    origins = tuple((lp.source, lp.stem) for lp in budget.proposals)
    pickle.dump((FORMAT, replace(budget, proposals=()), origins), f, protocol=protocol)
    for lp in budget.proposals:
        blob = pickle.dumps(lp.proposal, protocol=protocol)
        index.append((f.tell(), _mark(blob)))
        f.write(len(blob).to_bytes(8, "little"))
        f.write(blob)


def _read_parts(path: Path, marks: tuple[bytes, ...]) -> Budget | None:
    """The whole budget ``_dump_parts`` wrote, or None if it is missing, cut short, not ours
    or not the one whose proposals have ``marks``."""
    try:
        with path.open("rb") as f, _no_gc():
            head = pickle.load(f)
            rest = f.read()
            if not (isinstance(head, tuple) and len(head) == 3 and head[0] == FORMAT):
                return None
            _, shell, origins = head
            view = memoryview(rest)  # each blob a view of the file's bytes, never copied
            proposals, at = [], 0
            for mark, (source, stem) in zip(marks, origins, strict=True):
                size = int.from_bytes(view[at : at + 8], "little")
                blob = view[at + 8 : at + 8 + size]
                if len(blob) != size or _mark(blob) != mark:
                    return None
                proposals.append(LoadedProposal(pickle.loads(blob), source, stem))
                at += 8 + size
    except Exception:  # missing, corrupt or from an incompatible version: rebuild
        return None
    if at != len(rest) or not isinstance(shell, Budget):
        return None
    return replace(shell, proposals=tuple(proposals))


def _write(entry: Path, result: object) -> bool:
    """Store ``result`` (pickled; or a function that writes to the file) atomically; False
    if it could not be."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                if callable(result):
                    result(f)
                else:
                    pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
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
