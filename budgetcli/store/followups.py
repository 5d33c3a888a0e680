"""A follow-up as ``followup`` shows it: found by its id or name, its spending to date read
from the finance system's export it names (``folder.spending``), computed (``core.followup``);
a figure that cannot be computed, or an export line that cannot be read, refuses it whole."""

from __future__ import annotations

import contextlib
import marshal
import os
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcli.core.diagnostics import Problem, Said, Severity
from budgetcli.core.errors import InvalidDataError, not_found
from budgetcli.store import cache
from budgetcli.store.digests import digest
from budgetcli.store.load import VERSION
from budgetcli.store.row import problems_from, stored_problems

if TYPE_CHECKING:
    from budgetcli.core.domain import Budget, LoadedFollowup
    from budgetcli.core.followup import Computed, Key
    from budgetcli.core.followupdiff import FollowupDiff
    from budgetcli.store.result import Checked, Valid


def chosen(budget: Budget, wanted: str | None) -> LoadedFollowup:
    """The follow-up ``wanted`` (its id, or its name if one has it: ``BO2``); ``None``: the
    newest by cut-off date. ``UsageError`` if there is none such."""
    followups = sorted(budget.followups, key=lambda lf: (lf.followup.cut_off, lf.followup.id))
    if wanted is None and followups:
        return followups[-1]
    for lf in followups:
        if lf.followup.id == wanted:
            return lf
    named = [lf for lf in followups if lf.followup.name == wanted]
    if len(named) == 1:
        return named[0]
    raise not_found("followup", wanted or "", [lf.followup.id for lf in followups])


def followed_up(valid: Valid, folder: Path | None, wanted: str | None) -> Computed:
    """The follow-up ``wanted`` computed; ``folder``: the data folder its export is read from
    (``None``: a revision, whose export is not read). ``InvalidDataError`` if a figure is
    missing or a line of the export cannot be read."""
    from budgetcli.core.followup import appropriations_of, compute

    budget = valid.budget
    lf = chosen(budget, wanted)
    f = lf.followup
    appropriations = appropriations_of(budget, f.year)
    named = {r.id for r in f.proposals} | set(appropriations.adopted if appropriations else ())
    proposals = [lp.proposal for lp in budget.proposals if lp.proposal.id in named]
    spent = spending_of(budget, lf, folder)
    computed = compute(budget, f, spent, proposals)
    if computed.missing:
        problems = [
            Problem(lf.source.path, 0, 0, Severity.ERROR, "no-expected", why.english, why)
            for _, why in computed.missing
        ]
        raise InvalidDataError(problems)
    return computed


def spending_of(budget: Budget, lf: LoadedFollowup, folder: Path | None) -> dict[Key, Decimal]:
    """The spending to date per (area, frame) from the export the follow-up names, in the
    budget's unit, exact; every line that cannot be read is an error of the export."""
    export = lf.followup.spending
    if export is None or folder is None:
        return {}
    from budgetcli.core.followupchecks import kroner_of
    from budgetcli.folder.listing import FOLLOWUPS_DIR
    from budgetcli.folder.spending import SpendingFormat, function_code, read_spending

    path = folder / FOLLOWUPS_DIR / export.file
    fmt = SpendingFormat(
        export.function,
        export.amount,
        export.cost_centre,
        export.period,
        export.separator,
        export.decimal,
        export.encoding,
    )
    accounts: dict[tuple[str, str | None], tuple[str, str]] = {}
    for area in budget.meta.areas:
        for account in area.accounts:
            code = function_code(account.code) or account.code
            centres: list[str | None] = [*account.cost_centres] or [None]
            for centre in centres:
                accounts[(code, centre)] = (area.code, account.frame)
    cut = lf.followup.cut_off
    read = read_spending(path, fmt, accounts, (cut.year, cut.month))
    shown = f"{lf.source.path.rpartition('/')[0]}/{export.file}"
    if isinstance(read, Said):
        raise InvalidDataError(
            [Problem(shown, 0, 0, Severity.ERROR, "spending", read.english, read)]
        )
    if read.bad:
        raise InvalidDataError(
            [
                Problem(shown, bad.line, 0, Severity.ERROR, "spending", bad.why.english, bad.why)
                for bad in read.bad
            ]
        )
    ore = 100 * (kroner_of(budget.meta.unit) or 1000)
    return {key: Decimal(value) / ore for key, value in read.sums.items()}


def compared_followups(
    valid: Valid, folder: Path, old: str, new: str | None, unused: list[str]
) -> FollowupDiff:
    """Two follow-ups of one data folder compared, each computed with its own export;
    ``UsageError`` without NEW, or with an option of diff that follow-ups do not have."""
    from budgetcli.core.diagnostics import said
    from budgetcli.core.errors import UsageError
    from budgetcli.core.followupdiff import diff_followups

    if new is None:
        raise UsageError(
            said("--followup compares two follow-ups: give OLD and NEW (diff BO2 BO3 --followup)")
        )
    if unused:
        raise UsageError(said("{options} does not apply to --followup", options=", ".join(unused)))

    return diff_followups(followed_up(valid, folder, old), followed_up(valid, folder, new))


def every_followup(valid: Valid, folder: Path) -> tuple[Computed, ...]:
    """Every follow-up of the data folder computed, oldest first (what export and report
    publish of the year after adoption)."""
    found = sorted(valid.budget.followups, key=lambda lf: (lf.followup.cut_off, lf.followup.id))
    return tuple(followed_up(valid, folder, lf.followup.id) for lf in found)


def spending_problems(checked: Checked, folder: Path, use_cache: bool = True) -> list[Problem]:
    """What ``validate`` says of the spending exports the follow-ups name: each line that
    cannot be read, or why a whole export cannot be (none when the data is unusable). What
    was said of an export is kept in the cache while the export (by its stat, as the data
    folder's files) and everything it is read with are the same: a cached ``validate`` reads
    no export again, nor imports polars to."""
    if checked.contents is None:
        return []
    context = checked.contents.context
    found: list[Problem] = []
    for lf in context.followups:
        found += _export_problems(context, lf, folder, use_cache)
    return found


def _export_problems(
    context: Budget, lf: LoadedFollowup, folder: Path, use_cache: bool
) -> list[Problem]:
    """The problems of the export ``lf`` names, from the cache if it has them."""
    key = _export_key(context, lf, folder) if use_cache else None
    stored = cache.read_index(key) if key is not None else None
    if stored is not None:
        with contextlib.suppress(EOFError, TypeError, ValueError, KeyError):
            return problems_from(marshal.loads(stored.content))
    try:
        spending_of(context, lf, folder)
        problems: list[Problem] = []
    except InvalidDataError as exc:
        problems = list(exc.problems)
    if key is not None:
        cache.write_index(key, marshal.dumps(stored_problems(problems)), ())
    return problems


def _export_key(context: Budget, lf: LoadedFollowup, folder: Path) -> bytes | None:
    """The cache's key of what is said of ``lf``'s export: the export's place and stat, and
    all it is read with (the areas' accounts, the unit, the format, the cut-off, where the
    follow-up is shown from); ``None``: no cache, no export, or one that cannot be listed."""
    export = lf.followup.spending
    if export is None or cache.cache_disabled():
        return None
    from budgetcli.folder.listing import FOLLOWUPS_DIR

    path = os.path.abspath(folder / FOLLOWUPS_DIR / export.file)
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    accounts = [
        (a.code, [(c.code, c.frame, list(c.cost_centres)) for c in a.accounts])
        for a in context.meta.areas
    ]
    read_with = (
        accounts, context.meta.unit, lf.source.path, lf.followup.cut_off.toordinal(),
        [export.file, export.function, export.amount, export.cost_centre, export.period,
         export.separator, export.decimal, export.encoding],
    )  # fmt: skip
    stat = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    return digest(VERSION, b"spending", os.fsencode(path), marshal.dumps((stat, read_with)))
