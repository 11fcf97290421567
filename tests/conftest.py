"""Shared fixtures for the core tests: the small golden lexicon, stored as data."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.lexicon import Lexicon, load

GOLDEN_DIR = Path(__file__).resolve().parent / "data" / "golden"


@pytest.fixture(scope="session")
def golden_lexicon() -> Lexicon:
    return load(GOLDEN_DIR / "lexicon.tsv")


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN_DIR
