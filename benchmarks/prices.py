#!/usr/bin/env python3
"""``--prices`` and the other commands a cached load answers, beside the cached ``summary``.

    python benchmarks/prices.py [N] [--runs R] [--work DIR] [--budgetcli CMD]

It generates a budget of N proposals (default 10,000; ``benchmarks/generate.py``, the same as
``benchmarks/run``'s), adds what ``--prices`` needs (``price_level: 2024``; a
``rules/prices.yaml`` with a service rate into 2025, the construction figure for 2025 not
found, as in the bundled data) and the frames ``frame`` needs, a second version with 1 % of
the proposals changed, and loads both once (the cache filled). Then it times whole processes,
R runs each (default 11), each run of a command paired with a run of the yardstick just
before it, the cached ``summary`` (the machine's speed drifts; a pair shares the drift):

  summary --prices 2025            (issue 27's goal: ≤ 1.5× the cached summary)
  summary 2025 --by committee --prices 2025
  frame / frame --prices 2025
  diff data data-changed / the same --prices 2025
  show ID / show ID --prices 2025
  export --format sqlite / the same --prices 2025 (every proposal is published whole)

and prints a Markdown table: the median CPU seconds (user + system, the process and its
children) and wall seconds of each, and the median of the pairs' CPU ratios to the
yardstick. ``--budgetcli`` is how budgetcli is run (default: ``budgetcli`` on PATH); to
compare two versions of the source, ``--budgetcli "python -m budgetcli"`` with PYTHONPATH
set to each tree (each with its own ``BUDGETCLI_CACHE_DIR``: ``--work``).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

PRICES = """\
service:
  - {year: 2025, rate: 0.028, source: "Økonomistyrelsen, generel pris- og lønstigning 2025"}
construction:
  - {year: 2025, not_found: true, source: "not found"}
"""
FRAMES = (
    "frames: {service: 900000, construction: 0}\nbaseline: {service: 880000, construction: 0}\n"
)


def prepared(n: int, out: Path) -> None:
    """The generated budget of ``n`` proposals (and its 1 % changed version) with a price
    level, price indexes and frames."""
    generate(n, out, change=1.0)
    for data in (out / "data", out / "data-changed"):
        areas = data / "areas.yaml"
        text = areas.read_text(encoding="utf-8")
        text = text.replace("unit: 1000 DKK\n", f"unit: 1000 DKK\nprice_level: 2024\n{FRAMES}", 1)
        areas.write_text(text, encoding="utf-8")
        (data / "rules").mkdir(exist_ok=True)
        (data / "rules" / "prices.yaml").write_text(PRICES, encoding="utf-8")


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """CPU seconds (user + system, children included) and wall seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{shlex.join(command)} failed ({done.returncode}):\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def paired(
    command: list[str], yardstick: list[str], cwd: Path, env: dict[str, str], runs: int
) -> tuple[float, float, float]:
    """Median CPU and wall seconds of ``command``, and the median of the CPU ratios of each
    run to a run of ``yardstick`` just before it."""
    cpus, walls, ratios = [], [], []
    for _ in range(runs):
        yard = timed(yardstick, cwd, env)[0]
        cpu, wall = timed(command, cwd, env)
        cpus.append(cpu)
        walls.append(wall)
        ratios.append(cpu / yard)
    return statistics.median(cpus), statistics.median(walls), statistics.median(ratios)


def commands(bc: list[str]) -> list[tuple[str, list[str]]]:
    """The commands timed, by the name the table gives them."""
    out = ["-o", "budget.sqlite", "--force"]
    return [
        ("summary (cached)", [*bc, "summary"]),
        ("summary --prices 2025", [*bc, "summary", "--prices", "2025"]),
        ("summary 2025 --by committee --prices 2025",
         [*bc, "summary", "2025", "--by", "committee", "--prices", "2025"]),
        ("frame", [*bc, "frame"]),
        ("frame --prices 2025", [*bc, "frame", "--prices", "2025"]),
        ("diff data data-changed (1 %)", [*bc, "diff", "data", "data-changed"]),
        ("diff data data-changed --prices 2025", [*bc, "diff", "data", "data-changed", "--prices", "2025"]),
        ("show p000123", [*bc, "show", "p000123"]),
        ("show p000123 --prices 2025", [*bc, "show", "p000123", "--prices", "2025"]),
        ("export --format sqlite", [*bc, "export", "--format", "sqlite", *out]),
        ("export --format sqlite --prices 2025", [*bc, "export", "--format", "sqlite", *out, "--prices", "2025"]),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, nargs="?", default=10_000)
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--work", type=Path, default=None, help="default: a temporary folder")
    parser.add_argument("--budgetcli", default="budgetcli", help="how budgetcli is run")
    parser.add_argument("--only", default=None, help="a comma-separated list of names to time")
    args = parser.parse_args()
    bc = shlex.split(args.budgetcli)
    if shutil.which(bc[0]) is None:
        raise SystemExit(f"{bc[0]} is not on PATH: activate the environment it is installed in")
    work = args.work or Path(tempfile.mkdtemp(prefix="budgetcli-prices-"))
    folder = work / f"n{args.n}"
    if not (folder / "data" / "rules" / "prices.yaml").exists():
        prepared(args.n, folder)
    env = {**os.environ, "BUDGETCLI_CACHE_DIR": str(work / "cache")}
    for version in ("data", "data-changed"):  # the cache filled
        timed([*bc, "validate", version], folder, env)
    load = os.getloadavg()[0]
    print(f"# --prices and the cached commands, {args.n:,} proposals, {time.strftime('%Y-%m-%d')}, "
          f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load:.1f} at the start")  # fmt: skip
    print()
    print("| command | CPU s | wall s | × cached summary, CPU, paired |")
    print("| --- | ---: | ---: | ---: |")
    chosen = commands(bc)
    yardstick = chosen[0][1]
    wanted = set(args.only.split(",")) if args.only else None
    for name, command in chosen:
        if wanted is not None and name not in wanted:
            continue
        cpu, wall, ratio = paired(command, yardstick, folder, env, args.runs)
        print(f"| {name} | {cpu:.3f} | {wall:.3f} | {ratio:.2f} |", flush=True)
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
