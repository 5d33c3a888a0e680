"""Rendering a computed follow-up: grids (plain, Markdown, rich), JSON and CSV. Formatting only.

The tables: the follow-up per area (or committee) and frame with its totals; the year's
appropriation changes by kind; the adopted proposals' realisation; the carry-over each
area's rule proposes; then the frame position, a line each."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from budgetcli.core.followup import Computed, Figures, FramePosition, Row
from budgetcli.core.lazyclasses import dataclass
from budgetcli.text.blocks import BLANK, Line, Table, View
from budgetcli.text.csvout import PLAIN, Cell, Dialect, Number, csv_table
from budgetcli.text.grid import Grid, markdown_grid, plain_grid
from budgetcli.text.i18n import DEFAULT_READING, N_, Reading
from budgetcli.text.numbers import fmt_amount, fmt_percent, plain_decimal, unit_label
from budgetcli.text.renderers import Renderers

FRAME_LABELS = {
    "inside": N_("Inside the service frame"),
    "outside": N_("Outside the service frame"),
    "construction": N_("Construction"),
}
SHORT_FRAME = {"inside": N_("Inside"), "outside": N_("Outside"), "construction": N_("Construction")}
HOW = {"stated": "", "forecast": " *", "extrapolated": " ~"}
REALISED = {"full": N_("realised"), "partly": N_("partly"), "none": N_("not realised")}
RULES = {
    "full": N_("full"),
    "overspend": N_("overspend only"),
    "underspend": N_("underspend only"),
    "none": N_("none"),
}


@dataclass(frozen=True)
class Shown:
    """A follow-up as a command shows it: computed, by area or by committee."""

    computed: Computed
    by: str = "area"  # area | committee


def whole(value: Decimal) -> int:
    """An exact amount (the spending to date, from øre) to whole units, half to even."""
    return int(value.quantize(Decimal(1), ROUND_HALF_EVEN))


def _figures(f: Figures, reading: Reading) -> list[str]:
    d = reading.danish
    spent = "" if f.spent is None else fmt_amount(whole(f.spent), d)
    return [
        fmt_amount(f.original, d),
        fmt_amount(f.changes, d),
        fmt_amount(f.corrected, d),
        spent,
        fmt_percent(f.spent_percent, d),
        fmt_amount(f.expected, d),
        fmt_amount(f.deviation, d),
        fmt_percent(f.deviation_percent, d),
    ]


def title(c: Computed, reading: Reading) -> str:
    f = c.followup
    cut = reading.gettext("as of {date}").format(date=f.cut_off.isoformat())
    return f"{c.municipality} · {f.name} {f.year} · {cut} · {unit_label(c.unit)}"


def _label(row: Row) -> str:
    return f"{row.area} {row.name}" if row.name else row.area


def main_grid(s: Shown, reading: Reading = DEFAULT_READING) -> Grid:
    _ = reading.gettext
    c = s.computed
    if s.by == "committee":
        rows = [[name, "", *_figures(fig, reading)] for name, fig in c.committees]
    else:
        rows = [
            [_label(r) + HOW[r.how], _(SHORT_FRAME[r.frame]), *_figures(r.figures, reading)]
            for r in c.rows
        ]
    footer = [[_(FRAME_LABELS[frame]), "", *_figures(fig, reading)] for frame, fig in c.frames]
    footer.append([_("Total"), "", *_figures(c.total, reading)])
    columns = [
        _("Committee") if s.by == "committee" else _("Area"),
        _("Frame"),
        _("Original budget"),
        _("Changes"),
        _("Corrected budget"),
        _("Spent to date"),
        _("Spent %"),
        _("Expected accounts"),
        _("Deviation"),
        _("Deviation %"),
    ]
    caption = _(
        "deviation = expected accounts - corrected budget (positive: overspend, merforbrug;"
        " negative: underspend, mindreforbrug)"
    )
    if any(r.how == "forecast" for r in c.rows) and s.by == "area":
        caption += _("; * from a forecast")
    if any(r.how == "extrapolated" for r in c.rows) and s.by == "area":
        caption += _("; ~ extrapolated from the spending to date")
    return Grid(title(c, reading), columns, rows, footer, caption=caption, left=2)


def changes_grid(c: Computed, reading: Reading = DEFAULT_READING) -> Grid | None:
    """The year's appropriation changes per area and frame, by kind (rows with any)."""
    _ = reading.gettext
    d = reading.danish
    rows = [
        [
            _label(r),
            _(SHORT_FRAME[r.frame]),
            fmt_amount(r.figures.carry_over, d),
            fmt_amount(r.figures.supplementary, d),
            fmt_amount(r.figures.reallocation, d),
            fmt_amount(r.figures.proposed, d),
        ]
        for r in c.rows
        if r.figures.changes or r.figures.proposed
    ]
    if not rows:
        return None
    t = c.total
    footer = [[_("Total"), "", *(fmt_amount(v, d) for v in (t.carry_over, t.supplementary))]]
    footer[0] += [fmt_amount(t.reallocation, d), fmt_amount(t.proposed, d)]
    columns = [
        _("Area"),
        _("Frame"),
        _("Carry-over"),
        _("Supplementary"),
        _("Reallocation"),
        _("Proposed, not adopted"),
    ]
    return Grid(_("Appropriation changes"), columns, rows, footer, left=2)


def realisation_grid(c: Computed, reading: Reading = DEFAULT_READING) -> Grid | None:
    _ = reading.gettext
    d = reading.danish
    if not c.realised:
        return None
    rows = [
        [
            r.id,
            _(REALISED[r.how]),
            r.why or "",
            *(fmt_amount(v, d) for v in (r.planned, r.realised, r.gap)),
        ]
        for r in c.realised
    ]
    planned = sum(r.planned for r in c.realised)
    realised = sum(r.realised for r in c.realised)
    footer = [[_("Total"), "", "", fmt_amount(planned, d), fmt_amount(realised, d)]]
    footer[0].append(fmt_amount(realised - planned, d))
    columns = [_("Proposal"), _("Realised"), _("Why"), _("Planned"), _("Realised amount")]
    columns.append(_("Gap"))
    caption = _("gap = realised - planned (positive: a saving not realised)")
    return Grid(_("Adopted proposals"), columns, rows, footer, caption=caption, left=3)


def carry_over_grid(c: Computed, reading: Reading = DEFAULT_READING) -> Grid | None:
    _ = reading.gettext
    d = reading.danish
    if not c.carried:
        return None
    rows = [
        [
            x.area,
            _(RULES[x.rule]) if x.rule else _("not stated"),
            fmt_amount(x.deviation, d),
            "" if x.amount is None else fmt_amount(x.amount, d),
        ]
        for x in c.carried
    ]
    columns = [_("Area"), _("Rule"), _("Deviation"), _("Carry-over to next year")]
    caption = _("each frame's deviation by the area's rule; positive: more budget next year")
    return Grid(_("Carry-over"), columns, rows, caption=caption)


def position_lines(c: Computed, reading: Reading = DEFAULT_READING) -> list[str]:
    _ = reading.gettext
    return [_position(p, c.followup.year, reading) for p in c.positions]


def _position(p: FramePosition, year: int, reading: Reading) -> str:
    _ = reading.gettext
    d = reading.danish
    name = _("The service frame") if p.frame == "service" else _("The construction frame")
    if p.limit is None:
        return _("{frame}: areas.yaml sets none for {year}").format(frame=name, year=year)
    margin = p.limit - p.expected
    if margin >= 0:
        template = _("{frame} {year}: {limit}; expected {expected}: kept, {margin} below it")
    else:
        template = _("{frame} {year}: {limit}; expected {expected}: exceeded by {margin}")
    return template.format(
        frame=name,
        year=year,
        limit=fmt_amount(p.limit, d),
        expected=fmt_amount(p.expected, d),
        margin=fmt_amount(abs(margin), d),
    )


def over_note(over: Sequence[Row], threshold: str, reading: Reading = DEFAULT_READING) -> str:
    """``--exit-code``'s note on stderr: the rows over the threshold, each with its deviation
    (a CI log says why it failed)."""
    _ = reading.gettext
    rows = "; ".join(
        f"{r.area} ({_(SHORT_FRAME[r.frame])}) {fmt_amount(r.figures.deviation, reading.danish)}"
        for r in over
    )
    said = reading.ngettext(
        "{count} row deviates more than {threshold}: {rows}",
        "{count} rows deviate more than {threshold}: {rows}",
        len(over),
    )
    return "budgetcli: note: " + said.format(count=len(over), threshold=threshold, rows=rows) + "\n"


def note_lines(c: Computed, reading: Reading = DEFAULT_READING) -> list[str]:
    """The analyst's note of each row that has one (``B60.10.20 (Inside): …``), and beside a
    stated FR the mechanical one, extrapolated from the spending to date, where it is known."""
    _ = reading.gettext
    lines = []
    for r in c.rows:
        where = f"{r.area} ({_(SHORT_FRAME[r.frame])})"
        if r.note:
            lines.append(f"{where}: {r.note}")
        if r.extrapolated is not None and r.how != "extrapolated":
            mechanical = _("extrapolated from the spending to date: {amount}").format(
                amount=fmt_amount(r.extrapolated, reading.danish)
            )
            lines.append(f"{where}: {mechanical}")
    return lines


def grids(s: Shown, reading: Reading = DEFAULT_READING) -> list[Grid]:
    found = [main_grid(s, reading)]
    for extra in (
        changes_grid(s.computed, reading),
        realisation_grid(s.computed, reading),
        carry_over_grid(s.computed, reading),
    ):
        if extra is not None:
            found.append(extra)
    return found


def _text(s: Shown, reading: Reading, drawn: Callable[[Grid], str], bullet: str) -> str:
    main, *rest = grids(s, reading)
    text = drawn(main) + "\n"
    text += "".join(f"{bullet}{line}\n" for line in position_lines(s.computed, reading))
    notes = note_lines(s.computed, reading)
    if notes:
        text += "\n" + "".join(f"{bullet}{line}\n" for line in notes)
    return text + "".join("\n" + drawn(g) for g in rest)


def followup_plain(s: Shown, reading: Reading = DEFAULT_READING) -> str:
    return _text(s, reading, plain_grid, "")


def followup_markdown(s: Shown, reading: Reading = DEFAULT_READING) -> str:
    return _text(s, reading, markdown_grid, "- ")


#: an exact decimal in JSON: its digits, written as they are (``json`` would make a float)
EXACT = "\u0000exact:"


def _spent(value: Decimal | None) -> str | None:
    """An exact figure as its JSON number's digits, put in place by ``_json`` (a float would
    round 2000000000024187.29642)."""
    if value is None:
        return None
    return EXACT + plain_decimal(value)


def _json(doc: object) -> str:
    """``doc`` as JSON, each exact figure (``_spent``) written as a number of its digits."""
    text = json.dumps(doc, ensure_ascii=False, indent=2)
    return re.sub(r'"\\u0000exact:(-?[0-9.]+)"', r"\1", text) + "\n"


def _figures_json(f: Figures) -> dict[str, Any]:
    return {
        "original": f.original,
        "carry_over": f.carry_over,
        "supplementary": f.supplementary,
        "reallocation": f.reallocation,
        "changes": f.changes,
        "proposed_not_adopted": f.proposed,
        "corrected": f.corrected,
        "spent": _spent(f.spent),
        "spent_percent": _spent(f.spent_percent),
        "expected": f.expected,
        "deviation": f.deviation,
        "deviation_percent": _spent(f.deviation_percent),
    }


def followup_json(s: Shown) -> str:
    c = s.computed
    f = c.followup
    doc = {
        "id": f.id,
        "name": f.name,
        "year": f.year,
        "cut_off": f.cut_off.isoformat(),
        "unit": c.unit,
        "rows": [
            {
                "area": r.area,
                "name": r.name,
                "committee": r.committee,
                "frame": r.frame,
                "expected_from": r.how,
                "extrapolated": r.extrapolated,
                **_figures_json(r.figures),
            }
            for r in c.rows
        ],
        "committees": [{"committee": n, **_figures_json(fig)} for n, fig in c.committees],
        "frames": [{"frame": n, **_figures_json(fig)} for n, fig in c.frames],
        "total": _figures_json(c.total),
        "proposals": [
            {"id": r.id, "realised": r.how, "planned": r.planned}
            | {"realised_amount": r.realised, "gap": r.gap, "why": r.why}
            for r in c.realised
        ],
        "carry_over": [
            {"area": x.area, "rule": x.rule, "deviation": x.deviation, "amount": x.amount}
            for x in c.carried
        ],
        "frame_position": [
            {
                "frame": p.frame,
                "limit": p.limit,
                "expected": p.expected if p.limit is not None else None,
            }
            for p in c.positions
        ],
    }
    return _json(doc)


CSV_FIGURES = (
    "original",
    "carry_over",
    "supplementary",
    "reallocation",
    "corrected",
    "spent",
    "expected",
    "deviation",
    "deviation_percent",
)


def followup_csv(s: Shown, dialect: Dialect = PLAIN) -> str:
    """One line per row, then per committee, frame and the total (``level``)."""
    c = s.computed
    header = ["followup", "level", "area", "committee", "frame", *CSV_FIGURES]
    lines: list[Sequence[Cell]] = []
    for r in c.rows:
        lines.append([c.followup.id, "area", r.area, r.committee, r.frame, *_row_cells(r.figures)])
    for name, fig in c.committees:
        lines.append([c.followup.id, "committee", "", name, "", *_row_cells(fig)])
    for frame, fig in c.frames:
        lines.append([c.followup.id, "frame", "", "", frame, *_row_cells(fig)])
    lines.append([c.followup.id, "total", "", "", "", *_row_cells(c.total)])
    return csv_table(header, lines, dialect)


def _row_cells(f: Figures) -> list[Cell]:
    spent = None if f.spent is None else Number(plain_decimal(f.spent))
    percent = None if f.deviation_percent is None else Number(str(f.deviation_percent))
    cells: list[Cell] = [f.original, f.carry_over, f.supplementary, f.reallocation]
    return [*cells, f.corrected, spent, f.expected, f.deviation, percent]


def followup_blocks(s: Shown, reading: Reading, width: int | None) -> View:
    main, *rest = grids(s, reading)
    shown: View = [Table(main), BLANK]
    shown += [Line(line) for line in position_lines(s.computed, reading)]
    notes = note_lines(s.computed, reading)
    if notes:
        shown += [BLANK, *(Line(line) for line in notes)]
    for grid in rest:
        shown += [BLANK, Table(grid)]
    return shown


FOLLOWUP: Renderers[Shown] = Renderers(
    followup_plain, followup_markdown, followup_json, followup_csv, followup_blocks
)
