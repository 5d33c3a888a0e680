"""The Fiscal Data Package (``budgetcli export --format fdp -o DIR``, ``publish/fdp.py``):
validated by the standard's own tooling (``frictionless``), its model as the standard names it,
its amounts summing to ``summary``'s per year, and its folder written as ``report`` writes
its: new, or with ``--force`` only one an fdp export wrote; never anything else.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, run
from tests.test_csvout import formulas

pytestmark = pytest.mark.store

PARTS = ("inside_service_frame", "outside_service_frame", "construction")


def export(runner: CliRunner, out: Path, *args: str) -> tuple[int, str, str]:
    return run(runner, "export", "--format", "fdp", "-o", str(out), *args)


def valid(folder: Path) -> None:
    """``folder``'s package as ``frictionless validate`` judges it: no error."""
    from frictionless import validate

    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def lines(folder: Path) -> list[dict[str, str]]:
    text = (folder / "budget.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def summary_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    code, out, err = run(runner, "summary", "--format", "json", *args)
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


def sums(rows: list[dict[str, str]]) -> dict[tuple[str, str], int]:
    """The package's amounts (either measure) by year and part of the frames."""
    total: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        total[row["year"], row["frame"]] += int(row["amount_proposed"] or row["amount_approved"])
    return total


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("--status", "realized"),
        ("--status", "proposed"),
        ("--data", "examples/ishoej-2026-2029"),
        ("--data", "examples/prices-2024"),
        ("--data", "examples/prices-2024", "--prices", "2025"),
    ],
)
def test_each_budget_validates_and_sums_to_the_summary(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: tuple[str, ...]
) -> None:
    monkeypatch.chdir(REPO)
    out = tmp_path / "fdp"
    assert export(runner, out, *args) == (0, f"wrote {out}/datapackage.json (2 files)\n", "")
    valid(out)
    rows, summary = lines(out), summary_json(runner, *args)
    assert rows
    found = sums(rows)
    for year, figures in summary["total"]["years"].items():
        for part in PARTS:
            assert found.get((year, part), 0) == figures[part], (year, part)
        service = found.get((year, PARTS[0]), 0) + found.get((year, PARTS[1]), 0)
        assert service == figures["net"]
    phase = {"proposed": "amount_proposed"}
    for row in rows:  # each amount in its status's measure, the other empty
        measure = phase.get(row["status"], "amount_approved")
        assert row[measure] not in ("", "0")
        other = "amount_approved" if measure == "amount_proposed" else "amount_proposed"
        assert row[other] == ""


def test_the_2024_figures_of_the_bundled_budget(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The seed's 2024 net, -6.400, inside the service frame: -5.350 proposed, -1.050
    realised (approved), as ``summary 2024 --by status`` says."""
    monkeypatch.chdir(REPO)
    export(runner, tmp_path / "fdp")
    rows = [r for r in lines(tmp_path / "fdp") if r["year"] == "2024"]
    proposed = sum(int(r["amount_proposed"] or 0) for r in rows)
    approved = sum(int(r["amount_approved"] or 0) for r in rows)
    assert (proposed, approved) == (-5350, -1050)
    assert {r["frame"] for r in rows} == {"inside_service_frame"}


def test_the_model_is_the_standards(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(REPO)
    export(runner, tmp_path / "fdp")
    package = json.loads((tmp_path / "fdp" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profiles"] == {"fiscal-data-package": "*", "tabular-data-package": "*"}
    assert package["countryCode"] == "DK"
    assert package["description"].startswith(  # then the command line that made it
        "The budget proposals' changes of expenditure per year, in 1.000 kr. (negative: lower"
        " expenditure, a saving); statuses: proposed, adopted, realized. Made by budgetcli"
    )
    export(runner, tmp_path / "2025", "--data", "examples/prices-2024", "--prices", "2025")
    restated = json.loads((tmp_path / "2025" / "datapackage.json").read_text(encoding="utf-8"))
    assert "in 1.000 kr., 2025 prices (restated from 2024 prices) (" in restated["description"]
    assert package["fiscalPeriod"] == {"start": "2024-01-01", "end": "2027-12-31"}
    measures = package["model"]["measures"]
    assert {name: m["phase"] for name, m in measures.items()} == {
        "amount_proposed": "proposed",
        "amount_approved": "approved",
    }
    for m in measures.values():
        assert (m["currency"], m["factor"], m["direction"]) == ("DKK", 1000, "expenditure")
    dimensions = package["model"]["dimensions"]
    assert dimensions["year"]["dimensionType"] == "datetime"
    administrative = dimensions["administrative-classification"]
    assert administrative["classificationType"] == "administrative"
    assert administrative["attributes"]["area_code"]["parent"] == "committee"
    assert dimensions["functional-classification"]["classificationType"] == "functional"
    assert dimensions["activity"]["dimensionType"] == "activity"
    assert set(dimensions["activity"]["attributes"]) >= {"proposal_id", "kind"}
    fields = {f["name"] for f in package["resources"][0]["schema"]["fields"]}
    for dimension in dimensions.values():
        assert {a["source"] for a in dimension["attributes"].values()} <= fields


@pytest.mark.slow
def test_frictionless_validate_on_the_command_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(REPO)
    export(runner, tmp_path / "fdp")
    done = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
        cwd=tmp_path / "fdp",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VALID" in done.stdout and "INVALID" not in done.stdout


def test_texts_that_begin_as_formulas_stay_text(runner: CliRunner, tmp_path: Path) -> None:
    data = formulas(tmp_path / "d")
    assert export(runner, tmp_path / "fdp", "--data", str(data))[0] == 0
    valid(tmp_path / "fdp")
    rows = lines(tmp_path / "fdp")
    assert {(r["proposal_id"], r["area_code"], r["committee"]) for r in rows} == {
        ("p1", "'=A1", "'-Udvalg"),
        ("p2", "'+B1", "'@Udvalg"),
    }
    assert {r["area_name"] for r in rows} == {"'@SUM(1)", '\'=HYPERLINK("http://x")'}


def test_rejected_proposals_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "fdp"
    code, stdout, err = export(runner, out, "--data", str(REPO / "data"), "--status", "rejected")
    assert (code, stdout) == (2, "")
    assert err == (
        "budgetcli: error: a Fiscal Data Package has no phase for rejected proposals: leave out"
        " --status rejected\n"
    )
    assert not out.exists()


def test_a_unit_it_cannot_state_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    data = formulas(tmp_path / "d")
    areas = data / "areas.yaml"
    areas.write_text(areas.read_text().replace("unit: 1000 DKK", "unit: mio. kr."))
    code, _, err = export(runner, tmp_path / "fdp", "--data", str(data))
    assert (code, err) == (
        2,
        "budgetcli: error: a Fiscal Data Package states amounts in DKK or 1000 DKK: areas.yaml's"
        " unit is neither\n",
    )
    assert not (tmp_path / "fdp").exists()


def test_a_folder_is_replaced_only_with_force_and_only_its_own(
    runner: CliRunner, tmp_path: Path
) -> None:
    data, out = str(REPO / "data"), tmp_path / "fdp"
    assert export(runner, out, "--data", data)[0] == 0
    assert export(runner, out, "--data", data) == (
        2,
        "",
        f"budgetcli: error: {out} is there already: --force replaces it\n",
    )
    assert export(runner, out, "--data", data, "--force")[0] == 0
    (out / "notes.txt").write_text("mine")
    assert export(runner, out, "--data", data, "--force") == (
        2,
        "",
        f"budgetcli: error: {out} holds what export --format fdp did not write (notes.txt):"
        " export --format fdp --force replaces only an empty folder or one it wrote (with"
        " .budgetcli-fdp in it); move those away, or name a new folder for the package, such"
        " as budget-fdp\n",
    )
    assert (out / "notes.txt").read_text() == "mine"
    site = tmp_path / "site"
    assert run(runner, "report", "-o", str(site), "--data", data)[0] == 0
    code, _, err = export(runner, site, "--data", data, "--force")
    assert code == 2 and "holds what export --format fdp did not write" in err
    assert (site / "index.html").exists() and not (site / "datapackage.json").exists()
