"""The command line as users of git and ruff expect: usage errors in one line and exit 2 (on
every click and typer version), the help, -V, shell completion, validate's --data and
--quiet, every --format a help lists, and the data folder found from where you stand."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli import __version__
from budgetcli.folder.git import DataHome, find_data_dir

from .conftest import DATA, REPO, agreement, examples, git, process, proposal_yaml, run
from .test_cli import COMMANDS

pytestmark = pytest.mark.store

NOWHERE = "budgetcli: error: no such folder: {} (give the data folder with --data DIR, or set BUDGETCLI_DATA)\n"


# --- usage errors ----------------------------------------------------------------------------

USAGE_ERRORS = [
    (
        ["summary", "--xyzzy"],
        "no such option: --xyzzy",
        "see `budgetcli summary --help`",
    ),
    (
        ["summary", "--stat", "adopted"],
        "no such option: --stat",
        "did you mean --status? See `budgetcli summary --help`",
    ),
    (
        ["summary", "--by", "kommune"],
        "--by must be one of area, committee, center, status, kind, proposal, not 'kommune'",
        "see `budgetcli summary --help`",
    ),
    (
        ["summary", "-b", "comittee"],
        "--by must be one of area, committee, center, status, kind, proposal, not 'comittee'",
        "did you mean committee? See `budgetcli summary --help`",
    ),
    (
        ["validate", "--format", "csv"],
        "--format must be one of text, json, github, not 'csv'",
        "see `budgetcli validate --help`",
    ),
    (["show"], "missing argument ID", "see `budgetcli show --help`"),
    (["show", "a", "b"], "unexpected argument: b", "see `budgetcli show --help`"),
    (["show", "a", "b", "c"], "unexpected arguments: b c", "see `budgetcli show --help`"),
    (
        ["summary", "twenty"],
        "YEAR must be a whole number, not 'twenty'",
        "see `budgetcli summary --help`",
    ),
    (["summary", "--data"], "--data needs a value", "see `budgetcli summary --help`"),
    (["validate", "--strict=yes"], "--strict takes no value", "see `budgetcli validate --help`"),
    (["sumary"], "no such command: 'sumary'", "did you mean summary? See `budgetcli --help`"),
    (["frob", "x"], "no such command: 'frob'", "see `budgetcli --help`"),
    (["--frob"], "no such option: --frob", "see `budgetcli --help`"),
]


@pytest.mark.parametrize(("args", "message", "hint"), USAGE_ERRORS)
def test_a_usage_error_is_one_line_and_a_hint(
    runner: CliRunner, args: list[str], message: str, hint: str
) -> None:
    assert run(runner, *args) == (2, "", f"budgetcli: error: {message}\nhint: {hint}\n")


@pytest.mark.parametrize(("args", "message", "hint"), USAGE_ERRORS)
def test_a_usage_error_in_a_real_process(args: list[str], message: str, hint: str) -> None:
    """The same through ``python -m budgetcli``: no usage block, no ``Error:``, no box."""
    assert process(*args) == (2, "", f"budgetcli: error: {message}\nhint: {hint}\n")


@settings(max_examples=examples(40), deadline=None)
@given(
    command=st.sampled_from(COMMANDS),
    name=st.text(st.characters(codec="utf-8", exclude_characters="=\0"), min_size=1, max_size=12),
)
def test_every_unknown_option_is_a_usage_error(command: str, name: str) -> None:
    """Whatever follows the dashes: exactly an error line and a hint line, exit 2."""
    option = f"--zz{name}"
    code, out, err = run(CliRunner(), command, option)
    assert (code, out) == (2, "")
    first, hint = err.splitlines()
    assert first.startswith("budgetcli: error: no such option: --zz")
    assert first.isprintable()
    assert re.fullmatch(rf"hint: (did you mean \S+\? S|s)ee `budgetcli {command} --help`", hint)


def not_a_whole_number(text: str) -> bool:
    try:
        int(text)  # as click converts: " 7 ", "1_000" and "٣" are numbers
    except ValueError:
        return True
    return False


@settings(max_examples=examples(40), deadline=None)
@given(st.text(min_size=1, max_size=10).filter(not_a_whole_number))
def test_every_year_that_is_no_number_is_a_usage_error(text: str) -> None:
    code, out, err = run(CliRunner(), "summary", "--", text)
    assert (code, out) == (2, "")
    assert err == (
        f"budgetcli: error: YEAR must be a whole number, not {text!r}\n"
        "hint: see `budgetcli summary --help`\n"
    )


def test_a_data_folder_that_is_not_there(runner: CliRunner, tmp_path: Path) -> None:
    nowhere = tmp_path / "nope"
    for command in (["summary"], ["validate"], ["show", "x"], ["forecast"], ["diff", str(DATA)]):
        assert run(runner, *command, "--data", str(nowhere)) == (2, "", NOWHERE.format(nowhere))
    assert process("validate", str(nowhere)) == (2, "", NOWHERE.format(nowhere))


def test_no_arguments_prints_the_help_and_exits_2() -> None:
    code, out, err = process()
    assert (code, out) == (2, "")
    assert err.startswith("Usage: budgetcli [OPTIONS] COMMAND [ARGS]...\n")


# --- help, version, completion -----------------------------------------------------------------


def test_the_top_level_help_names_every_command(runner: CliRunner) -> None:
    code, out, err = run(runner, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("Usage: budgetcli [OPTIONS] COMMAND [ARGS]...\n")
    listed = out[out.index("\nCommands:\n") :].splitlines()[2:]
    assert [line.split()[0] for line in listed] == [
        "validate",
        "summary",
        "show",
        "diff",
        "frame",
        "forecast",
        "followup",
        "import",
        "new",
        "export",
        "report",
        "schema",
    ]
    assert sorted(line.split()[0] for line in listed) == COMMANDS
    assert not [line for line in listed if line.endswith("...")], "a description is cut"
    described = out[: out.index("\nOptions:\n")]
    assert all(re.search(rf"\b{name}\b", described) for name in COMMANDS)


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(runner: CliRunner, flag: str) -> None:
    assert run(runner, flag) == (0, f"budgetcli {__version__}\n", "")
    assert process(flag) == (0, f"budgetcli {__version__}\n", "")


def test_shell_completion_script() -> None:
    code, out, err = process("--show-completion", "bash")
    assert (code, err) == (0, "")
    assert out.startswith("_budgetcli_completion() {\n")
    assert "complete -o default -F _budgetcli_completion budgetcli" in out.splitlines()


@pytest.mark.parametrize(
    ("words", "expected"),
    [("budgetcli sum", ["summary"]), ("budgetcli summary --by c", ["committee", "center"])],
)
def test_shell_completion_completes(words: str, expected: list[str]) -> None:
    """What the script asks budgetcli for: commands, and an option's choices."""
    env = {"_BUDGETCLI_COMPLETE": "complete_bash", "COMP_WORDS": words}
    code, out, _ = process(cwd=REPO, COMP_CWORD=str(len(words.split()) - 1), **env)
    assert code == 0
    assert out.split() == expected


# --- every format listed works -----------------------------------------------------------------

FORMAT_RUNS = {
    "validate": ["validate", "data"],
    "summary": ["summary", "2024"],
    "show": ["show", "kaerbo-velfaerdsteknologi"],
    "diff": ["diff", "data", "data"],
    "forecast": ["forecast", "voksenspecialiseret-2024"],
}


def listed_formats(runner: CliRunner, command: str) -> list[str]:
    _, out, _ = run(runner, command, "--help")
    found = re.search(r"--format [<[]([a-z|-]+)[]>]", out)  # click: <a|b>, older [a|b]
    assert found, f"budgetcli {command} --help lists no --format"
    return found.group(1).split("|")


def test_the_formats_each_help_lists() -> None:
    runner = CliRunner()
    assert {c: listed_formats(runner, c) for c in FORMAT_RUNS} == {
        "validate": ["text", "json", "github"],
        "summary": ["table", "json", "csv", "csv-excel-da", "markdown"],
        "show": ["table", "json", "csv", "csv-excel-da", "markdown"],
        "diff": ["table", "json", "csv", "csv-excel-da", "markdown"],
        "forecast": ["table", "json", "csv", "csv-excel-da", "markdown"],
    }


@pytest.mark.parametrize("command", sorted(FORMAT_RUNS))
def test_every_format_a_help_lists_works(
    runner: CliRunner, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    for name in listed_formats(runner, command):
        code, out, err = run(runner, *FORMAT_RUNS[command], "--format", name)
        assert code == 0, f"{command} --format {name}: {err}"
        assert out, f"{command} --format {name} printed nothing"
        if name == "json":
            json.loads(out)


def test_show_piped_uses_plain_characters() -> None:
    code, out, err = process("show", "kaerbo-velfaerdsteknologi")
    assert (code, err) == (0, "")
    assert "Economic consequences (1.000 kr.)" in out
    assert not set(out) & set("─━│┃┌┐└┘├┤┬┴┼╭╮╯╰•")


# --- validate: --data, $BUDGETCLI_DATA, --quiet ------------------------------------------------

WARNINGS = 3  # the bundled data's own (README)


def test_validate_takes_data_as_an_option(runner: CliRunner) -> None:
    by_argument = run(runner, "validate", str(DATA))
    assert by_argument[0] == 0 and by_argument[1].count(": warning: ") == WARNINGS
    assert run(runner, "validate", "--data", str(DATA)) == by_argument
    assert run(runner, "validate", "-d", str(DATA)) == by_argument
    # both, naming the same folder however written
    assert run(runner, "validate", str(DATA), "--data", f"{DATA}/../data/") == by_argument


def test_validate_with_two_different_folders_is_a_usage_error(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert run(runner, "validate", str(DATA), "--data", str(tmp_path)) == (
        2,
        "",
        f"budgetcli: error: DATA_DIR {DATA} and --data {tmp_path} are different folders;"
        " give one of them\n",
    )


def test_validate_reads_the_environment_below_the_command_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("BUDGETCLI_DATA", str(DATA))
    code, out, _ = run(runner, "validate")
    assert code == 0 and out.count(": warning: ") == WARNINGS
    monkeypatch.setenv("BUDGETCLI_DATA", str(tmp_path / "nope"))
    assert run(runner, "validate", str(DATA))[0] == 0  # the argument wins, no conflict
    assert run(runner, "validate", "--data", str(DATA))[0] == 0
    assert run(runner, "validate") == (2, "", NOWHERE.format(tmp_path / "nope"))


def test_validate_quiet_prints_only_the_problems(runner: CliRunner) -> None:
    code, out, err = run(runner, "validate", str(DATA), "--quiet")
    assert (code, err) == (0, "")
    problem = re.compile(r"\S+:\d+:\d+: warning: .* \[[a-z-]+\]")
    assert all(problem.fullmatch(line) for line in out.splitlines()), out
    assert len(out.splitlines()) == WARNINGS
    assert process("validate", "data", "-q") == (0, out.replace(str(DATA), "data"), "")


def test_validate_quiet_with_no_problem_prints_nothing(
    runner: CliRunner, make_data: Callable[..., Path]
) -> None:
    folder = make_data(p1=proposal_yaml())
    assert run(runner, "validate", str(folder)) == (
        0,
        "",
        "2 files checked: 0 errors, 0 warnings\n",
    )
    assert run(runner, "validate", str(folder), "--quiet") == (0, "", "")


def test_validate_quiet_with_errors_exits_1(
    runner: CliRunner, make_data: Callable[..., Path]
) -> None:
    folder = make_data(p1=proposal_yaml(status="adoptd"))
    code, out, err = run(runner, "validate", "--data", str(folder), "-q")
    assert (code, err) == (1, "")
    assert out == (
        f"{folder}/proposals/p1.yaml:3:1: error: status: expected proposed, adopted, rejected or"
        " realized, got 'adoptd' (did you mean 'adopted'?) [enum]\n"
    )


# --- the data folder, found as git finds .git ---------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the bundled data at data/ and a budget agreement on top."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.invalid")
    git(root, "config", "user.name", "Test")
    shutil.copytree(DATA, root / "data")
    (root / "docs" / "notes").mkdir(parents=True)
    (root / "docs" / "notes" / "README").write_text("notes\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "June")
    agreement(root / "data")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Agreement")
    return root


TOTAL_2024 = ",Total,2024,-8300,2550,-5750,-5750,0,0,-3.9,,,"  # after the agreement


@pytest.mark.parametrize("where", [".", "data", "data/proposals", "docs", "docs/notes"])
def test_the_data_folder_is_found_from_anywhere_in_the_repository(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.chdir(repo / where)
    code, out, err = run(runner, "summary", "2024", "--format", "csv")
    assert (code, err) == (  # the agreement's data: validate names its seven warnings
        0,
        "budgetcli: note: 7 warnings: run budgetcli validate\n",
    )
    assert out.splitlines()[-1] == TOTAL_2024
    assert find_data_dir(Path.cwd()) == DataHome(
        Path(os.path.relpath(repo / "data", repo / where)), "data"
    )


def test_validate_names_files_from_where_you_stand(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "data" / "proposals")
    code, out, _ = run(runner, "validate", "-q")
    assert code == 0
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "../forecasts/eksempel-sagsregister-2024.yaml",
        "../proposals/b23-stofmisbrug-eksterne-tilbud.yaml",
        "../proposals/botilbud-opfoelgning.yaml",
        "../proposals/hjemloeseindsats.yaml",
        "../proposals/hjemloeseindsats.yaml",
        "../proposals/kaerbo-velfaerdsteknologi.yaml",
        "../proposals/ny-genoptraening.yaml",  # a reduction that costs 200 in 2024: kind-sign
    ]


def test_dot_data_comes_before_dot(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    (tmp_path / "areas.yaml").write_text("not: this\n", encoding="utf-8")
    assert find_data_dir(tmp_path) == DataHome(Path("data"), "data")
    (tmp_path / "data" / "areas.yaml").unlink()
    assert find_data_dir(tmp_path) == DataHome(Path("."), "data")


def test_outside_a_repository_only_where_you_stand_is_looked_at(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.chdir(tmp_path / "data" / "proposals")
    assert run(runner, "summary") == (2, "", NOWHERE.format("data"))
    monkeypatch.chdir(tmp_path / "data")
    assert run(runner, "summary", "2024", "--format", "csv")[1].splitlines()[-1] == (
        ",Total,2024,-8750,2350,-6400,-6400,0,0,-4.9,,,"
    )


def test_the_search_stops_at_the_top_of_the_work_tree(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(DATA, tmp_path / "data")  # above the repository: not its data
    (tmp_path / "repo" / "sub").mkdir(parents=True)
    git(tmp_path / "repo", "init", "-q")
    assert find_data_dir(tmp_path / "repo" / "sub") == DataHome(Path("data"), "data")
    monkeypatch.chdir(tmp_path / "repo" / "sub")
    assert run(runner, "summary") == (2, "", NOWHERE.format("data"))


@settings(max_examples=examples(25), deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "proposals", "data x", "ø"]), min_size=0, max_size=4),
    st.booleans(),
)
def test_every_folder_below_the_top_finds_the_same_data(below: list[str], in_data: bool) -> None:
    """From the top, from the data folder, or from any folder below either: the one data
    folder, named relative to where you stand, and by its place in the repository."""
    with tempfile.TemporaryDirectory() as name:
        top = Path(name)
        (top / ".git").mkdir()
        (top / "data").mkdir()
        (top / "data" / "areas.yaml").write_text("x\n", encoding="utf-8")
        cwd = top.joinpath("data" if in_data else ".", *below)
        cwd.mkdir(parents=True, exist_ok=True)
        if (cwd / "data" / "areas.yaml").exists() or (cwd / "areas.yaml").exists():
            return  # a data folder of its own, nearer
        found = find_data_dir(cwd)
        assert (cwd / found.folder).resolve() == (top / "data").resolve()
        assert found.in_repository == "data"


def agreement_counts(out: str) -> dict[str, object]:
    doc = json.loads(out)
    counts: dict[str, object] = doc["counts"]
    return counts


AGREED = {
    "changed": 7,
    "added": 1,
    "removed": 0,
    "renamed": 1,
    "to_status": {"adopted": 7, "rejected": 1},
}


@pytest.mark.parametrize("where", [".", "data", "data/proposals", "docs/notes"])
def test_diff_of_revisions_from_anywhere_in_the_repository(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    monkeypatch.chdir(repo / where)
    code, out, err = run(runner, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert (code, err) == (0, "")
    assert agreement_counts(out) == AGREED
    code, out, err = run(runner, "diff", "HEAD~1", "--format", "json")  # against the work tree
    assert (code, err) == (0, "")
    assert agreement_counts(out) == AGREED
    assert json.loads(out)["new"] == os.path.relpath(repo / "data", repo / where)


def test_diff_from_a_subfolder_in_a_real_process(repo: Path, tmp_path: Path) -> None:
    code, out, err = process(
        "diff",
        "HEAD~1",
        "HEAD",
        "--format",
        "json",
        cwd=repo / "data" / "proposals",
        BUDGETCLI_CACHE_DIR=str(tmp_path / "cache"),
    )
    assert (code, err) == (0, "")
    assert agreement_counts(out) == AGREED


def test_diff_reads_the_data_at_the_top_when_the_work_tree_has_none(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The work tree's data folder is gone: revisions are still read from data/ at the top
    of the repository, whatever folder you stand in."""
    shutil.rmtree(repo / "data")
    monkeypatch.chdir(repo / "docs" / "notes")
    code, out, err = run(runner, "diff", "HEAD~1", "HEAD", "--format", "json")
    assert (code, err) == (0, "")
    assert agreement_counts(out) == AGREED


def test_an_explicit_relative_data_is_still_from_where_you_stand(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "docs")
    code, out, err = run(runner, "diff", "HEAD~1", "HEAD", "--data", "../data", "--format", "json")
    assert (code, err) == (0, "")
    assert agreement_counts(out) == AGREED
    assert run(runner, "diff", "HEAD~1", "HEAD", "--data", "data") == (
        2,
        "",
        "budgetcli: error: HEAD~1:docs/data/ holds no budget data: areas.yaml is missing\n",
    )
