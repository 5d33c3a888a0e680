"""``--prices YEAR`` on cases computed by hand: every amount restated by its index, rounded
once (a half away from zero), totals the sums of the rounded rows; the refusals; ``diff``
across price levels; and a property of the rounding."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.core.calc import half_up
from budgetcli.core.checks import implausible_steps
from budgetcli.core.diagnostics import Source
from budgetcli.core.domain import PriceFigure
from budgetcli.core.prices import Restatement

from .conftest import run

pytestmark = pytest.mark.store

#: made-up figures: service +3 % into 2025; construction 100 -> 110 (+10 %)
PRICES = """\
service:
  - {year: 2025, rate: 0.03, source: made up}
construction:
  - {year: 2024, index: 100, source: made up}
  - {year: 2025, index: 110, source: made up}
"""

SAVING = """\
id: saving
title: A saving
status: proposed
areas: [A1]
change: {inside_service_frame: -1000}
staffing: {change_fte: -1.5}
"""

BUILDING = """\
id: building
title: A building
status: adopted
kind: construction
areas: [A1]
change: {inside_service_frame: {2025: 50}, construction: {2024: 5000, 2025: 5000}}
construction_grant: 10000
"""


def areas(
    price_level: int | None = 2024,
    frame: tuple[int, int] | None = (100000, 20000),
    baseline: tuple[int, int] = (99000, 15000),
    budget: int = 50000,
) -> str:
    """``areas.yaml`` of 2024-2025: ``price_level`` (none if ``None``), the service and
    construction frames and baselines (none if ``frame`` is ``None``), and area A1's budget,
    each the same every year."""
    level = "" if price_level is None else f"price_level: {price_level}\n"
    frames = (
        ""
        if frame is None
        else f"frames: {{service: {frame[0]}, construction: {frame[1]}}}\n"
        f"baseline: {{service: {baseline[0]}, construction: {baseline[1]}}}\n"
    )
    return (
        "municipality: Testby Kommune\n"
        "title: Budget 2024-2025\n"
        "years: [2024, 2025]\n"
        "unit: 1000 DKK\n"
        f"{level}{frames}"
        "areas:\n"
        f"  - {{code: A1, committee: Udvalg A, budget: {budget}}}\n"
    )


def reduction(pid: str, amount: int, kind: str = "reduction") -> str:
    """A proposal of ``amount`` inside the service frame every year."""
    return (
        f"id: {pid}\ntitle: {pid}\nstatus: proposed\nkind: {kind}\nareas: [A1]\n"
        f"change: {{inside_service_frame: {amount}}}\n"
    )


def write(root: Path, areas_yaml: str, prices: str | None = PRICES, **proposals: str) -> Path:
    """A data folder at ``root``; ``rules/prices.yaml`` unless ``prices`` is ``None``."""
    (root / "proposals").mkdir(parents=True)
    (root / "areas.yaml").write_text(areas_yaml, encoding="utf-8")
    for stem, text in proposals.items():
        (root / "proposals" / f"{stem}.yaml").write_text(text, encoding="utf-8")
    if prices is not None:
        (root / "rules").mkdir()
        (root / "rules" / "prices.yaml").write_text(prices, encoding="utf-8")
    return root


def json_of(runner: CliRunner, *args: str) -> Any:
    """``budgetcli ARGS --format json``, which must succeed and say nothing on stderr."""
    code, out, err = run(runner, *args, "--format", "json")
    assert (code, err) == (0, ""), err
    return json.loads(out)


def by_proposal(runner: CliRunner, root: Path, *args: str) -> Any:
    return json_of(runner, "summary", "--by", "proposal", "--data", str(root), *args)


def figures(doc: Any, key: str, year: int, *metrics: str) -> dict[str, Any]:
    """``metrics`` of the row ``key`` of a summary in ``year``."""
    (row,) = [r for r in doc["rows"] if r["key"] == key]
    return {m: row["years"][str(year)][m] for m in metrics}


def rows(doc: Any, metric: str, year: int) -> dict[str, int]:
    """``metric`` of each row of a summary in ``year``."""
    return {r["key"]: r["years"][str(year)][metric] for r in doc["rows"]}


def refusal(target: int, index: str, years: str, source: int = 2024) -> str:
    """The message of ``--prices`` when ``index`` lacks the step into ``years``."""
    return (
        f"--prices {target}: rules/prices.yaml has no {index} figure for the step into {years}, "
        f"which restating {index} amounts from {source} prices in {target} prices needs (a rate "
        "for the year, or an index for it and the year before)"
    )


# --- restated amounts --------------------------------------------------------------------------


def test_a_saving_restated_in_a_later_years_prices(runner: CliRunner, tmp_path: Path) -> None:
    """-1000 in 2024 prices is -1000 * 1.03 = -1030 in 2025 prices, in every year; FTE are
    no amounts: -1.5 stays -1.5."""
    root = write(tmp_path / "d", areas(), saving=SAVING)
    doc = by_proposal(runner, root, "--prices", "2025")
    metrics = (
        "savings",
        "investments",
        "net",
        "inside_service_frame",
        "outside_service_frame",
        "construction",
        "fte",
    )
    for year in (2024, 2025):
        assert figures(doc, "saving", year, *metrics) == {
            "savings": -1030,
            "investments": 0,
            "net": -1030,
            "inside_service_frame": -1030,
            "outside_service_frame": 0,
            "construction": 0,
            "fte": -1.5,
        }
    before = by_proposal(runner, root)
    assert rows(before, "net", 2025) == {"saving": -1000}
    assert rows(before, "fte", 2025) == rows(doc, "fte", 2025) == {"saving": -1.5}


def test_a_saving_restated_in_an_earlier_years_prices(runner: CliRunner, tmp_path: Path) -> None:
    """-1030 in 2025 prices is -1030 / 1.03 = -1000 in 2024 prices (the same file of
    figures: 2025's rate is the step between the two)."""
    root = write(tmp_path / "d", areas(2025), saving=SAVING.replace("-1000", "-1030"))
    doc = by_proposal(runner, root, "--prices", "2024")
    assert rows(doc, "net", 2024) == rows(doc, "net", 2025) == {"saving": -1000}
    assert doc["price_level"] == {"year": 2024, "restated_from": 2025}


def test_a_half_is_rounded_away_from_zero(runner: CliRunner, tmp_path: Path) -> None:
    """By a rate of 25 %: 10 -> 12.5 -> 13, -10 -> -13, 2 -> 2.5 -> 3, -2 -> -3, and
    1 -> 1.25 -> 1, -3 -> -3.75 -> -4 (each amount rounded once)."""
    prices = PRICES.replace("rate: 0.03", "rate: 0.25")
    amounts = {"p10": 10, "m10": -10, "p2": 2, "m2": -2, "p1": 1, "m3": -3}
    root = write(
        tmp_path / "d",
        areas(),
        prices,
        **{
            pid: reduction(pid, amount, "expansion" if amount > 0 else "reduction")
            for pid, amount in amounts.items()
        },
    )
    doc = by_proposal(runner, root, "--prices", "2025")
    assert rows(doc, "net", 2025) == {
        "m10": -13,
        "m2": -3,
        "m3": -4,
        "p1": 1,
        "p10": 13,
        "p2": 3,
    }
    assert rows(doc, "savings", 2025)["m10"] == -13
    assert rows(doc, "investments", 2025)["p10"] == 13


def test_a_construction_amount_by_the_construction_index(runner: CliRunner, tmp_path: Path) -> None:
    """5000 * 110 / 100 = 5500; the grant 10000 -> 11000; its running cost, an operating
    amount, by the service index: 50 * 1.03 = 51.5 -> 52."""
    root = write(tmp_path / "d", areas(), building=BUILDING)
    doc = by_proposal(runner, root, "--prices", "2025")
    assert rows(doc, "construction", 2024) == rows(doc, "construction", 2025) == {"building": 5500}
    assert rows(doc, "inside_service_frame", 2025) == {"building": 52}
    shown = json_of(runner, "show", "building", "--data", str(root), "--prices", "2025")
    assert shown["change"] == {
        "inside_service_frame": {"2025": 52},
        "outside_service_frame": {},
        "construction": {"2024": 5500, "2025": 5500},
    }
    assert shown["construction_grant"] == 11000


def test_the_totals_are_the_sums_of_the_rounded_rows(runner: CliRunner, tmp_path: Path) -> None:
    """-50 * 1.03 = -51.5 -> -52 twice is -104, not the -100 * 1.03 = -103 of the sum
    restated; 33 * 1.03 = 33.99 -> 34; -17 * 1.03 = -17.51 -> -18."""
    root = write(
        tmp_path / "d",
        areas(),
        a=reduction("a", -50),
        b=reduction("b", -50),
        c=reduction("c", 33, "expansion"),
        d=reduction("d", -17),
        building=BUILDING,
    )
    for by in ("proposal", "area", "kind"):
        doc = json_of(runner, "summary", "--by", by, "--data", str(root), "--prices", "2025")
        for year in ("2024", "2025"):
            total = doc["total"]["years"][year]
            for metric in ("savings", "investments", "net", "inside_service_frame"):
                assert total[metric] == sum(r["years"][year][metric] for r in doc["rows"])
    doc = by_proposal(runner, root, "--prices", "2025")
    assert rows(doc, "net", 2025) == {"a": -52, "b": -52, "c": 34, "d": -18, "building": 52}
    assert doc["total"]["years"]["2024"]["net"] == -52 - 52 + 34 - 18
    assert doc["total"]["years"]["2024"]["savings"] == -122
    assert doc["total"]["years"]["2025"]["construction"] == 5500


def test_the_title_says_the_price_level(runner: CliRunner, tmp_path: Path) -> None:
    root = write(tmp_path / "d", areas(), saving=SAVING)
    code, out, err = run(runner, "summary", "--data", str(root), "--prices", "2025")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == (
        "Testby Kommune · Budget 2024-2025 · 2024-2025 · 1.000 kr., "
        "2025 prices (restated from 2024 prices)"
    )
    assert "-1.030" in out
    doc = json_of(runner, "summary", "--data", str(root), "--prices", "2025")
    assert doc["price_level"] == {"year": 2025, "restated_from": 2024}
    plain = run(runner, "summary", "--data", str(root))[1]
    assert plain.splitlines()[0].endswith("· 1.000 kr., 2024 prices")
    assert json_of(runner, "summary", "--data", str(root))["price_level"] == {
        "year": 2024,
        "restated_from": None,
    }


# --- refusals ----------------------------------------------------------------------------------


def refused(runner: CliRunner, *args: str) -> str:
    """``budgetcli ARGS``, which must exit 2 with nothing on stdout: its message."""
    code, out, err = run(runner, *args)
    assert (code, out) == (2, "")
    assert err.startswith("budgetcli: error: ") and err.endswith("\n") and err.count("\n") == 1
    return err.removeprefix("budgetcli: error: ").removesuffix("\n")


def test_no_price_level_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    root = write(tmp_path / "d", areas(None), saving=SAVING)
    assert refused(runner, "summary", "--data", str(root), "--prices", "2025") == (
        "--prices 2025: areas.yaml states no price_level, so the prices the amounts are in "
        "are not known; add price_level: YEAR to areas.yaml"
    )


def test_no_prices_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    root = write(tmp_path / "d", areas(), None, saving=SAVING)
    assert refused(runner, "summary", "--data", str(root), "--prices", "2025") == (
        "--prices 2025: there is no rules/prices.yaml in the data folder to restate the "
        "amounts from 2024 prices by"
    )
    # the budget's own prices need no figures
    doc = by_proposal(runner, root, "--prices", "2024")
    assert rows(doc, "net", 2024) == {"saving": -1000}


def test_a_year_not_found_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    prices = PRICES.replace(
        "{year: 2025, rate: 0.03, source: made up}",
        "{year: 2025, not_found: true, source: looked for}",
    )
    root = write(tmp_path / "d", areas(), prices, saving=SAVING)
    assert refused(runner, "summary", "--data", str(root), "--prices", "2025") == (
        refusal(2025, "service", "2025")
    )


def test_years_missing_from_the_figures_are_refused(runner: CliRunner, tmp_path: Path) -> None:
    """Every year missing is named."""
    root = write(tmp_path / "d", areas(), saving=SAVING)
    assert refused(runner, "summary", "--data", str(root), "--prices", "2027") == (
        refusal(2027, "service", "2026, 2027")
    )


def test_an_index_without_the_year_before_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    """2025's construction index alone is no step from 2024: the construction amounts
    cannot be restated."""
    lonely = PRICES.replace("  - {year: 2024, index: 100, source: made up}\n", "")
    root = write(tmp_path / "d", areas(), lonely, building=BUILDING)
    assert refused(runner, "show", "building", "--data", str(root), "--prices", "2025") == (
        refusal(2025, "construction", "2025")
    )


def test_no_construction_amounts_need_no_construction_figures(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A budget with no construction amount (no construction proposal, no construction
    frame) is restated by the service index alone."""
    service_only = "service:\n  - {year: 2025, rate: 0.03, source: made up}\n"
    root = write(tmp_path / "d", areas(frame=None), service_only, saving=SAVING)
    doc = by_proposal(runner, root, "--prices", "2025")
    assert rows(doc, "net", 2025) == {"saving": -1030}


# --- show, frame -------------------------------------------------------------------------------


def test_show_restates_the_page(runner: CliRunner, tmp_path: Path) -> None:
    root = write(tmp_path / "d", areas(), saving=SAVING)
    code, out, err = run(runner, "show", "saving", "--data", str(root), "--prices", "2025")
    assert (code, err) == (0, "")
    assert "Prices  2025 prices (restated from 2024 prices)" in out.splitlines()
    assert "Economic consequences (1.000 kr.)" in out.splitlines()
    savings = next(line for line in out.splitlines() if line.startswith("Savings"))
    assert savings.split() == ["Savings", "-1.030", "-1.030"]
    change = next(line for line in out.splitlines() if line.startswith("Change"))
    assert change.split() == ["Change", "-1,5", "-1,5"]
    shown = json_of(runner, "show", "saving", "--data", str(root), "--prices", "2025")
    assert shown["change"]["inside_service_frame"] == {"2024": -1030, "2025": -1030}
    assert shown["staffing"]["change_fte"] == {"2024": -1.5, "2025": -1.5}


def test_frame_restates_the_frames_and_the_baseline(runner: CliRunner, tmp_path: Path) -> None:
    """Service by the service index (100000 -> 103000, 99000 -> 101970), construction by
    the construction index (20000 -> 22000, 15000 -> 16500), the proposals as summary does."""
    root = write(tmp_path / "d", areas(), saving=SAVING, building=BUILDING)
    doc = json_of(runner, "frame", "--data", str(root), "--prices", "2025")
    assert doc["price_level"] == {"year": 2025, "restated_from": 2024}
    service, construction = doc["frames"]
    assert (service["name"], construction["name"]) == ("service", "construction")
    assert service["years"]["2025"] == {
        "frame": 103000,
        "baseline": 101970,
        "decided": 52,
        "after_decided": 102022,
        "deviation_decided": -978,
        "undecided": -1030,
        "after": 100992,
        "deviation": -2008,
    }
    assert construction["years"]["2024"] == {
        "frame": 22000,
        "baseline": 16500,
        "decided": 5500,
        "after_decided": 22000,
        "deviation_decided": 0,
        "undecided": 0,
        "after": 22000,
        "deviation": 0,
    }
    as_stated = json_of(runner, "frame", "--data", str(root))
    assert as_stated["frames"][0]["years"]["2025"]["frame"] == 100000
    assert as_stated["frames"][1]["years"]["2024"]["baseline"] == 15000


# --- diff across price levels ------------------------------------------------------------------


def test_diff_of_two_price_levels_is_refused_unless_restated(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The same budget in 2024 prices and in 2025 prices: not compared as they stand;
    restated in 2025 prices, nothing differs (the 2025 side needs no figures)."""
    old = write(tmp_path / "old", areas(), saving=SAVING, building=BUILDING)
    new = write(
        tmp_path / "new",
        areas(2025, frame=(103000, 22000), baseline=(101970, 16500), budget=51500),
        None,
        saving=SAVING.replace("-1000", "-1030"),
        building=BUILDING.replace("5000", "5500")
        .replace("2025: 50}", "2025: 52}")
        .replace("10000", "11000"),
    )
    assert refused(runner, "diff", str(old), str(new)) == (
        "the two versions are in different prices (2024 and 2025 prices), and amounts in "
        "different prices are not compared as they stand: --prices YEAR restates both in one "
        "year's prices"
    )
    code, out, err = run(runner, "diff", str(old), str(new), "--prices", "2025", "--exit-code")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "no proposal changed; net 2024 -1.030 → -1.030 (0)"
    doc = json_of(runner, "diff", str(old), str(new), "--prices", "2025")
    assert doc["price_level"] == {"year": 2025, "restated_from": None}  # the new side's own
    assert doc["old_price_level"] == {"year": 2025, "restated_from": 2024}
    assert doc["counts"]["changed"] == doc["counts"]["added"] == doc["counts"]["removed"] == 0
    # in 2024 prices the new side has no figures to be restated by: the message names it
    assert refused(runner, "diff", str(old), str(new), "--prices", "2024") == (
        f"the new side ({new}): --prices 2024: there is no rules/prices.yaml in the data "
        "folder to restate the amounts from 2025 prices by"
    )


def test_diff_restated_shows_a_real_change(runner: CliRunner, tmp_path: Path) -> None:
    """A saving of 1000 in 2024 prices against one of 1100 in 2025 prices: in 2025 prices,
    -1030 -> -1100."""
    old = write(tmp_path / "old", areas(), saving=SAVING)
    new = write(
        tmp_path / "new",
        areas(2025, frame=(103000, 22000), baseline=(101970, 16500), budget=51500),
        None,
        saving=SAVING.replace("-1000", "-1100"),
    )
    code, _, err = run(runner, "diff", str(old), str(new), "--prices", "2025", "--exit-code")
    assert (code, err) == (1, "")
    doc = json_of(runner, "diff", str(old), str(new), "--prices", "2025")
    assert doc["counts"]["changed"] == 1
    code, out, _ = run(runner, "diff", str(old), str(new), "--prices", "2025")
    assert code == 0
    assert "-1.030 → -1.100 (-70)" in out


# --- the rounding, as a property ---------------------------------------------------------------

amounts = st.integers(min_value=-(10**12), max_value=10**12)
rates = st.fractions(min_value=Fraction(-99, 100), max_value=Fraction(1), max_denominator=10**6)


@given(amounts, rates)
def test_a_restated_amount_is_within_a_half_and_symmetric(amount: int, rate: Fraction) -> None:
    factor = 1 + rate
    r = Restatement(2024, 2025, factor, factor)
    for construction in (False, True):
        restated = r.amount(amount, construction)
        assert abs(restated - amount * factor) <= Fraction(1, 2)
        assert r.amount(-amount, construction) == -restated
    assert r.series({2024: amount, 2025: -amount}) == {2024: restated, 2025: -restated}


@given(st.fractions(min_value=-(10**9), max_value=10**9, max_denominator=10**4))
def test_half_up_is_within_a_half_and_symmetric(value: Fraction) -> None:
    rounded = half_up(value)
    assert rounded.denominator == 1
    assert abs(rounded - value) <= Fraction(1, 2)
    assert half_up(-value) == -rounded


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_half_up_takes_a_half_away_from_zero(whole: int) -> None:
    half = whole + Fraction(1, 2) if whole >= 0 else whole - Fraction(1, 2)
    assert half_up(half) == whole + (1 if whole >= 0 else -1)


# --- what a report that shows no frames needs, and what is said of it -------------------------

SERVICE_ONLY = "service:\n  - {year: 2025, rate: 0.03, source: made up}\n"


def test_a_report_without_frames_needs_no_index_for_them(runner: CliRunner, tmp_path: Path) -> None:
    """A construction frame, but no construction index and no construction amount: summary and
    show restate (they show no frame); frame cannot, and says which index it lacks."""
    root = write(tmp_path / "d", areas(), SERVICE_ONLY, saving=SAVING)
    doc = by_proposal(runner, root, "--prices", "2025")
    assert figures(doc, "saving", 2025, "net") == {"net": -1030}
    assert run(runner, "show", "saving", "--data", str(root), "--prices", "2025")[0] == 0
    code, _, err = run(runner, "frame", "--data", str(root), "--prices", "2025")
    assert (code, err) == (
        2,
        f"budgetcli: error: {refusal(2025, 'construction', '2025')}\n",
    )


def test_the_budgets_own_prices_are_not_restated_from_anything(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = write(tmp_path / "d", areas(), saving=SAVING)
    doc = by_proposal(runner, root, "--prices", "2024")
    assert doc["price_level"] == {"year": 2024, "restated_from": None}
    assert figures(doc, "saving", 2024, "net") == {"net": -1000}


def test_validate_warns_of_a_year_an_index_lacks(runner: CliRunner, tmp_path: Path) -> None:
    """A year with no entry (or an index without the year before's) between the price level
    and the budget's years: a warning naming the years; an index the file does not give at
    all is not warned of (a budget without such amounts needs none)."""
    prices = "service:\n  - {year: 2023, rate: 0.02, source: made up}\n"
    root = write(tmp_path / "d", areas(), prices, saving=SAVING)
    code, out, _ = run(runner, "validate", str(root), "--format", "json")
    assert code == 0
    assert [(p["rule"], p["message"]) for p in json.loads(out)["problems"]] == [
        (
            "prices-missing",
            "service has no figure for 2025 (a rate, or an index for the year and the year "
            "before): --prices cannot restate service amounts from 2024 prices across it; add "
            "each year's figure with its source, or not_found: true",
        )
    ]


def test_prices_is_a_year(runner: CliRunner, tmp_path: Path) -> None:
    """A year of 1900-2200, as every year of the format: no list of 2,000 missing years."""
    root = write(tmp_path / "d", areas(), saving=SAVING)
    code, _, err = run(runner, "summary", "--data", str(root), "--prices", "30000000")
    assert code == 2 and "--prices" in err and "1900" in err and "2200" in err


def test_only_the_statuses_counted_are_restated(runner: CliRunner, tmp_path: Path) -> None:
    """A construction proposal left out by --status needs no construction index."""
    root = write(tmp_path / "d", areas(frame=None), SERVICE_ONLY, saving=SAVING, building=BUILDING)
    doc = by_proposal(runner, root, "--prices", "2025", "--status", "proposed")
    assert rows(doc, "net", 2025) == {"saving": -1030}


def test_show_json_says_the_price_level(runner: CliRunner, tmp_path: Path) -> None:
    root = write(tmp_path / "d", areas(), saving=SAVING)
    doc = json_of(runner, "show", "saving", "--data", str(root), "--prices", "2025")
    assert doc["price_level"] == {"year": 2025, "restated_from": 2024}
    assert doc["change"]["inside_service_frame"] == {"2024": -1030, "2025": -1030}


# --- a figure no price index moves by -----------------------------------------------------------

#: a figure typed in per cent, an index with its point lost, and the one after it, and an
#: index that is the change in per cent
IMPLAUSIBLE = """\
service:
  - {year: 2024, rate: 0.03, source: made up}
  - {year: 2025, rate: 2.8, source: "2,8 pct."}
construction:
  - {year: 2021, index: 110.5, source: made up}
  - {year: 2022, index: 1126, source: made up}
  - {year: 2023, index: 115.0, source: made up}
  - {year: 2024, index: 2.8, source: made up}
  - {year: 2025, rate: -0.35, source: made up}
"""


def test_validate_warns_of_a_figure_no_index_moves_by(runner: CliRunner, tmp_path: Path) -> None:
    """``rate: 2.8`` (2.8 %) restated every amount by 3.8 without a word: a rate or an index
    step outside -20 %..+30 % a year is a warning that says what was probably meant."""
    root = write(tmp_path / "d", areas(), IMPLAUSIBLE, saving=SAVING)
    code, out, err = run(runner, "validate", str(root))
    at = f"{root}/rules/prices.yaml"
    assert (code, err) == (0, "3 files checked: 0 errors, 5 warnings\n")
    assert out.splitlines() == [
        f"{at}:3:18: warning: service: rate 2.8 for 2025 is +280 % a year; if 2.8 % was meant, "
        "write 0.028 [price-rate-implausible]",
        f"{at}:6:18: warning: construction: index 1126 for 2022 is +919 % from 110.5 for 2021; "
        "an index moves a few per cent a year: was 112.6 meant? [price-index-implausible]",
        f"{at}:7:18: warning: construction: index 115.0 for 2023 is -89.8 % from 1126 for "
        "2022; an index moves a few per cent a year: check the two figures "
        "[price-index-implausible]",
        f"{at}:8:18: warning: construction: index 2.8 for 2024 is -97.6 % from 115.0 for 2023; "
        "an index moves a few per cent a year: check the two figures [price-index-implausible]",
        f"{at}:9:18: warning: construction: rate -0.35 for 2025 is -35 % a year; if -0.35 % "
        "was meant, write -0.0035 [price-rate-implausible]",
    ]
    code, out, _ = run(runner, "validate", str(root), "--strict")
    assert code == 1


def test_an_index_that_is_the_change_in_per_cent_is_said_so(
    runner: CliRunner, tmp_path: Path
) -> None:
    prices = (
        "construction:\n  - {year: 2023, index: 115.0, source: made up}\n"
        "  - {year: 2024, index: 2.8, source: made up}\n"
        "  - {year: 2025, rate: 0.02, source: made up}\n"
    )
    root = write(tmp_path / "d", areas(), prices, saving=SAVING)
    code, out, _ = run(runner, "validate", str(root), "--format", "json")
    assert code == 0
    assert [(p["rule"], p["message"]) for p in json.loads(out)["problems"]] == [
        (
            "price-index-implausible",
            "construction: index 2.8 for 2024 is -97.6 % from 115.0 for 2023; an index moves a "
            "few per cent a year: if 2.8 % is the change from 2023, write rate: 0.028",
        )
    ]


def _steps(name: str, figures: list[PriceFigure]) -> list[str]:
    return [p.rule for p in implausible_steps(name, figures, Source("prices.yaml"))]


BAND = (Decimal("-0.2"), Decimal("0.3"))
#: rates the model takes (above -1), with up to six decimals
any_rate = st.decimals(min_value=Decimal("-0.999999"), max_value=1000, places=6)


@given(any_rate, st.sampled_from(["service", "construction"]))
def test_a_rate_in_the_band_is_quiet_and_one_outside_is_one_warning(
    rate: Decimal, name: str
) -> None:
    figures = [
        PriceFigure(2023, "made up", rate=Decimal("0.02")),
        PriceFigure(2024, "made up", rate=rate),
        PriceFigure(2025, "made up", index=Decimal(100)),  # no index the year before: no step
    ]
    expected = [] if BAND[0] <= rate <= BAND[1] else ["price-rate-implausible"]
    assert _steps(name, figures) == expected


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=10**6, places=2),
    st.decimals(min_value=Decimal("0.01"), max_value=10**6, places=2),
)
def test_an_index_step_in_the_band_is_quiet_and_one_outside_is_one_warning(
    before: Decimal, index: Decimal
) -> None:
    figures = [
        PriceFigure(2023, "made up", index=before),
        PriceFigure(2024, "made up", index=index),
    ]
    step = Fraction(index) / Fraction(before) - 1
    inside = Fraction(BAND[0]) <= step <= Fraction(BAND[1])
    assert _steps("construction", figures) == ([] if inside else ["price-index-implausible"])


def test_the_band_is_inclusive() -> None:
    for rate in ("-0.2", "0.3"):
        assert _steps("service", [PriceFigure(2024, "x", rate=Decimal(rate))]) == []
    for rate in ("-0.2000001", "0.3000001"):
        assert _steps("service", [PriceFigure(2024, "x", rate=Decimal(rate))]) == [
            "price-rate-implausible"
        ]
    pair = [PriceFigure(2023, "x", index=Decimal(100)), PriceFigure(2024, "x", index=Decimal(130))]
    assert _steps("construction", pair) == []
