"""Open each page of a ``budgetcli report`` site in headless Chromium and check it.

    python examples/report_check.py SITE_DIR [--screenshots DIR]

Each page is loaded from disk (no server, no network) with Debian's ``chromium``; the DOM as
it is after the page's scripts ran (``--dump-dom``) must have, in each chart's element
(``data-chart``), an ``<svg>`` with data marks (plotly draws a ``<g class="trace …">`` per
trace), and the browser's console must log no error (``--enable-logging=stderr``: a line with
``CONSOLE`` and ``error`` or ``Uncaught``). One line per page; exit 1 naming the pages that
fail, 0 when none does. ``--screenshots DIR`` also writes DIR/report-overview.png (index.html)
and DIR/report-proposal.png (the first proposal's page), 1280 pixels wide, and
DIR/report-phone.png (index.html, 390 pixels wide).

Then each page as a phone (390 CSS pixels wide) and a wide screen (1,400) lay it out: nothing
wider than the screen, no table cut at its edge or hidden behind a scroll bar, each chart
inside its box with a legend entry per year and a label per area (``WIDTHS``). Headless
Chromium lays a page out at least 500 pixels wide whatever ``--window-size`` says, so the page
is opened in an ``<iframe>`` of the width, from a page of the check's own that measures it
(``MEASURE``) and writes what it found into its DOM, which ``--dump-dom`` gives back.

Chromium logs ``console.error`` calls at INFO level without their level, so a page's own
``console.error("…")`` is caught only when its text says "error"; uncaught exceptions always
are.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

TIMEOUT = 120  # seconds a page may take (plotly.js is 4 MB)
CONSOLE_ERROR = re.compile(r"CONSOLE.*(error|uncaught)", re.IGNORECASE)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr", "path", "rect", "line", "circle", "stop", "use"}


class Charts(HTMLParser):
    """Each chart element of a page (``data-chart``) and whether it holds an ``<svg>`` with a
    ``<g class="trace …">``."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: dict[str, dict[str, bool]] = {}
        self._open: list[tuple[str, int]] = []  # (chart, depth at which it opened)
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        chart = found.get("data-chart")
        if self._open:
            marks = self.charts[self._open[-1][0]]
            if tag == "svg":
                marks["svg"] = True
            if tag == "g" and (found.get("class") or "").split()[:1] == ["trace"]:
                marks["trace"] = True
        if tag in VOID:
            return
        self._depth += 1
        if chart is not None:
            self.charts[chart] = {"svg": False, "trace": False}
            self._open.append((chart, self._depth))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            self.handle_starttag(tag, attrs)
            return
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self._open and self._open[-1][1] == self._depth:
            self._open.pop()
        self._depth -= 1


def chromium(url: str, *flags: str) -> tuple[str, str]:
    """Chromium's stdout and stderr for ``url``, in a profile of its own."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        raise SystemExit("report_check: chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="report-check-") as profile:
        done = subprocess.run(
            [
                exe,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
                f"--user-data-dir={profile}",
                "--virtual-time-budget=10000",
                *flags,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    return done.stdout, done.stderr


def check(page: Path) -> list[str]:
    """What is wrong with ``page``: console errors, charts without marks."""
    dom, log = chromium(page.resolve().as_uri(), "--dump-dom")
    wrong = [line.strip() for line in log.splitlines() if CONSOLE_ERROR.search(line)]
    if not dom.strip():
        wrong.append("chromium gave no DOM")
    parser = Charts()
    parser.feed(dom)
    for chart, marks in parser.charts.items():
        if not marks["svg"]:
            wrong.append(f"chart {chart} has no <svg>")
        elif not marks["trace"]:
            wrong.append(f"chart {chart} has no data marks (<g class='trace'>)")
    return wrong


def screenshot(page: Path, target: Path, height: int = 2000) -> None:
    """``page`` as a window 1280 pixels wide and ``height`` high shows it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    size = f"--window-size=1280,{height}"
    _, log = chromium(page.resolve().as_uri(), f"--screenshot={target.resolve()}", size)
    if not target.is_file():
        raise SystemExit(f"report_check: no screenshot of {page}:\n{log}")


#: the widths each page is laid out at: a phone's, a wide screen's
WIDTHS = (390, 1400)
#: run in the check's page once the page in its iframe has loaded and drawn its charts: what
#: does not fit, as a JSON list in ``<pre id="found">``
MEASURE = """
function measure(doc, width) {
  var found = [];
  var root = doc.documentElement;
  if (root.scrollWidth > width + 1) { found.push("the page is " + root.scrollWidth + " px wide, wider than the screen"); }
  doc.querySelectorAll(".scroll").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) {
      var t = box.querySelector("table");
      found.push("table " + (t ? t.getAttribute("data-table") : "?") + " is cut: " + box.scrollWidth + " px in a box of " + box.clientWidth);
    }
  });
  doc.querySelectorAll("main td, main th").forEach(function (cell) {
    if (cell.scrollWidth > cell.clientWidth + 1 && getComputedStyle(cell).display !== "table-cell") {
      var t = cell.closest("table");
      found.push("a cell of table " + (t ? t.getAttribute("data-table") : "?") + " is cut: " + cell.textContent.trim().slice(0, 40));
    }
  });
  doc.querySelectorAll("figure.chart-box").forEach(function (box) {
    var chart = box.querySelector("[data-chart]"), svg = box.querySelector("svg.main-svg");
    if (!chart || !svg) { return; }
    var name = chart.getAttribute("data-chart"), b = box.getBoundingClientRect(), s = svg.getBoundingClientRect();
    if (s.left < b.left - 1 || s.right > b.right + 1) { found.push("chart " + name + " is wider than its box"); }
    var traces = (chart.data || []).length, shown = box.querySelectorAll("g.legend g.traces").length;
    if (shown !== traces) { found.push("chart " + name + "'s legend shows " + shown + " of " + traces + " years"); }
    var x = traces ? chart.data[0].x.length : 0, ticks = box.querySelectorAll("g.xtick").length;
    if (ticks !== x) { found.push("chart " + name + " labels " + ticks + " of " + x + " areas"); }
  });
  return found;
}
var frame = document.getElementById("page");
frame.addEventListener("load", function () {
  setTimeout(function () {
    var pre = document.createElement("pre");
    pre.id = "found";
    pre.textContent = JSON.stringify(measure(frame.contentDocument, frame.clientWidth));
    document.body.appendChild(pre);
  }, 1000);
});
"""


def _frame(page: Path, width: int, folder: Path) -> Path:
    """The check's page: ``page`` in an iframe ``width`` pixels wide, measured by ``MEASURE``."""
    html = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">'
        f'<iframe id="page" src="{page.resolve().as_uri()}" '
        f'style="border:0;width:{width}px;height:3000px"></iframe>'
        f"<script>{MEASURE}</script></body></html>"
    )
    frame = folder / f"frame-{width}.html"
    frame.write_text(html, encoding="utf-8")
    return frame


def layout(page: Path, width: int) -> list[str]:
    """What does not fit when ``page`` is laid out ``width`` pixels wide."""
    with tempfile.TemporaryDirectory(prefix="report-frame-") as folder:
        frame = _frame(page, width, Path(folder))
        size = f"--window-size={max(width, 500) + 20},3000"
        dom, _ = chromium(frame.as_uri(), "--dump-dom", "--allow-file-access-from-files", size)
    found = re.search(r'<pre id="found">(.*?)</pre>', dom, re.DOTALL)
    if found is None:
        return [f"at {width} px: the page was not measured"]
    wrong: list[str] = json.loads(html.unescape(found.group(1)))
    return [f"at {width} px: {w}" for w in wrong]


def phone_screenshot(page: Path, target: Path) -> None:
    """``page`` as a phone 390 pixels wide shows it (in the check's iframe; the window
    beside it is blank)."""
    with tempfile.TemporaryDirectory(prefix="report-frame-") as folder:
        frame = _frame(page, 390, Path(folder))
        shot = f"--screenshot={target.resolve()}"
        chromium(frame.as_uri(), shot, "--allow-file-access-from-files", "--window-size=520,3000")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the folder budgetcli report wrote")
    parser.add_argument("--screenshots", type=Path, help="write the two screenshots here")
    args = parser.parse_args(argv)
    site: Path = args.site
    index = site / "index.html"
    if not index.is_file():
        print(f"report_check: {index} is not there", file=sys.stderr)
        return 2
    pages = [index, *sorted(p for p in site.rglob("*.html") if p != index)]
    failed = []
    for page in pages:
        wrong = check(page) + [w for width in WIDTHS for w in layout(page, width)]
        name = page.relative_to(site).as_posix()
        print(f"{name}: {'ok' if not wrong else 'FAILED: ' + '; '.join(wrong)}")
        if wrong:
            failed.append(name)
    if args.screenshots is not None:
        screenshot(index, args.screenshots / "report-overview.png", height=2600)
        proposals = sorted((site / "proposals").glob("*.html"))
        if proposals:
            screenshot(proposals[0], args.screenshots / "report-proposal.png")
        phone_screenshot(index, args.screenshots / "report-phone.png")
    if failed:
        print(f"report_check: {len(failed)} page(s) failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
