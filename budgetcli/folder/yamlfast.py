"""A fast reader for the plain YAML that budget files are written in, or ``None``.

``yamlsafe`` reads a file through libyaml's event stream, which is exact but costs a Python
object (with two position marks) for every key and value: at 10,000 proposals that is most of
a first run. Budget files use a small part of YAML: block mappings and sequences, flow
collections on one line, plain, single- and double-quoted scalars on one line, and block
scalars (literal ``|``, ``|-``; folded ``>``, ``>-`` whose lines are simply joined). This
module reads exactly that part, line by line, resolving every unquoted scalar with
``yamlrules.resolve_plain`` (the same strict rules), and gives up (returns ``None``) on
anything else, or on anything that the strict reader would report: a tag, an anchor, an
alias, a duplicate key, a refused spelling, a tab, a second document, a multi-line flow
collection, a folded scalar with blank or more-indented lines. Then ``yamlsafe`` reads the
file the exact way and says what is wrong. The commonest lines (``key: value``) and flow
collections (of scalars) are each read from one match of a pattern, a mapping of flat ones a
pair a match, the rest piece by piece: a first run reads every proposal, and these shapes are
most of its lines.

So the rule this module keeps is: when it returns a value, that value is the one
``yamlsafe`` builds for the same text, and ``yamlsafe`` would report no problem (a property
test generates documents to hold it to that). It records positions only when asked
(``positions``): for the few files that have something to report, where a message must be
placed, it reads the file again and says where each key and item stands, as ``yamlsafe``
would (the same line and column: a property test holds it to that).
"""

from __future__ import annotations

import re
from typing import Any

from budgetcli.core.diagnostics import Loc, Pos
from budgetcli.folder.yamlrules import Refused, key_text, resolve_plain

#: nesting this deep is declined (budget files nest four levels; the exact reader refuses 32)
DEPTH = 16
#: libyaml refuses a key whose colon is more than 1,024 characters from its start: a key
#: this long, and a flow collection this long (its keys could be), are declined
LONGEST_KEY = 1000

#: the bytes a file may hold, but for multi-byte characters (checked below): no control
#: character, no tab (the exact reader decides where one may stand), no carriage return
_ALLOWED_BYTES = b"\n" + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
#: characters that libyaml refuses or reads as line breaks, as UTF-8: the C1 controls (with
#: NEL), the line and paragraph separators, a byte order mark, U+FFFE and U+FFFF. Each is
#: searched for on its own (a regular expression with a literal start is fast, a class slow),
#: and only in a file that has its first byte (looking for one byte is faster still)
_REFUSED_UTF8 = (
    (b"\xc2", re.compile(b"\xc2[\x80-\x9f]")),
    (b"\xe2", re.compile(b"\xe2\x80[\xa8\xa9]")),
    (b"\xef", re.compile(b"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])")),
)
#: a key: plain (a word, a code, a year) or quoted without escapes
_KEY = re.compile(r"""([A-Za-z0-9_][A-Za-z0-9_.\-]*|"[^"\\]*"|'[^']*'):(?: +|$)""")
#: a sequence item's dash
_DASH = re.compile(r"-(?: +|$)")
#: the first character of a plain scalar that YAML reads as something else (or might)
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: a double-quoted scalar whose only escapes are \" and \\ (written as runs of one character
#: class, not an alternation repeated per character: that costs the regular expression
#: engine ~100 bytes of memory per character of a long value)
_DQ = re.compile(r'"([^"\\]*(?:\\["\\][^"\\]*)*)"')
_ESCAPE = re.compile(r'\\(["\\])')
_SQ = re.compile(r"'([^']*(?:''[^']*)*)'")
#: what may follow a complete value on its line: spaces, then a comment or nothing
_REST = re.compile(r"(?: +#.*| *)")
#: a token of a flow collection: (1) an indicator, (2) a colon and its space, (3) a
#: double-quoted scalar without escapes, (4) a single-quoted one, (5) a plain scalar without
#: a colon or comment (its trailing spaces taken off after)
_FLOW_TOKEN = re.compile(
    r""" *(?:([\[\]{},])|(:)(?= )|"((?:[^"\\]|\\["\\])*)"|'((?:[^']|'')*)'"""
    r"""|((?:[^\s\-?:,\[\]{}#&*!|>'"%@`]|-(?=[^\s,\[\]{}]))[^:,\[\]{}#]*))"""
)
#: a scalar of a flow collection, quoted or plain, as ``_FLOW_TOKEN`` reads it. Each part is
#: written to be matched once: a quoted one as runs between its escapes, every run possessive
#: (what may follow a scalar, ``:``, ``,``, a bracket, is never in the run before it, so giving
#: characters back could not help), which halves its cost against a repeated alternation
_FLOW_SCALAR = (
    r"""(?:"[^"\\]*+(?:\\["\\][^"\\]*+)*+"|'[^']*+(?:''[^']*+)*+'"""
    r"""|(?:[^\s\-?:,\[\]{}#&*!|>'"%@`]|-(?=[^\s,\[\]{}]))[^:,\[\]{}#'"]*+)"""
)


def _entries(entry: str, closer: str) -> str:
    """A pattern of flow entries ``entry``, each followed by a comma (and spaces) or by
    ``closer`` (not taken), where an entry may not be left empty. Each entry stands in it
    once: a pattern takes time to compile that grows faster than its length, and a pattern
    that wrote the first entry apart from the rest took four times as long."""
    return rf"(?:{entry}(?:, *(?!{closer})|(?={closer})))++"


#: a flow mapping of scalars, or a sequence of scalars: the common case, read in one go
_FLAT_PAIRS = _entries(rf"{_FLOW_SCALAR}: +{_FLOW_SCALAR}", "[}]")
_FLAT_ITEMS = _entries(_FLOW_SCALAR, "[]]")
_FLAT_MAPPING = re.compile(rf"\{{ *({_FLAT_PAIRS})\}}")
_FLAT_SEQUENCE = re.compile(rf"\[ *({_FLAT_ITEMS})\]")
_PAIR = re.compile(rf"({_FLOW_SCALAR}): +({_FLOW_SCALAR})(?:,|$)")
#: a pair of a flow mapping whose values are scalars or flat collections (``{type: saving,
#: amounts: {2024: -600}}``, ``{"053000-1": {2024: -600}}``), read a pair a match: (1) the key,
#: then (2) a scalar, (3) a flat mapping's pairs or (4) a flat sequence's items, then a comma
#: and spaces before the next pair, or (not taken) the closing brace
_NESTED_PAIR = re.compile(
    rf" *({_FLOW_SCALAR}): +(?:({_FLOW_SCALAR})|\{{ *({_FLAT_PAIRS})\}}|\[ *({_FLAT_ITEMS})\])"
    r"(?:, *(?![}])|(?=[}]))"
)
_ITEM = re.compile(rf"({_FLOW_SCALAR})(?:,|$)")
#: a line of a block mapping in its commonest shapes, from its indentation: (1) a plain key,
#: then alone on the line (2) a plain scalar with no colon or ``#`` in it (its trailing spaces
#: taken off after), a quoted one without escapes (3, 4), (5) a flow collection, (6) a block
#: scalar's header, or (7) nothing (a block below, or null). What this takes, ``entry`` reads
#: alike (these are a part of its shapes); the group that matched is the match's last
_SIMPLE_ENTRY = re.compile(
    r""" *+([A-Za-z0-9_][A-Za-z0-9_.\-]*+):(?: ++(?:((?:[^-?:,\[\]{}#&*!|>'"%@` ]|-(?=[^ ]))[^:#]*+)"""
    r"""|"([^"\\]*+)"|'([^']*+)'|([\[{].*+)|([|>].*+))| *+())\Z"""
)
_MISSING: Any = object()
#: scalars longer than this are not kept in the memo (it lives across files)
_MEMO_LONGEST = 64


class _Decline(Exception):
    """Not ours to read: the exact reader takes the file."""


def read(data: bytes, memo: dict[str, Any] | None = None) -> Any:
    """The value of a file as ``yamlsafe`` reads it, or ``None`` if this reader declines.

    ``memo`` keeps the value of each scalar seen (``resolve_plain`` is pure): pass the same
    dict for many files, whose years, amounts and words repeat."""
    return _document(data, {} if memo is None else memo, None)


def _document(data: bytes, memo: dict[str, Any], positions: dict[Loc, Pos] | None) -> Any:
    """The value of a file, or ``None`` if this reader declines it; where its keys and
    items stand recorded in ``positions`` if one is given."""
    if data.translate(None, _ALLOWED_BYTES):
        return None
    if not data.isascii() and any(lead in data and r.search(data) for lead, r in _REFUSED_UTF8):
        return None
    try:
        reader = _Reader(data.decode("utf-8"), memo)
        reader.positions = positions
        return reader.document()
    except (_Decline, Refused, UnicodeDecodeError):
        return None


def positions(data: bytes) -> dict[Loc, Pos] | None:
    """Where every key and item of a file stands, as ``yamlsafe.positions_of`` says it (the
    line and column of the node's first character, 1-based), or ``None`` if this reader
    declines the file. Made for a file with something to report, where a message is placed:
    libyaml's events cost about twice this reader's lines. (A flow collection whose tokens
    were not found as they were read is left to the exact reader too.)"""
    found: dict[Loc, Pos] = {}
    try:
        return None if _document(data, {}, found) is None else found
    except (LookupError, StopIteration):
        return None


class _Scalars:
    """The value of each scalar as written, kept in ``memo`` (``resolve_plain`` is pure, and
    the years, amounts and words of budget files repeat from file to file)."""

    __slots__ = ("memo",)

    def __init__(self, memo: dict[str, Any]) -> None:
        self.memo = memo

    def scalar(self, raw: str) -> Any:
        """A scalar of a flow collection as written: quoted, or plain with trailing spaces."""
        value = self.memo.get(raw, _MISSING)
        if value is _MISSING:
            first = raw[0]
            if first == '"':
                value = _unescape(raw[1:-1])
            elif first == "'":
                value = raw[1:-1].replace("''", "'")
            else:
                value = resolve_plain(raw.rstrip(" "))
            if len(raw) <= _MEMO_LONGEST:
                self.memo[raw] = value
        return value

    def plain(self, text: str) -> Any:
        value = self.memo.get(text, _MISSING)
        if value is _MISSING:
            value = resolve_plain(text)
            if len(text) <= _MEMO_LONGEST:
                self.memo[text] = value
        return value


class _Lines(_Scalars):
    """A file's lines, and where the reading stands in them (``self.i``: the line being
    read): what the block structure (``_Reader``) moves through."""

    __slots__ = ("at", "i", "lines", "loc", "n", "positions", "seen", "terminated")

    def __init__(self, text: str, memo: dict[str, Any]) -> None:
        super().__init__(memo)
        self.lines = text.split("\n")
        #: the last line has its line break (else a block scalar there is declined)
        self.terminated = not self.lines[-1]
        if self.terminated:
            self.lines.pop()
        self.n = len(self.lines)
        self.i = 0
        self.seen = -1  # the line whose indentation ``at`` is
        self.at = 0
        #: where each key and item stands, when asked for (``positions``), and the place of
        #: the value being read
        self.positions: dict[Loc, Pos] | None = None
        self.loc: Loc = ()

    def next_content(self) -> int:
        """Skip blank and comment lines; the indentation of the next line (-1 at the end)."""
        i = self.i
        if i == self.seen:
            return self.at
        lines, n = self.lines, self.n
        while i < n:
            line = lines[i]
            stripped = line.lstrip(" ")
            if stripped and stripped[0] != "#":
                self.i = self.seen = i
                self.at = len(line) - len(stripped)
                return self.at
            i += 1
        self.i = self.seen = n
        self.at = -1
        return -1

    def at_place(self, loc: Loc, key: str | int, column: int) -> None:
        """Record that the key or item ``key`` of the collection at ``loc`` stands on the
        current line at ``column`` (0-based), and make it the place being read."""
        assert self.positions is not None
        self.loc = (*loc, key)
        self.positions[self.loc] = (self.i + 1, column + 1)

    def block_scalar(self, header: str, indent: int) -> str:
        """A block scalar of a key at ``indent``: literal (``|``, ``|-``), or folded (``>``,
        ``>-``) when its lines are simply joined with spaces (no blank line, no line more
        indented than the first, none ending in a space: YAML's other folding rules)."""
        if header[1:2] == "-":
            keep_last, after = False, header[2:]
        else:
            keep_last, after = True, header[1:]
        if after and _REST.fullmatch(after) is None:
            raise _Decline  # |+, an indentation indicator, or text after the |
        content, self.i = _block_lines(self.lines, self.i, indent, self.terminated)
        return _block_text(content, header[0] == ">", keep_last)


class _Reader(_Lines):
    """The block structure of a file, line by line; what stands on one line is read by
    ``inline`` and, for a flow collection, ``_collection``."""

    __slots__ = ()

    def document(self) -> Any:
        if self.next_content() != 0:
            raise _Decline  # empty, or not a mapping at the margin
        if self.positions is not None:
            self.positions[()] = (self.i + 1, 1)
        value = self.mapping(0, 1)
        if self.next_content() != -1:
            raise _Decline  # something left over: less indented than a key, or stray
        return value

    # -- block collections ------------------------------------------------------------------

    def mapping(self, indent: int, depth: int) -> dict[Any, Any]:
        """A block mapping whose keys stand at ``indent``. Most of a budget file's lines are
        ``key: value`` with a plain key and a scalar or flow collection (``_SIMPLE_ENTRY``):
        such a line is read from one match (its indentation too), without the calls that
        ``next_content`` and ``entry`` make for the other shapes and for blank lines."""
        if depth > DEPTH:
            raise _Decline
        loc = self.loc
        result: dict[Any, Any] = {}
        quoted = False  # a quoted key may be the same key as another once read: checked
        lines, n, get = self.lines, self.n, self.memo.get
        while True:
            i = self.i
            m = _SIMPLE_ENTRY.match(lines[i]) if i < n else None
            if m is None or m.start(1) != indent or m.end() > LONGEST_KEY:
                at = self.next_content()
                if at != indent:
                    return _ended(result, at > indent, quoted)
                quoted = self.entry(result, loc, lines[self.i][indent:], indent, depth) or quoted
                continue
            raw = m.group(1)
            key = get(raw, _MISSING)
            if key is _MISSING:
                key = self.plain(raw)
            if not (type(key) is str or type(key) is int) or key == "<<" or key in result:
                raise _Decline  # not text or a whole number, a merge key, a duplicate key
            if self.positions is not None:
                self.at_place(loc, key, indent)
            self.i = i + 1
            kind = m.lastindex or 0  # the group of the value (the key's always matches before)
            if kind == 2:
                text = m.group(2)
                value = get(text, _MISSING)  # (trailing spaces are rare: taken off if missed)
                result[key] = self.plain(text.rstrip(" ")) if value is _MISSING else value
            elif kind == 5:  # (a next line more indented than the key: the loop declines it)
                result[key] = self.flow(m.group(5), depth + 1)
            elif kind in {3, 4}:
                result[key] = m.group(kind)
            else:
                result[key] = self.value(m.group(kind), indent, depth)

    def entry(self, result: dict[Any, Any], loc: Loc, rest: str, indent: int, depth: int) -> bool:
        """One entry of the block mapping ``result`` at ``loc`` whose key starts ``rest``
        (the current line from the key's column), in any shape: its value on the line, a
        block scalar, or a block below. Whether the key was quoted."""
        m = _KEY.match(rest)
        if m is None or m.end() > LONGEST_KEY:
            raise _Decline  # not a key; a key libyaml may find too long
        raw = m.group(1)
        quoted = raw[0] in {'"', "'"}
        key: Any = raw[1:-1] if quoted else self.plain(raw)
        if not _is_key(key) or key in result:
            raise _Decline  # not text or a whole number, a merge key, a duplicate key
        if self.positions is not None:
            self.at_place(loc, key, indent)
        self.i += 1
        result[key] = self.value(rest[m.end() :], indent, depth)
        return quoted

    def value(self, rest: str, indent: int, depth: int) -> Any:
        """The value of a key at ``indent`` whose colon (and spaces) ``rest`` follows: a
        block below it (``rest`` empty or a comment), a block scalar, or one on the line."""
        if not rest or rest[0] == "#":
            return self.nested(indent, depth)
        if rest[0] in {"|", ">"}:
            return self.block_scalar(rest, indent)
        return self.inline(rest, indent, depth + 1)

    def sequence(self, indent: int, depth: int) -> list[Any]:
        if depth > DEPTH:
            raise _Decline
        loc = self.loc
        result: list[Any] = []
        while True:
            at = self.next_content()
            if at != indent:
                if at > indent:
                    raise _Decline
                return result
            line = self.lines[self.i]
            m = _DASH.match(line, indent)
            if m is None:
                return result  # a key at the same indentation: the sequence has ended
            rest = line[m.end() :]
            if not rest or rest[0] == "#" or rest[0] == "-":
                raise _Decline  # an empty item, or a nested sequence on one line
            if self.positions is not None:
                self.at_place(loc, len(result), m.end())
            if rest[0] not in {"{", "["} and _KEY.match(rest) is not None:
                self.at = m.end()  # ``- key: value``: the mapping's keys stand after the dash
                result.append(self.mapping(m.end(), depth + 1))
            else:
                self.i += 1
                result.append(self.inline(rest, indent, depth + 1))

    def nested(self, indent: int, depth: int) -> Any:
        """The value of a key with nothing after its colon: a block below it, or null."""
        at = self.next_content()
        if at < indent:
            return None
        dash = self.lines[self.i][at : at + 2] in {"- ", "-"}  # as ``_DASH`` matches there
        if dash:
            return self.sequence(at, depth + 1)  # (it may stand at the key's level)
        return self.mapping(at, depth + 1) if at > indent else None

    def inline(self, rest: str, indent: int, depth: int) -> Any:
        """A value that ends on its line (``self.i`` is past it); the next line with content
        must not be more indented, or the value would go on there."""
        first = rest[0]
        if first in {"[", "{"}:
            value, end = self.flow(rest, depth), len(rest)
        elif first == '"':
            m = _DQ.match(rest)
            if m is None:
                raise _Decline
            value, end = _unescape(m.group(1)), m.end()
        elif first == "'":
            m = _SQ.match(rest)
            if m is None:
                raise _Decline
            value, end = m.group(1).replace("''", "'"), m.end()
        else:
            if first in _INDICATORS and not (first == "-" and len(rest) > 1 and rest[1] != " "):
                raise _Decline
            cut = rest.find(" #")
            text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
            if ": " in text or text[-1] == ":":
                raise _Decline
            value, end = self.plain(text), len(rest)
        if end < len(rest) and _REST.fullmatch(rest, end) is None:
            raise _Decline
        if self.next_content() > indent:
            raise _Decline  # a continuation line (or a stray, more indented line)
        return value

    def flow(self, rest: str, depth: int) -> Any:
        """The flow collection that starts ``rest``, the end of the line before ``self.i``;
        nothing may follow it on the line but a comment."""
        if len(rest) > LONGEST_KEY:
            raise _Decline  # a key in it may be too long for libyaml
        value, end = _collection(rest, 0, self, depth)
        if self.positions is not None:
            line = self.lines[self.i - 1]
            at = (self.i, len(line) - len(rest))
            _flow_positions(rest, at, self.loc, value, self.positions)
        if end < len(rest) and _REST.fullmatch(rest, end) is None:
            raise _Decline
        return value


def _block_lines(
    lines: list[str], start: int, indent: int, terminated: bool
) -> tuple[list[str], int]:
    """The lines of a block scalar from ``lines[start]``, without their indentation (a blank
    line: ``""``), and the line after the block."""
    n = len(lines)
    i = start
    while i < n and not lines[i].strip(" "):
        if lines[i]:
            raise _Decline  # a leading line of spaces: libyaml's rules for these differ
        i += 1
    if i == n:
        raise _Decline  # an empty block at the end of the file
    first = lines[i]
    at = len(first) - len(first.lstrip(" "))
    if at <= indent:
        raise _Decline  # an empty block scalar
    content = [""] * (i - start)
    while i < n:
        line = lines[i]
        body = line.lstrip(" ")
        if body:
            if len(line) - len(body) < at:
                break  # less indented: the block has ended
            content.append(line[at:])
        elif len(line) > at:
            raise _Decline  # a line of spaces beyond the indentation
        else:
            content.append("")
        i += 1
    if i == n and not terminated:
        raise _Decline  # the block's last line has no line break
    return content, i


def _block_text(content: list[str], folded: bool, keep_last: bool) -> str:
    """A block scalar's text from its lines: trailing blank lines dropped, then the lines
    joined (``folded``: with spaces) and ended by a line break if ``keep_last``."""
    while content and not content[-1]:
        content.pop()
    if not content:
        return ""
    if folded:
        if any(not line or line[0] == " " or line[-1] == " " for line in content):
            raise _Decline
        text = " ".join(content)
    else:
        text = "\n".join(content)
    return text + "\n" if keep_last else text


def _unescape(quoted: str) -> str:
    """The text of a double-quoted scalar (``_DQ`` lets only \\" and \\\\ through)."""
    return _ESCAPE.sub(r"\1", quoted) if "\\" in quoted else quoted


def _ended(mapping: dict[Any, Any], deeper: bool, quoted: bool) -> dict[Any, Any]:
    """A block mapping whose keys have ended: declined if the line that ended it is more
    indented than the keys (``deeper``: not ours), or if it has a quoted key (``quoted``)
    that is the same key as another once read."""
    if deeper:
        raise _Decline
    if quoted:
        _distinct(mapping)
    return mapping


def _distinct(mapping: dict[Any, Any]) -> None:
    """Decline a mapping two of whose keys the model reads as one (``2024`` and ``"2024"``):
    the exact reader reports it. (Plain keys are their own text; only a quoted one can do it.)"""
    if len({key_text(key) for key in mapping}) != len(mapping):
        raise _Decline


def _is_key(value: Any) -> bool:
    """A key the exact reader takes without a word: text or a whole number, but not ``<<``
    (a number with a point, a boolean or null as a key is reported there)."""
    return (type(value) is str or type(value) is int) and value != "<<"


def _collection(text: str, at: int, scalars: _Scalars, depth: int) -> tuple[Any, int]:
    """The collection whose bracket is ``text[at]``, and where it ends: a flat one (scalars
    only, the common case) in one match, a mapping of flat ones a pair a match, any other
    token by token."""
    if depth > DEPTH:
        raise _Decline
    opening = text[at : at + 2]
    if opening in {"{}", "[]"}:  # empty (``outside_service_frame: {}``)
        return ({} if opening == "{}" else []), at + 2
    if text[at] == "{":
        flat = _FLAT_MAPPING.match(text, at)
        if flat is not None:
            return _flat_mapping(flat.group(1), scalars), flat.end()
        nested = _nested_mapping(text, at, scalars) if depth < DEPTH else None  # (one deeper)
        return _flow_mapping(text, at, scalars, depth) if nested is None else nested
    flat = _FLAT_SEQUENCE.match(text, at)
    if flat is None:
        return _flow_sequence(text, at, scalars, depth)
    return list(map(scalars.scalar, _ITEM.findall(flat.group(1)))), flat.end()


def _nested_mapping(text: str, at: int, scalars: _Scalars) -> tuple[Any, int] | None:
    """The flow mapping whose brace is ``text[at]``, its values scalars or flat collections,
    and where it ends; ``None`` if it is not of that shape. (Then it is read token by token:
    what this reads, that reads alike, and a pair this declines, that declines too.)"""
    memo, scalar, match = scalars.memo, scalars.scalar, _NESTED_PAIR.match
    mapping: dict[Any, Any] = {}
    pairs = []
    pos = at + 1
    while text[pos : pos + 1] != "}":
        m = match(text, pos)
        if m is None:
            return None
        pair = m.groups()
        raw_key, raw_value, inner_pairs, inner_items = pair
        key = memo.get(raw_key, _MISSING)
        if key is _MISSING:
            key = scalar(raw_key)
        if (type(key) is not str and type(key) is not int) or key == "<<":
            raise _Decline  # as ``_is_key``, without a call
        if raw_value:
            value = memo.get(raw_value, _MISSING)
            mapping[key] = scalar(raw_value) if value is _MISSING else value
        elif inner_pairs:
            mapping[key] = _flat_mapping(inner_pairs, scalars)
        else:
            mapping[key] = list(map(scalar, _ITEM.findall(inner_items)))
        pairs.append(pair)
        pos = m.end()
    return _checked(mapping, pairs, text[at:pos]), pos + 1


def _flat_mapping(pairs_text: str, scalars: _Scalars) -> dict[Any, Any]:
    """The mapping of ``_FLAT_MAPPING``'s pairs: scalar keys, scalar values. (Each scalar is
    looked up in the memo here, a call saved for each of the many that are there.)"""
    pairs = _PAIR.findall(pairs_text)
    memo, scalar = scalars.memo, scalars.scalar
    mapping: dict[Any, Any] = {}
    for raw_key, raw_value in pairs:
        key = memo.get(raw_key, _MISSING)
        if key is _MISSING:
            key = scalar(raw_key)
        if (type(key) is not str and type(key) is not int) or key == "<<":
            raise _Decline  # as ``_is_key``, without a call
        value = memo.get(raw_value, _MISSING)
        mapping[key] = scalar(raw_value) if value is _MISSING else value
    return _checked(mapping, pairs, pairs_text)


def _checked(mapping: dict[Any, Any], pairs: list[Any], text: str) -> dict[Any, Any]:
    """A flow mapping read from ``pairs`` (each starting with its key as written, found in
    ``text``), declined if two of its keys are one: the same once read, or the
    same to the model (only a quoted key can be: looked for only if ``text`` has a quote,
    and there are two keys)."""
    if len(mapping) != len(pairs):
        raise _Decline  # a duplicate key
    quoted = len(pairs) > 1 and ('"' in text or "'" in text)
    if quoted and any(pair[0][0] in "\"'" for pair in pairs):
        _distinct(mapping)
    return mapping


def _flow_mapping(text: str, at: int, scalars: _Scalars, depth: int) -> tuple[Any, int]:
    """A flow mapping read token by token (its values may be collections)."""
    result: dict[Any, Any] = {}
    closed, pos = _opened(text, at, "}")
    while not closed:
        key, pos = _flow_item(text, pos, scalars, depth)
        if not _is_key(key) or key in result:
            raise _Decline  # a collection, number with a point or null as a key; a duplicate
        m = _FLOW_TOKEN.match(text, pos)
        if m is None or m.lastindex != 2:
            raise _Decline  # a key without a value
        result[key], pos = _flow_item(text, m.end(), scalars, depth)
        closed, pos = _after_entry(text, pos, "}")
        if closed:
            _distinct(result)
    return result, pos


def _flow_sequence(text: str, at: int, scalars: _Scalars, depth: int) -> tuple[Any, int]:
    """A flow sequence read token by token (its items may be collections)."""
    result: list[Any] = []
    closed, pos = _opened(text, at, "]")
    while not closed:
        value, pos = _flow_item(text, pos, scalars, depth)
        result.append(value)
        closed, pos = _after_entry(text, pos, "]")
    return result, pos


def _opened(text: str, at: int, closer: str) -> tuple[bool, int]:
    """After the bracket at ``at``: (True, the end) if ``closer`` follows it at once (an
    empty collection), else (False, where its first entry starts)."""
    m = _FLOW_TOKEN.match(text, at + 1)
    if m is None:
        raise _Decline  # the line ends inside the collection
    if m.group(1) == closer:
        return True, m.end()
    return False, at + 1


def _after_entry(text: str, pos: int, closer: str) -> tuple[bool, int]:
    """After an entry: (True, the end) at ``closer``, (False, the next entry) after a comma."""
    m = _FLOW_TOKEN.match(text, pos)
    if m is None:
        raise _Decline
    sep = m.group(1)
    if sep not in (closer, ","):
        raise _Decline  # a pair in a sequence, a missing comma, the wrong bracket
    return sep == closer, m.end()


def _flow_item(text: str, pos: int, scalars: _Scalars, depth: int) -> tuple[Any, int]:
    """The value whose token starts at ``pos`` (after spaces), and where it ends."""
    m = _FLOW_TOKEN.match(text, pos)
    if m is None:
        raise _Decline
    kind = m.lastindex
    if kind == 5:
        return scalars.plain(m.group(5).rstrip(" ")), m.end()
    if kind == 3:
        return _unescape(m.group(3)), m.end()
    if kind == 4:
        return m.group(4).replace("''", "'"), m.end()
    if kind == 1 and m.group(1) in "{[":
        return _collection(text, m.end() - 1, scalars, depth + 1)
    raise _Decline  # a separator where a value should be (an empty entry, a trailing comma)


def _flow_positions(text: str, at: Pos, loc: Loc, value: Any, positions: dict[Loc, Pos]) -> None:
    """Record where the keys and items of the flow collection ``value`` stand: ``text``
    starts with its bracket, which is on line ``at[0]`` after ``at[1]`` characters, and its
    place is ``loc``. The collection was read (so its tokens are known good); its keys are
    taken from ``value`` in the order they were written."""
    line, offset = at
    #: per open collection: its value, its place, its keys (a mapping) and the key whose
    #: value comes next, or its items' count (a sequence)
    stack: list[list[Any]] = []
    pos = 0
    while True:
        m = _FLOW_TOKEN.match(text, pos)
        if m is None:
            raise _Decline
        kind = m.lastindex
        pos = m.end()
        token = m.group(1) if kind == 1 else None
        if token in ("]", "}"):
            stack.pop()
            if not stack:
                return
            continue
        if token == "," or kind == 2:
            continue
        start = m.start(kind or 0) - (kind in {3, 4})  # a quoted scalar: its quote
        child: Any = None
        if not stack:
            child, child_loc = value, loc
        else:
            frame = stack[-1]
            container, where = frame[0], frame[1]
            if isinstance(container, dict):
                if frame[3] is _MISSING:  # a key
                    frame[3] = next(frame[2])
                    positions[(*where, frame[3])] = (line, offset + start + 1)
                    continue
                child, child_loc = container[frame[3]], (*where, frame[3])
                frame[3] = _MISSING
            else:
                child_loc = (*where, frame[2])
                child = container[frame[2]]
                positions[child_loc] = (line, offset + start + 1)
                frame[2] += 1
        if token is not None:  # an opening bracket
            keys = iter(child) if isinstance(child, dict) else 0
            stack.append([child, child_loc, keys, _MISSING])
