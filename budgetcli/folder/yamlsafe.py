"""Strict, safe YAML reading with a source position for every value.

PyYAML's loaders are generous in ways that hurt budget files: a duplicate key silently keeps
the last value, ``053026`` becomes the octal number 22038, ``no`` becomes ``False``, an alias
can expand into a billion values, and a tag can build Python objects. This module reads the
*event stream* of libyaml's C parser and builds plain values itself, so that it

* never constructs anything but ``dict``, ``list``, ``str``, ``int``, ``Decimal``, ``bool``
  and ``None`` (no float: a number with a dot is a ``Decimal``);
* refuses every tag, anchor and alias (so a "billion laughs" file costs nothing);
* refuses duplicate keys, YAML 1.1 booleans (``yes``/``no``/``on``/``off``), numbers with a
  leading zero or another ambiguous spelling, NaN and infinity;
* builds iteratively and stops at a fixed depth, so deep nesting cannot hit the recursion limit,
  and never lets libyaml's scanner reach its own limit (``_within_libyaml_limit``), so which
  libyaml is installed never changes what is refused or where;
* records the line and column of every key and item, keyed by its path from the root.

It reports all problems of a file at once, as ``Problem`` values; it never raises on bad input.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from budgetcli.core.diagnostics import Loc, Pos, Problem, Said, Severity, Source, said
from budgetcli.folder.yamlrules import MAX_DEPTH, Document, Refused, key_text, resolve_plain

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: how a problem is reported: at a line and column, by its rule, with its message
_Report = Callable[[Pos, str, Said], None]
#: how a problem is reported once a file: the same, after what it is about
_Once = Callable[[str, Pos, str, Said], None]


def _decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        before = data[line_start:start].removeprefix(b"\xef\xbb\xbf")
        col = len(before.decode("utf-8", errors="replace")) + 1  # characters, as libyaml counts
        bad = data[start : exc.end].hex(" ")
        msg = said("not valid UTF-8 (byte {byte}); save the file as UTF-8", byte=bad)
        return None, [_problem(path, (line, col), "encoding", msg)]


def _problem(path: str, pos: Pos, rule: str, message: Said) -> Problem:
    """An error of the file at ``pos``, its message a template (``core.diagnostics.said``)."""
    return Problem(path, pos[0], pos[1], Severity.ERROR, rule, message.english, message)


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


def _position(text: str, index: int) -> Pos:
    """The line and column of ``text[index]``."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_NO_KEY: Any = _Marker("<no key>")
_LAZY: Pos = (0, 0)  # a position not taken (positions are made on demand)
_DUPLICATE: Any = _Marker("<duplicate>")
_BAD: Any = _Marker("<refused value>")


class _Problems:
    """The problems of a file, in order. A rule of ``_ONCE`` is said at its first place, with
    a count of the rest: an alias bomb repeats the same refusal hundreds of times."""

    __slots__ = ("counts", "found", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self.found: list[Problem] = []
        self.counts: dict[str, int] = {}

    def report(self, pos: Pos, rule: str, message: Said) -> None:
        count = self.counts.get(rule, 0)
        self.counts[rule] = count + 1
        if rule in _ONCE and count:
            return
        self.found.append(_problem(self.path, pos, rule, message))

    def count_repeats(self) -> None:
        """Say how many more times each rule of ``_ONCE`` was broken, at its first problem."""
        for rule in _ONCE:
            extra = self.counts.get(rule, 0) - 1
            if extra > 0:
                for i, p in enumerate(self.found):
                    if p.rule == rule:
                        message = said(
                            "{message} ({extra} more in this file)",
                            message=p.said or p.message,
                            extra=extra,
                        )
                        self.found[i] = _problem(p.path, (p.line, p.col), p.rule, message)
                        break


@dataclass(slots=True)
class _Frame:
    """A collection the builder is inside of: one entry of its stack."""

    #: the value being built
    container: dict[Any, Any] | list[Any]
    #: its path from the root
    loc: Loc
    #: a line after the first of what is in it must be indented more than this: a block
    #: collection's column, a flow collection's block's (-1: not checked)
    indent: int
    #: written in brackets: ``[ ]`` or ``{ }``
    flow: bool
    #: the start of a flow collection that is not inside another (its lines are checked when it
    #: ends), else None
    outer: Any
    #: a mapping's key waiting for its value: ``_NO_KEY``, ``_DUPLICATE``, or the key
    key: Any = _NO_KEY
    #: a mapping's keys so far, as the model reads them (``key_text``): the line and spelling
    seen: dict[str, tuple[int, str]] = field(default_factory=dict)


class _Builder:
    """Turns parser events into plain values; collects problems instead of raising."""

    def __init__(self, path: str, positions: bool = True) -> None:
        self.source = Source(path)
        #: record where every key and item stands (else only where a problem is)
        self.positions = positions
        self._problems = _Problems(path)
        self.report = self._problems.report
        #: where a refused scalar stood; the model step skips errors there (already reported)
        self.refused: set[Loc] = set()
        self.root: Any = None
        self.stack: list[_Frame] = []

    @property
    def problems(self) -> list[Problem]:
        return self._problems.found

    def build(self, text: str) -> Any:
        whole, text = text, _within_libyaml_limit(text)
        _check_text(text, self.report)
        checks = _Checks(text, self.report)
        loader = _Loader(text)
        try:
            self._events(loader, checks)
        except _Stop:
            return None
        except yaml.YAMLError as exc:
            _report_error(exc, checks, self.report)
            return None
        finally:
            loader.dispose()
        if len(text) < len(whole):  # cut, and still read without error: refused all the same
            self.report(_position(whole, len(text) - 1), "too-deep", _TOO_DEEP)
            return None
        self._problems.count_repeats()
        return self.root

    def _events(self, loader: Any, checks: _Checks) -> None:
        """Build ``self.root`` from the parser's events."""
        documents = 0
        stack = self.stack
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        start_events = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
        end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        while loader.check_event():
            event: Any = loader.get_event()
            kind = type(event)
            if kind in end_events:
                frame = stack.pop()
                if frame.outer is not None:
                    checks.continuation(frame.outer, event.end_mark, frame.indent, frame.container)
                continue
            if kind is scalar_event or kind in start_events or kind is alias_event:
                self._node(event, kind, checks)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents == 2:
                    self.report(_pos(event.start_mark), "multiple-documents", _MULTIPLE)
                    return  # the first document is read; the rest is not ours to guess
        checks.finish()

    def _node(self, event: Any, kind: Any, checks: _Checks) -> None:
        """A node: a key (if the parent is a mapping waiting for one) or a value."""
        parent = self.stack[-1] if self.stack else None
        pos = _pos(event.start_mark) if self.positions else _LAZY
        if parent is not None and parent.key is _NO_KEY and isinstance(parent.container, dict):
            value = self._value(event, kind, checks, parent.indent, is_key=True)
            self._key(event, parent, value, pos, checks)
            return
        indent = -1 if parent is None else parent.indent
        value = self._value(event, kind, checks, indent, is_key=False)
        loc = self._place(parent, None if value is _BAD else value, pos)
        if value is _BAD:
            self.refused.add(loc)
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            flow = bool(event.flow_style)
            outer = event.start_mark if flow and (parent is None or not parent.flow) else None
            here = indent if flow else event.start_mark.column
            if event.anchor or event.tag:
                here = -1  # the mark is the tag's (reported), not the first key's: not checked
            self.stack.append(_Frame(value, loc, here, flow, outer))

    def _value(self, event: Any, kind: Any, checks: _Checks, indent: int, is_key: bool) -> Any:
        """A node's value: a scalar's, ``_BAD`` where it is refused (reported), or a new
        collection; a collection as a key, or too deep, stops the build."""
        if kind is yaml.ScalarEvent:
            checks.scalar(event, indent)
            return self._scalar_value(event)
        pos = _pos(event.start_mark)
        if kind is yaml.AliasEvent:
            self.report(
                pos,
                "alias",
                said("alias *{anchor} is not allowed; write the value out", anchor=event.anchor),
            )
            return _BAD  # reported; later steps skip this place
        self._node_props(event, pos)
        if is_key:
            self.report(pos, "complex-key", said("a key must be plain text or a number"))
            raise _Stop
        if len(self.stack) >= MAX_DEPTH:
            self.report(pos, "too-deep", _TOO_DEEP)
            raise _Stop
        return {} if kind is yaml.MappingStartEvent else []

    def _place(self, parent: _Frame | None, value: Any, pos: Pos) -> Loc:
        """Put a value in its place (the root, a mapping's waiting key, a sequence's end):
        where it is."""
        if parent is None:
            self.root = value
            if self.positions:
                self.source.positions[()] = pos
            return ()
        container = parent.container
        if isinstance(container, dict):
            key = parent.key
            parent.key = _NO_KEY
            if key is _DUPLICATE:
                return (*parent.loc, "<duplicate>")
            container[key] = value
            return (*parent.loc, key)
        loc = (*parent.loc, len(container))
        container.append(value)
        if self.positions:
            self.source.positions[loc] = pos
        return loc

    def _node_props(self, event: Any, pos: Pos) -> None:
        if getattr(event, "anchor", None):
            self.report(
                pos,
                "anchor",
                said(
                    "anchor &{anchor} is not allowed; write every value out in full",
                    anchor=event.anchor,
                ),
            )
        tag = getattr(event, "tag", None)
        if tag and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.report(pos, "tag", said("tag {tag} is not allowed; remove it", tag=shown))

    def _scalar_value(self, event: Any) -> Any:
        if event.anchor or event.tag:
            self._node_props(event, _pos(event.start_mark))
        value: Any = event.value
        if not event.style and not event.tag:
            try:
                value = resolve_plain(value)
            except Refused as exc:
                self.report(_pos(event.start_mark), exc.rule, exc.message)
                value = _BAD
        return value

    def _key(self, event: Any, parent: _Frame, value: Any, pos: Pos, checks: _Checks) -> None:
        raw = getattr(event, "value", "")
        if value is _BAD:
            value = raw  # already reported; keep going with the text
        if type(value) is not str and (type(value) is not int):
            here = _pos(event.start_mark)
            self.report(
                here, "bad-key", said("key {key} must be text or a whole number", key=repr(raw))
            )
            value = str(raw)
        if value == "<<":
            self.report(_pos(event.start_mark), "merge-key", _MERGE_KEY)
        if parent.flow and type(event) is yaml.ScalarEvent and checks.decimal_comma(event):
            self._refuse_last_value(parent)
            parent.key = _DUPLICATE  # ``-0,5``: the ``5`` is not a key of the mapping
            return
        shown = _spelling(event)
        same = key_text(value)
        first = parent.seen.get(same)
        if first is not None:
            message = _duplicate_key(value, shown, *first)
            self.report(_pos(event.start_mark), "duplicate-key", message)
            parent.key = _DUPLICATE
        else:
            parent.seen[same] = (event.start_mark.line + 1, shown)
            parent.key = value
            if self.positions:
                self.source.positions[(*parent.loc, value)] = pos

    def _refuse_last_value(self, parent: _Frame) -> None:
        """The last value of a mapping was reported (the model step skips its place)."""
        mapping = parent.container
        if isinstance(mapping, dict) and mapping:
            last = next(reversed(mapping))
            mapping[last] = None
            self.refused.add((*parent.loc, last))


def _duplicate_key(value: Any, shown: str, first_line: int, first_shown: str) -> Said:
    """The message for a key the model reads as one written before (on ``first_line``)."""
    if first_shown == shown:
        return said(
            "duplicate key '{key}' (first on line {line}); YAML would keep only the last one:"
            " remove or rename one",
            key=value,
            line=first_line,
        )
    return said(
        "duplicate key {key} (the same key as {first} on line {line}); only one would be kept:"
        " remove or rename one",
        key=shown,
        first=first_shown,
        line=first_line,
    )


def _report_error(exc: yaml.YAMLError, checks: _Checks, report: _Report) -> None:
    """The parser's error as a problem (a tab in the indentation: as the tab)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and checks.tab(mark):
            return
        where = _pos(mark) if mark is not None else (1, 1)
        what = exc.problem or "invalid YAML"
        context = f" {exc.context}" if exc.context else ""
        report(
            where, "syntax", said("YAML syntax error: {what}{context}", what=what, context=context)
        )
    elif isinstance(exc, yaml.reader.ReaderError):  # control characters and the like
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        report(
            _position(checks.text, min(exc.position, len(checks.text))),
            "syntax",
            said(
                "the character U+{code} is not allowed in YAML: remove it", code=f"{ord(char):04X}"
            ),
        )
    else:
        message = " ".join(str(exc).split())
        report((1, 1), "syntax", said("cannot read this file as YAML: {message}", message=message))


_TOO_DEEP = said("nesting deeper than {most} levels; this is not a budget file", most=MAX_DEPTH)
_MULTIPLE = said("more than one YAML document (---) in one file; put one proposal in each file")
_MERGE_KEY = said("merge keys (<<) are not allowed; write the keys out")


class _Stop(Exception):
    """The rest of the file is not read (reported: a complex key, too deep)."""


#: the rules said once per file, with a count of the rest
_ONCE = ("anchor", "alias", "tag", "explicit-key")
#: a ``#`` right after something that is not white space: in a scalar, or a comment that
#: libyaml takes and the YAML specification refuses (``"text"#comment``)
_GLUED_HASH = re.compile(r"(?<=[^ \t\r\n])#")
_SPACES = re.compile(r" *")
_INDENT = re.compile(r"[ \t]*")
_BLANK = re.compile(r"[ \t]*(?:\r?\n|\Z)")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*")
_DIGITS = re.compile(r"[0-9]+")
#: the number before ``,5`` of ``-0,5`` (the start of a value: after a space, ':' or '{')
_NUMBER_BEFORE = re.compile(r"(?:^|[ :{])([-+]?[0-9]+)\Z")
#: line breaks to YAML 1.1 (libyaml), text to YAML 1.2
_FOREIGN_BREAK = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {
    "\x85": said("next-line character (NEL, U+0085)"),
    "\u2028": said("line separator (U+2028)"),
    "\u2029": said("paragraph separator (U+2029)"),
}
TAB_MESSAGE = said("a tab in the indentation: indent with spaces (YAML does not allow tabs there)")


def _end(run: re.Pattern[str], text: str, at: int) -> int:
    """Where a run of ``run`` (which matches the empty text too) from ``at`` ends."""
    found = run.match(text, at)
    return at if found is None else found.end()


def _spelling(event: Any) -> str:
    """A key as it is written: ``2024``, ``"2024"``, ``'2024'``."""
    style = getattr(event, "style", None) or ""
    value = getattr(event, "value", "")
    return f"{style}{value}{style}" if style in ('"', "'") else value


def _check_text(text: str, report: _Report) -> None:
    """The checks of the whole text, before it is parsed: line breaks YAML tools disagree
    about, and '?' keys."""
    if not text.isascii():
        found = _FOREIGN_BREAK.search(text)
        if found is not None:
            name = _BREAK_NAMES[found.group()]
            report(
                _position(text, found.start()),
                "syntax",
                said(
                    "a {name}: YAML 1.1 tools (libyaml) read it as a line break, YAML 1.2 tools as"
                    " text; write an ordinary line break, or remove it",
                    name=name,
                ),
            )
    if "?" in text:
        _explicit_keys(text, report)


def _explicit_keys(text: str, report: _Report) -> None:
    """``? key`` and ``{ ?key: v }`` (libyaml reads the key ``key``, YAML 1.2 ``?key``):
    libyaml's key token is one character wide where a '?' makes it, empty elsewhere."""
    scanner = _Loader(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if type(token) is yaml.KeyToken and token.end_mark.index > token.start_mark.index:
                report(
                    _pos(token.start_mark),
                    "explicit-key",
                    said(
                        "the explicit key syntax (? key) is not used in budget files: write key:"
                        ' value, and quote a key that starts with ? ("?key")'
                    ),
                )
    except yaml.YAMLError:
        pass  # the parser reports it
    finally:
        scanner.dispose()


class _Comments:
    """Where a '#' stands glued to what is before it (``"text"#comment``), whether it is in a
    scalar (text) or outside every scalar (a comment the YAML specification refuses and
    libyaml takes). The parser's scalars are reported in order (``skip``); each '#' is
    decided when the parser has passed it."""

    __slots__ = ("comment_end", "hashes", "last_end", "next_hash", "once", "text")

    def __init__(self, text: str, once: _Once) -> None:
        self.text = text
        self.once = once
        self.hashes: Iterator[re.Match[str]] | None = (
            _GLUED_HASH.finditer(text) if "#" in text else None
        )
        #: where the next glued '#' not yet decided stands (-1: none)
        self.next_hash = self._next_hash()
        self.last_end = 0  # where the last scalar ended
        self.comment_end = 0  # where the comment that the last '#' looked at ends

    def _next_hash(self) -> int:
        found = next(self.hashes, None) if self.hashes is not None else None
        return -1 if found is None else found.start()

    def finish(self) -> None:
        """The text is parsed: every '#' left stands outside a scalar."""
        while self.next_hash >= 0:
            self.glued(self.next_hash)
            self.next_hash = self._next_hash()

    def glued(self, index: int) -> None:
        """A '#' outside every scalar: in a comment, or one that starts a comment."""
        if index < self.comment_end:
            return
        text = self.text
        line_start = text.rfind("\n", 0, index) + 1
        line_end = text.find("\n", index)
        self.comment_end = len(text) if line_end < 0 else line_end
        if text.find("#", max(line_start, self.last_end), index) >= 0:
            return  # a '#' in a comment
        self.hashes, self.next_hash = None, -1  # said once: no more to look for
        self.once(
            "comment",
            _position(text, index),
            "syntax",
            said(
                "a comment needs a space before its #: write ' #' (without one, YAML tools"
                " disagree about what the line means)"
            ),
        )

    def skip(self, start: int, end: int) -> None:
        """A scalar from ``start`` to ``end``: every '#' before it stands outside a scalar,
        those in it inside."""
        while 0 <= self.next_hash < start:
            self.glued(self.next_hash)
            self.next_hash = self._next_hash()
        if self.next_hash < 0:
            return
        while 0 <= self.next_hash < end:
            self.next_hash = self._next_hash()
        self.last_end = end


class _Checks:
    """What the YAML specification refuses, or reads otherwise, and libyaml takes: checked
    along the parser's events (each costs nothing in a file without the character it is
    about). Each problem is reported once a file: the first place says what to fix."""

    __slots__ = ("comments", "report", "said", "text")

    def __init__(self, text: str, report: _Report) -> None:
        self.text = text
        self.report = report
        self.said: set[str] = set()
        self.comments = _Comments(text, self.once)

    def once(self, what: str, pos: Pos, rule: str, message: Said) -> None:
        if what not in self.said:
            self.said.add(what)
            self.report(pos, rule, message)

    def finish(self) -> None:
        self.comments.finish()

    def scalar(self, event: Any, indent: int) -> None:
        start, end = event.start_mark, event.end_mark
        if event.style in ("|", ">"):
            self.block_scalar(start.index, end.index)
            return
        if self.comments.next_hash >= 0:
            self.comments.skip(start.index, end.index)
        if end.line != start.line:
            self.continuation(start, end, indent, event.style)

    def continuation(self, start: Any, end: Any, indent: int, what: Any) -> None:
        """The lines after the first of a flow collection or a scalar over several lines
        must be indented more than the block around it (libyaml takes a line at column 0,
        or a tab for the indentation). ``what``: the collection, or the scalar's style."""
        if indent < 0 or "continuation" in self.said:
            return
        text, need = self.text, indent + 1
        collection = isinstance(what, (dict, list))
        line = start.line + 1
        at = text.find("\n", start.index, end.index)
        while at >= 0:
            line += 1
            first = at + 1
            spaces = _end(_SPACES, text, first) - first
            char = text[first + spaces : first + spaces + 1]
            if spaces < need and char not in ("", "\r", "\n") and not (collection and char == "#"):
                if char == "\t" and _BLANK.match(text, first):
                    at = text.find("\n", first, end.index)
                    continue  # a line of white space only: YAML allows a tab there
                if char == "\t":
                    self.once("continuation", (line, spaces + 1), "yaml-tab", TAB_MESSAGE)
                    return
                kind = (
                    said("[ ] list")
                    if isinstance(what, list)
                    else said("{braces} mapping", braces="{ }")
                    if collection
                    else said("quoted text")
                    if what
                    else said("text")
                )
                message = (
                    said(
                        "this line goes on with the {kind} of line {line}: indent it by at least"
                        " {need} spaces, more than its key",
                        kind=kind,
                        line=start.line + 1,
                        need=need,
                    )
                    if need > 1
                    else said(
                        "this line goes on with the {kind} of line {line}: indent it by at least"
                        " {need} space, more than its key",
                        kind=kind,
                        line=start.line + 1,
                        need=need,
                    )
                )
                self.once("continuation", (line, spaces + 1), "syntax", message)
                return
            at = text.find("\n", first, end.index)

    def block_scalar(self, start: int, end: int) -> None:
        """A ``|`` or ``>`` block: its header, leading lines of spaces, the end of the file."""
        text = self.text
        header = _BLOCK_HEADER.match(text, start)
        head_end = header.end() if header is not None else start + 1
        if text[head_end : head_end + 1] == "#":
            self.comments.glued(head_end)
        if self.comments.next_hash >= 0:
            self.comments.skip(start, end)
        line_end = text.find("\n", head_end)
        if line_end < 0:
            return
        indicator = text[start]
        if header is None or not any(c.isdigit() for c in header.group()):
            self.leading_spaces(line_end + 1, indicator)
        last = text.rfind("\n") + 1
        if end >= last and last < len(text) and not text[last:].strip(" "):
            self.once(
                "block-end",
                _position(self.text, last),
                "syntax",
                said(
                    "the file ends in a line of spaces inside this block ({indicator}), without a"
                    " line break: YAML tools read it differently; remove the spaces",
                    indicator=indicator,
                ),
            )

    def leading_spaces(self, first: int, indicator: str) -> None:
        """A line of spaces before a block's first line may not be longer than that line's
        indentation (libyaml takes it; the YAML specification refuses it)."""
        text, longest, longest_at = self.text, 0, first
        while first < len(text):
            spaces = _end(_SPACES, text, first) - first
            char = text[first + spaces : first + spaces + 1]
            if char not in ("", "\r", "\n"):
                if longest > spaces:
                    self.once(
                        "block-spaces",
                        _position(self.text, longest_at),
                        "syntax",
                        said(
                            "this line of {longest} spaces, before the first line of the block"
                            " ({indicator}), is longer than the block's indentation ({spaces}):"
                            " remove the spaces",
                            longest=longest,
                            indicator=indicator,
                            spaces=spaces,
                        ),
                    )
                return
            if spaces > longest:
                longest, longest_at = spaces, first
            nl = text.find("\n", first)
            if nl < 0:
                return
            first = nl + 1

    def tab(self, mark: Any) -> bool:
        """A syntax error at a tab in the indentation (or at a tab) is reported as the tab."""
        text, index = self.text, mark.index
        line_start = text.rfind("\n", 0, index) + 1
        lead_end = _end(_INDENT, text, line_start)
        tab_at = text.find("\t", line_start, lead_end)
        if tab_at < 0 or index > lead_end:
            if text[index : index + 1] != "\t":
                return False
            tab_at = index
        self.report((mark.line + 1, tab_at - line_start + 1), "yaml-tab", TAB_MESSAGE)
        return True

    def decimal_comma(self, event: Any) -> bool:
        """``{2025: -0,5}``: a key ``5`` without a value, glued by a comma to a number."""
        text, start = self.text, event.start_mark.index
        if event.style or text[start - 1 : start] != "," or not _DIGITS.fullmatch(event.value):
            return False
        before = _NUMBER_BEFORE.search(text[max(0, start - 120) : start - 1])
        after = _end(_SPACES, text, event.end_mark.index)
        if before is None or text[after : after + 1] == ":":
            return False
        number = before.group(1)
        self.report(
            _position(self.text, start - 1 - len(number)),
            "decimal-comma",
            said(
                "{number},{decimals} is not a number: write {number}.{decimals} (in YAML a comma"
                " separates entries)",
                number=number,
                decimals=event.value,
            ),
        )
        return True


#: libyaml 0.2.6 refuses more than 1,000 flow levels in its scanner; a text cut at this level
#: never reaches that limit, and one that reaches it is far past budgetcli's ``MAX_DEPTH``
_CUT_LEVEL = 512
#: what PyYAML's pure-Python reader refuses anywhere in a text (libyaml: where it reaches it)
_UNPRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def _within_libyaml_limit(text: str) -> str:
    """The text libyaml is given: cut just after the bracket that opens flow level
    ``_CUT_LEVEL``, if one does.

    libyaml's scanner reads ahead of its parser within a line, to find the ':' of a possible
    key, and libyaml 0.2.6 (PyYAML 6.0.4) refuses flow nesting past 1,000 levels there on its
    own, where 0.2.5 reads on: ``[[[[…`` on one line would be a syntax error 1,000 brackets on
    with one libyaml and something else with the other. Cut below that limit, every libyaml
    reads the same text the same way, and a file with fewer levels than the cut is never
    touched. Only a line with ``_CUT_LEVEL`` brackets can get there (the builder stops at
    ``MAX_DEPTH`` levels, and the scanner is never more than a line ahead of it); such a text
    is scanned with PyYAML's pure-Python scanner, whose flow level can be watched as it reads
    (libyaml's cannot), up to the first character that reader would refuse.
    """
    if text.count("[") + text.count("{") < _CUT_LEVEL or all(
        line.count("[") + line.count("{") < _CUT_LEVEL for line in text.split("\n")
    ):
        return text
    unprintable = _UNPRINTABLE.search(text)
    scanner = yaml.SafeLoader(text[: unprintable.start()] if unprintable else text)
    try:
        while not scanner.done:
            scanner.fetch_more_tokens()
            if scanner.flow_level >= _CUT_LEVEL:
                return text[: scanner.index]
            scanner.tokens_taken += len(scanner.tokens)  # only the level is wanted: keep no
            scanner.tokens.clear()  # tokens (the count stays right for the scanner's keys)
    except yaml.YAMLError:
        # the pure-Python scanner refuses something first, which libyaml may read on (``|#``):
        # cut the first line that could get there after its ``_CUT_LEVEL``-th bracket, below
        # libyaml's limit whatever those brackets are (``build`` refuses a cut text)
        return _cut_by_count(text)
    return text


def _cut_by_count(text: str) -> str:
    start = 0
    for line in text.split("\n"):
        if line.count("[") + line.count("{") >= _CUT_LEVEL:
            seen = 0
            for i, ch in enumerate(line):
                seen += ch in "[{"
                if seen == _CUT_LEVEL:
                    return text[: start + i + 1]
        start += len(line) + 1
    return text


def load_text(text: str, path: str) -> Document:
    builder = _Builder(path, positions=False)
    value = builder.build(text)
    problems = builder.problems
    if value is None and not problems:
        problems = [_problem(path, (1, 1), "empty", said("the file is empty"))]

    builder.source.locate = functools.partial(_positions, text, path)
    return Document(value, builder.source, problems, frozenset(builder.refused))


def _positions(text: str, path: str) -> dict[Loc, Pos]:
    builder = _Builder(path, positions=True)
    builder.build(text)
    return builder.source.positions


def positions_of(data: bytes, path: str) -> dict[Loc, Pos]:
    """Where every key and item of a file stands (made on demand: see ``Source.locate``)."""
    text, _ = _decode(data, path)
    return _positions(text, path) if text is not None else {}


def load_bytes(data: bytes, path: str) -> Document:
    text, problems = _decode(data, path)
    if text is None:
        return Document(None, Source(path), problems)
    return load_text(text, path)
