"""``budgetcli export``: the budget as an Excel workbook or an SQLite database."""

import functools
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from budgetcli.cli import options, publishing, wiring
from budgetcli.core.vocab import Status

SHORT_HELP = "The budget as an Excel workbook, an SQLite database or open data."


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    sqlite = "sqlite"
    fdp = "fdp"


def export(
    output: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="xlsx (Excel), sqlite or fdp (a folder).")
    ],
    out: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write (fdp: the folder).")
    ],
    data: options.DataOption = None,
    status: options.StatusOption = None,
    prices: options.PricesOption = None,
    force: Annotated[
        bool,
        options.flag(
            "--force",
            "Replace the file if it is there (a regular file, never a link); fdp: the folder,"
            " if it is empty or an fdp export wrote it.",
        ),
    ] = False,
    lang: options.LangOption = None,
) -> None:
    """Write the budget as an Excel workbook laid out as the budget documents (per
    committee its areas, the years as columns, subtotals and the total; the frames;
    the proposals, components and allocations as Excel tables), in the budget's
    language, or as an SQLite database (areas, proposals, amounts, components, allocations,
    staffing, views of the summary), written atomically; a regular file that is there
    is replaced only with --force, a link, a folder, a device or a file of the data
    folder never. Or as a Fiscal Data Package (fdp: open budget data, datapackage.json
    and budget.csv), written into a new folder as report writes one. Invalid data: the
    diagnostics and exit 1, nothing written; an output that cannot be written: exit 2,
    nothing changed.

    Examples:

    \b
        budgetcli export --format xlsx -o budget.xlsx
        budgetcli export --format sqlite -o budget.db --force
        budgetcli export --format fdp -o budget-fdp
    """
    from budgetcli.core.errors import shown
    from budgetcli.folder.outputs import file_refusal, write_file, write_file_made

    if output is ExportFormat.fdp:
        return _package(out, data, status, prices, force, lang)
    with wiring.errors(lang):
        folder = wiring.data_dir(data)
        publishing.refuse(file_refusal(out, force, folder))
        published = publishing.published(folder, status, prices, lang)
        if output is ExportFormat.xlsx:
            from budgetcli.publish.xlsx import workbook

            content = workbook(published)
            publishing.write_output(lambda: write_file(out, content), out, lang)
        else:
            from budgetcli.publish.sqlite import database_file

            made = functools.partial(database_file, published)
            publishing.write_output(lambda: write_file_made(out, made), out, lang)
    said = wiring.language(lang).gettext("wrote {path}")
    wiring.out(said.format(path=shown(str(out))) + "\n")


def _package(
    out: Path,
    data: Path | None,
    status: list[Status] | None,
    prices: int | None,
    force: bool,
    lang: options.Lang | None,
) -> None:
    """``export --format fdp``: the Fiscal Data Package's folder, as ``report`` writes its."""
    from budgetcli.core.errors import shown
    from budgetcli.folder.outputs import FDP, folder_refusal, write_report
    from budgetcli.publish import fdp

    with wiring.errors(lang):
        folder = wiring.data_dir(data)
        publishing.refuse(folder_refusal(out, force, folder, FDP))
        published = publishing.published(folder, status, prices, lang)
        refused = fdp.refusal(published)
        publishing.refuse(None if refused is None else wiring.translated(refused, lang))
        files = fdp.package(published)
        publishing.write_output(lambda: write_report(out, files, FDP), out, lang)
    said = wiring.language(lang).gettext("wrote {path} ({count} files)")
    wiring.out(said.format(path=f"{shown(str(out))}/datapackage.json", count=len(files)) + "\n")
