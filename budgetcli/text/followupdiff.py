"""Rendering two follow-ups compared (``diff --followup``): a grid of the rows that moved,
the totals, and a line for each proposal whose realisation changed; JSON and CSV."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from budgetcli.core.followup import Figures, Realised
from budgetcli.core.followupdiff import FollowupDiff, Moved
from budgetcli.text.blocks import BLANK, Line, Table, View
from budgetcli.text.csvout import PLAIN, Cell, Dialect, csv_table
from budgetcli.text.followup import REALISED, SHORT_FRAME
from budgetcli.text.grid import Grid, markdown_grid, plain_grid
from budgetcli.text.i18n import DEFAULT_READING, Reading
from budgetcli.text.numbers import fmt_amount, unit_label
from budgetcli.text.renderers import Renderers

ARROW = "→"
#: the figures compared, as the columns and the JSON/CSV name them
COMPARED = ("corrected", "expected", "deviation")


def _value(f: Figures | None, name: str) -> int | None:
    return None if f is None else int(getattr(f, name))


def _cells(m: Moved | tuple[Figures, Figures], reading: Reading) -> list[str]:
    old, new = (m.old, m.new) if isinstance(m, Moved) else m
    d = reading.danish
    cells = []
    for name in COMPARED:
        a, b = _value(old, name), _value(new, name)
        cells += ["" if a is None else fmt_amount(a, d), "" if b is None else fmt_amount(b, d)]
    a, b = _value(old, "deviation"), _value(new, "deviation")
    cells.append("" if a is None or b is None else fmt_amount(b - a, d))
    return cells


def title(fd: FollowupDiff, reading: Reading = DEFAULT_READING) -> str:
    old, new = fd.old.followup, fd.new.followup
    if old.year == new.year:
        moved = f"{old.name} {ARROW} {new.name} {new.year}"
    else:  # the same follow-up of two years (BO2 2023 → BO2 2024)
        moved = f"{old.name} {old.year} {ARROW} {new.name} {new.year}"
    return f"{fd.new.municipality} · {moved} · {unit_label(fd.new.unit)}"


def moved_grid(fd: FollowupDiff, reading: Reading = DEFAULT_READING) -> Grid:
    _ = reading.gettext
    old, new = (
        (fd.old.followup.name, fd.new.followup.name)
        if fd.old.followup.name != fd.new.followup.name
        else (fd.old.followup.id, fd.new.followup.id)
    )
    rows = [
        [f"{m.area} {m.name}" if m.name else m.area, _(SHORT_FRAME[m.frame]), *_cells(m, reading)]
        for m in fd.rows
    ]
    footer = [[_("Total"), "", *_cells((fd.old.total, fd.new.total), reading)]]
    columns = [_("Area"), _("Frame")]
    for label in (_("Corrected budget"), _("Expected accounts"), _("Deviation")):
        columns += [f"{label} {old}", f"{label} {new}"]
    columns.append(_("Deviation moved"))
    caption = _("the rows whose figures moved; {count} unchanged").format(
        count=len(fd.new.rows) - sum(1 for m in fd.rows if m.new is not None)
    )
    return Grid(title(fd, reading), columns, rows, footer, caption=caption, left=2)


def _realisation(r: Realised | None, reading: Reading) -> str:
    if r is None:
        return "-"
    return f"{reading.gettext(REALISED[r.how])} ({fmt_amount(r.realised, reading.danish)})"


def proposal_lines(fd: FollowupDiff, reading: Reading = DEFAULT_READING) -> list[str]:
    return [
        f"{p.id}: {_realisation(p.old, reading)} {ARROW} {_realisation(p.new, reading)}"
        for p in fd.proposals
    ]


def _text(fd: FollowupDiff, reading: Reading, drawn: Callable[[Grid], str], bullet: str) -> str:
    text = drawn(moved_grid(fd, reading))
    lines = proposal_lines(fd, reading)
    if lines:
        text += "\n" + "".join(f"{bullet}{line}\n" for line in lines)
    return text


def diff_plain(fd: FollowupDiff, reading: Reading = DEFAULT_READING) -> str:
    return _text(fd, reading, plain_grid, "")


def diff_markdown(fd: FollowupDiff, reading: Reading = DEFAULT_READING) -> str:
    return _text(fd, reading, markdown_grid, "- ")


def _pair(m: Moved | tuple[Figures, Figures]) -> dict[str, Any]:
    old, new = (m.old, m.new) if isinstance(m, Moved) else m
    return {name: {"old": _value(old, name), "new": _value(new, name)} for name in COMPARED}


def diff_json(fd: FollowupDiff) -> str:
    doc = {
        "old": fd.old.followup.id,
        "new": fd.new.followup.id,
        "unit": fd.new.unit,
        "rows": [{"area": m.area, "frame": m.frame, **_pair(m)} for m in fd.rows],
        "total": _pair((fd.old.total, fd.new.total)),
        "proposals": [
            {
                "id": p.id,
                "old": None if p.old is None else {"realised": p.old.how, "amount": p.old.realised},
                "new": None if p.new is None else {"realised": p.new.how, "amount": p.new.realised},
            }
            for p in fd.proposals
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def diff_csv(fd: FollowupDiff, dialect: Dialect = PLAIN) -> str:
    """One line per figure that moved: area, frame, metric, old, new, delta."""
    header = ["old", "new", "area", "frame", "metric", "old_value", "new_value", "delta"]
    lines: list[Sequence[Cell]] = []
    ids = [fd.old.followup.id, fd.new.followup.id]
    for m in fd.rows:
        for name in COMPARED:
            a, b = _value(m.old, name), _value(m.new, name)
            if a != b:
                delta = None if a is None or b is None else b - a
                lines.append([*ids, m.area, m.frame, name, a, b, delta])
    return csv_table(header, lines, dialect)


def diff_blocks(fd: FollowupDiff, reading: Reading, width: int | None) -> View:
    shown: View = [Table(moved_grid(fd, reading))]
    lines = proposal_lines(fd, reading)
    if lines:
        shown += [BLANK, *(Line(line) for line in lines)]
    return shown


FOLLOWUP_DIFF: Renderers[FollowupDiff] = Renderers(
    diff_plain, diff_markdown, diff_json, diff_csv, diff_blocks
)
