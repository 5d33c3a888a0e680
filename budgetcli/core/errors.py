"""The exit codes and the one exception family; ``cli.py`` turns an error into a message and
its exit code."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # cli.py imports this module for ExitCode, on every run and for --help
    from budgetcli.core.diagnostics import Problem


class ExitCode(IntEnum):
    """The process status, named once (after httpie's ``status.py``)."""

    OK = 0
    #: invalid data (``validate``, ``summary`` …), or differences with ``diff --exit-code``
    INVALID = 1
    #: bad command line or environment: unknown option, no such folder, no data in it
    USAGE = 2


class BudgetcliError(Exception):
    """Base class: ``str(err)`` is the message a user sees, ``exit_code`` the process status."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(BudgetcliError):
    """The command line or the environment is wrong: no such folder, a year not in the budget…"""

    exit_code = ExitCode.USAGE


class UnwritableFigureError(BudgetcliError):
    """A figure the output cannot hold exactly (a total beyond what Excel keeps exact): refused,
    nothing written, rather than another figure written in its place."""

    exit_code = ExitCode.INVALID


class InvalidDataError(BudgetcliError):
    """The data has errors; ``problems`` holds every diagnostic found (errors and warnings)."""

    exit_code = ExitCode.INVALID

    def __init__(
        self, problems: list[Problem], sides: list[tuple[str, list[Problem]]] | None = None
    ) -> None:
        #: the diagnostics, grouped by the side of a diff they belong to ("" outside a diff)
        self.sides = sides if sides is not None else [("", problems)]
        self.problems = [p for _, group in self.sides for p in group]
        n = sum(p.is_error for p in self.problems)
        named = [side for side, group in self.sides if side and group]
        where = f" in the {' and the '.join(named)}" if named else "; run `budgetcli validate`"
        super().__init__(f"{n} error{'s' if n != 1 else ''}{where}")
