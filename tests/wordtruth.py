"""The truth of the round trip of ``budgetcli import`` (issue 23): a budget (``areas.yaml``)
and a proposal of it as a page states it (``Truth``), generated (``budgets``, ``truths``), with
the helpers every generator of ``wordgen`` draws with: ``chance`` and ``pick`` for what any
proposal may be, ``maybe`` and ``vary`` for the features of a ``Mix`` (so a census can vary
one feature at a time, all others as the template has them).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise
from typing import Any, TypeVar

from hypothesis import strategies as st

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


def chance(draw: Draw, percent: int) -> bool:
    """True ``percent`` times in a hundred; shrinks to False (a feature away)."""
    return bool(draw(st.integers(0, 99)) >= 100 - percent)


def pick(draw: Draw, options: Sequence[T]) -> T:
    """One of ``options`` (shrinks to the first)."""
    return draw(st.sampled_from(options))  # type: ignore[no-any-return]


#: the features of a generated page a ``Mix`` may vary (``wordlayout`` draws each; a page
#: whose features are all off is a page of the template as it is filled in today)
FEATURES = (
    # the budget and the truth
    "data-unit", "area-codes", "kind", "title",
    # the heading and the header
    "heading-word", "heading-form", "heading-period", "header-labels", "misspelt",
    "header-order", "date-form", "date-split", "date-invalid", "unknown-area",
    "allocation-forms",
    # the unit
    "unit-place", "unit-words", "unit-missing", "unit-option", "unit-twice", "unit-other",
    "table-scale",
    # the columns
    "year-headers", "two-row", "year-missing", "year-twice", "year-late", "column-reference",
    "column-total", "column-total-wrong", "column-other", "column-order",
    # the rows and the figures
    "row-labels", "row-omitted", "row-heading-across", "row-breakdown", "row-unknown",
    "row-order", "total-row-wrong", "total-with-construction", "figure-dash", "figure-group",
    "figure-plus", "figure-zero", "off-unit",
    # a .docx's runs and grid (``span`` in a text too)
    "trick-split", "trick-hidden", "trick-deleted", "trick-inserted", "trick-white",
    "trick-tiny", "trick-hidden-label", "trick-split-label", "trick-span", "trick-shift",
    "trick-after", "trick-vmerge", "trick-realign",
    # the a)/b) lines, the staffing table, the description, the text form
    "period-phrases", "period-unknown", "period-outside", "line-forms", "staffing-layout",
    "description-heading", "note", "text-form",
)  # fmt: skip


@dataclass(frozen=True)
class Mix:
    """Which features vary (``None``: every one), and whether a feature that varies is there
    at least half the time (``boost``: a census of one feature) or at its usual rate."""

    only: frozenset[str] | None = None
    boost: bool = False

    def on(self, feature: str) -> bool:
        assert feature in FEATURES, feature
        return self.only is None or feature in self.only


#: every feature varies, each at its usual rate
ALL = Mix()


def maybe(draw: Draw, mix: Mix, feature: str, percent: int) -> bool:
    """Whether ``feature`` is there: ``percent`` times in a hundred if the mix varies it
    (at least half the time if it boosts it), else never."""
    if not mix.on(feature):
        return False
    return chance(draw, max(percent, 50) if mix.boost else percent)


def vary(draw: Draw, mix: Mix, feature: str, options: Sequence[T]) -> T:
    """One of ``options`` if the mix varies ``feature``, else the first (the template's
    own); boosted, another than the first at least half the time."""
    if not mix.on(feature) or len(options) == 1:
        return options[0]
    if mix.boost and chance(draw, 50):
        return pick(draw, [o for o in options if o != options[0]] or options)
    return pick(draw, options)


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
def area_codes(draw: Draw, mix: Mix) -> str:
    """A budget area's code: ``B60.30.10``; or (``area-codes``) ``60.30.10``, ``5.30.27``."""
    groups = [draw(st.integers(10, 99)) for _ in range(2)]
    form = vary(draw, mix, "area-codes", ("B", "B", "digits", "short"))
    if form == "B":
        return f"{pick(draw, 'BAX')}{draw(st.integers(10, 99))}.{groups[0]}.{groups[1]}"
    if form == "digits":
        return f"{draw(st.integers(10, 99))}.{groups[0]}.{groups[1]}"
    return f"{draw(st.integers(1, 9))}.{groups[0]}.{groups[1]}"


@st.composite
def budgets(draw: Draw, mix: Mix = ALL) -> Budget:
    """Four years from 2020-2035 on, a unit (1.000 kr.; ``data-unit``: mostly, else kr. or
    mio. kr.), one to six areas of one to three committees."""
    first = draw(st.integers(2020, 2035))
    unit = vary(draw, mix, "data-unit", ("1000 DKK", "1000 DKK", "1000 DKK", "DKK", "1000000 DKK"))
    codes = draw(st.lists(area_codes(mix), min_size=1, max_size=6, unique=True))
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
        value: int = draw(amounts(budget, big).filter(bool))
        return dict.fromkeys(budget.years, value)
    found = {y: draw(amounts(budget, big)) for y in budget.years if draw(st.booleans())}
    found = {y: v for y, v in found.items() if v}
    if nonzero and not found:
        found[pick(draw, budget.years)] = draw(amounts(budget, big).filter(bool))
    return found


@st.composite
def stretches(
    draw: Draw, budget: Budget, mix: Mix, sign: int, alone: bool = False
) -> tuple[Stretch, ...]:
    """The amounts of an a)/b) line (``sign``: -1 a saving, 1 an investment), each for years
    a period phrase can state: every year; or (``period-phrases``) one year, a few, a range,
    from a year on, or two or three stretches of years one after the other (unless
    ``alone``)."""
    years = budget.years
    count = 1 if alone else vary(draw, mix, "period-phrases", (1, 1, 2, 3))
    if count == 1:
        chosen = vary(draw, mix, "period-phrases", ("all", "one", "few", "range", "on"))
        if chosen == "all":
            spans = [years]
        elif chosen == "one":
            spans = [(pick(draw, years),)]
        elif chosen == "few":
            few = st.lists(st.sampled_from(years), min_size=2, max_size=3, unique=True)
            spans = [tuple(sorted(draw(few)))]
        else:
            start = draw(st.integers(0, 2))
            end = 4 if chosen == "on" else draw(st.integers(start + 2, 4))
            spans = [years[start:end]]
    else:
        cuts = st.lists(st.integers(1, 3), min_size=count - 1, max_size=count - 1, unique=True)
        bounds = [0, *sorted(draw(cuts)), 4]
        spans = [years[a:b] for a, b in pairwise(bounds)]
    size = st.integers(1, 20_000_000 // budget.kroner)
    return tuple(Stretch(sign * draw(size), span) for span in spans)


@st.composite
def components(draw: Draw, budget: Budget, mix: Mix) -> tuple[tuple[Stretch, ...], ...]:
    """The a) saving, b) investment and its running costs: each may be missing."""
    savings = draw(stretches(budget, mix, -1)) if chance(draw, 70) else ()
    investments = draw(stretches(budget, mix, 1)) if chance(draw, 50) else ()
    running = ()
    if investments and chance(draw, 30):
        running = draw(stretches(budget, mix, 1, alone=True))
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
def titles(draw: Draw, mix: Mix) -> str:
    """A title: Danish words; (``title``) maybe a text YAML would misread, digits, symbols at
    its ends."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
    if maybe(draw, mix, "title", 25):
        words.insert(draw(st.integers(0, len(words))), pick(draw, TRICKY))
    if maybe(draw, mix, "title", 10):
        words = [pick(draw, TRICKY)]
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if maybe(draw, mix, "title", 20):
        text = pick(draw, SYMBOLS) + text
    if maybe(draw, mix, "title", 20):
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
        value: Decimal = draw(hundredths.filter(bool))
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
def truths(draw: Draw, budget: Budget, mix: Mix = ALL) -> Truth:
    """A proposal of ``budget`` that ``validate`` finds no error in: its committee is its
    areas', its components add up to the change, its allocations too."""
    years = budget.years
    kind = vary(
        draw, mix, "kind", ("reduction", "reduction", "expansion", "construction", "technical")
    )
    first = pick(draw, budget.areas)
    same = [a for a in budget.areas if a.committee == first.committee and a != first]
    areas = [first] + ([pick(draw, same)] if same and chance(draw, 25) else [])
    savings, investments, running = draw(components(budget, mix))
    stated = [*savings, *investments, *running]
    net = {y: sum(s.amount for s in stated if y in s.years) for y in years} if stated else None
    inside, outside = draw(changes(budget, net))
    truth = Truth(
        title=draw(titles(mix)),
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
