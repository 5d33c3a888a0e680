"""``budgetcli followup``: a budget follow-up (budgetopfølgning) of the year after adoption."""

from typing import Annotated

import typer

from budgetcli.cli import options, wiring

SHORT_HELP = "A budget follow-up: corrected budget, expected accounts, deviations."


def followup(
    name: Annotated[
        str | None,
        options.optional_argument("[NAME]", "A follow-up's id or name [default: the newest]."),
    ] = None,
    by: Annotated[
        str,
        typer.Option(
            "--by", metavar="area|committee", help="One row per area (and frame) or committee."
        ),
    ] = "area",
    data: options.DataOption = None,
    output: options.FormatOption = options.OutputFormat.table,
    numbers: options.NumbersOption = None,
    exit_code: Annotated[
        bool,
        options.flag("--exit-code", "Exit 1 when a deviation is over --threshold."),
    ] = False,
    threshold: Annotated[
        str,
        typer.Option(
            "--threshold",
            metavar="AMOUNT|N%",
            help="With --exit-code: a deviation over this, either way (1000, or 2% of the"
            " corrected budget).",
        ),
    ] = "0",
    cache: options.CacheOption = True,
    lang: options.LangOption = None,
) -> None:
    """A budget follow-up (budgetopfølgning): per area and frame the original
    budget, the year's appropriation changes, the corrected budget, the spending to
    date, the expected accounts and the deviation (positive: overspend,
    merforbrug); totals per frame; the frame position; the adopted proposals'
    realisation; the carry-over each area's rule proposes for next year.

    Exit 0; with --exit-code, 1 when a row's deviation is over --threshold either
    way; invalid data or an export line that cannot be read: exit 1.

    Examples:

    \b
        budgetcli followup 2024-bo2
        budgetcli followup BO3 --by committee --format csv
        budgetcli followup --exit-code --threshold 15000
    """
    from budgetcli.core.followup import over_threshold, threshold_of
    from budgetcli.store.followups import followed_up
    from budgetcli.text.followup import FOLLOWUP, Shown, over_note

    with wiring.errors(lang):
        limit = threshold_of(threshold, by)
        folder = wiring.data_dir(data)
        computed = followed_up(wiring.valid(folder, cache), folder, name)
    wiring.emit(output, FOLLOWUP, Shown(computed, by), numbers, lang)
    over = over_threshold(computed, limit) if exit_code else []
    if over:
        wiring.say(over_note(over, threshold, wiring.reading(lang, numbers)))
    wiring.exit_if(bool(over))
