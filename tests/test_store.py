"""The cache: it never changes a figure, keeps each file's result, and touches only its own files.

Each test of damage (a flipped bit, a cut or swapped file, a same-size edit) holds the output
equal to a run without the cache; the file-by-file tests count what the stages read.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from budgetcli.core.errors import UsageError
from budgetcli.folder import documents
from budgetcli.folder.listing import DataFile
from budgetcli.store import cache, index
from budgetcli.store.load import load_checked

from .conftest import DATA, REPO, run

pytestmark = pytest.mark.usefixtures("cache_on")

SUMMARY = ("summary", "2024", "--format", "csv")
TOTAL = ",Total,2024,-8750,2350,-6400,-6400,0,0,-4.9,,,"


def indexes(folder: Path) -> list[Path]:
    return sorted(folder.glob("budgetcli-index-*.bin"))


def packs(folder: Path) -> list[Path]:
    return sorted(folder.glob("budgetcli-pack-*.bin"))


def flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at % len(data)] ^= 0x10
    path.write_bytes(bytes(data))


@pytest.mark.slow
def test_concurrent_runs_share_the_cache_safely(tmp_path: Path) -> None:
    """Four processes fill one empty cache at once: each gets the right answer."""
    env = {**os.environ, "BUDGETCLI_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("BUDGETCLI_NO_CACHE", None)
    command = [sys.executable, "-m", "budgetcli", *SUMMARY]
    procs = [
        subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=60)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert {out.splitlines()[-1] for out in outputs} == {TOTAL}
    assert indexes(tmp_path / "cache")  # it was used
    assert not list((tmp_path / "cache").glob(".budgetcli-tmp-*"))  # nothing half-written


def test_cache_gives_identical_results(runner: CliRunner, isolated_cache: Path) -> None:
    args = ["summary", "--data", str(DATA), "--format", "json"]
    cold = run(runner, *args, "--no-cache")
    assert list(isolated_cache.iterdir()) == []
    first = run(runner, *args)
    assert len(indexes(isolated_cache)) == 1
    assert len(packs(isolated_cache)) == 1
    warm = run(runner, *args)
    assert cold == first == warm


def test_a_corrupt_index_is_ignored_and_rebuilt(runner: CliRunner, isolated_cache: Path) -> None:
    args = [*SUMMARY, "--data", str(DATA)]
    expected = run(runner, *args)
    (index,) = indexes(isolated_cache)
    index.write_bytes(b"not an index")
    assert run(runner, *args) == expected
    assert index.read_bytes() != b"not an index"  # rebuilt from the files
    assert run(runner, *args) == expected


@pytest.mark.parametrize("where", [0, 17, 20, 40, 60, 100, 1000, 5000, -50, -1])
def test_a_flipped_bit_anywhere_in_an_entry_never_changes_a_figure(
    runner: CliRunner, isolated_cache: Path, where: int
) -> None:
    """One bit flipped in the index or in the pack: the same output, exit 0 (once, a flipped
    bit in a stored entry made summary print other figures)."""
    summary = [*SUMMARY, "--data", str(DATA)]
    show = ["show", "kaerbo-velfaerdsteknologi", "--data", str(DATA), "--format", "json"]
    expected = run(runner, *summary), run(runner, *show)
    for damaged in (*indexes(isolated_cache), *packs(isolated_cache)):
        flip(damaged, where)
        assert (run(runner, *summary), run(runner, *show)) == expected


def test_swapped_indexes_each_show_their_own_folder(
    runner: CliRunner, tmp_path: Path, isolated_cache: Path
) -> None:
    """An index is tied to its key: two folders' indexes swapped are both ignored."""
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(DATA, a)
    shutil.copytree(DATA, b)
    rejected = b / "proposals" / "b23-frivilligfesten.yaml"
    rejected.write_text(rejected.read_text("utf-8").replace("realized", "rejected"), "utf-8")
    expected = {side: run(runner, *SUMMARY, "--data", str(side)) for side in (a, b)}
    assert expected[a] != expected[b]
    first, second = indexes(isolated_cache)
    swapped = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(swapped)
    assert {side: run(runner, *SUMMARY, "--data", str(side)) for side in (a, b)} == expected


def test_a_same_size_edit_with_its_mtime_restored_is_seen(
    runner: CliRunner, seed_copy: Path
) -> None:
    """The listing compares ctime too, as git's index does: putting the modification time
    back does not hide an edit of the same size."""
    args = [*SUMMARY, "--data", str(seed_copy)]
    assert run(runner, *args)[1].splitlines()[-1] == TOTAL
    path = seed_copy / "proposals" / "b23-frivilligfesten.yaml"
    before = path.stat()
    text = path.read_text("utf-8")
    edited = text.replace("status: realized", "status: rejected")
    assert len(edited.encode()) == len(text.encode()) + 0  # the same size
    path.write_text(edited, "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert (
        run(runner, *args)[1].splitlines()[-1] == ",Total,2024,-8700,2350,-6350,-6350,0,0,-4.9,,,"
    )


def test_pruning_deletes_only_the_caches_own_files(
    isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Old entries are pruned to ``KEEP``; a user's files beside them (whatever their names,
    even the cache's own pattern without its header) are never touched, and a file another
    run removes meanwhile (a dangling link stands for it) stops nothing."""
    monkeypatch.setattr(cache, "KEEP", 3)
    foreign = [
        isolated_cache / f"mine-{i}.{ext}"
        for i in range(100)
        for ext in ("pickle", "budget", "bin")
    ]
    for path in foreign:
        path.write_bytes(b"the user's own")
    lookalike = isolated_cache / f"budgetcli-pack-{'0' * 32}.bin"
    lookalike.write_bytes(b"not written by budgetcli")
    os.utime(lookalike, ns=(0, 0))
    (isolated_cache / f"budgetcli-pack-{'1' * 32}.bin").symlink_to(isolated_cache / "nowhere")
    for i in range(5):
        cache.write_index(bytes([i]) * 32, b"entry", ())
        os.utime(cache.index_path(bytes([i]) * 32), ns=(i * 10**9 + 10**9, i * 10**9 + 10**9))
    cache.prune(isolated_cache)
    kept = sorted(p.name for p in indexes(isolated_cache))
    assert kept == [cache.index_path(bytes([i]) * 32).name for i in (2, 3, 4)]
    assert all(path.read_bytes() == b"the user's own" for path in foreign)
    assert lookalike.read_bytes() == b"not written by budgetcli"


def test_validate_and_summary_never_read_the_pack(runner: CliRunner, isolated_cache: Path) -> None:
    """The proposals whole are in the pack, read only by the commands that need them; if it is
    gone or damaged, the files are loaded again."""
    summary = [*SUMMARY, "--data", str(DATA)]
    show = ["show", "b23-frivilligfesten", "--data", str(DATA), "--format", "json"]
    expected_summary, expected_show = run(runner, *summary), run(runner, *show)
    (pack,) = packs(isolated_cache)
    pack.unlink()
    assert run(runner, *summary) == expected_summary
    assert run(runner, "validate", str(DATA))[0] == 0
    assert packs(isolated_cache) == []  # neither needed it
    assert run(runner, *show) == expected_show
    (pack,) = packs(isolated_cache)  # show loaded the files again and stored their proposals
    for corrupt in (b"not a pack", pack.read_bytes()[:-1], pack.read_bytes() + b"\0"):
        for each in packs(isolated_cache):
            each.write_bytes(corrupt)
        assert run(runner, *show) == expected_show


def test_data_changed_while_a_damaged_entry_is_rebuilt(
    seed_copy: Path, isolated_cache: Path
) -> None:
    """A command read the stored result, its proposals turn out damaged and must be rebuilt
    from the files, and a file has changed meanwhile: the rebuilt proposals would not match the
    stored lines, so it stops with a usage error (exit 2); the damaged pack is left as it is."""
    load_checked(seed_copy)  # computes and stores
    checked = load_checked(seed_copy)  # from the cache: the proposals are read on first use
    (pack,) = packs(isolated_cache)
    pack.write_bytes(b"damaged")
    path = seed_copy / "proposals" / "b23-frivilligfesten.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("realized", "rejected"), "utf-8")
    with pytest.raises(UsageError, match="the data changed while budgetcli was reading it"):
        _ = checked.budget
    assert pack.read_bytes() == b"damaged"


def test_one_file_edited_is_the_one_file_read(
    seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an edit of one proposal, only that file goes through the stages again; an edit of
    areas.yaml (which every proposal is checked against) sends them all through."""
    read: list[str] = []
    real = documents.read_proposal

    def counted(file: DataFile, *args: Any) -> Any:
        read.append(file.relpath)
        return real(file, *args)

    monkeypatch.setattr(documents, "read_proposal", counted)
    first = load_checked(seed_copy)
    assert len(read) == 11
    read.clear()
    path = seed_copy / "proposals" / "b23-frivilligfesten.yaml"
    path.write_text(path.read_text("utf-8").replace("realized", "rejected"), "utf-8")
    edited = load_checked(seed_copy)
    assert read == ["proposals/b23-frivilligfesten.yaml"]
    assert edited.lines != first.lines
    assert edited == load_checked(seed_copy, use_cache=False)
    read.clear()
    areas = seed_copy / "areas.yaml"
    areas.write_text(areas.read_text("utf-8") + "\n", "utf-8")
    assert load_checked(seed_copy) == load_checked(seed_copy, use_cache=False)
    assert len(read) == 22  # all eleven, with the cache and without


def _same_as_without_cache(folder: Path) -> None:
    cached, computed = load_checked(folder), load_checked(folder, use_cache=False)
    assert cached == computed
    assert cached.sums == computed.sums  # not compared by ==: the sums per status, kept apart


def test_an_edit_is_stored_as_a_delta_of_the_index(seed_copy: Path, isolated_cache: Path) -> None:
    """After an edit, what changed is written as a small delta beside the index, which is not
    written again; a delta that is damaged is left out; a file removed writes the index anew
    and its delta goes."""
    _same_as_without_cache(seed_copy)
    (base,) = indexes(isolated_cache)
    stored = base.read_bytes()
    for name in ("b23-frivilligfesten.yaml", "hjemloeseindsats.yaml"):
        path = seed_copy / "proposals" / name
        path.write_text(path.read_text("utf-8").replace("status: ", "status: rejected #"), "utf-8")
        _same_as_without_cache(seed_copy)  # the status moved: other sums per status
        assert base.read_bytes() == stored
        (delta,) = [i for i in indexes(isolated_cache) if i != base]
        assert delta.stat().st_size < len(stored) / 4
    _same_as_without_cache(seed_copy)  # nothing changed since
    flip(delta, -5)
    _same_as_without_cache(seed_copy)
    (seed_copy / "proposals" / "hjemloeseindsats.yaml").unlink()
    _same_as_without_cache(seed_copy)
    assert indexes(isolated_cache) == [base]
    assert base.read_bytes() != stored


def test_files_renamed_added_and_edited_give_what_a_run_without_cache_gives(
    seed_copy: Path, isolated_cache: Path
) -> None:
    """Rows are matched to the known ones by place while the files are the known ones, by
    path when one is renamed (its place in the listing the same), added or removed."""
    _same_as_without_cache(seed_copy)
    proposals = seed_copy / "proposals"
    (proposals / "hjemloeseindsats.yaml").rename(proposals / "hjemloeseindsats-2.yaml")
    _same_as_without_cache(seed_copy)  # its id no longer its name: an error, in both
    (proposals / "hjemloeseindsats-2.yaml").rename(proposals / "hjemloeseindsats.yaml")
    _same_as_without_cache(seed_copy)
    text = (proposals / "b23-frivilligfesten.yaml").read_text("utf-8")
    (proposals / "zz-ny.yaml").write_text(text.replace("b23-frivilligfesten", "zz-ny"), "utf-8")
    _same_as_without_cache(seed_copy)
    path = proposals / "zz-ny.yaml"
    path.write_text(path.read_text("utf-8").replace("status: realized", "status: adopted"), "utf-8")
    _same_as_without_cache(seed_copy)


def test_a_delta_of_more_than_a_share_of_the_rows_writes_the_index_anew(
    seed_copy: Path, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "DELTA_MIN", 0)
    monkeypatch.setattr(index, "DELTA_SHARE", 20)
    _same_as_without_cache(seed_copy)
    (base,) = indexes(isolated_cache)
    stored = base.read_bytes()
    path = seed_copy / "proposals" / "b23-frivilligfesten.yaml"
    path.write_text(path.read_text("utf-8").replace("realized", "rejected"), "utf-8")
    _same_as_without_cache(seed_copy)  # 1 row of 11 is more than 11 // 20
    assert indexes(isolated_cache) == [base]
    assert base.read_bytes() != stored


def test_the_store_never_unpickles() -> None:
    """A cache entry can never run code when it is read: no module of the package imports
    pickle (the store writes plain values with marshal, ``store/codec.py``)."""
    for path in (REPO / "budgetcli").rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        names = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in (
                node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
            )
        ]
        assert not any(n.split(".")[0] in ("pickle", "dill", "shelve") for n in names), path
