"""Issue 14's checks, end to end: the kinds of proposal and their construction amounts, the
frames and their baseline, the price level and ``rules/prices.yaml``, each through a real data
folder and ``budgetcli validate``; the bundled data unchanged by them; the schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from .conftest import DATA, run

pytestmark = pytest.mark.store

AREAS = """\
municipality: Testby Kommune
title: Budget 2024-2025
years: [2024, 2025]
unit: 1000 DKK
{extra}areas:
  - {{code: A1, committee: Udvalg A}}
"""

#: a proposal that raises no problem, to stand beside the one a test is about
QUIET = (
    "id: quiet\ntitle: Quiet\nstatus: proposed\nareas: [A1]\nchange: {inside_service_frame: -10}\n"
)


def areas(extra: str = "") -> str:
    """``areas.yaml`` of two years and one area; ``extra``: top-level lines before ``areas:``."""
    return AREAS.format(extra=extra)


def proposal(pid: str, **fields: str) -> str:
    """A proposal file: ``id``, ``title``, ``status`` and ``areas`` given, ``fields`` after."""
    lines = {"id": pid, "title": "Test", "status": "proposed", "areas": "[A1]", **fields}
    return "".join(f"{k}: {v}\n" for k, v in lines.items())


def write(
    root: Path, areas_yaml: str = areas(), prices: str | None = None, **proposals: str
) -> Path:
    """A data folder at ``root``: ``areas.yaml``, ``proposals/<stem>.yaml`` for each of
    ``proposals`` (one that raises nothing if none is given), ``rules/prices.yaml`` if given."""
    (root / "proposals").mkdir(parents=True)
    (root / "areas.yaml").write_text(areas_yaml, encoding="utf-8")
    for stem, text in (proposals or {"quiet": QUIET}).items():
        (root / "proposals" / f"{stem}.yaml").write_text(text, encoding="utf-8")
    if prices is not None:
        (root / "rules").mkdir()
        (root / "rules" / "prices.yaml").write_text(prices, encoding="utf-8")
    return root


def validate(runner: CliRunner, root: Path) -> tuple[int, list[tuple[str, str, str, str]]]:
    """``budgetcli validate ROOT --format json``: the exit code and each problem as (file
    relative to ``root``, severity, rule, message)."""
    code, out, err = run(runner, "validate", str(root), "--format", "json")
    assert err == ""
    doc = json.loads(out)
    found = [
        (
            Path(p["path"]).relative_to(root).as_posix(),
            p["severity"],
            p["rule"],
            p["message"],
        )
        for p in doc["problems"]
    ]
    assert (doc["errors"], doc["warnings"]) == (
        sum(p[1] == "error" for p in found),
        sum(p[1] == "warning" for p in found),
    )
    return code, found


# --- construction-kind, no-construction, construction-grant ------------------------------------


def test_construction_amounts_on_a_proposal_without_a_kind_are_an_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Construction amounts belong to kind: construction; a file that gives no kind is a
    reduction, and the message says so."""
    root = write(
        tmp_path / "d",
        p1=proposal("p1", change="{inside_service_frame: -10, construction: {2024: 500}}"),
    )
    assert validate(runner, root) == (
        1,
        [
            (
                "proposals/p1.yaml",
                "error",
                "construction-kind",
                "change.construction holds construction amounts, which only a proposal of "
                "kind: construction has (this one is kind: reduction): set kind: construction, "
                "or write the amounts as operating figures",
            )
        ],
    )


def test_construction_amounts_on_an_expansion_name_its_kind(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "d",
        p1=proposal("p1", kind="expansion", change="{inside_service_frame: 10, construction: 500}"),
    )
    code, found = validate(runner, root)
    assert code == 1
    assert [(rule, message) for _, _, rule, message in found] == [
        (
            "construction-kind",
            "change.construction holds construction amounts, which only a proposal of "
            "kind: construction has (this one is kind: expansion): set kind: construction, "
            "or write the amounts as operating figures",
        )
    ]


def test_construction_amounts_of_zero_are_no_construction_amounts(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A year of 0 spends nothing: a reduction may write it."""
    root = write(
        tmp_path / "d",
        p1=proposal("p1", change="{inside_service_frame: -10, construction: {2024: 0}}"),
    )
    assert validate(runner, root) == (0, [])


def test_a_construction_grant_on_a_technical_correction_is_an_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "d",
        p1=proposal(
            "p1",
            kind="technical",
            change="{inside_service_frame: 10}",
            construction_grant="25000",
        ),
    )
    assert validate(runner, root) == (
        1,
        [
            (
                "proposals/p1.yaml",
                "error",
                "construction-kind",
                "construction_grant is the grant of a construction project, which only a "
                "proposal of kind: construction has (this one is kind: technical)",
            )
        ],
    )


def test_a_construction_proposal_without_construction_amounts_is_an_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    """No construction amounts is an error (the example names the first budget year);
    amounts written as 0 only are still to fill in (as `budgetcli new` writes them)."""
    message = (
        "a proposal of kind: construction has no construction amounts: add them per year as "
        "change.construction (e.g. {2024: 5000})"
    )
    root = write(
        tmp_path / "d",
        none=proposal("none", kind="construction", change="{inside_service_frame: 100}"),
        zero=proposal("zero", kind="construction", change="{construction: {2025: 0}}"),
    )
    assert validate(runner, root) == (
        1,
        [
            ("proposals/none.yaml", "error", "no-construction", message),
            (
                "proposals/zero.yaml",
                "warning",
                "to-fill-in",
                "the construction amounts are 0 in every year: fill them in (rådighedsbeløb)",
            ),
        ],
    )


def test_a_grant_other_than_the_sum_of_the_budget_years_is_a_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The message names the years summed and their sum; a grant equal to it says nothing."""
    root = write(
        tmp_path / "d",
        runs_on=proposal(
            "runs_on",
            kind="construction",
            change="{construction: {2024: 100, 2025: 200}}",
            construction_grant="500",
        ),
        equal=proposal(
            "equal",
            kind="construction",
            change="{inside_service_frame: {2025: 30}, construction: {2024: 100, 2025: 200}}",
            construction_grant="300",
        ),
    )
    assert validate(runner, root) == (
        0,
        [
            (
                "proposals/runs_on.yaml",
                "warning",
                "construction-grant",
                "construction_grant 500 differs from the construction amounts of the budget "
                "years 2024-2025, which add up to 300 (right if the project runs on after the "
                "budget's years)",
            )
        ],
    )


# --- kind-sign ---------------------------------------------------------------------------------


def test_a_reduction_with_a_positive_net_is_a_warning_with_or_without_kind(
    runner: CliRunner, tmp_path: Path
) -> None:
    """The net is inside + outside the service frame; only the years where it is positive are
    named (2024: -5 + 7 = 2)."""
    change = "{inside_service_frame: {2024: -5, 2025: 10}, outside_service_frame: {2024: 7}}"
    message = (
        "a reduction whose net change is positive (2024: 2, 2025: 10): a reduction lowers "
        "expenses; is it kind: expansion (or technical)?"
    )
    root = write(
        tmp_path / "d",
        default=proposal("default", change=change),
        said=proposal("said", kind="reduction", change=change),
        one_year=proposal("one_year", change="{inside_service_frame: {2024: -5, 2025: 3}}"),
    )
    assert validate(runner, root) == (
        0,
        [
            ("proposals/default.yaml", "warning", "kind-sign", message),
            (
                "proposals/one_year.yaml",
                "warning",
                "kind-sign",
                "a reduction whose net change is positive (2025: 3): a reduction lowers "
                "expenses; is it kind: expansion (or technical)?",
            ),
            ("proposals/said.yaml", "warning", "kind-sign", message),
        ],
    )


def test_an_expansion_with_a_negative_net_is_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    root = write(
        tmp_path / "d",
        p1=proposal("p1", kind="expansion", change="{inside_service_frame: {2024: -5, 2025: 10}}"),
        up=proposal("up", kind="expansion", change="{inside_service_frame: 10}"),
    )
    assert validate(runner, root) == (
        0,
        [
            (
                "proposals/p1.yaml",
                "warning",
                "kind-sign",
                "an expansion whose net change is negative (2024: -5): an expansion raises "
                "expenses; is it kind: reduction (or technical)?",
            )
        ],
    )


def test_a_technical_correction_of_either_sign_gets_no_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "d",
        up=proposal("up", kind="technical", change="{inside_service_frame: 10}"),
        down=proposal("down", kind="technical", change="{outside_service_frame: -10}"),
        both=proposal(
            "both", kind="technical", change="{inside_service_frame: {2024: -5, 2025: 5}}"
        ),
    )
    assert validate(runner, root) == (0, [])


def test_a_warning_in_the_text_format(runner: CliRunner, tmp_path: Path) -> None:
    """The text format: path:line:col: severity: message [rule], the count on stderr."""
    root = write(
        tmp_path / "d", p1=proposal("p1", kind="expansion", change="{inside_service_frame: -5}")
    )
    code, out, err = run(runner, "validate", str(root))
    assert code == 0
    assert out == (
        f"{root / 'proposals' / 'p1.yaml'}:6:1: warning: an expansion whose net change is "
        "negative (2024: -5, 2025: -5): an expansion raises expenses; is it kind: reduction "
        "(or technical)? [kind-sign]\n"
    )
    assert err == "2 files checked: 0 errors, 1 warning\n"  # areas.yaml and p1


# --- components-sum on a construction proposal --------------------------------------------------

BUILDING = "{inside_service_frame: {2025: 10}, construction: {2024: 100}}"


def test_components_holding_the_construction_amounts_get_the_hint(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Components equal to the operating net plus the construction amounts: the construction
    amounts were put into them."""
    root = write(
        tmp_path / "d",
        p1=proposal(
            "p1",
            kind="construction",
            change=BUILDING,
            components="[{type: investment, label: Drift, amounts: {2024: 100, 2025: 10}}]",
        ),
    )
    assert validate(runner, root) == (
        1,
        [
            (
                "proposals/p1.yaml",
                "error",
                "components-sum",
                "inside + outside the service frame must equal the sum of the components; "
                "2024: change 0, components 100; the components are operating figures "
                "(savings and investments): leave the construction amounts out of them",
            )
        ],
    )


def test_components_off_by_other_amounts_get_no_hint(runner: CliRunner, tmp_path: Path) -> None:
    root = write(
        tmp_path / "d",
        p1=proposal(
            "p1",
            kind="construction",
            change=BUILDING,
            components="[{type: investment, label: Drift, amounts: {2024: 40, 2025: 10}}]",
        ),
    )
    assert validate(runner, root) == (
        1,
        [
            (
                "proposals/p1.yaml",
                "error",
                "components-sum",
                "inside + outside the service frame must equal the sum of the components; "
                "2024: change 0, components 40",
            )
        ],
    )


def test_components_equal_to_the_operating_net_alone_are_right(
    runner: CliRunner, tmp_path: Path
) -> None:
    root = write(
        tmp_path / "d",
        p1=proposal(
            "p1",
            kind="construction",
            change=BUILDING,
            components="[{type: investment, label: Drift, amounts: {2025: 10}}]",
        ),
    )
    assert validate(runner, root) == (0, [])


# --- areas.yaml: frames, baseline, price_level ---------------------------------------------------


def test_a_frame_or_baseline_gives_every_budget_year(runner: CliRunner, tmp_path: Path) -> None:
    """A year left out is not a frame of 0 (which would put the budget over it)."""
    extra = "frames:\n  service: {2024: 1000}\nbaseline:\n  service: 900\n"
    root = write(tmp_path / "d", areas(extra))
    assert validate(runner, root) == (
        1,
        [
            (
                "areas.yaml",
                "error",
                "frame-years",
                "frames.service has no figure for 2025: give every budget year (a number alone "
                "is every year's), or the position of those years is not known",
            )
        ],
    )


def test_a_frame_needs_its_baseline_and_a_baseline_its_frame(
    runner: CliRunner, tmp_path: Path
) -> None:
    extra = "frames:\n  service: 1000\nbaseline:\n  construction: 10\n"
    root = write(tmp_path / "d", areas(extra))
    assert validate(runner, root) == (
        1,
        [
            (
                "areas.yaml",
                "error",
                "frame-baseline",
                "frames.service is given, baseline.service is not: the frame position needs "
                "the budget inside the frame before the proposals too (add baseline: service: …)",
            ),
            (
                "areas.yaml",
                "error",
                "frame-baseline",
                "baseline.construction is given, frames.construction is not: add the frame it "
                "is held to (frames: construction: …), or leave the baseline out",
            ),
        ],
    )


def test_frames_and_baseline_in_pairs_are_valid(runner: CliRunner, tmp_path: Path) -> None:
    extra = (
        "price_level: 2024\n"
        "frames: {service: 1000, construction: {2024: 50, 2025: 60}}\n"
        "baseline: {service: 990, construction: 40}\n"
    )
    assert validate(runner, write(tmp_path / "d", areas(extra))) == (0, [])


def test_a_frames_year_outside_the_budget_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    extra = "frames:\n  service: {2024: 1000, 2026: 1000}\nbaseline:\n  service: 990\n"
    assert validate(runner, write(tmp_path / "d", areas(extra))) == (
        1,
        [
            (
                "areas.yaml",
                "error",
                "year-outside-budget",
                "frames.service: year 2026 is not a year of the budget (2024-2025)",
            )
        ],
    )


def test_a_price_level_must_be_a_whole_number(runner: CliRunner, tmp_path: Path) -> None:
    text = write(tmp_path / "text", areas('price_level: "2024"\n'))
    assert validate(runner, text) == (
        1,
        [
            (
                "areas.yaml",
                "error",
                "number-type",
                "price_level: expected a whole number, got the text '2024' (a number is "
                "written without quotes: write 2024)",
            )
        ],
    )
    fraction = write(tmp_path / "fraction", areas("price_level: 20.5\n"))
    assert validate(runner, fraction) == (
        1,
        [("areas.yaml", "error", "number-type", "price_level: expected a whole number, got 20.5")],
    )


def test_a_price_level_must_be_a_year(runner: CliRunner, tmp_path: Path) -> None:
    root = write(tmp_path / "d", areas("price_level: 1800\n"))
    assert validate(runner, root) == (
        1,
        [
            (
                "areas.yaml",
                "error",
                "greater-than-equal",
                "price_level: expected greater than or equal to 1900",
            )
        ],
    )


# --- rules/prices.yaml -------------------------------------------------------------------------


def test_a_year_given_twice_in_an_index_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    prices = (
        "service:\n"
        "  - {year: 2025, rate: 0.03, source: one}\n"
        "  - {year: 2025, rate: 0.04, source: two}\n"
        "construction:\n"
        "  - {year: 2024, index: 100, source: one}\n"
        "  - {year: 2025, index: 110, source: one}\n"
        "  - {year: 2024, index: 101, source: two}\n"
    )
    root = write(tmp_path / "d", prices=prices)
    assert validate(runner, root) == (
        1,
        [
            (
                "rules/prices.yaml",
                "error",
                "duplicate-price-year",
                "service: 2025 is given twice (also service[0]): keep one",
            ),
            (
                "rules/prices.yaml",
                "error",
                "duplicate-price-year",
                "construction: 2024 is given twice (also construction[0]): keep one",
            ),
        ],
    )


NOT_FOUND = "".join(
    f"  - {{year: {y}, not_found: true, source: looked in X for {y}}}\n"
    for y in (2021, 2022, 2023, 2024, 2025, 2026)
)


def not_found(name: str, year: int, level: int) -> tuple[str, str, str, str]:
    return (
        "rules/prices.yaml",
        "warning",
        "prices-not-found",
        f"no {name} figure for {year} (looked in X for {year}): --prices cannot restate "
        f"{name} amounts from {level} prices across {year}",
    )


def test_a_figure_not_found_is_a_warning_only_where_restating_crosses_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    """In 2024 prices, a budget of 2024-2025 is restated in its years' prices across 2025
    only: 2024's figure is the step into 2024, not needed, nor 2026's."""
    root = write(
        tmp_path / "d",
        areas("price_level: 2024\n"),
        prices=f"service:\n{NOT_FOUND}construction:\n{NOT_FOUND}",
    )
    assert validate(runner, root) == (
        0,
        [not_found("service", 2025, 2024), not_found("construction", 2025, 2024)],
    )


def test_a_price_level_before_the_budget_crosses_the_years_between(
    runner: CliRunner, tmp_path: Path
) -> None:
    """In 2022 prices, restating in 2025's prices crosses 2023, 2024 and 2025."""
    root = write(tmp_path / "d", areas("price_level: 2022\n"), prices=f"service:\n{NOT_FOUND}")
    assert validate(runner, root) == (
        0,
        [not_found("service", y, 2022) for y in (2023, 2024, 2025)],
    )


def test_a_figure_found_is_no_warning(runner: CliRunner, tmp_path: Path) -> None:
    prices = (
        "service:\n"
        "  - {year: 2024, not_found: true, source: not needed}\n"
        "  - {year: 2025, rate: 0.03, source: found}\n"
    )
    root = write(tmp_path / "d", areas("price_level: 2024\n"), prices=prices)
    assert validate(runner, root) == (0, [])


def test_no_price_level_no_warning_for_figures_not_found(runner: CliRunner, tmp_path: Path) -> None:
    root = write(tmp_path / "d", prices=f"service:\n{NOT_FOUND}construction:\n{NOT_FOUND}")
    assert validate(runner, root) == (0, [])


def test_a_price_figure_gives_one_of_index_rate_and_not_found(
    runner: CliRunner, tmp_path: Path
) -> None:
    prices = (
        "service:\n"
        "  - {year: 2025, index: 110, rate: 0.1, source: both}\n"
        "construction:\n"
        "  - {year: 2025, source: none}\n"
        "  - {year: 2024, rate: 0.02, not_found: true, source: rate and not found}\n"
    )
    root = write(tmp_path / "d", areas("price_level: 2024\n"), prices=prices)
    give = (
        "give one of index (the level), rate (the change from the year before) or "
        "not_found: true (and say in source where it was looked for)"
    )
    assert validate(runner, root) == (
        1,
        [
            (
                "rules/prices.yaml",
                "error",
                "price-figure",
                f"service[0]: {give}; got index and rate",
            ),
            ("rules/prices.yaml", "error", "price-figure", f"construction[0]: {give}"),
            ("rules/prices.yaml", "error", "price-figure", f"construction[1]: {give}; got rate"),
        ],
    )


# --- the bundled data ----------------------------------------------------------------------------


def test_the_bundled_data_still_has_its_three_warnings(runner: CliRunner) -> None:
    code, out, err = run(runner, "validate", str(DATA), "--format", "json")
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert (doc["valid"], doc["errors"], doc["warnings"]) == (True, 0, 3)
    assert [(Path(p["path"]).name, p["rule"]) for p in doc["problems"]] == [
        ("eksempel-sagsregister-2024.yaml", "refusion-rules-year"),
        ("botilbud-opfoelgning.yaml", "area-budget-mismatch"),
        ("kaerbo-velfaerdsteknologi.yaml", "allocations-sum"),
    ]


def test_every_bundled_proposal_is_a_reduction(runner: CliRunner) -> None:
    ids = sorted(path.stem for path in (DATA / "proposals").glob("*.yaml"))
    assert len(ids) == 11
    kinds = {}
    for pid in ids:
        code, out, err = run(runner, "show", pid, "--data", str(DATA), "--format", "json")
        assert (code, err) == (0, "")
        kinds[pid] = json.loads(out)["kind"]
    assert kinds == dict.fromkeys(ids, "reduction")


# --- the schemas -------------------------------------------------------------------------------


def schema(runner: CliRunner, kind: str) -> dict[str, Any]:
    code, out, err = run(runner, "schema", kind)
    assert (code, err) == (0, "")
    doc: dict[str, Any] = json.loads(out)
    return doc


def resolve(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with its ``$ref`` (``#/$defs/Name``), or the one non-null branch of its
    ``anyOf``, followed."""
    while True:
        if "$ref" in node:
            node = doc["$defs"][node["$ref"].removeprefix("#/$defs/")]
        elif "anyOf" in node:
            (node,) = [branch for branch in node["anyOf"] if branch.get("type") != "null"]
        else:
            return node


def test_the_proposal_schema_has_the_kinds_and_the_construction_fields(runner: CliRunner) -> None:
    doc = schema(runner, "proposal")
    props = doc["properties"]
    assert props["kind"]["default"] == "reduction"
    assert resolve(doc, props["kind"])["enum"] == [
        "reduction",
        "expansion",
        "construction",
        "technical",
    ]
    assert "kind" not in doc["required"]
    assert props["construction_grant"]["anyOf"] == [{"type": "integer"}, {"type": "null"}]
    change = resolve(doc, props["change"])
    construction = change["properties"]["construction"]
    assert construction["anyOf"] == [
        {"type": "integer"},
        {"additionalProperties": {"type": "integer"}, "type": "object"},
    ]
    assert "kind: construction only" in construction["description"]


def test_the_areas_schema_has_the_price_level_frames_and_baseline(runner: CliRunner) -> None:
    doc = schema(runner, "areas")
    props = doc["properties"]
    assert resolve(doc, props["price_level"])["type"] == "integer"
    for name in ("frames", "baseline"):
        frames = resolve(doc, props[name])
        assert set(frames["properties"]) == {"service", "construction"}
        assert name not in doc["required"]


def test_the_prices_schema(runner: CliRunner) -> None:
    doc = schema(runner, "prices")
    assert doc["title"] == "budgetcli price indexes"
    assert set(doc["properties"]) == {"service", "construction"}
    figure = resolve(doc, doc["properties"]["service"]["items"])
    assert set(figure["properties"]) == {"year", "index", "rate", "not_found", "source"}
    assert set(figure["required"]) == {"year", "source"}
