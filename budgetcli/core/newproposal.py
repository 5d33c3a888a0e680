"""What ``new`` fills a proposal's template in with from ``areas.yaml``: the committee its
areas share and the sum of their budgets. Pure."""

from __future__ import annotations

from budgetcli.core.domain import Meta
from budgetcli.core.errors import not_found
from budgetcli.core.lazyclasses import dataclass


@dataclass(frozen=True)
class Prefilled:
    #: the committee every one of the areas has (``None``: they have different ones)
    committee: str | None
    #: the areas' budgets summed per year of the budget (``None``: an area states none)
    area_budget: dict[int, int] | None


def prefilled(meta: Meta, codes: list[str]) -> Prefilled:
    """The committee and budget of the areas ``codes``; ``UsageError`` for a code that is
    not in ``areas.yaml`` (the first, with the closest codes)."""
    found = [meta.area(code) for code in codes]
    unknown = [code for code, a in zip(codes, found, strict=True) if a is None]
    if unknown:
        codes_there = [a.code for a in meta.areas]
        raise not_found("area", unknown[0], codes_there)
    areas = [a for a in found if a is not None]
    committee = areas[0].committee if len({a.committee for a in areas}) == 1 else None
    budgets = [a.budget for a in areas]
    if not all(budgets):
        return Prefilled(committee, None)
    return Prefilled(committee, {y: sum(b.get(y, 0) for b in budgets if b) for y in meta.years})
