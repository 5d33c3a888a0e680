"""A census of ``budgetcli import``'s defects: a fixed set of generated documents (``wordgen``,
a fixed seed) imported and checked (``wordcheck``), the failed pages counted by class of
failure and by layout feature. Not a test: a measurement, so a change to the importer can say
"N of M generated pages failed before, K after".

    python -m tests.wordcensus [--count 500] [--seed 0] [--form docx|text]
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from typer.testing import CliRunner

from .wordcheck import Failure, failures, run_import, truths_loaded
from .wordgen import ALL_LABELS, Document, Page, Refused, documents


@dataclass
class Census:
    """The pages counted: all, those expected refused, those that failed; failures by class;
    pages and failed pages by feature."""

    documents: int = 0
    pages: int = 0
    refused: int = 0
    failed: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    details: Counter[str] = field(default_factory=Counter)
    features: Counter[str] = field(default_factory=Counter)
    failed_features: Counter[str] = field(default_factory=Counter)

    def add(self, document: Document, found: list[Failure]) -> None:
        self.documents += 1
        whole = [f for f in found if f.page == 0]
        for n, page in enumerate(document.pages, 1):
            mine = [f for f in found if f.page == n] + whole
            tags = features(document, page)
            self.pages += 1
            self.refused += isinstance(document.outcomes()[n - 1], Refused)
            self.features.update(tags)
            if mine:
                self.failed += 1
                self.failed_features.update(tags)
                self.kinds.update({f.kind for f in mine})
                self.details.update({f"{f.kind}: {f.detail[:90]}" for f in mine})


def features(document: Document, page: Page) -> list[str]:
    """The layout features of a page, as the census counts them."""
    layout, truth, budget = page.layout, page.truth, document.budget
    scale = {1: "kr.", 1000: "1.000 kr.", 1_000_000: "mio. kr."}[layout.scale]
    places = sorted({s.place for s in layout.statements}) or ["none"]
    tags = [
        f"form {document.form}",
        f"data unit {budget.unit}",
        f"table in {scale}",
        f"kind {truth.kind}",
    ]
    tags += [f"unit stated: {p}" for p in places]
    tags += ["--unit given"] if document.option else []
    tags += [f"column: {c.kind}" for c in layout.columns if c.kind != "year"]
    tags += [f"column: {c.kind} wrong" for c in layout.columns if c.wrong]
    years = [c for c in layout.columns if c.kind == "year"]
    tags += ["year headers with a word"] if any(c.header != str(c.year) for c in years) else []
    tags += (
        ["years not in order"] if [c.year for c in years] != sorted(c.year for c in years) else []
    )
    tags += ["two-row header"] if layout.two_row else []
    tags += [
        f"row: {r.role}" for r in layout.rows if r.role in ("breakdown", "unknown", "construction")
    ]
    tags += ["row I alt"] if any(r.role == "total" for r in layout.rows) else []
    tags += ["rows not in order"] if _shuffled(layout.rows) else []
    tags += [f"figure dash {layout.figures.dash!r}", f"figure group {layout.figures.group!r}"]
    tags += ["figure +"] if layout.figures.plus else []
    tags += [f"trick: {t.kind}" for t in layout.tricks]
    tags += ["figure not whole"] if layout.off_unit else []
    tags += ["I alt wrong"] if layout.total_row_wrong else []
    tags += [f"heading: {layout.heading.split(' ')[0]}"]
    tags += [f"heading: '{w}'" for w in (" for budget", "–") if w in layout.heading]
    labels = [label for label, _ in layout.header] + [r.label for r in layout.rows]
    tags += ["label misspelt"] if any(label not in ALL_LABELS for label in labels) else []
    tags += [f"header label {label}" for label, _ in layout.header if label in ALL_LABELS]
    tags += (
        [f"date {layout.date.form}" + ("" if layout.date.valid() else " invalid")]
        if layout.date
        else []
    )
    tags += [
        f"allocation {'signed' if all(s for _, s in a.entries) else 'unsigned'}"
        for a in layout.allocation_lines
        if a.entries
    ]
    tags += [f"period '{w}'" for w in _PHRASES if any(w in line.text for line in layout.lines)]
    tags += [f"period {p}" for line in layout.lines for p in line.periods if p != "known"]
    tags += [f"description under {layout.description_heading}"]
    tags += ["staffing on the label's row"] if layout.staffing.same_row and truth.staffing else []
    tags += [f"staffing as {layout.staffing.fte_label}"] if truth.staffing else []
    tags += ["two areas"] if len(truth.areas) > 1 else []
    tags += ["area code without a letter"] if any(not c[0].isalpha() for c in truth.areas) else []
    return tags


_PHRASES = (
    "budgetåret", "overslagsårene", "efterfølgende", "og frem", "fra og med", "fremefter",
    " til ", "årlig", "om året", "pr. år", "varigt", "driftsudgifter",
)  # fmt: skip
_ORDER = ("operating", "area", "heading", "inside", "outside", "construction", "total", "breakdown")


def _shuffled(rows: Sequence[object]) -> bool:
    roles = [getattr(r, "role", "") for r in rows]
    known = [r for r in roles if r in _ORDER]
    return known != sorted(known, key=_ORDER.index)


def census(count: int = 500, at: int = 0, forms: Sequence[str] = ("docx", "text")) -> Census:
    """``count`` documents of the seed ``at`` imported into scratch folders and counted."""
    result = Census()
    runner = CliRunner()

    @seed(at)
    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(documents(forms))
    def one(document: Document) -> None:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            truths = truths_loaded(document, folder)
            try:
                imported = run_import(document, folder, runner)
            except Exception as exc:  # a crash is a failure of every page
                result.add(document, [Failure(0, "crash", f"{type(exc).__name__}: {exc}")])
                return
            result.add(document, failures(document, imported, truths))

    one()
    return result


def report(result: Census, most: int = 40) -> str:
    """The census as text: the totals, the failures by class, the features by failure rate."""
    lines = [
        f"{result.documents} documents, {result.pages} pages ({result.refused} to be refused): "
        f"{result.failed} pages failed",
        "",
        "failures by class (pages):",
    ]
    lines += [f"  {n:5d}  {kind}" for kind, n in result.kinds.most_common()]
    lines += ["", f"failures in detail (pages, the {most} most common):"]
    lines += [f"  {n:5d}  {detail}" for detail, n in result.details.most_common(most)]
    lines += ["", "features (failed of pages with it):"]
    rows = sorted(
        result.features, key=lambda t: (-result.failed_features[t] / result.features[t], t)
    )
    lines += [f"  {result.failed_features[t]:5d} of {result.features[t]:5d}  {t}" for t in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=500, help="documents to generate")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed")
    parser.add_argument("--form", choices=("docx", "text"), help="only documents of this form")
    args = parser.parse_args(argv)
    forms = (args.form,) if args.form else ("docx", "text")
    print(report(census(args.count, args.seed, forms)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
