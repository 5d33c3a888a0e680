"""A page of a proposal document as it is being read (``budgetcli import``): the fields found so
far, the problems, the notes for the file. Every reader of a part of the page (its header, its
tables, its text) writes into one ``Draft``; an error on the page means the page is refused."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

from budgetcli.core.diagnostics import Problem, Said, Severity, said
from budgetcli.core.lazyclasses import dataclass, field
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

    def report(self, row: Row | None, message: Said, severity: Severity = Severity.ERROR) -> None:
        """A problem at ``row`` (or the page's first line): ``page 3, line 12: …``, said in
        the reader's language, its place with it."""
        line = row.line if row is not None else self.line
        rule = "import" if severity is Severity.ERROR else "import-note"
        placed = (
            said("page {page}: {message}", page=self.page, message=message)
            if row is None
            else said(
                "page {page}, {where}: {message}", page=self.page, where=row.where, message=message
            )
        )
        self.problems.append(
            Problem(self.document, line, 1, severity, rule, placed.english, placed)
        )

    @property
    def refused(self) -> bool:
        """Whether the page is refused: an error was found on it."""
        return any(p.is_error for p in self.problems)


@overload
def joined(clauses: Sequence[Said]) -> Said: ...
@overload
def joined(clauses: Sequence[str | Said]) -> str | Said: ...
def joined(clauses: Sequence[str | Said]) -> str | Said:
    """Clauses said one after another, ``; `` between them (``2024: …; 2025: …``): each in the
    reader's language, the punctuation as it is (the template is no sentence to translate, and
    is not in the catalogue: ``gettext`` gives it back as it is)."""
    if len(clauses) == 1:
        return clauses[0]
    names = [f"clause{i}" for i in range(len(clauses))]
    template = "; ".join(f"{{{name}}}" for name in names)
    return Said(template, tuple(zip(names, clauses, strict=True)))


def both(names: Sequence[str]) -> str | Said:
    """Names said together, ``2024 and 2025`` (``a and b and c``): one alone as it is."""
    if len(names) <= 1:
        return "".join(names)
    return said("{first} and {rest}", first=names[0], rest=both(names[1:]))
