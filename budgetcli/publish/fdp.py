"""The budget as a Fiscal Data Package (``budgetcli export --format fdp -o DIR``): open budget
data in the Open Knowledge / frictionless standard for public budgets. Pure: a ``Publication``
in, the package's files out (``datapackage.json`` and ``budget.csv``).

``budget.csv`` has a line per proposal, year and part of the frames its change falls in
(``inside_service_frame``, ``outside_service_frame``, ``construction``), with an amount that is
not zero: the change of expenditure in the budget's unit (1.000 kr.: ``factor: 1000``;
negative: lower expenditure, a saving). So its amounts of a year sum, part by part, to the
summary's inside and outside the service frame and construction, and the two parts of the
service frame to its net. The amount is in one of two measures by the proposal's status: a
proposed proposal's in ``amount_proposed`` (``phase: proposed``), an adopted or realised one's
in ``amount_approved`` (``phase: approved``); a rejected proposal has no phase and is refused.

The dimensions: the year (``datetime``); the committee and the area (an administrative
classification, the committee the area's ``parent``); the function area of the proposal's
allocation (a functional classification; empty when it gives none, the codes joined by `` & ``
when it gives several, as a proposal on several areas is the area ``A & B``: amounts are never
split by a guess); the proposal and its kind (an activity); the part of the frames.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from budgetcli.core.calc import group_of
from budgetcli.core.domain import Proposal
from budgetcli.core.publication import Publication
from budgetcli.core.slugs import slug
from budgetcli.core.vocab import GroupBy, Status
from budgetcli.text.csvout import Cell, csv_table
from budgetcli.text.i18n import N_
from budgetcli.text.numbers import amounts_label

#: the package's data file
RESOURCE = "budget.csv"
#: the parts of the frames a change falls in (``Figures``' fields), each a line's ``frame``
PARTS = ("inside_service_frame", "outside_service_frame", "construction")
#: the phase of the budget process of each status a package may hold
PHASES = {Status.PROPOSED: "proposed", Status.ADOPTED: "approved", Status.REALIZED: "approved"}
#: the factor of each unit the package can state (``areas.yaml``'s ``unit``, spaces left out)
FACTORS = {"1000DKK": 1000, "DKK": 1}
#: the columns of ``budget.csv`` and their types (Table Schema)
FIELDS = (
    ("year", "year"),
    ("committee", "string"),
    ("area_code", "string"),
    ("area_name", "string"),
    ("function_area", "string"),
    ("proposal_id", "string"),
    ("proposal_title", "string"),
    ("kind", "string"),
    ("status", "string"),
    ("frame", "string"),
    ("amount_proposed", "integer"),
    ("amount_approved", "integer"),
)


def refusal(pub: Publication) -> str | None:
    """Why ``pub`` cannot be a Fiscal Data Package (marked for the catalogue; ``None``: it
    can): a rejected proposal has no phase of the budget process, and a unit other than kr.
    or 1.000 kr. has no factor the package could state."""
    if Status.REJECTED in pub.statuses:
        return N_(
            "a Fiscal Data Package has no phase for rejected proposals: leave out --status rejected"
        )
    if _factor(pub.meta.unit) is None:
        return N_(
            "a Fiscal Data Package states amounts in DKK or 1000 DKK: areas.yaml's unit is neither"
        )
    return None


def package(pub: Publication) -> dict[str, bytes]:
    """The package's files by name (``refusal(pub)`` must be ``None``)."""
    descriptor = json.dumps(_descriptor(pub), ensure_ascii=False, indent=2) + "\n"
    header = [name for name, _ in FIELDS]
    return {
        "datapackage.json": descriptor.encode("utf-8"),
        RESOURCE: csv_table(header, _lines(pub)).encode("utf-8"),
    }


def _factor(unit: str) -> int | None:
    return FACTORS.get(unit.replace(" ", "").upper())


def _lines(pub: Publication) -> Iterator[list[Cell]]:
    """``budget.csv``'s lines: per proposal (id order), year and part, an amount not zero."""
    for p in pub.proposals:
        head = _proposal_cells(pub, p)
        phase = PHASES[p.status]
        for year, figures in pub.figures[p.id].items():
            for part in PARTS:
                amount: int = getattr(figures, part)
                if amount:
                    measures: list[Cell] = [amount, None] if phase == "proposed" else [None, amount]
                    yield [year, *head, p.status.value, part, *measures]


def _proposal_cells(pub: Publication, p: Proposal) -> list[Cell]:
    """A proposal's committee, area code and name, function area, id, title and kind, as the
    summary groups it (a proposal on several areas is the area ``A & B``, without a name)."""
    committee, _ = group_of(p, GroupBy.COMMITTEE, pub.meta)
    area, _ = group_of(p, GroupBy.AREA, pub.meta)
    found = pub.meta.area(p.areas[0]) if len(p.areas) == 1 else None
    name = found.name if found is not None and found.name else ""
    functions = " & ".join(p.allocations.function_areas) if p.allocations else ""
    return [committee, area, name, functions, p.id, p.title, p.kind.value]


def _descriptor(pub: Publication) -> dict[str, Any]:
    """``datapackage.json``: the package, its resource's schema, the fiscal model."""
    meta = pub.meta
    return {
        "name": slug(f"{meta.municipality} {meta.title}") or "budget",
        "title": f"{meta.municipality}: {meta.title}",
        "description": (
            "The budget proposals' changes of expenditure per year, in"
            f" {amounts_label(meta.unit, pub.level)} (negative: lower expenditure, a saving);"
            f" statuses: {', '.join(pub.statuses)}. Made by {pub.command}."
        ),
        "profiles": {"fiscal-data-package": "*", "tabular-data-package": "*"},
        "countryCode": "DK",
        "fiscalPeriod": {"start": f"{min(meta.years)}-01-01", "end": f"{max(meta.years)}-12-31"},
        "resources": [
            {
                "name": "budget",
                "path": RESOURCE,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": n, "type": t} for n, t in FIELDS],
                    "primaryKey": ["proposal_id", "year", "frame"],
                },
            }
        ],
        "model": {"measures": _measures(pub), "dimensions": DIMENSIONS},
    }


def _measures(pub: Publication) -> dict[str, Any]:
    factor = _factor(pub.meta.unit)
    common = {"currency": "DKK", "factor": factor, "direction": "expenditure"}
    return {
        f"amount_{phase}": {"source": f"amount_{phase}", **common, "phase": phase}
        for phase in ("proposed", "approved")
    }


DIMENSIONS: dict[str, Any] = {
    "year": {
        "dimensionType": "datetime",
        "attributes": {"year": {"source": "year"}},
        "primaryKey": "year",
    },
    "administrative-classification": {
        "dimensionType": "classification",
        "classificationType": "administrative",
        "attributes": {
            "committee": {"source": "committee"},
            "area_code": {"source": "area_code", "parent": "committee"},
            "area_name": {"source": "area_name", "labelfor": "area_code"},
        },
        "primaryKey": ["committee", "area_code"],
    },
    "functional-classification": {
        "dimensionType": "classification",
        "classificationType": "functional",
        "attributes": {"function_area": {"source": "function_area"}},
        "primaryKey": "function_area",
    },
    "activity": {
        "dimensionType": "activity",
        "attributes": {
            "kind": {"source": "kind"},
            "proposal_id": {"source": "proposal_id", "parent": "kind"},
            "proposal_title": {"source": "proposal_title", "labelfor": "proposal_id"},
            "status": {"source": "status"},
        },
        "primaryKey": "proposal_id",
    },
    "frame": {
        "dimensionType": "other",
        "attributes": {"frame": {"source": "frame"}},
        "primaryKey": "frame",
    },
}
