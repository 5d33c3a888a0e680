"""The a)/b) lines of a proposal page ("a) Besparelsespotentiale (-1,0 mio. kr. i 2024 og
frem)", "b) Investering (0,5 mio. kr.)") read into components, for ``template``.

A line is a saving or an investment by its words (``KINDS``); a line with figures but neither
word is description, not a component (noted). Each figure in it, with its unit, holds for the
years the words right after it state (``periods``), or every year when none are stated; a year
or a period word anywhere else in the line (before a figure, or after the phrase read) refuses
the line: it would be guessed. The sign follows the convention (a saving ≤ 0, an investment
≥ 0) whatever the line writes; a sign that disagrees is said in ``notes``. Running costs
("driftsudgifter") in an investment line are a component of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from budgetcli.core.diagnostics import Said, printable, said
from budgetcli.core.lazyclasses import dataclass
from budgetcli.word import danish

LABELS = {"saving": "Besparelsespotentiale", "investment": "Investering"}
RUNNING = "Driftsudgifter"
#: the words that make a line a saving or an investment
KINDS = (
    ("saving", re.compile(r"besparel|mindreudgift|merindt", re.IGNORECASE)),
    ("investment", re.compile(r"investering|driftsudgift|merudgift", re.IGNORECASE)),
)
_YEAR = r"(?:19|20|21)\d\d"
_Y = rf"({_YEAR})(?!\d)"
_TO = r"\s*(?:-|–|til)\s*"
_ON = r"(?:\s+og\s+frem(?:efter|over)?)?"
#: the period phrases read right after a figure, each with how it names its years
PERIODS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^\s*[)\]]?\s*{pattern}(?!\w)", re.IGNORECASE), kind)
    for pattern, kind in (
        (rf"i\s+{_Y}{_TO}((?:19|20|21)?\d\d)(?!\d)", "range"),
        (rf"(?:fra\s+og\s+med|f\.\s*o\.\s*m\.|fra)\s+{_Y}{_ON}", "on"),
        (rf"i\s+{_Y}\s+og\s+frem(?:efter|over)?", "on"),
        (rf"i\s+{_Y}(?:\s*,\s*{_YEAR})*\s+og\s+{_YEAR}(?!\d)", "list"),
        (rf"i\s+{_Y}", "year"),
        (r"i\s+budgetåret", "first"),
        (r"i\s+overslagsårene", "out"),
        (r"i\s+(?:de\s+)?efterfølgende\s+år", "after"),
        (r"(?:årligt?|om\s+året|pr\.?\s+år|per\s+år|varigt)", "every"),
    )
)
#: what reads like a period but is none of ``PERIODS``: a year, a period word
_PERIODISH = re.compile(
    r"(?<!\d)(?:19|20|21)\d\d(?!\d)|\b(?:halvår\w*|kvartal\w*|måned\w*|budgetår\w*|overslagsår\w*"
    r"|efterfølgende\s+år|fra\s+og\s+med|f\.o\.m\.)",
    re.IGNORECASE,
)


#: a number that is not a year: an amount written without its unit
_BARE_NUMBER = re.compile(r"(?<![\d.,])(?!(?:19|20|21)\d\d(?![\d.,]))\d[\d.,]*")


@dataclass(frozen=True)
class Period:
    """The years a figure holds for, and how much of the text after it says so."""

    years: list[int]
    length: int


def read_components(
    lines: Sequence[str], years: Sequence[int], into: int, notes: list[str]
) -> list[dict[str, Any]] | tuple[int, Said]:
    """The components the lines state (amounts in the unit ``into``), or the line that cannot
    be read and why (then none is kept)."""
    found: list[dict[str, Any]] = []
    for n, line in enumerate(lines):
        kind = next((k for k, words in KINDS if words.search(line)), None)
        figures = danish.figures_in(line, into=into)
        if kind is not None and not figures and _BARE_NUMBER.search(line):
            return (
                n,
                said(
                    "no amount with a unit in '{line}' (e.g. 0,5 mio. kr.): the components are "
                    "not read",
                    line=printable(line),
                ),
            )
        if kind is None or not figures:
            if figures:
                notes.append(
                    f"'{printable(line.strip())[:80]}' states an amount, but not whether it is "
                    "a saving or an investment: it is read as description, not as a component."
                )
            continue
        read = _line(line, kind, figures, years, notes)
        if isinstance(read, Said):
            return n, read
        found += read
    return found


def is_component_line(line: str) -> bool:
    """Whether a line of the description may state components: it names a saving or an
    investment."""
    return any(words.search(line) for _, words in KINDS)


def _line(
    text: str,
    kind: str,
    figures: list[tuple[int, int, danish.Amount | danish.Refused]],
    years: Sequence[int],
    notes: list[str],
) -> list[dict[str, Any]] | Said:
    series: dict[str, dict[int, int]] = {}
    named: list[int] = []
    if stray := _PERIODISH.search(text[: figures[0][0]]):
        shown = printable(figures[0][2].text)
        return _refused(
            text,
            said(
                "'{stray}' stands before the amount {amount}: write the years after it "
                "({amount} i 2025, fra 2026 …)",
                stray=printable(stray.group()),
                amount=shown,
            ),
        )
    for n, (start, end, figure) in enumerate(figures):
        if isinstance(figure, danish.Refused):
            return _refused(text, figure.why)
        following = text[end : figures[n + 1][0] if n + 1 < len(figures) else len(text)]
        period = _period(following, years, named)
        if isinstance(period, Said):
            return _refused(text, period)
        named += period.years
        before = text[figures[n - 1][1] if n else 0 : start]
        label = (
            RUNNING if kind == "investment" and "driftsudgift" in before.lower() else LABELS[kind]
        )
        value = -abs(figure.value) if kind == "saving" else abs(figure.value)
        if figure.signed and value != figure.value and figure.value:
            notes.append(
                f"'{text.strip()}' gives {figure.text} as {'a saving' if kind == 'saving' else 'an investment'}; "
                f"it is written {value} here, by the sign convention (a saving ≤ 0, an investment ≥ 0)."
            )
        series.setdefault(label, {}).update(dict.fromkeys(period.years, value))
    return [
        {"type": kind, "label": label, "amounts": compact(amounts, years)}
        for label, amounts in series.items()
        if any(amounts.values())
    ]


def _refused(text: str, why: Said) -> Said:
    return said("'{line}': {why}: the components are not read", line=printable(text), why=why)


def _period(following: str, years: Sequence[int], named: list[int]) -> Period | Said:
    """The budget years a figure holds for, from the words right after it (or nothing: every
    year), or why they cannot be read: a year or a word of a period in what follows that is
    not a phrase read (``PERIODS``), up to the next amount."""
    for pattern, kind in PERIODS:
        if match := pattern.match(following):
            chosen = _years(kind, match, years, named)
            if isinstance(chosen, Said):
                return chosen
            found = Period(chosen, match.end())
            break
    else:
        found = Period(list(years), 0)
    rest = following[found.length :]
    if _PERIODISH.search(rest):
        phrase = printable(re.split(r"[),;]", rest.strip(" ,;.)("))[0][:60].strip())
        return said(
            "'{phrase}' is not a period import reads (i 2025, i 2025 og 2026, i 2025-2027, fra "
            "2025, i budgetåret, i overslagsårene …): write the years the amount is for so",
            phrase=phrase,
        )
    return found


def _years(
    kind: str, match: re.Match[str], years: Sequence[int], named: list[int]
) -> list[int] | Said:
    """The years a period phrase names, or why they are not the budget's."""
    stated = [int(y) for y in re.findall(r"(?<!\d)\d{4}(?!\d)", match.group())]
    if kind == "range":
        last = match[2]
        end = int(last) if len(last) == 4 else int(match[1]) // 100 * 100 + int(last)
        stated = list(range(int(match[1]), end + 1))
    outside = [y for y in stated if y not in years]
    if outside and kind != "on":
        return said(
            "{year} is not a year of the budget ({first}-{last})",
            year=outside[0],
            first=years[0],
            last=years[-1],
        )
    chosen = {
        "range": stated,
        "list": stated,
        "year": stated,
        "on": [y for y in years if y >= (stated[0] if stated else years[0])],
        "first": list(years[:1]),
        "out": list(years[1:]),
        "after": [y for y in years if named and y > max(named)],
        "every": list(years),
    }[kind]
    if not chosen:
        return said(
            "'{phrase}' names no year of the budget", phrase=printable(match.group().strip())
        )
    return chosen


def compact(series: dict[int, Any], years: Sequence[int]) -> Any:
    """A series as a file writes it: one number when every budget year has it, else the
    years that are not 0."""
    values = [series.get(y, 0) for y in years]
    if len(set(values)) == 1 and values[0] != 0:
        return values[0]
    return {y: v for y, v in series.items() if v != 0}
