"""``--prices`` from the cache: restated from the stored lines, the same output as when every
proposal is read and restated, and no proposal read for what the lines answer."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from budgetcli.store import codec

from .conftest import run
from .test_prices import BUILDING, PRICES, SAVING, areas, refusal, write

pytestmark = pytest.mark.store

#: two saving components in 2024 (each rounded alone: 3 * -1.5 -> -2 and -2, not -3 + ...), one
#: in 2025; restated by 3/2 below, every amount a half
SPLIT = """\
id: split
title: Two savings
status: proposed
areas: [A1]
change: {inside_service_frame: {2024: -6, 2025: -3}, outside_service_frame: {2024: 1}}
components:
  - {type: saving, label: a, amounts: {2024: -3, 2025: -3}}
  - {type: saving, label: b, amounts: {2024: -3}}
  - {type: investment, label: c, amounts: {2024: 1}}
"""
#: the restatement by 3/2: every odd amount is a half, rounded away from zero
HALVES = PRICES.replace("rate: 0.03", "rate: 0.5")
COMMANDS = [
    ("summary", "--prices", "2025"),
    ("summary", "--prices", "2025", "--by", "proposal", "--format", "json"),
    ("summary", "2025", "--prices", "2025", "--status", "proposed", "--format", "csv"),
    ("summary", "--prices", "2024", "--by", "committee"),
    ("frame", "--prices", "2025", "--format", "json"),
    ("frame", "2025", "--prices", "2025", "--status", "adopted"),
]


def packs(folder: Path) -> list[Path]:
    return sorted(folder.glob("budgetcli-pack-*.bin"))


@pytest.mark.parametrize("prices", [PRICES, HALVES])
def test_restated_from_the_cache_is_restated_from_the_files(
    runner: CliRunner, tmp_path: Path, isolated_cache: Path, prices: str
) -> None:
    """Each command restated from the stored lines (the pack gone: no proposal is read, none
    stored again) prints what it prints with every file read (``--no-cache``) and what the
    run that stored them printed."""
    root = write(tmp_path / "d", areas(), prices, saving=SAVING, building=BUILDING, split=SPLIT)
    data = ("--data", str(root))
    for command in COMMANDS:
        first = run(runner, *command, *data)
        assert first[0] == 0, first
        assert run(runner, *command, *data, "--no-cache") == first
        for pack in packs(isolated_cache):
            pack.unlink()
        assert run(runner, *command, *data) == first, command
        assert packs(isolated_cache) == [], command  # no proposal read: none stored again


def test_a_construction_amount_without_its_index_is_refused_from_the_cache(
    runner: CliRunner, tmp_path: Path, isolated_cache: Path
) -> None:
    """A construction index that lacks the step refuses a construction amount from the cache
    as from the files (exit 2, the same message); a budget that counts none is restated."""
    lonely = PRICES.replace("  - {year: 2024, index: 100, source: made up}\n", "")
    root = write(tmp_path / "d", areas(frame=None), lonely, saving=SAVING, building=BUILDING)
    args = ("summary", "--prices", "2025", "--data", str(root))
    for _ in range(2):  # the run that stores, then the one from the cache
        code, out, err = run(runner, *args)
        assert (code, out) == (2, "")
        assert refusal(2025, "construction", "2025") in err
    assert run(runner, *args, "--no-cache") == (code, out, err)
    code, out, err = run(runner, *args, "--status", "proposed")  # the building not counted
    assert code == 0
    assert run(runner, *args, "--status", "proposed", "--no-cache") == (code, out, err)


def test_diff_restated_reads_only_the_proposals_that_differ(
    runner: CliRunner, tmp_path: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``diff --prices`` pairs the proposals by their marks, restated alike on both sides: from
    the cache it reads whole only the one that differs (on each side), and prints what it
    prints from the files."""
    old = write(tmp_path / "old", areas(), PRICES, saving=SAVING, building=BUILDING, split=SPLIT)
    new = tmp_path / "new"
    shutil.copytree(old, new)
    edited = new / "proposals" / "saving.yaml"
    edited.write_text(SAVING.replace("-1000", "-1100"), encoding="utf-8")
    args = ("diff", str(old), str(new), "--prices", "2025", "--format", "json", "--exit-code")
    first = run(runner, *args)
    assert first[0] == 1 and '"saving"' in first[1]
    assert '"building"' not in first[1]  # restated alike on both sides: no change
    read: list[str] = []
    real = codec.loads

    def counted(blob: bytes) -> Any:
        proposal = real(blob)
        read.append(proposal.id)
        return proposal

    monkeypatch.setattr(codec, "loads", counted)
    assert run(runner, *args) == first
    assert read == ["saving", "saving"]
    assert run(runner, *args, "--no-cache") == first
