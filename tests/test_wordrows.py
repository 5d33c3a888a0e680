"""A Word proposal document as rows (`budgetcli/word/rows.py`): from Word's plain text and
from the .docx, the same rows; any bytes give rows or ``Unreadable``, never an exception.

The .docx files are made by ``examples/seed_docx.py`` from the seed text, and by python-docx
here for what the seed does not hold (merged cells, content controls, tracked changes)."""

from __future__ import annotations

import functools
import importlib.util
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetcli.core.diagnostics import Said, said
from budgetcli.word import rows as wordrows
from budgetcli.word.rows import NESTED, TRACKED, Row, Unreadable, docx_rows, text_rows

from .conftest import REPO, examples

if TYPE_CHECKING:
    from docx.document import Document

FIXTURE = Path(__file__).parent / "fixtures" / "seed-proposals.txt"
SEED = FIXTURE.read_bytes()


def _example(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, REPO / "examples" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


seed_docx = _example("seed_docx")
build: Callable[[Sequence[Row]], bytes] = seed_docx.build
build_docx: Callable[[str], bytes] = seed_docx.build_docx


def rows_of(data: bytes, read: Callable[[bytes], list[Row] | Unreadable] = text_rows) -> list[Row]:
    rows = read(data)
    assert not isinstance(rows, Unreadable), rows.reason
    return rows


def place(where: str) -> Said:
    """A row's place as a message says it (``Row.where``), from its English: ``line 12``,
    ``table 3, row 2``, ``paragraph 7``."""
    if found := re.fullmatch(r"line (\d+)", where):
        return said("line {line}", line=found[1])
    if found := re.fullmatch(r"paragraph (\d+)", where):
        return said("paragraph {paragraph}", paragraph=found[1])
    found = re.fullmatch(r"table (\d+), row (\d+)", where)
    assert found is not None, where
    return said("table {table}, row {row}", table=found[1], row=found[2])


def cells_of(
    data: bytes, read: Callable[[bytes], list[Row] | Unreadable] = text_rows
) -> list[tuple[str, ...]]:
    return [row.cells for row in rows_of(data, read)]


def plain(line: int, where: str, cells: tuple[str, ...], table: bool) -> Row:
    """A row whose cells stand one to a grid column, without doubts: every row of a text, and
    of a .docx without merged cells or hidden text."""
    count = len(cells)
    return Row(line, place(where), cells, table, tuple(range(count)), (1,) * count, ("",) * count)


def reason(rows: list[Row] | Unreadable) -> str:
    assert isinstance(rows, Unreadable), rows
    return rows.reason


# --- the seed as plain text ----------------------------------------------------------------------


def test_the_seed_text_has_eleven_pages() -> None:
    rows = rows_of(SEED)
    pages = [r for r in rows if r.cells[0].startswith("Rådighedsforslag til budget")]
    assert len(pages) == 11
    assert all(len(r.cells) == 1 and not r.table for r in pages)


def test_the_first_header_rows_are_read_cell_by_cell() -> None:
    rows = rows_of(SEED)
    assert rows[0] == plain(3, "line 3", ("Rådighedsforslag til budget 2024-2027",), False)
    assert rows[1] == plain(
        5,
        "line 5",
        ("Forslagets overskrift", "Styrket organisering og styring i Hjemmeplejen"),
        True,
    )
    assert [r.cells for r in rows[2:7]] == [
        ("Fagudvalg", "Social- og Sundhedsudvalget"),
        ("Bevillings-/Budgetområde", "B60.30.05 & B60.30.15"),
        ("Center/driftssted", "Center for Voksne og Velfærd"),
        ("Funktionsområde", "053026-1-001 (500 t.kr.) og 053028-1-1001 (100 t.kr.)"),
        ("Omkostningssted/PSP-element", "3708210002 (500 t.kr.) og 3708220002 (100 t.kr.)"),
    ]
    assert rows[7] == plain(
        11, "line 11", ("Dato og kontaktperson", "22-6-23 Anne Kirstine Svanholt"), True
    )
    assert rows[8] == plain(13, "line 13", ("Økonomiske konsekvenser",), False)


def test_the_economic_table_keeps_its_empty_cells() -> None:
    by_line = {r.line: r for r in rows_of(SEED)}
    assert by_line[15].cells == ("Beløb i 1.000 kr.", "2024", "2025", "2026", "2027")
    assert by_line[18].cells == ("Ændringsforslag", "", "", "", "")
    assert by_line[19] == plain(
        19, "line 19", ("Beløb indenfor servicerammen", "-600", "-600", "-600", "-600"), True
    )
    assert by_line[20].cells == ("Beløb udenfor servicerammen", "", "", "", "")
    assert by_line[21].cells == ("I alt", "-600", "-600", "-600", "-600")


def test_separator_and_blank_lines_are_dropped() -> None:
    lines = SEED.decode().split("\n")
    assert lines[255] == "------------------------------\t--"  # line 256
    rows = rows_of(SEED)
    numbers = [r.line for r in rows]
    assert {256, 381, 428}.isdisjoint(numbers)
    assert 255 in numbers and 258 in numbers
    assert numbers == [n for n, line in enumerate(lines, 1) if line.strip() and "--\t-" not in line]
    assert not any(all(set(c) <= set("-_=") for c in r.cells) for r in rows)


def test_a_row_is_a_table_row_when_its_line_holds_a_tab() -> None:
    rows = rows_of("Note\nA\tB\n\t\t\n-----\n=== \t ___\nx\t-\n\u00a0Bilag 1\u00a0\n".encode())
    assert rows == [
        plain(1, "line 1", ("Note",), False),
        plain(2, "line 2", ("A", "B"), True),
        plain(6, "line 6", ("x", "-"), True),
        plain(7, "line 7", ("Bilag 1",), False),
    ]


# --- encodings and line ends ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: b"\xef\xbb\xbf" + t.encode(),
        lambda t: t.encode("utf-16"),  # Word's "Unicode": a byte order mark, little-endian here
        lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        lambda t: t.replace("\n", "\r\n").encode(),
        lambda t: t.replace("\n", "\r").encode(),
        lambda t: t.replace("\n", "\r\n").encode("utf-16"),
    ],
    ids=["utf-8-bom", "utf-16", "utf-16-le", "utf-16-be", "crlf", "cr", "utf-16-crlf"],
)
def test_every_encoding_and_line_end_gives_the_same_rows(encode: Callable[[str], bytes]) -> None:
    assert rows_of(encode(SEED.decode())) == rows_of(SEED)


def test_a_form_feed_ends_a_row_but_not_a_line() -> None:
    rows = rows_of(b"Slut\fR\xc3\xa5dighedsforslag\n\f\nA\tB")
    assert rows == [
        plain(1, "line 1", ("Slut",), False),
        plain(1, "line 1", ("Rådighedsforslag",), False),
        plain(3, "line 3", ("A", "B"), True),
    ]


def test_latin_1_is_unreadable_and_says_where() -> None:
    why = reason(text_rows("Fagudvalg\tSocial\nØkonomi\n".encode("latin-1")))
    assert why.startswith("not UTF-8 or UTF-16 text: byte 0xd8 on line 2 (byte 17)")
    assert "Latin-1" in why


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"\xff\xfeA\x00B", "UTF-16 byte order mark, but is not UTF-16 (truncated data"),
        (b"\xff\xfe\x00\xd8A\x00", "illegal"),  # a lone surrogate
        ("A\tB".encode("utf-16-le"), "NUL characters"),  # UTF-16 without its byte order mark
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00\xa1", "a zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\xff", "Word 97-2003 document (.doc)"),
    ],
)
def test_what_is_not_text_says_what_it_is(data: bytes, said: str) -> None:
    why = reason(text_rows(data))
    assert why.startswith("not UTF-8 or UTF-16 text: ")
    assert said in why


def test_nothing_is_no_rows() -> None:
    assert text_rows(b"") == [] == text_rows(b"\xef\xbb\xbf\r\n\n\t \n")


@given(st.binary())
def test_text_rows_never_raise(data: bytes) -> None:
    rows = text_rows(data)
    if not isinstance(rows, Unreadable):
        assert all(r.cells and any(r.cells) and r.where.english == f"line {r.line}" for r in rows)


@given(st.text())
def test_any_text_reads_the_same_in_utf_8_and_utf_16(text: str) -> None:
    assert text_rows(text.encode()) == text_rows(text.encode("utf-16"))


# --- the seed as .docx ---------------------------------------------------------------------------


def test_the_seed_docx_has_the_rows_of_the_seed_text() -> None:
    rows = rows_of(build_docx(SEED.decode()), docx_rows)
    assert [r.cells for r in rows] == cells_of(SEED)
    assert [r.table for r in rows] == [r.table for r in rows_of(SEED)]
    assert rows[0] == plain(1, "paragraph 1", ("Rådighedsforslag til budget 2024-2027",), False)
    assert rows[1].where.english == "table 1, row 1"
    assert rows[8] == plain(9, "paragraph 2", ("Økonomiske konsekvenser",), False)
    assert rows[9].where.english == "table 2, row 1"
    assert [r.line for r in rows] == list(range(1, len(rows) + 1))  # no empty block in between


def test_the_example_script_writes_the_docx(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    assert seed_docx.main([str(FIXTURE), str(out)]) == 0
    assert cells_of(out.read_bytes(), docx_rows) == cells_of(SEED)
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]  # no temporary file left


def test_the_example_script_refuses_a_text_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Økonomi\n".encode("latin-1"))
    assert seed_docx.main([str(latin), str(tmp_path / "out.docx")]) == 1
    assert "not UTF-8 or UTF-16 text" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["latin.txt"]


# the characters Word and XML can hold; tabs and line ends come from the structure
_CELL = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cn")), max_size=8)
_LINE = st.lists(_CELL, min_size=1, max_size=4).map("\t".join)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(_LINE, st.just(""), st.just("Rådighedsforslag til budget x")), max_size=12)
)
def test_any_text_reads_the_same_as_its_docx(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert cells_of(build_docx(text), docx_rows) == cells_of(text.encode())


# --- .docx files python-docx makes ---------------------------------------------------------------


@functools.cache
def seed_as_docx() -> bytes:
    """The seed's .docx, made once."""
    return build_docx(SEED.decode())


def _new() -> Document:
    import docx

    return docx.Document()


def _saved(document: Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_merged_cell_is_one_cell() -> None:
    document = _new()
    table = document.add_table(rows=3, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Beløb i 1.000 kr."
    table.cell(0, 2).text = "2024"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Lodret"
    table.cell(1, 1).text, table.cell(1, 2).text = "a", "b"
    table.cell(2, 1).text, table.cell(2, 2).text = "c", "d"
    assert [c.text for c in table.rows[0].cells] == ["Beløb i 1.000 kr."] * 2 + [
        "2024"
    ]  # python-docx
    rows = rows_of(_saved(document), docx_rows)
    assert [r.cells for r in rows] == [
        ("Beløb i 1.000 kr.", "2024"),
        ("Lodret", "a", "b"),
        ("", "c", "d"),  # the continued vertical merge is empty, as Word's plain text has it
    ]
    assert [(r.columns, r.spans) for r in rows] == [
        ((0, 2), (2, 1)),  # the merged cell is two columns wide
        ((0, 1, 2), (1, 1, 1)),
        ((0, 1, 2), (1, 1, 1)),
    ]
    assert [r.doubts for r in rows] == [
        ("", ""),
        ("merged with the cell below (vertical merge)", "", ""),
        ("merged with the cell above (vertical merge)", "", ""),
    ]


def test_a_cell_joins_its_paragraphs_and_reads_a_nested_table_as_text() -> None:
    document = _new()
    document.add_paragraph("")
    document.add_paragraph("\u00a0 Før \t")
    table = document.add_table(rows=2, cols=2)
    cell = table.cell(0, 0)
    cell.text = "Første"
    cell.add_paragraph("")
    cell.add_paragraph("anden")
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "indre", "celle"
    table.cell(0, 1).text = " 2024 "
    document.add_paragraph("----------")
    table2 = document.add_table(rows=3, cols=2)
    table2.cell(0, 0).text, table2.cell(0, 1).text = "-----", "__"
    table2.cell(2, 0).text = "I alt"
    document.add_paragraph("Efter")
    assert rows_of(_saved(document), docx_rows) == [
        plain(2, "paragraph 2", ("Før",), False),
        Row(
            3,
            place("table 1, row 1"),
            ("Første anden indre celle", "2024"),
            True,
            (0, 1),
            (1, 1),
            (NESTED, ""),
        ),
        plain(8, "table 2, row 3", ("I alt", ""), True),  # the empty row 2 is dropped too
        plain(9, "paragraph 4", ("Efter",), False),
    ]


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_content_controls_and_tracked_changes_are_read_as_word_shows_them() -> None:
    from docx.oxml import parse_xml

    document = _new()
    body = document.element.body
    body.append(
        parse_xml(
            f'<w:sdt xmlns:w="{W}"><w:sdtPr><w:alias w:val="Titel"/></w:sdtPr><w:sdtContent>'
            "<w:p><w:r><w:t>I et felt</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    body.append(
        parse_xml(
            f'<w:p xmlns:w="{W}"><w:r><w:t xml:space="preserve">Beløb </w:t></w:r>'
            '<w:ins w:id="1" w:author="a"><w:r><w:t>ny</w:t></w:r></w:ins>'
            '<w:del w:id="2" w:author="a"><w:r><w:delText>gammel</w:delText></w:r></w:del>'
            "<w:sdt><w:sdtContent><w:r><w:t>-600</w:t></w:r></w:sdtContent></w:sdt>"
            "<w:hyperlink><w:r><w:tab/><w:t>link</w:t><w:br/><w:t>x</w:t></w:r></w:hyperlink></w:p>"
        )
    )
    assert cells_of(_saved(document), docx_rows) == [("I et felt",), ("Beløb ny-600\tlink x",)]
    assert document.paragraphs[-1].text == "Beløb \tlink\nx"  # python-docx: no w:ins, no w:sdt


def test_blocks_only_stand_in_the_body_a_table_or_a_content_control() -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    body = (
        f'<mc:AlternateContent xmlns:mc="{mc}"><mc:Choice Requires="w14">{_p(_r("Valg"))}'
        f"</mc:Choice><mc:Fallback>{_p(_r('Valg'))}</mc:Fallback></mc:AlternateContent>"
        f"<w:foo>{_p(_r('Ukendt'))}{_tbl(_tr(_tc(_p(_r('x')))))}</w:foo>"
        + _tbl(_tr(_tc(_p(_r("Række")))), f"<w:foo>{_tr(_tc(_p(_r('y'))))}</w:foo>")
        + f"<w:sdt><w:sdtContent>{_p(_r('Felt'))}</w:sdtContent></w:sdt>"
    )
    assert rows_of(_docx(body), docx_rows) == [
        plain(1, "table 1, row 1", ("Række",), True),
        plain(2, "paragraph 1", ("Felt",), False),
    ]


@pytest.mark.parametrize(("depth", "read"), [(250, True), (300, False), (5000, False)])
def test_deep_nesting_is_read_or_refused(depth: int, read: bool) -> None:
    data = _saved(_new())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    fields = "<w:hyperlink>" * depth + "<w:r><w:t>x</w:t></w:r>" + "</w:hyperlink>" * depth
    levels = depth // 3  # a nested table is three elements deeper
    tables = "<w:tbl><w:tr><w:tc>" * levels + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * levels
    document = (
        f'<w:document xmlns:w="{W}"><w:body><w:p>{fields}</w:p>{tables}</w:body></w:document>'
    )
    members["word/document.xml"] = document.encode()
    rows = docx_rows(_zip(members))
    if read:
        assert [r.cells for r in rows_of(_zip(members), docx_rows)] == [("x",)]  # table: empty
    else:
        assert "Excessive depth" in reason(rows)


# --- what is not a .docx -------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"", "the file is empty"),
        (SEED, "not a zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 97-2003 document (.doc)"),
        (_zip({}), "without word/document.xml"),
        (
            _zip({"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"}),
            "without word/document.xml",
        ),
        (_zip({"word/document.xml": b"<w:document/>"}), "damaged (KeyError"),
        (bytes(range(256)) * 4, "not a zip archive"),
    ],
    ids=["empty", "text", "doc", "empty-zip", "xlsx", "no-content-types", "random"],
)
def test_what_is_not_a_docx_is_unreadable(data: bytes, said: str) -> None:
    why = reason(docx_rows(data))
    assert why.startswith("not a Word document (.docx): ")
    assert said in why
    assert "\n" not in why and len(why) < 300


def test_a_template_is_not_read_as_a_document() -> None:
    data = _saved(_new())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    types = members["[Content_Types].xml"]
    members["[Content_Types].xml"] = types.replace(b"document.main+xml", b"template.main+xml")
    assert ".dotx" in reason(docx_rows(_zip(members)))


@pytest.mark.parametrize(
    ("part", "data", "said"),
    [
        ("[Content_Types].xml", b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
         b'content-types"/>', "it is damaged ([Content_Types].xml gives word/document.xml no type)"),
        ("word/document.xml", f'<w:document xmlns:w="{W}"/>'.encode(), "word/document.xml has no body"),
        ("word/document.xml", f'<w:x xmlns:w="{W}"><w:body/></w:x>'.encode(),
         "word/document.xml has no body"),
    ],
)  # fmt: skip
def test_a_docx_without_its_parts_is_refused(part: str, data: bytes, said: str) -> None:
    members = _members(_saved(_new()))
    members[part] = data
    assert reason(docx_rows(_zip(members))) == f"not a Word document (.docx): {said}"


def test_a_docx_that_unpacks_too_large_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _saved(_new())
    assert rows_of(data, docx_rows) == []
    monkeypatch.setattr(wordrows, "MAX_UNPACKED", 1000)
    assert "over the 0 MiB read" in reason(docx_rows(data))


@given(st.binary())
def test_docx_rows_never_raise(data: bytes) -> None:
    docx_rows(data)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_damaged_docx_never_raises(data: st.DataObject) -> None:
    good = seed_as_docx()
    start = data.draw(st.integers(0, len(good) - 1))
    junk = data.draw(st.binary(min_size=1, max_size=64))
    cut = data.draw(st.booleans())
    damaged = good[:start] + (b"" if cut else junk) + good[start + len(junk) :]
    rows = docx_rows(damaged)
    assert isinstance(rows, Unreadable | list)


@settings(max_examples=examples(100), deadline=None)
@given(st.text(max_size=200), st.booleans())
def test_any_document_xml_never_raises(xml: str, with_body: bool) -> None:
    data = _saved(_new())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    document = f'<w:document xmlns:w="{W}">' + ("<w:body>" if with_body else "") + xml
    members["word/document.xml"] = (
        document + ("</w:body>" if with_body else "") + "</w:document>"
    ).encode("utf-8", "surrogatepass")
    docx_rows(_zip(members))


# --- what Word does not show, and what a person may not see --------------------------------------


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _docx(body: str, styles: str = "") -> bytes:
    """A .docx python-docx makes, with ``body`` as its body's XML (the ``w:`` prefix bound)
    and ``styles`` added to its styles.xml."""
    members = _members(_saved(_new()))
    document = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    members["word/document.xml"] = document.encode()
    members["word/styles.xml"] = members["word/styles.xml"].replace(
        b"</w:styles>", styles.encode() + b"</w:styles>"
    )
    return _zip(members)


def _r(text: str, rpr: str = "") -> str:
    """A run of ``text`` with the run properties ``rpr``."""
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def _p(*runs: str, ppr: str = "") -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{''.join(runs)}</w:p>"


def _tc(*paragraphs: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{''.join(paragraphs) or '<w:p/>'}</w:tc>"


def _tbl(*rows: str, tblpr: str = "") -> str:
    return f"<w:tbl><w:tblPr>{tblpr}</w:tblPr>{''.join(rows)}</w:tbl>"


def _tr(*cells: str, trpr: str = "") -> str:
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"


#: styles for the hidden text: a hidden character style and one based on it, a hidden
#: paragraph style and one based on it, and a table style that shades its header row
STYLES = (
    '<w:style w:type="character" w:styleId="Skjult"><w:name w:val="Skjult"/>'
    "<w:rPr><w:vanish/></w:rPr></w:style>"
    '<w:style w:type="character" w:styleId="SkjultArvet"><w:name w:val="SkjultArvet"/>'
    '<w:basedOn w:val="Skjult"/><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="SkjultAfsnit"><w:name w:val="SkjultAfsnit"/>'
    "<w:rPr><w:vanish/></w:rPr></w:style>"
    '<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/>'
    '<w:basedOn w:val="SkjultAfsnit"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop1"/>'
    '<w:basedOn w:val="Loop2"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop2"/>'
    '<w:basedOn w:val="Loop1"/></w:style>'
    '<w:style w:type="table" w:styleId="Farvet"><w:name w:val="Farvet"/>'
    '<w:tblStylePr w:type="firstRow"><w:tcPr><w:shd w:val="clear" w:color="auto" '
    'w:fill="1F3864"/></w:tcPr></w:tblStylePr></w:style>'
)
HIDDEN = "hidden text left out"


@pytest.mark.parametrize(
    "rpr",
    [
        "<w:vanish/>",
        '<w:vanish w:val="true"/>',
        "<w:specVanish/>",
        '<w:rStyle w:val="Skjult"/>',
        '<w:rStyle w:val="SkjultArvet"/>',  # hidden by the style it is based on
    ],
)
def test_hidden_text_is_left_out_and_said(rpr: str) -> None:
    body = _p(_r("Beløb "), _r("999", rpr), _r("-600")) + _tbl(
        _tr(_tc(_p(_r("I alt"))), _tc(_p(_r("-600"), _r(" 999", rpr))))
    )
    rows = rows_of(_docx(body, STYLES), docx_rows)
    assert rows == [
        Row(1, place("paragraph 1"), ("Beløb -600",), False, (0,), (1,), (HIDDEN,)),
        Row(2, place("table 1, row 1"), ("I alt", "-600"), True, (0, 1), (1, 1), ("", HIDDEN)),
    ]


def test_text_set_visible_over_a_hidden_style_is_read() -> None:
    body = _p(_r("-600", '<w:rStyle w:val="Skjult"/><w:vanish w:val="0"/>'))
    body += _p(_r("Synlig", '<w:vanish w:val="false"/>'), ppr='<w:pStyle w:val="Note"/>')
    body += _p(_r("Skjult"), ppr='<w:pStyle w:val="Note"/>')  # hidden by its paragraph's style
    body += _p(_r("Løkke"), ppr='<w:pStyle w:val="Loop1"/>')  # styles based on each other
    body += _p(_r(" "), _r(" ", "<w:vanish/>"), _r("x"))  # hidden white space: no doubt
    assert rows_of(_docx(body, STYLES), docx_rows) == [
        plain(1, "paragraph 1", ("-600",), False),
        plain(2, "paragraph 2", ("Synlig",), False),
        plain(4, "paragraph 4", ("Løkke",), False),
        plain(5, "paragraph 5", ("x",), False),
    ]


def test_hidden_rows_deleted_and_moved_text_are_not_read() -> None:
    """Hidden rows are not read; deleted and moved-away text neither, but a paragraph with a
    tracked change says so (shown with its marks, it does not read as it is stored)."""
    body = _tbl(
        _tr(_tc(_p(_r("Beløb"))), _tc(_p(_r("2024")))),
        _tr(_tc(_p(_r("Skjult række"))), _tc(_p(_r("999"))), trpr="<w:hidden/>"),
        _tr(_tc(_p(_r("I alt"))), _tc(_p(_r("-600")))),
        _tr(_tc(_p(_r("Synlig"))), _tc(_p(_r("1"))), trpr='<w:hidden w:val="0"/>'),
    )
    body += (
        '<w:p><w:moveFrom w:id="1" w:author="a"><w:r><w:t>flyttet</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="2" w:author="a"><w:r><w:t>-600</w:t></w:r></w:moveTo>'
        "<w:r><w:delText>-500</w:delText></w:r></w:p>"
    )
    assert rows_of(_docx(body), docx_rows) == [
        plain(1, "table 1, row 1", ("Beløb", "2024"), True),
        plain(3, "table 1, row 3", ("I alt", "-600"), True),  # row 2 is counted, not read
        plain(4, "table 1, row 4", ("Synlig", "1"), True),
        Row(5, place("paragraph 1"), ("-600",), False, (0,), (1,), (TRACKED,)),
    ]


def test_hidden_text_python_docx_writes_is_left_out() -> None:
    from docx.enum.style import WD_STYLE_TYPE

    document = _new()
    style = document.styles.add_style("Usynlig", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    paragraph = document.add_paragraph("I alt ")
    paragraph.add_run("999").font.hidden = True
    paragraph.add_run("-600")
    paragraph.add_run(" 998").style = style
    assert rows_of(_saved(document), docx_rows) == [
        Row(1, place("paragraph 1"), ("I alt -600",), False, (0,), (1,), (HIDDEN,))
    ]


@pytest.mark.parametrize(
    ("rpr", "tcpr", "doubt"),
    [
        ('<w:color w:val="FFFFFF"/>', "", "white text on a white cell"),
        ('<w:color w:val="ffffff"/>', '<w:shd w:val="clear" w:fill="FFFFFF"/>', "white text on a white cell"),
        ('<w:color w:val="FFFFFF"/>', '<w:shd w:val="clear" w:fill="auto"/>', "white text on a white cell"),
        ('<w:color w:val="FFFFFF"/>', '<w:shd w:val="clear" w:fill="1F3864"/>', ""),
        ('<w:color w:val="FFFFFF"/><w:highlight w:val="black"/>', "", ""),
        ('<w:color w:val="FFFFFF"/><w:highlight w:val="white"/>', '<w:shd w:fill="000000"/>', "white text on a white cell"),
        ('<w:color w:val="D9D9D9"/>', '<w:shd w:val="clear" w:fill="D9D9D9"/>', "text the colour of its background (#D9D9D9)"),
        ('<w:color w:val="000000"/>', '<w:shd w:val="solid" w:color="auto" w:fill="FFFFFF"/>', "text the colour of its background (#000000)"),
        ('<w:color w:val="FFFF00"/><w:shd w:val="clear" w:fill="FFFF00"/>', "", "text the colour of its background (#FFFF00)"),
        ('<w:color w:val="auto"/>', '<w:shd w:val="clear" w:fill="000000"/>', ""),
        ('<w:sz w:val="2"/>', "", "text of 1 pt"),
        ('<w:sz w:val="3"/>', "", "text of 1.5 pt"),
        ('<w:sz w:val="4"/>', "", "text of 2 pt"),
        ('<w:sz w:val="5"/>', "", "text of 2.5 pt"),
        ('<w:sz w:val="7"/>', "", "text of 3.5 pt"),
        ('<w:sz w:val="8"/>', "", ""),
        ('<w:color w:val="FEFEFE"/>', "", "text the colour of its background (#FEFEFE)"),
        ('<w:color w:val="000000" w:themeColor="background1"/>', "", "white text on a white cell"),
        ('<w:color w:val="FFFFFF" w:themeColor="text1"/>', "", ""),
        ('<w:vertAlign w:val="superscript"/>', "", "raised or lowered text (a note's mark?)"),
        ('<w:sz w:val="0"/><w:color w:val="FFFFFF"/>', "", "text of 0 pt; white text on a white cell"),
    ],
)  # fmt: skip
def test_text_a_person_may_not_see_is_read_with_a_doubt(rpr: str, tcpr: str, doubt: str) -> None:
    body = _tbl(_tr(_tc(_p(_r("Beløb"))), _tc(_p(_r("-600", rpr)), tcpr=tcpr)))
    (row,) = rows_of(_docx(body), docx_rows)
    assert row.cells == ("Beløb", "-600")
    assert row.doubts == ("", doubt)


def test_white_text_on_a_page_and_in_a_shaded_style_is_said_where_it_is() -> None:
    white = '<w:color w:val="FFFFFF"/>'
    body = _p(_r("-600", white))
    body += _p(_r("-600", white), ppr='<w:shd w:val="clear" w:fill="000000"/>')  # on black
    body += _tbl(_tr(_tc(_p(_r("2024", white)))), tblpr='<w:tblStyle w:val="Farvet"/>')
    body += _p(_r(" ", white), _r("x"))  # white space is not text
    assert [r.doubts for r in rows_of(_docx(body, STYLES), docx_rows)] == [
        ("white text on a white page",),
        ("",),
        ("",),  # a table style shading some cells: which is not known, so no doubt
        ("",),
    ]


# --- grid places -----------------------------------------------------------------------------------


def test_a_cell_s_column_and_span_count_the_grid() -> None:
    span2 = '<w:gridSpan w:val="2"/>'
    body = _tbl(
        _tr(*(_tc(_p(_r(text))) for text in ("Beløb", "2024", "2025", "2026", "2027"))),
        _tr(_tc(_p(_r("I alt")), tcpr=span2), _tc(_p(_r("-600"))), _tc(_p(_r("-600")))),
        _tr(_tc(_p(_r("-600"))), _tc(_p(_r("-600"))), trpr='<w:gridBefore w:val="2"/>'),
        _tr(_tc(_p(_r("Kun"))), _tc(_p(_r("-1"))), trpr='<w:gridAfter w:val="3"/>'),
        _tr(_tc(_p(_r("x")), tcpr='<w:gridSpan w:val="x"/>'), _tc(_p(_r("y")))),
    )
    rows = rows_of(_docx(body), docx_rows)
    assert [(r.cells, r.columns, r.spans) for r in rows] == [
        (("Beløb", "2024", "2025", "2026", "2027"), (0, 1, 2, 3, 4), (1, 1, 1, 1, 1)),
        (("I alt", "-600", "-600"), (0, 2, 3), (2, 1, 1)),
        (("-600", "-600"), (2, 3), (1, 1)),  # the row starts late: its first cell is 2026's
        (("Kun", "-1"), (0, 1), (1, 1)),  # ends early: no cell for 2026 and 2027
        (("x", "y"), (0, 1), (1, 1)),  # a span that is not a number is one column
    ]
    assert all(r.doubts == ("",) * len(r.cells) for r in rows)


def test_merged_cells_say_so() -> None:
    body = _tbl(
        _tr(_tc(_p(_r("Lodret")), tcpr='<w:vMerge w:val="restart"/>'), _tc(_p(_r("a")))),
        _tr(_tc(tcpr="<w:vMerge/>"), _tc(_p(_r("b")))),
        _tr(_tc(tcpr='<w:vMerge w:val="continue"/>'), _tc(_p(_r("c")))),
        _tr(_tc(_p(_r("Vandret")), tcpr='<w:hMerge w:val="restart"/>'), _tc(tcpr="<w:hMerge/>")),
    )
    assert [(r.cells, r.doubts) for r in rows_of(_docx(body), docx_rows)] == [
        (("Lodret", "a"), ("merged with the cell below (vertical merge)", "")),
        (("", "b"), ("merged with the cell above (vertical merge)", "")),
        (("", "c"), ("merged with the cell above (vertical merge)", "")),
        (
            ("Vandret", ""),
            (
                "merged with the cell to the right (horizontal merge)",
                "merged with the cell to the left (horizontal merge)",
            ),
        ),
    ]


def test_a_text_row_s_cells_are_one_column_each_without_doubts() -> None:
    (row,) = rows_of("Beløb\t\t-600\t".encode())
    assert row == Row(
        1, place("line 1"), ("Beløb", "", "-600", ""), True, (0, 1, 2, 3), (1,) * 4, ("",) * 4
    )
    (row,) = rows_of(b"I alt")
    assert (row.columns, row.spans, row.doubts) == ((0,), (1,), ("",))


# --- the same document as text and as .docx, with hidden runs, split runs and spans ------------

#: a run: its text, and how it is hidden: not, by w:vanish, or by a hidden character style
_RUN = st.tuples(_CELL, st.sampled_from(["", "", "vanish", "style"]))
_RUNS = st.lists(_RUN, max_size=3)
#: a table cell: its runs and the grid columns it spans
_TABLE_CELL = st.tuples(_RUNS, st.integers(1, 3))
_BLOCK = st.one_of(
    st.tuples(st.just("p"), _RUNS),
    st.tuples(st.just("t"), st.lists(st.lists(_TABLE_CELL, min_size=1, max_size=3), min_size=1, max_size=3)),
)  # fmt: skip

Runs = list[tuple[str, str]]


def _visible(runs: Runs) -> str:
    return "".join(text for text, hidden in runs if not hidden)


def _doubt(runs: Runs) -> str:
    return HIDDEN if any(hidden and text.strip() for text, hidden in runs) else ""


def _docx_of(blocks: list[tuple[str, Any]]) -> bytes:
    """The blocks as a .docx python-docx makes: a table a block of table rows, as wide as its
    widest row (a shorter row's last cell spans the rest); hidden runs hidden."""
    from docx.enum.style import WD_STYLE_TYPE

    document = _new()
    style = document.styles.add_style("Skjult", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True

    def runs_in(paragraph: Any, runs: Runs) -> None:
        for text, hidden in runs:
            run = paragraph.add_run(text)
            run.font.hidden = True if hidden == "vanish" else None
            run.style = style if hidden == "style" else None

    for kind, content in blocks:
        if kind == "p":
            runs_in(document.add_paragraph(), content)
            continue
        width = max(sum(span for _, span in row) for row in content)
        table = document.add_table(rows=0, cols=width)
        for row in content:
            cells, column = table.add_row().cells, 0
            for i, (runs, span) in enumerate(row):
                end = width - 1 if i == len(row) - 1 else column + span - 1
                runs_in(cells[column].merge(cells[end]).paragraphs[0], runs)
                column = end + 1
    return _saved(document)


@pytest.mark.slow
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_BLOCK, max_size=6))
def test_any_document_reads_the_same_from_its_text_and_its_docx(
    blocks: list[tuple[str, Any]],
) -> None:
    lines: list[str] = []
    expected: list[tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]] = []
    for kind, content in blocks:
        rows = [[(content, 1)]] if kind == "p" else content
        for row in rows:
            cells = tuple(_visible(runs).strip() for runs, _ in row)
            lines.append("\t".join(_visible(runs) for runs, _ in row))
            if wordrows._kept(cells):
                spans = tuple(span for _, span in row)
                expected.append((cells, tuple(_doubt(runs) for runs, _ in row), spans))
    text = rows_of("\n".join(lines).encode())
    docx = rows_of(_docx_of(blocks), docx_rows)
    assert [r.cells for r in docx] == [r.cells for r in text] == [cells for cells, _, _ in expected]
    assert [r.doubts for r in docx] == [doubts for _, doubts, _ in expected]
    for row, (_, _, spans) in zip(docx, expected, strict=True):
        assert row.spans[:-1] == spans[:-1] and row.spans[-1] >= spans[-1]  # the last: the rest
        assert row.columns == tuple(sum(row.spans[:i]) for i in range(len(row.spans)))
    assert all(r.columns == tuple(range(len(r.cells))) and set(r.doubts) <= {""} for r in text)


# --- bounds: any file is read or refused within seconds, in little memory --------------------------

TOO_LARGE = "too large to read as a proposal document"
CHECK = "check that this is the proposal document, or split it into smaller documents"
RESAVE = "open it in Word and save it as .docx"


def test_a_text_over_16_mib_is_refused() -> None:
    line = b"x" * 99_999 + b"\n"
    data = line * ((16 << 20) // len(line))
    data += b"y" * ((16 << 20) - len(data))
    assert len(rows_of(data)) == 168  # 16 MiB exactly is read
    assert reason(text_rows(data + b"y")) == (
        f"{TOO_LARGE}: the text is 16,777,217 bytes, over the 16 MiB read: {CHECK}"
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_line_over_100_000_characters_is_refused_by_its_number(encoding: str) -> None:
    text = "Fagudvalg\n\n" + "1" * 100_000 + "\r\n" + "2\t" * 50_000 + "3"
    assert reason(text_rows(text.encode(encoding))) == (
        f"{TOO_LARGE}: line 4 is 100,001 characters long, over the 100,000 read: check that this "
        "is the proposal document, or break that paragraph up"
    )
    assert len(rows_of(text[:-2].encode(encoding))) == 3


def test_a_text_past_the_rows_or_cells_read_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wordrows, "MAX_ROWS", 3)
    assert len(rows_of(b"a\n\nb")) == 2
    assert reason(text_rows(b"a\n\n\nb")) == f"{TOO_LARGE}: line 4 is past the 3 rows read: {CHECK}"
    monkeypatch.setattr(wordrows, "MAX_CELLS", 4)
    assert len(rows_of(b"a\tb\n\nc\td")) == 2
    assert reason(text_rows(b"a\tb\nc\nd\te")) == (
        f"{TOO_LARGE}: line 3 is past the 4 cells and paragraphs read: {CHECK}"
    )


def _with_document(xml: bytes, **parts: bytes) -> bytes:
    """A .docx python-docx makes, with ``xml`` as its word/document.xml (and other parts)."""
    members = _members(_saved(_new()))
    members["word/document.xml"] = xml
    members.update({name.replace("__", "/"): data for name, data in parts.items()})
    return _zip(members)


def _body(body: str) -> bytes:
    return f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'.encode()


@pytest.mark.parametrize(
    "prologue",
    [
        '<!DOCTYPE w:document [<!ENTITY a "-600">]>',
        "<!DOCTYPE w:document [" + '<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY a{i} "{"&a;" * 10}">' for i in range(1, 9)) + "]>",
        "<!DOCTYPE w:document>",
    ],
    ids=["entity", "billion-laughs", "bare"],
)  # fmt: skip
def test_xml_with_a_doctype_is_refused_before_its_entities_are_read(prologue: str) -> None:
    xml = (
        f'<?xml version="1.0"?>{prologue}' + _body("<w:p><w:r><w:t>&a;</w:t></w:r></w:p>").decode()
    )
    assert reason(docx_rows(_with_document(xml.encode()))) == (
        f"{NOT_DOCX}: its word/document.xml has a DOCTYPE, which Word never writes (its "
        f"entities could expand without bound): {RESAVE}"
    )
    in_utf16 = xml.replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    assert "has a DOCTYPE" in reason(docx_rows(_with_document(in_utf16)))  # or damaged
    types = _members(_saved(_new()))["[Content_Types].xml"]
    with_doctype = types.replace(b"?>", b"?>" + prologue.encode(), 1)
    assert "its [Content_Types].xml has a DOCTYPE" in reason(
        docx_rows(_with_document(_body(""), **{"[Content_Types].xml": with_doctype}))
    )


NOT_DOCX = "not a Word document (.docx)"


def test_a_part_compressed_other_than_word_does_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in _members(_saved(_new())).items():
            method = zipfile.ZIP_BZIP2 if name == "word/document.xml" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    assert reason(docx_rows(out.getvalue())) == (
        f"{NOT_DOCX}: its word/document.xml is compressed by method 12, which Word does not "
        f"use: {RESAVE}"
    )


def test_styles_and_content_types_are_read_within_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _docx(_p(_r("-600")), STYLES)
    assert cells_of(data, docx_rows) == [("-600",)]
    monkeypatch.setattr(wordrows, "MAX_PART_MARKUP", 100)
    assert reason(docx_rows(data)) == (
        f"{TOO_LARGE}: its word/styles.xml holds over 100 tags and attributes (Word's are some "
        f"thousands): {RESAVE}"
    )
    monkeypatch.setattr(wordrows, "MAX_PART", 10_000)  # over [Content_Types].xml, under styles
    assert (
        reason(docx_rows(data))
        == f"{TOO_LARGE}: its word/styles.xml unpacks to over 0 MiB: {CHECK}"
    )


@pytest.mark.parametrize(
    ("bound", "value", "said"),
    [
        ("MAX_XML", 300, "its word/document.xml unpacks to over 0 MiB"),
        ("MAX_MARKUP", 40, "its word/document.xml holds over 40 tags and attributes (a 300-page "
         "proposal's some hundred thousand)"),
        ("MAX_ROWS", 4, "table 1, row 2 is past the 4 rows read"),  # blank ones are counted
        ("MAX_CELLS", 5, "table 1, row 1 is past the 5 cells and paragraphs read"),
    ],
)  # fmt: skip
def test_a_docx_past_a_bound_is_refused_where_it_is(
    monkeypatch: pytest.MonkeyPatch, bound: str, value: int, said: str
) -> None:
    cells = _tr(_tc(_p(_r("Beløb"))), _tc(_p(_r("-600"))), _tc(_p(_r("-600"))))
    data = _docx(_p(_r("Overskrift")) + _p() + _p() + _tbl(cells, cells))
    assert len(rows_of(data, docx_rows)) == 3
    monkeypatch.setattr(wordrows, bound, value)
    assert reason(docx_rows(data)) == f"{TOO_LARGE}: {said}: {CHECK}"


def test_a_paragraph_or_row_over_100_000_characters_is_refused() -> None:
    half = "x" * 50_000
    row = _tbl(_tr(_tc(_p(_r(half))), _tc(_p(_r(half)))))  # and a tab between: 100,001
    for body, where in [(_p(_r("x" * 100_001)), "paragraph 1"), (row, "table 1, row 1")]:
        assert reason(docx_rows(_docx(body))) == (
            f"{TOO_LARGE}: {where} is 100,001 characters long, over the 100,000 read: check "
            "that this is the proposal document, or break that paragraph up"
        )
    assert cells_of(_docx(_p(_r("x" * 100_000))), docx_rows) == [("x" * 100_000,)]


def test_what_one_row_holds_is_bounded_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    run = _r("x")
    data = _docx(_p(run) + _tbl(_tr(_tc(_p(run))), _tr(_tc(_p(run * 100)))))
    assert len(rows_of(data, docx_rows)) == 3
    monkeypatch.setattr(wordrows, "MAX_HELD", 200)
    monkeypatch.setattr(wordrows, "_CHUNK", 64)  # small pieces: the place is where it fills up
    assert reason(docx_rows(data)) == (
        f"{TOO_LARGE}: table 1, row 2 holds over 200 tags and attributes, far more than a page: "
        "check that this is the proposal document; a table that holds the whole document (for "
        "its layout) cannot be read: take its text out of it"
    )


#: made in a process of its own: a .docx whose word/document.xml is ``size`` bytes of ``unit``
#: repeated between ``head`` and ``tail``, made from a generator (the test holds only the zip,
#: some hundred kilobytes), its zip saying the part unpacks to ``claim`` bytes if that is given
BOMB = """
import io, struct, zipfile
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPES = (b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         b'<Default Extension="xml" ContentType="application/vnd.openxmlformats-'
         b'officedocument.wordprocessingml.document.main+xml"/></Types>')

def bomb(unit, size, head=b"", tail=b"", claim=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        with archive.open("word/document.xml", "w") as part:
            part.write(f'<w:document xmlns:w="{W}"><w:body>'.encode() + head)
            block = unit * ((1 << 20) // len(unit))
            for _ in range(size // len(block)):
                part.write(block)
            part.write(tail + b"</w:body></w:document>")
    data = bytearray(out.getvalue())
    if claim is not None:  # the lie, in the local header and in the central directory
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            local = archive.getinfo("word/document.xml").header_offset
        struct.pack_into("<I", data, local + 22, claim)
        central = data.rfind(b"PK\\x01\\x02", 0, data.rfind(b"word/document.xml"))
        struct.pack_into("<I", data, central + 24, claim)
    return bytes(data)
"""
MEASURE = """
import json, time
from budgetcli.word.rows import docx_rows, text_rows
data = bomb(*ARGS) if READ == "docx" else (ARGS[0] * ARGS[1] + b"\\n") * ARGS[2]
start = time.process_time()
rows = docx_rows(data) if READ == "docx" else text_rows(data)
seconds = time.process_time() - start
# this program's own peak (VmHWM, in KiB), not getrusage's: that keeps the peak of the
# process it was started from, here a test run of some hundred MiB
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) * 1024
print(json.dumps([getattr(rows, "reason", ""), len(data), seconds, peak]))
"""
RUN = b"<w:r><w:t>x</w:t></w:r>"
MIB = 1 << 20


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="peak memory as Linux's /proc says it")
@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((b"<w:p/>", 300 * MIB),
         f"{NOT_DOCX}: it would unpack to 314,571,918 bytes, over the 256 MiB read"),
        ((b"<w:p/>", 300 * MIB, b"", b"", 1000),
         f"{NOT_DOCX}: it is damaged (BadZipFile: Bad CRC-32 for file 'word/document.xml')"),
        ((b"<w:p/>", 300 * MIB, b"", b"", 100 * MIB),
         f"{TOO_LARGE}: paragraph 200001 is past the 200,000 rows read: {CHECK}"),
        ((b"<w:p><w:r><w:t>" + b"x" * 50_000 + b"</w:t></w:r></w:p>", 300 * MIB, b"", b"", 100 * MIB),
         f"{TOO_LARGE}: its word/document.xml unpacks to over 64 MiB: {CHECK}"),
        ((b"<w:p>" + RUN * 100 + b"</w:p>", 300 * MIB, b"", b"", 100 * MIB),
         f"{TOO_LARGE}: its word/document.xml holds over 4,000,000 tags and attributes (a "
         f"300-page proposal's some hundred thousand): {CHECK}"),
        ((b"<w:p>" + b"<w:hyperlink>" * 200 + RUN + b"</w:hyperlink>" * 200 + b"</w:p>",
          300 * MIB, b"", b"", 100 * MIB),
         f"{TOO_LARGE}: its word/document.xml holds over 4,000,000 tags and attributes (a "
         f"300-page proposal's some hundred thousand): {CHECK}"),
        ((b"<w:tbl><w:tr><w:tc>" * 80 + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * 80,
          300 * MIB, b"", b"", 100 * MIB),
         f"{TOO_LARGE}: table 3704, row 1 is past the 300,000 cells and paragraphs read: {CHECK}"),
        ((RUN, 300 * MIB, b"<w:p>", b"</w:p>", 100 * MIB),
         f"{TOO_LARGE}: paragraph 1 holds over 500,000 tags and attributes, far more than a "
         "page: check that this is the proposal document; a table that holds the whole "
         "document (for its layout) cannot be read: take its text out of it"),
        ((b' a=""', 300 * MIB, b"<w:p", b"/>", 100 * MIB),
         f"{TOO_LARGE}: paragraph 1 holds over 500,000 tags and attributes, far more than a "
         "page: check that this is the proposal document; a table that holds the whole "
         "document (for its layout) cannot be read: take its text out of it"),
    ],
    ids=["honest", "lies-small", "paragraphs", "text", "runs", "nested-fields",
         "nested-tables", "one-paragraph", "attributes"],
)  # fmt: skip
def test_a_bomb_is_refused_in_seconds_and_little_memory(args: tuple[Any, ...], said: str) -> None:
    why, size, seconds, peak = _measured("docx", args)
    assert why == said
    assert size < 2 * MIB  # 300 MiB of XML in a small file
    assert seconds < 10  # of processor time, the machine's load aside; some 3 at most here
    assert peak < 300 * MIB  # the whole process, Python and lxml too


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="peak memory as Linux's /proc says it")
@pytest.mark.parametrize(
    ("args", "said"),
    [
        ((b"", 0, 16 * MIB), f"{TOO_LARGE}: line 200001 is past the 200,000 rows read: {CHECK}"),
        ((b"1\t2", 1, 4 * MIB),
         f"{TOO_LARGE}: line 150001 is past the 300,000 cells and paragraphs read: {CHECK}"),
        ((b"1\t2\t", 25_000, 160),  # lines of 100,000 characters
         f"{TOO_LARGE}: line 6 is past the 300,000 cells and paragraphs read: {CHECK}"),
    ],
    ids=["blank-lines", "short-rows", "long-rows"],
)  # fmt: skip
def test_a_text_of_16_mib_is_read_or_refused_in_little_memory(
    args: tuple[bytes, int, int], said: str
) -> None:
    why, size, seconds, peak = _measured("text", args)
    assert (why, size) == (said, (len(args[0]) * args[1] + 1) * args[2])
    assert seconds < 10
    assert peak < 300 * MIB


def _measured(read: str, args: tuple[Any, ...]) -> tuple[str, int, float, int]:
    """Why a file is refused, its size, the processor seconds and the peak memory its reading
    took, in a process of its own: a .docx ``bomb(*args)``, or a text of ``args[2]`` lines of
    ``args[0]`` repeated ``args[1]`` times."""
    code = BOMB + f"ARGS = {args!r}\nREAD = {read!r}\n" + MEASURE
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    why, size, seconds, peak = json.loads(done.stdout)
    return why, size, seconds, peak


def test_the_bounds_are_the_ones_documented() -> None:
    section = (REPO / "docs" / "format.md").read_text().split("## 11.")[1].split("\n\n")[1]
    said = " ".join(section.split())
    w = wordrows
    for size in (w.MAX_TEXT, w.MAX_UNPACKED, w.MAX_XML, w.MAX_PART):
        assert f"{size >> 20} MiB" in said
    for count in (w.MAX_LINE, w.MAX_ROWS, w.MAX_CELLS, w.MAX_MARKUP, w.MAX_HELD, w.MAX_PART_MARKUP):
        assert f"{count:,}" in said
    for bound in ("MAX_TEXT", "MAX_LINE", "MAX_ROWS", "MAX_CELLS", "MAX_UNPACKED", "MAX_XML"):
        assert f"``{bound}``" in (wordrows.__doc__ or "")
