"""A proposal's shape, said once (issue 24): the fields of ``folder/models.py``'s
``ProposalFile``, in the order a written file has them, each with its rule.

``core/domain.py``'s ``Proposal`` has the same fields by name (the value every command works
on); the rest follows them: the model's ``to_domain``, the fast path's table (a key it does not
take sends the file to the model), the store's bytes (``store/codec.py``), the file ``import``
writes (``folder/proposalfile.py``), ``diff``'s fields and the JSON Schema. What cannot follow
is held here: the docs' table of fields and the file ``budgetcli new`` writes. Each test is one
place; its message names the place a new field is missing from and what to do there
(CONTRIBUTING.md: Add a field to a proposal).

Each field is tried with a value of its own, made from its type in ``core.domain`` (``sample``):
written, read, taken or declined by the fast path, stored, compared.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import re
import types
import typing
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from budgetcli.core import diff
from budgetcli.core.domain import Proposal
from budgetcli.core.vocab import Status
from budgetcli.folder import modelfast, models, yamlfast
from budgetcli.folder.models import ProposalFile
from budgetcli.folder.proposalfile import order, proposal_text, template_text
from budgetcli.store import codec, load

from .conftest import REPO, run
from .test_modelfast import fields as fast_path_fields

YEARS = [2024, 2025, 2026, 2027]
#: the model's fields, in its order: the one list
FIELDS = tuple(ProposalFile.model_fields)
DOMAIN = {f.name: f for f in dataclasses.fields(Proposal)}
HINTS = typing.get_type_hints(Proposal)

#: a value of each type of the domain, two of each (``diff`` compares the second to the first)
BY_TYPE: dict[Any, tuple[Any, Any]] = {
    str: ("Tekst", "Anden tekst"),
    int: (7, 8),
    bool: (True, False),
    Decimal: (Decimal("1.5"), Decimal("2.5")),
    datetime.date: (datetime.date(2023, 6, 22), datetime.date(2024, 1, 31)),
}
#: a field whose rule takes less than its domain type does: values the rule takes
SAMPLES: dict[tuple[str, str], tuple[Any, Any]] = {
    ("Component", "type"): ("investment", "saving"),
}


def sample(hint: Any, which: int = 0, where: tuple[str, str] = ("", "")) -> Any:
    """A value of the domain type ``hint`` (``which``: the first or the second of its kind),
    unlike any default, that the model's rule for it takes."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if where in SAMPLES:
        return SAMPLES[where][which]
    if hint in BY_TYPE:
        return BY_TYPE[hint][which]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return list(hint)[-1 - which]
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        parts = typing.get_type_hints(hint)
        named = {f.name: (hint.__name__, f.name) for f in dataclasses.fields(hint)}
        return hint(**{name: sample(parts[name], which, at) for name, at in named.items()})
    if origin in (typing.Union, types.UnionType):
        return sample(next(a for a in args if a is not type(None)), which, where)
    if origin is list:
        return [sample(args[0], which)]
    if origin is dict:
        key = YEARS[0] if args[0] is int else sample(args[0], which)
        return {key: sample(args[1], which)}
    raise TypeError(
        f"tests/test_shape.py has no value of {hint!r} (field {'.'.join(where)}): add one to "
        "BY_TYPE, or to SAMPLES for that field"
    )


def plain(value: Any) -> Any:
    """A domain value as a YAML file states it (and ``proposal_text`` takes it): a field at
    its default left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) != default(f)
        }
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def default(field: dataclasses.Field[Any]) -> Any:
    """A field's default (``MISSING``: it has none)."""
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return field.default


def of_field(name: str, which: int = 0) -> Any:
    """A value of the proposal's field ``name``, of its type in the domain."""
    assert name in HINTS, f"core/domain.py: Proposal has no field {name}"
    return sample(HINTS[name], which, ("Proposal", name))


REQUIRED = [name for name in FIELDS if ProposalFile.model_fields[name].is_required()]
#: the smallest proposal: its required fields
SMALLEST = Proposal(**{name: of_field(name) for name in REQUIRED if name in HINTS})


def with_field(name: str, which: int = 0) -> Proposal:
    """The smallest proposal, with a value of ``name``'s own."""
    return replace(SMALLEST, **{name: of_field(name, which)})


def model(value: Any) -> Proposal:
    return ProposalFile.model_validate(value, context={"years": YEARS}).to_domain()


def test_the_domain_value_has_the_models_fields() -> None:
    missing = [name for name in FIELDS if name not in DOMAIN]
    assert not missing, (
        f"core/domain.py: Proposal has no field {', '.join(missing)}, which folder/models.py's "
        "ProposalFile declares: add it there, of the type the rule makes"
    )
    unruled = [name for name in DOMAIN if name not in FIELDS]
    assert not unruled, (
        f"folder/models.py: ProposalFile has no field {', '.join(unruled)}, which core/domain.py's "
        "Proposal has: declare it there with its rule, where a written file has the key"
    )


@pytest.mark.parametrize(
    "part",
    [m for m in vars(models).values() if isinstance(m, type) and m.__base__ is models._Part],
    ids=lambda part: part.__name__,
)
def test_each_part_has_the_fields_of_its_domain_value(part: type[models._Part]) -> None:
    """A part of a proposal (change, a component …) is made its domain value by name."""
    value_type = typing.get_type_hints(part.to_domain)["return"]
    names = [f.name for f in dataclasses.fields(value_type)]
    assert sorted(part.model_fields) == sorted(names), (
        f"folder/models.py's {part.__name__} and core/domain.py's {value_type.__name__} must have "
        f"the same fields: {sorted(part.model_fields)} against {sorted(names)}"
    )


@pytest.mark.parametrize("name", FIELDS)
def test_the_model_and_the_domain_value_have_the_same_default(name: str) -> None:
    """A file that leaves a field out means the domain value's default (the fast path, which
    takes such a file, gives the domain's default)."""
    assert name in DOMAIN, f"core/domain.py: Proposal has no field {name}"
    field = DOMAIN[name]
    has_default = not (
        field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    )
    assert has_default != (name in REQUIRED), (
        f"{name}: required in folder/models.py's ProposalFile exactly when core/domain.py's "
        "Proposal gives it no default"
    )
    if has_default:
        made = model(plain(SMALLEST))
        assert getattr(made, name) == getattr(SMALLEST, name), (
            f"{name}: left out of a file, folder/models.py's ProposalFile makes "
            f"{getattr(made, name)!r}, core/domain.py's Proposal has {getattr(SMALLEST, name)!r}: "
            "give both the same default"
        )


@pytest.mark.parametrize("name", FIELDS)
def test_the_model_takes_the_value_and_makes_it_the_domains(name: str) -> None:
    value = with_field(name)
    try:
        made = model(plain(value))
    except ValidationError as refused:
        raise AssertionError(
            f"{name}: folder/models.py's rule refuses tests/test_shape.py's value "
            f"{plain(getattr(value, name))!r}; add one it takes to SAMPLES there\n{refused}"
        ) from None
    assert made == value, f"{name}: folder/models.py's to_domain makes {getattr(made, name)!r}"


def test_a_written_file_has_the_models_order() -> None:
    assert order() == FIELDS


@pytest.mark.parametrize("name", FIELDS)
def test_a_written_file_holds_the_field_and_reads_back(name: str) -> None:
    """``import`` writes it (``proposal_text``), the fast reader and the model read it back."""
    value = with_field(name)
    text = proposal_text(plain(value))
    assert re.search(rf"^{name}:", text, re.MULTILINE), (
        f"folder/proposalfile.py's proposal_text writes no {name}:\n{text}"
    )
    read = yamlfast.read(text.encode())
    assert read is not None, (
        f"folder/proposalfile.py writes {name} as the fast reader does not read"
    )
    back = model(read)
    assert back == value, (
        f"{name}: folder/proposalfile.py writes {getattr(value, name)!r} as text that reads "
        f"back as {getattr(back, name)!r}:\n{text}"
    )


def test_the_fast_path_takes_fields_of_the_model_and_every_required_one() -> None:
    unknown = sorted(modelfast.TAKEN - set(FIELDS))
    assert not unknown, f"folder/modelfast.py takes {unknown}, no field of the model"
    declined = [name for name in REQUIRED if name not in modelfast.TAKEN]
    assert not declined, (
        f"folder/modelfast.py does not take {declined}, which every proposal has: every file "
        "would go through pydantic; add a reader to its _READERS"
    )


@pytest.mark.parametrize("name", FIELDS)
def test_the_fast_path_takes_the_field_as_the_model_does_or_declines_it(name: str) -> None:
    value = plain(with_field(name))
    fast = modelfast.proposal(value, YEARS)
    if name in modelfast.TAKEN:
        assert fast is not None, f"folder/modelfast.py declines {name} written the common way"
        assert repr(fast) == repr(model(value)), f"folder/modelfast.py reads {name} otherwise"
    else:
        assert fast is None, f"folder/modelfast.py takes {name}, which it does not read"


def test_the_fast_paths_property_test_writes_every_field_it_takes() -> None:
    required, optional = fast_path_fields(odd_values=False)
    assert set(required) | set(optional) == modelfast.TAKEN, (
        "tests/test_modelfast.py's fields() must write every key folder/modelfast.py takes: "
        f"missing {sorted(modelfast.TAKEN - set(required) - set(optional))}"
    )


def test_the_store_keeps_every_field() -> None:
    every = Proposal(**{name: of_field(name) for name in DOMAIN})
    assert all(
        getattr(every, name) != getattr(SMALLEST, name) for name in DOMAIN if name not in REQUIRED
    )
    back = codec.loads(codec.dumps(every))
    assert repr(back) == repr(every), f"store/codec.py gives back {back!r}"


def test_a_field_added_makes_every_key_of_the_store_new() -> None:
    """The store's keys hold the fields of every stored type: a cache of the fields before is
    never read as this version's."""

    @dataclasses.dataclass
    class Before:
        id: str

    @dataclasses.dataclass
    class After:
        id: str
        contact: str | None = None

    After.__name__ = "Before"
    assert codec.shape({"Before": Before}) != codec.shape({"Before": After})
    assert codec.shape(codec.KNOWN) == codec.SHAPE
    assert f"shape {codec.SHAPE}".encode() in load.VERSION
    assert {"Proposal", "Change", "Component", "Allocations", "Staffing", "DocumentPage"} <= set(
        codec.KNOWN
    )


@pytest.mark.parametrize("name", FIELDS)
def test_diff_says_when_the_field_changed(name: str) -> None:
    old, new = with_field(name, 0), with_field(name, 1)
    if name not in REQUIRED:
        old = SMALLEST
    said = diff._compare(old, new, YEARS, set(Status))
    assert said is not None, f"diff finds no change in {name}"
    named = {
        *said.text,
        *said.fields,
        *(field for field, _, _ in said.values),
        *(["id"] if said.kind == "renamed" else []),
        *(["status"] if said.status_changed else []),
        *(["areas"] if said.old_areas != said.new_areas else []),
        *(["change"] if said.figures_changed else []),
    }
    assert name in named, f"core/diff.py does not say that {name} changed: {said}"


def test_the_docs_table_has_every_field() -> None:
    """docs/format.md §3, the table of a proposal's keys, a row for each field (and no other)."""
    docs = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    section = docs.split("\n## 3. ", 1)[1].split("\n## ", 1)[0]
    rows = {m.group(1) for m in re.finditer(r"^\| `([a-z_]+)`", section, re.MULTILINE)}
    assert not set(FIELDS) - rows, (
        f"docs/format.md §3 (the proposal's fields) has no row for {sorted(set(FIELDS) - rows)}"
    )
    assert not rows - set(FIELDS), f"docs/format.md §3 names {sorted(rows - set(FIELDS))}"


def test_the_schema_names_every_field(runner: CliRunner) -> None:
    code, out, _ = run(runner, "schema", "proposal")
    assert code == 0
    assert tuple(json.loads(out)["properties"]) == FIELDS


def test_new_writes_every_field_in_the_files_order() -> None:
    """``budgetcli new``'s template names every field, each commented in Danish and English."""
    text = template_text("p", ["B60.30.10"], None, None, YEARS, "reduction")
    keys = tuple(re.findall(r"^([a-z_]+):", text, re.MULTILINE))
    missing = [name for name in FIELDS if name not in keys]
    assert not missing, (
        f"folder/proposalfile.py's template_text (the file `budgetcli new` writes) has no line "
        f"for {missing}: add one where the file has the key, commented in Danish and English"
    )
    assert keys == FIELDS, f"template_text's keys are not in the file's order: {keys}"
