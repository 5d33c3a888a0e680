"""``budgetcli report`` in the budget's language (issue 25 §1): the bundled data says
``language: da``, so its web catalogue is Danish; ``--lang en`` makes it English; the figures
are the same in both.

"No English label" is checked on what a person sees of every page: the text of the elements
(not of ``<script>`` or ``<style>``), the attributes a page shows (``data-label``, which a
phone shows beside each figure; ``title``, ``alt``, ``aria-label``), the charts' axis titles in
their JSON, and the printed page's number (its CSS ``content``). A text is English if it
holds a message of the catalogue whose Danish differs from it, as a whole word (a message with
``{placeholders}`` matches with anything in their place). The check is shown to fail on the
English site and on a Danish site with one translation missing.
"""

from __future__ import annotations

import functools
import gettext
import json
import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetcli.core.publication import Publication
from budgetcli.publish import site as site_module
from budgetcli.publish.site import paragraphs, site
from budgetcli.text.i18n import Language, language
from tests.catalogue import read
from tests.conftest import REPO, run
from tests.test_site import FOLDERS, css_unescaped, parsed, published

pytestmark = pytest.mark.store

#: attributes whose text a person reads
SHOWN_ATTRIBUTES = ("data-label", "title", "alt", "aria-label", "placeholder")


#: the elements inside a line of text: their text is read with the text around them
INLINE = {"a", "b", "code", "em", "span", "strong"}


class Visible(HTMLParser):
    """The texts a person reads of a page, a text a block (a paragraph, a cell, a heading:
    the words around a ``<code>`` or a ``<span>`` read as one), and the ``<script>`` and
    ``<style>`` it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self._block: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self._block).split())
        if text:
            self.texts.append(text)
        self._block = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self._flush()
        self._in = tag if tag in {"script", "style"} else None
        self.texts += [v for k, v in attrs if k in SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE:
            self._flush()
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)
        else:
            self._block.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def contents(style: str) -> list[str]:
    """Each CSS ``content`` of a ``<style>`` as it reads (``Side 1 af 1``): its strings, each
    counter as 1."""
    return [_joined(m.group(1)) for m in re.finditer(r"content: (.*?);", css_unescaped(style))]


def _joined(content: str) -> str:
    """A CSS ``content`` as it reads (``Side 1 af 1``): its strings, each counter as 1."""
    return "".join(
        m.group(1) if m.group(1) is not None else "1"
        for m in re.finditer(r'"([^"]*)"|counter\(\w+\)', content)
    )


def seen(files: dict[str, bytes]) -> dict[str, list[str]]:
    """Every page's texts a person reads, the charts' axis titles and the printed number."""
    out = {}
    for name, content in files.items():
        if not name.endswith(".html"):
            continue
        page = Visible()
        page.feed(content.decode("utf-8"))
        page.close()
        texts = list(page.texts)
        for script in page.scripts:
            if script.lstrip().startswith("["):  # the charts' specs
                for spec in json.loads(script):
                    texts.append(spec["layout"]["yaxis"]["title"]["text"])
                    texts += [trace["name"] for trace in spec["data"]]
        texts += [text for style in page.styles for text in contents(style)]
        out[name] = texts
    return out


@functools.cache
def english_pattern() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One pattern of every English message of the catalogue whose Danish differs, each a
    whole word, the longest first (``Net {year}`` before ``Net``), and the messages in the
    order of its groups."""
    messages: set[str] = set()
    for message in read("da"):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        messages |= {str(i) for i in ids if i and i not in strings}
    ordered = tuple(sorted(messages, key=len, reverse=True))
    alternatives = (
        r".+?".join(re.escape(part) for part in re.split(r"\{\w+\}", msgid)) for msgid in ordered
    )
    either = "|".join(f"({a})" for a in alternatives)
    return re.compile(rf"(?<!\w)(?:{either})(?!\w)"), ordered


def data_texts(pub: Publication) -> set[str]:
    """The texts of the data a page shows whole (a title, a note, a paragraph of the
    description, a component's label): the data's words, in whatever language it is written
    (the bundled notes are English), which are not the catalogue's to translate."""
    meta = pub.meta
    texts = {meta.municipality, meta.title, *(a.name for a in meta.areas if a.name)}
    texts |= {p.committee for p in pub.proposals if p.committee}
    for p in pub.proposals:
        texts |= {p.title, *p.notes, *paragraphs(p.description), *(c.label for c in p.components)}
    for c in pub.followups:  # a follow-up's name, its rows' names and notes, the realisations' why
        texts |= {c.followup.name, *(r.name or "" for r in c.rows), *(r.note or "" for r in c.rows)}
        texts |= {r.why or "" for r in c.realised}
    return {" ".join(t.split()) for t in texts if t}


def without(text: str, data: list[str]) -> str:
    """``text`` with each of the data's texts in it taken out (longest first)."""
    for shown in data:
        text = text.replace(shown, "\0")
    return text


def english_in(files: dict[str, bytes], pub: Publication) -> set[tuple[str, str]]:
    """(page, message) for each English message a page shows, the data's texts left out."""
    pattern, messages = english_pattern()
    data = sorted(data_texts(pub), key=len, reverse=True)
    pages = seen(files)
    english = {}
    for text in {text for texts in pages.values() for text in texts}:
        found = pattern.finditer(without(text, data))
        english[text] = {messages[m.lastindex - 1] for m in found if m.lastindex}
    return {(name, msgid) for name, texts in pages.items() for t in texts for msgid in english[t]}


@pytest.fixture(scope="module")
def bundled() -> Publication:
    return published("data", "da")


@pytest.fixture(scope="module")
def danish(bundled: Publication) -> dict[str, bytes]:
    return site(bundled)


@pytest.fixture(scope="module")
def english(bundled: Publication) -> dict[str, bytes]:
    return site(replace(bundled, meta=replace(bundled.meta, language="en")))


def test_the_bundled_report_reads_in_danish(danish: dict[str, bytes], bundled: Publication) -> None:
    index = danish["index.html"].decode()
    count = len(bundled.proposals)
    assert index.startswith('<!DOCTYPE html>\n<html lang="da">')
    for heading in (
        "<h2>Oversigt pr. bevillingsområde</h2>",
        "<h2>Opsummering pr. bevillingsområde, år for år</h2>",
        "<h2>Diagrammer</h2>",
        f'<h2>Forslag (<span id="shown">{count}</span> af {count})</h2>',
        "<figcaption>Nettoændring pr. bevillingsområde og år</figcaption>",
        '<option value="">alle</option>',
        '<option value="proposed">foreslået</option>',
        '<button type="button">Netto 2025</button>',
        '<a href="catalogue.html">Katalog (til udskrift)</a>',
    ):
        assert heading in index, heading
    groups, head, *_ = parsed(danish["index.html"]).tables["overview"]
    assert groups == ["", "Besparelser", "Investeringer", "Netto"]
    assert head[0] == "Bevillingsområde"
    assert 'data-label="Besparelser 2024"' in index
    assert '@bottom-right { content: "Side " counter(page) " af " counter(pages); }' in index
    assert '"yaxis": {"tickformat": ",d", "title": {"text": "1.000 kr."}' in index
    prices = site(published("examples/prices-2024", "da"))["index.html"].decode()
    assert '"title": {"text": "1.000 kr., 2024-priser"}' in prices
    assert '<p class="lead">2024-2025 · beløb i 1.000 kr., 2024-priser</p>' in prices
    page = danish[f"proposals/{bundled.proposals[0].id}.html"].decode()
    assert '<html lang="da">' in page and "<h3>Beskrivelse</h3>" in page
    assert '<a href="../index.html">← Alle forslag</a>' in page
    assert "<h3>Økonomiske konsekvenser (1.000 kr.)</h3>" in page


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_english_label_in_the_danish_report(folder: str) -> None:
    """Every folder's site in Danish, the frame position's tables too (the examples have
    frames, the bundled data none)."""
    pub = published(folder, "da")
    files = site(pub)
    assert english_in(files, pub) == set()
    if pub.frames is not None:
        assert "<h2>Rammeoverholdelse</h2>" in files["index.html"].decode()


def test_the_check_finds_english(english: dict[str, bytes], bundled: Publication) -> None:
    """It can fail: the English site shows the catalogue's English, every page of it."""
    found = english_in(english, bundled)
    assert {name for name, _ in found} == {n for n in english if n.endswith(".html")}
    messages = {msgid for _, msgid in found}
    assert {"Overview by area", "Savings", "Page {page} of {pages}", "Description"} <= messages
    assert "Net change per area and year" in messages  # a chart's title
    prices = published("examples/prices-2024", "en")
    in_prices = {msgid for _, msgid in english_in(site(prices), prices)}
    assert "{year} prices" in in_prices  # the charts' axis too, in their JSON


class Forgetting(gettext.NullTranslations):
    """The Danish catalogue with one message forgotten (it reads as its English)."""

    def __init__(self, forgotten: str) -> None:
        super().__init__()
        self.forgotten = forgotten

    def gettext(self, message: str) -> str:
        return message if message == self.forgotten else language("da").gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return language("da").ngettext(singular, plural, n)


FORGOTTEN = ["Charts", "Net {year}", "Made by {command}.", "Proposals ({shown} of {count})"]


@pytest.mark.parametrize("forgotten", FORGOTTEN)
def test_the_check_finds_one_forgotten_translation(
    forgotten: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(site_module, "language", lambda code: Language(code, Forgetting(forgotten)))
    pub = published("data", "da")
    found = {msgid for _, msgid in english_in(site(pub), pub)}
    assert forgotten in found
    assert all(msgid in forgotten for msgid in found)  # "Net 2024" holds "Net" too


def figures(files: dict[str, bytes]) -> dict[str, dict[str, list[list[str]]]]:
    """Every table of every page, its words left out: the figures in their places."""
    number = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?")
    return {
        name: {
            table: [[c if number.fullmatch(c) else "" for c in row] for row in rows]
            for table, rows in parsed(content).tables.items()
        }
        for name, content in files.items()
        if name.endswith(".html")
    }


def test_lang_en_gives_english_with_the_same_figures(tmp_path: Path, runner: CliRunner) -> None:
    """The command line: the bundled data's own language without ``--lang`` (Danish, though
    the tests' locale is English), English with ``--lang en``; every figure the same."""
    made = {}
    for name, extra in (("own", []), ("en", ["--lang", "en"])):
        out = tmp_path / name
        code, _, err = run(runner, "report", "-o", str(out), "--data", str(REPO / "data"), *extra)
        assert code == 0, err
        made[name] = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.html")}
    assert b'<html lang="da">' in made["own"]["index.html"]
    assert b'<html lang="en">' in made["en"]["index.html"]
    assert b"<h2>Overview by area</h2>" in made["en"]["index.html"]
    assert english_in(made["own"], published("data", "da")) == set()
    da, en = figures(made["own"]), figures(made["en"])
    assert da == en
    cells = [c for page in da.values() for rows in page.values() for row in rows for c in row]
    assert sum(1 for c in cells if c) > 1000  # the figures compared
    assert "-6.400" in cells


def test_the_json_of_the_charts_keeps_its_figures(
    danish: dict[str, bytes], english: dict[str, bytes]
) -> None:
    """The charts' bars are the same numbers in either language; only titles differ."""

    def bars(files: dict[str, bytes]) -> list[object]:
        text = files["index.html"].decode()
        start = text.index('id="chart-specs">') + len('id="chart-specs">')
        specs = json.loads(text[start : text.index("</script>", start)])
        return [[(t["name"], t["x"], t["y"], t["text"]) for t in s["data"]] for s in specs]

    assert bars(danish) == bars(english)
