"""Areas added to areas.yaml's text (``budgetcli import --add-areas``), every other byte of the
file kept: its comments, its layout, the order of its keys."""

from __future__ import annotations

import re

from budgetcli.core.diagnostics import said
from budgetcli.core.errors import UsageError
from budgetcli.core.lazyclasses import dataclass
from budgetcli.folder.proposalfile import series, text


@dataclass(frozen=True)
class NewArea:
    """An area a page names that areas.yaml lacks, with what the page says of it."""

    code: str
    committee: str
    name: str | None
    budget: dict[int, int] | int | None


_TOP_KEY = re.compile(r"""(?:[A-Za-z_][\w-]*|"[^"]*"|'[^']*')\s*:|---|\.\.\.""")
_AREAS = re.compile(r"""(?:areas|"areas"|'areas')\s*:\s*(?:#.*)?""")


def _list_lines(lines: list[str]) -> tuple[int, str] | None:
    """Where areas.yaml's ``areas:`` block list ends (the index after its last line), and
    the indentation of its items' dashes; ``None`` if it is not written one item a line."""
    start = next((i for i, line in enumerate(lines) if _AREAS.fullmatch(line.rstrip())), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if _TOP_KEY.match(lines[i])), len(lines))
    block = [i for i in range(start + 1, end) if lines[i].strip() and lines[i][:1] in " -"]
    items = [lines[i] for i in block if lines[i].lstrip().startswith("- ")]
    if not items:
        return None
    dash = items[0][: len(items[0]) - len(items[0].lstrip())]
    return max(block) + 1, dash


def can_add_areas(areas_text: str) -> bool:
    """Whether ``areas_with`` can add to this areas.yaml."""
    return _list_lines(areas_text.lstrip("\ufeff").splitlines()) is not None


def areas_with(areas_text: str, new: list[NewArea]) -> str:
    """areas.yaml's text with ``new`` areas added after the last item of its ``areas:``
    list, wherever in the file it stands, written as a block list (``UsageError`` if it is
    not: the file is not rewritten, so no comment or layout of it is lost)."""
    kept = areas_text.splitlines(keepends=True)
    found = _list_lines([line.rstrip("\r\n").lstrip("\ufeff") for line in kept])
    if found is None:
        raise UsageError(
            said(
                "--add-areas adds to the areas: list of areas.yaml written one item a line"
                " (- code: …); add the areas by hand"
            )
        )
    end, dash = found
    newline = "\r\n" if "\r\n" in areas_text else "\n"
    if end and not kept[end - 1].endswith(("\n", "\r")):
        kept[end - 1] += newline  # the list was the file's last line, without a line end
    return "".join([*kept[:end], *(f"{line}{newline}" for line in _items(new, dash)), *kept[end:]])


def _items(new: list[NewArea], dash: str) -> list[str]:
    """The lines of the new areas, as items of a block list at ``dash``'s indentation."""
    pad = dash + "  "
    lines = []
    for area in new:
        lines.append(f"{dash}- code: {text(area.code)}")
        if area.name:
            lines.append(f"{pad}name: {text(area.name)}")
        lines.append(f"{pad}committee: {text(area.committee)}")
        if area.budget:
            lines.append(f"{pad}budget: {series(area.budget)}")
    return lines
