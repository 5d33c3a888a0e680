"""``core.lazyclasses``: a dataclass made when first used is the dataclass it was declared to
be, whichever use comes first; ``declared`` gives what ``dataclasses.fields`` gives (the
cache's shape is read from it); ``built`` makes what the class itself makes."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest

import budgetcli
from budgetcli.core import lazyclasses
from budgetcli.core.diagnostics import Problem, Severity
from budgetcli.core.lazyclasses import built, dataclass, declared, field, pending
from budgetcli.store import codec
from budgetcli.store.digests import blake2b


def declare() -> tuple[type[Any], type[Any], type[Any]]:
    """Three classes, not made yet: frozen, a subclass of it, and one with a default factory
    and ``eq=False``."""

    @dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0

    @dataclass(frozen=True, order=True)
    class Labelled(Point):
        label: str = ""

    @dataclass(eq=False)
    class Bag:
        items: list[int] = field(default_factory=list)

    return Point, Labelled, Bag


def test_a_class_is_made_by_its_first_use_and_is_then_the_dataclass() -> None:
    Point, Labelled, Bag = declare()
    assert pending(Point) and pending(Labelled) and pending(Bag)
    p = Point(1, 2)
    assert not pending(Point) and pending(Labelled)
    assert p == Point(1, 2) and p != Point(2, 1) and hash(p) == hash(Point(1, 2))
    assert repr(p).endswith(".Point(x=1, y=2)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 3
    assert [f.name for f in dataclasses.fields(Labelled)] == ["x", "y", "label"]
    assert Labelled(1, 2, "a") < Labelled(1, 2, "b")
    assert dataclasses.replace(Labelled(1), label="z") == Labelled(1, 0, "z")
    b = Bag()
    b.items.append(1)
    assert Bag().items == [] and b != Bag([1])  # eq=False: identity
    assert hash(b) == object.__hash__(b)


@pytest.mark.parametrize("first", ["fields", "is_dataclass", "eq", "repr", "hash"])
def test_any_first_use_makes_it(first: str) -> None:
    Point, _, _ = declare()
    made = built(Point, [1, 2])  # an instance, the class not made
    assert pending(Point)
    uses: dict[str, Callable[[], bool]] = {
        "fields": lambda: [f.name for f in dataclasses.fields(made)] == ["x", "y"],
        "is_dataclass": lambda: dataclasses.is_dataclass(made),
        "eq": lambda: made == built(Point, [1, 2]) and made != built(Point, [1, 3]),
        "repr": lambda: repr(made).endswith("Point(x=1, y=2)"),
        "hash": lambda: hash(made) == hash((1, 2)),
    }
    assert uses[first]()
    assert made == Point(1, 2) and not pending(Point)


def test_built_is_the_instance_the_class_makes() -> None:
    problem = Problem("a.yaml", 3, 1, Severity.WARNING, "rule", "said")
    again = built(Problem, [getattr(problem, name) for name, _ in declared(Problem)])
    assert again == problem and vars(again) == vars(problem)
    with pytest.raises(ValueError, match="fields"):
        built(Problem, ["a.yaml", 3])


def every_deferred_class() -> list[type[Any]]:
    """Every dataclass of budgetcli (each module imported here)."""
    found = []
    for module in pkgutil.walk_packages(budgetcli.__path__, "budgetcli."):
        if module.name == "budgetcli.__main__":
            continue  # it runs the command line
        loaded = importlib.import_module(module.name)
        found += [
            c
            for c in vars(loaded).values()
            if isinstance(c, type) and c.__module__ == module.name and lazyclasses.is_dataclass(c)
        ]
    return found


def test_declared_is_what_dataclasses_fields_gives() -> None:
    """For every class of budgetcli's, and so the cache's shape (``codec.SHAPE``) is what it was
    when it was read from ``dataclasses.fields``."""
    classes = every_deferred_class()
    assert len(classes) > 50
    for cls in classes:
        expected = [(f.name, str(f.type)) for f in dataclasses.fields(cls)]
        assert declared(cls) == expected, cls
    shape = sorted(
        (name, [(f.name, str(f.type)) for f in dataclasses.fields(cls)])
        for name, cls in codec.KNOWN.items()
    )
    assert codec.shape(codec.KNOWN) == blake2b(repr(shape).encode(), digest_size=8).hexdigest()
