"""A first run beside ledger (issue 27 §2): its CPU as a ratio, and where a file's time goes.

    python benchmarks/firstrun.py [--sizes 10000,100000] [--runs 7] [--work DIR] [--source DIR]

From the repository's root, in an environment with budgetcli's dependencies, and ``ledger`` on
PATH (Debian: ``apt-get install ledger``). For each size N it generates a budget of N proposals
and the same budget as a journal (``benchmarks/generate.py``; kept in ``--work`` and used again
when it is there), then runs in turn, ``--runs`` times (once from 100,000 on, where ledger takes
a quarter of a minute):

  ledger -f budget.journal balance --yearly      (the yardstick)
  budgetcli validate, cache emptied               (a first run)
  budgetcli summary 2024, cache emptied

each a whole process, its CPU seconds (user + system, the workers included) as the operating
system counts them. A ratio is the median of each run's ratio to the run of ledger just before
it (the machine's speed drifts; a pair shares the drift). The goal: each ≤ 2.5× ledger.

Then, in this process, where one file's time goes: each stage of ``stages.file_stage`` timed
over the first 2,000 files of the 10,000 (the best of 5 passes, µs a file), beside
``json.loads`` of the same values (what any reader that makes Python values costs at least),
and the fixed cost of a first run (``validate`` of a budget of one proposal). From these it says
what a file may cost for the goal to be met: (2.5 × ledger − the fixed cost) / N.

``--source DIR``: run budgetcli from another checkout's tree (to compare two versions), its
modules compiled first as an install compiles them.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

GOAL = 2.5
#: runs budgetcli from the tree in the working directory, past an editable install's finder
BUDGETCLI = (
    "import sys; sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)];"
    "sys.path.insert(0, ''); sys.argv[0] = 'budgetcli'; from budgetcli.cli import main; main()"
)


def cpu(command: list[str], cwd: Path, env: dict[str, str], cache: Path | None = None) -> float:
    """The CPU seconds of one run of ``command`` and the processes it waited for; ``cache``
    emptied first."""
    if cache is not None:
        shutil.rmtree(cache, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def budget(n: int, work: Path) -> Path:
    """The generated budget of ``n`` proposals (made once, kept in ``work``)."""
    folder = work / f"n{n}"
    if not (folder / "budget.journal").exists():
        generate(n, folder)
    return folder


def paired(
    n: int, folder: Path, source: Path, runs: int, env: dict[str, str]
) -> tuple[list[str], float, float]:
    """The table's rows of size ``n``: ledger's median, and each command's with its ratio;
    ledger's median CPU and ``validate``'s."""
    ledger = ["ledger", "-f", str(folder / "budget.journal"), "balance", "--yearly"]
    data = str(folder / "data")
    cache = folder / "cache"
    commands = {
        "`validate`, first run": ["validate", "--data", data],
        "`summary 2024`, first run": ["summary", "2024", "--data", data],
    }
    times: dict[str, list[float]] = {name: [] for name in ("ledger", *commands)}
    ratios: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, args in commands.items():
            yard = cpu(ledger, folder, env)
            mine = cpu([sys.executable, "-c", BUDGETCLI, *args], source, env, cache)
            times["ledger"].append(yard)
            times[name].append(mine)
            ratios[name].append(mine / yard)
    rows = [f"| {n:,} | `ledger balance --yearly` | {statistics.median(times['ledger']):.2f} | |"]
    for name in commands:
        ratio = statistics.median(ratios[name])
        verdict = "met" if ratio <= GOAL else "**missed**"
        rows.append(
            f"| {n:,} | {name} | {statistics.median(times[name]):.2f} | {ratio:.2f}× "
            f"(≤ {GOAL}×: {verdict}) |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
    first = next(iter(commands))
    return rows, statistics.median(times["ledger"]), statistics.median(times[first])


def best(work: object, passes: int = 5) -> float:
    """The best of ``passes`` runs of ``work()``, in seconds."""
    found = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        found = min(found, time.perf_counter() - start)
    return found


def breakdown(folder: Path, source: Path, files: int = 2_000) -> list[tuple[str, float]]:
    """µs a file of each stage a proposal goes through, over the first ``files`` files."""
    sys.path.insert(0, str(source))
    import json

    from budgetcli.core import calc, checks
    from budgetcli.core.prices import line_terms
    from budgetcli.folder import documents, modelfast, yamlfast
    from budgetcli.folder.listing import DataFile
    from budgetcli.store import codec, stages
    from budgetcli.store.digests import checksum

    data = folder / "data"
    paths = sorted((data / "proposals").glob("*.yaml"))[:files]
    read = [DataFile(str(p), f"proposals/{p.name}", p.read_bytes()) for p in paths]
    areas = DataFile("areas.yaml", "areas.yaml", (data / "areas.yaml").read_bytes())
    context = stages.context_stage([areas], True)
    assert context.budget is not None
    assert context.years is not None
    meta, years = context.budget.meta, context.years
    values = [yamlfast.read(f.data or b"", {}) for f in read]
    texts = [json.dumps(v, default=str) for v in values]
    loaded = [documents.read_proposal(f, years, {})[0] for f in read]
    proposals = [p for p in loaded if p is not None]
    stored = [codec.dumps(p.proposal) for p in proposals]

    def placed(file: DataFile) -> Any:
        """The file's source as a first run makes it (``documents._read``)."""
        return documents.source_of(file.name, file.data or b"", taken=True)

    def yaml_pass() -> list[Any]:
        memo: dict[str, Any] = {}  # as a worker reads its files: one memo of scalars
        return [yamlfast.read(f.data or b"", memo) for f in read]

    def stage_pass() -> list[Any]:
        memo: dict[str, Any] = {}
        return [stages.file_stage(f, years, meta, memo) for f in read]

    stages_timed = {
        "bytes read from disk": lambda: [p.read_bytes() for p in paths],
        "YAML read (`yamlfast.read`, one memo of scalars a pass)": yaml_pass,
        "*`json.loads` of the same values*": lambda: [json.loads(t) for t in texts],
        "model (`modelfast.proposal`)": lambda: [modelfast.proposal(v, years) for v in values],
        "checks of the file (warned files placed)": lambda: [
            list(
                checks.check_proposal(documents.LoadedProposal(p.proposal, placed(f), p.stem), meta)
            )
            for p, f in zip(proposals, read, strict=True)
        ],
        "bytes for the cache and their digest": lambda: [
            checksum(codec.dumps(p.proposal)) for p in proposals
        ],
        "figures (`proposal_line`, `line_terms`)": lambda: [
            (calc.proposal_line(p.proposal, meta.years), line_terms(p.proposal, meta.years))
            for p in proposals
        ],
        "**a file's whole stage (`file_stage`)**": stage_pass,
    }
    assert len(stored) == len(read)
    return [(name, best(work) / len(read) * 1e6) for name, work in stages_timed.items()]


def fixed_cost(work: Path, source: Path, env: dict[str, str], runs: int) -> float:
    """The median CPU of a first ``validate`` of a budget of one proposal: what a first run
    costs whatever its size (start-up, pydantic, ``areas.yaml``, the cache written)."""
    one = work / "n1"
    if not (one / "data").exists():
        generate(1, one)
    args = [sys.executable, "-c", BUDGETCLI, "validate", "--data", str(one / "data")]
    return statistics.median(cpu(args, source, env, one / "cache") for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--runs", type=int, default=7, help="pairs up to 10,000 (default 7)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/budgetcli-firstrun"))
    parser.add_argument("--source", type=Path, default=ROOT, help="the tree to run")
    options = parser.parse_args()
    if shutil.which("ledger") is None:
        raise SystemExit("ledger is not on PATH (Debian: apt-get install ledger)")
    source = options.source.resolve()
    compileall.compile_dir(source / "budgetcli", quiet=1)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BUDGETCLI_", "PYTHON"))}
    sizes = [int(s) for s in options.sizes.split(",")]
    rows, medians = [], {}
    for n in sizes:
        folder = budget(n, options.work)
        env["BUDGETCLI_CACHE_DIR"] = str(folder / "cache")
        found, ledger, validate = paired(n, folder, source, options.runs if n <= 10_000 else 1, env)
        rows += found
        medians[n] = (ledger, validate)
    env["BUDGETCLI_CACHE_DIR"] = str(options.work / "n1" / "cache")
    fixed = fixed_cost(options.work, source, env, options.runs)
    stages_us = breakdown(budget(min(sizes), options.work), source)
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores\n")
    print("| N | command | CPU s | × ledger, paired |")
    print("| ---: | --- | ---: | ---: |")
    print("\n".join(rows))
    print(f"\nA first run of one proposal: {fixed:.2f} s CPU (the fixed cost).\n")
    for n, (ledger, validate) in medians.items():
        now, allowed = (validate - fixed) / n * 1e6, (GOAL * ledger - fixed) / n * 1e6
        print(
            f"- {n:,}: a file costs {now:.0f} µs of CPU in a first `validate` (its CPU less the"
            f" fixed cost, over N); for ≤ {GOAL}× ledger it may cost {allowed:.0f} µs."
        )
    print()
    print("| a proposal file's stage (2,000 generated files, best of 5) | µs a file |")
    print("| --- | ---: |")
    print("\n".join(f"| {name} | {us:.0f} |" for name, us in stages_us))


if __name__ == "__main__":
    main()
