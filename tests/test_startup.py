"""What a start-up imports (start-up time: README, Speed): ``budgetcli --help`` no more than
typer and the command line's own small modules; a cached ``summary`` none of the heavy
modules (pydantic, PyYAML, rich when piped, the Word, workbook and web doors)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import DATA, REPO

#: run budgetcli as its console script does, then name every module it imported
SCRIPT = (
    "import sys; from budgetcli.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
)
#: what no start-up of --help or of a cached summary may import
HEAVY = {"pydantic", "yaml", "rich", "lxml", "jinja2", "xlsxwriter", "plotly"}


def imported(cache: Path, *args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        env={"BUDGETCLI_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"},
        cwd=REPO,
        check=False,
    )
    return set(done.stderr.splitlines()[-1].split())


def test_help_imports_typer_and_the_command_line_only(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--help")
    assert "budgetcli.cli.commands.summary" in modules  # every command is registered
    ours = {m for m in modules if m.startswith("budgetcli") and not m.startswith("budgetcli.cli")}
    # text.i18n: the help in the reader's language (gettext and one .mo, no Babel)
    assert ours == {
        "budgetcli",
        "budgetcli.core",
        "budgetcli.core.errors",
        "budgetcli.core.vocab",
        "budgetcli.text",
        "budgetcli.text.i18n",
    }
    assert "babel" not in {m.split(".")[0] for m in modules}
    assert not {m.split(".")[0] for m in modules} & HEAVY


def test_a_cached_summary_imports_nothing_heavy(tmp_path: Path) -> None:
    args = ("summary", "2024", "--data", str(DATA))
    first = imported(tmp_path, *args)
    assert {"pydantic", "yaml"} <= {m.split(".")[0] for m in first}  # the cache was empty
    modules = imported(tmp_path, *args)
    assert not {m.split(".")[0] for m in modules} & HEAVY
    doors = ("budgetcli.word", "budgetcli.publish", "budgetcli.folder.models")
    assert not [m for m in modules if m.startswith(doors)]
    assert "budgetcli.core.prices" not in modules  # only --prices restates
