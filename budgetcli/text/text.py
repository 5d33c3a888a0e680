"""Rendering to text: numbers, JSON, CSV, Markdown and diagnostics. Pure: values in, strings out.

The rich terminal tables live in ``tables.py`` (rich is imported only when a table is drawn).
Nothing here computes a figure: it formats what ``calc`` produced.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from budgetcli.core.calc import METRICS, Figures, Level, Share, Summary
from budgetcli.core.diagnostics import Problem, printable, tally
from budgetcli.core.vocab import GroupBy
from budgetcli.text.csvout import Cell, Number, csv_table

#: the columns of the tables, in order, with their headers
METRIC_HEADERS: dict[str, str] = {
    "savings": "Savings",
    "investments": "Investments",
    "net": "Net",
    "inside_service_frame": "Inside frame",
    "outside_service_frame": "Outside frame",
    "construction": "Construction",
    "fte": "FTE",
}
#: the columns of an area's budget (``calc.Share``), after the figures
SHARE_HEADERS = ("Budget", "After", "Change %")
#: the metrics of the all-years view (one block per year); the one-year view shows all
BLOCK_METRICS = ("savings", "investments", "net", "construction", "fte")
GROUP_HEADERS = {
    GroupBy.AREA: "Area",
    GroupBy.COMMITTEE: "Committee",
    GroupBy.CENTER: "Centre",
    GroupBy.STATUS: "Status",
    GroupBy.KIND: "Kind",
    GroupBy.PROPOSAL: "Proposal",
}


# --- one renderer per output format --------------------------------------------------------

T = TypeVar("T")


@dataclass(frozen=True)
class Renderers(Generic[T]):
    """What a command prints, one renderer per ``--format``, so the CLI has one dispatch for
    every command (``cli._emit``). ``table`` is the table as plain text (piped); ``view``
    draws it in a terminal of a width (rich: imported only when it is called)."""

    table: Callable[[T, bool], str]
    markdown: Callable[[T, bool], str]
    json: Callable[[T], str]
    csv: Callable[[T], str]
    view: Callable[[T, bool, int | None], Any]

    def text(self, output: str, value: T, danish: bool) -> str:
        """``value`` in the format named ``output`` (``table``: the plain text)."""
        if output == "json":
            return self.json(value)
        if output == "csv":
            return self.csv(value)
        return (self.markdown if output == "markdown" else self.table)(value, danish)


# --- numbers -------------------------------------------------------------------------------


def fmt_amount(value: int, danish: bool = True) -> str:
    """``-1200`` -> ``-1.200`` (Danish) or ``-1200``."""
    return f"{value:,}".replace(",", ".") if danish else str(value)


def fmt_fte(value: Decimal, danish: bool = True) -> str:
    """``Decimal('-4.90')`` -> ``-4,9`` (Danish) or ``-4.9``; whole numbers without decimals."""
    text = _plain_decimal(value)
    return text.replace(".", ",") if danish else text


def fmt_percent(value: Decimal | None, danish: bool = True) -> str:
    """``Decimal('-1.0')`` -> ``-1,0`` (Danish) or ``-1.0``; ``None`` -> empty."""
    if value is None:
        return ""
    return str(value).replace(".", ",") if danish else str(value)


def fmt_metric(metric: str, value: int | Decimal, danish: bool = True) -> str:
    if metric == "fte":
        return fmt_fte(Decimal(value), danish)
    return fmt_amount(int(value), danish)


def _plain_decimal(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def json_number(value: int | Decimal) -> int | float:
    """A plain JSON number; FTE have at most two decimals, so the float prints exactly."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def unit_label(unit: str) -> str:
    return "1.000 kr." if unit.replace(" ", "").upper() == "1000DKK" else unit


# --- summary -------------------------------------------------------------------------------


def figures_dict(f: Figures) -> dict[str, int | float]:
    return {m: json_number(getattr(f, m)) for m in METRICS}


def level_label(level: Level | None) -> str:
    """``2024 prices`` or ``2025 prices (restated from 2024 prices)``; empty: not stated."""
    if level is None:
        return ""
    if level.restated_from is None or level.restated_from == level.year:
        return f"{level.year} prices"
    return f"{level.year} prices (restated from {level.restated_from} prices)"


def amounts_label(unit: str, level: Level | None) -> str:
    """The unit, and the prices when they are known: ``1.000 kr., 2024 prices``."""
    prices = level_label(level)
    return f"{unit_label(unit)}, {prices}" if prices else unit_label(unit)


def level_json(level: Level | None) -> dict[str, int | None] | None:
    return None if level is None else {"year": level.year, "restated_from": level.restated_from}


def summary_title(s: Summary) -> str:
    span = str(s.years[0]) if len(s.years) == 1 else f"{s.years[0]}-{s.years[-1]}"
    return f"{s.municipality} · {s.title} · {span} · {amounts_label(s.unit, s.level)}"


def summary_caption(s: Summary) -> str:
    return f"by {s.group_by.value}; status: {', '.join(st.value for st in s.statuses)}"


def share_dict(share: Share | None) -> dict[str, int | float | None]:
    """An area's budget, the budget after the proposals and the change in % (``null``: the
    row has no budget in areas.yaml)."""
    if share is None:
        return {"budget": None, "budget_after": None, "change_pct": None}
    percent = share.percent
    return {
        "budget": share.budget,
        "budget_after": share.after,
        "change_pct": None if percent is None else float(percent),
    }


def summary_json(s: Summary) -> str:
    def years(figures: dict[int, Figures], shares: dict[int, Share] | None) -> dict[str, Any]:
        return {
            str(y): figures_dict(f) | share_dict(shares.get(y) if shares else None)
            for y, f in figures.items()
        }

    doc: dict[str, Any] = {
        "municipality": s.municipality,
        "title": s.title,
        "unit": s.unit,
        "price_level": level_json(s.level),
        "years": s.years,
        "group_by": s.group_by.value,
        "statuses": [st.value for st in s.statuses],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "proposals": list(row.proposals),
                "years": years(row.years, row.shares),
            }
            for row in s.rows
        ],
        "total": {"years": years(s.total, None)},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def summary_csv(s: Summary) -> str:
    """Long format: one line per group and year; the total has an empty key and label Total."""
    header = ["key", "label", "year", *METRICS, "budget", "budget_after", "change_pct"]
    lines = [(row.key, row.label, row.years, row.shares) for row in s.rows]
    rows: list[list[Cell]] = []
    for key, label, years, shares in [*lines, ("", "Total", s.total, None)]:
        for year, f in years.items():
            figures = [csv_metric(m, getattr(f, m)) for m in METRICS]
            shares_in = [Number(c) for c in _share_cells(shares, year, False)]
            rows.append([key, label, year, *figures, *shares_in])
    return csv_table(header, rows)


def csv_metric(metric: str, value: int | Decimal) -> Number:
    """A figure as a CSV cell: plain (``-1200``, ``-4.9``), a number, never quoted."""
    return Number(fmt_metric(metric, value, False))


def _share_cells(shares: dict[int, Share] | None, year: int, danish: bool) -> list[str]:
    """A year's budget, budget after and change in %, as cells (empty: no budget)."""
    share = shares.get(year) if shares else None
    if share is None:
        return ["", "", ""]
    budget, after = fmt_amount(share.budget, danish), fmt_amount(share.after, danish)
    return [budget, after, fmt_percent(share.percent, danish)]


@dataclass(frozen=True)
class Grid:
    """A table as text cells, laid out by ``plain_grid``, ``markdown_grid`` or rich.

    ``groups`` is an optional line above the column names (a year over each block of
    columns); ``footer`` rows follow a rule (totals). The first ``left`` columns are text,
    the others numbers (right-aligned).
    """

    title: str
    columns: list[str]
    rows: list[list[str]]
    footer: list[list[str]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    caption: str = ""
    left: int = 1
    #: rows (of ``rows``) and columns whose figures are levels (a budget, a forecast), not
    #: changes: they are never coloured (see ``tone``)
    level_rows: frozenset[int] = frozenset()
    level_columns: frozenset[int] = frozenset()

    def is_level(self, row: int, column: int) -> bool:
        """Whether the cell at ``row`` (of rows, then footer) and ``column`` is a level."""
        return column < self.left or column in self.level_columns or row in self.level_rows


def plain_grid(grid: Grid) -> str:
    """A grid as plain text: padded columns, a rule under the header and above the footer."""
    every = [grid.columns, *grid.rows, *grid.footer]
    widths = [max(len(r[i]) for r in every) for i in range(len(grid.columns))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.ljust(w) if i < grid.left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    out = [grid.title, ""] if grid.title else []
    if grid.groups:
        out.append(line(grid.groups))
    out += [line(grid.columns), rule, *(line(r) for r in grid.rows)]
    if grid.footer:
        out += [rule, *(line(r) for r in grid.footer)]
    if grid.caption:
        out += ["", grid.caption]
    return "\n".join(out) + "\n"


def markdown_grid(grid: Grid) -> str:
    """A grid as a Markdown table; a group line becomes part of each column's name."""
    names, group = [], ""
    for i, column in enumerate(grid.columns):
        group = (grid.groups[i] if grid.groups else "") or group
        names.append(f"{group} {column.lower()}" if group and i >= grid.left else column)
    head = f"**{grid.title}**" + (f" ({grid.caption})" if grid.caption else "")
    lines = [head, "", *markdown_table(names, [*grid.rows, *grid.footer], grid.left)]
    return "\n".join(lines) + "\n"


def summary_grid(s: Summary, danish: bool = True, shares: bool | None = None) -> Grid:
    """The summary as a grid: one row per group, the total in the footer; with several
    years, a block of columns per year with the year above it. Construction is a column when
    some row has it; an area's budget, the budget after and the change in % follow each
    year's figures with ``shares`` when the rows have budgets (``None``: for one year)."""
    one_year = len(s.years) == 1
    metrics = [
        m
        for m in (METRICS if one_year else BLOCK_METRICS)
        if m != "construction" or s.has_construction
    ]
    with_shares = s.has_shares and (one_year if shares is None else shares)
    block = [METRIC_HEADERS[m] for m in metrics] + (list(SHARE_HEADERS) if with_shares else [])
    columns = [GROUP_HEADERS[s.group_by]] + block * len(s.years)
    groups = (
        []
        if one_year
        else ["", *(str(y) if i == 0 else "" for y in s.years for i in range(len(block)))]
    )

    def cells(years: dict[int, Figures], row_shares: dict[int, Share] | None) -> list[str]:
        out = []
        for y in s.years:
            out += [fmt_metric(m, getattr(years[y], m), danish) for m in metrics]
            out += _share_cells(row_shares, y, danish) if with_shares else []
        return out

    body = [[row.label, *cells(row.years, row.shares)] for row in s.rows]
    footer = [["Total", *cells(s.total, None)]]
    levels = (
        frozenset(
            1 + n * len(block) + len(metrics) + i for n in range(len(s.years)) for i in range(2)
        )
        if with_shares
        else frozenset()
    )
    caption = summary_caption(s)
    if s.has_shares and not with_shares:
        caption += "; --budgets shows the areas' budgets"
    return Grid(summary_title(s), columns, body, footer, groups, caption, level_columns=levels)


def summary_plain(s: Summary, danish: bool = True, shares: bool | None = None) -> str:
    """The summary table as plain text, for output that is not a terminal (no rich import)."""
    return plain_grid(summary_grid(s, danish, shares))


def summary_markdown(s: Summary, danish: bool = True, shares: bool | None = None) -> str:
    return markdown_grid(summary_grid(s, danish, shares))


def summary_renderers(shares: bool | None = None) -> Renderers[Summary]:
    """``summary``'s renderers; ``shares``: the areas' budgets in the table or not (``None``:
    in a terminal when the table fits its width with them, else for one year)."""

    def view(s: Summary, danish: bool, width: int | None) -> Any:
        from budgetcli.text.tables import summary_view

        return summary_view(s, danish, width, shares)

    return Renderers(
        lambda s, danish: summary_plain(s, danish, shares),
        lambda s, danish: summary_markdown(s, danish, shares),
        summary_json,
        summary_csv,
        view,
    )


SUMMARY = summary_renderers()


def markdown_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], left: int = 1
) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    align = ["---" if i < left else "---:" for i in range(len(header))]
    return [line(header), "| " + " | ".join(align) + " |", *(line(r) for r in rows)]


# --- diagnostics ---------------------------------------------------------------------------


def problem_line(p: Problem) -> str:
    """One line, whatever the message quotes: a newline or control character in a found value
    is escaped, so no value can forge a diagnostic line."""
    where = f"{p.path}:{p.line}:{p.col}" if p.line else p.path
    return printable(f"{where}: {p.severity.value}: {p.message} [{p.rule}]")


def empty_note(problems: Sequence[Problem]) -> str:
    """The line under a summary with no proposals: the warning that says why."""
    return "".join(
        f"budgetcli: warning: {printable(p.message)}\n"
        for p in problems
        if p.rule == "no-proposals"
    )


def problems_text(problems: Sequence[Problem], prefix: str = "") -> str:
    return "".join(f"{prefix}{problem_line(p)}\n" for p in problems)


def problems_count(problems: Sequence[Problem], files: int) -> str:
    count = tally(problems)
    errors, warnings = count.errors, count.warnings
    return (
        f"{files} file{'s' if files != 1 else ''} checked: "
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    )


def problem_dict(p: Problem) -> dict[str, str | int]:
    """A problem as every JSON report gives it."""
    return {
        "path": p.path,
        "line": p.line,
        "column": p.col,
        "severity": p.severity.value,
        "rule": p.rule,
        "message": p.message,
    }


def problems_json(problems: Sequence[Problem], files: int) -> str:
    count = tally(problems)
    doc = {
        "valid": count.valid,
        "files": files,
        "errors": count.errors,
        "warnings": count.warnings,
        "problems": [problem_dict(p) for p in problems],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def problems_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    out = []
    for p in problems:
        props = f"file={_gh_escape(p.path, True)}"
        if p.line:
            props += f",line={p.line},col={p.col}"
        props += f",title={_gh_escape('budgetcli ' + p.rule, True)}"
        out.append(f"::{p.severity.value} {props}::{_gh_escape(p.message)}\n")
    return "".join(out)
