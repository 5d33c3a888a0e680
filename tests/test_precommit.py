"""``.pre-commit-hooks.yaml``: a budget repository runs ``budgetcli validate`` in pre-commit.

The file's shape (fast), then pre-commit itself on a sample repository (slow: it builds the
hook's environment, installing budgetcli and its dependencies from the package index): the
bundled data passes, a proposal with a wrong status stops the commit with validate's message.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from budgetcli.cli.root import app
from tests.conftest import REPO, git

HOOKS = REPO / ".pre-commit-hooks.yaml"


def test_the_hook_runs_validate_once_per_commit_of_data() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "budgetcli-validate"
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "budgetcli validate",
        "python",
        False,
    )
    assert any(c.name == "validate" for c in app.registered_commands)
    files = re.compile(hook["files"])
    changed = ["data/proposals/x.yaml", "areas.yml", "data/forecasts/r.csv", "data/rules/p.yaml"]
    assert all(files.search(name) for name in changed)
    assert not any(files.search(name) for name in ("README.md", "budget.xlsx", "site/index.html"))


def hook_repository(root: Path) -> Path:
    """budgetcli as a hook's repository: what building it needs, committed."""
    root.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(
        REPO / "budgetcli", root / "budgetcli", ignore=shutil.ignore_patterns("__pycache__")
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "hook")
    return root


def pre_commit(sample: Path, hook: Path, home: Path) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hook), "budgetcli-validate", "-a"],
        cwd=sample,
        env={"PATH": "/usr/bin:/bin", "PRE_COMMIT_HOME": str(home), "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
def test_pre_commit_runs_validate_on_a_budget_repository(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    hook = hook_repository(tmp_path / "hook")
    sample = tmp_path / "budget"
    shutil.copytree(REPO / "data", sample / "data")
    git(sample, "init", "-q")
    git(sample, "add", "-A")
    code, out = pre_commit(sample, hook, tmp_path / "home")
    assert code == 0, out
    assert re.search(r"^budgetcli validate\.+Passed$", out, re.M), out
    (sample / "data" / "proposals" / "ny.yaml").write_text(
        "id: ny\ntitle: Ny\nstatus: maybe\nareas: [B60.10.20]\n"
        "change: {inside_service_frame: -100}\n",
        encoding="utf-8",
    )
    git(sample, "add", "-A")
    code, out = pre_commit(sample, hook, tmp_path / "home")
    assert code == 1, out
    assert re.search(r"^budgetcli validate\.+Failed$", out, re.M), out
    assert (
        "data/proposals/ny.yaml:3:1: error: status: expected proposed, adopted, rejected or"
        " realized, got 'maybe' [enum]\n"
    ) in out
    assert "23 files checked: 1 error, 3 warnings" in out
