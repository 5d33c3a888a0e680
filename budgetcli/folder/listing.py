"""A data folder's files: which are ours (``data_kind``), their listing with what ``stat``
says of each, and their bytes, read safely (a regular file only, never past the limit of its
kind).

Nothing here raises for a file that cannot be read: it becomes a ``DataFile`` with no bytes and
the reason, an error of its own. ``UsageError`` is raised only when there is no data folder.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from budgetcli.core.diagnostics import Said, printable, said, undecodable
from budgetcli.core.errors import UsageError
from budgetcli.core.lazyclasses import dataclass

if TYPE_CHECKING:
    pass

AREAS_FILE = "areas.yaml"
RULES_FILE = "rules/refusion.yaml"
PRICES_FILE = "rules/prices.yaml"
PROPOSALS_DIR = "proposals"
FORECASTS_DIR = "forecasts"
APPROPRIATIONS_DIR = "appropriations"
FOLLOWUPS_DIR = "followups"
YAML_SUFFIXES = (".yaml", ".yml")
#: the kinds of file in a data folder, in the order they are loaded
KINDS = (
    "areas",
    "rules",
    "prices",
    "proposal",
    "forecast",
    "register",
    "appropriations",
    "followup",
)


def data_kind(relpath: str) -> str | None:
    """What a file is, from its path inside the data folder (``None``: not ours)."""
    if relpath.endswith(".yaml") and relpath.startswith("proposals/") and relpath.count("/") == 1:
        return "proposal" if len(relpath) > len("proposals/.yaml") else None  # the common case
    if relpath == AREAS_FILE:
        return "areas"
    if relpath == RULES_FILE:
        return "rules"
    if relpath == PRICES_FILE:
        return "prices"
    folder, _, name = relpath.partition("/")
    if not name or "/" in name:
        return None
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    if folder == PROPOSALS_DIR and suffix in YAML_SUFFIXES:
        return "proposal"
    if folder == FORECASTS_DIR and suffix in YAML_SUFFIXES:
        return "forecast"
    if folder == FORECASTS_DIR and suffix == ".csv":
        return "register"
    if folder == APPROPRIATIONS_DIR and suffix in YAML_SUFFIXES:
        return "appropriations"
    if folder == FOLLOWUPS_DIR and suffix in YAML_SUFFIXES:
        return "followup"  # a spending export beside it is read by followup, not listed
    return None


def stem_of(relpath: str) -> str:
    """A file's name without its suffix: ``proposals/x.yaml`` → ``x``."""
    name = relpath.rpartition("/")[2]
    dot = name.rfind(".")
    return name[:dot] if dot > 0 else name


def in_load_order(relpaths: Iterable[str]) -> list[str]:
    ours = [(KINDS.index(kind), r) for r in relpaths if (kind := data_kind(r)) is not None]
    return [r for _, r in sorted(ours)]


#: the largest file budgetcli reads, by kind: a budget file is kilobytes, a case register of a
#: large municipality a few megabytes. Larger is refused before it is read.
MAX_BYTES = {"register": 16 << 20}
MAX_YAML_BYTES = 1 << 20

#: why a folder is listed that is not there: the warning that there are no proposals
NO_FOLDER = said("there is no such folder")
Stat = tuple[int, int, int, int]
#: a data folder's files in load order: each with its (size, mtime in ns, inode, ctime in ns), or with
#: why it cannot be read (then it is a ``DataFile`` with no data, an error of its own)
Listing = list[tuple[str, Stat | Said]]


def display_path(path: Path) -> str:
    """The path as messages show it: relative to the working directory when below it."""
    try:
        return printable(str(path.absolute().relative_to(Path.cwd())))
    except ValueError:
        return printable(str(path))


#: why a file asked for is not read that the listing does not hold
NOT_LISTED = said("it is not listed")


def data_files_with_stat(data_dir: Path) -> Listing:
    """The data folder's files in load order, each with (size, mtime, inode, ctime), or why it
    cannot be read; then the folders that cannot be listed.

    The same order as ``in_load_order``, built folder by folder (a listing of 100,000
    proposals is made on every cached run, so it is kept to a scan and a stat a file)."""
    found: Listing = []
    for relpath in (AREAS_FILE, RULES_FILE, PRICES_FILE):
        if (known := _stat_of(str(data_dir / relpath), relpath)) is not None:
            found.append(known)
    later: Listing = []  # forecasts and their registers, appropriations, follow-ups
    unreadable: Listing = []  # folders
    for folder, into, suffixes in (
        (PROPOSALS_DIR, found, YAML_SUFFIXES),
        (FORECASTS_DIR, later, (*YAML_SUFFIXES, ".csv")),
        (APPROPRIATIONS_DIR, later, YAML_SUFFIXES),
        (FOLLOWUPS_DIR, later, YAML_SUFFIXES),
    ):
        try:
            names = sorted(os.listdir(data_dir / folder))
        except FileNotFoundError:
            if folder == PROPOSALS_DIR:  # said by ``load_files``: no proposals
                unreadable.append((folder, NO_FOLDER))
            continue
        except OSError as exc:
            unreadable.append((folder, _why(exc, str(data_dir / folder), folder=True)))
            continue
        # as data_kind: a suffix after a stem, in any case (the common case decided first)
        ours = [n for n in names if (n.endswith(".yaml") and len(n) > 5) or _ours(n, suffixes)]
        into.extend(_listed(data_dir / folder, folder, ours))
    kinds = {relpath: KINDS.index(data_kind(relpath) or "") for relpath, _ in later}
    found += sorted(later, key=lambda item: (kinds[item[0]], item[0]))
    return found + unreadable


def _ours(name: str, suffixes: tuple[str, ...]) -> bool:
    dot = name.rfind(".")
    return dot > 0 and name[dot:].lower() in suffixes


def _listed(path: Path, folder: str, names: list[str]) -> Listing:
    """A folder's files as listed: each one's stat, all of them asked for at once, relative to
    the folder (a regular file with an ASCII name, the common case, is decided here); else,
    and for a file that is anything else, what ``_stat_of`` says of each one."""
    stats = None
    if os.stat in os.supports_dir_fd:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            pass
        else:
            try:
                stats = list(map(functools.partial(os.stat, dir_fd=fd), names))
            except (OSError, ValueError):  # one is not there or not readable: each on its own
                pass
            finally:
                os.close(fd)
    found: Listing = []
    for i, name in enumerate(names):
        relpath = f"{folder}/{name}"
        st = stats[i] if stats is not None else None
        if st is not None and stat.S_ISREG(st.st_mode) and relpath.isascii():
            found.append((relpath, (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)))
        else:
            found.append(
                _stat_of(str(path / name), relpath)
                or (relpath, said("it was removed while listed"))
            )
    return found


def _stat_of(path: str, relpath: str) -> tuple[str, Stat | Said] | None:
    """A listed file's stat, or why it is not a file budgetcli can read (``None``: no such
    file, and no dangling link either)."""
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        if not os.path.lexists(path):
            return None
        return relpath, _why(exc, path)
    except OSError as exc:
        return relpath, _why(exc, path)
    if undecodable(relpath):
        return relpath, NOT_UTF8
    if not stat.S_ISREG(st.st_mode):
        return relpath, not_a_file(_what_is(st.st_mode))
    return relpath, (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


#: why a file whose name is not UTF-8 is not read
NOT_UTF8 = said("the file name is not valid UTF-8: rename the file")


def not_a_file(what: Said) -> Said:
    """Why ``what`` (a folder, a named pipe …) in a data file's place is not read."""
    return said("{what}, not a file: budgetcli reads only regular files", what=what)


def too_large(size: int, limit: int, read: bool = False) -> Said:
    """Why a file of ``size`` bytes (with ``read``: more than ``size``) over ``limit`` bytes is
    not read."""
    limit_text = (
        said("{mib} MiB", mib=limit >> 20)
        if limit % (1 << 20) == 0
        else said("{size} bytes", size=limit)
    )
    size_text = (
        said("more than {size} bytes", size=size) if read else said("{size} bytes", size=size)
    )
    return said(
        "the file is {size}, over the {limit} budgetcli reads for a file of its kind (see Limits"
        " in docs/format.md): is it the right file?",
        size=size_text,
        limit=limit_text,
    )


def _what_is(mode: int) -> Said:
    for test, name in (
        (stat.S_ISDIR, said("a folder")),
        (stat.S_ISFIFO, said("a named pipe (FIFO)")),
        (stat.S_ISCHR, said("a character device")),
        (stat.S_ISBLK, said("a block device")),
        (stat.S_ISSOCK, said("a socket")),
    ):
        if test(mode):
            return name
    return said("not a regular file")


def _why(exc: OSError, path: str, folder: bool = False) -> Said:
    """Why the file (or with ``folder``, the folder) ``path`` cannot be read, said for a person
    (a link's target and the system's own words made printable: they cannot forge a line)."""
    if exc.errno == errno.ELOOP:
        return said("a symbolic link that loops (it leads back to itself): fix or remove the link")
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        return said(
            "a symbolic link to {target}, which does not exist: fix or remove the link",
            target=printable(os.readlink(path)),
        )
    if isinstance(exc, NotADirectoryError) and folder:
        return said("not a folder")
    if isinstance(exc, PermissionError):
        if folder:
            return said("cannot read the folder: permission denied (check its permissions)")
        return said("cannot read the file: permission denied (check its permissions)")
    reason = printable(str(exc.strerror or exc))
    if folder:
        return said("cannot read the folder: {reason}", reason=reason)
    return said("cannot read the file: {reason}", reason=reason)


def check_data_dir(data_dir: Path, shown: str) -> None:
    """``UsageError`` unless ``data_dir`` (``shown`` as messages show it) holds budget data."""
    if not data_dir.exists():
        raise UsageError(
            said(
                "no such folder: {folder} (give the data folder with --data DIR, or set"
                " BUDGETCLI_DATA)",
                folder=shown,
            )
        )
    if not data_dir.is_dir():
        raise UsageError(said("not a folder: {folder}", folder=shown))
    if not os.path.lexists(data_dir / AREAS_FILE):
        raise UsageError(
            said(
                "{folder} holds no budget data: {file} is missing (give the data folder with"
                " --data DIR, or set BUDGETCLI_DATA)",
                folder=shown,
                file=AREAS_FILE,
            )
        )


@dataclass(frozen=True)
class DataFile:
    """One file of a data set, read from a folder or from git: its name as messages show it
    (``data/proposals/x.yaml``, ``HEAD~1:data/proposals/x.yaml``), its stem and its bytes."""

    name: str
    relpath: str  # inside the data folder: "proposals/x.yaml"
    data: bytes | None  # None: it could not be read, ``error`` says why
    error: Said | None = None

    @property
    def stem(self) -> str:
        return stem_of(self.relpath)

    @property
    def kind(self) -> str | None:
        return data_kind(self.relpath)


class Folder(NamedTuple):
    """A data folder as listed: each file with its stat (``listing``), read when asked for. (A
    NamedTuple: every run makes one, and a NamedTuple costs a tenth of a dataclass to
    declare.)"""

    path: Path
    shown: str  # as messages show it
    listing: Listing

    def part(self, relpaths: Sequence[str]) -> Callable[[Sequence[str]], list[DataFile]]:
        """A reader of the files ``relpaths`` (each as listed) that pickles small: a worker
        process is sent one, with its share of a listing of thousands of files, not it all
        (10,000 files: ~10 ms to pickle and read back the whole listing, once a worker's
        share)."""
        why = dict(self.listing)
        return Folder(self.path, self.shown, [(r, why.get(r, NOT_LISTED)) for r in relpaths]).read

    def read(self, relpaths: Iterable[str] | None = None) -> list[DataFile]:
        """The files ``relpaths`` (default: every listed one), in that order. A file that cannot
        be read is a ``DataFile`` with no data and the reason."""
        why = dict(self.listing)
        prefix = "" if self.shown == "." else f"{self.shown}/"
        folder = f"{self.path}{os.sep}"
        files = []
        for relpath in relpaths if relpaths is not None else why:
            name = prefix + printable(relpath)
            found = why.get(relpath, NOT_LISTED)
            if isinstance(found, Said):
                files.append(DataFile(name, relpath, None, found))
                continue
            try:
                data = _read_bytes(folder + relpath, max_bytes(relpath))
            except _Refused as exc:
                files.append(DataFile(name, relpath, None, exc.why))
            except OSError as exc:
                files.append(DataFile(name, relpath, None, _why(exc, folder + relpath)))
            else:
                files.append(DataFile(name, relpath, data))
        return files


def list_folder(data_dir: Path) -> Folder:
    """A data folder's listing; ``UsageError`` if it holds no data."""
    shown = display_path(data_dir)
    check_data_dir(data_dir, shown)
    return Folder(data_dir, shown, data_files_with_stat(data_dir))


def read_folder(data_dir: Path) -> list[DataFile]:
    """Every file of a data folder, ``areas.yaml`` first; ``UsageError`` if it holds no data."""
    return list_folder(data_dir).read()


def max_bytes(relpath: str) -> int:
    return MAX_BYTES.get(data_kind(relpath) or "", MAX_YAML_BYTES)


class _Refused(Exception):
    """A file that is not one budgetcli reads: not a regular file, or too large (``why``)."""

    def __init__(self, why: Said) -> None:
        super().__init__(why.english)
        self.why = why


def _read_bytes(path: str, limit: int) -> bytes:
    """A file's bytes, at most ``limit``, read with ``os.read`` (a buffered ``open`` costs more
    than the read itself, for 10,000 small files).

    Opened without blocking and checked to be a regular file on the open descriptor, so a
    named pipe or a device put in the file's place after it was listed neither hangs nor
    fills the memory."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Refused(not_a_file(_what_is(st.st_mode)))
        _refuse_size(st.st_size, limit)
        chunks: list[bytes] = []
        size = 0
        # to the end of the file: a read may return less than asked (a network file system),
        # and the file may have grown since it was listed
        while chunk := os.read(fd, st.st_size + 1 if not chunks else 1 << 20):
            chunks.append(chunk)
            size += len(chunk)
            _refuse_size(size, limit, read=True)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def _refuse_size(size: int, limit: int, read: bool = False) -> None:
    if size > limit:
        raise _Refused(too_large(limit if read else size, limit, read))


def read_regular(path: Path, limit: int) -> bytes | Said:
    """A regular file's bytes, at most ``limit`` of them; else why not (not a file, too
    large, cannot be read), said for a person. A named pipe neither hangs nor a device fills
    the memory (see ``_read_bytes``)."""
    try:
        return _read_bytes(str(path), limit)
    except _Refused as exc:
        return exc.why
    except OSError as exc:
        if os.path.islink(path):
            return _why(exc, str(path))
        if isinstance(exc, FileNotFoundError):
            return said("No such file or directory")
        if isinstance(exc, PermissionError):
            return said("permission denied (check its permissions)")
        return said("{reason}", reason=printable(str(exc.strerror or exc)))  # the system's words
