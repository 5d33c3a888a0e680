"""A budget as it is published (``budgetcli export``, ``budgetcli report``): every figure the
workbook, the database and the catalogue show, computed once, here. The renderers only lay it
out, so each shows the same figures as ``summary``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from budgetcli.core.calc import (
    Catalogue,
    Figures,
    Level,
    Summary,
    figures_by_year,
    level_of,
    status_sums,
    summarize_lines,
)
from budgetcli.core.domain import Meta, Proposal
from budgetcli.core.errors import UsageError
from budgetcli.core.frames import FrameReport, frame_report
from budgetcli.core.vocab import GroupBy, Status


@dataclass(frozen=True)
class Publication:
    """What is published of a budget: its areas.yaml, the statuses counted, each proposal of
    them (in id order) with its figures per year, the summary per area and per committee (all
    the budget's years), the frame position when areas.yaml has frames, the price level, and
    the command line that made it (for the document's properties)."""

    meta: Meta
    statuses: tuple[Status, ...]
    proposals: list[Proposal]
    figures: dict[str, dict[int, Figures]]
    by_area: Summary
    by_committee: Summary
    frames: FrameReport | None
    level: Level | None
    command: str

    @property
    def committees(self) -> list[str]:
        """The committees of the summary by committee, in its order."""
        return [row.key for row in self.by_committee.rows]


def publication(catalogue: Catalogue, statuses: Sequence[Status], command: str) -> Publication:
    """The publication of ``catalogue`` (every proposal of ``statuses``)."""
    meta = catalogue.meta
    wanted = set(statuses)
    chosen = [i for i, line in enumerate(catalogue.lines) if line.status in wanted]
    proposals = sorted((catalogue.proposal(i) for i in chosen), key=lambda p: p.id)
    lines = [catalogue.lines[i] for i in chosen]
    frames = None
    if meta.frames.service is not None or meta.frames.construction is not None:
        try:
            frames = frame_report(meta, status_sums(lines), statuses)
        except UsageError:
            frames = None
    return Publication(
        meta=meta,
        statuses=tuple(statuses),
        proposals=proposals,
        figures={p.id: figures_by_year(p, meta.years) for p in proposals},
        by_area=summarize_lines(meta, lines, GroupBy.AREA, statuses),
        by_committee=summarize_lines(meta, lines, GroupBy.COMMITTEE, statuses),
        frames=frames,
        level=level_of(meta),
        command=command,
    )
