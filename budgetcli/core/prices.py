"""Amounts restated in another year's prices (``--prices YEAR``): pure functions.

A budget's amounts are in the prices of one year (``areas.yaml``'s ``price_level``). To show
them in another year's prices, every amount is multiplied by the change of an index between
the two years (``rules/prices.yaml``): service amounts by the service index (KL's pris- og
lønskøn), construction amounts by the construction index. Each amount is rounded once, a half
away from zero, and every total is the sum of the rounded amounts, so rows and totals
reconcile. The factor is an exact fraction, and an amount is restated by it in integers
(``restated``: what ``calc.half_up`` of the ``Fraction`` gives, 40 times as fast; a property
test holds the two equal): no float anywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import TypeVar

from budgetcli.core.calc import WIDTH, Level, ProposalLine, proposal_line
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
        return restated(value, factor.numerator, factor.denominator)

    def series(self, values: Mapping[K, int], construction: bool = False) -> dict[K, int]:
        return {k: self.amount(v, construction) for k, v in values.items()}

    def optional(
        self, values: dict[int, int] | None, construction: bool = False
    ) -> dict[int, int] | None:
        return None if values is None else self.series(values, construction)


def restated(value: int, numerator: int, denominator: int) -> int:
    """``value`` times ``numerator / denominator`` (``denominator`` > 0), rounded to a whole
    number, a half away from zero: ``int(calc.half_up(value * Fraction(numerator,
    denominator)))`` in integers. With ``x = |value * numerator|``, the rounded magnitude is
    ``floor(x / denominator + 1/2) = (2x + denominator) // (2 * denominator)``; its sign is the
    product's."""
    product = value * numerator
    whole = (2 * abs(product) + denominator) // (2 * denominator)
    return whole if product >= 0 else -whole


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


#: a catalogue's lines and their ``Terms``, when the store has them at hand
Lined = Callable[[], tuple[Sequence[ProposalLine], Sequence["Terms"]]]


def in_prices(
    catalogue: Catalogue,
    prices: Prices | None,
    target: int,
    frames: bool = True,
    statuses: Collection[Status] | None = None,
    lined: Lined | None = None,
) -> Catalogue:
    """``catalogue`` in ``target``'s prices (``restatement`` says why it cannot be); its
    frames and baseline too, or (not ``frames``) left out; only the proposals of
    ``statuses``, if given. With ``lined`` (the catalogue's lines and their terms), restated
    from those (``restate_lines``: the same catalogue, no proposal read), unless the service
    index lacks a year: then each proposal is read, and the first amount refused says so."""
    r = restatement(catalogue.meta, prices, target)
    if lined is None or isinstance(r.service, Said):
        return restate_catalogue(catalogue, r, frames, statuses)
    lines, terms = lined()
    return restate_lines(catalogue, lines, terms, r, frames, statuses)


# --- a budget restated from its lines -----------------------------------------------------------

#: how a line's savings and investments restate (``Terms``): it has no components (they are its
#: restated net's, as ``calc.proposal_figures`` makes them), or at most one saving and one
#: investment amount not zero in each year (each is its line's figure restated)
NO_COMPONENTS, ONE_EACH = 0, 1
#: what restating a proposal's line needs that its line does not hold, as plain values (the
#: store keeps them beside the line): whether the proposal has a construction amount not zero
#: (its change's in any year, or its grant: a construction index it lacks refuses it), and
#: ``NO_COMPONENTS``, ``ONE_EACH`` or, in each year of the line, the amounts not zero of its
#: saving components and of its investment components (each is restated and rounded alone)
Terms = tuple[bool, int | tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]]


def line_terms(p: Proposal, years: Sequence[int]) -> Terms:
    """What restating ``proposal_line(p, years)`` needs beyond it (``restate_line``)."""
    construction = any(p.change.construction.values()) or bool(p.construction_grant)
    if not p.components:
        return construction, NO_COMPONENTS
    savings = [c.amounts for c in p.components if c.type == "saving"]
    investments = [c.amounts for c in p.components if c.type != "saving"]
    if len(savings) <= 1 and len(investments) <= 1:  # the common case, decided at once
        return construction, ONE_EACH
    per_year = [(_not_zero(savings, year), _not_zero(investments, year)) for year in years]
    if all(len(s) <= 1 and len(i) <= 1 for s, i in per_year):
        return construction, ONE_EACH
    return construction, tuple(per_year)


def _not_zero(series: Sequence[Mapping[int, int]], year: int) -> tuple[int, ...]:
    """The amounts of ``series`` in ``year`` that are not zero."""
    return tuple(a for s in series if (a := s.get(year, 0)))


class _Restated(dict[int, int]):
    """Each amount restated once, looked up after (a budget's amounts repeat)."""

    def __init__(self, restate: Callable[[int], int]) -> None:
        super().__init__()
        self._restate = restate

    def __missing__(self, value: int) -> int:
        done = self[value] = self._restate(value)
        return done


class LineRestater:
    """Proposals' lines restated by ``r`` from the lines and their ``Terms``, not from the
    proposals: ``restate_line(line, terms)`` is ``proposal_line(restate_proposal(p, r),
    years)`` of the proposal ``p`` they are of (a property test holds the two equal). Only for
    a service index ``r`` knows (``Restatement.service`` a ``Fraction``): every proposal has a
    service amount to restate, or none it is refused for."""

    def __init__(self, r: Restatement) -> None:
        if isinstance(r.service, Said):
            raise ValueError("a service index that is not known")
        self._service = _Restated(r.amount)
        self._construction = _Restated(lambda value: r.amount(value, construction=True))
        self._refusal = r.construction if isinstance(r.construction, Said) else None

    def restate_line(self, line: ProposalLine, terms: Terms) -> ProposalLine:
        """``line`` in the target's prices (``UsageError``: it has a construction amount and
        the construction index lacks a year, as ``restate_proposal`` says)."""
        construction, parts = terms
        if construction and self._refusal is not None:
            raise UsageError(self._refusal)
        s, c, v = self._service, self._construction, line.values
        values: list[int] = []
        for k in range(0, len(v), WIDTH):
            inside, outside = s[v[k + 3]], s[v[k + 4]]
            net = inside + outside
            if isinstance(parts, tuple):
                saving, investment = parts[k // WIDTH]
                savings, investments = (
                    sum(map(s.__getitem__, saving)),
                    sum(map(s.__getitem__, investment)),
                )
            elif parts == ONE_EACH:
                savings, investments = s[v[k]], s[v[k + 1]]
            else:
                savings, investments = min(net, 0), max(net, 0)
            values += (savings, investments, net, inside, outside, c[v[k + 5]], v[k + 6])
        return line._replace(values=tuple(values))


def restate_lines(
    catalogue: Catalogue,
    lines: Sequence[ProposalLine],
    terms: Sequence[Terms],
    r: Restatement,
    frames: bool = True,
    statuses: Collection[Status] | None = None,
) -> Catalogue:
    """What ``restate_catalogue`` gives, from the catalogue's ``lines`` and their ``terms``
    (a ``LineRestater``'s ``r``): no proposal read until it is asked for, then restated; each
    one's mark the catalogue's and the factors' (two proposals alike restated alike are
    alike)."""
    meta = restate_meta(catalogue.meta, r, frames)
    chosen = [i for i, line in enumerate(lines) if statuses is None or line.status in statuses]
    restater = LineRestater(r)
    restated = [restater.restate_line(lines[i], terms[i]) for i in chosen]
    factors = repr((r.source, r.target, r.service, r.construction)).encode()

    def proposal(k: int) -> Proposal:
        return restate_proposal(catalogue.proposal(chosen[k]), r)

    def mark(k: int) -> bytes | None:
        found = catalogue.mark(chosen[k])
        return None if found is None else found + factors

    ids = catalogue.ids if statuses is None else None
    return Catalogue(meta, restated, proposal, mark, ids=ids)
