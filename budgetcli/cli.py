"""The command line: parse options, wire loading -> checks/calc -> rendering, map errors to exit codes.

Nothing here computes a figure or formats a number. Heavy modules (pydantic models, rich) are
imported inside the commands that need them, so ``budgetcli --help`` stays fast.
"""

import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from budgetcli import __version__
from budgetcli.core.errors import ExitCode
from budgetcli.core.vocab import GroupBy, ProposalKind, Status

try:  # typer 0.26+ vendors click as typer._click; older typer runs on click itself
    from typer._click import exceptions as click_errors
except ImportError:  # typer < 0.26
    from click import exceptions as click_errors  # type: ignore[import-not-found,no-redef]

if TYPE_CHECKING:
    from budgetcli.core.catalogue import Catalogue
    from budgetcli.core.diagnostics import Problem
    from budgetcli.core.diff import BudgetDiff
    from budgetcli.core.domain import Budget, Forecast, Meta, Scenario
    from budgetcli.core.errors import UsageError
    from budgetcli.core.imported import Outcome
    from budgetcli.core.publication import Publication
    from budgetcli.folder.listing import DataFile
    from budgetcli.store.result import Checked
    from budgetcli.text.renderers import Renderers
    from budgetcli.word.importing import Plan

PROG = "budgetcli"
T = TypeVar("T")


# --- usage errors: click's, said as budgetcli says its own ---------------------------------


def _shown(text: str) -> str:
    """A word from the command line, safe to print (control characters escaped)."""
    return text if text.isprintable() else repr(text)[1:-1]


def _param_name(param: Any) -> str:
    """An argument by its metavar (``YEAR``), an option by its long name (``--by``)."""
    if param is None:
        return "a value"
    if param.param_type_name == "argument":
        return str(param.metavar or param.name.upper()).strip("[]")
    return str(max(param.opts, key=len))


def _quoted_value(message: str) -> str | None:
    """The value click quotes at the start of its message (``'kommune' is not one of …``)."""
    import re

    found = re.match(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""", message)
    return found.group(1) if found else None


def _bad_parameter(e: "click_errors.BadParameter") -> tuple[str, list[str]]:
    """A value of the wrong kind: what was expected, and the closest choice."""
    import difflib

    name, value = _param_name(e.param), _quoted_value(e.message)
    kind = getattr(e.param, "type", None)
    if isinstance(e, click_errors.MissingParameter):
        kind = "argument" if getattr(e.param, "param_type_name", "") == "argument" else "option"
        return f"missing {kind} {name}", []
    choices = [str(getattr(c, "value", c)) for c in getattr(kind, "choices", None) or []]
    if value is not None and choices:
        close = difflib.get_close_matches(value.strip("'\""), choices, n=1)
        return (
            f"{name} must be one of {', '.join(choices)}, not {value}",
            [f"did you mean {close[0]}?"] if close else [],
        )
    if value is not None and getattr(kind, "name", "") in ("integer", "int"):
        return f"{name} must be a whole number, not {value}", []
    return f"invalid value for {name}: {_sentence(e.message)}", []


def _sentence(message: str) -> str:
    """click's message as a clause: lower-case start, no final full stop."""
    message = message.strip().removesuffix(".")
    return message[:1].lower() + message[1:]


def _usage_message(e: "click_errors.UsageError") -> tuple[str, list[str]]:
    """What went wrong, in one line, and hints (a close match): budgetcli's words, the same
    on every click and typer version (theirs differ in wording and quotes)."""
    import difflib
    import re

    ctx = e.ctx
    if isinstance(e, click_errors.BadParameter):
        return _bad_parameter(e)
    if isinstance(e, click_errors.NoSuchOption):
        names = [o for p in ctx.command.params for o in (*p.opts, *p.secondary_opts)] if ctx else []
        close = difflib.get_close_matches(e.option_name, names, n=1)
        return f"no such option: {_shown(e.option_name)}", [f"did you mean {c}?" for c in close]
    if isinstance(e, click_errors.BadOptionUsage):
        option = _shown(e.option_name)
        if "requires an argument" in e.message:
            return f"{option} needs a value", []
        if "does not take a value" in e.message:
            return f"{option} takes no value", []
    if e.message.startswith("No such command ") and (
        name := _quoted_value(e.message.removeprefix("No such command "))
    ):
        commands = list(getattr(ctx.command, "commands", {})) if ctx else []
        close = difflib.get_close_matches(name.strip("'\""), commands, n=1)
        return f"no such command: {name}", [f"did you mean {c}?" for c in close]
    if extra := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", e.message):
        words = extra.group(1)
        return f"unexpected argument{'s' if ' ' in words else ''}: {words}", []
    return _sentence(e.message), []


def _usage_error(e: "click_errors.UsageError", subcommand: str | None) -> NoReturn:
    """``budgetcli: error: …`` and a ``hint:`` line on stderr, exit 2: no usage block.
    ``subcommand``: the command named on the command line, for an error click gives no
    context (an option's missing value)."""
    message, hints = _usage_message(e)
    ctx = e.ctx
    if ctx is not None:
        subcommand = None if ctx.parent is None else ctx.info_name
    command = PROG if subcommand is None else f"{PROG} {subcommand}"
    see = f"see `{command} --help`"
    hint = f"{hints[0]} {see[0].upper()}{see[1:]}" if hints else see
    sys.stderr.write(f"{PROG}: error: {message}\nhint: {hint}\n")
    sys.exit(int(ExitCode.USAGE))


class _Group(typer.core.TyperGroup):
    """The root command: runs as ``budgetcli`` however started (``python -m budgetcli`` too),
    and reports click's usage errors as budgetcli reports its own."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        prog_name = PROG if prog_name is None else prog_name
        run = (args, prog_name, complete_var)
        if not standalone_mode:
            return super().main(*run, standalone_mode, windows_expand_args, **extra)
        try:
            code = super().main(*run, False, windows_expand_args, **extra)
        except click_errors.NoArgsIsHelpError as e:  # bare `budgetcli`: the help, exit 2
            e.show()
            sys.exit(int(ExitCode.USAGE))
        except click_errors.UsageError as e:
            words = sys.argv[1:] if args is None else args
            _usage_error(e, next((w for w in words if w in self.commands), None))
        except click_errors.ClickException as e:
            sys.stderr.write(f"{PROG}: error: {_sentence(e.format_message())}\n")
            sys.exit(e.exit_code)
        except typer.Abort:
            sys.stderr.write(f"{PROG}: error: aborted\n")
            sys.exit(int(ExitCode.INVALID))
        sys.exit(code if isinstance(code, int) else int(ExitCode.OK))


app = typer.Typer(
    name=PROG,
    cls=_Group,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


class Numbers(StrEnum):
    danish = "danish"
    plain = "plain"


class SchemaKind(StrEnum):
    proposal = "proposal"
    areas = "areas"
    forecast = "forecast"
    prices = "prices"


DATA_HELP = (
    "The data folder (holds areas.yaml and proposals/) [default: ./data or . if it holds"
    " areas.yaml, else the same in each folder above, up to the git work tree's top]"
)
DataOption = Annotated[
    Path | None,
    typer.Option("--data", "-d", envvar="BUDGETCLI_DATA", help=DATA_HELP, show_default=False),
]
CacheOption = Annotated[
    bool,
    typer.Option(
        "--cache/--no-cache",
        help="Reuse the checked result of unchanged files (see README: Cache).",
    ),
]
NumbersOption = Annotated[
    Numbers,
    typer.Option("--numbers", help="danish: 1.200 and -4,9; plain: 1200 and -4.9."),
]
FormatOption = Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")]
PricesOption = Annotated[
    int | None,
    typer.Option(
        "--prices",
        metavar="YEAR",
        min=1900,
        max=2200,
        help="Every amount restated in this year's prices (by rules/prices.yaml: service"
        " amounts by the service index, construction by the construction index).",
        show_default=False,
    ),
]
DiffDataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        "-d",
        envvar="BUDGETCLI_DATA",
        help="The data folder; for a revision, the folder inside the repository, relative"
        " to where you stand [default: found as for the other commands; for a revision,"
        " that folder's place in the repository, or data at its top]",
        show_default=False,
    ),
]


def _optional_argument(metavar: str, text: str) -> Any:
    """A positional argument that may be left out: ``[NAME]``, its default said in ``text``."""
    return typer.Argument(metavar=metavar, help=text, show_default=False)


def _status_option(scope: str = "") -> Any:
    """``--status``, repeatable; ``scope`` says where a proposal has it (diff: either side)."""
    return typer.Option(
        "--status",
        "-s",
        help=f"Only proposals with this status{scope} (repeatable) [default: all but rejected]",
    )


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetcli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """Budget proposals of a Danish municipality, one YAML file each: validate checks
    them, summary sums them, show lays one out, diff compares two versions, frame
    sets the budget against the service and construction frames, forecast sets an
    area's forecast against its budget, import reads proposals from Word, new starts
    one, export writes a workbook or a database, report a web catalogue, schema prints
    the files' JSON Schema.

    The data folder is --data, else $BUDGETCLI_DATA, else found from where you
    stand: ./data or . if it holds areas.yaml, else the same in each folder above, up
    to the top of the git work tree.

    Exit codes: 0 ok, 1 invalid data, 2 usage or environment error.

    \b
    Shell completion (bash, zsh, fish, PowerShell):
        budgetcli --install-completion
    """


# --- wiring --------------------------------------------------------------------------------


@contextmanager
def _errors() -> Iterator[None]:
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


def _data_dir(data: Path | None) -> Path:
    """The data folder named (``--data``, ``$BUDGETCLI_DATA``), else the one found from where
    you stand (``gitdata.find_data_dir``: ./data, ., then the folders above, as git finds its
    repository), else ``data``."""
    if data is not None:
        return data
    from budgetcli.folder.git import find_data_dir

    return find_data_dir(Path.cwd()).folder


def _checked(data: Path | None, use_cache: bool) -> "Checked":
    from budgetcli.store.load import load_checked

    return load_checked(_data_dir(data), use_cache)


def _valid(data: Path | None, use_cache: bool) -> "Checked":
    """The data folder checked, or ``InvalidDataError`` with its errors."""
    from budgetcli.core.errors import InvalidDataError

    checked = _checked(data, use_cache)
    if not checked.valid:
        raise InvalidDataError([p for p in checked.problems if p.is_error])
    return checked


def _valid_budget(data: Path | None, use_cache: bool) -> "Budget":
    budget = _valid(data, use_cache).budget
    assert budget is not None, "a valid data folder has a budget"
    return budget


def _print_rich(view: Callable[[int | None], Any]) -> None:
    """Print the rich renderable ``view`` makes for the terminal's width (``None``: no limit,
    where rich finds no terminal after all, as with ``TTY_COMPATIBLE=0``)."""
    from rich.console import Console

    console = Console(highlight=False)
    if console.is_terminal:
        console.print(view(console.width))
        return
    # no terminal: plain text, never wrapped at an assumed 80 columns, no trailing blanks
    plain = Console(width=1000, no_color=True, highlight=False, force_terminal=False)
    with plain.capture() as capture:
        plain.print(view(None))
    _out("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))


def _out(text: str) -> None:
    sys.stdout.write(text)


def _emit(output: OutputFormat, renderers: "Renderers[T]", value: T, numbers: Numbers) -> None:
    """The one output dispatch of every command but validate: a table in a terminal is drawn
    (rich, to its width); piped, and in every other format, it is the format's text."""
    danish = numbers is Numbers.danish
    if output is OutputFormat.table and sys.stdout.isatty():
        _print_rich(lambda width: renderers.view(value, danish, width))
    else:
        _out(renderers.text(output.value, value, danish))


def _unknown_id(
    kind: str, wanted: str, ids: Sequence[str], otherwise: str, name: str = "id"
) -> "UsageError":
    """``no proposal with id 'x'; did you mean …?``: up to three ids that contain ``wanted``,
    else the closest by spelling, else the hint ``otherwise``."""
    import difflib

    from budgetcli.core.errors import UsageError

    close = [i for i in ids if wanted in i][:3] or difflib.get_close_matches(wanted, ids, n=3)
    hint = f"did you mean {', '.join(close)}?" if close else otherwise
    return UsageError(f"no {kind} with {name} '{wanted}'; {hint}")


# --- commands ------------------------------------------------------------------------------


@app.command(short_help="Check every file; report every problem, not only the first.")
def validate(
    data_dir: Annotated[
        Path | None,
        _optional_argument("[DATA_DIR]", "The data folder, as --data (give one or the other)."),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", "-d", help=DATA_HELP + " [env var: BUDGETCLI_DATA]", show_default=False
        ),
    ] = None,
    output: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json, or github (annotations).")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Only the problems: no count line (text format)."),
    ] = False,
    cache: CacheOption = True,
) -> None:
    """Check every file of a data folder; report all problems, not only the first.

    Each problem is printed as path:line:col: severity: message [rule], and then
    the count (on stderr; not with --quiet). Exit 0 when there are no errors
    (warnings alone do not fail, unless --strict), 1 when there are, 2 when the
    folder does not exist or holds no areas.yaml.

    Example:

    \b
        budgetcli validate data --format github
    """
    from budgetcli.core.diagnostics import strict as make_strict
    from budgetcli.text.problems import (
        problems_count,
        problems_github,
        problems_json,
        problems_text,
    )

    with _errors():
        checked = _checked(_validate_folder(data_dir, data), cache)
    problems, files = checked.problems, checked.files
    if strict:
        problems = make_strict(problems)
    if output is CheckFormat.json:
        _out(problems_json(problems, files))
    elif output is CheckFormat.github:
        _out(problems_github(problems))
    else:
        _out(problems_text(problems))
        if not quiet:
            sys.stdout.flush()  # the count comes after the problems, also in a shared terminal
            sys.stderr.write(problems_count(problems, files) + "\n")
    if any(p.is_error for p in problems):
        raise typer.Exit(int(ExitCode.INVALID))


def _validate_folder(data_dir: Path | None, data: Path | None) -> Path | None:
    """validate's folder: DATA_DIR or --data (the same folder if both), else
    ``$BUDGETCLI_DATA``, else ``None`` (found from where you stand)."""
    from budgetcli.core.errors import UsageError

    if data_dir is not None and data is not None and not _same_folder(data_dir, data):
        raise UsageError(
            f"DATA_DIR {_shown(str(data_dir))} and --data {_shown(str(data))} are different"
            " folders; give one of them"
        )
    named = os.environ.get("BUDGETCLI_DATA")
    return data_dir or data or (Path(named) if named else None)


def _same_folder(a: Path, b: Path) -> bool:
    """The same folder, however written (``data``, ``./data/``, a link to it)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one is not there: the same name, then
        return os.path.abspath(a) == os.path.abspath(b)


@app.command(short_help="Savings, investments, net and FTE per group and year.")
def summary(
    year: Annotated[
        int | None, _optional_argument("[YEAR]", "One budget year; without it, every year.")
    ] = None,
    by: Annotated[GroupBy, typer.Option("--by", "-b", help="Group rows by this.")] = GroupBy.AREA,
    status: Annotated[list[Status] | None, _status_option()] = None,
    data: DataOption = None,
    output: FormatOption = OutputFormat.table,
    numbers: NumbersOption = Numbers.danish,
    prices: PricesOption = None,
    budgets: Annotated[
        bool | None,
        typer.Option(
            "--budgets/--no-budgets",
            help="By area: each area's budget, the budget after and the change in % in the"
            " table [default: for one year, in a terminal when the table fits]",
            show_default=False,
        ),
    ] = None,
    cache: CacheOption = True,
) -> None:
    """Savings, investments, net change, service frame split and FTE per group and year.

    Savings are the saving components (or a negative change without components),
    investments the investment components (or a positive change); net = savings +
    investments = inside + outside the service frame. Construction (capital spending)
    is a column of its own, never part of net. Amounts are in the budget's unit
    (1.000 kr.); negative = lower expense. Invalid data: the diagnostics and exit 1.

    Examples:

    \b
        budgetcli summary 2024
        budgetcli summary --by committee --status adopted --format csv
        budgetcli summary --by kind
        budgetcli summary --prices 2025 --data examples/prices-2024
    """
    from budgetcli.core.calc import summarize_lines
    from budgetcli.core.groups import summary_of
    from budgetcli.text.summary import summary_renderers

    with _errors():
        checked = _valid(data, cache)
        meta = _meta(checked)
        statuses, years = _statuses(status), _years(meta, year)
        if prices is None:
            lines = lambda: checked.lines  # noqa: E731  (read only if the groups do not answer)
            result = summary_of(meta, lines, checked.groups, by, statuses, years)
        else:
            restated = _in_prices(checked, prices, frames=False, statuses=statuses)
            result = summarize_lines(restated.meta, restated.lines, by, statuses, years)
    _emit(output, summary_renderers(budgets), result, numbers)
    _say_if_empty(checked)


def _meta(checked: "Checked") -> "Meta":
    meta = checked.meta
    assert meta is not None, "a valid data folder has its areas"
    return meta


def _years(meta: "Meta", year: int | None) -> list[int] | None:
    """``[year]`` if it is one of the budget's years (``UsageError`` if not); ``None``: all."""
    from budgetcli.core.errors import UsageError

    if year is None:
        return None
    if year not in meta.years:
        raise UsageError(
            f"{year} is not a year of {meta.title} ({', '.join(map(str, meta.years))})"
        )
    return [year]


def _in_prices(
    checked: "Checked",
    year: int,
    frames: bool = True,
    statuses: tuple[Status, ...] | None = None,
) -> "Catalogue":
    """The checked budget with every amount in ``year``'s prices (its frames and baseline
    left out, unless ``frames``; only the proposals of ``statuses``, if given)."""
    from budgetcli.core.prices import in_prices

    budget, catalogue = checked.budget, checked.catalogue
    assert budget is not None, "a valid data folder has a budget"
    assert catalogue is not None, "a valid data folder has a catalogue"
    return in_prices(catalogue, budget.prices, year, frames, statuses)


def _statuses(status: list[Status] | None) -> tuple[Status, ...]:
    """The statuses asked for (``--status``), else every one but rejected."""
    from budgetcli.core.vocab import ACTIVE_STATUSES

    return tuple(dict.fromkeys(status)) if status else ACTIVE_STATUSES


def _say_if_empty(checked: "Checked") -> None:
    """A table of zeros says why, under it (on stderr: the output stays the table)."""
    from budgetcli.text.problems import empty_note

    note = empty_note(checked.problems)
    if note:
        sys.stdout.flush()
        sys.stderr.write(note)


@app.command(short_help="One proposal, laid out like the document's page.")
def show(
    proposal_id: Annotated[
        str, typer.Argument(metavar="ID", help="The proposal's id (its file name).")
    ],
    data: DataOption = None,
    output: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            "-f",
            help="table (the page), json (the file's data), csv (its figures a year) or markdown.",
        ),
    ] = OutputFormat.table,
    numbers: NumbersOption = Numbers.danish,
    prices: PricesOption = None,
    cache: CacheOption = True,
) -> None:
    """One proposal laid out like the document's page: figures per year, staffing,
    components, allocations, notes and description.

    Example:

    \b
        budgetcli show plejecenter-sygefravaer
    """
    from budgetcli.core.calc import figures_by_year
    from budgetcli.text.page import SHOW, Shown

    with _errors():
        checked = _valid(data, cache)
        catalogue = checked.catalogue
        assert catalogue is not None, "a valid data folder has a budget"
        found = {line.id: i for i, line in enumerate(catalogue.lines)}  # the last of an id
        if proposal_id not in found:
            hint = "see `budgetcli summary --by proposal`"
            raise _unknown_id("proposal", proposal_id, list(found), hint)
        p, meta = catalogue.proposal(found[proposal_id]), catalogue.meta  # only it is read
        if prices is not None:
            from budgetcli.core.prices import restate_meta, restate_proposal, restatement

            assert checked.budget is not None, "a valid data folder has a budget"
            r = restatement(meta, checked.budget.prices, prices)
            p, meta = restate_proposal(p, r), restate_meta(meta, r, frames=False)
        shown = Shown(p, figures_by_year(p, meta.years), meta)
    _emit(output, SHOW, shown, numbers)


@app.command(short_help="What changed between two versions: folders or git revisions.")
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="A data folder or a git revision.")],
    new: Annotated[
        str | None,
        _optional_argument(
            "[NEW]", "A data folder or a git revision [default: the --data folder as it is now]."
        ),
    ] = None,
    data: DiffDataOption = None,
    by: Annotated[
        GroupBy, typer.Option("--by", "-b", help="Group the totals by this.")
    ] = GroupBy.AREA,
    status: Annotated[list[Status] | None, _status_option(", on either side")] = None,
    output: FormatOption = OutputFormat.table,
    numbers: NumbersOption = Numbers.danish,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are differences (as git diff).")
    ] = False,
    prices: PricesOption = None,
    cache: CacheOption = True,
) -> None:
    """What changed between two versions of the budget: proposals added, removed,
    renamed and changed, and the totals per group and year, old → new (delta).

    Each side is a data folder or a git revision (a commit, HEAD~1, a tag, a
    branch), read from git's objects without touching the work tree; with one
    side, it is compared with the --data folder as it is now. Two versions in
    different prices are not compared as they stand: --prices YEAR restates each
    in that year's prices (by its own rules/prices.yaml). Exit 0 (1 with
    --exit-code when something differs); invalid data on either side: the
    diagnostics and exit 1; no such folder or revision, or other prices: exit 2.

    Examples:

    \b
        budgetcli diff HEAD~1 HEAD
        budgetcli diff budget-juni/ data/ --format json
        budgetcli diff v2024-forlig --exit-code
    """
    from budgetcli.text.diff import DIFF

    with _errors():
        result = _diffed(old, new, data, by, _statuses(status), cache, prices)
    _emit(output, DIFF, result, numbers)
    if exit_code and result.has_differences:
        raise typer.Exit(int(ExitCode.INVALID))


def _diffed(
    old: str,
    new: str | None,
    data: Path | None,
    by: GroupBy,
    statuses: tuple[Status, ...],
    use_cache: bool,
    prices: int | None = None,
) -> "BudgetDiff":
    """The two sides checked and compared; ``InvalidDataError`` with each side's errors,
    ``UsageError`` if the two cannot be compared (other units, no year in common)."""
    from budgetcli.core.diff import diff_catalogues, incomparable
    from budgetcli.core.errors import InvalidDataError, UsageError

    folder = _data_dir(data)
    checked = [
        (f"{name} side ({spec or folder})", _side(spec, data, use_cache))
        for name, spec in (("old", old), ("new", new))
    ]
    errors = [(label, [p for p in c.problems if p.is_error]) for label, c in checked]
    (_, old_checked), (_, new_checked) = checked
    old_catalogue, new_catalogue = old_checked.catalogue, new_checked.catalogue
    if any(group for _, group in errors) or old_catalogue is None or new_catalogue is None:
        raise InvalidDataError([], sides=errors)
    if prices is not None:
        old_catalogue, new_catalogue = (_side_in_prices(label, c, prices) for label, c in checked)
    reason = incomparable(old_catalogue.meta, new_catalogue.meta)
    if reason is not None:
        raise UsageError(reason)
    return diff_catalogues(
        old_catalogue,
        new_catalogue,
        by=by,
        statuses=statuses,
        old_label=old,
        new_label=new or str(folder),
    )


def _side_in_prices(label: str, checked: "Checked", year: int) -> "Catalogue":
    """One side of a diff in ``year``'s prices; why it cannot be says which side."""
    from budgetcli.core.errors import UsageError

    try:
        return _in_prices(checked, year)
    except UsageError as exc:
        raise UsageError(f"the {label}: {exc}") from None


def _side(spec: str | None, data: Path | None, use_cache: bool) -> "Checked":
    """One side of a diff, checked: a folder if one is there, else a git revision (of the
    --data folder, or of the one found from where you stand, by its place in the repository)."""
    from budgetcli.store.load import check_files, load_checked

    if spec is None:
        return load_checked(_data_dir(data), use_cache)
    try:
        is_folder = Path(spec).is_dir()
    except OSError:  # a name too long for a path, say: then it can only be a revision
        is_folder = False
    if is_folder:
        return load_checked(Path(spec), use_cache)
    from budgetcli.folder.git import find_data_dir, read_revision

    if data is None:
        found = Path(find_data_dir(Path.cwd()).in_repository)
        return check_files(read_revision(spec, found, Path.cwd(), from_top=True), use_cache)
    return check_files(read_revision(spec, data, Path.cwd()), use_cache)


def _range(text: str | None, option: str) -> tuple[int, int] | None:
    """``9..17`` -> (9, 17); ``13`` -> (13, 13)."""
    from budgetcli.core.errors import UsageError

    if text is None:
        return None
    low, sep, high = text.partition("..")
    try:
        pair = (int(low), int(high if sep else low))
    except ValueError:
        raise UsageError(
            f"{option} takes a whole number or a range like 9..17, not '{text}'"
        ) from None
    if pair[0] > pair[1] or pair[0] < 0:
        raise UsageError(f"{option}: the range {text} must run from low to high, not below 0")
    return pair


@app.command(short_help="The budget against the service and construction frames, per year.")
def frame(
    year: Annotated[
        int | None, _optional_argument("[YEAR]", "One budget year; without it, every year.")
    ] = None,
    status: Annotated[list[Status] | None, _status_option()] = None,
    data: DataOption = None,
    output: FormatOption = OutputFormat.table,
    numbers: NumbersOption = Numbers.danish,
    prices: PricesOption = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help="Exit 1 when a year is over a frame (every proposal counted adopted).",
        ),
    ] = False,
    cache: CacheOption = True,
) -> None:
    """The frame position: per year, for the service frame and the construction
    frame of areas.yaml, the frame, the budget before the proposals (baseline), the
    change the adopted and realized proposals make inside it, the budget after and
    the deviation (positive = over the frame); then the same if every proposed
    proposal is adopted. Inside the service frame counts toward the service frame,
    construction toward the construction frame.

    Exit 0; with --exit-code, 1 when any year is over a frame; invalid data: the
    diagnostics and exit 1; no frames in areas.yaml: exit 2.

    Examples:

    \b
        budgetcli frame --data examples/ishoej-2026-2029
        budgetcli frame 2026 --data examples/ishoej-2026-2029 --status adopted --format csv
    """
    from budgetcli.core.calc import status_sums
    from budgetcli.core.frames import frame_report
    from budgetcli.text.frame import FRAME

    with _errors():
        checked = _valid(data, cache)
        meta, sums = _meta(checked), checked.sums
        years = _years(meta, year)
        if prices is not None:
            restated = _in_prices(checked, prices, statuses=_statuses(status))
            meta, sums = restated.meta, status_sums(restated.lines)
        report = frame_report(meta, sums, _statuses(status), years)
    _emit(output, FRAME, report, numbers)
    if exit_code and report.over:
        raise typer.Exit(int(ExitCode.INVALID))


@app.command(short_help="An area's forecast for the year against its budget.")
def forecast(
    forecast_id: Annotated[
        str | None, _optional_argument("[ID]", "A forecast's id [default: every forecast].")
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario", help="A scenario of the file (low, high …) instead of the base case."
        ),
    ] = None,
    inflow: Annotated[
        str | None,
        typer.Option("--inflow", metavar="N..M", help="Expected inflow, as a range of counts."),
    ] = None,
    average_cost: Annotated[
        str | None,
        typer.Option(
            "--average-cost",
            metavar="KR..KR",
            help="The inflow's average annual cost in kr., a range.",
        ),
    ] = None,
    data: DataOption = None,
    output: FormatOption = OutputFormat.table,
    numbers: NumbersOption = Numbers.danish,
    cache: CacheOption = True,
) -> None:
    """An area's forecast for the year against its budget: per line the forecast, the
    budget and the overspend (merforbrug), the overspend inside the service frame and
    the overspend in total after the state refusion, which lies outside the frame.

    Lines marked * are computed from the forecast's case register (cost pro rata by
    days, inflow and outflow, refusion per case by rules/refusion.yaml). Scenarios of
    the file, or --inflow/--average-cost ranges, are shown beside the base case.

    Examples:

    \b
        budgetcli forecast voksenspecialiseret-2024
        budgetcli forecast eksempel-sagsregister-2024 --scenario high
        budgetcli forecast eksempel-sagsregister-2024 --inflow 9..17 --average-cost 500000..850000
    """
    from budgetcli.core.forecasting import run
    from budgetcli.text.forecast import FORECASTS

    with _errors():
        budget = _valid_budget(data, cache)
        chosen = _chosen_forecasts(budget, forecast_id, scenario, data)
        ranges = _ranges(inflow, average_cost)
        results = [(run(f, budget.refusion_rules, scenario, ranges), scenario) for f in chosen]
    _emit(output, FORECASTS, results, numbers)


def _chosen_forecasts(
    budget: "Budget", forecast_id: str | None, scenario: str | None, data: Path | None
) -> list["Forecast"]:
    """The forecast named (every one, if none is), those of them that have ``scenario``;
    ``UsageError`` if there is none."""
    from budgetcli.core.errors import UsageError

    found = {lf.forecast.id: lf.forecast for lf in budget.forecasts}
    if not found:
        raise UsageError(f"{_data_dir(data)} has no forecasts (data/forecasts/<id>.yaml)")
    if forecast_id is not None and forecast_id not in found:
        raise _unknown_id("forecast", forecast_id, list(found), f"there are: {', '.join(found)}")
    chosen = [found[forecast_id]] if forecast_id else list(found.values())
    if scenario not in (None, "base"):
        chosen = [f for f in chosen if scenario in f.scenarios]
        if not chosen:
            raise UsageError(
                f"no forecast{'' if forecast_id is None else ' ' + forecast_id} has a scenario '{scenario}'"
            )
    return chosen


def _ranges(inflow: str | None, average_cost: str | None) -> "dict[str, Scenario] | None":
    """``--inflow`` and ``--average-cost`` as the ``low`` and ``high`` scenarios (``None``:
    neither given)."""
    from budgetcli.core.domain import Scenario

    counts, costs = _range(inflow, "--inflow"), _range(average_cost, "--average-cost")
    if not (counts or costs):
        return None
    return {
        name: Scenario(counts[i] if counts else None, costs[i] if costs else None)
        for i, name in enumerate(("low", "high"))
    }


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


AddAreasOption = Annotated[
    bool,
    typer.Option("--add-areas", help="Add area codes areas.yaml lacks (as the pages state them)."),
]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        help="The unit of economic tables that state none: 1000 (or t.kr.), 1 (kr.), 1000000"
        " (mio. kr.).",
        show_default=False,
    ),
]


@app.command("import", short_help="Read proposals from Word: .docx, or its plain text.")
def import_(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE...", help=".docx, or .txt as Word saves plain text."),
    ],
    to: Annotated[
        Path | None,
        typer.Option("--to", help="The data folder to write into [default: found as for --data]."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print what would be written; write nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a proposal file an earlier import wrote.")
    ] = False,
    add_areas: AddAreasOption = False,
    unit: UnitOption = None,
    output: Annotated[
        ImportFormat, typer.Option("--format", "-f", help="text, or json.")
    ] = ImportFormat.text,
) -> None:
    """Read the proposal template ("Rådighedsforslag til budget …") from Word
    documents into proposal files, one a page, and check the result as validate
    does.

    Every figure is read exactly, in the unit its table states (converted into the
    budget's), or the page is refused: a page with any error writes nothing, and
    the report says which page, which row and what to fix; the other pages are
    written. Ids are made from the titles; each file keeps its source (document
    and page). Everything is planned and checked in memory first; --dry-run
    prints it and writes nothing. A file that is there is kept unless --force,
    which replaces only a file an import wrote. Exit 0; 1 when a page was
    refused, a file kept or a check fails; 2 for a usage error or a folder that
    cannot be written (then nothing is written).

    Examples:

    \b
        budgetcli import forslag.docx --dry-run
        budgetcli import forslag.docx bilag.txt --to data --add-areas --format json
        budgetcli import forslag.docx --unit mio.kr. --force
    """
    from budgetcli.folder.listing import list_folder
    from budgetcli.word import importing

    with _errors():
        folder = _data_dir(to)
        budget = _valid_budget(folder, use_cache=False)
        options = importing.Options(force, add_areas, _unit(unit))
        listed = list_folder(folder)
        planned = importing.plan(_documents(files), listed, budget, options, _check_files)
        if not dry_run:
            _write_import(planned, folder, force)
    outcomes = importing.outcomes(planned, listed, force, dry_run)
    _report_import(outcomes, planned.problems, output, dry_run)


def _report_import(
    outcomes: list["Outcome"], problems: list["Problem"], output: ImportFormat, dry_run: bool
) -> None:
    """An import's report (the count on stderr, after it); exit 1 when a page was refused,
    a file kept, or a check fails."""
    from budgetcli.text.importing import import_count, import_json, import_text

    if output is ImportFormat.json:
        _out(import_json(outcomes, problems, dry_run))
    else:
        _out(import_text(outcomes, problems, dry_run))
        sys.stdout.flush()
        sys.stderr.write(import_count(outcomes, problems, dry_run) + "\n")
    if any(p.is_error for p in problems) or any(o.done == "kept" for o in outcomes):
        raise typer.Exit(int(ExitCode.INVALID))


def _check_files(files: list["DataFile"]) -> list["Problem"]:
    """Files in memory checked as validate checks a folder (import's plan, before it writes)."""
    from budgetcli.store.load import compute

    return compute(files).problems


def _unit(text: str | None) -> int | None:
    """``--unit`` as a power of ten of kroner (``UsageError`` if it is no unit)."""
    from budgetcli.core.errors import UsageError
    from budgetcli.word.danish import named_unit

    if text is None:
        return None
    found = named_unit(text)
    if found is None:
        raise UsageError(
            f"--unit {_shown(text)} is not a unit: give 1000 (t.kr.), 1 (kr.) or 1000000 (mio. kr.)"
        )
    return found


def _write_import(planned: "Plan", folder: Path, force: bool) -> None:
    """The plan written, all or nothing (``UsageError``, exit 2, if it cannot be)."""
    from budgetcli.core.errors import UsageError
    from budgetcli.folder.writing import NotWritten
    from budgetcli.word.importing import write

    try:
        write(planned, folder, force)
    except NotWritten as exc:
        left = f"; {', '.join(map(str, exc.left))} could not be undone" if exc.left else ""
        raise UsageError(
            f"cannot write {_shown(str(exc.path))}: {exc.reason}: nothing was imported{left}"
        ) from None


def _documents(files: list[Path]) -> list[tuple[str, bytes]]:
    """Each file named, read (``UsageError`` for a kind of file import does not read, one
    that is not there, or one too large to be a proposal document)."""
    from budgetcli.core.errors import UsageError
    from budgetcli.word.importing import READERS, read_document

    out = []
    for path in files:
        if path.suffix.lower() not in READERS:
            raise UsageError(
                f"{_shown(str(path))}: import reads .docx and .txt (Word's plain text), "
                f"not {path.suffix or 'a file without a suffix'}"
            )
        found = read_document(path)
        if isinstance(found, str):
            raise UsageError(f"cannot read {_shown(str(path))}: {found}")
        out.append((_shown(str(path)), found))
    return out


@app.command(short_help="Start a proposal file: every field there, commented.")
def new(
    proposal_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new proposal's id (its file name).")
    ],
    area: Annotated[
        list[str],
        typer.Option("--area", "-a", help="Its budget area's code (repeatable)."),
    ],
    kind: Annotated[
        ProposalKind, typer.Option("--kind", "-k", help="What kind of proposal it is.")
    ] = ProposalKind.REDUCTION,
    data: DataOption = None,
) -> None:
    """Write proposals/ID.yaml from a template: every field of the format, each
    commented in Danish and English, the committee and the area's budget filled in
    from areas.yaml and the budget's years as keys. It validates, with warnings
    [to-fill-in] for what is still to write. An id that is taken, or an area not in
    areas.yaml, is refused (exit 2).

    Example:

    \b
        budgetcli new kortere-aabningstid --area B60.30.10
    """
    from budgetcli.folder.listing import display_path
    from budgetcli.folder.proposalfile import template_text, write_new

    with _errors():
        folder = _data_dir(data)
        meta = _meta(_valid(folder, use_cache=True))
        found = [meta.area(code) for code in area]
        unknown = [code for code, a in zip(area, found, strict=True) if a is None]
        if unknown:
            codes = [a.code for a in meta.areas]
            raise _unknown_id("area", unknown[0], codes, "see areas.yaml", name="code")
        areas = [a for a in found if a is not None]
        committee = areas[0].committee if len({a.committee for a in areas}) == 1 else None
        budgets = [a.budget for a in areas]
        budget = (
            {y: sum(b.get(y, 0) for b in budgets if b) for y in meta.years}
            if all(budgets)
            else None
        )
        text = template_text(proposal_id, area, committee, budget, meta.years, kind.value)
        path = write_new(folder, proposal_id, text)
    _out(f"wrote {display_path(path)}\n")


class ExportFormat(StrEnum):
    xlsx = "xlsx"
    sqlite = "sqlite"


def _published(
    data: Path | None, status: list[Status] | None, prices: int | None, command: str
) -> "Publication":
    """The valid data folder as published (its proposals of the statuses, in ``prices``)."""
    from budgetcli.core.publication import publication

    checked = _valid(data, use_cache=True)
    catalogue = checked.catalogue
    assert catalogue is not None, "a valid data folder has a catalogue"
    if prices is not None:
        catalogue = _in_prices(checked, prices, statuses=_statuses(status))
    return publication(catalogue, _statuses(status), command)


def _refuse(refusal: str | None) -> None:
    """``UsageError`` with ``refusal``, if there is one (``files.outputs`` judges outputs)."""
    from budgetcli.core.errors import UsageError

    if refusal is not None:
        raise UsageError(refusal)


@app.command(short_help="The budget as an Excel workbook or an SQLite database.")
def export(
    output: Annotated[ExportFormat, typer.Option("--format", "-f", help="xlsx (Excel) or sqlite.")],
    out: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    data: DataOption = None,
    status: Annotated[list[Status] | None, _status_option()] = None,
    prices: PricesOption = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace the file if it is there (a regular file, never a link)."
        ),
    ] = False,
) -> None:
    """Write the budget as an Excel workbook (an overview per year and area, the
    proposals, components, allocations and the frame position, each an Excel table)
    or as an SQLite database (areas, proposals, amounts, components, allocations,
    staffing, views of the summary), written atomically; a regular file that is there
    is replaced only with --force, a link, a folder, a device or a file of the data
    folder never. Invalid data: the diagnostics and exit 1, nothing written; an
    output that cannot be written: exit 2, nothing changed.

    Examples:

    \b
        budgetcli export --format xlsx -o budget.xlsx
        budgetcli export --format sqlite -o budget.db --force
    """
    from budgetcli.folder.outputs import file_refusal, write_file

    with _errors():
        folder = _data_dir(data)
        _refuse(file_refusal(out, force, folder))
        published = _published(folder, status, prices, _command_line())
        if output is ExportFormat.xlsx:
            from budgetcli.publish.xlsx import workbook

            content = workbook(published)
        else:
            from budgetcli.publish.sqlite import database

            content = database(published)
        _write_output(lambda: write_file(out, content), out)
    _out(f"wrote {_shown(str(out))}\n")


@app.command(short_help="The catalogue as a static web site, for the council and the public.")
def report(
    out: Annotated[Path, typer.Option("--output", "-o", help="The folder to write.")],
    data: DataOption = None,
    status: Annotated[list[Status] | None, _status_option()] = None,
    prices: PricesOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace the folder if it is empty or one report wrote."),
    ] = False,
) -> None:
    """Write the catalogue as static HTML: an overview (the summary per year and area,
    the frame position, charts), a page per proposal laid out like the template's,
    and an index of them to sort and filter. It opens without a network, reads on a
    phone, and prints one proposal a page. Written into a new folder and then put in
    place, so nothing half-written is left. A folder that is there is replaced only
    with --force, and only if it is empty or one report wrote (it leaves
    .budgetcli-report in it): never the data folder, the current or home folder, or
    one that holds them. Invalid data: exit 1; an output that cannot be written or
    replaced: exit 2, nothing changed.

    Example:

    \b
        budgetcli report -o site
    """
    from budgetcli.folder.outputs import folder_refusal, write_report
    from budgetcli.publish.site import site

    with _errors():
        folder = _data_dir(data)
        _refuse(folder_refusal(out, force, folder))
        published = _published(folder, status, prices, _command_line())
        files = site(published)
        _write_output(lambda: write_report(out, files), out)
    _out(f"wrote {_shown(str(out))}/index.html ({len(files)} files)\n")


def _command_line() -> str:
    import shlex

    return shlex.join(["budgetcli", *sys.argv[1:]])


def _write_output(write: Callable[[], None], path: Path) -> None:
    from budgetcli.core.errors import UsageError

    try:
        write()
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise UsageError(f"cannot write {_shown(str(path))}: {why} (nothing was changed)") from None


@app.command(short_help="The JSON Schema of a kind of file, for editors.")
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help="proposal, areas, forecast or prices.")
    ] = SchemaKind.proposal,
) -> None:
    """Print the JSON Schema of a proposal file or of areas.yaml, for editors.

    With VS Code's YAML extension, write the schema to a file and name it in
    .vscode/settings.json: "yaml.schemas": {"proposal.schema.json":
    "data/proposals/*.yaml"}.

    Example:

    \b
        budgetcli schema proposal > proposal.schema.json
    """
    import json

    from pydantic import BaseModel

    from budgetcli.folder.models import (
        AreasFile,
        ForecastFile,
        PricesFile,
        ProposalFile,
        json_schema,
    )

    models: dict[SchemaKind, type[BaseModel]] = {
        SchemaKind.proposal: ProposalFile,
        SchemaKind.areas: AreasFile,
        SchemaKind.forecast: ForecastFile,
        SchemaKind.prices: PricesFile,
    }
    _out(json.dumps(json_schema(models[kind]), ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    """The console script: run the app; a closed pipe (``| head``) is not an error."""
    # a command is a short process that builds large graphs of objects it keeps: the cyclic
    # collector would walk them again and again for nothing (a third of loading 10,000
    # proposals), and once more at exit, unless they are frozen first (25 ms of a cached
    # summary of the bundled data)
    gc.disable()
    try:
        app()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
    finally:
        gc.freeze()
