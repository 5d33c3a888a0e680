"""Dates as Danish documents write them, read strictly (``budgetcli import``'s "Dato og
kontaktperson").

Day first, always: ``22-6-23``, ``22-06-2023``, ``22.6.2023``, ``22/6-2023``, ``22/6 2023``,
``22. juni 2023``, ``22. jun. 2023``, ``d. 22. juni 2023``, ``den 22. juni 2023``; and ISO
``2023-06-22``. A year of two digits is 20xx. A text with something that looks like a date but
is not one of the calendar, or lacks its year or its day (``22. juni``, ``juni 2023``,
``22/6``), is refused with the reason: a guess would put a wrong date, or the whole text, in
the file. Pure functions of text.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from budgetcli.core.diagnostics import Said, printable, said
from budgetcli.core.lazyclasses import dataclass

#: the months by the first three letters of their Danish names
MONTHS = {
    name[:3]: number
    for number, name in enumerate(
        (
            "januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
            "september", "oktober", "november", "december",
        ),
        start=1,
    )
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uar)?|feb(?:ruar)?|mar(?:ts)?|apr(?:il)?|maj|jun(?:i)?|jul(?:i)?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_LEAD = r"(?:(?:d\.|den)\s*)?"
_DAY = r"(?<![\d.,])(?P<day>\d{1,2})"
_YEAR = r"(?P<year>\d{4}|\d{2})(?![\d])"
_FORMS = (
    re.compile(r"(?<![\d.,-])(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(rf"{_LEAD}{_DAY}\.?\s*{_MONTH}\s*{_YEAR}", re.IGNORECASE),
    re.compile(rf"{_LEAD}{_DAY}\s*[-./]\s*(?P<mon>\d{{1,2}})\s*(?:[-./]|\s)\s*{_YEAR}"),
)
#: what looks like a date but is not whole: a day and month without a year, a month and year
#: without a day
_PARTIAL = (
    re.compile(rf"{_DAY}\.?\s*{_MONTH}(?!\w)", re.IGNORECASE),
    re.compile(rf"(?<!\w){_MONTH}\s*(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
    re.compile(rf"{_DAY}\s*[./-]\s*(?P<mon>\d{{1,2}})(?![\d])"),
)


@dataclass(frozen=True)
class Dated:
    """A date read from a text, and the text without it (``contact``: stripped of the
    separators around the date)."""

    date: datetime.date
    rest: str


@dataclass(frozen=True)
class NotADate:
    """A date-like text that is refused: ``why`` says why and what to write (``reason``: its
    English)."""

    text: str
    why: Said

    @property
    def reason(self) -> str:
        return self.why.english


def date_in(text: str) -> Dated | NotADate | None:
    """The one date in ``text`` and the rest of it; ``None`` if nothing in it looks like a
    date; ``NotADate`` for a date that is not whole or not of the calendar, or two dates."""
    found = _apart(m for form in _FORMS for m in form.finditer(text))
    if len(found) > 1:
        first, second = (printable(m.group().strip()) for m in found)
        return NotADate(
            text,
            said(
                "'{first}', '{second}' are two dates: write one, day first (22-6-2023)",
                first=first,
                second=second,
            ),
        )
    if not found:
        partial = next((m for form in _PARTIAL for m in form.finditer(text)), None)
        if partial is None:
            return None
        written = printable(partial.group().strip())
        return NotADate(
            text,
            said(
                "'{written}' is not a whole date: write day, month and year (22-6-2023)",
                written=written,
            ),
        )
    (match,) = found
    date = _date(match)
    if isinstance(date, Said):
        return NotADate(text, date)
    rest = f"{text[: match.start()]} {text[match.end() :]}"
    return Dated(date, rest.strip(" \t\u00a0,;:-–—/").strip())


def _apart(matches: Iterator[re.Match[str]]) -> list[re.Match[str]]:
    """The first two matches that do not overlap one before them (the forms are tried in
    order, so ``2023-06-22`` is one ISO date, not also a day-month-year); two are enough to
    refuse, so a text of many dates is not compared with itself."""
    kept: list[re.Match[str]] = []
    for match in matches:
        if all(match.end() <= k.start() or k.end() <= match.start() for k in kept):
            kept.append(match)
            if len(kept) == 2:
                break
    return kept


def _date(match: re.Match[str]) -> datetime.date | Said:
    """The date a matched form names, or why it is none of the calendar."""
    parts = match.groupdict()
    year = int(parts["year"]) + (2000 if len(parts["year"]) == 2 else 0)
    month = MONTHS[parts["month"][:3].lower()] if parts.get("month") else int(parts["mon"])
    try:
        return datetime.date(year, month, int(parts["day"]))
    except ValueError:
        return said(
            "'{written}' is not a date of the calendar", written=printable(match.group().strip())
        )
