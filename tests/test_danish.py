"""Danish figures read strictly: every form the municipalities' documents write, each refusal
with its exact reason, and properties (a figure written from a number reads back as that number,
in every unit; nothing raises, whatever the text)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcli.word.danish import MAX_DIGITS, Amount, Refused, amount, cell, figures_in, fte


def refused(text: str, reason: str) -> tuple[str, str]:
    """A refusal as a test states it: the figure, and the reason's English."""
    return (text, reason)


def said(found: object) -> object:
    """A refusal as ``refused`` states it (its reason a ``Said``, compared by its English);
    anything else as it is."""
    return (found.text, found.reason) if isinstance(found, Refused) else found


NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"
#: every dash and minus read as a minus: - ‐ ‑ ‒ – — −
MINUSES = "-\u2010\u2011\u2012\u2013\u2014\u2212"


def grouped(n: int) -> str:
    """``n`` (not negative) with a dot every three digits, as Danish writes it: the test's own,
    not the module's."""
    digits = str(n)
    head = len(digits) % 3 or 3
    return ".".join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def refusal(read: object) -> str:
    assert isinstance(read, Refused), read
    return read.reason


# --- amount: the forms the documents write -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "signed"),
    [
        ("1.200", 1200, False),
        ("1200", 1200, False),
        ("0", 0, False),
        ("–300", -300, True),  # en dash
        ("−300", -300, True),  # minus sign
        ("‐300", -300, True),
        ("‑300", -300, True),
        ("‒300", -300, True),
        ("—300", -300, True),
        ("-300", -300, True),
        ("- 300", -300, True),
        (f"–{NBSP}300", -300, True),
        ("+500", 500, True),
        ("-0", 0, True),
        ("1.234.567", 1234567, False),
        ("1 200", 1200, False),
        (f"1{NBSP}200", 1200, False),
        (f"1{NNBSP}200{NNBSP}000", 1200000, False),
        (f"1{THIN}200", 1200, False),
        (f"{NBSP}1.200{NBSP}", 1200, False),
        (f" {NBSP}-1{NBSP}200 {NBSP}", -1200, True),
        ("1,0", 1, False),
        ("1.200,000", 1200, False),
        ("1.200,-", 1200, False),  # ",-": whole kroner
    ],
)
def test_an_amount_in_thousands(text: str, value: int, signed: bool) -> None:
    assert amount(text) == Amount(value, text.strip(), signed)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("500 t.kr.", 500),
        ("500 t. kr.", 500),
        ("500 tkr.", 500),
        ("500 tkr", 500),
        ("500 t.kr", 500),
        ("500tkr", 500),  # a unit glued to the figure
        ("500t.kr.", 500),
        (f"500{NBSP}t.kr.", 500),
        ("500 T.KR.", 500),
        ("0,5 mio. kr.", 500),
        ("0,5 mio.", 500),
        ("0,5 mio kr.", 500),
        ("0,5 mio", 500),
        ("0,5 Mio. kr.", 500),
        ("0,5 mill. kr.", 500),
        ("-1,2 mio.", -1200),
        ("+0,250 mio.", 250),
        ("0,250 mio.", 250),
        ("1,2000 mio.", 1200),  # four decimals, but a whole number of 1.000 kr. exactly
        ("1.200 mio.", 1200000),  # Danish: a dot groups thousands, also before mio.
        ("1,5 mia. kr.", 1500000),
        ("-50.000 kr.", -50),
        ("50.000 kr", 50),
        ("50.000,- kr.", 50),
        ("1.000.000 kroner", 1000),
        ("0 kr.", 0),
    ],
)
def test_an_amount_with_its_unit(text: str, value: int) -> None:
    read = amount(text)
    assert isinstance(read, Amount), read
    assert read.value == value
    assert read.text == text


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("-1,2", "mio.", -1200),  # from "(-1,2 mio.)"
        ("0,5", " mio. kr. ", 500),
        ("100", "t.kr.", 100),
        ("100", "1.000 kr.", 100),  # a table's "Beløb i 1.000 kr."
        ("100", "1000 kr.", 100),
        ("-50.000", "kr.", -50),
    ],
)
def test_an_amount_in_a_unit_known_from_context(text: str, unit: str, value: int) -> None:
    assert amount(text, unit) == Amount(value, text, text.startswith("-"))


# --- amount: what is refused, and why ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the text is empty: write a figure, e.g. 1.200"),
        (f" {NBSP} ", "the text is empty: write a figure, e.g. 1.200"),
        (
            "1.5",
            "'1.5' has a dot that is not a thousands separator (Danish writes a decimal comma: 1,5)",
        ),
        (
            "0.25",
            "'0.25' has a dot that is not a thousands separator (Danish writes a decimal comma: 0,25)",
        ),
        (
            "1.20",
            "'1.20' has a dot that is not a thousands separator (Danish writes a decimal comma: 1,20)",
        ),
        (
            "0.500",  # not Danish thousands (a lead of 0): an English 0,5 perhaps
            "'0.500' has a dot that is not a thousands separator (Danish writes a decimal comma: 0,500)",
        ),
        (
            "1.200.5",
            "'1.200.5' has a dot that is not a thousands separator: Danish groups thousands with "
            "dots (1.200.000) and writes a decimal comma (1,5)",
        ),
        (
            "1.20,5",
            "'1.20,5' has a dot that is not a thousands separator: Danish groups thousands with "
            "dots (1.200.000) and writes a decimal comma (1,5)",
        ),
        (
            "1.200.",
            "'1.200.' has a dot that is not a thousands separator: Danish groups thousands with "
            "dots (1.200.000) and writes a decimal comma (1,5)",
        ),
        (
            "1200.000",
            "'1200.000' has more than three digits before a thousands dot: write 1.200.000, or "
            "1200,000 if the dot is a decimal point",
        ),
        (
            "1,200.5",
            "'1,200.5' has a comma before a dot, as English writes 1,200.5: Danish writes 1.200,5",
        ),
        (
            "1,2,3",
            "'1,2,3' has more than one comma: Danish groups thousands with dots and writes one "
            "decimal comma (1.200.000, or 1,5)",
        ),
        ("1,", "'1,' has a comma with no decimals after it: write 1 or 1,5"),
        (",5", "',5' has no digits before its decimal comma: write 0,5"),
        ("1,5 00", "'1,5 00' has a space among its decimals: write them together, e.g. 1,25"),
        (
            "12 50",
            "'12 50' has a space between digits that does not group thousands (1 to 3 digits, "
            "then groups of three): write one figure without it (1250), or each apart",
        ),
        (
            "1200 000",
            "'1200 000' has a space between digits that does not group thousands (1 to 3 digits, "
            "then groups of three): write one figure without it (1200000), or each apart",
        ),
        (
            "1  200",
            "'1  200' has a space between digits that does not group thousands (1 to 3 digits, "
            "then groups of three): write one figure without it (1200), or each apart",
        ),
        (
            "1 200.000",
            "'1 200.000' mixes spaces and dots between its digits: write 1.200.000",
        ),
        (
            "0500",
            "'0500' begins with 0: a figure is written without leading zeros (a code is not an amount)",
        ),
        ("--300", "'--300' has two signs: write one"),
        ("+-300", "'+-300' has two signs: write one"),
        ("-", "'-' is a sign without a figure: write a figure after it, e.g. -300"),
        ("abc", "'abc' is not a figure: write digits, e.g. 1.200 or -1,3"),
        ("mio.", "'mio.' is not a figure: write digits, e.g. 1.200 or -1,3"),
        (".", "'.' is not a figure: write digits, e.g. 1.200 or -1,3"),
        (
            "(500)",
            "'(500)' is in parentheses, which may mean a minus (as bookkeeping writes -500) or a "
            "remark (500): write -500 or 500",
        ),
        ("(-500)", "'(-500)' is in parentheses: write the figure alone, -500"),
        ("((500))", "'((500))' is not a figure: write digits, e.g. 1.200 or -1,3"),
        (
            "÷300",
            "'÷300' has ÷, the minus of Danish bookkeeping, which is not read here: write - instead",
        ),
        (
            "500 euro",
            "'500 euro' has 'euro' after the figure, which is not a unit: write t.kr., mio. kr. "
            "or kr. after it, or nothing for 1.000 kr.",
        ),
        (
            "500abc",
            "'500abc' has 'abc' after the figure, which is not a unit: write t.kr., mio. kr. or "
            "kr. after it, or nothing for 1.000 kr.",
        ),
        (
            "500 1.000 kr.",  # "1.000 kr." after a figure is no unit: refused as a figure
            "'500 1.000 kr.' mixes spaces and dots between its digits: write 5.001.000",
        ),
        (
            "1\x1b[31m",
            "'1\\x1b[31m' has '\\x1b[31m' after the figure, which is not a unit: write t.kr., "
            "mio. kr. or kr. after it, or nothing for 1.000 kr.",
        ),
        # not a whole number of 1.000 kr.: never rounded
        ("-1,3", "-1,3 is not a whole number of 1.000 kr."),
        ("1,25 t.kr.", "1,25 t.kr. is not a whole number of 1.000 kr."),
        ("1.500 kr.", "1.500 kr. is 1,5 t.kr.: not a whole number of 1.000 kr."),
        ("-1.234.500 kr.", "-1.234.500 kr. is -1.234,5 t.kr.: not a whole number of 1.000 kr."),
        ("1,2345 mio.", "1,2345 mio. is 1.234,5 t.kr.: not a whole number of 1.000 kr."),
        ("0,0000001 mia.", "0,0000001 mia. is 0,1 t.kr.: not a whole number of 1.000 kr."),
        ("500 kroner", "500 kroner is 0,5 t.kr.: not a whole number of 1.000 kr."),
    ],
)
def test_an_amount_refused(text: str, reason: str) -> None:
    assert said(amount(text)) == refused(text.strip(), reason)


def test_an_amount_with_two_units_or_a_wrong_one_is_refused() -> None:
    assert said(amount("1,2 mio.", "mio.")) == refused(
        "1,2 mio.",
        "'1,2 mio.' has its own unit, and 'mio.' was given too: give a unit only for a figure "
        "written without one",
    )
    assert said(amount("5", "euro")) == refused(
        "5", "'euro' is not a unit: give t.kr., mio. kr., kr. or 1.000 kr."
    )
    assert said(amount("0,5", "t.kr.")) == refused(
        "0,5", "0,5 t.kr. is not a whole number of 1.000 kr."
    )
    assert said(amount("1.500", "kr.")) == refused(
        "1.500", "1.500 kr. is 1,5 t.kr.: not a whole number of 1.000 kr."
    )


def test_a_figure_of_more_digits_than_any_amount_is_refused() -> None:
    most = "9" * MAX_DIGITS
    assert amount(most) == Amount(int(most), most, False)
    assert said(amount(most + "9")) == refused(
        most + "9", f"'{'9' * 20}…' has {MAX_DIGITS + 1} digits: no amount has more than 100"
    )


# --- fte -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("-1,3", Decimal("-1.3")),
        ("110", Decimal(110)),
        ("4,5", Decimal("4.5")),
        ("0,5", Decimal("0.5")),
        ("–2,6", Decimal("-2.6")),
        ("−2,6", Decimal("-2.6")),
        ("+1,25", Decimal("1.25")),
        ("1.000", Decimal(1000)),
        (f"{NBSP}1{NBSP}000,5{NBSP}", Decimal("1000.5")),
        ("-0", Decimal(0)),
    ],
)
def test_fte(text: str, number: Decimal) -> None:
    read = fte(text)
    assert read == number
    assert repr(read) == repr(number)  # as written: 4,5 is Decimal("4.5"), -0 is 0


def test_fte_keeps_the_decimals_written() -> None:
    assert repr(fte("4,50")) == "Decimal('4.50')"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "the text is empty: write a number of full-time positions, e.g. 1,5"),
        (
            "1.5",
            "'1.5' has a dot that is not a thousands separator (Danish writes a decimal comma: 1,5)",
        ),
        (
            "1,234",  # three decimals, or English for 1234
            "'1,234' has 3 decimals: a number of full-time positions has at most two, e.g. 1,25 "
            "(if the comma groups thousands, write 1.234)",
        ),
        (
            "1.000,125",
            "'1.000,125' has 3 decimals: a number of full-time positions has at most two, e.g. 1,25",
        ),
        (
            "2 årsværk",
            "'2 årsværk' has 'årsværk' after the number: write the number of full-time positions alone",
        ),
        (
            "2 t.kr.",
            "'2 t.kr.' has 't.kr.' after the number: write the number of full-time positions alone",
        ),
        ("--2", "'--2' has two signs: write one"),
    ],
)
def test_fte_refused(text: str, reason: str) -> None:
    assert said(fte(text)) == refused(text, reason)


# --- cell ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", NBSP, f" {NBSP}{THIN} \t"])
def test_an_empty_cell_is_none(text: str) -> None:
    assert cell(text) is None


@pytest.mark.parametrize("dash", list(MINUSES))
def test_a_cell_of_a_lone_dash_is_refused(dash: str) -> None:
    assert said(cell(f"{NBSP}{dash} ")) == refused(
        dash, "a lone dash could mean 0 or nothing: write 0, or leave the cell empty"
    )


def test_a_cell_of_two_dashes_is_no_lone_dash() -> None:
    assert said(cell("–—")) == refused("–—", "'–—' has two signs: write one")


def test_a_cell_is_an_amount() -> None:
    assert cell(f"{NBSP}–1.200{NBSP}") == Amount(-1200, "–1.200", True)
    assert cell("0") == Amount(0, "0", False)
    assert cell("1.5") == amount("1.5")
    assert said(cell("+")) == refused(
        "+", "'+' is a sign without a figure: write a figure after it, e.g. -300"
    )


# --- figures_in ------------------------------------------------------------------------------------


def read_in(text: str) -> list[tuple[str, object]]:
    """The figures of ``text``, each with the text its offsets span (which is its own text), a
    refusal as ``refused`` states it."""
    found = figures_in(text)
    for start, end, read in found:
        assert read.text == text[start:end]
    assert [start for start, _, _ in found] == sorted(start for start, _, _ in found)
    return [(text[start:end], said(read)) for start, end, read in found]


def test_the_figures_of_codes_and_amounts() -> None:
    text = "053026-1-001 (500 t.kr.) og 053028-1-1001 (100 t.kr.)"
    assert figures_in(text) == [
        (14, 23, Amount(500, "500 t.kr.", False)),
        (43, 52, Amount(100, "100 t.kr.", False)),
    ]


def test_the_dash_between_two_entries_is_no_sign() -> None:
    text = "XG-3703170001-1 (-1,2 mio.) - XG-3701110005-1 (+0,5 mio.)"
    assert figures_in(text) == [
        (17, 26, Amount(-1200, "-1,2 mio.", True)),
        (47, 56, Amount(500, "+0,5 mio.", True)),
    ]


def test_two_figures_share_a_unit() -> None:
    text = "3709710005 (100/600 t.kr.)"
    assert figures_in(text) == [
        (12, 15, Amount(100, "100", False)),
        (16, 25, Amount(600, "600 t.kr.", False)),
    ]
    assert read_in("(100 / -0,6 mio.)") == [
        ("100", Amount(100000, "100", False)),
        ("-0,6 mio.", Amount(-600, "-0,6 mio.", True)),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a) Besparelspotentiale (-1,0 mio. kr. i 2024 og frem)",
            [("-1,0 mio. kr.", -1000, True)],
        ),
        (
            "Besparelsespotentiale på 0,6 mio. kr. i 2024-2027",
            [("0,6 mio. kr.", 600, False)],
        ),
        ("(-50.000 kr. i 2024 og frem)", [("-50.000 kr.", -50, True)]),
        ("(0,5 mio. kr.)", [("0,5 mio. kr.", 500, False)]),
        ("(+0,250 mio.)", [("+0,250 mio.", 250, True)]),
        (
            "(1,7 mio. kr. i 2024 og 1,7 mio. kr. fra 2025 og frem)",
            [("1,7 mio. kr.", 1700, False), ("1,7 mio. kr.", 1700, False)],
        ),
        (
            "(-0,5 mio. kr. i 2024 samt årlige driftsudgifter på -0,1 mio. kr.)",
            [("-0,5 mio. kr.", -500, True), ("-0,1 mio. kr.", -100, True)],
        ),
        ("i 2024 500 t.kr.", [("500 t.kr.", 500, False)]),  # a year before: not its thousands
        ("i 2024-2027 500 t.kr.", [("500 t.kr.", 500, False)]),
        ("i 2024 -500 t.kr.", [("-500 t.kr.", -500, True)]),
        ("i 2024 1.200 t.kr.", [("1.200 t.kr.", 1200, False)]),
        (f"i alt 4{NBSP}500 t.kr.", [(f"4{NBSP}500 t.kr.", 4500, False)]),
        ("kode A1 500 t.kr.", [("500 t.kr.", 500, False)]),
        ("besparelse på – 0,5 mio.", [("– 0,5 mio.", -500, True)]),  # after a word: a minus
        ("(– 300 t.kr.)", [("– 300 t.kr.", -300, True)]),
        ("i alt 50.000,- kr.", [("50.000,- kr.", 50, False)]),
        ("1.200 t.kr. i alt.", [("1.200 t.kr.", 1200, False)]),
        ("0,5 mio.kr. i 2025", [("0,5 mio.kr.", 500, False)]),
        ("500tkr til skoler", [("500tkr", 500, False)]),
    ],
)
def test_figures_in_a_text(text: str, expected: list[tuple[str, int, bool]]) -> None:
    assert read_in(text) == [(t, Amount(value, t, signed)) for t, value, signed in expected]


@pytest.mark.parametrize(
    "text",
    [
        "i 2024-2027",
        "053026-1-001",
        "Beløbet stiger med 3 procent i 2025",
        "A500 t.kr.",  # a word's digits
        "500 krav",
        "",
    ],
)
def test_no_figures_in_a_text(text: str) -> None:
    assert figures_in(text) == []


@pytest.mark.parametrize(
    ("text", "written", "reason"),
    [
        (
            "fra 1,0-1,5 mio. kr.",
            "-1,5 mio. kr.",
            "'1,0-1,5 mio. kr.' joins the figure to '1,0': the - may be a hyphen (a range, a "
            "code) or a minus; write a space before it if it is a minus",
        ),
        (
            "XG-5 t.kr.",
            "-5 t.kr.",
            "'XG-5 t.kr.' joins the figure to 'XG': the - may be a hyphen (a range, a code) or a "
            "minus; write a space before it if it is a minus",
        ),
        (
            "fra 1,0 – 1,5 mio. kr.",
            "– 1,5 mio. kr.",
            "the – before '1,5 mio. kr.' stands apart from it after '1,0': it may be the "
            "figure's sign or a dash between words (a range, a list, a bullet); write –1,5 mio. "
            "kr. if it is its sign",
        ),
        (
            "- 500 t.kr. til skoler",
            "- 500 t.kr.",
            "the - before '500 t.kr.' stands apart from it: it may be the figure's sign or a "
            "dash between words (a range, a list, a bullet); write -500 t.kr. if it is its sign",
        ),
        (
            "stk. 4 500 t.kr.",
            "4 500 t.kr.",
            "'4 500 t.kr.' may be one figure (4.500) or numbers apart (4, 500): an ordinary "
            "space between digits does not say which; write 4.500 if it is one",
        ),
        (
            "i 2024 12 500 t.kr.",
            "12 500 t.kr.",
            "'12 500 t.kr.' may be one figure (12.500) or numbers apart (12, 500): an ordinary "
            "space between digits does not say which; write 12.500 if it is one",
        ),
        ("--5 t.kr.", "-5 t.kr.", "'--5 t.kr.' has two signs: write one"),
        (
            "÷0,5 mio. kr.",
            "÷0,5 mio. kr.",
            "'÷0,5 mio. kr.' has ÷, the minus of Danish bookkeeping, which is not read here: "
            "write - instead",
        ),
        (
            "på 1.5 mio. kr.",
            "1.5 mio. kr.",
            "'1.5 mio. kr.' has a dot that is not a thousands separator (Danish writes a "
            "decimal comma: 1,5)",
        ),
        (
            "på 1.500 kr. om året",
            "1.500 kr.",
            "1.500 kr. is 1,5 t.kr.: not a whole number of 1.000 kr.",
        ),
    ],
)
def test_a_figure_in_a_text_refused(text: str, written: str, reason: str) -> None:
    assert read_in(text) == [(written, refused(written, reason))]


def test_a_dash_after_an_entry_is_in_doubt() -> None:
    assert read_in("(100 t.kr.) - 200 t.kr.") == [
        ("100 t.kr.", Amount(100, "100 t.kr.", False)),
        (
            "- 200 t.kr.",
            refused(
                "- 200 t.kr.",
                "the - before '200 t.kr.' stands apart from it after 't.kr.)': it may be the "
                "figure's sign or a dash between words (a range, a list, a bullet); write "
                "-200 t.kr. if it is its sign",
            ),
        ),
    ]


def test_a_text_of_many_numbers_is_read_at_once() -> None:
    text = "1 " * 50_000 + "1/" * 50_000 + "- 1 " * 50_000
    assert figures_in(text) == []


# --- properties ------------------------------------------------------------------------------------

#: every whole number a figure may be, and the numbers Hypothesis draws without bounds
numbers = st.one_of(st.integers(), st.integers(-(10**MAX_DIGITS) + 1, 10**MAX_DIGITS - 1))
spaces = st.sampled_from(["", " ", NBSP, f"{NBSP} ", NNBSP, THIN])


@st.composite
def signs(draw: st.DrawFn, n: int) -> str:
    """A sign for ``n``: a minus or a dash if negative (maybe spaced), else "" or "+"."""
    if n < 0:
        return draw(st.sampled_from(MINUSES)) + draw(st.sampled_from(["", " ", NBSP]))
    return draw(st.sampled_from(["", "+"]))


def danish_format(n: int, sign: str) -> str:
    """``n`` with a dot every three digits, after ``sign``."""
    return sign + grouped(abs(n))


@given(numbers, st.data())
def test_a_figure_written_from_a_number_is_read_as_it(n: int, data: st.DataObject) -> None:
    sign = data.draw(signs(n))
    text = data.draw(spaces) + danish_format(n, sign) + data.draw(spaces)
    assert amount(text) == Amount(n, text.strip(), bool(sign))
    assert cell(text) == amount(text)


@st.composite
def in_a_unit(draw: st.DrawFn, n: int) -> tuple[str, str]:
    """``n`` thousand kroner written exactly in t.kr., mio. or kr., as (figure, unit)."""
    magnitude = abs(n)
    kind = draw(st.sampled_from(["t.kr.", "mio.", "kr."]))
    if kind == "t.kr.":
        figure = grouped(magnitude)
        unit = draw(st.sampled_from(["t.kr.", "t. kr.", "tkr.", "tkr", "t.kr"]))
    elif kind == "mio.":
        whole, thousands = divmod(magnitude, 1000)
        decimals = f"{thousands:03d}"
        if draw(st.booleans()):
            decimals = decimals.rstrip("0")
        figure = grouped(whole) + (f",{decimals}" if decimals else "")
        unit = draw(st.sampled_from(["mio. kr.", "mio.", "mio kr.", "mio", "mill. kr."]))
    else:
        figure = grouped(magnitude * 1000)
        unit = draw(st.sampled_from(["kr.", "kr", "kroner"]))
    return draw(signs(n)) + figure, unit


@given(st.integers(-(10**90), 10**90), st.data())
def test_a_figure_in_any_unit_is_read_as_the_number(n: int, data: st.DataObject) -> None:
    figure, unit = data.draw(in_a_unit(n))
    signed = not figure[0].isdigit()
    text = figure + data.draw(spaces) + unit
    assert amount(text) == Amount(n, text, signed)
    assert amount(figure, unit) == Amount(n, figure, signed)
    sentence = f"Besparelse på {text} i 2024 og frem"
    assert figures_in(sentence) == [(14, 14 + len(text), Amount(n, text, signed))]


@given(st.decimals(min_value=-5000, max_value=5000, places=2), st.data())
def test_fte_written_from_a_number_is_read_as_it(number: Decimal, data: st.DataObject) -> None:
    whole, _, decimals = f"{abs(number):f}".partition(".")
    sign = data.draw(signs(-1 if number < 0 else 1))
    text = sign + grouped(int(whole)) + (f",{decimals}" if decimals else "")
    assert fte(text) == number


#: texts of the characters figures are made of, more than any text draws by chance
figure_like = st.text(alphabet=f"0123456789.,/()+ {NBSP}{THIN}{MINUSES}÷tkrmioa\n", max_size=40)


@given(st.one_of(st.text(), figure_like), st.one_of(st.none(), st.text(max_size=12)))
def test_nothing_raises(text: str, unit: str | None) -> None:
    assert isinstance(amount(text), Amount | Refused)
    assert isinstance(amount(text, unit), Amount | Refused)
    assert isinstance(fte(text), Decimal | Refused)
    assert cell(text) is None or isinstance(cell(text), Amount | Refused)
    for start, end, read in figures_in(text):
        assert isinstance(read, Amount | Refused)
        assert read.text == text[start:end]
        assert read.text == read.text.strip()
