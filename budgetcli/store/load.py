"""Load and check a data set, the proposal files in worker processes when there are many.

Each proposal file is read, validated, checked, summed into its ``ProposalLine`` and written
as bytes (``codec``) where it is read (one worker per core from ``PARALLEL_FROM`` files on):
what comes back is small and flat (the lines, the problems and each proposal's bytes with
their digest), so the parent process never holds the proposals as objects, and a cache
stores the bytes as they are. The parent reads ``areas.yaml``, the rules and the forecasts
itself, and runs the checks that look across files.

A sequential load runs the same per-file work in one process; a property test holds both to
the plain composition of ``loading.load_files`` and ``checks.check_budget``.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from budgetcli.core.calc import Catalogue, ProposalLine, StatusSums, lines_from_rows, status_sums
from budgetcli.core.diagnostics import Problem, Source, listed
from budgetcli.core.domain import Budget, LoadedProposal, Meta, Proposal
from budgetcli.files.listing import DataFile
from budgetcli.store import codec

#: below this many proposal files, starting processes costs more than it saves
PARALLEL_FROM = 400


def mark(blob: bytes | memoryview) -> bytes:
    """The digest that stands for a proposal's bytes (equal marks: equal proposals)."""
    return hashlib.blake2b(blob, digest_size=16).digest()


class Parts(Protocol):
    """The whole budget of a result, each proposal read when asked for."""

    def proposal(self, i: int) -> Proposal:
        """The proposal of ``lines[i]``."""
        ...

    @property
    def marks(self) -> Sequence[bytes]:
        """A digest of each proposal's bytes: two proposals with the same one are equal. (A
        budget rebuilt from its files has the same proposals as the stored one it replaces:
        the stored marks hold for it too.)"""
        ...

    def budget(self) -> Budget:
        """The budget with every proposal."""
        ...


@dataclass(frozen=True)
class MemoryParts:
    """The parts of a budget just loaded: the budget without its proposals (``shell``), where
    each proposal came from (``origins``: its file's name and stem) and its bytes."""

    shell: Budget
    origins: tuple[tuple[str, str], ...]
    blobs: tuple[bytes, ...]
    marks: tuple[bytes, ...]

    def proposal(self, i: int) -> Proposal:
        return codec.loads(self.blobs[i])

    def budget(self) -> Budget:
        with no_gc():
            proposals = tuple(
                LoadedProposal(codec.loads(blob), Source(name), stem)
                for blob, (name, stem) in zip(self.blobs, self.origins, strict=True)
            )
        return replace(self.shell, proposals=proposals)


@dataclass(frozen=True)
class Checked:
    """A data set loaded and cross-checked: what ``validate`` and ``summary`` need at hand
    (the problems, the areas and each proposal's figures), the rest read on first use.

    ``meta`` is None, and so are ``budget`` and ``catalogue``, if ``areas.yaml`` is unusable."""

    problems: list[Problem]
    files: int
    meta: Meta | None
    lines: tuple[ProposalLine, ...]
    load_parts: Callable[[], Parts | None] = field(repr=False, compare=False)
    stored_sums: StatusSums | None = field(default=None, repr=False, compare=False)

    @functools.cached_property
    def parts(self) -> Parts | None:
        return self.load_parts()

    @functools.cached_property
    def sums(self) -> StatusSums:
        """``status_sums(lines)``: as stored with the result, or added up now."""
        return self.stored_sums if self.stored_sums is not None else status_sums(self.lines)

    @functools.cached_property
    def budget(self) -> Budget | None:
        """The budget with every proposal whole."""
        return self.parts.budget() if self.parts is not None else None

    @functools.cached_property
    def catalogue(self) -> Catalogue | None:
        """The budget as ``diff`` reads it: a proposal read only when it may have changed."""
        if self.meta is None or self.parts is None:
            return None
        parts = self.parts
        return Catalogue(self.meta, self.lines, parts.proposal, parts.marks.__getitem__, self.sums)

    @property
    def valid(self) -> bool:
        return self.meta is not None and not any(p.is_error for p in self.problems)


@dataclass
class _Span:
    """What the per-file work gives back for a run of proposal files: for each proposal that
    passed the model step, its place in the run, its line, its bytes and their mark;
    and the problems of every file."""

    places: list[int] = field(default_factory=list)
    lines: list[tuple[Any, ...]] = field(default_factory=list)  # ``ProposalLine``s, as tuples
    blobs: list[bytes] = field(default_factory=list)
    marks: list[bytes] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def compute(files: list[DataFile], workers: int | None = None) -> Checked:
    """Load and check a data set; the proposal files in ``workers`` processes (default: one a
    core when there are many)."""
    workers = workers if workers is not None else _workers(files)
    with no_gc():
        return _compute(files, workers)


def _compute(files: list[DataFile], workers: int) -> Checked:
    from budgetcli.core.checks import check_across_files
    from budgetcli.files.listing import load_files, source_of, years_of

    base = load_files(files, with_proposals=False)
    problems = list(base.problems)
    proposal_files = [f for f in files if f.kind == "proposal"]
    meta = base.budget.meta if base.budget is not None else None
    years = base.budget.years if base.budget is not None else years_of(files)
    spans = _run(proposal_files, years, meta, workers)
    problems += [p for _, span in spans for p in span.problems]
    if base.budget is None:  # no areas: the proposals are still checked against the model
        return Checked(listed(problems), base.files, None, (), lambda: None)
    loaded = [proposal_files[start + place] for start, span in spans for place in span.places]
    lines = lines_from_rows(row for _, span in spans for row in span.lines)
    problems += check_across_files(
        base.budget, [line.id for line in lines], lambda i: source_of(loaded[i])
    )
    shell = base.budget.without_positions()
    parts = MemoryParts(
        shell,
        tuple((f.name, f.stem) for f in loaded),
        tuple(blob for _, span in spans for blob in span.blobs),
        tuple(m for _, span in spans for m in span.marks),
    )
    return Checked(listed(problems), base.files, shell.meta, lines, lambda: parts)


def _workers(files: list[DataFile]) -> int:
    proposals = sum(1 for f in files if f.kind == "proposal")
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
    return min(cores, 8) if proposals >= PARALLEL_FROM else 1


def _run(
    files: list[DataFile], years: list[int] | None, meta: Meta | None, workers: int
) -> list[tuple[int, _Span]]:
    """The per-file work on every proposal file, as (start, span) in file order."""
    if workers <= 1 or len(files) < 2:
        return [(0, _work(files, years, meta))]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(files) // (workers * 4))
    starts = range(0, len(files), size)
    global _JOB  # noqa: PLW0603 - handed to forked workers without pickling the files
    _JOB = (files, size, years, meta)
    try:
        if "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(workers, mp_context=context) as pool:
                return list(zip(starts, pool.map(_forked_work, starts), strict=True))
        with ProcessPoolExecutor(workers) as pool:  # pragma: no cover - no fork (Windows)
            chunks = [files[start : start + size] for start in starts]
            done = pool.map(_work, chunks, [years] * len(chunks), [meta] * len(chunks))
            return list(zip(starts, done, strict=True))
    finally:
        _JOB = None


#: the work of a parallel load, set in the parent just before the workers are forked
_JOB: tuple[list[DataFile], int, list[int] | None, Meta | None] | None = None


def _forked_work(start: int) -> _Span:
    assert _JOB is not None, "set before the workers are forked"
    files, size, years, meta = _JOB
    return _work(files[start : start + size], years, meta)


def _work(files: Sequence[DataFile], years: list[int] | None, meta: Meta | None) -> _Span:
    """Read, validate and check each proposal file; sum and write out each valid one (when
    ``areas.yaml`` is usable: ``meta``)."""
    from budgetcli.core.calc import proposal_line
    from budgetcli.core.checks import check_proposal, check_salvaged
    from budgetcli.files.listing import load_proposal

    span = _Span()
    memo: dict[str, object] = {}
    with no_gc():
        for place, file in enumerate(files):
            loaded, found, placed = load_proposal(file, years, memo)
            span.problems += found
            if meta is not None and placed is not None:
                span.problems += check_salvaged(placed, file.stem, meta)
            if loaded is None or meta is None:
                continue
            span.problems += check_proposal(loaded, meta)
            blob = codec.dumps(loaded.proposal)
            span.places.append(place)
            span.lines.append(tuple(proposal_line(loaded.proposal, meta.years)))
            span.blobs.append(blob)
            span.marks.append(mark(blob))
    return span


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
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
