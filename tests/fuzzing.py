"""Mutants of the bundled data files, and the properties every run of budgetcli on them must hold.

Used by ``tests/test_fuzz.py`` (a bounded, seeded run in CI) and ``benchmarks/fuzz.py`` (a
longer campaign). A mutant is one file of a copy of ``data/`` replaced by a mutated version;
``make_mutant(kind, mutator, seed)`` builds the same bytes every time, so a failure is
reproduced from the three values its message prints.

A mutator returns the new bytes and what is expected of them:

* ``"refuse"``: the file is invalid whatever reads it (a NUL byte, a YAML anchor, ``1_000``
  as an amount, a duplicated key, a ragged CSV row …): ``validate`` exits 1 with an error that
  names the mutated file;
* ``"same"``: the file means what the original means (CRLF, a BOM, a comment, ``;`` as the CSV
  separator …): it is read to the same figures (``summary`` and ``forecast`` JSON equal to
  the original's, the same warnings) or refused with an error naming the file, never misread;
* ``""``: anything goes, as long as no run crashes, hangs or disagrees with ``validate``.
"""

from __future__ import annotations

import faulthandler
import json
import random
import re
import resource
import shutil
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.folder.listing import display_path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"

#: the file kinds, each with the bundled files of that kind (paths inside the data folder)
KINDS: dict[str, tuple[str, ...]] = {
    "areas": ("areas.yaml",),
    "rules": ("rules/refusion.yaml",),
    "proposal": tuple(f"proposals/{p.name}" for p in sorted((DATA / "proposals").glob("*.yaml"))),
    "forecast": tuple(f"forecasts/{p.name}" for p in sorted((DATA / "forecasts").glob("*.yaml"))),
    "register": tuple(f"forecasts/{p.name}" for p in sorted((DATA / "forecasts").glob("*.csv"))),
    "appropriations": tuple(
        f"appropriations/{p.name}" for p in sorted((DATA / "appropriations").glob("*.yaml"))
    ),
    "followup": tuple(f"followups/{p.name}" for p in sorted((DATA / "followups").glob("*.yaml"))),
}
#: the kinds whose mutants also run ``forecast``
FORECAST_KINDS = ("rules", "forecast", "register")
#: the kinds whose mutants also run ``followup`` (its figures come from these files); the
#: spending export is the reader's own property tests' (tests/test_spending.py: any bytes)
FOLLOWUP_KINDS = ("rules", "forecast", "register", "appropriations", "followup")
#: seconds a mutant may take for all its commands before it counts as a hang
DEADLINE = 5.0
#: seconds after which a mutant stuck where no signal reaches (C code) ends the process
HARD_DEADLINE = 30.0

Outcome = tuple[bytes | None, str]  # the new content (None: make it a directory), the expectation
Mutator = Callable[[bytes, random.Random], Outcome | None]  # None: does not apply to this file


@dataclass(frozen=True)
class Mutant:
    kind: str
    mutator: str
    seed: int
    relpath: str
    content: bytes | None
    expect: str

    def describe(self) -> str:
        shown = "a directory" if self.content is None else repr(self.content[:300])
        size = "" if self.content is None else f" ({len(self.content)} bytes)"
        return (
            f"kind={self.kind} mutator={self.mutator} seed={self.seed} file={self.relpath}"
            f" expect={self.expect or 'no crash'}{size}\n  first 300 bytes: {shown}\n"
            f"  reproduce: python benchmarks/fuzz.py --only {self.kind}:{self.mutator}:{self.seed}"
        )


# --- the structure of a YAML file, as far as mutators need it ---------------------------------


BLOCK_SCALAR = re.compile(r"(?:^|[:\-]\s)\s*[|>][-+]?\s*(?:#.*)?$")
KEY_LINE = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*):(?:\s|$)")
VALUE_START = re.compile(r"^(\s*(?:- )?(?:[A-Za-z_][A-Za-z0-9_]*:\s+)?)(\S)")
NUMBER_VALUE = re.compile(r"(?:(?<=: )|(?<=[\[{])|(?<=, ))(-?\d+(?:\.\d+)?)(?=[,\]}]|\s*$|\s+#)")
DATE_VALUE = re.compile(r"(?<=: )(\d{4}-\d\d-\d\d)(?=\s*$|[,}])")


@dataclass(frozen=True)
class Line:
    text: str
    content: bool  # not blank, not a comment, not inside a block scalar


def yaml_lines(text: str) -> list[Line]:
    """The lines (without their ends), each marked whether it is YAML structure."""
    out: list[Line] = []
    block_indent: int | None = None
    for raw in text.split("\n"):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip(" "))
        if block_indent is not None and (not stripped or indent > block_indent):
            out.append(Line(raw, False))
            continue
        block_indent = None
        content = bool(stripped) and not stripped.startswith("#")
        if content and BLOCK_SCALAR.search(raw):
            block_indent = indent
        out.append(Line(raw, content))
    return out


def _join(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8")


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _raw_lines(data: bytes) -> tuple[list[Line], list[str]] | None:
    """A YAML file's lines and their text, for a mutator to edit (``None``: not UTF-8)."""
    text = _text(data)
    if text is None:
        return None
    lines = yaml_lines(text)
    return lines, [ln.text for ln in lines]


def _outside_quotes(line: str, pos: int) -> bool:
    before = line[:pos]
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0 and "#" not in before


def _content_indices(lines: list[Line], pattern: re.Pattern[str] | None = None) -> list[int]:
    return [
        i for i, ln in enumerate(lines) if ln.content and (not pattern or pattern.search(ln.text))
    ]


def _structure(data: bytes) -> tuple[list[str], list[int]] | None:
    """A YAML file's lines as text, and which of them are its structure (``None``: not
    UTF-8, or no structure to mutate)."""
    if (read := _raw_lines(data)) is None:
        return None
    lines, raw = read
    spots = _content_indices(lines)
    return (raw, spots) if spots else None


Hit = tuple[int, re.Match[str]]  # a line's index, and a match on it


def _hits(
    data: bytes,
    pattern: re.Pattern[str],
    keep: Callable[[str, re.Match[str]], bool] = lambda line, m: True,
    *,
    at_start: bool = False,
) -> tuple[list[str], list[Hit]] | None:
    """A YAML file's lines as text, and each match of ``pattern`` on a line of its structure
    that ``keep(line, match)`` keeps (``at_start``: the one match at the line's start);
    ``None``: not UTF-8, or no match."""
    if (read := _structure(data)) is None:
        return None
    raw, spots = read
    found = []
    for i in spots:
        matches = [pattern.match(raw[i])] if at_start else pattern.finditer(raw[i])
        found += [(i, m) for m in matches if m is not None and keep(raw[i], m)]
    return (raw, found) if found else None


def _replaced(raw: list[str], hit: Hit, new: str, group: int = 0) -> bytes:
    """The file with the text ``hit`` matched (its ``group``) replaced by ``new``."""
    i, m = hit
    raw[i] = raw[i][: m.start(group)] + new + raw[i][m.end(group) :]
    return _join(raw)


# --- mutators for every kind (bytes) ---------------------------------------------------------


def flip_bit(data: bytes, rng: random.Random) -> Outcome | None:
    if not data:
        return None
    b = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    return bytes(b), ""


def random_bytes(data: bytes, rng: random.Random) -> Outcome | None:
    pos = rng.randrange(len(data) + 1)
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return data[:pos] + junk + data[pos + rng.randint(0, 4) :], ""


def truncate(data: bytes, rng: random.Random) -> Outcome | None:
    """Cut at a kind of point: anywhere, at a line end, after a colon or comma, inside a quoted
    text, inside a flow collection, in the middle of a multi-byte character."""
    points = {
        "anywhere": list(range(1, len(data))),
        "line": [m.end() for m in re.finditer(rb"\n", data)],
        "colon": [m.end() for m in re.finditer(rb"[:,]", data)],
        "quote": [m.start() + 1 for m in re.finditer(rb'"[^"\n]+"', data)],
        "flow": [m.start() + 1 for m in re.finditer(rb"[{\[][^}\]\n]+[}\]]", data)],
        "utf8": [i + 1 for i, c in enumerate(data) if c >= 0xC0],
    }
    choices = [v for v in points.values() if v]
    return data[: rng.choice(rng.choice(choices))], ""


def bom(data: bytes, rng: random.Random) -> Outcome | None:
    return b"\xef\xbb\xbf" + data, "same"


def double_bom(data: bytes, rng: random.Random) -> Outcome | None:
    return b"\xef\xbb\xbf\xef\xbb\xbf" + data, ""


def crlf(data: bytes, rng: random.Random) -> Outcome | None:
    return data.replace(b"\n", b"\r\n"), "same"


def lone_cr(data: bytes, rng: random.Random) -> Outcome | None:
    return data.replace(b"\n", b"\r"), "same"


def mixed_line_ends(data: bytes, rng: random.Random) -> Outcome | None:
    parts = data.split(b"\n")
    ends = [rng.choice([b"\n", b"\r\n"]) for _ in parts[1:]]
    return parts[0] + b"".join(e + p for e, p in zip(ends, parts[1:], strict=True)), "same"


def no_final_newline(data: bytes, rng: random.Random) -> Outcome | None:
    return (data.rstrip(b"\n"), "same") if data.endswith(b"\n") else None


def nul_byte(data: bytes, rng: random.Random) -> Outcome | None:
    pos = rng.randrange(len(data) + 1)
    return data[:pos] + b"\x00" + data[pos:], "refuse"


def invalid_utf8(data: bytes, rng: random.Random) -> Outcome | None:
    pos = rng.randrange(len(data) + 1)
    while 0 < pos < len(data) and 0x80 <= data[pos] < 0xC0:  # not inside a character
        pos -= 1
    bad = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80"])
    return data[:pos] + bad + data[pos:], "refuse"


def latin1(data: bytes, rng: random.Random) -> Outcome | None:
    """Saved by a tool that writes Latin-1 / cp1252 (Excel): æ, ø, å, § are not UTF-8 any more."""
    text = _text(data)
    if text is None or text.isascii():
        return None
    return text.encode("cp1252", errors="replace"), "refuse"


def utf16(data: bytes, rng: random.Random) -> Outcome | None:
    text = _text(data)
    return (text.encode(rng.choice(["utf-16", "utf-16-be"])), "same") if text else None


def hostile_file(data: bytes, rng: random.Random) -> Outcome | None:
    """Not a content mutation: empty, blank, only NULs, only a comment, a directory."""
    kind = rng.choice(["empty", "blank", "nul", "comment", "directory", "bom-only"])
    contents: dict[str, Outcome] = {
        "empty": (b"", "refuse"),
        "blank": (b"\n \n\t\n", "refuse"),
        "nul": (b"\x00" * rng.choice([1, 64, 4096]), "refuse"),
        "comment": (b"# nothing here\n", "refuse"),
        "directory": (None, ""),
        "bom-only": (b"\xef\xbb\xbf", "refuse"),
    }
    return contents[kind]


def long_line(data: bytes, rng: random.Random) -> Outcome | None:
    """A 200 KB line: a comment (``same``), or inserted into a value (anything goes)."""
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    filler = rng.choice([b"x", b"9", b"\xc3\xb8", b"a,", b'"'])
    if rng.random() < 0.3:
        return b"\n".join([*lines[:i], b"# " + b"x" * 200_000, *lines[i:]]), ""
    cut = rng.randrange(len(lines[i]) + 1)
    lines[i] = lines[i][:cut] + filler * (200_000 // len(filler)) + lines[i][cut:]
    return b"\n".join(lines), ""


def delete_lines(data: bytes, rng: random.Random) -> Outcome | None:
    lines = data.split(b"\n")
    i = rng.randrange(len(lines))
    del lines[i : i + rng.choice([1, 1, 2, 5])]
    return b"\n".join(lines), ""


def swap_lines(data: bytes, rng: random.Random) -> Outcome | None:
    lines = data.split(b"\n")
    if len(lines) < 2:
        return None
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines), ""


BYTE_MUTATORS: dict[str, Mutator] = {
    "flip_bit": flip_bit,
    "random_bytes": random_bytes,
    "truncate": truncate,
    "bom": bom,
    "double_bom": double_bom,
    "crlf": crlf,
    "lone_cr": lone_cr,
    "mixed_line_ends": mixed_line_ends,
    "no_final_newline": no_final_newline,
    "nul_byte": nul_byte,
    "invalid_utf8": invalid_utf8,
    "latin1": latin1,
    "utf16": utf16,
    "hostile_file": hostile_file,
    "long_line": long_line,
    "delete_lines": delete_lines,
    "swap_lines": swap_lines,
}


# --- mutators for YAML files ------------------------------------------------------------------


def duplicate_line(data: bytes, rng: random.Random) -> Outcome | None:
    """A line duplicated; a key line (``key: …`` of a block mapping) is then a duplicate key."""
    text = _text(data)
    if text is None:
        return None
    lines = yaml_lines(text)
    i = rng.randrange(len(lines))
    raw = [ln.text for ln in lines]
    raw.insert(i, raw[i])
    is_key = lines[i].content and KEY_LINE.match(lines[i].text) is not None
    return _join(raw), "refuse" if is_key else ""


def reindent(data: bytes, rng: random.Random) -> Outcome | None:
    text = _text(data)
    if text is None:
        return None
    lines = yaml_lines(text)
    indented = [i for i in _content_indices(lines) if lines[i].text.startswith(" ")]
    if not indented:
        return None
    raw = [ln.text for ln in lines]
    i = rng.choice(indented)
    body = raw[i].lstrip(" ")
    width = len(raw[i]) - len(body)
    how = rng.choice(["tab", "tabs", "more", "less", "tab-after-spaces"])
    if how == "tab":
        raw[i] = "\t" + body
    elif how == "tabs":
        raw[i] = "\t" * (width // 2) + body
    elif how == "tab-after-spaces":
        raw[i] = " " * (width - 1) + "\t" + body
    else:
        raw[i] = " " * max(0, width + rng.choice([1, 2, 4] if how == "more" else [-1, -2])) + body
    return _join(raw), "same" if how.startswith("tab") else ""


def trailing_space(data: bytes, rng: random.Random) -> Outcome | None:
    if (read := _raw_lines(data)) is None:
        return None
    lines, raw = read
    for i in _content_indices(lines):
        if rng.random() < 0.5:
            raw[i] += rng.choice([" ", "  ", "\t", " \t "])
    return _join(raw), "same"


def insert_comment(data: bytes, rng: random.Random) -> Outcome | None:
    """Blank lines and comments where YAML structure is (never inside a block scalar)."""
    if (read := _structure(data)) is None:
        return None
    raw, spots = read
    i = rng.choice(spots)
    indent = raw[i][: len(raw[i]) - len(raw[i].lstrip(" "))]
    how = rng.choice(["blank", "comment", "end-comment"])
    if how == "end-comment" and not BLOCK_SCALAR.search(raw[i]) and "#" not in raw[i]:
        raw[i] += rng.choice([" # kommentar", "  # tjek: 1.200?", "\t# x"])
    elif how == "comment":
        raw.insert(i, indent + rng.choice(["# kommentar", "#", "# - {type: saving}"]))
    else:
        raw.insert(i, rng.choice(["", "   "]))
    return _join(raw), "same"


#: what insert_syntax puts before a value, and whether the file must then be refused
SYNTAX_TOKENS: dict[str, str] = {
    "&a ": "refuse",
    "*a ": "refuse",
    "*a": "refuse",
    "!!python/object:os.system ": "refuse",
    "!!python/name:os.system ": "refuse",
    "!!str ": "refuse",
    "!!int ": "refuse",
    "!foo ": "refuse",
    "? ": "",
    "{": "",
    "[": "",
    "# ": "",
    '"': "",
    "'": "",
    "| ": "",
    "> ": "",
    "<<: ": "",
    "- ": "",
    "@": "",
    "`": "",
    "%": "",
}
#: lines insert_syntax puts between lines (after the first key): ---, ... are refused
SYNTAX_LINES: dict[str, str] = {
    "---": "refuse",
    "--- ": "refuse",
    "...": "refuse",
    "%YAML 1.2": "",
    "%TAG ! tag:example.com,2000:": "",
    "<<: {id: x}": "refuse",
    "? complex": "",
}


def insert_syntax(data: bytes, rng: random.Random) -> Outcome | None:
    if (read := _structure(data)) is None:
        return None
    raw, spots = read
    if rng.random() < 0.3:
        first = spots[0]
        after = [i for i in spots if i > first]
        if not after:
            return None
        token, expect = rng.choice(sorted(SYNTAX_LINES.items()))
        raw.insert(rng.choice(after), token)
        return _join(raw), expect
    i = rng.choice(spots)
    token, expect = rng.choice(sorted(SYNTAX_TOKENS.items()))
    starts = [m.start(2) for m in [VALUE_START.match(raw[i])] if m]
    starts += [
        m.end() for m in re.finditer(r"(?:[{\[]|, |: )", raw[i]) if _outside_quotes(raw[i], m.end())
    ]
    pos = rng.choice(starts) if starts else 0
    if starts and pos != starts[0] and "{" not in raw[i] and "[" not in raw[i]:
        expect = ""  # after ", " in plain text (`source: a, b`) a token is just more text
    raw[i] = raw[i][:pos] + token + raw[i][pos:]
    return _join(raw), expect


def anchor_alias(data: bytes, rng: random.Random) -> Outcome | None:
    """An anchor on one value and its alias for another: both must be refused."""
    read = _hits(data, VALUE_START, lambda _, m: m.group(1).rstrip().endswith(":"), at_start=True)
    if read is None or len(read[1]) < 2:
        return None
    raw, found = read
    (i, mi), (j, mj) = sorted(rng.sample(found, 2), key=lambda x: x[0])
    raw[j] = raw[j][: mj.start(2)] + "*v"
    raw[i] = raw[i][: mi.start(2)] + "&v " + raw[i][mi.start(2) :]
    return _join(raw), "refuse"


def deep_nesting(data: bytes, rng: random.Random) -> Outcome | None:
    if (read := _hits(data, VALUE_START, at_start=True)) is None:
        return None
    raw, found = read
    i, m = rng.choice(found)
    depth = rng.choice([33, 100, 1000, 10_000])
    value = rng.choice(
        [
            "[" * depth + "]" * depth,
            "[" * depth,
            "{a: " * depth + "}" * depth,
            "[{" * depth,
        ]
    )
    raw[i] = raw[i][: m.start(2)] + value
    return _join(raw), "refuse"


#: boundary numbers, and whether one in place of an amount must be refused
NUMBERS: dict[str, str] = {
    "0": "",
    "-0": "",
    "+0": "",
    "1e309": "refuse",
    "1e3": "refuse",
    "-1e-309": "refuse",
    "9" * 5000: "refuse",
    "-" + "9" * 101: "refuse",
    "9" * 99: "",
    ".nan": "refuse",
    ".inf": "refuse",
    "-.Inf": "refuse",
    "0x1F": "refuse",
    "0o17": "refuse",
    "0b101": "refuse",
    "1_000": "refuse",
    "1.200": "refuse",
    "1,200": "refuse",
    "-0,5": "refuse",
    "–300": "refuse",
    "−300": "refuse",
    "-1 000": "refuse",
    "1 000": "refuse",
    "12:30": "refuse",
    "0300": "refuse",
    "3.0": "refuse",
    "36000²": "refuse",
    "٣٠٠": "refuse",
    "2**31": "refuse",
    "null": "",
    "~": "",
    "true": "refuse",
    "yes": "refuse",
    "Off": "refuse",
    '"300"': "refuse",
    "'-5'": "refuse",
}


def replace_number(data: bytes, rng: random.Random) -> Outcome | None:
    read = _hits(data, NUMBER_VALUE, lambda line, m: _outside_quotes(line, m.start()))
    if read is None:
        return None
    raw, found = read
    i, _ = hit = rng.choice(found)
    new, expect = rng.choice(sorted(NUMBERS.items()))
    if "fte" in raw[i] and new in ("1.200", "3.0", "-0,5"):
        expect = ""  # an FTE may have decimals: 1.200 and 3.0 are FTE figures
    if "rate" in raw[i] and new in ("3.0",):
        expect = "refuse"  # a rate above 1
    return _replaced(raw, hit, new), expect


#: dates in forms other than ISO YYYY-MM-DD: each must be refused (the quoted ISO one aside)
DATES: dict[str, str] = {
    "22-06-2023": "refuse",
    "22.06.2023": "refuse",
    "22/06/2023": "refuse",
    "2023/06/22": "refuse",
    "2023-6-22": "refuse",
    "22-6-23": "refuse",
    "20230622": "refuse",
    "1687392000": "refuse",
    "2023-06-22T10:00:00": "refuse",
    "2023-06-22 10:00": "refuse",
    "2023-02-30": "refuse",
    "2023-13-01": "refuse",
    "0000-01-01": "refuse",
    "22. juni 2023": "refuse",
    "juni 2023": "refuse",
    "2023-06-22Z": "refuse",
}


def replace_date(data: bytes, rng: random.Random) -> Outcome | None:
    if (read := _hits(data, DATE_VALUE)) is None:
        return None
    raw, found = read
    hit = rng.choice(found)
    new, expect = rng.choice(sorted(DATES.items()))
    return _replaced(raw, hit, new), expect


#: words of a closed vocabulary, by the key they belong to, and words that are not in it
WORDS: dict[str, tuple[str, ...]] = {
    "status": ("vedtaget", "forslag", "godkendt", "afvist", "realiseret", "foreslået", "adopt"),
    "type": ("besparelse", "investering", "savings", "Besparelsespotentiale"),
    "service_frame": ("indenfor", "udenfor", "inden for servicerammen", "in"),
    "compute": ("eksisterende", "tilgang", "refusions", "existing-cases"),
    # the year after adoption: a follow-up's frame and realisation, a change's kind
    "frame": ("indenfor", "anlæg", "service", "in"),
    "realised": ("fuldt", "delvist", "ja", "partial"),
    "kind": ("tillægsbevilling", "omplacering", "supplement", "overfoersel"),
}
VOCAB = re.compile(r"(?:^|[\s{,])(status|type|service_frame|compute|frame|realised|kind): ([a-z]+)")


def replace_word(data: bytes, rng: random.Random) -> Outcome | None:
    """A closed-vocabulary word in Danish, misspelt (refused), or in other case (same/refused)."""
    if (read := _hits(data, VOCAB)) is None:
        return None
    raw, found = read
    _, m = hit = rng.choice(found)
    word = m.group(2)
    if rng.random() < 0.3:
        new, expect = rng.choice([word.upper(), word.capitalize(), f'" {word} "']), "same"
    else:
        new, expect = rng.choice(WORDS[m.group(1)]), "refuse"
    return _replaced(raw, hit, new, 2), expect


def rename_key(data: bytes, rng: random.Random) -> Outcome | None:
    """A key misspelt (every mapping of the format is closed: refused)."""
    scenario = ("low", "high", "base")
    read = _hits(data, KEY_LINE, lambda _, m: m.group(2) not in scenario, at_start=True)
    if read is None:
        return None
    raw, found = read
    _, m = hit = rng.choice(found)
    key = m.group(2)
    new = rng.choice([key.capitalize(), key + "s", key[:-1], key.replace("_", "-"), key.upper()])
    if new == key:
        return None
    return _replaced(raw, hit, new, 2), "refuse"


YAML_MUTATORS: dict[str, Mutator] = {
    **BYTE_MUTATORS,
    "duplicate_line": duplicate_line,
    "reindent": reindent,
    "trailing_space": trailing_space,
    "insert_comment": insert_comment,
    "insert_syntax": insert_syntax,
    "anchor_alias": anchor_alias,
    "deep_nesting": deep_nesting,
    "replace_number": replace_number,
    "replace_date": replace_date,
    "replace_word": replace_word,
    "rename_key": rename_key,
}


# --- mutators for CSV case registers ----------------------------------------------------------


def _rows(data: bytes) -> list[str] | None:
    text = _text(data)
    return None if text is None else text.rstrip("\n").split("\n")


def _csv(rows: list[str]) -> bytes:
    return ("\n".join(rows) + "\n").encode("utf-8")


def _a_row(data: bytes, rng: random.Random) -> tuple[list[str], int, list[str]] | None:
    """A register's rows, one of its data rows picked, and that row's fields (``None``: not
    UTF-8, or no data row)."""
    rows = _rows(data)
    if rows is None or len(rows) < 2:
        return None
    i = rng.randrange(1, len(rows))
    return rows, i, rows[i].split(",")


def _with_row(rows: list[str], i: int, fields: list[str]) -> bytes:
    """The register with row ``i`` made of ``fields``."""
    rows[i] = ",".join(fields)
    return _csv(rows)


def csv_separator(data: bytes, rng: random.Random) -> Outcome | None:
    """All commas another separator (same), or one row's only (refused: a ragged row)."""
    rows = _rows(data)
    if rows is None or any(c in data for c in b'";\t|'):
        return None
    sep = rng.choice([";", "\t", "|", ", "])
    if rng.random() < 0.5 and sep in (";", "\t"):
        return _csv([r.replace(",", sep) for r in rows]), "same"
    i = rng.randrange(1, len(rows))
    rows[i] = rows[i].replace(",", sep)
    return _csv(rows), "refuse" if sep in (";", "\t", "|") else ""


def csv_quote(data: bytes, rng: random.Random) -> Outcome | None:
    """Every field quoted (same), or an opening quote that is never closed (refused)."""
    rows = _rows(data)
    if rows is None or b'"' in data:
        return None
    if rng.random() < 0.4:
        return _csv([",".join(f'"{f}"' for f in r.split(",")) for r in rows]), "same"
    i = rng.randrange(len(rows))
    fields = rows[i].split(",")
    j = rng.randrange(len(fields))
    fields[j] = '"' + fields[j]
    return _with_row(rows, i, fields), "refuse"


def csv_ragged(data: bytes, rng: random.Random) -> Outcome | None:
    """A row with a field too few or too many (refused: no field silently lost or made up)."""
    if (picked := _a_row(data, rng)) is None:
        return None
    rows, i, fields = picked
    if rng.random() < 0.5:
        fields.pop(rng.randrange(len(fields)))
    else:
        fields.insert(rng.randrange(len(fields) + 1), rng.choice(["", "x", "123"]))
    return _with_row(rows, i, fields), "refuse"


#: annual costs: every one but 0 must be refused
COSTS = (
    "36000²",
    "٣٦٠٠٠٠",
    "1.200",
    "1 200",
    "1,200",
    "-0",
    "+5",
    "-5",
    "0360000",
    "1e6",
    "360000.0",
    "360.000",
    "9" * 5000,
    "9" * 101,
    "",
    " ",
    "nan",
    "0x1F",
    "1_000",
    "kr. 300",
    "300 kr.",
    "–300",
)


def csv_number(data: bytes, rng: random.Random) -> Outcome | None:
    if (picked := _a_row(data, rng)) is None:
        return None
    rows, i, fields = picked
    header = rows[0].split(",")
    if "annual_cost" not in header or len(fields) != len(header):
        return None
    col = header.index("annual_cost")
    fields[col] = rng.choice(COSTS)
    quoted = "," in fields[col] or " " in fields[col]
    if quoted:
        fields[col] = f'"{fields[col]}"'
    return _with_row(rows, i, fields), "refuse"


def csv_date(data: bytes, rng: random.Random) -> Outcome | None:
    rows = _rows(data)
    if rows is None or len(rows) < 2:
        return None
    header = rows[0].split(",")
    cols = [c for c in ("start", "end") if c in header]
    if not cols:
        return None
    col = header.index(rng.choice(cols))
    i = rng.randrange(1, len(rows))
    fields = rows[i].split(",")
    if len(fields) != len(header) or (col == header.index("end") and not fields[col]):
        col = header.index("start")
    fields[col] = rng.choice([d for d in DATES if "," not in d])
    return _with_row(rows, i, fields), "refuse"


def csv_header(data: bytes, rng: random.Random) -> Outcome | None:
    """A column name changed: unknown, missing, duplicated (refused); other case or padded
    with spaces (same or refused)."""
    rows = _rows(data)
    if rows is None:
        return None
    header = rows[0].split(",")
    j = rng.randrange(len(header))
    how = rng.choice(["case", "space", "unknown", "duplicate", "drop", "reorder"])
    if how == "case":
        header[j], expect = header[j].upper(), "same"
    elif how == "space":
        header[j], expect = f" {header[j]} ", "same"
    elif how == "unknown":
        header[j], expect = header[j] + "x", "refuse"
    elif how == "duplicate":
        header[j], expect = header[(j + 1) % len(header)], "refuse"
    elif how == "drop":
        return _csv(rows[1:]), "refuse"
    else:  # the columns in another order, the rows too: the same register
        order = list(range(len(header)))
        rng.shuffle(order)
        table = [r.split(",") for r in rows]
        if any(len(t) != len(header) for t in table):
            return None
        return _csv([",".join(t[k] for k in order) for t in table]), "same"
    rows[0] = ",".join(header)
    return _csv(rows), expect


def csv_rows(data: bytes, rng: random.Random) -> Outcome | None:
    """Rows swapped (same), a row duplicated (refused: a case id twice), blank lines (same or
    refused), a row deleted or only the header kept (anything goes)."""
    rows = _rows(data)
    if rows is None or len(rows) < 3:
        return None
    body = rows[1:]
    how = rng.choice(["shuffle", "duplicate", "blank", "delete", "header-only"])
    if how == "shuffle":
        rng.shuffle(body)
        return _csv([rows[0], *body]), "same"
    if how == "duplicate":
        i = rng.randrange(len(body))
        body.insert(rng.randrange(len(body) + 1), body[i])
        return _csv([rows[0], *body]), "refuse"
    if how == "blank":
        body.insert(rng.randrange(len(body) + 1), rng.choice(["", " ", ",,,,,"]))
        return _csv([rows[0], *body]), ""
    if how == "delete":
        del body[rng.randrange(len(body))]
        return _csv([rows[0], *body]), ""
    return _csv(rows[:1]), ""


def csv_field(data: bytes, rng: random.Random) -> Outcome | None:
    """A field made hostile: huge, a lone CR or LF inside quotes, a NUL, a formula."""
    if (picked := _a_row(data, rng)) is None:
        return None
    rows, i, fields = picked
    j = rng.randrange(len(fields))
    fields[j] = rng.choice(
        [
            "x" * 200_000,
            '"' + "x" * 140_000 + '"',
            "a\rb",
            '"a\rb"',
            '"a\nb"',
            '"a""b"',
            "=1+1",
            "\x00",
            "S-0001",
        ]
    )
    return _with_row(rows, i, fields), ""


CSV_MUTATORS: dict[str, Mutator] = {
    **BYTE_MUTATORS,
    "csv_separator": csv_separator,
    "csv_quote": csv_quote,
    "csv_ragged": csv_ragged,
    "csv_number": csv_number,
    "csv_date": csv_date,
    "csv_header": csv_header,
    "csv_rows": csv_rows,
    "csv_field": csv_field,
}


def mutators(kind: str) -> dict[str, Mutator]:
    return CSV_MUTATORS if kind == "register" else YAML_MUTATORS


def make_mutant(kind: str, mutator: str, seed: int) -> Mutant | None:
    """The mutant of ``kind`` by ``mutator`` with ``seed`` (None: the mutator found nothing to
    change in the file the seed chose)."""
    rng = random.Random(f"{kind}:{mutator}:{seed}")
    relpath = rng.choice(KINDS[kind])
    original = (DATA / relpath).read_bytes()
    outcome = mutators(kind)[mutator](original, rng)
    if outcome is None or outcome[0] == original:
        return None
    return Mutant(kind, mutator, seed, relpath, outcome[0], outcome[1])


def plan(seed: int, count: int, kinds: tuple[str, ...] = tuple(KINDS)) -> Iterator[Mutant]:
    """``count`` mutants, every (kind, mutator) pair in turn so that a short run covers all."""
    pairs = [(k, m) for k in kinds for m in mutators(k)]
    random.Random(seed).shuffle(pairs)
    made, n = 0, 0
    while made < count:
        kind, mutator = pairs[n % len(pairs)]
        mutant = make_mutant(kind, mutator, seed * 1_000_003 + n)
        n += 1
        if mutant is not None:
            made += 1
            yield mutant


# --- running budgetcli on a mutant ----------------------------------------------------------


class MutantHung(BaseException):
    """Raised in the main thread when a mutant's commands run past the deadline (a
    ``BaseException``, so that no ``except Exception`` in budgetcli or click swallows it)."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise MutantHung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def memory_limit(extra: int = 2 << 30) -> Iterator[None]:
    """The address space bounded to what the process has now plus ``extra`` bytes, so that a
    reader that blows up memory fails with MemoryError here instead of taking the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        now = int(statm.read().split()[0]) * resource.getpagesize()
    limit = now + extra if hard == resource.RLIM_INFINITY else min(hard, now + extra)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


@dataclass
class Run:
    args: list[str]
    code: int
    stdout: str
    stderr: str
    exception: str = ""  # the traceback of an exception that escaped, "" if none


def invoke(args: list[str]) -> Run:
    result = CliRunner().invoke(app, args)
    exc = result.exception
    escaped = ""
    if exc is not None and not isinstance(exc, SystemExit):
        escaped = "".join(traceback.format_exception(exc))
    out, err = result.stdout_bytes, result.stderr_bytes
    try:
        stdout, stderr = out.decode("utf-8"), err.decode("utf-8")
    except UnicodeDecodeError as bad:
        stdout, stderr = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
        escaped = escaped or f"output is not UTF-8: {bad}"
    return Run(args, result.exit_code, stdout, stderr, escaped)


@dataclass(frozen=True)
class Diagnostic:
    text: str
    path: str
    line: str | None  # None: a file that cannot be read at all (a folder, say)
    sev: str
    rule: str


POSITION = re.compile(r":(\d+):(\d+)$")


def parse_diagnostic(text: str) -> Diagnostic | None:
    """``path:line:col: severity: message [rule]`` (or ``path: severity: …``), else None;
    without a regular expression over the whole line, which may be 200 KB long."""
    cuts = [i for i in (text.find(": error: "), text.find(": warning: ")) if i > 0]
    if not cuts or not text.endswith("]"):
        return None
    head = text[: min(cuts)]
    sev = "error" if text.startswith(": error: ", len(head)) else "warning"
    rule = text[text.rfind(" [") + 2 : -1] if " [" in text else ""
    if not rule or not rule.replace("-", "").isalnum() or not rule.isascii():
        return None
    position = POSITION.search(head)
    path = head[: position.start()] if position else head
    return Diagnostic(text, path, position.group(1) if position else None, sev, rule)


COUNT = re.compile(r"^(\d+) files? checked: (\d+) errors?, (\d+) warnings?$")


@dataclass
class Reading:
    """What budgetcli made of a data folder: validate's diagnostics, the figures."""

    validate: Run
    runs: list[Run] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    summary: str = ""
    forecast: str = ""
    followup: str = ""

    def rules(self, root: Path) -> list[tuple[str, str, str]]:
        prefix = display_path(root)
        return sorted((m.path.removeprefix(prefix), m.sev, m.rule) for m in self.diagnostics)


def read(root: Path, cached: bool, forecast: bool, followup: bool = False) -> Reading:
    """validate, summary (JSON), summary 2024, forecast (JSON) and followup (JSON, the newest)
    on the data folder."""
    cache = [] if cached else ["--no-cache"]
    data = ["--data", str(root), *cache]
    reading = Reading(invoke(["validate", str(root), *cache]))
    reading.diagnostics = [
        m for line in reading.validate.stdout.splitlines() if (m := parse_diagnostic(line))
    ]
    summary = invoke(["summary", *data, "--format", "json"])
    reading.runs = [summary, invoke(["summary", "2024", *data])]
    reading.summary = summary.stdout
    if forecast:
        reading.runs.append(invoke(["forecast", *data, "--format", "json"]))
        reading.forecast = reading.runs[-1].stdout
    if followup:
        reading.runs.append(invoke(["followup", *data, "--format", "json"]))
        reading.followup = reading.runs[-1].stdout
    return reading


def _run_problems(run: Run) -> list[str]:
    said = f"`budgetcli {' '.join(run.args)}`"
    problems = []
    if run.exception:
        problems.append(f"{said} raised:\n{run.exception}")
    if run.code not in (0, 1, 2):
        problems.append(f"{said} exited {run.code}")
    if "Traceback" in run.stdout + run.stderr:
        problems.append(f"{said} printed a traceback:\n{run.stdout}{run.stderr}")
    return problems


def _validate_problems(root: Path, reading: Reading) -> list[str]:
    run = reading.validate
    problems = []
    lines = run.stdout.splitlines()
    bad = [line for line in lines if not parse_diagnostic(line)]
    bad += [m.text for m in reading.diagnostics if m.line is None and m.rule != "io"]
    if bad:
        problems.append(
            f"validate printed lines that are not `path:line:col: severity: message [rule]`: {bad[:3]!r}"
        )
    prefix = display_path(root) + "/"
    outside = [m.text for m in reading.diagnostics if not m.path.startswith(prefix)]
    if outside:
        problems.append(f"validate named no file of the data folder: {outside[:3]!r}")
    errors = [m for m in reading.diagnostics if m.sev == "error"]
    if run.code not in (0, 1):
        problems.append(f"validate exited {run.code}: {run.stderr.strip()!r}")
    elif (run.code == 1) != bool(errors):
        problems.append(
            f"validate exited {run.code} with {len(errors)} error lines:\n{run.stdout}{run.stderr}"
        )
    count = COUNT.match(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "")
    if run.code in (0, 1) and (count is None or int(count[2]) != len(errors)):
        problems.append(
            f"validate's count does not match its {len(errors)} error lines: {run.stderr!r}"
        )
    return problems


def _agreement_problems(reading: Reading) -> list[str]:
    """summary and forecast exit 1 exactly when validate found errors (2: a year not in the
    budget, when areas.yaml lost 2024)."""
    invalid = reading.validate.code == 1
    problems = []
    for run in reading.runs:
        said = f"`budgetcli {' '.join(run.args)}`"
        usage = run.code == 2 and not invalid and "budgetcli: error: " in run.stderr
        if run.code != int(invalid) and not usage:
            problems.append(
                f"{said} exited {run.code}, validate {reading.validate.code}:\n{run.stderr[-2000:]}"
            )
        last = run.stderr.rstrip().splitlines()[-1:]
        if run.code == 1 and not (last and last[0].startswith("budgetcli: error: ")):
            problems.append(f"{said} exited 1 without `budgetcli: error: …`: {run.stderr[-300:]!r}")
        if run.code == 0 and "--format" in run.args:
            try:
                json.loads(run.stdout)
            except ValueError:
                problems.append(f"{said} printed no JSON: {run.stdout[:300]!r}")
    return problems


def _expectation_problems(root: Path, mutant: Mutant, reading: Reading, base: Reading) -> list[str]:
    path = display_path(root / mutant.relpath)
    named = any(m.path == path and m.sev == "error" for m in reading.diagnostics)
    if mutant.expect == "refuse" and not named:
        return [
            f"not refused: validate exited {reading.validate.code} with no error on {path}:\n{reading.validate.stdout}"
        ]
    if mutant.expect != "same" or named:
        return []
    problems = []
    if reading.summary != base.summary:
        problems.append(
            f"read unlike the original: summary --format json differs:\n{reading.summary[:1500]}"
        )
    if mutant.kind in FORECAST_KINDS and reading.forecast != base.forecast:
        problems.append(
            f"read unlike the original: forecast --format json differs:\n{reading.forecast[:1500]}"
        )
    if mutant.kind in FOLLOWUP_KINDS and reading.followup != base.followup:
        problems.append(
            f"read unlike the original: followup --format json differs:\n{reading.followup[:1500]}"
        )
    if reading.rules(root) != base.rules(root):
        problems.append(f"read unlike the original: validate says\n{reading.validate.stdout}")
    return problems


def check(
    root: Path, mutant: Mutant, base: Reading, cached: bool, compare_cache: bool = False
) -> list[str]:
    """Write the mutant into the data folder ``root``, run budgetcli on it, put the original
    back; the problems found (empty: every property held). ``compare_cache``: also validate
    with ``--no-cache`` and hold its output to the cached run's."""
    target = root / mutant.relpath
    original = target.read_bytes()
    # the backstop for a hang in C code, which SIGALRM cannot interrupt: the stacks, and exit
    faulthandler.dump_traceback_later(HARD_DEADLINE, exit=True, file=sys.__stderr__ or sys.stderr)
    try:
        if mutant.content is None:
            target.unlink()
            target.mkdir()
        else:
            target.write_bytes(mutant.content)
        with deadline(DEADLINE):
            reading = read(
                root,
                cached,
                forecast=mutant.kind in FORECAST_KINDS,
                followup=mutant.kind in FOLLOWUP_KINDS,
            )
            uncached = invoke(["validate", str(root), "--no-cache"]) if compare_cache else None
    except MutantHung as hung:
        return [f"hung: {hung}\n{''.join(traceback.format_tb(hung.__traceback__)[-6:])}"]
    finally:
        faulthandler.cancel_dump_traceback_later()
        if target.is_dir():
            shutil.rmtree(target)
        target.write_bytes(original)
    problems = [p for run in [reading.validate, *reading.runs] for p in _run_problems(run)]
    if problems:
        return problems
    if uncached is not None and (uncached.code, uncached.stdout) != (
        reading.validate.code,
        reading.validate.stdout,
    ):
        problems.append(
            f"validate with the cache (exit {reading.validate.code}) and with --no-cache"
            f" (exit {uncached.code}) differ:\n{reading.validate.stdout}---\n{uncached.stdout}"
        )
    return (
        problems
        + _validate_problems(root, reading)
        + _agreement_problems(reading)
        + _expectation_problems(root, mutant, reading, base)
    )


def copy_data(target: Path) -> Path:
    shutil.copytree(DATA, target)
    return target
