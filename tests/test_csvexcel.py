"""CSV that Danish Excel opens with a double-click (``--format csv-excel-da``,
``text.csvout.EXCEL_DA``): ``;`` between fields, a decimal comma, UTF-8 with a byte-order mark,
``\\r\\n`` line ends; the same cells as ``--format csv``, whose bytes do not change.

The rule for all cells (hypothesis: hostile texts, whole numbers, FTE), every command's CSV of
the bundled data against its plain CSV, the combinations of ``--numbers`` that are refused,
and the file opened by LibreOffice in a Danish locale and read back with openpyxl.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.cli.root import app
from budgetcli.text.csvout import EXCEL_DA, FORMULA_STARTS, QUOTE, Cell, Number, csv_table
from budgetcli.text.numbers import fmt_fte
from tests.conftest import IN_CI, REPO, examples, run
from tests.test_csvout import FIGURES, formulas
from tests.test_xlsx import load

pytestmark = pytest.mark.store

#: what breaks a CSV read in a Danish Excel: its separator, quotes, line ends, a formula's
#: start, the other separator and the decimal signs, and Danish letters
HOSTILE = [";", ",", '"', "\n", "\r", "\r\n", *FORMULA_STARTS, QUOTE, ".", "æ", "Ø", "å", "1"]
TEXTS = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=3), max_size=6).map("".join)
FTES = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)


def excel_rows(data: bytes) -> list[list[str]]:
    """The CSV as a program reads what Danish Excel opens: UTF-8 with its mark, ``;``."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@settings(max_examples=examples(300))
@given(st.lists(st.lists(TEXTS | st.integers() | FTES, min_size=1, max_size=6), max_size=6))
def test_every_cell_comes_back_with_its_number(rows: list[list[str | int | Decimal]]) -> None:
    cells: list[list[Cell]] = [
        [Number(fmt_fte(v, False)) if isinstance(v, Decimal) else v for v in row] for row in rows
    ]
    data = csv_table(["æ;ø"], cells, EXCEL_DA).encode("utf-8")
    header, *back = excel_rows(data)
    assert header == ["æ;ø"] and len(back) == len(rows)
    for row, read_row in zip(rows, back, strict=True):
        for value, cell in zip(row, read_row, strict=True):
            if isinstance(value, str):
                assert not cell.startswith(FORMULA_STARTS)
                assert cell in (value, QUOTE + value)
            elif isinstance(value, int):
                assert cell == str(value)
            else:  # a decimal comma, never a point, no thousands separator
                assert "." not in cell and Decimal(cell.replace(",", ".")) == value


def test_the_bytes_of_a_small_table() -> None:
    table = csv_table(
        ["id", "fte"], [["a;b", Number("-4.9")], ['=x "y"', Number("1200")], ["æ\nø", 7]], EXCEL_DA
    )
    assert table.encode("utf-8") == (
        b'\xef\xbb\xbfid;fte\r\n"a;b";-4,9\r\n"\'=x ""y""";1200\r\n"\xc3\xa6\n\xc3\xb8";7\r\n'
    )


COMMANDS = {
    "summary": ["summary", "--by", "proposal"],
    "show": ["show", "plejecenter-sygefravaer"],
    "frame": ["frame", "--data", "examples/ishoej-2026-2029"],
    "forecast": ["forecast"],
    "diff": ["diff", "examples/ishoej-2026-2029", "data"],
}


def invoke(runner: CliRunner, *args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_writes_the_plain_csvs_cells(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """Cell for cell the plain CSV, but a figure's decimal point is a comma."""
    monkeypatch.chdir(REPO)
    code, plain, err = invoke(runner, *COMMANDS[command], "--format", "csv")
    assert code == 0, err
    code, excel, err = invoke(runner, *COMMANDS[command], "--format", "csv-excel-da")
    assert code == 0, err
    assert excel.count(b"\r\n") == plain.count(b"\n") and b"\r\n" in excel
    header, *rows = list(csv.reader(io.StringIO(plain.decode("utf-8"), newline="")))
    excel_header, *excel_cells = excel_rows(excel)
    assert excel_header == header and len(excel_cells) == len(rows)
    commas = 0
    for row, excel_row in zip(rows, excel_cells, strict=True):
        for name, cell, excel_cell in zip(header, row, excel_row, strict=True):
            figure = name in FIGURES[command]
            assert excel_cell == (cell.replace(".", ",") if figure else cell), (name, cell)
            commas += figure and "," in excel_cell
    assert commas or command in ("frame", "forecast", "diff")  # FTE and % have decimals


REFUSED = {
    ("csv", "danish"): "budgetcli: error: --numbers danish does not apply to --format csv,"
    " which writes plain numbers for programs; for CSV that Danish Excel opens, use --format"
    " csv-excel-da\n",
    ("json", "danish"): "budgetcli: error: --numbers danish does not apply to --format json:"
    " JSON numbers are plain\n",
    ("csv-excel-da", "plain"): "budgetcli: error: --numbers plain does not apply to --format"
    " csv-excel-da, which writes a decimal comma as Danish Excel reads it; for plain numbers,"
    " use --format csv\n",
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(("output", "numbers"), sorted(REFUSED))
def test_numbers_a_format_cannot_follow_are_refused(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: str, output: str, numbers: str
) -> None:
    monkeypatch.chdir(REPO)
    args = [*COMMANDS[command], "--format", output, "--numbers", numbers]
    assert run(runner, *args) == (2, "", REFUSED[output, numbers])


@pytest.mark.parametrize(
    ("output", "numbers"),
    [
        ("csv", "plain"),
        ("json", "plain"),
        ("csv-excel-da", "danish"),
        ("table", "plain"),
        ("table", "danish"),
        ("markdown", "plain"),
        ("markdown", "danish"),
    ],
)
def test_numbers_a_format_follows_are_taken(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, output: str, numbers: str
) -> None:
    """Given or not, the same output where the format's numbers are the ones asked for."""
    monkeypatch.chdir(REPO)
    given = invoke(runner, "summary", "2024", "--format", output, "--numbers", numbers)
    default = invoke(runner, "summary", "2024", "--format", output)
    assert given[0] == 0 and given[1]
    if (output, numbers) != ("table", "plain") and (output, numbers) != ("markdown", "plain"):
        assert given == default


# --- opened as a person opens it: LibreOffice in a Danish locale -----------------------------

SOFFICE = shutil.which("soffice")
#: LibreOffice's CSV import: ``;`` (59), ``"`` (34), UTF-8 (76), from line 1, the cells' formats
#: found, language 1030 (Danish, Denmark): what a double-click in a Danish Excel does
DANISH_CSV = "CSV:59,34,76,1,,1030"


def opened(csv_bytes: bytes, folder: Path) -> list[tuple[object, ...]]:
    """The CSV opened by LibreOffice in a Danish locale, saved as xlsx, read by openpyxl."""
    folder.mkdir()
    source = folder / "budget.csv"
    source.write_bytes(csv_bytes)
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            *(SOFFICE or "soffice", f"-env:UserInstallation={profile}", "--headless"),
            *(f"--infilter={DANISH_CSV}", "--convert-to", "xlsx", "--outdir", str(folder)),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheet = load((folder / "budget.xlsx").read_bytes()).active
    return list(sheet.iter_rows(values_only=True))


needs_soffice = pytest.mark.skipif(
    SOFFICE is None and not IN_CI, reason="no LibreOffice (soffice); with CI=true this fails"
)


@pytest.mark.slow
@needs_soffice
def test_libreoffice_in_danish_opens_the_columns_and_numbers(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The bundled data's summary: every column its own, every figure a number (FTE 1,5 is
    1.5, -1,4 % is -1.4); the plain CSV, opened the same way, is one column of text."""
    monkeypatch.chdir(REPO)
    code, plain, _ = invoke(runner, "summary", "--format", "csv")
    code, excel, err = invoke(runner, "summary", "--format", "csv-excel-da")
    assert code == 0, err
    header, *rows = list(csv.reader(io.StringIO(plain.decode("utf-8"), newline="")))
    sheet = opened(excel, tmp_path / "excel")
    assert list(sheet[0]) == header and len(sheet) == len(rows) + 1
    for row, cells in zip(rows, sheet[1:], strict=True):
        for name, cell, value in zip(header, row, cells, strict=True):
            if name in FIGURES["summary"]:
                number = None if value is None else Decimal(str(value))
                assert number == (None if cell == "" else Decimal(cell)), (name, cell, value)
                assert not isinstance(value, str)
            else:
                assert value == (cell or None), (name, cell, value)
    assert {(r[1], r[2], r[9]) for r in sheet} >= {("B60.10.20 Botilbud", 2024, 1.5)}
    assert all(len(r) == 1 for r in opened(plain, tmp_path / "plain"))


@pytest.mark.slow
@needs_soffice
def test_libreoffice_in_danish_keeps_hostile_texts_as_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Texts that begin as formulas and hold ``;``, quotes and Danish letters stay text in
    their own column, and the amounts beside them numbers."""
    data = formulas(tmp_path / "d", title="=cmd|' /C calc'!A0; \\\"æøå\\\"")
    code, excel, err = invoke(
        runner, "summary", "--by", "proposal", "--data", str(data), "--format", "csv-excel-da"
    )
    assert code == 0, err
    sheet = opened(excel, tmp_path / "excel")
    assert [(r[0], r[2], r[5]) for r in sheet[1:3]] == [("p1", 2024, -600), ("p1", 2025, -600)]
    assert sheet[1][1] == "'=cmd|' /C calc'!A0; \"æøå\""
