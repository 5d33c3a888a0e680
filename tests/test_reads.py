"""What a command reads of a cached load: the proposals it shows, not every one.

Each proposal is stored whole in a pack and read (``codec.loads``) only when a command needs it
whole; each proposal's line is stored in its row, decoded (``result.line_of``) only when a
command needs it. These count both while a command runs on the bundled data, cached."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from budgetcli.store import changed, codec, result

from .conftest import DATA, run

pytestmark = pytest.mark.store

#: the proposals the bundled follow-ups name (their rows, and the appropriations they adopt)
NAMED = {
    "aktivitetstilbud-opfoelgning",
    "botilbud-opfoelgning",
    "hjaelpemidler-myndighed-opfoelgning",
    "kaerbo-velfaerdsteknologi",
    "plejecenter-sygefravaer",
}


class Reads:
    """The proposals read whole (by id, how often) and the lines decoded one by one."""

    def __init__(self) -> None:
        self.proposals: Counter[str] = Counter()
        self.lines = 0


@pytest.fixture
def reads(runner: CliRunner, isolated_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Reads:
    """The bundled data loaded once (stored in the cache), then what each command reads."""
    assert run(runner, "validate", str(DATA))[0] == 0
    counted = Reads()
    loads, line_of = codec.loads, changed.line_of

    def proposal(blob: bytes) -> Any:
        read = loads(blob)
        counted.proposals[read.id] += 1
        return read

    def line(row: Any) -> Any:
        counted.lines += 1
        return line_of(row)

    monkeypatch.setattr(codec, "loads", proposal)
    monkeypatch.setattr(result, "line_of", line)
    return counted


def test_show_reads_the_one_proposal_and_no_line(runner: CliRunner, reads: Reads) -> None:
    code, out, _ = run(runner, "show", "b23-frivilligfesten", "--data", str(DATA))
    assert code == 0 and "b23-frivilligfesten" in out
    assert reads.proposals == {"b23-frivilligfesten": 1}
    assert reads.lines == 0  # the id found among the ids the load keeps


def test_an_unknown_id_reads_nothing(runner: CliRunner, reads: Reads) -> None:
    code, _, err = run(runner, "show", "nothing-such", "--data", str(DATA))
    assert code == 2 and "nothing-such" in err
    assert (reads.proposals, reads.lines) == (Counter(), 0)


def test_a_followup_reads_the_proposals_it_names(runner: CliRunner, reads: Reads) -> None:
    assert run(runner, "followup", "BO2", "--data", str(DATA))[0] == 0
    assert reads.proposals == dict.fromkeys(NAMED, 1)


def test_followups_compared_read_each_named_proposal_once(runner: CliRunner, reads: Reads) -> None:
    assert run(runner, "diff", "BO2", "BO3", "--followup", "--data", str(DATA))[0] == 0
    assert reads.proposals == dict.fromkeys(NAMED, 1)


def test_export_reads_each_proposal_a_pass_of_its_tables(
    runner: CliRunner, reads: Reads, tmp_path: Path
) -> None:
    """The database's tables are written in three passes over the proposals (the proposals,
    their components and staffing, their allocations), each reading them one at a time from
    the cache rather than holding every one (memory, issue 27 §4: a read costs CPU, holding
    100,000 proposals costs gigabytes); once more those the four follow-ups name (for them,
    together): not the whole budget again for the follow-ups."""
    out = tmp_path / "b.sqlite"
    assert run(runner, "export", "--format", "sqlite", "-o", str(out), "--data", str(DATA))[0] == 0
    every = {p.stem for p in (DATA / "proposals").glob("*.yaml")}
    assert reads.proposals == {pid: 4 if pid in NAMED else 3 for pid in every}
