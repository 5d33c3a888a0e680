"""What a compiled YAML reader would give a first run (issue 27 §2), measured, not guessed.

    python benchmarks/compiled.py [FOLDER] [--files N]

FOLDER: a generated budget (``python benchmarks/generate.py 10000 FOLDER``; default
/tmp/budgetcli-firstrun/n10000, ``benchmarks/firstrun.py``'s). Run it in an environment that
has, beside budgetcli's dependencies, the compiled readers to compare (none is a dependency of
budgetcli; each row is left out when its package is not installed):

    pip install rapidyaml ryaml yaml-rs

Over the first N proposal files (default 2,000), in this process, the best of 5 passes, µs a
file:

- ``yamlfast.read``: budgetcli's own reader of the plain style (values, scalar styles resolved
  by the strict rules; positions made only for a file with a problem);
- ``json.loads`` of the same values: what a reader that makes Python values costs at least;
- PyYAML's ``CSafeLoader`` (libyaml): values, no styles, no positions;
- rapidyaml (``ryml``): the parse alone (a tree in C++, with styles and positions), and the
  parse with the walk that makes Python values from the tree (what budgetcli would need);
- ryaml and yaml-rs (Rust): values, no styles, no positions: a reader that cannot tell
  ``"2024"`` from ``2024`` cannot keep budgetcli's strict rules, so these are an upper bound
  of the gain, not a candidate.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best(work: Callable[[], object], passes: int = 5) -> float:
    """The best of ``passes`` runs of ``work()``, in seconds."""
    found = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        work()
        found = min(found, time.perf_counter() - start)
    return found


def ryml_values(tree: Any, node: int, ryml: Any) -> Any:
    """The values of ``node`` of a rapidyaml tree as Python values, each scalar with whether it
    was quoted (what the strict rules need to resolve it)."""
    if tree.is_map(node):
        out = {}
        child = tree.first_child(node)
        while child != ryml.NONE:
            out[bytes(tree.key(child))] = ryml_values(tree, child, ryml)
            child = tree.next_sibling(child)
        return out
    if tree.is_seq(node):
        items = []
        child = tree.first_child(node)
        while child != ryml.NONE:
            items.append(ryml_values(tree, child, ryml))
            child = tree.next_sibling(child)
        return items
    return bytes(tree.val(node)), tree.is_val_quoted(node)


def readers(datas: list[bytes]) -> dict[str, Callable[[], object]]:
    """Each reader to time, by its row's name (those installed)."""
    import yaml

    from budgetcli.folder import yamlfast

    texts = [json.dumps(yamlfast.read(d, {}), default=str) for d in datas]

    def fast() -> list[Any]:
        memo: dict[str, Any] = {}  # as a worker reads its files: one memo of scalars
        return [yamlfast.read(d, memo) for d in datas]

    found: dict[str, Callable[[], object]] = {
        "`yamlfast.read` (budgetcli)": fast,
        "*`json.loads` of the same values*": lambda: [json.loads(t) for t in texts],
        "PyYAML `CSafeLoader` (libyaml)": lambda: [yaml.load(d, yaml.CSafeLoader) for d in datas],
    }
    if importlib.util.find_spec("ryml") is not None:
        import ryml

        found["rapidyaml: parse only"] = lambda: [ryml.parse_in_arena(d) for d in datas]
        found["rapidyaml: parse, then its tree walked to Python values"] = lambda: [
            ryml_values(tree, tree.root_id(), ryml)
            for tree in (ryml.parse_in_arena(d) for d in datas)
        ]
    if importlib.util.find_spec("ryaml") is not None:
        import ryaml

        found["ryaml (no styles, no positions)"] = lambda: [ryaml.loads(d.decode()) for d in datas]
    if importlib.util.find_spec("yaml_rs") is not None:
        import yaml_rs

        found["yaml-rs (no styles, no positions)"] = lambda: [
            yaml_rs.loads(d.decode()) for d in datas
        ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "folder", nargs="?", type=Path, default=Path("/tmp/budgetcli-firstrun/n10000")
    )
    parser.add_argument("--files", type=int, default=2_000)
    options = parser.parse_args()
    paths = sorted((options.folder / "data" / "proposals").glob("*.yaml"))[: options.files]
    if not paths:
        raise SystemExit(f"no proposals in {options.folder}/data: generate a budget first")
    datas = [p.read_bytes() for p in paths]
    print(f"{len(datas):,} proposal files, {sum(map(len, datas)) / len(datas):,.0f} bytes a file\n")
    print("| reader | µs a file |")
    print("| --- | ---: |")
    for name, work in readers(datas).items():
        print(f"| {name} | {best(work) / len(datas) * 1e6:.0f} |", flush=True)


if __name__ == "__main__":
    main()
