"""Values as bytes, for the cache and for the answers of worker processes; never ``pickle``.

Everything is written as plain values (str, int, None, bool, list, tuple, dict) with
``marshal``, which writes those three times as fast as ``pickle`` writes dataclasses, and which
builds nothing but those values when it reads: a stored entry can never run code or make an
object of any other type. Each entry is checked against its key and checksum (``cache``) before
it is read at all.

* a proposal (``dumps``/``loads``): by hand, field by field, the hot path (10,000 are written on
  every first run). A field added to a dataclass must be added here too: ``tests/test_codec.py``
  gives every field a value of its own, so a field forgotten here fails its round trip;
* any other value of the budget (``encode``/``decode``): a dataclass of ``core`` as a tuple of
  its name and its fields, ``Decimal``, dates and enums tagged; only the types of ``KNOWN``
  are ever made, and anything else in the bytes is refused (``ValueError``).
"""

from __future__ import annotations

import dataclasses
import datetime
import marshal
from decimal import Decimal
from enum import Enum
from typing import Any

from budgetcli.core import domain
from budgetcli.core.diagnostics import Problem, Severity, Source
from budgetcli.core.domain import (
    Allocations,
    Change,
    Component,
    DocumentPage,
    Proposal,
    Staffing,
)
from budgetcli.core.vocab import ProposalKind, Status

#: the dataclasses ``decode`` makes, by name
KNOWN: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        domain.Area,
        domain.DocumentPage,
        domain.Frames,
        domain.Meta,
        domain.PriceFigure,
        domain.Prices,
        domain.ForecastLine,
        domain.Case,
        domain.Flow,
        domain.Scenario,
        domain.Forecast,
        domain.RefusionTier,
        domain.RefusionRule,
        domain.Budget,
        domain.LoadedForecast,
        domain.LoadedProposal,
        Component,
        Allocations,
        Staffing,
        Change,
        Proposal,
        Problem,
    )
}
ENUMS: dict[str, type[Enum]] = {
    "Status": Status,
    "Severity": Severity,
    "ProposalKind": ProposalKind,
}


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
        return Source(_text(rest[0]))
    cls = KNOWN[tag]
    if len(rest) != len(dataclasses.fields(cls)):
        raise TypeError(f"{tag}: {len(rest)} fields")
    return cls(*map(decode, rest))


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a text")
    return value


def _plain(data: bytes | memoryview) -> Any:
    try:
        return marshal.loads(data)
    except (EOFError, TypeError, ValueError) as exc:
        raise ValueError("not marshal data") from exc


def dumps(p: Proposal) -> bytes:
    alloc, staff = p.allocations, p.staffing
    return marshal.dumps(
        (
            p.id,
            p.title,
            p.status.value,
            p.areas,
            (p.change.inside_service_frame, p.change.outside_service_frame, p.change.construction),
            p.committee,
            p.center,
            p.contact,
            p.date.toordinal() if p.date is not None else None,
            p.operating_budget,
            p.area_budget,
            [(c.type, c.label, c.amounts) for c in p.components],
            (alloc.function_areas, alloc.cost_centers) if alloc is not None else None,
            (_fte_out(staff.change_fte), _fte_out(staff.baseline_fte))
            if staff is not None
            else None,
            p.description,
            p.notes,
            p.kind.value,
            p.construction_grant,
            (p.source.document, p.source.page) if p.source is not None else None,
        )
    )


def loads(blob: bytes | memoryview) -> Proposal:
    (
        pid,
        title,
        status,
        areas,
        (inside, outside, construction),
        committee,
        center,
        contact,
        date,
        operating_budget,
        area_budget,
        components,
        alloc,
        staff,
        description,
        notes,
        kind,
        construction_grant,
        source,
    ) = _plain(blob)
    return Proposal(
        pid,
        title,
        Status(status),
        areas,
        Change(inside, outside, construction),
        committee,
        center,
        contact,
        datetime.date.fromordinal(date) if date is not None else None,
        operating_budget,
        area_budget,
        [Component(*c) for c in components],
        Allocations(*alloc) if alloc is not None else None,
        Staffing(_fte_in(staff[0]), _fte_in(staff[1])) if staff is not None else None,
        description,
        notes,
        ProposalKind(kind),
        construction_grant,
        DocumentPage(*source) if source is not None else None,
    )


def _fte_out(series: dict[int, Decimal] | None) -> dict[int, str] | None:
    return {y: str(v) for y, v in series.items()} if series is not None else None


def _fte_in(series: Any) -> Any:
    return {y: Decimal(v) for y, v in series.items()} if series is not None else None
