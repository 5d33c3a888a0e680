"""Messages that say how to fix it: a tab, a decimal comma, keys the model reads as one.

Each through ``budgetcli validate`` with its exact text and exit code; the key rule also as a
property of both readers for every year and spelling.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.folder import yamlfast, yamlsafe
from budgetcli.folder.yamlrules import resolve_plain

from .conftest import proposal_yaml

pytestmark = pytest.mark.store

P = "d/proposals/p1.yaml"
TAB = "a tab in the indentation: indent with spaces (YAML does not allow tabs there) [yaml-tab]"
Validate = Callable[[str], tuple[int, list[str], str]]


@pytest.fixture
def validate(
    make_data: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Validate:
    def run(text: str) -> tuple[int, list[str], str]:
        make_data(p1=text)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("BUDGETCLI_NO_CACHE", "1")
        result = CliRunner().invoke(app, ["validate", "d"])
        assert "Traceback" not in result.stdout + result.stderr
        return result.exit_code, result.stdout.splitlines(), result.stderr

    return run


# --- a tab in the indentation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ("\n\tinside_service_frame: -100", "6:1"),  # a tab alone
        ("\n  \tinside_service_frame: -100", "6:3"),  # after two spaces
        ("\n  inside_service_frame: -100\n\toutside_service_frame: 0", "7:1"),
        ("{inside_service_frame:\n\t-100}", "6:1"),  # in a flow mapping: libyaml takes it
        ('\n  inside_service_frame: -100\nnotes: ["a\n\tb"]', "8:1"),  # in quoted text
    ],
)
def test_a_tab_in_the_indentation_is_called_a_tab(
    validate: Validate, change: str, where: str
) -> None:
    code, lines, stderr = validate(proposal_yaml(change=change))
    assert code == 1
    assert lines == [f"{P}:{where}: error: {TAB}"]
    assert stderr == "2 files checked: 1 error, 0 warnings\n"


def test_a_tab_in_a_block_scalar_is_called_a_tab(validate: Validate) -> None:
    code, lines, _ = validate(proposal_yaml(description="|\n\tTekst"))
    assert code == 1
    assert lines == [f"{P}:7:1: error: {TAB}"]


def test_a_tab_after_the_indentation_of_a_plain_continuation_is_white_space() -> None:
    doc = yamlsafe.load_text("a: b\n \tc\n", "t.yaml")
    assert doc.problems == [] and doc.value == {"a": "b c"}


# --- a decimal comma in a flow mapping -------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            "{inside_service_frame: {2024: 1, 2025: -0,5}}",
            "5:48: error: -0,5 is not a number: write -0.5",
        ),
        (
            "{inside_service_frame: {2024: -1,5, 2025: 2}}",
            "5:39: error: -1,5 is not a number: write -1.5",
        ),
        ("{inside_service_frame: 2,5}", "5:32: error: 2,5 is not a number: write 2.5"),
    ],
)
def test_a_decimal_comma_in_a_flow_map_gets_the_comma_hint_alone(
    validate: Validate, change: str, expected: str
) -> None:
    code, lines, stderr = validate(proposal_yaml(change=change))
    assert code == 1
    assert lines == [f"{P}:{expected} (in YAML a comma separates entries) [decimal-comma]"]
    assert stderr == "2 files checked: 1 error, 0 warnings\n"


def test_a_comma_without_a_space_between_entries_is_fine(validate: Validate) -> None:
    code, lines, _ = validate(proposal_yaml(change="{inside_service_frame: {2024: -1,2025: -2}}"))
    assert (code, lines) == (0, [])


# --- keys that the model reads as one --------------------------------------------------------


def test_a_year_and_the_same_year_quoted_are_a_duplicate_key(validate: Validate) -> None:
    code, lines, _ = validate(
        proposal_yaml(change='{inside_service_frame: {2024: -9999, "2024": -50}}')
    )
    assert code == 1
    assert lines == [
        f'{P}:5:46: error: duplicate key "2024" (the same key as 2024 on line 5); only one '
        "would be kept: remove or rename one [duplicate-key]"
    ]


def test_codes_that_differ_only_in_spaces_are_a_duplicate_key(validate: Validate) -> None:
    text = proposal_yaml(allocations='\n  cost_centers:\n    "0530": -100\n    " 0530 ": -100')
    code, lines, _ = validate(text)
    assert code == 1
    assert lines == [
        f'{P}:9:5: error: duplicate key " 0530 " (the same key as "0530" on line 8); only one '
        "would be kept: remove or rename one [duplicate-key]"
    ]


SPELLINGS = [
    "{y}",
    '"{y}"',
    "'{y}'",
    '" {y}"',
    "'{y} '",
    '"+{y}"',
    "'{y}.0'",
    '"0{y}"',
]


@settings(deadline=None)
@given(
    st.integers(1000, 9999),
    st.sampled_from(SPELLINGS),
    st.sampled_from(SPELLINGS),
    st.booleans(),
)
def test_two_spellings_of_one_year_are_a_duplicate_key_in_both_readers(
    year: int, first: str, second: str, flow: bool
) -> None:
    a, b = first.format(y=year), second.format(y=year)
    text = f"m: {{{a}: 1, {b}: 2}}\n" if flow else f"m:\n  {a}: 1\n  {b}: 2\n"
    assert yamlfast.read(text.encode()) is None
    doc = yamlsafe.load_text(text, "t.yaml")
    assert [(p.line, p.col, p.rule) for p in doc.problems] == [
        (1, 10 + len(a), "duplicate-key") if flow else (3, 3, "duplicate-key")
    ]
    assert doc.value == {"m": {resolve_plain(a) if a == str(year) else a.strip("'\""): 1}}


def test_distinct_years_quoted_or_not_are_read_fast() -> None:
    assert yamlfast.read(b'm: {2024: 1, "2025": 2}\n') == {"m": {2024: 1, "2025": 2}}


# --- other hazards libyaml takes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "name"),
    [("\u2028", "line separator (U+2028)"), ("\x85", "next-line character (NEL, U+0085)")],
)
def test_a_line_break_only_yaml_1_1_knows_is_refused(
    validate: Validate, char: str, name: str
) -> None:
    code, lines, _ = validate(proposal_yaml(title=f"Test{char}status: adopted"))
    assert code == 1
    assert lines[0] == (
        f"{P}:2:12: error: a {name}: YAML 1.1 tools (libyaml) read it as a line break, "
        "YAML 1.2 tools as text; write an ordinary line break, or remove it [syntax]"
    )
