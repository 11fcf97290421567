"""The compact English model: the same numbers as a plain dict model, and a safe cache file.

The reference below is the dict-based model the compact one replaced, read straight from
symspellpy's text files; every method must return exactly the same values (floats compared
with ``==``). Cache tests replace the compiler with a counting stand-in that returns the
bytes compiled once for this module, so they stay fast.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleanup.soundalike import langmodel
from cleanup.soundalike.langmodel import (
    BACKOFF,
    BIGRAMS,
    FUNCTION_WORDS,
    OOV_COUNT,
    UNIGRAMS,
    LanguageModel,
    compile_english,
    english_path,
    lm_words,
    load_english,
    parse,
)


@dataclass(frozen=True)
class DictModel:
    """The model as it was: dicts of counts, stupid backoff (Brants et al. 2007)."""

    unigrams: dict[str, int]
    bigrams: dict[tuple[str, str], int]
    rows: dict[str, int]
    total: int

    def count(self, word: str) -> int:
        return self.unigrams.get(word.casefold(), 0)

    def unigram(self, word: str) -> float:
        return max(self.count(word), OOV_COUNT) / self.total

    def log_bigram(self, previous: str | None, word: str) -> float:
        key = word.casefold()
        if previous is not None:
            first = previous.casefold()
            seen = self.bigrams.get((first, key))
            if seen:
                return math.log10(seen / self.rows[first])
        return math.log10(BACKOFF * self.unigram(key))

    def log_sequence(self, words: Sequence[str], left: str | None, right: str | None) -> float:
        total = 0.0
        previous = None if left is None else lm_words(left)[-1]
        for token in words:
            for word in lm_words(token):
                total += self.log_bigram(previous, word)
                previous = word
        if right is not None:
            total += self.log_bigram(previous, lm_words(right)[0])
        return total

    def is_word(self, word: str) -> bool:
        return word.casefold() in self.unigrams


def _lines(name: str) -> list[list[str]]:
    text = (langmodel._data_dir() / name).read_text(encoding="utf-8")
    return [line.split() for line in text.splitlines()]


@pytest.fixture(scope="module")
def reference() -> DictModel:
    unigrams = {word: int(count) for word, count in _lines(UNIGRAMS)}
    bigrams: dict[tuple[str, str], int] = {}
    rows: dict[str, int] = {}
    for first, second, count in _lines(BIGRAMS):
        bigrams[(first, second)] = int(count)
        rows[first] = rows.get(first, 0) + int(count)
    return DictModel(unigrams, bigrams, rows, sum(unigrams.values()))


@pytest.fixture(scope="module")
def compiled() -> bytes:
    return compile_english()


@pytest.fixture(scope="module")
def compact(compiled: bytes, tmp_path_factory: pytest.TempPathFactory) -> LanguageModel:
    """The model as a later process gets it: memory-mapped from the cache file."""
    folder = tmp_path_factory.mktemp("lm")
    english_path(folder).write_bytes(compiled)
    model = langmodel._mapped(english_path(folder))
    assert model is not None
    return model


@pytest.fixture
def compiles(compiled: bytes, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Count the compilations; each returns this module's compiled bytes."""
    calls: list[int] = []

    def stand_in() -> bytes:
        calls.append(1)
        return compiled

    monkeypatch.setattr(langmodel, "compile_english", stand_in)
    yield calls


def _variants(word: str) -> list[str]:
    return [word, word.upper(), word.title(), word + "zq"]


def _sample_words(reference: DictModel) -> list[str]:
    rng = random.Random(20240607)
    vocabulary = sorted(reference.unigrams)
    picked = rng.sample(vocabulary, 1500) + sorted(FUNCTION_WORDS)
    odd = ["", "zzzzq", "Straße", "naïve", "o'clock", "rock'n'roll", "ISIS", "Mosul", "42"]
    contractions = ["it's", "It\u2019s", "don't", "won't", "can't", "they're", "I'm"]
    contractions += ["we'll", "she'd", "you've", "John's", "isn't", "shan't", "ma'am"]
    return [form for word in picked for form in _variants(word)] + odd + contractions


def _sample_pairs(reference: DictModel, words: list[str]) -> list[tuple[str | None, str]]:
    rng = random.Random(7)
    seen = rng.sample(sorted(reference.bigrams), 3000)
    pairs: list[tuple[str | None, str]] = [(a, b) for a, b in seen]
    pairs += [(a.title(), b.upper()) for a, b in seen[:500]]
    pairs += [(rng.choice(words), rng.choice(words)) for _ in range(3000)]
    pairs += [(None, word) for word in words[:1000]]
    return pairs


def test_every_word_counts_the_same(compact: LanguageModel, reference: DictModel) -> None:
    for word in reference.unigrams:
        assert compact.count(word) == reference.count(word)
    assert compact.total == reference.total


def test_words_score_the_same(compact: LanguageModel, reference: DictModel) -> None:
    words = _sample_words(reference)
    assert len(words) > 6000
    for word in words:
        assert compact.count(word) == reference.count(word), word
        assert compact.unigram(word) == reference.unigram(word), word
        assert compact.is_word(word) is reference.is_word(word), word
        assert compact.log_bigram(None, word) == reference.log_bigram(None, word), word


def test_pairs_score_the_same(compact: LanguageModel, reference: DictModel) -> None:
    pairs = _sample_pairs(reference, _sample_words(reference))
    for previous, word in pairs:
        expected = reference.log_bigram(previous, word)
        assert compact.log_bigram(previous, word) == expected, (previous, word)
        assert compact.log_bigram(previous, word) == expected, "the memo gives it back"
    assert sum(1 for a, b in pairs if a and reference.bigrams.get((a, b))) >= 3000


def test_sequences_score_the_same(compact: LanguageModel, reference: DictModel) -> None:
    rng = random.Random(11)
    words = _sample_words(reference)
    ends: list[str | None] = [None, *rng.sample(words, 20)]
    for _ in range(2000):
        span = rng.sample(words, rng.randint(1, 4))
        left, right = rng.choice(ends), rng.choice(ends)
        expected = reference.log_sequence(span, left, right)
        assert compact.log_sequence(span, left, right) == expected, (span, left, right)


def test_function_words_and_lm_words(compact: LanguageModel) -> None:
    assert compact.function_words == FUNCTION_WORDS
    assert lm_words("It\u2019s") == ("it", "is")
    assert lm_words("won't") == ("will", "not")
    assert lm_words("John's") == ("john",)
    assert lm_words("they're") == ("they", "are")


def test_in_memory_model_is_the_cached_one(compiles: list[int], compact: LanguageModel) -> None:
    model = load_english(None)
    assert compiles == [1]
    assert model.words == compact.words
    assert list(model.pairs) == list(compact.pairs)


def test_cache_is_built_once_then_read(compiles: list[int], tmp_path: Path) -> None:
    first = load_english(tmp_path)
    assert compiles == [1]
    path = english_path(tmp_path)
    assert path.name.startswith("english-lm-")
    assert path.suffix == ".bin"
    again = load_english(tmp_path)
    assert compiles == [1]
    assert again.log_bigram("of", "the") == first.log_bigram("of", "the")


def _spoilers(data: bytes) -> dict[str, bytes]:
    middle = len(data) // 2
    flipped = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]
    return {
        "empty": b"",
        "header only": data[:20],
        "truncated": data[: len(data) - 100],
        "one byte short": data[:-1],
        "one byte long": data + b"\0",
        "flipped byte": flipped,
        "wrong magic": b"X" + data[1:],
        "other format": data[:8] + (langmodel.FORMAT + 1).to_bytes(4, "little") + data[12:],
        "text": data.replace(b"\n", b"\r\n"),
    }


def test_bad_bytes_do_not_parse(compiled: bytes) -> None:
    assert parse(memoryview(compiled)) is not None
    for name, spoiled in _spoilers(compiled).items():
        assert parse(memoryview(spoiled)) is None, name


@pytest.mark.parametrize("name", ["empty", "truncated", "flipped byte", "other format"])
def test_bad_cache_file_is_rebuilt(
    name: str, compiles: list[int], compiled: bytes, tmp_path: Path
) -> None:
    path = english_path(tmp_path)
    path.write_bytes(_spoilers(compiled)[name])
    model = load_english(tmp_path)
    assert compiles == [1]
    assert path.read_bytes() == compiled
    assert model.count("the") > 0


def test_unwritable_cache_folder_still_works(compiles: list[int], tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    model = load_english(blocker / "cache")  # neither readable nor creatable
    assert compiles == [1]
    assert model.is_word("Iraq")
    assert not (blocker / "cache").exists()


def test_memos_are_bounded(
    compiled: bytes, reference: DictModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = parse(memoryview(compiled))
    assert model is not None
    monkeypatch.setattr(langmodel, "MEMO_SIZE", 50)
    words = sorted(reference.unigrams)[:400]
    for previous, word in itertools.pairwise(words):
        assert model.log_bigram(previous, word) == reference.log_bigram(previous, word)
        assert model.count(word) == reference.count(word)
    assert 0 < len(model._ids) <= 50
    assert 0 < len(model._scores) <= 50


ODD_UNIGRAMS = """zeta 5\nalpha 7\nbeta 3\nalpha 9\nnaïve 4\nétude 2\nShout 8\ngamma 0\n"""
ODD_BIGRAMS = """beta alpha 2\nalpha beta 4\nalpha zeta 1\nomega alpha 6\nalpha beta 5
alpha zero 0\nbeta omega 3\nétude naïve 2\n"""


def _odd_reference() -> DictModel:
    """The dict model's reading of ``ODD_*``: last count wins, row totals count every line."""
    unigrams: dict[str, int] = {}
    for line in ODD_UNIGRAMS.splitlines():
        word, count = line.split()
        unigrams[word] = int(count)
    bigrams: dict[tuple[str, str], int] = {}
    rows: dict[str, int] = {}
    for line in ODD_BIGRAMS.splitlines():
        first, second, count = line.split()
        bigrams[(first, second)] = int(count)
        rows[first] = rows.get(first, 0) + int(count)
    return DictModel(unigrams, bigrams, rows, sum(unigrams.values()))


def test_odd_tables_score_as_the_dict_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Repeated words and pairs, unsorted lines, words of the bigrams only, a zero count."""
    texts = {UNIGRAMS: ODD_UNIGRAMS, BIGRAMS: ODD_BIGRAMS}

    def columns(name: str, width: int) -> list[list[str]]:
        fields = texts[name].split()
        return [fields[column::width] for column in range(width)]

    monkeypatch.setattr(langmodel, "_columns", columns)
    model = load_english(None)
    reference = _odd_reference()
    words = [*reference.unigrams, "omega", "zero", "shout", "SHOUT", "nope", "Étude", ""]
    for word in words:
        assert model.count(word) == reference.count(word), word
        assert model.unigram(word) == reference.unigram(word), word
        assert model.is_word(word) is reference.is_word(word), word
        for previous in [None, *words]:
            assert model.log_bigram(previous, word) == reference.log_bigram(previous, word)
    assert model.words == [
        "Shout",
        "alpha",
        "beta",
        "gamma",
        "naïve",
        "omega",
        "zero",
        "zeta",
        "étude",
    ]
