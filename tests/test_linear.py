"""Every rule that reads a scalar takes time linear in it: a title of 100 KB of digits once
took 81 s (``[0-9]+\\.?[0-9]*[eE]`` tried every split of the digits), a quoted amount of a few
spaces between two digits as long (``\\s*`` searched from every space).

Not a timing ratio, which a busy machine makes flaky: each rule gets inputs whose quadratic
cost is minutes (the shapes below, each of a quarter or of five mebibytes, built to make a
pattern backtrack: runs of digits, of digits and dots, of spaces, of underscores … each ending
in a character that fails the match), under a timer of seconds that a linear rule passes with
a margin of a hundred. A rule that backtracks is stopped by ``SIGALRM`` (the regular expression
engine checks for signals as it runs) and the test fails naming the rule and the shape.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from budgetcli.folder import registers, yamlfast, yamlrules, yamlsafe
from budgetcli.folder.listing import MAX_YAML_BYTES
from budgetcli.folder.models import AreasFile, ForecastFile, PricesFile, ProposalFile

from .conftest import AREAS, run

#: the size of the inputs every rule is given (characters), and of the scalar rules' own
SIZE = 256 << 10
LARGE = 5 << 20
#: seconds a rule may take on one input: a linear one takes milliseconds
LIMIT = 5.0

#: what starts an input, the unit repeated, and what ends it (the characters that make a
#: pattern fail, or succeed, only at the end)
SHAPES = {
    "digits": ("", "1", ""),
    "digits then a letter": ("", "1", "x"),
    "zeros then a letter": ("", "0", "x"),
    "a sign and digits then a letter": ("-", "1", "x"),
    "digits and dots": ("", "1.", "x"),
    "thousands with dots": ("1", ".000", "x"),
    "thousands with dots, a decimal comma": ("1", ".000", ",5x"),
    "digits and commas": ("", "1,", "x"),
    "digits and spaces": ("", "1 ", "x"),
    "thousands with spaces": ("1", " 000", "x"),
    "spaces between two digits": ("1", " ", "1x"),
    "digits then e": ("", "1", "e"),
    "a decimal then e": ("1.", "1", "e+x"),
    "digits and underscores": ("", "1_", "x"),
    "digits and colons": ("", "1:", "x"),
    "digits and dashes": ("", "1-", "x"),
    "digits and slashes": ("", "1/", "x"),
    "dots": ("", ".", "x"),
    "spaces": ("a", " ", "x"),
    "spaces then kr": ("1", " ", "t. kr x"),
    "digits and spaces then kr": ("", "1 ", "kr. x"),
    "digits then per cent": ("", "1", ".5,5%"),
    "an iso date then digits": ("2023-01-01T", "1", "x"),
    "hashes": ("", "a#", ""),
    "colons and spaces": ("", "a: ", "x"),
    "apostrophes": ("1", "'000", "x"),
}


def shaped(shape: str, size: int) -> str:
    """``shape``'s unit repeated between its start and its end, ``size`` characters in all."""
    start, unit, end = SHAPES[shape]
    body = unit * ((size - len(start) - len(end)) // len(unit) + 1)
    return start + body[: size - len(start) - len(end)] + end


@contextmanager
def at_most(seconds: float, what: str) -> Iterator[None]:
    """Fail if the block takes more than ``seconds`` (interrupted there, by ``SIGALRM``)."""

    def stop(signum: int, frame: Any) -> None:
        pytest.fail(f"{what} took more than {seconds} s: it is not linear")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def model(cls: Any, value: dict[str, Any]) -> Callable[[str], Any]:
    """The model ``cls`` given ``value`` with the text in the field marked ``...``."""

    def put(value: Any, text: str) -> Any:
        if value is ...:
            return text
        if isinstance(value, dict):
            return {put(k, text): put(v, text) for k, v in value.items()}
        if isinstance(value, list):
            return [put(v, text) for v in value]
        return value

    def validate(text: str) -> Any:
        return cls.model_validate(put(value, text), context={"years": [2024, 2025]})

    return validate


BASE = {"id": "p", "title": "t", "status": "proposed", "areas": ["A1"], "change": {}}

#: every rule a scalar goes through, named: the YAML rules, the readers on a document with the
#: scalar in each place, each text and number field of the models, a case register's fields
RULES: dict[str, Callable[[str], Any]] = {
    "yamlrules.resolve_plain": yamlrules.resolve_plain,
    "yamlrules.key_text": yamlrules.key_text,
    "yamlfast: a value": lambda s: yamlfast.read(f"title: {s}\n".encode()),
    "yamlfast: a quoted value": lambda s: yamlfast.read(f'title: "{s}"\n'.encode()),
    "yamlfast: a key": lambda s: yamlfast.read(f"{s}: 1\n".encode()),
    "yamlfast: an item": lambda s: yamlfast.read(f"a:\n  - {s}\n".encode()),
    "yamlsafe: a value": lambda s: yamlsafe.load_bytes(f"title: {s}\n".encode(), "x"),
    "yamlsafe: a quoted value": lambda s: yamlsafe.load_bytes(f"title: '{s}'\n".encode(), "x"),
    "yamlsafe: a key": lambda s: yamlsafe.load_bytes(f"{s}: 1\n".encode(), "x"),
    "yamlsafe: an item": lambda s: yamlsafe.load_bytes(f"a:\n  - {s}\n".encode(), "x"),
    "a title": model(ProposalFile, {**BASE, "title": ...}),
    "an id": model(ProposalFile, {**BASE, "id": ...}),
    "a description": model(ProposalFile, {**BASE, "description": ...}),
    "a code": model(ProposalFile, {**BASE, "areas": [...]}),
    "an amount": model(ProposalFile, {**BASE, "change": {"inside_service_frame": ...}}),
    "a year": model(ProposalFile, {**BASE, "change": {"construction": {...: 1}}}),
    "a date": model(ProposalFile, {**BASE, "date": ...}),
    "FTE": model(ProposalFile, {**BASE, "staffing": {"change_fte": ...}}),
    "a grant": model(ProposalFile, {**BASE, "construction_grant": ...}),
    "years": model(AreasFile, {"municipality": "m", "title": "t", "years": [...], "areas": []}),
    "a rate": model(PricesFile, {"service": [{"year": 2024, "rate": ..., "source": "s"}]}),
    "a count": model(
        ForecastFile,
        {"id": "f", "title": "t", "year": 2024, "lines": [], "inflow": {"count": ...}},
    ),
    "a register's cost": lambda s: registers.read_register(
        f"case_id,section,annual_cost,start\nS,§1,{s},2024-01-01\n".encode(), "r.csv"
    ),
    "a register's date": lambda s: registers.read_register(
        f"case_id,section,annual_cost,start\nS,§1,1,{s}\n".encode(), "r.csv"
    ),
}


def _apply(rule: Callable[[str], Any], text: str) -> None:
    try:
        rule(text)
    except Exception as refused:  # a refusal is an outcome too: only the time is tested here
        if "not linear" in str(refused):
            raise


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_scalar_rule_is_linear(shape: str) -> None:
    text = shaped(shape, SIZE)
    assert len(text) == SIZE
    for name, rule in RULES.items():
        with at_most(LIMIT, f"{name} on {len(text)} characters of {shape}"):
            _apply(rule, text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "rule", ["yamlrules.resolve_plain", "yamlrules.key_text", "an amount", "a rate", "FTE"]
)
def test_the_number_rules_take_five_mebibytes(rule: str) -> None:
    """The rules every number goes through, on inputs twenty times as long again."""
    for shape in SHAPES:
        text = shaped(shape, LARGE)
        with at_most(LIMIT, f"{rule} on {len(text)} characters of {shape}"):
            _apply(RULES[rule], text)


def test_a_backtracking_pattern_is_caught() -> None:
    """The timer stops a regular expression that backtracks (the test above can fail)."""
    import re

    with pytest.raises(pytest.fail.Exception, match="not linear"):  # noqa: SIM117
        with at_most(0.5, "the old exponent rule"):
            re.fullmatch(r"[0-9]+\.?[0-9]*[eE]", shaped("digits then a letter", SIZE))


# --- whole files, through validate --------------------------------------------------------------


@pytest.mark.store
@pytest.mark.slow
def test_validate_reads_a_file_of_one_long_scalar_of_each_kind(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A proposal of the largest size read, its title, a code and an amount each a long run of
    digits that fails at its end: every problem said, in seconds."""
    data = tmp_path / "d"
    (data / "proposals").mkdir(parents=True)
    (data / "areas.yaml").write_text(AREAS, encoding="utf-8")
    long = (MAX_YAML_BYTES - 400) // 3
    digits = shaped("digits then a letter", long)
    spaced = shaped("spaces between two digits", long)
    text = (
        f"id: p1\ntitle: {digits}\nstatus: proposed\nareas: [A1, '{digits}']\n"
        f"change: {{inside_service_frame: '{spaced}'}}\n"
    )
    (data / "proposals" / "p1.yaml").write_text(text, encoding="utf-8")
    assert MAX_YAML_BYTES - 1000 < len(text.encode()) <= MAX_YAML_BYTES
    with at_most(20, "validate of a file of long scalars"):
        code, out, _ = run(runner, "validate", str(data), "--format", "json")
    assert code == 1
    assert sorted(p["rule"] for p in json.loads(out)["problems"]) == [
        "amount-type",
        "unknown-area",
    ]


@pytest.mark.store
def test_a_file_over_the_limit_is_refused_unread(runner: CliRunner, tmp_path: Path) -> None:
    data = tmp_path / "d"
    (data / "proposals").mkdir(parents=True)
    (data / "areas.yaml").write_text(AREAS, encoding="utf-8")
    path = data / "proposals" / "p1.yaml"
    path.write_bytes(b"title: " + b"1" * (10 << 20) + b"x\n")
    with at_most(LIMIT, "validate of a file of 10 MiB"):
        code, out, _ = run(runner, "validate", str(data))
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}: error: the file is 10485769 bytes, over the 1 MiB budgetcli reads for a file "
        "of its kind (see Limits in docs/format.md): is it the right file? [io]"
    )


@pytest.mark.store
@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "+" + "1" * 5000,  # once: "Value error, Exceeds the limit (4300 digits) …"
            "change.inside_service_frame: expected a whole number, got the text "
            "'+111111111111111111111111111111111111111… (5001 characters)' [amount-type]",
        ),
        (
            "1" * 5000,  # once quoted whole, twice (the text, and what to write)
            "change.inside_service_frame: expected a whole number, got the text "
            "'1111111111111111111111111111111111111111… (5000 characters)' [amount-type]",
        ),
        (
            "1" + " 000" * 2000,
            "change.inside_service_frame: expected a whole number, got the text "
            "'1 000 000 000 000 000 000 000 000 000 00… (8001 characters)' [amount-type]",
        ),
        (
            "-1 000",  # a short one still gets what to write
            "change.inside_service_frame: expected a whole number, got the text '-1 000' (no "
            "spaces between digits: write -1000) [amount-type]",
        ),
    ],
)
def test_a_long_text_where_a_number_belongs_is_quoted_cut(
    runner: CliRunner, tmp_path: Path, text: str, message: str
) -> None:
    data = tmp_path / "d"
    (data / "proposals").mkdir(parents=True)
    (data / "areas.yaml").write_text(AREAS, encoding="utf-8")
    (data / "proposals" / "p1.yaml").write_text(
        f"id: p1\ntitle: T\nstatus: proposed\nareas: [A1]\n"
        f"change:\n  inside_service_frame: '{text}'\n",
        encoding="utf-8",
    )
    code, out, _ = run(runner, "validate", str(data))
    assert code == 1
    assert out.splitlines() == [f"{data}/proposals/p1.yaml:6:3: error: {message}"]
