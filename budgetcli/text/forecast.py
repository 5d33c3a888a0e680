"""Rendering a computed forecast: grids (plain, Markdown, rich), JSON and CSV. Formatting only."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from budgetcli.core.forecasting import ForecastResult, LineResult
from budgetcli.text.blocks import BLANK, Line, Table, View
from budgetcli.text.csvout import PLAIN, Cell, Dialect, csv_table
from budgetcli.text.grid import Grid, markdown_grid, plain_grid
from budgetcli.text.i18n import DEFAULT_READING, N_, Reading
from budgetcli.text.numbers import fmt_amount, unit_label
from budgetcli.text.renderers import Renderers

FRAME = {"inside": N_("inside"), "outside": N_("outside")}


def _cases(line: LineResult, reading: Reading) -> str:
    _ = reading.gettext
    parts = []
    if line.cases_active is not None:
        parts.append(_("{count} active").format(count=line.cases_active))
    if line.cases_in is not None:
        parts.append(_("+{count} in").format(count=line.cases_in))
    if line.cases_out is not None:
        parts.append(_("-{count} out").format(count=line.cases_out))
    return ", ".join(parts)


def title(
    r: ForecastResult, scenario: str | None = None, reading: Reading = DEFAULT_READING
) -> str:
    name = " · " + reading.gettext("scenario {name}").format(name=scenario) if scenario else ""
    return f"{r.title} · {r.year}{name} · {unit_label(r.unit)}"


def forecast_grid(
    r: ForecastResult, reading: Reading = DEFAULT_READING, scenario: str | None = None
) -> Grid:
    _ = reading.gettext
    rows = [
        [
            line.label + (" *" if line.computed else ""),
            _(FRAME[line.service_frame]),
            fmt_amount(line.forecast, reading.danish),
            fmt_amount(line.budget, reading.danish),
            fmt_amount(line.overspend, reading.danish),
            _cases(line, reading),
        ]
        for line in r.lines
    ]
    footer = [
        [
            _("Total"),
            "",
            fmt_amount(r.forecast, reading.danish),
            fmt_amount(r.budget, reading.danish),
            fmt_amount(r.overspend, reading.danish),
            "",
        ],
    ]
    caption = _("overspend = forecast - budget (merforbrug; negative = underspend)")
    if any(line.computed for line in r.lines):
        caption += _("; * computed from the case register")
    columns = [_("Line"), _("Service frame"), _("Forecast"), _("Budget"), _("Overspend")]
    columns.append(_("Cases"))
    return Grid(
        title(r, scenario, reading),
        columns,
        rows,
        footer,
        caption=caption,
        left=2,
        level_columns=frozenset({2, 3, 5}),  # forecast, budget, cases: levels, not changes
    )


def key_figures(r: ForecastResult, reading: Reading = DEFAULT_READING) -> list[str]:
    """The two figures the memo is written around, and what the computation rests on."""
    _, danish = reading.gettext, reading.danish
    out = [
        _("Overspend inside the service frame: {amount}").format(
            amount=fmt_amount(r.overspend_inside, danish)
        ),
        _("Overspend in total, after refusion: {amount}").format(
            amount=fmt_amount(r.overspend, danish)
        ),
    ]
    if r.cases_over is not None:
        level, count = r.cases_over
        line = _("Cases over {level} kr. a year: {count}")
        out.append(line.format(level=fmt_amount(level, danish), count=count))
    if r.rule is not None:
        used = (
            _(" (used for {year}: no rules of {year} given)").format(year=r.year)
            if r.rule.year != r.year
            else ""
        )
        rules = _("Refusion rules: {year}, {level}{used}; source: {source}")
        out.append(
            rules.format(year=r.rule.year, level=r.rule.level, used=used, source=r.rule.source)
        )
    return out


def scenario_runs(
    r: ForecastResult, scenario: str | None = None
) -> list[tuple[str, ForecastResult]]:
    """The one source of the scenarios' rows for every format: each run under its own name,
    the one shown (``scenario``, else ``base``) first, as computed, then the others as ``run``
    gave them. The base case is a row only if it is known: shown, or among ``r.scenarios``."""
    shown = scenario or "base"
    return [(shown, r), *((name, s) for name, s in r.scenarios.items() if name != shown)]


def scenario_grid(
    r: ForecastResult, reading: Reading = DEFAULT_READING, scenario: str | None = None
) -> Grid | None:
    if not r.scenarios:
        return None
    runs = sorted(scenario_runs(r, scenario), key=lambda item: item[1].overspend_inside)
    rows = [
        [
            name,
            fmt_amount(run.forecast, reading.danish),
            fmt_amount(run.overspend_inside, reading.danish),
            fmt_amount(run.overspend, reading.danish),
        ]
        for name, run in runs
    ]
    low, high = runs[0][1], runs[-1][1]
    _, danish = reading.gettext, reading.danish
    caption = _("range inside the frame {low} to {high}; in total {low_total} to {high_total}")
    caption = caption.format(
        low=fmt_amount(low.overspend_inside, danish),
        high=fmt_amount(high.overspend_inside, danish),
        low_total=fmt_amount(low.overspend, danish),
        high_total=fmt_amount(high.overspend, danish),
    )
    columns = [_("Scenario"), _("Forecast"), _("Overspend inside frame"), _("Overspend in total")]
    return Grid(_("Scenarios"), columns, rows, caption=caption, level_columns=frozenset({1}))


def grids(
    r: ForecastResult, reading: Reading = DEFAULT_READING, scenario: str | None = None
) -> list[Grid]:
    out = [forecast_grid(r, reading, scenario)]
    extra = scenario_grid(r, reading, scenario)
    if extra is not None:
        out.append(extra)
    return out


Results = Sequence[tuple[ForecastResult, str | None]]
"""What ``forecast`` prints: each forecast computed, with the scenario shown (``None``: base)."""


def forecasts_plain(results: Results, reading: Reading = DEFAULT_READING) -> str:
    return _forecasts_text(results, reading, plain_grid, "")


def forecasts_markdown(results: Results, reading: Reading = DEFAULT_READING) -> str:
    return _forecasts_text(results, reading, markdown_grid, "- ")


def _forecasts_text(
    results: Results, reading: Reading, drawn: Callable[[Grid], str], bullet: str
) -> str:
    """Each forecast: its grid (``drawn``), the key figures (a line each, after ``bullet``),
    then its scenarios."""
    parts = []
    for r, scenario in results:
        main, *rest = grids(r, reading, scenario)
        text = drawn(main) + "\n" + "".join(f"{bullet}{line}\n" for line in key_figures(r, reading))
        text += "".join("\n" + drawn(g) for g in rest)
        parts.append(text)
    return "\n".join(parts)


def _result_json(r: ForecastResult) -> dict[str, Any]:
    return {
        "id": r.id,
        "title": r.title,
        "year": r.year,
        "unit": r.unit,
        "lines": [
            {
                "label": line.label,
                "service_frame": line.service_frame,
                "computed": line.computed,
                "forecast": line.forecast,
                "budget": line.budget,
                "overspend": line.overspend,
                "cases_in": line.cases_in,
                "cases_out": line.cases_out,
                "cases_active": line.cases_active,
            }
            for line in r.lines
        ],
        "total": {"forecast": r.forecast, "budget": r.budget, "overspend": r.overspend},
        "overspend_inside_service_frame": r.overspend_inside,
        "overspend_outside_service_frame": r.overspend_outside,
        "overspend_total": r.overspend,
        "cases_over": {"level": r.cases_over[0], "count": r.cases_over[1]}
        if r.cases_over
        else None,
        "refusion_rules": {"year": r.rule.year, "level": r.rule.level, "source": r.rule.source}
        if r.rule
        else None,
    }


def forecasts_json(results: Results) -> str:
    doc = {
        "forecasts": [
            {
                **_result_json(r),
                "scenario": scenario or "base",
                "scenarios": {name: _result_json(s) for name, s in r.scenarios.items()},
            }
            for r, scenario in results
        ]
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def forecasts_csv(results: Results, dialect: Dialect = PLAIN) -> str:
    """One line per forecast line, then its total, then the two key figures (kind column)."""
    header = ["forecast", "scenario", "kind", "label", "service_frame"]
    header += ["forecast_amount", "budget", "overspend"]
    rows: list[list[Cell]] = []
    for shown, scenario in results:
        for name, r in scenario_runs(shown, scenario) if shown.scenarios else [("base", shown)]:
            for line in r.lines:
                figures = [line.forecast, line.budget, line.overspend]
                rows.append([r.id, name, "line", line.label, line.service_frame, *figures])
            rows.append([r.id, name, "total", "Total", "", r.forecast, r.budget, r.overspend])
            inside = "Overspend inside the service frame"
            rows.append([r.id, name, "inside_frame", inside, "inside", "", "", r.overspend_inside])
    return csv_table(header, rows, dialect)


def forecast_blocks(results: Results, reading: Reading, width: int | None) -> View:
    """Each forecast for a terminal: its table, its key figures (the first two bold), then
    its other tables."""
    shown: View = []
    for n, (r, scenario) in enumerate(results):
        main, *rest = grids(r, reading, scenario)
        if n:
            shown.append(BLANK)
        shown += [Table(main), BLANK]
        shown += [Line(line, bold=i < 2) for i, line in enumerate(key_figures(r, reading))]
        for grid in rest:
            shown += [BLANK, Table(grid)]
    return shown


FORECASTS: Renderers[Results] = Renderers(
    forecasts_plain, forecasts_markdown, forecasts_json, forecasts_csv, forecast_blocks
)
