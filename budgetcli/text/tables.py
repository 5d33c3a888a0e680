"""Rich renderables for the terminal. The only module that imports rich.

Each function takes computed values and returns a renderable; the CLI prints it. Every table
goes through ``layout.fit_grid`` (fit, wrap text columns, stack), so none drops a figure.

Colour means one thing everywhere: the sign of a change for the municipal budget. Negative
(lower expense or higher revenue: a saving) is green, positive (higher expense) red, zero and
levels (a budget, a forecast, the positions there are now) uncoloured; a change
``old → new (delta)`` has its delta's colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from budgetcli.core.calc import Summary
from budgetcli.core.diff import BudgetDiff
from budgetcli.core.forecasting import ForecastResult
from budgetcli.core.frames import FrameReport
from budgetcli.text.layout import GAP, Block, block_lines, fit_grid, natural_widths, tone
from budgetcli.text.page import Page
from budgetcli.text.text import Grid, summary_grid

#: the colour of a saving (negative) and of a higher expense (positive)
SAVING, EXPENSE = "green", "red"


def figure_style(cell: str) -> str:
    """The colour of a figure that is a change (see the module's docstring)."""
    return {-1: SAVING, 1: EXPENSE}.get(tone(cell), "")


def _cell(grid: Grid, row: int, column: int, text: str, bold: bool = False) -> Text:
    # every text is a Text: a description's "[bilag a]" is words, not rich markup
    style = "" if grid.is_level(row, column) else figure_style(text)
    return Text(text, style=("bold " + style).strip() if bold else style)


def grid_table(grid: Grid, widths: Sequence[int] | None = None) -> Table:
    """A grid's table with these column widths (default: each as wide as its widest cell);
    text columns wrap at words within theirs, figures never wrap. Title and caption are
    drawn by ``grid_view``."""
    widths = list(widths or natural_widths(grid))
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, GAP // 2),
        collapse_padding=True,
    )
    for i, name in enumerate(grid.columns):
        group = grid.groups[i] if grid.groups else ""
        header = Text(f"{group}\n{name}" if grid.groups else name)
        table.add_column(
            header,
            width=widths[i],
            justify="left" if i < grid.left else "right",
            overflow="fold",
        )
    for r, row in enumerate(grid.rows):
        table.add_row(*(_cell(grid, r, i, c) for i, c in enumerate(row)))
    if grid.footer:
        table.add_section()
        for r, row in enumerate(grid.footer, len(grid.rows)):
            table.add_row(*(_cell(grid, r, i, c, bold=True) for i, c in enumerate(row)))
    return table


def _listing(grid: Grid) -> RenderableType:
    """A grid as a paragraph per row, for a terminal too narrow for any table."""
    parts: list[RenderableType] = []
    for r, (head, cells) in enumerate(block_lines(grid)):
        parts.append(Text(head, style="bold"))
        for name, cell in cells:  # the figure on a line of its own, never wrapped
            style = figure_style(cell) if r not in grid.level_rows else ""
            parts += [Text(f"  {name}"), Text(f"    {cell}", style=style, no_wrap=True)]
    return Group(*parts)


def _block(block: Block) -> list[RenderableType]:
    grid = block.grid
    parts: list[RenderableType] = []
    if grid.title:
        parts += [Text(grid.title, style="bold"), Text("")]
    parts.append(grid_table(grid, block.widths) if block.widths else _listing(grid))
    if grid.caption:
        parts += [Text(""), Text(grid.caption)]
    return parts


def grid_view(grid: Grid, width: int | None) -> RenderableType:
    """The grid as laid out by ``fit_grid`` for ``width`` columns: blocks one under another."""
    parts: list[RenderableType] = []
    for n, block in enumerate(fit_grid(grid, width)):
        if n:
            parts.append(Text(""))
        parts += _block(block)
    return Group(*parts)


def fits(grid: Grid, width: int) -> bool:
    """Whether the grid is one table (its text wrapped at words, if need be) at ``width``."""
    blocks = fit_grid(grid, width)
    return len(blocks) == 1 and blocks[0].widths is not None and blocks[0].grid == grid


def summary_view(
    s: Summary, danish: bool = True, width: int | None = None, shares: bool | None = None
) -> RenderableType:
    """The summary table, fitted to ``width`` (a terminal; ``None``: no limit); the areas'
    budgets in it if ``shares``, or (``None``) if the table fits ``width`` with them."""
    if shares is None and width is not None and s.has_shares:
        wide = summary_grid(s, danish, True)
        return grid_view(wide if fits(wide, width) else summary_grid(s, danish, False), width)
    return grid_view(summary_grid(s, danish, shares), width)


def page_view(page: Page, width: int | None = None) -> RenderableType:
    """``show``'s page: the same parts as ``render_page.proposal_plain``, drawn with rich."""
    pad = max((len(label) for label, _ in page.head), default=0)
    head = Table.grid(padding=(0, GAP))
    head.add_column(style="bold", min_width=pad, no_wrap=True)
    head.add_column(overflow="fold")
    last = ""
    for label, value in page.head:
        head.add_row(label if label != last else "", Text(value))
        last = label
    parts: list[RenderableType] = [Text(page.title, style="bold"), Text(""), head]
    for grid in page.grids:
        parts += [Text(""), grid_view(grid, width)]
    if page.notes:
        parts += [Text(""), Text("Notes", style="bold"), Text("")]
        parts += [Text(f"• {note}") for note in page.notes]
    if page.description:
        parts += [Text(""), Text("Description", style="bold"), Text("")]
        parts.append(Text(page.description.rstrip()))
    return Group(*parts)


def diff_view(d: BudgetDiff, danish: bool = True, width: int | None = None) -> RenderableType:
    """The diff for a terminal of ``width`` columns, every table fitted to it."""
    from budgetcli.text.diff import grids, headline, meta_lines, title

    parts: list[RenderableType] = [Text(title(d), style="bold"), Text(headline(d, danish))]
    parts += [Text(line) for line in meta_lines(d)]
    for grid in grids(d, danish):
        parts += [Text(""), grid_view(grid, width)]
    return Group(*parts)


def frame_view(r: FrameReport, danish: bool = True, width: int | None = None) -> RenderableType:
    """The frame position for a terminal of ``width`` columns."""
    from budgetcli.text.frame import grids, title

    statuses = f"status: {', '.join(s.value for s in r.statuses)}"
    parts: list[RenderableType] = [Text(title(r), style="bold"), Text(statuses)]
    for grid in grids(r, danish):
        parts += [Text(""), grid_view(grid, width)]
    return Group(*parts)


def forecast_view(
    results: Sequence[tuple[ForecastResult, str | None]],
    danish: bool = True,
    width: int | None = None,
) -> RenderableType:
    from budgetcli.text.forecast import grids, key_figures

    parts: list[RenderableType] = []
    for n, (r, scenario) in enumerate(results):
        main, *rest = grids(r, danish, scenario)
        if n:
            parts.append(Text(""))
        parts += [grid_view(main, width), Text("")]
        parts += [
            Text(line, style="bold" if i < 2 else "")
            for i, line in enumerate(key_figures(r, danish))
        ]
        for grid in rest:
            parts += [Text(""), grid_view(grid, width)]
    return Group(*parts)
