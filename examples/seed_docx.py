"""Make a .docx in the proposal template's layout from Word's "save as plain text" of it.

    python examples/seed_docx.py tests/fixtures/seed-proposals.txt out.docx

Consecutive table lines (with tabs) become one Word table, as wide as its widest row (a shorter
row's last cell spans the rest, so it is still one cell); other lines become paragraphs. Each
"Rådighedsforslag til budget …" line is a heading that starts a new page. The tests read the
result with ``docx_rows`` and expect the rows ``text_rows`` read from the text.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from budgetcli.word.rows import Row, Unreadable, text_rows

HEADING = "Rådighedsforslag til budget"


def build(rows: Sequence[Row]) -> bytes:
    """A .docx (its bytes) holding ``rows``: a table for each run of table rows from
    consecutive lines, a paragraph (or a heading) for each other row."""
    import docx

    document = docx.Document()
    for i, group in enumerate(_groups(rows)):
        if not group[0].table:
            text = group[0].cells[0]
            if text.startswith(HEADING):
                document.add_heading(text, level=1).paragraph_format.page_break_before = i > 0
            else:
                document.add_paragraph(text)
            continue
        table = document.add_table(rows=0, cols=max(len(row.cells) for row in group))
        table.style = "Table Grid"
        for row in group:
            cells = table.add_row().cells
            if len(row.cells) < len(cells):  # the last cell spans the rest: one cell still
                cells[len(row.cells) - 1].merge(cells[-1])
            for cell, text in zip(cells, row.cells, strict=False):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _groups(rows: Sequence[Row]) -> list[list[Row]]:
    """Each paragraph on its own, the table rows of consecutive lines together."""
    groups: list[list[Row]] = []
    for row in rows:
        last = groups[-1][-1] if groups else None
        if row.table and last is not None and last.table and last.line == row.line - 1:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def build_docx(text: str) -> bytes:
    """The .docx of a plain text as Word saves it (``ValueError`` if it is not such a text)."""
    rows = text_rows(text.encode("utf-8"))
    if isinstance(rows, Unreadable):
        raise ValueError(rows.reason)
    return build(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text", type=Path, help="the plain text (UTF-8 or UTF-16)")
    parser.add_argument("out", type=Path, help="the .docx to write (replaced if it is there)")
    args = parser.parse_args(argv)
    rows = text_rows(args.text.read_bytes())
    if isinstance(rows, Unreadable):
        print(f"{args.text}: {rows.reason}", file=sys.stderr)
        return 1
    data = build(rows)
    # atomically: a reader never sees half a file, and a failure leaves the old one
    fd, tmp = tempfile.mkstemp(dir=args.out.parent, prefix=f".{args.out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(tmp, args.out)
    except BaseException:
        os.unlink(tmp)
        raise
    return 0


if __name__ == "__main__":
    sys.exit(main())
