"""Figures as Danish municipalities' Word documents write them, read strictly (``budgetcli import``).

A proposal's document says ``1.200`` (in a table of "Beløb i 1.000 kr."), ``-1,3`` (FTE),
``–300`` with an en dash, ``0,5 mio. kr.``, ``-50.000 kr.``; the budget holds whole numbers of
1.000 kr. This module reads such a figure into that unit exactly, or refuses it with a reason
that says why and what to write instead. It reads the Danish way only: a dot groups thousands,
a comma is the decimal comma. A figure that could mean two things (``1.5``: an English decimal
point or a misplaced thousands dot; ``(500)``: a bookkeeping minus or a remark; a lone dash in a
table: 0 or nothing; ``1,0-1,5 mio.``: a range or a minus) is refused, and its reason names both
readings: a guess here would be a wrong amount in a budget.

Pure functions of text: no float (``int`` and ``Decimal``), nothing but the standard library
and ``budgetcli.core``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from budgetcli.core.diagnostics import Said, printable, said
from budgetcli.core.lazyclasses import dataclass

#: the typographic dashes and minus Word writes for a minus: ‐ ‑ ‒ – — − (``models._DASHES``)
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_SIGNS = "+-" + _DASHES
#: ÷, the minus of Danish bookkeeping: not one of the signs read, but refused with its fix (read
#: as nothing, ``÷0,5 mio.`` would be a plus)
_OBELUS = "\u00f7"
#: what may stand between thousands groups: a space, a no-break, a narrow no-break, a thin space
_SPACES = " \u00a0\u202f\u2009"
_SP = f"[{_SPACES}]"
_SIGN = f"[{re.escape(_SIGNS + _OBELUS)}]"
#: ``1.200,-``: the Danish way to say "whole kroner", no decimals
_WHOLE_MARK = f"[-{_DASHES}]"
#: a figure a spreadsheet in English writes with a thousands comma: ``-2,000``
_ENGLISH = re.compile(rf"[{re.escape(_SIGNS)}]?[1-9][0-9]{{0,2}},[0-9]{{3}}")
#: the most digits a figure may have: past any budget, and short of what ``int`` refuses to read
MAX_DIGITS = 100

_KR = r"kr(?:oner|\.)?"
#: the budget's usual unit, 1.000 kr., as a power of ten of kroner: the unit of an amount read
#: when no other is asked for (``into``)
THOUSANDS = 3
#: each unit's name as a reason names it, by its power of ten of kroner
UNIT_NAMES = {0: "kr.", 3: "1.000 kr.", 6: "mio. kr.", 9: "mia. kr."}
_SHORT_NAMES = {0: "kr.", 3: "t.kr.", 6: "mio. kr.", 9: "mia. kr."}
#: the units written after a figure, each with its worth as a power of ten of kroner
_UNITS: tuple[tuple[str, int], ...] = (
    (rf"t\.?{_SP}*{_KR}", 3),  # t.kr., t. kr., tkr., tkr, t.kr
    (rf"(?:mio|mill)\.?(?:{_SP}*{_KR})?", 6),  # mio. kr., mio., mio kr., mio, mill. kr.
    (rf"mia\.?(?:{_SP}*{_KR})?", 9),  # mia. kr.
    (_KR, 0),  # kr., kr, kroner
)
_UNIT = "|".join(f"({pattern})" for pattern, _ in _UNITS)
_UNIT_RE = re.compile(_UNIT, re.IGNORECASE)
#: "1.000 kr." names the unit itself, as a table's heading "Beløb i 1.000 kr." does: given as
#: ``unit`` only, since after a figure "50.000 kr." is fifty thousand kroner
_THOUSAND_KR = re.compile(rf"1[.{_SPACES}]?000{_SP}*{_KR}", re.IGNORECASE)

#: a figure's number as ``amount`` takes it: digits, dots, commas, spaces; the rest is its unit
_PIECE = rf"(?:[0-9.]|,(?!{_WHOLE_MARK}))"
_BODY = re.compile(rf"{_PIECE}*(?:{_SP}+{_PIECE}+)*(?:,{_WHOLE_MARK})?")
#: a number in a running text (its dots and commas between digits: a full stop is not its own)
_NUMBER = rf"[0-9]+(?:[.,][0-9]+)*+(?:,{_WHOLE_MARK})?"
_NUMBER_RE = re.compile(_NUMBER)
_FIGURE = rf"(?:{_SIGN}{_SP}*+)?{_NUMBER}(?:{_SP}{_NUMBER})*+"
_FIGURE_RE = re.compile(_FIGURE)
#: a text's figures followed by a unit, ``100/600 t.kr.`` sharing one. A figure begins at a sign
#: (its context is judged after) or at a digit not inside a number; not at a number that the
#: match at the number before it would hold (after "1 ", "1/"): so a text of many numbers is
#: read in one pass, not once from each of them
_AFTER_SLASH = rf"(?<!/)(?<!/{_SP})"
_GROUP = re.compile(
    rf"(?P<figures>(?:{_AFTER_SLASH}{_SIGN}{_SP}*+|{_AFTER_SLASH}(?<![0-9]{_SP})"
    rf"(?<![0-9.,{re.escape(_SIGNS + _OBELUS)}])){_NUMBER}(?:{_SP}{_NUMBER})*+"
    rf"(?:{_SP}*+/{_SP}*+{_FIGURE})*+){_SP}*+(?P<unit>{_UNIT})(?:(?<=\.)|(?!\w))",
    re.IGNORECASE,
)
_THOUSANDS_LEAD = re.compile("[1-9][0-9]{0,2}")
_THOUSANDS_GROUP = re.compile("[0-9]{3}")


@dataclass(frozen=True)
class Amount:
    """A figure read: ``value`` in the budget's unit, 1.000 kr. (``"0,5 mio. kr."`` is 500)."""

    value: int
    #: the figure as written (stripped), with its unit if it has one
    text: str
    #: a sign (+, - or a dash) was written: ``+0,5 mio.`` and ``-0`` are signed, ``500`` is not
    signed: bool


@dataclass(frozen=True)
class Refused:
    """A figure not read: ``why`` says why and what to write instead (one clause, no full
    stop, so that a caller can put it in a sentence of its own: a field of the caller's
    ``said``, said in the reader's language with it); ``reason`` is its English."""

    text: str
    why: Said

    @property
    def reason(self) -> str:
        return self.why.english


@dataclass(frozen=True)
class _Figure:
    """A figure's parts: its sign, its digits without separators (``places`` of them decimals),
    and what is written after it (a unit, or ``""``)."""

    negative: bool
    signed: bool
    digits: str
    places: int
    rest: str

    def times(self, power: int) -> Decimal:
        """The figure times ``10**power``, exactly (a ``Decimal`` made from digits rounds
        nothing)."""
        sign = "-" if self.negative else ""
        return Decimal(f"{sign}{self.digits}E{power - self.places}")


def amount(text: str, unit: str | None = None, *, into: int = THOUSANDS) -> Amount | Refused:
    """One amount, with an optional unit written after it (or ``unit``, a unit the caller knows
    from context, e.g. "mio." from "(-1,2 mio.)"; not also when ``text`` has its own: refused).
    Without any unit the figure is in 1.000 kr. (a table of "Beløb i 1.000 kr."). The result is
    a whole number of the unit ``into`` (a power of ten of kroner: the budget's unit, by default
    1.000 kr.) exactly, or refused: ``1.500 kr.`` is not rounded to 2."""
    written = text.strip()
    if not written:
        return Refused(written, said("the text is empty: write a figure, e.g. 1.200"))
    shown = printable(written)
    figure = _read(written, shown)
    if isinstance(figure, Said):
        return Refused(written, figure)
    power = _unit_power(figure.rest, unit, shown)
    if isinstance(power, Said):
        return Refused(written, power)
    return _in_unit(
        figure,
        power,
        into,
        written,
        shown if unit is None else f"{shown} {printable(unit.strip())}",
    )


def _in_unit(figure: _Figure, power: int, into: int, written: str, stated: str) -> Amount | Refused:
    """``figure``, written in the unit ``power``, as a whole number of the unit ``into``."""
    exact = figure.times(power - into)
    if exact != int(exact):
        unit = unit_name(into)
        if power == into:
            why = said("{figure} is not a whole number of {unit}", figure=stated, unit=unit)
        else:
            worth = f"{_danish(exact)} {_SHORT_NAMES.get(into, '')}"
            why = said(
                "{figure} is {worth}: not a whole number of {unit}",
                figure=stated,
                worth=worth,
                unit=unit,
            )
        return Refused(written, why)
    return Amount(int(exact), written, figure.signed)


def unit_name(power: int) -> str:
    """A unit by its power of ten of kroner, as a reason names it: ``1.000 kr.``."""
    return UNIT_NAMES.get(power, f"10^{power} kr.")


def fte(text: str) -> Decimal | Refused:
    """A number of full-time positions, as written: ``"-1,3"`` is ``Decimal("-1.3")``, ``"110"``
    is 110, ``"1.000"`` is 1000 (a dot groups thousands); at most two decimals, no unit."""
    written = text.strip()
    if not written:
        return Refused(
            written, said("the text is empty: write a number of full-time positions, e.g. 1,5")
        )
    shown = printable(written)
    figure = _read(written, shown)
    if isinstance(figure, Said):
        return Refused(written, figure)
    if figure.rest:
        return Refused(
            written,
            said(
                "'{figure}' has '{rest}' after the number: write the number of full-time "
                "positions alone",
                figure=shown,
                rest=printable(figure.rest),
            ),
        )
    if figure.places > 2:
        return Refused(written, _too_many_decimals(figure, shown))
    number = figure.times(0)
    return number.copy_abs() if number.is_zero() else number  # "-0" is no fewer positions


def _too_many_decimals(figure: _Figure, shown: str) -> Said:
    """Why an FTE figure with three decimals or more is refused; ``1,234`` may be English for
    1234, and the reason says so."""
    whole = figure.digits[: -figure.places]
    if figure.places == 3 and len(whole) <= 3:
        return said(
            "'{figure}' has {places} decimals: a number of full-time positions has at most two, "
            "e.g. 1,25 (if the comma groups thousands, write {thousands})",
            figure=shown,
            places=figure.places,
            thousands=".".join((whole, figure.digits[-3:])),
        )
    return said(
        "'{figure}' has {places} decimals: a number of full-time positions has at most two, "
        "e.g. 1,25",
        figure=shown,
        places=figure.places,
    )


def cell(text: str, unit: int = THOUSANDS, *, into: int = THOUSANDS) -> Amount | Refused | None:
    """A cell of an economic table whose unit is ``unit`` (a power of ten of kroner: the
    table's "Beløb i 1.000 kr."): ``None`` if empty (spaces only, a no-break space among them),
    else its amount as a whole number of the unit ``into``; a figure written with a unit of its
    own is read in that. A lone dash is refused: it may mean 0, or nothing."""
    written = text.strip()
    if not written:
        return None
    if len(written) == 1 and written in "-" + _DASHES:
        return Refused(
            written, said("a lone dash could mean 0 or nothing: write 0, or leave the cell empty")
        )
    shown = printable(written)
    if _ENGLISH.fullmatch(written) and (unit <= THOUSANDS or written.endswith(",000")):
        number = written.lstrip("+-" + _DASHES)
        return Refused(
            written,
            said(
                "'{figure}' may be English for {dotted} or Danish for a decimal {number}: write "
                "{dotted} (a dot groups thousands), or the decimal without its 0s",
                figure=shown,
                dotted=number.replace(",", "."),
                number=number,
            ),
        )
    figure = _read(written, shown)
    if isinstance(figure, Said):
        return Refused(written, figure)
    if figure.rest:
        return amount(written, into=into)
    stated = shown if unit == THOUSANDS else f"{shown} {_SHORT_NAMES.get(unit, unit_name(unit))}"
    return _in_unit(figure, unit, into, written, stated)


def figures_in(text: str, *, into: int = THOUSANDS) -> list[tuple[int, int, Amount | Refused]]:
    """Every figure followed by a unit in a running text, with its start and end offsets: in
    "053026-1-001 (500 t.kr.)" only the 500 (a code's digits are no amount, nor a year without a
    unit); "100/600 t.kr." is two figures sharing the unit (what the pair means is the caller's
    to say; the first's text is "100" alone, read in the unit after the last). A figure of
    uncertain extent or sign is refused: ``1,0-1,5 mio.`` (a range, or a minus?), ``12 500
    t.kr.`` with an ordinary space (12.500, or 12 and then 500?), a dash standing apart after a
    figure or at a line's start (a minus, or a range, a list, a bullet?). A space in a figure
    is read as a thousands separator only if it is a no-break or thin one."""
    found: list[tuple[int, int, Amount | Refused]] = []
    for group in _GROUP.finditer(text):
        figures = list(_FIGURE_RE.finditer(text, *group.span("figures")))
        for i, figure in enumerate(figures):
            last = i == len(figures) - 1
            end = group.end() if last else figure.end()
            extent = _extent(text, figure, end)
            if extent is None:
                continue
            begin, doubt = extent
            written = text[begin:end]
            read = amount(written, None if last else group["unit"], into=into)
            found.append((begin, end, read if doubt is None else Refused(written, doubt)))
    return found


def _extent(text: str, figure: re.Match[str], end: int) -> tuple[int, Said | None] | None:
    """Where the figure ``figure`` of a text (ending at ``end``) begins, and why its extent or
    sign is in doubt (or ``None``); ``None``: it is no figure, but a word's digits ("A500").
    Numbers before it that cannot be its thousands (the year in "i 2024 500 t.kr.", "1" of the
    code "A1 500 t.kr.") are not part of it."""
    numbers = list(_NUMBER_RE.finditer(text, figure.start(), figure.end()))
    parts = [number.group() for number in numbers]
    signed = text[figure.start()] in _SIGNS + _OBELUS
    glued = not signed and figure.start() > 0 and bool(re.match(r"\w", text[figure.start() - 1]))
    if glued and len(parts) == 1:
        return None
    # a grouping of more thousands than this holds more digits than a figure may: not tried
    lowest = max(int(glued), len(parts) - MAX_DIGITS // 3 - 1)
    first = next(j for j in range(lowest, len(parts)) if _spaced_thousands(parts[j:]))
    begin = figure.start() if first == 0 else numbers[first].start()
    if first < len(parts) - 1 and " " in text[numbers[first].end() : numbers[-1].start()]:
        one = ".".join(parts[first:])
        return begin, said(
            "'{figure}' may be one figure ({one}) or numbers apart ({apart}): an ordinary space "
            "between digits does not say which; write {one} if it is one",
            figure=printable(text[begin:end]),
            one=one,
            apart=", ".join(parts[first:]),
        )
    if first == 0 and signed:
        return begin, _sign_doubt(text, begin, numbers[0].start(), end)
    return begin, None


def _sign_doubt(text: str, at: int, digits_at: int, end: int) -> Said | None:
    """Why the sign at ``at`` may not be the sign of the figure that ends at ``end``, its digits
    beginning at ``digits_at``: a second sign, or joined to the word or number before it (a
    hyphen?), or standing apart after what is not a word (a dash between words?). ``None``: it
    is the figure's sign."""
    sign, before, shown = text[at], text[max(0, at - 40) : at], printable(text[at:end])
    minus = "-" if sign == _OBELUS else sign  # ÷ is not read as a sign: write - for it
    previous = before[-1:]
    if previous and previous in _SIGNS + _OBELUS:
        return said("'{figure}' has two signs: write one", figure=printable(previous) + shown)
    if previous and (bool(re.match(r"\w", previous)) or previous in ".,"):
        word = printable(re.split(r"[^\w.,]", before)[-1])
        return said(
            "'{figure}' joins the figure to '{word}': the {sign} may be a hyphen (a range, a "
            "code) or a minus; write a space before it if it is a minus",
            figure=word + shown,
            word=word,
            sign=sign,
        )
    left = before.rstrip(_SPACES)
    if digits_at > at + 1 and not (left[-1:].isalpha() or (left and left[-1] in "([")):
        figure, words = printable(text[digits_at:end]), left.split()[-1:]
        if words:
            return said(
                "the {sign} before '{figure}' stands apart from it after '{word}': it may be the "
                "figure's sign or a dash between words (a range, a list, a bullet); write "
                "{signed} if it is its sign",
                sign=sign,
                figure=figure,
                word=printable(words[0]),
                signed=minus + figure,
            )
        return said(
            "the {sign} before '{figure}' stands apart from it: it may be the figure's sign or a "
            "dash between words (a range, a list, a bullet); write {signed} if it is its sign",
            sign=sign,
            figure=figure,
            signed=minus + figure,
        )
    return None


def _spaced_thousands(parts: list[str]) -> bool:
    """``parts``, numbers of a text one space apart, are one figure's thousands groups (``1``,
    ``200``, ``500,5``), or one number alone."""
    if len(parts) == 1:
        return True
    return _thousands([*parts[:-1], parts[-1].partition(",")[0]])


def _thousands(groups: list[str]) -> bool:
    """``groups`` are a whole number's thousands: 1 to 3 digits, not a lone 0, then threes."""
    return bool(_THOUSANDS_LEAD.fullmatch(groups[0])) and all(
        _THOUSANDS_GROUP.fullmatch(group) for group in groups[1:]
    )


def _unit_power(rest: str, unit: str | None, shown: str) -> int | Said:
    """The figure's unit as a power of ten of kroner (written after it, ``rest``; or ``unit``,
    from context; or none: 1.000 kr.), or why it is refused."""
    if rest and unit is not None:
        return said(
            "'{figure}' has its own unit, and '{unit}' was given too: give a unit only for a "
            "figure written without one",
            figure=shown,
            unit=printable(unit),
        )
    if rest:
        power = _power(rest)
        if power is None:
            return said(
                "'{figure}' has '{rest}' after the figure, which is not a unit: write t.kr., "
                "mio. kr. or kr. after it, or nothing for 1.000 kr.",
                figure=shown,
                rest=printable(rest),
            )
        return power
    if unit is None:
        return THOUSANDS
    power = _power(unit, named=True)
    if power is None:
        return said(
            "'{unit}' is not a unit: give t.kr., mio. kr., kr. or 1.000 kr.", unit=printable(unit)
        )
    return power


def _power(unit: str, *, named: bool = False) -> int | None:
    """A unit's worth as a power of ten of kroner (t.kr. 3, mio. 6, kr. 0), ``None`` if it is
    not one; ``named``: the unit is given alone, and may be "1.000 kr." itself."""
    unit = unit.strip()
    if named and _THOUSAND_KR.fullmatch(unit):
        return THOUSANDS
    match = _UNIT_RE.fullmatch(unit)
    return None if match is None or match.lastindex is None else _UNITS[match.lastindex - 1][1]


def _read(written: str, shown: str) -> _Figure | Said:
    """The figure ``written`` (stripped, not empty) states, or why it is not read (``shown``:
    ``written`` as a reason quotes it)."""
    if written[0] == "(" and written[-1] == ")":
        inner = written[1:-1].strip()
        figure = _plain(inner, printable(inner)) if inner[:1] not in "()" else None
        if isinstance(figure, _Figure) and not figure.signed:
            return said(
                "'{figure}' is in parentheses, which may mean a minus (as bookkeeping writes "
                "-{inner}) or a remark ({inner}): write -{inner} or {inner}",
                figure=shown,
                inner=printable(inner),
            )
        if isinstance(figure, _Figure):
            return said(
                "'{figure}' is in parentheses: write the figure alone, {inner}",
                figure=shown,
                inner=printable(inner),
            )
        return _no_figure(shown)
    return _plain(written, shown)


def _no_figure(shown: str) -> Said:
    return said("'{figure}' is not a figure: write digits, e.g. 1.200 or -1,3", figure=shown)


def _plain(written: str, shown: str) -> _Figure | Said:
    """``_read`` of a figure not in parentheses."""
    sign = re.match(rf"{_SIGN}{_SP}*", written)
    body = written[sign.end() :] if sign else written
    if sign and sign.group()[0] == _OBELUS:
        return said(
            "'{figure}' has ÷, the minus of Danish bookkeeping, which is not read here: write - "
            "instead",
            figure=shown,
        )
    if body[:1] and body[0] in _SIGNS + _OBELUS:
        return said("'{figure}' has two signs: write one", figure=shown)
    number = _BODY.match(body).group()  # type: ignore[union-attr]  # it matches "" at least
    if not number:
        if not body:
            return said(
                "'{figure}' is a sign without a figure: write a figure after it, e.g. -300",
                figure=shown,
            )
        return _no_figure(shown)
    digits = _digits(number, shown)
    if isinstance(digits, Said):
        return digits
    return _Figure(
        negative=sign is not None and sign.group()[0] != "+",
        signed=sign is not None,
        digits=digits[0],
        places=digits[1],
        rest=body[len(number) :].strip(),
    )


def _digits(number: str, shown: str) -> tuple[str, int] | Said:
    """The digits of ``number`` (digits, dots, commas, spaces) without separators, with how many
    of them are decimals; or why it is not a Danish number."""
    count = sum(char.isdigit() for char in number)
    if not count:
        return _no_figure(shown)
    if count > MAX_DIGITS:
        return said(
            "'{start}…' has {count} digits: no amount has more than {most}",
            start=shown[:20],
            count=count,
            most=MAX_DIGITS,
        )
    whole, comma, fraction = number.partition(",")
    if re.fullmatch(_WHOLE_MARK, fraction):  # 1.200,- : whole kroner
        comma, fraction = "", ""
    reason = _comma_doubt(whole, comma, fraction, shown) or _whole_doubt(whole, number, shown)
    if reason:
        return reason
    return re.sub("[^0-9]", "", whole) + fraction, len(fraction)


def _comma_doubt(whole: str, comma: str, fraction: str, shown: str) -> Said | None:
    """Why the decimal comma and the decimals after it are not Danish, or ``None``."""
    if not comma:
        return None
    if "," in fraction:
        return said(
            "'{figure}' has more than one comma: Danish groups thousands with dots and writes "
            "one decimal comma (1.200.000, or 1,5)",
            figure=shown,
        )
    if "." in fraction:
        return said(
            "'{figure}' has a comma before a dot, as English writes 1,200.5: Danish writes 1.200,5",
            figure=shown,
        )
    if not fraction:
        return said(
            "'{figure}' has a comma with no decimals after it: write {whole} or {whole},5",
            figure=shown,
            whole=whole,
        )
    if not fraction.isdigit():
        return said(
            "'{figure}' has a space among its decimals: write them together, e.g. 1,25",
            figure=shown,
        )
    if not whole:
        return said(
            "'{figure}' has no digits before its decimal comma: write 0,{fraction}",
            figure=shown,
            fraction=fraction,
        )
    return None


def _whole_doubt(whole: str, number: str, shown: str) -> Said | None:
    """Why the whole part (before the comma) is not a Danish number, or ``None``: its
    thousands grouped by dots, or by spaces, or not grouped, without leading zeros."""
    spaced, dotted = any(char in _SPACES for char in whole), "." in whole
    if spaced and dotted:
        return said(
            "'{figure}' mixes spaces and dots between its digits: write {grouped}",
            figure=shown,
            grouped=_grouped(whole),
        )
    lead = re.split(f"[.{_SPACES}]", whole)[0]
    if len(lead) > 1 and lead[0] == "0":
        return said(
            "'{figure}' begins with 0: a figure is written without leading zeros (a code is not "
            "an amount)",
            figure=shown,
        )
    if dotted:
        return _dots_doubt(whole.split("."), "," in number, shown)
    groups = re.split(_SP, whole)
    if spaced and not _thousands(groups):
        return said(
            "'{figure}' has a space between digits that does not group thousands (1 to 3 digits, "
            "then groups of three): write one figure without it ({joined}), or each apart",
            figure=shown,
            joined="".join(groups),
        )
    return None


def _dots_doubt(groups: list[str], comma: bool, shown: str) -> Said | None:
    """Why dots between ``groups`` are not Danish thousands separators, or ``None``; with one
    dot and no comma, the reading as a decimal point is named (``1.5`` is Danish 1,5)."""
    if _thousands(groups):
        return None
    plain = "".join(groups)
    if plain.isdigit() and len(groups[0]) > 3 and all(len(g) == 3 for g in groups[1:]):
        if len(groups) == 2 and not comma:
            return said(
                "'{figure}' has more than three digits before a thousands dot: write {grouped}, "
                "or {decimal} if the dot is a decimal point",
                figure=shown,
                grouped=_grouped(plain),
                decimal=",".join(groups),
            )
        return said(
            "'{figure}' has more than three digits before a thousands dot: write {grouped}",
            figure=shown,
            grouped=_grouped(plain),
        )
    if len(groups) == 2 and groups[0] and groups[1] and not comma:
        return said(
            "'{figure}' has a dot that is not a thousands separator (Danish writes a decimal "
            "comma: {decimal})",
            figure=shown,
            decimal=",".join(groups),
        )
    return said(
        "'{figure}' has a dot that is not a thousands separator: Danish groups thousands with "
        "dots (1.200.000) and writes a decimal comma (1,5)",
        figure=shown,
    )


def _grouped(whole: str) -> str:
    """The digits of ``whole`` (at most ``MAX_DIGITS``) with Danish thousands dots."""
    digits = re.sub("[^0-9]", "", whole)
    return f"{int(digits):,}".replace(",", ".") if digits else whole


def _danish(number: Decimal) -> str:
    """``number`` as Danish writes it: ``Decimal("-1234.50")`` is ``-1.234,5``."""
    text = format(number, ",f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.translate(str.maketrans(",.", ".,"))


# --- units stated for a table, and the budget's own --------------------------------------------

#: the number of a unit's name, longest first ("1.000.000" before "1.000" before "1")
_NUMBER_UNIT = rf"(?:1[.{_SPACES}]?000[.{_SPACES}]?000|1[.{_SPACES}]?000|100|10|1)"
#: a unit as a caption states it ("Beløb i 1.000 kr.", "(mio. kr.)", "t.kr.", "hele kroner",
#: "DKK"), longest forms first, each with its power of ten of kroner
_STATED: tuple[tuple[str, int | None], ...] = (
    (rf"{_NUMBER_UNIT}{_SP}*(?:{_KR}|dkk)", None),  # 1.000 kr., 1000 DKK: the number says
    (
        rf"(?:{_KR}|dkk){_SP}*{_NUMBER_UNIT}(?![0-9]|[.,][0-9])",
        None,
    ),  # kr. 1.000, as ledgers head it
    (rf"tusind(?:e)?{_SP}*(?:{_KR}|dkk)", 3),
    (rf"t\.?{_SP}*(?:{_KR}|dkk)", 3),
    (rf"(?:mio|mill)\.?{_SP}*(?:{_KR}|dkk)|(?:mio|mill)\.|millioner{_SP}*(?:{_KR}|dkk)", 6),
    (rf"mia\.?{_SP}*(?:{_KR}|dkk)|milliarder{_SP}*(?:{_KR}|dkk)", 9),
    (rf"(?:hele{_SP}*)?(?:{_KR}|dkk)", 0),
)
_STATED_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(f"({pattern})" for pattern, _ in _STATED) + r")(?!\w)",
    re.IGNORECASE,
)


def stated_units(text: str) -> list[int]:
    """The units a caption states, as powers of ten of kroner, in order and once each:
    "Beløb i 1.000 kr." is ``[3]``, "Økonomiske konsekvenser (mio. kr.)" ``[6]``, "Beløb i
    hele kroner" ``[0]``, a caption naming none ``[]``."""
    found: list[int] = []
    for match in _STATED_RE.finditer(text):
        index = match.lastindex or 0
        power = _STATED[index - 1][1]
        if power is None:
            power = _number_power(match.group(index))
        if power not in found:
            found.append(power)
    return found


def _number_power(written: str) -> int:
    """The power of ten of "1.000 kr.", "kr. 100", "1000000 DKK": its number's digits."""
    return len(re.sub(r"\D", "", written)) - 1


#: what a caption holds besides its unit that says the unit may be another: a number, a word
#: of a unit ("'000 kr.", "kr. (1.000)", "tusinder kr.", "kr. x 1.000")
_UNIT_DOUBT = re.compile(r"\d|kr|dkk|tusind|mio|mill|mia", re.IGNORECASE)
#: a price level beside a unit ("2024-priser", "(pl 2024)"): no doubt about the unit
_PRICE_LEVEL = re.compile(
    r"\b\d{4}\s*-?\s*(?:priser|pl|p/l)\b|\b(?:pl|p/l|prisniveau)\s*\d{4}\b", re.IGNORECASE
)


def caption_units(text: str) -> list[int] | Said:
    """The units a caption states (``stated_units``), or why the caption may mean another: what
    is left of it when its units are taken out holds a number or a word of a unit ("Beløb i
    kr. (1.000)", "tusinder kr.", "'000 kr.", "kr. x 1.000": thousands, written in a way not
    read exactly)."""
    found = stated_units(text)
    rest = _PRICE_LEVEL.sub(" ", _STATED_RE.sub(" ", text))
    if found and (doubt := _UNIT_DOUBT.search(rest)) is not None:
        return said(
            "'{caption}' states its unit with '{beside}' beside it, which may make it another: "
            "write it as 'Beløb i 1.000 kr.', 'Beløb i kr.' or 'Beløb i mio. kr.'",
            caption=printable(text.strip()),
            beside=printable(doubt.group()),
        )
    return found


def budget_unit(unit: str) -> int | None:
    """areas.yaml's ``unit`` as a power of ten of kroner: ``1000 DKK`` is 3, ``DKK`` 0,
    ``1000000 DKK`` 6 (also written as a caption writes it: ``1.000 kr.``, ``mio. kr.``);
    ``None`` if it is no unit of kroner."""
    text = unit.strip()
    if re.fullmatch(r"(?i)dkk|kr\.?|kroner", text):
        return 0
    match = _STATED_RE.fullmatch(text)
    if match is None:
        return None
    found = stated_units(text)
    return found[0] if len(found) == 1 else None


def named_unit(text: str) -> int | None:
    """A unit as a user names it (``--unit``): a number of kroner (``1000``, ``1.000``, ``1``,
    ``1000000``) or a unit's name (``t.kr.``, ``kr.``, ``mio. kr.``, ``1.000 kr.``); ``None``
    if it is neither."""
    written = text.strip()
    if re.fullmatch(r"1(?:[.]?000)*|10|100", written):
        return len(written.replace(".", "")) - 1
    if written.lower() in ("mio", "mill", "mia"):
        return 9 if written.lower() == "mia" else 6
    found = stated_units(written)
    return found[0] if len(found) == 1 and _STATED_RE.fullmatch(written) else None
