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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: what a spreadsheet reads as the start of a formula (OWASP, "CSV Injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: the mark put before such a text, and before a text that begins with it
QUOTE = "'"
#: CSV's own quotation mark, around a field that holds a comma, a line end or itself
QUOTE_MARK = '"'


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


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Number):
        return value.text
    if isinstance(value, int):
        return str(value)
    return text_cell(value)


def csv_table(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """The CSV of ``header`` and ``rows``: each text cell by ``text_cell``, ``\n`` line ends."""
    lines = [[text_cell(name) for name in header]]
    lines += [[_cell(value) for value in row] for row in rows]
    return "".join(_line(fields) for fields in lines)


def _line(fields: list[str]) -> str:
    """A CSV line as the csv module writes it (RFC 4180's quoting, where it is needed), but a
    carriage return is quoted too: the csv module leaves it bare when lines end in ``\n``,
    and a reader then takes it for the end of a line."""
    quoted = [
        f'"{f.replace(QUOTE_MARK, QUOTE_MARK * 2)}"' if _needs_quotes(f) else f for f in fields
    ]
    return ",".join(quoted if quoted != [""] else ['""']) + "\n"


def _needs_quotes(field: str) -> bool:
    return any(c in field for c in ',"\n\r')
