"""The bundled lexicons are data tested like code: well-formed, sorted, no duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleanup.lexicon.files import bundled_paths, load, load_all, read_entries
from cleanup.lexicon.model import CATEGORIES

PATHS = bundled_paths()


def test_there_is_a_bundled_lexicon() -> None:
    assert PATHS


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_loads_without_duplicates_or_chains(path: Path) -> None:
    assert len(load(path)) > 0  # load() rejects duplicates, chains and case-only variants


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_sorted_by_term(path: Path) -> None:
    keys = [entry.term.casefold() for entry in read_entries(path)]
    assert keys == sorted(keys)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_every_entry_has_a_known_category(path: Path) -> None:
    for entry in read_entries(path):
        assert entry.category in CATEGORIES, entry.source


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_clean_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    for number, line in enumerate(text.splitlines(), start=1):
        assert line == line.rstrip(), f"{path.name}:{number}: trailing whitespace"
        assert "\r" not in line, f"{path.name}:{number}: carriage return"


def test_all_bundled_lexicons_load_together() -> None:
    assert len(load_all(PATHS)) == sum(len(read_entries(p)) for p in PATHS)
