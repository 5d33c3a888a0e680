"""A proposal file's row: what the store keeps of one file's result, and its bytes.

``Row`` is the one owner of the row's layout: ``changed`` makes rows, ``index`` stores them,
``result`` reads their proposals back, each by the names of its fields. A row is stored as
bytes of its own (``Row.to_bytes``, plain values with ``marshal``), so a run that needs a few
rows decodes those and not all of them; ``Row.from_bytes`` reads them back only after
``cache`` has checked the entry they came in, and refuses what is not a row (``ValueError``).
``RowTable`` holds every row of a data set as stored, and beside them what ``validate`` needs
of each one without decoding it.

Problems and lines are stored as plain tuples too, their enums as their values
(``stored_problems``, ``problems_from``, ``Row.proposal_line``; ``proposal_line_of`` reads a
line without making its row): ``marshal`` writes nothing else, and makes nothing else when it
reads.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from budgetcli.core.calc import ProposalLine
from budgetcli.core.diagnostics import Problem, Said, Severity
from budgetcli.core.lazyclasses import built
from budgetcli.core.vocab import ProposalKind, Status

if TYPE_CHECKING:
    from budgetcli.core.prices import Terms
    from budgetcli.store.stages import FileResult

#: the enums as stored (their values), back to their members
STATUS = {s.value: s for s in Status}
SEVERITY = {s.value: s for s in Severity}
KIND = {k.value: k for k in ProposalKind}

#: a ``Problem`` as stored: its path, line, column, severity's value, rule and message
#: a ``Said``'s fields as stored: a clause (a ``Said`` in a field) as its template and fields
StoredFields = tuple[tuple[str, Any], ...]
#: a problem as stored: its fields, then its message's template and fields ("" and (): none)
StoredProblem = tuple[str, int, int, str, str, str, str, StoredFields]
#: a ``ProposalLine`` as stored: its fields in order, its status and kind as their values
StoredLine = tuple[str, str, str, str, tuple[str, ...], str | None, str | None, tuple[int, ...]]
#: where a proposal's bytes are stored: the name of its pack and the offset of its entry
PackPlace = tuple[str, int]


class Row(NamedTuple):
    """One proposal file's row in an index."""

    #: the file's path inside the data set
    relpath: str
    #: the file's name as messages show it
    name: str
    #: the key of the file's result: a digest of the context's key, the name and the bytes
    key: bytes
    #: the file's problems, as stored
    problems: list[StoredProblem]
    #: the proposal's figures, as stored (None: not a valid proposal)
    line: StoredLine | None
    #: the digest of the proposal's bytes as stored (``stages.mark``; None: no proposal)
    mark: bytes | None
    #: where the proposal's bytes are stored (None: not stored, or no proposal)
    stored_at: PackPlace | None
    #: what restating the line in another year's prices needs beyond it (``prices.Terms``;
    #: None: not a valid proposal): ``--prices`` restates the lines, not the proposals
    terms: Terms | None = None

    @classmethod
    def of(
        cls, relpath: str, name: str, key: bytes, result: FileResult, stored_at: PackPlace | None
    ) -> Row:
        """The row of a file that went through the stages, with what ``file_stage`` gave."""
        line = result.line
        stored = (*line[:2], line.status.value, line.kind.value, *line[4:]) if line else None
        problems = stored_problems(result.problems)
        return cls(relpath, name, key, problems, stored, result.mark, stored_at, result.terms)

    def to_bytes(self) -> bytes:
        """The row as stored (``marshal`` writes a plain tuple, not a named one)."""
        return marshal.dumps(tuple(self))

    @classmethod
    def from_bytes(cls, data: bytes) -> Row:
        """The row stored as ``data`` (``ValueError``: not a row)."""
        return tuple.__new__(cls, _plain(data))  # as read, not through the fields one by one

    @property
    def proposal_id(self) -> str | None:
        """The proposal's id (None: not a valid proposal)."""
        return self.line[0] if self.line is not None else None

    def proposal_line(self) -> ProposalLine | None:
        """The proposal's figures (None: not a valid proposal)."""
        return _line(self.line)


_FIELDS, _LINE = len(Row._fields), Row._fields.index("line")
_TERMS = Row._fields.index("terms")


def proposal_line_of(stored_row: bytes) -> ProposalLine | None:
    """The proposal's figures of the row stored as ``stored_row``, without making the row
    (``summary`` reads every row's line and nothing else of it; ``ValueError``: not a row)."""
    return _line(_plain(stored_row)[_LINE])


def line_and_terms_of(stored_row: bytes) -> tuple[ProposalLine | None, Terms | None]:
    """The proposal's figures and their terms (``Row.terms``) of the row stored as
    ``stored_row``, without making the row (``--prices`` reads these of every row)."""
    plain = _plain(stored_row)
    return _line(plain[_LINE]), plain[_TERMS]


def _plain(stored_row: bytes) -> tuple[Any, ...]:
    """The row stored as ``stored_row``, as the plain tuple ``marshal`` reads."""
    plain = marshal.loads(stored_row)
    if type(plain) is not tuple or len(plain) != _FIELDS:
        raise ValueError("not a row")
    return plain


def _line(stored: StoredLine | None) -> ProposalLine | None:
    """The ``ProposalLine`` stored as ``stored``."""
    if stored is None:
        return None
    pid, title, status, kind, areas, committee, center, values = stored
    return ProposalLine(pid, title, STATUS[status], KIND[kind], areas, committee, center, values)


def stored_problems(problems: Iterable[Problem]) -> list[StoredProblem]:
    """``problems`` as stored."""
    return [
        (p.path, p.line, p.col, p.severity.value, p.rule, p.message, *_said(p.said))
        for p in problems
    ]


def _said(said: Said | None) -> tuple[str, StoredFields]:
    return ("", ()) if said is None else (said.template, _fields(said))


def _fields(said: Said) -> StoredFields:
    """A ``Said``'s fields as ``marshal`` stores them: a clause as ``(template, fields)``."""
    return tuple(
        (name, (value.template, _fields(value)) if isinstance(value, Said) else value)
        for name, value in said.fields
    )


def _said_of(template: str, fields: StoredFields) -> Said:
    """The ``Said`` stored as ``template`` and ``fields`` (``_fields``)."""
    return built(
        Said,
        (
            template,
            tuple(
                (name, _said_of(*value) if isinstance(value, tuple) else value)
                for name, value in fields
            ),
        ),
    )


def problems_from(stored: Iterable[tuple[Any, ...]]) -> list[Problem]:
    """The problems stored as ``stored`` (as the codec decodes: their classes are not made for
    it, ``core.lazyclasses``; a cached run that only counts them never makes them)."""
    return [
        built(Problem, (a, b, c, SEVERITY[d], e, f, _said_of(g, h) if g else None))
        for a, b, c, d, e, f, g, h in stored
    ]


class RowTable:
    """Every proposal file's row as stored, in load order, and beside them what ``validate``
    needs of each row without decoding it: its proposal's id and mark (None: not a valid
    proposal) and, of the rows that have any, their problems (as stored). A plain class, not
    a dataclass (see the note in ``changed``)."""

    __slots__ = ("ids", "marks", "problems", "stored_rows")

    def __init__(
        self,
        stored_rows: list[bytes],
        ids: list[str | None],
        marks: list[bytes | None],
        problems: dict[int, list[StoredProblem]],
    ) -> None:
        self.stored_rows, self.ids, self.marks, self.problems = stored_rows, ids, marks, problems

    @classmethod
    def empty(cls, n: int) -> RowTable:
        """A table of ``n`` rows still to be filled in."""
        return cls([b""] * n, [None] * n, [None] * n, {})

    def copy(self) -> RowTable:
        """A table of the same rows, to change without changing this one."""
        return RowTable(
            list(self.stored_rows), list(self.ids), list(self.marks), dict(self.problems)
        )

    def reuse_row(self, j: int, other: RowTable, i: int) -> None:
        """Row ``j`` is row ``i`` of ``other``."""
        self.stored_rows[j], self.ids[j], self.marks[j] = (
            other.stored_rows[i], other.ids[i], other.marks[i]
        )  # fmt: skip
        self.problems.pop(j, None)
        if i in other.problems:
            self.problems[j] = other.problems[i]

    def set_row(self, j: int, row: Row, stored: bytes | None = None) -> None:
        """Row ``j`` is ``row`` (``stored``: its bytes, if at hand)."""
        self.stored_rows[j] = stored if stored is not None else row.to_bytes()
        line = row.line
        self.ids[j], self.marks[j] = (line[0], row.mark) if line is not None else (None, None)
        self.problems.pop(j, None)
        if row.problems:
            self.problems[j] = row.problems
