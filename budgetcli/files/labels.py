"""A row's label as the proposal template's readers compare it: loosely (case, spaces,
punctuation, the Danish letters, a letter or two off: "serviceringen", "servicerrammen")."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

#: a label longer than this is no label of the template (and comparing a long text by
#: ``difflib`` costs its length squared): it is compared as it is, never as "close"
LONGEST = 80


#: a list's number or bullet before a label ("3. ", "2.1 ", "a) ", "• "): not part of it
_NUMBERED = re.compile(r"\s*(?:\d+(?:\.\d+)*\.?|[a-hA-H][.)]|[•*–-])\s+")


def key(label: str) -> str:
    """A label as compared: lower case, the Danish letters folded, only letters and digits; a
    list's number or bullet before it left out."""
    text = label[: LONGEST * 4]
    if numbered := _NUMBERED.match(text):
        text = text[numbered.end() :]
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isalnum())


def close(found: str, known: Sequence[str], cutoff: float = 0.82) -> str | None:
    """The known label ``found`` is, or is a letter or two off from; ``None`` if none."""
    if found in known:
        return found
    if len(found) > LONGEST:
        return None
    matches = difflib.get_close_matches(found, known, n=1, cutoff=cutoff)
    return matches[0] if matches else None
