"""The options several commands share, declared once: their names, help and choices. Help
is written in English: ``cli.language`` puts it in the reader's language before ``--help`` is
written (the catalogue finds every help text in the app itself: ``tests/catalogue.py``)."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from budgetcli.core.vocab import Status


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    #: CSV that Excel in a Danish locale opens with a double-click (``text.csvout.EXCEL_DA``)
    csv_excel_da = "csv-excel-da"
    markdown = "markdown"


class Numbers(StrEnum):
    danish = "danish"
    plain = "plain"


class Lang(StrEnum):
    """The languages a person may read budgetcli in (``text.i18n.LANGUAGES``)."""

    da = "da"
    en = "en"


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
        help="Reuse the checked result of unchanged files (see docs/cache.md).",
    ),
]
NumbersOption = Annotated[
    Numbers | None,
    typer.Option(
        "--numbers",
        help="danish: 1.200 and -4,9; plain: 1200 and -4.9 [default: danish; csv and json:"
        " plain; csv-excel-da: -4,9]",
        show_default=False,
    ),
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


def optional_argument(metavar: str, text: str, complete: Any = None) -> Any:
    """A positional argument that may be left out: ``[NAME]``, its default said in ``text``;
    ``complete``: what the shell completes it with (``proposal_ids``, ``forecast_ids``)."""
    return typer.Argument(metavar=metavar, help=text, show_default=False, autocompletion=complete)


def _completion_folder(ctx: typer.Context) -> Path:
    """The data folder a completion reads: ``--data`` as typed so far, else
    ``$BUDGETCLI_DATA``, else the one found from where you stand (as a command finds it)."""
    import os

    from budgetcli.folder.git import find_data_dir

    named = ctx.params.get("data") or os.environ.get("BUDGETCLI_DATA")
    return Path(named) if named else find_data_dir(Path.cwd()).folder


def proposal_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the ids of the data folder's proposals that begin as typed."""
    from budgetcli.folder.ids import proposal_ids as ids

    return [i for i in ids(_completion_folder(ctx)) if i.startswith(incomplete)]


def forecast_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the ids of the data folder's forecasts that begin as typed."""
    from budgetcli.folder.ids import forecast_ids as ids

    return [i for i in ids(_completion_folder(ctx)) if i.startswith(incomplete)]


def flag(name: str, text: str) -> Any:
    """An option that is off unless given: ``--force``, ``--exit-code``, ``--dry-run``."""
    return typer.Option(name, help=text)


#: ``--status``'s help: a proposal has the status (``status_option(DIFF_STATUS)``: on
#: either side of a diff)
STATUS_HELP = "Only proposals with this status (repeatable) [default: all but rejected]"
DIFF_STATUS_HELP = (
    "Only proposals with this status on either side (repeatable) [default: all but rejected]"
)


def status_option(text: str = STATUS_HELP) -> Any:
    """``--status``, repeatable, its help ``text``."""
    return typer.Option("--status", "-s", help=text)


StatusOption = Annotated[list[Status] | None, status_option()]
YearArgument = Annotated[
    int | None, optional_argument("[YEAR]", "One budget year; without it, every year.")
]
LANG_HELP = (
    "The language you read: da (Danish) or en (English) [default: your locale's (LC_ALL,"
    " LC_MESSAGES, LANG): Danish if it is da_*, else English]"
)
LangOption = Annotated[Lang | None, typer.Option("--lang", help=LANG_HELP, show_default=False)]
