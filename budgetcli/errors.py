"""The one exception family; ``cli.py`` turns it into a message and an exit code."""

from __future__ import annotations

from budgetcli.diagnostics import Problem
from budgetcli.status import ExitCode


class BudgetcliError(Exception):
    """Base class: ``str(err)`` is the message a user sees, ``exit_code`` the process status."""

    exit_code: ExitCode = ExitCode.USAGE


class UsageError(BudgetcliError):
    """The command line or the environment is wrong: no such folder, a year not in the budget…"""

    exit_code = ExitCode.USAGE


class InvalidDataError(BudgetcliError):
    """The data has errors; ``problems`` holds every diagnostic found (errors and warnings)."""

    exit_code = ExitCode.INVALID

    def __init__(self, problems: list[Problem], side: str | None = None) -> None:
        self.problems = problems
        self.side = side
        n = sum(p.is_error for p in problems)
        where = f" in {side}" if side else ""
        super().__init__(f"{n} error{'s' if n != 1 else ''}{where}; run `budgetcli validate`")
