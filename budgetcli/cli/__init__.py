"""The command line: ``app`` (typer) and ``main`` (the console script). It parses options and
wires the layers: each command (``commands/``, one a module) loads with ``store``, computes
with ``core`` and hands the value to ``text`` or ``publish``; nothing here computes a figure
or formats a number.

``root``: the app (the root command, the commands in the order ``--help`` lists them, ``main``;
named so, as ``app`` and ``main`` are the names this package exports); ``usage``: click's
usage errors said as budgetcli says its own; ``options``: the options several commands share;
``wiring``: what every command does alike (the data folder, errors to exit codes, the one
output dispatch); ``publishing``: what ``export`` and ``report`` share."""

from budgetcli.cli.root import app, main

__all__ = ["app", "main"]
