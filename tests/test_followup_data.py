"""The follow-up data (issue 26) and its hand-computed figures agree with each other.

``tests/followup_expected.py`` holds the figures ``budgetcli followup`` must show for the
bundled follow-ups and for the transcribed one of another municipality. These tests hold
those constants to the data files they were computed from (OB, stated FR and spending, the
changes before each cut-off, the proposals' planned change, the export's sums) and to their
own arithmetic (KB, deviation, per cents, totals, carry-over, realisation), so a data file
edited without its figures, or a figure mistyped, fails here before it misleads the
command's tests. The export is also made again from its seed and must be byte for byte the
bundled one. budgetcli itself is not run: these figures do not depend on it.
"""

from __future__ import annotations

import datetime
import importlib.util
from fractions import Fraction
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from tests import followup_expected as E

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("supplementary", "reallocation", "carry_over")
FRAMES = ("inside", "outside", "construction")

#: each follow-up's constants by prefix
FOLLOWUPS = ["MEMO", "BO1", "BO2", "BO3", "OTHER"]
#: the decimals each follow-up prints its figures with (the memo: mio. kr. with three)
DECIMALS = {"MEMO": 3, "BO1": 1, "BO2": 1, "BO3": 1, "OTHER": 1}


def make_spending() -> ModuleType:
    """tests/fixtures/make_spending.py as a module (the fixtures folder is no package)."""
    spec = importlib.util.spec_from_file_location(
        "make_spending", ROOT / "tests" / "fixtures" / "make_spending.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read(path: Path) -> Any:
    """A YAML file, parsed."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def const(prefix: str, name: str) -> Any:
    """``E.<prefix>_<name>``."""
    return getattr(E, f"{prefix}_{name}")


def tenths(numerator: int, denominator: int) -> str:
    """numerator / |denominator| × 100 to one decimal, half-even on the exact fraction."""
    exact = Fraction(numerator * 1000, abs(denominator))
    whole = round(exact)  # Fraction rounds half to even
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole) // 10}.{abs(whole) % 10}"


def loaded(prefix: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The follow-up's areas.yaml, appropriations and follow-up file."""
    data = ROOT / const(prefix, "DATA")
    followup = read(data / "followups" / f"{const(prefix, 'ID')}.yaml")
    appropriations = read(data / "appropriations" / f"{followup['year']}.yaml")
    return read(data / "areas.yaml"), appropriations, followup


def counted_changes(appropriations: dict[str, Any], cut_off: datetime.date) -> dict[Any, Any]:
    """Per (area, frame): the adopted changes dated on or before the cut-off, by kind."""
    found: dict[tuple[str, str], dict[str, int]] = {}
    for change in appropriations.get("changes", []):
        if change["status"] != "adopted" or change["date"] > cut_off:
            continue
        for area, amount in change["amounts"].items():
            kinds = found.setdefault((area, change["frame"]), dict.fromkeys(KINDS, 0))
            kinds[change["kind"]] += amount
    return found


@pytest.mark.parametrize("prefix", FOLLOWUPS)
def test_rows_follow_from_the_data_files(prefix: str) -> None:
    """Each row's OB, changes, stated FR and spending are the data files'."""
    _areas, appropriations, followup = loaded(prefix)
    rows = const(prefix, "ROWS")
    assert list(rows) == [(r["area"], r.get("frame", "inside")) for r in followup["areas"]]
    ob = {(a["code"], f): a[f] for a in appropriations["areas"] for f in a if f in FRAMES}
    changes = counted_changes(appropriations, followup["cut_off"])
    for entry in followup["areas"]:
        key = (entry["area"], entry.get("frame", "inside"))
        row = rows[key]
        assert row.ob == ob.get(key, 0), key
        kinds = changes.get(key, dict.fromkeys(KINDS, 0))
        assert (row.supplementary, row.reallocation, row.carry_over) == tuple(kinds.values())
        if isinstance(entry["expected"], int):
            assert row.fr == entry["expected"], key
        if "spent" in entry:
            assert row.spent == entry["spent"], key


@pytest.mark.parametrize("prefix", FOLLOWUPS)
def test_rows_add_up(prefix: str) -> None:
    """KB = OB + changes, deviation = FR − KB, the per cents, the extrapolation."""
    _areas, _appropriations, followup = loaded(prefix)
    entries = {(r["area"], r.get("frame", "inside")): r for r in followup["areas"]}
    for key, row in const(prefix, "ROWS").items():
        assert row.kb == row.ob + row.supplementary + row.reallocation + row.carry_over, key
        assert row.deviation == row.fr - row.kb, key
        assert row.deviation_pct == tenths(row.deviation, row.kb), key
        assert row.spent_pct == (None if row.spent is None else tenths(row.spent, row.kb))
        last = entries[key].get("last_year")
        expected = (
            None if last is None else round(Fraction(row.spent * last["total"], last["to_date"]))
        )
        assert row.extrapolated == expected, key


def carry(rule: str, deviation: int) -> int:
    """The spec's carry-over proposal of a deviation by a rule."""
    wanted = {"full": True, "overspend": deviation > 0, "underspend": deviation < 0}
    return -deviation if wanted.get(rule, False) else 0


@pytest.mark.parametrize("prefix", FOLLOWUPS)
def test_carry_over_follows_each_areas_rule(prefix: str) -> None:
    areas, appropriations, _followup = loaded(prefix)
    rules = {a["code"]: a.get("carry_over", "full") for a in areas["areas"]}
    rules |= {a["code"]: a["carry_over"] for a in appropriations["areas"] if "carry_over" in a}
    per_area: dict[str, int] = {}
    for (area, _frame), row in const(prefix, "ROWS").items():
        assert row.carry_over_next == carry(rules[area], row.deviation), area
        per_area[area] = per_area.get(area, 0) + row.carry_over_next
    assert const(prefix, "CARRY_OVER") == per_area
    assert const(prefix, "CARRY_OVER_TOTAL") == sum(per_area.values())


def summed(rows: list[Any]) -> E.Total:
    """The total of rows as the decisions say (spent only when every row has it)."""
    sums = {k: sum(getattr(r, k) for r in rows) for k in ("ob", *KINDS, "kb", "fr", "deviation")}
    sums["carry_over_next"] = sum(r.carry_over_next for r in rows)
    spent = None if any(r.spent is None for r in rows) else sum(r.spent for r in rows)
    return E.Total(
        rows=len(rows),
        **{k: sums[k] for k in ("ob", *KINDS, "kb", "fr", "deviation", "carry_over_next")},
        spent=spent,
        spent_pct=None if spent is None else tenths(spent, sums["kb"]),
        deviation_pct=tenths(sums["deviation"], sums["kb"]),
    )


@pytest.mark.parametrize("prefix", FOLLOWUPS)
def test_totals_are_the_sums_of_their_rows(prefix: str) -> None:
    areas, appropriations, _followup = loaded(prefix)
    committee = {a["code"]: a["committee"] for a in areas["areas"]}
    committee |= {a["code"]: a["committee"] for a in appropriations["areas"] if "committee" in a}
    rows = const(prefix, "ROWS")
    assert const(prefix, "TOTAL") == summed(list(rows.values()))
    for name, total in const(prefix, "COMMITTEES").items():
        assert total == summed([r for (a, _f), r in rows.items() if committee[a] == name])
    frames = {f for _a, f in rows}
    assert set(const(prefix, "FRAMES")) == frames
    for frame, total in const(prefix, "FRAMES").items():
        assert total == summed([r for (_a, f), r in rows.items() if f == frame])


@pytest.mark.parametrize("prefix", FOLLOWUPS)
def test_realisation_follows_the_proposals(prefix: str) -> None:
    """planned = the proposal's net change in the year; gap = planned − realised."""
    _areas, appropriations, followup = loaded(prefix)
    data = ROOT / const(prefix, "DATA")
    stated = {p["id"]: p for p in followup.get("proposals", [])}
    table = const(prefix, "REALISATION")
    assert list(table) == list(stated)
    assert set(stated) <= set(appropriations["adopted"])
    for pid, real in table.items():
        change = read(data / "proposals" / f"{pid}.yaml")["change"]
        series = [change.get(k, {}) for k in ("inside_service_frame", "outside_service_frame")]
        year = followup["year"]
        assert real.planned == sum(s if isinstance(s, int) else s.get(year, 0) for s in series)
        assert real.realised == stated[pid]["realised"]
        amount = {"full": real.planned, "none": 0}.get(real.realised, stated[pid].get("amount"))
        assert (real.amount, real.gap) == (amount, real.planned - real.amount)
    total = const(prefix, "REALISATION_TOTAL")
    assert total.planned == sum(r.planned for r in table.values())
    assert (total.realised, total.gap) == (
        sum(r.amount for r in table.values()),
        total.planned - total.realised,
    )


def test_the_memo_figures_are_the_issues() -> None:
    """The issue's figures: FR 133,357 against KB 129,351, 4,006 (inside 11,951, outside -7,945)."""
    assert (E.MEMO_TOTAL.fr, E.MEMO_TOTAL.kb, E.MEMO_TOTAL.deviation) == (133357, 129351, 4006)
    assert E.MEMO_FRAMES["inside"].deviation == 11951
    assert E.MEMO_FRAMES["outside"].deviation == -7945


def test_the_export_is_made_again_byte_for_byte(tmp_path: Path) -> None:
    spending = make_spending()
    spending.write(tmp_path / "forbrug.csv")
    bundled = ROOT / E.SPENDING_FILE
    assert (tmp_path / "forbrug.csv").read_bytes() == bundled.read_bytes()


def test_the_export_sums_and_codes() -> None:
    """Its sums per area are the constants'; every code in it is an area's in areas.yaml."""
    spending = make_spending()
    bundled = ROOT / E.SPENDING_FILE
    assert spending.sums(bundled) == E.SPENDING_ORE
    assert {a: spending.half_even_thousands(o) for a, o in E.SPENDING_ORE.items()} == E.SPENDING
    assert sum(E.SPENDING.values()) == E.SPENDING_TOTAL
    lines = bundled.read_text(encoding="utf-8").splitlines()[1:]
    assert len(lines) == E.SPENDING_LINES
    mapped = {
        code.replace(".", "").zfill(6): area["code"]
        for area in read(ROOT / "data" / "areas.yaml")["areas"]
        for code in area["functions"]
    }
    for line in lines:
        function = line.split(";")[0]
        assert function in spending.AREAS[mapped[function]][0]
    for area, spent in E.SPENDING.items():
        assert E.BO2_ROWS[(area, "inside")].spent == spent


def in_print(amount: int, unit: int, decimals: int) -> str:
    """An amount in 1.000 kr. in the printed unit, rounded half-even, as exact decimal text."""
    scaled = round(Fraction(amount * 1000 * 10**decimals, unit))
    sign = "-" if scaled < 0 else ""
    whole, part = divmod(abs(scaled), 10**decimals)
    return f"{sign}{whole}.{part:0{decimals}d}" if decimals else f"{sign}{whole}"


Figure = tuple[tuple[str | None, ...], str, str, str, int]


def printed_figures(prefix: str) -> list[Figure]:
    """Every printed figure of the follow-up: (where, field, as printed, computed, rows)."""
    _areas, _appropriations, followup = loaded(prefix)
    unit = int(followup["printed_unit"].split()[0])
    decimals = DECIMALS[prefix]
    found: list[tuple[tuple[str | None, ...], str, str, int, int]] = []
    for entry in followup["areas"]:
        row = const(prefix, "ROWS")[(entry["area"], entry.get("frame", "inside"))]
        for field, value in entry.get("printed", {}).items():
            figure = row.fr if field == "expected" else row.deviation
            where: tuple[str | None, ...] = ("row", entry["area"], entry.get("frame", "inside"))
            found.append((where, field, f"{value:.{decimals}f}", figure, 1))
    for total in followup.get("printed_totals", []):
        if "frame" in total:  # a frame's total (Tabel 2): held by tests/test_followup.py
            continue
        name = total.get("committee")
        computed = const(prefix, "COMMITTEES")[name] if name else const(prefix, "TOTAL")
        for field in ("expected", "deviation"):
            if field in total:
                figure = computed.fr if field == "expected" else computed.deviation
                found.append(
                    (("total", name), field, f"{total[field]:.{decimals}f}", figure, computed.rows)
                )
    return [(w, f, p, in_print(v, unit, decimals), n) for w, f, p, v, n in found]


@pytest.mark.parametrize("prefix", FOLLOWUPS)
def test_the_printed_figures_that_differ(prefix: str) -> None:
    """Row: error; a total of n rows off by at most n × half a step: warning, else error."""
    _areas, _appropriations, _followup = loaded(prefix)
    half_step = Fraction(1, 2 * 10 ** DECIMALS[prefix])
    figures = printed_figures(prefix)
    assert len(figures) == const(prefix, "PRINTED_CHECKED")
    differ = []
    for where, field, printed, computed, rows in figures:
        if printed != computed:
            off = abs(Fraction(printed) - Fraction(computed))
            within = where[0] == "total" and off <= rows * half_step
            severity = "warning" if within else "error"
            differ.append(E.Printed(where, field, printed, computed, rows, severity))
    assert const(prefix, "PRINTED_DIFFER") == differ
