"""`budgetcli forecast`: the seed memo's figures, hand-computed cases, bad files."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.core.domain import Case, Flow, Forecast, ForecastLine, RefusionRule, RefusionTier
from budgetcli.core.forecasting import (
    active_days,
    compute,
    cost_in_year,
    flow_cost,
    refusion,
    rule_for,
    to_units,
)

from .conftest import AREAS, DATA, golden, proposal_yaml, run

pytestmark = pytest.mark.store

RULE_2022 = RefusionRule(
    2022,
    "2022-niveau",
    "serviceloven § 176, stk. 1",
    [
        RefusionTier(860_000, Decimal("0.25")),
        RefusionTier(1_680_000, Decimal("0.50")),
        RefusionTier(2_120_000, Decimal("0.75")),
    ],
)


def case(cost: int, start: str, end: str | None = None, cid: str = "c") -> Case:
    return Case(
        cid,
        "§108",
        cost,
        datetime.date.fromisoformat(start),
        datetime.date.fromisoformat(end) if end else None,
    )


# --- the seed memo -------------------------------------------------------------------------------


def test_the_memo_figures(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["forecast", "voksenspecialiseret-2024", "--data", str(DATA), "--format", "json"]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    (f,) = json.loads(result.stdout)["forecasts"]
    assert [
        (x["forecast"], x["budget"], x["overspend"], x["service_frame"]) for x in f["lines"]
    ] == [
        (145659, 140703, 4956, "inside"),  # "4,9 mio."
        (7345, 350, 6995, "inside"),  # "ca. 7 mio."
        (-19647, -11702, -7945, "outside"),
    ]
    assert f["total"] == {
        "forecast": 133357,
        "budget": 129351,
        "overspend": 4006,
    }  # "ca. 4 mio. inkl. refusionen"
    assert f["overspend_inside_service_frame"] == 11951  # "ca. 11,9 mio."
    assert f["overspend_total"] == 4006
    assert (f["lines"][1]["cases_in"], f["lines"][1]["cases_out"]) == (13, 9)
    golden("forecast-voksenspecialiseret-2024.json", result.stdout_bytes)


def test_the_memo_table(runner: CliRunner) -> None:
    code, out, _ = run(runner, "forecast", "voksenspecialiseret-2024", "--data", str(DATA))
    lines = out.splitlines()
    assert code == 0
    assert (
        lines[0] == "Status på voksenspecialiserede socialområde, prognose 2024 · 2024 · 1.000 kr."
    )
    assert next(x for x in lines if x.startswith("Total")).split() == [
        "Total",
        "133.357",
        "129.351",
        "4.006",
    ]
    assert "Overspend inside the service frame: 11.951" in lines
    assert "Overspend in total, after refusion: 4.006" in lines


def test_every_forecast_without_an_id(runner: CliRunner) -> None:
    code, out, _ = run(runner, "forecast", "--data", str(DATA), "--format", "csv")
    assert code == 0
    assert (
        "voksenspecialiseret-2024,base,inside_frame,Overspend inside the service frame,inside,,,11951"
        in out.splitlines()
    )
    assert any(line.startswith("eksempel-sagsregister-2024,high,") for line in out.splitlines())


# --- the case computation, by hand ---------------------------------------------------------------


def test_a_case_starting_mid_year() -> None:
    c = case(730_000, "2023-07-02")  # 2 July to 31 December 2023: 183 of 365 days
    assert active_days(c, 2023) == 183
    assert cost_in_year(c, 2023) == 366_000
    assert cost_in_year(c, 2022) == 0


def test_a_case_ending_mid_year() -> None:
    c = case(365_000, "2020-05-01", "2023-03-31")  # 1 January to 31 March 2023: 90 days
    assert active_days(c, 2023) == 90
    assert cost_in_year(c, 2023) == 90_000
    assert cost_in_year(c, 2024) == 0


def test_a_leap_year() -> None:
    c = case(366_000, "2024-03-01")  # 1 March to 31 December 2024: 306 of 366 days
    assert active_days(c, 2024) == 306
    assert cost_in_year(c, 2024) == 306_000
    one_day = case(366_000, "2024-02-29", "2024-02-29")
    assert cost_in_year(one_day, 2024) == 1_000
    assert (
        cost_in_year(case(365_000, "2020-01-01"), 2024) == 365_000
    )  # a whole year is the annual cost


def test_refusion_below_between_and_above_the_thresholds() -> None:
    assert refusion(800_000, RULE_2022) == 0  # below the first tier
    assert refusion(860_000, RULE_2022) == 0  # at it
    assert refusion(1_000_000, RULE_2022) == Fraction(35_000)  # 25 % of 140.000
    assert refusion(2_000_000, RULE_2022) == Fraction(
        205_000 + 160_000
    )  # 25 % of 820.000 + 50 % of 320.000
    # 25 % of 820.000 + 50 % of 440.000 + 75 % of 380.000
    assert refusion(2_500_000, RULE_2022) == Fraction(205_000 + 220_000 + 285_000)


def test_refusion_works_on_the_cost_in_the_year() -> None:
    half = case(2_500_000, "2023-07-02")  # 183/365 of 2.500.000 = 1.253.424,66 kr.
    cost = cost_in_year(half, 2023)
    assert cost == Fraction(2_500_000 * 183, 365)
    assert refusion(cost, RULE_2022) == (cost - 860_000) / 4


def test_inflow_and_outflow() -> None:
    assert flow_cost(Flow(13, 650_000, 7), inflow=True) == 13 * 650_000 * 6 / 12  # July-December
    assert (
        flow_cost(Flow(9, 450_000, 6), inflow=False) == -9 * 450_000 * 6 / 12
    )  # July-December saved
    assert flow_cost(Flow(1, 120_000, 1), inflow=True) == 120_000
    assert flow_cost(Flow(1, 120_000, 12), inflow=False) == 0


def test_rounding_to_whole_thousands_is_half_up() -> None:
    assert [to_units(Fraction(v)) for v in (1_499, 1_500, -1_500, 2_500, 999_999)] == [
        1,
        2,
        -2,
        3,
        1_000,
    ]


def test_rules_of_the_latest_earlier_year() -> None:
    older = RefusionRule(2021, "2020-niveau", "L 197", [RefusionTier(830_000, Decimal("0.25"))])
    assert rule_for(2024, [older, RULE_2022]) is RULE_2022
    assert rule_for(2021, [older, RULE_2022]) is older
    assert rule_for(2020, [older, RULE_2022]) is None


def test_a_computed_forecast() -> None:
    f = Forecast(
        "f",
        "F",
        2023,
        "1000 DKK",
        [
            ForecastLine("existing", budget=400, compute="existing"),
            ForecastLine("flow", budget=0, compute="flow"),
            ForecastLine("refusion", budget=-10, compute="refusion", service_frame="outside"),
        ],
        cases=[
            case(730_000, "2023-07-02", cid="a"),  # 366.000
            case(365_000, "2020-05-01", "2023-03-31", cid="b"),  # 90.000
            case(1_000_000, "2019-01-01", cid="c"),  # 1.000.000, refusion 35.000
            case(900_000, "2024-01-01", cid="d"),  # not active in 2023
        ],
        inflow=Flow(2, 1_200_000, 7),  # 1.200.000 kr.; each 600.000: no refusion
        outflow=Flow(1, 240_000, 6),  # -120.000
        over=800_000,
    )
    r = compute(f, [RULE_2022])
    assert [(x.forecast, x.overspend) for x in r.lines] == [
        (1_456, 1_056),
        (1_080, 1_080),
        (-35, -25),
    ]
    assert (r.overspend_inside, r.overspend) == (2_136, 2_111)
    assert r.cases_over == (800_000, 1)  # only c is active and above 800.000
    assert r.lines[0].cases_active == 3


amounts = st.integers(min_value=0, max_value=50_000_000)


@given(amounts, amounts)
def test_refusion_grows_with_the_cost_and_never_exceeds_it(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert 0 <= refusion(low, RULE_2022) <= refusion(high, RULE_2022)
    assert refusion(high, RULE_2022) - refusion(low, RULE_2022) <= Fraction(3, 4) * (high - low)
    assert refusion(high, RULE_2022) < high or high == 0


@given(st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)), st.integers(0, 5_000_000))
def test_a_case_running_all_year_costs_its_annual_cost(start: datetime.date, cost: int) -> None:
    year = start.year + 1
    assert cost_in_year(case(cost, start.isoformat()), year) == cost


# --- scenarios and ranges ------------------------------------------------------------------------


def test_scenarios_of_the_file_are_a_range(runner: CliRunner) -> None:
    code, out, _ = run(
        runner, "forecast", "eksempel-sagsregister-2024", "--data", str(DATA), "--format", "json"
    )
    (f,) = json.loads(out)["forecasts"]
    assert code == 0
    assert f["overspend_inside_service_frame"] == 6317
    assert {
        k: (s["overspend_inside_service_frame"], s["overspend_total"])
        for k, s in f["scenarios"].items()
    } == {
        "low": (4342, 188),
        "high": (9317, 5163),
    }
    assert f["cases_over"] == {"level": 2000000, "count": 21}
    assert f["refusion_rules"]["year"] == 2022


def test_explicit_ranges_give_the_same_as_the_files_scenarios(runner: CliRunner) -> None:
    args = ["forecast", "eksempel-sagsregister-2024", "--data", str(DATA), "--format", "json"]
    code, out, _ = run(runner, *args, "--inflow", "9..17", "--average-cost", "500000..850000")
    (f,) = json.loads(out)["forecasts"]
    assert code == 0
    assert {k: s["overspend_inside_service_frame"] for k, s in f["scenarios"].items()} == {
        "low": 4342,
        "high": 9317,
    }


def test_a_named_scenario_replaces_the_base_case(runner: CliRunner) -> None:
    code, out, _ = run(runner, "forecast", "--scenario", "high", "--data", str(DATA))
    assert code == 0
    assert (
        out.splitlines()[0]
        == "Eksempel (syntetisk) - prognose 2024 beregnet fra sagsregister · 2024 · scenario high · 1.000 kr."
    )
    assert "Overspend inside the service frame: 9.317" in out.splitlines()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["nope"],
            "budgetcli: error: no forecast with id 'nope'; there are: eksempel-sagsregister-2024, voksenspecialiseret-2024\n",
        ),
        (
            ["--inflow", "17..9"],
            "budgetcli: error: --inflow: the range 17..9 must run from low to high, not below 0\n",
        ),
        (
            ["--average-cost", "mange"],
            "budgetcli: error: --average-cost takes a range like 500000..850000 (low..high), not"
            " 'mange'\n",
        ),
        (["--scenario", "worst"], "budgetcli: error: no forecast has a scenario 'worst'\n"),
    ],
)
def test_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    assert run(runner, "forecast", *args, "--data", str(DATA)) == (2, "", message)


# --- bad forecast files --------------------------------------------------------------------------

GOOD = """\
id: f
title: Prognose
year: 2024
lines:
  - label: Eksisterende sager
    forecast: 1000
    budget: 900
"""


@pytest.fixture
def validate(
    runner: CliRunner,
    make_data: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[..., tuple[int, list[str]]]:
    monkeypatch.chdir(tmp_path)

    def check(forecast: str, csv: str | None = None) -> tuple[int, list[str]]:
        folder = make_data(areas=AREAS, p1=proposal_yaml())  # a forecast beside a proposal
        (folder / "forecasts").mkdir()
        (folder / "forecasts" / "f.yaml").write_text(forecast, encoding="utf-8")
        if csv is not None:
            (folder / "forecasts" / "f.csv").write_text(csv, encoding="utf-8")
        code, out, _ = run(runner, "validate", "d", "--no-cache")
        return code, out.splitlines()

    return check


def test_a_good_forecast_file(validate: Callable[..., tuple[int, list[str]]]) -> None:
    assert validate(GOOD) == (0, [])


def test_a_missing_budget(validate: Callable[..., tuple[int, list[str]]]) -> None:
    assert validate(GOOD.replace("    budget: 900\n", "")) == (
        1,
        ["d/forecasts/f.yaml:5:5: error: missing required field 'lines[0].budget' [missing-field]"],
    )


def test_an_unknown_service_frame(validate: Callable[..., tuple[int, list[str]]]) -> None:
    assert validate(GOOD + "    service_frame: udenfor\n") == (
        1,
        [
            "d/forecasts/f.yaml:8:5: error: lines[0].service_frame: expected inside or outside, got 'udenfor' [literal-error]"
        ],
    )


CASES_INLINE = (
    GOOD.replace("    forecast: 1000\n", "    compute: existing\n")
    + """\
cases:
  - {case_id: K1, section: "§108", annual_cost: 900000, start: 2023-01-01}
"""
)


def test_a_case_ending_before_it_starts(validate: Callable[..., tuple[int, list[str]]]) -> None:
    text = CASES_INLINE.replace("start: 2023-01-01}", "start: 2023-01-01, end: 2022-12-31}")
    assert validate(text) == (
        1,
        [
            "d/forecasts/f.yaml:9:5: error: cases[0]: the case ends (2022-12-31) before it starts (2023-01-01) [case-ends-before-start]"
        ],
    )


def test_a_negative_cost(validate: Callable[..., tuple[int, list[str]]]) -> None:
    assert validate(CASES_INLINE.replace("annual_cost: 900000", "annual_cost: -900000")) == (
        1,
        [
            "d/forecasts/f.yaml:9:36: error: cases[0].annual_cost: a cost cannot be negative, got -900000 [negative-cost]"
        ],
    )


REGISTER = "case_id,section,annual_cost,start,end,age_group\nK1,§108,900000,2023-01-01,,25-44\n"
WITH_REGISTER = (
    GOOD.replace("    forecast: 1000\n", "    compute: existing\n") + "cases_file: f.csv\n"
)


def test_a_register_with_bad_rows(validate: Callable[..., tuple[int, list[str]]]) -> None:
    csv = REGISTER + (
        "K2,§85,-5000,2023-01-01,,18-24\n"
        "K3,§107,1.250.000,2023-05-01,,45-66\n"
        "K4,§107,125000,2023-05-01,2023-04-01,45-66\n"
        "K1,§104,1000,2020-01-01,,\n"
    )
    assert validate(WITH_REGISTER, csv) == (
        1,
        [
            "d/forecasts/f.csv:3:3: error: annual_cost: a cost cannot be negative, got -5000 [negative-cost]",
            "d/forecasts/f.csv:4:3: error: annual_cost: expected a whole number, got the text '1.250.000' "
            "(write it as a number without quotes or thousands separators: 1250000) [amount-type]",
            "d/forecasts/f.csv:5:1: error: the case ends (2023-04-01) before it starts (2023-05-01) [case-ends-before-start]",
            "d/forecasts/f.csv:6:1: error: case K1 is also on line 2 [duplicate-case]",
        ],
    )


def test_a_register_that_is_not_there(validate: Callable[..., tuple[int, list[str]]]) -> None:
    assert validate(WITH_REGISTER) == (
        1,
        [
            "d/forecasts/f.yaml:8:1: error: cases_file: f.csv is not a CSV file in forecasts/ [no-register]"
        ],
    )


def test_computed_refusion_needs_rules(validate: Callable[..., tuple[int, list[str]]]) -> None:
    text = CASES_INLINE + '  - {case_id: K2, section: "§85", annual_cost: 100, start: 2023-01-01}\n'
    text = text.replace(
        "lines:\n",
        "lines:\n  - {label: Refusion, compute: refusion, budget: 0, service_frame: outside}\n",
    )
    code, lines = validate(text)
    assert code == 1
    assert lines == [
        "d/forecasts/f.yaml:5:23: error: compute: refusion needs the refusion rules of 2024 or earlier in "
        "rules/refusion.yaml (none it could use: the file is missing or has errors) [no-refusion-rules]"
    ]


def test_forecast_or_compute_not_both(validate: Callable[..., tuple[int, list[str]]]) -> None:
    assert validate(GOOD + "    compute: existing\n") == (
        1,
        [
            "d/forecasts/f.yaml:5:5: error: lines[0]: give either forecast (a figure) or compute (existing, flow or refusion) [forecast-or-compute]"
        ],
    )


def test_a_stated_total_that_does_not_add_up(
    validate: Callable[..., tuple[int, list[str]]],
) -> None:
    assert validate(GOOD + "total: {forecast: 1001, budget: 900}\n") == (
        0,
        [
            "d/forecasts/f.yaml:8:1: warning: the lines add up to forecast 1000, budget 900; the stated total is forecast 1001, budget 900 [total-mismatch]"
        ],
    )


def test_a_cost_too_long_for_python_is_a_problem_not_a_crash(
    validate: Callable[..., tuple[int, list[str]]],
) -> None:
    csv = REGISTER + f"K2,§85,{'9' * 4400},2023-01-01,,18-24\n"
    assert validate(WITH_REGISTER, csv) == (
        1,
        [
            "d/forecasts/f.csv:3:3: error: annual_cost: a number of 4400 digits is not a cost [number-too-long]"
        ],
    )
