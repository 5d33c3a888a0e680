"""The language a person reads: gettext message catalogues, English the source.

The Danish catalogue is ``budgetcli/locale/da/LC_MESSAGES/budgetcli.po``, compiled to the
``.mo`` beside it, which the standard library's ``gettext`` reads at run time (Babel, which
extracts and compiles, is needed only to change the catalogue: CONTRIBUTING.md › Translations).
A text a person reads is written in English in the code, marked for extraction by a call of
``gettext`` on a ``Language`` (``lang.gettext("Savings")``) or, where it is declared before a
language is known, by ``N_("Savings")`` and translated where it is shown.

Which language: ``--lang`` if given; else, for what is handed to others (the workbook, the
report), the budget's own (``areas.yaml``'s ``language``); else, for the terminal, the user's
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``: Danish when it names ``da``). Nothing here is
process-wide: a ``Language`` is a value, made once by the command line and handed down.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

#: the languages budgetcli speaks: English (the source) and Danish
LANGUAGES = ("da", "en")
DOMAIN = "budgetcli"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def N_(message: str) -> str:
    """``message`` marked for the catalogue, translated later where it is shown."""
    return message


class Language(NamedTuple):
    """A language and its catalogue: ``gettext`` gives a message in it. (This and ``Reading``
    are NamedTuples, not dataclasses: every start-up, ``--help`` too, makes both, and a
    NamedTuple costs a tenth of a dataclass to declare.)"""

    code: str
    catalogue: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalogue.ngettext(singular, plural, n)


@functools.cache
def language(code: str) -> Language:
    """The language ``code`` (one of ``LANGUAGES``); English needs no catalogue."""
    if code not in LANGUAGES:
        raise ValueError(f"no language {code!r}: budgetcli speaks {', '.join(LANGUAGES)}")
    if code == "en":
        return Language(code, gettext.NullTranslations())
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as mo:
        return Language(code, gettext.GNUTranslations(mo))


def of_locale(environ: Mapping[str, str]) -> str:
    """The user's language as the locale says it (``da_DK.UTF-8`` is Danish); else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "da" if value.split("_")[0].split(".")[0].lower() == "da" else "en"
    return "en"


def chosen(
    option: str | None, budget: str | None, environ: Mapping[str, str], handed_on: bool
) -> str:
    """The language of a command's output: ``option`` (``--lang``); else the budget's own for
    what is handed to others (``handed_on``: the workbook, the report); else the locale's."""
    if option is not None:
        return option
    if handed_on and budget in LANGUAGES:
        return budget
    return of_locale(environ)


class Reading(NamedTuple):
    """How a person reads what a command prints: the numbers' style (``danish``: ``-1.200``
    and ``-4,9``; else ``-1200`` and ``-4.9``) and the language of its words. Handed down by
    the command line to every renderer, so no text module looks at the environment."""

    danish: bool = True
    lang: Language = language("en")

    def gettext(self, message: str) -> str:
        """``message`` (English, marked) in the reader's language."""
        return self.lang.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.lang.ngettext(singular, plural, n)


def argv_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language a command line asks for before it is parsed (``--help`` is written before
    any option is read): ``--lang da``/``--lang=da`` if it names one of ``LANGUAGES``, else the
    locale's. A wrong value is left for the parser to refuse."""
    for i, word in enumerate(argv):
        if word == "--":
            break
        value = word.removeprefix("--lang=") if word.startswith("--lang=") else None
        if word == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in LANGUAGES:
            return value
    return of_locale(environ)


#: what a renderer reads when it is not told: Danish numbers, English words (the source)
DEFAULT_READING = Reading()
