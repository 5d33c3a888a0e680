"""Two follow-ups compared (BO2 → BO3): what moved, where. A pure function of the two computed
follow-ups, as ``core.diff`` is of two catalogues: the rows whose figures changed (or that one
side has only), the totals, and each proposal whose realisation changed."""

from __future__ import annotations

from budgetcli.core.followup import Computed, Figures, Realised, Row
from budgetcli.core.lazyclasses import dataclass


@dataclass(frozen=True)
class Moved:
    """A row (area, frame) of either side: ``None`` on the side that does not follow it up."""

    area: str
    frame: str
    name: str | None
    old: Figures | None
    new: Figures | None


@dataclass(frozen=True)
class RealisationMoved:
    id: str
    old: Realised | None
    new: Realised | None


@dataclass(frozen=True)
class FollowupDiff:
    old: Computed
    new: Computed
    rows: list[Moved]
    proposals: list[RealisationMoved]

    @property
    def has_differences(self) -> bool:
        return bool(self.rows or self.proposals)


def _key(row: Row) -> tuple[str, str]:
    return row.area, row.frame


def _same(a: Figures, b: Figures) -> bool:
    """The same corrected budget and expected accounts (so the same deviation): the spending
    to date moves between any two follow-ups, and is not what moved."""
    return (a.corrected, a.expected) == (b.corrected, b.expected)


def diff_followups(old: Computed, new: Computed) -> FollowupDiff:
    """``old`` → ``new``: the rows in the new one's order (then those only the old one has)
    whose corrected budget or expected accounts differ, and the proposals whose realisation
    differs."""
    before = {_key(r): r for r in old.rows}
    after = {_key(r): r for r in new.rows}
    rows = []
    for key in [*after, *(k for k in before if k not in after)]:
        a, b = before.get(key), after.get(key)
        if a is not None and b is not None and _same(a.figures, b.figures):
            continue
        shown = b if b is not None else a
        assert shown is not None
        rows.append(
            Moved(
                key[0],
                key[1],
                shown.name,
                a.figures if a is not None else None,
                b.figures if b is not None else None,
            )
        )
    was = {r.id: r for r in old.realised}
    now = {r.id: r for r in new.realised}
    proposals = [
        RealisationMoved(i, was.get(i), now.get(i))
        for i in [*now, *(i for i in was if i not in now)]
        if was.get(i) != now.get(i)
    ]
    return FollowupDiff(old, new, rows, proposals)
