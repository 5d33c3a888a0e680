"""Case registers: a CSV file beside a forecast, one anonymised case a row.

Columns: ``case_id, section, annual_cost, start`` and optionally ``end, age_group, refusion``,
named in a header line. Every byte string gives cases or problems, never an exception: each
problem names the register, the 1-based line and, as the column, the field's number in the row.

The format, as read here (docs/format.md, section 8):

* UTF-8, with or without a byte-order mark. Lines end with LF or CRLF; a CR anywhere else is
  refused (``[line-ending]``), and so is any other control character (``[control-character]``).
* The separator is ``,``, ``;`` or a tab, whichever the header uses between its names (outside
  quotes); if it uses more than one, the one that splits it into the most known column names.
* A field may be quoted (``"..."``, a quote inside written ``""``), with blanks around the
  quotes; a quoted field ends on its line (no field holds a line break) (``[quote]``).
* The header is the first line that is not blank; names are exact, surrounding blanks aside.
  Lines that are blank, or hold only separators, are skipped. Every row has the header's number
  of fields (``[row-length]``).
* ``annual_cost`` is whole kroner in the digits 0-9, nothing else; dates are ``YYYY-MM-DD``;
  ``refusion`` is ``true`` or ``false`` (any case; empty: true).

The whole text is decoded once and read a line at a time, so a register takes a small multiple
of its size in memory, and at most ``MAX_PROBLEMS`` problems are listed (then one that says how
many more there are).
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from pydantic import ValidationError

from budgetcli.core.diagnostics import Loc, Pos, Problem, Said, Source, said, too_many
from budgetcli.core.domain import Case
from budgetcli.core.lazyclasses import dataclass
from budgetcli.folder.models import YEAR_MAX, YEAR_MIN, CaseModel
from budgetcli.folder.validation import problem_message, rule_name
from budgetcli.folder.yamlrules import LONGEST_NUMBER

REQUIRED = ("case_id", "section", "annual_cost", "start")
OPTIONAL = ("end", "age_group", "refusion")
COLUMNS = REQUIRED + OPTIONAL
SEPARATORS = (",", ";", "\t")
#: the longest text field (case_id, section, age_group): no case's is near it
LONGEST_TEXT = 200
#: the problems listed for one register; the rest are counted in one more
MAX_PROBLEMS = 100

_BLANKS = " \t"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029]")
_INTEGER = re.compile(r"([+-]?)([0-9]+)", re.ASCII)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_NUMBERISH = re.compile(r"[+-]?[0-9][0-9.,' \u00a0\u2009\u202f\u2019]*", re.ASCII)
_DOT_GROUPS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+", re.ASCII)
_COMMA_GROUPS = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+", re.ASCII)
_SPACE_GROUPS = re.compile(r"[0-9]{1,3}([ \u00a0\u2009\u202f'\u2019])[0-9]{3}(?:\1[0-9]{3})*")
_FRACTION = re.compile(r"([0-9]+)[.,]([0-9]+)", re.ASCII)
_DANISH_FRACTION = re.compile(r"([0-9]{1,3}(?:\.[0-9]{3})+),([0-9]+)", re.ASCII)
_TIMESTAMP = re.compile(r"[0-9]{9,10}|[0-9]{12,13}", re.ASCII)
_WITH_TIME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ].*", re.ASCII)
_YMD = re.compile(
    r"([0-9]{4})([-./]?)([0-9]{2})\2([0-9]{2})|([0-9]{4})([-./])([0-9]{1,2})\6([0-9]{1,2})",
    re.ASCII,
)
_DMY = re.compile(r"([0-9]{1,2})([-./])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})", re.ASCII)
_HINTS = {
    "case_id": said("give the case's id, e.g. S-0001"),
    "section": said("give the section of the Social Services Act, e.g. §108"),
    "annual_cost": said("give the cost in whole kroner a year, e.g. 360000"),
    "start": said("give the day the case started, as YYYY-MM-DD, e.g. 2023-06-22"),
}
_COLUMNS_TEXT = said(
    "the columns are {required} and optionally {optional}",
    required=", ".join(REQUIRED),
    optional=", ".join(OPTIONAL),
)


class _Bad(Exception):
    """One value or line that cannot be read; ``number`` is the field's number in the row."""

    def __init__(self, rule: str, message: str | Said, number: int = 1) -> None:
        super().__init__(message)
        self.rule, self.message, self.number = rule, message, number


class _Report:
    """The problems of one register, at most ``MAX_PROBLEMS`` of them kept."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.more = 0
        self.more_line = 0

    def add(self, line: int, col: int, rule: str, message: str | Said) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Source(self.name, {(): (line, col)}).problem((), rule, message))
            return
        if not self.more:
            self.more_line = line
        self.more += 1

    def add_problem(self, problem: Problem) -> None:
        self.add(problem.line, problem.col, problem.rule, problem.said or problem.message)

    def done(self) -> list[Problem]:
        if not self.more:
            return self.problems
        message = too_many(self.more, MAX_PROBLEMS, "register")
        where = Source(self.name, {(): (self.more_line, 1)})
        return [*self.problems, where.problem((), "too-many-problems", message)]


@dataclass(frozen=True)
class _Header:
    line: int
    sep: str
    columns: tuple[str, ...]

    def label(self, number: int) -> str | Said:
        """What a field is called in a message: its column, or its number past the header."""
        if number <= len(self.columns):
            return self.columns[number - 1]
        return said("field {number}", number=number)


def read_register(data: bytes, name: str) -> tuple[list[Case], list[Problem]]:
    """The cases of a CSV register, and what is wrong with it (never an exception)."""
    report = _Report(name)
    text = _decode(data, report)
    if text is None:
        return [], report.done()
    lines = _lines(text)
    header = _read_header(lines, report)
    if header is None:
        return [], report.done()
    cases: list[Case] = []
    seen: dict[str, int] = {}
    for number, line in lines:
        try:
            fields = _fields(line, header.sep)
        except _Bad as bad:
            message = said(
                "{field}: {message}", field=header.label(bad.number), message=bad.message
            )
            report.add(number, bad.number, bad.rule, message)
            continue
        if not any(f.strip() for f in fields):
            continue  # a blank line, or one of separators only: no case in it
        if len(fields) != len(header.columns):
            _ragged(number, line, fields, header, report)
            continue
        case = _case(number, fields, header, report, seen)
        if case is not None:
            cases.append(case)
    return cases, report.done()


# --- bytes, lines, fields ----------------------------------------------------------------------


def _decode(data: bytes, report: _Report) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        before = data[line_start:start].decode("utf-8", errors="replace")
        first = data[: data.find(b"\n")].decode("utf-8", errors="replace")
        sep = next((s for s in SEPARATORS if s in first), ",")
        bad = data[start : exc.end].hex(" ")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            message = said(
                "the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8"
            )
        else:
            message = said(
                "not valid UTF-8 (byte {byte}); save the file as UTF-8 (in Excel: CSV UTF-8)",
                byte=bad,
            )
        report.add(line, before.count(sep) + 1, "encoding", message)
        return None


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """The lines of ``text`` with their numbers, without LF or CRLF, one at a time."""
    start, number, size = 0, 0, len(text)
    while start <= size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        number += 1
        line = text[start:end]
        yield number, line[:-1] if line.endswith("\r") else line
        start = end + 1


def _fields(line: str, sep: str) -> list[str]:
    """The fields of one line, quotes undone; ``_Bad`` for a quote or character refused."""
    fields = _quoted_fields(line, sep) if '"' in line else line.split(sep)
    for number, field in enumerate(fields, 1):
        bad = _CONTROL.search(field) or ("\r" in field and "\r")
        if bad:
            char = bad if isinstance(bad, str) else bad.group()
            raise _Bad(*_character_problem(char, line), number)
    return fields


def _character_problem(char: str, line: str) -> tuple[str, Said]:
    if char == "\r":
        return "line-ending", said(
            "a carriage return (CR) inside the line; end every line with LF or CRLF (save the"
            " file with Windows or Unix line ends)"
        )
    if char == "\ufeff":
        return "control-character", said(
            "a byte-order mark (U+FEFF) inside the file; remove it (only the file's very start"
            " may have one)"
        )
    code = f"{ord(char):04X}"
    if char == "\x00" and "\x00" in line[:4]:
        return "control-character", said(
            "the control character U+{code}; remove it (is the file UTF-16? save it as UTF-8)",
            code=code,
        )
    return "control-character", said("the control character U+{code}; remove it", code=code)


def _quoted_fields(line: str, sep: str) -> list[str]:
    fields: list[str] = []
    pos, size = 0, len(line)
    while True:
        number = len(fields) + 1
        lead = pos
        while lead < size and line[lead] in _BLANKS and line[lead] != sep:
            lead += 1
        if lead < size and line[lead] == '"':
            value, pos = _quoted(line, lead + 1, sep, number)
        else:
            end = line.find(sep, pos)
            end = size if end < 0 else end
            value = line[pos:end]
            if '"' in value:
                example = value.strip().replace('"', '""')
                raise _Bad(
                    "quote",
                    said(
                        'a quote (") inside an unquoted value; quote the whole value and write the'
                        ' quote inside it twice: "{example}"',
                        example=_cut(example),
                    ),
                    number,
                )
            pos = end
        fields.append(value)
        if pos >= size:
            return fields
        pos += 1  # the separator


def _quoted(line: str, start: int, sep: str, number: int) -> tuple[str, int]:
    """A quoted field's value from ``start`` (after its opening quote), and where it ends."""
    parts: list[str] = []
    while True:
        close = line.find('"', start)
        if close < 0:
            raise _Bad(
                "quote",
                said(
                    'a quote (") opens the value and is not closed on this line; close it (a'
                    " value cannot run over two lines)"
                ),
                number,
            )
        if line.startswith('"', close + 1):
            parts.append(line[start : close + 1])
            start = close + 2
            continue
        parts.append(line[start:close])
        end = close + 1
        while end < len(line) and line[end] in _BLANKS and line[end] != sep:
            end += 1
        if end < len(line) and line[end] != sep:
            if line[end] == "\r":
                raise _Bad(*_character_problem("\r", line), number)
            raise _Bad(
                "quote",
                said(
                    "text after the closing quote; quote the whole value, and write a quote inside"
                    ' it twice ("")'
                ),
                number,
            )
        return "".join(parts), end


def _cut(text: str, most: int = 40) -> str:
    return text if len(text) <= most else f"{text[:most]}… ({len(text)} characters)"


def _shown(text: str) -> str:
    return f"'{_cut(text)}'"


def _sep_name(sep: str) -> str | Said:
    return said("a tab") if sep == "\t" else f"'{sep}'"


# --- the header ---------------------------------------------------------------------------------


def _read_header(lines: Iterator[tuple[int, str]], report: _Report) -> _Header | None:
    number, line = 1, ""
    for number, line in lines:  # noqa: B007 - the header is the first line not blank
        if line.strip(_BLANKS):
            break
    else:
        report.add(
            1,
            1,
            "empty",
            said(
                "the register is empty; the first line names the columns: {columns}",
                columns=",".join(COLUMNS),
            ),
        )
        return None
    sep = _separator(number, line, report)
    if sep is None:
        return None
    try:
        fields = _fields(line, sep)
    except _Bad as bad:
        message = said(
            "the header, column {number}: {message}", number=bad.number, message=bad.message
        )
        report.add(number, bad.number, bad.rule, message)
        return None
    header = _Header(number, sep, tuple(f.strip() for f in fields))
    before = len(report.problems) + report.more
    _check_columns(header, report)
    return header if len(report.problems) + report.more == before else None


def _separator(number: int, line: str, report: _Report) -> str | None:
    """The header's separator: of ``,``, ``;`` and tab, the one used (outside quotes) that
    splits the header into the most known column names; ``,`` for a header of one column."""
    outside = re.sub(r'"[^"]*"', "", line)
    used = [s for s in SEPARATORS if s in outside]
    if used:
        return max(used, key=lambda s: _known(line, s))
    for other in ("|", ":", " ", "."):
        if _known(line, other) >= 2:
            report.add(
                number,
                1,
                "separator",
                said(
                    "the header separates its names by '{other}'; separate them by ',', ';' or a"
                    " tab: {names}",
                    other=other,
                    names=",".join(n.strip() for n in line.split(other) if n.strip()),
                ),
            )
            return None
    return ","


def _known(line: str, sep: str) -> int:
    return sum(name.strip(_BLANKS + '"') in COLUMNS for name in line.split(sep))


def _check_columns(header: _Header, report: _Report) -> None:
    where: dict[str, int] = {}
    for number, name in enumerate(header.columns, 1):
        if not name:
            message = said(
                "column {number} of the header has no name; name it ({columns}) or remove the"
                " separator",
                number=number,
                columns=_COLUMNS_TEXT,
            )
            report.add(header.line, number, "empty-column", message)
        elif name in where:
            message = said(
                "column '{name}' is also column {first}; a column may appear once",
                name=name,
                first=where[name],
            )
            report.add(header.line, number, "duplicate-column", message)
        elif name not in COLUMNS:
            rule, message = _unknown_column(name, header.sep)
            report.add(header.line, number, rule, message)
        where.setdefault(name, number)
    missing = [c for c in REQUIRED if c not in where]
    if missing:
        message = said(
            "missing column(s): {missing}; {columns}",
            missing=", ".join(missing),
            columns=_COLUMNS_TEXT,
        )
        report.add(header.line, 1, "missing-column", message)


def _unknown_column(name: str, sep: str) -> tuple[str, Said]:
    for other in SEPARATORS:
        if other != sep and _known(name, other):
            return "separator", said(
                "column {name} holds {other}, but the header separates by {sep}; use one"
                " separator between all the columns",
                name=_shown(name),
                other=_sep_name(other),
                sep=_sep_name(sep),
            )
    shown = _shown(name)
    if name.lower() in COLUMNS:
        return "unknown-column", said(
            "unknown column {name}; did you mean '{close}'? (column names are written in lower"
            " case)",
            name=shown,
            close=name.lower(),
        )
    if close := difflib.get_close_matches(name.lower(), COLUMNS, n=1, cutoff=0.6):
        return "unknown-column", said(
            "unknown column {name}; did you mean '{close}'?", name=shown, close=close[0]
        )
    return "unknown-column", said(
        "unknown column {name}; {columns}", name=shown, columns=_COLUMNS_TEXT
    )


# --- rows ---------------------------------------------------------------------------------------


def _ragged(number: int, line: str, fields: list[str], header: _Header, report: _Report) -> None:
    have, want = len(fields), len(header.columns)
    if have < want:
        absent = ", ".join(header.columns[have:])
        hint: str | Said = next(
            (
                said(
                    "; this line seems separated by {sep}, the header by {header}",
                    sep=_sep_name(s),
                    header=_sep_name(header.sep),
                )
                for s in SEPARATORS
                if s != header.sep and s in line and have == 1
            ),
            "",
        )
        said_of: dict[str, object] = {"have": have, "want": want, "absent": absent, "hint": hint}
        message = (
            said(
                "the row has {have} field, the header {want} columns (no {absent}); give every"
                " column, an empty value as nothing between two separators{hint}",
                **said_of,
            )
            if have == 1
            else said(
                "the row has {have} fields, the header {want} columns (no {absent}); give every"
                " column, an empty value as nothing between two separators{hint}",
                **said_of,
            )
        )
        report.add(number, have + 1, "row-length", message)
        return
    message = said(
        "the row has {have} fields, the header {want} columns; remove the extra field(s), or"
        " quote a value that holds {sep}",
        have=have,
        want=want,
        sep=_sep_name(header.sep),
    )
    report.add(number, want + 1, "row-length", message)


def _case(
    number: int, fields: list[str], header: _Header, report: _Report, seen: dict[str, int]
) -> Case | None:
    values: dict[str, object] = {}
    refused: set[str] = set()
    for col, (column, raw) in enumerate(zip(header.columns, fields, strict=True), 1):
        text = raw.strip()
        try:
            value = _value(column, text)
        except _Bad as bad:
            report.add(number, col, bad.rule, bad.message)
            refused.add(column)
            continue
        if value is not None:
            values[column] = value
    case_id = values.get("case_id")
    duplicate = isinstance(case_id, str) and case_id in seen
    if isinstance(case_id, str) and duplicate:
        col = header.columns.index("case_id") + 1
        message = said("case {case} is also on line {line}", case=case_id, line=seen[case_id])
        report.add(number, col, "duplicate-case", message)
    elif isinstance(case_id, str):
        seen[case_id] = number
    positions: dict[Loc, Pos] = {(c,): (number, i) for i, c in enumerate(header.columns, 1)}
    source = Source(report.name, {(): (number, 1), **positions})
    try:
        case = CaseModel.model_validate(values).to_domain()
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            if loc and loc[0] in refused:
                continue  # already said what is wrong with this value
            message = problem_message(CaseModel, loc, err)
            report.add_problem(source.problem(loc, rule_name(err["type"]), message))
        return None
    return None if refused or duplicate else case


def _value(column: str, text: str) -> object:
    """A field's value as the model takes it (``None``: empty); ``_Bad`` if it is refused."""
    if not text:
        if column in _HINTS:
            raise _Bad(
                "missing-field", said("{column}: empty; {hint}", column=column, hint=_HINTS[column])
            )
        return None
    if column == "annual_cost":
        return _cost(text)
    if column in ("start", "end"):
        return _date(column, text)
    if column == "refusion":
        return _refusion(text)
    if len(text) > LONGEST_TEXT:
        raise _Bad(
            "field-too-long",
            said(
                "{column}: {count} characters; a field of a register has at most {most} (is a"
                " separator or a line end missing?)",
                column=column,
                count=len(text),
                most=LONGEST_TEXT,
            ),
        )
    return text


# --- values -------------------------------------------------------------------------------------


def _cost(text: str) -> int | str:
    """Whole kroner in the digits 0-9. A negative number is returned for the model to refuse
    (``[negative-cost]``), ``1.200`` as the text (the model's hint for a thousands dot)."""
    match = _INTEGER.fullmatch(text)
    if match is None:
        if _DOT_GROUPS.fullmatch(text) and len(text) <= LONGEST_NUMBER:
            return text
        raise _Bad(*_cost_problem(text))
    sign, digits = match.groups()
    if len(digits) > LONGEST_NUMBER:  # nor will Python make an int of 4,300 digits
        raise _Bad("number-too-long", _too_long(len(digits)))
    value = int(digits)
    if sign == "-" and value:
        return -value
    if sign:
        raise _Bad(
            "number-sign",
            said(
                "annual_cost: {text} has a plus sign; write {value}", text=_shown(text), value=value
            )
            if sign == "+"
            else said(
                "annual_cost: {text} has a minus sign; write {value}",
                text=_shown(text),
                value=value,
            ),
        )
    if digits != str(value):
        raise _Bad(
            "leading-zero",
            said(
                "annual_cost: {text} has a leading zero; write {value}",
                text=_shown(text),
                value=value,
            ),
        )
    return value


def _too_long(digits: int) -> Said:
    return said("annual_cost: a number of {digits} digits is not a cost", digits=digits)


def _cost_problem(text: str) -> tuple[str, Said]:
    shown = _shown(text)
    digits = sum(c in "0123456789" for c in text)
    if digits > LONGEST_NUMBER and _NUMBERISH.fullmatch(text):
        return "number-too-long", _too_long(digits)
    decimals = [unicodedata.decimal(c, None) for c in text]
    if None not in decimals and len(text) <= LONGEST_NUMBER:
        written = int("".join(map(str, decimals)))
        return "amount-type", said(
            "annual_cost: {text} is written in digits other than 0-9; write {written}",
            text=shown,
            written=written,
        )
    if _COMMA_GROUPS.fullmatch(text):
        return "amount-type", said(
            "annual_cost: {text} is not a whole number of kroner (if the comma is a thousands"
            " separator, write {whole})",
            text=shown,
            whole=text.replace(",", ""),
        )
    if groups := _SPACE_GROUPS.fullmatch(text):
        whole = "".join(c for c in text if c in "0123456789")
        if groups.group(1) not in "'\u2019":
            return "amount-type", said(
                "annual_cost: {text} has spaces between the digits; write {whole}",
                text=shown,
                whole=whole,
            )
        return "amount-type", said(
            "annual_cost: {text} has apostrophes between the digits; write {whole}",
            text=shown,
            whole=whole,
        )
    fraction = _FRACTION.fullmatch(text) or _DANISH_FRACTION.fullmatch(text)
    if fraction and len(text) <= LONGEST_NUMBER:
        exact = Decimal(f"{fraction.group(1).replace('.', '')}.{fraction.group(2)}")
        rounded = exact.quantize(Decimal(1), ROUND_HALF_UP)
        return "fractional-amount", said(
            "annual_cost: {text} is not whole kroner; write the cost rounded to whole kroner,"
            " without thousands separators: {rounded}",
            text=shown,
            rounded=rounded,
        )
    if not digits:
        return "amount-type", said(
            "annual_cost: expected whole kroner in the digits 0-9 (e.g. 360000), got {text}",
            text=shown,
        )
    char = next(c for c in text if c not in "0123456789")
    return "amount-type", said(
        "annual_cost: {text} has {char}, which is not one of the digits 0-9; write the cost in"
        " whole kroner with the digits 0-9 only, no sign, no separators",
        text=shown,
        char=_char(char),
    )


def _char(char: str) -> str | Said:
    if char == " ":
        return said("a space")
    if char.isascii() and char.isprintable():
        return f"'{char}'"
    name = unicodedata.name(char, "")
    return f"'{char}' (U+{ord(char):04X}{' ' + name if name else ''})"


def _date(column: str, text: str) -> datetime.date:
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise _Bad(
            "date-format",
            said(
                "{column}: {text} is not a date written YYYY-MM-DD{hint}",
                column=column,
                text=_shown(text),
                hint=_date_hint(text),
            ),
        )
    year, month, day = map(int, match.groups())
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise _Bad(
            "date-invalid",
            said(
                "{column}: {text} is not a day of the calendar; check the month and the day",
                column=column,
                text=text,
            ),
        ) from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise _Bad(
            "date-invalid",
            said(
                "{column}: {text} has the year {year}, not between {low} and {high}; write the"
                " full year",
                column=column,
                text=text,
                year=year,
                low=YEAR_MIN,
                high=YEAR_MAX,
            ),
        )
    return date


def _date_hint(text: str) -> Said:
    """``; write 2023-06-22`` for a date written another way, if it can be read as one."""
    if _TIMESTAMP.fullmatch(text):
        seconds = int(text) // (1000 if len(text) > 10 else 1)
        stamp = datetime.datetime.fromtimestamp(seconds, datetime.UTC).date()
        return said(" (as a Unix timestamp it is {date}); write {date}", date=stamp)
    if (match := _WITH_TIME.fullmatch(text)) and _day(*match.group(1).split("-")):
        return said(" (it has a time of day); write the date alone: {date}", date=match.group(1))
    if (match := _YMD.fullmatch(text)) and (
        day := _day(*match.group(1, 3, 4)) if match.group(1) else _day(*match.group(5, 7, 8))
    ):
        return said("; write {date}", date=day)
    if match := _DMY.fullmatch(text):
        first, second, year = match.group(1, 3, 4)
        if len(year) == 2:  # as strptime's %y: 69 is 2069, 70 is 1970
            year = f"{20 if int(year) < 70 else 19}{year}"
        if day := _day(year, second, first) or _day(year, first, second):
            return said("; write {date}", date=day)
    return said("; write it like 2023-06-22")


def _day(year: str, month: str, day: str) -> str | None:
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return date.isoformat() if YEAR_MIN <= date.year <= YEAR_MAX else None


def _refusion(text: str) -> bool:
    lowered = text.lower()
    if lowered == "true":
        return True
    if lowered == "false":
        return False
    if lowered in ("ja", "yes", "y", "j", "1", "sand"):
        hint = said("; write true")
    elif lowered in ("nej", "no", "n", "0", "falsk"):
        hint = said("; write false")
    else:
        hint = said(" (empty means true: the case is in the refusion scheme)")
    raise _Bad(
        "bool-parsing",
        said("refusion: expected true or false, got {text}{hint}", text=_shown(text), hint=hint),
    )
