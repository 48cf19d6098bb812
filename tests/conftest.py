"""Shared paths and helpers. The seeds are acceptance cases; fixtures/ holds invented texts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "fixtures"
PAGE_000 = SEEDS / "000_c57a03b94dbf44d5.txt"
PAGE_004 = SEEDS / "004_959426ed68e14fcc.txt"
EVAL = ROOT.parent / "shared" / "eval"
# A fixed capture time so that relative dates resolve the same everywhere.
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def page_000():
    from auditor.ingest import load

    return load(PAGE_000, now=NOW)


@pytest.fixture(scope="session")
def page_004():
    from auditor.ingest import load

    return load(PAGE_004, now=NOW)
