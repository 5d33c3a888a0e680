"""A proposal as the YAML file budgetcli writes (``import``): plain values in, text out.

The style is the bundled files': one key a line, series and components as one-line flow
mappings, every text double-quoted (JSON's escapes are YAML's), codes quoted, the description a
``|`` block. ``budgetcli validate`` reads it back with the fast reader, value for value (a test
holds it to that).
"""

from __future__ import annotations

import datetime
import json
import os
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetcli.folder.yamlrules import Refused, resolve_plain

#: what may stand unquoted as an id (then checked by the scalar rules): the model's id pattern
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

CHANGE = ("inside_service_frame", "outside_service_frame", "construction")


def text(value: str) -> str:
    """A text, double-quoted: ``"Plejecenter \\"Kærbo\\""``; a character that is not
    printable (a control, a line separator, a bidirectional override) as its escape, which
    YAML's double quotes read back as that character."""
    quoted = json.dumps(value, ensure_ascii=False)
    if quoted.isprintable():
        return quoted
    return "".join(c if c.isprintable() or c == " " else _escape(c) for c in quoted)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def word(value: str) -> str:
    """An id, a status, a kind: unquoted when YAML reads it back as that text (by budgetcli's
    strict rules), else double-quoted (``"2027"``, ``"no"``, ``"1e3"``)."""
    if _WORD.fullmatch(value):
        try:
            if resolve_plain(value) == value:
                return value
        except Refused:
            pass
    return text(value)


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f")
            if value != value.to_integral_value()
            else str(int(value))
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    return text(str(value))


def series(value: int | Decimal | Mapping[Any, Any]) -> str:
    """A number (every year) or ``{2024: -400}``; keys that are codes are quoted."""
    if not isinstance(value, Mapping):
        return scalar(value)
    parts = [f"{k if isinstance(k, int) else text(str(k))}: {series(v)}" for k, v in value.items()]
    return "{" + ", ".join(parts) + "}"


def order() -> tuple[str, ...]:
    """A proposal's keys in the order a written file has them: the model's fields, in the
    order it declares them (imported here, not at the top: ``new`` writes no proposal with
    this, and runs without pydantic)."""
    from budgetcli.folder.models import ProposalFile

    return tuple(ProposalFile.model_fields)


def proposal_text(fields: Mapping[str, Any], comment: str = "") -> str:
    """The file of a proposal given as plain values (``fields``: the keys of the format, the
    series as numbers or maps, dates as ``datetime.date``); ``comment`` on its first lines."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    for key in order():
        if key not in fields or fields[key] is None:
            continue
        lines += _field(key, fields[key])
    return "\n".join(lines) + "\n"


def _field(key: str, value: Any) -> list[str]:
    """A key and its value as the file's lines: the keys of a style of their own by name, any
    other as a list on one line, a series or map on one line (``series``), or a scalar."""
    if key == "change":
        inner = [f"  {name}: {series(value[name])}" for name in CHANGE if name in value]
        return ["change:", *inner] if inner else ["change: {}"]
    if key == "components":
        return ["components:"] + [
            f"  - {{type: {c['type']}, label: {text(c['label'])}, amounts: {series(c['amounts'])}}}"
            for c in value
        ]
    if key in ("allocations", "staffing"):
        return [f"{key}:"] + [f"  {name}: {series(v)}" for name, v in value.items()]
    if key == "source":
        return [f"source: {{document: {text(value['document'])}, page: {value['page']}}}"]
    if key == "notes":
        return ["notes:"] + [f"  - {text(note)}" for note in value]
    if key == "description":
        body = value.replace("\t", "    ").rstrip().splitlines()
        return ["description: |", *(f"  {line}".rstrip() for line in body)]
    if key in ("id", "status", "kind"):
        return [f"{key}: {word(value)}"]
    if isinstance(value, list):
        return [f"{key}: [{', '.join(series(item) for item in value)}]"]
    return [f"{key}: {series(value)}"]


def template_text(
    pid: str,
    areas: list[str],
    committee: str | None,
    budget: dict[int, int] | None,
    years: list[int],
    kind: str,
) -> str:
    """A new proposal's file (``budgetcli new``): every field of the format, each commented in
    Danish and English; the committee and the area's budget as areas.yaml gives them, the
    budget's years as keys. It validates, with warnings [to-fill-in] for what is left."""
    zero = "{" + ", ".join(f"{y}: 0" for y in years) + "}"
    building = kind == "construction"
    lines = [
        "# Nyt budgetforslag / a new budget proposal: fill in what says TODO, then run",
        "# `budgetcli validate`. Beløb i 1.000 kr. / amounts in 1.000 kr. Fortegn / sign:",
        "# minus = mindreudgift eller merindtægt (a saving), plus = merudgift (an expense).",
        f"id: {word(pid)}                      # = filens navn / the file's name",
        'title: "TODO: forslagets overskrift / the proposal\'s title"',
        "status: proposed               # proposed | adopted | rejected | realized (foreslået, vedtaget, forkastet, realiseret)",
        f"kind: {kind}                 # reduction | expansion | construction | technical (spare-, udvidelses-, anlægsforslag, teknisk korrektion)",
        f"committee: {text(committee) if committee else 'null'}   # fagudvalg / committee (from areas.yaml)",
        f"areas: [{', '.join(text(a) for a in areas)}]   # bevillingsområde / budget area",
        "center: null                   # center/driftssted / centre",
        "contact: null                  # kontaktperson / contact person",
        "date: null                     # dato / date, YYYY-MM-DD",
        "operating_budget: null         # driftsbudget / operating budget, e.g. {"
        + f"{years[0]}: 0"
        + "}",
        f"area_budget: {series(budget) if budget else 'null'}   # samlet budget på bevillingsområdet / the area's budget",
        "change:                        # ændringsforslag / the change per year",
        f"  inside_service_frame: {zero}    # beløb indenfor servicerammen / inside the service frame",
        f"  outside_service_frame: {zero}   # beløb udenfor servicerammen / outside it",
        f"  construction: {zero if building else '{}'}   # rådighedsbeløb / construction spending (kind: construction only)",
        "construction_grant: null       # anlægsbevilling / the project's total grant (kind: construction only)",
        "components: []                 # a) besparelsespotentiale / b) investering, e.g.",
        '#  - {type: saving, label: "Besparelsespotentiale", amounts: -500}',
        '#  - {type: investment, label: "Investering", amounts: {' + f"{years[0]}: 250" + "}}",
        "allocations:                   # hvor ændringen bogføres / where the change is booked",
        '  function_areas: {}           # funktionsområde, e.g. {"053027": -500}',
        '  cost_centers: {}             # omkostningssted/PSP-element, e.g. {"3709820001": -500}',
        "staffing: null                 # normering i fuldtidsstillinger / FTE, e.g. {baseline_fte: 10, change_fte: -1.5}",
        'source: null                   # kildedokument / source document: {document: "x.docx", page: 1}',
        "notes: []                      # noter om afskriften / transcription notes",
        "description: |                 # præsentation af forslag / what the proposal does",
        "  TODO: beskriv forslaget / describe the proposal.",
    ]
    return "\n".join(lines) + "\n"


#: the longest id ``new`` takes: a file name every file system holds, and a table's column
#: a person reads
MOST_ID_CHARACTERS = 100


def write_new(folder: Path, pid: str, content: str) -> Path:
    """A new proposal file ``proposals/<pid>.yaml`` of the data folder ``folder``, written
    atomically; ``UsageError`` (nothing written) for an id that is none, too long, or taken (a
    ``.yml`` of that id too), or a folder that cannot be written."""
    from budgetcli.core.diagnostics import printable, said
    from budgetcli.core.errors import UsageError
    from budgetcli.folder.listing import PROPOSALS_DIR, display_path
    from budgetcli.folder.writing import create_exclusively

    if not _WORD.fullmatch(pid):
        raise UsageError(
            said(
                "'{id}' is not an id: letters, digits, '.', '_' and '-', starting with a letter"
                " or digit",
                id=printable(pid),
            )
        )
    if len(pid) > MOST_ID_CHARACTERS:
        raise UsageError(
            said(
                "the id has {count} characters: an id has at most {most}",
                count=len(pid),
                most=MOST_ID_CHARACTERS,
            )
        )
    path = folder / PROPOSALS_DIR / f"{pid}.yaml"
    for taken in (path, path.with_suffix(".yml")):
        if os.path.lexists(taken):
            raise UsageError(
                said("{path} is there already: choose another id", path=display_path(taken))
            )
    try:
        written = create_exclusively(path, content)
    except OSError as exc:
        raise UsageError(
            said(
                "cannot write {path}: {reason}", path=display_path(path), reason=exc.strerror or exc
            )
        ) from None
    if not written:
        raise UsageError(
            said("{path} is there already: choose another id", path=display_path(path))
        )
    return path
