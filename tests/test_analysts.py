"""Where the analysts already are (issue 25 §6), each by a real command and its exact output:
FTE totals with the Danish thousands separator; ``forecast``'s ranges refused when they are no
range and said to have no effect where nothing is computed from an inflow; ``summary``'s line
under its table when the data has warnings, and when no proposal has a status asked for."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.text.numbers import fmt_amount, fmt_fte
from tests.conftest import REPO, examples, proposal_yaml, run

pytestmark = pytest.mark.store

DATA = str(REPO / "data")


# --- FTE: Danish numbers everywhere ----------------------------------------------------------


@settings(max_examples=examples(300))
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_danish_fte_groups_thousands_as_amounts_do(value: Decimal) -> None:
    """The whole part as ``fmt_amount`` writes it (``-5.127``), the decimals after a comma;
    read back (points out, the comma a point) it is the value; plain has no separator."""
    text = fmt_fte(value)
    whole = text.partition(",")[0]
    assert whole.lstrip("-") == fmt_amount(abs(int(value)))
    assert text.startswith("-") == (value < 0)
    assert Decimal(text.replace(".", "").replace(",", ".")) == value
    assert Decimal(fmt_fte(value, False)) == value and "," not in fmt_fte(value, False)


def test_an_fte_total_over_a_thousand_has_the_separator(
    runner: CliRunner, make_data: Callable[..., Path]
) -> None:
    data = make_data(
        p1=proposal_yaml("p1", staffing="{change_fte: -5127.5}"),
        p2=proposal_yaml("p2", areas="[B1]", staffing="{change_fte: 1000}"),
    )
    code, out, err = run(runner, "summary", "2024", "--data", str(data))
    assert (code, err) == (0, "")
    assert out.splitlines()[4:8] == [
        "A1 Plejecenter     -100            0  -100          -100              0  -5.127,5   1.000"
        "    900     -10,0",
        "B1                 -100            0  -100          -100              0     1.000",
        "--------------  -------  -----------  ----  ------------  -------------  --------  ------"
        "  -----  --------",
        "Total              -200            0  -200          -200              0  -4.127,5",
    ]
    code, out, _ = run(runner, "summary", "2024", "--data", str(data), "--numbers", "plain")
    assert "-4127.5" in out.splitlines()[7]


# --- forecast: ranges that are ranges, and where they act ------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--inflow", "5"],
            "--inflow takes a range like 9..17 (low..high), not '5': for 5 alone, 5..5",
        ),
        (
            ["--average-cost", "500000"],
            "--average-cost takes a range like 500000..850000 (low..high), not '500000': for"
            " 500000 alone, 500000..500000",
        ),
        (["--inflow", "5.."], "--inflow takes a range like 9..17 (low..high), not '5..'"),
    ],
)
def test_a_number_that_is_no_range_is_refused(
    runner: CliRunner, args: list[str], message: str
) -> None:
    assert run(runner, "forecast", "--data", DATA, *args) == (
        2,
        "",
        f"budgetcli: error: {message}\n",
    )


def test_a_range_of_one_count_is_taken(runner: CliRunner) -> None:
    code, out, err = run(
        runner, "forecast", "eksempel-sagsregister-2024", "--data", DATA, "--inflow", "5..5"
    )
    assert (code, err) == (0, "")
    assert "low " in out and "high " in out


def test_ranges_on_a_forecast_with_no_computed_inflow_say_they_change_nothing(
    runner: CliRunner,
) -> None:
    """voksenspecialiseret-2024 has no computed lines: shown without low and high (not low =
    base = high as if uncertain), and a note says why; the other forecast takes the range."""
    code, out, err = run(runner, "forecast", "--data", DATA, "--inflow", "1..3")
    assert code == 0
    assert err == (
        "budgetcli: note: --inflow has no effect on voksenspecialiseret-2024: it has no line"
        " computed from an inflow of cases\n"
    )
    sagsregister, voksen = out.split("Status på voksenspecialiserede")
    assert "Scenarios" in sagsregister and "Scenarios" not in voksen
    _, _, err = run(
        runner,
        "forecast",
        "voksenspecialiseret-2024",
        "--data",
        DATA,
        "--inflow",
        "1..3",
        "--average-cost",
        "1..2",
    )
    assert err == (
        "budgetcli: note: --inflow and --average-cost have no effect on voksenspecialiseret-2024:"
        " it has no line computed from an inflow of cases\n"
    )
    assert run(runner, "forecast", "voksenspecialiseret-2024", "--data", DATA)[2] == ""


# --- summary: what is under its table --------------------------------------------------------


def test_summary_counts_the_warnings_under_its_table(runner: CliRunner) -> None:
    for output in ("table", "csv", "json"):
        code, _, err = run(runner, "summary", "2024", "--data", DATA, "--format", output)
        assert (code, err) == (
            0,
            "budgetcli: note: 3 warnings: run budgetcli validate\n",
        )


def test_one_warning_is_said_in_the_singular(
    runner: CliRunner, make_data: Callable[..., Path]
) -> None:
    data = make_data(p1=proposal_yaml("p1", change="{inside_service_frame: 100}", kind="reduction"))
    _, _, err = run(runner, "validate", str(data))
    warnings = err.splitlines()[-1]
    assert warnings.endswith("0 errors, 1 warning"), err
    assert run(runner, "summary", "--data", str(data))[2] == (
        "budgetcli: note: 1 warning: run budgetcli validate\n"
    )


def test_no_proposal_of_the_status_asked_for_is_said(runner: CliRunner) -> None:
    code, out, err = run(runner, "summary", "2024", "--data", DATA, "--status", "adopted")
    assert code == 0 and out.splitlines()[-3].split() == ["Total", "0", "0", "0", "0", "0", "0"]
    assert err == (
        "budgetcli: note: no proposal has the status adopted: every figure is 0\n"
        "budgetcli: note: 3 warnings: run budgetcli validate\n"
    )
    code, _, err = run(runner, "summary", "--data", DATA, "-s", "adopted", "-s", "rejected")
    assert err.splitlines()[0] == (
        "budgetcli: note: no proposal has any of the statuses adopted, rejected: every figure is 0"
    )


def test_a_clean_budget_says_nothing_under_its_table(
    runner: CliRunner, make_data: Callable[..., Path]
) -> None:
    data = make_data(p1=proposal_yaml("p1"))
    assert run(runner, "validate", str(data))[2].endswith("0 errors, 0 warnings\n")
    assert run(runner, "summary", "--data", str(data))[2] == ""
