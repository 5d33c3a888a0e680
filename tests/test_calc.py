"""Pure calculation and formatting, on tiny hand-made values (no files)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetcli.core.calc import (
    WIDTH,
    Figures,
    ProposalLine,
    changed_counts,
    changed_sums,
    proposal_figures,
    status_counts,
    status_sums,
)
from budgetcli.core.diagnostics import Problem, Severity, Source, Tally, strict, tally
from budgetcli.core.domain import (
    Area,
    Budget,
    Change,
    Component,
    LoadedProposal,
    Meta,
    Proposal,
    Staffing,
)
from budgetcli.core.vocab import GroupBy, ProposalKind, Status
from budgetcli.text.numbers import fmt_amount, fmt_fte

from .conftest import examples
from .oracles import summarize

YEARS = [2024, 2025]
META = Meta("Testby", "Budget", YEARS, "1000 DKK", [Area("A1", "U1", "Pleje"), Area("B1", "U2")])


def proposal(
    pid: str = "p", net: int = -100, status: Status = Status.PROPOSED, **kw: object
) -> Proposal:
    fields: dict[str, Any] = {
        "id": pid,
        "title": pid.upper(),
        "status": status,
        "areas": ["A1"],
        "change": Change(dict.fromkeys(YEARS, net)),
    }
    fields.update(kw)
    return Proposal(**fields)


def budget(*proposals: Proposal) -> Budget:
    return Budget(
        META, Source("areas.yaml"), tuple(LoadedProposal(p, Source(p.id), p.id) for p in proposals)
    )


def test_without_components_a_negative_change_is_a_saving() -> None:
    assert proposal_figures(proposal(net=-300), 2024) == Figures(-300, 0, -300, -300, 0)
    assert proposal_figures(proposal(net=250), 2024) == Figures(0, 250, 250, 250, 0)


def test_components_split_savings_and_investments() -> None:
    p = proposal(
        net=-500,
        components=[
            Component("saving", "s", {2024: -1000, 2025: -1000}),
            Component("investment", "i", {2024: 500}),
        ],
    )
    assert proposal_figures(p, 2024) == Figures(-1000, 500, -500, -500, 0)
    assert proposal_figures(p, 2025).investments == 0


def test_outside_the_service_frame_counts_in_net() -> None:
    p = proposal(change=Change({2024: -100}, {2024: -40}))
    f = proposal_figures(p, 2024)
    assert (f.net, f.inside_service_frame, f.outside_service_frame) == (-140, -100, -40)
    assert proposal_figures(p, 2025) == Figures()


def test_fte_comes_from_staffing() -> None:
    p = proposal(staffing=Staffing({2024: Decimal("-2.6")}, {2024: Decimal(16)}))
    assert proposal_figures(p, 2024).fte == Decimal("-2.6")
    assert proposal_figures(p, 2025).fte == 0


def test_rejected_proposals_are_left_out_by_default() -> None:
    s = summarize(budget(proposal("a", -100), proposal("b", -50, Status.REJECTED)))
    assert s.total[2024].net == -100
    s = summarize(
        budget(proposal("a", -100), proposal("b", -50, Status.REJECTED)), statuses=[Status.REJECTED]
    )
    assert s.total[2024].net == -50


def test_a_proposal_on_two_areas_is_its_own_group() -> None:
    s = summarize(budget(proposal("a", areas=["A1", "B1"]), proposal("b")))
    assert [(r.key, r.label) for r in s.rows] == [("A1", "A1 Pleje"), ("A1 & B1", "A1 & B1")]


def test_committee_falls_back_to_the_areas_committee() -> None:
    s = summarize(
        budget(proposal("a"), proposal("b", areas=["B1"], committee="U2")), GroupBy.COMMITTEE
    )
    assert [r.key for r in s.rows] == ["U1", "U2"]


def test_status_groups_in_workflow_order() -> None:
    ps = [
        proposal("a", status=Status.REALIZED),
        proposal("b"),
        proposal("c", status=Status.ADOPTED),
    ]
    assert [r.key for r in summarize(budget(*ps), GroupBy.STATUS).rows] == [
        "proposed",
        "adopted",
        "realized",
    ]


def test_danish_number_format() -> None:
    assert [fmt_amount(v) for v in (0, -50, -1200, 2350, -1234567)] == [
        "0",
        "-50",
        "-1.200",
        "2.350",
        "-1.234.567",
    ]
    assert [fmt_fte(Decimal(v)) for v in ("-4.9", "-4.90", "1", "0.5", "-2.25")] == [
        "-4,9",
        "-4,9",
        "1",
        "0,5",
        "-2,25",
    ]
    assert (
        fmt_amount(-1200, danish=False) == "-1200"
        and fmt_fte(Decimal("-4.9"), danish=False) == "-4.9"
    )


amounts = st.integers(min_value=-(10**9), max_value=10**9)
ftes = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)


@given(
    st.lists(
        st.tuples(
            amounts,
            amounts,
            amounts,
            ftes,
            st.sampled_from(list(Status)),
            st.sampled_from(["A1", "B1"]),
        ),
        max_size=30,
    ),
    st.sampled_from(list(GroupBy)),
)
def test_groups_always_add_up_to_the_total(
    rows: list[tuple[int, int, int, Decimal, Status, str]], by: GroupBy
) -> None:
    """For any budget and any grouping: the rows sum to the total, net = savings + investments
    = inside + outside, and the total equals the sum over the selected proposals."""
    ps = [
        proposal(
            f"p{i}",
            status=status,
            areas=[area],
            change=Change({2024: inside}, {2024: outside}),
            components=[
                Component("saving", "s", {2024: min(saving, 0)}),
                Component("investment", "i", {2024: inside + outside - min(saving, 0)}),
            ]
            if inside + outside - min(saving, 0) >= 0
            else [],
            staffing=Staffing({2024: fte}),
        )
        for i, (inside, outside, saving, fte, status, area) in enumerate(rows)
    ]
    s = summarize(budget(*ps), by, statuses=list(Status))
    t = s.total[2024]
    assert t == sum((r.years[2024] for r in s.rows), Figures())
    assert t.net == t.savings + t.investments == t.inside_service_frame + t.outside_service_frame
    assert t.net == sum(inside + outside for inside, outside, *_ in rows)
    assert t.fte == sum((r[3] for r in rows), Decimal(0))


@given(amounts)
def test_danish_amounts_read_back(value: int) -> None:
    text = fmt_amount(value)
    assert int(text.replace(".", "")) == value
    assert "," not in text


def test_tally_counts_errors_and_warnings() -> None:
    def found(severity: Severity, rule: str) -> Problem:
        return Problem("p.yaml", 1, 1, severity, rule, "message")

    problems = [
        found(Severity.ERROR, "a"),
        found(Severity.WARNING, "b"),
        found(Severity.WARNING, "c"),
        found(Severity.ERROR, "d"),
        found(Severity.WARNING, "e"),
    ]
    assert tally(problems) == Tally(errors=2, warnings=3)
    assert not tally(problems).valid
    assert tally(problems[1:3]) == Tally(0, 2) and tally(problems[1:3]).valid
    assert tally([]) == Tally(0, 0) and tally([]).valid
    assert tally(strict(problems)) == Tally(5, 0)
    assert tally(iter(problems)) == Tally(2, 3)  # any iterable, read once


_LINE = st.builds(
    lambda status, values: ProposalLine(
        "p", "t", status, ProposalKind.REDUCTION, ("A",), None, None, values
    ),
    st.sampled_from(list(Status)),
    st.tuples(*[st.integers(-(10**12), 10**12)] * WIDTH),
)


@given(st.lists(_LINE, max_size=12), st.data())
def test_sums_changed_line_by_line_are_the_sums_of_the_lines(
    lines: list[ProposalLine], data: st.DataObject
) -> None:
    """An edit's sums, from the last ones and the lines replaced, are ``status_sums`` of the
    lines as they are now: every status, none left over (the last line of a status gone)."""
    gone = data.draw(st.lists(st.integers(0, max(len(lines) - 1, 0)), unique=True))
    gone = [i for i in gone if i < len(lines)]
    new = data.draw(st.lists(_LINE, max_size=len(gone) + 2))
    now = [line for i, line in enumerate(lines) if i not in gone] + new
    statuses = {line.status for line in now}
    changed = changed_sums(status_sums(lines), [lines[i] for i in gone], new, statuses)
    assert changed == status_sums(now)
    counts = changed_counts(status_counts(lines), [lines[i] for i in gone], new)
    assert counts == status_counts(now) and counts.keys() == statuses


@given(st.integers(-(10**12), 10**12), st.integers(-(10**12), 10**12).filter(bool))
@settings(max_examples=examples(500))
def test_a_share_per_cent_is_half_up_of_the_exact_fraction(change: int, budget: int) -> None:
    """``Share.percent`` in integers (issue 27: a cached summary imports no ``fractions``) is
    the exact per cent rounded by ``half_up`` to one decimal, as it was computed before."""
    from fractions import Fraction

    from budgetcli.core.calc import Share, half_up

    rounded = half_up(Fraction(change * 100, budget), 1)
    exact = (Decimal(rounded.numerator) / rounded.denominator).quantize(Decimal("0.1"))
    percent = Share(budget, change).percent
    assert percent == exact and str(percent) == str(exact)
