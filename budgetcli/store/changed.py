"""Which files of a data set changed since its index was made, and every file's row: kept
where the file is unchanged (its stat, or read again, its bytes), else made by the stages."""

from __future__ import annotations

import bisect
import marshal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from budgetcli.core.calc import ProposalLine
from budgetcli.core.diagnostics import Problem, Severity, Source
from budgetcli.core.vocab import ProposalKind, Status
from budgetcli.store import cache, stages
from budgetcli.store.digests import digest

if TYPE_CHECKING:
    from budgetcli.folder.documents import Context
    from budgetcli.folder.listing import DataFile
    from budgetcli.store.index import Index
    from budgetcli.store.stages import FileResult


STATUS = {s.value: s for s in Status}
SEVERITY = {s.value: s for s in Severity}
KIND = {k.value: k for k in ProposalKind}


#: a proposal file's row in an index: its path inside the data set, its name as messages
#: show it, the key of its result (the context's key, its name and its bytes), its problems,
#: its line (``None``: not a valid proposal), its proposal's mark and where that is stored
#: (``(pack, offset)``, or None)
RELPATH, NAME, KEY, PROBLEMS, LINE, MARK, WHERE = range(7)
Row = tuple[Any, ...]


def row(relpath: str, name: str, key: bytes, result: FileResult, where: Any = None) -> Row:
    """A new file's row (``where``: where its proposal is stored, if it is)."""
    line = result.line
    shown = (*line[:2], line.status.value, line.kind.value, *line[4:]) if line else None
    return (relpath, name, key, problem_rows(result.problems), shown, result.mark, where)


def line_from(r: tuple[Any, ...]) -> ProposalLine:
    pid, title, status, kind, areas, committee, center, values = r
    return ProposalLine(pid, title, STATUS[status], KIND[kind], areas, committee, center, values)


def problem_rows(problems: Iterable[Problem]) -> list[tuple[Any, ...]]:
    return [(p.path, p.line, p.col, p.severity.value, p.rule, p.message) for p in problems]


def problems_from(rows: Iterable[tuple[Any, ...]]) -> list[Problem]:
    return [Problem(a, b, c, SEVERITY[d], e, f) for a, b, c, d, e, f in rows]


@dataclass(frozen=True)
class DataSet:
    """Files to load: each listed with what says whether it changed (its stat, or its digest),
    and how to read some of them; ``key``: where its index is kept (None: no cache)."""

    listing: Sequence[tuple[str, Any]]
    read: Callable[[Sequence[str]], list[DataFile]]
    key: bytes | None


def digest_of(file: DataFile) -> bytes:
    """A digest of a file's bytes (of why it could not be read, if it could not)."""
    return digest(file.data if file.data is not None else file.error.encode("utf-8", "replace"))


@dataclass
class Rows:
    """Every proposal file's row as stored (``blobs``, in load order), each one's proposal id
    and mark (None: not a valid proposal) and, of those that have any, its problems; the
    rows made anew, by position; the proposals made anew (key → bytes, in their pack's order);
    what changed of the known index's result (``edit``: None if there is none to go from)."""

    blobs: list[bytes]
    ids: list[str | None]
    marks: list[bytes | None]
    flagged: dict[int, list[tuple[Any, ...]]]
    made: dict[int, Row]
    fresh: dict[bytes, bytes]
    edit: stages.Edit | None
    #: row ``i`` as stored (made anew, or decoded)
    row: Callable[[int], Row]
    #: a file's source with its positions (by its row), for a message that needs one
    source: Callable[[int], Source]

    @property
    def problems(self) -> list[Problem]:
        """The problems of every file, in load order."""
        return [p for i in sorted(self.flagged) for p in problems_from(self.flagged[i])]

    def lines(self) -> list[ProposalLine | None]:
        """Every row's line (None: not a valid proposal)."""
        return [line_of(self.row(i)) for i in range(len(self.blobs))]


def dump_row(r: Row) -> bytes:
    return marshal.dumps(r)


def load_row(blob: bytes) -> Row:
    r = marshal.loads(blob)
    if type(r) is not tuple or len(r) != WHERE + 1:
        raise ValueError("not a row")
    return r


def line_of(r: Row) -> ProposalLine | None:
    return line_from(r[LINE]) if r[LINE] is not None else None


def rows(
    data: DataSet,
    places: list[int],
    context: Context,
    context_key: bytes,
    known: Index | None,
    workers: int | None,
    pack: str | None = None,
) -> Rows:
    """Each proposal file's row (``places``: where in the listing the proposal files are):
    kept where its stat (or, read again, its bytes) is unchanged, else made by the stages
    (``known``: the previous index, if made with the same context; ``pack``: the name the
    proposals made anew will be stored under, None: not stored)."""
    proposals = [data.listing[i] for i in places]
    kept = _kept(data.listing, places, known)
    read = data.read([proposals[j][0] for j in kept.stale])
    missing: list[tuple[int, DataFile, bytes]] = []
    for j, file in zip(kept.stale, read, strict=True):
        key = digest(context_key, file.name.encode("utf-8", "replace"), digest_of(file))
        i = j if kept.old is None else kept.old[j]
        if i is not None and known is not None and load_row(known.blobs[i])[KEY] == key:
            kept.keep(j, known, i)  # touched, not changed
        else:
            missing.append((j, file, key))
    made, fresh = _made(missing, context, workers, pack)
    for j, r in made.items():
        kept.put(j, r)
    edit = _edit(known, made) if kept.old is None else None
    by_relpath = {f.relpath: f for f in read}
    blobs = kept.blobs

    def row_at(i: int) -> Row:
        r = made.get(i)
        return r if r is not None else load_row(blobs[i])

    def source(i: int) -> Source:
        from budgetcli.folder.documents import source_of

        name, relpath = row_at(i)[NAME], proposals[i][0]
        file = by_relpath.get(relpath) or data.read([relpath])[0]
        return source_of(name, file.data or b"")

    return Rows(blobs, kept.ids, kept.marks, kept.flagged, made, fresh, edit, row_at, source)


@dataclass
class _Kept:
    """What a load starts from: each row as kept from the known index (where there is one to
    keep), its proposal id, mark and problems; the rows whose file must be read; and for each
    row, the known row of the same file (``old``; None: the same place, the files are the known
    ones)."""

    blobs: list[bytes]
    ids: list[str | None]
    marks: list[bytes | None]
    flagged: dict[int, list[tuple[Any, ...]]]
    stale: list[int]
    old: list[int | None] | None

    def keep(self, j: int, known: Index, i: int) -> None:
        """Row ``j`` is known row ``i``."""
        self.blobs[j], self.ids[j], self.marks[j] = known.blobs[i], known.ids[i], known.marks[i]
        self.flagged.pop(j, None)
        if i in known.flagged:
            self.flagged[j] = known.flagged[i]

    def put(self, j: int, r: Row) -> None:
        """Row ``j`` is ``r``, made anew."""
        valid = r[LINE] is not None
        self.blobs[j] = dump_row(r)
        self.ids[j], self.marks[j] = (r[LINE][0], r[MARK]) if valid else (None, None)
        self.flagged.pop(j, None)
        if r[PROBLEMS]:
            self.flagged[j] = r[PROBLEMS]


def _kept(listing: Sequence[tuple[str, Any]], places: list[int], known: Index | None) -> _Kept:
    """The rows kept from ``known``: all but those whose file's stat changed, when the files
    are the known ones in the same places (the common case: a comparison of the two listings);
    else matched by path."""
    n = len(places)
    if known is None:
        return _Kept([b""] * n, [None] * n, [None] * n, {}, list(range(n)), [None] * n)
    if len(listing) == len(known.listing) and places == known.places:
        changed = [i for i, (a, b) in enumerate(zip(listing, known.listing, strict=True)) if a != b]
        if all(listing[i][0] == known.listing[i][0] for i in changed):  # no file renamed
            stale = [
                j for i in changed if (j := bisect.bisect_left(places, i)) < n and places[j] == i
            ]
            flagged = dict(known.flagged)
            return _Kept(
                list(known.blobs), list(known.ids), list(known.marks), flagged, stale, None
            )
    relpaths = known.relpaths()
    at = {r: i for i, r in enumerate(relpaths)}
    old = [at.get(listing[p][0]) for p in places]
    kept = _Kept([b""] * n, [None] * n, [None] * n, {}, [], old)
    for j, i in enumerate(old):
        st = listing[places[j]][1]
        if i is not None and st is not None and known.stat(i) == st:
            kept.keep(j, known, i)
        else:
            kept.stale.append(j)
    return kept


def _made(
    missing: list[tuple[int, DataFile, bytes]],
    context: Context,
    workers: int | None,
    pack: str | None,
) -> tuple[dict[int, Row], dict[bytes, bytes]]:
    """The rows of the files that go through the stages, by position, each saying where in
    ``pack`` its proposal is; and those proposals' bytes, by key, in the pack's order."""
    meta = context.budget.meta if context.budget is not None else None
    results = stages.run([f for _, f, _ in missing], context.years, meta, workers)
    made: dict[int, Row] = {}
    fresh: dict[bytes, bytes] = {}
    at = len(cache.MAGIC)
    for (j, file, key), result in zip(missing, results, strict=True):
        where = None
        if result.blob is not None:
            fresh[key] = result.blob
            if pack is not None:
                where = (pack, at)
                at += cache.HEAD + len(result.blob)
        made[j] = row(file.relpath, file.name, key, result, where)
    return made, fresh


def _edit(known: Index | None, made: dict[int, Row]) -> stages.Edit | None:
    """What the rows made anew changed of the known index's result, its rows in the same
    places; None if there is none to go from."""
    result = known.result if known is not None else None
    if known is None or result is None or result.groups is None:
        return None
    changes = [(j, line_of(load_row(known.blobs[j])), line_of(r)) for j, r in made.items()]
    return stages.Edit(result.sums, result.counts, result.groups, changes)
