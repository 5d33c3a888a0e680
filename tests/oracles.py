"""The plain definitions the fast paths are held to.

The package computes from lines, catalogues and per-file results so that a large budget is
quick; each function here computes the same from a whole ``Budget``, the obvious way, and the
tests assert that the two agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from budgetcli.core.calc import ProposalLine, Summary, proposal_line, summarize_lines
from budgetcli.core.catalogue import Catalogue
from budgetcli.core.checks import (
    check_areas_file,
    check_forecasts,
    check_proposal,
    check_unique_ids,
)
from budgetcli.core.diagnostics import Problem
from budgetcli.core.diff import BudgetDiff, diff_catalogues
from budgetcli.core.domain import Budget
from budgetcli.core.vocab import ACTIVE_STATUSES, GroupBy, Status


def proposal_lines(budget: Budget) -> tuple[ProposalLine, ...]:
    """Each proposal's line, in load order."""
    years = budget.meta.years
    return tuple(proposal_line(lp.proposal, years) for lp in budget.proposals)


def summarize(
    budget: Budget,
    by: GroupBy = GroupBy.AREA,
    statuses: Sequence[Status] = ACTIVE_STATUSES,
    years: Sequence[int] | None = None,
) -> Summary:
    """The summary of a budget, from every proposal's line."""
    return summarize_lines(budget.meta, proposal_lines(budget), by, statuses, years)


def catalogue_of(budget: Budget) -> Catalogue:
    """A budget as a catalogue with no marks: every proposal is compared whole."""
    return Catalogue(budget.meta, proposal_lines(budget), lambda i: budget.proposals[i].proposal)


def diff_budgets(old: Budget, new: Budget, **options: Any) -> BudgetDiff:
    """``diff_catalogues`` of two whole budgets (``options``: its keyword arguments)."""
    return diff_catalogues(catalogue_of(old), catalogue_of(new), **options)


def check_budget(budget: Budget) -> list[Problem]:
    """Every check of a budget: each proposal's, then those across files."""
    problems = []
    for loaded in budget.proposals:
        problems += check_proposal(loaded, budget.meta)
    ids = [lp.proposal.id for lp in budget.proposals]
    across = [
        *check_areas_file(budget),
        *check_unique_ids(ids, lambda i: budget.proposals[i].source),
        *check_forecasts(budget),
    ]
    return problems + across
