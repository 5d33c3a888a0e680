"""The budget as plain, immutable values: what calculation and rendering work on.

pydantic (``models.py``) checks a file and turns it into these dataclasses; nothing below the
validation boundary imports pydantic, so a run that finds its validated data in the cache never
pays pydantic's start-up cost. Series are already expanded: ``dict[year, amount]``, a missing
year meaning 0.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from budgetcli.core.diagnostics import Source
from budgetcli.core.lazyclasses import dataclass, field
from budgetcli.core.vocab import ProposalKind, Status

Series = dict[int, int]
FteSeries = dict[int, Decimal]


@dataclass(frozen=True)
class Area:
    """An area of ``areas.yaml``: its code, its committee, and its name and budget where the
    file gives them."""

    #: the area's code, as the documents write it (``10.01``, ``B60.99.10``)
    code: str
    #: the committee (fagudvalg) the area belongs to
    committee: str
    name: str | None = None
    #: the area's budget per year, in the budget's unit
    budget: Series | None = None
    #: what of the year's deviation is carried to next year: full, overspend, underspend, none
    #: (``None``: not stated)
    carry_over: str | None = None
    #: the accounts (function codes, cost centres) whose spending is the area's
    accounts: list[Account] = field(default_factory=list)


@dataclass(frozen=True)
class Account:
    """A function code of the municipal chart of accounts (``5.38.50``) whose spending is an
    area's, in one frame; with ``cost_centres``, only theirs."""

    code: str
    frame: str = "inside"
    cost_centres: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Frames:
    """A figure per year for the service frame and for the construction frame (``None``: not
    given): the frames the state sets (``frames``), or the budget inside each (``baseline``)."""

    service: Series | None = None
    construction: Series | None = None


@dataclass(frozen=True)
class Meta:
    """``areas.yaml``: whose budget it is, its years and unit, and its areas (``area(code)``
    finds one); the year whose prices its amounts are in, and the frames and the budget
    inside them before the proposals, where it gives them."""

    municipality: str
    title: str
    years: list[int]
    unit: str
    areas: list[Area]
    price_level: int | None = None
    frames: Frames = field(default_factory=Frames)
    baseline: Frames = field(default_factory=Frames)
    #: the price level the amounts were restated from (``--prices``; ``None``: as the files
    #: state them)
    restated_from: int | None = None
    #: the budget's own language (``da``, ``en``; ``None``: not stated): what is handed to
    #: others (the workbook, the report) is in it unless ``--lang`` says otherwise
    language: str | None = None

    def area(self, code: str) -> Area | None:
        return self._by_code.get(code)

    @functools.cached_property
    def _by_code(self) -> dict[str, Area]:
        """The areas by code (the first, if areas.yaml repeats one): a lookup per proposal must
        not scan the list, or a budget of many areas takes quadratic time."""
        index: dict[str, Area] = {}
        for a in self.areas:
            index.setdefault(a.code, a)
        return index


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
    construction: Series = field(default_factory=dict)  # rådighedsbeløb, per year


@dataclass(frozen=True)
class DocumentPage:
    """Where a proposal was read from (``budgetcli import``): the document and its page."""

    document: str
    page: int


@dataclass(frozen=True)
class Proposal:
    """A proposal: the fields of a proposal file (``folder/models.py``'s ``ProposalFile``) by the
    same names, each of the type its rule makes; the store, ``diff`` and the fast path follow
    these fields (``tests/test_shape.py`` holds the two lists equal)."""

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
    kind: ProposalKind = ProposalKind.REDUCTION
    construction_grant: int | None = None  # anlægsbevilling: the project's total grant
    source: DocumentPage | None = None  # the document page it was imported from


# --- forecasts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ForecastLine:
    """A line of a forecast: typed figures, or ``compute`` from the case register."""

    label: str
    budget: int
    forecast: int | None = None  # None when computed
    compute: str | None = None  # "existing" | "flow" | "refusion"
    service_frame: str = "inside"  # "inside" | "outside"
    cases_in: int | None = None
    cases_out: int | None = None
    cases_active: int | None = None


@dataclass(frozen=True)
class Case:
    """One anonymised case of the register. Costs in kr. a year."""

    case_id: str
    section: str
    annual_cost: int
    start: datetime.date
    end: datetime.date | None = None
    age_group: str | None = None
    refusion: bool = True


@dataclass(frozen=True)
class Flow:
    """Expected inflow or outflow of cases during the year."""

    count: int
    average_annual_cost: int  # kr.
    month: int  # inflow: the average start month; outflow: the average last month


@dataclass(frozen=True)
class Scenario:
    inflow_count: int | None = None
    average_annual_cost: int | None = None  # kr., of the inflow


@dataclass(frozen=True)
class Forecast:
    id: str
    title: str
    year: int
    unit: str
    lines: list[ForecastLine]
    date: datetime.date | None = None
    areas: list[str] = field(default_factory=list)
    stated_total: tuple[int, int] | None = None  # (forecast, budget) as the document states it
    cases: list[Case] = field(default_factory=list)
    inflow: Flow | None = None
    outflow: Flow | None = None
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    over: int | None = None  # count the cases whose annual cost exceeds this (kr.)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RefusionTier:
    above: int  # kr. a year
    rate: Decimal  # of the part above ``above`` (up to the next tier)


@dataclass(frozen=True)
class RefusionRule:
    year: int
    level: str
    source: str
    tiers: list[RefusionTier]


@dataclass(frozen=True)
class PriceFigure:
    """One year of a price index (``rules/prices.yaml``): its level (``index``) or its change
    from the year before (``rate``, 0.031 = 3.1 %), or neither: the figure was not found, and
    ``source`` says where it was looked for."""

    year: int
    source: str
    index: Decimal | None = None
    rate: Decimal | None = None


@dataclass(frozen=True)
class Prices:
    """The price indexes amounts are restated by: service expenditure (KL's pris- og
    lønskøn) and construction."""

    service: list[PriceFigure] = field(default_factory=list)
    construction: list[PriceFigure] = field(default_factory=list)


# the loaded budget: the values above with where each came from


@dataclass(frozen=True)
class LoadedProposal:
    """A proposal as loaded: ``source`` places each of its keys in its file (for a problem's
    line and column), ``stem`` is the file's name without ``.yaml``, the id it must have."""

    proposal: Proposal
    source: Source
    stem: str


@dataclass(frozen=True)
class LoadedForecast:
    """A forecast as loaded, placed in its file as a proposal is (``LoadedProposal``)."""

    forecast: Forecast
    source: Source
    stem: str


# --- the year after adoption: appropriations and follow-ups -----------------------------------


@dataclass(frozen=True)
class OriginalBudget:
    """An area's original budget (oprindeligt budget) of a year, per frame; an area not in
    ``areas.yaml`` is declared with its name and committee."""

    code: str
    inside: int | None = None  # None: not stated (a row in that frame is refused)
    outside: int | None = None
    construction: int | None = None
    name: str | None = None
    committee: str | None = None
    revenue: bool = False
    carry_over: str | None = None


@dataclass(frozen=True)
class Appropriation:
    """A change of the year's appropriations: a supplementary appropriation (tillægsbevilling),
    a reallocation (omplacering, netting to zero) or last year's carry-over (overførsel)."""

    id: str
    kind: str  # supplementary | reallocation | carry_over
    frame: str  # inside | outside | construction
    amounts: dict[str, int]
    status: str = "adopted"  # adopted | proposed
    date: datetime.date | None = None
    decision: str | None = None  # the council's meeting and item, or "administrative"
    financing: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Appropriations:
    """``appropriations/<year>.yaml``: the year's budget after adoption."""

    year: int
    areas: list[OriginalBudget]
    changes: list[Appropriation] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    source: str | None = None


@dataclass(frozen=True)
class LoadedAppropriations:
    appropriations: Appropriations
    source: Source
    stem: str


@dataclass(frozen=True)
class Expectation:
    """A follow-up's expected accounts (forventet regnskab) of an area in one frame: stated,
    from a forecast's lines of that frame, or extrapolated from the spending to date."""

    area: str
    frame: str = "inside"
    expected: int | None = None
    forecast: str | None = None
    extrapolated: bool = False
    note: str | None = None
    spent: int | None = None
    last_year_to_date: int | None = None
    last_year_total: int | None = None
    #: the document's own figures (``expected``, ``deviation`` …) in its printed unit
    printed: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Realisation:
    """How much of an adopted proposal's saving the year realises: full, partly, none."""

    id: str
    realised: str
    amount: int | None = None
    why: str | None = None


@dataclass(frozen=True)
class PrintedTotal:
    """A total the follow-up document prints: of a committee (``None``: of all), of one frame
    (``None``: of every frame; "Serviceudgifter i alt" is the total of ``inside``)."""

    figures: dict[str, Decimal]
    committee: str | None = None
    frame: str | None = None


@dataclass(frozen=True)
class SpendingExport:
    """The finance system's export a follow-up names, and how it is written."""

    file: str
    function: str
    amount: str
    cost_centre: str | None = None
    period: str | None = None
    separator: str = ";"
    decimal: str = ","
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Followup:
    """``followups/<id>.yaml``: a budget follow-up (budgetopfølgning) of a year."""

    id: str
    name: str
    year: int
    cut_off: datetime.date
    rows: list[Expectation]
    proposals: list[Realisation] = field(default_factory=list)
    spending: SpendingExport | None = None
    printed_unit: str | None = None
    printed_totals: list[PrintedTotal] = field(default_factory=list)
    source: str | None = None


@dataclass(frozen=True)
class LoadedFollowup:
    followup: Followup
    source: Source
    stem: str


@dataclass(frozen=True)
class Budget:
    """A data folder whose files passed the model step (cross-checks come after)."""

    meta: Meta
    meta_source: Source
    proposals: tuple[LoadedProposal, ...] = ()
    forecasts: tuple[LoadedForecast, ...] = ()
    refusion_rules: tuple[RefusionRule, ...] = ()
    rules_source: Source | None = None
    prices: Prices | None = None
    prices_source: Source | None = None
    appropriations: tuple[LoadedAppropriations, ...] = ()
    followups: tuple[LoadedFollowup, ...] = ()

    @property
    def years(self) -> list[int]:
        return self.meta.years

    def without_positions(self) -> Budget:
        """The same budget with no source positions: what the cross-checks needed, once they
        have run (a tenth of the size to store)."""

        def bare(source: Source) -> Source:
            return Source(source.path)

        return replace(
            self,
            meta_source=bare(self.meta_source),
            proposals=tuple(replace(lp, source=bare(lp.source)) for lp in self.proposals),
            forecasts=tuple(replace(lf, source=bare(lf.source)) for lf in self.forecasts),
            appropriations=tuple(replace(la, source=bare(la.source)) for la in self.appropriations),
            followups=tuple(replace(lf, source=bare(lf.source)) for lf in self.followups),
            rules_source=bare(self.rules_source) if self.rules_source else None,
            prices_source=bare(self.prices_source) if self.prices_source else None,
        )


class Placement(NamedTuple):
    """What a proposal that failed the model says of its id, areas and committee, where each
    is well formed (``None`` where not)."""

    pid: str | None
    areas: list[str] | None
    committee: str | None
    source: Source
