"""The layout of a generated proposal page (``wordgen``): how the page writes its truth, drawn
feature by feature (``layouts``), and the page's blocks (``page_blocks``) that ``wordpage``
saves as a .docx or as Word's plain text.
"""

from __future__ import annotations

import datetime
import difflib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from hypothesis import strategies as st

from .wordpage import Block, Cell, Piece, Row, Table, cell, paragraph
from .wordtruth import (
    AREA_NAMES,
    NBSP,
    Budget,
    Draw,
    Mix,
    Series,
    Stretch,
    Truth,
    chance,
    maybe,
    pick,
    series,
    vary,
)  # fmt: skip

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
    "oktober", "november", "december",
)  # fmt: skip
MONTH_ABBREVIATIONS = (
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
)  # fmt: skip
#: the heading word of each kind (the first is the template's own)
KIND_WORDS = {
    "reduction": (
        "Rådighedsforslag", "Spareforslag", "Besparelsesforslag", "Reduktionsforslag",
        "Effektiviseringsforslag",
    ),
    "expansion": ("Udvidelsesforslag", "Driftsønske"),
    "construction": ("Anlægsforslag",),
    "technical": ("Teknisk korrektion", "Tekniske korrektioner"),
}  # fmt: skip
#: the header's labels, by field (any of them names the field)
HEADER_LABELS = {
    "title": ("Forslagets overskrift", "Overskrift", "Titel"),
    "committee": ("Fagudvalg", "Udvalg"),
    "areas": ("Bevillings-/Budgetområde", "Bevillingsområde", "Budgetområde"),
    "center": ("Center/driftssted", "Center", "Driftssted"),
    "function_areas": ("Funktionsområde",),
    "cost_centers": ("Omkostningssted/PSP-element", "Omkostningssted", "PSP-element"),
    "date_contact": ("Dato og kontaktperson",),
    "date": ("Dato",),
    "contact": ("Kontaktperson",),
}
#: the economic table's row labels, by role
ROW_LABELS = {
    "operating": ("Driftsbudget",),
    "area": ("Samlet budget på bevillings-/budgetområdet", "Samlet budget på bevillingsområdet"),
    "heading": ("Ændringsforslag",),
    "inside": ("Beløb indenfor servicerammen", "Beløb inden for servicerammen"),
    "outside": ("Beløb udenfor servicerammen", "Beløb uden for servicerammen"),
    "construction": ("Rådighedsbeløb", "Anlæg", "Anlægsudgifter"),
    "total": ("I alt", "Ændring i alt", "Total"),
    "breakdown": ("Heraf løn", "Heraf øvrig drift", "Heraf tjenestemandspension"),
    "unknown": ("Mindreindtægt", "Andre udgifter", "Kompensation"),
}
#: the unit of a table, as pages state it, by its worth in kroner
UNIT_TEXTS = {
    1: ("kr.", "kroner", "hele kr."),
    1000: (
        "1.000 kr.", "1000 kr.", "1 000 kr.", "1\u00a0000 kr.", "t.kr.", "t. kr.", "tkr.",
        "tusinde kr.", "1.000 DKK",
    ),
    1_000_000: ("mio. kr.", "mio.kr.", "mill. kr.", "millioner kr.", "mio. DKK"),
}  # fmt: skip
#: ``--unit`` for each scale
UNIT_OPTIONS = {1: ("kr.",), 1000: ("1000", "t.kr."), 1_000_000: ("mio. kr.",)}
#: words after an amount that state no period the contract knows (the page is refused)
UNKNOWN_PERIODS = (
    " i 2. halvår {y}", " i 1. kvartal {y}", " fra 1. juli {y}", " pr. måned", " i foråret {y}",
)  # fmt: skip
#: where a page states its table's unit (the first: the template's own)
PLACES = ("header", "above", "top-row", "title")
DESCRIPTION_HEADINGS = ("Præsentation af forslag", "Beskrivelse", "Beskrivelse af forslaget")
#: the rows of the economic table that hold the truth's figures
TRUTH_ROLES = ("operating", "area", "inside", "outside", "construction")
#: the readings of a label that are one field's: misspellings stay closest to their label
ALL_LABELS = tuple(
    label for labels in (*HEADER_LABELS.values(), *ROW_LABELS.values()) for label in labels
)
#: words not misspelt: one letter turns one into another ("inden"/"uden")
PROTECTED = frozenset({"indenfor", "udenfor", "inden", "uden", "for"})


# --- the layout ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """The table's unit as the page states it: its worth in kroner, the words, and where
    (``header``: the header row's first cell; ``above``: a paragraph between the title and
    the table; ``top-row``: the first cell of a row above the header; ``title``)."""

    scale: int
    text: str
    place: str


@dataclass(frozen=True)
class Column:
    """A column of the economic table after the label column: ``year`` (a budget year),
    ``total`` (the sum of the years it ``covers``; ``wrong``: off by one in a row),
    ``other`` (Funktion, Bemærkning …), ``reference`` (a year before the budget's),
    ``late-year`` (a year after it)."""

    kind: str
    header: str
    year: int = 0
    covers: tuple[int, ...] = ()
    wrong: bool = False


@dataclass(frozen=True)
class TableRow:
    """A row of the economic table: its role (``operating``, ``area``, ``heading``,
    ``inside``, ``outside``, ``construction``, ``total``, ``breakdown`` "Heraf …",
    ``unknown``: a label the contract does not read), its label, and the figures of a row
    that is not the truth's (``extra``, in the data's unit)."""

    role: str
    label: str
    extra: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Figures:
    """How the table writes a figure: the minus, the thousands separator, a plus on positive
    figures, and a 0 (``""``: an empty cell)."""

    dash: str = "-"
    group: str = "."
    plus: bool = False
    zero: str = ""


@dataclass(frozen=True)
class Trick:
    """An alteration of one cell of the economic table, in the row of ``role``, at
    ``column`` (an index of ``Layout.columns``; -1: the label). Run tricks (``.docx``):
    ``split``, ``hidden``, ``deleted``, ``inserted``, ``white``, ``tiny``, ``hidden-label``,
    ``split-label``. Grid tricks: ``span`` (the cell merged with the next one; text too),
    ``shift`` (gridBefore, the last cell gone), ``after`` (gridAfter, the last cell gone),
    ``vmerge`` (the cell continues the one above), ``realign`` (every row has an empty first
    cell but this one, which has gridBefore instead)."""

    kind: str
    role: str
    column: int


RUN_TRICKS = (
    "split",
    "hidden",
    "deleted",
    "inserted",
    "white",
    "tiny",
    "hidden-label",
    "split-label",
)
GRID_TRICKS = ("span", "shift", "after", "vmerge", "realign")


@dataclass(frozen=True)
class DateWriting:
    """A date as a page writes it (``form``), maybe without its day or year (``missing``),
    maybe not a date of the calendar."""

    day: int
    month: int
    year: int
    form: str
    missing: str = ""

    def valid(self) -> bool:
        try:
            datetime.date(self.year, self.month, self.day)
        except ValueError:
            return False
        return not self.missing

    def text(self) -> str:
        d, m, y = self.day, self.month, self.year
        name, short = MONTHS[m - 1], MONTH_ABBREVIATIONS[m - 1]
        if self.missing == "day":
            return f"{name} {y}"
        if self.missing == "year":
            return f"{d}. {name}"
        forms = {
            "d-m-yy": f"{d}-{m}-{y % 100:02d}",
            "dd-mm-yyyy": f"{d:02d}-{m:02d}-{y}",
            "d.m.yyyy": f"{d}.{m}.{y}",
            "d/m-yyyy": f"{d}/{m}-{y}",
            "d/m yyyy": f"{d}/{m} {y}",
            "iso": f"{y}-{m:02d}-{d:02d}",
            "d. month yyyy": f"{d}. {name} {y}",
            "d. mon. yyyy": f"{d}. {short} {y}",
            "D. month yyyy": f"{d}. {name.capitalize()} {y}",
            "d. d. month yyyy": f"d. {d}. {name} {y}",
            "den d. month yyyy": f"den {d}. {name} {y}",
            "den d. MON yyyy": f"den {d}. {short.upper()} {y}",
        }
        return forms[self.form]


DATE_FORMS = (
    "d-m-yy", "dd-mm-yyyy", "d.m.yyyy", "d/m-yyyy", "d/m yyyy", "iso", "d. month yyyy",
    "d. mon. yyyy", "D. month yyyy", "d. d. month yyyy", "den d. month yyyy", "den d. MON yyyy",
)  # fmt: skip


@dataclass(frozen=True)
class Line:
    """An a)/b) line: its text, and each amount's period: ``known`` (a phrase of the
    contract's table), ``unknown`` (a period the contract does not read), ``outside`` (a year
    outside the budget)."""

    text: str
    periods: tuple[str, ...]


@dataclass(frozen=True)
class AllocationLine:
    """Funktionsområde or Omkostningssted: the text, and each amount written (in the data's
    unit, the truth's sign) with whether its sign is written."""

    name: str
    text: str
    entries: tuple[tuple[int, bool], ...]


@dataclass(frozen=True)
class Header:
    """The header table: its rows (label, value), the date as written in them, whether they
    name an area areas.yaml lacks, the allocation lines."""

    rows: tuple[tuple[str, str], ...]
    date: DateWriting | None
    unknown_area: bool
    allocations: tuple[AllocationLine, ...]


@dataclass(frozen=True)
class StaffingLayout:
    """The staffing table: there or not (an empty one when the truth has no staffing), the
    figures on the "Nuværende normering" rows themselves (``same_row``) or on "Antal …" rows
    below them, the years' order and headers, the label of the figures' rows."""

    shown: bool
    same_row: bool
    years: tuple[int, ...]
    headers: tuple[str, ...]
    fte_label: str


@dataclass(frozen=True)
class Layout:
    """How a page writes its truth (see the module's docstring)."""

    form: str
    heading: str
    heading_years: tuple[int, int]
    header: Header
    table_title: str
    statements: tuple[Statement, ...]
    scale: int
    two_row: bool
    columns: tuple[Column, ...]
    rows: tuple[TableRow, ...]
    total_with_construction: bool
    total_row_wrong: bool
    figures: Figures
    off_unit: tuple[str, int] | None
    tricks: tuple[Trick, ...]
    lines: tuple[Line, ...]
    staffing: StaffingLayout
    description_heading: str
    note: bool
    heading_across: bool


@dataclass(frozen=True)
class UnitOption:
    """``--unit``: the scale it names and how it is written."""

    scale: int
    text: str


def label_key(label: str) -> str:
    """A label as the contract compares it: case, spaces, punctuation and the Danish letters
    do not count."""
    text = label.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = text.replace("aa", "a").replace("oe", "o")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isalnum())


def _group_of(label: str) -> str:
    for name, labels in (*HEADER_LABELS.items(), *ROW_LABELS.items()):
        if label in labels:
            return name
    raise KeyError(label)


def _closest_group(text: str) -> str:
    key = label_key(text)
    best = max(
        ALL_LABELS, key=lambda known: difflib.SequenceMatcher(None, key, label_key(known)).ratio()
    )
    return _group_of(best)


@st.composite
def spellings(draw: Draw, mix: Mix, label: str) -> str:
    """``label`` as a person types it: right; or (``misspelt``) in another case, the Danish
    letters folded, or a letter dropped, doubled or two swapped in a long word (never one
    that turns into another label: "inden"/"uden" are left alone)."""
    if not maybe(draw, mix, "misspelt", 12):
        return label
    how = pick(draw, ("case", "fold", "drop", "double", "swap", "service"))
    if how == "case":
        return pick(draw, (label.upper(), label.lower()))
    if how == "fold":
        folded = label.replace("æ", "ae").replace("ø", pick(draw, ("oe", "o"))).replace("å", "aa")
        return folded.replace("Æ", "Ae").replace("Ø", "O").replace("Å", "Aa")
    if how == "service" and "servicerammen" in label:
        return label.replace("servicerammen", pick(draw, ("servicerrammen", "serviceramen")))
    words = label.split(" ")
    long = [i for i, w in enumerate(words) if len(w) >= 7 and w.lower() not in PROTECTED]
    if not long:
        return label
    i = pick(draw, long)
    word = words[i]
    at = draw(st.integers(1, len(word) - 2))
    if how == "drop":
        word = word[:at] + word[at + 1 :]
    elif how == "double":
        word = word[:at] + word[at] + word[at:]
    else:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    written = " ".join([*words[:i], word, *words[i + 1 :]])
    return written if _closest_group(written) == _group_of(label) else label


@st.composite
def labels(draw: Draw, mix: Mix, feature: str, options: Sequence[str]) -> str:
    """One of a field's or row's labels (the template's own unless ``feature`` varies),
    maybe misspelt."""
    return draw(spellings(mix, vary(draw, mix, feature, options)))  # type: ignore[no-any-return]


@st.composite
def headings(draw: Draw, mix: Mix, budget: Budget, kind: str) -> tuple[str, tuple[int, int]]:
    """The page's heading, ``<word> til budget <first>-<last>`` (``heading-word``: the kind's
    other words; ``heading-form``: "for budget", "budget", an en dash, the last year in two
    digits), and the years it states (``heading-period``: not the budget's)."""
    first, last = budget.years[0], budget.years[-1]
    if maybe(draw, mix, "heading-period", 3):
        shift = pick(draw, (-1, 1, 2))
        first, last = first + shift, last + shift
    word = vary(draw, mix, "heading-word", KIND_WORDS[kind])
    dash = vary(draw, mix, "heading-form", ("-", "-", "–"))
    end = vary(draw, mix, "heading-form", (str(last), f"{last % 100:02d}"))
    between = vary(draw, mix, "heading-form", ("til budget", "til budget", "for budget", "budget"))
    return f"{word} {between} {first}{dash}{end}", (first, last)


def year_header(draw: Draw, year: int, index: int, style: str) -> str:
    """A year column's header: ``2026``, ``B2026``, ``BO1 2027``, ``Budget 2026``,
    ``Overslagsår 2027``, ``BF 2026``, ``2026*`` (``index``: 0 the budget year)."""
    first = (f"B{year}", f"B {year}", f"Budget {year}", f"Budgetår {year}", f"BF {year}")
    later = (f"BO{index} {year}", f"BO {index} {year}", f"Overslagsår {year}", f"Budget {year}")
    forms: dict[str, tuple[str, ...]] = {
        "bare": (str(year),),
        "B": first[:2] if index == 0 else later[:2],
        "budget": first[2:] if index == 0 else later[2:],
        "star": (f"{year}*",),
        "mixed": (str(year), f"{year}*", *(first if index == 0 else later)),
    }
    return pick(draw, forms[style])


@st.composite
def statements(
    draw: Draw, mix: Mix, option: UnitOption | None
) -> tuple[int, tuple[Statement, ...]]:
    """The table's scale (``table-scale``: kr. or mio. kr. too) and where the page states it:
    "Beløb i 1.000 kr." in the header's first cell (``unit-place``, ``unit-words``: elsewhere,
    otherwise); ``unit-missing``: not at all (read with --unit, else refused); ``unit-twice``:
    twice (the same unit, or two: refused); ``unit-other``: another than --unit (refused)."""
    scale = option.scale if option else vary(draw, mix, "table-scale", (1000, 1000, 1, 1_000_000))
    if maybe(draw, mix, "unit-missing", 50 if option else 6):
        return scale, ()
    if option is not None and maybe(draw, mix, "unit-other", 10):
        scale = pick(draw, [s for s in UNIT_TEXTS if s != option.scale])
    place = vary(draw, mix, "unit-place", PLACES)
    places = [place]
    if maybe(draw, mix, "unit-twice", 5):
        places.append(pick(draw, [p for p in PLACES if p != place]))
    found = []
    for n, place in enumerate(places):
        worth = scale
        if n > 0 and chance(draw, 50):
            worth = pick(draw, [s for s in UNIT_TEXTS if s != scale])
        unit = vary(draw, mix, "unit-words", UNIT_TEXTS[worth])
        forms: tuple[str, ...]
        if place == "title":
            forms = (
                f"Økonomiske konsekvenser ({unit})",
                f"Økonomiske konsekvenser, beløb i {unit}",
            )
        else:
            forms = (f"Beløb i {unit}", f"({unit})", unit, f"Beløb ({unit})")
        found.append(Statement(worth, vary(draw, mix, "unit-words", forms), place))
    return scale, tuple(found)


@st.composite
def columns(draw: Draw, mix: Mix, budget: Budget) -> tuple[Column, ...]:
    """The columns after the label: a column a budget year (``year-headers``: with words),
    in the template's order (``column-order``: any), and now and then one year missing, one
    twice or one after the budget's (refused), a reference year before it, a total, another
    column."""
    years, first, last = budget.years, budget.years[0], budget.years[-1]
    style = vary(draw, mix, "year-headers", ("bare", "bare", "B", "budget", "star", "mixed"))
    found = [Column("year", year_header(draw, y, i, style), y) for i, y in enumerate(years)]
    if maybe(draw, mix, "year-missing", 3):
        del found[draw(st.integers(0, 3))]
    if maybe(draw, mix, "year-twice", 2):
        i = draw(st.integers(0, 3))
        found.append(Column("year", year_header(draw, years[i], i, "mixed"), years[i]))
    if maybe(draw, mix, "year-late", 2):
        found.append(Column("late-year", year_header(draw, last + 1, 4, style), last + 1))
    if maybe(draw, mix, "column-reference", 15):
        before = pick(draw, (first - 1, first - 2))
        header = pick(draw, (f"Budget {before}", f"Regnskab {before}", f"B{before}", str(before)))
        found.insert(0, Column("reference", header, before))
    if maybe(draw, mix, "column-total", 20) or (mix.on("column-total-wrong") and mix.boost):
        found.append(draw(totals(mix, budget)))
    if maybe(draw, mix, "column-other", 15):
        found.insert(0, Column("other", pick(draw, ("Funktion", "Konto", "Bemærkning", ""))))
    if maybe(draw, mix, "column-order", 30):
        return tuple(draw(st.permutations(found)))
    return tuple(found)


@st.composite
def totals(draw: Draw, mix: Mix, budget: Budget) -> Column:
    """A total column: all the budget's years ("I alt", "Total", "Sum", "I alt 2026-29"),
    or the years its header states; now and then (``column-total-wrong``) wrong in a row."""
    first, last = budget.years[0], budget.years[-1]
    start = budget.years[1] if chance(draw, 20) else first
    covers = tuple(y for y in budget.years if y >= start)
    short, long = f"I alt {start}-{last % 100:02d}", f"I alt {start}-{last}"
    header = pick(draw, ("I alt", "Total", "Sum", short, long) if start == first else (short, long))
    wrong = maybe(draw, mix, "column-total-wrong", 10)
    return Column("total", header, covers=covers, wrong=wrong)


@st.composite
def table_rows(draw: Draw, mix: Mix, budget: Budget, truth: Truth) -> tuple[TableRow, ...]:
    """The economic table's rows as the template has them (``row-omitted``: an empty one
    left out), the "Ændringsforslag" heading, "I alt"; ``row-breakdown``: a "Heraf …" row
    (not read); ``row-unknown``: a row of a label the contract does not read, with figures
    (refused); ``row-order``: in any order; ``row-labels``: the other labels."""
    present = {
        "operating": truth.operating is not None or not maybe(draw, mix, "row-omitted", 80),
        "area": truth.area_budget is not None or not maybe(draw, mix, "row-omitted", 80),
        "heading": not maybe(draw, mix, "row-omitted", 30),
        "inside": bool(truth.inside) or not maybe(draw, mix, "row-omitted", 30),
        "outside": bool(truth.outside) or not maybe(draw, mix, "row-omitted", 40),
        "construction": truth.kind == "construction",
        "total": not maybe(draw, mix, "row-omitted", 30),
        "breakdown": maybe(draw, mix, "row-breakdown", 10),
        "unknown": maybe(draw, mix, "row-unknown", 3),
    }
    found = []
    for role, there in present.items():
        if not there:
            continue
        extra: tuple[tuple[int, int], ...] = ()
        if role in ("breakdown", "unknown"):
            extra = tuple(draw(series(budget)).items())
        found.append(TableRow(role, draw(labels(mix, "row-labels", ROW_LABELS[role])), extra))
    if maybe(draw, mix, "row-order", 25):
        return tuple(draw(st.permutations(found)))
    return tuple(found)


@st.composite
def figure_styles(draw: Draw, mix: Mix) -> Figures:
    """How the table writes its figures: ``-`` and a dot between thousands, an empty cell
    for 0; or Word's dashes, no-break, narrow and thin spaces, no separator, a plus, 0."""
    return Figures(
        dash=vary(draw, mix, "figure-dash", ("-", "-", "–", "−")),
        group=vary(draw, mix, "figure-group", (".", ".", ".", NBSP, "\u202f", "\u2009", "")),
        plus=maybe(draw, mix, "figure-plus", 10),
        zero=vary(draw, mix, "figure-zero", ("", "", "0")),
    )


@st.composite
def dates_written(draw: Draw, mix: Mix, date: datetime.date | None) -> DateWriting | None:
    """The date as "22-6-23" (``date-form``: in any of the contract's forms); now and then
    (``date-invalid``) no date of the calendar (31 June), or without its day or year."""
    if date is None:
        return None
    form = vary(draw, mix, "date-form", DATE_FORMS)
    if form == "d-m-yy" and not 2000 <= date.year <= 2099:
        form = "iso"
    if maybe(draw, mix, "date-invalid", 3):
        day, month = pick(draw, ((31, 6), (31, 4), (30, 2), (31, 11), (32, 1)))
        missing = pick(draw, ("", "", "day", "year"))
        return DateWriting(day, month, date.year, form, missing)
    return DateWriting(date.day, date.month, date.year, form)


@st.composite
def date_rows(
    draw: Draw, mix: Mix, truth: Truth
) -> tuple[list[tuple[str, str]], DateWriting | None]:
    """ "Dato og kontaktperson": the date, a space, the contact; or (``date-split``) another
    separator, or "Dato" and "Kontaktperson" rows."""
    writing = draw(dates_written(mix, truth.date))
    date = writing.text() if writing else ""
    contact = truth.contact or ""
    if maybe(draw, mix, "date-split", 25):
        rows = [(draw(labels(mix, "header-labels", HEADER_LABELS["date"])), date)] if date else []
        if contact:
            rows.append((draw(labels(mix, "header-labels", HEADER_LABELS["contact"])), contact))
        return rows, writing
    between = vary(draw, mix, "date-split", (" ", " ", ", ", " - ", " – ", " / "))
    value = between.join(t for t in (date, contact) if t)
    label = draw(labels(mix, "header-labels", HEADER_LABELS["date_contact"]))
    return ([(label, value)] if value else []), writing


@st.composite
def areas_text(draw: Draw, mix: Mix, budget: Budget, truth: Truth) -> tuple[str, bool]:
    """The areas' codes as a page writes them ("B60.30.10 Plejecenter", "B60.30.05 &
    B60.30.15"); ``unknown-area``: with a code areas.yaml lacks (refused: no --add-areas)."""
    codes = list(truth.areas)
    unknown = maybe(draw, mix, "unknown-area", 2)
    if unknown:
        taken = {a.code for a in budget.areas}
        codes.append(next(f"B9{n}.99.99" for n in range(10) if f"B9{n}.99.99" not in taken))
    if len(codes) == 1:
        area = next(a for a in budget.areas if a.code == codes[0])
        name = area.name or pick(draw, AREA_NAMES)
        return (f"{codes[0]} {name}" if chance(draw, 60) else codes[0]), unknown
    return pick(draw, (" & ", ", ", " og ", " / ")).join(codes), unknown


def money(value: int, budget: Budget, unit: tuple[str, int], group: str) -> str:
    """An amount (in the data's unit) in a running text, in ``unit`` (its words, its worth in
    kroner), unsigned: "1,7 mio. kr.", "500 t.kr.", "50.000 kr."."""
    figure = Decimal(abs(value) * budget.kroner) / unit[1]
    return f"{danish_number(figure, group)} {unit[0]}"


#: the units of the amounts in a running text, with their worth in kroner
TEXT_UNITS = (
    ("t.kr.", 1000), ("mio. kr.", 1_000_000), ("kr.", 1), ("mio.", 1_000_000), ("tkr.", 1000),
)  # fmt: skip


@st.composite
def allocation_lines(
    draw: Draw, mix: Mix, budget: Budget, truth: Truth
) -> tuple[AllocationLine, ...]:
    """Funktionsområde and Omkostningssted: a code alone, or codes with their amounts in
    t.kr. in parentheses, signed; ``allocation-forms``: other units, a sign not written, other
    separators, "- Se bilag"."""
    found = []
    for name in ("function_areas", "cost_centers"):
        parts, entries = [], []
        for b in getattr(truth, name):
            if b.amount is None:
                parts.append(b.code)
                continue
            signed = not maybe(draw, mix, "allocation-forms", 30)
            sign = ("-" if b.amount < 0 else "+") if signed else ""
            unit = vary(draw, mix, "allocation-forms", TEXT_UNITS[:3])
            parts.append(f"{b.code} ({sign}{money(b.amount, budget, unit, '.')})")
            entries.append((b.amount, signed))
        if not parts:
            continue
        text = vary(draw, mix, "allocation-forms", (", ", " og ", "; ")).join(parts)
        text += " - Se bilag" if maybe(draw, mix, "allocation-forms", 10) else ""
        found.append(AllocationLine(name, text, tuple(entries)))
    return tuple(found)


@st.composite
def header_rows(draw: Draw, mix: Mix, budget: Budget, truth: Truth) -> Header:
    """The header table's rows (``header-labels``: other labels; ``header-order``: in any
    order), the date as written, whether an unknown area is named, the allocation lines."""

    def label(field: str) -> str:
        return draw(labels(mix, "header-labels", HEADER_LABELS[field]))  # type: ignore[no-any-return]

    rows = [(label("title"), truth.title)]
    if truth.committee:
        rows.append((label("committee"), truth.committee))
    areas, unknown = draw(areas_text(mix, budget, truth))
    rows.append((label("areas"), areas))
    if truth.center:
        rows.append((label("center"), truth.center))
    allocations = draw(allocation_lines(mix, budget, truth))
    rows += [(label(a.name), a.text) for a in allocations]
    dated, writing = draw(date_rows(mix, truth))
    rows += dated
    if maybe(draw, mix, "header-order", 30):
        rows = list(draw(st.permutations(rows)))
    return Header(tuple(rows), writing, unknown, allocations)


def period_phrases(span: tuple[int, ...], years: Sequence[int], named: Sequence[int]) -> list[str]:
    """Every phrase of the contract's table that states exactly ``span`` (the words after an
    amount), given the budget's ``years`` and the years ``named`` before in the line."""
    first, last = years[0], years[-1]
    a, b = span[0], span[-1]
    whole = span == tuple(range(a, b + 1))
    found = []
    if span == tuple(years):
        found += ["", " årligt", " årlige", " om året", " pr. år", " varigt"]
    if len(span) == 1:
        found.append(f" i {a}")
    if span == (first,):
        found.append(" i budgetåret")
    if len(span) in (2, 3):
        found.append(f" i {a} og {b}" if len(span) == 2 else f" i {a}, {span[1]} og {b}")
    if whole and len(span) >= 2:
        found += [f" i {a}-{b}", f" i {a} til {b}"]
    if whole and b == last:
        found += [
            f" i {a} og frem",
            f" fra {a}",
            f" fra og med {a}",
            f" fra {a} og frem",
            f" fra {a} og fremefter",
        ]
    if span == tuple(years[1:]):
        found.append(" i overslagsårene")
    if whole and b == last and named and a == max(named) + 1:
        found += [" i efterfølgende år", " i de efterfølgende år"]
    return found


@st.composite
def line_amounts(
    draw: Draw, mix: Mix, budget: Budget, parts: Sequence[Stretch], signs: str
) -> tuple[list[str], list[str]]:
    """Each amount of a line with its period phrase (``period-phrases``: any of the
    contract's table; ``period-unknown``: one it does not read; ``period-outside``: a year
    outside the budget: refused), and each one's period class."""
    texts: list[str] = []
    periods: list[str] = []
    named: list[int] = []
    for stretch in parts:
        phrase = vary(
            draw, mix, "period-phrases", period_phrases(stretch.years, budget.years, named)
        )
        period = "known"
        if maybe(draw, mix, "period-unknown", 4):
            phrase, period = pick(draw, UNKNOWN_PERIODS).format(y=stretch.years[0]), "unknown"
        elif maybe(draw, mix, "period-outside", 2):
            outside = (f" i {budget.years[0] - 1}", f" fra {budget.years[-1] + 1}")
            phrase, period = pick(draw, outside), "outside"
        named += stretch.years
        before = vary(draw, mix, "period-phrases", ("", "årligt ", "årlige ")) if not phrase else ""
        sign = _written_sign(draw, stretch.amount, signs)
        unit = vary(draw, mix, "line-forms", TEXT_UNITS)
        group = vary(draw, mix, "line-forms", (".", NBSP))
        texts.append(f"{before}{sign}{money(stretch.amount, budget, unit, group)}{phrase}")
        periods.append(period)
    return texts, periods


def _written_sign(draw: Draw, amount: int, style: str) -> str:
    """The sign a line writes: none (the documents' way), the convention's, or the
    opposite one (a note says so)."""
    if style == "none":
        return ""
    if style == "convention":
        return pick(draw, ("-", "–")) if amount < 0 else pick(draw, ("", "+"))
    return "" if amount < 0 else "-"


@st.composite
def component_lines(draw: Draw, mix: Mix, budget: Budget, truth: Truth) -> tuple[Line, ...]:
    """The a) saving line and the b) investment line (with its running costs) as the seed
    writes them, "a) Besparelsespotentiale på …"; ``line-forms``: bullets, no letter,
    parentheses, other separators, signs written or the opposite ones."""
    found = []
    for letter, head, parts in (
        ("a", "Besparelsespotentiale", truth.savings),
        ("b", "Investering", truth.investments),
    ):
        if not parts:
            continue
        signs = vary(draw, mix, "line-forms", ("none", "none", "convention", "opposite"))
        texts, periods = draw(line_amounts(mix, budget, parts, signs))
        body = vary(draw, mix, "line-forms", (" og ", ", ")).join(texts)
        if letter == "b" and truth.running:
            more, more_periods = draw(line_amounts(mix, budget, truth.running, signs))
            body += " og driftsudgifter på " + more[0]
            periods += more_periods
        bullet = vary(draw, mix, "line-forms", ("", "", "- ", "• ", "* ", "– "))
        opening = f"{bullet}{letter}) "
        if not bullet and maybe(draw, mix, "line-forms", 30):
            opening = ""  # "Besparelsespotentiale …" starts the line itself
        text = f"{opening}{head}{vary(draw, mix, 'line-forms', (' på ', ': ', ' '))}{body}"
        if maybe(draw, mix, "line-forms", 20):
            text = f"{opening}{head} ({body})"
        found.append(Line(text, tuple(periods)))
    return tuple(found)


@st.composite
def staffing_layouts(
    draw: Draw, mix: Mix, budget: Budget, truth: Truth, table: Sequence[Column]
) -> StaffingLayout:
    """The staffing table as the seed has it (``staffing-layout``: its years in the economic
    table's order, headed otherwise, the figures on the "Nuværende normering" rows, "Årsværk"
    rows); an empty table now and then when the truth has no staffing."""
    in_table = tuple(c.year for c in table if c.kind == "year")
    order = budget.years
    if sorted(in_table) == list(budget.years) and maybe(draw, mix, "staffing-layout", 50):
        order = in_table
    style = vary(draw, mix, "staffing-layout", ("bare", "bare", "B", "budget", "star"))
    headers = tuple(year_header(draw, y, budget.years.index(y), style) for y in order)
    label = ("Antal fuldtidsstillinger", "Antal fuldtidsstillinger", "Årsværk", "Antal årsværk")
    return StaffingLayout(
        shown=truth.staffing is not None or chance(draw, 50),
        same_row=maybe(draw, mix, "staffing-layout", 30),
        years=order,
        headers=headers,
        fte_label=vary(draw, mix, "staffing-layout", label),
    )


@st.composite
def layouts(
    draw: Draw, mix: Mix, budget: Budget, truth: Truth, form: str, option: UnitOption | None
) -> Layout:
    """How a page writes ``truth``: every feature the mix varies drawn here, some refusing
    the page now and then (``wordgen.REFUSALS`` says which)."""
    heading, heading_years = draw(headings(mix, budget, truth.kind))
    scale, stated = draw(statements(mix, option))
    titled = [s.text for s in stated if s.place == "title"]
    layout = Layout(
        form=form,
        heading=heading,
        heading_years=heading_years,
        header=draw(header_rows(mix, budget, truth)),
        table_title=titled[0] if titled else "Økonomiske konsekvenser",
        statements=stated,
        scale=scale,
        two_row=maybe(draw, mix, "two-row", 20) or any(s.place == "top-row" for s in stated),
        columns=draw(columns(mix, budget)),
        rows=draw(table_rows(mix, budget, truth)),
        total_with_construction=maybe(draw, mix, "total-with-construction", 50),
        total_row_wrong=maybe(draw, mix, "total-row-wrong", 3),
        figures=draw(figure_styles(mix)),
        off_unit=None,
        tricks=(),
        lines=draw(component_lines(mix, budget, truth)),
        staffing=StaffingLayout(False, False, (), (), ""),
        description_heading=vary(draw, mix, "description-heading", DESCRIPTION_HEADINGS),
        note=not maybe(draw, mix, "note", 40),
        heading_across=maybe(draw, mix, "row-heading-across", 30),
    )
    staffing = draw(staffing_layouts(mix, budget, truth, layout.columns))
    layout = replace(layout, staffing=staffing)
    layout = replace(layout, off_unit=draw(off_units(mix, budget, layout)))
    return replace(layout, tricks=draw(tricks(mix, budget, truth, layout)))


@st.composite
def off_units(draw: Draw, mix: Mix, budget: Budget, layout: Layout) -> tuple[str, int] | None:
    """``off-unit``: a figure of the table that is not a whole number of the data's unit
    (half a unit more: refused)."""
    roles = [r.role for r in layout.rows if r.role in TRUTH_ROLES]
    if not roles or not maybe(draw, mix, "off-unit", 4):
        return None
    return pick(draw, roles), pick(draw, budget.years)


@st.composite
def tricks(draw: Draw, mix: Mix, budget: Budget, truth: Truth, layout: Layout) -> tuple[Trick, ...]:
    """Alterations of the table's cells (``trick-…``): in a .docx runs split, hidden,
    deleted, inserted, white or 1 pt inside a figure, hidden or split in a label; a grid
    trick (a merged cell also in a text)."""
    texts = year_cell_texts(budget, truth, layout)
    targets = [
        (role, i)
        for i, c in enumerate(layout.columns)
        if c.kind == "year"
        for role, cells in texts.items()
        if cells.get(c.year)
    ]
    found: dict[tuple[str, int], Trick] = {}
    runs = [k for k in RUN_TRICKS if mix.on(f"trick-{k}")] if layout.form == "docx" else []
    if runs and targets and chance(draw, 50 if mix.boost else 35):
        for _ in range(draw(st.integers(1, 3))):
            kind = pick(draw, runs)
            role, i = pick(draw, targets)
            where = (role, -1 if kind.endswith("label") else i)
            found.setdefault(where, Trick(kind, *where))
    grids = [
        k for k in GRID_TRICKS if mix.on(f"trick-{k}") and (layout.form == "docx" or k == "span")
    ]
    if grids and targets and chance(draw, 50 if mix.boost else 8):
        kind = pick(draw, grids)
        role, i = pick(draw, targets)
        if kind == "realign" and any(s.place == "header" for s in layout.statements):
            kind = "shift" if mix.on("trick-shift") else "after"
        fits = kind != "span" or i + 1 < len(layout.columns)
        if fits and mix.on(f"trick-{kind}") and not any(r == role for r, _ in found):
            found[(role, i)] = Trick(kind, role, i)
    return tuple(found.values())


# --- the page's blocks -----------------------------------------------------------------------

NOTE = "Note: - (minus) = mindreudgift/merindtægt eller personaleudskæring (under personalemæssige konsekvenser)"


def danish_number(value: Decimal, group: str) -> str:
    """``value``'s magnitude the Danish way: ``group`` between thousands, a decimal comma."""
    whole, _, fraction = format(abs(value), "f").partition(".")
    fraction = fraction.rstrip("0")
    if group:
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])
    return whole + ("," + fraction if fraction else "")


def written(value: Decimal, figures: Figures) -> str:
    """A figure of the table as the page writes it."""
    if value == 0:
        return figures.zero
    sign = figures.dash if value < 0 else ("+" if figures.plus else "")
    return sign + danish_number(value, figures.group)


def _truth_series(truth: Truth, role: str) -> Series | None:
    return {
        "operating": truth.operating,
        "area": truth.area_budget,
        "inside": truth.inside,
        "outside": truth.outside,
        "construction": truth.construction,
    }[role]


def shown_values(
    budget: Budget, truth: Truth, layout: Layout
) -> dict[str, dict[int, Decimal] | None]:
    """The figures of each row (by role) in the table's scale, as the page shows them
    (``None``: a row without figures): the truth's, a figure made not whole, the rows not
    read, and "I alt" the sum of what is shown (or not)."""
    worth = Decimal(budget.kroner) / layout.scale
    shown: dict[str, dict[int, Decimal] | None] = {}
    for row in layout.rows:
        if row.role in ("heading", "total"):
            continue
        found = (
            dict(row.extra)
            if row.role in ("breakdown", "unknown")
            else _truth_series(truth, row.role)
        )
        shown[row.role] = (
            None if found is None else {y: found.get(y, 0) * worth for y in budget.years}
        )
    if layout.off_unit is not None:
        role, year = layout.off_unit
        values = shown[role] or dict.fromkeys(budget.years, Decimal(0))
        shown[role] = {**values, year: values[year] + worth / 2}
    if any(r.role == "total" for r in layout.rows):
        parts = ["inside", "outside"] + (["construction"] if layout.total_with_construction else [])
        total = {
            y: sum(((shown.get(p) or {}).get(y, Decimal(0)) for p in parts), Decimal(0))
            for y in budget.years
        }
        if layout.total_row_wrong:  # off by one of the data's unit: wrong, and still whole
            total[budget.years[0]] += worth
        shown["total"] = total
    return shown


def year_cell_texts(budget: Budget, truth: Truth, layout: Layout) -> dict[str, dict[int, str]]:
    """Each row's year cells (by role and year) as written; empty cells too."""
    return {
        role: {
            y: "" if values is None else written(values[y], layout.figures) for y in budget.years
        }
        for role, values in shown_values(budget, truth, layout).items()
    }


def first_figure_row(budget: Budget, truth: Truth, layout: Layout) -> str | None:
    """The first row (its role) of the truth's, or "I alt", that holds a figure: where a
    wrong total column is wrong ("Heraf …" rows are not read, so not there)."""
    texts = year_cell_texts(budget, truth, layout)
    readable = [r.role for r in layout.rows if r.role in (*TRUTH_ROLES, "total")]
    return next((role for role in readable if any(texts[role].values())), None)


def _cell_text(
    column: Column, values: dict[int, Decimal] | None, figures: Figures, wrong: Decimal
) -> str:
    """A body cell: a year's figure, the total of the years a total column covers (off by
    ``wrong``: one of the data's unit, so that it is wrong and still whole), a reference or
    later year's figure (any), another column's text."""
    if column.kind == "other":
        return "jf. bilag" if values and column.header == "Bemærkning" else ""
    if values is None or not any(written(v, figures) for v in values.values()):
        return ""
    if column.kind == "year":
        return written(values[column.year], figures)
    if column.kind == "total":
        total = sum((values[y] for y in column.covers), Decimal(0)) + wrong
        return written(total, figures) or "0"
    return written(max(values.values()), figures) or "0"  # a reference or a later year


def _header_rows(budget: Budget, layout: Layout) -> list[tuple[Cell, ...]]:
    """The header row (the unit in its first cell, or not), and the row above it when the
    header is in two rows ("Beløb i … | Budgetår | Overslagsår", merged over the out-years)."""
    unit_in = {s.place: s.text for s in layout.statements}
    header = (cell(unit_in.get("header", "")), *(cell(c.header) for c in layout.columns))
    if not layout.two_row:
        return [header]
    top = [cell(unit_in.get("top-row", ""))]
    for c in layout.columns:
        word = (
            "" if c.kind != "year" else "Budgetår" if c.year == budget.years[0] else "Overslagsår"
        )
        last = top[-1]
        if word == "Overslagsår" and len(top) > 1 and last.seen() == word:
            top[-1] = Cell(last.pieces, last.span + 1)
        else:
            top.append(cell(word))
    return [tuple(top), header]


def _body_rows(budget: Budget, truth: Truth, layout: Layout) -> list[tuple[str, tuple[Cell, ...]]]:
    """Each body row's role and cells, before any trick ("Ændringsforslag" one cell across
    the table if the layout says so); a wrong total column is wrong in the first row with
    figures."""
    shown = shown_values(budget, truth, layout)
    first = first_figure_row(budget, truth, layout)
    worth = Decimal(budget.kroner) / layout.scale  # one of the data's unit, in the table's
    rows: list[tuple[str, tuple[Cell, ...]]] = []
    for row in layout.rows:
        if row.role == "heading" and layout.heading_across:
            rows.append((row.role, (cell(row.label, span=len(layout.columns) + 1),)))
            continue
        wrong = worth if row.role == first else Decimal(0)
        cells = [
            _cell_text(c, shown.get(row.role), layout.figures, wrong if c.wrong else Decimal(0))
            for c in layout.columns
        ]
        rows.append((row.role, (cell(row.label), *(cell(t) for t in cells))))
    return rows


def read_cell_texts(budget: Budget, truth: Truth, layout: Layout) -> list[str]:
    """The texts of the cells the contract reads (under a year's or a total's column), of
    every body row but a breakdown ("Heraf …", not read), as written."""
    kinds = [c.kind for c in layout.columns]
    return [
        cell.seen()
        for role, cells in _body_rows(budget, truth, layout)
        if role != "breakdown"
        for kind, cell in zip(kinds, cells[1:], strict=False)
        if kind in ("year", "total")
    ]


def _run_trick(tc: Cell, kind: str) -> Cell:
    """A cell's text with a run trick inside it (at its middle; a hidden "Heraf " before a
    label, which read would make its row one the contract does not read)."""
    text = tc.seen()
    at = max(1, len(text) // 2)
    head, tail = text[:at], text[at:]
    pieces = {
        "split": (Piece(head), Piece(tail)),
        "split-label": (Piece(head), Piece(tail)),
        "hidden": (Piece(head), Piece("7", "hidden"), Piece(tail)),
        "hidden-label": (Piece("Heraf ", "hidden"), Piece(text)),  # read, a row not read
        "deleted": (Piece(head), Piece("4", "deleted"), Piece(tail)),
        # a figure of one digit is inserted whole: a tracked change is there whatever its length
        "inserted": (Piece(head), Piece(tail, "inserted")) if tail else (Piece(text, "inserted"),),
        "white": (Piece(head), Piece("9", "white"), Piece(tail)),
        "tiny": (Piece(head), Piece("9", "tiny"), Piece(tail)),
    }[kind]
    return Cell(tuple(p for p in pieces if p.text), tc.span, tc.vmerge)


def _grid_trick(rows: list[tuple[str, tuple[Cell, ...]]], trick: Trick) -> list[Row]:
    """The table's rows (header rows' role: ``header``) as ``Row``, with a grid trick."""
    at = next(i for i, (role, _) in enumerate(rows) if role == trick.role)
    done = [Row(cells) for _, cells in rows]
    cells = list(done[at].cells)
    column = trick.column + 1
    if trick.kind == "span":
        cells[column : column + 2] = [Cell(cells[column].pieces, 2)]
        done[at] = Row(tuple(cells))
    elif trick.kind in ("shift", "after"):
        before = 1 if trick.kind == "shift" else 0
        done[at] = Row(tuple(cells[:-1]), before=before, after=1 - before)
    elif trick.kind == "vmerge":
        above = list(done[at - 1].cells)
        if len(above) == len(cells):
            above[column] = Cell(above[column].pieces, vmerge="restart")
            done[at - 1] = Row(tuple(above))
        cells[column] = Cell((), vmerge="continue")
        done[at] = Row(tuple(cells))
    elif trick.kind == "realign":
        done = [
            Row(r.cells, before=1) if i == at else Row((cell(""), *r.cells))
            for i, r in enumerate(done)
        ]
    return done


def economic_table(budget: Budget, truth: Truth, layout: Layout) -> Table:
    """The table "Økonomiske konsekvenser" with the page's columns, rows and tricks."""
    rows = [("header", h) for h in _header_rows(budget, layout)] + _body_rows(budget, truth, layout)
    for trick in layout.tricks:
        if trick.kind in RUN_TRICKS:
            at = next(i for i, (role, _) in enumerate(rows) if role == trick.role)
            role, cells = rows[at]
            altered = list(cells)
            altered[trick.column + 1] = _run_trick(cells[trick.column + 1], trick.kind)
            rows[at] = (role, tuple(altered))
    grid = [t for t in layout.tricks if t.kind in GRID_TRICKS]
    return Table(tuple(_grid_trick(rows, grid[0]) if grid else [Row(cells) for _, cells in rows]))


def _fte(value: Decimal | None, dash: str) -> str:
    if not value:
        return ""
    return (dash if value < 0 else "") + danish_number(value, ".")


def staffing_table(truth: Truth, page: Layout) -> Table:
    """The staffing table: the years' header, the positions now and the change (empty when
    the truth has none)."""
    layout, staffing = page.staffing, truth.staffing
    baseline = (staffing.baseline if staffing else None) or {}
    change = staffing.change if staffing else {}
    dash = page.figures.dash
    now = [cell(_fte(baseline.get(y), dash)) for y in layout.years]
    more = [cell(_fte(change.get(y), dash)) for y in layout.years]
    empty = [cell("") for _ in layout.years]
    label = layout.fte_label
    if layout.same_row:
        rows = [
            (cell("Normering"), *(cell(h) for h in layout.headers)),
            (cell(f"Nuværende normering, {label.lower()}"), *now),
            (cell(f"Ændring af normering, {label.lower()}"), *more),
        ]
    else:
        rows = [
            (cell("Nuværende normering på området"), *(cell(h) for h in layout.headers)),
            (cell(label), *now),
            (cell("Ændring af normering s.f.a. forslag"), *empty),
            (cell(label), *more),
        ]
    return Table(tuple(Row(r) for r in rows))


def page_blocks(budget: Budget, truth: Truth, layout: Layout) -> list[Block]:
    """The page as Word holds it: heading, header table, the economic table under its title,
    the staffing table, the description with its a)/b) lines."""
    blocks: list[Block] = [paragraph(layout.heading, heading=True)]
    blocks.append(
        Table(tuple(Row((cell(label), cell(value))) for label, value in layout.header.rows))
    )
    blocks.append(paragraph(layout.table_title))
    blocks += [paragraph(s.text) for s in layout.statements if s.place == "above"]
    blocks.append(economic_table(budget, truth, layout))
    blocks += [paragraph(NOTE)] if layout.note else []
    blocks += [paragraph("Budgetmæssig implementering"), paragraph("Personalemæssige konsekvenser")]
    blocks += [staffing_table(truth, layout)] if layout.staffing.shown else []
    blocks.append(paragraph(layout.description_heading))
    blocks += [paragraph(p) for p in truth.paragraphs]
    blocks += [paragraph(line.text) for line in layout.lines]
    return blocks
