"""``budgetcli report``: the catalogue as a static web site (``site``), for the council and the
public. Pages: ``index.html`` (the summary per year and area, the frame position, charts, and
the list of proposals to filter and sort), ``proposals/<id>.html`` (a page per proposal, laid
out like ``show``'s), ``catalogue.html`` (every proposal in one document, one a printed page),
``style.css`` and ``plotly.min.js`` (the charts' library, written beside the pages: the site
opens without a network).

Layout only: every figure shown is one of the ``Publication``'s (the proposals' ``figures``,
``by_area``, ``by_committee``, ``frames``), formatted as Danish numbers by ``text.numbers``.
jinja2 and plotly are imported only when a site is made (start-up time of every other command).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from budgetcli.core.calc import Figures, Summary
from budgetcli.core.domain import Proposal
from budgetcli.core.publication import Publication
from budgetcli.text.frame import frame_grid
from budgetcli.text.grid import Grid
from budgetcli.text.numbers import amounts_label, fmt_amount, level_label
from budgetcli.text.page import Shown, shown_page
from budgetcli.text.summary import summary_grid

if TYPE_CHECKING:
    import jinja2

#: the metrics charted, with their titles
CHARTED = (("savings", "Savings"), ("investments", "Investments"), ("net", "Net change"))


@dataclass(frozen=True)
class Table:
    """A ``Grid`` as the templates draw it; ``name`` is its ``data-table`` (the tests find a
    table by it); ``labels`` name each column whole (its group and its name: ``Net 2025``),
    shown beside each figure when a phone stacks the table's rows."""

    name: str
    grid: Grid
    labels: list[str]
    #: the group line as cells: each group's text and how many columns it spans
    spans: list[tuple[str, int]]

    @property
    def per_row(self) -> int:
        """How many figures a phone shows in a row when it stacks the table: one a year when
        the figures' columns are years (a year's under each, as in the table), else one."""
        figures = self.grid.columns[self.grid.left :]
        if not figures or not all(c.isdigit() for c in figures):
            return 1
        return len(set(figures))

    @property
    def starts(self) -> set[int]:
        """The columns that begin a group after the first (a rule on their left)."""
        at, starts = 0, set()
        for i, (_, n) in enumerate(self.spans):
            if i > 1:
                starts.add(at)
            at += n
        return starts


def table(name: str, grid: Grid, title: str | None = None) -> Table:
    grid = grid if title is None else replace(grid, title=title)
    return Table(name, grid, labels_of(grid), spans_of(grid))


def spans_of(grid: Grid) -> list[tuple[str, int]]:
    """The group line's cells: the text columns one empty cell, then each group over its
    column and the unnamed ones after it."""
    if not grid.groups:
        return []
    spans = [("", grid.left)]
    for group in grid.groups[grid.left :]:
        if group or len(spans) == 1:
            spans.append((group, 1))
        else:
            spans[-1] = (spans[-1][0], spans[-1][1] + 1)
    return spans


def labels_of(grid: Grid) -> list[str]:
    """Each column's name with the group over it (a group heads the columns up to the next):
    ``["Area", "2024 Savings", …]``, or the name alone where there is no group."""
    labels, group = [], ""
    for i, column in enumerate(grid.columns):
        if i < len(grid.groups) and grid.groups[i]:
            group = grid.groups[i]
        labels.append(f"{group} {column}".strip() if i >= grid.left else column)
    return labels


def site(pub: Publication) -> dict[str, bytes]:
    """The site of ``pub``: relative path -> content."""
    import jinja2

    env = _environment(jinja2)
    common = _common(pub)
    proposals = [_proposal(p, pub) for p in pub.proposals]
    files: dict[str, str] = {
        "index.html": env.get_template("index.html").render(_index(pub), site=common, root=""),
        "catalogue.html": env.get_template("catalogue.html").render(
            site=common, root="", proposals=proposals
        ),
    }
    page = env.get_template("proposal.html")
    for p in proposals:
        files[f"proposals/{p['id']}.html"] = page.render(site=common, root="../", p=p)
    from budgetcli.publish.sitetemplates import STYLE

    files["style.css"] = STYLE
    files["plotly.min.js"] = _plotlyjs()
    return {name: text.encode("utf-8") for name, text in files.items()}


def _plotlyjs() -> str:
    """plotly.js, as the plotly package bundles it (plotly has no type hints: the one call
    is typed here)."""
    import importlib

    offline = importlib.import_module("plotly.offline")
    text = offline.get_plotlyjs()
    assert isinstance(text, str)
    return text


def _environment(jinja: Any) -> jinja2.Environment:
    """The templates of ``sitetemplates``, autoescaped."""
    from budgetcli.publish.sitetemplates import TEMPLATES

    env: jinja2.Environment = jinja.Environment(
        loader=jinja.DictLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def _common(pub: Publication) -> dict[str, Any]:
    """What every page's frame shows."""
    meta = pub.meta
    years = meta.years
    return {
        "title": f"{meta.municipality} · {meta.title}",
        "municipality": meta.municipality,
        "span": str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}",
        "amounts": amounts_label(meta.unit, pub.level),
        "prices": level_label(pub.level),
        "statuses": ", ".join(s.value for s in pub.statuses),
        "command": pub.command,
        "print_title": css_string(f"{meta.municipality} · {meta.title}"),
    }


def css_string(text: str) -> str:
    """``text`` as a CSS string in a ``<style>`` element (the printed page's header): every
    character that could end the string, the rule or the element (``"``, ``\\``, ``<``, ``>``,
    ``&``, a control character) escaped as CSS writes it (``\\22 ``), marked safe so the
    template's autoescape, which a ``<style>`` would show as written, leaves it."""
    from markupsafe import Markup

    escaped = "".join(
        f"\\{ord(ch):x} " if ch in "\"\\<>&'" or ord(ch) < 0x20 or ord(ch) == 0x7F else ch
        for ch in text
    )
    return Markup(f'"{escaped}"')


# --- the overview --------------------------------------------------------------------------


def _index(pub: Publication) -> dict[str, Any]:
    years = pub.meta.years
    by_area = pub.by_area
    summary = [
        table(f"summary-area-{y}", summary_grid(by_area.only(y), shares=True), str(y))
        for y in years
    ]
    overview = table("overview", years_grid(by_area), "Savings, investments and net by year")
    frames = (
        []
        if pub.frames is None
        else [table(f"frame-{f.name}", frame_grid(pub.frames, f)) for f in pub.frames.frames]
    )
    charts = _charts(pub)
    proposals = [_list_row(p, pub, years) for p in pub.proposals]
    columns = [{"label": c, "number": False} for c in ("Id", "Title", "Status", "Kind")]
    columns.append({"label": "Committee", "number": False})
    columns += [{"label": f"Net {y}", "number": True} for y in years]
    return {
        "overview": overview,
        "summary": summary,
        "frames": frames,
        "charts": charts,
        "chart_json": _script_json([c["spec"] for c in charts]),
        "proposals": proposals,
        "list_columns": columns,
        "filters": [
            {"key": key, "label": label, "options": sorted({p[key] for p in proposals} - {""})}
            for key, label in (("status", "Status"), ("committee", "Committee"), ("kind", "Kind"))
        ],
    }


#: the overview's groups of columns, a column per year in each
OVERVIEW_METRICS = (("savings", "Savings"), ("investments", "Investments"), ("net", "Net"))


def years_grid(summary: Summary) -> Grid:
    """The summary by area with the years as columns, in a group per figure (savings,
    investments, net), as a budget document has it; the total in the footer."""
    years = summary.years
    groups = [
        "",
        *(name if i == 0 else "" for _, name in OVERVIEW_METRICS for i in range(len(years))),
    ]
    columns = ["Area", *(str(y) for _ in OVERVIEW_METRICS for y in years)]

    def cells(by_year: dict[int, Figures]) -> list[str]:
        return [fmt_amount(getattr(by_year[y], m)) for m, _ in OVERVIEW_METRICS for y in years]

    rows = [[row.label, *cells(row.years)] for row in summary.rows]
    return Grid("", columns, rows, [["Total", *cells(summary.total)]], groups)


def _list_row(p: Proposal, pub: Publication, years: Sequence[int]) -> dict[str, Any]:
    figures = pub.figures[p.id]
    return {
        "id": p.id,
        "href": f"proposals/{p.id}.html",
        "title": p.title,
        "status": p.status.value,
        "kind": p.kind.value,
        "committee": p.committee or "",
        "net": [{"text": fmt_amount(figures[y].net), "sort": figures[y].net} for y in years],
    }


def _charts(pub: Publication) -> list[dict[str, Any]]:
    """Savings, investments and net change per area (and per committee, when there are
    several) and year, as grouped bars: plotly figure specs (plain JSON: amounts stay ints)."""
    groups: list[tuple[str, str, Summary]] = [("area", "area", pub.by_area)]
    if len(pub.by_committee.rows) > 1:
        groups.append(("committee", "committee", pub.by_committee))
    unit = amounts_label(pub.meta.unit, pub.level)
    charts = []
    for key, noun, summary in groups:
        if not summary.rows:
            continue
        for metric, name in CHARTED:
            chart_id = f"chart-{metric}-{key}"
            title = f"{name} per {noun} and year"
            charts.append(
                {"id": chart_id, "title": title, "spec": _bars(chart_id, summary, metric, unit)}
            )
    return charts


def chart_text(text: str) -> str:
    """A text of the data as plotly shows it, never as markup: plotly reads tags (``<a
    href>``, ``<b>``, ``<br>`` …) and entities (``&lt;``) in every label, hover, legend and
    title, so ``&``, ``<`` and ``>`` are written as entities, which it shows as the characters.
    (``"`` is left: plotly does not read ``&quot;``, and no tag can be made without ``<``.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _bars(chart_id: str, summary: Summary, metric: str, unit: str) -> dict[str, Any]:
    """A grouped bar chart: a bar per row of ``summary`` in each year (a trace per year).
    The hover shows the amount as ``text.numbers`` formats it; the axis is formatted by plotly
    with Danish separators (``separators``: decimal comma, thousands point). Every text from
    the data goes through ``chart_text``."""
    keys = [chart_text(row.key) for row in summary.rows]
    data = []
    for year in summary.years:
        values = [getattr(row.years[year], metric) for row in summary.rows]
        data.append(
            {
                "type": "bar",
                "name": str(year),
                "x": keys,
                "y": values,
                "text": [fmt_amount(v) for v in values],
                "customdata": [chart_text(row.label) for row in summary.rows],
                "textposition": "none",
                "hovertemplate": "%{customdata}<br>" + str(year) + ": %{text}<extra></extra>",
            }
        )
    layout = {
        "barmode": "group",
        "separators": ",.",
        "autosize": True,
        "height": 340,
        "margin": {"l": 70, "r": 10, "t": 40, "b": 80},
        "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        "xaxis": {"type": "category", "automargin": True},
        "yaxis": {"tickformat": ",d", "title": {"text": chart_text(unit)}, "zeroline": True},
        "font": {"family": "system-ui, sans-serif", "size": 12},
    }
    return {"id": chart_id, "data": data, "layout": layout}


def _script_json(value: Any) -> str:
    """``value`` as JSON to put inside a ``<script>`` element: no ``<`` (so no ``</script>``)
    and no ``&`` (the template's autoescape is undone by ``Markup``)."""
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


# --- a proposal ------------------------------------------------------------------------------


def _proposal(p: Proposal, pub: Publication) -> dict[str, Any]:
    """A proposal's page: ``show``'s page (``text.page``), with where it was read from."""
    page = shown_page(Shown(p, pub.figures[p.id], pub.meta))
    head = list(page.head)
    if p.source is not None:
        head.append(("Source", f"{p.source.document}, page {p.source.page}"))
    merged: list[tuple[str, list[str]]] = []
    for label, value in head:  # a label repeated for each of its values (the areas): one
        if merged and merged[-1][0] == label:
            merged[-1][1].append(value)
        else:
            merged.append((label, [value]))
    names = ["economic", "staffing", "components", "allocations"]
    tables = [table(_grid_name(g, names), g) for g in page.grids]
    return {
        "id": p.id,
        "title": page.title,
        "head": merged,
        "tables": tables,
        "notes": page.notes,
        "paragraphs": _paragraphs(page.description),
    }


def _grid_name(grid: Grid, names: list[str]) -> str:
    """The ``data-table`` of a proposal's grid, from its title."""
    title = grid.title.lower()
    for name in names:
        if title.startswith(name):
            return name
    return "grid"


def _paragraphs(text: str) -> list[str]:
    """The description's paragraphs (separated by a blank line), each on one line."""
    blocks = [" ".join(line.strip() for line in b.splitlines()) for b in text.split("\n\n")]
    return [b.strip() for b in blocks if b.strip()]
