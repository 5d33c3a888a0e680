"""pydantic's verdict on a document, as problems with the line and column of each value.

Turns ``ValidationError`` entries into messages a person can act on: the field's path, what was
expected, what was found, and "did you mean" for a misspelt key or value.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from budgetcli.core.diagnostics import Loc, Problem
from budgetcli.core.vocab import DANISH_STATUSES
from budgetcli.folder.models import describe
from budgetcli.folder.yamlrules import Document

M = TypeVar("M", bound=BaseModel)


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


def _problems_from(
    model: type[BaseModel], exc: ValidationError, doc: Document
) -> Iterable[Problem]:
    for err in exc.errors(include_url=False, include_context=True):
        loc: Loc = tuple(x for x in err["loc"] if x != "[key]")
        if any(loc[: len(r)] == r for r in doc.refused):
            continue  # the YAML step already said what is wrong with this value
        yield doc.source.problem(loc, rule_name(err["type"]), problem_message(model, loc, err))


def rule_name(error_type: str) -> str:
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


def problem_message(model: type[BaseModel], loc: Loc, err: Any) -> str:
    """What a pydantic error means, said for a person: the field, what was expected, the fix."""
    kind = err["type"]
    where = field_name(loc)
    value = err.get("input")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = (
            f"; did you mean '{close[0]}'?" if close else f"; expected one of: {', '.join(allowed)}"
        )
        return f"unknown field '{loc[-1]}'{hint}"
    if kind == "missing":
        return f"missing required field '{where}'"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        got = "a list" if isinstance(value, list) else describe(value)
        return f"{where or 'the file'}: expected a mapping (key: value lines), got {got}"
    if kind == "list_type":
        return f"{where}: expected a list, got {describe(value)}"
    if kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        close = difflib.get_close_matches(str(value), _choices(expected), n=1, cutoff=0.6)
        danish = DANISH_STATUSES.get(value.strip().lower()) if isinstance(value, str) else None
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        if danish is not None and danish.value in _choices(expected):
            hint = f" (did you mean '{danish.value}'? '{value.strip()}' is Danish for it)"
        return f"{where}: expected {expected.replace(chr(39), '')}, got {describe(value)}{hint}"
    if kind in ("too_short", "string_too_short"):
        return f"{where}: must not be empty"
    if kind in ("int_parsing", "int_type") and isinstance(loc[-1], str):
        return f"{where}: {err['msg'].lower().replace('input should be', 'expected')}, got {describe(value)}"
    if kind == "string_pattern_mismatch" and loc == ("id",):
        return f"id: '{value}' may hold only letters, digits, '.', '_' and '-', and no spaces"
    msg = err["msg"]
    msg = msg.replace("Input should be", "expected").replace("Value error, ", "")
    return f"{where}: {msg}" if where else msg


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
