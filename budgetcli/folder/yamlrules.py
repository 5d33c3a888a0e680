"""The strict rules for YAML scalars, shared by the exact reader (``yamlsafe``) and the fast
one (``yamlfast``), and what a reader returns: a ``Document``.

No PyYAML here: a run whose files the fast reader takes never imports it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from budgetcli.core.diagnostics import Loc, Problem, Said, Source, said
from budgetcli.core.lazyclasses import dataclass

MAX_DEPTH = 32
#: an unquoted number longer than this is refused: no figure of a budget is, and Python will
#: not turn more than 4,300 digits into an int
LONGEST_NUMBER = 100


# Every pattern below is matched against a whole scalar (``fullmatch``: from its start only),
# and every repetition in it is possessive (``*+``, ``++``: what it took is never given back),
# so none backtracks: each runs in time linear in the scalar, however long and whatever it
# holds. (``[0-9]+\.?[0-9]*[eE]`` tried every split of a run of digits that ends in no ``e``:
# a title of 100 KB of digits took 81 s; tests/test_linear.py holds every rule to 5 MB.)
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*+)")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]++")
_DECIMAL = re.compile(r"[-+]?(?:[0-9]++\.[0-9]*+|\.[0-9]++)")
#: numbers some YAML tool reads otherwise: an exponent, a base (0x, 0o, 0b), a digit group
#: separator (``1_000``: the first ``_`` after the leading digits), base 60 (``12:30``)
_OTHER_NUMBER = re.compile(
    r"[-+]?(?:[0-9]++(?:\.[0-9]*+)?|\.[0-9]++)[eE][-+]?[0-9]++"
    r"|[-+]?0[xXoObB][0-9a-fA-F_]++"
    r"|[-+]?[0-9]++_[0-9_]*+(?:\.[0-9_]*+)?"
    r"|[-+]?[0-9]++(?::[0-5]?[0-9])++(?:\.[0-9_]*+)?"
)
_NAN_INF = re.compile(r"[-+]?\.?(?:nan|inf|infinity)", re.IGNORECASE)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YAML11_BOOLS = frozenset({"yes", "no", "on", "off"})
#: a plain scalar cannot be one of these alone (libyaml reads ``[-]`` as a list of "-")
_LONE_INDICATORS = frozenset({"-", "?"})
#: text that pydantic reads as a whole number (a year key): ``+2024``, `` 2024``, ``2024.0``
_MODEL_INT = re.compile(r"[-+]?[0-9]++(?:_[0-9]++)*+(?:\.0*+)?")
#: the words (any case) that are not plain text to some YAML reader
_SPECIAL_WORDS = frozenset(
    {"null", "true", "false", "yes", "no", "on", "off", "nan", "inf", "infinity"}
)


class Refused(Exception):
    """A scalar spelled in a way we will not guess about; the message says how to write it."""

    def __init__(self, rule: str, message: Said) -> None:
        super().__init__(message.english)
        self.rule = rule
        self.message = message


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar, by budgetcli's strict rules (see module doc)."""
    first = text[:1]
    if first.isalpha() and (len(text) > 8 or text.lower() not in _SPECIAL_WORDS):
        return text  # a word: the common case, decided without a regular expression
    if text in _NULLS:
        return None
    if text in _LONE_INDICATORS:
        raise Refused(
            "syntax",
            said(
                "a lone {text} is not a value in YAML (libyaml reads it as text, the YAML"
                ' specification as an error); quote it ("{text}") if you mean the text',
                text=text,
            ),
        )
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if len(text) > LONGEST_NUMBER and (
        _INT.fullmatch(text) or _DECIMAL.fullmatch(text) or _LEADING_ZERO.fullmatch(text)
    ):
        raise Refused(
            "number-too-long",
            said(
                "a number of {count} characters is not a budget figure; quote it if it is a code",
                count=len(text.lstrip("+-")),
            ),
        )
    if _INT.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return Decimal(text)
    if text.lower() in _YAML11_BOOLS:
        raise Refused(
            "yaml-boolean",
            said(
                "'{text}' is read as a yes/no value by YAML 1.1 tools; write true or false,"
                ' or quote it ("{text}") if you mean the text',
                text=text,
            ),
        )
    if _LEADING_ZERO.fullmatch(text):
        raise Refused("leading-zero", _leading_zero(text))
    if _NAN_INF.fullmatch(text):
        raise Refused(
            "not-a-number",
            said("{text} (NaN or infinity) is not an amount; write a number", text=text),
        )
    if _OTHER_NUMBER.fullmatch(text):
        raise Refused(
            "ambiguous-number",
            said(
                "{text} is read as a number in a way that differs between YAML tools; write"
                ' plain digits, or quote it ("{text}") if it is a code',
                text=text,
            ),
        )
    return text


def _leading_zero(text: str) -> Said:
    """The message of a number written with a leading 0: what YAML tools read it as."""
    digits = text.lstrip("+-")
    if set(digits) <= set("01234567"):
        return said(
            "{text} starts with 0 and is read as the octal number {number} by YAML tools;"
            ' quote it: "{text}"',
            text=text,
            number=int(digits, 8),
        )
    return said(
        '{text} starts with 0 and is read as the number {number} by YAML tools; quote it: "{text}"',
        text=text,
        number=int(digits),
    )


def key_text(key: str | int) -> str:
    """A key as the model reads it: two keys with the same text are the same key there
    (``2024``, ``"2024"`` and ``" +2024"`` are one year; ``"053027 "`` is ``"053027"``)."""
    if type(key) is int:
        return str(key)
    text = str(key).strip()
    if text[:1] in _NUMBER_START and _MODEL_INT.fullmatch(text):
        return str(int(text.partition(".")[0].replace("_", "")))
    return text


_NUMBER_START = frozenset("+-0123456789")


@dataclass
class Document:
    """A file read: its value (``None`` if unreadable), where each value stands, what was wrong."""

    value: Any
    source: Source
    problems: list[Problem]
    refused: frozenset[Loc] = frozenset()
