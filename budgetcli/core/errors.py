"""The exit codes and the one exception family (``cli.options.errors`` turns an error into a
message and its exit code), and the two messages every command may give: a word from the
command line said safely, an id not found."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the cli imports this module for ExitCode, on every run and for --help
    from collections.abc import Sequence

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


def shown(text: str) -> str:
    """A word from the command line (a path, an option's value) as a message says it: a
    control character escaped, so it cannot forge a line."""
    return text if text.isprintable() else repr(text)[1:-1]


def not_found(
    kind: str, wanted: str, ids: Sequence[str], otherwise: str, name: str = "id"
) -> UsageError:
    """``no proposal with id 'x'; did you mean …?``: up to three ids that contain ``wanted``,
    else the closest by spelling, else the hint ``otherwise``."""
    import difflib

    close = [i for i in ids if wanted in i][:3] or difflib.get_close_matches(wanted, ids, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else otherwise
    return UsageError(f"no {kind} with {name} '{wanted}'; {hint}")
