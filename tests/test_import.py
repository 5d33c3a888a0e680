"""``budgetcli import`` and ``budgetcli new`` (issue 15), end to end through the command line.

The seed text (eleven pages of "Rådighedsforslag til budget 2024-2027") imported gives the
bundled proposals, value for value, and its .docx (``examples/seed_docx.py``) the same files.
Small pages written here in the seed's layout hold the messy forms a template is filled in with
(misspelt labels, dashes and no-break spaces, amounts without a sign) and the figures that must
be refused. Every message is the one the code writes, copied whole.

Each test runs in its own working directory (``tmp_path``) holding ``data/`` (a copy of the
bundled areas.yaml, no proposals) and the documents it imports, so paths read as a user sees
them: ``data/proposals/x.yaml``, ``p.txt``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from budgetcli.core.domain import DocumentPage, Proposal
from budgetcli.store.load import load_checked

from .conftest import DATA, REPO, run

pytestmark = pytest.mark.store

SEED = Path(__file__).parent / "fixtures" / "seed-proposals.txt"
YEARS = (2024, 2025, 2026, 2027)


def _example(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, REPO / "examples" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: the imported id of each seed page -> the bundled proposal with its title
BUNDLED_ID = {
    "styrket-organisering-styring": "hjemmepleje-styring",
    "styrkelse-lovpligtige-opfoelgning": "hjaelpemidler-myndighed-opfoelgning",
    "reduktion-sygefravaer-effektivisering": "plejecenter-sygefravaer",
    "effektivisering-oeget-brug": "kaerbo-velfaerdsteknologi",
    "styrket-samarbejde-tvaerfaglige": "plejecenter-tvaerfagligt-samarbejde",
    "styrkelse-lovpligtige-opfoelgning-2": "botilbud-opfoelgning",
    "styrkelse-lovpligtige-opfoelgning-103": "aktivitetstilbud-opfoelgning",
    "styrket-hjemloeseindsats-forbindelse": "hjemloeseindsats",
    "b23-midlertidig-nedjustering-tilbyde": "b23-krisecentre-egen-bolig",
    "b23-midlertidig-nedjustering-budget-koeb": "b23-stofmisbrug-eksterne-tilbud",
    "b23-frivilligfesten": "b23-frivilligfesten",
}
#: the page each imported id comes from, in the seed's order
PAGE_OF = {pid: n for n, pid in enumerate(BUNDLED_ID, start=1)}


# --- a page in the seed's layout ------------------------------------------------------------------

HEADER = {
    "Forslagets overskrift": "Prøveforslag",
    "Fagudvalg": "Social- og Sundhedsudvalget",
    "Bevillings-/Budgetområde": "B60.30.10 Plejecenter",
    "Center/driftssted": "Center for Voksne og Velfærd",
    "Funktionsområde": "053027",
    "Omkostningssted/PSP-element": "3709820001",
    "Dato og kontaktperson": "22-6-23 Anne Kirstine Svanholt",
}
EMPTY = ["", "", "", ""]
TABLE = {
    "Driftsbudget": ["105.769", "105.763", "96.733", "96.733"],
    "Samlet budget på bevillings-/budgetområdet": ["108.114", "108.877", "99.845", "99.845"],
    "Ændringsforslag": EMPTY,
    "Beløb indenfor servicerammen": ["-500"] * 4,
    "Beløb udenfor servicerammen": EMPTY,
    "I alt": ["-500"] * 4,
}
YEARS_ROW = ["2024", "2025", "2026", "2027"]
STAFFING = [
    ["Nuværende normering på området", *YEARS_ROW],
    ["Antal fuldtidsstillinger", "14", "14", "14", "14"],
    ["Ændring af normering s.f.a. forslag", *EMPTY],
    ["Antal fuldtidsstillinger", "-1", "-1", "-1", "-1"],
]
NOTE = "Note: - (minus) = mindreudgift/merindtægt eller personaleudskæring (under personalemæssige konsekvenser)"


def change(*cells: str) -> dict[str, list[str]]:
    """The table's change rows: inside the service frame ``cells`` (one for every year, or
    four), nothing outside, and their "I alt"."""
    row = list(cells) * 4 if len(cells) == 1 else list(cells)
    return {"Beløb indenfor servicerammen": row, "I alt": row}


def page(
    header: Mapping[str, str] | None = None,
    table: Mapping[str, list[str]] | None = None,
    staffing: Sequence[Sequence[str]] = STAFFING,
    lines: Sequence[str] = ("Forslaget beskrives her.",),
    rename: Mapping[str, str] | None = None,
) -> str:
    """A page's text as Word saves it: the header (``HEADER`` with ``header``'s values), the
    economic table (``TABLE`` with ``table``'s rows), the staffing rows, the description
    ``lines`` (a paragraph each); ``rename`` writes a label of the header or table otherwise."""
    names = dict(rename or {})
    values = {**HEADER, **(header or {})}
    rows = {**TABLE, **(table or {})}
    out = ["Rådighedsforslag til budget 2024-2027", ""]
    out += [f"{names.get(k, k)}\t{v}" for k, v in values.items()]
    out += ["", "Økonomiske konsekvenser", "", "\t".join(["Beløb i 1.000 kr.", *YEARS_ROW])]
    out += ["\t".join([names.get(k, k), *v]) for k, v in rows.items()]
    out += ["", NOTE, "", "Budgetmæssig implementering", "", "Personalemæssige konsekvenser", ""]
    out += ["\t".join(row) for row in staffing]
    out += ["", "Præsentation af forslag", ""]
    for line in lines:
        out += [line, ""]
    return "\n".join(out)


def line_of(text: str, start: str) -> int:
    """The 1-based line of ``text`` that starts with ``start``."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def imported(runner: CliRunner, text: str, *args: str) -> tuple[int, str, str]:
    """``budgetcli import p.txt --to data ARGS``, ``text`` in p.txt."""
    Path("p.txt").write_text(text, encoding="utf-8")
    return run(runner, "import", "p.txt", "--to", "data", *args)


def problems_of(runner: CliRunner, text: str, *args: str) -> tuple[int, list[dict[str, Any]]]:
    """The exit code and the problems (as ``--format json`` gives them) of importing ``text``."""
    code, out, _ = imported(runner, text, "--format", "json", *args)
    return code, json.loads(out)["problems"]


def import_error(text: str, start: str, message: str) -> dict[str, Any]:
    """A refused figure as the JSON report gives it: p.txt, the line that starts with
    ``start``, the page and the place in the message."""
    line = line_of(text, start)
    return {
        "path": "p.txt",
        "line": line,
        "column": 1,
        "severity": "error",
        "rule": "import",
        "message": f"page 1, line {line}: {message}",
    }


#: what validate says of a folder with no proposal: after an import whose every page was
#: refused, the import's own check says it too
NO_PROPOSALS = {
    "path": "data/proposals",
    "line": 0,
    "column": 0,
    "severity": "warning",
    "rule": "no-proposals",
    "message": "no proposals: there is no folder data/proposals/ (one YAML file a proposal)",
}


def nothing_written() -> None:
    """The page was refused: no proposal file, nor the folder for it."""
    assert not Path("data/proposals").exists()


def proposals(folder: Path) -> dict[str, Proposal]:
    """The proposals of a data folder, loaded as ``validate`` loads them, by id."""
    checked = load_checked(folder, use_cache=False)
    assert checked.budget is not None, checked.problems
    return {lp.proposal.id: lp.proposal for lp in checked.budget.proposals}


def the_proposal(folder: Path = Path("data")) -> Proposal:
    (only,) = proposals(folder).values()
    return only


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder``, by its path relative to it."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def every(value: Any) -> dict[int, Any]:
    return dict.fromkeys(YEARS, value)


def bare(series: Mapping[int, Any] | None) -> dict[int, Any] | None:
    """A series with its years of 0 left out: a year of 0 and a year not written are one."""
    return None if series is None else {y: v for y, v in series.items() if v}


def essentials(p: Proposal) -> dict[str, Any]:
    """What a page states of a proposal, as the budget holds it (series without their 0s)."""
    allocations = None
    if p.allocations is not None:
        allocations = {
            "function_areas": {k: bare(v) for k, v in p.allocations.function_areas.items()},
            "cost_centers": {k: bare(v) for k, v in p.allocations.cost_centers.items()},
        }
    staffing = None
    if p.staffing is not None:
        staffing = {
            "baseline_fte": bare(p.staffing.baseline_fte),
            "change_fte": bare(p.staffing.change_fte),
        }
    return {
        "title": p.title,
        "status": p.status,
        "committee": p.committee,
        "areas": p.areas,
        "center": p.center,
        "contact": p.contact,
        "date": p.date,
        "operating_budget": bare(p.operating_budget),
        "area_budget": bare(p.area_budget),
        "change": {
            "inside_service_frame": bare(p.change.inside_service_frame),
            "outside_service_frame": bare(p.change.outside_service_frame),
            "construction": bare(p.change.construction),
        },
        "components": [(c.type, c.label, bare(c.amounts)) for c in p.components],
        "allocations": allocations,
        "staffing": staffing,
    }


# --- 1. the seed text ---------------------------------------------------------------------------


def test_the_seed_text_gives_the_bundled_proposals(runner: CliRunner, here: Path) -> None:
    code, out, err = run(runner, "import", str(SEED), "--to", "data")
    assert code == 0
    assert err == "11 proposals written, 0 kept; 0 errors, 2 warnings\n"
    got = proposals(here / "data")
    assert sorted(got) == sorted(BUNDLED_ID)
    bundled = proposals(DATA)
    by_title = {p.title: p.id for p in bundled.values()}
    assert {pid: by_title[p.title] for pid, p in got.items()} == BUNDLED_ID
    for pid, p in got.items():
        assert essentials(p) == essentials(bundled[BUNDLED_ID[pid]]), pid
    wrote = [line for line in out.splitlines() if line.startswith("wrote ")]
    assert wrote == [
        f"wrote data/proposals/{pid}.yaml ({SEED}, page {PAGE_OF[pid]}: {got[pid].title})"
        for pid in BUNDLED_ID
    ]


def test_each_imported_file_names_its_page_and_the_b23_pages_are_realized(
    runner: CliRunner, here: Path
) -> None:
    assert run(runner, "import", str(SEED), "--to", "data")[0] == 0
    files = sorted((here / "data" / "proposals").glob("*.yaml"))
    assert len(files) == 11
    for path in files:
        page_number = PAGE_OF[path.stem]
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == f"# Imported by budgetcli import: {SEED}, page {page_number}"
        assert f'source: {{document: "{SEED}", page: {page_number}}}' in lines
    got = proposals(here / "data")
    assert {pid: p.source for pid, p in got.items()} == {
        pid: DocumentPage(str(SEED), n) for pid, n in PAGE_OF.items()
    }
    realized = sorted(pid for pid, p in got.items() if p.status == "realized")
    assert realized == sorted(pid for pid in got if pid.startswith("b23-"))
    assert len(realized) == 3
    assert all(p.status == "proposed" for pid, p in got.items() if pid not in realized)


def test_the_imported_seed_sums_up_as_the_bundled_data(runner: CliRunner, here: Path) -> None:
    assert run(runner, "import", str(SEED), "--to", "data")[0] == 0
    code, out, _ = run(runner, "summary", "--data", "data", "--format", "json")
    assert code == 0
    total = json.loads(out)["total"]["years"]
    figures = {
        year: (t["savings"], t["investments"], t["net"], t["fte"]) for year, t in total.items()
    }
    assert figures == {
        "2024": (-8750, 2350, -6400, -4.9),
        "2025": (-7750, 1850, -5900, -4.9),
        "2026": (-7750, 1850, -5900, -4.9),
        "2027": (-7750, 1850, -5900, -4.9),
    }


def test_the_seed_import_reports_the_bundled_datas_two_warnings(
    runner: CliRunner, here: Path
) -> None:
    code, out, _ = run(runner, "import", str(SEED), "--to", "data", "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert (report["errors"], report["warnings"]) == (0, 2)
    got = {
        (Path(p["path"]).stem, p["severity"], p["rule"], p["message"]) for p in report["problems"]
    }
    bundled = load_checked(DATA, use_cache=False).problems
    imported_id = {b: i for i, b in BUNDLED_ID.items()}
    expected = {
        (imported_id[Path(p.path).stem], p.severity.value, p.rule, p.message)
        for p in bundled
        if Path(p.path).parent.name == "proposals"
    }
    assert got == expected
    assert {(stem, rule) for stem, _, rule, _ in got} == {
        ("effektivisering-oeget-brug", "allocations-sum"),
        ("styrkelse-lovpligtige-opfoelgning-2", "area-budget-mismatch"),
    }
    assert {p["path"] for p in report["problems"]} == {
        "data/proposals/effektivisering-oeget-brug.yaml",
        "data/proposals/styrkelse-lovpligtige-opfoelgning-2.yaml",
    }


# --- 2. the seed as a .docx ---------------------------------------------------------------------


def test_the_seed_docx_gives_the_same_files_but_the_document_name(
    runner: CliRunner, here: Path
) -> None:
    seed_docx = _example("seed_docx")
    Path("seed.docx").write_bytes(seed_docx.build_docx(SEED.read_text(encoding="utf-8")))
    (here / "docx").mkdir()
    shutil.copy(DATA / "areas.yaml", here / "docx" / "areas.yaml")
    assert run(runner, "import", str(SEED), "--to", "data")[0] == 0
    code, _, err = run(runner, "import", "seed.docx", "--to", "docx")
    assert (code, err) == (0, "11 proposals written, 0 kept; 0 errors, 2 warnings\n")
    texts = files_of(here / "data" / "proposals")
    docx = files_of(here / "docx" / "proposals")
    assert sorted(docx) == sorted(texts) == sorted(f"{pid}.yaml" for pid in BUNDLED_ID)
    for name, data in texts.items():
        lines, other = data.decode().splitlines(), docx[name].decode().splitlines()
        assert len(lines) == len(other), name
        differ = [(a, b) for a, b in zip(lines, other, strict=True) if a != b]
        assert [a.replace(str(SEED), "seed.docx") for a, _ in differ] == [b for _, b in differ]
        assert [b.split(":")[0] for _, b in differ] == ["# Imported by budgetcli import", "source"]


# --- 3. messy forms -----------------------------------------------------------------------------


def test_misspelt_labels_are_read(runner: CliRunner, here: Path) -> None:
    text = page(
        table={
            "Beløb indenfor servicerammen": ["-300"] * 4,
            "Beløb udenfor servicerammen": ["100", "", "", ""],
            "I alt": ["-200", "-300", "-300", "-300"],
        },
        rename={
            "Forslagets overskrift": "Forslagets overskrft",
            "Beløb indenfor servicerammen": "Beløb indenfor serviceringen",
            "Beløb udenfor servicerammen": "Beløb udenfor servicerrammen",
        },
    )
    code, out, err = imported(runner, text)
    assert code == 0
    assert out == "wrote data/proposals/proeveforslag.yaml (p.txt, page 1: Prøveforslag)\n"
    assert err == "1 proposal written, 0 kept; 0 errors, 0 warnings\n"
    p = the_proposal()
    assert p.title == "Prøveforslag"
    assert (p.change.inside_service_frame, p.change.outside_service_frame) == (
        every(-300),
        {2024: 100},
    )
    assert p.allocations is not None
    assert p.allocations.function_areas == {
        "053027": {2024: -200, 2025: -300, 2026: -300, 2027: -300}
    }


def test_a_years_header_repeated_in_the_staffing_table_and_separator_lines(
    runner: CliRunner, here: Path
) -> None:
    staffing = [
        ["Nuværende normering på området", *YEARS_ROW],
        ["------------------------------", "----"],
        ["Antal fuldtidsstillinger", "110", "110", "110", "110"],
        ["Ændring af normering s.f.a. forslag", *YEARS_ROW],
        ["Antal fuldtidsstillinger", "-1,3", "-1,3", "-1,3", "-1,3"],
    ]
    text = page(staffing=staffing).replace(
        "Prøveforslag\n", "Prøveforslag\n-----------------------\t----------\n\n"
    )
    text = text.replace("I alt\t", "----\t----\t----\t----\t----\nI alt\t")
    code, _, err = imported(runner, text)
    assert (code, err) == (0, "1 proposal written, 0 kept; 0 errors, 0 warnings\n")
    written = Path("data/proposals/proeveforslag.yaml").read_text(encoding="utf-8")
    assert "staffing:\n  baseline_fte: 110\n  change_fte: -1.3\n" in written
    assert "change:\n  inside_service_frame: -500\n  outside_service_frame: {}\n" in written
    p = the_proposal()
    assert p.staffing is not None
    assert (p.staffing.baseline_fte, p.staffing.change_fte) == (
        every(Decimal(110)),
        every(Decimal("-1.3")),
    )


def test_an_empty_staffing_table_gives_no_staffing(runner: CliRunner, here: Path) -> None:
    staffing = [
        ["Nuværende normering på området", *YEARS_ROW],
        ["Antal fuldtidsstillinger", *EMPTY],
        ["Ændring af normering s.f.a. forslag", *EMPTY],
        ["Antal fuldtidsstillinger", *EMPTY],
    ]
    code, _, err = imported(runner, page(staffing=staffing))
    assert (code, err) == (0, "1 proposal written, 0 kept; 0 errors, 0 warnings\n")
    written = Path("data/proposals/proeveforslag.yaml").read_text(encoding="utf-8")
    assert "staffing" not in written
    assert the_proposal().staffing is None


def test_dashes_a_minus_sign_and_no_break_spaces_in_the_figures(
    runner: CliRunner, here: Path
) -> None:
    nbsp = "\u00a0"
    inside = ["\u2013300", "\u2212300", f"{nbsp}-300{nbsp}", f"\u2212{nbsp}300"]
    text = page(
        table={
            "Driftsbudget": ["1.200", f"1{nbsp}200", f"{nbsp}1.200{nbsp}", "1200"],
            "Beløb indenfor servicerammen": inside,
            "I alt": ["-300", "\u2013300", "\u2212300", "-300"],
        },
        staffing=[
            ["Nuværende normering på området", *YEARS_ROW],
            ["Antal fuldtidsstillinger", "1.200", f"1{nbsp}200", "1200", "1.200"],
            ["Ændring af normering s.f.a. forslag", *EMPTY],
            ["Antal fuldtidsstillinger", "-1,3", "\u20131,3", "\u22121,3", f"{nbsp}-1,3{nbsp}"],
        ],
    )
    code, _, err = imported(runner, text)
    assert (code, err) == (0, "1 proposal written, 0 kept; 0 errors, 0 warnings\n")
    p = the_proposal()
    assert p.operating_budget == every(1200)
    assert p.change.inside_service_frame == every(-300)
    assert p.staffing is not None
    assert p.staffing.baseline_fte == every(Decimal(1200))
    assert p.staffing.change_fte == every(Decimal("-1.3"))


KAERBO_PSP = (
    "3709710005 (100/600 t.kr.), 3709820010 (-240 t.kr.), 3709820020 (-470 t.kr.), "
    "3709820030 (-630 t.kr.), 3709820040 (-360 t.kr.),"
)


@pytest.mark.parametrize(
    ("psp", "cells", "expected", "notes"),
    [
        (
            "053026-1-001 (500 t.kr.) og 053028-1-1001 (100 t.kr.)",
            ["-600"],
            {"053026-1-001": every(-500), "053028-1-1001": every(-100)},
            [
                '053026-1-001 is given as "500 t.kr." and read as -500 every year: of the ways '
                "to read it, the one that adds up to the economic table's change.",
                '053028-1-1001 is given as "100 t.kr." and read as -100 every year: of the ways '
                "to read it, the one that adds up to the economic table's change.",
            ],
        ),
        (
            "XG-3703170001-1 (-1,2 mio.) - XG-3701110005-1 (+0,5 mio.)",
            ["-700"],
            {"XG-3703170001-1": every(-1200), "XG-3701110005-1": every(500)},
            [],
        ),
        (
            "XG-3703170001-1 (-1,2 mio.) - XG-3701110005-1 (0,5 mio.)",
            ["-700"],
            {"XG-3703170001-1": every(-1200), "XG-3701110005-1": every(500)},
            [
                'XG-3701110005-1 is given as "0,5 mio." and read as 500 every year: of the ways '
                "to read it, the one that adds up to the economic table's change."
            ],
        ),
        (
            KAERBO_PSP,
            ["-1.100", "-1.600", "-1.600", "-1.600"],
            {
                "3709710005": {2024: 600, 2025: 100, 2026: 100, 2027: 100},
                "3709820010": every(-240),
                "3709820020": every(-470),
                "3709820030": every(-630),
                "3709820040": every(-360),
            },
            [
                '3709710005 is given as "100/600 t.kr." and read as 2024: 600, 2025: 100, '
                "2026: 100, 2027: 100: of the ways to read it, the one that adds up to the "
                "economic table's change."
            ],
        ),
        (
            "3701110004 (+500 t.kr.), 3706610001 (-491 t.kr.), 3706610002 (-509 t.kr.) - Se bilag",
            ["-500"],
            {"3701110004": every(500), "3706610001": every(-491), "3706610002": every(-509)},
            [],
        ),
    ],
)
def test_allocations_are_read_with_the_signs_that_add_up_to_the_table(
    runner: CliRunner, here: Path, psp: str, cells: list[str], expected: Any, notes: list[str]
) -> None:
    text = page(header={"Omkostningssted/PSP-element": psp}, table=change(*cells))
    code, _, err = imported(runner, text)
    assert (code, err) == (0, "1 proposal written, 0 kept; 0 errors, 0 warnings\n")
    p = the_proposal()
    assert p.allocations is not None
    assert p.allocations.cost_centers == expected
    assert p.allocations.function_areas == {"053027": p.change.inside_service_frame}
    assert p.notes == notes


SAVING_1000 = ("saving", "Besparelsespotentiale", every(-1000))


@pytest.mark.parametrize(
    ("lines", "cells", "components", "notes"),
    [
        (
            [
                "a) Besparelspotentiale (-1,0 mio. kr. i 2024 og frem)",
                "b) Investering (0,5 mio. kr.)",
            ],
            ["-500"],
            [SAVING_1000, ("investment", "Investering", every(500))],
            [],
        ),
        (
            ["Besparelsespotentiale på 0,6 mio. kr. i 2024-2027"],
            ["-600"],
            [("saving", "Besparelsespotentiale", every(-600))],
            [],
        ),
        (
            ["Besparelspotentiale (-50.000 kr. i 2024 og frem)"],
            ["-50"],
            [("saving", "Besparelsespotentiale", every(-50))],
            [],
        ),
        (
            ["Besparelsespotentiale (-0,4 mio. kr. i 2024 og 0 kr. i efterfølgende år.)"],
            ["-400", "0", "0", "0"],
            [("saving", "Besparelsespotentiale", {2024: -400})],
            [],
        ),
        (
            # a saving written with a plus: the convention's minus, and a note
            ["Besparelsespotentiale (+1,2 mio. kr. i 2024 og frem)"],
            ["-1.200"],
            [("saving", "Besparelsespotentiale", every(-1200))],
            [
                "'Besparelsespotentiale (+1,2 mio. kr. i 2024 og frem)' gives +1,2 mio. kr. as a "
                "saving; it is written -1200 here, by the sign convention (a saving ≤ 0, an "
                "investment ≥ 0)."
            ],
        ),
        (
            # a saving written without a sign: the convention's minus (the code says nothing)
            ["Besparelsespotential (1,2 mio. kr. i 2024 og frem)"],
            ["-1.200"],
            [("saving", "Besparelsespotentiale", every(-1200))],
            [],
        ),
        (
            # an investment written with a minus, as the Kærbo page does
            [
                "- a) Besparelspotentiale (-1,0 mio. kr. i 2024 og frem)",
                "b) Investering (-0,5 mio. kr. i 2024)",
            ],
            ["-500", "-1.000", "-1.000", "-1.000"],
            [SAVING_1000, ("investment", "Investering", {2024: 500})],
            [
                "'b) Investering (-0,5 mio. kr. i 2024)' gives -0,5 mio. kr. as an investment; "
                "it is written 500 here, by the sign convention (a saving ≤ 0, an investment ≥ 0)."
            ],
        ),
    ],
)
def test_the_a_b_lines_are_read_into_components(
    runner: CliRunner,
    here: Path,
    lines: list[str],
    cells: list[str],
    components: list[Any],
    notes: list[str],
) -> None:
    text = page(table=change(*cells), lines=["Forslaget beskrives her.", *lines])
    code, _, err = imported(runner, text)
    assert (code, err) == (0, "1 proposal written, 0 kept; 0 errors, 0 warnings\n")
    p = the_proposal()
    assert [(c.type, c.label, bare(c.amounts)) for c in p.components] == components
    assert p.notes == notes


# --- 4. figures refused -------------------------------------------------------------------------


def test_a_decimal_point_and_decimals_in_the_table_are_refused(
    runner: CliRunner, here: Path
) -> None:
    text = page(table={"Driftsbudget": ["1.5", "1,25", "105.769", "105.769"]})
    code, problems = problems_of(runner, text)
    assert code == 1
    assert problems == [
        import_error(
            text,
            "Driftsbudget",
            "2024: '1.5' has a dot that is not a thousands separator (Danish writes a decimal "
            "comma: 1,5)",
        ),
        import_error(text, "Driftsbudget", "2025: 1,25 is not a whole number of 1.000 kr."),
        NO_PROPOSALS,
    ]
    nothing_written()


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2212"])
def test_a_lone_dash_in_a_cell_is_refused(runner: CliRunner, here: Path, dash: str) -> None:
    text = page(
        table={
            "Beløb indenfor servicerammen": ["-500", "-500", dash, "-500"],
            "I alt": ["-500", "-500", "", "-500"],
        }
    )
    code, problems = problems_of(runner, text)
    assert code == 1
    assert problems == [
        import_error(
            text,
            "Beløb indenfor",
            "2026: a lone dash could mean 0 or nothing: write 0, or leave the cell empty",
        ),
        NO_PROPOSALS,
    ]
    nothing_written()


TWO_WAYS = (
    "the amounts can be read more than one way (a sign not written, or two figures for one "
    "code), and {} of them add up to the change: the line is not read"
)


@pytest.mark.parametrize(
    ("psp", "cells", "message"),
    [
        ("3709710005 (100/600 t.kr.)", ["-500"], TWO_WAYS.format("no reading")),
        ("053027 (300 t.kr.) og 053028 (300 t.kr.)", ["0"], TWO_WAYS.format("2 readings")),
        (
            "053027 (100 t.kr.), 053028 (100 t.kr.), 053029 (-200 t.kr.)",
            ["-200"],
            TWO_WAYS.format("2 readings"),
        ),
        (
            "053027 og 053028",
            ["-500"],
            "053027, 053028 are given without amounts: how the change splits is not said",
        ),
        (
            "053027 (-500 t.kr.) og 053028",
            ["-500"],
            "053028 given without an amount beside codes with one: the line is not read",
        ),
    ],
)
def test_allocations_that_cannot_be_read_one_way_are_refused(
    runner: CliRunner, here: Path, psp: str, cells: list[str], message: str
) -> None:
    text = page(header={"Omkostningssted/PSP-element": psp}, table=change(*cells))
    code, problems = problems_of(runner, text)
    assert code == 1
    assert problems == [import_error(text, "Omkostningssted", message), NO_PROPOSALS]
    nothing_written()


def numbered(text: str, line: str) -> str:
    """``line N``: where ``line`` stands in ``text``, as the messages name it."""
    return f"line {text.splitlines().index(line) + 1}"


def test_an_a_line_whose_amount_has_no_unit_is_refused(runner: CliRunner, here: Path) -> None:
    line = "a) Besparelsespotentiale (-1,0 i 2024 og frem)"
    text = page(lines=["Forslaget beskrives her.", line, "b) Investering (0,5 mio. kr.)"])
    code, problems = problems_of(runner, text)
    assert code == 1
    assert [(p["path"], p["severity"], p["rule"], p["message"]) for p in problems] == [
        (
            "p.txt",
            "error",
            "import",
            f"page 1, {numbered(text, line)}: no amount with a unit in '{line}' (e.g. 0,5 mio. "
            "kr.): the components are not read",
        ),
        ("data/proposals", "warning", "no-proposals", NO_PROPOSALS["message"]),
    ]
    nothing_written()


# --- 5. the command: --dry-run, --force, --add-areas, --format json, files it does not read -----


def test_a_dry_run_writes_nothing_and_prints_each_file(runner: CliRunner, here: Path) -> None:
    before = files_of(here / "data")
    code, out, err = run(runner, "import", str(SEED), "--to", "data", "--dry-run")
    assert code == 0
    assert err == "11 proposals would be written, 0 kept; 0 errors, 2 warnings\n"
    assert files_of(here / "data") == before
    (here / "real").mkdir()
    shutil.copy(DATA / "areas.yaml", here / "real" / "areas.yaml")
    assert run(runner, "import", str(SEED), "--to", "real")[0] == 0
    lines = out.splitlines()
    for pid, number in PAGE_OF.items():
        text = (here / "real" / "proposals" / f"{pid}.yaml").read_text(encoding="utf-8")
        title = proposals(here / "real")[pid].title
        start = lines.index(
            f"# data/proposals/{pid}.yaml would be written ({SEED}, page {number}: {title})"
        )
        assert lines[start + 1 : start + 1 + len(text.splitlines())] == text.splitlines()
    assert lines[-2:] == [
        "data/proposals/effektivisering-oeget-brug.yaml:20:3: warning: allocations.function_areas "
        "do not add up to the change (2024: -1200 vs -1100; 2025: -1200 vs -1600; 2026: -1200 vs "
        "-1600; 2027: -1200 vs -1600) [allocations-sum]",
        "data/proposals/styrkelse-lovpligtige-opfoelgning-2.yaml:11:1: warning: area_budget "
        "differs from the budget of B60.10.20 in areas.yaml (2024: 97844 vs 97845; 2025: 97844 "
        "vs 97846) [area-budget-mismatch]",
    ]


def test_a_dry_run_adds_no_area(runner: CliRunner, here: Path) -> None:
    before = files_of(here / "data")
    text = page(header={"Bevillings-/Budgetområde": "B60.99.10 Nyt område"})
    code, out, _ = imported(runner, text, "--dry-run", "--add-areas")
    assert code == 0
    assert out.startswith(
        "# data/proposals/proeveforslag.yaml would be written (p.txt, page 1: Prøveforslag)\n"
    )
    assert files_of(here / "data") == before


def test_a_file_that_is_there_is_kept_unless_force(runner: CliRunner, here: Path) -> None:
    text = page()
    assert imported(runner, text)[0] == 0
    path = Path("data/proposals/proeveforslag.yaml")
    first = path.read_bytes()
    edited = b"# edited by hand\n" + first
    path.write_bytes(edited)
    code, out, err = imported(runner, text)
    assert code == 1
    assert out == (
        "kept data/proposals/proeveforslag.yaml: an earlier import of the page wrote it "
        "(--force replaces it) (p.txt, page 1: Prøveforslag)\n"
    )
    assert err == "0 proposals written, 1 kept; 0 errors, 0 warnings\n"
    assert path.read_bytes() == edited
    code, out, _ = imported(runner, text, "--dry-run")
    assert code == 1
    assert out.startswith("kept data/proposals/proeveforslag.yaml: ")
    assert path.read_bytes() == edited
    code, out, err = imported(runner, text, "--force")
    assert code == 0
    assert out == "wrote data/proposals/proeveforslag.yaml (p.txt, page 1: Prøveforslag)\n"
    assert err == "1 proposal written, 0 kept; 0 errors, 0 warnings\n"
    assert path.read_bytes() == first


@pytest.mark.parametrize("name", ["proeveforslag.yaml", "Proeveforslag.yml"])
def test_a_file_import_did_not_write_is_never_replaced(
    runner: CliRunner, here: Path, name: str
) -> None:
    """A proposal written by hand whose id a title gives (a .yml too, in any case) is the
    user's own: the page gets an id of its own, with --force too, and that file stays."""
    assert imported(runner, page())[0] == 0
    path = Path("data/proposals/proeveforslag.yaml")
    own = path.read_bytes().replace(b'source: {document: "p.txt", page: 1}\n', b"")
    path.unlink()
    mine = Path("data/proposals") / name
    mine.write_bytes(own.replace(b"id: proeveforslag", f"id: {mine.stem}".encode()))
    code, out, err = imported(runner, page(), "--force")
    assert code == 0
    assert out == "wrote data/proposals/proeveforslag-2.yaml (p.txt, page 1: Prøveforslag)\n"
    assert err == "1 proposal written, 0 kept; 0 errors, 0 warnings\n"
    assert sorted(os.listdir("data/proposals")) == sorted([name, "proeveforslag-2.yaml"])
    assert mine.read_bytes() == own.replace(b"id: proeveforslag", f"id: {mine.stem}".encode())


NEW_AREA = page(
    header={"Bevillings-/Budgetområde": "B60.99.10 Nyt område"},
    table={"Samlet budget på bevillings-/budgetområdet": ["5.000", "5.100", "5.200", "5.200"]},
)


def test_an_unknown_area_refuses_the_page_and_names_add_areas(
    runner: CliRunner, here: Path
) -> None:
    """The page is refused, nothing written; the command the message suggests then works as
    it reads."""
    before = files_of(here / "data")
    code, out, err = imported(runner, NEW_AREA)
    assert code == 1
    assert out.splitlines() == [
        "refused p.txt, page 1: Prøveforslag: nothing written for it (its errors are below)",
        "p.txt:1:1: error: page 1: area B60.99.10 is not in areas.yaml: did you mean B60.30.10? "
        "run the import again with --add-areas to add it, then the page is imported [import]",
        "data/proposals: warning: no proposals: there is no folder data/proposals/ (one "
        "YAML file a proposal) [no-proposals]",
    ]
    assert err == "0 proposals written, 0 kept, 1 page refused; 1 error, 1 warning\n"
    assert files_of(here / "data") == before
    code, out, err = imported(runner, NEW_AREA, "--add-areas")
    assert (code, err) == (0, "1 proposal written, 0 kept; 0 errors, 0 warnings\n")
    assert load_checked(here / "data", use_cache=False).valid


def test_add_areas_that_cannot_add_says_so_and_refuses_the_page(
    runner: CliRunner, here: Path
) -> None:
    """areas.yaml with its areas as a flow list: the message does not suggest --add-areas,
    and with it the page is refused (areas.yaml is never rewritten)."""
    areas = here / "data" / "areas.yaml"
    areas.write_text(
        "municipality: X\ntitle: Budget 2024-2027\nyears: [2024, 2025, 2026, 2027]\n"
        "areas: [{code: B60.30.10, committee: Social- og Sundhedsudvalget}]\n",
        encoding="utf-8",
    )
    before = files_of(here / "data")
    code, out, _ = imported(runner, NEW_AREA)
    assert code == 1
    assert out.splitlines()[1] == (
        "p.txt:1:1: error: page 1: area B60.99.10 is not in areas.yaml: did you mean B60.30.10? "
        "add it to areas.yaml, then the page is imported [import]"
    )
    code, out, _ = imported(runner, NEW_AREA, "--add-areas")
    assert code == 1
    assert out.splitlines()[1] == (
        "p.txt:1:1: error: page 1: area B60.99.10 is not in areas.yaml, and --add-areas "
        "cannot add it there: its areas: list is not written one item a line (- code: …); add "
        "the area by hand [import]"
    )
    assert files_of(here / "data") == before


def test_add_areas_appends_the_area_as_the_page_states_it(runner: CliRunner, here: Path) -> None:
    before = (here / "data" / "areas.yaml").read_bytes()
    code, out, err = imported(runner, NEW_AREA, "--add-areas")
    assert code == 0
    assert out == "wrote data/proposals/proeveforslag.yaml (p.txt, page 1: Prøveforslag)\n"
    assert err == "1 proposal written, 0 kept; 0 errors, 0 warnings\n"
    after = (here / "data" / "areas.yaml").read_bytes()
    assert (
        after
        == before
        + (
            '  - code: "B60.99.10"\n'
            '    name: "Nyt område"\n'
            '    committee: "Social- og Sundhedsudvalget"\n'
            "    budget: {2024: 5000, 2025: 5100, 2026: 5200, 2027: 5200}\n"
        ).encode()
    )
    checked = load_checked(here / "data", use_cache=False)
    assert checked.budget is not None
    area = checked.budget.meta.area("B60.99.10")
    assert area is not None
    assert (area.name, area.committee, area.budget) == (
        "Nyt område",
        "Social- og Sundhedsudvalget",
        {2024: 5000, 2025: 5100, 2026: 5200, 2027: 5200},
    )


def test_the_json_report(runner: CliRunner, here: Path) -> None:
    text = page(table={"Driftsbudget": ["1.5", "105.769", "105.769", "105.769"]})
    code, out, _ = imported(runner, text, "--format", "json")
    assert code == 1
    report = json.loads(out)
    refused = {
        "path": None,
        "id": None,
        "document": "p.txt",
        "page": 1,
        "title": "Prøveforslag",
        "done": "refused",
    }
    assert report == {
        "dry_run": False,
        "proposals": [refused],
        "errors": 1,
        "warnings": 1,
        "problems": [
            import_error(
                text,
                "Driftsbudget",
                "2024: '1.5' has a dot that is not a thousands separator (Danish writes a "
                "decimal comma: 1,5)",
            ),
            NO_PROPOSALS,
        ],
    }
    nothing_written()
    text = page()
    code, out, _ = imported(runner, text, "--format", "json", "--dry-run")
    assert code == 0
    report = json.loads(out)
    assert report["dry_run"] is True
    (planned,) = report["proposals"]
    assert {k: v for k, v in planned.items() if k != "text"} == {
        "path": "data/proposals/proeveforslag.yaml",
        "id": "proeveforslag",
        "document": "p.txt",
        "page": 1,
        "title": "Prøveforslag",
        "done": "planned",
    }
    nothing_written()
    assert imported(runner, text)[0] == 0
    written = Path("data/proposals/proeveforslag.yaml").read_text(encoding="utf-8")
    assert planned["text"] == written


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("forslag.pdf", "forslag.pdf: import reads .docx and .txt (Word's plain text), not .pdf"),
        (
            "forslag",
            "forslag: import reads .docx and .txt (Word's plain text), not a file without a suffix",
        ),
        ("nowhere.txt", "cannot read nowhere.txt: No such file or directory"),
        ("nowhere.docx", "cannot read nowhere.docx: No such file or directory"),
    ],
)
def test_a_file_import_does_not_read_is_a_usage_error(
    runner: CliRunner, here: Path, name: str, message: str
) -> None:
    if name.startswith("forslag"):
        Path(name).write_bytes(b"%PDF-1.4\n")
    before = files_of(here / "data")
    assert run(runner, "import", name, "--to", "data") == (2, "", f"budgetcli: error: {message}\n")
    assert files_of(here / "data") == before


def test_a_text_that_is_not_utf8_is_an_io_problem(runner: CliRunner, here: Path) -> None:
    Path("latin.txt").write_bytes("Rådighedsforslag til budget 2024-2027\n".encode("latin-1"))
    code, out, err = run(runner, "import", "latin.txt", "--to", "data")
    assert code == 1
    assert out.splitlines()[0] == (
        "latin.txt: error: not UTF-8 or UTF-16 text: byte 0xe5 on line 1 (byte 1) is not "
        "UTF-8; is the file Windows-1252 or Latin-1? save it as plain text, UTF-8 [io]"
    )
    assert err.startswith("0 proposals written, 0 kept; 1 error, ")
    assert not (here / "data" / "proposals").exists()


# --- 6. budgetcli new ---------------------------------------------------------------------------

TO_FILL_IN = [
    (5, "title is still to be written (it says TODO)"),
    (15, "the change is 0 in every year: fill in inside_service_frame (and outside, if any)"),
    (29, "description is still to be written (it says TODO)"),
]


def validated(
    runner: CliRunner, folder: str = "data"
) -> tuple[int, list[tuple[str, int, str, str, str]]]:
    code, out, _ = run(runner, "validate", folder, "--format", "json")
    problems = json.loads(out)["problems"]
    return code, [(p["path"], p["line"], p["severity"], p["rule"], p["message"]) for p in problems]


def test_new_writes_a_file_that_validates_with_what_is_to_fill_in(
    runner: CliRunner, here: Path
) -> None:
    code, out, err = run(
        runner, "new", "kortere-aabningstid", "--area", "B60.30.10", "--data", "data"
    )
    assert (code, out, err) == (0, "wrote data/proposals/kortere-aabningstid.yaml\n", "")
    text = Path("data/proposals/kortere-aabningstid.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[3].startswith("id: kortere-aabningstid ")
    assert lines[6].startswith("kind: reduction ")
    assert lines[7].startswith('committee: "Social- og Sundhedsudvalget" ')
    assert lines[13].startswith(
        "area_budget: {2024: 108114, 2025: 108877, 2026: 99845, 2027: 99845} "
    )
    assert lines[15].startswith("  inside_service_frame: {2024: 0, 2025: 0, 2026: 0, 2027: 0} ")
    code, problems = validated(runner)
    assert code == 0
    path = "data/proposals/kortere-aabningstid.yaml"
    assert problems == [(path, line, "warning", "to-fill-in", m) for line, m in TO_FILL_IN]
    p = the_proposal()
    assert (p.committee, p.areas, p.area_budget) == (
        "Social- og Sundhedsudvalget",
        ["B60.30.10"],
        {2024: 108114, 2025: 108877, 2026: 99845, 2027: 99845},
    )


AREAS_2025 = """\
# a budget of other years
municipality: Testby Kommune
title: Budget 2025-2028
years: [2025, 2026, 2027, 2028]
unit: 1000 DKK
areas:
  - {code: X1, name: Skoler, committee: Børne- og Ungeudvalget, budget: {2025: 10, 2026: 20, 2027: 30, 2028: 40}}
  - {code: X2, committee: Børne- og Ungeudvalget, budget: 5}
  - {code: Y1, committee: Kulturudvalget}
"""


def test_new_takes_the_years_committee_and_budget_from_areas_yaml(
    runner: CliRunner, here: Path
) -> None:
    Path("data/areas.yaml").write_text(AREAS_2025, encoding="utf-8")
    assert run(runner, "new", "skoler", "--area", "X1", "--area", "X2", "--data", "data")[0] == 0
    assert run(runner, "new", "kultur", "--area", "X1", "--area", "Y1", "--data", "data")[0] == 0
    text = Path("data/proposals/skoler.yaml").read_text(encoding="utf-8").splitlines()
    assert text[7].startswith('committee: "Børne- og Ungeudvalget" ')
    assert text[13].startswith("area_budget: {2025: 15, 2026: 25, 2027: 35, 2028: 45} ")
    assert text[15].startswith("  inside_service_frame: {2025: 0, 2026: 0, 2027: 0, 2028: 0} ")
    assert text[16].startswith("  outside_service_frame: {2025: 0, 2026: 0, 2027: 0, 2028: 0} ")
    got = proposals(here / "data")
    # two committees, or an area without a budget: neither is filled in
    assert (got["kultur"].committee, got["kultur"].area_budget) == (None, None)
    assert got["skoler"].area_budget == {2025: 15, 2026: 25, 2027: 35, 2028: 45}
    code, problems = validated(runner)
    assert code == 0
    assert {rule for _, _, _, rule, _ in problems} == {"to-fill-in"}
    assert len(problems) == 6


def test_new_refuses_an_id_that_is_there(runner: CliRunner, here: Path) -> None:
    assert run(runner, "new", "kortere", "--area", "B60.30.10", "--data", "data")[0] == 0
    path = Path("data/proposals/kortere.yaml")
    path.write_bytes(path.read_bytes() + b"# mine\n")
    before = path.read_bytes()
    assert run(runner, "new", "kortere", "--area", "B60.30.45", "--data", "data") == (
        2,
        "",
        "budgetcli: error: data/proposals/kortere.yaml is there already: choose another id\n",
    )
    assert path.read_bytes() == before


def test_new_refuses_an_unknown_area(runner: CliRunner, here: Path) -> None:
    code, out, err = run(runner, "new", "andet", "--area", "B60.30.11", "--data", "data")
    assert (code, out) == (2, "")
    assert err == (
        "budgetcli: error: no area with code 'B60.30.11'; did you mean B60.30.15, B60.30.10, "
        "B60.30.45?\n"
    )
    assert not Path("data/proposals/andet.yaml").exists()


def test_new_construction(runner: CliRunner, here: Path) -> None:
    code, _, _ = run(
        runner, "new", "byggeri", "--area", "B60.30.10", "--kind", "construction", "--data", "data"
    )
    assert code == 0
    lines = Path("data/proposals/byggeri.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[6].startswith("kind: construction ")
    assert lines[17].startswith("  construction: {2024: 0, 2025: 0, 2026: 0, 2027: 0} ")
    assert the_proposal().kind == "construction"
    code, problems = validated(runner)
    assert code == 0
    path = "data/proposals/byggeri.yaml"
    assert problems == [
        (path, 5, "warning", "to-fill-in", TO_FILL_IN[0][1]),
        (path, 15, "warning", "to-fill-in", TO_FILL_IN[1][1]),
        (
            path,
            18,
            "warning",
            "to-fill-in",
            "the construction amounts are 0 in every year: fill them in (rådighedsbeløb)",
        ),
        (path, 29, "warning", "to-fill-in", TO_FILL_IN[2][1]),
    ]


# --- bugs found: each test states what the code should do -----------------------------------------


def test_codes_listed_with_commas_are_not_booked_to_the_last(runner: CliRunner, here: Path) -> None:
    """Was a bug: ``allocations.CODE`` will not end a code before a comma, so in "053027, 053028" the
    first code is not seen and the whole change is booked to 053028; "053027 og 053028" is
    refused, as it should be."""
    text = page(header={"Funktionsområde": "053027, 053028"})
    code, problems = problems_of(runner, text)
    nothing_written()  # not {"053028": -500 every year}
    assert code == 1
    assert problems == [
        import_error(
            text,
            "Funktionsområde",
            "053027, 053028 are given without amounts: how the change splits is not said",
        ),
        NO_PROPOSALS,
    ]


def test_a_code_whose_last_part_is_before_a_comma_is_read_whole(
    runner: CliRunner, here: Path
) -> None:
    """Was a bug: the same, for a code of parts: "XG-3703170001-1, XG-3701110005-1" names
    XG-3703170001 (its "-1" cut off) in the message."""
    text = page(header={"Omkostningssted/PSP-element": "XG-3703170001-1, XG-3701110005-1"})
    code, problems = problems_of(runner, text)
    assert code == 1
    assert problems == [
        import_error(
            text,
            "Omkostningssted",
            "XG-3703170001-1, XG-3701110005-1 are given without amounts: how the change "
            "splits is not said",
        ),
        NO_PROPOSALS,
    ]


def test_an_allocation_amount_without_a_unit_is_not_passed_over(
    runner: CliRunner, here: Path
) -> None:
    """Was a bug: "053027 (100)" (an amount with no unit) is read as a code alone, and the whole change
    (-500) is booked to it without a word: the 100 is neither read nor reported."""
    text = page(header={"Funktionsområde": "053027 (100)"})
    code, problems = problems_of(runner, text)
    nothing_written()  # not {"053027": -500 every year}
    assert code == 1
    line = line_of(text, "Funktionsområde")
    assert [(q["path"], q["line"], q["rule"]) for q in problems] == [
        ("p.txt", line, "import"),
        ("data/proposals", 0, "no-proposals"),
    ]


def test_a_merged_aendringsforslag_row_does_not_end_the_table(
    runner: CliRunner, here: Path
) -> None:
    """Was a bug: Word saves a row of one merged cell without tabs; ``template._economic_table`` ends
    the table at the first row that is not a table row, so the change rows after
    "Ændringsforslag" are dropped: ``change: {}``, exit 0, nothing reported."""
    text = page().replace("Ændringsforslag\t\t\t\t\n", "Ændringsforslag\n")
    assert "Ændringsforslag\nBeløb indenfor servicerammen\t-500" in text
    code, problems = problems_of(runner, text)
    assert (code, problems) == (0, [])
    assert the_proposal().change.inside_service_frame == every(-500)


def test_a_paragraph_that_begins_with_besparelsen_is_not_an_a_b_line(
    runner: CliRunner, here: Path
) -> None:
    """Was a bug: ``template._COMPONENT`` takes every paragraph that begins with "Besparel" or
    "Investering" for an a)/b) line, so a sentence such as "Besparelsen realiseres …" has
    "no amount with a unit" and the components of the real a) line are not read."""
    lines = [
        "Besparelsen realiseres ved færre nattevagter.",
        "a) Besparelsespotentiale (-0,5 mio. kr. i 2024 og frem)",
    ]
    code, problems = problems_of(runner, page(lines=lines))
    assert (code, problems) == (0, [])
    components = [(c.type, c.label, c.amounts) for c in the_proposal().components]
    assert components == [("saving", "Besparelsespotentiale", every(-500))]


def test_a_refused_a_line_is_reported_at_its_line(runner: CliRunner, here: Path) -> None:
    """Was a bug: a component line that is refused is reported at the page's first line ("page 1",
    line 1), not at the line itself, as every other refused figure is."""
    line = "a) Besparelsespotentiale (-1,0 i 2024 og frem)"
    text = page(lines=["Forslaget beskrives her.", line])
    code, problems = problems_of(runner, text)
    assert code == 1
    assert [(p["line"], p["message"].split(":")[0]) for p in problems] == [
        (line_of(text, line), f"page 1, line {line_of(text, line)}"),
        (0, "no proposals"),
    ]


def test_staffing_figures_on_the_label_rows_are_not_dropped_silently(
    runner: CliRunner, here: Path
) -> None:
    """Was a bug: when the figures stand on the "Nuværende normering" and "Ændring af normering" rows
    themselves (no "Antal fuldtidsstillinger" row under them), ``template._read_staffing`` drops
    them: no staffing, nothing reported."""
    staffing = [
        ["Nuværende normering på området", "14", "14", "14", "14"],
        ["Ændring af normering s.f.a. forslag", "-1", "-1", "-1", "-1"],
    ]
    text = page(staffing=staffing)
    code, problems = problems_of(runner, text)
    # the rows have no years header of their own: which year each figure is for is not said
    message = "the staffing table names no years above its figures: add its header row"
    assert (code, problems) == (
        1,
        [
            import_error(text, "Nuværende normering", message),
            import_error(text, "Ændring af normering", message),
            NO_PROPOSALS,
        ],
    )
    nothing_written()


def test_a_dry_run_names_the_data_folder_when_the_scratch_copy_is_below_the_working_directory(
    runner: CliRunner, here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Was a bug: the dry run, when it checked a scratch copy of the folder, mapped the copy's
    paths back to the data folder by ``str(copy)``, but the problems name them relative to the working directory when the copy
    is below it (run from /tmp, or TMPDIR below the project): the report names the scratch
    copy, ``scratch/tmpXXXX/data/proposals/…``, a folder that is gone."""
    (here / "scratch").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(here / "scratch"))
    text = page(header={"Bevillings-/Budgetområde": "B60.99.10"})
    code, problems = problems_of(runner, text, "--dry-run")
    assert code == 1
    assert [p["path"] for p in problems] == ["p.txt", "data/proposals"]
    assert os.listdir(here / "scratch") == []  # a dry run copies nothing anywhere
