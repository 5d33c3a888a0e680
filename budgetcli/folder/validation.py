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

from budgetcli.core.diagnostics import Loc, Problem, Said, said
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


def problem_message(model: type[BaseModel], loc: Loc, err: Any) -> Said:
    """What a pydantic error means, said for a person: the field, what was expected, the fix."""
    kind = err["type"]
    where = field_name(loc)
    value = err.get("input")
    if kind == "extra_forbidden":
        return _unknown_field(model, loc)
    if kind == "missing":
        return said("missing required field '{field}'", field=where)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        got = said("a list") if isinstance(value, list) else describe(value)
        if not where:
            return said("the file: expected a mapping (key: value lines), got {got}", got=got)
        return said(
            "{field}: expected a mapping (key: value lines), got {got}", field=where, got=got
        )
    if kind == "list_type":
        return said("{field}: expected a list, got {got}", field=where, got=describe(value))
    if kind in ("enum", "literal_error"):
        return _not_a_choice(where, value, err.get("ctx", {}).get("expected", ""))
    if kind in ("too_short", "string_too_short"):
        return said("{field}: must not be empty", field=where)
    if kind in ("int_parsing", "int_type") and isinstance(loc[-1], str):
        if kind == "int_type":
            return said(
                "{field}: expected a valid integer, got {got}", field=where, got=describe(value)
            )
        return said(
            "{field}: expected a valid integer, unable to parse string as an integer, got {got}",
            field=where,
            got=describe(value),
        )
    if kind == "string_pattern_mismatch" and loc == ("id",):
        return said(
            "id: '{id}' may hold only letters, digits, '.', '_' and '-', and no spaces", id=value
        )
    return _as_pydantic_says(where, err)


def _unknown_field(model: type[BaseModel], loc: Loc) -> Said:
    """A key the model has no field of: the one it is close to, else the fields there are."""
    allowed = _fields_at(model, loc[:-1])
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
    if close:
        return said("unknown field '{key}'; did you mean '{close}'?", key=loc[-1], close=close[0])
    return said(
        "unknown field '{key}'; expected one of: {fields}", key=loc[-1], fields=", ".join(allowed)
    )


def _not_a_choice(where: str, value: Any, expected: str) -> Said:
    """A value not one of a field's choices: the close one, or the English of a Danish word."""
    choices = _either(expected)
    got = describe(value)
    close = difflib.get_close_matches(str(value), _choices(expected), n=1, cutoff=0.6)
    danish = DANISH_STATUSES.get(value.strip().lower()) if isinstance(value, str) else None
    if danish is not None and danish.value in _choices(expected):
        return said(
            "{field}: expected {choices}, got {got} (did you mean '{close}'? '{danish}' is Danish"
            " for it)",
            field=where,
            choices=choices,
            got=got,
            close=danish.value,
            danish=value.strip(),
        )
    if close:
        return said(
            "{field}: expected {choices}, got {got} (did you mean '{close}'?)",
            field=where,
            choices=choices,
            got=got,
            close=close[0],
        )
    return said("{field}: expected {choices}, got {got}", field=where, choices=choices, got=got)


def _as_pydantic_says(where: str, err: Any) -> Said:
    """An error of the models' own (``folder.models.refused``: its message a template, in
    ``ctx``), else pydantic's message made plainer; after the field's name."""
    found = err.get("ctx", {}).get("said")
    if isinstance(found, Said):
        message: Said | str = found
    else:
        message = err["msg"].replace("Input should be", "expected").replace("Value error, ", "")
    if not where:
        return message if isinstance(message, Said) else said("{message}", message=message)
    return said("{field}: {message}", field=where, message=message)


def _either(expected: str) -> str | Said:
    """pydantic's ``'a', 'b' or 'c'`` as a message says it: ``a, b or c``, its "or" in the
    reader's language (as it was, if its choices cannot be told apart)."""
    plain = expected.replace(chr(39), "")
    choices = _choices(expected)
    if len(choices) < 2:
        return plain
    either = said("{some} or {last}", some=", ".join(choices[:-1]), last=choices[-1])
    return either if either.english == plain else plain


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
