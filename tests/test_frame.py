"""``budgetcli frame`` on the bundled example of Ishøj's budget 2026-2029: the frame position
the document states, moved by the example's proposals, in every format; ``--exit-code``; a
folder with no frames."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from .conftest import DATA, REPO, run

pytestmark = pytest.mark.store

EXAMPLE = REPO / "examples" / "ishoej-2026-2029"
YEARS = ("2026", "2027", "2028", "2029")
#: the document's deviations of the budget before the proposals from the frames (Økonomi- og
#: Planudvalget, 22 September 2025), positive = over the frame
DOCUMENT = {
    "service": [-3463, -1125, 458, -283],
    "construction": [26606, 12806, 21831, 0],
}
CSV_HEADER = (
    "name,year,frame,baseline,decided,after_decided,deviation_decided,undecided,after,deviation"
)


def frame_json(runner: CliRunner, *args: str, data: Path = EXAMPLE) -> dict[str, Any]:
    """``budgetcli frame ARGS --format json``: exit 0, nothing on stderr."""
    code, out, err = run(runner, "frame", "--data", str(data), *args, "--format", "json")
    assert (code, err) == (0, ""), err
    doc: dict[str, Any] = json.loads(out)
    return doc


def by_frame(doc: dict[str, Any]) -> dict[str, dict[str, dict[str, int]]]:
    """The years of each frame: name -> year -> figures."""
    return {f["name"]: f["years"] for f in doc["frames"]}


def table_row(out: str, label: str) -> list[str]:
    """The figures of the first row of the plain table that starts with ``label``."""
    line = next(line for line in out.splitlines() if line.startswith(label + "  "))
    return line.removeprefix(label).split()


def status_sums(runner: CliRunner) -> dict[str, dict[str, dict[str, int]]]:
    """The example's sums per status (``summary --by status``): status -> year -> figures."""
    args = ("summary", "--by", "status", "--data", str(EXAMPLE), "--format", "json")
    code, out, err = run(runner, *args, *("--status", "rejected", "--status", "proposed"))
    assert (code, err) == (0, "")
    rows = {r["key"]: r["years"] for r in json.loads(out)["rows"]}
    code, out, _ = run(runner, *args, "--status", "adopted", "--status", "realized")
    assert code == 0
    rows.update({r["key"]: r["years"] for r in json.loads(out)["rows"]})
    return rows


# --- the figures -------------------------------------------------------------------------------


def test_the_example_has_no_rejected_proposal(runner: CliRunner) -> None:
    """So ``--status rejected`` counts no proposal at all."""
    assert set(status_sums(runner)) == {"proposed", "adopted", "realized"}


def test_the_baseline_alone_gives_the_documents_deviations(runner: CliRunner) -> None:
    doc = frame_json(runner, "--status", "rejected")
    assert (doc["statuses"], doc["decided"], doc["undecided"]) == (["rejected"], [], ["rejected"])
    frames = by_frame(doc)
    assert list(frames) == ["service", "construction"]
    for name, deviations in DOCUMENT.items():
        years = frames[name]
        assert [years[y]["deviation"] for y in YEARS] == deviations
        assert [years[y]["after"] - years[y]["baseline"] for y in YEARS] == [0, 0, 0, 0]
        assert {years[y]["decided"] for y in YEARS} == {years[y]["undecided"] for y in YEARS} == {0}
    assert frames["service"]["2026"]["frame"] == 1653167
    assert frames["service"]["2026"]["baseline"] == 1649704
    assert frames["construction"]["2029"]["baseline"] == frames["construction"]["2029"]["frame"]


def test_the_proposals_move_the_position_decided_apart_from_proposed(runner: CliRunner) -> None:
    """Inside the service frame counts toward the service frame, construction toward the
    construction frame; adopted and realized are decided, proposed is not."""
    sums = status_sums(runner)
    frames = by_frame(frame_json(runner))
    for name, metric in (("service", "inside_service_frame"), ("construction", "construction")):
        for i, y in enumerate(YEARS):
            f = frames[name][y]
            decided = sums["adopted"][y][metric] + sums["realized"][y][metric]
            undecided = sums["proposed"][y][metric]
            assert (f["decided"], f["undecided"]) == (decided, undecided)
            assert f["after_decided"] == f["baseline"] + decided
            assert f["after"] == f["baseline"] + decided + undecided
            assert f["deviation_decided"] == f["after_decided"] - f["frame"]
            assert f["deviation"] == f["after"] - f["frame"]
            assert f["deviation"] == DOCUMENT[name][i] + decided + undecided
    # by hand: flere-paedagoger (adopted) + teknisk-korrektion-demografi (realized);
    # kortere-aabningstid + ny-daginstitution's running cost (proposed)
    assert [frames["service"][y]["decided"] for y in YEARS] == [2100, 3500, 3700, 3900]
    assert [frames["service"][y]["undecided"] for y in YEARS] == [-1800, -1800, -300, 1200]
    assert [frames["construction"][y]["decided"] for y in YEARS] == [0, 0, 0, 0]
    assert [frames["construction"][y]["undecided"] for y in YEARS] == [5000, 20000, 0, 0]


def test_only_the_decided_statuses(runner: CliRunner) -> None:
    """``--status adopted --status realized``: nothing undecided, the deviation is the
    decided one."""
    doc = frame_json(runner, "--status", "adopted", "--status", "realized")
    assert (doc["decided"], doc["undecided"]) == (["adopted", "realized"], [])
    service = by_frame(doc)["service"]
    assert [service[y]["deviation"] for y in YEARS] == [-1363, 2375, 4158, 3617]
    assert all(service[y]["deviation"] == service[y]["deviation_decided"] for y in YEARS)


def test_over_per_frame_and_in_all(runner: CliRunner) -> None:
    doc = frame_json(runner)
    assert doc["over"] is True
    assert [(f["name"], f["over"]) for f in doc["frames"]] == [
        ("service", True),
        ("construction", True),
    ]
    assert doc["price_level"] is None


# --- --exit-code, no frames --------------------------------------------------------------------


def test_exit_code_1_when_over(runner: CliRunner) -> None:
    code, out, err = run(runner, "frame", "--data", str(EXAMPLE), "--exit-code")
    assert (code, err) == (1, "")
    assert "over the frame in 2027, 2028, 2029" in out
    assert run(runner, "frame", "--data", str(EXAMPLE))[0] == 0


WITHIN = """\
municipality: Testby Kommune
title: Budget 2026-2027
years: [2026, 2027]
unit: 1000 DKK
frames:
  service: 1000
baseline:
  service: {2026: 900, 2027: 1000}
areas:
  - {code: A1, committee: Udvalg A}
"""


def within(tmp_path: Path, areas: str = WITHIN) -> Path:
    """A folder of one proposal (-50 inside the service frame) within its service frame."""
    root = tmp_path / "within"
    (root / "proposals").mkdir(parents=True)
    (root / "areas.yaml").write_text(areas, encoding="utf-8")
    (root / "proposals" / "p1.yaml").write_text(
        "id: p1\ntitle: T\nstatus: proposed\nareas: [A1]\nchange: {inside_service_frame: -50}\n",
        encoding="utf-8",
    )
    return root


def test_exit_code_0_within_the_frames(runner: CliRunner, tmp_path: Path) -> None:
    """Only the service frame given: only its grid; 2027 is exactly at the frame before the
    proposal (not over)."""
    root = within(tmp_path)
    code, out, err = run(runner, "frame", "--data", str(root), "--exit-code")
    assert (code, err) == (0, "")
    assert "Construction frame" not in out
    assert "within the frame every year" in out
    assert table_row(out, "Deviation if adopted (+ = over)") == ["-150", "-50"]
    doc = frame_json(runner, data=root)
    assert [f["name"] for f in doc["frames"]] == ["service"]
    assert doc["over"] is False


def test_exit_code_1_when_one_year_is_over(runner: CliRunner, tmp_path: Path) -> None:
    root = within(tmp_path, WITHIN.replace("2027: 1000}", "2027: 1051}"))
    code, out, _ = run(runner, "frame", "--data", str(root), "--exit-code")
    assert code == 1
    assert "over the frame in 2027" in out


def test_no_frames_is_refused(runner: CliRunner) -> None:
    """The bundled data gives no frames."""
    code, out, err = run(runner, "frame", "--data", str(DATA))
    assert (code, out) == (2, "")
    assert err == (
        "budgetcli: error: areas.yaml gives no frames: add frames: (service:, construction:) "
        "and the budget inside them before the proposals, baseline: (see docs/format.md)\n"
    )


# --- one year, the formats ---------------------------------------------------------------------


def test_one_year(runner: CliRunner) -> None:
    doc = frame_json(runner, "2026")
    assert doc["years"] == [2026]
    frames = by_frame(doc)
    assert [list(years) for years in frames.values()] == [["2026"], ["2026"]]
    assert frames["service"]["2026"]["deviation"] == -3163
    code, out, _ = run(runner, "frame", "2026", "--data", str(EXAMPLE))
    assert code == 0
    assert " · frame position 2026 · " in out.splitlines()[0]
    assert table_row(out, "KL's service frame") == ["1.653.167"]


def test_a_year_outside_the_budget_is_refused(runner: CliRunner) -> None:
    code, out, err = run(runner, "frame", "2030", "--data", str(EXAMPLE))
    assert (code, out) == (2, "")
    assert err == (
        "budgetcli: error: 2030 is not a year of Budget 2026-2029 (example; made-up proposals) "
        "(2026, 2027, 2028, 2029)\n"
    )


def test_csv(runner: CliRunner) -> None:
    code, out, err = run(runner, "frame", "--data", str(EXAMPLE), "--format", "csv")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == CSV_HEADER
    assert len(lines) == 1 + 2 * 4
    assert lines[1] == "service,2026,1653167,1649704,2100,1651804,-1363,-1800,1650004,-3163"
    assert lines[-1] == "construction,2029,73807,73807,0,73807,0,0,73807,0"


def test_markdown(runner: CliRunner) -> None:
    code, out, err = run(runner, "frame", "--data", str(EXAMPLE), "--format", "markdown")
    assert (code, err) == (0, "")
    assert out.startswith(
        "**Ishøj Kommune · Budget 2026-2029 (example; made-up proposals) · frame position "
        "2026-2029 · 1.000 kr.** (status: proposed, adopted, realized)\n"
    )
    assert (
        "**Service frame (serviceramme)** (over the frame in 2027, 2028, 2029, "
        "with every proposal counted adopted)\n"
    ) in out
    assert (
        "**Construction frame (anlægsramme)** (over the frame in 2026, 2027, 2028, "
        "with every proposal counted adopted)\n"
    ) in out
    assert "| KL's service frame | 1.653.167 | 1.653.167 | 1.653.167 | 1.653.167 |" in out
    assert "| Deviation if adopted (+ = over) | 31.606 | 32.806 | 21.831 | 0 |" in out


def test_the_plain_table_with_no_proposal_counted(runner: CliRunner) -> None:
    code, out, err = run(runner, "frame", "--data", str(EXAMPLE), "--status", "rejected")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "Ishøj Kommune · Budget 2026-2029 (example; made-up proposals) · frame position "
        "2026-2029 · 1.000 kr."
    )
    assert lines[1] == "status: rejected"
    assert table_row(out, "KL's service frame") == ["1.653.167"] * 4
    assert table_row(out, "Budget before the proposals") == [
        "1.649.704",
        "1.652.042",
        "1.653.625",
        "1.652.884",
    ]
    assert table_row(out, "Deviation if adopted (+ = over)") == ["-3.463", "-1.125", "458", "-283"]
    assert table_row(out, "Construction frame") == ["73.807"] * 4
    # no proposal decided on is counted: no rows for them
    assert "Change: adopted" not in out
    assert "Deviation (+ = over the frame)" not in out


def test_the_plain_table_with_the_default_statuses(runner: CliRunner) -> None:
    code, out, err = run(runner, "frame", "--data", str(EXAMPLE))
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "status: proposed, adopted, realized"
    labels = [
        "KL's service frame",
        "Budget before the proposals",
        "Change: adopted and realized",
        "Budget after adopted and realized",
        "Deviation (+ = over the frame)",
        "Change: proposed",
        "Budget if all proposed are adopted",
        "Deviation if adopted (+ = over)",
    ]
    service = out[out.index("Service frame (serviceramme)") : out.index("Construction frame (")]
    found = [line.split("  ")[0] for line in service.splitlines()[4:] if line.strip()]
    assert found[: len(labels)] == labels
    assert table_row(service, "Change: adopted and realized") == [
        "2.100",
        "3.500",
        "3.700",
        "3.900",
    ]
    assert table_row(service, "Deviation if adopted (+ = over)") == [
        "-3.163",
        "575",
        "3.858",
        "4.817",
    ]
    construction = out[out.index("Construction frame (") :]
    assert table_row(construction, "Budget if all proposed are adopted") == [
        "105.413",
        "106.613",
        "95.638",
        "73.807",
    ]
    assert "over the frame in 2026, 2027, 2028" in construction


def test_plain_numbers(runner: CliRunner) -> None:
    code, out, _ = run(
        runner, "frame", "--data", str(EXAMPLE), "--numbers", "plain", "--status", "rejected"
    )
    assert code == 0
    assert table_row(out, "KL's service frame") == ["1653167"] * 4
    assert table_row(out, "Deviation if adopted (+ = over)") == ["-3463", "-1125", "458", "-283"]


def test_the_terminal_table() -> None:
    """The table a terminal gets (rich, to its width): the same rows and figures."""
    from rich.console import Console

    from budgetcli.core.frames import frame_report
    from budgetcli.core.vocab import ACTIVE_STATUSES
    from budgetcli.store.load import load_checked
    from budgetcli.text.frame import FRAME
    from budgetcli.text.i18n import Reading

    checked = load_checked(EXAMPLE, use_cache=False)
    assert checked.meta is not None
    report = frame_report(checked.meta, checked.sums, ACTIVE_STATUSES)
    console = Console(width=120, no_color=True, force_terminal=False)
    with console.capture() as capture:
        console.print(FRAME.view(report, Reading(), 120))
    drawn = capture.get()
    assert drawn.splitlines()[0].startswith("Ishøj Kommune · Budget 2026-2029")
    for label in ("Service frame (serviceramme)", "Construction frame (anlægsramme)"):
        assert label in drawn
    service = next(line for line in drawn.splitlines() if "KL's service frame" in line)
    assert service.split("KL's service frame")[1].split() == ["1.653.167"] * 4
    deviation = next(line for line in drawn.splitlines() if "Deviation if adopted" in line)
    assert deviation.split("(+ = over)")[1].split() == ["-3.163", "575", "3.858", "4.817"]


def test_the_rows_and_caption_say_what_is_counted(runner: CliRunner) -> None:
    """Rejected proposals asked for are counted as such, not as "adopted"; one year is "in"
    that year, not "every year"."""
    code, out, _ = run(runner, "frame", "2029", "--data", str(EXAMPLE), "--status", "rejected")
    assert code == 0
    lines = out.splitlines()
    assert "Budget with the rejected counted" in "\n".join(lines)
    assert "within the frame in 2029, with every proposal counted adopted" in lines


def test_a_status_named_twice_is_counted_once(runner: CliRunner) -> None:
    once = run(runner, "frame", "--data", str(EXAMPLE), "--status", "adopted", "--format", "csv")
    twice = run(
        runner, "frame", "--data", str(EXAMPLE), "-s", "adopted", "-s", "adopted", "-f", "csv"
    )
    assert once == twice and once[0] == 0
