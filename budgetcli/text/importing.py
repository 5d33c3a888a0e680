"""What ``budgetcli import`` reports: the files written (or, with ``--dry-run``, their text),
the files kept, and every problem, as text or JSON. Formatting only."""

from __future__ import annotations

import json
from collections.abc import Sequence

from budgetcli.core.diagnostics import Problem, tally
from budgetcli.core.imported import Outcome
from budgetcli.text.problems import problem_dict, problem_line


def import_text(outcomes: Sequence[Outcome], problems: Sequence[Problem], dry_run: bool) -> str:
    out = []
    for o in outcomes:
        where = f"{o.document}, page {o.page}" + (f": {o.title}" if o.title else "")
        if o.done == "kept":
            out.append(f"kept {o.path}: {o.why} ({where})")
        elif o.done == "refused":
            out.append(f"refused {where}: nothing written for it (its errors are below)")
        elif dry_run:
            out += [f"# {o.path} would be written ({where})", o.text.rstrip(), ""]
        else:
            out.append(f"wrote {o.path} ({where})")
    out += [problem_line(p) for p in problems]
    return "\n".join(out) + "\n" if out else ""


def import_count(outcomes: Sequence[Outcome], problems: Sequence[Problem], dry_run: bool) -> str:
    count = tally(problems)
    written = sum(o.done in ("written", "planned") for o in outcomes)
    kept = sum(o.done == "kept" for o in outcomes)
    refused = sum(o.done == "refused" for o in outcomes)
    verb = "would be written" if dry_run else "written"
    s = "" if written == 1 else "s"
    pages = f", {refused} page{'' if refused == 1 else 's'} refused" if refused else ""
    return (
        f"{written} proposal{s} {verb}, {kept} kept{pages}; {count.errors} error"
        f"{'' if count.errors == 1 else 's'}, {count.warnings} warning"
        f"{'' if count.warnings == 1 else 's'}"
    )


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
