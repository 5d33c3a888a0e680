"""The command line: ``app`` (typer) and ``main`` (the console script). It parses options and
wires the layers: each command (``commands/``) loads with ``store``, computes with ``core``,
and hands the value to ``text`` or ``publish``; nothing here computes a figure or formats a
number. ``app`` holds the root command and click's usage errors, ``options`` the options
several commands share, ``wiring`` what every command does alike (the data folder, errors
to exit codes, the one output dispatch)."""

from budgetcli.cli.app import app, main

__all__ = ["app", "main"]
