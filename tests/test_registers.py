"""CSV case registers (`budgetcli/registers.py`): every byte string gives cases or problems."""

from __future__ import annotations

import csv
import datetime
import io
import re
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.core.diagnostics import Problem
from budgetcli.core.domain import Case
from budgetcli.folder.modelfast import KRONER_LIMIT
from budgetcli.folder.registers import COLUMNS, MAX_PROBLEMS, OPTIONAL, REQUIRED, read_register

from .conftest import AREAS, DATA, examples, proposal_yaml

NAME = "d/forecasts/f.csv"
HEADER = "case_id,section,annual_cost,start,end,age_group\n"
ROW = "K1,§108,360000,2023-01-01,,25-44\n"
ALL = ", ".join(REQUIRED) + " and optionally " + ", ".join(OPTIONAL)


def read(data: bytes | str) -> tuple[list[Case], list[str]]:
    raw = data.encode() if isinstance(data, str) else data
    cases, problems = read_register(raw, NAME)
    return cases, [f"{p.line}:{p.col}: {p.message} [{p.rule}]" for p in problems]


def problems_of(data: bytes | str) -> list[str]:
    return read(data)[1]


def row(**fields: str) -> str:
    """A row of ``HEADER`` with ``fields`` replaced (written as they stand, not quoted)."""
    values = dict(zip(HEADER.strip().split(","), ROW.strip().split(","), strict=True))
    values.update(fields)
    return HEADER + ",".join(values.values()) + "\n"


K1 = Case("K1", "§108", 360000, datetime.date(2023, 1, 1), None, "25-44")


# --- the bundled register and the accepted forms -----------------------------------------------


def test_the_bundled_register_reads_whole() -> None:
    data = (DATA / "forecasts" / "eksempel-sagsregister-2024.csv").read_bytes()
    cases, problems = read_register(data, "x.csv")
    assert problems == []
    assert len(cases) == data.count(b"\n") - 1 == 118
    assert cases[0] == Case("S-0001", "§104", 360000, datetime.date(2018, 5, 29), None, "45-66")


@pytest.mark.parametrize(
    "text",
    [
        HEADER + ROW,
        "\ufeff" + HEADER + ROW,  # a UTF-8 byte-order mark
        (HEADER + ROW).replace("\n", "\r\n"),  # CRLF
        (HEADER + ROW).rstrip("\n"),  # no line end after the last row
        (HEADER + ROW).replace(",", ";"),
        (HEADER + ROW).replace(",", "\t"),
        '"case_id","section","annual_cost","start","end","age_group"\n"K1","§108","360000","2023-01-01","","25-44"\n',
        ' case_id , section,annual_cost ,start,end,age_group\n K1 , "§108" ,360000 , 2023-01-01,,25-44 \n',
        "\n  \n"
        + HEADER
        + "\n,,,,,\n"
        + ROW
        + " \n,, ,\n",  # blank lines, a row of separators only
        "age_group,end,start,annual_cost,section,case_id\n25-44,,2023-01-01,360000,§108,K1\n",
    ],
    ids=[
        "plain",
        "bom",
        "crlf",
        "no-final-newline",
        "semicolon",
        "tab",
        "all-quoted",
        "blanks",
        "blank-lines",
        "any-order",
    ],
)
def test_accepted_forms_read_the_same_case(text: str) -> None:
    assert read(text) == ([K1], [])


def test_a_separator_inside_quotes_does_not_count_in_the_header() -> None:
    text = 'case_id;section;annual_cost;start;"age_group"\n"K,1";"§1,08";5;2023-01-01;"a;b"\n'
    assert read(text) == (
        [Case("K,1", "§1,08", 5, datetime.date(2023, 1, 1), None, "a;b")],
        [],
    )


def test_doubled_quotes_inside_a_quoted_value() -> None:
    cases, problems = read(row(case_id='"K""1"'))
    assert problems == []
    assert cases[0].case_id == 'K"1'


@pytest.mark.parametrize(
    ("value", "expected"), [("true", True), ("FALSE", False), ("False", False), ("", True)]
)
def test_refusion_true_or_false(value: str, expected: bool) -> None:
    text = f"case_id,section,annual_cost,start,refusion\nK1,§1,5,2023-01-01,{value}\n"
    cases, problems = read(text)
    assert problems == []
    assert cases[0].refusion is expected


def test_header_only_is_no_cases_and_no_problem() -> None:
    assert read(HEADER) == ([], [])  # the forecast's compute: existing then says [no-cases]


# --- exact messages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"",
            f"1:1: the register is empty; the first line names the columns: {','.join(COLUMNS)} [empty]",
        ),
        (
            b"\n \n\t\n",
            f"1:1: the register is empty; the first line names the columns: {','.join(COLUMNS)} [empty]",
        ),
        (
            b"case_id,section\n\xf8\n",
            "2:1: not valid UTF-8 (byte f8); save the file as UTF-8 (in Excel: CSV UTF-8) [encoding]",
        ),
        (
            b"case_id,se\xe6tion\n",
            "1:2: not valid UTF-8 (byte e6); save the file as UTF-8 (in Excel: CSV UTF-8) [encoding]",
        ),
        (
            HEADER.encode("utf-16"),
            "1:1: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8 [encoding]",
        ),
    ],
    ids=["nothing", "blank-lines-only", "latin-1", "latin-1-header", "utf-16"],
)
def test_unreadable_registers(data: bytes, expected: str) -> None:
    assert read(data) == ([], [expected])


MISSING_3 = (
    f"1:1: missing column(s): section, annual_cost, start; the columns are {ALL} [missing-column]"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("case_id\nK1\n", [MISSING_3]),  # a header of one column
        (
            "case_id|section|annual_cost|start\nK1|§1|5|2023-01-01\n",
            [
                "1:1: the header separates its names by '|'; separate them by ',', ';' or a tab: case_id,section,annual_cost,start [separator]"
            ],
        ),
        (
            "case_id section annual_cost start\n",
            [
                "1:1: the header separates its names by ' '; separate them by ',', ';' or a tab: case_id,section,annual_cost,start [separator]"
            ],
        ),
        (
            "case_id,section;annual_cost,start\n",
            [
                "1:2: column 'section;annual_cost' holds ';', but the header separates by ','; use one separator between all the columns [separator]",
                f"1:1: missing column(s): section, annual_cost; the columns are {ALL} [missing-column]",
            ],
        ),
        (
            "Case_ID,section,annual cost,start,start,foo,\n",
            [
                "1:1: unknown column 'Case_ID'; did you mean 'case_id'? (column names are written in lower case) [unknown-column]",
                "1:3: unknown column 'annual cost'; did you mean 'annual_cost'? [unknown-column]",
                "1:5: column 'start' is also column 4; a column may appear once [duplicate-column]",
                f"1:6: unknown column 'foo'; the columns are {ALL} [unknown-column]",
                f"1:7: column 7 of the header has no name; name it (the columns are {ALL}) or remove the separator [empty-column]",
                f"1:1: missing column(s): case_id, annual_cost; the columns are {ALL} [missing-column]",
            ],
        ),
        (
            '"case_id,section,annual_cost,start\n',
            [
                '1:1: the header, column 1: a quote (") opens the value and is not closed on this line; close it (a value cannot run over two lines) [quote]'
            ],
        ),
        (
            "case_id,section,annual_cost,start\rK1,§1,5,2023-01-01\r",
            [
                "1:4: the header, column 4: a carriage return (CR) inside the line; end every line with LF or CRLF (save the file with Windows or Unix line ends) [line-ending]"
            ],
        ),
        (
            "\n\n" + "x" * 300 + ",section,annual_cost,start\n",
            [
                f"3:1: unknown column '{'x' * 40}… (300 characters)'; the columns are {ALL} [unknown-column]",
                f"3:1: missing column(s): case_id; the columns are {ALL} [missing-column]",
            ],
        ),
    ],
    ids=[
        "one-column",
        "pipe",
        "spaces",
        "mixed",
        "names",
        "header-quote",
        "lone-cr-file",
        "long-name",
    ],
)
def test_bad_headers(text: str, expected: list[str]) -> None:
    assert read(text) == ([], expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEADER + "K1,§108,360000\n",
            "2:4: the row has 3 fields, the header 6 columns (no start, end, age_group); give every column, an empty value as nothing between two separators [row-length]",
        ),
        (
            HEADER + "K1;§108;360000;2023-01-01;;\n",
            "2:2: the row has 1 field, the header 6 columns (no section, annual_cost, start, end, age_group); give every column, an empty value as nothing between two separators; this line seems separated by ';', the header by ',' [row-length]",
        ),
        (
            HEADER + "K1,§108,360000,2023-01-01,,25-44,x\n",
            "2:7: the row has 7 fields, the header 6 columns; remove the extra field(s), or quote a value that holds ',' [row-length]",
        ),
        (
            HEADER + "K1,§108,1,200,2023-01-01,,25-44\n",
            "2:7: the row has 7 fields, the header 6 columns; remove the extra field(s), or quote a value that holds ',' [row-length]",
        ),
        (
            HEADER.replace(",", "\t") + "K1\t§108\t5\n",
            "2:4: the row has 3 fields, the header 6 columns (no start, end, age_group); give every column, an empty value as nothing between two separators [row-length]",
        ),
        (
            HEADER + 'K1,"§108,360000,2023-01-01,,25-44\n',
            '2:2: section: a quote (") opens the value and is not closed on this line; close it (a value cannot run over two lines) [quote]',
        ),
        (
            HEADER + 'K1,"§1"08,360000,2023-01-01,,25-44\n',
            '2:2: section: text after the closing quote; quote the whole value, and write a quote inside it twice ("") [quote]',
        ),
        (
            HEADER + 'K"1,§108,360000,2023-01-01,,25-44\n',
            '2:1: case_id: a quote (") inside an unquoted value; quote the whole value and write the quote inside it twice: "K""1" [quote]',
        ),
        (
            HEADER + "K1,§1\r08,360000,2023-01-01,,25-44\n",
            "2:2: section: a carriage return (CR) inside the line; end every line with LF or CRLF (save the file with Windows or Unix line ends) [line-ending]",
        ),
        (
            HEADER + 'K1,"§1\r08",360000,2023-01-01,,25-44\n',
            "2:2: section: a carriage return (CR) inside the line; end every line with LF or CRLF (save the file with Windows or Unix line ends) [line-ending]",
        ),
        (
            HEADER + 'K1,"§108"\r,360000,2023-01-01,,25-44\n',
            "2:2: section: a carriage return (CR) inside the line; end every line with LF or CRLF (save the file with Windows or Unix line ends) [line-ending]",
        ),
        (
            HEADER + "K1,§1\x0008,360000,2023-01-01,,25-44\n",
            "2:2: section: the control character U+0000; remove it [control-character]",
        ),
        (
            HEADER + "K1,§108,360000,2023-01-01,,\x1c\n",
            "2:6: age_group: the control character U+001C; remove it [control-character]",
        ),
        (
            HEADER + "K1,§108,360000,2023-01-01,,25\ufeff44\n",
            "2:6: age_group: a byte-order mark (U+FEFF) inside the file; remove it (only the file's very start may have one) [control-character]",
        ),
        (
            HEADER + "K1,§108,360000,2023-01-01,,25-44,\x00\n",
            "2:7: field 7: the control character U+0000; remove it [control-character]",
        ),
    ],
    ids=[
        "too-few",
        "other-separator",
        "too-many",
        "comma-in-number",
        "tab-too-few",
        "unclosed-quote",
        "after-quote",
        "quote-inside",
        "lone-cr",
        "cr-in-quotes",
        "cr-after-quote",
        "nul",
        "file-separator",
        "bom-inside",
        "past-the-header",
    ],
)
def test_bad_lines(text: str, expected: str) -> None:
    assert read(text) == ([], [expected])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "36000²",
            "annual_cost: '36000²' has '²' (U+00B2 SUPERSCRIPT TWO), which is not one of the digits 0-9; write the cost in whole kroner with the digits 0-9 only, no sign, no separators [amount-type]",
        ),
        (
            "٣٦٠٠٠",
            "annual_cost: '٣٦٠٠٠' is written in digits other than 0-9; write 36000 [amount-type]",
        ),
        (
            "３６０００",
            "annual_cost: '３６０００' is written in digits other than 0-9; write 36000 [amount-type]",
        ),
        (
            "1.200",
            "annual_cost: expected a whole number, got the text '1.200' (write it as a number without quotes or thousands separators: 1200) [amount-type]",
        ),
        (
            '"1,200"',
            "annual_cost: '1,200' is not a whole number of kroner (if the comma is a thousands separator, write 1200) [amount-type]",
        ),
        ("1 200", "annual_cost: '1 200' has spaces between the digits; write 1200 [amount-type]"),
        (
            "1\u00a0200\u00a0000",
            "annual_cost: '1\u00a0200\u00a0000' has spaces between the digits; write 1200000 [amount-type]",
        ),
        (
            "1'200",
            "annual_cost: '1'200' has apostrophes between the digits; write 1200 [amount-type]",
        ),
        (
            "1.5",
            "annual_cost: '1.5' is not whole kroner; write the cost rounded to whole kroner, without thousands separators: 2 [fractional-amount]",
        ),
        (
            '"1.200,50"',
            "annual_cost: '1.200,50' is not whole kroner; write the cost rounded to whole kroner, without thousands separators: 1201 [fractional-amount]",
        ),
        ("-0", "annual_cost: '-0' has a minus sign; write 0 [number-sign]"),
        ("+5", "annual_cost: '+5' has a plus sign; write 5 [number-sign]"),
        ("+0050", "annual_cost: '+0050' has a plus sign; write 50 [number-sign]"),
        ("0360000", "annual_cost: '0360000' has a leading zero; write 360000 [leading-zero]"),
        ("-5000", "annual_cost: a cost cannot be negative, got -5000 [negative-cost]"),
        (
            "−300",
            "annual_cost: '−300' has '−' (U+2212 MINUS SIGN), which is not one of the digits 0-9; write the cost in whole kroner with the digits 0-9 only, no sign, no separators [amount-type]",
        ),
        (
            "1e3",
            "annual_cost: '1e3' has 'e', which is not one of the digits 0-9; write the cost in whole kroner with the digits 0-9 only, no sign, no separators [amount-type]",
        ),
        (
            "360000 kr",
            "annual_cost: '360000 kr' has a space, which is not one of the digits 0-9; write the cost in whole kroner with the digits 0-9 only, no sign, no separators [amount-type]",
        ),
        (
            "ukendt",
            "annual_cost: expected whole kroner in the digits 0-9 (e.g. 360000), got 'ukendt' [amount-type]",
        ),
        (
            "",
            "annual_cost: empty; give the cost in whole kroner a year, e.g. 360000 [missing-field]",
        ),
        ("9" * 4400, "annual_cost: a number of 4400 digits is not a cost [number-too-long]"),
        (
            "-" + "9" * 200_000,
            "annual_cost: a number of 200000 digits is not a cost [number-too-long]",
        ),
        ("1.000" * 30, "annual_cost: a number of 120 digits is not a cost [number-too-long]"),
        (
            "x" * 200_000,
            f"annual_cost: expected whole kroner in the digits 0-9 (e.g. 360000), got '{'x' * 40}… (200000 characters)' [amount-type]",
        ),
    ],
    ids=lambda v: v[:20] if isinstance(v, str) else None,
)
def test_bad_costs(value: str, expected: str) -> None:
    assert read(row(annual_cost=value)) == ([], [f"2:3: {expected}"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "1641600000",
            "'1641600000' is not a date written YYYY-MM-DD (as a Unix timestamp it is 2022-01-08); write 2022-01-08 [date-format]",
        ),
        (
            "1641600000000",
            "'1641600000000' is not a date written YYYY-MM-DD (as a Unix timestamp it is 2022-01-08); write 2022-01-08 [date-format]",
        ),
        (
            "22-06-2023",
            "'22-06-2023' is not a date written YYYY-MM-DD; write 2023-06-22 [date-format]",
        ),
        ("22-6-23", "'22-6-23' is not a date written YYYY-MM-DD; write 2023-06-22 [date-format]"),
        (
            "22.06.2023",
            "'22.06.2023' is not a date written YYYY-MM-DD; write 2023-06-22 [date-format]",
        ),
        (
            "06/22/2023",
            "'06/22/2023' is not a date written YYYY-MM-DD; write 2023-06-22 [date-format]",
        ),
        (
            "2023-6-22",
            "'2023-6-22' is not a date written YYYY-MM-DD; write 2023-06-22 [date-format]",
        ),
        ("20230622", "'20230622' is not a date written YYYY-MM-DD; write 2023-06-22 [date-format]"),
        (
            "2023-06-22T00:00:00",
            "'2023-06-22T00:00:00' is not a date written YYYY-MM-DD (it has a time of day); write the date alone: 2023-06-22 [date-format]",
        ),
        (
            "2023-06-22 10:30",
            "'2023-06-22 10:30' is not a date written YYYY-MM-DD (it has a time of day); write the date alone: 2023-06-22 [date-format]",
        ),
        (
            "22. juni 2023",
            "'22. juni 2023' is not a date written YYYY-MM-DD; write it like 2023-06-22 [date-format]",
        ),
        (
            "２０２３-06-22",
            "'２０２３-06-22' is not a date written YYYY-MM-DD; write it like 2023-06-22 [date-format]",
        ),
        (
            "2023-02-30",
            "2023-02-30 is not a day of the calendar; check the month and the day [date-invalid]",
        ),
        (
            "0023-06-22",
            "0023-06-22 has the year 23, not between 1900 and 2200; write the full year [date-invalid]",
        ),
        (
            "",
            "empty; give the day the case started, as YYYY-MM-DD, e.g. 2023-06-22 [missing-field]",
        ),
    ],
    ids=lambda v: v[:20] if isinstance(v, str) else None,
)
def test_bad_start_dates(value: str, expected: str) -> None:
    assert read(row(start=value)) == ([], [f"2:4: start: {expected}"])


def test_a_bad_end_date() -> None:
    assert read(row(end="31-12-2024")) == (
        [],
        ["2:5: end: '31-12-2024' is not a date written YYYY-MM-DD; write 2024-12-31 [date-format]"],
    )


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("ja", "; write true"),
        ("1", "; write true"),
        ("nej", "; write false"),
        ("no", "; write false"),
        ("måske", " (empty means true: the case is in the refusion scheme)"),
    ],
)
def test_bad_refusion(value: str, hint: str) -> None:
    text = f"case_id,section,annual_cost,start,refusion\nK1,§1,5,2023-01-01,{value}\n"
    assert read(text) == (
        [],
        [f"2:5: refusion: expected true or false, got '{value}'{hint} [bool-parsing]"],
    )


def test_empty_and_too_long_text_fields() -> None:
    text = HEADER + f",,360000,2023-01-01,,{'a' * 201}\n"
    assert read(text) == (
        [],
        [
            "2:1: case_id: empty; give the case's id, e.g. S-0001 [missing-field]",
            "2:2: section: empty; give the section of the Social Services Act, e.g. §108 [missing-field]",
            "2:6: age_group: 201 characters; a field of a register has at most 200 (is a separator or a line end missing?) [field-too-long]",
        ],
    )


def test_every_problem_of_a_row_and_the_models_too() -> None:
    text = row(annual_cost="-5", start="2023-02-30", end="2023-01-01")
    assert read(text) == (
        [],
        [
            "2:4: start: 2023-02-30 is not a day of the calendar; check the month and the day [date-invalid]",
            "2:3: annual_cost: a cost cannot be negative, got -5 [negative-cost]",
        ],
    )
    assert problems_of(row(start="2023-05-01", end="2023-04-01")) == [
        "2:1: the case ends (2023-04-01) before it starts (2023-05-01) [case-ends-before-start]"
    ]


def test_duplicate_case_ids_even_when_the_first_row_is_bad() -> None:
    text = HEADER + "K1,§108,x,2023-01-01,,\nK2,§85,5,2023-01-01,,\n K1 ,§104,5,2023-01-01,,\n"
    cases, problems = read(text)
    assert [c.case_id for c in cases] == ["K2"]
    assert problems == [
        "2:3: annual_cost: expected whole kroner in the digits 0-9 (e.g. 360000), got 'x' [amount-type]",
        "4:1: case K1 is also on line 2 [duplicate-case]",
    ]
    moved = "section,case_id,annual_cost,start\n§1,K1,5,2023-01-01\n§1,K1,6,2023-01-01\n"
    assert problems_of(moved) == ["3:2: case K1 is also on line 2 [duplicate-case]"]


def test_problems_are_capped_and_the_rest_counted() -> None:
    text = HEADER + "x\n" * 1000
    problems = problems_of(text)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[0].startswith("2:2: the row has 1 field, the header 6 columns")
    assert problems[-1] == (
        "102:1: 900 more problems from this line on are not listed (at most 100 a register); "
        "fix the ones above and run validate again [too-many-problems]"
    )


@pytest.mark.slow
def test_memory_stays_a_small_multiple_of_the_size() -> None:
    for data in (
        (HEADER + "x,§1,1.5,22-06-2023,,\n" * 50_000).encode(),  # 1 MB of bad rows
        (HEADER + "K1,§108," + "9" * 2_000_000 + ",2023-01-01,,\n").encode(),  # a 2 MB field
        (HEADER + '"' + "K" * 2_000_000 + "\n").encode(),  # a quote that is never closed
    ):
        tracemalloc.start()
        try:
            read_register(data, NAME)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 4 * len(data), (peak, len(data))


def test_no_process_wide_csv_state_is_changed() -> None:
    limit = csv.field_size_limit()
    assert read(row(age_group="a" * 200_000))[1][0].endswith("[field-too-long]")
    assert csv.field_size_limit() == limit


# --- properties -----------------------------------------------------------------------------------

PROPERTY = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
NASTY = st.text(
    alphabet=st.sampled_from(
        list(',;\t"\r\n \\x09-+.²٣\x00\ufeff') + list("case_idsectionstartend")
    ),
    max_size=300,
)


def _check_positions(data: bytes, problems: list[Problem]) -> None:
    last = data.count(b"\n") + 1
    for p in problems:
        assert p.path == NAME
        assert 1 <= p.line <= last, p
        assert p.col >= 1, p
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", p.rule), p
        assert p.message and "\n" not in p.message, p


@PROPERTY
@given(
    st.one_of(st.binary(max_size=600), NASTY.map(str.encode), st.text(max_size=300).map(str.encode))
)
def test_any_bytes_give_cases_or_problems(data: bytes) -> None:
    cases, problems = read_register(data, NAME)
    assert all(isinstance(c, Case) for c in cases)
    _check_positions(data, problems)


@PROPERTY
@given(NASTY)
def test_no_row_is_lost_silently(rows: str) -> None:
    """After a good header, every line with something in it is a case or has a problem."""
    data = (HEADER + rows).encode()
    cases, problems = read_register(data, NAME)
    _check_positions(data, problems)
    lines = (HEADER + rows).split("\n")
    content = {
        n
        for n, line in enumerate(lines[1:], 2)
        if any(c not in ',"' and not c.isspace() for c in line)
    }
    assert len(cases) == len(content - {p.line for p in problems})


TEXT = (
    st.text(
        alphabet=st.characters(
            exclude_categories=("Cc", "Cs", "Zl", "Zp"),
            # a byte-order mark, and the bidi overrides the model refuses in every text
            exclude_characters="\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
DAY = st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31))


@st.composite
def cases_(draw: st.DrawFn) -> Case:
    start = draw(DAY)
    end = draw(st.none() | st.integers(0, 20_000).map(lambda d: start + datetime.timedelta(d)))
    if end is not None and end.year > 2200:
        end = None
    return Case(
        draw(TEXT),
        draw(TEXT),
        draw(st.integers(0, KRONER_LIMIT - 1)),
        start,
        end,
        draw(st.none() | TEXT),
        draw(st.booleans()),
    )


REGISTERS = st.lists(cases_(), max_size=8, unique_by=lambda c: c.case_id)


@st.composite
def layouts(draw: st.DrawFn) -> dict[str, object]:
    optional = draw(st.lists(st.sampled_from(OPTIONAL), unique=True))
    return {
        "columns": draw(st.permutations([*REQUIRED, *optional])),
        "sep": draw(st.sampled_from([",", ";", "\t"])),
        "quoting": draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
        "end": draw(st.sampled_from(["\n", "\r\n"])),
        "bom": draw(st.booleans()),
        "final": draw(st.booleans()),
        "truth": draw(st.sampled_from([("true", "false"), ("TRUE", "FALSE"), ("True", "False")])),
    }


def as_cells(case: Case, truth: tuple[str, str]) -> dict[str, str]:
    return {
        "case_id": case.case_id,
        "section": case.section,
        "annual_cost": str(case.annual_cost),
        "start": case.start.isoformat(),
        "end": case.end.isoformat() if case.end else "",
        "age_group": case.age_group or "",
        "refusion": truth[0] if case.refusion else truth[1],
    }


def write(rows: list[dict[str, str]], layout: dict[str, object]) -> bytes:
    out = io.StringIO()
    columns = layout["columns"]
    assert isinstance(columns, list)
    writer = csv.writer(
        out,
        delimiter=str(layout["sep"]),
        quoting=layout["quoting"],  # type: ignore[arg-type]
        lineterminator=str(layout["end"]),
    )
    writer.writerow(columns)
    for cells in rows:
        writer.writerow([cells[c] for c in columns])
    text = out.getvalue()
    if not layout["final"]:
        text = text.removesuffix(str(layout["end"]))
    return ("\ufeff" if layout["bom"] else "").encode() + text.encode()


def expected(case: Case, columns: list[str]) -> Case:
    return Case(
        case.case_id,
        case.section,
        case.annual_cost,
        case.start,
        case.end if "end" in columns else None,
        case.age_group if "age_group" in columns else None,
        case.refusion if "refusion" in columns else True,
    )


@PROPERTY
@given(REGISTERS, layouts())
def test_a_written_register_reads_back(cases: list[Case], layout: dict[str, object]) -> None:
    truth = layout["truth"]
    assert isinstance(truth, tuple)
    data = write([as_cells(c, truth) for c in cases], layout)
    columns = layout["columns"]
    assert isinstance(columns, list)
    assert read_register(data, NAME) == ([expected(c, columns) for c in cases], [])


def _good_cost(text: str) -> bool:
    return re.fullmatch(r"0|[1-9][0-9]{0,14}", text.strip(), re.ASCII) is not None  # < 10**15


def _good_date(text: str) -> bool:
    try:
        day = datetime.date.fromisoformat(text.strip())
    except ValueError:
        return False
    return (
        re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip(), re.ASCII) is not None
        and 1900 <= day.year <= 2200
    )


ANY = st.text(max_size=12) | st.sampled_from(
    [
        "36000²",
        "٣٦٠٠٠",
        "1.200",
        "1 200",
        "-0",
        "+5",
        "007",
        "-5",
        "1641600000",
        "22-06-2023",
        "22-6-23",
        "x" * 300,
        "a\rb",
        "\x00",
        '"',
        "ja",
    ]
)
BAD = {
    "annual_cost": ANY.filter(lambda t: not _good_cost(t)),
    "start": ANY.filter(lambda t: not _good_date(t)),
    "end": ANY.filter(lambda t: t.strip() != "" and not _good_date(t)),
    "case_id": ANY.filter(
        lambda t: (
            not t.strip()
            or len(t.strip()) > 200
            or bool(re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\r]", t))
        )
    ),
    "refusion": ANY.filter(lambda t: t.strip().lower() not in ("true", "false", "")),
}


@PROPERTY
@given(REGISTERS.filter(bool), layouts(), st.data())
def test_one_bad_field_is_a_problem_at_its_row(
    cases: list[Case], layout: dict[str, object], data: st.DataObject
) -> None:
    columns = layout["columns"]
    truth = layout["truth"]
    assert isinstance(columns, list)
    assert isinstance(truth, tuple)
    column = data.draw(st.sampled_from([c for c in columns if c in BAD]))
    index = data.draw(st.integers(0, len(cases) - 1))
    bad = data.draw(BAD[column])
    rows = [as_cells(c, truth) for c in cases]
    rows[index][column] = bad
    found = read_register(write(rows, layout), NAME)[1]
    # a value with a line break in it is quoted over two lines: every row after it moves down
    line = 2 + index + sum(r[c].count("\n") for r in rows[:index] for c in columns)
    assert (line, columns.index(column) + 1) in {(p.line, p.col) for p in found}, (bad, found)


# --- the command line -----------------------------------------------------------------------------

FORECAST = """\
id: f
title: Prognose
year: 2024
lines:
  - label: Eksisterende sager
    compute: existing
    budget: 900
cases_file: f.csv
"""


@pytest.fixture
def folder(
    make_data: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[bytes], Path]:
    monkeypatch.chdir(tmp_path)

    def make(register: bytes) -> Path:
        root = make_data(areas=AREAS, p1=proposal_yaml())
        (root / "forecasts").mkdir(exist_ok=True)
        (root / "forecasts" / "f.yaml").write_text(FORECAST, encoding="utf-8")
        (root / "forecasts" / "f.csv").write_bytes(register)
        return root

    return make


def test_validate_reports_a_broken_register(
    runner: CliRunner, folder: Callable[[bytes], Path]
) -> None:
    register = (HEADER + ROW + "K2,§85,36000²,22-06-2023,,\nK3;§85;5;2023-01-01;;\n").encode()
    folder(register)
    result = runner.invoke(app, ["validate", "d", "--no-cache"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (result.exit_code, result.stdout.splitlines()) == (
        1,
        [
            "d/forecasts/f.csv:3:3: error: annual_cost: '36000²' has '²' (U+00B2 SUPERSCRIPT TWO), which is not one of the digits 0-9; write the cost in whole kroner with the digits 0-9 only, no sign, no separators [amount-type]",
            "d/forecasts/f.csv:3:4: error: start: '22-06-2023' is not a date written YYYY-MM-DD; write 2023-06-22 [date-format]",
            "d/forecasts/f.csv:4:2: error: the row has 1 field, the header 6 columns (no section, annual_cost, start, end, age_group); give every column, an empty value as nothing between two separators; this line seems separated by ';', the header by ',' [row-length]",
        ],
    )


def test_validate_in_a_subprocess_with_a_lone_cr_and_a_huge_field(
    folder: Callable[[bytes], Path],
) -> None:
    root = folder(
        (HEADER + "K1,§1\r08,5,2023-01-01,,\nK2,§85," + "9" * 200_000 + ",2023-01-01,,\n").encode()
    )
    done = subprocess.run(
        [sys.executable, "-m", "budgetcli", "validate", "d", "--no-cache"],
        capture_output=True,
        text=True,
        check=False,
        cwd=root.parent,
    )
    assert "Traceback" not in done.stderr
    assert (done.returncode, done.stdout.splitlines()) == (
        1,
        [
            "d/forecasts/f.csv:2:2: error: section: a carriage return (CR) inside the line; end every line with LF or CRLF (save the file with Windows or Unix line ends) [line-ending]",
            "d/forecasts/f.csv:3:3: error: annual_cost: a number of 200000 digits is not a cost [number-too-long]",
        ],
    )


def test_a_good_register_validates(runner: CliRunner, folder: Callable[[bytes], Path]) -> None:
    folder((HEADER + ROW).replace(",", ";").encode())
    result = runner.invoke(app, ["validate", "d", "--no-cache"])
    assert (result.exit_code, result.stdout) == (0, "")
