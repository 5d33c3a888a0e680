"""``budgetcli export --format sqlite``: the database is sound (its keys and pages check), every
figure of its views is ``summary``'s and ``frame``'s, the tables hold the files' values exactly,
and the databases of two municipalities ATTACHed together give both budgets' totals."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from budgetcli.core.publication import Publication, publication
from budgetcli.core.vocab import ACTIVE_STATUSES
from budgetcli.publish.sqlite import SCHEMA_VERSION, database, database_file
from budgetcli.store.load import load_checked

from .conftest import DATA, REPO, proposal_yaml, run

pytestmark = pytest.mark.store

FOLDERS = {
    "data": DATA,
    "ishoej-2026-2029": REPO / "examples" / "ishoej-2026-2029",
    "prices-2024": REPO / "examples" / "prices-2024",
}

#: the figures of a summary row the views give (``fte`` is exact decimal text in ``staffing``
#: and is not summed in SQL)
METRICS = (
    "savings",
    "investments",
    "net",
    "inside_service_frame",
    "outside_service_frame",
    "construction",
)

#: the figures of a frame's year (``frame --format json``)
FRAME_FIELDS = (
    "frame",
    "baseline",
    "decided",
    "undecided",
    "after_decided",
    "deviation_decided",
    "after",
    "deviation",
)

#: the README's query: two municipalities' databases ATTACHed, their totals per year
QUERY_TWO_MUNICIPALITIES = """\
SELECT municipality, year, SUM(savings), SUM(investments), SUM(net),
       SUM(inside_service_frame), SUM(outside_service_frame), SUM(construction)
FROM (SELECT * FROM a.summary_by_year UNION ALL SELECT * FROM b.summary_by_year)
GROUP BY municipality, year
ORDER BY municipality, year
"""


def published(folder: Path, command: str = "budgetcli export --format sqlite") -> Publication:
    checked = load_checked(folder, use_cache=False)
    assert checked.catalogue is not None
    return publication(checked.catalogue, ACTIVE_STATUSES, command)


def opened(content: bytes) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.deserialize(content)
    db.row_factory = sqlite3.Row
    return db


@pytest.fixture(scope="module", params=sorted(FOLDERS))
def folder(request: pytest.FixtureRequest) -> Path:
    path: Path = FOLDERS[request.param]
    return path


@pytest.fixture(scope="module")
def pub(folder: Path) -> Publication:
    return published(folder)


@pytest.fixture
def db(pub: Publication) -> Iterator[sqlite3.Connection]:
    connection = opened(database(pub))
    yield connection
    connection.close()


def exported(runner: CliRunner, folder: Path, out: Path, *more: str) -> sqlite3.Connection:
    code, stdout, stderr = run(
        runner, "export", "--format", "sqlite", "-o", str(out), "--data", str(folder), *more
    )
    assert (code, stderr) == (0, ""), stderr
    assert stdout.startswith("wrote ") and out.name in stdout
    return opened(out.read_bytes())


def summary_json(runner: CliRunner, folder: Path, *more: str) -> dict[str, Any]:
    code, out, err = run(runner, "summary", "--data", str(folder), "--format", "json", *more)
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


def assert_sound(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [tuple(r) for r in db.execute("PRAGMA integrity_check")] == [("ok",)]


def assert_summary(db: sqlite3.Connection, summary: dict[str, Any]) -> None:
    """Every figure of the views is the summary's (by area, and the total)."""
    years = [str(y) for y in summary["years"]]
    rows = db.execute("SELECT * FROM summary_by_area_year ORDER BY position, year").fetchall()
    expected = [
        (row["key"], row["label"], int(y), *(row["years"][y][m] for m in METRICS))
        for row in summary["rows"]
        for y in years
    ]
    got = [(r["area_group"], r["label"], r["year"], *(r[m] for m in METRICS)) for r in rows]
    assert got == expected
    totals = db.execute("SELECT * FROM summary_by_year ORDER BY year").fetchall()
    assert [(r["municipality"], r["title"]) for r in totals] == [
        (summary["municipality"], summary["title"])
    ] * len(years)
    assert [(r["year"], *(r[m] for m in METRICS)) for r in totals] == [
        (int(y), *(summary["total"]["years"][y][m] for m in METRICS)) for y in years
    ]


# --- the database of each folder -------------------------------------------------------------


def test_the_database_is_sound(db: sqlite3.Connection) -> None:
    assert_sound(db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_every_table_is_strict_and_no_column_is_real(db: sqlite3.Connection) -> None:
    tables = [
        r["name"]
        for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall()
    ]
    assert "budget" in tables and "staffing" in tables
    for table in tables:
        assert db.execute(f"SELECT strict FROM pragma_table_list('{table}')").fetchone()[0] == 1
        types = {r["type"] for r in db.execute(f"PRAGMA table_info('{table}')")}
        assert types <= {"INTEGER", "TEXT"}, (table, types)


def test_the_views_are_the_summary(runner: CliRunner, folder: Path, db: sqlite3.Connection) -> None:
    assert_summary(db, summary_json(runner, folder))


def test_each_proposal_figures_are_shows(pub: Publication, db: sqlite3.Connection) -> None:
    got = {
        (r["proposal_id"], r["year"]): tuple(r[m] for m in METRICS)
        for r in db.execute("SELECT * FROM proposal_figures")
    }
    assert got == {
        (pid, year): tuple(getattr(f, m) for m in METRICS)
        for pid, by_year in pub.figures.items()
        for year, f in by_year.items()
    }


def test_frame_position_is_frames(runner: CliRunner, folder: Path, db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT * FROM frame_position").fetchall()
    code, out, _ = run(runner, "frame", "--data", str(folder), "--format", "json")
    if code != 0:  # areas.yaml gives no frames
        assert rows == []
        return
    frames = json.loads(out)["frames"]
    fields = FRAME_FIELDS
    assert [(r["name"], r["year"], *(r[k] for k in fields)) for r in rows] == [
        (f["name"], int(y), *(v[k] for k in fields)) for f in frames for y, v in f["years"].items()
    ]
    assert rows, "the example has frames"


def test_the_budget_row(pub: Publication, db: sqlite3.Connection) -> None:
    (row,) = db.execute("SELECT * FROM budget").fetchall()
    meta = pub.meta
    assert dict(row) | {"budgetcli_version": None} == {
        "municipality": meta.municipality,
        "title": meta.title,
        "unit": meta.unit,
        "price_level": meta.price_level,
        "restated_from": None,
        "first_year": meta.years[0],
        "last_year": meta.years[-1],
        "statuses": "proposed,adopted,realized",
        "command": "budgetcli export --format sqlite",
        "budgetcli_version": None,
    }
    assert [r[0] for r in db.execute("SELECT year FROM years ORDER BY year")] == meta.years


def test_the_tables_hold_the_files_values(pub: Publication, db: sqlite3.Connection) -> None:
    amounts = {(r[0], r[1], r[2]): r[3] for r in db.execute("SELECT * FROM amounts").fetchall()}
    assert amounts == {
        (p.id, y, kind): v
        for p in pub.proposals
        for kind in ("inside_service_frame", "outside_service_frame", "construction")
        for y, v in getattr(p.change, kind).items()
        if v
    }
    assert 0 not in amounts.values()
    areas = db.execute("SELECT * FROM proposal_areas ORDER BY proposal_id, position").fetchall()
    assert [(r["proposal_id"], r["area_code"]) for r in areas] == [
        (p.id, code) for p in pub.proposals for code in p.areas
    ]
    budgets = {(r[0], r[1]): r[2] for r in db.execute("SELECT * FROM area_budgets")}
    assert budgets == {(a.code, y): v for a in pub.meta.areas for y, v in (a.budget or {}).items()}
    staffing = {
        (r["proposal_id"], r["year"]): (r["baseline_fte"], r["change_fte"])
        for r in db.execute("SELECT * FROM staffing")
    }
    for p in pub.proposals:
        if p.staffing is None:
            assert not any(pid == p.id for pid, _ in staffing)
            continue
        for y, change in p.staffing.change_fte.items():
            baseline, text = staffing[p.id, y]
            assert Decimal(text) == change  # exact, as text
            if p.staffing.baseline_fte is not None and y in p.staffing.baseline_fte:
                assert Decimal(baseline) == p.staffing.baseline_fte[y]
    grants = {r[0]: r[1] for r in db.execute("SELECT id, construction_grant FROM proposals")}
    assert grants == {p.id: p.construction_grant for p in pub.proposals}


def test_components_and_allocations(pub: Publication, db: sqlite3.Connection) -> None:
    components = {
        (r["proposal_id"], r["position"], r["year"]): (r["type"], r["label"], r["amount"])
        for r in db.execute("SELECT * FROM components")
    }
    assert components == {
        (p.id, i, y): (c.type, c.label, c.amounts.get(y, 0))
        for p in pub.proposals
        for i, c in enumerate(p.components)
        for y in pub.meta.years
    }
    allocations = {
        (r["proposal_id"], r["kind"], r["code"], r["year"]): r["amount"]
        for r in db.execute("SELECT * FROM allocations")
    }
    expected: dict[tuple[str, str, str, int], int] = {}
    for p in pub.proposals:
        if p.allocations is None:
            continue
        for kind, by_code in (
            ("function_area", p.allocations.function_areas),
            ("cost_center", p.allocations.cost_centers),
        ):
            for code, series in by_code.items():
                expected |= {(p.id, kind, code, y): v for y, v in series.items()}
    assert allocations == expected


def test_a_proposal_on_two_areas_is_its_own_group() -> None:
    db = opened(database(published(DATA)))
    groups = [r[0] for r in db.execute("SELECT area_group FROM area_groups")]
    assert "B60.30.05 & B60.30.15" in groups
    (net,) = db.execute(
        "SELECT net FROM summary_by_area_year WHERE area_group = ? AND year = 2024",
        ("B60.30.05 & B60.30.15",),
    ).fetchone()
    assert isinstance(net, int)


# --- several municipalities -------------------------------------------------------------------


def test_two_municipalities_attached(runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "ishoej.db", tmp_path / "eksempelby.db"
    first.write_bytes(database(published(DATA)))
    second.write_bytes(database(published(FOLDERS["prices-2024"])))
    db = sqlite3.connect(":memory:")
    db.execute("ATTACH DATABASE ? AS a", (str(first),))
    db.execute("ATTACH DATABASE ? AS b", (str(second),))
    got = db.execute(QUERY_TWO_MUNICIPALITIES).fetchall()
    expected = []
    for folder in (FOLDERS["prices-2024"], DATA):  # ordered by municipality
        summary = summary_json(runner, folder)
        expected += [
            (summary["municipality"], int(y), *(f[m] for m in METRICS))
            for y, f in summary["total"]["years"].items()
        ]
    assert got == sorted(expected)
    assert {row[0] for row in got} == {"Ishøj Kommune", "Eksempelby Kommune (made up)"}
    db.close()


# --- the command line -----------------------------------------------------------------------


def test_export_writes_a_database(runner: CliRunner, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "budget.db"
    db = exported(runner, folder, out)
    assert_sound(db)
    assert_summary(db, summary_json(runner, folder))
    # the command line as the CLI has it (in this process, sys.argv is pytest's)
    (command,) = db.execute("SELECT command FROM budget").fetchone()
    assert command.startswith("budgetcli")
    db.close()
    # a file on disk opens as any SQLite database does
    on_disk = sqlite3.connect(out)
    assert on_disk.execute("SELECT COUNT(*) FROM proposals").fetchone()[0] > 0
    on_disk.close()


def test_export_in_other_prices(runner: CliRunner, tmp_path: Path) -> None:
    folder = FOLDERS["prices-2024"]
    db = exported(runner, folder, tmp_path / "b.db", "--prices", "2025")
    assert_sound(db)
    assert_summary(db, summary_json(runner, folder, "--prices", "2025"))
    assert tuple(db.execute("SELECT price_level, restated_from FROM budget").fetchone()) == (
        2025,
        2024,
    )


def test_export_of_some_statuses(runner: CliRunner, tmp_path: Path) -> None:
    db = exported(runner, DATA, tmp_path / "b.db", "--status", "realized")
    assert_sound(db)
    assert_summary(db, summary_json(runner, DATA, "--status", "realized"))
    assert {r[0] for r in db.execute("SELECT status FROM proposals")} == {"realized"}
    assert db.execute("SELECT statuses FROM budget").fetchone()[0] == "realized"


def test_export_refuses_a_file_that_is_there(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "budget.db"
    out.write_bytes(b"mine")
    code, stdout, stderr = run(
        runner, "export", "--format", "sqlite", "-o", str(out), "--data", str(DATA)
    )
    assert (code, stdout) == (2, "") and "--force" in stderr
    assert out.read_bytes() == b"mine"
    code, _, stderr = run(
        runner, "export", "--format", "sqlite", "-o", str(out), "--data", str(DATA), "--force"
    )
    assert (code, out.read_bytes()) == (2, b"mine")  # not a database export wrote
    assert "was not written by budgetcli export" in stderr
    out.unlink()
    for more in ((), ("--force",)):  # written, then replaced: its own
        code, _, _ = run(
            runner, "export", "--format", "sqlite", "-o", str(out), "--data", str(DATA), *more
        )
        assert code == 0
    assert_sound(opened(out.read_bytes()))


def test_export_of_invalid_data_writes_nothing(
    runner: CliRunner, tmp_path: Path, make_data: Callable[..., Path]
) -> None:
    folder = make_data(p1=proposal_yaml(areas="[NOPE]"))
    out = tmp_path / "budget.db"
    code, stdout, stderr = run(
        runner, "export", "--format", "sqlite", "-o", str(out), "--data", str(folder)
    )
    assert code == 1 and "NOPE" in stdout + stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".budget.db")] == []


def test_the_database_made_on_disk_is_the_database_made_in_memory(
    pub: Publication, tmp_path: Path
) -> None:
    """``export`` makes the file on disk (``database_file``), page by page, instead of holding
    it in memory: byte for byte what ``database`` gives, the header too."""
    path = tmp_path / "budget.db"
    path.touch()
    database_file(pub, path)
    assert path.read_bytes() == database(pub)


def test_a_database_sqlite_cannot_write_is_an_os_error_and_leaves_nothing(
    pub: Publication, tmp_path: Path
) -> None:
    """SQLite's own failure to write (here: the file is not a database, as a full disk would
    fail it) is an ``OSError`` the command says as "cannot write", and the writer leaves no
    file behind."""
    from budgetcli.folder.outputs import write_file_made

    def failing(path: Path) -> None:
        path.write_bytes(b"not a database, and not empty" * 10)
        database_file(pub, path)

    with pytest.raises(OSError, match="not a database"):
        write_file_made(tmp_path / "budget.db", failing)
    assert list(tmp_path.iterdir()) == []


def test_export_and_report_read_the_proposals_one_at_a_time(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without follow-ups, ``export`` and ``report`` never read the budget whole (every
    proposal at once: at 100,000 proposals most of their memory); each proposal is read as
    it is written."""
    from budgetcli.store import result

    def whole(self: object) -> None:
        raise AssertionError("the budget was read whole")

    monkeypatch.setattr(result._Parts, "budget", whole)
    folder = FOLDERS["ishoej-2026-2029"]
    db = exported(runner, folder, tmp_path / "budget.db")
    assert db.execute("SELECT COUNT(*) FROM proposals").fetchone()[0] > 0
    code, out, err = run(runner, "report", "-o", str(tmp_path / "site"), "--data", str(folder))
    assert (code, err) == (0, ""), err
    assert out.startswith("wrote ") and (tmp_path / "site" / "catalogue.html").is_file()
