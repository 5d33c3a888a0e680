"""What a command prints, one renderer per ``--format``: the one output dispatch of every
command but ``validate`` (``cli``'s ``emit``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from budgetcli.core.lazyclasses import dataclass
from budgetcli.text.csvout import EXCEL_DA, PLAIN, Dialect

if TYPE_CHECKING:  # the blocks are made only for a terminal: a piped table never imports them
    from budgetcli.text.blocks import View
    from budgetcli.text.i18n import Reading

T = TypeVar("T")


@dataclass(frozen=True)
class Renderers(Generic[T]):
    """What a command prints, one renderer per ``--format``, so the CLI has one dispatch for
    every command. ``table`` is the table as plain text (piped); ``view`` draws the command's
    blocks in a terminal of a width (rich: imported only when it is called). The renderers a
    person reads take a ``Reading`` (the numbers' style and the language); JSON and CSV are
    read by programs: their keys and header rows are English identifiers, whatever the
    language."""

    table: Callable[[T, Reading], str]
    markdown: Callable[[T, Reading], str]
    json: Callable[[T], str]
    #: the CSV in a dialect (``text.csvout``: plain, or for Danish Excel)
    csv: Callable[[T, Dialect], str]
    #: the table for a terminal of a width (``None``: no limit), as blocks (``text.blocks``)
    blocks: Callable[[T, Reading, int | None], View]

    def text(self, output: str, value: T, reading: Reading) -> str:
        """``value`` in the format named ``output`` (``table``: the plain text)."""
        if output == "json":
            return self.json(value)
        if output == "csv":
            return self.csv(value, PLAIN)
        if output == "csv-excel-da":
            return self.csv(value, EXCEL_DA)
        return (self.markdown if output == "markdown" else self.table)(value, reading)

    def view(self, value: T, reading: Reading, width: int | None) -> Any:
        """The table drawn for a terminal of ``width`` columns (a rich renderable)."""
        from budgetcli.text.rich import view

        return view(self.blocks(value, reading, width), width)

    def draw(self, value: T, reading: Reading) -> None:
        """The table drawn in the terminal standard output is, to its width."""
        from budgetcli.text.rich import draw

        draw(lambda width: self.view(value, reading, width))
