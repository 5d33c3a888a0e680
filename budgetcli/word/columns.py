"""The tables of a proposal page, read by their headers (``budgetcli import``).

A table's columns are identified by the header row's cells, never by position: a cell naming
one budget year (``2026``, ``B2026``, ``BO1 2027``, ``Budget 2026``) is that year's column, a
total (``I alt``, ``I alt 2026-29``) is checked against the years it sums and never stored, a
year before the budget's (``Regnskab 2024``) is a reference and not read, and any other column
(``Funktion``) is not read either. Each figure is placed under the header cell whose grid
columns it shares (a ``.docx`` cell knows its grid column and its span; a text row's cells
stand in order); a figure under no header, under two (a merged cell), a year with no cell in a
row of figures, and a cell a person may not see as it is read, refuse the page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from budgetcli.core.diagnostics import Said, printable, said
from budgetcli.core.lazyclasses import dataclass, field
from budgetcli.word import danish, labels
from budgetcli.word.draft import Draft, both, joined
from budgetcli.word.rows import HIDDEN, Row, said_doubt

_YEAR = r"(?<!\d)(?:19|20|21)\d\d(?!\d)"
#: a year cell: one year, alone or with a word before it (B, BO1, Budget, Overslagsår …) and a
#: mark after it (an asterisk, a note's number in parentheses)
_YEAR_CELL = re.compile(
    rf"(?:[A-Za-zÆØÅæøå]+\.?\s*(?:\d\s*)?)?(?P<year>{_YEAR})\s*(?:\*+|\(\d\)|\.)?", re.IGNORECASE
)
_TOTAL_CELL = re.compile(
    rf"(?:i\s*alt|total|sum|samlet)\s*(?:(?P<first>{_YEAR})\s*[-–]\s*(?P<last>\d{{2}}|\d{{4}}))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Place:
    """A cell of a row: its text, the grid columns it covers (``first`` to ``last``), and why
    its text may not be what a person sees (``""``: no doubt)."""

    text: str
    first: int
    last: int
    doubt: str

    def overlaps(self, other: Place) -> bool:
        return self.first <= other.last and other.first <= self.last


def places(row: Row) -> list[Place]:
    """The cells of ``row`` with their grid columns (a text row's cells stand in order)."""
    count = len(row.cells)
    columns = row.columns or tuple(range(count))
    spans = row.spans or (1,) * count
    doubts = row.doubts or ("",) * count
    return [
        Place(text, first, first + span - 1, doubt)
        for text, first, span, doubt in zip(row.cells, columns, spans, doubts, strict=True)
    ]


@dataclass
class Header:
    """A table's header row: the place of each budget year's column, of each total column
    (with the years it sums), and of the columns not read."""

    row: Row
    #: the last grid column of the labels: the first cell's, and those of the empty header
    #: cells right after it (a table whose labels stand in its second column)
    label_end: int
    years: dict[int, Place] = field(default_factory=dict)
    totals: list[tuple[Place, tuple[int, ...]]] = field(default_factory=list)
    others: list[Place] = field(default_factory=list)
    #: the columns of the other columns whose cells may hold numbers that are not amounts: a
    #: year before the budget's (a reference), a column of codes or remarks (Funktion …)
    quiet: list[Place] = field(default_factory=list)
    #: the grid column where the table's rows have their labels (``with_labels``)
    label_column: int | None = None


def with_labels(header: Header, rows: Sequence[Row]) -> Header:
    """``header`` knowing where its rows' labels stand: the grid column most rows have their
    label in. A row whose label stands elsewhere starts late or early (``w:gridBefore``), and
    its figures may stand under other years than the ones they are for."""
    found = Counter(
        place.first
        for row in rows
        if (place := next((p for p in places(row) if p.text), None)) is not None
        and place.first <= header.label_end
    )
    return replace(header, label_column=found.most_common(1)[0][0] if found else None)


def year_of(text: str) -> int | None:
    """The year a header cell names, if it is a year cell."""
    match = _YEAR_CELL.fullmatch(text.strip())
    return int(match["year"]) if match else None


def names_years(row: Row) -> bool:
    """Whether a row may be a table's header: cells after the first name two years or more
    (one figure that looks like a year, "2069", does not make a header)."""
    if not row.table:
        return False
    return len({y for cell in row.cells[1:] if (y := year_of(cell)) is not None}) >= 2


#: the headers of columns of codes and remarks, whose numbers are no amounts
TEXT_COLUMNS = (
    "funktion", "funktionsomrade", "konto", "kontonr", "kontonummer", "art", "artskonto",
    "bemaerkning", "bemaerkninger", "note", "noter", "kommentar", "kommentarer", "tekst",
    "forklaring", "omkostningssted", "pspelement", "psp", "ansvarssted", "ansvar", "formal",
    "aktivitet", "projekt", "projektnr",
)  # fmt: skip
#: a list's number or bullet before a label ("3.", "2.1", "a)", "•"): not part of it
NUMBERING = re.compile(r"(?:\d+(?:\.\d+)*\.?|[a-hA-H][.)]|[•*–-])")


def label_of(row: Row) -> str:
    """A row's label as its first cell with text says it (a table may have an empty first
    column; Word's text writes a numbered heading "3.<tab>Præsentation af forslag")."""
    cells = [cell for cell in row.cells if cell]
    if len(cells) > 1 and NUMBERING.fullmatch(cells[0]):
        return cells[1]
    return cells[0] if cells else ""


def header_label(row: Row) -> str:
    """The text of a header row's label cells (where a table states its unit)."""
    return " ".join(p.text for p in _label_places(places(row)) if p.text)


def _label_places(found: list[Place]) -> list[Place]:
    """A header row's label cells: its first, and the empty ones right after it."""
    end = next((i for i in range(1, len(found)) if found[i].text), len(found))
    return found[:end]


def read_header(draft: Draft, row: Row, years: Sequence[int]) -> Header | None:
    """The columns of a header row for a budget of ``years``; ``None`` (reported) if they are
    not the budget's: a year missing, a year twice, a year after the budget's."""
    found = places(row)
    label = _label_places(found)
    header = Header(row, label[-1].last)
    problems: list[Said] = []
    for place in found[len(label) :]:
        year = year_of(place.text)
        if year is None:
            total = _total_years(place.text, years)
            if isinstance(total, Said):
                problems.append(total)
            elif total is not None:
                header.totals.append((place, total))
            else:
                header.others.append(place)
                if labels.close(labels.key(place.text), TEXT_COLUMNS) is not None:
                    header.quiet.append(place)
        elif year in header.years:
            problems.append(said("the year {year} heads two columns", year=year))
        elif year in years:
            header.years[year] = place
        elif year < years[0]:
            header.others.append(place)
            header.quiet.append(place)
            draft.notes.append(
                f"The column '{printable(place.text)}' (page {draft.page}) is before the "
                "budget's years: it is not read."
            )
        else:
            problems.append(
                said(
                    "the column '{column}' is after the budget's years",
                    column=printable(place.text),
                )
            )
    problems += [said("no column for {year}", year=y) for y in years if y not in header.years]
    problems += [
        _doubted(f"'{printable(p.text)}'", p.doubt.split("; ")) for p in places(row) if p.doubt
    ]
    if problems:
        named = ", ".join(str(y) for y in years)
        draft.report(
            row,
            said(
                "the table's header is not the budget's years ({years}): {problems}",
                years=named,
                problems=joined(problems),
            ),
        )
        return None
    return header


def _total_years(text: str, years: Sequence[int]) -> tuple[int, ...] | Said | None:
    """The years a total column sums (``I alt`` all of them, ``I alt 2026-29`` those), why it
    cannot be checked, or ``None`` if the cell is no total."""
    match = _TOTAL_CELL.fullmatch(text.strip())
    if match is None:
        return None
    if match["first"] is None:
        return tuple(years)
    first, last = int(match["first"]), match["last"]
    end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    span = tuple(range(first, end + 1))
    if not span or not set(span) <= set(years):
        return said(
            "the total '{total}' sums years that are not all the budget's", total=printable(text)
        )
    return span


@dataclass
class Cells:
    """A row's cells under its header: each budget year's text (an empty cell: ``""``), each
    total's text, and whether the row holds a figure."""

    label: str
    years: dict[int, str]
    totals: list[tuple[str, tuple[int, ...]]]
    filled: bool


@dataclass
class _Placed:
    """A row's cells as they stand under a header's columns: the label's cells, the cells
    under each column (by the column's ``id``), the columns some cell stands over, the
    figures that stand under no one column (``misplaced``: a problem whatever the row holds)
    and the empty cells across columns read (``merged``: a problem in a row of figures)."""

    labelled: list[Place] = field(default_factory=list)
    under: dict[int, list[Place]] = field(default_factory=dict)
    covered: set[int] = field(default_factory=set)
    misplaced: list[Said] = field(default_factory=list)
    merged: list[Said] = field(default_factory=list)


def _placed(found: list[Place], header: Header) -> _Placed:
    """Each cell of a row under the header's column it shares grid columns with."""
    columns = [*header.years.values(), *(p for p, _ in header.totals), *header.others]
    read = {id(c) for c in columns if not any(c is o for o in header.others)}
    done = _Placed(under={id(c): [] for c in columns})
    for place in found:
        heads = [c for c in columns if place.overlaps(c)]
        across = [c for c in heads if id(c) in read]
        done.covered.update(id(c) for c in (across if place.first <= header.label_end else heads))
        if place.first <= header.label_end:  # the label: across the columns read, no figure
            done.labelled.append(place)
            if across:
                names = _heads(across, header)
                done.merged.append(
                    said(
                        "{cell} is merged across the label and {heads}",
                        cell=_cell_name(place),
                        heads=names,
                    )
                )
        elif len(heads) == 1 and _unread(place, heads[0], header):
            done.misplaced.append(
                said(
                    "'{text}' stands under '{head}', a column import does not read: a figure "
                    "there would be left out",
                    text=printable(place.text),
                    head=printable(heads[0].text),
                )
            )
        elif len(heads) == 1:
            done.under[id(heads[0])].append(place)
        elif place.text and not heads:
            done.misplaced.append(
                said("'{text}' stands in a column with no header", text=printable(place.text))
            )
        elif across and place.text:
            done.misplaced.append(
                said(
                    "{cell} is merged across {heads}",
                    cell=_cell_name(place),
                    heads=_heads(heads, header),
                )
            )
        elif len(across) > 1:
            done.merged.append(
                said("an empty cell is merged across {heads}", heads=_heads(across, header))
            )
    return done


def _unread(place: Place, head: Place, header: Header) -> bool:
    """Whether ``place`` holds a figure under a column that is not read, which would be left
    out unseen: any number under a column of no known kind (an empty header too), an amount
    under a column of codes or remarks (a code is not one: ``5.32.32``, ``053027``); an
    earlier year's column may hold its figures."""
    if not any(head is o for o in header.others) or not re.search(r"\d", place.text):
        return False
    if year_of(head.text) is not None:
        return False
    if any(head is q for q in header.quiet):
        return isinstance(danish.cell(place.text), danish.Amount)
    return True


def _misaligned(found: list[Place], labelled: list[Place], header: Header) -> list[Said]:
    """Why a row's cells do not stand under their headers: it starts after the labels, or
    its label stands in another column than the table's labels (``w:gridBefore``)."""
    problems: list[Said] = []
    if found and found[0].first > header.label_end:
        problems.append(
            said(
                "the row starts late (its first cell stands in column {column}, under "
                "'{head}'): its cells are not under their headers",
                column=found[0].first + 1,
                head=printable(_over(found[0], header)),
            )
        )
    named = next((p for p in labelled if p.text), None)
    if named is not None and header.label_column not in (None, named.first):
        problems.append(
            said(
                "the row's label stands in column {column}, the table's labels in column "
                "{labels}: the row starts late or early, and its cells are not under their "
                "headers",
                column=named.first + 1,
                labels=(header.label_column or 0) + 1,
            )
        )
    return problems


def cells_of(draft: Draft, row: Row, header: Header) -> Cells | None:
    """``row``'s cells placed under ``header``'s columns; ``None`` (reported) if a figure
    cannot be placed: under no header, under two (a merged cell), a year with no cell in a row
    that holds a figure, a row out of line with the table, or a cell read with a doubt."""
    found = places(row)
    done = _placed(found, header)
    read = [*header.years.values(), *(p for p, _ in header.totals)]
    problems = done.misplaced + _misaligned(found, done.labelled, header)
    texts = {y: _one(done.under[id(c)], problems) for y, c in header.years.items()}
    totals = [(_one(done.under[id(p)], problems), span) for p, span in header.totals]
    filled = any(texts.values()) or any(t for t, _ in totals)
    # a doubt refuses the row even when it shows no figure: a cell merged from the one above
    # shows that one's figure, or none, where the row's own would stand
    doubts = _doubts(done.labelled, [done.under[id(c)] for c in read])
    if filled:
        problems += done.merged
        problems += [
            said("no cell under {heads}", heads=_heads([c], header))
            for c in read
            if id(c) not in done.covered
        ]
    if problems:
        draft.report(
            row,
            said(
                "{problems}: which year a figure is for cannot be told", problems=joined(problems)
            ),
        )
    if doubts:
        draft.report(
            row,
            said(
                "{doubts}: what is read there may not be what a person sees on the page; make "
                "the text plainly visible, or take it out",
                doubts=joined(doubts),
            ),
        )
    if problems or doubts:
        return None
    label = " ".join(p.text for p in done.labelled if p.text)
    return Cells(
        label, {y: t or "" for y, t in texts.items()}, [(t or "", s) for t, s in totals], filled
    )


def _over(place: Place, header: Header) -> str:
    """The header a cell stands under (its first column's)."""
    heads = [*header.years.values(), *(p for p, _ in header.totals), *header.others]
    return next((h.text for h in heads if h.first <= place.first <= h.last), "")


def _one(found: list[Place], problems: list[Said]) -> str | None:
    """The text of the cells under one column (``None``: none there); two with text, a
    problem."""
    if not found:
        return None
    texts = [p.text for p in found if p.text]
    if len(texts) > 1:
        quoted = both([repr(printable(t)) for t in texts])
        problems.append(said("{texts} stand under one column", texts=quoted))
    return texts[0] if texts else ""


def _doubts(labelled: list[Place], read: list[list[Place]]) -> list[Said]:
    """Why a cell of a row of figures (its label, or a cell read) may not be what a person
    sees. Hidden text is not among them: it is left out, as a person reading the page does
    not see it."""
    cells = [*labelled, *(p for group in read for p in group)]
    out = []
    for place in cells:
        doubts = [d for d in place.doubt.split("; ") if d and d != HIDDEN]
        if doubts:
            out.append(_doubted(_cell_name(place), doubts))
    return out


def _doubted(cell: str | Said, doubts: list[str]) -> Said:
    """A cell and why it may not be what a person sees (``rows``' doubts, ``; `` between)."""
    return said("{cell} {doubt}", cell=cell, doubt=joined([said_doubt(d) for d in doubts]))


def _cell_name(place: Place) -> str | Said:
    return f"'{printable(place.text)}'" if place.text else said("an empty cell")


def _heads(read: list[Place], header: Header) -> str | Said:
    names = {id(p): str(y) for y, p in header.years.items()}
    names |= {id(p): printable(p.text) for p, _ in header.totals}
    return both([names.get(id(p), printable(p.text)) for p in read])
