"""Rendering the frame position (``budgetcli frame``): a grid per frame, JSON and CSV.
Formatting only: every figure is a property of ``core.frames``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from budgetcli.core.frames import FramePosition, FrameReport, FrameYear
from budgetcli.core.vocab import Status
from budgetcli.text.blocks import BLANK, Line, Table, View
from budgetcli.text.csvout import PLAIN, Dialect, csv_table
from budgetcli.text.grid import Grid, markdown_grid, plain_grid
from budgetcli.text.i18n import DEFAULT_READING, N_, Reading
from budgetcli.text.numbers import amounts_label, fmt_amount, level_json, value_label
from budgetcli.text.renderers import Renderers

NAMES = {
    "service": (N_("Service frame (serviceramme)"), N_("KL's service frame")),
    "construction": (N_("Construction frame (anlægsramme)"), N_("Construction frame")),
}
#: the fields of a ``FrameYear`` in JSON and CSV, in order
FIELDS = (
    "frame",
    "baseline",
    "decided",
    "after_decided",
    "deviation_decided",
    "undecided",
    "after",
    "deviation",
)


def title(r: FrameReport, reading: Reading = DEFAULT_READING) -> str:
    span = str(r.years[0]) if len(r.years) == 1 else f"{r.years[0]}-{r.years[-1]}"
    position = reading.gettext("frame position {years}").format(years=span)
    return f"{r.municipality} · {r.title} · {position} · {amounts_label(r.unit, r.level, reading)}"


def _statuses(statuses: tuple[Any, ...], reading: Reading) -> str:
    return reading.gettext(" and ").join(value_label(s.value, reading) for s in statuses)


def status_line(r: FrameReport, reading: Reading) -> str:
    """``status: proposed, adopted``, in the reader's words."""
    shown = ", ".join(value_label(s.value, reading) for s in r.statuses)
    return reading.gettext("status: {statuses}").format(statuses=shown)


def _rows(
    r: FrameReport, f: FramePosition, reading: Reading
) -> list[tuple[str, Callable[[FrameYear], int], bool]]:
    """(label, figure, is a level) of each row shown: a tier of statuses none of which is
    counted has no rows."""
    _ = reading.gettext
    rows: list[tuple[str, Callable[[FrameYear], int], bool]] = [
        (_(NAMES[f.name][1]), lambda y: y.frame, True),
        (_("Budget before the proposals"), lambda y: y.baseline, True),
    ]
    if r.decided:
        decided = _statuses(r.decided, reading)
        rows += [
            (_("Change: {statuses}").format(statuses=decided), lambda y: y.decided, False),
            (
                _("Budget after {statuses}").format(statuses=decided),
                lambda y: y.after_decided,
                True,
            ),
            (_("Deviation (+ = over the frame)"), lambda y: y.deviation_decided, False),
        ]
    if r.undecided:
        undecided = _statuses(r.undecided, reading)
        rows += [
            (_("Change: {statuses}").format(statuses=undecided), lambda y: y.undecided, False),
            (_after_all(r, reading), lambda y: y.after, True),
            (_("Deviation if adopted (+ = over)"), lambda y: y.deviation, False),
        ]
    return rows


def _after_all(r: FrameReport, reading: Reading) -> str:
    if r.undecided == (Status.PROPOSED,):
        return reading.gettext("Budget if all proposed are adopted")
    return reading.gettext("Budget with the {statuses} counted").format(
        statuses=_statuses(r.undecided, reading)
    )


def frame_grid(r: FrameReport, f: FramePosition, reading: Reading = DEFAULT_READING) -> Grid:
    rows = _rows(r, f, reading)
    _ = reading.gettext
    body = [
        [label, *(fmt_amount(get(f.years[y]), reading.danish) for y in r.years)]
        for label, get, _ in rows
    ]
    levels = frozenset(i for i, (_, _, level) in enumerate(rows) if level)
    over = [str(y) for y in f.over_in]
    if over:
        caption = _("over the frame in {years}, with every proposal counted adopted")
    elif len(r.years) == 1:
        caption = _("within the frame in {years}, with every proposal counted adopted")
    else:
        caption = _("within the frame every year, with every proposal counted adopted")
    caption = caption.format(years=", ".join(over) if over else r.years[0])
    return Grid(
        _(NAMES[f.name][0]),
        ["", *map(str, r.years)],
        body,
        caption=caption,
        level_rows=levels,
    )


def grids(r: FrameReport, reading: Reading = DEFAULT_READING) -> list[Grid]:
    return [frame_grid(r, f, reading) for f in r.frames]


def frame_plain(r: FrameReport, reading: Reading = DEFAULT_READING) -> str:
    parts = [title(r, reading), status_line(r, reading)]
    return "\n".join(parts) + "\n" + "".join("\n" + plain_grid(g) for g in grids(r, reading))


def frame_markdown(r: FrameReport, reading: Reading = DEFAULT_READING) -> str:
    head = f"**{title(r, reading)}** ({status_line(r, reading)})\n"
    return head + "".join("\n" + markdown_grid(g) for g in grids(r, reading))


def _year_json(y: FrameYear) -> dict[str, int]:
    return {name: getattr(y, name) for name in FIELDS}


def frame_json(r: FrameReport) -> str:
    doc = {
        "municipality": r.municipality,
        "title": r.title,
        "unit": r.unit,
        "price_level": level_json(r.level),
        "years": r.years,
        "statuses": [s.value for s in r.statuses],
        "decided": [s.value for s in r.decided],
        "undecided": [s.value for s in r.undecided],
        "over": r.over,
        "frames": [
            {
                "name": f.name,
                "over": f.over,
                "years": {str(y): _year_json(fy) for y, fy in f.years.items()},
            }
            for f in r.frames
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def frame_csv(r: FrameReport, dialect: Dialect = PLAIN) -> str:
    """One line per frame and year."""
    rows = [
        [f.name, y, *(getattr(fy, name) for name in FIELDS)]
        for f in r.frames
        for y, fy in f.years.items()
    ]
    return csv_table(["name", "year", *FIELDS], rows, dialect)


def frame_blocks(r: FrameReport, reading: Reading, width: int | None) -> View:
    """The frame position for a terminal: its title, the statuses, each frame's table."""
    shown: View = [Line(title(r, reading), bold=True), Line(status_line(r, reading))]
    for grid in grids(r, reading):
        shown += [BLANK, Table(grid)]
    return shown


FRAME = Renderers(frame_plain, frame_markdown, frame_json, frame_csv, frame_blocks)
