"""The budget as an Excel workbook (``budgetcli export --format xlsx``): pure, a publication in,
the bytes of an .xlsx out, in the budget's language (``publish.xlsxlayout`` says what each
sheet holds; this module writes it).

The budget sheets and the frames are laid out as the budget documents are, their subtotals and
totals formulas (``SUM``) with their values stored, so Excel, LibreOffice and a program
(openpyxl's ``data_only``) read the same figures; the proposals, components and allocations are
Excel tables with no total inside them (a PivotTable, a filter or a ``SUM`` of a column counts
each figure once), their totals under them. Every figure is a number cell as the publication
holds it: amounts ``#,##0`` (Danish Excel shows ``-1.200``), FTE ``#,##0.0``, per cent ``0.0``.
Each sheet prints landscape on A4, one page wide, its heading rows on every page, the budget's
name and its unit and prices in the header, the page number in the footer.

xlsxwriter is imported only when a workbook is made (start-up time), and has no type hints:
it is reached through the typed protocols below.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, Protocol, cast

from budgetcli.core.calc import Figures, Row
from budgetcli.core.errors import UnwritableFigureError
from budgetcli.core.publication import Publication, first_unfit
from budgetcli.publish.xlsxlayout import (
    BudgetSheet,
    Column,
    FrameBlock,
    Kind,
    Table,
    Value,
    budget_sheets,
    frame_blocks,
    heading,
    tables,
)
from budgetcli.text.i18n import LANGUAGES, Language, language

# --- the few parts of xlsxwriter used, typed -----------------------------------------------


class _Format(Protocol):
    """An xlsxwriter cell format (opaque here)."""


class _Sheet(Protocol):
    def write_string(self, row: int, col: int, string: str, fmt: _Format | None = None) -> int: ...

    def write_number(
        self, row: int, col: int, number: float, fmt: _Format | None = None
    ) -> int: ...

    def write_blank(self, row: int, col: int, blank: None, fmt: _Format | None = None) -> int: ...

    def write_formula(
        self, row: int, col: int, formula: str, fmt: _Format | None, value: float
    ) -> int: ...

    def merge_range(
        self, first_row: int, first_col: int, last_row: int, last_col: int, data: str, fmt: _Format
    ) -> int: ...

    def set_row(self, row: int, height: float | None, fmt: _Format | None = None) -> object: ...

    def set_landscape(self) -> object: ...

    def set_paper(self, paper: int) -> object: ...

    def fit_to_pages(self, width: int, height: int) -> object: ...

    def repeat_rows(self, first_row: int, last_row: int) -> object: ...

    def set_header(self, header: str) -> object: ...

    def set_footer(self, footer: str) -> object: ...

    def set_margins(self, left: float, right: float, top: float, bottom: float) -> object: ...

    def hide_gridlines(self, option: int) -> object: ...

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


def workbook(pub: Publication, lang: Language | None = None) -> bytes:
    """The publication as the bytes of an .xlsx workbook, in ``lang`` (``None``: the budget's
    own); ``UnwritableFigureError`` if a figure of it is beyond what Excel holds exactly (it
    would show another one)."""
    if (unfit := first_unfit(pub, exact_in_excel)) is not None:
        raise UnwritableFigureError(
            f"the workbook cannot hold {unfit} exactly: Excel keeps a number as a double, a "
            f"whole number exact up to {EXCEL_EXACT}, a decimal to {EXCEL_DIGITS} digits, and "
            "would show another figure; nothing was written (--format sqlite holds whole "
            "numbers of up to 18 digits exactly)"
        )
    lang = lang if lang is not None else language(budget_language(pub))
    xlsxwriter = importlib.import_module("xlsxwriter")  # untyped: reached through _Book
    out = io.BytesIO()
    book = cast(_Book, xlsxwriter.Workbook(out, {"in_memory": True}))
    lines = heading(pub, lang)
    book.set_properties(
        {
            "title": lines[0],
            "subject": f"{lines[1]}; {lines[2]}",
            "company": pub.meta.municipality,
            "comments": pub.command,
            "keywords": "budgetcli",
        }
    )
    writer = _Writer(book, _styles(book, pub), lines, lang)
    for sheet in budget_sheets(pub, lang):
        writer.budget_sheet(sheet, pub.meta.years)
    if blocks := frame_blocks(pub, lang):
        _frames(writer, lang.gettext("Frames"), blocks, pub.meta.years)
    for table in tables(pub, lang):
        writer.table(table)
    book.close()
    return out.getvalue()


def budget_language(pub: Publication) -> str:
    """The workbook's language: ``pub.meta.language`` (the command line sets it from
    ``--lang``, the budget's own or the locale); a budget that names none, or one budgetcli
    does not speak, gives the Danish workbook, as the documents are."""
    code = pub.meta.language
    return code if code in LANGUAGES else "da"


# --- the cell formats ----------------------------------------------------------------------


#: the rows above a sheet's first heading row: the budget's name, the sheet's subject, the
#: amounts' unit and prices, the statuses counted, a blank row
TOP = 5
#: a table's header row: under its groups' headings
HEAD = TOP + 1
#: the number formats: amounts as whole numbers with thousands (Danish Excel: ``-1.200``)
AMOUNT = "#,##0"
PERCENT = "0.0"
_BORDERS: dict[str, dict[str, Any]] = {
    "plain": {},
    "level": {"bold": True},
    "subtotal": {"bold": True, "top": 1},
    "total": {"bold": True, "top": 1, "bottom": 6},
}


def _fte_format(pub: Publication) -> str:
    """One decimal, as the documents write FTE; two if a proposal's FTE has two (a figure is
    shown whole, never rounded)."""
    two = any(
        f.fte.normalize().as_tuple().exponent < -1  # type: ignore[operator]
        for figures in pub.figures.values()
        for f in figures.values()
    )
    return "#,##0.00" if two else "#,##0.0"


def _styles(book: _Book, pub: Publication) -> dict[str, _Format]:
    """The workbook's cell formats by name: ``title``, ``subject``, ``group``, ``head``,
    ``head-number``, ``text``, ``label``, ``committee``; and ``<kind>-<weight>`` for a figure,
    ``label-<weight>`` for its row's label."""
    numbers = {Kind.AMOUNT: AMOUNT, Kind.FTE: _fte_format(pub), Kind.PERCENT: PERCENT}
    top = {"valign": "top"}
    wrap = {"text_wrap": True, **top}
    head = {"bold": True, "bottom": 1, "bg_color": "#DDEBF7", **wrap}
    formats: dict[str, dict[str, Any]] = {
        "title": {"bold": True, "font_size": 13},
        "subject": {"italic": True},
        "group": {**head, "align": "center", "left": 1, "right": 1},
        "head": head,
        "head-number": {**head, "align": "right"},
        "text": wrap,
        "label": {**wrap, "indent": 1},
        "committee": {"bold": True, **wrap},
    }
    for weight, border in _BORDERS.items():
        formats[f"label-{weight}"] = {**wrap, **border}
        for kind, code in numbers.items():
            formats[f"{kind.value}-{weight}"] = {"num_format": code, **top, **border}
    return {name: book.add_format(properties) for name, properties in formats.items()}


def _cell(row: int, col: int) -> str:
    """``(5, 2)`` -> ``C6``: a cell as a formula names it."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row + 1}"


def _number(value: int | Decimal) -> float:
    # Excel stores every number as a double: an FTE or a per cent (at most two decimals)
    # becomes one only here, in the cell, and is never computed with
    return float(value) if isinstance(value, Decimal) else value


# --- the sheets ----------------------------------------------------------------------------


#: a column's width, in characters: a figure's column at least; a label's at most
FIGURE_WIDTH, LABEL_WIDTH = 9, 56
#: A4, in XlsxWriter's paper codes
A4 = 9


def _escaped(text: str) -> str:
    """A text in a page header: ``&`` starts a code there, ``&&`` is one."""
    return text.replace("&", "&&")


def _shown(kind: Kind, value: Value) -> str:
    """About what Excel shows in a cell (for its width only)."""
    if value is None:
        return ""
    if isinstance(value, str) or kind is Kind.TEXT:
        return str(value)
    if kind is Kind.AMOUNT:
        return f"{value:,}"
    return f"{value:,.2f}"


#: a subtotal's or the total's figures by year, and the spans of rows (first, last) it sums
Sums = tuple[dict[int, Figures], list[tuple[int, int]]]


def _cells(s: BudgetSheet, row: Row, years: list[int]) -> Iterator[tuple[int, Kind, Value]]:
    """(column, kind, figure) of each cell of a row of a budget sheet."""
    for g, group in enumerate(s.groups):
        for y, year in enumerate(years):
            yield 1 + g * len(years) + y, group.kind, group.of(row, year)


class _Writer:
    """Writes the sheets of one workbook in its formats, each under the budget's heading."""

    def __init__(self, book: _Book, styles: dict[str, _Format], lines: list[str], lang: Language):
        self.book, self.styles, self.lines, self.lang = book, styles, lines, lang
        self.names: list[str] = []  # the sheets' names so far

    def _unique(self, name: str) -> str:
        """``name``, or ``name (2)`` … when a sheet has it already (Excel compares sheet names
        without case; two follow-ups may be named alike), within Excel's 31 characters."""
        taken = {n.casefold() for n in self.names}
        shown, n = name, 1
        while shown.casefold() in taken:
            n += 1
            shown = f"{name[: 31 - len(f' ({n})')]} ({n})"
        self.names.append(shown)
        return shown

    def sheet(self, name: str, subject: str, repeat: bool = True) -> _Sheet:
        """A new sheet: the heading lines, then, for print, landscape A4 one page wide, the
        two heading rows from ``TOP`` on every page (``repeat``), the budget's name and unit in the header
        and the page number in the footer."""
        sheet = self.book.add_worksheet(self._unique(name))
        sheet.write_string(0, 0, self.lines[0], self.styles["title"])
        sheet.write_string(1, 0, subject, self.styles["subject"])
        sheet.write_string(2, 0, self.lines[1])
        sheet.write_string(3, 0, self.lines[2])
        sheet.set_landscape()
        sheet.set_paper(A4)
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(0.5, 0.5, 0.75, 0.75)
        if repeat:
            sheet.repeat_rows(TOP, TOP + 1)
        sheet.set_header(f'&L&"-,Bold"{_escaped(self.lines[0])}&R{_escaped(self.lines[1])}')
        page = self.lang.gettext("Page {page} of {pages}").format(page="&P", pages="&N")
        sheet.set_footer(f"&L{_escaped(subject)}&R{page}")
        return sheet

    def figure(
        self, sheet: _Sheet, row: int, col: int, kind: Kind, value: Value, weight: str
    ) -> None:
        fmt = self.styles[f"{kind.value}-{weight}"]
        if value is None or isinstance(value, str):
            sheet.write_blank(row, col, None, fmt)
        else:
            sheet.write_number(row, col, _number(value), fmt)

    def budget_sheet(self, s: BudgetSheet, years: list[int]) -> None:
        """Per committee its name, its areas and its subtotal; then the total."""
        sheet = self.sheet(s.name, s.subject)
        self._group_heads(sheet, s, years)
        labels = [c.row.label for c in s.committees]
        labels += [a.label for c in s.committees for a in c.areas]
        width = min(max([24, *(len(t) + 3 for t in labels)]), LABEL_WIDTH)
        sheet.set_column(0, 0, width)
        row, subtotals = TOP + 2, []
        for committee in s.committees:
            sheet.write_string(row, 0, committee.row.label, self.styles["committee"])
            _fit_height(sheet, row, [(committee.row.label, width)])
            first = row + 1
            for area in committee.areas:
                row += 1
                sheet.write_string(row, 0, area.label, self.styles["label"])
                _fit_height(sheet, row, [(area.label, width - 2)])
                for col, kind, value in _cells(s, area, years):
                    self.figure(sheet, row, col, kind, value, "plain")
            row += 1
            if s.total is not None:
                label = self.lang.gettext("Total, {committee}").format(
                    committee=committee.row.label
                )
                spans = [(first, row - 1)] if row > first else []
                _fit_height(sheet, row, [(label, width)])
                self._sums(sheet, row, label, s, (committee.row.years, spans), "subtotal")
                subtotals.append(row)
                row += 1
            row += 1
        if s.total is not None:
            sums = (s.total, [(r, r) for r in subtotals])
            self._sums(sheet, row, self.lang.gettext("Total"), s, sums, "total")
        sheet.freeze_panes(TOP + 2, 1)

    def _group_heads(self, sheet: _Sheet, s: BudgetSheet, years: list[int]) -> None:
        sheet.write_blank(TOP, 0, None, self.styles["head"])
        heading = self.lang.gettext("Committee and area")
        sheet.write_string(TOP + 1, 0, heading, self.styles["head"])
        for g, group in enumerate(s.groups):
            first = 1 + g * len(years)
            if len(years) > 1:
                last = first + len(years) - 1
                sheet.merge_range(TOP, first, TOP, last, group.header, self.styles["group"])
            else:
                sheet.write_string(TOP, first, group.header, self.styles["group"])
            for y, year in enumerate(years):
                sheet.write_string(TOP + 1, first + y, str(year), self.styles["head-number"])
                shown = [
                    _shown(group.kind, group.of(a, year)) for c in s.committees for a in c.areas
                ]
                total = [] if s.total is None else [_shown(group.kind, group.summed(s.total[year]))]
                width = max([FIGURE_WIDTH, *(len(t) + 2 for t in shown + total)])
                sheet.set_column(first + y, first + y, width)

    def _sums(
        self, sheet: _Sheet, row: int, label: str, s: BudgetSheet, sums: Sums, weight: str
    ) -> None:
        """A subtotal or the total: each cell the sum of ``sums``' spans of its column above
        it, a formula with its value (the publication's figure) stored; without rows above,
        the value."""
        figures, spans = sums
        sheet.write_string(row, 0, label, self.styles[f"label-{weight}"])
        years = list(figures)
        for g, group in enumerate(s.groups):
            for y, year in enumerate(years):
                col = 1 + g * len(years) + y
                value = _number(group.summed(figures[year]))
                fmt = self.styles[f"{group.kind.value}-{weight}"]
                if not spans:
                    sheet.write_number(row, col, value, fmt)
                    continue
                parts = [
                    _cell(a, col) if a == b else f"SUM({_cell(a, col)}:{_cell(b, col)})"
                    for a, b in spans
                ]
                sheet.write_formula(row, col, "=" + "+".join(parts), fmt, value)

    def table(self, t: Table) -> None:
        """An Excel table (a header row, an autofilter, nothing but its rows) and under it
        the total of each column that has one (``SUBTOTAL``: of the rows a filter shows)."""
        sheet = self.sheet(t.sheet, t.subject)
        widths = [_width(column, [row[c] for row in t.rows]) for c, column in enumerate(t.columns)]
        self._table_groups(sheet, t.columns)
        for r, row in enumerate(t.rows, start=HEAD + 1):
            _fit_height(sheet, r, [(v, w) for v, w in zip(row, widths, strict=True)])
            for c, (column, value) in enumerate(zip(t.columns, row, strict=True)):
                if column.kind is not Kind.TEXT:
                    self.figure(sheet, r, c, column.kind, value, "plain")
                elif value is None:
                    sheet.write_blank(r, c, None, self.styles["text"])
                else:
                    # write_string, never write: a title that starts with "=" is text
                    sheet.write_string(r, c, str(value), self.styles["text"])
        # an Excel table needs a row under its header: an empty sheet has one blank row
        last = HEAD + max(len(t.rows), 1)
        # left, as the text columns': a filter button sits at a header's right
        sheet.add_table(
            HEAD,
            0,
            last,
            len(t.columns) - 1,
            {
                "name": t.name,
                "style": STYLE,
                "autofilter": True,
                "header_row": True,
                "columns": [
                    {"header": c.header, "header_format": self.styles["head"]} for c in t.columns
                ],
            },
        )
        if t.totals is not None:
            self._table_totals(sheet, t.totals, last, t.columns)
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width)
        # the header's words wrap under their filter buttons
        _fit_height(
            sheet, HEAD, [(c.header, w - 3) for c, w in zip(t.columns, widths, strict=True)]
        )
        sheet.freeze_panes(HEAD + 1, 1)

    def _table_groups(self, sheet: _Sheet, columns: list[Column]) -> None:
        """The groups' headings over the table's header, each over its columns."""
        c = 0
        while c < len(columns):
            group, last = columns[c].group, c
            while last + 1 < len(columns) and columns[last + 1].group == group:
                last += 1
            if group is not None and last > c:
                sheet.merge_range(TOP, c, TOP, last, group, self.styles["group"])
            elif group is not None:
                sheet.write_string(TOP, c, group, self.styles["group"])
            c = last + 1

    def _table_totals(
        self, sheet: _Sheet, totals: list[Value], last: int, columns: list[Column]
    ) -> None:
        sheet.write_string(last + 1, 0, self.lang.gettext("Total"), self.styles["label-total"])
        for c, value in enumerate(totals):
            if value is None or isinstance(value, str):
                if c:
                    sheet.write_blank(last + 1, c, None, self.styles["label-total"])
                continue
            kind = columns[c].kind
            formula = f"=SUBTOTAL(109,{_cell(HEAD + 1, c)}:{_cell(last, c)})"
            sheet.write_formula(
                last + 1, c, formula, self.styles[f"{kind.value}-total"], _number(value)
            )


def _frames(w: _Writer, name: str, blocks: list[FrameBlock], years: list[int]) -> None:
    """Each frame as the ØPU frame table: a line per step, the years as columns; a line
    that follows from others (the budget after, the deviation) a formula of their cells."""
    subject = w.lang.gettext("The frame position, frame by frame")
    sheet = w.sheet(name, subject, repeat=False)
    row = TOP
    for block in blocks:
        sheet.write_string(row, 0, block.title, w.styles["head"])
        for y, year in enumerate(years):
            sheet.write_string(row, 1 + y, str(year), w.styles["head-number"])
        at: dict[str, int] = {}
        for line in block.lines:
            row += 1
            at[line.figure] = row
            weight = "level" if line.level else "plain"
            sheet.write_string(row, 0, line.label, w.styles[f"label-{weight}"])
            for y, year in enumerate(years):
                col, value = 1 + y, line.value(block.years[year])
                fmt = w.styles[f"amount-{weight}"]
                if line.derived is None:
                    sheet.write_number(row, col, value, fmt)
                    continue
                added, taken = line.derived
                formula = "=" + "+".join(_cell(at[f], col) for f in added)
                formula += "" if taken is None else f"-{_cell(at[taken], col)}"
                sheet.write_formula(row, col, formula, fmt, value)
        row += 3
    labels = [line.label for block in blocks for line in block.lines]
    sheet.set_column(0, 0, min(max([24, *(len(t) + 2 for t in labels)]), LABEL_WIDTH))
    sheet.set_column(1, len(years), 12)
    sheet.freeze_panes(TOP, 1)


STYLE = "Table Style Light 9"
#: a row's height per line of text (points: Excel's default row, Calibri 11)
LINE_HEIGHT = 15


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide (words kept
    whole; about: a little more rather than a line cut)."""
    # a column is ``width`` zeros wide; a text's letters are on average a little narrower
    room, lines, used = max(width * 1.1 - 1, 4), 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, 0
        used += (1 if used else 0) + len(word)
        while used > room:
            lines, used = lines + 1, used - int(room)
    return lines


def _fit_height(sheet: _Sheet, row: int, cells: list[tuple[Value, float]]) -> None:
    """The row as high as its longest wrapped text (Excel and LibreOffice do not always fit
    it themselves)."""
    lines = max([1, *(_lines(v, w) for v, w in cells if isinstance(v, str))])
    if lines > 1:
        sheet.set_row(row, LINE_HEIGHT * lines)


def _width(column: Column, values: Sequence[Value]) -> int:
    """Wide enough for the header's longest word (and its filter button) and the widest cell
    as shown, at most the column's widest (a longer text wraps)."""
    words = max(len(word) for word in column.header.split()) + 4
    shown = [len(_shown(column.kind, v)) + 2 for v in values if v is not None]
    least = FIGURE_WIDTH if column.kind is not Kind.TEXT else 8
    return min(max([words, least, *shown]), max(column.widest, words))
