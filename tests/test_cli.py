"""The command line, end to end: CliRunner with stdout, stderr and exit code checked apart,
golden files for the machine formats, and real processes."""

from __future__ import annotations

import itertools
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from budgetcli import __version__
from budgetcli.cli import app

from .conftest import DATA, REPO, golden, process, proposal_yaml, run

pytestmark = pytest.mark.store

#: what summary says under its table of the bundled data (validate names the three)
WARNINGS = "budgetcli: note: 3 warnings: run budgetcli validate\n"


def test_version(runner: CliRunner) -> None:
    assert run(runner, "--version") == (0, f"budgetcli {__version__}\n", "")


def test_summary_2024_table(runner: CliRunner) -> None:
    code, out, err = run(runner, "summary", "2024", "--data", str(DATA))
    assert (code, err) == (0, WARNINGS)
    assert out.splitlines()[0] == "Ishøj Kommune · Budget 2024-2027 · 2024 · 1.000 kr."
    total = next(line for line in out.splitlines() if line.startswith("Total"))
    assert total.split() == ["Total", "-8.750", "2.350", "-6.400", "-6.400", "0", "-4,9"]


def test_summary_all_years_has_a_block_per_year(runner: CliRunner) -> None:
    code, out, _ = run(runner, "summary", "--data", str(DATA))
    assert code == 0
    total = next(line for line in out.splitlines() if line.startswith("Total")).split()
    assert total == [
        "Total",
        *(["-8.750", "2.350", "-6.400", "-4,9"]),
        *(["-7.750", "1.850", "-5.900", "-4,9"] * 3),
    ]


def test_data_folder_from_the_environment(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUDGETCLI_DATA", str(DATA))
    code, out, _ = run(runner, "summary", "2025", "--format", "csv")
    assert code == 0 and out.splitlines()[-1] == ",Total,2025,-7750,1850,-5900,-5900,0,0,-4.9,,,"


def test_summary_json_golden(runner: CliRunner) -> None:
    result = runner.invoke(app, ["summary", "2024", "--data", str(DATA), "--format", "json"])
    assert (result.exit_code, result.stderr) == (0, WARNINGS)
    doc = json.loads(result.stdout)
    assert doc["total"]["years"]["2024"] == {
        "savings": -8750,
        "investments": 2350,
        "net": -6400,
        "inside_service_frame": -6400,
        "outside_service_frame": 0,
        "construction": 0,
        "fte": -4.9,
        "budget": None,  # the total of areas with and without a budget has none
        "budget_after": None,
        "change_pct": None,
    }
    plejecenter = next(r for r in doc["rows"] if r["key"] == "B60.30.10")["years"]["2024"]
    assert (plejecenter["budget"], plejecenter["budget_after"]) == (108114, 105314)
    assert plejecenter["change_pct"] == -2.6  # -2.800 of 108.114
    assert set(doc) >= {"municipality", "title", "unit", "years", "group_by", "rows", "total"}
    assert doc["price_level"] is None  # the seed states none
    golden("summary-2024.json", result.stdout_bytes)


def test_summary_csv_golden(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["summary", "--by", "committee", "--data", str(DATA), "--format", "csv"]
    )
    assert result.exit_code == 0
    golden("summary-by-committee.csv", result.stdout_bytes)


def test_summary_markdown_golden(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["summary", "2024", "--by", "status", "--data", str(DATA), "--format", "markdown"]
    )
    assert result.exit_code == 0
    golden("summary-2024-by-status.md", result.stdout_bytes)


def test_status_filter(runner: CliRunner) -> None:
    code, out, _ = run(
        runner, "summary", "2024", "-s", "realized", "--data", str(DATA), "--format", "csv"
    )
    assert code == 0 and out.splitlines()[-1] == ",Total,2024,-1050,0,-1050,-1050,0,0,0,,,"


def test_plain_numbers(runner: CliRunner) -> None:
    code, out, _ = run(runner, "summary", "2024", "--numbers", "plain", "--data", str(DATA))
    assert code == 0
    assert next(line for line in out.splitlines() if line.startswith("Total")).split()[1:4] == [
        "-8750",
        "2350",
        "-6400",
    ]


def test_a_year_outside_the_budget_is_a_usage_error(runner: CliRunner) -> None:
    code, out, err = run(runner, "summary", "2030", "--data", str(DATA))
    assert (code, out) == (2, "")
    assert (
        err == "budgetcli: error: 2030 is not a year of Budget 2024-2027 (2024, 2025, 2026, 2027)\n"
    )


def test_unknown_option_is_a_usage_error(runner: CliRunner) -> None:
    code, out, err = run(runner, "summary", "--by", "kommune", "--data", str(DATA))
    assert code == 2 and out == "" and "kommune" in err


def test_no_data_folder(runner: CliRunner, tmp_path: Path) -> None:
    assert run(runner, "summary", "--data", str(tmp_path / "nope")) == (
        2,
        "",
        f"budgetcli: error: no such folder: {tmp_path / 'nope'} (give the data folder with --data DIR, or set BUDGETCLI_DATA)\n",
    )


def test_summary_of_invalid_data_prints_diagnostics_and_no_table(
    runner: CliRunner, make_data: Callable[..., Path]
) -> None:
    folder = make_data(p1=proposal_yaml(status="adoptd"))
    code, out, err = run(runner, "summary", "2024", "--data", str(folder))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{folder}/proposals/p1.yaml:3:1: error: status: expected proposed, adopted, rejected or realized, "
        "got 'adoptd' (did you mean 'adopted'?) [enum]",
        "budgetcli: error: 1 error; run `budgetcli validate`",
    ]


def test_show(runner: CliRunner) -> None:
    code, out, err = run(runner, "show", "kaerbo-velfaerdsteknologi", "--data", str(DATA))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert (
        lines[0]
        == "Investeringsforslag: Effektivisering gennem øget brug af velfærdsteknologi på Kærbo"
    )
    assert next(x for x in lines if x.strip().startswith("Total")).split() == [
        "Total",
        "-1.100",
        "-1.600",
        "-1.600",
        "-1.600",
    ]
    assert next(x for x in lines if x.strip().startswith("Investments")).split() == [
        "Investments",
        "600",
        "100",
        "100",
        "100",
    ]
    assert "3709710005" in out and "Intelligent Care" in out


def test_show_json(runner: CliRunner) -> None:
    code, out, _ = run(
        runner, "show", "plejecenter-sygefravaer", "--data", str(DATA), "--format", "json"
    )
    doc = json.loads(out)
    assert code == 0
    assert doc["change"] == {
        "inside_service_frame": {"2024": -1200, "2025": -1200, "2026": -1200, "2027": -1200},
        "outside_service_frame": {},
        "construction": {},
    }
    assert doc["kind"] == "reduction" and doc["construction_grant"] is None
    assert doc["staffing"] == {
        "change_fte": {"2024": -2.6, "2025": -2.6, "2026": -2.6, "2027": -2.6},
        "baseline_fte": {"2024": 16, "2025": 16, "2026": 16, "2027": 16},
    }


def test_show_unknown_id_suggests(runner: CliRunner) -> None:
    code, out, err = run(runner, "show", "kaerbo", "--data", str(DATA))
    assert (code, out) == (2, "")
    assert (
        err
        == "budgetcli: error: no proposal with id 'kaerbo'; did you mean kaerbo-velfaerdsteknologi?\n"
    )


@pytest.mark.parametrize("kind", ["proposal", "areas", "forecast", "prices"])
def test_a_schema_bounds_a_number_as_json_schema_does(runner: CliRunner, kind: str) -> None:
    """pydantic leaves a bound set on a type a validator makes as "ge"/"le"/"gt", which no
    editor checks: the schema names them minimum, maximum and exclusiveMinimum."""
    code, out, _ = run(runner, "schema", kind)
    assert code == 0
    assert not re.search(r'"(ge|le|gt|lt)":', out)
    if kind == "areas":
        level = json.loads(out)["properties"]["price_level"]["anyOf"][0]
        assert level == {"minimum": 1900, "maximum": 2200, "type": "integer"}
    if kind == "prices":
        figure = json.loads(out)["$defs"]["PriceFigureModel"]["properties"]
        assert figure["rate"]["anyOf"][0]["exclusiveMinimum"] == -1


def test_schema_is_json_schema(runner: CliRunner) -> None:
    code, out, _ = run(runner, "schema", "proposal")
    schema = json.loads(out)
    assert code == 0
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "title", "status", "areas", "change"}
    code, out, _ = run(runner, "schema", "areas")
    assert code == 0 and "municipality" in json.loads(out)["properties"]


def help_examples(help_text: str) -> list[str]:
    """The lines of the Example(s) section of a command's --help, blank lines left out."""
    lines = help_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() in ("Example:", "Examples:"))
    block = itertools.takewhile(lambda line: not line or line.startswith("   "), lines[start + 1 :])
    return [line.strip() for line in block if line.strip()]


def commands() -> dict[str, Any]:
    """budgetcli's commands, by name, as click (vendored by typer 0.26+) sees them."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return dict(group.commands)


COMMANDS = sorted(commands())


def test_every_command_is_covered() -> None:
    assert COMMANDS == [
        "diff", "export", "followup", "forecast", "frame", "import", "new", "report", "schema", "show",
        "summary", "validate",
    ]  # fmt: skip


@pytest.mark.parametrize("name", COMMANDS)
def test_every_commands_help_has_examples_that_run(
    runner: CliRunner, name: str, seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each line of the Example section is a whole command line of this command (not wrapped,
    not cut) that click parses; each runs on the bundled data and succeeds, but diff's, whose
    revisions and folders the bundled data does not have."""
    result = runner.invoke(app, [name, "--help"], terminal_width=80)
    assert result.exit_code == 0
    examples = help_examples(result.stdout)
    assert examples, f"budgetcli {name} --help has no example"
    shutil.copytree(REPO / "examples", seed_copy.parent / "examples")
    shutil.copytree(REPO / "tests" / "fixtures", seed_copy.parent / "tests" / "fixtures")
    monkeypatch.chdir(seed_copy.parent)
    for line in examples:
        words = shlex.split(line.split(" > ")[0])
        assert words[:2] == ["budgetcli", name], line
        commands()[name].make_context(name, words[2:])  # a bad option is a click.UsageError
        if name != "diff" and "forslag.docx" not in line:  # a document of your own
            ran = runner.invoke(app, words[1:])
            assert ran.exit_code == 0, f"{line}: {ran.stderr}"
            assert ran.stdout, line


def test_the_help_example_test_sees_a_missing_section() -> None:
    """The test above can fail: help without the section, or with a wrapped line."""
    with pytest.raises(StopIteration):
        help_examples("Usage: budgetcli x\n\n  Text.\n\nOptions:\n  -h  Help.\n")
    wrapped = "  Examples:\n\n      budgetcli x --long-\n      option\n\nOptions:\n"
    assert help_examples(wrapped) == ["budgetcli x --long-", "option"]


@pytest.mark.usefixtures("cache_on")
def test_a_changed_file_is_not_served_from_the_cache(runner: CliRunner, seed_copy: Path) -> None:
    args = ["summary", "2024", "--data", str(seed_copy), "--format", "csv"]
    assert (
        run(runner, *args)[1].splitlines()[-1] == ",Total,2024,-8750,2350,-6400,-6400,0,0,-4.9,,,"
    )
    path = seed_copy / "proposals" / "b23-frivilligfesten.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: realized", "status: rejected"),
        encoding="utf-8",
    )
    assert (
        run(runner, *args)[1].splitlines()[-1] == ",Total,2024,-8700,2350,-6350,-6350,0,0,-4.9,,,"
    )


def test_real_process(tmp_path: Path) -> None:
    """The installed entry point, as a user's shell runs it."""
    cache = str(tmp_path / "cache")
    code, out, err = process("summary", "2024", "--format", "csv", BUDGETCLI_CACHE_DIR=cache)
    assert (code, err) == (0, WARNINGS)
    assert out.splitlines()[-1] == ",Total,2024,-8750,2350,-6400,-6400,0,0,-4.9,,,"
    code, out, err = process("validate", "data", BUDGETCLI_CACHE_DIR=cache)
    assert code == 0
    assert err == "22 files checked: 0 errors, 3 warnings\n"
    assert out.count(": warning: ") == 3


def test_a_closed_pipe_is_not_an_error(tmp_path: Path) -> None:
    env = {**os.environ, "BUDGETCLI_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        f"'{sys.executable}' -m budgetcli summary --format csv | head -1",
        shell=True,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (
        done.stdout
        == "key,label,year,savings,investments,net,inside_service_frame,outside_service_frame,"
        "construction,fte,budget,budget_after,change_pct\n"
    )
    assert "Traceback" not in done.stderr


def test_an_area_budget_missing_a_year_leaves_that_year_blank(
    runner: CliRunner, seed_copy: Path
) -> None:
    """Plejecenter's budget without 2025: no Budget, After or Change % that year (not a budget
    of 0)."""
    areas = seed_copy / "areas.yaml"
    text = areas.read_text(encoding="utf-8")
    areas.write_text(
        text.replace("budget: {2024: 108114, 2025: 108877,", "budget: {2024: 108114,"),
        encoding="utf-8",
    )
    code, out, _ = run(runner, "summary", "--data", str(seed_copy), "--format", "json")
    assert code == 0
    row = next(r for r in json.loads(out)["rows"] if r["key"] == "B60.30.10")["years"]
    assert row["2025"]["budget"] is None and row["2025"]["change_pct"] is None
    assert row["2024"]["budget"] == 108114
