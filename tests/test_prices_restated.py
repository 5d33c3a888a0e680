"""``--prices`` in integers and from the stored lines: held to the exact path as it was.

An amount is restated in integer arithmetic (``prices.restated``) where it was restated with a
``Fraction`` and ``calc.half_up``; a budget's lines are restated from the lines the cache
keeps (``prices.restate_line``) where each proposal was read whole and restated. Each
property says the quick way gives what the exact way gives, for every input."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import example, given, settings
from hypothesis import strategies as st

from budgetcli.core.calc import half_up
from budgetcli.core.prices import Restatement, restated

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
