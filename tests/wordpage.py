"""A Word document as blocks (paragraphs and tables of cells of runs), and the two forms
``budgetcli import`` reads it in: the ``.docx`` (written with python-docx, its XML made with
``docx.oxml``) and Word's "save as plain text" (a paragraph a line, a table row a line, its
cells separated by tabs, UTF-8).

A cell's text is a sequence of pieces, each with a look: ``plain`` text; ``inserted`` (a
tracked insertion, ``w:ins``: seen); ``hidden`` (``w:vanish``: not seen), ``deleted`` (a
tracked deletion, ``w:del`` with ``w:delText``: not seen); ``white`` (white on no shading) and
``tiny`` (1 pt): in the file and in its text, but a person does not see them. Only the
``.docx`` carries looks; the text form has what Word writes: every piece but hidden and
deleted ones. A cell may span grid columns (``w:gridSpan``; one cell in the text), a row may
start or end with grid columns it has no cell for (``w:gridBefore``, ``w:gridAfter``), and a
cell may continue a vertical merge (``w:vMerge``).

Used by ``tests/wordgen.py`` (the generator of proposal pages) and the round-trip test.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

#: the looks a person sees, and those the plain-text form of the document holds
SEEN = frozenset({"plain", "inserted"})
IN_TEXT = frozenset({"plain", "inserted", "white", "tiny"})
#: the properties of each look's run (``w:rPr``)
_RUN_PROPERTIES = {
    "hidden": "<w:rPr><w:vanish/></w:rPr>",
    "white": '<w:rPr><w:color w:val="FFFFFF"/></w:rPr>',
    "tiny": '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>',
}
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@dataclass(frozen=True)
class Piece:
    """A run of text and how it looks (see the module's docstring)."""

    text: str
    look: str = "plain"


@dataclass(frozen=True)
class Cell:
    """A table cell: its pieces, the grid columns it spans, whether it continues a vertical
    merge (``"continue"``) or starts one (``"restart"``)."""

    pieces: tuple[Piece, ...]
    span: int = 1
    vmerge: str = ""

    def seen(self) -> str:
        """What a person reading the page sees in the cell."""
        return "".join(p.text for p in self.pieces if p.look in SEEN)

    def in_text(self) -> str:
        """What Word's plain text holds of the cell."""
        return "".join(p.text for p in self.pieces if p.look in IN_TEXT)


def cell(text: str, span: int = 1) -> Cell:
    """A cell of plain text."""
    return Cell((Piece(text),), span)


@dataclass(frozen=True)
class Row:
    """A table row: its cells, and grid columns it leaves without a cell before and after."""

    cells: tuple[Cell, ...]
    before: int = 0
    after: int = 0

    def width(self) -> int:
        return self.before + sum(c.span for c in self.cells) + self.after


@dataclass(frozen=True)
class Table:
    """A table: its rows (``width``: grid columns, the widest row's)."""

    rows: tuple[Row, ...]

    def width(self) -> int:
        return max(row.width() for row in self.rows)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (a heading starts a new page in the .docx)."""

    pieces: tuple[Piece, ...]
    heading: bool = False


def paragraph(text: str, heading: bool = False) -> Paragraph:
    return Paragraph((Piece(text),), heading)


Block = Paragraph | Table


@dataclass(frozen=True)
class TextForm:
    """How Word saved the plain text: line ends, and a byte order mark or not."""

    newline: str = "\n"
    bom: bool = False


@dataclass
class _Ids:
    """The ids of tracked changes in one document (each ``w:ins``/``w:del`` has its own)."""

    next: int = 1

    def take(self) -> int:
        self.next += 1
        return self.next


# --- plain text ------------------------------------------------------------------------------


def to_text(blocks: list[Block], form: TextForm = TextForm()) -> bytes:
    """Word's "save as plain text" of ``blocks``: a paragraph a line (a blank line after it),
    a table row a line of its cells' text separated by tabs."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text = "".join(p.text for p in block.pieces if p.look in IN_TEXT)
            lines += [text, ""]
            continue
        lines += ["\t".join(c.in_text() for c in row.cells) for row in block.rows]
        lines.append("")
    text = form.newline.join(lines)
    return ("\ufeff" if form.bom else "").encode() + text.encode("utf-8")


# --- .docx -----------------------------------------------------------------------------------


def to_docx(blocks: list[Block]) -> bytes:
    """The ``.docx`` of ``blocks``: each block's XML made here, put in python-docx's blank
    document before its section properties."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    section = body[-1]  # w:sectPr stays last
    ids = _Ids()
    for block in blocks:
        xml = _paragraph_xml(block, ids) if isinstance(block, Paragraph) else _table_xml(block, ids)
        section.addprevious(parse_xml(xml))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph_xml(block: Paragraph, ids: _Ids) -> str:
    properties = (
        '<w:pPr><w:pStyle w:val="Heading1"/><w:pageBreakBefore/></w:pPr>' if block.heading else ""
    )
    runs = "".join(_run_xml(p, ids) for p in block.pieces)
    return f'<w:p xmlns:w="{_W_NS}">{properties}{runs}</w:p>'


def _run_xml(piece: Piece, ids: _Ids) -> str:
    """A piece as its run: plain, in a tracked insertion or deletion, or with properties."""
    text = escape(piece.text)
    if piece.look == "deleted":
        run = f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r>'
        return f'<w:del w:id="{ids.take()}" w:author="Test" w:date="2026-01-01T00:00:00Z">{run}</w:del>'
    run = f'<w:r>{_RUN_PROPERTIES.get(piece.look, "")}<w:t xml:space="preserve">{text}</w:t></w:r>'
    if piece.look == "inserted":
        return f'<w:ins w:id="{ids.take()}" w:author="Test" w:date="2026-01-01T00:00:00Z">{run}</w:ins>'
    return run


def _table_xml(table: Table, ids: _Ids) -> str:
    """A table: a grid as wide as its widest row, each row with its gridBefore/gridAfter,
    each cell with its gridSpan and vMerge."""
    grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(table.width()))
    rows = "".join(_row_xml(row, ids) for row in table.rows)
    return (
        f'<w:tbl xmlns:w="{_W_NS}"><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>'
    )


def _row_xml(row: Row, ids: _Ids) -> str:
    marks = (f'<w:gridBefore w:val="{row.before}"/>' if row.before else "") + (
        f'<w:gridAfter w:val="{row.after}"/>' if row.after else ""
    )
    properties = f"<w:trPr>{marks}</w:trPr>" if marks else ""
    return f"<w:tr>{properties}{''.join(_cell_xml(c, ids) for c in row.cells)}</w:tr>"


def _cell_xml(tc: Cell, ids: _Ids) -> str:
    span = f'<w:gridSpan w:val="{tc.span}"/>' if tc.span > 1 else ""
    merge = (
        f'<w:vMerge w:val="{tc.vmerge}"/>'
        if tc.vmerge == "restart"
        else "<w:vMerge/>"
        if tc.vmerge
        else ""
    )
    runs = "".join(_run_xml(p, ids) for p in tc.pieces)
    return f"<w:tc><w:tcPr>{span}{merge}</w:tcPr><w:p>{runs}</w:p></w:tc>"
