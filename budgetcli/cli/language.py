"""``--help`` in the reader's language. typer fixes a command's help (its docstring) and each
option's when the app is built, in English; ``translated`` puts the click command built from
the app in a ``Language`` before it runs: each command's help and short help, each
parameter's help, and the help page's own words (``Usage:``, the headings, ``[default: …]``)
through a formatter of that language. English is the source: it is left as it is.

Every text is looked up by its English, the msgid, as the built app holds it: a docstring
as typer cleans it, an option's help as written. They need no marking: ``tests/catalogue.py``
extracts every one of them from the app itself, so a help text cannot be left out of the
catalogue; the words click and typer add (``Usage:``, ``[default: ``) are marked here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from budgetcli.text.i18n import N_, Language

try:  # typer 0.26+ vendors click as typer._click; older typer runs on click itself
    from typer._click.formatting import HelpFormatter
except ImportError:  # typer < 0.26
    from click.formatting import HelpFormatter  # type: ignore[import-not-found,no-redef]

#: the help page's own words: click's and typer's, which they write in English
HEADINGS = (N_("Usage:"), N_("Arguments"), N_("Options"), N_("Commands"))
#: the bracketed notes after an option's help, and the help options typer and click add
NOTES = (
    (N_("[default: "), "[default: "),
    (N_("[env var: "), "[env var: "),
    (N_("[required]"), "[required]"),
)
ADDED_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


def translated(command: Any, lang: Language) -> Any:
    """``command`` (a click command just built, with its subcommands) in ``lang``: every help
    text that has a translation, and the help page's words. Returns ``command``."""
    if lang.code == "en":
        return command
    for each in _commands(command):
        each.help = _said(each.help, lang)
        each.short_help = _said(each.short_help, lang)
        for param in each.params:
            if getattr(param, "help", None):
                param.help = lang.gettext(param.help)
        each.context_class = _context_class(each.context_class, lang)
    return command


def _commands(command: Any) -> Iterable[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _said(text: str | None, lang: Language) -> str | None:
    return text if not text else lang.gettext(text)


def _context_class(base: type, lang: Language) -> type:
    """A context of ``base`` whose help page is written by a formatter of ``lang``."""
    return type(base.__name__, (base,), {"formatter_class": _formatter(lang)})


def _formatter(lang: Language) -> type[HelpFormatter]:
    class Formatter(HelpFormatter):
        """click's help formatter, its own words in ``lang``."""

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            said = f"{lang.gettext('Usage:')} " if prefix is None else prefix
            super().write_usage(prog, args, said)

        def write_heading(self, heading: str) -> None:
            super().write_heading(lang.gettext(heading))

        def write_dl(self, rows: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
            super().write_dl([(term, _help(text, lang)) for term, text in rows], *args, **kwargs)

    return Formatter


def _help(text: str, lang: Language) -> str:
    """An option's help as click wrote it (its help and notes): the help options' own help
    translated, the notes' words (``[default: …]``) in ``lang``."""
    for english, _ in ((h, h) for h in ADDED_HELP):
        if text.startswith(english):
            text = lang.gettext(english) + text[len(english) :]
    for english, _ in NOTES:
        text = text.replace(english, lang.gettext(english))
    return text
