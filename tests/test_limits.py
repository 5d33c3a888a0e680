"""Figures beyond any budget: every amount of every file kind is less than 10**12 of the unit
(a cost in kroner less than 10**15 kr.), refused at its field otherwise; and an export refuses
a figure its format would not hold exactly (Excel's doubles, SQLite's 64-bit integers) rather
than write another one.

The data folder below has every amount field of every file kind, each at the largest size
allowed; each test puts one of them one further and expects exactly that field's error.
"""

from __future__ import annotations

import importlib
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from budgetcli.folder.modelfast import AMOUNT_LIMIT, KRONER_LIMIT

from .conftest import run

pytestmark = pytest.mark.store

BIG = AMOUNT_LIMIT - 1  # 999999999999: the largest amount allowed
COST = KRONER_LIMIT - 1  # 999999999999999 kr.

AREAS = """\
municipality: Testby Kommune
title: Budget 2024-2025
years: [2024, 2025]
unit: 1000 DKK
areas:
  - {{code: A1, committee: Udvalg A, budget: {area_budget}}}
frames:
  service: {frame_service}
  construction: {frame_construction}
baseline:
  service: {baseline_service}
  construction: {baseline_construction}
"""

PROPOSAL = """\
id: big
title: Big
status: proposed
kind: construction
areas: [A1]
change:
  inside_service_frame: {inside}
  outside_service_frame: {{2024: {outside}}}
  construction: {{2024: {construction}}}
construction_grant: {grant}
operating_budget: {operating_budget}
area_budget: {{2024: {proposal_area_budget}}}
components:
  - type: saving
    label: a)
    amounts: {{2025: {component}}}
allocations:
  function_areas:
    "1": {function_area}
  cost_centers:
    "2": {{2025: {cost_center}}}
"""

FORECAST = """\
id: cases
title: Cases
year: 2024
lines:
  - label: Figures
    forecast: {line_forecast}
    budget: {line_budget}
total:
  forecast: {total_forecast}
  budget: {total_budget}
cases:
  - {{case_id: S-1, section: §108, annual_cost: {annual_cost}, start: 2023-01-01}}
inflow: {{count: 1, average_annual_cost: {inflow_cost}, month: 7}}
outflow: {{count: 1, average_annual_cost: {outflow_cost}, month: 6}}
scenarios:
  high: {{inflow_count: 2, average_annual_cost: {scenario_cost}}}
over: {over}
"""

REGISTER_FORECAST = """\
id: register
title: Register
year: 2024
cases_file: register.csv
lines:
  - {{label: Cases, compute: existing, budget: 100}}
"""

REGISTER = "case_id,section,annual_cost,start\nS-1,§108,{register_cost},2023-01-01\n"

RULES = """\
rules:
  - year: 2024
    level: 2024-niveau
    source: serviceloven § 176
    tiers:
      - {{above: {above}, rate: 0.25}}
"""

#: each field: (file, the value allowed at the limit, how its message names it, its line)
FIELDS: dict[str, tuple[str, int, str, int]] = {
    "area_budget": ("areas.yaml", BIG, "areas[0].budget", 6),
    "frame_service": ("areas.yaml", BIG, "frames.service", 8),
    "frame_construction": ("areas.yaml", BIG, "frames.construction", 9),
    "baseline_service": ("areas.yaml", -BIG, "baseline.service", 11),
    "baseline_construction": ("areas.yaml", BIG, "baseline.construction", 12),
    "inside": ("proposals/big.yaml", -BIG, "change.inside_service_frame", 7),
    "outside": ("proposals/big.yaml", BIG, "change.outside_service_frame.2024", 8),
    "construction": ("proposals/big.yaml", BIG, "change.construction.2024", 9),
    "grant": ("proposals/big.yaml", BIG, "construction_grant", 10),
    "operating_budget": ("proposals/big.yaml", BIG, "operating_budget", 11),
    "proposal_area_budget": ("proposals/big.yaml", BIG, "area_budget.2024", 12),
    "component": ("proposals/big.yaml", -BIG, "components[0].amounts.2025", 16),
    "function_area": ("proposals/big.yaml", -BIG, "allocations.function_areas.1", 19),
    "cost_center": ("proposals/big.yaml", -BIG, "allocations.cost_centers.2.2025", 21),
    "line_forecast": ("forecasts/cases.yaml", BIG, "lines[0].forecast", 6),
    "line_budget": ("forecasts/cases.yaml", -BIG, "lines[0].budget", 7),
    "total_forecast": ("forecasts/cases.yaml", BIG, "total.forecast", 9),
    "total_budget": ("forecasts/cases.yaml", -BIG, "total.budget", 10),
    "annual_cost": ("forecasts/cases.yaml", COST, "cases[0].annual_cost", 12),
    "inflow_cost": ("forecasts/cases.yaml", COST, "inflow.average_annual_cost", 13),
    "outflow_cost": ("forecasts/cases.yaml", COST, "outflow.average_annual_cost", 14),
    "scenario_cost": ("forecasts/cases.yaml", COST, "scenarios.high.average_annual_cost", 16),
    "over": ("forecasts/cases.yaml", COST, "over", 17),
    "register_cost": ("forecasts/register.csv", COST, "annual_cost", 2),
    "above": ("rules/refusion.yaml", COST, "rules[0].tiers[0].above", 6),
}


def write_folder(root: Path, **values: int) -> Path:
    """The data folder, every amount at the limit allowed unless ``values`` says otherwise."""
    given = {name: values.get(name, allowed) for name, (_, allowed, _, _) in FIELDS.items()}
    texts = {
        "areas.yaml": AREAS,
        "proposals/big.yaml": PROPOSAL,
        "forecasts/cases.yaml": FORECAST,
        "forecasts/register.yaml": REGISTER_FORECAST,
        "forecasts/register.csv": REGISTER,
        "rules/refusion.yaml": RULES,
    }
    for relpath, text in texts.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.format(**given), encoding="utf-8")
    return root


def errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if ": error: " in line]


def test_every_amount_at_the_limit_is_taken(runner: CliRunner, tmp_path: Path) -> None:
    data = write_folder(tmp_path / "d")
    code, out, err = run(runner, "validate", str(data))
    assert (code, errors(out + err)) == (0, [])
    assert "6 files checked: 0 errors" in out + err


@pytest.mark.parametrize("sign", [1, -1], ids=["plus", "minus"])
@pytest.mark.parametrize("name", list(FIELDS))
def test_an_amount_one_past_the_limit_is_refused_at_its_field(
    runner: CliRunner, tmp_path: Path, name: str, sign: int
) -> None:
    relpath, allowed, field, line = FIELDS[name]
    limit = AMOUNT_LIMIT if allowed in (BIG, -BIG) else KRONER_LIMIT
    data = write_folder(tmp_path / "d", **{name: sign * limit})
    code, out, err = run(runner, "validate", str(data))
    assert code == 1
    (found,) = errors(out + err)
    where = f"{data}/{relpath}:{line}:"
    if limit == AMOUNT_LIMIT:
        message = (
            f"{field}: {sign * limit} is beyond any budget: an amount has at most 12 digits; is "
            "a digit too many? [amount-range]"
        )
    elif sign < 0:  # a negative cost is refused as such first
        message = f"{field}: a cost cannot be negative, got {-limit} [negative-cost]"
    else:
        message = (
            f"{field}: {limit} kr. is beyond any budget: a cost in kroner has at most 15 "
            "digits; is a digit too many? [amount-range]"
        )
    assert found.startswith(where), found
    assert re.fullmatch(r"\d+: error: (.*)", found[len(where) :]) is not None, found
    assert found.endswith(f": error: {message}"), found


def test_a_number_of_many_digits_is_said_by_its_length(runner: CliRunner, tmp_path: Path) -> None:
    data = write_folder(tmp_path / "d", inside=-(10**60), register_cost=10**99)
    code, out, err = run(runner, "validate", str(data))
    assert code == 1
    assert [e.split(": error: ")[1] for e in errors(out + err)] == [
        "annual_cost: a number of 100 digits is beyond any budget: a cost in kroner has at "
        "most 15 digits; is a digit too many? [amount-range]",
        "change.inside_service_frame: a number of 61 digits is beyond any budget: an amount has "
        "at most 12 digits; is a digit too many? [amount-range]",
    ]


def test_the_models_refuse_what_the_files_cannot_reach(tmp_path: Path) -> None:
    """The bound is the model's, not the reader's: a value handed to it (as JSON would) is
    held to it too, in the short form of a series and in the map."""
    from pydantic import ValidationError

    from budgetcli.folder.models import ProposalFile

    base: dict[str, Any] = {"id": "p", "title": "t", "status": "proposed", "areas": ["A1"]}
    for change in ({"inside_service_frame": 2**63}, {"outside_service_frame": {2024: -(2**53)}}):
        with pytest.raises(ValidationError, match="beyond any budget"):
            ProposalFile.model_validate({**base, "change": change}, context={"years": [2024]})


# --- what an export holds ---------------------------------------------------------------------

#: every amount below the limit, and yet their sum beyond Excel's exact whole numbers: 4504
#: proposals of 2 * 999999999999 each add up to 9007999999990992 > 2**53 - 1 (4503 do not)
MANY = 4504


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated folder: ``MANY`` expansions at the limit, one of them adopted."""
    root = tmp_path_factory.mktemp("many")
    (root / "proposals").mkdir()
    (root / "areas.yaml").write_text(
        "municipality: Testby Kommune\ntitle: Budget 2024\nyears: [2024]\nunit: 1000 DKK\n"
        "areas:\n  - {code: A1, committee: Udvalg A}\n",
        encoding="utf-8",
    )
    for i in range(MANY):
        (root / "proposals" / f"p{i:04}.yaml").write_text(
            f"id: p{i:04}\ntitle: P\nstatus: {'adopted' if i == 0 else 'proposed'}\n"
            f"kind: expansion\nareas: [A1]\nchange: {{inside_service_frame: {BIG}, "
            f"outside_service_frame: {BIG}}}\n",
            encoding="utf-8",
        )
    return root


@pytest.mark.slow
def test_a_total_excel_would_round_is_refused_and_nothing_written(
    runner: CliRunner, many: Path, tmp_path: Path
) -> None:
    out = tmp_path / "budget.xlsx"
    code, stdout, err = run(runner, "export", "-f", "xlsx", "-o", str(out), "--data", str(many))
    total = MANY * 2 * BIG
    assert total == 9007999999990992 > 2**53 - 1
    assert (code, stdout, out.exists()) == (1, "", False)
    assert err == (
        f"budgetcli: error: the workbook cannot hold the summary by area, A1, investments in "
        f"2024, {total} exactly: Excel keeps a number as a double, a whole number exact up to "
        "9007199254740991, a decimal to 15 digits, and would show another figure; nothing was "
        "written (--format sqlite holds whole numbers of up to 18 digits exactly)\n"
    )
    # one proposal fewer: the total is exact in Excel, and written
    code, _, err = run(
        runner, "export", "-f", "xlsx", "-o", str(out), "--data", str(many), "-s", "proposed",
        "--lang", "da",
    )  # fmt: skip
    assert (code, err) == (0, "")
    book = importlib.import_module("openpyxl").load_workbook(out, data_only=True)
    rows = [[c.value for c in row] for row in book["Oversigt"].iter_rows(min_row=8)]
    # the total (savings, investments, net in 2024), the value stored with its formula
    assert rows[-1] == ["I alt", 0, (MANY - 1) * 2 * BIG, (MANY - 1) * 2 * BIG]
    # SQLite holds the larger total exactly, and sums it so in its views
    db = tmp_path / "budget.db"
    code, _, err = run(runner, "export", "-f", "sqlite", "-o", str(db), "--data", str(many))
    assert (code, err) == (0, "")
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT net FROM summary_by_year").fetchall() == [(total,)]
    connection.close()


PRICED = {
    "areas.yaml": "municipality: Testby Kommune\ntitle: Budget 2024\nyears: [2024]\n"
    "unit: 1000 DKK\nprice_level: 2021\nareas:\n  - {code: A1, committee: Udvalg A}\n",
    "rules/prices.yaml": "service:\n"
    + "".join(f"  - {{year: {y}, rate: 1000, source: a typo}}\n" for y in (2022, 2023, 2024)),
    "proposals/p1.yaml": "id: p1\ntitle: Big\nstatus: proposed\nareas: [A1]\n"
    f"change: {{inside_service_frame: -{BIG}}}\n",
}


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            "sqlite",
            "the database cannot hold proposal p1's change.inside_service_frame in 2024, "
            "-1003003000998996996999: SQLite's whole numbers go to 9223372036854775807; nothing "
            "was written",
        ),
        (
            "xlsx",
            "the workbook cannot hold proposal p1's change.inside_service_frame in 2024, "
            "-1003003000998996996999 exactly: Excel keeps a number as a double, a whole number "
            "exact up to 9007199254740991, a decimal to 15 digits, and would show another "
            "figure; nothing was written (--format sqlite holds whole numbers of up to 18 "
            "digits exactly)",
        ),
    ],
)
def test_an_amount_restated_beyond_the_format_is_refused(
    runner: CliRunner, tmp_path: Path, form: str, message: str
) -> None:
    """A price index of 1000 (a typo: validate warns) restates an amount in the limit by
    1001**3: once an OverflowError from sqlite3, now refused before anything is written."""
    data = tmp_path / "d"
    for relpath, text in PRICED.items():
        (data / relpath).parent.mkdir(parents=True, exist_ok=True)
        (data / relpath).write_text(text, encoding="utf-8")
    out = tmp_path / f"budget.{form}"
    code, stdout, err = run(
        runner, "export", "-f", form, "-o", str(out), "--data", str(data), "--prices", "2024"
    )
    assert (code, stdout, err, out.exists()) == (1, "", f"budgetcli: error: {message}\n", False)
    code, _, err = run(runner, "export", "-f", form, "-o", str(out), "--data", str(data))
    assert (code, err, out.exists()) == (0, "", True)


@pytest.mark.parametrize("folder", ["data", "examples/ishoej-2026-2029", "examples/prices-2024"])
def test_every_number_a_workbook_writes_is_one_the_check_sees(folder: str) -> None:
    """``held`` is what the exports are checked by: each number cell of each sheet of the
    workbook (a formula's, its value stored) is one of its figures, so none is written
    unchecked."""
    import io
    from decimal import Decimal

    from budgetcli.core.publication import held, publication
    from budgetcli.core.vocab import ACTIVE_STATUSES
    from budgetcli.publish.xlsx import workbook
    from budgetcli.store.load import load_checked

    from .conftest import REPO

    catalogue = load_checked(REPO / folder, use_cache=False).catalogue
    assert catalogue is not None
    pub = publication(catalogue, sorted(ACTIVE_STATUSES), "test")
    seen = {value for _, _, value in held(pub)}
    book = importlib.import_module("openpyxl").load_workbook(
        io.BytesIO(workbook(pub)), data_only=True
    )
    written = [
        Decimal(repr(cell.value)) if isinstance(cell.value, float) else cell.value
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, int | float)
    ]
    assert len(written) >= 100
    assert [v for v in written if v not in seen] == []
