"""``budgetcli report``: the catalogue as a static web site."""

from pathlib import Path
from typing import Annotated

import typer

from budgetcli.cli import options, publishing, wiring

SHORT_HELP = "The catalogue as a static web site, for the council and the public."


def report(
    out: Annotated[Path, typer.Option("--output", "-o", help="The folder to write.")],
    data: options.DataOption = None,
    status: options.StatusOption = None,
    prices: options.PricesOption = None,
    force: Annotated[
        bool, options.flag("--force", "Replace the folder if it is empty or one report wrote.")
    ] = False,
    lang: options.LangOption = None,
) -> None:
    """Write the catalogue as static HTML: an overview (the summary per year and area,
    the frame position, charts), a page per proposal laid out like the template's,
    and an index of them to sort and filter. It opens without a network, reads on a
    phone, and prints one proposal a page. Written into a new folder and then put in
    place, so nothing half-written is left. A folder that is there is replaced only
    with --force, and only if it is empty or one report wrote (it leaves
    .budgetcli-report in it): never the data folder, the current or home folder, or
    one that holds them. Invalid data: exit 1; an output that cannot be written or
    replaced: exit 2, nothing changed.

    Example:

    \b
        budgetcli report -o site
    """
    from budgetcli.core.errors import shown
    from budgetcli.folder.outputs import folder_refusal, write_report_streamed
    from budgetcli.publish.site import site_files

    with wiring.errors(lang):
        folder = wiring.data_dir(data)
        publishing.refuse(folder_refusal(out, force, folder))
        files = site_files(publishing.published(folder, status, prices, lang))
        count = publishing.write_output(lambda: write_report_streamed(out, files), out, lang)
    said = wiring.language(lang).gettext("wrote {path} ({count} files)")
    wiring.out(said.format(path=f"{shown(str(out))}/index.html", count=count) + "\n")
