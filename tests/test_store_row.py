"""A proposal file's row in the store (``store/row.py``): its fields by name, its bytes as
stored, and what is not a row refused."""

from __future__ import annotations

import marshal

import pytest

from budgetcli.core.diagnostics import Problem, Severity
from budgetcli.core.vocab import ProposalKind, Status
from budgetcli.store import changed
from budgetcli.store.row import Row, RowTable, problems_from, proposal_line_of, stored_problems
from budgetcli.store.stages import FileResult

from .conftest import DATA

#: the row's fields in the order they are stored: a field added, removed or moved changes what
#: is on disk, and must bump ``cache.FORMAT`` (a field renamed does not)
LAYOUT = ("relpath", "name", "key", "problems", "line", "mark", "stored_at", "terms")


def made_row() -> Row:
    """The row of a file with a valid proposal and a problem, as ``changed`` makes it."""
    from budgetcli.folder.listing import DataFile
    from budgetcli.store import stages
    from budgetcli.store.load import load_checked

    budget = load_checked(DATA, use_cache=False).budget
    assert budget is not None
    path = DATA / "proposals" / "b23-frivilligfesten.yaml"
    file = DataFile(f"data/proposals/{path.name}", f"proposals/{path.name}", path.read_bytes())
    result = stages.file_stage(file, budget.meta.years, budget.meta, {})
    problem = Problem("p.yaml", 3, 1, Severity.WARNING, "rule", "a warning")
    result = result._replace(problems=[*result.problems, problem])
    return Row.of(file.relpath, file.name, b"k" * 32, result, ("budgetcli-pack-ab.bin", 18))


def test_a_row_is_stored_as_the_plain_tuple_of_its_fields_in_order() -> None:
    assert Row._fields == LAYOUT, "moved, added or removed: bump cache.FORMAT, then LAYOUT"
    row = made_row()
    plain = marshal.loads(row.to_bytes())
    assert type(plain) is tuple
    assert plain == tuple(row)
    assert Row.from_bytes(row.to_bytes()) == row
    assert type(Row.from_bytes(row.to_bytes())) is Row


def test_a_row_gives_its_proposals_line_id_and_problems() -> None:
    row = made_row()
    line = row.proposal_line()
    assert line is not None
    assert (line.id, line.status, line.kind) == (
        "b23-frivilligfesten",
        Status.REALIZED,
        ProposalKind.REDUCTION,
    )
    assert row.proposal_id == "b23-frivilligfesten"
    assert proposal_line_of(row.to_bytes()) == line  # without making the row
    assert problems_from(row.problems)[-1] == Problem(
        "p.yaml", 3, 1, Severity.WARNING, "rule", "a warning"
    )
    assert stored_problems(problems_from(row.problems)) == row.problems
    invalid = row._replace(line=None, mark=None)
    assert (invalid.proposal_line(), invalid.proposal_id) == (None, None)


@pytest.mark.parametrize(
    "stored",
    [
        marshal.dumps(["a", "list"]),
        marshal.dumps(("seven", "fields", "but", "six", None, None)),
        marshal.dumps((*LAYOUT, "an eighth")),
        marshal.dumps("a text"),
    ],
)
def test_what_is_not_a_row_is_refused(stored: bytes) -> None:
    with pytest.raises(ValueError, match="not a row"):
        Row.from_bytes(stored)
    with pytest.raises(ValueError, match="not a row"):
        proposal_line_of(stored)


def test_a_table_keeps_beside_each_row_its_id_mark_and_problems() -> None:
    row = made_row()
    table = RowTable.empty(2)
    table.set_row(1, row)
    assert Row.from_bytes(table.stored_rows[1]) == row
    assert (table.ids, table.marks) == ([None, "b23-frivilligfesten"], [None, row.mark])
    assert table.problems == {1: row.problems}
    other = table.copy()
    other.set_row(1, row._replace(line=None, mark=None, problems=[]))
    assert (other.ids[1], other.marks[1], other.problems) == (None, None, {})
    assert table.ids[1] == "b23-frivilligfesten"  # the copy is a table of its own
    other.reuse_row(0, table, 1)
    assert (other.ids[0], other.problems) == ("b23-frivilligfesten", {0: row.problems})


def test_the_places_result_reads_rows_by_are_the_rows_fields() -> None:
    """``store/result.py`` still reads a row by place (``changed.KEY``): each place is the
    field's it names."""
    places = {"relpath": changed.RELPATH, "name": changed.NAME, "key": changed.KEY}
    assert {field: Row._fields[at] for field, at in places.items()} == {f: f for f in places}
    assert Row._fields[changed.WHERE] == "stored_at"
    row = made_row()
    assert changed.line_of(row) == row.proposal_line()


def test_a_file_result_without_a_proposal_makes_a_row_without_a_line() -> None:
    problem = Problem("p.yaml", 1, 1, Severity.ERROR, "syntax", "not YAML")
    row = Row.of("proposals/p.yaml", "data/proposals/p.yaml", b"k", FileResult([problem]), None)
    assert (row.line, row.mark, row.stored_at, row.proposal_id) == (None, None, None, None)
    assert Row.from_bytes(row.to_bytes()).problems == stored_problems([problem])
