"""A page of a proposal document, read into a proposal: ``budgetcli import``.

A page starts at its heading ("Rådighedsforslag til budget 2024-2027"; the word before "til
budget" gives the kind: ``HEADINGS``), whose period must be the budget's. Then its header rows
(Forslagets overskrift, Fagudvalg, Bevillings-/Budgetområde, …: ``HEADER``), the table
"Økonomiske konsekvenser" and the staffing table (``economy``), and "Præsentation af
forslag" with the a)/b) lines (``components``). Rows come from ``rows`` (plain text or
.docx alike); labels are read loosely (``labels``), figures strictly (``danish``), dates
strictly (``dates``).

The economic table is the truth. Components and allocations are taken from the text only
where their figures can be read without guessing; where the text can be read two ways (an
amount without a sign, "100/600 t.kr."), the reading that adds up to the table is taken and
said in ``notes``. Whatever cannot be read is an error, and a page with an error is refused
as a whole (``Draft.refused``): never a file with a figure left out or guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from budgetcli.core.diagnostics import Severity, printable, said
from budgetcli.core.lazyclasses import dataclass
from budgetcli.word import labels
from budgetcli.word.allocations import read_allocations
from budgetcli.word.columns import header_label, label_of, read_header
from budgetcli.word.components import read_components
from budgetcli.word.dates import Dated, NotADate, date_in
from budgetcli.word.draft import Draft
from budgetcli.word.economy import (
    Units,
    header_row,
    read_economic_table,
    read_staffing,
    table_unit,
)
from budgetcli.word.rows import Row

#: a page's heading: a word (the kind of proposal), "til budget", the period
PAGE_START = re.compile(
    r"\s*(?P<word>[^\W\d_]+(?:\s+korrektion(?:er)?)?)(?:\s+nr\.?\s*\d+)?\s+(?:(?:til|for)\s+)?"
    r"budget(?:tet)?\s+(?P<first>\d{4})\s*[-–—]\s*(?P<last>\d{4}|\d{2})(?!\d)",
    re.IGNORECASE,
)
#: a heading repeated where a page goes on ("… (fortsat)"): no new page
_GOES_ON = re.compile(r"\bforts(?:at|\.)", re.IGNORECASE)
#: the headings' words (as ``labels.key`` makes them) and the kind each gives (``None``: a
#: reduction, the kind a file need not state)
HEADINGS: dict[str, str | None] = {
    "radighedsforslag": None,
    "budgetforslag": None,
    "spareforslag": None,
    "besparelsesforslag": None,
    "reduktionsforslag": None,
    "effektiviseringsforslag": None,
    "udvidelsesforslag": "expansion",
    "driftsonske": "expansion",
    "driftsonsker": "expansion",
    "anlaegsforslag": "construction",
    "tekniskkorrektion": "technical",
    "tekniskekorrektioner": "technical",
}
AREA_CODE = re.compile(r"(?<![\w.])[A-ZÆØÅ]\d{2}(?:\.\d{2})+(?![\w]|\.\d)")
REALIZED = re.compile(r"allerede\s+realiseret", re.IGNORECASE)
#: the header's labels, as ``labels.key`` makes them, and the field each fills
HEADER = {
    "forslagetsoverskrift": "title",
    "overskrift": "title",
    "forslagetstitel": "title",
    "titel": "title",
    "fagudvalg": "committee",
    "udvalg": "committee",
    "bevillingsbudgetomrade": "areas",
    "bevillingsomrade": "areas",
    "budgetomrade": "areas",
    "centerdriftssted": "center",
    "center": "center",
    "driftssted": "center",
    "funktionsomrade": "function_areas",
    "omkostningsstedpspelement": "cost_centers",
    "omkostningssted": "cost_centers",
    "pspelement": "cost_centers",
    "datoogkontaktperson": "date_contact",
    "dato": "date",
    "kontaktperson": "contact",
}
DESCRIPTION = ("praesentationafforslag", "beskrivelseafforslaget", "beskrivelse")
#: the headings of a page's parts after the economic table: each ends the table
SECTIONS = (
    "note", "budgetmaessigimplementering", "personalemaessigekonsekvenser", *DESCRIPTION,
)  # fmt: skip
#: a note that gives the other sign: + a lower expense ("+ (plus) = mindreudgift")
_PLUS_SAVES = re.compile(
    r"(?:\+|\bplus\b)\s*(?:\(\s*plus\s*\))?\s*=\s*(?:mindreudgift|merindt|besparelse)",
    re.IGNORECASE,
)
#: a line of the description that may state components: an a)/b) line, or one that starts by
#: naming the savings potential or the investment
_COMPONENT = re.compile(
    r"^[-–•*]?\s*(?:[a-h]\)\s*\S|besparel\w*potential|investering\b)", re.IGNORECASE
)


@dataclass(frozen=True)
class Budget:
    """What a page is read against: the budget's years, the area codes areas.yaml knows,
    and the units (the budget's; the table's when ``--unit`` gives it)."""

    years: Sequence[int]
    codes: Sequence[str]
    unit: int
    given_unit: int | None = None


def pages(rows: Sequence[Row]) -> list[list[Row]]:
    """The rows of each page: a page starts at its heading (rows before the first page belong
    to none)."""
    found: list[list[Row]] = []
    for row in rows:
        if heading(row) is not None:
            found.append([row])
        elif found:
            found[-1].append(row)
    return found


def heading(row: Row) -> re.Match[str] | None:
    """A page's heading: ``<word> til budget <first>-<last>``, with a word of ``HEADINGS`` or
    another "…forslag" (a kind import does not know: the page is refused), and little else in
    the row (a sentence that names a proposal is no heading; a heading repeated where the page
    goes on, "(fortsat)", starts none)."""
    text = label_of(row)
    match = PAGE_START.match(text[:200])
    if match is None or len(text) - match.end() > 40 or _GOES_ON.search(text[match.end() :]):
        return None
    word = labels.key(match["word"])
    return match if word in HEADINGS or word.endswith("forslag") else None


def read_page(rows: list[Row], document: str, page: int, budget: Budget) -> Draft:
    """The proposal a page states, with every problem found on it."""
    draft = Draft(document, page, rows[0].line)
    _read_heading(draft, rows[0], budget.years)
    at = next((i for i, row in enumerate(rows) if i and _table_header(row)), None)
    if at is None:
        _read_header(draft, _split_header(rows[1:])[0], budget)
        draft.report(rows[0], said("no table 'Økonomiske konsekvenser' with the budget's years"))
        return draft
    fields, captions = _split_header(rows[1:at])
    _read_header(draft, fields, budget)
    texts = [(row, " ".join(c for c in row.cells if c)) for row in captions]
    unit = table_unit(draft, [*texts, (rows[at], header_label(rows[at]))], budget.given_unit)
    header = read_header(draft, rows[at], budget.years)
    end = next((i for i in range(at + 1, len(rows)) if not _in_table(rows[i])), len(rows))
    change: dict[str, dict[int, int]] = {}
    if header is not None and unit is not None:
        change = read_economic_table(
            draft, header, rows[at + 1 : end], budget.years, Units(unit, budget.unit)
        )
    _read_rest(draft, rows[end:], budget, change)
    _check_one_proposal(draft, rows[at:])
    _check_sign_note(draft, rows)
    return draft


def _check_sign_note(draft: Draft, rows: Sequence[Row]) -> None:
    """A page whose note gives + for a lower expense writes its figures with the other sign
    than the template's (and budgetcli's): refused, for each figure would be the wrong way
    round."""
    for row in rows:
        text = " ".join(row.cells)
        if _PLUS_SAVES.search(text):
            draft.report(
                row,
                said(
                    "the page's note gives + (plus) for a lower expense, the other way round from "
                    "the template's (- for a lower expense or a higher revenue): write the "
                    "figures with the template's signs, and its note"
                ),
            )
            return


def stray_title(rows: Sequence[Row]) -> Row | None:
    """The first row of ``rows`` that gives a proposal's title ("Forslagets overskrift" and a
    value): where one stands outside a page's header, a page's heading is missing, or is one
    import does not know."""
    return next(
        (
            row
            for row in rows
            if _header_field(row) == "title" and len(row.cells) > 1 and any(row.cells[1:])
        ),
        None,
    )


def _check_one_proposal(draft: Draft, rows: Sequence[Row]) -> None:
    """A page states one proposal: a second title after its header refuses it (its heading,
    and the page it starts, would be read as this one's)."""
    if (row := stray_title(rows)) is not None:
        draft.report(
            row,
            said(
                "a second '{label}' on the page: a page's heading before it is missing, or is one "
                "import does not know ('… til budget 2024-2027')",
                label=printable(label_of(row)),
            ),
        )


def _read_heading(draft: Draft, row: Row, years: Sequence[int]) -> None:
    """The kind of proposal, and the page's period checked against the budget's."""
    match = heading(row)
    assert match is not None, "a page starts at its heading"
    word = labels.key(match["word"])
    if word not in HEADINGS:
        draft.report(
            row,
            said(
                "the heading's '{word}' is not a kind of proposal import knows "
                "(Rådighedsforslag, Spareforslag, Udvidelsesforslag, Anlægsforslag, Teknisk "
                "korrektion …): write one of them",
                word=printable(match["word"]),
            ),
        )
    elif (kind := HEADINGS[word]) is not None:
        draft.fields["kind"] = kind
    first, last = int(match["first"]), match["last"]
    end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if (first, end) != (years[0], years[-1]):
        draft.report(
            row,
            said(
                "the page is for budget {first}-{last}; the data folder's budget is "
                "{budget_first}-{budget_last} (areas.yaml): import it into that budget's folder",
                first=first,
                last=end,
                budget_first=years[0],
                budget_last=years[-1],
            ),
        )


def _split_header(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """The header's rows, and the rows that caption the economic table: its title
    ("Økonomiske konsekvenser …") and what follows it, or else the rows after the last
    header field."""
    title = next(
        (
            i
            for i in range(len(rows) - 1, -1, -1)
            if labels.key(label_of(rows[i])).startswith("okonomisk")
        ),
        None,
    )
    if title is not None:
        return rows[:title], rows[title:]
    last = max((i for i, row in enumerate(rows) if _header_field(row) is not None), default=-1)
    return rows[: last + 1], rows[last + 1 :]


def _table_header(row: Row) -> bool:
    """Whether a row is the economic table's header: it names a year, and it is no header
    field (a title "Fra 2027" names a year too) nor a row of figures."""
    return header_row(row) and _header_field(row) is None


def _header_field(row: Row) -> str | None:
    name = labels.close(labels.key(label_of(row)), list(HEADER))
    return None if name is None else HEADER[name]


def _in_table(row: Row) -> bool:
    """Whether a row still belongs to the economic table: a row of it (not the next table's
    header), or its heading "Ændringsforslag" saved as a line of its own."""
    key = labels.key(label_of(row))
    if header_row(row) or key.startswith(SECTIONS):
        return False
    return row.table or labels.close(key, ["aendringsforslag"]) is not None


def _read_header(draft: Draft, rows: list[Row], budget: Budget) -> None:
    seen: set[str] = set()
    for row in rows:
        target = _header_field(row)
        value = " ".join(c for c in row.cells[1:] if c).strip()
        if target is None or not value:
            continue
        if target in seen:
            draft.report(
                row,
                said("a second '{label}': the page states it twice", label=printable(row.cells[0])),
            )
            continue
        seen.add(target)
        if target == "areas":
            _read_areas(draft, row, value, budget.codes)
        elif target in ("date", "date_contact"):
            _read_date(draft, row, value, with_contact=target == "date_contact")
        elif target in ("function_areas", "cost_centers"):
            draft.fields.setdefault("_allocations", {})[target] = (row, value)
        else:
            draft.fields[target] = value
    if "title" not in draft.fields:
        draft.report(
            rows[0] if rows else None, said("no 'Forslagets overskrift' (the title) on the page")
        )
    if "areas" not in draft.fields and not draft.refused:
        draft.report(
            rows[0] if rows else None,
            said("no 'Bevillings-/Budgetområde' (the area) on the page"),
        )


def _read_areas(draft: Draft, row: Row, value: str, known: Sequence[str]) -> None:
    """Every area code the value names: those of areas.yaml, as whole words, and any other
    code like ``B60.30.10`` (an area areas.yaml lacks); a name after a single code."""
    found: dict[str, int] = {}
    for code in sorted(known, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w.]){re.escape(code)}(?![\w]|\.\d)", value):
            if not any(at <= match.start() < at + len(c) for c, at in found.items()):
                found.setdefault(code, match.start())
    for match in AREA_CODE.finditer(value):
        if not any(at <= match.start() < at + len(c) for c, at in found.items()):
            found.setdefault(match.group(), match.start())
    if not found:
        draft.report(
            row,
            said(
                "no budget area code in '{value}' (a code of areas.yaml, e.g. B60.30.10)",
                value=printable(value),
            ),
        )
        return
    codes = sorted(found, key=found.__getitem__)
    draft.fields["areas"] = codes
    if len(codes) == 1:
        name = value[found[codes[0]] + len(codes[0]) :].strip(" .,-–")
        if name:
            draft.area_names[codes[0]] = name


def _read_date(draft: Draft, row: Row, value: str, with_contact: bool) -> None:
    """ "22-6-23 Anne Kirstine Svanholt": the date (``dates``) and, in "Dato og
    kontaktperson", the contact after it."""
    found = date_in(value)
    if isinstance(found, NotADate):
        draft.report(row, found.why)
    elif isinstance(found, Dated):
        draft.fields["date"] = found.date
        if with_contact and found.rest:
            draft.fields["contact"] = found.rest
        elif found.rest:
            draft.report(
                row,
                said("'{rest}' beside the date is not read", rest=printable(found.rest)),
                Severity.WARNING,
            )
    elif with_contact:
        draft.fields["contact"] = value
        draft.report(
            row,
            said("no date in '{value}' (the date first: 22-6-2023)", value=printable(value)),
            Severity.WARNING,
        )
    else:
        draft.report(
            row,
            said(
                "no date in '{value}': write it day first, e.g. 22-6-2023", value=printable(value)
            ),
        )


def _read_rest(
    draft: Draft, rows: list[Row], budget: Budget, change: dict[str, dict[int, int]]
) -> None:
    """The staffing, the description, the status, the components and the allocations."""
    at = next(
        (i for i, row in enumerate(rows) if labels.key(label_of(row)).startswith(DESCRIPTION)),
        len(rows),
    )
    read_staffing(draft, rows[:at], budget.years)
    paragraphs = [(row, " ".join(c for c in row.cells if c)) for row in rows[at + 1 :]]
    text = [p for _, p in paragraphs]
    draft.fields["status"] = "realized" if _realized(" ".join(text)) else "proposed"
    net = {
        y: sum(s.get(y, 0) for s in change.values() if s is not change.get("construction"))
        for y in budget.years
    }
    lines = [(row, p) for row, p in paragraphs if _COMPONENT.match(p)]
    components = read_components([p for _, p in lines], budget.years, budget.unit, draft.notes)
    if isinstance(components, tuple):
        at_line, message = components
        draft.report(lines[at_line][0], message)
    elif components:
        draft.fields["components"] = components
    _read_allocations(draft, budget, net)
    if text:
        draft.fields["description"] = "\n\n".join(text)


def _realized(text: str) -> bool:
    """Whether the text says the proposal is "allerede realiseret" (not "ikke allerede
    realiseret")."""
    return any(
        not re.search(
            r"\b(?:ikke|endnu ikke)\s+(?:er\s+)?$", text[max(0, m.start() - 24) : m.start()]
        )
        for m in REALIZED.finditer(text)
    )


def _read_allocations(draft: Draft, budget: Budget, net: dict[int, int]) -> None:
    given = draft.fields.pop("_allocations", {})
    allocations = {}
    for kind in ("function_areas", "cost_centers"):
        if kind not in given:
            continue
        row, text = given[kind]
        read = read_allocations(text, budget.years, net, draft.notes, budget.unit)
        for problem in read.problems:
            draft.report(row, problem)
        if read.lines:
            allocations[kind] = read.lines
    if allocations:
        draft.fields["allocations"] = allocations
