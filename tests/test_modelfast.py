"""The proposal checked without pydantic is the model's proposal, or declines.

``modelfast.proposal`` may return ``None`` for anything (the model then reads the file); when it
returns a value, the model must accept the same input and make the same domain value, of the
same types (``1`` and ``True``, ``Decimal("3.9")`` and ``Decimal("3.90")`` are not the same
here), which the store keeps as it is. (Not always the same bytes: ``marshal`` writes a text
seen twice as a reference to the first, and the model makes new texts where this module keeps
the ones read.) Hypothesis writes proposals the common way and then puts
odd values in their fields: the other types, texts with spaces, controls and line breaks around
or inside, years outside the budget or written as text, FTE with three decimals.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from budgetcli.folder import modelfast, yamlfast
from budgetcli.folder.modelfast import AMOUNT_LIMIT
from budgetcli.folder.models import ProposalFile
from budgetcli.store import codec

from .conftest import DATA, REPO, examples

YEARS = [2024, 2025, 2026, 2027]


def model(value: Any) -> Any:
    return ProposalFile.model_validate(value, context={"years": YEARS}).to_domain()


def agrees(value: Any) -> bool:
    """The fast path declines ``value``, or it makes what the model makes (True: it took it)."""
    fast = modelfast.proposal(value, YEARS)
    if fast is None:
        return False
    made = model(value)  # raises if the model refuses what the fast path took
    assert repr(fast) == repr(made)  # the types too: repr tells 1 from True, 3.9 from 3.90
    assert repr(codec.loads(codec.dumps(fast))) == repr(made)  # and the store keeps it so
    return True


# --- what a proposal holds, written the common way --------------------------------------------

_PRINTABLE = st.characters(categories=("L", "N", "P", "S"), include_characters=" ")
line = st.text(_PRINTABLE, min_size=1, max_size=12).filter(lambda t: t == t.strip())
prose = st.lists(line, max_size=3).map(lambda lines: "".join(f"{x}\n" for x in lines))
code = st.from_regex(r"[A-Z0-9][A-Z0-9.\-]{0,9}", fullmatch=True)
amount = st.one_of(
    st.integers(-(10**9), 10**9),
    st.integers(-(AMOUNT_LIMIT - 1), AMOUNT_LIMIT - 1),
    st.sampled_from([AMOUNT_LIMIT - 1, 1 - AMOUNT_LIMIT]),  # the largest allowed
)
#: amounts beyond any budget: the fast path declines them, the model refuses them
huge = st.one_of(
    st.sampled_from([AMOUNT_LIMIT, -AMOUNT_LIMIT, 2**53 + 1, 2**63, -(2**63) - 1]),
    st.integers(AMOUNT_LIMIT, 10**100),
    st.integers(-(10**100), -AMOUNT_LIMIT),
)
series = st.one_of(amount, st.dictionaries(st.sampled_from(YEARS), amount))
fte = st.one_of(
    st.integers(-5000, 5000),
    st.decimals(min_value=-5000, max_value=5000, places=2, allow_nan=False),
    st.decimals(min_value=-50, max_value=50, places=3).filter(
        lambda d: d == d.quantize(Decimal("0.01"))
    ),
)
fte_series = st.one_of(fte, st.dictionaries(st.sampled_from(YEARS), fte))
iso_date = st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)).map(str)

# --- and odd values, put anywhere -------------------------------------------------------------

_ODD_TEXT = st.one_of(
    st.text(max_size=6),
    line.map(lambda t: f" {t}"),
    line.map(lambda t: f"{t}\t"),
    line.map(lambda t: f"{t}\u00a0"),
    line.map(lambda t: f"{t}\n{t}"),
    st.sampled_from(
        ["", " ", "Proposed", "saving ", "2024", "2023-02-30", "22-06-2023", "3", "2,5"]
    ),
)
odd = st.one_of(
    huge,
    st.dictionaries(st.sampled_from(YEARS), huge, min_size=1, max_size=2),
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.sampled_from(
        [Decimal("4.500"), Decimal("0.001"), Decimal("1E+7"), Decimal("-0"), Decimal("2")]
    ),
    _ODD_TEXT,
    st.dates(),
    st.datetimes().map(lambda d: d),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(
        st.sampled_from([2024, "2024", 2031, 1899, True, "x"]), st.integers(), max_size=2
    ),
)


def maybe(valid: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly ``valid``, sometimes an odd value."""
    return st.one_of(valid, valid, valid, odd)


def _mapping(required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy[Any]:
    fields = st.fixed_dictionaries(
        {k: maybe(v) for k, v in required.items()},
        optional={k: maybe(v) for k, v in optional.items()},
    )
    extra = st.dictionaries(st.sampled_from(["titel", "Status", "amount"]), odd, max_size=1)
    dropped = st.sampled_from([None, *required])
    return st.tuples(fields, extra, dropped).map(
        lambda t: {k: v for k, v in {**t[0], **t[1]}.items() if k != t[2]}
    )


def proposals(odd_values: bool = True) -> st.SearchStrategy[Any]:
    m = _mapping if odd_values else _plain
    return m(*fields(odd_values))


def fields(
    odd_values: bool = True,
) -> tuple[dict[str, st.SearchStrategy[Any]], dict[str, st.SearchStrategy[Any]]]:
    """The values of a proposal's fields, the required and the optional: every key the fast
    path takes (``tests/test_shape.py`` holds them to ``modelfast.TAKEN``)."""
    m = _mapping if odd_values else _plain
    component = m(
        {"type": st.sampled_from(["saving", "investment"]), "label": line, "amounts": series}, {}
    )
    odd_code = st.one_of(code, code, _ODD_TEXT, st.integers(0, 99999), st.booleans())  # hashable
    by_code = st.dictionaries(
        odd_code if odd_values else code, maybe(series) if odd_values else series, max_size=3
    )
    return (
        {
            "id": st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,8}", fullmatch=True),
            "title": line,
            "status": st.sampled_from(["proposed", "adopted", "rejected", "realized"]),
            "areas": st.lists(code, min_size=1, max_size=3),
            "change": m(
                {},
                {
                    "inside_service_frame": series,
                    "outside_service_frame": series,
                    "construction": series,
                },
            ),
        },
        {
            "kind": st.sampled_from(["reduction", "expansion", "construction", "technical"]),
            "construction_grant": amount,
            "committee": line,
            "center": line,
            "contact": line,
            "date": iso_date,
            "operating_budget": series,
            "area_budget": series,
            "components": st.lists(component, max_size=3),
            "allocations": m({}, {"function_areas": by_code, "cost_centers": by_code}),
            "staffing": m({"change_fte": fte_series}, {"baseline_fte": fte_series}),
            "source": m({"document": line, "page": st.integers(1, 10**6)}, {}),
            "description": prose,
            "notes": st.lists(prose, max_size=2),
        },
    )


def _plain(required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy[Any]:
    return st.fixed_dictionaries(required, optional=optional)


@settings(max_examples=examples(1500), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proposals())
def test_the_fast_path_makes_the_models_proposal_or_declines(value: Any) -> None:
    agrees(value)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proposals(odd_values=False))
def test_a_proposal_written_the_common_way_takes_the_fast_path(value: Any) -> None:
    assert agrees(value)


#: where an amount stands in a proposal: a change to make to it, putting ``v`` there
_AMOUNT_PLACES = {
    "inside_service_frame": lambda p, v: p["change"].update(inside_service_frame=v),
    "construction (a year)": lambda p, v: p["change"].update(construction={2025: v}),
    "construction_grant": lambda p, v: p.update(construction_grant=v),
    "operating_budget (a year)": lambda p, v: p.update(operating_budget={2024: 1, 2026: v}),
    "area_budget": lambda p, v: p.update(area_budget=v),
    "a component": lambda p, v: p.update(
        components=[*p.get("components", []), {"type": "saving", "label": "x", "amounts": v}]
    ),
    "a cost centre": lambda p, v: p.update(allocations={"cost_centers": {"K1": {2027: v}}}),
}


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(proposals(odd_values=False), huge, st.sampled_from(sorted(_AMOUNT_PLACES)))
def test_an_amount_beyond_any_budget_is_declined_here_and_refused_by_the_model(
    value: Any, number: int, place: str
) -> None:
    _AMOUNT_PLACES[place](value, number)
    assert modelfast.proposal(value, YEARS) is None
    with pytest.raises(ValidationError) as refused:
        model(value)
    assert "amount_range" in {e["type"] for e in refused.value.errors()}


def test_every_bundled_proposal_takes_the_fast_path() -> None:
    files = sorted((DATA / "proposals").glob("*.yaml"))
    assert len(files) == 11
    for path in files:
        assert agrees(yamlfast.read(path.read_bytes())), path.name


def test_a_file_import_writes_takes_the_fast_path() -> None:
    """An imported proposal names its document page (``source``): read without pydantic."""
    from budgetcli.folder.proposalfile import proposal_text

    text = proposal_text(
        {
            "id": "p1",
            "title": "Lukning af Tinghuset",
            "status": "proposed",
            "areas": ["B60.30.10"],
            "change": {"inside_service_frame": {2024: -50}},
            "source": {"document": "Budget 2024 (spareforslag).docx", "page": 3},
            "notes": ["Read from the document's page 3."],
            "description": "Tinghuset lukkes.",
        },
        "imported by budgetcli import",
    )
    assert agrees(yamlfast.read(text.encode()))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", " Lukning af Tinghuset"),  # the model strips it: it decides, not a guess here
        ("status", "Proposed"),
        ("areas", [" B60.30.10"]),
        ("areas", []),
        ("change", {"inside_service_frame": {"2024": -50}}),  # a year as text (JSON)
        ("change", {"inside_service_frame": {2031: -50}}),  # not a year of the budget
        ("change", {"inside_service_frame": True}),
        ("operating_budget", Decimal("12.5")),
        ("staffing", {"change_fte": Decimal("-3.905")}),
        ("staffing", {"baseline_fte": 3}),  # change_fte is required
        ("date", "22-06-2023"),
        ("date", "2023-02-30"),
        ("description", "tekst\u202e"),
        ("notes", "one note, not a list"),
        ("titel", "a misspelt key"),
        ("source", {"document": "x.docx", "page": 0}),
        ("source", {"document": " x.docx", "page": 1}),
        ("source", {"document": "x.docx"}),
        ("source", {"document": "x.docx", "page": 1, "line": 2}),
        ("kind", "anlæg"),
        ("kind", "Construction"),
        ("construction_grant", "25.000"),
        ("construction_grant", Decimal("25000.5")),
        ("change", {"construction": {2024: "5000"}}),
        ("change", {"inside_service_frame": AMOUNT_LIMIT}),  # beyond any budget: refused there
        ("change", {"outside_service_frame": {2024: -AMOUNT_LIMIT}}),
        ("operating_budget", 2**63),
        ("construction_grant", 2**53 + 1),
        ("components", [{"type": "saving", "label": "a", "amounts": -AMOUNT_LIMIT}]),
        ("allocations", {"cost_centers": {"1": {2024: 10**20}}}),
    ],
)
def test_anything_unusual_is_left_to_the_model(field: str, value: Any) -> None:
    proposal: dict[str, Any] = {
        "id": "p1",
        "title": "Lukning af Tinghuset",
        "status": "proposed",
        "areas": ["B60.30.10"],
        "change": {"inside_service_frame": -50},
    }
    assert agrees(proposal)
    assert modelfast.proposal({**proposal, field: value}, YEARS) is None


def test_an_edited_proposal_is_read_again_without_pydantic(tmp_path: Path) -> None:
    """With the cache, one edited proposal goes through the stages without importing pydantic
    (or PyYAML): ~0.1 s of a run that reads one file of 10,000."""
    import shutil

    shutil.copytree(DATA, tmp_path / "data")
    cache = tmp_path / "cache"
    script = (
        "import sys; from budgetcli.cli import main\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'pydantic', 'yaml'}), code,"
        " file=sys.stderr)\n"
    )
    env = {"BUDGETCLI_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}

    def imported(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, *args, "--data", str(tmp_path / "data")],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
            check=False,
        )
        return done.stderr.strip().splitlines()[-1]

    # the first run: every file read (pydantic's models built; PyYAML no longer, since the fast
    # reader takes every bundled file and places a warned file's messages itself)
    assert imported("summary") == "['pydantic'] 0"
    path = tmp_path / "data" / "proposals" / "hjemloeseindsats.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('title: "', 'title: "Ny ', 1), encoding="utf-8"
    )
    assert imported("summary") == "[] 0"
    assert imported("validate") == "[] 0"


@settings(max_examples=examples(500), deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
@example("a\n\tb\u00e6\u00a0")
@example("\u2028")
@example("x\u0085")
def test_prose_is_refused_as_the_pattern_refuses_it(text: str) -> None:
    """The Latin-1 way of telling a refused character in prose says what the pattern says,
    for any text; and for every one of the 256 Latin-1 characters on its own."""
    assert modelfast.refused_in_prose(text) == bool(modelfast.BAD_IN_PROSE.search(text))
    for char in map(chr, range(256)):
        assert modelfast.refused_in_prose(char) == bool(modelfast.BAD_IN_PROSE.search(char))
