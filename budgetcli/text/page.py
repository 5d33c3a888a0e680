"""``show``: one proposal laid out like the document's page, for every renderer (plain text,
Markdown, CSV, JSON here; rich in ``tables.py``). Imported only by ``show``.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal
from enum import Enum
from typing import Any

from budgetcli.core.calc import METRICS, Figures, Level, level_of
from budgetcli.core.domain import Meta, Proposal
from budgetcli.core.lazyclasses import dataclass
from budgetcli.text.blocks import BLANK, Bullets, Line, Pairs, Paragraph, Table, View
from budgetcli.text.csvout import PLAIN, Cell, Dialect, csv_table
from budgetcli.text.grid import Grid, markdown_grid, markdown_table, plain_grid
from budgetcli.text.i18n import DEFAULT_READING, Reading
from budgetcli.text.numbers import (
    csv_metric,
    fmt_amount,
    fmt_fte,
    fmt_metric,
    json_number,
    level_json,
    level_label,
    unit_label,
    value_label,
)
from budgetcli.text.renderers import Renderers


@dataclass(frozen=True)
class Page:
    """A proposal laid out like the document's page, for every renderer of ``show``."""

    title: str
    head: list[tuple[str, str]]  # (label, value); a label repeated for each of its values
    grids: list[Grid]
    notes: list[str]
    description: str
    #: the headings of the notes and the description, in the reader's language
    headings: tuple[str, str] = ("Notes", "Description")


@dataclass(frozen=True)
class Shown:
    """What ``show`` prints: a proposal, its figures in each of the budget's years (computed
    by ``calc.figures_by_year``) and the budget's ``areas.yaml`` (area names, years, unit)."""

    proposal: Proposal
    figures: dict[int, Figures]
    meta: Meta


def area_labels(p: Proposal, meta: Meta) -> list[str]:
    """Each of the proposal's areas as ``CODE name`` (the code alone if it has no name)."""
    return [f"{c} {a.name}" if (a := meta.area(c)) is not None and a.name else c for c in p.areas]


def shown_page(s: Shown, reading: Reading = DEFAULT_READING) -> Page:
    """The page of what ``show`` prints."""
    p, meta = s.proposal, s.meta
    page = proposal_page(p, meta.years, s.figures, meta.unit, area_labels(p, meta), reading)
    prices = level_label(level_of(meta), reading)
    return replace(page, head=[*page.head, (reading.gettext("Prices"), prices)]) if prices else page


def proposal_page(
    p: Proposal,
    years: Sequence[int],
    figures: dict[int, Figures],
    unit: str,
    area_labels: Sequence[str],
    reading: Reading = DEFAULT_READING,
) -> Page:
    """The page's parts: head, economic table, staffing, components, allocations, notes."""

    def amounts(series: dict[int, int] | None) -> list[str]:
        return [
            "" if series is None else fmt_amount(series.get(y, 0), reading.danish) for y in years
        ]

    def metric(name: str) -> list[str]:
        return [fmt_metric(name, getattr(figures[y], name), reading.danish) for y in years]

    _ = reading.gettext
    status, kind = value_label(p.status.value, reading), value_label(p.kind.value, reading)
    head = [(_("Id"), p.id), (_("Status"), status), (_("Kind"), kind)]
    head += [(_("Committee"), p.committee or "")]
    head += [(_("Areas"), label) for label in area_labels]
    contact = ", ".join(x for x in (p.contact, p.date and p.date.isoformat()) if x)
    head += [(_("Centre"), p.center or ""), (_("Contact"), contact)]
    if p.construction_grant is not None:
        head.append((_("Construction grant"), fmt_amount(p.construction_grant, reading.danish)))
    columns = ["", *map(str, years)]
    levels = [
        [name, *amounts(series)]
        for name, series in (
            (_("Operating budget"), p.operating_budget),
            (_("Area budget"), p.area_budget),
        )
        if series is not None
    ]
    econ = Grid(
        _("Economic consequences ({unit})").format(unit=unit_label(unit)),
        columns,
        [
            *levels,
            [_("Savings"), *metric("savings")],
            [_("Investments"), *metric("investments")],
            [_("Inside the service frame"), *metric("inside_service_frame")],
            [_("Outside the service frame"), *metric("outside_service_frame")],
        ],
        [[_("Total"), *metric("net")]],
        level_rows=frozenset(range(len(levels))),
    )
    if any(f.construction for f in figures.values()):  # its own row, never in the total
        econ = replace(
            econ,
            footer=[*econ.footer, [_("Construction (rådighedsbeløb)"), *metric("construction")]],
        )
    grids = [econ, *_proposal_grids(p, years, figures, reading)]
    shown_head = [(k, v) for k, v in head if v]
    headings = (_("Notes"), _("Description"))
    return Page(p.title, shown_head, grids, list(p.notes), p.description, headings)


def _proposal_grids(
    p: Proposal, years: Sequence[int], figures: dict[int, Figures], reading: Reading
) -> list[Grid]:
    """Staffing, components and allocations, those the proposal has."""
    _ = reading.gettext
    columns = [str(y) for y in years]
    out = []
    if p.staffing is not None:
        base = p.staffing.baseline_fte
        rows = []
        if base is not None:
            rows.append(
                [_("Now"), *(fmt_fte(base[y], reading.danish) if y in base else "" for y in years)]
            )
        rows.append([_("Change"), *(fmt_fte(figures[y].fte, reading.danish) for y in years)])
        title = _("Staffing (full-time positions)")
        out.append(Grid(title, ["", *columns], rows, level_rows=frozenset({0} if base else ())))
    if p.components:
        rows = [
            [
                value_label(c.type, reading),
                c.label,
                *(fmt_amount(c.amounts.get(y, 0), reading.danish) for y in years),
            ]
            for c in p.components
        ]
        out.append(Grid(_("Components"), [_("Type"), _("Label"), *columns], rows, left=2))
    if p.allocations is not None:
        rows = [
            [kind, code, *(fmt_amount(series.get(y, 0), reading.danish) for y in years)]
            for kind, lines in (
                (_("function area"), p.allocations.function_areas),
                (_("cost centre"), p.allocations.cost_centers),
            )
            for code, series in lines.items()
        ]
        if rows:
            out.append(
                Grid(_("Allocations"), [_("Allocated to"), _("Code"), *columns], rows, left=2)
            )
    return out


def proposal_plain(page: Page) -> str:
    """``show`` for output that is not a terminal: plain characters only."""
    pad = max((len(label) for label, _ in page.head), default=0) + 2
    lines, last = [page.title, ""], ""
    for label, value in page.head:
        lines.append(f"{(label if label != last else '').ljust(pad)}{value}".rstrip())
        last = label
    return "\n".join(lines) + "\n" + _page_body(page, plain_grid, "")


def proposal_markdown(page: Page) -> str:
    head = markdown_table(["", ""], page.head)
    return f"**{page.title}**\n\n" + "\n".join(head) + "\n" + _page_body(page, markdown_grid, "**")


def _page_body(page: Page, drawn: Callable[[Grid], str], strong: str) -> str:
    """What follows the head, as plain text or Markdown: the grids (``drawn``), the notes and
    the description under their headings (``strong`` around them: ``**`` in Markdown)."""
    text = "".join("\n" + drawn(g) for g in page.grids)
    if page.notes:
        notes = "".join(f"- {note}\n" for note in page.notes)
        text += f"\n{strong}{page.headings[0]}{strong}\n\n" + notes
    if page.description:
        text += f"\n{strong}{page.headings[1]}{strong}\n\n" + page.description.rstrip() + "\n"
    return text


def proposal_csv(p: Proposal, figures: dict[int, Figures], dialect: Dialect = PLAIN) -> str:
    """Long, like ``summary --format csv``: one line per year of the proposal's ``figures``
    (``id,title,year,savings,…,fte``), numbers plain."""
    rows: list[list[Cell]] = [
        [p.id, p.title, year, *(csv_metric(m, getattr(f, m)) for m in METRICS)]
        for year, f in figures.items()
    ]
    return csv_table(["id", "title", "year", *METRICS], rows, dialect)


def proposal_json(p: Proposal, level: Level | None = None) -> str:
    """A proposal's data as JSON (years as string keys, FTE and amounts as plain numbers), and
    the prices its amounts are in (``price_level``, null if not stated)."""

    def plain(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, Decimal):
            return json_number(value)
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    doc = {**plain(p), "price_level": level_json(level)}
    import json  # only JSON output needs it

    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def page_blocks(page: Page) -> View:
    """``show``'s page for a terminal: the same parts as ``proposal_plain``."""
    shown: View = [Line(page.title, bold=True), BLANK, Pairs(tuple(page.head))]
    for grid in page.grids:
        shown += [BLANK, Table(grid)]
    if page.notes:
        shown += [BLANK, Line(page.headings[0], bold=True), BLANK, Bullets(tuple(page.notes))]
    if page.description:
        shown += [BLANK, Line(page.headings[1], bold=True), BLANK, Paragraph(page.description)]
    return shown


SHOW: Renderers[Shown] = Renderers(
    lambda s, reading: proposal_plain(shown_page(s, reading)),
    lambda s, reading: proposal_markdown(shown_page(s, reading)),
    lambda s: proposal_json(s.proposal, level_of(s.meta)),
    lambda s, dialect: proposal_csv(s.proposal, s.figures, dialect),
    lambda s, reading, width: page_blocks(shown_page(s, reading)),
)
