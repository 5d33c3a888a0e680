"""Proposals as stored: what ``codec`` writes reads back as the same proposal."""

from __future__ import annotations

import datetime
from dataclasses import fields
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgetcli import codec
from budgetcli.cache import load_checked
from budgetcli.domain import Allocations, Change, Component, Proposal, Staffing
from budgetcli.vocab import Status

from .conftest import DATA


def test_the_codec_names_every_field_of_the_dataclasses() -> None:
    """A field added to a dataclass and not to the codec would be lost in the cache."""
    for cls, names in codec.FIELDS.items():
        assert names == tuple(f.name for f in fields(cls)), cls.__name__


def test_every_bundled_proposal_reads_back_the_same() -> None:
    budget = load_checked(DATA, use_cache=False).budget
    assert budget is not None and budget.proposals
    for lp in budget.proposals:
        back = codec.loads(codec.dumps(lp.proposal))
        assert back == lp.proposal
        assert repr(back) == repr(lp.proposal)  # Decimal('4.50') stays 4.50, not 4.5


series = st.dictionaries(st.integers(2020, 2030), st.integers(-(10**12), 10**12), max_size=4)
fte = st.dictionaries(
    st.integers(2020, 2030),
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False),
    max_size=4,
)
text = st.text(max_size=20)


@given(
    st.builds(
        Proposal,
        id=text,
        title=text,
        status=st.sampled_from(list(Status)),
        areas=st.lists(text, max_size=3),
        change=st.builds(Change, series, series),
        committee=st.none() | text,
        center=st.none() | text,
        contact=st.none() | text,
        date=st.none() | st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)),
        operating_budget=st.none() | series,
        area_budget=st.none() | series,
        components=st.lists(
            st.builds(Component, st.sampled_from(["saving", "investment"]), text, series),
            max_size=3,
        ),
        allocations=st.none()
        | st.builds(Allocations, st.dictionaries(text, series), st.dictionaries(text, series)),
        staffing=st.none() | st.builds(Staffing, fte, st.none() | fte),
        description=text,
        notes=st.lists(text, max_size=3),
    )
)
def test_any_proposal_reads_back_the_same(p: Proposal) -> None:
    back = codec.loads(codec.dumps(p))
    assert back == p
    assert repr(back) == repr(p)
    assert all(
        type(v) is Decimal for v in (back.staffing.change_fte if back.staffing else {}).values()
    )
