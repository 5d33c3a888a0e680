"""What ``forecast`` runs: the forecasts asked for, each in the scenario asked for, beside the
file's other scenarios or the ``--inflow``/``--average-cost`` ranges (as ``low`` and ``high``).
Pure: a choice that cannot be made is a ``UsageError`` that says why."""

from __future__ import annotations

from budgetcli.core.diagnostics import said
from budgetcli.core.domain import Budget, Forecast, Scenario
from budgetcli.core.errors import UsageError, not_found
from budgetcli.core.forecasting import ForecastResult, run


def runs(
    budget: Budget,
    forecast_id: str | None,
    scenario: str | None,
    inflow: str | None,
    average_cost: str | None,
    folder: str,
) -> list[tuple[ForecastResult, str | None]]:
    """Each forecast chosen (``chosen``), run in ``scenario`` with the ranges given, beside the
    scenario's name; ``folder`` names the data folder in the message if it has no forecasts.
    A forecast the ranges cannot move (``moved_by_ranges``) is run without them: its ``low``
    and ``high`` would be its base case, shown as if they were a range."""
    chosen = chosen_forecasts(budget, forecast_id, scenario, folder)
    ranges = scenario_ranges(inflow, average_cost)
    return [
        (run(f, budget.refusion_rules, scenario, _ranges_of(f, ranges)), scenario) for f in chosen
    ]


def moved_by_ranges(f: Forecast) -> bool:
    """Whether ``--inflow``/``--average-cost`` can change ``f``: it has an inflow of cases and
    a line computed from it (``flow``, ``refusion``)."""
    return f.inflow is not None and any(line.compute in ("flow", "refusion") for line in f.lines)


def _ranges_of(f: Forecast, ranges: dict[str, Scenario] | None) -> dict[str, Scenario] | None:
    return ranges if ranges is None or moved_by_ranges(f) else {}


def chosen_forecasts(
    budget: Budget, forecast_id: str | None, scenario: str | None, folder: str
) -> list[Forecast]:
    """The forecast named (every one, if none is), those of them that have ``scenario``;
    ``UsageError`` if there is none."""
    found = {lf.forecast.id: lf.forecast for lf in budget.forecasts}
    if not found:
        raise UsageError(
            said("{folder} has no forecasts (data/forecasts/<id>.yaml)", folder=folder)
        )
    if forecast_id is not None and forecast_id not in found:
        raise not_found("forecast", forecast_id, list(found))
    chosen = [found[forecast_id]] if forecast_id else list(found.values())
    if scenario not in (None, "base"):
        chosen = [f for f in chosen if scenario in f.scenarios]
        if not chosen:
            raise UsageError(
                said("no forecast has a scenario '{scenario}'", scenario=scenario)
                if forecast_id is None
                else said(
                    "no forecast {id} has a scenario '{scenario}'",
                    id=forecast_id,
                    scenario=scenario,
                )
            )
    return chosen


def scenario_ranges(inflow: str | None, average_cost: str | None) -> dict[str, Scenario] | None:
    """``--inflow`` and ``--average-cost`` as the ``low`` and ``high`` scenarios (``None``:
    neither given)."""
    counts = count_range(inflow, "--inflow")
    costs = count_range(average_cost, "--average-cost", "500000..850000")
    if not (counts or costs):
        return None
    return {
        name: Scenario(counts[i] if counts else None, costs[i] if costs else None)
        for i, name in enumerate(("low", "high"))
    }


def count_range(text: str | None, option: str, example: str = "9..17") -> tuple[int, int] | None:
    """``9..17`` -> (9, 17); ``UsageError`` for anything else (one number is not a range: its
    ``low`` and ``high`` would be one figure shown as if it were uncertain), or a range that
    runs down or below 0."""
    if text is None:
        return None
    low, sep, high = text.partition("..")
    try:
        pair = (int(low), int(high)) if sep else None
    except ValueError:
        pair = None
    if pair is None:
        raise UsageError(
            said(
                "{option} takes a range like {example} (low..high), not '{text}': for {text}"
                " alone, {text}..{text}",
                option=option,
                example=example,
                text=text,
            )
            if not sep and text.isdigit()
            else said(
                "{option} takes a range like {example} (low..high), not '{text}'",
                option=option,
                example=example,
                text=text,
            )
        )
    if pair[0] > pair[1] or pair[0] < 0:
        raise UsageError(
            said(
                "{option}: the range {text} must run from low to high, not below 0",
                option=option,
                text=text,
            )
        )
    return pair
