"""A summary from the lines summed by kind is the summary from the lines.

``summarize_groups`` is held to ``summarize_lines`` for every grouping it answers, every choice
of statuses and years, on lines hypothesis makes (areas that are and are not in areas.yaml,
several areas, keys two spellings share, no committee, no centre); and ``regrouped``, after any
lines were replaced, to the groups of the lines as they are then.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetcli.core.calc import WIDTH, ProposalLine, status_sums, summarize_lines
from budgetcli.core.domain import Area, Meta
from budgetcli.core.groups import (
    GROUPINGS,
    GroupSums,
    changed_keys,
    group_sums,
    regrouped,
    summarize_groups,
)
from budgetcli.core.vocab import GroupBy, ProposalKind, Status

from .conftest import examples

YEARS = [2024, 2025, 2026]
META = Meta(
    "Testby",
    "Budget",
    YEARS,
    "1000 DKK",
    [Area("A1", "U1", "Pleje"), Area("B1", "U2"), Area("A1 & B1", "U3", "Odd"), Area("C1", "U1")],
)

_LINE = st.builds(
    ProposalLine,
    st.sampled_from(["p1", "p2", "p3", "x"]),
    st.just("T"),
    st.sampled_from(list(Status)),
    st.sampled_from(list(ProposalKind)),
    st.sampled_from([("A1",), ("B1",), ("A1", "B1"), ("A1 & B1",), ("Z9",), ("C1", "A1")]),
    st.sampled_from([None, "U1", "Other"]),
    st.sampled_from([None, "Center X", "Center Y"]),
    st.tuples(*[st.integers(-(10**9), 10**9)] * (WIDTH * len(YEARS))),
)
_ROWS = st.lists(st.one_of(_LINE, _LINE, _LINE, st.none()), max_size=25)
_CHOICE = st.tuples(
    st.sampled_from(sorted(GROUPINGS)),
    st.lists(st.sampled_from(list(Status)), unique=True, min_size=1),
    st.one_of(st.none(), st.lists(st.sampled_from(YEARS), unique=True, min_size=1)),
)


def _same(rows: list[ProposalLine | None], groups: GroupSums, choice: tuple[Any, ...]) -> None:
    by, statuses, years = choice
    lines = [line for line in rows if line is not None]
    expected = summarize_lines(META, lines, by, statuses, years)
    assert summarize_groups(META, groups, by, statuses, years) == expected


@settings(max_examples=examples(400))
@given(_ROWS, _CHOICE)
def test_a_summary_from_the_groups_is_the_summary_from_the_lines(
    rows: list[ProposalLine | None], choice: tuple[Any, ...]
) -> None:
    _same(rows, group_sums(rows), choice)


@settings(max_examples=examples(400))
@given(_ROWS, st.data(), _CHOICE)
def test_lines_replaced_in_the_groups_are_the_groups_of_the_new_lines(
    rows: list[ProposalLine | None], data: st.DataObject, choice: tuple[Any, ...]
) -> None:
    """An edit of some rows (a line changed, a proposal made invalid or valid again)."""
    at = data.draw(st.lists(st.integers(0, max(len(rows) - 1, 0)), unique=True)) if rows else []
    new = list(rows)
    changes = []
    for i in at:
        new[i] = data.draw(st.one_of(_LINE, st.none()))
        changes.append((i, rows[i], new[i]))
    _same(new, regrouped(group_sums(rows), changes), choice)


def test_the_groups_answer_every_grouping_but_by_proposal() -> None:
    assert GroupBy.PROPOSAL not in GROUPINGS
    assert set(GroupBy) - GROUPINGS == {GroupBy.PROPOSAL}


@settings(max_examples=examples(300))
@given(_ROWS, st.lists(st.sampled_from(["A1", "B1", "A1 & B1", "U1", "Other", "x"])), _CHOICE)
def test_a_summary_of_some_groups_is_the_same_from_the_groups(
    rows: list[ProposalLine | None], only: list[str], choice: tuple[Any, ...]
) -> None:
    """Only some groups' rows (a diff's), the total from the sums per status of every line."""
    by, statuses, years = choice
    lines = [line for line in rows if line is not None]
    sums = status_sums(lines)
    expected = summarize_lines(META, lines, by, statuses, years, set(only), sums)
    assert (
        summarize_groups(META, group_sums(rows), by, statuses, years, set(only), sums) == expected
    )


@settings(max_examples=examples(300))
@given(_ROWS, _ROWS, _CHOICE)
def test_every_group_whose_figures_differ_has_a_changed_key(
    old: list[ProposalLine | None], new: list[ProposalLine | None], choice: tuple[Any, ...]
) -> None:
    by, statuses, _ = choice
    before, after = (
        {r.key: r.years for r in summarize_lines(META, [x for x in side if x], by, statuses).rows}
        for side in (old, new)
    )
    differ = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert differ <= changed_keys(group_sums(old), group_sums(new), by, statuses, META)
