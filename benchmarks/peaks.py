"""Peak memory of ``report`` and ``export --format sqlite``, beside their libraries alone.

    python benchmarks/peaks.py [--report N] [--sqlite N] [--runs R] [--work DIR] [--before DIR]
                                        (default: report at 100,000, sqlite at 10,000, 3 runs)

For each size it generates a budget of N proposals (``benchmarks/generate.py``; kept in
``--work`` and used again when it is there), runs ``budgetcli validate`` once so the runs read
the cache, and writes down what the baseline needs (untimed, in a process of its own):

- **report**: every page of the site as budgetcli lays it out (``publish.site.pages``: the
  template's name and what it is given, each table made plain data), pickled. The baseline is
  Jinja2 alone: it loads them (the data in memory, as a program has it), builds an
  environment of the same templates and renders each page to its file in turn, the
  catalogue with Jinja2's ``stream().dump()`` (the library's own way to write a large page),
  the others with ``render``. Its folder must be budgetcli's byte for byte (the marker aside),
  or the script fails.
- **sqlite**: every row of the database (``publish.sqlite.inserts``), per table, pickled. The
  baseline is ``sqlite3`` alone: it loads them, makes a database file of the same schema and
  inserts each table's rows with one ``executemany``. Its tables must hold the same rows as
  budgetcli's database, or the script fails.

Then it runs budgetcli's command and the baseline in turn, R times each, every run a child
process timed by ``/usr/bin/time`` (its peak resident memory, ``%M``), and prints a Markdown
table: each one's peak (the median of its runs), the ratio, and the goal of issue 27 (each
at most 1.5x its baseline). With ``--before DIR`` (a checkout of an older commit, such as
``git worktree add DIR COMMIT``) budgetcli's command is that checkout's, the rest the same.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOAL = 1.5

#: writes the report's pages, plain, to ``argv[2]`` (the data folder ``argv[1]``, the command
#: line ``argv[3]``); run in a process of its own so the measured ones start clean
DUMP_REPORT = r"""
import dataclasses, pickle, shlex, sys, types
from pathlib import Path
from budgetcli.cli import publishing
from budgetcli.publish import site
from budgetcli.publish.sitetemplates import TEMPLATES

def plain(value):
    # a dataclass as a namespace of its fields and properties, all the way down
    if type(value).__name__ in ("_Laid", "_Contents"):
        return [plain(v) for v in value]  # the catalogue's proposals, laid out as they go
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        made = types.SimpleNamespace(
            **{f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
        for name in dir(type(value)):
            if isinstance(getattr(type(value), name), property):
                setattr(made, name, plain(getattr(value, name)))
        return made
    if type(value) is dict:
        return {k: plain(v) for k, v in value.items()}
    if type(value) in (list, tuple):
        return type(value)(plain(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return type(value)(plain(v) for v in value)
    return value

sys.argv = shlex.split(COMMAND)  # the command line the pages show
pub = publishing.published(Path(DATA), None, None, None)
pages, laid = [], {}
for name, template, context in site.pages(pub):
    if template == "catalogue.html":
        context = plain(context)
        laid = {p["id"]: p for p in context["proposals"]}
    elif template == "proposal.html":
        context = {**plain({k: v for k, v in context.items() if k != "p"}), "p": laid[context["p"]["id"]]}
    else:
        context = plain(context)
    pages.append((name, template, context))
with open(OUT, "wb") as out:
    pickle.dump((TEMPLATES, pages), out, protocol=pickle.HIGHEST_PROTOCOL)
"""

#: Jinja2 alone: the pages of ``argv[1]`` rendered into the folder ``argv[2]``
BASELINE_REPORT = r"""
import os, pickle, sys
import jinja2
with open(sys.argv[1], "rb") as f:
    templates, pages = pickle.load(f)
env = jinja2.Environment(
    loader=jinja2.DictLoader(templates), autoescape=True, undefined=jinja2.StrictUndefined,
    trim_blocks=True, lstrip_blocks=True,
)
for name, template, context in pages:
    path = os.path.join(sys.argv[2], name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if template is None:
        with open(path, "wb") as out:
            out.write(context["text"].encode("utf-8"))
    elif template == "catalogue.html":
        env.get_template(template).stream(context).dump(path, encoding="utf-8")
    else:
        with open(path, "wb") as out:
            out.write(env.get_template(template).render(context).encode("utf-8"))
"""

#: writes the database's rows to ``OUT``
DUMP_SQLITE = r"""
import pickle, shlex, sys
from pathlib import Path
from budgetcli.cli import publishing
from budgetcli.publish import sqlite
sys.argv = shlex.split(COMMAND)  # the command line the database holds
pub = publishing.published(Path(DATA), None, None, None)
rows = [(statement, list(made)) for statement, made in sqlite.inserts(pub)]
with open(OUT, "wb") as out:
    pickle.dump((sqlite.SCHEMA, sqlite.SCHEMA_VERSION, rows), out, protocol=pickle.HIGHEST_PROTOCOL)
"""

#: sqlite3 alone: the rows of ``argv[1]`` inserted into a new database file ``argv[2]``
BASELINE_SQLITE = r"""
import os, pickle, sqlite3, sys
if os.path.exists(sys.argv[2]):
    os.unlink(sys.argv[2])
with open(sys.argv[1], "rb") as f:
    schema, version, rows = pickle.load(f)
db = sqlite3.connect(sys.argv[2])
db.execute("PRAGMA foreign_keys = ON")
db.executescript(schema)
with db:
    for statement, made in rows:
        db.executemany(statement, made)
db.execute(f"PRAGMA user_version = {version}")
db.close()
"""


def peak_kb(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> int:
    """The peak resident KB of one run of ``command`` (``/usr/bin/time``'s ``%M``)."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return int(done.stderr.strip().splitlines()[-1])


def budget(work: Path, n: int) -> Path:
    """The data folder of a generated budget of ``n`` proposals, its cache filled."""
    folder = work / f"n{n}"
    data = folder / "data"
    proposals = data / "proposals"
    if not proposals.is_dir() or sum(1 for _ in proposals.iterdir()) != n:
        generator = [sys.executable, str(HERE / "generate.py"), str(n), str(folder)]
        subprocess.run(generator, check=True)  # its own process: it holds every text
    subprocess.run(
        [budgetcli(), "validate", "--data", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return data


def budgetcli() -> str:
    return shutil.which("budgetcli") or str(Path(sys.executable).parent / "budgetcli")


def dumped(code: str, data: Path, out: Path, command: list[str], cwd: Path) -> None:
    """What a baseline reads, written by ``code`` in a process of its own, with the command
    line the measured run has (the pages show it)."""
    import shlex

    prelude = f"DATA = {str(data)!r}\nOUT = {str(out)!r}\nCOMMAND = {shlex.join(command)!r}\n"
    subprocess.run([sys.executable, "-c", prelude + code], cwd=cwd, check=True)


def same_folders(ours: Path, theirs: Path, skip: str) -> None:
    """Fails unless the two folders hold the same files with the same bytes."""
    mine = {p.relative_to(ours) for p in ours.rglob("*") if p.is_file() and p.name != skip}
    other = {p.relative_to(theirs) for p in theirs.rglob("*") if p.is_file()}
    if mine != other:
        raise SystemExit(f"the baseline wrote other files: {sorted(mine ^ other)[:5]}")
    for name in mine:
        if (ours / name).read_bytes() != (theirs / name).read_bytes():
            raise SystemExit(f"the baseline's {name} differs from budgetcli's")


def same_tables(ours: Path, theirs: Path) -> None:
    """Fails unless the two databases hold the same rows in every table."""
    import contextlib
    import sqlite3

    def rows(path: Path) -> list[str]:
        with contextlib.closing(sqlite3.connect(path)) as db:
            return list(db.iterdump())

    if rows(ours) != rows(theirs):
        raise SystemExit("the baseline's database differs from budgetcli's")


def measure(
    ours: list[str], theirs: list[str], cwd: Path, runs: int, before: Path | None
) -> tuple[int, int]:
    """The median peak KB of each, run in turn; ``before``: budgetcli's command run from that
    checkout (``python -m budgetcli`` with it first on ``PYTHONPATH``)."""
    env = None
    if before is not None:
        ours = [sys.executable, "-m", "budgetcli", *ours[1:]]
        env = {**os.environ, "PYTHONPATH": str(before)}
    a, b = [], []
    for _ in range(runs):
        a.append(peak_kb(ours, cwd, env))
        b.append(peak_kb(theirs, cwd))
    return int(statistics.median(a)), int(statistics.median(b))


def report_row(work: Path, n: int, runs: int, before: Path | None) -> tuple[str, int, int]:
    data = budget(work, n)
    command = [budgetcli(), "report", "--data", str(data), "-o", "site", "--force"]
    dump = work / f"report-{n}.pickle"
    shown = ["budgetcli", *command[1:]]
    dumped(DUMP_REPORT, data, dump, shown, work)
    baseline = [sys.executable, "-c", BASELINE_REPORT, str(dump), str(work / "baseline-site")]
    shutil.rmtree(work / "baseline-site", ignore_errors=True)
    ours, theirs = measure(command, baseline, work, runs, before)
    same_folders(work / "site", work / "baseline-site", ".budgetcli-report")
    dump.unlink()
    return f"`report`, {n:,} proposals", ours, theirs


def sqlite_row(work: Path, n: int, runs: int, before: Path | None) -> tuple[str, int, int]:
    data = budget(work, n)
    command = [budgetcli(), "export", "-f", "sqlite", "--data", str(data), "-o", "budget.db"]
    command.append("--force")
    dump = work / f"sqlite-{n}.pickle"
    dumped(DUMP_SQLITE, data, dump, ["budgetcli", *command[1:]], work)
    target = work / "baseline.db"
    baseline = [sys.executable, "-c", BASELINE_SQLITE, str(dump), str(target)]
    ours, theirs = measure(command, baseline, work, runs, before)
    same_tables(work / "budget.db", target)
    dump.unlink()
    return f"`export --format sqlite`, {n:,} proposals", ours, theirs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--report", type=int, default=100_000, help="0: not measured")
    parser.add_argument("--sqlite", type=int, default=10_000, help="0: not measured")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path)
    parser.add_argument(
        "--before", type=Path, help="measure the budgetcli of this checkout (an older commit)"
    )
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="budgetcli-peaks-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    rows = []
    if args.sqlite:
        rows.append(sqlite_row(work, args.sqlite, args.runs, args.before))
    if args.report:
        rows.append(report_row(work, args.report, args.runs, args.before))
    print(f"load average {os.getloadavg()[0]:.1f}, {time.monotonic() - started:.0f} s\n")
    print("| what | budgetcli | library alone | ratio | goal |")
    print("| --- | ---: | ---: | ---: | --- |")
    for what, ours, theirs in rows:
        ratio = ours / theirs
        met = "met" if ratio <= GOAL else "**missed**"
        print(
            f"| {what} | {ours / 1024:.0f} MB | {theirs / 1024:.0f} MB | {ratio:.2f}× | ≤ {GOAL}×: {met} |"
        )


if __name__ == "__main__":
    main()
