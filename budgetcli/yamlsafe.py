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
from typing import Any

import yaml

from budgetcli.diagnostics import Loc, Pos, Problem, Severity, Source
from budgetcli.yamlrules import MAX_DEPTH, Document, Refused, resolve_plain

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


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
        msg = f"not valid UTF-8 (byte {bad}); save the file as UTF-8"
        return None, [Problem(path, line, col, Severity.ERROR, "encoding", msg)]


def _pos(mark: Any) -> Pos:
    return (mark.line + 1, mark.column + 1)


class _Builder:
    """Turns parser events into plain values; collects problems instead of raising."""

    def __init__(self, path: str, positions: bool = True) -> None:
        self.source = Source(path)
        #: record where every key and item stands (else only where a problem is)
        self.positions = positions
        self.problems: list[Problem] = []
        self._reported: dict[str, int] = {}
        #: where a refused scalar stood; the model step skips errors there (already reported)
        self.refused: set[Loc] = set()

    def report(self, pos: Pos, rule: str, message: str) -> None:
        # An alias-bomb repeats the same refusal hundreds of times: say it once with a count.
        count = self._reported.get(rule, 0)
        self._reported[rule] = count + 1
        if rule in ("anchor", "alias", "tag") and count:
            return
        self.problems.append(
            Problem(self.source.path, pos[0], pos[1], Severity.ERROR, rule, message)
        )

    def _node_props(self, event: Any, pos: Pos) -> None:
        if getattr(event, "anchor", None):
            self.report(
                pos,
                "anchor",
                f"anchor &{event.anchor} is not allowed; write every value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.report(pos, "tag", f"tag {shown} is not allowed; remove it")

    def build(self, text: str) -> Any:
        root: Any = None
        documents = 0
        # stack frames: [container, loc, pending_key, key_positions]
        stack: list[list[Any]] = []
        loader = _Loader(_within_libyaml_limit(text))
        try:
            record = self.positions
            positions = self.source.positions
            scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
            start_events = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
            end_events = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
            while loader.check_event():
                event: Any = loader.get_event()
                kind = type(event)
                if kind in end_events:
                    stack.pop()
                    continue
                if (
                    kind is not scalar_event
                    and kind not in start_events
                    and kind is not alias_event
                ):
                    if kind is yaml.DocumentStartEvent:
                        documents += 1
                        if documents == 2:
                            self.report(
                                _pos(event.start_mark),
                                "multiple-documents",
                                "more than one YAML document (---) in one file; "
                                "put one proposal in each file",
                            )
                            break  # the first document is read; the rest is not ours to guess
                    continue
                pos = _pos(event.start_mark) if record else _LAZY

                # A node: a key (if the parent is a mapping waiting for one) or a value.
                parent = stack[-1] if stack else None
                is_key = parent is not None and isinstance(parent[0], dict) and parent[2] is _NO_KEY
                if kind is scalar_event:
                    if event.anchor or event.tag:
                        self._node_props(event, _pos(event.start_mark))
                    value: Any = event.value
                    if not event.style and not event.tag:
                        try:
                            value = resolve_plain(value)
                        except Refused as exc:
                            self.report(_pos(event.start_mark), exc.rule, exc.message)
                            value = _BAD
                elif kind is alias_event:
                    self.report(
                        _pos(event.start_mark),
                        "alias",
                        f"alias *{event.anchor} is not allowed; write the value out",
                    )
                    value = _BAD  # reported; later steps skip this place
                else:
                    pos = _pos(event.start_mark)
                    self._node_props(event, pos)
                    if is_key:
                        self.report(pos, "complex-key", "a key must be plain text or a number")
                        return None
                    if len(stack) >= MAX_DEPTH:
                        self.report(
                            pos,
                            "too-deep",
                            f"nesting deeper than {MAX_DEPTH} levels; this is not a budget file",
                        )
                        return None
                    value = {} if kind is yaml.MappingStartEvent else []

                refused = value is _BAD
                stored = None if refused else value
                if parent is None:
                    root = stored
                    loc: Loc = ()
                    if record:
                        positions[()] = pos
                elif is_key:
                    raw = getattr(event, "value", "")
                    if refused:
                        value = raw  # already reported; keep going with the text
                    if type(value) is not str and (type(value) is not int):
                        here = _pos(event.start_mark)
                        self.report(here, "bad-key", f"key {raw!r} must be text or a whole number")
                        value = str(raw)
                    if value == "<<":
                        self.report(
                            _pos(event.start_mark),
                            "merge-key",
                            "merge keys (<<) are not allowed; write the keys out",
                        )
                    first_line = parent[3].get(value)
                    if first_line is not None:
                        self.report(
                            _pos(event.start_mark),
                            "duplicate-key",
                            f"duplicate key '{value}' (first on line {first_line}); "
                            "YAML would keep only the last one: remove or rename one",
                        )
                        parent[2] = _DUPLICATE
                    else:
                        parent[3][value] = event.start_mark.line + 1
                        parent[2] = value
                        if record:
                            positions[(*parent[1], value)] = pos
                    continue
                elif isinstance(parent[0], dict):
                    key = parent[2]
                    parent[2] = _NO_KEY
                    loc = (*parent[1], "<duplicate>" if key is _DUPLICATE else key)
                    if key is not _DUPLICATE:
                        parent[0][key] = stored
                else:
                    loc = (*parent[1], len(parent[0]))
                    parent[0].append(stored)
                    if record:
                        positions[loc] = pos
                if refused:
                    self.refused.add(loc)
                if kind is not scalar_event and kind is not alias_event:
                    stack.append([value, loc, _NO_KEY, {}])
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            where = _pos(mark) if mark is not None else (1, 1)
            what = exc.problem or "invalid YAML"
            context = f" {exc.context}" if exc.context else ""
            self.report(where, "syntax", f"YAML syntax error: {what}{context}")
            return None
        except yaml.YAMLError as exc:  # ReaderError: control characters and the like
            self.report((1, 1), "syntax", f"cannot read this file as YAML: {exc}")
            return None
        finally:
            loader.dispose()
        for rule in ("anchor", "alias", "tag"):
            extra = self._reported.get(rule, 0) - 1
            if extra > 0:
                for i, p in enumerate(self.problems):
                    if p.rule == rule:
                        self.problems[i] = Problem(
                            p.path,
                            p.line,
                            p.col,
                            p.severity,
                            p.rule,
                            f"{p.message} ({extra} more in this file)",
                        )
                        break
        return root


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
        pass  # an error comes first: libyaml reports it as it stands
    return text


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


_NO_KEY: Any = _Marker("<no key>")
_LAZY: Pos = (0, 0)  # a position not taken (positions are made on demand)
_DUPLICATE: Any = _Marker("<duplicate>")
_BAD: Any = _Marker("<refused value>")


def load_text(text: str, path: str) -> Document:
    builder = _Builder(path, positions=False)
    value = builder.build(text)
    problems = builder.problems
    if value is None and not problems:
        problems = [Problem(path, 1, 1, Severity.ERROR, "empty", "the file is empty")]

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
