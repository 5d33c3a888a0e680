"""A budget follow-up computed (budgetopfølgning): per area and frame the original budget
(OB), the year's appropriation changes by kind, the corrected budget (KB = OB + changes), the
spending to date, the expected accounts (FR) and the deviation FR − KB; totals per committee,
per frame and in all; the adopted proposals' realisation; the carry-over each area's rule
proposes for next year; the frame position with the expected accounts.

Pure: the follow-up, the year's appropriations, the areas, the forecasts and the proposals
in; values out. A figure it cannot be sure of is a problem, never a 0 (``Computed.missing``).
Amounts are whole units (1.000 kr.); the spending to date is exact (``Decimal`` of the unit,
from øre); a per cent is ``Decimal`` with one decimal, half to even.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from budgetcli.core.diagnostics import Said, said
from budgetcli.core.domain import (
    Appropriations,
    Area,
    Budget,
    Expectation,
    Followup,
    OriginalBudget,
    Proposal,
)
from budgetcli.core.lazyclasses import dataclass, field

FRAMES = ("inside", "outside", "construction")
KINDS = ("supplementary", "reallocation", "carry_over")
ONE_DECIMAL = Decimal("0.1")
Key = tuple[str, str]  # (area code, frame)


@dataclass(frozen=True)
class Figures:
    """A row's figures, or a total's: the corrected budget is the original and the adopted
    changes; ``spent`` is ``None`` where no spending is known (a total: where a row's is not)."""

    original: int = 0
    supplementary: int = 0
    reallocation: int = 0
    carry_over: int = 0
    proposed: int = 0  # changes not yet adopted: shown, not in the corrected budget
    expected: int = 0
    spent: Decimal | None = Decimal(0)

    @property
    def changes(self) -> int:
        return self.supplementary + self.reallocation + self.carry_over

    @property
    def corrected(self) -> int:
        return self.original + self.changes

    @property
    def deviation(self) -> int:
        """FR − KB: positive an overspend (merforbrug; less revenue), negative an underspend."""
        return self.expected - self.corrected

    @property
    def deviation_percent(self) -> Decimal | None:
        return percent(self.deviation, self.corrected)

    @property
    def spent_percent(self) -> Decimal | None:
        return None if self.spent is None else percent(self.spent, self.corrected)

    def __add__(self, other: Figures) -> Figures:
        spent = None if self.spent is None or other.spent is None else self.spent + other.spent
        return Figures(
            self.original + other.original,
            self.supplementary + other.supplementary,
            self.reallocation + other.reallocation,
            self.carry_over + other.carry_over,
            self.proposed + other.proposed,
            self.expected + other.expected,
            spent,
        )


def percent(part: int | Decimal, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in per cent, one decimal, half to even (``None``: of nothing).
    Of a negative whole (revenue) the sign says the direction as the deviation's does."""
    if whole == 0:
        return None
    return (Decimal(part) * 100 / abs(Decimal(whole))).quantize(ONE_DECIMAL, ROUND_HALF_EVEN)


@dataclass(frozen=True)
class Row:
    area: str
    name: str | None
    committee: str
    frame: str
    figures: Figures
    how: str  # stated | forecast | extrapolated
    revenue: bool = False
    extrapolated: int | None = None  # the mechanical FR, where last year's accounts are given
    note: str | None = None


@dataclass(frozen=True)
class Realised:
    id: str
    title: str
    planned: int
    realised: int
    how: str  # full | partly | none
    why: str | None = None

    @property
    def gap(self) -> int:
        """What is not realised: positive, a saving not realised (more spent than planned)."""
        return self.realised - self.planned


@dataclass(frozen=True)
class CarriedOver:
    area: str
    rule: str | None  # None: not stated (nothing is proposed)
    deviation: int
    amount: int | None


@dataclass(frozen=True)
class FramePosition:
    frame: str  # service | construction
    limit: int | None  # the frame set for the year (None: areas.yaml sets none)
    expected: int  # the expected accounts inside it


@dataclass(frozen=True)
class Computed:
    followup: Followup
    municipality: str
    unit: str
    rows: list[Row]
    committees: list[tuple[str, Figures]]
    frames: list[tuple[str, Figures]]
    total: Figures
    realised: list[Realised]
    carried: list[CarriedOver]
    positions: list[FramePosition]
    #: why a figure could not be computed: (the row's place, why); the follow-up is refused
    missing: list[tuple[Key, Said]] = field(default_factory=list)


def appropriations_of(budget: Budget, year: int) -> Appropriations | None:
    return next(
        (la.appropriations for la in budget.appropriations if la.appropriations.year == year),
        None,
    )


def compute(
    budget: Budget,
    followup: Followup,
    spent: Mapping[Key, Decimal] | None = None,
    proposals: Sequence[Proposal] = (),
) -> Computed:
    """The follow-up's figures. ``spent``: the spending to date per (area, frame) read from
    its export (in the unit, exact); a row's stated ``spent`` is taken before it.
    ``proposals``: the proposals the year's appropriations adopt and the realisation names."""
    year = followup.year
    appropriations = appropriations_of(budget, year)
    originals = _originals(appropriations)
    changes = _changes(appropriations, followup)
    missing: list[tuple[Key, Said]] = []
    named = set(appropriations.adopted) if appropriations is not None else set()
    adopted = [p for p in proposals if p.id in named]
    rows = [
        _row(budget, followup, e, originals, changes, spent or {}, missing) for e in followup.rows
    ]
    return Computed(
        followup,
        budget.meta.municipality,
        budget.meta.unit,
        rows,
        _grouped(rows, lambda r: r.committee),
        _grouped(rows, lambda r: r.frame),
        sum((r.figures for r in rows), Figures()),
        _realised(followup, proposals),
        _carried(budget, rows, originals),
        _positions(budget, rows, changes, adopted, year),
        missing,
    )


def _originals(appropriations: Appropriations | None) -> dict[str, OriginalBudget]:
    if appropriations is None:
        return {}
    return {a.code: a for a in appropriations.areas}


def _changes(appropriations: Appropriations | None, followup: Followup) -> dict[Key, Figures]:
    """The year's changes per (area, frame) as of the follow-up's cut-off: adopted ones by
    kind, proposed ones apart; a change dated after the cut-off is not yet in it."""
    found: dict[Key, Figures] = {}
    if appropriations is None:
        return found
    for change in appropriations.changes:
        if change.date is not None and change.date > followup.cut_off:
            continue
        for area, amount in change.amounts.items():
            key = (area, change.frame)
            add = Figures(
                supplementary=amount if change.kind == "supplementary" else 0,
                reallocation=amount if change.kind == "reallocation" else 0,
                carry_over=amount if change.kind == "carry_over" else 0,
            )
            if change.status != "adopted":
                add = Figures(proposed=amount)
            found[key] = found.get(key, Figures()) + add
    return found


def _row(
    budget: Budget,
    followup: Followup,
    e: Expectation,
    originals: Mapping[str, OriginalBudget],
    changes: Mapping[Key, Figures],
    spent: Mapping[Key, Decimal],
    missing: list[tuple[Key, Said]],
) -> Row:
    key = (e.area, e.frame)
    original = originals.get(e.area)
    ob = getattr(original, e.frame) if original is not None else None
    if ob is None:
        missing.append((key, _no_original(e, original is None, followup.year)))
        ob = 0
    spent_here = Decimal(e.spent) if e.spent is not None else spent.get(key)
    extrapolated = _extrapolated(e, spent_here)
    expected, how = _expected(budget, e, extrapolated, missing)
    area = budget.meta.area(e.area)
    base = changes.get(key, Figures())
    figures = Figures(
        ob,
        base.supplementary,
        base.reallocation,
        base.carry_over,
        base.proposed,
        expected,
        spent_here,
    )
    return Row(
        e.area,
        area.name if area is not None else original.name if original is not None else None,
        _committee(area, original),
        e.frame,
        figures,
        how,
        original.revenue if original is not None else False,
        extrapolated,
        e.note,
    )


def _no_original(e: Expectation, no_area: bool, year: int) -> Said:
    """Why a row has no original budget: its area is not in the year's appropriations, or
    they state none in its frame (never taken to be 0)."""
    if no_area:
        return said(
            "{code} has no original budget in appropriations/{year}.yaml: add it under areas:",
            code=e.area,
            year=year,
        )
    return said(
        "{code} has no original budget {frame} in appropriations/{year}.yaml: state"
        " {frame}: (0 if it has none)",
        code=e.area,
        frame=e.frame,
        year=year,
    )


def _committee(area: Area | None, original: OriginalBudget | None) -> str:
    """The row's committee: its area's in areas.yaml, else the one the appropriations declare."""
    if area is not None:
        return area.committee
    return (original.committee if original is not None else None) or ""


def _extrapolated(e: Expectation, spent: Decimal | None) -> int | None:
    """The mechanical FR: the spending to date over last year's share by the same date
    (last year's spending then / its accounts), half to even; ``None`` without the three."""
    if spent is None or e.last_year_to_date in (None, 0) or e.last_year_total is None:
        return None
    value = spent * e.last_year_total / e.last_year_to_date
    return int(value.quantize(Decimal(1), ROUND_HALF_EVEN))


def _expected(
    budget: Budget,
    e: Expectation,
    extrapolated: int | None,
    missing: list[tuple[Key, Said]],
) -> tuple[int, str]:
    """The row's FR and how it was found; a figure that cannot be found is said in
    ``missing`` (and counted 0 only so the rest can be shown: the follow-up is refused)."""
    key = (e.area, e.frame)
    if e.expected is not None:
        return e.expected, "stated"
    if e.forecast is not None:
        lines = forecast_lines(budget, e.forecast, e.frame)
        if lines is None:
            missing.append((key, said("there is no forecast with id '{id}'", id=e.forecast)))
            return 0, "forecast"
        if not lines:
            why = said(
                "forecast {id} has no line {frame}: it says nothing of the expected accounts there",
                id=e.forecast,
                frame=e.frame,
            )
            missing.append((key, why))
            return 0, "forecast"
        return sum(lines), "forecast"
    if extrapolated is None:
        missing.append(
            (
                key,
                said(
                    "expected: extrapolated needs the spending to date: state spent, or name"
                    " the spending export"
                ),
            )
        )
        return 0, "extrapolated"
    return extrapolated, "extrapolated"


def forecast_lines(budget: Budget, forecast_id: str, frame: str) -> list[int] | None:
    """The forecasts of the forecast's lines in ``frame`` (``None``: no such forecast; an
    empty list: it has no line there, and so says nothing of the frame)."""
    from budgetcli.core.forecasting import compute as run_forecast

    for lf in budget.forecasts:
        if lf.forecast.id == forecast_id:
            result = run_forecast(lf.forecast, budget.refusion_rules)
            return [line.forecast for line in result.lines if line.service_frame == frame]
    return None


def _grouped(rows: Sequence[Row], key: Callable[[Row], str]) -> list[tuple[str, Figures]]:
    """The rows' figures summed by ``key`` (their committee, their frame), in first order."""
    found: dict[str, Figures] = {}
    for row in rows:
        name = key(row)
        found[name] = found.get(name, Figures()) + row.figures
    return list(found.items())


def _realised(followup: Followup, proposals: Sequence[Proposal]) -> list[Realised]:
    """Each realisation the follow-up states, against the proposal's net change in the year
    (a proposal it names that is not among ``proposals`` is left out: validate says so)."""
    from budgetcli.core.calc import proposal_figures

    by_id = {p.id: p for p in proposals}
    found = []
    for r in followup.proposals:
        p = by_id.get(r.id)
        if p is None:
            continue
        planned = proposal_figures(p, followup.year).net
        realised = planned if r.realised == "full" else r.amount or 0
        found.append(Realised(r.id, p.title, planned, realised, r.realised, r.why))
    return found


def carry_over(rule: str | None, deviation: int) -> int | None:
    """What of a deviation a rule carries to next year: an underspend (negative deviation)
    becomes more budget next year, an overspend less. ``None``: no rule is stated."""
    if rule is None:
        return None
    if rule == "full":
        return -deviation
    if rule == "overspend":
        return -deviation if deviation > 0 else 0
    if rule == "underspend":
        return -deviation if deviation < 0 else 0
    return 0


def _carried(
    budget: Budget, rows: Sequence[Row], originals: Mapping[str, OriginalBudget]
) -> list[CarriedOver]:
    """Per area: its deviation and what its rule carries over, the rule applied to each of
    its rows (frame) and summed (an underspend on construction is carried as one on
    operations is, by the area's rule)."""
    found: dict[str, CarriedOver] = {}
    for row in rows:
        area = budget.meta.area(row.area)
        original = originals.get(row.area)
        rule = area.carry_over if area is not None else None
        if rule is None and original is not None:
            rule = original.carry_over
        amount = carry_over(rule, row.figures.deviation)
        was = found.get(row.area)
        if was is not None:
            amount = None if amount is None or was.amount is None else was.amount + amount
            deviation = was.deviation + row.figures.deviation
        else:
            deviation = row.figures.deviation
        found[row.area] = CarriedOver(row.area, rule, deviation, amount)
    return list(found.values())


def _positions(
    budget: Budget,
    rows: Sequence[Row],
    changes: Mapping[Key, Figures],
    adopted: Sequence[Proposal],
    year: int,
) -> list[FramePosition]:
    """The municipality's expected spending inside the service frame and for construction,
    against the frames areas.yaml sets for the year: the budget inside each before the
    proposals (``baseline``), the adopted proposals, the year's adopted changes to date and
    the follow-up's deviations (an area it does not follow up is taken to keep its corrected
    budget). ``limit`` ``None``: areas.yaml sets no frame or no baseline for the year."""
    from budgetcli.core.calc import proposal_figures

    meta = budget.meta
    found = []
    for name, frame in (("service", "inside"), ("construction", "construction")):
        limit = getattr(meta.frames, name)
        base = getattr(meta.baseline, name)
        if not limit or not base or year not in limit:
            found.append(FramePosition(name, None, 0))
            continue
        figures = [proposal_figures(p, year) for p in adopted]
        proposed = sum(
            f.inside_service_frame if frame == "inside" else f.construction for f in figures
        )
        changed = sum(fig.changes for (_, fr), fig in changes.items() if fr == frame)
        deviations = sum(r.figures.deviation for r in rows if r.frame == frame)
        found.append(
            FramePosition(name, limit[year], base.get(year, 0) + proposed + changed + deviations)
        )
    return found


def threshold_of(text: str, by: str) -> tuple[int, bool]:
    """``--threshold`` as (amount, per cent?): ``1000`` a deviation in units, ``2%`` of the
    corrected budget; ``UsageError`` for anything else (and for ``--by`` other than area or
    committee, checked here with it)."""
    from budgetcli.core.errors import UsageError

    if by not in ("area", "committee"):
        raise UsageError(said("--by is area or committee, not '{by}'", by=by))
    value = text.strip()
    is_percent = value.endswith("%")
    digits = value.removesuffix("%").strip()
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 12:
        raise UsageError(
            said(
                "--threshold is a whole amount (1000) or a whole per cent (2%), not '{text}'",
                text=text,
            )
        )
    return int(digits), is_percent


def over_threshold(c: Computed, limit: tuple[int, bool]) -> list[Row]:
    """The rows whose deviation is over ``limit`` either way (an amount, or a per cent of the
    row's corrected budget; a row of no corrected budget is over any per cent it deviates
    by)."""
    amount, is_percent = limit
    over = []
    for row in c.rows:
        deviation = abs(row.figures.deviation)
        bound = amount * abs(row.figures.corrected) if is_percent else amount
        if deviation * (100 if is_percent else 1) > bound:
            over.append(row)
    return over
