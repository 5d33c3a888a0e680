"""Rendering to text: numbers, JSON, CSV, Markdown and diagnostics. Pure: values in, strings out.

The rich terminal tables live in ``tables.py`` (rich is imported only when a table is drawn).
Nothing here computes a figure: it formats what ``calc`` produced.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, TypeVar

from budgetcli.core.calc import METRICS, Figures, Summary
from budgetcli.core.diagnostics import Problem, printable, tally
from budgetcli.core.vocab import GroupBy

#: the columns of the tables, in order, with their headers
METRIC_HEADERS: dict[str, str] = {
    "savings": "Savings",
    "investments": "Investments",
    "net": "Net",
    "inside_service_frame": "Inside frame",
    "outside_service_frame": "Outside frame",
    "fte": "FTE",
}
#: the metrics of the all-years view (one block per year); the one-year view shows all six
BLOCK_METRICS = ("savings", "investments", "net", "fte")
GROUP_HEADERS = {
    GroupBy.AREA: "Area",
    GroupBy.COMMITTEE: "Committee",
    GroupBy.CENTER: "Centre",
    GroupBy.STATUS: "Status",
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


def summary_title(s: Summary) -> str:
    span = str(s.years[0]) if len(s.years) == 1 else f"{s.years[0]}-{s.years[-1]}"
    return f"{s.municipality} · {s.title} · {span} · {unit_label(s.unit)}"


def summary_caption(s: Summary) -> str:
    return f"by {s.group_by.value}; status: {', '.join(st.value for st in s.statuses)}"


def summary_json(s: Summary) -> str:
    doc: dict[str, Any] = {
        "municipality": s.municipality,
        "title": s.title,
        "unit": s.unit,
        "years": s.years,
        "group_by": s.group_by.value,
        "statuses": [st.value for st in s.statuses],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "proposals": list(row.proposals),
                "years": {str(y): figures_dict(f) for y, f in row.years.items()},
            }
            for row in s.rows
        ],
        "total": {"years": {str(y): figures_dict(f) for y, f in s.total.items()}},
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def summary_csv(s: Summary) -> str:
    """Long format: one line per group and year; the total has an empty key and label Total."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key", "label", "year", *METRICS])
    lines = [(row.key, row.label, row.years) for row in s.rows] + [("", "Total", s.total)]
    for key, label, years in lines:
        for year, f in years.items():
            writer.writerow(
                [key, label, year, *(fmt_metric(m, getattr(f, m), False) for m in METRICS)]
            )
    return out.getvalue()


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


def summary_grid(s: Summary, danish: bool = True) -> Grid:
    """The summary as a grid: one row per group, the total in the footer; with several
    years, a block of columns per year with the year above it."""
    one_year = len(s.years) == 1
    metrics = METRICS if one_year else BLOCK_METRICS
    columns = [GROUP_HEADERS[s.group_by]] + [METRIC_HEADERS[m] for _ in s.years for m in metrics]
    groups = (
        []
        if one_year
        else ["", *(str(y) if i == 0 else "" for y in s.years for i in range(len(metrics)))]
    )

    def cells(years: dict[int, Figures]) -> list[str]:
        return [fmt_metric(m, getattr(years[y], m), danish) for y in s.years for m in metrics]

    body = [[row.label, *cells(row.years)] for row in s.rows]
    return Grid(
        summary_title(s), columns, body, [["Total", *cells(s.total)]], groups, summary_caption(s)
    )


def summary_plain(s: Summary, danish: bool = True) -> str:
    """The summary table as plain text, for output that is not a terminal (no rich import)."""
    return plain_grid(summary_grid(s, danish))


def summary_markdown(s: Summary, danish: bool = True) -> str:
    return markdown_grid(summary_grid(s, danish))


def _summary_view(s: Summary, danish: bool, width: int | None) -> Any:
    from budgetcli.render.tables import summary_view

    return summary_view(s, danish, width)


SUMMARY = Renderers(summary_plain, summary_markdown, summary_json, summary_csv, _summary_view)


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


def problems_json(problems: Sequence[Problem], files: int) -> str:
    count = tally(problems)
    doc = {
        "valid": count.valid,
        "files": files,
        "errors": count.errors,
        "warnings": count.warnings,
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "column": p.col,
                "severity": p.severity.value,
                "rule": p.rule,
                "message": p.message,
            }
            for p in problems
        ],
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
