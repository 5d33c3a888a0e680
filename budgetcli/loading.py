"""From a data folder to a ``Budget``: safe YAML, the models, the domain values.

``load_budget`` never raises for bad *data*: what is wrong is returned as problems, every file
read. It raises ``UsageError`` only when there is no data to read at all (exit 2). pydantic and
PyYAML are imported here on first use, not at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budgetcli.diagnostics import Problem, Source
from budgetcli.domain import Meta, Proposal
from budgetcli.errors import UsageError

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


def load_budget(data_dir: Path) -> LoadResult:
    check_data_dir(data_dir)
    return load_files(data_files(data_dir))


def load_files(files: list[Path]) -> LoadResult:
    """Load ``areas.yaml`` (``files[0]``) and the proposal files after it."""
    from budgetcli.models import AreasFile, ProposalFile
    from budgetcli.validation import validate_document
    from budgetcli.yamlsafe import load_file

    problems: list[Problem] = []
    areas_doc = load_file(files[0], display_path(files[0]))
    problems += areas_doc.problems
    years = _years_hint(areas_doc.value)
    meta = validate_document(AreasFile, areas_doc, problems, years)

    loaded: list[LoadedProposal] = []
    for path in files[1:]:
        doc = load_file(path, display_path(path))
        problems += doc.problems
        proposal = validate_document(ProposalFile, doc, problems, years)
        if proposal is not None:
            loaded.append(LoadedProposal(proposal.to_domain(), doc.source, path.stem))
    budget = Budget(meta.to_domain(), areas_doc.source, tuple(loaded)) if meta is not None else None
    return LoadResult(budget, problems, files=len(files))


def _years_hint(value: Any) -> list[int] | None:
    """The budget's years, if ``areas.yaml`` states them well enough to expand series with."""
    years = value.get("years") if isinstance(value, dict) else None
    if isinstance(years, list) and years and all(type(y) is int for y in years):
        return years
    return None
