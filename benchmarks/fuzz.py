"""A longer fuzz campaign than the CI's (tests/test_fuzz.py): the same mutators and the same
properties, for N mutants or N seconds, failures grouped by class.

    python benchmarks/fuzz.py --seconds 600                # ten minutes, seed 1
    python benchmarks/fuzz.py --mutants 5000 --seed 7 --kind register
    python benchmarks/fuzz.py --only proposal:nul_byte:20261184783445   # one failure again
    python benchmarks/fuzz.py --only areas:hostile_file:3 --write /tmp/m  # its bytes to a file

Every mutant runs in-process (typer's CliRunner) with a cache of its own, under a 5 s deadline
(SIGALRM); one stuck in C code, where no signal reaches, ends the process after 30 s with the
stacks (faulthandler): run with --verbose to see which mutant was running. Exit 0 when every
mutant passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import fuzzing  # noqa: E402


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mutants", type=int, default=0, help="stop after this many")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long")
    parser.add_argument("--kind", action="append", choices=sorted(fuzzing.KINDS))
    parser.add_argument("--only", metavar="KIND:MUTATOR:SEED", help="run one mutant")
    parser.add_argument("--write", metavar="FILE", help="with --only: write its bytes here")
    parser.add_argument("--no-cache", action="store_true", help="every mutant with --no-cache")
    parser.add_argument("--verbose", "-v", action="store_true", help="name each mutant first")
    parser.add_argument("--show", type=int, default=3, help="failures shown in full per class")
    args = parser.parse_args()
    if not (args.only or args.mutants or args.seconds):
        args.mutants = 1000
    return args


def _one(spec: str) -> fuzzing.Mutant:
    kind, mutator, seed = spec.split(":")
    mutant = fuzzing.make_mutant(kind, mutator, int(seed))
    if mutant is None:
        sys.exit(f"{spec}: the mutator changes nothing with this seed")
    return mutant


def main() -> int:
    args = _args()
    work = Path(tempfile.mkdtemp(prefix="budgetcli-fuzz-"))
    os.environ["BUDGETCLI_CACHE_DIR"] = str(work / "cache")
    os.environ.pop("BUDGETCLI_NO_CACHE", None)
    root = fuzzing.copy_data(work / "data")
    base = fuzzing.read(root, cached=False, forecast=True)
    if base.validate.code != 0:
        print(f"the bundled data does not validate:\n{base.validate.stdout}", file=sys.stderr)
        return 2
    if args.only:
        mutants = iter([_one(args.only)])
        if args.write:
            Path(args.write).write_bytes(_one(args.only).content or b"")
    else:
        mutants = fuzzing.plan(args.seed, args.mutants or 10**9, tuple(args.kind or fuzzing.KINDS))
    started, ran = time.monotonic(), 0
    classes: Counter[tuple[str, str, str]] = Counter()
    shown: Counter[tuple[str, str, str]] = Counter()
    with fuzzing.memory_limit():
        for i, mutant in enumerate(mutants):
            if args.seconds and time.monotonic() - started > args.seconds:
                break
            if args.verbose:
                print(
                    f"… {mutant.kind}:{mutant.mutator}:{mutant.seed}", file=sys.stderr, flush=True
                )
            cached = not args.no_cache and i % 3 != 0
            problems = fuzzing.check(
                root, mutant, base, cached, compare_cache=cached and i % 3 == 1
            )
            ran += 1
            if not problems:
                continue
            key = (mutant.kind, mutant.mutator, problems[0].splitlines()[0][:120])
            classes[key] += 1
            if shown[key] < args.show or args.only:
                shown[key] += 1
                print(f"\n{mutant.describe()}")
                for problem in problems[:3]:
                    print(problem[-3000:])
    elapsed = time.monotonic() - started
    failed = sum(classes.values())
    print(f"\n{ran} mutants in {elapsed:.0f} s (seed {args.seed}): {failed} failed")
    for (kind, mutator, first), n in sorted(classes.items()):
        print(f"  {n:5} x {kind} / {mutator}: {first}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
