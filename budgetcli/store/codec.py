"""Values as bytes, for the cache and for the answers of worker processes; never ``pickle``.

Everything is written as plain values (str, int, None, bool, list, tuple, dict) with
``marshal``, which writes those three times as fast as ``pickle`` writes dataclasses, and which
builds nothing but those values when it reads: a stored entry can never run code or make an
object of any other type. Each entry is checked against its key and checksum (``cache``) before
it is read at all.

* a proposal (``dumps``/``loads``): the hot path (10,000 are written on every first run), a
  tuple of its fields in ``domain.Proposal``'s order, each as the plain value its type hint
  says (an enum its value, a date its ordinal, a part a tuple of its own fields, FTE as text),
  worked out once, from the dataclasses' fields and type hints: a field added to the domain is
  stored with nothing to add here (a type not known here is an error that names it);
* any other value of the budget (``encode``/``decode``): a dataclass of ``core`` as a tuple of
  its name and its fields, ``Decimal``, dates and enums tagged; only the types of ``KNOWN``
  (every dataclass of ``core.domain``, and ``Problem``) are ever made, and anything else in
  the bytes is refused (``ValueError``).

``SHAPE`` names the fields of every stored type; it is part of every key of the store
(``store.load.VERSION``), so what a version with other fields stored is never read as this
one's.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import marshal
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from typing import Any

from budgetcli.core import domain, lazyclasses, vocab
from budgetcli.core.diagnostics import Problem, Said, Severity, Source
from budgetcli.core.domain import Proposal
from budgetcli.store.digests import blake2b


def _defined_in(module: types.ModuleType, kind: Callable[[Any], bool]) -> dict[str, Any]:
    """The classes ``module`` defines (not those it imports) of a kind, by name."""
    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, type) and value.__module__ == module.__name__ and kind(value)
    }


#: the dataclasses ``decode`` makes, by name: the values of the budget, and its problems
KNOWN: dict[str, type[Any]] = {
    **_defined_in(domain, lazyclasses.is_dataclass),
    Problem.__name__: Problem,
    Said.__name__: Said,
}
#: the enums ``decode`` makes, by name
ENUMS: dict[str, type[Enum]] = {
    **_defined_in(vocab, lambda cls: issubclass(cls, Enum)),
    Severity.__name__: Severity,
}


def shape(known: dict[str, type[Any]]) -> str:
    """The fields of the types ``known`` (their names and type hints), as a short digest; read
    from their declarations, so that no class is made a dataclass for it (``core.lazyclasses``:
    a cached run makes only those it uses)."""
    fields = sorted((name, lazyclasses.declared(cls)) for name, cls in known.items())
    return blake2b(repr(fields).encode(), digest_size=8).hexdigest()


#: the fields of every stored type: in every key of the store (``store.load.VERSION``)
SHAPE = shape(KNOWN)


def encode(value: Any) -> Any:
    """``value`` as plain values: every tuple in the result is tagged by its first item."""
    if isinstance(value, Enum):  # first: a StrEnum is a str too, and would lose its type
        return ("E", type(value).__name__, value.value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return ("D", str(value))
    if isinstance(value, datetime.date):
        return ("d", value.toordinal())
    if isinstance(value, Source):  # stored without its positions: the checks have run
        return ("S", value.path)
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return ("T", *map(encode, value))
    if isinstance(value, dict):
        return {encode(k): encode(v) for k, v in value.items()}
    name = type(value).__name__
    if KNOWN.get(name) is not type(value):
        raise TypeError(f"no encoding for {type(value)!r}")
    return (name, *(encode(getattr(value, f.name)) for f in dataclasses.fields(value)))


def decode(plain: Any) -> Any:
    """The value ``encode`` gave ``plain`` for; ``ValueError`` for anything it cannot give."""
    if plain is None or isinstance(plain, bool | int | str):
        return plain
    if isinstance(plain, list):
        return [decode(v) for v in plain]
    if isinstance(plain, dict):
        return {decode(k): decode(v) for k, v in plain.items()}
    if not isinstance(plain, tuple) or not plain or not isinstance(plain[0], str):
        raise ValueError(f"not a value budgetcli stores: {type(plain).__name__}")
    tag, *rest = plain
    try:
        return _decode_tagged(tag, rest)
    except (TypeError, ValueError, KeyError, IndexError, ArithmeticError) as exc:
        raise ValueError(f"not a value budgetcli stores: {tag}") from exc


def _decode_tagged(tag: str, rest: list[Any]) -> Any:
    if tag == "T":
        return tuple(map(decode, rest))
    if tag == "E":
        return ENUMS[rest[0]](rest[1])
    if tag == "D":
        return Decimal(_text(rest[0]))
    if tag == "d":
        return datetime.date.fromordinal(rest[0])
    if tag == "S":
        return lazyclasses.built(Source, (_text(rest[0]), {}, None, None))
    return lazyclasses.built(KNOWN[tag], [decode(v) for v in rest])


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value


def _plain(data: bytes | memoryview) -> Any:
    try:
        return marshal.loads(data)
    except (EOFError, TypeError, ValueError) as exc:
        raise ValueError("not marshal data") from exc


#: a value to its plain form and back; ``None``: stored as it is (a text, a number, a series)
Convert = Callable[[Any], Any]
Pair = tuple[Convert, Convert] | None


def _pair(hint: Any) -> Pair:
    """How a value of type ``hint`` is stored: ``(out, in)``, or ``None`` for a value marshal
    writes as it is."""
    if hint in (str, int, bool, type(None)):
        return None
    if isinstance(hint, type) and issubclass(hint, Enum):
        return attrgetter("value"), hint
    if hint is datetime.date:
        return datetime.date.toordinal, datetime.date.fromordinal
    if hint is Decimal:
        return str, Decimal
    if isinstance(hint, type) and lazyclasses.is_dataclass(hint):
        return _part(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union) and len(args) == 2 and type(None) in args:
        inner = _pair(next(a for a in args if a is not type(None)))
        return None if inner is None else (_or_none(inner[0]), _or_none(inner[1]))
    if origin is list and (item := _pair(args[0])) is not None:
        out, back = item
        return (lambda v: [out(x) for x in v]), (lambda v: [back(x) for x in v])
    if origin is list:
        return None
    if origin is dict and _pair(args[0]) is None:
        value = _pair(args[1])
        if value is None:
            return None
        out, back = value
        return (lambda v: {k: out(x) for k, x in v.items()}), (
            lambda v: {k: back(x) for k, x in v.items()}
        )
    raise TypeError(f"store/codec.py cannot store a field of type {hint!r}: teach _pair it")


def _or_none(convert: Convert) -> Convert:
    return lambda v: None if v is None else convert(v)


def _part(cls: type[Any]) -> tuple[Convert, Convert]:
    """A dataclass as the tuple of its fields (each stored as its type says), and back."""
    out, back = _fields_of(cls)
    return out, (lambda v: lazyclasses.built(cls, back(v)))


def _fields_of(cls: type[Any]) -> tuple[Convert, Convert]:
    """The fields of a ``cls`` value as a tuple of their plain values, in order, and back (the
    values, a sequence to make ``cls`` of); bytes of another number of fields are refused."""
    hints = typing.get_type_hints(cls)
    names = [name for name, _ in lazyclasses.declared(cls)]  # the class not made for it
    pairs = [_pair(hints[name]) for name in names]
    size = len(names)
    get = attrgetter(*names) if size > 1 else (lambda v: (getattr(v, names[0]),))
    outs = [(i, p[0]) for i, p in enumerate(pairs) if p is not None]
    backs = [(i, p[1]) for i, p in enumerate(pairs) if p is not None]

    def to_plain(value: Any) -> Any:
        plain = list(get(value))
        for i, convert in outs:
            plain[i] = convert(plain[i])
        return tuple(plain)

    def from_plain(plain: Any) -> Any:
        if len(plain) != size:
            raise ValueError(f"{cls.__name__}: {len(plain)} fields, not {size}")
        values = list(plain)
        for i, convert in backs:
            values[i] = convert(values[i])
        return values

    def checked(plain: Any) -> Any:
        if len(plain) != size:
            raise ValueError(f"{cls.__name__}: {len(plain)} fields, not {size}")
        return plain

    return (to_plain, from_plain) if outs else (get, checked)


@functools.cache
def _proposal_fields() -> tuple[Convert, Convert]:
    """A proposal's ``_fields_of``, worked out on first use: the type hints cost milliseconds
    to read, which a run that writes or reads no proposal (a cached ``summary``) never pays."""
    return _fields_of(Proposal)


def dumps(p: Proposal) -> bytes:
    """A proposal's bytes: the tuple of its fields' plain values (``_fields_of``)."""
    return marshal.dumps(_proposal_fields()[0](p))


def loads(blob: bytes | memoryview) -> Proposal:
    """The proposal ``dumps`` gave ``blob`` for; an error for bytes of another shape."""
    return lazyclasses.built(Proposal, _proposal_fields()[1](_plain(blob)))
