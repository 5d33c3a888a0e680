"""Cross-checks of a loaded budget: pure functions returning every problem, never stopping early.

The model step has checked each file on its own; these rules look across fields and files
(after beancount's ``ops/validation.py``: each rule a function, all of them run).
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction

from budgetcli.core.calc import half_up
from budgetcli.core.diagnostics import Problem, Said, Severity, Source, said
from budgetcli.core.domain import (
    Budget,
    LoadedForecast,
    LoadedProposal,
    Meta,
    Placement,
    PriceFigure,
    Proposal,
)
from budgetcli.core.frames import FRAMES
from budgetcli.core.prices import step_of
from budgetcli.core.vocab import ProposalKind

WARNING = Severity.WARNING


def check_proposal(loaded: LoadedProposal, meta: Meta) -> list[Problem]:
    """The rules that look at one proposal (and areas.yaml): they can run file by file."""
    return [problem for rule in PROPOSAL_RULES for problem in rule(loaded, meta)]


def check_areas_file(budget: Budget) -> Iterator[Problem]:
    meta, source = budget.meta, budget.meta_source
    years = meta.years
    if any(b <= a for a, b in itertools.pairwise(years)):
        yield source.problem(
            ("years",), "years-order", said("years must be increasing and not repeat")
        )
    for i, first in _repeats([area.code for area in meta.areas]):
        yield source.problem(
            ("areas", i, "code"),
            "duplicate-area",
            said(
                "area {code} is defined twice (also areas[{first}])",
                code=meta.areas[i].code,
                first=first,
            ),
        )
    yield from _check_frames(meta, source)


FRAME_NAMES = tuple(FRAMES)


def _check_frames(meta: Meta, source: Source) -> Iterator[Problem]:
    """A frame and the budget inside it come as a pair: a frame position needs both."""
    for name in FRAME_NAMES:
        frame, base = getattr(meta.frames, name), getattr(meta.baseline, name)
        if (frame is None) != (base is None):
            given = "frames" if base is None else "baseline"
            message = (
                said(
                    "frames.{name} is given, baseline.{name} is not: the frame position needs the"
                    " budget inside the frame before the proposals too (add baseline: {name}: …)",
                    name=name,
                )
                if base is None
                else said(
                    "baseline.{name} is given, frames.{name} is not: add the frame it is held to"
                    " (frames: {name}: …), or leave the baseline out",
                    name=name,
                )
            )
            yield source.problem((given, name), "frame-baseline", message)
        for group, series in (("frames", frame), ("baseline", base)):
            missing = [y for y in meta.years if series is not None and y not in series]
            if missing:
                yield source.problem(
                    (group, name),
                    "frame-years",
                    said(
                        "{group}.{name} has no figure for {years}: give every budget year (a"
                        " number alone is every year's), or the position of those years is not"
                        " known",
                        group=group,
                        name=name,
                        years=", ".join(map(str, missing)),
                    ),
                )


def check_prices(budget: Budget) -> Iterator[Problem]:
    """``rules/prices.yaml``: each year once in an index; and, for a budget with a price
    level, the years it has no figure for that restating its amounts in the prices of one of
    its years would cross (a warning: ``--prices`` refuses those)."""
    prices, source, meta = budget.prices, budget.prices_source, budget.meta
    if prices is None or source is None:
        return
    for name in FRAME_NAMES:
        figures = getattr(prices, name)
        yield from implausible_steps(name, figures, source)
        for i, first in _repeats([f.year for f in figures]):
            yield source.problem(
                (name, i, "year"),
                "duplicate-price-year",
                said(
                    "{name}: {year} is given twice (also {name}[{first}]): keep one",
                    name=name,
                    year=figures[i].year,
                    first=first,
                ),
            )
        if meta.price_level is None:
            continue
        low = min(meta.price_level, meta.years[0])
        high = max(meta.price_level, meta.years[-1])
        for i, f in enumerate(figures):
            if f.index is None and f.rate is None and low < f.year <= high:
                yield source.warning(
                    (name, i, "not_found"),
                    "prices-not-found",
                    said(
                        "no {name} figure for {year} ({source}): --prices cannot restate {name}"
                        " amounts from {level} prices across {year}",
                        name=name,
                        year=f.year,
                        source=f.source,
                        level=meta.price_level,
                    ),
                )
        marked = {f.year for f in figures if f.index is None and f.rate is None}
        by_year = {f.year: f for f in figures}
        gaps = [
            y for y in range(low + 1, high + 1) if y not in marked and step_of(by_year, y) is None
        ]
        if gaps and figures:  # an index the file does not give at all: a budget without
            years = ", ".join(map(str, gaps))  # such amounts needs none
            yield source.warning((name,), "prices-missing", _missing(name, years, len(gaps), meta))


def _missing(name: str, years: str, count: int, meta: Meta) -> Said:
    """The message of years a price index has no figure for (one year: "it", more: "them")."""
    if count == 1:
        return said(
            "{name} has no figure for {years} (a rate, or an index for the year and the year"
            " before): --prices cannot restate {name} amounts from {level} prices across it;"
            " add each year's figure with its source, or not_found: true",
            name=name,
            years=years,
            level=meta.price_level,
        )
    return said(
        "{name} has no figure for {years} (a rate, or an index for the year and the year"
        " before): --prices cannot restate {name} amounts from {level} prices across them;"
        " add each year's figure with its source, or not_found: true",
        name=name,
        years=years,
        level=meta.price_level,
    )


#: the yearly change of a price index taken as plausible: -20 % to +30 % (a price and wage
#: index moves a few per cent a year; construction costs rose 10.5 % in 2022)
PLAUSIBLE_STEP = (Fraction(-1, 5), Fraction(3, 10))


def implausible_steps(
    name: str, figures: Sequence[PriceFigure], source: Source
) -> Iterator[Problem]:
    """A price figure whose change from the year before is outside ``PLAUSIBLE_STEP``: a rate
    written in per cent (``rate: 2.8``, which restates every amount by 3.8), or an index with a
    digit too many or its point misplaced. A warning that says what was probably meant."""
    low, high = PLAUSIBLE_STEP
    by_year = {f.year: f for f in figures}
    flagged: set[int] = set()  # the years warned of: the year after is no base for a guess
    for i, f in enumerate(figures):
        if f.rate is not None and not low <= Fraction(f.rate) <= high:
            percent = _signed(Fraction(f.rate) * 100)
            yield source.warning(
                (name, i, "rate"),
                "price-rate-implausible",
                said(
                    "{name}: rate {rate} for {year} is {percent} % a year; if {rate} % was meant,"
                    " write {meant}",
                    name=name,
                    rate=f.rate,
                    year=f.year,
                    percent=percent,
                    meant=_plain(f.rate / 100),
                ),
            )
            continue
        before = by_year.get(f.year - 1)
        if f.index is None or before is None or before.index is None:
            continue
        change = Fraction(f.index) / Fraction(before.index) - 1
        if not low <= change <= high:
            flagged.add(f.year)
            meant = said("check the two figures")
            if f.year - 1 not in flagged:
                meant = _meant(f.index, before.index, f.year - 1) or meant
            yield source.warning(
                (name, i, "index"),
                "price-index-implausible",
                said(
                    "{name}: index {index} for {year} is {change} % from {before} for {year_before};"
                    " an index moves a few per cent a year: {meant}",
                    name=name,
                    index=f.index,
                    year=f.year,
                    change=_signed(change * 100, 1),
                    before=before.index,
                    year_before=f.year - 1,
                    meant=meant,
                ),
            )


def _meant(index: Decimal, before: Decimal, year: int) -> Said | None:
    """What an implausible index probably is: the one power of ten of it (a point misplaced, a
    digit too many or too few) that is a plausible step from ``year``'s ``before``; else the
    change from it in per cent, if that is plausible."""
    low, high = PLAUSIBLE_STEP
    candidates = [
        index.scaleb(shift)
        for shift in (-3, -2, -1, 1, 2, 3)
        if low <= Fraction(index.scaleb(shift)) / Fraction(before) - 1 <= high
    ]
    if len(candidates) == 1:
        return said("was {index} meant?", index=_plain(candidates[0]))
    if low <= Fraction(index) / 100 <= high:
        return said(
            "if {index} % is the change from {year}, write rate: {rate}",
            index=index,
            year=year,
            rate=_plain(index / 100),
        )
    return None


def _plain(number: Decimal) -> str:
    """``number`` as it is written in a file: ``0.028``, ``112.6``, ``280`` (no exponent, no
    trailing zeros)."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _signed(percent: Fraction, places: int | None = None) -> str:
    """A change in per cent with its sign: ``+280``, ``-97.5`` (rounded to ``places``)."""
    value = percent if places is None else half_up(percent, places)
    text = _plain(Decimal(value.numerator) / Decimal(value.denominator))
    return text if text.startswith("-") else f"+{text}"


def check_unique_ids(ids: Sequence[str], source: Callable[[int], Source]) -> Iterator[Problem]:
    """Each id used by one file only (of the proposals, or of the forecasts); ``source(i)``:
    where ``ids[i]`` stands."""
    for i, first in _repeats(ids):
        yield source(i).problem(
            ("id",),
            "duplicate-id",
            said("id '{id}' is also used by {path}", id=ids[i], path=source(first).path),
        )


def _repeats(keys: Sequence[Hashable]) -> Iterator[tuple[int, int]]:
    """``(i, first)`` for each key that stands again at ``i``, having stood first at ``first``."""
    seen: dict[Hashable, int] = {}
    for i, key in enumerate(keys):
        first = seen.setdefault(key, i)
        if first != i:
            yield i, first


def check_id_matches_file(loaded: LoadedProposal, meta: Meta) -> Iterator[Problem]:
    return check_stem(loaded.proposal.id, loaded.stem, loaded.source)


def check_salvaged(placed: Placement, stem: str, meta: Meta) -> list[Problem]:
    """The checks of a proposal that failed the model, on what of it is well formed (its id,
    areas and committee): every problem in one run."""
    found = [] if placed.pid is None else list(check_stem(placed.pid, stem, placed.source))
    if placed.areas is not None:
        found += check_placement(placed.areas, placed.committee, placed.source, meta)
    return found


def check_stem(pid: str, stem: str, source: Source) -> Iterator[Problem]:
    if pid != stem:
        yield source.problem(
            ("id",),
            "id-mismatch",
            said(
                "id '{id}' differs from the file name '{stem}'; rename the file or change the id",
                id=pid,
                stem=stem,
            ),
        )


def check_areas(loaded: LoadedProposal, meta: Meta) -> Iterator[Problem]:
    p = loaded.proposal
    return check_placement(p.areas, p.committee, loaded.source, meta)


def check_placement(
    areas: Sequence[str], committee: str | None, source: Source, meta: Meta
) -> Iterator[Problem]:
    """A proposal's areas against areas.yaml; also run on a proposal with field errors
    elsewhere (every problem in one run)."""
    seen: set[str] = set()
    for i, code in enumerate(areas):
        area = meta.area(code)
        twice = code in seen
        seen.add(code)
        if area is None:
            known = [a.code for a in meta.areas]
            close = difflib.get_close_matches(code, known, n=1, cutoff=0.6)
            message = (
                said(
                    "area {code} is not in areas.yaml; did you mean {close}?",
                    code=code,
                    close=close[0],
                )
                if close
                else said("area {code} is not in areas.yaml; add it to areas.yaml", code=code)
            )
            yield source.problem(("areas", i), "unknown-area", message)
        elif twice:
            pass  # reported below as a duplicate; say the rest once
        elif committee is not None and area.committee != committee:
            yield source.problem(
                ("committee",),
                "committee-mismatch",
                said(
                    "committee '{committee}' differs from area {code}'s committee '{area}' in"
                    " areas.yaml",
                    committee=committee,
                    code=code,
                    area=area.committee,
                ),
            )
        if twice:
            yield source.problem(
                ("areas", i), "duplicate-area", said("area {code} is listed twice", code=code)
            )


def check_components(loaded: LoadedProposal, meta: Meta) -> Iterator[Problem]:
    p, source = loaded.proposal, loaded.source
    for i, comp in enumerate(p.components):
        wrong = {
            y: v for y, v in comp.amounts.items() if (v > 0 if comp.type == "saving" else v < 0)
        }
        if wrong:
            yield source.problem(
                ("components", i, "amounts"),
                "component-sign",
                _sign(i, comp.label, comp.type, wrong),
            )
    if not p.components:
        return
    diffs, with_construction = [], bool(p.change.construction)
    for year in meta.years:
        net = change_net(p, year)
        parts = sum(c.amounts.get(year, 0) for c in p.components)
        if net != parts:
            diffs.append(f"{year}: change {net}, components {parts}")
            with_construction &= parts == net + p.change.construction.get(year, 0)
    if diffs:
        message = (
            said(
                "inside + outside the service frame must equal the sum of the components;"
                " {differences}; the components are operating figures (savings and investments):"
                " leave the construction amounts out of them",
                differences="; ".join(diffs),
            )
            if with_construction
            else said(
                "inside + outside the service frame must equal the sum of the components;"
                " {differences}",
                differences="; ".join(diffs),
            )
        )
        yield source.problem(("change",), "components-sum", message)


def _sign(i: int, label: str, kind: str, wrong: Mapping[int, int]) -> Said:
    """The message of a component whose amounts have the wrong sign for its type."""
    if kind == "saving":
        return said(
            "components[{i}] ('{label}') is a saving, so its amounts must be ≤ 0; got {wrong}"
            " (negative = lower expense)",
            i=i,
            label=label,
            wrong=_pairs(wrong),
        )
    return said(
        "components[{i}] ('{label}') is an investment, so its amounts must be ≥ 0; got {wrong}"
        " (negative = lower expense)",
        i=i,
        label=label,
        wrong=_pairs(wrong),
    )


def check_kind(loaded: LoadedProposal, meta: Meta) -> Iterator[Problem]:
    """Construction amounts and a grant only on a construction proposal, which has them; a
    reduction lowers expenses, an expansion raises them."""
    p, source, kind = loaded.proposal, loaded.source, loaded.proposal.kind
    building = kind is ProposalKind.CONSTRUCTION
    spent = {y: v for y, v in p.change.construction.items() if v}
    if spent and not building:
        yield source.problem(
            ("change", "construction"),
            "construction-kind",
            said(
                "change.construction holds construction amounts, which only a proposal of kind:"
                " construction has (this one is kind: {kind}): set kind: construction, or write"
                " the amounts as operating figures",
                kind=kind.value,
            ),
        )
    if p.construction_grant is not None and not building:
        yield source.problem(
            ("construction_grant",),
            "construction-kind",
            said(
                "construction_grant is the grant of a construction project, which only a"
                " proposal of kind: construction has (this one is kind: {kind})",
                kind=kind.value,
            ),
        )
    if building and not spent and p.change.construction:  # written, as 0: still to fill in
        yield source.warning(
            ("change", "construction"),
            "to-fill-in",
            said("the construction amounts are 0 in every year: fill them in (rådighedsbeløb)"),
        )
    elif building and not spent:
        yield source.problem(
            ("kind",),
            "no-construction",
            said(
                "a proposal of kind: construction has no construction amounts: add them per year"
                " as change.construction (e.g. {example})",
                example="{" + str(meta.years[0]) + ": 5000}",
            ),
        )
    if building and p.construction_grant is not None and spent:
        summed = sum(p.change.construction.get(y, 0) for y in meta.years)
        if summed != p.construction_grant:
            span = f"{meta.years[0]}-{meta.years[-1]}"
            yield source.warning(
                ("construction_grant",),
                "construction-grant",
                said(
                    "construction_grant {grant} differs from the construction amounts of the"
                    " budget years {span}, which add up to {summed} (right if the project runs on"
                    " after the budget's years)",
                    grant=p.construction_grant,
                    span=span,
                    summed=summed,
                ),
            )
    yield from _check_kind_sign(loaded, meta)


def _check_kind_sign(loaded: LoadedProposal, meta: Meta) -> Iterator[Problem]:
    p, kind = loaded.proposal, loaded.proposal.kind
    if kind not in (ProposalKind.REDUCTION, ProposalKind.EXPANSION):
        return
    reduction = kind is ProposalKind.REDUCTION
    wrong = {
        y: net
        for y in meta.years
        if (net := change_net(p, y)) and (net > 0 if reduction else net < 0)
    }
    if wrong:
        message = (
            said(
                "a reduction whose net change is positive ({wrong}): a reduction lowers expenses;"
                " is it kind: expansion (or technical)?",
                wrong=_pairs(wrong),
            )
            if reduction
            else said(
                "an expansion whose net change is negative ({wrong}): an expansion raises"
                " expenses; is it kind: reduction (or technical)?",
                wrong=_pairs(wrong),
            )
        )
        yield loaded.source.warning(("change",), "kind-sign", message)


def check_allocations(loaded: LoadedProposal, meta: Meta) -> Iterator[Problem]:
    p, source = loaded.proposal, loaded.source
    if p.allocations is None:
        return
    for kind, lines in (
        ("function_areas", p.allocations.function_areas),
        ("cost_centers", p.allocations.cost_centers),
    ):
        if not lines:
            continue
        diffs = []
        for year in meta.years:
            total = sum(series.get(year, 0) for series in lines.values())
            net = change_net(p, year)
            if total != net:
                diffs.append(f"{year}: {total} vs {net}")
        if diffs:
            yield source.warning(
                ("allocations", kind),
                "allocations-sum",
                said(
                    "allocations.{kind} do not add up to the change ({differences})",
                    kind=kind,
                    differences="; ".join(diffs),
                ),
            )


def check_area_budget(loaded: LoadedProposal, meta: Meta) -> Iterator[Problem]:
    p, source = loaded.proposal, loaded.source
    if p.area_budget is None:
        return
    areas = [meta.area(code) for code in p.areas]
    budgets = [a.budget for a in areas if a is not None and a.budget is not None]
    if len(budgets) != len(p.areas):
        return  # not every area has a budget in areas.yaml: nothing to compare with
    diffs = []
    for year in meta.years:
        stated = p.area_budget.get(year)
        expected = sum(b.get(year, 0) for b in budgets)
        if stated is not None and stated != expected:
            diffs.append(f"{year}: {stated} vs {expected}")
    if diffs:
        codes = " + ".join(p.areas)
        yield source.warning(
            ("area_budget",),
            "area-budget-mismatch",
            said(
                "area_budget differs from the budget of {areas} in areas.yaml ({differences})",
                areas=codes,
                differences="; ".join(diffs),
            ),
        )


def check_staffing(loaded: LoadedProposal, meta: Meta) -> Iterator[Problem]:
    p, source = loaded.proposal, loaded.source
    if p.staffing is None or p.staffing.baseline_fte is None:
        return
    base = p.staffing.baseline_fte
    over = {y: c for y, c in p.staffing.change_fte.items() if y in base and c < 0 and -c > base[y]}
    if over:
        yield source.problem(
            ("staffing", "change_fte"),
            "fte-cut-too-large",
            said(
                "the staffing cut is larger than the baseline ({cut} vs baseline {baseline})",
                cut=_pairs(over),
                baseline=_pairs({y: base[y] for y in over}),
            ),
        )


def change_net(p: Proposal, year: int) -> int:
    return p.change.inside_service_frame.get(year, 0) + p.change.outside_service_frame.get(year, 0)


def _pairs(values: Mapping[int, int | Decimal]) -> str:
    return ", ".join(f"{y}: {v}" for y, v in sorted(values.items()))


ProposalRule = Callable[[LoadedProposal, Meta], Iterator[Problem]]

TODO = "TODO"


def check_to_fill_in(loaded: LoadedProposal, meta: Meta) -> Iterator[Problem]:
    """A proposal started with ``budgetcli new``: what it still says TODO, and its change, all
    0, while it does."""
    p, source = loaded.proposal, loaded.source
    marked = [name for name in ("title", "description") if getattr(p, name).startswith(TODO)]
    for name in marked:
        yield source.warning(
            (name,),
            "to-fill-in",
            said("{name} is still to be written (it says {todo})", name=name, todo=TODO),
        )
    change = p.change
    amounts = [*change.inside_service_frame.values(), *change.outside_service_frame.values()]
    if marked and not any(amounts):
        yield source.warning(
            ("change",),
            "to-fill-in",
            said(
                "the change is 0 in every year: fill in inside_service_frame (and outside, if any)"
            ),
        )


PROPOSAL_RULES: tuple[ProposalRule, ...] = (
    check_id_matches_file,
    check_areas,
    check_components,
    check_kind,
    check_to_fill_in,
    check_allocations,
    check_area_budget,
    check_staffing,
)


# --- forecasts ---------------------------------------------------------------------------------


def check_forecasts(budget: Budget) -> Iterator[Problem]:
    forecasts = budget.forecasts
    yield from check_unique_ids([lf.forecast.id for lf in forecasts], lambda i: forecasts[i].source)
    known = {a.code for a in budget.meta.areas}
    for lf in forecasts:
        f, source = lf.forecast, lf.source
        yield from check_stem(f.id, lf.stem, source)
        for i, code in enumerate(f.areas):
            if code not in known:
                yield source.problem(
                    ("areas", i),
                    "unknown-area",
                    said("area {code} is not in areas.yaml", code=code),
                )
        yield from _check_computed_lines(lf)
        if any(line.compute == "refusion" for line in f.lines):
            yield from _check_rules_for(budget, lf)
        yield from _check_stated_total(lf)
        for i, first in _repeats([case.case_id for case in f.cases]):
            yield source.problem(
                ("cases", i, "case_id"),
                "duplicate-case",
                said("case {case} is also cases[{first}]", case=f.cases[i].case_id, first=first),
            )


def _check_computed_lines(lf: LoadedForecast) -> Iterator[Problem]:
    """A line computed from the cases, or from the flows, needs them in the file."""
    f, source = lf.forecast, lf.source
    for i, line in enumerate(f.lines):
        if line.compute in ("existing", "refusion") and not f.cases:
            yield source.problem(
                ("lines", i, "compute"),
                "no-cases",
                said(
                    "compute: {compute} needs a case register: add cases: or cases_file:",
                    compute=line.compute,
                ),
            )
        if line.compute == "flow" and f.inflow is None and f.outflow is None:
            yield source.problem(
                ("lines", i, "compute"),
                "no-flow",
                said("compute: flow needs inflow: and/or outflow:"),
            )


def _check_stated_total(lf: LoadedForecast) -> Iterator[Problem]:
    """The total a document states against its typed lines (computed lines have no figures
    to add up until the forecast runs)."""
    f = lf.forecast
    if f.stated_total is None or any(line.compute is not None for line in f.lines):
        return
    forecast = sum(line.forecast or 0 for line in f.lines)
    budget_sum = sum(line.budget for line in f.lines)
    stated_forecast, stated_budget = f.stated_total
    if (forecast, budget_sum) != (stated_forecast, stated_budget):
        message = said(
            "the lines add up to forecast {forecast}, budget {budget}; the stated total is"
            " forecast {stated_forecast}, budget {stated_budget}",
            forecast=forecast,
            budget=budget_sum,
            stated_forecast=stated_forecast,
            stated_budget=stated_budget,
        )
        yield lf.source.warning(("total",), "total-mismatch", message)


def _check_rules_for(budget: Budget, lf: LoadedForecast) -> Iterator[Problem]:
    f, source = lf.forecast, lf.source
    years = [r.year for r in budget.refusion_rules]
    earlier = [y for y in years if y <= f.year]
    line = next(i for i, line in enumerate(f.lines) if line.compute == "refusion")
    if not earlier:
        yield source.problem(
            ("lines", line, "compute"),
            "no-refusion-rules",
            said(
                "compute: refusion needs the refusion rules of {year} or earlier in"
                " rules/refusion.yaml (it has {years})",
                year=f.year,
                years=", ".join(map(str, years)),
            )
            if years
            else said(
                "compute: refusion needs the refusion rules of {year} or earlier in"
                " rules/refusion.yaml (none it could use: the file is missing or has errors)",
                year=f.year,
            ),
        )
    elif max(earlier) != f.year:
        yield source.warning(
            ("year",),
            "refusion-rules-year",
            said(
                "rules/refusion.yaml has no rules for {year}: those of {used} are used; add"
                " {year}'s regulated amounts and their source",
                year=f.year,
                used=max(earlier),
            ),
        )
