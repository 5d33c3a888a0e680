"""What a start-up imports (start-up time: README, Speed): ``budgetcli --help`` no more than
typer and the command line's own small modules; a cached ``summary`` none of the heavy
modules (pydantic, PyYAML, rich when piped, the Word, workbook and web doors)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

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
    assert "pydantic" in {m.split(".")[0] for m in first}  # the cache was empty: files read
    modules = imported(tmp_path, *args)
    assert not {m.split(".")[0] for m in modules} & HEAVY
    doors = ("budgetcli.word", "budgetcli.publish", "budgetcli.folder.models")
    assert not [m for m in modules if m.startswith(doors)]
    assert "budgetcli.core.prices" not in modules  # only --prices restates


#: what a cached command may import beyond what ``python -c "import typer"`` does, besides
#: budgetcli's own modules: these small modules of the standard library (issue 27: a module
#: that joins them is a cost every run pays; import it inside the function that needs it)
BEYOND_TYPER = {
    "_bisect", "bisect", "_blake2", "_decimal", "decimal", "numbers", "dataclasses",
    "gc", "typer._click.decorators",
    # ``from __future__ import annotations`` of every module: typer itself imports it only
    # when installed editable (its finder does), so CI's installed build sees it as ours
    "__future__",
}  # fmt: skip
#: budgetcli's modules a cached ``summary`` imports: the command line, the store's read of the
#: index, the summary's sums and its text; none of the reading of files, the checks, the other
#: commands, prices, diff, forecasts or follow-ups
SUMMARY_MODULES = {
    *("budgetcli", "budgetcli.cli", "budgetcli.cli.commands", "budgetcli.cli.commands.summary"),
    *("budgetcli.cli.language", "budgetcli.cli.options", "budgetcli.cli.root"),
    *("budgetcli.cli.usage", "budgetcli.cli.wiring", "budgetcli.folder.git"),
    *("budgetcli.core", "budgetcli.core.calc", "budgetcli.core.catalogue"),
    *("budgetcli.core.diagnostics", "budgetcli.core.domain", "budgetcli.core.errors"),
    *("budgetcli.core.groups", "budgetcli.core.lazyclasses", "budgetcli.core.vocab"),
    *("budgetcli.folder", "budgetcli.folder.documents", "budgetcli.folder.listing"),
    *("budgetcli.store", "budgetcli.store.cache", "budgetcli.store.changed"),
    *("budgetcli.store.codec", "budgetcli.store.digests", "budgetcli.store.index"),
    *("budgetcli.store.load", "budgetcli.store.result", "budgetcli.store.row"),
    *("budgetcli.store.stages", "budgetcli.text", "budgetcli.text.csvout", "budgetcli.text.grid"),
    *("budgetcli.text.i18n", "budgetcli.text.layout", "budgetcli.text.numbers"),
    *("budgetcli.text.problems", "budgetcli.text.renderers", "budgetcli.text.summary"),
}


def typer_modules() -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, typer; print(' '.join(sys.modules))"],
        capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, cwd=REPO, check=True,
    )  # fmt: skip
    return set(done.stdout.split())


@pytest.mark.parametrize(
    "args",
    [
        ("summary", "2024", "--data", str(DATA)),
        ("validate", str(DATA)),
        ("show", "aktivitetstilbud-opfoelgning", "--data", str(DATA)),
    ],
)
def test_a_cached_command_imports_little_beyond_typer(tmp_path: Path, args: tuple[str]) -> None:
    imported(tmp_path, *args)  # fills the cache
    modules = imported(tmp_path, *args)
    beyond = {m for m in modules - typer_modules() if not m.startswith("budgetcli")}
    assert beyond <= BEYOND_TYPER, "imported by a cached run: import it where it is needed"
    commands = {m for m in modules if m.startswith("budgetcli.cli.commands.")}
    assert commands == {f"budgetcli.cli.commands.{args[0]}"}  # the command run, no other
    assert not {m.split(".")[0] for m in modules} & (HEAVY | {"polars", "hashlib"})


def test_a_cached_summary_imports_these_modules_of_ours_only(tmp_path: Path) -> None:
    args = ("summary", "2024", "--data", str(DATA))
    imported(tmp_path, *args)
    ours = {m for m in imported(tmp_path, *args) if m.startswith("budgetcli")}
    assert ours - SUMMARY_MODULES == set(), "joined a cached summary's imports: needed there?"
    assert SUMMARY_MODULES - ours <= {"budgetcli.folder.git"}  # the folder found, or given


#: run budgetcli, then name core.domain's dataclasses it did not make (``core.lazyclasses``)
NOT_MADE = (
    "import sys; from budgetcli.cli import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "from budgetcli.core import domain, lazyclasses\n"
    "print(' '.join(n for n, c in vars(domain).items() if isinstance(c, type)\n"
    "               and lazyclasses.pending(c)), file=sys.stderr)\n"
)


def test_a_cached_summary_makes_no_class_it_does_not_use(tmp_path: Path) -> None:
    """The bundled data has forecasts, appropriations and follow-ups: a cached summary decodes
    them with the rest of the context, and makes none of their classes, nor a proposal's."""
    env = {"BUDGETCLI_CACHE_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-c", NOT_MADE, "summary", "2024", "--data", str(DATA)]
    runs = [
        subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, check=False)
        for _ in range(2)  # the second is the cached one
    ]
    first, cached = (set(done.stderr.splitlines()[-1].split()) for done in runs)
    unused = {"Forecast", "Case", "Followup", "Expectation", "Appropriation", "Proposal"}
    assert unused & first == set()  # the first run read the files: it made them
    assert unused <= cached


#: as ``SCRIPT``, and then exit as budgetcli did
EXITING = (
    "import sys; from budgetcli.cli import main\n"
    "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)\nsys.exit(code)\n"
)


def validate(cache: Path, folder: Path, *more: str) -> tuple[int, str, set[str]]:
    """``budgetcli validate folder`` in a process: its exit code, what it printed, and the
    modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", EXITING, "validate", str(folder), "--quiet", *more],
        capture_output=True,
        text=True,
        env={"BUDGETCLI_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"},
        cwd=REPO,
        check=False,
    )
    return done.returncode, done.stdout, set(done.stderr.splitlines()[-1].split())


#: seconds after which a changed file may be kept in the cache (``store.index.RACY_NS``)
RACY = 2.1


@pytest.mark.slow
def test_a_cached_validate_reads_no_spending_export_it_read_before(tmp_path: Path) -> None:
    """What was said of a follow-up's export is kept while the export is the same: said again
    without reading it (nor importing polars); a changed export is read again."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    export = folder / "followups" / "forbrug-2024-06.csv"
    lines = export.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].rpartition(";")[0] + ";12x4,00\n"  # an amount that is none
    export.write_text("".join(lines), encoding="utf-8")
    time.sleep(RACY)  # a file changed in the last two seconds is never kept (store.index)
    bad = "followups/forbrug-2024-06.csv:3:0: error: 12x4,00 is not an amount"
    first = validate(tmp_path / "cache", folder)
    cached = validate(tmp_path / "cache", folder)
    assert first[0] == cached[0] == 1 and bad in first[1]
    assert cached[1] == first[1]
    assert "polars" in first[2] and "polars" not in cached[2]
    shutil.copy(DATA / "followups" / "forbrug-2024-06.csv", export)  # the export mended
    time.sleep(RACY)
    mended = validate(tmp_path / "cache", folder)
    assert mended[0] == 0 and "error" not in mended[1] and "polars" in mended[2]
    assert validate(tmp_path / "cache", folder)[2] & {"polars"} == set()
    export.write_text("".join(lines), encoding="utf-8")  # broken again, cache or none
    assert bad in validate(tmp_path / "cache", folder, "--no-cache")[1]
    assert bad in validate(tmp_path / "cache", folder)[1]
