"""What ``budgetcli import`` and ``new`` write reads back as it was written (issue 23): a file of
any texts, ids and figures in range is read by ``validate`` to the same values, with no error
the writing caused; a text the model would refuse never reaches the file (``cleaning``).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from budgetcli.folder.listing import DataFile
from budgetcli.folder.proposalfile import proposal_text, word
from budgetcli.store.load import compute
from budgetcli.word.cleaning import LINE_FIELDS
from budgetcli.word.draft import Draft

from .conftest import DATA, examples

AREAS = (DATA / "areas.yaml").read_bytes()
YEARS = (2024, 2025, 2026, 2027)
#: texts of every kind: words YAML reads otherwise, quotes, backslashes, Danish letters,
#: controls, line and paragraph separators, bidirectional overrides, emoji
texts = st.one_of(
    st.sampled_from(["2027", "no", "1e3", "null", "~", "true", "- x", "#", "a: b", "'", '"']),
    st.text(min_size=1, max_size=40),
)
amounts = st.integers(-(10**12) + 1, 10**12 - 1)
series = st.one_of(amounts, st.dictionaries(st.sampled_from(YEARS), amounts, max_size=4))


def cleaned(fields: dict[str, Any]) -> dict[str, Any] | None:
    """``fields`` as import cleans a page's texts; ``None`` if the page would be refused (a
    bidirectional override) or a text is left empty."""
    draft = Draft("p.txt", 1, 1, dict(fields))
    from budgetcli.word.cleaning import clean_fields

    clean_fields(draft)
    if draft.refused or any(not draft.fields[k] for k in LINE_FIELDS if k in draft.fields):
        return None
    return draft.fields


def read_back(text: str, pid: str) -> Any:
    files = [
        DataFile("data/areas.yaml", "areas.yaml", AREAS),
        DataFile(f"data/proposals/{pid}.yaml", f"proposals/{pid}.yaml", text.encode("utf-8")),
    ]
    return compute(files)


@settings(max_examples=examples(300), deadline=None)
@given(
    title=texts,
    center=texts,
    contact=texts,
    description=st.text(max_size=200),
    inside=series,
    fte=st.decimals(-1000, 1000, places=2, allow_nan=False),
)
def test_a_written_proposal_reads_back_to_its_values(
    title: str, center: str, contact: str, description: str, inside: Any, fte: Decimal
) -> None:
    fields = cleaned(
        {"title": title, "center": center, "contact": contact, "description": description}
    )
    if fields is None:
        return
    pid = "p"
    value = {
        "id": pid,
        "status": "proposed",
        "areas": ["B60.30.10"],
        "committee": "Social- og Sundhedsudvalget",
        "date": datetime.date(2023, 6, 22),
        "change": {"inside_service_frame": inside},
        "staffing": {"change_fte": fte},
        **{k: v for k, v in fields.items() if v or k != "description"},
    }
    checked = read_back(proposal_text(value, "a comment"), pid)
    errors = [p for p in checked.problems if p.is_error]
    assert errors == [], errors
    assert checked.budget is not None
    (loaded,) = checked.budget.proposals
    p = loaded.proposal
    assert (p.title, p.center, p.contact) == (fields["title"], fields["center"], fields["contact"])
    assert (p.description or "") == fields.get("description", "").rstrip().replace("\t", "    ")
    expected = inside if isinstance(inside, dict) else dict.fromkeys(YEARS, inside)
    assert p.change.inside_service_frame == expected
    assert p.staffing is not None and p.staffing.change_fte == dict.fromkeys(YEARS, fte)


@given(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,20}", fullmatch=True))
def test_any_id_is_written_so_that_it_reads_back_as_itself(pid: str) -> None:
    text = proposal_text(
        {"id": pid, "title": "T", "status": "proposed", "areas": ["B60.30.10"], "change": {}}
    )
    assert f"id: {word(pid)}\n" in text
    checked = read_back(text, pid)
    assert [
        p
        for p in checked.problems
        if p.rule in ("id-mismatch", "yaml-boolean", "ambiguous-number", "leading-zero")
    ] == []
    assert checked.budget is not None
    (loaded,) = checked.budget.proposals
    assert loaded.proposal.id == pid
