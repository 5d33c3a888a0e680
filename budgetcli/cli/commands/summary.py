"""``budgetcli summary``: savings, investments, net and FTE per group and year."""

from typing import Annotated

import typer

from budgetcli.cli import options, wiring
from budgetcli.core.vocab import GroupBy

SHORT_HELP = "Savings, investments, net and FTE per group and year."


def summary(
    year: options.YearArgument = None,
    by: Annotated[GroupBy, typer.Option("--by", "-b", help="Group rows by this.")] = GroupBy.AREA,
    status: options.StatusOption = None,
    data: options.DataOption = None,
    output: options.FormatOption = options.OutputFormat.table,
    numbers: options.NumbersOption = None,
    prices: options.PricesOption = None,
    budgets: Annotated[
        bool | None,
        typer.Option(
            "--budgets/--no-budgets",
            help="By area: each area's budget, the budget after and the change in % in the"
            " table [default: for one year, in a terminal when the table fits]",
            show_default=False,
        ),
    ] = None,
    cache: options.CacheOption = True,
    lang: options.LangOption = None,
) -> None:
    """Savings, investments, net change, service frame split and FTE per group and year.

    Savings are the saving components (or a negative change without components),
    investments the investment components (or a positive change); net = savings +
    investments = inside + outside the service frame. Construction (capital spending)
    is a column of its own, never part of net. Amounts are in the budget's unit
    (1.000 kr.); negative = lower expense. Invalid data: the diagnostics and exit 1.

    Examples:

    \b
        budgetcli summary 2024
        budgetcli summary --by committee --status adopted --format csv
        budgetcli summary --by kind
        budgetcli summary --prices 2025 --data examples/prices-2024
    """
    from budgetcli.core.calc import summarize_lines
    from budgetcli.core.groups import summary_of
    from budgetcli.text.problems import empty_note, no_status_note, warnings_note
    from budgetcli.text.summary import summary_renderers

    with wiring.errors(lang):
        valid = wiring.valid(data, cache)
        statuses, years = wiring.statuses(status), wiring.years(valid.meta, year, lang)
        if prices is None:  # the sums at hand answer; the lines are read only if they do not
            result = summary_of(valid.meta, lambda: valid.lines, valid.groups, by, statuses, years)
        else:
            restated = valid.in_prices(prices, frames=False, statuses=statuses)
            result = summarize_lines(restated.meta, restated.lines, by, statuses, years)
    wiring.emit(output, summary_renderers(budgets), result, numbers, lang)
    reading, empty = wiring.reading(lang), empty_note(valid.problems, wiring.reading(lang))
    none_of = not result.rows and not empty  # proposals, but none of the statuses
    wiring.say(empty + (no_status_note(statuses, reading.lang) if none_of else ""))
    wiring.say(warnings_note(valid.problems, reading.lang))
