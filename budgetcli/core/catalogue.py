"""A budget as ``diff``, ``--prices`` and the outputs read it: its areas, each proposal's line,
and a proposal whole only when asked for (``core.calc`` makes the lines, ``core.groups`` their
sums by kind)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from budgetcli.core.calc import ProposalLine, StatusSums
from budgetcli.core.domain import Meta, Proposal
from budgetcli.core.groups import GroupSums
from budgetcli.core.lazyclasses import dataclass


def _no_mark(i: int) -> bytes | None:
    return None


@dataclass(frozen=True)
class Catalogue:
    """A budget as ``diff`` reads it: its areas, each proposal's line, and a proposal whole
    only when asked for (``proposal(i)``: the one of ``lines[i]``). ``mark(i)`` is a digest
    of that proposal: two proposals with the same mark are equal; ``None`` means "compare
    them whole"."""

    meta: Meta
    lines: Sequence[ProposalLine]
    proposal: Callable[[int], Proposal]
    mark: Callable[[int], bytes | None] = _no_mark
    sums: StatusSums | None = None  # ``status_sums(lines)``, if at hand
    ids: Sequence[str] | None = None  # each line's id, if at hand without reading the lines
    groups: GroupSums | None = None  # the lines summed by kind (``core.groups``), if at hand

    def each_id(self) -> Sequence[str]:
        """Each line's id: those at hand if the load kept them (no line read), else the
        lines'."""
        return self.ids if self.ids is not None else [line.id for line in self.lines]
