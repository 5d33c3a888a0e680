"""Problems found in the data, each with its source position.

This module is the bottom of the import graph: loading, checks and rendering all speak
``Problem``; none of them prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from enum import StrEnum

from budgetcli.core.lazyclasses import built, dataclass, field

Loc = tuple[str | int, ...]
Pos = tuple[int, int]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Said:
    """A message as its English template with named fields (``area {code} is not in
    areas.yaml``, ``code=B60.30.99``): ``english`` is the message; a renderer says it in the
    reader's language by the template, the msgid of the catalogue (``text.problems``).

    A field may be a ``Said`` itself: a clause made by one part (``word.danish``'s reason why
    a figure is refused) and put in another's sentence (``page {page}, {where}: {message}``).
    ``in_words`` says the clause in the same language as the sentence around it."""

    template: str
    fields: tuple[tuple[str, str | Said], ...] = ()

    @property
    def english(self) -> str:
        return self.in_words(str)

    def in_words(self, translate: Callable[[str], str]) -> str:
        """The message with ``translate`` (a catalogue's ``gettext``) applied to its template
        and to the template of every clause in its fields, the fields filled in."""
        values = {
            name: value.in_words(translate) if isinstance(value, Said) else value
            for name, value in self.fields
        }
        return translate(self.template).format(**values)


def said(template: str, **fields: object) -> Said:
    """A message to translate: ``said("area {code} is not in areas.yaml", code=code)``. The
    template is a whole sentence, English, marked by this call (``tests/catalogue.py``); a
    field that is a ``Said`` is a clause, said in the sentence's language. (Made as
    ``Said(template, fields)`` makes it, without making the class: modules say their messages
    at import, and a run that shows none never makes it, ``core.lazyclasses``.)"""
    return built(
        Said,
        (
            template,
            tuple(
                (name, value if isinstance(value, Said) else str(value))
                for name, value in fields.items()
            ),
        ),
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: ``path:line:col: severity: message``. ``line``/``col`` are 1-based, 0 if
    unknown. ``said``: the message as a template and its fields, when it can be translated
    (``message`` is always its English, which JSON and the order use)."""

    path: str
    line: int
    col: int
    severity: Severity
    rule: str
    message: str
    said: Said | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class Tally:
    """How many of a run's problems are errors and how many warnings."""

    errors: int = 0
    warnings: int = 0

    @property
    def valid(self) -> bool:
        """No errors (warnings alone do not make the data invalid)."""
        return self.errors == 0


def tally(problems: Iterable[Problem]) -> Tally:
    """The problems counted: errors, and the rest (warnings)."""
    errors = warnings = 0
    for p in problems:
        if p.is_error:
            errors += 1
        else:
            warnings += 1
    return Tally(errors, warnings)


def undecodable(name: str) -> bool:
    """A name holding a byte that is not UTF-8 (``os.fsdecode`` makes it a lone surrogate)."""
    if name.isascii():  # the common case, at C speed (100,000 names are listed on a run)
        return False
    return any("\udc80" <= ch <= "\udcff" for ch in name)


def printable(name: str) -> str:
    """A file name or a found text as output shows it: a byte that is not UTF-8 as ``\\xe9``,
    a newline or other control character escaped (``\\n``, ``\\x1b``): it cannot forge a line."""
    if name.isprintable():
        return name
    out = []
    for ch in name:
        if "\udc80" <= ch <= "\udcff":  # a byte os.fsdecode could not decode
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        elif ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.rule, p.message))


#: the most problems listed for one file: past it, one line counts the rest (a file made to
#: break budgetcli must not make a million lines of output)
MOST_PER_FILE = 100


def listed(problems: list[Problem], most: int = MOST_PER_FILE) -> list[Problem]:
    """The problems as they are reported: sorted, at most ``most`` a file, then one that says
    how many more that file has."""
    out: list[Problem] = []
    per_file: dict[str, list[Problem]] = {}
    for p in sort_problems(problems):
        per_file.setdefault(p.path, []).append(p)
    for path, found in per_file.items():
        out += found[:most]
        if len(found) > most and any(p.rule == "too-many-problems" for p in found):
            out += found[most:]  # capped where it was read, with the count of the rest
        elif len(found) > most:
            rest = found[most]
            message = too_many(len(found) - most, most, "file")
            out.append(
                Problem(
                    path,
                    rest.line,
                    rest.col,
                    Severity.ERROR,
                    "too-many-problems",
                    message.english,
                    message,
                )
            )
    return out


def too_many(more: int, most: int, of: str) -> Said:
    """The message of the problems not listed past the ``most`` of a file (``of``: "file") or
    of a case register ("register")."""
    if of == "register":
        if more == 1:
            return said(
                "{count} more problem from this line on are not listed (at most {most} a"
                " register); fix the ones above and run validate again",
                count=more,
                most=most,
            )
        return said(
            "{count} more problems from this line on are not listed (at most {most} a"
            " register); fix the ones above and run validate again",
            count=more,
            most=most,
        )
    if more == 1:
        return said(
            "{count} more problem from this line on are not listed (at most {most} a file); fix"
            " the ones above and run validate again",
            count=more,
            most=most,
        )
    return said(
        "{count} more problems from this line on are not listed (at most {most} a file); fix the"
        " ones above and run validate again",
        count=more,
        most=most,
    )


def strict(problems: list[Problem]) -> list[Problem]:
    """``--strict``: every warning counts as an error."""
    return [replace(p, severity=Severity.ERROR) if not p.is_error else p for p in problems]


@dataclass
class Source:
    """Where a document's values stand: ``positions[loc] = (line, col)``, 1-based.

    ``locate`` makes the positions on first use (reading a file again, with positions, costs
    less than recording them for the many files that have nothing to report); ``find``, if
    given, tells one position at less cost before they are all made, or None when it cannot
    (a top-level key's line: where most of a proposal's messages stand).
    """

    path: str
    positions: dict[Loc, Pos] = field(default_factory=dict)
    locate: Callable[[], dict[Loc, Pos]] | None = field(default=None, repr=False, compare=False)
    find: Callable[[Loc], Pos | None] | None = field(default=None, repr=False, compare=False)

    def at(self, loc: Loc) -> Pos:
        """The position of ``loc``, or of its nearest ancestor that has one."""
        if self.locate is not None:
            if self.find is not None and (found := self.find(loc)) is not None:
                return found
            self.positions, self.locate = self.locate(), None
        while loc:
            pos = self.positions.get(loc)
            if pos is not None:
                return pos
            loc = loc[:-1]
        return self.positions.get((), (1, 1))

    def problem(
        self, loc: Loc, rule: str, message: str | Said, severity: Severity = Severity.ERROR
    ) -> Problem:
        line, col = self.at(loc)
        if isinstance(message, Said):
            return Problem(self.path, line, col, severity, rule, message.english, message)
        return Problem(self.path, line, col, severity, rule, message)

    def warning(self, loc: Loc, rule: str, message: str | Said) -> Problem:
        """A warning at ``loc``: reported, and the budget still loads."""
        return self.problem(loc, rule, message, Severity.WARNING)
