"""The finance system's spending export read and summed per area: ``read_spending`` beside
polars doing the same alone.

    python benchmarks/spending.py [LINES] [--runs N]     (default 1,000,000 lines, 11 runs)

It writes an export of LINES lines as KMD Opus writes one (``;``, Danish amounts with
thousands marks, a cost centre, a period, a text column; 1,000 function codes, 12 periods),
maps its codes to 50 areas, and times, in this process, N runs of each:

- **polars alone** (the baseline): ``pl.read_csv`` every cell as text, the amounts made øre
  by removing the marks and one integer cast (no check), a join of the codes to the areas,
  a ``group_by`` sum: the least an exact reading must do;
- **read_spending**: the same file through ``budgetcli.folder.spending``, which also checks
  every code, amount and period, names each bad line, and reads the codes in any form.

Each run of the baseline is followed by one of read_spending; the ratio is given of the
medians and paired (the median of each pair's ratio: the machine's speed drifts).

The goal (issue 26): read_spending ≤ 1.5× the baseline and ≤ 3 s for 1,000,000 lines. The
two must agree on every sum; the script fails if they do not.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

AREAS = 50
CODES = 1000


def codes() -> list[str]:
    """``CODES`` function codes, as ``5.30.27``."""
    rng = random.Random(1)
    found: set[str] = set()
    while len(found) < CODES:
        found.add(f"{rng.randrange(10)}.{rng.randrange(100):02d}.{rng.randrange(100):02d}")
    return sorted(found)


def accounts(all_codes: list[str]) -> dict[tuple[str, str | None], tuple[str, str]]:
    return {(code, None): (f"A{i % AREAS:02d}", "inside") for i, code in enumerate(all_codes)}


def danish(ore: int) -> str:
    """An amount in øre as the export writes it: ``-1.234,56``."""
    kr, cents = divmod(abs(ore), 100)
    return ("-" if ore < 0 else "") + f"{kr:,}".replace(",", ".") + f",{cents:02d}"


def export(path: Path, lines: int, all_codes: list[str], seed: int = 2) -> None:
    """An export of ``lines`` lines, written fast (a million in about a second)."""
    rng = random.Random(seed)
    amounts = [danish(rng.randrange(-10_000_000, 100_000_000)) for _ in range(4096)]
    written = [
        f"{all_codes[rng.randrange(CODES)].replace('.', '').zfill(6)};{10000 + i % 97};"
        f"{amounts[i % 4096]};2024-{i % 12 + 1:02d};Løn og vikarer\n"
        for i in range(lines)
    ]
    path.write_text("Funktion;Omkostningssted;Beløb;Periode;Tekst\n" + "".join(written))


def baseline(path: Path, mapping: dict[tuple[str, str | None], tuple[str, str]]) -> dict[str, int]:
    """polars alone: read, parse, join, sum (no checks)."""
    import polars as pl

    table = pl.read_csv(path, separator=";", infer_schema=False)
    areas = pl.DataFrame(
        {
            "Funktion": [code.replace(".", "").zfill(6) for code, _ in mapping],
            "area": [area for area, _ in mapping.values()],
        }
    )
    ore = pl.col("Beløb").str.replace_all(r"[.,]", "").cast(pl.Int64)
    summed = (
        table.select("Funktion", ore.alias("ore"))
        .join(areas, on="Funktion")
        .group_by("area")
        .agg(pl.col("ore").sum())
    )
    return dict(summed.iter_rows())


def ours(path: Path, mapping: dict[tuple[str, str | None], tuple[str, str]]) -> dict[str, int]:
    from budgetcli.folder.spending import Spending, SpendingFormat, read_spending

    fmt = SpendingFormat("Funktion", "Beløb", "Omkostningssted", "Periode")
    read = read_spending(path, fmt, mapping, until=(2024, 12))
    if not isinstance(read, Spending) or read.bad:
        sys.exit(f"the export was not read whole: {read}")
    return {area: ore for (area, _), ore in read.sums.items()}


def paired(
    first: Callable[[], dict[str, int]], second: Callable[[], dict[str, int]], runs: int
) -> tuple[list[float], list[float], dict[str, int], dict[str, int]]:
    """Each run of ``first`` followed by one of ``second`` (a pair shares the machine's drift:
    benchmarks/README.md): the seconds of each, and the last result of each."""
    times: tuple[list[float], list[float]] = ([], [])
    results: list[dict[str, int]] = [{}, {}]
    for _ in range(runs):
        for i, run in enumerate((first, second)):
            start = time.perf_counter()
            results[i] = run()
            times[i].append(time.perf_counter() - start)
    return times[0], times[1], results[0], results[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    import polars as pl

    all_codes = codes()
    mapping = accounts(all_codes)
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "forbrug.csv"
        export(path, args.lines, all_codes)
        size = path.stat().st_size
        alone, read, expected, found = paired(
            lambda: baseline(path, mapping), lambda: ours(path, mapping), args.runs
        )
    if found != expected:
        sys.exit("read_spending's sums differ from polars alone's")
    ratios = [ours_s / base_s for base_s, ours_s in zip(alone, read, strict=True)]
    median = statistics.median
    out = sys.stdout.write
    out(f"{args.lines:,} lines, {size / 1e6:.0f} MB, polars {pl.__version__}, {args.runs} pairs\n")
    out(f"polars alone (baseline)  {median(alone):6.2f} s (median)\n")
    out(f"read_spending            {median(read):6.2f} s (median)\n")
    out(f"ratio                    {median(read) / median(alone):6.2f}x of the medians,")
    out(f" {median(ratios):.2f}x paired (the median of each pair's ratio)\n")


if __name__ == "__main__":
    main()
