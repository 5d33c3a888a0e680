"""The budget as plain, immutable values: what calculation and rendering work on.

pydantic (``models.py``) checks a file and turns it into these dataclasses; nothing below the
validation boundary imports pydantic, so a run that finds its validated data in the cache never
pays pydantic's start-up cost. Series are already expanded: ``dict[year, amount]``, a missing
year meaning 0.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from budgetcli.vocab import Status

Series = dict[int, int]
FteSeries = dict[int, Decimal]


@dataclass(frozen=True)
class Area:
    code: str
    committee: str
    name: str | None = None
    budget: Series | None = None


@dataclass(frozen=True)
class Meta:
    """``areas.yaml``."""

    municipality: str
    title: str
    years: list[int]
    unit: str
    areas: list[Area]

    def area(self, code: str) -> Area | None:
        return next((a for a in self.areas if a.code == code), None)


@dataclass(frozen=True)
class Component:
    type: str  # "saving" | "investment"
    label: str
    amounts: Series


@dataclass(frozen=True)
class Allocations:
    function_areas: dict[str, Series] = field(default_factory=dict)
    cost_centers: dict[str, Series] = field(default_factory=dict)


@dataclass(frozen=True)
class Staffing:
    change_fte: FteSeries
    baseline_fte: FteSeries | None = None


@dataclass(frozen=True)
class Change:
    inside_service_frame: Series = field(default_factory=dict)
    outside_service_frame: Series = field(default_factory=dict)


@dataclass(frozen=True)
class Proposal:
    id: str
    title: str
    status: Status
    areas: list[str]
    change: Change
    committee: str | None = None
    center: str | None = None
    contact: str | None = None
    date: datetime.date | None = None
    operating_budget: Series | None = None
    area_budget: Series | None = None
    components: list[Component] = field(default_factory=list)
    allocations: Allocations | None = None
    staffing: Staffing | None = None
    description: str = ""
    notes: list[str] = field(default_factory=list)
