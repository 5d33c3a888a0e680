"""Which files of a data set changed since its index was made, and every file's row: reused
where the file is unchanged (its stat, or read again, its bytes), else computed by the stages."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from budgetcli.core.calc import ProposalLine
from budgetcli.core.diagnostics import Problem, Source
from budgetcli.store import cache, stages
from budgetcli.store.digests import digest
from budgetcli.store.row import Row, RowTable, problems_from

if TYPE_CHECKING:
    from budgetcli.folder.documents import Context
    from budgetcli.folder.listing import DataFile
    from budgetcli.store.index import Index


# The store's records are NamedTuples, not dataclasses: every command that loads imports them,
# and making a dataclass at import costs start-up time that a NamedTuple mostly does not.


class DataSet(NamedTuple):
    """Files to load: each listed with what says whether it changed (its stat, or its digest),
    and how to read some of them; ``key``: where its index is kept (None: no cache)."""

    listing: Sequence[tuple[str, Any]]
    read: Callable[[Sequence[str]], list[DataFile]]
    key: bytes | None
    #: a reader of some of the files that may be sent to a worker process (it pickles, and
    #: small: a folder's, ``Folder.part``), so that the workers read the files they compute,
    #: not the parent; None: the parent reads
    part: Callable[[Sequence[str]], Callable[[Sequence[str]], list[DataFile]]] | None = None


def digest_of(file: DataFile) -> bytes:
    """A digest of a file's bytes (of why it could not be read, if it could not)."""
    if file.data is not None:
        return digest(file.data)
    return digest(file.error.english.encode("utf-8", "replace") if file.error else b"")


class Rows(NamedTuple):
    """Every proposal file's row (``table``, as stored, in load order); the rows this load
    computed, by position, and their proposals' bytes (by their rows' keys, in their pack's
    order); what changed of the previous index's result (``edit``: None if there is none to
    go from)."""

    table: RowTable
    computed_rows: dict[int, Row]
    computed_proposals: dict[bytes, bytes]
    edit: stages.Edit | None
    #: row ``i`` (computed, or decoded)
    row: Callable[[int], Row]
    #: a file's source with its positions (by its row), for a message that needs one
    source: Callable[[int], Source]

    @property
    def problems(self) -> list[Problem]:
        """The problems of every file, in load order."""
        problems = self.table.problems
        return [p for i in sorted(problems) for p in problems_from(problems[i])]

    def lines(self) -> list[ProposalLine | None]:
        """Every row's line (None: not a valid proposal)."""
        return [self.row(i).proposal_line() for i in range(len(self.table.stored_rows))]


def rows(
    data: DataSet,
    places: list[int],
    context: Context,
    context_key: bytes,
    previous: Index | None,
    workers: int | None,
    pack: str | None = None,
) -> Rows:
    """Each proposal file's row (``places``: where in the listing the proposal files are):
    reused where its stat (or, read again, its bytes) is unchanged, else computed by the
    stages (``previous``: the last load's index, if made with the same context; ``pack``: the
    name the proposals computed will be stored under, None: not stored)."""
    proposals = [data.listing[i] for i in places]
    reused = _reused(data.listing, places, previous)
    table = reused.table
    relpaths = [proposals[j][0] for j in reused.to_read]
    count = stages.workers_for(len(relpaths), workers)
    if previous is None and data.part is not None and count > 1 and len(relpaths) > 1:
        # a first run: each worker reads the files it computes (the parent holds no bytes)
        meta = context.budget.meta if context.budget is not None else None
        tasks = [(chunk, data.part(chunk)) for chunk in stages.chunks_of(relpaths, count)]
        done = stages.spread(_read_work, tasks, count, context_key, context.years, meta)
        files_read: list[DataFile] = []
        pairs = zip(reused.to_read, done, strict=True)
        made = [(j, Row._make(row), stored) for j, (row, stored) in pairs]
    else:
        files_read = data.read(relpaths)
        made = _computed(_to_compute(reused, files_read, context_key, previous), context, workers)
    computed_rows, computed_proposals = _placed(made, pack)
    for j, row in computed_rows.items():
        table.set_row(j, row)
    edit = _edit(previous, computed_rows) if reused.previous_places is None else None
    by_relpath = {f.relpath: f for f in files_read}
    stored_rows = table.stored_rows

    def row_at(i: int) -> Row:
        row = computed_rows.get(i)
        return row if row is not None else Row.from_bytes(stored_rows[i])

    def source(i: int) -> Source:
        from budgetcli.folder.documents import source_of

        name, relpath = row_at(i).name, proposals[i][0]
        file = by_relpath.get(relpath) or data.read([relpath])[0]
        return source_of(name, file.data or b"")

    return Rows(table, computed_rows, computed_proposals, edit, row_at, source)


def _to_compute(
    reused: _Reused, files_read: list[DataFile], context_key: bytes, previous: Index | None
) -> list[tuple[int, DataFile, bytes]]:
    """The files read that go through the stages, with their rows' keys: those whose bytes
    changed (a row whose file was only touched is reused in ``reused.table``)."""
    table = reused.table
    to_compute: list[tuple[int, DataFile, bytes]] = []
    for j, file in zip(reused.to_read, files_read, strict=True):
        key = _key(context_key, file)
        i = j if reused.previous_places is None else reused.previous_places[j]
        if i is not None and previous is not None and previous.row(i).key == key:
            table.reuse_row(j, previous.table, i)  # touched, not changed
        else:
            to_compute.append((j, file, key))
    return to_compute


def _key(context_key: bytes, file: DataFile) -> bytes:
    """A file's row's key: its context, its name and its bytes."""
    return digest(context_key, file.name.encode("utf-8", "replace"), digest_of(file))


def _read_work(
    task: tuple[Sequence[str], Callable[[Sequence[str]], list[DataFile]]],
    context_key: bytes,
    years: list[int] | None,
    meta: Any,
) -> list[tuple[tuple[Any, ...], bytes | None]]:
    """In a worker: the files of ``task`` (their paths and a reader of them) read, each
    through the stages; each file's row (not placed in a pack yet) and its proposal's bytes.
    The row goes back as the plain tuple it is stored as: pickle sends builtins at C speed,
    where a named tuple of enums costs ~14 µs a file in Python's reduce methods."""
    relpaths, read = task
    memo: dict[str, Any] = {}  # the scalars read before, shared by the files of one worker
    done = []
    for file in read(relpaths):
        row, stored = _made(
            file, _key(context_key, file), stages.file_stage(file, years, meta, memo)
        )
        done.append((tuple(row), stored))
    return done


class _Reused(NamedTuple):
    """What a load starts from: each row reused from the previous index (where there is one
    to reuse); the rows whose file must be read (``to_read``); and for each row, the place of
    the previous index's row of the same file (``previous_places``; None: the same place, the
    files are the previous ones)."""

    table: RowTable
    to_read: list[int]
    previous_places: list[int | None] | None


def _reused(
    listing: Sequence[tuple[str, Any]], places: list[int], previous: Index | None
) -> _Reused:
    """The rows reused from ``previous``: all but those whose file's stat changed, when the
    files are the previous ones in the same places (the common case: a comparison of the two
    listings); else matched by path."""
    n = len(places)
    if previous is None:
        return _Reused(RowTable.empty(n), list(range(n)), [None] * n)
    if len(listing) == len(previous.listing) and places == previous.places:
        changed = [
            i for i, (a, b) in enumerate(zip(listing, previous.listing, strict=True)) if a != b
        ]
        if all(listing[i][0] == previous.listing[i][0] for i in changed):  # no file renamed
            to_read = [
                j for i in changed if (j := bisect.bisect_left(places, i)) < n and places[j] == i
            ]
            return _Reused(previous.table.copy(), to_read, None)
    at = {relpath: i for i, relpath in enumerate(previous.relpaths())}
    previous_places = [at.get(listing[p][0]) for p in places]
    reused = _Reused(RowTable.empty(n), [], previous_places)
    for j, i in enumerate(previous_places):
        st = listing[places[j]][1]
        if i is not None and st is not None and previous.stat(i) == st:
            reused.table.reuse_row(j, previous.table, i)
        else:
            reused.to_read.append(j)
    return reused


#: a row computed, by its place, not yet placed in a pack, and its proposal's bytes (None: none)
Made = list[tuple[int, Row, bytes | None]]


def _computed(
    to_compute: list[tuple[int, DataFile, bytes]], context: Context, workers: int | None
) -> Made:
    """The rows of the files that go through the stages (``to_compute``: each file's place,
    the file and its row's key)."""
    meta = context.budget.meta if context.budget is not None else None
    results = stages.run([f for _, f, _ in to_compute], context.years, meta, workers)
    return [
        (j, *_made(file, key, result))
        for (j, file, key), result in zip(to_compute, results, strict=True)
    ]


def _made(file: DataFile, key: bytes, result: stages.FileResult) -> tuple[Row, bytes | None]:
    """A file's row under ``key`` from what the stages gave (not placed in a pack yet), and
    its proposal's bytes (None: no valid proposal)."""
    return Row.of(file.relpath, file.name, key, result, None), result.proposal_bytes


def _placed(made: Made, pack: str | None) -> tuple[dict[int, Row], dict[bytes, bytes]]:
    """The rows computed, by position, each saying where in ``pack`` its proposal is; and
    those proposals' bytes, by key, in the pack's order."""
    computed_rows: dict[int, Row] = {}
    computed_proposals: dict[bytes, bytes] = {}
    offset = len(cache.MAGIC)
    for j, row, proposal_bytes in made:
        computed_rows[j] = row
        if proposal_bytes is not None:
            computed_proposals[row.key] = proposal_bytes
            if pack is not None:
                computed_rows[j] = row._replace(stored_at=(pack, offset))
                offset += cache.HEAD + len(proposal_bytes)
    return computed_rows, computed_proposals


def _edit(previous: Index | None, computed_rows: dict[int, Row]) -> stages.Edit | None:
    """What the rows computed changed of the previous index's result, its rows in the same
    places; None if there is none to go from."""
    result = previous.result if previous is not None else None
    if previous is None or result is None or result.groups is None:
        return None
    changes = [
        (j, previous.row(j).proposal_line(), row.proposal_line())
        for j, row in computed_rows.items()
    ]
    return stages.Edit(result.sums, result.counts, result.groups, changes)


#: what ``result.py`` reads a row by, until it reads it by name (``row.key``,
#: ``row.proposal_line()``): the places of ``Row``'s fields (``tests/test_store_row.py``)
RELPATH: Final = 0
NAME: Final = 1
KEY: Final = 2
WHERE: Final = 6
line_of = Row.proposal_line
