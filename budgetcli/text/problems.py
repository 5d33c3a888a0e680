"""Diagnostics as text: a line each (``path:line:col: severity: message [rule]``), the count,
JSON, and GitHub's annotations. Pure: problems in, strings out.

A problem's line keeps the compilers' form, its severity (``error``, ``warning``) and rule id
in English whatever the language: editors and CI parse it. Its message is in the language
when it was made as a template (``core.diagnostics.said``), else English; JSON and GitHub's
annotations keep the English message (programs, and CI in its own locale, read them)."""

from __future__ import annotations

from collections.abc import Sequence

from budgetcli.core.diagnostics import Problem, Said, printable, tally
from budgetcli.text.i18n import DEFAULT_READING, Language, Reading


def message(p: Problem, reading: Reading = DEFAULT_READING) -> str:
    """The problem's message in the reader's language: its template translated and filled
    (``core.diagnostics.Said``: a clause in its fields said in the same language), else as it
    was made (English)."""
    if p.said is None:
        return p.message
    return p.said.in_words(reading.gettext)


def said_in(said: Said, lang: Language) -> str:
    """A message made as a template (``core.diagnostics.said``: a problem's, an error's) in
    the language ``lang``: the template translated, then filled with its fields."""
    return said.in_words(lang.gettext)


def problem_line(p: Problem, reading: Reading = DEFAULT_READING) -> str:
    """One line, whatever the message quotes: a newline or control character in a found value
    is escaped, so no value can forge a diagnostic line."""
    where = f"{p.path}:{p.line}:{p.col}" if p.line else p.path
    return printable(f"{where}: {p.severity.value}: {message(p, reading)} [{p.rule}]")


def empty_note(problems: Sequence[Problem], reading: Reading = DEFAULT_READING) -> str:
    """The line under a summary with no proposals: the warning that says why."""
    return "".join(
        f"budgetcli: warning: {printable(message(p, reading))}\n"
        for p in problems
        if p.rule == "no-proposals"
    )


def warnings_note(problems: Sequence[Problem], lang: Language) -> str:
    """The line under a summary of data with warnings: how many, and where to see them, so a
    forgotten minus is not seen only by those who run validate (the no-proposals warning is
    said by ``empty_note`` and not counted)."""
    count = sum(1 for p in problems if not p.is_error and p.rule != "no-proposals")
    if not count:
        return ""
    message = lang.ngettext(
        "{count} warning: run budgetcli validate",
        "{count} warnings: run budgetcli validate",
        count,
    )
    return f"budgetcli: note: {message.format(count=count)}\n"


def no_status_note(statuses: Sequence[str], lang: Language) -> str:
    """The line under a summary that no proposal of the statuses asked for is in: its figures
    are the sums of none (0), not of a budget."""
    message = lang.ngettext(
        "no proposal has the status {statuses}: every figure is 0",
        "no proposal has any of the statuses {statuses}: every figure is 0",
        len(statuses),
    )
    return f"budgetcli: note: {message.format(statuses=', '.join(statuses))}\n"


def problems_text(
    problems: Sequence[Problem], prefix: str = "", reading: Reading = DEFAULT_READING
) -> str:
    return "".join(f"{prefix}{problem_line(p, reading)}\n" for p in problems)


def counted(errors: int, warnings: int, reading: Reading) -> str:
    """``1 error, 2 warnings``, in the reader's language."""
    n_errors = reading.ngettext("{count} error", "{count} errors", errors).format(count=errors)
    n_warnings = reading.ngettext("{count} warning", "{count} warnings", warnings)
    return f"{n_errors}, {n_warnings.format(count=warnings)}"


def problems_count(
    problems: Sequence[Problem], files: int, reading: Reading = DEFAULT_READING
) -> str:
    """``12 files checked: 0 errors, 1 warning``."""
    count = tally(problems)
    checked = reading.ngettext("{count} file checked", "{count} files checked", files)
    return f"{checked.format(count=files)}: {counted(count.errors, count.warnings, reading)}"


def problem_dict(p: Problem) -> dict[str, str | int]:
    """A problem as every JSON report gives it."""
    return {
        "path": p.path,
        "line": p.line,
        "column": p.col,
        "severity": p.severity.value,
        "rule": p.rule,
        "message": p.message,
    }


def problems_json(problems: Sequence[Problem], files: int) -> str:
    count = tally(problems)
    doc = {
        "valid": count.valid,
        "files": files,
        "errors": count.errors,
        "warnings": count.warnings,
        "problems": [problem_dict(p) for p in problems],
    }
    import json  # only JSON output needs it

    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def problems_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    out = []
    for p in problems:
        props = f"file={_gh_escape(p.path, True)}"
        if p.line:
            props += f",line={p.line},col={p.col}"
        props += f",title={_gh_escape('budgetcli ' + p.rule, True)}"
        out.append(f"::{p.severity.value} {props}::{_gh_escape(p.message)}\n")
    return "".join(out)
