"""The messages of core/, store/ and folder/ (a problem of the data, a refused command) are made
as templates (``core.diagnostics.said``), so a reader gets them in their language: a message
written as an f-string or a plain string there is found by reading the modules' syntax trees,
and the Danish of the commonest are checked on real runs of the command line."""

from __future__ import annotations

import ast
import shutil
from collections import Counter
from pathlib import Path

import pytest

from budgetcli.core import errors

from .conftest import REPO, process

pytestmark = pytest.mark.store

PACKAGE = REPO / "budgetcli"
LAYERS = ("core", "store", "folder")

#: a call that makes a message a person reads, and which of its arguments is the message
MESSAGE_ARGUMENT = {
    "problem": 2,  # Source.problem(loc, rule, message)
    "warning": 2,  # Source.warning(loc, rule, message)
    "Problem": 5,  # Problem(path, line, col, severity, rule, message)
    "Refused": 1,  # yamlrules.Refused(rule, message)
    "report": 2,  # yamlsafe's report(pos, rule, message)
    "once": 3,  # yamlsafe's once(what, pos, rule, message)
    "add": 3,  # registers' report.add(line, col, rule, message)
    "_Bad": 1,  # registers' _Bad(rule, message): a value of a register refused
    "PydanticCustomError": 1,  # models: made by refused(kind, said(...)) instead
    "DataFile": 3,  # DataFile(name, relpath, data, error): why a file cannot be read
    "_Refused": 0,  # listing's _Refused(why): a file refused as it is read
    **{name: 0 for name in dir(errors) if name.endswith("Error")},  # raise UsageError(...)
}

#: the modules whose messages are still English, and how many: none (a module named here with
#: a count lets that many through, with a comment that says why)
STILL_ENGLISH: dict[str, int] = {}


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _english(node: ast.expr) -> bool:
    """A message written in English where it is made: a string, an f-string, strings joined
    or formatted (``"…" + x``, ``"…".format(x)``, ``"…" % x``), or either of two such."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _english(node.left) or _english(node.right)
    if isinstance(node, ast.IfExp):
        return _english(node.body) or _english(node.orelse)
    if isinstance(node, ast.Call) and _name(node.func) in ("format", "join"):
        return isinstance(node.func, ast.Attribute) and _english(node.func.value)
    return False


def _english_names(scope: ast.AST) -> set[str]:
    """The names a function (or module) assigns English text to: ``message = f"…"``."""
    return {
        target.id
        for node in ast.walk(scope)
        if isinstance(node, ast.Assign) and _english(node.value)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def english_messages(source: str) -> list[tuple[int, str]]:
    """Each call of ``source`` that makes a message (``MESSAGE_ARGUMENT``) from English text
    rather than from ``said(...)``, written there or first given to a name in the same
    function: its line and the call's name."""
    found = set()
    tree = ast.parse(source)
    scopes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]
    for scope in scopes:
        names = _english_names(scope) if scope is not tree else set()
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            index = MESSAGE_ARGUMENT.get(name)
            if index is None:
                continue
            message = node.args[index] if index < len(node.args) else None
            message = next((k.value for k in node.keywords if k.arg == "message"), message)
            named = isinstance(message, ast.Name) and message.id in names
            if message is not None and (_english(message) or named):
                found.add((node.lineno, name))
    return sorted(found)


def package_english() -> dict[str, int]:
    """How many messages each module of core/, store/ and folder/ makes in English."""
    counts: Counter[str] = Counter()
    for layer in LAYERS:
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            found = english_messages(path.read_text(encoding="utf-8"))
            if found:
                counts[str(path.relative_to(PACKAGE))] = len(found)
    return dict(counts)


def test_every_message_of_the_data_and_of_an_error_is_a_template() -> None:
    """A problem's message or a budgetcli error's in core/, store/ or folder/ is a said(...)
    template: a new f-string there fails (or a module of STILL_ENGLISH with one more)."""
    assert package_english() == STILL_ENGLISH


def test_an_english_message_is_found() -> None:
    """The test above can fail: an f-string, a plain string, strings joined or a ternary of
    them is found as a message, and so is a name given English text in the function; said(...),
    a name holding one, and other calls are not."""
    source = """
def check(source, code, found):
    yield source.problem(("areas",), "unknown-area", f"area {code} is not in areas.yaml")
    yield source.warning(("id",), "x", "the file is empty")
    yield source.problem(("id",), "x", said("area {code} is listed twice", code=code))
    yield source.problem(("id",), "x", message)
    yield source.problem(("id",), "x", "a " + code if found else said("b"))
    raise UsageError(f"no proposal with id '{code}'")
    raise UsageError(said("no proposal with id '{id}'", id=code))
    raise Refused("syntax", "a lone {} is not a value".format(code))
    seen.add("not a message")
    raise PydanticCustomError("amount_type", "expected a whole number")
    return Problem(path, 1, 1, Severity.ERROR, "empty", "the file is empty")

def read(name, relpath, rules):
    message = f"the rules of {rules} are given twice"
    yield source.problem(("rules",), "x", message)
    yield DataFile(name, relpath, None, "it is not listed")
    yield DataFile(name, relpath, None, said("it is not listed"))
"""
    assert english_messages(source) == [
        (3, "problem"),
        (4, "warning"),
        (7, "problem"),
        (8, "UsageError"),
        (10, "Refused"),
        (12, "PydanticCustomError"),
        (13, "Problem"),
        (17, "problem"),
        (18, "DataFile"),
    ]


# --- the messages a user meets most, in Danish and in English: real runs ----------------------


def broken_copy(tmp_path: Path) -> Path:
    """The bundled data with an unknown area, a wrong type, a tab in the indentation and a
    duplicate id, one in each of four files."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    proposals = data / "proposals"

    def edit(name: str, old: str, new: str) -> None:
        path = proposals / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    edit("botilbud-opfoelgning.yaml", "areas: [B60.10.20]", "areas: [B60.10.99]")
    edit("hjemloeseindsats.yaml", "status: proposed", "status: vedtaget")
    edit("kaerbo-velfaerdsteknologi.yaml", "operating_budget: ", "operating_budget: mange #")
    edit("hjemmepleje-styring.yaml", "\n  inside_service_frame:", "\n\tinside_service_frame:")
    shutil.copy(proposals / "plejecenter-sygefravaer.yaml", proposals / "plejecenter-kopi.yaml")
    return data


DANISH = [
    "botilbud-opfoelgning.yaml:5:9: error: bevillingsområde B60.10.99 findes ikke i areas.yaml;"
    " mente du B60.10.45? [unknown-area]",
    "hjemloeseindsats.yaml:3:1: error: status: forventede proposed, adopted, rejected eller"
    " realized, fik 'vedtaget' (mente du 'adopted'? 'vedtaget' er det danske ord for det) [enum]",
    "hjemmepleje-styring.yaml:12:1: error: et tabulatortegn i indrykningen: ryk ind med"
    " mellemrum (YAML tillader ikke tabulatortegn der) [yaml-tab]",
    "kaerbo-velfaerdsteknologi.yaml:9:1: error: operating_budget: forventede et helt tal, fik"
    " teksten 'mange' [amount-type]",
    "plejecenter-kopi.yaml:1:1: error: id 'plejecenter-sygefravaer' afviger fra filnavnet"
    " 'plejecenter-kopi'; omdøb filen eller ret id'et [id-mismatch]",
    "plejecenter-sygefravaer.yaml:1:1: error: id 'plejecenter-sygefravaer' bruges også af"
    " {proposals}/plejecenter-kopi.yaml [duplicate-id]",
]
ENGLISH = [
    "botilbud-opfoelgning.yaml:5:9: error: area B60.10.99 is not in areas.yaml; did you mean"
    " B60.10.45? [unknown-area]",
    "hjemloeseindsats.yaml:3:1: error: status: expected proposed, adopted, rejected or realized,"
    " got 'vedtaget' (did you mean 'adopted'? 'vedtaget' is Danish for it) [enum]",
    "hjemmepleje-styring.yaml:12:1: error: a tab in the indentation: indent with spaces (YAML"
    " does not allow tabs there) [yaml-tab]",
    "kaerbo-velfaerdsteknologi.yaml:9:1: error: operating_budget: expected a whole number, got"
    " the text 'mange' [amount-type]",
    "plejecenter-kopi.yaml:1:1: error: id 'plejecenter-sygefravaer' differs from the file name"
    " 'plejecenter-kopi'; rename the file or change the id [id-mismatch]",
    "plejecenter-sygefravaer.yaml:1:1: error: id 'plejecenter-sygefravaer' is also used by"
    " {proposals}/plejecenter-kopi.yaml [duplicate-id]",
]


@pytest.mark.slow  # processes of the command line, each run whole
def test_validate_says_the_data_problems_in_danish_and_in_english(tmp_path: Path) -> None:
    """Each run twice: the second reads the cache, which keeps the templates."""
    data = broken_copy(tmp_path)
    proposals = data / "proposals"
    for lang, expected, count in (
        ("da", DANISH, "23 filer kontrolleret: 6 fejl, 1 advarsel\n"),
        ("en", ENGLISH, "23 files checked: 6 errors, 1 warning\n"),
    ):
        for _ in range(2):
            code, out, err = process("validate", str(data), "--lang", lang)
            assert (code, err) == (1, count)
            errors = [line for line in out.splitlines() if ": error: " in line]
            assert errors == [
                f"{proposals}/{line.format(proposals=proposals)}" for line in expected
            ]
    # JSON and GitHub's annotations keep the English, whatever the language
    for output in ("json", "github"):
        da = process("validate", str(data), "--format", output, "--lang", "da")[1]
        assert da == process("validate", str(data), "--format", output, "--lang", "en")[1]
        assert "is not in areas.yaml; did you mean B60.10.45?" in da


def test_an_id_not_found_is_said_in_danish() -> None:
    assert process("show", "nope", "--lang", "da") == (
        2,
        "",
        "budgetcli: error: intet forslag med id 'nope'; se `budgetcli summary --by proposal`\n",
    )
    assert process("show", "kaerbo", "--lang", "da")[2] == (
        "budgetcli: error: intet forslag med id 'kaerbo'; mente du kaerbo-velfaerdsteknologi?\n"
    )
    assert process("show", "nope", "--lang", "en") == (
        2,
        "",
        "budgetcli: error: no proposal with id 'nope'; see `budgetcli summary --by proposal`\n",
    )
    code, _, err = process("forecast", "nope", LANG="da_DK.UTF-8")
    assert (code, err) == (
        2,
        "budgetcli: error: ingen prognose med id 'nope'; der er: eksempel-sagsregister-2024,"
        " voksenspecialiseret-2024\n",
    )


@pytest.mark.slow  # processes of the command line, each run whole
def test_invalid_data_is_said_in_danish_by_every_command(tmp_path: Path) -> None:
    """summary of invalid data: its problems and the closing error in the language."""
    data = broken_copy(tmp_path)
    code, _, err = process("summary", "--data", str(data), "--lang", "da")
    assert code == 1
    assert err.endswith("budgetcli: error: 6 fejl; kør `budgetcli validate`\n")
    assert "error: bevillingsområde B60.10.99 findes ikke i areas.yaml" in err
    code, _, err = process("summary", "--data", str(data), "--lang", "en")
    assert err.endswith("budgetcli: error: 6 errors; run `budgetcli validate`\n")


@pytest.mark.slow  # processes of the command line, each run whole
def test_an_output_refused_is_said_in_danish(tmp_path: Path) -> None:
    """export's and report's refusals (folder/outputs.py): nothing replaced, said in the
    language; the file export wrote is left as it was."""
    workbook = tmp_path / "budget.xlsx"
    assert process("export", "--format", "xlsx", "-o", str(workbook))[0] == 0
    before = workbook.read_bytes()
    assert process("export", "--format", "xlsx", "-o", str(workbook), "--lang", "da") == (
        2,
        "",
        f"budgetcli: error: {workbook} findes allerede: --force erstatter den\n",
    )
    assert process("report", "-o", "data", "--lang", "da")[2] == (
        "budgetcli: error: data er datamappen: report erstatter den aldrig; angiv en ny mappe til"
        " rapporten, f.eks. site\n"
    )
    assert process("report", "-o", "data", "--lang", "en")[2] == (
        "budgetcli: error: data is the data folder: report never replaces it; name a new folder"
        " for the report, such as site\n"
    )
    assert workbook.read_bytes() == before


def test_a_file_that_cannot_be_read_is_said_in_danish(tmp_path: Path) -> None:
    """Why a file is not read at all (a link that leads nowhere or loops, a folder in a file's
    place) is said in the reader's language, the target as it is; English as before. Run
    twice: the second run reads the cache, which keeps no reason (it looks again)."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    proposals = data / "proposals"
    (proposals / "nowhere.yaml").symlink_to("gone.yaml")
    (proposals / "loop.yaml").symlink_to("loop.yaml")
    (proposals / "folder.yaml").mkdir()
    expected = {
        "da": [
            "folder.yaml: error: en mappe, ikke en fil: budgetcli læser kun almindelige filer [io]",
            "loop.yaml: error: et symbolsk link i ring (det peger tilbage på sig selv): ret eller"
            " fjern linket [io]",
            "nowhere.yaml: error: et symbolsk link til gone.yaml, som ikke findes: ret eller fjern"
            " linket [io]",
        ],
        "en": [
            "folder.yaml: error: a folder, not a file: budgetcli reads only regular files [io]",
            "loop.yaml: error: a symbolic link that loops (it leads back to itself): fix or"
            " remove the link [io]",
            "nowhere.yaml: error: a symbolic link to gone.yaml, which does not exist: fix or"
            " remove the link [io]",
        ],
    }
    for lang in ("da", "en", "da"):
        code, out, _ = process("validate", str(data), "--lang", lang)
        assert code == 1
        found = [line.removeprefix(f"{proposals}/") for line in out.splitlines() if "[io]" in line]
        assert found == expected[lang]
