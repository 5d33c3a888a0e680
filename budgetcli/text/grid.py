"""A table as text cells (``Grid``) and its plain-text and Markdown forms: the mechanism every
command's table goes through (``layout`` fits it to a width, ``rich`` draws it)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from budgetcli.core.lazyclasses import dataclass, field


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


def markdown_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], left: int = 1
) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    align = ["---" if i < left else "---:" for i in range(len(header))]
    return [line(header), "| " + " | ".join(align) + " |", *(line(r) for r in rows)]
