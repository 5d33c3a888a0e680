"""From a data folder to a ``Budget``: safe YAML, then the models, with positions for every error.

``load_budget`` never raises for bad *data*: what is wrong is returned as problems, every file
read. It raises ``UsageError`` only when there is no data to read at all (exit 2).
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from budgetcli.diagnostics import Problem
from budgetcli.errors import UsageError
from budgetcli.models import AreasFile, Proposal
from budgetcli.yamlsafe import Document, Loc, Source, load_file

M = TypeVar("M", bound=BaseModel)

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

    meta: AreasFile
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
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def proposal_files(data_dir: Path) -> list[Path]:
    folder = data_dir / PROPOSALS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


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
    problems: list[Problem] = []
    areas_doc = load_file(data_dir / AREAS_FILE, display_path(data_dir / AREAS_FILE))
    problems += areas_doc.problems
    years = _years_hint(areas_doc.value)
    meta = validate_document(AreasFile, areas_doc, problems, years)

    files = proposal_files(data_dir)
    loaded: list[LoadedProposal] = []
    for path in files:
        doc = load_file(path, display_path(path))
        problems += doc.problems
        proposal = validate_document(Proposal, doc, problems, years)
        if proposal is not None:
            loaded.append(LoadedProposal(proposal, doc.source, path.stem))
    budget = Budget(meta, areas_doc.source, tuple(loaded)) if meta is not None else None
    return LoadResult(budget, problems, files=1 + len(files))


def _years_hint(value: Any) -> list[int] | None:
    """The budget's years, if ``areas.yaml`` states them well enough to expand series with."""
    years = value.get("years") if isinstance(value, dict) else None
    if isinstance(years, list) and years and all(type(y) is int for y in years):
        return years
    return None


def validate_document(
    model: type[M], doc: Document, problems: list[Problem], years: list[int] | None
) -> M | None:
    """Validate ``doc`` against ``model``; append what is wrong to ``problems``."""
    if doc.value is None:
        return None
    if doc.problems and not isinstance(doc.value, dict):
        return None
    try:
        return model.model_validate(doc.value, context={"years": years})
    except ValidationError as exc:
        problems.extend(_problems_from(model, exc, doc))
        return None


def _problems_from(model: type[BaseModel], exc: ValidationError, doc: Document) -> Iterable[Problem]:
    for err in exc.errors(include_url=False, include_context=True):
        loc: Loc = tuple(x for x in err["loc"] if x != "[key]")
        if any(loc[: len(r)] == r for r in doc.refused):
            continue  # the YAML step already said what is wrong with this value
        yield doc.source.problem(loc, _rule(err["type"]), _message(model, loc, err))


def _rule(error_type: str) -> str:
    return {
        "extra_forbidden": "unknown-field",
        "missing": "missing-field",
    }.get(error_type, error_type.replace("_", "-"))


def field_name(loc: Loc) -> str:
    """``('components', 0, 'amounts', 2024)`` -> ``components[0].amounts.2024``."""
    out = ""
    for part in loc:
        if isinstance(part, int) and out and not (1000 <= part <= 9999):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _message(model: type[BaseModel], loc: Loc, err: Any) -> str:
    kind = err["type"]
    where = field_name(loc)
    value = err.get("input")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(allowed)}"
        return f"unknown field '{loc[-1]}'{hint}"
    if kind == "missing":
        return f"missing required field '{where}'"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        got = "a list" if isinstance(value, list) else f"'{value}'" if isinstance(value, str) else repr(value)
        return f"{where or 'the file'}: expected a mapping (key: value lines), got {got}"
    if kind == "list_type":
        return f"{where}: expected a list, got {_shown(value)}"
    if kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        close = difflib.get_close_matches(str(value), _choices(expected), n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{where}: expected {expected.replace(chr(39), '')}, got {_shown(value)}{hint}"
    if kind == "too_short":
        return f"{where}: must not be empty"
    if kind in ("int_parsing", "int_type") and isinstance(loc[-1], str):
        return f"{where}: {err['msg'].lower().replace('input should be', 'expected')}, got {_shown(value)}"
    if kind == "string_pattern_mismatch" and loc == ("id",):
        return f"id: '{value}' may hold only letters, digits, '.', '_' and '-', and no spaces"
    msg = err["msg"]
    msg = msg.replace("Input should be", "expected").replace("Value error, ", "")
    return f"{where}: {msg}" if where else msg


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _choices(expected: str) -> list[str]:
    return [c.strip(" '") for c in expected.replace(" or ", ", ").split(",") if c.strip(" '")]


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names of the model that stands at ``loc`` (for "did you mean")."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(str(part))
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: Any) -> Any:
    """``list[Component] | None`` -> ``Component``."""
    stack = [annotation]
    while stack:
        tp = stack.pop()
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            return tp
        stack.extend(typing.get_args(tp))
    return None

