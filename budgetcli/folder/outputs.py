"""Where ``export`` and ``report`` may write, and what they may replace.

What they write is the user's; what is there already may be the user's too, so each output is
judged before a byte is written (``file_refusal``, ``folder_refusal``: ``None``, or why not, as
a sentence that says how to go on):

- ``export`` writes a regular file. A symbolic link is neither written through nor replaced; a
  folder, a device, a named pipe or a socket is refused; a file of the data folder (a place
  budgetcli reads) is never written; a regular file that is there is replaced only with
  ``--force``.
- ``report`` writes a folder, and leaves ``.budgetcli-report`` in it (``REPORT_MARKER``): its
  first line is ``MARKER_LINE``, the others name the files the report wrote. With ``--force``
  it replaces an empty folder, or one that holds that marker and nothing but the files it
  names; never the data folder, the current folder, the home folder, the root folder or a
  folder that holds any of them, never a symbolic link, never a file.
- ``export --format fdp`` writes a folder (a Fiscal Data Package) by the same rules, with a
  marker of its own (``.budgetcli-fdp``): each folder is a ``FolderWriter``'s, and one never
  replaces the other's.

The writing itself is ``folder.writing``'s: atomic, nothing left behind when it fails.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from budgetcli.core.diagnostics import Said, printable, said
from budgetcli.core.lazyclasses import dataclass
from budgetcli.folder.listing import data_kind
from budgetcli.folder.writing import (
    write_bytes_atomically,
    write_folder_streamed,
    write_made_atomically,
)

#: the file ``report`` leaves in the folder it writes, so that ``--force`` knows the folder
REPORT_MARKER = ".budgetcli-report"
#: the marker's first line; the lines after it name the files the report wrote
MARKER_LINE = (
    "budgetcli report wrote this folder; report --force replaces it"
    " while it holds nothing but the files named below"
)
#: a marker larger than this is not one ``report`` wrote (it names one line per page)
MARKER_MAX_BYTES = 64 << 20
#: how many of the names a folder holds a refusal shows
SHOWN_NAMES = 3
NEW_FOLDER = said("name a new folder for the report, such as site")


@dataclass(frozen=True)
class FolderWriter:
    """A command that writes a folder: its name in messages, the marker it leaves, the
    marker's first line, and the advice when a folder is refused."""

    command: str
    marker: str
    line: str
    new_folder: Said


REPORT = FolderWriter("report", REPORT_MARKER, MARKER_LINE, NEW_FOLDER)
#: ``export --format fdp``: a Fiscal Data Package's folder
FDP = FolderWriter(
    "export --format fdp",
    ".budgetcli-fdp",
    "budgetcli export --format fdp wrote this folder; export --format fdp --force replaces it"
    " while it holds nothing but the files named below",
    said("name a new folder for the package, such as budget-fdp"),
)


def place(path: Path) -> Path:
    """``path`` as an absolute path whose folders' links are resolved but whose last name is
    kept (a link stays a link); ``.``, ``..`` and ``/`` are resolved to the folder they are."""
    if path.name in ("", ".."):
        return path.resolve()
    return path.absolute().parent.resolve() / path.name


# --- export: a file ------------------------------------------------------------------------


def file_refusal(path: Path, force: bool, data: Path) -> Said | None:
    """Why ``export`` may not write ``path`` (``None``: it may). ``data`` is the data folder."""
    shown, where = printable(str(path)), place(path)
    if where.is_symlink():
        return said(
            "{path} is a symbolic link: export neither writes through one nor replaces it;"
            " name the file itself, or a new one",
            path=shown,
        )
    if not os.path.lexists(where):
        return _folder_missing(path) or _data_file(shown, where, data, "export")
    mode = where.lstat().st_mode
    if stat.S_ISDIR(mode):
        return said(
            "{path} is a folder: export writes a file; name a file in it, or a new one", path=shown
        )
    if not stat.S_ISREG(mode):
        return said(
            "{path} is {kind}, not a regular file: export writes only a regular file; name a new"
            " one",
            path=shown,
            kind=_kind(mode),
        )
    if refused := _data_file(shown, where, data, "export"):
        return refused
    if not force:
        return _there(shown)
    if not exported(where):
        return said(
            "{path} is there, and was not written by budgetcli export: --force replaces only a"
            " workbook or a database export wrote; name a new file",
            path=shown,
        )
    return None


#: what marks a file export wrote: a workbook's keywords, a database's ``budget.command``
_WORKBOOK_MARK = b"<cp:keywords>budgetcli</cp:keywords>"


def exported(path: Path) -> bool:
    """Whether the regular file ``path`` is a workbook or a database ``export`` wrote (read
    without changing it: the workbook's properties, the database's ``budget`` table, read only;
    anything that cannot be read so is not one)."""
    try:
        with path.open("rb") as file:
            start = file.read(16)
        if start.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo("docProps/core.xml")
                return info.file_size < 1 << 20 and _WORKBOOK_MARK in archive.read(info)
        if start == b"SQLite format 3\x00":
            uri = f"{path.resolve().as_uri()}?mode=ro"
            with contextlib.closing(sqlite3.connect(uri, uri=True)) as db:
                row = db.execute("SELECT command FROM budget LIMIT 1").fetchone()
            return row is not None and str(row[0]).startswith("budgetcli")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, sqlite3.Error):
        return False
    return False


def _there(shown: str) -> Said:
    return said("{path} is there already: --force replaces it", path=shown)


def _kind(mode: int) -> Said:
    if stat.S_ISCHR(mode):
        return said("a character device")
    if stat.S_ISBLK(mode):
        return said("a block device")
    if stat.S_ISFIFO(mode):
        return said("a named pipe")
    if stat.S_ISSOCK(mode):
        return said("a socket")
    return said("not a file")


def _folder_missing(path: Path) -> Said | None:
    """Why a new ``path`` cannot be made: its folder is a file, or is not there."""
    if path.parent.is_dir():
        return None
    shown, parent = printable(str(path)), printable(str(path.parent))
    if path.parent.exists():
        return said("cannot write {path}: {folder} is not a folder", path=shown, folder=parent)
    return said("cannot write {path}: {folder} is not there", path=shown, folder=parent)


def _data_file(shown: str, where: Path, data: Path, command: str) -> Said | None:
    """Why ``where`` is no place for an output: the data folder reads a file there."""
    folder = data.resolve()
    if not where.is_relative_to(folder) or data_kind(where.relative_to(folder).as_posix()) is None:
        return None
    fields = {"path": shown, "data": printable(str(data)), "command": command}
    if command.startswith("report") or "fdp" in command:
        return said(
            "{path} would be read as part of the budget in {data}: {command} never writes there;"
            " name a folder outside the data folder",
            **fields,
        )
    return said(
        "{path} would be read as part of the budget in {data}: {command} never writes there;"
        " name a file outside the data folder",
        **fields,
    )


def write_file(path: Path, content: bytes) -> None:
    """``content`` to ``path`` (judged by ``file_refusal``), atomically; ``OSError`` if it
    cannot be written, and then nothing was changed."""
    write_bytes_atomically(place(path), content)


def write_file_made(path: Path, make: Callable[[Path], None]) -> None:
    """The file ``make`` makes in the new empty file it is given, put at ``path`` (judged by
    ``file_refusal``) atomically; ``OSError`` if it cannot be written, and then nothing was
    changed."""
    write_made_atomically(place(path), make)


# --- report: a folder ----------------------------------------------------------------------


def folder_refusal(
    path: Path, force: bool, data: Path, writer: FolderWriter = REPORT
) -> Said | None:
    """Why ``writer`` (``report``) may not write the folder ``path`` (``None``: it may)."""
    shown, where, w = printable(str(path)), place(path), writer
    if where.is_symlink():
        return said(
            "{path} is a symbolic link: {command} neither writes through one nor replaces it;"
            " {advice}",
            path=shown,
            command=w.command,
            advice=w.new_folder,
        )
    if not os.path.lexists(where):
        return _folder_missing(path) or _data_file(shown, where, data, w.command)
    if refused := _kept_folder(shown, where, data, w):
        return refused
    if not where.is_dir():
        return said(
            "{path} is not a folder: {command} writes a folder and never replaces a file; {advice}",
            path=shown,
            command=w.command,
            advice=w.new_folder,
        )
    try:
        foreign = _not_written_by_report(where, w)
    except OSError as exc:
        return said(
            "{path} cannot be read ({reason}): {command} replaces only a folder it can see is"
            " empty or its own; {advice}",
            path=shown,
            reason=exc.strerror or exc,
            command=w.command,
            advice=w.new_folder,
        )
    if foreign:
        named = ", ".join(printable(name) for name in foreign[:SHOWN_NAMES])
        more = ", …" if len(foreign) > SHOWN_NAMES else ""
        return said(
            "{path} holds what {command} did not write ({names}): {command} --force replaces"
            " only an empty folder or one it wrote (with {marker} in it); move those away, or"
            " {advice}",
            path=shown,
            command=w.command,
            names=named + more,
            marker=w.marker,
            advice=w.new_folder,
        )
    return None if force else _there(shown)


def _kept_folder(shown: str, where: Path, data: Path, w: FolderWriter) -> Said | None:
    """Why ``where`` is never replaced: it is, or holds, the root, current, home or data
    folder."""
    never = said("{command} never replaces it; {advice}", command=w.command, advice=w.new_folder)
    if where == Path(where.anchor):
        return said("{path} is the root folder: {never}", path=shown, never=never)
    kept = [
        (Path.cwd().resolve(), said("the current folder")),
        (data.resolve(), said("the data folder")),
    ]
    if (home := _home()) is not None:
        kept.insert(1, (home, said("your home folder")))
    for folder, name in kept:
        if where == folder:
            return said("{path} is {name}: {never}", path=shown, name=name, never=never)
    for folder, name in kept:
        if folder.is_relative_to(where):
            return said("{path} holds {name}: {never}", path=shown, name=name, never=never)
    return None


def _home() -> Path | None:
    """The user's home folder, resolved (``None`` where there is none to be found)."""
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def _not_written_by_report(folder: Path, writer: FolderWriter) -> list[str]:
    """What ``folder`` holds that a report did not write, by relative path (a folder with a
    ``/``), sorted; empty when the folder is empty or a report's. Without a report's marker
    only the folder's own entries are listed (a large folder is not walked)."""
    named = _marker_names(folder, writer)
    if named is None:
        with os.scandir(folder) as found:
            return sorted(e.name + ("/" if e.is_dir(follow_symlinks=False) else "") for e in found)
    folders = {str(up) for name in named for up in Path(name).parents} - {"."}
    foreign = []
    for relative, entry in _entries(folder, ""):
        if entry.is_dir(follow_symlinks=False):
            if relative not in folders:
                foreign.append(relative + "/")
        elif not entry.is_file(follow_symlinks=False) or (
            relative not in named and relative != writer.marker
        ):
            foreign.append(relative)
    return sorted(foreign)


def _entries(folder: Path, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under ``folder`` (links not followed), with its path from the top."""
    with os.scandir(folder) as found:
        entries = list(found)
    for entry in entries:
        relative = prefix + entry.name
        yield relative, entry
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(Path(entry.path), relative + "/")


def _marker_names(folder: Path, writer: FolderWriter) -> set[str] | None:
    """The files ``folder``'s marker names, ``None`` if it has no marker ``writer`` wrote (a
    regular file, not too large, UTF-8, its line first)."""
    marker = folder / writer.marker
    try:
        found = marker.lstat()
        if not stat.S_ISREG(found.st_mode) or found.st_size > MARKER_MAX_BYTES:
            return None
        lines = marker.read_bytes().decode("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    if lines[0] != writer.line:
        return None
    return {line for line in lines[1:] if line}


def marker(files: Iterable[str], writer: FolderWriter = REPORT) -> bytes:
    """The marker of ``writer``'s folder of ``files`` (their names): its line, then each
    file's name."""
    return "".join(f"{line}\n" for line in [writer.line, *sorted(files)]).encode("utf-8")


def write_report(path: Path, files: dict[str, bytes], writer: FolderWriter = REPORT) -> None:
    """The folder of ``files`` at ``path`` (judged by ``folder_refusal``) with ``writer``'s
    marker, atomically; ``OSError`` if it cannot be written, and then nothing was changed."""
    write_report_streamed(path, ((name, (content,)) for name, content in files.items()), writer)


def write_report_streamed(
    path: Path, files: Iterable[tuple[str, Iterable[bytes]]], writer: FolderWriter = REPORT
) -> int:
    """As ``write_report``, each file written as it is made (its content in pieces, so none
    is held whole): how many files were written, the marker aside."""
    names: list[str] = []

    def marked() -> Iterator[tuple[str, Iterable[bytes]]]:
        for name, content in files:
            names.append(name)
            yield name, content
        yield writer.marker, (marker(names, writer),)

    write_folder_streamed(place(path), marked())
    return len(names)
