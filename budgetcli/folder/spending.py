"""Spending to date from the finance system: its export (KMD Opus, Fujitsu Prisme …) read
and summed per area and frame, in øre, exactly (docs/spending.md).

The export is a CSV file of 10,000 to 1,000,000 lines, one an account's spending: a function
code of the municipal chart of accounts (``5.30.27``, ``053027``), often a cost centre, an
amount in kr. written the Danish way (``-1.234,56``), a period. It is read with polars (made
for that size; imported inside ``read_spending`` only, never at start-up), every cell as text;
function codes and periods are decided once per distinct value, by the same Python functions
the rest of budgetcli can call (``function_code``, ``period_of``); the amounts are checked and
made øre by polars' string operations and a cast to its decimal of two places: never a float.

Nothing is dropped silently: a line whose function code, amount or period cannot be read, or
whose code is mapped to no area, is a ``BadLine`` with its line number and why; a file that
cannot be read at all is refused whole, with a ``Said`` that says why.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcli.core.diagnostics import Said, printable, said
from budgetcli.core.lazyclasses import dataclass
from budgetcli.folder.listing import read_regular

if TYPE_CHECKING:
    import polars as pl

#: the largest export read: 1 GiB (a national comparison of every municipality's accounts is a
#: few hundred MB); larger is refused before it is read
MAX_SPENDING_BYTES = 1 << 30
#: the longest cell a message quotes (a longer one is cut, with "…")
SHOWN_CHARS = 40
#: the largest amount of a line: 15 digits of kr. before the decimals (a thousand billion kr.,
#: more than the state's budget); a sum is made in 128 bits, so no sum of a file overflows
MAX_DIGITS = 15

#: the function code as written: ``5.30.27`` (a leading zero allowed: ``05.30.27``), or its
#: digits ``053027`` (also without the leading zero, as a spreadsheet drops it: ``53027``)
_DOTTED = re.compile(r"0?([0-9])\.([0-9]{2})\.([0-9]{2})")
_DIGITS = re.compile(r"0?([0-9])([0-9]{2})([0-9]{2})")
#: the periods read (docs/spending.md), each with the places of its year, month and day
_PERIODS: tuple[tuple[re.Pattern[str], tuple[int | None, int, int | None]], ...] = (
    (re.compile(r"([0-9]{4})-([0-9]{2})"), (1, 2, None)),  # 2024-03
    (re.compile(r"([0-9]{4})([0-9]{2})"), (1, 2, None)),  # 202403
    (re.compile(r"([0-9]{1,2})\.([0-9]{4})"), (2, 1, None)),  # 03.2024, 3.2024
    (re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})"), (1, 2, 3)),  # 2024-03-31
    (re.compile(r"([0-9]{2})-([0-9]{2})-([0-9]{4})"), (3, 2, 1)),  # 31-03-2024
    (re.compile(r"([0-9]{2})\.([0-9]{2})\.([0-9]{4})"), (3, 2, 1)),  # 31.03.2024
    (re.compile(r"([0-9]{1,2})"), (None, 1, None)),  # 3: the month only
)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
#: how a workbook begins (.xlsx: a zip; .xls: an OLE2 compound file), which is not read:
#: docs/spending.md says why
_WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
#: the encodings read, by the name ``codecs.lookup`` gives
ENCODINGS = ("utf-8", "cp1252")
#: how the amounts are written, by the decimal mark: the thousands mark, and an example
_STYLES = {",": (".", "1.234,56, -1234,5 or 1234,56-"), ".": (",", "1,234.56, -1234.5 or 1234.56-")}


@dataclass(frozen=True)
class SpendingFormat:
    """How the export is written: the follow-up's ``spending:`` block (the header of each
    column read, the separator, the decimal mark, the encoding)."""

    function: str  # header of the function-code column
    amount: str  # header of the amount column
    cost_centre: str | None = None
    period: str | None = None
    separator: str = ";"
    decimal: str = ","  # "," (Danish: 1.234,56) or "." (1,234.56 or 1234.56)
    encoding: str = "utf-8"  # utf-8 (a BOM allowed) | cp1252


@dataclass(frozen=True)
class BadLine:
    """A line of the export not summed, and why."""

    line: int  # 1-based line of the file (the header is line 1)
    why: Said


@dataclass(frozen=True)
class Spending:
    """An export read: the sum of its lines per (area code, frame), in øre; how many data
    lines it has (blank lines not counted); every line not summed, in file order. The sums
    hold the good lines only: a caller refuses them when ``bad`` is not empty."""

    sums: dict[tuple[str, str], int]
    lines: int
    bad: tuple[BadLine, ...]


def function_code(text: str) -> str | None:
    """The function code ``text`` writes, as ``5.30.27``: ``"5.30.27"``, ``"053027"``,
    ``" 5.30.27 "``, ``"05.30.27"`` and ``"53027"`` are all ``5.30.27``; ``None`` if ``text``
    is not a function code (the main account is one digit, the others two)."""
    text = text.strip(" \t")
    found = _DOTTED.fullmatch(text) or _DIGITS.fullmatch(text)
    if found is None or not text.isascii():
        return None
    return "{}.{}.{}".format(*found.groups())


def shown(value: str) -> str:
    """A cell as a message quotes it: printable (a control character escaped, it cannot forge
    a line), at most ``SHOWN_CHARS`` characters."""
    cut = value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"
    return printable(cut)


def read_spending(
    path: Path,
    fmt: SpendingFormat,
    accounts: Mapping[tuple[str, str | None], tuple[str, str]],
    until: tuple[int, int] | None = None,
) -> Spending | Said:
    """The export at ``path``, written as ``fmt`` says, summed per (area, frame) by
    ``accounts`` ((function code, cost centre or ``None``) → (area code, frame): a line
    matches its code and cost centre first, then its code alone). With ``until`` (the
    follow-up's cut-off, (year, month)), a line of a later month or of another year is a bad
    line. A ``Said`` when the file cannot be read at all: why, as a clause (``the file is
    empty: it has no header line``); the caller names the file."""
    import polars as pl

    why = _format_refused(fmt)
    if why is not None:
        return why
    data = read_regular(path, MAX_SPENDING_BYTES)
    if isinstance(data, Said):
        return data
    if data.startswith(_WORKBOOKS):
        return said(
            "the file is an Excel workbook, not CSV: save it from Excel as CSV UTF-8 (or have"
            " the finance system export CSV)"
        )
    utf8 = _as_utf8(data, fmt.encoding)
    if isinstance(utf8, Said):
        return utf8
    read = _table(utf8, fmt)
    if isinstance(read, Said):
        return _not_utf8(data, fmt.encoding) or read
    table, cells = read
    rows, targets = _parsed(table, fmt, accounts, until)
    sums, bad = pl.collect_all(
        [
            rows.filter(~pl.col("bad")).group_by("slot").agg(pl.col("ore").sum().to_physical()),
            rows.filter(pl.col("bad")).sort("line"),
        ]
    )
    blank = _blank(bad, cells)
    return Spending(
        {targets[slot]: int(ore) for slot, ore in sums.iter_rows()},
        table.height - blank.len(),
        tuple(_bad_lines(bad.filter(~pl.col("row").is_in(blank.implode())), fmt, until)),
    )


def _format_refused(fmt: SpendingFormat) -> Said | None:
    """Why ``fmt`` cannot describe a CSV file budgetcli reads, or ``None``."""
    if fmt.decimal not in _STYLES:
        return said(
            'the decimal mark {mark} is not one budgetcli reads: "," or "."',
            mark=shown(fmt.decimal),
        )
    if len(fmt.separator) != 1 or fmt.separator in '"\r\n' or not fmt.separator.isascii():
        return said(
            "the separator {separator} is not one budgetcli reads: one character, not a quote"
            " or a line break",
            separator=shown(fmt.separator),
        )
    if _encoding(fmt.encoding) is None:
        return said(
            "the encoding {encoding} is not one budgetcli reads: utf-8 or cp1252",
            encoding=shown(fmt.encoding),
        )
    return None


def _encoding(name: str) -> str | None:
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    return found if found in ENCODINGS else None


def _as_utf8(data: bytes, encoding: str) -> bytes | Said:
    """The file's bytes as UTF-8 without a BOM, or why they are not text in ``encoding``."""
    if _encoding(encoding) == "cp1252":
        try:
            return data.decode("cp1252").encode("utf-8")
        except UnicodeDecodeError as exc:
            return said(
                "the file is not cp1252: the byte {byte} at offset {offset} is no character of it",
                byte="0x" + format(data[exc.start], "02x"),
                offset=exc.start,
            )
    # polars refuses bytes that are not UTF-8: ``_not_utf8`` says where, when it has
    return data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data


def _not_utf8(data: bytes, encoding: str) -> Said | None:
    """Why the file's bytes are not UTF-8 (``None``: they are, or are read as cp1252)."""
    if _encoding(encoding) == "cp1252":
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return said(
            "the file is not UTF-8 text (its byte at offset {offset} is not): if the finance"
            " system writes Windows-1252, say encoding: cp1252",
            offset=exc.start,
        )
    return None


def _table(data: bytes, fmt: SpendingFormat) -> tuple[pl.DataFrame, pl.DataFrame] | Said:
    """The export's lines after the header, twice: the named columns (``function``,
    ``amount``, ``cost_centre``, ``period``), each line with its ``row`` (its place), its
    ``line`` in the file and whether it had more fields than the header (``ragged``); and
    every cell (``c0``, ``c1`` …), which tell a blank line."""
    import polars as pl

    header = _header(data, fmt)
    if isinstance(header, Said):
        return header
    names = _columns(header, fmt)
    if isinstance(names, Said):
        return names
    read = _rows(data, fmt, len(header))
    if isinstance(read, Said):
        return read
    table, ragged = read
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    picked = table.select(
        (row - 1).alias("row"),
        _line_numbers(table, b'"' in data).alias("line"),
        row.is_in(pl.Series(ragged, dtype=pl.Int64).implode()).alias("ragged")
        if ragged
        else pl.lit(False).alias("ragged"),
        *(pl.col(f"c{index}").alias(name) for name, index in names.items()),
    )
    return picked.slice(1), table.slice(1)


def _header(data: bytes, fmt: SpendingFormat) -> list[str] | Said:
    """The header's cells, as polars splits the first line."""
    import polars as pl

    try:
        first = pl.read_csv(
            data,
            has_header=False,
            n_rows=1,
            separator=fmt.separator,
            infer_schema=False,
            truncate_ragged_lines=True,  # the header's width is the first line's
        )
    except pl.exceptions.NoDataError:
        return said("the file is empty: it has no header line")
    except pl.exceptions.PolarsError as exc:
        return _not_csv(exc, fmt)
    if first.height == 0:
        return said("the file is empty: it has no header line")
    return [(cell or "").strip(" \t") for cell in first.row(0)]


def _columns(header: list[str], fmt: SpendingFormat) -> dict[str, int] | Said:
    """Where each named column is in the header, or why one cannot be found (missing, or
    there twice)."""
    wanted = {
        "function": fmt.function,
        "amount": fmt.amount,
        "cost_centre": fmt.cost_centre,
        "period": fmt.period,
    }
    found: dict[str, int] = {}
    for role, name in wanted.items():
        if name is None:
            continue
        places = [i for i, cell in enumerate(header) if cell == name.strip(" \t")]
        if not places:
            return said(
                "the column {name} is not in the header; its columns are {columns}",
                name=shown(name),
                columns=_listed_columns(header),
            )
        if len(places) > 1:
            return said(
                "the column {name} is in the header {count} times: budgetcli cannot tell"
                " which one is meant",
                name=shown(name),
                count=len(places),
            )
        found[role] = places[0]
    return found


def _rows(data: bytes, fmt: SpendingFormat, width: int) -> tuple[pl.DataFrame, list[int]] | Said:
    """Every row of the file (the header first), each cell text, and the rows with more
    fields than the header (found again by Python's csv module only when polars says there
    are some: a decimal comma that is also the separator splits an amount in two)."""
    import polars as pl

    schema = {f"c{i}": pl.String for i in range(width)}
    options = {"has_header": False, "separator": fmt.separator, "schema": schema}
    try:
        return pl.read_csv(data, truncate_ragged_lines=False, **options), []  # type: ignore[arg-type]
    except pl.exceptions.PolarsError as exc:
        # polars says "found more fields than defined in 'Schema'"; were the words to change,
        # the file would be refused whole: never read with a line half read
        if "more fields" not in str(exc):
            return _not_csv(exc, fmt)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _not_csv(ValueError("not UTF-8"), fmt)  # said better by ``_not_utf8``
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=fmt.separator)
    try:
        ragged = [index for index, row in enumerate(rows) if len(row) > width]
    except csv.Error as exc:
        return _not_csv(exc, fmt)
    try:
        return pl.read_csv(data, truncate_ragged_lines=True, **options), ragged  # type: ignore[arg-type]
    except pl.exceptions.PolarsError as exc:
        return _not_csv(exc, fmt)


def _not_csv(exc: Exception, fmt: SpendingFormat) -> Said:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return said(
        "the file cannot be read as CSV with the separator {separator} (is a quote left"
        " open?): {detail}",
        separator=shown(fmt.separator),
        detail=printable(detail[:200]),
    )


def _line_numbers(table: pl.DataFrame, quoted: bool) -> pl.Expr:
    """Each row's first line in the file: its place, plus the line breaks inside quoted
    cells of the rows before it (only a file with a quote can have them)."""
    import polars as pl

    place = pl.int_range(1, pl.len() + 1, dtype=pl.Int64)
    if not quoted:
        return place
    breaks = pl.sum_horizontal(
        pl.col(name).str.count_matches("\n", literal=True).fill_null(0) for name in table.columns
    )
    return place + breaks.cum_sum().shift(1, fill_value=0).cast(pl.Int64)


def _blank(bad: pl.DataFrame, cells: pl.DataFrame) -> pl.Series:
    """The rows of the bad lines that are blank: nothing in any cell but spaces (an empty
    line, or separators only). Such a line holds no spending: it is neither summed nor a bad
    line. Only a line without a function code can be one, so only those are looked at."""
    import polars as pl

    candidates = bad.filter(pl.col("slot") == _NO_CODE)["row"]
    if candidates.is_empty():
        return candidates
    blank = pl.all_horizontal(
        pl.col(name).str.strip_chars(" \t").fill_null("") == "" for name in cells.columns
    )
    return candidates.filter(cells[candidates].select(blank).to_series())


#: why a line's period keeps it out of the sums (``_FINE``: it does not)
_FINE, _MISSING, _UNREAD, _LATER, _OTHER_YEAR = range(5)
#: a line's slot: its (area, frame)'s place in the list of them, or why it has none (its
#: function code is missing, not a code, mapped to no area; or it is mapped by cost centre)
_NO_CODE, _NOT_A_CODE, _UNMAPPED, _BY_CENTRE, _NOT_THIS_CENTRE = -1, -2, -3, -4, -5
Accounts = Mapping[tuple[str, str | None], tuple[str, str]]


def _parsed(
    table: pl.DataFrame, fmt: SpendingFormat, accounts: Accounts, until: tuple[int, int] | None
) -> tuple[pl.LazyFrame, list[tuple[str, str]]]:
    """The lines with their ``slot`` (the place of their (area, frame) in the list given
    beside, or why none), their amount in øre (``ore``, null when it cannot be read), why
    their period is not read (``period_why``), and whether they are ``bad``. Codes and
    periods are decided once per distinct value (an export has thousands of codes and a few
    periods in a million lines), amounts by polars: a lazy query, run on every core."""
    import polars as pl

    targets: list[tuple[str, str]] = []
    lines = _with_slots(table, accounts, targets)
    if "period" in table.columns:
        periods = table["period"].drop_nulls().unique()
        why = [_period_why(value, until) for value in periods]
        period_why = pl.col("period").replace_strict(
            periods, why, default=None, return_dtype=pl.Int8
        )
        lines = lines.with_columns(period_why=period_why.fill_null(_MISSING))
    else:
        lines = lines.with_columns(period_why=pl.lit(_FINE, dtype=pl.Int8))
    lines = lines.with_columns(ore=_ore(fmt.decimal))
    bad = pl.col("ragged") | (pl.col("slot") < 0) | pl.col("ore").is_null()
    return lines.with_columns(bad=bad | (pl.col("period_why") != _FINE)), targets


def _with_slots(
    table: pl.DataFrame, accounts: Accounts, targets: list[tuple[str, str]]
) -> pl.LazyFrame:
    """The lines with their ``slot``, ``targets`` filled with the (area, frame) of each. A
    code mapped by cost centre is decided per (code, cost centre) pair met, and a line of
    such a code matches its pair first, then its code alone."""
    import polars as pl

    places: dict[tuple[str, str], int] = {}
    centred = {code for code, centre in accounts if centre is not None}
    if "cost_centre" not in table.columns:
        centred = set()
    codes = table["function"].drop_nulls().unique()
    slots = [_slot(code, accounts, centred, places) for code in codes]
    slot = pl.col("function").replace_strict(codes, slots, default=None, return_dtype=pl.Int32)
    lines = table.lazy().with_columns(slot=slot.fill_null(_NO_CODE))
    if _BY_CENTRE in slots:
        pairs = table.filter(
            pl.col("function").is_in(codes.filter(pl.Series(slots) == _BY_CENTRE).implode())
        )
        pairs = pairs.select("function", "cost_centre").unique()
        decided = [
            _centre_slot(code, centre, accounts, places) for code, centre in pairs.iter_rows()
        ]
        pairs = pairs.with_columns(pl.Series("by_centre", decided, dtype=pl.Int32))
        lines = (
            lines.join(pairs.lazy(), on=["function", "cost_centre"], how="left", nulls_equal=True)
            .with_columns(slot=pl.coalesce("by_centre", "slot"))
            .drop("by_centre")
        )
    targets.extend(sorted(places, key=places.__getitem__))
    return lines


def _slot(
    code: str, accounts: Accounts, centred: set[str], places: dict[tuple[str, str], int]
) -> int:
    """A function code's slot by the code alone (``_BY_CENTRE`` if some of its lines are
    mapped by their cost centre)."""
    if not code.strip(" \t"):
        return _NO_CODE
    canonical = function_code(code)
    if canonical is None:
        return _NOT_A_CODE
    if canonical in centred:
        return _BY_CENTRE
    found = accounts.get((canonical, None))
    return _UNMAPPED if found is None else places.setdefault(found, len(places))


def _centre_slot(
    code: str, centre: str | None, accounts: Accounts, places: dict[tuple[str, str], int]
) -> int:
    """The slot of a line whose code is mapped by cost centre: its pair's, else its code's."""
    canonical = function_code(code)
    found = accounts.get((canonical or "", _centre(centre) or ""))
    found = found or accounts.get((canonical or "", None))
    return _NOT_THIS_CENTRE if found is None else places.setdefault(found, len(places))


def _centre(cell: str | None) -> str | None:
    """A cost centre as it is compared: the cell without spaces around it; none if empty."""
    centre = (cell or "").strip(" \t")
    return centre or None


def period_of(text: str) -> tuple[int | None, int] | None:
    """The (year, month) ``text`` writes as a period (year ``None``: a month number alone);
    ``None`` if it is none of the forms read (docs/spending.md) or not a real date."""
    text = text.strip(" \t")
    for pattern, (year_at, month_at, day_at) in _PERIODS:
        found = pattern.fullmatch(text)
        if found is None or not text.isascii():
            continue
        year = int(found.group(year_at)) if year_at is not None else None
        month = int(found.group(month_at))
        if not 1 <= month <= 12:
            return None
        if day_at is not None and year is not None:
            day = int(found.group(day_at))
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            if not 1 <= day <= (_DAYS[month - 1] if month != 2 or leap else 28):
                return None
        return year, month
    return None


def _period_why(value: str | None, until: tuple[int, int] | None) -> int:
    """Why a line's period keeps it out of the sums, or ``_FINE``."""
    if value is None or not value.strip(" \t"):
        return _MISSING
    found = period_of(value)
    if found is None:
        return _UNREAD
    year, month = found
    if until is None:
        return _FINE
    if year is not None and year != until[0]:
        return _OTHER_YEAR
    return _LATER if month > until[1] else _FINE


def _ore(decimal: str) -> pl.Expr:
    """The amount in øre, exactly, or null when the cell is not an amount written with the
    decimal mark ``decimal``: a minus before or after, thousands marks in groups of three,
    at most two decimals, at most ``MAX_DIGITS`` digits of kr., spaces around. Once the cell
    is known to be one, its thousands marks, minus and spaces are taken out, its decimal mark
    made a point, and it is cast to polars' decimal of two places (an integer of øre inside:
    ``to_physical``), negated if it had a minus: never a float."""
    import polars as pl

    thousands = _STYLES[decimal][0]
    t, d = re.escape(thousands), re.escape(decimal)
    number = (
        rf"(?:[0-9]{{1,{MAX_DIGITS}}}|[0-9]{{1,3}}(?:{t}[0-9]{{3}}){{1,4}})(?:{d}[0-9]{{1,2}})?"
    )
    cell = pl.col("amount")
    readable = cell.str.contains(rf"^[ \t]*(?:-{number}|{number}-?)[ \t]*$")
    plain = cell.str.replace_many([thousands, decimal, "-", " ", "\t"], ["", ".", "", "", ""])
    ore = plain.cast(pl.Decimal(MAX_DIGITS + 5, 2), strict=False)
    minus = cell.str.contains("-", literal=True)
    return pl.when(readable & minus).then(-ore).when(readable).then(ore)


def _bad_lines(
    bad: pl.DataFrame, fmt: SpendingFormat, until: tuple[int, int] | None
) -> list[BadLine]:
    """Each bad line with why, in file order: the first reason of these, in this order: more
    fields than the header, the function code, the amount, the period, a code mapped to no
    area."""
    for absent in {"period", "cost_centre"} - set(bad.columns):
        bad = bad.with_columns(bad["function"].clear(bad.height).alias(absent))
    columns = ("line", "ragged", "function", "cost_centre", "slot", "amount", "ore")
    found = []
    for row in bad.select(*columns, "period", "period_why").iter_rows():
        line, ragged, code, centre, slot, amount, ore, period, period_why = row
        if ragged:
            why = said(
                "the line has more fields than the header: is the decimal comma also the"
                " separator? Then the amounts must be quoted"
            )
        elif slot in (_NO_CODE, _NOT_A_CODE):
            why = _code_said(code, slot)
        elif ore is None:
            why = _amount_said(amount, fmt.decimal)
        elif period_why != _FINE:
            why = _period_said(period, period_why, until)
        elif slot == _NOT_THIS_CENTRE:
            why = _unmapped_said(function_code(code) or code, _centre(centre))
        else:
            why = said("function code {code} is not mapped to any area", code=function_code(code))
        found.append(BadLine(line, why))
    return found


def _code_said(code: str | None, slot: int) -> Said:
    if slot == _NO_CODE:
        return said("the function code is missing")
    return said(
        "{value} is not a function code (written as 5.30.27 or 053027)", value=shown(code or "")
    )


def _unmapped_said(code: str, centre: str | None) -> Said:
    """Why a line of a code mapped by cost centre only (and not by this one) is not summed."""
    if centre is None:
        return said(
            "function code {code} is mapped to an area by cost centre only, and the line has"
            " no cost centre",
            code=code,
        )
    return said(
        "function code {code} with cost centre {centre} is not mapped to any area",
        code=code,
        centre=shown(centre),
    )


def _amount_said(amount: str | None, decimal: str) -> Said:
    if amount is None or not amount.strip(" \t"):
        return said("the amount is missing")
    return said(
        "{value} is not an amount as the export writes them ({example}): at most two"
        " decimals and {digits} digits of kr.",
        value=shown(amount),
        example=_STYLES[decimal][1],
        digits=MAX_DIGITS,
    )


def _period_said(period: str | None, why: int, until: tuple[int, int] | None) -> Said:
    value = shown(period or "")
    if why == _MISSING:
        return said("the period is missing")
    if why == _UNREAD or until is None:
        return said(
            "{value} is not a period (written as 2024-03, 202403, 03.2024, 2024-03-31,"
            " 31-03-2024, 31.03.2024 or a month number 1 to 12)",
            value=value,
        )
    if why == _OTHER_YEAR:
        return said(
            "the period {value} is not in the follow-up's year {year}", value=value, year=until[0]
        )
    return said(
        "the period {value} is after the follow-up's cut-off {cut_off}",
        value=value,
        cut_off=str(until[0]) + "-" + format(until[1], "02d"),
    )


#: the most columns a message lists, and the most characters of the list (a file whose lines
#: end in CR alone is one long header: the message names its start, never the whole file)
MOST_COLUMNS, MOST_LISTED = 20, 200


def _listed_columns(header: list[str]) -> str:
    """The header's columns as a message lists them: at most ``MOST_COLUMNS``, each shown as
    ``shown`` shows a cell, the whole cut at ``MOST_LISTED`` characters."""
    listed = ", ".join(shown(cell) for cell in header[:MOST_COLUMNS])
    if len(header) > MOST_COLUMNS:
        listed += f" … ({len(header)})"
    return listed if len(listed) <= MOST_LISTED else listed[: MOST_LISTED - 1] + "…"
