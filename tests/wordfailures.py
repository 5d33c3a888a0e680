"""The generated documents whose import fails (``wordcheck``), shown whole: each failing page's
rows as the importer reads them, the failures, and the import's report. A tool for the one who
mends the importer or the generator, not a test.

    python -m tests.wordfailures [--count 300] [--seed 0] [--most 5]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from typer.testing import CliRunner

from budgetcli.word.rows import Unreadable, docx_rows, text_rows

from .wordcheck import failures, run_import, truths_loaded
from .wordgen import ALL, Document, documents


def show(document: Document, page: int) -> str:
    """The rows of one page of ``document`` as the importer reads them, a line each."""
    read = docx_rows if document.form == "docx" else text_rows
    rows = read(document.data())
    if isinstance(rows, Unreadable):
        return rows.reason
    from budgetcli.word.template import heading

    out, n = [], 0
    for row in rows:
        if heading(row) is not None:
            n += 1
        if n == page:
            extra = f"  cols={row.columns} spans={row.spans}" if document.form == "docx" else ""
            doubts = [d for d in row.doubts if d]
            out.append(" | ".join(row.cells) + extra + (f"  doubts={doubts}" if doubts else ""))
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--most", type=int, default=5)
    args = parser.parse_args()
    shown = [0]
    runner = CliRunner()

    @seed(args.seed)
    @settings(
        max_examples=args.count,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(documents(ALL))
    def one(document: Document) -> None:
        if shown[0] >= args.most:
            return
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            truths = truths_loaded(document, folder)
            imported = run_import(document, folder, runner)
            found = failures(document, imported, truths)
        if not found:
            return
        shown[0] += 1
        saved = Path(f"/tmp/failing-{shown[0]}.{'docx' if document.form == 'docx' else 'txt'}")
        saved.write_bytes(document.data())
        saved.with_suffix(".areas.yaml").write_text(document.budget.areas_yaml(), encoding="utf-8")
        print("=" * 100)
        print(
            f"form={document.form} args={document.args()} outcomes={[type(o).__name__ for o in document.outcomes()]}"
        )
        for n, pg in enumerate(document.pages, 1):
            print(f"page {n}: tricks {pg.layout.tricks}")
        for f in found:
            print(f"FAILURE page {f.page}: {f.kind}: {f.detail}")
            if f.page:
                print(show(document, f.page))
        if imported.report:
            for p in imported.report["problems"]:
                print("  problem:", p["severity"], p["message"][:300])

    one()


if __name__ == "__main__":
    main()
