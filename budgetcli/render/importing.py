"""What ``budgetcli import`` reports: the files written (or, with ``--dry-run``, their text),
the files kept, and every problem, as text or JSON. Formatting only."""

from __future__ import annotations

import json
from collections.abc import Sequence

from budgetcli.core.diagnostics import Problem, tally
from budgetcli.core.imported import Outcome
from budgetcli.render.text import problem_dict, problem_line


def import_text(outcomes: Sequence[Outcome], problems: Sequence[Problem], dry_run: bool) -> str:
    out = []
    for o in outcomes:
        where = f"{o.document}, page {o.page}: {o.title}"
        if o.done == "kept":
            out.append(f"kept {o.path}: the file is there (--force replaces it) ({where})")
        elif dry_run:
            out += [f"# {o.path} would be written ({where})", o.text.rstrip(), ""]
        else:
            out.append(f"wrote {o.path} ({where})")
    out += [problem_line(p) for p in problems]
    return "\n".join(out) + "\n" if out else ""


def import_count(outcomes: Sequence[Outcome], problems: Sequence[Problem], dry_run: bool) -> str:
    count = tally(problems)
    written = sum(o.done != "kept" for o in outcomes)
    kept = len(outcomes) - written
    verb = "would be written" if dry_run else "written"
    s = "" if written == 1 else "s"
    return (
        f"{written} proposal{s} {verb}, {kept} kept; {count.errors} error"
        f"{'' if count.errors == 1 else 's'}, {count.warnings} warning"
        f"{'' if count.warnings == 1 else 's'}"
    )


def import_json(outcomes: Sequence[Outcome], problems: Sequence[Problem], dry_run: bool) -> str:
    count = tally(problems)
    doc = {
        "dry_run": dry_run,
        "proposals": [
            {
                "path": o.path,
                "id": o.id,
                "document": o.document,
                "page": o.page,
                "title": o.title,
                "done": o.done,
                **({"text": o.text} if dry_run else {}),
            }
            for o in outcomes
        ],
        "errors": count.errors,
        "warnings": count.warnings,
        "problems": [problem_dict(p) for p in problems],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
