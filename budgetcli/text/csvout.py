"""CSV as every command writes it (``--format csv``): one writer, and one rule for its text.

A spreadsheet takes a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return for a formula, and text from the data (a title, an id, a committee, an area's name, a
forecast's label …) may begin so: opened in a spreadsheet, ``=HYPERLINK(…)`` in a title would be
a live formula (CSV injection). So a text cell that begins with one of them is written with a
single quote before it, as OWASP advises: a spreadsheet shows it as text. A text cell that
begins with a quote gets one more, so that the rule can be undone: a program reading the CSV
gets the text back by taking one leading quote off a text cell that has one (``unquoted``).

Numbers are not text, and stay numbers (``-600`` is a figure, not a formula): a figure is given
as an ``int`` or as a ``Number`` (formatted already, ``-600``, ``-4.9``) and written as it is.

Two dialects (``Dialect``), the same cells in each: ``PLAIN`` (``--format csv``: ``,`` between
fields, ``.`` in a decimal, ``\n`` line ends, no byte-order mark: what scripts read) and
``EXCEL_DA`` (``--format csv-excel-da``: what Excel in a Danish locale opens with a
double-click: ``;`` between fields, since Danish Excel takes ``,`` for the decimal sign; ``,``
in a decimal; no thousands separator, which Excel would have to guess; UTF-8 with a byte-order
mark, without which Excel reads the bytes as Windows-1252 and shows ``Ã¸`` for ``ø``; ``\r\n``
line ends, as Excel writes its own CSV; a line end inside a cell stays as it is, in quotes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from budgetcli.core.lazyclasses import dataclass

#: what a spreadsheet reads as the start of a formula (OWASP, "CSV Injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: the mark put before such a text, and before a text that begins with it
QUOTE = "'"
#: CSV's own quotation mark, around a field that holds a comma, a line end or itself
QUOTE_MARK = '"'


class Dialect(NamedTuple):
    """How a table's cells are written: what separates fields, the decimal sign, what ends a
    line, and what comes before the first byte (a byte-order mark, or nothing). A NamedTuple:
    two are made on every start-up, and a NamedTuple costs a tenth of a dataclass to declare."""

    delimiter: str
    decimal: str
    line_end: str
    start: str


#: ``--format csv``: as the csv module writes it, plain numbers
PLAIN = Dialect(delimiter=",", decimal=".", line_end="\n", start="")
#: ``--format csv-excel-da``: as Excel in a Danish locale reads and writes CSV
EXCEL_DA = Dialect(delimiter=";", decimal=",", line_end="\r\n", start="\ufeff")


@dataclass(frozen=True)
class Number:
    """A number as its CSV cell shows it (``-600``, ``-4.9``; empty: none), never quoted."""

    text: str


#: a CSV cell: text (quoted if it could be a formula), a whole number, a formatted number, or
#: nothing (an empty cell)
Cell = str | int | Number | None


def text_cell(text: str) -> str:
    """``text`` as a CSV cell: a quote before it if it begins as a formula or with a quote."""
    return QUOTE + text if text.startswith((*FORMULA_STARTS, QUOTE)) else text


def unquoted(cell: str) -> str:
    """A text cell read back as the text it was written from (``text_cell`` undone)."""
    return cell.removeprefix(QUOTE)


def _cell(value: Cell, dialect: Dialect) -> str:
    if value is None:
        return ""
    if isinstance(value, Number):  # plain already (``-4.9``): only its decimal sign changes
        return value.text.replace(".", dialect.decimal)
    if isinstance(value, int):
        return str(value)
    return text_cell(value)


def csv_table(
    header: Sequence[str], rows: Iterable[Sequence[Cell]], dialect: Dialect = PLAIN
) -> str:
    """The CSV of ``header`` and ``rows`` in ``dialect``: each text cell by ``text_cell``."""
    lines = [[text_cell(name) for name in header]]
    lines += [[_cell(value, dialect) for value in row] for row in rows]
    return dialect.start + "".join(_line(fields, dialect) for fields in lines)


def _line(fields: list[str], dialect: Dialect) -> str:
    """A CSV line as the csv module writes it (RFC 4180's quoting, where it is needed), but a
    carriage return is quoted too: the csv module leaves it bare when lines end in ``\n``,
    and a reader then takes it for the end of a line."""
    quoted = [
        f'"{f.replace(QUOTE_MARK, QUOTE_MARK * 2)}"' if _needs_quotes(f, dialect) else f
        for f in fields
    ]
    return dialect.delimiter.join(quoted if quoted != [""] else ['""']) + dialect.line_end


def _needs_quotes(field: str, dialect: Dialect) -> bool:
    return any(c in field for c in (dialect.delimiter, QUOTE_MARK, "\n", "\r"))
