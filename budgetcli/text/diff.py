"""Rendering a ``BudgetDiff``: headline, grids (plain/Markdown/rich), JSON and CSV.

Pure formatting of what ``diff.diff_budgets`` found; nothing here compares anything.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from enum import Enum
from typing import Any

from budgetcli.core.calc import METRICS
from budgetcli.core.diff import (
    AreaDiff,
    BudgetChange,
    BudgetDiff,
    Pair,
    ProposalDiff,
    changed_metrics,
    figure_changes,
)
from budgetcli.text.blocks import BLANK, Line, Table, View
from budgetcli.text.csvout import PLAIN, Cell, Dialect, csv_table
from budgetcli.text.grid import Grid, markdown_grid, plain_grid
from budgetcli.text.i18n import DEFAULT_READING, N_, Reading
from budgetcli.text.numbers import (
    GROUP_HEADERS,
    METRIC_HEADERS,
    amounts_label,
    csv_metric,
    fmt_amount,
    fmt_metric,
    json_number,
    level_json,
    value_label,
)
from budgetcli.text.renderers import Renderers

#: the metrics of the per-group and total tables
TOTAL_METRICS = (
    "net",
    "savings",
    "investments",
    "inside_service_frame",
    "outside_service_frame",
    "construction",
    "fte",
)
ARROW = "→"
#: what happened to a proposal or an area, in the reader's words (JSON and CSV: the key)
CHANGE_WORDS = {
    "changed": N_("changed"),
    "added": N_("added"),
    "removed": N_("removed"),
    "renamed": N_("renamed"),
}


def fmt_change(
    metric: str, old: int | Decimal, new: int | Decimal, delta: int | Decimal, danish: bool = True
) -> str:
    """``-1.100 → -1.300 (-200)``: ``old``, ``new`` and their ``delta`` (as core computed it)."""
    sign = "+" if delta > 0 else ""
    return (
        f"{fmt_metric(metric, old, danish)} {ARROW} {fmt_metric(metric, new, danish)} "
        f"({sign}{fmt_metric(metric, delta, danish)})"
    )


def title(d: BudgetDiff, reading: Reading = DEFAULT_READING) -> str:
    return (
        f"{d.municipality} · {d.title} · {d.old_label} {ARROW} {d.new_label} · "
        f"{amounts_label(d.unit, d.level, reading)}"
    )


def headline(d: BudgetDiff, reading: Reading = DEFAULT_READING) -> str:
    """``3 changed, 1 added; 7 adopted, 1 rejected; net 2025 -5.900 → -6.350 (-450)``."""
    _ = reading.gettext
    kinds = [f"{n} {_(CHANGE_WORDS.get(kind, kind))}" for kind, n in d.kind_counts().items() if n]
    moves = [f"{n} {value_label(st.value, reading)}" for st, n in d.status_counts().items()]
    parts = [", ".join(kinds) or _("no proposal changed")]
    if moves:
        parts.append(", ".join(moves))
    net = d.headline_change
    change = fmt_change("net", net.old, net.new, net.delta, reading.danish)
    parts.append(_("net {year} {change}").format(year=d.headline_year, change=change))
    return "; ".join(parts)


def _what(p: ProposalDiff, reading: Reading) -> str:
    _ = reading.gettext
    if p.kind in ("added", "removed"):
        status = p.new_status if p.kind == "added" else p.old_status
        return f"{_(CHANGE_WORDS[p.kind])} ({value_label(status.value, reading) if status else ''})"
    # the key apart from the call: an older Babel read the literals inside _() as a message
    word = CHANGE_WORDS[p.kind if p.kind == "renamed" else "changed"]
    parts = [_(word)]
    if p.status_changed and p.old_status and p.new_status:
        old, new = (value_label(s.value, reading) for s in (p.old_status, p.new_status))
        parts.append(_("status {old} → {new}").format(old=old, new=new))
    if p.old_areas != p.new_areas:
        old, new = ", ".join(p.old_areas), ", ".join(p.new_areas)
        parts.append(_("areas {old} → {new}").format(old=old, new=new))
    if p.counted == (True, False):
        parts.append(_("leaves the totals"))
    elif p.counted == (False, True):
        parts.append(_("enters the totals"))
    return "; ".join(parts)


def _metric_rows(
    years: dict[int, Pair], metrics: tuple[str, ...], reading: Reading
) -> Iterator[tuple[str, list[str]]]:
    """One row per metric that changed in some year: (metric header, a cell per year)."""
    for m, changes in changed_metrics(years, metrics):
        cells = [
            fmt_change(m, c.old, c.new, c.delta, reading.danish) if c.changed else ""
            for c in changes
        ]
        yield reading.gettext(METRIC_HEADERS[m]), cells


def _value(value: object, reading: Reading) -> str:
    """A field's value as a diff line shows it: an amount in the format, a kind by its name."""
    if value is None:
        return reading.gettext("(none)")
    if isinstance(value, int):
        return fmt_amount(value, reading.danish)
    return str(value)


def proposals_grid(d: BudgetDiff, reading: Reading = DEFAULT_READING) -> Grid:
    blank = [""] * len(d.years)
    rows: list[list[str]] = []
    for p in d.proposals:
        name = f"{p.old_id} {ARROW} {p.new_id}" if p.kind == "renamed" else p.id
        lines = [[m, *cells] for m, cells in _metric_rows(p.years, METRICS, reading)]
        lines += [[f"{field}: {excerpt}", *blank] for field, excerpt in p.text.items()]
        lines += [
            [f"{field}: {_value(old, reading)} {ARROW} {_value(new, reading)}", *blank]
            for field, old, new in p.values
        ]
        if p.fields:
            also = reading.gettext("also changed: {fields}").format(fields=", ".join(p.fields))
            lines.append([also, *blank])
        first, *rest = lines or [["", *blank]]
        rows.append([name, _what(p, reading), *first])
        rows += [["", "", *line] for line in rest]
    _ = reading.gettext
    columns = [_("Proposal"), _("Change"), _("Detail"), *map(str, d.years)]
    return Grid(_("Proposals"), columns, rows, left=3)


def totals_grid(d: BudgetDiff, reading: Reading = DEFAULT_READING) -> Grid:
    _ = reading.gettext
    blank_group = _(GROUP_HEADERS[d.group_by])
    rows = []
    for g in d.groups:
        for i, (m, cells) in enumerate(_metric_rows(g.years, TOTAL_METRICS, reading)):
            rows.append([g.label if i == 0 else "", m, *cells])
    footer = [
        [_("Total") if i == 0 else "", m, *cells]
        for i, (m, cells) in enumerate(_metric_rows(d.total, TOTAL_METRICS, reading))
    ]
    columns = [blank_group, _("Figure"), *map(str, d.years)]
    heading = _("Totals by {group}").format(group=blank_group.lower())
    return Grid(heading, columns, rows, footer, left=2)


def areas_grid(d: BudgetDiff, reading: Reading = DEFAULT_READING) -> Grid:
    _ = reading.gettext
    rows = []
    for a in d.areas:
        budget = a.budget_changes
        cells = [_budget_change(budget[y], reading) if y in budget else "" for y in d.years]
        what = _(CHANGE_WORDS[a.kind]) if a.kind in CHANGE_WORDS else a.kind
        if a.kind == "changed":
            parts = [f"{name} {old or '-'} {ARROW} {new or '-'}" for name, old, new in a.changes]
            parts += [_("budget")] if "budget" in a.fields else []
            what = _("changed: {what}").format(what="; ".join(parts))
        rows.append([a.code, what, *cells])
    columns = [_("Area"), _("Change"), *map(str, d.years)]
    return Grid(_("Areas (areas.yaml)"), columns, rows, left=2)


def _budget_change(c: BudgetChange, reading: Reading) -> str:
    if c.old is None or c.new is None:
        old = "" if c.old is None else fmt_metric("net", c.old, reading.danish)
        new = "" if c.new is None else fmt_metric("net", c.new, reading.danish)
        return f"{old} {ARROW} {new}".strip()
    return fmt_change("net", c.old, c.new, c.delta, reading.danish)


def grids(d: BudgetDiff, reading: Reading = DEFAULT_READING) -> list[Grid]:
    """The sections of the text report that have something to say."""
    out = []
    if d.proposals:
        out.append(proposals_grid(d, reading))
    if d.groups or any(o != n for o, n in d.total.values()):
        out.append(totals_grid(d, reading))
    if d.areas:
        out.append(areas_grid(d, reading))
    return out


def _plain_value(value: object, reading: Reading) -> str:
    """A field of areas.yaml as a line shows it: a list or a series by its items."""
    if value is None:
        return reading.gettext("(none)")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def meta_lines(d: BudgetDiff, reading: Reading = DEFAULT_READING) -> list[str]:
    return [
        f"areas.yaml {name}: {_plain_value(old, reading)} {ARROW} {_plain_value(new, reading)}"
        for name, old, new in d.meta
    ]


def diff_plain(d: BudgetDiff, reading: Reading = DEFAULT_READING) -> str:
    head = [title(d, reading), headline(d, reading), *meta_lines(d, reading)]
    return "\n".join(head) + "\n" + "".join("\n" + plain_grid(g) for g in grids(d, reading))


def diff_markdown(d: BudgetDiff, reading: Reading = DEFAULT_READING) -> str:
    head = [f"**{title(d, reading)}**", "", headline(d, reading)]
    head += [f"- {line}" for line in meta_lines(d, reading)]
    return "\n".join(head) + "\n" + "".join("\n" + markdown_grid(g) for g in grids(d, reading))


# --- JSON and CSV ------------------------------------------------------------------------------


def _triples(years: dict[int, Pair], metrics: tuple[str, ...] = METRICS) -> dict[str, Any]:
    return {
        str(y): {
            m: {
                "old": json_number(c.old),
                "new": json_number(c.new),
                "delta": json_number(c.delta),
            }
            for m, c in changes.items()
        }
        for y, changes in figure_changes(years, metrics).items()
    }


def diff_json(d: BudgetDiff) -> str:
    doc = {
        "old": d.old_label,
        "new": d.new_label,
        "municipality": d.municipality,
        "title": d.title,
        "unit": d.unit,
        "price_level": level_json(d.level),
        "old_price_level": level_json(d.old_level),
        "years": d.years,
        "group_by": d.group_by.value,
        "statuses": [s.value for s in d.statuses],
        "counts": {
            **d.kind_counts(),
            "to_status": {s.value: n for s, n in d.status_counts().items()},
        },
        "proposals": [
            {
                "kind": p.kind,
                "id": p.id,
                "old_id": p.old_id,
                "new_id": p.new_id,
                "title": p.title,
                "status": {
                    "old": p.old_status.value if p.old_status else None,
                    "new": p.new_status.value if p.new_status else None,
                },
                "areas": {"old": list(p.old_areas), "new": list(p.new_areas)},
                "counted": {"old": p.counted[0], "new": p.counted[1]},
                "years": _triples(p.years),
                "text": p.text,
                "fields": list(p.fields),
                "values": {
                    name: {"old": _json_value(o), "new": _json_value(n)} for name, o, n in p.values
                },
            }
            for p in d.proposals
        ],
        "groups": [{"key": g.key, "label": g.label, "years": _triples(g.years)} for g in d.groups],
        "total": {"years": _triples(d.total)},
        "areas": [
            {
                "code": a.code,
                "kind": a.kind,
                "fields": list(a.fields),
                "changes": [{"field": f, "old": o, "new": n} for f, o, n in a.changes],
                "budget": {
                    str(y): {"old": c.old, "new": c.new, "delta": c.delta}
                    for y, c in a.budget_changes.items()
                },
            }
            for a in d.areas
        ],
        "meta": [{"field": f, "old": o, "new": n} for f, o, n in d.meta],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def diff_csv(d: BudgetDiff, dialect: Dialect = PLAIN) -> str:
    """Long format: one line per thing, year and metric that changed."""
    header = ["section", "key", "label", "kind", "year", "metric", "old", "new", "delta"]
    rows: list[list[Cell]] = []
    for p in d.proposals:
        for metric, old, new, delta in _proposal_facts(p):
            rows.append(["proposal", p.id, p.title, p.kind, "", metric, old, new, delta])
        rows += _figure_rows(["proposal", p.id, p.title, p.kind], p.years)
    for g in d.groups:
        rows += _figure_rows(["group", g.key, g.label, "changed"], g.years)
    rows += _figure_rows(["total", "", "Total", "changed"], d.total)
    for a in d.areas:
        rows += _area_rows(a)
    return csv_table(header, rows, dialect)


def _figure_rows(head: list[str], years: dict[int, Pair]) -> Iterator[list[Cell]]:
    """A CSV line (after ``head``: section, key, label, kind) per year and metric that changed."""
    for y, changes in figure_changes(years).items():
        for m, c in changes.items():
            if c.changed:
                yield [*head, y, m, *(csv_metric(m, v) for v in (c.old, c.new, c.delta))]


def _json_value(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


def _csv_value(value: object) -> Cell:
    """A value of ``VALUE_FIELDS`` as a CSV cell: a number stays one (the grant), else text."""
    value = _json_value(value)
    if value is None:
        return ""
    return value if isinstance(value, int) and not isinstance(value, bool) else str(value)


def _proposal_facts(p: ProposalDiff) -> list[tuple[str, Cell, Cell, str]]:
    """What changed of a proposal besides its figures: (metric, old, new, delta) for the CSV."""
    said: list[tuple[str, Cell, Cell, str]] = []
    if p.kind == "renamed":
        said.append(("id", p.old_id, p.new_id, ""))
    if p.kind in ("added", "removed") or p.status_changed:
        old_status = p.old_status.value if p.old_status else ""
        new_status = p.new_status.value if p.new_status else ""
        said.append(("status", old_status, new_status, ""))
    if p.old_areas != p.new_areas and p.kind in ("changed", "renamed"):
        said.append(("areas", " ".join(p.old_areas), " ".join(p.new_areas), ""))
    said += [(name, "", "", excerpt) for name, excerpt in p.text.items()]
    said += [(name, _csv_value(o), _csv_value(n), "") for name, o, n in p.values]
    if p.fields:
        said.append(("fields", "", " ".join(p.fields), ""))
    return said


def _area_rows(a: AreaDiff) -> Iterator[list[Cell]]:
    """An area's CSV lines: a field that changed, a year of its budget, or only its kind."""
    for name, old, new in a.changes:
        yield ["area", a.code, "", a.kind, "", name, old or "", new or "", ""]
    for y, c in a.budget_changes.items():
        old_budget, new_budget = "" if c.old is None else c.old, "" if c.new is None else c.new
        yield ["area", a.code, "", a.kind, y, "budget", old_budget, new_budget, c.delta]
    if a.kind != "changed" and not a.budget:
        yield ["area", a.code, "", a.kind, "", "", "", "", ""]


def diff_blocks(d: BudgetDiff, reading: Reading, width: int | None) -> View:
    """The diff for a terminal: its title, headline and the versions compared, then each
    table."""
    shown: View = [Line(title(d, reading), bold=True), Line(headline(d, reading))]
    shown += [Line(line) for line in meta_lines(d, reading)]
    for grid in grids(d, reading):
        shown += [BLANK, Table(grid)]
    return shown


DIFF = Renderers(diff_plain, diff_markdown, diff_json, diff_csv, diff_blocks)
