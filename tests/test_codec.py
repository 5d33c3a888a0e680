"""Proposals as stored: what ``codec`` writes reads back as the same proposal.

The values are drawn for every field of every dataclass a proposal holds, the defaulted ones
included, from the dataclasses' own type hints: the codec stores a proposal by its fields,
worked out from the same hints, and a field it lost would come back as its default and fail
the round trip; a field of a type not known here fails
``test_every_field_gets_a_value_of_its_own``, and one the codec cannot store is an error that
names it.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import marshal
import types
import typing
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from budgetcli.core.domain import Proposal
from budgetcli.store import codec
from budgetcli.store.load import load_checked

from .conftest import DATA

_SCALARS: dict[Any, st.SearchStrategy[Any]] = {
    str: st.text(max_size=20),
    int: st.integers(-(10**12), 10**12),
    Decimal: st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False),
    datetime.date: st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)),
    type(None): st.none(),
}


#: ``find`` without shrinking: any instance will do; it stops at the first, so the count is a
#: bound, not a cost (the dev profile's ten examples could miss a field drawn rarely)
FIRST_FOUND = settings(phases=[Phase.generate], database=None, max_examples=1000)


def every_field(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Instances of a dataclass with a drawn value for every field (``st.builds`` alone would
    leave the defaulted ones at their defaults, where a forgotten field goes unseen)."""
    hints = typing.get_type_hints(cls)
    return st.builds(cls, **{f.name: of_type(hints[f.name]) for f in dataclasses.fields(cls)})


def of_type(hint: Any) -> st.SearchStrategy[Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in _SCALARS:
        return _SCALARS[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return every_field(hint)
    if origin in (typing.Union, types.UnionType):
        return st.one_of([of_type(a) for a in args])
    if origin is list:
        return st.lists(of_type(args[0]), max_size=3)
    if origin is dict:
        return st.dictionaries(of_type(args[0]), of_type(args[1]), max_size=4)
    raise TypeError(f"no values for {hint!r}: teach tests/test_codec.py:of_type this type")


def dataclasses_in(hint: Any) -> set[type[Any]]:
    """The dataclasses a type hint names, with those their fields hold, at any depth."""
    found: set[type[Any]] = set()
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        found.add(hint)
        for inner in typing.get_type_hints(hint).values():
            found |= dataclasses_in(inner)
    for arg in typing.get_args(hint):
        found |= dataclasses_in(arg)
    return found


def test_every_field_gets_a_value_of_its_own() -> None:
    """The round trip below sees each field: each is drawn unlike its default."""
    assert {c.__name__ for c in dataclasses_in(Proposal)} == {
        "Proposal",
        "Change",
        "Component",
        "Allocations",
        "Staffing",
        "DocumentPage",
    }
    for cls in dataclasses_in(Proposal):
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                default = f.default
            elif f.default_factory is not dataclasses.MISSING:
                default = f.default_factory()
            else:
                continue
            unlike = lambda x, f=f, d=default: getattr(x, f.name) != d  # noqa: E731
            find(every_field(cls), unlike, settings=FIRST_FOUND)


def test_every_bundled_proposal_reads_back_the_same() -> None:
    budget = load_checked(DATA, use_cache=False).budget
    assert budget is not None and budget.proposals
    for lp in budget.proposals:
        back = codec.loads(codec.dumps(lp.proposal))
        assert back == lp.proposal
        assert repr(back) == repr(lp.proposal)  # Decimal('4.50') stays 4.50, not 4.5


@given(every_field(Proposal))
def test_any_proposal_reads_back_the_same(p: Proposal) -> None:
    back = codec.loads(codec.dumps(p))
    assert back == p
    assert repr(back) == repr(p)  # types too: Decimal('4.50') stays Decimal('4.50')


def test_the_budget_as_stored_reads_back_the_same() -> None:
    """``encode``/``decode``, which store everything but the proposals (areas, forecasts with
    their cases, refusion rules, problems), give back an equal value for the bundled budget."""
    checked = load_checked(DATA, use_cache=False)
    budget = checked.budget
    assert budget is not None and budget.forecasts and budget.refusion_rules
    for value in (budget, checked.problems):
        assert codec.decode(marshal.loads(marshal.dumps(codec.encode(value)))) == value


@pytest.mark.parametrize(
    "plain",
    [
        ("os.system", "echo hi"),  # a tag that is no type of the budget's
        ("Area", "B60", "committee"),  # a known type with a field missing
        ("D", 5),  # a Decimal that is not text
        ("E", "Status", "vedtaget"),  # an enum value that is not one
        1.5,  # a float: never stored
        (),
    ],
)
def test_decode_makes_nothing_but_the_values_it_stores(plain: object) -> None:
    with pytest.raises(ValueError, match="not a value budgetcli stores"):
        codec.decode(plain)


def test_encode_refuses_a_type_it_does_not_know() -> None:
    with pytest.raises(TypeError, match="no encoding for"):
        codec.encode(object())


def test_every_value_of_the_budget_is_a_type_decode_makes() -> None:
    """``KNOWN`` is derived from ``core.domain``: every dataclass a budget holds is in it (but
    ``Source``, which is stored as its path alone)."""
    from budgetcli.core.diagnostics import Problem, Source
    from budgetcli.core.domain import Budget

    stored = dataclasses_in(Budget) - {Source}
    assert {*stored, Problem} <= set(codec.KNOWN.values())
    assert all(codec.KNOWN[c.__name__] is c for c in stored)


def test_a_field_of_a_type_the_store_cannot_keep_is_named() -> None:
    with pytest.raises(TypeError, match=r"store/codec.py cannot store a field of type frozenset"):
        codec._pair(frozenset[str])
