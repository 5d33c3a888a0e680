"""The fast reader agrees with the exact one, or declines.

``yamlfast.read`` may return ``None`` for anything (the exact reader then takes the file); when
it returns a value, that value must be the one ``yamlsafe`` builds, of the same types (``1``,
``True`` and ``Decimal(1)`` are not the same value here), and the exact reader must have found
nothing to report. Hypothesis writes documents from a grammar of the YAML that budget files
use, with the spellings YAML readers disagree about mixed in, and then damages them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from budgetcli.folder import yamlfast
from budgetcli.folder.documents import top_key_position
from budgetcli.folder.yamlrules import Refused
from budgetcli.folder.yamlsafe import _Builder, positions_of

from .conftest import DATA, examples

T = TypeVar("T")


def same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (and dict keys in the same order)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return len(a) == len(b) and all(
            same(ka, kb) and same(va, vb)
            for (ka, va), (kb, vb) in zip(a.items(), b.items(), strict=True)
        )
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Decimal):
        return str(a) == str(b)
    return bool(a == b)


def exact(data: bytes) -> tuple[Any, bool]:
    """The exact reader's value, and whether it found nothing to report."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, False
    builder = _Builder("t.yaml", positions=False)
    value = builder.build(text)
    return value, not builder.problems and value is not None


def agrees(data: bytes) -> bool:
    """The property: declined, or the exact reader's value with nothing to report."""
    fast = yamlfast.read(data)
    if fast is None:
        return True
    value, clean = exact(data)
    assert clean, f"the fast reader accepted what the exact one reports: {data!r}"
    assert same(fast, value), f"{data!r}:\nfast  {fast!r}\nexact {value!r}"
    return True


# --- the bundled data and hand-picked cases ----------------------------------------------------


@pytest.mark.parametrize(
    "path", sorted(DATA.glob("**/*.yaml")), ids=lambda p: str(p.relative_to(DATA))
)
def test_every_bundled_file_reads_alike(path: Any) -> None:
    data = path.read_bytes()
    agrees(data)
    assert yamlfast.read(data) is not None  # the plain style of the bundled data is read fast


TYPICAL = b"""\
id: p1
title: "Forslag: noget"   # a comment
status: proposed
areas: [B60.10.20, 'B60.30.10']
date: 2023-06-22
operating_budget: 5000
change:
  inside_service_frame: {2024: -600, 2025: -600}
  outside_service_frame: {}
components:
  - {type: saving, label: "Bes \\"x\\" \\\\", amounts: {2024: -600, 2025: -600}}
  - type: investment
    label: It's
    amounts: 100
allocations:
  function_areas: {"053000-1": -600, '0530': {2024: 1}}
staffing:
  baseline_fte: 4.50
  change_fte: -0.5
notes:
- one
- 'two '' three'
description: |
  First line.

  Second # not a comment
    indented more
empty:
last: |-
  no newline kept
"""


def test_a_typical_file_is_read_fast_and_alike() -> None:
    value = yamlfast.read(TYPICAL)
    assert value is not None
    agrees(TYPICAL)
    assert value["components"][0]["label"] == 'Bes "x" \\'
    assert value["staffing"]["baseline_fte"] == Decimal("4.50")
    assert value["description"] == "First line.\n\nSecond # not a comment\n  indented more\n"
    assert value["last"] == "no newline kept"
    assert value["empty"] is None


@pytest.mark.parametrize(
    "text",
    [
        b"a: yes\n",  # YAML 1.1 boolean: refused by the exact reader
        b"a: 053026\n",  # leading zero
        b"a: [1, 0x1F]\n",
        b"a: {b: .nan}\n",
        b"a: 1\na: 2\n",  # duplicate key
        b"a: {b: 1, b: 2}\n",
        b"a: &x 1\nb: *x\n",  # anchor, alias
        b"a: !!str 1\n",  # tag
        b"<<: {a: 1}\n",
        b"a: {<<: 1}\n",
        b"a:\tb\n",  # tab
        b"a: b\r\nc: d\r\n",  # CR LF: left to the exact reader
        b"a: b\xc2\x85c\n",  # NEL, a line break to YAML 1.1
        b"a: b\xe2\x80\xa8c\n",  # LINE SEPARATOR
        b"\xef\xbb\xbfa: 1\n",  # a byte order mark
        b"a: \x01\n",
        b"a: [1,\n  2]\n",  # a flow collection over two lines
        b"a: b\n  c\n",  # a plain scalar over two lines
        b"a: >\n  folded\n  text\n",
        b"a: >-\n  folded\n  text\nb: 1\n",
        b"a: >\n  folded \n  text\n",  # a line ending in a space
        b"a: >\n  folded\n\n  text\n",  # a blank line
        b"a: >\n  folded\n    more indented\n",
        b"a: |+\n  kept\n\n",
        b"a: |2\n   indented\n",
        b"a: |\n  no final break",
        b"---\na: 1\n",
        b"a: 1\n---\nb: 2\n",
        b"a: 1\n...\n",
        b"- a\n- b\n",  # not a mapping
        b"",
        b"# only a comment\n",
        b"a: b: c\n",
        b"a: [b, ]\n",
        b"a: {b: }\n",
        b"a: {b}\n",
        b"a: [b: c]\n",
        b'a: "b\\nc"\n',  # an escape other than \" and \\
        b"a: 'b\n  c'\n",
        b"? a\n: b\n",
        b"a: %x\n",
        b"a: @x\n",
        b"a: `x\n",
        b"a: - b\n",
        b"a: 1.5\nb: {1.5: x}\n",
        b"true: 1\n",
        b"null: 1\n",
        b"a:\n  b: 1\n c: 2\n",  # an indentation error
        b"a:\n    - 1\n  - 2\n",
        b"a: |\n    x\n  y\n",
        b"a: |\n  x\n   \n",  # a line of spaces beyond the indentation
        b"a: \xff\n",  # not UTF-8
        # keys whose colon libyaml finds too far from their start (1,024 characters)
        b"k" * 1025 + b": 1\n",
        b'"' + b"k" * 1030 + b'": 1\n',
        b"x: {" + b"k" * 1025 + b": 1}\n",
        b"x: {" + b"k" * 1000 + b" " * 30 + b": 1}\n",
        b"x: [{" + b"k" * 1030 + b": 1}]\n",
        b"x:\n- " + b"k" * 1030 + b": 1\n",
        b"a: " + b"1" * 4400 + b"\n",  # more digits than Python makes an int of
    ],
)
def test_what_the_fast_reader_declines_or_reads_alike(text: bytes) -> None:
    agrees(text)


@pytest.mark.parametrize(
    "text",
    [
        b"a: yes\n",
        b"a: 1\na: 2\n",
        b"a: &x 1\n",
        b"a: b\r\n",
        b"a: [1,\n  2]\n",
        b"a: >\n  folded\n\n  with a blank line\n",
        b"a: |\n  no final break",
    ],
)
def test_it_declines_what_it_does_not_read(text: bytes) -> None:
    assert yamlfast.read(text) is None


# --- generated documents ---------------------------------------------------------------------

#: spellings that YAML readers disagree about, and ones that are only text
WORDS = [
    *["yes", "No", "ON", "off", "y", "n", "true", "False", "TRUE", "null", "Null", "~", "NULL"],
    *["0", "7", "-600", "+5", "053026", "0x1F", "0o17", "1_000", "12:30", "1e3", ".5", "0.50"],
    *["-1.25", ".nan", "-.inf", "2024", "2023-06-22"],
    *["saving", "B60.10.20", "a-b", "æøå", "Center", "C#", "a#b", "<<"],
]
#: characters to build other scalars from, indicators and odd whitespace among them
CHARS = "ab 09-:#,[]{}'\"\\|>&*!%@`?._~+\u00e6\u00a0\t\r\u0085\u2028\ufeff"

#: what budget files mostly hold: the property must be tested where the fast reader says yes
SAFE = ["saving", "a b", "-600", "2024", "0.5", "Center for X", "B60.10.20", "æøå", "p-1", "x_y"]
KEYS = ["id", "title", "amounts", "2024", "2025", "a", "b", "c", "d"]


def pick(draw: st.DrawFn, clean: bool, usual: list[T], odd: list[T]) -> T:
    """One of ``usual``; in a document that is not ``clean``, sometimes one of ``odd``."""
    return draw(st.sampled_from(usual if clean else usual + odd))


@st.composite
def scalars(draw: st.DrawFn, clean: bool) -> str:
    if clean or draw(st.booleans()):
        text = draw(st.sampled_from(SAFE))
    else:
        text = draw(st.one_of(st.sampled_from(WORDS), st.text(CHARS, max_size=6)))
    style = pick(draw, clean, ["plain", "plain", "plain", "single", "double"], ["double-raw"])
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "double-raw":
        return '"' + text + '"'
    return text


@st.composite
def keys(draw: st.DrawFn, clean: bool) -> str:
    if draw(st.integers(0, 2)) > 0:
        return draw(st.sampled_from(KEYS))
    return draw(scalars(clean))


@st.composite
def flows(draw: st.DrawFn, clean: bool, depth: int = 0) -> str:
    inner = st.one_of(scalars(clean), flows(clean, depth + 1)) if depth < 2 else scalars(clean)
    sep = pick(draw, clean, [", ", ", ", ","], [" , ", ",  ", ",,", ", ]"])
    if draw(st.booleans()):
        items = draw(st.lists(inner, max_size=4))
        return "[" + sep.join(items) + "]"
    pairs = draw(st.lists(st.tuples(keys(clean), inner), max_size=4, unique_by=lambda p: p[0]))
    colon = pick(draw, clean, [": ", ": ", ":  "], [":", " : ", ": : "])
    return "{" + sep.join(f"{k}{colon}{v}" for k, v in pairs) + "}"


@st.composite
def literal(draw: st.DrawFn, clean: bool, indent: int) -> list[str]:
    header = pick(draw, clean, ["|", "|", "|-", "| # c", ">", ">-"], ["|+", ">+", "|2", "|x"])
    pad = " " * (indent + draw(st.sampled_from([1, 2, 2, 4])))
    lines = [header]
    usual = ["text", "more text", "", "  deeper", "#x", "a: b", "- c"]
    texts = (
        st.sampled_from(usual)
        if clean
        else st.one_of(st.sampled_from(usual), st.text("ab #:-'\" \t", max_size=8))
    )
    for text in draw(st.lists(texts, min_size=1, max_size=4)):
        lines.append("\n" + (pad + text if text or draw(st.booleans()) else ""))
    return lines


@st.composite
def block(draw: st.DrawFn, clean: bool, indent: int = 0, depth: int = 0) -> str:
    """A block mapping or sequence at ``indent``, as lines of text."""
    pad = " " * indent
    out = []
    as_sequence = depth > 0 and draw(st.integers(0, 3)) == 0
    used: set[str] = set()
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 6)) == 0:
            out.append(pick(draw, clean, ["", pad + "# comment"], ["   ", " # shifted"]))
        colon = pick(draw, clean, [": ", ": ", ":  "], [":", " :"])
        key = draw(keys(clean))
        if clean and key in used:
            continue
        used.add(key)
        head = pad + ("- " if as_sequence else key + colon)
        kind = draw(st.integers(0, 9))
        comment = pick(draw, clean, ["", "", " # note", "  #x"], ["#x", " #"])
        if kind <= 4:
            out.append(head + draw(scalars(clean)) + comment)
        elif kind <= 6:
            out.append(head + draw(flows(clean)) + comment)
        elif kind == 7 and depth < 3:
            step = 2 if as_sequence else pick(draw, clean, [2, 2, 4, 0], [1])
            out.append(head.rstrip())
            out.append(draw(block(clean, indent + step, depth + 1)))
        else:
            out.append(head + "".join(draw(literal(clean, indent))))
    return "\n".join(out) if out else pad + "k: v"


documents = st.builds(
    lambda text, end: text + end,
    st.booleans().flatmap(block),
    st.sampled_from(["\n", "\n", "", "\n\n"]),
)


def damaged(text: str, edits: list[tuple[int, str]]) -> str:
    """``text`` with each edit's character put in place of the one at its place (an empty
    one: that character removed)."""
    for place, char in edits:
        at = place % (len(text) + 1)
        text = text[:at] + char + text[at + 1 :] if char else text[:at] + text[at + 1 :]
    return text


#: generated documents damaged in up to three places
damaged_documents = st.builds(
    damaged,
    documents,
    st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from([*CHARS, "\n", "  ", ""])),
        min_size=1,
        max_size=3,
    ),
)


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
@example("a: {b: 1}\n")
def test_generated_documents_read_alike(text: str) -> None:
    agrees(text.encode("utf-8"))


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_documents)
def test_damaged_documents_read_alike(text: str) -> None:
    agrees(text.encode("utf-8"))


@pytest.mark.slow
def test_the_generator_reaches_what_the_fast_reader_accepts() -> None:
    """Guard against a grammar that only produces declined documents: the property above
    would then hold for nothing."""
    accepted = 0

    @settings(
        max_examples=300,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(documents)
    def count(text: str) -> None:
        nonlocal accepted
        if yamlfast.read(text.encode("utf-8")) is not None:
            accepted += 1

    count()
    assert accepted >= 80


@pytest.mark.parametrize(
    "text",
    [
        b'a: "' + b"x" * 2_000_000 + b'"\n',  # once ~140 bytes of memory a byte
        b"a: '" + b"x" * 2_000_000 + b"'\n",
        b"a: " + b"x" * 2_000_000 + b"\n",
    ],
    ids=["double-quoted", "single-quoted", "plain"],
)
def test_a_long_value_costs_a_small_multiple_of_its_size(text: bytes) -> None:
    import tracemalloc

    tracemalloc.start()
    try:
        value = yamlfast.read(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert value is not None and len(value["a"]) == 2_000_000
    assert peak < 10 * len(text)


# --- positions: where a message is placed --------------------------------------------------------


def placed_alike(data: bytes) -> None:
    """The property of positions: declined, or every key and item where the exact reader
    places it (the same line and column), and no other."""
    fast = yamlfast.positions(data)
    if fast is None:
        assert yamlfast.read(data) is None
        return
    assert fast == positions_of(data, "t.yaml"), data
    for key in yamlfast.read(data):  # the short way to a top-level key's line, where it tells
        found = top_key_position(data, (key,))
        assert found is None or found == fast[(key,)], (key, data)
    assert top_key_position(data, ("no_such_key",)) is None


def test_a_top_level_key_is_found_where_the_reader_places_it() -> None:
    """``top_key_position`` finds every plain top-level key of the bundled and generated
    proposals, at the reader's own position; not a nested one, nor a quoted one."""
    paths = sorted(DATA.glob("**/*.yaml"))
    assert paths
    for path in paths:
        data = path.read_bytes()
        fast = yamlfast.positions(data)
        assert fast is not None
        for key in yamlfast.read(data):
            assert top_key_position(data, (key,)) == fast[(key,)], (path, key)
    data = b'id: a\nchange:\n  inside: {2024: 1}\n"kind": reduction\nchange_x: 1\n'
    assert top_key_position(data, ("change",)) == (2, 1)
    assert top_key_position(data, ("change", "inside")) is None
    assert top_key_position(data, ("kind",)) is None  # quoted: the full positions say
    assert top_key_position(data, ("inside",)) is None
    assert top_key_position(data, ("change_x",)) == (5, 1)


@settings(max_examples=examples(600), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
@example("a: {b: 1}\n")
@example("- [1, {a: [x, 'y'], \"b\": {}}, []]\n")
@example('# a comment\n\nk:\n- a: 1\n  b:   [ 2 ,3 ]\n-   "q"\n')
def test_generated_documents_are_placed_alike(text: str) -> None:
    placed_alike(text.encode("utf-8"))


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_documents)
def test_damaged_documents_are_placed_alike(text: str) -> None:
    placed_alike(text.encode("utf-8"))


@pytest.mark.parametrize(
    "path", sorted(DATA.glob("**/*.yaml")), ids=lambda p: str(p.relative_to(DATA))
)
def test_every_bundled_file_is_placed_alike(path: Any) -> None:
    data = path.read_bytes()
    assert yamlfast.positions(data) is not None  # the fast reader takes every bundled file
    placed_alike(data)


# --- the shapes read in one match ---------------------------------------------------------------
#
# ``mapping`` reads a line ``key: value`` of the commonest shapes from one match, and
# ``_collection`` a flow mapping of scalars and flat collections from one match: their values
# must be the ones ``entry`` and the token-by-token reading give, which the exact reader holds
# them to. The generators below write those shapes with the spellings around them that must be
# read otherwise, or declined.

#: values that look alike and are not: quoted and plain, numbers YAML tools read otherwise,
#: nulls, YAML 1.1 booleans, ``#`` and ``: `` in and out of quotes, trailing spaces
NEAR = [
    *["2024", '"2024"', "'2024'", "0x10", "1_000", ".5", "-0", "-600", "+5", "053026", "1.50"],
    *["~", "null", "Null", "yes", "No", "on", "OFF", "true", "FALSE", ".inf", "12:30", "1e3"],
    *["a#b", "a #b", "C#", "a: b", '"a: b"', "'a: b'", '"a, b"', "'it''s'", '"q \\" x"', "x:"],
    *['"a # b"', "- x", "-x", "-", "?", "<<", "a,b", "a b  ", "æøå", "Center for X", "B60.10.20"],
    *['""', "''", "a\tb", '"\\n"', "|", ">", "&a", "*a", "!x", "%x", "@x", "`x", "{}", "[]"],
]
NEAR_KEYS = [*KEYS, '"2024"', "'a'", "+2024", "0x1", "true", "null", "<<", "a b", "1.5", "-1"]


#: values the fast reader takes that read otherwise than they look, or near a refusal
READ_NEAR = [*SAFE, '"2024"', "'a b'", '"a: b"', '"a # b"', "a#b", "C#", "~", "null", "true"]
READ_NEAR += ["-0", "1.50", "a b  ", '"053000-1"', "'it''s'", '"q \\" x"', "-x", "B-1"]


def near(draw: st.DrawFn, clean: bool, usual: list[str], odd: list[str]) -> str:
    """One of ``usual``; in a document that is not ``clean``, one of ``odd`` one time in
    four (a clean document is read: the property says something; the others are near what
    must be declined)."""
    return draw(st.sampled_from(odd if not clean and draw(st.integers(0, 3)) == 0 else usual))


@st.composite
def flow_scalars(draw: st.DrawFn, clean: bool) -> str:
    return near(draw, clean, READ_NEAR, NEAR)


@st.composite
def flat_flows(draw: st.DrawFn, clean: bool) -> str:
    """A flow collection of scalars, as written in budget files and near them."""
    sep = near(draw, clean, [", ", ", ", ","], [",  ", " , ", ", ,", ",\n  ", ", "])
    items = draw(st.lists(flow_scalars(clean), min_size=1, max_size=5))
    inside = near(draw, clean, [""], [" ", "  "])
    if draw(st.booleans()):
        return "[" + inside + sep.join(items) + inside + "]"
    colon = near(draw, clean, [": "], [":  ", ":", " : "])
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=len(items), max_size=len(items)))
    keys = [near(draw, clean, [key], NEAR_KEYS) for key in keys]
    if clean:
        items = items[: len(set(keys))]
        keys = list(dict.fromkeys(keys))
    return (
        "{"
        + inside
        + sep.join(f"{k}{colon}{v}" for k, v in zip(keys, items, strict=True))
        + inside
        + "}"
    )


@st.composite
def nested_flows(draw: st.DrawFn, clean: bool) -> str:
    """A flow mapping whose values are scalars and flat collections, or a flat one."""
    values = st.one_of(flow_scalars(clean), flat_flows(clean))
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
    pairs = [(near(draw, clean, [key], NEAR_KEYS), draw(values)) for key in keys]
    sep = near(draw, clean, [", ", ","], [" , ", ",  "])
    return "{" + sep.join(f"{k}: {v}" for k, v in pairs) + "}"


@st.composite
def common_line(draw: st.DrawFn, clean: bool, pad: str, key: str) -> str:
    """``key: value`` at ``pad``, its value a scalar or a flow collection, maybe a comment."""
    value = draw(st.one_of(flow_scalars(clean), flat_flows(clean), nested_flows(clean)))
    colon = near(draw, clean, [": ", ": ", ":  "], [":", ": \t"])
    end = near(draw, clean, ["", "", " ", " # c"], ["  ", "  #c", "#c", " \t"])
    return pad + key + colon + value + end


@st.composite
def common_lines(draw: st.DrawFn) -> str:
    """A document of ``key: value`` lines, with a block mapping of them or a sequence of flow
    mappings under some keys; its keys distinct, or near it."""
    clean = draw(st.booleans())
    lines = []
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6, unique=True))
    for key in [near(draw, clean, [key], NEAR_KEYS) for key in keys]:
        if draw(st.integers(0, 2)):
            lines.append(draw(common_line(clean, "", key)))
            continue
        lines.append(key + ":")
        inner = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=3, unique=True))
        as_sequence = draw(st.booleans())
        for item in inner:
            if as_sequence:
                lines.append("  - " + draw(nested_flows(clean)))
            else:
                lines.append(draw(common_line(clean, "  ", near(draw, clean, [item], NEAR_KEYS))))
    return "\n".join(lines) + "\n"


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(common_lines())
@example("a: 2024\nb: '2024'\nc: 0x10\n")
@example('a: {"2024": 1, 2024: 2}\n')
@example("a: {k: {2024: -600, 2025: -600}, l: [x, y], m: z}\n")
@example('a:\n  - {type: saving, label: "a: b", amounts: {2024: -1}}\n')
def test_the_common_shapes_read_alike(text: str) -> None:
    agrees(text.encode("utf-8"))
    placed_alike(text.encode("utf-8"))


DECLINED = (yamlfast._Decline, Refused)


def by_tokens(text: str) -> Any:
    """A flow collection read token by token (no one-match shape) and where it ends, or
    ``None`` if declined (for one reason or another: which comes first may differ)."""
    read = yamlfast._flow_mapping if text[0] == "{" else yamlfast._flow_sequence
    try:
        return read(text, 0, yamlfast._Scalars({}), 1)
    except DECLINED:
        return None


@settings(max_examples=examples(400), deadline=None)
@given(st.booleans().flatmap(lambda clean: st.one_of(flat_flows(clean), nested_flows(clean))))
@example('{"053000-1": {2024: -600, 2025: -600}}')
@example("{a: 1, b: {c: 2}, d: [e, 'f''g']}")
def test_a_collection_read_in_one_match_is_the_one_read_token_by_token(text: str) -> None:
    """Whatever the one-match shapes take, the token-by-token reading reads alike."""
    try:
        value = yamlfast._collection(text, 0, yamlfast._Scalars({}), 1)
    except DECLINED:
        assert by_tokens(text) is None, text
        return
    tokens = by_tokens(text)
    assert tokens is not None, text
    assert same(value[0], tokens[0]) and value[1] == tokens[1], (text, value, tokens)


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(common_lines(), min_size=2, max_size=5))
def test_a_shared_memo_reads_each_file_as_alone(texts: list[str]) -> None:
    """The memo of scalars lives across the files of a worker: what one file left in it
    (a plain scalar with trailing spaces, a quoted one) changes nothing in the next."""
    memo: dict[str, Any] = {}
    for text in texts:
        data = text.encode("utf-8")
        shared, alone = yamlfast.read(data, memo), yamlfast.read(data)
        assert same(shared, alone), (text, shared, alone)


#: lines of each shape read in one match, and the values the exact reader gives them
ONE_MATCH = {
    b"a: plain text\n": {"a": "plain text"},
    b"a: trailing  \n": {"a": "trailing"},
    b'a: "q: # x"\n': {"a": "q: # x"},
    b"a: 'q'\n": {"a": "q"},
    b"a: -600\n": {"a": -600},
    b"2024: 0.50\n": {2024: Decimal("0.50")},
    b"a: {2024: -600, 2025: x y }\n": {"a": {2024: -600, 2025: "x y"}},
    b'a: {"053": {2024: 1}, t: [x, "y"]}\n': {"a": {"053": {2024: 1}, "t": ["x", "y"]}},
    b"a:\n- {k: {2024: 1}}\n": {"a": [{"k": {2024: 1}}]},
}


@pytest.mark.parametrize("text", list(ONE_MATCH), ids=lambda t: t.decode())
def test_the_one_match_shapes_are_read(text: bytes) -> None:
    assert same(yamlfast.read(text), ONE_MATCH[text])
    agrees(text)
