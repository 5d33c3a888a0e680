"""``budgetcli forecast``: an area's forecast for the year against its budget."""

from typing import TYPE_CHECKING, Annotated

import typer

from budgetcli.cli import options, wiring

if TYPE_CHECKING:
    from budgetcli.core.domain import Budget

SHORT_HELP = "An area's forecast for the year against its budget."


def forecast(
    forecast_id: Annotated[
        str | None,
        options.optional_argument(
            "[ID]", "A forecast's id [default: every forecast].", options.forecast_ids
        ),
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario", help="A scenario of the file (low, high …) instead of the base case."
        ),
    ] = None,
    inflow: Annotated[
        str | None,
        typer.Option("--inflow", metavar="N..M", help="Expected inflow, as a range of counts."),
    ] = None,
    average_cost: Annotated[
        str | None,
        typer.Option(
            "--average-cost",
            metavar="KR..KR",
            help="The inflow's average annual cost in kr., a range.",
        ),
    ] = None,
    data: options.DataOption = None,
    output: options.FormatOption = options.OutputFormat.table,
    numbers: options.NumbersOption = None,
    cache: options.CacheOption = True,
    lang: options.LangOption = None,
) -> None:
    """An area's forecast for the year against its budget: per line the forecast, the
    budget and the overspend (merforbrug), the overspend inside the service frame and
    the overspend in total after the state refusion, which lies outside the frame.

    Lines marked * are computed from the forecast's case register (cost pro rata by
    days, inflow and outflow, refusion per case by rules/refusion.yaml). Scenarios of
    the file, or --inflow/--average-cost ranges, are shown beside the base case.

    Examples:

    \b
        budgetcli forecast voksenspecialiseret-2024
        budgetcli forecast eksempel-sagsregister-2024 --scenario high
        budgetcli forecast eksempel-sagsregister-2024 --inflow 9..17 --average-cost 500000..850000
    """
    from budgetcli.core.scenarios import runs
    from budgetcli.text.forecast import FORECASTS

    with wiring.errors(lang):
        folder = wiring.data_dir(data)
        context = wiring.valid(folder, cache).context  # forecasts and rules: no proposal read
        results = runs(context, forecast_id, scenario, inflow, average_cost, str(folder))
    wiring.emit(output, FORECASTS, results, numbers, lang)
    if inflow is not None or average_cost is not None:
        wiring.say(_no_effect(context, [r.id for r, _ in results], inflow, average_cost, lang))


def _no_effect(
    context: "Budget",
    shown: list[str],
    inflow: str | None,
    average_cost: str | None,
    lang: options.Lang | None,
) -> str:
    """A note for each forecast shown that the ranges cannot change (no line computed from
    an inflow of cases): it is shown without them, and the note says why."""
    from budgetcli.core.scenarios import moved_by_ranges
    from budgetcli.text.i18n import N_

    if inflow is not None and average_cost is not None:
        message = N_(
            "--inflow and --average-cost have no effect on {forecast}: it has no line computed"
            " from an inflow of cases"
        )
    else:
        message = N_(
            "{option} has no effect on {forecast}: it has no line computed from an inflow of cases"
        )
    option = "--inflow" if inflow is not None else "--average-cost"
    found = {lf.forecast.id: lf.forecast for lf in context.forecasts}
    return "".join(
        f"budgetcli: note: {wiring.translated(message, lang).format(option=option, forecast=i)}\n"
        for i in shown
        if not moved_by_ranges(found[i])
    )
