"""``budgetcli import``: proposals read from Word (.docx, or its plain text) into the data
folder, planned and checked in memory first, then written all or nothing."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from budgetcli.cli import options, wiring

if TYPE_CHECKING:
    from budgetcli.core.diagnostics import Problem
    from budgetcli.core.imported import Outcome

SHORT_HELP = "Read proposals from Word: .docx, or its plain text."


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


AddAreasOption = Annotated[
    bool,
    typer.Option("--add-areas", help="Add area codes areas.yaml lacks (as the pages state them)."),
]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        help="The unit of economic tables that state none: 1000 (or t.kr.), 1 (kr.), 1000000"
        " (mio. kr.).",
        show_default=False,
    ),
]


def import_(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help=".docx, or .txt as Word saves plain text."),
    ],
    to: Annotated[
        Path | None,
        typer.Option("--to", help="The data folder to write into [default: found as for --data]."),
    ] = None,
    dry_run: Annotated[
        bool, options.flag("--dry-run", "Print what would be written; write nothing.")
    ] = False,
    force: Annotated[
        bool, options.flag("--force", "Replace a proposal file an earlier import wrote.")
    ] = False,
    add_areas: AddAreasOption = False,
    unit: UnitOption = None,
    output: Annotated[
        ImportFormat, typer.Option("--format", "-f", help="text, or json.")
    ] = ImportFormat.text,
    lang: options.LangOption = None,
) -> None:
    """Read the proposal template ("Rådighedsforslag til budget …") from Word
    documents into proposal files, one a page, and check the result as validate
    does.

    Every figure is read exactly, in the unit its table states (converted into the
    budget's), or the page is refused: a page with any error writes nothing, and
    the report says which page, which row and what to fix; the other pages are
    written. Ids are made from the titles; each file keeps its source (document
    and page). Everything is planned and checked in memory first; --dry-run
    prints it and writes nothing. A file that is there is kept unless --force,
    which replaces only a file an import wrote. Exit 0; 1 when a page was
    refused, a file kept or a check fails; 2 for a usage error or a folder that
    cannot be written (then nothing is written).

    Examples:

    \b
        budgetcli import forslag.docx --dry-run
        budgetcli import forslag.docx bilag.txt --to data --add-areas --format json
        budgetcli import forslag.docx --unit mio.kr. --force
    """
    from budgetcli.folder.listing import list_folder
    from budgetcli.store.load import compute  # checks as validate does: word has no store
    from budgetcli.word import importing

    with wiring.errors(lang):
        folder = wiring.data_dir(to)
        budget = wiring.valid(folder, use_cache=False).budget
        options = importing.Options(force, add_areas, importing.unit_option(unit))
        listed = list_folder(folder)
        documents = importing.read_documents(files)
        planned = importing.plan(documents, listed, budget, options, lambda f: compute(f).problems)
        if not dry_run:
            importing.write_or_refuse(planned, folder, force)
    done = importing.outcomes(planned, listed, force, dry_run)
    _report(done, planned.problems, output, dry_run, lang)


def _report(
    outcomes: list["Outcome"],
    problems: list["Problem"],
    output: ImportFormat,
    dry_run: bool,
    lang: options.Lang | None,
) -> None:
    """An import's report (the count on stderr, after it); exit 1 when a page was refused,
    a file kept, or a check fails."""
    from budgetcli.text.importing import import_count, import_json, import_text

    reading = wiring.reading(lang)
    if output is ImportFormat.json:
        wiring.out(import_json(outcomes, problems, dry_run))
    else:
        wiring.out(import_text(outcomes, problems, dry_run, reading))
        wiring.say(import_count(outcomes, problems, dry_run, reading) + "\n")
    kept = any(o.done == "kept" for o in outcomes)
    wiring.exit_if(any(p.is_error for p in problems) or kept)
