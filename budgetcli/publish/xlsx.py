"""The budget as an Excel workbook (``budgetcli export --format xlsx``): pure, a publication in,
the bytes of an .xlsx out.

Each sheet is an Excel table (a style, a header row, an autofilter) under a few lines that say
whose budget it is and in which unit and prices, with the header row frozen. Every figure is a
number cell written as the publication holds it (nothing is added up here): amounts as ``int``
with ``#,##0`` (Excel shows it with the reader's separators, ``1.200`` in Danish), FTE
``0.0#``, per cent ``0.0``.

xlsxwriter is imported only when a workbook is made (start-up time), and has no type hints:
it is reached through the typed protocols below.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol, cast

from budgetcli.core.calc import METRICS, Figures, Share, group_of
from budgetcli.core.domain import Proposal
from budgetcli.core.errors import UnwritableFigureError
from budgetcli.core.publication import Publication, first_unfit
from budgetcli.core.vocab import GroupBy
from budgetcli.text.numbers import METRIC_HEADERS, amounts_label

# --- the few parts of xlsxwriter used, typed -----------------------------------------------


class _Format(Protocol):
    """An xlsxwriter cell format (opaque here)."""


class _Sheet(Protocol):
    def write_string(self, row: int, col: int, string: str, fmt: _Format | None = None) -> int: ...

    def write_number(
        self, row: int, col: int, number: float, fmt: _Format | None = None
    ) -> int: ...

    def write_blank(self, row: int, col: int, blank: None, fmt: _Format | None = None) -> int: ...

    def add_table(
        self, first_row: int, first_col: int, last_row: int, last_col: int, options: dict[str, Any]
    ) -> object: ...

    def freeze_panes(self, row: int, col: int) -> object: ...

    def set_column(self, first_col: int, last_col: int, width: float) -> object: ...


class _Book(Protocol):
    def add_worksheet(self, name: str) -> _Sheet: ...

    def add_format(self, properties: dict[str, Any]) -> _Format: ...

    def set_properties(self, properties: dict[str, str]) -> object: ...

    def close(self) -> None: ...


# --- what a sheet holds --------------------------------------------------------------------


class Kind(Enum):
    """What a column holds, and so how its cells are written."""

    TEXT = "text"
    YEAR = "year"
    AMOUNT = "amount"  # an int of the unit
    FTE = "fte"  # a Decimal
    PERCENT = "percent"  # a Decimal, one decimal


#: the number format of each kind of number column (a year and text: none)
FORMATS = {Kind.AMOUNT: "#,##0", Kind.FTE: "0.0#", Kind.PERCENT: "0.0"}

Value = str | int | Decimal | None


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header and how its cells are formatted (``FORMATS``)."""

    header: str
    kind: Kind


@dataclass(frozen=True)
class Table:
    """A sheet: its name (also the table's), its columns and rows (``None``: an empty cell)."""

    name: str
    columns: list[Column]
    rows: list[list[Value]]


#: the table's header is on this row (0-based), under the title lines and a blank row
HEADER_ROW = 4
STYLE = "Table Style Medium 2"
#: column widths, in characters: at least (a header's filter button), at most (long titles)
MIN_WIDTH, MAX_WIDTH = 6, 60


def _kind_of(metric: str) -> Kind:
    return Kind.FTE if metric == "fte" else Kind.AMOUNT


def _figures(f: Figures, metrics: Sequence[str] = METRICS) -> list[Value]:
    return [getattr(f, m) for m in metrics]


def overview(pub: Publication) -> Table:
    """One row per area (as ``summary`` groups them) and year, then the total of each year."""
    columns = [Column("Area", Kind.TEXT), Column("Year", Kind.YEAR)]
    columns += [Column(METRIC_HEADERS[m], _kind_of(m)) for m in METRICS]
    columns += [
        Column("Budget", Kind.AMOUNT),
        Column("After", Kind.AMOUNT),
        Column("Change %", Kind.PERCENT),
    ]
    summary = pub.by_area
    rows: list[list[Value]] = []
    for row in summary.rows:
        for year, f in row.years.items():
            share = row.shares.get(year) if row.shares else None
            rows.append([row.label, year, *_figures(f), *_share(share)])
    for year, f in summary.total.items():
        rows.append(["Total", year, *_figures(f), None, None, None])
    return Table("Overview", columns, rows)


def _share(share: Share | None) -> list[Value]:
    if share is None:
        return [None, None, None]
    return [share.budget, share.after, share.percent]


#: a proposal's figures per year on the proposals sheet
PROPOSAL_METRICS = ("net", "inside_service_frame", "outside_service_frame", "construction", "fte")


def proposals(pub: Publication) -> Table:
    """One row per proposal: what it is, then its figures in each year."""
    columns = [
        Column(name, Kind.TEXT)
        for name in ("Id", "Title", "Kind", "Status", "Committee", "Areas", "Centre")
    ]
    columns += [
        Column(f"{year} {_lower(METRIC_HEADERS[m])}", _kind_of(m))
        for year in pub.meta.years
        for m in PROPOSAL_METRICS
    ]
    rows: list[list[Value]] = []
    for p in pub.proposals:
        figures = pub.figures[p.id]
        cells: list[Value] = [*_about(pub, p)]
        for year in pub.meta.years:
            cells += _figures(figures[year], PROPOSAL_METRICS)
        rows.append(cells)
    return Table("Proposals", columns, rows)


def _lower(header: str) -> str:
    """``Inside frame`` -> ``inside frame``; an abbreviation (``FTE``) stays as it is."""
    return header if header.isupper() else header.lower()


def _about(pub: Publication, p: Proposal) -> list[Value]:
    # the committee as the summary by committee counts it (the areas' when the file names none)
    _, committee = group_of(p, GroupBy.COMMITTEE, pub.meta)
    return [
        p.id,
        p.title,
        p.kind.value,
        p.status.value,
        committee,
        " & ".join(p.areas),
        p.center,
    ]


def _years(pub: Publication, amounts: dict[int, int]) -> list[Value]:
    """A series in each of the budget's years (a year it leaves out is 0, as in the files)."""
    return [amounts.get(year, 0) for year in pub.meta.years]


def _year_columns(pub: Publication) -> list[Column]:
    return [Column(str(year), Kind.AMOUNT) for year in pub.meta.years]


def components(pub: Publication) -> Table:
    """The a)/b) lines of each proposal (savings, investments), per year."""
    columns = [Column(name, Kind.TEXT) for name in ("Id", "Type", "Label")] + _year_columns(pub)
    rows = [
        [p.id, c.type, c.label, *_years(pub, c.amounts)]
        for p in pub.proposals
        for c in p.components
    ]
    return Table("Components", columns, rows)


def allocations(pub: Publication) -> Table:
    """Each proposal's amounts by function area and by cost centre, per year."""
    columns = [Column(name, Kind.TEXT) for name in ("Id", "Kind", "Code")] + _year_columns(pub)
    rows: list[list[Value]] = []
    for p in pub.proposals:
        if p.allocations is None:
            continue
        for kind, parts in (
            ("function area", p.allocations.function_areas),
            ("cost centre", p.allocations.cost_centers),
        ):
            rows += [[p.id, kind, code, *_years(pub, amounts)] for code, amounts in parts.items()]
    return Table("Allocations", columns, rows)


#: the frame position's columns: (header, FrameYear attribute). The frame's amount is not
#: headed "Frame" as the first column is: an Excel table's headers must differ.
FRAME_FIELDS = (
    ("Frame amount", "frame"),
    ("Baseline", "baseline"),
    ("Decided", "decided"),
    ("After decided", "after_decided"),
    ("Deviation decided", "deviation_decided"),
    ("Undecided", "undecided"),
    ("After", "after"),
    ("Deviation", "deviation"),
)


def frames(pub: Publication) -> Table | None:
    """The frame position (service, construction) per year; ``None``: areas.yaml has none."""
    if pub.frames is None:
        return None
    columns = [Column("Frame", Kind.TEXT), Column("Year", Kind.YEAR)]
    columns += [Column(header, Kind.AMOUNT) for header, _ in FRAME_FIELDS]
    rows: list[list[Value]] = [
        [f.name, year, *(getattr(fy, name) for _, name in FRAME_FIELDS)]
        for f in pub.frames.frames
        for year, fy in f.years.items()
    ]
    return Table("Frames", columns, rows)


def tables(pub: Publication) -> list[Table]:
    """The workbook's sheets, in order (Frames only when areas.yaml has frames)."""
    found = [overview(pub), proposals(pub), components(pub), allocations(pub), frames(pub)]
    return [t for t in found if t is not None]


def heading(pub: Publication) -> list[str]:
    """The lines above each table: whose budget, the unit and prices, the statuses counted."""
    meta = pub.meta
    return [
        f"{meta.municipality} · {meta.title}",
        f"Amounts in {amounts_label(meta.unit, pub.level)}",
        f"Status: {', '.join(s.value for s in pub.statuses)}",
    ]


# --- writing -------------------------------------------------------------------------------


#: Excel keeps every number as a double: a whole number is exact up to this (2**53 - 1), a
#: decimal to 15 significant digits (what Excel shows)
EXCEL_EXACT = 2**53 - 1
EXCEL_DIGITS = 15


def exact_in_excel(value: int | Decimal) -> bool:
    """``value`` is what Excel would show of it, written as a number cell."""
    if isinstance(value, Decimal):
        return len(value.as_tuple().digits) <= EXCEL_DIGITS
    return -EXCEL_EXACT <= value <= EXCEL_EXACT


def workbook(pub: Publication) -> bytes:
    """The publication as the bytes of an .xlsx workbook; ``UnwritableFigureError`` if a
    figure of it is beyond what Excel holds exactly (it would show another one)."""
    if (unfit := first_unfit(pub, exact_in_excel)) is not None:
        raise UnwritableFigureError(
            f"the workbook cannot hold {unfit} exactly: Excel keeps a number as a double, a "
            f"whole number exact up to {EXCEL_EXACT}, a decimal to {EXCEL_DIGITS} digits, and "
            "would show another figure; nothing was written (--format sqlite holds whole "
            "numbers of up to 18 digits exactly)"
        )
    xlsxwriter = importlib.import_module("xlsxwriter")  # untyped: reached through _Book

    out = io.BytesIO()
    book = cast(_Book, xlsxwriter.Workbook(out, {"in_memory": True}))
    meta = pub.meta
    lines = heading(pub)
    book.set_properties(
        {
            "title": lines[0],
            "subject": f"Budget proposals; {lines[1].lower()}; {lines[2].lower()}",
            "company": meta.municipality,
            "comments": pub.command,
            "keywords": "budgetcli",
        }
    )
    formats = {kind: book.add_format({"num_format": code}) for kind, code in FORMATS.items()}
    bold = book.add_format({"bold": True, "font_size": 13})
    for table in tables(pub):
        sheet = book.add_worksheet(table.name)
        sheet.write_string(0, 0, lines[0], bold)
        for i, line in enumerate(lines[1:], start=1):
            sheet.write_string(i, 0, line)
        _write_table(sheet, table, formats)
    book.close()
    return out.getvalue()


def _write_table(sheet: _Sheet, table: Table, formats: dict[Kind, _Format]) -> None:
    first = HEADER_ROW + 1
    for r, row in enumerate(table.rows, start=first):
        for c, (column, value) in enumerate(zip(table.columns, row, strict=True)):
            fmt = formats.get(column.kind)
            if value is None:
                sheet.write_blank(r, c, None, fmt)
            elif isinstance(value, str):
                # write_string, never write: a title that starts with "=" is text, not a formula
                sheet.write_string(r, c, value, fmt)
            elif isinstance(value, Decimal):
                # Excel stores every number as a double: an FTE or a per cent (at most two
                # decimals) becomes one only here, in the cell, and is never computed with
                sheet.write_number(r, c, float(value), fmt)
            else:
                sheet.write_number(r, c, value, fmt)
    # an Excel table needs a row under its header: an empty sheet has one blank row
    last = HEADER_ROW + max(len(table.rows), 1)
    sheet.add_table(
        HEADER_ROW,
        0,
        last,
        len(table.columns) - 1,
        {
            "name": table.name,
            "style": STYLE,
            "autofilter": True,
            "header_row": True,
            "columns": [{"header": column.header} for column in table.columns],
        },
    )
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    for c, column in enumerate(table.columns):
        sheet.set_column(c, c, _width(column, [row[c] for row in table.rows]))


def _width(column: Column, values: Sequence[Value]) -> int:
    """Wide enough for the header (and its filter button) and the widest cell as shown."""
    shown = [len(_shown(column.kind, v)) for v in values if v is not None]
    widest = max([len(column.header) + 3, *(n + 2 for n in shown)])
    return min(max(widest, MIN_WIDTH), MAX_WIDTH)


def _shown(kind: Kind, value: str | int | Decimal) -> str:
    """About what Excel shows in a cell (for its width only)."""
    if isinstance(value, str):
        return value
    if kind is Kind.AMOUNT:
        return f"{value:,}"
    if kind is Kind.FTE:
        return f"{value:,.2f}"
    if kind is Kind.PERCENT:
        return f"{value:.1f}"
    return str(value)
