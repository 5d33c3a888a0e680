"""``--prices`` in integers and from the stored lines: held to the exact path as it was.

An amount is restated in integer arithmetic (``prices.restated``) where it was restated with a
``Fraction`` and ``calc.half_up``; a budget's lines are restated from the lines the cache
keeps (``prices.restate_line``) where each proposal was read whole and restated. Each
property says the quick way gives what the exact way gives, for every input."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from budgetcli.core.calc import half_up, proposal_line
from budgetcli.core.catalogue import Catalogue
from budgetcli.core.diagnostics import Said, said
from budgetcli.core.domain import (
    Allocations,
    Area,
    Change,
    Component,
    Frames,
    Meta,
    Proposal,
    Staffing,
)
from budgetcli.core.errors import UsageError
from budgetcli.core.prices import (
    Restatement,
    line_terms,
    restate_catalogue,
    restate_lines,
    restated,
)
from budgetcli.core.vocab import Status

from .conftest import examples

amounts = st.integers(min_value=-(10**15), max_value=10**15)
#: every factor an index can give: a product of steps (1 + a rate, or an index over the
#: year before's), restating forwards or backwards; negative ones too (a rate below -100 %)
factors = st.fractions(max_denominator=10**12).filter(lambda f: f != 0)


def exact(value: int, factor: Fraction) -> int:
    """What ``Restatement.amount`` gave before it was made in integers."""
    return int(half_up(value * factor))


@settings(max_examples=examples(3000))
@given(amounts, factors)
@example(5, Fraction(1, 2))  # 2.5 -> 3
@example(-5, Fraction(1, 2))  # -2.5 -> -3
@example(5, Fraction(-1, 2))  # -2.5 -> -3
@example(-5, Fraction(-1, 2))  # 2.5 -> 3
@example(1, Fraction(1, 2))  # 0.5 -> 1
@example(-1, Fraction(1, 2))  # -0.5 -> -1
@example(0, Fraction(103, 100))
@example(-1000, Fraction(103, 100))  # the tests' saving: -1030
def test_an_amount_restated_in_integers_is_the_fractions(value: int, factor: Fraction) -> None:
    assert restated(value, factor.numerator, factor.denominator) == exact(value, factor)
    r = Restatement(2024, 2025, factor, factor)
    assert r.amount(value) == r.amount(value, construction=True) == exact(value, factor)


@settings(max_examples=examples(3000))
@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(1, 10**9))
def test_every_half_goes_away_from_zero_as_the_fractions(whole: int, denominator: int) -> None:
    """A product that is exactly a whole and a half, whatever the factor's denominator:
    ``value * numerator / (2 * denominator)`` with ``value * numerator`` an odd multiple of
    ``denominator``."""
    value, numerator = 2 * whole + 1, denominator
    product = Fraction(value * numerator, 2 * denominator)
    assert product.denominator == 2
    assert restated(value, numerator, 2 * denominator) == exact(value, product / value)
    assert restated(value, numerator, 2 * denominator) == whole + (1 if whole >= 0 else 0)


# --- a budget restated from its lines -----------------------------------------------------------

YEARS = [2024, 2025, 2026]
#: amounts that repeat, halves at a factor of 1/2 or 3/2, and large ones; years of the line's
#: and one beyond them (a figure the line does not hold)
small = st.sampled_from([0, 1, -1, 3, -3, 5, -5, 50, -50, 1001])
money = st.one_of(small, st.integers(-(10**9), 10**9))
series = st.dictionaries(st.sampled_from([2023, *YEARS]), money, max_size=4)
factor_of = st.one_of(
    st.sampled_from([Fraction(1, 2), Fraction(3, 2), Fraction(103, 100), Fraction(100, 103)]),
    factors,
)
NOT_FOUND = said("--prices 2025: no construction figure (made up)")


components = st.lists(
    st.builds(Component, st.sampled_from(["saving", "investment"]), st.just("c"), series),
    max_size=4,
)
fte = st.dictionaries(st.sampled_from(YEARS), st.integers(-900, 900), max_size=3).map(
    lambda f: Staffing({y: Decimal(n).scaleb(-2) for y, n in f.items()}) if f else None
)


@st.composite
def proposals(draw: st.DrawFn) -> Proposal:
    """A proposal of any shape ``proposal_line`` and ``restate_proposal`` read: components of
    either type (none, one, several a year), construction amounts and a grant or not, FTE."""
    return Proposal(
        id="p",
        title="P",
        status=draw(st.sampled_from(Status)),
        areas=["A1"],
        change=Change(draw(series), draw(series), draw(st.one_of(st.just({}), series))),
        operating_budget=draw(st.one_of(st.none(), series)),
        components=draw(components),
        allocations=draw(st.sampled_from([None, Allocations({"f": {2024: 7}})])),
        staffing=draw(fte),
        construction_grant=draw(st.one_of(st.none(), st.just(0), money)),
    )


#: a budget of up to six proposals, each its own id
budgets = st.lists(proposals(), max_size=6).map(
    lambda found: [replace(p, id=f"p{i}", title=f"P {i}") for i, p in enumerate(found)]
)


def meta(frames: bool) -> Meta:
    frame = Frames(dict.fromkeys(YEARS, 1001), dict.fromkeys(YEARS, 5)) if frames else Frames()
    area = Area("A1", "Udvalg", "Område", dict.fromkeys(YEARS, 50001))
    return Meta("Testby", "Budget", YEARS, "1000 DKK", [area], 2024, frame, frame)


def outcome(make: Callable[[], Catalogue]) -> tuple[Any, ...]:
    """What a restated catalogue gives: its areas, lines, ids and proposals whole; or the
    message it was refused with."""
    try:
        c = make()
    except UsageError as exc:
        return ("refused", str(exc))
    proposals = [c.proposal(k) for k in range(len(c.lines))]
    return (c.meta, list(c.lines), c.ids, proposals)


@pytest.mark.slow  # ~20 ms an example, most of it drawing the budgets
@settings(max_examples=examples(1000), deadline=None)
@given(
    budgets,
    factor_of,
    st.one_of(st.just(NOT_FOUND), factor_of),
    st.booleans(),
    st.one_of(st.none(), st.sets(st.sampled_from(list(Status)))),
)
def test_a_budget_restated_from_its_lines_is_the_budget_restated(
    budget: list[Proposal],
    service: Fraction,
    construction: Fraction | Said,
    frames: bool,
    statuses: set[Status] | None,
) -> None:
    """``restate_lines`` from each proposal's line and terms gives what ``restate_catalogue``
    gives from the proposals whole: the same areas, lines, ids and proposals, or the same
    refusal (a construction amount, in a year of the line or not, or a grant, with no
    construction index for the step)."""
    m = meta(frames)
    lines = [proposal_line(p, YEARS) for p in budget]
    terms = [line_terms(p, YEARS) for p in budget]
    ids = [p.id for p in budget]
    catalogue = Catalogue(m, lines, budget.__getitem__, ids=ids)
    r = Restatement(2024, 2025, service, construction)
    whole = outcome(lambda: restate_catalogue(catalogue, r, frames, statuses))
    from_lines = outcome(lambda: restate_lines(catalogue, lines, terms, r, frames, statuses))
    assert from_lines == whole


@given(budgets, factor_of, factor_of)
def test_a_proposal_restated_alike_has_a_mark_only_alike_restated_share(
    budget: list[Proposal], service: Fraction, other: Fraction
) -> None:
    """The marks of a catalogue restated from its lines: the proposal's, and the factors':
    the same proposal restated by other factors is compared whole, never taken as equal."""
    lines = [proposal_line(p, YEARS) for p in budget]
    terms = [line_terms(p, YEARS) for p in budget]
    catalogue = Catalogue(meta(False), lines, budget.__getitem__, lambda i: b"m%d" % i)
    one = restate_lines(catalogue, lines, terms, Restatement(2024, 2025, service, service))
    two = restate_lines(catalogue, lines, terms, Restatement(2024, 2025, other, other))
    for k in range(len(budget)):
        mine = one.mark(k)
        assert (mine == two.mark(k)) == (service == other)
        assert mine is not None and mine.startswith(b"m%d" % k)
