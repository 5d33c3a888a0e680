"""The stages a data set goes through, each file once: what ``load`` runs, cached or not.

* ``context_stage``: ``areas.yaml``, the refusion rules and the forecasts (with their case
  registers), read and checked; every proposal is read against what they say.
* ``file_stage``: one proposal file from its bytes to its checked figures:
  bytes → document (safe YAML, positions) → model → domain value → the checks of that file →
  its figures (a ``ProposalLine``) and its bytes as stored (``codec``). What it gives depends
  only on the file's bytes and name and on the context, so it is computed once and kept.
* ``run``: ``file_stage`` over many files, in worker processes from ``PARALLEL_FROM`` on: the
  same function, so the parallel load is not a second code path.
* ``budget_stage``: over the files' results, the checks across files and the sums per status.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from budgetcli.core import calc
from budgetcli.core.calc import ProposalLine, StatusSums
from budgetcli.core.diagnostics import Problem, Source, listed
from budgetcli.core.groups import GroupSums, group_sums, regrouped
from budgetcli.core.lazyclasses import dataclass, field
from budgetcli.core.vocab import Status
from budgetcli.store.digests import checksum

if TYPE_CHECKING:  # a run answered from the cache reads no file, checks none: not imported
    from budgetcli.core.domain import Meta
    from budgetcli.core.prices import Terms
    from budgetcli.folder.documents import Context
    from budgetcli.folder.listing import DataFile

#: below this many proposal files, starting processes costs more than it saves
PARALLEL_FROM = 400


def context_stage(files: list[DataFile], has_proposals: bool) -> Context:
    """The files that are not proposals, read and checked: the budget without its proposals
    (positions dropped: its checks have run) and every problem of these files."""
    from budgetcli.core import checks
    from budgetcli.folder import documents

    context = documents.read_context(files, has_proposals)
    if context.budget is not None:
        context.problems += [
            *checks.check_areas_file(context.budget),
            *checks.check_forecasts(context.budget),
            *checks.check_prices(context.budget),
        ]
        if context.budget.appropriations or context.budget.followups:
            from budgetcli.core.followupchecks import check_followups

            loaded = {lf.forecast.id for lf in context.budget.forecasts}
            failed = {f.stem for f in files if f.kind == "forecast"} - loaded
            years = {str(la.appropriations.year) for la in context.budget.appropriations}
            bad = {f.stem for f in files if f.kind == "appropriations"} - years
            failed_years = {int(stem) for stem in bad if stem.isascii() and stem.isdigit()}
            context.problems += check_followups(context.budget, failed, failed_years)
        context.budget = context.budget.without_positions()
    return context


class FileResult(NamedTuple):
    """What ``file_stage`` gives for one proposal file: its problems and, if it is a valid
    proposal of a usable budget, its figures, its bytes as stored and their digest."""

    problems: list[Problem]
    line: ProposalLine | None = None
    proposal_bytes: bytes | None = None
    mark: bytes | None = None
    #: what restating ``line`` in another year's prices needs beyond it (``prices.line_terms``)
    terms: Terms | None = None


def file_stage(
    file: DataFile, years: list[int] | None, meta: Meta | None, memo: dict[str, Any]
) -> FileResult:
    """One proposal file through every stage (``meta``: the areas, None if unusable)."""
    from budgetcli.core import checks
    from budgetcli.core.prices import line_terms
    from budgetcli.folder import documents
    from budgetcli.store import codec

    loaded, problems, placed = documents.read_proposal(file, years, memo)
    if meta is not None and placed is not None:
        problems += checks.check_salvaged(placed, file.stem, meta)
    if loaded is None or meta is None:
        return FileResult(problems)
    problems += checks.check_proposal(loaded, meta)
    stored = codec.dumps(loaded.proposal)
    line = calc.proposal_line(loaded.proposal, meta.years)
    terms = line_terms(loaded.proposal, meta.years)
    return FileResult(problems, line, stored, mark(stored), terms)


def mark(proposal_bytes: bytes) -> bytes:
    """The digest that stands for a proposal's bytes: equal marks, equal proposals."""
    return checksum(proposal_bytes)


def run(
    files: Sequence[DataFile], years: list[int] | None, meta: Meta | None, workers: int | None
) -> list[FileResult]:
    """``file_stage`` on each file, in file order; in ``workers`` processes (default: one a
    core when there are many)."""
    workers = workers if workers is not None else _workers(len(files))
    if workers <= 1 or len(files) < 2:
        return _work(files, years, meta)
    return spread(_work, chunks_of(files, workers), workers, years, meta)


T = TypeVar("T")
R = TypeVar("R")


def chunks_of(items: Sequence[T], workers: int) -> list[Sequence[T]]:
    """``items`` cut in chunks for ``workers`` processes: four a process, so that one slower
    chunk does not keep the others waiting."""
    size = -(-len(items) // (workers * 4))
    return [items[start : start + size] for start in range(0, len(items), size)]


def spread(work: Callable[..., list[R]], chunks: Sequence[T], workers: int, *args: Any) -> list[R]:
    """``work(chunk, *args)`` over each of ``chunks`` (``chunks_of``), in ``workers``
    processes: each chunk's results, in the order of ``chunks``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        done = pool.map(work, chunks, *([arg] * len(chunks) for arg in args))
        return [result for chunk in done for result in chunk]


def _workers(proposals: int) -> int:
    cores = (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
    return min(cores, 8) if proposals >= PARALLEL_FROM else 1


def workers_for(proposals: int, workers: int | None) -> int:
    """How many processes ``run`` uses for ``proposals`` files (``workers``: as asked, None:
    one a core when there are many)."""
    return workers if workers is not None else _workers(proposals)


def _work(
    files: Sequence[DataFile], years: list[int] | None, meta: Meta | None
) -> list[FileResult]:
    memo: dict[str, Any] = {}  # the scalars read before, shared by the files of one worker
    return [file_stage(file, years, meta, memo) for file in files]


class Edit(NamedTuple):
    """What a load changed of the last one's result, with the same context: that result's
    sums and counts per status and its groups, and each row whose line changed, with its line
    before and after (None: not a valid proposal)."""

    sums: StatusSums
    counts: dict[Status, int]
    groups: GroupSums
    changes: list[tuple[int, ProposalLine | None, ProposalLine | None]]


@dataclass
class BudgetResult:
    """The budget-level stage's answer: every problem, as reported, the sums and the number
    of proposals per status, and the lines summed by kind (``core.groups``)."""

    problems: list[Problem]
    sums: StatusSums = field(default_factory=dict)
    counts: dict[Status, int] = field(default_factory=dict)
    groups: GroupSums | None = None


def budget_stage(
    context: Context,
    problems: list[Problem],
    ids: Sequence[str | None],
    source: Callable[[int], Source],
    lines: Callable[[], Sequence[ProposalLine | None]],
    edit: Edit | None = None,
) -> BudgetResult:
    """Over every file's result (``problems``; ``ids``: each row's proposal id, None if it is
    not a valid proposal): the checks across files, and the sums per status and by kind of
    ``lines()`` (each row's), or, if ``edit`` says what changed, from the last result's.
    ``source(i)``: row ``i``'s source with its positions, for a message that needs one (a
    duplicate id)."""
    from budgetcli.core import checks

    found = [*context.problems, *problems]
    if context.budget is None:  # no areas: the proposals are still checked against the model
        return BudgetResult(listed(found))
    valid = [(i, pid) for i, pid in enumerate(ids) if pid is not None]
    found += checks.check_unique_ids([pid for _, pid in valid], lambda k: source(valid[k][0]))
    if context.budget.appropriations:
        from budgetcli.core.followupchecks import check_adopted

        # a proposal whose file has errors of its own is there: its id is its file's stem
        failed = {p.path.rpartition("/")[2].rpartition(".")[0] for p in problems if p.is_error}
        found += check_adopted(context.budget, {pid for _, pid in valid} | failed)
    if edit is None:
        rows = lines()
        shown = [line for line in rows if line is not None]
        sums, counts = calc.status_sums(shown), calc.status_counts(shown)
        return BudgetResult(listed(found), sums, counts, group_sums(rows))
    before = [old for _, old, _ in edit.changes if old is not None]
    after = [new for _, _, new in edit.changes if new is not None]
    counts = calc.changed_counts(edit.counts, before, after)
    sums = calc.changed_sums(edit.sums, before, after, counts)
    return BudgetResult(listed(found), sums, counts, regrouped(edit.groups, edit.changes))
