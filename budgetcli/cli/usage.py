"""click's usage errors, said as budgetcli says its own: ``budgetcli: error: …`` and a ``hint:``
line on stderr, exit 2, the same words on every click and typer version (theirs differ in
wording and quotes)."""

import difflib
import re
import sys
from typing import Any, NoReturn

from budgetcli.core.errors import ExitCode, shown
from budgetcli.text.i18n import Language, language

try:  # typer 0.26+ vendors click as typer._click; older typer runs on click itself
    from typer._click import exceptions as click_errors
except ImportError:  # typer < 0.26
    from click import exceptions as click_errors  # type: ignore[import-not-found,no-redef]

__all__ = ["PROG", "click_errors", "sentence", "usage_error"]

PROG = "budgetcli"


def usage_error(
    e: "click_errors.UsageError", subcommand: str | None, lang: Language | None = None
) -> NoReturn:
    """``budgetcli: error: …`` and a ``hint:`` line on stderr, exit 2: no usage block.
    ``subcommand``: the command named on the command line, for an error click gives no
    context (an option's missing value); ``lang``: the reader's (``budgetcli: error:`` and
    ``hint:`` stay as they are, what follows them is in it)."""
    lang = language("en") if lang is None else lang
    message, hints = _usage_message(e, lang)
    ctx = e.ctx
    if ctx is not None:
        subcommand = None if ctx.parent is None else ctx.info_name
    command = PROG if subcommand is None else f"{PROG} {subcommand}"
    see = lang.gettext("see `{command} --help`").format(command=command)
    hint = f"{hints[0]} {see[0].upper()}{see[1:]}" if hints else see
    sys.stderr.write(f"{PROG}: error: {message}\nhint: {hint}\n")
    sys.exit(int(ExitCode.USAGE))


def sentence(message: str) -> str:
    """click's message as a clause: lower-case start, no final full stop."""
    message = message.strip().removesuffix(".")
    return message[:1].lower() + message[1:]


def _usage_message(e: "click_errors.UsageError", lang: Language) -> tuple[str, list[str]]:
    """What went wrong, in one line, and hints (a close match), in ``lang``."""
    ctx, _ = e.ctx, lang.gettext
    if isinstance(e, click_errors.BadParameter):
        return _bad_parameter(e, lang)
    if isinstance(e, click_errors.NoSuchOption):
        names = [o for p in ctx.command.params for o in (*p.opts, *p.secondary_opts)] if ctx else []
        close = difflib.get_close_matches(e.option_name, names, n=1)
        said = _("no such option: {option}").format(option=shown(e.option_name))
        return said, [_("did you mean {name}?").format(name=c) for c in close]
    if isinstance(e, click_errors.BadOptionUsage):
        option = shown(e.option_name)
        if "requires an argument" in e.message:
            return _("{option} needs a value").format(option=option), []
        if "does not take a value" in e.message:
            return _("{option} takes no value").format(option=option), []
    if e.message.startswith("No such command ") and (
        name := _quoted_value(e.message.removeprefix("No such command "))
    ):
        commands = list(getattr(ctx.command, "commands", {})) if ctx else []
        close = difflib.get_close_matches(name.strip("'\""), commands, n=1)
        said = _("no such command: {name}").format(name=name)
        return said, [_("did you mean {name}?").format(name=c) for c in close]
    if extra := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", e.message):
        words = extra.group(1)
        many = " " in words
        said = _("unexpected arguments: {words}") if many else _("unexpected argument: {words}")
        return said.format(words=words), []
    return sentence(e.message), []


def _bad_parameter(e: "click_errors.BadParameter", lang: Language) -> tuple[str, list[str]]:
    """A value of the wrong kind: what was expected, and the closest choice."""
    name, value, _ = _param_name(e.param, lang), _quoted_value(e.message), lang.gettext
    kind = getattr(e.param, "type", None)
    if isinstance(e, click_errors.MissingParameter):
        if getattr(e.param, "param_type_name", "") == "argument":
            return _("missing argument {name}").format(name=name), []
        return _("missing option {name}").format(name=name), []
    choices = [str(getattr(c, "value", c)) for c in getattr(kind, "choices", None) or []]
    if value is not None and choices:
        close = difflib.get_close_matches(value.strip("'\""), choices, n=1)
        said = _("{name} must be one of {choices}, not {value}")
        return (
            said.format(name=name, choices=", ".join(choices), value=value),
            [_("did you mean {name}?").format(name=close[0])] if close else [],
        )
    if value is not None and getattr(kind, "name", "") in ("integer", "int"):
        return _("{name} must be a whole number, not {value}").format(name=name, value=value), []
    said = _("invalid value for {name}: {why}")
    return said.format(name=name, why=sentence(e.message)), []


def _param_name(param: Any, lang: Language) -> str:
    """An argument by its metavar (``YEAR``), an option by its long name (``--by``)."""
    if param is None:
        return lang.gettext("a value")
    if param.param_type_name == "argument":
        return str(param.metavar or param.name.upper()).strip("[]")
    return str(max(param.opts, key=len))


def _quoted_value(message: str) -> str | None:
    """The value click quotes at the start of its message (``'kommune' is not one of …``)."""
    found = re.match(r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""", message)
    return found.group(1) if found else None
