"""Rendering: one colour rule everywhere, one source of rows per table, the diff's deltas add up,
and ``show`` in every format it lists."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console, RenderableType
from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.core.calc import METRICS, Figures, proposal_figures
from budgetcli.core.domain import Budget, Change, Proposal
from budgetcli.core.forecasting import compute, run
from budgetcli.core.vocab import Status
from budgetcli.store.load import load_checked
from budgetcli.text.diff import DIFF
from budgetcli.text.forecast import FORECASTS, forecasts_csv, forecasts_markdown, forecasts_plain
from budgetcli.text.i18n import DEFAULT_READING
from budgetcli.text.layout import tone
from budgetcli.text.page import page_blocks, proposal_page
from budgetcli.text.rich import EXPENSE, SAVING, view
from budgetcli.text.summary import SUMMARY

from .conftest import DATA, agreement
from .oracles import diff_budgets, summarize

pytestmark = pytest.mark.store

GREEN, RED = "\x1b[32m", "\x1b[31m"


def colours(renderable: RenderableType) -> dict[str, set[str]]:
    """Each figure drawn (ANSI codes stripped) with the colours it was drawn in."""
    console = Console(width=200, color_system="truecolor", force_terminal=True)
    with console.capture() as capture:
        console.print(renderable)
    found: dict[str, set[str]] = {}
    for codes, text in re.findall(r"\x1b\[([0-9;]*)m([^\x1b]*)", capture.get()):
        colour = {"32": "green", "31": "red"}.get(codes.split(";")[-1], "none")
        found.setdefault(text.strip(), set()).add(colour)
    for word in re.sub(r"\x1b\[[0-9;]*m", "", capture.get()).split():
        found.setdefault(word, {"none"})  # drawn without any colour code
    return found


def budget(folder: Path = DATA) -> Budget:
    b = load_checked(folder, use_cache=False).budget
    assert b is not None
    return b


def test_the_colour_rule() -> None:
    assert (SAVING, EXPENSE) == ("green", "red")
    assert [tone(c) for c in ("-1.200", "750", "0", "-4,9", "", "-500 → -550 (-50)")] == [
        -1, 1, 0, -1, 0, -1,
    ]  # fmt: skip
    assert [tone(c) for c in ("0 → 200 (+200)", "-1 → -1 (0)", "+13 in, -9 out", "B60")] == [
        1, 0, 0, 0,
    ]  # fmt: skip


def test_summary_colours_a_saving_green_and_an_expense_red() -> None:
    s = summarize(budget(), years=[2024])
    drawn = colours(SUMMARY.view(s, DEFAULT_READING, 200))
    assert drawn["-2.100"] == {"green"}  # a saving
    assert drawn["750"] == {"red"}  # an investment: more expense
    assert drawn["0"] == {"none"}


def test_show_colours_changes_and_not_levels() -> None:
    b = budget()
    p = next(lp.proposal for lp in b.proposals if lp.proposal.id == "kaerbo-velfaerdsteknologi")
    figures = {y: proposal_figures(p, y) for y in b.meta.years}
    drawn = colours(
        view(page_blocks(proposal_page(p, b.meta.years, figures, b.meta.unit, ["B60.30.10"])), None)
    )
    assert drawn["-1.100"] == {"green"}
    assert drawn["500"] == {"red"}  # the investment component
    assert drawn["105.769"] == {"none"}  # the operating budget is a level


def test_diff_colours_the_delta() -> None:
    d = diff_budgets(budget(), budget(_okt()))
    drawn = colours(DIFF.view(d, DEFAULT_READING, 200))
    assert drawn["-500 → -550 (-50)"] == {"green"}  # more saving
    assert drawn["-500 → 0 (+500)"] == {"red"}  # the saving rejected: more expense


def test_forecast_colours_the_overspend_only() -> None:
    b = budget()
    f = next(f for f in b.forecasts if f.forecast.id == "voksenspecialiseret-2024").forecast
    drawn = colours(FORECASTS.view([(run(f, b.refusion_rules), None)], DEFAULT_READING, 200))
    assert drawn["4.956"] == {"red"}  # overspend
    assert drawn["-7.945"] == {"green"}  # underspend
    assert drawn["145.659"] == {"none"}  # the forecast is a level


# --- forecast scenarios: one source of rows ---------------------------------------------------


def _sample() -> tuple[object, object]:
    b = budget()
    f = next(f for f in b.forecasts if f.forecast.id == "eksempel-sagsregister-2024").forecast
    return f, b.refusion_rules


def test_a_scenario_shown_is_never_labelled_base(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["forecast", "eksempel-sagsregister-2024", "--scenario", "high", "--data", str(DATA)]
    )
    assert result.exit_code == 0
    rows = [line.split() for line in result.stdout.splitlines()[-6:]]
    assert ["high", "104.013", "9.317", "5.163"] in rows
    assert not any(row[:1] == ["base"] and row[1:] != ["101.013", "6.317", "2.163"] for row in rows)


def test_every_format_has_the_same_scenario_rows() -> None:
    """With the base case known beside the scenario shown, table, Markdown and CSV agree."""
    from dataclasses import replace

    f, rules = _sample()
    shown = run(f, rules, "high")  # type: ignore[arg-type]
    base = compute(f, rules)  # type: ignore[arg-type]
    r = replace(shown, scenarios={"base": base, **shown.scenarios})
    results = [(r, "high")]
    plain = forecasts_plain(results)
    assert re.search(r"^base +101\.013 +6\.317 +2\.163$", plain, re.M)
    assert re.search(r"^high +104\.013 +9\.317 +5\.163$", plain, re.M)
    assert "| base | 101.013 | 6.317 | 2.163 |" in forecasts_markdown(results)
    totals = [row for row in csv.reader(io.StringIO(forecasts_csv(results))) if row[2] == "total"]
    assert [(row[1], row[5]) for row in totals] == [
        ("high", "104013"),
        ("base", "101013"),
        ("low", "99038"),
    ]


# --- diff: the deltas add up ------------------------------------------------------------------


def _okt(tmp: list[Path] = []) -> Path:  # noqa: B006 - made once per run
    if not tmp:
        import tempfile

        root = Path(tempfile.mkdtemp()) / "okt"
        shutil.copytree(DATA, root)
        agreement(root)
        tmp.append(root)
    return tmp[0]


def test_a_rejected_proposal_leaves_the_totals_by_its_amount(runner: CliRunner) -> None:
    d = diff_budgets(budget(), budget(_okt()))
    rejected = next(p for p in d.proposals if p.id == "plejecenter-tvaerfagligt-samarbejde")
    assert rejected.counted == (True, False)
    assert rejected.years[2024][0].net == -500 and rejected.years[2024][1] == Figures()
    result = runner.invoke(app, ["diff", str(DATA), str(_okt())])
    assert (
        "plejecenter-tvaerfagligt-samarbejde         changed; status proposed → rejected; "
        "leaves the totals  Savings                     -500 → 0 (+500)" in result.stdout
    )
    assert "                       Inside frame   -1.350 → -1.400 (-50)" in result.stdout
    doc = json.loads(runner.invoke(app, ["diff", str(DATA), str(_okt()), "-f", "json"]).stdout)
    entry = next(p for p in doc["proposals"] if p["id"] == rejected.id)
    assert entry["counted"] == {"old": True, "new": False}
    assert entry["years"]["2024"]["net"] == {"old": -500, "new": 0, "delta": 500}


_status = st.sampled_from(list(Status))
_side = st.tuples(_status, st.integers(-900, 900), st.integers(-900, 900))


@settings(deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _side), st.one_of(st.none(), _side)), max_size=6))
def test_the_proposals_deltas_add_up_to_the_totals(
    pairs: list[tuple[tuple[Status, int, int] | None, tuple[Status, int, int] | None]],
) -> None:
    from dataclasses import replace

    from budgetcli.core.diagnostics import Source
    from budgetcli.core.domain import Area, LoadedProposal

    seed = budget()
    meta = replace(seed.meta, years=[2024, 2025], areas=[Area("A1", "U")])

    def make(side: int) -> Budget:
        proposals = []
        for i, pair in enumerate(pairs):
            one = pair[side]
            if one is not None:
                status, a, b = one
                one_p = Proposal(f"p{i}", f"T{i}", status, ["A1"], Change({2024: a, 2025: b}))
                proposals.append(LoadedProposal(one_p, Source(f"p{i}.yaml"), f"p{i}"))
        return replace(seed, meta=meta, proposals=tuple(proposals))

    d = diff_budgets(make(0), make(1))
    for year in meta.years:
        for m in METRICS:
            deltas = sum(
                getattr(p.years[year][1], m) - getattr(p.years[year][0], m) for p in d.proposals
            )
            old, new = d.total[year]
            assert deltas == getattr(new, m) - getattr(old, m)


# --- show in every format ---------------------------------------------------------------------


def test_show_piped_is_plain_characters(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "plejecenter-sygefravaer", "--data", str(DATA)])
    assert result.exit_code == 0
    out = result.stdout
    assert "─" not in out and "•" not in out
    assert "- The document gives the PSP amounts without a sign" in out
    assert "Inside the service frame    -1.200   -1.200  -1.200  -1.200" in out
    assert "Id         plejecenter-sygefravaer" in out


def test_show_csv_has_a_line_per_year(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["show", "plejecenter-sygefravaer", "-f", "csv", "--data", str(DATA)]
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == "id,title,year,savings,investments,net,inside_service_frame,outside_service_frame,"
        "construction,fte"
    )
    assert len(lines) == 5
    assert lines[1].startswith("plejecenter-sygefravaer,")
    assert lines[1].endswith(",2024,-1200,0,-1200,-1200,0,0,-2.6")


def test_show_markdown(runner: CliRunner) -> None:
    b = budget()
    p = next(lp.proposal for lp in b.proposals if lp.proposal.id == "plejecenter-sygefravaer")
    from budgetcli.text.page import proposal_markdown

    page = proposal_page(
        p, b.meta.years, {y: proposal_figures(p, y) for y in b.meta.years}, b.meta.unit, []
    )
    text = proposal_markdown(page)
    assert "| Total | -1.200 | -1.200 | -1.200 | -1.200 |" in text
    assert "| Id | plejecenter-sygefravaer |" in text
