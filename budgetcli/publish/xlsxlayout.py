"""What each sheet of the workbook holds, as a budget document lays it out, in the reader's
language: pure values (labels, columns, rows), nothing of XlsxWriter (``publish.xlsx`` writes
them).

- The budget sheets (``BudgetSheet``): per committee (fagudvalg) its areas (bevillingsområder)
  as rows, the years as columns in a group per figure (savings, investments, net; inside and
  outside the service frame, construction, FTE; the areas' budgets), a subtotal per committee
  and the total, which the writer makes sums of the cells above them.
- The frames (``FrameBlock``): each frame as the municipality's ØPU frame table has it, a line
  per step from the frame to the deviation, the years as columns.
- The tables (``Table``): one row per proposal with its years as columns, the a)/b) lines and
  the allocations: Excel tables a PivotTable or a filter reads, with no total inside them.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import cast

from budgetcli.core.calc import Figures, Level, Row, group_of
from budgetcli.core.domain import Proposal
from budgetcli.core.followup import Computed
from budgetcli.core.followup import Figures as FollowupFigures
from budgetcli.core.frames import FramePosition, FrameReport, FrameYear
from budgetcli.core.lazyclasses import dataclass
from budgetcli.core.publication import Publication
from budgetcli.core.vocab import GroupBy, ProposalKind, Status
from budgetcli.text.i18n import N_, Language
from budgetcli.text.numbers import unit_label


class Kind(Enum):
    """What a column holds, and so how its cells are written."""

    TEXT = "text"
    AMOUNT = "amount"  # an int of the unit
    FTE = "fte"  # a Decimal, at most two decimals
    PERCENT = "percent"  # a Decimal, one decimal


Value = str | int | Decimal | None

#: the words of the statuses and the kinds, as the documents write them
STATUS_WORDS = {
    Status.PROPOSED: N_("proposed"),
    Status.ADOPTED: N_("adopted"),
    Status.REJECTED: N_("rejected"),
    Status.REALIZED: N_("realized"),
}
KIND_WORDS = {
    ProposalKind.REDUCTION: N_("reduction"),
    ProposalKind.EXPANSION: N_("expansion"),
    ProposalKind.CONSTRUCTION: N_("construction"),
    ProposalKind.TECHNICAL: N_("technical"),
}
#: each figure's heading
METRIC_WORDS = {
    "savings": N_("Savings"),
    "investments": N_("Investments"),
    "net": N_("Net"),
    "inside_service_frame": N_("Inside the service frame"),
    "outside_service_frame": N_("Outside the service frame"),
    "construction": N_("Construction"),
    "fte": N_("FTE"),
}


def _kind_of(metric: str) -> Kind:
    return Kind.FTE if metric == "fte" else Kind.AMOUNT


# --- the heading of every sheet ------------------------------------------------------------


def amounts(lang: Language, unit: str, level: Level | None) -> str:
    """``Beløb i 1.000 kr., 2024-priser``: the unit, and the prices when they are known."""
    if level is None:
        return lang.gettext("Amounts in {unit}").format(unit=unit_label(unit))
    if level.restated_from is None or level.restated_from == level.year:
        prices = lang.gettext("{year} prices").format(year=level.year)
    else:
        prices = lang.gettext("{year} prices (restated from {source} prices)").format(
            year=level.year, source=level.restated_from
        )
    return lang.gettext("Amounts in {unit}, {prices}").format(unit=unit_label(unit), prices=prices)


def statuses(lang: Language, counted: tuple[Status, ...]) -> str:
    """``foreslået, vedtaget, realiseret``"""
    return ", ".join(lang.gettext(STATUS_WORDS[s]) for s in counted)


def tier(lang: Language, counted: tuple[Status, ...]) -> str:
    """``vedtaget og realiseret``: the statuses of a tier of the frame table."""
    words = [lang.gettext(STATUS_WORDS[s]) for s in counted]
    if len(words) == 1:
        return words[0]
    return lang.gettext("{some} and {last}").format(some=", ".join(words[:-1]), last=words[-1])


def heading(pub: Publication, lang: Language) -> list[str]:
    """The lines above each sheet: whose budget, the unit and prices, the statuses counted."""
    meta = pub.meta
    return [
        f"{meta.municipality} · {meta.title}",
        amounts(lang, meta.unit, pub.level),
        lang.gettext("Status: {statuses}").format(statuses=statuses(lang, pub.statuses)),
    ]


# --- the budget sheets ---------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A group of columns, one per year: its heading, its kind, and the figure it shows: a
    ``Figures`` field (``net``), or with ``share`` a field of an area's ``Share`` (``after``),
    of which there are no sums (an area without a budget would make a sum of some areas)."""

    header: str
    kind: Kind
    metric: str
    share: bool = False

    def of(self, row: Row, year: int) -> Value:
        """The figure of ``row`` in ``year`` (``None``: the area has no budget that year)."""
        if not self.share:
            value: int | Decimal = getattr(row.years[year], self.metric)
            return value
        share = None if row.shares is None else row.shares.get(year)
        return None if share is None else cast(int | Decimal | None, getattr(share, self.metric))

    def summed(self, figures: Figures) -> int | Decimal:
        """The group's figure of a subtotal or the total."""
        value: int | Decimal = getattr(figures, self.metric)
        return value


@dataclass(frozen=True)
class Committee:
    """A committee's block: its row (the subtotal) and its areas' rows."""

    row: Row
    areas: list[Row]


@dataclass(frozen=True)
class BudgetSheet:
    """A sheet laid out as a budget: the committees' blocks under the groups' headings, and
    the total (``None``: the sheet has no totals, as a budget of only some areas)."""

    name: str
    subject: str
    groups: list[Group]
    committees: list[Committee]
    total: dict[int, Figures] | None


def _committees(pub: Publication) -> list[Committee]:
    return [
        Committee(row, summary.rows)
        for row, summary in zip(pub.by_committee.rows, pub.committee_areas, strict=True)
    ]


def _figure_groups(lang: Language, metrics: tuple[str, ...]) -> list[Group]:
    return [Group(lang.gettext(METRIC_WORDS[m]), _kind_of(m), m) for m in metrics]


def budget_sheets(pub: Publication, lang: Language) -> list[BudgetSheet]:
    """The overview (savings, investments, net), the service frame and the FTE, and the
    areas' budgets before and after the proposals when areas.yaml gives them."""
    committees = _committees(pub)
    frame: tuple[str, ...] = ("inside_service_frame", "outside_service_frame")
    frame += ("construction", "fte") if pub.by_area.has_construction else ("fte",)
    frame_subject = (
        lang.gettext(
            "Inside and outside the service frame, construction and FTE by committee and area"
        )
        if pub.by_area.has_construction
        else lang.gettext("Inside and outside the service frame and FTE by committee and area")
    )
    sheets = [
        BudgetSheet(
            lang.gettext("Overview"),
            lang.gettext("Savings, investments and net by committee and area"),
            _figure_groups(lang, ("savings", "investments", "net")),
            committees,
            pub.by_committee.total,
        ),
        BudgetSheet(
            lang.gettext("Service frame and FTE"),
            frame_subject,
            _figure_groups(lang, frame),
            committees,
            pub.by_committee.total,
        ),
    ]
    if pub.by_area.has_shares:
        sheets.append(_budgets(lang, committees))
    return sheets


def _budgets(lang: Language, committees: list[Committee]) -> BudgetSheet:
    """The areas' budgets: no subtotal or total, since an area without a budget in areas.yaml
    would make it a sum of only some areas."""
    groups = [
        Group(lang.gettext("Budget"), Kind.AMOUNT, "budget", share=True),
        Group(lang.gettext("After the proposals"), Kind.AMOUNT, "after", share=True),
        Group(lang.gettext("Change %"), Kind.PERCENT, "percent", share=True),
    ]
    return BudgetSheet(
        lang.gettext("Area budgets"),
        lang.gettext("The areas' budgets before and after the proposals"),
        groups,
        committees,
        None,
    )


# --- the frames ----------------------------------------------------------------------------


#: how a line of the frame table follows from the others: the lines added, the line taken off
Derived = tuple[tuple[str, ...], str | None]


@dataclass(frozen=True)
class FrameLine:
    """A line of a frame table: its label, the ``FrameYear`` figure, whether it is a level (a
    budget, shown bold) and, for a line that follows from others, how (``None``: given)."""

    label: str
    figure: str
    level: bool
    derived: Derived | None = None

    def value(self, year: FrameYear) -> int:
        value: int = getattr(year, self.figure)
        return value


@dataclass(frozen=True)
class FrameBlock:
    title: str
    years: dict[int, FrameYear]
    lines: list[FrameLine]


FRAME_NAMES = {
    "service": (N_("Service frame"), N_("KL's service frame")),
    "construction": (N_("Construction frame"), N_("Construction frame")),
}


def frame_blocks(pub: Publication, lang: Language) -> list[FrameBlock]:
    """Each frame as the ØPU frame table lays it out (``budgetcli frame``'s lines)."""
    if pub.frames is None:
        return []
    return [
        FrameBlock(lang.gettext(FRAME_NAMES[f.name][0]), f.years, _frame_lines(pub.frames, f, lang))
        for f in pub.frames.frames
    ]


def _frame_lines(r: FrameReport, f: FramePosition, lang: Language) -> list[FrameLine]:
    """A tier of statuses none of which is counted has no lines (as ``budgetcli frame``)."""
    lines = [
        FrameLine(lang.gettext(FRAME_NAMES[f.name][1]), "frame", True),
        FrameLine(lang.gettext("Budget before the proposals"), "baseline", True),
    ]
    base = ("baseline",)
    if r.decided:
        decided = tier(lang, r.decided)
        after = lang.gettext("Budget after {statuses}").format(statuses=decided)
        deviation = lang.gettext("Deviation (+ = over the frame)")
        lines += _tier_lines(decided, ("decided", "after_decided", "deviation_decided"),
                             (after, deviation), base, lang)  # fmt: skip
        base = ("after_decided",)
    if r.undecided:
        labels = (_after_all(r, lang), lang.gettext("Deviation if adopted (+ = over)"))
        lines += _tier_lines(tier(lang, r.undecided), ("undecided", "after", "deviation"),
                             labels, base, lang)  # fmt: skip
    return lines


def _tier_lines(
    statuses: str,
    figures: tuple[str, str, str],
    labels: tuple[str, str],
    base: tuple[str, ...],
    lang: Language,
) -> list[FrameLine]:
    """A tier's three lines: its change, the budget after it (``base`` and the change) and
    the deviation from the frame; ``figures`` name their ``FrameYear`` figures."""
    change, after, deviation = figures
    return [
        FrameLine(lang.gettext("Change: {statuses}").format(statuses=statuses), change, False),
        FrameLine(labels[0], after, True, ((*base, change), None)),
        FrameLine(labels[1], deviation, False, ((after,), "frame")),
    ]


def _after_all(r: FrameReport, lang: Language) -> str:
    if r.undecided == (Status.PROPOSED,):
        return lang.gettext("Budget if all proposed are adopted")
    undecided = tier(lang, r.undecided)
    return lang.gettext("Budget with the {statuses} counted").format(statuses=undecided)


# --- the tables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of a table: its header, its kind, how wide it may grow (characters; a longer
    text wraps), and the group it is of (a heading over the table, over each year's column)."""

    header: str
    kind: Kind
    widest: int = 40
    group: str | None = None


@dataclass(frozen=True)
class Table:
    """An Excel table: its sheet's name, its own name (an identifier, ``Proposals``), its
    columns and rows, and the total of each column under it (``None``: no total)."""

    sheet: str
    name: str
    subject: str
    columns: list[Column]
    rows: list[list[Value]]
    totals: list[Value] | None = None


#: a figure's word in a table's header, short (its group over it says it whole): an Excel
#: table's headers are each other's different, so each is the word and the year
SHORT_WORDS = {
    "net": N_("Net"),
    "fte": N_("FTE"),
    "inside_service_frame": N_("Inside"),
    "outside_service_frame": N_("Outside"),
    "construction": N_("Construction"),
}


def _year_columns(pub: Publication, lang: Language, metrics: tuple[str, ...]) -> list[Column]:
    return [
        Column(
            f"{lang.gettext(SHORT_WORDS[m])} {year}",
            _kind_of(m),
            group=lang.gettext(METRIC_WORDS[m]),
        )
        for m in metrics
        for year in pub.meta.years
    ]


def _by_year(pub: Publication, p: Proposal, metrics: tuple[str, ...]) -> list[Value]:
    figures = pub.figures[p.id]
    return [getattr(figures[year], m) for m in metrics for year in pub.meta.years]


def _totals(pub: Publication, metrics: tuple[str, ...], texts: int) -> list[Value]:
    total = pub.by_area.total
    return [None] * texts + [getattr(total[year], m) for m in metrics for year in pub.meta.years]


def proposals(pub: Publication, lang: Language) -> Table:
    """One row per proposal: what it is, its net and its FTE in each year."""
    metrics = ("net", "fte")
    columns = [
        # an id wraps after its hyphens: the printed page's room is for the figures
        Column(lang.gettext("Id"), Kind.TEXT, 26),
        Column(lang.gettext("Title"), Kind.TEXT, 40),
        Column(lang.gettext("Committee"), Kind.TEXT, 16),
        Column(lang.gettext("Area"), Kind.TEXT, 12),
        Column(lang.gettext("Status"), Kind.TEXT, 11),
        *_year_columns(pub, lang, metrics),
    ]
    rows: list[list[Value]] = []
    for p in pub.proposals:
        # the committee as the summary by committee counts it (the areas' when the file has none)
        _, committee = group_of(p, GroupBy.COMMITTEE, pub.meta)
        about = [
            p.id,
            p.title,
            committee,
            " & ".join(p.areas),
            lang.gettext(STATUS_WORDS[p.status]),
        ]
        rows.append([*about, *_by_year(pub, p, metrics)])
    return Table(
        lang.gettext("Proposals"),
        "Proposals",
        lang.gettext("The proposals: net and FTE by year"),
        columns,
        rows,
        _totals(pub, metrics, 5),
    )


def proposals_in_frames(pub: Publication, lang: Language) -> Table:
    """One row per proposal: its kind and centre, inside and outside the service frame and
    construction in each year."""
    metrics: tuple[str, ...] = ("inside_service_frame", "outside_service_frame")
    # construction as the summary has it: a column of zeros is left out
    metrics += ("construction",) if pub.by_area.has_construction else ()
    columns = [
        Column(lang.gettext("Id"), Kind.TEXT, 36),
        Column(lang.gettext("Title"), Kind.TEXT, 44),
        Column(lang.gettext("Kind"), Kind.TEXT, 13),
        Column(lang.gettext("Centre"), Kind.TEXT, 16),
        *_year_columns(pub, lang, metrics),
    ]
    rows: list[list[Value]] = [
        [
            p.id,
            p.title,
            lang.gettext(KIND_WORDS[p.kind]),
            p.center,
            *_by_year(pub, p, metrics),
        ]
        for p in pub.proposals
    ]
    subject = (
        lang.gettext("The proposals: inside and outside the service frame, construction")
        if "construction" in metrics
        else lang.gettext("The proposals: inside and outside the service frame")
    )
    return Table(
        lang.gettext("Proposals by frame"),
        "ProposalsByFrame",
        subject,
        columns,
        rows,
        _totals(pub, metrics, 4),
    )


def _amount_years(pub: Publication, group: str) -> list[Column]:
    return [Column(str(year), Kind.AMOUNT, group=group) for year in pub.meta.years]


def _years(pub: Publication, series: dict[int, int]) -> list[Value]:
    """A series in each of the budget's years (a year it leaves out is 0, as in the files)."""
    return [series.get(year, 0) for year in pub.meta.years]


def components(pub: Publication, lang: Language) -> Table:
    """The a)/b) lines of each proposal (savings, investments), per year."""
    columns = [
        Column(lang.gettext("Id"), Kind.TEXT, 36),
        Column(lang.gettext("Type"), Kind.TEXT, 14),
        Column(lang.gettext("Label"), Kind.TEXT, 60),
        *_amount_years(pub, lang.gettext("Amount")),
    ]
    words = {"saving": lang.gettext("saving"), "investment": lang.gettext("investment")}
    rows: list[list[Value]] = [
        [p.id, words.get(c.type, c.type), c.label, *_years(pub, c.amounts)]
        for p in pub.proposals
        for c in p.components
    ]
    return Table(
        lang.gettext("Components"),
        "Components",
        lang.gettext("The proposals' savings and investments line by line"),
        columns,
        rows,
    )


def allocations(pub: Publication, lang: Language) -> Table:
    """Each proposal's amounts by function area and by cost centre, per year."""
    columns = [
        Column(lang.gettext("Id"), Kind.TEXT, 36),
        Column(lang.gettext("Allocated to"), Kind.TEXT, 16),
        Column(lang.gettext("Code"), Kind.TEXT, 20),
        *_amount_years(pub, lang.gettext("Amount")),
    ]
    rows: list[list[Value]] = []
    for p in pub.proposals:
        if p.allocations is None:
            continue
        for kind, parts in (
            (lang.gettext("function area"), p.allocations.function_areas),
            (lang.gettext("cost centre"), p.allocations.cost_centers),
        ):
            rows += [[p.id, kind, code, *_years(pub, series)] for code, series in parts.items()]
    return Table(
        lang.gettext("Allocations"),
        "Allocations",
        lang.gettext("The proposals' amounts by function area and cost centre"),
        columns,
        rows,
    )


def tables(pub: Publication, lang: Language) -> list[Table]:
    return [
        proposals(pub, lang),
        proposals_in_frames(pub, lang),
        components(pub, lang),
        allocations(pub, lang),
        *(followup_table(c, lang, i) for i, c in enumerate(pub.followups, start=1)),
    ]


#: what a sheet's name cannot hold in Excel (and its most characters)
SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
SHEET_MOST = 31


def followup_table(c: Computed, lang: Language, n: int) -> Table:
    """A follow-up as the finance office lays it out: a row per area and frame, the original
    budget, the changes by kind, the corrected budget, the spending to date (exact: shown in
    whole units, summed exactly), the expected accounts and the deviation."""
    _ = lang.gettext
    f = c.followup
    amount = Kind.AMOUNT
    columns = [
        Column(_("Area"), Kind.TEXT, 12),
        Column(_("Name"), Kind.TEXT, 30),
        Column(_("Committee"), Kind.TEXT, 16),
        Column(_("Frame"), Kind.TEXT, 10),
        Column(_("Original budget"), amount),
        Column(_("Carry-over"), amount),
        Column(_("Supplementary"), amount),
        Column(_("Reallocation"), amount),
        Column(_("Corrected budget"), amount),
        Column(_("Spent to date"), amount),
        Column(_("Expected accounts"), amount),
        Column(_("Deviation"), amount),
        Column(_("Deviation %"), Kind.PERCENT),
    ]
    rows: list[list[Value]] = [
        [r.area, r.name, r.committee, _(FRAME_WORDS[r.frame]), *_followup_figures(r.figures)]
        for r in c.rows
    ]
    totals: list[Value] = ["", "", "", "", *_followup_figures(c.total)[:-1], None]
    named = f.name if str(f.year) in f.name else f"{f.name} {f.year}"
    sheet = named.translate(SHEET_FORBIDDEN).strip()[:SHEET_MOST].strip("'")
    subject = _("Budget follow-up {name} {year} as of {date}").format(
        name=f.name, year=f.year, date=f.cut_off.isoformat()
    )
    return Table(sheet or f"BO {n}", f"Followup{n}", subject, columns, rows, totals)


FRAME_WORDS = {"inside": N_("Inside"), "outside": N_("Outside"), "construction": N_("Construction")}


def _followup_figures(f: FollowupFigures) -> list[Value]:
    return [
        f.original,
        f.carry_over,
        f.supplementary,
        f.reallocation,
        f.corrected,
        f.spent,
        f.expected,
        f.deviation,
        f.deviation_percent,
    ]
