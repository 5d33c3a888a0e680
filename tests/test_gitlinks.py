"""A revision whose data folder, or a folder or file of it, git stores as a symbolic link
(mode 120000) or a submodule (a gitlink, mode 160000): ``diff`` says what it cannot read, as
for a folder in the work tree, and exits 1 (2 when the data folder itself is one); it never
reads such a folder as empty, which once reported every proposal removed, exit 0.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from .conftest import git, run
from .test_diff import small_repo

pytestmark = pytest.mark.store

#: what each side says of a folder a revision stores as a link or a submodule
LINK = (
    "a symbolic link in git (to {target}), not a folder: a revision keeps where a link leads, "
    "not the files there, so they cannot be read from it; compare two folders instead [io]"
)
SUBMODULE = (
    "a submodule in git, not a folder: its files are in another repository, not in this "
    "revision; compare two folders instead [io]"
)
FORECAST = "id: f\ntitle: F\nyear: 2024\nlines:\n  - {label: L, forecast: 1, budget: 1}\n"
RULES = "rules:\n  - {year: 2024, level: x, source: x, tiers: [{above: 1, rate: 0.25}]}\n"


def diff(runner: CliRunner, root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.chdir(root)
    return run(runner, "diff", *args)


def as_link(root: Path, folder: str) -> None:
    """``data/<folder>`` becomes a link to ``data/real-<folder>`` in a commit tagged
    ``linked``; the work tree keeps the link (which budgetcli follows there)."""
    data = root / "data"
    git(root, "mv", f"data/{folder}", f"data/real-{folder}")
    (data / folder).symlink_to(f"real-{folder}")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"{folder} is a link")
    git(root, "tag", "linked")


def as_submodule(root: Path, folder: str) -> None:
    """``data/<folder>`` becomes a gitlink (a submodule's entry: a commit of another
    repository) in a commit tagged ``linked``; the work tree keeps the folder as it was."""
    head = git(root, "rev-parse", "HEAD").strip()
    git(root, "rm", "-r", "-q", "--cached", f"data/{folder}")
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{head},data/{folder}")
    git(root, "commit", "-q", "-m", f"{folder} is a submodule")
    git(root, "tag", "linked")


def repo(tmp_path: Path) -> Path:
    """The small repository, with a forecast and refusion rules too, committed as ``base``."""
    root = small_repo(tmp_path / "r")
    (root / "data" / "forecasts").mkdir()
    (root / "data" / "forecasts" / "f.yaml").write_text(FORECAST, encoding="utf-8")
    (root / "data" / "rules").mkdir()
    (root / "data" / "rules" / "refusion.yaml").write_text(RULES, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "forecast and rules")
    git(root, "tag", "-f", "base")
    return root


@pytest.mark.parametrize("folder", ["proposals", "forecasts", "rules"])
@pytest.mark.parametrize("how", ["link", "submodule"])
def test_a_folder_that_is_a_link_or_a_submodule_in_a_revision_is_said(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, how: str
) -> None:
    root = repo(tmp_path)
    (as_link if how == "link" else as_submodule)(root, folder)
    said = LINK.format(target=f"real-{folder}") if how == "link" else SUBMODULE
    # diff REV: the revision against the work tree, which reads the folder (or the link's)
    code, out, err = diff(runner, root, monkeypatch, "linked")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"old side (linked): linked:data/{folder}: error: {said}",
        "budgetcli: error: 1 error in the old side (linked)",
    ]
    # diff REV1 REV2, either way round
    code, out, err = diff(runner, root, monkeypatch, "base", "linked")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"new side (linked): linked:data/{folder}: error: {said}",
        "budgetcli: error: 1 error in the new side (linked)",
    ]
    code, _, err = diff(runner, root, monkeypatch, "linked", "base", "--format", "json")
    assert code == 1
    assert err.splitlines()[0] == f"old side (linked): linked:data/{folder}: error: {said}"


@pytest.mark.parametrize("how", ["link", "submodule"])
def test_a_file_that_is_a_link_or_a_submodule_in_a_revision_is_said(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    root = repo(tmp_path)
    proposals = root / "data" / "proposals"
    if how == "link":
        (proposals / "p2.yaml").symlink_to("p1.yaml")
        git(root, "add", "-A")
    else:
        head = git(root, "rev-parse", "HEAD").strip()
        git(root, "update-index", "--add", "--cacheinfo", f"160000,{head},data/proposals/p2.yaml")
    git(root, "commit", "-q", "-m", "p2")
    what = "a symbolic link" if how == "link" else "a submodule"
    code, out, err = diff(runner, root, monkeypatch, "base", "HEAD")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"new side (HEAD): HEAD:data/proposals/p2.yaml: error: {what} in git, not a file: "
        "budgetcli reads only regular files [io]",
        "budgetcli: error: 1 error in the new side (HEAD)",
    ]


@pytest.mark.parametrize("how", ["link", "submodule"])
def test_a_data_folder_that_is_a_link_or_a_submodule_in_a_revision_is_a_usage_error(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """The data folder itself: nothing of the budget can be read from that revision (exit 2,
    as for a revision without ``areas.yaml``); the message says why, and what to do."""
    root = repo(tmp_path)
    if how == "link":
        git(root, "mv", "data", "real")
        (root / "data").symlink_to("real")
        git(root, "add", "-A")
        why = (
            "a symbolic link in git (to real), not a folder: a revision keeps where a link "
            "leads, not the files there, so they cannot be read from it; name the folder it "
            "leads to with --data"
        )
    else:
        head = git(root, "rev-parse", "HEAD").strip()
        git(root, "rm", "-r", "-q", "--cached", "data")
        git(root, "update-index", "--add", "--cacheinfo", f"160000,{head},data")
        why = (
            "a submodule in git, not a folder: its files are in another repository, not in "
            "this revision; name the folder it leads to with --data"
        )
    git(root, "commit", "-q", "-m", "data moved")
    code, out, err = diff(runner, root, monkeypatch, "base", "HEAD")
    assert (code, out, err) == (2, "", f"budgetcli: error: HEAD:data is {why}\n")
    if how == "link":  # its target, in the same revision, is read
        code, out, err = diff(runner, root, monkeypatch, "HEAD", "--data", "real")
        assert (code, err) == (0, "")
        assert "no proposal changed" in out


def test_folders_below_the_data_folders_are_not_read_and_nothing_else_is_lost(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing of a revision is recursive now: a file in a folder below ``proposals/``
    is still not a proposal, as in the work tree, and a folder with a proposal's name is
    still said."""
    root = repo(tmp_path)
    (root / "data" / "proposals" / "archive").mkdir()
    (root / "data" / "proposals" / "archive" / "old.yaml").write_text("x: [", encoding="utf-8")
    (root / "data" / "rules" / "notes.txt").write_text("", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "an archive")
    code, out, err = diff(runner, root, monkeypatch, "base", "HEAD", "--exit-code")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "no proposal changed; net 2024 -100 → -100 (0)"


def test_a_revision_that_cannot_be_read_is_said_in_danish(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The side of a diff, why its folder is not read and the closing count, in Danish."""
    root = repo(tmp_path)
    as_link(root, "proposals")
    code, out, err = diff(runner, root, monkeypatch, "base", "linked", "--lang", "da")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "den nye version (linked): linked:data/proposals: error: et symbolsk link i git (til"
        " real-proposals), ikke en mappe: en revision gemmer hvor et link peger hen, ikke"
        " filerne der, så de kan ikke læses fra den; sammenlign i stedet to mapper [io]",
        "budgetcli: error: 1 fejl i den nye version (linked)",
    ]
