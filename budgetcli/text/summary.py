"""``summary``'s output: its grid (a row per group, the total, a block of columns per year),
as plain text, Markdown, JSON, CSV and a terminal's table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from budgetcli.core.calc import METRICS, Figures, Share, Summary
from budgetcli.core.vocab import GroupBy
from budgetcli.text.csvout import PLAIN, Cell, Dialect, Number, csv_table
from budgetcli.text.grid import Grid, markdown_grid, plain_grid
from budgetcli.text.i18n import DEFAULT_READING, Reading
from budgetcli.text.layout import fits
from budgetcli.text.numbers import (
    BLOCK_METRICS,
    GROUP_HEADERS,
    METRIC_HEADERS,
    SHARE_HEADERS,
    amounts_label,
    csv_metric,
    figures_dict,
    fmt_amount,
    fmt_metric,
    fmt_percent,
    level_json,
    value_label,
)
from budgetcli.text.renderers import Renderers

if TYPE_CHECKING:  # the blocks are made only for a terminal: a piped table never imports them
    from budgetcli.text.blocks import View


def summary_title(s: Summary, reading: Reading = DEFAULT_READING) -> str:
    span = str(s.years[0]) if len(s.years) == 1 else f"{s.years[0]}-{s.years[-1]}"
    return f"{s.municipality} · {s.title} · {span} · {amounts_label(s.unit, s.level, reading)}"


def summary_caption(s: Summary, reading: Reading = DEFAULT_READING) -> str:
    """``by area; status: proposed, adopted, realized``, in the reader's words."""
    return reading.gettext("by {group}; status: {statuses}").format(
        group=reading.gettext(GROUP_HEADERS[s.group_by]).lower(),
        statuses=", ".join(value_label(st.value, reading) for st in s.statuses),
    )


def share_dict(share: Share | None) -> dict[str, int | float | None]:
    """An area's budget, the budget after the proposals and the change in % (``null``: the
    row has no budget in areas.yaml)."""
    if share is None:
        return {"budget": None, "budget_after": None, "change_pct": None}
    percent = share.percent
    return {
        "budget": share.budget,
        "budget_after": share.after,
        "change_pct": None if percent is None else float(percent),
    }


def summary_json(s: Summary) -> str:
    def years(figures: dict[int, Figures], shares: dict[int, Share] | None) -> dict[str, Any]:
        return {
            str(y): figures_dict(f) | share_dict(shares.get(y) if shares else None)
            for y, f in figures.items()
        }

    doc: dict[str, Any] = {
        "municipality": s.municipality,
        "title": s.title,
        "unit": s.unit,
        "price_level": level_json(s.level),
        "years": s.years,
        "group_by": s.group_by.value,
        "statuses": [st.value for st in s.statuses],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "proposals": list(row.proposals),
                "years": years(row.years, row.shares),
            }
            for row in s.rows
        ],
        "total": {"years": years(s.total, None)},
    }
    import json  # only JSON output needs it

    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def summary_csv(s: Summary, dialect: Dialect = PLAIN) -> str:
    """Long format: one line per group and year; the total has an empty key and label Total."""
    header = ["key", "label", "year", *METRICS, "budget", "budget_after", "change_pct"]
    lines = [(row.key, row.label, row.years, row.shares) for row in s.rows]
    rows: list[list[Cell]] = []
    for key, label, years, shares in [*lines, ("", "Total", s.total, None)]:
        for year, f in years.items():
            figures = [csv_metric(m, getattr(f, m)) for m in METRICS]
            shares_in = [Number(c) for c in _share_cells(shares, year, False)]
            rows.append([key, label, year, *figures, *shares_in])
    return csv_table(header, rows, dialect)


def _share_cells(shares: dict[int, Share] | None, year: int, danish: bool) -> list[str]:
    """A year's budget, budget after and change in %, as cells (empty: no budget)."""
    share = shares.get(year) if shares else None
    if share is None:
        return ["", "", ""]
    budget, after = fmt_amount(share.budget, danish), fmt_amount(share.after, danish)
    return [budget, after, fmt_percent(share.percent, danish)]


def summary_grid(
    s: Summary, reading: Reading = DEFAULT_READING, shares: bool | None = None
) -> Grid:
    """The summary as a grid: one row per group, the total in the footer; with several
    years, a block of columns per year with the year above it. Construction is a column when
    some row has it; an area's budget, the budget after and the change in % follow each
    year's figures with ``shares`` when the rows have budgets (``None``: for one year)."""
    one_year = len(s.years) == 1
    metrics = [
        m
        for m in (METRICS if one_year else BLOCK_METRICS)
        if m != "construction" or s.has_construction
    ]
    with_shares = s.has_shares and (one_year if shares is None else shares)
    headers = [*(METRIC_HEADERS[m] for m in metrics), *(SHARE_HEADERS if with_shares else ())]
    block = [reading.gettext(h) for h in headers]
    columns = [reading.gettext(GROUP_HEADERS[s.group_by])] + block * len(s.years)
    danish = reading.danish
    groups = (
        []
        if one_year
        else ["", *(str(y) if i == 0 else "" for y in s.years for i in range(len(block)))]
    )

    def cells(years: dict[int, Figures], row_shares: dict[int, Share] | None) -> list[str]:
        out = []
        for y in s.years:
            out += [fmt_metric(m, getattr(years[y], m), danish) for m in metrics]
            out += _share_cells(row_shares, y, danish) if with_shares else []
        return out

    values = s.group_by in (GroupBy.STATUS, GroupBy.KIND)  # a status's, a kind's value
    body = [
        [value_label(row.label, reading) if values else row.label, *cells(row.years, row.shares)]
        for row in s.rows
    ]
    footer = [[reading.gettext("Total"), *cells(s.total, None)]]
    levels = (
        frozenset(
            1 + n * len(block) + len(metrics) + i for n in range(len(s.years)) for i in range(2)
        )
        if with_shares
        else frozenset()
    )
    caption = summary_caption(s, reading)
    if s.has_shares and not with_shares:
        caption += reading.gettext("; --budgets shows the areas' budgets")
    title = summary_title(s, reading)
    return Grid(title, columns, body, footer, groups, caption, level_columns=levels)


def summary_plain(
    s: Summary, reading: Reading = DEFAULT_READING, shares: bool | None = None
) -> str:
    """The summary table as plain text, for output that is not a terminal (no rich import)."""
    return plain_grid(summary_grid(s, reading, shares))


def summary_markdown(
    s: Summary, reading: Reading = DEFAULT_READING, shares: bool | None = None
) -> str:
    return markdown_grid(summary_grid(s, reading, shares))


def summary_renderers(shares: bool | None = None) -> Renderers[Summary]:
    """``summary``'s renderers; ``shares``: the areas' budgets in the table or not (``None``:
    in a terminal when the table fits its width with them, else for one year)."""

    def blocks(s: Summary, reading: Reading, width: int | None) -> View:
        from budgetcli.text.blocks import Table

        return [Table(summary_fitted(s, reading, width, shares))]

    return Renderers(
        lambda s, reading: summary_plain(s, reading, shares),
        lambda s, reading: summary_markdown(s, reading, shares),
        summary_json,
        summary_csv,
        blocks,
    )


def summary_fitted(s: Summary, reading: Reading, width: int | None, shares: bool | None) -> Grid:
    """The summary's grid for a terminal of ``width`` columns; the areas' budgets in it if
    ``shares``, or (``None``) if the table fits ``width`` with them."""
    if shares is None and width is not None and s.has_shares:
        wide = summary_grid(s, reading, True)
        return wide if fits(wide, width) else summary_grid(s, reading, False)
    return summary_grid(s, reading, shares)


SUMMARY = summary_renderers()
