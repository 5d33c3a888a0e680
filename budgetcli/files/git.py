"""A data set read straight from git's objects: ``git ls-tree`` and ``git cat-file --batch``.

No checkout, no temporary work tree, nothing written: the work tree and the index are never
touched. Each file is named ``REV:path`` in messages, as git itself names it.

Also where the data folder is when none is named: found from where you stand, as git finds
its repository (``find_data_dir``).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from budgetcli.core.diagnostics import printable, undecodable
from budgetcli.core.errors import UsageError
from budgetcli.files.listing import (
    AREAS_FILE,
    FORECASTS_DIR,
    NOT_UTF8,
    PRICES_FILE,
    PROPOSALS_DIR,
    RULES_FILE,
    DataFile,
    data_kind,
    in_load_order,
    max_bytes,
    not_a_file,
    too_large,
)

#: the folder a data folder is looked for under, in each folder from where you stand up
DEFAULT_DATA = "data"


@dataclass(frozen=True)
class DataHome:
    """The data folder found when none is named."""

    #: the folder, relative to where you stand (``data`` when none was found)
    folder: Path
    #: the same folder inside the git work tree, relative to its top (``data`` when none was
    #: found, or when you stand outside a work tree)
    in_repository: str


def work_tree_top(start: Path) -> Path | None:
    """The first of ``start`` and its parents that holds ``.git`` (a folder, or the file of a
    linked work tree or a submodule), as git finds its work tree; ``None`` outside one."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def find_data_dir(cwd: Path) -> DataHome:
    """The data folder when none is named: in ``cwd`` and then in each folder above it up to
    the top of the git work tree (only ``cwd`` outside one), the first of ``<folder>/data`` and
    ``<folder>`` that holds ``areas.yaml``; ``data`` if none does.

    Standing at a repository's top, in its data folder or in any folder below either, finds
    the same folder. Paths are taken by name, never resolved: a data folder that is a symbolic
    link is found, and read from history, by its name."""
    top = work_tree_top(cwd)
    folders = [cwd] if top is None else [cwd, *cwd.parents[: len(cwd.parents) - len(top.parents)]]
    for folder in folders:
        for candidate in (folder / DEFAULT_DATA, folder):
            if (candidate / AREAS_FILE).is_file():
                inside = os.path.relpath(candidate, top) if top is not None else DEFAULT_DATA
                return DataHome(Path(os.path.relpath(candidate, cwd)), inside.replace(os.sep, "/"))
    return DataHome(Path(DEFAULT_DATA), DEFAULT_DATA)


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


def read_revision(rev: str, data_dir: Path, cwd: Path, *, from_top: bool = False) -> list[DataFile]:
    """The data folder ``data_dir`` (relative to ``cwd``, or with ``from_top`` to the top of
    the work tree at ``cwd``) as it is in revision ``rev``, read from the repository that holds
    the folder (or, if it is not there now, the one at ``cwd``)."""
    # A relative folder is taken as written, from where you stand (a symlink in today's work
    # tree says nothing of history); an absolute one is read from the repository that holds it.
    absolute = data_dir.is_absolute() and not from_top
    where = data_dir if absolute and data_dir.is_dir() else cwd
    done = _git(["rev-parse", "--show-toplevel", "--show-prefix"], where)
    if done.returncode != 0:
        raise UsageError(f"'{rev}' is not a folder, and {where} is not inside a git repository")
    top, _, here = _out(done).partition("\n")
    if from_top:
        inside = os.path.normpath(data_dir)
    elif where == data_dir:
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
        for name in (AREAS_FILE, RULES_FILE, PRICES_FILE, f"{PROPOSALS_DIR}/", f"{FORECASTS_DIR}/")
    ]
    listing = _git(["ls-tree", "-z", "-l", "--full-tree", commit_id, "--", *wanted], cwd)
    if listing.returncode != 0:
        raise UsageError(f"git ls-tree failed: {listing.stderr.decode(errors='replace').strip()}")
    blobs, refused = _entries(listing.stdout, prefix)
    if AREAS_FILE not in blobs and AREAS_FILE not in refused:
        raise UsageError(f"{rev}:{prefix or './'} holds no budget data: {AREAS_FILE} is missing")
    relpaths = in_load_order([*blobs, *refused])
    readable = [r for r in relpaths if r in blobs]
    contents = dict(zip(readable, _cat_files([blobs[r] for r in readable], cwd), strict=True))
    return [
        DataFile(printable(f"{rev}:{prefix}{r}"), r, contents.get(r), refused.get(r, ""))
        for r in relpaths
    ]


def _entries(listing: bytes, prefix: str) -> tuple[dict[str, str], dict[str, str]]:
    """``git ls-tree -l -z`` as (path -> blob id) for the files budgetcli reads, and (path ->
    why not) for the rest that have a data file's name: nothing in history is skipped unsaid,
    as nothing in a folder is."""
    blobs: dict[str, str] = {}
    refused: dict[str, str] = {}
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.decode("utf-8", errors="surrogateescape").partition("\t")
        mode, kind, oid, size = meta.split()
        relpath = path.removeprefix(prefix)
        if data_kind(relpath) is None:
            continue
        if undecodable(relpath):
            refused[relpath] = NOT_UTF8
        elif kind != "blob" or mode == "120000":
            what = {"tree": "a folder", "commit": "a submodule"}.get(kind, "a symbolic link")
            refused[relpath] = not_a_file(f"{what} in git")
        elif int(size) > (limit := max_bytes(relpath)):
            refused[relpath] = too_large(f"{size} bytes", limit)
        else:
            blobs[relpath] = oid
    return blobs, refused


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
