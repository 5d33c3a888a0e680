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


def key_words(label: str) -> str:
    """A label's words as compared: lower case, the Danish letters folded, what is not a letter
    or a digit a space (for words that must stand as words: "uden for", not "Indenrigs")."""
    text = key_spaced(label[: LONGEST * 4])
    return " ".join(text.split())


def key_spaced(label: str) -> str:
    text = label.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c if c.isalnum() else " " for c in text)


def ambiguous(found: str, pair: Sequence[str]) -> bool:
    """Whether ``found`` is about as close to each of two known labels (``undenfor``: a letter
    from both "udenfor" and "indenfor"): then it names neither."""
    first, second = (difflib.SequenceMatcher(None, found, k).ratio() for k in pair)
    return abs(first - second) < 0.02


def close(found: str, known: Sequence[str], cutoff: float = 0.82) -> str | None:
    """The known label ``found`` is, or is a letter or two off from; ``None`` if none."""
    if found in known:
        return found
    if len(found) > LONGEST:
        return None
    matches = difflib.get_close_matches(found, known, n=1, cutoff=cutoff)
    return matches[0] if matches else None
