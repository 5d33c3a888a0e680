"""Load and check a data folder, with a cache of the result keyed by the files' content.

Validating means PyYAML and pydantic, and importing pydantic alone takes longer than the rest
of a ``summary`` run. The result of loading and checking (the domain values and every problem)
depends only on the files' bytes, their paths as shown in messages, and this program's version,
so it is stored under a hash of exactly those. A run with no file changed reads the stored
result and never imports YAML or pydantic.

* Where: ``$BUDGETCLI_CACHE_DIR``, else ``$XDG_CACHE_HOME/budgetcli``, else ``~/.cache/budgetcli``.
* A corrupt, unreadable or foreign entry is ignored and rebuilt; the cache is never required.
* Writes are atomic (temporary file + rename), so concurrent runs never read a half-written entry.
* ``--no-cache`` or ``BUDGETCLI_NO_CACHE=1`` turns it off. The newest ``KEEP`` entries are kept.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from budgetcli import __version__
from budgetcli.diagnostics import Problem, sort_problems
from budgetcli.loading import Budget, DataFile, read_folder

#: bump when the cached shapes change, so old entries are never read as new ones
FORMAT = 1
KEEP = 64


@dataclass(frozen=True)
class Checked:
    """A data folder loaded and cross-checked: ``budget`` is None if ``areas.yaml`` is unusable."""

    budget: Budget | None
    problems: list[Problem]
    files: int

    @property
    def valid(self) -> bool:
        return self.budget is not None and not any(p.is_error for p in self.problems)


def cache_dir() -> Path:
    explicit = os.environ.get("BUDGETCLI_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "budgetcli"


def cache_disabled() -> bool:
    return os.environ.get("BUDGETCLI_NO_CACHE", "").lower() not in ("", "0", "false", "no")


def load_checked(data_dir: Path, use_cache: bool = True) -> Checked:
    """Load and check a data folder (``UsageError`` if it holds no data)."""
    return check_files(read_folder(data_dir), use_cache)


def check_files(files: list[DataFile], use_cache: bool = True) -> Checked:
    """Load and check a data set read from a folder or from git."""
    if not use_cache or cache_disabled():
        return _compute(files)
    entry = cache_dir() / f"{_key(files)}.pickle"
    cached = _read(entry)
    if cached is not None:
        return cached
    result = _compute(files)
    _write(entry, result)
    return result


def _compute(files: list[DataFile]) -> Checked:
    from budgetcli.checks import check_budget
    from budgetcli.loading import load_files

    loaded = load_files(files)
    problems = list(loaded.problems)
    if loaded.budget is not None:
        problems += check_budget(loaded.budget)
    return Checked(loaded.budget, sort_problems(problems), loaded.files)


def _key(files: list[DataFile]) -> str:
    h = hashlib.sha256()
    h.update(f"budgetcli {__version__} format {FORMAT} python {sys.version_info[:2]}\0".encode())
    for file in files:
        data = file.data if file.data is not None else f"unreadable: {file.error}".encode()
        h.update(f"{file.name}\0{file.stem}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def _read(entry: Path) -> Checked | None:
    try:
        with entry.open("rb") as f:
            value = pickle.load(f)
    except FileNotFoundError:
        return None
    except Exception:  # corrupt or from an incompatible version: rebuild
        return None
    return value if isinstance(value, Checked) else None


def _write(entry: Path, result: Checked) -> None:
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(result, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(entry.parent)
    except OSError:
        pass  # a read-only or full cache directory must never fail a command


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
