"""The finance system's spending export (``folder/spending.py``): exact sums by hand, every
kind of bad line by its number and message, every file refused whole with why, and a property
over the whole class of exports: the sums are the truth written, or the line is refused with
its number: never a third outcome."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetcli.core.diagnostics import Said
from budgetcli.folder import spending
from budgetcli.folder.spending import (
    BadLine,
    Spending,
    SpendingFormat,
    function_code,
    period_of,
    read_spending,
)

from .conftest import examples

ACCOUNTS = {
    ("5.30.27", None): ("B60.10.20", "inside"),
    ("5.30.27", "10234"): ("VSO", "outside"),
    ("5.38.50", None): ("B60.10.20", "inside"),
    ("0.25.10", None): ("B60.30.10", "construction"),
    ("6.45.51", "555"): ("VSO", "outside"),  # by cost centre only
}
FULL = SpendingFormat("Funktion", "Beløb", "Omkostningssted", "Periode")


def read(
    tmp_path: Path,
    text: str | bytes,
    fmt: SpendingFormat = FULL,
    until: tuple[int, int] | None = (2024, 3),
) -> Spending:
    path = tmp_path / "forbrug.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    found = read_spending(path, fmt, ACCOUNTS, until)
    assert isinstance(found, Spending), found
    return found


def refused(tmp_path: Path, text: str | bytes, fmt: SpendingFormat = FULL) -> str:
    path = tmp_path / "forbrug.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    found = read_spending(path, fmt, ACCOUNTS, (2024, 3))
    assert isinstance(found, Said), found
    return found.english


def said_lines(found: Spending) -> list[tuple[int, str]]:
    return [(bad.line, bad.why.english) for bad in found.bad]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("5.30.27", "5.30.27"),
        ("053027", "5.30.27"),
        (" 5.30.27 ", "5.30.27"),
        ("05.30.27", "5.30.27"),
        ("53027", "5.30.27"),
        ("0.25.10", "0.25.10"),
        ("002510", "0.25.10"),
        ("\t6.45.51", "6.45.51"),
        ("5.3.27", None),
        ("5.30.270", None),
        ("153027", None),  # six digits: the first is the leading zero
        ("5302", None),
        ("5,30,27", None),
        ("5.30.27.01", None),
        ("=5.30.27", None),
        ("", None),
        ("٥.٣٠.٢٧", None),  # digits, but not ASCII ones
        ("5.30.27\n", None),
    ],
)
def test_function_code_reads_the_forms_the_finance_systems_write(
    text: str, code: str | None
) -> None:
    assert function_code(text) == code


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2024-03", (2024, 3)),
        ("202403", (2024, 3)),
        ("03.2024", (2024, 3)),
        ("3.2024", (2024, 3)),
        ("2024-03-31", (2024, 3)),
        ("31-03-2024", (2024, 3)),
        ("31.03.2024", (2024, 3)),
        ("3", (None, 3)),
        ("12", (None, 12)),
        (" 2024-03 ", (2024, 3)),
        ("29.02.2024", (2024, 2)),
        ("29.02.2023", None),  # no such day
        ("31.04.2024", None),
        ("2024-13", None),
        ("0", None),
        ("13", None),
        ("2024/03", None),
        ("03-2024", None),
        ("marts 2024", None),
        ("2024-3", None),
        ("31.03.24", None),
    ],
)
def test_period_of_reads_the_documented_forms_only(
    text: str, period: tuple[int | None, int] | None
) -> None:
    assert period_of(text) == period


SMALL = (
    "Funktion;Omkostningssted;Beløb;Periode;Tekst\n"
    "5.30.27;;-1.234,56;2024-01;Løn\n"  # B60.10.20: -123456
    "053027;10234;1.234,56-;202402;Vikarer\n"  # VSO (by cost centre): -123456
    "53027;99999;100;03.2024;Kørsel\n"  # cost centre not mapped: the code alone, B60.10.20: 10000
    "05.38.50;;2.000.000,5;31.03.2024;Husleje\n"  # B60.10.20: 200000050
    "0.25.10;;0,01;2024-03-15;Anlæg\n"  # B60.30.10: 1
    '" 5.38.50 ";"";"-17,1";"3";"a;b"\n'  # B60.10.20: -1710
    "002510;;999.999.999.999,99;1;Stort\n"  # B60.30.10: 99999999999999
)


def test_a_small_export_sums_exactly_by_hand(tmp_path: Path) -> None:
    found = read(tmp_path, SMALL)
    assert found.bad == ()
    assert found.lines == 7
    assert found.sums == {
        ("B60.10.20", "inside"): -123456 + 10000 + 200000050 - 1710,
        ("VSO", "outside"): -123456,
        ("B60.30.10", "construction"): 1 + 99999999999999,
    }
    assert found.sums[("B60.10.20", "inside")] == 199884884


def test_english_amounts_with_a_decimal_point(tmp_path: Path) -> None:
    fmt = SpendingFormat("Function", "Amount", separator=",", decimal=".")
    text = 'Function,Amount\n5.30.27,"1,234.56"\n5.30.27,-0.5\n5.30.27,12-\n5.30.27,1234.56\n'
    found = read(tmp_path, text, fmt)
    assert found.bad == ()
    assert found.sums == {("B60.10.20", "inside"): 123456 - 50 - 1200 + 123456}


BAD = (
    "Funktion;Omkostningssted;Beløb;Periode\n"  # 1
    "5.30.27;;100;2024-01\n"  # 2: good
    ";;100;2024-01\n"  # 3: no code
    "=HYPERLINK(1);;100;2024-01\n"  # 4: not a code
    "5.30.28;;100;2024-01\n"  # 5: not mapped
    "5.38.51;777;100;2024-01\n"  # 6: not mapped, with a cost centre
    "5.30.27;;;2024-01\n"  # 7: no amount
    "5.30.27;;1e3;2024-01\n"  # 8
    "5.30.27;;12,345;2024-01\n"  # 9: three decimals
    "5.30.27;;-12,34-;2024-01\n"  # 10: two minus signs
    "5.30.27;;1.23,4;2024-01\n"  # 11: a thousands group of two
    "5.30.27;;abc;2024-01\n"  # 12
    "5.30.27;;1234567890123456;2024-01\n"  # 13: sixteen digits
    "5.30.27;;100;\n"  # 14: no period
    "5.30.27;;100;2024-04\n"  # 15: after the cut-off
    "5.30.27;;100;2023-03\n"  # 16: another year
    "5.30.27;;100;2024-13\n"  # 17: not a period
    "5.30.27;;100;4\n"  # 18: a month after the cut-off
    "\n"  # 19: blank: skipped
    ";;;\n"  # 20: blank too
    "5.30.27;;100;2024-03;extra\n"  # 21: more fields than the header
    "5.30.27;;100\n"  # 22: fewer: the period is missing
    "6.45.51;555;100;2024-01\n"  # 23: good, by its cost centre
    "6.45.51;556;100;2024-01\n"  # 24: not by this cost centre
    "6.45.51;;100;2024-01\n"  # 25: nor by none
)
AMOUNT = (
    "is not an amount as the export writes them (1.234,56, -1234,5 or 1234,56-): at most two"
    " decimals and 15 digits of kr."
)
PERIOD = (
    "is not a period (written as 2024-03, 202403, 03.2024, 2024-03-31, 31-03-2024, 31.03.2024"
    " or a month number 1 to 12)"
)


def test_every_kind_of_bad_line_is_named_by_its_line_and_why(tmp_path: Path) -> None:
    found = read(tmp_path, BAD)
    assert said_lines(found) == [
        (3, "the function code is missing"),
        (4, "=HYPERLINK(1) is not a function code (written as 5.30.27 or 053027)"),
        (5, "function code 5.30.28 is not mapped to any area"),
        (6, "function code 5.38.51 is not mapped to any area"),
        (7, "the amount is missing"),
        (8, f"1e3 {AMOUNT}"),
        (9, f"12,345 {AMOUNT}"),
        (10, f"-12,34- {AMOUNT}"),
        (11, f"1.23,4 {AMOUNT}"),
        (12, f"abc {AMOUNT}"),
        (13, f"1234567890123456 {AMOUNT}"),
        (14, "the period is missing"),
        (15, "the period 2024-04 is after the follow-up's cut-off 2024-03"),
        (16, "the period 2023-03 is not in the follow-up's year 2024"),
        (17, f"2024-13 {PERIOD}"),
        (18, "the period 4 is after the follow-up's cut-off 2024-03"),
        (
            21,
            "the line has more fields than the header: is the decimal comma also the"
            " separator? Then the amounts must be quoted",
        ),
        (22, "the period is missing"),
        (24, "function code 6.45.51 with cost centre 556 is not mapped to any area"),
        (
            25,
            "function code 6.45.51 is mapped to an area by cost centre only, and the line has"
            " no cost centre",
        ),
    ]
    assert found.lines == 22  # 24 lines after the header, two of them blank
    assert found.sums == {("B60.10.20", "inside"): 10000, ("VSO", "outside"): 10000}


def test_without_a_cut_off_a_later_period_is_summed_and_a_bad_one_is_not(
    tmp_path: Path,
) -> None:
    text = "Funktion;Beløb;Periode\n5.30.27;1;2024-12\n5.30.27;2;2023-01\n5.30.27;4;x\n"
    found = read(tmp_path, text, SpendingFormat("Funktion", "Beløb", period="Periode"), None)
    assert found.sums == {("B60.10.20", "inside"): 300}
    assert said_lines(found) == [(4, f"x {PERIOD}")]


def test_a_decimal_comma_that_is_also_the_separator_is_never_half_read(tmp_path: Path) -> None:
    fmt = SpendingFormat("Funktion", "Beløb", separator=",")
    text = 'Funktion,Beløb\n5.30.27,"1234,56"\n5.30.27,1234,56\n5.30.27,12\n'
    found = read(tmp_path, text, fmt)
    assert found.sums == {("B60.10.20", "inside"): 123456 + 1200}
    assert [bad.line for bad in found.bad] == [3]


def test_line_numbers_count_the_lines_of_a_quoted_cell_and_crlf(tmp_path: Path) -> None:
    text = (
        "Funktion;Beløb;Tekst\r\n"
        '5.30.27;1;"one\r\ntwo\r\nthree"\r\n'  # lines 2-4
        "\r\n"  # 5
        "5.30.27;x;ok\r\n"  # 6
        '"5.30.28";1;"a\nb"\r\n'  # 7-8
        "5.30.27;y;ok\r\n"  # 9
    )
    found = read(tmp_path, text, SpendingFormat("Funktion", "Beløb"))
    assert [bad.line for bad in found.bad] == [6, 7, 9]
    assert found.lines == 4
    assert found.sums == {("B60.10.20", "inside"): 100}


def test_hostile_cells_are_read_as_text_and_quoted_short(tmp_path: Path) -> None:
    long = "9" * 5000
    text = (
        "Funktion;Beløb;Tekst;Tekst\n"  # a name twice is fine when it is not one read
        f"5.30.27;{long};x;y\n"
        "5.30\x0027;1;x;y\n"
        "5.30.27;1\x1b[31m;x;y\n"
        '5.30.27;"=1+1";"=cmd|\' /C calc\'!A0";y\n'
        "5.30.27;7;\x00;y\n"
    )
    found = read(tmp_path, text, SpendingFormat("Funktion", "Beløb"))
    assert said_lines(found) == [
        (2, f"{'9' * 39}… {AMOUNT}"),
        (3, "5.30\\x0027 is not a function code (written as 5.30.27 or 053027)"),
        (4, f"1\\x1b[31m {AMOUNT}"),
        (5, f"=1+1 {AMOUNT}"),
    ]
    assert found.sums == {("B60.10.20", "inside"): 700}


def test_cp1252_and_a_utf8_bom(tmp_path: Path) -> None:
    body = "Funktion;Beløb\n5.30.27;1.000,50\n"
    fmt = SpendingFormat("Funktion", "Beløb", encoding="cp1252")
    assert read(tmp_path, body.encode("cp1252"), fmt).sums == {("B60.10.20", "inside"): 100050}
    fmt = SpendingFormat("Funktion", "Beløb")
    assert read(tmp_path, body.encode("utf-8-sig"), fmt).sums == {("B60.10.20", "inside"): 100050}


@pytest.mark.parametrize(
    ("content", "offset"),
    [
        (b"Funktion;Bel\xf8b\n5.30.27;1\n", 12),  # in the header
        (b'Funktion;Amount;T\n5.30.27;1;"a\xffb"\n' + b"5.30.27;1;x\n" * 5000, 30),  # quoted
        (b"\xef\xbb\xbfFunktion;Amount\n" + b"5.30.27;1\n" * 5000 + b"5.30.27;\xc3\n", 50027),
        (b"Funktion;Amount\n5.30.27;1;\xe6\n", 26),  # on a line with a field too many
    ],
)
def test_bytes_that_are_not_utf8_are_refused_with_their_place(
    tmp_path: Path, content: bytes, offset: int
) -> None:
    fmt = SpendingFormat("Funktion", "Amount" if b"Amount" in content else "Beløb")
    assert refused(tmp_path, content, fmt) == (
        f"the file is not UTF-8 text (its byte at offset {offset} is not): if the finance"
        " system writes Windows-1252, say encoding: cp1252"
    )


def test_an_export_of_only_its_header_sums_to_nothing(tmp_path: Path) -> None:
    found = read(tmp_path, "Funktion;Beløb\n", SpendingFormat("Funktion", "Beløb"))
    assert found == Spending({}, 0, ())


@pytest.mark.parametrize(
    ("content", "fmt", "message"),
    [
        (b"", FULL, "the file is empty: it has no header line"),
        (
            "Funktion;Beløb;Tekst\n5.30.27;1;x\n".encode(),
            FULL,
            "the column Omkostningssted is not in the header; its columns are Funktion, Beløb,"
            " Tekst",
        ),
        (
            "Funktion;Beløb;Beløb\n5.30.27;1;2\n".encode(),
            SpendingFormat("Funktion", "Beløb"),
            "the column Beløb is in the header 2 times: budgetcli cannot tell which one is meant",
        ),
        (
            "Funktion;Beløb\n5.30.27;1\n".encode("cp1252"),
            SpendingFormat("Funktion", "Beløb"),
            "the file is not UTF-8 text (its byte at offset 12 is not): if the finance system"
            " writes Windows-1252, say encoding: cp1252",
        ),
        (
            b"Funktion;Bel\x81b\n",
            SpendingFormat("Funktion", "Beløb", encoding="cp1252"),
            "the file is not cp1252: the byte 0x81 at offset 12 is no character of it",
        ),
        (
            b'Funktion;Amount\n5.30.27;"1\n5.30.27;2\n',
            SpendingFormat("Funktion", "Amount"),
            "the file cannot be read as CSV with the separator ; (is a quote left open?): ",
        ),
        (
            b"F;A\n",
            SpendingFormat("F", "A", separator='"'),
            'the separator " is not one budgetcli reads: one character, not a quote or a line'
            " break",
        ),
        (
            b"F;A\n",
            SpendingFormat("F", "A", decimal="'"),
            'the decimal mark \' is not one budgetcli reads: "," or "."',
        ),
        (
            b"F;A\n",
            SpendingFormat("F", "A", encoding="latin-1"),
            "the encoding latin-1 is not one budgetcli reads: utf-8 or cp1252",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole_with_why(
    tmp_path: Path, content: bytes, fmt: SpendingFormat, message: str
) -> None:
    assert refused(tmp_path, content, fmt).startswith(message)


def test_a_missing_file_a_folder_and_a_file_too_large_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fmt = SpendingFormat("F", "A")
    missing = read_spending(tmp_path / "nowhere.csv", fmt, ACCOUNTS)
    assert isinstance(missing, Said)
    assert missing.english == "No such file or directory"
    folder = read_spending(tmp_path, fmt, ACCOUNTS)
    assert isinstance(folder, Said)
    assert folder.english == "a folder, not a file: budgetcli reads only regular files"
    (tmp_path / "big.csv").write_bytes(b"F;A\n" + b"5.30.27;1\n" * 200)
    monkeypatch.setattr(spending, "MAX_SPENDING_BYTES", 1 << 10)
    big = read_spending(tmp_path / "big.csv", fmt, ACCOUNTS)
    assert isinstance(big, Said)
    assert big.english == (
        "the file is 2004 bytes, over the 1024 bytes budgetcli reads for a file of its kind"
        " (see Limits in docs/format.md): is it the right file?"
    )


def test_an_excel_workbook_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "forbrug.xlsx"  # a workbook is a zip of XML files
    with zipfile.ZipFile(path, "w") as workbook:
        workbook.writestr("[Content_Types].xml", "<Types/>")
        workbook.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    found = read_spending(path, SpendingFormat("Funktion", "Beløb"), ACCOUNTS)
    assert isinstance(found, Said)
    assert found.english == (
        "the file is an Excel workbook, not CSV: save it from Excel as CSV UTF-8 (or have the"
        " finance system export CSV)"
    )
    assert refused(tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512).startswith(
        "the file is an Excel workbook"
    )


def test_the_limit_is_one_gib() -> None:
    assert spending.MAX_SPENDING_BYTES == 1 << 30


def oracle_ore(cell: str, decimal: str) -> int | None:
    """An amount in øre as docs/spending.md says, by Python's Decimal: the truth the
    vectorised reading is held to."""
    thousands = "." if decimal == "," else ","
    text = cell.strip(" \t")
    minus = text.startswith("-") or text.endswith("-")
    if text.startswith("-") and text.endswith("-"):
        return None
    body = text.strip("-") if text.count("-") == 1 else text
    whole, _, cents = body.partition(decimal) if decimal in body else (body, "", "")
    if decimal in body and not re.fullmatch(r"[0-9]{1,2}", cents):
        return None
    grouped = re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(thousands)}[0-9]{{3}}){{1,4}}", whole)
    if not (re.fullmatch(r"[0-9]{1,15}", whole) or grouped):
        return None
    ore = int(Decimal(whole.replace(thousands, "") + "." + (cents or "0")) * 100)
    return -ore if minus else ore


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(
    cells=st.lists(st.text(alphabet="0123456789.,- \t", max_size=12), min_size=1, max_size=30),
    decimal=st.sampled_from([",", "."]),
)
def test_every_amount_cell_is_read_as_the_oracle_reads_it(
    tmp_path_factory: pytest.TempPathFactory, cells: list[str], decimal: str
) -> None:
    tmp_path = tmp_path_factory.mktemp("amounts")
    fmt = SpendingFormat("F", "A", separator="|", decimal=decimal)
    text = "F|A\n" + "".join(f"5.30.27|{cell}\n" for cell in cells)
    found = read(tmp_path, text, fmt)
    truth = [oracle_ore(cell, decimal) for cell in cells]
    assert [bad.line for bad in found.bad] == [i + 2 for i, ore in enumerate(truth) if ore is None]
    good = [ore for ore in truth if ore is not None]
    assert found.sums == ({("B60.10.20", "inside"): sum(good)} if good else {})


#: the codes of the generated exports: mapped (by code, or by code and cost centre) or not
GENERATED_CODES = ("5.30.27", "5.38.50", "0.25.10", "6.45.51")
HOSTILE_TEXT = st.sampled_from(
    [
        "Løn og vikarer",
        "=cmd|' /C calc'!A0",
        "a;b,c|d\te",
        'say "hi"',
        "two\nlines",
        "x" * 3000,
        "nul\x00byte",
        "",
        "  ",
        "+1",
        "@SUM(A1)",
    ]
)


def code_forms(code: str) -> list[str]:
    """Every way a finance system writes ``code`` (``5.30.27``)."""
    digits = code.replace(".", "")
    return [code, "0" + code, digits.zfill(6), digits.zfill(5)[-5:], f" {code} "]


def amount_forms(ore: int, decimal: str) -> list[str]:
    """Every way ``ore`` can be written with ``decimal``, minus before or after."""
    thousands = "." if decimal == "," else ","
    kr, cents = divmod(abs(ore), 100)
    wholes = [str(kr)] + ([f"{kr:,}".replace(",", thousands)] if kr >= 1000 else [])
    tails = [f"{decimal}{cents:02d}"]
    if cents % 10 == 0:
        tails.append(f"{decimal}{cents // 10}")
    if cents == 0:
        tails.append("")
    written = [w + t for w in wholes for t in tails]
    if ore < 0:
        return [f"-{w}" for w in written] + [f"{w}-" for w in written]
    return written


def period_forms(year: int, month: int) -> list[str]:
    return [
        f"{year}-{month:02d}",
        f"{year}{month:02d}",
        f"{month:02d}.{year}",
        f"{month}.{year}",
        f"{year}-{month:02d}-28",
        f"28-{month:02d}-{year}",
        f"28.{month:02d}.{year}",
    ]


BROKEN_AMOUNTS = ("1e3", "1,2345", "12.345.6", "abc", "", "--1", "1 000", "NaN", "0x10", "½")


@st.composite
def exports(draw: st.DrawFn) -> tuple[bytes, SpendingFormat, tuple[int, int], dict[str, object]]:
    """A whole export as the finance systems write it, and its truth: the sums of its good
    lines, and the numbers of its bad lines."""
    separator = draw(st.sampled_from([";", ",", "\t", "|"]))
    decimal = draw(st.sampled_from([",", "."]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    with_centre, with_period = draw(st.booleans()), draw(st.booleans())
    names = ["Funktion", "Beløb"] + ["Omkostningssted"] * with_centre + ["Periode"] * with_period
    names += ["Tekst"] * draw(st.integers(0, 2))  # the same name twice: not read, so fine
    order = draw(st.permutations(names))
    fmt = SpendingFormat(
        "Funktion",
        "Beløb",
        "Omkostningssted" if with_centre else None,
        "Periode" if with_period else None,
        separator,
        decimal,
        "cp1252" if encoding == "cp1252" else "utf-8",
    )
    rows: list[dict[str, str]] = []
    truth: dict[tuple[str, str], int] = {}
    bad: list[int] = []
    line = 2
    for _ in range(draw(st.integers(0, 25))):
        if draw(st.integers(0, 9)) == 0:
            rows.append({})  # a blank line
            line += 1
            continue
        row, target = draw(export_line(decimal, with_centre, with_period))
        if target is None:
            bad.append(line)
        else:
            truth[target[0]] = truth.get(target[0], 0) + target[1]
        rows.append(row)
        line += 1 + sum(row.get(name, "").count("\n") for name in order)
    quote_all = draw(st.booleans())
    text = newline.join(
        [separator.join(csv_cell(n, separator, quote_all) for n in order)]
        + [
            separator.join(csv_cell(row.get(n, ""), separator, quote_all) for n in order)
            if row
            else ""
            for row in rows
        ]
    ) + (newline if draw(st.booleans()) else "")
    data = text.encode(encoding)
    return data, fmt, (2024, 6), {"sums": truth, "bad": bad}


def csv_cell(text: str, separator: str, quote_all: bool) -> str:
    if quote_all or any(ch in text for ch in (separator, '"', "\n", "\r")):
        return '"' + text.replace('"', '""') + '"'
    return text


@st.composite
def export_line(
    draw: st.DrawFn, decimal: str, with_centre: bool, with_period: bool
) -> tuple[dict[str, str], tuple[tuple[str, str], int] | None]:
    """One line, and its (area, frame) and øre when it is good (``None``: a bad line)."""
    code = draw(st.sampled_from(GENERATED_CODES))
    centre = draw(st.sampled_from(["", "10234", "99999", "555", " 555 "])) if with_centre else ""
    ore = draw(st.integers(-(10**17) + 1, 10**17 - 1) | st.integers(-(10**6), 10**6))
    good = True
    amount = draw(st.sampled_from(amount_forms(ore, decimal)))
    if draw(st.integers(0, 15)) == 0:
        amount, good = draw(st.sampled_from(BROKEN_AMOUNTS)), False
    written_code = draw(st.sampled_from(code_forms(code)))
    if draw(st.integers(0, 20)) == 0:
        written_code, good = draw(st.sampled_from(["5.3.27", "=1+1", "x", "1234567"])), False
    row = {
        "Funktion": written_code,
        "Beløb": amount,
        "Omkostningssted": centre,
        "Tekst": draw(HOSTILE_TEXT),
    }
    if with_period:
        year, month = draw(st.sampled_from([(2024, m) for m in range(1, 13)] + [(2023, 5)]))
        row["Periode"] = draw(st.sampled_from([*period_forms(year, month), str(month)]))
        good = good and month <= 6 and (year == 2024 or row["Periode"] == str(month))
    target = ACCOUNTS.get((code, centre.strip())) if centre.strip() else None
    target = target or ACCOUNTS.get((code, None))
    if target is None:
        return row, None
    return row, ((target, ore) if good else None)


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(export=exports())
def test_every_export_sums_to_its_truth_or_names_each_bad_line(
    tmp_path_factory: pytest.TempPathFactory,
    export: tuple[bytes, SpendingFormat, tuple[int, int], dict[str, object]],
) -> None:
    data, fmt, until, truth = export
    path = tmp_path_factory.mktemp("export") / "forbrug.csv"
    path.write_bytes(data)
    found = read_spending(path, fmt, ACCOUNTS, until)
    assert isinstance(found, Spending), found  # every generated export can be read
    assert [bad.line for bad in found.bad] == truth["bad"]
    assert all(bad.why.english for bad in found.bad)
    assert found.sums == truth["sums"]


@pytest.mark.slow
def test_a_million_lines_with_ten_bad_ones_names_all_ten(tmp_path: Path) -> None:
    codes = ("053027", "5.38.50", "0.25.10")
    amounts = [(i * 7919) % 2_000_000 - 1_000_000 for i in range(1_000_000)]
    lines = [
        f"{codes[i % 3]};{10000 + i % 50};{'-' if ore < 0 else ''}{abs(ore) // 100},"
        f"{abs(ore) % 100:02d};2024-{i % 3 + 1:02d};Løn\n"
        for i, ore in enumerate(amounts)
    ]
    broken = {
        17: "5.30.28;1;1;2024-01;x\n",
        99_999: "5.30.27;1;1e3;2024-01;x\n",
        123_456: "=cmd;1;1;2024-01;x\n",
        250_000: "5.30.27;1;1;2024-07;x\n",
        400_000: "5.30.27;1;1,234;2024-01;x\n",
        500_000: "5.30.27;1;1;;x\n",
        600_001: ";1;1;2024-01;x\n",
        777_777: "5.30.27;1;1;2023-01;x\n",
        888_888: "5.30.27;1;;2024-01;x\n",
        999_999: "5.30.27;1;1;2024-01;x;y\n",
    }
    for at, line in broken.items():
        lines[at] = line
    path = tmp_path / "forbrug.csv"
    path.write_text("Funktion;Omkostningssted;Beløb;Periode;Tekst\n" + "".join(lines))
    found = read_spending(path, FULL, ACCOUNTS, (2024, 3))
    assert isinstance(found, Spending)
    assert [bad.line for bad in found.bad] == [at + 2 for at in broken]
    assert found.bad[0] == BadLine(
        19, Said("function code {code} is not mapped to any area", (("code", "5.30.28"),))
    )
    assert [bad.why.english for bad in found.bad] == [
        "function code 5.30.28 is not mapped to any area",
        f"1e3 {AMOUNT}",
        "=cmd is not a function code (written as 5.30.27 or 053027)",
        "the period 2024-07 is after the follow-up's cut-off 2024-03",
        f"1,234 {AMOUNT}",
        "the period is missing",
        "the function code is missing",
        "the period 2023-01 is not in the follow-up's year 2024",
        "the amount is missing",
        "the line has more fields than the header: is the decimal comma also the separator?"
        " Then the amounts must be quoted",
    ]
    assert found.lines == 1_000_000
    truth: dict[tuple[str, str], int] = {}
    for i, ore in enumerate(amounts):
        if i not in broken:
            target = ACCOUNTS[(("5.30.27", "5.38.50", "0.25.10")[i % 3], None)]
            truth[target] = truth.get(target, 0) + ore
    assert found.sums == truth


@settings(max_examples=examples(500), suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.binary(max_size=300)
    | st.text(alphabet='F;A,"\n\r\t 0123456789.-=ø\x00', max_size=300).map(str.encode),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
    separator=st.sampled_from([";", ","]),
)
def test_any_bytes_are_read_or_refused_never_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, body: bytes, encoding: str, separator: str
) -> None:
    path = tmp_path_factory.mktemp("bytes") / "forbrug.csv"
    path.write_bytes(f"F{separator}A\n".encode() + body)
    fmt = SpendingFormat("F", "A", separator=separator, encoding=encoding)
    found = read_spending(path, fmt, ACCOUNTS, (2024, 3))
    if isinstance(found, Said):
        assert found.english
    else:
        assert all(bad.why.english and bad.line >= 2 for bad in found.bad)
        assert sorted(bad.line for bad in found.bad) == [bad.line for bad in found.bad]
