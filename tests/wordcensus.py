"""A census of ``budgetcli import``'s defects: a fixed set of generated documents (``wordgen``,
a fixed seed) imported and checked (``wordcheck``), the failed pages counted by class of
failure and by layout feature. Not a test: a measurement, so a change to the importer can say
"N of M generated pages failed before, K after".

    python -m tests.wordcensus [--count 500] [--seed 0] [--form docx|text] [--by-feature 30]

``--by-feature N``: also N documents for each class of ``CLASSES`` (one feature varied, the
others as the template has them), so each class's failures are its own.
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
from .wordgen import ALL, FEATURES, Document, Mix, Page, Refused, documents


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
    """The layout features of a page, as the census counts them (a mixed run)."""
    layout, truth, budget = page.layout, page.truth, document.budget
    scale = {1: "kr.", 1000: "1.000 kr.", 1_000_000: "mio. kr."}[layout.scale]
    places = sorted({s.place for s in layout.statements}) or ["none"]
    tags = [f"form {document.form}", f"data unit {budget.unit}", f"table in {scale}"]
    tags += [f"kind {truth.kind}", f"heading: {layout.heading.split(' ')[0]}"]
    tags += [f"unit stated: {p}" for p in places] + (["--unit given"] if document.option else [])
    tags += [
        f"column: {c.kind}" + (" wrong" if c.wrong else "")
        for c in layout.columns
        if c.kind != "year"
    ]
    years = [c for c in layout.columns if c.kind == "year"]
    tags += ["year headers with a word"] if any(c.header != str(c.year) for c in years) else []
    tags += ["two-row header"] if layout.two_row else []
    tags += [
        f"row: {r.role}" for r in layout.rows if r.role in ("breakdown", "unknown", "construction")
    ]
    tags += [f"figure dash {layout.figures.dash!r}", f"figure group {layout.figures.group!r}"]
    tags += [f"trick: {t.kind}" for t in layout.tricks]
    tags += ["figure not whole"] if layout.off_unit else []
    tags += ["I alt wrong"] if layout.total_row_wrong else []
    tags += ["date " + layout.header.date.form] if layout.header.date else []
    tags += [f"description under {layout.description_heading}"]
    tags += ["area code without a letter"] if any(not c[0].isalpha() for c in truth.areas) else []
    return tags


#: the classes of a census by feature: each its features (boosted), every other one off
CLASSES: dict[str, frozenset[str]] = {
    **{name: frozenset({name}) for name in FEATURES if name != "unit-other"},
    "unit-missing with --unit": frozenset({"unit-missing", "unit-option"}),
    "unit-other than --unit": frozenset({"unit-other", "unit-option"}),
    "kr. data, kr. table": frozenset({"data-unit", "table-scale"}),
    "trick-realign": frozenset({"trick-realign", "unit-place"}),
}


def census(
    count: int = 500, at: int = 0, mix: Mix = ALL, forms: Sequence[str] = ("docx", "text")
) -> Census:
    """``count`` documents of the seed ``at`` (the features ``mix`` varies) imported into
    scratch folders and counted."""
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
    @given(documents(mix, forms))
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


def by_class(count: int, at: int) -> str:
    """A census of each class (``CLASSES``) and of the template's own layout (no feature):
    the pages that failed of those generated, and the commonest failure."""
    lines = ["by feature (one varied, often; the rest as the template has them):"]
    for name, only in {"(none: the template)": frozenset[str](), **CLASSES}.items():
        result = census(count, at, Mix(only, boost=True))
        common = result.details.most_common(1)
        top = f"  e.g. {common[0][0]}" if common else ""
        lines.append(f"  {result.failed:4d} of {result.pages:4d}  {name}{top}")
    return "\n".join(lines)


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
    parser.add_argument(
        "--by-feature", type=int, metavar="N", help="also N documents for each feature class"
    )
    args = parser.parse_args(argv)
    forms = (args.form,) if args.form else ("docx", "text")
    print(report(census(args.count, args.seed, ALL, forms)), flush=True)
    if args.by_feature:
        print("\n" + by_class(args.by_feature, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
