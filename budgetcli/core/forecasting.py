"""Pure calculation of a forecast: lines, overspend, the service frame split, the refusion.

Costs of cases are in kroner and computed exactly (``Fraction``); a computed line is rounded
once, half up, to whole units of the forecast (1.000 kr.). Nothing here reads or prints.

* A case's cost in the year: its annual cost × the days it is active in the year / the days of
  the year (366 in a leap year), both ends inclusive.
* Inflow: ``count`` cases at ``average_annual_cost`` from the first day of ``month``:
  count × cost × (13 - month) / 12. Outflow: ``count`` cases at ``average_annual_cost`` whose
  last month is ``month``: the months after it are saved, -count × cost × (12 - month) / 12.
* Refusion per case (serviceloven § 176): for each tier, ``rate`` × the part of the case's
  cost in the year above ``above`` and below the next tier's ``above``. Expected inflow cases
  are counted at their partial-year cost; outflow cases are assumed below the first tier.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from budgetcli.core.domain import Case, Flow, Forecast, ForecastLine, RefusionRule, Scenario
from budgetcli.core.lazyclasses import dataclass, field

KRONER_PER_UNIT = 1000


@dataclass(frozen=True)
class LineResult:
    label: str
    service_frame: str
    forecast: int
    budget: int
    computed: bool
    cases_in: int | None = None
    cases_out: int | None = None
    cases_active: int | None = None

    @property
    def overspend(self) -> int:
        """Merforbrug: forecast - budget (negative = underspend)."""
        return self.forecast - self.budget


@dataclass(frozen=True)
class ForecastResult:
    id: str
    title: str
    year: int
    unit: str
    lines: list[LineResult]
    rule: RefusionRule | None = None  # the refusion rules applied (computed refusion only)
    cases_over: tuple[int, int] | None = None  # (cost level in kr., number of active cases above)
    scenarios: dict[str, ForecastResult] = field(default_factory=dict)

    @property
    def forecast(self) -> int:
        return sum(line.forecast for line in self.lines)

    @property
    def budget(self) -> int:
        return sum(line.budget for line in self.lines)

    @property
    def overspend(self) -> int:
        """The overspend in total, after refusion."""
        return self.forecast - self.budget

    @property
    def overspend_inside(self) -> int:
        """The overspend inside the service frame (the refusion lies outside it)."""
        return sum(line.overspend for line in self.lines if line.service_frame == "inside")

    @property
    def overspend_outside(self) -> int:
        return sum(line.overspend for line in self.lines if line.service_frame == "outside")


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def active_days(case: Case, year: int) -> int:
    first = max(case.start, datetime.date(year, 1, 1))
    last = min(case.end or datetime.date(year, 12, 31), datetime.date(year, 12, 31))
    return max((last - first).days + 1, 0)


def cost_in_year(case: Case, year: int) -> Fraction:
    """The case's cost in ``year``, in kr., pro rata by days."""
    return Fraction(case.annual_cost * active_days(case, year), days_in_year(year))


def refusion(cost: Fraction | int, rule: RefusionRule) -> Fraction:
    """The state refusion of one case's cost in a year, in kr. (positive)."""
    tiers = sorted(rule.tiers, key=lambda t: t.above)
    total = Fraction(0)
    for i, tier in enumerate(tiers):
        upper = tiers[i + 1].above if i + 1 < len(tiers) else None
        top = Fraction(cost) if upper is None else min(Fraction(cost), Fraction(upper))
        part = top - tier.above
        if part > 0:
            total += part * Fraction(tier.rate)
    return total


def rule_for(year: int, rules: Sequence[RefusionRule]) -> RefusionRule | None:
    """The rules of ``year``, or of the latest year before it (amounts are regulated yearly)."""
    earlier = [r for r in rules if r.year <= year]
    return max(earlier, key=lambda r: r.year) if earlier else None


def flow_cost(flow: Flow | None, inflow: bool) -> Fraction:
    if flow is None:
        return Fraction(0)
    months = 13 - flow.month if inflow else 12 - flow.month
    return Fraction(flow.count * flow.average_annual_cost * months, 12) * (1 if inflow else -1)


def to_units(kroner: Fraction) -> int:
    """Kroner -> whole units of 1.000 kr., rounded half up (away from zero)."""
    value = Decimal(kroner.numerator) / Decimal(kroner.denominator) / KRONER_PER_UNIT
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def compute(
    f: Forecast, rules: Sequence[RefusionRule] = (), scenario: Scenario | None = None
) -> ForecastResult:
    """The forecast's lines with every figure, computed lines from the case register."""
    inflow = f.inflow
    if scenario is not None and inflow is not None:
        inflow = Flow(
            scenario.inflow_count if scenario.inflow_count is not None else inflow.count,
            scenario.average_annual_cost
            if scenario.average_annual_cost is not None
            else inflow.average_annual_cost,
            inflow.month,
        )
    rule = rule_for(f.year, rules)
    active = [c for c in f.cases if active_days(c, f.year) > 0]
    lines = [_line(line, f, active, inflow, rule) for line in f.lines]
    over = None
    if f.over is not None:
        over = (f.over, sum(1 for c in active if c.annual_cost > f.over))
    uses_refusion = any(line.compute == "refusion" for line in f.lines)
    return ForecastResult(
        f.id, f.title, f.year, f.unit, lines, rule if uses_refusion else None, over
    )


def _line(
    line: ForecastLine,
    f: Forecast,
    active: list[Case],
    inflow: Flow | None,
    rule: RefusionRule | None,
) -> LineResult:
    cases_in, cases_out, cases_active = line.cases_in, line.cases_out, line.cases_active
    if line.compute is None:
        value = line.forecast or 0
    elif line.compute == "existing":
        value = to_units(sum((cost_in_year(c, f.year) for c in active), Fraction(0)))
        cases_active = len(active) if cases_active is None else cases_active
    elif line.compute == "flow":
        value = to_units(flow_cost(inflow, True) + flow_cost(f.outflow, False))
        cases_in = inflow.count if inflow else cases_in
        cases_out = f.outflow.count if f.outflow else cases_out
    else:  # refusion
        total = Fraction(0)
        if rule is not None:
            total += sum(
                (refusion(cost_in_year(c, f.year), rule) for c in active if c.refusion), Fraction(0)
            )
            if inflow is not None and inflow.count:
                total += inflow.count * refusion(
                    flow_cost(Flow(1, inflow.average_annual_cost, inflow.month), True), rule
                )
        value = -to_units(total)
    return LineResult(
        line.label,
        line.service_frame,
        value,
        line.budget,
        line.compute is not None,
        cases_in,
        cases_out,
        cases_active,
    )


def run(
    f: Forecast,
    rules: Sequence[RefusionRule],
    scenario: str | None = None,
    ranges: dict[str, Scenario] | None = None,
) -> ForecastResult:
    """The forecast as shown: the named scenario (or the base case), with every scenario of the
    file beside it, or instead the ``ranges`` given on the command line (``low`` and ``high``)."""
    chosen = f.scenarios[scenario] if scenario not in (None, "base") else None
    main = compute(f, rules, chosen)
    others = ranges if ranges is not None else f.scenarios
    scenarios = {name: compute(f, rules, s) for name, s in others.items()}
    if chosen is not None:  # the base case beside the scenario shown in its place
        scenarios = {"base": compute(f, rules), **scenarios}
    return replace(main, scenarios=scenarios)
