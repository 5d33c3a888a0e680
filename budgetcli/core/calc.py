"""Pure calculation: a budget's figures per proposal, per group and in total.

Nothing here prints or formats; every figure is an exact ``int`` (the unit) or ``Decimal`` (FTE).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple, Protocol

from budgetcli.core.domain import Meta, Proposal
from budgetcli.core.lazyclasses import dataclass, declared, field
from budgetcli.core.vocab import ACTIVE_STATUSES, GroupBy, ProposalKind, Status

if TYPE_CHECKING:
    from fractions import Fraction

ZERO_FTE = Decimal(0)


@dataclass(frozen=True)
class Figures:
    """One year's figures. ``net`` = inside + outside the service frame = savings + investments:
    the operating change. ``construction`` (capital spending) is never part of it."""

    savings: int = 0
    investments: int = 0
    net: int = 0
    inside_service_frame: int = 0
    outside_service_frame: int = 0
    construction: int = 0
    fte: Decimal = ZERO_FTE

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.savings + other.savings,
            self.investments + other.investments,
            self.net + other.net,
            self.inside_service_frame + other.inside_service_frame,
            self.outside_service_frame + other.outside_service_frame,
            self.construction + other.construction,
            self.fte + other.fte,
        )


METRICS: tuple[str, ...] = tuple(name for name, _ in declared(Figures))
#: how many values a year has in ``ProposalLine.values``
WIDTH = len(METRICS)


def proposal_figures(p: Proposal, year: int) -> Figures:
    change = p.change
    inside = change.inside_service_frame.get(year, 0)
    outside = change.outside_service_frame.get(year, 0)
    construction = change.construction.get(year, 0)
    net = inside + outside
    if p.components:
        savings = investments = 0
        for c in p.components:
            if c.type == "saving":
                savings += c.amounts.get(year, 0)
            else:
                investments += c.amounts.get(year, 0)
    else:  # no a)/b) lines: a negative change is a saving, a positive one an investment
        savings, investments = min(net, 0), max(net, 0)
    fte = p.staffing.change_fte.get(year, ZERO_FTE) if p.staffing else ZERO_FTE
    return Figures(savings, investments, net, inside, outside, construction, fte)


def figures_by_year(p: Proposal, years: Iterable[int]) -> dict[int, Figures]:
    """A proposal's figures in each of ``years`` (what ``show`` prints)."""
    return {year: proposal_figures(p, year) for year in years}


def total(figures: Iterable[Figures]) -> Figures:
    """The sum, added field by field in plain ints (a hot loop for large budgets)."""
    savings = investments = net = inside = outside = construction = 0
    fte = ZERO_FTE
    for f in figures:
        savings += f.savings
        investments += f.investments
        net += f.net
        inside += f.inside_service_frame
        outside += f.outside_service_frame
        construction += f.construction
        fte += f.fte
    return Figures(savings, investments, net, inside, outside, construction, fte)


def half_up(value: Fraction, places: int = 0) -> Fraction:
    """``value`` rounded to ``places`` decimals, a half away from zero (2.5 -> 3, -2.5 -> -3:
    a saving and an expense of one size stay of one size)."""
    from fractions import Fraction

    scaled = abs(value) * 10**places
    whole = int(scaled + Fraction(1, 2))  # floor of a value not negative
    return Fraction(whole if value >= 0 else -whole, 10**places)


@dataclass(frozen=True)
class Share:
    """An area's budget in a year and the proposals' net change of it: the budget after them
    and the change in per cent of the budget (``None`` for a budget of 0), to one decimal."""

    budget: int
    change: int

    @property
    def after(self) -> int:
        return self.budget + self.change

    @property
    def percent(self) -> Decimal | None:
        if self.budget == 0:
            return None
        # tenths of a per cent, a half away from zero, as ``half_up`` rounds: in integers (a
        # cached summary imports no ``fractions``; tests/test_calc.py holds the two equal)
        whole, part = divmod(abs(self.change) * 1000, abs(self.budget))
        tenths = whole + (2 * part >= abs(self.budget))
        negative = (self.change < 0) != (self.budget < 0)
        return Decimal(-tenths if negative else tenths).scaleb(-1).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    years: dict[int, Figures]
    proposals: tuple[str, ...] = ()
    #: by area, when each of the row's areas has a budget in areas.yaml: that budget and the
    #: row's net change, in each year they all give
    shares: dict[int, Share] | None = None


def area_shares(
    meta: Meta, places: Collection[tuple[str, ...]], years: dict[int, Figures]
) -> dict[int, Share] | None:
    """The budget of a group by area (the sum of its areas' budgets) and the net change
    ``years`` gives it, per year; ``None`` unless its lines have one set of areas (``places``),
    each with a budget."""
    if len(places) != 1:
        return None
    (areas,) = places
    budgets = [a.budget for a in map(meta.area, areas) if a is not None and a.budget is not None]
    if not budgets or len(budgets) != len(areas):
        return None
    return {
        y: Share(sum(b[y] for b in budgets), f.net)
        for y, f in years.items()
        if all(y in b for b in budgets)
    }


@dataclass(frozen=True)
class Report:
    """What a report on a budget (a summary, a diff) is of: whose budget in which unit, the
    years it shows, how it groups the proposals and which statuses it counts."""

    municipality: str
    title: str
    unit: str
    years: list[int]
    group_by: GroupBy
    statuses: tuple[Status, ...]


@dataclass(frozen=True)
class Level:
    """The prices a report's amounts are in: ``year``'s, restated from ``restated_from``'s
    prices (``None``: as the files state them)."""

    year: int
    restated_from: int | None = None


def level_of(meta: Meta) -> Level | None:
    """The price level of the amounts as ``meta`` states it (``None``: it states none)."""
    return None if meta.price_level is None else Level(meta.price_level, meta.restated_from)


@dataclass(frozen=True)
class Summary(Report):
    rows: list[Row]
    total: dict[int, Figures] = field(default_factory=dict)
    level: Level | None = None

    @property
    def has_construction(self) -> bool:
        """Whether any row has a construction amount (a column of zeros is left out)."""
        return any(f.construction for r in self.rows for f in r.years.values())

    @property
    def has_shares(self) -> bool:
        """Whether any row has its area's budget (grouped by area)."""
        return any(r.shares is not None for r in self.rows)

    def only(self, year: int) -> Summary:
        """The same summary restricted to one of its years."""
        rows = [
            replace(
                r,
                years={year: r.years[year]},
                shares=None
                if r.shares is None
                else {y: s for y, s in r.shares.items() if y == year},
            )
            for r in self.rows
        ]
        return replace(self, years=[year], rows=rows, total={year: self.total[year]})


class ProposalLine(NamedTuple):
    """A proposal as ``summary`` sees it: what it is grouped by and its figures per year,
    and nothing else of it (no description, allocations or staffing): summing a budget, and
    seeing which groups a diff must sum again, needs only these."""

    id: str
    title: str
    status: Status
    kind: ProposalKind
    areas: tuple[str, ...]
    committee: str | None
    center: str | None
    #: the fields of ``Figures`` (``WIDTH``) for each of the budget's years, one after another,
    #: FTE in hundredths (FTE have at most two decimals): flat ints, so a column of many lines
    #: adds up in one ``sum`` (a ``Decimal`` a line made adding up half as fast)
    values: tuple[int, ...]


def proposal_line(p: Proposal, years: Sequence[int]) -> ProposalLine:
    values: list[int] = []
    for y in years:
        f = proposal_figures(p, y)
        values += (f.savings, f.investments, f.net, f.inside_service_frame)
        values += (f.outside_service_frame, f.construction, _hundredths(f.fte))
    return ProposalLine(
        p.id, p.title, p.status, p.kind, tuple(p.areas), p.committee, p.center, tuple(values)
    )


#: the column sums of the lines of each status (``ProposalLine.values``, added up)
StatusSums = dict[Status, tuple[int, ...]]


def status_sums(lines: Iterable[ProposalLine]) -> StatusSums:
    """The lines' values added up per status: with these, the total of any choice of
    statuses is a few additions, not a pass over every line."""
    by_status: dict[Status, list[tuple[int, ...]]] = {}
    for line in lines:
        by_status.setdefault(line.status, []).append(line.values)
    return {s: tuple(map(sum, zip(*values, strict=True))) for s, values in by_status.items()}


def status_counts(lines: Iterable[ProposalLine]) -> dict[Status, int]:
    """How many of the lines have each status (only the statuses some line has)."""
    counts: dict[Status, int] = {}
    for line in lines:
        counts[line.status] = counts.get(line.status, 0) + 1
    return counts


def changed_counts(
    counts: dict[Status, int], before: Iterable[ProposalLine], after: Iterable[ProposalLine]
) -> dict[Status, int]:
    """``status_counts`` of a set of lines after ``before`` were replaced by ``after``, from
    the counts of the set as it was (a status no line has any more is left out)."""
    changed = dict(counts)
    for sign, lines in ((-1, before), (1, after)):
        for line in lines:
            changed[line.status] = changed.get(line.status, 0) + sign
    return {s: n for s, n in changed.items() if n > 0}


def changed_sums(
    sums: StatusSums,
    before: Iterable[ProposalLine],
    after: Iterable[ProposalLine],
    statuses: Collection[Status],
) -> StatusSums:
    """``status_sums`` of a set of lines after ``before`` were replaced by ``after``, from the
    sums of the set as it was: one edited proposal of 10,000 is two lines' work, not a pass
    over all. ``statuses``: those the lines now have (as ``status_sums``, no other)."""
    columns = {s: list(values) for s, values in sums.items()}
    for sign, lines in ((-1, before), (1, after)):
        for line in lines:
            column = columns.setdefault(line.status, [0] * len(line.values))
            for i, value in enumerate(line.values):
                column[i] += sign * value
    return {s: tuple(column) for s, column in columns.items() if s in statuses}


def _totals(lines: Sequence[ProposalLine], slots: dict[int, int]) -> dict[int, Figures]:
    """The sum of ``lines`` in each year; ``slots``: year -> its place in the budget's years."""
    columns = zip(*(line.values for line in lines), strict=True)
    return column_totals(list(map(sum, columns)), slots)


def column_totals(sums: Sequence[int], slots: dict[int, int]) -> dict[int, Figures]:
    """``Figures`` per year from the column sums of lines."""
    result = {}
    for year, i in slots.items():
        savings, investments, net, inside, outside, construction, fte = sums[
            WIDTH * i : WIDTH * (i + 1)
        ]
        result[year] = Figures(
            savings, investments, net, inside, outside, construction, Decimal(fte).scaleb(-2)
        )
    return result


def _hundredths(fte: Decimal) -> int:
    """FTE as a whole number of hundredths (exact, whatever its size: the file format allows
    two decimals)."""
    numerator, denominator = fte.as_integer_ratio()
    whole, rest = divmod(numerator * 100, denominator)
    if rest:
        raise ValueError(f"FTE {fte} has more than two decimals")  # the model step refuses these
    return whole


class Groupable(Protocol):
    """What grouping needs of a proposal (a ``Proposal`` or its ``ProposalLine``)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> Status: ...
    @property
    def kind(self) -> ProposalKind: ...
    @property
    def areas(self) -> Sequence[str]: ...
    @property
    def committee(self) -> str | None: ...
    @property
    def center(self) -> str | None: ...


def group_of(p: Groupable, by: GroupBy, meta: Meta) -> tuple[str, str]:
    """The (key, label) of the group ``p`` belongs to.

    A proposal on several areas (B60.30.05 & B60.30.15) is its own group: the documents do not
    say how its amounts split between the areas, and a guess would not reconcile.
    """
    if by is GroupBy.AREA:
        key = " & ".join(p.areas)
        names = [a.name for a in (meta.area(c) for c in p.areas) if a is not None and a.name]
        return key, (f"{key} {', '.join(names)}" if names and len(p.areas) == 1 else key)
    if by is GroupBy.COMMITTEE:
        committee = p.committee or next(
            (a.committee for a in (meta.area(c) for c in p.areas) if a is not None),
            "(no committee)",
        )
        return committee, committee
    if by is GroupBy.CENTER:
        center = p.center or "(no centre)"
        return center, center
    if by is GroupBy.STATUS:
        return p.status.value, p.status.value
    if by is GroupBy.KIND:
        return p.kind.value, p.kind.value
    return p.id, p.title


#: what a line's group key is made from (``group_of`` reads no other field of the line)
_KEYED_BY = {
    GroupBy.AREA: attrgetter("areas"),
    GroupBy.COMMITTEE: attrgetter("committee", "areas"),
    GroupBy.CENTER: attrgetter("center"),
    GroupBy.STATUS: attrgetter("status"),
    GroupBy.KIND: attrgetter("kind"),
    GroupBy.PROPOSAL: attrgetter("id"),
}


def _in_groups(
    lines: Iterable[ProposalLine], by: GroupBy, meta: Meta, keys: Collection[str]
) -> list[ProposalLine]:
    """The lines whose group has one of ``keys``: each distinct value a key is made from is
    looked up once, then the lines are picked by that value."""
    lines = list(lines)
    made_from = _KEYED_BY[by]
    one_of_each = dict(zip(map(made_from, lines), lines, strict=True))
    chosen = {v for v, line in one_of_each.items() if group_of(line, by, meta)[0] in keys}
    return [line for line in lines if made_from(line) in chosen]


def grand_total(
    rows: Sequence[Row],
    span: Sequence[int],
    slots: dict[int, int],
    wanted: Collection[Status],
    sums: StatusSums | None,
) -> dict[int, Figures]:
    """A summary's total per year: of its rows, or, from ``sums`` (``status_sums`` of every
    line), of every line of the ``wanted`` statuses (when the rows are only some groups)."""
    if sums is None:
        return {y: total(r.years[y] for r in rows) for y in span}
    chosen = [sums[s] for s in wanted if s in sums]
    grand = column_totals(list(map(sum, zip(*chosen, strict=True))), slots) if chosen else {}
    return {y: grand.get(y, Figures()) for y in span}


_ORDERS = {
    GroupBy.STATUS: {s.value: i for i, s in enumerate(Status)},
    GroupBy.KIND: {k.value: i for i, k in enumerate(ProposalKind)},
}


def group_order(by: GroupBy) -> Callable[[str], tuple[int, str]] | None:
    """How the groups of ``by`` are sorted: statuses and kinds in their order (then any other
    key), other groupings by key (``None``)."""
    order = _ORDERS.get(by)
    if order is None:
        return None
    return lambda key: (order.get(key, 99), key)


def summarize_lines(
    meta: Meta,
    lines: Iterable[ProposalLine],
    by: GroupBy = GroupBy.AREA,
    statuses: Sequence[Status] = ACTIVE_STATUSES,
    years: Sequence[int] | None = None,
    only: Collection[str] | None = None,
    sums: StatusSums | None = None,
) -> Summary:
    """The summary of a budget given by its proposals' lines (``proposal_line``); with
    ``only``, the rows of just those group keys (the total is still every line's, from
    ``sums``: ``status_sums(lines)``, added up here if not given)."""
    span = list(years) if years is not None else list(meta.years)
    slots = {y: meta.years.index(y) for y in span}
    wanted = set(statuses)
    if only is not None:
        lines = tuple(lines)
        sums = sums if sums is not None else status_sums(lines)
        lines = _in_groups(lines, by, meta, only)
    groups: dict[str, tuple[str, list[ProposalLine]]] = {}
    labels: dict[tuple[str, ...], tuple[str, str]] = {}  # by area, many share a key: look once
    for line in lines:
        if line.status not in wanted:
            continue
        if by is GroupBy.AREA:
            found = labels.get(line.areas)
            if found is None:
                found = labels[line.areas] = group_of(line, by, meta)
            key, label = found
        else:
            key, label = group_of(line, by, meta)
        groups.setdefault(key, (label, []))[1].append(line)
    keys = sorted(groups, key=group_order(by))
    rows = []
    for key in keys:
        label, members = groups[key]
        years_of = _totals(members, slots)
        places = {line.areas for line in members}
        shares = area_shares(meta, places, years_of) if by is GroupBy.AREA else None
        rows.append(Row(key, label, years_of, tuple(line.id for line in members), shares))
    grand = grand_total(rows, span, slots, wanted, sums)
    return Summary(
        meta.municipality, meta.title, meta.unit, span, by, tuple(statuses), rows, grand,
        level_of(meta),
    )  # fmt: skip
