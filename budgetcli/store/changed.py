"""Which files of a data set changed since its index was made, and every file's row: kept
where the file is unchanged (its stat, or read again, its bytes), else made by the stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from budgetcli.core.calc import ProposalLine
from budgetcli.core.diagnostics import Problem, Severity, Source
from budgetcli.core.vocab import Status
from budgetcli.store import cache, stages

if TYPE_CHECKING:
    from budgetcli.files.documents import Context
    from budgetcli.files.listing import DataFile
    from budgetcli.store.index import Index
    from budgetcli.store.stages import FileResult


STATUS = {s.value: s for s in Status}
SEVERITY = {s.value: s for s in Severity}


#: a proposal file's row in an index: its path inside the data set, its name as messages
#: show it, the key of its result (the context's key, its name and its bytes), its problems,
#: its line (``None``: not a valid proposal), its proposal's mark and where that is stored
#: (``(pack, offset)``, or None)
RELPATH, NAME, KEY, PROBLEMS, LINE, MARK, WHERE = range(7)
Row = tuple[Any, ...]


def row(relpath: str, name: str, key: bytes, result: FileResult) -> Row:
    """A new file's row (its proposal not stored yet)."""
    line = result.line
    shown = (*line[:2], line.status.value, *line[3:]) if line is not None else None
    return (relpath, name, key, problem_rows(result.problems), shown, result.mark, None)


def problems_of(r: Row) -> list[Problem]:
    return problems_from(r[PROBLEMS]) if r[PROBLEMS] else []


def line_from(r: tuple[Any, ...]) -> ProposalLine:
    pid, title, status, areas, committee, center, values = r
    return ProposalLine(pid, title, STATUS[status], areas, committee, center, values)


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
    return cache.digest(
        file.data if file.data is not None else file.error.encode("utf-8", "replace")
    )


@dataclass
class Rows:
    """Every proposal file's row and line (``None``: not a valid proposal), in load order;
    their problems; the blobs of the proposals made anew, by key; each valid proposal's line
    with its file's name; and ``source(name)``, a file's source with its positions."""

    rows: list[Row]
    lines: list[ProposalLine | None]
    problems: list[Problem]
    fresh: dict[bytes, bytes]
    named: list[tuple[str, ProposalLine]]
    source: Callable[[str], Source]
    #: what changed of the known index's result (None: no index known, or a file was removed)
    edit: stages.Edit | None = None


def rows(
    data: DataSet,
    proposals: list[tuple[str, Any]],
    context: Context,
    context_key: bytes,
    known: Index | None,
    workers: int | None,
) -> Rows:
    """Each proposal file's row: kept where its stat (or, read again, its bytes) is unchanged,
    else made by the stages. ``known``: the previous index, if made with the same context."""
    stats = dict(known.listing) if known is not None else {}
    before = (
        {r[RELPATH]: (r, line) for r, line in zip(known.rows, known.lines, strict=True)}
        if known is not None
        else {}
    )
    kept = {r: before[r] for r, st in proposals if st is not None and stats.get(r) == st}
    read = {f.relpath: f for f in data.read([r for r, _ in proposals if r not in kept])}
    missing: list[tuple[DataFile, bytes]] = []
    for relpath, file in read.items():
        key = cache.digest(context_key, file.name.encode("utf-8", "replace"), digest_of(file))
        if relpath in before and before[relpath][0][KEY] == key:
            kept[relpath] = before[relpath]  # touched, not changed
        else:
            missing.append((file, key))
    meta = context.budget.meta if context.budget is not None else None
    results = stages.run([f for f, _ in missing], context.years, meta, workers)
    fresh: dict[bytes, bytes] = {}
    for (file, key), result in zip(missing, results, strict=True):
        if result.blob is not None:
            fresh[key] = result.blob
        kept[file.relpath] = row(file.relpath, file.name, key, result), result.line
    made = [kept[r] for r, _ in proposals]
    problems = [p for r, _ in made if r[PROBLEMS] for p in problems_of(r)]
    rows, lines = [r for r, _ in made], [line for _, line in made]
    named = [(r[NAME], line) for r, line in made if line is not None]
    edit = _edit(known, before, [(f.relpath, kept[f.relpath][1]) for f, _ in missing], len(made))
    return Rows(rows, lines, problems, fresh, named, sources(data, rows, read), edit)


def _edit(
    known: Index | None,
    before: dict[str, tuple[Row, ProposalLine | None]],
    made: list[tuple[str, ProposalLine | None]],
    count: int,
) -> stages.Edit | None:
    """What the files made anew (``made``: each one's path and line) changed of the known
    index's result; None if there is none, or some file of it is gone (every file made anew
    was known and there are as many: the files are the known ones)."""
    if known is None or count != len(before) or any(r not in before for r, _ in made):
        return None
    old = [line for r, _ in made if (line := before[r][1]) is not None]
    return stages.Edit(known.result.sums, old, [line for _, line in made if line is not None])


def sources(data: DataSet, rows: list[Row], read: dict[str, DataFile]) -> Callable[[str], Source]:
    """A file's source with its positions, the file read again if it was not read this time."""
    relpaths: dict[str, str] = {}  # made when first asked for: a duplicate id is rare

    def source(name: str) -> Source:
        if not relpaths:
            relpaths.update((r[NAME], r[RELPATH]) for r in rows)
        relpath = relpaths[name]
        file = read.get(relpath) or data.read([relpath])[0]
        from budgetcli.files.documents import source_of

        return source_of(name, file.data or b"")

    return source
