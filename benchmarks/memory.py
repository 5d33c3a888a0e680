"""Peak memory of each YAML reader per byte of file, for the shapes that once cost most.

    python benchmarks/memory.py [MEGABYTES]     (default 20)

Each reading runs in a child process of its own; the figure is how much its peak resident
memory grew while the reader ran (libyaml's own buffers count too, which tracemalloc would
not see), divided by the file's size. The goal: a small multiple (at most 10x) for every
shape and every reader: the fast one (``yamlfast.read``), the exact one
(``yamlsafe.load_bytes``) and the positions made for a message (``yamlsafe.positions_of``).
"""

from __future__ import annotations

import subprocess
import sys

SHAPES = {
    "quoted value": "b'a: \"' + b'x' * n + b'\"\\n'",
    "plain value": "b'a: ' + b'x' * n + b'\\n'",
    "short lines": "b''.join(b'k%d: %d\\n' % (i, i) for i in range(n // 12))",
    "long comment": "b'a: 1\\n# ' + b'x' * n + b'\\n'",
    "deep nesting": (
        "b''.join(b''.join(b'  ' * d + b'k%d:\\n' % i for d in range(30)) + b'  ' * 30 + b'v\\n'"
        " for i in range(n // 1000))"
    ),
}
READERS = {
    "yamlfast.read": "from budgetcli.folder.yamlfast import read; read(data)",
    "yamlsafe.load_bytes": "from budgetcli.folder.yamlsafe import load_bytes; load_bytes(data, 'x')",
    "yamlsafe.positions_of": "from budgetcli.folder.yamlsafe import positions_of; positions_of(data, 'x')",
}
CHILD = """
import resource, sys
import budgetcli.folder.yamlfast, budgetcli.folder.yamlsafe
n = {n}
data = {shape}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
{reader}
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(data), (after - before) * 1024)
"""


def measure(n: int, shape: str, reader: str) -> tuple[int, int]:
    code = CHILD.format(n=n, shape=SHAPES[shape], reader=READERS[reader])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    size, grown = out.stdout.split()
    return int(size), int(grown)


def main() -> None:
    n = int(float(sys.argv[1]) * 1_000_000) if len(sys.argv) > 1 else 20_000_000
    rows = [("shape", "reader", "file MB", "peak grew MB", "per byte")]
    for shape in SHAPES:
        for reader in READERS:
            size, grown = measure(n, shape, reader)
            rows.append(
                (shape, reader, f"{size / 1e6:.1f}", f"{grown / 1e6:.1f}", f"{grown / size:.1f}")
            )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        sys.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + "\n")


if __name__ == "__main__":
    main()
