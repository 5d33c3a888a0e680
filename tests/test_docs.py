"""The docs hold true: README.md and every page of docs/ are run and compared with the tool.

Every ``console`` block is ``$ budgetcli …`` lines, each followed by what the command prints:
its standard output, then its standard error (``validate``'s count). Each command runs as a
process, piped (plain text, as the pages show it), in a folder as the reader has it (a copy of
``data/``, ``examples/``, ``tests/fixtures/``, the ``imported`` folder the import example starts
from and the ``data-okt`` that ``python examples/agreement.py data data-okt`` makes), after the
examples before it on the same page that it reads the work of (``replayed``): each example is
checked on its own, in any order. They are ``slow``: a process each, half a second or more.

Beside the examples: every option of every command's ``--help`` is on that command's page (as
sqlite-utils' ``test_docs.py`` holds its docs), every link between the pages lands, and every
test the docs name exists.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from budgetcli.cli import app

from .conftest import ENGLISH_LOCALE, REPO

DOCS = REPO / "docs"
#: the pages a person reads, as their paths from the repository's root
PAGES = ["README.md", *sorted(f"docs/{p.name}" for p in DOCS.glob("*.md"))]
#: every page a link may start from (the docs, and the pages for contributors)
LINKED = [*PAGES, "CONTRIBUTING.md", "benchmarks/README.md"]
AGREEMENT = "python examples/agreement.py data data-okt"
#: commands whose example writes into the reader's folder: a later example may need it
WRITERS = ("import", "new", "export", "report")


def replayed(earlier: str, command: str) -> bool:
    """Whether ``earlier`` runs before ``command`` when the example of ``command`` is checked:
    when it writes and names a path or value ``command`` names too (an import ``--to imported``
    before a summary ``--data imported``; an export to ``budget.xlsx`` before the one that
    finds it there). An example that needs another one's work without naming what it wrote
    fails: name the folder (``--data imported``) and it passes."""
    words = [{w for w in shlex.split(c)[2:] if not w.startswith("-")} for c in (earlier, command)]
    return shlex.split(earlier)[1] in WRITERS and bool(words[0] & words[1])


def text(page: str) -> str:
    return (REPO / page).read_text(encoding="utf-8")


def console_blocks(markdown: str) -> list[tuple[str, str]]:
    """``(command, expected output)`` for every ``$ `` line of every console block."""
    runs: list[tuple[str, str]] = []
    for block in re.findall(r"^```console\n(.*?)^```$", markdown, re.M | re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            runs.append((command, output))
    return runs


#: (page, its examples before this one, command, expected output), page by page
EXAMPLES = [
    (page, [c for c, _ in runs[:i]], command, expected)
    for page in PAGES
    for runs in [console_blocks(text(page))]
    for i, (command, expected) in enumerate(runs)
]
#: the examples that exit other than 0, as their pages say
EXIT = {
    "budgetcli import tests/fixtures/other-office.txt --to imported": 1,  # a page refused
    "budgetcli validate data --strict": 1,  # warnings are errors
    "budgetcli validate tests/fixtures/followup-other/data": 1,  # a printed figure off by 2,0
    "budgetcli frame 2026 --data examples/ishoej-2026-2029 --format csv --exit-code": 1,
    "budgetcli diff examples/prices-2024 examples/ishoej-2026-2029": 2,  # no year in common
    "budgetcli export -f xlsx -o budget.xlsx": 2,  # there already, without --force
    "budgetcli forecast nowhere": 2,
    "budgetcli forecast eksempel-sagsregister-2024 --inflow 13": 2,  # not a range
    "budgetcli frame": 2,  # no frames in areas.yaml
    "budgetcli new plejecenter-sygefravaer --area B60.30.10": 2,  # the id is taken
    "budgetcli new ny-daginstitution --area B60.30.11": 2,  # no such area
    "budgetcli report --output site": 2,  # there already, without --force
    "budgetcli schema budget": 2,
    "budgetcli show plejecenter": 2,
    "budgetcli summary 2031": 2,
    "budgetcli summary --prices 2025": 2,  # the budget states no price level
    "budgetcli summary --by comittee": 2,  # a usage error
}


def test_each_page_has_its_examples() -> None:
    """The examples, page by page: none is dropped or moved without this list saying so."""
    examples: dict[str, list[str]] = {}
    for page, _, command, _ in EXAMPLES:
        examples.setdefault(page, []).append(command)
    assert examples == {
        "README.md": [
            "budgetcli import tests/fixtures/seed-proposals.txt --to imported",
            "budgetcli validate data",
            "budgetcli summary 2024",
            "budgetcli summary 2024 --lang da",
            "budgetcli diff data data-okt",
            "budgetcli frame 2026 --data examples/ishoej-2026-2029",
            "budgetcli export --format xlsx -o budget.xlsx",
            "budgetcli export --format sqlite -o ishoej.db",
            "budgetcli report -o site",
            "budgetcli followup 2024-bo3 --by committee",
        ],
        "docs/diff.md": [
            "budgetcli diff data data-okt",
            "budgetcli diff data data --exit-code",
            "budgetcli diff examples/prices-2024 examples/ishoej-2026-2029",
        ],
        "docs/export.md": [
            "budgetcli export --format xlsx -o budget.xlsx",
            "budgetcli export --format sqlite -o ishoej.db",
            "budgetcli export --format sqlite -o eksempelby.db --data examples/prices-2024",
            "budgetcli export --format fdp -o budget-fdp",
            "budgetcli export -f xlsx -o budget.xlsx",
            "budgetcli export -f xlsx -o budget.xlsx --force",
        ],
        "docs/followup.md": [
            "budgetcli followup 2024-01-voksenspecialiseret",
            "budgetcli followup 2024-bo2",
            "budgetcli followup BO3 --by committee --format csv",
            "budgetcli diff 2024-bo2 2024-bo3 --followup",
            "budgetcli validate tests/fixtures/followup-other/data",
        ],
        "docs/forecast.md": [
            "budgetcli forecast voksenspecialiseret-2024",
            "budgetcli forecast eksempel-sagsregister-2024",
            "budgetcli forecast eksempel-sagsregister-2024 --scenario high",
            "budgetcli forecast voksenspecialiseret-2024 --inflow 9..17",
            "budgetcli forecast eksempel-sagsregister-2024 --inflow 13",
            "budgetcli forecast nowhere",
        ],
        "docs/frame.md": [
            "budgetcli frame --data examples/ishoej-2026-2029",
            "budgetcli frame 2026 --data examples/ishoej-2026-2029 --format json",
            "budgetcli frame 2026 --data examples/ishoej-2026-2029 --format csv --exit-code",
            "budgetcli frame",
        ],
        "docs/import.md": [
            "budgetcli import tests/fixtures/seed-proposals.txt --to imported",
            "budgetcli new kortere-aabningstid --area B60.30.10 --data imported",
            "budgetcli summary 2024 --by committee --data imported",
            "budgetcli import tests/fixtures/other-office.txt --to imported",
        ],
        "docs/json-csv.md": [
            "budgetcli summary 2024 --by committee --format json",
            "budgetcli summary 2024 --by kind --format csv",
            "budgetcli validate data --format json",
            "budgetcli forecast voksenspecialiseret-2024 --format csv",
            "budgetcli followup 2024-01-voksenspecialiseret --format csv",
        ],
        "docs/new.md": [
            "budgetcli new kortere-aabningstid --area B60.30.10 --data imported",
            "budgetcli validate imported",
            "budgetcli new plejecenter-sygefravaer --area B60.30.10",
            "budgetcli new ny-daginstitution --area B60.30.11",
        ],
        "docs/report.md": [
            "budgetcli report -o site",
            "budgetcli report -o site-en --lang en",
            "budgetcli report --output site",
            "budgetcli report -o site --force",
        ],
        "docs/schema.md": [
            "budgetcli schema budget",
        ],
        "docs/show.md": [
            "budgetcli show plejecenter-sygefravaer",
            "budgetcli show plejecenter-sygefravaer --format csv",
            "budgetcli show plejecenter",
        ],
        "docs/summary.md": [
            "budgetcli summary 2024",
            "budgetcli summary 2024 --status adopted",
            "budgetcli summary 2026 --by kind --data examples/ishoej-2026-2029",
            "budgetcli summary --prices 2025 --data examples/prices-2024",
            "budgetcli summary 2031",
            "budgetcli summary --prices 2025",
        ],
        "docs/usage.md": [
            "budgetcli summary --by comittee",
        ],
        "docs/validate.md": [
            "budgetcli validate data",
            "budgetcli validate data --strict",
            "budgetcli validate data --format github",
            "budgetcli validate examples/prices-2024",
        ],
    }
    assert f"`{AGREEMENT}`" in text("README.md")
    assert f"`{AGREEMENT}`" in text("docs/diff.md")


def test_console_blocks_are_split_as_written() -> None:
    text = "x\n```console\n$ budgetcli a\none\n\ntwo\n$ budgetcli b\n```\n```sh\n$ no\n```\n"
    assert console_blocks(text) == [("budgetcli a", "one\n\ntwo\n"), ("budgetcli b", "")]


def reader_folder(root: Path) -> Path:
    """A folder as the docs' reader has it: data/, examples/, tests/fixtures/, an ``imported``
    folder holding the bundled areas.yaml, and the data-okt the agreement example makes."""
    shutil.copytree(REPO / "data", root / "data")
    shutil.copytree(REPO / "examples", root / "examples")
    shutil.copytree(REPO / "tests" / "fixtures", root / "tests" / "fixtures")
    # as docs/import.md says: mkdir imported && cp data/areas.yaml imported/
    (root / "imported").mkdir()
    shutil.copy(REPO / "data" / "areas.yaml", root / "imported" / "areas.yaml")
    _python, *args = shlex.split(AGREEMENT)
    subprocess.run([sys.executable, *args], cwd=root, check=True)
    return root


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return reader_folder(tmp_path_factory.mktemp("reader"))


def budgetcli(command: str, where: Path, cache: Path) -> subprocess.CompletedProcess[bytes]:
    """``command`` (``budgetcli …``) run as a process in ``where``, piped, as a reader runs it:
    in English (``LANG=C.UTF-8``, whatever the machine's locale) unless the command says
    ``--lang da``, so an example is byte for byte what it shows in its language."""
    program, *args = shlex.split(command)
    assert program == "budgetcli", command
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BUDGETCLI_", "COLUMNS"))}
    env |= ENGLISH_LOCALE
    env["BUDGETCLI_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "budgetcli", *args],
        cwd=where,
        env=env,
        capture_output=True,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("page", "before", "command", "expected"),
    EXAMPLES,
    ids=[f"{page}: {command}" for page, _, command, _ in EXAMPLES],
)
def test_console_block_output_is_what_the_tool_prints(
    pristine: Path, tmp_path: Path, page: str, before: list[str], command: str, expected: str
) -> None:
    where = tmp_path / "reader"
    shutil.copytree(pristine, where, symlinks=True)
    for earlier in before:
        if replayed(earlier, command):
            budgetcli(earlier, where, tmp_path / "cache")
    done = budgetcli(command, where, tmp_path / "cache")
    assert done.returncode == EXIT.get(command, 0), done.stderr.decode()
    assert done.stdout + done.stderr == expected.encode("utf-8")


def test_an_example_replays_the_writes_it_reads() -> None:
    importing = "budgetcli import tests/fixtures/seed-proposals.txt --to imported"
    assert replayed(importing, "budgetcli summary 2024 --by committee --data imported")
    assert not replayed(importing, "budgetcli summary 2024")
    assert not replayed("budgetcli validate imported", "budgetcli summary --data imported")
    xlsx = "budgetcli export --format xlsx -o budget.xlsx"
    assert replayed(xlsx, "budgetcli export -f xlsx -o budget.xlsx --force")
    assert not replayed(xlsx, "budgetcli report -o site")


# --- every option of --help on its command's page -------------------------------------------


def mentioned(name: str, page: str) -> bool:
    """``name`` (``--budgets``, ``-d``, ``YEAR``) stands in ``page`` as a word of its own:
    ``--budgets`` is not found in ``--no-budgets``, nor ``ID`` in ``IDS``."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", page) is not None


def names(param: Any) -> list[str]:
    """What a reader types for a parameter: an option's names (``--cache``, ``--no-cache``,
    ``-d``), an argument's metavar as its page writes it (``[YEAR]`` → ``YEAR``)."""
    if param.param_type_name == "argument":
        return [param.human_readable_name.strip("[].").upper()]
    return [*param.opts, *param.secondary_opts]


def undocumented(commands: dict[str, Any], page_of: dict[str, str]) -> list[str]:
    """Every parameter of every command (but ``--help``) that its page does not name."""
    return [
        f"budgetcli {name} {each}: not on docs/{name}.md"
        for name, command in sorted(commands.items())
        for param in command.params
        for each in names(param)
        if each not in ("--help", "-h") and not mentioned(each, page_of.get(name, ""))
    ]


def commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    return dict(group.commands)


def test_every_command_has_a_page_the_readme_links() -> None:
    readme = text("README.md")
    assert [n for n in commands() if not (DOCS / f"{n}.md").is_file()] == []
    assert [n for n in commands() if f"(docs/{n}.md)" not in readme] == []


def test_every_option_of_help_is_on_its_commands_page() -> None:
    pages = {name: text(f"docs/{name}.md") for name in commands()}
    assert undocumented(commands(), pages) == []


def unnamed_formats(commands: dict[str, Any], page_of: dict[str, str]) -> list[str]:
    """Every choice of a command's ``--format`` that its page does not name."""
    return [
        f"budgetcli {name} --format {choice}: not on docs/{name}.md"
        for name, command in sorted(commands.items())
        for param in command.params
        if "--format" in getattr(param, "opts", ())
        for choice in getattr(param.type, "choices", ())
        if not mentioned(str(choice), page_of.get(name, ""))
    ]


def test_every_format_of_help_is_on_its_commands_page() -> None:
    pages = {name: text(f"docs/{name}.md") for name in commands()}
    assert unnamed_formats(commands(), pages) == []
    summary = {"summary": commands()["summary"]}
    assert unnamed_formats(summary, {"summary": "table json csv csv-excel-da"}) == [
        "budgetcli summary --format markdown: not on docs/summary.md"
    ]


def test_the_options_of_budgetcli_itself_are_documented() -> None:
    """``--version``, ``--install-completion`` … and ``--help`` are named in the docs."""
    everything = "\n".join(text(page) for page in PAGES)
    group = typer.main.get_command(app)
    missing = [each for p in group.params for each in names(p) if not mentioned(each, everything)]
    assert missing == []
    assert mentioned("--help", everything)


def test_an_option_no_page_names_is_found() -> None:
    """The test above can fail: an option, a negative flag or an argument left out of a page."""

    def options(*, budgets: bool = True, year: int = 0, data: str = "") -> None: ...

    small = typer.Typer()
    small.command("summary")(options)
    small.command("show")(options)
    command = typer.main.get_command(small)
    assert isinstance(command, typer.core.TyperGroup)
    page = "| `--budgets` | … |\n| `--no-budgets` | … |\n| `--year` | … |\n| `--data-dir` |\n"
    assert undocumented(dict(command.commands), {"summary": page}) == [
        "budgetcli show --budgets: not on docs/show.md",
        "budgetcli show --no-budgets: not on docs/show.md",
        "budgetcli show --year: not on docs/show.md",
        "budgetcli show --data: not on docs/show.md",
        "budgetcli summary --data: not on docs/summary.md",
    ]
    assert not mentioned("--budgets", "only `--no-budgets` here")
    assert not mentioned("ID", "IDS")


# --- every key of a JSON output, every CSV header, in json-csv.md --------------------------

#: each command's JSON and CSV, run after the commands before it (the import's: a page kept, a
#: page refused, a page planned)
SHAPES = [
    "summary --format json",
    "summary 2024 --format csv",
    "show kaerbo-velfaerdsteknologi --format json",
    "show kaerbo-velfaerdsteknologi --format csv",
    "diff data data-okt --format json",
    "diff data data-okt --format csv",
    "frame --data examples/ishoej-2026-2029 --format json",
    "frame --data examples/ishoej-2026-2029 --format csv",
    "forecast --format json",
    "forecast --format csv",
    "validate data --format json",
    "followup 2024-bo2 --format json",
    "followup 2024-bo2 --format csv",
    "diff 2024-bo1 2024-bo3 --followup --format json",
    "diff 2024-bo1 2024-bo3 --followup --format csv",
    "import tests/fixtures/seed-proposals.txt --to imported",
    "import tests/fixtures/seed-proposals.txt tests/fixtures/other-office.txt --to imported"
    " --dry-run --format json",
]
#: keys whose value maps data to values (codes, statuses, scenario names): its keys are data
MAPS = {"to_status", "scenarios", "function_areas", "cost_centers", "text", "values"}


def keys_of(value: Any) -> set[str]:
    """Every key of a JSON value, at any depth, but a year's and those of a ``MAPS`` value."""
    if isinstance(value, list):
        return set().union(*map(keys_of, value))
    if not isinstance(value, dict):
        return set()
    found = set()
    for key, inner in value.items():
        if not key.isdigit():
            found.add(key)
        is_map = key in MAPS and isinstance(inner, dict)
        found |= set().union(*map(keys_of, inner.values())) if is_map else keys_of(inner)
    return found


def named_in_code(markdown: str) -> set[str]:
    """The words of a page's code (spans and blocks): ``"restated_from": 2024`` names
    ``restated_from``."""
    code = re.findall(r"`([^`\n]+)`", markdown) + re.findall(
        r"^```\w*\n(.*?)^```$", markdown, re.M | re.S
    )
    return {word for span in code for word in re.findall(r"\w+", span)}


def test_keys_of_a_json_value() -> None:
    value = {"a": [{"b": 1}, {"c": {"2024": {"d": 2}}}], "to_status": {"adopted": {"e": 3}}}
    assert keys_of(value) == {"a", "b", "c", "d", "to_status", "e"}
    assert named_in_code('`{"year": 2025}`, ``x`` and\n```json\n{"z": 1}\n```\n') >= {
        "year",
        "z",
    }


@pytest.mark.slow
def test_every_json_key_and_csv_header_is_in_json_csv_md(pristine: Path, tmp_path: Path) -> None:
    """A key added to an output, or a CSV column, fails until docs/json-csv.md names it (a
    proposal's own fields may be named by the format instead)."""
    import json

    where = tmp_path / "reader"
    shutil.copytree(pristine, where, symlinks=True)
    page = text("docs/json-csv.md")
    named = named_in_code(page) | named_in_code(text("docs/format.md"))
    unnamed: dict[str, set[str]] = {}
    for args in SHAPES:
        done = budgetcli(f"budgetcli {args}", where, tmp_path / "cache")
        assert done.returncode in (0, 1), done.stderr.decode()
        out = done.stdout.decode()
        if "--format json" in args:
            unnamed[args] = keys_of(json.loads(out)) - named
        elif "--format csv" in args:
            assert out.splitlines()[0] in page, f"{args}: its header is not in json-csv.md"
    assert {args: keys for args, keys in unnamed.items() if keys} == {}


# --- links and the tests the docs name -----------------------------------------------------


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation but ``-`` and ``_`` left out,
    each space a ``-``."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    outside_code = re.sub(r"^```.*?^```$", "", markdown, flags=re.M | re.S)
    return {anchor(h) for h in re.findall(r"^#+ (.*)$", outside_code, re.M)}


def broken_links(page: str) -> list[str]:
    """Each relative link of ``page`` whose file, or heading after ``#``, is not there."""
    broken = []
    source = REPO / page
    outside_code = re.sub(r"^```.*?^```$", "", text(page), flags=re.M | re.S)
    for target in re.findall(r"\]\(([^)\s]+)\)", outside_code):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        path, _, fragment = target.partition("#")
        file = (source.parent / path).resolve() if path else source
        if not file.exists():
            broken.append(f"{page}: {target}: no such file")
        elif fragment and file.suffix == ".md" and fragment not in anchors(file.read_text("utf-8")):
            broken.append(f"{page}: {target}: no such heading")
    return broken


def test_every_link_between_the_pages_lands() -> None:
    assert [b for page in LINKED for b in broken_links(page)] == []


def test_every_page_is_linked_from_the_readme_or_a_page_it_links() -> None:
    """No page of docs/ is an orphan: each is reached from README.md."""
    seen, todo = set(), ["README.md"]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", text(page)):
            todo.append(os.path.relpath((REPO / page).parent / target, REPO))
    assert sorted(set(LINKED) - seen) == []


def test_a_heading_anchor_is_githubs() -> None:
    assert anchor("11. Reading the Word template (`budgetcli import`)") == (
        "11-reading-the-word-template-budgetcli-import"
    )
    assert anchor("What `export` and `report` replace, and refuse") == (
        "what-export-and-report-replace-and-refuse"
    )


def test_every_test_the_docs_name_exists() -> None:
    """The promises ("What you can rely on") name the tests that hold each: each must be there."""
    named = [
        found
        for page in LINKED
        for found in re.findall(r"`(tests/\w+\.py)(?:::(\w+))?`", text(page))
    ]
    assert len(named) >= 15
    for path, name in named:
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        tests = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert not name or name in tests, f"{path}::{name} is named in the docs, not there"


@pytest.mark.slow
def test_the_query_of_two_municipalities_gives_what_it_shows(
    pristine: Path, tmp_path: Path
) -> None:
    """docs/export.md's SQL, run on the two databases its export commands make, gives its rows."""
    import sqlite3

    page = text("docs/export.md")
    sql = re.search(r"^```sql\n(.*?)^```$", page, re.M | re.S)
    rows = re.search(r"^```text\n(Eksempelby.*?)^```$", page, re.M | re.S)
    assert sql is not None and rows is not None
    where = tmp_path / "reader"
    shutil.copytree(pristine, where, symlinks=True)
    for command in ("-o a.db", "-o b.db --data examples/prices-2024"):
        made = budgetcli(f"budgetcli export --format sqlite {command}", where, tmp_path / "cache")
        assert made.returncode == 0, made.stderr.decode()
    db = sqlite3.connect(":memory:")
    query = sql.group(1).replace("'ishoej.db'", f"'{where / 'a.db'}'")
    query = query.replace("'eksempelby.db'", f"'{where / 'b.db'}'")
    *attach, select = [s.strip() for s in query.split(";") if s.strip()]
    for statement in attach:
        db.execute(statement)
    got = ["|".join(map(str, row)) for row in db.execute(select)]
    assert got == rows.group(1).splitlines()
