"""A command's table for a terminal, as blocks: what it shows, one under another, before
anything is drawn. Each command builds its own (``summary``, ``page``, ``diff``, ``frame``,
``forecast``); ``rich`` draws any of them, the one module that imports rich."""

from __future__ import annotations

from budgetcli.core.lazyclasses import built, dataclass
from budgetcli.text.grid import Grid


@dataclass(frozen=True)
class Line:
    """A line of text (bold: a title)."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Table:
    """A grid, fitted to the terminal's width (``layout.fit_grid``: no figure is ever cut)."""

    grid: Grid


@dataclass(frozen=True)
class Pairs:
    """Labels and their values, a pair a line, the labels in bold (a label repeated is shown
    once: the lines after it are its)."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    """A list, an item a line."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Paragraph:
    """A text of lines, wrapped to the width."""

    text: str


#: made as ``Line("")`` is, without making the class: a piped table draws no line
BLANK = built(Line, ("", False))
Block = Line | Table | Pairs | Bullets | Paragraph
#: what a command shows in a terminal
View = list[Block]
