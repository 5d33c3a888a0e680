"""A budget as it is published (``budgetcli export``, ``budgetcli report``): every figure the
workbook, the database and the catalogue show, computed once, here. The renderers only lay it
out, so each shows the same figures as ``summary``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, overload

from budgetcli.core.calc import (
    METRICS,
    Figures,
    Level,
    ProposalLine,
    Summary,
    figures_by_year,
    group_of,
    level_of,
    status_sums,
    summarize_lines,
)
from budgetcli.core.catalogue import Catalogue
from budgetcli.core.domain import Meta, Proposal
from budgetcli.core.errors import UsageError
from budgetcli.core.frames import FrameReport, frame_report
from budgetcli.core.lazyclasses import dataclass
from budgetcli.core.vocab import GroupBy, Status

if TYPE_CHECKING:
    from budgetcli.core.followup import Computed


@dataclass(frozen=True)
class Publication:
    """What is published of a budget: its areas.yaml, the statuses counted, each proposal of
    them (in id order) with its figures per year, the summary per area and per committee (all
    the budget's years), the frame position when areas.yaml has frames, the price level, and
    the command line that made it (for the document's properties)."""

    meta: Meta
    statuses: tuple[Status, ...]
    #: each read when it is used (``Proposals``): a large budget is never held whole
    proposals: Sequence[Proposal]
    #: each proposal's figures per year, by its id, in the proposals' order (``FiguresById``)
    figures: Mapping[str, dict[int, Figures]]
    by_area: Summary
    by_committee: Summary
    frames: FrameReport | None
    level: Level | None
    command: str
    #: the summary by area of each committee's proposals, in ``by_committee``'s order: a
    #: budget's overview (the committee's areas, its subtotal the committee's row)
    committee_areas: tuple[Summary, ...] = ()
    #: the budget's follow-ups, computed, oldest first (the year after adoption)
    followups: tuple[Computed, ...] = ()

    @property
    def committees(self) -> list[str]:
        """The committees of the summary by committee, in its order."""
        return [row.key for row in self.by_committee.rows]


def publication(catalogue: Catalogue, statuses: Sequence[Status], command: str) -> Publication:
    """The publication of ``catalogue`` (every proposal of ``statuses``)."""
    meta = catalogue.meta
    wanted = set(statuses)
    chosen = [i for i, line in enumerate(catalogue.lines) if line.status in wanted]
    lines = [catalogue.lines[i] for i in chosen]
    order = sorted(range(len(chosen)), key=lambda k: lines[k].id)
    proposals = Proposals(catalogue.proposal, [chosen[k] for k in order])
    frames = None
    if meta.frames.service is not None or meta.frames.construction is not None:
        try:
            frames = frame_report(meta, status_sums(lines), statuses)
        except UsageError:
            frames = None
    by_committee = summarize_lines(meta, lines, GroupBy.COMMITTEE, statuses)
    return Publication(
        meta=meta,
        statuses=tuple(statuses),
        proposals=proposals,
        figures=FiguresById(proposals, [lines[k].id for k in order], meta.years),
        by_area=summarize_lines(meta, lines, GroupBy.AREA, statuses),
        by_committee=by_committee,
        frames=frames,
        level=level_of(meta),
        command=command,
        committee_areas=_committee_areas(meta, lines, statuses, by_committee),
    )


class Proposals(Sequence[Proposal]):
    """The proposals of a catalogue at ``chosen`` (its lines' places), in that order, each
    read when asked for and not kept (the last few asked for aside: a proposal and its
    figures are asked for one after the other). An export goes through them one by one, so
    it holds one at a time, not 100,000."""

    def __init__(self, read: Callable[[int], Proposal], chosen: Sequence[int]) -> None:
        self._read, self._chosen = read, list(chosen)
        self._recent: dict[int, Proposal] = {}

    def __len__(self) -> int:
        return len(self._chosen)

    @overload
    def __getitem__(self, i: int) -> Proposal: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Proposal]: ...

    def __getitem__(self, i: int | slice) -> Proposal | Sequence[Proposal]:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        at = self._chosen[i]
        found = self._recent.get(at)
        if found is None:
            found = self._read(at)
            if len(self._recent) >= RECENT:
                del self._recent[next(iter(self._recent))]
            self._recent[at] = found
        return found

    def __iter__(self) -> Iterator[Proposal]:
        return (self[i] for i in range(len(self)))


#: how many of the proposals last read ``Proposals`` keeps
RECENT = 4


class FiguresById(Mapping[str, dict[int, Figures]]):
    """Each proposal's figures per year (``figures_by_year``), by its id, in the proposals'
    order: made from the proposal when asked for (``ids``: each one's id, known without
    reading it)."""

    def __init__(self, proposals: Proposals, ids: Sequence[str], years: Sequence[int]) -> None:
        self._proposals, self._years = proposals, tuple(years)
        self._at = {pid: i for i, pid in enumerate(ids)}

    def __getitem__(self, pid: str) -> dict[int, Figures]:
        return figures_by_year(self._proposals[self._at[pid]], self._years)

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def _committee_areas(
    meta: Meta, lines: Sequence[ProposalLine], statuses: Sequence[Status], by_committee: Summary
) -> tuple[Summary, ...]:
    """Each committee's proposals summed by area, in the order the summary by committee has
    the committees; each summary's total is that committee's row."""
    theirs: dict[str, list[ProposalLine]] = {}
    for line in lines:
        theirs.setdefault(group_of(line, GroupBy.COMMITTEE, meta)[0], []).append(line)
    return tuple(
        summarize_lines(meta, theirs[row.key], GroupBy.AREA, statuses) for row in by_committee.rows
    )


#: a figure of a publication: what it is, its year (``None``: a figure of no year), its value
Held = tuple[str, int | None, int | Decimal]


def held(pub: Publication) -> Iterator[Held]:
    """Every figure ``pub`` holds, with what it is: the areas' budgets and the frames as
    areas.yaml gives them (restated, with ``--prices``), each proposal's amounts and figures,
    the summaries with their totals, the frame position. An export asks for the first it cannot
    hold exactly (``first_unfit``)."""
    meta = pub.meta
    for area in meta.areas:
        yield from _series(f"area {area.code}'s budget", area.budget)
    for group, frames in (("frames", meta.frames), ("baseline", meta.baseline)):
        yield from _series(f"areas.yaml's {group}.service", frames.service)
        yield from _series(f"areas.yaml's {group}.construction", frames.construction)
    for p in pub.proposals:
        yield from _proposal(p)
        yield from _figures(f"proposal {p.id}'s", pub.figures[p.id])
    for name, summary in (("area", pub.by_area), ("committee", pub.by_committee)):
        for row in summary.rows:
            yield from _figures(f"the summary by {name}, {row.label},", row.years)
            for year, share in (row.shares or {}).items():
                yield f"the summary by {name}, {row.label}, budget", year, share.budget
                yield f"the summary by {name}, {row.label}, after", year, share.after
                if (percent := share.percent) is not None:
                    yield f"the summary by {name}, {row.label}, change %", year, percent
        yield from _figures("the total", summary.total)
    for summary in pub.committee_areas:
        for row in summary.rows:
            yield from _figures(f"the summary of a committee by area, {row.label},", row.years)
    for position in pub.frames.frames if pub.frames is not None else []:
        for year, figures in position.years.items():
            for name in FRAME_FIGURES:
                yield f"the {position.name} frame position's {name}", year, getattr(figures, name)


#: the figures of a year of a frame position (``FrameYear``'s fields and properties)
FRAME_FIGURES = (
    "frame",
    "baseline",
    "decided",
    "undecided",
    "after_decided",
    "deviation_decided",
    "after",
    "deviation",
)


def _series(what: str, series: Mapping[int, int] | None) -> Iterator[Held]:
    for year, value in (series or {}).items():
        yield what, year, value


def _figures(what: str, by_year: Mapping[int, Figures]) -> Iterator[Held]:
    for year, figures in by_year.items():
        for metric in METRICS:
            yield f"{what} {metric.replace('_', ' ')}", year, getattr(figures, metric)


def _proposal(p: Proposal) -> Iterator[Held]:
    """A proposal's amounts as its file gives them (restated, with ``--prices``)."""
    whose = f"proposal {p.id}'s"
    yield from _series(f"{whose} change.inside_service_frame", p.change.inside_service_frame)
    yield from _series(f"{whose} change.outside_service_frame", p.change.outside_service_frame)
    yield from _series(f"{whose} change.construction", p.change.construction)
    if p.construction_grant is not None:
        yield f"{whose} construction_grant", None, p.construction_grant
    yield from _series(f"{whose} operating_budget", p.operating_budget)
    yield from _series(f"{whose} area_budget", p.area_budget)
    for i, component in enumerate(p.components):
        yield from _series(f"{whose} components[{i}]", component.amounts)
    if p.allocations is not None:
        for code, series in p.allocations.function_areas.items():
            yield from _series(f"{whose} allocation to function area {code}", series)
        for code, series in p.allocations.cost_centers.items():
            yield from _series(f"{whose} allocation to cost centre {code}", series)


def first_unfit(pub: Publication, fits: Callable[[int | Decimal], bool]) -> str | None:
    """The first figure of ``pub`` that does not ``fit`` an output, said as a message names it
    (``the total net in 2024, 9007199254740993``); ``None``: every one fits."""
    for what, year, value in held(pub):
        if not fits(value):
            return f"{what}{'' if year is None else f' in {year}'}, {value}"
    return None
