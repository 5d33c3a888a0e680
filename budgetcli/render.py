"""Rendering to text: numbers, JSON, CSV, Markdown and diagnostics. Pure: values in, strings out.

The rich terminal tables live in ``tables.py`` (rich is imported only when a table is drawn).
Nothing here computes a figure: it formats what ``calc`` produced.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from budgetcli.calc import METRICS, Figures, Summary
from budgetcli.diagnostics import Problem, printable
from budgetcli.domain import Proposal
from budgetcli.vocab import GroupBy

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


# --- colour and fitting (pure: tables.py draws what these decide) ---------------------------

#: the columns between two columns of a table, in plain text and in the terminal
GAP = 2


def tone(cell: str) -> int:
    """The sign of a figure for the municipal budget: -1 (lower expense, a saving), +1 (higher
    expense) or 0 (zero, or not a figure). A change ``old → new (delta)`` has its delta's sign."""
    if cell.endswith(")") and "(" in cell:
        cell = cell[cell.rindex("(") + 1 : -1]
    text = cell.lstrip("+-")
    if not text[:1].isdigit() or not text.replace(".", "").replace(",", "").isdigit():
        return 0
    if not text.strip("0.,"):
        return 0
    return -1 if cell.startswith("-") else 1


@dataclass(frozen=True)
class Block:
    """A grid as laid out for a width: its column widths (text columns wrap at words within
    them), or ``None``: too narrow for any table, a paragraph per row (``block_lines``)."""

    grid: Grid
    widths: tuple[int, ...] | None


def _every(grid: Grid) -> list[list[str]]:
    return [grid.columns, *grid.rows, *grid.footer]


def _longest_word(texts: Iterable[str]) -> int:
    return max((len(word) for text in texts for word in text.split()), default=0)


def natural_widths(grid: Grid) -> list[int]:
    """Each column as wide as its widest cell: the plain text's layout."""
    every = _every(grid)
    widths = [max(len(r[i]) for r in every) for i in range(len(grid.columns))]
    return [max(w, len(grid.groups[i]) if grid.groups else 0) for i, w in enumerate(widths)]


def _minimum_widths(grid: Grid) -> list[int]:
    """Text columns as wide as their longest word; a figure is never wrapped (its header may)."""
    out = []
    for i in range(len(grid.columns)):
        cells = [r[i] for r in [*grid.rows, *grid.footer]]
        head = [grid.columns[i], grid.groups[i] if grid.groups else ""]
        if i < grid.left:
            out.append(_longest_word(cells + head))
        else:
            out.append(max([len(c) for c in cells] + [_longest_word(head)]))
    return out


def _widths(grid: Grid, width: int) -> tuple[int, ...] | None:
    """Column widths that fit ``width``: natural, else text columns narrowed (wrapped at
    words, never below their longest word); ``None`` if even that is too wide."""
    gaps = GAP * (len(grid.columns) - 1)
    natural = natural_widths(grid)
    if sum(natural) + gaps <= width:
        return tuple(natural)
    widths = _minimum_widths(grid)
    spare = width - gaps - sum(widths)
    if spare < 0:
        return None
    while spare > 0:  # the spare room to the text column that lacks the most
        short = max(range(grid.left), key=lambda i: natural[i] - widths[i], default=None)
        if short is None or natural[short] <= widths[short]:
            break
        widths[short] += 1
        spare -= 1
    return tuple(widths)


def pick(grid: Grid, figures: Sequence[int], first: bool = True, last: bool = True) -> Grid:
    """The grid with its text columns and the figure columns ``figures`` only (a block of a
    stacked table: the title on the first, the caption on the last)."""
    keep = [*range(grid.left), *figures]
    groups: list[str] = []
    if grid.groups:
        owner = [""] * len(grid.columns)  # each column's group: the last one named to its left
        for i, name in enumerate(grid.groups):
            owner[i] = name or (owner[i - 1] if i else "")
        groups = [
            owner[i]
            if i >= grid.left and (k == grid.left or owner[keep[k - 1]] != owner[i])
            else ""
            for k, i in enumerate(keep)
        ]

    def cut(row: list[str]) -> list[str]:
        return [row[i] for i in keep]

    return Grid(
        grid.title if first else "",
        cut(grid.columns),
        [cut(r) for r in grid.rows],
        [cut(r) for r in grid.footer],
        groups,
        grid.caption if last else "",
        grid.left,
        grid.level_rows,
        frozenset(k for k, i in enumerate(keep) if i in grid.level_columns),
    )


def merged(grid: Grid) -> Grid:
    """The grid with its text columns made one (``a · b``), for a terminal too narrow for
    several text columns beside a figure."""
    if grid.left <= 1:
        return grid

    def join(row: list[str]) -> list[str]:
        return [" · ".join(c for c in row[: grid.left] if c), *row[grid.left :]]

    return Grid(
        grid.title,
        join(grid.columns),
        [join(r) for r in grid.rows],
        [join(r) for r in grid.footer],
        ["", *grid.groups[grid.left :]] if grid.groups else [],
        grid.caption,
        1,
        grid.level_rows,
        frozenset(i - grid.left + 1 for i in grid.level_columns),
    )


def _units(grid: Grid) -> list[list[int]]:
    """The figure columns in the blocks a stacked table keeps together: a year's columns
    (under their year in ``groups``), else one column each."""
    units: list[list[int]] = []
    for i in range(grid.left, len(grid.columns)):
        if units and grid.groups and not grid.groups[i]:
            units[-1].append(i)
        else:
            units.append([i])
    return units


def _stacked(grid: Grid, width: int) -> list[Block] | None:
    """One block per year (as many years a block as fit), a year too wide split per figure;
    ``None`` if a single figure column does not fit beside the text columns."""
    units: list[list[int]] = []
    for unit in _units(grid):
        fits_alone = _widths(pick(grid, unit), width) is not None
        units += [unit] if fits_alone or len(unit) == 1 else [[i] for i in unit]
    if any(_widths(pick(grid, unit), width) is None for unit in units):
        return None
    packs: list[list[int]] = []
    for unit in units:
        if packs and _widths(pick(grid, packs[-1] + unit), width) is not None:
            packs[-1] += unit
        else:
            packs.append(list(unit))
    out = []
    for n, columns in enumerate(packs):
        part = pick(grid, columns, first=n == 0, last=n == len(packs) - 1)
        widths = _widths(part, width)
        assert widths is not None, "every pack was measured to fit"
        out.append(Block(part, widths))
    return out


def fit_grid(grid: Grid, width: int | None) -> list[Block]:
    """The one layout every table goes through, so that no figure or id is ever cut or
    dropped: the table as it is if it fits ``width``; else its text columns wrapped at words;
    else stacked (a block per year, then per figure); else the same with the text columns
    made one; else a paragraph per row. ``None``: no limit (natural widths)."""
    if width is None:
        return [Block(grid, tuple(natural_widths(grid)))]
    widths = _widths(grid, width)
    if widths is not None:
        return [Block(grid, widths)]
    for candidate in (grid, merged(grid)):
        blocks = _stacked(candidate, width)
        if blocks is not None:
            return blocks
    return [Block(merged(grid), None)]


def block_lines(grid: Grid) -> list[tuple[str, list[tuple[str, str]]]]:
    """A grid as paragraphs, for a width too narrow for a table: per row its text, then each
    figure with its column's name (``2024 Savings``)."""
    owner = ""
    names = []
    for i, column in enumerate(grid.columns):
        owner = (grid.groups[i] if grid.groups else "") or owner
        names.append(f"{owner} {column}".strip() if i >= grid.left else column)
    out = []
    for row in [*grid.rows, *grid.footer]:
        head = " · ".join(c for c in row[: grid.left] if c)
        out.append((head, [(names[i], c) for i, c in enumerate(row) if i >= grid.left and c]))
    return out


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


def markdown_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], left: int = 1
) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    align = ["---" if i < left else "---:" for i in range(len(header))]
    return [line(header), "| " + " | ".join(align) + " |", *(line(r) for r in rows)]


# --- show: one proposal ------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """A proposal laid out like the document's page, for every renderer of ``show``."""

    title: str
    head: list[tuple[str, str]]  # (label, value); a label repeated for each of its values
    grids: list[Grid]
    notes: list[str]
    description: str


def proposal_page(
    p: Proposal,
    years: Sequence[int],
    figures: dict[int, Figures],
    unit: str,
    area_labels: Sequence[str],
    danish: bool = True,
) -> Page:
    """The page's parts: head, economic table, staffing, components, allocations, notes."""

    def amounts(series: dict[int, int] | None) -> list[str]:
        return ["" if series is None else fmt_amount(series.get(y, 0), danish) for y in years]

    def metric(name: str) -> list[str]:
        return [fmt_metric(name, getattr(figures[y], name), danish) for y in years]

    head = [("Id", p.id), ("Status", p.status.value), ("Committee", p.committee or "")]
    head += [("Areas", label) for label in area_labels]
    contact = ", ".join(x for x in (p.contact, p.date and p.date.isoformat()) if x)
    head += [("Centre", p.center or ""), ("Contact", contact)]
    columns = ["", *map(str, years)]
    levels = [
        [name, *amounts(series)]
        for name, series in (
            ("Operating budget", p.operating_budget),
            ("Area budget", p.area_budget),
        )
        if series is not None
    ]
    econ = Grid(
        f"Economic consequences ({unit_label(unit)})",
        columns,
        [
            *levels,
            ["Savings", *metric("savings")],
            ["Investments", *metric("investments")],
            ["Inside the service frame", *metric("inside_service_frame")],
            ["Outside the service frame", *metric("outside_service_frame")],
        ],
        [["Total", *metric("net")]],
        level_rows=frozenset(range(len(levels))),
    )
    grids = [econ, *_proposal_grids(p, years, figures, danish)]
    return Page(p.title, [(k, v) for k, v in head if v], grids, list(p.notes), p.description)


def _proposal_grids(
    p: Proposal, years: Sequence[int], figures: dict[int, Figures], danish: bool
) -> list[Grid]:
    """Staffing, components and allocations, those the proposal has."""
    columns = [str(y) for y in years]
    out = []
    if p.staffing is not None:
        base = p.staffing.baseline_fte
        rows = []
        if base is not None:
            rows.append(["Now", *(fmt_fte(base[y], danish) if y in base else "" for y in years)])
        rows.append(["Change", *(fmt_fte(figures[y].fte, danish) for y in years)])
        title = "Staffing (full-time positions)"
        out.append(Grid(title, ["", *columns], rows, level_rows=frozenset({0} if base else ())))
    if p.components:
        rows = [
            [c.type, c.label, *(fmt_amount(c.amounts.get(y, 0), danish) for y in years)]
            for c in p.components
        ]
        out.append(Grid("Components", ["Type", "Label", *columns], rows, left=2))
    if p.allocations is not None:
        rows = [
            [kind, code, *(fmt_amount(series.get(y, 0), danish) for y in years)]
            for kind, lines in (
                ("function area", p.allocations.function_areas),
                ("cost centre", p.allocations.cost_centers),
            )
            for code, series in lines.items()
        ]
        if rows:
            out.append(Grid("Allocations", ["Kind", "Code", *columns], rows, left=2))
    return out


def proposal_plain(page: Page) -> str:
    """``show`` for output that is not a terminal: plain characters only."""
    pad = max((len(label) for label, _ in page.head), default=0) + 2
    lines, last = [page.title, ""], ""
    for label, value in page.head:
        lines.append(f"{(label if label != last else '').ljust(pad)}{value}".rstrip())
        last = label
    text = "\n".join(lines) + "\n"
    text += "".join("\n" + plain_grid(g) for g in page.grids)
    if page.notes:
        text += "\nNotes\n\n" + "".join(f"- {note}\n" for note in page.notes)
    if page.description:
        text += "\nDescription\n\n" + page.description.rstrip() + "\n"
    return text


def proposal_markdown(page: Page) -> str:
    head = markdown_table(["", ""], page.head)
    text = f"**{page.title}**\n\n" + "\n".join(head) + "\n"
    text += "".join("\n" + markdown_grid(g) for g in page.grids)
    if page.notes:
        text += "\n**Notes**\n\n" + "".join(f"- {note}\n" for note in page.notes)
    if page.description:
        text += "\n**Description**\n\n" + page.description.rstrip() + "\n"
    return text


def proposal_csv(p: Proposal, years: Sequence[int] | None = None) -> str:
    """Long, like ``summary --format csv``: one line per year of the proposal's figures
    (``id,title,year,savings,…,fte``), numbers plain. ``years``: the budget's years (default:
    the years the proposal's series name)."""
    from budgetcli.calc import proposal_figures

    if years is None:
        years = sorted(_named_years(p))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "title", "year", *METRICS])
    for year in years:
        f = proposal_figures(p, year)
        writer.writerow(
            [p.id, p.title, year, *(fmt_metric(m, getattr(f, m), False) for m in METRICS)]
        )
    return out.getvalue()


def _named_years(p: Proposal) -> set[int]:
    named = set(p.change.inside_service_frame) | set(p.change.outside_service_frame)
    for c in p.components:
        named |= set(c.amounts)
    if p.staffing is not None:
        named |= set(p.staffing.change_fte)
    return named


def proposal_json(p: Proposal) -> str:
    """A proposal's data as JSON (years as string keys, FTE and amounts as plain numbers)."""

    def plain(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        if isinstance(value, Decimal):
            return json_number(value)
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    return json.dumps(plain(p), ensure_ascii=False, indent=2) + "\n"


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
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return (
        f"{files} file{'s' if files != 1 else ''} checked: "
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    )


def problems_json(problems: Sequence[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    doc = {
        "valid": errors == 0,
        "files": files,
        "errors": errors,
        "warnings": len(problems) - errors,
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
