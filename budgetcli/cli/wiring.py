"""What every command does the same way: find the data folder, load it, turn an error into a
message and an exit code, print a value in the format asked for. Heavy modules are imported
inside the functions that need them, so ``budgetcli --help`` stays fast."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from budgetcli.cli.options import Numbers, OutputFormat
from budgetcli.core.errors import ExitCode

if TYPE_CHECKING:
    from budgetcli.core.domain import Meta
    from budgetcli.core.vocab import Status
    from budgetcli.store.result import Checked, Valid
    from budgetcli.text.i18n import Language
    from budgetcli.text.renderers import Renderers

T = TypeVar("T")


@contextmanager
def errors() -> Iterator[None]:
    """The one place where a budgetcli error becomes a message and an exit code."""
    from budgetcli.core.errors import BudgetcliError, InvalidDataError

    try:
        yield
    except InvalidDataError as exc:
        from budgetcli.text.problems import problems_text

        for side, problems in exc.sides:
            sys.stderr.write(problems_text(problems, f"{side}: " if side else ""))
        _fail(str(exc), exc.exit_code)
    except BudgetcliError as exc:
        _fail(str(exc), exc.exit_code)


def _fail(message: str, code: ExitCode) -> NoReturn:
    sys.stderr.write(f"budgetcli: error: {message}\n")
    raise typer.Exit(int(code))


def exit_if(failed: bool) -> None:
    """Exit 1 (invalid data, or differences) if ``failed``."""
    if failed:
        raise typer.Exit(int(ExitCode.INVALID))


def data_dir(data: Path | None) -> Path:
    """The data folder named (``--data``, ``$BUDGETCLI_DATA``), else the one found from where
    you stand (``folder.git.find_data_dir``: ./data, ., then the folders above, as git finds
    its repository), else ``data``."""
    if data is not None:
        return data
    from budgetcli.folder.git import find_data_dir

    return find_data_dir(Path.cwd()).folder


def checked(data: Path | None, use_cache: bool) -> "Checked":
    """The data folder loaded and checked, valid or not."""
    from budgetcli.store.load import load_checked

    return load_checked(data_dir(data), use_cache)


def valid(data: Path | None, use_cache: bool) -> "Valid":
    """The data folder loaded and checked, or ``InvalidDataError`` with its errors."""
    return checked(data, use_cache).as_valid()


def years(meta: "Meta", year: int | None) -> list[int] | None:
    """``[year]`` if it is one of the budget's years (``UsageError`` if not); ``None``: all."""
    from budgetcli.core.errors import UsageError

    if year is None:
        return None
    if year not in meta.years:
        raise UsageError(
            f"{year} is not a year of {meta.title} ({', '.join(map(str, meta.years))})"
        )
    return [year]


def statuses(status: list["Status"] | None) -> tuple["Status", ...]:
    """The statuses asked for (``--status``), else every one but rejected."""
    from budgetcli.core.vocab import ACTIVE_STATUSES

    return tuple(dict.fromkeys(status)) if status else ACTIVE_STATUSES


def out(text: str) -> None:
    sys.stdout.write(text)


def say(text: str) -> None:
    """``text`` (a count, a note) on stderr, if there is any, after what is on stdout (also
    in a terminal both share)."""
    if text:
        sys.stdout.flush()
        sys.stderr.write(text)


def emit(
    output: OutputFormat, renderers: "Renderers[T]", value: T, numbers: Numbers | None
) -> None:
    """The one output dispatch of every command but validate and import: a table in a
    terminal is drawn (rich, to its width); piped, and in every other format, it is the
    format's text. CSV for Danish Excel is written as bytes: its byte-order mark and
    ``\r\n`` whatever the terminal's encoding and the platform's line ends."""
    refusal = numbers_refusal(output, numbers)
    if refusal is not None:
        _fail(refusal, ExitCode.USAGE)
    danish = numbers is not Numbers.plain
    if output is OutputFormat.table and sys.stdout.isatty():
        renderers.draw(value, danish)
    elif output is OutputFormat.csv_excel_da:
        sys.stdout.flush()
        sys.stdout.buffer.write(renderers.text(output.value, value, danish).encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        out(renderers.text(output.value, value, danish))


def numbers_refusal(output: OutputFormat, numbers: Numbers | None) -> str | None:
    """Why ``--numbers``, if given, cannot be followed in ``output`` (CSV and JSON for
    programs have plain numbers, CSV for Danish Excel a decimal comma); ``None``: it can."""
    from budgetcli.text.i18n import N_  # not at import: --help stays light

    refused = {
        (OutputFormat.csv, Numbers.danish): N_(
            "--numbers danish does not apply to --format csv, which writes plain numbers for"
            " programs; for CSV that Danish Excel opens, use --format csv-excel-da"
        ),
        (OutputFormat.json, Numbers.danish): N_(
            "--numbers danish does not apply to --format json: JSON numbers are plain"
        ),
        (OutputFormat.csv_excel_da, Numbers.plain): N_(
            "--numbers plain does not apply to --format csv-excel-da, which writes a decimal"
            " comma as Danish Excel reads it; for plain numbers, use --format csv"
        ),
    }
    message = refused.get((output, numbers)) if numbers is not None else None
    return None if message is None else translated(message)


def terminal_language() -> "Language":
    """The language of what a command says in the terminal: the user's locale's."""
    import os

    from budgetcli.text.i18n import language, of_locale

    return language(of_locale(os.environ))


def translated(message: str) -> str:
    """A message marked by ``N_`` in the terminal's language (the user's locale)."""
    return terminal_language().gettext(message)
