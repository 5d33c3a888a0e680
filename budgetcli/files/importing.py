"""``budgetcli import``: Word documents (.docx, or Word's plain text) read into proposals.

Each file's rows (``wordrows``), each page's proposal (``template``), an id made from each
title (``core.slugs``), each file's text (``proposalfile``); then the data folder as it would
be, checked in memory as ``validate`` checks it (``store.load.compute``). A page with an error
(a figure that cannot be read, an area areas.yaml lacks, a file that would not validate) is
refused whole: its file is not planned. The plan is what a dry run prints and a real run
writes (``write``): nothing is written before everything is planned and checked, and a write
that fails is undone.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budgetcli.core.diagnostics import Problem, Severity
from budgetcli.core.domain import Meta
from budgetcli.core.errors import UsageError
from budgetcli.core.imported import Outcome
from budgetcli.core.slugs import unique_ids
from budgetcli.files import danish, template, wordrows
from budgetcli.files.areasfile import NewArea, areas_with, can_add_areas
from budgetcli.files.cleaning import clean_fields
from budgetcli.files.listing import (
    AREAS_FILE,
    MAX_YAML_BYTES,
    PROPOSALS_DIR,
    DataFile,
    Folder,
    read_regular,
    stem_of,
)
from budgetcli.files.pagedraft import Draft
from budgetcli.files.proposalfile import proposal_text
from budgetcli.files.writing import remove_stale_temporaries, write_all

#: the documents import reads, by suffix
READERS = {".docx": wordrows.docx_rows, ".txt": wordrows.text_rows}


@dataclass(frozen=True)
class Options:
    """What the command line asks of an import: replace files that are there (``force``),
    add the areas areas.yaml lacks (``add_areas``), the unit of tables that state none."""

    force: bool = False
    add_areas: bool = False
    unit: int | None = None


#: the first words of every file import writes: a file that starts so may be replaced by a
#: later import (``--force``); any other is the user's own, and never is
MARK = "Imported by budgetcli import:"


@dataclass
class Planned:
    """A proposal read from a page: its file (relative to the data folder), its fields and
    text, the page, whether a file is there already, and whether that file is one an import
    wrote (``--force`` replaces only such a file)."""

    relpath: str
    fields: dict[str, Any]
    draft: Draft
    text: str
    exists: bool
    replaceable: bool = True

    def written(self, force: bool) -> bool:
        """Whether the file is written: it is not there, or ``force`` replaces it."""
        return not self.exists or (force and self.replaceable)


@dataclass
class Plan:
    """What an import would do: the proposals to write (``written``: not refused, and not
    kept for a file that is there), the pages refused, the areas to add, and every problem
    (the pages', then the folder's as ``validate`` would find it after the import)."""

    proposals: list[Planned] = field(default_factory=list)
    refused: list[Draft] = field(default_factory=list)
    new_areas: list[NewArea] = field(default_factory=list)
    areas_text: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def written(self, force: bool) -> list[Planned]:
        return [p for p in self.proposals if p.written(force)]


#: how a data set is checked as ``validate`` checks it (``store.load.compute``: files may not
#: import the store; the command hands it in)
Check = Callable[[list[DataFile]], list[Problem]]


def plan(
    documents: list[tuple[str, bytes]], folder: Folder, meta: Meta, options: Options, check: Check
) -> Plan:
    """What importing ``documents`` (name, bytes) into the data folder would do, checked by
    ``check``."""
    unit = danish.budget_unit(meta.unit)
    if unit is None:
        raise UsageError(
            f"areas.yaml's unit '{meta.unit}' is not one import converts into: use 1000 DKK, "
            "DKK or 1000000 DKK"
        )
    budget = template.Budget(meta.years, [a.code for a in meta.areas], unit, options.unit)
    problems, drafts = _read_documents(documents, budget)
    existing = {
        stem_of(relpath): relpath
        for relpath, _ in folder.listing
        if relpath.startswith(f"{PROPOSALS_DIR}/")
    }
    areas_text = next(iter(folder.read([AREAS_FILE]))).data or b""
    new_areas = _new_areas(drafts, meta, options, areas_text.decode("utf-8", "replace"))
    planned = _planned(drafts, existing, folder)
    result = Plan(planned, [], new_areas, problems=problems)
    return _checked(
        result, folder, options.force, drafts, areas_text.decode("utf-8", "replace"), check
    )


def _read_documents(
    documents: list[tuple[str, bytes]], budget: template.Budget
) -> tuple[list[Problem], list[Draft]]:
    """Each document's pages read (a document that cannot be read, or has no page, is a
    problem of its own)."""
    problems: list[Problem] = []
    drafts: list[Draft] = []
    for name, data in documents:
        rows = READERS[_suffix(name)](data)
        if isinstance(rows, wordrows.Unreadable):
            problems.append(Problem(name, 0, 0, Severity.ERROR, "io", rows.reason))
            continue
        pages = template.pages(rows)
        if not pages:
            message = "no page 'Rådighedsforslag til budget …' in the document"
            problems.append(Problem(name, 0, 0, Severity.ERROR, "import", message))
        elif (row := template.stray_title(rows[: rows.index(pages[0][0])])) is not None:
            message = (
                f"{row.where}: a proposal's title before the first page's heading: its heading "
                "is missing, or is one import does not know ('… til budget 2024-2027')"
            )
            problems.append(Problem(name, row.line, 1, Severity.ERROR, "import", message))
        read = [
            template.read_page(rows_of_page, name, n, budget)
            for n, rows_of_page in enumerate(pages, 1)
        ]
        _untitled_pages_go_with_the_one_before(read)
        for draft in read:
            clean_fields(draft)
        drafts += read
    return problems, drafts


def _untitled_pages_go_with_the_one_before(drafts: list[Draft]) -> None:
    """A page with no title after another may be that page's rest (its heading written
    again): the page before is refused with it, for its rows after the heading were not
    read as its own."""
    for before, page in itertools.pairwise(drafts):
        if "title" not in page.fields:
            before.report(
                None,
                f"page {page.page} after it has no title: if it is this page's rest (its "
                "heading written again), write '(fortsat)' after that heading, or take it out",
            )


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _new_areas(drafts: list[Draft], meta: Meta, options: Options, areas_text: str) -> list[NewArea]:
    """The areas the pages name that areas.yaml lacks, with what each page says of it; a page
    naming one is refused unless ``--add-areas`` adds it (and can: see ``can_add_areas``)."""
    known = [a.code for a in meta.areas]
    addable = can_add_areas(areas_text)
    found: dict[str, NewArea] = {}
    for draft in drafts:
        codes = draft.fields.get("areas", [])
        for code in (c for c in codes if meta.area(c) is None):
            why = _why_not_added(code, draft, options, addable, known)
            if why is not None:
                draft.report(None, why)
                continue
            budget = draft.fields.get("area_budget") if len(codes) == 1 else None
            committee = draft.fields["committee"]
            found.setdefault(code, NewArea(code, committee, draft.area_names.get(code), budget))
    return list(found.values())


def _why_not_added(
    code: str, draft: Draft, options: Options, addable: bool, known: list[str]
) -> str | None:
    """Why a page's area that areas.yaml lacks is not added (and the page refused), or
    ``None`` if it is."""
    close = difflib.get_close_matches(code, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}? " if close else ""
    if not options.add_areas:
        how = (
            "run the import again with --add-areas to add it" if addable else "add it to areas.yaml"
        )
        return f"area {code} is not in areas.yaml: {hint}{how}, then the page is imported"
    if not addable:
        return (
            f"area {code} is not in areas.yaml, and --add-areas cannot add it there: its "
            "areas: list is not written one item a line (- code: …); add the area by hand"
        )
    if not draft.fields.get("committee"):
        return f"area {code} is not in areas.yaml, and the page names no committee (Fagudvalg) to add it with"
    return None


def _planned(drafts: list[Draft], existing: dict[str, str], folder: Folder) -> list[Planned]:
    """Each page's file: its id from its title (every titled page counts, refused or not, so
    that a page's id does not change when another is refused), the file of that id if one is
    there (a ``.yml`` too: never a second file of one id), its text (a page whose file would be
    over the size a proposal file may have is refused)."""
    titled = [d for d in drafts if "title" in d.fields]
    ids = unique_ids(d.fields["title"] for d in titled)
    there = {
        f.relpath: f.data or b"" for f in folder.read([existing[i] for i in ids if i in existing])
    }
    out = []
    for pid, draft in zip(ids, titled, strict=True):
        if draft.refused:
            continue
        fields = {
            "id": pid,
            **draft.fields,
            "source": {"document": draft.document, "page": draft.page},
        }
        if draft.notes:
            fields["notes"] = list(draft.notes)
        text = proposal_text(fields, f"{MARK} {draft.document}, page {draft.page}")
        if len(text.encode("utf-8")) > MAX_YAML_BYTES:
            draft.report(
                None,
                f"its file would be over the {MAX_YAML_BYTES} bytes a proposal file may have: shorten the description",
            )
            continue
        relpath = existing.get(pid, f"{PROPOSALS_DIR}/{pid}.yaml")
        ours = relpath not in there or _imported(there[relpath])
        out.append(Planned(relpath, fields, draft, text, relpath in there, ours))
    return out


def _imported(content: bytes) -> bool:
    """Whether a proposal file was written by an import: a line of its first comments is the
    mark (a line the user put before it does not hide it)."""
    for line in content.splitlines():
        if not line.startswith(b"#"):
            return False
        if line.startswith(f"# {MARK}".encode()):
            return True
    return False


def _checked(
    result: Plan, folder: Folder, force: bool, drafts: list[Draft], areas: str, check: Check
) -> Plan:
    """The plan with the folder as it would be checked in memory: a page whose file would
    have an error is refused (and the check made again without it); the folder's problems
    after the import are the plan's. ``areas``: areas.yaml's text, to which the areas of the
    pages written are added."""
    while True:
        added = added_areas(result)
        result.areas_text = areas_with(areas, list(added)) if added else None
        found = check(_files(folder, result, force))
        named = {_name(folder, p.relpath): p for p in result.written(force)}
        failing = {p.path for p in found if p.is_error and p.path in named}
        if not failing:
            break
        for path in failing:
            draft = named[path].draft
            for problem in (p for p in found if p.path == path and p.is_error):
                draft.report(
                    None, f"its file would not validate: {problem.message} [{problem.rule}]"
                )
        result.proposals = [p for p in result.proposals if not p.draft.refused]
    result.refused = [d for d in drafts if d.refused]
    result.problems += [p for d in drafts for p in d.problems] + found
    return result


def _files(folder: Folder, result: Plan, force: bool) -> list[DataFile]:
    """The data folder's files with the plan's in it, in memory: nothing is written."""
    files = {f.relpath: f for f in folder.read()}
    if result.areas_text is not None:
        files[AREAS_FILE] = DataFile(
            _name(folder, AREAS_FILE), AREAS_FILE, result.areas_text.encode("utf-8")
        )
    for p in result.written(force):
        files[p.relpath] = DataFile(_name(folder, p.relpath), p.relpath, p.text.encode("utf-8"))
    return list(files.values())


def _name(folder: Folder, relpath: str) -> str:
    """A file of the data folder as a problem names it (as ``Folder.read`` names it)."""
    return relpath if folder.shown == "." else f"{folder.shown}/{relpath}"


def outcomes(result: Plan, folder: Folder, force: bool, dry_run: bool) -> list[Outcome]:
    """What was (or, in a dry run, would be) done with each page read: written, kept (a file
    was there: without --force, or not one an import wrote), refused."""
    out = [_outcome(folder, p, force, dry_run) for p in result.proposals]
    out += [
        Outcome("", "", d.document, d.page, d.fields.get("title", ""), "refused", "")
        for d in result.refused
    ]
    return sorted(out, key=lambda o: (o.document, o.page))


def _outcome(folder: Folder, p: Planned, force: bool, dry_run: bool) -> Outcome:
    done = ("planned" if dry_run else "written") if p.written(force) else "kept"
    why = ""
    if done == "kept":
        why = (
            "the file is there (--force replaces it)"
            if p.replaceable
            else "the file is there, and was not written by budgetcli import: it is never "
            "replaced; remove it, or give the page another title"
        )
    name = _name(folder, p.relpath)
    title = p.fields.get("title", "")
    return Outcome(name, p.fields["id"], p.draft.document, p.draft.page, title, done, p.text, why)


def added_areas(result: Plan) -> Sequence[NewArea]:
    """The areas the import adds to areas.yaml: those of the pages it writes."""
    needed = {code for p in result.proposals for code in p.fields.get("areas", [])}
    return [a for a in result.new_areas if a.code in needed]


def write(result: Plan, data_dir: Path, force: bool) -> None:
    """The plan's files written into the data folder: every proposal file and areas.yaml, all
    or none (``writing.NotWritten`` says what failed); temporary files an interrupted import
    left there are removed first."""
    for folder in (data_dir, data_dir / PROPOSALS_DIR):
        remove_stale_temporaries(folder)
    files = [(data_dir / p.relpath, p.text.encode("utf-8")) for p in result.written(force)]
    if result.areas_text is not None:
        files.append((data_dir / AREAS_FILE, result.areas_text.encode("utf-8")))
    write_all(files)


#: the most bytes of a document import reads: a .docx of a 300-page catalogue with pictures
#: is some tens of MB; Word's text of it, a few
MAX_DOCUMENT_BYTES = {".docx": 128 << 20, ".txt": 16 << 20}


def read_document(path: Path) -> bytes | str:
    """A document's bytes, or why they cannot be read (not a regular file, too large)."""
    return read_regular(path, MAX_DOCUMENT_BYTES.get(_suffix(path.name), 16 << 20))
