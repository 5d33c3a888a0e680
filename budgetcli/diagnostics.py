"""Problems found in the data, each with its source position.

This module is the bottom of the import graph: loading, checks and rendering all speak
``Problem``; none of them prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: ``path:line:col: severity: message``. ``line``/``col`` are 1-based, 0 if unknown."""

    path: str
    line: int
    col: int
    severity: Severity
    rule: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.rule, p.message))


def strict(problems: list[Problem]) -> list[Problem]:
    """``--strict``: every warning counts as an error."""
    return [
        Problem(p.path, p.line, p.col, Severity.ERROR, p.rule, p.message) if not p.is_error else p
        for p in problems
    ]
