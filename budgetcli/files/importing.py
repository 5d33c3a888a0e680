"""``budgetcli import``: Word documents (.docx, or Word's plain text) read into proposals.

Each file's rows (``wordrows``), each page's proposal (``template``), an id made from each
title (``core.slugs``), and which of them would replace a file that is there: a plan, every
problem found with its document and page. Nothing here writes: the command does, from the plan.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budgetcli.core.diagnostics import Problem, Severity
from budgetcli.core.domain import Meta
from budgetcli.core.errors import UsageError
from budgetcli.core.imported import Outcome
from budgetcli.core.slugs import unique_ids
from budgetcli.files import template, wordrows
from budgetcli.files.listing import AREAS_FILE, PROPOSALS_DIR, display_path
from budgetcli.files.proposalfile import proposal_text, series
from budgetcli.files.proposalfile import text as text_of
from budgetcli.files.writing import create_exclusively, write_atomically

#: the documents import reads, by suffix
READERS = {".docx": wordrows.docx_rows, ".txt": wordrows.text_rows}


@dataclass
class Planned:
    """A proposal to write: its file, its fields, the page it comes from, and whether a file
    is there already."""

    path: Path
    fields: dict[str, Any]
    draft: template.Draft
    exists: bool


@dataclass
class NewArea:
    code: str
    committee: str
    name: str | None
    budget: dict[int, int] | None


@dataclass
class Plan:
    proposals: list[Planned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_areas: list[NewArea] = field(default_factory=list)


def plan(documents: list[tuple[str, bytes]], data_dir: Path, meta: Meta) -> Plan:
    """What importing ``documents`` (name, bytes) into ``data_dir`` would write."""
    result = Plan()
    drafts: list[template.Draft] = []
    for name, data in documents:
        suffix = Path(name).suffix.lower()
        rows = READERS[suffix](data)
        if isinstance(rows, wordrows.Unreadable):
            result.problems.append(Problem(name, 0, 0, Severity.ERROR, "io", rows.reason))
            continue
        pages = template.pages(rows)
        if not pages:
            message = "no page 'Rådighedsforslag til budget …' in the document"
            result.problems.append(Problem(name, 0, 0, Severity.ERROR, "import", message))
        drafts += [template.read_page(p, name, n, meta.years) for n, p in enumerate(pages, 1)]
    titled = [d for d in drafts if "title" in d.fields and "areas" in d.fields]
    for draft in drafts:
        result.problems += draft.problems
    ids = unique_ids(d.fields["title"] for d in titled)
    for pid, draft in zip(ids, titled, strict=True):
        fields = {
            "id": pid,
            **draft.fields,
            "source": {"document": draft.document, "page": draft.page},
        }
        if draft.notes:
            fields["notes"] = list(draft.notes)
        path = data_dir / PROPOSALS_DIR / f"{pid}.yaml"
        result.proposals.append(Planned(path, fields, draft, path.exists()))
    result.new_areas = _unknown_areas(result, titled, meta)
    return result


def _unknown_areas(result: Plan, drafts: list[template.Draft], meta: Meta) -> list[NewArea]:
    """The area codes the pages name that areas.yaml lacks: each reported, and what the page
    says of it (its name, committee and, for a proposal of one area, its budget)."""
    known = [a.code for a in meta.areas]
    found: dict[str, NewArea] = {}
    for draft in drafts:
        codes = draft.fields["areas"]
        for code in codes:
            if meta.area(code) is not None or code in found:
                continue
            budget = draft.fields.get("area_budget") if len(codes) == 1 else None
            committee = draft.fields.get("committee", "")
            found[code] = NewArea(code, committee, draft.area_names.get(code), budget)
            close = difflib.get_close_matches(code, known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}? or " if close else ""
            draft.report(None, f"area {code} is not in areas.yaml: {hint}--add-areas adds it")
            result.problems.append(draft.problems[-1])
    return list(found.values())


def carry_out(
    planned: Plan, shown: Path, into: Path, force: bool, add_areas: bool
) -> list[Outcome]:
    """The plan's files written into the folder ``into`` (the data folder, or a copy of it for
    a dry run; ``shown``: the data folder as the report names it), each atomically; a file
    that is there kept unless ``force``. With ``add_areas``, the areas areas.yaml lacks are
    added to it."""
    if add_areas and planned.new_areas:
        areas = into / AREAS_FILE
        write_atomically(areas, areas_with(areas.read_text(encoding="utf-8"), planned.new_areas))
    outcomes = []
    for p in planned.proposals:
        path = into / PROPOSALS_DIR / p.path.name
        text = proposal_text(
            p.fields, f"Imported by budgetcli import: {p.draft.document}, page {p.draft.page}"
        )
        if path.exists() and not force:
            done = "kept"
        elif force:
            write_atomically(path, text)
            done = "written"
        else:
            done = "written" if create_exclusively(path, text) else "kept"
        name = display_path(shown / PROPOSALS_DIR / p.path.name)
        title = p.fields.get("title", "")
        outcomes.append(
            Outcome(name, p.fields["id"], p.draft.document, p.draft.page, title, done, text)
        )
    return outcomes


def areas_with(text: str, new: list[NewArea]) -> str:
    """areas.yaml's text with ``new`` areas added at the end of its ``areas:`` list, which must
    be the file's last key, written as a block list (``UsageError`` if it is not: the file
    is not rewritten, so no comment or layout of it is lost)."""
    lines = text.splitlines()
    keys = [i for i, line in enumerate(lines) if re.match(r"[A-Za-z_]\w*\s*:", line)]
    items = (
        [line for line in lines[keys[-1] + 1 :] if line.lstrip().startswith("- ")] if keys else []
    )
    if not keys or not lines[keys[-1]].startswith("areas:") or not items:
        raise UsageError(
            "--add-areas adds to the areas: list when it is the last key of areas.yaml, written "
            "one item a line (- code: …); add the areas by hand, or move the list to the end"
        )
    dash = items[0][: len(items[0]) - len(items[0].lstrip())]
    pad = dash + "  "
    added = []
    for area in new:
        added.append(f"{dash}- code: {text_of(area.code)}")
        if area.name:
            added.append(f"{pad}name: {text_of(area.name)}")
        added.append(f"{pad}committee: {text_of(area.committee)}")
        if area.budget:
            added.append(f"{pad}budget: {series(area.budget)}")
    return text.rstrip("\n") + "\n" + "\n".join(added) + "\n"
