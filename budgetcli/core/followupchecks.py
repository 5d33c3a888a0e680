"""The checks of the year after adoption (``validate``): the appropriations of a year and its
follow-ups, each against areas.yaml, the forecasts and each other. Every problem is found and
returned; none stops the rest.

* appropriations: one file a year; every area known (areas.yaml, or declared with its
  committee); a reallocation's amounts net to zero; a supplementary appropriation says how it
  is financed; change ids unique;
* follow-ups: the id is the file's stem; the year's appropriations exist; every row's area is
  known, once per frame; a forecast named is there and of the year; a stated FR that differs
  from the forecast of its area; the realisation names an adopted proposal; each printed
  figure that differs from the computed one (within the rounding of its rows: a warning).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal

from budgetcli.core.diagnostics import Problem, Severity, Source, said
from budgetcli.core.domain import Appropriations, Budget, LoadedAppropriations, LoadedFollowup
from budgetcli.core.followup import Computed, Figures, Key, appropriations_of, compute


def check_followups(
    budget: Budget,
    failed: AbstractSet[str] = frozenset(),
    failed_years: AbstractSet[int] = frozenset(),
) -> Iterator[Problem]:
    """Every problem of the appropriations and follow-ups of ``budget``. ``failed``: the
    forecasts whose file has errors of its own; ``failed_years``: the years whose
    appropriations file has: a follow-up that needs one is not said to be wrong for it (the
    file's own errors say what to fix, and its figures would be misread)."""
    yield from _accounts_twice(budget)
    years = Counter(la.appropriations.year for la in budget.appropriations)
    for la in budget.appropriations:
        yield from _appropriations(budget, la, years[la.appropriations.year] > 1)
    ids = Counter(lf.followup.id for lf in budget.followups)
    names = Counter((lf.followup.year, lf.followup.name) for lf in budget.followups)
    for lf in budget.followups:
        f = lf.followup
        if names[(f.year, f.name)] > 1:
            message = said(
                "another follow-up of {year} is named {name} too: name each its own",
                year=f.year,
                name=f.name,
            )
            yield lf.source.warning(("name",), "duplicate-name", message)
        if f.year in failed_years:
            continue
        yield from _followup(budget, lf, ids[f.id] > 1)
        if f.spending is None:  # else its figures need the export: validate reads it
            yield from computed_problems(budget, lf, failed)


def _digits(code: str) -> str:
    """A function code as its six digits (``5.30.27``, ``053027`` and ``53027`` alike)."""
    return "".join(ch for ch in code if ch.isdigit()).zfill(6)


def _accounts_twice(budget: Budget) -> Iterator[Problem]:
    """A function code (with a cost centre, or none) mapped to two areas: which one spends
    it is not for budgetcli to guess."""
    first: dict[tuple[str, str | None], str] = {}
    for i, area in enumerate(budget.meta.areas):
        for j, account in enumerate(area.accounts):
            centres: list[str | None] = [*account.cost_centres] or [None]
            for centre in centres:
                key = (_digits(account.code), centre)
                if key in first and first[key] != area.code:
                    message = said(
                        "function code {code} is mapped to {first} too: map it to one area",
                        code=account.code,
                        first=first[key],
                    )
                    loc = ("areas", i, "functions", j)
                    yield budget.meta_source.problem(loc, "account-twice", message)
                first.setdefault(key, area.code)


def _known(budget: Budget, appropriations: Appropriations | None) -> set[str]:
    codes = {a.code for a in budget.meta.areas}
    if appropriations is not None:
        codes |= {a.code for a in appropriations.areas if a.committee}
    return codes


def _appropriations(budget: Budget, la: LoadedAppropriations, twice: bool) -> Iterator[Problem]:
    a, source = la.appropriations, la.source
    if twice:
        message = said("another file holds the appropriations of {year} too: keep one", year=a.year)
        yield source.problem(("year",), "duplicate-year", message)
    if la.stem != str(a.year):
        message = said("the file says year {year}: name it appropriations/{year}.yaml", year=a.year)
        yield source.problem(("year",), "year-file", message)
    for pid, n in Counter(a.adopted).items():
        if n > 1:
            message = said("proposal {id} is adopted twice: keep one", id=pid)
            yield source.problem(("adopted",), "duplicate-id", message)
    known = _known(budget, a)
    codes = Counter(area.code for area in a.areas)
    for i, area in enumerate(a.areas):
        if codes[area.code] > 1:
            message = said("area {code} is given twice: keep one", code=area.code)
            yield source.problem(("areas", i, "code"), "duplicate-area", message)
        if area.code not in known:
            message = said(
                "area {code} is not in areas.yaml: give its name and committee to declare it",
                code=area.code,
            )
            yield source.problem(("areas", i, "code"), "unknown-area", message)
    yield from _changes(a, source, known)


def _changes(a: Appropriations, source: Source, known: set[str]) -> Iterator[Problem]:
    """Each change: its id once, its areas known, a reallocation netting to zero, a
    supplementary appropriation financed, its date in the year."""
    seen = Counter(c.id for c in a.changes)
    for i, change in enumerate(a.changes):
        if seen[change.id] > 1:
            message = said("change id {id} is used twice: make it unique", id=change.id)
            yield source.problem(("changes", i, "id"), "duplicate-id", message)
        for code in change.amounts:
            if code not in known:
                message = said("area {code} is not in areas.yaml nor declared here", code=code)
                yield source.problem(("changes", i, "amounts", code), "unknown-area", message)
        net = sum(change.amounts.values())
        if change.kind == "reallocation" and net != 0:
            message = said(
                "a reallocation nets to zero; these amounts sum to {net}: give the other side",
                net=net,
            )
            yield source.problem(("changes", i, "amounts"), "reallocation-not-zero", message)
        if change.kind == "supplementary" and not change.financing:
            message = said(
                "a supplementary appropriation says how it is financed (the law requires it):"
                " add financing: (e.g. kassebeholdningen, or a reduction elsewhere)"
            )
            yield source.problem(("changes", i), "no-financing", message)
        if change.date is not None and change.date.year != a.year:
            message = said(
                "the change is dated {date}, outside {year}",
                date=change.date.isoformat(),
                year=a.year,
            )
            yield source.warning(("changes", i, "date"), "date-outside-year", message)


def _followup(budget: Budget, lf: LoadedFollowup, twice: bool) -> Iterator[Problem]:
    f, source = lf.followup, lf.source
    if f.id != lf.stem:
        message = said(
            "id '{id}' differs from the file name '{stem}'; rename the file or change the id",
            id=f.id,
            stem=lf.stem,
        )
        yield source.problem(("id",), "id-mismatch", message)
    if twice:
        message = said("id '{id}' is used by another follow-up too", id=f.id)
        yield source.problem(("id",), "duplicate-id", message)
    appropriations = appropriations_of(budget, f.year)
    if appropriations is None:
        message = said(
            "there is no appropriations/{year}.yaml: a follow-up needs the year's original budget",
            year=f.year,
        )
        yield source.problem(("year",), "no-appropriations", message)
    yield from _rows(budget, lf, appropriations)
    yield from _realisation(lf, appropriations)
    if f.printed_unit is not None and kroner_of(f.printed_unit) is None:
        message = said("printed_unit: write it as DKK, 1000 DKK or 1000000 DKK")
        yield source.problem(("printed_unit",), "unit", message)


def computed_problems(
    budget: Budget,
    lf: LoadedFollowup,
    failed: AbstractSet[str] = frozenset(),
    spent: Mapping[Key, Decimal] | None = None,
    source: Source | None = None,
) -> Iterator[Problem]:
    """What computing the follow-up finds (``spent``: the spending its export gives): a
    figure that cannot be computed, each printed figure that differs. ``source``: where the
    file's positions are (the loaded one's, by default)."""
    f = lf.followup
    source = source or lf.source
    computed = compute(budget, f, spent)
    for key, why in computed.missing:
        i = next(n for n, e in enumerate(f.rows) if (e.area, e.frame) == key)
        if f.rows[i].forecast not in failed:
            yield source.problem(("areas", i, "expected"), "no-expected", why)
    if not computed.missing and kroner_of(f.printed_unit or "DKK") is not None:
        yield from printed_problems(computed, source, kroner_of(budget.meta.unit))


def _rows(
    budget: Budget, lf: LoadedFollowup, appropriations: Appropriations | None
) -> Iterator[Problem]:
    f, source = lf.followup, lf.source
    known = _known(budget, appropriations)
    seen: Counter[tuple[str, str]] = Counter((e.area, e.frame) for e in f.rows)
    for i, e in enumerate(f.rows):
        if e.area not in known:
            message = said(
                "area {code} is not in areas.yaml nor in the appropriations", code=e.area
            )
            yield source.problem(("areas", i, "area"), "unknown-area", message)
        if seen[(e.area, e.frame)] > 1:
            message = said(
                "{code} {frame} is followed up twice: keep one",
                code=e.area,
                frame=FRAME_WORDS[e.frame],
            )
            yield source.problem(("areas", i), "duplicate-area", message)
        yield from _forecast_of_row(budget, lf, i)


def _forecast_of_row(budget: Budget, lf: LoadedFollowup, i: int) -> Iterator[Problem]:
    """A forecast named is there and of the follow-up's year; a stated FR beside a forecast of
    the same area and year that expects otherwise is said (which one is right?)."""
    from budgetcli.core.followup import forecast_lines

    f, e, source = lf.followup, lf.followup.rows[i], lf.source
    forecasts = {x.forecast.id: x.forecast for x in budget.forecasts}
    if e.forecast is not None:
        named = forecasts.get(e.forecast)
        if named is not None and named.year != f.year:
            message = said(
                "forecast {id} is for {year}, the follow-up for {followup}",
                id=e.forecast,
                year=named.year,
                followup=f.year,
            )
            yield source.problem(("areas", i, "expected"), "forecast-year", message)
        if named is not None and named.areas and e.area not in named.areas:
            message = said(
                "forecast {id} is of {areas}, not of {code}",
                id=e.forecast,
                areas=", ".join(named.areas),
                code=e.area,
            )
            yield source.problem(("areas", i, "expected"), "forecast-area", message)
        return
    if e.expected is None:
        return
    for fc in forecasts.values():
        if fc.year == f.year and e.area in fc.areas:
            lines = forecast_lines(budget, fc.id, e.frame)
            theirs = sum(lines) if lines else None
            if theirs is not None and theirs != e.expected:
                message = said(
                    "expected {stated} differs from forecast {id}'s {forecast} for {code}"
                    " {frame}: update one, or write expected: {{forecast: {id}}}",
                    stated=e.expected,
                    id=fc.id,
                    forecast=theirs,
                    code=e.area,
                    frame=e.frame,
                )
                yield source.warning(("areas", i, "expected"), "expected-vs-forecast", message)


def _realisation(lf: LoadedFollowup, appropriations: Appropriations | None) -> Iterator[Problem]:
    f, source = lf.followup, lf.source
    adopted = set(appropriations.adopted) if appropriations is not None else set()
    seen = Counter(r.id for r in f.proposals)
    if f.proposals:  # a follow-up of the proposals follows every one adopted
        for pid in sorted(adopted - set(seen)):
            message = said(
                "adopted proposal {id} is not followed up: add its realisation (full, partly"
                " or none)",
                id=pid,
            )
            yield source.warning(("proposals",), "not-followed-up", message)
    for i, r in enumerate(f.proposals):
        if r.id not in adopted:
            message = said(
                "proposal {id} is not among the adopted of appropriations/{year}.yaml: add it"
                " there, or leave it out",
                id=r.id,
                year=f.year,
            )
            yield source.problem(("proposals", i, "id"), "not-adopted", message)
        if seen[r.id] > 1:
            message = said("proposal {id} is followed up twice: keep one", id=r.id)
            yield source.problem(("proposals", i, "id"), "duplicate-id", message)


#: a frame in a message, in the reader's language
FRAME_WORDS = {
    "inside": said("inside the service frame"),
    "outside": said("outside the service frame"),
    "construction": said("construction"),
}
#: a printed figure's name in a message, in the reader's language
FIELD_WORDS = {
    "original": said("the original budget"),
    "changes": said("the changes"),
    "corrected": said("the corrected budget"),
    "spent": said("the spending to date"),
    "expected": said("the expected accounts"),
    "deviation": said("the deviation"),
    "deviation_percent": said("the deviation in per cent"),
}


def kroner_of(unit: str) -> int | None:
    """How many kroner a unit is: ``1000 DKK`` → 1000, ``DKK`` → 1 (``None``: not a unit)."""
    found = re.fullmatch(r"(?:([1-9][0-9]{0,11}) )?DKK", unit.strip())
    if found is None:
        return None
    return int(found.group(1) or 1)


def printed_problems(computed: Computed, source: Source, unit_kr: int | None) -> Iterator[Problem]:
    """Each printed figure against the computed one: equal when rounded to the printed
    decimals (half a step either way); a total off by at most half a step per row it sums is
    the rounding of its rows (a warning); more is an error."""
    f = computed.followup
    printed_kr = kroner_of(f.printed_unit or "") or unit_kr
    if unit_kr is None or printed_kr is None:
        return
    factor = Decimal(printed_kr) / Decimal(unit_kr)
    unit = f.printed_unit or computed.unit
    for i, (e, row) in enumerate(zip(f.rows, computed.rows, strict=True)):
        for name, value in e.printed.items():
            yield from _compared(
                source, ("areas", i, "printed", name), name, value, row.figures, factor, 1, unit
            )
    for j, total in enumerate(f.printed_totals):
        summed = [
            r.figures
            for r in computed.rows
            if total.committee in (None, r.committee) and total.frame in (None, r.frame)
        ]
        if not summed:
            message = said(
                "no row of the follow-up is of {what}",
                what=" ".join(x for x in (total.committee, total.frame) if x),
            )
            yield source.problem(("printed_totals", j), "unknown-committee", message)
            continue
        figures, rows = sum(summed, Figures()), len(summed)
        for name, value in total.figures.items():
            where = ("printed_totals", j, name)
            yield from _compared(source, where, name, value, figures, factor, rows, unit)


def _compared(
    source: Source,
    where: tuple[str | int, ...],
    name: str,
    printed: Decimal,
    figures: Figures,
    factor: Decimal,
    rows: int,
    unit: str,
) -> Iterator[Problem]:
    computed = _figure(figures, name)
    if computed is None:
        none = said("{field}: printed, but there is none to compute", field=FIELD_WORDS[name])
        yield source.warning(where, "printed-none", none)
        return
    shown = computed if name == "deviation_percent" else computed / factor
    step = Decimal(1).scaleb(printed.as_tuple().exponent)  # type: ignore[arg-type]
    off = printed - shown
    if abs(off) * 2 <= step:
        return
    fields = {
        "field": FIELD_WORDS[name],
        "printed": str(printed),
        "computed": _plain(shown),
        "off": _plain(off),
        "unit": "%" if name == "deviation_percent" else unit,
    }
    if rows > 1 and abs(off) * 2 <= step * rows:
        message = said(
            "{field}: printed {printed}, computed {computed} ({unit}): off by {off}, within"
            " the rounding of the {count} rows it sums",
            count=rows,
            **fields,
        )
        yield source.warning(where, "printed-rounding", message)
    else:
        message = said(
            "{field}: printed {printed}, computed {computed} ({unit}): off by {off}", **fields
        )
        yield source.problem(where, "printed-differs", message, Severity.ERROR)


def _figure(figures: Figures, name: str) -> Decimal | None:
    if name == "changes":
        return Decimal(figures.changes)
    if name == "deviation_percent":
        return _exact_percent(figures.deviation, figures.corrected)
    value = getattr(figures, name)
    return None if value is None else Decimal(value)


def _exact_percent(part: int, whole: int) -> Decimal | None:
    if whole == 0:
        return None
    return Decimal(part) * 100 / abs(Decimal(whole))


def _plain(value: Decimal) -> str:
    """A computed figure as a message shows it: at most four decimals, no exponent."""
    return f"{value.quantize(Decimal('0.0001')).normalize():f}"


def check_adopted(budget: Budget, ids: AbstractSet[str]) -> Iterator[Problem]:
    """Each proposal the appropriations say was adopted is a proposal of the data (``ids``);
    checked once every proposal is read (with none at all, that is said already)."""
    if not ids:
        return
    for la in budget.appropriations:
        for pid in la.appropriations.adopted:
            if pid not in ids:
                message = said(
                    "adopted: no proposal has id '{id}' (see `budgetcli summary --by proposal`)",
                    id=pid,
                )
                yield la.source.problem(("adopted",), "unknown-proposal", message)
