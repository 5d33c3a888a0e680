"""What every command does the same way: find the data folder, load it, turn an error into a
message and an exit code, print a value in the format asked for. Heavy modules are imported
inside the functions that need them, so ``budgetcli --help`` stays fast."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from budgetcli.cli.options import Lang, Numbers, OutputFormat
from budgetcli.core.errors import ExitCode

if TYPE_CHECKING:
    from budgetcli.core.domain import Meta
    from budgetcli.core.errors import BudgetcliError
    from budgetcli.core.vocab import Status
    from budgetcli.store.result import Checked, Valid
    from budgetcli.text.i18n import Language, Reading
    from budgetcli.text.renderers import Renderers

T = TypeVar("T")


@contextmanager
def errors(lang: Lang | None = None) -> Iterator[None]:
    """The one place where a budgetcli error becomes a message and an exit code (the
    problems of invalid data in the reader's language: ``lang``)."""
    from budgetcli.core.errors import BudgetcliError, InvalidDataError

    try:
        yield
    except InvalidDataError as exc:
        from budgetcli.text.problems import problems_text, said_in

        for side, problems in exc.sides:
            named = f"{said_in(side, language(lang))}: " if side else ""
            said = problems_text(problems, named, reading(lang))
            sys.stderr.write(said)
        _fail(_message(exc, lang), exc.exit_code)
    except BudgetcliError as exc:
        _fail(_message(exc, lang), exc.exit_code)


def _message(exc: "BudgetcliError", lang: Lang | None) -> str:
    """An error's message in the reader's language, when it was made as a template; else as it
    was made (English)."""
    if exc.said is None:
        return str(exc)
    from budgetcli.text.problems import said_in

    return said_in(exc.said, language(lang))


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


def years(meta: "Meta", year: int | None, lang: Lang | None = None) -> list[int] | None:
    """``[year]`` if it is one of the budget's years (``UsageError`` if not); ``None``: all."""
    from budgetcli.core.errors import UsageError

    if year is None:
        return None
    if year not in meta.years:
        said = language(lang).gettext("{year} is not a year of {title} ({years})")
        raise UsageError(
            said.format(year=year, title=meta.title, years=", ".join(map(str, meta.years)))
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


def language(option: Lang | None, budget: str | None = None, handed_on: bool = False) -> "Language":
    """The language a person reads a command's output in: ``--lang``; else, for what is handed
    on (``handed_on``: the workbook, the report), the budget's own (``budget``, areas.yaml's
    ``language``); else the user's locale (``text.i18n.chosen``)."""
    import os

    from budgetcli.text.i18n import chosen
    from budgetcli.text.i18n import language as of_code

    return of_code(chosen(option and option.value, budget, os.environ, handed_on))


def reading(lang: Lang | None, numbers: Numbers | None = None) -> "Reading":
    """How the output is read: the numbers' style (``--numbers``; Danish unless plain) and the
    language."""
    from budgetcli.text.i18n import Reading

    return Reading(numbers is not Numbers.plain, language(lang))


def emit(
    output: OutputFormat,
    renderers: "Renderers[T]",
    value: T,
    numbers: Numbers | None,
    lang: Lang | None = None,
) -> None:
    """The one output dispatch of every command but validate and import: a table in a
    terminal is drawn (rich, to its width); piped, and in every other format, it is the
    format's text (JSON and CSV: English keys and headers, whatever ``lang``). CSV for Danish
    Excel is written as bytes: its byte-order mark and ``\r\n`` whatever the terminal's
    encoding and the platform's line ends."""
    refusal = numbers_refusal(output, numbers, lang)
    if refusal is not None:
        _fail(refusal, ExitCode.USAGE)
    read = reading(lang, numbers)
    if output is OutputFormat.table and sys.stdout.isatty():
        renderers.draw(value, read)
    elif output is OutputFormat.csv_excel_da:
        sys.stdout.flush()
        sys.stdout.buffer.write(renderers.text(output.value, value, read).encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        out(renderers.text(output.value, value, read))


def numbers_refusal(
    output: OutputFormat, numbers: Numbers | None, lang: Lang | None = None
) -> str | None:
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
    return None if message is None else translated(message, lang)


def translated(message: str, lang: Lang | None = None) -> str:
    """A message marked by ``N_`` in the terminal's language (``--lang``, else the locale's)."""
    return language(lang).gettext(message)
