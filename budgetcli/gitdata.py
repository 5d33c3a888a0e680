"""A data set read straight from git's objects: ``git ls-tree`` and ``git cat-file --batch``.

No checkout, no temporary work tree, nothing written: the work tree and the index are never
touched. Each file is named ``REV:path`` in messages, as git itself names it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from budgetcli.errors import UsageError
from budgetcli.loading import (
    AREAS_FILE,
    FORECASTS_DIR,
    PROPOSALS_DIR,
    RULES_FILE,
    DataFile,
    in_load_order,
)


def _git(
    args: list[str], cwd: Path, data: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; compare two data folders instead") from None


def repository_root(cwd: Path) -> Path | None:
    done = _git(["rev-parse", "--show-toplevel"], cwd)
    return Path(done.stdout.decode().strip()) if done.returncode == 0 else None


def read_revision(rev: str, data_dir: Path, cwd: Path) -> list[DataFile]:
    """The data folder ``data_dir`` (relative to ``cwd``) as it is in revision ``rev``."""
    top = repository_root(cwd)
    if top is None:
        raise UsageError(f"'{rev}' is not a folder, and {cwd} is not inside a git repository")
    done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd)
    if done.returncode != 0:
        raise UsageError(
            f"'{rev}' is neither a data folder nor a revision of the repository at {top}"
        )
    commit = done.stdout.decode().strip()

    folder = Path(os.path.abspath(cwd / data_dir))
    try:
        inside = PurePosixPath(folder.resolve().relative_to(top.resolve()).as_posix())
    except ValueError:
        raise UsageError(
            f"the data folder {data_dir} is not inside the repository at {top}"
        ) from None
    prefix = "" if str(inside) == "." else f"{inside}/"

    wanted = [
        f"{prefix}{name}"
        for name in (AREAS_FILE, RULES_FILE, f"{PROPOSALS_DIR}/", f"{FORECASTS_DIR}/")
    ]
    listing = _git(["ls-tree", "-z", "--full-tree", commit, "--", *wanted], cwd)
    if listing.returncode != 0:
        raise UsageError(f"git ls-tree failed: {listing.stderr.decode(errors='replace').strip()}")
    blobs: dict[str, str] = {}  # path -> object id
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.decode("utf-8", errors="surrogateescape").partition("\t")
        mode, kind, oid = meta.split()
        if kind == "blob" and mode != "120000":  # files, not links or submodules
            blobs[path.removeprefix(prefix)] = oid
    if AREAS_FILE not in blobs:
        raise UsageError(f"{rev}:{prefix or './'} holds no budget data: {AREAS_FILE} is missing")
    relpaths = in_load_order(blobs)
    contents = _cat_files([blobs[r] for r in relpaths], cwd)
    return [
        DataFile(f"{rev}:{prefix}{r}", r, data) for r, data in zip(relpaths, contents, strict=True)
    ]


def _cat_files(oids: list[str], cwd: Path) -> list[bytes]:
    """The contents of blobs, in one ``git cat-file --batch`` process."""
    done = _git(["cat-file", "--batch"], cwd, "".join(f"{oid}\n" for oid in oids).encode())
    if done.returncode != 0:
        raise UsageError(f"git cat-file failed: {done.stderr.decode(errors='replace').strip()}")
    out, pos, contents = done.stdout, 0, []
    for _ in oids:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        start = header_end + 1
        contents.append(out[start : start + size])
        pos = start + size + 1  # the content is followed by a newline
    return contents
