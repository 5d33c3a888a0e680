"""``dataclass``: the standard library's dataclasses, each made when it is first used.

Making a dataclass costs about 0.5-0.7 ms (Python 3.11): ``dataclasses`` writes the source of
its ``__init__``, ``__repr__``, ``__eq__``, ``__hash__`` (and, frozen, ``__setattr__`` and
``__delattr__``) and compiles each one, every time the module is imported. A cached
``summary`` imports 57 of budgetcli's dataclasses and uses 7 of them: made at import, they
cost it some 30 ms, more than the rest of its own work. A class declared with this
``dataclass`` is a plain class until the first use of what ``dataclasses`` would have added
(making an instance, ``dataclasses.fields``, ``==``, ``repr``, ``hash``): that first use hands
the class to ``dataclasses.dataclass``, with the same arguments, and from then on it is
exactly the dataclass it would have been (the same class object: ``isinstance`` and every
reference to it hold).

``declared(cls)`` gives the fields' names and type hints, as ``dataclasses.fields`` would,
without making the class (``store.codec``'s shape of the cache); ``built(cls, values)`` an
instance with every field given, as its ``__init__`` would make it, without making the class
either (``store.codec`` decodes the stored context: a cached run that reads the forecasts and
follow-ups but never compares, prints or copies one makes none of their classes);
``is_dataclass`` tells one of these classes, made or not yet, without making it.

For the type checker, ``dataclass`` and ``field`` are those of ``dataclasses``.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

T = TypeVar("T")

__all__ = ["built", "dataclass", "declared", "field", "is_dataclass", "made", "pending"]

#: what ``dataclasses.dataclass`` adds that a use of the class can reach first
_DEFERRED = (
    "__init__",
    "__repr__",
    "__eq__",
    "__hash__",
    "__setattr__",
    "__delattr__",
    "__dataclass_fields__",
    "__dataclass_params__",
)


class _Deferred:
    """What ``dataclasses`` would have put in a class under ``name``, before it has: the
    first time it is looked up, the class is made a dataclass and the real one is given."""

    __slots__ = ("cls", "name", "options")

    def __init__(self, cls: type[Any], name: str, options: dict[str, Any]) -> None:
        self.cls, self.name, self.options = cls, name, options

    def __get__(self, instance: object, owner: type[Any] | None = None) -> Any:
        made(self.cls)
        real = getattr(self.cls, self.name)  # the class's own now, or what it inherits
        if real is None and self.name == "__hash__":
            raise TypeError(f"unhashable type: {self.cls.__name__!r}")
        if instance is None:
            return real
        bind = getattr(type(real), "__get__", None)
        return real if bind is None else bind(real, instance, owner)


def made(cls: type[Any]) -> type[Any]:
    """``cls`` made the dataclass it was declared to be (once; then it is as it is)."""
    deferred = cls.__dict__.get("__dataclass_fields__")
    if not isinstance(deferred, _Deferred):
        return cls
    for name in _DEFERRED:
        if isinstance(cls.__dict__.get(name), _Deferred):
            delattr(cls, name)
    return dataclasses.dataclass(cls, **deferred.options)


def _defer(cls: type[Any], options: dict[str, Any]) -> type[Any]:
    if options.get("slots"):
        raise TypeError(f"{cls.__name__}: a deferred dataclass cannot have slots")
    for name in _DEFERRED:
        if name not in cls.__dict__:  # what the class writes itself stays its own
            setattr(cls, name, _Deferred(cls, name, options))
    return cls


def pending(cls: type[Any]) -> bool:
    """A class declared here and not made a dataclass yet."""
    return isinstance(cls.__dict__.get("__dataclass_fields__"), _Deferred)


def is_dataclass(cls: type[Any]) -> bool:
    """A dataclass, or one declared here and not made yet (which this does not make)."""
    return pending(cls) or dataclasses.is_dataclass(cls)


def declared(cls: type[Any]) -> list[tuple[str, str]]:
    """Each field's name and type hint as written (``str(f.type)`` of ``dataclasses.fields``),
    in their order, without making ``cls``: its own annotations, after those of the dataclasses
    it derives from."""
    found: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if base is object or not is_dataclass(base):
            continue
        for name, hint in inspect.get_annotations(base).items():
            written = str(hint)
            if written.startswith(("ClassVar", "InitVar", "typing.ClassVar", "dataclasses.")):
                raise TypeError(f"{cls.__name__}.{name}: declared() knows no {written}")
            found[name] = written
    return list(found.items())


@functools.cache
def _names(cls: Hashable) -> tuple[str, ...]:
    if not isinstance(cls, type) or hasattr(cls, "__post_init__") or not is_dataclass(cls):
        raise TypeError(f"{cls!r}: built() makes only plain dataclasses")
    return tuple(name for name, _ in declared(cls))


def built(cls: type[T], values: Sequence[Any]) -> T:
    """``cls(*values)`` with a value for every field (``ValueError`` if not as many), made as
    the ``__init__`` of a dataclass without ``__post_init__`` makes it (each field set on the
    instance, nothing else), whether the class is made yet or not."""
    names = _names(cast(Hashable, cls))  # a class is hashable
    if len(values) != len(names):
        raise ValueError(f"{cls.__name__}: {len(values)} fields, not {len(names)}")
    instance = cls.__new__(cls)
    instance.__dict__.update(zip(names, values, strict=True))
    return instance


if TYPE_CHECKING:
    from dataclasses import dataclass, field
else:
    field = dataclasses.field

    def dataclass(cls=None, /, **options):
        """``dataclasses.dataclass``, made on first use (the module's docstring)."""
        if cls is None:
            return lambda cls: _defer(cls, options)
        return _defer(cls, options)
