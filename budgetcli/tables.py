"""Rich renderables for the terminal. The only module that imports rich.

Each function takes computed values and returns a renderable; the CLI prints it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from budgetcli.calc import Figures, Summary
from budgetcli.diff import BudgetDiff
from budgetcli.domain import Proposal
from budgetcli.forecasting import ForecastResult
from budgetcli.render import Grid, fmt_amount, fmt_fte, summary_grid, unit_label


def _cell_style(cell: str) -> str:
    """Negative figures red; a change ``old → new (delta)`` coloured by its delta."""
    if cell.endswith(")") and "(" in cell:
        delta = cell[cell.rindex("(") + 1 :]
        return "red" if delta.startswith("-") else "green" if delta.startswith("+") else ""
    return "red" if cell.startswith("-") and cell[1:2].isdigit() else ""


def grid_table(grid: Grid) -> Table:
    """A ``Grid`` as a rich table (the same cells as the plain text, with colour)."""
    # every text is a Text: a description's "[bilag a]" is words, not rich markup
    table = Table(
        title=Text(grid.title) if grid.title else None,
        caption=Text(grid.caption) if grid.caption else None,
        box=box.SIMPLE_HEAD,
        title_style="bold",
        title_justify="left",
        caption_justify="left",
    )
    every = [grid.columns, *grid.rows, *grid.footer]
    for i, name in enumerate(grid.columns):
        group = grid.groups[i] if grid.groups else ""
        header = Text(f"{group}\n{name}" if grid.groups else name)
        if i < grid.left:
            longest = max(len(word) for row in every for word in (row[i].split() or [""]))
            table.add_column(header, overflow="fold", min_width=min(longest, 24))
        else:  # a figure is never wrapped or cut: text columns give way first
            widest = max(len(row[i]) for row in every)
            table.add_column(header, justify="right", no_wrap=True, min_width=widest)
    for row in grid.rows:
        table.add_row(
            *(
                Text(c) if i < grid.left else Text(c, style=_cell_style(c))
                for i, c in enumerate(row)
            )
        )
    if grid.footer:
        table.add_section()
        for row in grid.footer:
            table.add_row(*(Text(c, style=("bold " + _cell_style(c)).strip()) for c in row))
    return table


def fits(grid: Grid, width: int) -> bool:
    """Whether the grid's table, drawn ``width`` columns wide, shows every figure whole."""
    from rich.console import Console

    console = Console(width=width, no_color=True, force_terminal=False, highlight=False)
    with console.capture() as capture:
        console.print(grid_table(grid))
    drawn = capture.get()
    figures = {row[i] for row in [*grid.rows, *grid.footer] for i in range(grid.left, len(row))}
    return all(figure in drawn for figure in figures if figure)


def fit(grid: Grid, width: int | None) -> list[Grid]:
    """The grid, or, on a terminal narrower than it, one grid per value column (per year), so
    that no figure is ever cut."""
    if width is None or len(grid.columns) - grid.left <= 1 or fits(grid, width):
        return [grid]
    out = []
    for j in range(grid.left, len(grid.columns)):
        keep = [*range(grid.left), j]

        def pick(row: list[str], keep: list[int] = keep) -> list[str]:
            return [row[i] for i in keep]

        out.append(
            Grid(
                f"{grid.title} · {grid.columns[j]}",
                pick(grid.columns),
                [pick(r) for r in grid.rows],
                [pick(r) for r in grid.footer],
                [],
                grid.caption,
                grid.left,
            )
        )
    return out


def summary_view(s: Summary, danish: bool = True, width: int | None = None) -> RenderableType:
    """The summary table; when the all-years table is wider than ``width`` (a terminal),
    one table per year, stacked, so no figure is ever cut."""
    table = grid_table(summary_grid(s, danish))
    if width is None or len(s.years) == 1:
        return table
    from rich.console import Console

    needed = Console(width=10_000).measure(table).maximum
    if needed <= width:
        return table
    return Group(*(grid_table(summary_grid(s.only(year), danish)) for year in s.years))


def proposal_view(
    p: Proposal,
    years: Sequence[int],
    figures: dict[int, Figures],
    unit: str,
    area_labels: Sequence[str],
    danish: bool = True,
) -> RenderableType:
    """One proposal laid out like the document's page."""

    def amt(value: int | None) -> str:
        return "" if value is None else fmt_amount(value, danish)

    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    for label, value in (
        ("Id", p.id),
        ("Status", p.status.value),
        ("Committee", p.committee or ""),
        ("Areas", "\n".join(area_labels)),
        ("Centre", p.center or ""),
        ("Contact", ", ".join(x for x in (p.contact, p.date and p.date.isoformat()) if x)),
    ):
        head.add_row(label, value)

    econ = Table(
        title=f"Economic consequences ({unit_label(unit)})",
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    econ.add_column("")
    for y in years:
        econ.add_column(str(y), justify="right")
    if p.operating_budget is not None:
        econ.add_row("Operating budget", *(amt(p.operating_budget.get(y)) for y in years))
    if p.area_budget is not None:
        econ.add_row("Area budget", *(amt(p.area_budget.get(y)) for y in years))
    econ.add_section()
    econ.add_row("Inside the service frame", *(amt(figures[y].inside_service_frame) for y in years))
    econ.add_row(
        "Outside the service frame", *(amt(figures[y].outside_service_frame) for y in years)
    )
    econ.add_row(
        Text("Total", style="bold"), *(Text(amt(figures[y].net), style="bold") for y in years)
    )
    econ.add_section()
    econ.add_row("Savings", *(amt(figures[y].savings) for y in years))
    econ.add_row("Investments", *(amt(figures[y].investments) for y in years))
    parts: list[RenderableType] = [Text(p.title, style="bold"), head, econ]

    if p.staffing is not None:
        staff = Table(
            title="Staffing (full-time positions)", box=box.SIMPLE_HEAD, title_justify="left"
        )
        staff.add_column("")
        for y in years:
            staff.add_column(str(y), justify="right")
        base = p.staffing.baseline_fte
        if base is not None:
            staff.add_row("Now", *(fmt_fte(base[y], danish) if y in base else "" for y in years))
        staff.add_row("Change", *(fmt_fte(figures[y].fte, danish) for y in years))
        parts.append(staff)

    if p.components:
        comps = Table(title="Components", box=box.SIMPLE_HEAD, title_justify="left")
        comps.add_column("Type")
        comps.add_column("Label")
        for y in years:
            comps.add_column(str(y), justify="right")
        for c in p.components:
            comps.add_row(c.type, c.label, *(amt(c.amounts.get(y, 0)) for y in years))
        parts.append(comps)

    if p.allocations is not None:
        alloc = Table(title="Allocations", box=box.SIMPLE_HEAD, title_justify="left")
        alloc.add_column("Kind")
        alloc.add_column("Code")
        for y in years:
            alloc.add_column(str(y), justify="right")
        for kind, lines in (
            ("function area", p.allocations.function_areas),
            ("cost centre", p.allocations.cost_centers),
        ):
            for code, series in lines.items():
                alloc.add_row(kind, code, *(amt(series.get(y, 0)) for y in years))
        parts.append(alloc)

    if p.notes:
        parts.append(Text("Notes", style="bold"))
        parts.extend(Text(f"• {n}") for n in p.notes)
        parts.append(Text(""))
    if p.description:
        parts.append(Text("Description", style="bold"))
        parts.append(Text(p.description.rstrip()))
    return Group(*parts)


def diff_view(
    d: BudgetDiff, danish: bool = True, width: int | None = None
) -> RenderableType | None:
    """The diff for a terminal of ``width`` columns; ``None`` if even one table per year would
    cut a figure (the caller then prints the plain text, which the terminal wraps)."""
    from budgetcli.render_diff import grids, headline, meta_lines, title

    parts = [part for g in grids(d, danish) for part in fit(g, width)]
    if width is not None and not all(fits(part, width) for part in parts):
        return None
    head = [Text(title(d), style="bold"), Text(headline(d, danish))]
    head += [Text(line) for line in meta_lines(d)]
    return Group(*head, *(grid_table(part) for part in parts))


def forecast_view(
    results: Sequence[tuple[ForecastResult, str | None]], danish: bool = True
) -> RenderableType:
    from budgetcli.render_forecast import grids, key_figures

    parts: list[RenderableType] = []
    for r, scenario in results:
        main, *rest = grids(r, danish, scenario)
        parts.append(grid_table(main))
        parts += [
            Text(line, style="bold" if i < 2 else "")
            for i, line in enumerate(key_figures(r, danish))
        ]
        parts += [grid_table(g) for g in rest]
        parts.append(Text(""))
    return Group(*parts)
