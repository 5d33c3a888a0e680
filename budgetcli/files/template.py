"""A page of the Word proposal template, read into a proposal: ``budgetcli import``.

Every page of the template ("Rådighedsforslag til budget 2024-2027") is a header table
(Forslagets overskrift, Fagudvalg, Bevillings-/Budgetområde, …), the table "Økonomiske
konsekvenser", the staffing table, "Præsentation af forslag" and the a)/b) lines. Rows come
from ``wordrows`` (plain text or .docx alike); what each row means is decided here, by its
label, read loosely (case, spaces, punctuation, a misspelt word: "serviceringen",
"servicerrammen"), and its figures strictly (``danish``).

The economic table is the truth. Components and allocations are taken from the text only
where their figures can be read without guessing; where the text can be read two ways (an
amount without a sign, "100/600 t.kr."), the reading that adds up to the table is taken and
said in ``notes``; what cannot be read is left out and reported, never invented.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from budgetcli.core.diagnostics import Problem, Severity
from budgetcli.files import danish
from budgetcli.files.allocations import read_allocations
from budgetcli.files.components import compact, read_components
from budgetcli.files.wordrows import Row

PAGE_START = re.compile(r"r[aå]dighedsforslag\s+til\s+budget", re.IGNORECASE)
AREA_CODE = re.compile(r"\b[A-ZÆØÅ]\d{2}(?:\.\d{2})+\b")
REALIZED = re.compile(r"allerede\s+realiseret", re.IGNORECASE)
#: the header's labels, as ``_key`` makes them, and the field each fills
HEADER = {
    "forslagetsoverskrift": "title",
    "fagudvalg": "committee",
    "bevillingsbudgetomrade": "areas",
    "centerdriftssted": "center",
    "funktionsomrade": "function_areas",
    "omkostningsstedpspelement": "cost_centers",
    "datoogkontaktperson": "date",
}


@dataclass
class Draft:
    """A page read: the proposal's fields as plain values (as a file states them; ``id`` is
    given later), what the page states of its areas (code -> name, and their budget), and the
    problems (an error: a figure left out)."""

    document: str
    page: int
    line: int
    fields: dict[str, Any] = field(default_factory=dict)
    area_names: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def report(self, row: Row | None, message: str, severity: Severity = Severity.ERROR) -> None:
        line = row.line if row is not None else self.line
        where = f"page {self.page}" + (f", {row.where}" if row is not None else "")
        rule = "import" if severity is Severity.ERROR else "import-note"
        self.problems.append(Problem(self.document, line, 1, severity, rule, f"{where}: {message}"))


def pages(rows: Sequence[Row]) -> list[list[Row]]:
    """The rows of each page: a page starts at its "Rådighedsforslag til budget" line (rows
    before the first page belong to none)."""
    found: list[list[Row]] = []
    for row in rows:
        if PAGE_START.match(row.cells[0]):
            found.append([row])
        elif found:
            found[-1].append(row)
    return found


def _key(label: str) -> str:
    """A label as compared: lower case, the Danish letters folded, only letters and digits."""
    text = label.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isalnum())


def _close(key: str, known: Sequence[str], cutoff: float = 0.82) -> str | None:
    if key in known:
        return key
    found = difflib.get_close_matches(key, known, n=1, cutoff=cutoff)
    return found[0] if found else None


def read_page(rows: list[Row], document: str, page: int, years: Sequence[int]) -> Draft:
    """The proposal a page states (``years``: the budget's, from areas.yaml)."""
    draft = Draft(document, page, rows[0].line)
    header, rest = _header_rows(rows[1:])
    _read_header(draft, header, years)
    table_years, body = _economic_table(draft, rest, years)
    _read_staffing(draft, body, table_years)
    paragraphs = _description(body)
    text = [p for _, p in paragraphs]
    draft.fields["status"] = "realized" if REALIZED.search(" ".join(text)) else "proposed"
    net = _net(change_of(draft.fields.get("change", {}), years), years)
    lines = _component_lines(paragraphs)
    components = read_components([p for _, p in lines], years, net, draft.notes)
    if isinstance(components, tuple):
        at, message = components
        draft.report(lines[at][0], message)
    elif components:
        draft.fields["components"] = components
    _finish_allocations(draft, years, net)
    if text:
        draft.fields["description"] = "\n\n".join(text)
    return draft


def _header_rows(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """The header table's rows (up to the economic table's title), and the rest."""
    for i, row in enumerate(rows):
        if _key(row.cells[0]).startswith("okonomiskekonsekvenser"):
            return rows[:i], rows[i + 1 :]
    return rows, []


def _read_header(draft: Draft, rows: list[Row], years: Sequence[int]) -> None:
    for row in rows:
        name = _close(_key(row.cells[0]), list(HEADER))
        value = " ".join(c for c in row.cells[1:] if c).strip()
        if name is None or not value:
            continue
        target = HEADER[name]
        if target == "areas":
            _read_areas(draft, row, value)
        elif target == "date":
            _read_date(draft, row, value)
        elif target in ("function_areas", "cost_centers"):
            draft.fields.setdefault("_allocations", {})[target] = (row, value)
        else:
            draft.fields[target] = value
    if "title" not in draft.fields:
        draft.report(
            rows[0] if rows else None, "no 'Forslagets overskrift' (the title) on the page"
        )


def _read_areas(draft: Draft, row: Row, value: str) -> None:
    codes = AREA_CODE.findall(value)
    if not codes:
        draft.report(row, f"no budget area code in '{value}' (a code such as B60.30.10)")
        return
    draft.fields["areas"] = codes
    if len(codes) == 1:
        name = value[value.index(codes[0]) + len(codes[0]) :].strip(" .,-–")
        if name:
            draft.area_names[codes[0]] = name


_DATE = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4}|\d{2})\b\s*(.*)$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\b\s*(.*)$")


def _read_date(draft: Draft, row: Row, value: str) -> None:
    """ "22-6-23 Anne Kirstine Svanholt": the date (day first, as Danish writes it; a year of
    two digits is 20xx) and the contact after it."""
    iso, dmy = _ISO.match(value), _DATE.match(value)
    try:
        if iso:
            date = datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
            contact = iso[4]
        elif dmy:
            year = int(dmy[3]) + (2000 if len(dmy[3]) == 2 else 0)
            date = datetime.date(year, int(dmy[2]), int(dmy[1]))
            contact = dmy[4]
        else:
            draft.fields["contact"] = value
            draft.report(row, f"no date in '{value}' (the date first: 22-6-23)", Severity.WARNING)
            return
    except ValueError:
        draft.report(row, f"'{value.split(maxsplit=1)[0]}' is not a date of the calendar")
        return
    draft.fields["date"] = date
    if contact.strip():
        draft.fields["contact"] = contact.strip()


def _years_of(row: Row) -> list[int] | None:
    """The years a row names in its cells after the first (a table's header), if it does."""
    cells = [c for c in row.cells[1:] if c]
    if cells and all(re.fullmatch(r"(19|20|21)\d\d", c) for c in cells):
        return [int(c) for c in cells]
    return None


def _economic_table(
    draft: Draft, rows: list[Row], years: Sequence[int]
) -> tuple[list[int], list[Row]]:
    """The table "Økonomiske konsekvenser": operating budget, the area's budget, the change
    inside and outside the service frame, checked against its "I alt"; the rows after it."""
    start = next((i for i, r in enumerate(rows) if _years_of(r) is not None), None)
    if start is None:
        draft.report(rows[0] if rows else None, "no table 'Økonomiske konsekvenser' with its years")
        return list(years), rows
    table_years = _years_of(rows[start]) or []
    if table_years != list(years):
        draft.report(
            rows[start],
            f"the table's years ({', '.join(map(str, table_years))}) are not the budget's "
            f"({', '.join(map(str, years))}) in areas.yaml",
        )
    end = start + 1
    change: dict[str, dict[int, int]] = {}
    total: tuple[Row, dict[int, int]] | None = None
    while end < len(rows) and _in_table(rows[end]):
        row = rows[end]
        kind = _table_line(row.cells[0])
        if kind is not None:
            series = _series(draft, row, table_years)
            if kind == "total":
                total = (row, series)
            elif kind in ("inside_service_frame", "outside_service_frame"):
                change[kind] = series
            else:
                draft.fields[kind] = series
        end += 1
    draft.fields["change"] = {k: compact(v, table_years) for k, v in change.items()}
    if total is not None:
        _check_total(draft, total, change, table_years)
    return table_years, rows[end:]


def _in_table(row: Row) -> bool:
    """Whether a row still belongs to the economic table: a row of it, or its heading
    "Ændringsforslag" saved as a line of its own (a merged row)."""
    if _years_of(row) is not None:
        return False
    return row.table or _key(row.cells[0]) == "aendringsforslag"


def _table_line(label: str) -> str | None:
    key = _key(label)
    if key.startswith("belob") and "service" in key:
        return (
            "inside_service_frame"
            if "inden" in key
            else "outside_service_frame"
            if "uden" in key
            else None
        )
    name = _close(key, ["driftsbudget", "samletbudgetpabevillingsbudgetomradet", "ialt"])
    return {"driftsbudget": "operating_budget", "ialt": "total"}.get(
        name or "", "area_budget" if name else None
    )


def _series(draft: Draft, row: Row, years: Sequence[int]) -> dict[int, int]:
    """A table row's amounts per year (an empty cell: none); a figure that cannot be read is
    reported and left out."""
    series = {}
    for year, text in zip(years, row.cells[1:], strict=False):
        value = danish.cell(text)
        if isinstance(value, danish.Refused):
            draft.report(row, f"{year}: {value.reason}")
        elif value is not None:
            series[year] = value.value
    return series


def _check_total(
    draft: Draft,
    total: tuple[Row, dict[int, int]],
    change: dict[str, dict[int, int]],
    years: Sequence[int],
) -> None:
    row, stated = total
    wrong = [
        f"{y}: {stated[y]} vs {sum(s.get(y, 0) for s in change.values())}"
        for y in years
        if y in stated and stated[y] != sum(s.get(y, 0) for s in change.values())
    ]
    if wrong:
        draft.report(
            row,
            "'I alt' is not inside + outside the service frame (" + "; ".join(wrong) + "): the "
            "amounts inside and outside are kept",
            Severity.WARNING,
        )


def _read_staffing(draft: Draft, rows: list[Row], years: Sequence[int]) -> None:
    """ "Nuværende normering" and "Ændring af normering", each followed by a row of full-time
    positions (a years header may be repeated; empty tables say nothing)."""
    found: dict[str, dict[int, Decimal]] = {}
    current: str | None = None
    for row in rows:
        key = _key(row.cells[0])
        if key.startswith(("nuvaerendenormering", "aendringafnormering")):
            current = "baseline_fte" if key.startswith("nuvaerende") else "change_fte"
            if _years_of(row) is None and any(c.strip() for c in row.cells[1:]):
                found[current] = _fte_series(draft, row, years)  # the figures on the row itself
                current = None
        elif current and _close(key, ["antalfuldtidsstillinger"]) and row.table:
            series = _fte_series(draft, row, years)
            if series:
                found[current] = series
            current = None
    staffing = {k: compact(v, years) for k, v in found.items()}
    if "change_fte" in staffing:
        draft.fields["staffing"] = staffing
    elif "baseline_fte" in staffing:
        draft.fields["staffing"] = {**staffing, "change_fte": {}}


def _fte_series(draft: Draft, row: Row, years: Sequence[int]) -> dict[int, Decimal]:
    series = {}
    for year, text in zip(years, row.cells[1:], strict=False):
        if not text.strip():
            continue
        value = danish.fte(text)
        if isinstance(value, danish.Refused):
            draft.report(row, f"{year}: {value.reason}")
        else:
            series[year] = value
    return series


def _description(rows: list[Row]) -> list[tuple[Row, str]]:
    """The paragraphs after "Præsentation af forslag", each with its row."""
    for i, row in enumerate(rows):
        if _key(row.cells[0]).startswith("praesentationafforslag"):
            return [(r, " ".join(c for c in r.cells if c)) for r in rows[i + 1 :]]
    return []


#: an a)/b) line, or a line of its own naming the savings potential or the investment
_COMPONENT = re.compile(
    r"^[-–•*]?\s*(?:[a-h]\)\s*\S|besparel\w*potential|investering\b)", re.IGNORECASE
)


def _component_lines(paragraphs: list[tuple[Row, str]]) -> list[tuple[Row, str]]:
    """The description's a)/b) lines (and a lone "Besparelsespotentiale …" line)."""
    return [(row, p) for row, p in paragraphs if _COMPONENT.match(p)]


def change_of(change: dict[str, Any], years: Sequence[int]) -> dict[str, dict[int, Any]]:
    """The change's series as maps (a number is every year's)."""
    return {k: v if isinstance(v, dict) else dict.fromkeys(years, v) for k, v in change.items()}


def _net(change: dict[str, dict[int, int]], years: Sequence[int]) -> dict[int, int]:
    return {y: sum(s.get(y, 0) for s in change.values()) for y in years}


def _finish_allocations(draft: Draft, years: Sequence[int], net: dict[int, int]) -> None:
    given = draft.fields.pop("_allocations", {})
    allocations = {}
    for kind in ("function_areas", "cost_centers"):
        if kind not in given:
            continue
        row, text = given[kind]
        read = read_allocations(text, years, net, draft.notes)
        for problem in read.problems:
            draft.report(row, problem)
        if read.lines:
            allocations[kind] = read.lines
    if allocations:
        draft.fields["allocations"] = allocations
