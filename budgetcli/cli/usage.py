"""click's usage errors, said as budgetcli says its own: ``budgetcli: error: …`` and a ``hint:``
line on stderr, exit 2, the same words on every click and typer version (theirs differ in
wording and quotes)."""

import difflib
import re
import sys
from typing import Any, NoReturn

from budgetcli.core.errors import ExitCode, shown

try:  # typer 0.26+ vendors click as typer._click; older typer runs on click itself
    from typer._click import exceptions as click_errors
except ImportError:  # typer < 0.26
    from click import exceptions as click_errors  # type: ignore[import-not-found,no-redef]

__all__ = ["PROG", "click_errors", "sentence", "usage_error"]

PROG = "budgetcli"


def usage_error(e: "click_errors.UsageError", subcommand: str | None) -> NoReturn:
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


def sentence(message: str) -> str:
    """click's message as a clause: lower-case start, no final full stop."""
    message = message.strip().removesuffix(".")
    return message[:1].lower() + message[1:]


def _usage_message(e: "click_errors.UsageError") -> tuple[str, list[str]]:
    """What went wrong, in one line, and hints (a close match)."""
    ctx = e.ctx
    if isinstance(e, click_errors.BadParameter):
        return _bad_parameter(e)
    if isinstance(e, click_errors.NoSuchOption):
        names = [o for p in ctx.command.params for o in (*p.opts, *p.secondary_opts)] if ctx else []
        close = difflib.get_close_matches(e.option_name, names, n=1)
        return f"no such option: {shown(e.option_name)}", [f"did you mean {c}?" for c in close]
    if isinstance(e, click_errors.BadOptionUsage):
        option = shown(e.option_name)
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
    return sentence(e.message), []


def _bad_parameter(e: "click_errors.BadParameter") -> tuple[str, list[str]]:
    """A value of the wrong kind: what was expected, and the closest choice."""
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
    return f"invalid value for {name}: {sentence(e.message)}", []


def _param_name(param: Any) -> str:
    """An argument by its metavar (``YEAR``), an option by its long name (``--by``)."""
    if param is None:
        return "a value"
    if param.param_type_name == "argument":
        return str(param.metavar or param.name.upper()).strip("[]")
    return str(max(param.opts, key=len))


def _quoted_value(message: str) -> str | None:
    """The value click quotes at the start of its message (``'kommune' is not one of …``)."""
    found = re.match(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""", message)
    return found.group(1) if found else None
