"""``budgetcli validate``: every problem of a data folder, not only the first."""

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from budgetcli.cli import options, wiring

SHORT_HELP = "Check every file; report every problem, not only the first."


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def validate(
    data_dir: Annotated[
        Path | None,
        options.optional_argument(
            "[DATA_DIR]", "The data folder, as --data (give one or the other)."
        ),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            "-d",
            help=options.DATA_HELP + " [env var: BUDGETCLI_DATA]",
            show_default=False,
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
    cache: options.CacheOption = True,
    lang: options.LangOption = None,
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
    from budgetcli.store.followups import spending_problems
    from budgetcli.text import problems as shown_problems

    with wiring.errors(lang):
        folder = wiring.data_dir(_folder(data_dir, data, lang))
        checked = wiring.checked(folder, cache)
    problems, files = [*checked.problems, *spending_problems(checked, folder, cache)], checked.files
    if strict:
        problems = make_strict(problems)
    if output is CheckFormat.json:
        wiring.out(shown_problems.problems_json(problems, files))
    elif output is CheckFormat.github:
        wiring.out(shown_problems.problems_github(problems))
    else:
        read = wiring.reading(lang)
        wiring.out(shown_problems.problems_text(problems, reading=read))
        if not quiet:
            wiring.say(shown_problems.problems_count(problems, files, read) + "\n")
    wiring.exit_if(any(p.is_error for p in problems))


def _folder(data_dir: Path | None, data: Path | None, lang: options.Lang | None) -> Path | None:
    """validate's folder: DATA_DIR or --data (the same folder if both), else
    ``$BUDGETCLI_DATA``, else ``None`` (found from where you stand)."""
    from budgetcli.core.errors import UsageError, shown

    if data_dir is not None and data is not None and not _same_folder(data_dir, data):
        said = wiring.language(lang).gettext(
            "DATA_DIR {folder} and --data {other} are different folders; give one of them"
        )
        raise UsageError(said.format(folder=shown(str(data_dir)), other=shown(str(data))))
    named = os.environ.get("BUDGETCLI_DATA")
    return data_dir or data or (Path(named) if named else None)


def _same_folder(a: Path, b: Path) -> bool:
    """The same folder, however written (``data``, ``./data/``, a link to it)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one is not there: the same name, then
        return os.path.abspath(a) == os.path.abspath(b)
