"""The Word import's messages in the reader's language: every message ``word/`` makes is a
``said(...)`` template (read from the modules' syntax trees, as ``test_i18n`` reads text/ and
cli/), and ``budgetcli import`` says them in Danish with ``--lang da``, in English as before
with ``--lang en``, and in English in JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from budgetcli.core.diagnostics import Problem, Said, Severity, said
from budgetcli.store.row import problems_from, stored_problems
from budgetcli.text.i18n import Reading, language
from budgetcli.text.problems import message

from .conftest import REPO, process
from .test_i18n import MARKS, unmarked

pytestmark = pytest.mark.store

WORD = REPO / "budgetcli" / "word"

#: the literals of word/ a person may read that are not made by ``said``, each with why (the
#: messages still English are counted in ``STILL_ENGLISH``)
ENGLISH = {
    (
        "importing.py",
        "Imported by budgetcli import:",
    ): "the first words of every file written: data",
    ("importing.py", ", page "): "the file's first line (MARK): data, as the mark",
    ("danish.py", "1.000 kr."): "a unit as the documents write it: a field of a message",
    ("danish.py", "mio. kr."): "a unit, as 1.000 kr.",
    ("danish.py", "mia. kr."): "a unit, as 1.000 kr.",
    ("danish.py", " kr."): "a unit, as 1.000 kr.",
    ("allocations.py", " ,;/-–og"): "the characters stripped around an allocation's amount",
    ("template.py", "a page starts at its heading"): "an assertion's message: a programmer's",
    # notes: the file's `notes:` (data, handed on with the file, English as its keys), not
    # messages of the run; said in the budget's language would make a file differ by locale
    ("allocations.py", " every year"): "a note in the file",
    ("allocations.py", ' is given as "'): "a note in the file",
    ("allocations.py", '" and read as '): "a note in the file",
    (
        "allocations.py",
        ": of the ways to read it, the one that adds up to the economic table's change.",
    ): "a note in the file",
    ("columns.py", "The column '"): "a note in the file",
    ("columns.py", "' (page "): "a note in the file",
    ("columns.py", ") is before the budget's years: it is not read."): "a note in the file",
    ("components.py", "' gives "): "a note in the file",
    ("components.py", " as "): "a note in the file",
    ("components.py", "; it is written "): "a note in the file",
    ("components.py", " here, by the sign convention (a saving ≤ 0, an investment ≥ 0)."): "a note",
    ("components.py", "a saving"): "a note in the file",
    ("components.py", "an investment"): "a note in the file",
    (
        "components.py",
        "' states an amount, but not whether it is a saving or an investment: it "
        "is read as description, not as a component.",
    ): "a note in the file",
    ("economy.py", "' (page "): "a note in the file",
    ("economy.py", ") is a breakdown: it is not read."): "a note in the file",
    ("rows.py", "text of ([0-9.]+) pt"): "a doubt's form, matched to say it (said_doubt)",
    ("rows.py", "a row ([0-9.e+-]+) pt high, too low to show its text"): "as text of … pt",
    # a figure of a message, built before it is said
    ("economy.py", " vs "): "'2024: -1200 vs -1100', the figures of a field, as core's checks",
}

#: the messages of word/ still made as English text, by module, and how many literals they
#: are made of (an f-string's pieces each count; a message may only be made a ``said``): none
STILL_ENGLISH: dict[str, int] = {}


def word_literals(module: Path) -> list[tuple[int, str]]:
    """The literals of a word/ module that a person may read and no ``said`` holds: a text
    with a space in it (a message is a sentence; an XML name, a key, a code is not), not a
    regular expression."""
    return [
        (line, text)
        for line, text in unmarked(module.read_text(encoding="utf-8"), marks=MARKS | {"said"})
        if " " in text and "\\" not in text and "(?" not in text
    ]


def test_every_message_of_the_word_import_is_said() -> None:
    """A literal of word/ a person may read is in a ``said`` template, or named in ENGLISH
    with why, or counted in STILL_ENGLISH (the count may only go down)."""
    found: dict[str, list[str]] = {}
    for module in sorted(WORD.glob("*.py")):
        for _, text in word_literals(module):
            if (module.name, text) not in ENGLISH:
                found.setdefault(module.name, []).append(text)
    counted = {name: len(texts) for name, texts in found.items()}
    assert counted == STILL_ENGLISH, "make it a said(...) template (CONTRIBUTING › Translations)"
    named = {(m.name, t) for m in WORD.glob("*.py") for _, t in word_literals(m)}
    assert sorted(set(ENGLISH) - named) == []  # no reason kept for a literal that is gone


def test_a_message_not_said_is_found() -> None:
    """The test above can fail: a refusal made as an f-string or a plain text is found; a
    ``said`` template, a docstring, a regular expression, an XML name or a key is not."""
    source = '''
def read(draft, row, text):
    """A docstring with words."""
    draft.report(row, said("the year {year} heads two columns", year=2024))
    draft.report(row, f"no column for {text}")
    _PATTERN = re.compile(r"(?:i\\s+alt|total)\\s*")
    tag, key = "tblPr", "aendringafnormering"
    return Refused(text, "a lone dash could mean 0 or nothing")
'''
    found = [
        (line, text)
        for line, text in unmarked(source, marks=MARKS | {"said"})
        if " " in text and "\\" not in text and "(?" not in text
    ]
    assert sorted(found) == [(5, "no column for "), (8, "a lone dash could mean 0 or nothing")]


# --- a clause inside a sentence -----------------------------------------------------------------


def test_a_clause_is_said_in_the_language_of_its_sentence() -> None:
    """A ``Said`` in a field of another is said in the same language; its English is the
    message as before; the cache stores and gives it back whole."""
    clause = said("{figure} is not a whole number of {unit}", figure="0,5 kr.", unit="1.000 kr.")
    line = said("line {line}", line=31)
    whole = said("page {page}, {where}: {message}", page=2, where=line, message=clause)
    assert whole.english == "page 2, line 31: 0,5 kr. is not a whole number of 1.000 kr."
    problem = Problem("p.txt", 31, 1, Severity.ERROR, "import", whole.english, whole)
    danish = Reading(lang=language("da"))
    assert message(problem, danish) == "side 2, linje 31: 0,5 kr. er ikke et helt antal 1.000 kr."
    (back,) = problems_from(stored_problems([problem]))
    assert back.said == whole and isinstance(back.said, Said)
    assert message(back, danish) == message(problem, danish)


# --- budgetcli import, in Danish and in English --------------------------------------------------

OTHER_OFFICE = "tests/fixtures/other-office.txt"

ENGLISH_REPORT = (
    "refused tests/fixtures/other-office.txt, page 2: Lukning af caféen om sommeren: nothing"
    " written for it (its errors are below)\n"
    "tests/fixtures/other-office.txt:31:1: error: page 2, line 31: 2024: -0,1235 mio. kr. is"
    " -123,5 t.kr.: not a whole number of 1.000 kr. [import]\n"
    "tests/fixtures/other-office.txt:35:1: error: page 2, line 35: 'a) Besparelsespotentiale 0,1"
    " mio. kr. i 2. halvår 2024': 'i 2. halvår 2024' is not a period import reads (i 2025, i 2025"
    " og 2026, i 2025-2027, fra 2025, i budgetåret, i overslagsårene …): write the years the"
    " amount is for so: the components are not read [import]\n"
)
DANISH_REPORT = (
    "afvist tests/fixtures/other-office.txt, side 2: Lukning af caféen om sommeren: intet skrevet"
    " for den (dens fejl står nedenfor)\n"
    "tests/fixtures/other-office.txt:31:1: error: side 2, linje 31: 2024: -0,1235 mio. kr. er"
    " -123,5 t.kr.: ikke et helt antal 1.000 kr. [import]\n"
    "tests/fixtures/other-office.txt:35:1: error: side 2, linje 35: 'a) Besparelsespotentiale 0,1"
    " mio. kr. i 2. halvår 2024': 'i 2. halvår 2024' er ikke en periode, import læser (i 2025, i"
    " 2025 og 2026, i 2025-2027, fra 2025, i budgetåret, i overslagsårene …): skriv de år,"
    " beløbet gælder, på en af disse måder: komponenterne læses ikke [import]\n"
)


def empty_folder(tmp_path: Path) -> Path:
    """A data folder with the bundled budget's areas and no proposal: the import's report is
    the pages' alone (no other file's warnings)."""
    folder = tmp_path / "data"
    (folder / "proposals").mkdir(parents=True)
    shutil.copy(REPO / "data" / "areas.yaml", folder / "areas.yaml")
    return folder


@pytest.mark.slow  # processes of the command line, each run whole
def test_import_reports_in_danish_and_in_english(tmp_path: Path) -> None:
    folder = empty_folder(tmp_path)
    written = f"{folder}/proposals/faerre-vikarer-aftenvagten.yaml"
    code, out, err = process("import", OTHER_OFFICE, "--to", str(folder), "--lang", "da")
    assert (code, out) == (
        1,
        f"skrev {written} (tests/fixtures/other-office.txt, side 1: Færre vikarer i"
        f" aftenvagten)\n{DANISH_REPORT}",
    )
    assert err == "1 forslag skrevet, 0 beholdt, 1 side afvist; 2 fejl, 0 advarsler\n"
    code, out, err = process("import", OTHER_OFFICE, "--to", str(folder), "--lang", "en")
    assert (code, out) == (
        1,
        f"kept {written}: an earlier import of the page wrote it (--force replaces it)"
        f" (tests/fixtures/other-office.txt, page 1: Færre vikarer i aftenvagten)\n"
        f"{ENGLISH_REPORT}",
    )
    assert err == "0 proposals written, 1 kept, 1 page refused; 2 errors, 0 warnings\n"
    code, out, _ = process("import", OTHER_OFFICE, "--to", str(folder), "--lang", "da")
    assert out.startswith(
        f"beholdt {written}: en tidligere import af siden skrev den (--force erstatter den)"
    )


@pytest.mark.slow  # processes of the command line, each run whole
def test_import_json_stays_english(tmp_path: Path) -> None:
    folder = empty_folder(tmp_path)
    args = ("import", OTHER_OFFICE, "--to", str(folder), "--dry-run", "--format", "json")
    da = process(*args, "--lang", "da")
    en = process(*args, "--lang", "en")
    assert da == en
    messages = [p["message"] for p in json.loads(da[1])["problems"]]
    assert messages[0] == (
        "page 2, line 31: 2024: -0,1235 mio. kr. is -123,5 t.kr.: not a whole number of 1.000 kr."
    )


REFUSED_PAGE = """\
Rådighedsforslag til budget 2024-2027
Forslagets overskrift\tKortere åbningstid
Fagudvalg\tSocialudvalget
Bevillings-/Budgetområde\tB60.10.20 Botilbud
Økonomiske konsekvenser
Beløb i 1.000 kr.\t2024\t2025\t2026\t2027
Beløb indenfor servicerammen\t-1.200\t(300)\t-1.2\t1.200.5
Beskrivelse af forslaget
Kortere åbningstid.
"""


@pytest.mark.slow  # processes of the command line, each run whole
def test_a_refused_figure_in_danish_and_in_english(tmp_path: Path) -> None:
    """Each unreadable cell is said in the language, its figure as written."""
    folder = empty_folder(tmp_path)
    page = tmp_path / "side.txt"
    page.write_text(REFUSED_PAGE, encoding="utf-8")
    en = process("import", str(page), "--to", str(folder), "--lang", "en")
    da = process("import", str(page), "--to", str(folder), "--lang", "da")
    where = f"{page}:7:1: error:"
    assert (en[0], da[0]) == (1, 1)
    assert [line for line in en[1].splitlines() if line.startswith(where)] == [
        f"{where} page 1, line 7: 2025: '(300)' is in parentheses, which may mean a minus (as"
        " bookkeeping writes -300) or a remark (300): write -300 or 300 [import]",
        f"{where} page 1, line 7: 2026: '-1.2' has a dot that is not a thousands separator"
        " (Danish writes a decimal comma: 1,2) [import]",
        f"{where} page 1, line 7: 2027: '1.200.5' has a dot that is not a thousands separator:"
        " Danish groups thousands with dots (1.200.000) and writes a decimal comma (1,5) [import]",
    ]
    assert [line for line in da[1].splitlines() if line.startswith(where)] == [
        f"{where} side 1, linje 7: 2025: '(300)' står i parentes, hvilket kan betyde et minus"
        " (som bogføring skriver -300) eller en bemærkning (300): skriv -300 eller 300 [import]",
        f"{where} side 1, linje 7: 2026: '-1.2' har et punktum, der ikke adskiller tusinder (på"
        " dansk skrives et decimalkomma: 1,2) [import]",
        f"{where} side 1, linje 7: 2027: '1.200.5' har et punktum, der ikke adskiller tusinder:"
        " på dansk adskilles tusinder med punktum (1.200.000), og der skrives decimalkomma (1,5)"
        " [import]",
    ]


def test_a_document_refused_whole_is_said_in_danish() -> None:
    """A file import cannot read at all (rule ``io``) is said in the language too, its place
    (``line 2``) and its figures as fields."""
    from budgetcli.word.rows import Unreadable, docx_rows, text_rows

    danish = Reading(lang=language("da"))
    latin = text_rows("Fagudvalg\tSocial\nØkonomi\n".encode("latin-1"))
    empty = docx_rows(b"")
    assert isinstance(latin, Unreadable) and isinstance(empty, Unreadable)
    assert latin.reason == (
        "not UTF-8 or UTF-16 text: byte 0xd8 on line 2 (byte 17) is not UTF-8; is the file"
        " Windows-1252 or Latin-1? save it as plain text, UTF-8"
    )
    problems = [Problem("p", 0, 0, Severity.ERROR, "io", r.reason, r.why) for r in (latin, empty)]
    assert [message(p, danish) for p in problems] == [
        "ikke UTF-8- eller UTF-16-tekst: byte 0xd8 på linje 2 (byte 17) er ikke UTF-8; er filen"
        " Windows-1252 eller Latin-1? gem den som almindelig tekst, UTF-8",
        "ikke et Word-dokument (.docx): filen er tom",
    ]


def test_a_cells_doubts_are_said_in_danish() -> None:
    """A cell's doubts (``Row.doubts``, English) are said by their English, or by their form
    when they hold a figure (``text of 3 pt``), ``; `` between; an unknown text as it is."""
    from budgetcli.word.draft import joined
    from budgetcli.word.rows import HIDDEN, TRACKED, said_doubt

    doubts = joined([said_doubt(d) for d in (TRACKED, HIDDEN, "text of 3.5 pt", "odd")])
    assert isinstance(doubts, Said)
    cell = said("{cell} {doubt}", cell="'-600'", doubt=doubts)
    problem = Problem("p", 1, 1, Severity.ERROR, "import", cell.english, cell)
    assert problem.message == (
        "'-600' a tracked change (accept or reject it in Word); hidden text left out; text of"
        " 3.5 pt; odd"
    )
    assert message(problem, Reading(lang=language("da"))) == (
        "'-600' en registreret ændring (acceptér eller afvis den i Word); skjult tekst udeladt;"
        " tekst på 3.5 pkt.; odd"
    )
