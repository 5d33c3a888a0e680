"""From a data folder to a ``Budget``: safe YAML, the models, the domain values.

``load_budget`` never raises for bad *data*: what is wrong is returned as problems, every file
read. It raises ``UsageError`` only when there is no data to read at all (exit 2). pydantic and
PyYAML are imported here on first use, not at start-up.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcli.core.diagnostics import Loc, Pos, Problem, Severity, Source, printable, undecodable
from budgetcli.core.domain import (
    Budget,
    LoadedForecast,
    LoadedProposal,
    Placement,
    RefusionRule,
)
from budgetcli.core.errors import UsageError

if TYPE_CHECKING:
    from budgetcli.files.models import RefusionRulesFile
    from budgetcli.files.yamlrules import Document

AREAS_FILE = "areas.yaml"
RULES_FILE = "rules/refusion.yaml"
PROPOSALS_DIR = "proposals"
FORECASTS_DIR = "forecasts"
YAML_SUFFIXES = (".yaml", ".yml")
#: the kinds of file in a data folder, in the order they are loaded
KINDS = ("areas", "rules", "proposal", "forecast", "register")


def data_kind(relpath: str) -> str | None:
    """What a file is, from its path inside the data folder (``None``: not ours)."""
    if relpath == AREAS_FILE:
        return "areas"
    if relpath == RULES_FILE:
        return "rules"
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
    return None


def in_load_order(relpaths: Iterable[str]) -> list[str]:
    ours = [(KINDS.index(kind), r) for r in relpaths if (kind := data_kind(r)) is not None]
    return [r for _, r in sorted(ours)]


@dataclass
class LoadResult:
    budget: Budget | None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


#: the largest file budgetcli reads, by kind: a budget file is kilobytes, a case register of a
#: large municipality a few megabytes. Larger is refused before it is read.
MAX_BYTES = {"register": 16 << 20}
MAX_YAML_BYTES = 1 << 20

#: why a folder is listed that is not there: the warning that there are no proposals
NO_FOLDER = "there is no such folder"
Stat = tuple[int, int, int, int]
#: a data folder's files in load order: each with its (size, mtime in ns, inode, ctime in ns), or with
#: why it cannot be read (then it is a ``DataFile`` with no data, an error of its own)
Listing = list[tuple[str, Stat | str]]


def display_path(path: Path) -> str:
    """The path as messages show it: relative to the working directory when below it."""
    try:
        return printable(str(path.absolute().relative_to(Path.cwd())))
    except ValueError:
        return printable(str(path))


def data_files_with_stat(data_dir: Path) -> Listing:
    """The data folder's files in load order, each with (size, mtime, inode, ctime), or why it
    cannot be read; then the folders that cannot be listed.

    The same order as ``in_load_order``, built folder by folder (a listing of 100,000
    proposals is made on every cached run, so it is kept to a scan and a stat a file)."""
    found: Listing = []
    for relpath in (AREAS_FILE, RULES_FILE):
        if (known := _stat_of(str(data_dir / relpath), relpath)) is not None:
            found.append(known)
    later: Listing = []  # forecasts and their registers
    unreadable: Listing = []  # folders
    for folder, into, suffixes in (
        (PROPOSALS_DIR, found, YAML_SUFFIXES),
        (FORECASTS_DIR, later, (*YAML_SUFFIXES, ".csv")),
    ):
        try:
            entries = sorted(os.scandir(data_dir / folder), key=lambda e: e.name)
        except FileNotFoundError:
            if folder == PROPOSALS_DIR:  # said by ``load_files``: no proposals
                unreadable.append((folder, NO_FOLDER))
            continue
        except OSError as exc:
            unreadable.append((folder, _why(exc, str(data_dir / folder), "folder")))
            continue
        for entry in entries:
            name = entry.name
            dot = name.rfind(".")  # as data_kind: a suffix after a stem, in any case
            if dot > 0 and name[dot:].lower() in suffixes:
                found_entry = _stat_of(entry.path, f"{folder}/{name}", entry)
                into.append(found_entry or (f"{folder}/{name}", "it was removed while listed"))
    kinds = {relpath: KINDS.index(data_kind(relpath) or "") for relpath, _ in later}
    found += sorted(later, key=lambda item: (kinds[item[0]], item[0]))
    return found + unreadable


def _stat_of(
    path: str, relpath: str, entry: os.DirEntry[str] | None = None
) -> tuple[str, Stat | str] | None:
    """A listed file's stat, or why it is not a file budgetcli can read (``None``: no such
    file, and no dangling link either)."""
    try:
        st = entry.stat() if entry is not None else os.stat(path)
    except FileNotFoundError as exc:
        if not os.path.lexists(path):
            return None
        return relpath, _why(exc, path, "file")
    except OSError as exc:
        return relpath, _why(exc, path, "file")
    if undecodable(relpath):
        return relpath, NOT_UTF8
    if not stat.S_ISREG(st.st_mode):
        return relpath, not_a_file(_what_is(st.st_mode))
    return relpath, (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


#: why a file whose name is not UTF-8 is not read
NOT_UTF8 = "the file name is not valid UTF-8: rename the file"


def not_a_file(what: str) -> str:
    """Why ``what`` (a folder, a named pipe …) in a data file's place is not read."""
    return f"{what}, not a file: budgetcli reads only regular files"


def too_large(size: str, limit: int) -> str:
    """Why a file of ``size`` ("1048577 bytes") over ``limit`` bytes is not read."""
    limit_text = f"{limit >> 20} MiB" if limit % (1 << 20) == 0 else f"{limit} bytes"
    return (
        f"the file is {size}, over the {limit_text} budgetcli reads for a file of its kind "
        "(see Limits in docs/format.md): is it the right file?"
    )


def _what_is(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _why(exc: OSError, path: str, what: str) -> str:
    """Why ``path`` cannot be read, said for a person."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link that loops (it leads back to itself): fix or remove the link"
    if isinstance(exc, FileNotFoundError) and os.path.islink(path):
        target = printable(os.readlink(path))
        return f"a symbolic link to {target}, which does not exist: fix or remove the link"
    if isinstance(exc, PermissionError):
        return f"cannot read the {what}: permission denied (check its permissions)"
    if isinstance(exc, NotADirectoryError) and what == "folder":
        return "not a folder"
    return f"cannot read the {what}: {exc.strerror or exc}"


DATA_HINT = "(give the data folder with --data DIR, or set BUDGETCLI_DATA)"


def check_data_dir(data_dir: Path) -> None:
    shown = display_path(data_dir)
    if not data_dir.exists():
        raise UsageError(f"no such folder: {shown} {DATA_HINT}")
    if not data_dir.is_dir():
        raise UsageError(f"not a folder: {shown}")
    if not os.path.lexists(data_dir / AREAS_FILE):
        raise UsageError(f"{shown} holds no budget data: {AREAS_FILE} is missing {DATA_HINT}")


@dataclass(frozen=True)
class DataFile:
    """One file of a data set, read from a folder or from git: its name as messages show it
    (``data/proposals/x.yaml``, ``HEAD~1:data/proposals/x.yaml``), its stem and its bytes."""

    name: str
    relpath: str  # inside the data folder: "proposals/x.yaml"
    data: bytes | None  # None: it could not be read, ``error`` says why
    error: str = ""

    @property
    def stem(self) -> str:
        name = self.relpath.rpartition("/")[2]
        dot = name.rfind(".")
        return name[:dot] if dot > 0 else name

    @property
    def kind(self) -> str | None:
        return data_kind(self.relpath)


def read_folder(data_dir: Path, listing: Listing | None = None) -> list[DataFile]:
    """The files of a data folder, ``areas.yaml`` first; ``UsageError`` if it holds no data.
    ``listing``: ``data_files_with_stat(data_dir)``, if just made. A file that cannot be read
    is a ``DataFile`` with no data and the reason."""
    check_data_dir(data_dir)
    files = []
    shown = display_path(data_dir)
    prefix = "" if shown == "." else f"{shown}/"
    folder = f"{data_dir}{os.sep}"
    for relpath, found in listing or data_files_with_stat(data_dir):
        name = prefix + printable(relpath)
        if isinstance(found, str):
            files.append(DataFile(name, relpath, None, found))
            continue
        try:
            data = _read_bytes(folder + relpath, max_bytes(relpath))
        except _Refused as exc:
            files.append(DataFile(name, relpath, None, str(exc)))
        except OSError as exc:
            files.append(DataFile(name, relpath, None, _why(exc, folder + relpath, "file")))
        else:
            files.append(DataFile(name, relpath, data))
    return files


def max_bytes(relpath: str) -> int:
    return MAX_BYTES.get(data_kind(relpath) or "", MAX_YAML_BYTES)


class _Refused(Exception):
    """A file that is not one budgetcli reads: not a regular file, or too large."""


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
        raise _Refused(too_large(f"more than {limit} bytes" if read else f"{size} bytes", limit))


def load_budget(data_dir: Path) -> LoadResult:
    return load_files(read_folder(data_dir))


def load_proposal(
    file: DataFile, years: list[int] | None, memo: dict[str, Any] | None = None
) -> tuple[LoadedProposal | None, list[Problem], Placement | None]:
    """One proposal file: read, checked against the model, made a domain value; if it fails,
    what of it is well formed for the cross-file checks (``Placement``). ``memo``: the values
    of scalars read before (see ``yamlfast.read``)."""
    from budgetcli.files.models import ProposalFile
    from budgetcli.files.validation import validate_document

    doc = _read(file, memo)
    problems = list(doc.problems)
    proposal = validate_document(ProposalFile, doc, problems, years)
    if proposal is None or any(p.is_error for p in doc.problems):
        # a YAML error: its values are not what the file means
        return None, problems, _placement(doc.value, doc.source)
    return LoadedProposal(proposal.to_domain(), doc.source, file.stem), problems, None


def _placement(value: Any, source: Source) -> Placement | None:
    """The well-formed parts of a proposal that failed the model: its cross-file checks run
    even when other fields are wrong."""
    if not isinstance(value, dict):
        return None
    pid, areas, committee = value.get("id"), value.get("areas"), value.get("committee")
    codes = None
    if isinstance(areas, list) and areas and all(isinstance(c, str) and c.strip() for c in areas):
        codes = [code.strip() for code in areas]
    text = committee.strip() if isinstance(committee, str) and committee.strip() else None
    return Placement(pid.strip() if isinstance(pid, str) else None, codes, text, source)


def years_of(files: list[DataFile]) -> list[int] | None:
    """The budget's years as ``areas.yaml`` states them (for expanding the proposals' series)."""
    areas = next((f for f in files if f.kind == "areas"), None)
    return _years_hint(_read(areas).value) if areas is not None else None


def load_files(files: list[DataFile], with_proposals: bool = True) -> LoadResult:
    """Load a data set: ``areas.yaml`` first (its years expand the series of the rest), then
    the refusion rules, the proposals and the forecasts with their case registers."""
    from budgetcli.core.checks import check_salvaged
    from budgetcli.files.models import AreasFile, ForecastFile, RefusionRulesFile
    from budgetcli.files.registers import read_register
    from budgetcli.files.validation import validate_document

    problems: list[Problem] = []
    by_kind: dict[str | None, list[DataFile]] = {}
    for file in files:
        by_kind.setdefault(file.kind, []).append(file)
    registers = {file.relpath: file for file in by_kind.get("register", [])}
    problems += _unlisted(files, by_kind)

    areas_doc = _read(by_kind["areas"][0])
    problems += areas_doc.problems
    years = _years_hint(areas_doc.value)
    meta = validate_document(AreasFile, areas_doc, problems, years)
    if meta is not None:
        years = list(meta.years)  # as validated (years written as "2024" are years too)

    rules: tuple[RefusionRule, ...] = ()
    rules_source = None
    for file in by_kind.get("rules", []):
        doc = _read(file)
        problems += doc.problems
        parsed = validate_document(RefusionRulesFile, doc, problems, None)
        if parsed is not None and not (twice := _rules_twice(parsed, doc.source)):
            rules, rules_source = tuple(parsed.to_domain()), doc.source
        elif parsed is not None:
            problems += twice

    proposals: list[LoadedProposal] = []
    memo: dict[str, Any] = {}
    for file in by_kind.get("proposal", []) if with_proposals else []:
        loaded, found, placed = load_proposal(file, years, memo)
        problems += found
        if loaded is not None:
            proposals.append(loaded)
        elif meta is not None and placed is not None:
            problems += check_salvaged(placed, file.stem, meta.to_domain())

    forecasts: list[LoadedForecast] = []
    for file in by_kind.get("forecast", []):
        doc = _read(file)
        problems += doc.problems
        forecast = validate_document(ForecastFile, doc, problems, None)
        if forecast is None:
            continue
        cases = None
        if forecast.cases_file is not None:
            register = registers.get(f"{FORECASTS_DIR}/{forecast.cases_file}")
            if register is not None and register.data is None:  # there, but not readable
                problems.append(Problem(register.name, 0, 0, Severity.ERROR, "io", register.error))
                continue
            if register is None or register.data is None:
                problems.append(
                    doc.source.problem(
                        ("cases_file",),
                        "no-register",
                        f"cases_file: {forecast.cases_file} is not a CSV file in {FORECASTS_DIR}/",
                    )
                )
                continue
            cases, register_problems = read_register(register.data, register.name)
            problems += register_problems
            if register_problems:
                continue
        forecasts.append(LoadedForecast(forecast.to_domain(cases), doc.source, file.stem))

    budget = None
    if meta is not None:
        budget = Budget(
            meta.to_domain(),
            areas_doc.source,
            tuple(proposals),
            tuple(forecasts),
            rules,
            rules_source,
        )
    return LoadResult(budget, problems, files=sum(f.kind is not None for f in files))


def _rules_twice(parsed: RefusionRulesFile, source: Source) -> list[Problem]:
    """Two rule sets for one year: which one holds is not for budgetcli to guess."""
    first: dict[int, int] = {}
    found = []
    for i, rule in enumerate(parsed.rules):
        if rule.year in first:
            message = (
                f"the rules of {rule.year} are given twice (also rules[{first[rule.year]}]): "
                "keep one"
            )
            found.append(source.problem(("rules", i, "year"), "duplicate-rules-year", message))
        first.setdefault(rule.year, i)
    return found


def _unlisted(files: list[DataFile], by_kind: dict[str | None, list[DataFile]]) -> list[Problem]:
    """What the listing could not read (a folder), and a data set with no proposals."""
    found = [
        Problem(f.name, 0, 0, Severity.ERROR, "io", f.error)
        for f in by_kind.get(None, [])
        if f.data is None and f.error != NO_FOLDER
    ]
    if by_kind.get("proposal") or any(p.path.endswith(PROPOSALS_DIR) for p in found):
        return found
    areas = by_kind["areas"][0].name
    folder = areas[: len(areas) - len(AREAS_FILE)] + PROPOSALS_DIR
    missing = any(f.error == NO_FOLDER for f in by_kind.get(None, []))
    where = f"there is no folder {folder}/" if missing else f"{folder}/ holds no .yaml file"
    message = f"no proposals: {where} (one YAML file a proposal)"
    return [*found, Problem(folder, 0, 0, Severity.WARNING, "no-proposals", message)]


def _read(file: DataFile, memo: dict[str, Any] | None = None) -> Document:
    """A file's YAML: by the fast reader if it takes the file (most do), else the exact one,
    which says what is wrong. Positions are made when a message first needs one."""
    from budgetcli.files.yamlfast import read
    from budgetcli.files.yamlrules import Document

    if file.data is None:
        problem = Problem(file.name, 0, 0, Severity.ERROR, "io", file.error)
        return Document(None, Source(file.name), [problem])
    value = read(file.data, memo)
    if value is not None:
        return Document(value, source_of(file), [])
    from budgetcli.files.yamlsafe import load_bytes

    return load_bytes(file.data, file.name)


def source_of(file: DataFile) -> Source:
    """A file's source, its positions made (by the exact reader) when first asked for."""
    return Source(file.name, locate=partial(_positions, file.data or b"", file.name))


def _positions(data: bytes, name: str) -> dict[Loc, Pos]:
    from budgetcli.files.yamlsafe import positions_of

    return positions_of(data, name)


def _years_hint(value: Any) -> list[int] | None:
    """The budget's years, if ``areas.yaml`` states them well enough to expand series with."""
    years = value.get("years") if isinstance(value, dict) else None
    if isinstance(years, list) and years and all(type(y) is int for y in years):
        return years
    return None
