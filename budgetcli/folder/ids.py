"""The ids a data folder holds, read cheaply for shell completion: a proposal's id is its file's
name (``check_stem`` holds them equal), a forecast's the ``id:`` line at the top of its file.
Nothing is parsed or checked: a folder that cannot be read completes nothing, never an error."""

from __future__ import annotations

import os
import re
from pathlib import Path

from budgetcli.folder.listing import FORECASTS_DIR, PROPOSALS_DIR, YAML_SUFFIXES, stem_of

#: a forecast file's top-level ``id:`` (plain or quoted), as its format writes it
ID_LINE = re.compile(rb"""^id:[ \t]*(["']?)([^"'#\s]+)\1[ \t]*(?:#.*)?$""", re.M)
#: the bytes of a forecast file read to find its id (the id is near the top)
HEAD_BYTES = 4096


def _yaml_names(folder: Path) -> list[str]:
    try:
        with os.scandir(folder) as found:
            names = [e.name for e in found if e.is_file()]
    except OSError:
        return []
    return sorted(n for n in names if os.path.splitext(n)[1].lower() in YAML_SUFFIXES)


def proposal_ids(data: Path) -> list[str]:
    """The ids of the proposals in ``data`` (their files' names), sorted."""
    return [stem_of(name) for name in _yaml_names(data / PROPOSALS_DIR)]


def forecast_ids(data: Path) -> list[str]:
    """The ids of the forecasts in ``data``: each file's ``id:`` line (else its name), sorted."""
    ids = []
    for name in _yaml_names(data / FORECASTS_DIR):
        try:
            with (data / FORECASTS_DIR / name).open("rb") as file:
                head = file.read(HEAD_BYTES)
        except OSError:
            continue
        found = ID_LINE.search(head)
        ids.append(found.group(2).decode("utf-8", "replace") if found else stem_of(name))
    return sorted(set(ids))
