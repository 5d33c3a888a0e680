"""The two versions ``diff`` compares: each a data folder or a git revision, loaded and checked,
restated in one year's prices if asked, and compared (``core.diff``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcli.core.diagnostics import Said, said
from budgetcli.core.errors import InvalidDataError, UsageError

if TYPE_CHECKING:
    from budgetcli.core.catalogue import Catalogue
    from budgetcli.core.diff import BudgetDiff
    from budgetcli.core.vocab import GroupBy, Status
    from budgetcli.store.result import Checked, Valid


def compared(
    old: str,
    new: str | None,
    data: Path | None,
    folder: Path,
    by: GroupBy,
    statuses: Sequence[Status],
    use_cache: bool,
    prices: int | None = None,
) -> BudgetDiff:
    """``old`` against ``new`` (``None``: the data folder ``folder`` as it is; ``data``: the
    folder named, for a revision's place in its repository). ``InvalidDataError`` with each
    side's errors; ``UsageError`` if the two cannot be compared (other units, no year in
    common, a side that cannot be restated in ``prices``)."""
    from budgetcli.core.diff import diff_catalogues, incomparable

    labelled = [
        (said("old side ({where})", where=old), side(old, data, folder, use_cache)),
        (said("new side ({where})", where=new or folder), side(new, data, folder, use_cache)),
    ]
    (old_side, old_valid), (new_side, new_valid) = _both_valid(labelled)
    if prices is None:
        old_catalogue, new_catalogue = old_valid.catalogue, new_valid.catalogue
    else:
        old_catalogue = _in_prices(old_side, old_valid, prices)
        new_catalogue = _in_prices(new_side, new_valid, prices)
    reason = incomparable(old_catalogue.meta, new_catalogue.meta)
    if reason is not None:
        raise UsageError(reason)
    return diff_catalogues(
        old_catalogue,
        new_catalogue,
        by=by,
        statuses=statuses,
        old_label=old,
        new_label=new or str(folder),
    )


def side(spec: str | None, data: Path | None, folder: Path, use_cache: bool) -> Checked:
    """One side of a diff, checked: the folder ``folder`` (``spec`` None); a folder, if one is
    there; else a git revision of the ``data`` folder, or of the one found from where you
    stand (by its place in the repository)."""
    from budgetcli.store.load import check_files, load_checked

    if spec is None:
        return load_checked(folder, use_cache)
    try:
        is_folder = Path(spec).is_dir()
    except OSError:  # a name too long for a path, say: then it can only be a revision
        is_folder = False
    if is_folder:
        return load_checked(Path(spec), use_cache)
    from budgetcli.folder.git import find_data_dir, read_revision

    if data is None:
        found = Path(find_data_dir(Path.cwd()).in_repository)
        return check_files(read_revision(spec, found, Path.cwd(), from_top=True), use_cache)
    return check_files(read_revision(spec, data, Path.cwd()), use_cache)


def _both_valid(labelled: list[tuple[Said, Checked]]) -> list[tuple[Said, Valid]]:
    """Each side as valid, or ``InvalidDataError`` with the errors of both, each side named."""
    try:
        return [(label, checked.as_valid()) for label, checked in labelled]
    except InvalidDataError:
        raise InvalidDataError([], sides=[(label, c.errors) for label, c in labelled]) from None


def _in_prices(label: Said, valid: Valid, year: int) -> Catalogue:
    """One side in ``year``'s prices; why it cannot be says which side."""
    try:
        return valid.in_prices(year)
    except UsageError as exc:
        raise UsageError(
            said("the {side}: {message}", side=label, message=exc.said or str(exc))
        ) from None
