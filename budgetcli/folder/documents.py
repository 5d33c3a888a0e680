"""Each kind of data file from its bytes to ``core`` values: safe YAML, the model, the domain.

Two entry points, one for each part of a data set:

* ``read_proposal``: one proposal file on its own (what it says depends only on its bytes, its
  name and the budget's years), so the store can run it in a worker and keep its result;
* ``read_context``: everything else (``areas.yaml``, the refusion rules, the forecasts with
  their case registers), which every proposal is read and checked against.

Nothing raises for bad data: what is wrong is returned as problems, every file read. pydantic
and PyYAML are imported on first use, not at start-up.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING, Any

from budgetcli.core.diagnostics import Loc, Pos, Problem, Severity, Source, said
from budgetcli.core.domain import (
    Budget,
    LoadedAppropriations,
    LoadedFollowup,
    LoadedForecast,
    LoadedProposal,
    Meta,
    Placement,
    Prices,
    RefusionRule,
)
from budgetcli.core.lazyclasses import dataclass, field
from budgetcli.folder.listing import AREAS_FILE, FORECASTS_DIR, NO_FOLDER, PROPOSALS_DIR, DataFile

if TYPE_CHECKING:
    from budgetcli.folder.models import RefusionRulesFile
    from budgetcli.folder.yamlrules import Document


@dataclass
class Context:
    """What the proposals of a data set are read and checked against: the budget without its
    proposals (``None`` if ``areas.yaml`` is unusable), the years to expand series with, and the
    problems of these files (and of the listing: folders that cannot be read, no proposals)."""

    budget: Budget | None
    years: list[int] | None
    problems: list[Problem] = field(default_factory=list)


def read_context(files: list[DataFile], has_proposals: bool) -> Context:
    """``areas.yaml`` first (its years expand the series of the rest), then the refusion rules
    and the forecasts with their case registers (``files``: every file but the proposals;
    ``has_proposals``: whether there are any, else that is said)."""
    by_kind: dict[str | None, list[DataFile]] = {}
    for file in files:
        by_kind.setdefault(file.kind, []).append(file)
    problems = _unlisted(files, by_kind, has_proposals)
    meta, source, years = _read_areas(by_kind["areas"][0], problems)
    rules, rules_source = _read_rules(by_kind.get("rules", []), problems)
    prices, prices_source = _read_prices(by_kind.get("prices", []), problems)
    registers = {file.relpath: file for file in by_kind.get("register", [])}
    forecasts = [
        loaded
        for file in by_kind.get("forecast", [])
        if (loaded := _read_forecast(file, registers, problems)) is not None
    ]
    appropriations = _read_valid(by_kind.get("appropriations", []), problems, "AppropriationsFile")
    followups = _read_valid(by_kind.get("followup", []), problems, "FollowupFile")
    budget = None
    if meta is not None:
        budget = Budget(
            meta,
            source,
            (),
            tuple(forecasts),
            rules,
            rules_source,
            prices,
            prices_source,
            tuple(appropriations),
            tuple(followups),
        )
    return Context(budget, years, problems)


def _read_valid(files: list[DataFile], problems: list[Problem], model: str) -> list[Any]:
    """Each of ``files`` read by the model of ``folder.followupmodels`` named ``model``
    (appropriations, follow-ups), as its loaded value with its place; those not valid are
    left out, their problems said."""
    if not files:
        return []  # pydantic and the models only when there is such a file
    from budgetcli.folder import followupmodels
    from budgetcli.folder.validation import validate_document

    loaded = {"AppropriationsFile": LoadedAppropriations, "FollowupFile": LoadedFollowup}[model]
    found = []
    for file in files:
        doc = _read(file)
        problems += doc.problems
        parsed = validate_document(getattr(followupmodels, model), doc, problems, None)
        if parsed is not None:
            found.append(loaded(parsed.to_domain(), doc.source, file.stem))
    return found


def read_proposal(
    file: DataFile, years: list[int] | None, memo: dict[str, Any] | None = None
) -> tuple[LoadedProposal | None, list[Problem], Placement | None]:
    """One proposal file: read, checked against the model, made a domain value; if it fails,
    what of it is well formed for the cross-file checks (``Placement``). ``memo``: the values
    of scalars read before (see ``yamlfast.read``). A proposal written the common way is
    checked by ``modelfast``, without pydantic; the model reads the others."""
    from budgetcli.folder import modelfast

    doc = _read(file, memo)
    if not doc.problems and (common := modelfast.proposal(doc.value, years)) is not None:
        return LoadedProposal(common, doc.source, file.stem), [], None
    from budgetcli.folder.models import ProposalFile
    from budgetcli.folder.validation import validate_document

    problems = list(doc.problems)
    proposal = validate_document(ProposalFile, doc, problems, years)
    if proposal is None or any(p.is_error for p in doc.problems):
        # a YAML error: its values are not what the file means
        return None, problems, _placement(doc.value, doc.source)
    return LoadedProposal(proposal.to_domain(), doc.source, file.stem), problems, None


def _placement(value: Any, source: Source) -> Placement | None:
    """The well-formed parts of a proposal that failed the model: its cross-file checks run
    even when other fields are wrong."""
    if not isinstance(value, dict):
        return None
    pid, areas, committee = value.get("id"), value.get("areas"), value.get("committee")
    codes = None
    if isinstance(areas, list) and areas and all(isinstance(c, str) and c.strip() for c in areas):
        codes = [code.strip() for code in areas]
    text = committee.strip() if isinstance(committee, str) and committee.strip() else None
    return Placement(pid.strip() if isinstance(pid, str) else None, codes, text, source)


def _read_areas(
    file: DataFile, problems: list[Problem]
) -> tuple[Meta | None, Source, list[int] | None]:
    """``areas.yaml``: its areas as a domain value (``None`` if unusable), and the budget's
    years, as validated or, failing that, as the file states them."""
    from budgetcli.folder.models import AreasFile
    from budgetcli.folder.validation import validate_document

    doc = _read(file)
    problems += doc.problems
    years = _years_hint(doc.value)
    meta = validate_document(AreasFile, doc, problems, years)
    if meta is None:
        return None, doc.source, years
    return meta.to_domain(), doc.source, list(meta.years)  # "2024" written as text is a year too


def _read_rules(
    files: list[DataFile], problems: list[Problem]
) -> tuple[tuple[RefusionRule, ...], Source | None]:
    from budgetcli.folder.models import RefusionRulesFile
    from budgetcli.folder.validation import validate_document

    for file in files:
        doc = _read(file)
        problems += doc.problems
        parsed = validate_document(RefusionRulesFile, doc, problems, None)
        if parsed is not None and not (twice := _rules_twice(parsed, doc.source)):
            return tuple(parsed.to_domain()), doc.source
        if parsed is not None:
            problems += twice
    return (), None


def _read_prices(
    files: list[DataFile], problems: list[Problem]
) -> tuple[Prices | None, Source | None]:
    """``rules/prices.yaml``, if it is there and valid."""
    from budgetcli.folder.models import PricesFile
    from budgetcli.folder.validation import validate_document

    for file in files:
        doc = _read(file)
        problems += doc.problems
        parsed = validate_document(PricesFile, doc, problems, None)
        if parsed is not None:
            return parsed.to_domain(), doc.source
    return None, None


def _read_forecast(
    file: DataFile, registers: dict[str, DataFile], problems: list[Problem]
) -> LoadedForecast | None:
    """A forecast and the case register it names (``None`` if either is unusable)."""
    from budgetcli.folder.models import ForecastFile
    from budgetcli.folder.registers import read_register
    from budgetcli.folder.validation import validate_document

    doc = _read(file)
    problems += doc.problems
    forecast = validate_document(ForecastFile, doc, problems, None)
    if forecast is None:
        return None
    cases = None
    if forecast.cases_file is not None:
        register = registers.get(f"{FORECASTS_DIR}/{forecast.cases_file}")
        if register is not None and register.data is None:  # there, but not readable
            problems.append(unreadable(register))
            return None
        if register is None or register.data is None:
            message = said(
                "cases_file: {file} is not a CSV file in {folder}/",
                file=forecast.cases_file,
                folder=FORECASTS_DIR,
            )
            problems.append(doc.source.problem(("cases_file",), "no-register", message))
            return None
        cases, register_problems = read_register(register.data, register.name)
        problems += register_problems
        if register_problems:
            return None
    return LoadedForecast(forecast.to_domain(cases), doc.source, file.stem)


def _rules_twice(parsed: RefusionRulesFile, source: Source) -> list[Problem]:
    """Two rule sets for one year: which one holds is not for budgetcli to guess."""
    first: dict[int, int] = {}
    found = []
    for i, rule in enumerate(parsed.rules):
        if rule.year in first:
            message = said(
                "the rules of {year} are given twice (also rules[{first}]): keep one",
                year=rule.year,
                first=first[rule.year],
            )
            found.append(source.problem(("rules", i, "year"), "duplicate-rules-year", message))
        first.setdefault(rule.year, i)
    return found


def _unlisted(
    files: list[DataFile], by_kind: dict[str | None, list[DataFile]], has_proposals: bool
) -> list[Problem]:
    """What the listing could not read (a folder), and a data set with no proposals."""
    found = [
        unreadable(f) for f in by_kind.get(None, []) if f.data is None and f.error != NO_FOLDER
    ]
    if has_proposals or any(p.path.endswith(PROPOSALS_DIR) for p in found):
        return found
    areas = by_kind["areas"][0].name
    folder = areas[: len(areas) - len(AREAS_FILE)] + PROPOSALS_DIR
    missing = any(f.error == NO_FOLDER for f in by_kind.get(None, []))
    message = (
        said("no proposals: there is no folder {folder}/ (one YAML file a proposal)", folder=folder)
        if missing
        else said(
            "no proposals: {folder}/ holds no .yaml file (one YAML file a proposal)", folder=folder
        )
    )
    problem = Problem(folder, 0, 0, Severity.WARNING, "no-proposals", message.english, message)
    return [*found, problem]


def unreadable(file: DataFile) -> Problem:
    """The error of a file that could not be read: why, with no place in it (rule ``io``)."""
    why = file.error or NOT_READ
    return Problem(file.name, 0, 0, Severity.ERROR, "io", why.english, why)


#: why a file was not read when nothing says why (a ``DataFile`` always says)
NOT_READ = said("the file was not read")


def _read(file: DataFile, memo: dict[str, Any] | None = None) -> Document:
    """A file's YAML: by the fast reader if it takes the file (most do), else the exact one,
    which says what is wrong. Positions are made when a message first needs one."""
    from budgetcli.folder.yamlfast import read
    from budgetcli.folder.yamlrules import Document

    if file.data is None:
        return Document(None, Source(file.name), [unreadable(file)])
    value = read(file.data, memo)
    if value is not None:
        return Document(value, source_of(file.name, file.data, taken=True), [])
    from budgetcli.folder.yamlsafe import load_bytes

    return load_bytes(file.data, file.name)


def source_of(name: str, data: bytes, taken: bool = False) -> Source:
    """The source of the file ``name`` whose bytes are ``data``, its positions made when
    first asked for; a top-level key's found in the bytes if the fast reader took the file (``taken``)."""
    find = partial(top_key_position, data) if taken else None
    return Source(name, locate=partial(_positions, data, name), find=find)


def top_key_position(data: bytes, loc: Loc) -> Pos | None:
    """Where the top-level key ``loc`` of a file the fast reader takes stands, found without
    reading the file again (a warned proposal's message is most often on one: the full
    positions cost ~160 µs a file, this ~1); None if ``loc`` is not a top-level key written
    plain. In such a file each line at the margin that is not a comment is a key of its
    top-level mapping (or a sequence's dash): a scalar or collection over lines, and a block
    scalar's lines, are indented or declined, and a key is there once; so the first line that
    starts with the key and its colon is the key's."""
    if len(loc) != 1 or type(loc[0]) is not str or not _PLAIN_KEY.fullmatch(loc[0]):
        return None
    text, head = b"\n" + data, b"\n" + loc[0].encode("ascii") + b":"
    at = text.find(head)
    while at != -1:  # (the colon of a key is followed by a space or the line's end)
        if text[at + len(head) : at + len(head) + 1] in (b"", b" ", b"\n"):
            return text.count(b"\n", 0, at) + 1, 1  # the line breaks before the key's line
        at = text.find(head, at + 1)
    return None


#: a key ``top_key_position`` looks for: written plain, as budget files write theirs
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _positions(data: bytes, name: str) -> dict[Loc, Pos]:
    """Where each key and item of the file stands: by the fast reader if it takes the file
    (the same positions, at a quarter of libyaml's cost), else by the exact one."""
    from budgetcli.folder.yamlfast import positions

    found = positions(data)
    if found is not None:
        return found
    from budgetcli.folder.yamlsafe import positions_of

    return positions_of(data, name)


def _years_hint(value: Any) -> list[int] | None:
    """The budget's years, if ``areas.yaml`` states them well enough to expand series with."""
    years = value.get("years") if isinstance(value, dict) else None
    if isinstance(years, list) and years and all(type(y) is int for y in years):
        return years
    return None
