"""The budget as an SQLite database (``budgetcli export --format sqlite``): a ``Publication``
in, the bytes of a database out (``database``), or the same bytes made in a new file the
writer hands in (``database_file``: what ``export`` does, so the database is never held in
memory whole, nor twice).

The database is built with the standard ``sqlite3`` module. Its tables
hold the budget as the files give it (every amount an exact ``INTEGER`` of the unit, every FTE
the exact decimal as ``TEXT``, never ``REAL``); its views sum those amounts the way ``summary``
and ``frame`` do, so a query sees the same figures as the command line. The table ``budget``
(one row: whose budget it is) lets the databases of several municipalities be ATTACHed and
queried together::

    ATTACH 'ishoej.db' AS a; ATTACH 'eksempelby.db' AS b;
    SELECT municipality, year, SUM(net) FROM (
        SELECT * FROM a.summary_by_year UNION ALL SELECT * FROM b.summary_by_year
    ) GROUP BY municipality, year ORDER BY municipality, year;

Nothing here computes a figure: the tables take each value from the publication, and the
grouping by area is the summary's own (``area_groups``, ``proposal_groups``: a proposal on
several areas is its own group, "A & B").
"""

from __future__ import annotations

import marshal
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from importlib import metadata
from pathlib import Path

from budgetcli.core.domain import Proposal, Series
from budgetcli.core.errors import UnwritableFigureError
from budgetcli.core.publication import Publication, first_unfit

#: ``PRAGMA user_version`` of the database: the version of the schema below
SCHEMA_VERSION = 1

#: the kinds of ``amounts``: each a field of ``Change``
AMOUNT_KINDS = ("inside_service_frame", "outside_service_frame", "construction")

SCHEMA = """
CREATE TABLE budget (
    municipality TEXT NOT NULL,
    title TEXT NOT NULL,
    unit TEXT NOT NULL,
    price_level INTEGER,
    restated_from INTEGER,
    first_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL,
    statuses TEXT NOT NULL,
    command TEXT NOT NULL,
    budgetcli_version TEXT
) STRICT;

CREATE TABLE years (
    year INTEGER PRIMARY KEY
) STRICT;

CREATE TABLE areas (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    name TEXT,
    committee TEXT NOT NULL
) STRICT;
CREATE INDEX areas_committee ON areas (committee);

CREATE TABLE area_budgets (
    code TEXT NOT NULL REFERENCES areas (code),
    year INTEGER NOT NULL REFERENCES years (year),
    budget INTEGER NOT NULL,
    PRIMARY KEY (code, year)
) STRICT;
CREATE INDEX area_budgets_year ON area_budgets (year);

CREATE TABLE proposals (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'adopted', 'rejected', 'realized')),
    kind TEXT NOT NULL CHECK (kind IN ('reduction', 'expansion', 'construction', 'technical')),
    committee TEXT,
    center TEXT,
    contact TEXT,
    date TEXT,
    construction_grant INTEGER,
    description TEXT NOT NULL,
    source_document TEXT,
    source_page INTEGER
) STRICT;
CREATE INDEX proposals_status ON proposals (status);
CREATE INDEX proposals_kind ON proposals (kind);
CREATE INDEX proposals_committee ON proposals (committee);
CREATE INDEX proposals_center ON proposals (center);

CREATE TABLE proposal_areas (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    area_code TEXT NOT NULL REFERENCES areas (code),
    position INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, area_code),
    UNIQUE (proposal_id, position)
) STRICT;
CREATE INDEX proposal_areas_area ON proposal_areas (area_code);

CREATE TABLE proposal_budgets (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    year INTEGER NOT NULL REFERENCES years (year),
    operating_budget INTEGER,
    area_budget INTEGER,
    PRIMARY KEY (proposal_id, year)
) STRICT;

CREATE TABLE notes (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    position INTEGER NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (proposal_id, position)
) STRICT;

CREATE TABLE amounts (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    year INTEGER NOT NULL REFERENCES years (year),
    kind TEXT NOT NULL
        CHECK (kind IN ('inside_service_frame', 'outside_service_frame', 'construction')),
    amount INTEGER NOT NULL CHECK (amount <> 0),
    PRIMARY KEY (proposal_id, year, kind)
) STRICT;
CREATE INDEX amounts_year ON amounts (year, kind);

-- a row for each component in each of the budget's years (0 where it gives none), so a
-- proposal with components has rows even where they are 0
CREATE TABLE components (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    position INTEGER NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('saving', 'investment')),
    label TEXT NOT NULL,
    year INTEGER NOT NULL REFERENCES years (year),
    amount INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, position, year)
) STRICT;
CREATE INDEX components_year ON components (proposal_id, year, type);

CREATE TABLE allocations (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    kind TEXT NOT NULL CHECK (kind IN ('function_area', 'cost_center')),
    code TEXT NOT NULL,
    year INTEGER NOT NULL REFERENCES years (year),
    amount INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, kind, code, year)
) STRICT;
CREATE INDEX allocations_code ON allocations (kind, code, year);

-- full-time positions as exact decimal text (never REAL): CAST them to compare, not to add
CREATE TABLE staffing (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    year INTEGER NOT NULL REFERENCES years (year),
    baseline_fte TEXT,
    change_fte TEXT NOT NULL,
    PRIMARY KEY (proposal_id, year)
) STRICT;

CREATE TABLE frames (
    name TEXT NOT NULL CHECK (name IN ('service', 'construction')),
    year INTEGER NOT NULL REFERENCES years (year),
    frame INTEGER NOT NULL,
    baseline INTEGER NOT NULL,
    PRIMARY KEY (name, year)
) STRICT;

-- the groups of the summary by area, in its order, and the group of each proposal
CREATE TABLE area_groups (
    area_group TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    position INTEGER NOT NULL UNIQUE
) STRICT;

CREATE TABLE proposal_groups (
    proposal_id TEXT PRIMARY KEY REFERENCES proposals (id),
    area_group TEXT NOT NULL REFERENCES area_groups (area_group)
) STRICT;
CREATE INDEX proposal_groups_group ON proposal_groups (area_group);

-- each proposal's figures in each year, as ``show`` and ``summary`` count them: net = inside
-- + outside the service frame; savings and investments are its components' (a proposal
-- without components: a negative net is a saving, a positive one an investment)
CREATE VIEW proposal_figures AS
WITH operating AS (
    SELECT proposal_id, year,
        SUM(CASE WHEN kind = 'inside_service_frame' THEN amount ELSE 0 END) AS inside,
        SUM(CASE WHEN kind = 'outside_service_frame' THEN amount ELSE 0 END) AS outside,
        SUM(CASE WHEN kind = 'construction' THEN amount ELSE 0 END) AS construction
    FROM amounts GROUP BY proposal_id, year
), parts AS (
    SELECT proposal_id, year,
        SUM(CASE WHEN type = 'saving' THEN amount ELSE 0 END) AS savings,
        SUM(CASE WHEN type = 'saving' THEN 0 ELSE amount END) AS investments
    FROM components GROUP BY proposal_id, year
), with_parts AS (
    SELECT DISTINCT proposal_id FROM components
), figures AS (
    SELECT p.id AS proposal_id, y.year,
        COALESCE(o.inside, 0) AS inside, COALESCE(o.outside, 0) AS outside,
        COALESCE(o.construction, 0) AS construction,
        w.proposal_id IS NOT NULL AS has_parts,
        COALESCE(c.savings, 0) AS savings, COALESCE(c.investments, 0) AS investments
    FROM proposals p CROSS JOIN years y
    LEFT JOIN operating o ON o.proposal_id = p.id AND o.year = y.year
    LEFT JOIN parts c ON c.proposal_id = p.id AND c.year = y.year
    LEFT JOIN with_parts w ON w.proposal_id = p.id
)
SELECT proposal_id, year,
    CASE WHEN has_parts THEN savings ELSE MIN(inside + outside, 0) END AS savings,
    CASE WHEN has_parts THEN investments ELSE MAX(inside + outside, 0) END AS investments,
    inside + outside AS net,
    inside AS inside_service_frame,
    outside AS outside_service_frame,
    construction
FROM figures;

-- ``summary`` (by area): each group in each year
CREATE VIEW summary_by_area_year AS
WITH sums AS (
    SELECT g.area_group, f.year,
        SUM(f.savings) AS savings, SUM(f.investments) AS investments, SUM(f.net) AS net,
        SUM(f.inside_service_frame) AS inside_service_frame,
        SUM(f.outside_service_frame) AS outside_service_frame,
        SUM(f.construction) AS construction
    FROM proposal_groups g JOIN proposal_figures f ON f.proposal_id = g.proposal_id
    GROUP BY g.area_group, f.year
)
SELECT a.area_group, a.label, a.position, y.year,
    COALESCE(s.savings, 0) AS savings, COALESCE(s.investments, 0) AS investments,
    COALESCE(s.net, 0) AS net,
    COALESCE(s.inside_service_frame, 0) AS inside_service_frame,
    COALESCE(s.outside_service_frame, 0) AS outside_service_frame,
    COALESCE(s.construction, 0) AS construction
FROM area_groups a CROSS JOIN years y
LEFT JOIN sums s ON s.area_group = a.area_group AND s.year = y.year
ORDER BY a.position, y.year;

-- ``summary``'s total: every proposal in each year, with whose budget it is
CREATE VIEW summary_by_year AS
SELECT b.municipality, b.title, y.year,
    COALESCE(SUM(f.savings), 0) AS savings, COALESCE(SUM(f.investments), 0) AS investments,
    COALESCE(SUM(f.net), 0) AS net,
    COALESCE(SUM(f.inside_service_frame), 0) AS inside_service_frame,
    COALESCE(SUM(f.outside_service_frame), 0) AS outside_service_frame,
    COALESCE(SUM(f.construction), 0) AS construction
FROM budget b CROSS JOIN years y
LEFT JOIN proposal_figures f ON f.year = y.year
GROUP BY y.year
ORDER BY y.year;

-- ``frame``: each frame in each year, the change by the proposals decided on (adopted,
-- realized) and by the others; positive deviation = over the frame
CREATE VIEW frame_position AS
WITH changes AS (
    SELECT f.year,
        SUM(CASE WHEN p.status IN ('adopted', 'realized')
            THEN f.inside_service_frame ELSE 0 END) AS service_decided,
        SUM(CASE WHEN p.status IN ('adopted', 'realized')
            THEN 0 ELSE f.inside_service_frame END) AS service_undecided,
        SUM(CASE WHEN p.status IN ('adopted', 'realized')
            THEN f.construction ELSE 0 END) AS construction_decided,
        SUM(CASE WHEN p.status IN ('adopted', 'realized')
            THEN 0 ELSE f.construction END) AS construction_undecided
    FROM proposal_figures f JOIN proposals p ON p.id = f.proposal_id
    GROUP BY f.year
), position AS (
    SELECT fr.name, fr.year, fr.frame, fr.baseline,
        COALESCE(CASE fr.name WHEN 'service' THEN c.service_decided
            ELSE c.construction_decided END, 0) AS decided,
        COALESCE(CASE fr.name WHEN 'service' THEN c.service_undecided
            ELSE c.construction_undecided END, 0) AS undecided
    FROM frames fr LEFT JOIN changes c ON c.year = fr.year
)
SELECT name, year, frame, baseline, decided, undecided,
    baseline + decided AS after_decided,
    baseline + decided - frame AS deviation_decided,
    baseline + decided + undecided AS after,
    baseline + decided + undecided - frame AS deviation
FROM position
ORDER BY CASE name WHEN 'service' THEN 0 ELSE 1 END, year;
"""


#: SQLite's INTEGER is 64 bits: a figure beyond would not be stored, and a sum beyond is an
#: error in SQL (``SUM``) or, worse, a float (``+``)
SQLITE_LARGEST = 2**63 - 1


def database(pub: Publication) -> bytes:
    """The SQLite database of ``pub``: its bytes, as a file holds them; ``UnwritableFigureError``
    if a figure of it (a total its views sum, too) is beyond SQLite's whole numbers."""
    _refuse_unfit(pub)
    connection = sqlite3.connect(":memory:")
    try:
        _build(connection, pub)
        return connection.serialize()
    finally:
        connection.close()


def database_file(pub: Publication, path: Path) -> None:
    """The database of ``pub`` made in ``path``, a new empty file: the same bytes as
    ``database``'s, made on disk page by page rather than held in memory and then copied
    whole (at 10,000 proposals 39 MB, held twice). Refused as ``database`` is, before a byte
    is written; ``OSError`` when SQLite cannot write the file (a full disk)."""
    _refuse_unfit(pub)
    try:
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # a new file, written whole or not
            connection.execute("PRAGMA synchronous = OFF")  # the writer syncs it once, at the end
            _build(connection, pub)
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise OSError(str(exc)) from None
    with path.open("r+b") as made:  # the header as ``serialize`` gives it (``HEADER_ZEROED``)
        for at, size in HEADER_ZEROED:
            made.seek(at)
            made.write(bytes(size))


#: the parts of a database file's header that only a file's writes set, zeroed as in the bytes
#: of a database made in memory: the change counter (offset 24) and the "version valid for"
#: number with the SQLite version that wrote it (92)
HEADER_ZEROED = ((24, 4), (92, 8))


def _refuse_unfit(pub: Publication) -> None:
    if (unfit := first_unfit(pub, _fits)) is not None:
        raise UnwritableFigureError(
            f"the database cannot hold {unfit}: SQLite's whole numbers go to {SQLITE_LARGEST}; "
            "nothing was written"
        )


def _build(connection: sqlite3.Connection, pub: Publication) -> None:
    connection.execute("PRAGMA foreign_keys = ON")  # every row below is checked
    connection.executescript(SCHEMA)
    with connection:
        _fill(connection, pub)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _fits(value: int | Decimal) -> bool:
    """``value`` is held as it is: a whole number of 64 bits (an FTE is held as text)."""
    return isinstance(value, Decimal) or -SQLITE_LARGEST <= value <= SQLITE_LARGEST


def _version() -> str | None:
    """budgetcli's version, from its installed metadata (publish may not import the
    package itself); ``None`` when it is not installed."""
    try:
        return metadata.version("budgetcli")
    except metadata.PackageNotFoundError:
        return None


def _fte(value: Decimal) -> str:
    """An FTE as exact decimal text, never in exponent form (``1.50``, ``-0.5``, ``10``)."""
    return f"{value:f}"


def _fill(db: sqlite3.Connection, pub: Publication) -> None:
    for statement, rows in inserts(pub):
        db.executemany(statement, rows)


#: a statement and its rows, made as they are read
Insert = tuple[str, Iterable[tuple[object, ...]]]


def inserts(pub: Publication) -> Iterator[Insert]:
    """Each INSERT of the database in turn, with its rows: one ``executemany`` a table (many
    times faster than a few per proposal), the tables in this order (the order the pages of
    the file are laid out in)."""
    meta, years = pub.meta, pub.meta.years
    yield (
        "INSERT INTO budget VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                meta.municipality,
                meta.title,
                meta.unit,
                pub.level.year if pub.level else None,
                pub.level.restated_from if pub.level else None,
                years[0],
                years[-1],
                ",".join(s.value for s in pub.statuses),
                pub.command,
                _version(),
            )
        ],
    )
    yield "INSERT INTO years VALUES (?)", ((y,) for y in years)
    yield (
        "INSERT INTO areas VALUES (?, ?, ?, ?)",
        ((a.code, i, a.name, a.committee) for i, a in enumerate(meta.areas)),
    )
    yield (
        "INSERT INTO area_budgets VALUES (?, ?, ?)",
        ((a.code, y, v) for a in meta.areas for y, v in _series(a.budget)),
    )
    yield (
        "INSERT INTO proposals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        map(_proposal_row, pub.proposals),
    )
    rows_of = _Rows()
    for p in pub.proposals:
        _fill_proposal(rows_of, p, years)
    yield from rows_of.gathered()
    yield from _summaries(pub)


def _summaries(pub: Publication) -> Iterator[Insert]:
    """The frames, and the groups of the summary by area."""
    if pub.frames is not None:
        yield (
            "INSERT INTO frames VALUES (?, ?, ?, ?)",
            (
                (f.name, y, fy.frame, fy.baseline)
                for f in pub.frames.frames
                for y, fy in f.years.items()
            ),
        )
    rows = pub.by_area.rows
    yield (
        "INSERT INTO area_groups VALUES (?, ?, ?)",
        ((r.key, r.label, i) for i, r in enumerate(rows)),
    )
    yield (
        "INSERT INTO proposal_groups VALUES (?, ?)",
        ((pid, r.key) for r in rows for pid in r.proposals),
    )


def _proposal_row(p: Proposal) -> tuple[object, ...]:
    return (
        p.id,
        p.title,
        p.status.value,
        p.kind.value,
        p.committee,
        p.center,
        p.contact,
        p.date.isoformat() if p.date else None,
        p.construction_grant,
        p.description,
        p.source.document if p.source else None,
        p.source.page if p.source else None,
    )


def _series(series: Series | None) -> Iterable[tuple[int, int]]:
    return sorted((series or {}).items())


class _Rows:
    """The rows of the proposals' tables, gathered per INSERT statement (in the order each
    statement came first) as a table's rows are inserted at once. They are kept packed by
    ``marshal``, ``BATCH`` rows at a time: as tuples they took several times the bytes (at
    10,000 proposals some 50 MB)."""

    def __init__(self) -> None:
        self.packed: dict[str, list[bytes]] = {}
        self.pending: dict[str, list[tuple[object, ...]]] = {}

    def executemany(self, statement: str, rows: Iterable[tuple[object, ...]]) -> None:
        pending = self.pending.setdefault(statement, [])
        self.packed.setdefault(statement, [])
        pending.extend(rows)
        if len(pending) >= BATCH:
            self.packed[statement].append(marshal.dumps(pending))
            pending.clear()

    def gathered(self) -> Iterator[Insert]:
        """Each statement with its rows, unpacked as they are read."""
        for statement, packed in self.packed.items():
            yield statement, self._rows(packed, self.pending[statement])

    @staticmethod
    def _rows(
        packed: list[bytes], pending: list[tuple[object, ...]]
    ) -> Iterator[tuple[object, ...]]:
        for batch in packed:
            yield from marshal.loads(batch)
        yield from pending


#: how many rows ``_Rows`` packs at a time
BATCH = 1000


def _fill_proposal(db: _Rows, p: Proposal, years: Sequence[int]) -> None:
    pid = p.id
    db.executemany(
        "INSERT INTO proposal_areas VALUES (?, ?, ?)",
        ((pid, code, i) for i, code in enumerate(p.areas)),
    )
    operating, area = p.operating_budget or {}, p.area_budget or {}
    db.executemany(
        "INSERT INTO proposal_budgets VALUES (?, ?, ?, ?)",
        ((pid, y, operating.get(y), area.get(y)) for y in years if y in operating or y in area),
    )
    db.executemany(
        "INSERT INTO notes VALUES (?, ?, ?)", ((pid, i, n) for i, n in enumerate(p.notes))
    )
    db.executemany(
        "INSERT INTO amounts VALUES (?, ?, ?, ?)",
        (
            (pid, y, kind, v)
            for kind in AMOUNT_KINDS
            for y, v in _series(getattr(p.change, kind))
            if v != 0
        ),
    )
    db.executemany(
        "INSERT INTO components VALUES (?, ?, ?, ?, ?, ?)",
        (
            (pid, i, c.type, c.label, y, c.amounts.get(y, 0))
            for i, c in enumerate(p.components)
            for y in years
        ),
    )
    if p.allocations is not None:
        db.executemany(
            "INSERT INTO allocations VALUES (?, ?, ?, ?, ?)",
            (
                (pid, kind, code, y, v)
                for kind, by_code in (
                    ("function_area", p.allocations.function_areas),
                    ("cost_center", p.allocations.cost_centers),
                )
                for code, series in by_code.items()
                for y, v in _series(series)
            ),
        )
    if p.staffing is not None:
        change, baseline = p.staffing.change_fte, p.staffing.baseline_fte or {}
        db.executemany(
            "INSERT INTO staffing VALUES (?, ?, ?, ?)",
            (
                (
                    pid,
                    y,
                    _fte(baseline[y]) if y in baseline else None,
                    _fte(change.get(y, Decimal(0))),
                )
                for y in years
                if y in change or y in baseline
            ),
        )
