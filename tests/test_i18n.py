"""The message catalogues: every message a person reads has its Danish, the compiled catalogue
is the ``.po``, and the language is chosen as the docs say."""

from __future__ import annotations

import ast
import gettext
import io
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from budgetcli.text.i18n import LANGUAGES, chosen, language, of_locale

from .catalogue import compiled, extracted, po_path, read
from .conftest import GOLDEN, REPO, golden, process

pytestmark = pytest.mark.store


def read_golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


def untranslated(marked: Catalog, danish: Catalog) -> list[str]:
    """Each message of ``marked`` that ``danish`` has no (or only a fuzzy) translation of."""
    return [
        f"{message.locations[0][0]}:{message.locations[0][1]}: {message.id!r}"
        for message in marked
        if message.id
        if not (found := danish.get(message.id)) or not found.string or found.fuzzy
    ]


def test_every_message_marked_has_its_danish() -> None:
    assert untranslated(extracted(), read("da")) == [], (
        "run `python -m tests.catalogue update`, then translate in the .po"
    )


def test_a_missing_translation_is_found() -> None:
    """The test above can fail: a message the .po lacks, or has empty or fuzzy, is named."""
    marked = Catalog()
    marked.add("Savings", locations=[("budgetcli/a.py", 1)])
    marked.add("Net", locations=[("budgetcli/b.py", 2)])
    marked.add("FTE", locations=[("budgetcli/c.py", 3)])
    danish = Catalog(locale="da")
    danish.add("Savings", "Besparelser")
    danish.add("Net", "")
    danish.add("FTE", "Årsværk", flags=["fuzzy"])
    assert untranslated(marked, danish) == ["budgetcli/b.py:2: 'Net'", "budgetcli/c.py:3: 'FTE'"]


def test_the_compiled_catalogue_is_the_po() -> None:
    """The .mo the tool reads says what the .po says (``python -m tests.catalogue compile``)."""
    ours = gettext.GNUTranslations(io.BytesIO(po_path("da").with_suffix(".mo").read_bytes()))
    fresh = gettext.GNUTranslations(io.BytesIO(compiled(read("da"))))
    # the header ("") names the Babel that compiled it and when: not a message
    messages = [{k: v for k, v in t._catalog.items() if k != ""} for t in (ours, fresh)]  # type: ignore[attr-defined]
    assert messages[0] == messages[1]


@pytest.mark.parametrize(
    ("environ", "code"),
    [
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "da_DK.UTF-8", "LANG": "en_US.UTF-8"}, "da"),
        ({"LC_ALL": "", "LC_MESSAGES": "en_DK.UTF-8", "LANG": "da_DK"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "da"}, "da"),
        ({}, "en"),
    ],
)
def test_the_locale_says_the_terminals_language(environ: dict[str, str], code: str) -> None:
    assert of_locale(environ) == code


def test_the_option_then_the_budget_then_the_locale() -> None:
    danish_locale = {"LANG": "da_DK.UTF-8"}
    assert chosen("en", "da", danish_locale, handed_on=True) == "en"
    assert chosen(None, "da", {}, handed_on=True) == "da"
    assert chosen(None, "da", {}, handed_on=False) == "en"  # the terminal follows the locale
    assert chosen(None, None, danish_locale, handed_on=True) == "da"
    assert [language(code).code for code in LANGUAGES] == ["da", "en"]
    with pytest.raises(ValueError, match="no language 'de'"):
        language("de")


# --- the terminal in Danish and in English: real runs of the command line ---------------------

#: the figures of a table, in their order: what must not change with the language
FIGURE = re.compile(r"(?<![\w.])-?\d[\d.]*(?:,\d+)?(?![\w])")


def figures(table: str) -> list[str]:
    return FIGURE.findall(table)


@pytest.mark.slow  # processes of the command line, each run whole
def test_summary_reads_in_danish_and_in_english_with_the_same_figures() -> None:
    da = process("summary", "2024", "--lang", "da")
    en = process("summary", "2024", "--lang", "en")
    assert (da[0], en[0]) == (0, 0)
    assert da[2] == "budgetcli: note: 3 advarsler: kør budgetcli validate\n"
    assert en[2] == "budgetcli: note: 3 warnings: run budgetcli validate\n"
    golden("summary-2024-da.txt", da[1].encode())
    golden("summary-2024-en.txt", en[1].encode())
    head_da, head_en = da[1].splitlines()[2].split(), en[1].splitlines()[2].split()
    assert head_da[:4] == ["Bevillingsområde", "Besparelser", "Investeringer", "Netto"]
    assert head_en[:4] == ["Area", "Savings", "Investments", "Net"]
    assert "Indenfor servicerammen" in da[1] and "Udenfor servicerammen" in da[1]
    assert "Årsværk" in da[1] and "Ændring i %" in da[1]
    assert da[1].splitlines()[-3].startswith("I alt ") and en[1].splitlines()[-3].startswith(
        "Total "
    )
    assert da[1].endswith("efter bevillingsområde; status: foreslået, vedtaget, realiseret\n")
    assert figures(da[1]) == figures(en[1])
    assert "-6.400" in figures(da[1])  # the 2024 net, in both


@pytest.mark.parametrize(
    ("environ", "total"),
    [
        ({"LANG": "da_DK.UTF-8"}, "I alt"),
        ({"LANG": "C.UTF-8"}, "Total"),
        ({"LANG": "C.UTF-8", "LC_ALL": "da_DK.UTF-8"}, "I alt"),
        ({"LANG": "da_DK.UTF-8", "LC_MESSAGES": "en_DK.UTF-8"}, "Total"),
    ],
)
def test_without_lang_the_terminal_follows_the_locale(environ: dict[str, str], total: str) -> None:
    code, out, _ = process("summary", "2024", cwd=REPO, **environ)
    assert code == 0
    assert out.splitlines()[-3].startswith(f"{total} ")
    assert out == read_golden("summary-2024-da.txt" if total == "I alt" else "summary-2024-en.txt")


@pytest.mark.slow  # processes of the command line, each run whole
def test_lang_wins_over_the_locale() -> None:
    assert process("summary", "2024", "--lang", "en", LANG="da_DK.UTF-8")[1] == read_golden(
        "summary-2024-en.txt"
    )
    # given before the command, it is the command's
    assert process("--lang", "da", "summary", "2024")[1] == read_golden("summary-2024-da.txt")


def test_help_is_danish_under_lang_da() -> None:
    code, out, err = process("summary", "--help", "--lang", "da")
    assert (code, err) == (0, "")
    assert out.startswith(
        "Brug: budgetcli summary [OPTIONS] [YEAR]\n\n  Besparelser, investeringer,"
    )
    # typer 0.24 (the lowest allowed) writes no help for an argument, in English neither: the line is
    # then the name alone
    _, english, _ = process("summary", "--help", "--lang", "en")
    shown = "One budget year; without it, every year." in english
    year = "  [YEAR]  Ét budgetår; uden det alle år.\n" if shown else "  [YEAR]\n"
    assert "\nArgumenter:\n" + year in out
    assert "\nTilvalg:\n" in out and "Uddataformat.  [standard: table]" in out
    assert "-h, --help" in out and "Vis denne hjælp og afslut." in out
    code, out, _ = process("--help", LANG="da_DK.UTF-8")
    assert code == 0 and "\nKommandoer:\n" in out
    assert "  summary   Besparelser, investeringer, netto og årsværk pr. gruppe og år.\n" in out
    code, out, _ = process("summary", "--help")
    assert out.startswith("Usage: budgetcli summary [OPTIONS] [YEAR]\n")


def test_usage_errors_in_the_readers_language() -> None:
    code, _, err = process("summary", "--by", "comittee", "--lang", "da")
    assert code == 2
    assert err == (
        "budgetcli: error: --by skal være en af area, committee, center, status, kind, proposal,"
        " ikke 'comittee'\nhint: mente du committee? Se `budgetcli summary --help`\n"
    )
    code, _, err = process("summary", "2031", LANG="da_DK.UTF-8")
    assert (code, err) == (
        2,
        "budgetcli: error: 2031 er ikke et år i Budget 2024-2027 (2024, 2025, 2026, 2027)\n",
    )


@pytest.mark.slow  # processes of the command line, each run whole
def test_json_and_csv_keep_their_english_keys() -> None:
    for output in ("json", "csv"):
        da = process("summary", "2024", "--format", output, "--lang", "da")[1]
        assert da == process("summary", "2024", "--format", output, "--lang", "en")[1]


def test_a_wrong_language_is_refused() -> None:
    code, _, err = process("summary", "--lang", "de")
    assert code == 2
    assert err.startswith("budgetcli: error: --lang must be one of da, en, not 'de'\n")


# --- a text a person reads that is not marked --------------------------------------------------

#: the calls that mark a message (tests/catalogue.py's keywords)
MARKS = {"gettext", "ngettext", "N_", "_"}
#: the calls whose text arguments are --help (found in the built app: tests/catalogue.py)
HELP_CALLS = {"optional_argument": 1, "flag": 1, "status_option": 0}
HELP_KEYWORDS = {"help", "short_help", "metavar", "envvar"}
#: a literal worth a look: a word of two letters or more that is not an identifier a program
#: reads (a JSON key, a rule id, an enum's value: ``price_level``, ``no-proposals``)
WORDY = re.compile(r"[A-Za-z]{2,}")
IDENTIFIER = re.compile(r"[a-z][a-z0-9_-]*|-{1,2}[\w/-]+=?|\[[A-Z_]+\]")
#: the literals of text/ and cli/ a person may read that stay English, each with why
ENGLISH = {
    ("text/diff.py", "areas.yaml "): "a file's name",
    ("text/diff.py", "Total"): "the CSV's total row: a value scripts match, as its keys",
    ("text/forecast.py", "Total"): "the CSV's total row",
    ("text/forecast.py", "Overspend inside the service frame"): "the CSV's label of a figure",
    ("text/summary.py", "Total"): "the CSV's total row",
    ("text/numbers.py", "1.000 kr."): "the unit as the documents write it, in both languages",
    ("text/numbers.py", "1000DKK"): "areas.yaml's unit, compared",
    ("text/page.py", "Notes"): "a Page's default headings; proposal_page sets them translated",
    ("text/page.py", "Description"): "as Notes",
    ("text/problems.py", "budgetcli: warning: "): "the prefix of a message, stable for scripts",
    ("text/problems.py", "budgetcli: note: "): "the prefix of a message, stable for scripts",
    ("cli/commands/forecast.py", "budgetcli: note: "): "the prefix of a message",
    ("text/followup.py", "budgetcli: note: "): "the prefix of a message",
    ("text/followup.py", "\x00exact:"): "a marker of an exact number in JSON, never shown",
    ("text/followup.py", '"\\\\u0000exact:(-?[0-9.]+)"'): "the marker's pattern",
    ("cli/commands/export.py", "/datapackage.json"): "a file's name",
    ("cli/options.py", "BUDGETCLI_DATA"): "an environment variable's name",
    ("text/problems.py", "budgetcli "): "an annotation's title: the tool's name",
    ("text/problems.py", "file="): "GitHub's workflow command syntax",
    ("text/problems.py", ",line="): "GitHub's syntax",
    ("text/problems.py", ",col="): "GitHub's syntax",
    ("text/problems.py", ",title="): "GitHub's syntax",
    ("text/i18n.py", "LC_ALL"): "an environment variable",
    ("text/i18n.py", "LC_MESSAGES"): "an environment variable",
    ("text/i18n.py", "LANG"): "an environment variable",
    ("text/i18n.py", ".mo"): "a file's suffix",
    ("text/i18n.py", "no language "): "a programmer's error (ValueError), never a reader's",
    ("text/i18n.py", ": budgetcli speaks "): "as no language",
    ("text/layout.py", "every pack was measured to fit"): "an assertion's message",
    ("text/rich.py", "bold "): "a rich style",
    ("cli/__init__.py", "module "): "AttributeError: a programmer's",
    ("cli/__init__.py", " has no attribute "): "as module",
    ("cli/commands/report.py", "/index.html"): "a file's name",
    ("cli/commands/validate.py", "BUDGETCLI_DATA"): "an environment variable",
    ("cli/root.py", "budgetcli "): "--version: the tool's name",
    ("cli/root.py", ": error: "): "the prefix of a message, stable for scripts",
    ("cli/usage.py", ": error: "): "the prefix",
    ("cli/usage.py", "\nhint: "): "the prefix",
    ("cli/usage.py", "requires an argument"): "click's message, matched",
    ("cli/usage.py", "does not take a value"): "click's message, matched",
    ("cli/usage.py", "No such command "): "click's message, matched",
    ("cli/usage.py", r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)"): "click's, matched",
    ("cli/wiring.py", "budgetcli: error: "): "the prefix",
    ("cli/language.py", "[default: "): "click's words, looked up by NOTES' marked English",
    ("cli/language.py", "[env var: "): "as [default: ",
    ("cli/language.py", "[required]"): "as [default: ",
}


def unmarked(source: str, marks: frozenset[str] | set[str] = MARKS) -> list[tuple[int, str]]:
    """Each string literal of ``source`` with words in it that no marking call (``marks``)
    holds: not a docstring, a type written as a string, a --help text (the catalogue takes
    those from the app), an option's name or an identifier a program reads."""
    tree = ast.parse(source)
    seen: set[int] = set()
    for node in ast.walk(tree):
        seen |= {id(n) for n in _not_read(node, marks)}
    return [
        (n.lineno, n.value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in seen
        if WORDY.search(n.value) and not IDENTIFIER.fullmatch(n.value)
    ]


def _not_read(node: ast.AST, marks: frozenset[str] | set[str] = MARKS) -> list[ast.AST]:
    """The nodes under ``node`` that are not a reader's text, or are marked."""
    found: list[ast.AST] = []
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        found.append(node.value)  # a docstring, of a module, a class, a function or a name
    for annotation in ("annotation", "returns"):
        if isinstance(getattr(node, annotation, None), ast.AST):
            found += ast.walk(getattr(node, annotation))
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in marks or name == "TypeVar":
            found += ast.walk(node)
        if name in HELP_CALLS:
            for arg in node.args[HELP_CALLS[name] :]:
                found += ast.walk(arg)
        for keyword in node.keywords:
            if keyword.arg in HELP_KEYWORDS:
                found += ast.walk(keyword.value)
    if isinstance(node, ast.Assign) and any(
        isinstance(t, ast.Name) and (t.id.endswith("HELP") or t.id == "__all__")
        for t in node.targets
    ):
        found += ast.walk(node.value)
    if isinstance(node, ast.Subscript):  # Annotated[...], list["Outcome"]
        found += [n for n in ast.walk(node.slice) if isinstance(n, ast.Constant)]
    return found


def package_literals() -> set[tuple[str, str]]:
    package = Path(__file__).resolve().parent.parent / "budgetcli"
    return {
        (str(path.relative_to(package)), text)
        for layer in ("text", "cli")
        for path in sorted((package / layer).rglob("*.py"))
        for _, text in unmarked(path.read_text(encoding="utf-8"))
    }


def test_every_text_of_the_terminal_and_the_command_line_is_marked() -> None:
    """A literal of text/ or cli/ with words in it is marked for the catalogue, or named in
    ENGLISH with the reason it stays English."""
    found = package_literals()
    assert sorted(found - set(ENGLISH)) == [], "mark it: reading.gettext(...), _(...) or N_(...)"
    assert sorted(set(ENGLISH) - found) == []  # no reason kept for a literal that is gone


def test_an_unmarked_heading_is_found() -> None:
    """The test above can fail: a new English heading, column, caption or f-string is found;
    marked, a docstring, a --help text, a JSON key or an option's name is not."""
    source = '''
def grid(s, reading):
    """A docstring."""
    _ = reading.gettext
    doc = {"price_level": 1, "change_pct": 2}
    flag("--exit-code", "Exit 1 when it differs.")
    typer.Option("--by", "-b", help="Group rows by this.")
    columns = [_("Savings"), reading.gettext("Net"), N_("FTE"), "Savings by year"]
    return Grid(f"Totals by {s.by}", columns, caption="by area")
'''
    assert unmarked(source) == [(8, "Savings by year"), (9, "Totals by "), (9, "by area")]


@pytest.mark.slow  # processes of the command line, each run whole
def test_problems_said_in_the_readers_language_and_json_stays_english() -> None:
    """A problem made as a template (``core.diagnostics.said``) is said in the language, its
    severity and rule id as they are; JSON keeps the English message; the cache keeps both."""
    for _ in range(2):  # the first run fills the cache, the second reads it
        code, out, err = process("validate", "data", "--lang", "da")
        assert code == 0
        assert out.splitlines()[1] == (
            "data/proposals/botilbud-opfoelgning.yaml:10:1: warning: area_budget afviger fra"
            " budgettet for B60.10.20 i areas.yaml (2024: 97844 vs 97845; 2025: 97844 vs 97846)"
            " [area-budget-mismatch]"
        )
        assert err == "22 filer kontrolleret: 0 fejl, 3 advarsler\n"
    english = process("validate", "data", "--format", "json", "--lang", "en")[1]
    assert process("validate", "data", "--format", "json", "--lang", "da")[1] == english
    assert "area_budget differs from the budget of B60.10.20" in english


@pytest.mark.slow  # processes of the command line, each run whole
def test_the_budgets_own_language_is_checked_and_handed_on(seed_copy: Path) -> None:
    """areas.yaml's ``language``: da or en, else an error; what is handed on (the workbook,
    the report) gets --lang, else the budget's own, else the locale's, as ``meta.language``."""
    from budgetcli.cli.options import Lang
    from budgetcli.cli.publishing import published

    assert published(seed_copy, None, None).meta.language == "da"  # the bundled data's own
    assert published(seed_copy, None, None, Lang.en).meta.language == "en"
    areas = seed_copy / "areas.yaml"
    areas.write_text(areas.read_text(encoding="utf-8").replace("language: da", "language: de"))
    code, out, _ = process("validate", str(seed_copy))
    assert code == 1
    assert f"{areas}:3:1: error: language: expected da or en, got 'de' [literal-error]" in out
    areas.write_text(areas.read_text(encoding="utf-8").replace("language: de  #", "#"))
    assert published(seed_copy, None, None).meta.language == "en"  # none: the locale's (C)
