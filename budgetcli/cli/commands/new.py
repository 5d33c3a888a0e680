"""``budgetcli new``: a proposal file started from a template, every field there, commented."""

from typing import Annotated

import typer

from budgetcli.cli import options, wiring
from budgetcli.core.vocab import ProposalKind

SHORT_HELP = "Start a proposal file: every field there, commented."


def new(
    proposal_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new proposal's id (its file name).")
    ],
    area: Annotated[
        list[str],
        typer.Option("--area", "-a", help="Its budget area's code (repeatable)."),
    ],
    kind: Annotated[
        ProposalKind, typer.Option("--kind", "-k", help="What kind of proposal it is.")
    ] = ProposalKind.REDUCTION,
    data: options.DataOption = None,
    lang: options.LangOption = None,
) -> None:
    """Write proposals/ID.yaml from a template: every field of the format, each
    commented in Danish and English, the committee and the area's budget filled in
    from areas.yaml and the budget's years as keys. It validates, with warnings
    [to-fill-in] for what is still to write. An id that is taken, or an area not in
    areas.yaml, is refused (exit 2).

    Example:

    \b
        budgetcli new kortere-aabningstid --area B60.30.10
    """
    from budgetcli.core.newproposal import prefilled
    from budgetcli.folder.listing import display_path
    from budgetcli.folder.proposalfile import template_text, write_new

    with wiring.errors(lang):
        folder = wiring.data_dir(data)
        meta = wiring.valid(folder, use_cache=True).meta
        filled = prefilled(meta, area)
        text = template_text(
            proposal_id, area, filled.committee, filled.area_budget, meta.years, kind.value
        )
        path = write_new(folder, proposal_id, text)
    wiring.out(wiring.language(lang).gettext("wrote {path}").format(path=display_path(path)) + "\n")
