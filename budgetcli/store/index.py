"""What the cache knows of one data set: its listing, each file's result, the budget's.

An index is written after every load that read a file, and read first by the next one:

* if the listing is the same (every name, size, mtime, inode and ctime, as git's index
  compares them), the stored result is the answer and no file is read;
* if not, each proposal file whose stat is unchanged keeps its stored result; only the others
  are read (a file whose bytes turn out unchanged keeps its result too), and only those whose
  key is new go through the stages.

A file changed less than ``RACY_NS`` before the index is written may change again within the
same mtime tick: its stat is stored as unknown, so the next run reads it again (git's "racily
clean" rule). Stored as plain values (``marshal``, in the order of ``_Stored``), read back only
after ``cache`` has checked the entry's key and checksum. Each proposal file's row is stored as
bytes of its own (``row.Row``), read when needed: a run that reads one file of 10,000, or
none, decodes the rows it uses, not all (what ``validate`` needs of every row, its id and
problems, is kept beside them: ``row.RowTable``).

When a load changed a few files of many (one proposal edited), what changed is stored as a
*delta* of the index as stored (its base): the changed stats and rows by position, and the
budget's result (in the order of ``_Delta``). A delta is an index entry of its own, under a key
made of the base's key and checksum, so it is only ever read with the base it was taken
against, and a base written anew leaves no delta that applies to it. Writing the whole index
again for one changed row would cost more than the rest of such a run; the base is written
whole again when the delta holds more than ``1 / DELTA_SHARE`` of its rows.
"""

from __future__ import annotations

import functools
import marshal
import time
from collections.abc import Sequence
from typing import Any, NamedTuple, TypeVar

from budgetcli.core.calc import ProposalLine
from budgetcli.core.groups import GroupSums
from budgetcli.core.lazyclasses import built
from budgetcli.folder.documents import Context
from budgetcli.store import cache, codec
from budgetcli.store.digests import digest
from budgetcli.store.row import (
    KIND,
    STATUS,
    Row,
    RowTable,
    problems_from,
    proposal_line_of,
    stored_problems,
)
from budgetcli.store.stages import BudgetResult

RACY_NS = 2_000_000_000
#: a delta is written while it holds at most this share of the rows (or ``DELTA_MIN`` of them)
DELTA_SHARE, DELTA_MIN = 8, 64


class Base(NamedTuple):
    """An index as stored under its data set's key (without its delta): the checksum it was
    stored with, its context's key, its listing (as stored), rows' places and rows."""

    checksum: bytes
    context_key: bytes
    listing: Sequence[tuple[str, Any]]
    places: list[int]
    stored_rows: list[bytes]


class Index:
    """An index as read (or about to be written): the listing it was made from, the context,
    each proposal file's row (``table``, as stored; ``places``: where in the listing each
    one's file is), and the budget's result. (A plain class, not a dataclass: see the note in
    ``changed``.)"""

    def __init__(
        self,
        listing: Sequence[tuple[str, Any]],  # as ``DataSet.listing``
        files: int,
        context_key: bytes,
        context: Context,
        places: list[int],
        table: RowTable,
        result: BudgetResult,
        base: Base | None = None,
        computed_rows: dict[int, Row] | None = None,
        packs: set[str] | None = None,
    ) -> None:
        self.listing, self.files, self.context_key = listing, files, context_key
        self.context, self.places, self.table, self.result = context, places, table, result
        #: the index as stored under the data set's key, which a delta is taken against
        self.base = base
        #: the rows this run computed (at hand, not decoded), by position
        self.computed_rows = computed_rows if computed_rows is not None else {}
        #: the packs the rows' proposals are stored in (some perhaps no longer: kept all the same)
        self.packs = packs if packs is not None else set()

    @property
    def ids(self) -> list[str | None]:
        """Each row's proposal id (None: not a valid proposal)."""
        return self.table.ids

    @property
    def marks(self) -> list[bytes | None]:
        """Each row's proposal's mark (None: not a valid proposal)."""
        return self.table.marks

    def up_to_date(self, listing: Sequence[tuple[str, Any]]) -> bool:
        """The data set is as it was when this index was made: no file need be read."""
        return self.listing == listing

    def row(self, i: int) -> Row:
        """Row ``i`` (computed by this run, or decoded)."""
        row = self.computed_rows.get(i)
        return row if row is not None else Row.from_bytes(self.table.stored_rows[i])

    @functools.cached_property
    def decoded_rows(self) -> list[Row]:
        """Every row, decoded once (for the lines and the proposals of ``summary`` by
        proposal, ``show`` and ``diff``)."""
        return [self.row(i) for i in range(len(self.table.stored_rows))]

    def stat(self, i: int) -> Any:
        """Row ``i``'s file's stat, as listed."""
        return self.listing[self.places[i]][1]

    def relpaths(self) -> list[str]:
        """Each row's file's path."""
        listing = self.listing
        return [listing[p][0] for p in self.places]

    def lines(self) -> tuple[ProposalLine, ...]:
        """The lines of the valid proposals, in load order."""
        if self.computed_rows:  # rows at hand: the others decoded once
            found = [row.proposal_line() for row in self.decoded_rows]
        else:  # as read from the cache: each line without making its row
            found = [proposal_line_of(stored) for stored in self.table.stored_rows]
        return tuple(line for line in found if line is not None)


#: a ``BudgetResult`` and the packs of an index as stored, the last parts of ``_Stored`` and of
#: ``_Delta``: its problems, sums and counts per status, groups, and the packs' names
_Result = tuple[list[Any], dict[str, Any], dict[str, int], Any, list[str]]


class _Stored(NamedTuple):
    """An index as stored, in this order (a tuple: ``marshal`` writes no named one)."""

    listing: list[tuple[str, Any]]
    files: int
    context_key: bytes
    budget: Any  # ``codec.encode``
    years: list[int] | None
    context_problems: list[Any]
    places: list[int]
    stored_rows: list[bytes]
    ids: list[str | None]
    marks: list[bytes | None]
    problems: dict[int, list[Any]]
    result_problems: list[Any]
    sums: dict[str, Any]
    counts: dict[str, int]
    groups: Any
    packs: list[str]


class _Delta(NamedTuple):
    """A delta as stored, in this order: what changed of its base's listing and rows, by
    position (with the lengths they change), and the result as it is now."""

    context_key: bytes
    files: int
    listing_changes: list[tuple[int, tuple[str, Any]]]
    listing_length: int
    row_changes: list[tuple[int, bytes]]
    rows_length: int
    result_problems: list[Any]
    sums: dict[str, Any]
    counts: dict[str, int]
    groups: Any
    packs: list[str]


_Layout = TypeVar("_Layout", _Stored, _Delta)


def stored_listing(listing: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """``listing`` as stored: a file changed less than ``RACY_NS`` ago as unknown, and a file
    that could not be read (why is said in the reader's language, not stored): then the next
    run reads it again."""
    racy = time.time_ns() - RACY_NS
    return [
        (relpath, st if isinstance(st, (tuple, bytes)) and not _racy(st, racy) else None)
        for relpath, st in listing
    ]


def _racy(st: tuple[int, ...] | bytes, racy: int) -> bool:
    return isinstance(st, tuple) and max(st[1], st[3]) > racy


def dump(index: Index) -> bytes:
    """``index`` as stored."""
    context, table = index.context, index.table
    stored = _Stored(
        stored_listing(index.listing), index.files, index.context_key,
        codec.encode(context.budget), context.years, stored_problems(context.problems),
        index.places, table.stored_rows, table.ids, table.marks, table.problems,
        *_result(index),
    )  # fmt: skip
    return marshal.dumps(tuple(stored))


def _result(index: Index) -> _Result:
    """``index``'s result and packs as stored."""
    result = index.result
    sums = {s.value: sums for s, sums in result.sums.items()}
    counts = {s.value: n for s, n in result.counts.items()}
    groups = result.groups
    stored_groups = (
        (
            [(*placing, status.value, kind.value) for *placing, status, kind in groups.profiles],
            groups.sums, groups.counts, groups.of_row, groups.ids,
        )
        if groups is not None
        else None
    )  # fmt: skip
    return stored_problems(result.problems), sums, counts, stored_groups, sorted(index.packs)


def _groups(stored: Any) -> GroupSums | None:
    if stored is None:
        return None
    profiles, sums, counts, of_row, ids = stored
    placed = [(a, c, center, STATUS[s], KIND[k]) for a, c, center, s, k in profiles]
    return built(GroupSums, (placed, sums, counts, of_row, ids))


def read(key: bytes) -> Index | None:
    """The index stored under ``key``, its delta applied; None if there is none, or it is not
    an index of this version's. (A delta that cannot be read is left out: the base alone is
    an older state of the same data set, whose changed files are read again.)"""
    found = cache.read_index(key)
    stored = _loaded(found.content, _Stored) if found is not None else None
    if found is None or stored is None:
        return None
    base = Base(
        found.checksum, stored.context_key, stored.listing, stored.places, stored.stored_rows
    )
    found_delta = cache.read_index(delta_key(key, found.checksum))
    delta = _loaded(found_delta.content, _Delta) if found_delta is not None else None
    if delta is not None:
        stored = _patched(stored, delta, base) or stored
    return _index(stored, base)


def delta_key(key: bytes, checksum: bytes) -> bytes:
    """The key of the delta taken against the index stored under ``key`` with ``checksum``."""
    return digest(b"delta", key, checksum)


def _loaded(content: memoryview | bytes, layout: type[_Layout]) -> _Layout | None:
    """The index or delta stored as ``content``; None if it is not one of this version's."""
    try:
        plain = marshal.loads(content)
    except (EOFError, TypeError, ValueError):
        return None
    if type(plain) is not tuple or len(plain) != len(layout._fields):
        return None
    return layout._make(plain)


def _patched(stored: _Stored, delta: _Delta, base: Base) -> _Stored | None:
    """The stored index with a delta's changes, or None (not a delta of this base)."""
    lengths = (len(base.listing), len(base.stored_rows))
    if (
        delta.context_key != base.context_key
        or (delta.listing_length, delta.rows_length) != lengths
    ):
        return None
    try:
        listing = list(base.listing)
        table = RowTable(
            list(base.stored_rows), list(stored.ids), list(stored.marks), dict(stored.problems)
        )
        for i, entry in delta.listing_changes:
            listing[i] = entry
        for i, stored_row in delta.row_changes:
            table.set_row(i, Row.from_bytes(stored_row), stored_row)
    except (TypeError, ValueError, IndexError, EOFError):
        return None
    return stored._replace(
        listing=listing, files=delta.files, stored_rows=table.stored_rows, ids=table.ids,
        marks=table.marks, problems=table.problems, result_problems=delta.result_problems,
        sums=delta.sums, counts=delta.counts, groups=delta.groups, packs=delta.packs,
    )  # fmt: skip


def _index(stored: _Stored, base: Base) -> Index | None:
    try:
        # as the codec decodes: the classes are not made for it (``core.lazyclasses``)
        result = built(
            BudgetResult,
            (
                problems_from(stored.result_problems),
                {STATUS[s]: v for s, v in stored.sums.items()},
                {STATUS[s]: n for s, n in stored.counts.items()},
                _groups(stored.groups),
            ),
        )
        context = built(
            Context,
            (codec.decode(stored.budget), stored.years, problems_from(stored.context_problems)),
        )
        table = RowTable(stored.stored_rows, stored.ids, stored.marks, stored.problems)
        if not (len(stored.places) == len(table.stored_rows) == len(table.ids) == len(table.marks)):
            return None
        packs = set(stored.packs)
    except Exception:  # not an index of this version's: none
        return None
    return Index(
        stored.listing, stored.files, stored.context_key, context, stored.places, table, result,
        base, packs=packs,
    )  # fmt: skip


def _delta(index: Index) -> bytes | None:
    """What changed since ``index.base`` as a delta, or None (no base, or too much changed)."""
    base = index.base
    if base is None or base.context_key != index.context_key:
        return None
    listing = index.listing
    if len(listing) != len(base.listing) or index.places != base.places:
        return None
    changed = [i for i, (e, b) in enumerate(zip(listing, base.listing, strict=True)) if e != b]
    stored = stored_listing([listing[i] for i in changed])  # a stat that changed may be racy
    listing_changes = [(i, e) for i, e in zip(changed, stored, strict=True) if e != base.listing[i]]
    stored_rows = index.table.stored_rows
    row_changes = [
        (i, row)
        for i, (row, b) in enumerate(zip(stored_rows, base.stored_rows, strict=True))
        if row is not b and row != b
    ]
    if len(row_changes) > max(DELTA_MIN, len(base.stored_rows) // DELTA_SHARE):
        return None
    delta = _Delta(
        index.context_key, index.files, listing_changes, len(listing), row_changes,
        len(stored_rows), *_result(index),
    )  # fmt: skip
    return marshal.dumps(tuple(delta))


def write(
    key: bytes, index: Index, computed_proposals: dict[bytes, bytes], pack: str | None
) -> None:
    """Store the proposals computed by this run in ``pack`` (their rows say where each one
    is), then the index, whole or as a delta of the one it was read from; if the pack cannot
    be written, the index is not either."""
    base, delta = index.base, _delta(index) if index.base is not None else None
    if computed_proposals and pack is not None:
        index.packs.add(pack)
    packs_in_use = set(index.packs)
    if delta is not None and base is not None:  # the base is used too: kept with its delta
        stored_key, content = delta_key(key, base.checksum), delta
        packs_in_use.add(cache.index_path(key).name)
    else:
        index.packs = {r.stored_at[0] for r in index.decoded_rows if r.stored_at}
        packs_in_use = set(index.packs)
        stored_key, content = key, dump(index)
    if computed_proposals and (
        pack is None or not cache.write_pack(pack, computed_proposals.items())
    ):
        return
    cache.write_index(stored_key, content, packs_in_use)
    if delta is None and base is not None:  # its delta applies to no index any more
        cache.remove_index(delta_key(key, base.checksum))
