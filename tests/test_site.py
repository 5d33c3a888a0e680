"""``budgetcli report``: the static site (``publish.site``), held to ``summary`` and ``show``.

The pages are read back with the standard library's HTML parser: every figure of the overview's
summary tables is ``summary --format json``'s (the Danish text parsed back exactly), each
proposal page's economic table is ``show ID --format json``'s and the publication's figures;
every link resolves to a file of the site, no page refers to the network, every page reads on a
phone (``<meta name="viewport">``), and the print style sheet starts a proposal on a new page.
Then the command (exit codes, --force), and the pages in headless Chromium
(``examples/report_check.py``).
"""

from __future__ import annotations

import importlib.util
import json
import posixpath
import re
import shutil
from dataclasses import replace
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from budgetcli.core.publication import Publication, publication
from budgetcli.core.vocab import ACTIVE_STATUSES
from budgetcli.publish.site import site
from budgetcli.store.load import load_checked
from budgetcli.text.numbers import METRIC_HEADERS, fmt_amount, fmt_fte, fmt_percent
from tests.conftest import REPO, run

pytestmark = pytest.mark.store

FOLDERS = ["data", "examples/ishoej-2026-2029", "examples/prices-2024"]
SHARES = {"Budget": "budget", "After": "budget_after", "Change %": "change_pct"}


class Page(HTMLParser):
    """What the tests read of a page: its tables (by ``data-table``, each a list of rows of
    cell texts, the head rows first), the links, the ``<meta>`` names and the ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[str]]] = {}
        self.links: list[str] = []
        self.metas: set[str] = set()
        self.ids: set[str] = set()
        self.rows: list[dict[str, str]] = []  # the attributes of each <tr>
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if "id" in found:
            self.ids.add(found["id"])
        for name in ("href", "src"):
            if name in found:
                self.links.append(found[name])
        if tag == "meta" and "name" in found:
            self.metas.add(found["name"])
        if tag == "table":
            self._table = found.get("data-table", "")
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
            self.rows.append(found)
        elif tag in {"td", "th"} and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def parsed(content: bytes) -> Page:
    page = Page()
    page.feed(content.decode("utf-8"))
    page.close()
    return page


def amount(text: str) -> int:
    """A Danish amount read back (``-8.750`` -> -8750), exactly: it prints as it was read."""
    value = int(text.replace(".", ""))
    assert fmt_amount(value) == text
    return value


def fte(text: str) -> Decimal:
    value = Decimal(text.replace(",", "."))
    assert fmt_fte(value) == text
    return value


def percent(text: str) -> Decimal | None:
    if not text:
        return None
    value = Decimal(text.replace(",", "."))
    assert fmt_percent(value) == text
    return value


def number(value: int | float | None) -> Decimal | None:
    """A JSON number as the exact Decimal of its text (``-4.9`` -> ``Decimal('-4.9')``)."""
    return None if value is None else Decimal(str(value))


def published(folder: str, lang: str = "en") -> Publication:
    """The publication of ``folder`` in ``lang`` (as the command line sets it): English here,
    the words the tests read; ``tests/test_sitelang.py`` holds the Danish site to it."""
    checked = load_checked(REPO / folder, use_cache=False)
    assert checked.catalogue is not None
    pub = publication(checked.catalogue, ACTIVE_STATUSES, f"budgetcli report --data {folder}")
    return replace(pub, meta=replace(pub.meta, language=lang))


@pytest.fixture(scope="module", params=FOLDERS)
def made(request: pytest.FixtureRequest) -> tuple[str, Publication, dict[str, bytes]]:
    folder: str = request.param
    pub = published(folder)
    return folder, pub, site(pub)


def cli_json(runner: CliRunner, *args: str) -> Any:
    code, out, err = run(runner, *args)
    assert code == 0, err
    return json.loads(out)


def test_the_site_has_its_pages(made: tuple[str, Publication, dict[str, bytes]]) -> None:
    _, pub, files = made
    expected = {"index.html", "catalogue.html", "style.css", "plotly.min.js"}
    expected |= {f"proposals/{p.id}.html" for p in pub.proposals}
    assert set(files) == expected
    assert b"Plotly" in files["plotly.min.js"][:2000]


def test_overview_figures_are_the_summary(
    made: tuple[str, Publication, dict[str, bytes]], runner: CliRunner
) -> None:
    folder, pub, files = made
    doc = cli_json(runner, "summary", "--data", str(REPO / folder), "--format", "json")
    page = parsed(files["index.html"])
    labels = {row["label"]: row["years"] for row in doc["rows"]}
    labels["Total"] = doc["total"]["years"]
    compared = 0
    for year in doc["years"]:
        head, *body = page.tables[f"summary-area-{year}"]
        assert [r[0] for r in body] == [*(row["label"] for row in doc["rows"]), "Total"]
        for cells in body:
            expected = labels[cells[0]][str(year)]
            for column, text in zip(head[1:], cells[1:], strict=True):
                if column in SHARES:
                    want = expected[SHARES[column]]
                    if cells[0] == "Total":
                        assert text == ""
                        continue
                    got: Any = (
                        percent(text) if column == "Change %" else amount(text) if text else None
                    )
                    assert got == number(want), (year, cells[0], column)
                else:
                    metric = next(m for m, h in METRIC_HEADERS.items() if h == column)
                    got = fte(text) if metric == "fte" else amount(text)
                    assert got == number(expected[metric]), (year, cells[0], column)
                compared += 1
    assert compared > 0
    assert pub.by_area.rows  # the data has proposals: the tables are not empty


def test_the_overview_has_the_years_as_columns(
    made: tuple[str, Publication, dict[str, bytes]], runner: CliRunner
) -> None:
    """One table of the areas with the years as columns, a group each for savings,
    investments and net, the total under it: the summary's figures; each figure labelled
    with its group and year for a phone, which shows the label beside it."""
    folder, _, files = made
    doc = cli_json(runner, "summary", "--data", str(REPO / folder), "--format", "json")
    years = [str(y) for y in doc["years"]]
    groups, head, *body = parsed(files["index.html"]).tables["overview"]
    assert groups == ["", "Savings", "Investments", "Net"]
    assert head == ["Area", *years * 3]
    expected = {row["label"]: row["years"] for row in doc["rows"]}
    expected["Total"] = doc["total"]["years"]
    assert [cells[0] for cells in body] == [*(row["label"] for row in doc["rows"]), "Total"]
    metrics = ("savings", "investments", "net")
    for cells in body:
        figures = expected[cells[0]]
        assert [amount(c) for c in cells[1:]] == [figures[y][m] for m in metrics for y in years]
    raw = files["index.html"].decode()
    table = raw[
        raw.index('data-table="overview"') : raw.index(
            "</table>", raw.index('data-table="overview"')
        )
    ]
    first_row = table[table.index("<tbody>") : table.index("</tr>", table.index("<tbody>"))]
    labels = re.findall(r'data-label="([^"]*)"', first_row)
    assert labels == [f"{g} {y}" for g in ("Savings", "Investments", "Net") for y in years]
    # a phone shows a year to a column, as the table; a table of other columns, one a line
    assert f'data-table="overview" class="years" style="--per-row: {len(years)}">' in raw
    assert f'<table data-table="summary-area-{years[0]}">' in raw


def test_frame_tables_are_the_frame_position(
    made: tuple[str, Publication, dict[str, bytes]], runner: CliRunner
) -> None:
    folder, pub, files = made
    page = parsed(files["index.html"])
    if pub.frames is None:
        assert not any(name.startswith("frame-") for name in page.tables)
        return
    doc = cli_json(runner, "frame", "--data", str(REPO / folder), "--format", "json")
    for frame in doc["frames"]:
        head, *body = page.tables[f"frame-{frame['name']}"]
        assert head[1:] == [str(y) for y in doc["years"]]
        frame_rows = {cells[0]: [amount(c) for c in cells[1:]] for cells in body}
        values = {
            k: [frame["years"][str(y)][k] for y in doc["years"]]
            for k in ("frame", "baseline", "after", "deviation")
        }
        assert frame_rows["Budget before the proposals"] == values["baseline"]
        assert values["frame"] in frame_rows.values()
        assert values["after"] in frame_rows.values()
        assert values["deviation"] in frame_rows.values()


def test_proposal_list_is_the_figures(made: tuple[str, Publication, dict[str, bytes]]) -> None:
    _, pub, files = made
    page = parsed(files["index.html"])
    head, *body = page.tables["proposals"]
    assert head[:5] == ["Id", "Title", "Status", "Kind", "Committee"]
    assert [r[0] for r in body] == [p.id for p in pub.proposals]
    for p, cells in zip(pub.proposals, body, strict=True):
        assert cells[1:5] == [p.title, p.status.value, p.kind.value, p.committee or ""]
        nets = [amount(c) for c in cells[5:]]
        assert nets == [pub.figures[p.id][y].net for y in pub.meta.years]
    filtered = [r for r in page.rows if "data-status" in r]
    assert [(r["data-status"], r["data-kind"]) for r in filtered] == [
        (p.status.value, p.kind.value) for p in pub.proposals
    ]


ECONOMIC = {
    "Savings": "savings",
    "Investments": "investments",
    "Inside the service frame": "inside_service_frame",
    "Outside the service frame": "outside_service_frame",
    "Total": "net",
    "Construction (rådighedsbeløb)": "construction",
}


def test_proposal_pages_are_show(
    made: tuple[str, Publication, dict[str, bytes]], runner: CliRunner
) -> None:
    folder, pub, files = made
    years = pub.meta.years
    for p in pub.proposals:
        shown = cli_json(runner, "show", p.id, "--data", str(REPO / folder), "--format", "json")
        page = parsed(files[f"proposals/{p.id}.html"])
        head, *body = page.tables["economic"]
        assert head[1:] == [str(y) for y in years]
        rows = {cells[0]: [amount(c) for c in cells[1:]] for cells in body}
        for label, key in (
            ("Operating budget", "operating_budget"),
            ("Area budget", "area_budget"),
        ):
            series = shown[key]
            if series is None:
                assert label not in rows
            else:
                assert rows.pop(label) == [series.get(str(y), 0) for y in years]
        figures = pub.figures[p.id]
        if all(figures[y].construction == 0 for y in years):
            assert "Construction (rådighedsbeløb)" not in rows
        for label, values in rows.items():
            assert values == [getattr(figures[y], ECONOMIC[label]) for y in years], label
        assert set(rows) >= {"Savings", "Investments", "Total"}
        text = files[f"proposals/{p.id}.html"].decode()
        assert shown["title"].replace("&", "&amp;") in text.replace("&#34;", '"')
        if shown["staffing"] is not None:
            *_, change = page.tables["staffing"]
            assert [fte(c) for c in change[1:]] == [figures[y].fte for y in years]


def test_links_resolve_and_nothing_is_fetched(
    made: tuple[str, Publication, dict[str, bytes]],
) -> None:
    _, _, files = made
    pages = [name for name in files if name.endswith(".html")]
    for name in pages:
        text = files[name].decode()
        assert "http://" not in text and "https://" not in text, name
        page = parsed(files[name])
        assert "viewport" in page.metas, name
        for link in page.links:
            target, _, fragment = link.partition("#")
            if not target:
                assert fragment in page.ids, (name, link)
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
            assert resolved in files, (name, link)
            if fragment:
                assert fragment in parsed(files[resolved]).ids, (name, link)
    css = files["style.css"].decode()
    assert "http://" not in css and "https://" not in css


def test_print_style_starts_each_proposal_on_a_page(
    made: tuple[str, Publication, dict[str, bytes]],
) -> None:
    _, pub, files = made
    css = files["style.css"].decode()
    printed = css[css.index("@media print") :]
    assert "page-break-after: always" in printed
    assert "article.proposal" in printed
    assert ".filters" in printed and "display: none" in printed
    assert "overflow-x: auto" in css  # a wide table scrolls where it is not stacked
    # on a phone each row of a table is a block, each figure beside its column's name
    phone = css[css.index("@media screen and (max-width: 40rem)") : css.index("@media print")]
    assert ".stack thead { display: none; }" in phone
    assert ".stack td[data-label]::before { content: attr(data-label);" in phone
    # printed: the page number at the bottom of each page, the budget's name at the top
    assert "@bottom-right { font: 8pt" in printed
    name = f"{pub.meta.municipality} · {pub.meta.title}"
    number = '@bottom-right { content: "Page " counter(page) " of " counter(pages); }'
    for page in ("catalogue.html", "index.html"):
        head = files[page].decode()
        assert f'<style>@page {{ @top-left {{ content: "{name}"; }} {number} }}</style>' in head
    catalogue = files["catalogue.html"].decode()
    assert catalogue.count('<article class="proposal"') == len(pub.proposals)


def test_values_are_escaped() -> None:
    from dataclasses import replace

    pub = published("data")
    evil = replace(pub.proposals[0], title="<script>alert(1)</script> & co", notes=["<b>x</b>"])
    pub = replace(pub, proposals=[evil, *pub.proposals[1:]])
    files = site(pub)
    for name in ("index.html", f"proposals/{evil.id}.html", "catalogue.html"):
        text = files[name].decode()
        assert "<script>alert" not in text and "<b>x</b>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in text


#: text of the data that is markup, in every field a page or a chart shows
LINK = '<a href="https://evil.example/">B60.30.10</a>'
CLOSE = "</script><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
HOSTILE_AREAS = f"""\
municipality: '<b>Kommune</b> &amp;'
title: 'Budget {CLOSE}'
years: [2024, 2025]
unit: '<i>kr.</i>'
areas:
  - {{code: '{LINK}', name: '{IMG}{CLOSE}', committee: '{CLOSE}', budget: {{2024: 1000, 2025: 1000}}}}
  - {{code: 'A&B<2>', name: '&lt;not a tag&gt;', committee: '<u>Udvalg</u>'}}
"""
HOSTILE_PROPOSAL = f"""\
id: p1
title: '{CLOSE} {IMG}'
status: proposed
areas: ['{LINK}']
center: '<svg onload=alert(3)>'
change: {{inside_service_frame: -100}}
notes: ['<iframe src=x></iframe>']
description: '{IMG} and {CLOSE}'
"""
#: every element the templates write; anything else in a page came from the data
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "link", "body", "header", "nav", "a", "p", "main",
    "footer", "code", "h1", "h2", "h3", "section", "div", "table", "thead", "tbody", "tfoot",
    "tr", "th", "td", "figure", "figcaption", "form", "label", "select", "option", "span",
    "button", "script", "article", "dl", "dt", "dd", "br", "ul", "li", "ol", "style",
}  # fmt: skip


class Elements(HTMLParser):
    """Every element of a page, with its attributes; every text; every script's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        if self.elements and self.elements[-1][0] == "script" and self.cdata_elem:
            self.scripts.append(data)
        self.text.append(data)


def css_unescaped(text: str) -> str:
    """CSS's escapes read (``\\3c `` -> ``<``), as a browser reads a style sheet."""
    return re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), text)


def test_no_text_of_the_data_is_ever_markup(tmp_path: Path, runner: CliRunner) -> None:
    """Codes, names, committees, titles, notes, the municipality and the unit that hold HTML
    and ``</script>``: every page parsed has only the templates' elements and scripts, shows
    each text as text, and the charts' JSON holds each as entities plotly shows as text."""
    data = tmp_path / "data"
    (data / "proposals").mkdir(parents=True)
    (data / "areas.yaml").write_text(HOSTILE_AREAS, encoding="utf-8")
    (data / "proposals" / "p1.yaml").write_text(HOSTILE_PROPOSAL, encoding="utf-8")
    code, _, err = run(runner, "report", "-o", str(tmp_path / "site"), "--data", str(data))
    assert code == 0, err
    pages = {
        p.relative_to(tmp_path / "site").as_posix(): p for p in (tmp_path / "site").rglob("*.html")
    }
    assert set(pages) == {"index.html", "catalogue.html", "proposals/p1.html"}
    for name, path in pages.items():
        page = Elements()
        page.feed(path.read_text(encoding="utf-8"))
        page.close()
        tags = {tag for tag, _ in page.elements}
        assert tags <= TEMPLATE_TAGS, (name, tags - TEMPLATE_TAGS)
        styles = [attrs for tag, attrs in page.elements if tag == "style"]
        assert len(styles) == 1, name  # the printed page's header, the budget's name in it
        raw = path.read_text(encoding="utf-8")
        style = raw[raw.index("<style>") + len("<style>") : raw.index("</style>")]
        assert not {"<", ">", "&", "\n"} & set(style), name
        assert css_unescaped(style) == (
            f'@page {{ @top-left {{ content: "<b>Kommune</b> &amp; · Budget {CLOSE}"; }} '
            '@bottom-right { content: "Page " counter(page) " of " counter(pages); } }'
        )
        scripts = [attrs for tag, attrs in page.elements if tag == "script"]
        assert len(scripts) == (4 if name == "index.html" else 0), name  # the templates'
        hrefs = [attrs["href"] for tag, attrs in page.elements if tag == "a"]
        assert not [h for h in hrefs if ":" in h], name  # no link leaves the site
        shown = "".join(page.text)
        assert CLOSE in shown and IMG in shown, name  # shown as the text it is
    index = Elements()
    index.feed(pages["index.html"].read_text(encoding="utf-8"))
    specs = json.loads(next(s for s in index.scripts if s.lstrip().startswith("[")))
    raw = pages["index.html"].read_text(encoding="utf-8")
    chart_json = raw[
        raw.index('id="chart-specs">') : raw.index("</script>", raw.index('id="chart-specs">'))
    ]
    assert "<" not in chart_json.removeprefix('id="chart-specs">') and "&" not in chart_json
    by_area = next(s for s in specs if s["id"] == "chart-net-area")
    trace = by_area["data"][0]
    assert trace["x"] == [
        '&lt;a href="https://evil.example/"&gt;B60.30.10&lt;/a&gt;',
    ]
    assert trace["customdata"] == [
        '&lt;a href="https://evil.example/"&gt;B60.30.10&lt;/a&gt; &lt;img src=x onerror=alert(2)&gt;'
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    ]
    assert by_area["layout"]["yaxis"]["title"]["text"] == "&lt;i&gt;kr.&lt;/i&gt;"
    by_committee = [s for s in specs if s["id"].endswith("-committee")]
    assert by_committee == []  # one committee with proposals: no committee chart


# --- the command ---------------------------------------------------------------------------


def test_report_writes_and_replaces_only_with_force(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "site"
    code, stdout, err = run(runner, "report", "-o", str(out), "--data", str(REPO / "data"))
    assert code == 0, err
    assert (out / "index.html").is_file() and (out / "plotly.min.js").is_file()
    assert "index.html" in stdout
    (out / "index.html").write_text("edited", encoding="utf-8")
    code, _, err = run(runner, "report", "-o", str(out), "--data", str(REPO / "data"))
    assert (code, err) == (2, f"budgetcli: error: {out} is there already: --force replaces it\n")
    assert (out / "index.html").read_text(encoding="utf-8") == "edited"
    code, _, err = run(runner, "report", "-o", str(out), "--data", str(REPO / "data"), "--force")
    assert code == 0, err
    assert (out / "index.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary folder left


def test_report_of_invalid_data_writes_nothing(
    tmp_path: Path, seed_copy: Path, runner: CliRunner
) -> None:
    bad = seed_copy / "proposals" / "hjemloeseindsats.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("status:", "status: nonsense #"))
    out = tmp_path / "site"
    code, _, err = run(runner, "report", "-o", str(out), "--data", str(seed_copy))
    assert code == 1, err
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no half-written folder


# --- in a browser --------------------------------------------------------------------------


def _report_check() -> Any:
    spec = importlib.util.spec_from_file_location(
        "report_check", REPO / "examples" / "report_check.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_browser_check_sees_a_chart_drawn_or_not() -> None:
    """examples/report_check.py, which .ci/run runs on every page in headless Chromium when
    Chromium is there: a chart is drawn when its element holds an <svg> with a trace; a
    console error is a line Chromium logs as CONSOLE with error or Uncaught."""
    check = _report_check()
    dom = (
        '<div data-chart="a"><div><svg><g class="trace bars"><path/></g></svg></div></div>'
        '<div data-chart="b"><svg><g class="layer"></g></svg></div>'
        '<div data-chart="c"><p>loading</p></div><svg><g class="trace"></g></svg>'
    )
    parser = check.Charts()
    parser.feed(dom)
    assert parser.charts == {
        "a": {"svg": True, "trace": True},
        "b": {"svg": True, "trace": False},
        "c": {"svg": False, "trace": False},
    }
    assert check.CONSOLE_ERROR.search('[1:2:INFO:CONSOLE(7)] "Uncaught ReferenceError: x"')
    assert not check.CONSOLE_ERROR.search('[1:2:INFO:CONSOLE(7)] "drawn"')


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium on this machine")
def test_the_browser_check_sees_a_table_cut_on_a_phone(tmp_path: Path) -> None:
    """examples/report_check.py lays each page out 390 and 1,400 pixels wide (in an iframe:
    headless Chromium lays a window out at least 500 wide): a table wider than its scrolling
    box is cut at one width and not at the other; a page that fits is ok at both; a cell
    whose figure is wider than the cell is cut."""
    check = _report_check()
    wide = '<td style="white-space:nowrap">' + "-1.234 " * 20 + "</td>"
    (tmp_path / "wide.html").write_text(
        f'<!DOCTYPE html><body style="margin:0"><div class="scroll" style="overflow-x:auto">'
        f'<table data-table="summary"><tr>{wide}</tr></table></div></body>',
        encoding="utf-8",
    )
    (tmp_path / "fits.html").write_text(
        '<!DOCTYPE html><body><div class="scroll" style="overflow-x:auto">'
        '<table data-table="summary"><tr><td>-1.234</td></tr></table></div></body>',
        encoding="utf-8",
    )
    (found,) = check.layout(tmp_path / "wide.html", 390)
    assert re.fullmatch(r"at 390 px: table summary is cut: \d+ px in a box of 390", found)
    assert check.layout(tmp_path / "wide.html", 1400) == []
    assert check.layout(tmp_path / "fits.html", 390) == []
    # a stacked cell too narrow for its figure: the figure runs over its neighbour
    (tmp_path / "cell.html").write_text(
        '<!DOCTYPE html><body><main><table data-table="overview"><tr><td style="display:block;'
        'width:40px;white-space:nowrap">-1.234.567.890</td></tr></table></main></body>',
        encoding="utf-8",
    )
    assert check.layout(tmp_path / "cell.html", 390) == [
        "at 390 px: a cell of table overview is cut: -1.234.567.890"
    ]
