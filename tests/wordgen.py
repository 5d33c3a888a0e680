"""Generated proposal pages for the round trip of ``budgetcli import`` (issue 23).

A generated **document** is a budget (``areas.yaml``), one to three **pages** and the form
they are saved in (``.docx`` or Word's plain text), with or without ``--unit``. Each page is
a **truth** (the proposal, as the plain values of a file: ``Truth.fields``) and a **layout**
(how the page writes it: labels and their misspellings, the economic table's unit, scale,
columns and rows, figures with their dashes and spaces, the period phrases of the a)/b) lines,
the date's form, and in a ``.docx`` runs split, hidden, deleted, white or merged). Each page
carries its expected outcome (``outcome``): ``Readable`` (the import writes a file equal to
the truth) or ``Refused`` with the reasons the layout gives (the import writes no file for
it and names the page in an error). Whether a layout feature refuses its page is decided by
one function each (``REFUSALS``): adjust those when the contract (``docs``/the issue) says
otherwise.

The strategies: ``budgets()``, ``truths(budget)``, ``layouts(budget, truth, form, option)``,
``documents()``. The blocks of a page: ``page_blocks``; its bytes: ``Document.data``.
"""

from __future__ import annotations

import datetime
import difflib
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise, product
from typing import Any, TypeVar

from hypothesis import strategies as st

from .wordpage import (
    Block,
    Cell,
    Piece,
    Row,
    Table,
    TextForm,
    cell,
    paragraph,
    to_docx,
    to_text,
)

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]
Series = dict[int, int]
Fte = dict[int, Decimal]

NBSP = "\u00a0"
#: kroner in each data unit (areas.yaml ``unit``)
UNITS = {"1000 DKK": 1000, "DKK": 1, "1000000 DKK": 1_000_000}

# --- vocabulary ----------------------------------------------------------------------------

COMMITTEES = (
    "Social- og Sundhedsudvalget",
    "Børne- og Skoleudvalget",
    "Teknik-, Miljø- og Klimaudvalget",
    "Økonomiudvalget",
    "Kultur- og Fritidsudvalget",
    "Beskæftigelses- og Integrationsudvalget",
    "Ældre- og Værdighedsudvalget",
)
AREA_NAMES = ("Plejecenter", "Botilbud", "Hjemmepleje", "Dagtilbud", "Skoler", "Vej og park")
CENTERS = (
    "Center for Voksne og Velfærd",
    "Center for Børn, Unge og Familier",
    "Teknik- og Miljøcenter",
    "Plejecenter Kærbo",
    "Økonomi & Styring",
)
FIRST_NAMES = ("Anne", "Søren", "Mette", "Jørgen", "Åse", "Lars", "Kirstine", "Bjørn", "Ida-Marie")
LAST_NAMES = ("Svanholt", "Hansen", "Ærø", "Jørgensen", "Ågård", "Nielsen-Østergaard", "Møller")
#: words of titles and descriptions (no word starts a label, a heading or an a)/b) line)
WORDS = (
    "styrket", "organisering", "styring", "hjemmeplejen", "velfærdsteknologi", "på", "og", "af",
    "færre", "vikarer", "ændret", "tildeling", "ældre", "borgere", "tværfagligt", "samarbejde",
    "kørsel", "ø-ordningen", "områdets", "indsats", "nattevagter", "digitalisering", "kaldesystem",
    "opfølgning", "myndighed", "sygefravær", "rengøring", "åbningstid", "førtidspension",
)  # fmt: skip
#: texts a YAML reader would take for something else, and symbols at a title's ends
TRICKY = ("no", "yes", "1e3", "null", "true", "~", "2027", "Fra 2027", "0x1F", "12:30", "on")
SYMBOLS = ('"', "'", "-", "–", "#", "*", "&", "!", "%", "@", "?", "[x]", "{y}", "> ", "| ", "…")
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
#: the readings of a label that are one field's: misspellings stay closest to their label
ALL_LABELS = tuple(
    label for labels in (*HEADER_LABELS.values(), *ROW_LABELS.values()) for label in labels
)
#: words not misspelt: one letter turns one into another ("inden"/"uden")
PROTECTED = frozenset({"indenfor", "udenfor", "inden", "uden", "for"})


def chance(draw: Draw, percent: int) -> bool:
    """True ``percent`` times in a hundred; shrinks to False (a feature away)."""
    return bool(draw(st.integers(0, 99)) >= 100 - percent)


def pick(draw: Draw, options: Sequence[T]) -> T:
    """One of ``options`` (shrinks to the first)."""
    return draw(st.sampled_from(options))  # type: ignore[no-any-return]


# --- the budget ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    code: str
    committee: str
    name: str | None


@dataclass(frozen=True)
class Budget:
    """``areas.yaml``: four years, the unit, the areas."""

    years: tuple[int, ...]
    unit: str
    areas: tuple[Area, ...]

    @property
    def kroner(self) -> int:
        """Kroner in one of the data's unit."""
        return UNITS[self.unit]

    def areas_yaml(self) -> str:
        lines = [
            "municipality: Prøveby Kommune",
            f"title: Budget {self.years[0]}-{self.years[-1]}",
            f"years: [{', '.join(map(str, self.years))}]",
            f"unit: {self.unit}",
            "areas:",
        ]
        for a in self.areas:
            name = f", name: {json.dumps(a.name, ensure_ascii=False)}" if a.name else ""
            committee = json.dumps(a.committee, ensure_ascii=False)
            lines.append(f"  - {{code: {json.dumps(a.code)}{name}, committee: {committee}}}")
        return "\n".join(lines) + "\n"


@st.composite
def area_codes(draw: Draw) -> str:
    """A budget area's code: ``B60.30.10``, ``60.30.10`` or ``5.30.27``."""
    groups = [draw(st.integers(10, 99)) for _ in range(2)]
    form = pick(draw, ("B", "B", "digits", "short"))
    if form == "B":
        return f"{pick(draw, 'BAX')}{draw(st.integers(10, 99))}.{groups[0]}.{groups[1]}"
    if form == "digits":
        return f"{draw(st.integers(10, 99))}.{groups[0]}.{groups[1]}"
    return f"{draw(st.integers(1, 9))}.{groups[0]}.{groups[1]}"


@st.composite
def budgets(draw: Draw) -> Budget:
    """Four years from 2020-2035 on, a unit (mostly 1.000 kr.), one to six areas of one to
    three committees."""
    first = draw(st.integers(2020, 2035))
    unit = pick(draw, ("1000 DKK", "1000 DKK", "1000 DKK", "DKK", "1000000 DKK"))
    codes = draw(st.lists(area_codes(), min_size=1, max_size=6, unique=True))
    committees = draw(st.lists(st.sampled_from(COMMITTEES), min_size=1, max_size=3, unique=True))
    areas = tuple(
        Area(code, pick(draw, committees), draw(st.none() | st.sampled_from(AREA_NAMES)))
        for code in codes
    )
    return Budget(tuple(range(first, first + 4)), unit, areas)


# --- the truth -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stretch:
    """An amount of an a)/b) line (in the data's unit, by the sign convention) and the years
    it holds for."""

    amount: int
    years: tuple[int, ...]


@dataclass(frozen=True)
class Booking:
    """An allocation line's entry: a code and its amount every year (``None``: the code alone,
    booked the whole change)."""

    code: str
    amount: int | None


@dataclass(frozen=True)
class Staffing:
    change: Fte
    baseline: Fte | None


@dataclass(frozen=True)
class Truth:
    """A proposal as a page states it; ``fields`` makes its file's plain values."""

    title: str
    kind: str
    committee: str | None
    areas: tuple[str, ...]
    center: str | None
    contact: str | None
    date: datetime.date | None
    operating: Series | None
    area_budget: Series | None
    inside: Series
    outside: Series
    construction: Series
    savings: tuple[Stretch, ...]
    investments: tuple[Stretch, ...]
    running: tuple[Stretch, ...]
    function_areas: tuple[Booking, ...]
    cost_centers: tuple[Booking, ...]
    staffing: Staffing | None
    paragraphs: tuple[str, ...]

    def net(self, years: Sequence[int]) -> Series:
        """The operating change a year: inside + outside the service frame."""
        return {y: self.inside.get(y, 0) + self.outside.get(y, 0) for y in years}

    def components(self) -> list[dict[str, Any]]:
        """The components the a)/b) lines state, as a file writes them."""
        found = []
        for kind, label, stretches in (
            ("saving", "Besparelsespotentiale", self.savings),
            ("investment", "Investering", self.investments),
            ("investment", "Driftsudgifter", self.running),
        ):
            amounts = {y: s.amount for s in stretches for y in s.years}
            if stretches:
                found.append({"type": kind, "label": label, "amounts": amounts})
        return found

    def fields(self, years: Sequence[int], description: str) -> dict[str, Any]:
        """The file's plain values (``proposalfile.proposal_text``), with the description the
        page's paragraphs and a)/b) lines make."""
        change = {"inside_service_frame": self.inside, "outside_service_frame": self.outside}
        if self.kind == "construction":
            change["construction"] = self.construction
        values: dict[str, Any] = {
            "title": self.title,
            "status": "proposed",
            "kind": None if self.kind == "reduction" else self.kind,
            "committee": self.committee,
            "areas": list(self.areas),
            "center": self.center,
            "contact": self.contact,
            "date": self.date,
            "operating_budget": self.operating,
            "area_budget": self.area_budget,
            "change": {k: v for k, v in change.items() if v},
            "components": self.components() or None,
            "allocations": self.allocations(years),
            "staffing": self.staffing_fields(),
            "description": description or None,
        }
        return values

    def allocations(self, years: Sequence[int]) -> dict[str, Any] | None:
        net = {y: v for y, v in self.net(years).items() if v}
        found = {}
        for name, bookings in (
            ("function_areas", self.function_areas),
            ("cost_centers", self.cost_centers),
        ):
            if bookings:
                found[name] = {
                    b.code: net if b.amount is None else dict.fromkeys(years, b.amount)
                    for b in bookings
                }
        return found or None

    def staffing_fields(self) -> dict[str, Any] | None:
        if self.staffing is None:
            return None
        out: dict[str, Any] = {"change_fte": self.staffing.change}
        if self.staffing.baseline is not None:
            out["baseline_fte"] = self.staffing.baseline
        return out


def amounts(budget: Budget, big: bool = False) -> st.SearchStrategy[int]:
    """An amount in the data's unit: a change (up to 50 mio. kr.), or a budget (``big``, up to
    1.000 mio. kr.); round ones often, as the documents' are."""
    most = (1_000_000_000 if big else 50_000_000) // budget.kroner
    round_to = max(1, 100_000 // budget.kroner)
    rounded = st.integers(-most // round_to, most // round_to).map(lambda n: n * round_to)
    return st.one_of(st.integers(-999, 999), st.integers(-most, most), rounded)


@st.composite
def series(draw: Draw, budget: Budget, big: bool = False, nonzero: bool = True) -> Series:
    """Amounts for some of the years (a year left out is 0); at least one not 0 if
    ``nonzero``. Often the same in every year."""
    if chance(draw, 40):
        value = draw(amounts(budget, big).filter(bool))
        return dict.fromkeys(budget.years, value)
    found = {y: draw(amounts(budget, big)) for y in budget.years if draw(st.booleans())}
    found = {y: v for y, v in found.items() if v}
    if nonzero and not found:
        found[pick(draw, budget.years)] = draw(amounts(budget, big).filter(bool))
    return found


@st.composite
def stretches(draw: Draw, budget: Budget, sign: int, alone: bool = False) -> tuple[Stretch, ...]:
    """The amounts of an a)/b) line (``sign``: -1 a saving, 1 an investment), each for years
    a period phrase can state: every year, one year, a few, a range, from a year on; or two
    or three stretches of years one after the other (unless ``alone``)."""
    years = budget.years
    count = 1 if alone else pick(draw, (1, 1, 2, 3))
    if count == 1:
        chosen = pick(draw, ("all", "one", "few", "range", "on"))
        if chosen == "all":
            spans = [years]
        elif chosen == "one":
            spans = [(pick(draw, years),)]
        elif chosen == "few":
            spans = [
                tuple(
                    sorted(
                        draw(st.lists(st.sampled_from(years), min_size=2, max_size=3, unique=True))
                    )
                )
            ]
        else:
            start = draw(st.integers(0, 2))
            end = 4 if chosen == "on" else draw(st.integers(start + 2, 4))
            spans = [years[start:end]]
    else:
        cuts = sorted(
            draw(st.lists(st.integers(1, 3), min_size=count - 1, max_size=count - 1, unique=True))
        )
        bounds = [0, *cuts, 4]
        spans = [years[a:b] for a, b in pairwise(bounds)]
    size = st.integers(1, 20_000_000 // budget.kroner)
    return tuple(Stretch(sign * draw(size), span) for span in spans)


@st.composite
def components(draw: Draw, budget: Budget) -> tuple[tuple[Stretch, ...], ...]:
    """The a) saving, b) investment and its running costs: each may be missing."""
    savings = draw(stretches(budget, -1)) if chance(draw, 70) else ()
    investments = draw(stretches(budget, 1)) if chance(draw, 50) else ()
    running = draw(stretches(budget, 1, alone=True)) if investments and chance(draw, 30) else ()
    return savings, investments, running


@st.composite
def bookings(
    draw: Draw, net: Series, years: Sequence[int], codes: st.SearchStrategy[str]
) -> tuple[Booking, ...]:
    """An allocation line: one code alone (the whole change), or, when the change is the same
    every year, codes with amounts that add up to it."""
    values = [net.get(y, 0) for y in years]
    if not any(values):
        return ()
    if len(set(values)) > 1 or chance(draw, 40):
        return (Booking(draw(codes), None),)
    found = draw(st.lists(codes, min_size=1, max_size=3, unique=True))
    parts = [
        draw(st.integers(-abs(values[0]) - 500, abs(values[0]) + 500).filter(bool))
        for _ in found[1:]
    ]
    last = values[0] - sum(parts)
    if last == 0:
        return (Booking(found[0], values[0]),)
    return tuple(Booking(c, a) for c, a in zip(found, [*parts, last], strict=True))


def function_codes() -> st.SearchStrategy[str]:
    """A function area's code: ``053027``, ``053026-1-001``."""
    six = st.integers(0, 99999).map(lambda n: f"0{n:05d}")
    return st.one_of(six, st.builds(lambda a, b: f"{a}-1-{b:03d}", six, st.integers(1, 999)))


def cost_codes() -> st.SearchStrategy[str]:
    """A cost centre's code: ``3709820001``, ``XG-3703170001-1``."""
    ten = st.integers(3_700_000_000, 3_799_999_999).map(str)
    return st.one_of(ten, st.builds(lambda n, k: f"XG-{n}-{k}", ten, st.integers(1, 9)))


@st.composite
def titles(draw: Draw) -> str:
    """A title: Danish words, maybe a text YAML would misread, digits, symbols at its ends."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
    if chance(draw, 25):
        words.insert(draw(st.integers(0, len(words))), pick(draw, TRICKY))
    if chance(draw, 10):
        words = [pick(draw, TRICKY)]
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if chance(draw, 20):
        text = pick(draw, SYMBOLS) + text
    if chance(draw, 20):
        text += pick(draw, (":", ".", "!", "?", '"', " (B23)", " – fase 2", " §108", " 50%"))
    return text


@st.composite
def people(draw: Draw) -> str:
    names = [pick(draw, FIRST_NAMES)]
    if chance(draw, 40):
        names.append(pick(draw, (*FIRST_NAMES, "K.", "M.")))
    return " ".join([*names, pick(draw, LAST_NAMES)])


@st.composite
def paragraphs(draw: Draw) -> str:
    """A paragraph of the description: sentences of words, none of which starts an a)/b)
    line, a heading or a label."""
    sentences = []
    for _ in range(draw(st.integers(1, 3))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12))
        sentence = " ".join(words)
        sentences.append("Der er " + sentence + pick(draw, (".", "!", ", mv.", " (se bilag).")))
    return " ".join(sentences)


@st.composite
def fte_series(draw: Draw, years: Sequence[int], low: int, high: int) -> Fte:
    """Full-time positions a year (at most two decimals), some years left out."""
    hundredths = st.integers(low * 100, high * 100).map(lambda n: Decimal(n) / 100)
    if chance(draw, 50):
        value = draw(hundredths.filter(bool))
        return dict.fromkeys(years, value)
    found = {y: draw(hundredths) for y in years if draw(st.booleans())}
    return {y: v for y, v in found.items() if v}


@st.composite
def staffings(draw: Draw, years: Sequence[int]) -> Staffing | None:
    """None, or the change (not 0 in some year) and maybe the positions now; a cut is never
    more than the positions there are."""
    if not chance(draw, 60):
        return None
    baseline = draw(fte_series(years, 1, 500)) if chance(draw, 70) else None
    change = draw(fte_series(years, -20, 20).filter(bool))
    if baseline is not None:
        baseline = dict.fromkeys(years, max([*baseline.values(), Decimal(1)]))
        change = {y: max(v, -baseline[y]) for y, v in change.items()}
    return Staffing(change, baseline)


@st.composite
def changes(draw: Draw, budget: Budget, net: Series | None) -> tuple[Series, Series]:
    """Inside and outside the service frame: any signs, zeros, years left out; adding up to
    ``net`` (the components' sum) when it is given."""
    if net is None:
        inside = draw(series(budget, nonzero=False))
        outside = draw(series(budget, nonzero=not inside)) if chance(draw, 40) or not inside else {}
        return inside, outside
    outside = draw(series(budget, nonzero=False)) if chance(draw, 30) else {}
    inside = {y: net.get(y, 0) - outside.get(y, 0) for y in budget.years}
    inside = {y: v for y, v in inside.items() if v}
    if not inside and not outside:  # the components cancel out: a change all the same
        value = draw(amounts(budget).filter(bool))
        inside, outside = dict.fromkeys(budget.years, value), dict.fromkeys(budget.years, -value)
    return inside, outside


@st.composite
def dates(draw: Draw) -> datetime.date:
    return draw(st.dates(datetime.date(2018, 1, 1), datetime.date(2036, 12, 31)))  # type: ignore[no-any-return]


@st.composite
def truths(draw: Draw, budget: Budget) -> Truth:
    """A proposal of ``budget`` that ``validate`` finds no error in: its committee is its
    areas', its components add up to the change, its allocations too."""
    years = budget.years
    kind = pick(draw, ("reduction", "reduction", "expansion", "construction", "technical"))
    first = pick(draw, budget.areas)
    same = [a for a in budget.areas if a.committee == first.committee and a != first]
    areas = [first] + ([pick(draw, same)] if same and chance(draw, 25) else [])
    savings, investments, running = draw(components(budget))
    stated = [*savings, *investments, *running]
    net = {y: sum(s.amount for s in stated if y in s.years) for y in years} if stated else None
    inside, outside = draw(changes(budget, net))
    truth = Truth(
        title=draw(titles()),
        kind=kind,
        committee=first.committee if chance(draw, 80) else None,
        areas=tuple(a.code for a in areas),
        center=pick(draw, CENTERS) if chance(draw, 70) else None,
        contact=draw(people()) if chance(draw, 80) else None,
        date=draw(dates()) if chance(draw, 80) else None,
        operating=draw(series(budget, big=True)) if chance(draw, 60) else None,
        area_budget=draw(series(budget, big=True)) if chance(draw, 50) else None,
        inside=inside,
        outside=outside,
        construction=draw(series(budget, big=True)) if kind == "construction" else {},
        savings=savings,
        investments=investments,
        running=running,
        function_areas=(),
        cost_centers=(),
        staffing=draw(staffings(years)),
        paragraphs=tuple(draw(st.lists(paragraphs(), max_size=3))),
    )
    net = truth.net(years)
    function_areas = draw(bookings(net, years, function_codes())) if chance(draw, 50) else ()
    cost_centers = draw(bookings(net, years, cost_codes())) if chance(draw, 50) else ()
    return replace(truth, function_areas=function_areas, cost_centers=cost_centers)


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
    header: tuple[tuple[str, str], ...]
    date: DateWriting | None
    unknown_area: bool
    allocation_lines: tuple[AllocationLine, ...]
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
def spellings(draw: Draw, label: str) -> str:
    """``label`` as a person types it: mostly right; else in another case, the Danish letters
    folded, or a letter dropped, doubled or two swapped in a long word (never one that turns
    into another label: "inden"/"uden" are left alone)."""
    if not chance(draw, 12):
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
def labels(draw: Draw, options: Sequence[str]) -> str:
    return draw(spellings(pick(draw, options)))  # type: ignore[no-any-return]


@st.composite
def headings(draw: Draw, budget: Budget, kind: str) -> tuple[str, tuple[int, int]]:
    """The page's heading, ``<word> til budget <first>-<last>``, and the years it states
    (now and then not the budget's)."""
    first, last = budget.years[0], budget.years[-1]
    if chance(draw, 3):
        shift = pick(draw, (-1, 1, 2))
        first, last = first + shift, last + shift
    word = pick(draw, KIND_WORDS[kind])
    dash = pick(draw, ("-", "-", "–"))
    end = pick(draw, (str(last), f"{last % 100:02d}"))
    between = pick(draw, ("til budget", "til budget", "for budget", "budget"))
    return f"{word} {between} {first}{dash}{end}", (first, last)


def year_header(draw: Draw, year: int, index: int, style: str) -> str:
    """A year column's header: ``2026``, ``B2026``, ``BO1 2027``, ``Budget 2026``,
    ``Overslagsår 2027``, ``BF 2026``, ``2026*`` (``index``: 0 the budget year)."""
    first = (f"B{year}", f"B {year}", f"Budget {year}", f"Budgetår {year}", f"BF {year}")
    later = (f"BO{index} {year}", f"BO {index} {year}", f"Overslagsår {year}", f"Budget {year}")
    forms = {
        "bare": (str(year),),
        "B": first[:2] if index == 0 else later[:2],
        "budget": first[2:] if index == 0 else later[2:],
        "star": (f"{year}*",),
        "mixed": (str(year), f"{year}*", *(first if index == 0 else later)),
    }
    return pick(draw, forms[style])


@st.composite
def statements(draw: Draw, option: UnitOption | None) -> tuple[int, tuple[Statement, ...]]:
    """The table's scale and where the page states it: mostly once; now and then not at all
    (read with ``--unit``, or refused), twice (the same unit, or two: refused), or another
    unit than ``--unit`` says (refused)."""
    scale = option.scale if option else pick(draw, (1000, 1000, 1000, 1, 1_000_000))
    if (option is not None and chance(draw, 50)) or (option is None and chance(draw, 6)):
        return scale, ()
    if option is not None and chance(draw, 10):
        scale = pick(draw, [s for s in UNIT_TEXTS if s != option.scale])
    places = draw(st.permutations(("header", "above", "top-row", "title")))
    count = 2 if chance(draw, 5) else 1
    found = []
    for n, place in enumerate(places[:count]):
        worth = (
            scale
            if n == 0 or chance(draw, 50)
            else pick(draw, [s for s in UNIT_TEXTS if s != scale])
        )
        unit = pick(draw, UNIT_TEXTS[worth])
        if place == "title":
            text = pick(
                draw,
                (f"Økonomiske konsekvenser ({unit})", f"Økonomiske konsekvenser, beløb i {unit}"),
            )
        else:
            text = pick(
                draw, (f"Beløb i {unit}", f"Beløb i {unit}", f"({unit})", unit, f"Beløb ({unit})")
            )
        found.append(Statement(worth, text, place))
    return scale, tuple(found)


@st.composite
def columns(draw: Draw, budget: Budget) -> tuple[Column, ...]:
    """The columns after the label: a column a budget year (now and then one missing, one
    twice, or a year after the budget's: refused), maybe a reference year before it, a
    total (now and then wrong: refused), another column; in the template's order, or any."""
    years, first, last = budget.years, budget.years[0], budget.years[-1]
    style = pick(draw, ("bare", "bare", "B", "budget", "star", "mixed"))
    found = [Column("year", year_header(draw, y, i, style), y) for i, y in enumerate(years)]
    if chance(draw, 3):
        del found[draw(st.integers(0, 3))]
    if chance(draw, 2):
        i = draw(st.integers(0, 3))
        found.append(Column("year", year_header(draw, years[i], i, "mixed"), years[i]))
    if chance(draw, 2):
        found.append(Column("late-year", year_header(draw, last + 1, 4, style), last + 1))
    if chance(draw, 15):
        before = pick(draw, (first - 1, first - 2))
        header = pick(draw, (f"Budget {before}", f"Regnskab {before}", f"B{before}", str(before)))
        found.insert(0, Column("reference", header, before))
    if chance(draw, 20):
        found.append(draw(totals(budget)))
    if chance(draw, 15):
        found.insert(0, Column("other", pick(draw, ("Funktion", "Konto", "Bemærkning", ""))))
    return tuple(draw(st.permutations(found))) if chance(draw, 30) else tuple(found)


@st.composite
def totals(draw: Draw, budget: Budget) -> Column:
    """A total column: all the budget's years ("I alt", "Total", "Sum", "I alt 2026-29"),
    or the years its header states; now and then wrong in a row."""
    first, last = budget.years[0], budget.years[-1]
    start = budget.years[1] if chance(draw, 20) else first
    covers = tuple(y for y in budget.years if y >= start)
    if start == first:
        header = pick(
            draw,
            ("I alt", "Total", "Sum", f"I alt {first}-{last % 100:02d}", f"I alt {first}-{last}"),
        )
    else:
        header = pick(draw, (f"I alt {start}-{last % 100:02d}", f"I alt {start}-{last}"))
    return Column("total", header, covers=covers, wrong=chance(draw, 10))


@st.composite
def table_rows(draw: Draw, budget: Budget, truth: Truth) -> tuple[TableRow, ...]:
    """The economic table's rows: the truth's (an empty one now and then left out), the
    "Ændringsforslag" heading, "I alt", now and then a "Heraf …" row (not read) or a row of
    a label the contract does not read, with figures (refused); in order, or any."""
    present = {
        "operating": truth.operating is not None or chance(draw, 20),
        "area": truth.area_budget is not None or chance(draw, 20),
        "heading": chance(draw, 70),
        "inside": bool(truth.inside) or chance(draw, 70),
        "outside": bool(truth.outside) or chance(draw, 60),
        "construction": truth.kind == "construction",
        "total": chance(draw, 70),
        "breakdown": chance(draw, 10),
        "unknown": chance(draw, 3),
    }
    found = []
    for role, there in present.items():
        if not there:
            continue
        extra: tuple[tuple[int, int], ...] = ()
        if role in ("breakdown", "unknown"):
            extra = tuple(draw(series(budget)).items())
        found.append(TableRow(role, draw(labels(ROW_LABELS[role])), extra))
    return tuple(draw(st.permutations(found))) if chance(draw, 25) else tuple(found)


@st.composite
def figure_styles(draw: Draw) -> Figures:
    return Figures(
        dash=pick(draw, ("-", "-", "–", "−")),
        group=pick(draw, (".", ".", ".", "\u00a0", "\u202f", "\u2009", "")),
        plus=chance(draw, 10),
        zero=pick(draw, ("", "", "0")),
    )


@st.composite
def dates_written(draw: Draw, date: datetime.date | None) -> DateWriting | None:
    """The date in one of the contract's forms; now and then one that is no date of the
    calendar (31 June), or without its day or year (refused)."""
    if date is None:
        return None
    form = pick(draw, DATE_FORMS)
    if form == "d-m-yy" and not 2000 <= date.year <= 2099:
        form = "iso"
    if chance(draw, 3):
        day, month = pick(draw, ((31, 6), (31, 4), (30, 2), (31, 11), (32, 1)))
        return DateWriting(day, month, date.year, form)
    missing = pick(draw, ("day", "year")) if chance(draw, 2) else ""
    return DateWriting(date.day, date.month, date.year, form, missing)


@st.composite
def date_rows(draw: Draw, truth: Truth) -> tuple[list[tuple[str, str]], DateWriting | None]:
    """ "Dato og kontaktperson" (the date, a separator, the contact), or "Dato" and
    "Kontaktperson" rows."""
    writing = draw(dates_written(truth.date))
    date = writing.text() if writing else ""
    contact = truth.contact or ""
    if chance(draw, 25):
        rows = [(draw(labels(HEADER_LABELS["date"])), date)] if date else []
        rows += [(draw(labels(HEADER_LABELS["contact"])), contact)] if contact else []
        return rows, writing
    between = pick(draw, (" ", " ", ", ", " - ", " – ", " / "))
    value = between.join(t for t in (date, contact) if t)
    return ([(draw(labels(HEADER_LABELS["date_contact"])), value)] if value else []), writing


@st.composite
def areas_text(draw: Draw, budget: Budget, truth: Truth) -> tuple[str, bool]:
    """The areas' codes as a page writes them ("B60.30.10 Plejecenter", "B60.30.05 &
    B60.30.15"), now and then with a code areas.yaml lacks (refused: no --add-areas)."""
    codes = list(truth.areas)
    unknown = chance(draw, 2)
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
    ("mio. kr.", 1_000_000),
    ("t.kr.", 1000),
    ("kr.", 1),
    ("mio.", 1_000_000),
    ("tkr.", 1000),
)


@st.composite
def allocation_lines(draw: Draw, budget: Budget, truth: Truth) -> tuple[AllocationLine, ...]:
    """Funktionsområde and Omkostningssted: a code alone, or codes with their amounts in
    parentheses, a sign written or not."""
    found = []
    for name, bookings_ in (
        ("function_areas", truth.function_areas),
        ("cost_centers", truth.cost_centers),
    ):
        if not bookings_:
            continue
        parts, entries = [], []
        for b in bookings_:
            if b.amount is None:
                parts.append(b.code)
                continue
            signed = chance(draw, 70)
            sign = ("-" if b.amount < 0 else "+") if signed else ""
            unit = pick(draw, TEXT_UNITS[:3])
            parts.append(f"{b.code} ({sign}{money(b.amount, budget, unit, '.')})")
            entries.append((b.amount, signed))
        text = pick(draw, (", ", " og ", "; ")).join(parts)
        text += " - Se bilag" if chance(draw, 10) else ""
        found.append(AllocationLine(name, text, tuple(entries)))
    return tuple(found)


@st.composite
def header_rows(
    draw: Draw, budget: Budget, truth: Truth
) -> tuple[tuple[tuple[str, str], ...], DateWriting | None, bool, tuple[AllocationLine, ...]]:
    """The header table's rows (label, value), the date as written, whether an unknown area
    is named, the allocation lines."""
    rows = [(draw(labels(HEADER_LABELS["title"])), truth.title)]
    if truth.committee:
        rows.append((draw(labels(HEADER_LABELS["committee"])), truth.committee))
    areas, unknown = draw(areas_text(budget, truth))
    rows.append((draw(labels(HEADER_LABELS["areas"])), areas))
    if truth.center:
        rows.append((draw(labels(HEADER_LABELS["center"])), truth.center))
    allocations = draw(allocation_lines(budget, truth))
    rows += [(draw(labels(HEADER_LABELS[a.name])), a.text) for a in allocations]
    dated, writing = draw(date_rows(truth))
    rows += dated
    ordered = draw(st.permutations(rows)) if chance(draw, 30) else rows
    return tuple(ordered), writing, unknown, allocations


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
    draw: Draw, budget: Budget, parts: Sequence[Stretch], sign_style: str
) -> tuple[list[str], list[str]]:
    """Each amount of a line with its period phrase (now and then one the contract does not
    read, or a year outside the budget: refused), and each one's period class."""
    texts, periods, named = [], [], []
    for stretch in parts:
        phrase = pick(draw, period_phrases(stretch.years, budget.years, named))
        period = "known"
        if chance(draw, 4):
            phrase, period = pick(draw, UNKNOWN_PERIODS).format(y=stretch.years[0]), "unknown"
        elif chance(draw, 2):
            phrase, period = (
                pick(draw, (f" i {budget.years[0] - 1}", f" fra {budget.years[-1] + 1}")),
                "outside",
            )
        named += stretch.years
        before = pick(draw, ("", "årligt ", "årlige ")) if phrase == "" else ""
        sign = _written_sign(draw, stretch.amount, sign_style)
        unit = pick(draw, TEXT_UNITS)
        texts.append(
            f"{before}{sign}{money(stretch.amount, budget, unit, pick(draw, ('.', NBSP)))}{phrase}"
        )
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
def component_lines(draw: Draw, budget: Budget, truth: Truth) -> tuple[Line, ...]:
    """The a) saving line and the b) investment line (with its running costs), as the
    documents write them."""
    found = []
    for letter, head, parts in (
        ("a", "Besparelsespotentiale", truth.savings),
        ("b", "Investering", truth.investments),
    ):
        if not parts:
            continue
        style = pick(draw, ("none", "none", "convention", "opposite"))
        texts, periods = draw(line_amounts(budget, parts, style))
        body = pick(draw, (" og ", ", ")).join(texts)
        if letter == "b" and truth.running:
            more, more_periods = draw(line_amounts(budget, truth.running, style))
            body += " og driftsudgifter på " + more[0]
            periods += more_periods
        bullet = pick(draw, ("", "", "- ", "• ", "* ", "– "))
        opening = pick(draw, (f"{bullet}{letter}) ", "")) if bullet == "" else f"{bullet}{letter}) "
        text = f"{opening}{head}{pick(draw, (' på ', ': ', ' '))}{body}"
        if chance(draw, 20):
            text = f"{opening}{head} ({body})"
        found.append(Line(text, tuple(periods)))
    return tuple(found)


@st.composite
def staffing_layouts(
    draw: Draw, budget: Budget, truth: Truth, table: Sequence[Column]
) -> StaffingLayout:
    """The staffing table's layout: its years in the economic table's order or the
    calendar's, headed as there or otherwise."""
    in_table = tuple(c.year for c in table if c.kind == "year")
    order = (
        in_table if sorted(in_table) == list(budget.years) and chance(draw, 50) else budget.years
    )
    style = pick(draw, ("bare", "bare", "B", "budget", "star"))
    headers = tuple(year_header(draw, y, budget.years.index(y), style) for y in order)
    return StaffingLayout(
        shown=truth.staffing is not None or chance(draw, 50),
        same_row=chance(draw, 30),
        years=order,
        headers=headers,
        fte_label=pick(
            draw,
            ("Antal fuldtidsstillinger", "Antal fuldtidsstillinger", "Årsværk", "Antal årsværk"),
        ),
    )


@st.composite
def layouts(
    draw: Draw, budget: Budget, truth: Truth, form: str, option: UnitOption | None
) -> Layout:
    """How a page writes ``truth``: every feature drawn here, each refusing the page now and
    then (``REFUSALS`` says which)."""
    heading, heading_years = draw(headings(budget, truth.kind))
    header, writing, unknown_area, allocations = draw(header_rows(budget, truth))
    scale, stated = draw(statements(option))
    titled = [s.text for s in stated if s.place == "title"]
    layout = Layout(
        form=form,
        heading=heading,
        heading_years=heading_years,
        header=header,
        date=writing,
        unknown_area=unknown_area,
        allocation_lines=allocations,
        table_title=titled[0] if titled else "Økonomiske konsekvenser",
        statements=stated,
        scale=scale,
        two_row=chance(draw, 20) or any(s.place == "top-row" for s in stated),
        columns=draw(columns(budget)),
        rows=draw(table_rows(budget, truth)),
        total_with_construction=truth.kind == "construction" and chance(draw, 50),
        total_row_wrong=chance(draw, 3),
        figures=draw(figure_styles()),
        off_unit=None,
        tricks=(),
        lines=draw(component_lines(budget, truth)),
        staffing=StaffingLayout(False, False, (), (), ""),
        description_heading=pick(
            draw, ("Præsentation af forslag",) * 3 + ("Beskrivelse", "Beskrivelse af forslaget")
        ),
        note=chance(draw, 60),
        heading_across=chance(draw, 30),
    )
    layout = replace(layout, staffing=draw(staffing_layouts(budget, truth, layout.columns)))
    layout = replace(layout, off_unit=draw(off_units(budget, truth, layout)))
    return replace(layout, tricks=draw(tricks(budget, truth, layout)))


@st.composite
def off_units(draw: Draw, budget: Budget, truth: Truth, layout: Layout) -> tuple[str, int] | None:
    """Now and then a figure of the table that is not a whole number of the data's unit
    (half a unit more: refused)."""
    roles = [
        r.role
        for r in layout.rows
        if r.role in ("operating", "area", "inside", "outside", "construction")
    ]
    if not roles or not chance(draw, 4):
        return None
    return pick(draw, roles), pick(draw, budget.years)


@st.composite
def tricks(draw: Draw, budget: Budget, truth: Truth, layout: Layout) -> tuple[Trick, ...]:
    """Alterations of the table's cells: in a .docx runs split, hidden, deleted, inserted,
    white or 1 pt inside a figure, hidden or split in a label; now and then a grid trick
    (a merged cell also in the text)."""
    texts = year_cell_texts(budget, truth, layout)
    targets = [
        (role, i)
        for i, c in enumerate(layout.columns)
        if c.kind == "year"
        for role, cells in texts.items()
        if cells.get(c.year)
    ]
    found: dict[tuple[str, int], Trick] = {}
    if layout.form == "docx" and targets and chance(draw, 35):
        for _ in range(draw(st.integers(1, 3))):
            kind = pick(
                draw,
                (
                    "split",
                    "split",
                    "hidden",
                    "hidden",
                    "deleted",
                    "inserted",
                    "hidden-label",
                    "split-label",
                    "white",
                    "tiny",
                ),
            )
            role, i = pick(draw, targets)
            where = (role, -1 if kind.endswith("label") else i)
            found.setdefault(where, Trick(kind, *where))
    if targets and chance(draw, 8):
        kinds = GRID_TRICKS if layout.form == "docx" else ("span",)
        kind = pick(draw, kinds)
        role, i = pick(draw, targets)
        if kind == "realign" and any(s.place == "header" for s in layout.statements):
            kind = "shift"
        if (kind != "span" or i + 1 < len(layout.columns)) and not any(r == role for r, _ in found):
            found[(role, i)] = Trick(kind, role, i)
    return tuple(found.values())


# --- what the contract says of each feature: Readable, or Refused for a reason ---------------


@dataclass(frozen=True)
class Page:
    truth: Truth
    layout: Layout

    def description(self) -> str:
        """The description the page states: its paragraphs and its a)/b) lines."""
        return "\n\n".join([*self.truth.paragraphs, *(line.text for line in self.layout.lines)])


@dataclass(frozen=True)
class Readable:
    """The import writes a file with these values (``Truth.fields``)."""

    fields: dict[str, Any]


@dataclass(frozen=True)
class Refused:
    """The import writes no file for the page and names it in an error, which says one of
    ``reasons`` (``REASON_WORDS``)."""

    reasons: tuple[str, ...]


#: the words an error of each reason uses, one of which its message must hold (loosely)
REASON_WORDS = {
    "budget": ("budget",),
    "unit": ("unit",),
    "whole": ("whole",),
    "year": ("year", "column"),
    "total": ("total", "i alt", "sum", "add up"),
    "row": ("row", "label", "read"),
    "merged": ("merge", "span", "cell", "column"),
    "invisible": ("visible", "white", "see", "hidden", "size"),
    "period": ("period", "year", "phrase"),
    "date": ("date", "calendar"),
    "area": ("area",),
    "allocation": ("allocation", "reading", "add up", "sign"),
}


def heading_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """The heading's period must be the budget's."""
    ok = page.layout.heading_years == (budget.years[0], budget.years[-1])
    return None if ok else "budget"


def unit_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """A unit stated, or given by --unit; not two units; not one other than --unit."""
    stated = {s.scale for s in page.layout.statements}
    if len(stated) > 1 or (not stated and option is None):
        return "unit"
    if stated and option is not None and option.scale not in stated:
        return "unit"
    return None


def whole_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """Every figure a whole number of the data's unit."""
    return None if page.layout.off_unit is None else "whole"


def year_column_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """Each budget year has exactly one column; no year after the budget's (a year before
    it is a reference column: not read)."""
    years = [c.year for c in page.layout.columns if c.kind == "year"]
    late = any(c.kind == "late-year" for c in page.layout.columns)
    return None if sorted(years) == list(budget.years) and not late else "year"


def total_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """A total column equals the sum of its years in every row with figures; "I alt" equals
    inside + outside (+ construction) every year."""
    layout = page.layout
    wrong_column = any(c.kind == "total" and c.wrong for c in layout.columns) and any(
        any(t for t in texts.values())
        for texts in year_cell_texts(budget, page.truth, layout).values()
    )
    wrong_row = layout.total_row_wrong and any(r.role == "total" for r in layout.rows)
    return "total" if wrong_column or wrong_row else None


def row_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """A row of a label the contract does not read holds no figure."""
    return "row" if any(r.role == "unknown" for r in page.layout.rows) else None


def trick_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """What a person does not see is not read (hidden, deleted); what is there but not seen
    (white, 1 pt) refuses the page; a year cell merged, missing or continuing a vertical
    merge in a row with figures refuses it; a row re-aligned by gridBefore is read."""
    for trick in page.layout.tricks:
        if trick.kind in ("white", "tiny"):
            return "invisible"
        if trick.kind in ("span", "shift", "vmerge"):
            return "merged"
        if trick.kind == "after" and page.layout.columns[-1].kind in ("year", "total", "late-year"):
            return "merged"
    return None


def period_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """Every amount of an a)/b) line states a period of the contract's table, within the
    budget."""
    known = all(p == "known" for line in page.layout.lines for p in line.periods)
    return None if known else "period"


def date_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """A date-like value is a date of the calendar, with its day and year."""
    writing = page.layout.date
    return None if writing is None or writing.valid() else "date"


def area_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """A code like B60.30.10 that areas.yaml lacks refuses the page (no --add-areas)."""
    return "area" if page.layout.unknown_area else None


def allocation_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """An allocation line is read one way: of the readings of its unsigned amounts (either
    sign), exactly one adds up to the change."""
    net = page.truth.net(budget.years)[budget.years[0]]
    for line in page.layout.allocation_lines:
        if not line.entries:
            continue
        choices = [[a] if signed else [abs(a), -abs(a)] for a, signed in line.entries]
        if sum(1 for combo in product(*choices) if sum(combo) == net) != 1:
            return "allocation"
    return None


#: every feature's verdict, in the order a reader meets them
REFUSALS: tuple[Callable[[Budget, Page, UnitOption | None], str | None], ...] = (
    heading_refusal, date_refusal, area_refusal, allocation_refusal, unit_refusal,
    year_column_refusal, whole_refusal, total_refusal, row_refusal, trick_refusal, period_refusal,
)  # fmt: skip


def outcome(budget: Budget, page: Page, option: UnitOption | None) -> Readable | Refused:
    """What importing ``page`` must give: the truth's file, or a refusal for its reasons."""
    reasons = tuple(r for check in REFUSALS if (r := check(budget, page, option)) is not None)
    if reasons:
        return Refused(reasons)
    return Readable(page.truth.fields(budget.years, page.description()))


# --- the page's blocks -----------------------------------------------------------------------

NOTE = "Note: - (minus) = mindreudgift/merindtægt eller personaleudskæring (under personalemæssige konsekvenser)"
TRUTH_ROLES = ("operating", "area", "inside", "outside", "construction")


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
        if layout.total_row_wrong:
            total[budget.years[0]] += 1
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


def _cell_text(
    column: Column, values: dict[int, Decimal] | None, figures: Figures, wrong: bool
) -> str:
    """A body cell: a year's figure, the total of the years a total column covers (off by
    one if ``wrong``), a reference or later year's figure (any), another column's text."""
    if column.kind == "other":
        return "jf. bilag" if values and column.header == "Bemærkning" else ""
    if values is None or not any(written(v, figures) for v in values.values()):
        return ""
    if column.kind == "year":
        return written(values[column.year], figures)
    if column.kind == "total":
        total = sum((values[y] for y in column.covers), Decimal(0)) + (1 if wrong else 0)
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


def _body_rows(budget: Budget, page: Page) -> list[tuple[str, tuple[Cell, ...]]]:
    """Each body row's role and cells, before any trick ("Ændringsforslag" one cell across
    the table if the layout says so); a wrong total column is wrong in the first row with
    figures."""
    layout = page.layout
    shown = shown_values(budget, page.truth, layout)
    texts = year_cell_texts(budget, page.truth, layout)
    first = next((r.role for r in layout.rows if any(texts.get(r.role, {}).values())), None)
    rows = []
    for row in layout.rows:
        if row.role == "heading" and layout.heading_across:
            rows.append((row.role, (cell(row.label, span=len(layout.columns) + 1),)))
            continue
        wrong = row.role == first
        cells = [
            _cell_text(c, shown.get(row.role), layout.figures, wrong and c.wrong)
            for c in layout.columns
        ]
        rows.append((row.role, (cell(row.label), *(cell(t) for t in cells))))
    return rows


def _run_trick(tc: Cell, kind: str) -> Cell:
    """A cell's text with a run trick inside it (at its middle)."""
    text = tc.seen()
    at = max(1, len(text) // 2)
    head, tail = text[:at], text[at:]
    pieces = {
        "split": (Piece(head), Piece(tail)),
        "split-label": (Piece(head), Piece(tail)),
        "hidden": (Piece(head), Piece("7", "hidden"), Piece(tail)),
        "hidden-label": (Piece(head), Piece("skjult ", "hidden"), Piece(tail)),
        "deleted": (Piece(head), Piece("4", "deleted"), Piece(tail)),
        "inserted": (Piece(head), Piece(tail, "inserted")),
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


def economic_table(budget: Budget, page: Page) -> Table:
    """The table "Økonomiske konsekvenser" with the page's columns, rows and tricks."""
    rows = [("header", h) for h in _header_rows(budget, page.layout)] + _body_rows(budget, page)
    for trick in page.layout.tricks:
        if trick.kind in RUN_TRICKS:
            at = next(i for i, (role, _) in enumerate(rows) if role == trick.role)
            role, cells = rows[at]
            altered = list(cells)
            altered[trick.column + 1] = _run_trick(cells[trick.column + 1], trick.kind)
            rows[at] = (role, tuple(altered))
    grid = [t for t in page.layout.tricks if t.kind in GRID_TRICKS]
    return Table(tuple(_grid_trick(rows, grid[0]) if grid else [Row(cells) for _, cells in rows]))


def _fte(value: Decimal | None, dash: str) -> str:
    if not value:
        return ""
    return (dash if value < 0 else "") + danish_number(value, ".")


def staffing_table(page: Page) -> Table:
    """The staffing table: the years' header, the positions now and the change (empty when
    the truth has none)."""
    layout, staffing = page.layout.staffing, page.truth.staffing
    baseline = (staffing.baseline if staffing else None) or {}
    change = staffing.change if staffing else {}
    dash = page.layout.figures.dash
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


def page_blocks(budget: Budget, page: Page) -> list[Block]:
    """The page as Word holds it: heading, header table, the economic table under its title,
    the staffing table, the description with its a)/b) lines."""
    layout = page.layout
    blocks: list[Block] = [paragraph(layout.heading, heading=True)]
    blocks.append(Table(tuple(Row((cell(label), cell(value))) for label, value in layout.header)))
    blocks.append(paragraph(layout.table_title))
    blocks += [paragraph(s.text) for s in layout.statements if s.place == "above"]
    blocks.append(economic_table(budget, page))
    blocks += [paragraph(NOTE)] if layout.note else []
    blocks += [paragraph("Budgetmæssig implementering"), paragraph("Personalemæssige konsekvenser")]
    blocks += [staffing_table(page)] if layout.staffing.shown else []
    blocks.append(paragraph(layout.description_heading))
    blocks += [paragraph(p) for p in page.truth.paragraphs]
    blocks += [paragraph(line.text) for line in layout.lines]
    return blocks


# --- documents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A generated document: its budget, its pages, the form it is saved in, ``--unit``."""

    budget: Budget
    form: str
    option: UnitOption | None
    pages: tuple[Page, ...]
    text_form: TextForm

    @property
    def name(self) -> str:
        return "forslag.docx" if self.form == "docx" else "forslag.txt"

    def blocks(self) -> list[Block]:
        return [block for page in self.pages for block in page_blocks(self.budget, page)]

    def data(self) -> bytes:
        """The document's bytes, as Word saves it."""
        if self.form == "docx":
            return to_docx(self.blocks())
        return to_text(self.blocks(), self.text_form)

    def args(self) -> list[str]:
        """The options of the import: ``--unit`` if given."""
        return ["--unit", self.option.text] if self.option else []

    def outcomes(self) -> list[Readable | Refused]:
        return [outcome(self.budget, page, self.option) for page in self.pages]


@st.composite
def pages(draw: Draw, budget: Budget, form: str, option: UnitOption | None) -> Page:
    truth = draw(truths(budget))
    return Page(truth, draw(layouts(budget, truth, form, option)))


@st.composite
def documents(draw: Draw, forms: Sequence[str] = ("docx", "text")) -> Document:
    """A budget and one to three pages of it, saved as .docx or text, imported with
    ``--unit`` now and then."""
    budget = draw(budgets())
    form = pick(draw, forms)
    option = None
    if chance(draw, 25):
        scale = pick(draw, (1000, 1000, 1, 1_000_000))
        option = UnitOption(scale, pick(draw, UNIT_OPTIONS[scale]))
    found = draw(st.lists(pages(budget, form, option), min_size=1, max_size=3))
    text_form = TextForm(pick(draw, ("\n", "\r\n")), chance(draw, 20))
    return Document(budget, form, option, tuple(found), text_form)
