"""What ``budgetcli import`` did with each proposal it read: a value for the report."""

from __future__ import annotations

from budgetcli.core.lazyclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    """One page of an import: its file (as shown), id, document, page and title, what was done
    (``written``; ``planned``: a dry run; ``kept``: a file was there, and ``why`` it is kept;
    ``refused``: the page has an error, and no file) and its text."""

    path: str
    id: str
    document: str
    page: int
    title: str
    done: str
    text: str
    why: str = ""
