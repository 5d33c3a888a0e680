"""The command line: parse options, wire loading -> checks/calc -> rendering, map errors to exit codes.

Nothing here computes a figure or formats a number. Heavy modules (pydantic models, rich) are
imported inside the commands that need them, so ``budgetcli --help`` stays fast.
"""

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from budgetcli import __version__
from budgetcli.status import ExitCode
from budgetcli.vocab import GroupBy, Status

if TYPE_CHECKING:
    from budgetcli.loading import Budget
    from budgetcli.pipeline import Checked

app = typer.Typer(
    name="budgetcli",
    help="Budget proposals of a Danish municipality, one YAML file each: validate, sum, show.",
    no_args_is_help=True,
    add_completion=False,
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


DataOption = Annotated[
    Path,
    typer.Option(
        "--data",
        "-d",
        envvar="BUDGETCLI_DATA",
        help="The data folder (holds areas.yaml and proposals/).",
        show_default=True,
    ),
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetcli {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Budget proposals of a Danish municipality, one YAML file each: validate, sum, show.

    Exit codes: 0 ok, 1 invalid data, 2 usage or environment error.
    """


# --- wiring --------------------------------------------------------------------------------


@contextmanager
def _errors() -> Iterator[None]:
    """The one place where a budgetcli error becomes a message and an exit code."""
    from budgetcli.errors import BudgetcliError, InvalidDataError

    try:
        yield
    except InvalidDataError as exc:
        from budgetcli.render import problems_text

        for side, problems in exc.sides:
            sys.stderr.write(problems_text(problems, f"{side}: " if side else ""))
        _fail(str(exc), exc.exit_code)
    except BudgetcliError as exc:
        _fail(str(exc), exc.exit_code)


def _fail(message: str, code: ExitCode) -> NoReturn:
    sys.stderr.write(f"budgetcli: error: {message}\n")
    raise typer.Exit(int(code))


def _checked(data: Path, use_cache: bool) -> "Checked":
    from budgetcli.cache import load_checked

    return load_checked(data, use_cache)


def _valid(data: Path, use_cache: bool) -> "Checked":
    """The data folder checked, or ``InvalidDataError`` with its errors."""
    from budgetcli.errors import InvalidDataError

    checked = _checked(data, use_cache)
    if not checked.valid:
        raise InvalidDataError([p for p in checked.problems if p.is_error])
    return checked


def _valid_budget(data: Path, use_cache: bool) -> "Budget":
    budget = _valid(data, use_cache).budget
    assert budget is not None, "a valid data folder has a budget"
    return budget


def _print_rich(renderable: Any | Callable[[int | None], Any]) -> None:
    """Print a rich renderable (or a function of the terminal width, ``None`` when piped)."""
    from rich.console import Console

    console = Console(highlight=False)
    if console.is_terminal:
        shown = renderable(console.width) if callable(renderable) else renderable
        if isinstance(shown, str):  # plain text the terminal wraps, as piped output
            _out(shown)
        else:
            console.print(shown)
        return
    if callable(renderable):
        renderable = renderable(None)
    # piped or redirected: plain text, never wrapped at an assumed 80 columns, no trailing blanks
    plain = Console(width=1000, no_color=True, highlight=False, force_terminal=False)
    with plain.capture() as capture:
        plain.print(renderable)
    _out("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))


def _out(text: str) -> None:
    sys.stdout.write(text)


# --- commands ------------------------------------------------------------------------------


@app.command()
def validate(
    data_dir: Annotated[
        Path | None,
        typer.Argument(
            help="The data folder [default: $BUDGETCLI_DATA or ./data]", show_default=False
        ),
    ] = None,
    output: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json, or github (annotations).")
    ] = CheckFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
    cache: CacheOption = True,
) -> None:
    """Check every file of a data folder; report all problems, not only the first.

    Each problem is printed as path:line:col: severity: message [rule]. Exit 0 when
    there are no errors (warnings alone do not fail, unless --strict), 1 when there
    are, 2 when the folder does not exist or holds no areas.yaml.

    Example:

    \b
        budgetcli validate data --format github
    """
    from budgetcli.diagnostics import strict as make_strict
    from budgetcli.render import problems_count, problems_github, problems_json, problems_text

    folder = data_dir or Path(os.environ.get("BUDGETCLI_DATA") or "data")
    with _errors():
        checked = _checked(folder, cache)
    problems, files = checked.problems, checked.files
    if strict:
        problems = make_strict(problems)
    if output is CheckFormat.json:
        _out(problems_json(problems, files))
    elif output is CheckFormat.github:
        _out(problems_github(problems))
    else:
        _out(problems_text(problems))
        sys.stdout.flush()  # the count comes after the problems, also in a shared terminal
        sys.stderr.write(problems_count(problems, files) + "\n")
    if any(p.is_error for p in problems):
        raise typer.Exit(int(ExitCode.INVALID))


@app.command()
def summary(
    year: Annotated[
        int | None,
        typer.Argument(
            metavar="[YEAR]", help="One budget year; without it, every year.", show_default=False
        ),
    ] = None,
    by: Annotated[GroupBy, typer.Option("--by", "-b", help="Group rows by this.")] = GroupBy.AREA,
    status: Annotated[
        list[Status] | None,
        typer.Option(
            "--status",
            "-s",
            help="Only proposals with this status (repeatable) [default: all but rejected]",
        ),
    ] = None,
    data: DataOption = Path("data"),
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    numbers: NumbersOption = Numbers.danish,
    cache: CacheOption = True,
) -> None:
    """Savings, investments, net change, service frame split and FTE per group and year.

    Savings are the saving components (or a negative change without components),
    investments the investment components (or a positive change); net = savings +
    investments = inside + outside the service frame. Amounts are in the budget's
    unit (1.000 kr.); negative = lower expense. Invalid data: the diagnostics and exit 1.

    Examples:

    \b
        budgetcli summary 2024
        budgetcli summary --by committee --status adopted --format csv
    """
    from budgetcli.calc import summarize_lines
    from budgetcli.errors import UsageError
    from budgetcli.vocab import ACTIVE_STATUSES

    with _errors():
        checked = _valid(data, cache)
        meta = checked.meta
        assert meta is not None, "a valid data folder has its areas"
        if year is not None and year not in meta.years:
            raise UsageError(
                f"{year} is not a year of {meta.title} ({', '.join(map(str, meta.years))})"
            )
        statuses = tuple(status) if status else ACTIVE_STATUSES
        result = summarize_lines(meta, checked.lines, by, statuses, [year] if year else None)
    danish = numbers is Numbers.danish
    from budgetcli import render

    if output is OutputFormat.table:
        if not sys.stdout.isatty():
            _out(render.summary_plain(result, danish))
            return
        from budgetcli.tables import summary_view

        _print_rich(lambda width: summary_view(result, danish, width))
        return
    if output is OutputFormat.json:
        _out(render.summary_json(result))
    elif output is OutputFormat.csv:
        _out(render.summary_csv(result))
    else:
        _out(render.summary_markdown(result, danish))


@app.command()
def show(
    proposal_id: Annotated[
        str, typer.Argument(metavar="ID", help="The proposal's id (its file name).")
    ],
    data: DataOption = Path("data"),
    output: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="table (the page) or json (the file's data)."),
    ] = OutputFormat.table,
    numbers: NumbersOption = Numbers.danish,
    cache: CacheOption = True,
) -> None:
    """One proposal laid out like the document's page: figures per year, staffing,
    components, allocations, notes and description.

    Example:

    \b
        budgetcli show plejecenter-sygefravaer
    """
    import difflib

    from budgetcli.calc import proposal_figures
    from budgetcli.errors import UsageError

    with _errors():
        checked = _valid(data, cache)
        catalogue = checked.catalogue
        assert catalogue is not None, "a valid data folder has a budget"
        found = {line.id: i for i, line in enumerate(catalogue.lines)}  # the last of an id
        if proposal_id not in found:
            close = [i for i in found if proposal_id in i][:3] or difflib.get_close_matches(
                proposal_id, list(found), n=3
            )
            hint = (
                f"; did you mean {', '.join(close)}?"
                if close
                else "; see `budgetcli summary --by proposal`"
            )
            raise UsageError(f"no proposal with id '{proposal_id}'{hint}")
        p = catalogue.proposal(found[proposal_id])  # only this one is read whole
        if output is OutputFormat.json:
            from budgetcli.render import proposal_json

            _out(proposal_json(p))
            return
        if output is not OutputFormat.table:
            raise UsageError("show supports --format table or json")
        meta = catalogue.meta
        figures = {y: proposal_figures(p, y) for y in meta.years}
        labels = [
            f"{c} {a.name}" if (a := meta.area(c)) is not None and a.name else c for c in p.areas
        ]
    from budgetcli.tables import proposal_view

    _print_rich(proposal_view(p, meta.years, figures, meta.unit, labels, numbers is Numbers.danish))


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="A data folder or a git revision.")],
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="[NEW]",
            help="A data folder or a git revision [default: the --data folder as it is now].",
            show_default=False,
        ),
    ] = None,
    data: Annotated[
        Path,
        typer.Option(
            "--data",
            "-d",
            envvar="BUDGETCLI_DATA",
            help="The data folder; for a revision, the folder inside the repository.",
        ),
    ] = Path("data"),
    by: Annotated[
        GroupBy, typer.Option("--by", "-b", help="Group the totals by this.")
    ] = GroupBy.AREA,
    status: Annotated[
        list[Status] | None,
        typer.Option(
            "--status",
            "-s",
            help="Only proposals with this status, on either side (repeatable) [default: all but rejected]",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    numbers: NumbersOption = Numbers.danish,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are differences (as git diff).")
    ] = False,
    cache: CacheOption = True,
) -> None:
    """What changed between two versions of the budget: proposals added, removed,
    renamed and changed, and the totals per group and year, old → new (delta).

    Each side is a data folder or a git revision (a commit, HEAD~1, a tag, a
    branch), read from git's objects without touching the work tree; with one
    side, it is compared with the --data folder as it is now. Exit 0 (1 with
    --exit-code when something differs); invalid data on either side: the
    diagnostics and exit 1; no such folder or revision: exit 2.

    Examples:

    \b
        budgetcli diff HEAD~1 HEAD
        budgetcli diff budget-juni/ data/ --format json
        budgetcli diff v2024-forlig --exit-code
    """
    from budgetcli.diff import diff_catalogues
    from budgetcli.errors import InvalidDataError
    from budgetcli.vocab import ACTIVE_STATUSES

    with _errors():
        checked = [
            (f"{name} side ({spec or data})", _side(spec, data, cache))
            for name, spec in (("old", old), ("new", new))
        ]
        errors = [(label, [p for p in c.problems if p.is_error]) for label, c in checked]
        (_, old_checked), (_, new_checked) = checked
        old_catalogue, new_catalogue = old_checked.catalogue, new_checked.catalogue
        if any(group for _, group in errors) or old_catalogue is None or new_catalogue is None:
            raise InvalidDataError([], sides=errors)
        result = diff_catalogues(
            old_catalogue,
            new_catalogue,
            by=by,
            statuses=tuple(status) if status else ACTIVE_STATUSES,
            old_label=old,
            new_label=new or str(data),
        )
    danish = numbers is Numbers.danish
    from budgetcli import render_diff

    if output is OutputFormat.table:
        if sys.stdout.isatty():
            from budgetcli.tables import diff_view

            _print_rich(
                lambda width: (
                    diff_view(result, danish, width) or render_diff.diff_plain(result, danish)
                )
            )
        else:
            _out(render_diff.diff_plain(result, danish))
    elif output is OutputFormat.json:
        _out(render_diff.diff_json(result))
    elif output is OutputFormat.csv:
        _out(render_diff.diff_csv(result))
    else:
        _out(render_diff.diff_markdown(result, danish))
    if exit_code and result.has_differences:
        raise typer.Exit(int(ExitCode.INVALID))


def _side(spec: str | None, data: Path, use_cache: bool) -> "Checked":
    """One side of a diff, checked: a folder if one is there, else a git revision."""
    from budgetcli.cache import check_files, load_checked

    if spec is None:
        return load_checked(data, use_cache)
    try:
        is_folder = Path(spec).is_dir()
    except OSError:  # a name too long for a path, say: then it can only be a revision
        is_folder = False
    if is_folder:
        return load_checked(Path(spec), use_cache)
    from budgetcli.gitdata import read_revision

    return check_files(read_revision(spec, data, Path.cwd()), use_cache)


def _range(text: str | None, option: str) -> tuple[int, int] | None:
    """``9..17`` -> (9, 17); ``13`` -> (13, 13)."""
    from budgetcli.errors import UsageError

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


@app.command()
def forecast(
    forecast_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="A forecast's id [default: every forecast].", show_default=False
        ),
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
    data: DataOption = Path("data"),
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
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
    import difflib

    from budgetcli.domain import Scenario
    from budgetcli.errors import UsageError
    from budgetcli.forecasting import run

    with _errors():
        budget = _valid_budget(data, cache)
        found = {lf.forecast.id: lf.forecast for lf in budget.forecasts}
        if not found:
            raise UsageError(f"{data} has no forecasts (data/forecasts/<id>.yaml)")
        if forecast_id is not None and forecast_id not in found:
            close = [i for i in found if forecast_id in i][:3] or difflib.get_close_matches(
                forecast_id, list(found), n=3
            )
            hint = (
                f"; did you mean {', '.join(close)}?"
                if close
                else f"; there are: {', '.join(found)}"
            )
            raise UsageError(f"no forecast with id '{forecast_id}'{hint}")
        chosen = [found[forecast_id]] if forecast_id else list(found.values())
        if scenario not in (None, "base"):
            chosen = [f for f in chosen if scenario in f.scenarios]
            if not chosen:
                raise UsageError(
                    f"no forecast{'' if forecast_id is None else ' ' + forecast_id} has a scenario '{scenario}'"
                )
        counts, costs = _range(inflow, "--inflow"), _range(average_cost, "--average-cost")
        ranges = None
        if counts or costs:
            ranges = {
                "low": Scenario(counts[0] if counts else None, costs[0] if costs else None),
                "high": Scenario(counts[1] if counts else None, costs[1] if costs else None),
            }
        results = [(run(f, budget.refusion_rules, scenario, ranges), scenario) for f in chosen]
    danish = numbers is Numbers.danish
    from budgetcli import render_forecast

    if output is OutputFormat.table:
        if sys.stdout.isatty():
            from budgetcli.tables import forecast_view

            _print_rich(forecast_view(results, danish))
        else:
            _out(render_forecast.forecasts_plain(results, danish))
    elif output is OutputFormat.json:
        _out(render_forecast.forecasts_json(results))
    elif output is OutputFormat.csv:
        _out(render_forecast.forecasts_csv(results))
    else:
        _out(render_forecast.forecasts_markdown(results, danish))


@app.command()
def schema(
    kind: Annotated[
        SchemaKind, typer.Argument(help="proposal, areas or forecast.")
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

    from budgetcli.models import AreasFile, ForecastFile, ProposalFile

    models: dict[SchemaKind, type[BaseModel]] = {
        SchemaKind.proposal: ProposalFile,
        SchemaKind.areas: AreasFile,
        SchemaKind.forecast: ForecastFile,
    }
    model = models[kind]
    _out(json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n")


def main() -> None:
    """The console script: run the app; a closed pipe (``| head``) is not an error."""
    try:
        app()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
