"""The exit codes and the one exception family (``cli.options.errors`` turns an error into a
message and its exit code), and the two messages every command may give: a word from the
command line said safely, an id not found."""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the cli imports this module for ExitCode, on every run and for --help
    from collections.abc import Sequence

    from budgetcli.core.diagnostics import Problem, Said


class ExitCode(IntEnum):
    """The process status, named once (after httpie's ``status.py``)."""

    OK = 0
    #: invalid data (``validate``, ``summary`` …), or differences with ``diff --exit-code``
    INVALID = 1
    #: bad command line or environment: unknown option, no such folder, no data in it
    USAGE = 2


class BudgetcliError(Exception):
    """Base class: ``str(err)`` is the message in English, ``said`` the same as a template and
    its fields (``core.diagnostics.said``), which the command line says in the reader's
    language (``None``: a message made as plain English, said so), ``exit_code`` the process
    status."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str | Said = "", *args: object) -> None:
        self.said = None if isinstance(message, str) else message
        super().__init__(message if isinstance(message, str) else message.english, *args)


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
        self, problems: list[Problem], sides: list[tuple[Said | None, list[Problem]]] | None = None
    ) -> None:
        #: the diagnostics, grouped by the side of a diff they belong to (None outside a diff)
        self.sides = sides if sides is not None else [(None, problems)]
        self.problems = [p for _, group in self.sides for p in group]
        n = sum(p.is_error for p in self.problems)
        named = [side for side, group in self.sides if side and group]
        super().__init__(_errors_found(n, named))


def _errors_found(count: int, sides: list[Said]) -> Said:
    """``2 errors; run `budgetcli validate```, or where they are: ``in the old and the new``
    (the sides of a diff)."""
    from budgetcli.core.diagnostics import said

    if sides:
        where = (
            sides[0] if len(sides) == 1 else said("{old} and the {new}", old=sides[0], new=sides[1])
        )
        if count == 1:
            return said("{count} error in the {sides}", count=count, sides=where)
        return said("{count} errors in the {sides}", count=count, sides=where)
    if count == 1:
        return said("{count} error; run `budgetcli validate`", count=count)
    return said("{count} errors; run `budgetcli validate`", count=count)


def shown(text: str) -> str:
    """A word from the command line (a path, an option's value) as a message says it: a
    control character escaped, so it cannot forge a line."""
    return text if text.isprintable() else repr(text)[1:-1]


def not_found(kind: str, wanted: str, ids: Sequence[str]) -> UsageError:
    """``no proposal with id 'x'; did you mean …?``: up to three ids that contain ``wanted``,
    else the closest by spelling, else where to look. ``kind``: proposal, forecast or area."""
    import difflib

    close = [i for i in ids if wanted in i][:3] or difflib.get_close_matches(wanted, ids, n=3)
    return UsageError(_not_found(kind, wanted, ", ".join(close), ", ".join(ids)))


def _not_found(kind: str, wanted: str, close: str, ids: str) -> Said:
    """The message of ``not_found``: a whole sentence for each kind, with or without ids close
    to ``wanted``."""
    from budgetcli.core.diagnostics import said

    if kind == "area":
        if close:
            return said(
                "no area with code '{code}'; did you mean {close}?", code=wanted, close=close
            )
        return said("no area with code '{code}'; see areas.yaml", code=wanted)
    if kind == "followup":
        if close:
            return said("no follow-up '{id}'; did you mean {close}?", id=wanted, close=close)
        if not ids:
            return said("there is no follow-up: add one in followups/ (see docs/followup.md)")
        return said("no follow-up '{id}'; there are: {ids}", id=wanted, ids=ids)
    if kind == "forecast":
        if close:
            return said("no forecast with id '{id}'; did you mean {close}?", id=wanted, close=close)
        return said("no forecast with id '{id}'; there are: {ids}", id=wanted, ids=ids)
    if close:
        return said("no proposal with id '{id}'; did you mean {close}?", id=wanted, close=close)
    return said("no proposal with id '{id}'; see `budgetcli summary --by proposal`", id=wanted)
