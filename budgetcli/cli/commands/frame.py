"""``budgetcli frame``: the budget against the service and construction frames, per year."""

from typing import Annotated

from budgetcli.cli import options, wiring

SHORT_HELP = "The budget against the service and construction frames, per year."


def frame(
    year: options.YearArgument = None,
    status: options.StatusOption = None,
    data: options.DataOption = None,
    output: options.FormatOption = options.OutputFormat.table,
    numbers: options.NumbersOption = None,
    exit_code: Annotated[
        bool,
        options.flag(
            "--exit-code", "Exit 1 when a year is over a frame (every proposal counted adopted)."
        ),
    ] = False,
    prices: options.PricesOption = None,
    cache: options.CacheOption = True,
    lang: options.LangOption = None,
) -> None:
    """The frame position: per year, for the service frame and the construction
    frame of areas.yaml, the frame, the budget before the proposals (baseline), the
    change the adopted and realized proposals make inside it, the budget after and
    the deviation (positive = over the frame); then the same if every proposed
    proposal is adopted. Inside the service frame counts toward the service frame,
    construction toward the construction frame.

    Exit 0; with --exit-code, 1 when any year is over a frame; invalid data: the
    diagnostics and exit 1; no frames in areas.yaml: exit 2.

    Examples:

    \b
        budgetcli frame --data examples/ishoej-2026-2029
        budgetcli frame 2026 --data examples/ishoej-2026-2029 --status adopted --format csv
    """
    from budgetcli.core.calc import status_sums
    from budgetcli.core.frames import frame_report
    from budgetcli.text.frame import FRAME

    with wiring.errors(lang):
        valid = wiring.valid(data, cache)
        meta, sums, statuses = valid.meta, valid.sums, wiring.statuses(status)
        years = wiring.years(meta, year, lang)
        if prices is not None:
            restated = valid.in_prices(prices, statuses=statuses)
            meta, sums = restated.meta, status_sums(restated.lines)
        report = frame_report(meta, sums, statuses, years)
    wiring.emit(output, FRAME, report, numbers, lang)
    wiring.exit_if(exit_code and report.over)
