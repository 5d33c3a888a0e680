"""A generated document imported, and held to what each of its pages must give (``wordgen``):
a readable page a file equal to its truth, a refused page no file and an error naming it for
its reason, the exit code 0 exactly when no page is refused. Used by the round-trip property
(``test_import_roundtrip.py``) and by the census of the importer's defects (``wordcensus.py``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.core.domain import Proposal
from budgetcli.folder.proposalfile import proposal_text
from budgetcli.store.load import load_checked

from .wordgen import REASON_WORDS, Document, Readable, Refused


@dataclass(frozen=True)
class Imported:
    """What ``budgetcli import`` did: its exit code, its JSON report (``None`` if it wrote
    none), its standard error, the proposals of the data folder by the page they came from."""

    code: int
    report: dict[str, Any] | None
    stderr: str
    by_page: dict[int, list[Proposal]]


@dataclass(frozen=True)
class Failure:
    """A page (0: the document) that did not give what it must: the class of the failure
    (short, the same for failures of one kind) and what exactly happened."""

    page: int
    kind: str
    detail: str


def run_import(document: Document, folder: Path, runner: CliRunner) -> Imported:
    """``budgetcli import DOC --to data --format json [--unit …]`` in ``folder`` (made here:
    ``data/areas.yaml`` the document's budget, the document beside it)."""
    data = folder / "data"
    (data / "proposals").mkdir(parents=True)
    (data / "areas.yaml").write_text(document.budget.areas_yaml(), encoding="utf-8")
    path = folder / document.name
    path.write_bytes(document.data())
    args = ["import", str(path), "--to", str(data), "--format", "json", *document.args()]
    result = runner.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = None
    return Imported(result.exit_code, report, result.stderr, _by_page(data))


def _by_page(data: Path) -> dict[int, list[Proposal]]:
    checked = load_checked(data, use_cache=False)
    found: dict[int, list[Proposal]] = {}
    for loaded in checked.budget.proposals if checked.budget else ():
        page = loaded.proposal.source.page if loaded.proposal.source else 0
        found.setdefault(page, []).append(loaded.proposal)
    return found


def truths_loaded(document: Document, folder: Path) -> dict[int, Proposal]:
    """Each readable page's truth written by ``proposal_text`` into ``folder/truth`` and loaded
    as ``validate`` loads it (``AssertionError`` if the generator made a truth with an
    error: the generator's defect, not the importer's)."""
    data = folder / "truth"
    (data / "proposals").mkdir(parents=True)
    (data / "areas.yaml").write_text(document.budget.areas_yaml(), encoding="utf-8")
    for n, expected in enumerate(document.outcomes(), 1):
        if isinstance(expected, Readable):
            text = proposal_text({"id": f"truth-{n}", **expected.fields})
            (data / "proposals" / f"truth-{n}.yaml").write_text(text, encoding="utf-8")
    checked = load_checked(data, use_cache=False)
    errors = [p for p in checked.problems if p.is_error]
    assert not errors and checked.budget is not None, f"the generator's truth is invalid: {errors}"
    return {int(lp.proposal.id.split("-")[1]): lp.proposal for lp in checked.budget.proposals}


def _bare(series: dict[int, Any] | None) -> dict[int, Any] | None:
    """A series without its years of 0: a year of 0 and a year not written are one."""
    return None if series is None else {y: v for y, v in series.items() if v}


def essentials(p: Proposal) -> dict[str, Any]:
    """What a page states of a proposal (not its id, source or notes), series without 0s."""
    allocations = None
    if p.allocations is not None and (p.allocations.function_areas or p.allocations.cost_centers):
        allocations = {
            "function_areas": {k: _bare(v) for k, v in p.allocations.function_areas.items()},
            "cost_centers": {k: _bare(v) for k, v in p.allocations.cost_centers.items()},
        }
    staffing = None
    if p.staffing is not None:
        staffing = {
            "baseline": _bare(p.staffing.baseline_fte),
            "change": _bare(p.staffing.change_fte),
        }
    return {
        "title": p.title,
        "status": p.status,
        "kind": p.kind,
        "committee": p.committee,
        "areas": list(p.areas),
        "center": p.center,
        "contact": p.contact,
        "date": p.date,
        # a row of empty cells and no row are one: no figure for any year
        "operating_budget": _bare(p.operating_budget) or None,
        "area_budget": _bare(p.area_budget) or None,
        "inside_service_frame": _bare(p.change.inside_service_frame),
        "outside_service_frame": _bare(p.change.outside_service_frame),
        "construction": _bare(p.change.construction),
        "construction_grant": p.construction_grant,
        "components": sorted(
            (c.type, c.label, sorted((_bare(c.amounts) or {}).items())) for c in p.components
        ),
        "allocations": allocations,
        "staffing": staffing,
        "description": p.description,
    }


def failures(document: Document, imported: Imported, truths: dict[int, Proposal]) -> list[Failure]:
    """Every way the import fell short of the document's expected outcomes."""
    expected = document.outcomes()
    if imported.report is None:
        first = imported.stderr.strip().splitlines()[:1] or [""]
        return [Failure(0, f"no report (exit {imported.code})", _shape(first[0]))]
    problems = imported.report["problems"]
    reported = {
        p["page"]: p["path"] for p in imported.report["proposals"] if p["done"] == "written"
    }
    found: list[Failure] = []
    for n, outcome in enumerate(expected, 1):
        loaded = imported.by_page.get(n, [])
        on_page = [
            p
            for p in problems
            if p["severity"] == "error" and re.match(rf"page {n}\b", p["message"])
        ]
        if isinstance(outcome, Readable):
            in_file = [
                p for p in problems if p["severity"] == "error" and p["path"] == reported.get(n)
            ]
            found += _readable(n, loaded, on_page + in_file, truths[n])
        else:
            found += _refused(n, outcome, bool(loaded) or n in reported, on_page)
    refused = any(isinstance(o, Refused) for o in expected)
    if (imported.code == 0) == refused or imported.code not in (0, 1):
        said = f"exit {imported.code} with {'a' if refused else 'no'} page refused"
        found.append(Failure(0, "exit code", said))
    return found


def _readable(
    n: int, loaded: list[Proposal], errors: list[dict[str, Any]], truth: Proposal
) -> list[Failure]:
    """A readable page: one file, equal to the truth, and no error."""
    if len(loaded) != 1:
        why = _shape(errors[0]["message"]) if errors else "no error"
        return [Failure(n, "readable page not written (or not valid)", why)]
    got, want = essentials(loaded[0]), essentials(truth)
    found = [
        Failure(n, f"differs: {k}", f"{got[k]!r} != {want[k]!r}") for k in want if got[k] != want[k]
    ]
    found += [Failure(n, "readable page with an error", _shape(e["message"])) for e in errors]
    return found


def _refused(
    n: int, outcome: Refused, written: bool, errors: list[dict[str, Any]]
) -> list[Failure]:
    """A refused page: no file, an error naming the page that says why (loosely)."""
    reasons = ", ".join(outcome.reasons)
    if written:
        return [
            Failure(
                n,
                f"refused page written ({reasons})",
                _shape(errors[0]["message"]) if errors else "no error",
            )
        ]
    if not errors:
        return [Failure(n, f"refused page without an error ({reasons})", "")]
    words = [w for reason in outcome.reasons for w in REASON_WORDS[reason]]
    if not any(w in e["message"].lower() for e in errors for w in words):
        return [Failure(n, f"error not saying why ({reasons})", _shape(errors[0]["message"]))]
    return []


def _shape(message: str) -> str:
    """A message with its figures and quoted values masked, so failures of one kind group."""
    text = re.sub(r"^page \d+(, [^:]*)?: ", "", message)
    text = re.sub(r"'[^']*'", "'…'", text)
    return re.sub(r"\d+", "9", text)[:100]
