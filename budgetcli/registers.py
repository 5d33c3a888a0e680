"""Case registers: a CSV file beside a forecast, one anonymised case a row.

Columns: ``case_id, section, annual_cost, start`` and optionally ``end, age_group, refusion``.
Each row is checked with the same model as an inline ``cases:`` entry; problems name the CSV
file, the row's line and the column.
"""

from __future__ import annotations

import csv
import io

from pydantic import ValidationError

from budgetcli.diagnostics import Problem, Severity, Source
from budgetcli.domain import Case
from budgetcli.models import CaseModel
from budgetcli.validation import problem_message, rule_name
from budgetcli.yamlrules import LONGEST_NUMBER

REQUIRED = ("case_id", "section", "annual_cost", "start")
OPTIONAL = ("end", "age_group", "refusion")


def read_register(data: bytes, name: str) -> tuple[list[Case], list[Problem]]:
    def problem(line: int, col: int, rule: str, message: str) -> Problem:
        return Problem(name, line, col, Severity.ERROR, rule, message)

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return [], [problem(line, 1, "encoding", "not valid UTF-8; save the file as UTF-8")]
    dialect = (
        csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        if text.strip()
        else csv.excel
    )
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if header is None:
        return [], [
            problem(1, 1, "empty", "the register is empty; the first line names the columns")
        ]
    columns = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    problems = []
    if missing:
        problems.append(
            problem(
                1,
                1,
                "missing-column",
                f"missing column(s): {', '.join(missing)}; the columns are {', '.join(REQUIRED + OPTIONAL)}",
            )
        )
    if unknown:
        problems.append(
            problem(
                1,
                1,
                "unknown-column",
                f"unknown column(s): {', '.join(unknown)}; the columns are {', '.join(REQUIRED + OPTIONAL)}",
            )
        )
    if problems:
        return [], problems

    cases: list[Case] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            problems.append(
                problem(line, 1, "row-length", f"{len(row)} fields, the header has {len(columns)}")
            )
            continue
        cost = row[columns.index("annual_cost")].strip().lstrip("-")
        if len(cost) > LONGEST_NUMBER and cost.isdigit():  # nor will Python make an int of it
            where = columns.index("annual_cost") + 1
            message = f"annual_cost: a number of {len(cost)} digits is not a cost"
            problems.append(problem(line, where, "number-too-long", message))
            continue
        values: dict[str, object] = {}
        for column, raw in zip(columns, row, strict=True):
            cell = raw.strip()
            if column == "annual_cost" and cell.lstrip("-").isdigit():
                values[column] = int(cell)
            elif cell:
                values[column] = cell
        source = Source(
            name, {(): (line, 1), **{(c,): (line, columns.index(c) + 1) for c in columns}}
        )
        try:
            case = CaseModel.model_validate(values).to_domain()
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                loc = tuple(err["loc"])
                problems.append(
                    source.problem(
                        loc, rule_name(err["type"]), problem_message(CaseModel, loc, err)
                    )
                )
            continue
        if case.case_id in seen:
            problems.append(
                problem(
                    line,
                    1,
                    "duplicate-case",
                    f"case {case.case_id} is also on line {seen[case.case_id]}",
                )
            )
            continue
        seen[case.case_id] = line
        cases.append(case)
    return cases, problems
