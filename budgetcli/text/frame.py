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
from budgetcli.text.numbers import amounts_label, fmt_amount, level_json
from budgetcli.text.renderers import Renderers

NAMES = {
    "service": ("Service frame (serviceramme)", "KL's service frame"),
    "construction": ("Construction frame (anlægsramme)", "Construction frame"),
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


def title(r: FrameReport) -> str:
    span = str(r.years[0]) if len(r.years) == 1 else f"{r.years[0]}-{r.years[-1]}"
    return (
        f"{r.municipality} · {r.title} · frame position {span} · {amounts_label(r.unit, r.level)}"
    )


def _statuses(statuses: tuple[Any, ...]) -> str:
    return " and ".join(s.value for s in statuses)


def _rows(r: FrameReport, f: FramePosition) -> list[tuple[str, Callable[[FrameYear], int], bool]]:
    """(label, figure, is a level) of each row shown: a tier of statuses none of which is
    counted has no rows."""
    rows: list[tuple[str, Callable[[FrameYear], int], bool]] = [
        (NAMES[f.name][1], lambda y: y.frame, True),
        ("Budget before the proposals", lambda y: y.baseline, True),
    ]
    if r.decided:
        rows += [
            (f"Change: {_statuses(r.decided)}", lambda y: y.decided, False),
            (f"Budget after {_statuses(r.decided)}", lambda y: y.after_decided, True),
            ("Deviation (+ = over the frame)", lambda y: y.deviation_decided, False),
        ]
    if r.undecided:
        rows += [
            (f"Change: {_statuses(r.undecided)}", lambda y: y.undecided, False),
            (_after_all(r), lambda y: y.after, True),
            ("Deviation if adopted (+ = over)", lambda y: y.deviation, False),
        ]
    return rows


def _after_all(r: FrameReport) -> str:
    if r.undecided == (Status.PROPOSED,):
        return "Budget if all proposed are adopted"
    return f"Budget with the {_statuses(r.undecided)} counted"


def frame_grid(r: FrameReport, f: FramePosition, danish: bool = True) -> Grid:
    rows = _rows(r, f)
    body = [
        [label, *(fmt_amount(get(f.years[y]), danish) for y in r.years)] for label, get, _ in rows
    ]
    levels = frozenset(i for i, (_, _, level) in enumerate(rows) if level)
    over = [str(y) for y in f.over_in]
    within = f"in {r.years[0]}" if len(r.years) == 1 else "every year"
    where = f"over the frame in {', '.join(over)}" if over else f"within the frame {within}"
    caption = f"{where}, with every proposal counted adopted"
    return Grid(
        NAMES[f.name][0],
        ["", *map(str, r.years)],
        body,
        caption=caption,
        level_rows=levels,
    )


def grids(r: FrameReport, danish: bool = True) -> list[Grid]:
    return [frame_grid(r, f, danish) for f in r.frames]


def frame_plain(r: FrameReport, danish: bool = True) -> str:
    parts = [title(r), f"status: {', '.join(s.value for s in r.statuses)}"]
    return "\n".join(parts) + "\n" + "".join("\n" + plain_grid(g) for g in grids(r, danish))


def frame_markdown(r: FrameReport, danish: bool = True) -> str:
    head = f"**{title(r)}** (status: {', '.join(s.value for s in r.statuses)})\n"
    return head + "".join("\n" + markdown_grid(g) for g in grids(r, danish))


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


def frame_blocks(r: FrameReport, danish: bool, width: int | None) -> View:
    """The frame position for a terminal: its title, the statuses, each frame's table."""
    statuses = f"status: {', '.join(s.value for s in r.statuses)}"
    shown: View = [Line(title(r), bold=True), Line(statuses)]
    for grid in grids(r, danish):
        shown += [BLANK, Table(grid)]
    return shown


FRAME = Renderers(frame_plain, frame_markdown, frame_json, frame_csv, frame_blocks)
