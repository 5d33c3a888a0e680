"""What changed between two versions of a budget: a pure function of the two budgets.

``diff_catalogues(old, new)`` pairs the proposals (by id, then renames by title or figures),
compares each pair field by field and figure by figure, and sums both sides per group and in
total with the same status filter and grouping as ``summary``. It never reads or prints; whether
two versions can be compared at all is ``incomparable``'s to say, before.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from operator import attrgetter
from typing import Any

from budgetcli.core.calc import (
    METRICS,
    Figures,
    Level,
    ProposalLine,
    Report,
    group_of,
    level_of,
    proposal_figures,
    summarize_lines,
)
from budgetcli.core.catalogue import Catalogue
from budgetcli.core.diagnostics import Said, said
from budgetcli.core.domain import Area, Change, Meta, Proposal
from budgetcli.core.groups import GROUPINGS, changed_keys, summarize_groups
from budgetcli.core.lazyclasses import dataclass, field
from budgetcli.core.vocab import ACTIVE_STATUSES, GroupBy, Status

#: compared with their values, old and new
VALUE_FIELDS = ("kind", "construction_grant")
#: compared on their own: the pairing (id, title), status, areas, figures and text
_COMPARED_APART = frozenset({"id", "title", "status", "areas", "change", "description"})
#: every other field of a proposal, listed by name when it differs (a field added to the
#: proposal is among them by itself)
OTHER_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(Proposal)
    if f.name not in _COMPARED_APART.union(VALUE_FIELDS)
)

Pair = tuple[Figures, Figures]  # (old, new) of one year
_ID = attrgetter("id")
#: the kinds of a ``ProposalDiff``, in the order a report counts them
KINDS = ("changed", "added", "removed", "renamed")


@dataclass(frozen=True)
class FigureChange:
    """One figure of one year as a diff reports it: old, new and the change between them."""

    old: int | Decimal
    new: int | Decimal

    @property
    def delta(self) -> int | Decimal:
        return self.new - self.old

    @property
    def changed(self) -> bool:
        return self.old != self.new


def figure_changes(
    years: Mapping[int, Pair], metrics: Sequence[str] = METRICS
) -> dict[int, dict[str, FigureChange]]:
    """Each year's (old, new) figures as a change per metric, every metric of ``metrics``."""
    return {
        y: {m: FigureChange(getattr(o, m), getattr(n, m)) for m in metrics}
        for y, (o, n) in years.items()
    }


def changed_metrics(
    years: Mapping[int, Pair], metrics: Sequence[str] = METRICS
) -> list[tuple[str, list[FigureChange]]]:
    """The metrics (of ``metrics``, in that order) that changed in some year, each with its
    change in every year (a year where it did not change too, as ``changed`` says)."""
    changes = figure_changes(years, metrics)
    out = []
    for m in metrics:
        row = [changes[y][m] for y in years]
        if any(c.changed for c in row):
            out.append((m, row))
    return out


@dataclass(frozen=True)
class BudgetChange:
    """An area's budget in one year, old and new (``None``: that side states none), and the
    change: a side with no budget counts 0."""

    old: int | None
    new: int | None

    @property
    def delta(self) -> int:
        return (self.new or 0) - (self.old or 0)


@dataclass(frozen=True)
class ProposalDiff:
    kind: str  # "added" | "removed" | "renamed" | "changed"
    old_id: str | None
    new_id: str | None
    title: str
    old_status: Status | None
    new_status: Status | None
    old_areas: tuple[str, ...]
    new_areas: tuple[str, ...]
    years: dict[int, Pair]
    text: dict[str, str] = field(default_factory=dict)  # field -> word-level excerpt
    fields: tuple[str, ...] = ()  # other fields that changed
    #: whether each side is counted in the totals (its status is selected); ``years`` holds
    #: the figures as counted (0 on a side that is not), so the deltas add up to the totals'
    counted: tuple[bool, bool] = (True, True)
    #: the fields of ``VALUE_FIELDS`` that changed: (field, old, new)
    values: tuple[tuple[str, Any, Any], ...] = ()

    @property
    def id(self) -> str:
        return self.new_id or self.old_id or ""

    @property
    def status_changed(self) -> bool:
        return self.kind in ("changed", "renamed") and self.old_status != self.new_status

    @property
    def figures_changed(self) -> bool:
        return any(old != new for old, new in self.years.values())


@dataclass(frozen=True)
class GroupDiff:
    key: str
    label: str
    years: dict[int, Pair]


@dataclass(frozen=True)
class AreaDiff:
    code: str
    kind: str  # "added" | "removed" | "changed"
    fields: tuple[str, ...]  # name, committee, budget
    budget: dict[int, tuple[int | None, int | None]]  # per year (old, new), where it differs
    changes: tuple[tuple[str, str | None, str | None], ...] = ()  # (name|committee, old, new)

    @property
    def budget_changes(self) -> dict[int, BudgetChange]:
        """``budget`` as a change per year, in its order."""
        return {y: BudgetChange(o, n) for y, (o, n) in self.budget.items()}


@dataclass(frozen=True)
class BudgetDiff(Report):
    old_label: str
    new_label: str
    proposals: list[ProposalDiff]
    groups: list[GroupDiff]
    total: dict[int, Pair]
    areas: list[AreaDiff]
    meta: list[tuple[str, Any, Any]]  # (field, old, new) of areas.yaml's own fields
    level: Level | None = None  # the prices the amounts are in (the new side's)
    old_level: Level | None = None  # the old side's (restated from another year, say)

    def count(self, kind: str) -> int:
        return sum(p.kind == kind for p in self.proposals)

    def kind_counts(self) -> dict[str, int]:
        """How many proposals are of each kind of ``KINDS``, in that order (0s too)."""
        return {kind: self.count(kind) for kind in KINDS}

    def status_counts(self) -> dict[Status, int]:
        """How many proposals moved *to* each status."""
        counts: dict[Status, int] = {}
        for p in self.proposals:
            if p.status_changed and p.new_status is not None:
                counts[p.new_status] = counts.get(p.new_status, 0) + 1
        return {s: counts[s] for s in Status if s in counts}

    @property
    def headline_year(self) -> int:
        """The first year whose total net changed (the budget year if none did)."""
        return next((y for y, (o, n) in self.total.items() if o.net != n.net), self.years[0])

    @property
    def headline_change(self) -> FigureChange:
        """The total net of ``headline_year``, old and new."""
        old, new = self.total[self.headline_year]
        return FigureChange(old.net, new.net)

    @property
    def has_differences(self) -> bool:
        return bool(self.proposals or self.areas or self.meta)


def incomparable(old: Meta, new: Meta) -> Said | None:
    """Why two versions of a budget cannot be compared, or ``None`` if they can: a diff
    converts no amounts, and compares only the years both versions have."""
    if old.unit != new.unit:
        return said(
            "the two versions have different units ({old} and {new}); budgetcli does not convert"
            " amounts",
            old=old.unit,
            new=new.unit,
        )
    if not set(old.years) & set(new.years):
        return said("the two versions have no budget year in common")
    if None not in (old.price_level, new.price_level) and old.price_level != new.price_level:
        return said(
            "the two versions are in different prices ({old} and {new} prices), and amounts in"
            " different prices are not compared as they stand: --prices YEAR restates both in"
            " one year's prices",
            old=old.price_level,
            new=new.price_level,
        )
    return None


def diff_catalogues(
    old: Catalogue,
    new: Catalogue,
    *,
    by: GroupBy = GroupBy.AREA,
    statuses: Sequence[Status] = ACTIVE_STATUSES,
    old_label: str = "old",
    new_label: str = "new",
) -> BudgetDiff:
    """What changed from ``old`` to ``new`` (which ``incomparable`` must find comparable): a
    proposal is read whole only if its mark differs from its counterpart's (or either has
    none), or it has no counterpart."""
    reason = incomparable(old.meta, new.meta)
    if reason is not None:
        raise ValueError(reason.english)
    years = sorted(set(old.meta.years) & set(new.meta.years))
    wanted = set(statuses)
    pairs, moved = _pairs(old, new, years, wanted)
    groups, total = _group_diffs(old, new, moved, by, statuses, years)
    return BudgetDiff(
        municipality=new.meta.municipality,
        title=new.meta.title,
        unit=new.meta.unit,
        years=years,
        group_by=by,
        statuses=tuple(statuses),
        old_label=old_label,
        new_label=new_label,
        proposals=_proposal_diffs(pairs, years, wanted),
        groups=groups,
        total=total,
        areas=_area_diffs(old.meta.areas, new.meta.areas, years),
        meta=_meta_changes(old.meta, new.meta),
        level=level_of(new.meta),
        old_level=level_of(old.meta),
    )


def _meta_changes(old: Meta, new: Meta) -> list[tuple[str, Any, Any]]:
    """areas.yaml's own fields that changed, old and new: a frame or a baseline by itself
    (``frames.service``)."""
    pairs: list[tuple[str, Any, Any]] = [
        (name, getattr(old, name), getattr(new, name))
        for name in ("municipality", "title", "years", "price_level")
    ]
    for group in ("frames", "baseline"):
        for name in ("service", "construction"):
            pairs.append(
                (f"{group}.{name}", *(getattr(getattr(m, group), name) for m in (old, new)))
            )
    return [(name, a, b) for name, a, b in pairs if a != b]


#: (old, new) of one proposal; ``None`` on the side that does not have it
ProposalPair = tuple[Proposal | None, Proposal | None]


def _pairs(
    old: Catalogue, new: Catalogue, years: Sequence[int], wanted: Collection[Status]
) -> tuple[list[ProposalPair], list[ProposalLine]]:
    """The proposals to compare, paired by id and then by ``_renames``, and the lines that
    are not the same on both sides (only their groups can differ)."""
    old_at = dict(zip(_ids(old), itertools.count()))
    new_at = dict(zip(_ids(new), itertools.count()))
    moved: list[ProposalLine] = []
    pairs: list[ProposalPair] = []
    old_mark, new_mark = old.mark, new.mark
    for pid, i in old_at.items():
        j = new_at.get(pid)
        if j is None:
            moved.append(old.lines[i])
            continue
        mark = old_mark(i)
        if mark is not None and mark == new_mark(j):
            continue  # the common case at scale: the same proposal, not even read
        before, after = old.lines[i], new.lines[j]
        if before != after:
            moved += (before, after)
        if before.status in wanted or after.status in wanted:
            pairs.append((old.proposal(i), new.proposal(j)))
    moved += [new.lines[j] for pid, j in new_at.items() if pid not in old_at]
    removed = [old.proposal(i) for pid, i in old_at.items() if pid not in new_at]
    added = [new.proposal(j) for pid, j in new_at.items() if pid not in old_at]
    for gone, came in _renames(removed, added, years):
        removed.remove(gone)
        added.remove(came)
        pairs.append((gone, came))
    pairs += [(gone, None) for gone in removed] + [(None, came) for came in added]
    return pairs, moved


def _ids(catalogue: Catalogue) -> Iterable[str]:
    """Each line's id, without reading the lines if the catalogue has them at hand."""
    return catalogue.ids if catalogue.ids is not None else map(_ID, catalogue.lines)


def _proposal_diffs(
    pairs: Iterable[ProposalPair], years: Sequence[int], wanted: set[Status]
) -> list[ProposalDiff]:
    """The pairs that differ, where either side has a status counted, by id."""
    entries = []
    for a, b in pairs:
        if not ({a.status if a else None, b.status if b else None} & wanted):
            continue
        if a is not None and b is not None and a == b:
            continue
        entry = _compare(_within(a, years), _within(b, years), years, wanted)
        if entry is not None:
            entries.append(entry)
    return sorted(entries, key=lambda e: (e.id, e.kind))


def _group_diffs(
    old: Catalogue,
    new: Catalogue,
    moved: Iterable[ProposalLine],
    by: GroupBy,
    statuses: Sequence[Status],
    years: Sequence[int],
) -> tuple[list[GroupDiff], dict[int, Pair]]:
    """The groups whose sums differ, and the totals.

    With the same areas.yaml on both sides, a line that is the same is in the same group
    with the same figures: only the groups whose profiles of line changed (from the catalogues'
    groups), or else those of the ``moved`` lines, are summed (a diff of 10,000 proposals with
    1 % changed sums a few groups, not every group twice)."""
    same, chosen = old.meta == new.meta, (by, statuses, years)
    if old.groups is not None and new.groups is not None and by in GROUPINGS:
        some = same and old.sums is not None and new.sums is not None  # else every group
        keys = changed_keys(old.groups, new.groups, by, statuses, new.meta) if some else None
        old_sum = summarize_groups(old.meta, old.groups, *chosen, keys, old.sums if some else None)
        new_sum = summarize_groups(new.meta, new.groups, *chosen, keys, new.sums if some else None)
    else:
        only = {group_of(line, by, new.meta)[0] for line in moved} if same else None
        old_sum = summarize_lines(old.meta, old.lines, *chosen, only, old.sums)
        new_sum = summarize_lines(new.meta, new.lines, *chosen, only, new.sums)
    old_rows = {r.key: r for r in old_sum.rows}
    new_rows = {r.key: r for r in new_sum.rows}
    groups = []
    for key in sorted(old_rows.keys() | new_rows.keys()):
        o_row, n_row = old_rows.get(key), new_rows.get(key)
        pair = {
            y: (
                o_row.years.get(y, Figures()) if o_row else Figures(),
                n_row.years.get(y, Figures()) if n_row else Figures(),
            )
            for y in years
        }
        if any(a != b for a, b in pair.values()):
            label = n_row.label if n_row else o_row.label if o_row else key
            groups.append(GroupDiff(key, label, pair))
    total = {y: (old_sum.total.get(y, Figures()), new_sum.total.get(y, Figures())) for y in years}
    return groups, total


def _series(values: dict[int, Any] | None, years: Sequence[int]) -> dict[int, Any] | None:
    if values is None:
        return None
    return {y: v for y, v in values.items() if y in years and v != 0}


def _within(p: Proposal | None, years: Sequence[int]) -> Proposal | None:
    """``p`` as the comparison sees it: only the years both versions have, and a year written
    as 0 the same as a year left out."""
    if p is None:
        return None
    alloc, staff = p.allocations, p.staffing
    return replace(
        p,
        change=Change(
            _series(p.change.inside_service_frame, years) or {},
            _series(p.change.outside_service_frame, years) or {},
            _series(p.change.construction, years) or {},
        ),
        operating_budget=_series(p.operating_budget, years),
        area_budget=_series(p.area_budget, years),
        components=[replace(c, amounts=_series(c.amounts, years) or {}) for c in p.components],
        allocations=replace(
            alloc,
            function_areas={k: _series(v, years) or {} for k, v in alloc.function_areas.items()},
            cost_centers={k: _series(v, years) or {} for k, v in alloc.cost_centers.items()},
        )
        if alloc
        else None,
        staffing=replace(
            staff,
            change_fte=_series(staff.change_fte, years) or {},
            baseline_fte=_series(staff.baseline_fte, years),
        )
        if staff
        else None,
    )


def _figures(p: Proposal | None, years: Sequence[int]) -> dict[int, Figures]:
    return {y: proposal_figures(p, y) if p else Figures() for y in years}


def _renames(
    removed: list[Proposal], added: list[Proposal], years: Sequence[int]
) -> list[tuple[Proposal, Proposal]]:
    """Removed and added proposals that are one proposal under a new id: same title, or
    (failing that) the same non-zero figures in every year."""
    found: list[tuple[Proposal, Proposal]] = []
    free = list(added)
    for same in (
        lambda o, n: o.title == n.title,
        lambda o, n: (
            _figures(o, years) == _figures(n, years)
            and any(f != Figures() for f in _figures(o, years).values())
        ),
    ):
        for o in removed:
            if any(o is pair[0] for pair in found):
                continue
            match = next((n for n in free if same(o, n)), None)
            if match is not None:
                found.append((o, match))
                free.remove(match)
    return found


def _compare(
    o: Proposal | None, n: Proposal | None, years: Sequence[int], wanted: Collection[Status]
) -> ProposalDiff | None:
    """The pair's differences; its figures as the totals count them: a side whose status is
    not selected counts 0 (a proposal rejected leaves the totals by its whole amount)."""
    counted = (o is not None and o.status in wanted, n is not None and n.status in wanted)
    old_figures = _figures(o if counted[0] else None, years)
    new_figures = _figures(n if counted[1] else None, years)
    figures = {y: (old_figures[y], new_figures[y]) for y in years}
    if o is None or n is None:
        p = n or o
        assert p is not None
        return ProposalDiff(
            "added" if o is None else "removed",
            o.id if o else None,
            n.id if n else None,
            p.title,
            o.status if o else None,
            n.status if n else None,
            tuple(o.areas) if o else (),
            tuple(n.areas) if n else (),
            figures,
            counted=counted,
        )
    renamed = o.id != n.id
    if not renamed and o == n:
        return None
    text = {
        name: word_excerpt(getattr(o, name), getattr(n, name))
        for name in ("title", "description")
        if getattr(o, name) != getattr(n, name)
    }
    others = tuple(name for name in OTHER_FIELDS if getattr(o, name) != getattr(n, name))
    values = tuple(
        (name, getattr(o, name), getattr(n, name))
        for name in VALUE_FIELDS
        if getattr(o, name) != getattr(n, name)
    )
    return ProposalDiff(
        "renamed" if renamed else "changed",
        o.id,
        n.id,
        n.title,
        o.status,
        n.status,
        tuple(o.areas),
        tuple(n.areas),
        figures,
        text,
        others,
        counted,
        values,
    )


def _area_diffs(old: list[Area], new: list[Area], years: Sequence[int]) -> list[AreaDiff]:
    old_by = {a.code: a for a in old}
    new_by = {a.code: a for a in new}
    out = []
    for code in sorted(old_by.keys() | new_by.keys()):
        a, b = old_by.get(code), new_by.get(code)
        old_budget = (a.budget or {}) if a else {}
        new_budget = (b.budget or {}) if b else {}
        budget = {
            y: (old_budget.get(y), new_budget.get(y))
            for y in years
            if old_budget.get(y) != new_budget.get(y)
        }
        if a is None or b is None:
            out.append(AreaDiff(code, "added" if a is None else "removed", (), budget))
            continue
        texts = tuple(
            (name, getattr(a, name), getattr(b, name))
            for name in ("name", "committee")
            if getattr(a, name) != getattr(b, name)
        )
        changed = tuple(name for name, _, _ in texts) + (("budget",) if budget else ())
        if changed:
            out.append(AreaDiff(code, "changed", changed, budget, texts))
    return out


def word_excerpt(old: str, new: str, context: int = 4, limit: int = 120) -> str:
    """A short word-level excerpt of the first change, as ``git diff --word-diff=plain``:
    ``… kept words [-removed-] {+added+} kept words …``."""
    from difflib import SequenceMatcher  # imported only when some text changed

    a, b = old.split(), new.split()
    ops = [op for op in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return "(white space only)"
    _, i1, i2, j1, j2 = ops[0]
    parts = a[max(0, i1 - context) : i1]
    if i2 > i1:
        parts.append("[-" + " ".join(a[i1:i2]) + "-]")
    if j2 > j1:
        parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    parts += a[i2 : i2 + context]
    text = (
        ("… " if i1 > context else "") + " ".join(parts) + (" …" if i2 + context < len(a) else "")
    )
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    more = len(ops) - 1
    return text + (f" (+{more} more change{'s' if more > 1 else ''})" if more else "")
