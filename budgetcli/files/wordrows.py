"""A Word proposal document as rows of cells, read from Word's "save as plain text" or from the
``.docx`` itself, so the proposals of a template can be read from whichever form is at hand.

A row is a table row (its cells left to right) or a paragraph (one cell). Both readers give the
same rows for the same document: cells stripped of surrounding white space (a no-break space
too), empty cells kept, blank rows dropped, and separator rows (every non-empty cell only dashes,
underscores or equal signs: ``------\\t--``) dropped. Each row says where it is as a message
names the place: ``line 12`` in a text, ``table 3, row 2`` or ``paragraph 7`` in a ``.docx``.

Nothing here raises for a file that cannot be read: it is ``Unreadable``, with the reason.
python-docx is imported on first use of ``docx_rows``, not at start-up.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any, NamedTuple

from budgetcli.core.diagnostics import printable

#: an element of the document's XML (lxml's; lxml has no type hints of its own)
Element = Any


class Row(NamedTuple):
    """One table row or paragraph of a proposal document."""

    line: int  # text: the 1-based line; docx: the 1-based block (paragraph or table row)
    where: str  # as a message names the place: "line 12", "table 3, row 2", "paragraph 7"
    cells: tuple[str, ...]  # each cell's text, stripped; a paragraph is one cell
    table: bool  # a table row (docx: from a table; text: the line holds a tab)
    columns: tuple[int, ...] = ()  # each cell's first grid column, 0-based
    spans: tuple[int, ...] = ()  # each cell's width in grid columns
    doubts: tuple[str, ...] = ()  # per cell: "" or why its text may not be what a person sees


class Unreadable(NamedTuple):
    """Why a file gives no rows: "not UTF-8 or UTF-16 text: …", "not a Word document (.docx): …"."""

    reason: str


# --- plain text ----------------------------------------------------------------------------------

#: the line ends an editor counts; a form feed (Word's page break) ends a row, not a line
_LINE_END = re.compile(r"\r\n|\r|\n")
_SEPARATOR = re.compile(r"[-_=]+")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Word 97-2003 .doc (and .xls, .msg …)
NOT_TEXT = "not UTF-8 or UTF-16 text"


def text_rows(data: bytes) -> list[Row] | Unreadable:
    """The rows of Word's "save as plain text" of a document: a table row a line, its cells
    separated by tabs; a paragraph a line.

    UTF-8 (a byte order mark is fine), or UTF-16 with a byte order mark (Word's "Unicode");
    lines end with LF, CRLF or CR. A form feed (a page break) ends a row too, but lines are
    numbered as an editor numbers them, so two rows may share a line."""
    text = _decoded(data)
    if isinstance(text, Unreadable):
        return text
    rows = []
    for number, line in enumerate(_LINE_END.split(text), start=1):
        for part in line.split("\f"):
            cells = tuple(cell.strip() for cell in part.split("\t"))
            if _kept(cells):
                rows.append(Row(number, f"line {number}", cells, "\t" in part))
    return rows


def _kept(cells: tuple[str, ...]) -> bool:
    """Whether a row is content: not blank, and not a separator of dashes, underscores or
    equal signs (``------\\t--``)."""
    return any(cells) and not all(_SEPARATOR.fullmatch(cell) for cell in cells if cell)


def _decoded(data: bytes) -> str | Unreadable:
    """The text of ``data``: UTF-16 if it starts with a UTF-16 byte order mark, else UTF-8."""
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    codec = ("utf-16-le" if data[:1] == b"\xff" else "utf-16-be") if utf16 else "utf-8-sig"
    try:
        text = (data[2:] if utf16 else data).decode(codec)
    except UnicodeDecodeError as exc:
        return Unreadable(_undecodable(data, exc, utf16))
    if "\x00" in text:
        return Unreadable(
            f"{NOT_TEXT}: it holds NUL characters (binary data, or UTF-16 without a byte "
            "order mark?): save it as plain text, UTF-8"
        )
    return text


def _undecodable(data: bytes, exc: UnicodeDecodeError, utf16: bool) -> str:
    """Why ``data`` is not text, said for a person: what it is instead, if that is known."""
    if data.startswith(_ZIP):
        return f"{NOT_TEXT}: it is a zip archive (a Word document, .docx? read it as one)"
    if data.startswith(_OLE):
        return f"{NOT_TEXT}: it is a Word 97-2003 document (.doc) or another old Office file"
    if utf16:
        return (
            f"{NOT_TEXT}: it starts with a UTF-16 byte order mark, but is not UTF-16 "
            f"({exc.reason} at byte {exc.start + 2})"
        )
    line = len(_LINE_END.split(data[: exc.start].decode("utf-8", "replace")))
    return (
        f"{NOT_TEXT}: byte 0x{data[exc.start]:02x} on line {line} (byte {exc.start}) is not "
        "UTF-8; is the file Windows-1252 or Latin-1? save it as plain text, UTF-8"
    )


# --- .docx -----------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _T = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "t"
_BLOCKS = frozenset({_P, _TBL})
#: elements whose content is read as if it stood in their place: content controls, custom XML
_WRAPPERS = frozenset({_W + "sdt", _W + "sdtContent", _W + "customXml"})
#: a paragraph's elements whose text is not its text: deleted or moved-away text (tracked
#: changes), text boxes (their own paragraphs; the fallback repeats them), properties
_NOT_TEXT = frozenset(
    _W + tag for tag in ("pPr", "rPr", "del", "moveFrom", "txbxContent", "sdtPr", "sdtEndPr")
) | {_MC + "Fallback"}
_CHARS = {_W + "tab": "\t", _W + "br": " ", _W + "cr": " ", _W + "noBreakHyphen": "-"}
#: the most a .docx may unpack to (the sizes its zip declares), so a small file made to unpack
#: to gigabytes is refused before it is read; a proposal with pictures is a few megabytes
MAX_UNPACKED = 256 << 20
NOT_DOCX = "not a Word document (.docx)"


def docx_rows(data: bytes) -> list[Row] | Unreadable:
    """The rows of a ``.docx``: the body's paragraphs and table rows in document order (also
    those inside content controls), a table row's cells left to right.

    A merged cell is one cell (it is one ``w:tc``; python-docx's ``row.cells`` repeats it for
    each column it spans, and repeats a vertically merged cell's text in every row, so the XML
    is read). A cell's paragraphs are joined with a space, a nested table read as its text.
    Blocks are numbered as they stand, empty ones too, and tables are counted from 1."""
    body = _body(data)
    if isinstance(body, Unreadable):
        return body
    try:
        return _rows(body)
    except RecursionError:  # lxml refuses XML nested over 256 deep: this is insurance
        return Unreadable(f"{NOT_DOCX}: its tables or fields are nested too deeply")


def _rows(body: Element) -> list[Row]:
    """The rows of a document's ``w:body``, as ``docx_rows`` says."""
    rows: list[Row] = []
    number = paragraphs = tables = 0
    for block in _children(body, _BLOCKS):
        if block.tag == _P:
            number += 1
            paragraphs += 1
            cells: tuple[str, ...] = (_text(block),)
            if _kept(cells):
                rows.append(Row(number, f"paragraph {paragraphs}", cells, False))
            continue
        tables += 1
        for index, tr in enumerate(_children(block, {_TR}), start=1):
            number += 1
            cells = tuple(_cell_text(tc) for tc in _children(tr, {_TC}))
            if _kept(cells):
                rows.append(Row(number, f"table {tables}, row {index}", cells, True))
    return rows


def _children(parent: Element, tags: set[str] | frozenset[str]) -> Iterator[Element]:
    """The children of ``parent`` with one of ``tags``, those inside wrappers too."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _cell_text(tc: Element) -> str:
    """A table cell's text: its paragraphs joined with a space, a nested table as its cells'
    text."""
    parts = []
    for block in _children(tc, _BLOCKS):
        if block.tag == _P:
            parts.append(_text(block))
        else:
            parts += (
                _cell_text(cell) for tr in _children(block, {_TR}) for cell in _children(tr, {_TC})
            )
    return " ".join(part for part in parts if part)


def _text(p: Element) -> str:
    return "".join(_inline(p)).strip()


def _inline(element: Element) -> Iterator[str]:
    """A paragraph's text, piece by piece: its runs' text wherever they stand (hyperlinks,
    fields, content controls, tracked insertions), a tab as a tab, a line break as a space."""
    for child in element:
        tag = child.tag
        if tag == _T:
            yield child.text or ""
        elif tag in _CHARS:
            yield _CHARS[tag]
        elif tag not in _NOT_TEXT:
            yield from _inline(child)


def _body(data: bytes) -> Element | Unreadable:
    """The ``w:body`` of a ``.docx``, or why there is none.

    python-docx, zipfile, zlib and lxml raise many kinds of error for a damaged file
    (``BadZipFile`` for a bad checksum, ``KeyError`` for a missing part, ``XMLSyntaxError``,
    ``zlib.error``, ``NotImplementedError`` for an unknown compression …): any of them means
    the file cannot be read, and is said as such."""
    if not data:
        return Unreadable(f"{NOT_DOCX}: the file is empty")
    if data.startswith(_OLE):
        return Unreadable(
            f"{NOT_DOCX}: it is a Word 97-2003 document (.doc) or another old Office file: "
            "open it in Word and save it as .docx"
        )
    try:
        found = _opened(data)
    except Exception as exc:  # see above: a damaged file, whatever the library
        return Unreadable(f"{NOT_DOCX}: it is damaged ({type(exc).__name__}: {_short(exc)})")
    return Unreadable(f"{NOT_DOCX}: {found}") if isinstance(found, str) else found


def _opened(data: bytes) -> Element | str:
    """The body of the ``.docx`` ``data``, or why it is not one; raises for a damaged file."""
    import docx

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return "it is not a zip archive, as a .docx is (is it a text file, or a .doc?)"
    with archive:
        names = set(archive.namelist())
        unpacked = sum(info.file_size for info in archive.infolist())
    if "word/document.xml" not in names:
        return "a zip archive without word/document.xml, where a .docx holds its text"
    if unpacked > MAX_UNPACKED:
        return f"it would unpack to {unpacked} bytes, over the {MAX_UNPACKED >> 20} MiB read"
    try:
        document = docx.Document(io.BytesIO(data))
    except ValueError as exc:
        if (kind := re.search(r"content type is '([^']*)'", str(exc))) is None:
            raise
        return f"its main part is {kind.group(1)} (a template, .dotx, or with macros, .docm? save it as .docx)"
    body = document.element.find(_W + "body")
    return "word/document.xml has no body" if body is None else body


def _short(exc: Exception) -> str:
    """An error's message on one line, at most 200 characters (it may quote the file)."""
    text = printable(" ".join(str(exc).split()))
    return text if len(text) <= 200 else text[:199] + "…"
