"""Ids made from titles (``budgetcli import``): lower case ASCII, short, unique, the same on
every run for the same titles in the same order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable

#: the Danish letters as written in ASCII
FOLDED = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
#: words an id does without
SMALL_WORDS = frozenset(
    [
        "af",
        "at",
        "de",
        "den",
        "det",
        "en",
        "et",
        "for",
        "fra",
        "gennem",
        "i",
        "med",
        "mellem",
        "og",
        "om",
        "på",
        "pa",
        "samt",
        "som",
        "til",
        "ved",
        "investeringsforslag",
        "spareforslag",
        "besparelsesforslag",
        "rådighedsforslag",
        "forslag",
    ]
)
MOST_WORDS, MOST_CHARACTERS = 5, 40


def slug(title: str) -> str:
    """``"Investeringsforslag: Styrkelse af den lovpligtige opfølgning på botilbud"`` ->
    ``styrkelse-lovpligtige-opfoelgning-botilbud``."""
    words = [w for w in re.split(r"[^\w]+", title.lower()) if w and w not in SMALL_WORDS]
    text = "-".join(words[:MOST_WORDS]).translate(FOLDED)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9-]+", "", text).strip("-")
    while len(text) > MOST_CHARACTERS and "-" in text:
        text = text.rsplit("-", 1)[0]
    return text[:MOST_CHARACTERS] or "forslag"


def unique_ids(titles: Iterable[str], taken: Collection[str] = ()) -> list[str]:
    """An id for each title, in order: its ``slug``, then ``-2``, ``-3`` … where one is
    already given to an earlier title or in ``taken`` (ids as ``str.casefold`` makes them: a
    file system may not tell ``Ab`` from ``ab``)."""
    given: set[str] = {t.casefold() for t in taken}
    out = []
    for title in titles:
        base = candidate = slug(title)
        n = 1
        while candidate in given:
            n += 1
            candidate = f"{base}-{n}"
        given.add(candidate)
        out.append(candidate)
    return out
