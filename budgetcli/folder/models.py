"""The file format: pydantic models of ``areas.yaml`` and ``proposals/<id>.yaml``.

This is the validation boundary: a model checks a file and ``to_domain()`` turns it into the
plain dataclasses of ``domain.py`` that everything after it works on.

Amounts are whole numbers of the budget's unit (1.000 kr.), held as ``int``; staffing is
``Decimal`` with at most two decimals. No float anywhere.

An *amount series* is written as a number (that amount in every budget year) or as a map
year -> amount (a missing year is 0). The models expand the short form, so after validation a
series is always ``dict[int, int]``; to do that they need the budget's years, passed as the
validation context ``{"years": [2024, 2025, ...]}``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from budgetcli.core import domain
from budgetcli.core.diagnostics import Said, printable, said
from budgetcli.core.vocab import ProposalKind, Status
from budgetcli.folder.modelfast import (
    AMOUNT_LIMIT,
    BAD_IN_LINE,
    BAD_IN_PROSE,
    FTE_LIMIT,
    KRONER_LIMIT,
    at_most_cents,
)
from budgetcli.folder.yamlrules import LONGEST_NUMBER

YEAR_MIN, YEAR_MAX = 1900, 2200


def _whole_amount(value: Any) -> int:
    """An amount of the budget's unit: a whole number, less than ``AMOUNT_LIMIT`` in size."""
    if type(value) is int and -AMOUNT_LIMIT < value < AMOUNT_LIMIT:
        return value  # the common case first: it runs for every amount of every file
    return _within(_whole_number(value), AMOUNT_LIMIT, "an amount", "")


def _within(number: int, limit: int, what: str, unit: str) -> int:
    """``number``, if it is less than ``limit`` in size; else refused as beyond any budget (a
    typo: a digit too many), before an export could overflow or round it."""
    if -limit < number < limit:
        return number
    digits = len(str(limit)) - 1
    text = str(number)
    shown = f"{text}{unit}" if len(text) <= 30 else f"a number of {len(text.lstrip('-'))} digits"
    raise refused(
        "amount_range",
        said(
            "{shown} is beyond any budget: {what} has at most {digits} digits; is a digit too many?",
            shown=shown,
            what=what,
            digits=digits,
        ),
    )


def _whole_number(value: Any) -> int:
    """A whole number written as one (an amount's type rules: no bool, no fraction, no text)."""
    if type(value) is int:
        return value
    if isinstance(value, bool):
        raise refused("amount_type", said("expected a whole number, got {value}", value=value))
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        text = str(value)
        hint: str | Said = ""
        whole, _, frac = text.lstrip("-").partition(".")
        if len(frac) == 3 and whole.isdigit():
            hint = said(
                " (if the dot is a thousands separator, write {plain})", plain=text.replace(".", "")
            )
        raise refused(
            "fractional_amount",
            said(
                "{value} is not a whole number: amounts are whole numbers of the unit{hint}",
                value=text,
                hint=hint,
            ),
        )
    if isinstance(value, str):
        digits = value.strip().lstrip("-")
        if len(digits) <= LONGEST_NUMBER and re.fullmatch(
            r"[0-9]{1,3}(?:\.[0-9]{3})*|[0-9]+", digits
        ):
            plain = value.strip().replace(".", "")
            hint = said(
                " (write it as a number without quotes or thousands separators: {plain})",
                plain=plain,
            )
        else:
            hint = _number_hint(value)
        raise refused(
            "amount_type",
            said(
                "expected a whole number, got the text '{value}'{hint}",
                value=_cut(printable(value)),
                hint=hint,
            ),
        )
    raise refused("amount_type", said("expected a whole number, got {kind}", kind=describe(value)))


def _fte(value: Any) -> Decimal:
    if type(value) is Decimal and at_most_cents(value) and abs(value) < FTE_LIMIT:
        return value
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        shown = _shown(value)
        text = value.strip() if isinstance(value, str) else ""
        hint = (
            said(
                " (write a decimal point: {point}, not {text})",
                point=text.replace(",", "."),
                text=text,
            )
            if len(text) <= LONGEST_NUMBER and re.fullmatch(r"-?[0-9]+,[0-9]+", text)
            else said(" (write a decimal point: 2.5, not 2,5)")
            if "," in text
            else ""
        )
        raise refused(
            "fte_type",
            said(
                "expected a number of full-time positions, got {shown}{hint}",
                shown=shown,
                hint=hint,
            ),
        )
    number = Decimal(value)
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and not at_most_cents(number):
        raise refused(
            "fte_precision",
            said(
                "{value} has more than two decimals; FTE are given to two decimals",
                value=str(value),
            ),
        )
    if abs(number) >= FTE_LIMIT:
        raise refused(
            "fte_range",
            said(
                "{value} is more than a number of full-time positions can be: at most 7 digits "
                "before the point",
                value=str(value),
            ),
        )
    return number


def _cut(text: str, most: int = 60) -> str:
    """A found text as a message quotes it: a long one cut, saying how long it is."""
    return text if len(text) <= most else f"{text[:40]}… ({len(text)} characters)"


def refused(kind: str, message: Said) -> PydanticCustomError:
    """A value refused by a model, as pydantic reports it (its type ``kind``, its message in
    English), with the message as a template in its context (``said``), which
    ``folder.validation`` hands on so the reader gets it in their language."""
    fields = {
        name: value.english if isinstance(value, Said) else value for name, value in message.fields
    }
    return PydanticCustomError(kind, message.template, {**fields, "said": message})


def describe(value: Any) -> str | Said:
    """A found value as a message names it: ``'text'``, ``a list``, ``nothing``, ``12`` (a
    message's field: its words said in the reader's language)."""
    if isinstance(value, str):
        return f"'{_cut(printable(value))}'"
    if value is None:
        return said("nothing (an empty value)")
    if isinstance(value, dict):
        return said("a mapping")
    if isinstance(value, list):
        return said("a list")
    return str(value)


_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"  # ‐ ‑ ‒ – — −: not the ASCII hyphen-minus
_DIGIT_SPACES = re.compile(r"(?<=\d)[ \u00a0\u2009\u202f](?=\d{3}\b)")
#: a unit written after an amount, in a text whose spaces are made one (``_unit``)
_UNIT = re.compile(r" ?(?:t\.? ?kr\.?|mio\.? ?kr\.?|kr\.?|dkk|t\.kr)\Z", re.IGNORECASE)
#: the most characters ``_UNIT`` finds: `` mio. kr.``
_LONGEST_UNIT = 9
_DANISH_DECIMAL = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})*,\d+")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+")


def _number_hint(text: str) -> str | Said:
    """How to write a number found as text (``'–300'``, ``'-1 000'``, ``'-500 kr.'``,
    ``'1.200,5'``, ``'"7"'``): the hint after the message, or ``""``. None for a text longer
    than any number budgetcli reads (``LONGEST_NUMBER``): no figure is, and Python will not
    make an int of more than 4,300 digits."""
    t = text.strip()
    if len(t) > LONGEST_NUMBER:
        return ""
    found: list[Said] = []
    if t[:1] in _DASHES:
        found.append(
            said(
                "{dash} is a typographic dash or minus, not the - numbers are written with",
                dash=t[0],
            )
        )
        t = "-" + t[1:].lstrip()
    if unit := _unit(t):
        found.append(
            said(
                "write the amount alone, without '{unit}', as a whole number of the budget's unit"
                " (areas.yaml's unit, by default 1000 DKK)",
                unit=unit,
            )
        )
        return said(" ({hints})", hints=_joined(found))
    if _DIGIT_SPACES.search(t):
        found.append(said("no spaces between digits"))
        t = _DIGIT_SPACES.sub("", t)
    if _DANISH_DECIMAL.fullmatch(t):
        whole, _, fraction = t.partition(",")
        found.append(
            said(
                "{text} is Danish for {number}; amounts are whole numbers of the unit, written"
                " without separators, e.g. {whole}",
                text=t,
                number=f"{whole.replace('.', '')}.{fraction}",
                whole=whole.replace(".", ""),
            )
        )
        return said(" ({hints})", hints=_joined(found))
    if _THOUSANDS.fullmatch(t):
        found.append(said("no thousands separators"))
        t = t.replace(".", "")
    if re.fullmatch(r"[-+]?[0-9]+", t):
        if not found:
            found.append(said("a number is written without quotes"))
        return said(" ({hints}: write {number})", hints=_joined(found), number=int(t))
    return said(" ({hints})", hints=_joined(found)) if found else ""


def _joined(hints: list[Said]) -> Said:
    """Hints one after the other, as ``a; b; c``."""
    joined = hints[0]
    for hint in hints[1:]:
        joined = said("{before}; {after}", before=joined, after=hint)
    return joined


def _unit(text: str) -> str | None:
    """The unit written after an amount in ``text`` (``kr.``, ``t. kr.``, ``mio. kr.``, ``DKK``),
    if something stands before it. Looked for in the last few characters of the text with its
    spaces made one, so the time is linear in the text: a pattern that began with any spaces,
    searched from every place of a long run of spaces, took time quadratic in it."""
    words = " ".join(text.split())
    tail = words[-_LONGEST_UNIT:]
    found = _UNIT.search(tail)
    if found is None or len(words) - len(tail) + found.start() == 0:
        return None
    return found.group().strip()


def _shown(value: Any) -> str | Said:
    """A found value as a message shows it; YAML's words for ``True``/``False``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return said("the text '{text}'", text=_cut(printable(value)))
    return describe(value)


def _whole(value: Any) -> int:
    """A whole number that is not an amount (a year, a count, a month): digits, no quotes."""
    if type(value) is int:
        return value
    hint: str | Said = ""
    if isinstance(value, bool):
        hint = said(" (true and false are not numbers)")
    elif isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        hint = said(" (write {number})", number=int(value))
    elif isinstance(value, str):
        hint = _number_hint(value)
    raise refused(
        "number_type",
        said("expected a whole number, got {shown}{hint}", shown=_shown(value), hint=hint),
    )


def _year_key(value: Any) -> int:
    """A series' year: a whole number, or the same four digits quoted (a JSON key)."""
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}", value):
        return int(value)
    if type(value) is not int:
        raise refused(
            "year_key",
            said("the key {shown} is not a year: write a year such as 2024", shown=describe(value)),
        )
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DANISH_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{2}|\d{4})")


def _date(value: Any) -> datetime.date:
    """A date, written ``YYYY-MM-DD``; the documents' ``22-06-2023`` gets the ISO form to write,
    a number (which pydantic would take for a Unix time) is refused."""
    if type(value) is datetime.date:
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(text := value.strip()):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise refused(
                "date_value", said("{text} is not a date of the calendar", text=text)
            ) from None
    hint: str | Said = ""
    if isinstance(value, int) and not isinstance(value, bool):
        hint = said(" (a number is not a date: YAML tools would read it as seconds since 1970)")
    elif isinstance(value, datetime.datetime):
        hint = said(" (write the date alone: {date})", date=value.date().isoformat())
    elif isinstance(value, str) and _ISO_DATE.match(value.strip()):
        hint = said(" (write the date alone: {date})", date=value.strip()[:10])
    elif isinstance(value, str) and (m := _DANISH_DATE.fullmatch(value.strip())):
        day, month, year = (int(g) for g in m.groups())
        year += 2000 if len(m.group(3)) == 2 else 0
        try:
            hint = said(" (write {date})", date=datetime.date(year, month, day).isoformat())
        except ValueError:
            hint = said(" (and it is not a date of the calendar)")
    raise refused(
        "date_type",
        said(
            "expected a date written YYYY-MM-DD, got {shown}{hint}", shown=_shown(value), hint=hint
        ),
    )


def _share(value: Any) -> Decimal:
    """A rate: a number (``0.25``, ``1``), never text or true/false."""
    if type(value) is Decimal or type(value) is int:
        return Decimal(value)
    text = value.strip() if isinstance(value, str) and len(value) <= LONGEST_NUMBER else ""
    hint: str | Said = ""
    if text.endswith("%") and re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", text[:-1].strip()):
        share = Decimal(text[:-1].strip().replace(",", ".")) / 100
        hint = said(" (write the share as a number: {share})", share=share)
    elif re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
        hint = said(" (a number is written without quotes: write {text})", text=text)
    elif re.fullmatch(r"[0-9]+,[0-9]+", text):
        hint = said(" (write a decimal point: {point})", point=text.replace(",", "."))
    raise refused(
        "rate_type",
        said(
            "expected a share as a number such as 0.25, got {shown}{hint}",
            shown=_shown(value),
            hint=hint,
        ),
    )


def _expand(value: Any, info: ValidationInfo, check: Callable[[Any], Any]) -> Any:
    """A number means that amount in every budget year.

    The number is checked once, before it is copied to every year, so one wrong value
    written once is reported once, at the field.
    """
    if isinstance(value, Mapping):
        return value
    if isinstance(value, int | Decimal | str) and not isinstance(value, bool):
        number = check(value)
        years = (info.context or {}).get("years")
        return dict.fromkeys(years, number) if years else {}
    raise refused(
        "series_type",
        said(
            "expected a number (every year) or a map of year: amount, got {kind}",
            kind=describe(value),
        ),
    )


def _series_of(check: Callable[[Any], Any]) -> Callable[..., Any]:
    """A series' validator: expand a number to every year (``_expand``), validate the map,
    check its years (``_years_in_budget``). One call around pydantic's own validation of the
    map, for every series of every file: a before- and an after-validator cost two."""

    def validate(value: Any, handler: ValidatorFunctionWrapHandler, info: ValidationInfo) -> Any:
        if type(value) is not dict:
            value = _expand(value, info, check)
        return _years_in_budget(handler(value), info)

    return validate


def _years_in_budget(series: dict[int, Any], info: ValidationInfo) -> dict[int, Any]:
    years = (info.context or {}).get("years")
    if years and not series.keys() <= set(years):
        outside = sorted(set(series) - set(years))
        raise refused(
            "year_outside_budget",
            said(
                "year {years} is not a year of the budget ({first}-{last})",
                years=outside[0],
                first=years[0],
                last=years[-1],
            )
            if len(outside) == 1
            else said(
                "years {years} are not years of the budget ({first}-{last})",
                years=", ".join(map(str, outside)),
                first=years[0],
                last=years[-1],
            ),
        )
    return series


def _code(value: Any) -> str:
    if isinstance(value, str):
        if not value.strip():
            raise refused("code_empty", said("a code cannot be empty"))
        return _one_line(value)
    if isinstance(value, int) and not isinstance(value, bool):
        raise refused(
            "code_as_number",
            said('code {value} is written as a number; quote it: "{value}"', value=value),
        )
    raise refused("code_type", said("expected a code as text, got {kind}", kind=describe(value)))


def _one_line(value: str, prose: bool = False) -> str:
    """A text budgetcli prints: no line break in a field of one line (a title, a name), and
    no control character anywhere (an escape code would redraw the terminal, a newline in a
    name forge a table's row)."""
    if value.isprintable():  # the common case, at C speed
        return value
    found = (BAD_IN_PROSE if prose else BAD_IN_LINE).search(value)
    if found is None:
        return value
    bad = found.group()
    what = {
        "\n": said("a line break"),
        "\r": said("a carriage return"),
        "\t": said("a tab"),
    }.get(bad) or said("the control character U+{code}", code=f"{ord(bad):04X}")
    fix = said("write it on one line") if bad in "\n\r" else said("remove it")
    raise refused(
        "control_character",
        said("{shown} holds {what}: {fix}", shown=describe(value), what=what, fix=fix),
    )


#: a text of one line (a title, a name, a label); ``Prose``: a text of lines (a description)
Line = Annotated[str, AfterValidator(_one_line)]
Prose = Annotated[str, AfterValidator(lambda value: _one_line(value, prose=True))]

Amount = Annotated[int, BeforeValidator(_whole_amount, json_schema_input_type=int)]
Fte = Annotated[Decimal, BeforeValidator(_fte, json_schema_input_type=float)]
Whole = Annotated[int, BeforeValidator(_whole, json_schema_input_type=int)]
Year = Annotated[Whole, Field(ge=YEAR_MIN, le=YEAR_MAX)]
#: a year as the key of a series: also quoted, as JSON writes every key ("2024": -50)
YearKey = Annotated[
    int, BeforeValidator(_year_key, json_schema_input_type=int), Field(ge=YEAR_MIN, le=YEAR_MAX)
]
Date = Annotated[datetime.date, BeforeValidator(_date, json_schema_input_type=datetime.date)]
Share = Annotated[Decimal, BeforeValidator(_share, json_schema_input_type=float)]
Code = Annotated[str, BeforeValidator(_code, json_schema_input_type=str)]

#: a number (every year) or a map year -> whole amount
Series = Annotated[
    dict[YearKey, Amount],
    WrapValidator(_series_of(_whole_amount), json_schema_input_type=int | dict[Year, int]),
]
#: a number of full-time positions (every year) or a map year -> FTE
FteSeries = Annotated[
    dict[YearKey, Fte],
    WrapValidator(_series_of(_fte), json_schema_input_type=float | dict[Year, float]),
]


class _Model(BaseModel):
    #: ``defer_build``: a model's validator is built when it first validates, not at import
    #: (a start-up cost; the cached path never validates, the schema command builds one model)
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )

    def _domain_fields(self) -> dict[str, Any]:
        """This model's fields as the domain value of the same field names takes them: each
        part (a model) made a domain value, each list a list of its own. A proposal and its
        parts are made so, by name: a field is declared here and in ``core.domain``, never
        copied across by hand (``tests/test_shape.py`` holds the names equal)."""
        return {name: _domain_value(getattr(self, name)) for name in type(self).model_fields}


class _Part(_Model):
    """A part of a file (a proposal's ``change``, a component …) that is a domain value of the
    same field names."""

    def to_domain(self) -> Any:
        raise NotImplementedError


def _domain_value(value: Any) -> Any:
    """``value`` of a model's field as its domain value: a part made one by its ``to_domain``."""
    if isinstance(value, _Part):
        return value.to_domain()
    if isinstance(value, list):
        return [_domain_value(item) for item in value]
    return value


def _schema(title: str, schema_id: str | None = None) -> ConfigDict:
    """The configuration of a file's model: the title (and ``$id``) of its JSON Schema."""
    if schema_id is None:
        return ConfigDict(title=title)
    return ConfigDict(title=title, json_schema_extra={"$id": schema_id})


class _NamedFile(_Model):
    """A file named by its id (``<id>.yaml``), with a title."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", description="Equal to the file's stem")
    title: Line = Field(min_length=1)


class AreaModel(_Model):
    code: Code = Field(description="The budget area's code (bevillingsområde), e.g. B60.30.10")
    name: Line | None = Field(None, description="Its name, as the documents give it")
    committee: Line = Field(description="The committee (fagudvalg) the area belongs to")
    budget: Series | None = Field(None, description="The area's total budget per year (optional)")
    carry_over: Literal["full", "overspend", "underspend", "none"] | None = Field(
        None, description="What of the year's deviation is carried to next year (overførsel)"
    )
    functions: list[Code | AccountModel] = Field(
        default_factory=list,
        description="The function codes (5.38.50) whose spending in the finance system's export"
        " is this area's",
    )

    def to_domain(self) -> domain.Area:
        accounts = [
            f.to_domain() if isinstance(f, AccountModel) else domain.Account(f)
            for f in self.functions
        ]
        return domain.Area(
            self.code, self.committee, self.name, self.budget, self.carry_over, accounts
        )


class AccountModel(_Model):
    code: Code = Field(description="A function code of the chart of accounts, e.g. 5.38.50")
    frame: Literal["inside", "outside", "construction"] = "inside"
    cost_centres: list[Code] = Field(
        default_factory=list, description="Only these cost centres' spending (omkostningssted)"
    )

    def to_domain(self) -> domain.Account:
        return domain.Account(self.code, self.frame, list(self.cost_centres))


class FramesModel(_Model):
    service: Series | None = Field(None, description="The service frame (serviceramme)")
    construction: Series | None = Field(None, description="The construction frame (anlægsramme)")

    def to_domain(self) -> domain.Frames:
        return domain.Frames(self.service, self.construction)


class AreasFile(_Model):
    """``data/areas.yaml``: the budget and its areas."""

    model_config = _schema("budgetcli areas.yaml", "areas.schema.json")

    municipality: Line
    title: Line = Field(description="e.g. Budget 2024-2027")
    years: list[Year] = Field(
        min_length=1, description="The budget year and the out-years, in order"
    )
    unit: Line = Field("1000 DKK", description="Every amount is a whole number of this unit")
    price_level: Year | None = Field(
        None, description="Every amount is in this year's prices (2024 p/l)"
    )
    frames: FramesModel | None = Field(
        None, description="The frames set for the whole municipality, per year"
    )
    baseline: FramesModel | None = Field(
        None, description="The budget inside each frame before these proposals, per year"
    )
    language: Literal["da", "en"] | None = Field(
        None,
        description="The budget's own language: the workbook and the report are in it unless"
        " --lang says otherwise (da: Danish, en: English)",
    )
    areas: list[AreaModel] = Field(min_length=1)

    def to_domain(self) -> domain.Meta:
        areas = [a.to_domain() for a in self.areas]
        return domain.Meta(
            self.municipality,
            self.title,
            list(self.years),
            self.unit,
            areas,
            self.price_level,
            self.frames.to_domain() if self.frames else domain.Frames(),
            self.baseline.to_domain() if self.baseline else domain.Frames(),
            language=self.language,
        )


class ComponentModel(_Part):
    type: Literal["saving", "investment"] = Field(
        description="saving: amounts <= 0; investment (incl. running costs): amounts >= 0"
    )
    label: Line
    amounts: Series

    def to_domain(self) -> domain.Component:
        return domain.Component(**self._domain_fields())


class AllocationsModel(_Part):
    function_areas: dict[Code, Series] = Field(default_factory=dict)
    cost_centers: dict[Code, Series] = Field(default_factory=dict)

    def to_domain(self) -> domain.Allocations:
        return domain.Allocations(**self._domain_fields())


class StaffingModel(_Part):
    baseline_fte: FteSeries | None = Field(None, description="Full-time positions now")
    change_fte: FteSeries = Field(
        description="The change in full-time positions (negative = fewer)"
    )

    def to_domain(self) -> domain.Staffing:
        return domain.Staffing(**self._domain_fields())


class ChangeModel(_Part):
    inside_service_frame: Series = Field(default_factory=dict)
    outside_service_frame: Series = Field(default_factory=dict)
    construction: Series = Field(
        default_factory=dict,
        description="Construction spending per year (rådighedsbeløb); kind: construction only",
    )

    def to_domain(self) -> domain.Change:
        return domain.Change(**self._domain_fields())


class SourceModel(_Part):
    document: Line = Field(min_length=1, description="The document's file name")
    page: Whole = Field(ge=1, description="The page of the document (1 = the first)")

    def to_domain(self) -> domain.DocumentPage:
        return domain.DocumentPage(**self._domain_fields())


class ProposalFile(_NamedFile):
    """``data/proposals/<id>.yaml``: one budget proposal.

    Its fields are a proposal's shape, said once: in the order a written file has its keys
    (``proposalfile.proposal_text``), each with its rule; ``core.domain.Proposal`` has the
    same fields by name, and the fast path (``modelfast``), the store (``store.codec``) and
    ``diff`` follow them. ``tests/test_shape.py`` names any place a new field is missing from
    (CONTRIBUTING.md: Add a field to a proposal)."""

    model_config = _schema("budgetcli proposal", "proposal.schema.json")

    status: Status
    kind: ProposalKind = Field(
        ProposalKind.REDUCTION, description="reduction, expansion, construction or technical"
    )
    committee: Line | None = None
    areas: list[Code] = Field(min_length=1)
    center: Line | None = None
    contact: Line | None = None
    date: Date | None = None
    operating_budget: Series | None = Field(None, description="Driftsbudget")
    area_budget: Series | None = Field(
        None, description="The area's total budget, as the document states it"
    )
    change: ChangeModel
    construction_grant: Amount | None = Field(
        None, description="The construction project's total grant (anlægsbevilling)"
    )
    components: list[ComponentModel] = Field(default_factory=list)
    allocations: AllocationsModel | None = None
    staffing: StaffingModel | None = None
    source: SourceModel | None = Field(
        None, description="The document page it was imported from (budgetcli import)"
    )
    notes: list[Prose] = Field(default_factory=list, description="Transcription notes")
    description: Prose = ""

    def to_domain(self) -> domain.Proposal:
        return domain.Proposal(**self._domain_fields())


# --- forecasts ---------------------------------------------------------------------------------


def _kroner(value: Any) -> int:
    """A cost in whole kroner, not negative, less than ``KRONER_LIMIT``."""
    number = _whole_number(value)
    if number < 0:
        raise refused("negative_cost", said("a cost cannot be negative, got {value}", value=number))
    return _within(number, KRONER_LIMIT, "a cost in kroner", " kr.")


Kroner = Annotated[int, BeforeValidator(_kroner, json_schema_input_type=int)]
Count = Annotated[Whole, Field(ge=0)]


class ForecastLineModel(_Model):
    label: Line = Field(min_length=1)
    budget: Amount = Field(description="The line's budget for the year, in the unit")
    forecast: Amount | None = Field(None, description="The forecast, in the unit (or use compute)")
    compute: Literal["existing", "flow", "refusion"] | None = Field(
        None, description="Compute the forecast from the case register instead"
    )
    service_frame: Literal["inside", "outside"] = "inside"
    cases_in: Count | None = None
    cases_out: Count | None = None
    cases_active: Count | None = None

    @model_validator(mode="after")
    def _forecast_or_compute(self) -> ForecastLineModel:
        if (self.forecast is None) == (self.compute is None):
            raise refused(
                "forecast_or_compute",
                said("give either forecast (a figure) or compute (existing, flow or refusion)"),
            )
        return self


class CaseModel(_Model):
    case_id: Line = Field(min_length=1)
    section: Line = Field(
        min_length=1, description="The Social Services Act section, e.g. §85, §107"
    )
    annual_cost: Kroner = Field(description="kr. a year")
    start: Date
    end: Date | None = None
    age_group: Line | None = None
    refusion: bool = Field(True, description="false: the case is outside the refusion scheme")

    @model_validator(mode="after")
    def _ends_after_start(self) -> CaseModel:
        if self.end is not None and self.end < self.start:
            raise refused(
                "case_ends_before_start",
                said(
                    "the case ends ({end}) before it starts ({start})",
                    end=self.end.isoformat(),
                    start=self.start.isoformat(),
                ),
            )
        return self

    def to_domain(self) -> domain.Case:
        return domain.Case(
            self.case_id,
            self.section,
            self.annual_cost,
            self.start,
            self.end,
            self.age_group,
            self.refusion,
        )


class FlowModel(_Model):
    count: Count
    average_annual_cost: Kroner = Field(description="kr. a year")
    month: Whole = Field(
        ge=1, le=12, description="inflow: average start month; outflow: average last month"
    )


class ScenarioModel(_Model):
    inflow_count: Count | None = None
    average_annual_cost: Kroner | None = None


class StatedTotal(_Model):
    forecast: Amount
    budget: Amount


class ForecastFile(_NamedFile):
    """``data/forecasts/<id>.yaml``: an area's forecast for one year against its budget."""

    model_config = _schema("budgetcli forecast", "forecast.schema.json")

    year: Year
    date: Date | None = None
    areas: list[Code] = Field(default_factory=list)
    unit: Line = "1000 DKK"
    lines: list[ForecastLineModel] = Field(min_length=1)
    total: StatedTotal | None = Field(
        None, description="The total as the document states it (checked)"
    )
    cases: list[CaseModel] = Field(default_factory=list, description="The case register, inline")
    cases_file: Line | None = Field(
        None, description="Or: a CSV file beside this one with the cases"
    )
    inflow: FlowModel | None = None
    outflow: FlowModel | None = None
    scenarios: dict[Line, ScenarioModel] = Field(default_factory=dict)
    over: Kroner | None = Field(
        None, description="Count the cases whose annual cost exceeds this (kr.)"
    )
    notes: list[Prose] = Field(default_factory=list)

    def to_domain(self, cases: list[domain.Case] | None = None) -> domain.Forecast:
        lines = [
            domain.ForecastLine(
                line.label,
                line.budget,
                line.forecast,
                line.compute,
                line.service_frame,
                line.cases_in,
                line.cases_out,
                line.cases_active,
            )
            for line in self.lines
        ]
        return domain.Forecast(
            id=self.id,
            title=self.title,
            year=self.year,
            unit=self.unit,
            lines=lines,
            date=self.date,
            areas=list(self.areas),
            stated_total=(self.total.forecast, self.total.budget) if self.total else None,
            cases=cases if cases is not None else [c.to_domain() for c in self.cases],
            inflow=domain.Flow(
                self.inflow.count, self.inflow.average_annual_cost, self.inflow.month
            )
            if self.inflow
            else None,
            outflow=domain.Flow(
                self.outflow.count, self.outflow.average_annual_cost, self.outflow.month
            )
            if self.outflow
            else None,
            scenarios={
                k: domain.Scenario(v.inflow_count, v.average_annual_cost)
                for k, v in self.scenarios.items()
            },
            over=self.over,
            notes=list(self.notes),
        )


class RefusionTierModel(_Model):
    above: Kroner = Field(description="kr. a year")
    rate: Share = Field(gt=0, le=1, description="The share refunded of the part above, e.g. 0.25")


class RefusionYearModel(_Model):
    year: Year
    level: Line = Field(description="The price level of the amounts, e.g. 2022-niveau")
    source: Prose = Field(
        min_length=1, description="Where the figures come from (law, bekendtgørelse)"
    )
    tiers: list[RefusionTierModel] = Field(min_length=1)


class RefusionRulesFile(_Model):
    """``data/rules/refusion.yaml``: the state refusion for especially expensive single cases."""

    model_config = _schema("budgetcli refusion rules")

    rules: list[RefusionYearModel] = Field(min_length=1)

    def to_domain(self) -> list[domain.RefusionRule]:
        return [
            domain.RefusionRule(
                r.year, r.level, r.source, [domain.RefusionTier(t.above, t.rate) for t in r.tiers]
            )
            for r in sorted(self.rules, key=lambda r: r.year)
        ]


class PriceFigureModel(_Model):
    year: Year
    index: Annotated[Decimal, BeforeValidator(_share, json_schema_input_type=float)] | None = Field(
        None, gt=0, description="The index's level in the year"
    )
    rate: Annotated[Decimal, BeforeValidator(_share, json_schema_input_type=float)] | None = Field(
        None, gt=-1, description="The change from the year before: 0.031 = 3.1 %"
    )
    not_found: bool = Field(
        False, description="true: the figure was looked for and not found (say where in source)"
    )
    source: Prose = Field(min_length=1, description="Where the figure comes from")

    @model_validator(mode="after")
    def _one_figure(self) -> PriceFigureModel:
        given = [name for name in ("index", "rate") if getattr(self, name) is not None]
        if len(given) + self.not_found != 1:
            raise refused(
                "price_figure",
                said(
                    "give one of index (the level), rate (the change from the year before) or "
                    "not_found: true (and say in source where it was looked for){found}",
                    found=said("; got {given}", given=" and ".join(given)) if given else "",
                ),
            )
        return self

    def to_domain(self) -> domain.PriceFigure:
        return domain.PriceFigure(self.year, self.source, self.index, self.rate)


class PricesFile(_Model):
    """``data/rules/prices.yaml``: the price indexes amounts are restated by (``--prices``)."""

    model_config = _schema("budgetcli price indexes")

    service: list[PriceFigureModel] = Field(
        default_factory=list, description="Service expenditure: KL's pris- og lønskøn"
    )
    construction: list[PriceFigureModel] = Field(
        default_factory=list, description="Construction: a construction cost index"
    )

    def to_domain(self) -> domain.Prices:
        return domain.Prices(
            [f.to_domain() for f in self.service], [f.to_domain() for f in self.construction]
        )


#: pydantic's names of a bound, left in a schema where a validator makes the type, and JSON
#: Schema's (which editors check)
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON Schema, every bound named as JSON Schema names it."""

    def named(value: Any) -> Any:
        if isinstance(value, dict):
            is_type = isinstance(value.get("type"), str)
            return {(_BOUNDS.get(k, k) if is_type else k): named(v) for k, v in value.items()}
        if isinstance(value, list):
            return [named(v) for v in value]
        return value

    schema: dict[str, Any] = named(model.model_json_schema())
    return schema
