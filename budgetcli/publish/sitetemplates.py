"""The templates of ``budgetcli report`` (``site.py``): Jinja2 source as Python strings, so the
package needs no data files. Rendered with autoescape on: every value is text to show, never
markup. ``root`` is the way from a page to the site's top folder (``""`` or ``"../"``).
No word of a page is written here: each is one of ``WORDS`` (English, marked for the catalogue),
which ``site.py`` hands to the templates as ``w``, translated into the budget's language.
"""

from __future__ import annotations

from budgetcli.text.i18n import N_

#: the words of the pages, English (the catalogue's source); ``site.words`` translates them
WORDS: dict[str, str] = {
    "overview": N_("Overview"),
    "catalogue": N_("Catalogue"),
    "print": N_("Catalogue (print)"),
    "back": N_("← All proposals"),
    "by_area": N_("Overview by area"),
    "year_by_year": N_("Summary by area, year by year"),
    "frames": N_("Frame position"),
    "charts": N_("Charts"),
    "all": N_("all"),
}

#: the frame of every page: the style sheet, the viewport for phones, a header and a footer
BASE = """\
<!DOCTYPE html>
<html lang="{{ site.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ site.title }}{% endblock %}</title>
<link rel="stylesheet" href="{{ root }}style.css">
<style>@page { @top-left { content: {{ site.print_title }}; } @bottom-right { content: {{ site.page_number }}; } }</style>
</head>
<body>
<header class="site">
<nav class="links"><a href="{{ root }}index.html">{{ w.overview }}</a> · <a href="{{ root }}catalogue.html">{{ w.print }}</a>{% for f in site.followups %} · <a href="{{ root }}followups/{{ f.id }}.html">{{ f.name }}</a>{% endfor %}</nav>
<p class="municipality">{{ site.municipality }}</p>
</header>
<main>
{% block main %}{% endblock %}
</main>
<footer class="site">
<p>{{ site.counted }}</p>
<p>{{ site.made[0] }}<code>{{ site.command }}</code>{{ site.made[1] }}</p>
</footer>
{% block scripts %}{% endblock %}
</body>
</html>
"""

#: a ``text.grid.Grid`` as a table (``t``: a ``site.Table``), in a box that scrolls sideways
MACROS = """\
{% macro grid(t) -%}
<section class="grid">
{% if t.grid.title %}<h3>{{ t.grid.title }}</h3>{% endif %}
<div class="scroll stack">
<table data-table="{{ t.name }}"{% if t.per_row > 1 %} class="years" style="--per-row: {{ t.per_row }}"{% endif %}>
<thead>
{% if t.spans %}<tr class="groups">{% for g, n in t.spans %}<th{% if n > 1 %} colspan="{{ n }}"{% endif %}{% if loop.index0 %} scope="colgroup"{% endif %}{% if loop.index0 > 1 %} class="start"{% endif %}>{{ g }}</th>{% endfor %}</tr>{% endif %}
<tr>{% for c in t.grid.columns %}<th scope="col" class="{% if loop.index0 >= t.grid.left %}num{% endif %}{% if loop.index0 in t.starts %} start{% endif %}">{{ c }}</th>{% endfor %}</tr>
</thead>
<tbody>
{% for row in t.grid.rows %}<tr{% if loop.index0 in t.grid.level_rows %} class="level"{% endif %}>{% for c in row %}{% if loop.index0 < t.grid.left %}<th scope="row">{{ c }}</th>{% else %}<td class="num{% if loop.index0 in t.starts %} start{% endif %}" data-label="{{ t.labels[loop.index0] }}">{{ c }}</td>{% endif %}{% endfor %}</tr>
{% endfor %}
</tbody>
{% if t.grid.footer %}<tfoot>
{% for row in t.grid.footer %}<tr>{% for c in row %}{% if loop.index0 < t.grid.left %}<th scope="row">{{ c }}</th>{% else %}<td class="num{% if loop.index0 in t.starts %} start{% endif %}" data-label="{{ t.labels[loop.index0] }}">{{ c }}</td>{% endif %}{% endfor %}</tr>
{% endfor %}
</tfoot>{% endif %}
</table>
</div>
{% if t.grid.caption %}<p class="caption">{{ t.grid.caption }}</p>{% endif %}
</section>
{%- endmacro %}

{% macro proposal(p, root) -%}
<article class="proposal" id="{{ p.id }}">
<h2>{{ p.title }}</h2>
<dl class="head">
{% for label, values in p.head %}<div><dt>{{ label }}</dt><dd>{% for v in values %}{{ v }}{% if not loop.last %}<br>{% endif %}{% endfor %}</dd></div>
{% endfor %}
</dl>
<div class="tables">
{% for t in p.tables %}{{ grid(t) }}
{% endfor %}
</div>
{% if p.notes %}<section class="notes"><h3>{{ p.headings[0] }}</h3>
<ul>{% for note in p.notes %}<li>{{ note }}</li>{% endfor %}</ul>
</section>{% endif %}
{% if p.paragraphs %}<section class="description"><h3>{{ p.headings[1] }}</h3>
{% for para in p.paragraphs %}<p>{{ para }}</p>
{% endfor %}
</section>{% endif %}
</article>
{%- endmacro %}
"""

#: ``index.html``: the overview, the charts and the list of proposals
INDEX = """\
{% extends "base.html" %}
{% from "macros.html" import grid %}
{% block main %}
<h1>{{ site.title }}</h1>
<p class="lead">{{ site.lead }}</p>

<section id="overview">
<h2>{{ w.by_area }}</h2>
{{ grid(overview) }}
</section>

<section id="summary">
<h2>{{ w.year_by_year }}</h2>
{% for t in summary %}{{ grid(t) }}
{% endfor %}
</section>

{% if frames %}<section id="frames">
<h2>{{ w.frames }}</h2>
{% for t in frames %}{{ grid(t) }}
{% endfor %}
</section>{% endif %}

{% if charts %}<section id="charts">
<h2>{{ w.charts }}</h2>
{% for c in charts %}<figure class="chart-box">
<figcaption>{{ c.title }}</figcaption>
<div class="chart" id="{{ c.id }}" data-chart="{{ c.id }}"></div>
</figure>
{% endfor %}
</section>{% endif %}

<section id="proposals">
<h2>{{ shown_head[0] }}<span id="shown">{{ proposals|length }}</span>{{ shown_head[1] }}</h2>
<form class="filters" onsubmit="return false">
{% for f in filters %}<label>{{ f.label }}
<select data-filter="{{ f.key }}"><option value="">{{ w.all }}</option>{% for v, shown in f.options %}<option value="{{ v }}">{{ shown }}</option>{% endfor %}</select>
</label>
{% endfor %}
</form>
<div class="scroll stack">
<table id="proposal-list" data-table="proposals" class="sortable">
<thead><tr>
{% for c in list_columns %}<th scope="col"{% if c.number %} class="num"{% endif %} data-type="{{ 'number' if c.number else 'text' }}"><button type="button">{{ c.label }}</button></th>{% endfor %}
</tr></thead>
<tbody>
{% for p in proposals %}<tr data-status="{{ p.status }}" data-committee="{{ p.committee }}" data-kind="{{ p.kind }}">
<th scope="row"><a href="{{ p.href }}">{{ p.id }}</a></th><td class="title">{{ p.title }}</td><td data-label="{{ list_columns[2].label }}">{{ p.status_shown }}</td><td data-label="{{ list_columns[3].label }}">{{ p.kind_shown }}</td><td data-label="{{ list_columns[4].label }}">{{ p.committee }}</td>
{% for cell in p.net %}<td class="num" data-sort="{{ cell.sort }}" data-label="{{ list_columns[5 + loop.index0].label }}">{{ cell.text }}</td>{% endfor %}
</tr>
{% endfor %}
</tbody>
</table>
</div>
<p class="caption">{{ list_caption }}</p>
</section>
{% endblock %}
{% block scripts %}
{% if charts %}<script src="plotly.min.js"></script>
<script type="application/json" id="chart-specs">{{ chart_json }}</script>
<script>
(function () {
  if (!window.Plotly) { return; }
  var specs = JSON.parse(document.getElementById("chart-specs").textContent);
  specs.forEach(function (s) {
    Plotly.newPlot(s.id, s.data, s.layout, {displaylogo: false, displayModeBar: false, responsive: true});
  });
})();
</script>{% endif %}
<script>
(function () {
  var table = document.getElementById("proposal-list");
  var body = table.tBodies[0];
  var selects = document.querySelectorAll("select[data-filter]");
  function filter() {
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var keep = true;
      selects.forEach(function (s) {
        if (s.value && row.getAttribute("data-" + s.getAttribute("data-filter")) !== s.value) { keep = false; }
      });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    document.getElementById("shown").textContent = shown;
  }
  selects.forEach(function (s) { s.addEventListener("change", filter); });
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (th, column) {
    th.querySelector("button").addEventListener("click", function () {
      var up = th.getAttribute("aria-sort") !== "ascending";
      var number = th.getAttribute("data-type") === "number";
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column], y = b.cells[column], d;
        if (number) { d = Number(x.getAttribute("data-sort")) - Number(y.getAttribute("data-sort")); }
        else { d = x.textContent.localeCompare(y.textContent, "da"); }
        return up ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
    });
  });
})();
</script>
{% endblock %}
"""

#: ``proposals/<id>.html``: one proposal, laid out like the template's page
PROPOSAL = """\
{% extends "base.html" %}
{% from "macros.html" import proposal as shown %}
{% block title %}{{ p.title }} · {{ site.title }}{% endblock %}
{% block main %}
<p class="back"><a href="{{ root }}index.html">{{ w.back }}</a></p>
{{ shown(p, root) }}
{% endblock %}
"""

#: ``catalogue.html``: every proposal in one document, one a printed page
CATALOGUE = """\
{% extends "base.html" %}
{% from "macros.html" import proposal as shown %}
{% block title %}{{ w.catalogue }} · {{ site.title }}{% endblock %}
{% block main %}
<section class="cover">
<h1>{{ site.title }}</h1>
<p class="lead">{{ site.cover }}</p>
<ol class="contents">{% for p in contents %}<li><a href="#{{ p.id }}">{{ p.title }}</a> ({{ p.id }})</li>{% endfor %}</ol>
</section>
{% for p in proposals %}{{ shown(p, root) }}
{% endfor %}
{% endblock %}
"""

#: ``style.css``: readable on a phone (tables scroll sideways), and a print style sheet that
#: starts each proposal on a new page
STYLE = """\
:root { --ink: #1d2430; --muted: #5a6473; --rule: #d5dbe3; --band: #f3f5f8; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
header.site, main, footer.site { max-width: 90rem; margin: 0 auto; padding: 0 1rem; }
header.site { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: .5rem; border-bottom: 1px solid var(--rule); padding-top: .5rem; padding-bottom: .5rem; }
header.site p { margin: 0; color: var(--muted); }
footer.site { border-top: 1px solid var(--rule); margin-top: 2rem; color: var(--muted); font-size: .875rem; }
footer.site code { word-break: break-all; }
a { color: var(--accent); }
h1 { font-size: 1.75rem; line-height: 1.2; margin: 1rem 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
.lead, .caption { color: var(--muted); }
.caption { font-size: .875rem; margin: .3rem 0 0; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; max-width: 100%; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: .9rem; }
th, td { padding: .3rem .55rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
tbody th { font-weight: normal; }
.num { text-align: right; white-space: nowrap; }
#summary table, #frames table { width: 100%; }
tr.groups th { border-bottom: 1px solid var(--rule); font-weight: bold; text-align: center; }
th.start, td.start { border-left: 1px solid var(--rule); }
tr.level td { color: var(--muted); }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid var(--ink); }
tbody tr:nth-child(even) { background: var(--band); }
dl.head { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .25rem 1.5rem; margin: .5rem 0 1rem; }
dl.head div { border-bottom: 1px solid var(--rule); padding: .2rem 0; }
dt { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
dd { margin: 0; }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: .5rem 0; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
.filters select { font: inherit; color: var(--ink); padding: .25rem; min-width: 10rem; }
table.sortable th button { font: inherit; font-weight: bold; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
table.sortable th[aria-sort="ascending"] button::after { content: " ▲"; }
table.sortable th[aria-sort="descending"] button::after { content: " ▼"; }
#charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; }
#charts h2 { grid-column: 1 / -1; margin-bottom: 0; }
figure.chart-box { margin: 0; border: 1px solid var(--rule); padding: .5rem; min-width: 0; }
figure.chart-box figcaption { font-weight: bold; }
.chart { width: 100%; height: 340px; }
#proposal-list tbody th { white-space: nowrap; }
.description p { max-width: 48rem; }
.back { margin: 1rem 0 0; }
ol.contents { padding-left: 1.5rem; }
@media screen and (max-width: 40rem) {
  body { font-size: 15px; }
  h1 { font-size: 1.4rem; }
  th, td { padding: .25rem .4rem; }
  /* a phone: each row of a table a block of its own, each figure beside its column's name,
     so nothing is cut at the screen's edge and nothing hides behind a scroll */
  .stack table, .stack tbody, .stack tfoot, .stack tr { display: block; width: 100%; }
  .stack thead { display: none; }
  .stack tr { padding: .35rem 0; border-bottom: 1px solid var(--rule); }
  .stack th, .stack td { display: block; border: 0; padding: .05rem .25rem; }
  .stack th[scope="row"] { font-weight: bold; }
  .stack td[data-label] { display: flex; justify-content: space-between; gap: 1rem; text-align: right; }
  .stack td[data-label]::before { content: attr(data-label); color: var(--muted); text-align: left; }
  .stack td:empty { display: none; }
  /* a table of years: each row's figures a year to a column, the year over each */
  .stack table.years tr { display: grid; grid-template-columns: repeat(var(--per-row), minmax(0, 1fr)); column-gap: .5rem; }
  .stack table.years th[scope="row"] { grid-column: 1 / -1; }
  .stack table.years td[data-label] { display: block; padding: .05rem .25rem 0 0; text-align: right; }
  .stack table.years td[data-label]::before { display: block; font-size: .7rem; font-weight: normal; line-height: 1.2; text-align: right; white-space: normal; }
  .stack table.years td:empty { display: block; }
  .stack tfoot tr { border-top: 2px solid var(--ink); }
  .stack tfoot th, .stack tfoot td { border: 0; }
  #proposal-list tbody th { white-space: normal; overflow-wrap: anywhere; }
  /* the list's column names stay, as a row of buttons to sort by */
  #proposal-list thead { display: block; }
  #proposal-list thead tr { display: flex; flex-wrap: wrap; gap: .25rem .9rem; border-bottom: 2px solid var(--ink); }
  #proposal-list thead th { display: block; border: 0; padding: 0; }
  dl.head { grid-template-columns: 1fr; }
}
@media print {
  /* the budget's name at the top, the page number at the bottom (each page's <style>: their
     words are the page's language) */
  @page {
    size: A4; margin: 16mm 14mm 16mm 14mm;
    @top-left { font: 8pt system-ui, sans-serif; color: #5a6473; }
    @bottom-right { font: 8pt system-ui, sans-serif; color: #5a6473; }
  }
  body { font-size: 9pt; }
  main { max-width: none; padding: 0; }
  article.proposal h2 { margin-top: 0; }
  dl.head { grid-template-columns: repeat(4, 1fr); font-size: 8.5pt; margin: .25rem 0 .5rem; }
  /* a proposal's tables two by two, so one proposal is one page (a long description goes on) */
  .tables { display: grid; grid-template-columns: 1fr 1fr; gap: 0 6mm; align-items: start; }
  .tables h3 { margin: .6rem 0 .2rem; }
  .tables table { font-size: 7.5pt; }
  .tables th, .tables td { white-space: nowrap; }
  .description { column-count: 2; column-gap: 6mm; }
  .description h3 { column-span: all; }
  th, td { padding: .1rem .3rem; }
  header.site, nav.links, .back, .filters, #charts, footer.site { display: none; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
  table { font-size: 8pt; }
  tbody tr:nth-child(even) { background: none; }
  section.grid, dl.head, tr { page-break-inside: avoid; break-inside: avoid; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  .cover { page-break-after: always; break-after: page; }
  article.proposal { page-break-after: always; break-after: page; }
  article.proposal:last-child { page-break-after: auto; break-after: auto; }
}
"""

#: ``followups/<id>.html``: a budget follow-up, its tables as ``followup`` prints them
FOLLOWUP = """\
{% extends "base.html" %}
{% from "macros.html" import grid %}
{% block title %}{{ f.heading }} · {{ site.title }}{% endblock %}
{% block main %}
<article class="followup">
<h1>{{ f.heading }}</h1>
<p class="lead">{{ f.lead }}</p>
{% for t in f.tables[:1] %}{{ grid(t) }}{% endfor %}
<ul class="positions">{% for line in f.positions %}<li>{{ line }}</li>{% endfor %}</ul>
{% if f.notes %}<ul class="notes">{% for line in f.notes %}<li>{{ line }}</li>{% endfor %}</ul>{% endif %}
{% for t in f.tables[1:] %}{{ grid(t) }}
{% endfor %}
</article>
{% endblock %}
"""

TEMPLATES: dict[str, str] = {
    "base.html": BASE,
    "macros.html": MACROS,
    "index.html": INDEX,
    "proposal.html": PROPOSAL,
    "catalogue.html": CATALOGUE,
    "followup.html": FOLLOWUP,
}
