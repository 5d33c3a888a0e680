"""A page's texts as a proposal file may hold them (``budgetcli import``): what a person reading
the page sees, and nothing a file must not hold.

A line break, tab or vertical tab inside a one-line field (a title, a name) is the space a
reader sees; a control character is invisible and left out; a bidirectional override (which
makes text show in another order than it is stored: U+202A-U+202E, U+2066-U+2069) refuses the
page, since what the file would hold is not what the page seems to say.
"""

from __future__ import annotations

import re

from budgetcli.core.diagnostics import Said, said
from budgetcli.word.draft import Draft

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n\r\x0b\x0c\u2028\u2029]+")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: the fields of one line, and those of several (a description keeps its line breaks)
LINE_FIELDS = ("title", "committee", "center", "contact")
PROSE_FIELDS = ("description",)
NAMES = {
    "title": said("the title"),
    "committee": said("the committee"),
    "center": said("the centre"),
    "contact": said("the contact"),
    "description": said("the description"),
}


def clean_fields(draft: Draft) -> None:
    """The draft's texts cleaned (see the module's doc), its notes too; a bidirectional
    override reported (an error: the page is refused)."""
    for name in (*LINE_FIELDS, *PROSE_FIELDS):
        value = draft.fields.get(name)
        if isinstance(value, str):
            draft.fields[name] = _cleaned(draft, NAMES[name], value, prose=name in PROSE_FIELDS)
    for code, name in list(draft.area_names.items()):
        what = said("the name of area {code}", code=code)
        draft.area_names[code] = _cleaned(draft, what, name, prose=False)
    draft.notes[:] = [_BIDI.sub("", _line(note)) for note in draft.notes]


def _cleaned(draft: Draft, what: Said, value: str, prose: bool) -> str:
    if (found := _BIDI.search(value)) is not None:
        draft.report(
            None,
            said(
                "{what} holds the bidirectional control U+{code}, which shows the text in another "
                "order than it is written: remove it",
                what=what,
                code=format(ord(found.group()), "04X"),
            ),
        )
        return value
    if prose:
        text = "\n".join(_line(line) for line in value.replace("\r\n", "\n").split("\n"))
        return text.strip()
    return _line(value)


def _line(value: str) -> str:
    """One line: breaks and tabs (with the spaces around them) as a space, controls left
    out."""
    parts = _BREAKS.split(_CONTROLS.sub("", value))
    return " ".join(piece for piece in (part.strip() for part in parts) if piece)
