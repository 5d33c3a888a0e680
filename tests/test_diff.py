"""`budgetcli diff`: a real git history in a temporary repository, the same through two
folders, the JSON field by field, and the work tree and index left untouched."""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.core.calc import METRICS, Figures, status_sums
from budgetcli.core.catalogue import Catalogue
from budgetcli.core.diagnostics import Source
from budgetcli.core.diff import (
    KINDS,
    AreaDiff,
    BudgetChange,
    FigureChange,
    changed_metrics,
    diff_catalogues,
    figure_changes,
    incomparable,
    word_excerpt,
)
from budgetcli.core.domain import Budget, Change, LoadedProposal, Proposal
from budgetcli.core.vocab import GroupBy, Status
from budgetcli.store.load import load_checked
from budgetcli.store.stages import mark
from budgetcli.text.i18n import DEFAULT_READING

from .conftest import DATA, agreement, examples, git, golden, run
from .oracles import diff_budgets, proposal_lines, summarize

pytestmark = pytest.mark.store


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose data folder is not at the root: budget/data, two commits."""
    root = tmp_path / "repo"
    (root / "budget").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "test@example.invalid")
    git(root, "config", "user.name", "Test")
    shutil.copytree(DATA, root / "budget" / "data")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Rådighedsforslag, June")
    agreement(root / "budget" / "data")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Budgetforlig")
    return root


def run_diff(
    runner: CliRunner, cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    monkeypatch.chdir(cwd)
    return run(runner, "diff", *args)


def fig(old: int, new: int) -> dict[str, int]:
    return {"old": old, "new": new, "delta": new - old}


def check_agreement_json(doc: dict[str, Any]) -> None:
    """Exactly the agreement's changes and the per-year totals (asserted field by field)."""
    check_agreement_proposals(doc)
    check_agreement_totals(doc)


def check_agreement_proposals(doc: dict[str, Any]) -> None:
    assert doc["counts"] == {
        "changed": 7,
        "added": 1,
        "removed": 0,
        "renamed": 1,
        "to_status": {"adopted": 7, "rejected": 1},
    }
    entries = {p["id"]: p for p in doc["proposals"]}
    assert sorted(entries) == [
        "aktivitetstilbud-opfoelgning",
        "botilbud-opfoelgning",
        "hjaelpemidler-myndighed-opfoelgning",
        "hjemloeseindsats",
        "hjemmeplejen-styring",
        "kaerbo-velfaerdsteknologi",
        "ny-genoptraening",
        "plejecenter-sygefravaer",
        "plejecenter-tvaerfagligt-samarbejde",
    ]
    renamed = entries["hjemmeplejen-styring"]
    assert (renamed["kind"], renamed["old_id"], renamed["new_id"]) == (
        "renamed",
        "hjemmepleje-styring",
        "hjemmeplejen-styring",
    )
    assert renamed["status"] == {"old": "proposed", "new": "adopted"}
    assert renamed["years"]["2024"]["net"] == fig(-600, -600)

    rejected = entries["plejecenter-tvaerfagligt-samarbejde"]
    assert (rejected["kind"], rejected["status"]) == (
        "changed",
        {"old": "proposed", "new": "rejected"},
    )

    amount = entries["hjemloeseindsats"]
    for year in ("2024", "2025", "2026", "2027"):
        assert amount["years"][year]["net"] == fig(-250, -300)
        assert amount["years"][year]["inside_service_frame"] == fig(-250, -300)
        assert amount["years"][year]["savings"] == fig(-500, -550)
        assert amount["years"][year]["investments"] == fig(250, 250)
    assert amount["fields"] == ["components"]
    assert amount["text"] == {}

    added = entries["ny-genoptraening"]
    assert (added["kind"], added["old_id"], added["status"]) == (
        "added",
        None,
        {"old": None, "new": "adopted"},
    )
    assert [added["years"][y]["net"]["new"] for y in ("2024", "2025", "2026", "2027")] == [
        200,
        -100,
        -300,
        -300,
    ]


def check_agreement_totals(doc: dict[str, Any]) -> None:
    total = doc["total"]["years"]
    assert {y: total[y]["net"] for y in total} == {
        "2024": fig(-6400, -5750),  # -50 amount, +500 rejected, +200 new
        "2025": fig(-5900, -5550),  # -50, +500, -100
        "2026": fig(-5900, -5750),  # -50, +500, -300
        "2027": fig(-5900, -5750),
    }
    assert total["2024"]["savings"] == fig(-8750, -8300)
    assert total["2024"]["investments"] == fig(2350, 2550)
    assert total["2024"]["fte"] == {"old": -4.9, "new": -3.9, "delta": 1}

    groups = {g["key"]: g["years"]["2024"]["net"] for g in doc["groups"]}
    assert groups == {
        "B60.10.20": fig(-1350, -1400),
        "B60.30.10": fig(-2800, -2300),
        "B60.30.45": fig(-500, -300),
    }

    assert doc["areas"] == [
        {
            "code": "B60.10.30",
            "kind": "changed",
            "fields": ["budget"],
            "changes": [],
            "budget": {"2024": fig(6224, 6324)},
        }
    ]
    assert doc["meta"] == []


def test_diff_of_two_revisions(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run_diff(
        runner, repo / "budget", monkeypatch, "HEAD~1", "HEAD", "--format", "json"
    )
    assert (code, err) == (0, "")
    doc = json.loads(out)
    assert (doc["old"], doc["new"]) == ("HEAD~1", "HEAD")
    check_agreement_json(doc)


def test_the_same_through_two_folders(
    runner: CliRunner, juni_okt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run_diff(runner, juni_okt, monkeypatch, "juni", "okt", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert (doc["old"], doc["new"]) == ("juni", "okt")
    check_agreement_json(doc)


@pytest.mark.usefixtures("cache_on")
def test_from_the_cache_only_what_changed_is_read(
    runner: CliRunner, juni_okt: Path, monkeypatch: pytest.MonkeyPatch, isolated_cache: Path
) -> None:
    """Both versions seen before: the diff reads whole only the proposals whose stored bytes
    differ, and says exactly what it says when it reads them all."""
    first = run_diff(runner, juni_okt, monkeypatch, "juni", "okt", "--format", "json")
    assert run_diff(runner, juni_okt, monkeypatch, "juni", "okt", "--format", "json") == first

    read: list[str] = []

    def counted(c: Catalogue | None) -> Catalogue:
        assert c is not None

        def proposal(i: int) -> Proposal:
            read.append(c.lines[i].id)
            return c.proposal(i)

        return replace(c, proposal=proposal)

    old, new = (load_checked(juni_okt / side) for side in ("juni", "okt"))
    assert old.budget is not None and new.budget is not None
    assert diff_catalogues(counted(old.catalogue), counted(new.catalogue)) == diff_budgets(
        old.budget, new.budget
    )
    changed = {e.old_id for e in diff_budgets(old.budget, new.budget).proposals} | {
        e.new_id for e in diff_budgets(old.budget, new.budget).proposals
    }
    assert set(read) == changed - {None}
    assert len(read) < len(old.lines) + len(new.lines)

    damaged = list(isolated_cache.glob("budgetcli-pack-*.bin"))
    assert len(damaged) == 2
    for stored in damaged:  # a byte flipped in each: the files are read again
        data = bytearray(stored.read_bytes())
        data[len(data) // 2] ^= 0xFF
        stored.write_bytes(bytes(data))
    assert run_diff(runner, juni_okt, monkeypatch, "juni", "okt", "--format", "json") == first


def test_data_path_from_the_repository_root(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run_diff(
        runner, repo, monkeypatch, "HEAD~1", "HEAD", "--data", "budget/data", "--format", "json"
    )
    assert code == 0
    check_agreement_json(json.loads(out))


def test_a_revision_against_the_work_tree(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run_diff(runner, repo / "budget", monkeypatch, "HEAD~1", "--format", "json")
    assert code == 0
    assert json.loads(out)["new"] == "data"
    check_agreement_json(json.loads(out))


def test_text_report(runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run_diff(runner, repo / "budget", monkeypatch, "HEAD~1", "HEAD")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "Ishøj Kommune · Budget 2024-2027 · HEAD~1 → HEAD · 1.000 kr."
    assert (
        lines[1]
        == "7 changed, 1 added, 1 renamed; 7 adopted, 1 rejected; net 2024 -6.400 → -5.750 (+650)"
    )
    assert any(
        line.startswith(
            "hjemmepleje-styring → hjemmeplejen-styring  renamed; status proposed → adopted"
        )
        for line in lines
    )
    total = next(line for line in lines if line.startswith("Total "))
    assert total.split() == [
        "Total",
        "Net",
        *["-6.400", "→", "-5.750", "(+650)", "-5.900", "→", "-5.550", "(+350)"],
        *["-5.900", "→", "-5.750", "(+150)"] * 2,
    ]
    assert any(line.startswith("B60.10.30") and "6.224 → 6.324 (+100)" in line for line in lines)


def test_diffing_revisions_never_touches_the_work_tree_or_index(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an uncommitted edit and a staged one, which must both survive untouched
    extra = repo / "budget" / "data" / "proposals" / "b23-frivilligfesten.yaml"
    extra.write_text(extra.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repo, "add", str(extra))
    (repo / "untracked.txt").write_text("mine", encoding="utf-8")
    before = (
        git(repo, "status", "--porcelain"),
        hashlib.sha256((repo / ".git" / "index").read_bytes()).hexdigest(),
        git(repo, "rev-parse", "HEAD"),
    )
    files_before = {
        p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts
    }
    code, _, _ = run_diff(runner, repo / "budget", monkeypatch, "HEAD~1", "HEAD")
    assert code == 0
    after = (
        git(repo, "status", "--porcelain"),
        hashlib.sha256((repo / ".git" / "index").read_bytes()).hexdigest(),
        git(repo, "rev-parse", "HEAD"),
    )
    assert after == before
    assert {
        p: p.read_bytes() for p in repo.rglob("*") if p.is_file() and ".git" not in p.parts
    } == files_before


def test_exit_code_option(runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        run_diff(
            runner, repo / "budget", monkeypatch, "HEAD~1", "HEAD", "--exit-code", "--format", "csv"
        )[0]
        == 1
    )
    code, out, _ = run_diff(runner, repo / "budget", monkeypatch, "HEAD", "HEAD", "--exit-code")
    assert code == 0
    assert out.splitlines()[1] == "no proposal changed; net 2024 -5.750 → -5.750 (0)"


def test_an_unknown_revision_is_a_usage_error(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run_diff(runner, repo / "budget", monkeypatch, "v2099", "HEAD")
    assert (code, out) == (2, "")
    assert (
        err
        == f"budgetcli: error: 'v2099' is neither a data folder nor a revision of the repository at {repo}\n"
    )


def test_a_revision_without_the_data_folder(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = run_diff(runner, repo, monkeypatch, "HEAD~1", "HEAD", "--data", "elsewhere")
    assert code == 2
    assert (
        err == "budgetcli: error: HEAD~1:elsewhere/ holds no budget data: areas.yaml is missing\n"
    )


def test_a_folder_with_no_data(
    runner: CliRunner, seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (seed_copy.parent / "empty").mkdir()
    code, _, err = run_diff(runner, seed_copy.parent, monkeypatch, "empty", "data")
    assert code == 2
    assert (
        err
        == "budgetcli: error: empty holds no budget data: areas.yaml is missing (give the data folder with --data DIR, or set BUDGETCLI_DATA)\n"
    )


def test_invalid_data_on_one_side_names_the_side(
    runner: CliRunner, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = repo / "budget" / "data" / "proposals" / "ny-genoptraening.yaml"
    bad.write_text(bad.read_text("utf-8").replace("adopted", "vedtaget"), encoding="utf-8")
    code, out, err = run_diff(runner, repo / "budget", monkeypatch, "HEAD")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "new side (data): data/proposals/ny-genoptraening.yaml:3:1: error: status: expected proposed, "
        "adopted, rejected or realized, got 'vedtaget' (did you mean 'adopted'? 'vedtaget' is "
        "Danish for it) [enum]",
        "budgetcli: error: 1 error in the new side (data)",
    ]


# --- the pure function ---------------------------------------------------------------------


def test_a_budget_does_not_differ_from_itself(seed: Budget) -> None:
    d = diff_budgets(seed, seed)
    assert (d.proposals, d.groups, d.areas, d.meta, d.has_differences) == ([], [], [], [], False)
    assert all(old == new for old, new in d.total.values())


def test_a_rename_with_a_new_title_is_found_by_its_figures(seed_copy: Path, seed: Budget) -> None:
    path = seed_copy / "proposals" / "b23-frivilligfesten.yaml"
    text = path.read_text(encoding="utf-8").replace("id: b23-frivilligfesten", "id: frivilligfest")
    path.unlink()
    (path.parent / "frivilligfest.yaml").write_text(
        text.replace('title: "B23: Frivilligfesten"', "title: Reception i stedet for fest"),
        encoding="utf-8",
    )
    new = load_checked(seed_copy, use_cache=False).budget
    assert new is not None
    (entry,) = diff_budgets(seed, new).proposals
    assert (entry.kind, entry.old_id, entry.new_id) == (
        "renamed",
        "b23-frivilligfesten",
        "frivilligfest",
    )
    assert "title" in entry.text
    assert all(a == b for a, b in entry.years.values())


def test_word_excerpt() -> None:
    old = "Forslaget forventes ikke at udgøre serviceforringelser for beboerne, da der er tale om effektivisering"
    new = "Forslaget forventes at udgøre mindre serviceforringelser for beboerne, da der er tale om effektivisering"
    assert word_excerpt(old, new) == (
        "Forslaget forventes [-ikke-] at udgøre serviceforringelser for … (+1 more change)"
    )
    assert word_excerpt(new, old) == (
        "Forslaget forventes {+ikke+} at udgøre mindre serviceforringelser … (+1 more change)"
    )
    assert word_excerpt("a b c d e f g h", "a b c d e f X h") == "… c d e f [-g-] {+X+} h"
    assert word_excerpt("a b c", "a b d") == "a b [-c-] {+d+}"
    assert word_excerpt("x  y", "x y") == "(white space only)"


def test_figures_pairs_are_exact(seed: Budget) -> None:
    d = diff_budgets(seed, seed)
    seed_2024 = Figures(-8750, 2350, -6400, -6400, 0, 0, Decimal("-4.9"))  # the seed's totals
    assert d.total[2024] == (seed_2024, seed_2024)
    assert d.total[2025] == (Figures(-7750, 1850, -5900, -5900, 0, 0, Decimal("-4.9")),) * 2


# --- the changes core gives the renderers (render computes none) ------------------------------


def test_a_figure_change_has_its_delta() -> None:
    assert FigureChange(-1100, -1300).delta == -200
    assert FigureChange(-500, 0).delta == 500
    fte = FigureChange(Decimal("-4.9"), Decimal("-3.4"))
    assert fte.delta == Decimal("1.5") and fte.changed
    same = FigureChange(Decimal("1.0"), Decimal("1"))
    assert same.delta == 0 and not same.changed


def test_figure_changes_per_year_and_metric() -> None:
    years = {
        2024: (Figures(-500, 0, -500, -500, 0, 0, Decimal(-1)), Figures()),
        2025: (Figures(), Figures(-100, 0, -100, -100, 0, 0, Decimal("0.5"))),
    }
    changes = figure_changes(years, ("net", "fte", "investments"))
    assert list(changes) == [2024, 2025] and list(changes[2024]) == ["net", "fte", "investments"]
    assert changes[2024]["net"] == FigureChange(-500, 0) and changes[2024]["net"].delta == 500
    assert changes[2024]["fte"].delta == Decimal(1)
    assert changes[2025]["fte"].delta == Decimal("0.5")
    assert changes[2025]["net"].delta == -100
    assert not changes[2024]["investments"].changed and changes[2024]["investments"].delta == 0
    assert set(figure_changes(years)[2024]) == set(METRICS)  # every metric by default


def test_changed_metrics_are_those_that_changed_in_some_year() -> None:
    years = {
        2024: (Figures(savings=-500, net=-500), Figures(savings=-550, net=-550)),
        2025: (Figures(savings=-500, net=-500), Figures(savings=-500, net=-500)),
        2026: (Figures(fte=Decimal(2)), Figures(fte=Decimal("2.5"))),
    }
    rows = changed_metrics(years, ("net", "investments", "savings", "fte"))
    assert [m for m, _ in rows] == ["net", "savings", "fte"]  # the order asked, none unchanged
    net = dict(rows)["net"]
    assert [c.delta for c in net] == [-50, 0, 0]
    assert [c.changed for c in net] == [True, False, False]
    assert [c.delta for c in dict(rows)["fte"]] == [0, 0, Decimal("0.5")]
    assert changed_metrics({2024: (Figures(net=1), Figures(net=1))}) == []


def test_an_area_budget_change_counts_a_missing_side_as_zero() -> None:
    assert BudgetChange(6224, 6324).delta == 100
    assert BudgetChange(None, 100).delta == 100
    assert BudgetChange(16946, None).delta == -16946
    assert BudgetChange(None, 0).delta == 0
    area = AreaDiff("B1", "changed", ("budget",), {2024: (5, 7), 2026: (3, None)})
    assert area.budget_changes == {2024: BudgetChange(5, 7), 2026: BudgetChange(3, None)}
    assert [c.delta for c in area.budget_changes.values()] == [2, -3]
    assert AreaDiff("B2", "removed", (), {}).budget_changes == {}


def test_the_agreement_counts_and_headline(juni_okt: Path) -> None:
    old = load_checked(juni_okt / "juni", use_cache=False).budget
    new = load_checked(juni_okt / "okt", use_cache=False).budget
    assert old is not None and new is not None
    d = diff_budgets(old, new)
    assert d.kind_counts() == {"changed": 7, "added": 1, "removed": 0, "renamed": 1}
    assert list(d.kind_counts()) == list(KINDS)
    assert d.headline_year == 2024
    assert d.headline_change == FigureChange(-6400, -5750) and d.headline_change.delta == 650
    (area,) = d.areas
    assert area.budget_changes == {2024: BudgetChange(6224, 6324)}
    assert area.budget_changes[2024].delta == 100
    same = diff_budgets(old, old)
    assert same.kind_counts() == dict.fromkeys(KINDS, 0)
    assert same.headline_year == 2024 and same.headline_change.delta == 0


def test_csv_and_markdown_golden(
    runner: CliRunner, juni_okt: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(juni_okt)
    for fmt, name in (("csv", "diff-agreement.csv"), ("markdown", "diff-agreement.md")):
        result = runner.invoke(app, ["diff", "juni", "okt", "--format", fmt])
        assert result.exit_code == 0
        golden(name, result.stdout_bytes)


# --- found in review -------------------------------------------------------------------------


SMALL_AREAS = """\
municipality: Testby
title: Budget
years: [2024, 2025, 2026, 2027]
areas:
  - {code: A1, committee: U}
  - {code: B2, committee: U}
"""
P1 = "id: p1\ntitle: Et\nstatus: proposed\nareas: [A1]\nchange:\n  inside_service_frame: -100\n"


def small_repo(root: Path, areas: str = SMALL_AREAS, p1: str = P1) -> Path:
    (root / "data" / "proposals").mkdir(parents=True)
    (root / "data" / "areas.yaml").write_text(areas, encoding="utf-8")
    (root / "data" / "proposals" / "p1.yaml").write_text(p1, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "t@example.invalid")
    git(root, "config", "user.name", "T")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base: juni")
    git(root, "tag", "base")
    return root


def test_writing_a_zero_is_no_difference(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_repo(tmp_path / "r")
    (root / "data" / "proposals" / "p1.yaml").write_text(
        P1 + "  outside_service_frame: 0\n", encoding="utf-8"
    )
    code, out, _ = run_diff(runner, root, monkeypatch, "base", "--exit-code", "--format", "json")
    assert code == 0
    assert json.loads(out)["proposals"] == []


def test_only_the_years_both_versions_have_are_compared(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_repo(tmp_path / "r")
    moved = SMALL_AREAS.replace("[2024, 2025, 2026, 2027]", "[2025, 2026, 2027, 2028]")
    (root / "data" / "areas.yaml").write_text(moved, encoding="utf-8")
    code, out, _ = run_diff(runner, root, monkeypatch, "base", "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert doc["years"] == [2025, 2026, 2027]
    assert doc["proposals"] == []
    assert doc["meta"] == [
        {"field": "years", "old": [2024, 2025, 2026, 2027], "new": [2025, 2026, 2027, 2028]}
    ]


def test_a_kind_a_grant_and_construction_amounts_are_changes_of_a_proposal(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proposal turned into a construction project: its kind and grant are listed as
    changed fields, its construction amounts as a figure of their own, never in net."""
    root = small_repo(tmp_path / "r")
    built = P1.replace("status: proposed\n", "status: proposed\nkind: construction\n")
    built += "  construction: {2025: 4000}\nconstruction_grant: 4000\n"
    (root / "data" / "proposals" / "p1.yaml").write_text(built, encoding="utf-8")
    code, out, _ = run_diff(runner, root, monkeypatch, "base", "--format", "json")
    doc = json.loads(out)
    assert code == 0
    (p,) = doc["proposals"]
    assert (p["kind"], p["fields"]) == ("changed", [])
    assert p["values"] == {
        "kind": {"old": "reduction", "new": "construction"},
        "construction_grant": {"old": None, "new": 4000},
    }
    assert p["years"]["2025"]["construction"] == fig(0, 4000)
    assert p["years"]["2025"]["net"] == fig(-100, -100)
    assert doc["total"]["years"]["2025"]["construction"] == fig(0, 4000)
    assert doc["total"]["years"]["2025"]["net"] == fig(-100, -100)
    _, text, _ = run_diff(runner, root, monkeypatch, "base")
    assert "kind: reduction → construction" in text
    assert "construction_grant: (none) → 4.000" in text


def test_a_price_level_frames_and_baseline_are_changes_of_areas_yaml(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stating a price level where there was none is compared (and listed); a frame and its
    baseline changed are listed each by itself, old and new."""
    framed = SMALL_AREAS.replace(
        "areas:\n",
        "frames: {service: 1000}\nbaseline: {service: 900}\nareas:\n",
    )
    root = small_repo(tmp_path / "r", areas=framed)
    moved = framed.replace("service: 1000}", "service: 1100}").replace(
        "areas:\n", "price_level: 2024\nareas:\n", 1
    )
    (root / "data" / "areas.yaml").write_text(moved, encoding="utf-8")
    code, out, _ = run_diff(runner, root, monkeypatch, "base", "--format", "json")
    assert code == 0
    assert json.loads(out)["meta"] == [
        {"field": "price_level", "old": None, "new": 2024},
        {
            "field": "frames.service",
            "old": dict.fromkeys(["2024", "2025", "2026", "2027"], 1000),
            "new": dict.fromkeys(["2024", "2025", "2026", "2027"], 1100),
        },
    ]
    code, out, _ = run_diff(runner, root, monkeypatch, "base")
    assert (
        "areas.yaml frames.service: {2024: 1000, 2025: 1000, 2026: 1000, 2027: 1000} → "
        "{2024: 1100, 2025: 1100, 2026: 1100, 2027: 1100}"
    ) in out.splitlines()

    assert "areas.yaml price_level: (none) → 2024" in out.splitlines()
    assert "· 1.000 kr., 2024 prices" in out.splitlines()[0]


#: what makes two versions impossible to compare: areas.yaml edited so, its meta so, and why
CANNOT_COMPARE = [
    (
        ("areas:\n", "unit: kr.\nareas:\n"),
        {"unit": "kr."},
        "the two versions have different units (1000 DKK and kr.); budgetcli does not "
        "convert amounts",
    ),
    (
        ("[2024, 2025, 2026, 2027]", "[2030]"),
        {"years": [2030]},
        "the two versions have no budget year in common",
    ),
    (
        ("title: Budget\n", "title: Budget\nprice_level: 2025\n"),
        {"price_level": 2025},
        "the two versions are in different prices (2024 and 2025 prices), and amounts in "
        "different prices are not compared as they stand: --prices YEAR restates both in one "
        "year's prices",
    ),
]


@pytest.mark.parametrize(("edit", "meta", "message"), CANNOT_COMPARE)
def test_versions_that_cannot_be_compared_are_a_usage_error(
    runner: CliRunner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: tuple[str, str],
    meta: dict[str, Any],
    message: str,
) -> None:
    """The command asks ``incomparable`` first (exit 2); ``diff_catalogues`` refuses such a
    pair too, as a programming error."""
    areas = SMALL_AREAS.replace("title: Budget\n", "title: Budget\nprice_level: 2024\n")
    root = small_repo(tmp_path / "r", areas=areas)
    old = load_checked(root / "data", use_cache=False).catalogue
    assert old is not None
    (root / "data" / "areas.yaml").write_text(
        areas.replace("price_level: 2024\n", "").replace(*edit), encoding="utf-8"
    )
    assert run_diff(runner, root, monkeypatch, "base") == (2, "", f"budgetcli: error: {message}\n")
    new = replace(old, meta=replace(old.meta, **meta))
    assert incomparable(old.meta, old.meta) is None
    reason = incomparable(old.meta, new.meta)
    assert reason is not None and reason.english == message
    with pytest.raises(ValueError, match=re.escape(message)):
        diff_catalogues(old, new)


def test_a_symlinked_data_folder_reads_history_by_its_name(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_repo(tmp_path / "r")
    git(root, "mv", "data", "real")
    (root / "data").symlink_to("real")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "data is a link now")
    code, out, err = run_diff(
        runner, root, monkeypatch, "base", "--format", "json"
    )  # base against the work tree
    assert (code, err) == (0, "")
    assert json.loads(out)["proposals"] == []


def test_unusual_revision_and_folder_names(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_repo(tmp_path / "r ")  # a repository path ending in a space
    code, _, err = run_diff(
        runner, root, monkeypatch, ":/juni", "--format", "json"
    )  # search by message
    assert (code, err) == (0, "")
    code, _, err = run_diff(runner, root, monkeypatch, "a" * 5000, "HEAD")
    assert code == 2
    assert err.startswith("budgetcli: error: 'aaaa") and err.endswith(
        f"is neither a data folder nor a revision of the repository at {root}\n"
    )


def test_pathspec_magic_in_a_folder_name_is_just_a_name(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_repo(tmp_path / "r")
    git(root, "mv", "data", ":(glob)x")
    git(root, "commit", "-q", "-m", "odd name")
    code, out, err = run_diff(
        runner, root, monkeypatch, "HEAD", "--data", ":(glob)x", "--format", "json"
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["proposals"] == []


def test_the_csv_names_every_kind_of_change(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_repo(tmp_path / "r")
    changed = P1.replace("areas: [A1]", "areas: [B2]").replace("title: Et", "title: Et andet")
    (root / "data" / "proposals" / "p1.yaml").write_text(changed, encoding="utf-8")
    (root / "data" / "areas.yaml").write_text(
        SMALL_AREAS.replace("{code: B2, committee: U}", "{code: B2, committee: V}"),
        encoding="utf-8",
    )
    code, out, _ = run_diff(runner, root, monkeypatch, "base", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[1:3] == [
        "proposal,p1,Et andet,changed,,areas,A1,B2,",
        "proposal,p1,Et andet,changed,,title,,,Et {+andet+}",
    ]
    assert lines[-1] == "area,B2,,changed,,committee,U,V,"


def test_brackets_in_text_are_words_not_markup(tmp_path: Path) -> None:
    from budgetcli.text.grid import Grid
    from budgetcli.text.layout import fits
    from budgetcli.text.rich import grid_table

    grid = Grid(
        "Proposals",
        ["Proposal", "Change", "2024"],
        [["p1", "title: [/b] [bilag a]", "-1 → -2 (-1)"]],
        left=2,
    )
    from rich.console import Console

    console = Console(width=120, no_color=True, force_terminal=False)
    with console.capture() as capture:
        console.print(grid_table(grid))
    assert "title: [/b] [bilag a]" in capture.get()
    assert fits(grid, 120)
    assert not fits(grid, 20)


def test_a_narrow_terminal_never_cuts_a_figure(juni_okt: Path) -> None:
    from budgetcli.text.diff import DIFF

    old = load_checked(juni_okt / "juni", use_cache=False).budget
    new = load_checked(juni_okt / "okt", use_cache=False).budget
    assert old is not None and new is not None
    d = diff_budgets(old, new)
    assert (
        DIFF.view(d, DEFAULT_READING, 40) is not None
    )  # the text columns made one, stacked per year
    assert DIFF.view(d, DEFAULT_READING, 120) is not None  # one table per year fits
    assert DIFF.view(d, DEFAULT_READING, 250) is not None


# --- a property: the diff's groups and totals are the two summaries -----------------------------

_AREAS = ["B60.10.20", "B60.10.30", "B60.30.10", "B60.30.45"]
_statuses = st.sampled_from(list(Status))
_one = st.tuples(
    st.sampled_from(_AREAS), _statuses, st.integers(-900, 900), st.sampled_from([None, "Udvalg X"])
)


def _proposal(pid: str, area: str, status: Status, amount: int, committee: str | None) -> Proposal:
    return Proposal(
        id=pid,
        title=f"T {pid}",
        status=status,
        areas=[area],
        change=Change({2024: amount, 2025: -amount}),
        committee=committee,
    )


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    old=st.dictionaries(st.sampled_from([f"p{i}" for i in range(12)]), _one, max_size=10),
    edits=st.dictionaries(
        st.sampled_from([f"p{i}" for i in range(12)]), st.none() | _one, max_size=5
    ),
    by=st.sampled_from(list(GroupBy)),
    statuses=st.lists(_statuses, min_size=1, unique=True),
    same_areas=st.booleans(),
)
def test_diff_groups_and_totals_are_the_two_summaries(
    seed: Budget,
    old: dict[str, tuple[str, Status, int, str | None]],
    edits: dict[str, tuple[str, Status, int, str | None] | None],
    by: GroupBy,
    statuses: list[Status],
    same_areas: bool,
) -> None:
    """Whatever changed, a group is listed exactly when its sums differ between the two
    summaries, with those sums; the totals are the two summaries' totals. (The diff sums only
    the groups of lines that changed when areas.yaml is the same on both sides.)"""
    new = {**old, **edits}
    meta = seed.meta
    new_meta = (
        meta if same_areas else replace(meta, areas=[replace(a, committee="Y") for a in meta.areas])
    )

    def budget(proposals: dict[str, Any], m: Any) -> Budget:
        loaded = tuple(
            LoadedProposal(_proposal(pid, *fields), Source(f"{pid}.yaml"), pid)
            for pid, fields in sorted(proposals.items())
            if fields is not None
        )
        return replace(seed, meta=m, proposals=loaded)

    def catalogue(x: Budget) -> Catalogue:  # as from the cache: equal pickles are not read
        blobs = [pickle.dumps(lp.proposal) for lp in x.proposals]
        lines = proposal_lines(x)
        return Catalogue(
            x.meta,
            lines,
            lambda i: x.proposals[i].proposal,
            lambda i: mark(blobs[i]),
            status_sums(lines),
        )

    a, b = budget(old, meta), budget(new, new_meta)
    d = diff_catalogues(catalogue(a), catalogue(b), by=by, statuses=statuses)
    assert d == diff_budgets(a, b, by=by, statuses=statuses)
    sa, sb = summarize(a, by, statuses), summarize(b, by, statuses)
    rows_a, rows_b = {r.key: r for r in sa.rows}, {r.key: r for r in sb.rows}
    expected = {}
    for key in rows_a.keys() | rows_b.keys():
        pair = {
            y: (
                rows_a[key].years[y] if key in rows_a else Figures(),
                rows_b[key].years[y] if key in rows_b else Figures(),
            )
            for y in d.years
        }
        if any(x != y for x, y in pair.values()):
            expected[key] = pair
    assert {g.key: g.years for g in d.groups} == expected
    assert d.total == {y: (sa.total[y], sb.total[y]) for y in d.years}
