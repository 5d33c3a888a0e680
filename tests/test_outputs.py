"""What ``export`` and ``report`` may replace (``folder.outputs``), held to the command line.

A refusal is exit 2 with one exact message and nothing touched; a write that fails midway
(a real failure: the process's file size limit, as a full disk fails a write) is exit 2 with a
message naming what was not written, and leaves no temporary file and the old output as it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.folder import writing
from budgetcli.folder.outputs import MARKER_LINE, REPORT_MARKER, folder_refusal, marker
from tests.conftest import DATA, REPO, examples, run

pytestmark = pytest.mark.store


def tree(folder: Path) -> dict[str, bytes | str]:
    """Every entry under ``folder``: a file's bytes, a link's target, a folder as ``/``."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_dir():
            found[name] = "/"
        elif not path.is_file():
            found[name] = "special"  # a pipe: reading it would wait for a writer
        else:
            found[name] = path.read_bytes()
    return found


def error(message: str) -> tuple[int, str, str]:
    return 2, "", f"budgetcli: error: {message}\n"


NEW_FOLDER = "name a new folder for the report, such as site"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a copy of the bundled data as ``data``, with a home folder of
    its own (never the user's), and where the commands run."""
    work = tmp_path / "work"
    shutil.copytree(DATA, work / "data")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    return work


def report(runner: CliRunner, out: str, *more: str) -> tuple[int, str, str]:
    return run(runner, "report", "-o", out, "--data", "data", *more)


def export(runner: CliRunner, out: str, *more: str) -> tuple[int, str, str]:
    return run(runner, "export", "--format", "xlsx", "-o", out, "--data", "data", *more)


# --- report: the folders it never replaces -------------------------------------------------


def test_report_never_replaces_the_data_folder(runner: CliRunner, here: Path) -> None:
    before = tree(here)
    assert report(runner, "data", "--force") == error(
        f"data is the data folder: report never replaces it; {NEW_FOLDER}"
    )
    assert tree(here) == before


@pytest.mark.parametrize(
    ("out", "why"),
    [
        (".", ". is the current folder"),
        ("/", "/ is the root folder"),
        ("..", ".. holds the current folder"),
        ("data/..", "data/.. is the current folder"),
        ("", ". is the current folder"),
    ],
)
def test_report_never_replaces_the_current_folder_or_above(
    runner: CliRunner, here: Path, out: str, why: str
) -> None:
    before = tree(here.parent)
    assert report(runner, out, "--force") == error(f"{why}: report never replaces it; {NEW_FOLDER}")
    assert tree(here.parent) == before


def test_report_never_replaces_the_home_folder_or_one_holding_it(
    runner: CliRunner, here: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "homes" / "me"
    home.mkdir(parents=True)  # empty: only its being the home folder keeps it
    monkeypatch.setenv("HOME", str(home))
    for out, why in ((home, "is your home folder"), (home.parent, "holds your home folder")):
        assert report(runner, str(out), "--force") == error(
            f"{out} {why}: report never replaces it; {NEW_FOLDER}"
        )
    assert home.is_dir() and list(home.iterdir()) == []


def test_report_never_replaces_a_folder_holding_the_data(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA, tmp_path / "budget" / "data")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    before = tree(tmp_path)
    out = tmp_path / "budget"
    code = run(runner, "report", "-o", str(out), "--data", str(out / "data"), "--force")
    assert code == error(f"{out} holds the data folder: report never replaces it; {NEW_FOLDER}")
    assert tree(tmp_path) == before


def test_report_never_writes_where_the_data_folder_reads(runner: CliRunner, here: Path) -> None:
    """A folder named as a proposal file would be read as one, and break the budget."""
    before = tree(here)
    assert report(runner, "data/proposals/site.yaml") == error(
        "data/proposals/site.yaml would be read as part of the budget in data: report never"
        " writes there; name a folder outside the data folder"
    )
    assert tree(here) == before


def test_report_never_replaces_a_folder_it_did_not_write(runner: CliRunner, here: Path) -> None:
    """Not ~/Documents, not a marked folder the user added to: only what it wrote goes."""
    documents = here / "Documents"
    documents.mkdir()
    for name in ("a.txt", "b.docx", "c.pdf", "d.odt"):
        (documents / name).write_text(name, encoding="utf-8")
    (documents / "photos").mkdir()
    before = tree(here)
    assert report(runner, "Documents", "--force") == error(
        "Documents holds what report did not write (a.txt, b.docx, c.pdf, …): report --force"
        f" replaces only an empty folder or one it wrote (with {REPORT_MARKER} in it); move those"
        f" away, or {NEW_FOLDER}"
    )
    assert tree(here) == before


def test_a_folder_report_wrote_is_replaced_while_it_holds_only_that(
    runner: CliRunner, here: Path
) -> None:
    assert report(runner, "site")[0] == 0
    lines = (here / "site" / REPORT_MARKER).read_text(encoding="utf-8").splitlines()
    assert lines[0] == MARKER_LINE
    assert set(lines[1:]) == {p for p in tree(here / "site") if "." in p} - {REPORT_MARKER}
    assert "proposals/plejecenter-sygefravaer.html" in lines
    assert report(runner, "site", "--force") == (0, "wrote site/index.html (19 files)\n", "")
    (here / "site" / "mine.txt").write_text("mine", encoding="utf-8")
    (here / "site" / "proposals" / "drafts").mkdir()
    before = tree(here)
    assert report(runner, "site", "--force") == error(
        "site holds what report did not write (mine.txt, proposals/drafts/): report --force"
        f" replaces only an empty folder or one it wrote (with {REPORT_MARKER} in it); move those"
        f" away, or {NEW_FOLDER}"
    )
    assert tree(here) == before


@pytest.mark.parametrize(
    "forged",
    [b"", b"budgetcli report\nindex.html\n", MARKER_LINE.encode() + b"\r\nindex.html\n", b"\xff"],
)
def test_a_marker_report_did_not_write_is_no_marker(
    runner: CliRunner, here: Path, forged: bytes
) -> None:
    (here / "site").mkdir()
    (here / "site" / REPORT_MARKER).write_bytes(forged)
    (here / "site" / "index.html").write_text("mine", encoding="utf-8")
    assert report(runner, "site", "--force")[0] == 2
    assert (here / "site" / "index.html").read_text(encoding="utf-8") == "mine"


def test_a_link_to_a_markers_folder_is_never_followed(runner: CliRunner, here: Path) -> None:
    """A marker that names a link, or a folder under a link: what is there is not replaced."""
    (here / "site").mkdir()
    (here / "site" / REPORT_MARKER).write_bytes(marker({"index.html": b"", "p/x.html": b""}))
    (here / "site" / "p").symlink_to(here / "data" / "proposals")
    before = tree(here)
    assert report(runner, "site", "--force")[0] == 2
    assert tree(here) == before


def test_an_empty_folder_is_replaced_with_force(runner: CliRunner, here: Path) -> None:
    (here / "site").mkdir()
    assert report(runner, "site") == error("site is there already: --force replaces it")
    assert report(runner, "site", "--force") == (0, "wrote site/index.html (19 files)\n", "")
    assert (here / "site" / "index.html").is_file()
    assert sorted(os.listdir(here)) == ["data", "site"]


def test_report_neither_follows_nor_replaces_a_link(runner: CliRunner, here: Path) -> None:
    (here / "empty").mkdir()
    (here / "site").symlink_to("empty")
    before = tree(here)
    assert report(runner, "site", "--force") == error(
        f"site is a symbolic link: report neither writes through one nor replaces it; {NEW_FOLDER}"
    )
    assert tree(here) == before


def test_report_never_replaces_a_file(runner: CliRunner, here: Path) -> None:
    (here / "site").write_text("mine", encoding="utf-8")
    assert report(runner, "site", "--force") == error(
        f"site is not a folder: report writes a folder and never replaces a file; {NEW_FOLDER}"
    )
    assert (here / "site").read_text(encoding="utf-8") == "mine"


def test_the_judgement_comes_before_the_data_is_read(runner: CliRunner, here: Path) -> None:
    """A refused output is refused at once, whatever the data (here: none)."""
    code = run(runner, "report", "-o", ".", "--data", "nowhere", "--force")
    assert code == error(f". is the current folder: report never replaces it; {NEW_FOLDER}")


NAMES = st.sampled_from(["index.html", "a.css", "p/x.html", "p/y.html", "q/r/z.js", "p/mine.txt"])


@settings(max_examples=examples(60), deadline=None)
@given(st.sets(NAMES, min_size=1), st.sets(NAMES), st.sets(NAMES), st.booleans())
def test_a_marked_folder_is_replaced_only_while_it_holds_what_its_marker_names(
    wrote: set[str], kept: set[str], added: set[str], a_folder: bool
) -> None:
    """A report wrote ``wrote``; of it, ``kept`` is still there, and the user ``added`` more
    (and perhaps an empty folder of their own): ``--force`` may replace the folder exactly when
    nothing is there that the marker does not name."""
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "site"
        folder.mkdir()
        (folder / REPORT_MARKER).write_bytes(marker(dict.fromkeys(wrote, b"")))
        there = (kept & wrote) | added
        for name in there:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(b"x")
        if a_folder:
            (folder / "drafts").mkdir()
        refusal = folder_refusal(folder, True, Path(temporary) / "data")
        assert (refusal is None) == (not (there - wrote) and not a_folder), refusal


def test_folder_refusal_is_none_for_a_new_folder(tmp_path: Path) -> None:
    assert folder_refusal(tmp_path / "site", False, tmp_path / "data") is None
    refusal = folder_refusal(tmp_path / "no" / "site", True, tmp_path / "data")
    assert refusal is not None
    assert (
        refusal.english
        == f"cannot write {tmp_path / 'no' / 'site'}: {tmp_path / 'no'} is not there"
    )


# --- export: a regular file, or nothing ----------------------------------------------------


@pytest.mark.parametrize(
    ("out", "message"),
    [
        ("/dev/full", "/dev/full is a character device, not a regular file"),
        ("/dev/stdout", "/dev/stdout is a symbolic link"),
    ],
)
def test_export_onto_a_device_or_a_link_is_refused(
    runner: CliRunner, here: Path, out: str, message: str
) -> None:
    if not os.path.lexists(out):
        pytest.skip(f"{out} is not there on this system")
    code, stdout, err = export(runner, out, "--force")
    assert (code, stdout) == (2, "")
    assert err.startswith(f"budgetcli: error: {message}")


def test_export_refuses_what_is_not_a_regular_file(runner: CliRunner, here: Path) -> None:
    os.mkfifo(here / "pipe")
    (here / "folder").mkdir()
    before = tree(here)
    assert export(runner, "pipe", "--force") == error(
        "pipe is a named pipe, not a regular file: export writes only a regular file; name a new one"
    )
    assert export(runner, "folder", "--force") == error(
        "folder is a folder: export writes a file; name a file in it, or a new one"
    )
    assert tree(here) == before


def test_export_neither_writes_through_nor_replaces_a_link(runner: CliRunner, here: Path) -> None:
    (here / "target.xlsx").write_bytes(b"mine")
    (here / "link.xlsx").symlink_to("target.xlsx")
    (here / "dangling.xlsx").symlink_to("nowhere.xlsx")
    before = tree(here)
    for name in ("link.xlsx", "dangling.xlsx"):
        for force in ((), ("--force",)):
            assert export(runner, name, *force) == error(
                f"{name} is a symbolic link: export neither writes through one nor replaces it;"
                " name the file itself, or a new one"
            )
    assert tree(here) == before


@pytest.mark.parametrize(
    "out", ["data/areas.yaml", "data/proposals/new.yaml", "data/forecasts/x.csv"]
)
def test_export_never_writes_a_file_of_the_budget(runner: CliRunner, here: Path, out: str) -> None:
    before = tree(here)
    assert export(runner, out, "--force") == error(
        f"{out} would be read as part of the budget in data: export never writes there;"
        " name a file outside the data folder"
    )
    assert tree(here) == before


def test_export_replaces_a_regular_file_with_force(runner: CliRunner, here: Path) -> None:
    """--force replaces a workbook or a database export wrote; any other file, never."""
    (here / "budget.xlsx").write_bytes(b"old")
    assert export(runner, "budget.xlsx") == error(
        "budget.xlsx is there already: --force replaces it"
    )
    assert export(runner, "budget.xlsx", "--force") == error(
        "budget.xlsx is there, and was not written by budgetcli export: --force replaces only "
        "a workbook or a database export wrote; name a new file"
    )
    assert (here / "budget.xlsx").read_bytes() == b"old"
    (here / "budget.xlsx").unlink()
    assert export(runner, "budget.xlsx") == (0, "wrote budget.xlsx\n", "")
    assert export(runner, "budget.xlsx", "--force") == (0, "wrote budget.xlsx\n", "")
    assert (here / "budget.xlsx").read_bytes()[:2] == b"PK"
    assert export(runner, "data/budget.xlsx")[0] == 0  # beside the budget's files: not one
    assert sorted(os.listdir(here)) == ["budget.xlsx", "data"]


# --- a write that fails midway -------------------------------------------------------------

#: budgetcli run with a file size limit: a write past it fails (EFBIG) as on a full disk
LIMITED = """\
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
from budgetcli.cli import main
sys.argv = ["budgetcli", *sys.argv[1:]]
main()
"""


def limited(cwd: Path, *args: str) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETCLI_")}
    done = subprocess.run(
        [sys.executable, "-c", LIMITED, *args],
        cwd=cwd,
        env={**env, "BUDGETCLI_NO_CACHE": "1", "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def test_a_write_that_fails_midway_changes_nothing(runner: CliRunner, here: Path) -> None:
    assert report(runner, "site")[0] == 0
    assert export(runner, "budget.xlsx")[0] == 0
    before = tree(here)
    assert limited(here, "report", "-o", "site", "--data", "data", "--force") == error(
        "cannot write site: File too large (nothing was changed)"
    )
    assert limited(here, "export", "-f", "xlsx", "-o", "budget.xlsx", "--force") == error(
        "cannot write budget.xlsx: File too large (nothing was changed)"
    )
    assert tree(here) == before  # the old folder and file, and no temporary one


def test_a_database_that_fails_midway_changes_nothing(runner: CliRunner, here: Path) -> None:
    """``export --format sqlite`` makes the database on disk, beside its place, as SQLite
    writes it: a write that fails there (past the size limit: SQLite's "disk I/O error") is
    said as any other, and leaves the old database and no temporary file."""
    database = ("export", "--format", "sqlite", "-o", "budget.db", "--data", "data")
    assert run(runner, *database)[0] == 0
    before = tree(here)
    assert limited(here, *database, "--force") == error(
        "cannot write budget.db: disk I/O error (nothing was changed)"
    )
    assert tree(here) == before


def test_a_folder_that_cannot_be_put_in_place_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last step of a folder's replacement, the new one renamed into place, fails: the
    old one, moved aside just before, is moved back."""
    writing.write_folder_atomically(tmp_path / "site", {"a.html": b"old"})
    rename, failed = os.replace, list[object]()

    def failing(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        """The first rename of a temporary folder to ``site`` fails (the new one's)."""
        if Path(src).name.startswith(".site.") and Path(dst).name == "site" and not failed:
            failed.append(src)
            raise OSError(28, "No space left on device")
        rename(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError, match="No space left"):
        writing.write_folder_atomically(tmp_path / "site", {"b.html": b"new"})
    monkeypatch.undo()
    assert failed  # it did fail there
    assert tree(tmp_path) == {"site": "/", "site/a.html": b"old"}


def test_the_readmes_refusals_are_what_the_commands_say(runner: CliRunner, here: Path) -> None:
    """docs/export.md › What export and report replace: each command of its text block, run
    where a copy of the data is ``data``, exits 2 with the message shown, and touches nothing."""
    import re
    import shlex

    readme = (REPO / "docs" / "export.md").read_text(encoding="utf-8")
    block = re.search(
        r"^```text\n(\$ budgetcli report -o data --force\n.*?)^```$", readme, re.M | re.S
    )
    assert block is not None
    runs = re.findall(r"^\$ budgetcli (.*)\n(.*)\n", block.group(1), re.M)
    assert len(runs) == 5
    before = tree(here)
    for command, message in runs:
        assert run(runner, *shlex.split(command)) == (2, "", message + "\n"), command
    assert tree(here) == before


def test_export_force_replaces_a_database_export_wrote_and_no_other(
    runner: CliRunner, here: Path
) -> None:
    import sqlite3

    def sqlite_export(*more: str) -> tuple[int, str, str]:
        return run(runner, "export", "--format", "sqlite", "-o", "b.db", "--data", "data", *more)

    assert sqlite_export() == (0, "wrote b.db\n", "")
    assert sqlite_export("--force") == (0, "wrote b.db\n", "")
    (here / "b.db").unlink()
    with sqlite3.connect(here / "b.db") as db:  # another program's database
        db.execute("CREATE TABLE budget (command TEXT)")
        db.execute("INSERT INTO budget VALUES ('mine')")
    before = (here / "b.db").read_bytes()
    assert sqlite_export("--force") == error(
        "b.db is there, and was not written by budgetcli export: --force replaces only a "
        "workbook or a database export wrote; name a new file"
    )
    assert (here / "b.db").read_bytes() == before
