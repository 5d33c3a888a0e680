"""``budgetcli diff``: what changed between two versions, data folders or git revisions."""

from pathlib import Path
from typing import Annotated

import typer

from budgetcli.cli import options, wiring
from budgetcli.core.vocab import GroupBy, Status

SHORT_HELP = "What changed between two versions: folders or git revisions."

DiffDataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar="BUDGETCLI_DATA",
        help="The data folder; for a revision, the folder inside the repository, relative"
        " to where you stand [default: found as for the other commands; for a revision,"
        " that folder's place in the repository, or data at its top]",
        show_default=False,
    ),
]
FollowupOption = Annotated[
    bool,
    options.flag("--followup", "OLD and NEW are two follow-ups of the --data folder (BO2 BO3)."),
]


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="A data folder or a git revision.")],
    new: Annotated[
        str | None,
        options.optional_argument(
            "[NEW]",
            "A data folder or a git revision [default: the --data folder as it is now].",
        ),
    ] = None,
    data: DiffDataOption = None,
    by: Annotated[
        GroupBy, typer.Option("--by", "-b", help="Group the totals by this.")
    ] = GroupBy.AREA,
    status: Annotated[list[Status] | None, options.status_option(options.DIFF_STATUS_HELP)] = None,
    output: options.FormatOption = options.OutputFormat.table,
    numbers: options.NumbersOption = None,
    exit_code: Annotated[
        bool, options.flag("--exit-code", "Exit 1 when there are differences (as git diff).")
    ] = False,
    prices: options.PricesOption = None,
    followup: FollowupOption = False,
    cache: options.CacheOption = True,
    lang: options.LangOption = None,
) -> None:
    """What changed between two versions of the budget: proposals added, removed,
    renamed and changed, and the totals per group and year, old → new (delta).

    Each side is a data folder or a git revision (a commit, HEAD~1, a tag, a
    branch), read from git's objects without touching the work tree; with one
    side, it is compared with the --data folder as it is now. Two versions in
    different prices are not compared as they stand: --prices YEAR restates each
    in that year's prices (by its own rules/prices.yaml). Exit 0 (1 with
    --exit-code when something differs); invalid data on either side: the
    diagnostics and exit 1; no such folder or revision, or other prices: exit 2.
    With --followup, OLD and NEW are two follow-ups of the --data folder: the rows
    and the proposals' realisation that moved.

    Examples:

    \b
        budgetcli diff HEAD~1 HEAD
        budgetcli diff budget-juni/ data/ --format json
        budgetcli diff v2024-forlig --exit-code
        budgetcli diff 2024-bo2 2024-bo3 --followup
    """
    if followup:
        unused = _unused(prices, status, by)
        return _followups(old, new, data, unused, output, numbers, exit_code, cache, lang)
    from budgetcli.store.versions import compared
    from budgetcli.text.diff import DIFF

    with wiring.errors(lang):
        folder, statuses = wiring.data_dir(data), wiring.statuses(status)
        result = compared(old, new, data, folder, by, statuses, cache, prices)
    wiring.emit(output, DIFF, result, numbers, lang)
    wiring.exit_if(exit_code and result.has_differences)


def _unused(prices: int | None, status: list[Status] | None, by: GroupBy) -> list[str]:
    """The options of diff given that --followup does not follow (refused with it)."""
    given = {"--prices": prices is not None, "--status": bool(status), "--by": by != GroupBy.AREA}
    return [name for name, there in given.items() if there]


def _followups(
    old: str,
    new: str | None,
    data: Path | None,
    unused: list[str],
    output: options.OutputFormat,
    numbers: options.Numbers | None,
    exit_code: bool,
    cache: bool,
    lang: options.Lang | None,
) -> None:
    """``diff OLD NEW --followup``: two follow-ups of the data folder compared."""
    from budgetcli.store.followups import compared_followups
    from budgetcli.text.followupdiff import FOLLOWUP_DIFF

    with wiring.errors(lang):
        folder = wiring.data_dir(data)
        result = compared_followups(wiring.valid(folder, cache), folder, old, new, unused)
    wiring.emit(output, FOLLOWUP_DIFF, result, numbers, lang)
    wiring.exit_if(exit_code and result.has_differences)
