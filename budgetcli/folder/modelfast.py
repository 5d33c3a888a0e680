"""The common proposal checked without pydantic, or ``None``: ``models.ProposalFile``'s fast path.

Importing pydantic and building the proposal model costs ~0.1 s, more than the rest of a run
that reads one edited file of 10,000. Almost every proposal is written the plain way: every
field of the type its model says, every text already stripped, every series a number or a map
of the budget's years. This module checks exactly that and makes the domain value, and gives
up (returns ``None``) on anything else: then the model reads the file and says what is wrong,
or accepts what this module would not guess about (a text with surrounding spaces, a year
written as text, a whole number of FTE as ``"3"``).

So the rule this module keeps, as ``yamlfast`` keeps it for libyaml: when it returns a value,
that value is the one ``ProposalFile.model_validate(...).to_domain()`` makes from the same input,
and the model would accept it (a property test holds it to that, down to the bytes the store
keeps). It imports no pydantic, and the model imports its rules of text and numbers from here.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from budgetcli.core import domain
from budgetcli.core.vocab import ProposalKind, Status

#: FTE are held exactly up to this (a municipality has thousands of positions, not millions)
FTE_LIMIT = Decimal(10_000_000)
#: an amount, in the budget's unit, is less than this in size: 10**12 of 1.000 kr. is 10**15 kr.,
#: beyond any budget, and far inside what every export holds exactly (Excel's doubles are
#: exact to 2**53, about 9 * 10**15). A figure this large is a typo, refused at its field.
AMOUNT_LIMIT = 10**12
#: a cost in kroner (a case's ``annual_cost``, a refusion threshold) is less than this: the
#: same bound as ``AMOUNT_LIMIT``'s in kroner
KRONER_LIMIT = 10**15
_CENT = Decimal("0.01")
#: the characters a text may not hold: controls (Unicode's category Cc), line and paragraph
#: separators (Zl, Zp), and the bidirectional overrides (which make text read otherwise than it
#: is stored); prose may hold newlines and tabs. A pattern: searched at C speed, where a test of
#: each character cost a millisecond a proposal with a description.
BAD_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
BAD_IN_PROSE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: a proposal's id, as the model's pattern says (``$`` there is the end of the text)
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_STATUS = {s.value: s for s in Status}
_KIND = {k.value: k for k in ProposalKind}
_CHANGE = frozenset({"inside_service_frame", "outside_service_frame", "construction"})
_COMPONENT = frozenset({"type", "label", "amounts"})
_COMPONENT_TYPES = frozenset({"saving", "investment"})
_ALLOCATIONS = frozenset({"function_areas", "cost_centers"})
_STAFFING = frozenset({"baseline_fte", "change_fte"})
_SOURCE = frozenset({"document", "page"})
#: the fields a proposal must have: the domain value's fields without a default (the model
#: requires the same; ``tests/test_shape.py`` holds them to it)
_REQUIRED = frozenset(
    f.name
    for f in dataclasses.fields(domain.Proposal)
    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
)


class _Unusual(Exception):
    """Not the common case: the model decides."""


def at_most_cents(number: Decimal) -> bool:
    """``number`` has at most two decimals (``4.500`` has): it is itself rounded to 0.01."""
    try:
        return number.quantize(_CENT) == number
    except ArithmeticError:  # more digits than the context holds: not a number of positions
        return False


def proposal(value: Any, years: list[int] | None) -> domain.Proposal | None:
    """The proposal ``value`` (a file's YAML, read) states, if it is written the common way
    and valid; ``None``: ask the model (``years``: the budget's, None if unknown)."""
    if type(value) is not dict or not years or not value.keys() <= TAKEN:
        return None
    try:
        return _proposal(value, years, frozenset(years))
    except _Unusual:
        return None


def _proposal(v: dict[Any, Any], years: list[int], known: frozenset[int]) -> domain.Proposal:
    """Each field read by its reader of ``_READERS``; a field the file leaves out keeps the
    domain value's default, which is the model's (a test holds them equal)."""
    if not v.keys() >= _REQUIRED:
        raise _Unusual
    return domain.Proposal(**{key: _READERS[key](value, years, known) for key, value in v.items()})


def _id(value: Any, *_: object) -> str:
    if type(value) is not str or not _ID.fullmatch(value):
        raise _Unusual
    return value


def _status(value: Any, *_: object) -> Status:
    if type(value) is not str or value not in _STATUS:
        raise _Unusual
    return _STATUS[value]


def _kind(value: Any, *_: object) -> ProposalKind:
    if type(value) is not str or value not in _KIND:
        raise _Unusual
    return _KIND[value]


def _optional_amount(value: Any, *_: object) -> int | None:
    if value is not None and (type(value) is not int or not -AMOUNT_LIMIT < value < AMOUNT_LIMIT):
        raise _Unusual  # not a whole number, or beyond any budget: the model says which
    return value


def _line(value: Any) -> str:
    """A text of one line, as stored: no surrounding space to strip, nothing refused."""
    if type(value) is not str or (not value.isprintable() and BAD_IN_LINE.search(value)):
        raise _Unusual
    if value[:1].isspace() or value[-1:].isspace():
        raise _Unusual
    return value


def _optional_line(value: Any, *_: object) -> str | None:
    return None if value is None else _line(value)


def _code(value: Any) -> str:
    code = _line(value)
    if not code:
        raise _Unusual
    return code


def _prose(value: Any, *_: object) -> str:
    """A text of lines, its surrounding spaces and line breaks stripped (the model strips)."""
    if type(value) is not str:
        raise _Unusual
    text = value.strip(" \n")
    if text != value.strip() or (not text.isprintable() and refused_in_prose(text)):
        raise _Unusual  # other space around it, or a refused character: the model says
    return text


#: the Latin-1 characters prose may hold: ``BAD_IN_PROSE`` refuses the others (a test holds
#: the two to the same characters)
_PROSE_LATIN1 = b"\t\n" + bytes(range(0x20, 0x7F)) + bytes(range(0xA0, 0x100))


def refused_in_prose(text: str) -> bool:
    """``text`` holds a character ``BAD_IN_PROSE`` refuses. Danish prose is Latin-1: its bytes
    with the allowed ones deleted, at C speed (~1.6 µs a 2 KB description against the
    pattern's ~6-8 µs); any other text by the pattern."""
    try:
        latin = text.encode("latin-1")
    except UnicodeEncodeError:
        return BAD_IN_PROSE.search(text) is not None
    return bool(latin.translate(None, _PROSE_LATIN1))


def _date(value: Any, *_: object) -> datetime.date | None:
    if value is None or type(value) is datetime.date:
        return value
    if type(value) is not str or not _DATE.fullmatch(value):
        raise _Unusual
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise _Unusual from None


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Unusual
    return value


def _dict(value: Any) -> dict[Any, Any]:
    if type(value) is not dict:
        raise _Unusual
    return value


def _mapping(value: Any, keys: frozenset[str]) -> dict[Any, Any]:
    """A mapping of some of ``keys``."""
    mapping = _dict(value)
    if not mapping.keys() <= keys:
        raise _Unusual
    return mapping


def _series(value: Any, years: list[int], known: frozenset[int]) -> dict[int, int]:
    """An amount series: a whole number (every year) or a map of the budget's years; an
    amount beyond ``AMOUNT_LIMIT`` is the model's to refuse."""
    if type(value) is int:
        if not -AMOUNT_LIMIT < value < AMOUNT_LIMIT:
            raise _Unusual
        return dict.fromkeys(years, value)
    if type(value) is not dict:
        raise _Unusual
    for year, amount in value.items():
        if type(year) is not int or year not in known or type(amount) is not int:
            raise _Unusual
        if not -AMOUNT_LIMIT < amount < AMOUNT_LIMIT:
            raise _Unusual
    return dict(value)


def _optional_series(value: Any, years: list[int], known: frozenset[int]) -> dict[int, int] | None:
    return None if value is None else _series(value, years, known)


def _fte(value: Any) -> Decimal:
    if type(value) is Decimal:
        if value.is_finite() and at_most_cents(value) and abs(value) < FTE_LIMIT:
            return value
    elif type(value) is int and abs(value) < FTE_LIMIT:
        return Decimal(value)
    raise _Unusual


def _fte_series(value: Any, years: list[int], known: frozenset[int]) -> dict[int, Decimal]:
    if type(value) is not dict:
        return dict.fromkeys(years, _fte(value))
    series = {}
    for year, number in value.items():
        if type(year) is not int or year not in known:
            raise _Unusual
        series[year] = _fte(number)
    return series


def _change(v: dict[Any, Any], years: list[int], known: frozenset[int]) -> domain.Change:
    return domain.Change(
        _series(v.get("inside_service_frame", {}), years, known),
        _series(v.get("outside_service_frame", {}), years, known),
        _series(v.get("construction", {}), years, known),
    )


def _component(value: Any, years: list[int], known: frozenset[int]) -> domain.Component:
    if type(value) is not dict or value.keys() != _COMPONENT:
        raise _Unusual
    kind = value["type"]
    if type(kind) is not str or kind not in _COMPONENT_TYPES:
        raise _Unusual
    return domain.Component(kind, _line(value["label"]), _series(value["amounts"], years, known))


def _allocations(value: Any, years: list[int], known: frozenset[int]) -> domain.Allocations | None:
    if value is None:
        return None
    v = _mapping(value, _ALLOCATIONS)
    by_code = [
        {_code(code): _series(series, years, known) for code, series in _dict(m).items()}
        for m in (v.get("function_areas", {}), v.get("cost_centers", {}))
    ]
    return domain.Allocations(*by_code)


def _staffing(value: Any, years: list[int], known: frozenset[int]) -> domain.Staffing | None:
    if value is None:
        return None
    v = _mapping(value, _STAFFING)
    if "change_fte" not in v:
        raise _Unusual
    baseline = v.get("baseline_fte")
    return domain.Staffing(
        _fte_series(v["change_fte"], years, known),
        None if baseline is None else _fte_series(baseline, years, known),
    )


#: a field's reader: its value, the budget's years, and the same as a set (a text, a date or a
#: kind needs the value alone: ``*_``)
Reader = Callable[[Any, list[int], frozenset[int]], Any]


def _title(value: Any, *_: object) -> str:
    title = _line(value)
    if not title:
        raise _Unusual
    return title


def _areas(value: Any, *_: object) -> list[str]:
    if type(value) is not list or not value:
        raise _Unusual
    return [_code(code) for code in value]


def _notes(value: Any, *_: object) -> list[str]:
    return [_prose(note) for note in _list(value)]


def _components(value: Any, years: list[int], known: frozenset[int]) -> list[domain.Component]:
    return [_component(c, years, known) for c in _list(value)]


def _change_of(value: Any, years: list[int], known: frozenset[int]) -> domain.Change:
    return _change(_mapping(value, _CHANGE), years, known)


def _source(value: Any, *_: object) -> domain.DocumentPage | None:
    """The document page an import wrote: its file's name (a text) and a page from 1."""
    if value is None:
        return None
    if type(value) is not dict or value.keys() != _SOURCE:
        raise _Unusual
    page = value["page"]
    if type(page) is not int or page < 1:
        raise _Unusual
    return domain.DocumentPage(_code(value["document"]), page)


#: the fields this path takes, each with its reader, in the file's order: a field not here (a
#: field added to the model since) sends its file to the model, which is always right and only
#: slower; to take one, add its reader here and its values to ``tests/test_modelfast.py``'s
#: ``fields`` (``tests/test_shape.py`` says so)
_READERS: dict[str, Reader] = {
    "id": _id,
    "title": _title,
    "status": _status,
    "kind": _kind,
    "committee": _optional_line,
    "areas": _areas,
    "center": _optional_line,
    "contact": _optional_line,
    "date": _date,
    "operating_budget": _optional_series,
    "area_budget": _optional_series,
    "change": _change_of,
    "construction_grant": _optional_amount,
    "components": _components,
    "allocations": _allocations,
    "staffing": _staffing,
    "source": _source,
    "notes": _notes,
    "description": _prose,
}
#: the keys of a proposal this path takes
TAKEN = frozenset(_READERS)
