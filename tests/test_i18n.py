"""The message catalogues: every message a person reads has its Danish, the compiled catalogue
is the ``.po``, and the language is chosen as the docs say."""

from __future__ import annotations

import gettext
import io

import pytest
from babel.messages.catalog import Catalog

from budgetcli.text.i18n import LANGUAGES, chosen, language, of_locale

from .catalogue import compiled, extracted, po_path, read


def untranslated(marked: Catalog, danish: Catalog) -> list[str]:
    """Each message of ``marked`` that ``danish`` has no (or only a fuzzy) translation of."""
    return [
        f"{message.locations[0][0]}:{message.locations[0][1]}: {message.id!r}"
        for message in marked
        if message.id
        if not (found := danish.get(message.id)) or not found.string or found.fuzzy
    ]


def test_every_message_marked_has_its_danish() -> None:
    assert untranslated(extracted(), read("da")) == [], (
        "run `python -m tests.catalogue update`, then translate in the .po"
    )


def test_a_missing_translation_is_found() -> None:
    """The test above can fail: a message the .po lacks, or has empty or fuzzy, is named."""
    marked = Catalog()
    marked.add("Savings", locations=[("budgetcli/a.py", 1)])
    marked.add("Net", locations=[("budgetcli/b.py", 2)])
    marked.add("FTE", locations=[("budgetcli/c.py", 3)])
    danish = Catalog(locale="da")
    danish.add("Savings", "Besparelser")
    danish.add("Net", "")
    danish.add("FTE", "Årsværk", flags=["fuzzy"])
    assert untranslated(marked, danish) == ["budgetcli/b.py:2: 'Net'", "budgetcli/c.py:3: 'FTE'"]


def test_the_compiled_catalogue_is_the_po() -> None:
    """The .mo the tool reads says what the .po says (``python -m tests.catalogue compile``)."""
    ours = gettext.GNUTranslations(io.BytesIO(po_path("da").with_suffix(".mo").read_bytes()))
    fresh = gettext.GNUTranslations(io.BytesIO(compiled(read("da"))))
    # the header ("") names the Babel that compiled it and when: not a message
    messages = [{k: v for k, v in t._catalog.items() if k != ""} for t in (ours, fresh)]  # type: ignore[attr-defined]
    assert messages[0] == messages[1]


@pytest.mark.parametrize(
    ("environ", "code"),
    [
        ({"LANG": "da_DK.UTF-8"}, "da"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "da_DK.UTF-8", "LANG": "en_US.UTF-8"}, "da"),
        ({"LC_ALL": "", "LC_MESSAGES": "en_DK.UTF-8", "LANG": "da_DK"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "da"}, "da"),
        ({}, "en"),
    ],
)
def test_the_locale_says_the_terminals_language(environ: dict[str, str], code: str) -> None:
    assert of_locale(environ) == code


def test_the_option_then_the_budget_then_the_locale() -> None:
    danish_locale = {"LANG": "da_DK.UTF-8"}
    assert chosen("en", "da", danish_locale, handed_on=True) == "en"
    assert chosen(None, "da", {}, handed_on=True) == "da"
    assert chosen(None, "da", {}, handed_on=False) == "en"  # the terminal follows the locale
    assert chosen(None, None, danish_locale, handed_on=True) == "da"
    assert [language(code).code for code in LANGUAGES] == ["da", "en"]
    with pytest.raises(ValueError, match="no language 'de'"):
        language("de")
