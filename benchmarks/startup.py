"""Start-up at a municipality's size (issue 27): each goal as a ratio, in one run.

    python benchmarks/startup.py [--runs N] [--size N]

From the repository's root, in an environment with budgetcli's dependencies (``pip install
.`` or ``-e .``): the tree's own modules are run (compiled first, as an install compiles them).
Each command is timed against ``python -c "import typer"`` in pairs, A B A B, by the CPU
seconds (user + system) the operating system counts for each finished process; the ratio is
the median of the pairs' ratios (the machine's speed drifts, a pair shares the drift). The
cached commands run on the bundled data (``data/``) and on a budget of ``--size`` proposals
made by ``benchmarks/generate.py``, each with its cache filled first; ``--help`` on none.
Prints a Markdown table: the commands' and the yardstick's medians, the ratio and the target.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YARDSTICK = [sys.executable, "-c", "import typer"]
BUDGETCLI = [sys.executable, "-c", "from budgetcli.cli import main; main()"]
#: the goals: a cached command's CPU at most 1.3 times the yardstick's, --help's 1.1 times
CACHED, HELP = 1.3, 1.1


def cpu(command: list[str], env: dict[str, str]) -> float:
    """The CPU seconds of one run of ``command`` (and of any process it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def paired(args: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """The medians of budgetcli ``args`` and of the yardstick, and of the pairs' ratios."""
    for _ in range(2):  # warm-up: the cache filled, the files in the page cache
        cpu(BUDGETCLI + args, env)
        cpu(YARDSTICK, env)
    pairs = [(cpu(BUDGETCLI + args, env), cpu(YARDSTICK, env)) for _ in range(runs)]
    ratios = [a / b for a, b in pairs if b > 0]
    return (
        statistics.median(a for a, _ in pairs),
        statistics.median(b for _, b in pairs),
        statistics.median(ratios),
    )


def rows(data: Path, generated: Path, show: str, runs: int, env: dict[str, str]) -> list[str]:
    """The table's rows, one a command and data set."""
    cases: list[tuple[str, list[str], float]] = []
    for label, folder, pid in (("bundled", data, show), ("generated", generated, "p000000")):
        for command in (["summary", "2024"], ["validate"], ["show", pid]):
            cases.append(
                (f"`{' '.join(command)}`, {label}", [*command, "--data", str(folder)], CACHED)
            )
    cases.append(("`--help`", ["--help"], HELP))
    out = []
    for label, args, target in cases:
        mine, yardstick, ratio = paired(args, env, runs)
        verdict = "met" if ratio <= target else "**missed**"
        out.append(
            f"| {label} | {mine * 1000:.0f} ms | {yardstick * 1000:.0f} ms | {ratio:.2f}× "
            f"| ≤ {target}×: {verdict} |"
        )
        print(out[-1], file=sys.stderr, flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=30, help="pairs a command (default 30)")
    parser.add_argument("--size", type=int, default=300, help="generated proposals (300)")
    parser.add_argument("--show", default="aktivitetstilbud-opfoelgning", help="bundled id")
    options = parser.parse_args()
    compileall.compile_dir(ROOT / "budgetcli", quiet=1)
    with tempfile.TemporaryDirectory() as work:
        generated = Path(work) / "generated"
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(options.size),
             str(generated)],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BUDGETCLI_", "PYTHON"))}
        env["BUDGETCLI_CACHE_DIR"] = str(Path(work) / "cache")
        table = rows(ROOT / "data", generated / "data", options.show, options.runs, env)
    load = os.getloadavg()[0]
    print(f"{options.runs} pairs a row, {options.size} proposals generated, load {load:.1f}\n")
    print("| command, data | CPU | `import typer` | ratio, paired | target |")
    print("| --- | ---: | ---: | ---: | --- |")
    print("\n".join(table))


if __name__ == "__main__":
    main()
