"""The file format of the year after adoption: ``appropriations/<year>.yaml`` (the original
budget of each area and the year's appropriation changes) and ``followups/<id>.yaml`` (a
budget follow-up: the expected accounts, the spending to date, the adopted proposals'
realisation, the document's own printed figures). Each model's ``to_domain`` makes the plain
values of ``core.domain``; the rules across files are ``core.followupchecks``'."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from budgetcli.core import domain
from budgetcli.core.diagnostics import said
from budgetcli.folder.models import (
    Amount,
    Code,
    Date,
    Line,
    Prose,
    Year,
    _Model,
    _schema,
    describe,
    refused,
)

Frame = Literal["inside", "outside", "construction"]
CarryOver = Literal["full", "overspend", "underspend", "none"]


def _printed(value: Any) -> Decimal:
    """A figure as a document prints it (``98.1`` in mio. kr.): a number, its decimals kept."""
    if type(value) is Decimal:
        return value
    if type(value) is int:
        return Decimal(value)
    raise refused(
        "printed_type",
        said("expected a number as the document prints it, got {kind}", kind=describe(value)),
    )


Printed = Annotated[Decimal, BeforeValidator(_printed, json_schema_input_type=float)]
PrintedField = Literal[
    "original", "changes", "corrected", "spent", "expected", "deviation", "deviation_percent"
]


class OriginalModel(_Model):
    code: Code = Field(description="An area of areas.yaml, or one declared here")
    name: Line | None = Field(None, description="An area not in areas.yaml: its name")
    committee: Line | None = Field(None, description="An area not in areas.yaml: its committee")
    inside: Amount | None = Field(None, description="The original budget inside the service frame")
    outside: Amount | None = Field(
        None, description="The original budget outside the service frame"
    )
    construction: Amount | None = Field(
        None, description="The original budget for construction (anlæg)"
    )
    revenue: bool = Field(False, description="A revenue area (taxes, grants): negative budgets")
    carry_over: CarryOver | None = Field(None, description="An area not in areas.yaml: its rule")

    def to_domain(self) -> domain.OriginalBudget:
        return domain.OriginalBudget(
            self.code,
            self.inside,
            self.outside,
            self.construction,
            self.name,
            self.committee,
            self.revenue,
            self.carry_over,
        )


class ChangeModel(_Model):
    id: Line = Field(min_length=1)
    kind: Literal["supplementary", "reallocation", "carry_over"] = Field(
        description="supplementary (tillægsbevilling), reallocation (omplacering, nets to"
        " zero), carry_over (overførsel from last year)"
    )
    frame: Frame = "inside"
    amounts: dict[Code, Amount] = Field(min_length=1, description="Per area, in the unit")
    status: Literal["adopted", "proposed"] = "adopted"
    date: Date | None = None
    decision: Line | None = Field(
        None, description="The council's meeting and item, or administrative"
    )
    financing: Line | None = Field(
        None, description="How a supplementary appropriation is financed (required)"
    )
    note: Prose | None = None

    def to_domain(self) -> domain.Appropriation:
        return domain.Appropriation(
            self.id,
            self.kind,
            self.frame,
            dict(self.amounts),
            self.status,
            self.date,
            self.decision,
            self.financing,
            self.note,
        )


class AppropriationsFile(_Model):
    """``data/appropriations/<year>.yaml``: the year's budget after adoption."""

    model_config = _schema("budgetcli appropriations", "appropriations.schema.json")

    year: Year
    source: Prose | None = None
    areas: list[OriginalModel] = Field(min_length=1)
    adopted: list[Line] = Field(
        default_factory=list, description="The proposals the council adopted into this budget"
    )
    changes: list[ChangeModel] = Field(default_factory=list)

    def to_domain(self) -> domain.Appropriations:
        return domain.Appropriations(
            self.year,
            [a.to_domain() for a in self.areas],
            [c.to_domain() for c in self.changes],
            list(self.adopted),
            self.source,
        )


class ForecastRef(_Model):
    forecast: Line = Field(description="A forecast's id: its lines of this frame are the FR")


class LastYear(_Model):
    to_date: Amount = Field(gt=0, description="Last year's spending by the same date")
    total: Amount = Field(description="Last year's accounts (regnskab)")


def _expected(value: Any) -> Any:
    """The expected accounts as one of its three forms, or one refusal that names them."""
    if isinstance(value, dict) or value == "extrapolated":
        return value
    if type(value) is int or isinstance(value, Decimal):
        return value  # an amount's own rules say what is wrong with it
    raise refused(
        "expected_form",
        said(
            "expected is a whole amount (48900), {{forecast: ID}} or extrapolated, not {kind}",
            kind=describe(value),
        ),
    )


class ExpectationModel(_Model):
    area: Code
    frame: Frame = "inside"
    expected: Annotated[
        Amount | ForecastRef | Literal["extrapolated"],
        BeforeValidator(_expected),
        Field(description="The expected accounts: a figure, {forecast: id}, or extrapolated"),
    ]
    note: Prose | None = None
    spent: Amount | None = Field(None, description="The spending to date, if stated")
    last_year: LastYear | None = None
    printed: dict[PrintedField, Printed] = Field(
        default_factory=dict, description="The document's own figures, in printed_unit"
    )

    @model_validator(mode="after")
    def _extrapolated_needs_last_year(self) -> ExpectationModel:
        if self.expected == "extrapolated" and self.last_year is None:
            raise refused(
                "extrapolated_without_last_year",
                said(
                    "expected: extrapolated needs last_year (to_date and total): the share of"
                    " last year's spending by this date"
                ),
            )
        return self

    def to_domain(self) -> domain.Expectation:
        expected = self.expected
        last = self.last_year
        return domain.Expectation(
            self.area,
            self.frame,
            expected if isinstance(expected, int) else None,
            expected.forecast if isinstance(expected, ForecastRef) else None,
            expected == "extrapolated",
            self.note,
            self.spent,
            last.to_date if last else None,
            last.total if last else None,
            {str(name): value for name, value in self.printed.items()},
        )


class RealisationModel(_Model):
    id: Line = Field(min_length=1, description="An adopted proposal's id")
    realised: Literal["full", "partly", "none"]
    amount: Amount | None = Field(None, description="partly: the amount realised in the year")
    why: Prose | None = None

    @model_validator(mode="after")
    def _amount_with_partly(self) -> RealisationModel:
        if (self.realised == "partly") != (self.amount is not None):
            raise refused(
                "realised_amount",
                said("give amount with realised: partly, and only then"),
            )
        return self


def _beside(name: str) -> str:
    """A file's name beside the follow-up: no folder in it, nothing above (never a path out of
    the data folder)."""
    if "/" in name or "\\" in name or name in (".", "..") or not name:
        raise refused(
            "spending_file",
            said(
                "file: {name} is not a file name: the export lies beside the follow-up, in"
                " followups/ (write its name alone)",
                name=name,
            ),
        )
    return name


class SpendingModel(_Model):
    file: Annotated[Line, AfterValidator(_beside)] = Field(
        description="The export's name, beside this file in followups/ (.csv)"
    )
    columns: dict[Literal["function", "amount", "cost_centre", "period"], Line]
    separator: Literal[";", ",", "\t", "|"] = ";"
    decimal: Literal[",", "."] = ","
    encoding: Literal["utf-8", "cp1252"] = "utf-8"

    @model_validator(mode="after")
    def _function_and_amount(self) -> SpendingModel:
        if "function" not in self.columns or "amount" not in self.columns:
            raise refused(
                "spending_columns",
                said("columns: name the export's function and amount columns"),
            )
        if len(set(self.columns.values())) < len(self.columns):
            raise refused(
                "spending_columns",
                said("columns: each names another column of the export (one is named twice)"),
            )
        return self

    def to_domain(self) -> domain.SpendingExport:
        c = self.columns
        return domain.SpendingExport(
            self.file,
            c["function"],
            c["amount"],
            c.get("cost_centre"),
            c.get("period"),
            self.separator,
            self.decimal,
            self.encoding,
        )


class PrintedTotalModel(_Model):
    committee: Line | None = Field(None, description="Its committee; none: of every committee")
    frame: Frame | None = Field(None, description="Its frame; none: of every frame")
    original: Printed | None = None
    changes: Printed | None = None
    corrected: Printed | None = None
    spent: Printed | None = None
    expected: Printed | None = None
    deviation: Printed | None = None
    deviation_percent: Printed | None = None

    def to_domain(self) -> domain.PrintedTotal:
        figures = {
            name: value
            for name in type(self).model_fields
            if name not in ("committee", "frame") and (value := getattr(self, name)) is not None
        }
        return domain.PrintedTotal(figures, self.committee, self.frame)


class FollowupFile(_Model):
    """``data/followups/<id>.yaml``: a budget follow-up (budgetopfølgning) of a year."""

    model_config = _schema("budgetcli follow-up", "followup.schema.json")

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="Equal to the file's stem")
    name: Line = Field(min_length=1, description="BO1, BO2 … or the document's name")
    year: Year
    cut_off: Date = Field(description="The date the spending and the expectations are from")

    @model_validator(mode="after")
    def _cut_off_in_year(self) -> FollowupFile:
        if self.cut_off.year != self.year:
            raise refused(
                "cut_off_year",
                said(
                    "cut_off {date} is not in the follow-up's year {year}",
                    date=self.cut_off.isoformat(),
                    year=self.year,
                ),
            )
        return self

    source: Prose | None = None
    spending: SpendingModel | None = None
    areas: list[ExpectationModel] = Field(min_length=1)
    proposals: list[RealisationModel] = Field(default_factory=list)
    printed_unit: Line | None = Field(
        None, description="The unit of the printed figures, e.g. 1000000 DKK"
    )
    printed_totals: list[PrintedTotalModel] = Field(default_factory=list)

    def to_domain(self) -> domain.Followup:
        return domain.Followup(
            self.id,
            self.name,
            self.year,
            self.cut_off,
            [row.to_domain() for row in self.areas],
            [domain.Realisation(p.id, p.realised, p.amount, p.why) for p in self.proposals],
            self.spending.to_domain() if self.spending else None,
            self.printed_unit,
            [t.to_domain() for t in self.printed_totals],
            self.source,
        )
