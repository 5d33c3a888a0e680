"""Documents the round trip's generator drew that once failed it, kept as its examples (a
seed that finds a case once may not find it again)."""

from __future__ import annotations

from .wordgen import Document, Page
from .wordlayout import (
    Column,
    Figures,
    Header,
    Layout,
    Line,
    StaffingLayout,
    Statement,
    TableRow,
    Trick,
)
from .wordpage import TextForm
from .wordtruth import Area, Budget, Stretch, Truth

#: a year cell deleted (a tracked change: invisible) and another merged with the cell below:
#: refused for either reason, and the importer names the merge it meets first (CI, 7 December
#: 2026: the generator expected the first trick's reason only)
INVISIBLE_AND_MERGED = Document(
    budget=Budget(
        years=(2020, 2021, 2022, 2023),
        unit="1000 DKK",
        areas=(Area(code="B10.10.10", committee="Social- og Sundhedsudvalget", name=None),),
    ),
    form="docx",
    option=None,
    pages=(
        Page(
            truth=Truth(
                title="Styrket",
                kind="reduction",
                committee=None,
                areas=("B10.10.10",),
                center=None,
                contact=None,
                date=None,
                operating={2020: 1, 2021: 1, 2022: 1, 2023: 1},
                area_budget=None,
                inside={2020: -1, 2021: -1, 2022: -1, 2023: -1},
                outside={},
                construction={},
                savings=(Stretch(amount=-1, years=(2020, 2021, 2022, 2023)),),
                investments=(),
                running=(),
                function_areas=(),
                cost_centers=(),
                staffing=None,
                paragraphs=(),
            ),
            layout=Layout(
                form="docx",
                heading="Rådighedsforslag til budget 2020-2023",
                heading_years=(2020, 2023),
                header=Header(
                    rows=(
                        ("Forslagets overskrift", "Styrket"),
                        ("Bevillings-/Budgetområde", "B10.10.10"),
                    ),
                    date=None,
                    unknown_area=False,
                    allocations=(),
                ),
                table_title="Økonomiske konsekvenser",
                statements=(Statement(scale=1000, text="Beløb i 1.000 kr.", place="header"),),
                scale=1000,
                two_row=False,
                columns=(
                    Column(kind="year", header="2020", year=2020, covers=(), wrong=False),
                    Column(kind="year", header="2021", year=2021, covers=(), wrong=False),
                    Column(kind="year", header="2022", year=2022, covers=(), wrong=False),
                    Column(kind="year", header="2023", year=2023, covers=(), wrong=False),
                ),
                rows=(
                    TableRow(role="operating", label="Driftsbudget", extra=()),
                    TableRow(
                        role="area", label="Samlet budget på bevillings-/budgetområdet", extra=()
                    ),
                    TableRow(role="heading", label="Ændringsforslag", extra=()),
                    TableRow(role="inside", label="Beløb indenfor servicerammen", extra=()),
                    TableRow(role="outside", label="Beløb udenfor servicerammen", extra=()),
                    TableRow(role="total", label="I alt", extra=()),
                ),
                total_with_construction=False,
                total_row_wrong=False,
                figures=Figures(dash="-", group=".", plus=False, zero=""),
                off_unit=None,
                tricks=(
                    Trick(kind="deleted", role="inside", column=0),
                    Trick(kind="vmerge", role="operating", column=0),
                ),
                lines=(
                    Line(text="a) Besparelsespotentiale på 1 t.kr. årligt", periods=("known",)),
                ),
                staffing=StaffingLayout(
                    shown=False,
                    same_row=False,
                    years=(2020, 2021, 2022, 2023),
                    headers=("2020", "2021", "2022", "2023"),
                    fte_label="Antal fuldtidsstillinger",
                ),
                description_heading="Præsentation af forslag",
                note=True,
                heading_across=False,
            ),
        ),
    ),
    text_form=TextForm(newline="\n", bom=False),
)
