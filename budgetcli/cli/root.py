"""The typer app (``app``): the root command (its help, ``--version``, click's usage errors
said as budgetcli says its own), the commands in the order ``--help`` lists them, and ``run``
(what the console script ``budgetcli.cli.main`` runs).

Each command is a module of ``commands/``; they import their heavy modules inside the command,
so ``budgetcli --help`` loads no more than typer and these small modules. A command line that
names a command first (``budgetcli summary 2024``) runs an app of that command alone (``made``,
``asked``): the other commands' modules are not imported, nor their options built."""

import functools
import gc
import importlib
import os
import sys
from collections.abc import Collection, Sequence
from typing import Annotated, Any

import typer

from budgetcli import __version__
from budgetcli.cli import commands, options
from budgetcli.cli.language import translated
from budgetcli.cli.usage import PROG, click_errors, sentence, usage_error
from budgetcli.core.errors import ExitCode
from budgetcli.text.i18n import argv_language, language


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
        words = sys.argv[1:] if args is None else list(args)
        lang = language(argv_language(words, os.environ))
        translated(self, lang)  # --help in the reader's language (cli/language.py)
        run = (args, prog_name, complete_var)
        if not standalone_mode:
            return super().main(*run, standalone_mode, windows_expand_args, **extra)
        try:
            code = super().main(*run, False, windows_expand_args, **extra)
        except click_errors.NoArgsIsHelpError as e:  # bare `budgetcli`: the help, exit 2
            e.show()
            sys.exit(int(ExitCode.USAGE))
        except click_errors.UsageError as e:
            usage_error(e, next((w for w in words if w in self.commands), None), lang)
        except click_errors.ClickException as e:
            sys.stderr.write(f"{PROG}: error: {sentence(e.format_message())}\n")
            sys.exit(e.exit_code)
        except typer.Abort:
            aborted = lang.gettext("aborted")
            sys.stderr.write(f"{PROG}: error: {aborted}\n")
            sys.exit(int(ExitCode.INVALID))
        sys.exit(code if isinstance(code, int) else int(ExitCode.OK))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetcli {__version__}")
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    lang: options.LangOption = None,
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
    area's forecast against its budget, followup follows the adopted budget up,
    import reads proposals from Word, new starts one, export writes a workbook or a
    database, report a web catalogue, schema prints the files' JSON Schema.

    The data folder is --data, else $BUDGETCLI_DATA, else found from where you
    stand: ./data or . if it holds areas.yaml, else the same in each folder above, up
    to the top of the git work tree.

    Exit codes: 0 ok, 1 invalid data, 2 usage or environment error.

    \b
    Shell completion (bash, zsh, fish, PowerShell):
        budgetcli --install-completion
    """
    if lang is not None:  # `budgetcli --lang da summary`: the command's --lang, unless it has one
        ctx.default_map = {name: {"lang": lang.value} for name in ctx.command.commands}  # type: ignore[attr-defined]


#: the commands, in the order ``budgetcli --help`` lists them: each one's name, its module of
#: ``commands/`` and its function, whose docstring is its --help
COMMANDS = (
    ("validate", "validate", "validate"),
    ("summary", "summary", "summary"),
    ("show", "show", "show"),
    ("diff", "diff", "diff"),
    ("frame", "frame", "frame"),
    ("forecast", "forecast", "forecast"),
    ("followup", "followup", "followup"),
    ("import", "importing", "import_"),
    ("new", "new", "new"),
    ("export", "export", "export"),
    ("report", "report", "report"),
    ("schema", "schema", "schema"),
)


def made(names: Collection[str]) -> typer.Typer:
    """The app with the commands ``names``, in ``COMMANDS``' order: only their modules are
    imported, and typer builds only their options (a command's run needs no other)."""
    app = typer.Typer(
        name=PROG,
        cls=_Group,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    for name, module, function in COMMANDS:
        if name in names:
            command = importlib.import_module(f"{commands.__name__}.{module}")
            app.command(name, short_help=command.SHORT_HELP)(getattr(command, function))
    return app


@functools.cache
def _whole() -> typer.Typer:
    return made([name for name, _, _ in COMMANDS])


def __getattr__(name: str) -> typer.Typer:
    """``app``, every command in it: made when first asked for (``--help`` and the tests ask;
    a command's run makes an app of that command alone, ``run``)."""
    if name == "app":
        return _whole()
    raise AttributeError(name)


def asked(words: Sequence[str]) -> list[str]:
    """The commands a command line needs: the one it names first (``budgetcli summary …``),
    else all of them (``--help``, an option of the root first, a word that is no command;
    shell completion, whose words come in the environment)."""
    names = [name for name, _, _ in COMMANDS]
    return [words[0]] if words and words[0] in names else names


def run() -> None:
    """Run the app (``budgetcli.cli.main`` turned the cyclic collector off first); a closed
    pipe (``| head``) is not an error. The objects a command made are frozen at the end, so
    that the collector does not walk them at exit either."""
    try:
        made(asked(sys.argv[1:]))()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitCode.OK))
    finally:
        gc.freeze()
