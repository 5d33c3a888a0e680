"""What ``budgetcli import`` reports: the files written (or, with ``--dry-run``, their text),
the files kept, and every problem, as text or JSON. Formatting only."""

from __future__ import annotations

import json
from collections.abc import Sequence

from budgetcli.core.diagnostics import Problem, tally
from budgetcli.core.imported import Outcome
from budgetcli.text.i18n import DEFAULT_READING, Reading
from budgetcli.text.problems import counted, problem_dict, problem_line


def import_text(
    outcomes: Sequence[Outcome],
    problems: Sequence[Problem],
    dry_run: bool,
    reading: Reading = DEFAULT_READING,
) -> str:
    _ = reading.gettext
    out = []
    for o in outcomes:
        where = _("{document}, page {page}").format(document=o.document, page=o.page)
        where += f": {o.title}" if o.title else ""
        if o.done == "kept":
            out.append(
                _("kept {path}: {why} ({where})").format(path=o.path, why=_(o.why), where=where)
            )
        elif o.done == "refused":
            out.append(
                _("refused {where}: nothing written for it (its errors are below)").format(
                    where=where
                )
            )
        elif dry_run:
            head = _("# {path} would be written ({where})").format(path=o.path, where=where)
            out += [head, o.text.rstrip(), ""]
        else:
            out.append(_("wrote {path} ({where})").format(path=o.path, where=where))
    out += [problem_line(p, reading) for p in problems]
    return "\n".join(out) + "\n" if out else ""


def import_count(
    outcomes: Sequence[Outcome],
    problems: Sequence[Problem],
    dry_run: bool,
    reading: Reading = DEFAULT_READING,
) -> str:
    """``2 proposals written, 1 kept, 1 page refused; 0 errors, 1 warning``."""
    count = tally(problems)
    written = sum(o.done in ("written", "planned") for o in outcomes)
    kept = sum(o.done == "kept" for o in outcomes)
    refused = sum(o.done == "refused" for o in outcomes)
    if dry_run:
        done = reading.ngettext(
            "{count} proposal would be written", "{count} proposals would be written", written
        )
    else:
        done = reading.ngettext("{count} proposal written", "{count} proposals written", written)
    parts = [done.format(count=written), reading.gettext("{count} kept").format(count=kept)]
    if refused:
        pages = reading.ngettext("{count} page refused", "{count} pages refused", refused)
        parts.append(pages.format(count=refused))
    return f"{', '.join(parts)}; {counted(count.errors, count.warnings, reading)}"


def import_json(outcomes: Sequence[Outcome], problems: Sequence[Problem], dry_run: bool) -> str:
    count = tally(problems)
    doc = {
        "dry_run": dry_run,
        "proposals": [
            {
                "path": o.path or None,
                "id": o.id or None,
                "document": o.document,
                "page": o.page,
                "title": o.title,
                "done": o.done,
                **({"why": o.why} if o.why else {}),
                **({"text": o.text} if dry_run else {}),
            }
            for o in outcomes
        ],
        "errors": count.errors,
        "warnings": count.warnings,
        "problems": [problem_dict(p) for p in problems],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
