"""How a grid is laid out in a given width, and the tone of a cell: pure decisions that
``rich`` draws. Imported only when a table is drawn in a terminal (start-up stays small).

``fit_grid`` is the one layout path of every table: the grid as it is, then its text columns
wrapped, then stacked (a block per year, then per figure); a figure is never cut or dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from budgetcli.core.lazyclasses import dataclass
from budgetcli.text.grid import Grid

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


def fits(grid: Grid, width: int) -> bool:
    """Whether the grid is one table (its text wrapped at words, if need be) at ``width``."""
    laid = fit_grid(grid, width)
    return len(laid) == 1 and laid[0].widths is not None and laid[0].grid == grid
