"""The bundled data against the source documents' own figures.

Every number here is read off "Rådighedsforslag til budget 2024-2027" (Social- og
Sundhedsudvalget, Ishøj Kommune, 22 June 2023), in 1.000 kr.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetcli.core.calc import proposal_figures
from budgetcli.core.domain import Budget
from budgetcli.core.vocab import GroupBy, Status
from budgetcli.store.load import load_checked

from .conftest import DATA
from .oracles import summarize

YEARS = (2024, 2025, 2026, 2027)

# id: (I alt per year, savings per year, investments per year, FTE change, FTE now, status)
DOCUMENT = {
    "hjemmepleje-styring": ((-600,) * 4, (-600,) * 4, (0,) * 4, "-1.3", "110", "proposed"),
    "hjaelpemidler-myndighed-opfoelgning": (
        (-500,) * 4,
        (-1000,) * 4,
        (500,) * 4,
        "1",
        "4.5",
        "proposed",
    ),
    "plejecenter-sygefravaer": ((-1200,) * 4, (-1200,) * 4, (0,) * 4, "-2.6", "16", "proposed"),
    "kaerbo-velfaerdsteknologi": (
        (-1100, -1600, -1600, -1600),
        (-1700,) * 4,
        (600, 100, 100, 100),
        "-3.5",
        "109",
        "proposed",
    ),
    "plejecenter-tvaerfagligt-samarbejde": (
        (-500,) * 4,
        (-500,) * 4,
        (0,) * 4,
        "-1",
        "14",
        "proposed",
    ),
    "botilbud-opfoelgning": ((-700,) * 4, (-1200,) * 4, (500,) * 4, "1", "8", "proposed"),
    "aktivitetstilbud-opfoelgning": ((-500,) * 4, (-1000,) * 4, (500,) * 4, "1", "8", "proposed"),
    "hjemloeseindsats": ((-250,) * 4, (-500,) * 4, (250,) * 4, "0.5", "8", "proposed"),
    "b23-krisecentre-egen-bolig": (
        (-400, 0, 0, 0),
        (-400, 0, 0, 0),
        (0,) * 4,
        "0",
        None,
        "realized",
    ),
    "b23-stofmisbrug-eksterne-tilbud": (
        (-600, 0, 0, 0),
        (-600, 0, 0, 0),
        (0,) * 4,
        "0",
        None,
        "realized",
    ),
    "b23-frivilligfesten": ((-50,) * 4, (-50,) * 4, (0,) * 4, "0", None, "realized"),
}


def test_all_eleven_proposals_are_transcribed(seed: Budget) -> None:
    assert sorted(lp.proposal.id for lp in seed.proposals) == sorted(DOCUMENT)


@pytest.mark.parametrize("pid", sorted(DOCUMENT))
def test_each_proposal_matches_its_page(seed: Budget, pid: str) -> None:
    net, savings, investments, fte, baseline, status = DOCUMENT[pid]
    p = next(lp.proposal for lp in seed.proposals if lp.proposal.id == pid)
    assert p.status is Status(status)
    for i, year in enumerate(YEARS):
        f = proposal_figures(p, year)
        assert (f.net, f.savings, f.investments) == (net[i], savings[i], investments[i]), year
        assert f.inside_service_frame == net[i] and f.outside_service_frame == 0
        assert f.fte == Decimal(fte)
    if baseline is None:
        assert p.staffing is None
    else:
        assert p.staffing is not None and p.staffing.baseline_fte is not None
        assert set(p.staffing.baseline_fte.values()) == {Decimal(baseline)}


def test_summary_2024_totals(seed: Budget) -> None:
    total = summarize(seed, GroupBy.AREA, years=[2024]).total[2024]
    assert (total.savings, total.investments, total.net) == (-8750, 2350, -6400)
    assert total.fte == Decimal("-4.9")


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_summary_out_year_totals(seed: Budget, year: int) -> None:
    total = summarize(seed).total[year]
    assert (total.savings, total.investments, total.net) == (-7750, 1850, -5900)
    assert total.fte == Decimal("-4.9")


@pytest.mark.parametrize("by", list(GroupBy))
def test_every_grouping_reconciles_with_the_total(seed: Budget, by: GroupBy) -> None:
    s = summarize(seed, by)
    for year in YEARS:
        rows = [r.years[year] for r in s.rows]
        assert sum(r.net for r in rows) == s.total[year].net
        assert sum((r.fte for r in rows), Decimal(0)) == s.total[year].fte


def test_area_rows_2024(seed: Budget) -> None:
    rows = {r.key: r.years[2024] for r in summarize(seed, years=[2024]).rows}
    assert {k: f.net for k, f in rows.items()} == {
        "B60.10.20": -1350,  # botilbud -700, hjemløse -250, krisecentre -400
        "B60.10.30": -600,
        "B60.10.45": -500,
        "B60.30.05 & B60.30.15": -600,
        "B60.30.10": -2800,  # sygefravær -1200, Kærbo -1100, tværfagligt -500
        "B60.30.30": -50,
        "B60.30.45": -500,
    }


def test_b23_proposals_are_realized_and_counted(seed: Budget) -> None:
    s = summarize(seed, GroupBy.STATUS, years=[2024])
    assert {r.key: r.years[2024].net for r in s.rows} == {"proposed": -5350, "realized": -1050}


def test_validate_reports_the_documents_inconsistencies_as_warnings() -> None:
    checked = load_checked(DATA, use_cache=False)
    assert checked.valid
    found = [
        (p.path.rsplit("/", 1)[-1], p.line, p.severity.value, p.rule) for p in checked.problems
    ]
    assert found == [
        ("eksempel-sagsregister-2024.yaml", 7, "warning", "refusion-rules-year"),
        ("botilbud-opfoelgning.yaml", 10, "warning", "area-budget-mismatch"),
        ("kaerbo-velfaerdsteknologi.yaml", 19, "warning", "allocations-sum"),
    ]
    messages = [p.message for p in checked.problems][1:]
    assert messages[0] == (
        "area_budget differs from the budget of B60.10.20 in areas.yaml "
        "(2024: 97844 vs 97845; 2025: 97844 vs 97846)"
    )
    assert messages[1] == (
        "allocations.function_areas do not add up to the change "
        "(2024: -1200 vs -1100; 2025: -1200 vs -1600; 2026: -1200 vs -1600; 2027: -1200 vs -1600)"
    )


def test_allocations_add_up_everywhere_else(seed: Budget) -> None:
    for lp in seed.proposals:
        p = lp.proposal
        assert p.allocations is not None
        for kind, lines in (
            ("fa", p.allocations.function_areas),
            ("cc", p.allocations.cost_centers),
        ):
            if p.id == "kaerbo-velfaerdsteknologi" and kind == "fa":
                continue
            for year in YEARS:
                assert sum(s.get(year, 0) for s in lines.values()) == proposal_figures(p, year).net


def test_stated_area_budgets(seed: Budget) -> None:
    plejecenter = seed.meta.area("B60.30.10")
    assert plejecenter is not None and plejecenter.budget == {
        2024: 108114,
        2025: 108877,
        2026: 99845,
        2027: 99845,
    }
    kaerbo = next(
        lp.proposal for lp in seed.proposals if lp.proposal.id == "kaerbo-velfaerdsteknologi"
    )
    assert kaerbo.operating_budget == {2024: 105769, 2025: 105763, 2026: 96733, 2027: 96733}
    assert kaerbo.allocations is not None
    assert kaerbo.allocations.cost_centers["3709710005"] == {
        2024: 600,
        2025: 100,
        2026: 100,
        2027: 100,
    }
