"""A budget's lines summed by what grouping reads of them: a summary without the lines.

``summarize_lines`` adds up every line's figures; with 10,000 proposals that is 240,000
numbers, read and added on every run. But a summary by area, committee, centre or status reads
of a line only its areas, committee, centre and status (``calc.group_of``), and there are few
distinct such *kinds* of line (a few hundred at most). ``GroupSums`` keeps the figures summed
per kind and the kind of each line: a summary is then a pass over the kinds and over each
line's kind and id, and an edited proposal changes two kinds' sums (``regrouped``), not all.

``summarize_groups(group_sums(lines), …)`` is ``summarize_lines(lines, …)`` for every grouping
but by proposal (a property test holds the two to that).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from budgetcli.core.calc import (
    Figures,
    ProposalLine,
    Row,
    StatusSums,
    Summary,
    column_totals,
    grand_total,
    group_of,
    status_order,
    summarize_lines,
)
from budgetcli.core.domain import Meta
from budgetcli.core.vocab import GroupBy, Status

#: what grouping reads of a line
Kind = tuple[tuple[str, ...], str | None, str | None, Status]
#: the groupings a ``GroupSums`` answers (by proposal needs each line's id and title)
GROUPINGS = frozenset({GroupBy.AREA, GroupBy.COMMITTEE, GroupBy.CENTER, GroupBy.STATUS})


@dataclass(frozen=True)
class GroupSums:
    """The kinds of line, each one's figures summed (``ProposalLine.values``) and how many
    lines it has; each row's kind (None: not a valid proposal) and proposal id, in load order."""

    kinds: list[Kind]
    sums: list[tuple[int, ...]]
    counts: list[int]
    of_row: list[int | None]
    ids: list[str | None]


def kind_of(line: ProposalLine) -> Kind:
    return line.areas, line.committee, line.center, line.status


def group_sums(lines: Sequence[ProposalLine | None]) -> GroupSums:
    """``lines`` (each row's, None: not a valid proposal) summed by kind."""
    return regrouped(GroupSums([], [], [], [None] * len(lines), [None] * len(lines)),
                     ((i, None, line) for i, line in enumerate(lines)))  # fmt: skip


def regrouped(
    groups: GroupSums, changes: Iterable[tuple[int, ProposalLine | None, ProposalLine | None]]
) -> GroupSums:
    """``groups`` after the line of each row ``i`` of ``changes`` went from ``old`` to ``new``
    (either None: no valid proposal). A kind left with no line stays, counted 0."""
    kinds, counts = list(groups.kinds), list(groups.counts)
    of_row, ids = list(groups.of_row), list(groups.ids)
    sums = [list(s) for s in groups.sums]
    place = {kind: k for k, kind in enumerate(kinds)}
    for i, old, new in changes:
        for sign, line in ((-1, old), (1, new)):
            if line is None:
                continue
            k = place.get(kind := kind_of(line))
            if k is None:
                k = place[kind] = len(kinds)
                kinds.append(kind)
                sums.append([0] * len(line.values))
                counts.append(0)
            column = sums[k]
            for c, value in enumerate(line.values):
                column[c] += sign * value
            counts[k] += sign
        of_row[i] = place[kind_of(new)] if new is not None else None
        ids[i] = new.id if new is not None else None
    return GroupSums(kinds, [tuple(s) for s in sums], counts, of_row, ids)


def summarize_groups(
    meta: Meta,
    groups: GroupSums,
    by: GroupBy,
    statuses: Sequence[Status],
    years: Sequence[int] | None = None,
    only: Collection[str] | None = None,
    sums: StatusSums | None = None,
) -> Summary:
    """``summarize_lines(meta, lines, by, statuses, years, only, sums)`` of the lines
    ``groups`` sums (``by``: one of ``GROUPINGS``; with ``only``, ``sums`` must be given)."""
    span = list(years) if years is not None else list(meta.years)
    slots = {y: meta.years.index(y) for y in span}
    wanted = set(statuses)
    key_of: list[tuple[str, str] | None] = []  # each kind's group, if it is counted
    for kind in groups.kinds:
        keyed = _keyed(kind, by, meta) if kind[3] in wanted else None
        key_of.append(keyed if keyed is not None and (only is None or keyed[0] in only) else None)
    ids: dict[str, list[str]] = {}  # key -> its proposals, in load order
    into = [ids.setdefault(keyed[0], []) if keyed else None for keyed in key_of]
    labels: dict[str, str] = {}  # key -> the label of its first line
    for k, pid in zip(groups.of_row, groups.ids, strict=True):
        if k is None or pid is None:
            continue
        bucket, keyed = into[k], key_of[k]
        if bucket is not None and keyed is not None:
            if not bucket:  # the key's first line
                labels[keyed[0]] = keyed[1]
            bucket.append(pid)
    ids = {key: found for key, found in ids.items() if found}
    members: dict[str, list[int]] = {}  # key -> its kinds that have lines
    for k, keyed in enumerate(key_of):
        if keyed is not None and groups.counts[k] > 0:
            members.setdefault(keyed[0], []).append(k)
    keys = sorted(ids, key=status_order if by is GroupBy.STATUS else None)
    rows = [
        Row(key, labels[key], _summed(groups, members[key], slots), tuple(ids[key])) for key in keys
    ]
    grand = grand_total(rows, span, slots, wanted, sums)
    return Summary(meta.municipality, meta.title, meta.unit, span, by, tuple(statuses), rows, grand)


def changed_keys(
    old: GroupSums, new: GroupSums, by: GroupBy, statuses: Sequence[Status], meta: Meta
) -> set[str]:
    """The keys of the groups whose figures may differ between two versions with the same
    areas (``meta``): those of the kinds whose sums or counts differ. A group none of whose
    kinds changed has the same figures on both sides."""
    wanted = set(statuses)
    a = {kind: (s, n) for kind, s, n in zip(old.kinds, old.sums, old.counts, strict=True) if n}
    b = {kind: (s, n) for kind, s, n in zip(new.kinds, new.sums, new.counts, strict=True) if n}
    moved = {
        kind for kind in a.keys() | b.keys() if kind[3] in wanted and a.get(kind) != b.get(kind)
    }
    return {_keyed(kind, by, meta)[0] for kind in moved}


def summary_of(
    meta: Meta,
    lines: Callable[[], Sequence[ProposalLine]],
    groups: GroupSums | None,
    by: GroupBy,
    statuses: Sequence[Status],
    years: Sequence[int] | None = None,
) -> Summary:
    """The summary of a budget: from its groups if they are at hand and answer ``by``, else
    from its lines (``lines()``, read only then)."""
    if groups is not None and by in GROUPINGS:
        return summarize_groups(meta, groups, by, statuses, years)
    return summarize_lines(meta, lines(), by, statuses, years)


def _keyed(kind: Kind, by: GroupBy, meta: Meta) -> tuple[str, str]:
    areas, committee, center, status = kind
    return group_of(ProposalLine("", "", status, areas, committee, center, ()), by, meta)


def _summed(groups: GroupSums, kinds: list[int], slots: dict[int, int]) -> dict[int, Figures]:
    columns = zip(*(groups.sums[k] for k in kinds), strict=True)
    return column_totals(list(map(sum, columns)), slots)
