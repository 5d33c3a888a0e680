"""A follow-up as ``followup`` shows it: found by its id or name, its spending to date read
from the finance system's export it names (``folder.spending``), computed (``core.followup``);
a figure that cannot be computed, or an export line that cannot be read, refuses it whole."""

from __future__ import annotations

import functools
from collections.abc import Set as AbstractSet
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcli.core.diagnostics import Problem, Said, Severity, Source
from budgetcli.core.errors import InvalidDataError, not_found

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from budgetcli.core.domain import Budget, LoadedFollowup, Proposal, SpendingExport
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
    if named:
        from budgetcli.core.diagnostics import said
        from budgetcli.core.errors import UsageError

        ids = ", ".join(lf.followup.id for lf in named)
        raise UsageError(
            said(
                "{count} follow-ups are named {name}: give the id ({ids})",
                count=len(named),
                name=wanted,
                ids=ids,
            )
        )
    raise not_found("followup", wanted or "", [lf.followup.id for lf in followups])


def followed_up(
    valid: Valid,
    folder: Path | None,
    wanted: str | None,
    read: Callable[[int], Proposal] | None = None,
) -> Computed:
    """The follow-up ``wanted`` computed; ``folder``: the data folder its export is read from
    (``None``: a revision, whose export is not read); ``read``: how a proposal of the
    catalogue is read (several follow-ups share one that keeps them). ``InvalidDataError`` if
    a figure is missing or a line of the export cannot be read."""
    from budgetcli.core.followup import appropriations_of, compute

    budget = valid.context  # the proposals apart: only those it names are read
    lf = chosen(budget, wanted)
    f = lf.followup
    appropriations = appropriations_of(budget, f.year)
    named = {r.id for r in f.proposals} | set(appropriations.adopted if appropriations else ())
    proposals = named_proposals(valid, named, read)
    spent, problems = with_export(budget, lf, folder)
    if any(p.is_error for p in problems):
        raise InvalidDataError(problems)
    computed = compute(budget, f, spent, proposals)
    if computed.missing:
        problems = [
            Problem(lf.source.path, 0, 0, Severity.ERROR, "no-expected", why.english, why)
            for _, why in computed.missing
        ]
        raise InvalidDataError(problems)
    return computed


def named_proposals(
    valid: Valid, named: Collection[str], read: Callable[[int], Proposal] | None = None
) -> list[Proposal]:
    """The proposals whose ids are ``named``, in load order: each read alone (by ``read``, if
    given), found by the ids the load has at hand, not the whole budget read (of 10,000
    proposals, a follow-up names a few dozen)."""
    catalogue = valid.catalogue
    read = read if read is not None else catalogue.proposal
    return [read(i) for i, pid in enumerate(catalogue.each_id()) if pid in named]


def spending_of(
    budget: Budget, lf: LoadedFollowup, folder: Path | None, use_cache: bool = True
) -> dict[Key, Decimal]:
    """The spending to date per (area, frame) from the export the follow-up names, in the
    budget's unit, exact; every line that cannot be read is an error of the export."""
    export = lf.followup.spending
    if export is None or folder is None:
        return {}
    from budgetcli.core.followupchecks import kroner_of
    from budgetcli.folder.listing import FOLLOWUPS_DIR

    path = folder / FOLLOWUPS_DIR / export.file
    shown = f"{lf.source.path.rpartition('/')[0]}/{export.file}"
    cut = lf.followup.cut_off
    until = (cut.year, cut.month)
    sums, problems = read_export(path, shown, export, _accounts(budget), until, use_cache)
    if problems:
        raise InvalidDataError(problems)
    ore = 100 * (kroner_of(budget.meta.unit) or 1000)
    return {key: Decimal(value) / ore for key, value in sums.items()}


Accounts = dict[tuple[str, str | None], tuple[str, str]]


def _accounts(budget: Budget) -> Accounts:
    """(function code, cost centre or None) -> (area, frame), from areas.yaml's ``functions``."""
    from budgetcli.folder.spending import function_code

    accounts: Accounts = {}
    for area in budget.meta.areas:
        for account in area.accounts:
            code = function_code(account.code) or account.code
            centres: list[str | None] = [*account.cost_centres] or [None]
            for centre in centres:
                accounts[(code, centre)] = (area.code, account.frame)
    return accounts


def read_export(
    path: Path,
    shown: str,
    export: SpendingExport,
    accounts: Accounts,
    until: tuple[int, int],
    use_cache: bool = True,
) -> tuple[dict[Key, int], list[Problem]]:
    """The export's sums per (area, frame) in øre and its problems (each line that cannot be
    read, or why the file cannot be), from the cache when the file (its name, size, times and
    inode), its format, the accounts and the cut-off are those it was read with: a large export
    is read once, not on every validate."""
    import marshal

    from budgetcli.store import cache
    from budgetcli.store.row import problems_from, stored_problems

    key = _export_key(path, shown, export, accounts, until) if use_cache else None
    found = cache.read_index(key) if key is not None else None
    if found is not None:
        sums, stored = marshal.loads(found.content)
        return {tuple(k): v for k, v in sums}, problems_from(stored)
    sums, problems = _read(path, shown, export, accounts, until)
    if key is not None:
        content = marshal.dumps((list(sums.items()), stored_problems(problems)))
        cache.write_index(key, content, ())
    return sums, problems


def _export_key(
    path: Path, shown: str, export: SpendingExport, accounts: Accounts, until: tuple[int, int]
) -> bytes | None:
    """The cache's key of an export as read (``None``: not kept: the cache is off, the file
    cannot be stat'ed, or it changed less than two seconds ago, as the index's racy files)."""
    import os
    import time

    from budgetcli.store import cache
    from budgetcli.store.digests import digest
    from budgetcli.store.index import RACY_NS
    from budgetcli.store.load import VERSION

    if cache.cache_disabled():
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    if max(st.st_mtime_ns, st.st_ctime_ns) > time.time_ns() - RACY_NS:
        return None
    stat = (os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    about = repr((shown, export, sorted(accounts.items(), key=repr), until, stat))
    return digest(VERSION, b"spending", about.encode("utf-8", "surrogateescape"))


def _read(
    path: Path, shown: str, export: SpendingExport, accounts: Accounts, until: tuple[int, int]
) -> tuple[dict[Key, int], list[Problem]]:
    """The export read (``folder.spending``): its sums, and its problems as the export's."""
    from budgetcli.folder.spending import SpendingFormat, read_spending

    fmt = SpendingFormat(
        export.function,
        export.amount,
        export.cost_centre,
        export.period,
        export.separator,
        export.decimal,
        export.encoding,
    )
    read = read_spending(path, fmt, accounts, until)
    if isinstance(read, Said):
        return {}, [Problem(shown, 0, 0, Severity.ERROR, "spending", read.english, read)]
    problems = [
        Problem(shown, bad.line, 0, Severity.ERROR, "spending", bad.why.english, bad.why)
        for bad in read.bad
    ]
    return dict(read.sums), problems


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

    read = functools.cache(valid.catalogue.proposal)
    return diff_followups(
        followed_up(valid, folder, old, read), followed_up(valid, folder, new, read)
    )


def every_followup(valid: Valid, folder: Path) -> tuple[Computed, ...]:
    """Every follow-up of the data folder computed, oldest first (what export and report
    publish of the year after adoption)."""
    found = sorted(valid.context.followups, key=lambda lf: (lf.followup.cut_off, lf.followup.id))
    read = functools.cache(valid.catalogue.proposal)  # a proposal most name: read once
    return tuple(followed_up(valid, folder, lf.followup.id, read) for lf in found)


def spending_problems(checked: Checked, folder: Path, use_cache: bool = True) -> list[Problem]:
    """What ``validate`` says of the follow-ups that name a spending export: each line of it
    that cannot be read (or why the whole cannot be), then what computing the follow-up with
    its spending finds (an FR to extrapolate, the printed figures); none when the data is
    unusable."""
    if checked.contents is None:
        return []
    context = checked.contents.context
    if not any(lf.followup.spending for lf in context.followups):
        return []
    import marshal

    from budgetcli.store import cache
    from budgetcli.store.row import problems_from, stored_problems

    key = _checks_key(context, folder) if use_cache else None
    stored = cache.read_index(key) if key is not None else None
    if stored is not None:  # nothing they are made of changed: said as before, nothing read
        return problems_from(marshal.loads(stored.content))
    failed = _failed_forecasts(context, folder)
    found: list[Problem] = []
    for lf in context.followups:
        found += with_export(context, lf, folder, failed, use_cache)[1]
    if key is not None:
        cache.write_index(key, marshal.dumps(stored_problems(found)), ())
    return found


def _checks_key(context: Budget, folder: Path) -> bytes | None:
    """The cache's key of what ``spending_problems`` says: every file of the data folder but
    the proposals (its name, size, times, inode) and each export the follow-ups name, where
    they are shown from; ``None`` (not kept) when one changed in the last two seconds or
    cannot be stat'ed."""
    import os
    import time

    from budgetcli.folder.listing import FOLLOWUPS_DIR, data_files_with_stat, display_path
    from budgetcli.store.digests import digest
    from budgetcli.store.index import RACY_NS
    from budgetcli.store.load import VERSION

    racy = time.time_ns() - RACY_NS
    files = [(r, st) for r, st in data_files_with_stat(folder) if not r.startswith("proposals/")]
    for lf in context.followups:
        if lf.followup.spending is not None:
            try:
                st = os.stat(folder / FOLLOWUPS_DIR / lf.followup.spending.file)
            except OSError:
                return None
            files.append(
                (lf.followup.spending.file, (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns))
            )
    if any(not isinstance(st, tuple) or max(st[1], st[3]) > racy for _, st in files):
        return None
    about = repr((os.path.abspath(folder), display_path(folder), files))
    return digest(VERSION, b"followup-checks", about.encode("utf-8", "surrogateescape"))


def _failed_forecasts(budget: Budget, folder: Path) -> set[str]:
    """The forecasts whose file is there but did not load (its own errors say why): a
    follow-up that takes its FR from one is not said to name no forecast."""
    from budgetcli.folder.listing import FORECASTS_DIR, YAML_SUFFIXES

    try:
        stems = {p.stem for p in (folder / FORECASTS_DIR).iterdir() if p.suffix in YAML_SUFFIXES}
    except OSError:
        return set()
    return stems - {lf.forecast.id for lf in budget.forecasts}


def with_export(
    budget: Budget,
    lf: LoadedFollowup,
    folder: Path | None,
    failed: AbstractSet[str] = frozenset(),
    use_cache: bool = True,
) -> tuple[dict[Key, Decimal], list[Problem]]:
    """The spending the follow-up's export gives, and the problems of the export and of the
    follow-up computed with it (the checks ``validate`` leaves to when the export is read);
    none for a follow-up without one, or read from a revision."""
    from budgetcli.core.followupchecks import computed_problems

    if lf.followup.spending is None or folder is None:
        return {}, []
    try:
        spent = spending_of(budget, lf, folder, use_cache)
    except InvalidDataError as exc:
        return {}, exc.problems
    source = _placed(lf)
    return spent, [
        *_unplaced(lf, spent, source),
        *computed_problems(budget, lf, failed, spent, source),
    ]


def _unplaced(lf: LoadedFollowup, spent: dict[Key, Decimal], source: Source) -> list[Problem]:
    """Spending the export gives an area and frame the follow-up has no row for: said, never
    dropped silently (its function codes map it there)."""
    from budgetcli.core.diagnostics import said

    rows = {(e.area, e.frame) for e in lf.followup.rows}
    found = []
    for (area, frame), amount in sorted(spent.items()):
        if (area, frame) not in rows and amount:
            message = said(
                "the export gives {area} {frame} spending of {amount}, but the follow-up has no"
                " row for it: add the row, or map its function codes elsewhere in areas.yaml",
                area=area,
                frame=frame,
                amount=f"{amount:f}",
            )
            found.append(source.warning(("areas",), "spending-without-row", message))
    return found


def _placed(lf: LoadedFollowup) -> Source:
    """The follow-up file's source with its positions (the loaded one's were dropped once its
    checks ran): read again, it is small."""
    from budgetcli.folder.documents import source_of

    try:
        return source_of(lf.source.path, Path(lf.source.path).read_bytes())
    except OSError:
        return lf.source
