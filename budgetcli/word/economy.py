"""A proposal page's figures: the table "Økonomiske konsekvenser" and the staffing table
(``budgetcli import``).

The economic table's unit is the one its caption states ("Beløb i 1.000 kr.", "(mio. kr.)",
"Beløb i kr.": the header row's first cell, the rows between the table's title and its header,
or the title), or ``--unit``; every amount is converted exactly into the budget's unit, or the
page refused. Its rows are read by their labels (``labels``), in any order: the operating and
area budgets, the change inside and outside the service frame and construction, and "I alt",
which must be their sum. A row of figures whose label is none of these refuses the page: it may
be a figure we would otherwise leave out. The staffing table's rows of full-time positions
follow "Nuværende normering" and "Ændring af normering".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from budgetcli.core.diagnostics import Said, printable, said
from budgetcli.core.lazyclasses import dataclass
from budgetcli.word import danish, labels
from budgetcli.word.columns import (
    Cells,
    Header,
    cells_of,
    header_label,
    label_of,
    names_years,
    read_header,
    with_labels,
)
from budgetcli.word.components import compact
from budgetcli.word.draft import Draft, both, joined
from budgetcli.word.rows import Row

#: the economic table's rows by label (as ``labels.key`` makes it) and the field each fills
ROWS = {
    "driftsbudget": "operating_budget",
    "samletbudgetpabevillingsbudgetomradet": "area_budget",
    "samletbudgetpabevillingsomradet": "area_budget",
    "samletbudgetpabudgetomradet": "area_budget",
    "budgetpabevillingsomradet": "area_budget",
    "belobindenforservicerammen": "inside_service_frame",
    "belobudenforservicerammen": "outside_service_frame",
    "radighedsbelob": "construction",
    "anlaeg": "construction",
    "anlaegsudgifter": "construction",
    "ialt": "total",
    "aendringialt": "total",
    "total": "total",
    "nettoaendring": "total",
    "aendringsforslag": "heading",
}
CHANGE = ("inside_service_frame", "outside_service_frame", "construction")
STAFFING = {
    "nuvaerendenormering": "baseline_fte",
    "nuvaerendeantal": "baseline_fte",
    "aendringafnormering": "change_fte",
    "aendringinormering": "change_fte",
    "normeringsaendring": "change_fte",
    "aendringiantal": "change_fte",
    "aendringafantal": "change_fte",
}
FTE_ROWS = ("antalfuldtidsstillinger", "fuldtidsstillinger", "antalarsvaerk", "arsvaerk")


@dataclass(frozen=True)
class Units:
    """The units of a page's amounts, as powers of ten of kroner: the table's (``None``: not
    stated, and no ``--unit``), and the budget's, which every amount is converted into."""

    table: int | None
    budget: int


def table_unit(draft: Draft, captions: Sequence[tuple[Row, str]], given: int | None) -> int | None:
    """The unit the table's captions (each row and its text) state, or ``given``
    (``--unit``); ``None`` (reported) if none is, or two are, or one that is not ``given``."""
    stated: list[int] = []
    for row, text in captions:
        found = danish.caption_units(text)
        if not isinstance(found, list):
            draft.report(row, found)
            return None
        stated += [u for u in found if u not in stated]
    where = captions[-1][0] if captions else None
    if len(stated) > 1:
        names = both([danish.unit_name(u) for u in stated])
        draft.report(where, said("the table states two units, {units}: state one", units=names))
        return None
    if stated and given is not None and stated[0] != given:
        draft.report(
            where,
            said(
                "the table states its amounts in {stated}, and --unit says {given}: leave --unit "
                "out, or correct the table",
                stated=danish.unit_name(stated[0]),
                given=danish.unit_name(given),
            ),
        )
        return None
    if not stated and given is None:
        draft.report(
            where,
            said(
                "the table 'Økonomiske konsekvenser' does not state its unit (e.g. 'Beløb i 1.000 "
                "kr.' in its first cell): state it, or give --unit (1000, t.kr., kr. or mio. kr.)"
            ),
        )
        return None
    return stated[0] if stated else given


def read_economic_table(
    draft: Draft, header: Header, rows: Sequence[Row], years: Sequence[int], units: Units
) -> dict[str, dict[int, int]]:
    """The table's rows into ``draft``'s fields: the operating and area budgets and the
    change (its "I alt" checked); what cannot be read, reported. The change per year is
    returned, each of its kinds a map (the file's series are compact)."""
    found: dict[str, tuple[Row, dict[int, int]]] = {}
    unread = False  # a row whose figures could not all be read: no total is checked against it
    header = with_labels(header, rows)
    for row in rows:
        cells = cells_of(draft, row, header)
        if cells is None:
            unread = True
            continue
        if not cells.filled:  # an empty row of the change says "nothing here": kept so
            quiet = _known(cells.label)
            if quiet in CHANGE and quiet not in found:
                found[quiet] = (row, {})
            continue
        name = _row_name(draft, row, cells.label)
        if name is None:
            continue
        series = _amounts(draft, row, cells, units)
        if series is None:
            unread = True
            continue
        if name in found:
            draft.report(row, said("a second row of {label}: state each once", label=_label(name)))
        found[name] = (row, series)
    return _fill(draft, found, years, unread)


def _row_name(draft: Draft, row: Row, label: str) -> str | None:
    """The field a row of figures (labelled ``label``) fills; ``None`` for a breakdown
    ("Heraf …": noted) and for a row the template has not (reported: its figures would be left
    out)."""
    key = labels.key(label)
    name = _known(label)
    if key.startswith("heraf"):
        draft.notes.append(
            f"'{printable(label)}' (page {draft.page}) is a breakdown: it is not read."
        )
        return None
    if name is None:
        draft.report(
            row,
            said(
                "the row '{label}' holds figures, but is not a row of the table (Driftsbudget, "
                "Samlet budget på bevillingsområdet, Beløb indenfor/udenfor servicerammen, "
                "Rådighedsbeløb, I alt): correct its label, or move the figures",
                label=printable(label),
            ),
        )
        return None
    return "total" if name == "heading" else name


def figure_row(label: str) -> bool:
    """Whether a label names a row of figures of the page's tables (Driftsbudget, Beløb
    indenfor servicerammen, Antal fuldtidsstillinger …): such a row is never a table's header,
    even when its figures look like years (a construction of 2.000: "2000")."""
    key = labels.key(label)
    return _known(label) not in (None, "heading") or labels.close(key, FTE_ROWS) is not None


def header_row(row: Row) -> bool:
    """Whether ``row`` is a table's header: it names years, and its label (its first cell,
    and the empty ones after it) names no row of figures."""
    return names_years(row) and not figure_row(header_label(row))


def _known(label: str) -> str | None:
    """The field a row's label names (``heading``: "Ændringsforslag"), if it names one. Inside
    and outside the service frame by their words ("indenfor"/"inden for", "udenfor"/"uden
    for": not "Indenrigs…"); a label as close to one as to the other names neither."""
    words = labels.key_words(label)
    inside, outside = bool(_INSIDE.search(words)), bool(_OUTSIDE.search(words))
    if "service" in words and inside != outside:
        return "inside_service_frame" if inside else "outside_service_frame"
    key = labels.key(label)
    name = labels.close(key, list(ROWS))
    if name in _FRAME_KEYS and labels.ambiguous(key, _FRAME_KEYS):
        return None
    return None if name is None else ROWS[name]


_INSIDE = re.compile(r"\binden\s*for\b")
_OUTSIDE = re.compile(r"\buden\s*for\b")
_FRAME_KEYS = ("belobindenforservicerammen", "belobudenforservicerammen")


def _amounts(draft: Draft, row: Row, cells: Cells, units: Units) -> dict[int, int] | None:
    """A row's amount per year in the budget's unit (an empty cell: none), its total columns
    checked; ``None`` (reported) if a figure cannot be read."""
    unit = units.table if units.table is not None else units.budget
    series: dict[int, int] = {}
    problems: list[Said] = []
    for year, text in cells.years.items():
        value = danish.cell(text, unit, into=units.budget)
        if isinstance(value, danish.Refused):
            problems.append(said("{year}: {reason}", year=year, reason=value.why))
        elif value is not None:
            series[year] = value.value
    for text, span in cells.totals:
        total = danish.cell(text, unit, into=units.budget)
        if isinstance(total, danish.Refused):
            problems.append(said("the total: {reason}", reason=total.why))
        elif (
            total is not None
            and not problems
            and total.value != sum(series.get(y, 0) for y in span)
        ):
            summed = sum(series.get(y, 0) for y in span)
            problems.append(
                said(
                    "the total {total} is not the sum of {first}-{last} ({summed})",
                    total=printable(text),
                    first=span[0],
                    last=span[-1],
                    summed=summed,
                )
            )
    for problem in problems:
        draft.report(row, problem)
    return None if problems else series


def _fill(
    draft: Draft, found: dict[str, tuple[Row, dict[int, int]]], years: Sequence[int], unread: bool
) -> dict[str, dict[int, int]]:
    """The rows found as the draft's fields; the change's "I alt" must be its sum (unless a
    row could not be read: ``unread``)."""
    for name in ("operating_budget", "area_budget"):
        if name in found:
            draft.fields[name] = compact(found[name][1], years)
    change = {name: found[name][1] for name in CHANGE if name in found}
    if not any(change.values()) and not unread:
        draft.report(
            None,
            said(
                "the table 'Økonomiske konsekvenser' holds no change (Beløb indenfor/udenfor "
                "servicerammen): fill in the change, 0 where it is none"
            ),
        )
    draft.fields["change"] = {k: compact(v, years) for k, v in change.items()}
    if "total" in found and not unread:
        _check_total(draft, *found["total"], change, years)
    return change


def _check_total(
    draft: Draft,
    row: Row,
    stated: dict[int, int],
    change: dict[str, dict[int, int]],
    years: Sequence[int],
) -> None:
    """ "I alt" must be the change inside + outside the service frame (construction counted
    or not: documents do both) in every year."""

    def summed(names: Sequence[str], year: int) -> int:
        return sum(change.get(n, {}).get(year, 0) for n in names)

    running = ("inside_service_frame", "outside_service_frame")
    for names in (running, CHANGE):
        if all(stated.get(y, 0) == summed(names, y) for y in years):
            return
    wrong = "; ".join(
        f"{y}: {stated.get(y, 0)} vs {summed(running, y)}"
        for y in years
        if stated.get(y, 0) != summed(running, y)
    )
    draft.report(
        row,
        said(
            "'I alt' is not the change inside + outside the service frame ({wrong}): correct the "
            "figures that are wrong",
            wrong=wrong,
        ),
    )


def _label(name: str) -> str:
    return next((k for k, v in ROWS.items() if v == name), name)


# --- staffing ----------------------------------------------------------------------------------------


def read_staffing(draft: Draft, rows: Sequence[Row], years: Sequence[int]) -> None:
    """ "Nuværende normering" and "Ændring af normering", each followed by (or carrying) a row
    of full-time positions under the nearest header row above; an empty table says nothing.
    ``rows`` are the page's between the economic table and the description: any other row of
    figures there refuses the page (a row of the economic table after a break, a second
    table, a staffing row in words not read), for its figures would be left out."""
    found: dict[str, dict[int, Decimal]] = {}
    header: Header | None = None
    current: str | None = None
    for row in rows:
        label = label_of(row)
        kind = _staffing_kind(labels.key(label))
        if header_row(row):
            header = read_header(draft, row, years)
            header = None if header is None else with_labels(header, [r for r in rows if r.table])
            current = kind or current
        elif kind is not None or (current and labels.close(labels.key(label), FTE_ROWS)):
            current = kind or current
            series = _fte_row(draft, row, header) if row.table else {}
            if series and current is not None:
                found[current] = series
                current = None
        elif row.table and any(re.search(r"\d", c) for c in row.cells[1:]):
            draft.report(
                row,
                said(
                    "the row '{label}' holds figures outside the tables import reads (a row of "
                    "'Økonomiske konsekvenser' after a break in it, a second table, or staffing "
                    "in other words?): join it to its table, or take the figures out",
                    label=printable(label),
                ),
            )
    staffing: dict[str, Any] = {k: compact(v, years) for k, v in found.items()}
    if staffing:
        draft.fields["staffing"] = {**staffing, "change_fte": staffing.get("change_fte", {})}


def _staffing_kind(key: str) -> str | None:
    """The staffing a label names ("Nuværende normering …": the baseline; "Ændring af/i
    normering …", "Normeringsændring": the change), if it names one."""
    return next((v for k, v in STAFFING.items() if key.startswith(k)), None)


def _fte_row(draft: Draft, row: Row, header: Header | None) -> dict[int, Decimal]:
    """A row's full-time positions per year (none: ``{}``)."""
    if not any(c.strip() for c in row.cells[1:]):
        return {}
    if header is None:
        draft.report(
            row, said("the staffing table names no years above its figures: add its header row")
        )
        return {}
    cells = cells_of(draft, row, header)
    if cells is None:
        return {}
    series: dict[int, Decimal] = {}
    problems: list[Said] = []
    for year, text in cells.years.items():
        if not text.strip():
            continue
        value = danish.fte(text)
        if isinstance(value, danish.Refused):
            problems.append(said("{year}: {reason}", year=year, reason=value.why))
        else:
            series[year] = value
    if problems:
        draft.report(row, joined(problems))
    return series
