"""What a hostile review of issue 23 (import, --add-areas, export's and report's outputs,
CSV) found wrong, one test per finding: each docstring says what was wrong when it was found,
and how to see it by hand; each test asserts the promise, which holds now.

Each test asserts the promise ("a figure from Word is right or refused; nothing the tool writes
can hurt"): after the import, a page's file holds the figures the page shows, or no file was
written for it and the exit is 1. The docstrings say what is wrong and how to see it by hand.
The documents are built here: Word's plain text as a string, a .docx as raw XML (``_docx``).

Ranked as in the review's report: a wrong figure written, then a file destroyed, then a wrong
message.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
import yaml
from typer.testing import CliRunner

from budgetcli.folder import writing
from budgetcli.folder.listing import list_folder
from budgetcli.store.load import compute, load_checked
from budgetcli.word import importing

from .conftest import DATA, run

pytestmark = pytest.mark.store


# --- a page in Word's plain text --------------------------------------------------------------

HEAD = (
    "Rådighedsforslag til budget 2024-2027\n"
    "Forslagets overskrift\t{title}\n"
    "Fagudvalg\tSocial- og Sundhedsudvalget\n"
    "Bevillings-/Budgetområde\t{area}\n"
    "Dato og kontaktperson\t22-6-23 Anne\n"
)
TABLE = (
    "Økonomiske konsekvenser\n"
    "Beløb i 1.000 kr.\t2024\t2025\t2026\t2027\n"
    "Beløb indenfor servicerammen\t-600\t-600\t-600\t-600\n"
    "Beløb udenfor servicerammen\t\t\t\t\n"
)
DESCRIPTION = "Præsentation af forslag\nTekst.\n"


def page(
    table: str = TABLE,
    rest: str = DESCRIPTION,
    title: str = "Test",
    area: str = "B60.30.10",
    heading: str = "Rådighedsforslag til budget 2024-2027",
) -> str:
    head = HEAD.format(title=title, area=area).replace(
        "Rådighedsforslag til budget 2024-2027", heading
    )
    return head + table + rest


def table(
    *rows: str, label: str = "Beløb i 1.000 kr.", title: str = "Økonomiske konsekvenser"
) -> str:
    """An economic table: its title, its header (``label`` and the years), ``rows``."""
    return "\n".join([title, f"{label}\t2024\t2025\t2026\t2027", *rows]) + "\n"


def imported(runner: CliRunner, *documents: str, options: Sequence[str] = ()) -> int:
    """``budgetcli import DOCUMENTS --to data OPTIONS``: its exit code."""
    code, _, _ = run(runner, "import", *documents, "--to", "data", *options)
    return code


def proposals(folder: Path = Path("data")) -> dict[str, Any]:
    """The proposal files written, by id, as YAML reads them."""
    found = sorted((folder / "proposals").glob("*.yaml")) if (folder / "proposals").is_dir() else []
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in found}


def right_or_refused(code: int, pid: str, field: str, expected: Any) -> None:
    """The promise: the page's file holds ``expected`` in ``field`` (``a.b`` for a nested
    one), or no file was written for it and the exit is 1."""
    written = proposals()
    if pid not in written:
        assert code == 1
        return
    value: Any = written[pid]
    for key in field.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    assert value == expected, f"{field} is {value!r}; the page shows {expected!r}"


# --- a .docx, as raw XML ---------------------------------------------------------------------

_W = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
    '"word/document.xml"/></Relationships>'
)


def r(text: str, rpr: str = "") -> str:
    """A run of ``text`` with the run properties ``rpr`` (XML)."""
    props = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*parts: str) -> str:
    """A paragraph of ``parts``: XML as it is, or a text made a run."""
    return "<w:p>" + "".join(x if x.startswith("<") else r(x) for x in parts) + "</w:p>"


def tr(*cells: str, trpr: str = "") -> str:
    """A table row: each cell a text, or a paragraph's XML (``<w:p>…``)."""
    tcs = "".join(f"<w:tc>{c if c.startswith('<w:p') else p(c)}</w:tc>" for c in cells)
    props = f"<w:trPr>{trpr}</w:trPr>" if trpr else ""
    return f"<w:tr>{props}{tcs}</w:tr>"


def tbl(*rows: str) -> str:
    columns = max(row.count("<w:tc>") for row in rows)
    grid = '<w:gridCol w:w="1500"/>' * columns
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def docx(*blocks: str) -> bytes:
    body = "".join(blocks)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", xml)
    return out.getvalue()


def docx_page(*table_rows: str, between: Sequence[str] = ()) -> bytes:
    """A page as a .docx: the heading, the header table, the economic table of ``table_rows``
    (its header first), ``between`` (blocks), the description."""
    header = tbl(
        tr("Forslagets overskrift", "Test"),
        tr("Fagudvalg", "Social- og Sundhedsudvalget"),
        tr("Bevillings-/Budgetområde", "B60.30.10"),
        tr("Dato og kontaktperson", "22-6-23 Anne"),
    )
    return docx(
        p("Rådighedsforslag til budget 2024-2027"),
        header,
        p("Økonomiske konsekvenser"),
        *table_rows,
        *between,
        p("Præsentation af forslag"),
        p("Tekst."),
    )


YEARS_ROW = tr("Beløb i 1.000 kr.", "2024", "2025", "2026", "2027")


def inside_row(first: str) -> str:
    """The row inside the service frame: ``first`` (text or a paragraph's XML) in 2024, -600
    after."""
    return tr("Beløb indenfor servicerammen", first, "-600", "-600", "-600")


# === 1. a wrong figure written =================================================================


@pytest.mark.parametrize(
    "rows",
    [
        # Word's text writes a line break (or a second paragraph) inside a cell as a line of
        # its own: "Beløb udenfor" ends the table, the row after it is read as nothing
        ["Beløb udenfor", "servicerammen\t-200\t-200\t-200\t-200", "I alt\t-800\t-800\t-800\t-800"],
        # a paragraph inside the table ("Side 2 af 3", "(fortsat)")
        ["Side 2 af 3", "Beløb udenfor servicerammen\t-200\t-200\t-200\t-200"],
        # the header row repeated where the table goes on to the next page
        [
            "Beløb i 1.000 kr.\t2024\t2025\t2026\t2027",
            "Beløb udenfor servicerammen\t-200\t-200\t-200\t-200",
            "I alt\t-800\t-800\t-800\t-800",
        ],
    ],
    ids=["line-break-in-a-cell", "paragraph-in-the-table", "header-repeated"],
)
def test_rows_after_a_break_in_the_economic_table_are_not_dropped(
    here: Path, runner: CliRunner, rows: list[str]
) -> None:
    """The economic table ends at the first row that is not a table row (``template._in_table``)
    or that names years (a header): every row after it is read as the rest of the page, where a
    row of figures is silently nothing, and its "I alt" is never checked. The page shows -200
    outside the service frame; the file says none, exit 0.

    Repro: ``budgetcli import p.txt --to data`` with p.txt =
    ``page(table("Beløb indenfor servicerammen\\t-600\\t-600\\t-600\\t-600", "Beløb udenfor",
    "servicerammen\\t-200\\t-200\\t-200\\t-200", "I alt\\t-800\\t-800\\t-800\\t-800"))``."""
    inside = "Beløb indenfor servicerammen\t-600\t-600\t-600\t-600"
    Path("p.txt").write_text(page(table(inside, *rows)), encoding="utf-8")
    right_or_refused(imported(runner, "p.txt"), "test", "change.outside_service_frame", -200)


def test_a_repeated_docx_header_row_drops_no_row_after_it(here: Path, runner: CliRunner) -> None:
    """The same in a .docx: a header row (``w:tblHeader``) again in the middle of the table
    ends it, and the rows after it are not read: outside -200 and "I alt" -800 vanish, exit 0.
    So does a non-blank paragraph between two halves of a table ("(fortsat)")."""
    header = tr("Beløb i 1.000 kr.", "2024", "2025", "2026", "2027", trpr="<w:tblHeader/>")
    rows = [
        header,
        inside_row("-600"),
        header,
        tr("Beløb udenfor servicerammen", "-200", "-200", "-200", "-200"),
        tr("I alt", "-800", "-800", "-800", "-800"),
    ]
    Path("p.docx").write_bytes(docx_page(tbl(*rows)))
    right_or_refused(imported(runner, "p.docx"), "test", "change.outside_service_frame", -200)


def test_a_second_economic_table_on_the_page_is_not_dropped(here: Path, runner: CliRunner) -> None:
    """A page with two economic tables (drift, then anlæg): the second's header ends the first,
    and its rows are read as staffing, where "Rådighedsbeløb" is nothing. The page shows
    construction 5.000 in 2024 and 2025; the file has no construction, exit 0."""
    first = table(
        "Beløb indenfor servicerammen\t-600\t-600\t-600\t-600", "I alt\t-600\t-600\t-600\t-600"
    )
    second = table("Rådighedsbeløb\t5.000\t5.000\t\t", title="Økonomiske konsekvenser - anlæg")
    Path("p.txt").write_text(page(first + second), encoding="utf-8")
    right_or_refused(
        imported(runner, "p.txt"), "test", "change.construction", {2024: 5000, 2025: 5000}
    )


@pytest.mark.parametrize(
    "heading",
    [
        "Rådighedsforslag nr. 2 til budget 2024-2027",
        "Investeringsforslag til budget 2024-2027",
        "Ændringsforslag til budget 2024-2027",
        "Rådighedsforslag til budget 2024—2027",
    ],
)
def test_a_page_whose_heading_is_not_known_joins_no_other(
    here: Path, runner: CliRunner, heading: str
) -> None:
    """A page starts only at a heading ``template.PAGE_START`` and ``HEADINGS`` know. Any other
    ("Rådighedsforslag nr. 2 til budget …", "Investeringsforslag til budget …", an em dash)
    starts no page: its rows are the page before's description (its title, its table as text),
    its a)/b) lines that page's components, its "allerede realiseret" that page's status; as a
    document's first page, its rows are dropped. Neither written nor refused: exit 0, and the
    second proposal (-900 a year) is in no file."""
    second = page(table("Beløb indenfor servicerammen\t-900\t-900\t-900\t-900"), title="Anden")
    Path("p.txt").write_text(
        page() + second.replace("Rådighedsforslag til budget 2024-2027", heading), encoding="utf-8"
    )
    code = imported(runner, "p.txt")
    assert code == 1 or "anden" in proposals()


def test_the_same_page_in_two_documents_is_imported_once(here: Path, runner: CliRunner) -> None:
    """``budgetcli import forslag.docx forslag.txt`` (the document and Word's text of it, as a
    folder holds them; or one document named twice) writes every page twice, as ``x`` and
    ``x-2``: every figure of the budget counts double in ``summary``, exit 0. The seed's
    .docx and .txt together: 22 files, net -12.800 in 2024 instead of -6.400."""
    Path("p.txt").write_text(page(), encoding="utf-8")
    Path("q.txt").write_text(page(), encoding="utf-8")
    code = imported(runner, "p.txt", "q.txt")
    assert code == 1 or len(proposals()) == 1


@pytest.mark.parametrize(
    "label",
    [
        "Beløb i kr. (1.000)",
        "Beløb i tusinder kr.",
        "Beløb i '000 kr.",
        "Beløb i DKK '000",
        "Beløb i t. DKK",
        "Beløb i kr. x 1.000",
    ],
)
def test_a_thousands_unit_with_kr_in_it_is_not_read_as_kroner(
    here: Path, runner: CliRunner, label: str
) -> None:
    """``danish.stated_units`` finds "kr." (or "DKK") alone in a caption and takes it for
    kroner when the rest of the caption says thousands in a form it does not know ("kr.
    (1.000)", "tusinder kr.", "'000 kr."): -1.000 meaning -1.000 t.kr. is written -1, a
    thousand times too small, exit 0."""
    rows = "Beløb indenfor servicerammen\t-1.000\t-1.000\t-1.000\t-1.000"
    Path("p.txt").write_text(page(table(rows, label=label)), encoding="utf-8")
    right_or_refused(imported(runner, "p.txt"), "test", "change.inside_service_frame", -1000)


def test_a_unit_in_a_sentence_above_the_table_does_not_scale_it(
    here: Path, runner: CliRunner
) -> None:
    """Every row between the table's title and its header is a caption (``_split_header``),
    so a sentence there that names an amount ("… besparelse på 2,4 mio. kr. over perioden")
    states the unit of a table whose header says none: -600 (t.kr., as the template's) is
    written -600000, a thousand times too large, with no warning, exit 0."""
    sentence = "Forslaget giver en samlet besparelse på 2,4 mio. kr. over perioden."
    rows = table("Beløb indenfor servicerammen\t-600\t-600\t-600\t-600", label="Beløb")
    Path("p.txt").write_text(page(rows.replace("\n", f"\n{sentence}\n", 1)), encoding="utf-8")
    right_or_refused(imported(runner, "p.txt"), "test", "change.inside_service_frame", -600)


def test_a_superscript_mark_after_a_figure_does_not_join_it(here: Path, runner: CliRunner) -> None:
    """A note mark typed as a superscript digit ("-600¹": a run "1" with ``w:vertAlign
    superscript``) is read as one more digit: 2024 is written -6001, exit 0. The unicode "¹"
    is refused; the formatted one is not."""
    mark = p(r("-600"), r("1", '<w:vertAlign w:val="superscript"/>'))
    Path("p.docx").write_bytes(docx_page(tbl(YEARS_ROW, inside_row(mark))))
    right_or_refused(imported(runner, "p.docx"), "test", "change.inside_service_frame", -600)


def test_a_tab_in_a_header_cell_does_not_shift_the_years(here: Path, runner: CliRunner) -> None:
    """Word's text writes a tab inside a cell as a tab, one column more. In the header, the
    label cell "Beløb<tab>(løbende priser)" makes "(løbende priser)" a column not read, so
    2024's figure falls under it and is dropped, 2025's is read as 2024's, and so on; a last
    column not read ("Bemærkning") hides the missing cell. Written: {2024: -200, 2025: -300,
    2026: -400}; the page shows -100, -200, -300, -400. Exit 0."""
    rows = (
        "Økonomiske konsekvenser (1.000 kr.)\n"
        "Beløb\t(løbende priser)\t2024\t2025\t2026\t2027\tBemærkning\n"
        "Beløb indenfor servicerammen\t-100\t-200\t-300\t-400\t\n"
    )
    Path("p.txt").write_text(page(rows), encoding="utf-8")
    expected = {2024: -100, 2025: -200, 2026: -300, 2027: -400}
    right_or_refused(imported(runner, "p.txt"), "test", "change.inside_service_frame", expected)


def test_a_staffing_change_in_other_words_is_not_written_as_none(
    here: Path, runner: CliRunner
) -> None:
    """``economy.STAFFING`` knows "Ændring af normering" only: "Ændring i normering"
    followed by its row of -1,3 is read as no change (``change_fte: {}``: 0 every year), exit
    0. "Normeringsændring" or "Ændring i antal årsværk" tables are dropped whole, and a second
    row of full-time positions under one label is ignored."""
    staffing = (
        "Nuværende normering på området\t2024\t2025\t2026\t2027\n"
        "Antal fuldtidsstillinger\t110\t110\t110\t110\n"
        "Ændring i normering\t\t\t\t\n"
        "Antal fuldtidsstillinger\t-1,3\t-1,3\t-1,3\t-1,3\n"
    )
    Path("p.txt").write_text(page(rest=staffing + DESCRIPTION), encoding="utf-8")
    right_or_refused(imported(runner, "p.txt"), "test", "staffing.change_fte", -1.3)


def test_english_thousands_are_not_read_as_decimals(here: Path, runner: CliRunner) -> None:
    """ "-2,000" in a table of 1.000 kr. (a figure pasted from an English spreadsheet) is read
    as -2 (a comma is the decimal comma, and 2,000 is whole): a thousand times too small, exit
    0. "1.5" is refused as two readings, and an FTE of "1,234" says the comma may group
    thousands; an amount of "2,000" says nothing."""
    rows = "Beløb indenfor servicerammen\t-2,000\t-2,000\t-2,000\t-2,000"
    Path("p.txt").write_text(page(table(rows)), encoding="utf-8")
    right_or_refused(imported(runner, "p.txt"), "test", "change.inside_service_frame", -2000)


#: a minus a person does not see, and what the docx holds; the page shows 600
UNSEEN_MINUS = {
    "near-white": p(r("-", '<w:color w:val="FEFEFE"/>'), r("600")),
    "theme-white": p(r("-", '<w:color w:val="000000" w:themeColor="background1"/>'), r("600")),
    "fallback-shown": p(
        '<mc:AlternateContent xmlns:zz="urn:zz"><mc:Choice Requires="zz">'
        "<w:r><w:t>-600</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>600</w:t></w:r>"
        "</mc:Fallback></mc:AlternateContent>"
    ),
}


@pytest.mark.parametrize("cell", UNSEEN_MINUS.values(), ids=UNSEEN_MINUS.keys())
def test_a_minus_a_person_does_not_see_is_not_read(
    here: Path, runner: CliRunner, cell: str
) -> None:
    """What a person sees is 600; what is written is -600, without a doubt, exit 0: the colour
    test is equality with the background (FEFEFE on white passes), ``w:themeColor`` (which
    Word shows over ``w:val``) is not read, and ``mc:Choice`` is read even where Word shows
    ``mc:Fallback`` (a Requires namespace it does not know)."""
    Path("p.docx").write_bytes(docx_page(tbl(YEARS_ROW, inside_row(cell))))
    right_or_refused(
        imported(runner, "p.docx"),
        "test",
        "change.inside_service_frame",
        {2024: 600, 2025: -600, 2026: -600, 2027: -600},
    )


TEXT_BOX_MINUS = (
    '<w:r><w:drawing><wp:anchor behindDoc="0" distT="0" distB="0" distL="0" distR="0" '
    'simplePos="0" relativeHeight="1" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
    '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
    '</wp:posOffset></wp:positionV><wp:extent cx="100000" cy="100000"/><wp:wrapNone/>'
    '<wp:docPr id="1" name="t"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/'
    'office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r>'
    "<w:t>-</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
    "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
)


def test_a_shape_over_a_figure_raises_a_doubt(here: Path, runner: CliRunner) -> None:
    """A text box anchored in the cell draws "-" before "600": a person reads -600, the import
    reads 600 (text boxes are not read, and a drawing in a cell raises no doubt). Only a
    warning (a reduction whose net change is positive) follows; exit 0."""
    cell = p(TEXT_BOX_MINUS, r("600"))
    Path("p.docx").write_bytes(docx_page(tbl(YEARS_ROW, inside_row(cell))))
    right_or_refused(imported(runner, "p.docx"), "test", "change.inside_service_frame", -600)


def test_a_tracked_change_inside_a_figure_is_not_read_as_accepted(
    here: Path, runner: CliRunner
) -> None:
    """ "-6<del>0</del><ins>5</ins>0": a figure with a change not yet accepted is read as if it
    were (-650), with no doubt; a person reading the markup sees -600 struck and -650 pending.
    Which one the budget holds is a decision no one made. Exit 0."""
    date = 'w:author="x" w:date="2023-01-01T00:00:00Z"'
    cell = p(
        r("-6"),
        f'<w:del w:id="1" {date}><w:r><w:delText>0</w:delText></w:r></w:del>',
        f'<w:ins w:id="2" {date}><w:r><w:t>5</w:t></w:r></w:ins>',
        r("0"),
    )
    Path("p.docx").write_bytes(docx_page(tbl(YEARS_ROW, inside_row(cell))))
    assert imported(runner, "p.docx") == 1


def test_a_row_a_person_cannot_see_is_not_read(here: Path, runner: CliRunner) -> None:
    """A row of exact height 1 twip (``w:trHeight w:hRule="exact"``) shows nothing; its -900
    outside the service frame is written, exit 0. (Likewise a row whose deletion is tracked,
    ``w:trPr/w:del``, and a table style whose text is white or hidden.)"""
    hidden = tr(
        "Beløb udenfor servicerammen",
        *["-900"] * 4,
        trpr='<w:trHeight w:val="1" w:hRule="exact"/>',
    )
    Path("p.docx").write_bytes(docx_page(tbl(YEARS_ROW, inside_row("-600"), hidden)))
    right_or_refused(imported(runner, "p.docx"), "test", "change.outside_service_frame", None)


def test_a_figure_under_a_column_not_read_is_not_dropped(here: Path, runner: CliRunner) -> None:
    """A figure under a column that is not read ("Funktion", or a header cell left empty) is
    dropped without a word, whatever it is: the page shows -200 outside the service frame in
    the second column; the file says none, exit 0."""
    rows = (
        "Økonomiske konsekvenser\n"
        "Beløb i 1.000 kr.\tFunktion\t2024\t2025\t2026\t2027\n"
        "Beløb indenfor servicerammen\t5.32.32\t-600\t-600\t-600\t-600\n"
        "Beløb udenfor servicerammen\t-200\t\t\t\t\n"
    )
    Path("p.txt").write_text(page(rows), encoding="utf-8")
    assert imported(runner, "p.txt") == 1


def test_an_outside_row_naming_indenrigs_is_not_read_as_inside(
    here: Path, runner: CliRunner
) -> None:
    """``economy._known`` takes any label with "service" and "inden" for inside the
    service frame, before it looks for "uden": "Beløb udenfor servicerammen (jf.
    Indenrigsministeriet)" is written as inside, exit 0. (And the typo "undenfor", one letter
    from both "indenfor" and "udenfor", is silently taken as outside.)"""
    rows = table("Beløb udenfor servicerammen (jf. Indenrigsministeriet)\t-600\t-600\t-600\t-600")
    Path("p.txt").write_text(page(rows), encoding="utf-8")
    right_or_refused(imported(runner, "p.txt"), "test", "change.outside_service_frame", -600)


def test_an_allocation_for_one_year_is_not_written_for_every_year(
    here: Path, runner: CliRunner
) -> None:
    """ "053026 (-500 t.kr. i 2024)" with a change of -500 in 2024 only: the period after the
    amount is not read, so the file books -500 in every year (a warning says it does not add
    up), exit 0."""
    header = HEAD.replace("Dato og", "Funktionsområde\t053026 (-500 t.kr. i 2024)\nDato og")
    rows = table("Beløb indenfor servicerammen\t-500\t\t\t")
    text = header.format(title="Test", area="B60.30.10") + rows + DESCRIPTION
    Path("p.txt").write_text(text, encoding="utf-8")
    right_or_refused(
        imported(runner, "p.txt"), "test", "allocations.function_areas", {"053026": {2024: -500}}
    )


def test_a_page_that_states_the_other_sign_convention_is_refused(
    here: Path, runner: CliRunner
) -> None:
    """A page that says under its table "Note: + (plus) = mindreudgift/merindtægt, - (minus) =
    merudgift" has its savings written as expenses (+600): the note is not read, and only a
    warning (a reduction whose net change is positive) follows, exit 0."""
    note = "Note: + (plus) = mindreudgift/merindtægt, - (minus) = merudgift\n"
    rows = table("Beløb indenfor servicerammen\t600\t600\t600\t600") + note
    Path("p.txt").write_text(page(rows), encoding="utf-8")
    right_or_refused(imported(runner, "p.txt"), "test", "change.inside_service_frame", -600)


def test_a_repeated_page_heading_does_not_cut_the_page(here: Path, runner: CliRunner) -> None:
    """The heading again further down ("Rådighedsforslag til budget 2024-2027 (fortsat)")
    starts a page: the first page is written without its staffing, description and a)/b)
    lines, and the rest is refused as a page without a title (exit 1, but the first page's
    file, short of its FTE, is written)."""
    rest = (
        "Rådighedsforslag til budget 2024-2027 (fortsat)\n"
        "Nuværende normering på området\t2024\t2025\t2026\t2027\n"
        "Antal fuldtidsstillinger\t110\t110\t110\t110\n"
        "Ændring af normering s.f.a. forslag\t\t\t\t\n"
        "Antal fuldtidsstillinger\t-1,3\t-1,3\t-1,3\t-1,3\n"
    )
    Path("p.txt").write_text(page(rest=rest + DESCRIPTION), encoding="utf-8")
    right_or_refused(imported(runner, "p.txt"), "test", "staffing.change_fte", -1.3)


def test_a_numbered_description_heading_keeps_the_components(here: Path, runner: CliRunner) -> None:
    """Word's text writes a numbered heading as "3.<tab>Præsentation af forslag": its label is
    "3.", so no description is found, and the a)/b) lines, the description and "allerede
    realiseret" are dropped without a word. Exit 0, no components in the file."""
    rest = (
        "Note.\n3.\tPræsentation af forslag\nTekst.\na) Besparelsespotentiale 0,6 mio. kr. årligt\n"
    )
    Path("p.txt").write_text(page(rest=rest), encoding="utf-8")
    right_or_refused(
        imported(runner, "p.txt"),
        "test",
        "components",
        [{"type": "saving", "label": "Besparelsespotentiale", "amounts": -600}],
    )


def test_ikke_allerede_realiseret_is_not_realized(here: Path, runner: CliRunner) -> None:
    """ "Besparelsen er ikke allerede realiseret" makes the status ``realized``
    (``template.REALIZED`` looks for the words anywhere, a negation too)."""
    Path("p.txt").write_text(
        page(rest="Præsentation af forslag\nBesparelsen er ikke allerede realiseret.\n"),
        encoding="utf-8",
    )
    right_or_refused(imported(runner, "p.txt"), "test", "status", "proposed")


# === 2. a file destroyed ==========================================================================


def test_an_unreadable_document_does_not_move_the_ids_of_the_next(
    here: Path, runner: CliRunner
) -> None:
    """Ids count the titled pages of the documents read; a document that cannot be read (or
    a page whose title label is misspelt, or the documents named in another order) counts
    none, and the pages after it take its ids. ``import a.txt b.txt`` writes
    frivilligfesten (a's) and frivilligfesten-2 (b's); with a.txt damaged (one byte not
    UTF-8), ``import a.txt b.txt --force`` writes b's page over a's file: a's proposal is gone,
    b's is there twice, and ``summary`` counts it twice (-1.800 instead of -1.000)."""
    a = page(table("Beløb indenfor servicerammen\t-100\t-100\t-100\t-100"), title="Frivilligfesten")
    b = page(table("Beløb indenfor servicerammen\t-900\t-900\t-900\t-900"), title="Frivilligfesten")
    Path("a.txt").write_text(a, encoding="utf-8")
    Path("b.txt").write_text(b, encoding="utf-8")
    assert imported(runner, "a.txt", "b.txt") == 0
    Path("a.txt").write_bytes(a.encode() + b"\xff")
    imported(runner, "a.txt", "b.txt", options=["--force"])
    sources = [p["source"]["document"] for p in proposals().values()]
    assert sorted(sources) == ["a.txt", "b.txt"]


QUOTED_KEY_AREAS = """municipality: X
title: T
years: [2024, 2025, 2026, 2027]
areas:
  - code: B60.30.10
    committee: Social- og Sundhedsudvalget
"frames":
  service: {2024: 1, 2025: 1, 2026: 1, 2027: 1}
"baseline":
  service: {2024: 1, 2025: 1, 2026: 1, 2027: 1}
"""


def test_add_areas_never_writes_an_areas_yaml_that_does_not_parse(
    here: Path, runner: CliRunner
) -> None:
    """``areasfile._list_lines`` ends the areas: list at a top-level key it knows by
    ``[A-Za-z_]…:``; after a quoted key ("frames":) the list runs on into that key's block, and
    the new area is appended there: a YAML syntax error. ``importing._checked`` refuses a page
    only for errors in its own file, so the broken areas.yaml is written with the proposal
    ("1 proposal written … 1 error", exit 1), and every command fails on the folder after."""
    Path("data/areas.yaml").write_text(QUOTED_KEY_AREAS, encoding="utf-8")
    before = Path("data/areas.yaml").read_bytes()
    Path("p.txt").write_text(page(area="B70.00.01"), encoding="utf-8")
    imported(runner, "p.txt", options=["--add-areas"])
    code, _, _ = run(runner, "validate", "--data", "data")
    assert code == 0 or Path("data/areas.yaml").read_bytes() == before


def _planned(folder: Path, text: str, add_areas: bool = False) -> importing.Plan:
    """An import's plan of the document ``text``, as ``budgetcli import`` makes it."""
    budget = load_checked(folder, use_cache=False).budget
    assert budget is not None
    options = importing.Options(add_areas=add_areas)
    return importing.plan(
        [("doc.txt", text.encode())],
        list_folder(folder),
        budget,
        options,
        lambda files: compute(files).problems,
    )


def test_two_imports_at_once_lose_no_added_area(here: Path) -> None:
    """Two ``import --add-areas`` running at once (each planned before the other writes):
    each writes areas.yaml with its own area added to the file it read, so the second removes
    the first's area, and the first's proposal no longer validates ("area B70.00.01 is not in
    areas.yaml")."""
    folder = Path("data")
    first = _planned(folder, page(title="Alpha", area="B70.00.01"), add_areas=True)
    second = _planned(folder, page(title="Beta", area="B70.00.02"), add_areas=True)
    importing.write(first, folder, False)
    with pytest.raises(writing.NotWritten, match="changed while the import was planned"):
        importing.write(second, folder, False)
    assert "B70.00.01" in Path("data/areas.yaml").read_text(encoding="utf-8")


def test_a_file_made_while_an_import_plans_is_not_replaced(here: Path) -> None:
    """A new proposal file is put in place by ``os.replace`` (``writing.write_all``), which
    replaces a file of that name made after the plan was made (by hand, or by another
    import): the user's file is gone. ``create_exclusively`` (a link) would refuse it."""
    folder = Path("data")
    plan = _planned(folder, page(title="Gamma"))
    (folder / "proposals").mkdir(exist_ok=True)
    (folder / "proposals" / "gamma.yaml").write_text("# mine\n", encoding="utf-8")
    with contextlib.suppress(OSError):  # refusing the write would be the fix
        importing.write(plan, folder, False)
    assert (folder / "proposals" / "gamma.yaml").read_text(encoding="utf-8") == "# mine\n"


def test_an_interrupt_while_writing_leaves_no_half_import(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while the files are written: ``write_all`` undoes only on ``OSError``, so a
    ``KeyboardInterrupt`` leaves the proposals written so far, and areas.yaml, written last,
    without the area they name: the folder no longer validates."""
    folder = Path("data")
    text = page(title="Alpha", area="B70.00.01") + page(title="Beta", area="B70.00.01")
    plan = _planned(folder, text, add_areas=True)
    real, calls = writing._written_beside, []

    def interrupted(path: Path, content: bytes) -> Path:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(path, content)

    monkeypatch.setattr(writing, "_written_beside", interrupted)
    with pytest.raises(KeyboardInterrupt):
        importing.write(plan, folder, False)
    monkeypatch.setattr(writing, "_written_beside", real)
    # areas.yaml written, then the first proposal interrupted (then areas.yaml put back)
    assert calls[:2] == [folder / "areas.yaml", folder / "proposals" / "alpha.yaml"]
    assert load_checked(folder, use_cache=False).valid


def test_add_areas_does_not_replace_a_linked_areas_yaml(here: Path, runner: CliRunner) -> None:
    """With areas.yaml a symbolic link (to the finance office's one file), ``--add-areas``
    replaces the link by a regular file (``os.replace``): the linked file is not updated, the
    link is gone. (A read-only areas.yaml, mode 0444, is replaced the same way, as 0644.)"""
    shared = here / "shared-areas.yaml"
    shutil.move("data/areas.yaml", shared)
    os.symlink(shared, "data/areas.yaml")
    Path("p.txt").write_text(page(area="B70.00.01"), encoding="utf-8")
    imported(runner, "p.txt", options=["--add-areas"])
    assert Path("data/areas.yaml").is_symlink()


def test_export_force_does_not_replace_a_file_export_did_not_write(
    here: Path, runner: CliRunner
) -> None:
    """``export -o FILE --force`` replaces any regular file outside the data folder: a Word
    document, the document import read, another budget's areas.yaml
    (``export --format sqlite -o ../other/areas.yaml --force``). ``report`` keeps a marker to
    replace only its own; export keeps none. (Documented in the README, but "never destroy,
    whatever the options" says otherwise.)"""
    Path("thesis.docx").write_bytes(b"my own document")
    run(runner, "export", "--format", "xlsx", "-o", "thesis.docx", "--force", "--data", str(DATA))
    assert Path("thesis.docx").read_bytes() == b"my own document"


# === 3. a wrong message ===========================================================================


def test_add_areas_after_a_byte_order_mark_adds(here: Path, runner: CliRunner) -> None:
    """An areas.yaml that starts with a byte order mark and then "areas:" validates, but
    ``--add-areas`` says "its areas: list is not written one item a line (- code: …); add the
    area by hand", which it is: the mark is part of the first line ``_AREAS`` matches."""
    text = (
        "\ufeffareas:\n  - code: B60.30.10\n    committee: Social- og Sundhedsudvalget\n"
        "municipality: X\ntitle: T\nyears: [2024, 2025, 2026, 2027]\n"
    )
    Path("data/areas.yaml").write_text(text, encoding="utf-8")
    Path("p.txt").write_text(page(area="B70.00.01"), encoding="utf-8")
    assert imported(runner, "p.txt", options=["--add-areas"]) == 0


def test_the_obelus_in_running_text_is_not_told_to_be_written_as_itself(
    here: Path, runner: CliRunner
) -> None:
    """In an allocation, "(500 t.kr. ÷ 100 t.kr.)" is refused with "write ÷100 t.kr. if it is
    its sign", and "÷100 t.kr." is then refused as "÷, the minus of Danish bookkeeping, which
    is not read here: write - instead": the first message sends the user in a circle."""
    header = HEAD.replace("Dato og", "Funktionsområde\t053026 (500 t.kr. ÷ 100 t.kr.)\nDato og")
    text = header.format(title="Test", area="B60.30.10") + TABLE + DESCRIPTION
    Path("p.txt").write_text(text, encoding="utf-8")
    _, out, err = run(runner, "import", "p.txt", "--to", "data", "--dry-run")
    assert "write ÷100" not in out + err
