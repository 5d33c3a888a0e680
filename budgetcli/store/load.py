"""Loading a data set, each file's result cached by its content: the store's entry points.

``load_checked`` (a folder), ``check_files`` (files read from git) and ``compute`` (no cache)
are one path, ``_load``: the index of the last load of the same data set says which files are
unchanged (``index``, ``changed``); the others go through ``stages.file_stage`` (in worker
processes when there are many); ``stages.budget_stage`` runs over every file's result; the new
results are stored (the proposals in a pack, the rest in the index). Nothing here depends on
where the files came from: a ``DataSet`` lists them and reads them.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

from budgetcli import __version__
from budgetcli.folder import listing
from budgetcli.folder.listing import DataFile, data_kind
from budgetcli.store import cache, changed, codec, index, result, stages
from budgetcli.store.changed import DataSet, digest_of
from budgetcli.store.digests import digest
from budgetcli.store.index import Index
from budgetcli.store.result import Checked

#: what every key is made with: a result of another version, or of values of other fields
#: (``codec.SHAPE``: a field added to a proposal), is never read as this one's
VERSION = (
    f"budgetcli {__version__} format {cache.FORMAT} shape {codec.SHAPE}"
    f" python {sys.version_info[:2]}"
).encode()


def load_checked(data_dir: Path, use_cache: bool = True) -> Checked:
    """Load and check a data folder (``UsageError`` if it holds no data)."""
    folder = listing.list_folder(data_dir)
    key = None
    if use_cache and not cache.cache_disabled():
        where = os.fsencode(os.path.abspath(data_dir))
        key = digest(VERSION, b"folder", where, folder.shown.encode("utf-8", "replace"))
    return _load(DataSet(folder.listing, folder.read, key, folder.part))


def check_files(files: list[DataFile], use_cache: bool = True) -> Checked:
    """Load and check a data set read from git (or any files at hand)."""
    key = None
    if use_cache and not cache.cache_disabled():
        names = [f.name.rpartition(f.relpath)[0] for f in files[:1]]
        key = digest(VERSION, b"files", *(n.encode("utf-8", "replace") for n in names))
    return _load(_in_memory(files, key))


def compute(files: list[DataFile], workers: int | None = None) -> Checked:
    """Load and check ``files`` with no cache; the proposals in ``workers`` processes (default:
    one a core when there are many)."""
    return _load(_in_memory(files, None), workers=workers)


def _in_memory(files: list[DataFile], key: bytes | None) -> DataSet:
    by_path = {f.relpath: f for f in files}
    listing = [(f.relpath, digest_of(f)) for f in files]  # a file's digest says if it changed
    return DataSet(listing, lambda relpaths: [by_path[r] for r in relpaths], key)


def _load(data: DataSet, workers: int | None = None, trusted: bool = True) -> Checked:
    """The one load path. ``trusted``: the stored index may be used (False: every file is
    read and computed again, as when a stored proposal turned out damaged)."""
    reload_from_files = functools.partial(_load, data, workers, trusted=False)
    previous = index.read(data.key) if trusted and data.key else None
    if previous is not None and previous.up_to_date(data.listing):
        return result.checked(previous, {}, reload_from_files)
    kinds = [data_kind(relpath) for relpath, _ in data.listing]
    context_files = data.read(
        [r for (r, _), k in zip(data.listing, kinds, strict=True) if k != "proposal"]
    )
    context_key = digest(
        VERSION, *(f.name.encode("utf-8", "replace") + digest_of(f) for f in context_files)
    )
    if previous is not None and previous.context_key == context_key:
        context, reusable = previous.context, previous
    else:
        context, reusable = stages.context_stage(context_files, "proposal" in kinds), None
    places = [i for i, k in enumerate(kinds) if k == "proposal"]
    pack = cache.new_pack_name() if data.key is not None else None
    rows = changed.rows(data, places, context, context_key, reusable, workers, pack)
    budget = stages.budget_stage(
        context, rows.problems, rows.table.ids, rows.source, rows.lines, rows.edit
    )
    files = sum(kind is not None for kind in kinds)
    loaded = Index(
        data.listing, files, context_key, context, places, rows.table, budget,
        previous.base if previous is not None else None, rows.computed_rows,
        set(previous.packs) if previous is not None else set(),
    )  # fmt: skip
    if data.key is not None:
        index.write(data.key, loaded, rows.computed_proposals, pack)
    return result.checked(loaded, rows.computed_proposals, reload_from_files)
