"""The message catalogues, kept: extract the messages the package marks, merge them into each
language's ``.po``, compile the ``.mo`` the tool reads (Babel, a test dependency only).

    python -m tests.catalogue update    # new messages into budgetcli/locale/da/.../budgetcli.po
    python -m tests.catalogue compile   # the .po compiled to the .mo beside it

``tests/test_i18n.py`` fails when a marked message has no Danish, or the ``.mo`` is not the
``.po`` compiled."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "budgetcli"
LOCALE = PACKAGE / "locale"
#: the calls that mark a message: ``lang.gettext(m)``, ``lang.ngettext(s, p, n)``, ``N_(m)``, and
#: ``_(m)`` where a function names ``_ = reading.gettext``, and ``said(m, **fields)``: a problem's
#: message (``core.diagnostics``)
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "N_": None, "_": None, "said": None}


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "budgetcli.po"


def extracted() -> Catalog:
    """Every message the package marks, with where it is, and every text of ``--help``."""
    catalog = Catalog(project="budgetcli")
    for name, line, message, comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        catalog.add(
            message, None, [(f"budgetcli/{name}", line)], auto_comments=comments, context=context
        )
    for message, where in help_texts():
        catalog.add(message, None, [where])
    return catalog


def help_texts() -> list[tuple[str, tuple[str, int]]]:
    """Every text of ``--help`` as the app built holds it (the msgids ``cli.language`` looks
    up): each command's help (its docstring, as typer cleans it) and short help, and each
    parameter's help, wherever and however it was written, with its command's place."""
    import inspect

    import typer

    from budgetcli.cli.root import app

    root = typer.main.get_command(app)
    found = []
    callbacks = {info.name: info.callback for info in app.registered_commands}
    callbacks[""] = app.registered_callback.callback if app.registered_callback else None
    for name, command in [("", root), *getattr(root, "commands", {}).items()]:
        callback = callbacks[name]
        assert callback is not None, name
        source = Path(inspect.getsourcefile(callback) or "").relative_to(ROOT)
        where = (str(source), inspect.getsourcelines(callback)[1])
        params = [getattr(p, "help", None) for p in command.params]
        found += [(text, where) for text in [command.help, command.short_help, *params] if text]
    return found


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def update(lang: str) -> None:
    """The extracted messages merged into ``lang``'s ``.po``: new ones empty, gone ones dropped."""
    catalog = read(lang)
    catalog.update(extracted(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    out = io.BytesIO()
    write_po(out, catalog, width=96, sort_output=False, omit_header=False)
    po_path(lang).write_bytes(out.getvalue())


def compile_mo(lang: str) -> None:
    po_path(lang).with_suffix(".mo").write_bytes(compiled(read(lang)))


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else ""
    if action not in ("update", "compile"):
        sys.exit(__doc__)
    for code in ("da",):
        (update if action == "update" else compile_mo)(code)
