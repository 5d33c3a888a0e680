"""What the cache knows of one data set: its listing, each file's result, the budget's.

An index is written after every load that read a file, and read first by the next one:

* if the listing is the same (every name, size, mtime, inode and ctime, as git's index
  compares them), the stored result is the answer and no file is read;
* if not, each proposal file whose stat is unchanged keeps its stored result; only the others
  are read (a file whose bytes turn out unchanged keeps its result too), and only those whose
  key is new go through the stages.

A file changed less than ``RACY_NS`` before the index is written may change again within the
same mtime tick: its stat is stored as unknown, so the next run reads it again (git's "racily
clean" rule). Stored as plain values (``marshal``), read back only after ``cache`` has checked
the entry's key and checksum. Each proposal file's row is stored as bytes of its own, read
when needed: a run that reads one file of 10,000, or none, decodes the rows it uses, not all
(what ``validate`` needs of every row, its id and problems, is kept beside them).

When a load changed a few files of many (one proposal edited), what changed is stored as a
*delta* of the index as stored (its base): the changed stats and rows by position, and the
budget's result. A delta is an index entry of its own, under a key made of the base's key and
checksum, so it is only ever read with the base it was taken against, and a base written anew
leaves no delta that applies to it. Writing the 4 MB of an index of 10,000 proposals for one
changed row cost more than the rest of such a run; the base is written whole again when the
delta holds more than ``1 / DELTA_SHARE`` of its rows.
"""

from __future__ import annotations

import functools
import marshal
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from budgetcli.core.calc import ProposalLine
from budgetcli.core.groups import GroupSums
from budgetcli.folder.documents import Context
from budgetcli.store import cache, codec
from budgetcli.store.changed import (
    KIND,
    LINE,
    MARK,
    PROBLEMS,
    STATUS,
    WHERE,
    Row,
    line_of,
    load_row,
    problem_rows,
    problems_from,
)
from budgetcli.store.digests import digest
from budgetcli.store.stages import BudgetResult

RACY_NS = 2_000_000_000
#: a delta is written while it holds at most this share of the rows (or ``DELTA_MIN`` of them)
DELTA_SHARE, DELTA_MIN = 8, 64


@dataclass(frozen=True)
class Base:
    """An index as stored under its data set's key (without its delta): the checksum it was
    stored with, its context's key, its listing (as stored), rows' places and rows."""

    checksum: bytes
    context_key: bytes
    listing: Sequence[tuple[str, Any]]
    places: list[int]
    blobs: list[bytes]


@dataclass
class Index:
    """An index as read (or about to be written): the listing it was made from, the context,
    each proposal file's row (as stored; ``places``: where in the listing each one's file is),
    each row's proposal id, mark and problems, and the budget's result."""

    listing: Sequence[tuple[str, Any]]  # as ``_DataSet.listing``
    files: int
    context_key: bytes
    context: Context
    places: list[int]
    blobs: list[bytes]
    ids: list[str | None]
    marks: list[bytes | None]
    flagged: dict[int, list[tuple[Any, ...]]]
    result: BudgetResult
    #: the index as stored under the data set's key, which a delta is taken against
    base: Base | None = None
    #: rows at hand (made by this run), by position
    made: dict[int, Row] = field(default_factory=dict)
    #: the packs the rows' proposals are stored in (some perhaps no longer: kept all the same)
    packs: set[str] = field(default_factory=set)

    def fresh(self, listing: Sequence[tuple[str, Any]]) -> bool:
        """The data set is as it was when this index was made: no file need be read."""
        return self.listing == listing

    def row(self, i: int) -> Row:
        r = self.made.get(i)
        return r if r is not None else load_row(self.blobs[i])

    @functools.cached_property
    def rows(self) -> list[Row]:
        """Every row, decoded once (for the lines and the proposals of ``summary`` by
        proposal, ``show`` and ``diff``)."""
        return [self.row(i) for i in range(len(self.blobs))]

    def stat(self, i: int) -> Any:
        """Row ``i``'s file's stat, as listed."""
        return self.listing[self.places[i]][1]

    def relpaths(self) -> list[str]:
        """Each row's file's path."""
        listing = self.listing
        return [listing[p][0] for p in self.places]

    def lines(self) -> tuple[ProposalLine, ...]:
        """The lines of the valid proposals, in load order (each row decoded)."""
        return tuple(line for r in self.rows if (line := line_of(r)) is not None)


def stored_listing(listing: Sequence[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """``listing`` as stored: a file changed less than ``RACY_NS`` ago as unknown."""
    racy = time.time_ns() - RACY_NS
    return [
        (relpath, None if isinstance(st, tuple) and max(st[1], st[3]) > racy else st)
        for relpath, st in listing
    ]


def dump(index: Index) -> bytes:
    """``index`` as stored."""
    context = index.context
    return marshal.dumps(
        (
            stored_listing(index.listing),
            index.files,
            index.context_key,
            codec.encode(context.budget),
            context.years,
            problem_rows(context.problems),
            index.places,
            index.blobs,
            index.ids,
            index.marks,
            index.flagged,
            *_result(index),
        )
    )


def _result(index: Index) -> tuple[Any, Any, Any, Any, Any]:
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
    return problem_rows(result.problems), sums, counts, stored_groups, sorted(index.packs)


def _groups(stored: Any) -> GroupSums | None:
    if stored is None:
        return None
    profiles, sums, counts, of_row, ids = stored
    made = [(a, c, center, STATUS[s], KIND[k]) for a, c, center, s, k in profiles]
    return GroupSums(made, sums, counts, of_row, ids)


#: the parts of a stored index, in order (``dump``)
_PARTS = 16


def read(key: bytes) -> Index | None:
    """The index stored under ``key``, its delta applied; None if there is none, or it is not
    an index of this version's. (A delta that cannot be read is left out: the base alone is
    an older state of the same data set, whose changed files are read again.)"""
    found = cache.read_index(key)
    stored = _loaded(found.content) if found is not None else None
    if found is None or type(stored) is not tuple or len(stored) != _PARTS:
        return None
    base = Base(found.checksum, stored[2], stored[0], stored[6], stored[7])
    delta = cache.read_index(delta_key(key, found.checksum))
    if delta is not None:
        stored = _patched(stored, delta.content, base) or stored
    return _index(stored, base)


def delta_key(key: bytes, checksum: bytes) -> bytes:
    """The key of the delta taken against the index stored under ``key`` with ``checksum``."""
    return digest(b"delta", key, checksum)


def _loaded(content: memoryview | bytes) -> Any:
    try:
        return marshal.loads(content)
    except (EOFError, TypeError, ValueError):
        return None


def _patched(stored: tuple[Any, ...], content: memoryview, base: Base) -> tuple[Any, ...] | None:
    """The stored index with a delta's changes, or None (not a delta of this base)."""
    try:
        context_key, files, listing_changes, listed, row_changes, rowed, *result = _loaded(content)
        if context_key != base.context_key or (listed, rowed) != (
            len(base.listing),
            len(base.blobs),
        ):
            return None
        listing, blobs, ids, marks, flagged = (
            list(base.listing),
            list(base.blobs),
            list(stored[8]),
            list(stored[9]),
            dict(stored[10]),
        )
        for i, entry in listing_changes:
            listing[i] = entry
        for i, blob in row_changes:
            r = load_row(blob)
            valid = r[LINE] is not None
            blobs[i], ids[i], marks[i] = (
                blob,
                r[LINE][0] if valid else None,
                r[MARK] if valid else None,
            )
            flagged.pop(i, None)
            if r[PROBLEMS]:
                flagged[i] = r[PROBLEMS]
    except (TypeError, ValueError, IndexError, EOFError):
        return None
    return (listing, files, *stored[2:7], blobs, ids, marks, flagged, *result)


def _index(stored: tuple[Any, ...], base: Base) -> Index | None:
    try:
        (listing, files, context_key, budget, years, context_problems, places, blobs, ids,
         marks, flagged, problems, sums, counts, groups, packs) = stored  # fmt: skip
        result = BudgetResult(
            problems_from(problems),
            {STATUS[s]: v for s, v in sums.items()},
            {STATUS[s]: n for s, n in counts.items()},
            _groups(groups),
        )
        context = Context(codec.decode(budget), years, problems_from(context_problems))
        if not (len(places) == len(blobs) == len(ids) == len(marks)):
            return None
    except Exception:  # not an index of this version's: none
        return None
    return Index(
        listing, files, context_key, context, places, blobs, ids, marks, flagged, result, base,
        packs=set(packs),
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
    row_changes = [
        (i, blob)
        for i, (blob, b) in enumerate(zip(index.blobs, base.blobs, strict=True))
        if blob is not b and blob != b
    ]
    if len(row_changes) > max(DELTA_MIN, len(base.blobs) // DELTA_SHARE):
        return None
    return marshal.dumps(
        (index.context_key, index.files, listing_changes, len(listing), row_changes,
         len(index.blobs), *_result(index))
    )  # fmt: skip


def write(key: bytes, index: Index, fresh: dict[bytes, bytes], pack: str | None) -> None:
    """Store the proposals made anew in ``pack`` (their rows say where each one is), then the
    index, whole or as a delta of the one it was read from; if the pack cannot be written,
    the index is not either."""
    base, delta = index.base, _delta(index) if index.base is not None else None
    if fresh and pack is not None:
        index.packs.add(pack)
    used = set(index.packs)
    if delta is not None and base is not None:  # the base is used too: kept with its delta
        stored_key, content = delta_key(key, base.checksum), delta
        used.add(cache.index_path(key).name)
    else:
        index.packs = {w[0] for r in index.rows if (w := r[WHERE])}
        used = set(index.packs)
        stored_key, content = key, dump(index)
    if fresh and (pack is None or not cache.write_pack(pack, fresh.items())):
        return
    cache.write_index(stored_key, content, used)
    if delta is None and base is not None:  # its delta applies to no index any more
        cache.remove_index(delta_key(key, base.checksum))
