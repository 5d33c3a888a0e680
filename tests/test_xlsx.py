"""The Excel workbook (``budgetcli export --format xlsx``), read back with openpyxl: every
figure is the one ``summary`` and ``frame`` print, as a number cell with its number format, each
sheet an Excel table with a frozen header and an autofilter; and the command's file handling."""

from __future__ import annotations

import importlib
import io
import json
import shlex
import sys
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from budgetcli.core.publication import Publication, publication
from budgetcli.core.vocab import ACTIVE_STATUSES
from budgetcli.publish.xlsx import HEADER_ROW, workbook
from budgetcli.store.load import load_checked
from tests.conftest import DATA, REPO, proposal_yaml, run

pytestmark = pytest.mark.store

FOLDERS = {
    "data": DATA,
    "ishoej": REPO / "examples" / "ishoej-2026-2029",
    "prices": REPO / "examples" / "prices-2024",
}
COMMAND = "budgetcli export --format xlsx -o budget.xlsx"
#: the workbook's header row (1-based, as openpyxl counts) and first data row
HEADER, FIRST = HEADER_ROW + 1, HEADER_ROW + 2
#: a summary's JSON field -> the Overview's column
OVERVIEW_COLUMNS = {
    "savings": "Savings",
    "investments": "Investments",
    "net": "Net",
    "inside_service_frame": "Inside frame",
    "outside_service_frame": "Outside frame",
    "construction": "Construction",
    "fte": "FTE",
    "budget": "Budget",
    "budget_after": "After",
    "change_pct": "Change %",
}
FRAME_COLUMNS = {
    "frame": "Frame amount",
    "baseline": "Baseline",
    "decided": "Decided",
    "after_decided": "After decided",
    "deviation_decided": "Deviation decided",
    "undecided": "Undecided",
    "after": "After",
    "deviation": "Deviation",
}
TEXT_COLUMNS = {"Area", "Id", "Title", "Kind", "Status", "Committee", "Areas", "Centre"}
TEXT_COLUMNS |= {"Type", "Label", "Code", "Frame"}


def _openpyxl() -> Any:
    """openpyxl has no type hints: the module as ``Any``."""
    return importlib.import_module("openpyxl")


def load(content: bytes) -> Any:
    """The workbook ``content`` as openpyxl reads it."""
    return _openpyxl().load_workbook(io.BytesIO(content))


def published(folder: Path) -> Publication:
    checked = load_checked(folder, use_cache=False)
    assert checked.catalogue is not None
    return publication(checked.catalogue, ACTIVE_STATUSES, COMMAND)


def records(sheet: Any) -> list[dict[str, Any]]:
    """The rows of a sheet's table as {header: cell} (the table's range, under its header)."""
    (table,) = sheet.tables.values()
    rows = list(sheet[table.ref])
    header = [c.value for c in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def values(sheet: Any) -> list[dict[str, Any]]:
    return [{k: c.value for k, c in row.items()} for row in records(sheet)]


@pytest.fixture(scope="module", params=list(FOLDERS))
def case(request: pytest.FixtureRequest) -> tuple[Path, Publication, bytes, Any]:
    """A folder, its publication, its workbook and the workbook read back."""
    folder = FOLDERS[request.param]
    pub = published(folder)
    content = workbook(pub)
    return folder, pub, content, load(content)


def summary_doc(runner: CliRunner, folder: Path) -> dict[str, Any]:
    code, out, err = run(runner, "summary", "--format", "json", "--data", str(folder))
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


def test_the_overview_is_the_summary(
    runner: CliRunner, case: tuple[Path, Publication, bytes, Any]
) -> None:
    folder, pub, _, book = case
    doc = summary_doc(runner, folder)
    rows = values(book["Overview"])
    by_label = {(r["Area"], r["Year"]): r for r in rows}
    expected = [(row["label"], row["years"]) for row in doc["rows"]]
    expected.append(("Total", doc["total"]["years"]))
    assert len(rows) == sum(len(years) for _, years in expected) == len(by_label)
    for label, years in expected:
        for year, figures in years.items():
            row = by_label[(label, int(year))]
            for field, column in OVERVIEW_COLUMNS.items():
                # the total has no budget: the JSON leaves those fields out, the sheet's are empty
                assert row[column] == figures.get(field), (label, year, field)
    # area by area in the summary's order, each year in order, then the totals
    assert [(r["Area"], r["Year"]) for r in rows] == [
        (label, int(y)) for label, years in expected for y in years
    ]
    assert list(doc["total"]["years"]) == [str(y) for y in pub.meta.years]


def test_the_proposals_nets_add_up_to_the_total(
    runner: CliRunner, case: tuple[Path, Publication, bytes, Any]
) -> None:
    folder, pub, _, book = case
    doc = summary_doc(runner, folder)
    rows = values(book["Proposals"])
    assert [r["Id"] for r in rows] == [p.id for p in pub.proposals]
    for year, figures in doc["total"]["years"].items():
        assert sum(r[f"{year} net"] for r in rows) == figures["net"]
        fte = sum(Decimal(str(r[f"{year} FTE"])) for r in rows)
        assert fte == Decimal(str(figures["fte"]))
    for r, p in zip(rows, pub.proposals, strict=True):
        assert r["Title"] == p.title and r["Status"] == p.status.value
        assert r["Kind"] == p.kind.value and r["Areas"] == " & ".join(p.areas)
        assert r["Centre"] == p.center
        for year, f in pub.figures[p.id].items():
            assert r[f"{year} inside frame"] == f.inside_service_frame
            assert r[f"{year} outside frame"] == f.outside_service_frame
            assert r[f"{year} construction"] == f.construction


def test_components_and_allocations(case: tuple[Path, Publication, bytes, Any]) -> None:
    _, pub, _, book = case
    years = pub.meta.years
    components = [
        (p.id, c.type, c.label, *(c.amounts.get(y, 0) for y in years))
        for p in pub.proposals
        for c in p.components
    ]
    shown = [tuple(r.values()) for r in values(book["Components"])]
    assert shown == (components or [(None,) * (3 + len(years))])  # empty: one blank row
    allocations = [
        (p.id, kind, code, *(amounts.get(y, 0) for y in years))
        for p in pub.proposals
        if p.allocations is not None
        for kind, parts in (
            ("function area", p.allocations.function_areas),
            ("cost centre", p.allocations.cost_centers),
        )
        for code, amounts in parts.items()
    ]
    shown = [tuple(r.values()) for r in values(book["Allocations"])]
    assert shown == (allocations or [(None,) * (3 + len(years))])


def test_the_bundled_data_has_components_and_allocations() -> None:
    """So the test above is not only of empty sheets."""
    book = load(workbook(published(DATA)))
    assert len(values(book["Components"])) > 1
    assert len(values(book["Allocations"])) > 1


def _format_of(header: str) -> str | None:
    """The number format a column's figures have (``None``: a text column)."""
    if header in TEXT_COLUMNS:
        return None
    if header == "Year":
        return "General"
    if header == "Change %":
        return "0.0"
    if header.endswith("FTE"):
        return "0.0#"
    return "#,##0"


def test_figures_are_numbers_with_their_formats(case: tuple[Path, Publication, bytes, Any]) -> None:
    *_, book = case
    seen: set[str] = set()
    for sheet in book:
        for row in records(sheet):
            for header, cell in row.items():
                wanted = _format_of(header)
                if cell.value is None:
                    continue
                if wanted is None:
                    assert cell.data_type == "s", (sheet.title, header, cell.value)
                    continue
                assert cell.data_type == "n", (sheet.title, header, cell.value)
                assert cell.number_format == wanted, (sheet.title, header)
                if wanted == "#,##0":
                    assert isinstance(cell.value, int)  # amounts are whole
                seen.add(wanted)
    assert {"General", "#,##0", "0.0#"} <= seen


def test_shares_in_per_cent() -> None:
    """The bundled areas have budgets: the change in % is there, a number to one decimal."""
    book = load(workbook(published(DATA)))
    changes = [r["Change %"] for r in records(book["Overview"]) if r["Change %"].value is not None]
    assert changes and all(c.number_format == "0.0" and c.data_type == "n" for c in changes)


def test_each_sheet_is_a_table_under_its_heading(
    case: tuple[Path, Publication, bytes, Any],
) -> None:
    _, pub, _, book = case
    names = ["Overview", "Proposals", "Components", "Allocations"]
    assert book.sheetnames == names + (["Frames"] if pub.frames else [])
    amounts = "Amounts in 1.000 kr." + (", 2024 prices" if pub.level else "")
    for sheet in book:
        (table,) = sheet.tables.values()
        assert table.name == sheet.title
        assert table.ref.startswith(f"A{HEADER}:")
        assert table.autoFilter is not None and table.autoFilter.ref == table.ref
        assert table.tableStyleInfo is not None and table.tableStyleInfo.name
        assert table.headerRowCount in (None, 1)
        assert [c.value for c in sheet[HEADER]] == [c.name for c in table.tableColumns]
        assert sheet.freeze_panes == f"A{FIRST}"
        assert sheet["A1"].value == f"{pub.meta.municipality} · {pub.meta.title}"
        assert sheet["A2"].value == amounts
        # each column is as wide as its header at least
        for i, cell in enumerate(sheet[HEADER]):
            letter = cell.column_letter
            assert sheet.column_dimensions[letter].width >= len(cell.value), (sheet.title, i)


def test_the_price_level_is_stated() -> None:
    book = load(workbook(published(FOLDERS["prices"])))
    assert book["Overview"]["A2"].value == "Amounts in 1.000 kr., 2024 prices"


def test_the_properties(case: tuple[Path, Publication, bytes, Any]) -> None:
    _, pub, content, book = case
    props = book.properties
    assert pub.meta.municipality in props.title and pub.meta.title in props.title
    assert props.description == COMMAND
    assert props.keywords == "budgetcli"
    assert props.subject
    app = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(content)).read("docProps/app.xml"))
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
    company = app.find(f"{ns}Company")
    assert company is not None and company.text == pub.meta.municipality


def test_the_frames_are_the_frame_position(
    runner: CliRunner, case: tuple[Path, Publication, bytes, Any]
) -> None:
    folder, pub, _, book = case
    if pub.frames is None:
        assert "Frames" not in book.sheetnames
        return
    code, out, err = run(runner, "frame", "--format", "json", "--data", str(folder))
    assert code == 0, err
    doc = json.loads(out)
    rows = values(book["Frames"])
    expected = [(f["name"], y, fy) for f in doc["frames"] for y, fy in f["years"].items()]
    assert [(r["Frame"], r["Year"]) for r in rows] == [(n, int(y)) for n, y, _ in expected]
    for row, (_, _, fy) in zip(rows, expected, strict=True):
        assert {field: row[column] for field, column in FRAME_COLUMNS.items()} == fy


def test_an_example_has_frames() -> None:
    assert "Frames" in load(workbook(published(FOLDERS["ishoej"]))).sheetnames


def test_text_is_never_a_formula(make_data: Callable[..., Path]) -> None:
    folder = make_data(p1=proposal_yaml(title='"=SUM(A1:A9)"', center='"@centre"'))
    book = load(workbook(published(folder)))
    (row,) = records(book["Proposals"])
    assert row["Title"].data_type == "s" and row["Title"].value == "=SUM(A1:A9)"
    assert row["Centre"].value == "@centre"


def test_no_proposals_is_a_workbook_of_tables(make_data: Callable[..., Path]) -> None:
    book = load(workbook(published(make_data())))
    assert all(len(sheet.tables) == 1 for sheet in book)
    assert [r["Area"] for r in values(book["Overview"])] == ["Total"] * 4


# --- the command ---------------------------------------------------------------------------


def export(runner: CliRunner, out: Path, *more: str, data: Path = DATA) -> tuple[int, str, str]:
    return run(runner, "export", "--format", "xlsx", "-o", str(out), "--data", str(data), *more)


def test_export_writes_the_workbook(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "budget.xlsx"
    args = ["export", "--format", "xlsx", "-o", str(out), "--data", str(DATA)]
    monkeypatch.setattr(sys, "argv", ["budgetcli", *args])  # as a shell runs it
    assert run(runner, *args) == (0, f"wrote {out}\n", "")
    book = load(out.read_bytes())
    assert book.sheetnames[0] == "Overview"
    assert book.properties.description == shlex.join(["budgetcli", *args])
    assert [p.name for p in tmp_path.iterdir()] == ["budget.xlsx"]  # no temporary file


def test_export_replaces_only_with_force(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "budget.xlsx"
    out.write_bytes(b"not a workbook")
    code, stdout, err = export(runner, out)
    assert (code, stdout) == (2, "")
    assert "--force" in err
    assert out.read_bytes() == b"not a workbook"
    assert export(runner, out, "--force")[0] == 2  # not a workbook export wrote
    assert out.read_bytes() == b"not a workbook"
    out.unlink()
    assert export(runner, out)[0] == 0
    assert export(runner, out, "--force")[0] == 0  # its own: replaced
    assert load(out.read_bytes()).sheetnames[0] == "Overview"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["budget.xlsx"]


def test_export_of_invalid_data_writes_nothing(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    bad = seed_copy / "proposals" / "broken.yaml"
    bad.write_text(proposal_yaml("broken", status="maybe"), encoding="utf-8")
    out = tmp_path / "budget.xlsx"
    code, stdout, err = export(runner, out, data=seed_copy)
    assert (code, stdout) == (1, "")
    assert "broken.yaml" in err and "error" in err
    assert not out.exists()


@pytest.mark.parametrize("where", ["missing/budget.xlsx", "a-file/budget.xlsx"])
def test_export_where_it_cannot_write(runner: CliRunner, tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("a file, not a folder\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    out = tmp_path / where
    code, stdout, err = export(runner, out)
    assert (code, stdout) == (2, "")
    assert "cannot write" in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing left behind


def test_an_output_that_cannot_be_written_says_why(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    for where, why in (("a-file", "is not a folder"), ("no-folder", "is not there")):
        out = tmp_path / where / "budget.xlsx"
        code, _, err = run(
            runner, "export", "--format", "xlsx", "-o", str(out), "--data", str(DATA)
        )
        assert (code, err) == (
            2,
            f"budgetcli: error: cannot write {out}: {tmp_path / where} {why}\n",
        )
