"""Amounts restated in another year's prices (``--prices YEAR``): pure functions.

A budget's amounts are in the prices of one year (``areas.yaml``'s ``price_level``). To show
them in another year's prices, every amount is multiplied by the change of an index between
the two years (``rules/prices.yaml``): service amounts by the service index (KL's pris- og
lønskøn), construction amounts by the construction index. Each amount is rounded once, a half
away from zero, and every total is the sum of the rounded amounts, so rows and totals
reconcile. The factor is an exact fraction: no float anywhere.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import replace
from fractions import Fraction
from typing import TypeVar

from budgetcli.core.calc import Level, half_up, proposal_line
from budgetcli.core.catalogue import Catalogue
from budgetcli.core.diagnostics import Said, said
from budgetcli.core.domain import (
    Allocations,
    Change,
    Frames,
    Meta,
    PriceFigure,
    Prices,
    Proposal,
)
from budgetcli.core.errors import UsageError
from budgetcli.core.lazyclasses import dataclass
from budgetcli.core.vocab import Status

K = TypeVar("K")
PRICES_FILE = "rules/prices.yaml"


@dataclass(frozen=True)
class Restatement:
    """From ``source``'s prices to ``target``'s: the factor of each index, or why it is not
    known (a budget with no amount of that kind needs none)."""

    source: int
    target: int
    service: Fraction | Said
    construction: Fraction | Said

    @property
    def restated_from(self) -> int | None:
        """The price level restated from, ``None`` if it is the target's (nothing moved)."""
        return None if self.source == self.target else self.source

    @property
    def level(self) -> Level:
        return Level(self.target, self.restated_from)

    def amount(self, value: int, construction: bool = False) -> int:
        """``value`` in the target's prices, rounded once (a half away from zero)."""
        factor = self.construction if construction else self.service
        if isinstance(factor, Said):
            if value == 0:
                return 0
            raise UsageError(factor)
        return int(half_up(value * factor))

    def series(self, values: Mapping[K, int], construction: bool = False) -> dict[K, int]:
        return {k: self.amount(v, construction) for k, v in values.items()}

    def optional(
        self, values: dict[int, int] | None, construction: bool = False
    ) -> dict[int, int] | None:
        return None if values is None else self.series(values, construction)


def restatement(meta: Meta, prices: Prices | None, target: int) -> Restatement:
    """How ``meta``'s amounts are restated in ``target``'s prices; ``UsageError`` when the
    budget states no price level, or an index lacks a year between the two."""
    if meta.price_level is None:
        raise UsageError(
            said(
                "--prices {target}: areas.yaml states no price_level, so the prices the amounts"
                " are in are not known; add price_level: YEAR to areas.yaml",
                target=target,
            )
        )
    source = meta.price_level
    if source == target:
        return Restatement(source, target, Fraction(1), Fraction(1))
    if prices is None:
        raise UsageError(
            said(
                "--prices {target}: there is no {file} in the data folder to restate the amounts"
                " from {source} prices by",
                target=target,
                file=PRICES_FILE,
                source=source,
            )
        )
    return Restatement(
        source,
        target,
        factor(prices.service, source, target, "service"),
        factor(prices.construction, source, target, "construction"),
    )


def factor(figures: list[PriceFigure], source: int, target: int, name: str) -> Fraction | Said:
    """What an amount in ``source``'s prices is multiplied by to be in ``target``'s: the
    index's change from one year to the other (each year's step: 1 + its rate, or its index
    over the year before's); or, if a year's figure is missing, the message that says so."""
    by_year = {f.year: f for f in figures}
    low, high = sorted((source, target))
    product, missing = Fraction(1), []
    for year in range(low + 1, high + 1):
        step = step_of(by_year, year)
        if step is None:
            missing.append(year)
        else:
            product *= step
    if missing:
        years = ", ".join(map(str, missing))
        return said(
            "--prices {target}: {file} has no {name} figure for the step into {years}, which"
            " restating {name} amounts from {source} prices in {target} prices needs (a rate for"
            " the year, or an index for it and the year before)",
            target=target,
            file=PRICES_FILE,
            name=name,
            years=years,
            source=source,
        )
    return product if target > source else 1 / product


def step_of(by_year: Mapping[int, PriceFigure], year: int) -> Fraction | None:
    """The index's change from the year before to ``year`` (``None``: not known)."""
    figure = by_year.get(year)
    if figure is None:
        return None
    if figure.rate is not None:
        return 1 + Fraction(figure.rate)
    before = by_year.get(year - 1)
    if figure.index is None or before is None or before.index is None:
        return None
    return Fraction(figure.index) / Fraction(before.index)


def restate_proposal(p: Proposal, r: Restatement) -> Proposal:
    """``p`` with every amount in the target's prices (FTE are not amounts)."""
    alloc = p.allocations
    return replace(
        p,
        change=Change(
            r.series(p.change.inside_service_frame),
            r.series(p.change.outside_service_frame),
            r.series(p.change.construction, construction=True),
        ),
        construction_grant=None
        if p.construction_grant is None
        else r.amount(p.construction_grant, construction=True),
        operating_budget=r.optional(p.operating_budget),
        area_budget=r.optional(p.area_budget),
        components=[replace(c, amounts=r.series(c.amounts)) for c in p.components],
        allocations=None
        if alloc is None
        else Allocations(
            {code: r.series(s) for code, s in alloc.function_areas.items()},
            {code: r.series(s) for code, s in alloc.cost_centers.items()},
        ),
    )


def restate_meta(meta: Meta, r: Restatement, frames: bool = True) -> Meta:
    """``meta`` in the target's prices: the areas' budgets and, with ``frames``, the frames
    and the baseline (without, they are left out: a report that shows none needs no index
    for them)."""

    def restated(f: Frames) -> Frames:
        if not frames:
            return Frames()
        return Frames(r.optional(f.service), r.optional(f.construction, construction=True))

    areas = [replace(a, budget=r.optional(a.budget)) for a in meta.areas]
    return replace(
        meta,
        areas=areas,
        price_level=r.target,
        restated_from=r.restated_from,
        frames=restated(meta.frames),
        baseline=restated(meta.baseline),
    )


def restate_catalogue(
    catalogue: Catalogue,
    r: Restatement,
    frames: bool = True,
    statuses: Collection[Status] | None = None,
) -> Catalogue:
    """The catalogue with every proposal (of ``statuses``, if given: a report that counts no
    other needs no index for the others) and ``meta`` in the target's prices; each proposal
    read and restated once, its line made again; no sums or marks at hand."""
    meta = restate_meta(catalogue.meta, r, frames)
    chosen = [
        i for i, line in enumerate(catalogue.lines) if statuses is None or line.status in statuses
    ]
    proposals = [restate_proposal(catalogue.proposal(i), r) for i in chosen]
    lines = [proposal_line(p, meta.years) for p in proposals]
    ids = catalogue.ids if statuses is None else None
    return Catalogue(meta, lines, proposals.__getitem__, ids=ids)


def in_prices(
    catalogue: Catalogue,
    prices: Prices | None,
    target: int,
    frames: bool = True,
    statuses: Collection[Status] | None = None,
) -> Catalogue:
    """``catalogue`` in ``target``'s prices (``restatement`` says why it cannot be); its
    frames and baseline too, or (not ``frames``) left out; only the proposals of
    ``statuses``, if given."""
    r = restatement(catalogue.meta, prices, target)
    return restate_catalogue(catalogue, r, frames, statuses)
