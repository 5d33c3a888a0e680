"""Shell completion: ``show`` completes the data folder's proposal ids, ``forecast`` its
forecast ids (``folder/ids.py``, read without loading the folder), and ``--show-completion``
prints the script of the shell it runs in, as docs/usage.md says."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from budgetcli.folder.ids import forecast_ids, proposal_ids
from tests.conftest import REPO, process

pytestmark = pytest.mark.store


def completed(words: str, cwd: Path = REPO, **env: str) -> tuple[int, str, str]:
    """What bash's completion gets for the command line ``words`` (the last word being
    typed; a trailing space: a new word)."""
    count = len(words.split()) - (0 if words.endswith(" ") else 1)
    return process(
        cwd=cwd, _BUDGETCLI_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(count), **env
    )


def test_show_completes_the_proposal_ids() -> None:
    assert completed("budgetcli show pl") == (
        0,
        "plejecenter-sygefravaer\nplejecenter-tvaerfagligt-samarbejde\n",
        "",
    )
    code, out, _ = completed("budgetcli show ")
    assert code == 0 and len(out.splitlines()) == 11 and "hjemloeseindsats" in out.splitlines()


def test_forecast_completes_the_forecast_ids() -> None:
    assert completed("budgetcli forecast ") == (
        0,
        "eksempel-sagsregister-2024\nvoksenspecialiseret-2024\n",
        "",
    )
    assert completed("budgetcli forecast v") == (0, "voksenspecialiseret-2024\n", "")


def test_completion_reads_the_data_folder_named(tmp_path: Path) -> None:
    data = tmp_path / "d"
    shutil.copytree(REPO / "data", data)
    (data / "forecasts" / "other-name.yaml").write_text(
        'title: x\nid: "prognose-2025"  # quoted\n', encoding="utf-8"
    )
    (data / "proposals" / "ny.yml").write_text("id: ny\n", encoding="utf-8")
    assert completed(f"budgetcli forecast --data {data} p") == (0, "prognose-2025\n", "")
    assert completed("budgetcli show n", BUDGETCLI_DATA=str(data)) == (0, "ny\n", "")
    assert completed(f"budgetcli show --data {tmp_path / 'none'} p") == (0, "\n", "")


def test_ids_of_a_folder_that_is_not_there_are_none(tmp_path: Path) -> None:
    assert proposal_ids(tmp_path / "none") == [] and forecast_ids(tmp_path / "none") == []


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_show_completion_prints_the_script_of_the_shell_it_runs_in() -> None:
    """In bash, bash's script (the shell is the process that runs budgetcli: docs/usage.md)."""
    done = subprocess.run(
        ["bash", "-c", f"{sys.executable} -m budgetcli --show-completion"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("complete -o default -F _budgetcli_completion budgetcli")
    usage = (REPO / "docs" / "usage.md").read_text(encoding="utf-8")
    assert "budgetcli --show-completion           # or print its script" in usage
