"""What ``export`` and ``report`` share: the budget as published, an output refused before
anything is written, and a write that fails said as an error (exit 2)."""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from budgetcli.cli import wiring
from budgetcli.cli.options import Lang

T = TypeVar("T")

if TYPE_CHECKING:
    from budgetcli.core.diagnostics import Said
    from budgetcli.core.publication import Publication
    from budgetcli.core.vocab import Status


def published(
    folder: Path, status: list["Status"] | None, prices: int | None, lang: Lang | None = None
) -> "Publication":
    """The valid data folder as published: its proposals of the statuses asked for, in
    ``prices``'s prices if given; the command line said in it. Its ``meta.language`` is the
    language it is written in: ``--lang``, else the budget's own, else the user's locale."""
    import shlex
    from dataclasses import replace

    from budgetcli.core.publication import publication
    from budgetcli.store.followups import every_followup

    valid, statuses = wiring.valid(folder, use_cache=True), wiring.statuses(status)
    catalogue = valid.catalogue if prices is None else valid.in_prices(prices, statuses=statuses)
    pub = publication(catalogue, statuses, shlex.join(["budgetcli", *sys.argv[1:]]))
    code = wiring.language(lang, pub.meta.language, handed_on=True).code
    followups = every_followup(valid, folder) if valid.context.followups else ()
    return replace(pub, meta=replace(pub.meta, language=code), followups=followups)


def refuse(refusal: "str | Said | None") -> None:
    """``UsageError`` with ``refusal``, if there is one (``folder.outputs`` judges outputs)."""
    from budgetcli.core.errors import UsageError

    if refusal is not None:
        raise UsageError(refusal)


def write_output(write: Callable[[], T], path: Path, lang: Lang | None = None) -> T:
    """``write()`` (what it gives), or ``UsageError`` saying why ``path`` could not be
    written."""
    from budgetcli.core.errors import UsageError, shown

    try:
        return write()
    except OSError as exc:
        why = exc.strerror or str(exc)
        said = wiring.language(lang).gettext("cannot write {path}: {why} (nothing was changed)")
        raise UsageError(said.format(path=shown(str(path)), why=why)) from None
