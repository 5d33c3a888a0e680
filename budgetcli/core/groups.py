"""A budget's lines summed by what grouping reads of them: a summary without the lines.

``summarize_lines`` adds up every line's figures; with 10,000 proposals that is 240,000
numbers, read and added on every run. But a summary by area, committee, centre, status or kind
reads of a line only its areas, committee, centre, status and kind (``calc.group_of``), and
there are few distinct such *profiles* of line (a few hundred at most). ``GroupSums`` keeps the figures summed
per profile and the profile of each line: a summary is then a pass over the profiles and over each
line's profile and id, and an edited proposal changes two profiles' sums (``regrouped``), not all.

``summarize_groups(group_sums(lines), …)`` is ``summarize_lines(lines, …)`` for every grouping
but by proposal (a property test holds the two to that).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Iterable, Sequence

from budgetcli.core.calc import (
    Figures,
    ProposalLine,
    Row,
    StatusSums,
    Summary,
    area_shares,
    column_totals,
    grand_total,
    group_of,
    group_order,
    level_of,
    summarize_lines,
)
from budgetcli.core.domain import Meta
from budgetcli.core.lazyclasses import dataclass
from budgetcli.core.vocab import GroupBy, ProposalKind, Status

#: what grouping reads of a line
Profile = tuple[tuple[str, ...], str | None, str | None, Status, ProposalKind]
#: the groupings a ``GroupSums`` answers (by proposal needs each line's id and title)
GROUPINGS = frozenset(
    {GroupBy.AREA, GroupBy.COMMITTEE, GroupBy.CENTER, GroupBy.STATUS, GroupBy.KIND}
)


@dataclass(frozen=True)
class GroupSums:
    """The profiles of line, each one's figures summed (``ProposalLine.values``) and how many
    lines it has; each row's profile (None: not a valid proposal) and proposal id, in load order."""

    profiles: list[Profile]
    sums: list[tuple[int, ...]]
    counts: list[int]
    of_row: list[int | None]
    ids: list[str | None]


def profile_of(line: ProposalLine) -> Profile:
    return line.areas, line.committee, line.center, line.status, line.kind


def group_sums(lines: Sequence[ProposalLine | None]) -> GroupSums:
    """``lines`` (each row's, None: not a valid proposal) summed by profile."""
    return regrouped(GroupSums([], [], [], [None] * len(lines), [None] * len(lines)),
                     ((i, None, line) for i, line in enumerate(lines)))  # fmt: skip


def regrouped(
    groups: GroupSums, changes: Iterable[tuple[int, ProposalLine | None, ProposalLine | None]]
) -> GroupSums:
    """``groups`` after the line of each row ``i`` of ``changes`` went from ``old`` to ``new``
    (either None: no valid proposal). A profile left with no line stays, counted 0."""
    profiles, counts = list(groups.profiles), list(groups.counts)
    of_row, ids = list(groups.of_row), list(groups.ids)
    sums = [list(s) for s in groups.sums]
    place = {profile: k for k, profile in enumerate(profiles)}
    for i, old, new in changes:
        k = None
        for sign, line in ((-1, old), (1, new)):
            if line is None:
                continue
            k = place.get(profile := profile_of(line))
            if k is None:
                k = place[profile] = len(profiles)
                profiles.append(profile)
                sums.append([0] * len(line.values))
                counts.append(0)
            # column by column at C speed (a loop over a line's 28 figures cost ~5 µs a line)
            sums[k] = list(map(operator.add if sign > 0 else operator.sub, sums[k], line.values))
            counts[k] += sign
        of_row[i] = k if new is not None else None  # the place of new's profile, made last
        ids[i] = new.id if new is not None else None
    return GroupSums(profiles, [tuple(s) for s in sums], counts, of_row, ids)


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
    key_of: list[tuple[str, str] | None] = []  # each profile's group, if it is counted
    for profile in groups.profiles:
        keyed = _keyed(profile, by, meta) if profile[3] in wanted else None
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
    members: dict[str, list[int]] = {}  # key -> its profiles that have lines
    for k, keyed in enumerate(key_of):
        if keyed is not None and groups.counts[k] > 0:
            members.setdefault(keyed[0], []).append(k)
    keys = sorted(ids, key=group_order(by))
    rows = []
    for key in keys:
        years_of = _summed(groups, members[key], slots)
        places = {groups.profiles[k][0] for k in members[key]}
        shares = area_shares(meta, places, years_of) if by is GroupBy.AREA else None
        rows.append(Row(key, labels[key], years_of, tuple(ids[key]), shares))
    grand = grand_total(rows, span, slots, wanted, sums)
    return Summary(
        meta.municipality, meta.title, meta.unit, span, by, tuple(statuses), rows, grand,
        level_of(meta),
    )  # fmt: skip


def changed_keys(
    old: GroupSums, new: GroupSums, by: GroupBy, statuses: Sequence[Status], meta: Meta
) -> set[str]:
    """The keys of the groups whose figures may differ between two versions with the same
    areas (``meta``): those of the profiles whose sums or counts differ. A group none of whose
    profiles changed has the same figures on both sides."""
    wanted = set(statuses)
    a = {
        profile: (s, n)
        for profile, s, n in zip(old.profiles, old.sums, old.counts, strict=True)
        if n
    }
    b = {
        profile: (s, n)
        for profile, s, n in zip(new.profiles, new.sums, new.counts, strict=True)
        if n
    }
    moved = {
        profile
        for profile in a.keys() | b.keys()
        if profile[3] in wanted and a.get(profile) != b.get(profile)
    }
    return {_keyed(profile, by, meta)[0] for profile in moved}


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


def _keyed(profile: Profile, by: GroupBy, meta: Meta) -> tuple[str, str]:
    areas, committee, center, status, kind = profile
    return group_of(ProposalLine("", "", status, kind, areas, committee, center, ()), by, meta)


def _summed(groups: GroupSums, profiles: list[int], slots: dict[int, int]) -> dict[int, Figures]:
    columns = zip(*(groups.sums[k] for k in profiles), strict=True)
    return column_totals(list(map(sum, columns)), slots)
