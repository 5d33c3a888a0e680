"""``budgetcli report``: the catalogue as a static web site (``site``), for the council and the
public. Pages: ``index.html`` (the summary per year and area, the frame position, charts, and
the list of proposals to filter and sort), ``proposals/<id>.html`` (a page per proposal, laid
out like ``show``'s), ``catalogue.html`` (every proposal in one document, one a printed page),
``style.css`` and ``plotly.min.js`` (the charts' library, written beside the pages: the site
opens without a network).

Layout only: every figure shown is one of the ``Publication``'s (the proposals' ``figures``,
``by_area``, ``by_committee``, ``frames``), formatted as Danish numbers by ``text.numbers``.
Every word is the catalogue's (``text.i18n``), in the language ``pub.meta.language`` names (the
command line sets it: ``--lang``, else the budget's own, else the locale's; English if unset):
the templates' words (``sitetemplates.WORDS``), the tables of ``text/`` (a ``Reading``), the
charts' titles and axis, the printed page's number, ``<html lang>``. The numbers are Danish in
either language, so the figures are the same whichever it is.
jinja2 and plotly are imported only when a site is made (start-up time of every other command).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from budgetcli.core.calc import Figures, Summary
from budgetcli.core.domain import Proposal
from budgetcli.core.lazyclasses import dataclass
from budgetcli.core.publication import Publication
from budgetcli.text.frame import frame_grid
from budgetcli.text.grid import Grid
from budgetcli.text.i18n import LANGUAGES, N_, Reading, language
from budgetcli.text.numbers import amounts_label, fmt_amount, value_label
from budgetcli.text.page import Shown, shown_page
from budgetcli.text.summary import summary_grid

if TYPE_CHECKING:
    import jinja2

    from budgetcli.core.followup import Computed

#: the metrics charted, with each chart's title per area and per committee
CHARTED = (
    ("savings", N_("Savings per area and year"), N_("Savings per committee and year")),
    ("investments", N_("Investments per area and year"), N_("Investments per committee and year")),
    ("net", N_("Net change per area and year"), N_("Net change per committee and year")),
)


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


def reading_of(pub: Publication) -> Reading:
    """How the site reads: Danish numbers, in the language ``pub.meta.language`` names (the
    source, English, when it names none)."""
    code = pub.meta.language if pub.meta.language in LANGUAGES else "en"
    return Reading(danish=True, lang=language(code or "en"))


def words(reading: Reading) -> dict[str, str]:
    """The templates' words (``w``) in the reader's language."""
    from budgetcli.publish.sitetemplates import WORDS

    return {key: reading.gettext(message) for key, message in WORDS.items()}


def around(text: str, name: str) -> tuple[str, str]:
    """The text before and after ``{name}`` in ``text`` (a translated message), so a template
    puts markup of its own (a ``<span>``, a ``<code>``) where the message has the value."""
    before, _, after = text.partition("{" + name + "}")
    return before, after


#: a file of the site: its path in the folder, and its content in pieces, made as they are
#: read (a page is written as it is rendered: at 100,000 proposals the catalogue alone is half
#: a gigabyte, and every page held at once was several)
File = tuple[str, Iterable[bytes]]
#: how many characters of a page are encoded and handed on at once
PIECE = 1 << 16


def site(pub: Publication) -> dict[str, bytes]:
    """The site of ``pub``: relative path -> content, every file held whole (``report``
    writes ``site_files`` as they are made)."""
    return {name: b"".join(content) for name, content in site_files(pub)}


#: a file of the site as it is laid out: its path, its template (``None``: the file is the
#: context's ``text`` as it is) and what the template is given
Laid = tuple[str, str | None, dict[str, Any]]


def pages(pub: Publication) -> Iterator[Laid]:
    """Each file of the site of ``pub`` laid out, in ``site``'s order, each only when it is
    reached: one proposal's page is held at a time (the catalogue's proposals are laid out
    again as its template reaches each)."""
    reading = reading_of(pub)
    frame = {"site": _common(pub, reading), "w": words(reading)}
    yield "index.html", "index.html", {**_index(pub, reading), **frame, "root": ""}
    proposals = _Laid(pub, reading)
    catalogue = {"contents": _Contents(pub), "proposals": proposals}
    yield "catalogue.html", "catalogue.html", {**catalogue, **frame, "root": ""}
    for p in proposals:
        yield f"proposals/{p['id']}.html", "proposal.html", {**frame, "root": "../", "p": p}
    for c in pub.followups:
        f = _followup(c, reading)
        yield f"followups/{c.followup.id}.html", "followup.html", {**frame, "root": "../", "f": f}
    from budgetcli.publish.sitetemplates import STYLE

    yield "style.css", None, {"text": STYLE}
    yield "plotly.min.js", None, {"text": _plotlyjs()}


def site_files(pub: Publication) -> Iterator[File]:
    """Each file of the site of ``pub`` as it is made (``pages``, rendered), in ``site``'s
    order: its relative path and its content in pieces. Read each file's content before
    asking for the next: a page is rendered only then."""
    import jinja2

    env = _environment(jinja2)
    for name, template, context in pages(pub):
        if template is None:
            yield name, (context["text"].encode("utf-8"),)
        else:
            yield name, _rendered(env, template, context)


def _rendered(env: jinja2.Environment, name: str, context: dict[str, Any]) -> Iterator[bytes]:
    """The page of template ``name`` in UTF-8, rendered as it is read, a ``PIECE`` at a time
    (the same bytes as ``render``: it joins the same pieces)."""
    pieces, held = list[str](), 0
    for piece in env.get_template(name).generate(context):
        pieces.append(piece)
        held += len(piece)
        if held >= PIECE:
            yield "".join(pieces).encode("utf-8")
            pieces, held = [], 0
    yield "".join(pieces).encode("utf-8")


@dataclass(frozen=True)
class _Contents:
    """The catalogue's contents: each proposal's id and title (its page's title), read as
    they are reached, not laid out."""

    pub: Publication

    def __iter__(self) -> Iterator[dict[str, str]]:
        return ({"id": p.id, "title": p.title} for p in self.pub.proposals)


@dataclass(frozen=True)
class _Laid:
    """The proposals' pages laid out (``_proposal``), each as it is reached, again at each
    reading: the catalogue reads them twice (the contents, then the pages), the pages once."""

    pub: Publication
    reading: Reading

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return (_proposal(p, self.pub, self.reading) for p in self.pub.proposals)


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


def _common(pub: Publication, reading: Reading) -> dict[str, Any]:
    """What every page's frame shows, in the reader's language."""
    meta = pub.meta
    years = meta.years
    _ = reading.gettext
    span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    amounts = amounts_label(meta.unit, pub.level, reading)
    statuses = ", ".join(value_label(s.value, reading) for s in pub.statuses)
    count = len(pub.proposals)
    counted = reading.ngettext("{count} proposal", "{count} proposals", count)
    in_amounts = _("amounts in {amounts}").format(amounts=amounts)
    return {
        "lang": reading.lang.code,
        "title": f"{meta.municipality} · {meta.title}",
        "municipality": meta.municipality,
        "lead": f"{span} · {in_amounts}",
        "cover": f"{meta.municipality} · {span} · {counted.format(count=count)} · {in_amounts}",
        "counted": _("Amounts in {amounts}; statuses counted: {statuses}").format(
            amounts=amounts, statuses=statuses
        ),
        "made": around(_("Made by {command}."), "command"),
        "command": pub.command,
        "print_title": css_string(f"{meta.municipality} · {meta.title}"),
        "page_number": page_number(_("Page {page} of {pages}")),
        "followups": [{"id": c.followup.id, "name": c.followup.name} for c in pub.followups],
    }


def _followup(c: Computed, reading: Reading) -> dict[str, Any]:
    """A follow-up's page: its tables as ``followup`` prints them, and the frame position."""
    from budgetcli.text import followup as text

    f = c.followup
    _ = reading.gettext
    made = (
        ("followup", text.main_grid(text.Shown(c), reading)),
        ("changes", text.changes_grid(c, reading)),
        ("realisation", text.realisation_grid(c, reading)),
        ("carry-over", text.carry_over_grid(c, reading)),
    )
    return {
        "heading": f"{f.name} {f.year}",
        "lead": _("Budget follow-up {name} {year} as of {date}").format(
            name=f.name, year=f.year, date=f.cut_off.isoformat()
        ),
        "tables": [table(name, grid) for name, grid in made if grid is not None],
        "positions": text.position_lines(c, reading),
        "notes": text.note_lines(c, reading),
    }


def page_number(message: str) -> str:
    """The printed page's number as CSS ``content`` (``"Side " counter(page) " af "
    counter(pages)``): the message's words as CSS strings, its ``{page}`` and ``{pages}`` the
    counters."""
    from markupsafe import Markup

    parts = []
    for i, piece in enumerate(re.split(r"\{(pages?)\}", message)):
        if i % 2:
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(str(css_string(piece)))
    return Markup(" ".join(parts))


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


def _index(pub: Publication, reading: Reading) -> dict[str, Any]:
    years = pub.meta.years
    by_area = pub.by_area
    _ = reading.gettext
    summary = [
        table(f"summary-area-{y}", summary_grid(by_area.only(y), reading, shares=True), str(y))
        for y in years
    ]
    overview = table(
        "overview", years_grid(by_area, reading), _("Savings, investments and net by year")
    )
    frames = (
        []
        if pub.frames is None
        else [
            table(f"frame-{f.name}", frame_grid(pub.frames, f, reading)) for f in pub.frames.frames
        ]
    )
    charts = _charts(pub, reading)
    proposals = [_list_row(p, pub, years, reading) for p in pub.proposals]
    amounts = amounts_label(pub.meta.unit, pub.level, reading)
    count = len(proposals)
    return {
        "overview": overview,
        "summary": summary,
        "frames": frames,
        "charts": charts,
        "chart_json": _script_json([c["spec"] for c in charts]),
        "proposals": proposals,
        "list_columns": _list_columns(years, reading),
        "shown_head": around(
            _("Proposals ({shown} of {count})").format(shown="{shown}", count=count), "shown"
        ),
        "list_caption": _(
            "Net change per year ({amounts}). Click a column's name to sort by it."
        ).format(amounts=amounts),
        "filters": [
            {"key": key, "label": _(label), "options": _options(proposals, key)}
            for key, label in LIST_FILTERS
        ],
    }


#: the list's filters: the key of a proposal's row and the filter's name
LIST_FILTERS = (("status", N_("Status")), ("committee", N_("Committee")), ("kind", N_("Kind")))


def _options(proposals: list[dict[str, Any]], key: str) -> list[tuple[str, str]]:
    """A filter's choices: each value of ``key`` the list has (what a row's ``data-`` holds)
    and how it is shown (a status or kind in the reader's words, a committee as it is)."""
    values = sorted({p[key] for p in proposals} - {""})
    shown = {p[key]: p.get(f"{key}_shown", p[key]) for p in proposals}
    return [(v, shown[v]) for v in values]


def _list_columns(years: Sequence[int], reading: Reading) -> list[dict[str, Any]]:
    """The list's columns: the proposal's words, then its net in each year."""
    _ = reading.gettext
    names = (_("Id"), _("Title"), _("Status"), _("Kind"), _("Committee"))
    columns = [{"label": c, "number": False} for c in names]
    net = _("Net {year}")
    return columns + [{"label": net.format(year=y), "number": True} for y in years]


#: the overview's groups of columns, a column per year in each
OVERVIEW_METRICS = (
    ("savings", N_("Savings")),
    ("investments", N_("Investments")),
    ("net", N_("Net")),
)


def years_grid(summary: Summary, reading: Reading) -> Grid:
    """The summary by area with the years as columns, in a group per figure (savings,
    investments, net), as a budget document has it; the total in the footer."""
    _ = reading.gettext
    years = summary.years
    groups = [
        "",
        *(_(name) if i == 0 else "" for _m, name in OVERVIEW_METRICS for i in range(len(years))),
    ]
    columns = [_("Area"), *(str(y) for _m in OVERVIEW_METRICS for y in years)]

    def cells(by_year: dict[int, Figures]) -> list[str]:
        return [fmt_amount(getattr(by_year[y], m)) for m, _n in OVERVIEW_METRICS for y in years]

    rows = [[row.label, *cells(row.years)] for row in summary.rows]
    return Grid("", columns, rows, [[_("Total"), *cells(summary.total)]], groups)


def _list_row(
    p: Proposal, pub: Publication, years: Sequence[int], reading: Reading
) -> dict[str, Any]:
    figures = pub.figures[p.id]
    return {
        "id": p.id,
        "href": f"proposals/{p.id}.html",
        "title": p.title,
        "status": p.status.value,
        "status_shown": value_label(p.status.value, reading),
        "kind": p.kind.value,
        "kind_shown": value_label(p.kind.value, reading),
        "committee": p.committee or "",
        "net": [{"text": fmt_amount(figures[y].net), "sort": figures[y].net} for y in years],
    }


def _charts(pub: Publication, reading: Reading) -> list[dict[str, Any]]:
    """Savings, investments and net change per area (and per committee, when there are
    several) and year, as grouped bars: plotly figure specs (plain JSON: amounts stay ints)."""
    groups: list[tuple[str, Summary]] = [("area", pub.by_area)]
    if len(pub.by_committee.rows) > 1:
        groups.append(("committee", pub.by_committee))
    unit = amounts_label(pub.meta.unit, pub.level, reading)
    charts = []
    for key, summary in groups:
        if not summary.rows:
            continue
        for metric, per_area, per_committee in CHARTED:
            chart_id = f"chart-{metric}-{key}"
            message = per_area if key == "area" else per_committee
            title = reading.gettext(message)
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


def _proposal(p: Proposal, pub: Publication, reading: Reading) -> dict[str, Any]:
    """A proposal's page: ``show``'s page (``text.page``), with where it was read from."""
    _ = reading.gettext
    page = shown_page(Shown(p, pub.figures[p.id], pub.meta), reading)
    head = list(page.head)
    if p.source is not None:
        where = _("{document}, page {page}").format(document=p.source.document, page=p.source.page)
        head.append((_("Source"), where))
    merged: list[tuple[str, list[str]]] = []
    for label, value in head:  # a label repeated for each of its values (the areas): one
        if merged and merged[-1][0] == label:
            merged[-1][1].append(value)
        else:
            merged.append((label, [value]))
    tables = [table(_grid_name(i, g, reading), g) for i, g in enumerate(page.grids)]
    return {
        "id": p.id,
        "title": page.title,
        "head": merged,
        "tables": tables,
        "notes": page.notes,
        "headings": page.headings,
        "paragraphs": paragraphs(page.description),
    }


#: the ``data-table`` of a proposal's grids after the first (the economic consequences), by
#: their titles (``text.page``'s)
GRID_NAMES = {
    N_("Staffing (full-time positions)"): "staffing",
    N_("Components"): "components",
    N_("Allocations"): "allocations",
}


def _grid_name(at: int, grid: Grid, reading: Reading) -> str:
    """The ``data-table`` of a proposal's grid, from where it is and its title."""
    if at == 0:
        return "economic"
    names = {reading.gettext(title): name for title, name in GRID_NAMES.items()}
    return names.get(grid.title, "grid")


def paragraphs(text: str) -> list[str]:
    """The description's paragraphs (separated by a blank line), each on one line."""
    blocks = [" ".join(line.strip() for line in b.splitlines()) for b in text.split("\n\n")]
    return [b.strip() for b in blocks if b.strip()]
