"""Shared fixtures for the core tests: the small golden lexicon, stored as data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cleanup.cache import ENV
from cleanup.lexicon.files import load
from cleanup.lexicon.model import Lexicon

GOLDEN_DIR = Path(__file__).resolve().parent / "data" / "golden"


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The tests' cache folder: a fresh one per test session, never the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(ENV, str(folder))
        yield folder


@pytest.fixture(autouse=True)
def own_user_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The user's lexicon and ignore list of a test live in a fresh folder, never in ~."""
    folder = tmp_path_factory.mktemp("user-config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder / "cleanup"


@pytest.fixture(scope="session")
def golden_lexicon() -> Lexicon:
    return load(GOLDEN_DIR / "lexicon.tsv")


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN_DIR
