"""``budgetcli show``: one proposal, laid out like the document's page."""

from typing import Annotated

import typer

from budgetcli.cli import options, wiring

SHORT_HELP = "One proposal, laid out like the document's page."


def show(
    proposal_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The proposal's id (its file name).",
            autocompletion=options.proposal_ids,
        ),
    ],
    data: options.DataOption = None,
    output: Annotated[
        options.OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="table (the page), json (the file's data), csv (its figures a year),"
            " csv-excel-da (the same for Danish Excel) or markdown.",
        ),
    ] = options.OutputFormat.table,
    numbers: options.NumbersOption = None,
    prices: options.PricesOption = None,
    cache: options.CacheOption = True,
    lang: options.LangOption = None,
) -> None:
    """One proposal laid out like the document's page: figures per year, staffing,
    components, allocations, notes and description.

    Example:

    \b
        budgetcli show plejecenter-sygefravaer
    """
    from budgetcli.core.calc import figures_by_year
    from budgetcli.core.errors import not_found
    from budgetcli.text.page import SHOW, Shown

    with wiring.errors(lang):
        valid = wiring.valid(data, cache)
        found = {pid: i for i, pid in enumerate(valid.catalogue.each_id())}  # the last of an id
        if proposal_id not in found:
            raise not_found("proposal", proposal_id, list(found))
        p, meta = valid.proposal(found[proposal_id], prices)  # only it is read
        shown = Shown(p, figures_by_year(p, meta.years), meta)
    wiring.emit(output, SHOW, shown, numbers, lang)
