"""No figure or id is ever cut or dropped, at any terminal width from 60 columns up.

A property over generated grids and widths (the one fitting function, drawn by rich), and real
runs of the commands in a pseudo-terminal of 60 to 200 columns against their piped output.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from budgetcli.text.grid import Grid
from budgetcli.text.layout import fit_grid
from budgetcli.text.rich import grid_view

from .conftest import DATA, REPO, agreement, examples

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
WIDTHS = (60, 80, 100, 120, 150, 200)


def drawn(grid: Grid, width: int) -> str:
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    with console.capture() as capture:
        console.print(grid_view(grid, width))
    return ANSI.sub("", capture.get())


_word = st.text("abcdefghijklmnopqrstuvwxyzæøå-.", min_size=1, max_size=18)
_text = st.lists(_word, min_size=0, max_size=6).map(" ".join)
_figure = st.integers(-(10**9), 10**9).map(lambda n: f"{n:,}".replace(",", "."))
_change = st.tuples(_figure, _figure, _figure).map(lambda t: f"{t[0]} → {t[1]} ({t[2]})")


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    left = draw(st.integers(1, 3))
    figures = draw(st.integers(1, 12))
    cell = draw(st.sampled_from([_figure, _change]))
    years = draw(st.booleans())
    columns = [draw(_word) for _ in range(left)] + [draw(_text) for _ in range(figures)]
    groups = ["", *[str(2024 + i // 4) if i % 4 == 0 else "" for i in range(figures)]]
    rows = draw(
        st.lists(
            st.tuples(
                st.lists(_text, min_size=left, max_size=left),
                st.lists(st.one_of(cell, st.just("")), min_size=figures, max_size=figures),
            ).map(lambda t: [*t[0], *t[1]]),
            min_size=1,
            max_size=6,
        )
    )
    return Grid(
        draw(_text),
        columns,
        rows[:-1],
        rows[-1:],
        ([""] * (left - 1) + groups) if years else [],
        draw(_text),
        left,
    )


@settings(max_examples=examples(150), deadline=None)
@given(grids(), st.integers(60, 200))
def test_every_cell_is_shown_whole_and_no_line_is_too_wide(grid: Grid, width: int) -> None:
    out = drawn(grid, width)
    lines = out.splitlines()
    assert max(map(len, lines)) <= width
    for row in [*grid.rows, *grid.footer]:
        for i, cell in enumerate(row):
            if i >= grid.left and cell:  # a figure: whole, on one line
                assert any(cell in line for line in lines), (cell, out)
            for word in cell.split():  # an id or word of text: whole
                assert any(word in line for line in lines), (word, out)


def test_the_layout_steps_in_order() -> None:
    wide = Grid("t", ["Area", "A", "B"], [["a long name here", "-1.000", "2.000"]], left=1)
    assert fit_grid(wide, 80)[0].widths == (16, 6, 5)  # fits as it is
    assert fit_grid(wide, 20)[0].widths == (5, 6, 5)  # the text wrapped at words
    stacked = fit_grid(wide, 13)  # a block per figure column
    assert [b.grid.columns for b in stacked] == [["Area", "A"], ["Area", "B"]]
    assert fit_grid(wide, 9)[0].widths is None  # a paragraph per row


# --- real terminals -----------------------------------------------------------------------------


def in_terminal(args: list[str], columns: int, cwd: Path, cache: Path) -> str:
    """``python -m budgetcli ARGS`` in a pseudo-terminal ``columns`` wide, ANSI codes stripped."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BUDGETCLI_", "COLUMNS"))}
    env.update(BUDGETCLI_CACHE_DIR=str(cache), TERM="xterm-256color", COLUMNS=str(columns))
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "budgetcli", *args], stdin=slave, stdout=slave, stderr=slave,
        cwd=cwd, env=env, close_fds=True,
    )  # fmt: skip
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:  # a command that hangs fails the test, never the run
            proc.kill()
            pytest.fail(f"budgetcli {' '.join(args)} still running after 60 s: {out.decode()}")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait() == 0, out.decode()
    return ANSI.sub("", out.decode().replace("\r\n", "\n"))


def words(text: str) -> Counter[str]:
    """Every word and figure of an output (rules and bullets apart)."""
    return Counter(w for w in text.split() if not set(w) <= set("-─•"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("widths")
    shutil.copytree(DATA, root / "data")
    shutil.copytree(DATA, root / "data-okt")
    agreement(root / "data-okt")
    shutil.copytree(REPO / "examples" / "ishoej-2026-2029", root / "ishoej")
    return root


COMMANDS = [
    ["summary", "2024", "--budgets"],
    ["summary", "--budgets"],
    ["summary", "--by", "kind", "--data", "ishoej"],
    ["frame", "--data", "ishoej"],
    ["summary"],
    ["summary", "--by", "proposal"],
    ["show", "plejecenter-sygefravaer"],
    ["forecast", "eksempel-sagsregister-2024", "--scenario", "high"],
    ["diff", "data", "data-okt"],
    ["followup", "2024-bo2"],
    ["followup", "BO3", "--by", "committee", "--lang", "da"],
    ["diff", "2024-bo2", "2024-bo3", "--followup"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_terminal_of_any_width_shows_every_figure(
    args: list[str], folder: Path, tmp_path: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETCLI_")}
    env["BUDGETCLI_CACHE_DIR"] = str(tmp_path)
    piped = subprocess.run(
        [sys.executable, "-m", "budgetcli", *args], cwd=folder, env=env,
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "─" not in piped and "•" not in piped
    for columns in WIDTHS:
        shown = in_terminal(args, columns, folder, tmp_path)
        assert [line for line in shown.splitlines() if len(line) > columns] == []
        assert words(piped) - words(shown) == Counter(), columns


def test_the_areas_budgets_are_shown_when_they_fit_and_else_named(
    folder: Path, tmp_path: Path
) -> None:
    """Without --budgets, a terminal too narrow for them leaves the areas' budgets out of the
    table and says how to see them; a wide one shows them."""
    narrow = in_terminal(["summary", "2024"], 80, folder, tmp_path)
    assert "Change %" not in narrow and "--budgets shows the areas' budgets" in narrow
    wide = in_terminal(["summary", "2024"], 200, folder, tmp_path)
    assert "Change %" in wide and "108.114" in wide and "-2,6" in wide
