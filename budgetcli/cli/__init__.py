"""The command line: ``app`` (typer) and ``main`` (the console script). It parses options and
wires the layers: each command (``commands/``, one a module) loads with ``store``, computes
with ``core`` and hands the value to ``text`` or ``publish``; nothing here computes a figure
or formats a number.

``root``: the app (the root command, the commands in the order ``--help`` lists them, click's
usage errors said as budgetcli says its own: ``usage``); ``options``: the options several
commands share; ``wiring``: what every command does alike (the data folder, errors to exit
codes, the one output dispatch); ``publishing``: what ``export`` and ``report`` share."""

import gc
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from budgetcli.cli.root import app

__all__ = ["app", "main"]


def main() -> None:
    """The console script. A command is a short process that builds large graphs of objects it
    keeps: the cyclic collector would walk them again and again for nothing (a third of
    loading 10,000 proposals), and the modules' objects while they are imported (typer, the
    commands, the store): it is off from here on, before the app is imported."""
    gc.disable()
    from budgetcli.cli.root import run

    run()


def __getattr__(name: str) -> Any:
    """``app``, imported when first asked for (by the tests; ``main`` imports it itself)."""
    if name == "app":
        from budgetcli.cli.root import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
