"""A cache file that does not fit is rebuilt with one warning: never a crash, never
different edits. The class: anything read back from the cache folder (sealed pickles,
the language model, the pronunciation database) is checked before it is trusted.
"""

from __future__ import annotations

import pickle
import sqlite3
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import CLI_DATA, LEXICON
from click.testing import CliRunner, Result

from cleanup.cache import ENV, CacheWarning, load_pickle, seal, store_pickle, unseal
from cleanup.cli import main
from cleanup.exitcodes import CLEAN
from cleanup.speller import KIND, english_speller


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for this test, filled by one run over the sample."""
    monkeypatch.chdir(tmp_path)
    for name in ("lexicon.tsv", "sample.txt"):
        (tmp_path / name).write_bytes((CLI_DATA / name).read_bytes())
    folder = tmp_path / "cache"
    monkeypatch.setenv(ENV, str(folder))
    assert run().exit_code == CLEAN
    return folder


def run() -> Result:
    return CliRunner().invoke(main, ["fix", *LEXICON, "sample.txt", "--format", "jsonl"])


def one(folder: Path, pattern: str) -> Path:
    (found,) = folder.rglob(pattern)
    return found


def sealed(kind: str, value: object) -> bytes:
    return seal(kind, pickle.dumps(value))


def index_with_bad_ids(data: bytes) -> bytes:
    table, forms, keys = pickle.loads(unseal(data, "sound index") or b"")
    term, text, phones, key, vowels, ids, heard = forms[0]
    forms[0] = (term, text, phones, key, vowels, (len(table) + 5, *ids), heard)
    return sealed("sound index", (table, forms, keys))


def index_with_int_keys(data: bytes) -> bytes:
    table, forms, keys = pickle.loads(unseal(data, "sound index") or b"")
    return sealed("sound index", (table, forms, {n: v for n, v in enumerate(keys.values())}))


def index_naming_missing_forms(data: bytes) -> bytes:
    table, forms, _ = pickle.loads(unseal(data, "sound index") or b"")
    return sealed("sound index", (table, forms, {"K": [len(forms) + 1]}))


DAMAGES: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("index/*.pickle", lambda _: pickle.dumps([1, 2, 3])),  # a list, not sealed
    ("index/*.pickle", lambda _: sealed("sound index", [1, 2, 3])),  # a list, sealed
    ("index/*.pickle", index_with_int_keys),
    ("index/*.pickle", index_with_bad_ids),
    ("index/*.pickle", index_naming_missing_forms),
    ("index/*.pickle", lambda data: data[: len(data) // 2]),  # cut short
    ("lexicon-*.pickle", lambda _: sealed("lexicon", {"terms": []})),
    ("lexicon-*.pickle", lambda data: data[:-1] + bytes([data[-1] ^ 1])),  # one bit flipped
    ("english-lm-*.bin", lambda data: data[:1000]),
]


@pytest.mark.parametrize(("pattern", "damage"), DAMAGES)
def test_a_damaged_cache_file_is_rebuilt_with_one_warning(
    cache: Path, pattern: str, damage: Callable[[bytes], bytes]
) -> None:
    before = run().stdout
    path = one(cache, pattern)
    path.write_bytes(damage(path.read_bytes()))
    result = run()
    assert result.exit_code == CLEAN, result.output
    assert result.stdout == before  # the same edits
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warned) == 1 and "cache file" in warned[0] and path.name in warned[0], warned
    again = run()
    assert again.stdout == before and "warning" not in again.stderr  # stored again


def test_nulls_in_the_pronunciation_cache_are_learnt_again(cache: Path) -> None:
    before = run().stdout
    path = one(cache, "pronunciations-*.sqlite")
    with sqlite3.connect(path) as db:  # a table without NOT NULL, as another tool might make
        rows = db.execute("SELECT word FROM phones").fetchall()
        db.execute("DROP TABLE phones")
        db.execute("CREATE TABLE phones (word TEXT PRIMARY KEY, phones TEXT)")
        db.executemany("INSERT INTO phones VALUES (?, NULL)", rows)
    result = run()
    assert result.stdout == before
    assert "damaged pronunciations" in result.stderr
    assert "warning" not in run().stderr


def test_wrong_shapes_never_reach_the_caller(tmp_path: Path) -> None:
    path = tmp_path / "x.pickle"
    store_pickle(path, "thing", {"a": 1})
    assert load_pickle(path, "thing", lambda found: found == {"a": 1}) == {"a": 1}
    for fits in (lambda _: False, lambda found: found["missing"]):
        with pytest.warns(CacheWarning, match="wrong shape"):
            assert load_pickle(path, "thing", fits) is None
    with pytest.warns(CacheWarning, match="not a other cache"):
        assert load_pickle(path, "other", lambda _: True) is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_pickle(tmp_path / "none.pickle", "thing", lambda _: True) is None


def test_a_foreign_spelling_index_is_rebuilt(tmp_path: Path) -> None:
    english_speller(tmp_path)
    (path,) = tmp_path.glob("symspell-en-*.pickle")
    assert unseal(path.read_bytes(), KIND) is not None
    path.write_bytes(pickle.dumps({"deletes": [], "words": None}))
    with pytest.warns(CacheWarning, match="spelling index"):
        speller = english_speller(tmp_path)
    assert speller.words["the"] > 0
    assert unseal(path.read_bytes(), KIND) is not None
