"""Shared fixtures and helpers: the repository's data (loaded, or a copy to edit), an isolated
cache, budgetcli run in this process (``run``) or as a process (``process``), git, tiny data
folders."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.core.domain import Budget
from budgetcli.store.load import load_checked

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"

# Hypothesis profiles: how many examples a property runs. ``ci`` keeps the full counts (each
# property's own ``examples(n)``, 100 where a property names none) on a new seed each run;
# ``dev``, the developer's loop, runs a tenth of each (at least 10). Both assert the same things.
# HYPOTHESIS_PROFILE chooses; unset, it is ``ci`` when CI is set (``.ci/run`` sets it too) and
# ``dev`` otherwise. No deadline in either: a property is about figures, not about the speed of
# a machine shared with other work.
settings.register_profile("ci", max_examples=100, deadline=None, derandomize=False)
settings.register_profile("dev", max_examples=10, deadline=None, derandomize=False)
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false")
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev")
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """The examples a property runs whose full count is ``count``: all of them under the ``ci``
    profile, a tenth (at least 10, at most ``count``) under any other."""
    return count if PROFILE == "ci" else min(count, max(10, count // 10))


def _agreement() -> Callable[[Path], None]:
    spec = importlib.util.spec_from_file_location("agreement", REPO / "examples" / "agreement.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    agree: Callable[[Path], None] = module.agree
    return agree


#: the README's budget agreement, as edits to a data folder (``examples/agreement.py``)
agreement = _agreement()


def golden(name: str, output: bytes) -> None:
    """``output``, as the command wrote it, is ``tests/golden/<name>`` byte for byte (no newline
    translated, no encoding guessed); ``UPDATE_GOLDEN=1`` rewrites the file."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_bytes(output)
    assert output == path.read_bytes()


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Never touch the user's cache; every test starts with an empty one."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("BUDGETCLI_CACHE_DIR", str(cache))
    # BUDGETCLI_TEST_NO_CACHE=1 runs the whole suite with the cache off (CI does both)
    if os.environ.get("BUDGETCLI_TEST_NO_CACHE") == "1":
        monkeypatch.setenv("BUDGETCLI_NO_CACHE", "1")
    else:
        monkeypatch.delenv("BUDGETCLI_NO_CACHE", raising=False)
    monkeypatch.delenv("BUDGETCLI_DATA", raising=False)
    return cache


#: the locale every test runs in unless it says otherwise: English (docs/usage.md › Language)
ENGLISH_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test reads English, whatever the locale of the machine it runs on (a Danish
    developer's too): a test of Danish asks for it (``--lang da``, ``LANG=da_DK.UTF-8``)."""
    for name, value in ENGLISH_LOCALE.items():
        monkeypatch.setenv(name, value)


@pytest.fixture
def cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """For the tests of the cache itself: on, whatever the suite runs with."""
    monkeypatch.delenv("BUDGETCLI_NO_CACHE", raising=False)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working directory of an import: ``data/`` holds a copy of the bundled areas.yaml
    only (a test file may define a ``here`` of its own)."""
    (tmp_path / "data").mkdir()
    shutil.copy(DATA / "areas.yaml", tmp_path / "data" / "areas.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    """``budgetcli ARGS`` in this process: (exit code, stdout, stderr); an exception that
    escapes the command fails the test."""
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def process(*args: str, cwd: Path = REPO, **env: str) -> tuple[int, str, str]:
    """``python -m budgetcli ARGS`` as a shell runs it, output piped."""
    environ = {k: v for k, v in os.environ.items() if k != "BUDGETCLI_DATA"}
    done = subprocess.run(
        [sys.executable, "-m", "budgetcli", *args],
        cwd=cwd,
        env={**environ, "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def git(repo: Path, *args: str) -> str:
    """``git ARGS`` in ``repo``; its output (a failure fails the test)."""
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def seed() -> Budget:
    """The bundled data, loaded and checked (read once a module: no test changes it)."""
    checked = load_checked(DATA, use_cache=False)
    assert checked.budget is not None
    return checked.budget


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder: ``tmp_path/data``."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture
def juni_okt(tmp_path: Path) -> Path:
    """Two versions of the bundled data side by side: ``juni`` as bundled, ``okt`` after the
    README's budget agreement. Returns the folder holding both (``tmp_path``)."""
    shutil.copytree(DATA, tmp_path / "juni")
    shutil.copytree(DATA, tmp_path / "okt")
    agreement(tmp_path / "okt")
    return tmp_path


AREAS = """\
municipality: Testby Kommune
title: Budget 2024-2027
years: [2024, 2025, 2026, 2027]
unit: 1000 DKK
areas:
  - {code: A1, name: Plejecenter, committee: Udvalg A, budget: 1000}
  - {code: A2, name: Botilbud, committee: Udvalg A}
  - {code: B1, committee: Udvalg B}
"""


@pytest.fixture
def make_data(tmp_path: Path) -> Callable[..., Path]:
    """Write a small data folder: ``make_data(p1="id: p1 ...", areas=AREAS)`` -> its path."""

    def make(areas: str = AREAS, **proposals: str) -> Path:
        root = tmp_path / "d"
        (root / "proposals").mkdir(parents=True, exist_ok=True)
        (root / "areas.yaml").write_text(areas, encoding="utf-8")
        for stem, text in proposals.items():
            (root / "proposals" / f"{stem}.yaml").write_text(text, encoding="utf-8")
        return root

    return make


def proposal_yaml(pid: str = "p1", **fields: str) -> str:
    """A minimal valid proposal; ``fields`` replace or add top-level YAML lines."""
    base = {
        "id": pid,
        "title": "Test",
        "status": "proposed",
        "areas": "[A1]",
        "change": "{inside_service_frame: -100}",
    }
    base.update(fields)
    return "".join(f"{k}: {v}\n" for k, v in base.items())
