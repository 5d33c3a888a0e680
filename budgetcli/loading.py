"""From a data folder to a ``Budget``: safe YAML, the models, the domain values.

``load_budget`` never raises for bad *data*: what is wrong is returned as problems, every file
read. It raises ``UsageError`` only when there is no data to read at all (exit 2). pydantic and
PyYAML are imported here on first use, not at start-up.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcli.diagnostics import Loc, Pos, Problem, Severity, Source
from budgetcli.domain import Forecast, Meta, Proposal, RefusionRule
from budgetcli.errors import UsageError

if TYPE_CHECKING:
    from budgetcli.yamlrules import Document

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


@dataclass(frozen=True)
class LoadedProposal:
    proposal: Proposal
    source: Source
    stem: str


@dataclass(frozen=True)
class LoadedForecast:
    forecast: Forecast
    source: Source
    stem: str


@dataclass(frozen=True)
class Budget:
    """A data folder whose files passed the model step (cross-checks come after)."""

    meta: Meta
    meta_source: Source
    proposals: tuple[LoadedProposal, ...] = ()
    forecasts: tuple[LoadedForecast, ...] = ()
    refusion_rules: tuple[RefusionRule, ...] = ()
    rules_source: Source | None = None

    @property
    def years(self) -> list[int]:
        return self.meta.years

    def without_positions(self) -> Budget:
        """The same budget with no source positions: what the cross-checks needed, once they
        have run (a tenth of the size to store)."""

        def bare(source: Source) -> Source:
            return Source(source.path)

        return replace(
            self,
            meta_source=bare(self.meta_source),
            proposals=tuple(replace(lp, source=bare(lp.source)) for lp in self.proposals),
            forecasts=tuple(replace(lf, source=bare(lf.source)) for lf in self.forecasts),
            rules_source=bare(self.rules_source) if self.rules_source else None,
        )


@dataclass
class LoadResult:
    budget: Budget | None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def display_path(path: Path) -> str:
    """The path as messages show it: relative to the working directory when below it."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def data_files_with_stat(data_dir: Path) -> list[tuple[str, tuple[int, int, int]]]:
    """The data folder's files in load order, each with (size, mtime in ns, inode).

    The same order as ``in_load_order``, built folder by folder (a listing of 100,000
    proposals is made on every cached run, so it is kept to a scan and a stat a file)."""
    found: list[tuple[str, tuple[int, int, int]]] = []
    for relpath in (AREAS_FILE, RULES_FILE):
        try:
            st = os.stat(data_dir / relpath)
        except OSError:
            continue
        found.append((relpath, (st.st_size, st.st_mtime_ns, st.st_ino)))
    later: list[tuple[str, tuple[int, int, int]]] = []  # forecasts and their registers
    for folder, into, suffixes in (
        (PROPOSALS_DIR, found, YAML_SUFFIXES),
        (FORECASTS_DIR, later, (*YAML_SUFFIXES, ".csv")),
    ):
        try:
            entries = sorted(os.scandir(data_dir / folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            dot = name.rfind(".")  # as data_kind: a suffix after a stem, in any case
            if dot > 0 and name[dot:].lower() in suffixes and entry.is_file():
                st = entry.stat()
                into.append((f"{folder}/{name}", (st.st_size, st.st_mtime_ns, st.st_ino)))
    kinds = {relpath: KINDS.index(data_kind(relpath) or "") for relpath, _ in later}
    found += sorted(later, key=lambda item: (kinds[item[0]], item[0]))
    return found


def check_data_dir(data_dir: Path) -> None:
    if not data_dir.exists():
        raise UsageError(f"no such folder: {data_dir}")
    if not data_dir.is_dir():
        raise UsageError(f"not a folder: {data_dir}")
    if not (data_dir / AREAS_FILE).is_file():
        raise UsageError(
            f"{data_dir} holds no budget data: {AREAS_FILE} is missing "
            "(pass the data folder, or set BUDGETCLI_DATA)"
        )


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


def read_folder(
    data_dir: Path, listing: list[tuple[str, tuple[int, int, int]]] | None = None
) -> list[DataFile]:
    """The files of a data folder, ``areas.yaml`` first; ``UsageError`` if it holds no data.
    ``listing``: ``data_files_with_stat(data_dir)``, if just made."""
    check_data_dir(data_dir)
    files = []
    shown = display_path(data_dir)
    prefix = "" if shown == "." else f"{shown}/"
    folder = f"{data_dir}{os.sep}"
    for relpath, (size, _, _) in listing or data_files_with_stat(data_dir):
        try:
            data = _read_bytes(folder + relpath, size)
        except OSError as exc:
            reason = f"cannot read the file: {exc.strerror or exc}"
            files.append(DataFile(prefix + relpath, relpath, None, reason))
        else:
            files.append(DataFile(prefix + relpath, relpath, data))
    return files


def _read_bytes(path: str, size: int) -> bytes:
    """A file's bytes, read with ``os.read`` (a buffered ``open`` costs more than the read
    itself, for 10,000 small files): its listed size and one byte more, then to the end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunks: list[bytes] = []
        # to the end of the file: a read may return less than asked (a network file system),
        # and the file may have grown since it was listed
        while chunk := os.read(fd, size + 1 if not chunks else 1 << 20):
            chunks.append(chunk)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    finally:
        os.close(fd)


def load_budget(data_dir: Path) -> LoadResult:
    return load_files(read_folder(data_dir))


def load_proposal(
    file: DataFile, years: list[int] | None, memo: dict[str, Any] | None = None
) -> tuple[LoadedProposal | None, list[Problem]]:
    """One proposal file: read, checked against the model, made a domain value. ``memo``:
    the values of scalars read before (see ``yamlfast.read``)."""
    from budgetcli.models import ProposalFile
    from budgetcli.validation import validate_document

    doc = _read(file, memo)
    problems = list(doc.problems)
    proposal = validate_document(ProposalFile, doc, problems, years)
    if proposal is None:
        return None, problems
    return LoadedProposal(proposal.to_domain(), doc.source, file.stem), problems


def years_of(files: list[DataFile]) -> list[int] | None:
    """The budget's years as ``areas.yaml`` states them (for expanding the proposals' series)."""
    areas = next((f for f in files if f.kind == "areas"), None)
    return _years_hint(_read(areas).value) if areas is not None else None


def load_files(files: list[DataFile], with_proposals: bool = True) -> LoadResult:
    """Load a data set: ``areas.yaml`` first (its years expand the series of the rest), then
    the refusion rules, the proposals and the forecasts with their case registers."""
    from budgetcli.models import AreasFile, ForecastFile, RefusionRulesFile
    from budgetcli.registers import read_register
    from budgetcli.validation import validate_document

    problems: list[Problem] = []
    by_kind: dict[str | None, list[DataFile]] = {}
    for file in files:
        by_kind.setdefault(file.kind, []).append(file)
    registers = {file.relpath: file for file in by_kind.get("register", [])}

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
        if parsed is not None:
            rules, rules_source = tuple(parsed.to_domain()), doc.source

    proposals: list[LoadedProposal] = []
    memo: dict[str, Any] = {}
    for file in by_kind.get("proposal", []) if with_proposals else []:
        loaded, found = load_proposal(file, years, memo)
        problems += found
        if loaded is not None:
            proposals.append(loaded)

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
    return LoadResult(budget, problems, files=len(files))


def _read(file: DataFile, memo: dict[str, Any] | None = None) -> Document:
    """A file's YAML: by the fast reader if it takes the file (most do), else the exact one,
    which says what is wrong. Positions are made when a message first needs one."""
    from budgetcli.yamlfast import read
    from budgetcli.yamlrules import Document

    if file.data is None:
        problem = Problem(file.name, 0, 0, Severity.ERROR, "io", file.error)
        return Document(None, Source(file.name), [problem])
    value = read(file.data, memo)
    if value is not None:
        return Document(value, source_of(file), [])
    from budgetcli.yamlsafe import load_bytes

    return load_bytes(file.data, file.name)


def source_of(file: DataFile) -> Source:
    """A file's source, its positions made (by the exact reader) when first asked for."""
    return Source(file.name, locate=partial(_positions, file.data or b"", file.name))


def _positions(data: bytes, name: str) -> dict[Loc, Pos]:
    from budgetcli.yamlsafe import positions_of

    return positions_of(data, name)


def _years_hint(value: Any) -> list[int] | None:
    """The budget's years, if ``areas.yaml`` states them well enough to expand series with."""
    years = value.get("years") if isinstance(value, dict) else None
    if isinstance(years, list) and years and all(type(y) is int for y in years):
        return years
    return None
