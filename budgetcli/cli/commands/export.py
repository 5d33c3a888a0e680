"""``budgetcli export``: the budget as an Excel workbook or an SQLite database."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from budgetcli.cli import options, publishing, wiring

SHORT_HELP = "The budget as an Excel workbook or an SQLite database."


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    sqlite = "sqlite"


def export(
    output: Annotated[ExportFormat, typer.Option("--format", "-f", help="xlsx (Excel) or sqlite.")],
    out: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    data: options.DataOption = None,
    status: options.StatusOption = None,
    prices: options.PricesOption = None,
    force: Annotated[
        bool,
        options.flag("--force", "Replace the file if it is there (a regular file, never a link)."),
    ] = False,
    lang: options.LangOption = None,
) -> None:
    """Write the budget as an Excel workbook laid out as the budget documents (per
    committee its areas, the years as columns, subtotals and the total; the frames;
    the proposals, components and allocations as Excel tables), in the budget's
    language, or as an SQLite database (areas, proposals, amounts, components, allocations,
    staffing, views of the summary), written atomically; a regular file that is there
    is replaced only with --force, a link, a folder, a device or a file of the data
    folder never. Invalid data: the diagnostics and exit 1, nothing written; an
    output that cannot be written: exit 2, nothing changed.

    Examples:

    \b
        budgetcli export --format xlsx -o budget.xlsx
        budgetcli export --format sqlite -o budget.db --force
    """
    from budgetcli.core.errors import shown
    from budgetcli.folder.outputs import file_refusal, write_file

    with wiring.errors(lang):
        folder = wiring.data_dir(data)
        publishing.refuse(file_refusal(out, force, folder))
        published = publishing.published(folder, status, prices, lang)
        if output is ExportFormat.xlsx:
            from budgetcli.publish.xlsx import workbook

            content = workbook(published)
        else:
            from budgetcli.publish.sqlite import database

            content = database(published)
        publishing.write_output(lambda: write_file(out, content), out, lang)
    said = wiring.language(lang).gettext("wrote {path}")
    wiring.out(said.format(path=shown(str(out))) + "\n")
