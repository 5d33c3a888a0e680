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
the entry's key and checksum.
"""

from __future__ import annotations

import marshal
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from budgetcli.core.calc import ProposalLine
from budgetcli.files.documents import Context
from budgetcli.store import cache, codec
from budgetcli.store.changed import (
    KEY,
    LINE,
    STATUS,
    WHERE,
    Row,
    line_from,
    problem_rows,
    problems_from,
)
from budgetcli.store.stages import BudgetResult

RACY_NS = 2_000_000_000


@dataclass
class Index:
    """An index as read (or about to be written): the listing it was made from, the context,
    each proposal file's row, and the budget's result."""

    listing: Sequence[tuple[str, Any]]  # as ``_DataSet.listing``
    files: int
    context_key: bytes
    context: Context
    rows: list[Row]
    result: BudgetResult
    #: each row's line, made once (``None``: not a valid proposal)
    lines: list[ProposalLine | None] = field(default_factory=list)

    def fresh(self, listing: Sequence[tuple[str, Any]]) -> bool:
        """The data set is as it was when this index was made: no file need be read."""
        return self.listing == listing


def dump(index: Index) -> bytes:
    """``index`` as stored. A file changed less than ``RACY_NS`` ago is stored as unknown."""
    racy = time.time_ns() - RACY_NS
    listing = [
        (relpath, None if isinstance(st, tuple) and max(st[1], st[3]) > racy else st)
        for relpath, st in index.listing
    ]
    context = index.context
    return marshal.dumps(
        (
            listing,
            index.files,
            index.context_key,
            codec.encode(context.budget),
            context.years,
            problem_rows(context.problems),
            index.rows,
            problem_rows(index.result.problems),
            {status.value: sums for status, sums in index.result.sums.items()},
        )
    )


def load(content: memoryview | None) -> Index | None:
    """The index ``dump`` stored as ``content`` (as ``cache.read_index`` gives it); None if
    there is none, or it is not an index of this version's."""
    if content is None:
        return None
    try:
        listing, files, context_key, budget, years, context_problems, rows, problems, sums = (
            marshal.loads(content)
        )
        lines = [line_from(r[LINE]) if r[LINE] is not None else None for r in rows]
        valid = tuple(line for line in lines if line is not None)
        statuses = {STATUS[s]: v for s, v in sums.items()}
        result = BudgetResult(problems_from(problems), valid, statuses)
        context = Context(codec.decode(budget), years, problems_from(context_problems))
    except Exception:  # not an index of this version's: none
        return None
    return Index(listing, files, context_key, context, rows, result, lines)


def write(key: bytes, index: Index, fresh: dict[bytes, bytes]) -> None:
    """Store the proposals made anew in a pack of their own, then the index, its rows saying
    where each proposal is. (The pack is laid out here, so the index is made before anything
    is written: if the pack cannot be written, the index is not either.)"""
    pack = f"budgetcli-pack-{os.urandom(16).hex()}.bin"
    at, offsets = len(cache.MAGIC), {}
    for k, blob in fresh.items():
        offsets[k] = at
        at += cache.HEAD + len(blob)
    index.rows = [
        (*r[:WHERE], (pack, offsets[r[KEY]])) if r[KEY] in offsets else r for r in index.rows
    ]
    used = {r[WHERE][0] for r in index.rows if r[WHERE] is not None}
    content = dump(index)
    if not fresh or cache.write_pack(pack, fresh.items()):
        cache.write_index(key, content, used)
