"""From a data folder to a ``Budget``: safe YAML, the models, the domain values.

``load_budget`` never raises for bad *data*: what is wrong is returned as problems, every file
read. It raises ``UsageError`` only when there is no data to read at all (exit 2). pydantic and
PyYAML are imported here on first use, not at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcli.diagnostics import Problem, Severity, Source
from budgetcli.domain import Meta, Proposal
from budgetcli.errors import UsageError

if TYPE_CHECKING:
    from budgetcli.yamlsafe import Document

AREAS_FILE = "areas.yaml"
PROPOSALS_DIR = "proposals"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedProposal:
    proposal: Proposal
    source: Source
    stem: str


@dataclass(frozen=True)
class Budget:
    """A data folder whose files passed the model step (cross-checks come after)."""

    meta: Meta
    meta_source: Source
    proposals: tuple[LoadedProposal, ...] = ()

    @property
    def years(self) -> list[int]:
        return self.meta.years


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


def data_files(data_dir: Path) -> list[Path]:
    """``areas.yaml`` first, then the proposal files in name order."""
    folder = data_dir / PROPOSALS_DIR
    proposals = (
        sorted(p for p in folder.iterdir() if p.suffix.lower() in YAML_SUFFIXES and p.is_file())
        if folder.is_dir()
        else []
    )
    return [data_dir / AREAS_FILE, *proposals]


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
    stem: str
    data: bytes | None  # None: it could not be read, ``error`` says why
    error: str = ""


def read_folder(data_dir: Path) -> list[DataFile]:
    """The files of a data folder, ``areas.yaml`` first; ``UsageError`` if it holds no data."""
    check_data_dir(data_dir)
    files = []
    for path in data_files(data_dir):
        try:
            files.append(DataFile(display_path(path), path.stem, path.read_bytes()))
        except OSError as exc:
            reason = f"cannot read the file: {exc.strerror or exc}"
            files.append(DataFile(display_path(path), path.stem, None, reason))
    return files


def load_budget(data_dir: Path) -> LoadResult:
    return load_files(read_folder(data_dir))


def load_files(files: list[DataFile]) -> LoadResult:
    """Load ``areas.yaml`` (``files[0]``) and the proposal files after it."""
    from budgetcli.models import AreasFile, ProposalFile
    from budgetcli.validation import validate_document

    problems: list[Problem] = []
    areas_doc = _read(files[0])
    problems += areas_doc.problems
    years = _years_hint(areas_doc.value)
    meta = validate_document(AreasFile, areas_doc, problems, years)

    loaded: list[LoadedProposal] = []
    for file in files[1:]:
        doc = _read(file)
        problems += doc.problems
        proposal = validate_document(ProposalFile, doc, problems, years)
        if proposal is not None:
            loaded.append(LoadedProposal(proposal.to_domain(), doc.source, file.stem))
    budget = Budget(meta.to_domain(), areas_doc.source, tuple(loaded)) if meta is not None else None
    return LoadResult(budget, problems, files=len(files))


def _read(file: DataFile) -> Document:
    from budgetcli.yamlsafe import Document, load_bytes

    if file.data is None:
        problem = Problem(file.name, 0, 0, Severity.ERROR, "io", file.error)
        return Document(None, Source(file.name), [problem])
    return load_bytes(file.data, file.name)


def _years_hint(value: Any) -> list[int] | None:
    """The budget's years, if ``areas.yaml`` states them well enough to expand series with."""
    years = value.get("years") if isinstance(value, dict) else None
    if isinstance(years, list) and years and all(type(y) is int for y in years):
        return years
    return None
