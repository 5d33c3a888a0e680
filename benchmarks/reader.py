#!/usr/bin/env python3
"""The plain-style YAML reader's cost per file, beside ``json.loads`` of the same values.

    python benchmarks/reader.py [N] [--files F] [--runs R] [--work DIR] [--against TREE]

Issue 27 §2: a first run reads every proposal with ``folder.yamlfast.read``, and that was the
largest cost of a file. This generates a budget of N proposals (default 10,000;
``benchmarks/generate.py``, the same as ``benchmarks/run``'s), takes the bytes of the first F
of them (default 3,000) and of the bundled ``data/proposals/*.yaml``, and times, in this one
process, R rounds (default 11) of:

  json.loads       the yardstick: each file's value (as ``yamlfast.read`` gives it) written as
                   JSON beforehand, then read back with ``parse_float=Decimal``: the same
                   values (checked), but for the keys, which JSON has as text
  yamlfast.read    each file's bytes, with one memo of scalars for the round (as a worker of
                   a first run has one for its files)

each round's two timings taken one after the other, and prints a Markdown table: µs per file
of each (the medians) and the median of the rounds' ratios (the machine's speed drifts; a
round's pair shares the drift). ``--against TREE`` times TREE's ``yamlfast.py`` in each round
too (another commit's source: ``git archive REV | tar -x -C DIR``), with this tree's
``yamlrules``, and adds its column and its ratio to this one. The values are checked equal to
TREE's (a reader that got faster by reading something else is no faster).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

from budgetcli.folder import yamlfast  # noqa: E402


def reader_of(tree: Path) -> ModuleType:
    """The ``yamlfast`` module of another source tree, loaded under its own name."""
    spec = importlib.util.spec_from_file_location(
        "yamlfast_against", tree / "budgetcli" / "folder" / "yamlfast.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def per_file(read: Callable[[Any, dict[str, Any]], Any], inputs: list[Any]) -> float:
    """µs per file of ``read`` over ``inputs``, one memo for them all."""
    memo: dict[str, Any] = {}
    start = time.perf_counter()
    for item in inputs:
        read(item, memo)
    return (time.perf_counter() - start) / len(inputs) * 1e6


def as_json(value: Any) -> bytes:
    """A file's value as JSON, a ``Decimal`` written as its number (read back by
    ``parse_float=Decimal``: the same values, but for the keys, which JSON writes as text)."""
    marked = json.dumps(value, default=lambda d: f"<{d}>" if isinstance(d, Decimal) else d)
    return re.sub(r'"<([-+0-9.eE]+)>"', r"\1", marked).encode()


def from_json(text: bytes, _memo: dict[str, Any]) -> Any:
    return json.loads(text, parse_float=Decimal)


def keyed_as_text(value: Any) -> Any:
    """``value`` with every key as JSON writes it (text)."""
    if isinstance(value, dict):
        return {str(key): keyed_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [keyed_as_text(item) for item in value]
    return value


def row(name: str, files: list[bytes], runs: int, against: ModuleType | None) -> str:
    """The table's row for ``files``: each reader's µs per file and the paired ratios (a
    few files are read over and over, 1,000 reads or more a round, to be timed at all)."""
    values = [yamlfast.read(data) for data in files]
    if any(value is None for value in values):
        sys.exit(f"{name}: the fast reader declines a file; nothing to compare")
    if against is not None and [against.read(data) for data in files] != values:
        sys.exit(f"{name}: the two readers read the files differently")
    texts = [as_json(value) for value in values]
    if [from_json(text, {}) for text in texts] != [keyed_as_text(value) for value in values]:
        sys.exit(f"{name}: the JSON of the files holds other values")
    count = len(files)
    files, texts = files * -(-1000 // count), texts * -(-1000 // count)
    timed: dict[str, list[float]] = {"json": [], "read": [], "against": []}
    for _ in range(runs):
        timed["json"].append(per_file(from_json, texts))
        timed["read"].append(per_file(yamlfast.read, files))
        if against is not None:
            timed["against"].append(per_file(against.read, files))
    median = {key: statistics.median(times) for key, times in timed.items() if times}
    ratio = statistics.median(r / j for r, j in zip(timed["read"], timed["json"], strict=True))
    cells = [name, f"{count:,}", f"{median['json']:.1f}", f"{median['read']:.1f}"]
    cells.append(f"{ratio:.2f}×")
    if against is not None:
        paired = zip(timed["read"], timed["against"], strict=True)
        cells[3:3] = [f"{median['against']:.1f}"]
        cells.append(f"{statistics.median(r / a for r, a in paired):.2f}×")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--files", type=int, default=3_000, help="how many of them to time")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--work", type=Path, help="where to generate (default: a temporary dir)")
    parser.add_argument("--against", type=Path, help="another source tree's reader to time too")
    options = parser.parse_args()
    against = reader_of(options.against) if options.against else None
    with tempfile.TemporaryDirectory() as temporary:
        work = options.work or Path(temporary)
        if not (work / "data" / "proposals").is_dir():
            generate(options.n, work)
        paths = sorted((work / "data" / "proposals").glob("*.yaml"))[: options.files]
        generated = [path.read_bytes() for path in paths]
    bundled = [path.read_bytes() for path in sorted((REPO / "data" / "proposals").glob("*.yaml"))]
    load = os.getloadavg()[0]
    print(f"{options.runs} rounds, Python {sys.version.split()[0]}, load {load:.1f}\n")
    head = ["files", "count", "json.loads µs", "yamlfast.read µs", "read / json"]
    if against is not None:
        head[3:3] = ["against µs"]
        head.append("read / against")
    print("| " + " | ".join(head) + " |")
    print("|" + " --- |" + " ---: |" * (len(head) - 1))
    print(row(f"generated ({options.n:,})", generated, options.runs, against))
    print(row("bundled data/proposals", bundled, options.runs, against))


if __name__ == "__main__":
    main()
