"""``budgetcli import``: Word documents (.docx, or Word's plain text) read into proposals.

Each file's rows (``rows``), each page's proposal (``template``), an id made from each
title (``core.slugs``), each file's text (``proposalfile``); then the data folder as it would
be, checked in memory as ``validate`` checks it (``store.load.compute``). A page with an error
(a figure that cannot be read, an area areas.yaml lacks, a file that would not validate) is
refused whole: its file is not planned. The plan is what a dry run prints and a real run
writes (``write``): nothing is written before everything is planned and checked, and a write
that fails is undone.
"""

from __future__ import annotations

import contextlib
import difflib
import itertools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

from budgetcli.core.diagnostics import Problem, Said, Severity, said
from budgetcli.core.domain import Budget, LoadedProposal, Meta
from budgetcli.core.errors import UsageError, shown
from budgetcli.core.imported import Outcome
from budgetcli.core.lazyclasses import dataclass, field
from budgetcli.core.slugs import unique_ids
from budgetcli.folder.areasfile import NewArea, areas_with, can_add_areas
from budgetcli.folder.listing import (
    AREAS_FILE,
    MAX_YAML_BYTES,
    PROPOSALS_DIR,
    DataFile,
    Folder,
    read_regular,
    stem_of,
)
from budgetcli.folder.proposalfile import proposal_text
from budgetcli.folder.writing import NotWritten, remove_stale_temporaries, write_all
from budgetcli.word import danish, template
from budgetcli.word.cleaning import clean_fields
from budgetcli.word.draft import Draft
from budgetcli.word.rows import Unreadable, docx_rows, text_rows

#: the documents import reads, by suffix
READERS = {".docx": docx_rows, ".txt": text_rows}


@dataclass(frozen=True)
class Options:
    """What the command line asks of an import: replace files that are there (``force``),
    add the areas areas.yaml lacks (``add_areas``), the unit of tables that state none."""

    force: bool = False
    add_areas: bool = False
    unit: int | None = None


#: the first words of every file import writes
MARK = "Imported by budgetcli import:"


@dataclass
class Planned:
    """A proposal read from a page: its file (relative to the data folder), its fields and
    text, the page, and whether its file is there already (an earlier import of the page:
    ``--force`` replaces it)."""

    relpath: str
    fields: dict[str, Any]
    draft: Draft
    text: str
    exists: bool
    #: the file's bytes when the plan was made (it is replaced only if it still has them)
    before: bytes = b""

    def written(self, force: bool) -> bool:
        """Whether the file is written: it is not there, or ``force`` replaces it."""
        return not self.exists or force


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
    #: areas.yaml's bytes when the plan was made: it is replaced only if it still has them
    areas_before: bytes = b""

    def written(self, force: bool) -> list[Planned]:
        return [p for p in self.proposals if p.written(force)]


#: how a data set is checked as ``validate`` checks it (``store.load.compute``: files may not
#: import the store; the command hands it in)
Check = Callable[[list[DataFile]], list[Problem]]


def plan(
    documents: list[tuple[str, bytes]],
    folder: Folder,
    budget_value: Budget,
    options: Options,
    check: Check,
) -> Plan:
    """What importing ``documents`` (name, bytes) into the data folder (``budget_value``: as
    it is now) would do, checked by ``check``."""
    meta = budget_value.meta
    unit = danish.budget_unit(meta.unit)
    if unit is None:
        raise UsageError(
            said(
                "areas.yaml's unit '{unit}' is not one import converts into: use 1000 DKK, "
                "DKK or 1000000 DKK",
                unit=meta.unit,
            )
        )
    budget = template.Budget(meta.years, [a.code for a in meta.areas], unit, options.unit)
    problems, drafts = _read_documents(documents, budget)
    existing = {
        stem_of(relpath): relpath
        for relpath, _ in folder.listing
        if relpath.startswith(f"{PROPOSALS_DIR}/")
    }
    areas_text = next(iter(folder.read([AREAS_FILE]))).data or b""
    areas_path = folder.path / AREAS_FILE
    new_areas = _new_areas(drafts, meta, options, areas_text.decode("utf-8", "replace"), areas_path)
    _refuse_repeats(drafts)
    planned = _planned(drafts, existing, sources(budget_value.proposals))
    result = Plan(planned, [], new_areas, problems=problems, areas_before=areas_text)
    there = {
        f.relpath: f.data or b"" for f in folder.read([p.relpath for p in planned if p.exists])
    }
    for p in planned:
        p.before = there.get(p.relpath, b"")
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
        if isinstance(rows, Unreadable):
            problems.append(Problem(name, 0, 0, Severity.ERROR, "io", rows.reason, rows.why))
            continue
        pages = template.pages(rows)
        if not pages:
            message = said("no page 'Rådighedsforslag til budget …' in the document")
            problems.append(_problem(name, 0, 0, message))
        elif (row := template.stray_title(rows[: rows.index(pages[0][0])])) is not None:
            message = said(
                "{where}: a proposal's title before the first page's heading: its heading is "
                "missing, or is one import does not know ('… til budget 2024-2027')",
                where=row.where,
            )
            problems.append(_problem(name, row.line, 1, message))
        read = [
            template.read_page(rows_of_page, name, n, budget)
            for n, rows_of_page in enumerate(pages, 1)
        ]
        _untitled_pages_go_with_the_one_before(read)
        for draft in read:
            clean_fields(draft)
        drafts += read
    return problems, drafts


def _problem(name: str, line: int, col: int, message: Said) -> Problem:
    """An error of a document as a whole (not of one of its pages), said in the reader's
    language."""
    return Problem(name, line, col, Severity.ERROR, "import", message.english, message)


def _untitled_pages_go_with_the_one_before(drafts: list[Draft]) -> None:
    """A page with no title after another may be that page's rest (its heading written
    again): the page before is refused with it, for its rows after the heading were not
    read as its own."""
    for before, page in itertools.pairwise(drafts):
        if "title" not in page.fields:
            before.report(
                None,
                said(
                    "page {page} after it has no title: if it is this page's rest (its heading "
                    "written again), write '(fortsat)' after that heading, or take it out",
                    page=page.page,
                ),
            )


def _refuse_repeats(drafts: list[Draft]) -> None:
    """A page that states the same proposal as one before it in this import (a document and
    its Word text, or one named twice) is refused: it would be counted twice."""
    seen: dict[str, Draft] = {}
    for draft in drafts:
        if draft.refused or "title" not in draft.fields:
            continue
        same = repr(_stated(draft.fields))
        if (first := seen.setdefault(same, draft)) is not draft:
            draft.report(
                None,
                said(
                    "the same proposal as {document}, page {page} (its title, areas and "
                    "figures): a page is imported once; give each document once",
                    document=first.document,
                    page=first.page,
                ),
            )


def _stated(fields: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """A page's proposal as it is compared with another's: its fields but the description, an
    empty one as none (an empty row "Beløb udenfor servicerammen" states nothing)."""

    def kept(value: Any) -> Any:
        if isinstance(value, Mapping):
            return sorted((k, kept(v)) for k, v in value.items() if v not in ({}, [], None))
        return repr(value)

    return [
        (k, kept(v))
        for k, v in sorted(fields.items())
        if k != "description" and v not in ({}, [], None)
    ]


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def _new_areas(
    drafts: list[Draft], meta: Meta, options: Options, areas_text: str, path: Path
) -> list[NewArea]:
    """The areas the pages name that areas.yaml lacks, with what each page says of it; a page
    naming one is refused unless ``--add-areas`` adds it (and can: ``_fixed``)."""
    known = [a.code for a in meta.areas]
    addable = _fixed(areas_text, path)
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


def _fixed(areas_text: str, path: Path) -> Said | None:
    """Why ``--add-areas`` cannot add to areas.yaml (its text, its path), or ``None``: its
    areas: list is not written one item a line, or the file is a symbolic link (shared with
    another folder: writing would break the link) or read-only."""
    if not can_add_areas(areas_text):
        return said("its areas: list is not written one item a line (- code: …)")
    if path.is_symlink():
        return said("it is a symbolic link (import does not write through one)")
    with contextlib.suppress(OSError):
        if not path.stat().st_mode & 0o222:
            return said("it is read-only")
    return None


def _why_not_added(
    code: str, draft: Draft, options: Options, fixed: Said | None, known: list[str]
) -> Said | None:
    """Why a page's area that areas.yaml lacks is not added (and the page refused), or
    ``None`` if it is."""
    if not options.add_areas:
        return _not_in_areas(code, difflib.get_close_matches(code, known, n=1, cutoff=0.6), fixed)
    if fixed is not None:
        return said(
            "area {code} is not in areas.yaml, and --add-areas cannot add it there: {why}; add "
            "the area by hand",
            code=code,
            why=fixed,
        )
    if not draft.fields.get("committee"):
        return said(
            "area {code} is not in areas.yaml, and the page names no committee (Fagudvalg) to "
            "add it with",
            code=code,
        )
    return None


def _not_in_areas(code: str, close: list[str], fixed: Said | None) -> Said:
    """Why a page is refused for an area areas.yaml lacks, without ``--add-areas``: what it
    may have meant (``close``), and how to add it (``fixed``: why --add-areas cannot)."""
    if fixed is None and close:
        return said(
            "area {code} is not in areas.yaml: did you mean {close}? run the import again with "
            "--add-areas to add it, then the page is imported",
            code=code,
            close=close[0],
        )
    if fixed is None:
        return said(
            "area {code} is not in areas.yaml: run the import again with --add-areas to add it, "
            "then the page is imported",
            code=code,
        )
    if close:
        return said(
            "area {code} is not in areas.yaml: did you mean {close}? add it to areas.yaml, then "
            "the page is imported",
            code=code,
            close=close[0],
        )
    return said(
        "area {code} is not in areas.yaml: add it to areas.yaml, then the page is imported",
        code=code,
    )


def _planned(
    drafts: list[Draft], existing: dict[str, str], sources: Mapping[tuple[str, int], str]
) -> list[Planned]:
    """Each page's file: the file an earlier import wrote of that page (by its document's name
    and its page: ``sources``), else a new one, its id made from its title so that it is no
    file's that is there (a ``.yml`` too, in any case) nor an earlier page's; its text (a page
    whose file would be over the size a proposal file may have is refused). Every titled page
    counts, refused or not, so that a page's id does not change when another is refused."""
    titled = [d for d in drafts if "title" in d.fields]
    fresh = iter(
        unique_ids(
            (d.fields["title"] for d in titled if _source(d) not in sources),
            taken={stem.casefold() for stem in existing},
        )
    )
    out = []
    for draft in titled:
        pid = sources[_source(draft)] if _source(draft) in sources else next(fresh)
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
                said(
                    "its file would be over the {most} bytes a proposal file may have: shorten "
                    "the description",
                    most=MAX_YAML_BYTES,
                ),
            )
            continue
        relpath = existing.get(pid, f"{PROPOSALS_DIR}/{pid}.yaml")
        out.append(Planned(relpath, fields, draft, text, pid in existing))
    return out


def _source(draft: Draft) -> tuple[str, int]:
    """A page as the files an import wrote name it: its document's name, without the folder
    (the same document imported from another folder is the same), and its page."""
    return PurePath(draft.document).name, draft.page


def sources(proposals: Sequence[LoadedProposal]) -> dict[tuple[str, int], str]:
    """The pages the data folder's proposals were imported from (their ``source``), each with
    the proposal's file's stem."""
    return {
        (PurePath(lp.proposal.source.document).name, lp.proposal.source.page): lp.stem
        for lp in proposals
        if lp.proposal.source is not None
    }


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
        if result.areas_text is not None and _areas_broken(found, folder, result):
            continue
        if not failing:
            break
        for path in failing:
            draft = named[path].draft
            for problem in (p for p in found if p.path == path and p.is_error):
                draft.report(
                    None,
                    said(
                        "its file would not validate: {message} [{rule}]",
                        message=problem.said or problem.message,
                        rule=problem.rule,
                    ),
                )
        result.proposals = [p for p in result.proposals if not p.draft.refused]
    result.refused = [d for d in drafts if d.refused]
    result.problems += [p for d in drafts for p in d.problems] + found
    return result


def _areas_broken(found: list[Problem], folder: Folder, result: Plan) -> bool:
    """Whether areas.yaml with the plan's areas added has an error; if so, the pages that add
    one are refused (areas.yaml is never written broken)."""
    errors = [p for p in found if p.is_error and p.path == _name(folder, AREAS_FILE)]
    if not errors:
        return False
    codes = {a.code for a in added_areas(result)}
    for planned in result.proposals:
        if codes & set(planned.fields.get("areas", [])):
            planned.draft.report(
                None,
                said(
                    "areas.yaml with its area added would not validate: {message} [{rule}]; add "
                    "the area by hand",
                    message=errors[0].said or errors[0].message,
                    rule=errors[0].rule,
                ),
            )
    result.proposals = [p for p in result.proposals if not p.draft.refused]
    return True


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
    why = KEPT.english if done == "kept" else ""
    name = _name(folder, p.relpath)
    title = p.fields.get("title", "")
    return Outcome(name, p.fields["id"], p.draft.document, p.draft.page, title, done, p.text, why)


#: why a page's file is kept: ``Outcome.why`` is its English, which ``text.importing`` says in
#: the reader's language (the English is the catalogue's msgid)
KEPT = said("an earlier import of the page wrote it (--force replaces it)")


def added_areas(result: Plan) -> Sequence[NewArea]:
    """The areas the import adds to areas.yaml: those of the pages it writes."""
    needed = {code for p in result.proposals for code in p.fields.get("areas", [])}
    return [a for a in result.new_areas if a.code in needed]


def write(result: Plan, data_dir: Path, force: bool) -> None:
    """The plan's files written into the data folder: areas.yaml first (an area it adds and no
    file names is harmless), then every proposal file; all or none (``writing.NotWritten``
    says what failed). Each file must still be as it was when the plan was made (a new one not
    there, one replaced with the same bytes), or nothing is written: another import, or a
    hand, changed the folder meanwhile. Temporary files an interrupted import left are removed
    first."""
    for folder in (data_dir, data_dir / PROPOSALS_DIR):
        remove_stale_temporaries(folder)
    files: list[tuple[Path, bytes, bytes | None]] = []
    if result.areas_text is not None:
        files.append(
            (data_dir / AREAS_FILE, result.areas_text.encode("utf-8"), result.areas_before)
        )
    files += [
        (data_dir / p.relpath, p.text.encode("utf-8"), p.before if p.exists else None)
        for p in result.written(force)
    ]
    write_all(files)


#: the most bytes of a document import reads: a .docx of a 300-page catalogue with pictures
#: is some tens of MB; Word's text of it, a few
MAX_DOCUMENT_BYTES = {".docx": 128 << 20, ".txt": 16 << 20}


def read_document(path: Path) -> bytes | Said:
    """A document's bytes, or why they cannot be read (not a regular file, too large)."""
    return read_regular(path, MAX_DOCUMENT_BYTES.get(_suffix(path.name), 16 << 20))


def read_documents(paths: list[Path]) -> list[tuple[str, bytes]]:
    """Each document named on the command line, read (its name as messages say it, its
    bytes); ``UsageError`` for a kind of file import does not read, one that is not there, or
    one too large to be a proposal document."""
    out = []
    for path in paths:
        if path.suffix.lower() not in READERS:
            kind = path.suffix or said("a file without a suffix")
            raise UsageError(
                said(
                    "{path}: import reads .docx and .txt (Word's plain text), not {kind}",
                    path=shown(str(path)),
                    kind=kind,
                )
            )
        found = read_document(path)
        if isinstance(found, Said):
            raise UsageError(said("cannot read {path}: {why}", path=shown(str(path)), why=found))
        out.append((shown(str(path)), found))
    return out


def unit_option(text: str | None) -> int | None:
    """``--unit`` as a power of ten of kroner (``None``: not given; ``UsageError`` if it is no
    unit)."""
    if text is None:
        return None
    found = danish.named_unit(text)
    if found is None:
        raise UsageError(
            said(
                "--unit {unit} is not a unit: give 1000 (t.kr.), 1 (kr.) or 1000000 (mio. kr.)",
                unit=shown(text),
            )
        )
    return found


def write_or_refuse(result: Plan, data_dir: Path, force: bool) -> None:
    """``write``, or ``UsageError`` (exit 2) saying what could not be written: nothing was."""
    try:
        write(result, data_dir, force)
    except NotWritten as exc:
        where, why = shown(str(exc.path)), exc.reason
        if exc.left:
            left = ", ".join(map(str, exc.left))
            raise UsageError(
                said(
                    "cannot write {path}: {why}: nothing was imported; {left} could not be undone",
                    path=where,
                    why=why,
                    left=left,
                )
            ) from None
        raise UsageError(
            said("cannot write {path}: {why}: nothing was imported", path=where, why=why)
        ) from None
