"""What a load gives: ``Checked``, the budget's figures at hand and its proposals read
when first asked for (from this run's bytes, else from their pack, else the files again);
``Checked.as_valid()``, a ``Valid`` load whose areas, budget and catalogue are never None, or
the errors; ``Valid.in_prices``, the budget restated in another year's prices."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, overload

from budgetcli.core.calc import ProposalLine, StatusSums
from budgetcli.core.catalogue import Catalogue
from budgetcli.core.diagnostics import Problem, Source, said
from budgetcli.core.domain import Budget, LoadedProposal, Meta, Proposal
from budgetcli.core.errors import InvalidDataError, UsageError
from budgetcli.core.groups import GroupSums
from budgetcli.core.lazyclasses import built, dataclass, field
from budgetcli.core.vocab import Status
from budgetcli.folder.listing import stem_of
from budgetcli.store import cache, codec
from budgetcli.store.changed import KEY, NAME, RELPATH, WHERE, line_of
from budgetcli.store.digests import checksum
from budgetcli.store.index import Index
from budgetcli.store.row import line_and_terms_of

if TYPE_CHECKING:
    from budgetcli.core.prices import Terms


class Parts(Protocol):
    """The whole budget of a result, each proposal read when asked for."""

    def proposal(self, i: int) -> Proposal:
        """The proposal of ``lines[i]``."""
        ...

    @property
    def marks(self) -> Sequence[bytes]:
        """A digest of each proposal's bytes: two proposals with the same one are equal."""
        ...

    def budget(self) -> Budget:
        """The budget with every proposal."""
        ...


@dataclass(frozen=True, eq=False)
class Contents:
    """The budget of a load whose ``areas.yaml`` is usable: its context at hand, its proposals
    read when first asked for."""

    #: the budget without its proposals: the areas, forecasts, refusion rules, price indexes
    context: Budget
    load_parts: Callable[[], Parts] = field(repr=False)
    load_catalogue: Callable[[], Catalogue] = field(repr=False)
    #: the catalogue's lines and what restating them needs (``prices.Terms``), each row read
    #: once: ``--prices`` restates these, not the proposals
    load_lined: Callable[[], tuple[list[ProposalLine], list[Terms]]] | None = field(
        default=None, repr=False
    )

    @functools.cached_property
    def parts(self) -> Parts:
        return self.load_parts()

    @functools.cached_property
    def budget(self) -> Budget:
        """The budget with every proposal whole."""
        return self.parts.budget()

    @functools.cached_property
    def catalogue(self) -> Catalogue:
        """The budget as ``diff`` reads it: a proposal read only when it may have changed."""
        return self.load_catalogue()


@dataclass(frozen=True, eq=False)
class Checked:
    """A data set loaded and cross-checked: what ``validate`` needs at hand (the problems and
    the areas), the rest read on first use: each proposal's figures (``lines``) for
    ``summary``, the proposals whole for ``show`` and ``diff``. Two are equal if their
    problems, files, areas and lines are.

    ``contents`` is None, and so are ``meta``, ``budget`` and ``catalogue``, if ``areas.yaml`` is
    unusable; ``as_valid()`` is the load with none of them None, or the errors."""

    problems: list[Problem]
    files: int
    contents: Contents | None
    load_lines: Callable[[], tuple[ProposalLine, ...]] = field(repr=False)
    sums: StatusSums = field(default_factory=dict, repr=False)
    #: the lines summed by kind (``core.groups``), if at hand
    groups: GroupSums | None = field(default=None, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Checked):
            return NotImplemented
        mine = (self.problems, self.files, self.meta, self.lines)
        return mine == (other.problems, other.files, other.meta, other.lines)

    __hash__ = None  # type: ignore[assignment]

    @functools.cached_property
    def lines(self) -> tuple[ProposalLine, ...]:
        """Each valid proposal's figures, in load order."""
        return self.load_lines()

    @property
    def meta(self) -> Meta | None:
        return self.contents.context.meta if self.contents is not None else None

    @property
    def budget(self) -> Budget | None:
        """The budget with every proposal whole."""
        return self.contents.budget if self.contents is not None else None

    @property
    def catalogue(self) -> Catalogue | None:
        """The budget as ``diff`` reads it: a proposal read only when it may have changed."""
        return self.contents.catalogue if self.contents is not None else None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def valid(self) -> bool:
        return self.contents is not None and not any(p.is_error for p in self.problems)

    def as_valid(self) -> Valid:
        """This load with its areas, budget and catalogue (none of them None), or
        ``InvalidDataError`` with its errors."""
        errors = self.errors
        if errors or self.contents is None:
            raise InvalidDataError(errors)
        return built(Valid, (self, self.contents))


@dataclass(frozen=True, eq=False)
class Valid:
    """A load with no error: what ``Checked`` holds, its areas, budget and catalogue never
    None; each still read when first asked for (a cached ``summary`` decodes no proposal)."""

    checked: Checked
    contents: Contents

    @property
    def meta(self) -> Meta:
        return self.contents.context.meta

    @property
    def context(self) -> Budget:
        """The budget without its proposals (its areas, forecasts, rules and price indexes)."""
        return self.contents.context

    @property
    def budget(self) -> Budget:
        """The budget with every proposal whole (each one read)."""
        return self.contents.budget

    @property
    def catalogue(self) -> Catalogue:
        return self.contents.catalogue

    @property
    def lines(self) -> tuple[ProposalLine, ...]:
        return self.checked.lines

    @property
    def sums(self) -> StatusSums:
        return self.checked.sums

    @property
    def groups(self) -> GroupSums | None:
        return self.checked.groups

    @property
    def problems(self) -> list[Problem]:
        """The warnings (a valid load has no error)."""
        return self.checked.problems

    def in_prices(
        self, year: int, frames: bool = True, statuses: Collection[Status] | None = None
    ) -> Catalogue:
        """The budget with every amount in ``year``'s prices, by its own price indexes
        (``core.prices``; ``UsageError`` says why it cannot be): its frames and baseline left
        out unless ``frames``; only the proposals of ``statuses``, if given. The lines are
        restated from the rows (``prices.restate_lines``): a proposal is read only when it is
        asked for."""
        from budgetcli.core.prices import in_prices

        lined = self.contents.load_lined
        return in_prices(self.catalogue, self.context.prices, year, frames, statuses, lined)

    def proposal(self, i: int, prices: int | None = None) -> tuple[Proposal, Meta]:
        """The proposal of ``catalogue.lines[i]`` and the areas, as the files state them or
        in ``prices``'s prices (only it read and restated; the frames left out)."""
        p, meta = self.catalogue.proposal(i), self.meta
        if prices is None:
            return p, meta
        from budgetcli.core.prices import restate_meta, restate_proposal, restatement

        r = restatement(meta, self.context.prices, prices)
        return restate_proposal(p, r), restate_meta(meta, r, frames=False)


def checked(index: Index, fresh: dict[bytes, bytes], again: Callable[[], Checked]) -> Checked:
    """The result of a load; its lines and proposals read on first use (``fresh``: this run's
    blobs; ``again``: the load with every file read again, should a stored proposal be
    damaged)."""
    result, budget = index.result, index.context.budget

    @functools.cache
    def lines() -> tuple[ProposalLine, ...]:
        return index.lines()

    contents = None if budget is None else _contents(budget, index, fresh, again, lines)
    # ``Checked``, ``Contents`` and ``Valid`` are made as their ``__init__`` makes them, without
    # making their classes (``core.lazyclasses``): every command makes one of each, and uses
    # none of what making the class gives (``repr``, ``==`` of Contents and Valid)
    made = (result.problems, index.files, contents, lines, result.sums, result.groups)
    return built(Checked, made)


def _contents(
    budget: Budget,
    index: Index,
    fresh: dict[bytes, bytes],
    again: Callable[[], Checked],
    lines: Callable[[], tuple[ProposalLine, ...]],
) -> Contents:
    """The budget of a load with usable areas: ``budget`` (its context), each proposal read
    when asked for."""
    valid = [i for i, pid in enumerate(index.ids) if pid is not None]  # rows with a line

    @functools.cache
    def parts() -> Parts:
        return _Parts(budget, index, valid, fresh, functools.partial(_rebuild, again, lines))

    def catalogue() -> Catalogue:
        made, result = parts(), index.result
        ids = [pid for i in valid if (pid := index.ids[i]) is not None]
        shown = _Lines(index, valid)
        return Catalogue(
            budget.meta, shown, made.proposal, made.marks.__getitem__, result.sums, ids,
            result.groups,
        )  # fmt: skip

    def lined() -> tuple[list[ProposalLine], list[Terms]]:
        lines, terms = [], []
        computed, stored = index.computed_rows, index.table.stored_rows
        for i in valid:
            row = computed.get(i)
            line, term = (line_of(row), row.terms) if row else line_and_terms_of(stored[i])
            if line is None or term is None:  # a row with an id has both
                raise ValueError(f"row {i} has no line or no terms")
            lines.append(line)
            terms.append(term)
        return lines, terms

    return built(Contents, (budget, parts, catalogue, lined))


class _Lines(Sequence[ProposalLine]):
    """The lines of the valid proposals of an index, each decoded when first asked for
    (``diff`` reads those of the few proposals that changed)."""

    def __init__(self, index: Index, valid: list[int]) -> None:
        self._index, self._valid = index, valid
        self._made: dict[int, ProposalLine] = {}

    def __len__(self) -> int:
        return len(self._valid)

    @overload
    def __getitem__(self, i: int) -> ProposalLine: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[ProposalLine]: ...

    def __getitem__(self, i: int | slice) -> ProposalLine | Sequence[ProposalLine]:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        line = self._made.get(i)
        if line is None:
            line = line_of(self._index.row(self._valid[i]))
            if line is None:  # a row with an id has a line
                raise ValueError(f"row {self._valid[i]} has no line")
            self._made[i] = line
        return line


def _rebuild(again: Callable[[], Checked], lines: Callable[[], tuple[ProposalLine, ...]]) -> Parts:
    """The parts again from the files, when a stored proposal is gone or damaged: only if the
    files still give the same lines, or the proposals would not match what was shown."""
    rebuilt = again()
    if rebuilt.lines != lines() or rebuilt.contents is None:
        raise UsageError(
            said(
                "the data changed while budgetcli was reading it (its stored copy was"
                " incomplete); run the command again"
            )
        )
    return rebuilt.contents.parts


class _Parts:
    """A budget's proposals, each read when first asked for: from this run's blobs, else from
    its pack; if one is gone or damaged, every one from the files again (``rebuild``)."""

    def __init__(
        self,
        shell: Budget,
        index: Index,
        valid: list[int],
        fresh: dict[bytes, bytes],
        rebuild: Callable[[], Parts],
    ) -> None:
        self._shell, self._fresh, self._rebuild_with = shell, fresh, rebuild
        self._index, self._valid = index, valid  # the rows with figures
        marks = [index.marks[i] for i in valid]
        self._marks = [m for m in marks if m is not None]
        if len(self._marks) != len(marks):  # a row with a line has a mark
            raise ValueError("a proposal without its mark")
        self._packs = cache.Packs()
        self._rebuilt: Parts | None = None

    @property
    def marks(self) -> Sequence[bytes]:
        return self._marks

    def proposal(self, i: int) -> Proposal:
        if self._rebuilt is None:
            r = self._index.row(self._valid[i])
            blob = self._fresh.get(r[KEY])
            where = r[WHERE]
            if blob is None and where is not None:
                blob = self._packs.read(where, r[KEY])
            if blob is not None and checksum(blob) == self._marks[i]:
                try:
                    return codec.loads(blob)
                except Exception:  # not a proposal after all: rebuilt below
                    pass
        if self._rebuilt is None:
            self._rebuilt = self._rebuild_with()
        return self._rebuilt.proposal(i)

    def budget(self) -> Budget:
        proposals = []
        for i, j in enumerate(self._valid):
            r = self._index.row(j)
            proposals.append(LoadedProposal(self.proposal(i), Source(r[NAME]), stem_of(r[RELPATH])))
        return replace(self._shell, proposals=tuple(proposals))
