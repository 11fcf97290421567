"""A small English language model from symspellpy's bundled word and bigram counts.

Unigram counts (82,834 words) and bigram counts (242,342 pairs) ship with symspellpy, so
this works offline with nothing to download. Probabilities use stupid backoff (Brants et
al. 2007, "Large language models in machine translation", EMNLP): a seen bigram's
relative frequency within its first word's row, otherwise ``BACKOFF`` times the unigram
probability; a word in neither table gets ``OOV_COUNT``. Scores are log10 probabilities
(unnormalised, as stupid backoff is).

Storage. Parsing the two text files takes about 0.4 s, so ``load_english`` compiles them
once per package version (and per symspellpy data file) into one binary file in the
cache folder (``cleanup.cache``), and later processes map that file (about 10 ms; the
pages are shared by every process that maps it). Layout, every integer a native int64 ('q'):

    header   ``_HEADER``: magic, format, CRC-32 of the rest, n words, n pairs, blob bytes,
             total count (little-endian)
    counts   [n words]      unigram count of each word id (-1: a word of the bigrams only)
    rows     [n words]      sum of the bigram counts whose first word is this id
    starts   [n words + 1]  the pairs of first word i are ``starts[i]:starts[i + 1]``
    seconds  [n pairs]      second word ids, ascending within each first word's run
    pairs    [n pairs]      bigram counts, parallel to ``seconds``
    words    [blob bytes]   the words, sorted by code point, newline-joined, UTF-8;
                            a word's id is its position

A word's id is found by ``bisect`` in the sorted word list, a pair by ``bisect`` within its
first word's run (12 pairs on average); repeated look-ups are answered by two bounded
memos per model (``MEMO_SIZE``). A bad file (missing, short, wrong magic, format or
length, CRC mismatch) is rebuilt; an unwritable folder still gives a model, built in
memory. The numbers are exactly those of the plain dict model this replaced: the same
Python ints go into the same float expressions.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import math
import mmap
import operator
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast

from cleanup.cache import cache_file, cached, rebuilt
from cleanup.english import FUNCTION_WORDS
from cleanup.textio import write_atomic

UNIGRAMS = "frequency_dictionary_en_82_765.txt"
BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
BACKOFF = 0.4
OOV_COUNT = 1_000.0
COMMON_COUNT = 10_000_000  # a word this frequent ("target", "price") is a common word
# The counts have no contractions in bigrams: "it's" is read as "it is", "don't" as
# "do not", and a possessive "'s" as the word itself.
SUFFIXES = {"ve": "have", "re": "are", "ll": "will", "d": "would", "m": "am"}
NEGATIONS = {"won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not")}
IS_BEFORE_S = frozenset(
    {"it", "that", "there", "here", "what", "he", "she", "who", "where", "how", "let", "this"}
)


def lm_words(token: str) -> tuple[str, ...]:
    """The words of the counts that a written token stands for."""
    word = token.casefold().replace("\u2019", "'")
    if "'" not in word:
        return (word,)
    if word.endswith("n't"):
        return NEGATIONS.get(word, (word[:-3], "not"))
    base, _, suffix = word.rpartition("'")
    if suffix == "s":
        return (base, "is") if base in IS_BEFORE_S else (base,)
    if suffix in SUFFIXES:
        return (base, SUFFIXES[suffix])
    return (word,)


# The binary form: bump FORMAT whenever the layout or the compiled content changes.
FORMAT = 1
MAGIC = b"CLLM\r\n\x1a\n"  # binary-only bytes, so a text-mode copy is caught
_HEADER = struct.Struct("<8sIIqqqq")  # magic, format, crc32, n words, n pairs, blob, total
# Each model remembers the word ids and the log_bigram scores it has looked up, up to
# this many of each (then it forgets them all at once): about 25 MB if both are full,
# while cleaning 20,000 words with 5,000 terms remembers about 5,000 ids and 7,000 scores.
MEMO_SIZE = 1 << 16

Ints = Sequence[int]  # an array('q') or a memoryview cast to 'q'
_Key = TypeVar("_Key")
_Value = TypeVar("_Value")


@dataclass(frozen=True, eq=False, repr=False, slots=True)
class LanguageModel:
    """Counts of words and word pairs, and stupid-backoff scores from them.

    Built by ``load_english`` (or ``parse``); read-only but for bounded memos of word ids
    and scores (``MEMO_SIZE``). ``words`` are the sorted words; the arrays are indexed by
    word id (``counts``, ``rows``, ``starts``) or by pair (``seconds``, ``pairs``); see the
    module docstring for their shapes. ``total`` is the sum of the unigram counts.
    """

    words: list[str]
    counts: Ints
    rows: Ints
    starts: Ints
    seconds: Ints
    pairs: Ints
    total: int
    _ids: dict[str, int] = field(default_factory=dict)  # memo: word -> id
    _scores: dict[tuple[str | None, str], float] = field(default_factory=dict)  # log_bigram

    def word_id(self, word: str) -> int:
        """The id of ``word`` (already casefolded), or -1 for a word in neither table."""
        found = self._ids.get(word)
        if found is None:
            words = self.words
            found = bisect_left(words, word)
            if found == len(words) or words[found] != word:
                found = -1
            _remember(self._ids, word, found)
        return found

    def count(self, word: str) -> int:
        """How often ``word`` (any case) occurs in the unigram counts; 0 if never."""
        found = self.word_id(word.casefold())
        return max(self.counts[found], 0) if found >= 0 else 0

    def unigram(self, word: str) -> float:
        """P(word): its count (at least ``OOV_COUNT``) over the total count."""
        return max(self.count(word), OOV_COUNT) / self.total

    def log_bigram(self, previous: str | None, word: str) -> float:
        """log10 P(word | previous) by stupid backoff; ``previous`` None is a sentence start."""
        pair = (previous, word)
        found = self._scores.get(pair)
        if found is None:
            found = self._log_bigram(previous, word)
            _remember(self._scores, pair, found)
        return found

    def _log_bigram(self, previous: str | None, word: str) -> float:
        key = word.casefold()
        if previous is not None:
            head, tail = self.word_id(previous.casefold()), self.word_id(key)
            if head >= 0 and tail >= 0:
                low, high = self.starts[head], self.starts[head + 1]
                at = bisect_left(self.seconds, tail, low, high)
                if at < high and self.seconds[at] == tail and self.pairs[at]:
                    return math.log10(self.pairs[at] / self.rows[head])
        return math.log10(BACKOFF * self.unigram(key))

    def log_sequence(self, words: Sequence[str], left: str | None, right: str | None) -> float:
        """log10 P of ``words`` between ``left`` and ``right`` (the transitions included)."""
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
        """Whether ``word`` (any case) is in the unigram counts."""
        found = self.word_id(word.casefold())
        return found >= 0 and self.counts[found] >= 0

    @property
    def function_words(self) -> frozenset[str]:
        """English function words (the, of, and, I, is ...): ``FUNCTION_WORDS``."""
        return FUNCTION_WORDS


def _remember(memo: dict[_Key, _Value], key: _Key, value: _Value) -> None:
    """``memo[key] = value``, first forgetting everything if ``memo`` holds ``MEMO_SIZE``."""
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = value


def load_english(folder: Path | None) -> LanguageModel:
    """The bundled English model, from its binary form in ``folder`` (the cache folder).

    A missing or bad file is compiled from symspellpy's counts (about 1 s) and written
    atomically; a folder that cannot be written still gives the model. ``folder`` None
    compiles it in memory and writes nothing.
    """
    if folder is None:
        return _model_or_fail(memoryview(compile_english()))
    path = english_path(folder)
    model = _mapped(path)
    if model is not None:
        return model
    if cached(path):  # there, but cut short, damaged or of another format
        rebuilt(path, "is not a language model of this version (damaged or foreign)")
    data = compile_english()
    with contextlib.suppress(OSError):  # a read-only or full folder: keep this copy only
        write_atomic(path, data)
    return _model_or_fail(memoryview(data))


def english_path(folder: Path) -> Path:
    """The binary form's file in ``folder``: keyed by the package version, ``FORMAT``, the
    byte order and the size and modification time of symspellpy's two files."""
    parts: list[object] = [FORMAT, sys.byteorder]
    for name in (UNIGRAMS, BIGRAMS):
        stat = (_data_dir() / name).stat()
        parts += [name, stat.st_size, stat.st_mtime_ns]
    return cache_file(folder, "english-lm", parts, "bin")


def _data_dir() -> Path:
    """symspellpy's package folder, found without importing symspellpy."""
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("symspellpy is not installed", name="symspellpy")
    return Path(next(iter(spec.submodule_search_locations)))


def _mapped(path: Path) -> LanguageModel | None:
    """The model in ``path``, memory-mapped; None if the file is missing or bad."""
    try:
        with path.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    return parse(memoryview(mapped))


def parse(data: memoryview) -> LanguageModel | None:
    """The model in ``data`` (bytes of the binary form), or None if they are not one."""
    layout = _checked_layout(data)
    if layout is None:
        return None
    n_words, n_pairs, blob, total = layout
    try:
        text = str(data[len(data) - blob :], "utf-8")
    except UnicodeDecodeError:
        return None
    words = text.split("\n") if n_words else []
    if len(words) != n_words:
        return None
    ints = data[_HEADER.size : len(data) - blob].cast("q")
    cuts = [0, n_words, 2 * n_words, 3 * n_words + 1, 3 * n_words + 1 + n_pairs, len(ints)]
    counts, rows, starts, seconds, pairs = (ints[a:b] for a, b in itertools.pairwise(cuts))
    return LanguageModel(words, counts, rows, starts, seconds, pairs, total)


def _checked_layout(data: memoryview) -> tuple[int, int, int, int] | None:
    """(n words, n pairs, blob bytes, total) from the header, if magic, format, length
    and checksum all match; else None."""
    if len(data) < _HEADER.size:
        return None
    magic, version, crc, n_words, n_pairs, blob, total = _HEADER.unpack_from(data)
    size = _HEADER.size + 8 * (3 * n_words + 1 + 2 * n_pairs) + blob
    valid = magic == MAGIC and version == FORMAT and min(n_words, n_pairs, blob) >= 0
    if not valid or len(data) != size or zlib.crc32(data[_HEADER.size :]) != crc:
        return None
    return n_words, n_pairs, blob, total


def _model_or_fail(data: memoryview) -> LanguageModel:
    model = parse(data)
    if model is None:
        raise AssertionError("the compiled English model does not parse")
    return model


def compile_english() -> bytes:
    """The binary form (see the module docstring) of symspellpy's counts.

    Read as the dict model read them: a repeated word or pair keeps its last count, and a
    first word's row total adds up every line that starts with it.
    """
    unigram_words, unigram_fields = _columns(UNIGRAMS, 2)
    unigrams = dict(zip(unigram_words, map(int, unigram_fields), strict=True))
    firsts, seconds, pair_fields = _columns(BIGRAMS, 3)
    pair_counts = list(map(int, pair_fields))
    if min(unigrams.values(), default=0) < 0 or min(pair_counts, default=0) < 0:
        raise ValueError("symspellpy's counts must not be negative")  # -1 marks a non-word
    words, heads, tails = _word_ids(unigrams, firsts, seconds)
    keys, values = _ordered_pairs(heads, tails, pair_counts)
    rows = [0] * len(words)
    for head, count in zip(heads, pair_counts, strict=True):
        rows[head] += count
    starts = [0] * (len(words) + 1)
    for key in keys:
        starts[(key >> 32) + 1] += 1
    blob = "\n".join(words).encode()
    payload = b"".join(
        [
            _int64s([unigrams.get(word, -1) for word in words]),
            _int64s(rows),
            _int64s(itertools.accumulate(starts)),
            _int64s([key & 0xFFFF_FFFF for key in keys]),
            _int64s(values),
            blob,
        ]
    )
    total = sum(unigrams.values())
    header = _HEADER.pack(
        MAGIC, FORMAT, zlib.crc32(payload), len(words), len(keys), len(blob), total
    )
    return header + payload


def _word_ids(
    unigrams: dict[str, int], firsts: list[str], seconds: list[str]
) -> tuple[list[str], list[int], list[int]]:
    """The sorted words of both tables, and the ids of each bigram line's two words."""
    words = sorted(unigrams)
    ids = dict(zip(words, range(len(words)), strict=True))
    heads, tails = list(map(ids.get, firsts)), list(map(ids.get, seconds))
    if None in heads or None in tails:  # a word of the bigrams only (none in symspellpy 6.7)
        words = sorted(ids.keys() | set(firsts) | set(seconds))
        ids = dict(zip(words, range(len(words)), strict=True))
        return words, list(map(ids.__getitem__, firsts)), list(map(ids.__getitem__, seconds))
    return words, cast(list[int], heads), cast(list[int], tails)


def _ordered_pairs(
    heads: list[int], tails: list[int], counts: list[int]
) -> tuple[list[int], list[int]]:
    """The pair keys ``head << 32 | tail``, ascending, and their counts (a repeated pair's
    last); the lines' own order when it is already that (as in symspellpy's file)."""
    keys = [head << 32 | tail for head, tail in zip(heads, tails, strict=True)]
    if all(map(operator.lt, keys, itertools.islice(keys, 1, None))):
        return keys, counts
    by_key = dict(zip(keys, counts, strict=True))
    ordered = sorted(by_key)
    return ordered, [by_key[key] for key in ordered]


def _int64s(values: Iterable[int]) -> bytes:
    return array("q", values).tobytes()


def _columns(name: str, width: int) -> list[list[str]]:
    """The columns of one of symspellpy's files, ``width`` whitespace-separated fields a line."""
    text = (_data_dir() / name).read_text(encoding="utf-8")
    fields = text.split()
    if len(fields) != width * len(text.splitlines()):
        raise ValueError(f"{name}: not {width} fields on every line")
    return [fields[column::width] for column in range(width)]
