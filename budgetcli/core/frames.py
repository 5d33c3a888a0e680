"""The frame position: the budget inside the service and construction frames, per year, against
the frames the state sets (``budgetcli frame``). Pure: the sums per status in, values out.

As the municipalities tabulate it (Ishøj's Økonomiudvalg: "KL's udmeldte serviceramme", the
budget inside the frame, "Afvigelse"): the frame, the budget before the proposals (the
baseline), the change the proposals make inside the frame, the budget after and the deviation,
positive = over the frame. The proposals adopted or realized and those still to be decided are
kept apart, so the council sees the position now and if everything proposed is adopted.
"""

from __future__ import annotations

from collections.abc import Sequence

from budgetcli.core.calc import Figures, Level, StatusSums, column_totals, level_of
from budgetcli.core.diagnostics import said
from budgetcli.core.domain import Meta
from budgetcli.core.errors import UsageError
from budgetcli.core.lazyclasses import dataclass
from budgetcli.core.vocab import Status

#: the statuses whose proposals the council has decided on (counted apart from the others)
DECIDED = (Status.ADOPTED, Status.REALIZED)
#: each frame and the figure of a proposal that counts against it
FRAMES = {"service": "inside_service_frame", "construction": "construction"}


@dataclass(frozen=True)
class FrameYear:
    """One year of one frame: the frame, the baseline, and the change by the proposals
    decided on (adopted, realized) and by the others counted (proposed)."""

    frame: int
    baseline: int
    decided: int
    undecided: int

    @property
    def after_decided(self) -> int:
        return self.baseline + self.decided

    @property
    def deviation_decided(self) -> int:
        """Positive = over the frame, with the proposals decided on."""
        return self.after_decided - self.frame

    @property
    def after(self) -> int:
        return self.baseline + self.decided + self.undecided

    @property
    def deviation(self) -> int:
        """Positive = over the frame, if every proposal counted is adopted."""
        return self.after - self.frame


@dataclass(frozen=True)
class FramePosition:
    name: str  # "service" | "construction"
    years: dict[int, FrameYear]

    @property
    def over_in(self) -> list[int]:
        """The years the budget is over the frame in (every proposal counted adopted)."""
        return [year for year, y in self.years.items() if y.deviation > 0]

    @property
    def over(self) -> bool:
        return bool(self.over_in)


@dataclass(frozen=True)
class FrameReport:
    municipality: str
    title: str
    unit: str
    years: list[int]
    statuses: tuple[Status, ...]
    decided: tuple[Status, ...]  # of ``statuses``, those decided on
    undecided: tuple[Status, ...]  # the others
    frames: list[FramePosition]
    level: Level | None = None

    @property
    def over(self) -> bool:
        return any(f.over for f in self.frames)


def frame_report(
    meta: Meta, sums: StatusSums, statuses: Sequence[Status], years: Sequence[int] | None = None
) -> FrameReport:
    """The position of each frame ``meta`` gives, from the proposals' sums per status
    (``calc.status_sums``); ``UsageError`` if it gives none."""
    given = [name for name in FRAMES if getattr(meta.frames, name) is not None]
    if not given:
        raise UsageError(
            said(
                "areas.yaml gives no frames: add frames: (service:, construction:) and the"
                " budget inside them before the proposals, baseline: (see docs/format.md)"
            )
        )
    span = list(years) if years is not None else list(meta.years)
    slots = {y: meta.years.index(y) for y in span}
    decided = tuple(s for s in statuses if s in DECIDED)
    undecided = tuple(s for s in statuses if s not in DECIDED)
    changes = [_change(sums, part, slots) for part in (decided, undecided)]
    frames = []
    for name in given:
        frame, baseline = getattr(meta.frames, name), getattr(meta.baseline, name) or {}
        metric = FRAMES[name]
        frames.append(
            FramePosition(
                name,
                {
                    y: FrameYear(
                        frame.get(y, 0),
                        baseline.get(y, 0),
                        getattr(changes[0][y], metric),
                        getattr(changes[1][y], metric),
                    )
                    for y in span
                },
            )
        )
    return FrameReport(
        meta.municipality, meta.title, meta.unit, span, tuple(statuses), decided, undecided,
        frames, level_of(meta),
    )  # fmt: skip


def _change(
    sums: StatusSums, statuses: Sequence[Status], slots: dict[int, int]
) -> dict[int, Figures]:
    """The figures of the proposals of ``statuses``, per year."""
    chosen = [sums[s] for s in statuses if s in sums]
    if not chosen:
        return {y: Figures() for y in slots}
    return column_totals(list(map(sum, zip(*chosen, strict=True))), slots)
