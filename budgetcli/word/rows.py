"""A Word proposal document as rows of cells, read from Word's "save as plain text" or from the
``.docx`` itself, so the proposals of a template can be read from whichever form is at hand.

A row is a table row (its cells left to right) or a paragraph (one cell). Both readers give the
same cells for the same document: cells stripped of surrounding white space (a no-break space
too), empty cells kept, blank rows dropped, and separator rows (every non-empty cell only dashes,
underscores or equal signs: ``------\\t--``) dropped. Each row says where it is as a message
names the place: ``line 12`` in a text, ``table 3, row 2`` or ``paragraph 7`` in a ``.docx``.
Each cell also has its place in the table's grid (``Row.columns``, ``Row.spans``) and a doubt
(``Row.doubts``): why its text may not be what a person sees, or not where it seems to stand.
Word's plain text shows neither: its cells are columns 0, 1, 2 …, one wide, without doubts.

What is read of a ``.docx`` is what Word shows. Read: ``word/document.xml``'s body, its
paragraphs and table rows (in content controls and custom XML too), their runs (in hyperlinks,
fields' results, tracked insertions), a tab as a tab, a line break as a space. Not read:
hidden text (``w:vanish`` or ``w:specVanish`` on the run, or by its character style, its
paragraph's style or the document's defaults; styles followed through ``w:basedOn``, the
nearest setting winning), hidden table rows (``w:trPr/w:hidden``), deleted and moved-away text
(``w:del``, ``w:moveFrom``, ``w:delText``), field codes, text boxes, headers, footers, notes,
comments. A cell's doubts, joined with "; ": "hidden text left out"; text probably not seen
though not hidden: "white text on a white cell" (or page), "text the colour of its background
(#D9D9D9)" (its colour that of its highlight or shading, its paragraph's or its cell's),
"text of 1 pt" (2 pt or less); "merged with the cell above (vertical merge)", "… below", "…
to the left (horizontal merge)", "… to the right"; "a table inside the cell, read as its
text". Table styles' formatting is not followed: white text in a table whose style shades some
cells is not doubted, as which cells is not known.

Bounded on any input, so that a small file made to unpack or parse without end is refused
within seconds and some hundred megabytes at most. Refused: a text over ``MAX_TEXT`` bytes; a
line, or a paragraph's or table row's text, over ``MAX_LINE`` characters; over ``MAX_ROWS``
rows read (blank ones too) or ``MAX_CELLS`` cells and paragraphs read (a text's kept ones; a
``.docx``'s nested and blank ones too). A ``.docx`` whose zip declares over ``MAX_UNPACKED``
bytes; whose ``word/document.xml`` inflates to over ``MAX_XML`` bytes (counted as it is read,
whatever the zip declares), holds over ``MAX_MARKUP`` tags and attributes (its ``<`` and
``=``, counted before they are parsed), or over ``MAX_HELD`` in one paragraph or table row
(the document is read a row at a time, each let go once read); whose ``styles.xml`` or
``[Content_Types].xml`` (read whole) is over ``MAX_PART`` bytes or ``MAX_PART_MARKUP`` tags
and attributes; any of whose parts has a DOCTYPE (no entity is ever expanded) or is compressed
otherwise than Word does.

Nothing here raises for a file that cannot be read: it is ``Unreadable``, with the reason.
lxml is imported on first use of ``docx_rows``, not at start-up.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple, NoReturn

from budgetcli.core.diagnostics import Said, printable, said

#: an element of the document's XML (lxml's; lxml has no type hints of its own)
Element = Any


class Row(NamedTuple):
    """One table row or paragraph of a proposal document; ``cells``, ``columns``, ``spans``
    and ``doubts`` are parallel, one entry a cell."""

    line: int  # text: the 1-based line; docx: the 1-based block (paragraph or table row)
    where: Said  # as a message names the place: "line 12", "table 3, row 2", "paragraph 7"
    cells: tuple[str, ...]  # each cell's text, stripped; a paragraph is one cell
    table: bool  # a table row (docx: from a table; text: the line holds a tab)
    columns: tuple[int, ...]  # each cell's first grid column, 0-based (w:gridBefore counted)
    spans: tuple[int, ...]  # each cell's width in grid columns (w:gridSpan; 1 in a text)
    doubts: tuple[str, ...]  # each cell's "" or why it may not be what a person sees, or where


class Unreadable(NamedTuple):
    """Why a file gives no rows: "not UTF-8 or UTF-16 text: …", "not a Word document (.docx): …"
    (``why``; ``reason``: its English)."""

    why: Said

    @property
    def reason(self) -> str:
        return self.why.english


#: the most rows read (lines of a text, paragraphs and table rows of a .docx, blank ones too; a
#: 300-page proposal has some 20,000), the most cells and paragraphs read (a text's that are
#: kept; a .docx's nested and blank ones too; a 300-page proposal has some 50,000), and the
#: longest row: a line, or a paragraph or table row's text (a proposal's longest paragraph is
#: some thousand characters)
MAX_ROWS = 200_000
MAX_CELLS = 300_000
MAX_LINE = 100_000


def _too_large(number: int, place: Said, length: int, cells: int) -> Said | None:
    """Why a document is not read on at its row ``number`` (at ``place``, ``length`` characters
    long), with ``cells`` cells and paragraphs read so far, if it is not."""
    if number > MAX_ROWS:
        return said(
            "too large to read as a proposal document: {where} is past the {most} rows read: "
            "check that this is the proposal document, or split it into smaller documents",
            where=place,
            most=_thousands(MAX_ROWS),
        )
    if length > MAX_LINE:
        return said(
            "too large to read as a proposal document: {where} is {length} characters long, "
            "over the {most} read: check that this is the proposal document, or break that "
            "paragraph up",
            where=place,
            length=_thousands(length),
            most=_thousands(MAX_LINE),
        )
    if cells > MAX_CELLS:
        return said(
            "too large to read as a proposal document: {where} is past the {most} cells and "
            "paragraphs read: check that this is the proposal document, or split it into "
            "smaller documents",
            where=place,
            most=_thousands(MAX_CELLS),
        )
    return None


def _thousands(number: int) -> str:
    """A count as the document messages write it: ``200,000``."""
    return format(number, ",")


def _kept(cells: tuple[str, ...]) -> bool:
    """Whether a row is content: not blank, and not a separator of dashes, underscores or
    equal signs (``------\\t--``)."""
    return any(cells) and not all(_SEPARATOR.fullmatch(cell) for cell in cells if cell)


# --- plain text ----------------------------------------------------------------------------------

#: the line ends an editor counts; a form feed (Word's page break) ends a row, not a line
_LINE_END = re.compile(r"\r\n|\r|\n")
_SEPARATOR = re.compile(r"[-_=]+")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Word 97-2003 .doc (and .xls, .msg …)
#: the largest text read (a 300-page proposal's is about a megabyte, twice that in UTF-16)
MAX_TEXT = 16 << 20


def text_rows(data: bytes) -> list[Row] | Unreadable:
    """The rows of Word's "save as plain text" of a document: a table row a line, its cells
    separated by tabs; a paragraph a line. A cell's column is its place in the line.

    UTF-8 (a byte order mark is fine), or UTF-16 with a byte order mark (Word's "Unicode");
    lines end with LF, CRLF or CR. A form feed (a page break) ends a row too, but lines are
    numbered as an editor numbers them, so two rows may share a line."""
    if len(data) > MAX_TEXT:
        return Unreadable(
            said(
                "too large to read as a proposal document: the text is {size} bytes, over the "
                "{most} MiB read: check that this is the proposal document, or split it into "
                "smaller documents",
                size=_thousands(len(data)),
                most=MAX_TEXT >> 20,
            )
        )
    text = _decoded(data)
    if isinstance(text, Unreadable):
        return text
    rows: list[Row] = []
    kept = 0
    for number, line in enumerate(_lines(text), start=1):
        where = said("line {line}", line=number)
        if why := _too_large(number, where, len(line), 0):
            return Unreadable(why)
        for part in line.split("\f"):
            cells = tuple(cell.strip() for cell in part.split("\t"))
            if _kept(cells):
                n = len(cells)
                rows.append(
                    Row(number, where, cells, "\t" in part, tuple(range(n)), (1,) * n, ("",) * n)
                )
                kept += n
        if why := _too_large(0, where, 0, kept):
            return Unreadable(why)
    return rows


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, one at a time (a list of them all could be ten times its size)."""
    start = 0
    for end in _LINE_END.finditer(text):
        yield text[start : end.start()]
        start = end.end()
    yield text[start:]


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
            said(
                "not UTF-8 or UTF-16 text: it holds NUL characters (binary data, or UTF-16 "
                "without a byte order mark?): save it as plain text, UTF-8"
            )
        )
    # U+FEFF in the text is a zero-width no-break space no reader sees (or a byte order mark
    # written twice): left out, as the one before UTF-8 text is, so a text reads the same in
    # UTF-8 and in UTF-16 (whose codec keeps the one after its own mark)
    return text.replace("\ufeff", "")


def _undecodable(data: bytes, exc: UnicodeDecodeError, utf16: bool) -> Said:
    """Why ``data`` is not text, said for a person: what it is instead, if that is known."""
    if data.startswith(_ZIP):
        return said(
            "not UTF-8 or UTF-16 text: it is a zip archive (a Word document, .docx? read it as one)"
        )
    if data.startswith(_OLE):
        return said(
            "not UTF-8 or UTF-16 text: it is a Word 97-2003 document (.doc) or another old "
            "Office file"
        )
    if utf16:
        return said(
            "not UTF-8 or UTF-16 text: it starts with a UTF-16 byte order mark, but is not "
            "UTF-16 ({why} at byte {at})",
            why=exc.reason,
            at=exc.start + 2,
        )
    before = data[: exc.start]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    return said(
        "not UTF-8 or UTF-16 text: byte 0x{byte} on line {line} (byte {at}) is not UTF-8; is "
        "the file Windows-1252 or Latin-1? save it as plain text, UTF-8",
        byte=format(data[exc.start], "02x"),
        line=line,
        at=exc.start,
    )


# --- .docx: the archive and its XML, bounded -----------------------------------------------------

DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
CONTENT_TYPES = "[Content_Types].xml"
#: the most a .docx may unpack to (the sizes its zip declares), so a small file made to unpack
#: to gigabytes is refused before it is read; a proposal with pictures is a few megabytes
MAX_UNPACKED = 256 << 20
#: the most word/document.xml may inflate to, counted as it is read (a 300-page proposal's is
#: some megabytes), and the tags and attributes it may hold in all (the time it takes to read)
#: and in one paragraph or table row (the memory it takes: about 300 bytes each at most)
MAX_XML = 64 << 20
MAX_MARKUP = 4_000_000
MAX_HELD = 500_000
#: the same for styles.xml and [Content_Types].xml, held whole (Word's are some kilobytes)
MAX_PART = 8 << 20
MAX_PART_MARKUP = 200_000
_CHUNK = 1 << 16
_DOCTYPE = b"<!DOCTYPE"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


class _Refused(Exception):
    """A ``.docx`` refused, with the reason a person reads; raised deep in the reading (while
    the XML streams in) and turned into ``Unreadable`` by ``docx_rows``."""

    def __init__(self, why: Said) -> None:
        super().__init__(why.english)
        self.why = why


def _archive(data: bytes) -> zipfile.ZipFile:
    """The zip archive of a ``.docx``, checked to hold a Word document's main part of a size
    that can be read; raises ``_Refused`` (or another exception for a damaged file)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise _Refused(
            said(
                "not a Word document (.docx): it is not a zip archive, as a .docx is (is it a "
                "text file, or a .doc?)"
            )
        ) from None
    if DOCUMENT not in set(archive.namelist()):
        raise _Refused(
            said(
                "not a Word document (.docx): a zip archive without {part}, where a .docx holds "
                "its text",
                part=DOCUMENT,
            )
        )
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        raise _Refused(
            said(
                "not a Word document (.docx): it would unpack to {size} bytes, over the {most} "
                "MiB read",
                size=_thousands(unpacked),
                most=MAX_UNPACKED >> 20,
            )
        )
    kind = _content_type(_whole(archive, CONTENT_TYPES))
    if kind is None:
        raise _Refused(
            said(
                "not a Word document (.docx): it is damaged ({types} gives {part} no type)",
                types=CONTENT_TYPES,
                part=DOCUMENT,
            )
        )
    if kind != _MAIN:
        raise _Refused(
            said(
                "not a Word document (.docx): its main part is {kind} (a template, .dotx, or "
                "with macros, .docm? save it as .docx)",
                kind=kind,
            )
        )
    return archive


def _content_type(types: Element) -> str | None:
    """The content type ``[Content_Types].xml`` gives ``word/document.xml``: its own, or that
    of all .xml parts."""
    for override in types.iterfind(_TYPES + "Override"):
        if override.get("PartName", "").lower() == "/" + DOCUMENT:
            return str(override.get("ContentType", ""))
    for default in types.iterfind(_TYPES + "Default"):
        if default.get("Extension", "").lower() == "xml":
            return str(default.get("ContentType", ""))
    return None


def _chunks(archive: zipfile.ZipFile, name: str, limit: int) -> Iterator[bytes]:
    """The part ``name`` inflated, a piece at a time; refused once over ``limit`` bytes, however
    small the zip says it is, if it is compressed in a way Word does not (whose inflating could
    not be bounded), or as soon as a DOCTYPE shows (before lxml reads its entities)."""
    info = archive.getinfo(name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _Refused(
            said(
                "not a Word document (.docx): its {part} is compressed by method {method}, which "
                "Word does not use: open it in Word and save it as .docx",
                part=name,
                method=info.compress_type,
            )
        )
    read, last = 0, b""
    with archive.open(info) as part:
        while chunk := part.read(_CHUNK):
            read += len(chunk)
            if read > limit:
                raise _Refused(
                    said(
                        "too large to read as a proposal document: its {part} unpacks to over "
                        "{most} MiB: check that this is the proposal document, or split it into "
                        "smaller documents",
                        part=name,
                        most=limit >> 20,
                    )
                )
            if _DOCTYPE in last[-len(_DOCTYPE) :] + chunk:
                _refuse_doctype(name)
            last = chunk
            yield chunk


def _marks(chunk: bytes) -> int:
    """The tags and attributes in a piece of XML, at most: each tag opens with ``<``, each
    attribute has an ``=`` (counted in C, before lxml builds anything of them)."""
    return chunk.count(b"<") + chunk.count(b"=")


def _parser(events: tuple[str, ...] = (), tags: Iterable[str] | None = None) -> Any:
    """An lxml parser that reads no DTD, expands no entity and fetches nothing; it gives
    ``events`` of the elements with ``tags`` (all if None)."""
    from lxml import etree  # type: ignore[import-untyped]  # no hints of its own

    return etree.XMLPullParser(
        events=events,
        tag=None if tags is None else list(tags),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )


def _no_doctype(name: str, element: Element) -> None:
    """Refuse XML with a DOCTYPE that ``_chunks`` did not see (in UTF-16)."""
    if element.getroottree().docinfo.doctype:
        _refuse_doctype(name)


def _refuse_doctype(name: str) -> NoReturn:
    raise _Refused(
        said(
            "not a Word document (.docx): its {part} has a DOCTYPE, which Word never writes (its "
            "entities could expand without bound): open it in Word and save it as .docx",
            part=name,
        )
    )


def _whole(archive: zipfile.ZipFile, name: str) -> Element:
    """The root of a small part (``[Content_Types].xml``, ``styles.xml``), read whole within
    ``MAX_PART`` bytes and ``MAX_PART_MARKUP`` tags and attributes."""
    parser = _parser()
    marks = 0
    for chunk in _chunks(archive, name, MAX_PART):
        marks += _marks(chunk)
        if marks > MAX_PART_MARKUP:
            raise _Refused(
                said(
                    "too large to read as a proposal document: its {part} holds over {most} tags "
                    "and attributes (Word's are some thousands): open it in Word and save it as "
                    ".docx",
                    part=name,
                    most=_thousands(MAX_PART_MARKUP),
                )
            )
        parser.feed(chunk)
    root = parser.close()
    _no_doctype(name, root)
    return root


# --- .docx: word/document.xml, a block at a time --------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _T, _R = (_W + tag for tag in ("p", "tbl", "tr", "tc", "t", "r"))
_VAL = _W + "val"
_PPR, _RPR, _SHD = _W + "pPr", _W + "rPr", _W + "shd"
_BLOCKS = frozenset({_P, _TBL})
#: elements whose content is read as if it stood in their place: content controls, custom XML
_WRAPPERS = frozenset({_W + "sdt", _W + "sdtContent", _W + "customXml"})
#: what an open element's children are: the document's, the body's blocks, a table's rows;
#: any other element's children are the content of a block, read with it
_ROOT, _DOCUMENT, _BODY, _TABLE = "root", "document", "body", "table"
_KINDS: dict[str, dict[str, str]] = {
    _ROOT: {_W + "document": _DOCUMENT},
    _DOCUMENT: {_W + "body": _BODY},
    _BODY: {_TBL: _TABLE} | dict.fromkeys(_WRAPPERS, _BODY),
    _TABLE: dict.fromkeys(_WRAPPERS, _TABLE),
}


#: the elements the walk sees (the others are in a block, or let go with the next block read)
_WALKED = frozenset({_W + "document", _W + "body", _P, _TBL, _TR, _W + "tblPr"} | _WRAPPERS)


#: the place of a block that is no paragraph or table row (a table, its properties)
NOWHERE = Said("")


def _paragraph_at(number: int) -> Said:
    return said("paragraph {paragraph}", paragraph=number)


def _table_row(table: int, row: int) -> Said:
    return said("table {table}, row {row}", table=table, row=row)


class _Block(NamedTuple):
    """What the reading of word/document.xml gives: a paragraph ("p") or a table row ("tr")
    of the body, numbered and named, or that a table starts ("tbl") or its properties
    ("tblPr")."""

    kind: str
    element: Element
    line: int = 0
    where: Said = NOWHERE


class _Walk:
    """Where the reading of word/document.xml stands: the open elements the walk sees, each
    with its kind (see ``_KINDS``; None if it is not a child of its container), the blocks so
    far, and the tags and attributes read in all and since the last block was let go (what is
    held)."""

    def __init__(self) -> None:
        self.open: list[tuple[str | None, Element]] = []
        self.number = self.paragraphs = self.tables = self.row = 0
        self.total = self.held = self.marks = 0
        self.body = False

    def take(self, chunk: bytes) -> None:
        """Count ``chunk``'s tags and attributes before it is parsed; refuse it over a bound."""
        self.marks = _marks(chunk)
        self.total += self.marks
        self.held += self.marks
        if self.total > MAX_MARKUP:
            raise _Refused(
                said(
                    "too large to read as a proposal document: its {part} holds over {most} "
                    "tags and attributes (a 300-page proposal's some hundred thousand): check "
                    "that this is the proposal document, or split it into smaller documents",
                    part=DOCUMENT,
                    most=_thousands(MAX_MARKUP),
                )
            )
        if self.held > MAX_HELD:
            in_table = any(kind == _TABLE for kind, _ in self.open)
            place = (
                _table_row(self.tables, self.row + 1)
                if in_table
                else _paragraph_at(self.paragraphs + 1)
            )
            raise _Refused(
                said(
                    "too large to read as a proposal document: {where} holds over {most} tags "
                    "and attributes, far more than a page: check that this is the proposal "
                    "document; a table that holds the whole document (for its layout) cannot be "
                    "read: take its text out of it",
                    where=place,
                    most=_thousands(MAX_HELD),
                )
            )

    def start(self, element: Element) -> _Block | None:
        """An element opens: its kind, if it stands right in its container (an element the
        walk does not see may be between them: a text box, a field); a table of the body
        starts a table."""
        if self.open:
            parent, container = self.open[-1]
        else:
            parent, container = _ROOT, None
            _no_doctype(DOCUMENT, element)
        kind = None
        if parent is not None and element.getparent() is container:
            kind = _KINDS[parent].get(element.tag)
        self.open.append((kind, element))
        self.body |= kind == _BODY
        if kind == _TABLE and parent == _BODY:
            self.tables += 1
            self.row = 0
            return _Block("tbl", element)
        return None

    def end(self, element: Element) -> tuple[bool, _Block | None]:
        """An element closes: whether it is let go once read (it stands right in the
        document, the body or a table), and the block it is, if it is one."""
        self.open.pop()
        parent, container = self.open[-1] if self.open else (None, None)
        if parent is None or element.getparent() is not container:
            return False, None
        tag = element.tag
        if parent == _BODY and tag == _P:
            self.number += 1
            self.paragraphs += 1
            return True, _Block("p", element, self.number, _paragraph_at(self.paragraphs))
        if parent == _TABLE and tag == _TR:
            self.number += 1
            self.row += 1
            return True, _Block("tr", element, self.number, _table_row(self.tables, self.row))
        if parent == _TABLE and tag == _W + "tblPr":
            return True, _Block("tblPr", element)
        return True, None


def _blocks(chunks: Iterable[bytes]) -> Iterator[_Block]:
    """The blocks of word/document.xml (see ``_Block``) as it streams in: each paragraph and
    table row is let go once read, so what is held is one block (``MAX_HELD``)."""
    parser = _parser(("start", "end"), _WALKED)
    walk = _Walk()
    for chunk in chunks:
        walk.take(chunk)
        parser.feed(chunk)
        yield from _events(walk, parser.read_events())
    parser.close()
    yield from _events(walk, parser.read_events())
    if not walk.body:
        raise _Refused(said("not a Word document (.docx): {part} has no body", part=DOCUMENT))


def _events(walk: _Walk, events: Iterable[tuple[str, Element]]) -> Iterator[_Block]:
    for event, element in events:
        if event == "start":
            if (block := walk.start(element)) is not None:
                yield block
            continue
        let_go, block = walk.end(element)
        if block is not None:
            yield block
        if let_go:  # read: cleared, and taken out with its read siblings (lxml's way)
            element.clear()
            parent = element.getparent()
            while element.getprevious() is not None:
                del parent[0]
            walk.held = walk.marks


# --- .docx: how text looks -----------------------------------------------------------------------


class _Props(NamedTuple):
    """What of a run's properties decides whether its text is seen; None where not set."""

    hidden: bool | None = None  # w:vanish, w:specVanish
    colour: str | None = None  # w:color: "FFFFFF", "AUTO"
    size: int | None = None  # w:sz, in half points
    shade: str | None = None  # behind the text: w:highlight, else w:shd, as "RRGGBB"
    raised: bool | None = None  # w:vertAlign superscript or subscript (a note's mark?)

    def over(self, far: _Props) -> _Props:
        """These properties, with ``far``'s where these are not set."""
        return _Props(
            far.hidden if self.hidden is None else self.hidden,
            far.colour if self.colour is None else self.colour,
            far.size if self.size is None else self.size,
            far.shade if self.shade is None else self.shade,
            far.raised if self.raised is None else self.raised,
        )


_NONE = _Props()
_VANISH, _SPEC_VANISH, _COLOR, _SZ, _HIGHLIGHT, _VERT_ALIGN = (
    _W + tag for tag in ("vanish", "specVanish", "color", "sz", "highlight", "vertAlign")
)
#: the theme's colours as Word's default theme has them, where a run names one
_THEME = {
    "background1": "FFFFFF", "bg1": "FFFFFF", "light1": "FFFFFF", "background2": "E7E6E6",
    "bg2": "E7E6E6", "light2": "E7E6E6", "text1": "000000", "tx1": "000000", "dark1": "000000",
    "text2": "44546A", "tx2": "44546A", "dark2": "44546A",
}  # fmt: skip
_HIGHLIGHTS = {
    "black": "000000", "blue": "0000FF", "cyan": "00FFFF", "green": "00FF00",
    "magenta": "FF00FF", "red": "FF0000", "yellow": "FFFF00", "white": "FFFFFF",
    "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000", "darkMagenta": "800080",
    "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080", "lightGray": "C0C0C0",
}  # fmt: skip


def _child(parent: Element | None, *tags: str) -> Element | None:
    """The first child of ``parent`` with the first of ``tags``, its first child with the
    next …, or None (faster than lxml's ``find``, which reads a path)."""
    for tag in tags:
        parent = _first(parent, tag)
    return parent


def _first(parent: Element | None, tag: str) -> Element | None:
    if parent is not None:
        for child in parent:
            if child.tag == tag:
                return child
    return None


def _on(element: Element) -> bool:
    """An on/off property: on unless its w:val says off."""
    return element.get(_VAL, "true").lower() not in ("false", "0", "off")


def _number(element: Element | None, name: str) -> int | None:
    """A whole-number attribute ``name`` of ``element``, or None if it is not there or not one."""
    text = None if element is None else element.get(name)
    return int(text) if text is not None and text.isascii() and text.isdigit() else None


def _fill(shd: Element | None) -> str | None:
    """The colour a ``w:shd`` puts behind text, or None where it puts none (what is behind it
    shows): its fill, or its pattern colour for a solid pattern."""
    if shd is None or shd.get(_VAL) == "nil":
        return None
    if shd.get(_VAL) == "solid":
        colour = shd.get(_W + "color", "auto").upper()
        return "000000" if colour == "AUTO" else colour
    fill = shd.get(_W + "fill", "auto").upper()
    return None if fill == "AUTO" else fill


def _props(rpr: Element | None) -> _Props:
    """The properties set in a ``w:rPr`` (a run's or a style's)."""
    if rpr is None:
        return _NONE
    hidden = special = colour = size = shade = light = raised = None
    for child in rpr:
        tag = child.tag
        if tag == _VANISH:
            hidden = _on(child)
        elif tag == _SPEC_VANISH:
            special = _on(child)
        elif tag == _COLOR:  # a theme's colour, which Word shows, over w:val
            theme = _THEME.get(child.get(_W + "themeColor", ""))
            colour = theme or child.get(_VAL, "").upper() or None
        elif tag == _VERT_ALIGN:
            raised = child.get(_VAL) in ("superscript", "subscript")
        elif tag == _SZ:
            size = _number(child, _VAL)
        elif tag == _SHD:
            shade = _fill(child)
        elif tag == _HIGHLIGHT:
            light = _HIGHLIGHTS.get(child.get(_VAL, ""))
    return _Props(True if special else hidden, colour, size, light or shade, raised)


class _Style(NamedTuple):
    """A style of styles.xml, as far as it decides how text looks."""

    based_on: str | None
    run: _Props  # its w:rPr
    shade: str | None  # a paragraph style's w:pPr/w:shd
    shaded: bool  # whether it shades something (a table style: some cells, not known which)


class _Styles(NamedTuple):
    by_id: dict[str, _Style]
    defaults: _Props  # w:docDefaults' run properties
    paragraph: str | None  # the default paragraph style's id


def _styles(root: Element | None) -> _Styles:
    """The styles of a styles.xml (none if there is none)."""
    if root is None:
        return _Styles({}, _NONE, None)
    by_id: dict[str, _Style] = {}
    paragraph = None
    for style in root.iterfind(_W + "style"):
        sid = style.get(_W + "styleId", "")
        based = _child(style, _W + "basedOn")
        ppr = _child(style, _PPR)
        shaded = any(_fill(shd) not in (None, "FFFFFF") for shd in style.iter(_W + "shd"))
        by_id[sid] = _Style(
            None if based is None else based.get(_VAL),
            _props(_child(style, _RPR)),
            _fill(_child(ppr, _SHD)),
            shaded,
        )
        if style.get(_W + "type") == "paragraph" and style.get(_W + "default") in ("1", "true"):
            paragraph = sid
    defaults = _props(_child(root, _W + "docDefaults", _W + "rPrDefault", _RPR))
    return _Styles(by_id, defaults, paragraph)


class _Ground(NamedTuple):
    """What is behind a paragraph's text: a colour ("RRGGBB"; None where a table style may
    shade it, unknown), and the place said in a doubt ("cell", "page")."""

    colour: str | None
    place: str


_PAGE, _CELL = _Ground("FFFFFF", "page"), _Ground("FFFFFF", "cell")
_NOTHING: tuple[_Props, str | None] = (_NONE, None)


class _Document:
    """One .docx being read: how its text looks (its styles, each resolved once), and how much
    of it is read: the paragraphs and cells so far (nested and blank ones too, ``MAX_CELLS``),
    and the block being read, to name it."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.resolved: dict[str, tuple[_Props, str | None]] = {}
        self.bases: dict[str | None, tuple[_Props, str | None]] = {}
        self.read = 0
        self.where = NOWHERE

    def tick(self) -> None:
        """A paragraph or cell is read: refused past ``MAX_CELLS``."""
        self.read += 1
        if self.read > MAX_CELLS:
            raise _Refused(_too_large(0, self.where, 0, self.read) or NOWHERE)

    def style(self, sid: str | None) -> tuple[_Props, str | None]:
        """A style's run properties and paragraph shading, those of the styles it is based on
        filled in (the nearest setting wins; a loop or a missing style ends the chain). Each
        style is resolved once, however long the chains."""
        by_id = self.styles.by_id
        chain: dict[str, None] = {}  # the styles to resolve, nearest first
        current = sid
        while current in by_id and current not in self.resolved and current not in chain:
            chain[current] = None
            current = by_id[current].based_on
        far = (
            _NOTHING
            if current is None or current in chain
            else self.resolved.get(current, _NOTHING)
        )
        for name in reversed(chain):
            style = by_id[name]
            far = (style.run.over(far[0]), style.shade or far[1])
            self.resolved[name] = far
        return self.resolved.get(sid or "", _NOTHING)

    def paragraph(self, p: Element) -> tuple[_Props, str | None]:
        """The run properties a paragraph's style gives its runs, and its shading."""
        ppr = _child(p, _PPR)
        found = _child(ppr, _W + "pStyle")
        sid = self.styles.paragraph if found is None else found.get(_VAL)
        if sid not in self.bases:
            props, shade = self.style(sid)
            self.bases[sid] = props.over(self.styles.defaults), shade
        base, shade = self.bases[sid]
        direct = _fill(_child(ppr, _SHD))
        return base, direct or shade

    def run(self, r: Element, base: _Props) -> _Props:
        """A run's properties: its own, then its character style's, then ``base``."""
        rpr = _child(r, _RPR)
        if rpr is None:
            return base
        found = _child(rpr, _W + "rStyle")
        character = _NONE if found is None else self.style(found.get(_VAL))[0]
        return _props(rpr).over(character.over(base))

    def table(self, tblpr: Element) -> _Ground:
        """What is behind a table's cells that set no shading: white, or unknown if the
        table's style shades some cells."""
        found = _child(tblpr, _W + "tblStyle")
        sid, seen = None if found is None else found.get(_VAL), set()
        while sid in self.styles.by_id and sid not in seen:
            if self.styles.by_id[sid].shaded:
                return _Ground(None, "cell")
            seen.add(sid)
            sid = self.styles.by_id[sid].based_on
        return _CELL


#: a cell's doubts as a message says them (``said_doubt``); ``Row.doubts`` holds their English,
#: which the reading compares and joins (a row is made for every line of a document)
_HIDDEN = said("hidden text left out")
_NESTED = said("a table inside the cell, read as its text")
_MERGES = {
    ("vMerge", "restart"): said("merged with the cell below (vertical merge)"),
    ("vMerge", "continue"): said("merged with the cell above (vertical merge)"),
    ("hMerge", "restart"): said("merged with the cell to the right (horizontal merge)"),
    ("hMerge", "continue"): said("merged with the cell to the left (horizontal merge)"),
}
_RAISED = said("raised or lowered text (a note's mark?)")
_WHITE_ON_CELL = said("white text on a white cell")
_WHITE_ON_PAGE = said("white text on a white page")


def _small(points: str) -> Said:
    return said("text of {points} pt", points=points)


def _coloured(colour: str) -> Said:
    return said("text the colour of its background (#{colour})", colour=colour)


def _low(points: str) -> Said:
    return said("a row {points} pt high, too low to show its text", points=points)


#: the doubts with a figure of their own, by the form ``Row.doubts`` writes them in
_WITH_FIGURE = (
    (re.compile(r"text of ([0-9.]+) pt"), _small),
    (re.compile(r"text the colour of its background \(#(\w+)\)"), _coloured),
    (re.compile(r"a row ([0-9.e+-]+) pt high, too low to show its text"), _low),
)
_ROW_DELETED = said("a row deleted as a tracked change (accept or reject it in Word)")
HIDDEN = _HIDDEN.english
NESTED = _NESTED.english
MERGES = {key: doubt.english for key, doubt in _MERGES.items()}


#: the smallest text a person reads, in half points (3.5 pt and less is not read as text)
SMALLEST = 7
#: how far apart (the largest of red, green and blue) two colours must be to be told apart
APART = 0x30


def _unseen(props: _Props, ground: _Ground) -> Iterator[str]:
    """Why visible text with ``props`` on ``ground`` is probably not seen as it is read: too
    small, the colour (or near the colour) of what is behind it, or raised or lowered as a
    note's mark is."""
    if props.size is not None and props.size <= SMALLEST:
        yield _small(f"{props.size // 2}{'.5' if props.size % 2 else ''}").english
    colour, behind = props.colour, props.shade or ground.colour
    if colour is not None and colour != "AUTO" and _alike(colour, behind):
        if colour == "FFFFFF" and behind == "FFFFFF":
            yield (_WHITE_ON_CELL if ground.place == "cell" else _WHITE_ON_PAGE).english
        else:
            yield _coloured(colour).english
    if props.raised:
        yield _RAISED.english


def _alike(colour: str, behind: str | None) -> bool:
    """Whether two colours ("RRGGBB") are too near to be told apart."""
    if behind is None or len(colour) != 6 or len(behind) != 6:
        return colour == behind
    try:
        pairs = [(int(colour[i : i + 2], 16), int(behind[i : i + 2], 16)) for i in (0, 2, 4)]
    except ValueError:
        return colour == behind
    return max(abs(a - b) for a, b in pairs) < APART


def _add(doubts: list[str], found: Iterable[str]) -> None:
    doubts += (doubt for doubt in dict.fromkeys(found) if doubt not in doubts)


# --- .docx: rows ---------------------------------------------------------------------------------

#: a paragraph's elements whose text is not its text: deleted or moved-away text (tracked
#: changes), text boxes (their own paragraphs; the fallback repeats them), properties
_NOT_TEXT = frozenset(
    _W + tag for tag in ("pPr", "rPr", "del", "moveFrom", "txbxContent", "sdtPr", "sdtEndPr")
) | {_MC + "Fallback"}
_CHARS = {_W + "tab": "\t", _W + "br": " ", _W + "cr": " ", _W + "noBreakHyphen": "-"}


def docx_rows(data: bytes) -> list[Row] | Unreadable:
    """The rows of a ``.docx``: the body's paragraphs and table rows in document order (also
    those inside content controls), a table row's cells left to right, as the module says.

    A merged cell is one cell (one ``w:tc``), its ``w:gridSpan`` its width; a vertically merged
    cell is read in each row it is in (the text in the first, as Word's plain text has it), with
    its doubt. A cell's paragraphs are joined with a space, a nested table read as its text.
    Blocks are numbered as they stand, empty and hidden ones too, and tables are counted from 1.
    """
    if not data:
        return Unreadable(said("not a Word document (.docx): the file is empty"))
    if data.startswith(_OLE):
        return Unreadable(
            said(
                "not a Word document (.docx): it is a Word 97-2003 document (.doc) or another "
                "old Office file: open it in Word and save it as .docx"
            )
        )
    try:
        with _archive(data) as archive:
            styles = _whole(archive, STYLES) if STYLES in archive.namelist() else None
            doc = _Document(_styles(styles))
            return _rows(_blocks(_chunks(archive, DOCUMENT, MAX_XML)), doc)
    except _Refused as refused:
        return Unreadable(refused.why)
    except RecursionError:  # lxml refuses XML nested over 256 deep: this is insurance
        return Unreadable(
            said("not a Word document (.docx): its tables or fields are nested too deeply")
        )
    except Exception as exc:  # zipfile, zlib and lxml: any error means a damaged file
        return Unreadable(
            said(
                "not a Word document (.docx): it is damaged ({error}: {why})",
                error=type(exc).__name__,
                why=_short(exc),
            )
        )


def _rows(blocks: Iterable[_Block], doc: _Document) -> list[Row]:
    """The rows of the blocks of a document, as ``docx_rows`` says."""
    rows: list[Row] = []
    ground = _CELL  # behind the current table's cells
    for block in blocks:
        if block.kind == "tbl":
            ground = _CELL
            continue
        if block.kind == "tblPr":
            ground = doc.table(block.element)
            continue
        doc.where = block.where
        if why := _too_large(block.line, block.where, 0, 0):
            raise _Refused(why)
        if (row := _row(doc, block, ground)) is not None:
            length = sum(map(len, row.cells)) + len(row.cells) - 1  # as a line of a text
            if why := _too_large(block.line, block.where, length, 0):
                raise _Refused(why)
            rows.append(row)
    return rows


def _row(doc: _Document, block: _Block, ground: _Ground) -> Row | None:
    """The row of a paragraph or table row, or None if it is not content (blank, a separator,
    or a hidden table row)."""
    if block.kind == "p":
        text, doubts = _paragraph(doc, block.element, _PAGE)
        if not _kept((text,)):
            return None
        return Row(block.line, block.where, (text,), False, (0,), (1,), ("; ".join(doubts),))
    tr = block.element
    if _hidden(tr):
        return None
    column = _number(_child(tr, _W + "trPr", _W + "gridBefore"), _VAL) or 0
    unseen = _unseen_row(tr)
    texts, columns, spans, doubts = [], [], [], []
    for tc in _children(tr, {_TC}):
        text, span, found = _cell(doc, tc, ground)
        texts.append(text)
        columns.append(column)
        spans.append(span)
        doubts.append("; ".join([*found, *unseen]))
        column += span
    cells = tuple(texts)
    if not _kept(cells) and not any(d and d not in (HIDDEN, NESTED) for d in doubts):
        return None  # blank: but a blank row with a tracked change, say, shows it
    return Row(block.line, block.where, cells, True, tuple(columns), tuple(spans), tuple(doubts))


#: the lowest row a person reads, in twentieths of a point (an exact height under 4 pt)
LOWEST_ROW = 80


def _unseen_row(tr: Element) -> list[str]:
    """Why a table row may not be seen as it reads: deleted as a tracked change, or set to an
    exact height too low to show its text."""
    found = []
    if _child(tr, _W + "trPr", _W + "del") is not None:
        found.append(_ROW_DELETED.english)
    height = _child(tr, _W + "trPr", _W + "trHeight")
    if height is not None and height.get(_W + "hRule") == "exact":
        twips = _number(height, _VAL)
        if twips is not None and twips < LOWEST_ROW:
            found.append(_low(format(twips / 20, "g")).english)
    return found


def _hidden(tr: Element) -> bool:
    """Whether a table row is hidden (``w:trPr/w:hidden``)."""
    hidden = _child(tr, _W + "trPr", _W + "hidden")
    return hidden is not None and _on(hidden)


def _children(parent: Element, tags: set[str] | frozenset[str]) -> Iterator[Element]:
    """The children of ``parent`` with one of ``tags``, those inside wrappers too."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _cell(doc: _Document, tc: Element, ground: _Ground) -> tuple[str, int, list[str]]:
    """A table cell's text, its width in grid columns, and its doubts."""
    doc.tick()
    tcpr = _child(tc, _W + "tcPr")
    doubts: list[str] = []
    span = 1
    if tcpr is not None:
        span = max(_number(_child(tcpr, _W + "gridSpan"), _VAL) or 1, 1)
        for merge in ("vMerge", "hMerge"):
            if (found := _child(tcpr, _W + merge)) is not None:
                start = found.get(_VAL) == "restart"
                doubts.append(MERGES[merge, "restart" if start else "continue"])
        fill = _fill(_child(tcpr, _SHD))
        ground = ground if fill is None else _Ground(fill, "cell")
    text, found_in_text = _cell_text(doc, tc, ground)
    _add(doubts, found_in_text)
    return text, span, doubts


def _cell_text(doc: _Document, tc: Element, ground: _Ground) -> tuple[str, list[str]]:
    """A table cell's text (its paragraphs joined with a space, a nested table as its cells'
    text) and what in it may not be seen."""
    parts: list[str] = []
    doubts: list[str] = []
    for block in _children(tc, _BLOCKS):
        if block.tag == _P:
            text, found = _paragraph(doc, block, ground)
            parts.append(text)
            _add(doubts, found)
            continue
        _add(doubts, [NESTED])
        for tr in _children(block, {_TR}):
            if _hidden(tr):
                continue
            for inner in _children(tr, {_TC}):
                text, _, found = _cell(doc, inner, ground)
                parts.append(text)
                _add(doubts, found)
    return " ".join(part for part in parts if part), doubts


def _paragraph(doc: _Document, p: Element, ground: _Ground) -> tuple[str, list[str]]:
    """A paragraph's text as Word shows it (hidden text left out), and why some of it may not
    be seen."""
    doc.tick()
    base, shade = doc.paragraph(p)
    if shade is not None:
        ground = ground._replace(colour=shade)
    text: list[str] = []
    doubts: list[str] = []
    for piece, props in _inline(doc, p, base):
        if props.hidden:
            if piece.strip():
                _add(doubts, [HIDDEN])
            continue
        text.append(piece)
        if (props.size is not None or props.colour is not None or props.raised) and piece.strip():
            _add(doubts, _unseen(props, ground))
    _add(doubts, _marked(p))
    return "".join(text).strip(), doubts


#: what in a paragraph shows otherwise than its text reads: tracked changes (shown struck out
#: or marked), content with a fallback Word may show instead, drawings and text boxes over it
_TRACKED = said("a tracked change (accept or reject it in Word)")
_ALTERNATE = said("content Word may show otherwise (mc:AlternateContent)")
_DRAWING = said("a drawing or a text box over the text")
_OBJECT = said("an embedded object")
TRACKED = _TRACKED.english
_MARKED = {
    _W + "ins": TRACKED,
    _W + "del": TRACKED,
    _W + "moveTo": TRACKED,
    _W + "moveFrom": TRACKED,
    _MC + "AlternateContent": _ALTERNATE.english,
    _W + "drawing": _DRAWING.english,
    _W + "pict": _DRAWING.english,
    _W + "object": _OBJECT.english,
}
#: every doubt said by its English (``said_doubt``)
_DOUBTS = {
    doubt.english: doubt
    for doubt in (
        _HIDDEN,
        _NESTED,
        *_MERGES.values(),
        _RAISED,
        _WHITE_ON_CELL,
        _WHITE_ON_PAGE,
        _ROW_DELETED,
        _TRACKED,
        _ALTERNATE,
        _DRAWING,
        _OBJECT,
    )
}


def said_doubt(doubt: str) -> str | Said:
    """A doubt of ``Row.doubts`` as a message says it, in the reader's language: by its
    English, or one with a figure of its own (``text of 3 pt``, a colour) by its form."""
    if (found := _DOUBTS.get(doubt)) is not None:
        return found
    for form, made in _WITH_FIGURE:
        if match := form.fullmatch(doubt):
            return made(match[1])
    return doubt


def _marked(p: Element) -> Iterator[str]:
    """Why a paragraph may show otherwise than its text reads (``_MARKED``)."""
    for element in p.iter(*_MARKED):
        yield _MARKED[element.tag]


def _inline(doc: _Document, element: Element, props: _Props) -> Iterator[tuple[str, _Props]]:
    """A paragraph's text, piece by piece with the properties it has: its runs' text wherever
    they stand (hyperlinks, fields, content controls, tracked insertions), a tab as a tab, a
    line break as a space."""
    for child in element:
        tag = child.tag
        if tag == _T:
            yield child.text or "", props
        elif tag in _CHARS:
            yield _CHARS[tag], props
        elif tag == _R:
            yield from _inline(doc, child, doc.run(child, props))
        elif tag not in _NOT_TEXT:
            yield from _inline(doc, child, props)


def _short(exc: Exception) -> str:
    """An error's message on one line, at most 200 characters (it may quote the file)."""
    text = printable(" ".join(str(exc).split()))
    return text if len(text) <= 200 else text[:199] + "…"
