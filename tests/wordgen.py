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

The strategies: ``documents(mix)``; ``wordtruth.budgets``, ``wordtruth.truths``,
``wordlayout.layouts``. A ``Mix`` says which features vary (``FEATURES``; by default all of
them): a census varies one at a time, all others as the template has them. The blocks of a page:
``wordlayout.page_blocks``; a document's bytes: ``Document.data`` (``wordpage``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from hypothesis import strategies as st

from .wordlayout import (
    UNIT_OPTIONS,
    Layout,
    UnitOption,
    first_figure_row,
    layouts,
    page_blocks,
    read_cell_texts,
)
from .wordpage import Block, TextForm, to_docx, to_text
from .wordtruth import ALL, FEATURES, Budget, Draw, Mix, Truth, budgets, maybe, pick, truths, vary

__all__ = ["ALL", "FEATURES", "Mix", "Page", "documents", "outcome"]

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
    "repeat": ("same proposal",),
    "english": ("english", "decimal"),
    "year": ("year", "column"),
    "total": ("total", "i alt", "sum", "add up"),
    "row": ("row", "label", "read"),
    # in Word's text a merged cell is one cell fewer: the figures after it shift, which shows
    # first as a missing cell or as a total that is not the sum of its years
    "merged": ("merge", "span", "cell", "column", "total"),
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


#: a figure a spreadsheet in English would write with a thousands comma ("1,500"): in a table
#: of kr. or 1.000 kr., or ending ",000" in any, the contract refuses it (Danish 1,5 or English
#: 1.500?)
_ENGLISH = re.compile(r"[-+\u2013\u2212]?[1-9][0-9]{0,2},[0-9]{3}")


def english_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """No figure of the table that may be English thousands."""
    cells = [t.strip() for t in read_cell_texts(budget, page.truth, page.layout)]
    fine = page.layout.scale <= 1000
    doubtful = any(_ENGLISH.fullmatch(c) and (fine or c.endswith(",000")) for c in cells)
    return "english" if doubtful else None


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
    wrong = any(c.kind == "total" and c.wrong for c in layout.columns)
    wrong_column = wrong and first_figure_row(budget, page.truth, layout) is not None
    wrong_row = layout.total_row_wrong and any(r.role == "total" for r in layout.rows)
    return "total" if wrong_column or wrong_row else None


def row_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """A row of a label the contract does not read holds no figure."""
    return "row" if any(r.role == "unknown" for r in page.layout.rows) else None


def invisible_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """What a person does not see is not read (hidden, deleted); what is there but not seen
    (white, 1 pt) refuses the page."""
    invisible = ("white", "tiny", "deleted", "inserted")  # deleted, inserted: tracked changes
    return "invisible" if any(t.kind in invisible for t in page.layout.tricks) else None


def merge_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """A year cell merged, missing or continuing a vertical merge in a row with figures
    refuses the page; a row re-aligned by gridBefore is read. (A page with an invisible
    cell too is refused for either reason: the importer may name the one it meets first.)"""
    for trick in page.layout.tricks:
        if trick.kind == "span" and _span_unseen(page, trick.column):
            continue
        if trick.kind in ("span", "shift", "vmerge"):
            return "merged"
        if trick.kind == "after" and page.layout.columns[-1].kind in ("year", "total", "late-year"):
            return "merged"
    return None


def _span_unseen(page: Page, column: int) -> bool:
    """A merge of the last two columns, in Word's text, where the last is not read: the text
    has one cell fewer at the end, and every figure still stands under its year."""
    columns = page.layout.columns
    last = columns[-1].kind not in ("year", "total", "late-year")
    return page.layout.form == "text" and column == len(columns) - 2 and last


def period_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """Every amount of an a)/b) line states a period of the contract's table, within the
    budget."""
    known = all(p == "known" for line in page.layout.lines for p in line.periods)
    return None if known else "period"


def date_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """A date-like value is a date of the calendar, with its day and year."""
    writing = page.layout.header.date
    return None if writing is None or writing.valid() else "date"


def area_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """A code like B60.30.10 that areas.yaml lacks refuses the page (no --add-areas)."""
    return "area" if page.layout.header.unknown_area else None


def allocation_refusal(budget: Budget, page: Page, option: UnitOption | None) -> str | None:
    """An allocation line is read one way: of the readings of its unsigned amounts (either
    sign), exactly one adds up to the change."""
    net = page.truth.net(budget.years)[budget.years[0]]
    for line in page.layout.header.allocations:
        if not line.entries:
            continue
        choices = [[a] if signed else [abs(a), -abs(a)] for a, signed in line.entries]
        if sum(1 for combo in product(*choices) if sum(combo) == net) != 1:
            return "allocation"
    return None


#: every feature's verdict, in the order a reader meets them
REFUSALS: tuple[Callable[[Budget, Page, UnitOption | None], str | None], ...] = (
    heading_refusal, date_refusal, area_refusal, allocation_refusal, unit_refusal,
    year_column_refusal, whole_refusal, english_refusal, total_refusal, row_refusal, invisible_refusal,
    merge_refusal, period_refusal,
)  # fmt: skip


def outcome(budget: Budget, page: Page, option: UnitOption | None) -> Readable | Refused:
    """What importing ``page`` must give: the truth's file, or a refusal for its reasons."""
    reasons = tuple(r for check in REFUSALS if (r := check(budget, page, option)) is not None)
    if reasons:
        return Refused(reasons)
    return Readable(page.truth.fields(budget.years, page.description()))


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
        return [b for p in self.pages for b in page_blocks(self.budget, p.truth, p.layout)]

    def data(self) -> bytes:
        """The document's bytes, as Word saves it."""
        if self.form == "docx":
            return to_docx(self.blocks())
        return to_text(self.blocks(), self.text_form)

    def args(self) -> list[str]:
        """The options of the import: ``--unit`` if given."""
        return ["--unit", self.option.text] if self.option else []

    def outcomes(self) -> list[Readable | Refused]:
        """Each page's outcome; a readable page that states the proposal of a readable page
        before it (its fields but the description) is refused: it would be counted twice."""
        found: list[Readable | Refused] = []
        seen: list[dict[str, Any]] = []
        for page in self.pages:
            result = outcome(self.budget, page, self.option)
            if isinstance(result, Readable):
                same = {k: v for k, v in result.fields.items() if k != "description"}
                if same in seen:
                    result = Refused(("repeat",))
                else:
                    seen.append(same)
            found.append(result)
        return found


@st.composite
def pages(draw: Draw, mix: Mix, budget: Budget, form: str, option: UnitOption | None) -> Page:
    truth = draw(truths(budget, mix))
    return Page(truth, draw(layouts(mix, budget, truth, form, option)))


@st.composite
def documents(draw: Draw, mix: Mix = ALL, forms: Sequence[str] = ("docx", "text")) -> Document:
    """A budget and one to three pages of it, saved as .docx or text (``forms``), imported
    with ``--unit`` now and then (``unit-option``), each feature ``mix`` varies drawn."""
    budget = draw(budgets(mix))
    form = pick(draw, forms)
    option = None
    if maybe(draw, mix, "unit-option", 25):
        scale = pick(draw, (1000, 1000, 1, 1_000_000))
        option = UnitOption(scale, pick(draw, UNIT_OPTIONS[scale]))
    found = draw(st.lists(pages(mix, budget, form, option), min_size=1, max_size=3))
    newline = vary(draw, mix, "text-form", ("\n", "\r\n"))
    return Document(
        budget, form, option, tuple(found), TextForm(newline, maybe(draw, mix, "text-form", 20))
    )
