"""A page of a proposal document as it is being read (``budgetcli import``): the fields found so
far, the problems, the notes for the file. Every reader of a part of the page (its header, its
tables, its text) writes into one ``Draft``; an error on the page means the page is refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from budgetcli.core.diagnostics import Problem, Severity
from budgetcli.word.rows import Row


@dataclass
class Draft:
    """A page read: the proposal's fields as plain values (as a file states them; ``id`` is
    given later), what the page states of its areas (code -> name), the problems (an error: the
    page is refused) and the notes the file keeps (how the page was read where it could be read
    more than one way)."""

    document: str
    page: int
    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    area_names: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def report(self, row: Row | None, message: str, severity: Severity = Severity.ERROR) -> None:
        """A problem at ``row`` (or the page's first line): ``page 3, line 12: …``."""
        line = row.line if row is not None else self.line
        where = f"page {self.page}" + (f", {row.where}" if row is not None else "")
        rule = "import" if severity is Severity.ERROR else "import-note"
        self.problems.append(Problem(self.document, line, 1, severity, rule, f"{where}: {message}"))

    @property
    def refused(self) -> bool:
        """Whether the page is refused: an error was found on it."""
        return any(p.is_error for p in self.problems)
