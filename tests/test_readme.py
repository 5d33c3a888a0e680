"""README.md holds true: every ``console`` block is run and its output compared byte for byte.

A block is ``$ budgetcli …`` lines, each followed by what the command prints: its standard
output, then its standard error (``validate``'s count). The commands run as processes, piped
(plain text, as in the README), in a folder holding a copy of ``data/`` and the ``data-okt``
that the README's ``python examples/agreement.py data data-okt`` makes.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
AGREEMENT = "python examples/agreement.py data data-okt"


def console_blocks(markdown: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` for every ``$ `` line of every console block."""
    runs: list[tuple[str, str]] = []
    for block in re.findall(r"^```console\n(.*?)^```$", markdown, re.M | re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            runs.append((command, output))
    return runs


RUNS = console_blocks(README)
#: the README's commands that exit other than 0, as its text says (a page refused: 1)
EXIT = {"budgetcli import tests/fixtures/other-office.txt --to imported": 1}


def test_the_readme_has_its_examples() -> None:
    assert [command for command, _ in RUNS] == [
        "budgetcli summary 2024",
        "budgetcli validate data",
        "budgetcli summary 2026 --by kind --data examples/ishoej-2026-2029",
        "budgetcli frame --data examples/ishoej-2026-2029",
        "budgetcli frame 2026 --data examples/ishoej-2026-2029 --format json",
        "budgetcli summary --prices 2025 --data examples/prices-2024",
        "budgetcli validate examples/prices-2024",
        "budgetcli import tests/fixtures/seed-proposals.txt --to imported",
        "budgetcli new kortere-aabningstid --area B60.30.10 --data imported",
        "budgetcli summary 2024 --by committee --data imported",
        "budgetcli import tests/fixtures/other-office.txt --to imported",
        "budgetcli export --format xlsx -o budget.xlsx",
        "budgetcli export --format sqlite -o ishoej.db",
        "budgetcli export --format sqlite -o eksempelby.db --data examples/prices-2024",
        "budgetcli report -o site",
        "budgetcli forecast voksenspecialiseret-2024",
        "budgetcli forecast eksempel-sagsregister-2024",
        "budgetcli diff data data-okt",
    ]
    assert f"`{AGREEMENT}`" in README


def test_console_blocks_are_split_as_written() -> None:
    text = "x\n```console\n$ budgetcli a\none\n\ntwo\n$ budgetcli b\n```\n```sh\n$ no\n```\n"
    assert console_blocks(text) == [("budgetcli a", "one\n\ntwo\n"), ("budgetcli b", "")]


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder as the README's reader has it: data/, examples/, and data-okt made by them."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "examples", root / "examples")
    shutil.copytree(REPO / "tests" / "fixtures", root / "tests" / "fixtures")
    (
        root / "imported"
    ).mkdir()  # as the README says: mkdir imported && cp data/areas.yaml imported/
    shutil.copy(REPO / "data" / "areas.yaml", root / "imported" / "areas.yaml")
    _python, *args = shlex.split(AGREEMENT)
    subprocess.run([sys.executable, *args], cwd=root, check=True)
    return root


@pytest.mark.parametrize(("command", "expected"), RUNS, ids=[c for c, _ in RUNS])
def test_console_block_output_is_what_the_tool_prints(
    checkout: Path, tmp_path: Path, command: str, expected: str
) -> None:
    program, *args = shlex.split(command)
    assert program == "budgetcli"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BUDGETCLI_", "COLUMNS"))}
    env["BUDGETCLI_CACHE_DIR"] = str(tmp_path / "cache")
    done = subprocess.run(
        [sys.executable, "-m", "budgetcli", *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == EXIT.get(command, 0), done.stderr.decode()
    assert done.stdout + done.stderr == expected.encode("utf-8")


def test_every_test_the_readme_names_exists() -> None:
    """ "What you can rely on" names the tests that hold each promise: each must be there."""
    import ast
    import re

    named = re.findall(r"`(tests/\w+\.py)(?:::(\w+))?`", README)
    assert len(named) >= 15
    for path, name in named:
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        tests = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert not name or name in tests, f"{path}::{name} is named in the README, not there"


def test_the_readmes_query_of_two_municipalities_gives_what_it_shows(
    checkout: Path, tmp_path: Path
) -> None:
    """The README's SQL, run on the two databases its export commands make, gives its rows."""
    import sqlite3

    sql = re.search(r"^```sql\n(.*?)^```$", README, re.M | re.S)
    rows = re.search(r"^```text\n(Eksempelby.*?)^```$", README, re.M | re.S)
    assert sql is not None and rows is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETCLI_")}
    env["BUDGETCLI_CACHE_DIR"] = str(tmp_path / "cache")
    for args in (["-o", "a.db"], ["-o", "b.db", "--data", "examples/prices-2024"]):
        command = [sys.executable, "-m", "budgetcli", "export", "--format", "sqlite", *args]
        subprocess.run([*command, "--force"], cwd=checkout, env=env, check=True)
    db = sqlite3.connect(":memory:")
    text = sql.group(1).replace("'ishoej.db'", f"'{checkout / 'a.db'}'")
    text = text.replace("'eksempelby.db'", f"'{checkout / 'b.db'}'")
    *attach, query = [s.strip() for s in text.split(";") if s.strip()]
    for statement in attach:
        db.execute(statement)
    got = ["|".join(map(str, row)) for row in db.execute(query)]
    assert got == rows.group(1).splitlines()
