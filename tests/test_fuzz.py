"""A fuzz test of our own: mutants of every kind of file of the bundled data (areas, refusion
rules, proposals, forecasts, CSV case registers) through ``validate``, ``summary``,
``summary 2024`` and ``forecast``, in-process, seeded, each under a deadline; the whole run
bounded to well under a minute. The mutators and the properties are in ``tests/fuzzing.py``;
``benchmarks/fuzz.py`` runs the same for longer, and reproduces one failure:
``python benchmarks/fuzz.py --only KIND:MUTATOR:SEED``."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from budgetcli.cli import wiring

from . import fuzzing
from .conftest import examples
from .fuzzing import KINDS, Mutant, check, make_mutant, mutators, plan, read

SEED = 20261124
#: mutants in the CI run: every (kind, mutator) pair, several times over
MUTANTS = 300
#: CPU seconds the CI run may take (about 15 s when every mutant passes); past it the test
#: fails, saying how far it got. CPU, not wall time: the machine is shared, and a hang is
#: caught by each mutant's own (wall-clock) deadline.
BUDGET = 40.0
#: failures shown in full in the assertion message
SHOWN = 12


@pytest.fixture
def data(seed_copy: Path, isolated_cache: Path) -> Path:
    # the autouse fixture gives every test its own cache: check it applies to this one
    assert os.environ["BUDGETCLI_CACHE_DIR"] == str(isolated_cache)
    assert not isolated_cache.is_relative_to(fuzzing.REPO)
    return seed_copy


def _report(failures: list[tuple[Mutant, list[str]]], ran: int, planned: int) -> str:
    classes = Counter(
        (m.kind, m.mutator, problems[0].splitlines()[0][:100]) for m, problems in failures
    )
    lines = [f"{len(failures)} of {ran} mutants failed (of {planned} planned, seed {SEED})"]
    lines += [
        f"  {n:3} x {kind} / {mutator}: {first}"
        for (kind, mutator, first), n in classes.most_common()
    ]
    for mutant, problems in failures[:SHOWN]:
        lines += ["", mutant.describe(), *(p[-2500:] for p in problems[:3])]
    return "\n".join(lines)


def test_the_bundled_data_reads_clean(data: Path) -> None:
    base = read(data, cached=False, forecast=True, followup=True)
    assert base.validate.code == 0
    assert [r.code for r in base.runs] == [0, 0, 0, 0]
    assert sorted(m.rule for m in base.diagnostics) == [
        "allocations-sum",
        "area-budget-mismatch",
        "refusion-rules-year",
    ]


def test_mutants_are_reproducible_and_cover_every_kind_and_mutator() -> None:
    first = list(plan(SEED, MUTANTS))
    assert first == list(plan(SEED, MUTANTS))
    assert make_mutant(first[7].kind, first[7].mutator, first[7].seed) == first[7]
    covered = {(m.kind, m.mutator) for m in first}
    every = {(k, name) for k in KINDS for name in mutators(k)}
    # no date or closed-vocabulary word in areas.yaml and the rules: nothing to mutate there
    inapplicable = {(k, n) for k in ("areas", "rules") for n in ("replace_date", "replace_word")}
    assert every - covered == inapplicable
    assert all(make_mutant(k, n, s) is None for k, n in inapplicable for s in range(20))
    assert {m.expect for m in first} == {"", "same", "refuse"}


@pytest.mark.store
@pytest.mark.slow
def test_fuzz_every_file_kind(data: Path) -> None:
    """No traceback, no hang, exit 0 or 1 (2 only for `summary 2024` on a budget without
    2024), validate's errors name a file and agree with summary and forecast, a file that
    must be refused is, a file that means the same is read the same."""
    base = read(data, cached=False, forecast=True, followup=True)
    mutants = list(plan(SEED, MUTANTS))
    failures: list[tuple[Mutant, list[str]]] = []
    started, ran = time.process_time(), 0
    with fuzzing.memory_limit():
        for i, mutant in enumerate(mutants):
            if time.process_time() - started > BUDGET:
                failures.append((mutant, [f"out of time: {BUDGET} s spent on {ran} mutants"]))
                break
            # a third with the cache off; a third compared with and without it
            problems = check(data, mutant, base, cached=i % 3 != 0, compare_cache=i % 3 == 1)
            ran += 1
            if problems:
                failures.append((mutant, problems))
    assert not failures, _report(failures, ran, len(mutants))


@pytest.mark.slow
@settings(
    derandomize=True,
    max_examples=examples(15),
    deadline=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: it would cost minutes
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    kind=st.sampled_from(sorted(KINDS)),
    where=st.floats(0, 1),
    garbage=st.text(max_size=12) | st.binary(max_size=12).map(lambda b: b.decode("latin-1")),
)
def test_garbage_anywhere(data: Path, kind: str, where: float, garbage: str) -> None:
    """Any short text inserted at any point of a file of any kind: no traceback, no hang."""
    relpath = KINDS[kind][0]
    original = (fuzzing.DATA / relpath).read_bytes()
    cut = int(where * len(original))
    content = original[:cut] + garbage.encode("utf-8", "surrogatepass") + original[cut:]
    mutant = Mutant(kind, "hypothesis-insert", cut, relpath, content, "")
    base = read(data, cached=False, forecast=True, followup=True)
    problems = check(data, mutant, base, cached=False)
    assert not problems, mutant.describe() + "\n" + "\n".join(problems)


# --- the harness catches what it is for ------------------------------------------------------


def test_a_crash_is_caught(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = read(data, cached=False, forecast=True, followup=True)
    mutant = Mutant("areas", "manual", 0, "areas.yaml", b"municipality: [\n", "refuse")

    def crash(folder: Path, use_cache: bool) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(wiring, "checked", crash)
    problems = check(data, mutant, base, cached=False)
    assert len(problems) == 3  # validate, summary, summary 2024
    assert problems[0].startswith(f"`budgetcli validate {data} --no-cache` raised:\nTraceback")
    assert problems[0].rstrip().endswith("KeyError: 'boom'")
    assert (data / "areas.yaml").read_bytes() == (fuzzing.DATA / "areas.yaml").read_bytes()


def test_a_hang_is_caught(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base = read(data, cached=False, forecast=True, followup=True)
    mutant = Mutant("rules", "manual", 0, "rules/refusion.yaml", b"rules: []\n", "")

    def spin(folder: Path, use_cache: bool) -> None:
        while True:
            pass

    monkeypatch.setattr(wiring, "checked", spin)
    monkeypatch.setattr(fuzzing, "DEADLINE", 0.5)
    started = time.monotonic()
    problems = check(data, mutant, base, cached=True)
    assert time.monotonic() - started < 2
    assert len(problems) == 1 and problems[0].startswith("hung: still running after 0.5 s\n")
    assert "in spin" in problems[0]
    assert (data / "rules/refusion.yaml").read_bytes() == (
        fuzzing.DATA / "rules/refusion.yaml"
    ).read_bytes()


def test_a_file_not_refused_and_a_misread_are_caught(data: Path) -> None:
    base = read(data, cached=False, forecast=True, followup=True)
    # a valid change that the test claims must be refused: the harness says it was not
    proposal = "proposals/hjemloeseindsats.yaml"
    text = (fuzzing.DATA / proposal).read_bytes()
    changed = text.replace(b"inside_service_frame: -250", b"inside_service_frame: -300")
    changed = changed.replace(b"amounts: -500}", b"amounts: -550}")
    assert changed != text
    refuse = check(
        data, Mutant("proposal", "manual", 0, proposal, changed, "refuse"), base, cached=False
    )
    assert [p.splitlines()[0] for p in refuse] == [
        f"not refused: validate exited 0 with no error on {data / proposal}:"
    ]
    same = check(
        data, Mutant("proposal", "manual", 0, proposal, changed, "same"), base, cached=False
    )
    # the figures differ, and so do the warnings: the allocations add up to -250 no more
    assert [p.splitlines()[0] for p in same] == [
        "read unlike the original: summary --format json differs:",
        "read unlike the original: validate says",
    ]
    assert "[allocations-sum]" in same[1]
