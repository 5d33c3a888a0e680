"""A deterministic synthetic budget of N proposals, and the same budget as an hledger journal.

    python benchmarks/generate.py N OUT [--seed S] [--change PERCENT]

writes OUT/data (areas.yaml, proposals/*.yaml) and OUT/budget.journal. With --change, a second
version OUT/data-changed has that percentage of the proposals altered (an amount, a status),
for timing `budgetcli diff`. Proposals look like the seed's: areas, components, allocations,
staffing and a description of about the seed's length. Same N and seed, same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

YEARS = (2024, 2025, 2026, 2027)
COMMITTEES = (
    "Social- og Sundhedsudvalget",
    "Børne- og Undervisningsudvalget",
    "Teknik- og Miljøudvalget",
    "Kultur- og Fritidsudvalget",
    "Økonomiudvalget",
)
WORDS = (
    "borger",
    "opfølgning",
    "systematisk",
    "indsats",
    "effektivisering",
    "personale",
    "tilbud",
    "kommune",
    "ressourcer",
    "behov",
    "visitation",
    "sammenhæng",
    "kvalitet",
    "digitalisering",
    "organisering",
    "budget",
    "forbrug",
    "service",
    "medarbejdere",
    "samarbejde",
)


def areas_yaml(n_areas: int) -> str:
    lines = [
        "municipality: Syntetisk Kommune",
        "title: Budget 2024-2027",
        "years: [2024, 2025, 2026, 2027]",
        "unit: 1000 DKK",
        "areas:",
    ]
    for i in range(n_areas):
        code = f"B{60 + i // 100}.{(i // 10) % 10}0.{(i % 10) * 5:02d}"
        budget = 5000 + (i * 7919) % 100000
        lines += [
            f"  - code: {code}",
            f"    name: Område {i}",
            f"    committee: {COMMITTEES[i % len(COMMITTEES)]}",
            f"    budget: {{2024: {budget}, 2025: {budget + 10}, 2026: {budget - 5}, 2027: {budget - 5}}}",
        ]
    return "\n".join(lines) + "\n"


def area_code(i: int) -> str:
    return f"B{60 + i // 100}.{(i // 10) % 10}0.{(i % 10) * 5:02d}"


def proposal(
    i: int, rnd: random.Random, n_areas: int
) -> tuple[str, dict[int, int], dict[int, int], float, str]:
    area = rnd.randrange(n_areas)
    saving = -rnd.randrange(1, 40) * 50
    invest = rnd.choice((0, 0, rnd.randrange(1, 20) * 25))
    first_only = rnd.random() < 0.15
    sav = {y: (saving if (y == 2024 or not first_only) else 0) for y in YEARS}
    inv = {y: (invest if y == 2024 else invest // 2) for y in YEARS}
    fte = round(rnd.uniform(-4, 2), 1)
    status = rnd.choice(("proposed", "proposed", "adopted", "rejected", "realized"))
    words = [rnd.choice(WORDS) for _ in range(180)]
    description = "\n".join(" ".join(words[k : k + 18]) for k in range(0, 180, 18))
    net = {y: sav[y] + inv[y] for y in YEARS}
    ser = lambda d: "{" + ", ".join(f"{y}: {v}" for y, v in d.items()) + "}"  # noqa: E731
    text = [
        f"id: p{i:06d}",
        f"title: Forslag {i} om {rnd.choice(WORDS)} og {rnd.choice(WORDS)}",
        f"status: {status}",
        f"committee: {COMMITTEES[area % len(COMMITTEES)]}",
        f"areas: [{area_code(area)}]",
        "center: Center for Syntetiske Forslag",
        "contact: Syntetisk Kontakt",
        "date: 2023-06-22",
        f"operating_budget: {5000 + i % 9000}",
        "change:",
        f"  inside_service_frame: {ser(net)}",
        "components:",
        f"  - {{type: saving, label: Besparelsespotentiale, amounts: {ser(sav)}}}",
    ]
    if invest:
        text.append(f"  - {{type: investment, label: Investering, amounts: {ser(inv)}}}")
    text += [
        "allocations:",
        f'  function_areas: {{"0530{i % 90:02d}-1-001": {ser(net)}}}',
        f'  cost_centers: {{"37{i:08d}": {ser(net)}}}',
        "staffing:",
        f"  baseline_fte: {rnd.randrange(5, 120)}",
        f"  change_fte: {fte}",
        "description: |",
        *("  " + line for line in description.split("\n")),
    ]
    return "\n".join(text) + "\n", net, sav, fte, status


def journal_entry(i: int, net: dict[int, int], fte: float, status: str, area: str) -> str:
    """One transaction per proposal and year: a posting per service frame and one for FTE as
    its own commodity, each balanced explicitly (ledger infers no amount that nets to zero)."""
    if status == "rejected":
        return ""
    out = []
    for y in YEARS:
        out.append(
            f"{y}-01-01 p{i:06d}\n"
            f"    budget:{area}:inside   {net[y]} DKK\n"
            f"    budget:{area}:outside  0 DKK\n"
            f"    equity:proposals       {-net[y]} DKK\n"
            f"    budget:{area}:fte      {fte} FTE\n"
            f"    equity:staffing        {-fte} FTE\n"
        )
    return "\n".join(out) + "\n"


def generate(n: int, out: Path, seed: int = 2024, change: float = 0.0) -> None:
    rnd = random.Random(seed)
    n_areas = max(8, n // 50)
    data = out / "data"
    if data.exists():
        shutil.rmtree(data)
    (data / "proposals").mkdir(parents=True)
    (data / "areas.yaml").write_text(areas_yaml(n_areas), encoding="utf-8")
    journal = []
    texts = {}
    for i in range(n):
        text, net, _, fte, status = proposal(i, rnd, n_areas)
        texts[i] = text
        (data / "proposals" / f"p{i:06d}.yaml").write_text(text, encoding="utf-8")
        area = text.split("areas: [", 1)[1].split("]", 1)[0]
        journal.append(journal_entry(i, net, fte, status, area))
    (out / "budget.journal").write_text("".join(journal), encoding="utf-8")
    if change:
        changed = out / "data-changed"
        if changed.exists():
            shutil.rmtree(changed)
        shutil.copytree(data, changed)
        for i in rnd.sample(range(n), max(1, int(n * change / 100))):
            path = changed / "proposals" / f"p{i:06d}.yaml"
            text = texts[i].replace("status: proposed", "status: adopted", 1)
            path.write_text(
                text.replace("operating_budget: ", "operating_budget: 1", 1), encoding="utf-8"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--change", type=float, default=0.0, help="percent of proposals changed in data-changed"
    )
    args = parser.parse_args()
    generate(args.n, args.out, args.seed, args.change)


if __name__ == "__main__":
    main()
