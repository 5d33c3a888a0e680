"""The allocation lines of a proposal page ("Funktionsområde", "Omkostningssted/PSP-element")
read into codes and amounts, for ``template``.

A line lists codes, each with its amount in parentheses ("053026-1-001 (500 t.kr.) og
053028-1-1001 (100 t.kr.)", "XG-3703170001-1 (-1,2 mio.) - XG-3701110005-1 (+0,5 mio.)"), or one
code alone, which books the whole change. An amount written without a sign, or as two figures
("3709710005 (100/600 t.kr.)": one in the budget year, the other after), can be read more than
one way: the reading whose amounts add up to the economic table's change in every year is
taken, and said in ``notes``; if none does, or more than one, the line is left out and said.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from budgetcli.core.diagnostics import Said, said
from budgetcli.core.lazyclasses import dataclass, field
from budgetcli.word import danish
from budgetcli.word.components import compact
from budgetcli.word.danish import THOUSANDS

#: a code of the chart of accounts: five digits or more (a year is not one), optionally a
#: prefix (``XG-``) and parts (``-1-001``)
CODE = re.compile(r"(?<![\w.,])(?:[A-Z]{1,4}-)?\d{5,}(?:-\d+)*(?!\w)")
#: an appendix named after the codes: "- Se bilag"
_APPENDIX = re.compile(r"[-–,\s]*\(?\s*se\s+bilag\s*\)?[.,\s]*$", re.IGNORECASE)
#: at most this many readings of a line are tried
MOST_READINGS = 4096


@dataclass
class Read:
    lines: dict[str, Any] = field(default_factory=dict)
    problems: list[Said] = field(default_factory=list)


#: what is stripped around a code's segment as a message quotes it
_AROUND = " ,;/-–"


def read_allocations(
    text: str, years: Sequence[int], net: dict[int, int], notes: list[str], into: int = THOUSANDS
) -> Read:
    """The codes and amounts (in the unit ``into``) a line states, reconciled with the change
    ``net``; or why the line is not read."""
    text = _APPENDIX.sub("", text)
    found = list(CODE.finditer(text))
    if not found:
        return Read(problems=[said("no code in '{text}': the allocations are not read", text=text)])
    entries: list[tuple[str, list[dict[int, int]] | None, str]] = []
    for n, match in enumerate(found):
        segment = text[match.end() : found[n + 1].start() if n + 1 < len(found) else len(text)]
        readings = _readings(segment, years, into)
        if isinstance(readings, Said):
            message = said("{code}: {why}: the line is not read", code=match.group(), why=readings)
            return Read(problems=[message])
        entries.append((match.group(), readings, segment.strip(" ,;/-–og").strip("()")))
    if all(r is None for _, r, _ in entries):
        if len(entries) == 1:
            code = entries[0][0]
            return Read({code: compact(net, years)})
        codes = ", ".join(c for c, _, _ in entries)
        message = said(
            "{codes} are given without amounts: how the change splits is not said", codes=codes
        )
        return Read(problems=[message])
    if any(r is None for _, r, _ in entries):
        bare = ", ".join(c for c, r, _ in entries if r is None)
        message = said(
            "{codes} given without an amount beside codes with one: the line is not read",
            codes=bare,
        )
        return Read(problems=[message])
    return _reconciled([(c, r or [], w) for c, r, w in entries], years, net, notes)


def _readings(segment: str, years: Sequence[int], into: int) -> list[dict[int, int]] | Said | None:
    """The ways the amount after a code can be read (None: no amount; a text: why not)."""
    figures = [f for _, _, f in danish.figures_in(segment, into=into)]
    for figure in figures:
        if isinstance(figure, danish.Refused):
            return figure.why
    amounts = [f for f in figures if isinstance(f, danish.Amount)]
    if amounts and (year := re.search(r"(?<!\d)(?:19|20|21)\d\d(?!\d)", segment)):
        return said(
            "'{segment}' names the year {year} beside the amount, which import does not read "
            "for an allocation: give the code's amount for every year, or leave the line out "
            "and book it by hand",
            segment=segment.strip(_AROUND),
            year=year.group(),
        )
    if not amounts:
        if re.search(r"\d", segment):
            return said(
                "'{segment}' has a figure without a unit (t.kr., mio. kr.)",
                segment=segment.strip(_AROUND),
            )
        return None
    if len(amounts) > 2:
        return said("{count} amounts for one code", count=len(amounts))
    signs = [1] if all(a.signed for a in amounts) else [1, -1]
    first, rest = years[0], list(years[1:])
    orders = [tuple(amounts)] if len(amounts) == 1 else [tuple(amounts), tuple(reversed(amounts))]
    out = []
    for sign, order in itertools.product(signs, orders):
        if len(order) == 1:
            out.append(dict.fromkeys(years, sign * order[0].value))
        else:
            out.append({first: sign * order[0].value, **dict.fromkeys(rest, sign * order[1].value)})
    return out


def _reconciled(
    entries: list[tuple[str, list[dict[int, int]], str]],
    years: Sequence[int],
    net: dict[int, int],
    notes: list[str],
) -> Read:
    """The one reading of every entry whose sum is the change in every year; failing that,
    the amounts as written if each can be read one way only (the difference is ``validate``'s
    to say), else the line left out."""
    count = 1
    for _, readings, _ in entries:
        count *= len(readings)
    if count > MOST_READINGS:
        message = said("too many amounts without a sign to tell which reading adds up")
        return Read(problems=[message])
    fits = [
        combo
        for combo in itertools.product(*(r for _, r, _ in entries))
        if all(sum(s[y] for s in combo) == net.get(y, 0) for y in years)
    ]
    if len(fits) == 1:
        (combo,) = fits
        for (code, readings, written), chosen in zip(entries, combo, strict=True):
            if len(readings) > 1:
                notes.append(
                    f'{code} is given as "{written}" and read as {_shown(chosen, years)}: of '
                    "the ways to read it, the one that adds up to the economic table's change."
                )
        return Read(
            {code: compact(s, years) for (code, _, _), s in zip(entries, combo, strict=True)}
        )
    if count == 1:
        return Read({code: compact(r[0], years) for code, r, _ in entries})
    if not fits:
        message = said(
            "the amounts can be read more than one way (a sign not written, or two figures for "
            "one code), and no reading of them add up to the change: the line is not read"
        )
    else:
        message = said(
            "the amounts can be read more than one way (a sign not written, or two figures for "
            "one code), and {count} readings of them add up to the change: the line is not read",
            count=len(fits),
        )
    return Read(problems=[message])


def _shown(series: dict[int, int], years: Sequence[int]) -> str:
    value = compact(series, years)
    if isinstance(value, int):
        return f"{value} every year"
    return ", ".join(f"{y}: {v}" for y, v in value.items())
