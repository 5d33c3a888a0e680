"""A data set read straight from git's objects: ``git ls-tree`` and ``git cat-file --batch``.

No checkout, no temporary work tree, nothing written: the work tree and the index are never
touched. Each file is named ``REV:path`` in messages, as git itself names it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

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
        return subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            input=data,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("git is not installed; compare two data folders instead") from None


def _out(done: subprocess.CompletedProcess[bytes]) -> str:
    """git's answer, less its final newline only (a path may end in a space)."""
    return done.stdout.decode("utf-8", errors="surrogateescape").removesuffix("\n")


def read_revision(rev: str, data_dir: Path, cwd: Path) -> list[DataFile]:
    """The data folder ``data_dir`` (relative to ``cwd``) as it is in revision ``rev``, read
    from the repository that holds the folder (or, if it is not there now, the one at ``cwd``)."""
    # A relative folder is taken as written, from where you stand (a symlink in today's work
    # tree says nothing of history); an absolute one is read from the repository that holds it.
    where = data_dir if data_dir.is_absolute() and data_dir.is_dir() else cwd
    done = _git(["rev-parse", "--show-toplevel", "--show-prefix"], where)
    if done.returncode != 0:
        raise UsageError(f"'{rev}' is not a folder, and {where} is not inside a git repository")
    top, _, here = _out(done).partition("\n")
    if where == data_dir:
        inside = here.rstrip("/") or "."
    elif data_dir.is_absolute():
        inside = os.path.relpath(os.path.abspath(data_dir), top) if os.path.isabs(top) else ".."
    else:
        inside = os.path.normpath(os.path.join(here, data_dir))
    if inside == ".." or inside.startswith(".." + os.sep):
        raise UsageError(f"the data folder {data_dir} is not inside the repository at {top}")
    prefix = "" if inside == "." else inside.replace(os.sep, "/") + "/"

    resolved = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", rev], where)
    commit = _git(["rev-parse", "--verify", "--quiet", f"{_out(resolved)}^{{commit}}"], where)
    if resolved.returncode != 0 or commit.returncode != 0:
        raise UsageError(
            f"'{rev}' is neither a data folder nor a revision of the repository at {top}"
        )
    commit_id = _out(commit)
    cwd = where

    wanted = [
        f"{prefix}{name}"
        for name in (AREAS_FILE, RULES_FILE, f"{PROPOSALS_DIR}/", f"{FORECASTS_DIR}/")
    ]
    listing = _git(["ls-tree", "-z", "--full-tree", commit_id, "--", *wanted], cwd)
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
