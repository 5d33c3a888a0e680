"""The Excel workbook (``budgetcli export --format xlsx``), read back with openpyxl as a program
reads it (``data_only``: the values Excel stored with each formula) and as Excel recomputes it
(each formula evaluated here over the cells): the budget sheets are the summary per committee
and area, their subtotals and totals sums of the cells above them; the frames are ``frame``'s
position; each Excel table holds one row per proposal, line or allocation and no total, so a
PivotTable's sum of a column is the total written under it, which is the summary's; every
figure a number cell in its format; the sheets print landscape, one page wide, their heading
rows on every page; the labels in the budget's language; and the command's file handling."""

from __future__ import annotations

import dataclasses
import importlib
import io
import json
import re
import shlex
import sys
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from budgetcli.core.publication import Publication, publication
from budgetcli.core.vocab import ACTIVE_STATUSES
from budgetcli.publish.xlsx import HEAD, TOP, budget_language, workbook
from budgetcli.store.load import load_checked
from budgetcli.text.i18n import language
from tests.conftest import DATA, REPO, proposal_yaml, run

pytestmark = pytest.mark.store

FOLDERS = {
    "data": DATA,
    "ishoej": REPO / "examples" / "ishoej-2026-2029",
    "prices": REPO / "examples" / "prices-2024",
}
COMMAND = "budgetcli export --format xlsx -o budget.xlsx"
DA = language("da")
#: the budget sheets' first figure row (1-based, as openpyxl counts): under the two heading rows
FIRST = TOP + 3
#: the figures ``budgetcli summary 2024`` .. ``2027`` print for the bundled data's total
SEED_TOTALS = {
    "savings": [-8750, -7750, -7750, -7750],
    "investments": [2350, 1850, 1850, 1850],
    "net": [-6400, -5900, -5900, -5900],
    "inside_service_frame": [-6400, -5900, -5900, -5900],
    "outside_service_frame": [0, 0, 0, 0],
    "fte": [Decimal("-4.9")] * 4,
}
#: the budget sheets' groups, in the bundled data's language, and the figure each shows
OVERVIEW = {"Besparelser": "savings", "Investeringer": "investments", "Netto": "net"}
FRAME_AND_FTE = {
    "Indenfor servicerammen": "inside_service_frame",
    "Udenfor servicerammen": "outside_service_frame",
    "Anlæg": "construction",
    "Årsværk": "fte",
}
SHARES = {"Budget": "budget", "Efter forslagene": "budget_after", "Ændring i %": "change_pct"}
SHEETS = ["Oversigt", "Serviceramme og årsværk", "Bevillingsområdernes budget"]
TABLE_SHEETS = ["Forslag", "Forslag pr. ramme", "Komponenter", "Fordeling"]


def _openpyxl() -> Any:
    """openpyxl has no type hints: the module as ``Any``."""
    return importlib.import_module("openpyxl")


def load(content: bytes, data_only: bool = True) -> Any:
    """The workbook ``content`` as openpyxl reads it: with ``data_only``, a formula's cell
    holds the value stored with it, as a program reading the file sees it."""
    return _openpyxl().load_workbook(io.BytesIO(content), data_only=data_only)


def published(folder: Path) -> Publication:
    checked = load_checked(folder, use_cache=False)
    assert checked.catalogue is not None
    return publication(checked.catalogue, ACTIVE_STATUSES, COMMAND)


def number(value: Any) -> int | Decimal:
    """A number cell's value as the tool's figures are: a whole number an int, else Decimal."""
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


def records(sheet: Any) -> list[dict[str, Any]]:
    """The rows of a sheet's Excel table as {header: cell} (the table's range, under its
    header)."""
    (table,) = sheet.tables.values()
    rows = list(sheet[table.ref])
    header = [c.value for c in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def values(sheet: Any) -> list[dict[str, Any]]:
    return [{k: c.value for k, c in row.items()} for row in records(sheet)]


@pytest.fixture(scope="module", params=list(FOLDERS))
def case(request: pytest.FixtureRequest) -> tuple[Path, Publication, bytes, Any]:
    """A folder, its publication, its workbook and the workbook read back (values)."""
    folder = FOLDERS[request.param]
    pub = published(folder)
    content = workbook(pub)
    return folder, pub, content, load(content)


def summary_doc(runner: CliRunner, folder: Path, *more: str) -> dict[str, Any]:
    code, out, err = run(runner, "summary", "--format", "json", "--data", str(folder), *more)
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


# --- the budget sheets ---------------------------------------------------------------------


def budget_rows(sheet: Any, years: list[int]) -> Iterator[tuple[str, dict[str, dict[int, Any]]]]:
    """Each row of a budget sheet under its headings: its label and its figures by group and
    year (a committee's heading row has none)."""
    groups: list[str] = []
    for cell in sheet[TOP + 1][1:]:
        groups += [cell.value] * len(years) if cell.value is not None else []
    assert [c.value for c in sheet[TOP + 2][1:]] == [str(y) for y in years] * (
        len(groups) // len(years)
    )
    for row in sheet.iter_rows(min_row=FIRST):
        if row[0].value is None:
            continue
        figures: dict[str, dict[int, Any]] = {}
        for group, year, cell in zip(groups, years * len(groups), row[1:], strict=False):
            figures.setdefault(group, {})[year] = cell.value
        yield row[0].value, figures


def test_the_budget_sheets_are_the_summary_by_committee_and_area(
    runner: CliRunner, case: tuple[Path, Publication, bytes, Any]
) -> None:
    folder, pub, _, book = case
    years = pub.meta.years
    areas = {r["label"]: r["years"] for r in summary_doc(runner, folder)["rows"]}
    by_committee = summary_doc(runner, folder, "--by", "committee")
    committees = {r["label"]: r["years"] for r in by_committee["rows"]}
    expected = {
        **areas,
        **{DA.gettext("Total, {committee}").format(committee=c): y for c, y in committees.items()},
    }
    expected["I alt"] = by_committee["total"]["years"]
    for name, groups in (("Oversigt", OVERVIEW), ("Serviceramme og årsværk", FRAME_AND_FTE)):
        seen = []
        for label, figures in budget_rows(book[name], years):
            if label in committees:  # a committee's heading
                assert all(v is None for g in figures.values() for v in g.values())
                continue
            seen.append(label)
            for group, by_year in figures.items():
                for year, value in by_year.items():
                    wanted = expected[label][str(year)][groups[group]]
                    assert number(value) == Decimal(str(wanted)), (name, label, group, year)
        # every area once, under its committee, then its subtotal; the total last, once
        assert sorted(seen) == sorted(expected) and seen[-1] == "I alt"
        assert [g for g in groups if g in {c.value for c in book[name][TOP + 1]}] == [
            g for g in groups if g != "Anlæg" or pub.by_area.has_construction
        ]


def test_the_bundled_data_has_every_seed_total_once(runner: CliRunner) -> None:
    """The totals ``summary`` prints for 2024-2027, each in one cell of the budget sheets: the
    total row; a sum over a table's column gives them too (below), never twice."""
    book = load(workbook(published(DATA)))
    found: dict[str, list[Any]] = {}
    for name, groups in (("Oversigt", OVERVIEW), ("Serviceramme og årsværk", FRAME_AND_FTE)):
        totals = [
            f for label, f in budget_rows(book[name], [2024, 2025, 2026, 2027]) if label == "I alt"
        ]
        assert len(totals) == 1, name
        for group, by_year in totals[0].items():
            found[groups[group]] = [number(v) for v in by_year.values()]
    assert found == SEED_TOTALS


def test_the_areas_budgets() -> None:
    """The bundled areas have budgets: each area's, after the proposals and the change in per
    cent as summary has them; no total (an area without a budget would make it a guess)."""
    book = load(workbook(published(DATA)))
    rows = dict(budget_rows(book["Bevillingsområdernes budget"], [2024, 2025, 2026, 2027]))
    assert "I alt" not in rows
    plejecenter = rows["B60.30.10 Plejecenter"]
    assert plejecenter["Budget"] == {2024: 108114, 2025: 108877, 2026: 99845, 2027: 99845}
    assert plejecenter["Efter forslagene"][2024] == 105314
    assert plejecenter["Ændring i %"][2024] == -2.6
    assert set(rows["B60.30.05 & B60.30.15"]["Budget"].values()) == {None}


# --- formulas: the values stored are what Excel computes -----------------------------------


CELL = re.compile(r"\$?([A-Z]+)\$?(\d+)")


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


def _range(values: Any, ref: str) -> list[Decimal]:
    first, _, last = ref.partition(":")
    (c1, r1), (c2, r2) = (CELL.fullmatch(x).groups() for x in (first, last or first))  # type: ignore[union-attr]
    return [
        Decimal(str(values.cell(row=r, column=c).value or 0))
        for r in range(int(r1), int(r2) + 1)
        for c in range(_column(c1), _column(c2) + 1)
    ]


def evaluate(formula: str, values: Any) -> Decimal:
    """A formula the workbook writes (``=SUM(B8:B14)+B16``, ``=B7+B8-B6``,
    ``=SUBTOTAL(109,F8:F18)``) computed over the values of the cells it names."""
    total = Decimal(0)
    for sign, term in re.findall(
        r"([+-]?)((?:SUM|SUBTOTAL)\([^)]*\)|\$?[A-Z]+\$?\d+)", formula[1:]
    ):
        if term.startswith(("SUM(", "SUBTOTAL(")):
            ref = term[term.index("(") + 1 : -1].split(",")[-1]
            value = sum(_range(values, ref), Decimal(0))
        else:
            value = sum(_range(values, term), Decimal(0))
        total += -value if sign == "-" else value
    return total


def test_each_sum_is_a_formula_whose_value_is_stored(
    case: tuple[Path, Publication, bytes, Any],
) -> None:
    _, _, content, stored = case
    formulas = load(content, data_only=False)
    count = 0
    for sheet in formulas:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    count += 1
                    value = stored[sheet.title][cell.coordinate].value
                    assert value is not None, (sheet.title, cell.coordinate)
                    computed = evaluate(cell.value, stored[sheet.title])
                    assert computed == Decimal(str(value)), (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                    )
    assert count > 20


# --- the tables: a PivotTable's sum is the total -------------------------------------------


def test_a_sum_over_each_table_is_the_total_under_it(
    runner: CliRunner, case: tuple[Path, Publication, bytes, Any]
) -> None:
    """The Pivot-style sum of each figure's column of a table is the total written under the
    table (outside its range) and the summary's total: each figure counted once."""
    folder, pub, _, book = case
    total = summary_doc(runner, folder)["total"]["years"]
    words = {"Netto": "net", "Årsværk": "fte", "Indenfor": "inside_service_frame"}
    words |= {"Udenfor": "outside_service_frame", "Anlæg": "construction"}
    checked = 0
    for name in ("Forslag", "Forslag pr. ramme"):
        sheet = book[name]
        (table,) = sheet.tables.values()
        last = int(CELL.fullmatch(table.ref.split(":")[1]).group(2))  # type: ignore[union-attr]
        under = {c.column: c.value for c in sheet[last + 1]}
        assert under[1] == "I alt"
        for column, cells in enumerate(zip(*sheet[table.ref], strict=True), start=1):
            header = cells[0].value
            word, _, year = header.rpartition(" ")
            if word not in words:
                continue
            pivot = sum((number(c.value) for c in cells[1:]), Decimal(0))
            assert pivot == number(under[column]) == Decimal(str(total[year][words[word]])), (
                name,
                header,
            )
            checked += 1
    assert checked >= 4 * len(pub.meta.years)


def test_the_proposals(case: tuple[Path, Publication, bytes, Any]) -> None:
    _, pub, _, book = case
    rows = values(book["Forslag"])
    assert [r["Id"] for r in rows] == [p.id for p in pub.proposals]
    framed = values(book["Forslag pr. ramme"])
    for r, f, p in zip(rows, framed, pub.proposals, strict=True):
        assert r["Titel"] == f["Titel"] == p.title
        assert r["Status"] == DA.gettext(p.status.value)
        assert r["Bevillingsområde"] == " & ".join(p.areas) and f["Center"] == p.center
        for year, figures in pub.figures[p.id].items():
            assert r[f"Netto {year}"] == figures.net
            assert number(r[f"Årsværk {year}"]) == figures.fte
            assert f[f"Indenfor {year}"] == figures.inside_service_frame
            assert f[f"Udenfor {year}"] == figures.outside_service_frame
            assert f.get(f"Anlæg {year}", 0) == figures.construction


def test_components_and_allocations(case: tuple[Path, Publication, bytes, Any]) -> None:
    _, pub, _, book = case
    years = pub.meta.years
    components = [
        (p.id, DA.gettext(c.type), c.label, *(c.amounts.get(y, 0) for y in years))
        for p in pub.proposals
        for c in p.components
    ]
    shown = [tuple(r.values()) for r in values(book["Komponenter"])]
    assert shown == (components or [(None,) * (3 + len(years))])  # empty: one blank row
    allocations = [
        (p.id, DA.gettext(kind), code, *(amounts.get(y, 0) for y in years))
        for p in pub.proposals
        if p.allocations is not None
        for kind, parts in (
            ("function area", p.allocations.function_areas),
            ("cost centre", p.allocations.cost_centers),
        )
        for code, amounts in parts.items()
    ]
    shown = [tuple(r.values()) for r in values(book["Fordeling"])]
    assert shown == (allocations or [(None,) * (3 + len(years))])


def test_the_bundled_data_has_components_and_allocations() -> None:
    """So the test above is not only of empty sheets."""
    book = load(workbook(published(DATA)))
    assert len(values(book["Komponenter"])) > 1
    assert len(values(book["Fordeling"])) > 1


# --- formats, print, language --------------------------------------------------------------


def _formats(sheet: Any) -> Iterator[tuple[Any, str]]:
    """Each number cell under the headings and the format it has."""
    for row in sheet.iter_rows(min_row=TOP + 2):
        for cell in row:
            if cell.data_type == "n" and cell.value is not None:
                yield cell, cell.number_format


def test_figures_are_numbers_in_danish_formats(case: tuple[Path, Publication, bytes, Any]) -> None:
    """Amounts whole with thousands (Danish Excel shows ``-1.200``), FTE with one decimal as the
    documents write them (``-4,9``), per cent one decimal; never a figure as text."""
    *_, book = case
    seen: set[str] = set()
    for sheet in book:
        for cell, fmt in _formats(sheet):
            assert fmt in ("#,##0", "#,##0.0", "0.0"), (sheet.title, cell.coordinate, fmt)
            if fmt == "#,##0":
                assert float(cell.value).is_integer(), (sheet.title, cell.coordinate)
            seen.add(fmt)
        for row in sheet.iter_rows(min_row=FIRST):
            for cell in row:
                if isinstance(cell.value, str):
                    assert not re.fullmatch(r"-\d+|-?\d{1,3}([.,]\d{3})+", cell.value), (
                        sheet.title,
                        cell.coordinate,
                    )
    assert {"#,##0", "#,##0.0"} <= seen


def test_each_sheet_prints_landscape_one_page_wide(
    case: tuple[Path, Publication, bytes, Any],
) -> None:
    _, pub, _, book = case
    amounts = "Beløb i 1.000 kr." + (", 2024-priser" if pub.level else "")
    for sheet in book:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
        header, footer = sheet.oddHeader, sheet.oddFooter
        assert pub.meta.title in header.left.text and header.right.text == amounts
        assert footer.right.text == "Side &P af &N"
        assert sheet["A1"].value == f"{pub.meta.municipality} · {pub.meta.title}"
        assert sheet["A3"].value == amounts
        if sheet.title == "Rammer":
            assert sheet.freeze_panes == f"B{TOP + 1}"
            continue
        assert sheet.print_title_rows == f"${TOP + 1}:${TOP + 2}"
        assert sheet.freeze_panes == f"B{TOP + 3}"  # the headings and the label column


def test_the_tables_are_tables_with_filters(case: tuple[Path, Publication, bytes, Any]) -> None:
    _, pub, _, book = case
    assert (
        book.sheetnames
        == SHEETS[: 3 if pub.by_area.has_shares else 2]
        + (["Rammer"] if pub.frames else [])
        + TABLE_SHEETS
    )
    for name in TABLE_SHEETS:
        sheet = book[name]
        (table,) = sheet.tables.values()
        assert table.ref.startswith(f"A{HEAD + 1}:")
        assert table.autoFilter is not None and table.autoFilter.ref == table.ref
        assert table.totalsRowCount in (None, 0)
        assert [c.value for c in sheet[HEAD + 1]] == [c.name for c in table.tableColumns]
        for cell in sheet[HEAD + 1]:  # the header's longest word beside its filter button
            longest = max(len(w) for w in cell.value.split())
            assert sheet.column_dimensions[cell.column_letter].width >= longest + 3, (
                name,
                cell.value,
            )
    for name in SHEETS[:2] + (["Rammer"] if pub.frames else []):
        assert not book[name].tables  # laid out as the documents are: no table to count twice


def test_long_titles_wrap_in_rows_high_enough() -> None:
    book = load(workbook(published(DATA)))
    sheet = book["Forslag"]
    width = sheet.column_dimensions["B"].width
    assert 30 <= width <= 50
    for row in sheet.iter_rows(min_row=HEAD + 2, max_row=sheet.max_row - 1):
        title = row[1]
        assert title.alignment.wrap_text
        if len(title.value) > width:
            assert sheet.row_dimensions[title.row].height >= 30, title.value


def test_the_budgets_language_and_english(case: tuple[Path, Publication, bytes, Any]) -> None:
    """Danish, the bundled data's own; English when asked for, the same figures."""
    _, pub, content, _ = case
    book = load(content)  # afresh: reading a cell past the end, a test adds a row
    english = load(workbook(pub, language("en")))
    assert english.sheetnames[:2] == ["Overview", "Service frame and FTE"]
    assert english.sheetnames[-4:] == [
        "Proposals",
        "Proposals by frame",
        "Components",
        "Allocations",
    ]
    assert english["Overview"].cell(TOP + 1, 2).value == "Savings"
    assert english["Overview"]["A3"].value.startswith("Amounts in 1.000 kr.")
    assert book["Oversigt"].cell(TOP + 1, 2).value == "Besparelser"
    for danish, other in zip(book, english, strict=True):
        assert [
            [c.value for c in r if isinstance(c.value, int | float)] for r in danish.iter_rows()
        ] == [[c.value for c in r if isinstance(c.value, int | float)] for r in other.iter_rows()]


def test_the_workbook_speaks_the_budgets_own_language() -> None:
    """areas.yaml's ``language`` (issue 25 §1) chooses it: ``en`` gives the English workbook,
    one budgetcli does not speak or none the Danish of the documents."""
    pub = published(DATA)

    def speaking(code: str | None) -> Publication:
        if "language" in {f.name for f in dataclasses.fields(pub.meta)}:  # once §1 adds it
            changes: dict[str, Any] = {"language": code}
            return dataclasses.replace(pub, meta=dataclasses.replace(pub.meta, **changes))
        fields = {f.name: getattr(pub.meta, f.name) for f in dataclasses.fields(pub.meta)}
        meta = type("Spoken", (type(pub.meta),), {"language": code})(**fields)
        return dataclasses.replace(pub, meta=meta)

    assert budget_language(speaking("en")) == "en"
    assert load(workbook(speaking("en"))).sheetnames[0] == "Overview"
    assert budget_language(speaking("sv")) == budget_language(speaking(None)) == "da"
    assert load(workbook(speaking(None))).sheetnames[0] == "Oversigt"


def test_the_price_level_is_stated() -> None:
    book = load(workbook(published(FOLDERS["prices"])))
    assert book["Oversigt"]["A3"].value == "Beløb i 1.000 kr., 2024-priser"


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
    """Each frame as the ØPU frame table: the lines ``frame`` prints, years as columns."""
    folder, pub, _, book = case
    if pub.frames is None:
        assert "Rammer" not in book.sheetnames
        return
    code, out, err = run(runner, "frame", "--format", "json", "--data", str(folder))
    assert code == 0, err
    doc = json.loads(out)
    sheet = book["Rammer"]
    labels = {
        "frame": ("KL's serviceramme", "Anlægsramme"),
        "baseline": ("Budget før forslagene",),
        "decided": ("Ændring: vedtaget og realiseret",),
        "after_decided": ("Budget efter vedtaget og realiseret",),
        "deviation_decided": ("Afvigelse (+ = over rammen)",),
        "undecided": ("Ændring: foreslået",),
        "after": ("Budget hvis alle foreslåede vedtages",),
        "deviation": ("Afvigelse hvis vedtaget (+ = over)",),
    }
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=TOP + 1) if r[0].value]
    for frame in doc["frames"]:
        title = {"service": "Serviceramme", "construction": "Anlægsramme"}[frame["name"]]
        at = rows.index([title, *map(str, frame["years"])])
        block = rows[at + 1 : at + 1 + len(labels)]
        for (field, names), row in zip(labels.items(), block, strict=True):
            assert row[0] in names
            assert row[1:] == [frame["years"][y][field] for y in frame["years"]], (title, field)


def test_an_example_has_frames() -> None:
    assert "Rammer" in load(workbook(published(FOLDERS["ishoej"]))).sheetnames


def test_text_is_never_a_formula(make_data: Callable[..., Path]) -> None:
    folder = make_data(p1=proposal_yaml(title='"=SUM(A1:A9)"', center='"@centre"'))
    content = workbook(published(folder))
    (row,) = records(load(content, data_only=False)["Forslag"])
    assert row["Titel"].data_type == "s" and row["Titel"].value == "=SUM(A1:A9)"
    (row,) = records(load(content, data_only=False)["Forslag pr. ramme"])
    assert row["Center"].value == "@centre"


def test_no_proposals_is_a_workbook_of_zeros(make_data: Callable[..., Path]) -> None:
    book = load(workbook(published(make_data())))
    assert all(len(book[name].tables) == 1 for name in TABLE_SHEETS)
    rows = list(budget_rows(book["Oversigt"], published(make_data()).meta.years))
    assert [label for label, _ in rows] == ["I alt"]
    assert {v for g in rows[0][1].values() for v in g.values()} == {0}


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
    assert book.sheetnames[0] == "Oversigt"
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
    assert load(out.read_bytes()).sheetnames[0] == "Oversigt"
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
