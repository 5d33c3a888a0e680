"""The round trip of ``budgetcli import`` (issue 23): generated proposals rendered to pages
nobody here has seen, in every layout the contract names (``wordgen``), imported, and held to
the contract (``wordcheck``): a readable page gives a file equal to the proposal it was made
from, field by field; a refused page gives no file and an error naming it, for a reason its
layout carries; the exit code is 0 exactly when no page is refused. Never a third outcome.

The number of examples is ``conftest.examples(300)``: 300 (a new seed each run) under the
``ci`` profile, 30 under ``dev``; HYPOTHESIS_PROFILE=ci chooses the full count here.
``python -m tests.wordcensus`` counts the failures of a fixed set of documents by class.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from typer.testing import CliRunner

from .conftest import examples
from .wordcases import INVISIBLE_AND_MERGED
from .wordcheck import failures, run_import, truths_loaded
from .wordgen import Document, documents

pytestmark = pytest.mark.slow


@settings(
    max_examples=examples(300),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=documents())
@example(document=INVISIBLE_AND_MERGED)
def test_an_imported_page_is_its_proposal_or_refused_for_its_layouts_reason(
    document: Document,
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        truths = truths_loaded(document, folder)
        imported = run_import(document, folder, CliRunner())
        found = failures(document, imported, truths)
    assert not found, "\n".join(f"page {f.page}: {f.kind}: {f.detail}" for f in found)
