"""A command's blocks (``text.blocks``) drawn for the terminal: the only module that imports
rich, and it draws; what is shown is each command's to say. Every table goes through
``layout.fit_grid`` (fit, wrap text columns, stack), so none drops a figure.

Colour means one thing everywhere: the sign of a change for the municipal budget. Negative
(lower expense or higher revenue: a saving) is green, positive (higher expense) red, zero and
levels (a budget, a forecast, the positions there are now) uncoloured; a change
``old → new (delta)`` has its delta's colour.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from budgetcli.text import blocks
from budgetcli.text.grid import Grid
from budgetcli.text.layout import GAP, Block, block_lines, fit_grid, natural_widths, tone

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


def view(shown: blocks.View, width: int | None) -> RenderableType:
    """A command's blocks, one under another, fitted to ``width`` columns."""
    return Group(*(_drawn(block, width) for block in shown))


def _drawn(block: blocks.Block, width: int | None) -> RenderableType:
    if isinstance(block, blocks.Line):
        return Text(block.text, style="bold" if block.bold else "")
    if isinstance(block, blocks.Table):
        return grid_view(block.grid, width)
    if isinstance(block, blocks.Pairs):
        return _pairs(block)
    if isinstance(block, blocks.Bullets):
        return Group(*(Text(f"• {item}") for item in block.items))
    return Text(block.text.rstrip())


def _pairs(block: blocks.Pairs) -> Table:
    pad = max((len(label) for label, _ in block.rows), default=0)
    table = Table.grid(padding=(0, GAP))
    table.add_column(style="bold", min_width=pad, no_wrap=True)
    table.add_column(overflow="fold")
    last = ""
    for label, value in block.rows:
        table.add_row(label if label != last else "", Text(value))
        last = label
    return table


def draw(drawn: Callable[[int | None], RenderableType]) -> None:
    """Print what ``drawn`` makes for the terminal's width on standard output (``None``: no
    limit, where rich finds no terminal after all, as with ``TTY_COMPATIBLE=0``: then plain
    text, never wrapped at an assumed 80 columns, without trailing blanks)."""
    console = Console(highlight=False)
    if console.is_terminal:
        console.print(drawn(console.width))
        return
    plain = Console(width=1000, no_color=True, highlight=False, force_terminal=False)
    with plain.capture() as capture:
        plain.print(drawn(None))
    sys.stdout.write("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))
