"""What cannot be read is an error, nothing is misread, every message says how to fix it.

Each test edits a copy of the bundled data folder (``tmp_path/data``), runs the command from
``tmp_path`` through typer's ``CliRunner`` with the cache off, and asserts the exit code and
the exact error lines (the bundled data's own three warnings aside). The README's promises
"nothing lost" and "every problem in one run" name these tests.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.core.diagnostics import Problem, Severity, listed
from budgetcli.folder import listing as loading
from budgetcli.text.problems import problem_line

from . import conftest
from .conftest import REPO, git, process

pytestmark = pytest.mark.store

P = "data/proposals/plejecenter-sygefravaer.yaml"
F = "data/forecasts/eksempel-sagsregister-2024.yaml"
NOT_A_FILE = "not a file: budgetcli reads only regular files [io]"
#: what the eksempel forecast says when the rules cannot be used (a consequence, said once)
NO_RULES = (
    f"{F}:30:5: error: compute: refusion needs the refusion rules of 2024 or earlier in "
    "rules/refusion.yaml (none it could use: the file is missing or has errors) [no-refusion-rules]"
)

Run = Callable[..., tuple[int, list[str], str]]


@pytest.fixture
def data(seed_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the bundled data, the working directory its parent, no cache."""
    monkeypatch.chdir(seed_copy.parent)
    monkeypatch.setenv("BUDGETCLI_NO_CACHE", "1")
    return seed_copy


@pytest.fixture
def run(data: Path) -> Run:
    """``run(*args)`` -> (exit code, the lines of stdout that are not warnings, stderr)."""

    def invoke(*args: str) -> tuple[int, list[str], str]:
        code, out, err = conftest.run(CliRunner(), *args)
        assert "Traceback" not in out + err
        errors = [line for line in out.splitlines() if ": warning: " not in line]
        return code, errors, err

    return invoke


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- 1. what cannot be read is an error, never nothing -------------------------------------


def test_nothing_lost_an_unreadable_folder_is_an_error(
    data: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``chmod 000 data/proposals`` made validate exit 0 and summary print zeros. CI runs as
    root, where permissions do not bite, so listing it is made to fail as it does for a user."""
    real = os.listdir

    def refuse(path: str) -> object:
        if Path(path).name == "proposals":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "listdir", refuse)
    line = "data/proposals: error: cannot read the folder: permission denied (check its permissions) [io]"
    assert run("validate", "data") == (1, [line], "11 files checked: 1 error, 1 warning\n")
    assert run("summary", "2024") == (
        1,
        [],
        f"{line}\nbudgetcli: error: 1 error; run `budgetcli validate`\n",
    )


def test_nothing_lost_an_unreadable_file_is_an_error(
    data: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.open

    def refuse(path: str, flags: int, *args: int) -> int:
        if str(path).endswith("plejecenter-sygefravaer.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    line = f"{P}: error: cannot read the file: permission denied (check its permissions) [io]"
    assert run("validate", "data")[:2] == (1, [line])


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.mkdir()


def _link(target: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.unlink(missing_ok=True)
        path.symlink_to(target)

    return make


@pytest.mark.parametrize(
    ("make", "what"),
    [
        pytest.param(_fifo, "a named pipe (FIFO), " + NOT_A_FILE, id="fifo"),
        pytest.param(_folder, "a folder, " + NOT_A_FILE, id="folder"),
        pytest.param(_link("/dev/zero"), "a character device, " + NOT_A_FILE, id="dev-zero"),
        pytest.param(_link("/dev/null"), "a character device, " + NOT_A_FILE, id="dev-null"),
        pytest.param(
            _link("gone.yaml"),
            "a symbolic link to gone.yaml, which does not exist: fix or remove the link [io]",
            id="dangling-link",
        ),
        pytest.param(
            lambda p: _link(p.name)(p),
            "a symbolic link that loops (it leads back to itself): fix or remove the link [io]",
            id="link-loop",
        ),
    ],
)
@pytest.mark.parametrize("relpath", ["proposals/x.yaml", "rules/refusion.yaml", "areas.yaml"])
def test_nothing_lost_every_file_is_a_regular_file(
    data: Path, run: Run, make: Callable[[Path], None], what: str, relpath: str
) -> None:
    """A FIFO, a folder, a device, a dangling link or a loop, in the place of any file: an
    error naming it (a FIFO as rules/refusion.yaml hung every command, /dev/zero read until
    memory ran out, the rest in proposals/ were skipped without a word)."""
    make(data / relpath)
    code, lines, _ = run("validate", "data")
    expected = {
        "proposals/x.yaml": [f"data/proposals/x.yaml: error: {what}"],
        "rules/refusion.yaml": [NO_RULES, f"data/rules/refusion.yaml: error: {what}"],
        "areas.yaml": [f"data/areas.yaml: error: {what}"],
    }[relpath]
    assert (code, lines) == (1, expected)


def test_a_fifo_as_rules_hangs_no_command(data: Path) -> None:
    """Every command, as a process: each ends (the FIFO is never opened for reading)."""
    _fifo(data / "rules" / "refusion.yaml")
    for args in (["summary", "2024"], ["show", "botilbud-opfoelgning"], ["forecast"]):
        code, _, err = process(*args, "--no-cache", cwd=data.parent, PYTHONPATH=str(REPO))
        assert code == 1, (args, err)
        assert f"data/rules/refusion.yaml: error: a named pipe (FIFO), {NOT_A_FILE}" in err


def test_a_file_replaced_by_a_fifo_after_the_listing_is_refused_without_blocking(
    data: Path,
) -> None:
    """The check is made on the opened descriptor, opened without blocking: a FIFO put in a
    file's place between the listing and the read neither hangs nor is read."""
    folder = loading.list_folder(data)
    _fifo(data / "proposals" / "botilbud-opfoelgning.yaml")
    files = {f.relpath: f for f in folder.read()}
    refused = files["proposals/botilbud-opfoelgning.yaml"]
    assert (refused.data, refused.error and refused.error.english) == (
        None,
        f"a named pipe (FIFO), {NOT_A_FILE[:-5]}",
    )


def test_nothing_lost_a_file_over_the_size_limit_is_refused_unread(
    data: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data / "proposals" / "big.yaml").write_bytes(b"#" * (loading.MAX_YAML_BYTES + 1))
    big = (
        "data/proposals/big.yaml: error: the file is 1048577 bytes, over the 1 MiB budgetcli "
        "reads for a file of its kind (see Limits in docs/format.md): is it the right file? [io]"
    )
    assert run("validate", "data")[:2] == (1, [big])
    monkeypatch.setitem(loading.MAX_BYTES, "register", 1 << 20)
    register = data / "forecasts" / "eksempel-sagsregister-2024.csv"
    register.write_bytes(register.read_bytes() * (2 + (1 << 20) // register.stat().st_size))
    size = register.stat().st_size
    _, lines, _ = run("validate", "data")
    assert lines == [
        f"data/forecasts/eksempel-sagsregister-2024.csv: error: the file is {size} bytes, over "
        "the 1 MiB budgetcli reads for a file of its kind (see Limits in docs/format.md): is it "
        "the right file? [io]",
        big,
    ]


def test_a_file_whose_size_says_nothing_is_read_only_to_the_limit() -> None:
    """A file that reports size 0 and holds more (``/proc``, a growing file): the read stops
    at the limit instead of reading to the end."""
    with pytest.raises(loading._Refused) as refused:
        loading._read_bytes("/proc/self/maps", 100)
    assert str(refused.value) == (
        "the file is more than 100 bytes, over the 100 bytes budgetcli reads for a file of its kind "
        "(see Limits in docs/format.md): is it the right file?"
    )


@pytest.mark.parametrize("absent", ["folder", "files"])
def test_no_proposals_is_said(data: Path, run: Run, absent: str) -> None:
    shutil.rmtree(data / "proposals")
    if absent == "files":
        (data / "proposals").mkdir()
    where = (
        "there is no folder data/proposals/"
        if absent == "folder"
        else "data/proposals/ holds no .yaml file"
    )
    warning = (
        f"data/proposals: warning: no proposals: {where} (one YAML file a proposal) [no-proposals]"
    )
    code, out, _ = conftest.run(CliRunner(), "validate", "data")
    assert code == 0
    assert warning in out.splitlines()
    code, lines, err = run("summary", "2024")
    assert code == 0 and lines[-1] == "by area; status: proposed, adopted, realized"
    assert err == (  # the forecast's warning is still there: counted, not said again
        f"budgetcli: warning: no proposals: {where} (one YAML file a proposal)\n"
        "budgetcli: note: 1 warning: run budgetcli validate\n"
    )


def test_a_file_name_that_is_not_utf8_is_reported(data: Path, run: Run) -> None:
    bad = os.fsencode(data / "proposals") + b"/caf\xe9.yaml"
    with open(bad, "wb") as f:
        f.write((data / "proposals" / "botilbud-opfoelgning.yaml").read_bytes())
    line = "data/proposals/caf\\xe9.yaml: error: the file name is not valid UTF-8: rename the file [io]"
    assert run("validate", "data")[:2] == (1, [line])
    assert run("validate", "data", "--format", "json")[0] == 1


def test_a_file_name_cannot_forge_a_diagnostic_line(data: Path, run: Run) -> None:
    """A newline in a name, or in a value a message quotes, is escaped in text output."""
    (data / "proposals" / "x\ndata:1:1: error: forged.yaml").write_text("", "utf-8")
    assert run("validate", "data")[:2] == (
        1,
        ["data/proposals/x\\ndata:1:1: error: forged.yaml:1:1: error: the file is empty [empty]"],
    )
    forged = Problem("a.yaml", 1, 1, Severity.ERROR, "r", "committee 'A\nb.yaml:1:1: error: x'")
    assert problem_line(forged) == "a.yaml:1:1: error: committee 'A\\nb.yaml:1:1: error: x' [r]"


def test_a_flood_of_problems_is_listed_to_a_hundred_a_file() -> None:
    many = [Problem("a.yaml", n, 1, Severity.ERROR, "r", "m") for n in range(1, 251)]
    shown = listed([*many, Problem("b.yaml", 1, 1, Severity.ERROR, "r", "m")])
    assert len(shown) == 102
    assert shown[100] == Problem(
        "a.yaml",
        101,
        1,
        Severity.ERROR,
        "too-many-problems",
        "150 more problems from this line on are not listed (at most 100 a file); fix the ones "
        "above and run validate again",
    )


# --- 2. nothing is misread; 5. every message says how to fix it ------------------------------


@pytest.mark.parametrize(
    ("relpath", "old", "new", "errors"),
    [
        pytest.param(
            "forecasts/eksempel-sagsregister-2024.yaml",
            "month: 7",
            "month: true",
            [
                "data/forecasts/eksempel-sagsregister-2024.yaml:14:3: error: inflow.month: expected a whole number, got true (true and false are not numbers) [number-type]",
            ],
            id="misread-month-true",
        ),
        pytest.param(
            "forecasts/eksempel-sagsregister-2024.yaml",
            "count: 13",
            "count: 13.0",
            [
                "data/forecasts/eksempel-sagsregister-2024.yaml:12:3: error: inflow.count: expected a whole number, got 13.0 (write 13) [number-type]",
            ],
            id="misread-count-7.0",
        ),
        pytest.param(
            "forecasts/eksempel-sagsregister-2024.yaml",
            "count: 13",
            "count: '13'",
            [
                "data/forecasts/eksempel-sagsregister-2024.yaml:12:3: error: inflow.count: expected a whole number, got the text '13' (a number is written without quotes: write 13) [number-type]",
            ],
            id="misread-count-quoted",
        ),
        pytest.param(
            "forecasts/eksempel-sagsregister-2024.yaml",
            "count: 13",
            'count: "13\\n"',
            [
                "data/forecasts/eksempel-sagsregister-2024.yaml:12:3: error: inflow.count: expected a whole number, got the text '13\\n' (a number is written without quotes: write 13) [number-type]",
            ],
            id="misread-count-newline",
        ),
        pytest.param(
            "forecasts/voksenspecialiseret-2024.yaml",
            "cases_in: 13",
            "cases_in: true",
            [
                "data/forecasts/voksenspecialiseret-2024.yaml:16:5: error: lines[1].cases_in: expected a whole number, got true (true and false are not numbers) [number-type]",
            ],
            id="misread-cases-in-true",
        ),
        pytest.param(
            "forecasts/voksenspecialiseret-2024.yaml",
            "year: 2024",
            "year: '2024'",
            [
                "data/forecasts/voksenspecialiseret-2024.yaml:6:1: error: year: expected a whole number, got the text '2024' (a number is written without quotes: write 2024) [number-type]",
            ],
            id="misread-year-quoted",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "date: 2023-06-22",
            "date: 1641600000",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:8:1: error: date: expected a date written YYYY-MM-DD, got 1641600000 (a number is not a date: YAML tools would read it as seconds since 1970) [date-type]",
            ],
            id="misread-date-timestamp",
        ),
        pytest.param(
            "forecasts/voksenspecialiseret-2024.yaml",
            "date: 2024-01-03",
            "date: 1641600000",
            [
                "data/forecasts/voksenspecialiseret-2024.yaml:7:1: error: date: expected a date written YYYY-MM-DD, got 1641600000 (a number is not a date: YAML tools would read it as seconds since 1970) [date-type]",
            ],
            id="misread-forecast-date-timestamp",
        ),
        pytest.param(
            "rules/refusion.yaml",
            "rate: 0.25}",
            "rate: true}",
            [
                NO_RULES,
                "data/rules/refusion.yaml:14:25: error: rules[0].tiers[0].rate: expected a share as a number such as 0.25, got true [rate-type]",
            ],
            id="misread-rate-true",
        ),
        pytest.param(
            "rules/refusion.yaml",
            "rate: 0.25}",
            "rate: '0.25'}",
            [
                NO_RULES,
                "data/rules/refusion.yaml:14:25: error: rules[0].tiers[0].rate: expected a share as a number such as 0.25, got the text '0.25' (a number is written without quotes: write 0.25) [rate-type]",
            ],
            id="misread-rate-quoted",
        ),
        pytest.param(
            "rules/refusion.yaml",
            "rate: 0.25}",
            "rate: 25%}",
            [
                NO_RULES,
                "data/rules/refusion.yaml:14:25: error: rules[0].tiers[0].rate: expected a share as a number such as 0.25, got the text '25%' (write the share as a number: 0.25) [rate-type]",
            ],
            id="misread-rate-percent",
        ),
        pytest.param(
            "areas.yaml",
            "years: [2024,",
            "years: [true,",
            [
                "data/areas.yaml:6:9: error: years[0]: expected a whole number, got true (true and false are not numbers) [number-type]",
            ],
            id="misread-areas-year-true",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "change_fte: -2.6",
            "change_fte: -12345678901234567890123456.5",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:21:3: error: staffing.change_fte: -12345678901234567890123456.5 is more than a number of full-time positions can be: at most 7 digits before the point [fte-range]",
            ],
            id="misread-fte-digits",
        ),
        pytest.param(
            "rules/refusion.yaml",
            "year: 2022",
            "year: 2021",
            [
                NO_RULES,
                "data/rules/refusion.yaml:17:5: error: the rules of 2021 are given twice (also rules[0]): keep one [duplicate-rules-year]",
            ],
            id="misread-rules-twice",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "inside_service_frame: -1200",
            'inside_service_frame: {2024: -9999, "2024": -1200, 2025: -1200, 2026: -1200, 2027: -1200}',
            [
                'data/proposals/plejecenter-sygefravaer.yaml:12:39: error: duplicate key "2024" (the same key as 2024 on line 12); only one would be kept: remove or rename one [duplicate-key]',
            ],
            id="misread-key-twice",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "inside_service_frame: -1200",
            "inside_service_frame: –1200",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:12:3: error: change.inside_service_frame: expected a whole number, got the text '–1200' (– is a typographic dash or minus, not the - numbers are written with: write -1200) [amount-type]",
            ],
            id="hint-en-dash",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "inside_service_frame: -1200",
            "inside_service_frame: −1200",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:12:3: error: change.inside_service_frame: expected a whole number, got the text '−1200' (− is a typographic dash or minus, not the - numbers are written with: write -1200) [amount-type]",
            ],
            id="hint-minus-sign",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "inside_service_frame: -1200",
            "inside_service_frame: -1 200",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:12:3: error: change.inside_service_frame: expected a whole number, got the text '-1 200' (no spaces between digits: write -1200) [amount-type]",
            ],
            id="hint-space-thousands",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "inside_service_frame: -1200",
            "inside_service_frame: -1200 kr.",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:12:3: error: change.inside_service_frame: expected a whole number, got the text '-1200 kr.' (write the amount alone, without 'kr.', as a whole number of the budget's unit (areas.yaml's unit, by default 1000 DKK)) [amount-type]",
            ],
            id="hint-kr",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "inside_service_frame: -1200",
            "inside_service_frame: 1.200,5",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:12:3: error: change.inside_service_frame: expected a whole number, got the text '1.200,5' (1.200,5 is Danish for 1200.5; amounts are whole numbers of the unit, written without separators, e.g. 1200) [amount-type]",
            ],
            id="hint-danish-decimal",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "date: 2023-06-22",
            "date: 22-06-2023",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:8:1: error: date: expected a date written YYYY-MM-DD, got the text '22-06-2023' (write 2023-06-22) [date-type]",
            ],
            id="hint-date-dd-mm-yyyy",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "date: 2023-06-22",
            "date: 22-6-23",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:8:1: error: date: expected a date written YYYY-MM-DD, got the text '22-6-23' (write 2023-06-22) [date-type]",
            ],
            id="hint-date-d-m-yy",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "status: proposed",
            "status: vedtaget",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:3:1: error: status: expected proposed, adopted, rejected or realized, got 'vedtaget' (did you mean 'adopted'? 'vedtaget' is Danish for it) [enum]",
            ],
            id="hint-status-vedtaget",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "status: proposed",
            "status: forkastet",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:3:1: error: status: expected proposed, adopted, rejected or realized, got 'forkastet' (did you mean 'rejected'? 'forkastet' is Danish for it) [enum]",
            ],
            id="hint-status-forkastet",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "status: proposed",
            "status: realiseret",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:3:1: error: status: expected proposed, adopted, rejected or realized, got 'realiseret' (did you mean 'realized'? 'realiseret' is Danish for it) [enum]",
            ],
            id="hint-status-realiseret",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "status: proposed",
            "status: foreslået",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:3:1: error: status: expected proposed, adopted, rejected or realized, got 'foreslået' (did you mean 'proposed'? 'foreslået' is Danish for it) [enum]",
            ],
            id="hint-status-foreslaaet",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "inside_service_frame: -1200",
            "inside_service_frame: {2024: -1200, 2025: -1200, 2026: -1200, 2027: -1200,5}",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:12:71: error: -1200,5 is not a number: write -1200.5 (in YAML a comma separates entries) [decimal-comma]",
            ],
            id="hint-flow-comma",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "  change_fte: -2.6",
            "\tchange_fte: -2.6",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:21:1: error: a tab in the indentation: indent with spaces (YAML does not allow tabs there) [yaml-tab]",
            ],
            id="hint-tab",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "areas: [B60.30.10]",
            "areas: [B60.30.99]\ntitel: x",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:5:9: error: area B60.30.99 is not in areas.yaml; did you mean B60.30.45? [unknown-area]",
                "data/proposals/plejecenter-sygefravaer.yaml:6:1: error: unknown field 'titel'; did you mean 'title'? [unknown-field]",
            ],
            id="one-run-unknown-area",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "committee: Social- og Sundhedsudvalget",
            "committee: Teknik- og Miljøudvalget\ntitel: x",
            [
                "data/proposals/plejecenter-sygefravaer.yaml:4:1: error: committee 'Teknik- og Miljøudvalget' differs from area B60.30.10's committee 'Social- og Sundhedsudvalget' in areas.yaml [committee-mismatch]",
                "data/proposals/plejecenter-sygefravaer.yaml:5:1: error: unknown field 'titel'; did you mean 'title'? [unknown-field]",
            ],
            id="one-run-committee",
        ),
    ],
)
def test_nothing_misread_and_every_message_says_how_to_fix_it(
    data: Path, run: Run, relpath: str, old: str, new: str, errors: list[str]
) -> None:
    """Numbers strict in every file kind (`month: true` meant January), dates never a Unix
    time, two rule sets for a year refused, the documents' own ways of writing amounts, dates
    and statuses answered with what to write; a file with field errors still gets its
    cross-file checks (every problem in one run)."""
    edit(data / relpath, old, new)
    assert run("validate", "data")[:2] == (1, errors)


def test_every_problem_in_one_run_rules_twice_are_not_chosen_between(data: Path, run: Run) -> None:
    """Two rule sets for 2022: the forecast is not computed with either (one was silently
    ignored: refusion -20.617 instead of -19.654)."""
    edit(data / "rules" / "refusion.yaml", "year: 2021", "year: 2022")
    code, lines, err = run("forecast", "eksempel-sagsregister-2024")
    assert (code, lines) == (1, [])
    assert err.splitlines()[-2:] == [
        "data/rules/refusion.yaml:17:5: error: the rules of 2022 are given twice (also "
        "rules[0]): keep one [duplicate-rules-year]",
        "budgetcli: error: 2 errors; run `budgetcli validate`",
    ]


def test_nothing_lost_from_a_git_revision(data: Path, run: Run) -> None:
    """A revision is read as a folder is: a link, a folder, a file too large, or a name that
    is not UTF-8 in history is an error naming it, never skipped."""

    repo = data.parent
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.org")
    git(repo, "config", "user.name", "t")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "old")
    proposals = data / "proposals"
    (proposals / "link.yaml").symlink_to("botilbud-opfoelgning.yaml")
    (proposals / "dir.yaml").mkdir()
    (proposals / "dir.yaml" / "x").write_text("", encoding="utf-8")
    (proposals / "big.yaml").write_bytes(b"#" * (loading.MAX_YAML_BYTES + 1))
    with open(os.fsencode(proposals) + b"/caf\xe9.yaml", "wb") as f:
        f.write(b"")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "new")
    new = "new side (HEAD): HEAD:data/proposals"
    code, lines, err = run("diff", "HEAD~1", "HEAD")
    assert (code, lines) == (1, [])
    assert err.splitlines() == [
        f"{new}/big.yaml: error: the file is 1048577 bytes, over the 1 MiB budgetcli reads for "
        "a file of its kind (see Limits in docs/format.md): is it the right file? [io]",
        f"{new}/caf\\xe9.yaml: error: the file name is not valid UTF-8: rename the file [io]",
        f"{new}/dir.yaml: error: a folder in git, not a file: budgetcli reads only regular files "
        "[io]",
        f"{new}/link.yaml: error: a symbolic link in git, not a file: budgetcli reads only "
        "regular files [io]",
        "budgetcli: error: 4 errors in the new side (HEAD)",
    ]


@pytest.mark.parametrize(
    ("relpath", "old", "new", "errors"),
    [
        pytest.param(
            "areas.yaml",
            "name: Botilbud",
            'name: "Botilbud\\nTotal  -99.999\\e[2J"',
            [
                "data/areas.yaml:43:5: error: areas[5].name: 'Botilbud\\nTotal  -99.999\\x1b[2J' "
                "holds a line break: write it on one line [control-character]"
            ],
            id="a-name-that-would-forge-a-row",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "center: Center for Voksne og Velfærd",
            'center: "Center\\e[2J"',
            [
                f"{P}:6:1: error: center: 'Center\\x1b[2J' holds the control character U+001B: "
                "remove it [control-character]",
            ],
            id="an-escape-code-in-a-text",
        ),
        pytest.param(
            "proposals/plejecenter-sygefravaer.yaml",
            "id: plejecenter-sygefravaer\n",
            "id: plejecenter\ntitel: x\n",
            [
                f"{P}:1:1: error: id 'plejecenter' differs from the file name "
                "'plejecenter-sygefravaer'; rename the file or change the id [id-mismatch]",
                f"{P}:2:1: error: unknown field 'titel'; did you mean 'title'? [unknown-field]",
            ],
            id="one-run-id-mismatch-beside-a-field-error",
        ),
    ],
)
def test_texts_and_ids_are_checked_whatever_else_is_wrong(
    data: Path, run: Run, relpath: str, old: str, new: str, errors: list[str]
) -> None:
    edit(data / relpath, old, new)
    assert run("validate", "data")[:2] == (1, errors)


def test_a_year_key_may_be_quoted_as_json_writes_it(data: Path, run: Run) -> None:
    """``{"2024": -1200}`` is the year 2024 (JSON quotes every key); a quoted value is not."""
    before = run("summary", "--format", "json")
    path = data / "proposals" / "plejecenter-sygefravaer.yaml"
    edit(path, "operating_budget: {2024: 105769", 'operating_budget: {"2024": 105769')
    edit(
        path,
        "inside_service_frame: -1200",
        'inside_service_frame: {"2024": -1200, "2025": -1200, "2026": -1200, "2027": -1200}',
    )
    assert run("validate", "data")[:2] == (0, [])
    assert run("summary", "--format", "json") == before


def test_a_register_capped_where_it_is_read_keeps_its_count(data: Path, run: Run) -> None:
    register = data / "forecasts" / "eksempel-sagsregister-2024.csv"
    header, first, *_ = register.read_text(encoding="utf-8").splitlines()
    register.write_text("\n".join([header, *[first] * 300]) + "\n", encoding="utf-8")
    _, lines, _ = run("validate", "data")
    assert len(lines) == 101
    assert lines[-1].endswith(
        "error: 199 more problems from this line on are not listed (at most 100 a register); "
        "fix the ones above and run validate again [too-many-problems]"
    )


def _refused(ch: str, prose: bool) -> bool:
    """The definition: a control (Unicode's Cc), a line or paragraph separator, a bidi override;
    prose may hold newlines and tabs."""
    if prose and ch in "\n\t":
        return False
    return ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" or (
        unicodedata.category(ch) in ("Cc", "Zl", "Zp")
    )


#: any character, and often one at the edge of the definition
_EDGES = st.sampled_from("\n\t\r\x1b\x7f\x85\x9f\xa0\u2028\u2029\u202e\u2066\u200b a")


@given(st.text(st.one_of(st.characters(), _EDGES), max_size=40), st.booleans())
def test_text_fields_refuse_exactly_the_control_characters(text: str, prose: bool) -> None:
    """The pattern that finds a refused character (searched at C speed) is the definition, for
    every text: the first refused character is the one named."""
    from pydantic_core import PydanticCustomError

    from budgetcli.folder.models import _one_line

    first = next((ch for ch in text if _refused(ch, prose)), None)
    if first is None:
        assert _one_line(text, prose) == text
        return
    with pytest.raises(PydanticCustomError) as caught:
        _one_line(text, prose)
    named = caught.value.context or {}
    assert named.get("what") in (
        {"\n": "a line break", "\r": "a carriage return", "\t": "a tab"}.get(
            first, f"the control character U+{ord(first):04X}"
        ),
    )
