"""CSV that a spreadsheet never evaluates (``text.csvout``): a text cell that begins as a
formula (``=``, ``+``, ``-``, ``@``, a tab, a carriage return) is written with a single quote
before it, in every ``--format csv`` of every command; numbers stay numbers.

The rule for all texts (hypothesis), then every command's CSV of a data folder whose every text
begins as a formula, read back with the csv module.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.text.csvout import (
    FORMULA_STARTS,
    QUOTE,
    Cell,
    Number,
    csv_table,
    text_cell,
    unquoted,
)
from budgetcli.text.numbers import fmt_fte
from tests.conftest import proposal_yaml, run

pytestmark = pytest.mark.store

#: any text, and often one that begins as a formula or with the quote itself
TEXTS = st.text() | st.builds(
    lambda first, rest: first + rest, st.sampled_from([*FORMULA_STARTS, QUOTE]), st.text()
)
FTES = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
CELLS = st.one_of(TEXTS, st.integers(), FTES)


def read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@given(st.lists(st.lists(CELLS, min_size=1, max_size=6), max_size=6))
def test_no_text_cell_begins_as_a_formula_and_every_cell_comes_back(
    rows: list[list[str | int | Decimal]],
) -> None:
    cells: list[list[Cell]] = [
        [Number(fmt_fte(v, False)) if isinstance(v, Decimal) else v for v in row] for row in rows
    ]
    header, *back = read(csv_table(["a"], cells))
    assert header == ["a"]
    assert len(back) == len(rows)
    for row, read_row in zip(rows, back, strict=True):
        for value, cell in zip(row, read_row, strict=True):
            if isinstance(value, str):
                assert not cell.startswith(FORMULA_STARTS)
                assert unquoted(cell) == value
                assert cell == value or cell == QUOTE + value
            elif isinstance(value, int):
                assert int(cell) == value and cell == str(value)  # -600 stays -600
            else:
                assert Decimal(cell) == value


@given(st.lists(st.lists(TEXTS.filter(lambda t: "\r" not in t), min_size=1, max_size=4)))
def test_lines_are_quoted_as_the_csv_module_quotes_them(rows: list[list[str]]) -> None:
    """The quoting is the csv module's (the CSV is what it was before the rule, but for the
    cells the rule quotes), except that a carriage return is quoted too."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [["h"], *([text_cell(c) for c in r] for r in rows)]
    )
    assert csv_table(["h"], rows) == out.getvalue()


def test_the_quote_goes_before_a_formula_only() -> None:
    assert read(csv_table(["=h"], [["=1+1", "-x", "@a", "+1", "\tt", "\rr", "'q", "a=b", -600]]))[
        1:
    ] == [["'=1+1", "'-x", "'@a", "'+1", "'\tt", "'\rr", "''q", "a=b", "-600"]]
    assert read(csv_table(["h"], [[Number("-4.9"), Number(""), None, ""]]))[1] == [
        "-4.9",
        "",
        "",
        "",
    ]


# --- every command's CSV -------------------------------------------------------------------

#: a formula in every text the data gives: codes, names, committees, centres, titles, labels
AREAS = """\
municipality: "=Kommune"
title: "+Budget"
years: [2024, 2025]
unit: 1000 DKK
frames:
  service: {2024: 5000, 2025: 5000}
  construction: {2024: 100, 2025: 100}
baseline:
  service: {2024: 4000, 2025: 4000}
  construction: {2024: 50, 2025: 50}
areas:
  - {code: "=A1", name: "@SUM(1)", committee: "-Udvalg", budget: {2024: 1000, 2025: 1000}}
  - {code: "+B1", name: "=HYPERLINK(\\"http://x\\")", committee: "@Udvalg"}
"""
FORECAST = """\
id: prognose
title: "=Prognose"
year: 2024
unit: 1000 DKK
lines:
  - {label: "=SUM(A1:A9)", forecast: 900, budget: 1000}
  - {label: "-Refusion", forecast: -50, budget: -40, service_frame: outside}
"""


def formulas(folder: Path, title: str = "=cmd|' /C calc'!A0") -> Path:
    (folder / "proposals").mkdir(parents=True)
    (folder / "forecasts").mkdir()
    (folder / "areas.yaml").write_text(AREAS, encoding="utf-8")
    (folder / "forecasts" / "prognose.yaml").write_text(FORECAST, encoding="utf-8")
    for pid, areas, center in (("p1", '["=A1"]', '"=centre"'), ("p2", '["+B1"]', '"-centre"')):
        text = proposal_yaml(
            pid,
            title=f'"{title}"',
            areas=areas,
            center=center,
            committee='"-Udvalg"' if pid == "p1" else '"@Udvalg"',
            change="{inside_service_frame: {2024: -600, 2025: -600}}",
        )
        (folder / "proposals" / f"{pid}.yaml").write_text(text, encoding="utf-8")
    return folder


NUMBER = re.compile(r"-?\d+(\.\d+)?")
#: the columns of figures of each command's CSV (the others are text)
FIGURES = {
    "summary": {"year", "savings", "investments", "net", "inside_service_frame"}
    | {"outside_service_frame", "construction", "fte", "budget", "budget_after", "change_pct"},
    "show": {"year", "savings", "investments", "net", "inside_service_frame"}
    | {"outside_service_frame", "construction", "fte"},
    "frame": {"year", "frame", "baseline", "decided", "after_decided", "deviation_decided"}
    | {"undecided", "after", "deviation"},
    "forecast": {"forecast_amount", "budget", "overspend"},
    "diff": {"year", "old", "new", "delta"},
}


def checked_csv(command: str, out: str) -> list[dict[str, str]]:
    """The CSV's rows; every cell that begins as a formula is a number in a figure's column."""
    header, *rows = read(out)
    assert rows
    for row in rows:
        for name, cell in zip(header, row, strict=True):
            if cell.startswith(FORMULA_STARTS):
                assert name in FIGURES[command] and NUMBER.fullmatch(cell), (name, cell)
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.parametrize("by", ["area", "committee", "center", "status", "kind", "proposal"])
def test_summary_csv_quotes_every_formula(runner: CliRunner, tmp_path: Path, by: str) -> None:
    data = formulas(tmp_path / "d")
    code, out, err = run(runner, "summary", "--by", by, "--data", str(data), "--format", "csv")
    assert code == 0, err
    rows = checked_csv("summary", out)
    labels = {"area": "'=A1 @SUM(1)", "committee": "'-Udvalg", "center": "'=centre"}
    assert labels.get(by, rows[0]["label"]) in {r["label"] for r in rows}
    assert all(re.fullmatch(r"-\d+", r["net"]) for r in rows)  # a number, not quoted


def test_show_csv_quotes_the_title(runner: CliRunner, tmp_path: Path) -> None:
    data = formulas(tmp_path / "d")
    code, out, err = run(runner, "show", "p1", "--data", str(data), "--format", "csv")
    assert code == 0, err
    rows = checked_csv("show", out)
    assert [(r["title"], r["year"], r["net"]) for r in rows] == [
        ("'=cmd|' /C calc'!A0", "2024", "-600"),
        ("'=cmd|' /C calc'!A0", "2025", "-600"),
    ]


def test_frame_csv_stays_figures(runner: CliRunner, tmp_path: Path) -> None:
    data = formulas(tmp_path / "d")
    code, out, err = run(runner, "frame", "--data", str(data), "--format", "csv")
    assert code == 0, err
    rows = checked_csv("frame", out)
    assert {r["decided"] for r in rows} == {"0"} and "-1200" in {r["undecided"] for r in rows}


def test_forecast_csv_quotes_every_label(runner: CliRunner, tmp_path: Path) -> None:
    data = formulas(tmp_path / "d")
    code, out, err = run(runner, "forecast", "--data", str(data), "--format", "csv")
    assert code == 0, err
    rows = checked_csv("forecast", out)
    assert [(r["label"], r["forecast_amount"]) for r in rows if r["kind"] == "line"] == [
        ("'=SUM(A1:A9)", "900"),
        ("'-Refusion", "-50"),
    ]


def test_diff_csv_quotes_every_text_it_compares(runner: CliRunner, tmp_path: Path) -> None:
    old = formulas(tmp_path / "old")
    new = tmp_path / "new"
    shutil.copytree(old, new)
    areas = (new / "areas.yaml").read_text(encoding="utf-8")
    (new / "areas.yaml").write_text(areas.replace('"@SUM(1)"', '"+Navn"'), encoding="utf-8")
    p1 = new / "proposals" / "p1.yaml"
    text = p1.read_text(encoding="utf-8").replace("calc", "notepad").replace("-600", "-700")
    p1.write_text(text, encoding="utf-8")
    code, out, err = run(runner, "diff", str(old), str(new), "--format", "csv")
    assert code == 0, err
    rows = checked_csv("diff", out)
    said = {(r["section"], r["key"], r["metric"]): r for r in rows}
    assert said["proposal", "p1", "title"]["label"] == "'=cmd|' /C notepad'!A0"
    assert said["area", "'=A1", "name"]["old"] == "'@SUM(1)"
    assert said["area", "'=A1", "name"]["new"] == "'+Navn"
    assert {(r["old"], r["new"], r["delta"]) for r in rows if r["metric"] == "net"} >= {
        ("-600", "-700", "-100")
    }
