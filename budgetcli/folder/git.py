"""A data set read straight from git's objects: ``git ls-tree`` and ``git cat-file --batch``.

No checkout, no temporary work tree, nothing written: the work tree and the index are never
touched. Each file is named ``REV:path`` in messages, as git itself names it.

Also where the data folder is when none is named: found from where you stand, as git finds
its repository (``find_data_dir``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import NamedTuple

from budgetcli.core.diagnostics import Said, printable, said, undecodable
from budgetcli.core.errors import UsageError
from budgetcli.folder.listing import (
    APPROPRIATIONS_DIR,
    AREAS_FILE,
    FOLLOWUPS_DIR,
    FORECASTS_DIR,
    NOT_UTF8,
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


class DataHome(NamedTuple):
    """The data folder found when none is named. (A NamedTuple: a run that finds its folder
    makes one, and a NamedTuple costs a tenth of a dataclass to declare.)"""

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
        raise UsageError(said("git is not installed; compare two data folders instead")) from None


def _out(done: subprocess.CompletedProcess[bytes]) -> str:
    """git's answer, less its final newline only (a path may end in a space)."""
    return done.stdout.decode("utf-8", errors="surrogateescape").removesuffix("\n")


def _no_repository(rev: str, where: Path) -> Said:
    return said(
        "'{rev}' is not a folder, and {where} is not inside a git repository", rev=rev, where=where
    )


def _outside(data_dir: Path, top: str) -> Said:
    return said(
        "the data folder {folder} is not inside the repository at {top}", folder=data_dir, top=top
    )


def _no_revision(rev: str, top: str) -> Said:
    return said(
        "'{rev}' is neither a data folder nor a revision of the repository at {top}",
        rev=rev,
        top=top,
    )


def _failed(command: str, done: subprocess.CompletedProcess[bytes]) -> Said:
    """git's own error, after the command that failed (``ls-tree``, ``cat-file``)."""
    message = done.stderr.decode(errors="replace").strip()
    if command == "ls-tree":
        return said("git ls-tree failed: {message}", message=message)
    return said("git cat-file failed: {message}", message=message)


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
        raise UsageError(_no_repository(rev, where))
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
        raise UsageError(_outside(data_dir, top))
    prefix = "" if inside == "." else inside.replace(os.sep, "/") + "/"

    resolved = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", rev], where)
    commit = _git(["rev-parse", "--verify", "--quiet", f"{_out(resolved)}^{{commit}}"], where)
    if resolved.returncode != 0 or commit.returncode != 0:
        raise UsageError(_no_revision(rev, top))
    commit_id = _out(commit)
    cwd = where

    # the folders themselves, recursively (-r) with each tree on the way (-t): a folder that is
    # a link or a submodule in the revision is an entry of its own, said, never an empty folder
    wanted = [f"{prefix}{name}" for name in (AREAS_FILE, *FOLDERS)]
    listing = _git(
        ["ls-tree", "-r", "-t", "-z", "-l", "--full-tree", commit_id, "--", *wanted], cwd
    )
    if listing.returncode != 0:
        raise UsageError(_failed("ls-tree", listing))
    blobs, refused, links = _entries(listing.stdout, prefix)
    if AREAS_FILE not in blobs and AREAS_FILE not in refused:
        raise UsageError(_no_areas(rev, commit_id, prefix, cwd))
    # the files in load order, then the folders not read (as a folder's listing puts them)
    relpaths = in_load_order([*blobs, *refused]) + [r for r in FOLDERS if r in refused]
    readable = [r for r in relpaths if r in blobs]
    contents = _cat_files([*(blobs[r] for r in readable), *links.values()], cwd)
    for relpath, target in zip(links, contents[len(readable) :], strict=True):
        refused[relpath] = _not_a_folder("link", _target(target))  # a link's blob: its target
    data = dict(zip(readable, contents, strict=False))
    return [
        DataFile(printable(f"{rev}:{prefix}{r}"), r, data.get(r), refused.get(r)) for r in relpaths
    ]


#: the folders of a data folder whose files are read (``rules`` holds two of them)
FOLDERS = (
    RULES_FILE.partition("/")[0],
    PROPOSALS_DIR,
    FORECASTS_DIR,
    APPROPRIATIONS_DIR,
    FOLLOWUPS_DIR,
)
#: what git's kind of an entry is in a message (a blob of mode 120000 is a symbolic link)
_KINDS = {"tree": said("a folder"), "commit": said("a submodule"), "link": said("a symbolic link")}


def _entries(listing: bytes, prefix: str) -> tuple[dict[str, str], dict[str, Said], dict[str, str]]:
    """``git ls-tree -r -t -l -z`` as (path -> blob id) for the files budgetcli reads, (path ->
    why not) for the rest that have a data file's name or are a data folder not stored as a
    folder, and (path -> blob id) of the folders that are symbolic links, whose reason needs
    their target: nothing in history is skipped unsaid, as nothing in a folder is."""
    blobs: dict[str, str] = {}
    refused: dict[str, Said] = {}
    links: dict[str, str] = {}
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, path = entry.decode("utf-8", errors="surrogateescape").partition("\t")
        mode, kind, oid, size = meta.split()
        relpath = path.removeprefix(prefix)
        kind = "link" if mode == "120000" else kind
        if not path.startswith(prefix):
            continue  # a folder on the way to the data folder
        if relpath in FOLDERS:
            if kind != "tree":
                refused[relpath] = _not_a_folder(kind)
                links.update({relpath: oid} if kind == "link" else {})
            continue
        if data_kind(relpath) is None:
            continue
        if undecodable(relpath):
            refused[relpath] = NOT_UTF8
        elif kind != "blob":
            refused[relpath] = not_a_file(said("{kind} in git", kind=_KINDS.get(kind, kind)))
        elif int(size) > (limit := max_bytes(relpath)):
            refused[relpath] = too_large(int(size), limit)
        else:
            blobs[relpath] = oid
    return blobs, refused, links


#: what to do about a data folder a revision does not store as a folder
COMPARE_FOLDERS = said("compare two folders instead")


def _not_a_folder(kind: str, target: str = "", fix: Said = COMPARE_FOLDERS) -> Said:
    """Why a data folder that a revision stores as ``kind`` (a link to ``target``, a
    submodule, a file) is not read, and ``fix``."""
    if kind == "link":
        return said(
            "a symbolic link in git (to {target}), not a folder: a revision keeps where a link"
            " leads, not the files there, so they cannot be read from it; {fix}",
            target=target,
            fix=fix,
        )
    if kind == "commit":
        return said(
            "a submodule in git, not a folder: its files are in another repository, not in"
            " this revision; {fix}",
            fix=fix,
        )
    return said("{kind} in git, not a folder", kind=_KINDS.get(kind, said("a file")))


def _target(blob: bytes) -> str:
    """A symbolic link's target (its blob) as a message shows it."""
    return printable(blob.decode("utf-8", errors="surrogateescape"))


def _no_areas(rev: str, commit: str, prefix: str, cwd: Path) -> Said:
    """Why a revision holds no ``areas.yaml`` where the data folder is: a folder on the way
    there that the revision stores as a link or a submodule, if one is, else that the file is
    missing."""
    parts = prefix.rstrip("/").split("/") if prefix else []
    for depth in range(1, len(parts) + 1):
        path = "/".join(parts[:depth])
        done = _git(["ls-tree", "-z", "--full-tree", commit, "--", path], cwd)
        meta = _out(done).partition("\t")[0].split()
        if done.returncode != 0 or len(meta) < 3 or meta[1] == "tree":
            continue
        kind = "link" if meta[0] == "120000" else meta[1]
        target = _target(_cat_files([meta[2]], cwd)[0]) if kind == "link" else ""
        fix = said("name the folder it leads to with --data")
        return said(
            "{place} is {why}",
            place=f"{rev}:{printable(path)}",
            why=_not_a_folder(kind, target, fix),
        )
    return said(
        "{place} holds no budget data: {file} is missing",
        place=f"{rev}:{prefix or './'}",
        file=AREAS_FILE,
    )


def _cat_files(oids: list[str], cwd: Path) -> list[bytes]:
    """The contents of blobs, in one ``git cat-file --batch`` process."""
    done = _git(["cat-file", "--batch"], cwd, "".join(f"{oid}\n" for oid in oids).encode())
    if done.returncode != 0:
        raise UsageError(_failed("cat-file", done))
    out, pos, contents = done.stdout, 0, []
    for _ in oids:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        start = header_end + 1
        contents.append(out[start : start + size])
        pos = start + size + 1  # the content is followed by a newline
    return contents
