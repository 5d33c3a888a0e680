"""A parallel load gives the same budget and the same diagnostics as a sequential one, and
both the same as the plain composition of the file readers and ``check_budget``."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetcli.core.checks import check_salvaged
from budgetcli.core.diagnostics import Problem, sort_problems
from budgetcli.core.domain import Budget
from budgetcli.folder.documents import read_context, read_proposal
from budgetcli.folder.listing import DataFile, read_folder
from budgetcli.store.load import compute
from budgetcli.store.result import Checked

from .conftest import AREAS, examples
from .oracles import check_budget, proposal_lines

statuses = st.sampled_from(["proposed", "adopted", "rejected", "realized", "vedtaget"])
amounts = st.integers(-5000, 5000)
proposal = st.tuples(
    statuses, amounts, amounts, st.sampled_from(["A1", "A2", "B1", "C9"]), st.booleans()
)


def write(folder: Path, proposals: list[tuple[str, int, int, str, bool]]) -> None:
    (folder / "proposals").mkdir(parents=True)
    (folder / "areas.yaml").write_text(AREAS, encoding="utf-8")
    for i, (status, saving, investment, area, same_id) in enumerate(proposals):
        pid = "p0" if same_id else f"p{i}"
        text = (
            f"id: {pid}\ntitle: T{i}\nstatus: {status}\nareas: [{area}]\n"
            f"change: {{inside_service_frame: {min(saving, 0) + max(investment, 0)}}}\n"
            f"components:\n  - {{type: saving, label: s, amounts: {saving}}}\n"
            f"  - {{type: investment, label: i, amounts: {max(investment, 0)}}}\n"
        )
        (folder / "proposals" / f"p{i}.yaml").write_text(text, encoding="utf-8")


@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(proposal, min_size=1, max_size=25))
def test_parallel_and_sequential_loads_agree(
    proposals: list[tuple[str, int, int, str, bool]],
) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        write(folder / "d", proposals)
        files = read_folder(folder / "d")
        sequential = compute(files, workers=1)
        parallel = compute(files, workers=2)
        assert parallel == sequential  # problems, areas, every proposal's figures
        assert parallel.budget == sequential.budget
        assert_as_composed(parallel, files)
    finally:
        shutil.rmtree(folder)


def load_files(files: list[DataFile]) -> tuple[Budget | None, list[Problem]]:
    """Every file read, one after the other: the plain composition the store is held to."""
    proposals = [f for f in files if f.kind == "proposal"]
    context = read_context([f for f in files if f.kind != "proposal"], bool(proposals))
    problems, loaded = list(context.problems), []
    meta = context.budget.meta if context.budget is not None else None
    for file in proposals:
        proposal, found, placed = read_proposal(file, context.years)
        problems += found
        if proposal is not None:
            loaded.append(proposal)
        elif meta is not None and placed is not None:
            problems += check_salvaged(placed, file.stem, meta)
    if context.budget is None:
        return None, problems
    return replace(context.budget, proposals=tuple(loaded)), problems


def assert_as_composed(checked: Checked, files: list[DataFile]) -> None:
    """``checked`` is what loading every file and running every check gives."""
    budget, problems = load_files(files)
    assert budget is not None
    assert checked.problems == sort_problems(problems + check_budget(budget))
    assert checked.lines == proposal_lines(budget)
    assert checked.budget == budget.without_positions()


def test_the_bundled_data_in_parallel() -> None:
    from .conftest import DATA

    files = read_folder(DATA)
    parallel, sequential = compute(files, workers=2), compute(files, workers=1)
    assert parallel == sequential
    assert parallel.budget == sequential.budget
    assert_as_composed(parallel, files)


def test_years_written_as_text_are_refused_by_every_way_of_loading(tmp_path: Path) -> None:
    """``years: ["2024", ...]`` is text, not years: numbers are strict in every file (a quoted
    year once expanded the series in one way of loading only, then was read as a year)."""
    write(tmp_path / "d", [("proposed", -300, 100, "A1", False)] * 3)
    areas = tmp_path / "d" / "areas.yaml"
    text = areas.read_text(encoding="utf-8")
    assert "[2024, 2025, 2026, 2027]" in text
    quoted = text.replace("[2024, 2025, 2026, 2027]", '["2024", "2025", "2026", "2027"]')
    areas.write_text(quoted, encoding="utf-8")
    files = read_folder(tmp_path / "d")
    sequential, parallel = compute(files, workers=1), compute(files, workers=2)
    assert parallel == sequential
    assert sequential.problems == sort_problems(load_files(files)[1])
    assert not sequential.valid
    assert [(p.rule, p.message) for p in sequential.problems][:2] == [
        (
            "number-type",
            "years[0]: expected a whole number, got the text '2024' (a number is written without "
            "quotes: write 2024)",
        ),
        (
            "number-type",
            "years[1]: expected a whole number, got the text '2025' (a number is written without "
            "quotes: write 2025)",
        ),
    ]


def test_a_first_run_whose_workers_read_the_files_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first run of a folder in worker processes (each reads the files it computes) gives
    what a sequential load of the same files gives: problems, places, figures; and the cache
    it writes gives the same again."""
    from budgetcli.store import stages
    from budgetcli.store.load import load_checked

    proposals = [
        (["proposed", "adopted", "vedtaget"][i % 3], -(i % 7) * 10, i % 5, "A1", i % 97 == 0)
        for i in range(stages.PARALLEL_FROM + 3)
    ]
    write(tmp_path / "d", proposals)
    (tmp_path / "d" / "proposals" / "p5.yaml").write_bytes(b"id: [\n")  # a syntax error
    (tmp_path / "d" / "proposals" / "gone.yaml").symlink_to(tmp_path / "nowhere")  # unreadable
    monkeypatch.setattr(stages, "_workers", lambda n: 2)
    monkeypatch.setenv("BUDGETCLI_CACHE_DIR", str(tmp_path / "cache"))
    sequential = compute(read_folder(tmp_path / "d"), workers=1)
    first = load_checked(tmp_path / "d", use_cache=False)
    assert first == sequential
    assert any(p.rule == "duplicate-id" for p in first.problems)  # placed by a second read
    assert any(p.path.endswith("gone.yaml") for p in first.problems)  # its worker's share said
    assert load_checked(tmp_path / "d") == sequential  # the first run that fills the cache
    assert load_checked(tmp_path / "d") == sequential  # from the cache
