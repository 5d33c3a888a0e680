"""Make the README's `data-okt`: a copy of a data folder edited like a budget agreement.

    python examples/agreement.py data data-okt

Seven proposals adopted and one rejected, one amount changed (hjemloeseindsats saves 550, not
500), one file renamed (hjemmepleje-styring → hjemmeplejen-styring), one proposal added
(ny-genoptraening) and one area budget changed (B60.10.30 in 2024: 6.224 → 6.324). The
README's `budgetcli diff data data-okt` compares the two; the tests build the same copy.
It never writes into an existing folder, and stops if the data no longer holds what it edits.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

NEW_PROPOSAL = """\
id: ny-genoptraening
title: Ny organisering af genoptræning
status: adopted
areas: [B60.30.45]
change:
  inside_service_frame: {2024: 200, 2025: -100, 2026: -300, 2027: -300}
"""


def edit(path: Path, *replacements: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        if old not in text:
            raise SystemExit(f"{path}: {old!r} not found; the data has changed")
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def agree(data: Path) -> None:
    """Edit the data folder ``data`` in place into the budget agreement."""
    proposals = data / "proposals"
    for path in sorted(proposals.glob("*.yaml")):
        if "status: proposed" in path.read_text(encoding="utf-8"):  # the B23 ones are realized
            rejected = path.stem == "plejecenter-tvaerfagligt-samarbejde"
            edit(path, ("status: proposed", f"status: {'rejected' if rejected else 'adopted'}"))
    edit(
        proposals / "hjemloeseindsats.yaml",
        ("inside_service_frame: -250", "inside_service_frame: -300"),
        ("amounts: -500}", "amounts: -550}"),
    )
    old = proposals / "hjemmepleje-styring.yaml"
    edit(old, ("id: hjemmepleje-styring", "id: hjemmeplejen-styring"))
    old.rename(proposals / "hjemmeplejen-styring.yaml")
    (proposals / "ny-genoptraening.yaml").write_text(NEW_PROPOSAL, encoding="utf-8")
    edit(data / "areas.yaml", ("budget: {2024: 6224,", "budget: {2024: 6324,"))


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit("usage: python examples/agreement.py DATA_DIR NEW_DIR")
    source, target = Path(argv[0]), Path(argv[1])
    if target.exists():
        raise SystemExit(f"{target} exists; remove it or name another folder")
    shutil.copytree(source, target)
    agree(target)


if __name__ == "__main__":
    main(sys.argv[1:])
