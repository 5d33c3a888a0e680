"""Figures as text: Danish (``-1.200``, ``-4,9``) or plain, JSON numbers, CSV cells, units and
price levels, and the tables' column headers (English, marked: each is translated where it is
shown, ``reading.gettext(METRIC_HEADERS[m])``). Pure: values in, strings out."""

from __future__ import annotations

from decimal import Decimal

from budgetcli.core.calc import METRICS, Figures, Level
from budgetcli.core.vocab import GroupBy
from budgetcli.text.csvout import Number
from budgetcli.text.i18n import DEFAULT_READING, N_, Reading

#: the columns of the tables, in order, with their headers
METRIC_HEADERS: dict[str, str] = {
    "savings": N_("Savings"),
    "investments": N_("Investments"),
    "net": N_("Net"),
    "inside_service_frame": N_("Inside frame"),
    "outside_service_frame": N_("Outside frame"),
    "construction": N_("Construction"),
    "fte": N_("FTE"),
}
#: the columns of an area's budget (``calc.Share``), after the figures
SHARE_HEADERS = (N_("Budget"), N_("After"), N_("Change %"))
#: the metrics of the all-years view (one block per year); the one-year view shows all
BLOCK_METRICS = ("savings", "investments", "net", "construction", "fte")
GROUP_HEADERS = {
    GroupBy.AREA: N_("Area"),
    GroupBy.COMMITTEE: N_("Committee"),
    GroupBy.CENTER: N_("Centre"),
    GroupBy.STATUS: N_("Status"),
    GroupBy.KIND: N_("Kind"),
    GroupBy.PROPOSAL: N_("Proposal"),
}

#: the words of a status or a kind as a person reads them (the value is what one types)
VALUE_LABELS = {
    "proposed": N_("proposed"),
    "adopted": N_("adopted"),
    "rejected": N_("rejected"),
    "realized": N_("realized"),
    "reduction": N_("reduction"),
    "expansion": N_("expansion"),
    "construction": N_("construction"),
    "technical": N_("technical"),
    "saving": N_("saving"),
    "investment": N_("investment"),
}


def value_label(value: str, reading: Reading) -> str:
    """A status's or a kind's value (``adopted``) in the reader's words (``vedtaget``)."""
    return reading.gettext(VALUE_LABELS[value]) if value in VALUE_LABELS else value


def fmt_amount(value: int, danish: bool = True) -> str:
    """``-1200`` -> ``-1.200`` (Danish) or ``-1200``."""
    return f"{value:,}".replace(",", ".") if danish else str(value)


def fmt_fte(value: Decimal, danish: bool = True) -> str:
    """``Decimal('-4.90')`` -> ``-4,9`` (Danish) or ``-4.9``; whole numbers without decimals;
    Danish with the amounts' thousands separator too (``-5.127,5``), plain without (``-5127.5``)."""
    text = plain_decimal(value)
    if not danish:
        return text
    whole, point, decimals = text.partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    return sign + fmt_amount(int(digits)) + ("," + decimals if point else "")


def fmt_percent(value: Decimal | None, danish: bool = True) -> str:
    """``Decimal('-1.0')`` -> ``-1,0`` (Danish) or ``-1.0``; ``None`` -> empty."""
    if value is None:
        return ""
    return str(value).replace(".", ",") if danish else str(value)


def fmt_metric(metric: str, value: int | Decimal, danish: bool = True) -> str:
    if metric == "fte":
        return fmt_fte(Decimal(value), danish)
    return fmt_amount(int(value), danish)


def plain_decimal(value: Decimal) -> str:
    """``Decimal('12.50')`` -> ``12.5``, ``Decimal('3.00')`` -> ``3``: its digits, no exponent."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def json_number(value: int | Decimal) -> int | float:
    """A plain JSON number; FTE have at most two decimals, so the float prints exactly."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def unit_label(unit: str) -> str:
    """``1000 DKK`` as the documents write it, ``1.000 kr.`` (the same in both languages)."""
    return "1.000 kr." if unit.replace(" ", "").upper() == "1000DKK" else unit


def figures_dict(f: Figures) -> dict[str, int | float]:
    return {m: json_number(getattr(f, m)) for m in METRICS}


def level_label(level: Level | None, reading: Reading = DEFAULT_READING) -> str:
    """``2024 prices`` or ``2025 prices (restated from 2024 prices)``; empty: not stated."""
    if level is None:
        return ""
    if level.restated_from is None or level.restated_from == level.year:
        return reading.gettext("{year} prices").format(year=level.year)
    return reading.gettext("{year} prices (restated from {source} prices)").format(
        year=level.year, source=level.restated_from
    )


def amounts_label(unit: str, level: Level | None, reading: Reading = DEFAULT_READING) -> str:
    """The unit, and the prices when they are known: ``1.000 kr., 2024 prices``."""
    prices = level_label(level, reading)
    return f"{unit_label(unit)}, {prices}" if prices else unit_label(unit)


def level_json(level: Level | None) -> dict[str, int | None] | None:
    return None if level is None else {"year": level.year, "restated_from": level.restated_from}


def csv_metric(metric: str, value: int | Decimal) -> Number:
    """A figure as a CSV cell: plain (``-1200``, ``-4.9``), a number, never quoted."""
    return Number(fmt_metric(metric, value, False))
