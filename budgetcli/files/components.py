"""The a)/b) lines of a proposal page ("a) Besparelsespotentiale (-1,0 mio. kr. i 2024 og
frem)", "b) Investering (0,5 mio. kr.)") read into components, for ``template``.

A line is a saving or an investment by its word; each figure in it, with its unit, holds for
the years the words after it say: "i 2024" (that year), "i 2024-2027", "fra 2025 og frem" /
"i 2024 og frem" (that year on), "i efterfølgende år" (the years after those already named),
"årlige …" before it, or nothing (every year: the documents write a running figure so). The
sign follows the convention (a saving ≤ 0, an investment ≥ 0) whatever the line writes; a sign
that disagrees is said in ``notes``. Running costs ("driftsudgifter") in an investment line
are a component of their own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from budgetcli.files import danish

LABELS = {"saving": "Besparelsespotentiale", "investment": "Investering"}
RUNNING = "Driftsudgifter"
_ON = re.compile(r"^\s*(?:i|fra)\s+(\d{4})\s+og\s+frem", re.IGNORECASE)
_RANGE = re.compile(r"^\s*i\s+(\d{4})\s*[-–]\s*(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"^\s*(?:i|fra)\s+(\d{4})\b", re.IGNORECASE)
_AFTER = re.compile(r"^\s*i\s+(?:de\s+)?efterfølgende\s+år", re.IGNORECASE)


def read_components(
    lines: Sequence[str], years: Sequence[int], net: dict[int, int], notes: list[str]
) -> list[dict[str, Any]] | tuple[int, str]:
    """The components the lines state, or the line that cannot be read and why (then none
    is kept)."""
    found: list[dict[str, Any]] = []
    for n, line in enumerate(lines):
        kind = "saving" if re.search(r"besparel", line, re.IGNORECASE) else "investment"
        read = _line(line, kind, years, notes)
        if isinstance(read, str):
            return n, read
        found += read
    return found


def _line(
    text: str, kind: str, years: Sequence[int], notes: list[str]
) -> list[dict[str, Any]] | str:
    figures = danish.figures_in(text)
    if not figures:
        return f"no amount with a unit in '{text}' (e.g. 0,5 mio. kr.): the components are not read"
    series: dict[str, dict[int, int]] = {}
    named: list[int] = []
    for n, (start, end, figure) in enumerate(figures):
        if isinstance(figure, danish.Refused):
            return f"'{text}': {figure.reason}: the components are not read"
        following = text[end : figures[n + 1][0] if n + 1 < len(figures) else len(text)]
        before = text[figures[n - 1][1] if n else 0 : start]
        label = (
            RUNNING if kind == "investment" and "driftsudgift" in before.lower() else LABELS[kind]
        )
        span = _years(following, before, years, named)
        named += span
        value = -abs(figure.value) if kind == "saving" else abs(figure.value)
        if figure.signed and value != figure.value and figure.value:
            notes.append(
                f"'{text.strip()}' gives {figure.text} as {'a saving' if kind == 'saving' else 'an investment'}; "
                f"it is written {value} here, by the sign convention (a saving ≤ 0, an investment ≥ 0)."
            )
        elif not figure.signed and kind == "saving" and figure.value:
            pass  # a saving written without its minus: the convention's sign, nothing to say
        series.setdefault(label, {}).update(dict.fromkeys(span, value))
    return [
        {"type": kind, "label": label, "amounts": compact(amounts, years)}
        for label, amounts in series.items()
        if any(amounts.values())
    ]


def _years(following: str, before: str, years: Sequence[int], named: list[int]) -> list[int]:
    """The budget years a figure holds for, from the words after it (and "årlig" before)."""
    if m := _ON.match(following):
        return [y for y in years if y >= int(m[1])]
    if m := _RANGE.match(following):
        return [y for y in years if int(m[1]) <= y <= int(m[2])]
    if m := _YEAR.match(following):
        return [y for y in years if y == int(m[1])]
    if _AFTER.match(following) and named:
        return [y for y in years if y > max(named)]
    return list(years)  # "årlige …", or no year: every year's


def compact(series: dict[int, Any], years: Sequence[int]) -> Any:
    """A series as a file writes it: one number when every budget year has it, else the
    years that are not 0."""
    values = [series.get(y, 0) for y in years]
    if len(set(values)) == 1 and values[0] != 0:
        return values[0]
    return {y: v for y, v in series.items() if v != 0}
